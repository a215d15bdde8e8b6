"""Step redaction with the real engines: denied windows, secrets at prompts, typing rhythm,
title names, fail-closed drops, frame reuse. One engine build for the module."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from recorder.capture.backend import SECRET_PASSWORD_FIELD
from recorder.pipeline import (
    Engines,
    PrivacySettings,
    StepDraft,
    StepRedactor,
    Tally,
    prompt_asks_for_secret,
)
from redaction.denylist import DenyList
from redaction.image.ocr import OcrLine, OcrWord
from redaction.keystrokes import REDACTED_EVENT, replay_text
from redaction.models import Box, InputEvent
from redaction.policy import parse_policy
from redaction.text import TextRedactor
from tests.redaction.image.conftest import ScreenFactory
from tests.redaction.image.conftest import screen as screen  # the drawn-screen fixture
from tests.redaction.image.support import TABLE_ROWS, covered, table_screen


@pytest.fixture(scope="module")
def engines() -> Engines:
    return Engines.build("default")


@pytest.fixture
def redactor(engines: Engines) -> StepRedactor:
    return StepRedactor(engines, DenyList(), PrivacySettings(), Tally())


def _typing(text: str, start: float = 1.0, gap: float = 0.137) -> tuple[InputEvent, ...]:
    events = []
    for i, c in enumerate(text):
        t = start + i * gap
        events.append(InputEvent(t=t, kind="key_press", key=c, char=c))
        events.append(InputEvent(t=t + 0.061, kind="key_release", key=c, char=c))
    return tuple(events)


def _screen(*lines: str) -> np.ndarray[Any, Any]:
    import cv2

    frame = np.full((200, 640, 3), 255, dtype=np.uint8)
    for row, line in enumerate(lines):
        cv2.putText(frame, line, (10, 40 + 40 * row), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0),
                    2)
    return frame


def test_denied_window_keeps_only_a_marked_step(redactor: StepRedactor) -> None:
    step = redactor.redact(StepDraft(
        step_index=0, timestamp_s=1.0, action_type="type", frame=_screen("vault"),
        text="hunter2", events=_typing("hunter2"), window_app="KeePassXC",
        window_title="Passwords.kdbx - KeePassXC", x=5, y=5))
    assert step.flags == ("denied_window",)
    assert step.screenshot is None and step.events == () and step.text is None
    assert step.window is not None and step.window.title is None and step.x is None
    assert redactor.tally.flags["denied_window"] == 1
    private = PrivacySettings()
    assert private.denies("firefox", "Mozilla Firefox Private Browsing")
    assert not private.denies("xterm", "bash")


def test_typing_at_a_password_prompt_is_a_secret(redactor: StepRedactor) -> None:
    frame = _screen("$ sudo apt update", "[sudo] password for ann:")
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="type",
                                     frame=frame, text="correcthorse",
                                     events=_typing("correcthorse"), window_app="xterm",
                                     window_title="bash"))
    assert "secret_input" in step.flags and step.text == "<PASSWORD>"
    assert step.events == (InputEvent(t=1.0, kind=REDACTED_EVENT, key="<PASSWORD>",
                                      char="<PASSWORD>"),)


def test_a_secret_is_one_event_whatever_its_length(redactor: StepRedactor) -> None:
    """A 21-character password is one redacted event: no length, no per-key timing."""
    frame = _screen("$ read -s -p 'Password: ' pw", "Password:")
    secret = "correct-horse-battery"
    typing = _typing(secret, 2.5)
    move = InputEvent(t=3.71, kind="move", x=40, y=50)  # its time would tell the length typed
    events = (*typing[:18], move, *typing[18:])
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="type",
                                     frame=frame, text=secret, events=events, duration_s=2.801,
                                     window_app="xterm", window_title="xterm"))
    assert len(secret) == 21 and step.text == "<PASSWORD>"
    assert [(e.kind, e.key, e.char, e.t) for e in step.events] == [
        (REDACTED_EVENT, "<PASSWORD>", "<PASSWORD>", 2.5), ("move", None, None, 2.5)]
    assert step.duration_s is None
    assert replay_text(step.events) == step.text
    # Stored again (curators' redact): the same step.
    again = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="type",
                                      frame=frame, text=step.text, events=step.events,
                                      window_app="xterm", window_title="xterm"))
    assert (again.text, again.events, again.flags) == (step.text, step.events, ())


@pytest.mark.parametrize("char", ["a", "\x01"])
def test_a_hotkey_at_a_password_prompt_is_no_typing(redactor: StepRedactor, char: str) -> None:
    """Key combinations are not typed text: ctrl+a stays ctrl+a on a password screen."""
    frame = _screen("Sign in", "Password:")
    events = (InputEvent(t=1.0, kind="key_press", key="ctrl_l"),
              InputEvent(t=1.1, kind="key_press", key="a", char=char),
              InputEvent(t=1.2, kind="key_release", key="a", char=char),
              InputEvent(t=1.3, kind="key_release", key="ctrl_l"))
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="hotkey",
                                     frame=frame, keys=("ctrl", "a"), modifiers=("ctrl",),
                                     events=events, window_app="xterm", window_title="xterm"))
    assert step.keys == ("ctrl", "a") and step.events == events
    # A program's one-word title is no name.
    assert step.window is not None and (step.window.app, step.window.title) == ("xterm", "xterm")
    assert "secret_input" not in step.flags
    assert not any(r.entity_type == "PASSWORD" and r.kind == "text" for r in step.redactions)


def test_prompt_detection_reads_only_the_last_line() -> None:
    def line(y: int, text: str) -> OcrLine:
        return OcrLine(Box(0, y, 100, 10), (OcrWord(text, Box(0, y, 100, 10), 0.9),))

    assert prompt_asks_for_secret([line(0, "$ ls"), line(20, "Password:")])
    assert prompt_asks_for_secret([line(0, "Enter passphrase for key '/k':")])
    assert prompt_asks_for_secret([line(0, "$ read -s"), line(21, "Password:\u25a0")])  # cursor
    assert not prompt_asks_for_secret([line(0, "Password:"), line(20, "Password: $ ls")])
    assert not prompt_asks_for_secret([line(0, "Password: hunter2 was wrong"), line(20, "$")])


def test_unknown_focus_makes_typing_a_secret(redactor: StepRedactor) -> None:
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="type",
                                     text="abc", events=_typing("abc"), focus_known=False))
    assert "secret_input" in step.flags and step.text == "<PASSWORD>"


def test_a_secret_typed_over_a_selection_keeps_no_character(redactor: StepRedactor) -> None:
    select_all = (InputEvent(t=2.0, kind="key_press", key="ctrl_l"),
                  InputEvent(t=2.1, kind="key_press", key="a", char="\x01"),
                  InputEvent(t=2.2, kind="key_release", key="a", char="\x01"),
                  InputEvent(t=2.3, kind="key_release", key="ctrl_l"))
    events = (*_typing("hunter2"), *select_all, *_typing("secret9", 3.0))
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="type",
                                     text="secret9", events=events, focus_known=False))
    assert "secret_input" in step.flags and step.text == "<PASSWORD>"
    assert not any(e.char in set("secret9") or e.key in set("secret9") for e in step.events)
    assert replay_text(step.events) == step.text


def test_a_secret_field_keeps_one_placeholder_key_of_the_policy(engines: Engines) -> None:
    policy = parse_policy('[policy]\nname = "t"\n[ner]\nenabled = false\n[entities]\n'
                          'enabled = ["PASSWORD"]\n[placeholders]\nPASSWORD = "<SECRET>"\n')
    custom = StepRedactor(Engines(text=TextRedactor(policy, None), frames=engines.frames),
                          DenyList(), PrivacySettings(), Tally())
    step = custom.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="type",
                                   text="hunter2", events=_typing("hunter2"),
                                   keys=(*"hunter2", "enter"), flags=(SECRET_PASSWORD_FIELD,)))
    assert "secret_input" in step.flags and step.text == "<SECRET>"
    assert step.keys == ("<SECRET>", "enter")


def test_typing_rhythm_is_quantised_and_dwell_removed(redactor: StepRedactor) -> None:
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="type",
                                     text="ls -la", events=_typing("ls -la"),
                                     window_app="xterm", window_title="bash"))
    assert step.text == "ls -la"
    times = [e.t for e in step.events]
    assert all(abs(t * 10 - round(t * 10)) < 1e-6 for t in times)
    pressed_at: dict[str | None, float] = {}
    for event in step.events:  # each release sits at its own press's time: no dwell
        if event.kind == "key_press":
            pressed_at[event.key] = event.t
        else:
            assert event.t == pressed_at[event.key]


def test_title_names_are_removed_and_learnt(redactor: StepRedactor) -> None:
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="click",
                                     window_app="libreoffice",
                                     window_title="Contract for Bartholomew Quigley - Writer"))
    assert step.window is not None and step.window.title == "Contract for <PERSON> - Writer"
    assert "Bartholomew Quigley" in redactor.deny


def test_a_failing_frame_is_dropped_and_counted(redactor: StepRedactor) -> None:
    bad = np.zeros((4, 4), dtype=np.float32)  # not an image the redactor accepts
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="click",
                                     frame=bad, x=1, y=1))
    assert step.screenshot is None and "frame_dropped" in step.flags
    assert sum(redactor.tally.dropped.values()) == 1
    assert next(iter(redactor.tally.dropped)).startswith("frame:")


def test_unchanged_frames_reuse_their_redaction(redactor: StepRedactor,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    frame = _screen("Mail: ann.lee@example.org")
    first = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="click",
                                      frame=frame))
    calls: list[int] = []
    original = redactor.engines.frames.redact

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(redactor.engines.frames, "redact", counted)
    second = redactor.redact(StepDraft(step_index=1, timestamp_s=2.0, action_type="key",
                                       frame=frame.copy()))
    assert calls == [] and second.screenshot == first.screenshot
    assert [r.entity_type for r in second.redactions] == [r.entity_type
                                                         for r in first.redactions]
    assert any(r.entity_type == "EMAIL_ADDRESS" for r in first.redactions)


def test_incremental_reads_find_what_a_full_read_finds(engines: Engines) -> None:
    """The recorder reads only what changed; a line printed under the old ones must be
    redacted as a full read redacts it, and the unchanged PII above stays redacted."""
    before = _screen("Mail: ann.lee@example.org", "build passed")
    after = _screen("Mail: ann.lee@example.org", "build passed", "call +44 20 7946 0958")
    steps = {}
    for incremental in (False, True):
        redactor = StepRedactor(engines, DenyList(), PrivacySettings(), Tally(),
                                incremental_ocr=incremental)
        redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="click",
                                  frame=before))
        steps[incremental] = redactor.redact(StepDraft(step_index=1, timestamp_s=2.0,
                                                       action_type="key", frame=after))
    full, incremental_step = steps[False], steps[True]
    assert sorted(r.entity_type for r in incremental_step.redactions) == sorted(
        r.entity_type for r in full.redactions)
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER"} <= {r.entity_type for r in full.redactions}


@pytest.mark.parametrize("mode", ["recorder", "curator"])
def test_a_header_seen_in_an_earlier_step_heads_the_rows_after_it_scrolled_away(
        engines: Engines, screen: ScreenFactory, mode: str) -> None:
    """The episode's screen memory: the recorder (incremental reads) and the curators'
    ``redact`` (settled whole reads) remove the names of a table whose header row scrolled
    out of view, which the scrolled frame alone does not say are names."""
    shown = table_screen(screen, TABLE_ROWS[:3], header=True)
    scrolled = table_screen(screen, TABLE_ROWS[1:], header=False)
    names = [cell for row in TABLE_ROWS[1:] for cell in row[:2]]

    def redactor() -> StepRedactor:
        return StepRedactor(engines, DenyList(), PrivacySettings(), Tally(),
                            incremental_ocr=mode == "recorder", settle_frames=mode == "curator")

    def removed(step: Any) -> list[str]:
        boxes = [r.box for r in step.redactions if r.box is not None]
        return [n for n in names if covered(scrolled.boxes[n], boxes)]

    episode = redactor()
    episode.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="scroll",
                             frame=shown.image))
    later = episode.redact(StepDraft(step_index=1, timestamp_s=2.0, action_type="click",
                                     frame=scrolled.image))
    assert removed(later) == names
    alone = redactor().redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="click",
                                        frame=scrolled.image))
    assert removed(alone) != names  # the memory made the difference


def test_typing_on_a_screen_that_was_never_read_is_a_secret(redactor: StepRedactor) -> None:
    """A screenshot dropped before redaction (backlog) hides whether a password prompt was
    shown: the typing in that step is taken as a secret (fail closed)."""
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="type",
                                     frame=None, text="hunter2", events=_typing("hunter2"),
                                     screen_known=False, flags=("frame_dropped",)))
    assert "secret_input" in step.flags and step.text == "<PASSWORD>"
    assert [r.recognizer for r in step.redactions] == ["screen_unread"]
    assert not any(e.char and e.char in "hunter2" for e in step.events)


def test_a_stored_step_without_screenshot_keeps_its_typing(redactor: StepRedactor) -> None:
    """Curators' re-redaction: the recorder judged the screen when it recorded the step."""
    step = redactor.redact(StepDraft(step_index=0, timestamp_s=1.0, action_type="type",
                                     frame=None, text="ls -la", events=_typing("ls -la"),
                                     flags=("frame_dropped",)))
    assert step.text == "ls -la" and "secret_input" not in step.flags


def test_raw_steps_and_drafts_never_show_their_values_in_a_repr() -> None:
    """One step record for every stage: its raw fields (typed text, keys, events, window,
    pixels) stay out of reprs, so a log line or a traceback cannot carry them."""
    from recorder.capture.backend import RawWindow
    from recorder.capture.frames import Frame
    from recorder.capture.steps import RawStep
    from recorder.episode.model import step_fields

    pixels = np.full((4, 4, 3), 7, dtype=np.uint8)
    raw = RawStep(step_index=3, timestamp_s=1.0, action_type="type", text="hunter2",
                  keys=("h",), events=_typing("hunter2"),
                  observation=Frame(t=0.5, pixels=pixels, content_id=1),
                  window=RawWindow(app="xterm", title="Contract for Ann Lee"))
    draft = StepDraft(**step_fields(raw), frame=pixels, window_app="xterm",
                      window_title="Contract for Ann Lee")
    assert (draft.step_index, draft.text, draft.events) == (3, "hunter2", raw.events)
    for text in (repr(raw), repr(draft)):
        assert "hunter" not in text and "Ann Lee" not in text and "'h'" not in text
        assert "step_index=3" in text and "action_type='type'" in text
