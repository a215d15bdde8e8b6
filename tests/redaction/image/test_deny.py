"""Deny-list values on screen: exact, inside glued words, across words, fuzzy, typed prefixes."""

from __future__ import annotations

import pytest

from redaction.image.deny import DenyMatcher, normalise
from redaction.image.layout import analyse_layout
from tests.redaction.image.support import line


def _found(values: list[tuple[str, str]], *texts: str, **options: object) -> list[str]:
    layout = analyse_layout([line(t, 10, 10 + 40 * i) for i, t in enumerate(texts)])
    matcher = DenyMatcher(values, **options)  # type: ignore[arg-type]
    return [" ".join(layout.word(r).text for r in f.refs) for f in matcher.find(layout)]


def test_normalise_ignores_case_punctuation_and_spacing() -> None:
    assert normalise("Jane.Doe@Example.ORG") == normalise("jane doe@example org")


@pytest.mark.parametrize(
    ("screen_text", "expected"),
    [
        ("Signed in as Jane Doe today", "Jane Doe"),  # across two words
        ("Email:jane.doe@example.org", "Email:jane.doe@example.org"),  # glued to a label
        ("Contact Jnne Doe now", "Jnne Doe"),  # one OCR slip
        ("jane.d|", "jane.d|"),  # being typed, caret after it
    ],
)
def test_values_are_found(screen_text: str, expected: str) -> None:
    values = [("Jane Doe", "PERSON"), ("jane.doe@example.org", "EMAIL_ADDRESS")]
    assert expected in _found(values, screen_text)


def test_prefixes_shorter_than_four_characters_do_not_count() -> None:
    assert _found([("jane.doe@example.org", "EMAIL_ADDRESS")], "the jan meeting") == []


def test_short_values_match_whole_words_only() -> None:
    found = _found([("ed", "PERSON")], "edited by ed yesterday")
    assert found == ["ed"]


def test_whole_word_mode_wants_a_capital() -> None:
    found = _found([("will", "PERSON")], "Will said he will come", whole_words=True, prefixes=False)
    assert found == ["Will"]


def test_a_name_part_does_not_match_the_start_of_a_longer_word() -> None:
    found = _found([("ann", "PERSON")], "Annual report by Ann", whole_words=True, prefixes=False)
    assert found == ["Ann"]


def test_unrelated_words_do_not_match() -> None:
    assert _found([("Jane Doe", "PERSON")], "Quarterly budget review", "Deploy to staging") == []
