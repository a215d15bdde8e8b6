"""``cuarec record``: capture -> redaction in memory -> the episode writer.

Threads: the capture session runs on the calling (main) thread and hands each raw step to
:meth:`Recording.enqueue`, which only compresses the step's frame losslessly (identical frames
shared) and queues it; one redaction thread redacts steps in order and appends them to the
writer, which flushes complete parts. Raw data never leaves memory. If redaction falls behind
past the memory cap, new steps lose their frame (flagged ``frame_dropped``, the user warned)
but keep their events. At stop, the backlog is finished with a progress bar.
"""

from __future__ import annotations

import contextlib
import logging
import platform
import queue
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from recorder.episode import schema
from recorder.episode.model import EpisodeMetadata
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

_DONE = object()
_log = logging.getLogger("cuarec.record")


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
    #: Compressed frames waiting for redaction above this many bytes are dropped.
    max_pending_bytes: int = 512 << 20
    #: Screenshots waiting for redaction above this many are dropped too.
    max_pending_frames: int = 12
    #: ...and above this much estimated redaction time (queued screenshots times the recent
    #: seconds per screenshot), so the work left at stop stays bounded in time, not only in
    #: memory: a terminal full of text takes seconds, a typed character a fraction of one.
    max_backlog_s: float = 4.0
    #: Read only what changed since the previous screenshot (see StepRedactor).
    incremental_ocr: bool = True


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

    def to_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        data = asdict(self)
        data["episode"] = str(self.episode)
        return data


@dataclass(slots=True)
class _Pending:
    step: Any  # RawStep
    png: bytes | None
    frame_dropped: bool
    #: 1 when the frame is new content (real OCR work), 0 when it repeats the last one.
    fresh: int = 0


