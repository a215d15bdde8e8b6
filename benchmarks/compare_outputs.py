"""Dump what redaction finds at one commit, and diff two dumps: a refactor must not change it.

    python benchmarks/compare_outputs.py dump OUT.json [--parts text,devset,episode]
    python benchmarks/compare_outputs.py diff BEFORE.json AFTER.json

Three parts, each a list of records (inputs by index, never values of gold data printed):
- ``text``: every call the text benchmark's sections (``benchmarks/text_redaction.py``: synth,
  secrets, titles, replay, forms) make on the text redactor, with what it returned (spans,
  placeholders, rewritten key events);
- ``devset``: the detection table of every dev-set image (``benchmarks/.devset`` or
  ``--devset``): each finding's entity type, rule, score and boxes, from the frame redactor the
  recorder uses, reading each image once with RapidOCR. The OCR lines are cached in
  ``--ocr-cache`` (a pickle of the engine's output per image hash) so that both dumps analyse
  the same lines: this compares redaction, not OCR;
- ``episode``: step data of an episode-like run through the recorder's ``StepRedactor``
  (typing with secrets, titles, a task, frames of the dev set's sequences read incrementally):
  each step's stored text, key events, window title, redactions and blurred areas.

``diff`` prints the first differences per part and exits 1 when the dumps differ.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def jsonable(value: Any) -> Any:
    """Dataclasses, tuples, numpy scalars and arrays as plain JSON (arrays by their hash)."""
    import numpy as np

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("stats", "ocr_ms", "analysis_ms", "visual_ms")
            and not f.name.startswith("_")  # private markers (a seal object): no data
        }
    if isinstance(value, np.ndarray):
        return "sha1:" + hashlib.sha1(np.ascontiguousarray(value).tobytes()).hexdigest()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    return repr(value)


class Recording:
    """Stands in for a text redactor: forwards every call and records its inputs and output."""

    def __init__(self, inner: Any, log: list[Any], tag: str) -> None:
        self._inner = inner
        self._log = log
        self._tag = tag

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            result = attr(*args, **kwargs)
            if isinstance(result, Iterator):
                result = list(result)
            self._log.append(
                {
                    "who": self._tag,
                    "call": name,
                    "args": jsonable(args),
                    "kwargs": jsonable(kwargs),
                    "result": jsonable(result),
                }
            )
            return result

        return call


def _engines(policy: str) -> Any:
    """The redactors the recorder uses: the facade, or before it existed the recorder's recipe
    (so that a dump runs at commits on both sides of the move)."""
    try:
        from redaction import Redactor  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        from recorder.pipeline import Engines

        return Engines.build(policy)
    return Redactor.build(policy)


def build_text() -> tuple[Any, Any]:
    return _engines("default").text, _engines("strict").text


def text_part(data: Path, limit: int | None = None) -> list[Any]:
    import text_redaction as bench

    default, strict = build_text()
    log: list[Any] = []
    redactor = Recording(default, log, "default")
    bench.synth_section(redactor, None, data, limit, None)  # type: ignore[arg-type]
    bench.secrets_section(redactor, None)  # type: ignore[arg-type]
    bench.titles_section(redactor, Recording(strict, log, "strict"), data)  # type: ignore[arg-type]
    bench.replay_section(redactor, data, limit)  # type: ignore[arg-type]
    bench.forms_section(redactor)  # type: ignore[arg-type]
    return log


class ReplayOcr:
    """Reads through RapidOCR once per distinct image, then replays the cached lines."""

    def __init__(self, cache_file: Path) -> None:
        from redaction.image.ocr import OcrEngine

        self.cache_file = cache_file
        self.cache: dict[str, Any] = (
            pickle.loads(cache_file.read_bytes()) if cache_file.exists() else {}
        )
        self.real: Any = None
        replay = self

        class Engine(OcrEngine):
            name = "rapidocr-replay"

            def read(self, image: Any, device_scale: float = 1.0) -> Any:
                return replay.read(image, device_scale)

        self.engine = Engine()

    def read(self, image: Any, device_scale: float) -> Any:
        key = hashlib.sha1(image.tobytes() + repr((image.shape, device_scale)).encode())
        digest = key.hexdigest()
        if digest not in self.cache:
            if self.real is None:
                from redaction.image.ocr import create_engine
                from redaction.image.settings import ImageRedactionSettings

                self.real = create_engine("rapidocr", **ImageRedactionSettings().ocr_options())
            self.cache[digest] = self.real.read(image, device_scale)
        return self.cache[digest]

    def save(self) -> None:
        temporary = self.cache_file.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(self.cache))
        temporary.replace(self.cache_file)


def frames_redactor(engine: Any) -> Any:
    frames = _engines("default").frames
    frames.ocr = engine
    return frames


def devset_part(devset: Path, replay: ReplayOcr, every: int = 1) -> list[Any]:
    import cv2
    from frame_redaction import load_set

    from redaction.denylist import DenyList

    redactor = frames_redactor(replay.engine)
    out = []
    for sample in load_set(devset, "annotations.jsonl")[::every]:
        image = cv2.imread(str(sample.path))
        page = redactor.find(image, DenyList(), scale=sample.scale)
        out.append({"image": sample.path.name, "findings": jsonable(page.findings)})
        print(f"devset {sample.path.name}: {len(page.findings)} findings", flush=True)
        replay.save()  # a long run keeps what it read
    return out


def _typing(text: str, start: float) -> tuple[Any, ...]:
    from redaction.models import InputEvent

    events = []
    for i, c in enumerate(text):
        t = start + i * 0.137
        events.append(InputEvent(t=t, kind="key_press", key=c, char=c))
        events.append(InputEvent(t=t + 0.061, kind="key_release", key=c, char=c))
    return tuple(events)


EPISODE_TYPING = (
    (
        "Mail - Inbox - Jane Mitchell - Firefox",
        "firefox",
        "Dear Ana Lima, call me at +44 20 7946 0958",
    ),
    ("Sign in - Acme", "chromium", "jane.mitchell@example.org"),
    ("Terminal", "xterm", "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("Password - Sign in", "chromium", "hunter2-Secret!"),
    ("Checkout", "firefox", "4111 1111 1111 1111"),
    ("Notes.txt - gedit", "gedit", "meet with peter van der berg at 12 baker street tomorrow"),
)


def episode_part(devset: Path, replay: ReplayOcr, max_frames: int = 0) -> list[Any]:
    import cv2

    from recorder.pipeline import Engines, PrivacySettings, StepDraft, StepRedactor, Tally
    from redaction.denylist import DenyList

    engines = Engines.build("default")
    engines.frames.ocr = replay.engine  # the same lines at both commits
    frames = []
    for seq in sorted(p for p in (devset / "sequences").iterdir() if p.is_dir()):
        frames += [cv2.imread(str(p)) for p in sorted(seq.glob("*.png"))]
    if max_frames:
        frames = frames[:max_frames]
    deny = DenyList()
    steps = StepRedactor(engines, deny, PrivacySettings(), Tally(), incremental_ocr=True)
    out: list[Any] = [{"task": steps.redact_task("Reply to Jane Mitchell about order 4417")}]
    t = 1.0
    for index, frame in enumerate(frames):
        title, app, text = EPISODE_TYPING[index % len(EPISODE_TYPING)]
        if index % 3 == 0:
            draft = StepDraft(
                step_index=index,
                timestamp_s=t,
                action_type="type",
                frame=frame,
                text=text,
                events=_typing(text, t),
                window_app=app,
                window_title=title,
            )
        else:
            draft = StepDraft(
                step_index=index,
                timestamp_s=t,
                action_type="click",
                frame=frame,
                x=100 + index,
                y=200,
                button="left",
                window_app=app,
                window_title=title,
            )
        step = steps.redact(draft)
        out.append({"step": index, "result": jsonable(step)})
        t += 5.0
    out.append(
        {
            "deny_list": sorted((jsonable(e) for e in deny.entries()), key=json.dumps),
            "tally": jsonable(dict(steps.tally.redactions)),
        }
    )
    return out


def dump(args: argparse.Namespace) -> None:
    parts = args.parts.split(",")
    result: dict[str, Any] = {}
    replay = ReplayOcr(args.ocr_cache)
    try:
        if "devset" in parts:
            result["devset"] = devset_part(args.devset, replay, args.every)
        if "episode" in parts:
            result["episode"] = episode_part(args.devset, replay, args.frames)
    finally:
        replay.save()
    if "text" in parts:
        result["text"] = text_part(args.data, args.limit)
    args.out.write_text(json.dumps(result, sort_keys=True))
    print(f"wrote {args.out}: " + ", ".join(f"{k} {len(v)} records" for k, v in result.items()))


def _first_difference(a: Any, b: Any, path: str = "") -> str | None:
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'after' if key not in a else 'before'}"
            found = _first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = _first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None if len(a) == len(b) else f"{path}: {len(a)} != {len(b)} items"
    return None if a == b else f"{path}: {str(a)[:80]!r} != {str(b)[:80]!r}"


def _public(value: Any) -> Any:
    """``value`` without private keys (dumps written before they were left out)."""
    if isinstance(value, dict):
        return {k: _public(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_public(v) for v in value]
    return value


def diff(args: argparse.Namespace) -> int:
    before = _public(json.loads(args.before.read_text()))
    after = _public(json.loads(args.after.read_text()))
    status = 0
    for part in sorted(set(before) | set(after)):
        if part not in before or part not in after:
            print(f"{part}: only in one dump")
            status = 1
            continue
        a, b = before[part], after[part]
        differing = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
        if len(a) != len(b):
            print(f"{part}: {len(a)} records before, {len(b)} after")
            status = 1
        for i in differing[:5]:
            print(f"{part}[{i}] {_first_difference(a[i], b[i])}")
        print(f"{part}: {len(a)} records, {len(differing)} differ")
        status |= bool(differing)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--parts", default="text,devset,episode")
    d.add_argument("--data", type=Path, default=REPO.parent / "shared" / "benchmarks")
    d.add_argument("--devset", type=Path, default=REPO / "benchmarks" / ".devset")
    d.add_argument("--ocr-cache", type=Path, default=Path("/tmp/cuarec-compare-ocr.pkl"))
    d.add_argument("--limit", type=int, default=None, help="text: the first n sentences only")
    d.add_argument("--every", type=int, default=1, help="dev set: every n-th image only")
    d.add_argument("--frames", type=int, default=0, help="episode: the first n frames only")
    c = sub.add_parser("diff")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    commands: dict[str, Callable[[argparse.Namespace], Any]] = {"dump": dump, "diff": diff}
    return int(commands[args.command](args) or 0)


if __name__ == "__main__":
    sys.exit(main())
