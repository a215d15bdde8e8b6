"""``cuarec pack DIR --remove ID...``: withdraw episodes (a volunteer withdrew consent).

Only the shards that hold a withdrawn episode are rewritten (streamed, under a new name); the
others are not touched. The index, info and card are rebuilt; the card's history counts the
withdrawals, never naming them. Withdrawn ids are remembered (as salted hashes, in the private
folder) so a later pack of the same file skips it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from recorder.dataset import commit
from recorder.dataset.index import EpisodeEntry, read_index, shard_schema_with_metadata
from recorder.dataset.layout import DATA_DIR, DatasetLayout, read_info, shard_name
from recorder.dataset.pack import (
    PackResult,
    build_info,
    dataset_salt,
    now_utc,
    read_audit_cache,
    read_withdrawn,
    shard_sizes,
    stage_meta,
    stage_withdrawn,
    withdrawn_key,
)
from recorder.episode.writer import disk_error
from recorder.errors import UsageError


def remove_episodes(root: Path, episode_ids: Sequence[str]) -> PackResult:
    """Remove ``episode_ids`` from the packed dataset at ``root``; all or nothing."""
    layout = DatasetLayout(root)
    info = read_info(root)
    with commit.locked(layout):
        commit.recover(layout)
        entries = read_index(layout.episodes)
        known = {e.episode_id for e in entries}
        wanted = set(episode_ids)
        unknown = wanted - known
        if unknown:
            raise UsageError(f"{len(unknown)} of the episode ids given are not in {root}; "
                             "nothing was removed")
        if not wanted:
            raise UsageError("no episode ids given")
        stage = commit.begin(layout)
        try:
            affected = sorted({e.shard for e in entries if e.episode_id in wanted})
            schema = shard_schema_with_metadata(stage.pack_id)
            kept = [e for e in entries if e.episode_id not in wanted]
            moved: dict[str, EpisodeEntry] = {}
            written: list[str] = []
            staged: dict[str, Path] = {}
            counters: dict[str, int] = {}
            for old in affected:
                survivors = sorted((e for e in kept if e.shard == old),
                                   key=lambda e: e.row_start)
                stage.deletes.append(old)
                if not survivors:
                    continue
                split = survivors[0].split
                index = counters.get(split, 0)
                counters[split] = index + 1
                name = shard_name(split, stage.pack_id, index)
                new_rel = f"{DATA_DIR}/{name}"
                path = stage.file(name, new_rel)
                staged[new_rel] = path
                written.append(name)
                drop = pa.array(sorted(wanted), pa.string())
                source = pq.ParquetFile(root / old)
                rows = 0
                positions: dict[str, list[int]] = {}
                with commit.new_private_file(path) as handle:
                    writer = pq.ParquetWriter(handle, schema)
                    for group in range(source.num_row_groups):
                        table = source.read_row_group(group)
                        table = table.filter(pc.invert(pc.is_in(table["episode_id"], drop)))
                        if table.num_rows == 0:
                            continue
                        for i, episode_id in enumerate(table["episode_id"].to_pylist()):
                            positions.setdefault(episode_id, []).append(rows + i)
                        writer.write_table(table.cast(schema))
                        rows += table.num_rows
                    writer.close()
                for e in survivors:
                    where = positions[e.episode_id]
                    moved[e.episode_id] = replace(e, shard=new_rel, row_start=where[0],
                                                  row_end=where[-1] + 1)
            final_entries = [moved.get(e.episode_id, e) for e in kept]
            history = [*info.get("history", []),
                       {"at": now_utc(), "action": "withdraw", "added": 0,
                        "removed": len(wanted)}]
            final_info = build_info({**info, "history": history}, final_entries,
                                    shard_sizes(layout, final_entries, staged))
            # The audit cache keeps no trace of a withdrawn episode either.
            audit_rows = [r for r in read_audit_cache(layout.audit).values()
                          if r["episode_id"] not in wanted]
            stage_meta(stage, final_info, final_entries,
                       audit_rows if layout.audit.exists() else None)
            salt = dataset_salt(layout)
            withdrawn = read_withdrawn(layout) | {withdrawn_key(salt, i) for i in wanted}
            stage_withdrawn(stage, withdrawn)
            stage.commit()
        except BaseException as exc:
            stage.abandon()
            if isinstance(exc, OSError):
                raise disk_error(exc, root, "the packed dataset") from None
            raise
    return PackResult(root, (), tuple(written), tuple(affected), final_info,
                      withdrawn=len(wanted))
