"""Names by language: the heuristics that read English (the NER model's lexicon and verbs).

Each is a named step of the registry (a :class:`~redaction.rules.base.LanguageStep`; one that
only checks, grows or trims others' spans is a :class:`~redaction.rules.base.Refiner`), so a
policy disables it by name; the text redactor runs them around NER. Their cases are in
``tests/redaction/rules/test_names.py``:

- ``recasing`` (:class:`Recasing`, :func:`truecase`): a copy of lowercase typing with likely
  names capitalised, for NER and for the rules that need capitals;
- ``ner_name_shape`` (:class:`NameShapeRule`): an organisation or place NER found that is
  shaped like a person's name;
- ``unknown_word`` (:class:`UnknownWordRule`): a capitalised word English does not know;
- ``name_growth`` (:class:`NameGrowth`): a name found in part grows over unknown capitalised
  neighbours;
- ``lowercase_name_trim`` (:class:`LowercaseNameTrim`): a name a context rule found in
  lowercase text loses its trailing verbs and function words;
- ``name_list`` (:class:`NameList`, :func:`name_list`): every item of a list that holds a name;
- ``name_propagation`` (:class:`NamePropagation`, :func:`propagate`): other uses of a found
  name's words;
- ``chat_addressee`` (:class:`AddresseeRule`): the person a chat or mail verb is about,
  typed in any case;
- ``foreign_language`` (:class:`ForeignLanguage`): in a line in another language, the English
  guesses keep only known names and words capitalised inside a sentence;
- ``function_words`` (:class:`FunctionWords`, :func:`function_words_only`): a lowercase "name"
  of function words and chat abbreviations only is none;
- ``command_line`` (:class:`CommandLine`, :func:`command_line`): in a shell command, the English
  guesses keep only known names and capitalised words;
- ``name_form`` (:class:`NameForm`, :func:`plausible_name`): a name has the form of one.

The other checks the text redactor applies by a source's
:class:`~redaction.rules.base.Treatment` are declared by the sources, not named steps.

No gazetteer: a word is a likely name because English does not know it, or by its neighbours.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar, Final

from redaction.knowledge.gazetteer import gazetteer
from redaction.knowledge.labels import read_label
from redaction.lexicon import alternation, tagged, words
from redaction.models import Span
from redaction.rules.base import (
    EVERYWHERE,
    LanguageStep,
    Refiner,
    RefinerStage,
    Treatment,
    Where,
    register,
)
from redaction.rules.english import WORD, English, is_verb, known_word, stopwords

#: The name of every step here (each registered), in the order the text redactor runs them.
NAME_STEPS: Final = (
    "recasing",
    "ner_name_shape",
    "unknown_word",
    "chat_addressee",
    "name_form",
    "function_words",
    "foreign_language",
    "command_line",
    "name_growth",
    "lowercase_name_trim",
    "label_trim",
    "greeting_trim",
    "sentence_word_trim",
    "lone_guess",
    "cued_name_guesses",
    "name_list",
    "name_propagation",
)
#: Spans of these types found once are hunted elsewhere in the same text.
_PROPAGATED = frozenset({"PERSON"})
#: Words a name found in part may grow by on each side.
_NAME_GROWTH = 3
#: The source name of spans the re-capitalised NER pass finds.
RECASED = "spacy-recased"
#: How the text redactor treats them: a guess from language.
RECASED_TREATMENT: Final = Treatment(language_guess=True, english_only=True)
#: Where the passes for typed text run (the screen policy turns them off, as ``recased_pass``).
_NOT_ON_SCREENS: Final[frozenset[Where]] = EVERYWHERE - {"screen"}
#: Where the unknown-word and addressee rules run: a title is a list of app, page and file
#: names, where unknown words are the rule.
_TYPED_TEXT: Final[frozenset[Where]] = frozenset({"typing", "text"})


@register
class Recasing(LanguageStep):
    """``recasing``: lowercase typing re-capitalised where words look like names
    (:func:`truecase`), so that NER and the rules that need capitals read it a second time.
    Its spans are NER's on that copy (source :data:`RECASED`)."""

    name: ClassVar[str] = "recasing"
    entity_types: ClassVar[frozenset[str]] = frozenset(
        {"PERSON", "LOCATION", "ORGANIZATION", "NRP"}
    )
    applies_to: ClassVar[frozenset[Where]] = _NOT_ON_SCREENS
    scored: ClassVar[bool] = False

    def __init__(self, english: English) -> None:
        self.english = english

    def recase(self, text: str) -> tuple[str, bytearray]:
        """The re-capitalised copy of ``text`` and the mask of what it capitalised."""
        return truecase(text, self.english.lexicon, self.english.verbs)


@register
class NameShapeRule(LanguageStep):
    """NER often calls a foreign name an organisation or a place. Such a span becomes a PERSON
    candidate when it is shaped like a name: 1-4 capitalised words or initials, no
    organisation or place word, no acronym, at least one word the English lexicon does not
    know, and not one word made of two English words (a product or page title)."""

    name: ClassVar[str] = "ner_name_shape"
    treatment: ClassVar[Treatment] = Treatment(language_guess=True, english_only=True)

    def __init__(self, english: English) -> None:
        self.english = english

    def find(self, text: str, spans: Iterable[Span]) -> list[Span]:
        """PERSON candidates from ``spans`` (NER's, over ``text``)."""
        lexicon = self.english.lexicon
        found = []
        for span in spans:
            if span.entity_type not in ("ORGANIZATION", "LOCATION", "NRP"):
                continue
            phrase = text[span.start : span.end]
            if name_shaped(phrase, lexicon) and not _compound_word(phrase, lexicon):
                found.append(Span(span.start, span.end, "PERSON", self.name, 0.55))
        return found


