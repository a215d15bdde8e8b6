# ruff: noqa: E501 - markdown rows read best one a line
"""Markdown tables for benchmarks/README.md from the scorers' ``--json`` outputs.

    .venv/bin/python benchmarks/corpus/report.py --screens S.json [S2.json] --typing T.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _v(value: Any) -> str:
    return "—" if value is None else str(value)


def _frac(a: int | None, b: int | None) -> str:
    if a is None or not b:
        return "—"
    return f"{a}/{b} ({100 * a / b:.0f} %)"


def screens(report: dict[str, Any]) -> list[str]:
    out = [f"Run {report['date']}, commit `{report['commit']}`, `{report['command']}`; "
           f"{report['machine']}; load average {report['load_average_start'][0]:.1f} at start, "
           f"{report['load_average_end'][0]:.1f} at end; {report['minutes']} min. "
           f"Anchor: {report.get('anchor', '—')}.", ""]
    for split in ("heldout", "dev"):
        if split not in report:
            continue
        out += [f"**{split}** ({', '.join(report[split]['ours']['families'])})", "",
                "| redactor | zero-leak, re-OCR | regions, re-OCR | zero-leak, coverage | regions, coverage | clean screens blurred | non-personal words readable, PII screens | same, clean screens | after-OCR p50 ms (analysis) | redact p50 ms |",
                "|---|---|---|---|---|---|---|---|---|---|"]
        for name in ("ours", "anchor"):
            f = report[split].get(name)
            if f is None:
                continue
            wp, wc = f.get("words_readable_pii", {}), f.get("words_readable_clean", {})
            timing = (f"{f['after_ocr_ms_p50']} ({f['analysis_ms_p50']})" if "after_ocr_ms_p50" in f else "—")
            label = "cuarec, recording defaults" if name == "ours" else "presidio-image-redactor"
            out.append(
                f"| {label} | {_frac(f.get('zero_leak_reocr'), f['pii_images'])} | {_frac(f.get('caught_reocr'), f['regions'])} "
                f"| {_frac(f['zero_leak_coverage'], f['pii_images'])} | {_frac(f['caught_coverage'], f['regions'])} "
                f"| {_frac(f['oversmash'], f['negatives'])} | {_frac(wp.get('readable'), wp.get('words'))} "
                f"| {_frac(wc.get('readable'), wc.get('words'))} | {timing} | {f.get('redact_ms_p50', f.get('p50_ms', '—'))} |")
        out += ["", "| entity type | regions | cuarec re-OCR / coverage | anchor re-OCR / coverage |", "|---|---|---|---|"]
        ours = report[split]["ours"]["per_label"]
        anchor = report[split].get("anchor", {}).get("per_label", {})
        for label, v in sorted(ours.items()):
            a = anchor.get(label)
            out.append(f"| {label} | {v['n']} | {v['reocr']} / {v['coverage']} | "
                       + (f"{a['reocr']} / {a['coverage']} |" if a else "— |"))
        out.append("")
    return out


def typing(report: dict[str, Any]) -> list[str]:
    out = [f"Run {report['date']}, commit `{report['commit']}`, `{report['command']}`; "
           f"{report['machine']}; load average {report['load_average_start'][0]:.1f} at start, "
           f"{report['load_average_end'][0]:.1f} at end; {report['minutes']} min.", ""]
    names = {"keystroke": "cuarec, keystroke path (StepRedactor)", "text": "cuarec, text path (redact_text)",
             "presidio": "default Presidio"}
    for split in ("heldout", "dev"):
        if split not in report:
            continue
        s = report[split]
        k = s["keystroke"]
        out += [f"**{split}** ({k['cases']} cases, {k['personal_cases']} with personal data, {k['spans']} spans; {k['clean_cases']} without)", "",
                "| setup | span recall | cases with nothing leaked | texts without PII redacted | non-personal chars redacted (PII texts) |",
                "|---|---|---|---|---|"]
        for name in ("keystroke", "text", "presidio"):
            if name in s:
                f = s[name]
                out.append(f"| {names[name]} | {f['span_recall']:.3f} | {f['cases_nothing_leaked']:.3f} | "
                           f"{_frac(f['clean_redacted'], f['clean_cases'])} | {f['non_personal_chars_redacted']:.3f} |")
        out.append(f"\nKeystroke path per typing run: p50 {k['run_ms_p50']} ms, p95 {k['run_ms_p95']} ms (whole StepRedactor.redact, no screenshot).\n")
        out += ["| kind | spans | recall keystroke / Presidio | personal cases: nothing leaked keystroke / Presidio | clean cases redacted keystroke / Presidio |", "|---|---|---|---|---|"]
        pk, pp = k["per_kind"], s.get("presidio", {}).get("per_kind", {})
        for kind, v in sorted(pk.items()):
            w = pp.get(kind, {})
            out.append(f"| {kind} | {v['spans']} | {_v(v['recall'])} / {_v(w.get('recall'))} "
                       f"| {_v(v['nothing_leaked'])} / {_v(w.get('nothing_leaked'))} "
                       f"| {v['clean_redacted']}/{v['clean_cases']} / {w.get('clean_redacted', '—')}/{w.get('clean_cases', '—')} |")
        out += ["", "| entity type | spans | recall keystroke | recall Presidio |", "|---|---|---|---|"]
        pl = s.get("presidio", {}).get("per_label", {})
        for label, v in sorted(k["per_label"].items()):
            out.append(f"| {label} | {v['n']} | {v['recall']} | {pl.get(label, {}).get('recall', '—')} |")
        out.append("")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--screens", type=Path, nargs="*", default=[])
    parser.add_argument("--typing", type=Path)
    args = parser.parse_args()
    lines: list[str] = []
    for path in args.screens:
        lines += screens(json.loads(path.read_text()))
    if args.typing:
        lines += typing(json.loads(args.typing.read_text()))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
