"""`cuarec record` on a fake Mac: permission check -> capture -> real redaction -> real Parquet.

The child process is a real ``cuarec record`` whose ``macos_api`` is the documented fake
(fake_macos.py; unverified on real hardware). One recording for the module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.recorder.capture import fake_macos as fm
from tests.recorder.capture.fake_platforms import Recorded, record_on_fake, run_fake_cuarec

SETUP = "from tests.recorder.capture.fake_macos import FakeMac, install\ninstall(FakeMac({}))"
TERMINAL = {"TERM_PROGRAM": "Apple_Terminal"}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    return record_on_fake(SETUP.format(""), [
        "Send the contract", "--fps", "8", "--max-backlog", "3600", "--no-ner"],
        tmp_path_factory.mktemp("mac"), TERMINAL)


def test_the_episode_is_written_and_stopped_by_the_mac_hotkey(recorded: Recorded) -> None:
    assert recorded.summary["stop_reason"] == "hotkey"
    assert "cuarec: ready (stop: ctrl+alt+q, pause/resume: ctrl+alt+p)" in recorded.stderr
    assert [s.action_type for s in recorded.steps] == [
        "click", "type", "hotkey", "click", "click", "drag", "done"]
    assert recorded.steps[1].text == "hello"
    assert recorded.steps[2].keys == ("cmd", "s")
    assert not any(e.key == "q" for s in recorded.steps for e in s.events)


def test_retina_points_become_screenshot_pixels(recorded: Recorded) -> None:
    click, drag = recorded.steps[0], recorded.steps[5]
    assert click.screenshot is not None
    assert (click.screenshot.width, click.screenshot.height) == (640, 400)  # 320x200 pt @2x
    assert (click.x, click.y) == (200, 100)  # the tap said (100, 50) points
    assert (drag.x, drag.y, drag.end_x, drag.end_y) == (20, 20, 220, 140)
    metadata = recorded.metadata
    assert metadata.scale_factor == 2.0
    assert [m.scale for m in metadata.monitors] == [2.0, 1.0]
    assert metadata.session_type == "quartz"


def test_titles_come_from_the_window_list_and_are_redacted(recorded: Recorded) -> None:
    window = recorded.steps[0].window
    assert window is not None and window.app == "Mail"
    assert window.title is not None and window.title.startswith("Contract for ")
    assert "Quigley" not in window.title and "Bartholomew" not in window.title
    assert recorded.steps[5].window is not None
    assert recorded.steps[5].window.title == "Welcome - Example Bank"


def test_secure_input_is_said_in_the_step_flags(recorded: Recorded) -> None:
    flagged = [s.step_index for s in recorded.steps if "secure_input" in s.flags]
    assert flagged == [4]  # the click on "Sign in" while the password field had focus
    # Documented: no keys reach the tap while secure input is on; none were invented.
    assert recorded.steps[4].events and not any(
        e.kind.startswith("key") for e in recorded.steps[4].events)


def test_no_screen_recording_exits_3_with_the_settings_path(tmp_path: Path) -> None:
    out = tmp_path / "episodes"
    done = run_fake_cuarec(SETUP.format("screen_capture=False"), [
        "record", "Send the contract", "--out", str(out), "--yes"], tmp_path, TERMINAL,
        timeout=120)
    assert done.returncode == 3, done.stderr
    # The permission check (preflight) runs first: before the consent text and before the
    # engines load, so the error is the only line.
    assert done.stderr.strip().count("\n") == 0, done.stderr
    error = done.stderr.strip()
    assert error.startswith("cuarec: error: macOS has not allowed Terminal to record the screen")
    assert ("open System Settings > Privacy & Security > Screen & System Audio Recording, "
            "turn on Terminal") in error
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_the_fake_mac_is_the_script_that_was_recorded() -> None:
    """Guards the fixture: the scenes the assertions above rely on."""
    assert fm.MAIL.title == "Contract for Bartholomew Quigley"
    assert fm.SECURE.secure_input and not fm.LOGIN.secure_input
