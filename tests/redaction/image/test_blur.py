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
