"""Layout rules of organisations: a company named where a screen puts an employer.

A company's name alone is a capitalised phrase like any heading; the screen says it is the
viewer's or someone's employer: a legal-form suffix, a copyright footer, an employment row of a
profile, a confidentiality marking, a signature (after the name, or beside or under a job
title). Companies everyone knows are left alone. Each cue is one rule; its true and false
cases are in ``tests/redaction/rules/test_screen_organisations.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.image import geometry
from redaction.image.findings import Finding
from redaction.image.layout import WordRef
from redaction.image.page import Page
from redaction.lexicon import alternation, words
from redaction.rules.base import register
from redaction.rules.layout_base import LayoutRule, PhraseRule
from redaction.rules.screen_support import (
    CAP,
    COMPANY,
    ORG_WORDS,
    org_line,
    org_value_ok,
    title_line,
)

_COPYRIGHT = re.compile(
    rf"(?:\u00a9|\([cC]\)|(?i:copyright))[ \t]*(?:(?:19|20)\d{{2}}(?:[ \t]*[\-\u2013][ \t]*"
    rf"(?:19|20)\d{{2}})?)?[ \t]+(?P<v>{ORG_WORDS})"
)
_EMPLOYMENT_WORDS = alternation(words("screen", "employment"))
_EMPLOYMENT = re.compile(
    rf"(?:^|(?<=\n)|(?<=\| ))(?P<v>{ORG_WORDS})[ \t]*[\u00b7|\-\u2013,][ \t]*"
    rf"(?i:{_EMPLOYMENT_WORDS})\b",
    re.M,
)
_CONFIDENTIAL = re.compile(
    rf"(?P<v>{ORG_WORDS})[ \t]*[\u00b7|\-\u2013,]?[ \t]*(?:Confidential|Internal use only|"
    r"Proprietary)\b"
)
_SIGNED_ORG_WORDS = alternation(words("screen", "signed_org"), spaces=" ")
_SIGNED_ORG = re.compile(
    rf"(?:(?:^|(?<=\n))[\u2014\u2013\-~][ \t]*{CAP}(?:[ \t]+{CAP}){{1,2}},[ \t]*"
    rf"|\b(?:{_SIGNED_ORG_WORDS}),?[ \t]*\n{{1,2}}[ \t]*{CAP}(?:[ \t]+{CAP}){{1,2}}"
    rf"[ \t]*(?:,[ \t]*|\n{{1,2}}[ \t]*))(?P<v>{ORG_WORDS})[ \t]*(?=\n|$)"
)


#: The phrase rules of companies run with those of people (after them, document by document).
_PHRASES = 41
_ORGANIZATION = frozenset({"ORGANIZATION"})


class _CompanyPhrase(PhraseRule):
    """A phrase rule whose value is a company (not a job title, not only UI words, not a
    company everyone knows)."""

    entity_types = _ORGANIZATION
    entity = "ORGANIZATION"
    order = _PHRASES

    def accepts(self, value: str) -> bool:
        return org_value_ok(value)


@register
class CompanySuffixRule(_CompanyPhrase):
    """Capitalised words ending in a legal-form suffix, or a partnership of surnames joined by
    "and" or an ampersand."""

    name = "company_suffix"
    pattern = COMPANY
    score = 0.45


@register
class CopyrightRule(_CompanyPhrase):
    """The company after a copyright sign and year (a footer: the owner of the page or the
    document)."""

    name = "copyright_owner"
    pattern = _COPYRIGHT


@register
class EmploymentRule(_CompanyPhrase):
    """A company leading a row, followed by a kind of employment (a profile's experience)."""

    name = "employment_row"
    pattern = _EMPLOYMENT
    documents = frozenset({"rows"})


@register
class ConfidentialRule(_CompanyPhrase):
    """A company before a confidentiality marking."""

    name = "confidential_owner"
    pattern = _CONFIDENTIAL
    score = 0.45


@register
class SignedCompanyRule(_CompanyPhrase):
    """The company after a signed name: after a dash and the name and a comma, or on the line
    after a sign-off word and the name."""

    name = "signed_company"
    pattern = _SIGNED_ORG
    documents = frozenset({"blocks"})


#: Words and marks after a job title on a signature line before the employer.
_TITLE_SEPARATORS = frozenset({"at", "@", "|", "\u00b7", "-", "\u2013", "\u2014"})
#: Marks that end the employer's cell on a signature line.
_CELL_ENDS = frozenset({"|", "\u00b7"})


@register
class TitleEmployerRule(LayoutRule):
    """A job title in a signature or a card names the employer next to it: the cell after the
    title on its line (after "at", a bar, a dot or a dash), or the line right under it."""

    name = "title_employer"
    entity_types = _ORGANIZATION
    order = 50

    def find(self, page: Page) -> Iterator[Finding]:
        lines = page.layout.lines
        for block in page.layout.blocks:
            for n, li in enumerate(block):
                texts = [w.text for w in lines[li].words]
                for i in range(len(texts)):
                    if texts[i].lower() in _TITLE_SEPARATORS:
                        head = " ".join(texts[:i]).split("|")[-1]
                        if title_line(head):
                            end = i + 1
                            while end < len(texts) and texts[end] not in _CELL_ENDS:
                                end += 1
                            if org_line(" ".join(texts[i + 1 : end])):
                                refs = [WordRef(li, k) for k in range(i + 1, end)]
                                yield from self.found(page, refs, "ORGANIZATION")
                            break
                if n + 1 < len(block) and title_line(lines[li].text.rstrip(",")):
                    below = block[n + 1]
                    if (
                        org_line(lines[below].text.rstrip(","))
                        and geometry.bottom(lines[li].box) + 2 * lines[li].box.h
                        >= lines[below].box.y
                    ):
                        yield from self.found(page, page.line_refs(below), "ORGANIZATION")
