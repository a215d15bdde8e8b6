"""The recorder's backlog between capture and redaction: screenshots wait losslessly
compressed (identical ones shared), in locked memory where allowed, and none is dropped unless
the memory cap (or the opt-in ``max_backlog_s``) is reached. After stop the backlog is
finished with progress; a second interrupt discards only the unredacted steps; a killed
recorder's lost steps are counted by ``recover``.

The frame redactor is a stub here (slow, or held at a gate): the queue, backlog, writer and
Parquet files are the real ones."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest

from recorder.backlog import MAX_CAP_BYTES, default_cap_bytes
from recorder.capture.backend import RawWindow
from recorder.capture.frames import Frame
from recorder.capture.session import CaptureSession
from recorder.capture.steps import RawStep
from recorder.episode.model import EpisodeMetadata
from recorder.episode.reader import open_episode
from recorder.episode.writer import LOST_KEY, EpisodeWriter, recover_folder
from recorder.pipeline import Engines, StepDraft, StepRedactor
from recorder.record import (
    DROP_BACKLOG_CAP,
    DROP_DISCARDED,
    Recording,
    RecordOptions,
    handle_interrupts,
)
from recorder.record_display import LiveStatus, PlainDisplay, TerminalDisplay, choose_display
from redaction.image.frame import FrameRedactor, FrameResult
from redaction.text import TextRedactor
from tests import harness


@dataclass
class StubFrames:
    """A frame redactor that takes ``delay`` seconds, or waits for ``gate``, per frame."""

    delay: float = 0.0
    gate: threading.Event | None = None
    entered: threading.Event = field(default_factory=threading.Event)
    calls: int = 0

    def redact(self, frame: np.ndarray[Any, Any], deny: object, **_: object) -> FrameResult:
        self.entered.set()
        if self.gate is not None:
            assert self.gate.wait(30)
        time.sleep(self.delay)
        self.calls += 1
        return FrameResult(frame=frame.copy())


class Shown(PlainDisplay):
    """The plain display, kept in a string; ``on_ask`` runs when it decides to discard."""

    def __init__(self, on_ask: Callable[[], None] = lambda: None) -> None:
        super().__init__(io.StringIO())
        self.on_ask = on_ask

    def ask_discard(self, left: int) -> bool:
        answer = super().ask_discard(left)
        self.on_ask()
        return answer

    @property
    def text(self) -> str:
        assert isinstance(self.stream, io.StringIO)
        return self.stream.getvalue()


@pytest.fixture
def make_recording(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                   ) -> Iterator[Callable[..., Recording]]:
    """A recording with a stub frame redactor and a real writer (one step per part)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    made: list[Recording] = []

    def make(frames: StubFrames | None = None, display: PlainDisplay | None = None,
             **options: Any) -> Recording:
        # Steps without events, window or typed text never reach the text engine.
        engines = Engines(text=cast(TextRedactor, None),
                          frames=cast(FrameRedactor, frames or StubFrames()))
        recording = Recording(RecordOptions(task="t", out_dir=tmp_path / "episodes",
                                            **options), engines, display or Shown())
        recording.redactor = StepRedactor(engines, recording.deny, tally=recording.tally)
        recording.writer = EpisodeWriter(
            tmp_path / "episodes" / f"e{len(made)}.parquet",
            EpisodeMetadata(episode_id="e", task="t", started_at="2026-01-01T00:00:00"),
            chunk_steps=1)
        made.append(recording)
        return recording

    yield make
    for recording in made:  # free what a test left waiting
        for item in _queued(recording):
            recording.release(item)


def _step(index: int, content: int, action: str = "click", noise: bool = False,
          size: tuple[int, int] = (32, 48)) -> RawStep:
    if noise:  # incompressible: the compressed frame is about as big as its pixels
        pixels = np.random.default_rng(content).integers(0, 256, (*size, 3), dtype=np.uint8)
    else:
        pixels = np.full((*size, 3), content % 256, dtype=np.uint8)
    return RawStep(step_index=index, timestamp_s=float(index), action_type=action,
                   observation=Frame(t=float(index), pixels=pixels, content_id=content))


def _queued(recording: Recording) -> list[Any]:
    items = []
    while not recording.queue.empty():
        items.append(recording.queue.get_nowait())
    return items


def _run(recording: Recording, steps: list[RawStep]) -> Path:
    """Capture ``steps`` (faster than the stub redacts them), stop, finish, write."""
    worker = threading.Thread(target=recording.redaction_loop, daemon=True)
    worker.start()
    for step in steps:
        recording.enqueue(step)
    recording.end_of_capture()
    recording.finish(worker, recording.captured)
    assert recording.error is None
    assert recording.writer is not None
    return recording.write(recording.writer.metadata)


