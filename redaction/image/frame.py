"""The frame redactor: a screenshot in, the same screenshot with personal data blurred out.

    redactor = FrameRedactor(text_redactor, create_engine("rapidocr"))
    result = redactor.redact(frame, deny_list, previous_frame=prev, previous_lines=prev_lines)
    if result.frame is None: ...   # dropped, result.dropped_reason says why (never raw)

Pipeline: OCR (incremental when the previous frame is given) -> layout (rows, blocks) -> the
injected text analyzer over both documents -> layout context, deny-list, optional patterns,
names found repeated elsewhere -> faces and masked password fields -> pad, pixelate, blur.

Fail closed: any error drops the frame. The result then carries no pixels, and its reason names
the failing stage and the exception type, never its message (which might quote screen text).
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from redaction.image import geometry
from redaction.image.analysis import UNCONFIRMED, AnalysisCache, analyse_documents
from redaction.image.blur import redact_boxes
from redaction.image.classifier import RECOGNIZER as MODEL_RECOGNIZER
from redaction.image.classifier import screen_model
from redaction.image.context import LayoutContext, LayoutRules, extend_lists
from redaction.image.deny import DenyMatcher, normalise
from redaction.image.findings import Finding
from redaction.image.incremental import OcrReport, read_frame
from redaction.image.layout import Layout, analyse_layout
from redaction.image.memory import ScreenMemory
from redaction.image.ocr import OcrEngine, OcrLine, create_engine
from redaction.image.screen_words import NOT_OWNERS, PATH_HEADS, PUBLIC_OWNERS
from redaction.image.settings import ImageRedactionSettings
from redaction.image.visual import FACE_RECOGNIZER, FaceDetector, PasswordFieldDetector
from redaction.models import Box, Frame, Redaction, TextAnalyzer

if TYPE_CHECKING:
    from redaction.denylist import DenyList


#: Entity types whose values, once read on screen, are (when learning) added to the episode
#: deny-list.
LEARNED_TYPES = frozenset(
    {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "CREDIT_CARD",
        "IBAN_CODE",
        "SECRET",
        "URL_CREDENTIAL",
        "NATIONAL_ID",
    }
)
#: Entity types whose values, once found on a frame, are hunted elsewhere in the same frame.
PROPAGATED_TYPES = LEARNED_TYPES | {
    "USERNAME",
    "CHANNEL",
    "REPOSITORY",
    "ORGANIZATION",
    "STREET_ADDRESS",
    "IP_ADDRESS",
}
PROPAGATION_RECOGNIZER = "frame_repeat"
#: Minimum score for a screen value to be added to the episode deny-list.
LEARN_MIN_SCORE = 0.6


class FrameDropped(Exception):
    """Raised inside the pipeline to drop a frame; ``reason`` is value-free."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FrameStats:
    """Timings and OCR reuse for one frame (no text)."""

    ocr_ms: float = 0.0
    analysis_ms: float = 0.0
    visual_ms: float = 0.0
    blur_ms: float = 0.0
    total_ms: float = 0.0
    ocr: OcrReport | None = None
    blurred_fraction: float = 0.0


@dataclass(frozen=True, slots=True)
class FrameResult:
    """A redacted frame, or none (dropped) with a reason; regions removed, never values.

    ``lines`` are the OCR lines of the *input* frame, for the next call's ``previous_lines``;
    they hold screen text and must stay in memory.
    """

    frame: Frame | None = field(repr=False)
    redactions: tuple[Redaction, ...] = ()
    #: The areas actually pixelated (each redaction's box with its padding), in frame pixels.
    blurred: tuple[Box, ...] = ()
    lines: tuple[OcrLine, ...] = field(default=(), repr=False)
    dropped_reason: str | None = None
    stats: FrameStats = FrameStats()

    @property
    def dropped(self) -> bool:
        return self.frame is None


