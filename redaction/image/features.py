"""Features of every OCR word of a page for the screen-token classifier (``classifier``).

Two kinds, one row per word (names in :data:`FEATURES`, the order the model was trained on):

- the word's **text**: its shape (length, capitals, digits, punctuation), e-mail, URL, path,
  handle, phone, date, time, money and version shapes, gazetteer evidence of a given name or a
  surname, a dictionary test, what the label lexicon reads in it, identifier validity
  (checksums of :mod:`redaction.knowledge.identifiers`) and product codes;
- its **layout**: the label before it on its line, the cell to its left, the line above it,
  the column header over it (each read by the label lexicon: its score and the group of entity
  types it announces), its place in the line, row and block, how many lines start at the same
  x with the same height (a list of similar rows), and its neighbours' name evidence;
  avatar initials (the word is one, or one stands before its line), a login's shape, a line
  that is a place ("North Vancouver") or an amount of money, and the heading of its block (a
  card's "Contact", read by the label lexicon).

Nothing here names an app; no value is kept beyond the call.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass

import numpy as np

from redaction.image import geometry
from redaction.image.layout import Layout, WordRef
from redaction.knowledge.gazetteer import gazetteer
from redaction.knowledge.identifiers import FAMILIES, product_code_kind
from redaction.knowledge.labels import LabelReading, read_label
from redaction.lexicon import words
from redaction.rules.screen_support import is_money, org_line_strict, place_name, title_line

#: Entity types a label may announce, grouped; a label's group is one feature.
LABEL_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"PERSON"}),
    frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER", "USERNAME"}),
    frozenset(
        {
            "NATIONAL_ID",
            "PASSPORT",
            "DRIVER_LICENSE",
            "MEDICAL_ID",
            "LICENSE_PLATE",
            "ACCOUNT_ID",
            "BANK_ACCOUNT",
            "IBAN_CODE",
            "CREDIT_CARD",
        }
    ),
    frozenset({"SECRET", "PASSWORD"}),
    frozenset({"STREET_ADDRESS", "LOCATION"}),
    frozenset({"DATE_OF_BIRTH", "AGE"}),
)
_CONTEXTS = ("own", "left", "cell", "above", "header")

_TEXT_FEATURES = (
    "n_chars",
    "alpha_share",
    "digit_share",
    "upper_share",
    "n_digits",
    "is_title",
    "is_upper",
    "is_lower",
    "mixed_alnum",
    "n_punct",
    "ends_colon",
    "has_at",
    "starts_at",
    "is_email",
    "is_url",
    "is_path",
    "is_phone",
    "is_date",
    "is_time",
    "is_money",
    "is_version",
    "given_name",
    "surname_evidence",
    "name_evidence",
    "in_dictionary",
    "ui_word",
    "month_or_unit",
    "id_valid",
    "id_alone",
    "product_code",
    # Code and technical tokens (issue 17 item 7: not personal however unusual they look).
    "n_parts",
    "dict_parts",
    "code_chars",
    "starts_dash",
    "file_name",
)
_LAYOUT_FEATURES = (
    *(f"{c}_label_score" for c in _CONTEXTS),
    *(f"{c}_label_group" for c in _CONTEXTS),
    "header_distance",
    "word_index",
    "words_in_line",
    "line_in_row",
    "lines_in_row",
    "line_in_block",
    "lines_in_block",
    "same_column_lines",
    "column_name_share",
    "column_digit_share",
    "column_email_share",
    "x_rel",
    "y_rel",
    "height_rel",
    "prev_name_evidence",
    "next_name_evidence",
    "prev_is_title",
    "next_is_title",
    "line_title_share",
    "row_has_email",
    "row_has_time",
    "row_has_name",
    "line_score",
    # Avatars, handles, places and card headings (issue 17 items 1 and 7).
    "is_initials",
    "after_initials",
    "handle_shape",
    "line_is_place",
    "line_is_money",
    "heading_label_score",
    "heading_label_group",
    # The page around the word: how often it recurs, and whether its line is prose or code.
    "page_repeats",
    "line_dict_share",
    "line_code_share",
    # A company ("Coleman Ltd", "Miller, Marshall and Frey") and a job title on the line.
    "line_is_company",
    "title_word",
    "line_is_title",
)
#: Feature names, in the model's column order.
FEATURES: tuple[str, ...] = _TEXT_FEATURES + _LAYOUT_FEATURES

_STRIP = "\"'()[]{}<>,;.!?"
_EMAIL = re.compile(r"^[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$")
_URL = re.compile(r"^(?:https?://|www\.)|^[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,6}(?:/\S*)?$", re.I)
_PATH = re.compile(r"[/\\]")
_PHONE = re.compile(r"^\+?[\d()\-. /]{7,}$")
_DATE = re.compile(r"^\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}$")
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:[ap]m)?$", re.I)
_MONEY = re.compile(r"[$\u20ac\u00a3\u00a5\u20b9]|^\d[\d,.]*[kKmM]?$")
_VERSION = re.compile(r"^v?\d+\.\d+(?:\.\d+)*(?:[\-+]\w+)?$", re.I)
#: Avatar initials: one or two capitals alone.
_INITIALS = re.compile(r"^[A-Z\u00c0-\u00de]{1,2}$")
#: A login someone chose: lowercase letters with a digit, an underscore, a dot or a dash.
_HANDLE = re.compile(r"^@?[a-z][a-z0-9]*(?:[._\-]?[a-z0-9]+)*$")
_UI_WORDS = frozenset(
    w.lower()
    for w in (
        *words("screen", "email_labels"),
        *words("screen", "phone_labels"),
        *words("screen", "address_labels"),
        *words("screen", "company_labels"),
    )
)
_FILE_EXTENSIONS = frozenset(
    (*words("screen", "document_extensions"), *words("screen", "code_extensions"))
)
#: Characters of code and markup, never of a name or an address.
_CODE_CHARS = frozenset("=()[]{}<>;|\\$`")
#: The head of a partnership's name wrapped over two lines ("Humphrey, Ballard and").
_PARTNERS_HEAD = re.compile(r"^[A-Z][a-z]+, [A-Z][a-z]+,? (?:and|&)$")
#: Letter runs of a token and the humps of a camelCase word (``dataclass``, ``frozen``).
_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_FILE = re.compile(r"(?:^|[/\\])[\w\-]+\.([a-z0-9]{1,4})$")
_MONTHS_UNITS = frozenset(
    w.lower() for w in (*words("screen", "months"), *words("screen", "units"))
)


@dataclass(frozen=True, slots=True)
class PageFeatures:
    """Every word of a page (``refs``) with its feature row (``matrix``, float32)."""

    refs: tuple[WordRef, ...]
    matrix: np.ndarray


def _group(reading: LabelReading | None) -> float:
    if reading is None:
        return 0.0
    for n, group in enumerate(LABEL_GROUPS, 1):
        if reading.entity_type in group:
            return float(n)
    return float(len(LABEL_GROUPS) + 1)


def _label(text: str) -> LabelReading | None:
    text = text.strip()
    if not text or len(text) > 60 or not any(c.isalpha() for c in text):
        return None
    return read_label(text)


def _id_features(token: str) -> tuple[float, float]:
    valid = alone = 0.0
    if sum(c.isdigit() for c in token) < 4:
        return 0.0, 0.0
    for family in FAMILIES:
        match = family.pattern.fullmatch(token)
        if match is None:
            continue
        if family.is_valid(token):
            valid = 1.0
            alone = max(alone, family.alone_score(token))
    return valid, alone


def text_features(text: str, dictionary: Container[str]) -> list[float]:
    """The word's own features, in :data:`_TEXT_FEATURES` order."""
    raw = text.strip()
    token = raw.strip(_STRIP)
    n = max(1, len(token))
    alpha = sum(c.isalpha() for c in token)
    digit = sum(c.isdigit() for c in token)
    upper = sum(c.isupper() for c in token)
    punct = sum(not c.isalnum() for c in token)
    low = token.lower().rstrip(":")
    core = low.strip(":@#")
    gaz = gazetteer()
    entry = gaz.lookup(core) if alpha >= 2 and digit == 0 else None
    id_valid, id_alone = _id_features(token)
    return [
        float(len(token)),
        alpha / n,
        digit / n,
        upper / max(1, alpha),
        float(digit),
        float(token[:1].isupper() and token[1:].islower() and alpha == len(token)),
        float(alpha >= 2 and token.isupper()),
        float(token.islower()),
        float(alpha > 0 and digit > 0),
        float(punct),
        float(raw.endswith(":")),
        float("@" in token[1:]),
        float(token.startswith("@")),
        float(bool(_EMAIL.match(token))),
        float(bool(_URL.search(token)) and "@" not in token),
        float(bool(_PATH.search(token))),
        float(bool(_PHONE.match(token)) and digit >= 7),
        float(bool(_DATE.match(token))),
        float(bool(_TIME.match(token))),
        float(bool(_MONEY.search(token)) and digit > 0),
        float(bool(_VERSION.match(token))),
        float(entry is not None and entry.given),
        float(entry is not None and entry.surname),
        gaz.name_evidence(core, dictionary) if entry is not None else 0.0,
        float(core in dictionary),
        float(core in _UI_WORDS),
        float(core in _MONTHS_UNITS),
        id_valid,
        id_alone,
        float(digit >= 8 and product_code_kind(token) is not None),
        *_part_features(token, dictionary),
    ]


