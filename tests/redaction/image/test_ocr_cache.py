"""The OCR line cache: a line whose pixels were recognised before is not recognised again,
and a cached read equals a fresh one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from redaction.image.ocr import LineCache, OcrError, OcrLine, OcrWord
from redaction.models import Box
from tests.redaction.image.conftest import ScreenFactory

ROWS = [("Ticket 4471 assigned", 40, 40), ("Build passed in 42 s", 40, 100),
        ("Deploy window opens at noon", 40, 160)]


@pytest.fixture
def cached(ocr_engine: Any) -> Iterator[Any]:
    """The session's engine with a fresh cache for the test (and none after it)."""
    ocr_engine.line_cache = LineCache(256)
    yield ocr_engine
    ocr_engine.line_cache = None


def _lines(lines: tuple[OcrLine, ...]) -> list[tuple[Box, str]]:
    return [(line.box, line.text) for line in lines]


def test_a_page_seen_again_is_not_recognised_again(cached: Any, screen: ScreenFactory) -> None:
    page = screen(ROWS, size=(640, 240)).image
    other = screen([("Settings", 40, 40)], size=(640, 240)).image
    cache = cached.line_cache
    first = cached.read(page)
    assert cache.hits == 0 and len(cache) == len(first) == 3
    cached.read(other)  # another page in between (an app switched to and back)
    hits = cache.hits
    again = cached.read(page)
    assert cache.hits - hits == 3 and _lines(again) == _lines(first)
    cached.forget()  # the end of an episode: no screen text is kept for the next one
    assert len(cache) == 0


def test_only_changed_lines_are_recognised_and_the_read_is_the_same(
    ocr_engine: Any, screen: ScreenFactory
) -> None:
    page = screen(ROWS, size=(640, 240)).image
    edited = screen([*ROWS[:2], ("Deploy window opens at five", 40, 160)], size=(640, 240)).image
    plain = _lines(ocr_engine.read(edited))
    ocr_engine.line_cache = cache = LineCache(256)
    try:
        ocr_engine.read(page)
        hits, misses = cache.hits, cache.misses
        lines = _lines(ocr_engine.read(edited))
    finally:
        ocr_engine.line_cache = None
    assert (cache.hits - hits, cache.misses - misses) == (2, 1)
    assert lines == plain and lines[2][1].endswith("five")


def test_the_cache_is_bounded_and_forgets_the_oldest() -> None:
    cache = LineCache(2)
    line = OcrLine(Box(0, 0, 10, 10), (OcrWord("x", Box(0, 0, 10, 10), 0.9),))
    for key in (b"a", b"b", b"c"):
        cache.put(key, line)
    assert len(cache) == 2 and cache.get(b"a") == (False, None) and cache.get(b"c")[0]
    cache.put(b"d", None)  # nothing readable there: remembered as such
    assert cache.get(b"d") == (True, None)
    assert "x" not in repr(cache)
    with pytest.raises(OcrError):
        LineCache(0)


def test_a_pixel_changed_is_a_different_line() -> None:
    cache = LineCache(8)
    image = np.full((40, 200, 3), 255, np.uint8)
    quad = np.asarray([[10, 10], [150, 10], [150, 30], [10, 30]], np.float32)
    key, _, _ = cache.key(image, quad)
    image[20, 100] = 0
    assert cache.key(image, quad)[0] != key
    assert cache.key(image, quad + 0.5)[0] != cache.key(image, quad)[0]
