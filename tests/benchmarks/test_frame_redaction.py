"""benchmarks/frame_redaction.py's scoring by ScreenLeak's own rule (its ``image/src/score.py``):
each gold box takes the unused predicted box of best IoU, caught at IoU >= 0.3."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from redaction.models import Box

# The benchmark scripts import one another by module name, from benchmarks/ (as mypy maps them).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from frame_redaction import screenleak_matches

G = Box(100, 100, 100, 20)  # a gold box of 2,000 px


@pytest.mark.parametrize(
    ("gold", "blurred", "expected"),
    [
        # the same box, and one padded by 4 px all round (IoU 2000/3456 = 0.58)
        ([G], [G], [True]),
        ([G], [Box(96, 96, 108, 28)], [True]),
        # a blurred box covering the gold box whole but far larger (a list row: IoU 0.1)
        ([G], [Box(0, 90, 1000, 40)], [False]),
        # half the gold box (IoU 0.5) and a quarter of it (IoU 0.25)
        ([G], [Box(100, 100, 50, 20)], [True]),
        ([G], [Box(100, 100, 25, 20)], [False]),
        # two halves, each IoU 0.5: one is enough for the one gold box
        ([G], [Box(100, 100, 50, 20), Box(150, 100, 50, 20)], [True]),
        # nothing blurred, or blurred elsewhere
        ([G], [], [False]),
        ([G], [Box(400, 400, 100, 20)], [False]),
        # two gold boxes under one blurred box: the box matches the first only (one to one)
        ([Box(0, 0, 50, 20), Box(50, 0, 50, 20)], [Box(0, 0, 100, 20)], [True, False]),
        # two gold boxes, two blurred boxes: each its own
        (
            [Box(0, 0, 50, 20), Box(0, 40, 50, 20)],
            [Box(0, 40, 50, 20), Box(0, 0, 50, 20)],
            [True, True],
        ),
    ],
)
def test_screenleak_rule(gold: list[Box], blurred: list[Box], expected: list[bool]) -> None:
    assert screenleak_matches(gold, blurred) == expected
