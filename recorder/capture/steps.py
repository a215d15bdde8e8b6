"""The step reducer: raw input events in, normalised actions (raw, unredacted steps) out.

Rules, in brief (docs/CAPTURE.md has the full table):

* **type**: a run of presses that produce characters, with the editing keys (backspace,
  delete, left/right/home/end, with shift for selection and ctrl for words, caps lock)
  inside it. ``text`` is a best-effort rebuild of the line; the redaction library rebuilds
  its own from ``events``. A run survives pauses in typing and stray pointer moves, so a
  value is never split across steps; any other action ends it. A run that produced no
  character is a **key** step.
* **key** / **hotkey**: one key (held auto-repeat stays in the step); with ctrl, alt or
  cmd held (or shift with a key that types nothing) it is a hotkey, ``keys`` =
  modifiers + key. A modifier pressed and released alone is a key step.
* **click**, **double_click**, **triple_click** (left button, presses within
  ``multi_click_s`` and ``multi_click_px``), **right_click**, **middle_click**, other
  buttons are ``click`` with their button name; **drag** when the pointer moves more than
  ``drag_px`` with a button held. Modifiers held at the press are in ``modifiers``.
* **scroll**: consecutive wheel events in one direction, ``scroll_dx``/``scroll_dy`` summed
  (pynput's signs: dy > 0 is up, dx > 0 is right).
* **move**: pointer moves are folded into the pointer action that follows; they become a
  step of their own only when a key action or an idle gap follows them.
* **wait**: an idle gap of at least ``wait_s`` between two actions.
* **done**: the final step, with the end frame.

Each step's observation is the last frame grabbed before its first event; its events are
every raw event that makes it, releases included (a release is attributed to the step that
holds its press, even when other steps began meanwhile, so steps are emitted in order once
their keys are up). Coordinates are converted to the stored screenshot's pixels.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from recorder.capture.backend import (
    BUTTON_PRESS,
    BUTTON_RELEASE,
    KEY_PRESS,
    KEY_RELEASE,
    MOVE,
    SCROLL,
    RawWindow,
)
from recorder.capture.frames import Frame
from recorder.capture.hotkeys import MODIFIER_FAMILY, order_modifiers
from recorder.episode.model import Step
from redaction.models import InputEvent

#: Keys that edit a line of text; inside a typing run they stay in the run.
EDIT_KEYS = frozenset({"backspace", "delete", "left", "right", "home", "end", "caps_lock"})
#: Keys that, with ctrl held, edit by words inside a typing run.
WORD_EDIT_KEYS = frozenset({"backspace", "delete", "left", "right"})
#: Modifier families that make a key press a hotkey (shift and alt_gr type characters).
COMMAND_MODIFIERS = frozenset({"ctrl", "alt", "cmd"})

#: Flags a step can carry.
FLAG_LATE_OBSERVATION = "observation_after_event"  # ring was stale: grabbed on demand
FLAG_NO_OBSERVATION = "no_observation"
FLAG_OUTSIDE_FRAME = "outside_frame"  # the pointer was outside the recorded monitor
FLAG_HELD_AT_END = "keys_held_at_end"  # some press had no release when the step was emitted


@dataclass(frozen=True, slots=True)
class RawStep(Step):
    """One action and the observation before it, unredacted (never write it as is).

    The shared fields are :class:`recorder.episode.model.Step`'s (``text`` as rebuilt here,
    ``events`` the raw input events); ``observation`` is the raw frame (pixels and focused
    window when grabbed), ``window`` the focused window of that frame.
    """

    observation: Frame | None = field(default=None, repr=False)
    window: RawWindow | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class CoordinateMap:
    """Virtual-screen pixels -> stored screenshot pixels for one monitor.

    ``scale_x``/``scale_y`` are frame pixels per input unit (the frame scale on X11, where
    input and screen pixels agree; a points-based backend multiplies in its scale factor).
    """

    origin_x: int
    origin_y: int
    scale_x: float
    scale_y: float
    width: int
    height: int

    def __call__(self, x: int, y: int) -> tuple[int, int]:
        return (math.floor((x - self.origin_x) * self.scale_x),
                math.floor((y - self.origin_y) * self.scale_y))

    def inside(self, x: int, y: int) -> bool:
        fx, fy = self(x, y)
        return 0 <= fx < self.width and 0 <= fy < self.height


@dataclass(frozen=True, slots=True)
class StepConfig:
    """Thresholds of the reducer (seconds and screen pixels)."""

    multi_click_s: float = 0.5
    multi_click_px: int = 4
    drag_px: int = 5
    scroll_gap_s: float = 0.6
    #: An idle gap this long between two actions becomes a wait step; None: never.
    wait_s: float | None = 2.0
    #: How long a finished step waits for the releases of its keys before it is emitted.
    release_hold_s: float = 3.0

    def __post_init__(self) -> None:
        if min(self.multi_click_s, self.scroll_gap_s, self.release_hold_s) < 0:
            raise ValueError("step thresholds must not be negative")
        if self.wait_s is not None and self.wait_s <= 0:
            raise ValueError("wait_s must be positive (or None)")


#: ``observe(t)`` -> (the frame to show before session time ``t``, flags about it).
Observe = Callable[[float], tuple[Frame | None, tuple[str, ...]]]
Emit = Callable[[RawStep], None]


class _LineBuffer:
    """A single-line text field, enough to show what a typing run left behind."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.cursor = 0
        self.caps = False
        self.produced = 0

    def _word_left(self) -> int:
        i = self.cursor
        while i > 0 and self.chars[i - 1].isspace():
            i -= 1
        while i > 0 and not self.chars[i - 1].isspace():
            i -= 1
        return i

    def _word_right(self) -> int:
        i, n = self.cursor, len(self.chars)
        while i < n and self.chars[i].isspace():
            i += 1
        while i < n and not self.chars[i].isspace():
            i += 1
        return i

    def press(self, key: str, char: str | None, ctrl: bool) -> None:
        if key == "caps_lock":
            self.caps = not self.caps
        elif key == "backspace":
            start = self._word_left() if ctrl else max(0, self.cursor - 1)
            del self.chars[start:self.cursor]
            self.cursor = start
        elif key == "delete":
            end = self._word_right() if ctrl else min(len(self.chars), self.cursor + 1)
            del self.chars[self.cursor:end]
        elif key == "left":
            self.cursor = self._word_left() if ctrl else max(0, self.cursor - 1)
        elif key == "right":
            self.cursor = self._word_right() if ctrl else min(len(self.chars), self.cursor + 1)
        elif key == "home":
            self.cursor = 0
        elif key == "end":
            self.cursor = len(self.chars)
        elif char is not None and not ctrl and char.isprintable():
            if self.caps and char.isalpha():
                char = char.swapcase()  # pynput's char follows shift only, not caps lock
            self.chars.insert(self.cursor, char)
            self.cursor += 1
            self.produced += 1

    def text(self) -> str:
        return "".join(self.chars)


