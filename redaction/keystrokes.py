"""Rebuilding what was typed from raw key events, with per-character provenance and a full log.

:func:`rebuild_typing` replays key *presses* against a model of a single-line text field (a
key's release can carry a different char than its press, so releases never type). It knows:

* characters: the event's ``char`` is the produced character (shift, caps lock and the layout
  already applied by the capture layer); when ``char`` is missing for a one-character key name
  (``key='a'``), shift and caps lock are applied here (US layout for shifted symbols);
* ``backspace``/``delete`` (and with ``ctrl``: delete the word before/after the cursor);
* ``left``/``right`` (``ctrl``: by word), ``home``/``end`` (``up``/``down`` act as home/end in a
  single-line field); with ``shift`` all of these extend a selection;
* ``ctrl+a`` selects all; typing or deleting over a selection replaces it;
* ``ctrl+c``/``ctrl+x`` copy/cut the selection (so a later paste of it is known, with the
  provenance of the original keys); ``ctrl+v``/``shift+insert`` paste: known content when it
  was copied during this typing, otherwise one *unknown* character (U+FFFC);
* ``tab``, ``enter``, ``esc`` and mouse clicks end a typing run (focus may have moved);
* keys we cannot model (undo, insert mode, ctrl+k, ...) mark the run ``uncertain``;
* a ``redacted`` event (what redaction left of a secret run: one event, no per-key timing)
  types its ``char``, the placeholder, as one token: one character of the field, deleted
  whole by one backspace (with no ``char``, the run was typed and erased: it types nothing).

Each run records, per character of its final text, the index of the event that typed it, and
a log of every character ever inserted (deleted ones included). ``log_text`` holds the field's
content as it was just before each deletion, so a value typed and then erased is analysed
whole. Everything here lives in memory only: it holds what the volunteer typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Final

from redaction.lexicon import words
from redaction.models import InputEvent

#: Stands in for content we could not see (a paste from outside the typing).
UNKNOWN_CHAR: Final = "\ufffc"
#: How such content reads in step text.
PASTED: Final = "<PASTED>"
#: Separates snapshots in a run's ``log_text`` (and runs in :attr:`TypedText.text`).
SNAPSHOT_SEPARATOR: Final = "\n"
#: A snapshot keeps at most this many characters on each side of the edit point.
SNAPSHOT_WINDOW: Final = 240
#: The kind of the one event that stands for a redacted run of keys (see the module docstring).
REDACTED_EVENT: Final = "redacted"

_SHIFT = frozenset({"shift", "shift_l", "shift_r"})
_CTRL = frozenset({"ctrl", "ctrl_l", "ctrl_r", "control", "control_l", "control_r"})
_ALT = frozenset({"alt", "alt_l", "alt_r", "meta", "meta_l", "meta_r"})
_CMD = frozenset({"cmd", "cmd_l", "cmd_r", "super", "super_l", "super_r", "win"})
_MODIFIERS = (
    _SHIFT
    | _CTRL
    | _ALT
    | _CMD
    | {"alt_gr", "caps_lock", "num_lock", "scroll_lock", "fn", "iso_level3_shift"}
)
_RUN_ENDERS = {
    "tab": "tab",
    "enter": "enter",
    "return": "enter",
    "kp_enter": "enter",
    "esc": "esc",
    "escape": "esc",
}
#: Keys that move focus or the view without changing the field's text.
_NEUTRAL = frozenset(
    {
        "page_up",
        "page_down",
        "print_screen",
        "pause",
        "menu",
        "media_play_pause",
        "media_volume_up",
        "media_volume_down",
        "media_volume_mute",
        "media_next",
        "media_previous",
    }
    | {f"f{i}" for i in range(1, 25)}
)
_NAMED_CHARS = {"space": " "}
_US_SHIFTED = dict(zip("`1234567890-=[]\\;',./", '~!@#$%^&*()_+{}|:"<>?', strict=True))


@dataclass(frozen=True, slots=True)
class TypedChar:
    """One inserted character in the log: what, which event, and whether it survived."""

    char: str = field(repr=False)
    #: Index (into the events given to :func:`rebuild_typing`) of the press that typed it.
    event: int | None
    deleted: bool
    #: Content we could not see (a paste from outside the typing).
    unknown: bool = False
    #: Index of the press that deleted it (None while it survives).
    deleted_by: int | None = None


@dataclass(frozen=True, slots=True)
class TypedRun:
    """One typing run: what one text field received between focus changes.

    Holds typed text: its repr shows none of it.
    """

    text: str = field(repr=False)
    #: Per character of ``text``: the index of the event that typed it.
    provenance: tuple[int | None, ...]
    #: The field's content just before each deletion, joined by newlines (deleted text
    #: included), for analysis; ``log_provenance`` maps its characters to events.
    log_text: str = field(repr=False)
    log_provenance: tuple[int | None, ...]
    #: What ended the run: "tab", "enter", "esc", "click", or None (the events ended).
    ended_by: str | None
    #: Something happened that the field model cannot follow (undo, unknown key, ...).
    uncertain: bool
    #: Indices of the key events that belong to this run (presses and releases).
    events: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TypedText:
    """The rebuilt typing of a sequence of events. Holds personal data: memory only."""

    runs: tuple[TypedRun, ...]
    #: Every character ever inserted, in order, with whether it was deleted later.
    log: tuple[TypedChar, ...]
    #: The release event that belongs to each press (by event index).
    release_of: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def text(self) -> str:
        """All runs' final texts; a run ended by Tab is followed by a tab, others by a newline."""
        return "".join(
            run.text + _separator(run, last=i == len(self.runs) - 1)
            for i, run in enumerate(self.runs)
        )

    @property
    def final_provenance(self) -> tuple[int | None, ...]:
        out: list[int | None] = []
        for i, run in enumerate(self.runs):
            out.extend(run.provenance)
            out.extend([None] * len(_separator(run, last=i == len(self.runs) - 1)))
        return tuple(out)

    @property
    def uncertain(self) -> bool:
        return any(run.uncertain for run in self.runs)

    def __repr__(self) -> str:
        # Never show typed text in a repr (tracebacks, debuggers).
        return f"TypedText(<{len(self.runs)} runs, {len(self.log)} chars typed>)"


