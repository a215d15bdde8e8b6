"""``cuarec record``: capture -> redaction in memory -> the episode writer.

Threads: the capture session runs on the calling (main) thread and hands each raw step to
:meth:`Recording.enqueue`, which only compresses the step's frame losslessly (identical frames
shared) into the backlog (:mod:`recorder.backlog`: RAM only, locked where the OS allows) and
queues it; one redaction thread redacts steps in order and appends them to the writer, which
flushes complete parts. Raw data never leaves memory. No screenshot is dropped unless the
backlog reaches its memory cap (min(25 % of available RAM, 1 GB) of compressed frames) or the
opt-in ``max_backlog_s``; a dropped one is counted, its step keeps its events, the user is
warned. At stop, the backlog is finished with a progress bar.

Interrupts: the first SIGINT/SIGTERM stops capture and the backlog is finished; a second one
asks on a terminal (or, without one, decides) to discard the steps not yet redacted and write
those that are. Nothing raw is ever written. A killed process loses only what was in memory:
its parts carry the number of steps captured, so ``recover`` reports how many were lost.
"""

from __future__ import annotations

import contextlib
import logging
import platform
import queue
import signal
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np

from recorder.backlog import MemoryLocker, PendingFrame, default_cap_bytes
from recorder.capture.backend import Monitor
from recorder.capture.steps import RawStep
from recorder.episode import schema
from recorder.episode.model import EpisodeMetadata, MonitorInfo, step_fields
from recorder.episode.writer import EpisodeWriter, RecoveryResult, recover_folder
from recorder.errors import CuarecError, EnvironmentProblem
from recorder.hardening import release_free_memory
from recorder.pipeline import (
    Engines,
    PrivacySettings,
    StepDraft,
    StepRedactor,
    Tally,
    ocr_thread_share,
)
from recorder.record_display import LiveStatus, PlainDisplay, RecordDisplay

if TYPE_CHECKING:
    from recorder.capture.session import CaptureSession

_log = logging.getLogger("cuarec.record")

#: Why a screenshot or step was dropped (value-free keys of the episode's ``dropped``).
DROP_BACKLOG_CAP = "frame:backlog_cap"
DROP_DISCARDED = "step:discarded_unredacted"


@dataclass(frozen=True, slots=True)
class RecordOptions:
    task: str
    out_dir: Path = Path("episodes")
    duration_s: float | None = None
    fps: float = 2.0
    monitor: int | None = None
    policy: str = "default"
    no_ner: bool = False
    ready_file: Path | None = None
    stop_hotkey: str | None = None  # None: the platform's default
    pause_hotkey: str | None = None
    consent: bool = True
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    #: Compressed screenshots waiting for redaction above this many bytes are dropped (None:
    #: min(25 % of the RAM available at start, 1 GB); see recorder.backlog).
    max_pending_bytes: int | None = None
    #: Opt-in: estimated seconds of redaction work allowed to wait (queued screenshots times
    #: the recent seconds per screenshot); past it new screenshots are dropped, so stopping
    #: stays quick at the cost of data. None: keep every screenshot up to the memory cap.
    max_backlog_s: float | None = None
    #: Read only what changed since the previous screenshot (see StepRedactor).
    incremental_ocr: bool = True
    #: Lock waiting screenshots in RAM (mlock) where the OS allows.
    lock_memory: bool = True


@dataclass(frozen=True, slots=True)
class RecordResult:
    """A value-free summary of a finished recording."""

    episode: Path
    steps: int
    frames: int
    duration_s: float
    steps_by_action: dict[str, int]
    redactions_by_type: dict[str, int]
    dropped: dict[str, int]
    flags: dict[str, int]
    stop_reason: str
    recovered: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: Steps captured, screenshots kept and dropped by the backlog, seconds from the stop of
    #: capture to the written episode, steps discarded unredacted at a second interrupt.
    steps_captured: int = 0
    screenshots_kept: int = 0
    screenshots_dropped: int = 0
    finish_s: float = 0.0
    steps_discarded: int = 0
    #: The backlog's cap (compressed bytes) and its peak use.
    backlog_cap_bytes: int = 0
    backlog_peak_bytes: int = 0

    def to_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        data = asdict(self)
        data["episode"] = str(self.episode)
        return data


