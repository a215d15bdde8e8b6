"""benchmarks/record.py's event counting: what the script typed against what an episode
stores, where each typed personal value is one ``redacted`` event (docs/FORMAT.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from redaction.models import InputEvent

# The benchmark scripts import one another by module name, from benchmarks/ (as mypy maps them).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from record import count_events, count_typed, events_lost, new_sent, split_personal


def presses(text: str, t: float = 0.0) -> list[InputEvent]:
    """Press and release of each character of ``text``."""
    out: list[InputEvent] = []
    for char in text:
        out += [InputEvent(t, "key_press", char.lower(), char),
                InputEvent(t, "key_release", char.lower(), char)]
    return out


def redacted(placeholder: str) -> InputEvent:
    return InputEvent(0.0, "redacted", placeholder, placeholder)


def sent_for(*texts: str, clicks: int = 0, wheel: int = 0) -> dict[str, Any]:
    sent = new_sent()
    for text in texts:
        count_typed(sent, text)
    sent["clicks"], sent["wheel"] = clicks, wheel
    return sent


@pytest.mark.parametrize(("text", "rest", "values"), [
    ("echo notes for jane.doe@example.com", "echo notes for ", ["jane.doe@example.com"]),
    ("echo call +44 20 7946 0958 later", "echo call  later", ["+44 20 7946 0958"]),
    ("df -h", "df -h", []),
    ("jane.doe@example.com jane.doe@example.com", " ",
     ["jane.doe@example.com", "jane.doe@example.com"]),
])
def test_split_personal(text: str, rest: str, values: list[str]) -> None:
    assert split_personal(text) == (rest, values)


def test_count_typed_splits_personal_characters() -> None:
    sent = sent_for("echo notes for jane.doe@example.com", "date")
    assert sent["chars"] == len("echo notes for ") + len("date")
    assert sent["personal_values"] == 1
    assert sent["personal_chars"] == len("jane.doe@example.com")
    assert sent["personal_by_type"] == {"EMAIL_ADDRESS": 1}


def test_nothing_lost_when_each_value_is_one_redacted_event() -> None:
    events = [*presses("echo notes for "), redacted("<EMAIL_ADDRESS>"),
              InputEvent(0.0, "key_press", "enter", "\r"), *presses("echo call "),
              redacted("<PHONE_NUMBER>"), *presses(" later"),
              InputEvent(0.0, "button_press", button="left"),
              InputEvent(0.0, "scroll", dx=0, dy=-1)]
    sent = sent_for("echo notes for jane.doe@example.com", "echo call +44 20 7946 0958 later",
                    clicks=1, wheel=1)
    stored = count_events(events)
    assert stored["redacted_by_placeholder"] == {"<EMAIL_ADDRESS>": 1, "<PHONE_NUMBER>": 1}
    assert events_lost(sent, stored) == {"chars": 0, "personal_values": 0, "clicks": 0,
                                         "wheel": 0, "chars_missing": {}, "chars_extra": {}}


def test_lost_keys_and_values_are_counted() -> None:
    # "date" lost its "t"; the e-mail address was not stored at all.
    events = [*presses("da"), *presses("e"), *presses("echo notes for ")]
    lost = events_lost(sent_for("date", "echo notes for jane.doe@example.com"),
                       count_events(events))
    assert lost["chars"] == 1
    assert lost["chars_missing"] == {"t": 1}
    assert lost["personal_values"] == 1


def test_a_value_stored_as_presses_shows_as_extra_characters() -> None:
    # Unredacted: the value's characters are stored as presses and no redacted event.
    lost = events_lost(sent_for("x jane.doe@example.com"),
                       count_events(presses("x jane.doe@example.com")))
    assert lost["personal_values"] == 1
    assert lost["chars"] == -len("jane.doe@example.com")
    assert sum(lost["chars_extra"].values()) == len("jane.doe@example.com")


def test_a_shortcut_types_no_character() -> None:
    ctrl_l = [InputEvent(0.0, "key_press", "ctrl", None), InputEvent(0.0, "key_press", "l", "l"),
              InputEvent(0.0, "key_release", "l", "l"), InputEvent(0.0, "key_release", "ctrl")]
    stored = count_events([*ctrl_l, *presses("ls")])
    assert stored["chars"] == 2
    assert stored["char_counts"] == {"l": 1, "s": 1}
