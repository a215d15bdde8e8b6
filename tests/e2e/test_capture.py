"""Capture end to end: a real xterm on Xvfb driven by xdotool, recorded by a real session.

One scripted session holds every action type; the tests below assert on it. Each action is
preceded by a settle and a reference screenshot taken by the test itself, so an observation
is right when it equals the screen as it was just before the action.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from recorder.capture import READY_PREFIX, CaptureResult, RawStep
from tests.harness import REPO, XDisplay

SETTLE_S = 0.5  # > 2 frames at 10 fps, < the 2 s wait threshold and > the double-click time
XTERM_TITLE = "capture-test"


def grab(display: XDisplay, scale: float = 1.0) -> np.ndarray[Any, Any]:
    """The whole screen as BGR, grabbed by the test (not by the code under test)."""
    import cv2
    import mss

    with mss.MSS(display=display.name) as sct:
        shot = sct.grab(sct.monitors[1])
    bgr = cv2.cvtColor(np.frombuffer(shot.raw, np.uint8).reshape(shot.height, shot.width, 4),
                       cv2.COLOR_BGRA2BGR)
    if scale != 1.0:
        size = (round(shot.width * scale), round(shot.height * scale))
        bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
    return bgr


@dataclass
class Recording:
    """A capture session running in a child process (tests/recorder/capture/driver.py)."""

    display: XDisplay
    process: subprocess.Popen[bytes]
    ready_file: Path
    stderr: str = ""

    def wait_ready(self, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.ready_file.exists():
            if self.process.poll() is not None:
                err = self.process.stderr.read() if self.process.stderr else b""
                raise AssertionError(f"capture ended before it was ready: {err!r}")
            if time.monotonic() > deadline:
                self.process.kill()
                raise AssertionError("capture never became ready")
            time.sleep(0.01)

    def xdotool(self, *args: str) -> None:
        self.display.xdotool(*args, timeout=30)

    def finish(self, timeout_s: float = 30) -> CaptureResult:
        out, err = self.process.communicate(timeout=timeout_s)
        self.stderr = err.decode()
        assert self.process.returncode == 0, self.stderr
        result = pickle.loads(out)
        assert isinstance(result, CaptureResult)
        return result


@pytest.fixture(scope="module")
def screen(xvfb_factory: Callable[..., XDisplay]) -> XDisplay:
    return xvfb_factory(640, 480)


@pytest.fixture(scope="module")
def xterm(screen: XDisplay) -> Iterator[None]:
    process = subprocess.Popen(["xterm", "-title", XTERM_TITLE, "-geometry", "100x34+0+0",
                                "-e", "cat"], env=screen.env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", f"^{XTERM_TITLE}$"],
                   env=screen.env(), check=True, capture_output=True, timeout=30)
    yield
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def start_recording(screen: XDisplay, tmp_path_factory: pytest.TempPathFactory
                    ) -> Callable[..., Recording]:
    def start(env: dict[str, str] | None = None, **options: Any) -> Recording:
        ready = tmp_path_factory.mktemp("capture") / "ready"
        options = {"fps": 10, "ready_file": str(ready), **options}
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.recorder.capture.driver", json.dumps(options)],
            env=env or screen.env(), cwd=REPO, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return Recording(screen, process, ready)

    return start


@dataclass
class Scenario:
    result: CaptureResult
    stderr: str
    ready_file: Path
    references: dict[int, np.ndarray[Any, Any]] = field(default_factory=dict)

    @property
    def steps(self) -> tuple[RawStep, ...]:
        return self.result.steps


@pytest.fixture(scope="module")
def scenario(screen: XDisplay, xterm: None, start_recording: Callable[..., Recording]
             ) -> Scenario:
    recording = start_recording()
    recording.wait_ready()
    references: dict[int, np.ndarray[Any, Any]] = {}
    do = recording.xdotool

    def before(step: int) -> None:
        """Let the screen settle, then remember it: it is step ``step``'s observation."""
        time.sleep(SETTLE_S)
        references[step] = grab(screen)

    before(0)  # typed text with corrections
    do("type", "--delay", "30", "Hellx")
    do("key", "BackSpace")
    do("type", "--delay", "30", "o wrld")
    do("key", "Left", "Left", "Left")
    do("type", "o")
    do("key", "End")
    before(1)
    do("key", "Return")
    before(2)
    do("mousemove", "100", "200", "click", "1")
    before(3)
    do("mousemove", "150", "50", "click", "--repeat", "2", "--delay", "80", "1")
    before(4)
    do("mousemove", "300", "100", "click", "--repeat", "3", "--delay", "80", "1")
    before(5)
    do("click", "3")
    before(6)
    do("click", "2")
    before(7)
    do("click", "--repeat", "3", "--delay", "30", "5")  # down
    before(8)
    do("click", "--repeat", "2", "--delay", "30", "4")  # up
    before(9)
    do("mousemove", "50", "50", "mousedown", "1", "mousemove", "120", "80",
       "mousemove", "200", "100", "mouseup", "1")
    before(10)
    do("key", "ctrl+e")
    before(11)
    do("mousemove", "400", "300")
    time.sleep(2.6)  # idle: a wait step
    do("key", "ctrl+alt+p")  # pause: nothing until the resume is kept
    do("type", "zzz secret")
    do("key", "ctrl+alt+p")  # resume
    before(13)
    do("type", "after")
    time.sleep(SETTLE_S)
    do("key", "ctrl+alt+q")  # stop
    result = recording.finish()
    return Scenario(result, recording.stderr, recording.ready_file, references)