def _part_features(token: str, dictionary: Container[str]) -> list[float]:
    """How many letter runs the token has, the share of them (two letters or more) that are
    ordinary words, its code characters, a leading dash (a command-line flag) and a file name's
    extension (``src/util.c``, ``main.py``)."""
    parts = [p.lower() for p in _PARTS.findall(token) if len(p) >= 2]
    known = sum(p in dictionary for p in parts)
    file = _FILE.search(token)
    return [
        float(len(parts)),
        known / len(parts) if parts else 0.0,
        float(sum(c in _CODE_CHARS for c in token)),
        float(token.startswith("-") and len(token) > 1),
        _file_name(token, file),
    ]


def _file_name(token: str, file: re.Match[str] | None) -> float:
    """1 for a name with a known extension, 0.5 for a path ending in one of any (``build/a.o``);
    0 otherwise (a domain is no file)."""
    if file is None or "@" in token:
        return 0.0
    if file.group(1) in _FILE_EXTENSIONS:
        return 1.0
    return 0.5 if "/" in token or "\\" in token else 0.0


def technical(text: str) -> bool:
    """A token of code or a command line: code characters, a slash, an underscore, a leading
    dash, or a file name."""
    token = text.strip().strip(",;.")
    return (
        any(c in _CODE_CHARS or c in "/_" for c in token)
        or (token.startswith("-") and len(token) > 1)
        or _file_name(token, _FILE.search(token)) > 0
    )


