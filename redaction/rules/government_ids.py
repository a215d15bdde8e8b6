"""Government and account identifiers: national ids (SSN-style) and identifiers named by a label
(a licence, passport, account, customer or medical label, then the value). The cases are in
``tests/redaction/rules/test_government_ids.py``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.lexicon import alternation, words
from redaction.models import Span
from redaction.rules.base import Rule, register
from redaction.rules.support import context, words_regex

_SSN_CONTEXT = words_regex(words("government_ids", "ssn_context"))
# 3-2-4 digits with one kind of separator (dash, space or dot), or 9 unbroken digits in context.
_SSN = re.compile(r"(?<![\w.-])(\d{3})([- \t.])(\d{2})\2(\d{4})(?![\w-]|\.\d)")
_SSN_PLAIN = re.compile(r"(?<![\w.-])(\d{3})(\d{2})(\d{4})(?![\w-]|\.\d)")


@register
class SsnRecognizer(Rule):
    """US SSN/ITIN-shaped numbers (3-2-4 digits). Area 000/666, group 00 and serial 0000 are
    never issued and are skipped; unbroken 9-digit numbers need an SSN word nearby."""

    name = "ssn"
    entity_types = frozenset({"NATIONAL_ID"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _SSN.finditer(text):
            area, group, serial = match.group(1), match.group(3), match.group(4)
            if area in ("000", "666") or group == "00" or serial == "0000":
                continue
            near = context(text, *match.span()).has(_SSN_CONTEXT)
            # Dashes are the SSN's own layout; spaces and dots collide with phone numbers.
            dashed = match.group(2) == "-"
            score = (0.95 if near else 0.6) if dashed else (0.85 if near else 0.35)
            yield self.span(match.start(), match.end(), "NATIONAL_ID", score)
        for match in _SSN_PLAIN.finditer(text):
            if match.group(1) in ("000", "666") or match.group(2) == "00":
                continue
            if context(text, *match.span()).has(_SSN_CONTEXT):
                yield self.span(match.start(), match.end(), "NATIONAL_ID", 0.8)


# A label, an optional "number"/"no."/"#", an optional "is"/":"/"=", then the value: one token
# (or dashed/spaced digit groups) holding at least four digits.
_LABELS: tuple[tuple[str, str], ...] = (
    (r"driver'?s?[ \t]+licen[cs]e|driving[ \t]+licen[cs]e|licen[cs]e|\bdl", "DRIVER_LICENSE"),
    (r"passport", "PASSPORT"),
    (r"(?:bank[ \t]+)?account|acct|a/c|routing|sort[ \t]+code|bsb", "BANK_ACCOUNT"),
    (
        (
            alternation(words("government_ids", "labels"))
            + (
                r"|national[ \t]+(?:id|insurance)|nino|personnummer|id[ \t]+card|identity[ \t]+c"
                r"ard"
            )
        ),
        "NATIONAL_ID",
    ),
    (
        (
            r"(?:"
            + alternation(words("government_ids", "account_holder_labels"))
            + r")[ \t]+(?:id|number|no\.?|#)"
        ),
        "ACCOUNT_ID",
    ),
    (r"medical[ \t]+record|mrn|nhs|health[ \t]+(?:insurance|card)", "MEDICAL_ID"),
)
_LABELLED_ID = re.compile(
    r"(?P<label>" + "|".join(f"(?:{pattern})" for pattern, _ in _LABELS) + r")"
    r"(?:[ \t]+(?:number|num|no\.?|nr\.?|id))?[ \t]*(?:#|:|=|-|[ \t]is|[ \t]was)?[ \t]*"
    r"(?:(?:is|was)[ \t]+)?"
    r"(?P<value>(?=[A-Za-z0-9-]*\d[A-Za-z0-9-]*\d[A-Za-z0-9-]*\d[A-Za-z0-9-]*\d)"
    r"[A-Za-z0-9](?:[A-Za-z0-9]|[- ](?=[A-Za-z0-9]*\d)){3,30})(?![\w])",
    re.I,
)
_LABEL_TYPES = [(re.compile(pattern, re.I), entity) for pattern, entity in _LABELS]


@register
class LabelledIdRecognizer(Rule):
    """Identifiers introduced by what they are: a label, perhaps a number word, a colon or "is",
    then the value. The value must hold at least four digits, so a licence's name or an account
    page's title never matches."""

    name = "labelled_id"
    entity_types = frozenset({entity for _, entity in _LABELS})

    def find(self, text: str) -> Iterator[Span]:
        for match in _LABELLED_ID.finditer(text):
            label = match.group("label")
            entity = next((e for p, e in _LABEL_TYPES if p.fullmatch(label)), "ACCOUNT_ID")
            start = match.start("value")
            value = match.group("value").rstrip(" -")
            yield self.span(start, start + len(value), entity, 0.8)
