"""Step redaction: the one place raw steps become :class:`RedactedStep` values.

``record`` feeds it raw steps from capture; the curators' ``redact`` feeds it steps decoded
from episodes. Both go through :meth:`StepRedactor.redact`, so a step is redacted the same way
whichever door it came through. Every item fails closed: a frame whose redaction fails is
dropped (the step keeps its events and is flagged), typing whose redaction fails loses its
text and events, a title whose redaction fails is removed; each drop is counted by reason.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from recorder.capture.backend import SECRET_PASSWORD_FIELD, SECRET_SECURE_INPUT
from recorder.episode.images import encode_frame
from recorder.episode.model import (
    EncodedImage,
    RedactedStep,
    Step,
    WindowInfo,
    certify_redacted,
)
from recorder.errors import CuarecError, EnvironmentProblem, UsageError
from redaction.denylist import DenyList
from redaction.field import FieldReader, FieldReading, FormContext, typed_beside
from redaction.keystrokes import (
    REDACTED_EVENT,
    TypedText,
    collapse_runs,
    rebuild_typing,
    replay_text,
    typed_presses,
)
from redaction.models import Box, InputEvent, Redaction

if TYPE_CHECKING:
    from redaction.image.frame import FrameRedactor, FrameResult
    from redaction.image.ocr import OcrLine
    from redaction.text import TextRedactor

_log = logging.getLogger("cuarec.pipeline")

#: Why typing was taken as a secret (the recognizer named in its redaction): a prompt or a
#: masked field on screen, or a screen that could not be read (its screenshot dropped).
PASSWORD_PROMPT = "password_prompt"
SCREEN_UNREAD = "screen_unread"
#: Step flags set by capture when the platform says the focus is a secret field (macOS
#: secure event input, a UI Automation password field): typing in the step is a secret.
CAPTURE_SECRET_FLAGS = (SECRET_SECURE_INPUT, SECRET_PASSWORD_FIELD)
#: Recognised text lines kept by their pixels (see redaction.image.ocr.LineCache).
OCR_LINE_CACHE = 4096

#: Placeholder for each key event of a secret typed at a password prompt.
SECRET_ENTITY = "PASSWORD"

#: Prompts that ask for a secret, read on the last lines of the screen text near the caret.
_PROMPT = re.compile(
    r"(?:\b(?:password|passphrase|passcode|pin|kennwort|mot de passe|contrase[nñ]a)\b"
    # OCR often reads the terminal's block cursor after the colon as one more glyph.
    r"[^:\n]{0,60}:\s*\S?\s*$)|(?:^\s*\[sudo\] password for\b)|(?:enter (?:pass ?phrase|pin))",
    re.IGNORECASE,
)


#: Capitalised names after a connecting word in a window title ("Contract for Ann Lee",
#: "Letter to Ann Lee", "Chat with Ann Lee"). Titles are short and spaCy's small model misses
#: many names there; over-redacting a title costs little, a name in it is a leak.
_TITLE_NAME = re.compile(
    r"\b(?:for|to|from|with|by|and|about|of|re|cc|fw|fwd|dear|hi|hello|meeting|call|chat)"
    r"[:\s]+((?-i:[A-Z][a-z'\u2019\-]+(?:[ \t]+[A-Z][a-z'\u2019\-]+){1,2}))\b",
    re.IGNORECASE,
)


def names_in_title(title: str) -> int:
    """How many names a title's wording places (see ``_TITLE_NAME``): the audit's count of
    what :class:`StepRedactor` would remove from it."""
    return sum(1 for _ in _TITLE_NAME.finditer(title))


@dataclass(frozen=True, slots=True)
class PrivacySettings:
    """Recording-time privacy defaults (beyond the text/image policy)."""

    denied_apps: tuple[str, ...] = ("keepassxc", "keepass", "1password", "bitwarden",
                                    "lastpass", "enpass", "dashlane", "seahorse",
                                    "gnome-keyring", "kwalletmanager", "proton pass")
    denied_title_words: tuple[str, ...] = ("password", "private browsing", "incognito",
                                           "inprivate", "keepassxc", "1password", "bitwarden")
    #: Typing rhythm identifies people: quantise times inside typing runs (seconds; 0 = off)
    #: and fold releases onto their presses (no dwell times).
    typing_quantum_s: float = 0.1
    fold_releases: bool = True

    def denies(self, app: str | None, title: str | None) -> bool:
        app_l = (app or "").casefold()
        title_l = (title or "").casefold()
        return (any(a in app_l for a in self.denied_apps)
                or any(w in title_l for w in self.denied_title_words))


@dataclass(slots=True)
class Engines:
    """The heavy engines, built once per process (recorder, pool worker or Ray actor)."""

    text: TextRedactor
    frames: FrameRedactor

    @classmethod
    def build(cls, policy: str = "default", *, no_ner: bool = False,
              learn_screen_values: bool = True, strictest_images: bool = False,
              ocr_threads: int | None = None) -> Engines:
        """``strictest_images``: every image detector on at the audit's thresholds, so a
        curator's re-redaction leaves nothing the audit would flag. ``ocr_threads``: the
        OCR's thread pool (None: one per core; see :func:`ocr_thread_share`)."""
        from redaction.errors import ModelUnavailableError, PolicyError
        from redaction.facade import Redactor

        try:
            built = Redactor.build(policy, no_ner=no_ner, strictest_images=strictest_images,
                                   line_cache=OCR_LINE_CACHE, ocr_threads=ocr_threads,
                                   learn_screen_values=learn_screen_values)
        except PolicyError as exc:
            raise UsageError(exc.message) from None
        except ModelUnavailableError as exc:
            raise EnvironmentProblem(
                f"{exc.message} (install it, or pass --no-ner to record without name "
                "detection; that choice is stored in the episode)") from None
        return cls(text=built.text, frames=built.frames)

    def policy_metadata(self) -> dict[str, Any]:
        data = dict(self.text.metadata())
        data["image"] = self.frames.describe()
        return data


