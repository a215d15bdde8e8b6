# ruff: noqa: E501 - generated text and HTML read best one item a line
"""Render the screen corpus: PNGs and gold boxes, deterministic by seed.

    nice .venv/bin/python benchmarks/corpus/generate_screens.py --families heldout|dev|all

Writes ``benchmarks/.corpus/screens/<split>/images/<id>.png`` and ``annotations.jsonl`` in
ScreenLeak's format (``spans[].bbox`` = [x, y, w, h] in image pixels, ``label``, ``text``) plus
``template`` (the family), ``split``, ``device_scale_factor`` and the style drawn. The folder is
git-ignored; only code and ``split.json`` are committed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from browser import Browser  # noqa: E402
from kit import DEV_NAME_LOCALES, HELDOUT_NAME_LOCALES, Page, Style, Values, document  # noqa: E402

OUT = HERE.parent / ".corpus" / "screens"
#: (CSS width, CSS height, device scale)
SCREENS = ((1920, 1080, 1), (1366, 768, 1), (1536, 864, 1), (1440, 900, 2), (1280, 800, 2),
           (1600, 900, 1))


def split() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / "split.json").read_text())
    return data


def families(which: str) -> list[tuple[str, str, Any, bool, int]]:
    """(split, name, family, has personal data, screens) for the families asked for."""
    out: list[tuple[str, str, Any, bool, int]] = []
    plan = split()["screens"]
    if which in ("heldout", "all"):
        from screens_heldout import FAMILIES as HELD

        assert sorted(HELD) == sorted(plan["heldout"]), "split.json and screens_heldout disagree"
        per = plan["heldout_per_family"]
        for name, (fn, pii) in HELD.items():
            out.append(("heldout", name, fn, pii, per["pii"] if pii else per["clean"]))
    if which in ("dev", "all"):
        from screens_dev import FAMILIES as DEV

        per = plan["dev_per_family"]
        for name, (fn, pii) in DEV.items():
            out.append(("dev", name, fn, pii, per["pii"] if pii else per["clean"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: generate_screens.py --families heldout")
    parser.add_argument("--families", choices=("heldout", "dev", "all"), default="all")
    parser.add_argument("--only", default="", help="comma-separated family names")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--first", type=int, default=0,
                        help="development families only: start at this screen number (more "
                             "screens of the same families for training, with other seeds)")
    args = parser.parse_args()
    if args.first and args.families != "dev":
        parser.error("--first is for development families only (--families dev)")
    only = {x for x in args.only.split(",") if x}
    todo = [f for f in families(args.families) if not only or f[1] in only]
    started = time.time()
    written: dict[str, list[str]] = {}
    with Browser() as browser:
        for split_name, name, fn, _pii, count in todo:
            folder = args.out / split_name
            (folder / "images").mkdir(parents=True, exist_ok=True)
            locales = HELDOUT_NAME_LOCALES if split_name == "heldout" else DEV_NAME_LOCALES
            for i in range(args.first, args.first + count):
                seed = zlib.crc32(f"{name}/{i}".encode())
                values = Values(seed, locales)
                style = Style.draw(values.rng)
                page = Page(values, style)
                body = fn(page)
                width, height, scale = SCREENS[(seed >> 3) % len(SCREENS)]
                sample_id = f"{name}-{i:03d}"
                png = folder / "images" / f"{sample_id}.png"
                boxes = browser.render(document(page, body), width, height, scale, png)
                record = {
                    "id": sample_id, "image_path": f"images/{sample_id}.png", "template": name,
                    "split": split_name, "device_scale_factor": scale, "width": width * scale,
                    "height": height * scale, "name_locale": values.locale,
                    "style": {k: getattr(style, k) for k in ("theme", "size", "low_contrast", "lang", "select_rate")},
                    "spans": [{"label": b.label, "bbox": [b.x, b.y, b.w, b.h], "text": b.text} for b in boxes],
                }
                written.setdefault(split_name, []).append(json.dumps(record, ensure_ascii=False))
            print(f"{split_name} {name}: {count} screens ({time.time() - started:.0f} s)", flush=True)
    for split_name, lines in written.items():
        target = args.out / split_name / "annotations.jsonl"
        if only and target.exists():  # keep the other families' lines
            keep = [ln for ln in target.read_text().splitlines() if json.loads(ln)["template"] not in only]
            lines = keep + lines
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        pii = sum(1 for ln in lines if json.loads(ln)["spans"])
        print(f"{split_name}: {len(lines)} screens, {pii} with personal data, {len(lines) - pii} without -> {target}")


if __name__ == "__main__":
    main()
