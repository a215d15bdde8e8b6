"""The macOS capture backend: permissions first, a Quartz event tap, mss frames in pixels.

Plain Python over :mod:`recorder.capture.macos_api` (the only module that calls macOS), so it
runs and is tested on Linux with a fake of that module. UNVERIFIED on a real Mac: the first
person on one follows docs/CAPTURE.md's check list.

* Geometry and input are in points (``CGDisplayBounds``, ``CGEventGetLocation``); frames are
  grabbed at the display's pixels, so ``Monitor.pixel_ratio`` is the backing scale factor and
  the step coordinates land in screenshot pixels (points x scale), as on Linux.
* Screen Recording is checked before anything (without it macOS silently returns only the
  wallpaper), then Input Monitoring (or Accessibility) for the event tap; a refusal is exit 3
  naming the System Settings pane and the terminal app to turn on.
* While secure event input is on (a password field has focus) the tap receives no keys:
  frames taken then carry ``RawWindow.secret = "secure_input"`` and steps say so in their
  flags; any typing in such a step is redacted as a secret.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from recorder.capture.backend import (
    BUTTON_PRESS,
    BUTTON_RELEASE,
    KEY_PRESS,
    KEY_RELEASE,
    MOVE,
    SCROLL,
    SECRET_SECURE_INPUT,
    BgraFrameSource,
    CaptureBackend,
    EnvironmentReport,
    FrameSource,
    InputSink,
    Monitor,
    RawInput,
    RawWindow,
)
from recorder.capture.keys import MAC_FLAG_MASKS, MAC_KEYCODES, MAC_MODIFIER_FLAG, mac_key
from recorder.errors import EnvironmentProblem
from redaction.models import InputEvent

API_MODULE = "recorder.capture.macos_api"

#: System Settings panes (macOS 13+; "Screen Recording" before macOS 15).
SCREEN_RECORDING_PANE = ("System Settings > Privacy & Security > Screen & System Audio "
                         "Recording")
INPUT_MONITORING_PANE = "System Settings > Privacy & Security > Input Monitoring"

#: ``TERM_PROGRAM`` -> the app macOS asks the permission for (the terminal cuarec runs in).
_TERMINALS = {"apple_terminal": "Terminal", "iterm.app": "iTerm", "vscode": "Visual Studio Code",
              "wezterm": "WezTerm", "ghostty": "Ghostty", "alacritty": "Alacritty",
              "warpterminal": "Warp", "tabby": "Tabby", "hyper": "Hyper", "kitty": "kitty"}

#: Device-dependent modifier bits (IOLLEvent.h ``NX_DEVICE*KEYMASK``): tell left from right.
_DEVICE_MASKS = {"ctrl": 0x0001, "shift": 0x0002, "shift_r": 0x0004, "cmd": 0x0008,
                 "cmd_r": 0x0010, "alt": 0x0020, "alt_r": 0x0040, "ctrl_r": 0x2000}
_ALL_DEVICE = sum(_DEVICE_MASKS.values())
_TAP = "tap"


def terminal_app(env: Mapping[str, str]) -> str:
    """The app to grant permissions to: the terminal cuarec was started from."""
    program = env.get("TERM_PROGRAM", "").strip()
    return _TERMINALS.get(program.lower(), program or "the terminal app you run cuarec from")


class MacFrameSource(BgraFrameSource):
    """Grabs one display in pixels; names the frontmost app, its window and secure input."""

    def __init__(self, api: ModuleType, monitor: Monitor) -> None:
        super().__init__(api.grabber(monitor.x, monitor.y, monitor.width, monitor.height))
        self._api = api

    def focused_window(self) -> RawWindow | None:
        api = self._api
        try:
            secret = SECRET_SECURE_INPUT if api.secure_input_enabled() else None
            front = api.frontmost_application()
            if front is None:
                return RawWindow(secret=secret) if secret else None
            name, pid = front
            title = None
            for entry in api.window_list():  # front to back
                if entry.get("kCGWindowOwnerPID") == pid and entry.get("kCGWindowLayer") == 0:
                    value = entry.get("kCGWindowName")
                    title = str(value) if value else None
                    break
            return RawWindow(app=name, title=title, secret=secret)
        except Exception:
            return None  # the app quit between two calls: nothing to name


class MacBackend(CaptureBackend):
    """macOS through a Quartz event tap (helper process), mss and NSWorkspace."""

    name = "macos"

    def __init__(self, env: Mapping[str, str] | None = None,
                 api: ModuleType | None = None) -> None:
        self._env = dict(os.environ if env is None else env)
        self._api = api if api is not None else importlib.import_module(API_MODULE)
        self._tap: Any = None
        self.listeners_left_running = 0

    def check_environment(self) -> EnvironmentReport:
        api = self._api
        app = terminal_app(self._env)
        try:
            screen = bool(api.screen_capture_allowed())
            listen = bool(api.input_monitoring_allowed()) or bool(api.accessibility_trusted())
        except ImportError:
            raise EnvironmentProblem(
                "pyobjc is missing: reinstall cuarec on this Mac (pip installs pyobjc with "
                "it on macOS)") from None
        if not screen:
            api.request_screen_capture()  # adds the app to the list (and asks once)
            raise EnvironmentProblem(
                f"macOS has not allowed {app} to record the screen (cuarec would see only the "
                f"wallpaper): open {SCREEN_RECORDING_PANE}, turn on {app}, then quit and "
                f"reopen {app} and run cuarec again")
        if not listen:
            api.request_input_monitoring()
            raise EnvironmentProblem(
                f"macOS has not allowed {app} to see keys and the mouse: open "
                f"{INPUT_MONITORING_PANE}, turn on {app}, then quit and reopen {app} and run "
                "cuarec again")
        return EnvironmentReport(backend=self.name, session_type="quartz")

    def monitors(self) -> tuple[Monitor, ...]:
        out = []
        for number, display in enumerate(self._api.displays(), start=1):
            out.append(Monitor(
                index=number, x=int(display.x), y=int(display.y), width=int(display.width),
                height=int(display.height), name=f"display-{number}", primary=bool(display.main),
                scale=float(display.scale), scale_source="NSScreen.backingScaleFactor",
                pixel_ratio=float(display.scale)))
        return tuple(out)

    def frame_source(self, monitor: Monitor) -> FrameSource:
        return MacFrameSource(self._api, monitor)

    def start_input(self, sink: InputSink) -> None:
        def on_event(t: float, event: Any) -> None:
            sink((t, _TAP, event))

        try:
            self._tap = self._api.start_event_tap(on_event)
        except PermissionError:
            app = terminal_app(self._env)
            raise EnvironmentProblem(
                f"macOS refused the input listener: open {INPUT_MONITORING_PANE}, turn on "
                f"{app}, then quit and reopen {app}") from None

    def stop_input(self, timeout_s: float = 2.0) -> None:
        tap, self._tap = self._tap, None
        if tap is not None:
            tap.stop(timeout_s)
            self.listeners_left_running = int(bool(tap.alive()))

    def translate(self, raw: RawInput, t: float) -> InputEvent | None:
        api = self._api
        event = raw[2]
        kind = event.type
        x, y = int(event.x), int(event.y)
        if kind in (api.KEY_DOWN, api.KEY_UP):
            name, char = mac_key(event.keycode, event.chars)
            if not event.chars and len(name) == 1 \
                    and not event.flags & (MAC_FLAG_MASKS["cmd"] | MAC_FLAG_MASKS["ctrl"]):
                name = "dead"  # a dead key types nothing until the next key (accent unknown)
            return InputEvent(t=t, kind=KEY_PRESS if kind == api.KEY_DOWN else KEY_RELEASE,
                              key=name, char=char)
        if kind == api.FLAGS_CHANGED:
            return self._modifier(event, t)
        if kind in (api.LEFT_MOUSE_DOWN, api.RIGHT_MOUSE_DOWN, api.OTHER_MOUSE_DOWN,
                    api.LEFT_MOUSE_UP, api.RIGHT_MOUSE_UP, api.OTHER_MOUSE_UP):
            pressed = kind in (api.LEFT_MOUSE_DOWN, api.RIGHT_MOUSE_DOWN, api.OTHER_MOUSE_DOWN)
            button = {0: "left", 1: "right", 2: "middle"}.get(event.button,
                                                             f"button{event.button + 1}")
            return InputEvent(t=t, kind=BUTTON_PRESS if pressed else BUTTON_RELEASE, x=x, y=y,
                              button=button)
        if kind in (api.MOUSE_MOVED, api.LEFT_MOUSE_DRAGGED, api.RIGHT_MOUSE_DRAGGED,
                    api.OTHER_MOUSE_DRAGGED):
            return InputEvent(t=t, kind=MOVE, x=x, y=y)
        if kind == api.SCROLL_WHEEL:
            if not event.scroll_dx and not event.scroll_dy:
                return None  # momentum phases end with an empty event
            return InputEvent(t=t, kind=SCROLL, x=x, y=y, dx=int(event.scroll_dx),
                              dy=int(event.scroll_dy))
        return None

    def _modifier(self, event: Any, t: float) -> InputEvent | None:
        """A FlagsChanged event: which modifier, and whether it went down or up."""
        name = MAC_KEYCODES.get(event.keycode)
        if name is None or name not in MAC_MODIFIER_FLAG:
            return None
        device = _DEVICE_MASKS.get(name)
        down = bool(event.flags & MAC_FLAG_MASKS[MAC_MODIFIER_FLAG[name]])
        if down and device is not None and event.flags & _ALL_DEVICE:
            down = bool(event.flags & device)  # the other side's key may still be held
        return InputEvent(t=t, kind=KEY_PRESS if down else KEY_RELEASE, key=name)

    def close(self) -> None:
        self.stop_input()
