"""Export training pairs (redacted observation, action) in the action spaces agents use.

Each action space is a small :class:`ActionSpace` subclass in one registry. Coordinates in an
episode are in the stored screenshot's pixels; a space converts them into its own frame:

- ``pyautogui``: OS input coordinates, ``monitor.x + x_px / scale`` (what pyautogui.click
  takes), or [0, 1] with ``--normalize`` as OpenCUA does. Text is emitted with ``repr()``, so
  no recorded string can ever become code.
- ``anthropic``: the ``computer_20250124`` tool's actions, coordinates and screenshot scaled to
  the chosen display size (XGA, WXGA, FWXGA).
- ``openai``: computer-use actions, in screenshot pixels.
- ``jsonl``: cuarec's normalised action.

Placeholders such as ``<EMAIL_ADDRESS>`` stay placeholders: the export only reads redacted
episodes and never has anything else to put back.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from recorder.episode.model import EncodedImage, EpisodeMetadata, MonitorInfo, RedactedStep
from recorder.errors import UsageError

ANTHROPIC_SIZES: dict[str, tuple[int, int]] = {
    "XGA": (1024, 768),
    "WXGA": (1280, 800),
    "FWXGA": (1366, 768),
}

#: Pixels per wheel step for spaces that scroll by pixels (browsers use ~100 per notch).
SCROLL_PIXELS_PER_STEP = 100


@dataclass(frozen=True, slots=True)
class ExportOptions:
    normalize: bool = False
    anthropic_size: str | None = None  # None: the size closest to the screenshot's aspect
    #: Leave out steps whose typed text is only placeholders (never a training target).
    drop_placeholder_steps: bool = False


@dataclass(frozen=True, slots=True)
class Frame:
    """Where a step's coordinates live: the screenshot size, the monitor and its scale."""

    width: int
    height: int
    monitor: MonitorInfo
    system: str | None


@dataclass(frozen=True, slots=True)
class Pair:
    """One exported training pair."""

    step_index: int
    action_type: str
    action: Any  # code (pyautogui) or JSON-ready objects
    screenshot: EncodedImage | None


#: Dead keys (``dead_XXXX``: the accent's code point, spacing or combining) -> X keysyms.
_DEAD_KEYSYMS = {
    **dict.fromkeys(("0060", "0300"), "dead_grave"),
    **dict.fromkeys(("00b4", "0301"), "dead_acute"),
    **dict.fromkeys(("005e", "0302"), "dead_circumflex"),
    **dict.fromkeys(("007e", "02dc", "0303"), "dead_tilde"),
    **dict.fromkeys(("00a8", "0308"), "dead_diaeresis"),
    **dict.fromkeys(("02c7", "030c"), "dead_caron"),
    **dict.fromkeys(("00b8", "0327"), "dead_cedilla"),
    **dict.fromkeys(("02db", "0328"), "dead_ogonek"),
    **dict.fromkeys(("00b0", "02da", "030a"), "dead_abovering"),
}
#: The keypad (``kp_*``, the same names on every platform) in X keysyms.
_KEYPAD_KEYSYMS = {
    **{f"kp_{n}": f"KP_{n}" for n in range(10)}, "kp_add": "KP_Add",
    "kp_subtract": "KP_Subtract", "kp_multiply": "KP_Multiply", "kp_divide": "KP_Divide",
    "kp_decimal": "KP_Decimal", "kp_enter": "KP_Enter", "kp_equal": "KP_Equal",
    "num_lock": "Num_Lock",
}


def _base_key(key: str) -> str:
    key = key.lower()
    for suffix in ("_l", "_r", "_gr"):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix)]
    return key


class ActionSpace(ABC):
    """Converts normalised steps into one agent action space."""

    name: ClassVar[str]
    #: our key name -> this space's key name (single characters pass through)
    key_names: ClassVar[dict[str, str]] = {}

    def __init__(self, frame: Frame, options: ExportOptions) -> None:
        self.frame = frame
        self.options = options

    def key(self, key: str) -> str:
        full = self.key_names.get(key.lower())  # alt_gr, keypad and dead keys by full name
        if full is not None:
            return full
        base = _base_key(key)
        return self.key_names.get(base, base)

    def point(self, x: int | None, y: int | None) -> tuple[float, float]:
        """Screenshot pixels -> this space's coordinates (override where they differ)."""
        px, py = float(x or 0), float(y or 0)
        if self.options.normalize:
            return (round(px / self.frame.width, 4), round(py / self.frame.height, 4))
        return (px, py)

    def screenshot(self, image: EncodedImage | None) -> EncodedImage | None:
        return image

    @abstractmethod
    def convert(self, step: RedactedStep) -> Any:
        """The action(s) for one step; ``None`` when the space has no such action."""


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


