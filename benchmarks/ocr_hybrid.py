"""Which lines the int8 recogniser reads differently from the float one, and what flags them.

    python benchmarks/ocr_hybrid.py [--models DIR] [--every 3] [--json OUT]
    python benchmarks/ocr_hybrid.py --boxes [--unclip 1.6,1.8,2.0]   # detection only

On development screens only (the corpus's extra development screens,
``benchmarks/.cache/corpus-more/dev``, and the dev set's sequence frames; never held-out
families or ScreenLeak), every line box the int8 detector finds is recognised by the int8
recogniser and by the float one (``RapidOcrEngine.readings``; the same crops, batched alike).
A line *differs* when the two texts differ. For each candidate criterion of
``redaction.image.ocr.Recheck`` (a character scored below a threshold by the int8 recogniser;
empty readings) it prints the share of lines that would be read again by the float recogniser
and the share of differing lines caught. Prints aggregate counts only (no text).

``--boxes``: detection only. Each float detector box is paired with the int8 detector's box
that overlaps it most (at each ``--unclip`` ratio for the int8 detector; the float one keeps
the engine's default); counted: float boxes with no int8 box, and int8 boxes whose left or
right edge lies inside the float box by 2 px or more (a first or last character may be cut).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import cv2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redaction.image import create_engine, geometry, quantized
from redaction.image.ocr import Recheck
from redaction.models import Box

HERE = Path(__file__).resolve().parent
SETS = {
    "corpus-more-dev": HERE / ".cache" / "corpus-more" / "dev" / "images",
    "devset-sequences": HERE / ".devset" / "sequences",
}
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99)


def _images(sets: str, every: int) -> list[Any]:
    out = []
    for name in sets.split(","):
        for path in sorted(SETS[name].rglob("*.png"))[::every]:
            image = cv2.imread(str(path))
            if image is not None:
                out.append(image)
    return out


def _overlap(a: Box, b: Box) -> int:
    inter = geometry.intersection(a, b)
    return 0 if inter is None else inter.w * inter.h


def compare_boxes(args: argparse.Namespace, det_model: Any) -> None:
    """Float detector boxes against the int8 detector's at several unclip ratios."""
    reference: Any = create_engine("rapidocr")
    ratios = [float(r) for r in args.unclip.split(",")]
    engines: dict[float, Any] = {
        r: create_engine("rapidocr", det_model=det_model, det_unclip_ratio=r) for r in ratios
    }
    counts = {r: {"missing": 0, "left_in": 0, "right_in": 0, "wider_px": 0.0} for r in ratios}
    total = 0
    loads = [os.getloadavg()[0]]
    for image in _images(args.sets, args.every):
        floats = reference.boxes(image)
        total += len(floats)
        for r, engine in engines.items():
            found = engine.boxes(image)
            for box in floats:
                best = max(found, key=lambda b: _overlap(b, box), default=None)
                if best is None or _overlap(best, box) == 0:
                    counts[r]["missing"] += 1
                    continue
                counts[r]["left_in"] += int(best.x >= box.x + 2)
                counts[r]["right_in"] += int(best.x + best.w <= box.x + box.w - 2)
                counts[r]["wider_px"] += best.w - box.w
    loads.append(os.getloadavg()[0])
    for r, c in counts.items():
        print(f"int8 unclip {r}: of {total} float boxes, none found {c['missing']}, left edge "
              f"inside {c['left_in']}, right edge inside {c['right_in']}, mean width "
              f"{c['wider_px'] / max(1, total - c['missing']):+.1f} px")
    print(f"load average {loads[0]:.1f} -> {loads[-1]:.1f}")
    if args.json:
        args.json.write_text(json.dumps({"float_boxes": total, "loads": loads,
                                         "by_unclip": counts}, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=quantized.model_dir())
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--every", type=int, default=3, help="every n-th image of each set")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--boxes", action="store_true", help="compare detection only")
    parser.add_argument("--unclip", default="1.6,1.8,2.0", help="int8 detector's unclip ratios")
    args = parser.parse_args()
    files = {role: args.models / name for role, name in quantized.MODEL_FILES.items()}
    if not all(path.is_file() for path in files.values()):
        sys.exit(f"{args.models}: det_int8.onnx and rec_int8.onnx needed (make models)")
    if args.boxes:
        compare_boxes(args, files["det"])
        return
    engine: Any = create_engine(
        "rapidocr",
        det_model=files["det"],
        rec_model=files["rec"],
        recheck=Recheck(1.0),
    )
    rows: list[dict[str, Any]] = []
    loads = [os.getloadavg()[0]]
    t0 = time.time()
    for name in args.sets.split(","):
        paths = sorted(SETS[name].rglob("*.png"))[:: args.every]
        for path in paths:
            image = cv2.imread(str(path))
            if image is None:
                continue
            for _box, int8, flt in engine.readings(image):
                assert flt is not None
                rows.append(
                    {
                        "set": name,
                        "differs": int8.text.strip() != flt.text.strip(),
                        "empty": not int8.text.strip(),
                        "float_empty": not flt.text.strip(),
                        "min_char": min(int8.char_scores, default=0.0),
                        "score": int8.score,
                        "chars": len(int8.text),
                    }
                )
        print(f"{name}: {len(paths)} images, {len(rows)} lines so far", flush=True)
    loads.append(os.getloadavg()[0])
    n = len(rows)
    differ = [r for r in rows if r["differs"]]
    empty = sum(r["empty"] for r in rows)
    float_reads = sum(r["empty"] and not r["float_empty"] for r in rows)
    print(f"{n} lines, {len(differ)} read differently ({len(differ) / n:.1%}); "
          f"empty int8 readings {empty} (float reads something there: {float_reads})")
    table = []
    for t in THRESHOLDS:
        for empty in (True, False):
            rule = Recheck(t, empty)
            flagged = [rule.needs("" if r["empty"] else "x", [r["min_char"]]) for r in rows]
            caught = sum(f for f, r in zip(flagged, rows, strict=True) if r["differs"])
            share = sum(flagged) / n
            table.append({"min_char_score": t, "empty": empty, "reread": sum(flagged),
                          "caught": caught})
            print(f"min char score < {t:.2f}, empty {'re-read' if empty else 'kept  '}: "
                  f"re-read {sum(flagged)}/{n} ({share:.1%}), differing caught "
                  f"{caught}/{len(differ)} ({caught / max(1, len(differ)):.1%})")
    print(f"{time.time() - t0:.0f} s, load average {loads[0]:.1f} -> {loads[-1]:.1f}")
    if args.json:
        args.json.write_text(json.dumps({"lines": n, "differ": len(differ), "loads": loads,
                                         "table": table}, indent=1))


if __name__ == "__main__":
    main()
