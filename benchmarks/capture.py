"""Capture benchmark: events lost, latency and CPU of a real capture session on Xvfb.

    .venv/bin/python benchmarks/capture.py [--quick] [--json OUT]

Starts its own Xvfb (1920x1080), runs :class:`recorder.capture.CaptureSession` in a thread of
this process and drives input with xdotool (a separate process, so its CPU is not counted)
or with XTEST directly (for latency). The anchor, measured in the same run on the same
server and input, is the least a capture can do: bare pynput listeners whose callbacks
append to a list, plus a bare mss grab loop at the same frame rate for the CPU figures.

Figures:
* events lost: xdotool types N characters (a-z and space) at a given spacing; a key is two
  events (press, release). Lost = expected - seen.
* latency: XTEST key events injected 10 ms apart; injection -> listener callback (both
  clocks are this process's monotonic clock), and callback -> worker dequeue (the queue
  delay, what our own code adds).
* CPU: per-thread CPU time (``/proc/self/task``) of every thread but the driving one, while
  idle and while xdotool types at 10 keys/s, as a percentage of one core.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import string
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.harness import XDisplay, start_xvfb  # noqa: E402 - after the path is set

CLK_TCK = os.sysconf("SC_CLK_TCK")


def thread_cpu_s() -> dict[int, float]:
    """CPU seconds (user + system) of each thread of this process."""
    out: dict[int, float] = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(tid)] = (int(fields[11]) + int(fields[12])) / CLK_TCK
    return out


def other_threads_cpu(before: dict[int, float], after: dict[int, float]) -> float:
    main = threading.main_thread().native_id
    return sum(after[t] - before.get(t, 0.0) for t in after if t != main)


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def xdotool(display: XDisplay, *args: str) -> None:
    subprocess.run(["xdotool", *args], env=display.env(), check=True, timeout=600)


def typing_text(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_lowercase + " ") for _ in range(n))


# -- the two things measured: a capture session, and the bare anchor -------------------------


class SessionUnderTest:
    """A CaptureSession running in a thread; ``stop()`` returns its result."""

    def __init__(self, fps: float) -> None:
        from recorder.capture import CaptureConfig, CaptureSession, StepConfig

        self.session = CaptureSession(CaptureConfig(
            fps=fps, announce=False, handle_signals=False, steps=StepConfig(wait_s=None)))
        self.result: Any = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="bench-session")
        self.thread.start()
        if not self.session.ready.wait(30):
            raise RuntimeError(f"capture did not become ready: {self.error!r}")

    def _run(self) -> None:
        try:
            self.result = self.session.run()
        except BaseException as exc:  # reported by stop()
            self.error = exc
            self.session.ready.set()

    def stop(self) -> Any:
        self.session.stop()
        self.thread.join(30)
        if self.error is not None:
            raise self.error
        return self.result

    def key_events(self, result: Any) -> list[Any]:
        return [e for s in result.steps for e in s.events if e.kind.startswith("key")]

    def callback_times(self, result: Any) -> list[float]:
        """Monotonic callback times of the key presses, in order."""
        return [result.clock_origin + e.t for e in self.key_events(result)
                if e.kind == "key_press"]


class BareAnchor:
    """pynput listeners appending ``(monotonic, kind)`` to a list, and optionally a bare mss
    loop at ``fps``: the floor any capture built on these libraries pays."""

    def __init__(self, fps: float | None = None) -> None:
        from pynput import keyboard, mouse

        self.events: list[tuple[float, str]] = []
        clock, append = time.monotonic, self.events.append
        self.keyboard = keyboard.Listener(on_press=lambda k: append((clock(), "key_press")),
                                          on_release=lambda k: append((clock(), "key_release")))
        self.mouse = mouse.Listener(on_move=lambda x, y: append((clock(), "move")))
        self.keyboard.start()
        self.mouse.start()
        self.keyboard.wait()
        self.mouse.wait()
        time.sleep(0.2)  # pynput marks itself ready just before it records: let it settle
        self._stop = threading.Event()
        self.last_frame: Any = None
        self.grabber: threading.Thread | None = None
        if fps:
            self.grabber = threading.Thread(target=self._grab_loop, args=(fps,), daemon=True)
            self.grabber.start()

    def _grab_loop(self, fps: float) -> None:
        import mss
        import numpy as np

        with mss.MSS() as sct:
            region = sct.monitors[1]
            while not self._stop.wait(1.0 / fps):
                shot = sct.grab(region)  # the grab alone: no conversion, no comparison
                self.last_frame = np.frombuffer(shot.raw, np.uint8)

    def stop(self) -> None:
        import Xlib.display

        self._stop.set()
        for listener in (self.keyboard, self.mouse):
            listener.stop()
            display = Xlib.display.Display()  # end the blocking RECORD read at once
            display.record_disable_context(listener._context)
            display.sync()
            display.close()
            listener.join(5)
        if self.grabber is not None:
            self.grabber.join(5)

    def key_press_times(self) -> list[float]:
        return [t for t, kind in self.events if kind == "key_press"]


# -- measurements ----------------------------------------------------------------------------


def events_lost(display: XDisplay, n: int, delay_ms: int, fps: float) -> dict[str, Any]:
    text = typing_text(n, seed=n)
    expected = 2 * n

    under_test = SessionUnderTest(fps)
    started = time.monotonic()
    xdotool(display, "type", "--delay", str(delay_ms), text)
    typed_s = time.monotonic() - started
    time.sleep(1.0)
    result = under_test.stop()
    keys = under_test.key_events(result)
    rebuilt = "".join(s.text or "" for s in result.steps if s.action_type == "type")

    anchor = BareAnchor()
    xdotool(display, "type", "--delay", str(delay_ms), text)
    time.sleep(1.0)
    anchor.stop()
    anchor_seen = sum(kind.startswith("key") for _, kind in anchor.events)
    return {
        "chars": n, "delay_ms": delay_ms, "expected_events": expected,
        "seen": len(keys), "lost": expected - len(keys), "text_exact": rebuilt == text,
        "type_steps": sum(s.action_type == "type" for s in result.steps),
        "anchor_seen": anchor_seen, "anchor_lost": expected - anchor_seen,
        "typing_s": round(typed_s, 2), "keys_per_s": round(n / typed_s),
        "queue_delay_ms_p50": round(result.stats.queue_delay_ms_p50, 3),
        "queue_delay_ms_p99": round(result.stats.queue_delay_ms_p99, 3),
        "queue_delay_ms_max": round(result.stats.queue_delay_ms_max, 3),
    }


def inject_keys(n: int, spacing_s: float) -> list[float]:
    """Press and release 'a' ``n`` times through XTEST; return each press's send time."""
    import Xlib.display
    import Xlib.X
    import Xlib.XK
    from Xlib.ext import xtest

    display = Xlib.display.Display()
    keycode = display.keysym_to_keycode(Xlib.XK.string_to_keysym("a"))
    sent: list[float] = []
    for _ in range(n):
        sent.append(time.monotonic())
        xtest.fake_input(display, Xlib.X.KeyPress, keycode)
        display.flush()
        xtest.fake_input(display, Xlib.X.KeyRelease, keycode)
        display.flush()
        time.sleep(spacing_s)
    display.sync()
    display.close()
    return sent


