"""The one entity taxonomy of cuarec, and the mapping from every recognizer's labels onto it.

Recognizers speak many dialects: Presidio (``US_SSN``, ``DATE_TIME``), spaCy (``GPE``,
``NORP``), our own recognizers, and the labels of the evaluation sets. The policy decides by
*our* types only, so every label any recognizer can emit must map here; an unmapped label is
a bug (see :func:`canonical_entity`), never silently kept or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final


@dataclass(frozen=True, slots=True)
class EntityType:
    """One kind of personal (or sensitive) data.

    ``pattern`` marks types found by deterministic recognizers (checksums, fixed formats):
    for those the benchmarks demand that no value is ever rebuildable.
    """

    name: str
    description: str
    pattern: bool = False


_TYPES: Final = (
    EntityType("PERSON", "a person's name"),
    EntityType("EMAIL_ADDRESS", "an e-mail address", pattern=True),
    EntityType("PHONE_NUMBER", "a telephone number", pattern=True),
    EntityType("CREDIT_CARD", "a payment card number (Luhn-checked)", pattern=True),
    EntityType("IBAN_CODE", "an IBAN (mod-97 checked)", pattern=True),
    EntityType("NATIONAL_ID", "an SSN-style national or tax identifier", pattern=True),
    EntityType("IP_ADDRESS", "an IPv4 or IPv6 address", pattern=True),
    EntityType("MAC_ADDRESS", "a network hardware address", pattern=True),
    EntityType("URL_CREDENTIAL", "credentials or tokens inside a URL", pattern=True),
    EntityType("SECRET", "an API key, access token, private key or other secret", pattern=True),
    EntityType("PASSWORD", "a password, passcode or PIN given in context", pattern=True),
    EntityType("STREET_ADDRESS", "a postal address or part of one"),
    EntityType("DATE_OF_BIRTH", "a date given as a date of birth", pattern=True),
    EntityType("DATE", "a full calendar date or timestamp"),
    EntityType("AGE", "a person's age"),
    EntityType("LOCATION", "a place: city, region, country, facility"),
    EntityType("ORGANIZATION", "a company or other organisation"),
    EntityType("NRP", "a nationality, religious or political group"),
    EntityType("DRIVER_LICENSE", "a driving licence number", pattern=True),
    EntityType("PASSPORT", "a passport number", pattern=True),
    EntityType("LICENSE_PLATE", "a vehicle's registration plate", pattern=True),
    EntityType("BANK_ACCOUNT", "a bank account number", pattern=True),
    EntityType("CRYPTO_WALLET", "a cryptocurrency wallet address", pattern=True),
    EntityType("MEDICAL_ID", "a medical licence or health-service number", pattern=True),
    EntityType("USERNAME", "a login, account name or social handle (@name)"),
    EntityType("ACCOUNT_ID", "a customer, account or record identifier"),
    EntityType("REPOSITORY", "a source repository slug (owner/name)"),
    EntityType("CHANNEL", "a chat channel name (#name)"),
    EntityType("HOSTNAME", "a machine's host name"),
    EntityType("FILE_PATH", "a path that names a person (home folder)"),
    EntityType("URL", "a web address"),
    EntityType("FACE", "a person's face in a screenshot (found by image, not text)"),
    EntityType("IDENTITY", "a value from the volunteer's identity list or the episode deny-list"),
)

#: Every entity type by name.
ENTITY_TYPES: Final = MappingProxyType({t.name: t for t in _TYPES})

#: Labels of other vocabularies (Presidio, spaCy, evaluation sets) -> our entity type.
#: Our own names map to themselves.
LABEL_MAP: Final = MappingProxyType(
    {
        **{name: name for name in ENTITY_TYPES},
        # Presidio's predefined recognizers
        "US_SSN": "NATIONAL_ID",
        "US_ITIN": "NATIONAL_ID",
        "UK_NINO": "NATIONAL_ID",
        "CA_SIN": "NATIONAL_ID",
        "SSN": "NATIONAL_ID",
        "US_DRIVER_LICENSE": "DRIVER_LICENSE",
        "US_PASSPORT": "PASSPORT",
        "US_BANK_NUMBER": "BANK_ACCOUNT",
        "UK_NHS": "MEDICAL_ID",
        "MEDICAL_LICENSE": "MEDICAL_ID",
        "CRYPTO": "CRYPTO_WALLET",
        "ES_NIF": "NATIONAL_ID",
        "ES_NIE": "NATIONAL_ID",
        "IT_FISCAL_CODE": "NATIONAL_ID",
        "IT_IDENTITY_CARD": "NATIONAL_ID",
        "IT_DRIVER_LICENSE": "DRIVER_LICENSE",
        "IT_PASSPORT": "PASSPORT",
        "IT_VAT_CODE": "ACCOUNT_ID",
        "PL_PESEL": "NATIONAL_ID",
        "FI_PERSONAL_IDENTITY_CODE": "NATIONAL_ID",
        "UK_PASSPORT": "PASSPORT",
        # Presidio's country recognizers that policies enable (re-created for their language)
        "DE_TAX_ID": "NATIONAL_ID",
        "DE_ID_CARD": "NATIONAL_ID",
        "DE_PASSPORT": "PASSPORT",
        "AU_TFN": "NATIONAL_ID",
        "IN_AADHAAR": "NATIONAL_ID",
        "IN_PAN": "NATIONAL_ID",
        "SE_PERSONNUMMER": "NATIONAL_ID",
        "UK_DRIVING_LICENCE": "DRIVER_LICENSE",
        "UK_VEHICLE_REGISTRATION": "LICENSE_PLATE",
        "DE_KFZ": "LICENSE_PLATE",
        "DATE_TIME": "DATE",
        "IBAN": "IBAN_CODE",
        "EMAIL": "EMAIL_ADDRESS",
        "PHONE": "PHONE_NUMBER",
        # spaCy's OntoNotes labels (as Presidio's default NER mapping passes them on)
        "PER": "PERSON",
        "GPE": "LOCATION",
        "LOC": "LOCATION",
        "FAC": "LOCATION",
        "NORP": "NRP",
        "ORG": "ORGANIZATION",
        "TIME": "DATE",
        # evaluation sets (presidio-research, ScreenLeak)
        "ADDRESS": "STREET_ADDRESS",
        "ZIP_CODE": "STREET_ADDRESS",
        "DOMAIN_NAME": "URL",
        "private_person": "PERSON",
        "private_email": "EMAIL_ADDRESS",
        "private_phone": "PHONE_NUMBER",
        "private_address": "STREET_ADDRESS",
        "private_url": "URL",
        "private_date": "DATE",
        "account_number": "BANK_ACCOUNT",
        "private_company": "ORGANIZATION",
        "private_repo": "REPOSITORY",
        "private_handle": "USERNAME",
        "private_channel": "CHANNEL",
        "private_id": "ACCOUNT_ID",
        "secret": "SECRET",
    }
)


class UnknownEntityError(ValueError):
    """A label that maps to no entity type (a programming error, not bad user input)."""


def canonical_entity(label: str) -> str:
    """Our entity type for ``label`` from any vocabulary; raises for an unmapped label."""
    try:
        return LABEL_MAP[label]
    except KeyError:
        # A label is a fixed vocabulary word, never recorded data, so naming it is safe.
        raise UnknownEntityError(f"no entity type for label {label!r}") from None


def is_entity_type(name: str) -> bool:
    """True when ``name`` is one of our entity types (not merely a mappable label)."""
    return name in ENTITY_TYPES


def pattern_entity_types() -> frozenset[str]:
    """The types found by deterministic recognizers (the "pattern entities" of the benchmarks)."""
    return frozenset(t.name for t in _TYPES if t.pattern)
