"""Session hotkeys: parsing, and the filter that keeps their keys out of the steps."""

from __future__ import annotations

import pytest

from recorder.capture.hotkeys import Hotkey, HotkeyFilter, types_a_character
from recorder.errors import ExitCode, UsageError
from redaction.models import InputEvent
from tests.recorder.capture.conftest import Stream

HOTKEYS = {"stop": Hotkey.parse("ctrl+alt+q"), "pause": Hotkey.parse("<ctrl>+<alt>+p")}


def run(events: list[InputEvent]) -> tuple[list[InputEvent], list[str]]:
    hotkey_filter = HotkeyFilter(HOTKEYS)
    passed: list[InputEvent] = []
    fired: list[str] = []
    for event in events:
        out, name = hotkey_filter.feed(event)
        passed += out
        if name:
            fired.append(name)
    return passed, fired


def test_parse_and_print() -> None:
    assert Hotkey.parse("Control+Alt+Q") == Hotkey(frozenset({"ctrl", "alt"}), "q")
    assert str(Hotkey.parse("super+shift+f12")) == "shift+cmd+f12"
    assert Hotkey.parse("f9") == Hotkey(frozenset(), "f9")


@pytest.mark.parametrize("spec", ["", "ctrl+", "ctrl+alt", "hyper+q", "ctrl+?!"])
def test_bad_hotkeys_are_usage_errors(spec: str) -> None:
    with pytest.raises(UsageError) as info:
        Hotkey.parse(spec)
    assert info.value.exit_code == ExitCode.USAGE


def test_same_hotkey_twice_is_refused() -> None:
    with pytest.raises(UsageError):
        HotkeyFilter({"stop": Hotkey.parse("ctrl+q"), "pause": Hotkey.parse("control+q")})


def test_hotkey_keys_and_releases_are_swallowed(stream: Stream) -> None:
    stream.type("a").press("ctrl").press("alt").move(5, 5)  # the hand moves meanwhile
    stream.press("q", "q").press("q", "q")  # auto-repeat
    stream.release("ctrl").release("alt").release("q", "q").type("b")
    passed, fired = run(stream.events)
    assert fired == ["stop"]
    assert [(e.kind, e.key) for e in passed] == [
        ("key_press", "a"), ("key_release", "a"), ("move", None),
        ("key_press", "b"), ("key_release", "b")]


def test_other_combinations_pass_in_order(stream: Stream) -> None:
    stream.press("ctrl").press("alt").press("shift").key("q", "Q")  # extra modifier: no match
    stream.release("shift").release("alt").release("ctrl")
    stream.press("ctrl_r").key("p", "p").release("ctrl_r")  # missing alt: no match
    stream.key("cmd")  # a lone modifier
    stream.press("ctrl").button(1, 1).button(1, 1, pressed=False).release("ctrl")  # ctrl+click
    passed, fired = run(stream.events)
    assert fired == []
    assert passed == stream.events


def test_right_hand_modifiers_count(stream: Stream) -> None:
    stream.press("ctrl_r").press("alt_r").key("p", "p").release("alt_r").release("ctrl_r")
    passed, fired = run(stream.events)
    assert fired == ["pause"] and passed == []


@pytest.mark.parametrize(("key", "types"), [
    ("q", True), ("7", True), ("@", True), ("space", True), ("kp_1", True), ("kp_add", True),
    ("dead_0060", True),
    ("f1", False), ("f12", False), ("f24", False), ("esc", False), ("page_up", False),
    ("left", False), ("kp_enter", False), ("insert", False),
])
def test_types_a_character(key: str, types: bool) -> None:
    assert types_a_character(key) is types
