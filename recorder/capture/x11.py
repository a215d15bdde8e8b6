# python-xlib ships no type stubs; the X objects are typed Any here.
# mypy: disable-error-code="import-untyped"
"""The X11 capture backend: pynput listeners, mss grabs, python-xlib for windows and monitors.

Measured on Xvfb (DESIGN.md): RECORD and XTEST are present, pynput sees xdotool input
exactly, a key's release can carry a different char than its press, and pynput's
``Listener.stop()`` returns only after the next input event. pynput is imported only once
the environment has been checked, because it fails to import without a display.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import time
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np

from recorder.capture.backend import (
    BUTTON_PRESS,
    BUTTON_RELEASE,
    KEY_PRESS,
    KEY_RELEASE,
    MOVE,
    SCROLL,
    CaptureBackend,
    EnvironmentReport,
    FrameSource,
    InputSink,
    Monitor,
    RawInput,
    RawWindow,
)
from recorder.capture.environment import check_x11_environment
from recorder.errors import EnvironmentProblem, UsageError
from redaction.models import InputEvent

# Queue tags for the mouse callbacks (keys use the InputEvent kinds directly).
_CLICK = "click"

#: Keysyms pynput leaves without a name or char, mapped to the names it uses for their
#: plain forms (xdotool's shift+Tab arrives as ISO_Left_Tab).
_KEYSYM_ALIASES = {"iso_left_tab": "tab", "return": "enter", "escape": "esc",
                   "prior": "page_up", "next": "page_down"}

_keysym_names: dict[int, str] | None = None


def _keysym_name(keysym: int) -> str:
    """A lowercase name for a keysym pynput gave no char for, e.g. ``xf86_audiomute``."""
    global _keysym_names
    if _keysym_names is None:
        import Xlib.XK

        for group in ("miscellany", "xkb", "xf86", "latin1", "latin2", "latin3", "latin4",
                      "greek", "cyrillic"):
            Xlib.XK.load_keysym_group(group)
        names: dict[int, str] = {}
        for attr, value in vars(Xlib.XK).items():
            if attr.startswith("XK_") and isinstance(value, int):
                names.setdefault(value, attr[3:].lower())
        _keysym_names = names
    name = _keysym_names.get(keysym)
    if name is None:
        return f"<{keysym}>"
    return _KEYSYM_ALIASES.get(name, name)


def _record_context_enabled(display: Any, context: int) -> bool:
    """RECORD GetContext's ``enabled`` flag. python-xlib 0.33 mis-parses this reply (it skips
    the flag and then fails on the client list, leaving the connection unusable), so this
    reads only the fixed header and lets the reply length skip the rest."""
    from Xlib.protocol import rq

    class _GetContextEnabled(rq.ReplyRequest):  # type: ignore[misc]
        _request = rq.Struct(rq.Card8("opcode"), rq.Opcode(4), rq.RequestLength(),
                             rq.Card32("context"))
        _reply = rq.Struct(rq.Pad(1), rq.Bool("enabled"), rq.Card16("sequence_number"),
                           rq.ReplyLength(), rq.Pad(24))

    reply = _GetContextEnabled(display=display.display,
                               opcode=display.display.get_extension_major("RECORD"),
                               context=context)
    return bool(reply.enabled)


def open_display(name: str) -> Any:
    """Connect with python-xlib, turning every failure into one clear, value-free line."""
    import Xlib.display
    import Xlib.error

    # python-xlib leaves the socket of a failed connection open; it is closed (quietly)
    # when the exception is dropped, inside this block.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return Xlib.display.Display(name)
        except Xlib.error.DisplayNameError:
            problem = "the DISPLAY variable does not name an X display"
        except Xlib.error.DisplayConnectionError as exc:
            text = str(exc).lower()
            if "authoriz" in text or "protocol specified" in text or "auth" in text:
                problem = ("not permitted to connect to the X display (X authority refused: "
                           "check XAUTHORITY, or run cuarec as the user who owns the desktop "
                           "session)")
            else:
                problem = ("cannot connect to the X display named by DISPLAY "
                           "(is the X server running?)")
        except (OSError, Xlib.error.DisplayError):
            problem = "cannot connect to the X display named by DISPLAY"
        gc.collect()
    raise EnvironmentProblem(problem)


def _measure_scale(display: Any, env: Mapping[str, str]) -> tuple[float, str]:
    """The desktop's rendering scale: Xft.dpi/96 when set, else GDK_SCALE, else unscaled."""
    import Xlib.X

    root = display.screen().root
    try:
        prop = root.get_full_property(display.intern_atom("RESOURCE_MANAGER"),
                                      Xlib.X.AnyPropertyType)
    except Exception:
        prop = None
    if prop is not None:
        value = prop.value
        text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        match = re.search(r"^Xft\.dpi:\s*([0-9]+(?:\.[0-9]+)?)\s*$", text, re.MULTILINE)
        if match and float(match.group(1)) > 0:
            return round(float(match.group(1)) / 96.0, 3), "Xft.dpi"
    for variable in ("GDK_SCALE", "QT_SCALE_FACTOR"):
        raw = env.get(variable, "")
        try:
            factor = float(raw)
        except ValueError:
            continue
        if factor > 0:
            return factor, variable
    return 1.0, "x11-unscaled"


