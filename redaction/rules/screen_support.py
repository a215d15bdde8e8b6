"""What the screen rules share: the words and shapes of screen text (labels and what they
announce, capitalised names, times, company lines, job titles, UI words).

Plain string checks, no layout: the layout rules (:mod:`redaction.rules.layout`,
:mod:`redaction.rules.screen_people`, :mod:`redaction.rules.screen_organisations`), the frame
redactor's list extension and the screen checks of text spans (:mod:`redaction.image.analysis`)
all use them, and none of those import one another.
"""

from __future__ import annotations

import re

from redaction.knowledge.gazetteer import gazetteer
from redaction.knowledge.labels import read_label
from redaction.lexicon import alternation, tagged, words
from redaction.rules.secrets import is_shell_prompt
from redaction.rules.support import product_name

_PERSON_LABELS = words("screen", "person_labels")
#: Headings over a list of people (each row a name).
_PEOPLE_LIST_LABELS = words("screen", "people_list_labels")
LABELS: dict[str, str] = {
    **dict.fromkeys(_PERSON_LABELS, "PERSON"),
    **dict.fromkeys(_PEOPLE_LIST_LABELS, "PERSON"),
    **dict.fromkeys(
        words("screen", "email_labels"),
        "EMAIL_ADDRESS",
    ),
    **dict.fromkeys(
        words("screen", "phone_labels"),
        "PHONE_NUMBER",
    ),
    **dict.fromkeys(
        words("screen", "address_labels"),
        "STREET_ADDRESS",
    ),
    **dict.fromkeys(
        words("screen", "company_labels"),
        "ORGANIZATION",
    ),
    **dict.fromkeys(words("screen", "username_labels"), "USERNAME"),
    **dict.fromkeys(
        words("screen", "repository_labels"),
        "REPOSITORY",
    ),
    **dict.fromkeys(
        words("screen", "account_id_labels"),
        "ACCOUNT_ID",
    ),
    **dict.fromkeys(
        words("screen", "secret_labels"),
        "SECRET",
    ),
}
PLURAL_LABELS = frozenset({*_PEOPLE_LIST_LABELS, *words("screen", "plural_labels")})
#: Labels over an addressee block: a name, a company, an address, one a line.
ADDRESSEE_LABELS = frozenset(words("screen", "addressee_labels"))
#: Labels that head a list of addressees or a connection, not a table column.
_NEVER_COLUMNS = frozenset(words("screen", "labels_never_columns"))
#: Labels that name a column of personal values in a table header.
COLUMN_LABELS = {
    **{k: v for k, v in LABELS.items() if k not in _NEVER_COLUMNS},
    # A user column of an admin list holds names (a cell must still look like one).
    "user": "PERSON",
    "users": "PERSON",
    # A customer or an account is a person or a company: either shape is taken.
    **dict.fromkeys(
        words("screen", "party_column_labels"),
        "PARTY",
    ),
}

NOT_NAMES = frozenset(tagged("names", "not_a_name", "screen"))

TIME = (
    (
        r"(?i:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?|yesterday|today|now|(?"
        r":"
    )
    + alternation(words("screen", "weekdays"))
    + r")[a-z]*|(?:"
    + alternation(words("screen", "months_before_day"))
    + r")[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:"
    + alternation(words("screen", "months_after_day"))
    + r")[a-z]*|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d+\s?(?:"
    + alternation(words("screen", "time_unit_abbreviations"))
    + r")\b(?:\s+ago)?|(?:\d+|an?)\s+(?:"
    + alternation(words("screen", "time_units"))
    + r")s?\s+ago|just\s+now|(?:19|20)\d{2}-\d{2}-\d{2})"
)
#: A capitalised word, accented letters of any Latin script included.
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
    #: Partnership style: surnames joined by commas and "and" or "&", or one and "& Co".
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
    text = re.sub(r"[ \t]*\(\d+\)$", "", text)  # a list's count: "Participants (3)"
    text = re.sub(r"\(optional\)|\(required\)|[*:\uff1a]+$", "", text).strip()
    return re.sub(r"\s+", " ", text.rstrip(":*").strip())


