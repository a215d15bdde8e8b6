"""What the screen rules share: the words and shapes of screen text (labels and what they
announce, capitalised names, times, company lines, job titles, UI words).

Plain string checks, no layout: the layout rules (:mod:`redaction.rules.layout`,
:mod:`redaction.rules.screen_people`, :mod:`redaction.rules.screen_organisations`), the frame
redactor's list extension and the screen checks of text spans (:mod:`redaction.image.analysis`)
all use them, and none of those import one another.
"""

from __future__ import annotations

import re

from redaction.lexicon import alternation, tagged, words
from redaction.rules.secrets import is_shell_prompt

_PERSON_LABELS = words("screen", "person_labels")
#: Headings over a list of people (each row a name).
_PEOPLE_LIST_LABELS = words("screen", "people_list_labels")
LABELS: dict[str, str] = {
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
PLURAL_LABELS = frozenset({*_PEOPLE_LIST_LABELS, *words("screen", "plural_labels")})
#: Labels over an addressee block: a name, a company, an address, one a line.
ADDRESSEE_LABELS = frozenset(words("screen", "addressee_labels"))
#: Labels that name a column of personal values in a table header.
COLUMN_LABELS = {
    **{k: v for k, v in LABELS.items() if k not in frozenset(words("screen", "column_labels_2"))},
    # A "User" column of an admin list holds names (a cell must still look like one).
    "user": "PERSON",
    "users": "PERSON",
    # A customer or an account is a person or a company: either shape is taken.
    **dict.fromkeys(
        words("screen", "column_labels"),
        "PARTY",
    ),
}

NOT_NAMES = frozenset(tagged("names", "not_a_name", "screen"))

TIME = (
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
CAP = (
    r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f]"
    r"[a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f'\u2019\-]+"
)
NAME = rf"{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{1,3}}"
EMAIL = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"

_COMPANY_WORDS = alternation(words("screen", "company"))
COMPANY = re.compile(
    rf"(?P<v>(?:{CAP}|[A-Z]{{2,}})(?:[ \t]+(?:&[ \t]+)?(?:{CAP}|[A-Z]{{2,}})){{0,2}}[ \t]+"
    rf"(?:Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|Corp\.?|{_COMPANY_WORDS})(?![\w-]))"
    #: Partnership style: "Howard, Swanson and Adams", "Farrell & Co".
    rf"|(?P<p>{CAP},[ \t]+{CAP},?[ \t]+(?:and|&)[ \t]+{CAP}|{CAP}[ \t]+&[ \t]+{CAP})"
)

ORG_WORDS = (
    rf"(?:{CAP}|[A-Z]{{2,}})"
    rf"(?:[ \t]+(?:&[ \t]+)?(?:{CAP}|[A-Z]{{2,}}|Inc\.?|LLC|Ltd\.?|Co\.?)){{0,4}}"
)


def is_ui_word(token: str) -> bool:
    """A word that labels or frames a screen rather than naming anyone."""
    low = token.lower().strip(":")
    return low in NOT_NAMES or low in LABELS


def norm_label(text: str) -> str:
    text = text.strip().lower()
    text = re.sub(r"\(optional\)|\(required\)|[*:\uff1a]+$", "", text).strip()
    return re.sub(r"\s+", " ", text.rstrip(":*").strip())


def label_of(text: str) -> str | None:
    """The entity type a label line announces ("Email address" -> EMAIL_ADDRESS), if any."""
    return LABELS.get(norm_label(text))


_PARTICLES = frozenset(tagged("names", "particle", "screen"))


def value_ok(entity: str, text: str) -> bool:
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


def cell_ok(entity: str, text: str) -> bool:
    """A list or table cell of this type: stricter than a labelled value (a whole column or
    list is taken on the strength of one header)."""
    if entity == "PERSON":
        return name_like(text) or bool(re.fullmatch(rf"@?{EMAIL}", text.strip()))
    if entity == "PARTY":
        return name_like(text) or (org_line(text) and not is_ui_word(text.strip()))
    if entity == "REPOSITORY" and not re.search(r"[/ ]", text.strip()):
        # A list of projects under its heading: slugs someone chose.
        return bool(re.fullmatch(r"[a-z0-9][a-z0-9_.]*[\-_][a-z0-9_.\-]+", text.strip()))
    return value_ok(entity, text)


def looks_like_name(text: str) -> bool:
    parts = re.findall(r"[A-Za-z'\u2019\-]+", text)
    return (
        bool(parts)
        and not all(p.lower() in NOT_NAMES for p in parts)
        and not any(p.lower() in NOT_NAMES for p in parts[:1])
    )


#: Words that start a job title, not a name ("Senior Product Designer").
TITLE_PREFIXES = frozenset(words("screen", "title_prefixes"))


def strip_initials(text: str) -> str:
    """A list row's avatar initials ("JD Jane Doe") are not part of the name."""
    words = text.split()
    if len(words) >= 3 and re.fullmatch(r"[A-Z]{1,2}", words[0]):
        return " ".join(words[1:])
    return text.strip()


def org_line_strict(text: str) -> bool:
    """Ends with a company suffix: "Smith Labs" over a title is a company, not a person."""
    return bool(COMPANY.fullmatch(text.strip()))


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


#: Companies everyone knows: a news item or a tutorial naming them names no one's employer.
_PUBLIC_COMPANIES = frozenset(words("screen", "public_companies"))


def public_company(word: str) -> bool:
    """A company everyone knows (see ``_PUBLIC_COMPANIES``)."""
    return word.lower() in _PUBLIC_COMPANIES


def org_value_ok(value: str) -> bool:
    """A company found by a cue: not a job title, not only UI words, not "All rights"."""
    words = re.findall(r"[A-Za-z]+", value)
    head = " ".join(words[:2]).lower()
    return (
        bool(words)
        and words[0].lower() not in _PUBLIC_COMPANIES
        and head not in {"red hat"}
        and (not title_line(value) or org_line_strict(value))
        and not all(is_ui_word(w) or w.lower() in _ORG_STOP for w in words)
    )


_ORG_STOP = frozenset(words("screen", "org_stop"))


def title_line(text: str) -> bool:
    """A short line holding a job title ("Senior Account Manager", "VP Engineering")."""
    words = text.split()
    return (
        0 < len(words) <= 6 and bool(_TITLE_WORDS.search(text)) and not re.search(r"[\d@/]", text)
    )


def org_line(text: str) -> bool:
    """What stands for a company after a title: one to five capitalised words, no digits."""
    text = text.strip().rstrip(",.")
    return (
        bool(_ORG_LINE.match(text))
        and (not title_line(text) or org_line_strict(text))
        and not all(is_ui_word(t) for t in re.findall(r"[A-Za-z]+", text))
    )


_NAME_LINE = re.compile(rf"^{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP})){{1,2}}$")


#: A presence dot or a bullet before a list entry.
BULLETS = "●•◦○·*"


def name_like(text: str) -> bool:
    """Two or three capitalised words, none of them a UI word: how a name stands in a list
    (after a presence dot or a bullet: "● Jane Doe"). Not led by an acronym beside other
    words ("HTTPS SSH GitHub": a name starts in capitals only when written so whole)."""
    text = text.strip().lstrip(BULLETS).strip()
    words = text.split()
    caps = [w.isupper() and len(w) >= 3 for w in words]
    if caps and caps[0] and not all(caps):
        return False  # (a degree after a name stays: "Paige Davis DVM")
    return (
        bool(_NAME_LINE.match(text))
        and looks_like_name(text)
        and not any(is_ui_word(t) for t in text.split())
    )
