"""``cuarec pack``: many episodes into one dataset of Parquet shards, an index and a card.

Inputs are validated and (unless told otherwise) audited first; audit results are cached in
``meta/audit.parquet`` by file hash and audit settings, so a re-pack audits no file twice.
Episodes are streamed row group by row group into shards (never the whole dataset, nor a whole
episode, in memory); the rows of one episode are contiguous and never split across shards.
Every change goes through :mod:`recorder.dataset.commit` (stage, journal, apply).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from recorder import __version__
from recorder.dataset import commit
from recorder.dataset.card import render_card
from recorder.dataset.index import (
    EPISODE_COLUMNS,
    INSTRUCTION_COLUMN,
    SHARD_SCHEMA,
    EpisodeEntry,
    read_index,
    shard_schema_with_metadata,
    split_for,
    volunteer_hash,
    write_index,
)
from recorder.dataset.layout import (
    AUDIT_FILE,
    CARD_FILE,
    DATA_DIR,
    DATASET_FORMAT,
    DATASET_FORMAT_VERSION,
    EPISODES_FILE,
    INFO_FILE,
    META_DIR,
    PRIVATE_DIR,
    SALT_FILE,
    SPLIT_NAME,
    WITHDRAWN_FILE,
    DatasetLayout,
    is_packed_dataset,
    read_info,
    shard_name,
)
from recorder.episode.model import EpisodeMetadata
from recorder.episode.reader import Episode, image_size, open_episode
from recorder.episode.writer import disk_error, ensure_private_folder
from recorder.errors import CuarecError, InvalidEpisodeError, UsageError

AuditMode = Literal["require", "allow", "skip"]
VolunteerMode = Literal["hash", "drop"]
DEFAULT_SPLIT: tuple[tuple[str, float], ...] = (("train", 1.0),)
_LICENSE = "^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$"


@dataclass(frozen=True, slots=True)
class PackOptions:
    """What ``cuarec pack`` was asked. ``None`` means: what the dataset already uses (or the
    default for a new one)."""

    license: str | None = None
    shard_mb: float = 256.0
    split: tuple[tuple[str, float], ...] | None = None
    seed: int | None = None
    volunteer_id: VolunteerMode | None = None
    audit: AuditMode = "require"
    audit_policy: str = "strict"
    no_ner: bool = False
    workers: int = 1
    engine: str = "local"


@dataclass(frozen=True, slots=True)
class InputOutcome:
    """What happened to one input (value-free)."""

    source: str
    status: Literal["packed", "skipped", "refused", "failed"]
    episode_id: str | None = None
    reason: str | None = None
    findings: tuple[Mapping[str, Any], ...] = ()
    audit: str | None = None  # passed, allowed, skipped, cached-passed, ...

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "status": self.status, "episode_id": self.episode_id,
                "reason": self.reason, "findings": [dict(f) for f in self.findings],
                "audit": self.audit}


@dataclass(frozen=True, slots=True)
class PackResult:
    root: Path
    outcomes: tuple[InputOutcome, ...]
    shards_written: tuple[str, ...]
    shards_removed: tuple[str, ...]
    info: Mapping[str, Any]
    audited: int = 0
    audit_cached: int = 0
    withdrawn: int = 0  # episodes a ``--remove`` took out

    @property
    def ok(self) -> bool:
        return not any(o.status in ("refused", "failed") for o in self.outcomes)

    def to_json(self) -> dict[str, Any]:
        return {"dataset": str(self.root), "inputs": [o.to_json() for o in self.outcomes],
                "shards_written": list(self.shards_written),
                "shards_removed": list(self.shards_removed), "audited": self.audited,
                "audit_cached": self.audit_cached, "withdrawn": self.withdrawn,
                "counts": self.info.get("counts", {})}


def parse_split(text: str) -> tuple[tuple[str, float], ...]:
    """``train=0.9,test=0.1`` into ``(("train", 0.9), ("test", 0.1))``."""
    out: list[tuple[str, float]] = []
    for part in text.split(","):
        name, _, value = part.strip().partition("=")
        name = name.strip()
        if not SPLIT_NAME.match(name):
            raise UsageError(f"--split: {name!r} is not a split name (lower-case letters, "
                             "digits and _)")
        try:
            fraction = float(value)
        except ValueError:
            raise UsageError(f"--split: {part.strip()!r} is not NAME=FRACTION") from None
        if not 0 < fraction <= 1:
            raise UsageError(f"--split: the fraction of {name!r} must be in (0, 1]")
        out.append((name, fraction))
    if len({n for n, _ in out}) != len(out):
        raise UsageError("--split: a split is named twice")
    if abs(sum(f for _, f in out) - 1.0) > 1e-6:
        raise UsageError("--split: the fractions must add up to 1")
    return tuple(out)


# --- private state -------------------------------------------------------------------------

def dataset_salt(layout: DatasetLayout) -> bytes:
    path = layout.private / SALT_FILE
    if path.exists():
        return path.read_bytes()
    ensure_private_folder(layout.private)
    with commit.new_private_file(path) as handle:
        handle.write(secrets.token_bytes(32))
    return path.read_bytes()


def withdrawn_key(salt: bytes, episode_id: str) -> str:
    return hashlib.sha256(salt + episode_id.encode()).hexdigest()


def read_withdrawn(layout: DatasetLayout) -> set[str]:
    path = layout.private / WITHDRAWN_FILE
    if not path.exists():
        return set()
    return set(json.loads(path.read_text()))


def stage_withdrawn(stage: commit.Stage, keys: set[str]) -> None:
    """The new withdrawn list, moved into the private folder with the rest of the change."""
    with commit.new_private_file(stage.file(WITHDRAWN_FILE,
                                            f"{PRIVATE_DIR}/{WITHDRAWN_FILE}")) as handle:
        handle.write(json.dumps(sorted(keys)).encode())


# --- audit cache ---------------------------------------------------------------------------

_AUDIT_SCHEMA = pa.schema([
    ("sha256", pa.string()), ("settings", pa.string()), ("episode_id", pa.string()),
    ("status", pa.string()), ("findings", pa.string()), ("audited_at", pa.string()),
])


def read_audit_cache(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    if not path.exists():
        return {}
    rows = pq.read_table(path).to_pylist()
    return {(r["sha256"], r["settings"]): r for r in rows}


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return _sha256(handle)


def _sha256(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _audit_settings(options: PackOptions) -> str:
    return f"policy={options.audit_policy};ner={'off' if options.no_ner else 'on'}"


# --- writing shards ------------------------------------------------------------------------

@dataclass
class _Shard:
    name: str
    handle: BinaryIO
    writer: pq.ParquetWriter
    rows: int = 0


@dataclass
class _ShardSink:
    """Shards of one split, rotated between episodes once a shard reaches the size limit."""

    stage: commit.Stage
    split: str
    shard_bytes: int
    schema: pa.Schema
    index: int = 0
    current: _Shard | None = None
    _files: list[Any] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def open(self) -> _Shard:
        if self.current is None:
            name = shard_name(self.split, self.stage.pack_id, self.index)
            self.index += 1
            path = self.stage.file(name, f"{DATA_DIR}/{name}")
            context = commit.new_private_file(path)
            handle = context.__enter__()
            self._files.append(context)
            self.current = _Shard(name, handle, pq.ParquetWriter(handle, self.schema))
            self.written.append(name)
        return self.current

    def episode_done(self) -> None:
        if self.current is not None and self.current.handle.tell() >= self.shard_bytes:
            self.close()

    def close(self) -> None:
        if self.current is not None:
            self.current.writer.close()
            self._files.pop().__exit__(None, None, None)
            self.current = None


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An input that passed validation and is not packed yet."""

    path: Path
    metadata: EpisodeMetadata
    format_version: int