def _separator(run: TypedRun, last: bool) -> str:
    if last and run.ended_by is None:
        return ""
    return "\t" if run.ended_by == "tab" else "\n"


@dataclass(slots=True)
class _Cell:
    char: str
    event: int | None
    log_index: int
    unknown: bool = False


class _Field:
    """The mutable single-line text field of one run."""

    def __init__(self, log: list[TypedChar]) -> None:
        self.cells: list[_Cell] = []
        self.cursor = 0
        self.anchor: int | None = None
        self.log = log
        self.snapshots: list[list[_Cell]] = []
        self.dirty = False
        self.uncertain = False
        self.events: list[int] = []
        #: The press being replayed (what a deletion is attributed to).
        self.press: int | None = None

    # -- selection
    def selection(self) -> tuple[int, int] | None:
        if self.anchor is None or self.anchor == self.cursor:
            return None
        return min(self.anchor, self.cursor), max(self.anchor, self.cursor)

    def move(self, target: int, extend: bool) -> None:
        target = max(0, min(len(self.cells), target))
        if extend:
            if self.anchor is None:
                self.anchor = self.cursor
        else:
            self.anchor = None
        self.cursor = target

    # -- edits
    def snapshot(self) -> None:
        if not self.dirty or not self.cells:
            return
        lo = max(0, self.cursor - SNAPSHOT_WINDOW)
        hi = min(len(self.cells), self.cursor + SNAPSHOT_WINDOW)
        self.snapshots.append(list(self.cells[lo:hi]))
        self.dirty = False

    def delete_range(self, start: int, end: int) -> None:
        if start >= end:
            return
        self.snapshot()
        for cell in self.cells[start:end]:
            entry = self.log[cell.log_index]
            self.log[cell.log_index] = TypedChar(
                entry.char, entry.event, True, entry.unknown, self.press
            )
        del self.cells[start:end]
        self.cursor = start
        self.anchor = None

    def delete_selection(self) -> bool:
        selected = self.selection()
        if selected is None:
            self.anchor = None
            return False
        self.delete_range(*selected)
        return True

    def insert(self, chars: Sequence[tuple[str, int | None, bool]]) -> None:
        self.delete_selection()
        for char, event, unknown in chars:
            self.log.append(TypedChar(char, event, False, unknown))
            self.cells.insert(self.cursor, _Cell(char, event, len(self.log) - 1, unknown))
            self.cursor += 1
        self.dirty = True

    def text(self) -> str:
        return "".join(c.char for c in self.cells)

    # -- word boundaries (a word is a run of letters/digits/underscore; a token is not)
    def word_left(self, position: int) -> int:
        text = [c.char for c in self.cells]
        i = position
        while i > 0 and not _is_word_char(text[i - 1]):
            i -= 1
        while i > 0 and _is_word_char(text[i - 1]):
            i -= 1
        return i

    def word_right(self, position: int) -> int:
        text = [c.char for c in self.cells]
        i = position
        while i < len(text) and not _is_word_char(text[i]):
            i += 1
        while i < len(text) and _is_word_char(text[i]):
            i += 1
        return i

    def to_run(self, ended_by: str | None) -> TypedRun:
        self.snapshot_final()
        log_chars: list[str] = []
        log_prov: list[int | None] = []
        seen: set[tuple[tuple[str, int | None], ...]] = set()
        for snap in self.snapshots:
            key = tuple((c.char, c.event) for c in snap)
            if key in seen:
                continue
            seen.add(key)
            if log_chars:
                log_chars.append(SNAPSHOT_SEPARATOR)
                log_prov.append(None)
            log_chars.extend(c.char for c in snap)
            log_prov.extend(c.event for c in snap for _ in c.char)
        return TypedRun(
            text=self.text(),
            provenance=tuple(c.event for c in self.cells for _ in c.char),
            log_text="".join(log_chars),
            log_provenance=tuple(log_prov),
            ended_by=ended_by,
            uncertain=self.uncertain,
            events=tuple(self.events),
        )

    def snapshot_final(self) -> None:
        # Only snapshots taken before deletions go into the log; the final text is analysed
        # on its own.
        pass


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _char_of(event: InputEvent, shift: bool, caps: bool) -> str | None:
    """The character a key press produces, or None."""
    if event.char is not None and event.char != "":
        return event.char if event.char.isprintable() or event.char == "\t" else None
    key = event.key or ""
    if key in _NAMED_CHARS:
        return _NAMED_CHARS[key]
    if len(key) == 1 and key.isprintable():
        if key.isalpha():
            upper = shift != caps
            return key.upper() if upper else key.lower()
        if shift:
            return _US_SHIFTED.get(key, key)
        return key
    return None


