"""Incremental OCR: only changed areas are read again, and the redaction equals a full read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from redaction.denylist import DenyList
from redaction.image import FrameRedactor, FrameResult, geometry
from redaction.image.incremental import read_frame, scroll_offset
from redaction.image.ocr import OcrEngine, OcrLine, Reuse
from redaction.models import Box, Redaction
from tests.redaction.image.conftest import ScreenFactory

FORM = [
    ("Checkout", 20, 15),
    ("Full name", 20, 60),
    ("Email address", 20, 140),
    ("Phone", 20, 220),
    ("Order summary", 560, 60),
    ("2 x Desk lamp   $84.00", 560, 100),
]
TYPED = [
    ("Margaret Ho", None, None),
    ("Margaret Hollis", None, None),
    ("Margaret Hollis", "m.hollis@fern", None),
    ("Margaret Hollis", "m.hollis@fernbrook.io", "+1 (415) 555-0199"),
]


def _form_frames(screen: ScreenFactory) -> list[np.ndarray[Any, Any]]:
    frames = [screen(FORM, size=(900, 300)).image]
    for name, email, phone in TYPED:
        items = list(FORM)
        for value, y in ((name, 86), (email, 166), (phone, 246)):
            if value:
                items.append((value, 30, y))
        frames.append(screen(items, size=(900, 300)).image)
    return frames


def _terminal_frames(screen: ScreenFactory) -> list[np.ndarray[Any, Any]]:
    # Text the OCR reads the same way every time: this test is about reuse. (OCR itself may
    # read a line differently from one frame to the next, e.g. "INFO" or "INF0"; the benchmark
    # measures how often that changes a redaction.)
    log = [
        f"Deploy {i:03d} finished for Ada Lovelace in {i * 7} ms"
        if i % 3
        else f"Checked {i:03d} files, all passed"
        for i in range(40)
    ]
    frames = []
    for first in (0, 2):  # the terminal printed 2 more lines and scrolled
        items = [(text, 10, 8 + 26 * row) for row, text in enumerate(log[first : first + 22])]
        frames.append(
            screen(
                items, size=(640, 590), font_px=18, background=(12, 12, 12), ink=(220, 220, 220)
            ).image
        )
    return frames


def _same_redaction(a: FrameResult, b: FrameResult) -> bool:
    """The same regions: each one of ``a`` has one of the same type in ``b`` at IoU >= 0.6,
    and back. (Boxes may move a pixel or two: text detection itself is not pixel-stable,
    even between two full reads of frames that differ elsewhere.)"""

    def matched(xs: tuple[Redaction, ...], ys: tuple[Redaction, ...]) -> bool:
        return all(
            any(
                x.entity_type == y.entity_type
                and x.box
                and y.box
                and geometry.iou(x.box, y.box) >= 0.6
                for y in ys
            )
            for x in xs
        )

    return matched(a.redactions, b.redactions) and matched(b.redactions, a.redactions)


@pytest.mark.parametrize("make", [_form_frames, _terminal_frames])
def test_incremental_redaction_equals_full_redaction(
    frame_redactor: FrameRedactor, screen: ScreenFactory, make: Any
) -> None:
    frames = make(screen)
    previous = previous_lines = None
    modes = []
    for frame in frames:
        full = frame_redactor.redact(frame, DenyList())
        inc = frame_redactor.redact(
            frame, DenyList(), previous_frame=previous, previous_lines=previous_lines
        )
        assert full.frame is not None and inc.frame is not None
        assert _same_redaction(full, inc)
        assert inc.stats.ocr is not None
        modes.append((inc.stats.ocr.mode, inc.stats.ocr.read_fraction))
        previous, previous_lines = frame, inc.lines
    assert modes[0] == ("full", 1.0)
    # Every later frame was read in part only (a field, or the lines a scroll exposed).
    assert all(mode == "incremental" and share < 0.5 for mode, share in modes[1:]), modes


def test_an_unchanged_frame_is_not_read_again(ocr_engine: Any, screen: ScreenFactory) -> None:
    frame = screen(FORM, size=(900, 300)).image
    lines, report = read_frame(ocr_engine, frame)
    again, report2 = read_frame(ocr_engine, frame.copy(), frame, lines)
    assert report.mode == "full" and report2.mode == "unchanged"
    assert again == lines


def test_scroll_is_recognised(screen: ScreenFactory) -> None:
    frames = _terminal_frames(screen)
    assert scroll_offset(frames[0], frames[1]) == 52  # two lines of 26 px
    assert scroll_offset(frames[0], frames[0]) == 0


def test_a_different_size_is_read_in_full(ocr_engine: Any, screen: ScreenFactory) -> None:
    small = screen(FORM, size=(900, 300)).image
    big = screen(FORM, size=(900, 320)).image
    lines, _ = read_frame(ocr_engine, small)
    _, report = read_frame(ocr_engine, big, small, lines)
    assert report.mode == "full"


class CountingEngine(OcrEngine):
    """The real engine, counting the calls that read pixels and the lines it recognised (found
    lines the incremental reader handed back as already read are not counted)."""

    name = "counting"

    def __init__(self, inner: OcrEngine) -> None:
        self.inner = inner
        self.calls = 0
        self.recognised = 0
        #: Where recognised lines were found (frame pixels).
        self.recognised_at: list[Box] = []

    def read(self, image: Any, device_scale: float = 1.0) -> tuple[OcrLine, ...]:
        self.calls += 1
        lines = self.inner.read(image, device_scale)
        self.recognised += len(lines)
        self.recognised_at += [line.box for line in lines]
        return lines

    def alignment(self, height: int, width: int, device_scale: float = 1.0) -> int:
        return self.inner.alignment(height, width, device_scale)

    def read_region(
        self,
        frame: Any,
        box: Box,
        device_scale: float = 1.0,
        only_within: Sequence[Box] | None = None,
        reuse: Reuse | None = None,
    ) -> tuple[OcrLine, ...]:
        self.calls += 1
        reused = 0

        def counted(found: Box) -> OcrLine | None:
            nonlocal reused
            known = reuse(found) if reuse is not None else None
            reused += known is not None
            if known is None:
                self.recognised_at.append(found)
            return known

        lines = self.inner.read_region(frame, box, device_scale, only_within, counted)
        self.recognised += len(lines) - reused
        return lines


PROMPT = [(f"build {i:02d} passed in {i * 3} s", 10, 8 + 26 * i) for i in range(6)]
PROMPT_LINE = ("dev@box:~/app$ make", 10, 8 + 26 * 6)
CURSOR = Box(230, 8 + 26 * 6, 11, 22)  # a block cursor after the prompt line
ROW = Box(0, 8 + 26 * 2 - 3, 640, 26)  # a hover highlight behind the third line


def _blinking(screen: ScreenFactory, **fills: Any) -> np.ndarray[Any, Any]:
    colours = {
        "cursor": (CURSOR, (200, 200, 200)),
        "hover": (ROW, (45, 60, 90)),
        "hover_next": (geometry.offset(ROW, 0, 26), (45, 60, 90)),
    }
    return screen(
        [*PROMPT, PROMPT_LINE],
        size=(640, 220),
        font_px=18,
        background=(12, 12, 12),
        ink=(220, 220, 220),
        fills=[colours[name] for name, on in fills.items() if on],
    ).image


@pytest.mark.parametrize(
    "before, after",
    [
        ({"cursor": False}, {"cursor": False}),  # the same screenshot again
        ({"cursor": False}, {"cursor": True}),  # the cursor blinks on
        ({"cursor": True}, {"cursor": False}),  # and off
        ({"hover": False}, {"hover": True}),  # a row is highlighted under the pointer
        ({"hover": True}, {"hover_next": True}),  # the pointer moves down a row
        ({"hover": True, "cursor": True}, {"hover": False, "cursor": False}),
    ],
)
def test_a_change_without_text_costs_no_recognition(
    ocr_engine: Any, screen: ScreenFactory, before: dict[str, bool], after: dict[str, bool]
) -> None:
    first, second = _blinking(screen, **before), _blinking(screen, **after)
    lines, _ = read_frame(ocr_engine, first)
    assert len(lines) == 7
    counting = CountingEngine(ocr_engine)
    again, report = read_frame(counting, second, first, lines)
    assert counting.calls == 0 and counting.recognised == 0
    assert report.mode == "unchanged" and again == lines


def test_text_typed_on_a_highlighted_row_is_read(ocr_engine: Any, screen: ScreenFactory) -> None:
    first = _blinking(screen, hover=True)
    lines, _ = read_frame(ocr_engine, first)
    typed = screen(
        [*PROMPT, ("dev@box:~/app$ make deploy", 10, 8 + 26 * 6)],
        size=(640, 220),
        font_px=18,
        background=(12, 12, 12),
        ink=(220, 220, 220),
        fills=[(ROW, (45, 60, 90))],
    ).image
    counting = CountingEngine(ocr_engine)
    again, report = read_frame(counting, typed, first, lines)
    # (on a screen this small the area to read is most of it: read whole)
    assert report.mode != "unchanged" and counting.recognised >= 1
    assert any(line.text.endswith("make deploy") for line in again)


def test_a_scroll_recognises_only_the_new_lines(ocr_engine: Any, screen: ScreenFactory) -> None:
    before, after = _terminal_frames(screen)
    lines, _ = read_frame(ocr_engine, before)
    counting = CountingEngine(ocr_engine)
    moved, report = read_frame(counting, after, before, lines)
    full, _ = read_frame(ocr_engine, after)
    assert report.scroll_dy == 52
    # Two lines scrolled in at the bottom; the other 20 are the old ones, moved up. Only the
    # top line may be read again: the scroll cut the descenders of the line above it, which
    # the detector had boxed with it (font 18 px on 26 px rows).
    new_rows = [box for box in counting.recognised_at if box.y >= 8 + 26 * 20 - 2]
    top_row = [box for box in counting.recognised_at if box.y <= 8 + 2]
    assert len(new_rows) == 2 and len(counting.recognised_at) == len(new_rows) + len(top_row)
    assert counting.recognised <= 3
    assert len(moved) == len(full) == 22
    for got, want in zip(moved, full, strict=True):
        assert got.text == want.text
        # Where a full read finds it (the detector's boxes differ by a few px between reads).
        assert geometry.iou(got.box, want.box) >= 0.7
        assert geometry.contains(geometry.pad(got.box, 3, 640, 590), want.box)
