"""A fake ``recorder.capture.macos_api`` (documented values: see fake_platforms.py; UNVERIFIED
on real hardware) and the scripted session the macOS tests record.

``install()`` puts the fake in place of the real module and makes the chooser see macOS; the
e2e test runs ``cuarec record`` in a child process that calls it first.
"""

from __future__ import annotations

import sys
import threading
import time
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from recorder.capture import macos_api as real
from recorder.capture.macos_api import Display, TapEvent
from tests.recorder.capture.fake_platforms import (
    Action,
    FakeMachine,
    Player,
    Scene,
    Send,
    Show,
)

SHIFT, CTRL, ALT, CMD = 0x20000, 0x40000, 0x80000, 0x100000
#: Device bits (IOLLEvent.h) that real events carry beside the generic masks.
D_CTRL, D_ALT, D_CMD = 0x0001, 0x0020, 0x0008
NON_COALESCED = 0x100

#: The main display: 320x200 points at 2x (a Retina panel); a second, plain one beside it.
DISPLAYS = (Display(1, 0.0, 0.0, 320.0, 200.0, 2.0, True),
            Display(2, 320.0, 0.0, 400.0, 300.0, 1.0, False))


def key(chars: str, keycode: int = 0x00, flags: int = 0) -> list[Action]:
    return [Send(TapEvent(real.KEY_DOWN, 0, 0, keycode, flags | NON_COALESCED, chars)),
            Send(TapEvent(real.KEY_UP, 0, 0, keycode, flags | NON_COALESCED, chars))]


def type_text(text: str) -> list[Action]:
    return [a for c in text for a in key(c)]


def modifier(keycode: int, flags: int) -> Action:
    return Send(TapEvent(real.FLAGS_CHANGED, 0, 0, keycode, flags | NON_COALESCED))


def click(x: float, y: float) -> list[Action]:
    return [Send(TapEvent(real.MOUSE_MOVED, x, y)),
            Send(TapEvent(real.LEFT_MOUSE_DOWN, x, y)),
            Send(TapEvent(real.LEFT_MOUSE_UP, x, y))]


def stop_hotkey() -> list[Action]:
    """Control+Option+Q: Control's U+0011 as the character."""
    return [modifier(0x3B, CTRL | D_CTRL), modifier(0x3A, CTRL | ALT | D_CTRL | D_ALT),
            *key("\x11", 0x0C, CTRL | ALT | D_CTRL | D_ALT),
            modifier(0x3A, CTRL | D_CTRL), modifier(0x3B, 0)]


MAIL = Scene("Mail", "Contract for Bartholomew Quigley", pid=201, text="Inbox")
LOGIN = Scene("Safari", "Sign in - Example Bank", pid=202, text="Password:")
SECURE = Scene("Safari", "Sign in - Example Bank", pid=202, text="Password: ****",
               secure_input=True)
WELCOME = Scene("Safari", "Welcome - Example Bank", pid=202, text="Welcome")


def session_script() -> list[Action]:
    """Click, type, Cmd+S in Mail; click into a password field (secure input: no keys
    arrive), click Sign in; drag; stop with Control+Option+Q."""
    return [
        Show(MAIL), *click(100, 50), *type_text("hello"),
        modifier(0x37, CMD | D_CMD), *key("s", 0x01, CMD | D_CMD), modifier(0x37, 0),
        Show(LOGIN), *click(150, 120),
        Show(SECURE), *click(160, 160),
        Show(WELCOME),
        Send(TapEvent(real.LEFT_MOUSE_DOWN, 10, 10)),
        Send(TapEvent(real.LEFT_MOUSE_DRAGGED, 60, 40)),
        Send(TapEvent(real.LEFT_MOUSE_DRAGGED, 110, 70)),
        Send(TapEvent(real.LEFT_MOUSE_UP, 110, 70)),
        *stop_hotkey(),
    ]


@dataclass
class FakeMac(FakeMachine):
    """The fake machine: permissions, displays, the screen and what was asked of it."""

    screen_capture: bool = True
    input_monitoring: bool = True
    accessibility: bool = False
    displays: Sequence[Display] = DISPLAYS
    script: Sequence[Action] = field(default_factory=session_script)

    def pixel_size(self) -> tuple[int, int]:
        main = next(d for d in self.displays if d.main)
        return int(main.width * main.scale), int(main.height * main.scale)

    def module(self) -> types.ModuleType:
        """A module with the real one's names and constants, answering from this fake."""
        screen = self.screen

        def answer(name: str, value: Any) -> Callable[[], Any]:
            def call() -> Any:
                self.calls.append(name)
                return value() if callable(value) else value
            return call

        functions: dict[str, Callable[..., Any]] = {
            "screen_capture_allowed": answer("screen_capture_allowed", lambda: self.screen_capture),
            "request_screen_capture": answer("request_screen_capture", False),
            "input_monitoring_allowed": answer("input_monitoring_allowed",
                                               lambda: self.input_monitoring),
            "request_input_monitoring": answer("request_input_monitoring", False),
            "accessibility_trusted": answer("accessibility_trusted", lambda: self.accessibility),
            "secure_input_enabled": lambda: screen.scene.secure_input,
            "displays": lambda: list(self.displays),
            "frontmost_application": lambda: (screen.scene.app, screen.scene.pid),
            "window_list": lambda: [
                {"kCGWindowOwnerPID": 1, "kCGWindowLayer": 25, "kCGWindowOwnerName": "Dock"},
                {"kCGWindowOwnerPID": screen.scene.pid, "kCGWindowLayer": 0,
                 "kCGWindowName": screen.scene.title, "kCGWindowOwnerName": screen.scene.app},
            ],
            "start_event_tap": lambda on_event: Player(
                screen, lambda event: on_event(time.monotonic(), event)),
        }
        return self.api_module(real, {"TapEvent": TapEvent, "Display": Display}, functions)


_lock = threading.Lock()


def install(fake: FakeMac) -> None:
    """Make this process a fake Mac: the chooser sees ``darwin``, the API module is the fake."""
    from recorder.capture import platforms

    with _lock:
        sys.modules[real.__name__] = fake.module()
        platforms.current_platform = lambda: "darwin"
