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
    ("label_beside_or_above", "Name       Tom Hale\nEmail      tom@example.org", "Tom Hale"),
    ("label_beside_or_above", "Name       Jonas\nHobby      Chess", "Jonas"),
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
    # A column of people written family name first.
    (
        "column_header",
        "Name              Department\nKocsis, Szabolcs  Finance\nKadlec, Ctibor    Design",
        "Kadlec, Ctibor",
    ),
    ("column_header", "Customer          Plan\nAlatalo, Ahti K.  Pro", "Alatalo, Ahti K."),
    # A header row scrolled out of view, seen in an earlier frame over the same columns.
    (
        "carried_column_header",
        "First name   Surname    Team\nAnna         Weber      Design"
        "\n=== next frame ===\nJonas        Schmidt    Finance\nLena         Vogel      Support",
        "Vogel",
    ),
    (
        "carried_column_header",
        "Team        Email\nDesign      anna@example.org"
        "\n=== next frame ===\nFinance     jonas@example.org\nSupport     lena@example.org",
        "lena@example.org",
    ),
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
    # "Surname, Given" needs name-shaped words that are not UI words, and a column of people.
    ("column_header", "Name              Department\nSettings, Privacy  Finance"),
    ("column_header", "Name              Department\nkadlec, ctibor     Finance"),
    ("column_header", "Team              Department\nKadlec, Ctibor    Finance"),
    # No earlier header; one column of the table only; one row only; a header shown now
    # over the rows; cells that are not names.
    ("carried_column_header", "Jonas        Schmidt    Finance\nLena         Vogel      Support"),
    ("carried_column_header", "Surname    Team\n=== next frame ===\nSchmidt\nVogel"),
    ("carried_column_header", "Surname    Team\n=== next frame ===\nSchmidt    Finance"),
    (
        "carried_column_header",
        "Surname    Team\n=== next frame ===\nOwner      Stage"
        "\nSchmidt    Finance\nVogel      Support",
    ),
    (
        "carried_column_header",
        "Surname    Team\n=== next frame ===\nSettings    Finance\nUnassigned  Support",
    ),
    # Money is never an identifier; a spreadsheet's column letter is no label.
    ("column_header", "Item     Passport no.\nLamp     \u00a3279.52\nDesk     705.39 EUR"),
    ("column_header", "Item     D\nLamp     4471 0932\nDesk     4471 0933"),
    ("column_header", "User        Status\nWest Joel   Active\nLake George   Active"),
    # A label of the shared lexicon is no value of the label before it.
    ("label_beside_or_above", "Employer\nLicence plate"),
    ("column_header", "Employer        Income\nLicence plate   National ID"),
]
FALSE_CASES += [("label_colon", "Password: bash-5.2#")]  # the shell's next prompt
TRUE_CASES += [("label_beside_or_above", "Reviewers\nAda Byron\nAlan Turing", "Alan Turing")]
# Under a person's label or column, a login or a name typed in lowercase is still taken.
TRUE_CASES += [
    ("label_colon", "Owner: jsmith", "jsmith"),
    ("label_colon", "Assigned to: okafor_n", "okafor_n"),
    ("label_beside_or_above", "Assignee    okafor_n", "okafor_n"),
    ("label_beside_or_above", "Contact\nlena.s", "lena.s"),
    ("column_header", "User       Role\nmkovacs    Admin\nlena.s     Viewer", "lena.s"),
    ("column_header", "Name        City\nana lima    Lisbon\ntom hale    Leeds", "tom hale"),
    ("column_header", "name        city\nana lima    Lisbon\ntom hale    Leeds", "ana lima"),
    ("label_beside_or_above", "Participants (3)\nana.lima\ntom_hale\nrvega", "rvega"),
    ("column_header", "first name    last name\nana           lima\ntom           hale", "tom"),
]
# Label lexicon wordings: more roles of a person, tax numbers and identifiers' short names.
TRUE_CASES += [
    ("label_colon", "Requester: Ana Lima", "Ana Lima"),
    ("label_beside_or_above", "Contact person    Tom Hale", "Tom Hale"),
    ("label_beside_or_above", "Tax number    12 345 678 901", "12 345 678 901"),
    ("label_colon", "RUT: 12.345.678-5", "12.345.678-5"),
    ("column_header", "Title          Borrower\nRoadmap Update    Cerda, Pablo", "Cerda, Pablo"),
    ("column_header", "Member name     Plan\nRamos Ryszard   Gold", "Ramos Ryszard"),
    ("column_header", "Member no.  Name\n25520       Lucy Holl\n84661       Tom Hale", "84661"),
    ("label_beside_or_above", "Customer no.\nC-904687", "C-904687"),
]
FALSE_CASES += [("column_header", "Order no.     Item\n25520         Lamp\n84661         Desk")]
# A member list's role under a role that reads as a label: no person.
FALSE_CASES += [
    ("label_beside_or_above", "Member\nAdmin"),
    ("label_beside_or_above", "Owner\nEditor"),
]
FALSE_CASES += [("column_header", "first name    status\nnone          active\nunknown       idle")]
FALSE_CASES += [
    # A line under a label that is a label and its value of its own is not the first's value.
    ("label_beside_or_above", "NHS number\nSIN 046 454 286"),
    ("label_beside_or_above", "Name\nEmail: ana@example.org"),
    ("label_colon", "User agent: Mozilla/5.0"),
    ("label_beside_or_above", "Caller ID    Enabled"),
]
FALSE_CASES += [
    # Products in a list under a people heading's look-alike: not names.
    ("label_beside_or_above", "Reviewers\nAtlas Pro\nBeacon Mini"),
    ("column_header", "Name          Qty\nJuniper Mug   2\nKeystone Dock   1"),
]
FALSE_CASES += [
    ("label_colon", "Owner: nobody"),
    ("label_colon", "Assignee: unassigned"),
    ("label_colon", "Owner: root"),
    ("label_colon", "Owner: config.yaml"),
    ("column_header", "Name        Size\nreport final   2 MB\ndark mode   1 MB"),
    ("column_header", "name        value\nfont size   12\ntab width   4"),
    ("column_header", "User        Status\nadmin       Active\nguest       Disabled"),
]


@pytest.mark.parametrize(("name", "screen", "value"), TRUE_CASES)
def test_layout_rule_finds(name: str, screen: str, value: str) -> None:
    assert value in layout_found(name, screen)


@pytest.mark.parametrize(("name", "screen"), FALSE_CASES)
def test_layout_rule_leaves_alone(name: str, screen: str) -> None:
    assert layout_found(name, screen) == set()


@pytest.mark.parametrize(
    "screen",
    [
        "Name              Department\nKocsis, Szabolcs  Finance\nKadlec, Ctibor    Design",
        "Name         Department\nAda Byron    Finance",
    ],
)
def test_a_header_beside_a_label_heading_a_table_is_not_its_value(screen: str) -> None:
    """A label heading a column with a header beside it: the header is no value; the cells
    are."""
    found = layout_found("label_beside_or_above", screen)
    assert "Department" not in found
    assert found & {"Kocsis, Szabolcs", "Ada Byron"}


def test_a_score_given_by_name_replaces_the_rules_own() -> None:
    from redaction.image.context import LayoutContext, LayoutRules
    from tests.redaction.rules.support import page_of

    page = page_of("Email: jane.doe@example.org")
    scored = LayoutRules.build(scores={"label_colon": 0.9})
    found = LayoutContext(page.layout, page.documents, rules=scored).findings("context")
    assert [f.score for f in found] == [0.9]
    assert [f.score for f in LayoutContext(page.layout, page.documents).findings()] == [0.6]