EXPECTED: list[tuple[str, int | None, int | None, dict[str, object]]] = [
    # action, x, y, extra fields
    ("type", None, None, {"text": "Hello world"}),
    ("key", None, None, {"keys": ("enter",)}),
    ("click", 100, 200, {"button": "left"}),
    ("double_click", 150, 50, {"button": "left"}),
    ("triple_click", 300, 100, {"button": "left"}),
    ("right_click", 300, 100, {"button": "right"}),
    ("middle_click", 300, 100, {"button": "middle"}),
    ("scroll", 300, 100, {"scroll_dx": 0, "scroll_dy": -3}),
    ("scroll", 300, 100, {"scroll_dx": 0, "scroll_dy": 2}),
    ("drag", 50, 50, {"end_x": 200, "end_y": 100, "button": "left"}),
    ("hotkey", None, None, {"keys": ("ctrl", "e"), "modifiers": ("ctrl",)}),
    ("move", 400, 300, {}),
    ("wait", None, None, {}),
    ("type", None, None, {"text": "after"}),
    ("done", None, None, {}),
]


def test_actions_become_exactly_the_expected_steps(scenario: Scenario) -> None:
    steps = scenario.steps
    assert [s.action_type for s in steps] == [e[0] for e in EXPECTED]
    for step, (action, x, y, extra) in zip(steps, EXPECTED, strict=True):
        assert (step.x, step.y) == (x, y), action
        for name, value in extra.items():
            assert getattr(step, name) == value, (action, name)
        assert step.flags == (), action
    assert [s.step_index for s in steps] == list(range(len(EXPECTED)))
    wait = steps[12]
    assert wait.duration_s is not None and wait.duration_s >= 2.5


def test_raw_events_are_nested_in_their_steps(scenario: Scenario) -> None:
    steps = scenario.steps
    typed = [e.key for e in steps[0].events if e.kind == "key_press"]
    assert typed == ["shift", "h", "e", "l", "l", "x", "backspace", "o", "space", "w", "r", "l",
                     "d", "left", "left", "left", "o", "end"]
    assert sum(e.kind == "key_release" for e in steps[0].events) == len(typed)
    assert [e.kind for e in steps[2].events] == ["move", "button_press", "button_release"]
    assert [e.kind for e in steps[3].events] == ["move"] + ["button_press",
                                                             "button_release"] * 2
    assert [e.kind for e in steps[7].events] == ["scroll"] * 3
    drag = steps[9].events
    assert drag[0].kind == "move" and drag[1].kind == "button_press"
    assert (drag[-1].kind, drag[-1].x, drag[-1].y) == ("button_release", 200, 100)
    assert {e.key for e in steps[10].events} == {"ctrl", "e"}
    for step in steps:
        times = [e.t for e in step.events]
        assert times == sorted(times)
        if step.action_type not in ("wait", "done"):
            assert step.timestamp_s == min(times)