@dataclass(frozen=True, slots=True)
class PageFindings:
    """Everything found on a page: OCR lines, layout and findings (used by redact and audit)."""

    lines: tuple[OcrLine, ...]
    layout: Layout
    findings: tuple[Finding, ...]
    ocr: OcrReport
    ocr_ms: float
    analysis_ms: float
    visual_ms: float
    #: The boxes of the page's table header cells (the blur's padding stops short of them).
    headers: tuple[Box, ...] = ()


def as_bgr(frame: Any) -> Frame:
    if not isinstance(frame, np.ndarray) or frame.dtype != np.uint8 or frame.ndim != 3:
        raise FrameDropped("invalid_frame")
    if frame.shape[2] == 4:
        frame = np.ascontiguousarray(frame[:, :, :3])
    elif frame.shape[2] != 3:
        raise FrameDropped("invalid_frame")
    if frame.shape[0] < 8 or frame.shape[1] < 8:
        raise FrameDropped("invalid_frame")
    return np.ascontiguousarray(frame)


class FrameRedactor:
    """Redacts screenshots. Build once (OCR models, cascades load in seconds), call per frame.

    ``analyzer`` is the text redactor (anything with ``analyze(text, deny_list) -> [Span]``).
    Thread-safe for calls on different frames (the OCR engine serialises its own use).
    """

    def __init__(
        self,
        analyzer: TextAnalyzer,
        ocr: OcrEngine | None = None,
        settings: ImageRedactionSettings | None = None,
        *,
        learn_screen_values: bool = False,
        layout_rules: LayoutRules | None = None,
    ) -> None:
        self.settings = settings or ImageRedactionSettings()
        #: The layout rules of the policy (all registered ones when not given).
        self.layout_rules = layout_rules if layout_rules is not None else LayoutRules.build()
        self.analyzer = analyzer
        self.ocr = ocr or create_engine(self.settings.ocr_engine, **self.settings.ocr_options())
        self.faces = FaceDetector() if self.settings.faces else None
        self.password_fields = PasswordFieldDetector() if self.settings.password_fields else None
        self.learn_screen_values = learn_screen_values
        self._analysis_cache = AnalysisCache()
        self.screen_model = (
            screen_model() if self.settings.screen_model_threshold is not None else None
        )

    def describe(self) -> dict[str, Any]:
        """Settings and engine for an episode's policy (no values)."""
        return {"settings": self.settings.to_dict(), "ocr": self.ocr.describe()}

    # --- public ------------------------------------------------------------------------------
    def redact(
        self,
        frame: Frame,
        deny_list: DenyList | None = None,
        previous_frame: Frame | None = None,
        previous_lines: Sequence[OcrLine] | None = None,
        *,
        scale: float | None = None,
        previous_result: FrameResult | None = None,
        memory: ScreenMemory | None = None,
    ) -> FrameResult:
        """Redact one frame (BGR or BGRA uint8). Never raises; never returns the input raw.

        With ``previous_frame`` (the raw frame before, in memory) and its OCR lines
        (``previous_lines``, or the whole ``previous_result``), only what changed is read
        again; a ``previous_result`` also lets faces found before be kept where nothing moved.
        ``memory``: the episode's :class:`redaction.image.memory.ScreenMemory` (what earlier
        frames showed: a table's header row read over its rows once it scrolled away); it
        learns from this frame.
        """
        started = time.perf_counter()
        stage = "input"
        try:
            image = as_bgr(frame)
            scale = scale or self.settings.scale_factor
            stage = "analysis"
            if previous_result is not None and previous_lines is None:
                previous_lines = previous_result.lines
            page = self.find(
                image,
                deny_list,
                previous_frame,
                previous_lines,
                scale=scale,
                previous_result=previous_result,
                memory=memory,
            )
            stage = "blur"
            t0 = time.perf_counter()
            boxes = [box for finding in page.findings for box in finding.boxes]
            redacted, areas = redact_boxes(
                image, boxes, self.settings, scale, _kept(page.headers, boxes)
            )
            blur_ms = (time.perf_counter() - t0) * 1000
            if boxes and redacted is image:
                raise FrameDropped("blur_failed")
            if self.learn_screen_values and deny_list is not None:
                stage = "learn"
                self._learn(page, deny_list)
            redactions = tuple(r for finding in page.findings for r in finding.redactions())
            h, w = image.shape[:2]
            stats = FrameStats(
                page.ocr_ms,
                page.analysis_ms,
                page.visual_ms,
                blur_ms,
                (time.perf_counter() - started) * 1000,
                page.ocr,
                _covered_fraction(areas, w, h),
            )
            return FrameResult(redacted, redactions, tuple(areas), page.lines, None, stats)
        except FrameDropped as dropped:
            return self._dropped(dropped.reason, started)
        except Exception as exc:
            return self._dropped(f"{stage}_failed:{type(exc).__name__}", started)

    def settle(
        self,
        frame: Frame,
        deny_list: DenyList | None = None,
        *,
        scale: float | None = None,
        rounds: int = 4,
        memory: ScreenMemory | None = None,
    ) -> FrameResult:
        """Redact ``frame``, then its output again, until a pass finds nothing new (at most
        ``rounds`` passes), so that redacting the result once more changes nothing.

        A blurred value leaves its label alone on a line, which the analysis can
        read differently than beside its value; curators' re-redaction settles such frames
        so its output passes an audit with the same detectors. The first pass uses (and
        learns into) ``deny_list``; the later ones read the frame as the audit does, without
        one (what the first pass found of it is blurred; blurred pixels teach nothing) and
        without the episode's ``memory`` (which the first pass uses and teaches), so a
        settled frame is one that a pass without a deny-list leaves unchanged (checked also
        when a first pass with one found nothing). ``lines`` are the input's. A pass that
        fails drops the frame (fail closed).
        """
        first = result = self.redact(frame, deny_list, scale=scale, memory=memory)
        redactions, blurred = list(result.redactions), list(result.blurred)
        unchecked = deny_list is not None and len(deny_list) > 0
        for _ in range(rounds - 1):
            if result.frame is None or not (result.redactions or unchecked):
                break
            unchecked = False
            result = self.redact(result.frame, None, scale=scale)
            if result.frame is None:
                return result
            redactions.extend(result.redactions)
            blurred.extend(result.blurred)
        if result.frame is None:
            return result
        return replace(
            first, frame=result.frame, redactions=tuple(redactions), blurred=tuple(blurred)
        )

    def find(
        self,
        frame: Frame,
        deny_list: DenyList | None = None,
        previous_frame: Frame | None = None,
        previous_lines: Sequence[OcrLine] | None = None,
        *,
        scale: float | None = None,
        previous_result: FrameResult | None = None,
        memory: ScreenMemory | None = None,
    ) -> PageFindings:
        """Read and analyse a frame without changing it (``redact`` and the audit use this);
        with the episode's ``memory``, read it with what earlier frames showed, and teach it
        this frame's."""
        scale = scale or self.settings.scale_factor
        t0 = time.perf_counter()
        prev = None
        if previous_frame is not None and previous_lines is not None:
            prev = as_bgr(previous_frame)
        lines, report = read_frame(
            self.ocr,
            frame,
            prev,
            previous_lines,
            max_changed_fraction=self.settings.max_changed_fraction,
            device_scale=scale,
        )
        t1 = time.perf_counter()
        layout = analyse_layout(lines)
        documents = [layout.document("rows"), layout.document("blocks")]
        findings: list[Finding] = []
        findings += analyse_documents(
            layout, documents, self.analyzer, self.settings, deny_list, self._analysis_cache
        )
        context = LayoutContext(
            layout,
            documents,
            self.settings,
            self.layout_rules,
            carried=memory.tables if memory is not None else (),
        )
        headers: list[Box] = []
        if self.settings.layout_context:
            findings += context.findings("context")
            seen = context.remembered()
            headers = [column.box for table in seen for column in table.columns]
            if memory is not None:
                memory.learn(seen)
        if deny_list is not None:
            findings += DenyMatcher(
                ((e.value, e.entity_type) for e in deny_list.entries()),
                fuzzy_ratio=self.settings.deny_fuzzy_ratio,
                min_prefix=self.settings.deny_min_prefix,
            ).find(layout)
        findings += context.findings("patterns")
        if self.settings.cued_identifiers:
            findings += context.findings("cued")
        findings = _confirm(layout, findings)
        findings += extend_lists(layout, findings)
        findings += _repeats(layout, findings, self.settings)
        if not self.settings.text_rules:
            findings = []  # the model alone decides on text (to measure it)
        if self.screen_model is not None and self.settings.screen_model_threshold is not None:
            findings += self.screen_model.findings(layout, self.settings.screen_model_threshold)
        t2 = time.perf_counter()
        if self.password_fields is not None:
            findings += self.password_fields.detect(frame, layout, scale)
        if self.faces is not None:
            findings += self._faces(frame, layout, scale, report, previous_result)
        t3 = time.perf_counter()
        return PageFindings(
            tuple(lines),
            layout,
            tuple(_dedupe(findings)),
            report,
            (t1 - t0) * 1000,
            (t2 - t1) * 1000,
            (t3 - t2) * 1000,
            tuple(headers),
        )

    # --- internals -----------------------------------------------------------------------------
    def _faces(
        self,
        frame: Frame,
        layout: Layout,
        scale: float,
        report: OcrReport,
        previous: FrameResult | None,
    ) -> list[Finding]:
        """Faces on the whole frame; on an incremental frame with the previous result at hand,
        faces in the changed areas plus the previous faces where nothing changed."""
        assert self.faces is not None
        if report.mode == "full" or previous is None:
            return self.faces.detect(frame, layout, scale)
        h, w = frame.shape[:2]
        kept = []
        for r in previous.redactions:
            if r.recognizer != FACE_RECOGNIZER or r.box is None:
                continue
            box = geometry.offset(r.box, 0, -report.scroll_dy)  # a scroll moved it
            if geometry.contains(Box(0, 0, w, h), box) and not any(
                geometry.intersection(box, area) for area in report.regions
            ):
                kept.append(Finding(r.entity_type, r.recognizer, r.score or 0.0, (box,)))
        return kept + self.faces.detect(frame, layout, scale, regions=report.regions)

    def _dropped(self, reason: str, started: float) -> FrameResult:
        return FrameResult(
            None, (), (), (), reason, FrameStats(total_ms=(time.perf_counter() - started) * 1000)
        )

    @staticmethod
    def _learn(page: PageFindings, deny_list: DenyList) -> None:
        for finding in page.findings:
            if (
                finding.entity_type in LEARNED_TYPES
                and finding.refs
                and finding.score >= LEARN_MIN_SCORE
                and finding.recognizer not in (PROPAGATION_RECOGNIZER, MODEL_RECOGNIZER)
            ):
                value = " ".join(page.layout.word(ref).text for ref in finding.refs)
                deny_list.add(value, finding.entity_type, "screen")


