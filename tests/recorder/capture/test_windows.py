"""The Windows backend on the fake ``windows_api`` (documented values; unverified on a PC)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from recorder.capture import CaptureConfig, CaptureSession, platforms, windows_api
from recorder.capture.backend import FLAG_ELEVATED, SECRET_PASSWORD_FIELD
from recorder.capture.windows import WindowsBackend, app_name
from recorder.capture.windows_api import KeyReport
from recorder.errors import EnvironmentProblem, ExitCode
from redaction.models import InputEvent
from tests.recorder.capture import fake_windows as fw
from tests.recorder.capture.fake_platforms import Show, Switch, run_fake_cuarec


def backend(fake: fw.FakeWindows) -> WindowsBackend:
    return WindowsBackend({}, api=fake.module())


def test_dpi_awareness_is_set_before_any_window_call() -> None:
    fake = fw.FakeWindows()
    pc = backend(fake)
    pc.check_environment()
    monitors = pc.monitors()
    source = pc.frame_source(monitors[0])
    source.focused_window()
    assert fake.calls[0] == "set_per_monitor_dpi_awareness"
    assert set(fw.WINDOW_CALLS) & set(fake.calls[1:])


def test_no_per_monitor_dpi_awareness_is_refused() -> None:
    with pytest.raises(EnvironmentProblem, match="per-monitor DPI aware") as info:
        backend(fw.FakeWindows(dpi_aware=False)).check_environment()
    assert info.value.exit_code == ExitCode.ENVIRONMENT


def test_each_monitor_has_its_dpi_scale() -> None:
    pc = backend(fw.FakeWindows())
    pc.check_environment()
    main, side = pc.monitors()
    assert (main.width, main.dpi, main.scale, main.pixel_ratio, main.primary) == (
        960, 144.0, 1.5, 1.0, True)
    assert (side.x, side.scale, side.primary, side.scale_source) == (
        960, 1.0, False, "GetDpiForMonitor")


@pytest.mark.parametrize(("image", "app"), [
    (r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe", "msedge"),
    (r"C:\Windows\System32\mmc.EXE", "mmc"), ("python", "python"), (None, None)])
def test_app_names_from_the_process_image(image: str | None, app: str | None) -> None:
    assert app_name(image) == app


def _translate(reports: list[tuple[object, ...]]) -> list[InputEvent]:
    pc = backend(fw.FakeWindows())
    events = [pc.translate((0.0, *r), 1.0) for r in reports]
    return [e for e in events if e is not None]


def test_keys_and_buttons_are_named_like_every_platform() -> None:
    down = windows_api.KEY_DOWN
    events = _translate([
        (down, KeyReport(0xA2, special="ctrl_l")), (down, KeyReport(0x51, "\x11")),  # Ctrl+Q
        (down, KeyReport(0x5B, special="cmd")), (down, KeyReport(0x61, "1")),  # Win, keypad 1
        (down, KeyReport(0xDE, "\u00b4", is_dead=True)),  # a dead acute (German)
        (down, KeyReport(0x45, "é")), (down, KeyReport(0x51, None)),  # Ctrl+Alt+Q, US layout
        (down, KeyReport(0x20, special="space")),
        (windows_api.MOUSE_BUTTON, 5, 6, "x1", True),
        (windows_api.MOUSE_WHEEL, 5, 6, 0, -1),
    ])
    assert [(e.kind, e.key, e.char, e.button) for e in events] == [
        ("key_press", "ctrl", None, None), ("key_press", "q", None, None),
        ("key_press", "cmd", None, None), ("key_press", "kp_1", "1", None),
        ("key_press", "dead_00b4", None, None), ("key_press", "é", "é", None),
        ("key_press", "q", None, None), ("key_press", "space", " ", None),
        ("button_press", None, None, "button8"), ("scroll", None, None, None)]
    assert events[-1].dy == -1


def test_a_session_on_the_fake_pc(monkeypatch: pytest.MonkeyPatch) -> None:
    """DPI scale, titles and process names, the password field, the elevated window, and
    German AltGr+Q typing "@" without firing a Ctrl+Alt+Q hotkey (set as pause here)."""
    monkeypatch.setattr(platforms, "current_platform", lambda: "win32")  # Windows' defaults
    err = io.StringIO()
    session = CaptureSession(
        CaptureConfig(fps=8, handle_signals=False, pause_hotkey="ctrl+alt+q"),
        backend=backend(fw.FakeWindows()), stderr=err)
    result = session.run()
    assert result.stop_reason == "hotkey" and result.pauses == ()
    assert "stop: ctrl+shift+f12" in err.getvalue()
    assert result.monitor.scale == 1.5 and session.device_scale == 1.5
    assert result.frame_size == (960, 600)
    summary = [(s.action_type, s.x, s.y, s.text, s.keys, s.flags) for s in result.steps]
    assert summary == [
        ("click", 300, 150, None, (), ()),
        ("type", None, None, "hi@de", (), ()),
        ("click", 400, 300, None, (), ()),
        ("type", None, None, fw.PASSWORD, (), (SECRET_PASSWORD_FIELD,)),
        ("key", None, None, None, ("enter",), (SECRET_PASSWORD_FIELD,)),
        ("click", 500, 400, None, (), (FLAG_ELEVATED,)),
        ("click", 100, 100, None, (), ()),
        ("done", None, None, None, (), ())]
    typed = result.steps[1]
    assert [e.key for e in typed.events if e.kind == "key_press"] == [
        "h", "i", "alt_gr", "@", "d", "e"]
    assert not any(e.key == "ctrl" for s in result.steps for e in s.events)  # fake Ctrl gone
    first = result.steps[0].window
    assert first is not None and (first.app, first.title) == ("notepad", fw.NOTEPAD.title)
    assert err.getvalue().count("cuarec: warning: an administrator") == 1  # warned once


def test_the_debug_entry_reports_the_dpi_scale(tmp_path: Path) -> None:
    """`python -m recorder.capture` on the fake PC: the monitor's scale from its DPI."""
    done = run_fake_cuarec(
        "from tests.recorder.capture.fake_windows import FakeWindows, install\n"
        "install(FakeWindows())", ["--fps", "8"], tmp_path, entry="recorder.capture.__main__",
        timeout=120)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["scale"], summary["scale_source"]) == (1.5, "GetDpiForMonitor")
    assert summary["frame_size"] == [960, 600] and summary["stop_reason"] == "hotkey"


