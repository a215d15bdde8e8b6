"""Shared by the rule tests: one instance of every registered rule, and what it finds."""

from __future__ import annotations

from redaction.rules import REGISTRY

RULES = {r.name: r for r in REGISTRY.build()}


def found(name: str, text: str, threshold: float = 0.5) -> list[str]:
    """The values rule ``name`` finds in ``text`` at ``threshold`` or above."""
    return [text[s.start : s.end] for s in RULES[name].find(text) if s.score >= threshold]


def threshold_for(name: str) -> float:
    """The threshold a true case is checked at (URLs score low on their own)."""
    return 0.3 if name == "url" else 0.5
