"""Prepare int8 (static QDQ) copies of RapidOCR's bundled det and rec models, offline.

    python scripts/quantize_ocr.py [--pages benchmarks/.devset] [--out models] [--record]

Calibration: the float engine reads generated screens (the dev set's pages and sequences when
``benchmarks/devset/generate.py`` wrote them, and screens drawn here with PIL and the DejaVu
fonts, light and dark, sans and mono); the detector's inputs (pages) and the recogniser's
inputs (batches of line crops) are recorded as the engine really feeds them, and
``onnxruntime.quantization.quantize_static`` (QDQ, per-channel int8 weights, uint8
activations, MinMax ranges) calibrates on them. At least 200 line crops are required. The
recogniser's character list (model metadata) is copied over. The files' SHA-256 digests are
printed, and with ``--record`` written to ``redaction/image/quantized.sha256``, which the
engine checks before using them (see ``redaction/image/quantized.py``). Needs the ``onnx``
package (a setup-time dependency).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from redaction.image import quantized  # noqa: E402

FONTS = "/usr/share/fonts/truetype/dejavu"
WORDS = (
    "invoice",
    "deploy",
    "request",
    "worker",
    "review",
    "merge",
    "branch",
    "release",
    "account",
    "settings",
    "profile",
    "message",
    "channel",
    "meeting",
    "calendar",
    "project",
    "report",
    "status",
    "error",
    "warning",
    "build",
    "test",
    "commit",
    "server",
    "client",
    "session",
    "token",
    "export",
    "import",
    "update",
    "delete",
    "search",
    "filter",
)


def drawn_screens(count: int, seed: int = 11) -> list[np.ndarray[Any, Any]]:
    """Screens drawn with PIL: rows of made-up text in several fonts, sizes and themes."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    faces = ("DejaVuSans.ttf", "DejaVuSansMono.ttf", "DejaVuSerif.ttf", "DejaVuSans-Bold.ttf")
    out = []
    for i in range(count):
        dark = i % 2 == 1
        bg, ink = ((18, 18, 18), (220, 220, 220)) if dark else ((255, 255, 255), (30, 30, 30))
        image = Image.new("RGB", (1280, 720), bg)
        draw = ImageDraw.Draw(image)
        y = 10
        while y < 690:
            size = rng.choice((12, 13, 14, 16, 18, 22))
            font = ImageFont.truetype(f"{FONTS}/{rng.choice(faces)}", size)
            words = [rng.choice(WORDS) for _ in range(rng.randint(2, 9))]
            if rng.random() < 0.4:
                words.insert(rng.randrange(len(words)), f"{rng.randint(1, 99999)}")
            if rng.random() < 0.2:
                words.append(f"user{rng.randint(1, 999)}@example.org")
            draw.text((rng.randint(10, 300), y), " ".join(words), font=font, fill=ink)
            y += int(size * rng.uniform(1.4, 2.2))
        out.append(np.ascontiguousarray(np.asarray(image)[:, :, ::-1]))
    return out


