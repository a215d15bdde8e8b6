"""Which OCR words the frame redactor flags on the development screens, and why (a tuning aid).

    nice .venv/bin/python scripts/screen_dev_words.py                  # totals by type and rule
    nice .venv/bin/python scripts/screen_dev_words.py --show missed    # personal words not caught
    nice .venv/bin/python scripts/screen_dev_words.py --show false     # ordinary words flagged

Development screens only (``benchmarks/.corpus/screens/dev``, ``corpus-more`` and, with
``--sources devset``, our generated dev set; the held-out families are never read). It replays
the OCR lines that ``scripts/train_screen_classifier.py`` cached, so the analysis (the
recording's default policy: rules, layout rules and the screen-token model) runs without
reading the screens again: seconds instead of the scorer's half hour. Per OCR word: personal
when its centre lies in a gold box (as the classifier's training labels); flagged when a
finding of the text analysis, the layout rules or the model holds it (faces and masked fields
are off: they are not about words). The figures are word-level and for tuning only; the scorer
(``benchmarks/heldout_screens.py``) stays the measure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_screen_classifier import SOURCES, cached_ocr, load_screens  # noqa: E402

from redaction.image.ocr import OcrEngine, OcrLine  # noqa: E402
from redaction.models import Box, Frame  # noqa: E402


class Replay(OcrEngine):
    """An OCR engine that returns the lines read before for the screen being analysed."""

    name = "replay"

    def __init__(self) -> None:
        self.lines: tuple[OcrLine, ...] = ()

    def read(self, image: Frame, device_scale: float = 1.0) -> tuple[OcrLine, ...]:
        return self.lines


def _inside(x: float, y: float, box: Box) -> bool:
    return box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", choices=["missed", "false", "none"], default="none")
    parser.add_argument("--family", help="only this development family")
    parser.add_argument("--mode", choices=["rules", "both", "model"], default="both")
    parser.add_argument(
        "--sources",
        nargs="+",
        default=["corpus-dev"],
        choices=["corpus-dev", "corpus-dev-more", "devset"],
        help="development screens whose OCR is cached (devset: our own generated tuning set)",
    )
    parser.add_argument("--threshold", type=float, help="the model's threshold (default: policy's)")
    parser.add_argument(
        "--rule-names",
        action="store_true",
        help="record each layout finding under its rule's name (not its family's label)",
    )
    args = parser.parse_args()

    import numpy as np

    if args.rule_names:
        _name_layout_findings()

    from recorder.pipeline import Engines
    from redaction.image.classifier import DEFAULT_THRESHOLD
    from redaction.image.frame import FrameRedactor

    frames = Engines.build("default", ocr_threads=1).frames
    replay = Replay()
    threshold = args.threshold or frames.settings.screen_model_threshold or DEFAULT_THRESHOLD
    settings = frames.settings.replace(
        faces=False,
        password_fields=False,
        screen_model_threshold=None if args.mode == "rules" else threshold,
        text_rules=args.mode != "model",
    )
    redactor = FrameRedactor(frames.analyzer, replay, settings, layout_rules=frames.layout_rules)
    screens = [s for s in load_screens(args.sources) if not args.family or args.family in s.family]
    totals: Counter[str] = Counter()
    missed_by_type: Counter[str] = Counter()
    gold_by_type: Counter[str] = Counter()
    false_by_rule: Counter[str] = Counter()
    clean_hit = 0
    clean = 0

    # Every gold span with its label (the training script leaves some of the dev set's out).
    labels: dict[str, list[tuple[str, Box]]] = {}
    for source in args.sources:
        annotations = SOURCES[source] / "annotations.jsonl"
        for row in annotations.read_text(encoding="utf-8").splitlines():
            if row.strip():
                item = json.loads(row)
                labels[item["id"]] = [
                    (s["label"], Box(*(int(v) for v in s["bbox"]))) for s in item["spans"]
                ]
    for screen, lines in cached_ocr(screens, only_cached=True):
        replay.lines = lines
        page = redactor.find(np.zeros((16, 16, 3), dtype=np.uint8))
        layout = page.layout
        flagged: dict[tuple[int, int], str] = {}
        for finding in page.findings:
            for ref in finding.refs:
                key = (ref.line, ref.index)
                flagged.setdefault(key, f"{finding.recognizer}:{finding.entity_type}")
        types = labels.get(screen.id, [])
        any_flag = False
        for li, line in enumerate(layout.lines):
            for wi, word in enumerate(line.words):
                b = word.box
                cx, cy = b.x + b.w / 2, b.y + b.h / 2
                gold = [t for t, g in types if _inside(cx, cy, g)]
                why = flagged.get((li, wi), "")
                if gold:
                    gold_by_type[gold[0]] += 1
                    totals["personal"] += 1
                    if not why:
                        missed_by_type[gold[0]] += 1
                        if args.show == "missed":
                            where = f"{screen.id} {gold[0]:14}"
                            print(f"MISS {where} {word.text!r:24} | {line_text(line)}")
                elif len(word.text) >= 3:
                    totals["ordinary"] += 1
                    if why:
                        any_flag = True
                        totals["ordinary_flagged"] += 1
                        false_by_rule[why] += 1
                        if args.show == "false":
                            where = f"{screen.id} {why:34}"
                            print(f"FALSE {where} {word.text!r:20} | {line_text(line)}")
        if not types:
            clean += 1
            clean_hit += any_flag
    caught = totals["personal"] - sum(missed_by_type.values())
    print(
        f"personal words caught {caught}/{totals['personal']}; ordinary words (>=3 chars) "
        f"flagged {totals['ordinary_flagged']}/{totals['ordinary']}; clean screens with a flag "
        f"{clean_hit}/{clean}"
    )
    for t, n in sorted(gold_by_type.items()):
        print(f"  {t:16} missed {missed_by_type[t]}/{n}")
    print("ordinary words flagged, by recognizer:")
    for why, n in false_by_rule.most_common(25):
        print(f"  {n:4}  {why}")


def _name_layout_findings() -> None:
    """Layout findings carry their rule's name instead of the family's label (debugging)."""
    import dataclasses

    from redaction.image import context

    def findings(self: context.LayoutContext, stage: str = "context") -> list[object]:
        chosen = [r for r in self.rules.rules if r.stage == stage and r.enabled(self.page.settings)]
        return [
            dataclasses.replace(f, recognizer=f"{r.name}") for r, f in self._run(chosen)
        ]

    context.LayoutContext.findings = findings  # type: ignore[assignment,method-assign]


def line_text(line: OcrLine) -> str:
    return " ".join(w.text for w in line.words)[:90]


if __name__ == "__main__":
    main()
