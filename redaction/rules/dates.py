"""Dates: as dates of birth when the context says so; otherwise only full calendar dates.

A weekday, a month or a year alone is not personal data and is never reported. A full date
(day, month and year) or a timestamp is reported as ``DATE`` (the policy decides whether to
remove those) unless its year is this year, last year or later (an event's date, not a birth
date); a date introduced by a birth cue is reported as ``DATE_OF_BIRTH`` even without a year.
The cases are in ``tests/redaction/rules/test_dates.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.models import Span
from redaction.rules.base import Rule, Treatment, register

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_NUM_MONTH = r"(?:0?[1-9]|1[0-2])"
_NUM_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_TIME = (
    r"(?:[ \tT]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[ \t]?[ap]\.?m\.?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?"
)

_FULL_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    # ISO 2000-04-16, 2000/04/16, optionally with a time
    rf"{_YEAR}[-/.]{_NUM_MONTH}[-/.]{_NUM_DAY}{_TIME}"
    # 2/8/1935, 16.04.2000, 16-04-2000 (day-first or month-first)
    rf"|{_NUM_DAY}[/.-]{_NUM_DAY}[/.-]{_YEAR}{_TIME}"
    # March 5, 1990 / Mar. 5th 1990
    rf"|{_MONTH}[ \t]+{_DAY},?[ \t]+{_YEAR}"
    # 5 March 1990 / 5th of March, 1990
    rf"|{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+{_YEAR}"
    r")(?![\w/]|[.-]\d)",
    re.I,
)
# Dates without a year (or with a two-digit one): only after a date-of-birth word.
_PARTIAL_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    rf"{_NUM_DAY}[/.-]{_NUM_DAY}(?:[/.-]\d{{2}})?"
    rf"|{_MONTH}[ \t]+{_DAY}"
    rf"|{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH}"
    r")(?![\w/]|[.-]\d)",
    re.I,
)
_DOB_WORDS = re.compile(
    r"(?:\bborn\b|\bbirth|\bd\.?o\.?b\b|\bbday\b|\bgeboren\b|\bnée?\b|\bnacid[oa]\b|"
    r"\bfecha de nacimiento\b|\bdate de naissance\b|\bgeburtsdatum\b)",
    re.I,
)


#: A full date of this year, last year or a later one is an event's (a flight, a delivery, a
#: log line), not anyone's birth date: without a birth word it is not reported.
_EVENT_YEARS_BACK = 1
_YEAR_IN = re.compile(_YEAR)


def _event_year(date: str) -> bool:
    import datetime

    years = [int(y) for y in _YEAR_IN.findall(date)]
    return bool(years) and max(years) >= datetime.date.today().year - _EVENT_YEARS_BACK


@register
class DateRecognizer(Rule):
    """Full dates (``DATE``) and dates of birth in context (``DATE_OF_BIRTH``)."""

    name = "date"
    entity_types = frozenset({"DATE", "DATE_OF_BIRTH"})
    treatment = Treatment(full_dates=True)

    def find(self, text: str) -> Iterator[Span]:
        if not any(c.isdigit() for c in text):
            return
        found: list[tuple[int, int]] = []
        for match in _FULL_DATE.finditer(text):
            start, end = match.span()
            found.append((start, end))
            if self._dob_context(text, start):
                yield self.span(start, end, "DATE_OF_BIRTH", 0.9)
            elif not _event_year(match.group()):
                yield self.span(start, end, "DATE", 0.6)
        for match in _PARTIAL_DATE.finditer(text):
            start, end = match.span()
            if any(s <= start < e for s, e in found):
                continue
            if self._dob_context(text, start):
                yield self.span(start, end, "DATE_OF_BIRTH", 0.85)

    @staticmethod
    def _dob_context(text: str, start: int) -> bool:
        return bool(_DOB_WORDS.search(text[max(0, start - 45) : start]))
