"""The label lexicon: "what does this label say the value is?"

A form field, a table's column header or a ``Label:`` cue says what its value is (a name, a
date of birth, a document number, an account, a password, in any of the lexicon's languages,
perhaps marked required). :func:`read_label` answers with the
concept, the entity type its value is and a score, from the data file
``redaction/lexicon/labels.toml`` (one entry per concept, wordings in English, German, French,
Spanish, Italian, Portuguese and Dutch, abbreviations).

Matching tolerates case, accents, punctuation, ``snake_case``/``camelCase``, a trailing colon
or asterisk, a trailing parenthesis (a remark such as "optional"), number words around an
identifier's name and leading words of a prompt (``knowledge_labels.toml``), OCR slips
(``0``/``o``, ``1``/``l``/``i``, ``rn``/``m``, one or two edits in a long word) and a label that
holds a wording among other words (a qualifier before it). Each tolerance lowers the score a
little; a wording the lexicon marks weak (a bare identifier, account or role word) scores lower
wherever it appears. The cases are in ``tests/redaction/rules/test_labels.py``.

The lexicon is loaded once per process (:func:`label_lexicon`) and answers are cached.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Final, Literal

from redaction.entities import ENTITY_TYPES
from redaction.lexicon import words

#: The languages every concept is written in (besides ``abbr``, abbreviations of any language).
LANGUAGES: Final = words("knowledge_labels", "languages")
LEXICON_FILE: Final = "labels.toml"

Method = Literal["exact", "ocr", "fuzzy", "partial"]
#: How much each tolerance costs (multiplied into the concept's score).
_METHOD_FACTOR: Final[Mapping[Method, float]] = MappingProxyType(
    {"exact": 1.0, "ocr": 0.95, "fuzzy": 0.85, "partial": 0.9}
)
_MAX_LABEL_WORDS: Final = 8
_MAX_LABEL_CHARS: Final = 80


@dataclass(frozen=True, slots=True)
class Concept:
    """One kind of field: its id, the entity type of its value, how sure the label alone makes
    us, and its wordings by language (``abbr`` for abbreviations)."""

    id: str
    entity_type: str
    score: float
    wordings: Mapping[str, tuple[str, ...]]

    def all_wordings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w for words in self.wordings.values() for w in words))


@dataclass(frozen=True, slots=True)
class LabelReading:
    """What a label says: ``concept`` (its id), the ``entity_type`` of the value, a ``score``
    in (0, 1], the lexicon ``wording`` it matched and the ``method`` of the match."""

    concept: str
    entity_type: str
    score: float
    wording: str
    method: Method


# ---- normalisation -------------------------------------------------------------------------

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TRAILING_PAREN = re.compile(r"\s+[(\[][^)\]]{0,40}[)\]][\s:*.]*$")
_APOSTROPHE = re.compile("['`\u2018\u2019\u00b4]")
_NON_WORD = re.compile(r"[\W_]+")
_LEADING: Final = frozenset(words("knowledge_labels", "leading"))
# Number words (in several languages) around an identifier's name.
_NUMBER_WORDS: Final = frozenset(words("knowledge_labels", "number_words"))
_CONNECTORS: Final = frozenset(words("knowledge_labels", "connectors"))
_OCR_PAIRS: Final = (("rn", "m"), ("vv", "w"), ("cl", "d"))
_OCR_CHARS: Final = str.maketrans({"0": "o", "1": "l", "|": "l", "i": "l", "5": "s", "!": "l"})


def normalise_label(text: str) -> str:
    """Lowercase words without accents or punctuation, one space apart; camelCase is split
    into words and a trailing parenthesis dropped."""
    text = _TRAILING_PAREN.sub("", text)
    text = _CAMEL.sub(" ", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _APOSTROPHE.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def _ocr_fold(normalised: str) -> str:
    """Letters OCR confuses, folded to one (applied to both sides of a comparison)."""
    folded = normalised.translate(_OCR_CHARS)
    for pair, single in _OCR_PAIRS:
        folded = folded.replace(pair, single)
    return folded


def _variants(normalised: str) -> list[str]:
    """The label without leading filler words and without number words around it."""
    words = normalised.split()
    out = [normalised]
    while words and words[0] in _LEADING and len(words) > 1:
        words = words[1:]
        out.append(" ".join(words))
    stripped = list(words)
    if len(stripped) > 1 and stripped[0] in _NUMBER_WORDS:
        stripped = stripped[1:]
        if len(stripped) > 1 and stripped[0] in _CONNECTORS:
            stripped = stripped[1:]
    while len(stripped) > 1 and stripped[-1] in _NUMBER_WORDS:
        stripped = stripped[:-1]
    if stripped != words:
        out.append(" ".join(stripped))
    return list(dict.fromkeys(out))


def _bigrams(word: str) -> frozenset[str]:
    return frozenset(word[i : i + 2] for i in range(len(word) - 1))


#: Below this many letters a fuzzy label match may only lose or add a letter.
_SHORT_WORD: Final = 7


def _within(a: str, b: str, limit: int) -> bool:
    """True when ``a`` and ``b`` are at most ``limit`` edits apart (insertions, deletions,
    substitutions and swaps of neighbours: the optimal string alignment distance)."""
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit


# ---- the lexicon ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: Concept
    wording: str
    score: float


class LabelLexicon:
    """The concepts of a label lexicon and fast lookups over their wordings. Build once
    (:func:`label_lexicon`); immutable and thread-safe."""

    def __init__(
        self,
        concepts: Iterable[Concept],
        weak: Iterable[str] = (),
        weak_factor: float = 0.6,
        whole_only: Iterable[str] = (),
    ):
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        weak_set = {normalise_label(w) for w in weak}
        self._weak = frozenset(weak_set)
        #: Wordings that say their concept only as the whole label ("Name" is a person's;
        #: "Project name" is a project's): never read inside a longer label.
        self._whole_only = frozenset(normalise_label(w) for w in whole_only)
        exact: dict[str, list[_Entry]] = {}
        for concept in self.concepts:
            for wording in concept.all_wordings():
                key = normalise_label(wording)
                if not key:
                    continue
                score = concept.score * (weak_factor if key in weak_set else 1.0)
                entries = exact.setdefault(key, [])
                if all(e.concept.id != concept.id for e in entries):
                    entries.append(_Entry(concept, wording, score))
        # Best entry first for every key; the compact (no spaces) and OCR-folded keys too.
        self._exact = {k: tuple(sorted(v, key=lambda e: -e.score)) for k, v in exact.items()}
        compact: dict[str, tuple[_Entry, ...]] = {}
        folded: dict[str, tuple[_Entry, ...]] = {}
        by_length: dict[tuple[int, str], list[tuple[str, str, frozenset[str]]]] = {}
        for key, best_first in self._exact.items():
            compact.setdefault(key.replace(" ", ""), best_first)
            folded.setdefault(_ocr_fold(key.replace(" ", "")), best_first)
        for key in compact:
            folded_key = _ocr_fold(key)
            by_length.setdefault((len(key), folded_key[:1]), []).append(
                (folded_key, key, _bigrams(folded_key))
            )
        self._compact = compact
        self._folded = folded
        # Fuzzy candidates by (length, first folded letter): OCR rarely loses a first letter.
        self._by_length = {n: tuple(keys) for n, keys in by_length.items()}
        self._concepts = {c.id: c for c in self.concepts}

    def __len__(self) -> int:
        return len(self._exact)

    def concept(self, concept_id: str) -> Concept:
        return self._concepts[concept_id]

    def wordings(
        self, *, entity_types: Iterable[str] | None = None, concepts: Iterable[str] | None = None
    ) -> tuple[str, ...]:
        """Every wording of the concepts given (by id) or of the entity types given (all when
        both are None), as written in the lexicon."""
        wanted_types = None if entity_types is None else set(entity_types)
        wanted_ids = None if concepts is None else set(concepts)
        out: dict[str, None] = {}
        for concept in self.concepts:
            if wanted_types is not None and concept.entity_type not in wanted_types:
                continue
            if wanted_ids is not None and concept.id not in wanted_ids:
                continue
            out.update(dict.fromkeys(concept.all_wordings()))
        return tuple(out)

    def is_weak(self, wording: str) -> bool:
        return normalise_label(wording) in self._weak

    def read(self, label: str) -> LabelReading | None:
        """What ``label`` says its value is, or None when it names no concept."""
        return _read_cached(self, label)

    def _read(self, label: str) -> LabelReading | None:
        if not label or len(label) > _MAX_LABEL_CHARS:
            return None
        normalised = normalise_label(label)
        if not normalised or len(normalised.split()) > _MAX_LABEL_WORDS:
            return None
        variants = _variants(normalised)
        for fuzzy in (False, True):
            for variant in variants:
                found = self._whole(variant, fuzzy)
                if found is not None:
                    return found
        return self._partial(normalised)

    def _whole(self, key: str, fuzzy: bool) -> LabelReading | None:
        entries = self._exact.get(key) or self._compact.get(key.replace(" ", ""))
        if entries:
            return _reading(entries[0], "exact")
        compact = key.replace(" ", "")
        # One character read as an OCR slip of a longer wording ("D" for "ci") is a guess: a
        # spreadsheet's column letter, an avatar's initial.
        entries = self._folded.get(_ocr_fold(compact)) if len(compact) >= 2 else None
        if entries:
            return _reading(entries[0], "ocr")
        if fuzzy and len(compact) >= 5:
            # One edit in a word of 5-9 letters, two in a longer one; the first letter must
            # stay (OCR rarely loses it, and it keeps the search small).
            limit = 1 if len(compact) < 10 else 2
            folded = _ocr_fold(compact)
            bigrams = _bigrams(folded)
            best: _Entry | None = None
            for n in range(len(compact) - limit, len(compact) + limit + 1):
                for candidate_folded, candidate, candidate_bigrams in self._by_length.get(
                    (n, folded[:1]), ()
                ):
                    # k edits (a swap is one) destroy at most 3k letter pairs: a cheap filter.
                    if len(candidate) < 5 or len(bigrams - candidate_bigrams) > 3 * limit:
                        continue
                    # In a short word one changed letter is another word ("passed" is not
                    # "passwd", "Plane" not "plate"): only a lost or added letter is a slip.
                    if min(len(compact), len(candidate)) < _SHORT_WORD and len(candidate) == len(
                        compact
                    ):
                        continue
                    if not _within(folded, candidate_folded, limit):
                        continue
                    entry = self._compact[candidate][0]
                    if best is None or entry.score > best.score:
                        best = entry
            if best is not None:
                return _reading(best, "fuzzy")
        return None

    def _partial(self, normalised: str) -> LabelReading | None:
        """The longest run of the label's words that is a (non-weak) wording."""
        words = normalised.split()
        total = len(normalised)
        for size in range(len(words) - 1, 0, -1):
            found: list[tuple[_Entry, str]] = []
            for start in range(len(words) - size + 1):
                key = " ".join(words[start : start + size])
                if len(key) < 4 or key in self._weak or key in self._whole_only:
                    continue
                entries = self._exact.get(key) or self._folded.get(_ocr_fold(key.replace(" ", "")))
                if entries and entries[0].concept.entity_type in ENTITY_TYPES:
                    found.append((entries[0], key))
            if found:
                entry, key = max(found, key=lambda item: (item[0].score, len(item[1])))
                coverage = len(key) / total
                reading = _reading(entry, "partial")
                return LabelReading(
                    reading.concept,
                    reading.entity_type,
                    round(reading.score * (0.7 + 0.3 * coverage), 4),
                    reading.wording,
                    "partial",
                )
        return None


