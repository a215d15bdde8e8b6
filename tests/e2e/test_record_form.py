"""`cuarec record` of a labelled sign-in form on a real X server (Tk form, xdotool typing).

One recording for the module. The volunteer clicks the field labelled "Message" and types a
chat line with a lowercase name after a verb, clicks the field labelled "Username" and types a
username, moves on with Tab and types a password without any cue word into the masked field
labelled "Password". None of the three values may survive in the stored text or key events (or
anywhere else in the decoded columns and metadata). Then Tab takes the focus back to the message
field and a chat line is typed: the password still masked on screen does not make it a secret.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import harness

USERNAME = "velvetotter"
PASSWORD = "marmaladeskies"
NAME = "maria"
MESSAGE = f"ask {NAME} about it"
CANARIES = (USERNAME, PASSWORD, NAME)
#: Typed after Tab from the password field (focus wraps to the message field).
AFTER_PASSWORD = " see you at noon"
FORM = Path(__file__).with_name("login_form.py")
#: The middle of the fields clicked (see login_form.py).
MESSAGE_FIELD = (330, 80)
USERNAME_FIELD = (330, 150)


@pytest.fixture(scope="module")
def recorded(xvfb_factory: Callable[..., harness.XDisplay],
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[harness.Recorded]:
    display = xvfb_factory(640, 360)
    work = tmp_path_factory.mktemp("form")
    with harness.app_window(display, FORM), harness.recording(
        display, work, "Sign in and leave a note", "--duration", "60", "--fps", "2"
    ) as run:
        time.sleep(1.0)
        display.xdotool("mousemove", str(MESSAGE_FIELD[0]), str(MESSAGE_FIELD[1]),
                        "click", "1")
        time.sleep(1.0)
        display.type(MESSAGE, 60)
        time.sleep(1.5)
        display.xdotool("mousemove", str(USERNAME_FIELD[0]), str(USERNAME_FIELD[1]),
                        "click", "1")
        time.sleep(1.0)
        display.type(USERNAME, 60)
        display.xdotool("key", "Tab")
        time.sleep(1.5)
        display.type(PASSWORD, 60)
        time.sleep(1.5)
        display.xdotool("key", "Tab")
        time.sleep(1.5)
        display.type(AFTER_PASSWORD, 60)
        time.sleep(1.5)
        episode = harness.stop_recording(run, timeout=180)
    yield harness.read_recorded(episode)


def test_the_typing_was_recorded(recorded: harness.Recorded) -> None:
    """The three runs were captured as typing (else the canaries below prove nothing)."""
    typed = [r for r in recorded.rows if r.get("action_type") == "type"]
    assert len(typed) >= 3
    stored = " ".join(str(r.get("text") or "") for r in typed)
    assert "ask" in stored and "about it" in stored


def test_a_line_typed_after_the_password_field_is_kept(recorded: harness.Recorded) -> None:
    """The password stays masked on screen while the chat line is typed after Tab: the line
    is not taken for a secret (nor for the password a login form's next field would be)."""
    stored = [str(r.get("text")) for r in recorded.rows if r.get("action_type") == "type"]
    assert any(AFTER_PASSWORD.strip() in text for text in stored), stored


@pytest.mark.parametrize("canary", CANARIES)
def test_no_typed_value_survives_in_text_or_events(recorded: harness.Recorded, canary: str) -> None:
    assert canary not in recorded.decoded.casefold()