def test_typing_before_a_frame_shows_the_password_field_is_still_a_secret(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The first key arrives before any frame shows the field focused; the frames grabbed
    during the typing do: the typing step is flagged all the same (fail closed)."""
    monkeypatch.setattr(platforms, "current_platform", lambda: "win32")
    first, *rest = fw.type_text(fw.PASSWORD)
    script = [Show(fw.SIGN_IN), *fw.click(400, 300), first, Switch(fw.LOGIN), *rest,
              Show(fw.LOGIN), *fw.special("enter", 0x0D, 0x1C), *fw.stop_hotkey()]
    session = CaptureSession(CaptureConfig(fps=8, announce=False, handle_signals=False),
                             backend=backend(fw.FakeWindows(script=script)))
    steps = session.run().steps
    typed = next(s for s in steps if s.action_type == "type")
    assert typed.window is not None and typed.window.secret is None  # its observation
    assert SECRET_PASSWORD_FIELD in typed.flags
    assert SECRET_PASSWORD_FIELD not in steps[0].flags  # the click: no keys, not flagged


def test_an_elevated_window_is_warned_even_when_it_makes_no_step(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its input is hidden: nothing may be seen while it is in front, yet the warning comes."""
    monkeypatch.setattr(platforms, "current_platform", lambda: "win32")
    script = [Show(fw.ADMIN), Show(fw.DESKTOP), *fw.click(100, 100), *fw.stop_hotkey()]
    err = io.StringIO()
    session = CaptureSession(CaptureConfig(fps=8, handle_signals=False),
                             backend=backend(fw.FakeWindows(script=script)), stderr=err)
    steps = session.run().steps
    assert err.getvalue().count("cuarec: warning: an administrator (elevated) window") == 1
    assert not any(FLAG_ELEVATED in s.flags for s in steps)


def test_the_elevated_warning_goes_through_the_record_display_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With a display (as ``cuarec record`` runs it), the warning is the display's, so its
    status line is cleared first; nothing is written to stderr behind its back."""
    monkeypatch.setattr(platforms, "current_platform", lambda: "win32")
    script = [Show(fw.ADMIN), *fw.click(100, 100), Show(fw.DESKTOP), *fw.click(120, 100),
              *fw.stop_hotkey()]
    err = io.StringIO()
    warned: list[str] = []
    session = CaptureSession(CaptureConfig(fps=8, handle_signals=False),
                             backend=backend(fw.FakeWindows(script=script)), stderr=err,
                             on_warning=warned.append)
    session.run()
    assert len(warned) == 1 and warned[0].startswith("an administrator (elevated) window")
    assert "warning" not in err.getvalue()


def test_when_ui_automation_fails_typing_has_unknown_focus_and_is_warned_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No IsPassword answer (comtypes or COM failed): the password field cannot be told from
    any other, so every window's focus is unknown (the recorder then redacts its typing as a
    secret) and one value-free warning says so."""
    monkeypatch.setattr(platforms, "current_platform", lambda: "win32")
    script = [Show(fw.NOTEPAD), *fw.type_text("hi"), Show(fw.LOGIN), *fw.click(400, 300),
              *fw.type_text(fw.PASSWORD),
              *fw.stop_hotkey()]
    err = io.StringIO()
    session = CaptureSession(CaptureConfig(fps=8, handle_signals=False),
                             backend=backend(fw.FakeWindows(script=script, uia_fails=True)),
                             stderr=err)
    typed = [s for s in session.run().steps if s.action_type == "type"]
    assert len(typed) == 2
    for step in typed:
        assert step.window is not None and not step.window.focus_known
        assert SECRET_PASSWORD_FIELD not in step.flags  # not known to be one either
    assert typed[1].window is not None and typed[1].window.app == "msedge"  # still named
    warnings = [line for line in err.getvalue().splitlines() if "password field" in line]
    assert warnings == ["cuarec: warning: the system cannot say whether the focused field is "
                        "a password field, so typing there is redacted as a secret"]
    assert "msedge" not in err.getvalue() and "Sign in" not in err.getvalue()


def test_ui_automation_answering_keeps_the_focus_known() -> None:
    pc = backend(fw.FakeWindows())
    pc.check_environment()
    window = pc.frame_source(pc.monitors()[0]).focused_window()
    assert window is not None and window.focus_known
    broken = backend(fw.FakeWindows(uia_fails=True))
    broken.check_environment()
    window = broken.frame_source(broken.monitors()[0]).focused_window()
    assert window is not None and not window.focus_known and window.app == "explorer"
