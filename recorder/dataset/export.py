"""``cuarec export --to SPACE --out OUT DIR`` for a packed dataset: one dataset per action space.

The pairs of every episode (in index order) are streamed into ``OUT/<space>/data/<split>-
NNNNN.parquet`` shards (episodes never split), with a card whose ``configs`` name the splits,
built in a temporary folder and published by one rename. One episode is in memory at a time.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from recorder.dataset import commit
from recorder.dataset.card import front_matter
from recorder.dataset.layout import DATA_DIR, read_info
from recorder.dataset.load import entries, iter_steps, metadata_of
from recorder.episode.writer import DIR_MODE, disk_error, ensure_private_folder, fsync_dir
from recorder.errors import UsageError
from recorder.export import ACTION_SPACES, ExportOptions, export_pairs, pairs_table


@dataclass(frozen=True, slots=True)
class DatasetExport:
    source: Path
    output: Path
    episodes: int
    pairs: int
    shards: int


def export_dataset(root: Path, space_name: str, out_dir: Path,
                   options: ExportOptions | None = None,
                   shard_mb: float = 256.0) -> DatasetExport:
    """Export the packed dataset ``root`` into ``out_dir/<space>/`` (never overwriting)."""
    options = options or ExportOptions()
    if space_name not in ACTION_SPACES:
        raise UsageError(f"unknown export format {space_name!r}; choose one of "
                         f"{', '.join(ACTION_SPACES)}")
    info = read_info(root)
    index = entries(root)
    target = out_dir / space_name
    if target.exists():
        raise UsageError(f"{target} already exists; refusing to overwrite it")
    ensure_private_folder(out_dir)
    tmp = out_dir / f".{space_name}.tmp"
    limit = int(shard_mb * (1 << 20))
    pairs_total = shards = 0
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        (tmp / DATA_DIR).mkdir(mode=DIR_MODE, parents=True)
        splits = sorted({e.split for e in index})
        for split in splits:
            # The open shard: closing the stack fsyncs and closes it; leaving it by an
            # exception removes the partial file.
            with contextlib.ExitStack() as shard:
                writer: pq.ParquetWriter | None = None
                number = 0
                for entry in (e for e in index if e.split == split):
                    meta = metadata_of(entry)
                    pairs = list(export_pairs(list(iter_steps(root, entry)), meta, space_name,
                                              options))
                    if not pairs:
                        continue
                    table = pairs_table(pairs, meta, space_name, options)
                    if writer is None:
                        path = tmp / DATA_DIR / f"{split}-{number:05d}.parquet"
                        number += 1
                        shards += 1
                        handle = shard.enter_context(commit.new_private_file(path))
                        writer = pq.ParquetWriter(handle, table.schema)
                    writer.write_table(table)
                    pairs_total += len(pairs)
                    if handle.tell() >= limit:
                        writer.close()
                        shard.close()
                        writer = None
                if writer is not None:
                    writer.close()
        present = sorted({p.name.split("-")[0] for p in (tmp / DATA_DIR).iterdir()})
        card = front_matter({**info, "counts": {"steps": pairs_total}}, present)
        card += (f"\n# cuarec dataset exported for the `{space_name}` action space\n\n"
                 f"{len(index)} episodes, {pairs_total} (observation, action) pairs"
                 + (", steps typing only placeholders left out" if
                    options.drop_placeholder_steps else "") + ". See docs/EXPORT.md of cuarec "
                 "for the action format.\n")
        with commit.new_private_file(tmp / "README.md") as handle_card:
            handle_card.write(card.encode())
        with commit.new_private_file(tmp / "export.json") as handle_meta:
            handle_meta.write(json.dumps({
                "action_space": space_name, "normalize": options.normalize,
                "anthropic_size": options.anthropic_size,
                "drop_placeholder_steps": options.drop_placeholder_steps,
                "episodes": len(index), "pairs": pairs_total,
                "license": info.get("license")}, indent=2, sort_keys=True).encode())
        os.rename(tmp, target)
        fsync_dir(out_dir)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise disk_error(exc, out_dir, f"the {space_name} export") from None
        raise
    return DatasetExport(root, target, len(index), pairs_total, shards)
