"""Names by the words around them: titles, name labels, introductions, greetings and
sign-offs, and speaker names in dialogue (the cue words are in ``people.toml``; the cases in
``tests/redaction/rules/test_people.py``).

No gazetteer: a name is recognised by its position, never by a list of known names. Works on
lowercase text too (typed text often is), where capitalisation cannot help.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from redaction.knowledge.labels import read_label
from redaction.lexicon import alternation, tagged, words
from redaction.models import Span
from redaction.rules.base import Rule, Treatment, register
from redaction.rules.support import product_name

_PARTICLES = r"(?:" + alternation(tagged("names", "particle", "cue")) + r")"
# A name word: a capitalised word or an initial (a capital, perhaps a full stop). Lowercase
# variants are allowed
# only in lowercase text (checked in code).
_NAME_WORD = r"[^\W\d_][\w'\u2019\-]*\.?"
_INITIAL = r"[^\W\d_]\.?"
_NAME = (
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+(?:{_PARTICLES}[ \t]+)?(?:{_NAME_WORD}|{_INITIAL})){{0,3}})"
)

_TITLE = re.compile(
    (r"(?<![\w.])(?:" + alternation(words("people", "title")) + r")\.?[ \t]+") + _NAME,
    re.I,
)
_LABEL = re.compile(
    (
        r"(?<![\w])(?:(?:"
        + alternation(words("people", "label"))
        + r")?[ \t]?name|"
        + alternation(words("people", "person_label"))
        + r")[ \t]*:[ \t]*"
    )
    + _NAME,
    re.I,
)
_INTRODUCTION = re.compile(
    (
        r"(?<![\w])(?:named[ \t]+(?:him|her|them|it)|called[ \t]+(?:him|her|them|it)|"
        + alternation(words("people", "introduction"))
        + r"|maiden[ \t]+name[ \t]+(?:is|was)|"
        + alternation(words("people", "introduction_by"))
        + (
            r"|speak[ \t]+(?:to|with)|talk[ \t]+to|meet(?:ing)?[ \t]+with|spoke[ \t]+(?:to|w"
            r"ith)|follow[ \t]+up[ \t]+with|cc'?d?|per)[ \t]+"
        )
    )
    + _NAME,
    re.I,
)
_GREETING = re.compile(
    (
        r"(?:^|(?<=[\n.!?]))[ \t]*(?:"
        + alternation(words("people", "greeting"))
        + r"|good[ \t]+(?:morning|afternoon|evening)|"
        + alternation(words("people", "thanking"))
        + r")[ \t]*,?[ \t]+"
    )
    + _NAME,
    re.I,
)
# A closing quotation mark (perhaps a comma), a verb of saying, then the speaker.
_QUOTED_BY = re.compile(
    (
        "[\\\"\\u201d'\\u2019][ \\t]*,?[ \\t]*(?:"
        + alternation(words("people", "quoted_by"))
        + r")[ \t]+"
    )
    + _NAME,
    re.I,
)
# The answer to a question for a name (perhaps after a speaker label).
_ANSWER = re.compile(
    r"\bname\b[^?\n]{0,40}\?[\"'\u201d]?[ \t]*(?:\n[ \t]*)?(?:[A-Za-z]{2,12}:[ \t]*)?"
    r"(?:it'?s[ \t]+|it[ \t]+is[ \t]+)?" + _NAME,
    re.I,
)
# A name corrected: the name is said to be wrong, then changed to the value.
_RENAMED = re.compile(
    (
        (
            r"(?<![\w])(?<!file )(?<!folder )(?<!branch )(?<!host )(?<!project )(?<!domain )"
            r"(?<!column )(?<!field )(?<!variable )(?<!table )(?<!sheet )(?<!tab )(?<!app )("
            r"?<!product )(?<!company )(?<!device )(?<!network )(?<!server )(?<!brand )name"
            r"\b(?![ \t]+(?:of|for)[ \t]+(?:"
        )
        + alternation(words("people", "renamed"))
        + r")[ \t]+(?!"
        + alternation(words("people", "renamed_holder"))
        + r")[^\W\d_])[^\n]{0,80}?(?:"
        + alternation(words("people", "renamed_verb"))
        + r")[ \t]+(?:it|this|that|mine|the[ \t]+name)[ \t]+(?:to|as|into)[ \t]+"
    )
    + _NAME,
    re.I,
)
_SIGN_OFF = re.compile(
    (
        r"(?:^|(?<=\n))[ \t]*(?:"
        + alternation(words("people", "sign_off"))
        + (
            r"|yours[ \t]+(?:truly|sincerely)|warmly|love|xo|-+|\u2014|\u2013)[ \t]*,?[ \t]*"
            r"(?:\n[ \t]*)+"
        )
    )
    + _NAME
    + r"[ \t]*(?=\n|$)",
    re.I,
)
# A speaker's name and a colon at the start of a line (perhaps after a quote marker).
_SPEAKER = re.compile(
    r"(?:^|(?<=\n))[ \t>]*" + _NAME.replace("{0,3}", "{0,2}") + r"[ \t]*:(?=[ \t\"'\u201c])",
)

# Words that follow the trigger phrases but are not names.
_NOT_NAMES = frozenset(tagged("names", "not_a_name", "cue"))
# Labels that look like speaker names at a line start but are field names.
_NOT_SPEAKERS = frozenset(tagged("names", "not_a_name", "speaker"))


def _list_follows(text: str, end: int) -> bool:
    """After the colon at ``end`` the line is a list (two or more items of one to three
    words, split by commas, none a question or exclamation): the word before the colon heads
    a list ("Shopping: bread, cheese"), a speaker says a sentence."""
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)].lstrip(" \t:")
    items = [item.strip() for item in rest.split(",")]
    return len(items) >= 2 and all(
        1 <= len(item.split()) <= 3 and not item.endswith(("?", "!")) for item in items
    )


def _value_follows(text: str, end: int) -> bool:
    """After the colon at ``end`` the line is a value (one to three tokens, one of them with
    a digit, an ``@`` or a ``://``): the words before the colon label it ("Plate: XDJ 41E",
    "book a slot: https://..."), a speaker says a sentence."""
    line_end = text.find("\n", end)
    tokens = text[end : line_end if line_end >= 0 else len(text)].lstrip(" \t:").split()
    return 1 <= len(tokens) <= 3 and any(
        any(c.isdigit() for c in t) or "@" in t or "://" in t for t in tokens
    )


def _field_label(text: str) -> bool:
    """A field's name in any language of the label lexicon ("Adres", "Cidade", "Telefono"),
    read whole: before a colon it labels a value, it is no speaker."""
    reading = read_label(text)
    return reading is not None and reading.method in ("exact", "ocr")


def _mostly_lowercase(text: str) -> bool:
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    return bool(letters) and sum(c.isupper() for c in letters) <= max(1, len(letters) // 50)


@register
class ContextNameRecognizer(Rule):
    """Person names found by the words around them (no name lists)."""

    name = "name_context"
    entity_types = frozenset({"PERSON"})
    treatment = Treatment(end_from_context=True)

    _PATTERNS: tuple[tuple[re.Pattern[str], float], ...] = (
        (_TITLE, 0.85),
        (_LABEL, 0.85),
        (_INTRODUCTION, 0.7),
        (_GREETING, 0.7),
        (_SIGN_OFF, 0.75),
        (_SPEAKER, 0.6),
        (_ANSWER, 0.7),
        (_QUOTED_BY, 0.7),
        (_RENAMED, 0.7),
    )

    def find(self, text: str) -> Iterator[Span]:
        lowercase = _mostly_lowercase(text)
        for pattern, score in self._PATTERNS:
            for match in pattern.finditer(text):
                start, end = self._trim(
                    text,
                    match.start("name"),
                    match.end("name"),
                    lowercase,
                    speaker=pattern is _SPEAKER,
                )
                if end <= start:
                    continue
                if pattern is _SPEAKER and end != match.end("name"):
                    continue  # a line that announces a value is a label, not a speaker
                value = text[start:end]
                first = value.split()[0].rstrip(".").lower()
                if pattern is _SPEAKER and (
                    first in _NOT_SPEAKERS
                    or (value.isupper() and " " not in value)
                    or re.match(r"[ \t]*:[ \t]*(?:[\d(+\-$]|[^\s\d]*\d)", text[end:])
                    or _list_follows(text, end)
                    or _value_follows(text, end)
                    or _field_label(value)
                ):
                    # A log level or a field with a value, not a speaker.
                    continue
                yield self.span(start, end, "PERSON", score)

    @staticmethod
    def _trim(text: str, start: int, end: int, lowercase: bool, speaker: bool) -> tuple[int, int]:
        """Keep the leading words that can be a name: capitalised (or any, in lowercase text),
        not a function word; stop at the first that cannot."""
        words = list(re.finditer(r"[^\s]+", text[start:end]))
        keep_end = start
        for index, word_match in enumerate(words):
            word = word_match.group()
            bare = word.rstrip(".,;:!?").lower()
            # A capital letter between two name words is an initial, not the article or the
            # pronoun.
            initial = (
                len(bare) == 1
                and index > 0
                and index + 1 < len(words)
                and (word[:1].isupper() or lowercase)
                and (words[index + 1].group()[:1].isupper() or lowercase)
            )
            if not bare or (bare in _NOT_NAMES and not initial):
                break
            if lowercase and word.islower() and bare in _AUXILIARIES:
                break  # an auxiliary after a greeting starts a question, not a name
            is_particle = re.fullmatch(_PARTICLES, bare) is not None
            if is_particle:
                if index == 0:
                    break
                continue  # kept only if a name word follows
            capitalised = word[:1].isupper()
            if not capitalised and not lowercase:
                break
            if speaker and not capitalised and not lowercase:
                break
            keep_end = start + word_match.start() + len(word.rstrip(",;:!?"))
            # A trailing full stop belongs to an initial but not to a sentence.
            if word.endswith(".") and len(bare) > 1 and not (len(bare) <= 2 and capitalised):
                keep_end -= 1
                break
        return start, keep_end


# ---- names that other personal data on the page vouches for -------------------------------

_EMAIL_LOCAL = re.compile(r"([\w.+\-]+)@[\w\-]+(?:\.[\w\-]+)+")
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@register
class EmailNameRecognizer(Rule):
    """Words of a text that spell out an e-mail address's local part (the words joined, in any
    case): the address vouches that they are the person's name. Accent- and
    case-insensitive."""

    name = "email_name"
    entity_types = frozenset({"PERSON"})

    def find(self, text: str) -> Iterator[Span]:
        if "@" not in text:
            return
        locals_ = [(_fold(m.group(1)), m.span()) for m in _EMAIL_LOCAL.finditer(text)]
        locals_ = [(local, span) for local, span in locals_ if len(local) >= 5]
        if not locals_:
            return
        words = [m for m in _LETTERS.finditer(text) if m.group().lower() not in _NOT_NAMES]
        for local, (e_start, e_end) in locals_:
            inside = [
                m
                for m in words
                if not (e_start <= m.start() < e_end)
                and _fold(m.group()) in local
                and len(_fold(m.group())) >= 3
            ]
            explained = sum(
                len(_fold(m.group())) for m in {m.group().lower(): m for m in inside}.values()
            )
            if not inside or explained < 0.6 * len(local):
                continue
            for m in inside:
                yield self.span(m.start(), m.end(), "PERSON", 0.75)


_CONTACT_EVIDENCE = re.compile(
    r"[\w.+\-]+@[\w\-]+\.[\w.\-]+|(?:\+?\(?\d[\d ().\-]{6,}\d)|^\W*\d{1,6}[A-Za-z]?[ \t]+"
    r"[^\W\d_]|\b(?:p\.?o\.?[ \t]*box|apt\.?|suite|unit)[ \t]*\d",
    re.I | re.M,
)
_NAME_LINE = re.compile(
    r"^[ \t>?|*•\-]*(?P<name>[^\W\d_][\w'\u2019\-]*\.?(?:[ \t]+(?:"
    + _PARTICLES
    + r"[ \t]+)?[^\W\d_][\w'\u2019\-]*\.?){1,3})[ \t]*$",
    re.M,
)
_HEADING_WORDS = frozenset(tagged("names", "not_a_name", "heading"))


@register
class ContactBlockNameRecognizer(Rule):
    """A line that is just a name (2-4 words) in a block with an e-mail address, a phone
    number or a street line within four lines: signature blocks, contact cards, letter heads."""

    name = "contact_block_name"
    entity_types = frozenset({"PERSON"})

    def find(self, text: str) -> Iterator[Span]:
        if "\n" not in text:
            return
        lowercase = _mostly_lowercase(text)
        lines = text.split("\n")
        offsets = []
        position = 0
        for line in lines:
            offsets.append(position)
            position += len(line) + 1
        evidence = [bool(_CONTACT_EVIDENCE.search(line)) for line in lines]
        for number, line in enumerate(lines):
            match = _NAME_LINE.match(line)
            if match is None:
                continue
            words = match.group("name").split()
            bare = [w.rstrip(".").lower() for w in words]
            if any(b in _HEADING_WORDS or b in _NOT_NAMES for b in bare):
                continue
            if not lowercase and not all(
                w[:1].isupper() for w in words if not re.fullmatch(_PARTICLES, w.lower())
            ):
                continue
            if all(w.isupper() and len(w) > 1 for w in words):
                continue  # an all-capitals heading or a city line
            if product_name(match.group("name")):
                continue  # an order's or an invoice's item line
            near = evidence[max(0, number - 4) : number] + evidence[number + 1 : number + 5]
            if not any(near):
                continue
            start = offsets[number] + match.start("name")
            yield self.span(start, start + len(match.group("name").rstrip(".")), "PERSON", 0.6)


# ---- names by what people do in a sentence (capitalised names only) ---------------------

# A relative or friend: a possessive, a kin word, then the name.
_KIN = re.compile(
    (
        r"(?<![\w])(?:"
        + alternation(words("people", "kin"))
        + r")[ \t]+(?:(?:"
        + alternation(words("people", "kin_adjective"))
        + r")[ \t]+)?(?:"
        + alternation(words("people", "kin_close"))
        + r"|fianc[eé]e?|"
        + alternation(words("people", "kin_relative"))
        + r"|co-?worker|boss|neighbou?r|roommate|flatmate|buddy|pal)[ \t]*,?[ \t]+"
    )
    + _NAME,
    re.I,
)
# Someone spoken to: a verb of speech, "at" or "to", then the name.
_TOWARDS = re.compile(
    (
        r"(?<![\w])(?:(?:"
        + alternation(words("people", "towards"))
        + (
            r")[ \t]+(?:at|to)|(?:said|says|asked|replied|whispered)[ \t]+[^\W\d_][\w'\u2019"
            r"\-]*[ \t]+to)[ \t]+"
        )
    )
    + _NAME,
    re.I,
)
# The author of a work: a title or a verb of making, "by", then the name.
_MADE_BY = re.compile(
    (
        r"(?:(?<![\w])(?:"
        + alternation(words("people", "made_by_verb"))
        + r"|co-?written|"
        + alternation(words("people", "made_by"))
        + ')|[\\"\\u201d])[ \\t]+by[ \\t]+'
    )
    + _NAME,
    re.I,
)
# An address label, a name, then a street line: the addressee above the street line.
_ADDRESSEE = re.compile(
    (
        r"(?<![\w])(?:(?:"
        + alternation(words("people", "addressee"))
        + r")[ \t]+)?address(?:ee)?[ \t]*:[ \t]*"
    )
    + _NAME
    + r"[ \t]*(?=\n[ \t]*\d)",
    re.I,
)
# "the", a name word, then a noun it qualifies (``people.toml``: ``attributive``): a name used
# as an attribute.
_ATTRIBUTIVE = re.compile(
    r"(?<![\w])the[ \t]+"
    + _NAME.replace("{0,3}", "{0,1}")
    + (r"[ \t]+(?:" + alternation(words("people", "attributive")) + r")(?![\w])"),
    re.I,
)
# A name, a copula and words that describe a person's character.
_CHARACTER = (
    r"(?:"
    + alternation(words("people", "character"))
    + r")(?:[ \t]+(?:"
    + alternation(words("people", "character_noun"))
    + r"))?(?=[ \t]*(?:[.,!?;:]|$))"
)
_DESCRIBED = re.compile(
    (
        (
            r"(?P<name>(?-i:[^\W\d_a-z])[\w'\u2019\-]*(?:[ \t]+(?-i:[^\W\d_a-z])[\w'\u2019\-"
            r"]*)?)[ \t]+(?:is|was|seems|seemed)[ \t]+(?:a[ \t]+|an[ \t]+)?(?:(?:"
        )
        + alternation(words("people", "described_degree"))
        + r")[ \t]+)?"
    )
    + _CHARACTER
    + (
        (
            r"|(?<![\w])(?:is|was|isn't|wasn't)[ \t]+(?P<name2>(?-i:[^\W\d_a-z])[\w'\u2019\-"
            r"]*)[ \t]+(?:"
        )
        + alternation(words("people", "described"))
        + r")?[ \t]*"
    )
    + _CHARACTER,
    re.I,
)
# A verb of giving, then the one something is given to, then "his" or "her".
_GIVEN = re.compile(
    (
        r"(?<![\w])(?:"
        + alternation(words("people", "given"))
        + (
            r")[ \t]+(?P<name>(?-i:[^\W\d_a-z])[\w'\u2019\-]*(?:[ \t]+(?-i:[^\W\d_a-z])[\w'"
            r"\u2019\-]*)?)[ \t]+(?:"
        )
        + alternation(words("people", "possessive"))
        + r")(?![\w])"
    ),
    re.I,
)
# The giver of such a sentence, whom "his" or "her" points back to.
_GIVER = re.compile(
    (
        (
            r"(?:^|(?<=[.!?;:][ \t])|(?<=\n)|(?<=[ \t]and[ \t])|(?<=[ \t]but[ \t]))[ \t]*(?P"
            r"<name>(?-i:[^\W\d_a-z])[\w'\u2019\-]*(?:[ \t]+(?-i:[^\W\d_a-z])[\w'\u2019\-]*)"
            r"?)[ \t]+(?:(?:"
        )
        + alternation(words("people", "giver"))
        + r")[ \t]+){0,2}(?:"
        + alternation(words("people", "giver_verb"))
        + (
            r")[ \t]+(?-i:[^\W\d_a-z])[\w'\u2019\-]*(?:[ \t]+(?-i:[^\W\d_a-z])[\w'\u2019\-]*"
            r")?[ \t]+(?:his|her)(?![\w])"
        )
    ),
    re.I,
)
# A name before a verb of ``people.toml``'s ``subject`` list and "at", "on", "in" or "to":
# the name is the subject.
_SUBJECT = re.compile(
    (
        (
            r"(?P<name>[^\W\d_][\w'\u2019\-]*\.?(?:[ \t]+(?:[^\W\d_][\w'\u2019\-]*\.?)){0,3}"
            r")[ \t]+(?:"
        )
        + alternation(words("people", "subject"))
        + r")[ \t]+(?:at|on|in|to)(?![\w])"
    ),
)
# Two capitalised words around an initial.
_WITH_INITIAL = re.compile(
    r"(?<![\w.])(?P<name>(?-i:[^\W\d_a-z][^\W\d_A-Z][\w'\u2019\-]*)[ \t]+(?-i:[A-Z])\.?"
    r"[ \t]+(?-i:[^\W\d_a-z][^\W\d_A-Z][\w'\u2019\-]*))(?![\w])",
)
# A word addressed at a sentence start (a capitalised word, a comma, then a question or a
# pronoun). Weak on its own (an adverb reads the same): the text redactor keeps weak cues only
# for words English lacks.
_VOCATIVE = re.compile(
    (
        (
            r"(?:^|(?<=[.!?][ \t])|(?<=\n))[ \t]*(?P<name>(?-i:[^\W\d_a-z])[\w'\u2019\-]+),["
            r" \t]+(?:"
        )
        + alternation(words("people", "vocative"))
        + r")(?![\w])"
    ),
    re.I,
)
# In lowercase text the word after a cue may be an auxiliary starting a question.
_AUXILIARIES = frozenset(words("people", "auxiliaries"))
_DETERMINERS = frozenset(words("people", "determiners"))
# Words before an initial that make "X A Y" a label or a product, not a name.
_NOT_BEFORE_INITIAL = set(words("people", "not_before_initial"))
# Words after an initial that make "X A Y" a key press or a label.
_NOT_AFTER_INITIAL = set(words("people", "not_after_initial"))


def _after_determiner(text: str, start: int) -> bool:
    before = re.search(r"(\w+)[ \t]+\Z", text[max(0, start - 20) : start])
    return before is not None and before.group(1).lower() in _DETERMINERS


def _trim_left(text: str, start: int, end: int) -> tuple[int, int]:
    """The trailing run of capitalised name words (or initials) of ``text[start:end]``."""
    words = list(re.finditer(r"\S+", text[start:end]))
    keep_start = end
    for index in range(len(words) - 1, -1, -1):
        word = words[index].group()
        bare = word.rstrip(".").lower()
        initial = len(bare) == 1 and 0 < index < len(words) - 1
        if not word[:1].isupper() or (bare in _NOT_NAMES and not initial):
            break
        keep_start = start + words[index].start()
    if keep_start < end and len(text[keep_start:end].rstrip(".").strip()) == 1:
        return end, end  # a lone initial
    return keep_start, end


@register
class NameCueRecognizer(Rule):
    """Capitalised names by what the sentence says about them: a relative or friend, someone
    spoken to, the author of a work, the subject of "lives at", a name with a middle initial,
    and a word addressed at a sentence start. Needs capitals: the text redactor also runs it
    over the re-capitalised copy of lowercase text."""

    name = "name_cue"
    entity_types = frozenset({"PERSON"})
    treatment = Treatment(end_from_context=True, verb_is_no_name=True, english_only=True)
    #: Spans whose recognizer is this need a word outside the English lexicon to count.
    weak_name: ClassVar[str] = "name_cue_weak"
    other_sources = ((weak_name, Treatment(needs_unknown_word=True, english_only=True)),)

    def find(self, text: str) -> Iterator[Span]:
        # In lowercase text the cue alone marks the name; the text redactor then drops a
        # "name" that starts with a verb and trims trailing ones.
        lowercase = _mostly_lowercase(text)
        for pattern in (_KIN, _TOWARDS, _MADE_BY, _ADDRESSEE):
            for match in pattern.finditer(text):
                start, end = ContextNameRecognizer._trim(
                    text, match.start("name"), match.end("name"), lowercase, speaker=False
                )
                if end > start and text[start:end].split()[0].lower() not in _AUXILIARIES:
                    yield self.span(start, end, "PERSON", 0.65)
        for match in _ATTRIBUTIVE.finditer(text):
            words = match.group("name").split()
            if all(w[:1].isupper() and w.lower() not in _NOT_NAMES for w in words):
                # Weak: a product line reads the same.
                yield Span(match.start("name"), match.end("name"), "PERSON", self.weak_name, 0.55)
        for match in _DESCRIBED.finditer(text):
            group = "name" if match.group("name") else "name2"
            start, end = _trim_left(text, match.start(group), match.end(group))
            if end > start and not _after_determiner(text, start):
                yield self.span(start, end, "PERSON", 0.6)
        for match in _GIVEN.finditer(text):
            words = match.group("name").split()
            if all(w.lower() not in _NOT_NAMES for w in words):
                yield self.span(match.start("name"), match.end("name"), "PERSON", 0.6)
        for match in _GIVER.finditer(text):
            words = match.group("name").split()
            if all(w.lower() not in _NOT_NAMES for w in words):
                yield self.span(match.start("name"), match.end("name"), "PERSON", 0.6)
        for match in _SUBJECT.finditer(text):
            start, end = _trim_left(text, match.start("name"), match.end("name"))
            if _after_determiner(text, start):
                continue  # an organisation word before "lives at": a thing, not a person
            if end > start:
                yield self.span(start, end, "PERSON", 0.6)
        for match in _WITH_INITIAL.finditer(text):
            words = match.group("name").lower().split()
            if words[0] in _NOT_BEFORE_INITIAL or words[0] in _NOT_NAMES:
                continue
            if words[-1] in _NOT_AFTER_INITIAL:
                continue
            yield self.span(match.start("name"), match.end("name"), "PERSON", 0.6)
        for match in _VOCATIVE.finditer(text):
            word = match.group("name")
            if word.lower() in _NOT_NAMES or word.isupper():
                continue
            yield Span(match.start("name"), match.end("name"), "PERSON", self.weak_name, 0.55)
