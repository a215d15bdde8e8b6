"""Cues of the dev set's fourth round (browser sidebars, pull request sidebars, blame and git
log lines, mail headers, chat browsers), on hand-built OCR lines: each rule with a screen it
must catch and a look-alike it must leave alone."""

from __future__ import annotations

from redaction.image.analysis import public_service_address, screen_check
from redaction.image.layout import analyse_layout
from redaction.rules.screen_support import name_like
from tests.redaction.image.support import cued as _found
from tests.redaction.image.support import line


def test_a_bookmarks_bar_of_app_names_is_no_person() -> None:
    ner = "presidio:SpacyRecognizer"
    assert screen_check("PERSON", "Docs Jira Calendar", ner) == "drop"
    assert screen_check("PERSON", "Download ZIP", ner) == "drop"
    assert screen_check("PERSON", "Carolyn Scott - Calendar", ner) == "keep"


def test_a_product_is_no_person_unless_led_by_a_given_name() -> None:
    ner = "presidio:SpacyRecognizer"
    assert screen_check("PERSON", "Atlas Pro", ner) == "drop"
    assert screen_check("PERSON", "Juniper Mug", ner) == "drop"
    assert screen_check("PERSON", "Grace Lamp", ner) == "keep"
    assert screen_check("PERSON", "Atlas Pro", "deny_list") == "keep"
    assert not name_like("Keystone Dock")
    assert name_like("Tom Watch")


def test_an_author_after_a_commit_hash_or_in_a_later_cell_is_a_person() -> None:
    found = _found([line("98b84b0 Meredith Stevenson 3 days ago budget", 20, 10)], "PERSON")
    assert "Meredith Stevenson" in found
    blame = [line("Changes 2", 20, 10), line("Tom Riley, 3 weeks ago \u2022 fix", 400, 10)]
    assert any("Riley" in f for f in _found(blame, "PERSON"))
    assert _found([line("98b84b0 Update docs 3 days ago", 20, 10)], "PERSON") == set()
    assert _found([line("Changes 2 | Release Notes 3 days ago", 20, 10)], "PERSON") == set()


def test_a_service_before_a_no_reply_address_is_no_person() -> None:
    sender = [line("Microsoft Outlook <no-reply@microsoft.com>", 20, 10)]
    assert _found(sender) == set()
    assert "Jane Doe" in _found([line("Jane Doe <jane@acme-labs.io>", 20, 10)], "PERSON")
    assert public_service_address("<no-reply@microsoft.com>")
    assert screen_check("EMAIL_ADDRESS", "no-reply@microsoft.com", "email") == "drop"
    # A no-reply address of another domain still names the employer.
    assert not public_service_address("no-reply@acme-labs.io")
    assert not public_service_address("jane@microsoft.com")


def test_a_profile_page_title_names_a_person() -> None:
    assert "Ana Silva" in _found([line("Ana Silva | LinkedIn", 20, 10)], "PERSON")
    assert _found([line("Jobs | LinkedIn", 20, 10)], "PERSON") == set()
    assert _found([line("Release Notes | LinkedIn", 20, 10)], "PERSON") == set()


def test_someones_space_or_plan_names_them() -> None:
    assert "Michael's" in _found([line("Michael's space", 20, 10)], "PERSON")
    assert any("Silva" in f for f in _found([line("Ana Silva's onboarding plan", 20, 10)]))
    assert _found([line("Python's documentation", 20, 10)], "PERSON") == set()
    assert _found([line("Today's notes", 20, 10)], "PERSON") == set()


def test_a_channel_browser_is_a_chat_page() -> None:
    page = [
        line("Browse channels", 20, 10),
        line("# ops-search-private", 20, 50),
        line("29 members", 20, 80),
    ]
    assert any("ops-search-private" in f for f in _found(page, "CHANNEL"))
    generic = [line("Browse channels", 20, 10), line("# general", 20, 50)]
    assert _found(generic, "CHANNEL") == set()


def test_a_login_beside_its_avatar_on_a_code_host() -> None:
    tabs = line("Code Issues 3 Pull requests 2 Actions", 20, 10)
    page = [tabs, line("Reviewers", 20, 50), line("KW kimberly-walters", 20, 80)]
    assert "kimberly-walters" in _found(page, "USERNAME")
    assert "isaiah_w" in _found([tabs, line("w isaiah_w", 20, 80)], "USERNAME")
    # Not a chosen login (no dash, digit), not its initials, or not on a code host.
    assert _found([tabs, line("ZM zachary", 20, 80)], "USERNAME") == set()
    assert _found([tabs, line("QA kimberly-walters", 20, 80)], "USERNAME") == set()
    assert _found([line("KW kimberly-walters", 20, 80)], "USERNAME") == set()


def test_an_address_in_brackets_is_no_prompt() -> None:
    assert _found([line("<no-reply@acme.io>", 20, 10)], "USERNAME") == set()
    assert "jdoe@devbox:~$" in _found([line("jdoe@devbox:~$ ls", 20, 10)], "USERNAME")


def test_names_after_a_presence_dot_and_acronyms_beside_words() -> None:
    assert name_like("\u25cf Kimberly Herrera")
    assert name_like("JOHN DOE")
    assert not name_like("HTTPS SSH GitHub")
    assert name_like("Paige Davis DVM")
    assert _found([line("Clone", 20, 10), line("HTTPS SSH GitHub CLI", 20, 40)], "PERSON") == set()


def test_someone_who_wrote_something_is_a_person() -> None:
    assert "Crystal Martin" in _found([line("Crystal Martin wrote this.", 20, 10)], "PERSON")
    assert _found([line("The Team wrote this.", 20, 10)], "PERSON") == set()


def test_a_list_of_names_after_presence_dots_is_extended() -> None:
    from redaction.image.context import extend_lists
    from redaction.image.findings import from_words
    from redaction.image.layout import WordRef

    texts = ("\u25cf Alexis Schmidt", "\u25cf Kimberly Herrera", "\u25cf Angela Meyer")
    layout = analyse_layout([line(t, 20, 10 + 30 * i) for i, t in enumerate(texts)])
    known = [
        from_words(layout, [WordRef(li, 1), WordRef(li, 2)], "PERSON", "ner", 0.8) for li in (0, 2)
    ]
    found = extend_lists(layout, [f for f in known if f is not None])
    assert [" ".join(layout.word(r).text for r in f.refs) for f in found] == [
        "\u25cf Kimberly Herrera"
    ]
    # Without names found in the list, a dotted list is not taken.
    assert extend_lists(layout, []) == []


def test_a_personal_document_named_after_its_person() -> None:
    found = _found([line("Offer letter - Haley Harris.pdf", 20, 10)], "PERSON")
    assert any("Haley" in f for f in found)
    assert "Jane Doe" in _found([line("Jane Doe - CV.pdf", 20, 10)], "PERSON")
    for generic in (
        "CV - Curriculum Vitae.docx",
        "Resume - Sample Template.pdf",
        "Annual Report.pdf",
    ):
        assert _found([line(generic, 20, 10)], "PERSON") == set(), generic
