"""The crash-safe, private episode writer, and recovery of what a killed writer left.

Finished steps are flushed in small chunks as complete Parquet part files in a hidden folder
beside the target (each written under a temporary name, fsynced, then renamed), and
:meth:`EpisodeWriter.finalize` streams the parts into the one episode file, again through a
temporary name and an atomic rename. A process killed at any moment therefore leaves either
the finished file or complete parts (plus at most one half-written temporary, which holds only
redacted rows and is removed by :func:`recover_folder`). Files are created 0600, folders 0700.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from recorder.episode import schema
from recorder.episode.model import EpisodeMetadata, RedactedStep
from recorder.errors import CuarecError, EnvironmentProblem, InvalidEpisodeError, UsageError

FILE_MODE = 0o600
DIR_MODE = 0o700
#: Beside the parts: the number of steps the recorder has captured so far (one integer,
#: value-free), so recovery can tell how many steps a killed recorder lost.
CAPTURED_NAME = ".captured"
#: Rows per row group in a finished episode: small, so readers can cap memory per group.
ROW_GROUP_STEPS = 16


def fsync_dir(path: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: a directory cannot be opened (NTFS journals its metadata)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def private_new_file(path: Path) -> Iterator[BinaryIO]:
    """Create ``path`` (must not exist) with mode 0600; remove it if writing fails."""
    # O_BINARY: Windows would translate newlines otherwise; O_CLOEXEC is POSIX only.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        raise


def disk_error(exc: OSError, where: Path, what: str) -> CuarecError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return EnvironmentProblem(f"disk full while writing {what} in {where}")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return EnvironmentProblem(f"permission denied while writing {what} in {where}")
    return EnvironmentProblem(f"cannot write {what} in {where}: {os.strerror(exc.errno or 0)}")


def ensure_private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) 0700 if missing; an existing folder is left as it is."""
    try:
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise disk_error(exc, folder, "the episode folder") from None
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")


