"""OCR engines behind one small interface: words with boxes, grouped in text lines.

``RapidOcrEngine`` (default) runs the PP-OCR models bundled in the ``rapidocr`` wheel through
onnxruntime: nothing is downloaded, ever (the model paths are given explicitly, so rapidocr's
download path is never taken). ``TesseractEngine`` calls the ``tesseract`` binary when it is
installed, on an in-memory PNG through stdin: no temporary file holds the frame.

Engines are built once (models load in seconds) and passed in; the registry builds them by name.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import subprocess
import threading
import time
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from redaction.image import geometry
from redaction.models import Box, Frame


class OcrError(RuntimeError):
    """OCR could not run (engine missing or failed). Messages never carry recognised text."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word as read: its text, its box in the frame's pixels and the engine's confidence."""

    text: str
    box: Box
    score: float

    def __repr__(self) -> str:
        # Recognised text is personal data until analysed: keep it out of reprs and logs.
        return f"OcrWord(<{len(self.text)} chars>, {self.box}, {self.score:.2f})"


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One text line as the engine found it (a detector box): its words, left to right."""

    box: Box
    words: tuple[OcrWord, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def __repr__(self) -> str:
        return f"OcrLine({self.box}, <{len(self.words)} words>)"


def shifted(lines: Sequence[OcrLine], dx: int, dy: int) -> tuple[OcrLine, ...]:
    """The same lines moved by (dx, dy): for reading a crop and placing it in the frame."""
    return tuple(
        OcrLine(
            geometry.offset(line.box, dx, dy),
            tuple(OcrWord(w.text, geometry.offset(w.box, dx, dy), w.score) for w in line.words),
        )
        for line in lines
    )


#: Given a line box just found (frame coordinates), a line already read there, or None.
Reuse = Callable[[Box], "OcrLine | None"]


@dataclass(frozen=True, slots=True)
class Reading:
    """What a recogniser read from one line crop: text, line score, each character's score."""

    text: str
    score: float
    char_scores: tuple[float, ...]

    def __repr__(self) -> str:
        return f"Reading(<{len(self.text)} chars>, {self.score:.2f})"


@dataclass(frozen=True, slots=True)
class Recheck:
    """Which lines read by the int8 recogniser the float recogniser reads again.

    A line is read again when a character's score (the recogniser's probability of the
    character it chose) is below ``min_char_score``, or when nothing was read from the
    detected box (``empty``). The int8 models read most lines as the float ones do; where they
    differ, the differing characters are mostly ones the int8 recogniser was unsure of.
    """

    min_char_score: float
    empty: bool = True

    def needs(self, text: str, char_scores: Sequence[float]) -> bool:
        if not text.strip():
            return self.empty
        return min(char_scores, default=0.0) < self.min_char_score


class OcrEngine(ABC):
    """Reads text lines with word boxes from a BGR uint8 image."""

    name: str = "?"

    @abstractmethod
    def read(self, image: Frame, device_scale: float = 1.0) -> tuple[OcrLine, ...]:
        """All text lines in ``image``, top to bottom; boxes in ``image``'s pixels.

        ``device_scale`` is the screen's scale factor (2 on a "retina" screen: text is twice
        as many pixels high), which an engine may use to read faster.
        """

    def alignment(self, height: int, width: int, device_scale: float = 1.0) -> int:
        """Crops of a frame this size should start on multiples of this (see incremental)."""
        return 1

    def read_region(
        self,
        frame: Frame,
        box: Box,
        device_scale: float = 1.0,
        only_within: Sequence[Box] | None = None,
        reuse: Reuse | None = None,
    ) -> tuple[OcrLine, ...]:
        """Text lines inside ``box`` of ``frame``, in the frame's coordinates.

        An engine that finds lines before reading them may skip lines whose centre lies
        outside ``only_within``, and take ``reuse(line_box)`` (a line already read, frame
        coordinates) instead of reading a line again when it returns one.
        """
        crop = np.ascontiguousarray(frame[box.y : box.y + box.h, box.x : box.x + box.w])
        if crop.size == 0:
            return ()
        return shifted(self.read(crop, device_scale), box.x, box.y)

    def describe(self) -> dict[str, Any]:
        """Engine name and version for an episode's policy (no values)."""
        return {"engine": self.name}

    def forget(self) -> None:  # noqa: B027 - optional: only engines that keep text override it
        """Drop any screen text kept between reads (call at the end of an episode)."""