def ocr_thread_share(workers: int = 1, reserve: int = 0) -> int:
    """OCR threads for each of ``workers`` processes, leaving ``reserve`` cores to others.

    onnxruntime sizes its pool to every core by default; several such pools on few cores
    (batch workers, or the recorder beside capture, the X server and the app) fight for
    them. But on two cores, keeping one free halves the OCR for little gain: measured, the
    recorder's backlog at stop fell from 13.7 s to 4.0 s with both (benchmarks/README.md)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores <= 2:
        reserve = 0  # halving OCR costs more than capture and X lose by sharing two cores
    return max(1, (cores - reserve) // max(1, workers))


@dataclass(frozen=True, slots=True)
class StepDraft(Step):
    """A step before redaction, whatever it came from (the shared fields are
    :class:`recorder.episode.model.Step`'s). Holds raw data: memory only."""

    frame: np.ndarray[Any, Any] | None = field(default=None, repr=False)
    window_app: str | None = field(default=None, repr=False)
    window_title: str | None = field(default=None, repr=False)
    focus_known: bool = True
    #: False when the step's screenshot was taken but dropped unread (the recorder's
    #: backlog): typing in it may have been at a password prompt. A stored step's screen was
    #: judged when it was recorded.
    screen_known: bool = True
    #: The frame right after a typing run (memory only): with ``frame`` (before it), the
    #: field reader finds the field typed into (redaction.field).
    after_frame: np.ndarray[Any, Any] | None = field(default=None, repr=False)


@dataclass
class Tally:
    """Counts for the episode metadata (thread-safe): redactions by type, drops by reason."""

    redactions: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, redactions: Sequence[Redaction] = (), dropped: str | None = None,
            flags: Sequence[str] = ()) -> None:
        with self._lock:
            self.redactions.update(r.entity_type for r in redactions)
            if dropped:
                self.dropped[dropped] += 1
            self.flags.update(flags)


def _typed_keys(events: Sequence[InputEvent], typed: TypedText) -> dict[int, str]:
    """The key presses that typed (or may have typed) a character, each as a character of a
    secret; a key combination such as ctrl+a types none (see ``typed_presses``)."""
    return dict.fromkeys(typed_presses(events, typed), SECRET_ENTITY)


def _quantise_typing(events: Sequence[InputEvent], quantum: float, fold: bool
                     ) -> tuple[InputEvent, ...]:
    """Remove typing rhythm: quantise key times; releases take their press's time."""
    if quantum <= 0 and not fold:
        return tuple(events)
    pressed_at: dict[str | None, float] = {}
    out = []
    for e in events:
        if e.kind not in ("key_press", "key_release", REDACTED_EVENT):
            out.append(e)
            continue
        t = round(e.t / quantum) * quantum if quantum > 0 else e.t
        if e.kind == "key_press":
            pressed_at[e.key] = t
        elif fold and e.kind == "key_release":
            t = pressed_at.get(e.key, t)
        out.append(replace(e, t=round(t, 3)))
    return tuple(out)