def _reading(entry: _Entry, method: Method) -> LabelReading:
    return LabelReading(
        entry.concept.id,
        entry.concept.entity_type,
        round(entry.score * _METHOD_FACTOR[method], 4),
        entry.wording,
        method,
    )


@functools.lru_cache(maxsize=8192)
def _read_cached(lexicon: LabelLexicon, label: str) -> LabelReading | None:
    return lexicon._read(label)


def load_lexicon(data: Mapping[str, object]) -> LabelLexicon:
    """A lexicon from the parsed TOML of a labels file (see ``labels.toml``); raises
    ValueError for an entry without an id, with an unknown entity type or a missing language."""
    raw_concepts = data.get("concept")
    if not isinstance(raw_concepts, list) or not raw_concepts:
        raise ValueError("a label lexicon needs [[concept]] entries")
    concepts = []
    for raw in raw_concepts:
        if not isinstance(raw, dict):
            raise ValueError("a [[concept]] must be a table")
        concept_id, entity, score = raw.get("id"), raw.get("entity"), raw.get("score", 1.0)
        if not isinstance(concept_id, str) or not isinstance(entity, str):
            raise ValueError("every concept needs an id and an entity")
        if entity not in ENTITY_TYPES:
            raise ValueError(f"concept {concept_id} names unknown entity type {entity}")
        if not isinstance(score, int | float) or not 0 < score <= 1:
            raise ValueError(f"concept {concept_id} needs a score in (0, 1]")
        wordings: dict[str, tuple[str, ...]] = {}
        for language in (*LANGUAGES, "abbr"):
            words = raw.get(language)
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError(f"concept {concept_id} lacks a list of {language} wordings")
            wordings[language] = tuple(words)
        concepts.append(Concept(concept_id, entity, float(score), MappingProxyType(wordings)))
    weak = data.get("weak", {})
    weak_words: list[str] = []
    factor = 0.6
    if isinstance(weak, dict):
        listed = weak.get("wordings", [])
        weak_words = [w for w in listed if isinstance(w, str)] if isinstance(listed, list) else []
        raw_factor = weak.get("factor", factor)
        factor = float(raw_factor) if isinstance(raw_factor, int | float) else factor
    whole = data.get("whole_only", {})
    listed_whole = whole.get("wordings", []) if isinstance(whole, dict) else []
    whole_words = (
        [w for w in listed_whole if isinstance(w, str)] if isinstance(listed_whole, list) else []
    )
    return LabelLexicon(concepts, weak_words, factor, whole_words)


