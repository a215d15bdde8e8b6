"""The English the name heuristics read (``redaction/rules/english.py``): which words it knows
and which are verb forms, with the default policy's spaCy model."""

from __future__ import annotations

import pytest

from redaction.rules.english import English
from tests.redaction.rules.support import default_text_redactor


def _english() -> English:
    ner = default_text_redactor().ner
    assert ner is not None
    return ner.english


# (word, known to English): regular inflections of lexicon words are known, with a doubled
# consonant too.
KNOWN = [
    ("stopped", True),
    ("running", True),
    ("shouted", True),
    ("kowalczyk", False),
]
# (word, a verb form): a comparative or an agent noun's ending on a verb's stem is none.
VERBS = [
    ("shouted", True),
    ("running", True),
    ("sager", False),
    ("miller", False),
]


@pytest.mark.parametrize(("word", "known"), KNOWN)
def test_known_words(word: str, known: bool) -> None:
    assert _english().known(word) is known


@pytest.mark.parametrize(("word", "verb"), VERBS)
def test_verb_forms(word: str, verb: bool) -> None:
    assert _english().verb(word) is verb
