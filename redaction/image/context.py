"""Screen layout as context: the cues a person uses to see that a bare value is personal.

A name alone in a list row carries no sentence for NER. The screen around it does: a label
("Name:", "Owner" above a field, a column headed "Email"), a chat or inbox row (a name then a
time), an e-mail header (``Name <address>``), "Created by X", a greeting or a sign-off, a company
suffix. These rules are generic UI conventions, tuned on the generated development set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.image import geometry
from redaction.image.findings import Finding, from_words
from redaction.image.layout import Layout, TextDocument, WordRef
from redaction.lexicon import alternation, tagged, words
from redaction.models import Box
from redaction.rules.secrets import is_shell_prompt

RECOGNIZER = "screen_layout"

_PERSON_LABELS = words("screen", "person_labels")
#: Headings over a list of people (each row a name).
_PEOPLE_LIST_LABELS = words("screen", "people_list_labels")
_LABELS: dict[str, str] = {
    **dict.fromkeys(_PERSON_LABELS, "PERSON"),
    **dict.fromkeys(_PEOPLE_LIST_LABELS, "PERSON"),
    **dict.fromkeys(
        words("screen", "labels"),
        "EMAIL_ADDRESS",
    ),
    **dict.fromkeys(
        words("screen", "labels_2"),
        "PHONE_NUMBER",
    ),
    **dict.fromkeys(
        words("screen", "labels_3"),
        "STREET_ADDRESS",
    ),
    **dict.fromkeys(
        words("screen", "labels_4"),
        "ORGANIZATION",
    ),
    **dict.fromkeys(words("screen", "labels_5"), "USERNAME"),
    **dict.fromkeys(
        words("screen", "labels_6"),
        "REPOSITORY",
    ),
    **dict.fromkeys(
        words("screen", "labels_7"),
        "ACCOUNT_ID",
    ),
    **dict.fromkeys(
        words("screen", "labels_8"),
        "SECRET",
    ),
}
_PLURAL_LABELS = frozenset({*_PEOPLE_LIST_LABELS, *words("screen", "plural_labels")})
#: Labels over an addressee block: a name, a company, an address, one a line.
_ADDRESSEE_LABELS = frozenset(words("screen", "addressee_labels"))
#: Labels that name a column of personal values in a table header.
_COLUMN_LABELS = {
    **{k: v for k, v in _LABELS.items() if k not in frozenset(words("screen", "column_labels_2"))},
    # A "User" column of an admin list holds names (a cell must still look like one).
    "user": "PERSON",
    "users": "PERSON",
    # A customer or an account is a person or a company: either shape is taken.
    **dict.fromkeys(
        words("screen", "column_labels"),
        "PARTY",
    ),
}

_NOT_NAMES = frozenset(tagged("names", "not_a_name", "screen"))

_TIME = (
    (
        r"(?i:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?|yesterday|today|now|(?"
        r":"
    )
    + alternation(words("screen", "time"))
    + r")[a-z]*|(?:"
    + alternation(words("screen", "time_2"))
    + r")[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:"
    + alternation(words("screen", "time_3"))
    + r")[a-z]*|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d+\s?(?:"
    + alternation(words("screen", "time_4"))
    + r")\b(?:\s+ago)?|(?:\d+|an?)\s+(?:"
    + alternation(words("screen", "time_5"))
    + r")s?\s+ago|just\s+now|(?:19|20)\d{2}-\d{2}-\d{2})"
)
#: A capitalised word, accented letters included ("José", "Łukasz", "Müller").
_CAP = (
    r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f]"
    r"[a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f'\u2019\-]+"
)
_NAME = rf"{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,3}}"
_EMAIL = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"

#: "Andrea Herrera   7:26 AM" (chat, inbox, list rows), also glued ("Herrera7:26 AM").
#: (OCR sometimes reads a capital as a small letter: "shawn Simpson".)
#: (Also in a row's later cell, "Changes 2 | Jane Doe, 4 weeks ago", and after a commit hash,
#: "98b84b0 Jane Doe 3 days ago": ``git log --format='%h %an %ar'``, blame annotations.)
_ROW_NAME_TIME = re.compile(
    rf"(?:^|(?<=\| ))\W{{0,3}}"
    rf"(?:[A-Z]{{1,2}}[ \t]+(?:\|[ \t]+)?|(?=[0-9a-f]*\d)[0-9a-f]{{7,40}}[ \t]+)?"
    rf"(?P<v>(?:{_CAP}|[a-z][a-z'\-]+)(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,3}})"
    rf"[ \t]*(?:[\u00b7|,\-\u2013][ \t]*)?{_TIME}\b",
    re.M,
)
#: "Name <email>", "Name (email)" (not before a no-reply address: that names a service).
_NAME_EMAIL = re.compile(
    rf"(?P<v>{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{0,3}})[ \t|]*[<(\[]\s*"
    rf"(?!(?i:no-?reply|do-?not-?reply|donotreply|mailer-daemon|notifications?)@){_EMAIL}"
)
#: A profile page's title: "Jane Doe | LinkedIn", "Jane Doe - LinkedIn" (a tab, a history row).
_PROFILE_TITLE = re.compile(
    rf"(?:^|(?<=\n)|(?<=\| )|(?<=[\-\u2013] ))\W{{0,3}}"
    rf"(?P<v>{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,2}})(?:[ \t]*\(\d+\))?"
    r"[ \t]+[|\-\u2013\u2014\u00b7][ \t]+(?:LinkedIn|Facebook|Instagram|Twitter)\b",
    re.M,
)
_PERSONAL_DOC_WORDS = alternation(words("screen", "personal_doc"))
#: A personal document named after its person: "Offer letter - Jane Doe.pdf", "Resume_Jane Doe",
#: "Jane Doe - CV.pdf" (a tab title, a download, a file list).
_PERSONAL_DOC = re.compile(
    rf"\b(?i:offer[ \t]+letter|resume|r\u00e9sum\u00e9|{_PERSONAL_DOC_WORDS})"
    rf"[ \t]*[\-\u2013_:][ \t]*"
    rf"(?P<v>{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,2}}?)"
    r"(?=\.\w{2,4}\b|[ \t]*(?:$|\n|[|\-\u2013]))"
    rf"|(?:^|(?<=\n)|(?<=\| ))(?P<w>{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,2}})"
    r"[ \t]*[\-\u2013_][ \t]*"
    r"(?i:offer[ \t]+letter|resume|r\u00e9sum\u00e9|cv)\b",
    re.M,
)
_POSSESSIVE_WORDS = alternation(words("screen", "possessive"))
#: Someone's own space, page or plan: "Michael's space", "Ana Silva's onboarding plan".
_POSSESSIVE = re.compile(
    rf"(?:^|(?<=\n)|(?<=\| ))\W{{0,3}}(?P<v>{_CAP}(?:[ \t]+{_CAP})?)['\u2019]s[ \t]+"
    rf"(?i:{_POSSESSIVE_WORDS}|to-?dos?|personal)\b",
    re.M,
)
_BY_VERB_WORDS = alternation(words("screen", "by_verb"))
_BY_VERB = re.compile(
    rf"\b(?:{_BY_VERB_WORDS})[ \t]+(?:by|to|for)[ \t]+"
    rf"(?P<v>{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{0,2}})"
)
_GREETING_WORDS = alternation(words("screen", "greeting"), spaces=" ")
_GREETING = re.compile(
    rf"\b(?i:{_GREETING_WORDS}),?[ \t]+"
    rf"(?P<v>{_CAP}(?:[ \t]+{_CAP})?)[ \t]*[,!.:]"
)
_SIGN_OFF_WORDS = alternation(words("screen", "sign_off"), spaces=" ")
_SIGN_OFF = re.compile(
    rf"\b(?:{_SIGN_OFF_WORDS}),[ \t]*\n{{0,2}}[ \t]*"
    rf"(?P<v>{_CAP}(?:[ \t]+{_CAP}){{0,2}})"
)
_COMPANY_WORDS = alternation(words("screen", "company"))
_COMPANY = re.compile(
    rf"(?P<v>(?:{_CAP}|[A-Z]{{2,}})(?:[ \t]+(?:&[ \t]+)?(?:{_CAP}|[A-Z]{{2,}})){{0,2}}[ \t]+"
    rf"(?:Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|Corp\.?|{_COMPANY_WORDS})(?![\w-]))"
    #: Partnership style: "Howard, Swanson and Adams", "Farrell & Co".
    rf"|(?P<p>{_CAP},[ \t]+{_CAP},?[ \t]+(?:and|&)[ \t]+{_CAP}|{_CAP}[ \t]+&[ \t]+{_CAP})"
)

_ORG_WORDS = (
    rf"(?:{_CAP}|[A-Z]{{2,}})"
    rf"(?:[ \t]+(?:&[ \t]+)?(?:{_CAP}|[A-Z]{{2,}}|Inc\.?|LLC|Ltd\.?|Co\.?)){{0,4}}"
)
_ACTIVITY_WORDS = alternation(words("screen", "activity"))
#: "Jane Doe changed the status", "Jane Doe commented": an activity log or a feed names its
#: actor first on the row.
_ACTIVITY = re.compile(
    rf"(?:^|(?<=\| )|(?<=\n))\W{{0,3}}(?:[A-Z]{{1,2}}[ \t]+(?:\|[ \t]+)?)?"
    rf"(?P<v>{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,2}})[ \t]+"
    rf"(?:{_ACTIVITY_WORDS})\b",
    re.M,
)
_FROM_NAME_WORDS = alternation(words("screen", "from_name"))
#: "New message from Jane Doe", "Invitation from Jane Doe".
_FROM_NAME = re.compile(
    rf"\b(?i:{_FROM_NAME_WORDS})[ \t]+(?i:from)[ \t]+"
    rf"(?P<v>{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,2}})"
)
_HONORIFIC_WORDS = alternation(words("screen", "honorific"))
#: An honorific before a name: "Dr. Jane Doe", "Ms Ada Byron".
_HONORIFIC = re.compile(
    rf"\b(?:{_HONORIFIC_WORDS})\.?[ \t]+(?P<v>{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{0,2}})"
)
_WITH_NAME_WORDS = alternation(words("screen", "with_name"), spaces=" ")
#: A calendar event with someone: "1:1 Ada / Tom", "Lunch with Jane Doe", "Interview: José".
_WITH_NAME = re.compile(
    rf"(?:\b1:1|\b1-on-1|\b(?i:{_WITH_NAME_WORDS}|1:1s?))(?:[ \t]+(?i:with))?[ \t]*:?[ \t]+"
    # (OCR reads a capital I as a small l now and then: "lñaki Ibáñez".)
    rf"(?P<v>(?:{_CAP}|l[a-z\u00e0-\u00f6\u00f8-\u017f]+(?=[ \t]+{_CAP}))"
    rf"(?:[ \t]+(?:[A-Z]\.|{_CAP})){{0,2}})"
    rf"(?:[ \t]*[/&+][ \t]*(?P<w>{_CAP}(?:[ \t]+{_CAP}){{0,2}}))?"
)
#: An author in brackets before a time: "(Jane Doe, 3 days ago)", "(J. Doe 2h)".
_PAREN_AUTHOR = re.compile(
    rf"\((?P<v>(?:{_CAP}|[A-Z]\.)(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,2}}),?[ \t]+{_TIME}\)"
)
#: A mention chip of a full name: "@Jane Doe".
_MENTION_NAME = re.compile(rf"(?<![\w.@])@(?P<v>{_CAP}[ \t]+{_CAP})(?![\w(])")
_ROLE_ROW_WORDS = alternation(words("screen", "role_row"), spaces=" ")
#: A name in a sharing or member list with its role or "(you)" after it.
_ROLE_ROW = re.compile(
    rf"(?:^|(?<=\n))\W{{0,3}}(?:[A-Z]{{1,2}}[ \t]+(?:\|[ \t]+)?)?"
    rf"(?P<v>{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,2}})[ \t]*"
    rf"(?:\((?i:you|me|owner|organizer|guest)\)|[ \t]*\|[ \t]*(?:{_ROLE_ROW_WORDS})"
    r"[ \t]*(?:\n|$))",
    re.M,
)
#: "(c) 2026 Acme Inc." in a footer: the company that owns the page or the document.
_COPYRIGHT = re.compile(
    rf"(?:\u00a9|\([cC]\)|(?i:copyright))[ \t]*(?:(?:19|20)\d{{2}}(?:[ \t]*[\-\u2013][ \t]*"
    rf"(?:19|20)\d{{2}})?)?[ \t]+(?P<v>{_ORG_WORDS})"
)
_EMPLOYMENT_WORDS = alternation(words("screen", "employment"))
#: A profile's experience row: "Acme Labs \u00b7 Full-time".
_EMPLOYMENT = re.compile(
    rf"(?:^|(?<=\n)|(?<=\| ))(?P<v>{_ORG_WORDS})[ \t]*[\u00b7|\-\u2013,][ \t]*"
    rf"(?i:{_EMPLOYMENT_WORDS})\b",
    re.M,
)
#: A company marked on a confidentiality line: "Acme Labs \u00b7 Confidential".
_CONFIDENTIAL = re.compile(
    rf"(?P<v>{_ORG_WORDS})[ \t]*[\u00b7|\-\u2013,]?[ \t]*(?:Confidential|Internal use only|"
    r"Proprietary)\b"
)
_SIGNED_ORG_WORDS = alternation(words("screen", "signed_org"), spaces=" ")
#: A sign-off with the company after the name: "— Jane Doe, Acme Labs" or on the next line.
_SIGNED_ORG = re.compile(
    rf"(?:(?:^|(?<=\n))[\u2014\u2013\-~][ \t]*{_CAP}(?:[ \t]+{_CAP}){{1,2}},[ \t]*"
    rf"|\b(?:{_SIGNED_ORG_WORDS}),?[ \t]*\n{{1,2}}[ \t]*{_CAP}(?:[ \t]+{_CAP}){{1,2}}"
    rf"[ \t]*(?:,[ \t]*|\n{{1,2}}[ \t]*))(?P<v>{_ORG_WORDS})[ \t]*(?=\n|$)"
)


def is_ui_word(token: str) -> bool:
    """A word that labels or frames a screen rather than naming anyone."""
    low = token.lower().strip(":")
    return low in _NOT_NAMES or low in _LABELS


def _norm_label(text: str) -> str:
    text = text.strip().lower()
    text = re.sub(r"\(optional\)|\(required\)|[*:\uff1a]+$", "", text).strip()
    return re.sub(r"\s+", " ", text.rstrip(":*").strip())


def label_of(text: str) -> str | None:
    """The entity type a label line announces ("Email address" -> EMAIL_ADDRESS), if any."""
    return _LABELS.get(_norm_label(text))


_PARTICLES = frozenset(tagged("names", "particle", "screen"))


def _value_ok(entity: str, text: str) -> bool:
    words = text.split()
    if not words or not re.search(r"[A-Za-z0-9]", text) or label_of(text) is not None:
        return False
    if entity == "PERSON":
        # A name is capitalised word by word (screens keep case), or an address or handle.
        if "@" in text:
            return len(words) <= 3
        if all(is_ui_word(w) for w in words):
            return False  # "Unassigned", "You", "None"
        return len(words) <= 5 and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)
    if entity == "PHONE_NUMBER":
        return len(re.findall(r"\d", text)) >= 5
    if entity == "EMAIL_ADDRESS":
        return "@" in text or "." in text
    if entity == "REPOSITORY":
        return len(words) == 1 and bool(re.fullmatch(r"[\w.\-]+/[\w.\-]+", text.strip()))
    if entity == "SECRET" and is_shell_prompt(words[0]):
        return False  # "Password: bash-5.2#": a silent prompt, then the shell's next prompt
    return len(words) <= 10


def _cell_ok(entity: str, text: str) -> bool:
    """A list or table cell of this type: stricter than a labelled value (a whole column or
    list is taken on the strength of one header)."""
    if entity == "PERSON":
        return name_like(text) or bool(re.fullmatch(rf"@?{_EMAIL}", text.strip()))
    if entity == "PARTY":
        return name_like(text) or (_org_line(text) and not is_ui_word(text.strip()))
    if entity == "REPOSITORY" and not re.search(r"[/ ]", text.strip()):
        # A list of projects under its heading: slugs someone chose.
        return bool(re.fullmatch(r"[a-z0-9][a-z0-9_.]*[\-_][a-z0-9_.\-]+", text.strip()))
    return _value_ok(entity, text)


def _looks_like_name(text: str) -> bool:
    parts = re.findall(r"[A-Za-z'\u2019\-]+", text)
    return (
        bool(parts)
        and not all(p.lower() in _NOT_NAMES for p in parts)
        and not any(p.lower() in _NOT_NAMES for p in parts[:1])
    )


class LayoutContext:
    """Findings from layout cues over one page."""

    def __init__(self, layout: Layout, documents: list[TextDocument]) -> None:
        self.layout = layout
        self.documents = documents

    def findings(self) -> list[Finding]:
        out: list[Finding] = []
        out.extend(self._label_colon())
        out.extend(self._label_row_or_above())
        out.extend(self._columns())
        out.extend(self._patterns())
        out.extend(self._signatures())
        out.extend(self._stacked())
        out.extend(self._name_then_title())
        out.extend(self._addressee())
        return out

    # --- helpers -------------------------------------------------------------------------
    def _line_refs(self, line: int, start: int = 0) -> list[WordRef]:
        return [WordRef(line, i) for i in range(start, len(self.layout.lines[line].words))]

    def _finding(self, refs: list[WordRef], entity: str, score: float) -> Finding | None:
        return from_words(self.layout, refs, entity, RECOGNIZER, score)

    # --- rules ---------------------------------------------------------------------------
    def _label_colon(self) -> Iterator[Finding]:
        """ "Label: value" inside one line (also glued: "Email:jane@x.org")."""
        for li, line in enumerate(self.layout.lines):
            words = line.words
            i = 0
            while i < len(words):
                entity = None
                span = 0
                for n in (3, 2, 1):
                    if i + n > len(words):
                        continue
                    text = " ".join(w.text for w in words[i : i + n])
                    if ":" in text:
                        label, _, rest = text.partition(":")
                        if label_of(label) and (not rest or n == 1):
                            entity, span = label_of(label), n
                            if rest and _value_ok(entity or "", rest):
                                # Glued: the value shares the label's word.
                                found = self._finding([WordRef(li, i)], entity or "", 0.6)
                                if found:
                                    yield found
                                entity = None
                            break
                if entity is None:
                    i += 1
                    continue
                j = i + span
                value: list[WordRef] = []
                while j < len(words):
                    text = words[j].text
                    if text.endswith(":") and label_of(text):
                        break
                    value.append(WordRef(li, j))
                    j += 1
                value_text = " ".join(self.layout.word(r).text for r in value)
                if value and _value_ok(entity, value_text):
                    found = self._finding(value, entity, 0.6)
                    if found:
                        yield found
                i = j

    def _label_row_or_above(self) -> Iterator[Finding]:
        """A label line with its value right of it (same row) or right under it."""
        for row in self.layout.rows:
            # A row of several labels is a table header: its neighbours are labels, not values.
            header = sum(1 for li in row if label_of(self.layout.lines[li].text)) >= 2
            for pos, li in enumerate(row):
                entity = label_of(self.layout.lines[li].text)
                if entity is None:
                    continue
                candidates: list[int] = []
                if pos + 1 < len(row) and not header:
                    nxt = row[pos + 1]
                    gap = self.layout.lines[nxt].box.x - geometry.right(self.layout.lines[li].box)
                    if gap <= 5 * self.layout.lines[li].box.h:
                        candidates.append(nxt)
                candidates.extend(self._values_below(li, entity))
                plural = _norm_label(self.layout.lines[li].text) in _PLURAL_LABELS
                for value_line in candidates:
                    text = self.layout.lines[value_line].text
                    if _value_ok(entity, text) or (plural and _cell_ok(entity, text)):
                        found = self._finding(self._line_refs(value_line), entity, 0.55)
                        if found:
                            yield found

    def _values_below(self, line: int, entity: str) -> list[int]:
        """The line under a label; under a plural label ("Reviewers"), the whole list."""
        below = self.layout.below(line)
        if not below or _norm_label(self.layout.lines[line].text) not in _PLURAL_LABELS:
            return below
        out: list[int] = []
        while below and len(out) < 30 and _cell_ok(entity, self.layout.lines[below[0]].text):
            out.append(below[0])
            below = self.layout.below(below[0])
        return out

    def _columns(self) -> Iterator[Finding]:
        """Cells under a column header that names personal data ("Email", "Owner")."""
        rows = self.layout.rows
        lines = self.layout.lines
        for r, row in enumerate(rows):
            if len(row) < 2:
                continue
            headers = [(li, _COLUMN_LABELS.get(_norm_label(lines[li].text))) for li in row]
            short = sum(1 for li in row if len(lines[li].words) <= 3)
            if not any(e for _, e in headers) or short < 2:
                continue
            for li, entity in headers:
                if entity is None:
                    continue
                head = lines[li].box
                last_y = geometry.bottom(head)
                pitch = max(head.h * 1.2, 1)
                misses = 0
                for next_row in rows[r + 1 : r + 200]:
                    top = min(lines[x].box.y for x in next_row)
                    if top - last_y > 3.5 * pitch:
                        break
                    cell = [x for x in next_row if _col_match(head, lines[x].box)]
                    if not cell:
                        misses += 1
                        if misses > 1:
                            break
                        continue
                    misses = 0
                    value = cell[0]
                    if label_of(lines[value].text) is not None:
                        break
                    pitch = max(pitch, 0.5 * (lines[value].box.y - last_y + pitch))
                    last_y = geometry.bottom(lines[value].box)
                    if _cell_ok(entity, lines[value].text):
                        kind = entity
                        if entity == "PARTY":
                            kind = "PERSON" if name_like(lines[value].text) else "ORGANIZATION"
                        found = self._finding(self._line_refs(value), kind, 0.5)
                        if found:
                            yield found

    def _patterns(self) -> Iterator[Finding]:
        rules: tuple[tuple[re.Pattern[str], str, float, bool, str], ...] = (
            (_ROW_NAME_TIME, "PERSON", 0.5, True, "rows"),
            (_NAME_EMAIL, "PERSON", 0.6, True, "*"),
            (_BY_VERB, "PERSON", 0.6, True, "*"),
            (_GREETING, "PERSON", 0.5, True, "*"),
            (_SIGN_OFF, "PERSON", 0.5, True, "blocks"),
            (_COMPANY, "ORGANIZATION", 0.45, False, "*"),
            (_ACTIVITY, "PERSON", 0.5, True, "rows"),
            (_FROM_NAME, "PERSON", 0.55, True, "*"),
            (_MENTION_NAME, "PERSON", 0.55, True, "*"),
            (_ROLE_ROW, "PERSON", 0.5, True, "rows"),
            (_HONORIFIC, "PERSON", 0.55, True, "*"),
            (_WITH_NAME, "PERSON", 0.5, True, "rows"),
            (_PAREN_AUTHOR, "PERSON", 0.55, True, "*"),
            (_PROFILE_TITLE, "PERSON", 0.55, True, "*"),
            (_POSSESSIVE, "PERSON", 0.5, True, "rows"),
            (_PERSONAL_DOC, "PERSON", 0.55, True, "rows"),
            (_COPYRIGHT, "ORGANIZATION", 0.5, False, "*"),
            (_EMPLOYMENT, "ORGANIZATION", 0.5, False, "rows"),
            (_CONFIDENTIAL, "ORGANIZATION", 0.45, False, "*"),
            (_SIGNED_ORG, "ORGANIZATION", 0.5, False, "blocks"),
        )
        for document in self.documents:
            for pattern, entity, score, name_check, kind in rules:
                if kind not in ("*", document.kind):
                    continue
                for match in pattern.finditer(document.text):
                    if pattern is _WITH_NAME and match.group("w"):
                        second = match.group("w")
                        if name_like(second) or (
                            len(second.split()) == 1 and not is_ui_word(second)
                        ):
                            refs = [
                                document.refs[i] for i in document.words_between(*match.span("w"))
                            ]
                            found = self._finding(refs, entity, score)
                            if found:
                                yield found
                    group = next(
                        g for g in ("v", "w", "p") if g in pattern.groupindex and match.group(g)
                    )
                    start, end = match.span(group)
                    value = match.group(group)
                    if name_check and not _looks_like_name(value):
                        continue
                    if entity == "ORGANIZATION" and not _org_value_ok(value):
                        continue
                    if pattern in _STRICT_NAME_RULES and not name_like(value):
                        continue
                    if pattern in _FIRST_NAME_RULES and (
                        is_ui_word(value.split()[0]) or not _looks_like_name(value)
                    ):
                        continue
                    refs = [document.refs[i] for i in document.words_between(start, end)]
                    found = self._finding(refs, entity, score)
                    if found:
                        yield found

    def _signatures(self) -> Iterator[Finding]:
        """A job title in a signature names the employer next to it: "Title at Company",
        "Name | Title | Company", or the company on the line under the title."""
        lines = self.layout.lines
        for block in self.layout.blocks:
            for n, li in enumerate(block):
                words = lines[li].words
                texts = [w.text for w in words]
                # Same line: the cell after the title ("|", " at ", ", ").
                for i in range(len(texts)):
                    if texts[i].lower() in ("at", "@", "|", "\u00b7", "-", "\u2013", "\u2014"):
                        head = " ".join(texts[:i]).split("|")[-1]
                        if _title_line(head):
                            end = i + 1
                            while end < len(texts) and texts[end] not in ("|", "\u00b7"):
                                end += 1
                            tail = " ".join(texts[i + 1 : end])
                            if _org_line(tail):
                                found = self._finding(
                                    [WordRef(li, k) for k in range(i + 1, end)], "ORGANIZATION", 0.5
                                )
                                if found:
                                    yield found
                            break
                if n + 1 < len(block) and _title_line(lines[li].text.rstrip(",")):
                    below = block[n + 1]
                    if (
                        _org_line(lines[below].text.rstrip(","))
                        and geometry.bottom(lines[li].box) + 2 * lines[li].box.h
                        >= lines[below].box.y
                    ):
                        found = self._finding(self._line_refs(below), "ORGANIZATION", 0.5)
                        if found:
                            yield found

    def _stacked(self) -> Iterator[Finding]:
        """A name over an e-mail address or a job title (a people picker's suggestion, a
        profile or contact card, a signature): the line above is the person."""
        lines = self.layout.lines
        for li, line in enumerate(lines):
            below = self.layout.below(li, max_gap_lines=1.2)
            if not below:
                continue
            under = lines[below[0]].text.strip()
            text = _strip_initials(line.text)
            if not name_like(text):
                continue
            if re.fullmatch(_EMAIL, under) or (
                _title_line(under) and not _title_line(text) and not _org_line_strict(text)
            ):
                refs = self._line_refs(li, len(line.text.split()) - len(text.split()))
                found = self._finding(refs, "PERSON", 0.5)
                if found:
                    yield found

    def _name_then_title(self) -> Iterator[Finding]:
        """ "Daniel Fry  Data Scientist" on one line (a people search, a directory row): the
        words before a job title are a name when they look like one."""
        for li, line in enumerate(self.layout.lines):
            words = [w.text for w in line.words]
            skip = 1 if len(words) >= 4 and re.fullmatch(r"[A-Z]{1,2}", words[0]) else 0
            for n in (2, 3):
                if len(words) < skip + n + 1:
                    continue
                name = " ".join(words[skip : skip + n])
                rest = " ".join(words[skip + n :])
                if (
                    name_like(name)
                    and _title_line(rest)
                    and not _title_line(name)
                    and not any(w.lower() in _TITLE_PREFIXES for w in words[skip : skip + n])
                    and rest.split()[0].lower() not in ("at", "of", "for", "and")
                ):
                    refs = [WordRef(li, k) for k in range(skip, skip + n)]
                    found = self._finding(refs, "PERSON", 0.5)
                    if found:
                        yield found
                    break

    def _addressee(self) -> Iterator[Finding]:
        """ "Bill to" / "Ship to" over a name, a company and an address, one a line."""
        lines = self.layout.lines
        for li, line in enumerate(lines):
            if _norm_label(line.text) not in _ADDRESSEE_LABELS:
                continue
            at = li
            for _ in range(3):
                below = self.layout.below(at)
                if not below:
                    break
                at = below[0]
                text = lines[at].text.strip()
                if label_of(text) is not None or re.search(r"\d", text):
                    break
                entity = "PERSON" if name_like(text) else "ORGANIZATION"
                if _value_ok(entity, text) or _org_line(text):
                    found = self._finding(self._line_refs(at), entity, 0.5)
                    if found:
                        yield found


#: Words that start a job title, not a name ("Senior Product Designer").
_TITLE_PREFIXES = frozenset(words("screen", "title_prefixes"))


def _strip_initials(text: str) -> str:
    """A list row's avatar initials ("JD Jane Doe") are not part of the name."""
    words = text.split()
    if len(words) >= 3 and re.fullmatch(r"[A-Z]{1,2}", words[0]):
        return " ".join(words[1:])
    return text.strip()