def test_a_slow_redactor_keeps_every_screenshot_and_shows_progress_after_stop(
        make_recording: Callable[..., Recording]) -> None:
    display = Shown()
    recording = make_recording(StubFrames(delay=0.05), display)
    steps = [_step(i, content=i + 1) for i in range(12)]
    steps.append(_step(12, content=12, action="done"))  # the same screen: shared
    path = _run(recording, steps)
    episode = open_episode(path)
    assert episode.metadata.step_count == episode.metadata.frame_count == 13
    assert episode.metadata.steps_captured == 13 and episode.metadata.dropped == {}
    assert recording.screenshots_kept == 13 and recording.screenshots_dropped == 0
    assert recording.pending_bytes == 0 and recording.pending_frames == 0  # all freed
    lines = display.text.splitlines()
    assert lines[-1] == "cuarec: redacting the rest: 100 % (0 steps left)"
    assert len(lines) >= 2 and all("redacting the rest" in line for line in lines)
    assert "warning" not in display.text


def test_a_window_of_unknown_focus_makes_the_draft_focus_unknown(
        make_recording: Callable[..., Recording], monkeypatch: pytest.MonkeyPatch) -> None:
    """The platform could not say whether the focused field is a password field
    (``RawWindow.focus_known``): the step goes to redaction with its focus unknown, so its
    typing is a secret (fail closed); a step observed without any window is unknown too."""
    recording = make_recording()
    assert recording.redactor is not None
    drafts: list[StepDraft] = []
    redact = recording.redactor.redact

    def seen(draft: StepDraft) -> Any:
        drafts.append(draft)
        return redact(draft)

    monkeypatch.setattr(recording.redactor, "redact", seen)
    windows = [RawWindow(), RawWindow(focus_known=False), None]
    steps = [replace(_step(i, content=i + 1), window=window)
             for i, window in enumerate(windows)]
    _run(recording, [*steps, _step(3, 4, action="done")])
    assert [d.focus_known for d in drafts[:3]] == [True, False, False]


def test_a_second_interrupt_discards_only_the_unredacted_steps(
        make_recording: Callable[..., Recording]) -> None:
    gate = threading.Event()
    frames = StubFrames(gate=gate)
    display = Shown(on_ask=gate.set)  # the first step finishes once the choice is made
    recording = make_recording(frames, display)
    worker = threading.Thread(target=recording.redaction_loop, daemon=True)
    worker.start()
    steps = [_step(i, content=i + 1) for i in range(5)] + [_step(5, 9, action="done")]
    for step in steps:
        recording.enqueue(step)
    recording.end_of_capture()
    assert frames.entered.wait(30)  # step 0 is being redacted
    recording.interrupt()  # first: stops capture (already over here)
    recording.interrupt()  # second: asks; without a terminal, discards the rest
    recording.finish(worker, len(steps))
    assert recording.writer is not None
    episode = open_episode(recording.write(recording.writer.metadata))
    kept = list(episode.iter_steps())
    assert [s.step_index for s in kept] == [0, 5]
    assert kept[0].screenshot is not None  # redacted before the choice: written
    assert kept[1].action_type == "done" and kept[1].screenshot is None  # unredacted: gone
    assert episode.metadata.dropped == {DROP_DISCARDED: 4}
    assert episode.metadata.steps_captured == 6
    assert frames.calls == 1 and recording.discarded == 4
    assert recording.pending_bytes == 0
    assert "discarding the 4 steps not yet redacted" in display.text


def test_sigint_then_sigterm_stop_capture_then_ask(make_recording: Callable[..., Recording]
                                                   ) -> None:
    """The handlers record_episode installs: the first signal stops the capture session, the
    second asks (the finishing loop then discards the unredacted rest)."""

    class Session:
        def __init__(self) -> None:
            self.stopped: list[str] = []
            self.device_scale: float | None = None

        def stop(self, reason: str) -> None:
            self.stopped.append(reason)

    gate = threading.Event()
    frames = StubFrames(gate=gate)
    recording = make_recording(frames, Shown(on_ask=gate.set))
    session = Session()
    recording.session = cast(CaptureSession, session)  # stop() and device_scale only
    worker = threading.Thread(target=recording.redaction_loop, daemon=True)
    worker.start()
    for index in range(3):
        recording.enqueue(_step(index, content=index + 1))
    recording.end_of_capture()
    assert frames.entered.wait(30)
    before = signal.getsignal(signal.SIGTERM)
    with handle_interrupts(recording):
        os.kill(os.getpid(), signal.SIGINT)
        assert session.stopped == ["signal"] and recording.interrupts == 1
        os.kill(os.getpid(), signal.SIGTERM)
        assert recording.interrupts == 2 and session.stopped == ["signal"]
    assert signal.getsignal(signal.SIGTERM) is before  # the caller's handlers are back
    recording.finish(worker, 3)  # asked once: without a terminal, discard
    assert recording.discard.is_set() and recording.discarded == 2  # steps 1 and 2


