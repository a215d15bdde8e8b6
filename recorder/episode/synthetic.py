"""Synthetic episodes: clean by construction, for the demo, tests and benchmarks.

Every action type appears; frames are drawn (a window with text and a pointer), never grabbed
from a screen, so they hold no personal data.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from recorder.episode import schema
from recorder.episode.images import encode_frame
from recorder.episode.model import (
    EpisodeMetadata,
    MonitorInfo,
    RedactedStep,
    WindowInfo,
    certify_redacted,
)
from recorder.episode.writer import EpisodeWriter
from redaction.models import Box, InputEvent, Redaction

_WORDS = ("report", "final", "notes", "budget", "draft", "summary", "invoice", "plan")


def draw_frame(
    width: int, height: int, step: int, pointer: tuple[int, int]
) -> np.ndarray[Any, Any]:
    """A plain 'file manager' window with a few file names and the pointer."""
    import cv2

    frame = np.full((height, width, 3), 236, dtype=np.uint8)
    cv2.rectangle(frame, (0, 0), (width - 1, max(16, height // 14)), (90, 60, 40), -1)
    scale = max(0.4, height / 900)
    cv2.putText(frame, f"Files - step {step}", (8, max(12, height // 20)),
                cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), 1, cv2.LINE_AA)
    for row, word in enumerate(_WORDS[: 1 + step % len(_WORDS)]):
        y = height // 6 + row * max(14, height // 16)
        cv2.putText(frame, f"{word}.txt", (width // 10, y), cv2.FONT_HERSHEY_SIMPLEX,
                    scale, (30, 30, 30), 1, cv2.LINE_AA)
    px, py = pointer
    cv2.circle(frame, (px, py), max(3, width // 200), (0, 0, 255), -1)
    return frame


def synthetic_steps(
    rng: random.Random, n_steps: int, width: int, height: int, with_screenshots: bool
) -> Iterator[RedactedStep]:
    """``n_steps`` plausible redacted steps (every action type, the last one ``done``), with
    ``width`` x ``height`` screenshots if asked: what :func:`write_synthetic_episode` writes,
    one at a time (the crash tests feed a writer with them)."""
    kinds = [t for t in schema.ACTION_TYPES if t != "done"]
    t = 0.0
    for index in range(n_steps):
        last = index == n_steps - 1
        action = "done" if last else kinds[index % len(kinds)]
        x, y = rng.randrange(width), rng.randrange(height)
        t += round(rng.uniform(0.3, 2.0), 3)
        fields: dict[str, Any] = {
            "step_index": index,
            "timestamp_s": round(t, 3),
            "action_type": action,
            "window": WindowInfo(app="files", title=f"Files - {rng.choice(_WORDS)}"),
        }
        events: list[InputEvent] = []
        if action in ("move", "click", "double_click", "triple_click", "right_click",
                      "middle_click", "drag", "scroll"):
            fields.update(x=x, y=y)
            button = {"right_click": "right", "middle_click": "middle"}.get(action, "left")
            if action == "move":
                events.append(InputEvent(t=t, kind="move", x=x, y=y))
            elif action == "scroll":
                fields.update(scroll_dx=0, scroll_dy=rng.choice((-3, -1, 1, 3)))
                events.append(InputEvent(t=t, kind="scroll", x=x, y=y, dx=0,
                                         dy=fields["scroll_dy"]))
            else:
                fields["button"] = button
                clicks = {"double_click": 2, "triple_click": 3}.get(action, 1)
                for _ in range(clicks):
                    events.append(InputEvent(t=t, kind="button_press", x=x, y=y, button=button))
                    events.append(InputEvent(t=t + 0.05, kind="button_release", x=x, y=y,
                                             button=button))
                if action == "drag":
                    ex, ey = rng.randrange(width), rng.randrange(height)
                    fields.update(end_x=ex, end_y=ey, duration_s=0.4)
                    events[-1] = InputEvent(t=t + 0.4, kind="button_release", x=ex, y=ey,
                                            button=button)
        elif action == "type":
            word = f"{rng.choice(_WORDS)}.txt"
            fields["text"] = word
            fields["duration_s"] = 0.1 * len(word)
            events.extend(
                InputEvent(t=round(t + 0.1 * i, 3), kind="key_press", key=c, char=c)
                for i, c in enumerate(word)
            )
        elif action == "key":
            fields["keys"] = ("enter",)
            events.append(InputEvent(t=t, kind="key_press", key="enter"))
        elif action == "hotkey":
            fields.update(keys=("ctrl", "s"), modifiers=("ctrl",))
            events.append(InputEvent(t=t, kind="key_press", key="ctrl"))
            events.append(InputEvent(t=t, kind="key_press", key="s", char="s"))
        elif action == "wait":
            fields["duration_s"] = 1.0
        if index % 5 == 3:
            fields["redactions"] = (
                Redaction(kind="image", entity_type="EMAIL_ADDRESS", recognizer="synthetic",
                          score=0.9, box=Box(10, 10, 50, 12)),
            )
        if with_screenshots:
            fields["screenshot"] = encode_frame(draw_frame(width, height, index, (x, y)))
        fields["events"] = tuple(events)
        yield certify_redacted(**fields)


def write_synthetic_episode(
    folder: Path,
    *,
    n_steps: int = 14,
    size: tuple[int, int] = (320, 240),
    with_screenshots: bool = True,
    seed: int = 0,
    task: str = "Rename report.txt to final.txt",
    scale_factor: float = 1.0,
    chunk_steps: int = 4,
) -> Path:
    """Write one finished synthetic episode into ``folder`` and return its path."""
    rng = random.Random(seed)
    width, height = size
    started = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=seed)
    episode_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    steps = list(synthetic_steps(rng, n_steps, width, height, with_screenshots))
    duration = steps[-1].timestamp_s if steps else 0.0
    counts: dict[str, int] = {}
    for step in steps:
        for r in step.redactions:
            counts[r.entity_type] = counts.get(r.entity_type, 0) + 1
    meta = EpisodeMetadata(
        episode_id=episode_id,
        task=task,
        started_at=started.isoformat(),
        ended_at=(started + timedelta(seconds=duration)).isoformat(),
        duration_s=duration,
        os="synthetic",
        session_type="synthetic",
        monitors=(MonitorInfo(0, 0, int(width / scale_factor), int(height / scale_factor),
                              scale_factor),),
        monitor_index=0,
        scale_factor=scale_factor,
        policy={"name": "synthetic"},
        versions={"cuarec": _version()},
        redaction_counts=counts,
        volunteer_id=f"synthetic-{seed}",
        consent=True,
    )
    target = folder / f"synthetic-{started:%Y%m%dT%H%M%S}-{episode_id[:8]}{schema.EPISODE_SUFFIX}"
    with EpisodeWriter(target, meta, chunk_steps=chunk_steps) as writer:
        for step in steps:
            writer.append(step)
        return writer.finalize()


def _version() -> str:
    from recorder import __version__

    return __version__
