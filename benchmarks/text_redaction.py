"""Text and keystroke redaction benchmark: cuarec's TextRedactor beside default Presidio.

Sections (run all, or pick with --only):

* ``synth``  synth_dataset_v2 (presidio-research), as given and lowercased: recall of personal
  spans (caught when every character lies in a redacted span of any type), character precision
  (redacted characters inside any gold span), F2, per type, ms per sentence; the anchor is
  default Presidio over the same loaded spaCy pipeline, in the same run.
* ``secrets`` our generated secrets set (benchmarks/data/secrets.jsonl) with hard negatives.
* ``titles`` ScreenLeak's text_sample.jsonl (window titles): recall per label.
* ``replay`` the synth sentences typed as key streams with deterministic editing noise: how many
  PII values can be rebuilt from the stored (redacted) events or step text.
* ``forms`` form filling: short runs separated by Tab, the label only on screen.
* ``speed`` ms per 100-character typing run (redact_events) and engine load time.

Usage::

    nice .venv/bin/python benchmarks/text_redaction.py [--data ../shared/benchmarks]
        [--only synth,secrets,...] [--policy default] [--limit N] [--misses FILE]

Prints a Markdown report. Data sets are read in place, never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import string
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from redaction.keystrokes import rebuild_typing  # noqa: E402
from redaction.models import InputEvent, Span  # noqa: E402
from redaction.nlp import default_presidio_analyzer  # noqa: E402
from redaction.policy import load_policy  # noqa: E402
from redaction.text import TextRedactor  # noqa: E402

PERSONAL = ("PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD",
            "IBAN_CODE", "US_SSN", "IP_ADDRESS", "US_DRIVER_LICENSE", "DATE_TIME")
PATTERN_TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
                 "IP_ADDRESS")
DEFAULT_DATA = REPO.parent / "shared" / "benchmarks"
SECRETS_FILE = REPO / "benchmarks" / "data" / "secrets.jsonl"

Analyze = Callable[[str], list[tuple[int, int]]]


# ---- synth_dataset_v2 ----------------------------------------------------------------------


@dataclass
class Score:
    caught: Counter[str]
    total: Counter[str]
    redacted_chars: int = 0
    redacted_in_gold: int = 0
    times_ms: list[float] | None = None

    def recall(self, types: Iterable[str]) -> float:
        types = list(types)
        total = sum(self.total[t] for t in types)
        return sum(self.caught[t] for t in types) / total if total else float("nan")

    @property
    def precision(self) -> float:
        return self.redacted_in_gold / self.redacted_chars if self.redacted_chars else float("nan")


def f2(precision: float, recall: float) -> float:
    return 5 * precision * recall / (4 * precision + recall) if precision + recall else 0.0


def score_dataset(samples: Sequence[dict[str, Any]], analyze: Analyze, lower: bool,
                  misses: list[dict[str, Any]] | None = None) -> Score:
    score = Score(Counter(), Counter(), times_ms=[])
    for sample in samples:
        text = sample["full_text"].lower() if lower else sample["full_text"]
        started = time.perf_counter()
        predicted = analyze(text)
        assert score.times_ms is not None
        score.times_ms.append((time.perf_counter() - started) * 1000)
        mask = bytearray(len(text))
        for start, end in predicted:
            for i in range(max(0, start), min(len(text), end)):
                mask[i] = 1
        gold_mask = bytearray(len(text))
        for span in sample["spans"]:
            for i in range(span["start_position"], span["end_position"]):
                gold_mask[i] = 1
            kind = span["entity_type"]
            score.total[kind] += 1
            chars = [i for i in range(span["start_position"], span["end_position"])
                     if not text[i].isspace()]
            if all(mask[i] for i in chars):
                score.caught[kind] += 1
            elif misses is not None and kind in PERSONAL:
                misses.append({"type": kind, "value": text[span["start_position"]:
                                                          span["end_position"]],
                               "text": text, "lower": lower,
                               "predicted": [text[s:e] for s, e in predicted]})
        score.redacted_chars += sum(mask)
        score.redacted_in_gold += sum(1 for i, m in enumerate(mask) if m and gold_mask[i])
    return score


def synth_section(redactor: TextRedactor, presidio: Any, data: Path, limit: int | None,
                  misses_file: Path | None) -> list[str]:
    samples = json.loads((data / "presidio-research" / "synth_dataset_v2.json").read_text())
    if limit:
        samples = samples[:limit]

    def ours(text: str) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in redactor.analyze(text)]

    def default_presidio(text: str) -> list[tuple[int, int]]:
        return [(r.start, r.end) for r in presidio.analyze(text=text, language="en")]

    misses: list[dict[str, Any]] = []
    results: dict[tuple[str, bool], Score] = {}
    setups: list[tuple[str, Analyze]] = [("default Presidio", default_presidio), ("cuarec", ours)]
    if presidio is None:
        setups = setups[1:]
    for name, fn in setups:
        for lower in (False, True):
            results[name, lower] = score_dataset(
                samples, fn, lower, misses if name == "cuarec" else None)
    if misses_file:
        misses_file.write_text("\n".join(json.dumps(m, ensure_ascii=False) for m in misses))

    lines = [
        f"### synth_dataset_v2 ({len(samples)} sentences, "
        f"{sum(results['cuarec', False].total[t] for t in PERSONAL)} personal spans)",
        "",
        "| setup | text | personal recall | char precision | F2 | pattern-type recall "
        "| ms/sentence (median) |",
        "|---|---|---|---|---|---|---|",
    ]
    for (name, lower), score in results.items():
        recall = score.recall(PERSONAL)
        lines.append(
            f"| {name} | {'lowercased' if lower else 'as given'} | {recall:.3f} | "
            f"{score.precision:.3f} | {f2(score.precision, recall):.3f} | "
            f"{score.recall(PATTERN_TYPES):.3f} | "
            f"{statistics.median(score.times_ms or [0]):.1f} |"
        )
    if presidio is None:
        results["default Presidio", False] = results["default Presidio", True] = Score(
            Counter(), Counter(results["cuarec", False].total))
    base = results["default Presidio", False].recall(PERSONAL) or float("nan")
    ours_cased = results["cuarec", False].recall(PERSONAL)
    ours_lower = results["cuarec", True].recall(PERSONAL)
    lines += [
        "",
        f"Recall ratio cuarec / default Presidio (as given): {ours_cased / base:.2f}; "
        f"lowercased minus as given (cuarec): {ours_lower - ours_cased:+.3f}.",
        "",
        "Per type (recall; as given / lowercased):",
        "",
        "| type | spans | default Presidio | cuarec |",
        "|---|---|---|---|",
    ]
    all_types = sorted(results["cuarec", False].total, key=lambda t: (t not in PERSONAL, t))
    for kind in all_types:
        total = results["cuarec", False].total[kind]
        cells = []
        for name in ("default Presidio", "cuarec"):
            cased = results[name, False].caught[kind] / total
            lowered = results[name, True].caught[kind] / total
            cells.append(f"{cased:.3f} / {lowered:.3f}")
        marker = "" if kind in PERSONAL else " (not personal)"
        lines.append(f"| {kind}{marker} | {total} | {cells[0]} | {cells[1]} |")
    year_or_weekday = 0
    for sample in samples:
        for span in sample["spans"]:
            value = span["entity_value"].strip().lower()
            if span["entity_type"] == "DATE_TIME" and (
                value.isdigit() and len(value) == 4 or value in WEEKDAYS):
                year_or_weekday += 1
    total_personal = sum(results["cuarec", False].total[t] for t in PERSONAL)
    caught = sum(results["cuarec", False].caught[t] for t in PERSONAL)
    lines += [
        "",
        f"{year_or_weekday} of the DATE_TIME spans are a year or a weekday alone, which the "
        "policy deliberately does not treat as personal; without them cuarec's personal recall "
        f"(as given) is {caught / (total_personal - year_or_weekday):.3f}.",
    ]
    return lines


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", default="synth,secrets,titles,replay,forms,speed")
    parser.add_argument("--policy", default="default")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-anchor", action="store_true",
                        help="skip default Presidio (development runs only)")
    parser.add_argument("--misses", type=Path, default=None,
                        help="write cuarec's missed synth spans here (JSON lines)")
    args = parser.parse_args()
    sections = args.only.split(",")

    started = time.perf_counter()
    redactor = TextRedactor.build(load_policy(args.policy))
    load_s = time.perf_counter() - started
    assert redactor.ner is not None
    presidio = None if args.no_anchor else default_presidio_analyzer(redactor.ner)

    out = [
        f"## benchmarks/text_redaction.py — {date.today().isoformat()}",
        "",
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"Python {platform.python_version()}; policy `{args.policy}`; model "
        f"{redactor.ner.info.package} {redactor.ner.info.version} "
        f"(spaCy {redactor.ner.info.spacy_version}, Presidio {redactor.ner.info.presidio_version})."
        f" Engine load {load_s:.2f} s.",
        "",
    ]
    if "synth" in sections:
        out += synth_section(redactor, presidio, args.data, args.limit, args.misses) + [""]
    print("\n".join(out))


if __name__ == "__main__":
    main()
