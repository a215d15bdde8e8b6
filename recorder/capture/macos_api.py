"""Every macOS call the capture backend makes, and nothing else (UNVERIFIED on real hardware).

The backend (:mod:`recorder.capture.macos`) is plain Python over these functions; tests
replace this module with a fake returning the documented values. pyobjc (installed only on
macOS, by an environment marker) is imported inside the functions, so this module imports on
any platform. Written from Apple's documentation, not yet run on a Mac:

* ``CGPreflightScreenCaptureAccess`` / ``CGRequestScreenCaptureAccess`` (CoreGraphics, macOS
  11+): Screen Recording. Without it, captures hold only the wallpaper and window names are
  missing from ``CGWindowListCopyWindowInfo``.
* ``CGPreflightListenEventAccess`` (macOS 10.15+): Input Monitoring, which a listen-only event
  tap needs; ``AXIsProcessTrusted`` (ApplicationServices): Accessibility.
* ``IsSecureEventInputEnabled`` (HIToolbox ``CarbonEventsCore.h``): a secure text field has
  focus; event taps then receive no key events.
* ``NSWorkspace.frontmostApplication``; ``CGWindowListCopyWindowInfo`` dictionaries
  (``kCGWindowOwnerPID``, ``kCGWindowLayer``, ``kCGWindowName``, ``kCGWindowOwnerName``).
* ``NSScreen.screens`` with ``backingScaleFactor`` and ``deviceDescription["NSScreenNumber"]``;
  ``CGDisplayBounds`` (global top-left coordinates in points).
* The event tap (``CGEventTapCreate``, listen-only, session tap) runs on the MAIN run loop of a
  helper process (``python -m recorder.capture.macos_api --tap``) that writes one JSON line per
  event to a pipe: pynput's listener calls the text input source APIs off the main thread,
  which recent macOS turns into a crash (``dispatch_assert_queue`` in
  ``TSMGetInputSourceProperty``). The pipe is memory; nothing is written to disk.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from recorder.capture.backend import MssGrabber

# CGEventType values (CGEventTypes.h).
LEFT_MOUSE_DOWN, LEFT_MOUSE_UP, RIGHT_MOUSE_DOWN, RIGHT_MOUSE_UP = 1, 2, 3, 4
MOUSE_MOVED, LEFT_MOUSE_DRAGGED, RIGHT_MOUSE_DRAGGED = 5, 6, 7
KEY_DOWN, KEY_UP, FLAGS_CHANGED = 10, 11, 12
SCROLL_WHEEL = 22
OTHER_MOUSE_DOWN, OTHER_MOUSE_UP, OTHER_MOUSE_DRAGGED = 25, 26, 27
TAP_DISABLED_BY_TIMEOUT, TAP_DISABLED_BY_USER_INPUT = 0xFFFFFFFE, 0xFFFFFFFF
TAPPED_TYPES = (LEFT_MOUSE_DOWN, LEFT_MOUSE_UP, RIGHT_MOUSE_DOWN, RIGHT_MOUSE_UP, MOUSE_MOVED,
                LEFT_MOUSE_DRAGGED, RIGHT_MOUSE_DRAGGED, KEY_DOWN, KEY_UP, FLAGS_CHANGED,
                SCROLL_WHEEL, OTHER_MOUSE_DOWN, OTHER_MOUSE_UP, OTHER_MOUSE_DRAGGED)


class TapEvent(NamedTuple):
    """One event as the tap reads it: ``CGEventGetType``, ``CGEventGetLocation`` (points,
    global, top-left origin), ``kCGKeyboardEventKeycode``, ``CGEventGetFlags``,
    ``CGEventKeyboardGetUnicodeString``, ``kCGMouseEventButtonNumber``,
    ``kCGScrollWheelEventDeltaAxis1`` (vertical, lines, up positive) and ``...Axis2``."""

    type: int
    x: float
    y: float
    keycode: int = 0
    flags: int = 0
    chars: str = ""
    button: int = 0
    scroll_dy: int = 0
    scroll_dx: int = 0


class Display(NamedTuple):
    """One display: CG display id, ``CGDisplayBounds`` in points, ``backingScaleFactor``."""

    display_id: int
    x: float
    y: float
    width: float
    height: float
    scale: float
    main: bool


# -- permissions ---------------------------------------------------------------------------

def screen_capture_allowed() -> bool:
    import Quartz

    return bool(Quartz.CGPreflightScreenCaptureAccess())


def request_screen_capture() -> bool:
    """Adds the terminal to the Screen Recording list (and prompts once)."""
    import Quartz

    return bool(Quartz.CGRequestScreenCaptureAccess())


def input_monitoring_allowed() -> bool:
    import Quartz

    return bool(Quartz.CGPreflightListenEventAccess())


def request_input_monitoring() -> bool:
    import Quartz

    return bool(Quartz.CGRequestListenEventAccess())


def accessibility_trusted() -> bool:
    import ApplicationServices

    return bool(ApplicationServices.AXIsProcessTrusted())


def secure_input_enabled() -> bool:
    import ctypes
    import ctypes.util

    path = ctypes.util.find_library("Carbon")
    if path is None:
        return False
    carbon = ctypes.cdll.LoadLibrary(path)
    carbon.IsSecureEventInputEnabled.restype = ctypes.c_bool
    return bool(carbon.IsSecureEventInputEnabled())


# -- displays and windows ------------------------------------------------------------------

def displays() -> list[Display]:
    import AppKit
    import Quartz

    scale_by_id = {}
    for screen in AppKit.NSScreen.screens():
        number = screen.deviceDescription().get("NSScreenNumber")
        if number is not None:
            scale_by_id[int(number)] = float(screen.backingScaleFactor())
    _error, ids, count = Quartz.CGGetActiveDisplayList(32, None, None)
    main_id = int(Quartz.CGMainDisplayID())
    out = []
    for display_id in list(ids)[:count]:
        bounds = Quartz.CGDisplayBounds(display_id)
        out.append(Display(int(display_id), float(bounds.origin.x), float(bounds.origin.y),
                           float(bounds.size.width), float(bounds.size.height),
                           scale_by_id.get(int(display_id), 1.0), int(display_id) == main_id))
    return out


def frontmost_application() -> tuple[str | None, int] | None:
    """``(localizedName, processIdentifier)`` of ``NSWorkspace.frontmostApplication``."""
    import AppKit

    app = AppKit.NSWorkspace.sharedWorkspace().frontmostApplication()
    if app is None:
        return None
    name = app.localizedName()
    return (None if name is None else str(name)), int(app.processIdentifier())


def window_list() -> list[dict[str, Any]]:
    """On-screen windows, front to back, as ``CGWindowListCopyWindowInfo`` dictionaries."""
    import Quartz

    options = Quartz.kCGWindowListOptionOnScreenOnly | Quartz.kCGWindowListExcludeDesktopElements
    info = Quartz.CGWindowListCopyWindowInfo(options, Quartz.kCGNullWindowID) or []
    return [dict(entry) for entry in info]


# -- frames --------------------------------------------------------------------------------

def grabber(left: float, top: float, width: float, height: float) -> MssGrabber:
    """mss grabs of one region (points) at the display's full pixel resolution."""
    import mss.darwin

    # mss asks for nominal (point) resolution by default; without that option the capture
    # is at the backing store's pixels (mss documents IMAGE_OPTIONS = 0).
    mss.darwin.IMAGE_OPTIONS = 0
    return MssGrabber(int(left), int(top), int(width), int(height))


