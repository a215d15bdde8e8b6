"""Small helpers shared by the image tests (lines built by hand, coverage checks)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from redaction.image.context import LayoutContext
from redaction.image.layout import analyse_layout
from redaction.image.ocr import OcrLine, OcrWord
from redaction.models import Box
from tests.redaction.image.conftest import Screen, ScreenFactory


def line(text: str, x: int, y: int, char_w: int = 10, h: int = 20) -> OcrLine:
    """An OCR line as an engine would give it: words at ``char_w`` pixels per character."""
    words = []
    pos = x
    for token in text.split(" "):
        if token:
            words.append(OcrWord(token, Box(pos, y, char_w * len(token), h), 0.99))
        pos += char_w * (len(token) + 1)
    return OcrLine(Box(x, y, pos - char_w - x, h), tuple(words))


def covered(box: Box, areas: Sequence[Box], share: float = 0.9) -> bool:
    """Whether ``areas`` cover at least ``share`` of ``box``."""
    mask = np.zeros((box.h, box.w), dtype=bool)
    for a in areas:
        x0, y0 = max(a.x, box.x), max(a.y, box.y)
        x1, y1 = min(a.x + a.w, box.x + box.w), min(a.y + a.h, box.y + box.h)
        if x1 > x0 and y1 > y0:
            mask[y0 - box.y : y1 - box.y, x0 - box.x : x1 - box.x] = True
    return bool(mask.mean() >= share)


def cued(lines: Sequence[OcrLine], entity: str | None = None) -> set[str]:
    """Texts of the findings (layout context and cued identifiers) on these lines."""
    layout = analyse_layout(lines)
    documents = [layout.document("rows"), layout.document("blocks")]
    context = LayoutContext(layout, documents)
    findings = context.findings("context") + context.findings("cued")
    return {
        " ".join(layout.word(ref).text for ref in f.refs)
        for f in findings
        if entity is None or f.entity_type == entity
    }


#: Columns at x = 20, 200, 380; rows 34 px apart.
TABLE_COLUMNS = (20, 200, 380)
TABLE_HEADER = ("Given name", "Surname", "Team")
TABLE_ROWS = (
    ("Ctibor", "Kadlec", "Design"),
    ("Szabolcs", "Kocsis", "Finance"),
    ("Aatos", "Alatalo", "Support"),
    ("Botond", "Szalai", "Billing"),
)


def table_screen(
    screen: ScreenFactory, rows: tuple[tuple[str, ...], ...], header: bool
) -> Screen:
    """A table of ``rows`` drawn under :data:`TABLE_HEADER` (``header``) or without it (the
    header scrolled out of view), names from lists the gazetteer does not load; the screen
    has room for the header and every row of :data:`TABLE_ROWS`, whatever it shows."""
    lines: list[tuple[str, ...]] = [TABLE_HEADER] if header else []
    lines += rows
    items = [(text, x, 20 + 34 * r) for r, row in enumerate(lines)
             for text, x in zip(row, TABLE_COLUMNS, strict=True)]
    return screen(items, size=(560, 40 + 34 * (len(TABLE_ROWS) + 1)), font_px=18)