def test_the_terminal_shows_one_live_line_then_a_bar_with_steps_left_and_eta() -> None:
    stream = io.StringIO()
    display = TerminalDisplay(stream)
    display.live(LiveStatus(elapsed_s=75, steps=12, waiting=3))
    display.live(LiveStatus(elapsed_s=76, steps=13, waiting=4))
    display.finishing(2, 10)
    time.sleep(0.01)
    display.finishing(6, 10)
    display.close()
    frames = stream.getvalue().split("\r\x1b[K")
    assert "\n" not in stream.getvalue()  # redrawn in place, never a new line
    assert frames[1] == "recording 1:15 · 12 steps · 3 screenshots waiting for redaction"
    assert frames[2].startswith("recording 1:16 · 13 steps · 4")
    assert frames[3].startswith("redacting the rest [") and "2/10 steps, 8 left, ETA ?" in frames[3]
    assert re.search(r"6/10 steps, 4 left, ETA \d+:\d\d$", frames[4])  # at the measured rate
    hinted = io.StringIO()
    TerminalDisplay(hinted).finishing(2, 10, hint_s=65)  # the recorder's estimate, until measured
    assert hinted.getvalue().endswith("2/10 steps, 8 left, ETA 1:05")


def test_without_a_terminal_the_display_has_no_live_line() -> None:
    display = choose_display(io.StringIO(), io.StringIO())
    assert isinstance(display, PlainDisplay)
    display.live(LiveStatus(elapsed_s=1, steps=1, waiting=1))
    for done in range(0, 21):
        display.finishing(done, 20)
    assert isinstance(display.stream, io.StringIO)
    lines = display.stream.getvalue().splitlines()
    assert len(lines) == 11 and lines[0].endswith(": 0 % (20 steps left)")
    assert lines[-1].endswith(": 100 % (0 steps left)")


def test_past_a_cap_of_a_few_mb_screenshots_are_dropped_with_a_warning_and_counted(
        make_recording: Callable[..., Recording]) -> None:
    display = Shown()
    recording = make_recording(display=display, max_pending_bytes=3 << 20)
    # ~1.4 MB each compressed: two fit under 3 MB, the next two do not; once the first
    # waiting ones are redacted there is room again.
    steps = [_step(i, content=i + 1, noise=True, size=(600, 800)) for i in range(4)]
    for step in steps:
        recording.enqueue(step)
    items = _queued(recording)
    assert [item.frame_dropped for item in items] == [False, False, True, True]
    assert recording.screenshots_dropped == 2 and recording.screenshots_kept == 2
    assert display.text.count("warning") == 1 and "dropped" in display.text
    for item in items:
        recording.queue.put(item)
    path = _run(recording, [_step(4, content=5, action="done")])
    episode = open_episode(path)
    assert episode.metadata.dropped == {DROP_BACKLOG_CAP: 2}
    assert episode.metadata.frame_count == 3 and episode.metadata.step_count == 5
    flags = [s.flags for s in episode.iter_steps(with_screenshots=False)]
    assert [("frame_dropped" in f) for f in flags] == [False, False, True, True, False]


def test_no_screenshot_is_dropped_by_default_however_slow_redaction_is(
        make_recording: Callable[..., Recording]) -> None:
    recording = make_recording()
    recording.seconds_per_frame = 30.0  # measured slow: irrelevant without --max-backlog
    for index in range(40):
        recording.enqueue(_step(index, content=index + 1))
    items = _queued(recording)
    assert not any(item.frame_dropped for item in items)
    # Only the compressed copy waits: the raw pixels are not kept alive by the queued step.
    assert all(item.step.observation is None and item.observed for item in items)
    for item in items:
        recording.queue.put(item)
    assert recording.pending_frames == 40 and 0 < recording.cap_bytes <= MAX_CAP_BYTES


def test_the_default_cap_is_a_quarter_of_available_ram_at_most_1_gb() -> None:
    assert default_cap_bytes(8 << 30) == 1 << 30
    assert default_cap_bytes(2 << 30) == 512 << 20
    assert default_cap_bytes(100 << 20) == 25 << 20


def test_max_backlog_is_opt_in_and_follows_the_measured_time_per_screenshot(
        make_recording: Callable[..., Recording]) -> None:
    recording = make_recording(max_backlog_s=4.0)
    recording.seconds_per_frame = 0.5
    assert recording.frame_budget() == 8
    recording.seconds_per_frame = 30.0
    assert recording.frame_budget() == 1  # one always waits, however slow
    recording.seconds_per_frame = 1.0
    opt_in = make_recording(max_backlog_s=2.0)
    opt_in.seconds_per_frame = 1.0  # two may wait
    for index in range(3):
        opt_in.enqueue(_step(index, content=index + 1))
    opt_in.enqueue(_step(3, content=3))  # the same screen again (shared, but dropped before)
    assert [item.frame_dropped for item in _queued(opt_in)] == [False, False, True, True]


