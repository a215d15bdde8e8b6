"""The one owner of the episode format v1: columns, file metadata, version and file names.

An episode is one Parquet file, one row per step. ``screenshot`` is a Hugging Face ``Image``
struct ``{bytes, path}`` with ``path`` always null, so ``datasets`` decodes it as an image.
Every field is nullable: ``datasets`` silently ignores the ``huggingface`` features of a file
whose Arrow schema has non-nullable fields. See docs/FORMAT.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa

from recorder.episode.model import (
    EncodedImage,
    EpisodeMetadata,
    MonitorInfo,
    RedactedStep,
    WindowInfo,
    certify_redacted,
)
from redaction.models import Box, InputEvent, Redaction

FORMAT_VERSION = 1
EPISODE_SUFFIX = ".parquet"
HF_METADATA_KEY = b"huggingface"
CUAREC_METADATA_KEY = b"cuarec"

ACTION_TYPES = (
    "move",
    "click",
    "double_click",
    "triple_click",
    "right_click",
    "middle_click",
    "drag",
    "scroll",
    "type",
    "key",
    "hotkey",
    "wait",
    "done",
)

EVENT_KINDS = (
    "key_press",
    "key_release",
    "move",
    "button_press",
    "button_release",
    "scroll",
    "redacted",  # one event for a run of keys that typed a personal value (its placeholder)
)

#: Step flags: why a step holds less than usual.
STEP_FLAGS = (
    "frame_dropped",  # the observation could not be kept (memory cap or failed redaction)
    "denied_window",  # a denied app or title was focused: no keys, no frame
    "secret_input",  # typed at a password prompt or masked field, focus or screen unknown
    "text_dropped",  # typing whose redaction failed was removed
)

_BOX = pa.struct([("x", pa.int32()), ("y", pa.int32()), ("w", pa.int32()), ("h", pa.int32())])
_EVENT = pa.struct(
    [
        ("t", pa.float64()),
        ("kind", pa.string()),
        ("key", pa.string()),
        ("char", pa.string()),
        ("x", pa.int32()),
        ("y", pa.int32()),
        ("button", pa.string()),
        ("dx", pa.int32()),
        ("dy", pa.int32()),
    ]
)
_REDACTION = pa.struct(
    [
        ("kind", pa.string()),
        ("entity_type", pa.string()),
        ("recognizer", pa.string()),
        ("score", pa.float64()),
        ("box", _BOX),
    ]
)

ARROW_SCHEMA = pa.schema(
    [
        ("episode_id", pa.string()),
        ("step_index", pa.int32()),
        ("timestamp_s", pa.float64()),
        ("screenshot", pa.struct([("bytes", pa.binary()), ("path", pa.string())])),
        ("action_type", pa.string()),
        ("x", pa.int32()),
        ("y", pa.int32()),
        ("end_x", pa.int32()),
        ("end_y", pa.int32()),
        ("button", pa.string()),
        ("scroll_dx", pa.int32()),
        ("scroll_dy", pa.int32()),
        ("text", pa.string()),
        ("keys", pa.list_(pa.string())),
        ("modifiers", pa.list_(pa.string())),
        ("duration_s", pa.float64()),
        ("events", pa.list_(_EVENT)),
        ("window", pa.struct([("app", pa.string()), ("title", pa.string())])),
        ("redactions", pa.list_(_REDACTION)),
        ("flags", pa.list_(pa.string())),
    ]
)


def _hf_feature(arrow_type: pa.DataType) -> Any:
    """Hugging Face ``datasets`` feature JSON for an Arrow type (the subset we use)."""
    if pa.types.is_struct(arrow_type):
        return {f.name: _hf_feature(f.type) for f in arrow_type}
    if pa.types.is_list(arrow_type):
        return {"feature": _hf_feature(arrow_type.value_type), "_type": "List"}
    dtype = {
        pa.string(): "string",
        pa.binary(): "binary",
        pa.int32(): "int32",
        pa.float64(): "float64",
    }[arrow_type]
    return {"dtype": dtype, "_type": "Value"}


HF_FEATURES: dict[str, Any] = {
    f.name: ({"_type": "Image"} if f.name == "screenshot" else _hf_feature(f.type))
    for f in ARROW_SCHEMA
}


def encode_metadata(meta: EpisodeMetadata) -> dict[bytes, bytes]:
    """The Parquet key-value metadata of an episode."""
    body = {"format_version": FORMAT_VERSION, **asdict(meta)}
    return {
        HF_METADATA_KEY: json.dumps({"info": {"features": HF_FEATURES}}).encode(),
        CUAREC_METADATA_KEY: json.dumps(body, sort_keys=True).encode(),
    }


def schema_with_metadata(meta: EpisodeMetadata) -> pa.Schema:
    return ARROW_SCHEMA.with_metadata(encode_metadata(meta))


_META_FIELDS = set(EpisodeMetadata.__dataclass_fields__)


def decode_metadata(raw: Mapping[str, Any]) -> EpisodeMetadata:
    """Rebuild metadata from the parsed ``cuarec`` JSON; unknown keys are ignored.

    Raises ``ValueError``/``TypeError`` on malformed input; the reader turns those into a
    one-line error.
    """
    fields = {k: v for k, v in raw.items() if k in _META_FIELDS}
    monitors = tuple(MonitorInfo(**m) for m in fields.pop("monitors", ()) or ())
    meta = EpisodeMetadata(**fields, monitors=monitors)
    if not isinstance(meta.episode_id, str) or not isinstance(meta.task, str):
        raise TypeError("episode_id and task must be strings")
    return meta


def _box_dict(box: Box | None) -> dict[str, int] | None:
    return None if box is None else {"x": box.x, "y": box.y, "w": box.w, "h": box.h}


def step_to_row(episode_id: str, step: RedactedStep) -> dict[str, Any]:
    if not isinstance(step, RedactedStep):
        raise TypeError("the episode writer accepts only RedactedStep values")
    shot = step.screenshot
    return {
        "episode_id": episode_id,
        "step_index": step.step_index,
        "timestamp_s": step.timestamp_s,
        "screenshot": None if shot is None else {"bytes": shot.data, "path": None},
        "action_type": step.action_type,
        "x": step.x,
        "y": step.y,
        "end_x": step.end_x,
        "end_y": step.end_y,
        "button": step.button,
        "scroll_dx": step.scroll_dx,
        "scroll_dy": step.scroll_dy,
        "text": step.text,
        "keys": list(step.keys),
        "modifiers": list(step.modifiers),
        "duration_s": step.duration_s,
        "events": [asdict(e) for e in step.events],
        "window": None if step.window is None else asdict(step.window),
        "redactions": [{**asdict(r), "box": _box_dict(r.box)} for r in step.redactions],
        "flags": list(step.flags),
    }


def steps_to_table(
    episode_id: str, steps: Iterable[RedactedStep], schema: pa.Schema = ARROW_SCHEMA
) -> pa.Table:
    rows = [step_to_row(episode_id, s) for s in steps]
    return pa.Table.from_pylist(rows, schema=schema)


def row_to_step(row: Mapping[str, Any], image_size: tuple[int, int] | None = None) -> RedactedStep:
    """Rebuild a step from a row read back from an episode file (already redacted on disk)."""
    shot = row.get("screenshot")
    screenshot = None
    if shot is not None and shot.get("bytes") is not None:
        width, height = image_size or (0, 0)
        screenshot = EncodedImage(data=shot["bytes"], width=width, height=height)
    window = row.get("window")
    return certify_redacted(
        step_index=row["step_index"],
        timestamp_s=row["timestamp_s"],
        action_type=row["action_type"],
        screenshot=screenshot,
        x=row.get("x"),
        y=row.get("y"),
        end_x=row.get("end_x"),
        end_y=row.get("end_y"),
        button=row.get("button"),
        scroll_dx=row.get("scroll_dx"),
        scroll_dy=row.get("scroll_dy"),
        text=row.get("text"),
        keys=tuple(row.get("keys") or ()),
        modifiers=tuple(row.get("modifiers") or ()),
        duration_s=row.get("duration_s"),
        events=tuple(InputEvent(**e) for e in row.get("events") or ()),
        window=None if window is None else WindowInfo(**window),
        redactions=tuple(
            Redaction(**{**r, "box": None if r.get("box") is None else Box(**r["box"])})
            for r in row.get("redactions") or ()
        ),
        flags=tuple(row.get("flags") or ()),
    )


# --- file names -------------------------------------------------------------------------
# A finished episode is ``<name>.parquet``. While it is written, finished chunks of steps live
# in a hidden folder beside it, ``.<name>.parts/part-000001.parquet``; a chunk is written as
# ``.part-000001.tmp`` and renamed when complete, so only complete parts ever carry the
# ``part-`` name. The final file is assembled as ``.<name>.parquet.tmp`` and renamed.

PARTS_DIR_SUFFIX = ".parts"
PART_PREFIX = "part-"
TMP_SUFFIX = ".tmp"


def parts_dir_for(target: Path) -> Path:
    return target.with_name(f".{target.stem}{PARTS_DIR_SUFFIX}")


def target_for_parts_dir(parts_dir: Path) -> Path:
    stem = parts_dir.name[1 : -len(PARTS_DIR_SUFFIX)]
    return parts_dir.with_name(stem + EPISODE_SUFFIX)


def is_parts_dir(path: Path) -> bool:
    return (
        path.name.startswith(".")
        and path.name.endswith(PARTS_DIR_SUFFIX)
        and len(path.name) > 1 + len(PARTS_DIR_SUFFIX)
    )


def part_name(index: int) -> str:
    return f"{PART_PREFIX}{index:06d}{EPISODE_SUFFIX}"


def part_tmp_name(index: int) -> str:
    return f".{PART_PREFIX}{index:06d}{TMP_SUFFIX}"


def final_tmp_for(target: Path) -> Path:
    return target.with_name(f".{target.name}{TMP_SUFFIX}")
