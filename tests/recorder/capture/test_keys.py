"""One key vocabulary for every platform, and default hotkeys no common layout types with."""

from __future__ import annotations

import pytest

from recorder.capture.hotkeys import DEFAULT_HOTKEYS, Hotkey, HotkeyFilter, default_hotkeys
from recorder.capture.keys import (
    is_altgr_fake_ctrl,
    key_from_char,
    mac_key,
    normalize_key,
    windows_key,
)
from recorder.capture.windows import WindowsBackend
from recorder.capture.windows_api import KEY_DOWN, KEY_UP, KeyReport
from recorder.episode.model import MonitorInfo
from recorder.errors import UsageError
from recorder.export import AnthropicSpace, ExportOptions, Frame, OpenAISpace, PyAutoGuiSpace
from redaction.models import InputEvent
from tests.recorder.capture import fake_windows
from tests.recorder.capture.conftest import Stream


@pytest.mark.parametrize(("name", "ours"), [
    ("Command", "cmd"), ("cmd_l", "cmd"), ("Super_L", "cmd"), ("win", "cmd"), ("meta", "cmd"),
    ("super_r", "cmd_r"), ("Option", "alt"), ("alt_l", "alt"), ("option_r", "alt_r"),
    ("AltGr", "alt_gr"), ("ISO_Level3_Shift", "alt_gr"), ("<ctrl>", "ctrl"),
    ("Control", "ctrl"), ("ctrl_l", "ctrl"), ("Return", "enter"), ("Escape", "esc"),
    ("KP_Separator", "kp_decimal"), ("kp_enter", "kp_enter"), ("Prior", "page_up"),
    ("q", "q"), ("F12", "f12"),
])
def test_names_from_every_platform_meet(name: str, ours: str) -> None:
    assert normalize_key(name) == ours


@pytest.mark.parametrize(("char", "fallback", "out"), [
    ("a", "x", ("a", "a")), ("A", "x", ("a", "A")), ("\x11", "x", ("q", None)),
    ("\x01", "x", ("a", None)), (None, "f5", ("f5", None)),
    ("\r", "x", ("m", None)),  # Ctrl+M (Return is named by its key code before this)
    ("", "kp_1", ("kp_1", None)),
])
def test_key_from_char(char: str | None, fallback: str, out: tuple[str, str | None]) -> None:
    assert key_from_char(char, fallback) == out


@pytest.mark.parametrize(("keycode", "chars", "out"), [
    (0x0C, "q", ("q", "q")), (0x0C, "\x11", ("q", None)),  # Control+Q
    (0x0C, "a", ("a", "a")),  # AZERTY: the layout's letter wins over the ANSI position
    (0x52, "0", ("kp_0", "0")), (0x4C, "\x03", ("kp_enter", None)),
    (0x45, "+", ("kp_add", "+")), (0x37, "", ("cmd", None)), (0x3A, "", ("alt", None)),
    (0x7E, "\uf700", ("up", None)), (0x31, " ", (" ", " ")), (0x6F, "\x10", ("f12", None)),
])
def test_mac_keys(keycode: int, chars: str, out: tuple[str, str | None]) -> None:
    assert mac_key(keycode, chars) == out


@pytest.mark.parametrize(("vk", "char", "extended", "dead", "out"), [
    (0x51, "q", False, False, ("q", "q")), (0x51, "@", False, False, ("@", "@")),  # AltGr+Q
    (0x51, "\x11", False, False, ("q", None)), (0x51, None, False, False, ("q", None)),
    (0x0D, "\r", True, False, ("kp_enter", None)), (0x0D, "\r", False, False, ("enter", None)),
    (0x60, "0", False, False, ("kp_0", "0")), (0x6E, ",", False, False, ("kp_decimal", ",")),
    (0x5B, None, False, False, ("cmd", None)), (0xA5, None, False, False, ("alt_gr", None)),
    (0xDC, "^", False, True, ("dead_005e", None)), (0x7B, None, False, False, ("f12", None)),
])
def test_windows_keys(vk: int, char: str | None, extended: bool, dead: bool,
                      out: tuple[str, str | None]) -> None:
    assert windows_key(vk, char, extended, dead) == out


def test_altgr_fake_ctrl_is_only_the_scan_code_0x21d() -> None:
    assert is_altgr_fake_ctrl(0xA2, 0x21D)
    assert not is_altgr_fake_ctrl(0xA2, 0x1D)  # a real left Ctrl
    assert not is_altgr_fake_ctrl(0xA3, 0x21D)


#: Letters that Ctrl+Alt / AltGr turns into characters on Windows layouts (Microsoft's
#: keyboard layout pages): a Ctrl+Alt+letter hotkey could never fire there, and AltGr+letter
#: must never fire one.
ALTGR_LETTERS = {
    "German": {"q": "@", "e": "€", "m": "µ"},
    "French": {"e": "€"},
    "Polish (Programmers)": {"a": "ą", "c": "ć", "e": "ę", "l": "ł", "n": "ń", "o": "ó",
                             "s": "ś", "x": "ź", "z": "ż"},
    "Spanish": {"e": "€"},
    "US-International": {"q": "ä", "w": "å", "e": "é", "p": "ö", "s": "ß", "l": "ø",
                         "m": "µ", "n": "ñ", "c": "©"},
    "Czech": {"q": "\\", "w": "|", "e": "€", "f": "[", "g": "]", "b": "{", "n": "}",
              "x": "#", "c": "&", "v": "@", "s": "đ", "k": "ł"},
}