def label_of(text: str) -> str | None:
    """The entity type a label line announces (an e-mail label: EMAIL_ADDRESS), if any."""
    return LABELS.get(norm_label(text))


#: A label the shared label lexicon reads is taken when it reads it whole (exactly or through
#: OCR slips, not as a fuzzy or partial match) and is sure enough on its own: a weak wording
#: or a role word (an owner, a sender) says too little to take a value beside it.
_LEXICON_METHODS = frozenset({"exact", "ocr"})
_LEXICON_MIN_SCORE = 0.5
#: A label is short: longer lines are sentences or values.
_LABEL_MAX_WORDS = 5
_LABEL_MAX_CHARS = 40


def label_entity(text: str) -> str | None:
    """The entity type a label announces: the screen's own label list, else the shared label
    lexicon (:mod:`redaction.knowledge.labels`: every language it holds, case, accents and
    OCR slips tolerated)."""
    entity = label_of(text)
    if entity is not None:
        return entity
    text = text.strip()
    if (
        not text
        or len(text) > _LABEL_MAX_CHARS
        or len(text.split()) > _LABEL_MAX_WORDS
        or not re.search(r"[^\W\d_]", text)
    ):
        return None
    reading = read_label(text)
    if (
        reading is None
        or reading.method not in _LEXICON_METHODS
        or reading.score < _LEXICON_MIN_SCORE
    ):
        return None
    return reading.entity_type


#: Concepts of the label lexicon that head a column of one part of a name (a given name, a
#: family name): its cells are single words.
_NAME_PART_CONCEPTS = frozenset({"given_name", "family_name"})
#: What a column of name parts holds (a PERSON, one or two words a cell).
NAME_PART = "NAME_PART"


def column_entity(text: str) -> str | None:
    """The entity type a table's column header announces for every cell under it
    (:data:`NAME_PART` for a column of given or family names): the screen's own column
    labels, else a label of the shared lexicon."""
    reading = read_label(text) if len(text) <= _LABEL_MAX_CHARS else None
    if (
        reading is not None
        and reading.concept in _NAME_PART_CONCEPTS
        and reading.method in _LEXICON_METHODS
    ):
        return NAME_PART
    entity = COLUMN_LABELS.get(norm_label(text))
    if entity is None and label_of(text) is None:
        entity = label_entity(text)
    return entity


#: Values of these kinds are identifiers or dates: digits in a few words.
NUMBERED = frozenset(
    {
        "DATE_OF_BIRTH",
        "NATIONAL_ID",
        "PASSPORT",
        "DRIVER_LICENSE",
        "LICENSE_PLATE",
        "BANK_ACCOUNT",
        "IBAN_CODE",
        "CREDIT_CARD",
        "MEDICAL_ID",
        "ACCOUNT_ID",
        "AGE",
    }
)
#: Values the label lexicon may announce that a screen value is not taken for alone: a city is
#: public, a password field is masked (found from the pixels).
_NOT_TAKEN = frozenset({"LOCATION", "PASSWORD"})

_PARTICLES = frozenset(tagged("names", "particle", "screen"))
_CURRENCY_CODES = frozenset(w.upper() for w in words("screen", "currency_codes"))
_CURRENCY_SIGN = re.compile(r"[$\u20ac\u00a3\u00a5\u20b9]\s?\d|\d\s?[$\u20ac\u00a3\u00a5\u20b9]")


def is_money(text: str) -> bool:
    """An amount of money: a currency sign at its digits ("\u00a3279.52", "12 \u20ac") or a
    currency code beside a number ("705.39 EUR")."""
    if _CURRENCY_SIGN.search(text):
        return True
    tokens = [t.strip(".,;()") for t in text.split()]
    return bool(re.search(r"\d", text)) and any(t.upper() in _CURRENCY_CODES for t in tokens)


