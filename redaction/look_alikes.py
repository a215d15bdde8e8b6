"""Spans that look like personal data and are not: a filter over analysed spans.

* PERSON spans that are a chat abbreviation ("lgtm", "brb"), a weekday or a month alone, a
  name inside a sign-off formula ("Met vriendelijke groet"), a name on a code import line
  ("import numpy as np", "from collections import OrderedDict"), or three or more words,
  lowercase but for the first, with no initial and no known name among them (a sentence in
  another language: "acabo de hablar", "Köp bröd och mjölk"; not "ryan p costa").
* STREET_ADDRESS spans that name only an indoor place ("room 3.14 on floor 2", "1234 at gate
  A12"; not "12 Main Street, Suite 4").

Word lists: ``redaction/lexicon/look_alikes.toml`` (and the sign-offs of ``signoffs.toml``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final

from redaction import lexicon
from redaction.models import Span
from redaction.rules.signoff import signoff_pattern

LEXICON_FAMILY: Final = "look_alikes"
_IMPORT_LINE: Final = re.compile(
    r"(?m)^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]+[\w., ()*]+"
    r"|import[ \t]+[\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*)"
    r"[ \t]*;?[ \t]*$"
)
_WORD: Final = re.compile(r"[^\W\d_]+")


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:

    def words(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in lexicon.words(LEXICON_FAMILY, name))

    return words("chat_abbreviations"), words("calendar_words"), words("indoor_words")


def _name_evidence(words: Sequence[str]) -> bool:
    """An initial or a known name (the gazetteer) among the words."""
    from redaction.knowledge.gazetteer import gazetteer

    names = gazetteer()
    return any(len(w.strip(".")) == 1 or (len(w) >= 4 and w in names) for w in words)


@functools.cache
def _links() -> frozenset[str]:
    return frozenset(lexicon.words(LEXICON_FAMILY, "links"))


def _only_indoor(value: str, indoor: frozenset[str]) -> bool:
    """An indoor place and nothing of a street: every word an indoor word or a link word
    ("room 3.14 on floor 2"; not "12 Main Street, Suite 4")."""
    words = [w.lower() for w in _WORD.findall(value) if len(w) > 1]
    return bool(words) and any(w in indoor for w in words) and all(
        w in indoor or w in _links() for w in words
    )


def _inside(spans: Sequence[tuple[int, int]], span: Span) -> bool:
    return any(start <= span.start and span.end <= end for start, end in spans)


def drop_look_alikes(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` without those that look like personal data and are not (see module)."""
    if not spans:
        return spans
    abbreviations, calendar, indoor = _words()
    imports = [m.span() for m in _IMPORT_LINE.finditer(text)]
    formulas = [m.span("formula") for m in signoff_pattern().finditer(text)]
    kept = []
    for span in spans:
        value = text[span.start : span.end]
        if span.entity_type == "PERSON":
            lowered = value.strip().lower()
            words = value.split()
            if (
                lowered in abbreviations
                or lowered in calendar
                or _inside(imports, span)
                or _inside(formulas, span)
                or (
                    len(words) >= 3
                    and " ".join(words[1:]) == " ".join(words[1:]).lower()
                    and not _name_evidence([w.lower() for w in words])
                )
            ):
                continue
        elif span.entity_type == "STREET_ADDRESS" and _only_indoor(value, indoor):
            continue
        kept.append(span)
    return kept
