"""The macOS backend on the fake ``macos_api`` (documented values; unverified on a real Mac)."""

from __future__ import annotations

import json
import sys
import threading

import pytest

from recorder.capture import CaptureConfig, CaptureSession, macos_api
from recorder.capture.backend import SECRET_SECURE_INPUT
from recorder.capture.macos import INPUT_MONITORING_PANE, SCREEN_RECORDING_PANE, MacBackend
from recorder.capture.macos_api import TapEvent
from recorder.errors import EnvironmentProblem, ExitCode
from redaction.models import InputEvent
from tests.recorder.capture import fake_macos as fm

TERMINAL = {"TERM_PROGRAM": "Apple_Terminal"}


def backend(fake: fm.FakeMac, env: dict[str, str] | None = None) -> MacBackend:
    return MacBackend(TERMINAL if env is None else env, api=fake.module())


def test_no_screen_recording_is_refused_with_the_settings_path() -> None:
    fake = fm.FakeMac(screen_capture=False)
    with pytest.raises(EnvironmentProblem) as info:
        backend(fake).check_environment()
    message = info.value.message
    assert info.value.exit_code == ExitCode.ENVIRONMENT
    assert SCREEN_RECORDING_PANE in message
    assert "System Settings > Privacy & Security > Screen & System Audio Recording" in message
    assert "turn on Terminal" in message and "wallpaper" in message and "\n" not in message
    assert "request_screen_capture" in fake.calls  # the terminal is put on the list


@pytest.mark.parametrize(("env", "app"), [({"TERM_PROGRAM": "iTerm.app"}, "iTerm"),
                                          ({"TERM_PROGRAM": "vscode"}, "Visual Studio Code"),
                                          ({}, "the terminal app you run cuarec from")])
def test_the_app_to_grant_is_the_terminal(env: dict[str, str], app: str) -> None:
    with pytest.raises(EnvironmentProblem, match=f"turn on {app}"):
        backend(fm.FakeMac(screen_capture=False), env).check_environment()


def test_input_monitoring_or_accessibility_is_needed() -> None:
    with pytest.raises(EnvironmentProblem) as info:
        backend(fm.FakeMac(input_monitoring=False)).check_environment()
    assert INPUT_MONITORING_PANE in info.value.message
    report = backend(fm.FakeMac(input_monitoring=False, accessibility=True)).check_environment()
    assert report.backend == "macos"


def test_monitors_in_points_with_their_backing_scale() -> None:
    main, side = backend(fm.FakeMac()).monitors()
    assert (main.width, main.height, main.scale, main.pixel_ratio, main.primary) == (
        320, 200, 2.0, 2.0, True)
    assert (side.x, side.scale, side.pixel_ratio, side.primary) == (320, 1.0, 1.0, False)
    assert main.scale_source == "NSScreen.backingScaleFactor"


def _translate(events: list[TapEvent]) -> list[InputEvent]:
    mac = backend(fm.FakeMac())
    out = [mac.translate((0.0, "tap", e), 1.0) for e in events]
    return [e for e in out if e is not None]


def test_keys_are_named_like_every_platform() -> None:
    api = macos_api
    events = _translate([
        TapEvent(api.KEY_DOWN, 0, 0, 0x0C, fm.CTRL, "\x11"),  # Control+Q: a control character
        TapEvent(api.KEY_DOWN, 0, 0, 0x53, 0, "1"),  # keypad 1
        TapEvent(api.KEY_DOWN, 0, 0, 0x4C, 0, "\x03"),  # keypad Enter
        TapEvent(api.KEY_DOWN, 0, 0, 0x24, 0, "\r"),  # Return
        TapEvent(api.KEY_DOWN, 0, 0, 0x0E, fm.ALT, ""),  # Option+E: a dead key
        TapEvent(api.KEY_UP, 0, 0, 0x0E, fm.ALT, ""),  # ...released under the same name
        TapEvent(api.KEY_DOWN, 0, 0, 0x0E, 0, "é"),  # ...then E gives é
        TapEvent(api.KEY_DOWN, 0, 0, 0x0C, fm.ALT, "œ"),  # Option+Q types œ
        TapEvent(api.KEY_DOWN, 0, 0, 0x7B, 0, "\uf702"),  # left arrow (private-use char)
    ])
    assert [(e.key, e.char) for e in events] == [
        ("q", None), ("kp_1", "1"), ("kp_enter", None), ("enter", None), ("dead", None),
        ("dead", None), ("é", "é"), ("œ", "œ"), ("left", None)]


def test_modifiers_left_and_right_from_the_device_bits() -> None:
    api = macos_api
    r_cmd = 0x0010
    events = _translate([
        TapEvent(api.FLAGS_CHANGED, 0, 0, 0x37, fm.CMD | fm.D_CMD),  # left Command down
        TapEvent(api.FLAGS_CHANGED, 0, 0, 0x36, fm.CMD | fm.D_CMD | r_cmd),  # right down
        TapEvent(api.FLAGS_CHANGED, 0, 0, 0x37, fm.CMD | r_cmd),  # left up, right still held
        TapEvent(api.FLAGS_CHANGED, 0, 0, 0x36, 0),  # right up
        TapEvent(api.FLAGS_CHANGED, 0, 0, 0x3A, fm.ALT | 0x0020),  # Option is alt
    ])
    assert [(e.kind, e.key) for e in events] == [
        ("key_press", "cmd"), ("key_press", "cmd_r"), ("key_release", "cmd"),
        ("key_release", "cmd_r"), ("key_press", "alt")]


