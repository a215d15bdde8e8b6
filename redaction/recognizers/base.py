"""The recognizer plug-in point: a small ABC and a registry (like Presidio's EntityRecognizer
and RecognizerRegistry), plus helpers shared by the deterministic recognizers.

A recognizer is stateless after construction and thread-safe: ``find(text)`` returns spans
in our entity types (:mod:`redaction.entities`). Recognizers never log, print or raise with
the text they look at.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from redaction.entities import ENTITY_TYPES
from redaction.models import Span


class Recognizer(ABC):
    """Finds spans of one or more entity types in a text.

    Subclasses set ``name`` (unique, used in policies and in stored redaction records) and
    ``entity_types`` (what :meth:`find` may return), and implement :meth:`find`.
    """

    name: ClassVar[str]
    entity_types: ClassVar[frozenset[str]]

    @abstractmethod
    def find(self, text: str) -> Iterable[Span]:
        """Spans of personal data in ``text``, in any order, possibly overlapping."""

    def span(self, start: int, end: int, entity_type: str, score: float) -> Span:
        """A span attributed to this recognizer."""
        return Span(start, end, entity_type, self.name, score)


R = TypeVar("R", bound=type[Recognizer])


class RecognizerRegistry:
    """Recognizer classes by name; builds the set a policy enables."""

    def __init__(self) -> None:
        self._classes: dict[str, type[Recognizer]] = {}

    def register(self, cls: R) -> R:
        """Class decorator: add a recognizer class (its ``name`` must be new)."""
        name = cls.name
        if name in self._classes:
            raise ValueError(f"recognizer {name} is registered twice")
        unknown = [e for e in cls.entity_types if e not in ENTITY_TYPES]
        if unknown:
            raise ValueError(f"recognizer {name} declares unknown entity types {unknown}")
        self._classes[name] = cls
        return cls

    def names(self) -> tuple[str, ...]:
        return tuple(self._classes)

    def classes(self) -> tuple[type[Recognizer], ...]:
        return tuple(self._classes.values())

    def build(
        self, disabled: Iterable[str] = (), wanted: Iterable[str] | None = None
    ) -> list[Recognizer]:
        """Instances of every registered recognizer not in ``disabled`` whose entity types meet
        ``wanted`` (all when None)."""
        disabled = set(disabled)
        unknown = disabled - set(self._classes)
        if unknown:
            from redaction.errors import PolicyError

            raise PolicyError(f"unknown recognizers to disable: {sorted(unknown)}")
        wanted_set = None if wanted is None else set(wanted)
        return [
            cls()
            for name, cls in self._classes.items()
            if name not in disabled and (wanted_set is None or cls.entity_types & wanted_set)
        ]


#: The registry of cuarec's built-in recognizers (filled when ``redaction.recognizers`` loads).
REGISTRY = RecognizerRegistry()
register = REGISTRY.register


# ---- helpers -------------------------------------------------------------------------------

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