@register
class UnknownWordRule(LanguageStep):
    """Philter's rule: a capitalised word inside a sentence that is not an English word is
    probably a name. At a sentence start every word is capitalised, so there the word needs
    more: a name word after it, a name joined to it by "and" or a comma, or a personal pronoun
    after it.

    Not after a determiner or a software verb, not before a number, never inside code or
    markup, never in text mostly in capitals. Low score (0.5): it also takes unknown brands
    and places, so its guesses are not spread to other uses of the word. Part of the passes
    for typed text (``recased_pass``), which the screen policy turns off.

    With ``recapitalised`` (the mask of a :func:`truecase` copy), only words re-capitalised
    there count, and everywhere as at a sentence start: in lowercase typing every unknown
    word (a typo, a command) would otherwise be a name."""

    name: ClassVar[str] = "unknown_word"
    applies_to: ClassVar[frozenset[Where]] = _TYPED_TEXT
    treatment: ClassVar[Treatment] = Treatment(spreads=False, english_only=True)

    def __init__(self, english: English) -> None:
        self.english = english

    def find(self, text: str, recapitalised: bytearray | None = None) -> list[Span]:
        if _mostly_upper(text):
            return []
        lexicon = self.english.lexicon
        stop = stopwords()
        found: list[Span] = []
        for match in _CAPITALISED.finditer(text):
            word = match.group()
            lower = word.lower()
            if recapitalised is not None and not recapitalised[match.start()]:
                continue
            if (
                lower in stop
                or lower in _NOT_NAME_WORDS
                or any(known_word(part, lexicon) for part in lower.split("-"))
                or _two_words(lower, lexicon)
                or _in_code(text, match)
                or _NUMBER_AFTER.match(text, match.end())
            ):
                continue
            before = text[max(0, match.start() - 24) : match.start()]
            previous = _PREVIOUS_WORD.search(before)
            if previous is not None and previous.group(1).lower() in _NOT_BEFORE_A_NAME:
                continue  # a thing after a determiner, software after a verb for software
            start, end = match.start(), _name_run_end(text, match.end())
            if re.match(r"[ \t]*[=(<>{\[]", text[end : end + 4]):
                continue  # markup or code: a tag, a call, an assignment
            if recapitalised is not None or _SENTENCE_START.search(before):
                rest = text[match.end() : match.end() + 160]
                # In a re-capitalised copy the words next to an unknown one were capitalised
                # for being next to it: they count only when English does not know them either.
                run = WORD.findall(text[match.end() : end])
                evidence = (
                    (
                        end > match.end()
                        and (
                            recapitalised is None
                            or any(not known_word(w.lower(), lexicon) for w in run)
                        )
                    )
                    or _JOINED_NAME.match(rest) is not None
                    or _PERSONAL_PRONOUN.search(rest) is not None
                )
                if not evidence:
                    continue
            elif (
                previous is not None
                and _capitalised_name_word(previous.group(1))
                and not is_verb(previous.group(1).lower(), self.english.verbs)
            ):
                # A capitalised word right before it is a first name (at a sentence start this
                # also takes a capitalised adverb in).
                start -= len(before) - previous.start(1)
            found.append(Span(start, end, "PERSON", self.name, 0.5))
        return found


@register
class AddresseeRule(LanguageStep):
    """The person a chat or mail verb is about: the word right after such a verb (or after
    the verb and "with"/"to"), in any case, is a name when it is a given name of the gazetteer
    (even one spelt as an English verb: "bob") or a word English does not know (a function
    word, another verb or a word a name cannot be are never taken); a surname may follow it
    on the same terms (in a line of another language, a lowercase word English lacks only when
    the gazetteer knows it as a surname). Verbs and prepositions of several
    languages (``people.toml``: ``addressee_verbs``, ``addressee_prepositions``)."""

    name: ClassVar[str] = "chat_addressee"
    applies_to: ClassVar[frozenset[Where]] = _TYPED_TEXT
    treatment: ClassVar[Treatment] = Treatment(whole_name=True)

    def __init__(self, english: English) -> None:
        self.english = english

    def find(self, text: str) -> list[Span]:
        found: list[Span] = []
        for match in _ADDRESSEE.finditer(text):
            first = match.group("first")
            score = self._name_score(first, given=True)
            if score is None or _in_code(text, _word_at(text, match.start("first"))):
                continue
            end = match.end("first")
            second = match.group("second")
            if second is not None:
                second_score = self._name_score(second, given=False)
                # A word English lacks, after the name in a line of another language, is a
                # word of that language ("net met aisling gebeld"), not a surname.
                if second_score is not None and (
                    second_score >= 0.65 or second[:1].isupper() or not self._foreign(text, match)
                ):
                    end = match.end("second")
            found.append(Span(match.start("first"), end, "PERSON", self.name, score))
        return found

    def _foreign(self, text: str, match: re.Match[str]) -> bool:
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        return _language_of(line, self.english) is not None

    def _name_score(self, word: str, *, given: bool) -> float | None:
        lower = word.lower()
        if len(lower) < 2 or lower in stopwords() or lower in _NOT_ADDRESSEES:
            return None
        names = gazetteer()
        # A known name right after the verb is the person, though English has a verb of that
        # spelling too ("call bob smith", "email dora cross").
        if names.is_given_name(lower) if given else names.is_surname(lower):
            return 0.65
        if is_verb(lower, self.english.verbs):
            return None
        if len(lower) >= 3 and not known_word(lower, self.english.lexicon):
            return 0.55
        return None


_ADDRESSEE_WORD = r"[^\W\d_][^\W\d_'\u2019\-]*"
_ADDRESSEE = re.compile(
    r"(?<![\w'\u2019\-])(?:"
    + alternation(words("people", "addressee_verbs"))
    + r")[ \t]+(?:(?:"
    + alternation(words("people", "addressee_prepositions"))
    + rf")[ \t]+)?(?P<first>{_ADDRESSEE_WORD})(?![\w'\u2019\-@.:/])"
    + rf"(?:[ \t]+(?P<second>{_ADDRESSEE_WORD})(?![\w'\u2019\-@.:/]))?",
    re.I,
)
#: Verbs of a request about a person (in lists, they are not a name).
_REQUEST_VERBS = frozenset(words("people", "addressee_verbs")) | frozenset(
    words("people", "command_verbs")
)
#: Words after such a verb that are never a person.
_NOT_ADDRESSEES = frozenset(tagged("names", "not_a_name", "cue"))