def test_observations_are_the_screen_just_before_each_action(scenario: Scenario) -> None:
    steps = scenario.steps
    checked = 0
    for index, reference in scenario.references.items():
        step = steps[index]
        assert step.observation is not None
        assert step.observation.t <= step.timestamp_s
        assert np.array_equal(step.observation.pixels, reference), step.action_type
        checked += 1
    # the wait began when the pointer came to rest: the screen of step 11 still
    rested, waited = steps[11].observation, steps[12].observation
    assert rested is not None and waited is not None
    assert np.array_equal(waited.pixels, scenario.references[11])
    assert checked == 13
    # consecutive identical screens share memory
    assert rested.content_id == waited.content_id
    done = steps[-1]
    assert done.observation is not None and done.observation.pixels.shape == (480, 640, 3)
    assert done.observation.t >= done.timestamp_s


def test_windows_are_named(scenario: Scenario) -> None:
    for step in scenario.steps:
        assert step.window is not None, step.action_type
        assert (step.window.app, step.window.title) == ("XTerm", XTERM_TITLE)


def test_pause_and_stop_hotkeys_leave_no_trace(scenario: Scenario) -> None:
    result = scenario.result
    assert result.stop_reason == "hotkey"
    assert len(result.pauses) == 1
    start, end = result.pauses[0]
    assert end > start
    assert result.stats.events_paused >= 20  # "zzz secret" was seen, and dropped
    events = [e for s in scenario.steps for e in s.events]
    keys = {e.key for e in events}
    # the hotkeys' own keys: alt only ever appears in them, q and p only as their last key;
    # z, s and c were typed only while paused
    assert keys.isdisjoint({"alt", "alt_r", "q", "p", "z", "s", "c"})
    assert all(not (start <= e.t <= end) for e in events)
    assert scenario.steps[13].timestamp_s > end


def test_readiness_and_clean_stop(scenario: Scenario) -> None:
    assert scenario.ready_file.exists() and scenario.ready_file.stat().st_size == 0
    lines = scenario.stderr.splitlines()
    assert lines == [f"{READY_PREFIX} (stop: ctrl+alt+q, pause/resume: ctrl+alt+p)"]
    stats = scenario.result.stats
    assert stats.listeners_left_running == 0
    assert stats.events_recorded > 0 and stats.frames_unique < stats.frames_grabbed
    monitor = scenario.result.monitor
    assert (monitor.width, monitor.height) == scenario.result.frame_size == (640, 480)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signals_stop_cleanly(signum: int, screen: XDisplay, xterm: None,
                              start_recording: Callable[..., Recording]) -> None:
    recording = start_recording()
    recording.wait_ready()
    recording.xdotool("type", "abc")
    time.sleep(0.3)
    recording.process.send_signal(signum)
    result = recording.finish()
    assert result.stop_reason == "signal"
    assert [s.action_type for s in result.steps] == ["type", "done"]
    assert result.steps[0].text == "abc"
    assert result.stats.listeners_left_running == 0


def test_duration_limit_with_scaled_frames(screen: XDisplay, xterm: None,
                                           start_recording: Callable[..., Recording]) -> None:
    recording = start_recording(duration_s=2.0, frame_scale=0.5)
    recording.wait_ready()
    time.sleep(SETTLE_S)
    reference = grab(screen, scale=0.5)
    recording.xdotool("mousemove", "201", "101", "click", "1")
    result = recording.finish()
    assert result.stop_reason == "duration"
    assert result.duration_s == 2.0
    assert result.frame_size == (320, 240)
    click, done = result.steps
    assert (click.action_type, click.x, click.y) == ("click", 100, 50)  # stored-frame pixels
    assert [(e.x, e.y) for e in click.events] == [(100, 50)] * 3
    assert click.observation is not None
    assert np.array_equal(click.observation.pixels, reference)
    assert done.action_type == "done" and done.timestamp_s == 2.0


@pytest.mark.parametrize("variables", [
    {"DISPLAY": None},
    {"WAYLAND_DISPLAY": "wayland-0"},
    {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"},
])
def test_no_display_and_wayland_are_refused(variables: dict[str, str | None], screen: XDisplay,
                                            start_recording: Callable[..., Recording]) -> None:
    env = screen.env()
    for name, value in variables.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    recording = start_recording(env=env)
    out, err = recording.process.communicate(timeout=60)
    assert recording.process.returncode == 3
    assert out == b""
    assert err.decode().startswith("cuarec: error: ") and err.decode().count("\n") == 1
    assert not recording.ready_file.exists()
    assert "DISPLAY" not in os.environ or os.environ["DISPLAY"] not in err.decode()