def _physical_dpi(width_px: int, width_mm: int | None) -> float | None:
    if not width_mm or width_mm <= 0:
        return None
    return round(width_px * 25.4 / width_mm, 1)


def measure_monitors(display: Any, env: Mapping[str, str]) -> tuple[Monitor, ...]:
    """The monitors of ``display``: RandR 1.5 monitors, else the whole screen as one."""
    scale, source = _measure_scale(display, env)
    root = display.screen().root
    monitors: list[Monitor] = []
    if display.has_extension("RANDR"):
        version = display.xrandr_query_version()
        if (version.major_version, version.minor_version) >= (1, 5):
            reply = root.xrandr_get_monitors(is_active=True)
            for number, mon in enumerate(reply.monitors, start=1):
                try:
                    name: str | None = display.get_atom_name(mon.name)
                except Exception:
                    name = None
                monitors.append(Monitor(
                    index=number, x=int(mon.x), y=int(mon.y),
                    width=int(mon.width_in_pixels), height=int(mon.height_in_pixels),
                    name=name, primary=bool(mon.primary),
                    width_mm=int(mon.width_in_millimeters) or None,
                    height_mm=int(mon.height_in_millimeters) or None,
                    dpi=_physical_dpi(int(mon.width_in_pixels), int(mon.width_in_millimeters)),
                    scale=scale, scale_source=source,
                ))
    if not monitors:
        screen = display.screen()
        monitors.append(Monitor(
            index=1, x=0, y=0, width=int(screen.width_in_pixels),
            height=int(screen.height_in_pixels), name="screen", primary=True,
            width_mm=int(screen.width_in_mms) or None, height_mm=int(screen.height_in_mms) or None,
            dpi=_physical_dpi(int(screen.width_in_pixels), int(screen.width_in_mms)),
            scale=scale, scale_source=source,
        ))
    return tuple(monitors)


class WindowProbe:
    """Names the focused window on one python-xlib connection (one thread only).

    With a window manager (EWMH ``_NET_SUPPORTING_WM_CHECK``) the answer is
    ``_NET_ACTIVE_WINDOW``; otherwise ``XGetInputFocus``, and under the PointerRoot focus mode
    (plain X, Xvfb) the top-level window under the pointer, which is where keys go.
    """

    def __init__(self, display: Any) -> None:
        self._display = display
        atom = display.intern_atom
        self._net_active = atom("_NET_ACTIVE_WINDOW")
        self._net_check = atom("_NET_SUPPORTING_WM_CHECK")
        self._net_name = atom("_NET_WM_NAME")
        self._utf8 = atom("UTF8_STRING")

    def focused(self) -> RawWindow | None:
        import Xlib.error

        try:
            window = self._active_window()
            if window is None:
                return None
            client = self._client_window(window)
            if client is None:
                return None
            wm_class = client.get_wm_class()
            app = wm_class[1] if wm_class else None
            return RawWindow(app=app, title=self._title(client))
        except (Xlib.error.XError, Xlib.error.ConnectionClosedError, ValueError):
            return None  # the window went away between two requests: nothing to name

    def _active_window(self) -> Any:
        import Xlib.X

        display = self._display
        root = display.screen().root
        if root.get_full_property(self._net_check, Xlib.X.AnyPropertyType) is not None:
            prop = root.get_full_property(self._net_active, Xlib.X.AnyPropertyType)
            if prop is not None and len(prop.value) and int(prop.value[0]) not in (0,):
                return display.create_resource_object("window", int(prop.value[0]))
        focus = display.get_input_focus().focus
        if isinstance(focus, int):
            if focus == Xlib.X.PointerRoot:
                child = root.query_pointer().child
                return None if isinstance(child, int) or child.id == 0 else child
            return None
        if focus.id == root.id:
            return None
        return focus

    def _client_window(self, window: Any) -> Any:
        """The window carrying WM_CLASS: the window, an ancestor, or a near descendant."""
        root_id = self._display.screen().root.id
        current = window
        for _ in range(16):
            if current.get_wm_class() is not None:
                return current
            parent = current.query_tree().parent
            if isinstance(parent, int) or parent.id in (0, root_id):
                break
            current = parent
        frontier = [window]
        for _ in range(3):
            children = [c for w in frontier for c in w.query_tree().children]
            for child in children:
                if child.get_wm_class() is not None:
                    return child
            frontier = children
        return None

    def _title(self, window: Any) -> str | None:
        prop = window.get_full_property(self._net_name, self._utf8)
        if prop is not None and prop.value:
            value = prop.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        name = window.get_wm_name()
        if name is None:
            return None
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)


