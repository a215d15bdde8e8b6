"""Export golden tests: every action type, scale factors 1 and 2, a second monitor at an
offset; every pyautogui output compiles to pyautogui calls only; datasets reads the exports."""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

import numpy as np
import pyarrow.parquet as pq
import pytest

from recorder.episode.images import encode_frame
from recorder.episode.model import EpisodeMetadata, MonitorInfo, RedactedStep, certify_redacted
from recorder.episode.writer import EpisodeWriter
from recorder.export import ExportOptions, export_episode, export_pairs
from redaction.models import InputEvent
from tests import harness

GOLDEN = Path(__file__).with_name("golden")
#: The second monitor sits right of a 1000-point-wide first one; its screenshots are 200x100
#: points, stored at ``scale`` pixels per point.
MONITORS = (MonitorInfo(0, 0, 1000, 800, 1.0), MonitorInfo(1000, 0, 200, 100, 1.0))


def _steps(scale: int) -> list[RedactedStep]:
    shot = encode_frame(np.full((100 * scale, 200 * scale, 3), 200, dtype=np.uint8))

    def step(index: int, action: str, **fields: object) -> RedactedStep:
        return certify_redacted(step_index=index, timestamp_s=float(index), action_type=action,
                                screenshot=shot, **fields)

    s = scale
    return [
        step(0, "move", x=10 * s, y=20 * s),
        step(1, "click", x=50 * s, y=40 * s, button="left"),
        step(2, "click", x=50 * s, y=40 * s, button="left", modifiers=("ctrl_l",)),
        step(3, "double_click", x=60 * s, y=30 * s, button="left"),
        step(4, "triple_click", x=70 * s, y=30 * s, button="left"),
        step(5, "right_click", x=80 * s, y=50 * s, button="right"),
        step(6, "middle_click", x=90 * s, y=50 * s, button="middle"),
        step(7, "drag", x=10 * s, y=10 * s, end_x=150 * s, end_y=90 * s, button="left",
             duration_s=0.4),
        step(8, "scroll", x=100 * s, y=50 * s, scroll_dx=0, scroll_dy=3),
        step(9, "scroll", x=100 * s, y=50 * s, scroll_dx=-2, scroll_dy=-1),
        step(10, "type", text="mail <EMAIL_ADDRESS> now'); import os #",
             events=(InputEvent(t=10.0, kind="key_press", key="<EMAIL_ADDRESS>",
                                char="<EMAIL_ADDRESS>"),)),
        step(11, "key", keys=("enter",)),
        step(12, "hotkey", keys=("ctrl", "shift", "page_up"), modifiers=("ctrl", "shift")),
        step(13, "wait", duration_s=2.0),
        step(14, "done"),
    ]


def _metadata(scale: int) -> EpisodeMetadata:
    monitors = (MONITORS[0], MonitorInfo(1000, 0, 200, 100, float(scale)))
    return EpisodeMetadata(episode_id=f"golden-{scale}", task="Export <PERSON>'s file",
                           started_at="2026-01-01T00:00:00+00:00", os="Linux",
                           monitors=monitors, monitor_index=1, scale_factor=float(scale))


@pytest.fixture(scope="module", params=[1, 2], ids=["scale1", "scale2"])
def golden_episode(request: pytest.FixtureRequest,
                   tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    scale = int(request.param)
    target = tmp_path_factory.mktemp(f"golden{scale}") / f"golden-{scale}.parquet"
    with EpisodeWriter(target, _metadata(scale)) as writer:
        for step in _steps(scale):
            writer.append(step)
        writer.finalize()
    return scale, target


class Options(TypedDict, total=False):
    """The keyword arguments of :class:`ExportOptions` a case sets."""

    normalize: bool
    anthropic_size: str


CASES: list[tuple[str, Options]] = [
    ("pyautogui", {}), ("pyautogui", {"normalize": True}), ("anthropic", {}),
    ("anthropic", {"anthropic_size": "XGA"}), ("openai", {}), ("jsonl", {}),
    ("jsonl", {"normalize": True})]


@pytest.mark.parametrize(("space", "options"), CASES,
                         ids=[f"{s}-{'-'.join(map(str, o.values())) or 'default'}"
                              for s, o in CASES])
def test_golden_actions(golden_episode: tuple[int, Path], space: str,
                        options: Options) -> None:
    scale, _ = golden_episode
    pairs = list(export_pairs(_steps(scale), _metadata(scale), space, ExportOptions(**options)))
    actual = [{"step": p.step_index, "action": p.action} for p in pairs]
    # Golden files are written in screenshot-independent units, so scale 1 and 2 share one:
    # the same gesture must give the same action whatever the device scale.
    suffix = "-".join(f"{k}={v}" for k, v in options.items()) or "default"
    golden = GOLDEN / f"{space}-{suffix}.json"
    if os.environ.get("CUAREC_UPDATE_GOLDEN") and scale == 1:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=1) + "\n")
    expected = json.loads(golden.read_text())
    if space in ("openai", "jsonl") and not options.get("normalize"):
        expected = _scaled(expected, scale)  # these two speak screenshot pixels
    assert actual == expected