class EpisodeWriter:
    """Writes one episode. Accepts only :class:`RedactedStep` values.

    Use as a context manager: leaving the block by an exception flushes what is buffered and
    keeps the parts for :func:`recover_folder`; call :meth:`finalize` to finish the file or
    :meth:`discard` to remove every trace.
    """

    def __init__(
        self, target: Path, metadata: EpisodeMetadata, *, chunk_steps: int = 4,
        chunk_bytes: int = 8 << 20,
    ) -> None:
        if target.suffix != schema.EPISODE_SUFFIX:
            raise UsageError(f"episode file name must end in {schema.EPISODE_SUFFIX}: {target}")
        self.target = target
        self.metadata = metadata
        self.parts_dir = schema.parts_dir_for(target)
        self._chunk_steps = max(1, chunk_steps)
        self._chunk_bytes = chunk_bytes
        self._buffer: list[RedactedStep] = []
        self._buffered_bytes = 0
        self._parts_written = 0
        self._steps_flushed = 0
        self._captured: int | None = None
        self._closed = False
        ensure_private_folder(target.parent)
        if target.exists():
            raise UsageError(f"{target} already exists; refusing to overwrite it")
        try:
            self.parts_dir.mkdir(mode=DIR_MODE)
        except FileExistsError:
            raise UsageError(
                f"unfinished episode parts exist for {target.name}; run `cuarec recover "
                f"{target.parent}` first"
            ) from None
        except OSError as exc:
            raise disk_error(exc, target.parent, "the episode") from None

    @property
    def steps_flushed(self) -> int:
        return self._steps_flushed

    def append(self, step: RedactedStep) -> None:
        if not isinstance(step, RedactedStep):
            raise TypeError("the episode writer accepts only RedactedStep values")
        if self._closed:
            raise RuntimeError("episode writer is closed")
        self._buffer.append(step)
        if step.screenshot is not None:
            self._buffered_bytes += len(step.screenshot.data)
        if len(self._buffer) >= self._chunk_steps or self._buffered_bytes >= self._chunk_bytes:
            self.flush()

    def note_captured(self, count: int) -> None:
        """``count`` steps captured so far (some still in memory, unredacted). Kept in a
        one-number file beside the parts and in each part's metadata, so a killed recorder's
        loss is known to :func:`recover_folder`. Best effort: a failed write loses only that."""
        self._captured = count
        if self._closed:
            return
        tmp = self.parts_dir / f"{CAPTURED_NAME}{schema.TMP_SUFFIX}"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
            # O_CLOEXEC is POSIX only; O_BINARY is Windows only (see private_new_file).
            flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
            fd = os.open(tmp, flags, FILE_MODE)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(str(count))
            os.replace(tmp, self.parts_dir / CAPTURED_NAME)
        except OSError:
            pass

    def update_metadata(self, metadata: EpisodeMetadata) -> None:
        """Metadata written with the next part (e.g. counts so far) and in the final file."""
        self.metadata = metadata

    def flush(self) -> None:
        """Write buffered steps as one complete part file."""
        if not self._buffer:
            return
        index = self._parts_written + 1
        metadata = self.metadata
        if self._captured is not None:
            metadata = replace(metadata, steps_captured=self._captured)
        table = schema.steps_to_table(metadata, self._buffer)
        tmp = self.parts_dir / schema.part_tmp_name(index)
        try:
            with private_new_file(tmp) as handle:
                pq.write_table(table, handle)
            os.rename(tmp, self.parts_dir / schema.part_name(index))
            fsync_dir(self.parts_dir)
        except OSError as exc:
            raise disk_error(exc, self.target.parent, "episode steps") from None
        self._parts_written = index
        self._steps_flushed += len(self._buffer)
        self._buffer.clear()
        self._buffered_bytes = 0

    def finalize(self, metadata: EpisodeMetadata | None = None) -> Path:
        """Flush, assemble the parts into the episode file by atomic rename, remove the parts."""
        if metadata is not None:
            self.metadata = metadata
        if self._captured is not None and self.metadata.steps_captured is None:
            self.metadata = replace(self.metadata, steps_captured=self._captured)
        self.flush()
        self._closed = True
        assemble_parts(self.parts_dir, self.metadata)
        return self.target

    def discard(self) -> None:
        """Remove every trace of this episode (the user chose not to keep it)."""
        self._closed = True
        self._buffer.clear()
        shutil.rmtree(self.parts_dir, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            schema.final_tmp_for(self.target).unlink()

    def __enter__(self) -> EpisodeWriter:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None and not self._closed:
            # Keep what was recorded: buffered steps are redacted, so flushing them is safe.
            with contextlib.suppress(CuarecError, OSError):
                self.flush()
            self._closed = True


def _complete_parts(parts_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in parts_dir.iterdir()
        if p.name.startswith(schema.PART_PREFIX) and p.name.endswith(schema.EPISODE_SUFFIX)
    )


def _part_metadata(part: Path) -> EpisodeMetadata:
    raw = pq.read_schema(part).metadata or {}
    return schema.decode_metadata(json.loads(raw[schema.CUAREC_METADATA_KEY]))


#: The ``dropped`` key of steps a killed recorder still held in memory (never written).
LOST_KEY = "step:lost_with_process"


def _captured_beside(parts_dir: Path) -> int:
    try:
        return int((parts_dir / CAPTURED_NAME).read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return 0


def assemble_parts(
    parts_dir: Path, metadata: EpisodeMetadata | None = None, *, recovered: bool = False
) -> tuple[Path, int]:
    """Stream the complete parts of ``parts_dir`` into its episode file; remove the parts.

    ``metadata`` defaults to the metadata of the last part (what recovery uses). Returns the
    episode path and its number of steps. Memory stays at one part at a time. When
    ``recovered``, steps captured but never written are counted under :data:`LOST_KEY`.
    """
    target = schema.target_for_parts_dir(parts_dir)
    parts = _complete_parts(parts_dir)
    if not parts:
        raise InvalidEpisodeError(f"no complete steps to assemble in {parts_dir}")
    try:
        if metadata is None:
            metadata = _part_metadata(parts[-1])
        step_count = 0
        frame_count = 0
        for part in parts:
            table = pq.read_table(part, columns=["screenshot"])
            step_count += table.num_rows
            frame_count += table.num_rows - table.column("screenshot").null_count
    except (OSError, pa.ArrowException, ValueError, TypeError, KeyError) as exc:
        raise InvalidEpisodeError(
            f"unreadable episode part in {parts_dir} ({type(exc).__name__})"
        ) from None
    lost = 0
    if recovered:
        captured = max(metadata.steps_captured or 0, _captured_beside(parts_dir))
        lost = max(0, captured - step_count)
        if captured:
            dropped = dict(metadata.dropped)
            if lost:
                dropped[LOST_KEY] = dropped.get(LOST_KEY, 0) + lost
            metadata = replace(metadata, steps_captured=captured, dropped=dropped)
    metadata = replace(
        metadata,
        step_count=step_count,
        frame_count=frame_count,
        recovered=metadata.recovered or recovered,
    )
    final_schema = schema.schema_with_metadata(metadata)
    tmp = schema.final_tmp_for(target)
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # left by an earlier, killed assembly: redacted rows only
    try:
        with private_new_file(tmp) as handle, pq.ParquetWriter(handle, final_schema) as out:
            for part in parts:
                table = schema.conform_table(pq.read_table(part), metadata)
                out.write_table(table, row_group_size=ROW_GROUP_STEPS)
        _publish(tmp, target)
    except OSError as exc:
        raise disk_error(exc, target.parent, "the episode file") from None
    shutil.rmtree(parts_dir)
    fsync_dir(target.parent)
    return target, step_count


def _publish(tmp: Path, target: Path, *, overwrite: bool = False) -> None:
    """Rename ``tmp`` to ``target`` atomically, never replacing an existing file unless the
    user asked for it (``overwrite``)."""
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        tmp.unlink()
        raise UsageError(f"{target} already exists; refusing to overwrite it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        if target.exists():
            raise UsageError(f"{target} already exists; refusing to overwrite it") from None
        os.rename(tmp, target)
        return
    tmp.unlink()


RecoveryStatus = Literal["recovered", "already_finished", "empty"]


@dataclass(frozen=True, slots=True)
class RecoveryResult:
    episode: Path
    status: RecoveryStatus
    steps: int
    #: Steps the killed recorder had captured but not written (lost with its memory);
    #: None where unknown (parts from before this count existed).
    lost: int | None = None


def recover_folder(folder: Path) -> list[RecoveryResult]:
    """Turn every unfinished episode in ``folder`` into a valid episode file.

    Half-written temporaries are removed; complete parts are assembled; a parts folder whose
    episode file was already published (killed while cleaning up) is removed.
    """
    if not folder.exists():
        raise UsageError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    results: list[RecoveryResult] = []
    try:
        candidates = sorted(p for p in folder.iterdir() if p.is_dir() and schema.is_parts_dir(p))
    except PermissionError:
        raise EnvironmentProblem(f"permission denied reading {folder}") from None
    for parts_dir in candidates:
        target = schema.target_for_parts_dir(parts_dir)
        for stale in parts_dir.glob(f".{schema.PART_PREFIX}*{schema.TMP_SUFFIX}"):
            stale.unlink()
        if target.exists():
            shutil.rmtree(parts_dir)
            with contextlib.suppress(FileNotFoundError):
                schema.final_tmp_for(target).unlink()
            results.append(RecoveryResult(target, "already_finished", 0))
            continue
        if not _complete_parts(parts_dir):
            lost = _captured_beside(parts_dir)
            shutil.rmtree(parts_dir)
            with contextlib.suppress(FileNotFoundError):
                schema.final_tmp_for(target).unlink()
            results.append(RecoveryResult(target, "empty", 0, lost or None))
            continue
        episode, steps = assemble_parts(parts_dir, recovered=True)
        results.append(RecoveryResult(episode, "recovered", steps, _lost_in(episode)))
    return results


def _lost_in(episode: Path) -> int | None:
    raw = pq.read_schema(episode).metadata or {}
    meta = schema.decode_metadata(json.loads(raw[schema.CUAREC_METADATA_KEY]))
    if meta.steps_captured is None:
        return None
    return int(meta.dropped.get(LOST_KEY, 0))


@contextlib.contextmanager
def atomic_private_file(target: Path, *, overwrite: bool = False) -> Iterator[BinaryIO]:
    """Write a derived file (export, view, re-redaction) as ``target``: 0600, under a temporary
    name, published by an atomic rename that never replaces an existing file (unless
    ``overwrite``, which the user asked for). What is written must be redacted already."""
    ensure_private_folder(target.parent)
    tmp = schema.final_tmp_for(target)
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        with private_new_file(tmp) as handle:
            yield handle
        _publish(tmp, target, overwrite=overwrite)
        fsync_dir(target.parent)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise disk_error(exc, target.parent, target.name) from None


def write_table_atomically(
    table: pa.Table, target: Path, *, row_group_size: int = ROW_GROUP_STEPS
) -> Path:
    """A Parquet table through :func:`atomic_private_file`."""
    with atomic_private_file(target) as handle:
        pq.write_table(table, handle, row_group_size=row_group_size)
    return target
