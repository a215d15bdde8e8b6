"""Helpers shared by the rules: context windows, word regexes, checksums, entropy."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from redaction.knowledge.gazetteer import gazetteer
from redaction.lexicon import words

#: Horizontal whitespace only: OCR lines and typed runs must never let a match run across lines
#: by accident (``\s`` would).
H = r"[ \t]"


@dataclass(frozen=True, slots=True)
class Context:
    """Words around a match (lowercased), for context-sensitive scores."""

    before: str
    after: str

    def has(self, words: Iterable[str] | re.Pattern[str], where: str = "both") -> bool:
        texts = {
            "before": (self.before,),
            "after": (self.after,),
            "both": (self.before, self.after),
        }[where]
        if isinstance(words, re.Pattern):
            return any(words.search(t) for t in texts)
        return any(w in t for w in words for t in texts)


def context(text: str, start: int, end: int, before: int = 40, after: int = 25) -> Context:
    return Context(text[max(0, start - before) : start].lower(), text[end : end + after].lower())


def words_regex(words: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive regex matching any of ``words`` as whole words."""
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.I)


def digits_of(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def luhn_valid(number: str) -> bool:
    """The Luhn checksum of a digit string (payment cards, IMEI, some national ids)."""
    if not number.isdigit() or len(number) < 2:
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = ord(char) - 48
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def shannon_entropy(text: str) -> float:
    """Bits per character of ``text`` (its own character distribution)."""
    import math
    from collections import Counter

    if not text:
        return 0.0
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values())


def finditer(
    pattern: re.Pattern[str], text: str, group: int | str = 0
) -> Iterator[tuple[int, int, re.Match[str]]]:
    for match in pattern.finditer(text):
        start, end = match.span(group)
        if start < end:
            yield start, end, match


Validator = Callable[[str], bool]


_PRODUCT_WORDS = frozenset(words("names", "product_words"))


def product_name(text: str) -> bool:
    """Two or three capitalised words that name a product, not a person ("Atlas Pro", "Ember
    Lamp"): the last is a product word (``names.toml``: ``product_words``) and the first is no
    given name the gazetteer knows ("Grace Lamp" may be a person)."""
    parts = [p.strip(".,;:") for p in text.split()]
    return (
        2 <= len(parts) <= 3
        and all(p[:1].isupper() for p in parts)
        and parts[-1].lower() in _PRODUCT_WORDS
        and not gazetteer().is_given_name(parts[0])
    )
