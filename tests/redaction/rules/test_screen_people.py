"""People on screens drawn in text (no OCR): a name standing where a screen puts a person, and
look-alikes where the same cue stands beside words that are no name."""

from __future__ import annotations

import pytest

from tests.redaction.rules.support import layout_found

# Values are the OCR words a finding covers (punctuation glued to a word stays with it).
# The registry's table for this family (tests/redaction/rules/test_registry.py): (rule, screen
# drawn in text, value found) and (rule, screen with nothing found).
TRUE_CASES = [
    ("row_name_time", "Andrea Herrera   7:26 AM", "Andrea Herrera"),
    ("row_name_time", "98b84b0 Jane Doe 3 days ago", "Jane Doe"),
    ("row_name_time", "Changes 2 | Jane Doe, 4 weeks ago", "Jane Doe,"),
    ("name_before_email", "From: Ada Byron <ada@example.org>", "Ada Byron"),
    ("by_verb_name", "Issue assigned to Tom Hale", "Tom Hale"),
    ("greeting_name", "Hi Ada, the numbers are in.", "Ada,"),
    ("sign_off_block_name", "See you soon.\nBest regards,\nAda Byron", "Ada Byron"),
    ("activity_actor", "Jacqueline Bell changed the status to Done", "Jacqueline Bell"),
    ("from_name", "New message from Ada Byron", "Ada Byron"),
    ("mention_name", "@Melissa Carr please check", "@Melissa Carr"),
    ("role_row_name", "Tom Hale (you)", "Tom Hale"),
    ("name_before_handle", "Isabel Morrison @imorrison\u00b723h", "Isabel Morrison"),
    ("name_before_handle", "Ksawery Pachoud@ksawery46\u00b7 6h", "Ksawery Pachoud@ksawery46\u00b7"),
    ("name_before_handle", "IM  Tobias Reiterer  @treiterer", "Tobias Reiterer"),
    ("name_before_handle", "Eva @evaw \u00b7 12h", "Eva"),
    ("signed_in_as", "Signed in as mkovacs", "mkovacs"),
    ("signed_in_as", "Logged in as: tpark_88", "tpark_88"),
    ("signed_in_as", "Welcome back, rvega!", "rvega!"),
    ("signed_in_as", "Welcome back, Ana Lima", "Ana Lima"),
    ("signed_in_as", "Angemeldet als jmueller", "jmueller"),
    ("signed_in_as", "Connecté en tant que @jdupont", "@jdupont"),
    ("by_verb_login", "Created by d.chen on 2024-01-02", "d.chen"),
    ("by_verb_login", "Issue assigned to okafor_n", "okafor_n"),
    ("by_verb_login", "Approved by @lena.s", "@lena.s"),
    ("sender_time", "saar 16:30\nthe draft is ready\nsaar 18:00\nsent it", "saar"),
    ("sender_time", "Brian 17:00\nok\nBrian 17:05\ndone", "Brian"),
    ("sender_time", "olivia     09:05\nchris      13:50\nolivia     10:30", "olivia"),
    (
        "card_assignee",
        "Policy draft       Workshop launch    Budget review\n"
        "Margaud            Estela             Tom\n\n"
        "Planning migration\nErina",
        "Estela",
    ),
    (
        "card_assignee",
        "Policy draft       Workshop launch    Budget review\n"
        "Margaud            Estela             Tom\n\n"
        "Planning migration\nErina",
        "Margaud",
    ),
    ("name_before_handle", "Maria Andersson@mariaa \u00b7 3h", "Maria Andersson@mariaa"),
    ("honorific_name", "Appointment with Dr. Ana Lima", "Ana Lima"),
    ("meeting_with_name", "1:1 Ada / Tom", "Tom"),
    ("meeting_with_name", "Interview: l\u00f1aki Ib\u00e1\u00f1ez", "l\u00f1aki Ib\u00e1\u00f1ez"),
    ("paren_author", "Fix the totals (Jane Doe, 3 days ago)", "(Jane Doe,"),
    ("profile_title_name", "Jane Doe | LinkedIn", "Jane Doe"),
    ("possessive_name", "Ana Silva's onboarding plan", "Ana Silva's"),
    ("personal_document_name", "Offer letter - Jane Doe.pdf", "Jane Doe.pdf"),
    ("name_over_email_or_title", "Ada Byron\nada@example.org", "Ada Byron"),
    ("name_over_email_or_title", "JD Tom Hale\nStaff Engineer", "Tom Hale"),
    ("name_then_title", "DF Daniel Fry Data Scientist", "Daniel Fry"),
    ("profile_title_name", "Ana Lima - Portfolio", "Ana Lima"),
    ("gazetteer_name", "Thomas Rezende", "Thomas Rezende"),
    ("gazetteer_name", "Lima, Ana", "Lima, Ana"),
    ("gazetteer_name", "Britt van den Berg", "Britt van den Berg"),
    ("row_name_time", "Amber de Grunt 13:05", "Amber de Grunt"),
    ("gazetteer_name", "JD \u2022 J. Smith", "J. Smith"),
    ("name_in_file_name", "Downloads   Resume_Jane_Doe.pdf   2 MB", "Resume_Jane_Doe.pdf"),
    ("name_in_file_name", "/srv/share/Ana_Lima/contract.pdf", "/srv/share/Ana_Lima/contract.pdf"),
]
FALSE_CASES = [
    ("row_name_time", "Release Notes 6 days ago"),
    ("row_name_time", "Release de Notes 6 days ago"),
    ("gazetteer_name", "de Berg van"),
    ("name_before_email", "Billing <no-reply@example.org>"),
    ("by_verb_name", "Issue assigned to nobody yet"),
    ("greeting_name", "Hello world, again."),
    ("sign_off_block_name", "Best regards,\nthe support team"),
    ("activity_actor", "GitHub Actions added support for arm64"),
    ("from_name", "New message from support"),
    ("mention_name", "@Override public String name"),
    ("role_row_name", "General Access | Viewer"),
    ("name_before_handle", "Thanks @bob for the fix"),
    ("name_before_handle", "Follow @newsdesk"),
    ("name_before_handle", "Reply to @imorrison"),
    ("name_before_handle", "Release Notes @v2.1"),
    ("name_before_handle", "Settings @home"),
    ("signed_in_as", "Signed in as guest"),
    ("signed_in_as", "Logged in as administrator"),
    ("signed_in_as", "Welcome back!"),
    ("signed_in_as", "Welcome back, you have 3 new messages"),
    ("by_verb_login", "Created by admin on 2024-01-02"),
    ("by_verb_login", "Issue assigned to nobody yet"),
    ("by_verb_login", "Shared by link"),
    ("by_verb_login", "Posted by system"),
    ("by_verb_login", "Sent by email"),
    ("sender_time", "Standup 09:30\nDesign review 11:00\nStandup 09:30"),
    ("sender_time", "Today 10:00\nToday 11:00"),
    ("sender_time", "Grace 10:00\nlunch at noon"),  # once only
    ("sender_time", "Monday 09:00\nMonday 10:00"),
    (
        "card_assignee",
        "Policy draft       Workshop launch    Budget review\n"
        "Draft              Review             Done\n\n"
        "Planning migration\nTodo",
    ),
    ("card_assignee", "Policy draft\nEstela\n\nBudget review\nTom"),  # two cards only
    ("honorific_name", "Dr. Settings"),
    ("meeting_with_name", "Interview: lunch plans"),
    ("paren_author", "Fix the totals (see docs, 3 days ago)"),
    ("profile_title_name", "Sign In | LinkedIn"),
    ("possessive_name", "Today's plan"),
    ("personal_document_name", "Resume - Settings.pdf"),
    ("name_over_email_or_title", "Getting Started\nInstall the package first"),
    ("name_then_title", "Senior Product Designer"),
    ("profile_title_name", "Getting Started | Docs"),
    ("gazetteer_name", "Data Scientist"),
    ("gazetteer_name", "Settings Page"),
    ("gazetteer_name", "Thomas Rezende joined the call"),
    ("name_in_file_name", "Annual_Report_2024.pdf   Data_Scientist.txt"),
    ("name_in_file_name", "thomas rezende.pdf"),
    # A place led by a word that leads place names, where a name would stand.
    ("row_name_time", "North Thomas   11:15"),
    ("row_name_time", "Lake George 7:26 AM"),
]
# A name over a title line (``screen_support``'s avatar initials, bullets, accents, degrees,
# company suffixes and acronym rows).
TRUE_CASES += [
    ("name_over_email_or_title", "JD Jane Doe\nVP Engineering", "Jane Doe"),
    ("name_over_email_or_title", "Paige Davis\nSenior Account Manager", "Paige Davis"),
    ("name_over_email_or_title", "Łukasz Müller\nVP Engineering", "Łukasz Müller"),
    ("name_over_email_or_title", "\u25cf Jane Doe\nVP Engineering", "\u25cf Jane Doe"),
    ("name_over_email_or_title", "Paige Davis DVM\nVP Engineering", "Paige Davis DVM"),
]
FALSE_CASES += [
    ("name_over_email_or_title", "Smith Labs\nSenior Account Manager"),
    ("name_over_email_or_title", "HTTPS SSH GitHub\nVP Engineering"),
]


@pytest.mark.parametrize(("name", "screen", "value"), TRUE_CASES)
def test_people_rule_finds(name: str, screen: str, value: str) -> None:
    assert value in layout_found(name, screen)


@pytest.mark.parametrize(("name", "screen"), FALSE_CASES)
def test_people_rule_leaves_alone(name: str, screen: str) -> None:
    assert layout_found(name, screen) == set()
