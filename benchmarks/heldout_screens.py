"""Screen redaction on the generated corpus with held-out families (benchmarks/corpus).

    nice .venv/bin/python benchmarks/corpus/generate_screens.py --families all   # once
    nice .venv/bin/python benchmarks/heldout_screens.py --families heldout --json OUT.json

Runs today's recording redaction (``recorder.pipeline.Engines.build`` with the recording
defaults, its frame redactor called as ``StepRedactor`` calls it for a screen) and, in the same
run, presidio-image-redactor (``benchmarks/.anchor-venv``, as in ``frame_redaction.py``).
Held-out and development families are reported apart; only held-out figures count.

Figures (rules of ``../shared/benchmarks/README.md``, code shared with ``frame_redaction.py``):
zero-leak and regions caught by re-OCR (RapidOCR and Tesseract can no longer read the gold
text) and by coverage (>= 50 % of the box blurred or IoU >= 0.3), per entity type; screens
without personal data with any blur; the share of non-personal words RapidOCR read before
redaction that it still reads after (>= 3 letters or digits, not touching a gold box), on
screens with and without personal data; time of the frame redactor after OCR (p50).
Aggregates only: no per-screen lines for held-out families (never tune on their misses).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import frame_redaction as fr  # noqa: E402
from run_info import run_header  # noqa: E402

from redaction.denylist import DenyList  # noqa: E402
from redaction.image import geometry  # noqa: E402

CORPUS = HERE / ".corpus" / "screens"


def build_frame_redactor() -> Any:
    """The frame redactor a recording uses (``Engines.build`` wraps the
    ``redaction.Redactor.build`` facade, as the recorder builds it)."""
    from recorder.pipeline import Engines, ocr_thread_share

    return Engines.build("default", ocr_threads=ocr_thread_share(reserve=1)).frames


def with_ocr_models(frames: Any, folder: Path) -> Any:
    """``frames`` reading with the OCR models in ``folder`` (``det_int8.onnx`` and/or
    ``rec_int8.onnx`` from ``scripts/quantize_ocr.py``; a model it lacks is the float one),
    with the recording's engine options otherwise. The re-OCR judge is not changed."""
    from recorder.pipeline import OCR_LINE_CACHE, ocr_thread_share
    from redaction.image.frame import FrameRedactor
    from redaction.image.ocr import create_engine

    models = fr.ocr_model_files(folder)
    ocr = create_engine(
        "rapidocr",
        **frames.settings.ocr_options(),
        line_cache=OCR_LINE_CACHE,
        threads=ocr_thread_share(reserve=1),
        **models,
    )
    return FrameRedactor(
        frames.analyzer, ocr, frames.settings, learn_screen_values=frames.learn_screen_values,
        layout_rules=frames.layout_rules,
    )


def with_mode(frames: Any, mode: str, threshold: float | None) -> Any:
    """``frames`` as it is ("rules"), with the screen-token classifier alone deciding on text
    ("model", at ``threshold``), or with the classifier's words added to the rules' findings
    ("both"); the same analyzer and OCR engine."""
    from redaction.image.classifier import DEFAULT_THRESHOLD
    from redaction.image.frame import FrameRedactor

    if mode == "rules":  # the policy may switch the model on: rules only means without it
        if frames.settings.screen_model_threshold is None:
            return frames
        settings = frames.settings.replace(screen_model_threshold=None)
    else:
        settings = frames.settings.replace(
            screen_model_threshold=threshold
            or frames.settings.screen_model_threshold
            or DEFAULT_THRESHOLD,
            text_rules=mode == "both",
        )
    return FrameRedactor(
        frames.analyzer, frames.ocr, settings, learn_screen_values=frames.learn_screen_values,
        layout_rules=frames.layout_rules,
    )


@dataclass
class Timing:
    total_ms: float
    ocr_ms: float
    analysis_ms: float


def run_ours(
    samples: Sequence[fr.Sample], frames: Any, quiet: bool
) -> tuple[list[fr.Outcome], list[Timing]]:
    outcomes, timings = [], []
    for n, sample in enumerate(samples, 1):
        image = fr.imread(sample.path)
        started = time.perf_counter()
        # As StepRedactor._frame calls it for a recording's first screen (no previous frame,
        # the recorder's scale 1.0, a fresh deny-list).
        result = frames.redact(
            image, DenyList(), previous_frame=None, previous_result=None, scale=1.0
        )
        ms = (time.perf_counter() - started) * 1000
        outcomes.append(fr.Outcome.of(sample, result, ms))
        s = result.stats
        timings.append(Timing(s.total_ms, s.ocr_ms, s.analysis_ms))
        if n % 10 == 0 or n == len(samples):
            print(f"  ours: {n}/{len(samples)}", flush=True)
    return outcomes, timings