def page_features(layout: Layout, dictionary: Container[str] = frozenset()) -> PageFeatures:
    """Feature rows of every word of ``layout`` (in line order, then word order)."""
    lines = layout.lines
    refs: list[WordRef] = []
    if not lines:
        return PageFeatures((), np.zeros((0, len(FEATURES)), dtype=np.float32))
    width = max(geometry.right(line.box) for line in lines) or 1
    height = max(geometry.bottom(line.box) for line in lines) or 1
    heights = sorted(line.box.h for line in lines)
    median_h = heights[len(heights) // 2] or 1
    own = [[text_features(w.text, dictionary) for w in line.words] for line in lines]
    readings = [_label(line.text) if len(line.words) <= 6 else None for line in lines]
    row_of: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(layout.rows):
        for k, i in enumerate(row):
            row_of[i] = (r, k)
    block_of: dict[int, tuple[int, int]] = {}
    for b, block in enumerate(layout.blocks):
        for k, i in enumerate(block):
            block_of[i] = (b, k)
    i_email = _TEXT_FEATURES.index("is_email")
    i_time = _TEXT_FEATURES.index("is_time")
    i_date = _TEXT_FEATURES.index("is_date")
    i_title = _TEXT_FEATURES.index("is_title")
    i_name = _TEXT_FEATURES.index("name_evidence")
    row_flags = []
    for row in layout.rows:
        feats = [f for i in row for f in own[i]]
        row_flags.append(
            (
                float(any(f[i_email] for f in feats)),
                float(any(f[i_time] or f[i_date] for f in feats)),
                max((f[i_name] for f in feats), default=0.0),
            )
        )
    above = [_above(layout, i) for i in range(len(lines))]
    headers = [_header(layout, i, readings) for i in range(len(lines))]
    columns = [_same_column(layout, i) for i in range(len(lines))]
    # Per line: its strongest name evidence, whether it carries digits, an e-mail; averaged
    # over the lines of its column (a list whose entries are names or numbers).
    i_digits = _TEXT_FEATURES.index("n_digits")
    line_name = [max((f[i_name] for f in feats), default=0.0) for feats in own]
    line_digit = [float(any(f[i_digits] for f in feats)) for feats in own]
    line_email = [float(any(f[i_email] for f in feats)) for feats in own]
    column_shares = []
    for i in range(len(lines)):
        members = columns[i] + [i]
        column_shares.append(
            tuple(
                sum(v[j] for j in members) / len(members)
                for v in (line_name, line_digit, line_email)
            )
        )
    line_initials = [_INITIALS.match(line.words[0].text.strip()) is not None for line in lines]
    # How often each word recurs on the page; whether a line reads as prose or as code.
    counts = Counter(_norm(w.text) for line in lines for w in line.words)
    i_dict = _TEXT_FEATURES.index("in_dictionary")
    i_alpha = _TEXT_FEATURES.index("alpha_share")
    i_len = _TEXT_FEATURES.index("n_chars")
    line_dict: list[float] = []
    line_code: list[float] = []
    for line, feats in zip(lines, own, strict=True):
        wordy = [f for f in feats if f[i_alpha] == 1.0 and f[i_len] >= 3]
        line_dict.append(sum(f[i_dict] for f in wordy) / len(wordy) if wordy else -1.0)
        line_code.append(sum(technical(w.text) for w in line.words) / len(line.words))
    heading_of: dict[int, LabelReading | None] = {}
    for block in layout.blocks:
        head = readings[block[0]] if len(block) > 1 else None
        for k, li in enumerate(block):
            heading_of[li] = head if k > 0 else None
    rows_out: list[list[float]] = []
    for i, line in enumerate(lines):
        r, k = row_of.get(i, (0, 0))
        row = layout.rows[r] if layout.rows else (i,)
        b, kb = block_of.get(i, (0, 0))
        block = layout.blocks[b] if layout.blocks else (i,)
        cell = _label(lines[row[k - 1]].text) if k > 0 else None
        above_reading = readings[above[i]] if above[i] >= 0 else None
        header_reading, header_distance = headers[i]
        line_feats = own[i]
        title_share = sum(f[i_title] for f in line_feats) / max(1, len(line_feats))
        line_reading = readings[i]
        # An avatar's initials before the line on its row, or leading the line itself.
        row_initials = k > 0 and line_initials[row[k - 1]] and len(lines[row[k - 1]].words) == 1
        is_place = float(place_name(line.text))
        is_money_line = float(is_money(line.text))
        text = line.text.strip()
        is_company = float(org_line_strict(text) or bool(_PARTNERS_HEAD.match(text)))
        is_title_line = float(title_line(text))
        heading = heading_of.get(i)
        for w, word in enumerate(line.words):
            left = None
            for c in range(w - 1, -1, -1):
                if line.words[c].text.endswith(":"):
                    left = _label(" ".join(x.text for x in line.words[: c + 1]))
                    break
            prev = line_feats[w - 1] if w > 0 else None
            nxt = line_feats[w + 1] if w + 1 < len(line_feats) else None
            rf = row_flags[r] if row_flags else (0.0, 0.0, 0.0)
            context = (line_reading, left, cell, above_reading, header_reading)
            rows_out.append(
                line_feats[w]
                + [reading.score if reading else 0.0 for reading in context]
                + [_group(reading) for reading in context]
                + [
                    float(header_distance),
                    float(w),
                    float(len(line.words)),
                    float(k),
                    float(len(row)),
                    float(kb),
                    float(len(block)),
                    float(len(columns[i])),
                    *column_shares[i],
                    word.box.x / width,
                    word.box.y / height,
                    line.box.h / median_h,
                    prev[i_name] if prev else -1.0,
                    nxt[i_name] if nxt else -1.0,
                    prev[i_title] if prev else -1.0,
                    nxt[i_title] if nxt else -1.0,
                    title_share,
                    rf[0],
                    rf[1],
                    rf[2],
                    word.score,
                    float(_INITIALS.match(word.text.strip()) is not None),
                    float(row_initials or (w > 0 and line_initials[i])),
                    float(_handle(word.text)),
                    is_place,
                    is_money_line,
                    heading.score if heading else 0.0,
                    _group(heading),
                    float(min(20, counts[_norm(word.text)] - 1)),
                    line_dict[i],
                    line_code[i],
                    is_company,
                    float(title_line(word.text)),
                    is_title_line,
                ]
            )
            refs.append(WordRef(i, w))
    return PageFeatures(tuple(refs), np.asarray(rows_out, dtype=np.float32))


def _norm(text: str) -> str:
    return text.strip().strip(_STRIP).lower()


def _handle(text: str) -> bool:
    """A login someone chose (``jane_doe42``, ``@ana.lima``): lowercase, with a digit or a
    separator inside, not an e-mail, a URL, a path or a plain number."""
    token = text.strip().strip(_STRIP)
    core = token.lstrip("@")
    return (
        bool(_HANDLE.match(token))
        and len(core) >= 3
        and (token.startswith("@") or bool(re.search(r"[0-9._\-]", core)))
        and not _URL.search(core)
    )


def _h_overlap(a_x: int, a_w: int, b_x: int, b_w: int) -> float:
    shared = min(a_x + a_w, b_x + b_w) - max(a_x, b_x)
    smaller = min(a_w, b_w)
    return max(0, shared) / smaller if smaller > 0 else 0.0


def _above(layout: Layout, i: int) -> int:
    """The line directly above line ``i`` in its column (a label above its value), or -1."""
    box = layout.lines[i].box
    best, best_gap = -1, float("inf")
    for j, other in enumerate(layout.lines):
        o = other.box
        if j == i or geometry.bottom(o) > box.y + box.h // 2:
            continue
        gap = box.y - geometry.bottom(o)
        if gap > 1.6 * box.h or gap >= best_gap:
            continue
        if abs(o.x - box.x) <= box.h or _h_overlap(o.x, o.w, box.x, box.w) > 0.5:
            best, best_gap = j, gap
    return best


def _header(
    layout: Layout, i: int, readings: Sequence[LabelReading | None], reach: int = 30
) -> tuple[LabelReading | None, int]:
    """The nearest line above line ``i`` over its column that the label lexicon reads (a
    column header), with how many lines up it is; (None, 0) when none."""
    box = layout.lines[i].box
    seen = 0
    for j in range(i - 1, -1, -1):
        o = layout.lines[j].box
        if geometry.bottom(o) > box.y + box.h // 2:
            continue
        centre = box.x + box.w / 2
        if not (o.x - box.h <= centre <= geometry.right(o) + box.h) and (
            _h_overlap(o.x, o.w, box.x, box.w) < 0.5
        ):
            continue
        seen += 1
        if readings[j] is not None:
            return readings[j], seen
        if seen >= reach:
            break
    return None, 0


def _same_column(layout: Layout, i: int) -> list[int]:
    """Other lines that start where line ``i`` starts, at its height (a list of similar rows)."""
    box = layout.lines[i].box
    tolerance = max(3, box.h // 2)
    return [
        j
        for j, other in enumerate(layout.lines)
        if j != i
        and abs(other.box.x - box.x) <= tolerance
        and abs(other.box.h - box.h) <= max(2, box.h // 4)
    ]
