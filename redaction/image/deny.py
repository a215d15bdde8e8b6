"""Deny-list values on screen: exact, fuzzy (OCR slips) and as typed prefixes (4+ characters).

Values and words are compared normalised: NFKC, case-folded, letters and digits only, so an
address read with other case, spaces or punctuation still meets its value. A value is found
inside a longer word too (OCR glues a label to it), across neighbouring words (a full name),
and as a prefix of itself where someone is typing it. The cases are in
``tests/redaction/image/test_deny.py``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

from redaction.image.findings import Finding, from_words
from redaction.image.layout import Layout, WordRef

RECOGNIZER = "deny_list"

#: Beginnings shared by many unrelated values: a prefix made only of these is no evidence.
_GENERIC_PREFIXES = ("http", "https", "www", "mailto", "ftp")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


class DenyMatcher:
    """Finds values (with their entity types) among a page's words."""

    def __init__(
        self,
        values: Iterable[tuple[str, str] | tuple[str, str, float]],
        *,
        fuzzy_ratio: float = 0.85,
        min_prefix: int = 4,
        recognizer: str = RECOGNIZER,
        prefixes: bool = True,
        whole_words: bool = False,
    ) -> None:
        self.values: list[tuple[str, str, float]] = []
        seen: set[str] = set()
        for item in values:
            value, entity = item[0], item[1]
            weight = float(item[2]) if len(item) > 2 else 1.0
            norm = normalise(value)
            if len(norm) >= 2 and norm not in seen:
                seen.add(norm)
                self.values.append((norm, entity, weight))
        self.fuzzy_ratio = fuzzy_ratio
        self.min_prefix = min_prefix
        self.recognizer = recognizer
        self.prefixes = prefixes
        #: Only whole words, exactly (for the parts of a name: a short given name must not match
        #: a longer word that starts with it).
        self.whole_words = whole_words

    def find(self, layout: Layout) -> list[Finding]:
        if not self.values:
            return []
        out: list[Finding] = []
        for li, line in enumerate(layout.lines):
            norms = [normalise(w.text) for w in line.words]
            # Character index -> word index over the line's normalised concatenation.
            owner: list[int] = []
            for wi, n in enumerate(norms):
                owner.extend([wi] * len(n))
            joined = "".join(norms)
            if not joined:
                continue
            for value, entity, weight in self.values:
                if self.whole_words:
                    # A name part counts where it stands capitalised (a name that is also a
                    # word counts only as the name).
                    hits = [
                        (i, i, 1.0)
                        for i, n in enumerate(norms)
                        if n == value and line.words[i].text.lstrip("@(<\"'")[:1].isupper()
                    ]
                else:
                    hits = self._line_hits(value, norms, joined, owner)
                for first, last, score in hits:
                    refs = [WordRef(li, i) for i in range(first, last + 1)]
                    found = from_words(
                        layout, refs, entity, self.recognizer, round(score * weight, 4)
                    )
                    if found:
                        out.append(found)
        return out

    def _line_hits(
        self, value: str, norms: list[str], joined: str, owner: list[int]
    ) -> list[tuple[int, int, float]]:
        hits: list[tuple[int, int, float]] = []
        n_value = len(value)
        if n_value < 4 or self.whole_words:
            # Short values: whole words only, exactly.
            return [(i, i, 1.0) for i, n in enumerate(norms) if n == value]
        start = joined.find(value)
        while start >= 0:
            hits.append((owner[start], owner[start + n_value - 1], 1.0))
            start = joined.find(value, start + 1)
        if hits:
            return hits
        for first in range(len(norms)):
            text = ""
            for last in range(first, len(norms)):
                text += norms[last]
                if not norms[first]:
                    break
                if len(text) > 1.3 * n_value + 2:
                    break
                hit = self._compare(value, text)
                if hit is not None:
                    hits.append((first, last, hit))
                    break
        return hits

    def _compare(self, value: str, text: str) -> float | None:
        n_value, n_text = len(value), len(text)
        if n_value >= 6 and 0.75 * n_value <= n_text <= 1.3 * n_value:
            matcher = SequenceMatcher(None, value, text, autojunk=False)
            if (
                matcher.real_quick_ratio() >= self.fuzzy_ratio
                and matcher.ratio() >= self.fuzzy_ratio
            ):
                return round(matcher.ratio(), 3)
        if not self.prefixes or n_text < self.min_prefix or n_text >= n_value:
            return None
        # Being typed: the word run is a prefix of the value (a caret may follow it).
        for candidate in (text, text[:-1]):
            if (
                len(candidate) >= self.min_prefix
                and value.startswith(candidate)
                and candidate not in _GENERIC_PREFIXES
            ):
                return 0.8
        if n_text >= 8:
            ratio = SequenceMatcher(None, value[:n_text], text, autojunk=False).ratio()
            if ratio >= self.fuzzy_ratio:
                return round(ratio * 0.9, 3)
        return None