def latency(n: int, fps: float) -> dict[str, Any]:
    under_test = SessionUnderTest(fps)
    sent = inject_keys(n, 0.01)
    time.sleep(0.5)
    result = under_test.stop()
    got = under_test.callback_times(result)
    ours = [(g - s) * 1000 for s, g in zip(sent, got, strict=False)]

    anchor = BareAnchor(fps)  # the bare grab loop too: both pay for grabs holding the GIL
    sent = inject_keys(n, 0.01)
    time.sleep(0.5)
    anchor.stop()
    bare = [(g - s) * 1000 for s, g in zip(sent, anchor.key_press_times(), strict=False)]
    return {
        "injected": n, "seen": len(got), "anchor_seen": len(anchor.key_press_times()),
        "inject_to_callback_ms_p50": round(statistics.median(ours), 3),
        "inject_to_callback_ms_p95": round(quantile(ours, 0.95), 3),
        "inject_to_callback_ms_max": round(max(ours), 3),
        "anchor_inject_to_callback_ms_p50": round(statistics.median(bare), 3),
        "anchor_inject_to_callback_ms_p95": round(quantile(bare, 0.95), 3),
        "callback_to_worker_ms_p50": round(result.stats.queue_delay_ms_p50, 3),
        "callback_to_worker_ms_p99": round(result.stats.queue_delay_ms_p99, 3),
        "callback_to_worker_ms_max": round(result.stats.queue_delay_ms_max, 3),
    }


