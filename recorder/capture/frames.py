"""Frames in memory: the session clock, the bounded ring of recent grabs and the grab loop.

Nothing here writes to disk. A frame is raw pixels (and the raw focused window): it stays in
memory until the record pipeline has redacted it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from recorder.capture.backend import FrameSource, RawWindow


class SessionClock:
    """One monotonic clock for a session: every time is seconds since ``origin``."""

    def __init__(self, origin: float | None = None) -> None:
        self.origin = time.monotonic() if origin is None else origin

    def now(self) -> float:
        return time.monotonic() - self.origin

    def at(self, monotonic: float) -> float:
        return monotonic - self.origin


@dataclass(frozen=True, slots=True, eq=False)
class Frame:
    """One grab of the chosen monitor, raw (unredacted).

    ``t`` is session time when the grab had completed, so a frame with ``t <= event.t`` shows
    the screen from before the event. ``pixels`` is HxWx3 uint8 BGR in the stored
    screenshot's size, read-only. Consecutive identical grabs share one ``pixels`` array and
    one ``content_id``, so a consumer redacts and encodes each distinct content once.
    ``window`` is the focused window when the frame was grabbed.
    """

    t: float
    pixels: np.ndarray[Any, Any]
    content_id: int
    window: RawWindow | None = None

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])


class FrameRing:
    """The last ``capacity`` frames, oldest dropped first. Thread-safe."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("ring capacity must be at least 1")
        self._frames: deque[Frame] = deque(maxlen=capacity)
        self._lock = threading.Lock()

    def push(self, frame: Frame) -> None:
        with self._lock:
            self._frames.append(frame)

    def latest(self) -> Frame | None:
        with self._lock:
            return self._frames[-1] if self._frames else None

    def latest_before(self, t: float) -> Frame | None:
        """The last frame grabbed at or before session time ``t``."""
        with self._lock:
            for frame in reversed(self._frames):
                if frame.t <= t:
                    return frame
        return None

    def clear(self) -> None:
        with self._lock:
            self._frames.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._frames)


def resize_frame(pixels: np.ndarray[Any, Any], scale: float) -> np.ndarray[Any, Any]:
    """Downscale (or upscale) a BGR frame by ``scale`` with area interpolation."""
    if scale == 1.0:
        return pixels
    import cv2

    height, width = pixels.shape[:2]
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.ascontiguousarray(cv2.resize(pixels, size, interpolation=cv2.INTER_AREA))


@dataclass(frozen=True, slots=True)
class GrabStats:
    grabs: int
    unique: int
    on_demand: int
    grab_ms_total: float
    errors: int


class Grabber:
    """Grabs the monitor ``fps`` times a second into a ring, on its own thread.

    :meth:`grab_now` grabs on demand from any thread (one lock around the source). While
    paused no grab is taken, and :meth:`pause` empties the ring: frames from before a pause
    are never shown as observations after it.
    """

    def __init__(
        self, source: FrameSource, ring: FrameRing, clock: SessionClock, fps: float,
        scale: float = 1.0, on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._source = source
        self._ring = ring
        self._clock = clock
        self._interval = 1.0 / fps
        self._scale = scale
        self._on_error = on_error
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._paused = False
        self._thread: threading.Thread | None = None
        self._last_pixels: np.ndarray[Any, Any] | None = None
        self._last_grabbed: np.ndarray[Any, Any] | None = None
        self._content_id = 0
        self._grabs = 0
        self._unique = 0
        self._on_demand = 0
        self._errors = 0
        self._grab_s = 0.0

    def grab_now(self, on_demand: bool = True) -> Frame:
        """Grab one frame now, push it to the ring and return it."""
        with self._lock:
            started = time.perf_counter()
            grabbed = self._source.grab()
            if grabbed is self._last_grabbed and self._last_pixels is not None:
                pixels = self._last_pixels  # the source saw no change
            else:
                self._last_grabbed = grabbed
                pixels = resize_frame(grabbed, self._scale)
            window = self._source.focused_window()
            self._grab_s += time.perf_counter() - started
            self._grabs += 1
            if on_demand:
                self._on_demand += 1
            last = self._last_pixels
            # Identical screens are common: share the array, so memory and later redaction
            # work follow distinct content, not time.
            if last is not None and (last is pixels or (last.shape == pixels.shape
                                                        and np.array_equal(last, pixels))):
                pixels = last
            else:
                pixels.flags.writeable = False
                self._last_pixels = pixels
                self._content_id += 1
                self._unique += 1
            frame = Frame(t=self._clock.now(), pixels=pixels, content_id=self._content_id,
                          window=window)
            self._ring.push(frame)
            return frame

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="cuarec-grab", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        next_at = time.monotonic()
        while not self._stop.is_set():
            if not self._paused:
                try:
                    self.grab_now(on_demand=False)
                except Exception as exc:
                    self._errors += 1
                    if self._on_error is not None:
                        self._on_error(exc)
                    return
            next_at += self._interval
            delay = next_at - time.monotonic()
            if delay < 0:  # fell behind (slow grab, busy machine): do not burst to catch up
                next_at = time.monotonic()
                delay = 0.0
            self._stop.wait(delay)

    def pause(self) -> None:
        with self._lock:
            self._paused = True
            self._ring.clear()
            self._last_pixels = None
            self._last_grabbed = None

    def resume(self) -> None:
        self._paused = False

    @property
    def paused(self) -> bool:
        return self._paused

    def stop(self, timeout_s: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    @property
    def native_id(self) -> int | None:
        return self._thread.native_id if self._thread is not None else None

    def stats(self) -> GrabStats:
        return GrabStats(self._grabs, self._unique, self._on_demand, self._grab_s * 1000,
                         self._errors)
