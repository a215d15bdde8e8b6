"""Reading a packed dataset back: one episode's steps, or every episode in index order.

A packed dataset may come from anyone (downloaded from a Hub), so shard paths are checked to
be shards inside ``data/``, shard schemas are checked, and screenshots are size-checked from
their headers before anything is decoded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from recorder.dataset.index import SHARD_SCHEMA, EpisodeEntry, read_index
from recorder.dataset.layout import DATA_DIR, DatasetLayout, read_info, shard_split
from recorder.episode import schema
from recorder.episode.model import EpisodeMetadata, RedactedStep
from recorder.episode.reader import DEFAULT_LIMITS, ReadLimits, image_size
from recorder.errors import InvalidEpisodeError, UsageError


def entries(root: Path) -> list[EpisodeEntry]:
    read_info(root)
    return read_index(DatasetLayout(root).episodes)


def find_entry(root: Path, episode_id: str) -> EpisodeEntry:
    matches = [e for e in entries(root) if e.episode_id == episode_id]
    if not matches:
        raise UsageError(f"{root}: no episode with that id (see `cuarec info {root} --json`)")
    return matches[0]


def _shard_path(root: Path, entry: EpisodeEntry) -> Path:
    folder, _, name = entry.shard.partition("/")
    if folder != DATA_DIR or shard_split(name) is None:
        raise InvalidEpisodeError(f"{root}: the index names a file that is not a shard")
    return root / DATA_DIR / name


def metadata_of(entry: EpisodeEntry) -> EpisodeMetadata:
    """The episode metadata kept in the index (enough for view and export)."""
    return EpisodeMetadata(
        episode_id=entry.episode_id, task=entry.task, started_at="",
        duration_s=entry.duration_s, os=entry.os,
        policy={"name": entry.policy} if entry.policy else {},
        versions={"cuarec": entry.cuarec_version} if entry.cuarec_version else {},
        redaction_counts=dict(entry.redactions), dropped=dict(entry.dropped),
        step_count=entry.steps, frame_count=entry.frames,
    )


def iter_rows(root: Path, entry: EpisodeEntry) -> Iterator[dict[str, Any]]:
    """The rows of one episode, reading only the row groups that hold them."""
    path = _shard_path(root, entry)
    try:
        parquet = pq.ParquetFile(path)
        actual = parquet.schema_arrow
        for expected in SHARD_SCHEMA:
            index = actual.get_field_index(expected.name)
            if index < 0 or not actual.field(index).type.equals(expected.type):
                raise InvalidEpisodeError(f"{path}: foreign shard schema ({expected.name!r})")
        start = 0
        for group in range(parquet.num_row_groups):
            count = parquet.metadata.row_group(group).num_rows
            end = start + count
            if end > entry.row_start and start < entry.row_end:
                table = parquet.read_row_group(group)
                table.validate(full=True)
                lo = max(entry.row_start - start, 0)
                hi = min(entry.row_end - start, count)
                for row in table.slice(lo, hi - lo).to_pylist():
                    if row["episode_id"] != entry.episode_id:
                        raise InvalidEpisodeError(f"{path}: the index does not match the shard")
                    yield row
            start = end
    except (OSError, pa.ArrowException, ValueError, TypeError, KeyError) as exc:
        raise InvalidEpisodeError(f"{path}: unreadable shard ({type(exc).__name__})") from None


def iter_steps(root: Path, entry: EpisodeEntry,
               limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[RedactedStep]:
    path = _shard_path(root, entry)
    for row in iter_rows(root, entry):
        shot = row.get("screenshot")
        size = None
        if shot is not None and shot.get("bytes") is not None:
            size = image_size(shot["bytes"], limits, path)
        try:
            yield schema.row_to_step(row, size)
        except (ValueError, TypeError, KeyError) as exc:
            raise InvalidEpisodeError(f"{path}: malformed step ({type(exc).__name__})") from None


def load_episode(root: Path, episode_id: str) -> tuple[EpisodeMetadata, list[RedactedStep]]:
    """One packed episode: its metadata (from the index) and its steps."""
    entry = find_entry(root, episode_id)
    return metadata_of(entry), list(iter_steps(root, entry))
