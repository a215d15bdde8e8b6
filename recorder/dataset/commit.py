"""Atomic changes to a packed dataset: stage everything, write a journal, then apply it.

A pack (or a withdrawal) writes its new shards, ``meta/`` files and card into a private
staging folder ``DIR/.cuarec/pack-<id>/``. Nothing in ``data/``, ``meta/`` or the card changes
until the journal ``COMMIT.json`` is published in that folder by an atomic rename: a process
killed before that leaves the previous dataset exactly as it was (the staging folder is removed
by the next run). Once the journal exists the change is decided; applying it is a few renames,
and a run killed during them is rolled forward by the next one (:func:`recover`).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from recorder.dataset.layout import JOURNAL_FILE, STAGING_PREFIX, DatasetLayout
from recorder.episode.writer import (
    DIR_MODE,
    FILE_MODE,
    disk_error,
    ensure_private_folder,
    fsync_dir,
    private_new_file,
)
from recorder.errors import UsageError


def new_pack_id() -> str:
    """12 hex digits: seconds since the epoch, then randomness, so names sort by time."""
    return f"{int(time.time()):08x}{secrets.token_hex(2)}"


@contextlib.contextmanager
def new_private_file(path: Path) -> Iterator[BinaryIO]:
    """:func:`private_new_file` (0600, fsynced on success, removed on failure), with a failed
    create reported as a disk problem (exit 3)."""
    with contextlib.ExitStack() as stack:
        try:
            handle = stack.enter_context(private_new_file(path))
        except OSError as exc:
            raise disk_error(exc, path.parent, path.name) from None
        yield handle


@dataclass
class Stage:
    """A change being prepared in ``DIR/.cuarec/pack-<id>/``.

    ``moves`` maps a file in the staging folder to its place in the dataset (relative paths);
    ``deletes`` lists dataset files the change removes (shards rewritten or emptied).
    """

    layout: DatasetLayout
    pack_id: str
    moves: dict[str, str] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.layout.staging(self.pack_id)

    def file(self, name: str, final: str) -> Path:
        """A staging path for a file that will become ``final`` (relative to the root)."""
        self.moves[name] = final
        return self.folder / name

    def commit(self) -> None:
        """Publish the journal (the decision), then apply it."""
        journal = {"pack_id": self.pack_id, "moves": self.moves, "deletes": self.deletes}
        tmp = self.folder / f".{JOURNAL_FILE}.tmp"
        with new_private_file(tmp) as handle:
            handle.write(json.dumps(journal, sort_keys=True).encode())
        os.rename(tmp, self.folder / JOURNAL_FILE)
        fsync_dir(self.folder)
        apply_journal(self.layout, self.folder)

    def abandon(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def begin(layout: DatasetLayout) -> Stage:
    stage = Stage(layout, new_pack_id())
    ensure_private_folder(layout.private)
    stage.folder.mkdir(mode=DIR_MODE)
    return stage


def apply_journal(layout: DatasetLayout, folder: Path) -> None:
    """Apply a published journal; idempotent, so a killed apply is finished by a rerun."""
    journal = json.loads((folder / JOURNAL_FILE).read_text())
    root = layout.root.resolve()
    for folder_name in (layout.data, layout.meta):
        ensure_private_folder(folder_name)
    touched: set[Path] = set()
    for name, final in sorted(journal["moves"].items(), key=_meta_last):
        source, target = folder / name, (root / final).resolve()
        if root not in target.parents:
            raise UsageError(f"{folder}: journal names a path outside the dataset")
        if source.exists():
            os.replace(source, target)
            touched.add(target.parent)
    for final in journal["deletes"]:
        target = (root / final).resolve()
        if root in target.parents:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
                touched.add(target.parent)
    for parent in touched:
        fsync_dir(parent)
    shutil.rmtree(folder)
    fsync_dir(layout.private)


def _meta_last(item: tuple[str, str]) -> tuple[int, str]:
    """Shards first, then meta/, then the card: readers of the card never see a shard that
    is not there yet."""
    final = item[1]
    rank = 0 if final.startswith("data/") else 2 if final == "README.md" else 1
    return rank, final


def recover(layout: DatasetLayout) -> int:
    """Finish decided changes and drop undecided staging folders; returns how many were
    finished."""
    if not layout.private.is_dir():
        return 0
    finished = 0
    for folder in sorted(layout.private.glob(f"{STAGING_PREFIX}*")):
        if (folder / JOURNAL_FILE).is_file():
            apply_journal(layout, folder)
            finished += 1
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return finished


@contextlib.contextmanager
def locked(layout: DatasetLayout) -> Iterator[None]:
    """One writer at a time per dataset (an advisory lock in the private folder)."""
    ensure_private_folder(layout.private)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(layout.private / "lock", flags, FILE_MODE)
    try:
        try:
            _lock_nonblocking(fd)
        except (BlockingIOError, PermissionError):  # held: EWOULDBLOCK (POSIX), EACCES (Windows)
            raise UsageError(f"{layout.root}: another cuarec pack is working on this "
                             "dataset") from None
        yield
    finally:
        os.close(fd)


def _lock_nonblocking(fd: int) -> None:
    """Imported here, not at the top: ``fcntl`` does not exist on Windows, and the readers of
    a dataset (``info``, ``view``, ``export``) import this package there too."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
