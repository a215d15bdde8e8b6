"""A capture session: listeners, grab loop, hotkeys, signals and the step reducer, in memory.

``CaptureSession(config).run()`` blocks until the stop hotkey, SIGINT/SIGTERM, the duration
limit or :meth:`CaptureSession.stop`, and returns a :class:`CaptureResult` holding raw
steps (or hands each step to ``on_step`` as soon as it is final). Nothing is written to disk
except the optional, empty ready-file.

Readiness: once the listeners are recording and a first frame is in the ring, one line
starting with :data:`READY_PREFIX` goes to stderr and ``ready_file`` is created. Input sent
after either can never be missed.
"""

from __future__ import annotations

import os
import queue
import signal
import sys
import threading
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

import numpy as np

from recorder.capture.backend import (
    FLAG_ELEVATED,
    KEY_PRESS,
    CaptureBackend,
    FrameSource,
    Monitor,
    RawInput,
    RawWindow,
)
from recorder.capture.frames import Frame, FrameRing, Grabber, SessionClock
from recorder.capture.hotkeys import Hotkey, HotkeyFilter, default_hotkeys
from recorder.capture.platforms import choose_backend
from recorder.capture.steps import (
    FLAG_LATE_OBSERVATION,
    CoordinateMap,
    RawStep,
    StepConfig,
    StepReducer,
)
from recorder.errors import CuarecError, EnvironmentProblem, UsageError

#: Every readiness line on stderr starts with this.
READY_PREFIX = "cuarec: ready"

STOP_HOTKEY = "hotkey"
STOP_SIGNAL = "signal"
STOP_DURATION = "duration"
STOP_API = "api"


@dataclass(frozen=True, slots=True)
class CaptureConfig:
    """What to capture and how. Times in seconds.

    ``monitor`` counts from 1 (None: the primary monitor, else the first). ``frame_scale``
    resizes stored frames (0.5 halves a 4K screen); coordinates follow the frames.
    """

    fps: float = 4.0
    monitor: int | None = None
    duration_s: float | None = None
    #: None: this platform's default (:func:`~recorder.capture.hotkeys.default_hotkeys`).
    stop_hotkey: str | None = None
    pause_hotkey: str | None = None
    ready_file: Path | None = None
    announce: bool = True
    frame_scale: float = 1.0
    #: How much history the ring keeps (frames = ring_seconds * fps, at least 4).
    ring_seconds: float = 6.0
    #: A ring frame older than this before an event is stale: grab one on demand instead.
    stale_after_s: float | None = None
    backend: str | None = None
    handle_signals: bool = True
    steps: StepConfig = field(default_factory=StepConfig)

    def __post_init__(self) -> None:
        if not 0 < self.fps <= 60:
            raise UsageError("fps must be above 0 and at most 60")
        if self.duration_s is not None and self.duration_s <= 0:
            raise UsageError("the duration must be positive")
        if self.monitor is not None and self.monitor < 1:
            raise UsageError("monitors are numbered from 1")
        if not 0.05 <= self.frame_scale <= 4:
            raise UsageError("frame_scale must be between 0.05 and 4")
        if self.ring_seconds <= 0:
            raise UsageError("ring_seconds must be positive")
        if self.stale_after_s is not None and self.stale_after_s <= 0:
            raise UsageError("stale_after_s must be positive")

    def hotkeys(self) -> dict[str, Hotkey]:
        stop, pause = default_hotkeys()
        return {"stop": Hotkey.parse(self.stop_hotkey or stop),
                "pause": Hotkey.parse(self.pause_hotkey or pause)}

    @property
    def stale_s(self) -> float:
        return self.stale_after_s if self.stale_after_s is not None else max(1.0, 3.0 / self.fps)


@dataclass(frozen=True, slots=True)
class CaptureStats:
    """Counts and timings of a session (value-free)."""

    events_seen: int = 0
    events_recorded: int = 0
    events_paused: int = 0
    events_swallowed: int = 0
    events_after_stop: int = 0
    frames_grabbed: int = 0
    frames_unique: int = 0
    frames_on_demand: int = 0
    grab_ms_mean: float = 0.0
    queue_delay_ms_p50: float = 0.0
    queue_delay_ms_p99: float = 0.0
    queue_delay_ms_max: float = 0.0
    listener_stop_s: float = 0.0
    listeners_left_running: int = 0


@dataclass(frozen=True, slots=True, eq=False)
class CaptureResult:
    """What a session captured: raw steps (unless streamed) and how it was captured.

    ``clock_origin`` is the ``time.monotonic()`` value of session time 0.
    """

    steps: tuple[RawStep, ...]
    step_count: int
    monitor: Monitor
    monitors: tuple[Monitor, ...]
    frame_size: tuple[int, int]
    backend: str
    session_type: str
    started_at: str
    clock_origin: float
    duration_s: float
    stop_reason: str
    pauses: tuple[tuple[float, float], ...]
    stats: CaptureStats

    def counts(self) -> dict[str, int]:
        """Steps by action type (value-free)."""
        out: dict[str, int] = {}
        for step in self.steps:
            out[step.action_type] = out.get(step.action_type, 0) + 1
        return out


