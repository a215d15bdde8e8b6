"""Postal addresses by grammar: street lines, units, P.O. and military boxes, and the address
block that continues over the following lines (city, region, country, postcode).

Everything here is general address grammar: street-type words (the USPS Publication 28
suffixes and their European counterparts), unit words, postcode shapes, and phrases that
introduce an address (``addresses.toml``). Matches run over
horizontal whitespace only (``[ \\t]``); a block continues onto a next line only when that
line itself reads like an address line, so OCR text and typed runs never glue unrelated
lines together. The cases are in ``tests/redaction/rules/test_addresses.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from redaction.lexicon import alternation, words
from redaction.models import Span
from redaction.rules.base import Rule, register

# Street types written after the name, in full or abbreviated.
_SUFFIXES = list(words("addresses", "suffixes"))
# Street types written before the name (the French, Italian, Polish... way).
_PREFIXES = (
    alternation(words("addresses", "prefixes_rue_avenue"))
    + r"|avda\.?|avenida|boulevard|bd\.?|bvd\.?|"
    + alternation(words("addresses", "prefixes_french"))
    + r"|rte\.?|"
    + alternation(words("addresses", "prefixes_italian"))
    + r"|c/|"
    + alternation(words("addresses", "prefixes"))
    + r"|(?:the[ \t]+)?corner[ \t]+of"
)
# Street words that carry their type as a suffix (German, Dutch, Nordic, Finnish, ...).
_COMPOUND = (
    r"[^\W\d_][\w'\u2019\-]*(?:"
    + alternation(words("addresses", "compound"))
    + r"|sokağ\u0131|caddesi|cad\.|bulvar\u0131)"
)
_UNIT = (
    r"(?:apt\.?|"
    + alternation(words("addresses", "unit"))
    + r"|ste\.?|"
    + alternation(words("addresses", "unit_flat"))
    + (
        r"|fl\.?|floor|room|rm\.?|bldg\.?|building|office|dept\.?|#)[ \t]*(?:no\.?[ \t]*"
        r")?[A-Za-z]?\d{1,5}[A-Za-z]?"
    )
)
_NUM = r"\d{1,6}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?){0,2}\.?"
_WORD = r"[^\W\d_][\w'\u2019\-]*\.?"
_CAP_WORD = r"(?-i:[^\W\d_a-z][\w'\u2019\-]*)"  # starts with a capital (any script with case)

_SUFFIX_RE = "|".join(re.escape(s) for s in sorted(set(_SUFFIXES), key=len, reverse=True))

# Seeds: evidence that an address starts here.
_STREET_SUFFIXED = re.compile(
    rf"(?<![\w.])(?P<num>{_NUM})(?:[ \t]+{_NUM})?(?:[ \t]+{_WORD}){{1,4}}?[ \t]+"
    rf"(?:{_SUFFIX_RE})\b\.?",
    re.I,
)
# A street's name, its type word after it, then the house number (a full stop after it in
# Hungarian).
_STREET_SUFFIXED_TAIL = re.compile(
    rf"(?<![\w.])(?:{_WORD}[ \t]+){{1,4}}?(?:{_SUFFIX_RE})\.?[ \t]+(?P<tail>\d{{1,5}}[A-Za-z]?\.?)"
    rf"(?![\w]|[.,]\d)",
    re.I,
)
_STREET_PREFIXED = re.compile(
    rf"(?<![\w.])(?:(?P<num>{_NUM})[ \t]+)?(?P<type>{_PREFIXES})[ \t]*(?P<name>(?:{_WORD}[ \t]+)"
    rf"{{0,4}}{_WORD})(?:[ \t]+(?P<tail>{_NUM}))?",
    re.I,
)
_STREET_COMPOUND = re.compile(
    rf"(?<![\w.])(?:(?P<num>{_NUM})[ \t]+)?(?:{_WORD}[ \t]+){{0,2}}{_COMPOUND}(?:[ \t]+"
    rf"(?P<tail>{_NUM}))?",
    re.I,
)
# A building number, capitalised words, a number: a street line whose type word is missing.
_STREET_GENERIC = re.compile(
    rf"(?<![\w.,:/-])(?P<num>\d{{1,6}}[A-Za-z]?)(?:[ \t]+\d{{1,5}})?(?:[ \t]+{_CAP_WORD}\.?){{1,4}}"
    rf"[ \t]+(?P<tail>\d{{1,5}}[A-Za-z]?\.?)(?![\w:/-]|[.,]\d)",
    re.I,
)
# The same for text typed in lowercase, where capitals cannot help.
_STREET_GENERIC_ANY_CASE = re.compile(
    r"(?<![\w.,:/-])(?P<num>\d{1,6}[A-Za-z]?)(?:[ \t]+\d{1,5})?"
    r"(?:[ \t]+[^\W\d_][\w'\u2019\-]*\.?){1,4}"
    r"[ \t]+(?P<tail>\d{1,5}[A-Za-z]?\.?)(?![\w:/-]|[.,]\d)",
)
_PO_BOX = re.compile(
    r"(?<![\w.])(?:p\.?[ \t]?o\.?[ \t]*box|post(?:al)?[ \t]+office[ \t]+box|postbox|postfach|"
    r"boîte[ \t]postale|apartado|caixa[ \t]postal)[ \t]*\d{1,6}",
    re.I,
)
_MILITARY = re.compile(
    r"(?<![\w.])(?:(?:psc|unit|cmr)[ \t]+\d{3,5},?[ \t]+box[ \t]+\d{3,5}|"
    r"(?:usns|usnv|uss|uscgc)[ \t]+[^\W\d_][\w'\u2019\-]*|"
    r"(?:apo|fpo|dpo)[ \t]+(?:aa|ae|ap)[ \t]+\d{5})",
    re.I,
)
_UNIT_RE = re.compile(rf"(?<![\w.]){_UNIT}(?![\w])", re.I)
_WORKPLACE_UNIT = alternation(words("addresses", "workplace_unit"))
#: A span of rooms, floors and the like only: a place inside a building, no home address.
_WORKPLACE_ONLY = re.compile(
    rf"(?:(?:[ \t,;]+(?:(?:on|of|in|at)[ \t]+)?)?"
    rf"(?:(?:{_WORKPLACE_UNIT})[ \t]*(?:no\.?[ \t]*)?#?[A-Za-z]?\d{{1,5}}[A-Za-z]?"
    rf"|\d{{1,3}}(?:st|nd|rd|th)?[ \t]+(?:{_WORKPLACE_UNIT})))+[ \t,;.]*",
    re.I,
)
_CITY_STATE_ZIP = re.compile(
    r"(?<![\w])(?-i:[A-Z][\w'\u2019\-]+(?:[ \t][A-Z][\w'\u2019\-]+){0,2}),[ \t]*"
    r"(?-i:[A-Z]{2})[ \t]+"
    r"\d{5}(?:-\d{4})?(?!\w)",
)
_POSTCODE = (
    r"(?:\d{5}(?:-\d{4})?|\d{4}|\d{3}[ \t-]?\d{2}|\d{3}-\d{4}|"
    r"[A-Za-z]\d[A-Za-z][ \t]?\d[A-Za-z]\d|[A-Za-z]{1,2}\d[A-Za-z\d]?[ \t]?\d[A-Za-z]{2})"
)
_ZIP_IN_CONTEXT = re.compile(
    rf"(?:zip(?:[ \t]?code)?|post(?:al)?[ \t]?code|postcode|plz|cep|code[ \t]postal)"
    rf"[ \t]*(?:is|:|#|=)?[ \t]*(?P<value>{_POSTCODE})(?![\w])",
    re.I,
)
# Phrases that introduce an address; the address follows on the same or the next line.
_INTRO = re.compile(
    (
        (
            r"(?:(?<![\w-])(?<!e-mail )(?<!email )(?<!ip )(?<!mac )(?<!web )(?<!wallet )(?<!"
            r"url )(?<!server )(?<!ipv4 )(?<!ipv6 )(?<!mailing list )(?:(?:"
        )
        + alternation(words("addresses", "intro"))
        + (
            r")[ \t]+)?address(?:es)?(?:[ \t]+line[ \t]?\d?)?(?:[ \t]*(?::|-|=)|[ \t]+(?:is|"
            r"was|to)(?:[ \t]+(?:at|in))?|[ \t]*(?=\n))|(?<![\w])(?:lives?|"
        )
        + alternation(words("addresses", "intro_living"))
        + r"|resides?|"
        + alternation(words("addresses", "intro_located"))
        + r"|stays?|"
        + alternation(words("addresses", "intro_moving"))
        + (
            r"|meet(?:ing)?(?:[ \t]+(?:me|you|us|them))?|arrived|deliver(?:ed|y)?|ship(?:ped"
            r")?|send|sent|mail(?:ed)?|drop(?:s|ped)?(?:[ \t]+(?:you|me|it))?[ \t]+off|"
        )
        + alternation(words("addresses", "intro_stop"))
        + (
            r"|find[ \t]+(?:me|us)|come[ \t]+to|pick[ \t]+(?:me|you|it)[ \t]+up)(?:[ \t]+(?:"
            r"it|them|a[ \t]+new[ \t]+one|the[ \t]+\w+))?[ \t]+(?:"
        )
        + alternation(words("addresses", "intro_preposition"))
        + (
            r")(?:[ \t]+the[ \t]+(?:corner|north|south|east|west)(?:[ \t]+side)?[ \t]+of)?|("
            r"?<![\w])validate[ \t]+the[ \t]+following\??|(?<![\w])(?:the[ \t]+)?corner[ \t]"
            r"+of)[ \t]*(?:\n[ \t]*)?"
        )
    ),
    re.I,
)
# A street named without a number, after a preposition, its words and its type
# capitalised (a street locates a person less precisely
# than a house, hence the low score).
_NAMED_STREET = re.compile(
    (
        r"(?<![\w])(?:"
        + alternation(words("addresses", "named_street"))
        + (
            r")[ \t]+(?P<street>(?-i:[^\W\d_a-z][\w'\u2019\-]*)(?:[ \t]+(?-i:[^\W\d_a-z][\w'"
            r"\u2019\-]*)){0,2}[ \t]+(?-i:Street|"
        )
        + alternation(words("addresses", "street_types_title_case"))
        + r"|Ave\.?|Rd\.?|Blvd\.?|Strasse|Straße))(?![\w'\u2019\-])"
    ),
    re.I,
)
# A word joined by "and" or "&" to a street that starts with its name (or its prefix type)
# reads as the crossing of two streets.
_CROSSING = re.compile(r"(?:^|(?<=[\s,:;(]))(?P<word>[^\W\d_][\w'\u2019\-]*)[ \t]+(?:and|&)[ \t]+$")
# Hungarian house numbers carry a full stop after the street type and the number: it is part
# of the number, not of the sentence.
HUNGARIAN_NUMBER = re.compile(
    (
        r"(?:^|[ \t])(?:"
        + alternation(words("addresses", "hungarian_number"))
        + r")[ \t]+\d{1,5}[A-Za-z]?(?:/[A-Za-z\d]{1,3})?\.$"
    ),
    re.I,
)

_NUMBER_PREPOSITIONS = alternation(words("addresses", "number_prepositions"))
_PREPOSITION_NUMBER = re.compile(
    rf"(?<![\w])(?:{_NUMBER_PREPOSITIONS})[ \t]+(?=\d{{1,6}}[A-Za-z]?[ \t]+(?:\d{{1,5}}[ \t]+)?"
    rf"(?:{_CAP_WORD}|{_PREFIXES}))",
    re.I,
)

# Words that end an address when met (function words, verbs, time words). In lowercase text
# this list alone decides; in cased text a lowercase word not listed in _INNER also ends it.
_STOP = set(words("addresses", "stop"))
_INNER = set(words("addresses", "inner"))


@dataclass(frozen=True, slots=True)
class _Seed:
    start: int
    end: int
    strength: float
    #: An introducing phrase, not an address part itself: the address starts at ``end``.
    intro: bool = False


# Symbols that stand in for a letter (U+2206 INCREMENT for a Greek capital delta, as keyboard
# layouts and OCR produce it) are read as part of a word.
_LETTERLIKE = "\u2206\u2211\u220f"
_TOKEN = re.compile(
    r"(?P<nl>[ \t]*\n(?P<prefix>[ \t]*(?:>+|\?{2,}|[|*•·\-]|\d{1,2}\.(?=[ \t]))?)[ \t]*)"
    r"|(?P<sp>[ \t]+)"
    r"|(?P<num>\d[\w\-/]*\.?)"
    rf"|(?P<word>(?:[^\W\d_]|[{_LETTERLIKE}])(?:[\w'\u2019\-]|[{_LETTERLIKE}])*\.?)"
    r"|(?P<punct>[,()#&/])"
    r"|(?P<other>[^\s])"
)


def _mostly_lowercase(text: str) -> bool:
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    return bool(letters) and sum(c.isupper() for c in letters) <= max(1, len(letters) // 50)


# Lines that continue an address block whatever the case of their words: a comma and one
# short word under the city (a region a form wrote on its own line), and a "City, region
# POSTCODE" line (the region may be typed in lowercase).
_COMMA_LINE = re.compile(r"[ \t]*,[ \t]*[^\W\d_][\w'\u2019\-]{0,19}\.?(?=[ \t]*$)")
_CITY_REGION_POSTCODE = re.compile(
    r"[ \t]*(?P<city>[^\W\d_][\w'\u2019\-]*(?:[ \t]+[^\W\d_][\w'\u2019\-]*){0,2})[ \t]*,"
    rf"[ \t]*[^\W\d_][\w'\u2019\-]{{0,19}}\.?[ \t]+{_POSTCODE}(?![\w])"
)


class _Walker:
    """Extends a seed over the address tokens that follow it, line by line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowercase = _mostly_lowercase(text)

    def word_ok(self, word: str, next_word: str | None) -> bool:
        bare = word.rstrip(".").lower()
        if bare in _STOP:
            return False
        if bare == "and" or bare == "et" or bare == "und":
            # "and" between two streets at a corner: only before another name.
            return next_word is not None and (
                next_word[:1].isupper() or next_word[:1].isdigit() or self.lowercase
            )
        first = word.lstrip(_LETTERLIKE)[:1] or word[:1]
        if self.lowercase or first.isupper() or first.isdigit():
            return True
        return bare in _INNER or bare in _SUFFIXES

    def line_ok(self, line: str) -> bool:
        """Can this next line continue an address block? Only its start is judged (up to a
        sentence end, a colon or a function word): the walker stops there by itself."""
        head = re.split(r"[?!:]|\.(?=[ \t]|$)", line, maxsplit=1)[0]
        words_all = list(re.finditer(r"[^\W\d_][\w'\u2019\-]*", head))
        for w in words_all:
            if w.group().lower() in _STOP:
                head = head[: w.start()]
                break
        if len(head.strip(" \t>?|*•·-,")) < 2 and line.strip(" \t>?|*•·-"):
            return False
        if not self.lowercase:
            # A country and a postcode, then prose: in cased text the walker stops at the first
            # lowercase word by itself; a head up to it with a postcode continues the block.
            for w in words_all:
                bare = w.group().lower()
                if (
                    w.start() < len(head)
                    and w.group().islower()
                    and bare not in _INNER
                    and (bare not in _SUFFIXES)
                ):
                    if re.search(r"\d", head[: w.start()]):
                        head = head[: w.start()]
                    break
        line = head
        stripped = line.strip(" \t>?|*•·-")
        if not stripped or len(stripped) > 60 or "@" in stripped:
            return False
        if re.search(r"https?://|www\.", stripped, re.I):
            return False
        words = re.findall(r"[^\W\d_][\w'\u2019\-]*\.?", stripped)
        if len(words) > 7:
            return False
        if any(w.rstrip(".").lower() in _STOP for w in words):
            return False
        # A phone number line (seven digits or more in groups, a word at most) is not part of
        # the address.
        digits = sum(c.isdigit() for c in stripped)
        if digits >= 7 and re.search(r"\d[ \t.\-]\d", stripped) and len(words) <= 1:
            return False
        return (
            self.lowercase
            or not words
            or all(
                w[:1].isupper()
                or w.rstrip(".").lower() in _INNER
                or w.rstrip(".").lower() in _SUFFIXES
                for w in words
            )
        )

    def whole_line(self, line: str) -> int:
        """The length of the start of ``line`` taken whole into the block (see _COMMA_LINE and
        _CITY_REGION_POSTCODE); 0 when the line must be walked word by word."""
        comma = _COMMA_LINE.match(line)
        if comma is not None:
            return comma.end()
        city = _CITY_REGION_POSTCODE.match(line)
        if city is None:
            return 0
        words = city.group("city").split()
        if any(w.lower() in _STOP for w in words):
            return 0
        if not self.lowercase and not all(w[:1].isupper() for w in words):
            return 0
        return city.end()

    def extend(self, start: int, min_end: int, max_lines: int = 6) -> int:
        """The end of the address that starts at ``start`` and covers at least ``min_end``."""
        text = self.text
        end = min_end
        pos = min_end
        if text[min_end - 1 : min_end] == "." and self._sentence_end(min_end):
            return min_end
        lines = 0
        limit = min(len(text), start + 240)
        while pos < limit:
            match = _TOKEN.match(text, pos)
            if match is None:
                break
            kind = match.lastgroup
            if kind == "prefix":
                kind = "nl"
            token = match.group()
            if kind == "nl":
                if lines >= max_lines:
                    break
                nl_end = match.end()
                line_end = text.find("\n", nl_end)
                line = text[nl_end : line_end if line_end >= 0 else len(text)]
                whole = self.whole_line(line)
                if whole:
                    lines += 1
                    pos = nl_end + whole
                    end = max(end, pos)
                    continue
                if not line.strip(" \t>?|*•·-"):
                    # One blank line may separate a city from a country and postcode line.
                    after = line_end + 1 if line_end >= 0 else len(text)
                    nxt_end = text.find("\n", after)
                    nxt = text[after : nxt_end if nxt_end >= 0 else len(text)]
                    if (
                        line_end >= 0
                        and self.line_ok(nxt)
                        and re.search(r"\d", nxt)
                        and len(nxt.split()) <= 4
                    ):
                        pos = after
                        lines += 1
                        continue
                    break
                if not self.line_ok(line):
                    break
                lines += 1
                pos = nl_end
                continue
            if kind == "sp":
                pos = match.end()
                continue
            if kind == "num":
                if len(re.sub(r"\D", "", token)) > 8:
                    break
                end = max(
                    end,
                    match.end()
                    - (1 if token.endswith(".") and self._sentence_end(match.end()) else 0),
                )
                pos = match.end()
                continue
            if kind == "word":
                following = _TOKEN.match(text, match.end())
                next_word = None
                if following is not None and following.lastgroup == "sp":
                    after_space = _TOKEN.match(text, following.end())
                    if after_space is not None and after_space.lastgroup in ("word", "num"):
                        next_word = after_space.group()
                if not self.word_ok(token, next_word):
                    break
                stop_here = token.endswith(".") and self._sentence_end(match.end())
                end = max(
                    end, match.end() - (1 if stop_here and not _is_abbreviation(token) else 0)
                )
                pos = match.end()
                if stop_here:
                    break
                continue
            if kind == "punct" and token in ",()#&/":
                pos = match.end()
                continue
            break
        return max(end, min_end)

    def _sentence_end(self, pos: int) -> bool:
        """After a full stop at ``pos``: does a new sentence start (space + capital/pronoun)?"""
        rest = self.text[pos : pos + 12]
        if not rest or rest[0] == "\n":
            return True
        m = re.match(r"[ \t]+(\w+)", rest)
        if m is None:
            return False
        word = m.group(1)
        return word.lower() in _STOP or (
            word[:1].isupper() and not self.lowercase and word.lower() not in _INNER
        )


