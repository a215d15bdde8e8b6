"""The field a typing run went into, read from the screen: what the run is.

X11 gives no caret position and Tab moves focus without a click, so the field of a typing run
is found as the region that changed between the frame before the run and the frame after it
(the echo of what was typed), else around the last click. Its label, placeholder or prompt
(OCR near that region, read through the shared label lexicon,
:func:`redaction.knowledge.labels.read_label`) says what the whole run is: ``Surname`` ->
PERSON, ``Postcode`` -> STREET_ADDRESS, ``Password`` -> a secret, ``CVV``, ``Card number``...
A masked echo (a row of dots or asterisks) means a secret.

:class:`FormContext` carries what one episode learnt from field to field: in a login or
sign-up form, the run typed right after a username or e-mail field is a password unless its
own field says otherwise.

Raw frames are only read here (memory); a :class:`FieldReading` carries no text of the screen
beyond the lexicon concept it matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np

from redaction.image import geometry
from redaction.image.ocr import OcrEngine, OcrLine, shifted
from redaction.knowledge.labels import read_label
from redaction.models import Box, FieldContext, Frame

Source = Literal["echo", "click", "none"]

#: A label reading below this does not type a run (``Country`` read fuzzily as ``County``).
MIN_LABEL_SCORE: Final = 0.5
#: Lexicon concepts whose field holds a secret: the whole run is one.
SECRET_CONCEPTS: Final = frozenset({"password", "secret", "card_code"})
#: Concepts of the field that, in a form, comes before its password.
LOGIN_ID_CONCEPTS: Final = frozenset({"username", "email"})
#: A pixel changed when a channel moved by more than this (anti-aliasing, compression).
_DIFF_THRESHOLD: Final = 40
_MASK_TEXT: Final = re.compile(r"^[•●∙·⋅*◦○.°]{3,}$")


@dataclass(frozen=True, slots=True)
class FieldReading:
    """What the field of a typing run says: ``entity_type`` of the whole run (None: no label
    read), ``secret`` (masked echo or a password/secret label), the lexicon ``concept``,
    where the field was found (``source``) and its ``box`` in frame pixels."""

    entity_type: str | None = None
    secret: bool = False
    concept: str | None = None
    source: Source = "none"
    box: Box | None = None

    @property
    def known(self) -> bool:
        return self.secret or self.entity_type is not None

    @property
    def context(self) -> FieldContext:
        """What the text API needs of it (:meth:`redaction.text.TextRedactor.redact_text`)."""
        return FieldContext(self.entity_type, self.secret)


UNKNOWN: Final = FieldReading()


def changed_region(before: Frame, after: Frame) -> Box | None:
    """The echo of a typing run: the main changed band between two frames of one size (the
    largest group of changed pixels, with the changes on its line), or None."""
    import cv2

    if before.shape != after.shape or before.ndim != 3:
        return None
    diff = cv2.absdiff(before, after).max(axis=2)
    mask = (diff > _DIFF_THRESHOLD).astype(np.uint8)
    if not mask.any():
        return None
    # Letters of one echo join along the line; lines a field apart stay apart.
    joined = cv2.dilate(mask, np.ones((5, 31), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    if n <= 1:
        return None
    boxes = [Box(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:]]
    areas = [int(a) for a in stats[1:, 4]]
    main = boxes[areas.index(max(areas))]
    band = [b for b in boxes if geometry.vertical_overlap(b, main) > 0.5]
    region = geometry.union(band)
    # Undo the dilation's margin.
    return geometry.from_corners(
        region.x + 15, region.y + 2, geometry.right(region) - 15, geometry.bottom(region) - 2
    )


def masked_echo(after: Frame, region: Box, ocr_lines: tuple[OcrLine, ...] = ()) -> bool:
    """Whether the echo in ``region`` of ``after`` is a row of equal dots (a masked field)."""
    import cv2

    words = [w.text.strip() for line in ocr_lines for w in line.words if w.text.strip()]
    if words and all(_MASK_TEXT.match(w) for w in words):
        return True
    h, w = after.shape[:2]
    box = geometry.clip(geometry.pad(region, 2, w, h), w, h)
    crop = after[box.y : box.y + box.h, box.x : box.x + box.w]
    if crop.size == 0:
        return False
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    for polarity in (cv2.THRESH_BINARY_INV, cv2.THRESH_BINARY):
        _, ink = cv2.threshold(gray, 0, 255, polarity | cv2.THRESH_OTSU)
        if ink.mean() > 127:
            continue
        _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
        blobs = [s for s in stats[1:] if s[4] >= 6]
        # A caret (tall, thin) may stand at the end: judge the others.
        others = [s for s in blobs if not s[3] > 3 * s[2]]
        if len(others) < 3:
            continue
        # A dot is round and solid (a filled disc covers ~0.79 of its box; a "w" 0.56), all
        # of them alike; digits are taller than wide and
        # differ in ink.
        dots = [
            s
            for s in others
            if 0.8 <= s[2] / max(1, s[3]) <= 1.25 and 0.62 <= s[4] / float(s[2] * s[3]) <= 0.95
        ]
        if len(dots) >= 3 and len(dots) >= 0.9 * len(others):
            heights = sorted(int(s[3]) for s in dots)
            if heights[-1] - heights[0] <= 2 and heights[-1] <= 16:
                return True
        if _same_glyphs(ink, others):
            return True
    return False


def _same_glyphs(ink: np.ndarray[Any, Any], blobs: list[Any]) -> bool:
    """A row of one repeated square glyph solid at its centre (asterisks, stars): four or
    more blobs of the same size and ink, as no typed word draws (letters and digits differ,
    or are taller or wider than a square, or hollow like ``o``; a run of ``x`` would pass, and
    be redacted: fail closed)."""
    height, width = ink.shape[:2]
    # The field's border (a frame across the crop) is no glyph.
    blobs = [
        b for b in blobs
        if not (b[0] == 0 and b[0] + b[2] == width) and not (b[1] == 0 and b[1] + b[3] == height)
    ]
    if len(blobs) < 4:
        return False
    square = [
        b for b in blobs
        if 0.75 <= b[2] / max(1, b[3]) <= 1.1 and b[3] <= 24
        and ink[b[1] + b[3] // 2, b[0] + b[2] // 2] > 0
    ]
    if len(square) < 4 or len(square) < 0.9 * len(blobs):
        return False
    widths = [int(b[2]) for b in square]
    heights = [int(b[3]) for b in square]
    areas = [int(b[4]) for b in square]
    return (
        max(widths) - min(widths) <= 1
        and max(heights) - min(heights) <= 1
        and max(areas) <= 1.1 * min(areas)
    )


#: Characters of values, prompts and command output, never of a field's label (not ``/`` or
#: ``#``: "Expiry (MM/YY)", "Phone #").
_VALUE_CHARS: Final = re.compile(r"[@\\$=~<>{}\[\]|`]")
#: A field's label is a few words ("E-mail address (required)"); a longer line is text.
MAX_LABEL_WORDS: Final = 5
#: ... with a digit or two at most ("Address line 2"); more are a value (a phone number).
MAX_LABEL_DIGITS: Final = 3


def label_shaped(text: str) -> bool:
    """Whether an OCR line could be a field's label, placeholder or prompt: a few words with
    hardly a digit and no character of a value, a prompt or code (a terminal's previous output that
    mentions a concept, or a prompt holding the user's name, labels nothing)."""
    return (
        len(text.split()) <= MAX_LABEL_WORDS
        and not _VALUE_CHARS.search(text)
        and sum(c.isdigit() for c in text) <= MAX_LABEL_DIGITS
    )


class FieldReader:
    """Reads the field of a typing run with an OCR engine (thread-safe if the engine is)."""

    def __init__(self, ocr: OcrEngine, *, reach: int = 420, above: int = 80) -> None:
        self.ocr = ocr
        #: How far left of the field (a label column) and above it a label is looked for, in
        #: pixels at scale 1.
        self.reach = reach
        self.above = above

    def read(
        self,
        before: Frame,
        after: Frame | None = None,
        click: tuple[int, int] | None = None,
        scale: float = 1.0,
    ) -> FieldReading:
        """The reading of the field typed into between ``before`` and ``after`` (else around
        ``click``); :data:`UNKNOWN` when neither locates a field."""
        source: Source = "none"
        region = changed_region(before, after) if after is not None else None
        if region is not None and region.w > 0 and region.h > 0:
            source = "echo"
        elif click is not None:
            cx, cy = click
            half_w, half_h = round(120 * scale), round(12 * scale)
            region = Box(max(0, cx - half_w), max(0, cy - half_h), 2 * half_w, 2 * half_h)
            source = "click"
        else:
            return UNKNOWN
        h, w = before.shape[:2]
        region = geometry.clip(region, w, h)
        if region.w == 0 or region.h == 0:
            return UNKNOWN
        secret = False
        if after is not None and source == "echo":
            secret = masked_echo(after, region)
        reach, above = round(self.reach * scale), round(self.above * scale)
        area = geometry.clip(
            geometry.from_corners(
                region.x - reach, region.y - above, region.x + max(region.w, 300 * scale) + 40,
                geometry.bottom(region) + 4,
            ),
            w,
            h,
        )
        lines = self._read_legible(before, area, scale)
        concept, entity_type = None, None
        for line in self._candidates(lines, region, scale):
            if not label_shaped(line.text):
                continue  # a value, a prompt or output: it names no field
            reading = read_label(line.text)
            if reading is not None and reading.score >= MIN_LABEL_SCORE:
                concept, entity_type = reading.concept, reading.entity_type
                break
        secret = secret or concept in SECRET_CONCEPTS
        return FieldReading(entity_type, secret, concept, source, region)

    def _read_legible(self, frame: Frame, box: Box, scale: float) -> tuple[OcrLine, ...]:
        """OCR of ``box`` with its contrast stretched, dark text on light (labels and
        placeholders are often grey on grey, which a whole-frame read misses)."""
        import cv2

        crop = frame[box.y : box.y + box.h, box.x : box.x + box.w]
        if crop.size == 0:
            return ()
        gray = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_BGR2GRAY)
        if float(np.median(gray)) < 128:
            gray = 255 - gray
        low, high = int(gray.min()), int(gray.max())
        if high > low:
            gray = ((gray.astype(np.float32) - low) * (255.0 / (high - low))).astype(np.uint8)
        legible = np.ascontiguousarray(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))
        return shifted(self.ocr.read(legible, scale), box.x, box.y)

    @staticmethod
    def _candidates(
        lines: tuple[OcrLine, ...], region: Box, scale: float
    ) -> list[OcrLine]:
        """The lines that may label the field: its placeholder (inside), the nearest line
        above it, the nearest line on its left; in that order. Only the nearest above counts:
        further up is the previous field and its label."""
        inside: list[tuple[float, OcrLine]] = []
        above: list[tuple[float, OcrLine]] = []
        left: list[tuple[float, OcrLine]] = []
        left_edge = region.x - round(60 * scale)
        right_edge = region.x + max(region.w, round(250 * scale))
        for line in lines:
            if not line.text.strip():
                continue
            box = line.box
            if geometry.vertical_overlap(box, region) > 0.3:
                if geometry.right(box) <= region.x + 4:
                    left.append((region.x - geometry.right(box), line))
                elif box.x < geometry.right(region) and geometry.right(box) > region.x:
                    inside.append((abs(box.x - region.x), line))
            elif geometry.bottom(box) <= region.y + 4 and left_edge <= box.x < right_edge:
                # Above: a line that starts over the field (a label left of the field on the
                # row above labels the previous field, not this one).
                above.append((region.y - geometry.bottom(box), line))
        return [min(group, key=lambda item: item[0])[1] for group in (inside, above, left) if group]

