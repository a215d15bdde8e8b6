"""Shared by the rule tests: one instance of every registered rule, what it finds, and the
factory of every family's true/false table tests."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import pytest

from redaction.policy import load_policy
from redaction.rules import REGISTRY
from redaction.text import TextRedactor

RULES = {r.name: r for r in REGISTRY.build()}

#: What a table's rule finds: (rule name, text, threshold) -> the values.
Finder = Callable[[str, str, float], list[str]]
TableTest = Callable[..., None]


def found(name: str, text: str, threshold: float = 0.5) -> list[str]:
    """The values rule ``name`` finds in ``text`` at ``threshold`` or above."""
    return [text[s.start : s.end] for s in RULES[name].find(text) if s.score >= threshold]


def threshold_for(name: str) -> float:
    """The threshold a true case is checked at (URLs score low on their own)."""
    return 0.3 if name == "url" else 0.5


def table_tests(
    true_cases: Sequence[tuple[str, str, str]],
    false_cases: Sequence[tuple[str, str]],
    find: Finder = found,
) -> tuple[TableTest, TableTest]:
    """The two tests of a family's tables: each true case's value is among what its rule
    finds (at :func:`threshold_for` the rule), and a false case finds nothing at 0.5.

    Bind them in the family's test module (pytest collects them by these names)::

        test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)
    """

    @pytest.mark.parametrize(("name", "text", "value"), true_cases)
    def test_true_cases(name: str, text: str, value: str) -> None:
        assert value in find(name, text, threshold_for(name))

    @pytest.mark.parametrize(("name", "text"), false_cases)
    def test_false_cases(name: str, text: str) -> None:
        assert find(name, text, 0.5) == []

    return test_true_cases, test_false_cases


@functools.cache
def default_text_redactor() -> TextRedactor:
    """The default policy's text redactor with its spaCy model: built once per test session
    (the ``text_redactor`` fixture and the tables that need English share it)."""
    return TextRedactor.build(load_policy("default"))
