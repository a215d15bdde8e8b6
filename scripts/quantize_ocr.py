"""Prepare int8 (static QDQ) copies of RapidOCR's bundled det and rec models, offline.

    python scripts/quantize_ocr.py [--out models] [--record]          # what `make models` runs
    python scripts/quantize_ocr.py --calibrate [--method minmax]      # maintainers: new ranges

Two steps. **Calibrate** (``--calibrate``, needs the generated development screens): the float
engine reads generated screens (the dev set's pages and sequence frames and the corpus's
development families, ``benchmarks/.devset`` and ``benchmarks/.corpus``, never held-out families
or ScreenLeak; plus a few screens drawn here with PIL and the DejaVu fonts); the detector's
inputs (one whole page per screen) and the recogniser's inputs (batches of line crops, at
least 200 crops) are recorded as the engine really feeds them, and onnxruntime's calibrator
computes every activation's range (MinMax, or a percentile / entropy histogram) on them. The
ranges are written to ``scripts/ocr_int8/{det,rec}.<method>.json`` and committed.

**Quantize** (always): ``quantize_static`` (QDQ, per-channel int8 weights, uint8 activations)
of the bundled float models, converted to opset 13 and pre-processed (``quant_pre_process``),
using the *recorded* ranges (onnxruntime's calibration cache): no screen is read, so a user's
``make models`` needs nothing but the bundled models and this repo, and makes the same bytes
each time (checked: the same SHA-256 from separate runs). ``PLAN`` says what is quantized in
each model; ``--roles`` picks the models made (a model not made stays float at run time).
The recogniser's character list (model metadata) is copied over. The files' SHA-256 digests
are printed, and with ``--record`` written to
``redaction/image/quantized.sha256``, which the engine checks before using them (see
``redaction/image/quantized.py``). Needs the ``onnx`` package (a setup-time dependency).
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


def calibration_screens(devset: Path, corpus: Path, limit: int) -> list[Path]:
    """Generated development screens to calibrate on, spread over their sets: the dev set's
    pages and sequence frames and the corpus's development families (never its held-out
    families, never ScreenLeak)."""
    groups = [
        sorted(devset.glob("images/*.png")),
        sorted(devset.glob("sequences/*/*.png")),
        sorted(corpus.glob("screens/dev/images/*.png")),
    ]
    paths: list[Path] = []
    share = max(1, limit // len(groups))
    for group in groups:
        paths += group[:: max(1, len(group) // share)][:share]
    return paths


def read_image(path: Path) -> np.ndarray[Any, Any] | None:
    import cv2

    image: np.ndarray[Any, Any] | None = cv2.imdecode(np.fromfile(path, np.uint8), cv2.IMREAD_COLOR)
    return image


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


def bundled_model(role: str) -> Path:
    import rapidocr

    bundled = Path(rapidocr.__file__).resolve().parent / "models"
    return sorted(bundled.glob(f"*{role}*.onnx"))[-1]


def prepared(role: str, folder: Path) -> Path:
    """The bundled float model, converted to opset 13 (per-channel QDQ needs DequantizeLinear's
    axis) and pre-processed for quantization (shape inference, graph optimisation); pure
    functions of the bundled file."""
    import onnx
    from onnx import version_converter
    from onnxruntime.quantization.shape_inference import quant_pre_process

    model = onnx.load(str(bundled_model(role)))
    if max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx")) < 13:
        model = version_converter.convert_version(model, 13)
    upgraded = folder / f"{role}.opset13.onnx"
    onnx.save(model, str(upgraded))
    target = folder / f"{role}.pre.onnx"
    # Symbolic shape inference (for transformers' dynamic shapes) would need sympy: the onnx
    # shape inference and onnxruntime's graph optimisation are enough for these models.
    quant_pre_process(str(upgraded), str(target), skip_symbolic_shape=True)
    return target


def calibrate(model: Path, inputs: list[dict[str, np.ndarray[Any, Any]]], method: str,
              folder: Path) -> dict[str, list[float]]:
    """Activation ranges of every float tensor of ``model`` on ``inputs``: name -> [low, high]."""
    from onnxruntime.quantization.calibrate import (
        create_calibrator,
    )

    options: dict[str, Any] = {}
    if method == "percentile":
        options["percentile"] = PERCENTILE
    calibrator = create_calibrator(
        model,
        None,
        augmented_model_path=str(folder / "augmented.onnx"),
        calibrate_method=METHODS[method],
        extra_options=options,
    )
    # One input at a time: each call merges their ranges (or histograms) into what was
    # collected and frees the intermediate tensors. (onnxruntime 1.32's own
    # max_intermediate_outputs drops what it collected without merging it.)
    for item in inputs:
        calibrator.collect_data(Reader([item]))
    ranges = calibrator.compute_data()
    out: dict[str, list[float]] = {}
    for name, data in sorted(ranges.data.items()):
        low, high = (np.asarray(v, np.float32) for v in data.range_value)
        if low.size != 1 or high.size != 1:
            raise SystemExit(f"{name}: per-channel activation ranges are not supported")
        out[name] = [float(low.ravel()[0]), float(high.ravel()[0])]
    del calibrator
    return out


def quantize(role: str, ranges: dict[str, list[float]], method: str, target: Path,
             folder: Path) -> None:
    """Static QDQ quantization of the bundled ``role`` model with recorded activation ranges
    (no calibration run: the result is a function of the bundled model and ``ranges``)."""
    import onnx
    from onnxruntime.quantization import (
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.calibrate import (
        TensorData,
        TensorsData,
        save_tensors_data,
    )

    source = prepared(role, folder)
    plan = PLAN[role]
    graph = onnx.load(str(source)).graph
    ops = plan["ops"]
    quantizable = [n.name for n in graph.node if ops is None or n.op_type in ops]
    exclude = quantizable[len(quantizable) - int(plan.get("float_tail", 0)):] if plan.get(
        "float_tail") else []
    cache = folder / f"{role}.ranges.json"
    save_tensors_data(
        TensorsData(
            METHODS[method],
            {
                name: TensorData(
                    lowest=np.array(low, dtype=np.float32), highest=np.array(high, dtype=np.float32)
                )
                for name, (low, high) in ranges.items()
            },
        ),
        cache,
    )
    quantize_static(
        str(source),
        str(target),
        None,
        quant_format=QuantFormat.QDQ,
        op_types_to_quantize=None if ops is None else list(ops),
        nodes_to_exclude=exclude,
        per_channel=True,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        calibrate_method=METHODS[method],
        calibration_cache_path=str(cache),
    )
    # The recogniser's character list lives in the model's metadata: keep it.
    original, made = onnx.load(str(bundled_model(role))), onnx.load(str(target))
    have = {p.key for p in made.metadata_props}
    for prop in original.metadata_props:
        if prop.key not in have:
            made.metadata_props.add(key=prop.key, value=prop.value)
    onnx.save(made, str(target))


def record_inputs(args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    """The float engine's real det and rec inputs on the calibration screens."""
    from redaction.image import create_engine

    engine = create_engine("rapidocr", rec_batch=8)
    sessions = engine.onnx_sessions()  # type: ignore[attr-defined]
    det, rec = Recorder(sessions["det"], 1), Recorder(sessions["rec"], 1)
    paths = calibration_screens(args.devset, args.corpus, args.screens)
    drawn = drawn_screens(args.drawn)
    if len(paths) < args.screens // 2:
        sys.exit(f"only {len(paths)} generated screens to calibrate on: generate the dev set "
                 "(benchmarks/devset/generate.py) and the corpus (benchmarks/corpus)")
    det_seen: list[Any] = []
    items: list[Path | np.ndarray[Any, Any]] = [*paths, *drawn]
    for i, item in enumerate(items):
        image = read_image(item) if isinstance(item, Path) else item
        if image is None:
            continue
        before = len(det.inputs)
        engine.read(image)
        # Detection pages: every screen's whole-page input (the first run of each read).
        if len(det.inputs) > before:
            det_seen.append(det.inputs[before])
        del det.inputs[before:]
        print(f"\rread {i + 1}/{len(items)} screens", end="", file=sys.stderr,
              flush=True)
    print(file=sys.stderr)
    crops = sum(next(iter(x.values())).shape[0] for x in rec.inputs)
    if crops < 200:
        sys.exit(f"only {crops} line crops to calibrate on (need >= 200)")
    step = max(1, len(det_seen) // args.det_pages)
    return det_seen[::step][: args.det_pages], rec.inputs


#: Calibration methods (``--method``) and the percentile used by ``percentile``.
METHODS: dict[str, Any] = {}
PERCENTILE = 99.999
#: What is quantized in each model: op types (None: every type onnxruntime quantizes), how
#: many of the last quantizable nodes stay float, and whose recorded ranges are used.
#: Measured (benchmarks/README.md, "Better int8 variants"): quantizing every op of the
#: recogniser reads closer to float than its convolutions alone (attention and CTC head
#: float) and is faster (`--rec-ops Conv` keeps the other variant); percentile ranges read
#: closer than MinMax ones (84 % vs 78 % of lines identical). Neither holds the redaction
#: figures yet, so the engine uses these models only when asked (``ocr_int8``).
PLAN: dict[str, dict[str, Any]] = {
    "det": {"ops": None, "method": "minmax"},
    "rec": {"ops": None, "float_tail": 0, "method": "percentile"},
}
RANGES = REPO / "scripts" / "ocr_int8"


def main() -> None:
    from onnxruntime.quantization import CalibrationMethod

    METHODS.update(
        minmax=CalibrationMethod.MinMax,
        percentile=CalibrationMethod.Percentile,
        entropy=CalibrationMethod.Entropy,
    )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", action="store_true",
                        help="read generated screens again and record new activation ranges")
    parser.add_argument("--devset", type=Path, default=REPO / "benchmarks" / ".devset")
    parser.add_argument("--corpus", type=Path, default=REPO / "benchmarks" / ".corpus")
    parser.add_argument("--screens", type=int, default=60, help="generated screens read")
    parser.add_argument("--drawn", type=int, default=4, help="screens drawn here")
    parser.add_argument("--det-pages", type=int, default=40, help="pages calibrating det")
    parser.add_argument("--rec-batches", type=int, default=64,
                        help="recogniser batches (of 8 crops) calibrating rec, spread")
    parser.add_argument("--method", choices=("minmax", "percentile", "entropy"),
                        help="activation ranges (default: each model's PLAN method)")
    parser.add_argument("--ranges", type=Path, default=RANGES)
    parser.add_argument("--inputs-cache", type=Path, metavar="NPZ",
                        help="with --calibrate: keep the recorded inputs here (and reuse them)")
    parser.add_argument("--roles", default=",".join(quantized.MODEL_FILES),
                        help="models to produce (det,rec)")
    parser.add_argument("--rec-ops", help="op types quantized in rec (comma list, or all)")
    parser.add_argument("--rec-float-tail", type=int, help="last rec nodes kept float")
    parser.add_argument("--out", type=Path, default=quantized.model_dir())
    parser.add_argument("--record", action="store_true", help="write the digests to the repo")
    args = parser.parse_args()
    if args.rec_ops:
        PLAN["rec"]["ops"] = None if args.rec_ops == "all" else tuple(args.rec_ops.split(","))
    if args.rec_float_tail is not None:
        PLAN["rec"]["float_tail"] = args.rec_float_tail
    roles = [r for r in args.roles.split(",") if r]

    import json

    args.ranges.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.calibrate:
            if args.inputs_cache and args.inputs_cache.is_file():
                with np.load(args.inputs_cache) as saved:
                    det_inputs = [{"x": saved[k]} for k in sorted(saved) if k.startswith("det")]
                    rec_inputs = [{"x": saved[k]} for k in sorted(saved) if k.startswith("rec")]
            else:
                det_inputs, rec_inputs = record_inputs(args)
                if args.inputs_cache:  # generated screens only: nothing personal
                    np.savez(
                        args.inputs_cache,
                        **{f"det{i:04d}": x["x"] for i, x in enumerate(det_inputs)},
                        **{f"rec{i:04d}": x["x"] for i, x in enumerate(rec_inputs)},
                    )
            rec_inputs = rec_inputs[:: max(1, len(rec_inputs) // args.rec_batches)]
            crops = sum(next(iter(x.values())).shape[0] for x in rec_inputs)
            print(f"calibrating on {len(det_inputs)} pages and {crops} line crops", flush=True)
            for role, inputs in (("det", det_inputs), ("rec", rec_inputs)):
                if role not in roles:
                    continue
                method = args.method or PLAN[role]["method"]
                ranges = calibrate(prepared(role, Path(tmp)), inputs, method, Path(tmp))
                path = args.ranges / f"{role}.{method}.json"
                path.write_text(json.dumps(ranges, indent=0, sort_keys=True) + "\n")
                print(f"wrote {path} ({len(ranges)} tensors)", flush=True)
        args.out.mkdir(parents=True, exist_ok=True)
        lines = []
        for role in roles:
            method = args.method or PLAN[role]["method"]
            ranges = json.loads((args.ranges / f"{role}.{method}.json").read_text())
            name = quantized.MODEL_FILES[role]
            staged = Path(tmp) / name
            quantize(role, ranges, method, staged, Path(tmp))
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
