"""The dataset card ``README.md``: YAML front matter the Hub reads, and a generated body.

The front matter follows the Hub's manual configuration (``configs`` with one ``data_files``
entry per split, https://huggingface.co/docs/hub/datasets-manual-configuration). Every value
that came from an episode (tasks are never listed; app names, OS names, policy names) is
escaped, so a stranger's string cannot inject Markdown, HTML or YAML.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from recorder.dataset.index import EpisodeEntry
from recorder.dataset.layout import DATA_DIR

_SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                    (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"),
                    (100_000_000, "10M<n<100M"))
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def size_category(rows: int) -> str:
    for limit, name in _SIZE_CATEGORIES:
        if rows < limit:
            return name
    return "n>100M"


def _md(value: object) -> str:
    """A value from an episode, safe inside Markdown (one line, specials escaped)."""
    text = html.escape(" ".join(str(value).split())[:120], quote=False)  # & < > as entities
    return _MD_SPECIAL.sub(r"\\\1", text)


def _yaml(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def front_matter(info: Mapping[str, Any], splits: Sequence[str]) -> str:
    rows = int(info.get("counts", {}).get("steps", 0))
    lines = [
        "---",
        f"license: {_yaml(str(info['license']).lower())}",
        "task_categories:",
        "- image-text-to-text",
        "tags:",
        "- computer-use",
        "- gui-agent",
        "- cuarec",
        "size_categories:",
        f"- {_yaml(size_category(rows))}",
        "configs:",
        "- config_name: default",
        "  data_files:",
    ]
    for split in splits:
        lines += [f"  - split: {split}", f"    path: {_yaml(f'{DATA_DIR}/{split}-*.parquet')}"]
    lines.append("---")
    return "\n".join(lines) + "\n"


def _table(counts: Mapping[str, int], what: str) -> list[str]:
    if not counts:
        return ["none", ""]
    out = [f"| {what} | count |", "|---|---:|"]
    out += [f"| {_md(k)} | {v} |" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1],
                                                                                     kv[0]))]
    return [*out, ""]


def render_card(info: Mapping[str, Any], entries: Sequence[EpisodeEntry]) -> str:
    """The whole README: front matter, then statistics computed from the index alone."""
    splits = sorted({e.split for e in entries})
    by_split = Counter(e.split for e in entries)
    steps_by_split: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    redactions: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    apps: Counter[str] = Counter()
    screens: Counter[str] = Counter()
    systems: Counter[str] = Counter()
    policies: Counter[str] = Counter()
    audit: Counter[str] = Counter()
    for e in entries:
        steps_by_split[e.split] += e.steps
        actions.update(e.actions)
        redactions.update(e.redactions)
        dropped.update(e.dropped)
        apps.update(e.apps)
        if e.screen_width and e.screen_height:
            screens[f"{e.screen_width}x{e.screen_height}"] += 1
        systems[e.os or "unknown"] += 1
        policies[e.policy or "unknown"] += 1
        audit[e.audit] += 1
    counts = info.get("counts", {})
    duration = sum(e.duration_s or 0.0 for e in entries)
    history = info.get("history", [])
    withdrawn = sum(int(h.get("removed", 0)) for h in history)
    body = [
        "# Computer-use demonstrations (cuarec)",
        "",
        "Demonstrations of computer tasks recorded by volunteers with "
        "cuarec, a privacy-first recorder: personal data was removed "
        "in memory, before anything was written. One row per step: the redacted screenshot "
        "before the action (`screenshot`), the task (`instruction`), the action and its "
        "arguments; the rows of one episode are contiguous and share `episode_id`.",
        "",
        "## Summary",
        "",
        "| | |",
        "|---|---:|",
        f"| episodes | {len(entries)} |",
        f"| steps | {counts.get('steps', 0)} |",
        f"| screenshots | {counts.get('frames', 0)} |",
        f"| hours recorded | {duration / 3600:.2f} |",
        f"| shard bytes | {counts.get('bytes', 0)} |",
        "",
        "| split | episodes | steps |",
        "|---|---:|---:|",
        *[f"| {s} | {by_split[s]} | {steps_by_split[s]} |" for s in splits],
        "",
        f"Splits are assigned per episode by a hash of the episode id and seed "
        f"{int(info.get('seed', 0))}, so adding episodes never moves one.",
        "",
        "## Actions by type",
        "",
        *_table(actions, "action"),
        "## Apps",
        "",
        *_table(apps, "app"),
        "## Screen sizes (screenshot pixels)",
        "",
        *_table(screens, "size"),
        "## Operating systems",
        "",
        *_table(systems, "OS"),
        "## Redaction",
        "",
        "Every screenshot, typed text, key event, window title and task went through cuarec's "
        "redactors before the episode was written: personal data in text became a placeholder "
        "such as `<EMAIL_ADDRESS>`, and its pixels were pixelated and blurred. Items whose "
        "redaction failed were dropped (fail closed) and are counted below. Volunteer ids are "
        + ("a salted hash (per dataset)" if info.get("volunteer_id") == "hash" else "dropped")
        + ".",
        "",
        "Redactions by entity type:",
        "",
        *_table(redactions, "entity type"),
        "Items dropped (fail closed):",
        "",
        *_table(dropped, "item"),
        "Policies:",
        "",
        *_table(policies, "policy"),
        "Audit before packing (re-OCR of every frame, re-analysis of every text, strictest "
        "settings):",
        "",
        *_table(audit, "audit"),
    ]
    if audit.get("skipped"):
        body += [f"**{audit['skipped']} episode(s) were packed without an audit "
                 "(`--no-audit`).**", ""]
    if audit.get("allowed"):
        body += [f"**{audit['allowed']} episode(s) were packed with audit findings "
                 "(`--allow-findings`).**", ""]
    body += [
        "## What cuarec does not protect against",
        "",
        "- Text OCR cannot read (handwriting, tiny or stylised text, text inside images or "
        "video, very low contrast), and faces the detector misses (profiles, small faces).",
        "- Personal data the recognizers do not know, such as names without context.",
        "- Research depixelation of known fonts; typing rhythm beyond 100 ms quantisation.",
        "- Screen content outside the recorded monitor, audio, clipboard contents.",
        "",
        "## History",
        "",
        *[f"- {h.get('at', '?')}: {h.get('action', '?')}, +{int(h.get('added', 0))} "
          f"episode(s), -{int(h.get('removed', 0))} withdrawn" for h in history],
        "",
        f"{withdrawn} episode(s) withdrawn in all (volunteers withdrew consent); who is "
        "never recorded.",
        "",
        "## Loading",
        "",
        "```python",
        "from datasets import load_dataset",
        'ds = load_dataset("path/or/hub-id")  # splits: ' + ", ".join(splits),
        "```",
        "",
        f"Licence: {_md(info['license'])}. Packed by cuarec "
        f"{_md(info.get('cuarec_version', '?'))} (dataset format "
        f"{int(info.get('format_version', 0))}).",
        "",
    ]
    return front_matter(info, splits) + "\n" + "\n".join(body)
