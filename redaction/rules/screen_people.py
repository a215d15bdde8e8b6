"""Layout rules of people: a name standing where a screen puts a person.

A name alone on a screen has no sentence for NER; what stands around it says it is a person:
a chat or inbox row (a name then a time), an address after the name, a greeting or a sign-off,
an activity row led by its actor, an honorific, a role in a member list, a line over an e-mail
address or a job title. Each cue is one rule; its cue words are data
(``redaction/lexicon/screen.toml``) and its true and false cases are in
``tests/redaction/rules/test_screen_people.py``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from redaction.image.findings import Finding
from redaction.image.layout import TextDocument, WordRef
from redaction.image.page import Page
from redaction.knowledge.gazetteer import gazetteer
from redaction.lexicon import alternation, tagged, words
from redaction.rules.base import register
from redaction.rules.layout_base import LayoutRule, PhraseRule
from redaction.rules.screen_support import (
    BULLETS,
    CAP,
    EMAIL,
    NAME_GAP,
    TIME,
    TITLE_PREFIXES,
    is_ui_word,
    label_entity,
    login_like,
    looks_like_name,
    name_like,
    org_line_strict,
    strip_initials,
    title_line,
)

_ROW_NAME_TIME = re.compile(
    rf"(?:^|(?<=\| ))\W{{0,3}}"
    rf"(?:[A-Z]{{1,2}}[ \t]+(?:\|[ \t]+)?|(?=[0-9a-f]*\d)[0-9a-f]{{7,40}}[ \t]+)?"
    rf"(?P<v>(?:{CAP}|[a-z][a-z'\-]+)(?:{NAME_GAP}(?:[A-Z]\.|{CAP})){{1,3}})"
    rf"[ \t]*(?:[\u00b7|,\-\u2013][ \t]*)?{TIME}\b",
    re.M,
)
_NAME_EMAIL = re.compile(
    rf"(?P<v>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{0,3}})[ \t|]*[<(\[]\s*"
    rf"(?!(?i:no-?reply|do-?not-?reply|donotreply|mailer-daemon|notifications?)@){EMAIL}"
)
_PROFILE_TITLE = re.compile(
    rf"(?:^|(?<=\n)|(?<=\| )|(?<=[\-\u2013] ))\W{{0,3}}"
    rf"(?P<v>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{1,2}})(?:[ \t]*\(\d+\))?"
    r"[ \t]+[|\-\u2013\u2014\u00b7][ \t]+[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?[ \t]*(?=\n|$)",
    re.M,
)
_PERSONAL_DOC_WORDS = alternation(words("screen", "personal_doc"))
_PERSONAL_DOC = re.compile(
    rf"\b(?i:offer[ \t]+letter|resume|r\u00e9sum\u00e9|{_PERSONAL_DOC_WORDS})"
    rf"[ \t]*[\-\u2013_:][ \t]*"
    rf"(?P<v>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{1,2}}?)"
    r"(?=\.\w{2,4}\b|[ \t]*(?:$|\n|[|\-\u2013]))"
    rf"|(?:^|(?<=\n)|(?<=\| ))(?P<w>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{1,2}})"
    r"[ \t]*[\-\u2013_][ \t]*"
    r"(?i:offer[ \t]+letter|resume|r\u00e9sum\u00e9|cv)\b",
    re.M,
)
_POSSESSIVE_WORDS = alternation(words("screen", "possessive"))
_POSSESSIVE = re.compile(
    rf"(?:^|(?<=\n)|(?<=\| ))\W{{0,3}}(?P<v>{CAP}(?:[ \t]+{CAP})?)['\u2019]s[ \t]+"
    rf"(?i:{_POSSESSIVE_WORDS}|to-?dos?|personal)\b",
    re.M,
)
_BY_VERB_WORDS = alternation(words("screen", "by_verb"))
_BY_VERB = re.compile(
    rf"\b(?:{_BY_VERB_WORDS})[ \t]+(?:by|to|for)[ \t]+"
    rf"(?P<v>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{0,2}})"
)
_GREETING_WORDS = alternation(words("screen", "greeting"), spaces=" ")
_GREETING = re.compile(
    rf"\b(?i:{_GREETING_WORDS}),?[ \t]+"
    rf"(?P<v>{CAP}(?:[ \t]+{CAP})?)[ \t]*[,!.:]"
)
_SIGN_OFF_WORDS = alternation(words("screen", "sign_off"), spaces=" ")
_SIGN_OFF = re.compile(
    rf"\b(?:{_SIGN_OFF_WORDS}),[ \t]*\n{{0,2}}[ \t]*"
    rf"(?P<v>{CAP}(?:[ \t]+{CAP}){{0,2}})"
)
_ACTIVITY_WORDS = alternation(words("screen", "activity"))
_ACTIVITY = re.compile(
    rf"(?:^|(?<=\| )|(?<=\n))\W{{0,3}}(?:[A-Z]{{1,2}}[ \t]+(?:\|[ \t]+)?)?"
    rf"(?P<v>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{1,2}})[ \t]+"
    rf"(?:{_ACTIVITY_WORDS})\b",
    re.M,
)
_FROM_NAME_WORDS = alternation(words("screen", "from_name"))
_FROM_NAME = re.compile(
    rf"\b(?i:{_FROM_NAME_WORDS})[ \t]+(?i:from)[ \t]+"
    rf"(?P<v>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{1,2}})"
)
_HONORIFIC_WORDS = alternation(words("screen", "honorific"))
_HONORIFIC = re.compile(
    rf"\b(?:{_HONORIFIC_WORDS})\.?[ \t]+(?P<v>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{0,2}})"
)
_WITH_NAME_WORDS = alternation(words("screen", "with_name"), spaces=" ")
_WITH_NAME = re.compile(
    rf"(?:\b1:1|\b1-on-1|\b(?i:{_WITH_NAME_WORDS}|1:1s?))(?:[ \t]+(?i:with))?[ \t]*:?[ \t]+"
    # (OCR reads a capital I as a small l now and then: a word led by a small l counts before
    # a capitalised word.)
    rf"(?P<v>(?:{CAP}|l[a-z\u00e0-\u00f6\u00f8-\u017f]+(?=[ \t]+{CAP}))"
    rf"(?:[ \t]+(?:[A-Z]\.|{CAP})){{0,2}})"
    rf"(?:[ \t]*[/&+][ \t]*(?P<w>{CAP}(?:[ \t]+{CAP}){{0,2}}))?"
)
_PAREN_AUTHOR = re.compile(
    rf"\((?P<v>(?:{CAP}|[A-Z]\.)(?:[ \t]+(?:[A-Z]\.|{CAP})){{1,2}}),?[ \t]+{TIME}\)"
)
_MENTION_NAME = re.compile(rf"(?<![\w.@])@(?P<v>{CAP}[ \t]+{CAP})(?![\w(])")
# A display name then the account's handle on a row (a post, a comment, a member list): the
# handle's at sign may be glued to the name (OCR drops the space) and a time may follow.
_NAME_HANDLE = re.compile(
    rf"(?:^|(?<=\n)|(?<=\| ))\W{{0,3}}(?:[A-Z]{{1,2}}[ \t]+(?:\|[ \t]+)?)?"
    rf"(?P<v>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{0,2}})[ \t]*(?:\|[ \t]+)?@[A-Za-z0-9_][\w.\-]",
    re.M,
)
_SIGNED_IN_WORDS = alternation(words("screen", "signed_in_as"), spaces=" ")
# The account a screen says is signed in (or greets back): a login or a name after the cue.
_SIGNED_IN = re.compile(
    rf"(?<![\w])(?i:{_SIGNED_IN_WORDS})[ \t]*[:,]?[ \t]+@?"
    rf"(?P<v>[a-z][a-z0-9_.\-]*[a-z0-9]|{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{0,2}})"
)
# A login (lowercase, one word) after a verb of authorship or assignment and "by", "to" or
# "for" (the capitalised names are by_verb_name's).
_BY_VERB_LOGIN = re.compile(
    rf"\b(?i:{_BY_VERB_WORDS})[ \t]+(?:by|to|for)[ \t]+@?(?P<v>[a-z][a-z0-9_.\-]*[a-z0-9])"
    r"(?![\w@])"
)
_ROLE_ROW_WORDS = alternation(words("screen", "role_row"), spaces=" ")
_ROLE_ROW = re.compile(
    rf"(?:^|(?<=\n))\W{{0,3}}(?:[A-Z]{{1,2}}[ \t]+(?:\|[ \t]+)?)?"
    rf"(?P<v>{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{1,2}})[ \t]*"
    rf"(?:\((?i:you|me|owner|organizer|guest)\)|[ \t]*\|[ \t]*(?:{_ROLE_ROW_WORDS})"
    r"[ \t]*(?:\n|$))",
    re.M,
)

#: The phrase rules of people run together (document by document) after the label rules.
_PHRASES = 40
_PERSON = frozenset({"PERSON"})


class _NamePhrase(PhraseRule):
    """A phrase rule whose value is a person's name. ``strict``: the name must look like one in
    a list (capitalised words, no UI word); ``first_name``: a single word is taken when the cue
    itself says it is a person (its first word must not be a UI word)."""

    entity_types = _PERSON
    entity = "PERSON"
    order = _PHRASES
    strict: bool = False
    first_name: bool = False

    def accepts(self, value: str) -> bool:
        if not looks_like_name(value):
            return False
        if self.strict and not name_like(value):
            return False
        return not (self.first_name and is_ui_word(value.split()[0]))


@register
class RowNameTimeRule(_NamePhrase):
    """A name then a time on a row (a chat message, an inbox or list row, a comment, a commit
    line after its hash), also glued to the time or in a row's later cell; OCR may read the
    first capital small."""

    name = "row_name_time"
    pattern = _ROW_NAME_TIME
    documents = frozenset({"rows"})
    strict = True


@register
class NameEmailRule(_NamePhrase):
    """A name before an e-mail address in brackets (a mail header, a contact chip), not
    before a no-reply address (that names a service)."""

    name = "name_before_email"
    pattern = _NAME_EMAIL
    score = 0.6


@register
class ByVerbRule(_NamePhrase):
    """A name after a verb of authorship or assignment and "by", "to" or "for"."""

    name = "by_verb_name"
    pattern = _BY_VERB
    score = 0.6


@register
class GreetingRule(_NamePhrase):
    """A name after a greeting word, before punctuation (the addressee of a message)."""

    name = "greeting_name"
    pattern = _GREETING
    first_name = True


@register
class SignOffBlockRule(_NamePhrase):
    """A name on the line after a sign-off word and a comma (the sender of a message)."""

    name = "sign_off_block_name"
    pattern = _SIGN_OFF
    documents = frozenset({"blocks"})


@register
class ActivityRule(_NamePhrase):
    """A name leading a row, followed by an activity verb (an activity log, a feed)."""

    name = "activity_actor"
    pattern = _ACTIVITY
    documents = frozenset({"rows"})
    strict = True


@register
class FromNameRule(_NamePhrase):
    """A name after a notification word and "from" (a message, an invitation)."""

    name = "from_name"
    pattern = _FROM_NAME
    score = 0.55
    strict = True


@register
class MentionNameRule(_NamePhrase):
    """A mention chip of a full name (an at sign then two capitalised words)."""

    name = "mention_name"
    pattern = _MENTION_NAME
    score = 0.55
    strict = True


@register
class NameBeforeHandleRule(_NamePhrase):
    """A display name leading a row before an at sign and a handle (a post or a comment with
    its author's account, a member list): two or three capitalised words, or one the
    gazetteer knows as a given name or a surname."""

    name = "name_before_handle"
    pattern = _NAME_HANDLE
    documents = frozenset({"rows"})
    score = 0.6

    def accepts(self, value: str) -> bool:
        if not looks_like_name(value):
            return False
        if len(value.split()) == 1:
            names = gazetteer()
            known = names.is_given_name(value) or names.is_surname(value)
            return known and not is_ui_word(value)
        return name_like(value)


@register
class SignedInAsRule(PhraseRule):
    """The account a screen says is signed in or welcomes back ("Signed in as", "Welcome
    back,", their wordings in other languages: ``signed_in_as``): a login after the cue is a
    USERNAME, a name (two or three capitalised words, or one that is no UI word) a PERSON."""

    name = "signed_in_as"
    entity_types = frozenset({"PERSON", "USERNAME"})
    entity = "USERNAME"
    order = _PHRASES
    pattern = _SIGNED_IN
    documents = frozenset({"rows"})
    score = 0.6

    def from_match(
        self, page: Page, document: TextDocument, match: re.Match[str]
    ) -> Iterator[Finding]:
        value = match.group("v")
        if login_like(value):
            kind = "USERNAME"
        elif (
            not value[:1].isupper()
            or not looks_like_name(value)
            or is_ui_word(value.split()[0])
        ):
            return
        elif len(value.split()) == 1 or name_like(value):
            kind = "PERSON"
        else:
            return
        yield from self.found(page, page.refs_between(document, *match.span("v")), kind)


@register
class ByVerbLoginRule(PhraseRule):
    """A login after a verb of authorship or assignment and "by", "to" or "for" ("created by
    d.chen", "assigned to okafor_n"): one lowercase word someone chose as a login (a digit, a
    dot, a dash or an underscore in it: a plain word after "by" is as often a means, "shared
    by link"), not a system account."""

    name = "by_verb_login"
    entity_types = frozenset({"USERNAME"})
    entity = "USERNAME"
    order = _PHRASES
    pattern = _BY_VERB_LOGIN
    score = 0.55

    def accepts(self, value: str) -> bool:
        return login_like(value) and bool(re.search(r"[\d._\-]", value))


@register
class RoleRowRule(_NamePhrase):
    """A name leading a row of a sharing or member list, followed by its role or a marker
    that it is the viewer."""

    name = "role_row_name"
    pattern = _ROLE_ROW
    documents = frozenset({"rows"})
    strict = True


@register
class HonorificRule(_NamePhrase):
    """A name after an honorific."""

    name = "honorific_name"
    pattern = _HONORIFIC
    score = 0.55
    first_name = True


@register
class WithNameRule(_NamePhrase):
    """The person of a calendar event or a meeting (a one-to-one, a meeting word and "with"),
    and the second person after a slash, an ampersand or a plus; OCR may read a capital I as a
    small l."""

    name = "meeting_with_name"
    pattern = _WITH_NAME
    documents = frozenset({"rows"})
    first_name = True

    def from_match(
        self, page: Page, document: TextDocument, match: re.Match[str]
    ) -> Iterator[Finding]:
        second = match.group("w")
        if second and (name_like(second) or (len(second.split()) == 1 and not is_ui_word(second))):
            yield from self.found(page, page.refs_between(document, *match.span("w")), "PERSON")
        yield from super().from_match(page, document, match)


@register
class ParenAuthorRule(_NamePhrase):
    """An author in brackets before a time (a comment's or an edit's author)."""

    name = "paren_author"
    pattern = _PAREN_AUTHOR
    score = 0.55


@register
class ProfileTitleRule(_NamePhrase):
    """A person's name as the title of a page (a tab, a history row, a window): a known given
    name and surname, a separator, the site's or the app's name ending the title."""

    name = "profile_title_name"
    pattern = _PROFILE_TITLE
    score = 0.55
    strict = True

    def accepts(self, value: str) -> bool:
        return super().accepts(value) and _known_name(value.split())


@register
class PossessiveRule(_NamePhrase):
    """A name leading a row in the possessive, before a word for someone's own space, page or
    plan."""

    name = "possessive_name"
    pattern = _POSSESSIVE
    documents = frozenset({"rows"})
    first_name = True


@register
class PersonalDocumentRule(_NamePhrase):
    """A personal document named after its person (a résumé, an offer letter, a CV): the name
    before or after the document's kind in a file name or a title."""

    name = "personal_document_name"
    pattern = _PERSONAL_DOC
    documents = frozenset({"rows"})
    score = 0.55
    strict = True


@register
class NameOverEmailOrTitleRule(LayoutRule):
    """A name on the line over an e-mail address or a job title (a people picker's
    suggestion, a profile or contact card, a signature); avatar initials before it are left
    out."""

    name = "name_over_email_or_title"
    entity_types = _PERSON
    order = 60

    def find(self, page: Page) -> Iterator[Finding]:
        lines = page.layout.lines
        for li, line in enumerate(lines):
            below = page.layout.below(li, max_gap_lines=1.2)
            if not below:
                continue
            under = lines[below[0]].text.strip()
            text = strip_initials(line.text)
            if not name_like(text):
                continue
            if re.fullmatch(EMAIL, under) or (
                title_line(under) and not title_line(text) and not org_line_strict(text)
            ):
                refs = page.line_refs(li, len(line.text.split()) - len(text.split()))
                yield from self.found(page, refs, "PERSON")


#: Words after a name that start a clause, not a job title.
_NOT_TITLE_HEADS = frozenset({"at", "of", "for", "and"})


@register
class NameThenTitleRule(LayoutRule):
    """Two or three words before a job title on one line (a people search, a directory row)
    are a name when they look like one; avatar initials before them are left out."""

    name = "name_then_title"
    entity_types = _PERSON
    order = 70

    def find(self, page: Page) -> Iterator[Finding]:
        for li, line in enumerate(page.layout.lines):
            words = [w.text for w in line.words]
            skip = 1 if len(words) >= 4 and re.fullmatch(r"[A-Z]{1,2}", words[0]) else 0
            for n in (2, 3):
                if len(words) < skip + n + 1:
                    continue
                name = " ".join(words[skip : skip + n])
                rest = " ".join(words[skip + n :])
                if (
                    name_like(name)
                    and title_line(rest)
                    and not title_line(name)
                    and not any(w.lower() in TITLE_PREFIXES for w in words[skip : skip + n])
                    and rest.split()[0].lower() not in _NOT_TITLE_HEADS
                ):
                    refs = [WordRef(li, k) for k in range(skip, skip + n)]
                    yield from self.found(page, refs, "PERSON")
                    break


_PARTICLES = frozenset(tagged("names", "particle", "screen"))
#: A word of a name as a screen shows it: capitalised or all capitals, letters with inner
#: apostrophes or hyphens; or an initial with its dot.
_NAME_WORD = re.compile(r"[A-Z\u00c0-\u00de][^\W\d_]*(?:['\u2019\-][^\W\d_]+)*|[A-Z]\.")


def _known_name(words: list[str]) -> bool:
    """Given name(s) then a surname, each word known to the gazetteer in its role (an initial
    stands for a given name)."""
    names = gazetteer()
    first, last = words[0], words[-1]
    return (
        (len(first) == 2 and first.endswith(".")) or names.is_given_name(first)
    ) and names.is_surname(last)


@register
class GazetteerNameRule(LayoutRule):
    """A cell or a line that is only a person's name, with no cue around it: two or three
    name-shaped words, the first a known given name (or an initial) and the last a known
    surname, or a known surname, a comma and a known given name; none a UI word, not a job
    title or a company. Avatar initials or a bullet before it are left out."""

    name = "gazetteer_name"
    entity_types = _PERSON
    order = 75

    def find(self, page: Page) -> Iterator[Finding]:
        for li, line in enumerate(page.layout.lines):
            text = strip_initials(line.text.strip().lstrip(BULLETS).strip())
            text = text.lstrip(BULLETS).strip()
            words = [w for w in text.split() if w not in _PARTICLES]
            if not 2 <= len(words) <= 3 or not all(
                _NAME_WORD.fullmatch(w.rstrip(",")) for w in words
            ):
                continue
            if text.split()[0] in _PARTICLES or text.split()[-1] in _PARTICLES:
                continue
            if any(is_ui_word(w.rstrip(",")) for w in words) or title_line(text):
                continue
            if org_line_strict(text):
                continue
            bare = [w.rstrip(",") for w in words]
            if words[0].endswith(",") and len(words) == 2:
                known = gazetteer().is_surname(bare[0]) and gazetteer().is_given_name(bare[1])
            else:
                known = "," not in text and _known_name(bare)
            if known:
                skip = len(line.words) - len(text.split())
                yield from self.found(page, page.line_refs(li, max(skip, 0)), "PERSON")


#: A word that is a file name or a path: a separator of paths, or an extension at its end.
_FILE_WORD = re.compile(r"[/\\]|\.[A-Za-z0-9]{2,5}$")
_FILE_PARTS = re.compile(r"[_\-./\\]+")


@register
class NameInFileNameRule(LayoutRule):
    """A person's name inside a file name or a path (a document named after its person, a
    folder of someone's files): two consecutive capitalised parts, a known given name then a
    known surname, between underscores, dashes, dots or slashes. The whole word is taken."""

    name = "name_in_file_name"
    entity_types = _PERSON
    order = 76

    def find(self, page: Page) -> Iterator[Finding]:
        names = gazetteer()
        for li, line in enumerate(page.layout.lines):
            for wi, word in enumerate(line.words):
                if not _FILE_WORD.search(word.text):
                    continue
                parts = [p for p in _FILE_PARTS.split(word.text) if p]
                if any(
                    first[:1].isupper()
                    and last[:1].isupper()
                    and first[1:].islower()
                    and last[1:].islower()
                    and names.is_given_name(first)
                    and names.is_surname(last)
                    for first, last in itertools.pairwise(parts)
                ):
                    yield from self.found(page, [WordRef(li, wi)], "PERSON")


_MONTHS_AND_DAYS = frozenset(
    w.lower()
    for w in (
        *words("screen", "months"),
        *words("screen", "weekdays"),
        *words("screen", "months_before_day"),
    )
)
#: One word (a first name or a nickname, any case) then a time, alone on a line.
_SENDER_TIME = re.compile(
    rf"^\W{{0,2}}(?P<v>[^\W\d_][^\W\d_'\u2019\-]{{1,20}})[ \t]+(?:{TIME})$"
)
_SINGLE_WORD = re.compile(r"^[A-Z\u00c0-\u00de][^\W\d_]{1,20}$")
_TIME_ONLY = re.compile(rf"(?:{TIME})")
_LONE_WORD = re.compile(r"[^\W\d_][^\W\d_'\u2019\-]{1,20}")


def _lone_word_ok(word: str) -> bool:
    """A single word that can stand for a person alone: no UI word, month or weekday."""
    low = word.lower()
    return not is_ui_word(word) and low not in _MONTHS_AND_DAYS and len(word) >= 2


@register
class SenderTimeRule(LayoutRule):
    """A first name or a nickname alone before a time, twice or more on the page (a chat's
    message headers, a direct-message list): one word, no UI word, month or weekday, that the
    gazetteer knows as a given name or that is written in lowercase (an event title before a
    time is capitalised and rarely a known name)."""

    name = "sender_time"
    entity_types = _PERSON
    order = 77

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        lines = layout.lines
        seen: dict[str, list[WordRef]] = {}
        for li, line in enumerate(lines):
            match = _SENDER_TIME.match(line.text.strip())
            if match:
                seen.setdefault(match.group("v"), []).append(WordRef(li, 0))
        for row in layout.rows:
            for a, b in itertools.pairwise(row):
                word = lines[a].text.strip()
                if (
                    len(lines[a].words) == 1
                    and _TIME_ONLY.fullmatch(lines[b].text.strip())
                    and _LONE_WORD.fullmatch(word)
                ):
                    seen.setdefault(word, []).append(WordRef(a, 0))
        names = gazetteer()
        for word, refs in seen.items():
            if len(refs) < 2 or not _lone_word_ok(word):
                continue
            if names.is_given_name(word) or word.islower():
                for ref in refs:
                    yield from self.found(page, [ref], "PERSON")


@register
class CardAssigneeRule(LayoutRule):
    """A board of cards, each a title over one capitalised word (its assignee): three cards or
    more, most of whose words the gazetteer knows as given names; then every such word that is
    no UI word, month or weekday is a person (the unknown names of the board included)."""

    name = "card_assignee"
    entity_types = _PERSON
    order = 78

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        lines = layout.lines
        pairs: list[int] = []
        for li, line in enumerate(lines):
            if len(line.words) < 2 or label_entity(line.text) is not None:
                continue
            below = layout.below(li, max_gap_lines=0.8)
            if not below:
                continue
            under = lines[below[0]]
            word = under.text.strip()
            if (
                len(under.words) == 1
                and abs(under.box.x - line.box.x) <= line.box.h
                and _SINGLE_WORD.match(word)
                and _lone_word_ok(word)
            ):
                pairs.append(below[0])
        if len(pairs) < 3:
            return
        names = gazetteer()
        known = sum(1 for li in pairs if names.is_given_name(lines[li].text.strip()))
        if 2 * known < len(pairs):
            return
        for li in pairs:
            yield from self.found(page, [WordRef(li, 0)], "PERSON")
