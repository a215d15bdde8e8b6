"""The size and render time of `cuarec view` for a long episode (issue 19: keep a 300-step
episode's page usable, under ~100 MB).

    python benchmarks/view_size.py [--steps 300] [--size 1920x1080] [--json OUT]

Writes one generated episode whose every screenshot is a text-dense 1080p screen (60 lines
of random words in several colours, a toolbar and panels: far busier than the synthetic
file-manager frames, so the lossless WebP of each is as large as a real, busy desktop's) with
two blurred regions per step, then runs `cuarec view` on it as a user does and reports the
page size, the episode size, and the seconds taken.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from recorder.episode.images import encode_frame  # noqa: E402
from recorder.episode.model import EpisodeMetadata, WindowInfo, certify_redacted  # noqa: E402
from recorder.episode.writer import EpisodeWriter  # noqa: E402
from redaction.models import Box, Redaction  # noqa: E402

WORDS = ("report", "budget", "quarterly", "summary", "meeting", "notes", "draft", "review",
         "invoice", "project", "status", "update", "team", "release", "build", "deploy")


def busy_screen(rng: random.Random, width: int, height: int) -> np.ndarray[Any, Any]:
    import cv2

    frame = np.full((height, width, 3), 250, dtype=np.uint8)
    cv2.rectangle(frame, (0, 0), (width, 40), (60, 60, 60), -1)
    cv2.rectangle(frame, (0, 40), (260, height), (235, 235, 240), -1)
    for line in range(60):
        y = 70 + line * ((height - 80) // 60)
        x = 280 if line % 7 else 20
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        colour = tuple(rng.randint(0, 120) for _ in range(3))
        cv2.putText(frame, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.5, colour, 1,
                    cv2.LINE_AA)
    return frame


def write_long_episode(folder: Path, steps: int, width: int, height: int) -> Path:
    rng = random.Random(0)
    meta = EpisodeMetadata(episode_id="view-size", task="A long task",
                           started_at="2026-01-01T00:00:00+00:00")
    target = folder / "long.parquet"
    actions = ("click", "type", "scroll", "hotkey", "move")
    with EpisodeWriter(target, meta) as writer:
        for index in range(steps):
            last = index == steps - 1
            writer.append(certify_redacted(
                step_index=index, timestamp_s=index * 1.0,
                action_type="done" if last else actions[index % len(actions)],
                screenshot=encode_frame(busy_screen(rng, width, height)),
                x=rng.randint(0, width - 1), y=rng.randint(0, height - 1),
                text="hello <PERSON>" if index % len(actions) == 1 else None,
                window=WindowInfo("editor", "notes.txt"),
                redactions=(Redaction("image", "PERSON", "screen_name", 0.8,
                                      Box(300, 100, 200, 20)),
                            Redaction("image", "EMAIL_ADDRESS", "email", 1.0,
                                      Box(300, 300, 260, 20)))))
        writer.finalize()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        episode = write_long_episode(folder, args.steps, width, height)
        page = folder / "long.html"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "recorder", "view", str(episode), "--out",
                        str(page)], check=True, cwd=REPO, capture_output=True)
        seconds = time.perf_counter() - started
        html = page.read_text(encoding="utf-8")
        report = {"machine": f"{os.cpu_count()} cores", "steps": args.steps,
                  "size": args.size, "episode_mb": round(episode.stat().st_size / 1e6, 1),
                  "page_mb": round(page.stat().st_size / 1e6, 1),
                  "view_seconds": round(seconds, 1),
                  "reencoded_steps": html.count("shown re-encoded"),
                  "no_script": "<script" not in html}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