def choose_monitor(monitors: tuple[Monitor, ...], index: int | None) -> Monitor:
    if not monitors:
        raise EnvironmentProblem("the display reports no monitor")
    if index is None:
        return next((m for m in monitors if m.primary), monitors[0])
    for monitor in monitors:
        if monitor.index == index:
            return monitor
    raise UsageError(f"there is no monitor {index}; this display has {len(monitors)}")


class CaptureSession:
    """One recording's capture half. Use once: ``result = CaptureSession(config).run()``.

    ``on_step`` (optional) receives each raw step on the session's thread as soon as it is
    final; the result then holds no steps (memory stays bounded for long recordings).
    ``ready`` is set once capture is live; :meth:`stop` ends a run from another thread.
    """

    def __init__(self, config: CaptureConfig | None = None,
                 on_step: Callable[[RawStep], None] | None = None,
                 backend: CaptureBackend | None = None,
                 stderr: TextIO | None = None,
                 on_warning: Callable[[str], None] | None = None) -> None:
        self.config = config or CaptureConfig()
        self._hotkeys = self.config.hotkeys()  # parse (and refuse bad ones) before anything
        HotkeyFilter(self._hotkeys)
        self._on_step = on_step
        self._backend = backend
        self._stderr = stderr
        #: Where warnings go (the record display's status-aware warn); else a line on stderr.
        self._on_warning = on_warning
        self._queue: queue.SimpleQueue[RawInput] = queue.SimpleQueue()
        self._stop_event = threading.Event()
        self._stop_reason: str | None = None
        self._stop_at: float | None = None  # session time of the stop request
        self._grab_error: BaseException | None = None
        self._steps: list[RawStep] = []
        self._used = False
        self._warned_elevated = False
        self._warned_focus = False
        self._warn_lock = threading.Lock()
        self._ring: FrameRing | None = None
        #: Screen pixels per frame pixel times the desktop scale: what redaction scales its
        #: padding and text detection by. Known once ``run`` has measured the monitor.
        self.device_scale: float | None = None
        self.ready = threading.Event()

    # -- control -----------------------------------------------------------------------------

    def stop(self, reason: str = STOP_API) -> None:
        """Ask a running session to stop (thread-safe; also used by the signal handler)."""
        if self._stop_reason is None:
            self._stop_reason = reason
        self._stop_event.set()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stop(STOP_SIGNAL)

    def _on_grab_error(self, exc: BaseException) -> None:
        self._grab_error = exc
        self._stop_event.set()

    # -- run ---------------------------------------------------------------------------------

    def run(self) -> CaptureResult:
        if self._used:
            raise UsageError("a capture session runs once; make a new one")
        self._used = True
        config = self.config
        backend = self._backend or choose_backend(config.backend)
        session_type = backend.check_environment().session_type
        source = None
        grabber: Grabber | None = None
        restore: dict[signal.Signals, Any] = {}
        try:
            monitors = backend.monitors()
            monitor = choose_monitor(monitors, config.monitor)
            source = _WatchedSource(backend.frame_source(monitor), self._saw_window)
            clock = SessionClock()
            started_at = datetime.now(UTC).isoformat(timespec="seconds")
            capacity = max(4, round(config.ring_seconds * config.fps))
            ring = FrameRing(capacity)
            self._ring = ring
            grabber = Grabber(source, ring, clock, config.fps, config.frame_scale,
                              on_error=self._on_grab_error)
            first = grabber.grab_now(on_demand=False)
            # Frame pixels per screen pixel (input may come in points: pixel_ratio).
            self.device_scale = monitor.scale * first.width / (monitor.width
                                                                * monitor.pixel_ratio)
            coords = CoordinateMap(
                origin_x=monitor.x, origin_y=monitor.y,
                scale_x=first.width / monitor.width, scale_y=first.height / monitor.height,
                width=first.width, height=first.height,
            )
            stale_s = config.stale_s
            assert grabber is not None
            live_grabber = grabber

            def observe(t: float) -> tuple[Frame | None, tuple[str, ...]]:
                frame = ring.latest_before(t)
                if frame is not None and t - frame.t <= stale_s:
                    return frame, ()
                if live_grabber.paused:
                    return None, ()
                return live_grabber.grab_now(), (FLAG_LATE_OBSERVATION,)

            reducer = StepReducer(observe, self._emit, coords, config.steps)
            hotkey_filter = HotkeyFilter(self._hotkeys)

            backend.start_input(self._queue.put)
            grabber.start()
            if config.handle_signals and threading.current_thread() is threading.main_thread():
                for signum in (signal.SIGINT, signal.SIGTERM):
                    restore[signum] = signal.signal(signum, self._on_signal)
            self._announce_ready()
            loop = _Loop(self, backend, clock, reducer, hotkey_filter, grabber, ring)
            loop.run()
            # Stop input first (never waiting for another event), then finish what came in.
            backend.stop_input()
            loop.drain()
            stop_t = loop.stop_t
            reducer.flush(stop_t)
            grabber.stop()
            end_frame = None if grabber.paused else grabber.grab_now(on_demand=False)
            if loop.paused_since is not None:
                loop.pauses.append((loop.paused_since, stop_t))
            reducer.done(stop_t, end_frame)
            grab_stats = grabber.stats()
            stats = CaptureStats(
                events_seen=loop.seen, events_recorded=loop.recorded,
                events_paused=loop.paused_count, events_swallowed=hotkey_filter.swallowed_count,
                events_after_stop=loop.after_stop, frames_grabbed=grab_stats.grabs,
                frames_unique=grab_stats.unique, frames_on_demand=grab_stats.on_demand,
                grab_ms_mean=grab_stats.grab_ms_total / max(1, grab_stats.grabs),
                **loop.delay_summary(),
                listener_stop_s=getattr(backend, "listener_stop_s", 0.0),
                listeners_left_running=getattr(backend, "listeners_left_running", 0),
            )
            steps = tuple(self._steps)
            self._steps = []
            return CaptureResult(
                steps=steps, step_count=reducer.emitted, monitor=monitor, monitors=monitors,
                frame_size=(first.width, first.height), backend=backend.name,
                session_type=session_type, started_at=started_at,
                clock_origin=clock.origin, duration_s=stop_t,
                stop_reason=self._stop_reason or STOP_API, pauses=tuple(loop.pauses),
                stats=stats,
            )
        finally:
            for signum, handler in restore.items():
                signal.signal(signum, handler)
            backend.stop_input()
            if grabber is not None:
                grabber.stop()
            if source is not None:
                source.close()
            backend.close()

    def _emit(self, step: RawStep) -> None:
        step = self._with_window_flags(step)
        if self._on_step is not None:
            self._on_step(step)
        else:
            self._steps.append(step)

    def _with_window_flags(self, step: RawStep) -> RawStep:
        """Say in the step's flags what the platform said about its window: a secret field
        (typing in the step is then redacted as a secret) or an elevated window (its input
        is hidden from us: warned once).

        Typing can start before any frame shows the field focused (a click into a password
        field, then keys within one frame period): for a step with keys, the newest frame,
        grabbed after its first key, counts too (fail closed)."""
        window = step.window
        secret = window.secret if window is not None else None
        ring = self._ring
        if secret is None and ring is not None and any(e.kind == KEY_PRESS
                                                       for e in step.events):
            latest = ring.latest()
            if latest is not None and latest.window is not None \
                    and latest.t >= step.timestamp_s:
                secret = latest.window.secret
                if window is not None and not latest.window.focus_known:
                    window = replace(window, focus_known=False)
                    step = replace(step, window=window)
        elevated = window is not None and window.elevated
        if secret is None and not elevated:
            return step
        extra = [secret] if secret is not None else []
        if elevated:
            extra.append(FLAG_ELEVATED)
            self._saw_window(window)
        return replace(step, flags=tuple(dict.fromkeys((*step.flags, *extra))))

    def _saw_window(self, window: RawWindow | None) -> None:
        """Warn once, as soon as an elevated window is in front (its input is hidden from us,
        so it may make no step at all), and once when the platform cannot say whether the
        focused field is a password field (value-free: no app, no title)."""
        if window is not None and not window.focus_known:
            self._saw_unknown_focus()
        if window is None or not window.elevated:
            return
        with self._warn_lock:  # the grab thread and the worker both call this
            if self._warned_elevated:
                return
            self._warned_elevated = True
        self._warn("an administrator (elevated) window is in front; the system hides its "
                   f"input from cuarec, so its steps are flagged {FLAG_ELEVATED} (run cuarec "
                   "elevated to record it)")

    def _warn(self, message: str) -> None:
        if self._on_warning is not None:
            self._on_warning(message)
            return
        stream = self._stderr or sys.stderr
        stream.write(f"cuarec: warning: {message}\n")
        stream.flush()

    def _saw_unknown_focus(self) -> None:
        with self._warn_lock:
            if self._warned_focus:
                return
            self._warned_focus = True
        self._warn("the system cannot say whether the focused field is a password field, so "
                   "typing there is redacted as a secret")

    def _announce_ready(self) -> None:
        config = self.config
        hotkeys = self._hotkeys
        if config.ready_file is not None:
            try:
                fd = os.open(config.ready_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            except OSError as exc:
                raise EnvironmentProblem(
                    f"cannot create the ready file {config.ready_file} "
                    f"({exc.strerror or type(exc).__name__})") from None
            os.close(fd)
        if config.announce:
            stream = self._stderr or sys.stderr
            stream.write(f"{READY_PREFIX} (stop: {hotkeys['stop']}, "
                         f"pause/resume: {hotkeys['pause']})\n")
            stream.flush()
        self.ready.set()


class _WatchedSource(FrameSource):
    """A frame source that shows each window it names to ``on_window`` (the grab thread)."""

    def __init__(self, source: FrameSource,
                 on_window: Callable[[RawWindow | None], None]) -> None:
        self._source = source
        self._on_window = on_window

    def grab(self) -> np.ndarray[Any, Any]:
        return self._source.grab()

    def focused_window(self) -> RawWindow | None:
        window = self._source.focused_window()
        self._on_window(window)
        return window

    def close(self) -> None:
        self._source.close()


class _Loop:
    """The worker loop: queue -> translate -> hotkey filter -> reducer, on one thread."""

    def __init__(self, session: CaptureSession, backend: CaptureBackend, clock: SessionClock,
                 reducer: StepReducer, hotkey_filter: HotkeyFilter, grabber: Grabber,
                 ring: FrameRing) -> None:
        self.session = session
        self.backend = backend
        self.clock = clock
        self.reducer = reducer
        self.filter = hotkey_filter
        self.grabber = grabber
        self.ring = ring
        self.seen = 0
        self.recorded = 0
        self.paused_count = 0
        self.after_stop = 0
        self.paused_since: float | None = None
        self.pauses: list[tuple[float, float]] = []
        self.stop_t = 0.0
        self._delays = array("f")

    def run(self) -> None:
        session = self.session
        config = session.config
        get = session._queue.get
        limit = config.duration_s
        while True:
            try:
                raw = get(timeout=0.05)
            except queue.Empty:
                raw = None
            if raw is not None:
                self.handle(raw)
                while not session._stop_event.is_set():
                    try:  # drain a burst without a timeout per event
                        raw = session._queue.get_nowait()
                    except queue.Empty:
                        break
                    self.handle(raw)
            now = self.clock.now()
            if session._grab_error is not None:
                raise _as_environment_problem(session._grab_error)
            if session._stop_event.is_set():
                self.stop_t = session._stop_at if session._stop_at is not None else now
                return
            if limit is not None and now >= limit:
                session.stop(STOP_DURATION)
                self.stop_t = limit
                return
            self.reducer.tick(now)

    def drain(self) -> None:
        """Handle what was queued before the stop; drop anything later."""
        while True:
            try:
                raw = self.session._queue.get_nowait()
            except queue.Empty:
                return
            if self.clock.at(raw[0]) > self.stop_t:
                self.after_stop += 1
                continue
            self.handle(raw, stopping=True)

    def handle(self, raw: RawInput, stopping: bool = False) -> None:
        now_mono = time.monotonic()
        self.seen += 1
        if len(self._delays) < 1_000_000:
            self._delays.append(now_mono - raw[0])
        t = self.clock.at(raw[0])
        session = self.session
        if session._stop_event.is_set() and not stopping and session._stop_at is not None \
                and t > session._stop_at:
            self.after_stop += 1
            return
        event = self.backend.translate(raw, t)
        if event is None:
            return
        passed, fired = self.filter.feed(event)
        for ev in passed:
            if self.paused_since is not None:
                self.paused_count += 1
            else:
                self.recorded += 1
                self.reducer.feed(ev)
        if fired == "stop" and not stopping:
            session._stop_at = t
            session.stop(STOP_HOTKEY)
        elif fired == "pause" and not stopping:
            self.toggle_pause(t)

    def toggle_pause(self, t: float) -> None:
        if self.paused_since is None:
            self.reducer.flush(t)
            self.grabber.pause()
            self.paused_since = t
        else:
            self.pauses.append((self.paused_since, t))
            self.paused_since = None
            self.grabber.resume()
            self.grabber.grab_now(on_demand=False)  # fresh frame: nothing from before the pause
            self.reducer.resume(t)
        self.filter.reset()

    def delay_summary(self) -> dict[str, float]:
        delays = sorted(self._delays)
        if not delays:
            return {}
        n = len(delays)
        return {
            "queue_delay_ms_p50": delays[n // 2] * 1000,
            "queue_delay_ms_p99": delays[min(n - 1, (n * 99) // 100)] * 1000,
            "queue_delay_ms_max": delays[-1] * 1000,
        }


def _as_environment_problem(exc: BaseException) -> CuarecError:
    if isinstance(exc, CuarecError):
        return exc
    return EnvironmentProblem(
        f"screen capture failed; the X display may have gone away ({type(exc).__name__})")
