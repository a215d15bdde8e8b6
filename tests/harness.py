"""Test harness: a real X server, fault injection and command runners shared by every test.

Fixtures in ``tests/conftest.py`` wrap these; tests under ``tests/redaction``,
``tests/recorder`` and ``tests/e2e`` use the fixtures, never copies of this setup.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class XDisplay:
    """A running Xvfb server."""

    name: str
    width: int
    height: int
    process: subprocess.Popen[bytes] = field(repr=False, compare=False)

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a child process on this display (no Wayland, no other display)."""
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
        env.update(DISPLAY=self.name, XDG_SESSION_TYPE="x11", **extra)
        return env

    def xdotool(self, *args: str, timeout: float = 60) -> str:
        """Run ``xdotool args`` on this display; its output, stripped."""
        return subprocess.run(["xdotool", *args], env=self.env(), check=True,
                              capture_output=True, text=True, timeout=timeout).stdout.strip()

    def type(self, text: str, delay_ms: int) -> None:
        """Type ``text`` with xdotool, ``delay_ms`` between keys."""
        self.xdotool("type", "--delay", str(delay_ms), text)


@contextlib.contextmanager
def start_xvfb(width: int = 640, height: int = 480, depth: int = 24) -> Iterator[XDisplay]:
    """Start Xvfb on a free display number (``-displayfd``) and stop it afterwards."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is not installed (Debian package xvfb); .ci/run installs it")
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x{depth}",
         "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n"):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            chunk = os.read(read_fd, 16)
            if not chunk:
                raise RuntimeError("Xvfb did not report its display")
            number += chunk
        yield XDisplay(f":{number.decode().strip()}", width, height, process)
    finally:
        os.close(read_fd)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cuarec_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "recorder", *args]


def run_cuarec(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120, cwd: Path | None = None,
    prefix: Sequence[str] = (),
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a child process, stdin closed (or fed ``input``), and capture its
    output."""
    return subprocess.run(
        [*prefix, *cuarec_command(*args)],
        stdin=subprocess.DEVNULL if input is None else None,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=cwd,
        check=False,
    )


@contextlib.contextmanager
def app_window(display: XDisplay, script: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The Python window ``script`` running on ``display`` (output discarded), ended at the
    end of the block."""
    window = subprocess.Popen([sys.executable, str(script)], env=display.env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield window
    finally:
        window.terminate()
        window.wait(timeout=10)


@dataclass(frozen=True, slots=True)
class Recording:
    """A ``cuarec record`` running on a display (see :func:`recording`)."""

    process: subprocess.Popen[str] = field(repr=False)
    display: XDisplay
    stderr: Path


@contextlib.contextmanager
def recording(display: XDisplay, work: Path, task: str, *args: str,
              ready_timeout: float = 120) -> Iterator[Recording]:
    """``cuarec record task --out work/episodes --yes --json ...args`` on ``display`` with its
    own HOME, config and TMPDIR under ``work``, yielded once it is ready; the caller acts, then
    stops it with :func:`stop_recording`. It is killed if still running at the end."""
    home = work / "home"
    home.mkdir(exist_ok=True)
    env = display.env(HOME=str(home), XDG_CONFIG_HOME=str(work / "config"), TMPDIR=str(work),
                      PYTHONPATH=os.environ.get("PYTHONPATH", str(REPO)))
    ready = work / "ready"
    err_path = work / "stderr.txt"
    with err_path.open("w") as err_file:
        process = subprocess.Popen(
            cuarec_command("record", task, "--out", str(work / "episodes"), "--yes", "--json",
                           "--ready-file", str(ready), *args),
            env=env, stdout=subprocess.PIPE, stderr=err_file, text=True,
            stdin=subprocess.DEVNULL, cwd=REPO)
    try:
        deadline = time.monotonic() + ready_timeout
        while not ready.exists():
            if process.poll() is not None:
                raise RuntimeError(f"recorder ended before it was ready: {err_path.read_text()}")
            if time.monotonic() > deadline:
                raise RuntimeError("recorder never became ready")
            time.sleep(0.05)
        yield Recording(process, display, err_path)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def stop_recording(run: Recording, timeout: float = 300) -> Path:
    """Press the stop hotkey, wait for the recorder to finish; the episode it wrote."""
    import json

    run.display.xdotool("key", "ctrl+alt+q")
    stdout, _ = run.process.communicate(timeout=timeout)
    if run.process.returncode != 0:
        raise RuntimeError(f"recorder exited {run.process.returncode}: "
                           f"{run.stderr.read_text()[-3000:]}")
    return Path(str(json.loads(stdout)["episode"]))


@dataclass(frozen=True, slots=True)
class Recorded:
    """A written episode as the e2e tests check it: its path, its rows without the screenshot
    column, and every column and the metadata decoded to one string (to search for values)."""

    episode: Path
    rows: list[dict[str, object]]
    decoded: str


def read_recorded(episode: Path) -> Recorded:
    """The episode's rows and decoded text (see :class:`Recorded`)."""
    import json

    import pyarrow.parquet as pq

    table = pq.read_table(episode)
    rows = table.drop_columns(["screenshot"]).to_pylist()
    metadata = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    return Recorded(episode, rows, json.dumps(rows, default=str) + json.dumps(metadata))


def unprivileged_prefix() -> list[str]:
    """A command prefix under which file permissions apply.

    CI runs as root, which ignores file modes. Dropping the DAC capabilities from the bounding
    set keeps uid 0 (so the interpreter under /root stays reachable) while making mode bits
    binding, which is what a permission-denied test needs. As a normal user, no prefix.
    """
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def kill_when(
    process: subprocess.Popen[str], ready: Path, delay_s: float, timeout: float = 60
) -> None:
    """Wait until ``ready`` exists, then ``delay_s`` more, then SIGKILL ``process``."""
    deadline = time.monotonic() + timeout
    while not ready.exists():
        if process.poll() is not None:
            raise RuntimeError("process ended before it was ready")
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("process never became ready")
        time.sleep(0.01)
    time.sleep(delay_s)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


@contextlib.contextmanager
def mounted_tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A small tmpfs at ``path`` (root only), for disk-full tests."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
                   check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)


def chromium_render(page: Path, work: Path, size: tuple[int, int] = (1200, 1600)) -> tuple[
        Path, str]:
    """Render a local HTML file in headless Debian Chromium: (screenshot PNG, DOM after load)."""
    binary = shutil.which("chromium")
    if binary is None:
        raise RuntimeError("chromium is not installed (Debian package chromium)")
    png = work / f"{page.stem}.png"
    common = [binary, *CHROMIUM_FLAGS, f"--window-size={size[0]},{size[1]}"]
    subprocess.run([*common, f"--user-data-dir={work / 'profile-shot'}",
                    f"--screenshot={png}", page.as_uri()],
                   capture_output=True, timeout=120, check=True, stdin=subprocess.DEVNULL)
    dom = subprocess.run([*common, f"--user-data-dir={work / 'profile-dom'}", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True, stdin=subprocess.DEVNULL).stdout
    return png, dom