def _org_line_strict(text: str) -> bool:
    """Ends with a company suffix: "Smith Labs" over a title is a company, not a person."""
    return bool(_COMPANY.fullmatch(text.strip()))


_TITLE_WORDS = re.compile(
    (r"\b(?:" + alternation(words("screen", "title_words"), spaces=r" ") + r")s?\b"),
    re.I,
)
_ORG_LINE = re.compile(
    (
        r"^(?:[A-Z][\w&'.,\-]*|[A-Z]{2,}|&|and|of|the|for|de)(?:[ \t]+(?:[A-Z][\w&'.,\-]"
        r"*|[A-Z]{2,}|&|"
    )
    + alternation(words("screen", "org_line"))
    + r"|Inc\.?|LLC|Ltd\.?)){0,4}$"
)


#: Rules whose name must look like one in a list (no UI word in it: "GitHub Actions added").
_STRICT_NAME_RULES = (
    _ACTIVITY,
    _FROM_NAME,
    _MENTION_NAME,
    _ROLE_ROW,
    _ROW_NAME_TIME,
    _PROFILE_TITLE,
    _PERSONAL_DOC,
)
#: Rules whose one-word value is a first name (the cue says it is a person).
_FIRST_NAME_RULES = (_HONORIFIC, _WITH_NAME, _GREETING, _POSSESSIVE)
#: Companies everyone knows: a news item or a tutorial naming them names no one's employer.
_PUBLIC_COMPANIES = frozenset(words("screen", "public_companies"))