@functools.cache
def label_lexicon() -> LabelLexicon:
    """The packaged label lexicon, loaded once per process."""
    text = resources.files("redaction").joinpath("lexicon", LEXICON_FILE).read_text("utf-8")
    return load_lexicon(tomllib.loads(text))


def read_label(label: str) -> LabelReading | None:
    """What ``label`` says its value is (the packaged lexicon), or None."""
    return label_lexicon().read(label)


@dataclass(frozen=True, slots=True)
class ValueShape:
    """What a value of one entity type looks like when typed into a field labelled for it:
    at least ``min_letters`` letters and ``min_digits`` digits, at most ``max_digits`` digits
    and ``max_words`` words (None: no bound)."""

    min_letters: int = 0
    min_digits: int = 0
    max_digits: int | None = None
    max_words: int | None = None

    def fits(self, value: str) -> bool:
        letters = sum(c.isalpha() for c in value)
        digits = sum(c.isdigit() for c in value)
        words = len(value.split())
        return (
            letters >= self.min_letters
            and digits >= self.min_digits
            and (self.max_digits is None or digits <= self.max_digits)
            and (self.max_words is None or words <= self.max_words)
        )


@functools.cache
def value_shapes() -> Mapping[str, ValueShape]:
    """The packaged ``[value_shapes]`` of the label lexicon, by entity type."""
    text = resources.files("redaction").joinpath("lexicon", LEXICON_FILE).read_text("utf-8")
    raw = tomllib.loads(text).get("value_shapes", {})
    shapes: dict[str, ValueShape] = {}
    for entity_type, bounds in raw.items():
        if entity_type not in ENTITY_TYPES or not isinstance(bounds, dict):
            raise ValueError(f"value_shapes.{entity_type}: an entity type and its bounds")
        shapes[entity_type] = ValueShape(**{k: int(v) for k, v in bounds.items()})
    return MappingProxyType(shapes)


