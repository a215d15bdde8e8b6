"""SIGKILL `cuarec record` at pseudo-random moments of a scripted episode.

Each time, what the killed recorder left must hold only redacted data (every part decoded,
column by column), `cuarec recover` must turn it into a valid episode (or leave nothing when
nothing was flushed), and no stray file may remain. The number of kills is
``CUAREC_CRASH_KILLS`` (20 by default).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests import harness

KILLS = int(os.environ.get("CUAREC_CRASH_KILLS", "20"))
EMAIL = "crash.canary@example.org"


def _decoded(path: Path) -> str:
    table = pq.read_table(path)
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    return json.dumps(table.drop_columns(["screenshot"]).to_pylist(), default=str) + json.dumps(
        meta)


def _flushed(out: Path) -> bool:
    """A part of the episode was written (redacted steps on disk)."""
    return out.exists() and any(p.suffix == ".parquet" for p in out.rglob("*"))


@pytest.fixture(scope="module")
def terminal(xvfb_factory: Callable[..., harness.XDisplay],
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[harness.XDisplay]:
    display = xvfb_factory(640, 480)
    home = tmp_path_factory.mktemp("crash-terminal")
    xterm = subprocess.Popen(["xterm", "-geometry", "70x20+0+0", "-e", "bash", "--norc"],
                             env=display.env(HOME=str(home)), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    yield display
    xterm.terminate()
    xterm.wait(timeout=10)


def test_sigkill_at_random_moments_leaves_only_redacted_recoverable_data(
    terminal: harness.XDisplay, tmp_path: Path,
) -> None:
    rng = random.Random(20261122)
    outcomes = []
    for kill in range(KILLS):
        work = tmp_path / f"kill{kill}"
        work.mkdir()
        out = work / "episodes"
        ready = work / "ready"
        env = terminal.env(HOME=str(work), XDG_CONFIG_HOME=str(work / "config"))
        log = work / "stderr.txt"
        with log.open("w") as stderr:
            recorder = subprocess.Popen(
                harness.cuarec_command("record", "crash test", "--yes", "--out", str(out),
                                       "--ready-file", str(ready), "--fps", "4",
                                       "--duration", "30"),
                env=env, stdout=subprocess.DEVNULL, stderr=stderr,
                stdin=subprocess.DEVNULL, cwd=harness.REPO)
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert recorder.poll() is None, log.read_text()[-1500:]
            assert time.monotonic() < deadline
            time.sleep(0.02)
        moment = rng.uniform(1.0, 9.0)
        # Every fourth kill waits for a flushed part first (then the random moment), so some
        # kills land after steps were written however slow redaction is on this machine.
        after_flush = kill % 4 == 0
        started = time.monotonic()
        typed = 0
        while time.monotonic() - started < moment or (after_flush and not _flushed(out)):
            assert time.monotonic() - started < 120, "no part was flushed in 120 s"
            subprocess.run(["xdotool", "type", "--delay", "20", f"echo {EMAIL} {typed}"],
                           env=terminal.env(), check=True, timeout=30)
            subprocess.run(["xdotool", "key", "Return"], env=terminal.env(), check=True,
                           timeout=30)
            typed += 1
        recorder.send_signal(signal.SIGKILL)
        recorder.wait(timeout=30)
        assert "crash.canary" not in log.read_text()
        left = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
        for path in left:  # parts, a half-written temporary: all must be redacted
            if path.suffix == ".parquet":
                text = _decoded(path)
                assert "crash.canary" not in text and "example.org" not in text, path
            else:
                assert "crash.canary" not in path.read_bytes().decode("latin-1")
        result = harness.run_cuarec("recover", str(out), "--json") if out.exists() else None
        if result is not None:
            assert result.returncode == 0, result.stderr
            recovered = json.loads(result.stdout)
            files = sorted(p.name for p in out.rglob("*"))
            episodes = [r["episode"] for r in recovered if r["status"] == "recovered"]
            assert files == sorted(Path(e).name for e in episodes)  # nothing stray
            for episode in episodes:
                info = harness.run_cuarec("info", episode, "--json")
                assert info.returncode == 0, info.stderr
                assert "crash.canary" not in _decoded(Path(episode))
            outcomes.append(len(episodes))
        else:
            outcomes.append(0)
    # The kills after a flushed part must each have left a recoverable episode.
    assert all(outcomes[k] for k in range(0, KILLS, 4)), outcomes