def public_company(word: str) -> bool:
    """A company everyone knows (see ``_PUBLIC_COMPANIES``)."""
    return word.lower() in _PUBLIC_COMPANIES


def _org_value_ok(value: str) -> bool:
    """A company found by a cue: not a job title, not only UI words, not "All rights"."""
    words = re.findall(r"[A-Za-z]+", value)
    head = " ".join(words[:2]).lower()
    return (
        bool(words)
        and words[0].lower() not in _PUBLIC_COMPANIES
        and head not in {"red hat"}
        and (not _title_line(value) or _org_line_strict(value))
        and not all(is_ui_word(w) or w.lower() in _ORG_STOP for w in words)
    )


_ORG_STOP = frozenset(words("screen", "org_stop"))


def _title_line(text: str) -> bool:
    """A short line holding a job title ("Senior Account Manager", "VP Engineering")."""
    words = text.split()
    return (
        0 < len(words) <= 6 and bool(_TITLE_WORDS.search(text)) and not re.search(r"[\d@/]", text)
    )


def _org_line(text: str) -> bool:
    """What stands for a company after a title: one to five capitalised words, no digits."""
    text = text.strip().rstrip(",.")
    return (
        bool(_ORG_LINE.match(text))
        and (not _title_line(text) or _org_line_strict(text))
        and not all(is_ui_word(t) for t in re.findall(r"[A-Za-z]+", text))
    )