def typed_beside(reading: FieldReading | None, masked: tuple[Box, ...]) -> bool:
    """Whether a run went into a field other than the masked (password) fields seen on the
    screen before it: its echo was found, is no masked echo, and touches none of them. A
    password typed earlier stays masked on screen; the chat line typed after Tab from it is
    not a secret for that. Without a located echo the masked field may be the one typed into
    (fail closed: False)."""
    if reading is None or reading.source != "echo" or reading.box is None or reading.secret:
        return False
    return not any(geometry.overlap_area(reading.box, box) > 0 for box in masked)


class FormContext:
    """What one episode's field readings imply across runs (not thread-safe: one per episode).

    :meth:`resolve` returns the reading a run is redacted by: its own when the field says what
    it is; a password when the field is unread but the previous run went into a username or
    e-mail field (a login or sign-up form).
    """

    def __init__(self) -> None:
        self._previous: FieldReading = UNKNOWN

    def resolve(self, reading: FieldReading) -> FieldReading:
        previous, self._previous = self._previous, reading
        # A masked field is a password whatever label was read near it: the run after a
        # password field is not a password (a chat line typed after Tab).
        if reading.known or previous.secret or previous.concept not in LOGIN_ID_CONCEPTS:
            return reading
        return FieldReading("PASSWORD", True, "password", reading.source, reading.box)
