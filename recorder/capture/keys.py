"""Key names, normalised in one place for every platform.

Every backend names keys in one vocabulary (pynput's, lowercase): modifiers ``ctrl``,
``ctrl_r``, ``shift``, ``shift_r``, ``alt`` (Option on a Mac), ``alt_r``, ``alt_gr``, ``cmd``
(Command, the Windows key, Super), ``cmd_r``; special keys ``enter``, ``tab``, ``esc``,
``backspace``, ``delete``, ``left``, ``page_up``, ``f1``...; the keypad ``kp_0``...``kp_9``,
``kp_decimal``, ``kp_add``, ``kp_subtract``, ``kp_multiply``, ``kp_divide``, ``kp_enter``,
``kp_equal``; dead keys ``dead_XXXX`` (the code point of the accent, as X11 reports it);
other keys by their lowercase character. ``char`` is what the key typed, if anything.

The exports (``recorder/export.py``) map this vocabulary to each action space.
"""

from __future__ import annotations

#: Spellings people and platforms use -> our name (hotkey specs, platform key names).
ALIASES: dict[str, str] = {
    "control": "ctrl", "ctl": "ctrl", "ctrl_l": "ctrl", "lctrl": "ctrl", "rctrl": "ctrl_r",
    "super": "cmd", "super_l": "cmd", "super_r": "cmd_r", "win": "cmd", "windows": "cmd",
    "win_l": "cmd", "win_r": "cmd_r", "meta": "cmd", "command": "cmd", "cmd_l": "cmd",
    "option": "alt", "opt": "alt", "alt_l": "alt", "option_r": "alt_r",
    "shift_l": "shift", "altgr": "alt_gr", "iso_level3_shift": "alt_gr",
    "escape": "esc", "return": "enter", "del": "delete", "pgup": "page_up",
    "pgdn": "page_down", "prior": "page_up", "next": "page_down", "backspace": "backspace",
    "capslock": "caps_lock", "numlock": "num_lock", "kp_separator": "kp_decimal",
}

#: Keys that only modify others. ``alt_gr`` types characters: never a hotkey modifier.
MODIFIER_KEYS = frozenset({"shift", "shift_r", "ctrl", "ctrl_r", "alt", "alt_r", "cmd",
                           "cmd_r", "alt_gr", "fn"})


def normalize_key(name: str) -> str:
    """Our name for a key name from any platform or from a hotkey spec (``Option``,
    ``Super_L``, ``<ctrl>``, ``AltGr``...)."""
    key = name.strip().strip("<>").lower()
    return ALIASES.get(key, key)


def letter_of_control_char(char: str | None) -> str | None:
    """Ctrl+letter arrives as a control character on macOS and Windows (Ctrl+Q is U+0011):
    the letter the layout put there, or None."""
    if char is not None and len(char) == 1 and 0x01 <= ord(char) <= 0x1A:
        return chr(ord(char) + 0x60)
    return None


def printable(char: str | None) -> str | None:
    """``char`` when it is text a user typed (not a control character), else None."""
    if not char or any(ord(c) < 0x20 or ord(c) == 0x7F for c in char):
        return None
    return char


def dead_key_name(accent: str) -> str:
    """``dead_00b4`` for a dead acute: the same name on every platform."""
    return f"dead_{ord(accent[0]):04x}"


def key_from_char(char: str | None, fallback: str) -> tuple[str, str | None]:
    """``(name, char)`` for a key that produced ``char``: the lowercase character, the letter
    of a control character (``char`` None: nothing was typed), else ``fallback``."""
    text = printable(char)
    if text is not None:
        return text.lower(), text
    letter = letter_of_control_char(char)
    if letter is not None:
        return letter, None
    return fallback, None


# -- macOS ---------------------------------------------------------------------------------
#: Virtual key codes (``kVK_*``, HIToolbox ``Events.h``) -> our names. Letter and digit codes
#: are positions on the ANSI layout: used only when the event carries no character.
MAC_KEYCODES: dict[int, str] = {
    0x24: "enter", 0x30: "tab", 0x31: "space", 0x33: "backspace", 0x35: "esc",
    0x37: "cmd", 0x36: "cmd_r", 0x38: "shift", 0x3C: "shift_r", 0x39: "caps_lock",
    0x3A: "alt", 0x3D: "alt_r", 0x3B: "ctrl", 0x3E: "ctrl_r", 0x3F: "fn",
    0x48: "media_volume_up", 0x49: "media_volume_down", 0x4A: "media_volume_mute",
    0x72: "insert", 0x73: "home", 0x74: "page_up", 0x75: "delete", 0x77: "end",
    0x79: "page_down", 0x7B: "left", 0x7C: "right", 0x7D: "down", 0x7E: "up",
    0x7A: "f1", 0x78: "f2", 0x63: "f3", 0x76: "f4", 0x60: "f5", 0x61: "f6", 0x62: "f7",
    0x64: "f8", 0x65: "f9", 0x6D: "f10", 0x67: "f11", 0x6F: "f12", 0x69: "f13",
    0x6B: "f14", 0x71: "f15", 0x6A: "f16", 0x40: "f17", 0x4F: "f18", 0x50: "f19",
    0x5A: "f20",
    # The keypad.
    0x52: "kp_0", 0x53: "kp_1", 0x54: "kp_2", 0x55: "kp_3", 0x56: "kp_4", 0x57: "kp_5",
    0x58: "kp_6", 0x59: "kp_7", 0x5B: "kp_8", 0x5C: "kp_9", 0x41: "kp_decimal",
    0x43: "kp_multiply", 0x45: "kp_add", 0x47: "num_lock", 0x4B: "kp_divide",
    0x4C: "kp_enter", 0x4E: "kp_subtract", 0x51: "kp_equal",
    # ANSI letters and digits (positions).
    0x00: "a", 0x0B: "b", 0x08: "c", 0x02: "d", 0x0E: "e", 0x03: "f", 0x05: "g", 0x04: "h",
    0x22: "i", 0x26: "j", 0x28: "k", 0x25: "l", 0x2E: "m", 0x2D: "n", 0x1F: "o", 0x23: "p",
    0x0C: "q", 0x0F: "r", 0x01: "s", 0x11: "t", 0x20: "u", 0x09: "v", 0x0D: "w", 0x07: "x",
    0x10: "y", 0x06: "z", 0x1D: "0", 0x12: "1", 0x13: "2", 0x14: "3", 0x15: "4", 0x17: "5",
    0x16: "6", 0x1A: "7", 0x1C: "8", 0x19: "9",
}
#: Keys whose name wins over the character they carry (the keypad types digits, Return
#: carries U+000D, the arrows carry private-use characters).
MAC_NAMED_FIRST = frozenset(code for code, name in MAC_KEYCODES.items()
                            if len(name) > 1 and name != "space")

