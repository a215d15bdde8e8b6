"""Benchmark what incremental OCR reads again: frames without text change, and a terminal.

    python benchmarks/ocr_reuse.py --compare BEFORE_CHECKOUT [--rounds 2] [--json OUT]

Sequences (1920x1080):
- ``quiet``: a terminal-like screen of 40 lines (drawn with PIL and DejaVu Sans Mono, made-up
  text) followed by 9 frames in which no text changes: the same screenshot again, a block
  cursor blinking on and off, a row highlighted under the pointer, the highlight moving and
  going away. Each step frame is redacted incrementally (as the recorder does); reported: p50
  of the redaction time and of its OCR time, and how many lines were recognised.
- ``terminal``: the dev set's terminal sequence (``benchmarks/devset/generate.py``), each step
  frame redacted from scratch and incrementally, as ``frame_redaction.py --sets incremental``
  does; reported: p50s, their ratio, recognised lines, and frames whose regions are the same.

With ``--compare DIR`` the script runs itself in subprocesses, alternating the code of DIR (an
older checkout, e.g. ``git archive``) and this checkout, ``--rounds`` times each (A, B, A, B):
the machine's load then weighs on both alike. Times are per frame, in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
DEVSET = REPO / "benchmarks" / ".devset"

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def quiet_frames() -> list[np.ndarray[Any, Any]]:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(MONO, 16)
    rows = [
        f"{i:03d} INFO worker-{i % 7} handled job {1000 + 37 * i} in {(i * 53) % 900} ms"
        if i % 4
        else f"dev@box:~/app$ tail -n {i + 3} logs/worker-{i % 7}.log"
        for i in range(40)
    ]
    row_h = 24
    cursor = (14 + 9 * 20, 10 + row_h * 40, 10, 20)

    def draw(cursor_on: bool, hover: int | None) -> np.ndarray[Any, Any]:
        image = Image.new("RGB", (1920, 1080), (12, 12, 12))
        d = ImageDraw.Draw(image)
        if hover is not None:
            d.rectangle((0, 8 + row_h * hover, 1919, 8 + row_h * (hover + 1) - 1), (40, 56, 88))
        for i, text in enumerate(rows):
            d.text((14, 10 + row_h * i), text, font=font, fill=(210, 210, 210))
        d.text((14, 10 + row_h * 40), "dev@box:~/app$", font=font, fill=(210, 210, 210))
        if cursor_on:
            x, y, w, h = cursor
            d.rectangle((x, y, x + w - 1, y + h - 1), (210, 210, 210))
        return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])

    plan = [
        (False, None),
        (False, None),  # the same screenshot again
        (True, None),  # cursor on
        (False, None),  # cursor off
        (False, 10),  # a row highlighted under the pointer
        (False, 11),  # the pointer moved down a row
        (False, None),  # and away
        (True, None),
        (True, None),
        (False, 3),
    ]
    return [draw(c, h) for c, h in plan]


def run(sequence: str, devset: Path) -> dict[str, Any]:
    # redaction first (from --code), then the benchmark helpers, which reuse those modules.
    from redaction.denylist import DenyList
    from redaction.image import ImageRedactionSettings, create_engine
    from redaction.image.ocr import OcrEngine, OcrLine
    from redaction.models import Box

    sys.path.insert(0, str(REPO / "benchmarks"))
    from frame_redaction import build_redactor, imread, same_regions

    class Counting(OcrEngine):
        """The real engine, counting the lines it recognised (not those handed back as read)."""

        name = "rapidocr"

        def __init__(self, inner: OcrEngine) -> None:
            self.inner = inner
            self.recognised = 0

        def read(self, image: Any, device_scale: float = 1.0) -> tuple[OcrLine, ...]:
            lines = self.inner.read(image, device_scale)
            self.recognised += len(lines)
            return lines

        def alignment(self, height: int, width: int, device_scale: float = 1.0) -> int:
            return self.inner.alignment(height, width, device_scale)

        def read_region(
            self,
            frame: Any,
            box: Box,
            device_scale: float = 1.0,
            only_within: Sequence[Box] | None = None,
            reuse: Any = None,
        ) -> tuple[OcrLine, ...]:
            reused = 0

            def counted(found: Box) -> OcrLine | None:
                nonlocal reused
                known = reuse(found) if reuse is not None else None
                reused += known is not None
                return known

            lines = self.inner.read_region(frame, box, device_scale, only_within, counted)
            self.recognised += len(lines) - reused
            return lines

        def describe(self) -> dict[str, Any]:
            return self.inner.describe()

    settings = ImageRedactionSettings()
    engine = Counting(
        create_engine(
            "rapidocr", det_max_side=settings.det_max_side, min_word_score=settings.min_word_score
        )
    )
    redactor = build_redactor("default", settings, engine)
    if sequence == "quiet":
        frames = quiet_frames()
    else:
        frames = [imread(p) for p in sorted((devset / "sequences" / sequence).glob("*.png"))]
    full_ms: list[float] = []
    inc_ms: list[float] = []
    inc_ocr_ms: list[float] = []
    recognised: list[int] = []
    same = 0
    prev = prev_result = first_full = None
    for i, frame in enumerate(frames):
        full = None
        if sequence != "quiet" or i == 0:
            t0 = time.perf_counter()
            full = redactor.redact(frame, DenyList())
            full_ms.append((time.perf_counter() - t0) * 1000)
            first_full = first_full or full
        engine.recognised = 0
        t0 = time.perf_counter()
        inc = redactor.redact(frame, DenyList(), previous_frame=prev, previous_result=prev_result)
        elapsed = (time.perf_counter() - t0) * 1000
        if i:
            inc_ms.append(elapsed)
            inc_ocr_ms.append(inc.stats.ocr_ms)
            recognised.append(engine.recognised)
        # Quiet frames hold the first frame's text: the same regions as its full read.
        same += int(same_regions((full or first_full).redactions, inc.redactions))  # type: ignore[union-attr]
        prev, prev_result = frame, inc
    out: dict[str, Any] = {
        "frames": len(frames),
        "incremental_ms_p50": round(statistics.median(inc_ms)),
        "incremental_ocr_ms_p50": round(statistics.median(inc_ocr_ms)),
        "recognised_lines": sum(recognised),
        "recognised_per_step": recognised,
        "same_regions": f"{same}/{len(frames)}",
    }
    if sequence != "quiet":
        out["full_ms_p50"] = round(statistics.median(full_ms[1:]))
        out["ratio_p50"] = round(statistics.median(full_ms[1:]) / statistics.median(inc_ms), 2)
        out["step_ratios"] = [round(f / i, 1) for f, i in zip(full_ms[1:], inc_ms, strict=True)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequences", default="quiet,terminal")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--code", type=Path, help="import redaction from this checkout")
    parser.add_argument("--compare", type=Path, help="an older checkout: run both, alternating")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.compare is None:
        sys.path.insert(0, str(args.code or REPO))
        report = {s: run(s, args.devset) for s in args.sequences.split(",")}
        text = json.dumps(report)
        print(text, flush=True)
        if args.json:
            args.json.write_text(text)
        return
    runs: dict[str, list[Any]] = {"before": [], "after": []}
    for r in range(args.rounds):
        for label, code in (("before", args.compare), ("after", REPO)):
            load = os.getloadavg()[0]
            done = subprocess.run(
                [sys.executable, __file__, "--sequences", args.sequences, "--devset",
                 str(args.devset), "--code", str(code)],
                capture_output=True, text=True, check=True,
                env={**os.environ, "PYTHONPATH": str(code)},
            )  # fmt: skip
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result["load_at_start"] = round(load, 1)
            runs[label].append(result)
            print(f"round {r + 1} {label}: {json.dumps(result)}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
