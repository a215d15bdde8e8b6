"""Session pieces that need no X server: monitor choice and configuration checks."""

from __future__ import annotations

from typing import TypedDict

import pytest

from recorder.capture import CaptureConfig, Monitor
from recorder.capture.session import choose_monitor
from recorder.errors import EnvironmentProblem, UsageError

LEFT = Monitor(index=1, x=0, y=0, width=1920, height=1080)
RIGHT = Monitor(index=2, x=1920, y=0, width=2560, height=1440, primary=True, scale=2.0)


def test_monitor_choice() -> None:
    assert choose_monitor((LEFT, RIGHT), None) is RIGHT  # the primary
    assert choose_monitor((LEFT,), None) is LEFT  # else the first
    assert choose_monitor((LEFT, RIGHT), 1) is LEFT
    with pytest.raises(UsageError, match="no monitor 3; this display has 2"):
        choose_monitor((LEFT, RIGHT), 3)
    with pytest.raises(EnvironmentProblem):
        choose_monitor((), None)
    assert RIGHT.contains(1920, 0) and not RIGHT.contains(1919, 0)
    assert RIGHT.to_info().scale == 2.0


class BadFields(TypedDict, total=False):
    """The :class:`CaptureConfig` fields the cases below set out of range."""

    fps: float
    duration_s: float
    monitor: int
    frame_scale: float
    ring_seconds: float
    stale_after_s: float


@pytest.mark.parametrize("fields", [
    {"fps": 0}, {"fps": 120}, {"duration_s": 0}, {"monitor": 0}, {"frame_scale": 0},
    {"ring_seconds": 0}, {"stale_after_s": -1},
])
def test_bad_configuration_is_a_usage_error(fields: BadFields) -> None:
    with pytest.raises(UsageError):
        CaptureConfig(**fields)


def test_defaults() -> None:
    config = CaptureConfig()
    assert config.fps == 4.0 and config.stale_s == 1.0
    assert {name: str(h) for name, h in config.hotkeys().items()} == {
        "stop": "ctrl+alt+q", "pause": "ctrl+alt+p"}
