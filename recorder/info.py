"""``cuarec info``: what an episode holds, read from its metadata and small columns only."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from recorder.episode.reader import DEFAULT_LIMITS, Episode, ReadLimits, open_episode


@dataclass(frozen=True, slots=True)
class EpisodeSummary:
    path: str
    episode_id: str
    format_version: int
    task: str
    started_at: str
    duration_s: float | None
    steps: int
    steps_by_action: dict[str, int]
    frames: int
    redactions_by_type: dict[str, int]
    dropped: dict[str, int]
    flags: dict[str, int]
    policy: dict[str, Any]
    versions: dict[str, str]
    recovered: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def summarize(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> EpisodeSummary:
    """Summarise one episode without decoding any screenshot."""
    episode = open_episode(path, limits)
    table = episode.read_columns(["action_type", "redactions", "flags"])
    actions = Counter(a for a in table.column("action_type").to_pylist() if a is not None)
    redactions: Counter[str] = Counter()
    for row in table.column("redactions").to_pylist():
        redactions.update(r["entity_type"] or "UNKNOWN" for r in row or ())
    flags: Counter[str] = Counter()
    for row in table.column("flags").to_pylist():
        flags.update(f for f in row or () if f is not None)
    frames = _count_frames(episode)
    meta = episode.metadata
    return EpisodeSummary(
        path=str(path),
        episode_id=meta.episode_id,
        format_version=episode.format_version,
        task=meta.task,
        started_at=meta.started_at,
        duration_s=meta.duration_s,
        steps=episode.num_steps,
        steps_by_action=dict(sorted(actions.items())),
        frames=frames,
        redactions_by_type=dict(sorted(redactions.items())),
        dropped=dict(meta.dropped),
        flags=dict(sorted(flags.items())),
        policy=dict(meta.policy),
        versions=dict(meta.versions),
        recovered=meta.recovered,
    )


def _count_frames(episode: Episode) -> int:
    # Reading only the (always null) ``path`` child keeps the struct's validity bitmap, so
    # frames are counted without loading a single image byte.
    column = episode.read_columns(["screenshot.path"]).column("screenshot")
    return int(len(column) - column.null_count)


def render_text(summary: EpisodeSummary) -> str:
    def counts(values: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in values.items()) or "none"

    versions = ", ".join(f"{k} {v}" for k, v in summary.versions.items()) or "none"
    duration = "?" if summary.duration_s is None else f"{summary.duration_s:.1f} s"
    policy = summary.policy.get("name", "?")
    lines = [
        f"{summary.path}",
        f"  task:        {summary.task}",
        f"  episode:     {summary.episode_id} (format {summary.format_version})",
        f"  started:     {summary.started_at}, duration {duration}"
        + (" (recovered)" if summary.recovered else ""),
        f"  steps:       {summary.steps} ({counts(summary.steps_by_action)})",
        f"  frames:      {summary.frames}",
        f"  redactions:  {counts(summary.redactions_by_type)}",
        f"  dropped:     {counts(summary.dropped)}",
        f"  flags:       {counts(summary.flags)}",
        f"  policy:      {policy}; versions: {versions}",
    ]
    return "\n".join(lines)