def generated_pages(folder: Path, limit: int) -> list[np.ndarray[Any, Any]]:
    import cv2

    paths = sorted(folder.glob("*.png")) + sorted(folder.glob("sequences/*/*.png"))
    pages = []
    for path in paths[:: max(1, len(paths) // max(1, limit))][:limit]:  # spread over sets
        image = cv2.imdecode(np.fromfile(path, np.uint8), cv2.IMREAD_COLOR)
        if image is not None:
            pages.append(image)
    return pages


class Recorder:
    """Wraps an onnxruntime session's ``run`` to keep a copy of each input it is fed."""

    def __init__(self, session: Any, every: int = 1) -> None:
        self.inputs: list[dict[str, np.ndarray[Any, Any]]] = []
        self.every = every
        self.seen = 0
        self._run = session.run
        session.run = self

    def __call__(self, names: Any, feed: dict[str, Any], *args: Any) -> Any:
        if self.seen % self.every == 0:  # every n-th input only: they are large
            self.inputs.append({k: np.array(v, copy=True) for k, v in feed.items()})
        self.seen += 1
        return self._run(names, feed, *args)


class Reader:
    """``CalibrationDataReader`` over recorded inputs."""

    def __init__(self, inputs: list[dict[str, np.ndarray[Any, Any]]]) -> None:
        self._items = iter(inputs)

    def get_next(self) -> dict[str, np.ndarray[Any, Any]] | None:
        return next(self._items, None)

    def rewind(self) -> None:  # pragma: no cover - called by some calibrators
        pass


def quantize(source: Path, target: Path, inputs: list[dict[str, np.ndarray[Any, Any]]]) -> None:
    import onnx
    from onnxruntime.quantization import (  # type: ignore[import-untyped]
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    class _Reader(Reader, CalibrationDataReader):  # type: ignore[misc]
        pass

    # Per-channel QDQ needs DequantizeLinear's axis (opset 13); the bundled models are older.
    from onnx import version_converter

    model = onnx.load(str(source))
    if max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx")) < 13:
        model = version_converter.convert_version(model, 13)
    upgraded = target.with_suffix(".opset13.onnx")
    onnx.save(model, str(upgraded))
    quantize_static(
        str(upgraded),
        str(target),
        _Reader(inputs),
        quant_format=QuantFormat.QDQ,
        per_channel=True,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        calibrate_method=CalibrationMethod.MinMax,
    )
    # The recogniser's character list lives in the model's metadata: keep it.
    original, made = onnx.load(str(source)), onnx.load(str(target))
    have = {p.key for p in made.metadata_props}
    for prop in original.metadata_props:
        if prop.key not in have:
            made.metadata_props.add(key=prop.key, value=prop.value)
    onnx.save(made, str(target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=REPO / "benchmarks" / ".devset")
    parser.add_argument("--max-pages", type=int, default=10, help="dev set pages read")
    parser.add_argument("--drawn", type=int, default=6, help="screens drawn here")
    parser.add_argument("--det-pages", type=int, default=8, help="pages calibrating det")
    parser.add_argument("--out", type=Path, default=quantized.model_dir())
    parser.add_argument("--record", action="store_true", help="write the digests to the repo")
    args = parser.parse_args()

    from redaction.image import create_engine

    engine = create_engine("rapidocr", rec_batch=8)
    sessions = engine.onnx_sessions()  # type: ignore[attr-defined]
    det, rec = Recorder(sessions["det"], 1), Recorder(sessions["rec"], 1)
    screens = generated_pages(args.pages, args.max_pages) + drawn_screens(args.drawn)
    for i, screen in enumerate(screens):
        engine.read(screen)
        print(f"\rread {i + 1}/{len(screens)} screens", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    crops = sum(next(iter(x.values())).shape[0] for x in rec.inputs)
    if crops < 200:
        sys.exit(f"only {crops} line crops to calibrate on (need >= 200): generate the dev set")
    step = max(1, len(det.inputs) // args.det_pages)
    det_inputs = det.inputs[::step][: args.det_pages]
    print(f"calibrating on {len(det_inputs)} pages and {crops} line crops", flush=True)

    import rapidocr

    bundled = Path(rapidocr.__file__).resolve().parent / "models"
    args.out.mkdir(parents=True, exist_ok=True)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for role, inputs in (("det", det_inputs), ("rec", rec.inputs)):
            source = sorted(bundled.glob(f"*{role}*.onnx"))[-1]
            name = quantized.MODEL_FILES[role]
            staged = Path(tmp) / name
            quantize(source, staged, inputs)
            target = args.out / name
            shutil.move(staged, target)
            lines.append(f"{quantized.sha256(target)}  {name}")
            print(lines[-1], flush=True)
    if args.record:
        quantized.DIGESTS.write_text(
            "# scripts/quantize_ocr.py output (sha256sum format)\n" + "\n".join(lines) + "\n"
        )
        print(f"recorded in {quantized.DIGESTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