@dataclass(frozen=True, slots=True)
class _Copied:
    shard: str
    row_start: int
    row_end: int
    frames: int
    actions: Mapping[str, int]
    apps: tuple[str, ...]
    screen: tuple[int, int] | None
    bytes: int


def _copy_episode(episode: Episode, sink: _ShardSink, source: BinaryIO) -> _Copied:
    """Stream one validated episode, read from ``source`` (its open file), into the current
    shard, one row group at a time."""
    path = episode.path
    shard = sink.open()
    start = shard.rows
    actions: Counter[str] = Counter()
    apps: set[str] = set()
    frames = 0
    screen: tuple[int, int] | None = None
    nbytes = 0
    try:
        parquet = pq.ParquetFile(source)
        for group in range(parquet.num_row_groups):
            table = parquet.read_row_group(group, columns=EPISODE_COLUMNS)
            table.validate(full=True)
            # One screenshot at a time as a Python object (header read only), so a row
            # group's images are never copied out of Arrow all at once.
            for chunk in table.column("screenshot").chunks:
                for shot in chunk:
                    data = shot["bytes"].as_py() if shot.is_valid else None
                    if data is not None:
                        size = image_size(data, episode.limits, path)
                        screen = screen or size
                        frames += 1
                    del data
            actions.update(a for a in table.column("action_type").to_pylist() if a)
            apps.update(w["app"] for w in table.column("window").to_pylist()
                        if w is not None and w.get("app"))
            instruction = pa.array([episode.metadata.task] * table.num_rows, pa.string())
            table = table.add_column(1, INSTRUCTION_COLUMN, instruction)
            table = table.select(SHARD_SCHEMA.names).cast(sink.schema)
            shard.writer.write_table(table)
            shard.rows += table.num_rows
            nbytes += table.nbytes
    except (OSError, pa.ArrowException, ValueError, TypeError, KeyError) as exc:
        raise InvalidEpisodeError(f"{path}: unreadable data ({type(exc).__name__})") from None
    return _Copied(shard.name, start, shard.rows, frames, dict(actions), tuple(sorted(apps)),
                   screen, nbytes)