_PLACE_PREFIXES = frozenset(w.lower() for w in words("screen", "place_prefixes"))


def place_name(text: str) -> bool:
    """Two or three capitalised words led by a word that leads a place's name ("North
    Vancouver", "Lake Placid"): a place, not a person."""
    parts = text.strip().strip(BULLETS).split()
    return 2 <= len(parts) <= 3 and parts[0].lower() in _PLACE_PREFIXES and parts[1][:1].isupper()


def value_ok(entity: str, text: str) -> bool:
    words = text.split()
    if not words or not re.search(r"[A-Za-z0-9]", text) or label_of(text) is not None:
        return False
    if not re.search(r"\d", text) and label_entity(text) is not None:
        return False  # another label of the form ("Licence plate" under "Employer")
    if entity == "PERSON":
        # A name is capitalised word by word (screens keep case), or an address or handle.
        if "@" in text:
            return len(words) <= 3
        if all(is_ui_word(w) for w in words):
            return False  # UI words where nobody is named
        return len(words) <= 5 and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)
    if entity == "PHONE_NUMBER":
        return len(re.findall(r"\d", text)) >= 5
    if entity == "EMAIL_ADDRESS":
        return "@" in text or "." in text
    if entity == "REPOSITORY":
        return len(words) == 1 and bool(re.fullmatch(r"[\w.\-]+/[\w.\-]+", text.strip()))
    if entity == "SECRET" and is_shell_prompt(words[0]):
        return False  # after a silent password prompt: the shell's next prompt
    if entity in NUMBERED:
        return len(words) <= 4 and bool(re.search(r"\d", text)) and not is_money(text)
    if entity == "USERNAME":
        return len(words) <= 2 and not all(is_ui_word(w) for w in words)
    if entity in _NOT_TAKEN:
        return False
    return len(words) <= 10


def cell_ok(entity: str, text: str) -> bool:
    """A list or table cell of this type: stricter than a labelled value (a whole column or
    list is taken on the strength of one header). A column of people also takes a name
    written family name first ("Surname, Given")."""
    if entity == "PERSON":
        return (
            name_like(text)
            or surname_first(text)
            or bool(re.fullmatch(rf"@?{EMAIL}", text.strip()))
        )
    if entity == "PARTY":
        return (
            name_like(text)
            or surname_first(text)
            or (org_line(text) and not is_ui_word(text.strip()))
        )
    if entity == NAME_PART:
        # One or two capitalised words (a compound given name), or written all in lowercase
        # (a table typed so), no UI word.
        parts = text.split()
        return (
            0 < len(parts) <= 2
            and (
                all(re.fullmatch(CAP, p) for p in parts)
                or all(re.fullmatch(r"[^\W\d_A-Z]{2,}(?:['\-][^\W\d_]+)?", p) for p in parts)
            )
            and not any(is_ui_word(p) for p in parts)
        )
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


#: Words that start a job title, not a name (a seniority, a rank).
TITLE_PREFIXES = frozenset(words("screen", "title_prefixes"))


def strip_initials(text: str) -> str:
    """A list row's avatar initials (one or two capitals before the name) are not part of the
    name."""
    words = text.split()
    if len(words) >= 3 and re.fullmatch(r"[A-Z]{1,2}", words[0]):
        return " ".join(words[1:])
    return text.strip()


def org_line_strict(text: str) -> bool:
    """Ends with a company suffix: a surname and such a suffix over a title is a company, not
    a person."""
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
        and head not in _PUBLIC_COMPANIES
        and (not title_line(value) or org_line_strict(value))
        and not all(is_ui_word(w) or w.lower() in _ORG_STOP for w in words)
    )


_ORG_STOP = frozenset(words("screen", "org_stop"))


def title_line(text: str) -> bool:
    """A short line holding a job title (``screen.toml``'s title words and prefixes)."""
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


