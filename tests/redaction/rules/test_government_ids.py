"""True and false cases of the rules in ``redaction/rules/government_ids.py`` (no NER involved).

National and labelled identifiers.
"""

from __future__ import annotations

from tests.redaction.rules.support import table_tests

# (rule, text, the value it must find)
TRUE_CASES = [
    ("ssn", "Here's my SSN: 849-66-3189", "849-66-3189"),
    ("ssn", "social security number 078051120", "078051120"),
    ("labelled_id", "My driver's license number is F162823540116", "F162823540116"),
    ("labelled_id", "passport no: X1234567", "X1234567"),
    ("labelled_id", "account 12345678", "12345678"),
    ("labelled_id", "customer id 9921-33", "9921-33"),
]

# (rule, text): nothing at or above the default threshold.
FALSE_CASES = [
    ("ssn", "part 000-12-3456"),
    ("ssn", "room 666-12-3456"),
    ("labelled_id", "license: MIT"),
    ("labelled_id", "account settings"),
    ("labelled_id", "order #48213 shipped on 12 March"),  # a purchase's number, no person's
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)
