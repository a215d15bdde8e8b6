"""The label lexicon: a table of labels and what they say, and labels that say nothing."""

from __future__ import annotations

import tomllib

import pytest

from redaction.entities import ENTITY_TYPES
from redaction.knowledge.labels import (
    LANGUAGES,
    cue_regex,
    governing_label,
    label_lexicon,
    load_lexicon,
    normalise_label,
    read_label,
    value_fits,
)

SAYS = [
    # (label, entity type, concept)
    ("Surname", "PERSON", "family_name"),
    ("Enter your e-mail", "EMAIL_ADDRESS", "email"),
    ("numéro de passeport", "PASSPORT", "passport"),
    ("Name:", "PERSON", "full_name"),
    ("Customer name", "PERSON", "full_name"),
    ("Nombre", "PERSON", "full_name"),
    ("Nachname:", "PERSON", "family_name"),
    ("Nom de famille *", "PERSON", "family_name"),
    ("Apellidos", "PERSON", "family_name"),
    ("Cognome", "PERSON", "family_name"),
    ("Sobrenome", "PERSON", "family_name"),
    ("Achternaam", "PERSON", "family_name"),
    ("First Name *", "PERSON", "given_name"),
    ("firstName", "PERSON", "given_name"),
    ("first_name", "PERSON", "given_name"),
    ("Your first name", "PERSON", "given_name"),
    ("first name (optional)", "PERSON", "given_name"),
    ("Prénom", "PERSON", "given_name"),
    ("PRENOM", "PERSON", "given_name"),
    ("Vorname", "PERSON", "given_name"),
    ("Voornaam", "PERSON", "given_name"),
    ("Display name", "PERSON", "full_name"),
    ("Cardholder name", "PERSON", "full_name"),
    ("Karteninhaber", "PERSON", "full_name"),
    ("Assignee", "PERSON", "person_role"),
    ("Attendees", "PERSON", "person_role"),
    ("Passenger", "PERSON", "person_role"),
    ("E-Mail", "EMAIL_ADDRESS", "email"),
    ("Email address:", "EMAIL_ADDRESS", "email"),
    ("Courriel", "EMAIL_ADDRESS", "email"),
    ("Correo electrónico", "EMAIL_ADDRESS", "email"),
    ("Customer e-mail", "EMAIL_ADDRESS", "email"),
    ("Telephone Number", "PHONE_NUMBER", "phone"),
    ("Tel.", "PHONE_NUMBER", "phone"),
    ("Handynummer", "PHONE_NUMBER", "phone"),
    ("Telemóvel", "PHONE_NUMBER", "phone"),
    ("Address line 1", "STREET_ADDRESS", "address"),
    ("Anschrift", "STREET_ADDRESS", "address"),
    ("Postcode", "STREET_ADDRESS", "postcode"),
    ("ZIP", "STREET_ADDRESS", "postcode"),
    ("PLZ", "STREET_ADDRESS", "postcode"),
    ("Code postal", "STREET_ADDRESS", "postcode"),
    ("City", "LOCATION", "city"),
    ("Woonplaats", "LOCATION", "city"),
    ("Date of Birth", "DATE_OF_BIRTH", "date_of_birth"),
    ("DOB:", "DATE_OF_BIRTH", "date_of_birth"),
    ("D.O.B.", "DATE_OF_BIRTH", "date_of_birth"),
    ("Geburtsdatum", "DATE_OF_BIRTH", "date_of_birth"),
    ("Date de naissance", "DATE_OF_BIRTH", "date_of_birth"),
    ("Fecha de nacimiento", "DATE_OF_BIRTH", "date_of_birth"),
    ("Data di nascita", "DATE_OF_BIRTH", "date_of_birth"),
    ("Data de nascimento", "DATE_OF_BIRTH", "date_of_birth"),
    ("Geboortedatum", "DATE_OF_BIRTH", "date_of_birth"),
    ("SSN", "NATIONAL_ID", "national_id"),
    ("Social Security Number", "NATIONAL_ID", "national_id"),
    ("Steuer-IdNr.", "NATIONAL_ID", "national_id"),
    ("Numéro de sécurité sociale", "NATIONAL_ID", "national_id"),
    ("Codice Fiscale", "NATIONAL_ID", "national_id"),
    ("BSN", "NATIONAL_ID", "national_id"),
    ("Burgerservicenummer", "NATIONAL_ID", "national_id"),
    ("CPF", "NATIONAL_ID", "national_id"),
    ("Personalausweisnummer", "NATIONAL_ID", "id_card"),
    ("Passport No.", "PASSPORT", "passport"),
    ("N° de passeport", "PASSPORT", "passport"),
    ("Número de pasaporte", "PASSPORT", "passport"),
    ("Driver's license #", "DRIVER_LICENSE", "driving_licence"),
    ("Führerscheinnummer", "DRIVER_LICENSE", "driving_licence"),
    ("Rijbewijs", "DRIVER_LICENSE", "driving_licence"),
    ("Kennzeichen", "LICENSE_PLATE", "licence_plate"),
    ("Licence plate", "LICENSE_PLATE", "licence_plate"),
    ("Sort code", "BANK_ACCOUNT", "bank_account"),
    ("Routing number", "BANK_ACCOUNT", "bank_account"),
    ("Kontonummer", "BANK_ACCOUNT", "bank_account"),
    ("IBAN", "IBAN_CODE", "iban"),
    ("Card number", "CREDIT_CARD", "card_number"),
    ("CVV", "CREDIT_CARD", "card_code"),
    ("Expiry date", "CREDIT_CARD", "card_expiry"),
    ("Username", "USERNAME", "username"),
    ("Benutzername", "USERNAME", "username"),
    ("Nom d'utilisateur", "USERNAME", "username"),
    ("Password *", "PASSWORD", "password"),
    ("Mot de passe", "PASSWORD", "password"),
    ("Contraseña:", "PASSWORD", "password"),
    ("Wachtwoord", "PASSWORD", "password"),
    ("PIN", "PASSWORD", "password"),
    ("API key", "SECRET", "secret"),
    ("Client secret", "SECRET", "secret"),
    ("MRN", "MEDICAL_ID", "medical_record"),
    ("NHS number", "MEDICAL_ID", "medical_record"),
    ("Tessera sanitaria", "MEDICAL_ID", "medical_record"),
    ("Student ID", "ACCOUNT_ID", "student_number"),
    ("Matrikelnummer", "ACCOUNT_ID", "student_number"),
    ("Kundennummer", "ACCOUNT_ID", "customer_number"),
]

