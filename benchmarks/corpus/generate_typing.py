# ruff: noqa: E501 - generated text and HTML read best one item a line
"""Write the typed-text corpus: cases with gold spans; forms rendered before and after each field.

    nice .venv/bin/python benchmarks/corpus/generate_typing.py --families heldout|dev|all

Writes ``benchmarks/.corpus/typing/<split>/cases.jsonl`` (one case a line: ``id``, ``family``,
``kind``, ``lang``, ``runs`` = [{``text``, ``field_label``, ``spans`` = [{start, end, label,
text}], ``before``, ``after``}]) and, for forms, ``forms/<id>-NN-before.png`` /
``-after.png``: the form with the focused field empty and then filled (a password field drawn
masked), so a field reader can be scored on the same cases. Deterministic by seed; git-ignored.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from browser import Browser  # noqa: E402
from kit import DEV_NAME_LOCALES, HELDOUT_NAME_LOCALES, Page, Style, Values, document, esc  # noqa: E402
from typing_kit import Case  # noqa: E402

OUT = HERE.parent / ".corpus" / "typing"


def form_page(page: Page, case: Case, filled: int, focused: int | None) -> str:
    """The form with the first ``filled`` fields typed in; ``focused`` has the caret."""
    rows = []
    for i, run in enumerate(case.runs):
        value = run.text if i < filled else ""
        if run.field_kind == "password" and value:
            value = "•" * len(value)
        border = "2px solid var(--accent)" if i == focused else "1px solid var(--line)"
        caret = '<span style="border-left:1px solid var(--fg);margin-left:1px"></span>' if i == focused else ""
        placeholder = "" if value or i == focused else f'<span class="muted">{esc(run.field_label or "")}</span>'
        rows.append(f'<div class="label">{esc(run.field_label or "")}</div><div class="field" style="border:{border}">{esc(value)}{placeholder}{caret}</div>')
    return (f'{page.topbar("", "https://app.example.com/" + (case.form_title or "form").lower().replace(" ", "-"))}'
            f'<div style="width:520px;margin:30px auto"><h2>{esc(case.form_title or "")}</h2>{"".join(rows)}'
            f'<p><span class="btn">Continue</span></p></div>')


def families(which: str) -> list[tuple[str, str, Any, int]]:
    out: list[tuple[str, str, Any, int]] = []
    plan = json.loads((HERE / "split.json").read_text())["typing"]
    if which in ("heldout", "all"):
        from typing_heldout import FAMILIES as HELD

        assert sorted(HELD) == sorted(plan["heldout"]), "split.json and typing_heldout disagree"
        out += [("heldout", name, fn, n) for name, (fn, n) in HELD.items()]
    if which in ("dev", "all"):
        from typing_dev import FAMILIES as DEV

        out += [("dev", name, fn, n) for name, (fn, n) in DEV.items()]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: generate_typing.py --families heldout")
    parser.add_argument("--families", choices=("heldout", "dev", "all"), default="all")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-render", action="store_true", help="cases only, no form screenshots")
    args = parser.parse_args()
    lines: dict[str, list[str]] = {}
    browser = None if args.no_render else Browser()
    try:
        for split_name, name, fn, count in families(args.families):
            locales = HELDOUT_NAME_LOCALES if split_name == "heldout" else DEV_NAME_LOCALES
            forms = args.out / split_name / "forms"
            forms.mkdir(parents=True, exist_ok=True)
            for i in range(count):
                seed = zlib.crc32(f"typing/{name}/{i}".encode())
                values = Values(seed, locales)
                case = fn(values, i)
                case_id = f"{name}-{i:03d}"
                runs = []
                page = Page(values, Style.draw(values.rng)) if case.form_title else None
                for k, run in enumerate(case.runs):
                    item = run.to_json()
                    if page is not None and browser is not None:
                        for when, filled in (("before", k), ("after", k + 1)):
                            png = forms / f"{case_id}-{k:02d}-{when}.png"
                            browser.render(document(page, form_page(page, case, filled, k)), 1280, 800, 1, png)
                            item[when] = f"forms/{png.name}"
                    runs.append(item)
                record = {"id": case_id, "family": name, "split": split_name, "kind": case.kind,
                          "lang": case.lang, "name_locale": values.locale, "personal": case.personal,
                          "runs": runs}
                lines.setdefault(split_name, []).append(json.dumps(record, ensure_ascii=False))
            print(f"{split_name} {name}: {count} cases", flush=True)
    finally:
        if browser is not None:
            browser.close()
    for split_name, items in lines.items():
        target = args.out / split_name / "cases.jsonl"
        target.write_text("\n".join(items) + "\n", encoding="utf-8")
        personal = sum(1 for ln in items if json.loads(ln)["personal"])
        print(f"{split_name}: {len(items)} cases, {personal} with personal data, {len(items) - personal} without -> {target}")


if __name__ == "__main__":
    main()
