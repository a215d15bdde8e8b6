"""The session's own hotkeys (stop, pause/resume) and the filter that keeps them out of steps.

A hotkey is only known to be one when its last key arrives, after its modifiers were
pressed; so the filter holds modifier presses back until the next key decides. If that key
completes a hotkey, the held presses, the key and all their releases are swallowed: the
hotkey never reaches the step reducer, not even as a lone ``ctrl``.

AltGr never makes a hotkey: ``alt_gr`` is a family of its own that no hotkey may contain,
so a held AltGr never equals Ctrl+Alt (Windows reports AltGr as Ctrl+Alt: its backend drops
the fake Ctrl and names the right Alt ``alt_gr``; the key is named by the character AltGr
made, ``@`` for AltGr+Q on a German layout, not ``q``). The defaults differ by platform so
that none of them types a character on common layouts (:data:`DEFAULT_HOTKEYS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from recorder.capture.backend import BUTTON_PRESS, KEY_PRESS, KEY_RELEASE, SCROLL
from recorder.capture.keys import normalize_key
from recorder.errors import UsageError
from redaction.models import InputEvent

#: Key name -> modifier family. ``alt_gr`` types characters, so it is not a hotkey modifier.
MODIFIER_FAMILY: dict[str, str] = {
    "shift": "shift", "shift_l": "shift", "shift_r": "shift",
    "ctrl": "ctrl", "ctrl_l": "ctrl", "ctrl_r": "ctrl",
    "alt": "alt", "alt_l": "alt", "alt_r": "alt",
    "cmd": "cmd", "cmd_l": "cmd", "cmd_r": "cmd",
    "alt_gr": "alt_gr",
}
#: The order modifiers are listed in, in hotkeys and ``modifiers`` fields.
MODIFIER_ORDER = ("ctrl", "alt", "shift", "cmd", "alt_gr")

#: (stop, pause) by ``sys.platform`` prefix. Linux (X11): AltGr is its own key (``alt_gr``)
#: and Ctrl+Alt+letter types nothing. macOS: Control suppresses Option's characters and there
#: is no AltGr ("@" is Option+L on a German Mac). Windows treats Ctrl+Alt as AltGr, so
#: Ctrl+Alt+Q types "@" (German), Ctrl+Alt+E "€" (German, French, Polish), Ctrl+Alt+A/C/L/S...
#: Polish letters: no Ctrl+Alt+letter is safe there; Ctrl+Shift+F11/F12 type nothing on any
#: layout.
DEFAULT_HOTKEYS: dict[str, tuple[str, str]] = {
    "linux": ("ctrl+alt+q", "ctrl+alt+p"),
    "darwin": ("ctrl+alt+q", "ctrl+alt+p"),
    "win32": ("ctrl+shift+f12", "ctrl+shift+f11"),
    "cygwin": ("ctrl+shift+f12", "ctrl+shift+f11"),
}


def default_hotkeys(platform: str | None = None) -> tuple[str, str]:
    """The default ``(stop, pause)`` hotkeys for ``platform`` (this machine's by default)."""
    from recorder.capture import platforms

    platform = platforms.current_platform() if platform is None else platform
    for prefix, pair in DEFAULT_HOTKEYS.items():
        if platform.startswith(prefix):
            return pair
    return DEFAULT_HOTKEYS["linux"]


#: Modifier families that make a key type nothing (Shift alone still types: shift+q is "Q").
NON_TYPING_MODIFIERS = frozenset({"ctrl", "alt", "cmd"})


def types_a_character(key: str) -> bool:
    """Whether ``key`` (a normalized name) types a character: letters, digits, punctuation,
    space, the keypad's digits and operators, dead keys. F1-F24, arrows, Esc... do not."""
    return (len(key) == 1 or key == "space" or key.startswith("dead_")
            or (key.startswith("kp_") and key != "kp_enter"))


def order_modifiers(families: set[str] | frozenset[str]) -> tuple[str, ...]:
    return tuple(m for m in MODIFIER_ORDER if m in families)


@dataclass(frozen=True, slots=True)
class Hotkey:
    """Modifier families plus one key, e.g. ``ctrl+alt+q``. Matching is exact."""

    modifiers: frozenset[str]
    key: str

    @classmethod
    def parse(cls, spec: str) -> Hotkey:
        """Parse ``ctrl+alt+q`` (pynput's ``<ctrl>+<alt>+q`` also works)."""
        parts = [p.strip().strip("<>").lower() for p in spec.split("+")]
        if not parts or any(not p for p in parts):
            raise UsageError(f"hotkey {spec!r} is not of the form ctrl+alt+q")
        names = [normalize_key(p) for p in parts]
        *mods, key = names
        families = set()
        for mod in mods:
            family = MODIFIER_FAMILY.get(mod)
            if family == "alt_gr":
                raise UsageError(f"hotkey {spec!r}: AltGr types characters; it cannot be part "
                                 "of a hotkey")
            if family is None:
                raise UsageError(f"hotkey {spec!r}: {mod!r} is not a modifier")
            families.add(family)
        if key in MODIFIER_FAMILY:
            raise UsageError(f"hotkey {spec!r} must end with a key that is not a modifier")
        if len(key) > 1 and not key.replace("_", "").isalnum():
            raise UsageError(f"hotkey {spec!r}: unknown key {key!r}")
        return cls(frozenset(families), key)

    def __str__(self) -> str:
        return "+".join((*order_modifiers(self.modifiers), self.key))


class HotkeyFilter:
    """Passes input events on, minus the keys of the configured hotkeys.

    :meth:`feed` returns the events to pass on (possibly earlier held-back modifier presses
    first) and the name of the hotkey that fired, if any. Pointer moves pass straight
    through (they do not release held modifiers: the hand is often on the mouse while
    pressing a hotkey); clicks and scrolls release them, since ``ctrl+click`` is input.
    """

    def __init__(self, hotkeys: Mapping[str, Hotkey]) -> None:
        seen: dict[Hotkey, str] = {}
        for name, hotkey in hotkeys.items():
            if hotkey in seen:
                raise UsageError(f"the {seen[hotkey]} and {name} hotkeys are the same ({hotkey})")
            seen[hotkey] = name
        self._hotkeys = seen
        self._held: dict[str, str] = {}  # held modifier key name -> family
        self._buffer: list[InputEvent] = []  # held-back modifier presses
        self._swallowed: set[str] = set()  # keys whose releases (and repeats) are swallowed
        self.swallowed_count = 0

    def feed(self, event: InputEvent) -> tuple[list[InputEvent], str | None]:
        kind = event.kind
        if kind == KEY_PRESS:
            return self._press(event)
        if kind == KEY_RELEASE:
            return self._release(event), None
        if kind in (BUTTON_PRESS, SCROLL) and self._buffer:
            out, self._buffer = [*self._buffer, event], []
            return out, None
        return [event], None

    def _press(self, event: InputEvent) -> tuple[list[InputEvent], str | None]:
        key = event.key or ""
        if key in self._swallowed:  # auto-repeat of a hotkey's key
            self.swallowed_count += 1
            return [], None
        family = MODIFIER_FAMILY.get(key)
        if family is not None:
            self._held[key] = family
            self._buffer.append(event)
            return [], None
        fired = self._hotkeys.get(Hotkey(frozenset(self._held.values()), key))
        if fired is None:
            out, self._buffer = [*self._buffer, event], []
            return out, None
        held_back = {e.key or "" for e in self._buffer}
        self.swallowed_count += 1 + len(self._buffer)
        self._buffer = []
        self._swallowed |= held_back | {key}
        return [], fired

    def _release(self, event: InputEvent) -> list[InputEvent]:
        key = event.key or ""
        self._held.pop(key, None)
        if key in self._swallowed:
            self._swallowed.discard(key)
            self.swallowed_count += 1
            return []
        if any(e.key == key for e in self._buffer):
            # A modifier pressed and released alone is input (a lone Super opens menus).
            out, self._buffer = [*self._buffer, event], []
            return out
        return [event]

    def reset(self) -> None:
        """Forget held keys (after a pause: their releases were never seen)."""
        self._buffer = []
