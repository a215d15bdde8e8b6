"""Layout cues of the second dev-set round, on hand-built OCR lines (no OCR, fast): each rule
with a screen it must catch and a look-alike it must leave alone."""

from __future__ import annotations

from redaction.image.layout import analyse_layout
from tests.redaction.image.support import cued as _found
from tests.redaction.image.support import line

# --- persons ---------------------------------------------------------------------------------


def test_comment_author_with_a_relative_time_is_a_person() -> None:
    assert "Sarah Jones" in _found([line("Sarah Jones 6 days ago", 20, 10)], "PERSON")
    assert "Sarah Jones" in _found([line("Sarah Jones just now", 20, 10)], "PERSON")
    assert _found([line("Release Notes 6 days ago", 20, 10)], "PERSON") == set()


def test_the_actor_of_an_activity_row_is_a_person() -> None:
    found = _found([line("Jacqueline Bell changed the status to In Progress", 20, 10)])
    assert "Jacqueline Bell" in found
    # A product or a UI name doing something is not a person.
    assert _found([line("GitHub Actions added support for arm64", 20, 10)], "PERSON") == set()


def test_a_message_from_a_name_and_a_mention_chip_are_persons() -> None:
    assert "Ada Byron" in _found([line("New message from Ada Byron", 20, 10)], "PERSON")
    assert "@Melissa Carr" in _found([line("@Melissa Carr please check", 20, 10)], "PERSON")
    assert _found([line("@Override public String name", 20, 10)], "PERSON") == set()


def test_a_name_with_a_sharing_role_or_you_is_a_person() -> None:
    found = _found(
        [line("Ada Byron", 20, 10), line("Editor", 500, 10), line("Tom Hale (you)", 20, 50)]
    )
    assert {"Ada Byron", "Tom Hale (you)"} <= found or {"Ada Byron", "Tom Hale"} <= found
    assert _found([line("General Access", 20, 10), line("Viewer", 500, 10)], "PERSON") == set()


def test_a_name_over_an_email_or_a_title_is_a_person() -> None:
    found = _found([line("Ada Byron", 20, 10), line("ada@example.org", 20, 34)], "PERSON")
    assert "Ada Byron" in found
    found = _found([line("Tom Hale", 20, 10), line("Staff Engineer at Initech", 20, 34)], "PERSON")
    assert "Tom Hale" in found
    # A heading over a paragraph is not a name.
    assert (
        _found([line("Getting Started", 20, 10), line("Install the package first", 20, 34)])
        == set()
    )


def test_a_user_column_holds_names() -> None:
    lines = [line("User", 20, 10), line("Title", 300, 10)]
    lines += [line("Ada Byron", 20, 40), line("Engineer", 300, 40)]
    lines += [line("Tom Hale", 20, 70), line("Designer", 300, 70)]
    assert {"Ada Byron", "Tom Hale"} <= _found(lines, "PERSON")


# --- companies -------------------------------------------------------------------------------


def test_copyright_footer_names_a_company() -> None:
    assert "Hale Robotics" in _found([line("\u00a9 2026 Hale Robotics \u00b7 Thanks", 20, 10)])
    assert _found([line("\u00a9 2026 All rights reserved", 20, 10)], "ORGANIZATION") == set()


def test_employment_row_and_confidential_line_name_a_company() -> None:
    assert "Initech" in _found([line("Initech \u00b7 Full-time", 20, 10)], "ORGANIZATION")
    assert "Hale Bio" in _found([line("Hale Bio \u00b7 Confidential", 20, 10)], "ORGANIZATION")
    assert _found([line("Remote \u00b7 Seattle", 20, 10)], "ORGANIZATION") == set()


def test_bill_to_block_names_person_and_company() -> None:
    found = _found(
        [line("BILL TO", 20, 10), line("Ada Byron", 20, 34), line("Initech Systems", 20, 58)]
    )
    assert {"Ada Byron", "Initech Systems"} <= found
    assert _found([line("Billing", 20, 10), line("Monthly plan", 20, 34)]) == set()


def test_signed_with_the_company_after_the_name() -> None:
    found = _found([line("\u2014 Ada Byron, Initech", 20, 10)], "ORGANIZATION")
    assert "Initech" in found


# --- repositories and channels -----------------------------------------------------------------


def test_editor_title_bar_and_clone_name_the_repository() -> None:
    found = _found([line("billing.py \u2014 atlas-payments \u2014 Visual Studio Code", 20, 10)])
    assert "atlas-payments" in found
    assert "'orbit_ml-ops'..." in _found([line("Cloning into 'orbit_ml-ops'...", 20, 10)]) or (
        "'orbit_ml-ops'" in " ".join(_found([line("Cloning into 'orbit_ml-ops'...", 20, 10)]))
    )
    # A public project's plain name is left alone.
    assert _found([line("README.md \u2014 cpython \u2014 Visual Studio Code", 20, 10)]) == set()


def test_container_image_names_its_repository() -> None:
    found = _found([line("Artifact: ghcr.io/initech/atlas-billing:sha-1a2b3c", 20, 10)])
    assert any("initech/atlas-billing" in f for f in found)
    assert _found([line("docker pull ghcr.io/python/cpython:3.12", 20, 10)]) == set()


def test_a_line_that_is_a_chosen_channel_name_is_a_channel() -> None:
    assert "#team-payments" in _found([line("#team-payments", 20, 10)], "CHANNEL")
    assert _found([line("#announcements", 20, 10), line("#include", 20, 40)], "CHANNEL") == set()


