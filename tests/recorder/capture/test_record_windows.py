"""`cuarec record` on a fake Windows PC: DPI awareness -> hooks -> real redaction -> Parquet.

The child process is a real ``cuarec record`` whose ``windows_api`` is the documented fake
(fake_windows.py; unverified on real hardware). One recording for the module. The pause
hotkey is set to Ctrl+Alt+Q, the combination Windows reports for AltGr+Q ("@" on a German
layout): typing "@" must neither pause nor reach a hotkey step.
"""

from __future__ import annotations

import pytest

from tests.recorder.capture import fake_windows as fw
from tests.recorder.capture.fake_platforms import Recorded, record_on_fake

SETUP = ("from tests.recorder.capture.fake_windows import FakeWindows, install\n"
         "install(FakeWindows())")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    return record_on_fake(SETUP, [
        "Write the letter", "--fps", "8", "--max-backlog", "3600", "--pause-hotkey",
        "ctrl+alt+q", "--no-ner"], tmp_path_factory.mktemp("windows"))


def test_the_episode_is_written_and_stopped_by_the_windows_hotkey(recorded: Recorded) -> None:
    assert recorded.summary["stop_reason"] == "hotkey"
    assert "cuarec: ready (stop: ctrl+shift+f12, pause/resume: ctrl+alt+q)" in recorded.stderr
    assert [s.action_type for s in recorded.steps] == [
        "click", "type", "click", "type", "key", "click", "click", "done"]
    assert recorded.metadata.session_type == "win32"


def test_altgr_q_types_an_at_sign_and_fires_no_hotkey(recorded: Recorded) -> None:
    typed = recorded.steps[1]
    assert typed.text == "hi@de"
    assert [e.key for e in typed.events if e.kind == "key_press"] == [
        "h", "i", "alt_gr", "@", "d", "e"]
    assert not any(e.key == "ctrl" for s in recorded.steps for e in s.events)
    assert "hotkey" not in [s.action_type for s in recorded.steps]  # nor paused: steps go on


def test_dpi_scaled_screen_in_physical_pixels(recorded: Recorded) -> None:
    click = recorded.steps[0]
    assert click.screenshot is not None
    assert (click.screenshot.width, click.screenshot.height) == (960, 600)
    assert (click.x, click.y) == (300, 150)
    assert [(m.x, m.width, m.scale) for m in recorded.metadata.monitors] == [
        (0, 960, 1.0), (960, 1280, 1.0)]  # hooks, monitors and frames all in pixels
    # The desktop's own scale, from each monitor's DPI (GetDpiForMonitor: 144 dpi = 150 %).
    assert [m.desktop_scale for m in recorded.metadata.monitors] == [1.5, 1.0]


def test_titles_and_process_names(recorded: Recorded) -> None:
    window = recorded.steps[0].window
    assert window is not None and window.app == "notepad"
    assert window.title is not None and window.title.startswith("Letter to ")
    assert window.title.endswith(" - Notepad") and "Quigley" not in window.title
    assert recorded.steps[6].window is not None and recorded.steps[6].window.app == "explorer"


def test_typing_in_a_password_field_is_a_secret(recorded: Recorded) -> None:
    secret = recorded.steps[3]
    assert {"password_field", "secret_input"} <= set(secret.flags)
    assert secret.text is not None and "hunter" not in secret.text
    assert any(r.entity_type == "PASSWORD" and r.recognizer == "password_field"
               for r in secret.redactions)
    assert "password_field" not in recorded.steps[2].flags  # the click before: not focused
    assert fw.PASSWORD.encode() not in recorded.raw and b"hunter2" not in recorded.raw
    assert not any(e.char and e.char in "hunter2xyz" for e in secret.events
                   if e.kind == "key_press")


def test_elevated_window_is_flagged_and_warned_once(recorded: Recorded) -> None:
    flagged = [s.step_index for s in recorded.steps if "elevated_window" in s.flags]
    assert flagged == [5]
    assert recorded.steps[5].window is not None
    assert recorded.steps[5].window.title == fw.ADMIN.title
    assert recorded.stderr.count("cuarec: warning: an administrator (elevated) window") == 1