# -- input ---------------------------------------------------------------------------------

class TapProcess:
    """The helper process running the event tap; events arrive on a reader thread."""

    #: The helper: this module's ``--tap`` main, the tap on its own main thread.
    COMMAND = (sys.executable, "-m", "recorder.capture.macos_api", "--tap")

    def __init__(self, on_event: Callable[[float, TapEvent], None],
                 command: Sequence[str] = COMMAND) -> None:
        import time

        self._proc = subprocess.Popen(
            list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL)
        assert self._proc.stdout is not None
        import select

        readable, _, _ = select.select([self._proc.stdout], [], [], 30.0)
        first = self._proc.stdout.readline().decode("utf-8", "replace").strip() \
            if readable else "the event tap helper did not answer in 30 s"
        if first != "ready":
            self.stop()
            raise PermissionError(first or "the event tap helper did not start")
        clock = time.monotonic

        def read() -> None:
            assert self._proc.stdout is not None
            for line in self._proc.stdout:
                with contextlib.suppress(ValueError, TypeError):
                    on_event(clock(), TapEvent(*json.loads(line)))

        self._reader = threading.Thread(target=read, name="cuarec-mac-tap", daemon=True)
        self._reader.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        with contextlib.suppress(OSError):
            self._proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._proc.wait(timeout_s)
        if self._proc.poll() is None:
            self._proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(timeout_s)
        reader = getattr(self, "_reader", None)
        if reader is not None:
            reader.join(timeout_s)  # the pipe is at its end once the helper is gone
        for pipe in (self._proc.stdin, self._proc.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()

    def alive(self) -> bool:
        return self._proc.poll() is None


def start_event_tap(on_event: Callable[[float, TapEvent], None]) -> TapProcess:
    """Start the tap; raises PermissionError when macOS refuses it (no Input Monitoring)."""
    return TapProcess(on_event)


def _run_tap() -> int:
    """The helper's main: the tap on this process's main run loop, events to stdout."""
    import Quartz

    out = sys.stdout

    def callback(proxy: Any, event_type: int, event: Any, refcon: Any) -> Any:
        if event_type in (TAP_DISABLED_BY_TIMEOUT, TAP_DISABLED_BY_USER_INPUT):
            Quartz.CGEventTapEnable(tap, True)
            return event
        location = Quartz.CGEventGetLocation(event)
        chars = ""
        if event_type in (KEY_DOWN, KEY_UP):
            _, chars = Quartz.CGEventKeyboardGetUnicodeString(event, 8, None, None)
        field = Quartz.CGEventGetIntegerValueField
        record = TapEvent(
            int(event_type), float(location.x), float(location.y),
            int(field(event, Quartz.kCGKeyboardEventKeycode)),
            int(Quartz.CGEventGetFlags(event)), str(chars or ""),
            int(field(event, Quartz.kCGMouseEventButtonNumber)),
            int(field(event, Quartz.kCGScrollWheelEventDeltaAxis1)),
            int(field(event, Quartz.kCGScrollWheelEventDeltaAxis2)))
        try:
            out.write(json.dumps(list(record)) + "\n")
            out.flush()
        except BrokenPipeError:
            os._exit(0)  # the recorder has gone: stop at once, quietly
        return event

    mask = 0
    for event_type in TAPPED_TYPES:
        mask |= Quartz.CGEventMaskBit(event_type)
    tap = Quartz.CGEventTapCreate(Quartz.kCGSessionEventTap, Quartz.kCGHeadInsertEventTap,
                                  Quartz.kCGEventTapOptionListenOnly, mask, callback, None)
    if tap is None:
        out.write("no permission to listen to input (Input Monitoring)\n")
        out.flush()
        return 3
    source = Quartz.CFMachPortCreateRunLoopSource(None, tap, 0)
    Quartz.CFRunLoopAddSource(Quartz.CFRunLoopGetCurrent(), source,
                              Quartz.kCFRunLoopCommonModes)
    Quartz.CGEventTapEnable(tap, True)
    out.write("ready\n")
    out.flush()
    Quartz.CFRunLoopRun()
    return 0


if __name__ == "__main__" and sys.argv[1:] == ["--tap"]:
    sys.exit(_run_tap())