class PyAutoGuiSpace(ActionSpace):
    name = "pyautogui"
    key_names: ClassVar[dict[str, str]] = {
        "cmd": "win", "super": "win", "page_up": "pageup", "page_down": "pagedown",
        "caps_lock": "capslock", "num_lock": "numlock", "scroll_lock": "scrolllock",
        "print_screen": "printscreen", "menu": "apps", "escape": "esc", "return": "enter",
        "alt_gr": "altright", "option": "alt",
        **{f"kp_{n}": f"num{n}" for n in range(10)}, "kp_add": "add",
        "kp_subtract": "subtract", "kp_multiply": "multiply", "kp_divide": "divide",
        "kp_decimal": "decimal", "kp_enter": "enter", "kp_equal": "=",
    }

    def key(self, key: str) -> str:
        base = _base_key(key)
        if base in ("cmd", "super") and (self.frame.system or "").lower() == "darwin":
            return "command"
        return self.key_names.get(key.lower()) or self.key_names.get(base, base)

    def point(self, x: int | None, y: int | None) -> tuple[float, float]:
        if self.options.normalize:
            return super().point(x, y)
        monitor = self.frame.monitor
        scale = monitor.scale or 1.0
        return (round(monitor.x + (x or 0) / scale, 2), round(monitor.y + (y or 0) / scale, 2))

    def _xy(self, x: int | None, y: int | None) -> str:
        px, py = self.point(x, y)
        return f"{_num(px)!r}, {_num(py)!r}"

    def convert(self, step: RedactedStep) -> str:
        kind = step.action_type
        mods = [self.key(m) for m in step.modifiers] if kind not in ("hotkey", "key") else []
        calls: list[str] = []
        if kind == "move":
            calls.append(f"pyautogui.moveTo({self._xy(step.x, step.y)})")
        elif kind in ("click", "double_click", "triple_click", "right_click", "middle_click"):
            func = {"click": "click", "double_click": "doubleClick",
                    "triple_click": "tripleClick", "right_click": "rightClick",
                    "middle_click": "middleClick"}[kind]
            calls.append(f"pyautogui.{func}({self._xy(step.x, step.y)})")
        elif kind == "drag":
            duration = round(step.duration_s or 0.5, 3)
            calls.append(f"pyautogui.moveTo({self._xy(step.x, step.y)})")
            calls.append(f"pyautogui.dragTo({self._xy(step.end_x, step.end_y)}, "
                         f"duration={duration!r}, button={step.button or 'left'!r})")
        elif kind == "scroll":
            if step.scroll_dy:
                calls.append(f"pyautogui.scroll({int(step.scroll_dy)!r}, "
                             f"x={_num(self.point(step.x, step.y)[0])!r}, "
                             f"y={_num(self.point(step.x, step.y)[1])!r})")
            if step.scroll_dx:
                calls.append(f"pyautogui.hscroll({int(step.scroll_dx)!r}, "
                             f"x={_num(self.point(step.x, step.y)[0])!r}, "
                             f"y={_num(self.point(step.x, step.y)[1])!r})")
        elif kind == "type":
            calls.append(f"pyautogui.write({step.text or ''!r})")
        elif kind == "key":
            calls.extend(f"pyautogui.press({self.key(k)!r})" for k in step.keys)
        elif kind == "hotkey":
            calls.append(f"pyautogui.hotkey({', '.join(repr(self.key(k)) for k in step.keys)})")
        elif kind == "wait":
            calls.append(f"pyautogui.sleep({round(step.duration_s or 1.0, 3)!r})")
        elif kind == "done":
            return "DONE"  # OSWorld's terminal token
        else:
            return ""
        if mods and calls:
            calls = ([f"pyautogui.keyDown({m!r})" for m in mods] + calls
                     + [f"pyautogui.keyUp({m!r})" for m in reversed(mods)])
        return "\n".join(calls)


