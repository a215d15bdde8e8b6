"""Ctrl+C during `cuarec redact --workers 2`: the workers stop, no half-written output stays,
exit 130 with what finished and how to resume. (The time it takes is measured in
benchmarks/batch.py, not asserted here.)"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from recorder.episode.reader import open_episode
from recorder.episode.synthetic import write_synthetic_episode
from tests import harness


def _default_sigint() -> None:
    """In the child: Ctrl+C's default action, even when this runs in a background job
    (which starts with SIGINT ignored, and Python keeps it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(condition: object, process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + 300  # a guard against hanging, not a timing assertion
    while not callable(condition) or not condition():
        if process.poll() is not None:
            pytest.fail(f"redact ended before {what}: {process.communicate()}")
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"never saw {what}")
        time.sleep(0.05)


def _group(pgid: int) -> dict[int, int]:
    """The live processes of the group (zombies, which have stopped, are not counted), each
    with its parent's pid."""
    members = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        if int(fields[2]) == pgid and fields[0] != "Z":
            members[int(stat.parent.name)] = int(fields[1])
    return members


def _wait_gone(pids: set[int]) -> None:
    """Wait until each of ``pids`` has ended (pidfd: woken by its exit, no polling)."""
    for pid in pids:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue  # already gone
        try:
            select.select([fd], [], [])
        finally:
            os.close(fd)


def test_ctrl_c_with_two_workers_stops_them_and_keeps_finished_files_only(
        tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    for seed in range(6):
        write_synthetic_episode(inputs, n_steps=9, size=(320, 240), seed=seed)
    out = tmp_path / "out"
    # A session of its own, so the signal reaches the whole group as a terminal's Ctrl+C does.
    process = subprocess.Popen(
        harness.cuarec_command("redact", str(inputs), "--out", str(out), "--workers", "2"),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
        preexec_fn=_default_sigint)
    # Interrupt while a worker is mid-file: its hidden parts folder exists.
    _wait_for(lambda: out.is_dir() and any(p.name.endswith(".parts") for p in out.iterdir()),
              process, "a file being written")
    # cuarec's own children: multiprocessing's forkserver and resource tracker, which end
    # when they see cuarec gone. The workers are the forkserver's children.
    helpers = {pid for pid, parent in _group(process.pid).items() if parent == process.pid}
    assert helpers and set(_group(process.pid)) - helpers - {process.pid}  # workers run
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("cuarec: error: interrupted: ") and " of 6 files finished" in last
    assert "run the same command again to resume" in last
    assert "Traceback" not in stderr
    # Only finished, valid episodes remain: no parts folder, no temporary file.
    left = sorted(out.iterdir())
    assert all(not p.name.startswith(".") for p in left), [p.name for p in left]
    finished = int(last.split("interrupted: ")[1].split(" of ")[0])
    assert len(left) == finished
    for path in left:
        assert open_episode(path).num_steps == 9
        assert path.name in stdout  # the finished ones are listed
    # No worker goes on in the background: cuarec killed and joined them before it exited.
    assert set(_group(process.pid)) <= helpers
    _wait_gone(helpers)  # and its helpers end once they see it gone
    assert not _group(process.pid)