def _confirm(layout: Layout, findings: list[Finding]) -> list[Finding]:
    """Keep a one-word NER name only where the page backs it: another recognizer found it, it
    is part of a full name found elsewhere, or it stands as a chat speaker (the name and a
    colon) or a mention (an at sign and the name)."""
    sure = [f for f in findings if not f.recognizer.endswith(UNCONFIRMED)]
    covered = {ref for f in sure if f.entity_type == "PERSON" for ref in f.refs}
    parts = {
        normalise(layout.word(ref).text)
        for f in sure
        if f.entity_type == "PERSON" and len(f.refs) >= 2
        for ref in f.refs
    }
    out = list(sure)
    for f in findings:
        if not f.recognizer.endswith(UNCONFIRMED):
            continue
        words = [layout.word(ref).text for ref in f.refs]
        backed = (
            any(ref in covered for ref in f.refs)
            or any(normalise(w) in parts for w in words)
            or any(w.endswith(":") or w.startswith("@") for w in words)
        )
        if backed:
            out.append(dataclasses.replace(f, recognizer=f.recognizer[: -len(UNCONFIRMED)]))
    return out


def _repeats(
    layout: Layout, findings: Sequence[Finding], settings: ImageRedactionSettings
) -> list[Finding]:
    """Values found once on the page, found again wherever else they appear on it.

    A name recognised in a sentence is also removed from a list row. Single words are not
    spread (one wrong single-word name would spread to every use of the word).
    """
    values: list[tuple[str, str, float]] = []
    for finding in sorted(findings, key=lambda f: -f.score):
        if finding.entity_type not in PROPAGATED_TYPES or not finding.refs:
            continue
        words = [layout.word(ref).text for ref in finding.refs]
        if finding.entity_type == "PERSON" and len(words) < 2:
            continue
        if finding.entity_type == "CHANNEL" and re.fullmatch(r"#?\s*[A-Za-z]+\.?", " ".join(words)):
            # A channel named by a plain word ("# releases") is that word in every sentence
            # of the chat ("the release is late"): only a name someone chose is spread.
            continue
        # A repeat is as certain as the finding it repeats (slightly less, so that where they
        # coincide the original recognizer is the one recorded).
        values.append((" ".join(words), finding.entity_type, finding.score * 0.99))
        if finding.entity_type == "REPOSITORY":
            # The repository's own name stands alone elsewhere (git's clone message, an
            # editor's title); only names someone chose (dash, underscore, digit) spread,
            # a plain word would match prose.
            name = "".join(words).rsplit("/", 1)[-1].removesuffix(".git")
            if len(name) >= 5 and re.search(r"[a-z][\-_\d]|[\-_][a-z]", name, re.I):
                values.append((name, finding.entity_type, finding.score * 0.98))
            # Its owner (the company or the user) stands alone too: an organisation's
            # switcher, a breadcrumb. Public owners never reach here.
            pair = re.search(r"([A-Za-z0-9][A-Za-z0-9\-]{4,38})/[\w.\-]+/?$", "".join(words))
            owner = pair.group(1) if pair else ""
            if owner and not owner.isdigit() and not _public_owner(owner):
                values.append((owner, finding.entity_type, finding.score * 0.97))
    if not values:
        return []
    matcher = DenyMatcher(
        values,
        fuzzy_ratio=max(settings.deny_fuzzy_ratio, 0.9),
        recognizer=PROPAGATION_RECOGNIZER,
        prefixes=False,
    )
    return matcher.find(layout)