def _alnum(text: str) -> int:
    return sum(c.isalnum() for c in text)


def words_readable(outcome: fr.Outcome) -> tuple[int, int]:
    """(non-personal words RapidOCR read before, of them still read after redaction)."""
    before = outcome.before.get("rapidocr", ())
    after = outcome.reocr.get("rapidocr", ())
    if outcome.image is None:
        return sum(1 for line in before for w in line.words if _alnum(w.text) >= 3), 0
    gold = [geometry.pad(g.box, 3, 1 << 30, 1 << 30) for g in outcome.sample.gold]
    total = kept = 0
    for line in before:
        for word in line.words:
            if _alnum(word.text) < 3 or any(geometry.intersection(word.box, g) for g in gold):
                continue
            total += 1
            target = fr._norm(word.text)
            near = geometry.pad(word.box, max(3, word.box.h // 2), 1 << 30, 1 << 30)
            if any(
                geometry.intersection(w.box, near)
                and SequenceMatcher(None, target, fr._norm(w.text)).ratio() >= fr.READABLE
                for aline in after
                for w in aline.words
            ):
                kept += 1
    return total, kept


def score(
    outcomes: Sequence[fr.Outcome], engines: Sequence[str], timings: Sequence[Timing] | None
) -> dict[str, Any]:
    figures = fr.score(outcomes, engines)
    figures.pop("p50_ms", None)
    figures.pop("p95_ms", None)
    if "rapidocr" in engines:
        for name, group in (
            ("pii", [o for o in outcomes if not o.sample.negative]),
            ("clean", [o for o in outcomes if o.sample.negative]),
        ):
            counts = [words_readable(o) for o in group]
            total = sum(c[0] for c in counts)
            figures[f"words_readable_{name}"] = {
                "words": total,
                "readable": sum(c[1] for c in counts),
                "share": round(sum(c[1] for c in counts) / total, 4) if total else None,
            }
    times = sorted(o.ms for o in outcomes)
    figures["redact_ms_p50"] = round(statistics.median(times)) if times else 0
    if timings:
        after_ocr = sorted(t.total_ms - t.ocr_ms for t in timings)
        figures["after_ocr_ms_p50"] = round(statistics.median(after_ocr))
        figures["analysis_ms_p50"] = round(
            statistics.median(sorted(t.analysis_ms for t in timings))
        )
        figures["ocr_ms_p50"] = round(statistics.median(sorted(t.ocr_ms for t in timings)))
    figures["families"] = sorted({o.sample.template for o in outcomes})
    return figures


def load(split: str, limit: int) -> list[fr.Sample]:
    folder = CORPUS / split
    if not (folder / "annotations.jsonl").exists():
        sys.exit(
            f"heldout_screens: no corpus in {folder}; run benchmarks/corpus/"
            f"generate_screens.py --families {split} first"
        )
    samples = fr.load_set(folder, "annotations.jsonl")
    if limit:
        # Spread the limit over families (every family, fewer screens each).
        by_family: dict[str, list[fr.Sample]] = {}
        for s in samples:
            by_family.setdefault(s.template, []).append(s)
        picked: list[fr.Sample] = []
        i = 0
        while len(picked) < min(limit, len(samples)):
            for group in by_family.values():
                if i < len(group) and len(picked) < limit:
                    picked.append(group[i])
            i += 1
        samples = picked
    return samples


def brief(figures: dict[str, Any]) -> str:
    pii, clean = figures["pii_images"], figures["negatives"]
    out = [f"{pii} screens with personal data ({figures['regions']} regions), {clean} without"]
    if "zero_leak_reocr" in figures:
        out.append(
            f"zero-leak re-OCR {figures['zero_leak_reocr']}/{pii}, regions re-OCR "
            f"{figures['caught_reocr']}/{figures['regions']}"
        )
    out.append(
        f"zero-leak coverage {figures['zero_leak_coverage']}/{pii}, regions coverage "
        f"{figures['caught_coverage']}/{figures['regions']}"
    )
    out.append(f"clean screens blurred {figures['oversmash']}/{clean}")
    for name in ("pii", "clean"):
        w = figures.get(f"words_readable_{name}")
        if w:
            out.append(f"non-personal words readable ({name}) {w['readable']}/{w['words']}")
    if "after_ocr_ms_p50" in figures:
        out.append(
            f"after-OCR p50 {figures['after_ocr_ms_p50']} ms "
            f"(analysis {figures['analysis_ms_p50']} ms)"
        )
    return "; ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: nice .venv/bin/python benchmarks/heldout_screens.py --families heldout "
        "--json /tmp/heldout_screens.json",
    )
    parser.add_argument("--families", choices=("heldout", "dev", "all"), default="heldout")
    parser.add_argument(
        "--limit", type=int, default=0, help="screens per split (spread over families)"
    )
    parser.add_argument("--no-anchor", action="store_true", help="skip presidio-image-redactor")
    parser.add_argument("--reocr", default="both", choices=("rapidocr", "both"))
    parser.add_argument("--json", type=Path, help="write all figures here")
    parser.add_argument(
        "--mode",
        default="rules",
        help="text detection, one or more of rules,model,both (comma-separated): the rules "
        "(the recording's settings), the screen-token model alone, or both (model only: the "
        "rules still run and are discarded, so its timings are not the model's); results "
        "under 'ours' (rules) and 'ours_model', 'ours_both'",
    )
    parser.add_argument(
        "--model-threshold", type=float, help="the model's threshold (default: its own)"
    )
    fr.add_ocr_models_option(parser)
    args = parser.parse_args()

    from redaction.image.ocr import create_engine

    started = time.time()
    load_start = time.perf_counter()
    modes = [m.strip() for m in args.mode.split(",") if m.strip()]
    if not modes or any(m not in ("rules", "model", "both") for m in modes):
        parser.error("--mode takes rules, model and/or both")
    base = build_frame_redactor()
    if args.ocr_models:
        base = with_ocr_models(base, args.ocr_models)
    redactors = {m: with_mode(base, m, args.model_threshold) for m in modes}
    frames = redactors[modes[0]]
    load_s = time.perf_counter() - load_start
    engines: dict[str, Any] = {"rapidocr": create_engine("rapidocr")}
    if args.reocr == "both":
        engines["tesseract"] = create_engine("tesseract")
    report: dict[str, Any] = {
        **run_header(load_s),
        "modes": modes,
        "ocr": frames.describe() if hasattr(frames, "describe") else None,
    }
    splits = ("heldout", "dev") if args.families == "all" else (args.families,)
    for split in splits:
        samples = load(split, args.limit)
        print(f"{split}: {len(samples)} screens", flush=True)
        report[split] = {}
        first: list[fr.Outcome] | None = None
        for mode in modes:
            key = "ours" if mode == "rules" else f"ours_{mode}"
            ours, timings = run_ours(samples, redactors[mode], quiet=split == "heldout")
            fr.reocr(ours, engines, before=first is None)
            if first is not None:  # the unredacted screens were read once
                for o, o1 in zip(ours, first, strict=True):
                    o.before = o1.before
            first = first or ours
            report[split][key] = score(ours, list(engines), timings)
            if mode != "rules":
                report[split][key]["model_threshold"] = redactors[
                    mode
                ].settings.screen_model_threshold
            print(f"{split} {key}: {brief(report[split][key])}", flush=True)
        if not args.no_anchor:
            anchor = fr.run_anchor(samples)
            fr.reocr(anchor, engines, before=False)
            for o, mine in zip(anchor, ours, strict=True):
                o.before = mine.before
            report[split]["anchor"] = score(anchor, list(engines), None)
            report[split]["anchor"]["p50_ms"] = round(
                statistics.median(sorted(o.ms for o in anchor))
            )
            report["anchor"] = fr.anchor_versions(fr.ensure_anchor_venv())
            print(f"{split} anchor: {brief(report[split]['anchor'])}", flush=True)
    report["load_average_end"] = os.getloadavg()
    report["minutes"] = round((time.time() - started) / 60, 1)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))
    print(json.dumps({k: v for k, v in report.items() if k not in ("heldout", "dev")}, default=str))


if __name__ == "__main__":
    main()
