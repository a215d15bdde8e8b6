"""The validating episode reader. Episodes come from strangers: check before trusting.

:func:`open_episode` checks magic bytes, footer, ``cuarec`` metadata, format version, schema
and sizes before anything is decoded, and raises :class:`InvalidEpisodeError` with one line
naming the file, never a value from inside it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from recorder.episode import schema
from recorder.episode.model import EpisodeMetadata, RedactedStep
from recorder.errors import EnvironmentProblem, InvalidEpisodeError

_MAGIC = b"PAR1"
#: What decoding a damaged file can raise (invalid UTF-8 is a ValueError, a bad struct a
#: TypeError or KeyError): all of them mean "this file is damaged", never a crash.
_DATA_ERRORS = (OSError, pa.ArrowException, ValueError, TypeError, KeyError)


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Caps on what a reader accepts from an untrusted file."""

    max_file_bytes: int = 16 << 30
    max_metadata_bytes: int = 1 << 20
    max_row_groups: int = 100_000
    max_rows: int = 1_000_000
    max_row_group_bytes: int = 1 << 30
    #: 8K UHD is 33 Mpx; 4096x2304 at scale 2 is 9.4 Mpx.
    max_image_pixels: int = 40_000_000


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True, slots=True)
class Episode:
    """An episode file that passed validation. Steps are read lazily, one row group at a time."""

    path: Path
    metadata: EpisodeMetadata
    format_version: int
    num_steps: int
    limits: ReadLimits
    _file: pq.ParquetFile

    def read_columns(self, columns: Sequence[str]) -> pa.Table:
        try:
            table = self._file.read(columns=list(columns))
            table.validate(full=True)  # e.g. invalid UTF-8 in a string column
        except _DATA_ERRORS as exc:
            raise _invalid(self.path, f"unreadable data ({type(exc).__name__})") from None
        return table

    def iter_steps(self, *, with_screenshots: bool = True) -> Iterator[RedactedStep]:
        columns = [f.name for f in schema.arrow_schema_for(self.format_version)]
        if not with_screenshots:
            columns.remove("screenshot")
        for index in range(self._file.num_row_groups):
            try:
                rows = self._file.read_row_group(index, columns=columns).to_pylist()
            except _DATA_ERRORS as exc:
                raise _invalid(self.path, f"unreadable row group ({type(exc).__name__})") from None
            for row in rows:
                size = None
                shot = row.get("screenshot")
                if shot is not None and shot.get("bytes") is not None:
                    size = image_size(shot["bytes"], self.limits, self.path)
                try:
                    step = schema.row_to_step(row, size)
                except _DATA_ERRORS as exc:
                    raise _invalid(self.path, f"malformed step ({type(exc).__name__})") from None
                yield step


def _invalid(path: Path, why: str) -> InvalidEpisodeError:
    return InvalidEpisodeError(f"{path}: {why}")


def _check_magic(path: Path, limits: ReadLimits) -> None:
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise _invalid(path, f"file too large ({size} bytes; limit {limits.max_file_bytes})")
        with path.open("rb") as handle:
            head = handle.read(4)
            if size >= 12:
                handle.seek(-4, io.SEEK_END)
            tail = handle.read(4)
    except PermissionError:
        raise EnvironmentProblem(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise _invalid(path, "is a folder, not an episode file") from None
    except FileNotFoundError:
        raise _invalid(path, "no such file") from None
    except OSError as exc:
        raise _invalid(path, f"cannot read ({exc.strerror})") from None
    if size == 0:
        raise _invalid(path, "empty file")
    if head != _MAGIC:
        raise _invalid(path, "not a Parquet file")
    if size < 12 or tail != _MAGIC:
        raise _invalid(path, "truncated Parquet file (no footer)")


def _parse_cuarec_metadata(path: Path, raw: dict[bytes, bytes] | None, limits: ReadLimits) -> Any:
    if not raw or schema.CUAREC_METADATA_KEY not in raw:
        raise _invalid(path, "not a cuarec episode (no cuarec metadata)")
    blob = raw[schema.CUAREC_METADATA_KEY]
    if len(blob) > limits.max_metadata_bytes:
        raise _invalid(path, f"metadata too large ({len(blob)} bytes)")
    try:
        body = json.loads(blob)
    except (ValueError, UnicodeDecodeError):
        raise _invalid(path, "malformed cuarec metadata (not JSON)") from None
    if not isinstance(body, dict):
        raise _invalid(path, "malformed cuarec metadata (not an object)")
    return body


def _check_schema(path: Path, actual: pa.Schema, version: int) -> None:
    for expected in schema.arrow_schema_for(version):
        index = actual.get_field_index(expected.name)
        if index < 0:
            raise _invalid(path, f"foreign schema: no column {expected.name!r}")
        if not actual.field(index).type.equals(expected.type):
            raise _invalid(path, f"foreign schema: column {expected.name!r} has the wrong type")


def open_episode(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Episode:
    """Validate ``path`` and return an :class:`Episode`; one-line errors on any problem."""
    _check_magic(path, limits)
    try:
        parquet = pq.ParquetFile(path)
        file_meta = parquet.metadata
        arrow_schema = parquet.schema_arrow
    except (OSError, pa.ArrowException, ValueError) as exc:  # ValueError: bad UTF-8 in it
        raise _invalid(path, f"corrupt Parquet footer ({type(exc).__name__})") from None
    body = _parse_cuarec_metadata(path, arrow_schema.metadata, limits)
    version = body.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _invalid(path, "malformed cuarec metadata (no valid format_version)")
    if version > schema.FORMAT_VERSION:
        raise _invalid(
            path,
            f"written in episode format {version}, newer than this cuarec reads "
            f"({schema.FORMAT_VERSION}); upgrade cuarec",
        )
    _check_schema(path, arrow_schema, version)
    if file_meta.num_row_groups > limits.max_row_groups:
        raise _invalid(path, f"too many row groups ({file_meta.num_row_groups})")
    if file_meta.num_rows > limits.max_rows:
        raise _invalid(path, f"too many steps ({file_meta.num_rows})")
    for index in range(file_meta.num_row_groups):
        size = file_meta.row_group(index).total_byte_size
        if size > limits.max_row_group_bytes:
            raise _invalid(path, f"row group {index} too large ({size} bytes)")
    try:
        metadata = schema.decode_metadata(body)
    except (TypeError, ValueError):
        raise _invalid(path, "malformed cuarec metadata (wrong fields)") from None
    return Episode(
        path=path,
        metadata=metadata,
        format_version=version,
        num_steps=file_meta.num_rows,
        limits=limits,
        _file=parquet,
    )


def image_size(data: bytes, limits: ReadLimits, path: Path) -> tuple[int, int]:
    """Width and height of an encoded screenshot, read from its header (no pixel decode)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise _invalid(path, "a screenshot is not a readable image") from None
    if width * height > limits.max_image_pixels:
        raise _invalid(path, f"a screenshot is too large ({width}x{height})")
    return width, height


def find_episodes(inputs: Sequence[Path]) -> list[Path]:
    """Expand command-line inputs: files as given, folders to their ``*.parquet`` files
    (hidden parts and temporaries excluded). A folder with none is a usage error."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            try:
                episodes = sorted(p for p in path.iterdir() if p.suffix == schema.EPISODE_SUFFIX
                                  and not p.name.startswith(".") and p.is_file())
            except PermissionError:
                raise EnvironmentProblem(f"{path}: permission denied") from None
            if not episodes:
                raise InvalidEpisodeError(f"{path}: no episodes (*.parquet) in this folder")
            found.extend(episodes)
        else:
            found.append(path)
    return found
