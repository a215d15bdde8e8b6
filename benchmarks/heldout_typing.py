"""Typed-text redaction on the generated corpus with held-out families (benchmarks/corpus).

    nice .venv/bin/python benchmarks/corpus/generate_typing.py --families all   # once
    nice .venv/bin/python benchmarks/heldout_typing.py --families heldout --json OUT.json

Two paths of today's recording redaction (``recorder.pipeline.Engines.build`` with the
recording defaults), one deny-list per case as one episode has:
- keystroke path: every run typed as key events into ``StepRedactor.redact`` as a ``type``
  step, one typing run per field (a form's fields in order, as the recorder splits them at
  Tab); a character counts as redacted when a replay of the stored events no longer gives it
  (the typed text aligned with the replay: a redacted run is one event, so stored events are
  not aligned one to one with the typed keys; nothing inside a placeholder counts as kept);
- text path: ``TextRedactor.redact_text`` on each run's text (what ``StepRedactor`` does with
  text that came without events); a character is redacted when a span covers it. With
  ``--frames`` also ``text_field``: the same with the field context the keystroke path had
  (the field reader on the same screenshots, ``redact_text(..., field=reading.context)``), so
  that its difference from the keystroke path is only what rebuilding key events loses.
Anchor in the same run: default Presidio (default recognizers and threshold) over the same
spaCy package (``redaction.nlp.default_presidio_analyzer``), on each run's text.

Figures, held-out and development families apart (only held-out figures count): span recall
(a gold span is caught when all its non-space characters are redacted), cases with nothing
leaked (of the cases with personal data), texts without personal data with anything redacted,
non-personal characters redacted in personal texts, per kind and per entity type; time per
typing run of the keystroke path (p50/p95). Aggregates only for held-out families. No form
screenshot is passed: there is no field reader yet (``--frames`` passes the screenshot before
each field, as a recording would, at the cost of OCR per field).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run_info import run_header  # noqa: E402

from redaction.denylist import DenyList  # noqa: E402
from redaction.keystrokes import replay_text  # noqa: E402
from redaction.models import InputEvent  # noqa: E402

CORPUS = HERE / ".corpus" / "typing"

#: A path: (case, engines) -> one redacted-character mask per run.
Path_ = Callable[[dict[str, Any]], list[list[bool]]]


def build_engines() -> Any:
    """The engines a recording uses (repoint here when a ``redaction.Redactor.build`` facade
    replaces ``Engines.build``)."""
    from recorder.pipeline import Engines

    return Engines.build("default")


def key_events(text: str) -> tuple[list[InputEvent], list[int | None]]:
    """Press/release events as the recorder stores them, and for each character of ``text``
    the index of the press that typed it (None for Enter and Tab, which carry no char)."""
    events: list[InputEvent] = []
    owner: list[int | None] = []

    def add(kind: str, key: str, char: str | None) -> None:
        events.append(InputEvent(t=len(events) * 0.05, kind=kind, key=key, char=char))

    for c in text:
        if c in "\n\t":
            owner.append(None)
            add("key_press", "enter" if c == "\n" else "tab", None)
            add("key_release", "enter" if c == "\n" else "tab", None)
            continue
        shifted = c.isupper()
        if shifted:
            add("key_press", "shift", None)
        owner.append(len(events))
        key = "space" if c == " " else (c.lower() if c.isalpha() else c)
        add("key_press", key, c)
        add("key_release", key, c.lower() if c.isalpha() else c)
        if shifted:
            add("key_release", "shift", None)
    return events, owner


def surviving_mask(typed: str, replayed: str) -> list[bool]:
    """Which characters of ``typed`` a replay of the stored events no longer gives (True:
    redacted). A redacted run of keys is stored as one event holding a placeholder, so the
    stored events are not aligned one to one with the typed keys: the typed text is aligned
    with the replay instead, and nothing inside a placeholder counts as kept."""
    import difflib

    from redaction.policy import PLACEHOLDER_TOKEN

    visible = PLACEHOLDER_TOKEN.sub(lambda m: "\0" * len(m.group()), replayed)
    mask = [True] * len(typed)
    matcher = difflib.SequenceMatcher(None, typed, visible, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mask[block.a + k] = False
    return mask


class Keystrokes:
    def __init__(self, engines: Any, frames: bool, corpus: Path) -> None:
        self.engines = engines
        self.frames = frames
        self.corpus = corpus
        self.run_ms: list[float] = []
        #: The field reader's own cost per form field (timed apart, on the same frames, on
        #: every 4th field).
        self.field_ms: list[float] = []
        self.fields_seen = 0
        #: Runs without a screenshot: ms per run scaled to 100 characters (runs shorter than
        #: 100 characters count as 100).
        self.text_ms_per_100: list[float] = []

    def __call__(self, case: dict[str, Any]) -> list[list[bool]]:
        from recorder.pipeline import StepDraft, StepRedactor

        redactor = StepRedactor(self.engines, DenyList())
        masks = []
        for k, run in enumerate(case["runs"]):
            events, _ = key_events(run["text"])
            frame = after = None
            if self.frames and run.get("before"):
                import cv2

                from redaction.field import FieldReader

                frame = cv2.imread(str(self.corpus / case["split"] / run["before"]))
                after = cv2.imread(str(self.corpus / case["split"] / run["after"]))
                self.fields_seen += 1
                if frame is not None and self.fields_seen % 4 == 1:  # a sample: same work again
                    reader = FieldReader(self.engines.frames.ocr)
                    started = time.perf_counter()
                    reader.read(frame, after)
                    self.field_ms.append((time.perf_counter() - started) * 1000)
            draft = StepDraft(
                step_index=k,
                timestamp_s=float(k),
                action_type="type",
                frame=frame,
                text=run["text"],
                events=tuple(events),
                after_frame=after,
            )
            started = time.perf_counter()
            step = redactor.redact(draft)
            elapsed = (time.perf_counter() - started) * 1000
            self.run_ms.append(elapsed)
            if frame is None:  # text only: the cost per 100 typed characters
                self.text_ms_per_100.append(elapsed * 100 / max(100, len(run["text"])))
            masks.append(surviving_mask(run["text"], replay_text(step.events)))
        return masks


class TextPath:
    """``TextRedactor.redact_text`` on each run; with ``corpus``, each form field's
    screenshots are read by the field reader first (as the keystroke path reads them, one
    ``FormContext`` per case) and the reading passed as the text's field context, so that what
    differs from the keystroke path is only what the key-event rebuild loses."""

    def __init__(self, engines: Any, corpus: Path | None = None) -> None:
        self.engines = engines
        self.corpus = corpus

    def _fields(self, case: dict[str, Any]) -> list[Any]:
        from redaction.field import FieldReader, FormContext

        if self.corpus is None:
            return [None] * len(case["runs"])
        import cv2

        reader, form = FieldReader(self.engines.frames.ocr), FormContext()
        out: list[Any] = []
        for run in case["runs"]:
            if not run.get("before"):
                out.append(None)
                continue
            before = cv2.imread(str(self.corpus / case["split"] / run["before"]))
            after = cv2.imread(str(self.corpus / case["split"] / run["after"]))
            out.append(None if before is None else form.resolve(reader.read(before, after)).context)
        return out

    def __call__(self, case: dict[str, Any]) -> list[list[bool]]:
        deny = DenyList()
        masks = []
        for run, field in zip(case["runs"], self._fields(case), strict=True):
            result = self.engines.text.redact_text(run["text"], deny, field=field)
            mask = [False] * len(run["text"])
            for span in result.spans:
                for i in range(span.start, min(span.end, len(mask))):
                    mask[i] = True
            masks.append(mask)
        return masks


class Presidio:
    def __init__(self, engines: Any) -> None:
        from redaction.nlp import default_presidio_analyzer

        self.analyzer = default_presidio_analyzer(engines.text.ner)
        self.analyzer.analyze(text="Warm up.", language="en")

    def __call__(self, case: dict[str, Any]) -> list[list[bool]]:
        masks = []
        for run in case["runs"]:
            mask = [False] * len(run["text"])
            if run["text"].strip():
                for r in self.analyzer.analyze(text=run["text"], language="en"):
                    for i in range(r.start, min(r.end, len(mask))):
                        mask[i] = True
            masks.append(mask)
        return masks


def score(cases: Sequence[dict[str, Any]], path: Path_) -> dict[str, Any]:
    spans = caught = 0
    leak_free = personal_cases = clean_cases = clean_redacted = 0
    other_chars = other_redacted = 0
    by_label: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    # by_kind: spans, caught, personal cases, leak-free, clean cases, clean redacted
    for case in cases:
        masks = path(case)
        kind = by_kind[case["kind"]]
        if case["personal"]:
            personal_cases += 1
            kind[2] += 1
            all_caught = True
            for run, mask in zip(case["runs"], masks, strict=True):
                inside = [False] * len(run["text"])
                for span in run["spans"]:
                    ok = all(
                        mask[i]
                        for i in range(span["start"], span["end"])
                        if not run["text"][i].isspace()
                    )
                    spans += 1
                    caught += ok
                    by_label[span["label"]][0] += 1
                    by_label[span["label"]][1] += ok
                    kind[0] += 1
                    kind[1] += ok
                    all_caught &= ok
                    for i in range(span["start"], span["end"]):
                        inside[i] = True
                for i, c in enumerate(run["text"]):
                    if not inside[i] and not c.isspace():
                        other_chars += 1
                        other_redacted += mask[i]
            leak_free += all_caught
            kind[3] += all_caught
        else:
            clean_cases += 1
            kind[4] += 1
            hit = any(any(m) for m in masks)
            clean_redacted += hit
            kind[5] += hit

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "cases": len(cases),
        "personal_cases": personal_cases,
        "clean_cases": clean_cases,
        "spans": spans,
        "span_recall": ratio(caught, spans),
        "spans_caught": caught,
        "cases_nothing_leaked": ratio(leak_free, personal_cases),
        "leak_free": leak_free,
        "clean_redacted": clean_redacted,
        "clean_redacted_share": ratio(clean_redacted, clean_cases),
        "non_personal_chars_redacted": ratio(other_redacted, other_chars),
        "per_label": {
            k: {"n": v[0], "caught": v[1], "recall": ratio(v[1], v[0])}
            for k, v in sorted(by_label.items())
        },
        "per_kind": {
            k: {
                "spans": v[0],
                "recall": ratio(v[1], v[0]),
                "personal_cases": v[2],
                "nothing_leaked": ratio(v[3], v[2]),
                "clean_cases": v[4],
                "clean_redacted": v[5],
            }
            for k, v in sorted(by_kind.items())
        },
    }


def load(split: str, limit: int) -> list[dict[str, Any]]:
    path = CORPUS / split / "cases.jsonl"
    if not path.exists():
        sys.exit(
            f"heldout_typing: no corpus in {path.parent}; run benchmarks/corpus/"
            f"generate_typing.py --families {split} first"
        )
    cases = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    if limit:
        cases = cases[:: max(1, len(cases) // limit)][:limit]
    return cases


def brief(f: dict[str, Any]) -> str:
    return (
        f"span recall {f['span_recall']} ({f['spans_caught']}/{f['spans']}), nothing leaked "
        f"{f['cases_nothing_leaked']} ({f['leak_free']}/{f['personal_cases']}), clean redacted "
        f"{f['clean_redacted']}/{f['clean_cases']}, non-personal chars redacted "
        f"{f['non_personal_chars_redacted']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: nice .venv/bin/python benchmarks/heldout_typing.py --families heldout "
        "--json /tmp/heldout_typing.json",
    )
    parser.add_argument("--families", choices=("heldout", "dev", "all"), default="heldout")
    parser.add_argument("--limit", type=int, default=0, help="cases per split (every n-th)")
    parser.add_argument("--no-anchor", action="store_true", help="skip default Presidio")
    parser.add_argument(
        "--frames",
        action="store_true",
        help="pass each form field's screenshots (before and after typing) to StepRedactor, "
        "whose field reader types the run",
    )
    parser.add_argument("--json", type=Path, help="write all figures here")
    args = parser.parse_args()
    started = time.time()
    t0 = time.perf_counter()
    engines = build_engines()
    load_s = time.perf_counter() - t0
    report: dict[str, Any] = {
        **run_header(load_s),
        "policy": engines.text.metadata(),
    }
    presidio = None if args.no_anchor else Presidio(engines)
    splits = ("heldout", "dev") if args.families == "all" else (args.families,)
    for split in splits:
        cases = load(split, args.limit)
        keys = Keystrokes(engines, args.frames, CORPUS)
        section: dict[str, Any] = {"keystroke": score(cases, keys)}
        times = sorted(keys.run_ms)
        section["keystroke"]["run_ms_p50"] = round(statistics.median(times), 1)
        section["keystroke"]["run_ms_p95"] = round(
            times[min(len(times) - 1, int(0.95 * len(times)))], 1
        )
        if keys.text_ms_per_100:
            per100 = sorted(keys.text_ms_per_100)
            section["keystroke"]["text_run_ms_per_100_chars_p95"] = round(
                per100[min(len(per100) - 1, int(0.95 * len(per100)))], 1
            )
        if keys.field_ms:
            field_ms = sorted(keys.field_ms)
            section["keystroke"]["field_reader_ms_p50"] = round(statistics.median(field_ms), 1)
            section["keystroke"]["field_reader_ms_p95"] = round(
                field_ms[min(len(field_ms) - 1, int(0.95 * len(field_ms)))], 1
            )
        section["text"] = score(cases, TextPath(engines))
        if args.frames:
            section["text_field"] = score(cases, TextPath(engines, CORPUS))
        if presidio is not None:
            section["presidio"] = score(cases, presidio)
        report[split] = section
        for name, figures in section.items():
            print(f"{split} {name}: {brief(figures)}", flush=True)
    report["load_average_end"] = os.getloadavg()
    report["minutes"] = round((time.time() - started) / 60, 1)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str, ensure_ascii=False))


if __name__ == "__main__":
    main()