#: The image redactor's recognizer name for masked (bullet) password fields.
MASKED_FIELD_RECOGNIZER = "masked_field"


def prompt_asks_for_secret(lines: Sequence[OcrLine]) -> bool:
    """Whether the screen's last text line (OCR; a terminal's caret line) is an open
    password, passphrase or PIN prompt."""
    texts = [(line.box.y, line.box.x, line.text) for line in lines if line.text.strip()]
    if not texts:
        return False
    last_y = max(y for y, _, _ in texts)
    # Words of one visual line can come as several OCR lines: join those on the last row.
    last_row = " ".join(t for y, _, t in sorted(texts) if abs(y - last_y) <= 4)
    return bool(_PROMPT.search(last_row))


class StepRedactor:
    """Redacts the steps of one episode in order (keeps the previous frame for incremental
    OCR and the episode deny-list). Not thread-safe: one per episode."""

    def __init__(self, engines: Engines, deny: DenyList, privacy: PrivacySettings | None = None,
                 tally: Tally | None = None, scale: float = 1.0, *,
                 incremental_ocr: bool = False, settle_frames: bool = False) -> None:
        self.engines = engines
        self.deny = deny
        self.privacy = privacy or PrivacySettings()
        self.tally = tally or Tally()
        self.scale = scale
        #: Reuse the previous frame's OCR (and faces) outside changed regions. The recorder
        #: turns it on (it must keep up with capture); curators' batch redaction reads every
        #: frame whole. Its reads differ from a full read by a pixel here and there, not in
        #: what is blurred (benchmarks/README.md, incremental OCR).
        self.incremental_ocr = incremental_ocr
        #: Redact each frame until a pass finds nothing new (curators' ``redact``: its output
        #: is then redacted again unchanged, and passes the audit).
        self.settle_frames = settle_frames
        self._previous: tuple[np.ndarray[Any, Any], FrameResult] | None = None
        #: The last frame's content key and redaction, reused when the screen did not change
        #: between steps (and the deny-list did not grow): most keys and clicks.
        self._last_frame: tuple[tuple[bytes, int], EncodedImage, tuple[Redaction, ...],
                                str | None, tuple[Box, ...]] | None = None
        self._last_secret_prompt: str | None = None
        from redaction.image.memory import ScreenMemory

        #: What earlier frames of the episode showed (a table's header row, read over its
        #: rows once scrolled away): geometry and kinds only, in memory, bounded.
        self.memory = ScreenMemory()
        #: The masked (password) fields of the last frame when they alone made its typing a
        #: secret (no prompt asked for one): a run whose echo is elsewhere is not a secret.
        self._masked_only: tuple[Box, ...] = ()
        # ---- field reading hook (redaction.field): what the field typed into says ----
        ocr = getattr(engines.frames, "ocr", None)
        self._fields = FieldReader(ocr) if ocr is not None else None
        self._form = FormContext()

    def _field(self, draft: StepDraft) -> FieldReading | None:
        """The field a typing run went into (frames before/after it, else the last click)."""
        if self._fields is None or draft.action_type != "type" or draft.frame is None:
            return None
        click = (draft.x, draft.y) if draft.x is not None and draft.y is not None else None
        if draft.after_frame is None and click is None:
            return None
        try:
            reading = self._fields.read(draft.frame, draft.after_frame, click, self.scale)
        except Exception as exc:  # unread field: the run is analysed as text, as before
            self.tally.add(dropped=f"field:{type(exc).__name__}")
            return None
        return self._form.resolve(reading)

    def redact_task(self, task: str) -> str:
        result = self.engines.text.redact_text(task, self.deny, kind="title")
        self.tally.add(result.redactions)
        return str(result.text)

    # ---- one step ---------------------------------------------------------------------------
    def redact(self, draft: StepDraft) -> RedactedStep:
        flags = list(draft.flags)
        if self.privacy.denies(draft.window_app, draft.window_title):
            flags.append("denied_window")
            self.tally.add(flags=["denied_window"])
            self._previous = None  # never reuse OCR of a denied window
            return certify_redacted(step_index=draft.step_index,
                                    timestamp_s=draft.timestamp_s,
                                    action_type=draft.action_type,
                                    window=WindowInfo(app="<DENIED>", title=None),
                                    flags=tuple(dict.fromkeys(flags)))
        redactions: list[Redaction] = []
        screenshot, secret_reason = self._frame(draft, redactions, flags)
        events, text = self._typing(draft, redactions, flags, secret_reason)
        window = self._window(draft, redactions, flags)
        self.tally.add(redactions, flags=[f for f in flags if f not in draft.flags])
        return certify_redacted(
            step_index=draft.step_index, timestamp_s=draft.timestamp_s,
            action_type=draft.action_type, screenshot=screenshot, x=draft.x, y=draft.y,
            end_x=draft.end_x, end_y=draft.end_y, button=draft.button,
            scroll_dx=draft.scroll_dx, scroll_dy=draft.scroll_dy, text=text,
            keys=self._safe_keys(draft, "secret_input" in flags), modifiers=draft.modifiers,
            # A secret's duration is its length (at a typing speed): never stored.
            duration_s=None if "secret_input" in flags else draft.duration_s,
            events=events, window=window,
            redactions=tuple(redactions), flags=tuple(dict.fromkeys(flags)),
        )

    def _frame(self, draft: StepDraft, redactions: list[Redaction], flags: list[str]
               ) -> tuple[EncodedImage | None, str | None]:
        """The redacted screenshot, and why typing in this step must be taken as a secret
        (``password_prompt``, ``screen_unread``) or None."""
        if draft.frame is None:
            if not draft.screen_known:
                # Dropped before redaction (backlog): the screen typed into is unknown, so
                # it may have been a password prompt. Fail closed.
                return None, SCREEN_UNREAD
            return None, self._last_secret_prompt
        key = (hashlib.blake2b(np.ascontiguousarray(draft.frame).data, digest_size=16).digest(),
               len(self.deny))
        if self._last_frame is not None and self._last_frame[0] == key:
            _, encoded, found, secret, self._masked_only = self._last_frame
            redactions.extend(found)
            self._last_secret_prompt = secret
            return encoded, secret
        previous = self._previous if self.incremental_ocr else None
        if self.settle_frames:
            result = self.engines.frames.settle(draft.frame, self.deny, scale=self.scale,
                                                memory=self.memory)
        else:
            result = self.engines.frames.redact(
                draft.frame, self.deny,
                previous_frame=None if previous is None else previous[0],
                previous_result=None if previous is None else previous[1], scale=self.scale,
                memory=self.memory)
        stats = result.stats
        if _log.isEnabledFor(logging.DEBUG):  # the arguments cost work on every screenshot
            _log.debug("step %d frame: %s OCR (%.0f %% read), %d regions%s, %.0f ms (OCR %.0f, "
                       "analysis %.0f, faces and fields %.0f)", draft.step_index,
                       stats.ocr.mode if stats.ocr else "no", 100 * (stats.ocr.read_fraction
                                                                  if stats.ocr else 0),
                       len(result.redactions),
                       f", dropped: {result.dropped_reason}" if result.frame is None else "",
                       stats.total_ms, stats.ocr_ms, stats.analysis_ms, stats.visual_ms)
        masked = tuple(r.box for r in result.redactions
                       if r.recognizer == MASKED_FIELD_RECOGNIZER and r.box is not None)
        prompt = prompt_asks_for_secret(result.lines)
        secret = PASSWORD_PROMPT if masked or prompt else None
        self._masked_only = () if prompt else masked
        self._last_secret_prompt = secret
        if result.frame is None:
            self._previous = None
            flags.append("frame_dropped")
            self.tally.add(dropped=f"frame:{result.dropped_reason}")
            return None, SCREEN_UNREAD  # unread, as above
        self._previous = (draft.frame, result)
        try:
            encoded = encode_frame(result.frame)
        except Exception as exc:
            flags.append("frame_dropped")
            self.tally.add(dropped=f"frame:encode_failed:{type(exc).__name__}")
            return None, secret
        redactions.extend(result.redactions)
        # The deny-list may have learnt screen values during this redaction: key on its size
        # after, so the next identical frame reuses this result only if nothing new was learnt.
        self._last_frame = ((key[0], len(self.deny)), encoded, tuple(result.redactions), secret,
                            self._masked_only)
        return encoded, secret

    def _typing(self, draft: StepDraft, redactions: list[Redaction], flags: list[str],
                secret_reason: str | None) -> tuple[tuple[InputEvent, ...], str | None]:
        events = draft.events
        typed = rebuild_typing(events)
        typing = _typed_keys(events, typed)
        reading = self._field(draft) if typing else None
        if (secret_reason == PASSWORD_PROMPT and self._masked_only and draft.frame is not None
                and typed_beside(reading, self._masked_only)):
            secret_reason = None  # a password typed earlier, still masked on screen
        secret_reason = secret_reason or next(
            (f for f in draft.flags if f in CAPTURE_SECRET_FLAGS), None)
        if reading is not None and reading.secret and secret_reason is None:
            secret_reason = "password_field"
        if typing and (secret_reason or not draft.focus_known):
            # Typed at a password prompt, into a masked field, or where focus is unknown:
            # all it typed is a secret, one redacted event for each run of it.
            flags.append("secret_input")
            redactions.append(Redaction("text", SECRET_ENTITY, secret_reason or "focus_unknown",
                                        1.0))
            events = tuple(collapse_runs(events, typing, typed,
                                         self.engines.text.policy.placeholder_for))
            text = (replay_text(events)
                    if draft.text is not None or draft.action_type == "type" else None)
            return self._rhythm(draft, events), text
        if not events:
            return (), None if draft.text is None else self._plain_text(draft.text, redactions)
        try:
            # What it finds typed joins the deny-list: then hunted on screen and in titles.
            result = self.engines.text.redact_and_harvest(
                events, self.deny, field_type=None if reading is None else reading.entity_type)
        except CuarecError:
            raise
        except Exception as exc:
            flags.append("text_dropped")
            self.tally.add(dropped=f"text:{type(exc).__name__}")
            return (), None
        redactions.extend(result.redactions)
        text = result.text if draft.action_type == "type" else None
        return self._rhythm(draft, result.events), text

    def _plain_text(self, text: str, redactions: list[Redaction]) -> str:
        result = self.engines.text.redact_text(text, self.deny)
        redactions.extend(result.redactions)
        return str(result.text)

    def _rhythm(self, draft: StepDraft, events: tuple[InputEvent, ...]) -> tuple[InputEvent, ...]:
        if draft.action_type != "type":
            return events
        return _quantise_typing(events, self.privacy.typing_quantum_s, self.privacy.fold_releases)

    def _window(self, draft: StepDraft, redactions: list[Redaction], flags: list[str]
                ) -> WindowInfo | None:
        if draft.window_app is None and draft.window_title is None:
            return None
        try:
            parts: list[str | None] = []
            for value in (draft.window_app, draft.window_title):
                if value is None:
                    parts.append(None)
                    continue
                # A name a title's wording places ("Contract for Ann Lee") is learnt whoever
                # removes it, so it is hunted on screen and in typing too.
                for match in _TITLE_NAME.finditer(value):
                    self.deny.add(match.group(1), "PERSON", "title")
                result = self.engines.text.redact_text(value, self.deny, kind="title")
                redactions.extend(result.redactions)
                parts.append(self._title_names(str(result.text), redactions))
            return WindowInfo(app=parts[0], title=parts[1])
        except Exception as exc:
            self.tally.add(dropped=f"title:{type(exc).__name__}")
            return None

    def _title_names(self, title: str, redactions: list[Redaction]) -> str:
        """Remove names the analyzer missed in a title (see ``_TITLE_NAME``)."""
        placeholder = str(self.engines.text.policy.placeholder_for("PERSON"))

        def replace_name(match: re.Match[str]) -> str:
            redactions.append(Redaction("title", "PERSON", "title_context", 0.5))
            return match.group(0)[: match.start(1) - match.start(0)] + placeholder

        return _TITLE_NAME.sub(replace_name, title)

    def _safe_keys(self, draft: StepDraft, secret: bool) -> tuple[str, ...]:
        """A secret's keys: named keys kept, its characters one placeholder (not one each)."""
        if not secret:
            return draft.keys
        token = self.engines.text.policy.placeholder_for(SECRET_ENTITY)
        first = next((i for i, k in enumerate(draft.keys) if len(k) <= 1), None)
        return tuple(token if i == first else k
                     for i, k in enumerate(draft.keys) if len(k) > 1 or i == first)
