"""The CLI shell: fast help, lazy heavy imports, one exit-code table, no data in errors."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from recorder import cli
from recorder.errors import ExitCode
from tests import harness


def test_help_and_version_do_not_import_heavy_modules() -> None:
    code = (
        "import sys, recorder.cli\n"
        "heavy = {'pyarrow', 'pynput', 'cv2', 'presidio_analyzer', 'rapidocr', 'spacy', 'mss'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "code", "stream", "phrase"),
    [
        (["--version"], 0, "stdout", "cuarec 0.1.0"),
        (["--help"], 0, "stdout", "Exit codes"),
        ([], 0, "stdout", "Usage"),
        (["info", "--help"], 0, "stdout", "--json"),
        (["--bogus"], 2, "stderr", "No such option: --bogus"),
        (["info"], 2, "stderr", "Missing argument"),
        (["nosuchcommand"], 2, "stderr", "No such command"),
        (["--log-level", "loud", "info", "x.parquet"], 2, "stderr", "--log-level must be"),
        (["record", "t", "--max-backlog", "0"], 2, "stderr", "--max-backlog"),
    ],
)
def test_usage(args: list[str], code: int, stream: str, phrase: str) -> None:
    result = harness.run_cuarec(*args)
    assert result.returncode == code, result.stderr
    assert phrase in getattr(result, stream)
    if code:
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_console_script_and_module_agree(episode_factory: Callable[..., Path]) -> None:
    episode = episode_factory(n_steps=5)
    result = harness.run_cuarec("info", str(episode), "--json")
    assert result.returncode == 0, result.stderr
    [summary] = json.loads(result.stdout)
    assert summary["steps"] == 5 and summary["frames"] == 5
    assert summary["format_version"] == 2
    assert summary["steps_by_action"]["done"] == 1
    assert summary["task"] == "Rename report.txt to final.txt"
    script = Path(sys.executable).with_name("cuarec")
    text = subprocess.run([str(script), "info", str(episode)], capture_output=True, text=True,
                          check=True, stdin=subprocess.DEVNULL).stdout
    assert "steps:       5" in text and "frames:      5" in text


def test_internal_errors_print_the_type_never_the_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise ValueError("alice@example.com typed this")

    monkeypatch.setattr("recorder.info.summarize", explode)
    with pytest.raises(SystemExit) as exited:
        cli.main(["info", "whatever.parquet"])
    assert exited.value.code == ExitCode.INTERNAL
    captured = capsys.readouterr()
    assert captured.err == "cuarec: error: internal error (ValueError); please report it\n"
    assert "alice" not in captured.out + captured.err