def rebuild_typing(events: Sequence[InputEvent]) -> TypedText:
    """Replay key presses against a text-field model; see the module docstring.

    Returns runs (split at Tab, Enter, Esc and clicks) with per-character provenance, the
    log of every inserted character, and the press-to-release pairing of key events.
    """
    log: list[TypedChar] = []
    runs: list[TypedRun] = []
    held: set[str] = set()
    caps = False
    clipboard: list[_Cell] | None = None
    current = _Field(log)
    release_of: dict[int, int] = {}
    open_presses: list[tuple[int, str, str | None]] = []  # (index, key, char) awaiting release

    def end_run(reason: str | None) -> None:
        nonlocal current
        if current.cells or current.snapshots or current.events:
            runs.append(current.to_run(reason))
        current = _Field(log)

    for index, event in enumerate(events):
        kind = event.kind
        if kind in ("button_press", "click_press"):
            end_run("click")
            continue
        if kind == REDACTED_EVENT:
            current.events.append(index)
            if event.char:
                current.press = index
                current.insert([(event.char, index, False)])
            continue
        if kind == "key_release":
            key = (event.key or "").lower()
            held.discard(key)
            _pair_release(index, event, open_presses, release_of)
            if release_of and index in release_of.values():
                current.events.append(index)
            continue
        if kind != "key_press":
            continue
        key = (event.key or "").lower()
        current.events.append(index)
        current.press = index
        open_presses.append((index, key, event.char))
        if key in _MODIFIERS:
            if key == "caps_lock":
                caps = not caps
            else:
                held.add(key)
            continue
        shift = bool(held & _SHIFT)
        ctrl = bool(held & _CTRL)
        alt = bool(held & _ALT)
        cmd = bool(held & _CMD)
        shortcut = ctrl or cmd  # cmd on macOS plays ctrl's role
        if key in _RUN_ENDERS and not shortcut and not alt:
            end_run(_RUN_ENDERS[key])
            continue
        if key in _NEUTRAL:
            continue
        field_ = current
        if key == "backspace":
            if not field_.delete_selection():
                if shortcut or alt:
                    field_.delete_range(field_.word_left(field_.cursor), field_.cursor)
                elif field_.cursor > 0:
                    field_.delete_range(field_.cursor - 1, field_.cursor)
            continue
        if key == "delete":
            if shift and not shortcut:  # shift+delete: cut
                clipboard = _selected_cells(field_) or clipboard
                field_.delete_selection()
                continue
            if not field_.delete_selection():
                if shortcut:
                    field_.delete_range(field_.cursor, field_.word_right(field_.cursor))
                elif field_.cursor < len(field_.cells):
                    field_.delete_range(field_.cursor, field_.cursor + 1)
            continue
        if key in words("typing", "rebuild_typing"):
            _move(field_, key, shift, shortcut)
            continue
        if key == "insert":
            if shift and not shortcut:
                _paste(field_, clipboard, index)
            elif shortcut:  # ctrl+insert: copy
                clipboard = _selected_cells(field_) or clipboard
            else:
                field_.uncertain = True  # insert/overwrite mode toggled: not modelled
            continue
        char = _char_of(event, shift, caps)
        letter = key if len(key) == 1 else (char.lower() if char and len(char) == 1 else "")
        if shortcut and not alt:
            if letter == "a":
                field_.anchor = 0
                field_.cursor = len(field_.cells)
            elif letter == "c":
                clipboard = _selected_cells(field_) or clipboard
            elif letter == "x":
                clipboard = _selected_cells(field_) or clipboard
                field_.delete_selection()
            elif letter == "v":
                _paste(field_, clipboard, index)
            else:
                # ctrl+z, ctrl+k, ...: an editing command we cannot follow.
                field_.uncertain = True
            continue
        if alt and "alt_gr" not in held:
            field_.uncertain = True  # alt+key: a menu accelerator or an editor command
            continue
        if char is None:
            field_.uncertain = True  # a key that types nothing we know of
            continue
        field_.insert([(char, index, False)])

    end_run(None)
    return TypedText(runs=tuple(runs), log=tuple(log), release_of=MappingProxyType(release_of))


