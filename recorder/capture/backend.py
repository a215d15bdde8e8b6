"""The capture backend interface and its value objects: the base every backend builds on.

A backend is the platform code: it checks the environment, measures the monitors, runs the
input listeners, grabs the screen and names the focused window. Everything above it (the
session, the step reducer) is platform-free. This module imports no backend; the chooser
(:mod:`recorder.capture.platforms`) imports them, lazily, by platform.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from recorder.episode.model import MonitorInfo
from recorder.errors import EnvironmentProblem
from redaction.models import InputEvent

#: What an input callback hands to the sink: ``(monotonic_time, kind, *payload)``. Listener
#: callbacks only build this tuple and enqueue it; the backend translates it later, on the
#: session's worker thread (see :meth:`CaptureBackend.translate`).
RawInput = tuple[Any, ...]
InputSink = Callable[[RawInput], None]

#: The raw input event kinds (``InputEvent.kind``; the list: schema.EVENT_KINDS).
KEY_PRESS = "key_press"
KEY_RELEASE = "key_release"
BUTTON_PRESS = "button_press"
BUTTON_RELEASE = "button_release"
MOVE = "move"
SCROLL = "scroll"


@dataclass(frozen=True, slots=True)
class Monitor:
    """One monitor, measured: geometry in virtual-screen pixels and how its scale was found.

    ``index`` counts from 1 (0 would be the whole virtual screen, as in mss). ``scale`` is the
    factor the desktop renders at (2.0 on a "200 %" screen); ``scale_source`` says where it
    was measured (``Xft.dpi``, ``GDK_SCALE``, ``x11-unscaled``: no scaling is configured).
    ``dpi`` is the physical density from the monitor's reported size in millimetres, or None
    when the monitor reports none. ``pixel_ratio`` is screen pixels per unit of the geometry
    and of input coordinates: 1 where input arrives in pixels (X11, Windows when per-monitor
    DPI aware), the backing scale factor where it arrives in points (macOS).
    """

    index: int
    x: int
    y: int
    width: int
    height: int
    name: str | None = None
    primary: bool = False
    width_mm: int | None = None
    height_mm: int | None = None
    dpi: float | None = None
    scale: float = 1.0
    scale_source: str = "unknown"
    pixel_ratio: float = 1.0

    def to_info(self) -> MonitorInfo:
        """The episode metadata's form of this monitor."""
        return MonitorInfo(x=self.x, y=self.y, width=self.width, height=self.height,
                           scale=self.scale, desktop_scale=self.scale)

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height


@dataclass(frozen=True, slots=True)
class RawWindow:
    """The focused window, unredacted: its application class and its title.

    Titles often hold personal data (file names, e-mail subjects): redact before storing.
    ``secret`` names why typing here is a secret, as the platform reports it
    (:data:`SECRET_SECURE_INPUT`, :data:`SECRET_PASSWORD_FIELD`), or None. ``elevated``: the
    window belongs to an administrator process whose input a normal process cannot see.
    ``focus_known`` is False when the platform could not say whether the focused element is
    a password field (Windows UI Automation failed): typing there is then redacted as a
    secret, as where no window is known at all (fail closed).
    """

    app: str | None = None
    title: str | None = None
    secret: str | None = None
    elevated: bool = False
    focus_known: bool = True


#: macOS secure event input is on (a password field has focus): no keys reach the recorder.
SECRET_SECURE_INPUT = "secure_input"
#: The focused element is a password field (Windows UI Automation ``IsPassword``).
SECRET_PASSWORD_FIELD = "password_field"
#: Step flag: the window in front runs elevated; its input is hidden from the recorder.
FLAG_ELEVATED = "elevated_window"


