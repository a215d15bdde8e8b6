"""Dates of birth: by label, column or cue in seven languages, and plausible birth dates in a
name's row; other dates are not."""

from __future__ import annotations

import pytest

from redaction.rules.birth_dates import BirthDateRecognizer
from tests.redaction.rules.support import table_tests


def found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in BirthDateRecognizer().find(text) if s.score >= 0.5]


FAMILY_TRUE_CASES = [
    ("Date of birth: 12/03/1985", "12/03/1985"),
    ("DOB 3/4/85", "3/4/85"),
    ("D.O.B.: 1985-03-12", "1985-03-12"),
    ("born March 5, 1990 in Leeds", "March 5, 1990"),
    ("Birthday: Sept. 3rd, 1979", "Sept. 3rd, 1979"),
    ("Geburtsdatum: 12. März 1985", "12. März 1985"),
    ("geboren am 12.03.1985", "12.03.1985"),
    ("née le 3 mars 1985 à Lyon", "3 mars 1985"),
    ("Date de naissance : 03/03/1985", "03/03/1985"),
    ("Fecha de nacimiento\n12/03/1985", "12/03/1985"),
    ("nato il 5 marzo 1990", "5 marzo 1990"),
    ("data de nascimento: 5 de março de 1990", "5 de março de 1990"),
    ("Geboortedatum: 05-03-1990", "05-03-1990"),
    ("Name\tDOB\tCity\nJane Smith\t1985-03-12\tLeeds", "1985-03-12"),
    ("Name | Date of birth\nAda Lee | 12.03.1985", "12.03.1985"),
    ("Maria Keller, 12.03.1985, Berlin", "12.03.1985"),
    ("Jan de Vries\t04/11/1972\tUtrecht", "04/11/1972"),
]

FAMILY_FALSE_CASES = [
    "Maria Keller joined 12.03.2015",
    "Maria Keller issued 12.03.1985",
    "Invoice 2024-03-01 for Maria Keller",
    "Name\tHired\nMaria Keller\t12.03.1985",
    "Meeting on 12/03/1985",
    "Expiry date: 12/03/2028",
    "Release 1.2.1985 notes",
    "The report of 12 March 1985 was filed.",
    "Will May 12/03/1985",
    "Due 12/03/1985 for Maria Keller",
    "Order date: 12/03/1985",
    "Version 2024.03.01",
    "12/03/2099 Maria Keller",
    "2023-01-05 Maria Keller logged in",
    "Maria Keller 1985-03-12 10:22 login",
]


@pytest.mark.parametrize(("text", "value"), FAMILY_TRUE_CASES)
def test_dates_of_birth(text: str, value: str) -> None:
    assert value in found(text), found(text)


@pytest.mark.parametrize("text", FAMILY_FALSE_CASES)
def test_other_dates_are_not(text: str) -> None:
    assert found(text) == []


def test_a_label_scores_higher_than_a_row_with_a_name() -> None:
    labelled = list(BirthDateRecognizer().find("DOB: 12.03.1985"))
    row = list(BirthDateRecognizer().find("Maria Keller, 12.03.1985"))
    assert labelled and row and labelled[0].score > row[0].score


# The registry's table for this family (tests/redaction/rules/test_registry.py): (rule, text,
# value found) and (rule, text with nothing found at the default threshold).
TRUE_CASES = [
    ("birth_date", "Geburtsdatum: 12. März 1985", "12. März 1985"),
    ("birth_date", "Name\tDOB\nJane Smith\t1985-03-12", "1985-03-12"),
]
FALSE_CASES = [
    ("birth_date", "Invoice 2024-03-01 for Maria Keller"),
    ("birth_date", "Expiry date: 12/03/2028"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)