def test_pointer_events_stay_in_points() -> None:
    api = macos_api
    events = _translate([
        TapEvent(api.RIGHT_MOUSE_DOWN, 10.7, 20.2, button=1),
        TapEvent(api.OTHER_MOUSE_UP, 5, 6, button=2),
        TapEvent(api.OTHER_MOUSE_DOWN, 5, 6, button=3),
        TapEvent(api.SCROLL_WHEEL, 7, 8, scroll_dy=-3),
        TapEvent(api.SCROLL_WHEEL, 7, 8),  # end of momentum: nothing
        TapEvent(api.LEFT_MOUSE_DRAGGED, 9, 9),
    ])
    assert [(e.kind, e.x, e.y, e.button, e.dy) for e in events] == [
        ("button_press", 10, 20, "right", None), ("button_release", 5, 6, "middle", None),
        ("button_press", 5, 6, "button4", None), ("scroll", 7, 8, None, -3),
        ("move", 9, 9, None, None)]


def test_a_session_on_the_fake_mac() -> None:
    """Points become screenshot pixels (x2), titles and secure input come with the frames,
    Control+Option+Q stops and never reaches a step."""
    session = CaptureSession(CaptureConfig(fps=8, announce=False, handle_signals=False),
                             backend=backend(fm.FakeMac()))
    result = session.run()
    assert result.stop_reason == "hotkey" and result.frame_size == (640, 400)
    assert session.device_scale == 2.0 and result.monitor.to_info().scale == 2.0
    steps = {s.step_index: s for s in result.steps}
    summary = [(s.action_type, s.x, s.y, s.text, s.keys) for s in result.steps]
    assert summary == [
        ("click", 200, 100, None, ()), ("type", None, None, "hello", ()),
        ("hotkey", None, None, None, ("cmd", "s")), ("click", 300, 240, None, ()),
        ("click", 320, 320, None, ()), ("drag", 20, 20, None, ()),
        ("done", None, None, None, ())]
    drag = steps[5]
    assert (drag.end_x, drag.end_y) == (220, 140)
    assert steps[0].window is not None and steps[0].window.title == fm.MAIL.title
    assert steps[0].window.app == "Mail"
    secure = steps[4]
    assert secure.window is not None and secure.window.secret == SECRET_SECURE_INPUT
    assert SECRET_SECURE_INPUT in secure.flags
    assert [s.step_index for s in result.steps if SECRET_SECURE_INPUT in s.flags] == [4]
    assert not any(e.key == "q" for s in result.steps for e in s.events)


def _helper(lines: list[str], linger: bool = True) -> list[str]:
    """A stand-in for the tap helper: prints ``lines``, then waits to be stopped."""
    code = "import sys, time\n" + "".join(
        f"sys.stdout.write({line!r} + '\\n'); sys.stdout.flush()\n" for line in lines)
    return [sys.executable, "-c", code + ("time.sleep(60)\n" if linger else "")]


def test_the_tap_helper_pipe_streams_events_and_stops() -> None:
    """The parent side of the helper process (real code, a stand-in helper)."""
    got: list[TapEvent] = []
    done = threading.Event()

    def on_event(t: float, event: TapEvent) -> None:
        got.append(event)
        if len(got) == 2:
            done.set()

    lines = ["ready", json.dumps([macos_api.KEY_DOWN, 0, 0, 12, 0, "q", 0, 0, 0]),
             "not json", json.dumps([macos_api.LEFT_MOUSE_DOWN, 10.5, 20.0])]
    tap = macos_api.TapProcess(on_event, _helper(lines))
    assert done.wait(20)
    assert got == [TapEvent(macos_api.KEY_DOWN, 0, 0, 12, 0, "q"),
                   TapEvent(macos_api.LEFT_MOUSE_DOWN, 10.5, 20.0)]
    assert tap.alive()
    tap.stop(5)
    assert not tap.alive()


def test_a_refused_tap_is_a_permission_error_then_exit_3() -> None:
    with pytest.raises(PermissionError, match="Input Monitoring"):
        macos_api.TapProcess(lambda t, e: None, _helper(
            ["no permission to listen to input (Input Monitoring)"], linger=False))
    api = fm.FakeMac().module()

    def refuse(on_event: object) -> None:
        raise PermissionError("no permission")

    api.start_event_tap = refuse  # type: ignore[attr-defined]
    mac = MacBackend(TERMINAL, api=api)
    with pytest.raises(EnvironmentProblem, match="Input Monitoring, turn on Terminal"):
        mac.start_input(lambda raw: None)
