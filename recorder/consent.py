"""What a volunteer is told before recording, and their consent, remembered locally."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from recorder.errors import UsageError
from recorder.identity import config_dir, private_write, read_json

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


def check_policy(policy: str) -> None:
    """``--policy`` of record, redact and audit: a policy that cannot be loaded is a usage
    error, raised before any file is read or engine loaded."""
    from redaction.policy import BUILTIN_POLICIES, load_policy

    if policy not in BUILTIN_POLICIES and not Path(policy).is_file():
        raise UsageError(f"--policy {policy}: not {', '.join(BUILTIN_POLICIES)} nor a "
                         "policy file (TOML)")
    load_policy(policy)


def preflight(notice: CaptureNotice, monitor: int | None, policy: str) -> None:
    """Everything that can be checked before the volunteer reads the statement and before
    seconds of models load: flags, the policy, then the desktop (display, Wayland). Raises a
    one-line :class:`~recorder.errors.CuarecError`."""
    from recorder.capture import CaptureConfig, choose_backend
    from recorder.capture.hotkeys import NON_TYPING_MODIFIERS, types_a_character

    config = CaptureConfig(fps=notice.fps, monitor=monitor, duration_s=notice.duration_s,
                           stop_hotkey=notice.stop_hotkey, pause_hotkey=notice.pause_hotkey)
    hotkeys = config.hotkeys()
    for name, hotkey in hotkeys.items():
        if not hotkey.modifiers:
            raise UsageError(f"--{name}-hotkey {hotkey}: add a modifier (e.g. ctrl+alt+"
                             f"{hotkey.key}); a plain key would {name} the recording whenever "
                             "it is typed")
        if not hotkey.modifiers & NON_TYPING_MODIFIERS and types_a_character(hotkey.key):
            raise UsageError(f"--{name}-hotkey {hotkey}: add a modifier that types nothing "
                             f"(ctrl, alt or super, e.g. ctrl+alt+{hotkey.key}); {hotkey} "
                             f"types a character, so typing it would {name} the recording")
    if hotkeys["stop"] == hotkeys["pause"]:
        raise UsageError("--stop-hotkey and --pause-hotkey must differ")
    check_policy(policy)
    choose_backend().close()


def _consent_path() -> Path:
    return config_dir() / "consent.json"


def has_consented() -> bool:
    raw = read_json(_consent_path())
    return isinstance(raw, dict) and raw.get("statement_version") == STATEMENT_VERSION


def remember_consent() -> None:
    private_write(_consent_path(), json.dumps({
        "statement_version": STATEMENT_VERSION,
        "given_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }))
