"""Helpers on spans shared by the text redactor and the key-event rewriting: merging
overlaps, hunting a found value's other occurrences, and the record of a removal."""

from __future__ import annotations

import re
from collections.abc import Iterable

from redaction.models import Redaction, RedactionKind, Span
from redaction.rules.identity import fold


def hunt_values(text: str, source: str, spans: Iterable[Span]) -> list[Span]:
    """Occurrences in ``text`` of the values of ``spans`` (offsets into ``source``), as whole
    words, case- and accent-insensitively, with any whitespace between their words. A found
    occurrence keeps the type, recognizer and score of the span whose value it repeats."""
    by_value: dict[str, Span] = {}
    for span in spans:
        words = fold(source[span.start : span.end]).split()
        if words and sum(len(w) for w in words) >= 3:  # as _propagate: "Al" is too common
            by_value.setdefault(" ".join(words), span)
    if not by_value:
        return []
    pattern = re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(
            r"\s+".join(re.escape(w) for w in value.split())
            for value in sorted(by_value, key=len, reverse=True)
        )
        + r")(?![^\W_])"
    )
    found = []
    for match in pattern.finditer(fold(text)):
        origin = by_value[" ".join(match.group().split())]
        found.append(
            Span(match.start(), match.end(), origin.entity_type, origin.recognizer, origin.score)
        )
    return found


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans: overlapping ones become their union, typed by the
    highest-scoring member (ties: the longer one)."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for span in ordered:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            best = max((last, span), key=lambda s: (s.score, s.end - s.start))
            merged[-1] = Span(
                last.start,
                max(last.end, span.end),
                best.entity_type,
                best.recognizer,
                max(last.score, span.score),
            )
        else:
            merged.append(span)
    return merged


def record(span: Span, kind: RedactionKind) -> Redaction:
    """What an episode keeps of a removed span: where, its type, the rule, the score."""
    return Redaction(
        kind=kind,
        entity_type=span.entity_type,
        recognizer=span.recognizer,
        score=round(span.score, 3),
    )
