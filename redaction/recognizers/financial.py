"""Payment cards (Luhn-checked), IBANs (mod-97-checked) and bank account numbers in context."""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.knowledge.identifiers import is_product_code
from redaction.models import Span
from redaction.recognizers.base import (
    Recognizer,
    context,
    digits_of,
    luhn_valid,
    register,
    words_regex,
)

_CARD_CONTEXT = words_regex(
    [
        "card",
        "cc",
        "credit",
        "debit",
        "visa",
        "mastercard",
        "amex",
        "american express",
        "maestro",
        "discover",
        "jcb",
        "diners",
        "unionpay",
        "payment",
        "pan",
        "card no",
        "card number",
        "kreditkarte",
        "carte",
        "tarjeta",
    ]
)

# 12-19 digits, either unbroken or in groups of 4 (or the Amex 4-6-5 layout) with one kind of
# separator. ``(?<![\d.,-])`` keeps decimals and longer digit runs from matching in part.
_CARD = re.compile(
    r"(?<![\w.,-])(?:"
    r"\d{12,19}"
    r"|\d{4}([ \t-])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?"
    r"|\d{4}([ \t-])\d{6}\2\d{4,5}"
    r")(?![\w-]|[.,]\d)"
)


@register
class CreditCardRecognizer(Recognizer):
    """Payment card numbers of 12-19 digits that pass the Luhn check.

    Any leading digit from 2 to 6 (the major networks) scores high on its own; other numbers
    and 12-digit ones (Maestro) need a card word nearby, since one random number in ten passes
    the Luhn check.
    """

    name = "credit_card"
    entity_types = frozenset({"CREDIT_CARD"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _CARD.finditer(text):
            number = digits_of(match.group())
            if not 12 <= len(number) <= 19 or not luhn_valid(number):
                continue
            if len(set(number)) == 1:  # 0000..., 9999...: placeholders, not cards
                continue
            if is_product_code(text, *match.span()):  # a barcode or an ISBN: not personal
                continue
            near_card_word = context(text, *match.span()).has(_CARD_CONTEXT)
            if len(number) >= 13 and number[0] in "23456":
                score = 0.95 if near_card_word else 0.8
            else:
                score = 0.85 if near_card_word else 0.3
            yield self.span(match.start(), match.end(), "CREDIT_CARD", score)


# Lengths by country (ISO 13616 registry); a length check before mod-97 removes most noise.
_IBAN_LENGTHS = {
    "AD": 24,
    "AE": 23,
    "AL": 28,
    "AT": 20,
    "AZ": 28,
    "BA": 20,
    "BE": 16,
    "BG": 22,
    "BH": 22,
    "BI": 27,
    "BR": 29,
    "BY": 28,
    "CH": 21,
    "CR": 22,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DJ": 27,
    "DK": 18,
    "DO": 28,
    "EE": 20,
    "EG": 29,
    "ES": 24,
    "FI": 18,
    "FK": 18,
    "FO": 18,
    "FR": 27,
    "GB": 22,
    "GE": 22,
    "GI": 23,
    "GL": 18,
    "GR": 27,
    "GT": 28,
    "HN": 28,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IL": 23,
    "IQ": 23,
    "IS": 26,
    "IT": 27,
    "JO": 30,
    "KW": 30,
    "KZ": 20,
    "LB": 28,
    "LC": 32,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "LY": 25,
    "MC": 27,
    "MD": 24,
    "ME": 22,
    "MK": 19,
    "MN": 20,
    "MR": 27,
    "MT": 31,
    "MU": 30,
    "NI": 28,
    "NL": 18,
    "NO": 15,
    "OM": 23,
    "PK": 24,
    "PL": 28,
    "PS": 29,
    "PT": 25,
    "QA": 29,
    "RO": 24,
    "RS": 22,
    "RU": 33,
    "SA": 24,
    "SC": 31,
    "SD": 18,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "SO": 23,
    "ST": 25,
    "SV": 28,
    "TL": 23,
    "TN": 24,
    "TR": 26,
    "UA": 29,
    "VA": 22,
    "VG": 24,
    "XK": 20,
    "YE": 30,
}

# Country code, check digits, then 11-30 alphanumerics, optionally in groups of four separated
# by single spaces (as printed). Case-insensitive: people type IBANs in lowercase too.
_IBAN = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{2}\d{2}(?:[ \t]?[A-Za-z0-9]{4}){2,7}(?:[ \t]?[A-Za-z0-9]{1,3})?)"
    r"(?![A-Za-z0-9])"
)


def iban_valid(candidate: str) -> bool:
    """True when ``candidate`` (spaces allowed, any case) is a well-formed IBAN."""
    iban = re.sub(r"[ \t]", "", candidate).upper()
    expected = _IBAN_LENGTHS.get(iban[:2])
    if expected is None or len(iban) != expected or not iban[2:4].isdigit():
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


@register
class IbanRecognizer(Recognizer):
    """IBANs of any registered country, by length and the mod-97 check."""

    name = "iban"
    entity_types = frozenset({"IBAN_CODE"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _IBAN.finditer(text):
            value = match.group(1)
            # Try the whole match, then shorter prefixes (a word may follow after a space).
            parts = re.split(r"([ \t])", value)
            for cut in range(len(parts), 0, -2):
                candidate = "".join(parts[:cut])
                if iban_valid(candidate):
                    start = match.start(1)
                    yield self.span(start, start + len(candidate), "IBAN_CODE", 1.0)
                    break