@dataclass(slots=True)
class _Pending:
    step: RawStep
    frame: PendingFrame | None
    frame_dropped: bool
    #: 1 when the frame is new content (real OCR work), 0 when it repeats the last one.
    fresh: int = 0
    #: Whether capture had a frame for the step (the step itself no longer holds it).
    observed: bool = False


class _Done:
    """The end of the queue."""


_DONE = _Done()


class Recording:
    """One recording: owns the backlog, the redaction thread and the writer."""

    def __init__(self, options: RecordOptions, engines: Engines,
                 display: RecordDisplay | None = None) -> None:
        from recorder.identity import seed_deny_list

        self.options = options
        self.engines = engines
        self.display: RecordDisplay = display or PlainDisplay(sys.stderr)
        self.deny = seed_deny_list()
        self.tally = Tally()
        self.queue: queue.Queue[_Pending | _Done] = queue.Queue()
        self.cap_bytes = (options.max_pending_bytes if options.max_pending_bytes is not None
                          else default_cap_bytes())
        self.locker = MemoryLocker(options.lock_memory)
        self._told_unlocked = False
        self.pending_bytes = 0
        self.peak_bytes = 0
        self.pending_frames = 0
        self._pending_lock = threading.Lock()
        #: Recent seconds of redaction per new screenshot (moving average; None until known).
        self.seconds_per_frame: float | None = None
        self._last_content: tuple[int, PendingFrame] | None = None
        self.warnings: list[str] = []
        self.error: BaseException | None = None
        #: Steps handed over by capture; steps redacted and written; screenshots kept and
        #: dropped (counts only).
        self.captured = 0
        self.started = 0
        self.steps_done = 0
        self.screenshots_kept = 0
        self.screenshots_dropped = 0
        self.discarded = 0
        self.actions: dict[str, int] = {}
        self.writer: EpisodeWriter | None = None
        self.redactor: StepRedactor | None = None
        self.session: CaptureSession | None = None
        #: Set by a second interrupt: the steps not yet redacted are discarded.
        self.discard = threading.Event()
        self.interrupts = 0
        self._ask = threading.Event()
        self.capture_stopped = threading.Event()
        #: The live line and the backlog's progress share the display.
        self.display_lock = threading.Lock()

    # -- capture thread -------------------------------------------------------------------------
    def enqueue(self, step: RawStep) -> None:
        """Called by the capture session for each raw step: compress, share, queue. Fast."""
        pending: PendingFrame | None = None
        dropped = False
        fresh = 0
        frame = step.observation
        if frame is not None:
            with self._pending_lock:
                last = self._last_content
                if last is not None and last[0] == frame.content_id and last[1].retain():
                    pending = last[1]
            if pending is None:
                data = _compress(frame.pixels)
                with self._pending_lock:
                    if self._admits(len(data), step.action_type == "type"):
                        pending = PendingFrame(data, self.locker)
                        if not pending.locked:
                            self._unlocked_once()
                        self.pending_bytes += pending.size
                        self.peak_bytes = max(self.peak_bytes, self.pending_bytes)
                        self.pending_frames += 1
                        self._last_content = (frame.content_id, pending)
                        fresh = 1
                    else:
                        dropped = True
                        self._last_content = None  # the next step must not reuse it
                        size = len(data)
                del data
            if dropped:
                self.screenshots_dropped += 1
                _log.info("step %d: screenshot dropped (%d waiting, %d bytes of %d)",
                          step.step_index, self.pending_frames, self.pending_bytes,
                          self.cap_bytes)
                if self.screenshots_dropped == 1:
                    cap = (f"{self.options.max_backlog_s:g} s of work"
                           if self.options.max_backlog_s is not None
                           and self.pending_bytes + size <= self.cap_bytes
                           else f"{self.cap_bytes >> 20} MB")
                    self.warnings.append(
                        f"redaction fell behind past the backlog cap ({cap}): some "
                        "screenshots are dropped (their steps keep their actions)")
                    self.display.warn(self.warnings[-1])
            else:
                self.screenshots_kept += 1
        self.captured += 1
        if self.writer is not None:
            self.writer.note_captured(self.captured)
        # The raw pixels leave with the step's frame: only the compressed copy waits.
        self.queue.put(_Pending(replace(step, observation=None), pending, dropped, fresh,
                                observed=frame is not None))

    def capture_warning(self, message: str) -> None:
        """A warning from the capture threads (an elevated window): the display's, drawn
        between its status lines."""
        with self.display_lock:
            self.display.warn(message)

    def _unlocked_once(self) -> None:
        message = self.locker.message()
        if message is not None and not self._told_unlocked:
            self._told_unlocked = True
            self.warnings.append(message)
            self.display.warn(message)

    def _admits(self, size: int, typing: bool) -> bool:
        """Whether a new screenshot of ``size`` compressed bytes may wait (lock held)."""
        if self.pending_bytes + size > self.cap_bytes:
            return False
        if self.options.max_backlog_s is None:
            return True
        # A typing step's screenshot tells whether it was typed at a password prompt;
        # without it the typing is blanked as a secret (fail closed). So it gets one more
        # place: other steps' screenshots are dropped first.
        return self.pending_frames + 1 <= self.frame_budget() + typing

    def frame_budget(self) -> int:
        """With ``max_backlog_s``: how many new screenshots may wait now (at least one)."""
        limit = self.options.max_backlog_s
        if limit is None or not self.seconds_per_frame:
            return sys.maxsize
        return max(1, int(limit / self.seconds_per_frame))

    def end_of_capture(self) -> None:
        """No more steps: the redaction thread ends once the queue is drained."""
        self.queue.put(_DONE)

    def release(self, item: _Pending | _Done) -> None:
        """Free ``item``'s share of its waiting screenshot (after decoding or discarding)."""
        if isinstance(item, _Done) or item.frame is None:
            return
        with self._pending_lock:
            if item.frame.release():
                self.pending_bytes -= item.frame.size
            self.pending_frames -= item.fresh

    def status(self, elapsed_s: float) -> LiveStatus:
        return LiveStatus(elapsed_s=elapsed_s, steps=self.captured,
                          waiting=self.pending_frames, dropped=self.screenshots_dropped)

    # -- interrupts (main thread) ---------------------------------------------------------------
    def interrupt(self) -> None:
        """A SIGINT/SIGTERM: the first stops capture; a later one (or any once capture has
        stopped) asks whether to discard the unredacted rest (see :meth:`finish`)."""
        self.interrupts += 1
        if self.interrupts == 1 and not self.capture_stopped.is_set():
            from recorder.capture.session import STOP_SIGNAL

            if self.session is not None:
                self.session.stop(STOP_SIGNAL)
            return
        self._ask.set()

    def finish(self, worker: threading.Thread, total: int) -> None:
        """Wait for the redaction thread to drain the backlog (``total`` steps captured),
        showing progress; at an interrupt, ask whether to discard the unredacted rest."""
        with self.display_lock:
            self.capture_stopped.set()
        while worker.is_alive():
            self.display.finishing(self.steps_done, self._to_write(total), self._eta_hint())
            if self._ask.is_set() and not self.discard.is_set():
                self._ask.clear()
                # Not yet started, less the final step (kept without its screenshot).
                if self.display.ask_discard(max(0, total - self.started - 1)):
                    self.discard.set()
            worker.join(timeout=0.2)
        self.display.finishing(self.steps_done, self._to_write(total))

    def _eta_hint(self) -> float | None:
        """Screenshots waiting times the recent seconds per screenshot (None until known)."""
        if self.seconds_per_frame is None or self.discard.is_set():
            return None
        return self.pending_frames * self.seconds_per_frame

    def _to_write(self, total: int) -> int:
        """Steps that will be written: all, or once discarding, those started and the final
        step."""
        if not self.discard.is_set() or self.started >= total:
            return total - self.discarded
        return self.started + 1

    def write(self, metadata: EpisodeMetadata) -> Path:
        """Finish the episode file with ``metadata`` plus this recording's counts."""
        assert self.writer is not None
        return self.writer.finalize(replace(
            metadata, redaction_counts=dict(self.tally.redactions),
            dropped=dict(self.tally.dropped), steps_captured=self.captured))

    # -- redaction thread ----------------------------------------------------------------------
    def redaction_loop(self) -> None:
        assert self.redactor is not None and self.writer is not None
        # A typing step waits (in memory) for the next step's frame: the field reader reads
        # the field typed into from the frames before and after the run (redaction.field).
        held: tuple[StepDraft, int] | None = None
        while True:
            item = self.queue.get()
            if isinstance(item, _Done):
                if held is not None and self.error is None:
                    try:
                        self._redact_step(*held)
                    except BaseException as exc:
                        self.error = exc
                return
            self.started += 1
            if self.error is not None:
                self.release(item)
                continue  # drain without work after a fatal writer error
            try:
                if self.discard.is_set() and item.step.action_type != "done":
                    self.release(item)
                    self.discarded += 1
                    self.tally.add(dropped=DROP_DISCARDED)
                    continue
                draft = self._draft(item)
                self.release(item)
                if held is not None:
                    waiting, held = held, None
                    self._redact_step(replace(waiting[0], after_frame=draft.frame), waiting[1])
                if draft.action_type == "type" and draft.frame is not None:
                    held = (draft, item.fresh)
                    continue
                self._redact_step(draft, item.fresh)
            except BaseException as exc:
                self.release(item)
                self.error = exc
                if self.session is not None:
                    self.session.stop()

    def _redact_step(self, draft: StepDraft, fresh: int) -> None:
        assert self.redactor is not None and self.writer is not None
        if self.session is not None and self.session.device_scale:
            self.redactor.scale = self.session.device_scale  # HiDPI: pad and detect more
        started = time.perf_counter()
        redacted = self.redactor.redact(draft)
        if fresh:
            self._measured(time.perf_counter() - started)
            release_free_memory()
        self.writer.append(redacted)
        _log.debug("step %d %s: %d redactions, flags %s, %.0f ms; %d screenshots "
                   "waiting", redacted.step_index, redacted.action_type,
                   len(redacted.redactions), ",".join(redacted.flags) or "-",
                   (time.perf_counter() - started) * 1000, self.pending_frames)
        self.actions[redacted.action_type] = self.actions.get(redacted.action_type, 0) + 1
        self.steps_done += 1

    def _measured(self, seconds: float) -> None:
        previous = self.seconds_per_frame
        # A moving average: a burst of heavy screens shrinks the queue quickly, and it grows
        # back as the screens get light again.
        self.seconds_per_frame = seconds if previous is None else 0.7 * previous + 0.3 * seconds

    def _draft(self, item: _Pending) -> StepDraft:
        step = item.step
        # Discarding: the final step is kept without its (unredacted) screenshot.
        frame = (None if item.frame is None or self.discard.is_set()
                 else _decompress(item.frame.read()))
        flags = step.flags
        screen_known = not item.frame_dropped
        if item.frame_dropped:
            flags += ("frame_dropped",)
            self.tally.add(dropped=DROP_BACKLOG_CAP)
        elif item.frame is not None and frame is None:
            flags += ("frame_dropped",)
            screen_known = False
        window = step.window
        return StepDraft(
            **{**step_fields(step), "flags": flags}, frame=frame,
            window_app=None if window is None else window.app,
            window_title=None if window is None else window.title,
            focus_known=window.focus_known if window is not None else not item.observed,
            screen_known=screen_known,
        )


