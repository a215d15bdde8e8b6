"""`cuarec record` of a labelled sign-in form on a real X server (Tk form, xdotool typing).

One recording for the module. The volunteer clicks the field labelled "Message" and types a
chat line with a lowercase name after a verb, clicks the field labelled "Username" and types a
username, moves on with Tab and types a password without any cue word into the masked field
labelled "Password". None of the three values may survive in the stored text or key events (or
anywhere else in the decoded columns and metadata). Then Tab takes the focus back to the message
field and a chat line is typed: the password still masked on screen does not make it a secret.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
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


@dataclass(frozen=True, slots=True)
class Recorded:
    episode: Path
    rows: list[dict[str, object]]
    decoded: str



@pytest.fixture(scope="module")
def recorded(xvfb_factory: Callable[..., harness.XDisplay],
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recorded]:
    display = xvfb_factory(640, 360)
    work = tmp_path_factory.mktemp("form")
    home = work / "home"
    home.mkdir()
    env = display.env(HOME=str(home), XDG_CONFIG_HOME=str(work / "config"),
                      TMPDIR=str(work))
    form = subprocess.Popen([sys.executable, str(FORM)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    ready = work / "ready"
    err_path = work / "stderr.txt"
    with err_path.open("w") as err_file:
        recorder = subprocess.Popen(
            harness.cuarec_command("record", "Sign in and leave a note", "--out",
                                   str(work / "episodes"), "--duration", "60", "--yes",
                                   "--json", "--ready-file", str(ready), "--fps", "2"),
            env={**env, "PYTHONPATH": os.environ.get("PYTHONPATH", str(harness.REPO))},
            stdout=subprocess.PIPE, stderr=err_file, text=True, stdin=subprocess.DEVNULL,
            cwd=harness.REPO)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert recorder.poll() is None, err_path.read_text()
            assert time.monotonic() < deadline, "recorder never became ready"
            time.sleep(0.05)
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
        display.xdotool("key", "ctrl+alt+q")
        stdout, _ = recorder.communicate(timeout=180)
    finally:
        if recorder.poll() is None:
            recorder.kill()
        form.terminate()
        form.wait(timeout=10)
    assert recorder.returncode == 0, err_path.read_text()
    episode = Path(str(json.loads(stdout)["episode"]))
    table = pq.read_table(episode)
    rows = table.drop_columns(["screenshot"]).to_pylist()
    metadata = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    yield Recorded(episode, rows, json.dumps(rows, default=str) + json.dumps(metadata))


def test_the_typing_was_recorded(recorded: Recorded) -> None:
    """The three runs were captured as typing (else the canaries below prove nothing)."""
    typed = [r for r in recorded.rows if r.get("action_type") == "type"]
    assert len(typed) >= 3
    stored = " ".join(str(r.get("text") or "") for r in typed)
    assert "ask" in stored and "about it" in stored


def test_a_line_typed_after_the_password_field_is_kept(recorded: Recorded) -> None:
    """The password stays masked on screen while the chat line is typed after Tab: the line
    is not taken for a secret (nor for the password a login form's next field would be)."""
    stored = [str(r.get("text")) for r in recorded.rows if r.get("action_type") == "type"]
    assert any(AFTER_PASSWORD.strip() in text for text in stored), stored


@pytest.mark.parametrize("canary", CANARIES)
def test_no_typed_value_survives_in_text_or_events(recorded: Recorded, canary: str) -> None:
    assert canary not in recorded.decoded.casefold()
