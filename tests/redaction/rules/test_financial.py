"""True and false cases of the rules in ``redaction/rules/financial.py`` (no NER involved).

Payment cards and bank accounts.
"""

from __future__ import annotations

from redaction.rules.financial import iban_valid
from tests.redaction.rules.support import table_tests

# (rule, text, the value it must find)
TRUE_CASES = [
    ("credit_card", "card 4853645434159861 expired", "4853645434159861"),
    ("credit_card", "Visa 4111-1111-1111-1111.", "4111-1111-1111-1111"),
    ("credit_card", "amex 3782 822463 10005", "3782 822463 10005"),
    ("credit_card", "maestro card 630427373398", "630427373398"),
    ("credit_card", "6011000990139424", "6011000990139424"),
    ("iban", "My IBAN is GB59NAWV77136867049356", "GB59NAWV77136867049356"),
    ("iban", "iban de89 3704 0044 0532 0130 00 please", "de89 3704 0044 0532 0130 00"),
]

# (rule, text): nothing at or above the default threshold.
FALSE_CASES = [
    ("credit_card", "order 4853645434159862"),  # Luhn fails
    ("credit_card", "id 1234567890123"),
    ("credit_card", "0000 0000 0000 0000"),
    ("iban", "GB59NAWV77136867049357"),  # mod-97 fails
    ("iban", "XX12 3456 7890"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)


def test_iban_checksum() -> None:
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert not iban_valid("GB82 WEST 1234 5698 7654 33")
