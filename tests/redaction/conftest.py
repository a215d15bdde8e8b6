"""Shared engines for the text-redaction tests: built once per test session."""

from __future__ import annotations

import pytest

from redaction.policy import Policy, load_policy
from redaction.text import TextRedactor
from tests.redaction.rules.support import default_text_redactor


@pytest.fixture(scope="session")
def default_policy() -> Policy:
    return load_policy("default")


@pytest.fixture(scope="session")
def text_redactor(default_policy: Policy) -> TextRedactor:
    """The default policy with its spaCy model (loaded once, about a second)."""
    return default_text_redactor()


@pytest.fixture(scope="session")
def strict_redactor(text_redactor: TextRedactor) -> TextRedactor:
    """The strict policy sharing the default redactor's NER engine (same model)."""
    return TextRedactor(load_policy("strict"), text_redactor.ner)
