"""Generate the frame-redaction development set: app screenshots with gold boxes.

    .venv/bin/python benchmarks/devset/generate.py --out benchmarks/.devset [--count 40]

Writes ``images/*.png`` and ``annotations.jsonl`` in ScreenLeak's format (``spans[].bbox`` =
[x, y, w, h] in image pixels, ``label``, ``text``), so one scorer reads both, and
``sequences/<name>/NN.png`` for the incremental-OCR benchmark. Everything is synthetic (Faker);
the images are generated, never committed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hard import NEGATIVES_HARD, NEGATIVES_R3, TEMPLATES_HARD, TEMPLATES_R3
from render import render
from round4 import NEGATIVES_R4, SCREENS_R4, TEMPLATES_R4
from sequences import SEQUENCES
from templates import NEGATIVES, TEMPLATES, build_page

#: (CSS width, CSS height, device scale): laptop and desktop screens at scale 1 and 2.
SCREENS = ((1920, 1080, 1), (1366, 768, 1), (1536, 864, 1), (1440, 900, 2), (1280, 800, 2))


def plan(
    count: int, negatives: int, seed: int, hard: int = 0, hard_negatives: int = 0
) -> list[dict[str, Any]]:
    """Which template, screen, theme and seed each image gets (deterministic). The first round
    (``count``, ``negatives``) is unchanged by the second (``hard``, ``hard_negatives``)."""
    names = list(TEMPLATES)
    items: list[dict[str, object]] = []
    for i in range(count):
        width, height, scale = SCREENS[i % len(SCREENS)]
        items.append(
            {
                "template": names[i % len(names)],
                "seed": seed + i,
                "width": width,
                "height": height,
                "scale": scale,
                "theme": "dark" if i % 3 == 2 else "light",
            }
        )
    neg_names = list(NEGATIVES)
    for i in range(negatives):
        width, height, scale = SCREENS[(i * 2) % len(SCREENS)]
        items.append(
            {
                "template": neg_names[i % len(neg_names)],
                "seed": seed + 1000 + i,
                "width": width,
                "height": height,
                "scale": scale,
                "theme": "dark" if i % 2 else "light",
            }
        )
    # Each later round: templates, how many, seed offset, round, screens and where in the
    # screens' cycle it starts.
    for names, n, offset, round_, screens, shift in (
        (list(TEMPLATES_HARD), hard, 2000, 2, SCREENS, 2),
        (list(NEGATIVES_HARD), hard_negatives, 3000, 2, SCREENS, 3),
        (list(TEMPLATES_R3), hard and 8, 4000, 3, SCREENS, 4),
        (list(NEGATIVES_R3), hard_negatives and 4, 5000, 3, SCREENS, 5),
        (list(TEMPLATES_R4), hard and 14, 6000, 4, SCREENS_R4, 0),
        (list(NEGATIVES_R4), hard_negatives and 6, 7000, 4, SCREENS_R4, 0),
    ):
        for i in range(n):
            width, height, scale = screens[(i + shift) % len(screens)]
            items.append(
                {
                    "template": names[i % len(names)],
                    "seed": seed + offset + i,
                    "width": width,
                    "height": height,
                    "scale": scale,
                    "theme": "dark" if i % 3 == 1 else "light",
                    "round": round_,
                }
            )
    return items


def generate(
    out: Path,
    count: int,
    negatives: int,
    seed: int,
    sequences: bool,
    images_too: bool = True,
    only: set[str] | None = None,
    hard: int = 0,
    hard_negatives: int = 0,
) -> None:
    if images_too:
        generate_images(out, count, negatives, seed, only, hard, hard_negatives)
    if sequences:
        generate_sequences(out, seed)


def generate_images(
    out: Path,
    count: int,
    negatives: int,
    seed: int,
    only: set[str] | None = None,
    hard: int = 0,
    hard_negatives: int = 0,
) -> None:
    """Render the images; with ``only``, just those templates (the others' entries are kept)."""
    images = out / "images"
    images.mkdir(parents=True, exist_ok=True)
    kept: dict[str, str] = {}
    if only and (out / "annotations.jsonl").exists():
        for line in (out / "annotations.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                kept[json.loads(line)["id"]] = line
    with (out / "annotations.jsonl").open("w", encoding="utf-8") as ann:
        for item in plan(count, negatives, seed, hard, hard_negatives):
            name = f"dev_{item['seed']:05d}_{item['template']}"
            if only and item["template"] not in only and name in kept:
                ann.write(kept[name] + "\n")
                continue
            doc, _ = build_page(str(item["template"]), int(item["seed"]), str(item["theme"]))
            png = images / f"{name}.png"
            gold = render(doc, int(item["width"]), int(item["height"]), int(item["scale"]), png)
            scale = int(item["scale"])
            ann.write(
                json.dumps(
                    {
                        "id": name,
                        "image_path": f"images/{png.name}",
                        "template": item["template"],
                        "app": item["template"],
                        "width_px": int(item["width"]) * scale,
                        "height_px": int(item["height"]) * scale,
                        "device_scale_factor": scale,
                        "theme": item["theme"],
                        "round": item.get("round", 1),
                        "spans": [
                            {"label": g.label, "bbox": [g.x, g.y, g.w, g.h], "text": g.text}
                            for g in gold
                        ],
                    }
                )
                + "\n"
            )
            print(f"{name}: {len(gold)} regions", flush=True)


def generate_sequences(out: Path, seed: int) -> None:
    for seq_name, make in SEQUENCES.items():
        folder = out / "sequences" / seq_name
        folder.mkdir(parents=True, exist_ok=True)
        docs = make(seed)
        for index, doc in enumerate(docs):
            render(doc, 1920, 1080, 1, folder / f"{index:02d}.png")
        print(f"sequence {seq_name}: {len(docs)} frames", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / ".devset"
    )
    parser.add_argument("--count", type=int, default=48, help="images with personal data")
    parser.add_argument("--negatives", type=int, default=16, help="images without personal data")
    parser.add_argument("--hard", type=int, default=44, help="second-round images with PII")
    parser.add_argument("--hard-negatives", type=int, default=18, help="second-round negatives")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-sequences", action="store_true")
    parser.add_argument("--only-sequences", action="store_true")
    parser.add_argument("--templates", help="comma list: render only these templates again")
    args = parser.parse_args()
    generate(
        args.out,
        args.count,
        args.negatives,
        args.seed,
        not args.no_sequences,
        images_too=not args.only_sequences,
        only=set(args.templates.split(",")) if args.templates else None,
        hard=args.hard,
        hard_negatives=args.hard_negatives,
    )


if __name__ == "__main__":
    main()