# --- info ----------------------------------------------------------------------------------

def build_info(base: Mapping[str, Any], entries: Sequence[EpisodeEntry],
               shard_sizes: Mapping[str, int]) -> dict[str, Any]:
    by_split: dict[str, dict[str, int]] = {}
    shards: dict[str, dict[str, Any]] = {}
    for e in entries:
        split = by_split.setdefault(e.split, {"episodes": 0, "steps": 0, "frames": 0})
        split["episodes"] += 1
        split["steps"] += e.steps
        split["frames"] += e.frames
        shard = shards.setdefault(e.shard, {"path": e.shard, "split": e.split, "episodes": 0,
                                            "rows": 0, "bytes": shard_sizes.get(e.shard, 0)})
        shard["episodes"] += 1
        shard["rows"] += e.steps
    policies = sorted({e.policy or "unknown" for e in entries})
    return {
        **base,
        "format": DATASET_FORMAT,
        "format_version": DATASET_FORMAT_VERSION,
        "cuarec_version": __version__,
        "policies": policies,
        "shard_schema": shard_schema_id(),
        "counts": {
            "episodes": len(entries),
            "steps": sum(e.steps for e in entries),
            "frames": sum(e.frames for e in entries),
            "shards": len(shards),
            "bytes": sum(s["bytes"] for s in shards.values()),
            "splits": by_split,
        },
        "shards": sorted(shards.values(), key=lambda s: s["path"]),
    }


