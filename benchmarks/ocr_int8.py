"""Int8 vs float OCR models: read time and how many lines the int8 models read identically.

    python benchmarks/ocr_int8.py --variant NAME=DIR[@T] [--variant NAME=DIR ...] [--rounds 2]
    CUAREC_MODEL_DIR=DIR python benchmarks/ocr_int8.py        # the recorded models (quantized=True)

Reads the dev set's sequence frames (1920x1080: every 3rd terminal frame, every 5th form
frame, every 2nd page-change frame) with the float engine and each int8 variant in turn (float,
variants..., repeated ``--rounds`` times per frame, so load drifts hit all alike); prints p50
detection, recognition and total ms per read and the float lines whose text each variant reads
too. A variant is a folder holding ``det_int8.onnx`` and/or ``rec_int8.onnx`` made by
``scripts/quantize_ocr.py`` (a model it lacks stays float); without ``--variant`` the recorded
models are used through ``quantized=True`` (verified by ``redaction/image/quantized.sha256``).
``DIR@T``: the hybrid reading, where the float recogniser reads again every line in which the
int8 recogniser scored a character below ``T`` (``redaction.image.ocr.Recheck``); the lines
read again are counted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import cv2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redaction.image import create_engine, quantized
from redaction.image.ocr import Recheck

SEQUENCES = Path(__file__).resolve().parent / ".devset" / "sequences"


def variant_engine(spec: str) -> Any:
    where, _, threshold = spec.partition("@")
    folder = Path(where)
    files = {role: folder / name for role, name in quantized.MODEL_FILES.items()}
    found = {f"{role}_model": path for role, path in files.items() if path.is_file()}
    if not found:
        sys.exit(f"{folder}: no det_int8.onnx or rec_int8.onnx")
    recheck = Recheck(float(threshold)) if threshold else None
    return create_engine("rapidocr", **found, recheck=recheck)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=DIR")
    parser.add_argument("--rounds", type=int, default=2, help="reads of each frame per engine")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    paths = (
        sorted(SEQUENCES.glob("terminal/*.png"))[::3]
        + sorted(SEQUENCES.glob("form/*.png"))[::5]
        + sorted(SEQUENCES.glob("page_change/*.png"))[::2]
    )
    engines: dict[str, Any] = {"float": create_engine("rapidocr")}
    if args.variant:
        for item in args.variant:
            name, _, folder = item.partition("=")
            engines[name] = variant_engine(folder)
    else:
        engines["int8"] = create_engine("rapidocr", quantized=True)
        print("int8:", engines["int8"].describe().get("quantized"), flush=True)
    times: dict[str, dict[str, list[float]]] = {
        name: {"det": [], "rec": [], "total": []} for name in engines
    }
    same = dict.fromkeys(engines, 0)
    rechecked = dict.fromkeys(engines, 0)
    read = dict.fromkeys(engines, 0)
    total = 0
    loads = [os.getloadavg()[0]]
    for path in paths:
        image = cv2.imread(str(path))
        texts: dict[str, set[str]] = {}
        for round_ in range(args.rounds):
            for name, engine in engines.items():
                t0 = time.perf_counter()
                lines = engine.read(image)
                times[name]["total"].append((time.perf_counter() - t0) * 1000)
                times[name]["det"].append(engine.last_timings["det_ms"])
                times[name]["rec"].append(engine.last_timings["rec_ms"])
                texts[name] = {line.text for line in lines}
                if round_ == 0:
                    rechecked[name] += int(engine.last_timings.get("rechecked", 0))
                    read[name] += len(lines)
        total += len(texts["float"])
        row = [path.parent.name, path.name, str(len(texts["float"]))]
        for name in engines:
            same[name] += len(texts["float"] & texts[name])
            row.append(f"{name} {len(texts['float'] & texts[name])}/{len(texts[name])}")
        print(*row, f"load {os.getloadavg()[0]:.1f}", flush=True)
        loads.append(os.getloadavg()[0])
    report: dict[str, Any] = {"frames": len(paths), "float_lines": total, "loads": loads}
    for name, by_part in times.items():
        p50 = {part: round(statistics.median(v)) for part, v in by_part.items()}
        report[name] = {**p50, "same_lines": same[name], "lines": read[name],
                        "rechecked": rechecked[name]}
        speedup = statistics.median(times["float"]["total"]) / statistics.median(by_part["total"])
        print(f"{name}: det/rec/read ms p50 {p50['det']} / {p50['rec']} / {p50['total']}; "
              f"{speedup:.2f}x float; float lines read identically {same[name]}/{total}; "
              f"lines re-read by float {rechecked[name]} (of {read[name]} kept)")
    print(f"load average {loads[0]:.1f} at the start, {loads[-1]:.1f} at the end")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