class X11FrameSource(FrameSource):
    """mss grabs of one monitor plus a window probe, on their own connections."""

    def __init__(self, display_name: str, monitor: Monitor) -> None:
        import mss

        try:
            self._sct = mss.MSS(display=display_name)
        except mss.ScreenShotError:
            raise EnvironmentProblem("cannot open the screen for grabbing (mss)") from None
        self._region = {"left": monitor.x, "top": monitor.y, "width": monitor.width,
                        "height": monitor.height}
        self._display = open_display(display_name)
        self._probe = WindowProbe(self._display)
        self._last: tuple[bytearray, np.ndarray[Any, Any]] | None = None

    def grab(self) -> np.ndarray[Any, Any]:
        import cv2
        import mss

        try:
            shot = self._sct.grab(self._region)
        except mss.ScreenShotError:
            raise EnvironmentProblem("cannot read the screen (grab failed)") from None
        raw = shot.raw
        if self._last is not None and raw == self._last[0]:
            return self._last[1]  # unchanged screen (a memcmp): same array, no conversion
        bgra = np.frombuffer(raw, dtype=np.uint8).reshape(shot.height, shot.width, 4)
        bgr = np.ascontiguousarray(cv2.cvtColor(bgra, cv2.COLOR_BGRA2BGR))
        self._last = (raw, bgr)
        return bgr

    def focused_window(self) -> RawWindow | None:
        return self._probe.focused()

    def close(self) -> None:
        # Either may already be gone with the X server; closing must not mask why.
        with contextlib.suppress(Exception):
            self._sct.close()
        with contextlib.suppress(Exception):
            self._display.close()


