"""User names, channels and repositories on screens drawn in text (no OCR): taken where the
page shows what they are (or anywhere, for the rules a setting switches on), and look-alikes
on public pages (decorators, issue numbers, source paths, public projects)."""

from __future__ import annotations

import pytest

from redaction.lexicon import tagged
from tests.redaction.rules.support import layout_found

_CHAT = "Channels\nDirect messages\n"
_CODE_HOST = "Code  Issues 41  Pull requests 7  Actions\n"

# The registry's table for this family (tests/redaction/rules/test_registry.py): (rule, screen
# drawn in text, value found) and (rule, screen with nothing found).
TRUE_CASES = [
    (
        "screen_url",
        "https://example.org/reset?token=a1b2c3d4e5f6",
        "https://example.org/reset?token=a1b2c3d4e5f6",
    ),
    ("screen_handle", "ping @jdoe_42 about it", "@jdoe_42"),
    ("screen_prompt_user", "jdoe@laptop:~$ ls", "jdoe@laptop:~$"),
    ("screen_user_context", "TODO(jdoe): remove", "TODO(jdoe):"),
    ("screen_channel", "see #ops-alerts", "#ops-alerts"),
    ("screen_repository", "initech/atlas-billing", "initech/atlas-billing"),
    ("chat_channel", _CHAT + "Moving this to #ops-payments please", "#ops-payments"),
    ("channel_sidebar", "Channels\nproj-falcon\ncust-initech\nDirect messages", "proj-falcon"),
    ("channel_sentence", "Posted in #team-payments today", "#team-payments"),
    ("channel_title", "#proj-x - Acme - Chat", "#proj-x"),
    ("channel_title", "Acme Workspace | #cust-initech-eng", "#cust-initech-eng"),
    ("channel_line", "#team-payments", "#team-payments"),
    (
        "project_folder",
        "billing.py \u2014 atlas-payments \u2014 Visual Studio Code",
        "atlas-payments",
    ),
    ("explorer_folder", "EXPLORER\n> atlas-payments", "atlas-payments"),
    ("mention", "can @ada.byron check the numbers?", "@ada.byron"),
    ("prompt_or_home_user", "/Users/jdoe/code/atlas", "/Users/jdoe/code/atlas"),
    ("user_cue", "jdoe wants to merge 3 commits", "jdoe"),
    ("user_cue", _CODE_HOST + "Fix login by jdoe_42", "jdoe_42"),
    ("user_cue", _CODE_HOST + "Fix login by ana42", "ana42"),
    ("user_cue", _CODE_HOST + "jdoe committed 3 days ago", "jdoe"),
    ("user_cue", _CODE_HOST + "jdoe commented 3 days ago", "jdoe"),
    ("user_cue", _CODE_HOST + "wants to merge 2 commits into main from jdoe:fix", "jdoe:fix"),
    ("avatar_login", _CODE_HOST + "Reviewers\nZM zachary66", "zachary66"),
    ("avatar_login", _CODE_HOST + "Reviewers\nw isaiah_w", "isaiah_w"),
    (
        "screen_url",
        "https://acme.sharepoint.com/sites/Review/Shared Documents",
        "https://acme.sharepoint.com/sites/Review/Shared Documents",
    ),
    ("prompt_or_home_user", "jdoe@MacBook-Pro ~/code (main) $", "jdoe@MacBook-Pro"),
    ("prompt_or_home_user", "jdoe@host:~$", "jdoe@host:~$"),
    ("project_folder", "~/code/atlas-payments (main) $", "~/code/atlas-payments"),
    ("project_folder", "\u279c atlas-payments git:(main)", "atlas-payments"),
    ("channel_line", "#ops_alerts  \u00b7 12 members", "#ops_alerts"),
    (
        "code_host_repository",
        "Code  Issues 4  Merge requests 2  Pipelines\ninitech / atlas-billing",
        "initech / atlas-billing",
    ),
    ("account_line", "Host build-box\n  User jdoe\n  IdentityFile ~/.ssh/id_jdoe", "jdoe"),
    ("account_line", "USER=ana.lima", "USER=ana.lima"),
    ("avatar_login", _CODE_HOST + "Reviewers\nKW kimberly-walters", "kimberly-walters"),
    (
        "cued_repository",
        "git clone git@github.com:initech/atlas-billing.git",
        "git@github.com:initech/atlas-billing.git",
    ),
    ("code_host_repository", _CODE_HOST + "initech / atlas-billing", "initech / atlas-billing"),
    ("login_beside_name", "SM Siofra Moreira   @siofram   Owner", "@siofram"),
    ("login_beside_name", "Nicole Bergmann   bergmann_nic   Guest", "bergmann_nic"),
    ("login_beside_name", "Jane Doe   jdoe42", "jdoe42"),
    ("login_beside_name", "DB   Dana Butler   dbutler   Guest", "dbutler"),
    ("netrc_login", "machine git.example.com login ana.lima password hunter2", "ana.lima"),
    ("login_row", "kmiller42   10:32 AM\nanyone up for lunch?", "kmiller42"),
    ("login_row", "zoe.k   3 days ago", "zoe.k"),
    ("login_row", "JD   jdoe42   Admin", "jdoe42"),
    ("login_row", "KM   kmiller   Member", "kmiller"),
    ("login_row", "[10:32] <kmiller42> anyone up for lunch?", "<kmiller42>"),
    ("login_row", "Followers\n@imorrison\n@heather25", "@heather25"),
    ("login_row", "@treiterer \u00b7 17h\n@heather25 \u00b7 2h", "@treiterer"),
]
FALSE_CASES = [
    ("screen_url", "https://docs.python.org/3/library/re.html"),
    ("screen_handle", "@media screen"),
    ("screen_prompt_user", "mail ada@example.org today"),
    ("screen_user_context", "merged by default"),
    ("screen_channel", "#123 fixed"),
    ("screen_repository", "src/app"),
    ("chat_channel", _CHAT + "Moving this to #general please"),
    ("channel_sidebar", "Channels\ngeneral\nrandom"),
    ("channel_sentence", "#include <stdio.h>"),
    ("channel_title", "Issue #4521 - Login fails"),
    ("channel_title", "#include - stdio.h"),
    ("channel_line", "#announcements"),
    ("project_folder", "README.md \u2014 cpython \u2014 Visual Studio Code"),
    ("explorer_folder", "EXPLORER\n> src"),
    ("mention", "@Override public String name"),
    ("prompt_or_home_user", "/home/root/.bashrc"),
    ("prompt_or_home_user", "mail <ana@example.org>"),
    ("user_cue", "sorted by default"),
    ("account_line", "User root"),
    ("account_line", "User settings"),
    ("avatar_login", "Reviewers\nKW kimberly-walters"),
    ("cued_repository", "docker pull ghcr.io/python/cpython:3.12"),
    ("code_host_repository", _CODE_HOST + "Engineering / Runbooks"),
    ("login_beside_name", "Getting Started   getting-started.md   2 KB"),
    ("login_beside_name", "Ana Lima   settings_v2   Owner"),
    ("login_beside_name", "Release Notes   v2.4.1"),
    ("login_beside_name", "Dana Butler wrote that the butler came"),
    ("netrc_login", "Please login to the machine first"),
    ("login_row", "Release notes   10:32 AM"),
    ("login_row", "settings   3 days ago"),
    ("login_row", "report.pdf   3 days ago"),
    ("login_row", "OK   Cancel"),
    ("login_row", "PR   main   Merged"),
    ("login_row", "@property\ndef name(self):"),
    ("login_row", "@pytest.fixture"),
    ("login_row", "@media screen"),
    ("login_row", "@Override\npublic String name()"),
    ("login_row", "@Autowired"),
    ("login_row", "@0verride\npublic String name()"),
    ("login_row", "@imorrison"),  # one handle alone: not yet a list
]


