"""Matching the volunteer's identity list and the episode deny-list in text.

Values are matched case- and accent-insensitively, on word boundaries, with any run of
whitespace between their words (OCR and typing both vary spacing). A multi-word personal
value (a full name) also matches each of its words of 3+ characters on their own, because a
surname alone still names the volunteer. Values are never logged or put in messages; the
compiled matcher is cached per deny-list size (entries only ever grow).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from redaction.entities import LABEL_MAP
from redaction.models import Span
from redaction.rules.base import Treatment

if TYPE_CHECKING:
    from redaction.denylist import DenyList

#: Entity types whose multi-word values also match word by word.
_PARTS_MATCH = frozenset({"PERSON", "IDENTITY"})
_MIN_PART = 3


def fold(text: str) -> str:
    """Lowercase and strip accents character by character, keeping every offset unchanged."""
    out = []
    for char in text:
        lowered = char.lower()
        if len(lowered) != 1:
            lowered = char
        decomposed = unicodedata.normalize("NFKD", lowered)
        base = decomposed[0] if decomposed and unicodedata.category(decomposed[0]) != "Mn" else ""
        out.append(base if len(base) == 1 and base.isprintable() else lowered)
    return "".join(out)


def _value_pattern(value: str) -> str:
    words = fold(value).split()
    return r"[\s]+".join(re.escape(w) for w in words)


def _entity_for(label: str) -> str:
    return LABEL_MAP.get(label, "IDENTITY")


class IdentityMatcher:
    """Finds deny-list and identity values in text. Thread-safe; one per text redactor."""

    name = "deny_list"
    #: Values the volunteer or the policy listed: taken as they are.
    treatment = Treatment(verbatim=True)

    def __init__(self, static_terms: Iterable[str] = ()) -> None:
        self._static = tuple((t, "IDENTITY") for t in static_terms if len(t.strip()) >= 2)
        self._lock = threading.Lock()
        self._cache: tuple[int, int, re.Pattern[str] | None, dict[str, str]] | None = None

    def _compiled(
        self, deny_list: DenyList | None
    ) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        entries: tuple[tuple[str, str], ...] = ()
        key = (id(deny_list), len(deny_list) if deny_list is not None else 0)
        with self._lock:
            cached = self._cache
            if cached is not None and (cached[0], cached[1]) == key:
                return cached[2], cached[3]
        if deny_list is not None:
            entries = tuple((e.value, e.entity_type) for e in deny_list.entries())
        types: dict[str, str] = {}
        alternatives: list[str] = []
        for value, label in (*self._static, *entries):
            entity = _entity_for(label)
            folded_words = fold(value).split()
            if not folded_words:
                continue
            whole = " ".join(folded_words)
            if whole not in types:
                types[whole] = entity
                alternatives.append(_value_pattern(value))
            if entity in _PARTS_MATCH and len(folded_words) > 1:
                for word in folded_words:
                    if len(word) >= _MIN_PART and word not in types:
                        types[word] = entity
                        alternatives.append(re.escape(word))
        pattern = None
        if alternatives:
            alternatives.sort(key=len, reverse=True)
            pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")
        with self._lock:
            self._cache = (key[0], key[1], pattern, types)
        return pattern, types

    def find(self, text: str, deny_list: DenyList | None = None) -> Iterator[Span]:
        pattern, types = self._compiled(deny_list)
        if pattern is None:
            return
        folded = fold(text)
        for match in pattern.finditer(folded):
            value = " ".join(match.group().split())
            entity = types.get(value, "IDENTITY")
            yield Span(match.start(), match.end(), entity, self.name, 1.0)
