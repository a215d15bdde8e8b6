"""The learned screen-token classifier: how likely each OCR word of a page is personal data.

    model = screen_model()                       # the packaged model, loaded once
    findings = model.findings(layout, threshold=0.5)

A gradient-boosted tree ensemble over the features of :mod:`redaction.image.features` (the
word's text and its layout: label, column header, row, neighbours), trained by
``scripts/train_screen_classifier.py`` on the development families of the generated screen
corpus and the development set. Stored as JSON (trees as flat arrays, the feature names they
were trained on, the dictionary of ordinary words the features use), evaluated with numpy:
no pickle, no extra runtime. The frame redactor adds the words at or above the policy's
``screen_model_threshold`` to the rule findings (one decision; None leaves the rules alone).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

import numpy as np

from redaction.image.features import FEATURES, LABEL_GROUPS, PageFeatures, page_features
from redaction.image.findings import Finding, from_words
from redaction.image.layout import Layout, WordRef
from redaction.knowledge.gazetteer import gazetteer
from redaction.rules.english import stopwords
from redaction.rules.names import function_words_of_any_language

MODEL_FORMAT: Final = "cuarec-screen-tokens"
MODEL_VERSION: Final = 1
MODEL_FILE: Final = "screen_tokens.json"
RECOGNIZER: Final = "screen_model"
#: The threshold chosen by leave-families-out cross-validation of the rules and the model
#: together on the development families and the dev set (``scripts/train_screen_classifier.py
#: --cv``; benchmarks/README.md); a policy sets its own.
DEFAULT_THRESHOLD: Final = 0.85
#: The score an ordinary word (in the dictionary, not a given name or a surname the gazetteer
#: knows) needs, whatever the policy's threshold: most such words the model scores high are
#: UI words and job titles, not names (chosen with the threshold by the same CV).
ORDINARY_WORD_THRESHOLD: Final = 0.99
_GROUP_ENTITY: Final = ("PERSON", "EMAIL_ADDRESS", "ACCOUNT_ID", "PASSWORD", "STREET_ADDRESS",
                        "DATE_OF_BIRTH")  # fmt: skip


class ModelFormatError(ValueError):
    """The model file is not one this code can evaluate."""


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """Binary gradient-boosted trees as flat arrays (every tree's nodes one after another).

    A node is a leaf when ``left`` is -1; otherwise a row goes to ``left`` when its
    ``feature`` value is <= ``threshold``. The score is ``sigmoid(base + sum of leaf values)``.
    """

    base: float
    roots: np.ndarray  # (trees,) node index of each root
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probabilities for the rows of ``x`` (float64, columns in the model's order)."""
        if x.shape[0] == 0:
            return np.zeros(0)
        node = np.broadcast_to(self.roots, (x.shape[0], self.roots.size)).copy()
        rows = np.arange(x.shape[0])[:, None]
        for _ in range(self.depth):
            inner = self.left[node] >= 0
            if not inner.any():
                break
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        raw: np.ndarray = self.base + self.value[node].sum(axis=1)
        probability: np.ndarray = 1.0 / (1.0 + np.exp(-raw))
        return probability


@dataclass(frozen=True, slots=True)
class ScreenModel:
    """The tree ensemble, the features it reads and the word list those features use."""

    trees: TreeEnsemble
    dictionary: frozenset[str]
    meta: dict[str, Any]

    def features(self, layout: Layout) -> PageFeatures:
        return page_features(layout, self.dictionary)

    def scores(self, layout: Layout) -> tuple[tuple[WordRef, ...], np.ndarray]:
        """Every word of the page with its probability of being personal."""
        page = self.features(layout)
        return page.refs, self.trees.predict(page.matrix.astype(np.float64))

    def findings(self, layout: Layout, threshold: float) -> list[Finding]:
        """Words scoring at least ``threshold`` (an ordinary word at least
        :data:`ORDINARY_WORD_THRESHOLD`), runs of neighbours on a line as one finding."""
        page = self.features(layout)
        scores = self.trees.predict(page.matrix.astype(np.float64))
        bar = np.where(
            ordinary_words(page.matrix), max(threshold, ORDINARY_WORD_THRESHOLD), threshold
        )
        out: list[Finding] = []
        run: list[int] = []

        def flush() -> None:
            if run:
                refs = [page.refs[k] for k in run]
                score = float(max(scores[k] for k in run))
                entity = _entity(page.matrix[run[0]])
                finding = from_words(layout, refs, entity, RECOGNIZER, score)
                if finding is not None:
                    out.append(finding)
                run.clear()

        for k, ref in enumerate(page.refs):
            if scores[k] < bar[k] or function_word(layout.word(ref).text, ref.index == 0):
                flush()
                continue
            if run and page.refs[run[-1]].line != ref.line:
                flush()
            run.append(k)
        flush()
        return out


def function_word(word: str, starts_line: bool = False) -> bool:
    """A function word of any language (or a chat abbreviation) is never personal on its own,
    whatever its neighbours: the model does not blur it, so a run of flagged words around it
    keeps it readable (the rules still find a name that holds one). Lowercase, or capitalised
    as the first word of a line (a sentence's capital) when it is no given name."""
    bare = word.strip(".,;:!?\"'()[]")
    lower = bare.lower()
    if not (lower in stopwords() or lower in function_words_of_any_language()):
        return False
    if bare.islower():
        return True
    return (
        starts_line
        and bare[:1].isupper()
        and bare[1:].islower()
        and not gazetteer().is_given_name(lower)
    )


_COLUMNS: Final = {name: i for i, name in enumerate(FEATURES)}


def ordinary_words(matrix: np.ndarray) -> np.ndarray:
    """Rows of words in the dictionary that the gazetteer knows as no given name or surname."""
    mask: np.ndarray = (
        (matrix[:, _COLUMNS["in_dictionary"]] == 1)
        & (matrix[:, _COLUMNS["given_name"]] == 0)
        & (matrix[:, _COLUMNS["surname_evidence"]] == 0)
    )
    return mask


def _entity(row: np.ndarray) -> str:
    """An entity type for a model finding: what its label or header announces, else its shape."""
    for context in ("left", "cell", "above", "header"):
        group = int(row[_COLUMNS[f"{context}_label_group"]])
        if 1 <= group <= len(LABEL_GROUPS):
            return _GROUP_ENTITY[group - 1]
    if row[_COLUMNS["is_email"]]:
        return "EMAIL_ADDRESS"
    if row[_COLUMNS["is_phone"]]:
        return "PHONE_NUMBER"
    if row[_COLUMNS["starts_at"]]:
        return "USERNAME"
    if row[_COLUMNS["n_digits"]]:
        return "ACCOUNT_ID"
    return "PERSON"


def load_model(data: dict[str, Any]) -> ScreenModel:
    """A model from its JSON data; :class:`ModelFormatError` when it does not fit this code."""
    if data.get("format") != MODEL_FORMAT or data.get("version") != MODEL_VERSION:
        raise ModelFormatError("not a cuarec screen-token model of this version")
    if tuple(data.get("features", ())) != FEATURES:
        raise ModelFormatError("the model was trained on other features than this code makes")
    trees = data["trees"]
    roots: list[int] = []
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    depth = 0
    for tree in trees:
        offset = len(feature)
        roots.append(offset)
        n = len(tree["feature"])
        if not all(len(tree[k]) == n for k in ("threshold", "left", "right", "value")):
            raise ModelFormatError("a tree's arrays differ in length")
        feature += tree["feature"]
        threshold += tree["threshold"]
        left += [c + offset if c >= 0 else -1 for c in tree["left"]]
        right += [c + offset if c >= 0 else -1 for c in tree["right"]]
        value += tree["value"]
        depth = max(depth, int(tree["depth"]))
    f = np.asarray(feature, dtype=np.int64)
    if f.size and (f.min() < 0 or f.max() >= len(FEATURES)):
        raise ModelFormatError("a split reads a feature the model does not have")
    ensemble = TreeEnsemble(
        float(data["base"]),
        np.asarray(roots, dtype=np.int64),
        f,
        np.asarray(threshold, dtype=np.float64),
        np.asarray(left, dtype=np.int64),
        np.asarray(right, dtype=np.int64),
        np.asarray(value, dtype=np.float64),
        depth,
    )
    meta = {k: v for k, v in data.items() if k not in ("trees", "dictionary")}
    return ScreenModel(ensemble, frozenset(data.get("dictionary", ())), meta)


@functools.cache
def screen_model() -> ScreenModel:
    """The packaged model (``redaction/image/models/screen_tokens.json``), loaded once."""
    text = resources.files("redaction.image").joinpath("models", MODEL_FILE).read_text("utf-8")
    return load_model(json.loads(text))
