"""Episode format v2 (v1 still read): one episode read back by every reader a curator uses."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from recorder.episode import schema
from recorder.episode.model import EpisodeMetadata, RedactedStep, certify_redacted
from recorder.episode.reader import open_episode
from recorder.episode.writer import EpisodeWriter
from recorder.errors import UsageError

N_STEPS = 14


@pytest.fixture(scope="module")
def episode(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from recorder.episode.synthetic import write_synthetic_episode

    return write_synthetic_episode(tmp_path_factory.mktemp("format") / "episodes",
                                   n_steps=N_STEPS)


def test_file_and_folder_are_private(episode: Path) -> None:
    assert stat.S_IMODE(episode.stat().st_mode) == 0o600
    assert stat.S_IMODE(episode.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in episode.parent.iterdir()) == [episode.name]


def test_schema_is_the_current_format_and_all_nullable(episode: Path) -> None:
    arrow_schema = pq.read_schema(episode)
    assert arrow_schema.remove_metadata().equals(schema.ARROW_SCHEMA)

    def nullable(field: object) -> bool:
        import pyarrow as pa

        assert isinstance(field, pa.Field)
        children = [field.type.field(i) for i in range(field.type.num_fields)] if (
            pa.types.is_struct(field.type)) else (
            [field.type.value_field] if pa.types.is_list(field.type) else [])
        return field.nullable and all(nullable(c) for c in children)

    assert all(nullable(f) for f in arrow_schema)
    meta = json.loads(arrow_schema.metadata[b"cuarec"])
    assert meta["format_version"] == schema.FORMAT_VERSION
    assert meta["step_count"] == N_STEPS and meta["frame_count"] == N_STEPS
    hf = json.loads(arrow_schema.metadata[b"huggingface"])
    assert hf["info"]["features"]["screenshot"] == {"_type": "Image"}


def test_pyarrow_and_pandas_read_it(episode: Path) -> None:
    table = pq.read_table(episode)
    assert table.num_rows == N_STEPS
    assert table.column("step_index").to_pylist() == list(range(N_STEPS))
    assert all(s["path"] is None for s in table.column("screenshot").to_pylist())
    frame = table.to_pandas()
    assert set(frame["action_type"]) == set(schema.ACTION_TYPES)


def test_duckdb_groups_by_action(episode: Path) -> None:
    import duckdb

    relation = duckdb.sql(
        f"SELECT action_type, count(*) FROM '{episode}' GROUP BY 1 ORDER BY 1"
    )
    assert relation is not None  # a SELECT gives a relation (None is for statements)
    rows = relation.fetchall()
    assert sum(n for _, n in rows) == N_STEPS
    assert {a for a, _ in rows} == set(schema.ACTION_TYPES)


def test_hugging_face_datasets_decodes_screenshots(episode: Path, tmp_path: Path) -> None:
    import datasets
    from PIL import Image

    datasets.disable_progress_bars()
    dataset = datasets.load_dataset(
        "parquet", data_files=str(episode), split="train", cache_dir=str(tmp_path / "hf")
    )
    assert dataset.features["screenshot"] == datasets.Image()
    first = dataset[0]
    assert isinstance(first["screenshot"], Image.Image)
    assert first["screenshot"].size == (320, 240)
    assert first["events"] is not None and first["window"]["app"] == "files"
    # The instruction is a column: datasets drops file metadata, but every row keeps its task.
    assert set(dataset["task"]) == {"Rename report.txt to final.txt"}


def test_cuarec_reader_round_trips_steps(episode: Path) -> None:
    opened = open_episode(episode)
    steps = list(opened.iter_steps())
    assert len(steps) == N_STEPS == opened.num_steps
    assert steps[-1].action_type == "done"
    assert all(s.screenshot is not None and s.screenshot.width == 320 for s in steps)
    drag = next(s for s in steps if s.action_type == "drag")
    assert drag.end_x is not None and drag.events[-1].kind == "button_release"
    typed = next(s for s in steps if s.action_type == "type")
    assert "".join(e.char or "" for e in typed.events) == typed.text
    assert opened.metadata.task == "Rename report.txt to final.txt"


def _metadata() -> EpisodeMetadata:
    return EpisodeMetadata(episode_id="e1", task="t", started_at="2026-01-01T00:00:00+00:00")


def test_raw_steps_cannot_reach_the_writer(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        RedactedStep(step_index=0, timestamp_s=0.0, action_type="click")
    writer = EpisodeWriter(tmp_path / "e.parquet", _metadata())
    not_a_step: Any = {"step_index": 0, "action_type": "type", "text": "raw"}  # on purpose
    with pytest.raises(TypeError):
        writer.append(not_a_step)
    writer.discard()
    assert list(tmp_path.iterdir()) == []


def test_writer_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "e.parquet"
    target.write_bytes(b"the user's data")
    with pytest.raises(UsageError, match="already exists"):
        EpisodeWriter(target, _metadata())
    assert target.read_bytes() == b"the user's data"


def test_discard_leaves_nothing(tmp_path: Path) -> None:
    writer = EpisodeWriter(tmp_path / "e.parquet", _metadata(), chunk_steps=1)
    writer.append(certify_redacted(step_index=0, timestamp_s=0.0, action_type="wait"))
    assert writer.steps_flushed == 1
    writer.discard()
    assert list(tmp_path.iterdir()) == []


def test_synthetic_factory_makes_distinct_episodes(episode_factory: Callable[..., Path]) -> None:
    first = episode_factory(seed=1, n_steps=3, with_screenshots=False)
    second = episode_factory(seed=2, n_steps=3, with_screenshots=False)
    assert first != second and first.parent == second.parent
    assert open_episode(first).metadata.frame_count == 0


def _as_format_v1(episode: Path, target: Path) -> Path:
    """A copy of ``episode`` as format 1 wrote it: no ``task`` column, ``format_version`` 1."""
    table = pq.read_table(episode)
    raw = dict(table.schema.metadata)
    body = json.loads(raw[b"cuarec"])
    body["format_version"] = 1
    raw[b"cuarec"] = json.dumps(body).encode()
    table = table.drop_columns(["task"]).replace_schema_metadata(raw)
    pq.write_table(table, target)
    return target


def test_task_column_matches_metadata_in_every_row(episode: Path) -> None:
    table = pq.read_table(episode, columns=["task"])
    assert table.column("task").to_pylist() == ["Rename report.txt to final.txt"] * N_STEPS


def test_format_1_files_are_still_read_and_edit_upgrades_them(episode: Path,
                                                               tmp_path: Path) -> None:
    from recorder.edit import drop_steps

    old = _as_format_v1(episode, tmp_path / "old.parquet")
    opened = open_episode(old)
    assert opened.format_version == 1
    assert opened.metadata.task == "Rename report.txt to final.txt"
    assert [s.step_index for s in opened.iter_steps()] == list(range(N_STEPS))
    assert drop_steps(old, {1}) == N_STEPS - 1
    upgraded = open_episode(old)
    assert upgraded.format_version == schema.FORMAT_VERSION
    assert pq.read_table(old, columns=["task"]).column("task").to_pylist() == (
        ["Rename report.txt to final.txt"] * (N_STEPS - 1))


def test_a_file_without_the_task_column_claiming_format_2_is_refused(
        episode: Path, tmp_path: Path) -> None:
    from recorder.errors import InvalidEpisodeError

    table = pq.read_table(episode)
    broken = tmp_path / "broken.parquet"
    pq.write_table(table.drop_columns(["task"]), broken)
    with pytest.raises(InvalidEpisodeError, match="no column 'task'"):
        open_episode(broken)
