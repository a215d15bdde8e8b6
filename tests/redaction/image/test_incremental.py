"""Incremental OCR: only changed areas are read again, and the redaction equals a full read."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from redaction.denylist import DenyList
from redaction.image import FrameRedactor, FrameResult, geometry
from redaction.image.incremental import _scroll_offset, read_frame
from redaction.models import Redaction
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
    assert _scroll_offset(frames[0], frames[1]) == 52  # two lines of 26 px
    assert _scroll_offset(frames[0], frames[0]) == 0


def test_a_different_size_is_read_in_full(ocr_engine: Any, screen: ScreenFactory) -> None:
    small = screen(FORM, size=(900, 300)).image
    big = screen(FORM, size=(900, 320)).image
    lines, _ = read_frame(ocr_engine, small)
    _, report = read_frame(ocr_engine, big, small, lines)
    assert report.mode == "full"