def _word_at(text: str, start: int) -> re.Match[str]:
    match = WORD.match(text, start)
    assert match is not None
    return match


@register
class ForeignLanguage(Refiner):
    """A line in another language than English: more of its words are function words of one
    other language (spaCy's stop words, ``people.toml``: ``other_languages``) than are English
    function words; words that are given names or surnames do not count either way. There the
    English guesses about names mistake ordinary words for names, so a PERSON span of a source
    that reads English (``Treatment.english_only``) keeps only its words, not function words
    of that language, that are known names or capitalised inside a sentence (from the first
    such word to the last; in a language that capitalises every noun, ``people.toml``:
    ``nouns_capitalised``, only known names), and is dropped when it has none."""

    name: ClassVar[str] = "foreign_language"
    needs_english: ClassVar[bool] = False
    order: ClassVar[int] = 40

    def __init__(self, english: English | None = None) -> None:
        self.english = english

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        if span.entity_type != "PERSON" or not treatment.english_only:
            return span
        return self.trim(text, span)

    def trim(self, text: str, span: Span) -> Span | None:
        """``span`` (of an English-only source) as it stays, or None."""
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        function_words = _language_of(line, self.english)
        if function_words is None:
            return span
        names = gazetteer()
        # In a language that capitalises its nouns a capital says nothing of a name.
        capitals_count = not any(function_words is f for f in _capitalising_function_words())
        kept: list[re.Match[str]] = []
        for match in WORD.finditer(text, span.start, span.end):
            word = match.group()
            lower = word.lower()
            if lower in function_words:
                continue
            before = text[line_start : match.start()]
            # A surname alone is weak (many are words of their language); after a kept word
            # it completes the name.
            adjacent = bool(kept) and not text[kept[-1].end() : match.start()].strip()
            if (
                names.is_given_name(lower)
                or (adjacent and names.is_surname(lower))
                or (
                    capitals_count
                    and word[:1].isupper()
                    and not _SENTENCE_START.search(before)
                )
            ):
                kept.append(match)
        if not kept:
            return None
        start, end = kept[0].start(), kept[-1].end()
        if (start, end) == (span.start, span.end):
            return span
        return Span(start, end, span.entity_type, span.recognizer, span.score)


def function_words_only(phrase: str) -> bool:
    """``function_words``: ``phrase`` is lowercase and all its words are function words or chat
    abbreviations (:func:`redaction.rules.english.stopwords`)."""
    found = WORD.findall(phrase)
    stop = stopwords()
    return bool(found) and phrase.islower() and all(w in stop for w in found)


@register
class FunctionWords(Refiner):
    """A PERSON (not taken verbatim) of function words only is dropped
    (:func:`function_words_only`)."""

    name: ClassVar[str] = "function_words"
    needs_english: ClassVar[bool] = False
    stage: ClassVar[RefinerStage] = "candidate"
    order: ClassVar[int] = 20

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        if (
            span.entity_type == "PERSON"
            and not treatment.verbatim
            and function_words_only(text[span.start : span.end])
        ):
            return None
        return span


#: Signs of a shell command line: an option, a pipe or list operator, a prompt, a relative or
#: home path at its start, a variable assignment.
_COMMAND_SIGNS = re.compile(
    r"(?:^|[ \t])--?[A-Za-z][\w\-]*|&&|\|\||(?<![|])\|(?![|])|^[ \t]*[$#>][ \t]"
    r"|^[ \t]*(?:\./|~/|/)\S|^[ \t]*[A-Za-z_]\w*=\S"
)


