"""The step reducer on synthetic event streams: each action type, boundaries, observations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recorder.capture.backend import KEY_PRESS, KEY_RELEASE
from recorder.capture.steps import (
    FLAG_HELD_AT_END,
    FLAG_OUTSIDE_FRAME,
    CoordinateMap,
    RawStep,
    StepConfig,
)
from recorder.episode.schema import ACTION_TYPES
from redaction.models import InputEvent
from tests.recorder.capture.conftest import FRAME_PERIOD, Stream, reduce_stream

Reduce = Callable[..., list[RawStep]]


def actions(steps: list[RawStep]) -> list[str]:
    return [s.action_type for s in steps]


def test_typing_with_corrections_is_one_type_step(stream: Stream, reduce: Reduce) -> None:
    stream.type("Hellp").key("backspace").type("o wrld").key("left").key("left").key("left")
    stream.type("o").key("end").type("!")
    steps = reduce(stream)
    assert actions(steps) == ["type", "done"]
    assert steps[0].text == "Hello world!"
    assert len(steps[0].events) == len(stream.events)  # shift, edits and releases included


def test_word_deletion_caps_lock_and_shift_taps_stay_in_the_run(stream: Stream,
                                                                 reduce: Reduce) -> None:
    stream.type("foo bar").hotkey("ctrl", "backspace").type("baz")
    stream.key("shift")  # a stray shift tap
    stream.key("caps_lock").type("ok").key("caps_lock").type("!")
    steps = reduce(stream)
    assert actions(steps) == ["type", "done"]
    assert steps[0].text == "foo bazOK!"


def test_enter_tab_and_hotkeys_end_a_run(stream: Stream, reduce: Reduce) -> None:
    stream.type("ab").key("enter").type("cd").key("tab").hotkey("ctrl", "shift", "t")
    stream.hotkey("shift", "tab").type("e")
    steps = reduce(stream)
    assert actions(steps) == ["type", "key", "type", "key", "hotkey", "hotkey", "type", "done"]
    assert [s.text for s in steps if s.action_type == "type"] == ["ab", "cd", "e"]
    assert steps[1].keys == ("enter",) and steps[3].keys == ("tab",)
    assert steps[4].keys == ("ctrl", "shift", "t") and steps[4].modifiers == ("ctrl", "shift")
    assert steps[5].keys == ("shift", "tab")


def test_hotkeys_under_one_held_modifier_are_separate_steps(stream: Stream,
                                                            reduce: Reduce) -> None:
    stream.press("ctrl_r").key("c", "c").key("v", "v").release("ctrl_r")
    steps = reduce(stream)
    assert actions(steps) == ["hotkey", "hotkey", "done"]
    assert [s.keys for s in steps[:2]] == [("ctrl", "c"), ("ctrl", "v")]
    # the modifier's press and release both belong to the step it started
    assert [(e.kind, e.key) for e in steps[0].events] == [
        (KEY_PRESS, "ctrl_r"), (KEY_PRESS, "c"), (KEY_RELEASE, "c"), (KEY_RELEASE, "ctrl_r")]


def test_lone_modifier_and_autorepeat(stream: Stream, reduce: Reduce) -> None:
    stream.key("cmd").press("down").press("down").press("down").release("down")
    steps = reduce(stream)
    assert actions(steps) == ["key", "key", "done"]
    assert steps[0].keys == ("cmd",)
    assert steps[1].keys == ("down",) and len(steps[1].events) == 4


def test_a_release_after_the_next_press_stays_with_its_press(stream: Stream,
                                                             reduce: Reduce) -> None:
    # fast typists overlap keys: 'b' is released after Enter went down
    stream.key("a", "a").press("b", "b").press("enter").release("b", "b").release("enter")
    steps = reduce(stream)
    assert actions(steps) == ["type", "key", "done"]
    assert [(e.kind, e.key) for e in steps[0].events][-1] == (KEY_RELEASE, "b")
    assert all(e.key == "enter" for e in steps[1].events)


def test_clicks_by_count_and_button(stream: Stream, reduce: Reduce) -> None:
    stream.move(10, 10).click(100, 200).wait(0.7)
    stream.click(150, 50, times=2).wait(0.7).click(150, 50, times=3).wait(0.7)
    stream.click(150, 50, times=4).wait(0.7)
    stream.click(300, 100, "right").click(300, 100, "middle").click(300, 100, "button8")
    steps = reduce(stream)
    assert actions(steps) == ["click", "double_click", "triple_click", "triple_click", "click",
                              "right_click", "middle_click", "click", "done"]
    assert (steps[0].x, steps[0].y, steps[0].button) == (100, 200, "left")
    assert steps[0].events[0].kind == "move"  # the approach is folded into the click
    assert [s.button for s in steps[5:8]] == ["right", "middle", "button8"]


def test_clicks_far_apart_are_not_a_double_click(stream: Stream, reduce: Reduce) -> None:
    stream.click(100, 100).click(140, 100)
    assert actions(reduce(stream)) == ["click", "click", "done"]


def test_drag_scroll_and_modifier_click(stream: Stream, reduce: Reduce) -> None:
    stream.drag(50, 50, 200, 100).wait(0.3)
    stream.scroll(300, 300, dy=-1, times=3).scroll(300, 300, dy=1, times=2).wait(1.0)
    stream.scroll(300, 300, dy=1).scroll(300, 300, dx=1, times=2)
    stream.press("ctrl").click(20, 30).release("ctrl")
    steps = reduce(stream)
    assert actions(steps) == ["drag", "scroll", "scroll", "scroll", "scroll", "click", "done"]
    drag = steps[0]
    assert (drag.x, drag.y, drag.end_x, drag.end_y, drag.button) == (50, 50, 200, 100, "left")
    assert drag.duration_s is not None and drag.duration_s > 0
    assert [(s.scroll_dx, s.scroll_dy) for s in steps[1:5]] == [(0, -3), (0, 2), (0, 1), (2, 0)]
    assert steps[5].modifiers == ("ctrl",)


def test_moves_become_a_step_only_before_keys_or_idle(stream: Stream, reduce: Reduce) -> None:
    stream.type("ab").move(5, 5).move(6, 6).type("cd")  # jitter while typing: same run
    stream.move(400, 300).move(410, 310).key("esc")
    steps = reduce(stream)
    assert actions(steps) == ["type", "move", "key", "done"]
    assert steps[0].text == "abcd"
    assert (steps[1].x, steps[1].y) == (410, 310)


def test_waits_between_actions_not_inside_a_run(stream: Stream, reduce: Reduce) -> None:
    stream.type("ab").wait(3.0).type("cd").key("enter").wait(2.5).click(10, 10)
    steps = reduce(stream, end_pause=3.0)  # idle until the end: a final wait
    assert actions(steps) == ["type", "key", "wait", "click", "wait", "done"]
    assert steps[0].text == "abcd"
    wait = steps[2]
    assert wait.duration_s == pytest.approx(2.5, abs=0.05)
    assert wait.observation is not None and wait.observation.t <= wait.timestamp_s


def test_no_waits_when_disabled(stream: Stream, reduce: Reduce) -> None:
    stream.key("enter").wait(5).key("enter")
    assert actions(reduce(stream, StepConfig(wait_s=None))) == ["key", "key", "done"]


def test_observation_is_the_last_frame_before_the_first_event(stream: Stream,
                                                              reduce: Reduce) -> None:
    stream.wait(0.234).press("ctrl").wait(0.2).key("c", "c").release("ctrl")
    stream.wait(0.3).move(1, 1).wait(0.15).click(50, 50)
    steps = reduce(stream)
    hotkey, click = steps[0], steps[1]
    assert hotkey.timestamp_s == pytest.approx(1.234)  # the modifier press starts it
    assert hotkey.observation is not None
    assert hotkey.observation.t == pytest.approx(1.2)
    assert click.observation is not None and click.window is not None
    first = click.events[0].t
    assert click.observation.t <= first < click.observation.t + FRAME_PERIOD
    assert click.window.app == "App"
    assert steps[-1].action_type == "done" and steps[-1].observation is not None


def test_coordinates_are_in_frame_pixels(stream: Stream) -> None:
    # second monitor at x=1920, frames stored at half size
    coords = CoordinateMap(origin_x=1920, origin_y=0, scale_x=0.5, scale_y=0.5,
                           width=1280, height=720)
    stream.click(1920 + 300, 200).wait(0.6).drag(2000, 100, 2400, 500).wait(0.6).click(100, 100)
    steps = reduce_stream(stream, coords=coords)
    assert (steps[0].x, steps[0].y) == (150, 100)
    assert all((e.x, e.y) == (150, 100) for e in steps[0].events)
    assert (steps[1].x, steps[1].y, steps[1].end_x, steps[1].end_y) == (40, 50, 240, 250)
    assert steps[2].x == -910 and FLAG_OUTSIDE_FRAME in steps[2].flags
    assert FLAG_OUTSIDE_FRAME not in steps[0].flags


# -- properties over random streams ---------------------------------------------------------

_ops = st.one_of(
    st.tuples(st.just("type"), st.text(alphabet="abcXYZ 1!", min_size=1, max_size=6)),
    st.tuples(st.just("key"), st.sampled_from(["enter", "tab", "backspace", "left", "esc",
                                                "down", "shift", "caps_lock"])),
    st.tuples(st.just("hotkey"), st.sampled_from([("ctrl", "c"), ("alt", "tab"),
                                                  ("ctrl", "shift", "t"), ("cmd", "l")])),
    st.tuples(st.just("click"), st.tuples(st.integers(0, 50), st.sampled_from(
        ["left", "right", "middle"]), st.integers(1, 4))),
    st.tuples(st.just("move"), st.integers(0, 60)),
    st.tuples(st.just("scroll"), st.tuples(st.sampled_from([-1, 1]), st.integers(1, 4))),
    st.tuples(st.just("drag"), st.integers(10, 80)),
    st.tuples(st.just("wait"), st.sampled_from([0.05, 0.3, 0.7, 2.5])),
    st.tuples(st.just("hold"), st.sampled_from(["ctrl", "shift"])),
)


def _build(ops: list[tuple[object, object]]) -> Stream:
    s = Stream()
    held: list[str] = []
    for op, arg in ops:
        if op == "type":
            s.type(str(arg))
        elif op == "key":
            s.key(str(arg))
        elif op == "hotkey":
            assert isinstance(arg, tuple)
            s.hotkey(*(str(name) for name in arg))
        elif op == "click":
            assert isinstance(arg, tuple)
            x, button, times = arg
            s.click(int(x), int(x), str(button), int(times))
        elif op == "move":
            assert isinstance(arg, int)
            s.move(arg, arg)
        elif op == "scroll":
            assert isinstance(arg, tuple)
            dy, times = arg
            s.scroll(10, 10, dy=int(dy), times=int(times))
        elif op == "drag":
            assert isinstance(arg, int)
            s.drag(0, 0, arg, arg)
        elif op == "wait":
            assert isinstance(arg, float)
            s.wait(arg)
        elif op == "hold":
            if arg in held:
                held.remove(str(arg))
                s.release(str(arg))
            else:
                held.append(str(arg))
                s.press(str(arg))
    for key in held:
        s.release(key)
    return s


@given(st.lists(_ops, min_size=1, max_size=25))
def test_every_event_lands_in_exactly_one_ordered_step(ops: list[tuple[object, object]]) -> None:
    stream = _build(ops)
    steps = reduce_stream(stream)
    assert [s.step_index for s in steps] == list(range(len(steps)))
    assert steps[-1].action_type == "done"
    assert all(s.action_type in ACTION_TYPES for s in steps)
    # conservation: no event lost, none duplicated
    got = Counter(e for s in steps for e in s.events)
    assert got == Counter(stream.events)
    for step in steps:
        presses = [e for e in step.events if e.kind != KEY_RELEASE]
        if presses and step.action_type != "wait":
            assert step.timestamp_s == min(e.t for e in presses)
        if step.observation is not None and step.action_type != "done":
            assert step.observation.t <= step.timestamp_s
        if step.action_type == "type":
            assert step.text is not None
        if step.action_type in ("click", "double_click", "drag", "scroll", "move"):
            assert step.x is not None and step.y is not None
    starts = [s.timestamp_s for s in steps if s.action_type not in ("wait", "done")]
    assert starts == sorted(starts)
    # a release lands in the step of its press (unless that step gave up waiting for it)
    step_of = {e: s for s in steps for e in s.events}
    last_press: dict[str | None, InputEvent] = {}
    for e in stream.events:
        if e.kind == KEY_PRESS:
            last_press[e.key] = e
        elif e.kind == KEY_RELEASE and e.key in last_press:
            press_step = step_of[last_press.pop(e.key)]
            if FLAG_HELD_AT_END not in press_step.flags:
                assert step_of[e] is press_step