def _is_abbreviation(token: str) -> bool:
    bare = token.rstrip(".").lower()
    return bare in _SUFFIXES or bare in frozenset(words("addresses", "is_abbreviation"))


# A number followed by a unit or a month is a size or a date, not a building number.
_MEASURE_OR_DATE = re.compile(
    (
        r"\d+(?:[.,]\d+)?[ \t]*(?:[kmgtp]i?b|bytes?|px|pt|ms|[kmg]?hz|"
        + alternation(words("addresses", "measure_or_date"))
        + r"|lbs?|"
        + alternation(words("addresses", "measure_rates"))
        + (
            r"|cores?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?"
            r":ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
        )
    ),
    re.I,
)


@register
class StreetAddressRecognizer(Rule):
    """Street addresses, units and whole postal blocks (single- and multi-line)."""

    name = "street_address"
    entity_types = frozenset({"STREET_ADDRESS"})

    def find(self, text: str) -> Iterator[Span]:
        seeds = list(self._seeds(text))
        if not seeds:
            return
        walker = _Walker(text)
        for seed in seeds:
            start = seed.end if seed.intro else seed.start
            if seed.intro:
                # The address starts at the first token after the phrase.
                m = re.compile(r"[ \t\n]*").match(text, start)
                start = m.end() if m else start
                if start >= len(text):
                    continue
                first = _TOKEN.match(text, start)
                if first is None or first.lastgroup not in ("num", "word"):
                    continue
                if first.lastgroup == "word" and not walker.word_ok(first.group(), None):
                    continue
                if _MEASURE_OR_DATE.match(text, start):
                    continue
                end = walker.extend(start, start)
                if end <= start:
                    continue
                # The corner of two streets locates a person as precisely as a house number.
                corner = re.search(
                    r"(?:the[ \t]+)?corner[ \t]+of[ \t]*$",
                    text[seed.start : seed.end].rstrip("\n "),
                    re.I,
                )
                if corner is not None:
                    start = seed.start + corner.start()
                covered = text[start:end]
                # An intro alone (before a place that is no street) is not evidence: demand a
                # number or a street word in what follows.
                if not re.search(r"\d", covered) and not _has_street_word(covered):
                    continue
                score = 0.75 if re.search(r"\d", covered) else 0.55
            else:
                # A building number before a box or street.
                before = re.search(
                    r"(?:\d{1,6}[A-Za-z]?[ \t]+){1,2}$", text[max(0, start - 16) : start]
                )
                if before is not None:
                    start -= len(before.group())
                start = _building_name_start(text, start, walker.lowercase)
                if _MEASURE_OR_DATE.match(text, seed.start):
                    continue
                end = walker.extend(start, seed.end)
                score = seed.strength
            if text[start : start + 1].isalpha():
                crossing = _CROSSING.search(text[max(0, start - 40) : start])
                if crossing is not None:
                    word = crossing.group("word")
                    if word.lower() not in _STOP and (walker.lowercase or word[:1].isupper()):
                        start -= len(crossing.group())
            if text[end : end + 1] == "." and HUNGARIAN_NUMBER.search(text[start : end + 1]):
                end += 1
            if "\n" in text[start:end]:
                score = min(0.95, score + 0.1)
            if _WORKPLACE_ONLY.fullmatch(text, start, end):
                continue
            yield self.span(start, end, "STREET_ADDRESS", score)

    @staticmethod
    def _seeds(text: str) -> Iterator[_Seed]:
        has_digit = any(c.isdigit() for c in text)
        if has_digit:
            for m in _STREET_SUFFIXED.finditer(text):
                yield _Seed(m.start(), m.end(), 0.75)
            lowercase = _mostly_lowercase(text)
            for m in _STREET_SUFFIXED_TAIL.finditer(text):
                # The name starts at its first capitalised word (prose may come before it); in
                # lowercase text at the first non-function word.
                start = m.start()
                for word in re.finditer(r"\S+", m.group()):
                    token = word.group()
                    if (token[:1].isupper() or lowercase) and token.lower() not in _STOP:
                        start = m.start() + word.start()
                        break
                else:
                    continue
                yield _Seed(start, m.end(), 0.7)
            generic = _STREET_GENERIC_ANY_CASE if lowercase else _STREET_GENERIC
            for m in generic.finditer(text):
                # A product and its version also put capitalised words between numbers: they
                # need a line start or a building number of 2+ digits to read as a street line.
                line_start = text.rfind("\n", 0, m.start()) + 1
                at_line_start = not text[line_start : m.start()].strip(" \t>?|*•·-")
                # Capitalised words between numbers read as a street line only at a line start
                # or after a word that introduces a place.
                introduced = re.search(
                    (
                        r"(?:\b(?:"
                        + alternation(words("addresses", "introduced"))
                        + r")|[,:])[ \t]*$"
                    ),
                    text[max(0, m.start() - 12) : m.start()],
                    re.I,
                )
                if at_line_start or introduced:
                    yield _Seed(m.start(), m.end(), 0.6 if at_line_start else 0.5)
            for m in _PO_BOX.finditer(text):
                yield _Seed(m.start(), m.end(), 0.8)
            for m in _UNIT_RE.finditer(text):
                # A unit alone (a suite, a flat and its number) is weak; next to other address
                # parts it is not.
                yield _Seed(m.start(), m.end(), 0.5 if m.group()[:1] != "#" else 0.3)
            for m in _CITY_STATE_ZIP.finditer(text):
                yield _Seed(m.start(), m.end(), 0.7)
            for m in _ZIP_IN_CONTEXT.finditer(text):
                yield _Seed(m.start("value"), m.end("value"), 0.85)
        for m in _STREET_PREFIXED.finditer(text):
            if m.group("num") or m.group("tail"):
                yield _Seed(m.start(), m.end(), 0.75)
            elif m.group("type")[:1].isupper() and m.group("name")[:1].isupper():
                yield _Seed(m.start(), m.end(), 0.55)
        lowercase_text = _mostly_lowercase(text)
        for m in _STREET_COMPOUND.finditer(text):
            if m.group("num") or m.group("tail"):
                start = m.start()
                if not m.group("num"):
                    # "the delivery address to Fechnergasse 0": the words before the street's
                    # name belong to it only when they can (capitalised in cased text, no
                    # function word); the street word itself always does.
                    parts = list(re.finditer(r"\S+", m.group()))
                    cased = not lowercase_text or any(p.group()[:1].isupper() for p in parts)
                    for index, part in enumerate(parts[:-1]):
                        piece = part.group()
                        if (piece[:1].isupper() or not cased) and piece.lower() not in _STOP:
                            break
                        start = m.start() + parts[index + 1].start()
                yield _Seed(start, m.end(), 0.7)
        for m in _NAMED_STREET.finditer(text):
            if m.group("street").split()[0].lower() not in _STOP:
                yield _Seed(m.start("street"), m.end("street"), 0.55)
        for m in _MILITARY.finditer(text):
            yield _Seed(m.start(), m.end(), 0.8)
        for m in _INTRO.finditer(text):
            yield _Seed(m.start(), m.end(), 0.0, intro=True)
        for m in _PREPOSITION_NUMBER.finditer(text):
            yield _Seed(m.start(), m.end(), 0.0, intro=True)


