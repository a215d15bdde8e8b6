"""Fixtures for the image redactor: engines built once per session, a synthetic screen factory.

Screens are drawn with PIL and the DejaVu fonts (Debian fonts-dejavu-core), so OCR reads real
glyphs; every value on them is made up.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from redaction.models import Box

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")


def _font_path(name: str) -> str:
    for folder in FONT_DIRS:
        found = glob.glob(f"{folder}/{name}")
        if found:
            return found[0]
    raise RuntimeError(f"font {name} not found (Debian fonts-dejavu-core)")


@dataclass(frozen=True)
class Screen:
    """A drawn screen (BGR) and where each text item landed (its ink box)."""

    image: np.ndarray[Any, Any]
    boxes: dict[str, Box]


ScreenFactory = Callable[..., Screen]


@pytest.fixture(scope="session")
def screen() -> ScreenFactory:
    """``screen([(text, x, y), ...], size=(w, h), font_px=18)`` -> :class:`Screen`.

    ``fills`` are rectangles ``(Box, (r, g, b))`` painted before the text.

    Items may carry a key as 4th element (``(text, x, y, key)``) to find their box later; the
    key defaults to the text.
    """
    from PIL import Image, ImageDraw, ImageFont

    fonts: dict[tuple[str, int], Any] = {}

    def make(
        items: Sequence[tuple[Any, ...]],
        size: tuple[int, int] = (900, 400),
        font_px: int = 18,
        background: tuple[int, int, int] = (255, 255, 255),
        ink: tuple[int, int, int] = (20, 20, 20),
        mono: bool = False,
        fills: Sequence[tuple[Box, tuple[int, int, int]]] = (),
    ) -> Screen:
        name = "DejaVuSansMono.ttf" if mono else "DejaVuSans.ttf"
        key = (name, font_px)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(_font_path(name), font_px)
        font = fonts[key]
        image = Image.new("RGB", size, background)
        draw = ImageDraw.Draw(image)
        for area, colour in fills:  # drawn under the text (a highlight, a cursor block)
            draw.rectangle((area.x, area.y, area.x + area.w - 1, area.y + area.h - 1), fill=colour)
        boxes: dict[str, Box] = {}
        for item in items:
            text, x, y = item[0], item[1], item[2]
            draw.text((x, y), text, font=font, fill=ink)
            x0, y0, x1, y1 = draw.textbbox((x, y), text, font=font)
            left, top, right, bottom = (round(v) for v in (x0, y0, x1, y1))
            boxes[item[3] if len(item) > 3 else text] = Box(left, top, right - left, bottom - top)
        rgb = np.asarray(image)
        return Screen(np.ascontiguousarray(rgb[:, :, ::-1]), boxes)

    return make


@pytest.fixture(scope="session")
def ocr_engine() -> Any:
    from redaction.image import create_engine

    return create_engine("rapidocr")


@pytest.fixture(scope="session")
def text_redactor() -> Any:
    """The real text redactor (Presidio + spaCy) with the default policy, for screen text."""
    from redaction.image import screen_policy
    from redaction.policy import load_policy
    from redaction.text import TextRedactor

    return TextRedactor.build(screen_policy(load_policy("default")))


@pytest.fixture(scope="session")
def frame_redactor(text_redactor: Any, ocr_engine: Any) -> Any:
    from redaction.image import FrameRedactor, ImageRedactionSettings

    return FrameRedactor(text_redactor, ocr_engine, ImageRedactionSettings())


@pytest.fixture(scope="session")
def strict_frame_redactor(ocr_engine: Any) -> Any:
    """The curator's setup: the strict text policy and the strictest image settings."""
    from redaction.image import FrameRedactor, ImageRedactionSettings, screen_policy
    from redaction.policy import load_policy
    from redaction.text import TextRedactor

    analyzer = TextRedactor.build(screen_policy(load_policy("strict")))
    return FrameRedactor(analyzer, ocr_engine, ImageRedactionSettings.strictest())
