"""``cuarec info DIR`` for a packed dataset: computed from meta/ alone (no shard is read)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from recorder.dataset.index import read_index
from recorder.dataset.layout import DatasetLayout, read_info


@dataclass(frozen=True, slots=True)
class DatasetSummary:
    path: str
    format_version: int
    license: str
    episodes: int
    steps: int
    frames: int
    shards: int
    bytes: int
    splits: dict[str, dict[str, int]]
    steps_by_action: dict[str, int]
    redactions_by_type: dict[str, int]
    apps: dict[str, int]
    audit: dict[str, int]
    policies: list[str]
    withdrawn: int
    episode_ids: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"kind": "dataset", **asdict(self)}

    def render_text(self) -> str:
        def counts(values: dict[str, int]) -> str:
            return ", ".join(f"{k} {v}" for k, v in values.items()) or "none"

        splits = ", ".join(f"{k} {v['episodes']} episodes / {v['steps']} steps"
                           for k, v in self.splits.items()) or "none"
        return "\n".join([
            f"{self.path} (packed dataset, format {self.format_version})",
            f"  episodes:    {self.episodes} ({splits})",
            f"  steps:       {self.steps} ({counts(self.steps_by_action)})",
            f"  frames:      {self.frames}",
            f"  shards:      {self.shards} ({self.bytes} bytes)",
            f"  apps:        {counts(self.apps)}",
            f"  redactions:  {counts(self.redactions_by_type)}",
            f"  audit:       {counts(self.audit)}",
            f"  licence:     {self.license}; policies: {', '.join(self.policies) or 'none'}",
            f"  withdrawn:   {self.withdrawn}",
        ])


def summarize_dataset(root: Path) -> DatasetSummary:
    info = read_info(root)
    entries = read_index(DatasetLayout(root).episodes)
    actions: Counter[str] = Counter()
    redactions: Counter[str] = Counter()
    apps: Counter[str] = Counter()
    audit: Counter[str] = Counter()
    for e in entries:
        actions.update(e.actions)
        redactions.update(e.redactions)
        apps.update(e.apps)
        audit[e.audit] += 1
    counts = info.get("counts", {})
    return DatasetSummary(
        path=str(root), format_version=int(info["format_version"]),
        license=str(info.get("license")), episodes=len(entries),
        steps=sum(e.steps for e in entries), frames=sum(e.frames for e in entries),
        shards=int(counts.get("shards", 0)), bytes=int(counts.get("bytes", 0)),
        splits=dict(sorted(counts.get("splits", {}).items())),
        steps_by_action=dict(sorted(actions.items())),
        redactions_by_type=dict(sorted(redactions.items())), apps=dict(sorted(apps.items())),
        audit=dict(sorted(audit.items())), policies=list(info.get("policies", [])),
        withdrawn=sum(int(h.get("removed", 0)) for h in info.get("history", [])),
        episode_ids=[e.episode_id for e in entries],
    )
