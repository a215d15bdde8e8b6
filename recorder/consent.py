"""What a volunteer is told before recording, and their consent, remembered locally."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from recorder.identity import _private_write, _read_json, config_dir

#: Bump when the statement changes in substance: consent is asked again.
STATEMENT_VERSION = 1


@dataclass(frozen=True, slots=True)
class CaptureNotice:
    fps: float
    out_dir: Path
    stop_hotkey: str
    pause_hotkey: str
    duration_s: float | None = None


def statement(notice: CaptureNotice) -> str:
    limit = (f" It stops by itself after {notice.duration_s:g} s." if notice.duration_s
             else "")
    return "\n".join([
        "cuarec will record this task on this screen:",
        "  - your key presses, mouse moves, clicks and scrolls;",
        f"  - screenshots, {notice.fps:g} per second and at each action.",
        "Before anything is written, it removes in memory: personal data in what you type",
        "(names, e-mails, phones, addresses, cards, passwords, keys) and in window titles,",
        "and it blurs personal text, faces and password fields in screenshots. Password",
        "managers and private browsing windows are not recorded at all.",
        f"The result is one file in {notice.out_dir}; you review it before keeping it.",
        f"Stop: {notice.stop_hotkey}   Pause/resume: {notice.pause_hotkey}   "
        f"(these keys are never recorded).{limit}",
    ])


def _consent_path() -> Path:
    return config_dir() / "consent.json"


def has_consented() -> bool:
    raw = _read_json(_consent_path())
    return isinstance(raw, dict) and raw.get("statement_version") == STATEMENT_VERSION


def remember_consent() -> None:
    _private_write(_consent_path(), json.dumps({
        "statement_version": STATEMENT_VERSION,
        "given_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }))
