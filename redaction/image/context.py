"""Screen layout as context: runs the layout rules of the registry over one page.

A name alone in a list row carries no sentence for NER. The screen around it does: a label, a
column header, a chat or inbox row, an e-mail header, a greeting or a sign-off, a company
suffix, a code host's page. Each such cue is a :class:`redaction.rules.layout_base.LayoutRule`
in the registry (:mod:`redaction.rules.layout`, :mod:`redaction.rules.screen_people`,
:mod:`redaction.rules.screen_organisations`, :mod:`redaction.rules.screen_identifiers`); a
policy disables or scores them by name like the text rules. This module only runs them, and
extends a list whose entries were mostly found to be names to the rest of the list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType

from redaction.image.findings import Finding, from_words
from redaction.image.layout import Layout, TextDocument, WordRef
from redaction.image.memory import SeenTable
from redaction.image.page import Page
from redaction.image.settings import ImageRedactionSettings
from redaction.rules.base import REGISTRY
from redaction.rules.layout_base import DocumentRule, LayoutRule, Stage
from redaction.rules.screen_support import BULLETS, name_like

RECOGNIZER = "screen_layout"


@dataclasses.dataclass(frozen=True, slots=True)
class LayoutRules:
    """The layout rules a policy enables, and the scores it gives some of them by name."""

    rules: tuple[LayoutRule, ...]
    scores: Mapping[str, float] = dataclasses.field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def build(
        cls, disabled: Iterable[str] = (), scores: Mapping[str, float] | None = None
    ) -> LayoutRules:
        """Every registered layout rule not in ``disabled`` (names of any registered rule; an
        unknown name is a :class:`redaction.errors.PolicyError`), in running order."""
        rules = [r for r in REGISTRY.instances(disabled) if isinstance(r, LayoutRule)]
        ordered = sorted(rules, key=lambda r: r.order)  # stable: registration order in a tie
        return cls(tuple(ordered), MappingProxyType(dict(scores or {})))


class LayoutContext:
    """Findings of the layout rules over one page."""

    def __init__(
        self,
        layout: Layout,
        documents: Sequence[TextDocument],
        settings: ImageRedactionSettings | None = None,
        rules: LayoutRules | None = None,
        carried: Sequence[SeenTable] = (),
    ) -> None:
        self.page = Page(
            layout, tuple(documents), settings or ImageRedactionSettings(), tuple(carried)
        )
        self.rules = rules if rules is not None else LayoutRules.build()

    def remembered(self, stage: Stage = "context") -> list[SeenTable]:
        """What the rules of ``stage`` that the settings switch on tell later frames of the
        episode (see :meth:`redaction.rules.layout_base.LayoutRule.remembers`)."""
        return [
            table
            for rule in self.rules.rules
            if rule.stage == stage and rule.enabled(self.page.settings)
            for table in rule.remembers(self.page)
        ]

    def findings(self, stage: Stage = "context") -> list[Finding]:
        """The findings of the rules of ``stage`` that the settings switch on."""
        chosen = [r for r in self.rules.rules if r.stage == stage and r.enabled(self.page.settings)]
        out: list[Finding] = []
        for rule, finding in self._run(chosen):
            score = self.rules.scores.get(rule.name)
            out.append(finding if score is None else dataclasses.replace(finding, score=score))
        return out

    def _run(self, rules: list[LayoutRule]) -> Iterator[tuple[LayoutRule, Finding]]:
        """Rules in order; consecutive document rules document by document (the rows document
        through all of them, then the blocks document)."""
        group: list[DocumentRule] = []
        for rule in [*rules, None]:
            if isinstance(rule, DocumentRule):
                group.append(rule)
                continue
            for document in self.page.documents if group else ():
                for member in group:
                    if document.kind in member.documents:
                        for finding in member.find_in(self.page, document):
                            yield member, finding
            group = []
            if rule is not None:
                for finding in rule.find(self.page):
                    yield rule, finding


def extend_lists(layout: Layout, findings: list[Finding]) -> list[Finding]:
    """In a list (a block of lines) where most name-like entries were found to be names, the
    other name-like entries are names too (a sidebar of people, a column of owners)."""
    person_refs = {ref for f in findings if f.entity_type == "PERSON" for ref in f.refs}
    out: list[Finding] = []
    for block in layout.blocks:
        if len(block) < 3:
            continue
        names = [li for li in block if name_like(layout.lines[li].text)]
        if len(names) < 3:
            continue
        found = [
            li
            for li in names
            if all(
                WordRef(li, i) in person_refs or not w.text.strip(BULLETS)
                for i, w in enumerate(layout.lines[li].words)
            )
        ]
        if len(found) * 2 < len(names) or len(found) == len(names):
            continue
        for li in names:
            if li not in found:
                refs = [WordRef(li, i) for i in range(len(layout.lines[li].words))]
                finding = from_words(layout, refs, "PERSON", RECOGNIZER, 0.45)
                if finding:
                    out.append(finding)
    return out
