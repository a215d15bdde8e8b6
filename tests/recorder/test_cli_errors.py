"""One line and the right exit code for the mistakes a new user makes (issue 19, point 8);
record's flags and desktop are checked before the consent text and before engines load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from recorder.cli import main
from tests import harness

CONSENT_TEXT = "cuarec will record this task"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``cuarec ARGS`` in this process: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cuarec: error: ") and "Traceback" not in err
    return lines[0]


@pytest.fixture
def episode(episode_factory: Callable[..., Path]) -> Path:
    return episode_factory(n_steps=3, size=(160, 120))


def test_view_into_a_missing_folder_is_refused_not_created(
        episode: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "view", str(episode), "--out", str(tmp_path / "no/dir/x.html"))
    assert code == 2 and "no such folder" in one_line(err)
    assert not (tmp_path / "no").exists()


def test_view_force_overwrites_and_without_it_refuses(
        episode: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text("the user's old page")
    code, _, err = run(capsys, "view", str(episode), "--out", str(page))
    assert code == 2 and "--force" in one_line(err)
    assert page.read_text() == "the user's old page"
    code, out, _ = run(capsys, "view", str(episode), "--out", str(page), "--force")
    assert code == 0 and out.strip() == str(page)
    assert page.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episodes", "page.html"]


def test_recover_a_missing_folder_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "recover", str(tmp_path / "missing"))
    assert code == 2 and "no such folder" in one_line(err)


@pytest.mark.parametrize("command", ["redact", "audit"])
def test_an_unknown_policy_is_a_usage_error_before_any_file(
        command: str, episode: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = ["--out", str(tmp_path / "out")] if command == "redact" else []
    code, stdout, err = run(capsys, command, str(episode), *out, "--policy", "nosuch")
    assert code == 2 and "--policy nosuch" in one_line(err)
    assert stdout == "" and not (tmp_path / "out").exists()


def test_info_accepts_folders(episode: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", str(episode.parent))
    assert code == 0 and "Rename report.txt to final.txt" in out


@pytest.mark.parametrize(("flags", "env", "code", "says"), [
    (["--fps", "0"], {}, 2, "fps"),
    (["--duration", "-5"], {}, 2, "duration"),
    (["--stop-hotkey", "q"], {}, 2, "add a modifier"),
    (["--pause-hotkey", "p"], {}, 2, "add a modifier"),
    (["--stop-hotkey", "shift+q"], {}, 2, "add a modifier that types nothing"),
    (["--pause-hotkey", "shift+space"], {}, 2, "add a modifier that types nothing"),
    (["--stop-hotkey", "shift+kp_1"], {}, 2, "add a modifier that types nothing"),
    (["--stop-hotkey", "shift+f12"], {"DISPLAY": ""}, 3, "no display"),  # types nothing: ok
    (["--stop-hotkey", "ctrl+alt+p"], {}, 2, "must differ"),
    (["--policy", "nosuch"], {}, 2, "--policy nosuch"),
    ([], {"DISPLAY": ""}, 3, "no display"),
    ([], {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ""}, 3, "Wayland"),
    ([], {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, 3, "Wayland"),
])
def test_record_checks_flags_and_desktop_before_consent_and_engines(
        flags: list[str], env: dict[str, str], code: int, says: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from recorder.pipeline import Engines

    def no_engines(*args: object, **kwargs: object) -> None:
        raise AssertionError("engines were loaded before the flags were checked")

    monkeypatch.setattr(Engines, "build", no_engines)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if "DISPLAY" not in env:
        monkeypatch.setenv("DISPLAY", ":0")  # flags fail before any connection is tried
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    if "WAYLAND_DISPLAY" not in env:
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    got, _, err = run(capsys, "record", "A task", "--yes", *flags)
    assert got == code and says in one_line(err)
    assert CONSENT_TEXT not in err


@pytest.mark.parametrize("command", ["view", "export jsonl", "export pyautogui"])
def test_writing_into_a_read_only_folder_is_exit_3(
        command: str, episode: Path, tmp_path: Path, unprivileged: list[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    episode.chmod(0o644)
    episode.parent.chmod(0o755)
    args = (["view", str(episode), "--out", str(locked / "x.html")] if command == "view" else
            ["export", str(episode), "--to", command.split()[1], "--out", str(locked)])
    result = harness.run_cuarec(*args, prefix=unprivileged)
    locked.chmod(0o700)
    assert result.returncode == 3, result.stderr
    assert "permission denied" in one_line(result.stderr)
    assert list(locked.iterdir()) == []
