"""Rebuilding typing from key events, checked against a reference model of a text field.

The reference model below is written independently of ``redaction.keystrokes``: a plain list of
(char, event index) cells, a cursor and a selection anchor, with the documented semantics of
each edit. Hypothesis drives both with random edit sequences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

from redaction.keystrokes import (
    REDACTED_EVENT,
    UNKNOWN_CHAR,
    collapse_runs,
    rebuild_typing,
    replay_text,
    typed_presses,
)
from redaction.models import InputEvent, Span
from redaction.typing_events import redact_events

# ---- building event streams ---------------------------------------------------------------


@dataclass
class Stream:
    """Appends realistic press/release pairs (modifiers held around the key)."""

    events: list[InputEvent] = field(default_factory=list)

    def _add(self, kind: str, key: str, char: str | None = None) -> int:
        self.events.append(InputEvent(t=len(self.events) * 0.01, kind=kind, key=key, char=char))
        return len(self.events) - 1

    def key(self, key: str, char: str | None = None, mods: tuple[str, ...] = ()) -> int:
        for mod in mods:
            self._add("key_press", mod)
        index = self._add("key_press", key, char)
        # Releases may carry a different char than their press ('H' pressed, 'h' released).
        self._add("key_release", key, char.lower() if char else None)
        for mod in reversed(mods):
            self._add("key_release", mod)
        return index

    def type(self, text: str) -> list[int]:
        return [self.key(c.lower() if c.isalpha() else c, c) for c in text]

    def click(self) -> None:
        self._add("button_press", "")
        self._add("button_release", "")


# ---- the reference text field -------------------------------------------------------------


@dataclass
class Reference:
    cells: list[tuple[str, int]] = field(default_factory=list)
    cursor: int = 0
    anchor: int | None = None
    deleted: list[tuple[str, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.cells)

    def selection(self) -> tuple[int, int] | None:
        if self.anchor is None or self.anchor == self.cursor:
            return None
        return min(self.anchor, self.cursor), max(self.anchor, self.cursor)

    def remove(self, start: int, end: int) -> None:
        self.deleted.extend(self.cells[start:end])
        del self.cells[start:end]
        self.cursor, self.anchor = start, None

    def remove_selection(self) -> bool:
        selected = self.selection()
        self.anchor = None
        if selected is None:
            return False
        self.remove(*selected)
        return True

    def insert(self, char: str, event: int) -> None:
        self.remove_selection()
        self.cells.insert(self.cursor, (char, event))
        self.cursor += 1

    def word_start_before(self, position: int) -> int:
        # The start of the word at or before position: skip non-word chars, then word chars.
        match = re.search(r"\w*\W*$", self.text[:position])
        assert match is not None
        return match.start()

    def word_end_after(self, position: int) -> int:
        match = re.match(r"\W*\w*", self.text[position:])
        assert match is not None
        return position + match.end()

    def go(self, target: int, extend: bool) -> None:
        target = max(0, min(len(self.cells), target))
        if extend and self.anchor is None:
            self.anchor = self.cursor
        if not extend:
            self.anchor = None
        self.cursor = target


# ---- random edits ---------------------------------------------------------------------------

CHARS = "abcXYZ 19@.-_"

edits = st.lists(
    st.one_of(
        st.tuples(st.just("type"), st.text(alphabet=CHARS, min_size=1, max_size=4)),
        st.tuples(
            st.sampled_from(
                [
                    "backspace",
                    "delete",
                    "left",
                    "right",
                    "home",
                    "end",
                    "shift+left",
                    "shift+right",
                    "shift+home",
                    "shift+end",
                    "ctrl+left",
                    "ctrl+right",
                    "ctrl+backspace",
                    "ctrl+delete",
                    "ctrl+shift+left",
                    "ctrl+a",
                    "up",
                    "down",
                ]
            ),
            st.just(""),
        ),
    ),
    max_size=40,
)


def apply(stream: Stream, model: Reference, op: str, arg: str) -> None:
    if op == "type":
        for char in arg:
            index = stream.key(char.lower() if char.isalpha() else char, char)
            model.insert(char, index)
        return
    mods = tuple(m for m in ("ctrl", "shift") if f"{m}+" in op)
    key = op.split("+")[-1]
    stream.key(key, None, mods)
    shift, ctrl = "shift" in mods, "ctrl" in mods
    if key == "a":
        model.anchor, model.cursor = 0, len(model.cells)
    elif key == "backspace":
        if not model.remove_selection():
            if ctrl:
                model.remove(model.word_start_before(model.cursor), model.cursor)
            elif model.cursor > 0:
                model.remove(model.cursor - 1, model.cursor)
    elif key == "delete":
        if not model.remove_selection():
            if ctrl:
                model.remove(model.cursor, model.word_end_after(model.cursor))
            elif model.cursor < len(model.cells):
                model.remove(model.cursor, model.cursor + 1)
    elif key in ("left", "right"):
        selected = model.selection()
        if selected is not None and not shift:
            model.go(selected[0] if key == "left" else selected[1], extend=False)
        elif ctrl:
            target = (
                model.word_start_before(model.cursor)
                if key == "left"
                else model.word_end_after(model.cursor)
            )
            model.go(target, shift)
        else:
            model.go(model.cursor + (-1 if key == "left" else 1), shift)
    elif key in ("home", "up"):
        model.go(0, shift)
    elif key in ("end", "down"):
        model.go(len(model.cells), shift)


@given(edits)
def test_rebuild_matches_a_reference_text_field(ops: list[tuple[str, str]]) -> None:
    stream, model = Stream(), Reference()
    for op, arg in ops:
        apply(stream, model, op, arg)
    typed = rebuild_typing(stream.events)
    runs = typed.runs
    assert len(runs) <= 1
    text = runs[0].text if runs else ""
    assert text == model.text
    # Provenance: every character points at the press that typed it.
    assert (list(runs[0].provenance) if runs else []) == [e for _, e in model.cells]
    for char, index in zip(text, runs[0].provenance if runs else (), strict=True):
        assert index is not None and stream.events[index].char == char
    # The log holds every character ever typed, and knows which were deleted.
    assert sorted((c.event, c.char) for c in typed.log if c.deleted) == sorted(
        (e, c) for c, e in model.deleted
    )
    # (as multisets: an event is ``int | None``, which does not sort)
    assert Counter(c.event for c in typed.log if not c.deleted) == Counter(
        e for _, e in model.cells
    )


@given(edits)
def test_every_deleted_character_is_in_the_analysed_log(ops: list[tuple[str, str]]) -> None:
    stream, model = Stream(), Reference()
    for op, arg in ops:
        apply(stream, model, op, arg)
    typed = rebuild_typing(stream.events)
    in_log = {i for run in typed.runs for i in run.log_provenance if i is not None}
    assert {e for _, e in model.deleted} <= in_log


def test_shift_and_caps_lock_apply_when_the_char_is_missing() -> None:
    stream = Stream()
    stream.key("a", None, ("shift",))
    stream.key("b")
    stream.key("caps_lock")
    stream.key("c")
    stream.key("d", None, ("shift",))
    stream.key("1", None, ("shift",))
    stream.key("space")
    assert rebuild_typing(stream.events).text == "AbCd! "


def test_presses_type_and_releases_do_not() -> None:
    stream = Stream()
    stream.key("h", "H")  # released as 'h'
    stream.key("i", "i")
    typed = rebuild_typing(stream.events)
    assert typed.text == "Hi"
    # Every press is paired with its release, even though the release's char differs.
    assert len(typed.release_of) == 2


def test_tab_enter_and_clicks_end_typing_runs() -> None:
    stream = Stream()
    stream.type("Ann")
    stream.key("tab")
    stream.type("ann@example.org")
    stream.key("enter")
    stream.type("x")
    stream.click()
    stream.type("y")
    typed = rebuild_typing(stream.events)
    assert [r.text for r in typed.runs] == ["Ann", "ann@example.org", "x", "y"]
    assert [r.ended_by for r in typed.runs] == ["tab", "enter", "click", None]
    assert typed.text == "Ann\tann@example.org\nx\ny"


def test_paste_from_outside_is_unknown_and_a_copied_paste_keeps_provenance() -> None:
    stream = Stream()
    stream.key("v", None, ("ctrl",))
    typed = rebuild_typing(stream.events)
    assert typed.runs[0].text == UNKNOWN_CHAR
    stream = Stream()
    typed_keys = stream.type("abc")
    stream.key("a", None, ("ctrl",))
    stream.key("c", None, ("ctrl",))
    stream.key("end")
    stream.key("insert", None, ("shift",))
    run = rebuild_typing(stream.events).runs[0]
    assert run.text == "abcabc"
    assert list(run.provenance) == typed_keys * 2


def test_select_all_then_typing_replaces_and_logs_the_old_text() -> None:
    stream = Stream()
    secret = stream.type("4111111111111111")
    stream.key("a", None, ("ctrl",))
    stream.type("hello")
    typed = rebuild_typing(stream.events)
    assert typed.text == "hello"
    run = typed.runs[0]
    assert "4111111111111111" in run.log_text
    assert set(secret) <= {i for i in run.log_provenance if i is not None}


def test_unmodelled_editing_keys_mark_the_run_uncertain() -> None:
    stream = Stream()
    stream.type("abc")
    stream.key("z", None, ("ctrl",))
    assert rebuild_typing(stream.events).runs[0].uncertain


def test_repr_never_shows_typed_text() -> None:
    stream = Stream()
    stream.type("secret value")
    assert "secret" not in repr(rebuild_typing(stream.events))


def test_a_redacted_event_types_one_token() -> None:
    stream = Stream()
    stream.type("pw ")
    stream.events.append(InputEvent(t=1.0, kind=REDACTED_EVENT, key="<PASSWORD>",
                                    char="<PASSWORD>"))
    token = len(stream.events) - 1
    stream.type(" ok")
    typed = rebuild_typing(stream.events)
    assert typed.text == "pw <PASSWORD> ok"
    assert list(typed.runs[0].provenance[3:13]) == [token] * len("<PASSWORD>")
    # One backspace deletes the token whole.
    stream.key("backspace")
    stream.key("backspace")
    stream.key("backspace")
    assert replay_text(stream.events) == "pw <PASSWORD>"
    stream.key("backspace")
    assert replay_text(stream.events) == "pw "
    assert [c.deleted_by for c in rebuild_typing(stream.events).log if c.event == token] == [
        len(stream.events) - 2
    ]


def test_a_redacted_event_without_char_types_nothing() -> None:
    stream = Stream()
    stream.type("a")
    stream.events.append(InputEvent(t=1.0, kind=REDACTED_EVENT, key="<PASSWORD>"))
    stream.type("b")
    assert replay_text(stream.events) == "ab"


def test_replay_shows_an_unseen_paste_as_a_marker() -> None:
    stream = Stream()
    stream.type("x")
    stream.key("v", None, ("ctrl",))
    assert replay_text(stream.events) == "x<PASTED>"


def test_typed_presses_are_characters_not_key_combinations() -> None:
    stream = Stream()
    typed_keys = stream.type("ab")
    stream.key("a", "a", ("ctrl",))  # select all: types nothing
    stream.key("v", None, ("ctrl",))  # a paste: its content was never seen
    option = stream.key("x", "\u2248", ("alt",))  # macOS option types; the model cannot follow
    stream.key("tab")
    assert typed_presses(stream.events, rebuild_typing(stream.events)) == {*typed_keys, option}


def _spans_of(doomed_keys: frozenset[str]) -> Callable[[str], list[Span]]:
    """An analysis that finds every stretch of the given (lower-cased) characters."""

    def analyze(text: str) -> list[Span]:
        spans, start = [], None
        for at, char in enumerate(text + "\n"):
            if char.lower() in doomed_keys and char != "\n":
                start = at if start is None else start
            elif start is not None:
                spans.append(Span(start, at, "SECRET", "test", 1.0))
                start = None
        return spans

    return analyze


SECRET_KEYS = sorted({c.lower() for c in CHARS} - {" "})  # blank text is never analysed


@given(edits, st.frozensets(st.sampled_from(SECRET_KEYS), min_size=1))
def test_no_doomed_character_survives_collapsing(
    ops: list[tuple[str, str]], doomed_keys: frozenset[str]
) -> None:
    stream, model = Stream(), Reference()
    for op, arg in ops:
        apply(stream, model, op, arg)
    result = redact_events(stream.events, _spans_of(doomed_keys), lambda _: "<P>")
    doomed = [
        stream.events[c.event] for c in rebuild_typing(stream.events).log
        if c.event is not None and c.char.lower() in doomed_keys
    ]
    for event in result.events:
        assert not any(event is d for d in doomed)
        if event.kind in ("key_press", "key_release"):
            assert (event.char or "").lower() not in doomed_keys
            assert event.char is None or (event.key or "").lower() not in doomed_keys
    assert result.text == replay_text(result.events)
    assert not doomed_keys & set(result.text.replace("<P>", "").lower())


def test_typing_over_a_selection_does_not_keep_its_first_character() -> None:
    stream = Stream()
    stream.type("hunter2")
    stream.key("a", None, ("ctrl",))
    retyped = stream.type("secret9")
    typed = rebuild_typing(stream.events)
    doomed = {c.event: "PASSWORD" for c in typed.log if c.event is not None}
    out = collapse_runs(stream.events, doomed, typed, lambda entity: f"<{entity}>")
    assert not any(e is stream.events[i] for e in out for i in retyped)
    assert [(e.kind, e.key, e.char) for e in out if e.kind != "key_release"] == [
        (REDACTED_EVENT, "<PASSWORD>", "<PASSWORD>"),
        ("key_press", "ctrl", None),
        ("key_press", "a", None),
        ("key_press", "backspace", None),
        (REDACTED_EVENT, "<PASSWORD>", "<PASSWORD>"),
    ]
    assert replay_text(out) == "<PASSWORD>"
