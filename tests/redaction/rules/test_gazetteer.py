"""The name gazetteer: which locales it reads (the held-out rule), what it knows, and how much
a name alone is worth."""

from __future__ import annotations

import subprocess
import sys

import pytest

from redaction.knowledge.gazetteer import (
    HELD_OUT_LOCALES,
    LOCALES,
    Gazetteer,
    gazetteer,
    normalise_name,
)

ALLOWED = {
    "en_US", "en_GB", "en_IE", "de_DE", "de_AT", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR",
    "pt_PT", "nl_NL", "pl_PL", "sv_SE", "ja_JP",
}  # fmt: skip
RESERVED = {
    "fi_FI", "tr_TR", "hu_HU", "cs_CZ", "ro_RO", "da_DK", "en_IN", "id_ID", "vi_VN", "sk_SK",
    "hr_HR", "sl_SI", "lt_LT", "lv_LV", "et_EE", "en_NZ", "en_AU",
}  # fmt: skip
ENGLISH_WORDS = frozenset({"will", "may", "grant", "rose", "mark", "bill", "june", "table"})


def test_loads_exactly_the_allowed_locales_and_none_reserved_for_held_out_names() -> None:
    assert set(LOCALES) == ALLOWED
    assert set(gazetteer().locales) == ALLOWED
    assert HELD_OUT_LOCALES == RESERVED
    assert not RESERVED & set(gazetteer().locales)


def test_a_reserved_locale_is_refused() -> None:
    with pytest.raises(ValueError, match="held-out"):
        Gazetteer(["en_US", "fi_FI"])


def test_building_it_imports_no_reserved_faker_locale() -> None:
    """In a fresh interpreter: after the gazetteer is built, Faker's person providers of the
    reserved locales were never imported."""
    code = (
        "import sys\n"
        "from redaction.knowledge.gazetteer import gazetteer\n"
        "gazetteer()\n"
        "print(' '.join(m.rsplit('.', 1)[1] for m in sys.modules "
        "if m.startswith('faker.providers.person.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert not set(out) & RESERVED
    assert set(out) >= ALLOWED


KNOWN = [
    # (word, given name?, surname?)
    ("Maria", True, False),
    ("Lukas", True, None),
    ("Müller", None, True),
    ("MULLER", None, True),
    ("Smith", None, True),
    ("Nowak", None, True),
    ("Hiroshi", True, None),
    ("Sato", None, True),
    ("Zoë", True, None),
    ("O'Brien", None, True),
    ("García", None, True),
    ("Giuseppe", True, None),
]
UNKNOWN = [
    "table",
    "Oluwaseun",
    "Settings",
    "Firefox",
    "佐藤",
    "x",
    "",
    "Download",
    "Invoice",
    "42",
]


@pytest.mark.parametrize(("word", "given", "surname"), KNOWN)
def test_known_names(word: str, given: bool | None, surname: bool | None) -> None:
    entry = gazetteer().lookup(word)
    assert entry is not None, word
    if given is not None:
        assert entry.given is given
    if surname is not None:
        assert entry.surname is surname
    assert 0 <= entry.commonness <= 1
    assert word in gazetteer()


@pytest.mark.parametrize("word", UNKNOWN)
def test_unknown_words(word: str) -> None:
    assert gazetteer().lookup(word) is None
    assert gazetteer().name_evidence(word, ENGLISH_WORDS) == 0.0


@pytest.mark.parametrize("word", ["May", "Grant", "Rose", "Mark", "Bill", "June"])
def test_a_name_that_is_also_a_word_needs_more_evidence(word: str) -> None:
    g = gazetteer()
    assert g.lookup(word) is not None, word
    assert g.name_evidence(word, ENGLISH_WORDS) < 0.3
    assert g.name_evidence(word) >= 0.5  # without a dictionary it is just a name
    assert g.name_evidence(word, ENGLISH_WORDS) < g.name_evidence("Giuseppe", ENGLISH_WORDS)


def test_commonness_orders_names_by_frequency_where_faker_gives_it() -> None:
    g = gazetteer()
    common, rare = g.lookup("Smith"), g.lookup("Kowalski")
    assert common is not None and rare is not None
    assert common.commonness > rare.commonness


def test_normalisation_and_caching() -> None:
    assert normalise_name(" Zoë ") == "zoe"
    assert normalise_name("Straße") == "strasse"
    assert normalise_name("O\u2019Brien") == "o'brien"
    assert normalise_name("Müller") == "muller"
    assert normalise_name("O'Brien") == "o'brien"
    assert gazetteer() is gazetteer()
    assert len(gazetteer()) > 10_000
    assert all(name.name.isascii() or name.name.isalpha() for name in gazetteer().names())
