"""Refusing environments where capture cannot be complete: one clear line and exit 3."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recorder.capture import CaptureConfig, CaptureSession, check_x11_environment, session_type
from recorder.capture.platforms import choose_backend
from recorder.errors import EnvironmentProblem, ExitCode, UsageError
from tests.harness import REPO, XDisplay

X11 = {"DISPLAY": ":5", "XDG_SESSION_TYPE": "x11"}


@pytest.mark.parametrize(("env", "kind", "says"), [
    ({}, "none", "no display"),
    ({"XDG_SESSION_TYPE": "tty"}, "none", "no display"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "wayland", "Wayland session without X11"),
    ({"XDG_SESSION_TYPE": "wayland"}, "wayland", "Wayland session without X11"),
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "wayland", "only X11 applications"),
    ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "wayland", "XWayland"),
])
def test_refused_environments(env: dict[str, str], kind: str, says: str) -> None:
    assert session_type(env) == kind
    with pytest.raises(EnvironmentProblem) as info:
        check_x11_environment(env)
    assert says in info.value.message
    assert info.value.exit_code == ExitCode.ENVIRONMENT and int(info.value.exit_code) == 3
    assert "\n" not in info.value.message


def test_x11_is_accepted() -> None:
    check_x11_environment(X11)
    assert session_type(X11) == "x11"


def test_other_platforms_have_no_backend() -> None:
    for platform in ("sunos5", "aix"):
        with pytest.raises(EnvironmentProblem, match="no capture backend for this platform"):
            choose_backend(platform=platform, env=X11)
    with pytest.raises(EnvironmentProblem, match="unknown capture backend"):
        choose_backend("quartz", env=X11)


def test_macos_without_pyobjc_is_an_environment_problem() -> None:
    """The chooser builds the macOS backend; on this Linux machine pyobjc is absent."""
    with pytest.raises(EnvironmentProblem, match="pyobjc is missing") as info:
        choose_backend(platform="darwin", env={})
    assert info.value.exit_code == ExitCode.ENVIRONMENT


def test_session_refuses_wayland_before_touching_anything(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("DISPLAY", ":0")
    ready = tmp_path / "ready"
    with pytest.raises(EnvironmentProblem, match="Wayland"):
        CaptureSession(CaptureConfig(ready_file=ready)).run()
    assert not ready.exists()


def test_unreachable_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    monkeypatch.setenv("DISPLAY", ":87")  # no server there
    with pytest.raises(EnvironmentProblem, match="cannot connect to the X display"):
        CaptureSession(CaptureConfig()).run()


def test_x_authority_refusal_is_a_permission_problem(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that demands a cookie we do not have: 'not permitted', not a traceback."""
    auth = tmp_path / "server.auth"
    subprocess.run(["xauth", "-f", str(auth), "add", ":0", ".", "0123456789abcdef" * 2],
                   check=True, capture_output=True)
    read_fd, write_fd = __import__("os").pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-auth", str(auth),
                               "-nolisten", "tcp", "-screen", "0", "320x240x24"],
                              pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    import os

    os.close(write_fd)
    try:
        number = os.read(read_fd, 16).decode().strip()
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
        monkeypatch.setenv("DISPLAY", f":{number}")
        monkeypatch.setenv("XAUTHORITY", str(tmp_path / "none"))
        with pytest.raises(EnvironmentProblem, match="not permitted"):
            choose_backend()
    finally:
        os.close(read_fd)
        server.terminate()
        server.wait(10)


def test_bad_config_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        CaptureConfig(fps=0)
    with pytest.raises(UsageError):
        CaptureSession(CaptureConfig(stop_hotkey="ctrl+q", pause_hotkey="ctrl+q"))


def test_debug_entry_point_refuses_with_one_line(xdisplay: XDisplay) -> None:
    env = xdisplay.env()
    del env["DISPLAY"]
    result = subprocess.run([sys.executable, "-m", "recorder.capture", "--duration", "1"],
                            env=env, capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.startswith("cuarec: error: no display")
    assert result.stderr.count("\n") == 1


def test_display_lost_mid_session_is_an_environment_problem(tmp_path: Path) -> None:
    """The X server dies while recording (the user logs out): exit 3, not a crash."""
    from tests.harness import start_xvfb

    with start_xvfb(320, 240) as display:
        ready = tmp_path / "ready"
        options = json.dumps({"fps": 10, "ready_file": str(ready)})
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.recorder.capture.driver", options],
            env=display.env(), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        display.process.kill()
        out, err = child.communicate(timeout=60)
    assert child.returncode == 3
    assert out == b""
    assert err.decode().splitlines()[-1].startswith(
        "cuarec: error: screen capture failed; the X display may have gone away")
