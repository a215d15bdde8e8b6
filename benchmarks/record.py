"""Benchmark `cuarec record` on a scripted episode: screenshots kept and dropped, stop to
written episode, peak memory, CPU, load average, size.

    python benchmarks/record.py [--minutes 5] [--size 1920x1080] [--steps-per-minute 30]
                                [--json OUT] [--max-backlog S]

Starts its own Xvfb and an xterm, launches `cuarec record` (its own process), waits for the
ready signal, then drives the terminal with xdotool at the given rate: typed commands (with
an e-mail address now and then), Enter, clicks, scrolls, keys. Measures, from /proc:
- screenshots kept and dropped (the recorder's own counts: none is dropped below the
  backlog's memory cap unless --max-backlog is given);
- stop to written: seconds from the stop hotkey until the recorder has exited with the
  episode written (the redaction backlog finished after stop; also the recorder's own
  measure from the end of capture);
- peak RSS of the recorder (VmHWM), and the backlog's cap and peak (compressed bytes);
- recorder CPU while idle (10 s before the script starts), while typing, and after stop;
- the machine's load average (1 min, sampled every 10 s) during the run, and its cores;
- MB per minute of episode; events sent, stored and lost. The script knows which personal
  values it typed (PERSONAL_VALUES): an episode stores each as one `redacted` event that hides
  its length (docs/FORMAT.md), so the characters it typed are counted apart, and events lost
  are non-personal characters sent - character presses stored, personal values sent -
  `redacted` events stored, clicks and wheel steps sent - stored (0 each: nothing lost), with
  the characters that differ.
The anchor in the same run is a bare capture session (pynput + mss, no redaction), whose
figures show what redaction costs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from redaction.keystrokes import REDACTED_EVENT  # noqa: E402
from redaction.models import InputEvent  # noqa: E402
from tests.harness import start_xvfb  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb(pid: int) -> float:
    return _status_mb(pid, "VmHWM")


def rss_mb(pid: int) -> float:
    return _status_mb(pid, "VmRSS")


class RssSampler(threading.Thread):
    """RSS of a process once every ``every`` seconds (to show memory stays bounded)."""

    def __init__(self, pid: int, every: float = 10.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, float]] = []
        self.load: list[float] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        start = time.monotonic()
        while not self.stopped.wait(self.every):
            self.load.append(os.getloadavg()[0])
            try:
                self.samples.append((round(time.monotonic() - start), round(rss_mb(self.pid))))
            except OSError:
                return

    def load_summary(self) -> dict[str, float]:
        if not self.load:
            return {"load_1min": round(os.getloadavg()[0], 2)}
        return {"load_1min_mean": round(sum(self.load) / len(self.load), 2),
                "load_1min_max": round(max(self.load), 2)}

    def summary(self) -> dict[str, object]:
        """RSS by tenth of the run, and the growth from the first to the last quarter."""
        values = [mb for _, mb in self.samples]
        if len(values) < 8:
            return {"rss_mb_samples": self.samples}
        quarter = len(values) // 4
        first, last = values[:quarter], values[-quarter:]
        step = max(1, len(self.samples) // 10)
        return {"rss_mb_by_time": self.samples[::step],
                "rss_mb_first_quarter_mean": round(sum(first) / len(first)),
                "rss_mb_last_quarter_mean": round(sum(last) / len(last))}


#: The personal values the script types, by entity type: each typed value should be stored as
#: one ``redacted`` event (docs/FORMAT.md, ``events``), its characters hidden.
PERSONAL_VALUES: dict[str, str] = {
    "jane.doe@example.com": "EMAIL_ADDRESS",
    "+44 20 7946 0958": "PHONE_NUMBER",
}
COMMANDS = ["ls -la /usr/share", "echo notes for jane.doe@example.com", "date",
            "cat /etc/os-release", "echo build passed", "df -h", "uname -a",
            "echo call +44 20 7946 0958 later", "seq 1 40"]
#: Modifiers whose presses make the next key a shortcut, not text (ctrl+l carries "l" on X11).
_SHORTCUT_MODIFIERS = frozenset({"ctrl", "ctrl_l", "ctrl_r", "alt", "alt_l", "alt_r", "cmd",
                                 "cmd_l", "cmd_r", "super", "super_l", "super_r"})


def xdo(env: dict[str, str], *args: str) -> None:
    subprocess.run(["xdotool", *args], env=env, check=True, timeout=60)


def split_personal(text: str) -> tuple[str, list[str]]:
    """``text`` without the personal values it holds, and those values."""
    values: list[str] = []
    rest = text
    for value in PERSONAL_VALUES:
        while value in rest:
            values.append(value)
            rest = rest.replace(value, "", 1)
    return rest, values


def new_sent() -> dict[str, Any]:
    """What the script sent: ``chars`` (characters of non-personal text; the multiset in
    ``char_counts``), ``personal_values`` (typed personal values; their characters in
    ``personal_chars``, their types in ``personal_by_type``), actions, clicks, wheel steps."""
    return {"actions": 0, "chars": 0, "char_counts": Counter(), "personal_values": 0,
            "personal_chars": 0, "personal_by_type": Counter(), "clicks": 0, "wheel": 0}


def count_typed(sent: dict[str, Any], text: str) -> None:
    """Add ``text``, typed by the script, to ``sent``."""
    rest, values = split_personal(text)
    sent["chars"] += len(rest)
    sent["char_counts"].update(rest)
    sent["personal_values"] += len(values)
    sent["personal_chars"] += sum(len(v) for v in values)
    sent["personal_by_type"].update(PERSONAL_VALUES[v] for v in values)


def drive(env: dict[str, str], seconds: float, steps_per_minute: float, seed: int
          ) -> dict[str, Any]:
    """Scripted activity for ``seconds``: returns what was sent (see :func:`new_sent`), to
    compare with what the episode holds."""
    rng = random.Random(seed)
    interval = 60.0 / steps_per_minute
    end = time.monotonic() + seconds
    sent = new_sent()
    while time.monotonic() < end:
        started = time.monotonic()
        kind = rng.random()
        if kind < 0.45:
            command = rng.choice(COMMANDS)
            xdo(env, "type", "--delay", "100", command)  # ~10 keys/s
            xdo(env, "key", "Return")
            sent["actions"] += 2
            count_typed(sent, command)
        elif kind < 0.65:
            xdo(env, "mousemove", str(rng.randrange(50, 900)), str(rng.randrange(50, 600)),
                "click", "1")
            sent["actions"] += 1
            sent["clicks"] += 1
        elif kind < 0.85:
            xdo(env, "click", rng.choice(["4", "5"]))
            sent["actions"] += 1
            sent["wheel"] += 1
        else:
            xdo(env, "key", rng.choice(["Up", "Down", "ctrl+l"]))
            sent["actions"] += 1
        time.sleep(max(0.0, interval - (time.monotonic() - started)))
    return sent


def count_events(events: Iterable[InputEvent]) -> dict[str, Any]:
    """What an episode's events hold, in the terms of :func:`new_sent`: character presses
    (``chars``, ``char_counts``; not Enter, not a key pressed with Ctrl/Alt/Cmd held: a
    shortcut types nothing), ``redacted`` events (each stands for one typed personal value or
    secret run; by placeholder), left-button presses and wheel steps."""
    counts: dict[str, Any] = {"chars": 0, "char_counts": Counter(), "redacted_events": 0,
                              "redacted_by_placeholder": Counter(), "clicks": 0, "wheel": 0}
    held: set[str] = set()
    for event in events:
        key = (event.key or "").lower()
        if event.kind == "key_release":
            held.discard(key)
        elif event.kind == "key_press":
            if key in _SHORTCUT_MODIFIERS:
                held.add(key)
            elif event.char and event.char not in ("\n", "\r") and not held:
                counts["chars"] += 1
                counts["char_counts"][event.char] += 1
        elif event.kind == REDACTED_EVENT:
            counts["redacted_events"] += 1
            counts["redacted_by_placeholder"][event.key or ""] += 1
        elif event.kind == "button_press" and event.button == "left":
            counts["clicks"] += 1
        elif event.kind == "scroll":
            counts["wheel"] += abs(event.dy or 0) + abs(event.dx or 0)
    return counts


def stored_counts(episode: Path) -> dict[str, Any]:
    """:func:`count_events` over every step of ``episode``, in order."""
    from recorder.episode.reader import open_episode

    steps = open_episode(episode).iter_steps(with_screenshots=False)
    return count_events(event for step in steps for event in step.events)


def events_lost(sent: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
    """Sent minus stored: non-personal characters, personal values (each should be stored as
    one ``redacted`` event), clicks, wheel steps: 0 everywhere when nothing was lost. The
    character multisets say which characters differ (the script's own text, no value)."""
    sent_chars: Counter[str] = sent["char_counts"]
    stored_chars: Counter[str] = stored["char_counts"]
    return {"chars": sent["chars"] - stored["chars"],
            "personal_values": sent["personal_values"] - stored["redacted_events"],
            "clicks": sent["clicks"] - stored["clicks"],
            "wheel": sent["wheel"] - stored["wheel"],
            "chars_missing": dict(sorted((sent_chars - stored_chars).items())),
            "chars_extra": dict(sorted((stored_chars - sent_chars).items()))}

def run(minutes: float, size: tuple[int, int], steps_per_minute: float, bare: bool,
        log: Path | None = None, max_backlog: float | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, start_xvfb(*size) as display:
        work = Path(tmp)
        env = display.env(HOME=str(work), XDG_CONFIG_HOME=str(work / "config"))
        term = subprocess.Popen(["xterm", "-geometry", "120x40+0+0", "-fa", "DejaVu Sans Mono",
                                 "-fs", "13"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        ready = work / "ready"
        if bare:
            code = ("import sys; from pathlib import Path; from recorder.capture import "
                    "CaptureConfig, CaptureSession; "
                    "r = CaptureSession(CaptureConfig(fps=2, ready_file=Path(sys.argv[1])), "
                    "on_step=lambda s: None).run(); print(r.step_count)")
            command = [sys.executable, "-c", code, str(ready)]
        else:
            command = [sys.executable, "-m", "recorder", "--log-level",
                       "debug" if log else "warning", "record", "benchmark task", "--yes",
                       "--json", "--out", str(work / "episodes"), "--ready-file", str(ready),
                       "--fps", "2"]
            if max_backlog is not None:
                command += ["--max-backlog", str(max_backlog)]
        # stderr goes to a file, not a pipe: nobody reads a pipe until the end, and a full
        # pipe (64 KB of DEBUG log) would block the recorder's next write.
        err_file = work / "stderr.txt"
        with err_file.open("w") as err:
            recorder = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE,
                                        stderr=err, text=True)
        while not ready.exists():
            if recorder.poll() is not None:
                raise RuntimeError(err_file.read_text()[-2000:])
            time.sleep(0.05)
        cpu0 = cpu_seconds(recorder.pid)
        time.sleep(10)
        idle = (cpu_seconds(recorder.pid) - cpu0) / 10
        cpu1, t1 = cpu_seconds(recorder.pid), time.monotonic()
        sampler = RssSampler(recorder.pid)
        sampler.start()
        sent = drive(env, minutes * 60, steps_per_minute, seed=0)
        sampler.stopped.set()
        active = (cpu_seconds(recorder.pid) - cpu1) / (time.monotonic() - t1)
        peak = peak_rss_mb(recorder.pid)
        stopped = time.monotonic()
        cpu2 = cpu_seconds(recorder.pid)
        load_at_stop = os.getloadavg()[0]
        xdo(env, "key", "ctrl+alt+q")
        cpu3 = cpu2
        while recorder.poll() is None:
            try:
                peak = max(peak, peak_rss_mb(recorder.pid))
                cpu3 = cpu_seconds(recorder.pid)
            except OSError:
                break
            time.sleep(0.1)
        backlog = time.monotonic() - stopped
        stdout, _ = recorder.communicate()
        stderr = err_file.read_text()
        if log is not None:
            log.write_text(stderr)  # cuarec's own log: counts and timings, no values
        term.terminate()
        if recorder.returncode != 0:
            raise RuntimeError(stderr[-2000:])
        result = {"actions_sent": sent["actions"], "stop_to_written_s": round(backlog, 2),
                  "peak_rss_mb": round(peak, 1), "cpu_idle_cores": round(idle, 3),
                  "cpu_active_cores": round(active, 3),
                  "cpu_after_stop_cores": round((cpu3 - cpu2) / max(backlog, 1e-3), 3),
                  "load_at_stop_1min": round(load_at_stop, 2), **sampler.load_summary(),
                  **sampler.summary()}
        if not bare:
            summary = json.loads(stdout)
            size_mb = Path(summary["episode"]).stat().st_size / 1e6
            result.update(screenshots_kept=summary.get("screenshots_kept"),
                          screenshots_dropped=summary.get("screenshots_dropped"),
                          steps_captured=summary.get("steps_captured"),
                          steps_discarded=summary.get("steps_discarded"),
                          finish_s_recorder=summary.get("finish_s"),
                          backlog_cap_mb=round(summary.get("backlog_cap_bytes", 0) / 2**20),
                          backlog_peak_mb=round(summary.get("backlog_peak_bytes", 0) / 2**20,
                                                1),
                          steps=summary["steps"], frames=summary["frames"],
                          episode_minutes=round(summary["duration_s"] / 60, 2),
                          mb_per_minute=round(size_mb / (summary["duration_s"] / 60), 2),
                          dropped=summary["dropped"], flags=summary["flags"],
                          redactions=summary["redactions_by_type"])
            stored = stored_counts(Path(summary["episode"]))
            result["events_sent"] = {k: v for k, v in sent.items() if k != "char_counts"}
            result["events_stored"] = {k: v for k, v in stored.items() if k != "char_counts"}
            result["events_lost"] = events_lost(sent, stored)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--steps-per-minute", type=float, default=30.0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--log", type=Path, help="keep the recorder's DEBUG log here")
    parser.add_argument("--no-anchor", action="store_true", help="skip the bare capture run")
    parser.add_argument("--max-backlog", type=float, help="pass --max-backlog S to the recorder")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    assert len(size) == 2
    anchor = ({"cpu_active_cores": 0.0} if args.no_anchor
              else run(min(args.minutes, 1.0), size, args.steps_per_minute, bare=True))
    load_before = os.getloadavg()
    measured = run(args.minutes, size, args.steps_per_minute, bare=False, log=args.log,
                   max_backlog=args.max_backlog)
    report = {"machine": f"{os.cpu_count()} cores", "load_before": load_before,
              "command": " ".join(sys.argv),
              "minutes": args.minutes, "size": args.size, "cuarec": measured,
              "anchor_bare_capture": anchor,
              "cpu_active_ratio": round(measured["cpu_active_cores"]
                                        / max(anchor["cpu_active_cores"], 1e-3), 1)}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