def shard_schema_id() -> str:
    """A short hash of the shard columns and types: every shard of a dataset must share them
    (``datasets`` refuses to load mixed schemas)."""
    return hashlib.sha256(str(SHARD_SCHEMA).encode()).hexdigest()[:16]


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def stage_meta(stage: commit.Stage, info: Mapping[str, Any], entries: Sequence[EpisodeEntry],
               audit_rows: Sequence[Mapping[str, Any]] | None) -> None:
    """Write the index, the audit cache (when given), info.json and the card into ``stage``."""
    with commit.new_private_file(stage.file(EPISODES_FILE, f"{META_DIR}/{EPISODES_FILE}")) as h:
        write_index(entries, h)
    if audit_rows is not None:
        table = pa.Table.from_pylist(list(audit_rows), schema=_AUDIT_SCHEMA)
        with commit.new_private_file(stage.file(AUDIT_FILE, f"{META_DIR}/{AUDIT_FILE}")) as h:
            pq.write_table(table, h)
    with commit.new_private_file(stage.file(INFO_FILE, f"{META_DIR}/{INFO_FILE}")) as h:
        h.write(json.dumps(info, indent=2, sort_keys=True).encode())
    with commit.new_private_file(stage.file(CARD_FILE, CARD_FILE)) as h:
        h.write(render_card(info, entries).encode())


def shard_sizes(layout: DatasetLayout, entries: Sequence[EpisodeEntry],
                staged: Mapping[str, Path] | None = None) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for shard in {e.shard for e in entries}:
        path = (staged or {}).get(shard) or layout.root / shard
        sizes[shard] = path.stat().st_size if path.exists() else 0
    return sizes


# --- pack ----------------------------------------------------------------------------------

def _settle(stored: Any, given: Any, default: Any, what: str) -> Any:
    if stored is None:
        return default if given is None else given
    if given is not None and given != stored:
        raise UsageError(f"this dataset was packed with {what} {stored!r}; appending with "
                         f"{given!r} would change it (pack into a new folder instead)")
    return stored


def _load_existing(layout: DatasetLayout) -> tuple[dict[str, Any] | None, list[EpisodeEntry]]:
    if is_packed_dataset(layout.root):
        return read_info(layout.root), read_index(layout.episodes)
    if layout.root.is_file():
        raise UsageError(f"{layout.root} is a file, not a dataset folder")
    if layout.root.exists() and any(p.name != PRIVATE_DIR for p in layout.root.iterdir()):
        raise UsageError(f"{layout.root} exists and is not a packed dataset; choose an empty "
                         "or new folder")
    return None, []


