"""Small helpers shared by the image tests (lines built by hand, coverage checks)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from redaction.image.context import LayoutContext
from redaction.image.layout import analyse_layout
from redaction.image.ocr import OcrLine, OcrWord
from redaction.models import Box


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
