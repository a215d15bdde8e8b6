"""Int8 vs float OCR models: read time and how many lines the int8 models read identically.

    CUAREC_MODEL_DIR=DIR python benchmarks/ocr_int8.py

Reads 9 frames of the dev set's sequences (every 3rd terminal frame, every 5th form frame,
every 2nd page-change frame) with the float engine and with ``quantized=True`` alternately
(float, int8, float, int8 per frame); prints p50 detection, recognition and total ms per read
and the float lines whose text the int8 read has too. Needs the int8 models prepared by
``scripts/quantize_ocr.py`` (verified by ``redaction/image/quantized.sha256``).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import cv2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redaction.image import create_engine

SEQUENCES = Path(__file__).resolve().parent / ".devset" / "sequences"


def main() -> None:
    paths = (
        sorted(SEQUENCES.glob("terminal/*.png"))[::3]
        + sorted(SEQUENCES.glob("form/*.png"))[::5]
        + sorted(SEQUENCES.glob("page_change/*.png"))[::2]
    )
    engines: dict[str, Any] = {
        "float": create_engine("rapidocr"),
        "int8": create_engine("rapidocr", quantized=True),
    }
    print("int8:", engines["int8"].describe().get("quantized"), flush=True)
    times: dict[str, dict[str, list[float]]] = {
        name: {"det": [], "rec": [], "total": []} for name in engines
    }
    same = total = 0
    for path in paths:
        image = cv2.imread(str(path))
        texts: dict[str, set[str]] = {}
        for name in ("float", "int8", "float", "int8"):
            engine = engines[name]
            t0 = time.perf_counter()
            lines = engine.read(image)
            times[name]["total"].append((time.perf_counter() - t0) * 1000)
            times[name]["det"].append(engine.last_timings["det_ms"])
            times[name]["rec"].append(engine.last_timings["rec_ms"])
            texts[name] = {line.text for line in lines}
        common = texts["float"] & texts["int8"]
        same += len(common)
        total += len(texts["float"])
        print(path.parent.name, path.name, len(texts["float"]), len(texts["int8"]), len(common))
    for name, by_part in times.items():
        print(name, {part: round(statistics.median(v)) for part, v in by_part.items()})
    print(f"float lines read identically by int8: {same}/{total}; load {os.getloadavg()}")


if __name__ == "__main__":
    main()
