"""Every `--help` has a one-line purpose and an example, no type names (`<bool>`,
`<list[Path]>`, `{episodes}`), and explains the options a new user asks about."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from recorder.cli import app, main

TYPE_NAME = re.compile(r"<(bool|str|int|float|path|list\[[^\]]*\]|[a-z_]+ range)>|\{[a-z_]+\}")


def _commands() -> Iterator[tuple[str, ...]]:
    def walk(command: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    yield from walk(typer.main.get_command(app), ())


COMMANDS = list(_commands())


def help_text(capsys: pytest.CaptureFixture[str], *path: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main([*path, "--help"])
    assert exit_info.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # one line: the terminal's wrapping gone


def test_every_command_is_covered() -> None:
    names = {" ".join(c) for c in COMMANDS}
    assert {"", "record", "info", "recover", "export", "view", "edit", "redact", "audit",
            "identity", "identity add", "identity remove"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "cuarec")
def test_help_has_purpose_example_and_no_type_names(
        path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(capsys, *path)
    assert TYPE_NAME.search(text) is None, TYPE_NAME.search(text)
    assert f"Example: cuarec {' '.join(path)}".rstrip() in text
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    purpose = (command.help or "").strip().splitlines()[0]
    assert purpose.endswith(".") and len(purpose) <= 120 and purpose in text


@pytest.mark.parametrize(("path", "explained"), [
    (("record",), "--stop-hotkey KEYS Keys that end the recording"),
    (("record",), "--pause-hotkey KEYS Keys that pause and resume recording"),
    (("audit",), "--no-ner Audit without name detection (NER)"),
    (("recover",), "FOLDER The folder the recording was writing to"),
    (("info",), "EPISODE... Episode files (.parquet) or folders of them."),
    (("identity", "add"), "stays out of your shell history"),
])
def test_the_options_new_users_ask_about_are_explained(
        path: tuple[str, ...], explained: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = re.sub(r"[│╭╮╰╯─]", " ", help_text(capsys, *path))
    assert explained in " ".join(text.split())


def _readme_rows() -> dict[str, str]:
    """README's command table: the first word after `cuarec` -> the row (all its forms)."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    table = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in table.splitlines():
        found = re.match(r"\| `cuarec ([a-z]+)", line)
        if found:
            rows[found.group(1)] = rows.get(found.group(1), "") + line
    return rows


@pytest.mark.parametrize("name", ["record", "redact", "audit", "info", "recover", "export",
                                  "pack", "view", "edit"])
def test_the_readme_row_names_every_option(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    options = {opt for param in command.params for opt in param.opts
               if opt.startswith("--") and opt != "--help"}
    row = _readme_rows()[name]
    missing = sorted(opt for opt in options if not re.search(re.escape(opt) + r"(?![\w-])", row))
    assert not missing, f"README's `cuarec {name}` row lacks {missing}"


@pytest.mark.parametrize("path", [p for p in COMMANDS if p], ids=" ".join)
def test_every_value_has_a_metavar(path: tuple[str, ...]) -> None:
    """A value without its own metavar shows the parameter's Python name (`LICENSE_`,
    `SHARD_MB`, `INPUTS...`) in the help."""
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    bare = [param.name for param in command.params
            if not getattr(param, "is_flag", False) and param.metavar is None]
    assert not bare, f"cuarec {' '.join(path)}: no metavar for {bare}"
