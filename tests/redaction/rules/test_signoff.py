"""Names alone after a sign-off: a table of names that must be found and of signature lines
that must not."""

from __future__ import annotations

import pytest

from redaction.rules.signoff import SignoffNameRecognizer
from tests.redaction.rules.support import table_tests


def found(text: str) -> set[str]:
    return {text[s.start : s.end] for s in SignoffNameRecognizer().find(text)}


FAMILY_TRUE_CASES = [
    ("Thanks for the files.\n\nBest regards,\nMikko", "Mikko"),
    ("See you.\nViele Grüße\nANNA SCHMIDT", "ANNA SCHMIDT"),
    ("merci !\n\nCordialement,\nlouise", "louise"),
    ("Un saludo,\n\nJosé María Pérez", "José María Pérez"),
    ("Pozdrawiam,\nŁukasz\n+48 601 234 567", "Łukasz"),
    ("Med vänliga hälsningar\nKarl-Johan Öberg", "Karl-Johan Öberg"),
    ("cheers\nO'Neill", "O'Neill"),
    ("Saygılarımla,\nAyşe Yılmaz", "Ayşe Yılmaz"),  # noqa: RUF001 - Turkish dotless i
]
FAMILY_FALSE_CASES = [
    "Kind regards,\nThe Support Team",
    "Best regards,\nHR department",
    "Thanks,\nSent from my iPhone",
    "Best regards,\nthe documents are attached and the meeting is at noon",
    "best of luck with the release\nMikko",
    "Regards,\n\n\n\nMikko",
    "Cordialement,\nL'équipe facturation",
    "Thanks for 2 things\nAnna",
    "Mikko\n+358 40 123 4567",
]


@pytest.mark.parametrize(("text", "name"), FAMILY_TRUE_CASES)
def test_signoff_name_found(text: str, name: str) -> None:
    assert found(text) == {name}


@pytest.mark.parametrize("text", FAMILY_FALSE_CASES)
def test_signoff_look_alikes(text: str) -> None:
    assert found(text) == set()


# The registry's table for this family (tests/redaction/rules/test_registry.py): (rule, text,
# value found) and (rule, text with nothing found at the default threshold).
TRUE_CASES = [
    ("signoff_name", "Thanks!\n\nBest regards,\nMikko", "Mikko"),
]
FALSE_CASES = [
    ("signoff_name", "Kind regards,\nThe Support Team"),
    ("signoff_name", "Viele Grüße\nIhr Empfang"),  # a possessive opens a group's signature
    ("signoff_name", "Thanks,\nOps"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)
