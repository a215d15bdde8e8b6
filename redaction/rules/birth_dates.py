"""Dates of birth: a date is one when a label, a column header or a cue says "birth" (in any
of the label lexicon's languages), or when it is a plausible birth date in a row that holds a
person's name. Other dates are not (the ``date`` recognizer reports those as ``DATE``).

* Labelled: a birth label beside the date, heading its column or on the line above, in any of
  the label lexicon's languages; numeric dates with two-digit years too.
* A name's row: a full date with a year between 1900 and 12 years ago (no clock time after
  it), on a line that holds a given name followed by a surname (both known to the
  gazetteer), in a column whose header (if any) says nothing else, and not right after a word
  of another event (``redaction/lexicon/knowledge_dates.toml``: ``not_birth``).

The cases are in ``tests/redaction/rules/test_birth_dates.py``.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
from collections.abc import Iterator
from typing import Final

from redaction.knowledge.gazetteer import gazetteer
from redaction.knowledge.labels import governing_label, label_lexicon
from redaction.lexicon import alternation, tagged, words
from redaction.models import Span
from redaction.rules.base import Rule, register

LEXICON: Final = "knowledge_dates"


@functools.cache
def _data() -> tuple[dict[str, int], frozenset[str]]:
    months = {
        name: number for number in range(1, 13) for name in tagged(LEXICON, "months", str(number))
    }
    return months, frozenset(words(LEXICON, "not_birth"))


@functools.cache
def _date_regex() -> re.Pattern[str]:
    months, _ = _data()
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    month = rf"(?P<mname>{names})\.?"
    day = rf"(?P<d>0?[1-9]|[12]\d|3[01])(?:{alternation(words(LEXICON, 'day_ordinals'))}|\.)?"
    year = r"(?P<y>(?:19|20)\d{2})"
    return re.compile(
        r"(?<![\w/.\-])(?:"
        r"(?P<iy>(?:19|20)\d{2})[-/.](?P<im>0?[1-9]|1[0-2])[-/.](?P<id>0?[1-9]|[12]\d|3[01])"
        r"|(?P<na>\d{1,2})[/.\-](?P<nb>\d{1,2})[/.\-](?P<ny>(?:19|20)?\d{2})"
        rf"|{day}[ \t]+(?:(?:of|de|di)[ \t]+)?{month},?[ \t]+(?:(?:de|del)[ \t]+)?{year}"
        rf"|(?P<mname2>{names})\.?[ \t]+(?P<d2>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?[ \t]+"
        r"(?P<y2>(?:19|20)\d{2})"
        r")(?![\w/]|[.\-]\d)",
        re.I,
    )


def _year(match: re.Match[str]) -> int | None:
    for group in ("iy", "y", "y2"):
        if match.group(group):
            return int(match.group(group))
    raw = match.group("ny")
    if raw is None:
        return None
    if len(raw) == 4:
        return int(raw)
    return None  # two-digit year: a birth date only under a label


#: A birth date in a name's row is at least this many years old (newer ones are events).
_MIN_AGE: Final = 12
_CLOCK = re.compile(r"[ \tT]+\d{1,2}:\d{2}")
_NAME_WORD = re.compile(r"\b[A-ZÀ-Þ][a-zà-ÿ'\-]+")


_PARTICLES = re.compile(r"^[ \t]+(?:(?:" + alternation(words(LEXICON, "particles")) + r")[ \t]+)*$")


def _row_has_name(line: str) -> bool:
    """A given name followed by a surname (both known to the gazetteer), or by a nobiliary
    particle and a capitalised word."""
    names = gazetteer()
    words = list(_NAME_WORD.finditer(line))
    for first, second in itertools.pairwise(words):
        gap = line[first.end() : second.start()]
        if not _PARTICLES.match(gap) or not names.is_given_name(first.group()):
            continue
        if gap.strip() or names.is_surname(second.group()):
            return True
    return False


_CELL = re.compile(r"\t+|[ \t]{2,}|[ \t]*\|[ \t]*")


def _header_says_other(text: str, line_start: int, start: int) -> bool:
    """True when the date sits in a table column whose header is not a birth label."""
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    cells = [c for c in _CELL.split(line) if c.strip()]
    if len(cells) < 2 or line_start == 0:
        return False
    index = len([c for c in _CELL.split(text[line_start:start]) if c.strip()])
    above_end = line_start - 1
    above_start = text.rfind("\n", 0, above_end) + 1
    header = [c for c in _CELL.split(text[above_start:above_end]) if c.strip()]
    if len(header) != len(cells) or index >= len(header):
        return False
    reading = label_lexicon().read(header[index])
    return reading is None or reading.concept != "date_of_birth"


@register
class BirthDateRecognizer(Rule):
    """Dates of birth by label, column or cue, and plausible birth dates in a name's row."""

    name = "birth_date"
    entity_types = frozenset({"DATE_OF_BIRTH"})

    def __init__(self) -> None:
        # Load the knowledge now, not in the first recorded step (cached per process).
        gazetteer()
        label_lexicon()
        _date_regex()

    def find(self, text: str) -> Iterator[Span]:
        if not any(c.isdigit() for c in text):
            return
        _, not_birth = _data()
        this_year = datetime.date.today().year
        for match in _date_regex().finditer(text):
            start, end = match.span()
            label = governing_label(text, start, end)
            if label is not None and label.reading.concept == "date_of_birth":
                score = 0.85 if label.where == "near" else 0.95
                yield self.span(start, end, "DATE_OF_BIRTH", score)
                continue
            if label is not None and label.where != "near":
                continue  # another label governs it (an expiry, an order date)
            year = _year(match)
            # Recent dates are events (logs, orders), and a date with a clock time is one too.
            if year is None or not 1900 <= year <= this_year - _MIN_AGE:
                continue
            if _CLOCK.match(text, end):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line = text[line_start : len(text) if line_end < 0 else line_end]
            before_words = re.findall(r"[\w\-]+", text[line_start:start].lower())[-2:]
            if any(w in not_birth for w in before_words):
                continue
            if _header_says_other(text, line_start, start):
                continue
            if _row_has_name(line):
                yield self.span(start, end, "DATE_OF_BIRTH", 0.6)