def test_an_unchanged_screen_is_shared(make_recording: Callable[..., Recording]) -> None:
    recording = make_recording(max_backlog_s=1.0)
    recording.seconds_per_frame = 1.0
    for index in range(4):
        recording.enqueue(_step(index, content=7))
    items = _queued(recording)
    assert not any(item.frame_dropped for item in items)
    assert len({id(item.frame) for item in items}) == 1 and recording.pending_frames == 1
    for item in items:
        recording.release(item)
    assert recording.pending_bytes == 0


def test_typing_screenshots_get_one_more_place(make_recording: Callable[..., Recording]
                                                ) -> None:
    """With --max-backlog, a typing step without its screenshot is blanked as a secret:
    other steps' screenshots are dropped first."""
    recording = make_recording(max_backlog_s=1.0)
    recording.seconds_per_frame = 1.0  # the time budget allows one
    steps = [_step(0, 1), _step(1, 2), _step(2, 3, action="type"), _step(3, 4, action="type")]
    for step in steps:
        recording.enqueue(step)
    assert [item.frame_dropped for item in _queued(recording)] == [False, True, False, True]


LOCK_CHECK = """
import logging, resource, sys
logging.basicConfig(stream=sys.stdout, format="%(name)s %(message)s", level=logging.INFO)
_, hard = resource.getrlimit(resource.RLIMIT_MEMLOCK)
limit = 1 << 20 if hard == resource.RLIM_INFINITY else min(hard, 1 << 20)
resource.setrlimit(resource.RLIMIT_MEMLOCK, (limit, hard))
from recorder.backlog import MemoryLocker, PendingFrame
locker = MemoryLocker()
small = PendingFrame(b"x" * 4096, locker)
big = [PendingFrame(b"y" * (limit + 4096), locker) for _ in range(2)]
assert small.read() == b"x" * 4096 and big[1].read()[:3] == b"yyy"
print("locked", small.locked, [frame.locked for frame in big], locker.locked, locker.unlocked)
print("released", all(frame.release() for frame in (small, *big)))
print("message", locker.message() is not None)
"""


def test_waiting_screenshots_are_locked_in_ram_where_the_limit_allows() -> None:
    """Under an unprivileged RLIMIT_MEMLOCK (root's CAP_IPC_LOCK, which ignores the limit,
    is dropped for the check), what fits is locked; the rest stays usable, unlocked, and the
    log says so once."""
    prefix = ["setpriv", "--bounding-set=-ipc_lock"] if os.geteuid() == 0 else []
    result = subprocess.run([*prefix, sys.executable, "-c", LOCK_CHECK], capture_output=True,
                            text=True, cwd=harness.REPO, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "locked True [False, False] 1 2" in lines
    assert "released True" in lines and "message True" in lines
    assert sum("cannot lock waiting screenshots in RAM" in line for line in lines) == 1


def test_recover_reports_the_steps_a_killed_recorder_lost(
        make_recording: Callable[..., Recording], tmp_path: Path) -> None:
    recording = make_recording()
    worker = threading.Thread(target=recording.redaction_loop, daemon=True)
    worker.start()
    for index in range(2):
        recording.enqueue(_step(index, content=index + 1))
    recording.end_of_capture()
    worker.join(30)
    for index in range(2, 5):  # captured, still in memory when the process is "killed"
        recording.enqueue(_step(index, content=index + 1))
    folder = tmp_path / "episodes"
    result = harness.run_cuarec("recover", str(folder))
    assert result.returncode == 0, result.stderr
    assert "(2 steps); 3 captured steps were lost with the killed recorder" in result.stdout
    assert recover_folder(folder) == []  # nothing left to recover
    episode = open_episode(folder / "e0.parquet")
    assert episode.metadata.recovered and episode.metadata.steps_captured == 5
    assert episode.metadata.dropped == {LOST_KEY: 3}


@pytest.mark.parametrize(("cores", "workers", "reserve", "threads"),
                         [(2, 1, 1, 2), (8, 1, 1, 7), (8, 4, 0, 2), (1, 3, 1, 1)])
def test_ocr_threads_are_a_share_of_the_cores(monkeypatch: pytest.MonkeyPatch, cores: int,
                                              workers: int, reserve: int, threads: int) -> None:
    """On two cores the recorder's OCR takes both (measured: halving it tripled the backlog
    at stop); on more, one stays free for capture; batch workers split them."""
    from recorder.pipeline import ocr_thread_share

    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: set(range(cores)))
    assert ocr_thread_share(workers, reserve) == threads