class Recording:
    """One recording: owns the queue, the redaction thread and the writer."""

    def __init__(self, options: RecordOptions, engines: Engines,
                 stderr: Any = None) -> None:
        from recorder.identity import seed_deny_list

        self.options = options
        self.engines = engines
        self.stderr = stderr or sys.stderr
        self.deny = seed_deny_list()
        self.tally = Tally()
        self.queue: queue.Queue[Any] = queue.Queue()
        self.pending_bytes = 0
        self.pending_frames = 0
        self._pending_lock = threading.Lock()
        #: Recent seconds of redaction per new screenshot (moving average; None until known).
        self.seconds_per_frame: float | None = None
        self._last_content: tuple[int, bytes] | None = None
        self.warnings: list[str] = []
        self.error: BaseException | None = None
        self.steps_done = 0
        self.actions: dict[str, int] = {}
        self.writer: EpisodeWriter | None = None
        self.redactor: StepRedactor | None = None
        self.session: Any = None

    # -- capture thread -------------------------------------------------------------------------
    def enqueue(self, step: Any) -> None:
        """Called by the capture session for each raw step: compress, share, queue. Fast."""
        png = None
        dropped = False
        fresh = 0
        frame = step.observation
        if frame is not None:
            if self._last_content is not None and self._last_content[0] == frame.content_id:
                png = self._last_content[1]
            else:
                png = _compress(frame.pixels)
                self._last_content = (frame.content_id, png)
                fresh = 1
            # A typing step's screenshot tells whether it was typed at a password prompt;
            # without it the typing is blanked as a secret (fail closed). So it gets one
            # more place in the queue: other steps' screenshots are dropped first.
            limit = min(self.options.max_pending_frames,
                        self.frame_budget() + (step.action_type == "type"))
            with self._pending_lock:
                if (self.pending_bytes + len(png) > self.options.max_pending_bytes
                        or self.pending_frames + fresh > limit):
                    png, dropped, fresh = None, True, 0
                    self._last_content = None  # the next step must not reuse a dropped frame
                else:
                    self.pending_bytes += len(png)
                    self.pending_frames += fresh
            if dropped:
                _log.info("step %d: screenshot dropped, redaction is behind (%d waiting, "
                          "budget %d)", step.step_index, self.pending_frames,
                          self.frame_budget())
            if dropped and not self.warnings:
                self.warnings.append("redaction fell behind: some screenshots were dropped "
                                     "(their steps keep their actions)")
                self.stderr.write(f"cuarec: warning: {self.warnings[-1]}\n")
        self.queue.put(_Pending(step, png, dropped, fresh))

    def frame_budget(self) -> int:
        """How many new screenshots may wait for redaction now (at least one)."""
        cap = self.options.max_pending_frames
        if self.seconds_per_frame:
            cap = min(cap, max(1, int(self.options.max_backlog_s / self.seconds_per_frame)))
        return cap

    # -- redaction thread ----------------------------------------------------------------------
    def redaction_loop(self) -> None:
        assert self.redactor is not None and self.writer is not None
        # A typing step waits (in memory) for the next step's frame: the field reader reads
        # the field typed into from the frames before and after the run (redaction.field).
        held: tuple[StepDraft, int] | None = None
        while True:
            item = self.queue.get()
            if item is _DONE:
                if held is not None and self.error is None:
                    try:
                        self._redact_step(*held)
                    except BaseException as exc:
                        self.error = exc
                return
            if self.error is not None:
                continue  # drain without work after a fatal writer error
            try:
                draft = self._draft(item)
                with self._pending_lock:
                    self.pending_bytes -= len(item.png or b"")
                    self.pending_frames -= item.fresh
                if held is not None:
                    waiting, held = held, None
                    self._redact_step(replace(waiting[0], after_frame=draft.frame), waiting[1])
                if draft.action_type == "type" and draft.frame is not None:
                    held = (draft, item.fresh)
                    continue
                self._redact_step(draft, item.fresh)
            except BaseException as exc:
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
        frame = None if item.png is None else _decompress(item.png)
        flags = tuple(f for f in step.flags)
        if item.frame_dropped:
            flags += ("frame_dropped",)
            self.tally.add(dropped="frame:backlog_cap")
        window = step.window
        return StepDraft(
            step_index=step.step_index, timestamp_s=step.timestamp_s,
            action_type=step.action_type, frame=frame, x=step.x, y=step.y, end_x=step.end_x,
            end_y=step.end_y, button=step.button, scroll_dx=step.scroll_dx,
            scroll_dy=step.scroll_dy, text=step.text, keys=step.keys, modifiers=step.modifiers,
            duration_s=step.duration_s, events=step.events,
            window_app=None if window is None else window.app,
            window_title=None if window is None else window.title,
            focus_known=window is not None or step.observation is None,
            screen_known=not item.frame_dropped, flags=flags,
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
                   on_backlog: Callable[[int, int], None] | None = None,
                   stderr: Any = None) -> RecordResult:
    """Record one episode end to end. Raises :class:`CuarecError` on any refusal."""
    from recorder.capture import CaptureConfig, CaptureSession, choose_backend
    from recorder.hardening import harden_process
    from recorder.identity import volunteer_id

    harden_process()
    stderr = stderr or sys.stderr
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
    recording = Recording(options, engines, stderr)
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
    # One step per part: a crash loses at most the step being redacted.
    writer = EpisodeWriter(options.out_dir / name, metadata, chunk_steps=1)
    recording.writer = writer
    config = CaptureConfig(fps=options.fps, monitor=options.monitor,
                           duration_s=options.duration_s, stop_hotkey=options.stop_hotkey,
                           pause_hotkey=options.pause_hotkey, ready_file=options.ready_file)
    session = CaptureSession(config, on_step=recording.enqueue, stderr=stderr)
    recording.session = session
    worker = threading.Thread(target=recording.redaction_loop, name="cuarec-redaction",
                              daemon=True)
    worker.start()
    try:
        capture = session.run()
    except BaseException:
        recording.queue.put(_DONE)
        worker.join()
        writer.discard()  # nothing half-finished is left when capture itself failed
        raise
    recording.queue.put(_DONE)
    total = capture.step_count
    _log.info("capture stopped (%s): %d steps, %d still to redact", capture.stop_reason, total,
              total - recording.steps_done)
    while worker.is_alive():
        if on_backlog is not None:
            on_backlog(recording.steps_done, total)
        worker.join(timeout=0.2)
    if on_backlog is not None:
        on_backlog(recording.steps_done, total)
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
        redaction_counts=dict(tally.redactions),
        dropped=dict(tally.dropped),
    )
    path = writer.finalize(final)
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
        warnings=tuple(recording.warnings),
    )


def _monitor_info(monitor: Any, scale: float) -> Any:
    from recorder.episode.model import MonitorInfo

    return MonitorInfo(x=monitor.x, y=monitor.y, width=monitor.width, height=monitor.height,
                       scale=round(scale, 4))