def _pair_release(
    index: int,
    event: InputEvent,
    open_presses: list[tuple[int, str, str | None]],
    release_of: dict[int, int],
) -> None:
    """Pair a release with the earliest open press of the same key (or the same character,
    case-insensitively: 'H' pressed, 'h' released)."""
    key = (event.key or "").lower()
    char = (event.char or "").lower()
    for position, (press, press_key, press_char) in enumerate(open_presses):
        if (
            press_key == key
            or (char and (press_char or "").lower() == char)
            or (key and (press_char or "").lower() == key)
        ):
            release_of[press] = index
            del open_presses[position]
            return


def _selected_cells(field_: _Field) -> list[_Cell] | None:
    selected = field_.selection()
    if selected is None:
        return None
    return [
        _Cell(c.char, c.event, c.log_index, c.unknown)
        for c in field_.cells[selected[0] : selected[1]]
    ]


def _paste(field_: _Field, clipboard: list[_Cell] | None, index: int) -> None:
    if clipboard:
        # Known content: keep the provenance of the keys that originally typed it.
        field_.insert([(c.char, c.event, c.unknown) for c in clipboard])
    else:
        field_.insert([(UNKNOWN_CHAR, index, True)])


def _move(field_: _Field, key: str, shift: bool, word: bool) -> None:
    selected = field_.selection()
    if key in ("left", "right") and selected is not None and not shift:
        # An arrow collapses a selection to its edge.
        field_.move(selected[0] if key == "left" else selected[1], extend=False)
        return
    if key == "left":
        target = field_.word_left(field_.cursor) if word else field_.cursor - 1
    elif key == "right":
        target = field_.word_right(field_.cursor) if word else field_.cursor + 1
    elif key in ("home", "up"):
        target = 0
    else:
        target = len(field_.cells)
    field_.move(target, extend=shift)


def replay_text(events: Sequence[InputEvent]) -> str:
    """The final text a replay of ``events`` produces (what a reader of stored events sees):
    a redacted step's ``text`` is exactly this. Pasted content we could not see reads as
    ``<PASTED>``."""
    return rebuild_typing(events).text.replace(UNKNOWN_CHAR, PASTED)


def typed_presses(events: Sequence[InputEvent], typed: TypedText) -> set[int]:
    """The key presses that typed a character (``typed`` is the rebuild of ``events``), and
    those that may have though the field model could not follow them (a printable ``char``
    pressed with alt: macOS's option types characters), but not key combinations with ctrl
    or cmd, which type nothing, nor pastes, whose content was never seen."""
    presses = {
        c.event
        for c in typed.log
        if c.event is not None and not c.unknown and events[c.event].kind == "key_press"
    }
    held: set[str] = set()
    for index, event in enumerate(events):
        key = (event.key or "").lower()
        if event.kind == "key_release":
            held.discard(key)
        elif event.kind == "key_press":
            if key in _CTRL or key in _CMD:
                held.add(key)
            elif not held and event.char and event.char.isprintable():
                presses.add(index)
    return presses