@pytest.mark.parametrize(("name", "screen", "value"), TRUE_CASES)
def test_identifier_rule_finds(name: str, screen: str, value: str) -> None:
    assert value in layout_found(name, screen)


@pytest.mark.parametrize(("name", "screen"), FALSE_CASES)
def test_identifier_rule_leaves_alone(name: str, screen: str) -> None:
    assert layout_found(name, screen) == set()


@pytest.mark.parametrize("host", tagged("online", "code_hosts", "screen"))
def test_every_code_host_of_the_lexicon_is_read_on_screens(host: str) -> None:
    # A finding is the OCR words it covers: here the whole address.
    url = f"https://{host}/initech/atlas-billing"
    assert layout_found("cued_repository", url) == {url}
    assert layout_found("cued_repository", "https://example.org/initech/atlas-billing") == set()
    # A line that shows the host makes the page a code host's: its "owner / name" header.
    page = f"{host}/initech\ninitech / atlas-billing"
    assert layout_found("code_host_repository", page) == {"initech / atlas-billing"}
    assert layout_found("code_host_repository", "example.org/initech\ninitech / atlas-billing") \
        == set()


@pytest.mark.parametrize("host", tagged("online", "code_hosts", "registry"))
def test_every_container_registry_of_the_lexicon_names_repositories(host: str) -> None:
    image = f"{host}/initech/atlas-billing:sha-1a2b3c"
    assert layout_found("cued_repository", f"Artifact: {image}") == {image}
    assert layout_found("cued_repository", "Artifact: example.org/initech/atlas-billing:sha") \
        == set()
