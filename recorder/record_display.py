"""What ``cuarec record`` shows while it records and while it finishes (stderr, value-free).

On a terminal: one live status line while recording (time, steps, screenshots waiting),
redrawn in place below the ready line; after stop, a progress bar of the backlog being
redacted (steps done and left, ETA); a question at a second interrupt. Without a terminal: no
live line, one line per 10 % of the backlog, and the second interrupt decides by itself (the
unredacted rest is discarded, what is redacted is written). Only counts and times, never a
recorded value.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Protocol, TextIO


@dataclass(frozen=True, slots=True)
class LiveStatus:
    """The recorder's state while capturing (counts only)."""

    elapsed_s: float
    steps: int
    waiting: int
    dropped: int = 0


class RecordDisplay(Protocol):
    def live(self, status: LiveStatus) -> None: ...

    def finishing(self, done: int, total: int, hint_s: float | None = None) -> None:
        """``done`` of ``total`` steps are redacted and written (called repeatedly);
        ``hint_s``: the recorder's own estimate of the time left, if any."""

    def warn(self, message: str) -> None: ...

    def ask_discard(self, left: int) -> bool:
        """At a second interrupt: discard the ``left`` unredacted steps?"""

    def close(self) -> None: ...


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return (f"{hours}:" if hours else "") + f"{rest // 60:0{2 if hours else 1}d}:{rest % 60:02d}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


class _Finish:
    """Rate and ETA of the backlog since stop."""

    def __init__(self) -> None:
        self.start: tuple[float, int] | None = None

    def eta_s(self, done: int, total: int) -> float | None:
        now = time.monotonic()
        if self.start is None:
            self.start = (now, done)
            return None
        started, done0 = self.start
        if done <= done0 or now <= started:
            return None
        return (total - done) * (now - started) / (done - done0)


class TerminalDisplay:
    """In-place lines on a terminal (``stream`` is a tty)."""

    BAR = 24

    def __init__(self, stream: TextIO, ask: TextIO | None = None) -> None:
        self.stream = stream
        self.input = ask
        self._drawn = False
        self._finish = _Finish()

    def _draw(self, text: str) -> None:
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self._drawn = True

    def _clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def live(self, status: LiveStatus) -> None:
        text = (f"recording {_clock(status.elapsed_s)} · {_count(status.steps, 'step')} · "
                f"{_count(status.waiting, 'screenshot')} waiting for redaction")
        if status.dropped:
            text += f" · {status.dropped} dropped"
        self._draw(text)

    def finishing(self, done: int, total: int, hint_s: float | None = None) -> None:
        total = max(total, done)
        filled = self.BAR * done // total if total else self.BAR
        eta = self._finish.eta_s(done, total)
        eta = hint_s if eta is None else eta
        self._draw(f"redacting the rest [{'#' * filled}{'.' * (self.BAR - filled)}] "
                   f"{done}/{total} steps, {total - done} left, ETA "
                   f"{'?' if eta is None else _clock(eta)}")

    def warn(self, message: str) -> None:
        self._clear()
        self.stream.write(f"cuarec: warning: {message}\n")
        self.stream.flush()

    def ask_discard(self, left: int) -> bool:
        self._clear()
        if self.input is None:
            return PlainDisplay(self.stream).ask_discard(left)
        self.stream.write(f"Interrupted again: discard the {left} steps not yet redacted "
                          "and write the redacted ones? [y/N] ")
        self.stream.flush()
        answer = self.input.readline()
        return answer.strip().lower().startswith("y")

    def close(self) -> None:
        self._clear()


class PlainDisplay:
    """Without a terminal: no redrawing, a line per 10 % of the backlog, no questions."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._tenth = -1

    def live(self, status: LiveStatus) -> None:
        return None

    def finishing(self, done: int, total: int, hint_s: float | None = None) -> None:
        total = max(total, done)
        tenth = 10 if total == 0 else 10 * done // total
        if tenth <= self._tenth:
            return
        self._tenth = tenth
        left = total - done
        self.stream.write(f"cuarec: redacting the rest: {10 * tenth} % ({left} "
                          f"step{'' if left == 1 else 's'} left)\n")
        self.stream.flush()

    def warn(self, message: str) -> None:
        self.stream.write(f"cuarec: warning: {message}\n")
        self.stream.flush()

    def ask_discard(self, left: int) -> bool:
        self.stream.write(f"cuarec: interrupted again: discarding the {left} steps not yet "
                          "redacted; the redacted ones are written\n")
        self.stream.flush()
        return True

    def close(self) -> None:
        return None


def choose_display(stream: TextIO | None = None, ask: TextIO | None = None) -> RecordDisplay:
    """A terminal display when ``stream`` (stderr) is a terminal, else the plain one. It asks
    on ``ask`` (stdin) only when that is a terminal too."""
    stream = stream or sys.stderr
    if stream.isatty():
        ask = ask if ask is not None else sys.stdin
        return TerminalDisplay(stream, ask if ask is not None and ask.isatty() else None)
    return PlainDisplay(stream)