class AnthropicSpace(ActionSpace):
    name = "anthropic"
    key_names: ClassVar[dict[str, str]] = {
        "cmd": "super", "enter": "Return", "return": "Return", "backspace": "BackSpace",
        "tab": "Tab", "esc": "Escape", "escape": "Escape", "space": "space", "up": "Up",
        "down": "Down", "left": "Left", "right": "Right", "page_up": "Page_Up",
        "page_down": "Page_Down", "home": "Home", "end": "End", "insert": "Insert",
        "delete": "Delete", "caps_lock": "Caps_Lock", "menu": "Menu", "print_screen": "Print",
        "+": "plus", "-": "minus", " ": "space",
        **{f"f{n}": f"F{n}" for n in range(1, 25)},
        "alt_gr": "ISO_Level3_Shift", "option": "alt", **_KEYPAD_KEYSYMS,
        **{f"dead_{code}": keysym for code, keysym in _DEAD_KEYSYMS.items()},
    }

    def __init__(self, frame: Frame, options: ExportOptions) -> None:
        super().__init__(frame, options)
        self.size = ANTHROPIC_SIZES[options.anthropic_size or _closest_size(frame)]

    def point(self, x: int | None, y: int | None) -> tuple[float, float]:
        if self.options.normalize:
            return super().point(x, y)
        width, height = self.size
        return (round((x or 0) * width / self.frame.width),
                round((y or 0) * height / self.frame.height))

    def screenshot(self, image: EncodedImage | None) -> EncodedImage | None:
        return None if image is None else _resized(image, self.size)

    def _at(self, x: int | None, y: int | None) -> list[int | float]:
        return [_num(v) for v in self.point(x, y)]

    def convert(self, step: RedactedStep) -> Any:
        kind = step.action_type
        hold = "+".join(self.key(m) for m in step.modifiers)
        if kind in ("click", "double_click", "triple_click", "right_click", "middle_click"):
            action: dict[str, Any] = {"action": "left_click" if kind == "click" else kind,
                                      "coordinate": self._at(step.x, step.y)}
            if hold:
                action["text"] = hold
            return [action]
        if kind == "move":
            return [{"action": "mouse_move", "coordinate": self._at(step.x, step.y)}]
        if kind == "drag":
            return [{"action": "left_click_drag", "start_coordinate": self._at(step.x, step.y),
                     "coordinate": self._at(step.end_x, step.end_y)}]
        if kind == "scroll":
            actions = []
            for amount, positive, negative in ((step.scroll_dy, "up", "down"),
                                               (step.scroll_dx, "right", "left")):
                if amount:
                    actions.append({"action": "scroll", "coordinate": self._at(step.x, step.y),
                                    "scroll_direction": positive if amount > 0 else negative,
                                    "scroll_amount": abs(int(amount))})
            return actions
        if kind == "type":
            return [{"action": "type", "text": step.text or ""}]
        if kind == "key":
            return [{"action": "key", "text": self.key(k)} for k in step.keys]
        if kind == "hotkey":
            return [{"action": "key", "text": "+".join(self.key(k) for k in step.keys)}]
        if kind == "wait":
            return [{"action": "wait", "duration": round(step.duration_s or 1.0, 3)}]
        return None  # 'done': the tool has no terminal action; the pair is marked is_last


class OpenAISpace(ActionSpace):
    name = "openai"
    key_names: ClassVar[dict[str, str]] = {
        "cmd": "super", "return": "enter", "escape": "esc", "up": "arrowup",
        "down": "arrowdown", "left": "arrowleft", "right": "arrowright", "page_up": "pageup",
        "page_down": "pagedown", "caps_lock": "capslock", " ": "space",
        "option": "alt", **{f"kp_{n}": str(n) for n in range(10)}, "kp_add": "+",
        "kp_subtract": "-", "kp_multiply": "*", "kp_divide": "/", "kp_decimal": ".",
        "kp_enter": "enter", "kp_equal": "=",
    }

    def _xy(self, x: int | None, y: int | None) -> dict[str, int | float]:
        px, py = self.point(x, y)
        return {"x": _num(px), "y": _num(py)}

    def convert(self, step: RedactedStep) -> Any:
        kind = step.action_type
        button = {"right_click": "right", "middle_click": "wheel"}.get(kind, "left")
        if kind in ("click", "right_click", "middle_click"):
            return [{"type": "click", "button": button, **self._xy(step.x, step.y)}]
        if kind == "double_click":
            return [{"type": "double_click", **self._xy(step.x, step.y)}]
        if kind == "triple_click":  # no triple click in this space: three clicks
            return [{"type": "click", "button": "left", **self._xy(step.x, step.y)}] * 3
        if kind == "move":
            return [{"type": "move", **self._xy(step.x, step.y)}]
        if kind == "drag":
            return [{"type": "drag", "path": [self._xy(step.x, step.y),
                                              self._xy(step.end_x, step.end_y)]}]
        if kind == "scroll":
            # OpenAI scrolls in pixels, positive y = down; pynput's positive dy = up.
            return [{"type": "scroll", **self._xy(step.x, step.y),
                     "scroll_x": int(step.scroll_dx or 0) * SCROLL_PIXELS_PER_STEP,
                     "scroll_y": -int(step.scroll_dy or 0) * SCROLL_PIXELS_PER_STEP}]
        if kind == "type":
            return [{"type": "type", "text": step.text or ""}]
        if kind == "key":
            return [{"type": "keypress", "keys": [self.key(k)]} for k in step.keys]
        if kind == "hotkey":
            return [{"type": "keypress", "keys": [self.key(k) for k in step.keys]}]
        if kind == "wait":
            return [{"type": "wait"}]
        return None


