"""The recorder's queue between capture and redaction: screenshots wait losslessly
compressed, identical ones shared, and new ones are dropped (their steps kept and flagged)
once the estimated redaction work waiting would exceed the caps."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from recorder.capture.frames import Frame
from recorder.capture.steps import RawStep
from recorder.record import Recording, RecordOptions


@pytest.fixture
def make_recording(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                   ) -> Callable[..., Recording]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))

    def make(**options: Any) -> Recording:
        # Enqueueing needs no engines: they are only used by the redaction thread.
        no_engines: Any = None
        return Recording(RecordOptions(task="t", **options), engines=no_engines,
                         stderr=io.StringIO())

    return make


def _step(index: int, content: int) -> RawStep:
    pixels = np.full((32, 48, 3), content % 256, dtype=np.uint8)
    return RawStep(step_index=index, timestamp_s=float(index), action_type="click",
                   observation=Frame(t=float(index), pixels=pixels, content_id=content))


def _queued(recording: Recording) -> list[Any]:
    items = []
    while not recording.queue.empty():
        items.append(recording.queue.get_nowait())
    return items


def test_budget_follows_the_measured_time_per_screenshot(make_recording: Callable[..., Recording]
                                                         ) -> None:
    recording = make_recording(max_pending_frames=12, max_backlog_s=4.0)
    assert recording.frame_budget() == 12  # nothing measured yet
    recording.seconds_per_frame = 0.5
    assert recording.frame_budget() == 8
    recording.seconds_per_frame = 30.0
    assert recording.frame_budget() == 1  # one always waits, however slow


def test_new_screenshots_past_the_budget_are_dropped_but_their_steps_kept(
        make_recording: Callable[..., Recording]) -> None:
    recording = make_recording(max_pending_frames=12, max_backlog_s=2.0)
    recording.seconds_per_frame = 1.0  # two may wait
    for index in range(3):
        recording.enqueue(_step(index, content=index + 1))
    recording.enqueue(_step(3, content=3))  # the same screen again (shared, but dropped before)
    items = _queued(recording)
    assert [item.frame_dropped for item in items] == [False, False, True, True]
    assert [item.png is None for item in items] == [False, False, True, True]
    assert recording.pending_frames == 2
    assert recording.warnings and "dropped" in recording.warnings[0]
    assert isinstance(recording.stderr, io.StringIO)
    assert "dropped" in recording.stderr.getvalue()


def test_an_unchanged_screen_costs_no_budget(make_recording: Callable[..., Recording]) -> None:
    recording = make_recording(max_pending_frames=1)
    for index in range(4):
        recording.enqueue(_step(index, content=7))
    items = _queued(recording)
    assert not any(item.frame_dropped for item in items)
    assert len({id(item.png) for item in items}) == 1 and recording.pending_frames == 1


def test_typing_screenshots_get_one_more_place(make_recording: Callable[..., Recording]
                                                ) -> None:
    """Without its screenshot a typing step is blanked as a secret: other steps' screenshots
    are dropped first."""
    recording = make_recording(max_pending_frames=12, max_backlog_s=1.0)
    recording.seconds_per_frame = 1.0  # the time budget allows one
    steps = [_step(0, 1), _step(1, 2), _typing_step(2, 3), _typing_step(3, 4)]
    for step in steps:
        recording.enqueue(step)
    assert [item.frame_dropped for item in _queued(recording)] == [False, True, False, True]


def _typing_step(index: int, content: int) -> RawStep:
    step = _step(index, content)
    return RawStep(step_index=index, timestamp_s=step.timestamp_s, action_type="type",
                   observation=step.observation, text="x")


@pytest.mark.parametrize(("cores", "workers", "reserve", "threads"),
                         [(2, 1, 1, 2), (8, 1, 1, 7), (8, 4, 0, 2), (1, 3, 1, 1)])
def test_ocr_threads_are_a_share_of_the_cores(monkeypatch: pytest.MonkeyPatch, cores: int,
                                              workers: int, reserve: int, threads: int) -> None:
    """On two cores the recorder's OCR takes both (measured: halving it tripled the backlog
    at stop); on more, one stays free for capture; batch workers split them."""
    from recorder.pipeline import ocr_thread_share

    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: set(range(cores)))
    assert ocr_thread_share(workers, reserve) == threads
