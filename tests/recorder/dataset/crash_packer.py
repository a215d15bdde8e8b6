"""A packing process for the SIGKILL tests: ``python crash_packer.py DATASET KILL_AT EPISODE...``.

It packs the episodes (no audit) into DATASET and SIGKILLs itself at ``KILL_AT``:
``before_journal`` (every new shard and meta file staged, the journal not yet published) or
``mid_apply`` (journal published, the first staged file moved into the dataset).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any
from unittest import mock

from recorder.dataset import commit
from recorder.dataset.pack import PackOptions, pack


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    dataset, kill_at, episodes = Path(sys.argv[1]), sys.argv[2], [Path(p) for p in sys.argv[3:]]
    real_replace = os.replace

    def replace_once_then_die(source: Any, target: Any) -> None:
        real_replace(source, target)
        die()

    patch: Any
    if kill_at == "before_journal":
        patch = mock.patch.object(commit.Stage, "commit", lambda self: die())
    elif kill_at == "mid_apply":
        patch = mock.patch("os.replace", replace_once_then_die)
    else:
        raise SystemExit(f"unknown kill point {kill_at}")
    with patch:
        pack(episodes, dataset, PackOptions(audit="skip", shard_mb=0.02))
    print("finished")


if __name__ == "__main__":
    main()
