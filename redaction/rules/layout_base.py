"""Rules that read a screen's layout rather than a string.

A screen says what a bare value is by where it stands: a label beside or above it, the header
of its column, the row it is in (a name then a time), the block around it (a signature, an
addressee). A :class:`LayoutRule` is one such cue. It is registered in the same registry as the
text rules (:data:`redaction.rules.base.REGISTRY`), so a policy disables or scores it by name,
and its true and false cases live in its family's test table. It applies to screens only.

The frame redactor runs the layout rules in three stages (:data:`Stage`): ``context`` (labels,
columns, rows and blocks; the ``layout_context`` setting), ``patterns`` (identifiers taken
anywhere on the page, each switched by its own setting) and ``cued`` (identifiers taken where
the page shows what they are; the ``cued_identifiers`` setting). Inside a stage, rules run by
``order`` and then in registration order: when two findings score the same, the earlier one
is the one recorded.

Adding one: subclass :class:`LayoutRule` (or :class:`DocumentRule` for a pattern over the page's
text) in its family's file, decorate it with :func:`redaction.rules.base.register`, and add
``(name, screen, value)`` rows to the family's test table.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, Final, Literal

from redaction.rules.base import Detector, Where

if TYPE_CHECKING:
    from redaction.image.findings import Finding
    from redaction.image.layout import DocumentKind, TextDocument, WordRef
    from redaction.image.memory import SeenTable
    from redaction.image.page import Page
    from redaction.image.settings import ImageRedactionSettings

Stage = Literal["context", "patterns", "cued"]
STAGES: Final[tuple[Stage, ...]] = ("context", "patterns", "cued")
SCREEN: Final[frozenset[Where]] = frozenset({"screen"})


class LayoutRule(Detector):
    """Finds personal data on a screen from its layout.

    Subclasses set ``name``, ``entity_types``, ``stage``, ``score`` and, where ties with other
    rules matter, ``order``; they implement :meth:`find`. ``recognizer`` is what a finding
    records as its source (the family's label, shared by the rules of a stage).
    """

    applies_to: ClassVar[frozenset[Where]] = SCREEN
    stage: ClassVar[Stage] = "context"
    order: ClassVar[int] = 0
    recognizer: ClassVar[str] = "screen_layout"
    score: ClassVar[float] = 0.5

    def enabled(self, settings: ImageRedactionSettings) -> bool:
        """Whether the image settings switch this rule on (beyond its stage's switch)."""
        return True

    @abstractmethod
    def find(self, page: Page) -> Iterable[Finding]:
        """Findings on ``page``, in a stable order."""

    def remembers(self, page: Page) -> Iterable[SeenTable]:
        """What this rule's cues on ``page`` tell later frames of the episode (a table's
        header row; see :mod:`redaction.image.memory`): geometry and kinds, never text."""
        return ()

    def found(
        self, page: Page, refs: Sequence[WordRef], entity: str, score: float | None = None
    ) -> Iterator[Finding]:
        """A finding of this rule over ``refs`` (nothing when there are no words)."""
        finding = page.finding(
            refs, entity, self.recognizer, self.score if score is None else score
        )
        if finding is not None:
            yield finding


class DocumentRule(LayoutRule):
    """A layout rule that reads the page's text documents (rows, blocks) one at a time.

    The frame redactor runs consecutive document rules of a stage document by document (the
    rows document through all of them, then the blocks document)."""

    #: Which documents the rule reads.
    documents: ClassVar[frozenset[DocumentKind]] = frozenset({"rows", "blocks"})

    def find(self, page: Page) -> Iterator[Finding]:
        for document in page.documents:
            if document.kind in self.documents:
                yield from self.find_in(page, document)

    @abstractmethod
    def find_in(self, page: Page, document: TextDocument) -> Iterable[Finding]:
        """Findings in one document of ``page``."""


class PhraseRule(DocumentRule):
    """A document rule that is one regular expression: the value is its first named group of
    ``groups`` that matched, kept when :meth:`accepts` says so."""

    pattern: ClassVar[re.Pattern[str]]
    entity: ClassVar[str]
    groups: ClassVar[tuple[str, ...]] = ("v", "w", "p")

    def find_in(self, page: Page, document: TextDocument) -> Iterator[Finding]:
        for match in self.pattern.finditer(document.text):
            yield from self.from_match(page, document, match)

    def from_match(
        self, page: Page, document: TextDocument, match: re.Match[str]
    ) -> Iterator[Finding]:
        """The findings of one match (its value when accepted)."""
        group = next(g for g in self.groups if g in self.pattern.groupindex and match.group(g))
        if self.accepts(match.group(group)):
            yield from self.found(
                page, page.refs_between(document, *match.span(group)), self.entity
            )

    def accepts(self, value: str) -> bool:
        """Whether the matched value is kept (the cue matched; does the value fit?)."""
        return True