OCR_SLIPS = [
    ("Sumame", "family_name"),  # rn read as m
    ("Passw0rd", "password"),  # o read as 0
    ("Emall address", "email"),  # i read as l
    ("Tele phone", "phone"),  # a space too many
    ("Geburtsdatun", "date_of_birth"),  # one letter wrong in a long word
    ("Frist name", "given_name"),  # two letters swapped in a long label
    ("Nationa1 insurance number", "national_id"),
    ("Passport numbr", "passport"),
    ("Date of Brith", "date_of_birth"),
    ("Usemame", "username"),
    ("Pasword", "password"),  # a letter lost in a short word
    ("Emails", "email"),
]

SAYS_NOTHING = [
    "Description",
    "Total",
    "Settings",
    "Column",
    "Subject",
    "Status",
    "Amount",
    "Date",
    "Price",
    "Quantity",
    "date de début",
    "Last modified",
    "Size",
    "Type",
    "File",
    "Title",
    "Comments",
    "Category",
    "Language",
    "Created",
    "Version",
    "Click here to continue with the rest of the form please now",
    "D",  # a spreadsheet's column letter, not an OCR slip of "ci" (an ID card)
    # "Name" inside a longer label names a thing; a person's compounds are listed.
    "Project name",
    "File name",
    "Nombre del producto",
    # One changed letter in a short word is another word, not an OCR slip.
    "passed",
    "Passed",
    "Plane",
    "Posted",
    "",
    "   ",
]


@pytest.mark.parametrize(("label", "entity", "concept"), SAYS)
def test_label_says(label: str, entity: str, concept: str) -> None:
    reading = read_label(label)
    assert reading is not None, label
    assert (reading.entity_type, reading.concept) == (entity, concept), label
    assert 0 < reading.score <= 1


@pytest.mark.parametrize(("label", "concept"), OCR_SLIPS)
def test_ocr_slips_still_read_with_a_lower_score(label: str, concept: str) -> None:
    reading = read_label(label)
    assert reading is not None and reading.concept == concept, label
    assert reading.method in ("ocr", "fuzzy", "exact")
    exact = read_label(reading.wording)
    assert exact is not None and reading.score <= exact.score


@pytest.mark.parametrize("label", SAYS_NOTHING)
def test_label_says_nothing(label: str) -> None:
    assert read_label(label) is None