#: ``CGEventFlags`` modifier masks (``CGEventTypes.h``) -> the modifier family they hold.
MAC_FLAG_MASKS: dict[str, int] = {
    "caps_lock": 0x00010000, "shift": 0x00020000, "ctrl": 0x00040000, "alt": 0x00080000,
    "cmd": 0x00100000, "fn": 0x00800000,
}
#: Which flag a modifier key's press sets.
MAC_MODIFIER_FLAG: dict[str, str] = {
    "shift": "shift", "shift_r": "shift", "ctrl": "ctrl", "ctrl_r": "ctrl", "alt": "alt",
    "alt_r": "alt", "cmd": "cmd", "cmd_r": "cmd", "caps_lock": "caps_lock", "fn": "fn",
}


def mac_key(keycode: int, chars: str | None) -> tuple[str, str | None]:
    """``(name, char)`` of a macOS key event from its keycode and its Unicode string
    (``CGEventKeyboardGetUnicodeString``; empty for a dead key's press)."""
    if keycode in MAC_NAMED_FIRST:
        name = MAC_KEYCODES[keycode]
        return name, printable(chars) if name.startswith("kp_") else None
    return key_from_char(chars, MAC_KEYCODES.get(keycode, f"<{keycode}>"))


# -- Windows -------------------------------------------------------------------------------
#: Virtual-key codes (learn.microsoft.com, "Virtual-Key Codes") -> our names. Letters and
#: digits (0x30-0x5A) are named by the code itself: on Windows a layout's VK for a letter is
#: the letter printed on it.
WIN_VK: dict[int, str] = {
    0x08: "backspace", 0x09: "tab", 0x0D: "enter", 0x13: "pause", 0x14: "caps_lock",
    0x1B: "esc", 0x20: "space", 0x21: "page_up", 0x22: "page_down", 0x23: "end",
    0x24: "home", 0x25: "left", 0x26: "up", 0x27: "right", 0x28: "down",
    0x2C: "print_screen", 0x2D: "insert", 0x2E: "delete", 0x5B: "cmd", 0x5C: "cmd_r",
    0x5D: "menu", 0x90: "num_lock", 0x91: "scroll_lock",
    0x10: "shift", 0xA0: "shift", 0xA1: "shift_r", 0x11: "ctrl", 0xA2: "ctrl",
    0xA3: "ctrl_r", 0x12: "alt", 0xA4: "alt", 0xA5: "alt_gr",
    0x60: "kp_0", 0x61: "kp_1", 0x62: "kp_2", 0x63: "kp_3", 0x64: "kp_4", 0x65: "kp_5",
    0x66: "kp_6", 0x67: "kp_7", 0x68: "kp_8", 0x69: "kp_9", 0x6A: "kp_multiply",
    0x6B: "kp_add", 0x6C: "kp_decimal", 0x6D: "kp_subtract", 0x6E: "kp_decimal",
    0x6F: "kp_divide",
    **{0x70 + n: f"f{n + 1}" for n in range(24)},
}
VK_LCONTROL = 0xA2
#: The scan code Windows gives the Ctrl press it fakes before AltGr (KBDLLHOOKSTRUCT).
ALTGR_FAKE_CTRL_SCAN = 0x21D


def windows_key(vk: int | None, char: str | None, extended: bool = False,
                is_dead: bool = False) -> tuple[str, str | None]:
    """``(name, char)`` of a Windows key event from its VK and the character the layout
    produced (ToUnicodeEx, with the modifiers held: AltGr+Q is ``@`` on a German layout).
    Enter on the keypad is the extended VK_RETURN."""
    if is_dead and char:
        return dead_key_name(char), None
    if vk == 0x0D and extended:
        return "kp_enter", None
    if vk is not None and vk in WIN_VK:
        name = WIN_VK[vk]
        return name, printable(char) if name.startswith("kp_") or name == "space" else None
    fallback = chr(vk).lower() if vk is not None and (0x30 <= vk <= 0x39 or 0x41 <= vk <= 0x5A) \
        else f"<{vk}>"
    return key_from_char(char, fallback)


def is_altgr_fake_ctrl(vk: int, scan: int) -> bool:
    """The Ctrl press Windows sends before AltGr (scan code 0x21D): not a real Ctrl."""
    return vk == VK_LCONTROL and scan == ALTGR_FAKE_CTRL_SCAN