def _col_match(head: Box, cell: Box) -> bool:
    if abs(cell.x - head.x) <= max(head.h, 8):
        return True
    shared = min(geometry.right(head), geometry.right(cell)) - max(head.x, cell.x)
    return bool(shared > 0.5 * min(head.w, cell.w))


_NAME_LINE = re.compile(rf"^{_CAP}(?:[ \t]+(?:[A-Z]\.|{_CAP})){{1,2}}$")


#: A presence dot or a bullet before a list entry.
_BULLETS = "●•◦○·*"


def name_like(text: str) -> bool:
    """Two or three capitalised words, none of them a UI word: how a name stands in a list
    (after a presence dot or a bullet: "● Jane Doe"). Not led by an acronym beside other
    words ("HTTPS SSH GitHub": a name starts in capitals only when written so whole)."""
    text = text.strip().lstrip(_BULLETS).strip()
    words = text.split()
    caps = [w.isupper() and len(w) >= 3 for w in words]
    if caps and caps[0] and not all(caps):
        return False  # (a degree after a name stays: "Paige Davis DVM")
    return (
        bool(_NAME_LINE.match(text))
        and _looks_like_name(text)
        and not any(is_ui_word(t) for t in text.split())
    )


def extend_lists(layout: Layout, findings: list[Finding]) -> list[Finding]:
    """In a list (a block of lines) where most name-like entries were found to be names, the
    other name-like entries are names too (a sidebar of people, a column of owners)."""
    person_refs = {ref for f in findings if f.entity_type == "PERSON" for ref in f.refs}
    out: list[Finding] = []
    for block in layout.blocks:
        if len(block) < 3:
            continue
        names = [li for li in block if name_like(layout.lines[li].text)]
        if len(names) < 3:
            continue
        found = [
            li
            for li in names
            if all(
                WordRef(li, i) in person_refs or not w.text.strip(_BULLETS)
                for i, w in enumerate(layout.lines[li].words)
            )
        ]
        if len(found) * 2 < len(names) or len(found) == len(names):
            continue
        for li in names:
            if li not in found:
                refs = [WordRef(li, i) for i in range(len(layout.lines[li].words))]
                finding = from_words(layout, refs, "PERSON", RECOGNIZER, 0.45)
                if finding:
                    out.append(finding)
    return out
