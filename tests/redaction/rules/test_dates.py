"""True and false cases of the rules in ``redaction/rules/dates.py`` (no NER involved).

Dates and dates of birth.
"""

from __future__ import annotations

import pytest

from tests.redaction.rules.support import found, threshold_for

# (rule, text, the value it must find)
TRUE_CASES = [
    ("date", "She was born on 2/8/1935.", "2/8/1935"),
    ("date", "DOB: March 5", "March 5"),
    ("date", "When: 2000-04-16 11:34:35", "2000-04-16 11:34:35"),
]

# (rule, text): nothing at or above the default threshold.
FALSE_CASES = [
    ("date", "The meeting is on Tuesday."),
    ("date", "It was founded in 1977."),
    ("date", "born to run"),
]


@pytest.mark.parametrize(("name", "text", "value"), TRUE_CASES)
def test_true_cases(name: str, text: str, value: str) -> None:
    assert value in found(name, text, threshold_for(name))


@pytest.mark.parametrize(("name", "text"), FALSE_CASES)
def test_false_cases(name: str, text: str) -> None:
    assert found(name, text) == []