def pack(inputs: Sequence[Path], out: Path, options: PackOptions = PackOptions(),
         progress: Callable[[InputOutcome], None] | None = None,
         audit_progress: Callable[[int, int, str, str], None] | None = None) -> PackResult:
    """Pack ``inputs`` (episode files) into the dataset at ``out``, creating or appending.

    ``progress`` hears each input's outcome; ``audit_progress(done, total, status, source)``
    each audited file (the audit is the long part)."""
    import re

    layout = DatasetLayout(out)
    if not is_packed_dataset(out) and options.license is None:
        raise UsageError("--license is required for a new dataset (an SPDX id such as "
                         "CC-BY-4.0)")
    if options.license is not None and not re.match(_LICENSE, options.license):
        raise UsageError(f"--license {options.license!r} is not an SPDX licence id")
    if options.shard_mb <= 0:
        raise UsageError("--shard-mb must be positive")
    _load_existing(layout)  # refuse a foreign folder before creating anything in it
    ensure_private_folder(out)
    with commit.locked(layout):
        commit.recover(layout)
        info, entries = _load_existing(layout)
        stored = info or {}
        if stored.get("shard_schema", shard_schema_id()) != shard_schema_id():
            raise UsageError(f"{out} was packed by a cuarec with other shard columns; pack "
                             "into a new folder")
        license_ = _settle(stored.get("license"), options.license, None, "licence")
        if license_ is None:
            raise UsageError("--license is required for a new dataset (an SPDX id such as "
                             "CC-BY-4.0)")
        if not re.match(_LICENSE, license_):
            raise UsageError(f"--license {license_!r} is not an SPDX licence id")
        stored_split = stored.get("split")
        split = _settle(None if stored_split is None else tuple(map(tuple, stored_split)),
                        options.split, DEFAULT_SPLIT, "split")
        seed = _settle(stored.get("seed"), options.seed, 0, "seed")
        volunteers = _settle(stored.get("volunteer_id"), options.volunteer_id, "hash",
                             "--volunteer-id")
        salt = dataset_salt(layout)
        withdrawn = read_withdrawn(layout)
        audit_cache = read_audit_cache(layout.audit)
        packed_ids = {e.episode_id for e in entries}
        outcomes: dict[int, InputOutcome] = {}
        candidates: list[tuple[int, _Candidate]] = []

        def record(index: int, outcome: InputOutcome) -> None:
            outcomes[index] = outcome
            if progress is not None:
                progress(outcome)

        for index, path in enumerate(inputs):
            try:
                episode = open_episode(path)
            except CuarecError as exc:
                record(index, InputOutcome(str(path), "failed", reason=exc.message))
                continue
            episode_id = episode.metadata.episode_id
            if episode_id in packed_ids:
                record(index, InputOutcome(str(path), "skipped", episode_id,
                                           "already packed"))
                continue
            if withdrawn_key(salt, episode_id) in withdrawn:
                record(index, InputOutcome(str(path), "skipped", episode_id,
                                           "withdrawn from this dataset"))
                continue
            packed_ids.add(episode_id)
            # Only what the pack needs: an open file per input would add up over thousands.
            candidates.append((index, _Candidate(episode.path, episode.metadata,
                                                 episode.format_version)))

        audit_status, hashes, audited, cached, cache_changed = _audit(
            candidates, options, audit_cache, audit_progress)
        stage = commit.begin(layout)
        try:
            sinks: dict[str, _ShardSink] = {}
            schema = shard_schema_with_metadata(stage.pack_id)
            new_entries: list[EpisodeEntry] = []
            for index, candidate in candidates:
                status, findings = audit_status[index]
                source = str(candidate.path)
                episode_id = candidate.metadata.episode_id
                if status == "failed":
                    record(index, InputOutcome(source, "failed", episode_id,
                                               findings[0]["reason"] if findings else None))
                    continue
                if status == "findings" and options.audit != "allow":
                    record(index, InputOutcome(source, "refused", episode_id,
                                               f"{len(findings)} audit finding(s)",
                                               tuple(findings), "findings"))
                    continue
                meta = candidate.metadata
                split_name = split_for(episode_id, seed, split)
                sink = sinks.get(split_name)
                if sink is None:
                    sink = _ShardSink(stage, split_name, int(options.shard_mb * (1 << 20)),
                                      schema)
                    sinks[split_name] = sink
                try:
                    handle = candidate.path.open("rb")
                except OSError as exc:
                    raise UsageError(f"{candidate.path}: cannot read ({exc.strerror}); "
                                     "nothing was packed") from None
                try:
                    # One open file: hashed, then copied. The bytes copied are the bytes
                    # audited even if the path is replaced meanwhile.
                    with handle:
                        audited_sha256 = hashes.get(index)
                        if audited_sha256 is not None and _sha256(handle) != audited_sha256:
                            record(index, InputOutcome(
                                source, "failed", episode_id,
                                "changed on disk after its audit; not packed (pack it again)"))
                            continue
                        handle.seek(0)
                        copied = _copy_episode(open_episode(candidate.path), sink, handle)
                except CuarecError as exc:
                    raise UsageError(f"{exc.message}; nothing was packed") from None
                sink.episode_done()
                entry_audit = {"passed": "passed", "findings": "allowed",
                               "skipped": "skipped"}[status]
                new_entries.append(EpisodeEntry(
                    episode_id=episode_id, split=split_name, task=meta.task,
                    steps=copied.row_end - copied.row_start, frames=copied.frames,
                    duration_s=meta.duration_s, os=meta.os,
                    screen_width=None if copied.screen is None else copied.screen[0],
                    screen_height=None if copied.screen is None else copied.screen[1],
                    apps=copied.apps, actions=copied.actions,
                    redactions=dict(meta.redaction_counts), dropped=dict(meta.dropped),
                    policy=str(meta.policy.get("name")) if meta.policy.get("name") else None,
                    cuarec_version=meta.versions.get("cuarec"),
                    episode_format=candidate.format_version,
                    volunteer=(volunteer_hash(salt, meta.volunteer_id)
                               if volunteers == "hash" else None),
                    audit=entry_audit, source_sha256=hashes.get(index),
                    shard=f"{DATA_DIR}/{copied.shard}", row_start=copied.row_start,
                    row_end=copied.row_end, bytes=copied.bytes,
                ))
                record(index, InputOutcome(source, "packed", episode_id, None,
                                           tuple(findings), entry_audit))
            for sink in sinks.values():
                sink.close()
            written = [name for sink in sinks.values() for name in sink.written]
            if not new_entries and not cache_changed:
                stage.abandon()
                final_info = info or {}
            else:
                all_entries = [*entries, *new_entries]
                history = list(stored.get("history", []))
                if new_entries:
                    history.append({"at": now_utc(), "action": "pack", "added": len(new_entries),
                                    "removed": 0, "audit": options.audit})
                base = {**stored, "license": license_, "split": [list(s) for s in split],
                        "seed": seed, "volunteer_id": volunteers, "history": history}
                staged = {f"{DATA_DIR}/{n}": stage.folder / n for n in written}
                final_info = build_info(base, all_entries,
                                        shard_sizes(layout, all_entries, staged))
                stage_meta(stage, final_info, all_entries, list(audit_cache.values()))
                stage.commit()
        except BaseException as exc:
            for sink in sinks.values():
                with contextlib.suppress(Exception):
                    sink.close()
            stage.abandon()
            if isinstance(exc, OSError):
                raise disk_error(exc, out, "the packed dataset") from None
            raise
    ordered = tuple(outcomes[i] for i in sorted(outcomes))
    return PackResult(out, ordered, tuple(written), (), final_info, audited, cached)