def command_line(text: str, span: Span) -> bool:
    """``command_line``: ``span`` lies in a line that reads as a shell command and is not a
    known name in lowercase nor capitalised: an English guess there took a program, a
    subcommand or an argument for a name."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if _COMMAND_SIGNS.search(line) is None:
        return False
    value = text[span.start : span.end]
    if any(c.isupper() for c in value):
        return False
    names = gazetteer()
    return not any(names.is_given_name(w) for w in WORD.findall(value))


@register
class CommandLine(Refiner):
    """A PERSON of a source that reads English (``Treatment.english_only``) is dropped in a
    shell command line (:func:`command_line`)."""

    name: ClassVar[str] = "command_line"
    needs_english: ClassVar[bool] = False
    order: ClassVar[int] = 30

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        if span.entity_type == "PERSON" and treatment.english_only and command_line(text, span):
            return None
        return span


#: Name particles of every kind ("names.toml": particle), never evidence of a language.
_ANY_PARTICLE = frozenset(
    tagged("names", "particle", "shape")
    + tagged("names", "particle", "typed")
    + tagged("names", "particle", "cue")
)


@functools.cache
def _other_function_words() -> tuple[frozenset[str], ...]:
    lists = []
    for language in words("people", "other_languages"):
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
        lists.append(frozenset(module.STOP_WORDS))
    return tuple(lists)


@functools.cache
def _capitalising_function_words() -> tuple[frozenset[str], ...]:
    """The function words of the languages that capitalise every noun (``people.toml``:
    ``nouns_capitalised``), as :func:`_other_function_words` holds them."""
    languages = list(words("people", "other_languages"))
    lists = _other_function_words()
    return tuple(lists[languages.index(code)] for code in words("people", "nouns_capitalised"))


@functools.cache
def function_words_of_any_language() -> frozenset[str]:
    """The function words (spaCy's stop words) of every other language the name steps read
    (``people.toml``: ``other_languages``)."""
    return frozenset().union(*_other_function_words())


def _language_of(line: str, english: English | None = None) -> frozenset[str] | None:
    """The function words of the line's language when it is not English, else None: the
    language whose function words outnumber the English ones most, by two of them, or by one
    when the line also holds a word that neither English nor that language's function words
    know. Only plain words of two letters or more count (not parts of addresses, paths or
    code); a word of both lists counts for neither; a given name or a name particle for none
    (they are parts of names, of any origin, in English text too)."""
    stop = stopwords()
    names = gazetteer()
    raw = [t.strip(_PUNCTUATION).lower() for t in line.split()]
    every_function_word = function_words_of_any_language()
    # A particle is part of a name only before one (or before another particle): last on the
    # line, or before a function word ("bin gleich da"), it is a word of its language.
    particles = {
        i
        for i, w in enumerate(raw)
        if w in _ANY_PARTICLE
        and i + 1 < len(raw)
        and (
            raw[i + 1] in _ANY_PARTICLE  # "de la Cruz", "van der Berg"
            or (raw[i + 1] not in every_function_word and raw[i + 1] not in stop)
        )
    }
    tokens = [
        w
        for i, w in enumerate(raw)
        if len(w) >= 2 and w.isalpha() and i not in particles and not names.is_given_name(w)
    ]
    best: frozenset[str] | None = None
    best_theirs = best_margin = 0
    for function_words in _other_function_words():
        theirs = sum(1 for w in tokens if w in function_words and w not in stop)
        ours = sum(1 for w in tokens if w in stop and w not in function_words)
        if theirs - ours > best_margin:
            best, best_theirs, best_margin = function_words, theirs, theirs - ours
    if best is None or best_theirs >= 2:
        return best
    unknown = any(
        w not in best and w not in stop and english is not None and not english.known(w)
        for w in tokens
    )
    return best if unknown else None


_PUNCTUATION = ".,;:!?\"'()[]{}\u201c\u201d\u2018\u2019\u00ab\u00bb"


@register
class NameGrowth(Refiner):
    """NER often keeps only part of a foreign name: a name grows over the capitalised words
    English does not know right next to it. A name grows by a few words at most: in a long
    list of unknown words each span growing over the whole list made analysis quadratic."""

    name: ClassVar[str] = "name_growth"
    order: ClassVar[int] = 10

    def __init__(self, english: English) -> None:
        self.english = english

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span:
        """``span`` grown (a PERSON not taken verbatim), else ``span`` itself."""
        if span.entity_type != "PERSON" or treatment.verbatim:
            return span
        start, end = span.start, span.end
        for _ in range(_NAME_GROWTH):
            # A bounded window: rescanning the whole prefix made long name lists cubic.
            left = _NEIGHBOUR_LEFT.search(text, max(0, start - 64), start)
            if left is None or not self._unknown_capitalised(left.group(1)):
                break
            start = left.start(1)
        for _ in range(_NAME_GROWTH):
            right = _NEIGHBOUR_RIGHT.match(text, end)
            if right is None or not self._unknown_capitalised(right.group(1)):
                break
            end = right.end(1)
        if (start, end) == (span.start, span.end):
            return span
        return Span(start, end, span.entity_type, span.recognizer, span.score)

    def _unknown_capitalised(self, word: str) -> bool:
        return (
            word[:1].isupper()
            and not word.isupper()
            and word.lower() not in _NOT_NAME_WORDS
            and not known_word(word.lower(), self.english.lexicon)
        )


@register
class LowercaseNameTrim(Refiner):
    """In lowercase text a context rule cannot see where a name ends: a name whose end comes
    from its context loses trailing words that are verbs or function words."""

    name: ClassVar[str] = "lowercase_name_trim"
    order: ClassVar[int] = 20

    def __init__(self, english: English) -> None:
        self.english = english

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        if span.entity_type != "PERSON" or not treatment.end_from_context:
            return span
        words = list(WORD.finditer(text, span.start, span.end))
        stop = stopwords()
        end = span.end
        while len(words) > 1:
            last = words[-1].group()
            if not last.islower() or (not is_verb(last, self.english.verbs) and last not in stop):
                break
            words.pop()
            end = words[-1].end()
        if end == span.end:
            return span
        return Span(span.start, end, span.entity_type, span.recognizer, span.score)


# A capitalised word of 3+ letters with no capital inside (any script; a hyphenated pair).
_CAPITALISED = re.compile(
    r"(?<![\w'\u2019\-@#$/\\.<])[^\W\d_a-z][^\W\d_A-Z]{2,}(?:-[^\W\d_a-z][^\W\d_A-Z]+)?"
    r"(?![\w'\u2019@/\\])"
)
_NUMBER_AFTER = re.compile(r"[ \t]*[\d#]")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'\u2019\-]*)[ \t]+\Z")
# Nothing but opening quotes and brackets between the word and a sentence or line start.
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\n|*\u2022\u2026])[ \t\"'\u201c\u2018(\[]*\Z")
_JOINED_NAME = re.compile(
    r"(?:[ \t]+(?:and|or|&)[ \t]+|[ \t]*,[ \t]*)(?-i:[^\W\d_a-z])[^\W\d_A-Z]+(?![\w'\u2019])"
)
_PERSONAL_PRONOUN = re.compile(
    (r"(?<![\w'\u2019])(?:" + alternation(words("people", "personal_pronoun")) + r")\b"), re.I
)
_DETERMINER_WORDS = frozenset(words("people", "determiner_words"))
#: Verbs whose object is software, not a person.
_SOFTWARE_VERBS = frozenset(words("people", "software_verbs"))
#: A word right before an unknown capitalised word that makes it a thing, not a name.
_NOT_BEFORE_A_NAME = _DETERMINER_WORDS | _SOFTWARE_VERBS
_NAME_PARTICLE = re.compile(
    r"[ \t]+(?:(?:"
    + alternation(tagged("names", "particle", "typed"))
    + (
        r")[ \t]+)?(?P<word>(?-i:[^\W\d_a-z])(?:[^\W\d_A-Z][\w'\u2019\-]*|\.?))"
        r"(?![\w'\u2019])"
    )
)


def _capitalised_name_word(word: str) -> bool:
    return (
        word[:1].isupper()
        and word[1:].islower()
        and word.lower() not in stopwords()
        and word.lower() not in _NOT_NAME_WORDS
    )


def _name_run_end(text: str, end: int, limit: int = 3) -> int:
    """The end of the name that starts before ``end``: up to ``limit`` more capitalised words
    or initials, each perhaps after a particle (``names.toml``: typed particles)."""
    for _ in range(limit):
        match = _NAME_PARTICLE.match(text, end)
        if match is None:
            break
        word = match.group("word")
        if word == "I" or (len(word.rstrip(".")) > 1 and not _capitalised_name_word(word)):
            break  # a bare "I" is the pronoun, not an initial
        end = match.end()
    return end


def _two_words(word: str, lexicon: frozenset[str]) -> bool:
    """``word`` (lowercase) is two English words of 3+ letters written as one: a product or
    page name. Stricter than ``_compound_word``: the first part
    must be a word as it stands, so a surname whose head is a short word is no compound."""
    return any(
        word[:cut] in lexicon
        and (word[cut:] in lexicon or (len(word) - cut >= 5 and known_word(word[cut:], lexicon)))
        for cut in range(3, len(word) - 2)
    )


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    return bool(letters) and sum(c.isupper() for c in letters) > len(letters) // 2


#: A word right before / after a span, one space or tab apart.
_NEIGHBOUR_LEFT = re.compile(r"(?<![\w'\u2019\-])([^\W\d_][\w'\u2019\-]*)[ \t]\Z")
_NEIGHBOUR_RIGHT = re.compile(r"[ \t]([^\W\d_][\w'\u2019\-]*)(?![\w'\u2019\-])")

_TITLES = frozenset(words("people", "titles"))


def truecase(
    text: str, lexicon: frozenset[str], verbs: frozenset[str] = frozenset()
) -> tuple[str, bytearray]:
    """A copy of ``text`` (same length) with likely names capitalised, for NER on text typed in
    lowercase, and a mask of the characters of the words it capitalised.

    A lowercase word outside the English lexicon (``NerEngine.lexicon``) is likely a name; so
    is a lexicon word next to one (a known first name before an unknown surname) or after a
    title. Other
    words keep their case, so sentences still parse as sentences.
    """
    stop = stopwords()
    words = list(WORD.finditer(text))
    capitalise = [False] * len(words)
    for i, match in enumerate(words):
        word = match.group()
        if (
            word.islower()
            and len(word) >= 2
            and word not in stop
            and (not lexicon or not known_word(word, lexicon))
            and not _in_code(text, match)
        ):
            capitalise[i] = True
    # A line of two or three plain words and nothing else (a name typed into a form field)
    # is capitalised whole, unless a word is a function word or a verb.
    for line in re.finditer(r"^[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+\.?){1,2}[ \t]*$", text, re.M):
        inside = [i for i, w in enumerate(words) if line.start() <= w.start() < line.end()]
        if all(
            words[i].group().islower()
            and words[i].group() not in stop
            and not is_verb(words[i].group(), verbs)
            and len(words[i].group()) >= 2
            for i in inside
        ):
            for i in inside:
                capitalise[i] = True
    joiners = {"and", "or", "&"}
    for _ in range(2):  # two sweeps: a name's neighbours, then theirs
        for i, match in enumerate(words):
            word = match.group()
            if capitalise[i] or not word.islower():
                continue
            before = words[i - 1] if i > 0 else None
            after = words[i + 1] if i + 1 < len(words) else None
            left_name = before is not None and capitalise[i - 1] and _adjacent(text, before, match)
            right_name = after is not None and capitalise[i + 1] and _adjacent(text, match, after)
            if len(word) == 1:
                # An initial between two names; or after a known word that then is a first
                # name. It may carry a full stop.
                right_name = (
                    after is not None
                    and capitalise[i + 1]
                    and _adjacent(text, match, after, allow_dot=True)
                )
                first = (
                    before is not None
                    and _adjacent(text, before, match)
                    and (
                        before.group().islower()
                        and before.group() not in stop
                        and not is_verb(before.group(), verbs)
                        and len(before.group()) >= 2
                    )
                )
                capitalise[i] = right_name and (left_name or first)
                if capitalise[i] and first and before is not None:
                    capitalise[i - 1] = True
                # A name, an initial, then a surname English knows too.
                if (
                    left_name
                    and word not in ("a", "i")
                    and after is not None
                    and _adjacent(text, match, after, allow_dot=True)
                    and after.group().islower()
                    and len(after.group()) >= 2
                    and after.group() not in stop
                    and not is_verb(after.group(), verbs)
                ):
                    capitalise[i] = capitalise[i + 1] = True
                continue
            if word in stop and word not in joiners:
                continue
            if word in joiners:
                continue
            after_title = (
                before is not None
                and before.group().lower() in _TITLES
                and _adjacent(text, before, match, allow_dot=True)
            )
            # A known word right before a name is a first name, unless it is a verb (a
            # request about the person); right after a name it is a surname.
            first_name = right_name and not is_verb(word, verbs)
            surname = left_name and not is_verb(word, verbs)
            coordinated = _coordinated_with_name(text, words, capitalise, i)
            if after_title or first_name or surname or coordinated:
                capitalise[i] = True
    out = list(text)
    changed = bytearray(len(text))
    for flag, match in zip(capitalise, words, strict=True):
        if not flag:
            continue
        head = match.group()[0].upper()
        if len(head) == 1:
            out[match.start()] = head
            for k in range(match.start(), match.end()):
                changed[k] = 1
    return "".join(out), changed


def _in_code(text: str, match: re.Match[str]) -> bool:
    """Part of a file name, domain, path or identifier (a dot, slash, underscore, at sign,
    colon, backslash, dash, equals or dollar sign right before it, or such a joint and a word
    character, or a digit, right after it)."""
    before = text[match.start() - 1 : match.start()]
    after = text[match.end() : match.end() + 2]
    return before in (".", "/", "_", "@", ":", "\\", "-", "=", "$") or bool(
        re.match(r"[./_@=:\\(]\w|\d", after)
    )


def _coordinated_with_name(
    text: str, words: Sequence[re.Match[str]], capitalise: list[bool], i: int
) -> bool:
    """A word joined by "and"/"or" to a likely name."""
    for j, k in ((i - 2, i - 1), (i + 2, i + 1)):
        if 0 <= j < len(words) and capitalise[j] and words[k].group() in ("and", "or"):
            return True
    return False


def _adjacent(
    text: str, left: re.Match[str], right: re.Match[str], allow_dot: bool = False
) -> bool:
    gap = text[left.end() : right.start()]
    return gap in (" ", "\t") or (allow_dot and gap in (". ", "."))



def lowercase_english_in_cased_line(text: str, span: Span, english: English) -> bool:
    """A lowercase span of English words in a line with capitals: a command or prose, not a
    name (a line of its own all in lowercase, such as a form field, may be one)."""
    value = text[span.start : span.end]
    return (
        value.islower()
        and not _has_no_capitals(_line_around(text, span))
        and all(known_word(w, english.lexicon) for w in WORD.findall(value))
    )


def all_english(phrase: str, english: English) -> bool:
    """Every word of ``phrase`` is English (lowercased): a cue alone does not make it a name."""
    return all(known_word(w.lower(), english.lexicon) for w in WORD.findall(phrase))


def verb_first(phrase: str, english: English) -> bool:
    """``phrase`` is lowercase and starts with a verb: what a cue precedes is an action."""
    return phrase.islower() and is_verb(phrase.split()[0], english.verbs)


def _line_around(text: str, span: Span) -> str:
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return text[start : end if end >= 0 else len(text)]


def _has_no_capitals(text: str) -> bool:
    return not any(c.isupper() for c in text)


def propagate(text: str, spans: Sequence[Span], spreads: Callable[[Span], bool]) -> list[Span]:
    """``name_propagation``: other occurrences of the words of names already found,
    case-insensitively, as whole words, from the spans whose source ``spreads`` (a guess that
    is often a product is not spread to other uses of the word)."""
    words: dict[str, Span] = {}
    stop = stopwords()
    for span in spans:
        if span.entity_type not in _PROPAGATED or not spreads(span):
            continue
        for word in WORD.findall(text[span.start : span.end]):
            key = word.lower()
            if len(key) >= 3 and key not in stop:
                words.setdefault(key, span)
    if not words:
        return []
    pattern = re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")(?![^\W_])",
        re.I,
    )
    found = []
    for match in pattern.finditer(text):
        origin = words[match.group().lower()]
        found.append(
            Span(
                match.start(),
                match.end(),
                origin.entity_type,
                origin.recognizer,
                origin.score * 0.95,
            )
        )
    return found


@register
class NamePropagation(LanguageStep):
    """``name_propagation``: other uses of the words of the names kept (:func:`propagate`);
    its spans carry the name and score of the span they came from, so it is not scored."""

    name: ClassVar[str] = "name_propagation"
    needs_english: ClassVar[bool] = False
    scored: ClassVar[bool] = False

    def find(
        self, text: str, spans: Sequence[Span], spreads: Callable[[Span], bool]
    ) -> list[Span]:
        return propagate(text, spans, spreads)


#: Words that make a capitalised phrase an organisation or a place rather than a name.
_NOT_NAME_WORDS = frozenset(tagged("names", "not_a_name", "name_phrase"))


def plausible_name(phrase: str) -> bool:
    """NER sometimes calls code a person (a camelCase identifier, a digest after its
    algorithm): a name has no digits, no code punctuation inside its words, and is not
    camelCase. It starts with a letter and is not a short all-capitals token (a unit, an
    acronym)."""
    bare = phrase.strip()
    if not bare[:1].isalpha() or (len(bare) <= 3 and bare.isupper() and " " not in bare):
        return False
    for token in phrase.split():
        core = token.strip(".,;:!?\"'()[]")
        if any(c.isdigit() for c in core) or re.search(r"[_@/\\=<>{}|]|\(\)|:\S", core):
            return False
        if len(re.findall(r"[a-z][A-Z]", core)) >= 2:
            return False
    return True


@register
class NameForm(Refiner):
    """A PERSON (not taken verbatim) that does not have the form of a name is dropped
    (:func:`plausible_name`)."""

    name: ClassVar[str] = "name_form"
    needs_english: ClassVar[bool] = False
    stage: ClassVar[RefinerStage] = "candidate"
    order: ClassVar[int] = 10

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        if (
            span.entity_type == "PERSON"
            and not treatment.verbatim
            and not plausible_name(text[span.start : span.end])
        ):
            return None
        return span


def _compound_word(phrase: str, lexicon: frozenset[str]) -> bool:
    """One word made of two English words: a product or a page
    title rather than a name."""
    word = phrase.strip().lower()
    if " " in word or not word.isalpha():
        return False
    return any(
        known_word(word[:cut], lexicon) and known_word(word[cut:], lexicon)
        for cut in range(3, len(word) - 2)
    )


#: Name particles: lowercase words a name may hold.
_SHAPE_PARTICLES = frozenset(tagged("names", "particle", "shape"))


def name_shaped(phrase: str, lexicon: frozenset[str]) -> bool:
    """Could ``phrase`` be a person's name by its shape alone (see :class:`NameShapeRule`)?"""
    tokens = [t.strip('.,;:!?"()') for t in phrase.split()]
    tokens = [re.sub(r"['\u2019]s$", "", t) for t in tokens if t]
    if not 1 <= len(tokens) <= 4 or any(any(c.isdigit() for c in t) for t in tokens):
        return False
    unknown = False
    for token in tokens:
        lower = token.lower()
        if lower in _NOT_NAME_WORDS:
            return False
        if lower in _SHAPE_PARTICLES:
            continue
        if not token[:1].isupper():
            return False
        if len(token) > 1 and token.isupper() and not token.endswith("."):
            return False  # an acronym
        if len(token.rstrip(".")) > 1 and not known_word(lower, lexicon):
            unknown = True
    return unknown


_ITEM = r"[^\W\d_][\w'\u2019\-]*(?:[ \t]+[^\W\d_][\w'\u2019\-]*){0,2}"
_LIST_WORDS = alternation(words("people", "list"))
_LIST = re.compile(
    rf"(?<![\w'\u2019\-])(?:{_ITEM}[ \t]*,[ \t]*)*{_ITEM},?[ \t]+(?:and|or|&|{_LIST_WORDS})"
    rf"[ \t]+{_ITEM}"
)


_COUNTED = re.compile(r"(?<![\w.])(\d{1,2})(?:[ \t]+[^\W\d_][\w'\-]*){0,2}[ \t]*:[ \t]*\Z")
_LIST_SEPARATOR = re.compile(
    r"[ \t]*(?:,|&)[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:"
    + alternation(words("people", "list_separator"))
    + r")[ \t]+"
)


def name_list(text: str, spans: Sequence[Span]) -> list[Span]:
    """``name_list``: names listed with a name (in a list of up to three-word items joined by
    commas and "and"/"or", one item a name): every item of such a list is a name too. In
    lowercase text at least half the items must be names, unless the list was announced with
    its own length."""
    persons = [s for s in spans if s.entity_type == "PERSON"]
    if not persons:
        return []
    lowercase = not any(c.isupper() for c in text)
    stop = stopwords()
    found: list[Span] = []
    for match in _LIST.finditer(text):
        items: list[tuple[int, int]] = []
        group = match.group()
        cuts = [(m.start(), m.end()) for m in _LIST_SEPARATOR.finditer(group)]
        bounds = [0] + [c for cut in cuts for c in cut] + [len(group)]
        parts = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
        for number, (part_start, part_end) in enumerate(parts):
            chunk = group[part_start:part_end]
            words = list(WORD.finditer(chunk))
            # Keep the run of name-like words at the end of the first item and at the start of
            # the others (a list is often preceded and followed by prose).
            # A verb of a request about a person starts the list's sentence, not a name.
            ok = [
                (w.group()[:1].isupper() or lowercase)
                and w.group().lower() not in stop
                and w.group().lower() not in _REQUEST_VERBS
                for w in words
            ]
            keep: list[re.Match[str]] = []
            if number == 0:
                for w, good in zip(reversed(words), reversed(ok), strict=True):
                    if not good:
                        break
                    keep.insert(0, w)
            else:
                for w, good in zip(words, ok, strict=True):
                    if not good:
                        break
                    keep.append(w)
            if not keep or len(keep) > 3:
                items = []
                break
            base = match.start() + part_start
            items.append((base + keep[0].start(), base + keep[-1].end()))
        if len(items) < 2:
            continue
        named = sum(1 for a, b in items if any(p.start < b and a < p.end for p in persons))
        # A list announced with its own length (a number and a noun, then a colon) is
        # one kind of thing, so one name in it is enough even in lowercase text.
        counted = _COUNTED.search(text, max(0, match.start() - 40), match.start())
        announced = counted is not None and int(counted.group(1)) == len(items)
        if named == 0 or (lowercase and named * 2 < len(items) and not announced):
            continue
        found.extend(Span(a, b, "PERSON", "name_list", 0.6) for a, b in items)
    return found


@register
class NameList(LanguageStep):
    """``name_list``: every item of a list of names that holds a name kept (:func:`name_list`).
    Its spans are added after the policy decided on the others (they are not scored)."""

    name: ClassVar[str] = "name_list"
    needs_english: ClassVar[bool] = False
    scored: ClassVar[bool] = False

    def find(self, text: str, spans: Sequence[Span]) -> list[Span]:
        return name_list(text, spans)


#: A greeting in any language at a PERSON span's start, then the name (at least a letter).
_GREETING = re.compile(
    r"(?i)(" + alternation(words("people", "greeting_any_language")) + r")[ \t]*,?[ \t]+"
    r"(?=[^\W\d_])"
)


def after_greeting(text: str, start: int, end: int) -> int:
    """Where a PERSON span from ``start`` to ``end`` starts once a greeting at its start is
    left out (the greeting opens the line, the name follows); a greeting word that is also a
    given name stays."""
    greeting = _GREETING.match(text, start, end)
    if greeting is not None and not gazetteer().is_given_name(greeting.group(1).lower()):
        return greeting.end()
    return start


@register
class LabelTrim(Refiner):
    """``label_trim``: a PERSON span that starts with a field's name, read whole by the label
    lexicon in any of its languages, and its colon ("Requester: Ana Lima", "Naam: María Graf")
    starts after the colon; a span that is only the field's name before its colon is dropped
    (the label names the field, not a person)."""

    name: ClassVar[str] = "label_trim"
    needs_english: ClassVar[bool] = False
    order: ClassVar[int] = 21

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        if span.entity_type != "PERSON":
            return span
        colon = text.find(":", span.start, min(len(text), span.end + 2))
        if colon < 0 or "\n" in text[span.start : colon]:
            return span
        label = text[span.start : colon].strip()
        if not label or len(label.split()) > 3:
            return span
        reading = read_label(label)
        if reading is None or reading.method not in ("exact", "ocr"):
            return span
        start = colon + 1
        while start < span.end and text[start] in " \t":
            start += 1
        if start >= span.end:
            return None
        return Span(start, span.end, span.entity_type, span.recognizer, span.score)


@register
class GreetingTrim(Refiner):
    """``greeting_trim``: a PERSON span that starts with a greeting of any language
    (``people.toml``: ``greeting_any_language``) starts after it (:func:`after_greeting`).
    It runs after name growth, which may take the greeting in."""

    name: ClassVar[str] = "greeting_trim"
    needs_english: ClassVar[bool] = False
    order: ClassVar[int] = 22

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        if span.entity_type != "PERSON":
            return span
        start = after_greeting(text, span.start, span.end)
        if start == span.start:
            return span
        return Span(start, span.end, span.entity_type, span.recognizer, span.score)


@register
class SentenceWordTrim(Refiner):
    """``sentence_word_trim``: a guessed PERSON span (from language or a context whose end is
    guessed) that starts a sentence with a word no gazetteer knows as a name, then a
    lowercase function word of any language, then a capitalised word, starts at that word:
    the sentence's first word is capitalised for the sentence, not for a name. A span whose
    first word is a known name stays whole."""

    name: ClassVar[str] = "sentence_word_trim"
    needs_english: ClassVar[bool] = False
    order: ClassVar[int] = 24

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        if span.entity_type != "PERSON" or not (
            treatment.language_guess or treatment.english_only or treatment.end_from_context
        ):
            return span
        parts = list(re.finditer(r"\S+", text[span.start : span.end]))
        if len(parts) < 3 or not _SENTENCE_START.search(text[: span.start]):
            return span
        first, joiner, third = (p.group() for p in parts[:3])
        lower = first.lower()
        names = gazetteer()
        if (
            first[:1].isupper()
            and third[:1].isupper()
            and joiner.islower()
            and (joiner in function_words_of_any_language() or joiner in stopwords())
            and not names.is_given_name(lower)
            and not names.is_surname(lower)
        ):
            start = span.start + parts[2].start()
            return Span(start, span.end, span.entity_type, span.recognizer, span.score)
        return span


#: A typed run up to this many words is short: there an English guess has little context.
SHORT_RUN_WORDS: Final = 5


def lone_guess(text: str, span: Span) -> bool:
    """``lone_guess``: ``span`` (a PERSON an English reader guessed) lies in a short line
    (:data:`SHORT_RUN_WORDS` words at most) and nothing but the guess says it is a name: no
    word of it is a given name or surname of the gazetteer as typed (capitalised, or in a line
    without capitals), and each of its capitalised words stands where any word is capitalised
    (a line's or sentence's start). A short line in
    another language, a project or an event typed alone reads so ("Reifen wechseln",
    "Perfecto, gracias", "Hackathon"); a name typed with its surname, in upper case or inside
    a sentence keeps a capital where the sentence gives none."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if len(line.split()) > SHORT_RUN_WORDS:
        return False
    names = gazetteer()
    cased = any(c.isupper() for c in line)
    for match in WORD.finditer(text, span.start, span.end):
        word = match.group()
        capitalised = word[:1].isupper()
        # A known name counts as it is typed: capitalised, or anyhow in a line without
        # capitals ("luz" in "Pagar la luz" is a word, "Luz" a name).
        lower = word.lower()
        if (names.is_given_name(lower) or names.is_surname(lower)) and (capitalised or not cased):
            return False
        if capitalised and not _SENTENCE_START.search(text[line_start : match.start()]):
            return False
    return True


@register
class LoneGuess(Refiner):
    """``lone_guess``: a PERSON guessed by a source that reads English (``english_only``, not
    placed by a cue: not ``end_from_context`` nor ``needs_unknown_word``) in a short typed run
    is dropped when only the guess says it is a name
    (:func:`lone_guess`). Typed text only: a screen's lines are short by nature and keep the
    layout's cues."""

    name: ClassVar[str] = "lone_guess"
    needs_english: ClassVar[bool] = False
    applies_to: ClassVar[frozenset[Where]] = _TYPED_TEXT
    order: ClassVar[int] = 26

    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        if (
            span.entity_type == "PERSON"
            and treatment.english_only
            and not treatment.end_from_context  # a cue placed it
            and not treatment.needs_unknown_word  # checked for a word English lacks
            and lone_guess(text, span)
        ):
            return None
        return span


@register
class CuedNameGuesses(LanguageStep):
    """``cued_name_guesses``: a guess of a person from English (NER, unknown words, English
    cues) that overlaps a name a cue of any language found (a chat verb's addressee, a
    sign-off, the deny-list), and holds only lowercase words besides, is that name: the guess
    took the verb and the words around it in, and the cue says where the name is. Runs on the
    spans kept, after the refiners."""

    name: ClassVar[str] = "cued_name_guesses"
    needs_english: ClassVar[bool] = False
    scored: ClassVar[bool] = False

    def filter(
        self, text: str, spans: list[Span], treatment: Callable[[Span], Treatment]
    ) -> list[Span]:
        found = [
            s
            for s in spans
            if s.entity_type == "PERSON"
            and not treatment(s).language_guess
            and not treatment(s).english_only
        ]
        if not found:
            return spans
        out: list[Span] = []
        for span in spans:
            how = treatment(span)
            if span.entity_type == "PERSON" and (how.language_guess or how.english_only):
                inner = [
                    f
                    for f in found
                    if f.start < span.end
                    and span.start < f.end
                    and (f.start, f.end) != (span.start, span.end)
                ]
                # It took the words before the name in (the verb), or the name is whole as
                # its cue placed it: else a guess that starts with the name may hold the rest
                # of it.
                if inner and (
                    span.start < min(f.start for f in inner)
                    or any(treatment(f).whole_name for f in inner)
                ):
                    rest = list(text[span.start : span.end])
                    for f in inner:
                        a, b = max(f.start, span.start), min(f.end, span.end)
                        rest[a - span.start : b - span.start] = " " * (b - a)
                    if not any(c.isupper() for c in rest):
                        continue  # the found names stand for it
            out.append(span)
        return out
