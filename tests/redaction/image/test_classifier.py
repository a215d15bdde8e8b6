"""The learned screen-token classifier: its features on a hand-made layout, the JSON tree
format and its evaluator, the shipped model, and the policy threshold that switches it on."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any

import numpy as np
import pytest

from redaction.image.classifier import (
    DEFAULT_THRESHOLD,
    MODEL_FILE,
    RECOGNIZER,
    ModelFormatError,
    function_word,
    load_model,
    ordinary_words,
    screen_model,
)
from redaction.image.features import FEATURES, LABEL_GROUPS, page_features
from redaction.image.layout import Layout, WordRef, analyse_layout
from redaction.image.ocr import OcrLine, OcrWord
from redaction.image.settings import ImageRedactionSettings
from redaction.models import Box

CHAR_W = 9
HEIGHT = 16


def _line(text: str, x: int, y: int) -> OcrLine:
    """An OCR line as RapidOCR gives one: words left to right, boxes by character count."""
    words = []
    at = x
    for word in text.split():
        words.append(OcrWord(word, Box(at, y, CHAR_W * len(word), HEIGHT), 0.95))
        at += CHAR_W * (len(word) + 1)
    return OcrLine(Box(x, y, at - x - CHAR_W, HEIGHT), tuple(words))


LayoutFactory = Callable[[Sequence[tuple[str, int, int]]], Layout]


@pytest.fixture
def make_layout() -> LayoutFactory:
    def make(items: Sequence[tuple[str, int, int]]) -> Layout:
        return analyse_layout([_line(text, x, y) for text, x, y in items])

    return make


# A form (label left of its value, label above its value), an inline label and a table whose
# header names the column.
FORM = [
    ("Full name:", 20, 20),
    ("Ada Lovelace", 200, 20),
    ("Email", 20, 60),
    ("ada@example.org", 20, 80),
    ("Surname: Byron", 20, 120),
    ("Phone", 400, 160),
    ("Status", 560, 160),
    ("+44 20 7946 0958", 400, 190),
    ("Active", 560, 190),
    ("+44 20 7946 0959", 400, 220),
    ("Active", 560, 220),
]


def _row(layout: Layout, text: str, nth: int = 0) -> np.ndarray:
    page = page_features(layout, frozenset({"active", "status"}))
    found = [k for k, ref in enumerate(page.refs) if layout.word(ref).text == text]
    row: np.ndarray = page.matrix[found[nth]]
    return row


def _f(row: np.ndarray, name: str) -> float:
    return float(row[FEATURES.index(name)])


def _group(entity: str) -> float:
    return float(next(n for n, g in enumerate(LABEL_GROUPS, 1) if entity in g))


def test_one_row_of_features_per_word(make_layout: LayoutFactory) -> None:
    layout = make_layout(FORM)
    page = page_features(layout)
    assert page.matrix.shape == (sum(len(line.words) for line in layout.lines), len(FEATURES))
    assert page.matrix.dtype == np.float32
    assert len(set(page.refs)) == len(page.refs)


def test_text_features(make_layout: LayoutFactory) -> None:
    layout = make_layout(FORM)
    ada = _row(layout, "Ada")
    assert _f(ada, "is_title") == 1 and _f(ada, "given_name") == 1
    assert _f(ada, "name_evidence") > 0.4
    mail = _row(layout, "ada@example.org")
    assert _f(mail, "is_email") == 1 and _f(mail, "has_at") == 1 and _f(mail, "given_name") == 0
    assert _f(_row(layout, "Active"), "in_dictionary") == 1
    assert _f(ada, "in_dictionary") == 0
    label = _row(layout, "name:")
    assert _f(label, "ends_colon") == 1 and _f(label, "own_label_group") == _group("PERSON")


def test_layout_features(make_layout: LayoutFactory) -> None:
    layout = make_layout(FORM)
    # The label in the cell to the left, above, and before it on its own line.
    assert _f(_row(layout, "Lovelace"), "cell_label_group") == _group("PERSON")
    assert _f(_row(layout, "Lovelace"), "cell_label_score") > 0.5
    assert _f(_row(layout, "ada@example.org"), "above_label_group") == _group("EMAIL_ADDRESS")
    assert _f(_row(layout, "Byron"), "left_label_group") == _group("PERSON")
    # The second phone number is two lines under its column's header.
    second = _row(layout, "0959")
    assert _f(second, "header_label_group") == _group("PHONE_NUMBER")
    assert _f(second, "header_distance") == 2
    assert _f(second, "same_column_lines") >= 2  # header and the other number start there
    assert _f(second, "lines_in_row") == 2  # its row holds the status cell too
    # A plain status word has no label announcing personal data.
    active = _row(layout, "Active", 1)
    assert _f(active, "left_label_score") == 0 and _f(active, "cell_label_score") == 0
    assert _f(_row(layout, "Lovelace"), "prev_name_evidence") > 0.4


# A member list (avatar initials beside each name, a handle), a card under its heading, a
# place and an amount.
CARDS = [
    ("AL", 20, 20),
    ("Ada Lovelace", 60, 20),
    ("ada_l42", 300, 20),
    ("Contact", 20, 100),
    ("Tom Hale", 20, 122),
    ("North Vancouver", 400, 100),
    ("705.39 EUR", 400, 140),
]


def test_avatar_handle_place_money_and_heading_features(make_layout: LayoutFactory) -> None:
    layout = make_layout(CARDS)
    assert _f(_row(layout, "AL"), "is_initials") == 1
    assert _f(_row(layout, "Ada"), "is_initials") == 0
    assert _f(_row(layout, "Ada"), "after_initials") == 1
    assert _f(_row(layout, "Tom"), "after_initials") == 0
    assert _f(_row(layout, "ada_l42"), "handle_shape") == 1
    assert _f(_row(layout, "Lovelace"), "handle_shape") == 0
    assert _f(_row(layout, "Vancouver"), "line_is_place") == 1
    assert _f(_row(layout, "Hale"), "line_is_place") == 0
    assert _f(_row(layout, "EUR"), "line_is_money") == 1
    assert _f(_row(layout, "Hale"), "heading_label_group") == _group("PERSON")
    assert _f(_row(layout, "Hale"), "heading_label_score") > 0
    assert _f(_row(layout, "Contact"), "heading_label_score") == 0


# A command line, a decorator and a doc comment, a company and a job title under a name.
CODE = [
    ("cc -Wall -c src/util.c -o build/util.o", 20, 20),
    ("@dataclass(frozen=True)", 20, 60),
    ("@returns the parsed document", 20, 100),
    ("Coleman Ltd", 20, 140),
    ("Humphrey, Ballard and", 20, 180),
    ("Ada Lovelace", 400, 140),
    ("Finance Director", 400, 160),
]
CODE_WORDS = frozenset({"build", "util", "frozen", "true", "returns", "the",
                        "parsed", "document", "finance", "director"})  # fmt: skip


def _code_row(layout: Layout, text: str) -> np.ndarray:
    page = page_features(layout, CODE_WORDS)
    found = [k for k, ref in enumerate(page.refs) if layout.word(ref).text == text]
    row: np.ndarray = page.matrix[found[0]]
    return row


def test_code_company_and_title_features(make_layout: LayoutFactory) -> None:
    layout = make_layout(CODE)
    path = _code_row(layout, "build/util.o")
    assert _f(path, "file_name") == 0.5  # a path to a file of any extension
    assert _f(path, "n_parts") == 2 and _f(path, "dict_parts") == 1  # "build", "util"
    assert _f(_code_row(layout, "src/util.c"), "file_name") == 1  # a known extension
    assert _f(_code_row(layout, "-Wall"), "starts_dash") == 1
    assert _f(_code_row(layout, "cc"), "line_code_share") > 0.5
    decorator = _code_row(layout, "@dataclass(frozen=True)")  # the last ")" is stripped
    assert _f(decorator, "code_chars") == 2
    assert _f(decorator, "dict_parts") == pytest.approx(2 / 3)  # frozen, true; not dataclass
    doc = _code_row(layout, "@returns")
    assert _f(doc, "dict_parts") == 1 and _f(doc, "line_dict_share") == 1
    assert _f(doc, "code_chars") == 0 and _f(doc, "file_name") == 0
    ada = _code_row(layout, "Ada")
    assert _f(ada, "n_parts") == 1 and _f(ada, "dict_parts") == 0
    assert _f(ada, "line_dict_share") == 0 and _f(ada, "line_code_share") == 0
    assert _f(ada, "line_is_company") == 0 and _f(ada, "line_is_title") == 0
    assert _f(_code_row(layout, "Coleman"), "line_is_company") == 1
    assert _f(_code_row(layout, "Humphrey,"), "line_is_company") == 1  # wrapped partnership
    assert _f(_code_row(layout, "Director"), "title_word") == 1
    assert _f(_code_row(layout, "Finance"), "title_word") == 0
    assert _f(_code_row(layout, "Finance"), "line_is_title") == 1


def test_page_repeats_counts_the_other_occurrences(make_layout: LayoutFactory) -> None:
    layout = make_layout(FORM)
    assert _f(_row(layout, "Active"), "page_repeats") == 1  # twice on the page
    assert _f(_row(layout, "Lovelace"), "page_repeats") == 0


def test_empty_page_has_no_rows() -> None:
    page = page_features(analyse_layout([]))
    assert page.matrix.shape == (0, len(FEATURES))


# ---- the JSON format and its evaluator ------------------------------------------------------


def _stump(feature: str, value: float = 3.0) -> dict[str, Any]:
    """A one-split model: ``feature`` above 0.5 -> +value, else -value."""
    return {
        "format": "cuarec-screen-tokens",
        "version": 1,
        "features": list(FEATURES),
        "base": 0.0,
        "trees": [
            {
                "feature": [FEATURES.index(feature), 0, 0],
                "threshold": [0.5, 0.0, 0.0],
                "left": [1, -1, -1],
                "right": [2, -1, -1],
                "value": [0.0, -value, value],
                "depth": 1,
            }
        ],
        "dictionary": ["active"],
    }


def test_tree_evaluator_follows_splits(make_layout: LayoutFactory) -> None:
    model = load_model(_stump("is_email"))
    layout = make_layout(FORM)
    refs, scores = model.scores(layout)
    by_text = {layout.word(r).text: s for r, s in zip(refs, scores, strict=True)}
    assert by_text["ada@example.org"] == pytest.approx(1 / (1 + np.exp(-3)))
    assert by_text["Ada"] == pytest.approx(1 / (1 + np.exp(3)))


def test_findings_join_neighbouring_words(make_layout: LayoutFactory) -> None:
    model = load_model(_stump("given_name"))
    layout = make_layout([("Ada Lovelace", 20, 20), ("Ada", 20, 60)])
    # Only given names score high: "Ada" twice, each its own finding on its own line.
    findings = model.findings(layout, 0.5)
    assert [len(f.refs) for f in findings] == [1, 1]
    assert all(f.recognizer == RECOGNIZER and f.entity_type == "PERSON" for f in findings)
    two_words = load_model(_stump("is_title")).findings(layout, 0.5)
    assert two_words[0].refs == (WordRef(0, 0), WordRef(0, 1))
    assert len(two_words[0].boxes) == 1  # one box per line


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "not a cuarec"),
        (lambda d: d.update(version=99), "not a cuarec"),
        (lambda d: d.update(features=list(FEATURES)[:-1]), "other features"),
        (lambda d: d["trees"][0]["feature"].__setitem__(0, len(FEATURES)), "feature"),
        (lambda d: d["trees"][0]["value"].pop(), "length"),
    ],
)
def test_model_format_errors(change: Callable[[dict[str, Any]], None], message: str) -> None:
    data = copy.deepcopy(_stump("is_email"))
    change(data)
    with pytest.raises(ModelFormatError, match=message):
        load_model(data)


# ---- the shipped model -----------------------------------------------------------------------


def test_shipped_model_matches_the_loader(make_layout: LayoutFactory) -> None:
    resource = resources.files("redaction.image").joinpath("models", MODEL_FILE)
    raw = resource.read_bytes()
    assert len(raw) < 50_000_000
    data = json.loads(raw)
    assert data["features"] == list(FEATURES)
    assert data["trained_on"]["sources"] and "heldout" not in json.dumps(data["trained_on"])
    model = screen_model()
    assert model.trees.roots.size == len(data["trees"]) > 10
    assert "active" in model.dictionary  # the ordinary-word list travels with the model
    refs, scores = model.scores(make_layout(FORM))
    assert len(refs) == scores.size and ((scores >= 0) & (scores <= 1)).all()
    # A labelled name and an e-mail score above the label words and a status word.
    layout = make_layout(FORM)
    by_text = {layout.word(r).text: s for r, s in zip(refs, scores, strict=True)}
    assert min(by_text["Lovelace"], by_text["ada@example.org"]) > max(
        by_text["Email"], by_text["Status"]
    )


def test_shipped_model_leaves_code_companies_and_titles_alone(make_layout: LayoutFactory) -> None:
    # What the first models blurred on clean development screens: a compiler's command line,
    # a decorator and a doc tag, a workflow trigger, a bot posting at a time, companies made of
    # surnames, a job title. A name beside them still scores high.
    layout = make_layout(
        [
            *CODE,
            ("workflow_dispatch", 20, 220),
            ("Slackbot 10:23 AM", 20, 260),
            ("cc -o build/app build/main.o build/util.o", 20, 300),
        ]
    )
    flagged = [
        layout.word(r).text
        for f in screen_model().findings(layout, DEFAULT_THRESHOLD)
        for r in f.refs
    ]
    assert "Ada" in flagged
    assert set(flagged) <= {"Ada", "Lovelace"}


# ---- the policy switch -------------------------------------------------------------------------


def test_threshold_setting_is_checked() -> None:
    assert ImageRedactionSettings().screen_model_threshold is None
    with pytest.raises(ValueError, match="screen_model_threshold"):
        ImageRedactionSettings(screen_model_threshold=1.5)


def test_policy_threshold_switches_the_model(
    screen: Any, text_redactor: Any, ocr_engine: Any
) -> None:
    from redaction.image import FrameRedactor

    drawn = screen([("Phone", 20, 20), ("Status", 300, 20), ("4471 0932", 20, 60),
                    ("Active", 300, 60), ("4471 0933", 20, 100), ("Active", 300, 100)])  # fmt: skip
    off = FrameRedactor(text_redactor, ocr_engine, ImageRedactionSettings(faces=False))
    assert off.screen_model is None
    assert not any(f.recognizer == RECOGNIZER for f in off.find(drawn.image).findings)
    alone = FrameRedactor(
        text_redactor,
        ocr_engine,
        ImageRedactionSettings(faces=False, screen_model_threshold=0.05, text_rules=False),
    )
    found = alone.find(drawn.image).findings
    assert found and all(f.recognizer == RECOGNIZER for f in found)
    # A higher threshold never finds more.
    strict = FrameRedactor(
        text_redactor,
        ocr_engine,
        ImageRedactionSettings(faces=False, screen_model_threshold=0.99, text_rules=False),
    )
    assert len(strict.find(drawn.image).findings) <= len(found)


@pytest.mark.parametrize(
    ("word", "starts_line", "expected"),
    [("to", False, True), ("the", False, True), ("de", False, True), ("und", False, True),
     ("to,", False, True), ("Please", True, True), ("The", True, True),
     ("To", False, False), ("Please", False, False), ("May", True, False),  # a given name
     ("Botond", True, False), ("maria", False, False), ("x7", False, False), ("", False, False)],
)
def test_function_word(word: str, starts_line: bool, expected: bool) -> None:
    assert function_word(word, starts_line) is expected


def test_an_ordinary_word_needs_the_higher_bar(make_layout: LayoutFactory) -> None:
    # Capitalised words score sigmoid(3) = 0.95: over the policy's threshold, under the bar
    # for a word of the model's dictionary the gazetteer does not know as a name ("Active").
    model = load_model(_stump("is_title", value=3.0))
    layout = make_layout([("Ada Active", 20, 20), ("Status", 20, 60)])
    flagged = [layout.word(r).text for f in model.findings(layout, 0.9) for r in f.refs]
    assert flagged == ["Ada", "Status"]  # "Status" is not in the stump's dictionary
    sure = load_model(_stump("is_title", value=6.0))  # 0.9975: over the bar too
    flagged = [layout.word(r).text for f in sure.findings(layout, 0.9) for r in f.refs]
    assert flagged == ["Ada", "Active", "Status"]


def test_ordinary_words_mask(make_layout: LayoutFactory) -> None:
    layout = make_layout(FORM)
    page = page_features(layout, frozenset({"active", "status", "ada"}))
    texts = [layout.word(r).text for r in page.refs]
    mask = dict(zip(texts, ordinary_words(page.matrix), strict=False))
    assert mask["Active"] and mask["Status"]
    assert not mask["Ada"]  # in this dictionary, but a given name
    assert not mask["Lovelace"]


def test_the_model_never_blurs_a_function_word_alone(make_layout: LayoutFactory) -> None:
    model = load_model(_stump("n_chars", value=3.0))  # every word scores high
    layout = make_layout([("Please send the lease to Botond Szalai", 20, 20)])
    flagged = [layout.word(r).text for f in model.findings(layout, 0.5) for r in f.refs]
    assert flagged == ["send", "lease", "Botond", "Szalai"]
