"""Fixtures for capture tests: synthetic event streams and a simulated frame ring.

The reducer is pure logic, so its tests feed it event streams built here (the shapes are
those the X11 backend produces, checked against real pynput in test_x11.py and the e2e
test). Everything that touches X runs on a real Xvfb.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

from recorder.capture.backend import (
    BUTTON_PRESS,
    BUTTON_RELEASE,
    KEY_PRESS,
    KEY_RELEASE,
    MOVE,
    SCROLL,
    RawWindow,
)
from recorder.capture.frames import Frame
from recorder.capture.steps import CoordinateMap, RawStep, StepConfig, StepReducer
from redaction.models import InputEvent
from tests.harness import XDisplay

FRAME_PERIOD = 0.1  # the simulated grab loop: one frame every 100 ms, at k * 0.1 s


@dataclass
class Stream:
    """Builds a time-ordered stream of raw input events, the way a person or xdotool would."""

    t: float = 1.0
    events: list[InputEvent] = field(default_factory=list)

    def wait(self, seconds: float) -> Stream:
        self.t += seconds
        return self

    def _add(self, kind: str, **fields: Any) -> None:
        self.events.append(InputEvent(t=round(self.t, 6), kind=kind, **fields))
        self.t += 0.01

    def press(self, key: str, char: str | None = None) -> Stream:
        self._add(KEY_PRESS, key=key, char=char)
        return self

    def release(self, key: str, char: str | None = None) -> Stream:
        self._add(KEY_RELEASE, key=key, char=char)
        return self

    def key(self, key: str, char: str | None = None) -> Stream:
        return self.press(key, char).release(key, char)

    def type(self, text: str) -> Stream:
        for ch in text:
            name = "space" if ch == " " else ch.lower()
            if ch.isupper():
                self.press("shift").press(name, ch).release("shift").release(name, ch.lower())
            else:
                self.key(name, ch)
            self.t += 0.04
        return self

    def hotkey(self, *names: str) -> Stream:
        *mods, last = names
        for mod in mods:
            self.press(mod)
        self.press(last, last if len(last) == 1 else None)
        self.release(last, last if len(last) == 1 else None)
        for mod in reversed(mods):
            self.release(mod)
        return self

    def move(self, x: int, y: int) -> Stream:
        self._add(MOVE, x=x, y=y)
        return self

    def button(self, x: int, y: int, button: str = "left", pressed: bool = True) -> Stream:
        self._add(BUTTON_PRESS if pressed else BUTTON_RELEASE, x=x, y=y, button=button)
        return self

    def click(self, x: int, y: int, button: str = "left", times: int = 1) -> Stream:
        for _ in range(times):
            self.button(x, y, button).button(x, y, button, pressed=False)
            self.t += 0.08
        return self

    def drag(self, x0: int, y0: int, x1: int, y1: int) -> Stream:
        self.move(x0, y0).button(x0, y0)
        for i in range(1, 5):
            self.move(x0 + (x1 - x0) * i // 4, y0 + (y1 - y0) * i // 4)
        return self.button(x1, y1, pressed=False)

    def scroll(self, x: int, y: int, dy: int = 0, dx: int = 0, times: int = 1) -> Stream:
        for _ in range(times):
            self._add(SCROLL, x=x, y=y, dx=dx, dy=dy)
            self.t += 0.03
        return self


class FakeRing:
    """A frame every FRAME_PERIOD seconds; ``observe(t)`` gives the last one at or before t."""

    def __init__(self) -> None:
        self.pixels = np.zeros((4, 4, 3), dtype=np.uint8)
        self.window = RawWindow(app="App", title="Title")

    def frame_at(self, t: float) -> Frame:
        k = math.floor(round(t / FRAME_PERIOD, 6))
        return Frame(t=round(k * FRAME_PERIOD, 6), pixels=self.pixels, content_id=k,
                     window=self.window)

    def observe(self, t: float) -> tuple[Frame | None, tuple[str, ...]]:
        return self.frame_at(t), ()


IDENTITY = CoordinateMap(0, 0, 1.0, 1.0, 1920, 1080)


def reduce_stream(stream: Stream | list[InputEvent], config: StepConfig | None = None,
                  coords: CoordinateMap = IDENTITY, end_pause: float = 0.3) -> list[RawStep]:
    """Feed a stream with ticks every 50 ms (as the session loop does), flush, add done."""
    events = stream.events if isinstance(stream, Stream) else stream
    ring = FakeRing()
    steps: list[RawStep] = []
    reducer = StepReducer(ring.observe, steps.append, coords, config)
    now = events[0].t if events else 0.0
    for event in events:
        while now + 0.05 < event.t:
            now += 0.05
            reducer.tick(now)
        reducer.feed(event)
    end = (events[-1].t if events else 0.0) + end_pause
    while now + 0.05 < end:
        now += 0.05
        reducer.tick(now)
    reducer.flush(end)
    reducer.done(end, ring.frame_at(end))
    return steps


@pytest.fixture
def stream() -> Stream:
    return Stream()


@pytest.fixture
def reduce() -> Callable[..., list[RawStep]]:
    return reduce_stream


@pytest.fixture
def on_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[XDisplay], None]]:
    """Point this process at a test display (pynput reads $DISPLAY itself)."""

    def use(display: XDisplay) -> None:
        monkeypatch.setenv("DISPLAY", display.name)
        monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)

    yield use
