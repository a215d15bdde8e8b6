"""Irreversible blur: sizes never below the floor, nothing outside touched, and OCR reads
nothing back (RapidOCR and Tesseract)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from redaction.image import ImageRedactionSettings
from redaction.image.blur import block_size, padded_box, redact_boxes
from redaction.image.ocr import TesseractEngine
from redaction.models import Box
from tests.redaction.image.conftest import ScreenFactory


@pytest.mark.parametrize("field", ["block_px", "pad_px"])
def test_settings_refuse_weak_blur(field: str) -> None:
    with pytest.raises(ValueError):
        ImageRedactionSettings().replace(**{field: 3})


def test_block_and_padding_scale_with_device_scale_and_text_size() -> None:
    settings = ImageRedactionSettings()
    small = Box(100, 100, 80, 14)
    assert block_size(small, settings, 1.0) == 12
    assert block_size(small, settings, 2.0) == 24
    assert block_size(Box(0, 0, 400, 60), settings, 1.0) >= 27  # a heading: ~2 rows of blocks
    assert padded_box(small, settings, 1.0, 1000, 1000) == Box(96, 96, 88, 22)
    assert padded_box(small, settings, 2.0, 1000, 1000) == Box(92, 92, 96, 30)


def test_only_the_padded_boxes_change(screen: ScreenFactory) -> None:
    drawn = screen([("4111 1111 1111 1111", 40, 40), ("Total due", 40, 120)], size=(500, 200))
    box = drawn.boxes["4111 1111 1111 1111"]
    out, areas = redact_boxes(drawn.image, [box], ImageRedactionSettings(), 1.0)
    assert out is not drawn.image
    changed = np.any(out != drawn.image, axis=2)
    ys, xs = np.nonzero(changed)
    area = areas[0]
    assert xs.min() >= area.x and xs.max() < area.x + area.w
    assert ys.min() >= area.y and ys.max() < area.y + area.h
    assert np.array_equal(out[110:], drawn.image[110:])  # "Total due" untouched


@pytest.mark.parametrize("font_px", [13, 16, 28, 44])
def test_blurred_digits_are_unreadable_to_ocr(
    screen: ScreenFactory, ocr_engine: Any, font_px: int
) -> None:
    text = "4929 1234 5678 9012"
    drawn = screen([(text, 30, 30)], size=(60 + font_px * 14, 60 + font_px * 2), font_px=font_px)
    before = " ".join(line.text for line in ocr_engine.read(drawn.image))
    assert "5678" in before  # readable before, so the test can fail
    out, _ = redact_boxes(drawn.image, [drawn.boxes[text]], ImageRedactionSettings(), 1.0)
    readers: list[Any] = [ocr_engine]
    if TesseractEngine.available():
        readers.append(TesseractEngine(upscale=2.0))
    for reader in readers:
        after = " ".join(line.text for line in reader.read(out))
        digits = "".join(ch for ch in after if ch.isdigit())
        assert not any(group in digits for group in ("4929", "1234", "5678", "9012")), reader.name


def _table(screen: ScreenFactory) -> Any:
    """A header over a cell over another cell, as close as a dense list's rows stand."""
    return screen([("Surname", 20, 20), ("Kadlec", 20, 40), ("Review", 20, 60)],
                  size=(220, 100), font_px=18)


def test_padding_stops_between_a_kept_header_and_the_value_under_it(
    screen: ScreenFactory, ocr_engine: Any
) -> None:
    """OCR's loose boxes of a cell and of the header over it overlap: the blur of the cell
    stops between the two inks, so the header stays readable and the cell does not; under the
    cell, the padding stays."""
    drawn = _table(screen)
    lines = {line.text: line.box for line in ocr_engine.read(drawn.image)}
    assert set(lines) == {"Surname", "Kadlec", "Review"}
    header, cell, below = lines["Surname"], lines["Kadlec"], lines["Review"]
    assert header.y + header.h > cell.y  # the detection boxes overlap (else nothing to test)
    settings = ImageRedactionSettings()
    loose = padded_box(cell, settings, 1.0, 220, 100)
    assert loose.y < drawn.boxes["Surname"].y + drawn.boxes["Surname"].h  # into the header
    out, [area] = redact_boxes(drawn.image, [cell], settings, 1.0, keep=[header, below])
    ink = drawn.boxes["Kadlec"]
    assert area.y <= ink.y - 2 and area.y + area.h >= ink.y + ink.h + 2  # the value covered
    assert area.y + area.h == loose.y + loose.h  # the padding under it kept
    box = drawn.boxes["Surname"]
    rows = slice(box.y, box.y + box.h)
    assert np.array_equal(out[rows], drawn.image[rows])
    read = {line.text for line in ocr_engine.read(out)}
    assert "Surname" in read and not any("Kad" in t for t in read)


@pytest.mark.parametrize(
    ("kept", "expected"),
    [
        (Box(100, 80, 60, 26), Box(96, 103, 68, 21)),  # a row above, overlapping: the middle
        (Box(100, 60, 60, 30), Box(96, 96, 68, 28)),  # ends above the padding: nothing moves
        (Box(100, 60, 60, 37), Box(96, 97, 68, 27)),  # above, inside the padding: its edge
        (Box(100, 116, 60, 30), Box(96, 96, 68, 28)),  # below: the padding stays (a miss hides)
        (Box(100, 100, 10, 20), Box(96, 96, 68, 28)),  # the same row: a neighbour word
        (Box(100, 109, 60, 30), Box(96, 96, 68, 28)),  # half the height shared: the same row
        (Box(300, 80, 60, 26), Box(96, 96, 68, 28)),  # another column: beside, not over
    ],
)
def test_padding_clear_of_kept_rows_table(kept: Box, expected: Box) -> None:
    box = Box(100, 100, 60, 20)
    assert padded_box(box, ImageRedactionSettings(), 1.0, 1000, 1000) == Box(96, 96, 68, 28)
    assert padded_box(box, ImageRedactionSettings(), 1.0, 1000, 1000, [kept]) == expected
