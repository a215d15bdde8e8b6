"""SIGKILL a writing process at exact points and random moments; ``cuarec recover`` must
turn what is left into a valid episode with every flushed step, leaving no stray files."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from recorder.episode.reader import open_episode
from tests import harness

STEPS = 12
SCRIPT = Path(__file__).with_name("crash_writer.py")


def _run_writer(folder: Path, kill_at: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), str(folder), kill_at, str(STEPS)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        cwd=harness.REPO,
    )


def _flushed(stdout: str) -> int:
    counts = [int(line.split()[1]) for line in stdout.splitlines() if line.startswith("flushed")]
    return max(counts, default=0)


def _recover_and_check(folder: Path, flushed: int, finished: bool) -> None:
    result = harness.run_cuarec("recover", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    names = sorted(p.name for p in folder.iterdir())
    if flushed == 0 and not finished:
        assert names == []  # nothing was flushed, nothing is left
        return
    assert names == ["crash.parquet"]  # no parts folder, no temporaries
    episode = open_episode(folder / "crash.parquet")
    assert episode.num_steps >= flushed
    indexes = [s.step_index for s in episode.iter_steps(with_screenshots=False)]
    assert indexes == list(range(len(indexes)))
    assert all(s.screenshot is not None for s in episode.iter_steps())
    assert episode.metadata.step_count == episode.num_steps


@pytest.mark.parametrize(
    "kill_at",
    ["after_parts:0", "after_parts:1", "mid_part:1", "mid_part:5", "after_parts:7",
     "final_tmp", "after_publish"],
)
def test_sigkill_at_exact_points(tmp_path: Path, kill_at: str) -> None:
    folder = tmp_path / "episodes"
    process = _run_writer(folder, kill_at)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == -9, stderr
    flushed = _flushed(stdout)
    _recover_and_check(folder, flushed, finished=kill_at in ("final_tmp", "after_publish"))
    if kill_at in ("final_tmp", "after_publish"):
        assert open_episode(folder / "crash.parquet").num_steps == STEPS


@pytest.mark.parametrize("seed", range(4))
def test_sigkill_at_random_moments(tmp_path: Path, seed: int) -> None:
    folder = tmp_path / "episodes"
    process = _run_writer(folder, "none")
    harness.kill_when(process, tmp_path / "ready", random.Random(seed).uniform(0.0, 0.4))
    stdout, _ = process.communicate(timeout=30)
    finished = "finished" in stdout
    _recover_and_check(folder, _flushed(stdout), finished)


def test_recover_on_a_clean_folder_says_nothing_to_do(tmp_path: Path) -> None:
    result = harness.run_cuarec("recover", str(tmp_path))
    assert result.returncode == 0
    assert "nothing to recover" in result.stdout