def words_from_chars(
    text: str, char_boxes: Sequence[Box], line_box: Box, score: float
) -> tuple[OcrWord, ...]:
    """Split a line's text at spaces; each word's box spans its characters' boxes.

    ``char_boxes`` has one box per non-space character. When the counts disagree the line box
    is shared out in proportion to characters, which over-covers rather than under-covers.
    """
    tokens = text.split()
    if not tokens:
        return ()
    n_chars = sum(len(t) for t in tokens)
    words: list[OcrWord] = []
    if len(char_boxes) == n_chars:
        i = 0
        for token in tokens:
            boxes = char_boxes[i : i + len(token)]
            i += len(token)
            b = geometry.union(boxes)
            words.append(OcrWord(token, Box(b.x, line_box.y, b.w, line_box.h), score))
        # Character cells are estimates: let the outer words reach the line's ends.
        first, last = words[0], words[-1]
        words[0] = OcrWord(
            first.text,
            geometry.from_corners(
                line_box.x, line_box.y, geometry.right(first.box), geometry.bottom(line_box)
            ),
            score,
        )
        last = words[-1]
        words[-1] = OcrWord(
            last.text,
            geometry.from_corners(
                min(last.box.x, geometry.right(line_box)),
                line_box.y,
                geometry.right(line_box),
                geometry.bottom(line_box),
            ),
            score,
        )
        return tuple(words)
    total = len(text)
    start = 0
    for token in tokens:
        at = text.index(token, start)
        start = at + len(token)
        x0 = line_box.x + line_box.w * at / total
        x1 = line_box.x + line_box.w * start / total
        words.append(
            OcrWord(
                token, geometry.from_corners(x0, line_box.y, x1, geometry.bottom(line_box)), score
            )
        )
    return tuple(words)


def _pad_to_multiple(image: Frame, multiple: int) -> Frame:
    """Pad bottom and right with the edge pixels so both sides are multiples of ``multiple``.

    Text detection resizes its input to multiples of 32; padding instead of resizing keeps a
    crop's text at the same pixel scale as in the whole frame (same words either way).
    """
    h, w = image.shape[:2]
    ph, pw = (-h) % multiple, (-w) % multiple
    if not ph and not pw:
        return image
    import cv2

    return cv2.copyMakeBorder(image, 0, ph, 0, pw, cv2.BORDER_REPLICATE)