#: Between two words of a name: a space, perhaps around name particles ("Amber de Grunt",
#: "Britt van den Berg").
NAME_GAP = (
    r"[ \t]+(?:(?:"
    + alternation(sorted(_PARTICLES, key=len, reverse=True))
    + r")[ \t]+){0,2}"
)
_NAME_LINE = re.compile(rf"^{CAP}(?:{NAME_GAP}(?:[A-Z]\.|{CAP})){{1,2}}$")


_SURNAME_FIRST = re.compile(
    rf"^{CAP}(?:[ \t]+{CAP})?,[ \t]*{CAP}(?:[ \t]+(?:[A-Z]\.|{CAP}))?$"
)


def surname_first(text: str) -> bool:
    """A name written family name first: one or two capitalised words, a comma, a given name
    (and a middle name or initial); none a UI word. Shape only: a cue (a column of people)
    must say it is a person."""
    text = text.strip()
    return (
        bool(_SURNAME_FIRST.match(text))
        and looks_like_name(text)
        and not any(is_ui_word(t.strip(",")) for t in text.split())
    )


#: A presence dot or a bullet before a list entry.
BULLETS = "●•◦○·*"


def name_like(text: str) -> bool:
    """Two or three capitalised words, none of them a UI word: how a name stands in a list
    (perhaps after a presence dot or a bullet). Not led by an acronym beside other words (a
    row of protocol and product names: a name is in capitals only when written so whole)."""
    text = text.strip().lstrip(BULLETS).strip()
    words = text.split()
    caps = [w.isupper() and len(w) >= 3 for w in words]
    if caps and caps[0] and not all(caps):
        return False  # (an acronym after a name, a degree, stays)
    return (
        bool(_NAME_LINE.match(text))
        and looks_like_name(text)
        and not any(is_ui_word(t) for t in text.split())
        and not place_name(text)
        and not product_name(text)
    )


_SYSTEM_USERS = frozenset(words("screen", "system_users"))
_FILE_EXTENSIONS = frozenset(
    (
        *words("screen", "document_extensions"),
        *words("screen", "code_extensions"),
        *words("screen", "file_extensions"),
    )
)
#: One lowercase word of a login: letters, digits, dots, dashes, underscores, a letter first.
_LOGIN = re.compile(r"@?(?P<v>[a-z][a-z0-9_.\-]{1,38})")


def login_like(text: str) -> bool:
    """One lowercase word that is an account's login where a person is expected (under a
    person's label or column): one someone chose (a digit, a dash, a dot or an underscore
    after a letter), or a plain word of four letters or more that is no word of the interface
    and no system account. Not an e-mail address, a path or a file name."""
    match = _LOGIN.fullmatch(text.strip())
    if match is None:
        return False
    login = match.group("v")
    if login.endswith((".", "-", "_")) or login in _SYSTEM_USERS or is_ui_word(login):
        return False
    if "." in login and login.rsplit(".", 1)[1] in _FILE_EXTENSIONS:
        return False
    if re.search(r"[a-z][\-_.]?[0-9]|[a-z][\-_.][a-z]", login):
        return True
    return len(login) >= 4 and login.isalpha()


def lowercase_name(text: str) -> bool:
    """Two or three lowercase words that are a name written without capitals (a table of
    people typed in lowercase): letters only, no interface word, the first a given name or
    the last a surname the gazetteer knows."""
    parts = text.strip().split()
    if not 2 <= len(parts) <= 3 or not all(
        p.islower() and re.fullmatch(r"[^\W\d_]+(?:['\-][^\W\d_]+)*", p) for p in parts
    ):
        return False
    if any(is_ui_word(p) or p in NOT_NAMES for p in parts):
        return False
    names = gazetteer()
    return names.is_given_name(parts[0]) or names.is_surname(parts[-1])


def person_value_kind(text: str) -> str | None:
    """What a value under a person's label or column is when it is no capitalised name: a
    login (USERNAME) or a name in lowercase (PERSON)."""
    if login_like(text):
        return "USERNAME"
    if lowercase_name(text):
        return "PERSON"
    return None