def collapse_runs(
    events: Sequence[InputEvent],
    doomed: Mapping[int, str],
    typed: TypedText,
    placeholder: Callable[[str], str],
) -> list[InputEvent]:
    """``events`` with each secret run replaced by one ``redacted`` event.

    ``doomed`` maps the presses whose characters are personal (by index into ``events``; the
    ``typed`` rebuild of the same events) to their entity type. A run is a stretch of such
    presses, with the presses that deleted only their characters, the releases and modifiers
    among them: it becomes one event at the time of its first, whose ``key`` and ``char`` are
    the placeholder of its type (``char`` None when the run erased what it typed), so neither
    the value, its length nor its rhythm can be read back. Pointer moves inside a run are
    kept after it, at the run's time; a modifier's last press or release inside it is kept,
    at the run's time, so what is held after the run stays as it was. A run that deletes a
    token typed earlier keeps its first such deletion (a backspace deletes a token whole).
    """
    deleted_by: dict[int, list[TypedChar]] = {}
    for entry in typed.log:
        if entry.deleted and entry.deleted_by is not None:
            deleted_by.setdefault(entry.deleted_by, []).append(entry)
    deleters = {
        press
        for press, chars in deleted_by.items()
        if press not in doomed and all(c.event in doomed for c in chars)
    }
    starts = set(doomed) | deleters
    absorbed = starts | {typed.release_of[i] for i in starts if i in typed.release_of}
    out: list[InputEvent] = []
    index = 0
    while index < len(events):
        if index not in starts:
            if index not in absorbed:  # a stray release of a press inside a run: dropped
                out.append(events[index])
            index += 1
            continue
        # The run: up to its last absorbed event, through releases, modifiers and moves.
        last, probe = index, index
        while probe + 1 < len(events):
            following = events[probe + 1]
            if probe + 1 in absorbed:
                last = probe + 1
            elif not (
                following.kind in ("move", "key_release")
                or (following.kind == "key_press" and (following.key or "").lower() in _MODIFIERS)
            ):
                break
            probe += 1
        members = set(range(index, last + 1))
        out.extend(_collapsed(events, index, members, doomed, deleted_by, typed, placeholder))
        index = last + 1
    return out


def _collapsed(
    events: Sequence[InputEvent],
    first: int,
    members: set[int],
    doomed: Mapping[int, str],
    deleted_by: Mapping[int, list[TypedChar]],
    typed: TypedText,
    placeholder: Callable[[str], str],
) -> list[InputEvent]:
    """The events one run leaves (see :func:`collapse_runs`)."""
    at = events[first].t
    entity = next((doomed[i] for i in sorted(members) if i in doomed), None)
    if entity is None:  # only deletions: the type of what they deleted
        entity = next(doomed[c.event] for i in sorted(members) for c in deleted_by.get(i, ())
                      if c.event is not None and c.event in doomed)
    token = placeholder(entity)
    kept = any(
        c.event in members and c.event in doomed and (not c.deleted or c.deleted_by not in members)
        for c in typed.log
    )
    out: list[InputEvent] = []
    earlier = next(
        (i for i in sorted(members) if any(c.event not in members for c in deleted_by.get(i, ()))),
        None,
    )
    if earlier is not None and earlier in doomed:
        # A doomed press that also replaced a selection: a bare backspace deletes the
        # selection in its place, so its character is never stored.
        out += [InputEvent(t=at, kind="key_press", key="backspace"),
                InputEvent(t=at, kind="key_release", key="backspace")]
    elif earlier is not None:
        out.append(events[earlier])  # deletes the token typed before, whole
    if kept or earlier is None:
        out.append(InputEvent(t=at, kind=REDACTED_EVENT, key=token, char=token if kept else None))
    modifiers: dict[str, InputEvent] = {}
    moves: list[InputEvent] = []
    for i in sorted(members):
        event = events[i]
        key = (event.key or "").lower()
        if event.kind == "move":
            moves.append(replace(event, t=at))
        elif i not in doomed and key in _MODIFIERS and event.kind in ("key_press", "key_release"):
            modifiers[key] = replace(event, t=at)
    return [*out, *modifiers.values(), *moves]