def _scaled(value: object, scale: int) -> object:
    """Multiply pixel coordinates in golden JSON by ``scale`` (openai/jsonl use pixels)."""
    if isinstance(value, list):
        return [_scaled(v, scale) for v in value]
    if isinstance(value, dict):
        return {k: (v * scale if k in ("x", "y", "end_x", "end_y") and isinstance(v, int)
                    else _scaled(v, scale)) for k, v in value.items()}
    return value


def test_pyautogui_outputs_compile_to_pyautogui_calls_only(
    golden_episode: tuple[int, Path],
) -> None:
    scale, _ = golden_episode
    cases: tuple[Options, ...] = ({}, {"normalize": True})
    for options in cases:
        for pair in export_pairs(_steps(scale), _metadata(scale), "pyautogui",
                                 ExportOptions(**options)):
            tree = ast.parse(pair.action, mode="exec")
            compile(tree, "<export>", "exec")
            for statement in tree.body:
                assert isinstance(statement, ast.Expr)
                if isinstance(statement.value, ast.Name):
                    assert statement.value.id == "DONE"
                    continue
                call = statement.value
                assert isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                assert isinstance(call.func.value, ast.Name)
                assert call.func.value.id == "pyautogui"
                for arg in [*call.args, *(k.value for k in call.keywords)]:
                    assert isinstance(arg, (ast.Constant, ast.UnaryOp)), ast.dump(arg)


def test_parquet_exports_load_in_datasets_with_images(
    golden_episode: tuple[int, Path], tmp_path: Path,
) -> None:
    import datasets
    from PIL import Image

    scale, episode = golden_episode
    datasets.disable_progress_bars()
    for space in ("pyautogui", "anthropic", "openai"):
        result = export_episode(episode, space, tmp_path / "out")
        assert result.pairs == 15
        loaded = datasets.load_dataset("parquet", data_files=str(result.output), split="train",
                                       cache_dir=str(tmp_path / "hf"))
        first = loaded[0]
        assert isinstance(first["screenshot"], Image.Image)
        expected = (1366, 768) if space == "anthropic" else (200 * scale, 100 * scale)
        assert first["screenshot"].size == expected
        assert loaded[-1]["is_last"] and first["instruction"] == "Export <PERSON>'s file"
        typed = loaded[10]["action"]
        assert "<EMAIL_ADDRESS>" in typed
    assert pq.read_metadata(result.output).num_rows == 15


def test_jsonl_export_is_a_folder_with_images(golden_episode: tuple[int, Path],
                                               tmp_path: Path) -> None:
    _, episode = golden_episode
    result = export_episode(episode, "jsonl", tmp_path / "out")
    lines = [json.loads(line) for line in (result.output / "steps.jsonl").read_text()
             .splitlines()]
    assert len(lines) == 15
    assert all((result.output / line["image"]).is_file() for line in lines)
    assert lines[10]["action"]["text"].startswith("mail <EMAIL_ADDRESS>")
    assert oct((result.output / "steps.jsonl").stat().st_mode & 0o777) == "0o600"


def test_export_cli(episode_factory: Callable[..., Path], tmp_path: Path) -> None:
    episode = episode_factory(n_steps=4)
    out = tmp_path / "exports"
    ok = harness.run_cuarec("export", str(episode.parent), "--to", "openai", "--out", str(out),
                            "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)[0]["pairs"] == 4
    again = harness.run_cuarec("export", str(episode), "--to", "openai", "--out", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = harness.run_cuarec("export", str(episode), "--to", "cobol", "--out", str(out))
    assert bad.returncode == 2 and "unknown export format" in bad.stderr
    size = harness.run_cuarec("export", str(episode), "--to", "anthropic", "--anthropic-size",
                              "HUGE", "--out", str(out))
    assert size.returncode == 2 and "Anthropic display size" in size.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    none = harness.run_cuarec("export", str(empty), "--to", "jsonl", "--out", str(out))
    assert none.returncode == 2 and "no episodes" in none.stderr