class JsonlSpace(ActionSpace):
    name = "jsonl"

    def convert(self, step: RedactedStep) -> Any:
        action: dict[str, Any] = {"action_type": step.action_type}
        for start, end in (("x", "y"), ("end_x", "end_y")):
            value_x, value_y = getattr(step, start), getattr(step, end)
            if value_x is not None and value_y is not None:
                px, py = self.point(value_x, value_y)
                action[start], action[end] = _num(px), _num(py)
        for name in ("button", "scroll_dx", "scroll_dy", "text", "duration_s"):
            value = getattr(step, name)
            if value is not None:
                action[name] = value
        if step.keys:
            action["keys"] = list(step.keys)
        if step.modifiers:
            action["modifiers"] = list(step.modifiers)
        return action


ACTION_SPACES: dict[str, type[ActionSpace]] = {
    space.name: space for space in (PyAutoGuiSpace, AnthropicSpace, OpenAISpace, JsonlSpace)
}


def _closest_size(frame: Frame) -> str:
    aspect = frame.width / max(1, frame.height)
    return min(ANTHROPIC_SIZES, key=lambda n: abs(aspect - ANTHROPIC_SIZES[n][0]
                                                   / ANTHROPIC_SIZES[n][1]))


def _resized(image: EncodedImage, size: tuple[int, int]) -> EncodedImage:
    import cv2

    from recorder.episode.images import decode_frame, encode_frame

    if (image.width, image.height) == size:
        return image
    frame = decode_frame(image.data)
    return encode_frame(cv2.resize(frame, size, interpolation=cv2.INTER_AREA))


def _frame_for(meta: EpisodeMetadata, width: int, height: int) -> Frame:
    monitors = meta.monitors
    index = meta.monitor_index if meta.monitor_index is not None else 0
    if monitors and 0 <= index < len(monitors):
        monitor = monitors[index]
    else:
        scale = meta.scale_factor or 1.0
        monitor = MonitorInfo(0, 0, round(width / scale), round(height / scale), scale)
    return Frame(width=width, height=height, monitor=monitor, system=meta.os)


def export_pairs(
    steps: Sequence[RedactedStep], meta: EpisodeMetadata, space_name: str,
    options: ExportOptions,
) -> Iterator[Pair]:
    """Convert an episode's steps into pairs of one action space."""
    if space_name not in ACTION_SPACES:
        raise UsageError(f"unknown export format {space_name!r}; choose one of "
                         f"{', '.join(ACTION_SPACES)}")
    if options.anthropic_size is not None and options.anthropic_size not in ANTHROPIC_SIZES:
        raise UsageError(f"unknown Anthropic display size {options.anthropic_size!r}; choose "
                         f"one of {', '.join(ANTHROPIC_SIZES)}")
    sized = next((s.screenshot for s in steps if s.screenshot is not None), None)
    if sized is not None:
        width, height = sized.width, sized.height
    elif meta.monitors:
        monitor = meta.monitors[meta.monitor_index or 0]
        width = round(monitor.width * monitor.scale)
        height = round(monitor.height * monitor.scale)
    else:
        width, height = 1, 1
    space = ACTION_SPACES[space_name](_frame_for(meta, width, height), options)
    for step in steps:
        if options.drop_placeholder_steps and placeholder_only(step.text):
            continue
        yield Pair(step.step_index, step.action_type, space.convert(step),
                   space.screenshot(step.screenshot))


def placeholder_only(text: str | None) -> bool:
    """True when ``text`` holds placeholders such as ``<EMAIL_ADDRESS>`` and nothing else."""
    from redaction.policy import PLACEHOLDER_PATTERN

    return bool(text) and not PLACEHOLDER_PATTERN.sub("", text or "").strip()


# --- writing -------------------------------------------------------------------------------