class FrameSource(ABC):
    """Grabs one monitor and names the focused window, on its own display connection.

    Used by one thread at a time (the grabber holds a lock around it), so the window recorded
    with a frame is the one focused when the frame was taken.
    """

    @abstractmethod
    def grab(self) -> np.ndarray[Any, Any]:
        """Return the monitor's pixels now as an HxWx3 uint8 BGR array.

        A source may return the very same array object as last time when the screen has
        not changed (callers must not modify it); that is the cheap path for still screens.
        """

    @abstractmethod
    def focused_window(self) -> RawWindow | None:
        """The focused window now, or None when it cannot be resolved."""

    @abstractmethod
    def close(self) -> None: ...


class RegionGrabber(Protocol):
    """A platform module's grabber of one screen region (``api.grabber(x, y, w, h)``)."""

    def grab(self) -> tuple[bytes, int, int]:
        """``(BGRA bytes, width, height)`` in pixels."""
        ...

    def close(self) -> None: ...


class MssGrabber:
    """mss grabs of one region, in pixels (what the macOS and Windows modules hand out)."""

    def __init__(self, left: int, top: int, width: int, height: int) -> None:
        import mss

        self._sct = mss.MSS()
        self._region = {"left": left, "top": top, "width": width, "height": height}

    def grab(self) -> tuple[bytes, int, int]:
        shot = self._sct.grab(self._region)
        return bytes(shot.raw), int(shot.width), int(shot.height)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._sct.close()


class BgraFrameSource(FrameSource):
    """A frame source over a :class:`RegionGrabber`: BGRA bytes become a BGR array, and an
    unchanged screen (the very same bytes) returns the very same array. Subclasses name the
    focused window."""

    def __init__(self, grabber: RegionGrabber) -> None:
        self._grabber = grabber
        self._last: tuple[bytes, np.ndarray[Any, Any]] | None = None

    def grab(self) -> np.ndarray[Any, Any]:
        import cv2

        try:
            raw, width, height = self._grabber.grab()
        except Exception as exc:
            raise EnvironmentProblem(
                f"cannot read the screen (grab failed: {type(exc).__name__})") from None
        if self._last is not None and raw == self._last[0]:
            return self._last[1]
        bgra = np.frombuffer(raw, dtype=np.uint8).reshape(height, width, 4)
        bgr = np.ascontiguousarray(cv2.cvtColor(bgra, cv2.COLOR_BGRA2BGR))
        self._last = (raw, bgr)
        return bgr

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._grabber.close()


@dataclass(frozen=True, slots=True)
class EnvironmentReport:
    """What the environment check found (value-free: no display or host names)."""

    backend: str
    session_type: str
    notes: tuple[str, ...] = field(default_factory=tuple)


class CaptureBackend(ABC):
    """Platform code behind one interface; one instance per capture session.

    Threading contract: :meth:`start_input` registers callbacks that only timestamp and
    enqueue into ``sink``; :meth:`translate` runs on the session's worker thread; each
    :class:`FrameSource` is used by one thread at a time.
    """

    name: str = "abstract"

    @abstractmethod
    def check_environment(self) -> EnvironmentReport:
        """Raise :class:`~recorder.errors.EnvironmentProblem` unless capture can work here."""

    @abstractmethod
    def monitors(self) -> tuple[Monitor, ...]:
        """Measure the monitors (geometry and scale)."""

    @abstractmethod
    def frame_source(self, monitor: Monitor) -> FrameSource: ...

    @abstractmethod
    def start_input(self, sink: InputSink) -> None:
        """Start the input listeners; return once they are live (events are being seen)."""

    @abstractmethod
    def stop_input(self, timeout_s: float = 2.0) -> None:
        """Stop the listeners within ``timeout_s`` even if no further input ever arrives."""

    @abstractmethod
    def translate(self, raw: RawInput, t: float) -> InputEvent | None:
        """Turn a queued callback tuple into an :class:`InputEvent` at session time ``t``.

        Coordinates stay in the monitors' units (pixels, or points on macOS); key names are
        the vocabulary of :mod:`recorder.capture.keys` (``shift``, ``ctrl_r``, ``backspace``,
        ``a``), ``char`` is the produced character.
        """

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; called once at the end of a session."""
