"""One screen as the layout rules read it: its OCR layout, its two text documents and the
image settings, with the helpers every layout rule needs to turn words into findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redaction.image.findings import Finding, from_words
from redaction.image.layout import Layout, TextDocument, WordRef
from redaction.image.memory import SeenTable
from redaction.image.settings import ImageRedactionSettings


@dataclass(frozen=True, slots=True)
class Page:
    """A screen's layout (lines, rows, blocks), its documents (``rows`` first, then
    ``blocks``: see :mod:`redaction.image.layout`), the settings it is redacted with and the
    header rows earlier frames of its episode showed (``carried``: see
    :mod:`redaction.image.memory`)."""

    layout: Layout
    documents: tuple[TextDocument, ...]
    settings: ImageRedactionSettings
    carried: tuple[SeenTable, ...] = ()

    @property
    def rows(self) -> TextDocument | None:
        """The rows document (lines on one baseline joined), the page's first."""
        return self.documents[0] if self.documents else None

    def line_refs(self, line: int, start: int = 0) -> list[WordRef]:
        """The words of ``line`` from word ``start`` on."""
        return [WordRef(line, i) for i in range(start, len(self.layout.lines[line].words))]

    def refs_between(self, document: TextDocument, start: int, end: int) -> list[WordRef]:
        """The words of ``document`` that overlap its text[start:end]."""
        return [document.refs[i] for i in document.words_between(start, end)]

    def finding(
        self, refs: Sequence[WordRef], entity: str, recognizer: str, score: float
    ) -> Finding | None:
        """A finding over these words (None when there are none)."""
        return from_words(self.layout, refs, entity, recognizer, score)
