"""True and false cases of the rules in ``redaction/rules/dates.py`` (no NER involved).

Dates and dates of birth.
"""

from __future__ import annotations

from tests.redaction.rules.support import table_tests

# (rule, text, the value it must find)
TRUE_CASES = [
    ("date", "She was born on 2/8/1935.", "2/8/1935"),
    ("date", "born 14/03/2091", "14/03/2091"),  # a birth word: any year
    ("date", "DOB: March 5", "March 5"),
    ("date", "my birthday is 12 May", "12 May"),
    ("date", "Date of birth: 5 June", "5 June"),
    ("date", "When: 2000-04-16 11:34:35", "2000-04-16 11:34:35"),
]

# (rule, text): nothing at or above the default threshold.
FALSE_CASES = [
    ("date", "The meeting is on Tuesday."),
    ("date", "Departure 2091-03-14, return 21/03/2091"),  # an event's date, not a birth
    ("date", "shipped on 12 March 2090"),
    ("date", "It was founded in 1977."),
    ("date", "born to run"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)
