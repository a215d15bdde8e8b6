"""``cuarec edit``: drop steps from an episode after the fact (atomic, format kept)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from recorder.episode import schema
from recorder.episode.reader import open_episode
from recorder.episode.writer import ROW_GROUP_STEPS, disk_error, fsync_dir, private_new_file
from recorder.errors import UsageError


def parse_step_ranges(spec: str) -> set[int]:
    """``"3,7-9"`` -> ``{3, 7, 8, 9}`` (1-based step numbers, as ``view`` shows them)."""
    numbers: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            if "-" in part:
                first, last = (int(p) for p in part.split("-", 1))
            else:
                first = last = int(part)
        except ValueError:
            raise UsageError(f"--drop-steps: {part!r} is not a step number or range") from None
        if first < 1 or last < first:
            raise UsageError(f"--drop-steps: {part!r} is not a valid range of step numbers")
        numbers.update(range(first, last + 1))
    if not numbers:
        raise UsageError("--drop-steps: no steps given")
    return numbers


def drop_steps(path: Path, step_numbers: set[int]) -> int:
    """Remove the given 1-based steps; renumber the rest; recount metadata. Returns steps kept.

    The new file replaces the old one by an atomic rename: a crash leaves one or the other.
    """
    episode = open_episode(path)
    if max(step_numbers) > episode.num_steps:
        raise UsageError(f"{path}: has {episode.num_steps} steps; cannot drop step "
                         f"{max(step_numbers)}")
    if len(step_numbers) >= episode.num_steps:
        raise UsageError(f"{path}: dropping every step would leave nothing; to discard the "
                         f"whole episode, delete the file (rm {path})")
    table = episode.read_columns([f.name for f in schema.arrow_schema_for(
        episode.format_version)])
    order = pc.sort_indices(table, sort_keys=[("step_index", "ascending")])
    table = table.take(order)
    last = table.num_rows
    if last in step_numbers and table.column("action_type")[last - 1].as_py() == "done":
        raise UsageError(f"{path}: step {last} is the final done step, which marks the end "
                         "of the task; it cannot be dropped")
    keep = [i + 1 not in step_numbers for i in range(table.num_rows)]
    table = table.filter(pa.array(keep))
    table = table.set_column(table.schema.get_field_index("step_index"), "step_index",
                             pa.array(range(table.num_rows), pa.int32()))
    counts: Counter[str] = Counter()
    for row in table.column("redactions").to_pylist():
        counts.update(r["entity_type"] for r in row or ())
    shots = table.column("screenshot")
    meta = replace(episode.metadata, step_count=table.num_rows,
                   frame_count=len(shots) - shots.null_count, redaction_counts=dict(counts))
    table = schema.conform_table(table, meta)  # a format-1 file is written as format 2
    tmp = schema.final_tmp_for(path)
    try:
        tmp.unlink(missing_ok=True)
        with private_new_file(tmp) as handle:
            import pyarrow.parquet as pq

            pq.write_table(table, handle, row_group_size=ROW_GROUP_STEPS)
        os.replace(tmp, path)  # the user asked for this file to change: replace is intended
        fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc, path.parent, path.name) from None
    return int(table.num_rows)
