"""The episode index ``meta/episodes.parquet`` and the shard schema of a packed dataset.

One index row per episode: what it is (task, steps, frames, duration, OS, screen size, apps,
actions and redactions by type), where it is (split, shard, row range) and the volunteer as a
salted hash or nothing. The card and ``cuarec info`` are computed from the index alone.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from recorder.episode import schema
from recorder.errors import InvalidEpisodeError

INSTRUCTION_COLUMN = "instruction"


def _shard_schema() -> pa.Schema:
    """The episode columns with ``instruction`` after ``episode_id`` (once, even when the
    episode format already carries it)."""
    fields = [f for f in schema.ARROW_SCHEMA if f.name != INSTRUCTION_COLUMN]
    fields.insert(1, pa.field(INSTRUCTION_COLUMN, pa.string()))
    return pa.schema(fields)


SHARD_SCHEMA = _shard_schema()
#: The columns copied from an episode file (everything but the instruction).
EPISODE_COLUMNS = [f.name for f in SHARD_SCHEMA if f.name != INSTRUCTION_COLUMN]

HF_SHARD_FEATURES: dict[str, Any] = {
    INSTRUCTION_COLUMN: {"dtype": "string", "_type": "Value"},
    **{k: v for k, v in schema.HF_FEATURES.items() if k != INSTRUCTION_COLUMN},
}


def shard_schema_with_metadata(pack_id: str) -> pa.Schema:
    features = {f.name: HF_SHARD_FEATURES[f.name] for f in SHARD_SCHEMA}
    return SHARD_SCHEMA.with_metadata({
        schema.HF_METADATA_KEY: json.dumps({"info": {"features": features}}).encode(),
        b"cuarec_dataset": json.dumps({"pack_id": pack_id}).encode(),
    })


_COUNTS = pa.list_(pa.struct([("name", pa.string()), ("count", pa.int64())]))

INDEX_SCHEMA = pa.schema([
    ("episode_id", pa.string()),
    ("split", pa.string()),
    ("task", pa.string()),
    ("steps", pa.int64()),
    ("frames", pa.int64()),
    ("duration_s", pa.float64()),
    ("os", pa.string()),
    ("screen_width", pa.int32()),
    ("screen_height", pa.int32()),
    ("apps", pa.list_(pa.string())),
    ("actions", _COUNTS),
    ("redactions", _COUNTS),
    ("dropped", _COUNTS),
    ("policy", pa.string()),
    ("cuarec_version", pa.string()),
    ("episode_format", pa.int32()),
    ("volunteer", pa.string()),
    ("audit", pa.string()),
    ("source_sha256", pa.string()),
    ("shard", pa.string()),
    ("row_start", pa.int64()),
    ("row_end", pa.int64()),
    ("bytes", pa.int64()),
])


@dataclass(frozen=True, slots=True)
class EpisodeEntry:
    """One row of the episode index. ``row_end`` is exclusive; ``shard`` is relative to the
    dataset root. ``volunteer`` is a salted hash or None; ``audit`` is passed, allowed
    (packed with findings by --allow-findings) or skipped (--no-audit)."""

    episode_id: str
    split: str
    task: str
    steps: int
    frames: int
    duration_s: float | None
    os: str | None
    screen_width: int | None
    screen_height: int | None
    apps: tuple[str, ...]
    actions: Mapping[str, int]
    redactions: Mapping[str, int]
    dropped: Mapping[str, int]
    policy: str | None
    cuarec_version: str | None
    episode_format: int
    volunteer: str | None
    audit: str
    source_sha256: str | None
    shard: str
    row_start: int
    row_end: int
    bytes: int = 0

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        for key in ("actions", "redactions", "dropped"):
            row[key] = [{"name": k, "count": int(v)} for k, v in sorted(row[key].items())]
        row["apps"] = list(self.apps)
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> EpisodeEntry:
        values: dict[str, Any] = {name: row.get(name) for name in INDEX_SCHEMA.names}
        for key in ("actions", "redactions", "dropped"):
            values[key] = {c["name"]: int(c["count"]) for c in values[key] or ()}
        values["apps"] = tuple(values["apps"] or ())
        values["bytes"] = int(values["bytes"] or 0)
        return cls(**values)


def write_index(entries: Iterable[EpisodeEntry], handle: Any) -> None:
    table = pa.Table.from_pylist([e.to_row() for e in entries], schema=INDEX_SCHEMA)
    pq.write_table(table, handle)


def read_index(path: Path) -> list[EpisodeEntry]:
    if not path.exists():
        return []
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise InvalidEpisodeError(f"{path}: unreadable episode index "
                                  f"({type(exc).__name__})") from None
    for expected in INDEX_SCHEMA:
        if expected.name not in table.column_names:
            raise InvalidEpisodeError(f"{path}: episode index without {expected.name!r}")
    return [EpisodeEntry.from_row(row) for row in table.to_pylist()]


def volunteer_hash(salt: bytes, volunteer_id: str | None) -> str | None:
    """The volunteer pseudonym as HMAC-SHA256 under the dataset's salt (16 hex digits)."""
    if not volunteer_id:
        return None
    return hmac.new(salt, volunteer_id.encode(), hashlib.sha256).hexdigest()[:16]


def split_for(episode_id: str, seed: int, fractions: Sequence[tuple[str, float]]) -> str:
    """The split of an episode: a function of its id and the seed only, so appending never
    moves an episode."""
    digest = hashlib.sha256(f"{seed}:{episode_id}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64
    total = sum(f for _, f in fractions)
    edge = 0.0
    for name, fraction in fractions:
        edge += fraction / total
        if point < edge:
            return name
    return fractions[-1][0]
