"""True and false cases of the rules in ``redaction/rules/contact.py`` (no NER involved).

E-mail addresses and telephone numbers.
"""

from __future__ import annotations

from tests.redaction.rules.support import found, table_tests

# (rule, text, the value it must find)
TRUE_CASES = [
    ("email", "mail Zoë.Quist+work@mail.example.co.uk now", "Zoë.Quist+work@mail.example.co.uk"),
    ("phone", "call +41 (0)85 806 98 67", "+41 (0)85 806 98 67"),
    ("phone", "my number is +44 20 7946 0958", "+44 20 7946 0958"),
    ("phone", "call 0044 20 7946 0958", "0044 20 7946 0958"),
    ("email", "write to ana.lima+billing@example.org", "ana.lima+billing@example.org"),
    ("phone", "Desk: (898)666-3621x0135", "(898)666-3621x0135"),
    ("phone", "They're not answering at 99 668472", "99 668472"),
    ("phone", "text me on 668 5702", "668 5702"),
    ("phone", "Fax: 9498777106", "9498777106"),
    ("phone", "+447700677662 mobile", "+447700677662"),
]

# (rule, text): nothing at or above the default threshold.
FALSE_CASES = [
    ("email", "not an email: ann@localhost or @handle"),
    # A URL's secret@host or user@host is no address (the URL credential rules take them).
    ("email", "git clone https://ana:AKIAWNKOLWW7AB2S21LQ@git.example.com/app.git"),
    ("email", "ssh://anna@build.example.com"),
    ("phone", "It was founded in 1977."),
    ("phone", "When: 2000-04-16 11:34:35"),
    ("phone", "total 1 234 567.89"),
    ("phone", "version 3.14.159"),
    ("phone", "at 10:30 on 12/05/2023"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)


def test_number_patterns_never_run_across_lines() -> None:
    assert all("\n" not in value for value in found("phone", "call 555\n867 5309"))
    assert found("credit_card", "4111 1111\n1111 1111") == []
