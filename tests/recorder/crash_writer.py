"""A writing process for the SIGKILL tests: ``python crash_writer.py FOLDER KILL_AT STEPS``.

It writes a synthetic episode one step per part and prints ``flushed N`` after each flush.
``KILL_AT`` makes it SIGKILL itself at an exact point of the writer; ``none`` lets the test
kill it from outside at a random moment (``ready`` is created before the first step).
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any
from unittest import mock

import pyarrow.parquet as pq

from recorder.episode import schema
from recorder.episode.model import EpisodeMetadata
from recorder.episode.synthetic import synthetic_steps
from recorder.episode.writer import EpisodeWriter


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    folder, kill_at, n_steps = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    real_write_table = pq.write_table
    parts = 0

    def half_written_part(table: Any, handle: Any) -> None:
        buffer = io.BytesIO()
        real_write_table(table, buffer)
        handle.write(buffer.getvalue()[: len(buffer.getvalue()) // 2])
        handle.flush()
        die()

    if kill_at == "final_tmp":
        # The episode is assembled under its temporary final name; die as it is published
        # (linked, or renamed where links are refused) under the real one.
        final_tmp = schema.final_tmp_for(folder / "crash.parquet")
        for name in ("link", "rename"):
            real = getattr(os, name)

            def publishing(src: Any, dst: Any, *args: Any, _real: Any = real,
                           **kwargs: Any) -> None:
                if Path(src) == final_tmp:
                    die()
                _real(src, dst, *args, **kwargs)

            mock.patch.object(os, name, publishing).start()
    if kill_at == "after_publish":
        mock.patch.object(shutil, "rmtree", lambda *a, **k: die()).start()

    import random

    meta = EpisodeMetadata(episode_id="crash", task="crash test", started_at="2026-01-01T00:00:00")
    with EpisodeWriter(folder / "crash.parquet", meta, chunk_steps=1) as writer:
        (folder.parent / "ready").touch()
        if kill_at == "after_parts:0":
            die()
        for step in synthetic_steps(random.Random(0), n_steps, 160, 120, with_screenshots=True):
            if kill_at == f"mid_part:{parts + 1}":
                pq.write_table = half_written_part
            writer.append(step)
            parts = writer.steps_flushed
            print(f"flushed {parts}", flush=True)
            if kill_at == f"after_parts:{parts}":
                die()
            if kill_at == "none":
                time.sleep(0.02)
        writer.finalize()
    print("finished", flush=True)


if __name__ == "__main__":
    main()