def _compress(pixels: np.ndarray[Any, Any]) -> bytes:
    import cv2

    ok, buffer = cv2.imencode(".png", pixels, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    if not ok:
        raise RuntimeError("frame compression failed")
    return bytes(buffer.tobytes())


def _decompress(data: bytes) -> np.ndarray[Any, Any]:
    import cv2

    frame = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if frame is None:
        raise RuntimeError("frame decompression failed")
    return frame


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    from recorder import __version__

    out = {"cuarec": __version__}
    for name in ("presidio-analyzer", "spacy", "rapidocr", "onnxruntime",
                 "opencv-python-headless", "pynput", "mss"):
        with contextlib.suppress(PackageNotFoundError):
            out[name] = version(name)
    return out


def record_episode(options: RecordOptions, engines: Engines | None = None,
                   display: RecordDisplay | None = None,
                   stderr: TextIO | None = None) -> RecordResult:
    """Record one episode end to end. Raises :class:`CuarecError` on any refusal.

    ``display`` shows the live status and the backlog's progress (default: lines on
    ``stderr``). Run on the main thread, it handles SIGINT and SIGTERM itself (see
    :meth:`Recording.interrupt`)."""
    from recorder.capture import CaptureConfig, CaptureSession, choose_backend
    from recorder.hardening import harden_process
    from recorder.identity import volunteer_id

    harden_process()
    stderr = stderr or sys.stderr
    display = display or PlainDisplay(stderr)
    # Refuse a bad environment before loading seconds of models.
    choose_backend().close()
    recovered: list[RecoveryResult] = []
    if options.out_dir.is_dir():
        recovered = recover_folder(options.out_dir)
    loading = time.perf_counter()
    # One core stays free for capture, the X server and the app being recorded.
    engines = engines or Engines.build(options.policy, no_ner=options.no_ner,
                                       ocr_threads=ocr_thread_share(reserve=1))
    _log.info("engines ready in %.1f s", time.perf_counter() - loading)
    recording = Recording(options, engines, display)
    _log.info("backlog cap %d MB of compressed screenshots", recording.cap_bytes >> 20)
    started = datetime.now(UTC)
    episode_id = str(uuid.uuid4())
    redactor = StepRedactor(engines, recording.deny, options.privacy, recording.tally,
                            incremental_ocr=options.incremental_ocr)
    recording.redactor = redactor
    task = redactor.redact_task(options.task)
    metadata = EpisodeMetadata(
        episode_id=episode_id, task=task, started_at=started.isoformat(timespec="seconds"),
        os=platform.system(), policy=engines.policy_metadata(), versions=_versions(),
        volunteer_id=volunteer_id(), consent=options.consent,
    )
    name = f"{started:%Y%m%dT%H%M%S}-{episode_id[:8]}{schema.EPISODE_SUFFIX}"
    # One step per part: a crash loses at most the steps still in memory.
    writer = EpisodeWriter(options.out_dir / name, metadata, chunk_steps=1)
    recording.writer = writer
    config = CaptureConfig(fps=options.fps, monitor=options.monitor,
                           duration_s=options.duration_s, stop_hotkey=options.stop_hotkey,
                           pause_hotkey=options.pause_hotkey, ready_file=options.ready_file,
                           handle_signals=False)
    session = CaptureSession(config, on_step=recording.enqueue, stderr=stderr,
                             on_warning=recording.capture_warning)
    recording.session = session
    worker = threading.Thread(target=recording.redaction_loop, name="cuarec-redaction",
                              daemon=True)
    worker.start()
    # Interrupts stay ours until the episode is written: a Ctrl-C while writing asks nothing
    # and aborts nothing.
    with handle_interrupts(recording):
        with _live_status(recording, session):
            try:
                capture = session.run()
            except BaseException:
                recording.end_of_capture()
                worker.join()
                writer.discard()  # nothing half-finished is left when capture itself failed
                raise
            stopped = time.monotonic()
            recording.end_of_capture()
            total = capture.step_count
            _log.info("capture stopped (%s): %d steps, %d still to redact", capture.stop_reason,
                      total, total - recording.steps_done)
            try:
                recording.finish(worker, total)
            finally:
                display.close()
        if recording.error is not None:
            error = recording.error
            if isinstance(error, CuarecError):
                raise error  # parts already flushed stay recoverable
            raise EnvironmentProblem(
                f"recording stopped: redaction failed ({type(error).__name__}); flushed steps "
                f"can be recovered with `cuarec recover {options.out_dir}`")
        monitor = capture.monitor
        frame_w, _ = capture.frame_size
        scale = frame_w / monitor.width if monitor.width else 1.0
        tally = recording.tally
        final = replace(
            metadata,
            ended_at=datetime.now(UTC).isoformat(timespec="seconds"),
            duration_s=round(capture.duration_s, 3),
            session_type=capture.session_type,
            # Each monitor's own ratio: a 1x screen beside a 2x Retina one (points) stays 1x.
            monitors=tuple(_monitor_info(m, scale * m.pixel_ratio / monitor.pixel_ratio)
                           for m in capture.monitors),
            monitor_index=capture.monitors.index(monitor),
            scale_factor=scale,
        )
        path = recording.write(final)
    finish_s = time.monotonic() - stopped
    _log.info("episode written %.1f s after capture stopped", finish_s)
    from recorder.episode.reader import open_episode

    episode = open_episode(path)
    return RecordResult(
        episode=path, steps=episode.metadata.step_count, frames=episode.metadata.frame_count,
        duration_s=round(capture.duration_s, 3), steps_by_action=dict(sorted(
            recording.actions.items())),
        redactions_by_type=dict(sorted(tally.redactions.items())),
        dropped=dict(sorted(tally.dropped.items())), flags=dict(sorted(tally.flags.items())),
        stop_reason=capture.stop_reason,
        recovered=tuple(str(r.episode) for r in recovered if r.status == "recovered"),
        warnings=tuple(recording.warnings), steps_captured=recording.captured,
        screenshots_kept=recording.screenshots_kept,
        screenshots_dropped=recording.screenshots_dropped, finish_s=round(finish_s, 2),
        steps_discarded=recording.discarded, backlog_cap_bytes=recording.cap_bytes,
        backlog_peak_bytes=recording.peak_bytes,
    )


@contextlib.contextmanager
def handle_interrupts(recording: Recording) -> Iterator[None]:
    """SIGINT and SIGTERM go to :meth:`Recording.interrupt` (main thread only; elsewhere the
    caller's own handling stays)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        recording.interrupt()

    restore = {signum: signal.signal(signum, handler)
               for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, previous in restore.items():
            signal.signal(signum, previous)


@contextlib.contextmanager
def _live_status(recording: Recording, session: CaptureSession) -> Iterator[None]:
    """Redraw the live status line once a second from the moment capture is ready until
    it stops."""
    done = threading.Event()

    def tick() -> None:
        if not _wait_ready(session, done):
            return
        origin: float | None = None
        while not done.wait(0 if origin is None else 1.0):
            with recording.display_lock:
                if recording.capture_stopped.is_set():
                    return
                origin = time.monotonic() if origin is None else origin
                recording.display.live(recording.status(time.monotonic() - origin))

    ticker = threading.Thread(target=tick, name="cuarec-status", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        recording.capture_stopped.set()
        ticker.join()


def _wait_ready(session: CaptureSession, done: threading.Event) -> bool:
    while not done.is_set():
        if session.ready.wait(0.1):
            return True
    return False


def _monitor_info(monitor: Monitor, scale: float) -> MonitorInfo:
    return MonitorInfo(x=monitor.x, y=monitor.y, width=monitor.width, height=monitor.height,
                       scale=round(scale, 4), desktop_scale=round(monitor.scale, 4))