def _audit(candidates: Sequence[tuple[int, _Candidate]], options: PackOptions,
           cache: dict[tuple[str, str], dict[str, Any]],
           progress: Callable[[int, int, str, str], None] | None = None,
           ) -> tuple[dict[int, tuple[str, list[dict[str, Any]]]], dict[int, str], int, int,
                      bool]:
    """Audit status per candidate: passed, findings, failed or skipped (and the findings).

    Updates ``cache`` in place; returns (statuses, file hashes, audited, from cache, changed).
    """
    statuses: dict[int, tuple[str, list[dict[str, Any]]]] = {}
    hashes: dict[int, str] = {}
    if options.audit == "skip":
        return {i: ("skipped", []) for i, _ in candidates}, hashes, 0, 0, False
    settings = _audit_settings(options)
    todo: list[tuple[int, _Candidate]] = []
    cached = 0
    for index, episode in candidates:
        digest = file_sha256(episode.path)
        hashes[index] = digest
        hit = cache.get((digest, settings))
        if hit is None:
            todo.append((index, episode))
        else:
            cached += 1
            statuses[index] = (hit["status"], json.loads(hit["findings"]))
    if todo:
        from recorder.batch import run_batch
        from recorder.curate import AuditJob

        job = AuditJob(options.audit_policy, options.no_ner)
        by_path = {str(e.path): i for i, e in todo}
        by_index = dict(todo)
        pairs: list[tuple[Path, Path | None]] = [(e.path, None) for _, e in todo]
        stream = run_batch(job, pairs, engine=options.engine, workers=options.workers)
        for done, outcome in enumerate(stream, 1):
            if progress is not None:
                progress(done, len(todo), outcome.status, outcome.source)
            index = by_path[outcome.source]
            if outcome.status == "failed":
                statuses[index] = ("failed", [{"reason": outcome.reason}])
                continue
            findings = list(outcome.details.get("findings", ()))
            status = "findings" if findings else "passed"
            statuses[index] = (status, findings)
            episode = by_index[index]
            cache[(hashes[index], settings)] = {
                "sha256": hashes[index], "settings": settings,
                "episode_id": episode.metadata.episode_id, "status": status,
                "findings": json.dumps(findings, sort_keys=True), "audited_at": now_utc()}
    return statuses, hashes, len(todo), cached, bool(todo)