def _pairs_table(pairs: Sequence[Pair], meta: EpisodeMetadata, space_name: str,
                 options: ExportOptions) -> Any:
    import pyarrow as pa

    rows = [
        {
            "episode_id": meta.episode_id,
            "step_index": pair.step_index,
            "instruction": meta.task,
            "screenshot": None if pair.screenshot is None else {"bytes": pair.screenshot.data,
                                                                 "path": None},
            "image_width": None if pair.screenshot is None else pair.screenshot.width,
            "image_height": None if pair.screenshot is None else pair.screenshot.height,
            "action_type": pair.action_type,
            "action": pair.action if isinstance(pair.action, str) else json.dumps(pair.action),
            "is_last": index == len(pairs) - 1,
        }
        for index, pair in enumerate(pairs)
    ]
    schema = pa.schema([
        ("episode_id", pa.string()), ("step_index", pa.int32()), ("instruction", pa.string()),
        ("screenshot", pa.struct([("bytes", pa.binary()), ("path", pa.string())])),
        ("image_width", pa.int32()), ("image_height", pa.int32()),
        ("action_type", pa.string()), ("action", pa.string()), ("is_last", pa.bool_()),
    ])
    features = {f.name: {"dtype": {"string": "string", "int32": "int32", "bool": "bool"}[
        str(f.type)], "_type": "Value"} for f in schema if f.name != "screenshot"}
    features["screenshot"] = {"_type": "Image"}
    export_meta = {"action_space": space_name, "normalize": options.normalize,
                   "anthropic_size": options.anthropic_size, "source_episode": meta.episode_id}
    return pa.Table.from_pylist(rows, schema=schema).replace_schema_metadata({
        b"huggingface": json.dumps({"info": {"features": features}}).encode(),
        b"cuarec_export": json.dumps(export_meta).encode(),
    })


def _write_jsonl_folder(pairs: Sequence[Pair], meta: EpisodeMetadata, target: Path) -> Path:
    """``target/steps.jsonl`` + ``target/images/step-NNNNN.webp``, published by one rename."""
    from recorder.episode.writer import DIR_MODE, FILE_MODE, disk_error, ensure_private_folder

    ensure_private_folder(target.parent)
    if target.exists():
        raise UsageError(f"{target} already exists; refusing to overwrite it")
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)

    def create(path: Path, data: bytes) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)

    try:
        (tmp / "images").mkdir(mode=DIR_MODE, parents=True)
        lines = []
        for index, pair in enumerate(pairs):
            image = None
            if pair.screenshot is not None:
                image = f"images/step-{pair.step_index:05d}.webp"
                create(tmp / image, pair.screenshot.data)
            lines.append(json.dumps({"episode_id": meta.episode_id,
                                     "step_index": pair.step_index,
                                     "instruction": meta.task, "image": image,
                                     "action": pair.action, "is_last": index == len(pairs) - 1},
                                    ensure_ascii=False))
        create(tmp / "steps.jsonl", ("\n".join(lines) + "\n").encode())
        os.rename(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise disk_error(exc, target.parent, target.name) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


@dataclass(frozen=True, slots=True)
class ExportResult:
    source: Path
    output: Path
    pairs: int


def export_episode(source: Path, space_name: str, out_dir: Path,
                   options: ExportOptions = ExportOptions()) -> ExportResult:
    """Export one episode file into ``out_dir`` (one output per episode, written atomically)."""
    from recorder.episode.reader import open_episode
    from recorder.episode.writer import write_table_atomically

    episode = open_episode(source)
    steps = list(episode.iter_steps())
    pairs = list(export_pairs(steps, episode.metadata, space_name, options))
    stem = source.stem
    if space_name == "jsonl":
        output = _write_jsonl_folder(pairs, episode.metadata, out_dir / f"{stem}.jsonl")
    else:
        table = _pairs_table(pairs, episode.metadata, space_name, options)
        output = write_table_atomically(table, out_dir / f"{stem}.{space_name}.parquet")
    return ExportResult(source, output, len(pairs))


def export_many(sources: Sequence[Path], space_name: str, out_dir: Path,
                options: ExportOptions = ExportOptions(),
                progress: Callable[[ExportResult], None] | None = None) -> list[ExportResult]:
    if space_name not in ACTION_SPACES:
        raise UsageError(f"unknown export format {space_name!r}; choose one of "
                         f"{', '.join(ACTION_SPACES)}")
    results = []
    for source in sources:
        result = export_episode(source, space_name, out_dir, options)
        results.append(result)
        if progress is not None:
            with contextlib.suppress(Exception):
                progress(result)
    return results


#: Public for recorder.dataset, which exports packed datasets as shards.
pairs_table = _pairs_table