def test_a_name_before_a_job_title_on_one_line_is_a_person() -> None:
    assert "Daniel Fry" in _found([line("DF Daniel Fry Data Scientist", 20, 10)], "PERSON")
    assert _found([line("Senior Product Designer", 20, 10)], "PERSON") == set()


def test_a_customer_column_takes_people_and_companies() -> None:
    lines = [line("Customer", 20, 10), line("Status", 300, 10)]
    lines += [line("Smith-Ramos", 20, 40), line("Open", 300, 40)]
    lines += [line("Williams and Sons", 20, 70), line("Closed", 300, 70)]
    assert {"Smith-Ramos", "Williams and Sons"} <= _found(lines)
    assert "Open" not in _found(lines)


def test_a_projects_heading_over_slugs_lists_repositories() -> None:
    found = _found([line("Projects", 20, 10), line("granite_frontend", 20, 34)], "REPOSITORY")
    assert found == {"granite_frontend"}
    assert _found([line("Projects", 20, 10), line("Roadmap", 20, 34)]) == set()


def test_a_title_then_a_partnership_company_is_a_company() -> None:
    assert "Butler Partners" in _found([line("Recruiter at Butler Partners", 20, 10)])


def test_an_empty_people_field_is_not_a_person() -> None:
    found = _found([line("Assignee", 20, 10), line("Unassigned", 20, 34)], "PERSON")
    assert found == set()
    found = _found([line("Assignee", 20, 10), line("Ada Byron", 20, 34)], "PERSON")
    assert found == {"Ada Byron"}


def test_a_name_over_an_iso_date_is_a_comment_author() -> None:
    assert "Alyssa Howe" in _found([line("Alyssa Howe 2026-09-21", 20, 10)], "PERSON")


def test_a_prompt_with_a_branch_names_its_folder_as_a_repository() -> None:
    found = _found([line("jdoe@mbp ~/code/atlas-payments (main) $ ls", 20, 10)], "REPOSITORY")
    assert found == {"~/code/atlas-payments"} or any("atlas-payments" in f for f in found)
    assert _found([line("$ cd ~/code/docs (main) $", 20, 10)], "REPOSITORY") == set()


def test_a_row_naming_a_chat_app_makes_its_hashes_channels() -> None:
    found = _found([line("#payments - Initech - Slack", 20, 10)], "CHANNEL")
    assert any("#payments" in f for f in found)
    assert _found([line("#general - Initech - Slack", 20, 10)], "CHANNEL") == set()
    assert _found([line("Fixed in #128 and #payments", 20, 10)], "CHANNEL") == set()


def test_window_titles_and_the_explorer_name_the_open_folder() -> None:
    assert "atlas-payments" in _found([line("atlas-payments \u2014 Cursor", 20, 10)])
    assert "atlas-payments" in _found([line("atlas-payments \u2014 -zsh \u2014 80x24", 20, 10)])
    assert "atlas-payments" in _found([line("atlas-payments \u2013 billing.py", 20, 10)])
    found = _found([line("EXPLORER", 20, 10), line("ORBIT_ML-OPS", 20, 34)], "REPOSITORY")
    assert found == {"ORBIT_ML-OPS"}
    assert _found([line("EXPLORER", 20, 10), line("CPYTHON", 20, 34)]) == set()
    assert _found([line("Notes \u2014 Cursor", 20, 10)]) == set()


def test_calendar_events_honorifics_and_bracketed_authors_name_people() -> None:
    assert {"Ada", "Tom"} <= _found([line("1:1 Ada / Tom", 20, 10)], "PERSON")
    assert "José Álvarez" in _found([line("Interview: José Álvarez", 20, 10)], "PERSON")
    assert "Jane Doe" in _found([line("Dr. Jane Doe approved the budget.", 20, 10)], "PERSON")
    found = _found([line("a1b2c3 Fix cache (J. Doe, 3 days ago)", 20, 10)], "PERSON")
    assert any("Doe" in f for f in found)
    for generic in ("Team sync", "Lunch", "Call with Support", "Sprint planning / Room 4"):
        assert _found([line(generic, 20, 10)], "PERSON") == set(), generic


def test_a_misread_capital_i_still_starts_a_name_after_a_cue() -> None:
    assert "lñaki Ibáñez" in _found([line("Interview: lñaki Ibáñez", 20, 10)], "PERSON")
    assert _found([line("Interview: lunch plans", 20, 10)], "PERSON") == set()


def test_a_sensitive_url_with_a_space_in_its_path_is_taken_whole() -> None:
    from redaction.image.context import LayoutContext

    def urls(text: str) -> list[str]:
        layout = analyse_layout([line(text, 20, 10)])
        docs = [layout.document("rows"), layout.document("blocks")]
        found = LayoutContext(layout, docs).findings("patterns")
        return [" ".join(layout.word(r).text for r in f.refs) for f in found]

    whole = "https://acme.sharepoint.com/sites/Review/Shared Documents"
    assert urls(whole) == [whole]
    assert urls("https://acme.sharepoint.com/sites/Review is down again today") == [
        "https://acme.sharepoint.com/sites/Review"
    ]


def test_the_shell_prompt_after_a_silent_password_prompt_is_no_secret() -> None:
    """`read -s -p "Password: "` echoes nothing: the next prompt lands on the same line."""
    assert _found([line("Password: bash-5.2# ls /usr", 20, 10)], "SECRET") == set()
    assert _found([line("Password: ann@build-01:~$", 20, 10)], "SECRET") == set()
    assert "hunter2#" in _found([line("Password: hunter2#", 20, 10)], "SECRET")