def value_fits(entity_type: str, value: str) -> bool:
    """Whether ``value``, typed into a field whose label says ``entity_type``, looks like one
    (a count typed under "Passengers" is no person, a word under "Phone" no number); a type
    without a shape takes any value."""
    shape = value_shapes().get(entity_type)
    return shape is None or shape.fits(value)


# ---- cues in running text ------------------------------------------------------------------

#: A letter and its accented forms (the first letter of each entry: the letter itself).
_ACCENTED: Final = {letters[0]: letters for letters in words("knowledge_labels", "accented")}


def _wording_pattern(wording: str) -> str:
    """A regex for a wording in raw text: case and accents free, any of space, hyphen,
    underscore or dot between its words, an optional apostrophe."""
    base = unicodedata.normalize("NFKD", wording)
    base = "".join(c for c in base if not unicodedata.combining(c)).lower()
    parts: list[str] = []
    for char in base:
        if char in " -_":
            parts.append(r"[ \t_.\-]?")
        elif char in "'`\u2018\u2019":
            parts.append("['\u2019]?")
        elif char == ".":
            parts.append(r"\.?")
        elif char in _ACCENTED:
            parts.append(f"[{_ACCENTED[char]}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


@functools.cache
def _cue_regex_cached(wordings: tuple[str, ...]) -> re.Pattern[str]:
    patterns = sorted({_wording_pattern(w) for w in wordings if w.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?P<label>" + "|".join(patterns) + r")(?![^\W_])", re.I)


def cue_regex(
    *, entity_types: Iterable[str] | None = None, concepts: Iterable[str] | None = None
) -> re.Pattern[str]:
    """A compiled regex (group ``label``) finding the wordings of the given concepts or entity
    types in running text, whole words only, case and accents free. Cached."""
    wordings = label_lexicon().wordings(entity_types=entity_types, concepts=concepts)
    return _cue_regex_cached(tuple(sorted(wordings)))


# ---- the label that governs a position in a text -------------------------------------------

Where = Literal["inline", "above", "column", "near"]
_CELL_SPLIT: Final = re.compile(r"\t+|[ \t]{2,}|[ \t]*\|[ \t]*")
_TRAILING_LINK: Final = re.compile(
    r"(?:[ \t]*(?:[:#=\-\u2013>]|\bis\b|\bwas\b|\bist\b|\best\b|\bes\b|\bè\b|\bé\b|\bn[°º]))*"
    r"[ \t]*$",
    re.I,
)
_ABOVE_LIMIT: Final = 40
_COLUMN_LOOKBACK: Final = 30


@dataclass(frozen=True, slots=True)
class GoverningLabel:
    """The label that says what the value at a position is: its ``reading``, ``where`` it
    stands (``inline``: "Label: value"; ``above``: a label on the line above; ``column``: a
    table's header cell; ``near``: a label word earlier on the same line) and its ``text``."""

    reading: LabelReading
    where: Where
    text: str


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _label_at_end(before: str, lexicon: LabelLexicon) -> tuple[LabelReading, str] | None:
    """A label that ends ``before`` (the text left of a value, link words stripped)."""
    stripped = _TRAILING_LINK.sub("", before)
    if stripped == before.rstrip() and before and not before[-1].isspace():
        return None  # the value is glued to a word: that word is no label of it
    words = stripped.split()
    for size in range(min(5, len(words)), 0, -1):
        candidate = " ".join(words[-size:])
        reading = lexicon.read(candidate)
        if reading is not None and reading.method != "partial":
            return reading, candidate
    return None


def governing_label(
    text: str, start: int, end: int, lexicon: LabelLexicon | None = None
) -> GoverningLabel | None:
    """The label that says what ``text[start:end]`` is, or None: "Label: value" on the same
    line, a label alone on the line above, the header of the value's column in a table (cells
    split by tabs, runs of spaces or ``|``), or, weakest, a label a few words earlier on the
    line."""
    lexicon = lexicon or label_lexicon()
    line_start, line_end = _line_bounds(text, start)
    before = text[line_start:start]
    inline = _label_at_end(before, lexicon)
    if inline is not None:
        return GoverningLabel(inline[0], "inline", inline[1])
    column = _column_header(text, start, end, line_start, line_end, lexicon)
    if column is not None:
        return column
    if not before.strip() and line_start > 0:
        above_start, _ = _line_bounds(text, line_start - 1)
        above = text[above_start : line_start - 1].strip()
        if above and len(above) <= _ABOVE_LIMIT:
            reading = lexicon.read(above.rstrip(":*# \t"))
            if reading is not None and reading.method != "partial":
                return GoverningLabel(reading, "above", above)
    words = before.split()[-8:]
    for size in (3, 2, 1):
        for index in range(len(words) - size, -1, -1):
            candidate = " ".join(words[index : index + size]).strip(",;()")
            reading = lexicon.read(candidate)
            if reading is not None and reading.method in ("exact", "ocr"):
                return GoverningLabel(reading, "near", candidate)
    return None


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a table line."""
    cells: list[tuple[int, int]] = []
    position = 0
    for separator in _CELL_SPLIT.finditer(line):
        if separator.start() > position:
            cells.append((position, separator.start()))
        position = separator.end()
    if position < len(line):
        cells.append((position, len(line)))
    return cells


def _column_header(
    text: str, start: int, end: int, line_start: int, line_end: int, lexicon: LabelLexicon
) -> GoverningLabel | None:
    line = text[line_start:line_end]
    cells = _cells(line)
    if len(cells) < 2:
        return None
    index = next(
        (
            i
            for i, (s, e) in enumerate(cells)
            if s <= start - line_start < e or s < end - line_start <= e
        ),
        None,
    )
    if index is None:
        return None
    position = line_start - 1
    for _ in range(_COLUMN_LOOKBACK):
        if position <= 0:
            break
        above_start, _ = _line_bounds(text, position)
        header = text[above_start:position]
        position = above_start - 1
        header_cells = _cells(header)
        if len(header_cells) != len(cells):
            continue
        cell_start, cell_end = header_cells[index]
        reading = lexicon.read(header[cell_start:cell_end])
        if reading is not None and reading.method != "partial":
            return GoverningLabel(reading, "column", header[cell_start:cell_end])
        # A header row is the first row whose cells are all labels or words; stop at it.
        if all(not any(ch.isdigit() for ch in header[s:e]) for s, e in header_cells):
            break
    return None
