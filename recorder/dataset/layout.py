"""Where everything lives in a packed dataset, and how to tell one from an episode file.

::

    DIR/
      README.md                      dataset card (YAML front matter with ``configs``)
      data/<split>-<pack-id>-NNNNN.parquet   one row per step, episodes contiguous
      meta/info.json                 format, cuarec version, licence, splits, counts, history
      meta/episodes.parquet          the episode index (one row per episode)
      meta/audit.parquet             audit results cached by file hash (value-free)
      .cuarec/                       private working area: never upload it
        salt                         per-dataset salt of the volunteer-id hash (0600)
        withdrawn.json               episode ids withdrawn, so they are never packed again
        pack-<pack-id>/              staging of a pack in progress (shards, meta, journal)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recorder.errors import InvalidEpisodeError

DATASET_FORMAT = "cuarec-dataset"
DATASET_FORMAT_VERSION = 1
DATA_DIR = "data"
META_DIR = "meta"
PRIVATE_DIR = ".cuarec"
INFO_FILE = "info.json"
EPISODES_FILE = "episodes.parquet"
AUDIT_FILE = "audit.parquet"
CARD_FILE = "README.md"
SALT_FILE = "salt"
WITHDRAWN_FILE = "withdrawn.json"
STAGING_PREFIX = "pack-"
JOURNAL_FILE = "COMMIT.json"
SHARD_SUFFIX = ".parquet"

#: Split names: lower-case words, so ``data/<split>-*`` globs never overlap.
SPLIT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_SHARD_NAME = re.compile(r"^([a-z][a-z0-9_]{0,31})-([0-9a-f]{12})-(\d{5})\.parquet$")


@dataclass(frozen=True, slots=True)
class DatasetLayout:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / DATA_DIR

    @property
    def meta(self) -> Path:
        return self.root / META_DIR

    @property
    def private(self) -> Path:
        return self.root / PRIVATE_DIR

    @property
    def info(self) -> Path:
        return self.meta / INFO_FILE

    @property
    def episodes(self) -> Path:
        return self.meta / EPISODES_FILE

    @property
    def audit(self) -> Path:
        return self.meta / AUDIT_FILE

    @property
    def card(self) -> Path:
        return self.root / CARD_FILE

    def staging(self, pack_id: str) -> Path:
        return self.private / f"{STAGING_PREFIX}{pack_id}"


def shard_name(split: str, pack_id: str, index: int) -> str:
    return f"{split}-{pack_id}-{index:05d}{SHARD_SUFFIX}"


def shard_split(name: str) -> str | None:
    """The split of a shard file name, or None if ``name`` is not a shard."""
    match = _SHARD_NAME.match(name)
    return None if match is None else match.group(1)


def is_packed_dataset(path: Path) -> bool:
    """True if ``path`` is a folder holding a packed cuarec dataset (``meta/info.json``).

    The one check that ``info``, ``view`` and ``export`` use to switch to the dataset reader.
    """
    return path.is_dir() and (path / META_DIR / INFO_FILE).is_file()


def read_info(root: Path) -> dict[str, Any]:
    """``meta/info.json`` of a packed dataset, checked for format and version."""
    path = DatasetLayout(root).info
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidEpisodeError(f"{root}: not a packed dataset (no meta/info.json)") from None
    if len(raw) > 64 << 20:
        raise InvalidEpisodeError(f"{path}: too large")
    try:
        info = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise InvalidEpisodeError(f"{path}: malformed (not JSON)") from None
    if not isinstance(info, dict) or info.get("format") != DATASET_FORMAT:
        raise InvalidEpisodeError(f"{path}: not a cuarec dataset")
    version = info.get("format_version")
    if not isinstance(version, int) or version > DATASET_FORMAT_VERSION:
        raise InvalidEpisodeError(f"{path}: dataset format {version!r} is newer than this "
                                  f"cuarec reads ({DATASET_FORMAT_VERSION}); upgrade cuarec")
    return info