def cpu(display: XDisplay, seconds: float, fps: float) -> dict[str, Any]:
    keys = int(seconds * 10)
    text = typing_text(keys, seed=7)

    def measure(start: Callable[[], Any]) -> tuple[float, float, Any]:
        handle = start()
        time.sleep(1.0)
        before, started = thread_cpu_s(), time.monotonic()
        time.sleep(seconds)
        idle = other_threads_cpu(before, thread_cpu_s()) / (time.monotonic() - started) * 100
        before, started = thread_cpu_s(), time.monotonic()
        xdotool(display, "type", "--delay", "100", text)  # 10 keys/s
        typing = other_threads_cpu(before, thread_cpu_s()) / (time.monotonic() - started) * 100
        return idle, typing, handle.stop()

    ours_idle, ours_typing, result = measure(lambda: SessionUnderTest(fps))
    bare_idle, bare_typing, _ = measure(lambda: BareAnchor(fps))
    stats = result.stats
    return {
        "seconds": seconds, "fps": fps,
        "idle_pct_core": round(ours_idle, 2), "typing_10keys_pct_core": round(ours_typing, 2),
        "anchor_idle_pct_core": round(bare_idle, 2),
        "anchor_typing_10keys_pct_core": round(bare_typing, 2),
        "grab_ms_mean": round(stats.grab_ms_mean, 2), "frames_grabbed": stats.frames_grabbed,
        "frames_unique": stats.frames_unique,
    }


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            model = next(line.split(":", 1)[1].strip() for line in handle
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "load_1min": round(os.getloadavg()[0], 2),
            "date": datetime.now(UTC).strftime("%Y-%m-%d")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, shorter waits")
    parser.add_argument("--fps", type=float, default=4.0, help="capture frame rate (default 4)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with start_xvfb(1920, 1080) as display:
        os.environ.update(DISPLAY=display.name, XDG_SESSION_TYPE="x11")
        os.environ.pop("WAYLAND_DISPLAY", None)
        # A real window under the pointer, as on any desktop: with no window mapped, Xvfb
        # hands RECORD data out in batches (~160 ms late, the last ones held until the next
        # activity), which would measure the empty server, not capture.
        app = subprocess.Popen(["xterm", "-geometry", "200x60+0+0", "-e", "cat"],
                               env=display.env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--class", "xterm"],
                       env=display.env(), check=True, capture_output=True, timeout=60)
        xdotool(display, "mousemove", "400", "300")
        figures: dict[str, Any] = {"machine": machine(), "fps": args.fps,
                                   "screen": "Xvfb 1920x1080x24, xterm running cat"}
        slow_n, fast_n = (400, 2000) if args.quick else (2000, 10000)
        figures["lost_1ms"] = events_lost(display, slow_n, 1, args.fps)
        print(json.dumps(figures["lost_1ms"]), flush=True)
        figures["lost_0ms"] = events_lost(display, fast_n, 0, args.fps)
        print(json.dumps(figures["lost_0ms"]), flush=True)
        figures["latency"] = latency(100 if args.quick else 500, args.fps)
        print(json.dumps(figures["latency"]), flush=True)
        figures["cpu"] = cpu(display, 3.0 if args.quick else 10.0, args.fps)
        print(json.dumps(figures["cpu"]), flush=True)
        app.terminate()
        app.wait(10)
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
