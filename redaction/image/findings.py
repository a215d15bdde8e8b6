"""What detectors report inside the frame redactor: words (when from text) and boxes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redaction.image.layout import Layout, WordRef
from redaction.models import Box, Redaction


@dataclass(frozen=True, slots=True)
class Finding:
    """A region to remove. ``refs`` are the OCR words it came from (empty for faces, fields)."""

    entity_type: str
    recognizer: str
    score: float
    boxes: tuple[Box, ...]
    refs: tuple[WordRef, ...] = ()

    def redactions(self) -> list[Redaction]:
        return [
            Redaction(
                kind="image",
                entity_type=self.entity_type,
                recognizer=self.recognizer,
                score=round(self.score, 4),
                box=box,
            )
            for box in self.boxes
        ]


def from_words(
    layout: Layout, refs: Sequence[WordRef], entity_type: str, recognizer: str, score: float
) -> Finding | None:
    refs = tuple(dict.fromkeys(refs))
    if not refs:
        return None
    return Finding(entity_type, recognizer, score, tuple(layout.boxes_for(refs)), refs)