class X11Backend(CaptureBackend):
    """X11 through pynput (RECORD), mss (MIT-SHM / GetImage) and python-xlib."""

    name = "x11"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = dict(os.environ if env is None else env)
        self._display_name = self._env.get("DISPLAY", "")
        self._display: Any = None
        self._listeners: list[Any] = []
        self._key_class: Any = None
        self._has_xtest = False
        self.listeners_left_running = 0
        self.listener_stop_s = 0.0

    # -- environment -------------------------------------------------------------------

    def check_environment(self) -> EnvironmentReport:
        check_x11_environment(self._env)
        display = self._connection()
        if not display.has_extension("RECORD"):
            raise EnvironmentProblem(
                "the X server has no RECORD extension, which cuarec needs to see keys and the "
                "mouse (on Xorg, enable the 'record' module)"
            )
        self._has_xtest = bool(display.has_extension("XTEST"))
        depth = display.screen().root_depth
        if depth < 24:
            raise EnvironmentProblem(
                f"the X screen has {depth}-bit colour; cuarec needs a 24- or 32-bit screen")
        notes = () if self._has_xtest else ("no XTEST: stopping may wait for the next input",)
        return EnvironmentReport(backend=self.name, session_type="x11", notes=notes)

    def _connection(self) -> Any:
        if self._display is None:
            self._display = open_display(self._display_name)
        return self._display

    # -- monitors and frames -------------------------------------------------------------

    def monitors(self) -> tuple[Monitor, ...]:
        return measure_monitors(self._connection(), self._env)

    def frame_source(self, monitor: Monitor) -> FrameSource:
        return X11FrameSource(self._display_name, monitor)

    # -- input ---------------------------------------------------------------------------

    def start_input(self, sink: InputSink) -> None:
        if os.environ.get("DISPLAY") != self._display_name:
            # pynput connects to $DISPLAY itself; listening elsewhere than we grab is a bug.
            raise UsageError("the capture backend's display differs from $DISPLAY")
        from pynput import keyboard, mouse

        self._key_class = keyboard.Key
        clock = time.monotonic

        # The callbacks only timestamp and enqueue: the listener threads must never wait
        # on anything of ours, or the X server's RECORD buffer backs up and events are lost.
        def on_press(key: Any) -> None:
            sink((clock(), KEY_PRESS, key))

        def on_release(key: Any) -> None:
            sink((clock(), KEY_RELEASE, key))

        def on_move(x: int, y: int) -> None:
            sink((clock(), MOVE, x, y))

        def on_click(x: int, y: int, button: Any, pressed: bool) -> None:
            sink((clock(), _CLICK, x, y, button, pressed))

        def on_scroll(x: int, y: int, dx: int, dy: int) -> None:
            sink((clock(), SCROLL, x, y, dx, dy))

        self._listeners = [
            keyboard.Listener(on_press=on_press, on_release=on_release),
            mouse.Listener(on_move=on_move, on_click=on_click, on_scroll=on_scroll),
        ]
        for listener in self._listeners:
            listener.start()
        for listener in self._listeners:
            listener.wait()
        self._wait_until_recording()

    def _wait_until_recording(self, timeout_s: float = 5.0) -> None:
        """Return once the X server reports every RECORD context enabled.

        pynput marks itself ready just *before* it enables its context, so an event sent
        right after ``wait()`` could be missed; the server's own answer closes that gap.
        """
        display = self._connection()
        deadline = time.monotonic() + timeout_s
        for listener in self._listeners:
            context = getattr(listener, "_context", None)
            if context is None:  # another pynput version: fall back to a short settle
                time.sleep(0.1)
                continue
            while not _record_context_enabled(display, context):
                if time.monotonic() > deadline:
                    raise EnvironmentProblem("the X server did not start recording input")
                if not listener.is_alive():
                    raise EnvironmentProblem("the input listener stopped while starting")
                time.sleep(0.002)

    def stop_input(self, timeout_s: float = 2.0) -> None:
        """Stop both listeners without waiting for another input event.

        pynput's own ``stop()`` sends its RECORD disable on the connection its thread is
        blocked reading, so it only takes effect at the next event. Disabling the same
        context from our own connection ends the blocking read at once; if that fails,
        a synthetic pointer nudge through XTEST wakes the thread.
        """
        import Xlib.error

        started = time.monotonic()
        listeners, self._listeners = self._listeners, []
        for listener in listeners:
            # pynput's stop() talks to the X server, which may be the reason we stop.
            with contextlib.suppress(Exception):
                listener.stop()
        display = self._display
        if display is not None:
            try:
                for listener in listeners:
                    context = getattr(listener, "_context", None)
                    if context is not None:
                        display.record_disable_context(context)
                display.sync()
            except (Xlib.error.XError, Xlib.error.ConnectionClosedError):
                pass
        deadline = started + timeout_s
        for listener in listeners:
            listener.join(max(0.0, min(0.5, deadline - time.monotonic())))
        if any(listener.is_alive() for listener in listeners) and self._has_xtest:
            with contextlib.suppress(Xlib.error.XError, Xlib.error.ConnectionClosedError,
                                     OSError):
                self._nudge_pointer()
            for listener in listeners:
                listener.join(max(0.0, deadline - time.monotonic()))
        # Daemon threads: one that still hangs cannot keep the process alive.
        self.listeners_left_running = sum(listener.is_alive() for listener in listeners)
        self.listener_stop_s = time.monotonic() - started

    def _nudge_pointer(self) -> None:
        import Xlib.X
        from Xlib.ext import xtest

        display = self._connection()
        pointer = display.screen().root.query_pointer()
        x, y = int(pointer.root_x), int(pointer.root_y)
        xtest.fake_input(display, Xlib.X.MotionNotify, x=x + 1 if x == 0 else x - 1, y=y)
        xtest.fake_input(display, Xlib.X.MotionNotify, x=x, y=y)
        display.sync()

    def translate(self, raw: RawInput, t: float) -> InputEvent | None:
        tag = raw[1]
        if tag in (KEY_PRESS, KEY_RELEASE):
            key, char = self._key_fields(raw[2])
            return InputEvent(t=t, kind=tag, key=key, char=char)
        if tag == MOVE:
            return InputEvent(t=t, kind=MOVE, x=int(raw[2]), y=int(raw[3]))
        if tag == _CLICK:
            button = getattr(raw[4], "name", None) or "unknown"
            return InputEvent(t=t, kind=BUTTON_PRESS if raw[5] else BUTTON_RELEASE,
                              x=int(raw[2]), y=int(raw[3]), button=button)
        if tag == SCROLL:
            return InputEvent(t=t, kind=SCROLL, x=int(raw[2]), y=int(raw[3]),
                              dx=int(raw[4]), dy=int(raw[5]))
        return None

    def _key_fields(self, key: Any) -> tuple[str, str | None]:
        """``(name, char)``: pynput's name for special keys, the lowercased char otherwise."""
        if key is None:
            return "unknown", None
        if self._key_class is not None and isinstance(key, self._key_class):
            char = getattr(key.value, "char", None)
            return str(key.name), char if isinstance(char, str) else None
        char = getattr(key, "char", None)
        if isinstance(char, str) and char:
            if getattr(key, "is_dead", False):
                return f"dead_{ord(char):04x}", None
            return char.lower(), char
        vk = getattr(key, "vk", None)
        if isinstance(vk, int):
            return _keysym_name(vk), None
        return "unknown", None

    def close(self) -> None:
        if self._listeners:
            self.stop_input()
        if self._display is not None:
            with contextlib.suppress(Exception):  # closing a dead connection is fine
                self._display.close()
            self._display = None