def test_windows_defaults_type_nothing_on_common_layouts() -> None:
    for spec in DEFAULT_HOTKEYS["win32"]:
        hotkey = Hotkey.parse(spec)
        # Ctrl+Alt is AltGr on Windows: the defaults never use both.
        assert not {"ctrl", "alt"} <= hotkey.modifiers
        assert hotkey.key.startswith("f") and hotkey.key[1:].isdigit()  # F-keys type nothing


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_ctrl_alt_defaults_where_ctrl_alt_is_not_altgr(platform: str) -> None:
    assert default_hotkeys(platform) == ("ctrl+alt+q", "ctrl+alt+p")


def test_defaults_by_platform() -> None:
    assert default_hotkeys("win32") == ("ctrl+shift+f12", "ctrl+shift+f11")
    assert default_hotkeys("linux") == ("ctrl+alt+q", "ctrl+alt+p")
    assert default_hotkeys("freebsd13") == ("ctrl+alt+q", "ctrl+alt+p")


def _windows_altgr(letter: str, char: str) -> list[InputEvent]:
    """AltGr+letter as the hook reports it (fake Ctrl with scan code 0x21D, right Alt, the
    letter's VK with the character the layout made), through the Windows backend's filter
    and translation."""
    backend = WindowsBackend({}, api=fake_windows.FakeWindows().module())
    hook = [(True, 0xA2, 0x21D, KeyReport(0xA2, special="ctrl_l")),
            (True, 0xA5, 0x38, KeyReport(0xA5, special="alt_gr")),
            (True, ord(letter.upper()), 0x10, KeyReport(ord(letter.upper()), char)),
            (False, ord(letter.upper()), 0x10, KeyReport(ord(letter.upper()), char)),
            (False, 0xA2, 0x21D, KeyReport(0xA2, special="ctrl_l")),
            (False, 0xA5, 0x38, KeyReport(0xA5, special="alt_gr"))]
    out = []
    for t, (down, vk, scan, report) in enumerate(hook):
        if is_altgr_fake_ctrl(vk, scan):  # what the backend's hook filter drops
            continue
        event = backend.translate((0.0, KEY_DOWN if down else KEY_UP, report), t / 10)
        assert event is not None
        out.append(event)
    return out


@pytest.mark.parametrize("layout", sorted(ALTGR_LETTERS))
def test_altgr_letters_type_and_never_fire_a_ctrl_alt_hotkey(layout: str) -> None:
    for letter, char in ALTGR_LETTERS[layout].items():
        hotkey_filter = HotkeyFilter({"stop": Hotkey.parse(f"ctrl+alt+{letter}")})
        passed: list[InputEvent] = []
        for event in _windows_altgr(letter, char):
            out, fired = hotkey_filter.feed(event)
            assert fired is None
            passed += out
        assert [(e.key, e.char) for e in passed if e.kind == "key_press"] == [
            ("alt_gr", None), (char.lower(), char)]
        assert not any(e.key == "ctrl" for e in passed)


def test_real_ctrl_alt_still_fires_and_altgr_cannot_be_a_hotkey_modifier() -> None:
    hotkey_filter = HotkeyFilter({"stop": Hotkey.parse("ctrl+alt+q")})
    stream = Stream().press("ctrl").press("alt").key("q").release("alt").release("ctrl")
    assert [hotkey_filter.feed(e)[1] for e in stream.events].count("stop") == 1
    with pytest.raises(UsageError, match="AltGr"):
        Hotkey.parse("altgr+q")


@pytest.mark.parametrize(("ours", "pyautogui", "anthropic", "openai"), [
    ("kp_1", "num1", "KP_1", "1"), ("kp_enter", "enter", "KP_Enter", "enter"),
    ("kp_add", "add", "KP_Add", "+"), ("alt_gr", "altright", "ISO_Level3_Shift", "alt"),
    ("dead_00b4", "dead_00b4", "dead_acute", "dead_00b4"),
    ("dead_0301", "dead_0301", "dead_acute", "dead_0301"),
    ("cmd_r", "win", "super", "super"), ("alt_r", "alt", "alt", "alt"),
    ("ctrl", "ctrl", "ctrl", "ctrl"), ("q", "q", "q", "q"),
])
def test_exports_map_the_vocabulary(ours: str, pyautogui: str, anthropic: str,
                                    openai: str) -> None:
    frame = Frame(640, 400, MonitorInfo(0, 0, 640, 400), "Linux")
    options = ExportOptions()
    assert PyAutoGuiSpace(frame, options).key(ours) == pyautogui
    assert AnthropicSpace(frame, options).key(ours) == anthropic
    assert OpenAISpace(frame, options).key(ours) == openai


def test_command_is_command_in_a_mac_episode() -> None:
    frame = Frame(640, 400, MonitorInfo(0, 0, 320, 200, 2.0), "Darwin")
    assert PyAutoGuiSpace(frame, ExportOptions()).key("cmd") == "command"