# Capitalised words right before the building number (at a line start, after a colon or an
# introducing word) name the building.
_BUILDING_NAME = re.compile(
    (
        r"(?:^|(?<=[\n:]))[ \t]*(?P<name>(?:(?-i:[^\W\d_a-z])[\w'\u2019\-]*[ \t]+){1,3})"
        r"[ \t]*$|(?<![\w])(?:"
    )
    + alternation(words("addresses", "building_name"))
    + r")[ \t]+(?P<inner>(?:(?-i:[^\W\d_a-z])[\w'\u2019\-]*[ \t]+){1,3})[ \t]*$"
)


def _building_name_start(text: str, start: int, lowercase: bool) -> int:
    if lowercase or not text[start : start + 1].isdigit():
        return start
    base = max(text.rfind("\n", 0, start) + 1, start - 60)
    match = _BUILDING_NAME.search(text[base:start])
    if match is None:
        return start
    group = "name" if match.group("name") else "inner"
    if any(w.rstrip(".").lower() in _STOP or w.isupper() for w in match.group(group).split()):
        return start
    return base + match.start(group)


_STREET_WORD = re.compile(rf"\b(?:{_SUFFIX_RE})\b|{_COMPOUND}|\b(?:{_PREFIXES})", re.I)


def _has_street_word(text: str) -> bool:
    return bool(_STREET_WORD.search(text))