def _public_owner(owner: str) -> bool:
    low = owner.lower()
    return low in PUBLIC_OWNERS or low in NOT_OWNERS or low in PATH_HEADS


def _dedupe(findings: Sequence[Finding]) -> list[Finding]:
    """Drop findings whose every box lies inside an earlier finding's box."""
    out: list[Finding] = []
    seen: list[Box] = []
    for finding in sorted(findings, key=lambda f: -f.score):
        if all(any(geometry.contains(s, b) for s in seen) for b in finding.boxes):
            continue
        out.append(finding)
        seen.extend(finding.boxes)
    return out


def _kept(headers: Sequence[Box], boxes: Sequence[Box]) -> list[Box]:
    """The table header cells that stay readable (no redaction box covers half of one): the
    only text the blur's padding stops short of. Not any kept word: a value the detectors
    missed right above a found one (an address line over its postcode) stays hidden by the
    padding, as before."""
    if not boxes:
        return []
    return [
        head
        for head in headers
        if not any(2 * geometry.overlap_area(head, box) > geometry.area(head) for box in boxes)
    ]


def _covered_fraction(areas: Sequence[Box], width: int, height: int) -> float:
    if not areas:
        return 0.0
    mask = np.zeros((height, width), dtype=bool)
    for box in areas:
        mask[box.y : box.y + box.h, box.x : box.x + box.w] = True
    return float(mask.mean())