def test_weak_wordings_score_lower_than_specific_ones() -> None:
    weak, strong = read_label("ID:"), read_label("ID card number")
    assert weak is not None and strong is not None
    assert weak.entity_type == strong.entity_type == "NATIONAL_ID"
    assert weak.score < 0.6 < strong.score
    surname = read_label("Surname")
    assert surname is not None
    for role in ("Owner", "Account", "From"):
        weak_role = read_label(role)
        assert weak_role is not None and weak_role.score < 0.6 < surname.score, role


def test_a_label_among_other_words_scores_below_the_label_alone() -> None:
    alone, among = read_label("e-mail"), read_label("Customer e-mail")
    assert alone is not None and among is not None
    assert among.method == "partial" and among.score < alone.score


def test_normalisation() -> None:
    assert normalise_label("N° de Passeport *") == "n de passeport"
    assert normalise_label("firstName:") == "first name"
    assert normalise_label("Ärztin") == "arztin"
    assert normalise_label("Driver's  licence") == "drivers licence"


def test_every_concept_is_written_in_every_language_with_a_known_entity() -> None:
    lexicon = label_lexicon()
    assert len(lexicon.concepts) >= 25
    for concept in lexicon.concepts:
        assert concept.entity_type in ENTITY_TYPES
        for language in LANGUAGES:
            assert concept.wordings[language], (concept.id, language)


def test_lexicon_is_loaded_once() -> None:
    assert label_lexicon() is label_lexicon()


def test_a_bad_lexicon_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown entity"):
        load_lexicon({"concept": [{"id": "x", "entity": "NOPE", **{k: ["x"] for k in LANGUAGES}}]})
    with pytest.raises(ValueError, match="lacks"):
        load_lexicon(tomllib.loads('[[concept]]\nid = "x"\nentity = "PERSON"\nen = ["x"]\n'))


def test_cue_regex_finds_wordings_in_text_without_accents_or_case() -> None:
    pattern = cue_regex(entity_types=["DATE_OF_BIRTH"])
    for text in (
        "Date of birth: 1990",
        "DATE DE NAISSANCE 1990",
        "geb. 1990",
        "Fecha de nacimiento",
    ):
        assert pattern.search(text), text
    for text in ("rebirth of the city", "update of the birthplace"):
        assert not pattern.search(text), text


GOVERNED = [
    # (text, value, concept, where)
    ("Steuer-IdNr.: 36 574 261 809", "36 574 261 809", "national_id", "inline"),
    ("Passport number is C01X00T47", "C01X00T47", "passport", "inline"),
    ("Reisepass\nC01X00T47", "C01X00T47", "passport", "above"),
    ("Name\tBSN\tCity\nJan Jansen\t111222333\tUtrecht", "111222333", "national_id", "column"),
    ("Name | Date of birth\nAda Lee | 12.03.1985", "12.03.1985", "date_of_birth", "column"),
    ("The BSN of Jan is 111222333 ok", "111222333", "national_id", "near"),
    ("E-Mail:\tjan@example.org", "jan@example.org", "email", "inline"),
]
NOT_GOVERNED = [
    ("Order 111222333 shipped", "111222333"),
    ("ABC12345", "12345"),
    ("Total\n111222333", "111222333"),
    ("Name\tAmount\nJan Jansen\t111222333", "111222333"),
]


@pytest.mark.parametrize(("text", "value", "concept", "where"), GOVERNED)
def test_governing_label(text: str, value: str, concept: str, where: str) -> None:
    start = text.index(value)
    label = governing_label(text, start, start + len(value))
    assert label is not None and (label.reading.concept, label.where) == (concept, where)


@pytest.mark.parametrize(("text", "value"), NOT_GOVERNED)
def test_no_governing_label(text: str, value: str) -> None:
    start = text.index(value)
    assert governing_label(text, start, start + len(value)) is None


VALUE_CASES = [
    ("PERSON", "Anna Berg", True),
    ("PERSON", "3", False),
    ("PERSON", "R2-D2 unit", False),
    ("PHONE_NUMBER", "+358 40 123 4567", True),
    ("PHONE_NUMBER", "later", False),
    ("EMAIL_ADDRESS", "ana@example.org", True),
    ("EMAIL_ADDRESS", "see my profile page", False),
    ("ACCOUNT_ID", "C-20931", True),
    ("ACCOUNT_ID", "Business", False),
    ("STREET_ADDRESS", "Main Street", True),  # a type without a shape takes any value
]


@pytest.mark.parametrize(("entity_type", "value", "fits"), VALUE_CASES)
def test_a_value_fits_its_field_type(entity_type: str, value: str, fits: bool) -> None:
    assert value_fits(entity_type, value) == fits