@dataclass(eq=False)
class _Builder:
    """A step being assembled (mutable; finalised into a frozen RawStep)."""

    kind: str  # typing | key | pointer | scroll | move | wait
    events: list[InputEvent]
    first_t: float
    observation: Frame | None
    obs_flags: tuple[str, ...]
    last_t: float = 0.0
    holds: set[str] = field(default_factory=set)
    closed_at: float | None = None
    # key / hotkey
    keys: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    hotkey: bool = False
    line: _LineBuffer | None = None
    # pointer
    button: str | None = None
    x: int = 0
    y: int = 0
    end_x: int | None = None
    end_y: int | None = None
    down: bool = False
    dragging: bool = False
    clicks: int = 0
    last_release_t: float = 0.0
    # scroll
    dx: int = 0
    dy: int = 0
    direction: tuple[int, int] = (0, 0)
    # wait
    duration: float | None = None

    def add(self, event: InputEvent) -> None:
        self.events.append(event)
        self.last_t = max(self.last_t, event.t)


def _sign(v: int | None) -> int:
    return 0 if not v else (1 if v > 0 else -1)


class StepReducer:
    """Turns a time-ordered stream of :class:`InputEvent` into :class:`RawStep` objects.

    Pure logic: frames come from ``observe`` and steps leave through ``emit``, so it runs
    the same on live capture and on synthetic events. Call :meth:`feed` per event,
    :meth:`tick` a few times a second (it closes click groups and times out releases),
    :meth:`flush` at a pause or the end, and :meth:`done` once.
    """

    def __init__(self, observe: Observe, emit: Emit, coords: CoordinateMap,
                 config: StepConfig | None = None) -> None:
        self._observe = observe
        self._emit_step = emit
        self._coords = coords
        self.config = config or StepConfig()
        self._current: _Builder | None = None
        self._closed: deque[_Builder] = deque()
        self._owner: dict[str, _Builder] = {}
        self._held: dict[str, str] = {}  # held modifier key -> family
        self._pending_mods: list[InputEvent] = []
        self._pending_mods_obs: tuple[Frame | None, tuple[str, ...]] = (None, ())
        self._pending_moves: list[InputEvent] = []
        self._pending_moves_obs: tuple[Frame | None, tuple[str, ...]] = (None, ())
        self._orphans: list[InputEvent] = []
        self._activity_end: float | None = None
        self._wait_obs: tuple[float, tuple[Frame | None, tuple[str, ...]]] | None = None
        self._next_index = 0
        self.emitted = 0

    # -- input -----------------------------------------------------------------------------

    def feed(self, event: InputEvent) -> None:
        kind = event.kind
        if kind == KEY_PRESS:
            self._key_press(event)
        elif kind == KEY_RELEASE:
            self._key_release(event)
        elif kind == BUTTON_PRESS:
            self._button_press(event)
        elif kind == BUTTON_RELEASE:
            self._button_release(event)
        elif kind == MOVE:
            self._move(event)
        elif kind == SCROLL:
            self._scroll(event)
        self._emit_ready(event.t)

    def tick(self, now: float) -> None:
        current = self._current
        if (current is not None and current.kind == "pointer" and not current.down
                and now - current.last_release_t > self.config.multi_click_s):
            self._close_current(now)
        wait_s = self.config.wait_s
        if wait_s is not None and self._activity_end is not None and not self._button_down():
            idle_since = max([self._activity_end, *(e.t for e in self._pending_moves[-1:])])
            if now - idle_since >= wait_s and (self._wait_obs is None
                                               or self._wait_obs[0] != idle_since):
                # Take a possible wait's observation now, while the ring still holds it.
                self._wait_obs = (idle_since, self._observe(idle_since))
        self._emit_ready(now)

    def flush(self, now: float) -> None:
        """Close everything open and emit every step (at a pause or the end).

        An idle gap of ``wait_s`` or more before ``now`` becomes a final wait step.
        """
        self._close_current(now)
        if self._pending_mods:
            self._lone_modifiers(None, now)
        if self._pending_moves:
            self._start_move_step(now)
        self._close_current(now)
        self._insert_wait(now)  # idle until the pause or the end is a wait too
        while self._closed:
            self._emit(self._closed.popleft())
        self._owner.clear()
        self._held.clear()
        self._wait_obs = None
        self._activity_end = None  # a pause is not idle time; resume() restarts the count

    def resume(self, now: float) -> None:
        """After a pause: the paused time is not an idle gap."""
        self._activity_end = now
        self._wait_obs = None

    def done(self, t: float, frame: Frame | None, flags: tuple[str, ...] = ()) -> None:
        """Emit the final ``done`` step (call :meth:`flush` first)."""
        window = frame.window if frame is not None else None
        obs_flags = flags if frame is not None else (*flags, FLAG_NO_OBSERVATION)
        # Releases of keys pressed before the start (or a pause) with no step to join.
        orphans, self._orphans = tuple(self._map_event(e) for e in self._orphans), []
        self._emit_step(RawStep(step_index=self._take_index(), timestamp_s=t,
                                action_type="done", observation=frame, events=orphans,
                                window=window, flags=obs_flags))
        self.emitted += 1

    # -- keys ------------------------------------------------------------------------------

    def _families(self) -> set[str]:
        return set(self._held.values())

    def _key_press(self, e: InputEvent) -> None:
        key = e.key or "unknown"
        family = MODIFIER_FAMILY.get(key)
        if family is not None:
            if key in self._held and key in self._owner:  # auto-repeat of a held modifier
                self._owner[key].add(e)
                return
            self._held[key] = family
            if not self._pending_mods:
                self._pending_mods_obs = self._observe(e.t)
            self._pending_mods.append(e)
            return
        families = self._families()
        command = families & COMMAND_MODIFIERS
        is_char = (e.char is not None and e.char.isprintable() and key not in EDIT_KEYS)
        current = self._current
        in_run = current is not None and current.kind == "typing"
        word_edit = command == {"ctrl"} and key in WORD_EDIT_KEYS and in_run
        if (not command and (is_char or key in EDIT_KEYS)) or word_edit:
            kind = "typing"
        elif command or ("shift" in families and not is_char):
            kind = "hotkey"
        else:
            kind = "key"
        mods = order_modifiers(command | (families & {"shift"}))
        if kind == "typing" and in_run:
            assert current is not None
            target = current
            self._continue(target, e)
        elif (kind != "typing" and current is not None and current.kind == "key"
              and current.keys and current.keys[-1] == key
              and self._owner.get(key) is current and current.modifiers == mods):
            target = current  # a held key auto-repeating
            self._continue(target, e)
        else:
            target = self._start("typing" if kind == "typing" else "key", e, pointer=False)
            if kind == "typing":
                target.line = _LineBuffer()
            else:
                target.hotkey = kind == "hotkey"
                target.keys = (*mods, key) if target.hotkey else (key,)
                target.modifiers = mods if target.hotkey else ()
        self._own(target, e)
        if target.line is not None:
            target.line.press(key, e.char, "ctrl" in command)

    def _key_release(self, e: InputEvent) -> None:
        key = e.key or "unknown"
        self._held.pop(key, None)
        owner = self._owner.pop(key, None)
        if owner is not None:
            owner.add(e)
            owner.holds.discard(key)
            self._activity_end = max(self._activity_end or e.t, e.t)
            return
        if any(p.key == key for p in self._pending_mods):
            self._lone_modifiers(e, e.t)
            return
        self._orphan(e)

    def _lone_modifiers(self, release: InputEvent | None, now: float) -> None:
        """Modifiers pressed (and maybe released) with no other key: a key step, unless
        they are shift taps inside a typing run, which stay in the run."""
        pending = self._pending_mods
        current = self._current
        families = {MODIFIER_FAMILY.get(p.key or "", "") for p in pending}
        if current is not None and current.kind == "typing" and families <= {"shift", "alt_gr"}:
            self._pending_mods = []
            for p in pending:
                current.add(p)
                self._own(current, p)
            if release is not None:
                current.add(release)
                current.holds.discard(release.key or "")
                self._owner.pop(release.key or "", None)
            return
        trigger = release if release is not None else pending[-1]
        builder = self._start("key", trigger, pointer=False, include_trigger=False)
        names = tuple(dict.fromkeys(MODIFIER_FAMILY.get(p.key or "", p.key or "") for p in pending))
        if len(names) == 1:
            builder.keys = (pending[0].key or names[0],)
        else:
            builder.keys = order_modifiers(set(names))
            builder.modifiers = builder.keys
            builder.hotkey = True
        if release is not None:
            builder.add(release)
            builder.holds.discard(release.key or "")
            self._owner.pop(release.key or "", None)
        self._close_current(now)

    # -- pointer ---------------------------------------------------------------------------

    def _button_down(self) -> bool:
        current = self._current
        return current is not None and current.kind == "pointer" and current.down

    def _button_press(self, e: InputEvent) -> None:
        button = e.button or "unknown"
        current = self._current
        cfg = self.config
        if current is not None and current.kind == "pointer":
            if current.down:  # a second button during a press: part of the same gesture
                self._continue(current, e)
                self._own(current, e, f"button:{button}")
                return
            if (button == "left" and current.button == "left" and current.clicks < 3
                    and not current.dragging
                    and e.t - current.last_release_t <= cfg.multi_click_s
                    and self._near(e, current.x, current.y, cfg.multi_click_px)):
                self._continue(current, e)
                current.down = True
                self._own(current, e, f"button:{button}")
                return
        builder = self._start("pointer", e, pointer=True)
        builder.button = button
        builder.x, builder.y = e.x or 0, e.y or 0
        builder.down = True
        builder.modifiers = order_modifiers(self._families() - {"alt_gr"})
        self._own(builder, e, f"button:{button}")

    def _button_release(self, e: InputEvent) -> None:
        button = e.button or "unknown"
        owner = self._owner.pop(f"button:{button}", None)
        if owner is None:
            self._orphan(e)
            return
        owner.add(e)
        owner.holds.discard(f"button:{button}")
        self._activity_end = max(self._activity_end or e.t, e.t)
        if owner.kind != "pointer" or owner.button != button or not owner.down:
            return
        owner.down = False
        owner.last_release_t = e.t
        if not owner.dragging and not self._near(e, owner.x, owner.y, self.config.drag_px):
            owner.dragging = True  # moved between two samples: still a drag
        if owner.dragging:
            owner.end_x, owner.end_y = e.x, e.y
            self._close_if_current(owner, e.t)
            return
        owner.clicks += 1
        if button != "left" or owner.clicks >= 3:
            self._close_if_current(owner, e.t)

    def _move(self, e: InputEvent) -> None:
        current = self._current
        if current is not None and current.kind == "pointer" and current.down:
            current.add(e)
            self._activity_end = e.t
            if not current.dragging and not self._near(e, current.x, current.y,
                                                       self.config.drag_px):
                current.dragging = True
            return
        if not self._pending_moves:
            self._pending_moves_obs = self._observe(e.t)
        self._pending_moves.append(e)

    def _scroll(self, e: InputEvent) -> None:
        current = self._current
        if current is not None and current.kind == "pointer" and current.down:
            self._continue(current, e)
            return
        direction = (_sign(e.dx), _sign(e.dy))
        if (current is not None and current.kind == "scroll" and not self._pending_moves
                and current.direction == direction
                and e.t - current.last_t <= self.config.scroll_gap_s):
            self._continue(current, e)
        else:
            current = self._start("scroll", e, pointer=True)
            current.x, current.y = e.x or 0, e.y or 0
            current.direction = direction
            current.modifiers = order_modifiers(self._families() - {"alt_gr"})
        current.dx += e.dx or 0
        current.dy += e.dy or 0

    @staticmethod
    def _near(e: InputEvent, x: int, y: int, radius: int) -> bool:
        return abs((e.x or 0) - x) <= radius and abs((e.y or 0) - y) <= radius

    # -- builders ----------------------------------------------------------------------------

    def _continue(self, builder: _Builder, e: InputEvent) -> None:
        for pending in (*self._pending_mods, *self._pending_moves):
            builder.add(pending)
        for p in self._pending_mods:
            self._own(builder, p)
        self._pending_mods = []
        self._pending_moves = []
        builder.add(e)
        self._activity_end = max(self._activity_end or e.t, e.t)

    def _own(self, builder: _Builder, e: InputEvent, handle: str | None = None) -> None:
        if e.kind not in (KEY_PRESS, BUTTON_PRESS):
            return
        name = handle or e.key or "unknown"
        self._owner[name] = builder
        builder.holds.add(name)

    def _start(self, kind: str, e: InputEvent, pointer: bool,
               include_trigger: bool = True) -> _Builder:
        """Close the current step and open a new one whose events start with the pending
        modifiers (and, for pointer actions, the pending moves)."""
        self._close_current(e.t)
        wait_s = self.config.wait_s
        rested = (bool(self._pending_moves) and wait_s is not None
                  and e.t - self._pending_moves[-1].t >= wait_s)
        take_moves = pointer and not rested
        if self._pending_moves and not take_moves:
            # Moves before the first held-back modifier are a move step of their own; later
            # ones happened during this action (ctrl held, pointer nudged) and stay in it.
            mods_t = self._pending_mods[0].t if self._pending_mods else math.inf
            later = [m for m in self._pending_moves if m.t >= mods_t]
            self._pending_moves = [m for m in self._pending_moves if m.t < mods_t]
            if self._pending_moves:
                self._start_move_step(e.t)
            self._pending_moves = later
            take_moves = True
        events: list[InputEvent] = []
        candidates: list[tuple[float, tuple[Frame | None, tuple[str, ...]]]] = []
        if self._pending_mods:
            events += self._pending_mods
            candidates.append((self._pending_mods[0].t, self._pending_mods_obs))
            mods = self._pending_mods
            self._pending_mods = []
        else:
            mods = []
        if take_moves and self._pending_moves:
            events += self._pending_moves
            candidates.append((self._pending_moves[0].t, self._pending_moves_obs))
            self._pending_moves = []
        if include_trigger:
            events.append(e)
        events.sort(key=lambda ev: ev.t)
        events = [*self._orphans, *events]
        self._orphans = []
        first_t = min([ev.t for ev in events if ev.kind != KEY_RELEASE] or [e.t])
        if candidates:  # observed when the first of them arrived
            observation = min(candidates, key=lambda c: c[0])[1]
        else:
            observation = self._observe(first_t)
        self._insert_wait(first_t)
        builder = _Builder(kind=kind, events=events, first_t=first_t,
                           observation=observation[0], obs_flags=observation[1],
                           last_t=max(ev.t for ev in events))
        for m in mods:
            self._own(builder, m)
        self._current = builder
        self._activity_end = max(self._activity_end or builder.last_t, builder.last_t)
        return builder

    def _start_move_step(self, now: float) -> None:
        moves, self._pending_moves = self._pending_moves, []
        first_t = moves[0].t
        self._insert_wait(first_t)
        frame, flags = self._pending_moves_obs
        builder = _Builder(kind="move", events=moves, first_t=first_t, observation=frame,
                           obs_flags=flags, last_t=moves[-1].t)
        builder.x, builder.y = moves[-1].x or 0, moves[-1].y or 0
        self._current = builder
        self._activity_end = max(self._activity_end or builder.last_t, builder.last_t)
        self._close_current(now)

    def _insert_wait(self, next_t: float) -> None:
        wait_s = self.config.wait_s
        end = self._activity_end
        if wait_s is None or end is None or next_t - end < wait_s:
            return
        self._close_current(next_t)
        snapshot = self._wait_obs
        frame, flags = snapshot[1] if snapshot is not None and snapshot[0] == end else \
            self._observe(end)
        builder = _Builder(kind="wait", events=[], first_t=end, observation=frame,
                           obs_flags=flags, last_t=end, duration=next_t - end)
        builder.closed_at = next_t
        self._closed.append(builder)
        self._wait_obs = None

    def _close_current(self, now: float) -> None:
        current = self._current
        if current is not None:
            current.closed_at = now
            self._closed.append(current)
            self._current = None

    def _close_if_current(self, builder: _Builder, now: float) -> None:
        if self._current is builder:
            self._close_current(now)

    def _orphan(self, e: InputEvent) -> None:
        """A release whose press we never saw (pressed before the start or a pause)."""
        target = self._current or (self._closed[-1] if self._closed else None)
        if target is not None:
            target.add(e)
        else:
            self._orphans.append(e)

    # -- output ------------------------------------------------------------------------------

    def _emit_ready(self, now: float) -> None:
        hold = self.config.release_hold_s
        while self._closed:
            head = self._closed[0]
            if head.holds and head.closed_at is not None and now - head.closed_at < hold:
                return
            self._emit(self._closed.popleft())

    def _take_index(self) -> int:
        index = self._next_index
        self._next_index += 1
        return index

    def _emit(self, b: _Builder) -> None:
        flags = list(b.obs_flags)
        if b.holds:
            flags.append(FLAG_HELD_AT_END)
            for handle in b.holds:
                if self._owner.get(handle) is b:
                    del self._owner[handle]
        events = tuple(self._map_event(e) for e in sorted(b.events, key=lambda ev: ev.t))
        fields: dict[str, object] = {}
        action = b.kind
        if b.kind == "typing":
            assert b.line is not None
            if b.line.produced:
                action = "type"
                fields["text"] = b.line.text()
            else:
                action = "key"
                pressed = [e.key or "unknown" for e in b.events
                           if e.kind == KEY_PRESS and e.key not in MODIFIER_FAMILY]
                fields["keys"] = tuple(dict.fromkeys(pressed))
        elif b.kind == "key":
            action = "hotkey" if b.hotkey else "key"
            fields["keys"] = b.keys
            fields["modifiers"] = b.modifiers
        elif b.kind == "pointer":
            fields["button"] = b.button
            fields["modifiers"] = b.modifiers
            self._put_xy(fields, flags, b.x, b.y)
            if b.dragging:
                action = "drag"
                end_x = b.end_x if b.end_x is not None else b.x
                end_y = b.end_y if b.end_y is not None else b.y
                self._put_xy(fields, flags, end_x, end_y, "end_")
            elif b.button == "left":
                action = {1: "click", 2: "double_click"}.get(b.clicks, "triple_click")
            elif b.button == "right":
                action = "right_click"
            elif b.button == "middle":
                action = "middle_click"
            else:
                action = "click"
        elif b.kind == "scroll":
            action = "scroll"
            self._put_xy(fields, flags, b.x, b.y)
            fields["scroll_dx"], fields["scroll_dy"] = b.dx, b.dy
            fields["modifiers"] = b.modifiers
        elif b.kind == "move":
            self._put_xy(fields, flags, b.x, b.y)
        duration = b.duration if b.kind == "wait" else max(0.0, b.last_t - b.first_t)
        if b.observation is None and FLAG_NO_OBSERVATION not in flags:
            flags.append(FLAG_NO_OBSERVATION)
        step = RawStep(
            step_index=self._take_index(), timestamp_s=b.first_t, action_type=action,
            observation=b.observation, duration_s=duration, events=events,
            window=b.observation.window if b.observation is not None else None,
            flags=tuple(dict.fromkeys(flags)),
            **fields,  # type: ignore[arg-type]
        )
        self.emitted += 1
        self._emit_step(step)

    def _put_xy(self, fields: dict[str, object], flags: list[str], x: int, y: int,
                prefix: str = "") -> None:
        fx, fy = self._coords(x, y)
        fields[f"{prefix}x"], fields[f"{prefix}y"] = fx, fy
        if not self._coords.inside(x, y):
            flags.append(FLAG_OUTSIDE_FRAME)

    def _map_event(self, e: InputEvent) -> InputEvent:
        if e.x is None or e.y is None:
            return e
        fx, fy = self._coords(e.x, e.y)
        return replace(e, x=fx, y=fy)
