"""Companies on screens drawn in text (no OCR): a company named where a screen puts an
employer, and look-alikes (headings, public companies, UI words)."""

from __future__ import annotations

import pytest

from tests.redaction.rules.support import layout_found

# The registry's table for this family (tests/redaction/rules/test_registry.py): (rule, screen
# drawn in text, value found) and (rule, screen with nothing found).
TRUE_CASES = [
    ("company_suffix", "Invoice from Hale Robotics GmbH", "Hale Robotics GmbH"),
    ("company_suffix", "Howard, Swanson and Adams", "Howard, Swanson and Adams"),
    ("copyright_owner", "\u00a9 2026 Hale Robotics \u00b7 Thanks", "Hale Robotics"),
    ("employment_row", "Initech \u00b7 Full-time", "Initech"),
    ("confidential_owner", "Hale Bio \u00b7 Confidential", "Hale Bio"),
    ("signed_company", "\u2014 Ada Byron, Initech", "Initech"),
    ("title_employer", "Ada Byron\nStaff Engineer at Initech", "Initech"),
    ("title_employer", "Ada Byron\nAccount Manager\nHale Robotics", "Hale Robotics"),
]
FALSE_CASES = [
    ("company_suffix", "Microsoft Corp. shares rose"),
    ("copyright_owner", "\u00a9 2026 All rights reserved"),
    ("employment_row", "Remote \u00b7 Seattle"),
    ("confidential_owner", "Draft \u00b7 Confidential"),
    ("signed_company", "\u2014 Ada Byron, 2026"),
    ("title_employer", "Staff Engineer at 10:30"),
]
TRUE_CASES += [("company_suffix", "Farrell & Co", "Farrell & Co")]


@pytest.mark.parametrize(("name", "screen", "value"), TRUE_CASES)
def test_company_rule_finds(name: str, screen: str, value: str) -> None:
    assert value in layout_found(name, screen)


@pytest.mark.parametrize(("name", "screen"), FALSE_CASES)
def test_company_rule_leaves_alone(name: str, screen: str) -> None:
    assert layout_found(name, screen) == set()
