"""E-mail addresses and telephone numbers (international, national and short local forms)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.knowledge.identifiers import is_product_code
from redaction.lexicon import words
from redaction.models import Span
from redaction.rules.base import Rule, register
from redaction.rules.support import context, digits_of, words_regex

# Local part: RFC 5322 atext (Unicode letters allowed), dots inside. Domain: labels of
# letters/digits/hyphens, a last label of 2+ letters. Case-insensitive by construction.
_EMAIL = re.compile(
    r"(?<![\w.+\-!#$%&'*/=?^`{|}~])"
    r"([\w!#$%&'*+\-/=?^`{|}~]+(?:\.[\w!#$%&'*+\-/=?^`{|}~]+)*"
    r"@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24})"
    r"(?![\w-]|\.[^\W_])"
)


@register
class EmailRecognizer(Rule):
    """E-mail addresses, including internationalised ones and ones with a ``+tag`` in the
    local part."""

    name = "email"
    entity_types = frozenset({"EMAIL_ADDRESS"})

    def find(self, text: str) -> Iterator[Span]:
        if "@" not in text:
            return
        for match in _EMAIL.finditer(text):
            if _in_url_userinfo(text, match.start(1), match.group(1).index("@")):
                continue  # "https://user:secret@host": a secret and a host, no address
            yield self.span(match.start(1), match.end(1), "EMAIL_ADDRESS", 0.95)


def _in_url_userinfo(text: str, start: int, at: int) -> bool:
    """Whether an address-shaped match at ``start`` (its ``@`` at ``start + at``) is a URL's
    ``user@host`` or ``secret@host`` (its word began with ``scheme://``): the URL credential
    rules take the user and the secret."""
    word_start = max(text.rfind(c, 0, start) for c in " \t\n\"'=(<") + 1
    before = text[word_start : start + at]
    return "://" in before and "@" not in text[word_start:start]


_PHONE_CONTEXT = words_regex(words("contact", "phone_context"))

# One candidate: an optional international prefix (+cc or 00cc, optionally followed by the
# "(0)" trunk digit), an optional (area) code, then digit groups joined by one space, dot or
# dash, then an optional extension. Horizontal whitespace only: never across lines.
_PHONE = re.compile(
    r"(?<![\w+/.:-])"
    r"(?P<intl>(?:\+|\b00)\d{1,3}[ \t.-]?(?:\(0\)[ \t.-]?)?)?"
    r"(?P<area>\(\d{1,5}\)[ \t.-]?)?"
    r"(?P<body>\d{1,15}(?:(?:[ \t]|[.-]|[ \t]?[.-][ \t]?)\d{1,10}){0,6})"
    r"(?P<ext>[ \t]*(?:x|ext\.?|extension|#)[ \t]*\d{1,6})?"
    r"(?![\w]|[.,/-]\d|:\d)"
)
# Things that look like digit groups but are not phone numbers.
_DATE_LIKE = re.compile(
    r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
)
_DECIMAL = re.compile(r"^\d+\.\d+$|^\d{1,3}(?:[ \t]\d{3})+(?:[.,]\d+)?$")


@register
class PhoneRecognizer(Rule):
    """Telephone numbers of 7-15 digits (6 with a phone word nearby).

    International forms (a ``+`` or ``00`` country code, perhaps a ``(0)`` trunk digit), area
    codes in parentheses, dotted/dashed/spaced groups and extensions. Short local numbers (two
    groups) are found but score low unless a phone word (``contact.toml``: ``phone_context``)
    stands near them. Dates, clock times and decimals are rejected.
    """

    name = "phone"
    entity_types = frozenset({"PHONE_NUMBER"})

    def find(self, text: str) -> Iterator[Span]:
        if sum(c.isdigit() for c in text) < 6:
            return
        blocked = [m.span() for m in _DATE_LIKE.finditer(text)]
        for match in _PHONE.finditer(text):
            start, end = match.span()
            value = match.group()
            if any(s < end and start < e for s, e in blocked):
                continue
            if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", value):
                continue  # an IPv4 address
            if is_product_code(text, start, end):
                continue  # a barcode or an ISBN: not personal
            digits = digits_of(value)
            intl, area, ext = match.group("intl"), match.group("area"), match.group("ext")
            body = match.group("body")
            ext_digits = len(digits_of(ext)) if ext else 0
            n = len(digits) - ext_digits
            groups = re.split(r"[ \t.-]+", body.strip())
            near = context(text, start, end, before=32, after=12).has(_PHONE_CONTEXT)
            if not 6 <= n <= 15 or (n == 6 and not near):
                continue
            if not (intl or area) and _DECIMAL.match(body) and not near:
                continue
            if intl and n >= 8:
                score = 0.9
            elif area:
                score = 0.8 if n >= 8 else 0.5
            elif len(groups) == 1:
                # Unbroken digit runs: order numbers, ids, timestamps... unless named a phone.
                score = 0.45 if n in (10, 11) else 0.25
            elif n >= 9:
                score = 0.7
            else:
                score = 0.4
            if ext:
                score += 0.1
            if _whole_line(text, start, end):
                # A field holding only this number (a typing run, a form cell) is a phone
                # number far more often than anything else of this shape.
                score += 0.3
            if near:
                score += 0.4
            yield self.span(start, end, "PHONE_NUMBER", min(score, 0.95))


def _whole_line(text: str, start: int, end: int) -> bool:
    """True when the match is all there is on its line (apart from spaces)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()
