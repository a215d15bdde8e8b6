"""The Windows capture backend: per-monitor DPI aware, pynput hooks, mss, user32 and UIA.

Plain Python over :mod:`recorder.capture.windows_api` (the only module that calls Windows),
so it runs and is tested on Linux with a fake of that module. UNVERIFIED on a real PC: the
first person on one follows docs/CAPTURE.md's check list.

* Per-monitor DPI awareness (V2) is set first, before any window call, so hooks, monitor
  rectangles and mss all speak physical pixels; each monitor's scale is its DPI / 96.
* The foreground window's title (``GetWindowTextW``) and process name
  (``QueryFullProcessImageNameW``) name the window; UI Automation's ``IsPassword`` on the
  focused element marks a password field (``RawWindow.secret = "password_field"``), whose
  typing is then redacted as a secret. When UIA gives no answer (comtypes or COM failed),
  the window's focus is unknown (``RawWindow.focus_known = False``): its typing is redacted
  as a secret too, and the session warns once.
* An elevated (administrator) window in front hides its input from a normal process: such
  windows are marked ``elevated`` (steps flagged ``elevated_window``, one warning).
* AltGr arrives as a fake left Ctrl (scan code 0x21D) then right Alt: the fake Ctrl is
  dropped in the hook's filter and right Alt is ``alt_gr``, so AltGr+Q types "@" on a German
  layout and never fires a Ctrl+Alt hotkey.
"""

from __future__ import annotations

import importlib
import ntpath
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
    SECRET_PASSWORD_FIELD,
    BgraFrameSource,
    CaptureBackend,
    EnvironmentReport,
    FrameSource,
    InputSink,
    Monitor,
    RawInput,
    RawWindow,
)
from recorder.capture.keys import is_altgr_fake_ctrl, normalize_key, windows_key
from recorder.errors import EnvironmentProblem
from redaction.models import InputEvent

API_MODULE = "recorder.capture.windows_api"
#: pynput's Windows button names -> the names the X11 backend gives the same buttons.
_BUTTONS = {"left": "left", "right": "right", "middle": "middle", "x1": "button8",
            "x2": "button9"}


def app_name(image: str | None) -> str | None:
    """``C:\\Program Files\\...\\msedge.exe`` -> ``msedge``."""
    if not image:
        return None
    base = ntpath.basename(image)
    return base[:-4] if base.lower().endswith(".exe") else base


class WindowsFrameSource(BgraFrameSource):
    """Grabs one monitor; names the foreground window, its process, its state."""

    def __init__(self, api: ModuleType, monitor: Monitor, self_elevated: bool) -> None:
        super().__init__(api.grabber(monitor.x, monitor.y, monitor.width, monitor.height))
        self._api = api
        self._self_elevated = self_elevated

    def focused_window(self) -> RawWindow | None:
        api = self._api
        try:
            hwnd = api.foreground_window()
            if not hwnd:
                return None
            pid = api.window_process(hwnd)
            elevated = not self._self_elevated and bool(api.process_elevated(pid))
            # UIA cannot read an elevated window's elements from here: no password answer.
            password = None if elevated else api.focused_is_password()
            # No answer from UIA (COM or comtypes failed): the focused field may be a
            # password field, so the focus counts as unknown (fail closed, warned once).
            return RawWindow(app=app_name(api.process_image(pid)),
                             title=api.window_title(hwnd) or None,
                             secret=SECRET_PASSWORD_FIELD if password else None,
                             elevated=elevated, focus_known=elevated or password is not None)
        except Exception:
            return None  # the window closed between two calls: nothing to name


class WindowsBackend(CaptureBackend):
    """Windows through pynput's low-level hooks, mss, user32/psapi and UI Automation."""

    name = "windows"

    def __init__(self, env: Mapping[str, str] | None = None,
                 api: ModuleType | None = None) -> None:
        self._env = dict(os.environ if env is None else env)
        self._api = api if api is not None else importlib.import_module(API_MODULE)
        self._hooks: Any = None
        self._self_elevated = False
        self.listeners_left_running = 0

    def check_environment(self) -> EnvironmentReport:
        api = self._api
        # Before any window call: coordinates are physical pixels from here on.
        if not api.set_per_monitor_dpi_awareness():
            raise EnvironmentProblem(
                "cannot make cuarec per-monitor DPI aware (something set another DPI mode "
                "first), so clicks would not match the screenshots; run cuarec from a plain "
                "terminal (Windows Terminal, PowerShell, cmd)")
        self._self_elevated = bool(api.current_process_elevated())
        notes = ("running elevated: administrator windows are recorded too",) \
            if self._self_elevated else ()
        return EnvironmentReport(backend=self.name, session_type="win32", notes=notes)

    def monitors(self) -> tuple[Monitor, ...]:
        out = []
        for number, entry in enumerate(self._api.monitors(), start=1):
            out.append(Monitor(
                index=number, x=int(entry.x), y=int(entry.y), width=int(entry.width),
                height=int(entry.height), name=entry.device or None, primary=bool(entry.primary),
                dpi=float(entry.dpi), scale=round(entry.dpi / 96.0, 4),
                scale_source="GetDpiForMonitor"))
        return tuple(out)

    def frame_source(self, monitor: Monitor) -> FrameSource:
        return WindowsFrameSource(self._api, monitor, self._self_elevated)

    def start_input(self, sink: InputSink) -> None:
        import time

        clock = time.monotonic

        def deliver(report: tuple[Any, ...]) -> None:
            sink((clock(), *report))

        self._hooks = self._api.start_hooks(deliver, is_altgr_fake_ctrl)

    def stop_input(self, timeout_s: float = 2.0) -> None:
        hooks, self._hooks = self._hooks, None
        if hooks is not None:
            hooks.stop(timeout_s)
            self.listeners_left_running = int(bool(hooks.alive()))

    def translate(self, raw: RawInput, t: float) -> InputEvent | None:
        api = self._api
        tag = raw[1]
        if tag in (api.KEY_DOWN, api.KEY_UP):
            report = raw[2]
            if report.special is not None:
                name = normalize_key(report.special)
                char = " " if name == "space" else None  # as pynput's Key.space carries
            else:
                name, char = windows_key(report.vk, report.char, is_dead=report.is_dead)
            return InputEvent(t=t, kind=KEY_PRESS if tag == api.KEY_DOWN else KEY_RELEASE,
                              key=name, char=char)
        if tag == api.MOUSE_MOVE:
            return InputEvent(t=t, kind=MOVE, x=int(raw[2]), y=int(raw[3]))
        if tag == api.MOUSE_BUTTON:
            button = _BUTTONS.get(str(raw[4]), str(raw[4]))
            return InputEvent(t=t, kind=BUTTON_PRESS if raw[5] else BUTTON_RELEASE,
                              x=int(raw[2]), y=int(raw[3]), button=button)
        if tag == api.MOUSE_WHEEL:
            return InputEvent(t=t, kind=SCROLL, x=int(raw[2]), y=int(raw[3]),
                              dx=int(raw[4]), dy=int(raw[5]))
        return None

    def close(self) -> None:
        self.stop_input()