def _ort_session(model: Path, memory_arena: bool, threads: int | None) -> Any:
    """An onnxruntime CPU session for ``model``, with the engine's options.

    - Memory arena off by default (rapidocr's default too): the arena saves ~10 % per read
      here but keeps the largest tensors ever seen; measured, 1080p terminal frames grew it by
      ~650 MB, which broke the recorder's memory bound.
    - Intra-op threads do not spin while waiting for work: OCR shares the CPU with capture
      (recording) or with other workers (batch redaction), and a spinning thread takes a core
      from them (measured in benchmarks/README.md, "benchmarks/ocr_speed.py"). The results
      are the same numbers; only the waiting changes.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = memory_arena
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if threads is not None:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    # rapidocr's CPU provider option, kept: an arena (when on) grows by what is asked only.
    provider = ("CPUExecutionProvider", {"arena_extend_strategy": "kSameAsRequested"})
    return ort.InferenceSession(str(model), sess_options=options, providers=[provider])


def _with_session(section: Any, session: Any) -> Any:
    """A copy of rapidocr's config section ``section`` holding a ready onnxruntime session
    (rapidocr's configs are omegaconf's, which hold objects only when allowed to)."""
    from omegaconf import OmegaConf

    copy: Any = OmegaConf.create(
        OmegaConf.to_container(section, resolve=True), flags={"allow_objects": True}
    )
    copy.session = session
    return copy


def _centre_inside(quad: np.ndarray[Any, Any], boxes: Sequence[Box]) -> bool:
    cx, cy = float(quad[:, 0].mean()), float(quad[:, 1].mean())
    return any(b.x <= cx < b.x + b.w and b.y <= cy < b.y + b.h for b in boxes)


class LineCache:
    """Recognised lines by the pixels they were read from (in memory only, bounded LRU).

    A line recognised once is not recognised again when the same pixels come back anywhere
    on screen: a page switched back to, a prompt printed again, a dialog reopened. The key is
    a digest of the line's pixels (with the margin the crop's interpolation reads) and of the
    detector's box relative to them, so a hit is what recognition read from those very
    pixels; the value is the line relative to them (or None: nothing readable). Like the
    OCR lines kept for the next frame, it holds screen text and never leaves memory.
    """

    _MARGIN = 2

    def __init__(self, max_lines: int) -> None:
        if max_lines < 1:
            raise OcrError("the line cache needs room for at least one line")
        self.max_lines = max_lines
        self._lines: OrderedDict[bytes, OcrLine | None] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def key(self, image: Frame, quad: np.ndarray[Any, Any]) -> tuple[bytes, int, int]:
        """The key of the line at ``quad`` in ``image`` and the origin it is relative to."""
        h, w = image.shape[:2]
        m = self._MARGIN
        x0 = max(0, math.floor(float(quad[:, 0].min())) - m)
        y0 = max(0, math.floor(float(quad[:, 1].min())) - m)
        x1 = min(w, math.ceil(float(quad[:, 0].max())) + m)
        y1 = min(h, math.ceil(float(quad[:, 1].max())) + m)
        digest = hashlib.blake2b(digest_size=16)
        digest.update(np.ascontiguousarray(image[y0:y1, x0:x1]).data)
        digest.update(np.asarray((x1 - x0, y1 - y0, x0 == 0, y0 == 0, x1 == w, y1 == h)).data)
        relative = quad - np.asarray((x0, y0), np.float32)
        digest.update(np.ascontiguousarray(relative, np.float32).data)
        return digest.digest(), x0, y0

    def get(self, key: bytes) -> tuple[bool, OcrLine | None]:
        """Whether ``key`` was read before, and its line (relative to its origin; None when
        nothing readable was there)."""
        if key not in self._lines:
            self.misses += 1
            return False, None
        self.hits += 1
        self._lines.move_to_end(key)
        return True, self._lines[key]

    def put(self, key: bytes, line: OcrLine | None) -> None:
        self._lines[key] = line
        self._lines.move_to_end(key)
        while len(self._lines) > self.max_lines:
            self._lines.popitem(last=False)

    def clear(self) -> None:
        self._lines.clear()

    def __len__(self) -> int:
        return len(self._lines)

    def __repr__(self) -> str:
        return f"LineCache(<{len(self._lines)} lines>, hits={self.hits}, misses={self.misses})"


#: Detection shrink factors: small fractions keep crops aligned on a short period.
_FACTORS = tuple(
    Fraction(f) for f in ("1", "5/4", "4/3", "3/2", "5/3", "2", "5/2", "3", "4", "5", "6", "8")
)


class RapidOcrEngine(OcrEngine):
    """RapidOCR 3 with its bundled PP-OCR models (detection + recognition, no angle classifier:
    screens are upright).

    Detection runs on the image shrunk by ``det_factor`` (``1 / det_scale`` times the device
    scale, and enough to bring the longer side under ``det_max_side``), snapped to a small
    fraction (3/2, 2, ...) so that crops aligned to ``alignment`` shrink exactly like the whole
    frame: incremental OCR then reads what full-frame OCR reads. Recognition always reads the
    full-resolution pixels, so shrinking detection costs little accuracy.
    """

    name = "rapidocr"

    def __init__(
        self,
        *,
        det_scale: float = 0.6,
        det_max_side: int = 2048,
        min_word_score: float = 0.5,
        rec_batch: int = 8,
        threads: int | None = None,
        det_box_thresh: float = 0.5,
        det_unclip_ratio: float = 1.6,
        memory_arena: bool = False,
        line_cache: int = 0,
        quantized: bool = False,
        rec_width_bucket: float | None = None,
        det_model: Path | None = None,
        rec_model: Path | None = None,
        recheck: Recheck | None = None,
    ) -> None:
        if not 0 < det_scale <= 1:
            raise OcrError("det_scale must be in (0, 1]")
        try:
            import rapidocr
            from rapidocr import RapidOCR
            from rapidocr.cal_rec_boxes import CalRecBoxes
            from rapidocr.ch_ppocr_det import TextDetector
            from rapidocr.ch_ppocr_rec import TextRecInput, TextRecognizer
            from rapidocr.utils.process_img import get_rotate_crop_image
        except ImportError as exc:  # pragma: no cover - a broken install
            raise OcrError("rapidocr is not installed") from exc
        models = Path(rapidocr.__file__).resolve().parent / "models"
        det_models = sorted(models.glob("*det*.onnx"))
        rec_models = sorted(models.glob("*rec*.onnx"))
        if not det_models or not rec_models:
            raise OcrError("rapidocr's bundled models are missing (reinstall rapidocr)")
        bundled_rec = rec_models[-1]
        #: Why the int8 models are (not) used; None when they were not asked for.
        self.quantized: str | None = None
        if quantized:
            from redaction.image.quantized import find_models

            prepared = find_models()
            self.quantized = prepared.reason
            det_model = det_model or prepared.det
            rec_model = rec_model or prepared.rec
        # Explicit model files (offline tools and benchmarks compare prepared variants).
        det_models = [det_model] if det_model is not None else det_models
        rec_models = [rec_model] if rec_model is not None else rec_models
        params: dict[str, Any] = {
            "Global.log_level": "error",
            "Global.use_cls": False,
            "Det.model_path": str(det_models[-1]),
            "Rec.model_path": str(rec_models[-1]),
            # The image is already sized (see _pad_to_multiple): detection must not resize.
            "Det.limit_type": "max",
            "Det.limit_side_len": 1 << 20,
            "Det.box_thresh": det_box_thresh,
            "Det.unclip_ratio": det_unclip_ratio,
            "Rec.rec_batch_num": rec_batch,
        }
        cfg = RapidOCR(params=params).cfg
        for section in (cfg.Det, cfg.Rec):
            section.engine_cfg = cfg.EngineConfig[section.engine_type.value]
            section.model_root_dir = cfg.Global.model_root_dir
        cfg.Rec.font_path = None

        def build(det_path: Path, rec_path: Path) -> None:
            # The sessions are made here (rapidocr takes a ready session) so that their
            # options are ours: see _ort_session.
            det_cfg, rec_cfg = (
                _with_session(section, _ort_session(path, memory_arena, threads))
                for section, path in ((cfg.Det, det_path), (cfg.Rec, rec_path))
            )
            self._detector = TextDetector(det_cfg)
            self._recognizer = TextRecognizer(rec_cfg)
            self._float_recognizer: Any = None
            if recheck is not None and rec_path != bundled_rec:
                # The float recogniser reads again what the int8 one was unsure of.
                float_cfg = _with_session(cfg.Rec, _ort_session(bundled_rec, memory_arena, threads))
                self._float_recognizer = TextRecognizer(float_cfg)

        try:
            build(det_models[-1], rec_models[-1])
        except Exception:  # onnxruntime raises its own types
            if not quantized or not (self.quantized or "").startswith("int8 models verified"):
                raise
            # Verified but not loadable here (an older onnxruntime): the float models.
            self.quantized = "int8 models could not be loaded here"
            det_models, rec_models = (
                sorted(models.glob("*det*.onnx")),
                sorted(models.glob("*rec*.onnx")),
            )
            build(det_models[-1], rec_models[-1])
        self._rec_input = TextRecInput
        self._char_boxes = CalRecBoxes()
        self._crop = get_rotate_crop_image
        self.det_scale = det_scale
        self.rec_batch = rec_batch
        self.rec_width_bucket = rec_width_bucket
        #: Which int8 readings the float recogniser reads again (None: none).
        self.recheck = recheck if self._float_recognizer is not None else None
        self.det_max_side = det_max_side
        self.min_word_score = min_word_score
        self._version = getattr(rapidocr, "__version__", None) or _package_version("rapidocr")
        self._models = (det_models[-1].name, rec_models[-1].name)
        #: Lines already recognised, by their pixels (``line_cache`` lines at most; 0: none).
        self.line_cache = LineCache(line_cache) if line_cache else None
        # onnxruntime sessions are thread-safe, rapidocr's pre/post-processing objects are not.
        self._lock = threading.Lock()
        #: Detection and recognition time of the last read (for profiling).
        self.last_timings: dict[str, float] = {}

    def forget(self) -> None:
        with self._lock:
            if self.line_cache is not None:
                self.line_cache.clear()

    def onnx_sessions(self) -> dict[str, Any]:
        """The onnxruntime sessions (``det``, ``rec``): for offline tools that record the
        models' inputs (``scripts/quantize_ocr.py`` calibrates on them)."""
        return {"det": self._detector.session.session, "rec": self._recognizer.session.session}

    def det_factor(self, height: int, width: int, device_scale: float = 1.0) -> Fraction:
        """How many times smaller than the image detection runs (a fraction from _FACTORS)."""
        # Shrinking for speed rounds down (never less detail than asked for); shrinking to fit
        # the side limit rounds up.
        for_speed = max(f for f in _FACTORS if f <= device_scale / self.det_scale + 1e-9)
        cap = max(height, width) / self.det_max_side
        for_size = next((f for f in _FACTORS if f >= cap - 1e-9), Fraction(math.ceil(cap)))
        return max(for_speed, for_size)

    def alignment(self, height: int, width: int, device_scale: float = 1.0) -> int:
        # Whole detector pixels, on an 8-pixel grid of the detector: a crop then shrinks to
        # exactly the pixels the whole frame shrinks to. (A 32-pixel grid, the network's
        # stride, would make features equal too, but costs much bigger crops; measured, the
        # boxes move by a pixel at most.)
        return 8 * self.det_factor(height, width, device_scale).numerator

    def read(self, image: Frame, device_scale: float = 1.0) -> tuple[OcrLine, ...]:
        return self._read(image, self.det_factor(image.shape[0], image.shape[1], device_scale))

    def read_region(
        self,
        frame: Frame,
        box: Box,
        device_scale: float = 1.0,
        only_within: Sequence[Box] | None = None,
        reuse: Reuse | None = None,
    ) -> tuple[OcrLine, ...]:
        # Detect at the whole frame's scale, so a crop reads like the frame around it.
        crop = np.ascontiguousarray(frame[box.y : box.y + box.h, box.x : box.x + box.w])
        if crop.size == 0:
            return ()
        factor = self.det_factor(frame.shape[0], frame.shape[1], device_scale)
        within = None
        if only_within is not None:
            within = [geometry.offset(b, -box.x, -box.y) for b in only_within]
        local_reuse = None
        if reuse is not None:
            outer = reuse

            def local_reuse(found: Box) -> OcrLine | None:
                known = outer(geometry.offset(found, box.x, box.y))
                return None if known is None else shifted((known,), -box.x, -box.y)[0]

        return shifted(self._read(crop, factor, within, local_reuse), box.x, box.y)

    def _detect(self, image: Frame, factor: Fraction) -> list[np.ndarray[Any, Any]]:
        """The detector's line quads in ``image`` (its pixels), tiny ones left out."""
        import cv2

        h, w = image.shape[:2]
        p, q = factor.numerator, factor.denominator
        # Pad to whole 32-pixel cells of the detector after shrinking (bottom and right only,
        # so coordinates stay), then shrink by p/q.
        small = _pad_to_multiple(image, 32 * p)
        if factor != 1:
            ph, pw = small.shape[:2]
            small = cv2.resize(small, (pw * q // p, ph * q // p), interpolation=cv2.INTER_AREA)
        det = self._detector(small)
        if det.boxes is None or len(det.boxes) == 0:
            return []
        quads = np.asarray(det.boxes, dtype=np.float32) * float(factor)
        quads[..., 0] = np.clip(quads[..., 0], 0, w)
        quads[..., 1] = np.clip(quads[..., 1], 0, h)
        return [
            quad
            for quad in quads
            if (quad[:, 0].max() - quad[:, 0].min()) >= 2
            and (quad[:, 1].max() - quad[:, 1].min()) >= 4
        ]

    def _read(
        self,
        image: Frame,
        factor: Fraction,
        within: Sequence[Box] | None = None,
        reuse: Reuse | None = None,
    ) -> tuple[OcrLine, ...]:
        if image.ndim != 3 or image.shape[2] != 3 or image.size == 0:
            raise OcrError("expected a non-empty BGR image")
        with self._lock:
            t0 = time.perf_counter()
            keep = self._detect(image, factor)
            t1 = time.perf_counter()
            self.last_timings = {"det_ms": (t1 - t0) * 1000, "rec_ms": 0.0}
            if not keep:
                return ()
            if within is not None:
                keep = [quad for quad in keep if _centre_inside(quad, within)]
            reused: list[OcrLine] = []
            if reuse is not None:
                fresh = []
                for quad in keep:
                    known = reuse(
                        geometry.from_corners(
                            quad[:, 0].min(), quad[:, 1].min(), quad[:, 0].max(), quad[:, 1].max()
                        )
                    )
                    if known is None:
                        fresh.append(quad)
                    else:
                        reused.append(known)
                keep = fresh
            keys: list[tuple[bytes, int, int]] = []
            cache = self.line_cache
            if cache is not None:
                fresh = []
                for quad in keep:
                    key, ox, oy = cache.key(image, quad)
                    seen, line = cache.get(key)
                    if not seen:
                        fresh.append(quad)
                        keys.append((key, ox, oy))
                    elif line is not None:
                        reused.append(shifted((line,), ox, oy)[0])
                keep = fresh
            if not keep:
                return tuple(sorted(reused, key=lambda line: (line.box.y, line.box.x)))
            crops = [self._crop(image, quad.copy()) for quad in keep]
            rec = self._rechecked(crops, self._recognise(crops))
            rec = self._char_boxes(crops, np.asarray(keep), rec, True)
            self.last_timings["rec_ms"] = (time.perf_counter() - t1) * 1000
            char_lists: Sequence[Any] = rec.word_results
            if len(char_lists) != len(keep):
                char_lists = [()] * len(keep)
            lines: list[OcrLine] = list(reused)
            for i, (quad, text, score, chars) in enumerate(
                zip(keep, rec.txts or (), rec.scores, char_lists, strict=True)
            ):
                line = self._line(quad, str(text).strip(), float(score), chars)
                if line is not None:
                    lines.append(line)
                if cache is not None:
                    key, ox, oy = keys[i]
                    cache.put(key, None if line is None else shifted((line,), -ox, -oy)[0])
        lines.sort(key=lambda line: (line.box.y, line.box.x))
        return tuple(lines)

    def _recognise(self, crops: Sequence[Frame]) -> Any:
        """rapidocr's recognition of ``crops``, in batches of crops of similar width.

        The recogniser pads every crop of a batch to the batch's widest (and to at least
        320 x 48); rapidocr batches crops by ``rec_batch`` in order of width, so one long line
        made its 7 neighbours pay for its width. With ``rec_width_bucket`` a batch also ends
        where a crop would be more than that many times wider than the batch's narrowest.
        Off by default: what the recogniser reads from a crop depends on the width it is
        padded to (its squeeze-excite and attention layers average over the padding too), and
        buckets changed the reading of dev-set lines (benchmarks/README.md, issue 21).
        """
        if self.rec_width_bucket is None or len(crops) <= 1:
            return self._recognizer(self._rec_input(img=list(crops), return_word_box=True))
        _, height, min_width = self._recognizer.rec_image_shape
        floor = min_width / height
        ratios = [max(floor, c.shape[1] / float(c.shape[0])) for c in crops]
        order = sorted(range(len(crops)), key=lambda i: ratios[i])
        groups: list[list[int]] = [[]]
        for i in order:
            group = groups[-1]
            if group and (
                len(group) >= self.rec_batch or ratios[i] > self.rec_width_bucket * ratios[group[0]]
            ):
                groups.append([])
            groups[-1].append(i)
        txts: list[Any] = [""] * len(crops)
        scores: list[Any] = [0.0] * len(crops)
        words: list[Any] = [None] * len(crops)
        for group in groups:
            part = self._recognizer(
                self._rec_input(img=[crops[i] for i in group], return_word_box=True)
            )
            got = part.txts or ("",) * len(group)
            for j, i in enumerate(group):
                txts[i], scores[i], words[i] = got[j], part.scores[j], part.word_results[j]
        return type(part)(
            imgs=list(crops), txts=tuple(txts), scores=scores, word_results=tuple(words)
        )

    def _rechecked(self, crops: Sequence[Frame], rec: Any) -> Any:
        """``rec`` with the lines ``recheck`` picks read again by the float recogniser."""
        self.last_timings["rechecked"] = 0
        if self.recheck is None or not crops:
            return rec
        txts = list(rec.txts or ("",) * len(crops))
        confs = [getattr(info, "confs", ()) for info in rec.word_results]
        redo = [i for i in range(len(crops)) if self.recheck.needs(str(txts[i]), confs[i])]
        self.last_timings["rechecked"] = len(redo)
        if not redo:
            return rec
        part = self._float_recognizer(
            self._rec_input(img=[crops[i] for i in redo], return_word_box=True)
        )
        scores = list(rec.scores)
        words = list(rec.word_results)
        got = part.txts or ("",) * len(redo)
        for j, i in enumerate(redo):
            txts[i], scores[i], words[i] = got[j], part.scores[j], part.word_results[j]
        return type(rec)(
            imgs=list(crops), txts=tuple(txts), scores=scores, word_results=tuple(words)
        )

    def boxes(self, image: Frame, device_scale: float = 1.0) -> list[Box]:
        """The line boxes the detector finds in ``image`` (no recognition; offline tools)."""
        factor = self.det_factor(image.shape[0], image.shape[1], device_scale)
        with self._lock:
            quads = self._detect(image, factor)
        return [
            geometry.from_corners(
                quad[:, 0].min(), quad[:, 1].min(), quad[:, 0].max(), quad[:, 1].max()
            )
            for quad in quads
        ]

    def readings(
        self, image: Frame, device_scale: float = 1.0
    ) -> list[tuple[Box, Reading, Reading | None]]:
        """Every line box the detector finds in ``image``, with what the engine's recogniser
        reads there and what the float recogniser reads (None without one). For offline tools
        that compare the two (``benchmarks/ocr_hybrid.py``); a read uses ``read``."""
        factor = self.det_factor(image.shape[0], image.shape[1], device_scale)
        with self._lock:
            keep = self._detect(image, factor)
            crops = [self._crop(image, quad.copy()) for quad in keep]
            if not crops:
                return []
            outputs = [self._recognise(crops)]
            if self._float_recognizer is not None:
                outputs.append(
                    self._float_recognizer(self._rec_input(img=list(crops), return_word_box=True))
                )
        read: list[list[Reading]] = [
            [
                Reading(
                    str(text),
                    float(score),
                    tuple(float(c) for c in getattr(info, "confs", ())),
                )
                for text, score, info in zip(
                    out.txts or ("",) * len(crops), out.scores, out.word_results, strict=True
                )
            ]
            for out in outputs
        ]
        boxes = [
            geometry.from_corners(
                quad[:, 0].min(), quad[:, 1].min(), quad[:, 0].max(), quad[:, 1].max()
            )
            for quad in keep
        ]
        second = read[1] if len(read) > 1 else [None] * len(crops)
        return list(zip(boxes, read[0], second, strict=True))

    def _line(
        self, quad: np.ndarray[Any, Any], text: str, score: float, chars: Sequence[Any]
    ) -> OcrLine | None:
        """One recognised line with its word boxes, or None (nothing, or too unsure)."""
        if not text or score < self.min_word_score:
            return None
        line_box = geometry.from_corners(
            quad[:, 0].min(), quad[:, 1].min(), quad[:, 0].max(), quad[:, 1].max()
        )
        char_boxes = [
            geometry.from_corners(
                min(p[0] for p in c[2]),
                line_box.y,
                max(p[0] for p in c[2]),
                geometry.bottom(line_box),
            )
            for c in chars
            if c[2] is not None
        ]
        words = words_from_chars(text, char_boxes, line_box, round(score, 4))
        return OcrLine(line_box, words) if words else None

    def describe(self) -> dict[str, Any]:
        return {
            "engine": self.name,
            "version": self._version,
            "models": list(self._models),
            "det_scale": self.det_scale,
            "det_max_side": self.det_max_side,
            "min_word_score": self.min_word_score,
            **({"quantized": self.quantized} if self.quantized is not None else {}),
            **({"recheck_below": self.recheck.min_char_score} if self.recheck is not None else {}),
        }


class TesseractEngine(OcrEngine):
    """The ``tesseract`` binary (Debian ``tesseract-ocr``), fed a PNG through stdin.

    ``upscale`` enlarges the image first: Tesseract reads small screen fonts better at 2x.
    """

    name = "tesseract"

    def __init__(
        self,
        *,
        binary: str | None = None,
        psm: int = 11,
        lang: str = "eng",
        upscale: float = 1.0,
        min_word_score: float = 0.5,
        timeout_s: float = 60.0,
    ) -> None:
        found = binary or shutil.which("tesseract")
        if found is None:
            raise OcrError("tesseract is not installed (Debian package tesseract-ocr)")
        self.binary = found
        self.psm = psm
        self.lang = lang
        self.upscale = upscale
        self.min_word_score = min_word_score
        self.timeout_s = timeout_s

    @staticmethod
    def available() -> bool:
        return shutil.which("tesseract") is not None

    def read(self, image: Frame, device_scale: float = 1.0) -> tuple[OcrLine, ...]:
        import cv2

        if image.ndim != 3 or image.shape[2] != 3 or image.size == 0:
            raise OcrError("expected a non-empty BGR image")
        src = image
        if self.upscale != 1.0:
            src = cv2.resize(
                image, None, fx=self.upscale, fy=self.upscale, interpolation=cv2.INTER_CUBIC
            )
        ok, png = cv2.imencode(".png", src)
        if not ok:
            raise OcrError("could not encode the image for tesseract")
        # One thread per call: callers parallelise across frames, not inside tesseract.
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(
                [self.binary, "stdin", "stdout", "--psm", str(self.psm), "-l", self.lang, "tsv"],
                input=png.tobytes(),
                capture_output=True,
                timeout=self.timeout_s,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise OcrError("tesseract timed out") from exc
        if done.returncode != 0:
            raise OcrError(f"tesseract failed (exit {done.returncode})")
        return self._parse(done.stdout.decode("utf-8", "replace"), 1.0 / self.upscale)

    def _parse(self, tsv: str, factor: float) -> tuple[OcrLine, ...]:
        groups: dict[tuple[int, int, int, int], list[OcrWord]] = {}
        for row in tsv.splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) < 12 or cols[0] != "5":
                continue
            text = cols[11].strip()
            try:
                conf = float(cols[10]) / 100.0
                x, y, w, h = (int(c) for c in cols[6:10])
            except ValueError:
                continue
            if not text or conf < self.min_word_score:
                continue
            box = geometry.from_corners(x * factor, y * factor, (x + w) * factor, (y + h) * factor)
            key = (int(cols[1]), int(cols[2]), int(cols[3]), int(cols[4]))
            groups.setdefault(key, []).append(OcrWord(text, box, round(conf, 4)))
        lines = [
            OcrLine(
                geometry.union(w.box for w in words), tuple(sorted(words, key=lambda w: w.box.x))
            )
            for words in groups.values()
        ]
        lines.sort(key=lambda line: (line.box.y, line.box.x))
        return tuple(lines)

    def describe(self) -> dict[str, Any]:
        version = subprocess.run(
            [self.binary, "--version"], capture_output=True, text=True, check=False
        ).stdout.splitlines()
        return {
            "engine": self.name,
            "version": version[0] if version else None,
            "psm": self.psm,
            "upscale": self.upscale,
        }


def _package_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


class OcrEngineRegistry:
    """Engines by name: ``create("rapidocr")``. Tesseract is listed only when installed."""

    def __init__(self) -> None:
        self._factories: dict[str, Callable[..., OcrEngine]] = {}
        self._available: dict[str, Callable[[], bool]] = {}

    def register(
        self,
        name: str,
        factory: Callable[..., OcrEngine],
        available: Callable[[], bool] = lambda: True,
    ) -> None:
        self._factories[name] = factory
        self._available[name] = available

    def names(self) -> list[str]:
        """Engines that can run here."""
        return [n for n in self._factories if self._available[n]()]

    def create(self, name: str, **options: Any) -> OcrEngine:
        if name not in self._factories:
            raise OcrError(f"unknown OCR engine {name!r} (known: {', '.join(self._factories)})")
        if not self._available[name]():
            raise OcrError(f"OCR engine {name!r} is not installed here")
        return self._factories[name](**options)


registry = OcrEngineRegistry()
registry.register("rapidocr", RapidOcrEngine)
registry.register("tesseract", TesseractEngine, TesseractEngine.available)


def create_engine(name: str = "rapidocr", **options: Any) -> OcrEngine:
    """Build an OCR engine by name (``rapidocr`` by default)."""
    return registry.create(name, **options)
