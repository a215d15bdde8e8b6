"""Shared by the rule tests: one instance of every registered rule, what it finds, and the
factory of every family's true/false table tests."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

import pytest

from redaction.image.context import LayoutContext
from redaction.image.layout import analyse_layout
from redaction.image.memory import ScreenMemory
from redaction.image.ocr import OcrLine
from redaction.image.page import Page
from redaction.image.settings import ImageRedactionSettings
from redaction.policy import load_policy
from redaction.rules import REGISTRY
from redaction.rules.layout_base import LayoutRule
from redaction.text import TextRedactor
from tests.redaction.image.support import line

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


def screen_lines(screen: str) -> list[OcrLine]:
    """OCR lines of a screen drawn in text: each text line is a row (30 px apart, 20 px high, a
    blank line leaves a gap), and a run of two or more spaces splits a row into separate OCR
    lines placed at their column (10 px a character). Nothing is read: the layout rules see
    exactly these lines."""
    lines = []
    for row, text in enumerate(screen.split("\n")):
        for cell in re.finditer(r"\S+(?: \S+)*", text):
            lines.append(line(cell.group(), 20 + 10 * cell.start(), 10 + 30 * row))
    return lines


#: Between the frames of an episode drawn in text: the page is the last frame, read with what
#: the earlier ones showed (:class:`redaction.image.memory.ScreenMemory`).
NEXT_FRAME = "\n=== next frame ===\n"


def page_of(screen: str, settings: ImageRedactionSettings | None = None) -> Page:
    """The page the layout rules read for a screen drawn in text (see :func:`screen_lines`);
    for frames drawn one after another (split by :data:`NEXT_FRAME`), the last one, carrying
    what the layout rules remembered of the ones before."""
    settings = settings or ImageRedactionSettings()
    memory = ScreenMemory()
    *earlier, current = screen.split(NEXT_FRAME)
    for shown in earlier:
        layout = analyse_layout(screen_lines(shown))
        documents = (layout.document("rows"), layout.document("blocks"))
        memory.learn(LayoutContext(layout, documents, settings).remembered())
    layout = analyse_layout(screen_lines(current))
    documents = (layout.document("rows"), layout.document("blocks"))
    return Page(layout, documents, settings, memory.tables)


LAYOUT_RULES = {r.name: r for r in REGISTRY.instances() if isinstance(r, LayoutRule)}


def layout_found(name: str, screen: str) -> set[str]:
    """The values layout rule ``name`` finds on a screen drawn in text (its words joined; every
    finding of a layout rule is blurred, whatever its score)."""
    page = page_of(screen)
    return {
        " ".join(page.layout.word(ref).text for ref in f.refs)
        for f in LAYOUT_RULES[name].find(page)
    }
