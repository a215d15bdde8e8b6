"""Full-frame OCR speed and reading, old code against new code, alternately (issue 21).

    python benchmarks/ocr_speed.py --compare BEFORE_CHECKOUT [--rounds 2] [--every 1] [--json OUT]

Images: the dev set's sequence frames (form, terminal, page change: 30 frames, 1920x1080) and
its first 20 pages (``benchmarks/.devset/images``, sorted by name; several sizes). Each image
is read whole by the recording engine (``create_engine("rapidocr")`` with the recording
defaults, no line cache), as curators' ``redact`` and the recorder's full reads do.

With ``--compare DIR`` the script runs itself in subprocesses, alternating the code of DIR (an
older checkout, e.g. ``git archive``) and this checkout, ``--rounds`` times each (A, B, A, B),
so that the machine's load weighs on both alike. ``--interleave`` instead keeps one process
of each code running and hands them every image in turn (before, after; the next image after,
before): on a machine whose load drifts within minutes, both meet the same load. Reported
per code: p50 of detection, recognition and whole-read milliseconds on the 1080p frames and
on the pages, and, against the first "before" read, how many lines were read identically
(same text, same line box, same word boxes) and how many images have every line identical.
Only synthetic dev-set text is handled.
``--every N`` reads every Nth image (timing only; the reading check wants N=1).
``--models SPEC`` (with ``--interleave``, repeatable): one more "after" process per SPEC, reading
with the int8 models of a folder (``DIR``) or the hybrid reading (``DIR@T``, see
``benchmarks/frame_redaction.py --ocr-models``), interleaved with the others.
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

REPO = Path(__file__).resolve().parent.parent
DEVSET = REPO / "benchmarks" / ".devset"


def images(devset: Path, every: int, offset: int = 0) -> list[Path]:
    frames = sorted((devset / "sequences").glob("*/*.png"))
    pages = sorted((devset / "images").glob("*.png"))[:20]
    return (frames + pages)[offset::every]


def _engine(devset: Path, models: Path | None = None) -> Any:
    import cv2

    from redaction.image import ImageRedactionSettings, create_engine

    settings = ImageRedactionSettings()
    options: dict[str, Any] = {}
    if models is not None:
        from frame_redaction import ocr_model_files  # this script's folder

        options = ocr_model_files(models)
    engine: Any = create_engine(
        "rapidocr",
        det_max_side=settings.det_max_side,
        min_word_score=settings.min_word_score,
        **options,
    )
    engine.read(cv2.imread(str(images(devset, 1)[0])))  # warm up
    return engine


def _read(engine: Any, path: Path) -> dict[str, Any]:
    import cv2

    image = cv2.imread(str(path))
    t0 = time.perf_counter()
    lines = engine.read(image)
    total = (time.perf_counter() - t0) * 1000
    return {
        "name": f"{path.parent.name}/{path.name}",
        "kind": "frames" if path.parent.parent.name == "sequences" else "pages",
        "det": engine.last_timings["det_ms"],
        "rec": engine.last_timings["rec_ms"],
        "total": total,
        "lines": [[line.text, _box(line.box), [_box(w.box) for w in line.words]] for line in lines],
    }


def summary(done: list[dict[str, Any]]) -> dict[str, Any]:
    by_kind: dict[str, dict[str, list[float]]] = {}
    for one in done:
        times = by_kind.setdefault(one["kind"], {"det": [], "rec": [], "total": []})
        for part in times:
            times[part].append(one[part])
    return {
        "p50_ms": {
            kind: {part: round(statistics.median(v)) for part, v in parts.items()}
            for kind, parts in by_kind.items()
        },
        "reads": {one["name"]: one["lines"] for one in done},
    }


def serve(devset: Path, models: Path | None = None) -> None:
    """Read the image named on each line of stdin; answer one JSON line each."""
    engine = _engine(devset, models)
    print("ready", flush=True)
    for line in sys.stdin:
        print(json.dumps(_read(engine, Path(line.strip()))), flush=True)


def interleave(
    before: Path, devset: Path, every: int, offset: int = 0, models: Sequence[Path] = ()
) -> dict[str, Any]:
    runs: list[tuple[str, Path, list[str]]] = [("before", before, []), ("after", REPO, [])]
    runs += [(f"after {spec}", REPO, ["--models", str(spec)]) for spec in models]
    command = [sys.executable, __file__, "--serve", "--devset", str(devset), "--code"]
    procs = {
        label: subprocess.Popen(
            [*command, str(code), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(code)},
        )
        for label, code, extra in runs
    }
    for proc in procs.values():
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    load = [round(x, 1) for x in os.getloadavg()]
    done: dict[str, list[dict[str, Any]]] = {label: [] for label in procs}
    for i, path in enumerate(images(devset, every, offset)):
        for label in list(procs) if i % 2 == 0 else list(procs)[::-1]:
            proc = procs[label]
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(f"{path}\n")
            proc.stdin.flush()
            done[label].append(json.loads(proc.stdout.readline()))
        print(
            path.parent.name,
            path.name,
            {k: [round(v[-1][part]) for part in ("det", "rec", "total")] for k, v in done.items()},
            *(
                "same lines" if done["before"][-1]["lines"] == d[-1]["lines"] else "DIFFER"
                for label, d in done.items()
                if label != "before"
            ),
            flush=True,
        )
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    results = {label: summary(d) for label, d in done.items()}
    reference = results["before"]["reads"]
    report: dict[str, Any] = {"load_at_start": load, "load_at_end": os.getloadavg()}
    for label, result in results.items():
        report[label] = {
            "p50_ms": result["p50_ms"],
            "reading_vs_before": same_reading(reference, result["reads"]),
        }
    return report


def run(devset: Path, every: int) -> dict[str, Any]:
    engine = _engine(devset)
    done = [_read(engine, path) for path in images(devset, every)]
    return summary(done)


def _box(box: Any) -> list[int]:
    return [box.x, box.y, box.w, box.h]


def same_reading(a: dict[str, list[Any]], b: dict[str, list[Any]]) -> dict[str, Any]:
    lines = same = images_same = 0
    texts_same = 0
    for name, lines_a in a.items():
        lines_b = b.get(name, [])
        lines += len(lines_a)
        remaining = list(lines_b)
        for line in lines_a:
            if line in remaining:
                remaining.remove(line)
                same += 1
        texts_same += len({ln[0] for ln in lines_a} & {ln[0] for ln in lines_b})
        images_same += int(lines_a == lines_b)
    return {
        "lines_identical": f"{same}/{lines}",
        "images_identical": f"{images_same}/{len(a)}",
        "distinct_texts_shared": texts_same,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--code", type=Path, help="import redaction from this checkout")
    parser.add_argument("--compare", type=Path, help="an older checkout: run both, alternating")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--interleave", action="store_true", help="alternate per image")
    parser.add_argument("--offset", type=int, default=0, help="with --every: start here")
    parser.add_argument(
        "--models",
        type=Path,
        action="append",
        default=[],
        metavar="SPEC",
        help="with --interleave: also read with these int8 models (DIR or DIR@T)",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        sys.path.insert(0, str(args.code or REPO))
        serve(args.devset, args.models[0] if args.models else None)
        return
    if args.compare is not None and args.interleave:
        report = interleave(args.compare, args.devset, args.every, args.offset, args.models)
        print(json.dumps(report), flush=True)
        if args.json:
            args.json.write_text(json.dumps(report, indent=1))
        return
    if args.compare is None:
        sys.path.insert(0, str(args.code or REPO))
        print(json.dumps(run(args.devset, args.every)), flush=True)
        return
    runs: dict[str, list[Any]] = {"before": [], "after": []}
    reference: dict[str, list[Any]] | None = None
    for r in range(args.rounds):
        for label, code in (("before", args.compare), ("after", REPO)):
            load = os.getloadavg()
            started = time.strftime("%H:%M:%S", time.gmtime())
            done = subprocess.run(
                [sys.executable, __file__, "--devset", str(args.devset), "--every",
                 str(args.every), "--code", str(code)],
                capture_output=True, text=True, check=True,
                env={**os.environ, "PYTHONPATH": str(code)},
            )  # fmt: skip
            result = json.loads(done.stdout.strip().splitlines()[-1])
            reads = result.pop("reads")
            reference = reference or reads
            result["reading_vs_first_before"] = same_reading(reference, reads)
            result["load_at_start"] = [round(x, 1) for x in load]
            result["started_utc"] = started
            runs[label].append(result)
            print(f"round {r + 1} {label}: {json.dumps(result)}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
