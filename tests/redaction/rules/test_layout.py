"""Labels and tables on screens drawn in text (no OCR): a value is what its label or its
column header says it is; look-alikes where the label or the value does not fit."""

from __future__ import annotations

import pytest

from tests.redaction.rules.support import layout_found

# The registry's table for this family (tests/redaction/rules/test_registry.py): (rule, screen
# drawn in text, value found) and (rule, screen with nothing found).
TRUE_CASES = [
    ("label_colon", "Email: jane.doe@example.org", "jane.doe@example.org"),
    ("label_colon", "Phone:+14155550199   Status: Active", "Phone:+14155550199"),
    ("label_colon", "Owner: Ada Byron   Priority: High", "Ada Byron"),
    ("label_beside_or_above", "Owner\nAda Byron", "Ada Byron"),
    ("label_beside_or_above", "Email      ada.byron@example.org", "ada.byron@example.org"),
    ("column_header", "User        Title\nAda Byron   Engineer\nTom Hale    Designer", "Tom Hale"),
    (
        "column_header",
        "Customer       Status\nSmith-Ramos    Open\nWilliams and Sons    Closed",
        "Williams and Sons",
    ),
    ("addressee_block", "BILL TO\nAda Byron\nInitech Systems\n12 Main St", "Initech Systems"),
    # Labels of the shared label lexicon, in any of its languages.
    ("label_colon", "Date de naissance: 12/03/1980", "12/03/1980"),
    ("label_beside_or_above", "N\u00b0 de passeport\n12AB34567", "12AB34567"),
    # Split name columns; a header wrapped over two lines.
    ("column_header", "Nachname     Vorname\nSchmidt      Anna\nWeber        Jonas", "Anna"),
    ("column_header", "Date of      Plan\nbirth\n12/03/1980   Pro", "12/03/1980"),
]
FALSE_CASES = [
    ("label_colon", "Email: none"),
    ("label_colon", "Status: Open   Priority: High"),
    ("label_beside_or_above", "Owner\nUnassigned"),
    ("label_beside_or_above", "Email      Phone      Owner\nSettings"),
    ("column_header", "User        Title\nSettings    Engineer"),
    ("column_header", "Status      Title\nAda Byron   Engineer"),
    ("addressee_block", "Billing\nMonthly plan"),
    ("addressee_block", "BILL TO\n12 Main St"),
    ("label_colon", "Registration: Complete"),
    ("label_colon", "Version: 2.4.1   Price: 12.99"),
    ("column_header", "First name    Plan\nSettings      Pro"),
    # Money is never an identifier; a spreadsheet's column letter is no label.
    ("column_header", "Item     Passport no.\nLamp     \u00a3279.52\nDesk     705.39 EUR"),
    ("column_header", "Item     D\nLamp     4471 0932\nDesk     4471 0933"),
    ("column_header", "User        Status\nWest Joel   Active\nLake George   Active"),
    # A label of the shared lexicon is no value of the label before it.
    ("label_beside_or_above", "Employer\nLicence plate"),
    ("column_header", "Employer        Income\nLicence plate   National ID"),
]


@pytest.mark.parametrize(("name", "screen", "value"), TRUE_CASES)
def test_layout_rule_finds(name: str, screen: str, value: str) -> None:
    assert value in layout_found(name, screen)


@pytest.mark.parametrize(("name", "screen"), FALSE_CASES)
def test_layout_rule_leaves_alone(name: str, screen: str) -> None:
    assert layout_found(name, screen) == set()


def test_a_score_given_by_name_replaces_the_rules_own() -> None:
    from redaction.image.context import LayoutContext, LayoutRules
    from tests.redaction.rules.support import page_of

    page = page_of("Email: jane.doe@example.org")
    scored = LayoutRules.build(scores={"label_colon": 0.9})
    found = LayoutContext(page.layout, page.documents, rules=scored).findings("context")
    assert [f.score for f in found] == [0.9]
    assert [f.score for f in LayoutContext(page.layout, page.documents).findings()] == [0.6]
