"""`cuarec record` end to end on a real X server: a real xterm driven by xdotool, the recorder
in its own process with its own identity (user, home, host name, identity list).

One recording for the module; many assertions on it. Personal data typed (with a correction),
typed at a silent password prompt, and only displayed on screen must be absent from every
decoded column, event and metadata field and unreadable by OCR of every stored frame, while
the ordinary words and the action sequence survive.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest

from tests import harness

USER = "zebedeeq"
HOST = "canary-host-4821"
EMAIL = "jane.doe@example.com"
TYPO = "jame"
PASSWORD = "Tr0ub4dor&3xyz"
CARD = "4111 1111 1111 1111"
SCREEN_NAME = "Wilhelmina Okonkwo"
IDENTITY_PHONE = "+44 20 7946 0958"
IBAN = "DE89 3704 0044 0532 0130 00"
API_KEY = "ghp_R8xQ2mZ7vK4pL9sT1wY6nB3cF5hJ0dGaUe2i"
ADDRESS = "221B Baker Street"
TITLE_NAME = "Bartholomew Quigley"
#: Substrings that must not survive anywhere (checked case-insensitively, also digit-only).
CANARIES = (EMAIL, "jane.doe", PASSWORD, "Tr0ub4dor", CARD, "Okonkwo",
            "Wilhelmina", USER, HOST, IDENTITY_PHONE, "7946 0958", IBAN, "DE89370400",
            API_KEY, "R8xQ2mZ7", ADDRESS, "Baker Street", TITLE_NAME, "Quigley")
DIGIT_CANARIES = ("4111111111111111", "442079460958", "89370400440532013000")


@dataclass(frozen=True, slots=True)
class Recorded:
    episode: Path
    summary: dict[str, object]
    stderr: str
    work: Path
    trace: Path



@pytest.fixture(scope="module")
def recorded(xvfb_factory: Callable[..., harness.XDisplay],
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recorded]:
    display = xvfb_factory(800, 600)
    work = tmp_path_factory.mktemp("record")
    home = work / "home" / USER
    home.mkdir(parents=True)
    # Shown on screen only (never typed): the recorder must find it by OCR.
    (work / "customer.txt").write_text(
        f"Customer: {SCREEN_NAME}\nCard: {CARD}\nPhone: {IDENTITY_PHONE}\nIBAN: {IBAN}\n"
        f"Address: {ADDRESS}, London\nToken: {API_KEY}\n")
    # Put in the window title only (through a file, so it is never typed).
    (work / "title.txt").write_text(f"Contract for {TITLE_NAME}")
    config = work / "config"
    env = display.env(HOME=str(home), USER=USER, LOGNAME=USER, XDG_CONFIG_HOME=str(config),
                      PS1=f"{USER}@{HOST}:~$ ", TMPDIR=str(work / "tmp"))
    (work / "tmp").mkdir()
    assert harness.run_cuarec("identity", "add", "phone", env=env, input=IDENTITY_PHONE
                              ).returncode == 0
    # Own UTS namespace (root, as in CI): the recorder's host name is the canary.
    prefix = ["unshare", "--uts", "sh", "-c", f'hostname {HOST} && exec "$@"', "sh"]
    # The terminal's shell gets a home of its own: its history is not the recorder's doing.
    (work / "terminal-home").mkdir()
    terminal = subprocess.Popen(
        [*prefix, "xterm", "-geometry", "80x24+0+0", "-fa", "DejaVu Sans Mono", "-fs", "13",
         "-e", "bash", "--norc", "--noprofile"],
        env={**env, "HOME": str(work / "terminal-home")}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, cwd=work)
    ready = work / "ready"
    out = work / "episodes"
    trace = work / "strace.txt"
    strace = ["strace", "-f", "--seccomp-bpf", "-qq", "-o", str(trace), "-e",
              "trace=open,openat,creat,rename,renameat,renameat2,link,linkat,symlink,mkdir,"
              "mkdirat,truncate"]
    # stderr to a file outside the recorder's folders: a pipe nobody reads until the end can
    # fill with the DEBUG log and block the recorder.
    err_path = tmp_path_factory.mktemp("stderr") / "stderr.txt"
    err_file = err_path.open("w")
    recorder = subprocess.Popen(
        # Logs at DEBUG: they must not carry a canary either. No screenshot is dropped by
        # default, however busy the machine: the action checks below rely on it.
        [*prefix, *strace, *harness.cuarec_command(
            "--log-level", "debug",
            "record", "Email Jane about the invoice", "--out", str(out), "--duration", "40",
            "--yes", "--json", "--ready-file", str(ready), "--fps", "2")],
        env=env, stdout=subprocess.PIPE, stderr=err_file, text=True,
        stdin=subprocess.DEVNULL, cwd=harness.REPO)
    err_file.close()
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert recorder.poll() is None, err_path.read_text()
            assert time.monotonic() < deadline, "recorder never became ready"
            time.sleep(0.05)
        display.xdotool("mousemove", "300", "200", "click", "1")
        time.sleep(0.6)
        display.type(f"echo contact {TYPO}", 40)
        display.xdotool("key", "BackSpace", "BackSpace")
        display.type("ne.doe@example.com", 40)
        display.xdotool("key", "Return")
        time.sleep(1.0)
        display.type(f"cat {work / 'customer.txt'}", 40)
        display.xdotool("key", "Return")
        time.sleep(1.5)
        display.type("printf '\\033]0;%s\\007' \"$(cat " + str(work / "title.txt") + ')"', 40)
        display.xdotool("key", "Return")
        time.sleep(1.5)
        display.type('read -s -p "Password: " pw', 40)
        display.xdotool("key", "Return")
        time.sleep(1.5)
        display.type(PASSWORD, 40)
        display.xdotool("key", "Return")
        time.sleep(1.0)
        display.type("echo all done", 40)
        display.xdotool("key", "Return")
        time.sleep(1.5)
        display.xdotool("key", "ctrl+alt+q")
        stdout, _ = recorder.communicate(timeout=180)
    finally:
        if recorder.poll() is None:
            recorder.kill()
        terminal.terminate()
        terminal.wait(timeout=10)
    stderr = err_path.read_text()
    assert recorder.returncode == 0, stderr
    summary = json.loads(stdout)
    yield Recorded(Path(str(summary["episode"])), summary, stderr, work, trace)


def _all_text(episode: Path) -> str:
    """Every column of every row decoded (pages are compressed: raw bytes prove nothing),
    plus the file metadata; screenshots excluded (they are OCR'd separately)."""
    table = pq.read_table(episode)
    rows = table.drop_columns(["screenshot"]).to_pylist()
    metadata = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    return json.dumps(rows, default=str) + json.dumps(metadata)


def _leaks(text: str) -> list[str]:
    lowered = text.casefold()
    # Digits with separators removed, per string value (not across JSON numbers such as
    # timestamps, whose digits would make false matches).
    pieces = re.findall(r'"((?:[^"\\]|\\.)*)"', text) if text.startswith("[") else [text]
    digits = " ".join(re.sub(r"[\s.\-/]", "", piece) for piece in pieces)
    found = [c for c in CANARIES if c.casefold() in lowered]
    found += [c for c in DIGIT_CANARIES if c in digits]
    return found


def test_stop_hotkey_ended_it_and_it_was_kept(recorded: Recorded) -> None:
    assert recorded.summary["choice"] == "kept"
    assert recorded.summary["stop_reason"] == "hotkey"
    assert recorded.episode.is_file()
    assert sorted(p.name for p in recorded.episode.parent.iterdir()) == [recorded.episode.name]
    assert "cuarec: ready" in recorded.stderr
    # Nothing dropped for being late: every step and screenshot captured was kept, and the
    # backlog after stop was shown finishing (one line per 10 % without a terminal).
    assert recorded.summary["screenshots_dropped"] == 0
    assert recorded.summary["steps_captured"] == recorded.summary["steps"]
    assert "cuarec: redacting the rest: 100 % (0 steps left)" in recorded.stderr


def test_no_canary_in_any_decoded_column_event_or_metadata(recorded: Recorded) -> None:
    assert _leaks(_all_text(recorded.episode)) == []


def test_debug_logs_were_written_without_values(recorded: Recorded) -> None:
    debug = [line for line in recorded.stderr.splitlines() if " DEBUG cuarec." in line]
    assert any("cuarec.record: step" in line for line in debug)
    assert any("cuarec.pipeline: step" in line and "OCR" in line for line in debug)
    assert not _leaks("\n".join(debug))


def test_no_canary_in_stdout_or_stderr(recorded: Recorded) -> None:
    assert _leaks(json.dumps(recorded.summary) + recorded.stderr) == []


def test_no_canary_readable_in_any_stored_frame(recorded: Recorded, ocr_reader: Callable[
        ..., str]) -> None:
    from recorder.episode.images import decode_frame
    from recorder.episode.reader import open_episode

    seen_ordinary = False
    for step in open_episode(recorded.episode).iter_steps():
        if step.screenshot is None:
            continue
        words = ocr_reader(decode_frame(step.screenshot.data))
        assert _leaks(words) == [], (step.step_index, _leaks(words))
        seen_ordinary = seen_ordinary or "echo" in words
    assert seen_ordinary  # the redactor did not simply blank the screen


def test_ordinary_words_and_the_action_sequence_survive(recorded: Recorded) -> None:
    from recorder.episode.reader import open_episode
    from redaction.keystrokes import replay_text

    steps = list(open_episode(recorded.episode).iter_steps(with_screenshots=False))
    typed = [s.text or "" for s in steps if s.action_type == "type"]
    assert typed[0] == "echo contact <EMAIL_ADDRESS>"
    assert typed[1].startswith("cat ") and typed[1].endswith("customer.txt")
    assert typed[2].startswith("printf ") and typed[2].endswith('title.txt)"')
    assert typed[3].startswith("read ") and typed[3].endswith('"Password: " pw')
    assert typed[4] == "<PASSWORD>"
    assert typed[5] == "echo all done"
    actions = [s.action_type for s in steps if s.action_type not in ("wait", "move")]
    assert actions == ["click", *["type", "key"] * 6, "done"]
    titles = {s.window.title for s in steps if s.window is not None}
    assert any(t and "<PERSON>" in t for t in titles), titles  # the title was redacted
    secret = next(s for s in steps if s.text == "<PASSWORD>")
    assert "secret_input" in secret.flags
    assert all(e.char in (None, "<PASSWORD>") for e in secret.events)
    first = next(s for s in steps if s.action_type == "type")
    replay = "".join(e.char or "" for e in first.events)
    assert "jane" not in replay and "jame" not in replay
    # The address, typo and fix included, is one event holding its placeholder; the secret
    # too, whatever its length: replaying a step's events gives its text.
    assert [e.char for e in first.events if e.kind == "redacted"] == ["<EMAIL_ADDRESS>"]
    assert [e.kind for e in secret.events if e.char] == ["redacted"]
    for step in steps:
        if step.action_type == "type":
            assert replay_text(step.events) == step.text
    assert steps[-1].action_type == "done"


def test_redacting_it_twice_changes_nothing_and_passes_the_audit(recorded: Recorded,
                                                               tmp_path: Path) -> None:
    """A curator's `redact --policy strict`, then the same on its output: the step data is
    identical; and the output passes `audit --policy strict`."""
    from recorder.episode.reader import open_episode

    once, twice = tmp_path / "once", tmp_path / "twice"
    first = harness.run_cuarec("redact", str(recorded.episode), "--out", str(once),
                               "--policy", "strict", "--json", timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    redacted = once / recorded.episode.name
    second = harness.run_cuarec("redact", str(redacted), "--out", str(twice), "--policy",
                                "strict", "--json", timeout=600)
    assert second.returncode == 0, second.stderr[-2000:]
    assert pq.read_table(twice / redacted.name).equals(pq.read_table(redacted))
    audit = harness.run_cuarec("audit", str(redacted), "--policy", "strict", "--json",
                               timeout=600)
    assert audit.returncode == 0, audit.stdout[-3000:] + audit.stderr[-2000:]
    [outcome] = json.loads(audit.stdout)["files"]
    assert outcome["steps"] == open_episode(redacted).num_steps and outcome["frames"] > 0
    assert _leaks(first.stdout + second.stdout + audit.stdout + audit.stderr) == []


def test_metadata_is_pseudonymous_and_counts_redactions(recorded: Recorded) -> None:
    from recorder.episode.reader import open_episode

    meta = open_episode(recorded.episode).metadata
    assert "Jane" not in meta.task and "<PERSON>" in meta.task
    assert meta.task.endswith("about the invoice")
    assert meta.consent is True and meta.volunteer_id and len(meta.volunteer_id) == 36
    assert meta.redaction_counts.get("EMAIL_ADDRESS", 0) >= 1
    assert meta.redaction_counts.get("PASSWORD", 0) >= 1
    assert meta.policy["name"] == "default"
    assert meta.session_type == "x11" and meta.monitors and meta.scale_factor == 1.0
    assert meta.step_count == open_episode(recorded.episode).num_steps


def test_nothing_else_was_written(recorded: Recorded) -> None:
    """The recorder's HOME, TMPDIR and config hold only what we expect: no caches, logs."""
    home_files = [p for p in (recorded.work / "home").rglob("*") if p.is_file()]
    assert home_files == [], home_files
    assert [p for p in (recorded.work / "tmp").rglob("*") if p.is_file()] == []
    config = sorted(p.name for p in (recorded.work / "config").rglob("*") if p.is_file())
    assert config == ["identity.json", "volunteer-id"]


def test_no_display_and_wayland_are_refused(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    base["XDG_CONFIG_HOME"] = str(tmp_path)
    for env, phrase in ((base, "no display"),
                        ({**base, "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":9"}, "Wayland")):
        result = harness.run_cuarec("record", "a task", "--yes", "--out",
                                    str(tmp_path / "eps"), env=env)
        assert result.returncode == 3, result.stderr
        assert phrase in result.stderr.splitlines()[-1]
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "eps").exists()


@pytest.fixture(scope="module")
def ocr_reader() -> Callable[..., str]:
    from rapidocr import RapidOCR
    from rapidocr.utils.output import RapidOCROutput

    engine = RapidOCR()

    def read(frame: np.ndarray[Any, Any]) -> str:
        result = engine(frame)
        # detection and recognition both on: the whole pipeline's output, even for no text
        assert isinstance(result, RapidOCROutput), type(result)
        return " ".join(result.txts or ())

    return read


_WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")


def _written_paths(trace: Path) -> set[str]:
    """Paths the recorder (and its threads and children) created, opened for writing,
    renamed, linked or made, from its strace log."""
    written: set[str] = set()
    for line in trace.read_text().splitlines():
        if "= -1" in line or "resumed>" in line:
            continue
        call = re.search(r"\b(open|openat|creat|rename|renameat2?|link|linkat|symlink|mkdir|"
                         r"mkdirat|truncate)\(", line)
        if call is None:
            continue
        paths = re.findall(r'"([^"]*)"', line)
        name = call.group(1)
        if name in ("open", "openat"):
            if any(flag in line for flag in _WRITE_FLAGS) and paths:
                written.add(paths[0])
        elif name in ("rename", "renameat", "renameat2", "link", "linkat", "symlink"):
            written.update(paths[-1:])
        else:
            written.update(paths[:1])
    return written


def test_strace_every_file_written_is_an_expected_one(recorded: Recorded) -> None:
    out = recorded.work / "episodes"
    config = recorded.work / "config" / "cuarec"
    unexpected = []
    for path in sorted(_written_paths(recorded.trace)):
        resolved = Path(path) if path.startswith("/") else harness.REPO / path
        if path in ("/dev/null", "/dev/tty") or path.startswith("/proc/"):
            continue  # not files
        if resolved.suffix == ".pyc" and resolved.parent.name == "__pycache__":
            continue  # Python's own bytecode cache: code, never data
        if resolved == recorded.work / "ready" or resolved.is_relative_to(out):
            continue  # the readiness signal; episode files, parts and their temporaries
        if resolved.is_relative_to(config) and resolved.name in (
                "volunteer-id", ".volunteer-id.tmp", "cuarec"):
            continue  # the pseudonymous id, made once
        if resolved in (out.parent / "config", config):
            continue
        unexpected.append(path)
    assert unexpected == []
    # Everything the recorder could have written is decoded above; the files it did write
    # in the episode folder are exactly the finished episode.
    assert [p for p in out.rglob("*") if p.is_file()] == [recorded.episode]


def test_tesseract_cannot_read_canaries_either(recorded: Recorded) -> None:
    """A second OCR engine, as a reviewer would try."""
    from recorder.episode.images import decode_frame
    from recorder.episode.reader import open_episode

    if shutil.which("tesseract") is None:
        pytest.fail("tesseract-ocr must be installed (scripts/system-packages.txt)")
    import cv2

    for step in open_episode(recorded.episode).iter_steps():
        if step.screenshot is None:
            continue
        ok, png = cv2.imencode(".png", decode_frame(step.screenshot.data))
        assert ok
        words = subprocess.run(["tesseract", "stdin", "stdout"], input=png.tobytes(),
                               capture_output=True, check=True, timeout=60).stdout.decode()
        assert _leaks(words) == [], (step.step_index, _leaks(words))
