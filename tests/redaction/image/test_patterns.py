"""Handles, channels and repositories on by default where the screen says what they are, and
left alone on public screens that look like them (real OCR on drawn screens)."""

from __future__ import annotations

from typing import Any

from redaction.denylist import DenyList
from redaction.image import FrameRedactor
from tests.redaction.image.conftest import ScreenFactory
from tests.redaction.image.support import covered


def _blurred(redactor: FrameRedactor, image: Any) -> Any:
    result = redactor.redact(image, DenyList())
    assert not result.dropped
    return result


def test_chat_sidebar_channels_and_mentions_are_blurred(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    shown = screen(
        [
            ("Channels", 20, 20),
            ("# proj-falcon-merger", 20, 55, "c1"),
            ("# cust-initech-eng", 20, 90, "c2"),
            ("# general", 20, 125, "general"),
            ("Direct messages", 20, 175),
            ("Ada Byron  10:32 AM", 320, 20),
            ("@ada.byron can you check the numbers today?", 320, 55, "mention"),
            ("Moving this to #ops-payments-eng please", 320, 90, "c3"),
        ],
        size=(900, 220),
    )
    result = _blurred(frame_redactor, shown.image)
    for key in ("c1", "c2", "c3", "mention"):
        box = shown.boxes[key]
        assert any(
            box.x <= b.x + b.w and b.x <= box.x + box.w and abs(b.y - box.y) < 20
            for b in result.blurred
        ), key
    general = shown.boxes["general"]
    assert not covered(general, result.blurred, 0.3)  # every workspace has #general


def test_git_remote_prompt_and_home_path_are_blurred(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    shown = screen(
        [
            ("jdoe@laptop ~/code/atlas (main) $ git remote -v", 10, 10, "prompt"),
            ("origin  git@github.com:initech/atlas-billing.git (fetch)", 10, 45, "remote"),
            ("/Users/jdoe/code/atlas", 10, 80, "home"),
        ],
        size=(900, 120),
        mono=True,
    )
    result = _blurred(frame_redactor, shown.image)
    assert "USERNAME" in {r.entity_type for r in result.redactions}
    for key in ("prompt", "remote", "home"):
        line = shown.boxes[key]
        assert any(abs(b.y + b.h / 2 - (line.y + line.h / 2)) < line.h for b in result.blurred), key


def test_code_and_docs_that_look_like_identifiers_are_left_alone(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    shown = screen(
        [
            ("#include <sys/types.h>", 10, 10),
            ("#define MAX_RETRIES 5", 10, 40),
            ("@Override", 10, 70),
            ("@media (max-width: 600px) { color: #333; }", 10, 100),
            ("See src/main and lib/util; TCP/IP and/or UDP; issue #412", 10, 130),
            ("pip install requests  # docs.python.org/3/library", 10, 160),
        ],
        size=(900, 200),
        mono=True,
    )
    result = _blurred(frame_redactor, shown.image)
    assert result.blurred == ()


def test_a_repository_name_found_once_is_hunted_alone(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    shown = screen(
        [
            ("$ git clone git@github.com:initech/atlas-billing.git", 10, 10),
            ("Cloning into 'atlas-billing'...", 10, 45, "clone"),
            ("remote: Enumerating objects: 1532, done.", 10, 80),
        ],
        size=(900, 120),
        mono=True,
    )
    result = _blurred(frame_redactor, shown.image)
    clone = shown.boxes["clone"]
    assert any(abs(b.y + b.h / 2 - (clone.y + clone.h / 2)) < clone.h for b in result.blurred)
    assert "REPOSITORY" in {r.entity_type for r in result.redactions}


def test_code_host_tabs_apart_make_a_page_of_repositories_and_logins(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    shown = screen(
        [
            ("initech / atlas", 20, 15, "repo"),
            ("Code", 20, 55),
            ("Issues 41", 160, 55),
            ("Pull requests 7", 330, 55),
            ("Actions", 560, 55),
            ("jdoe committed 3 days ago", 20, 100, "login"),
        ],
        size=(900, 140),
    )
    result = _blurred(frame_redactor, shown.image)
    for key in ("repo", "login"):
        box = shown.boxes[key]
        assert any(
            abs(b.y + b.h / 2 - (box.y + box.h / 2)) < box.h and b.x < box.x + box.w / 2
            for b in result.blurred
        ), key


def test_a_channel_named_in_a_mail_is_blurred_and_a_css_id_is_not(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    shown = screen(
        [
            ("Notes are pinned in #team-payments-eng on Slack.", 10, 10, "mail"),
            ("#main-nav { color: #333; }", 10, 60, "css"),
        ],
        size=(900, 100),
    )
    result = _blurred(frame_redactor, shown.image)
    mail, css = shown.boxes["mail"], shown.boxes["css"]
    assert any(abs(b.y - mail.y) < mail.h for b in result.blurred)
    assert not any(abs(b.y - css.y) < css.h for b in result.blurred)
