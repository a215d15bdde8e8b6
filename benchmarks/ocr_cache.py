"""Benchmark the OCR line cache: the same reads with and without it, same engine settings.

    python benchmarks/ocr_cache.py [--devset benchmarks/.devset] [--json OUT]

Inputs: the dev set's 1080p episode-like sequences (`benchmarks/devset/generate.py` writes
them): a form filled field by field, a terminal printing and scrolling, a page change; plus
"switch back", the page-change sequence followed by its first page again (a window switched
to and back). Each sequence is read two ways, as the tools read them:
- full: every frame read whole (the curators' `redact` and `audit`);
- incremental: changed regions only (the recorder).
Each way runs on two engines built alike, one with `line_cache=4096` (what `Engines.build`
gives the recorder and the curators) and one without; the anchor is the engine without. The
script checks that both return the same lines (line boxes and texts) for every frame, and
reports how far word edges moved (they move with the batch a line is recognised in).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import cv2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from redaction.image.incremental import read_frame
from redaction.image.ocr import OcrEngine, OcrLine, create_engine
from redaction.image.settings import ImageRedactionSettings

CACHE_LINES = 4096


def _sequences(devset: Path) -> dict[str, list[Any]]:
    folder = devset / "sequences"
    if not folder.is_dir():
        sys.exit(f"ocr_cache: {folder} is missing (run benchmarks/devset/generate.py first)")
    out = {
        seq.name: [cv2.imread(str(p)) for p in sorted(seq.glob("*.png"))]
        for seq in sorted(p for p in folder.iterdir() if p.is_dir())
    }
    if "page_change" in out:
        out["switch_back"] = [*out["page_change"], out["page_change"][0]]
    return out


def _signature(lines: tuple[OcrLine, ...]) -> list[tuple[Any, str]]:
    return [(line.box, line.text) for line in lines]


def _word_shift(a: tuple[OcrLine, ...], b: tuple[OcrLine, ...]) -> int:
    """The largest move of a word's left or right edge between two reads of the same line
    (same line box and text).

    RapidOCR places characters by their column in the batch the line was recognised in, so
    a word's edges move by a few pixels with the other lines of its batch, cache or not."""
    same = {(line.box, line.text): line for line in b}
    return max(
        (
            max(abs(u.box.x - v.box.x), abs(u.box.x + u.box.w - v.box.x - v.box.w))
            for x in a
            if (y := same.get((x.box, x.text))) is not None
            for u, v in zip(x.words, y.words, strict=True)
        ),
        default=0,
    )


class _Reader:
    """One engine reading a sequence frame by frame, fully or incrementally."""

    def __init__(self, engine: OcrEngine, incremental: bool) -> None:
        self.engine, self.incremental = engine, incremental
        self.times: list[float] = []
        self.reads: list[tuple[OcrLine, ...]] = []
        self._previous: tuple[Any, tuple[OcrLine, ...]] | None = None

    def read(self, frame: Any) -> None:
        t0 = time.perf_counter()
        if self.incremental and self._previous is not None:
            lines, _ = read_frame(self.engine, frame, *self._previous)
        else:
            lines, _ = read_frame(self.engine, frame)
        self.times.append((time.perf_counter() - t0) * 1000)
        self.reads.append(lines)
        self._previous = (frame, lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=Path(__file__).parent / ".devset")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    sequences = _sequences(args.devset)
    options = ImageRedactionSettings().ocr_options()
    plain = create_engine("rapidocr", **options)
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average_at_start": os.getloadavg(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
    }
    for mode in ("full", "incremental"):
        totals = {"plain": 0.0, "cached": 0.0}
        for name, frames in sequences.items():
            # A fresh cache per sequence: each is one episode.
            cached = create_engine("rapidocr", line_cache=CACHE_LINES, **options)
            a = _Reader(plain, mode == "incremental")
            b = _Reader(cached, mode == "incremental")
            for frame in frames:  # interleaved: both see the same machine load
                a.read(frame)
                b.read(frame)
            t_plain, r_plain, t_cached, r_cached = a.times, a.reads, b.times, b.reads
            cache = getattr(cached, "line_cache", None)
            row = {
                "frames": len(frames),
                "plain_ms_total": round(sum(t_plain)),
                "cached_ms_total": round(sum(t_cached)),
                "ratio": round(sum(t_plain) / sum(t_cached), 2),
                "plain_ms_p50": round(statistics.median(t_plain)),
                "cached_ms_p50": round(statistics.median(t_cached)),
                "cache_hits": getattr(cache, "hits", 0),
                "cache_misses": getattr(cache, "misses", 0),
                # Same line boxes and texts (word boxes: see _word_shift).
                "same_lines_frames": sum(
                    _signature(a) == _signature(b) for a, b in zip(r_plain, r_cached, strict=True)
                ),
                "max_word_edge_shift_px": max(
                    _word_shift(a, b) for a, b in zip(r_plain, r_cached, strict=True)
                ),
            }
            totals["plain"] += sum(t_plain)
            totals["cached"] += sum(t_cached)
            results[f"{mode}/{name}"] = row
            print(f"{mode:11s} {name:12s} {row}", flush=True)
        results[f"{mode}/all"] = {
            "plain_ms_total": round(totals["plain"]),
            "cached_ms_total": round(totals["cached"]),
            "ratio": round(totals["plain"] / totals["cached"], 2),
        }
        print(f"{mode:11s} {'all':12s} {results[f'{mode}/all']}", flush=True)
    results["load_average_at_end"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
