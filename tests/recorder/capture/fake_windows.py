"""A fake ``recorder.capture.windows_api`` (documented values: see fake_platforms.py;
UNVERIFIED on real hardware) and the scripted session the Windows tests record.

Key events are scripted at the hook's level (VK and scan code, as in ``KBDLLHOOKSTRUCT``)
together with what pynput then reports; the fake applies the backend's hook filter the way
pynput's ``win32_event_filter`` does, so the fake Ctrl of AltGr is seen and must be dropped.
"""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from recorder.capture import windows_api as real
from recorder.capture.windows_api import KeyReport, MonitorEntry
from tests.recorder.capture.fake_platforms import (
    Action,
    FakeMachine,
    Player,
    Scene,
    Send,
    Show,
)


@dataclass(frozen=True, slots=True)
class HookKey:
    """One low-level keyboard hook event and what pynput reports for it."""

    down: bool
    vk: int
    scan: int
    report: KeyReport


def special(name: str, vk: int, scan: int) -> list[Action]:
    report = KeyReport(vk, special=name)
    return [Send(HookKey(True, vk, scan, report)), Send(HookKey(False, vk, scan, report))]


def type_text(text: str) -> list[Action]:
    out: list[Action] = []
    for char in text:
        report = KeyReport(ord(char.upper()), char)
        out += [Send(HookKey(True, report.vk or 0, 0x10, report)),
                Send(HookKey(False, report.vk or 0, 0x10, report))]
    return out


def click(x: int, y: int) -> list[Action]:
    return [Send((real.MOUSE_MOVE, x, y)), Send((real.MOUSE_BUTTON, x, y, "left", True)),
            Send((real.MOUSE_BUTTON, x, y, "left", False))]


FAKE_CTRL = KeyReport(0xA2, special="ctrl_l")
ALT_GR = KeyReport(0xA5, special="alt_gr")


def altgr_q_german() -> list[Action]:
    """AltGr+Q on a German layout: the fake LCONTROL (scan 0x21D), RMENU, then Q, which
    ToUnicodeEx turns into "@" with Ctrl+Alt held."""
    at = KeyReport(0x51, "@")
    return [Send(HookKey(True, 0xA2, 0x21D, FAKE_CTRL)), Send(HookKey(True, 0xA5, 0x38, ALT_GR)),
            Send(HookKey(True, 0x51, 0x10, at)), Send(HookKey(False, 0x51, 0x10, at)),
            Send(HookKey(False, 0xA2, 0x21D, FAKE_CTRL)),
            Send(HookKey(False, 0xA5, 0x38, ALT_GR))]


def stop_hotkey() -> list[Action]:
    """Ctrl+Shift+F12, Windows' default stop hotkey."""
    ctrl, shift, f12 = (KeyReport(0xA2, special="ctrl_l"), KeyReport(0xA0, special="shift"),
                        KeyReport(0x7B, special="f12"))
    return [Send(HookKey(True, 0xA2, 0x1D, ctrl)), Send(HookKey(True, 0xA0, 0x2A, shift)),
            Send(HookKey(True, 0x7B, 0x58, f12)), Send(HookKey(False, 0x7B, 0x58, f12)),
            Send(HookKey(False, 0xA0, 0x2A, shift)), Send(HookKey(False, 0xA2, 0x1D, ctrl))]


PASSWORD = "hunter2xyz"
NOTEPAD = Scene("notepad", "Letter to Bartholomew Quigley - Notepad", pid=301, text="Dear")
SIGN_IN = Scene("msedge", "Sign in - Example Bank - Microsoft Edge", pid=302, text="Sign in")
LOGIN = Scene("msedge", "Sign in - Example Bank - Microsoft Edge", pid=302, text="Password",
              password=True)
ADMIN = Scene("mmc", "Computer Management", pid=303, text="Services", elevated=True)
DESKTOP = Scene("explorer", "Program Manager", pid=304, text="Desktop")

#: 960x600 physical pixels at 144 DPI (150 %), and a 96-DPI monitor to its right.
MONITORS = (MonitorEntry(0, 0, 960, 600, 144, True, r"\\.\DISPLAY1"),
            MonitorEntry(960, 0, 1280, 720, 96, False, r"\\.\DISPLAY2"))


def session_script() -> list[Action]:
    """Type in Notepad (with a German AltGr+Q "@"), type a password in the browser's own
    password field, click in an elevated window, stop with Ctrl+Shift+F12."""
    return [
        Show(NOTEPAD), *click(300, 150), *type_text("hi"), *altgr_q_german(),
        *type_text("de"),
        Show(SIGN_IN), *click(400, 300),
        Show(LOGIN), *type_text(PASSWORD), *special("enter", 0x0D, 0x1C),
        Show(ADMIN), *click(500, 400),
        Show(DESKTOP), *click(100, 100),
        *stop_hotkey(),
    ]


WINDOW_CALLS = ("foreground_window", "window_title", "window_process", "process_image",
                "process_elevated", "focused_is_password", "monitors")


@dataclass
class FakeWindows(FakeMachine):
    """The fake PC: DPI awareness, elevation, monitors, the screen and the calls made."""

    dpi_aware: bool = True
    self_elevated: bool = False
    #: UI Automation fails (comtypes missing, COM init refused): IsPassword gives no answer.
    uia_fails: bool = False
    monitors: Sequence[MonitorEntry] = MONITORS
    script: Sequence[Action] = field(default_factory=session_script)

    def pixel_size(self) -> tuple[int, int]:
        main = next(m for m in self.monitors if m.primary)
        return main.width, main.height

    def first_scene(self) -> Scene:
        return Scene("explorer", "Program Manager", pid=304)

    def module(self) -> types.ModuleType:
        screen = self.screen
        lock = threading.Lock()

        def logged(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
            def call(*args: Any) -> Any:
                with lock:
                    self.calls.append(name)
                return function(*args)
            return call

        def scene_of(pid: int) -> Scene:
            return screen.scene if screen.scene.pid == pid else Scene("other", "", pid=pid)

        functions: dict[str, Callable[..., Any]] = {
            "set_per_monitor_dpi_awareness": lambda: self.dpi_aware,
            "current_process_elevated": lambda: self.self_elevated,
            "monitors": lambda: list(self.monitors),
            "foreground_window": lambda: screen.scene.pid * 16,
            "window_title": lambda hwnd: scene_of(hwnd // 16).title,
            "window_process": lambda hwnd: hwnd // 16,
            "process_image": lambda pid: rf"C:\Program Files\{scene_of(pid).app}.exe",
            "process_elevated": lambda pid: scene_of(pid).elevated,
            "focused_is_password": lambda: None if self.uia_fails else screen.scene.password,
            "start_hooks": lambda deliver, drop_key: Player(
                screen, lambda event: _hook(event, deliver, drop_key)),
        }
        return self.api_module(real, {"KeyReport": KeyReport, "MonitorEntry": MonitorEntry},
                               {name: logged(name, f) for name, f in functions.items()})


def _hook(event: Any, deliver: Callable[[tuple[Any, ...]], None],
          drop_key: Callable[[int, int], bool]) -> None:
    """What pynput does with one hook event: the filter first, then the callback."""
    if isinstance(event, HookKey):
        if drop_key(event.vk, event.scan):
            return
        deliver((real.KEY_DOWN if event.down else real.KEY_UP, event.report))
    else:
        deliver(event)


def install(fake: FakeWindows) -> None:
    """Make this process a fake Windows PC for the chooser and the hotkey defaults."""
    from recorder.capture import platforms

    sys.modules[real.__name__] = fake.module()
    platforms.current_platform = lambda: "win32"
