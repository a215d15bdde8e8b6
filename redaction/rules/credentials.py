"""Credentials in commands and URLs, provider keys, home paths and profile URLs.

* ``command_credential``: ``-p<secret>`` glued to its option, ``--password X`` /
  ``--password=X``, ``sshpass -p X``, ``-u user:pass`` / ``--user user:pass`` (user and
  password), and a password after a password cue word in any of the lexicon's languages (with
  "is" or a colon between them) when it holds a digit, a symbol or mixed case.
* ``provider_key``: cloud access-key ids (a documented four-letter prefix and 16 upper-case
  letters or digits), tokens with a provider's documented prefix (``credentials.toml``), and
  after a key or token cue word any 16-64 character token without spaces that holds a digit or
  mixed case (never a dictionary word: those are all lowercase letters).
* ``home_path``: the user name in ``/home/<user>``, ``/Users/<user>``, ``C:\\Users\\<user>``
  (a USERNAME, so the recorder's deny-list learns it).
* ``profile_url``: a URL whose path is one handle (optionally after ``/in/``, ``/u/``,
  ``/@``...), not a site's own page name (its shop, its documentation): a private person's profile
  or scheduling page.

Word lists: ``redaction/lexicon/credentials.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from redaction import lexicon
from redaction.models import Span
from redaction.rules.base import Rule, register

LEXICON_FAMILY: Final = "credentials"


@dataclass(frozen=True, slots=True)
class CredentialWords:
    aws_key_prefixes: tuple[str, ...]
    token_prefixes: tuple[str, ...]
    secret_cues: tuple[str, ...]
    password_cues: tuple[str, ...]
    cue_fillers: tuple[str, ...]
    password_options: tuple[str, ...]
    not_users: frozenset[str]
    site_paths: frozenset[str]
    profile_prefixes: frozenset[str]


@functools.cache
def credential_words() -> CredentialWords:
    """The packaged word lists, loaded once per process."""

    def words(name: str) -> tuple[str, ...]:
        return lexicon.words(LEXICON_FAMILY, name)

    return CredentialWords(
        words("aws_key_prefixes"),
        words("token_prefixes"),
        words("secret_cues"),
        words("password_cues"),
        words("cue_fillers"),
        words("password_options"),
        frozenset(w.lower() for w in words("not_users")),
        frozenset(w.lower() for w in words("site_paths")),
        frozenset(w.lower() for w in words("profile_prefixes")),
    )


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _strong(value: str) -> bool:
    """A password-like word: a digit, a symbol or mixed case (not a plain word)."""
    has_digit = any(c.isdigit() for c in value)
    has_symbol = any(not c.isalnum() for c in value)
    mixed = any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)
    return has_digit or has_symbol or mixed


def _tokenish(value: str) -> bool:
    """A pasted token: a digit or mixed case (beyond a leading capital)."""
    has_digit = any(c.isdigit() for c in value)
    mixed = any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)
    return has_digit or mixed


_QUOTED = r"""(?:'([^'\n]{3,64})'|"([^"\n]{3,64})"|([^\s'"]{3,}))"""


def _value_span(match: re.Match[str], first_group: int) -> tuple[int, int]:
    for group in range(first_group, first_group + 3):
        if match.group(group) is not None:
            return match.start(group), match.end(group)
    raise ValueError("no value group matched")


def _trim(text: str, start: int, end: int) -> int:
    """End of a value without trailing sentence punctuation or closing brackets."""
    while end > start and text[end - 1] in ".,;)]}>'\"":
        end -= 1
    return end


@register
class CommandCredentialRecognizer(Rule):
    """Passwords (and the user of ``user:pass``) given on command lines and after cue words."""

    name = "command_credential"
    entity_types = frozenset({"PASSWORD", "USERNAME"})

    def __init__(self) -> None:
        words = credential_words()
        options = _alternation(words.password_options)
        cues = _alternation(words.password_cues)
        fillers = _alternation(words.cue_fillers)
        self._glued = re.compile(r"(?:(?<=\s)|^)-p" + _QUOTED)
        self._option = re.compile(rf"(?:(?<=\s)|^)(?:{options})(?:=|\s+)" + _QUOTED)
        self._sshpass = re.compile(r"\bsshpass\s+-p\s*" + _QUOTED)
        self._user_pass = re.compile(
            r"(?:(?<=\s)|^)(?:-u|--user)\s*['\"]?([^\s:'\"@/]{1,64}):([^\s'\"]{1,128})"
        )
        self._cued = re.compile(
            rf"(?i)(?<![\w-])(?:{cues})(?:\s*(?:{fillers}))*\s*[:=]?\s+" + _QUOTED
        )

    def find(self, text: str) -> Iterator[Span]:
        for match in self._glued.finditer(text):
            start, end = _value_span(match, 1)
            # A port mapping or a bare number after -p is no password: a password holds a letter.
            if any(c.isalpha() for c in text[start:end]):
                yield self.span(start, _trim(text, start, end), "PASSWORD", 0.85)
        for pattern in (self._option, self._sshpass):
            for match in pattern.finditer(text):
                start, end = _value_span(match, 1)
                yield self.span(start, end, "PASSWORD", 0.9)
        for match in self._user_pass.finditer(text):
            yield self.span(match.start(1), match.end(1), "USERNAME", 0.85)
            yield self.span(match.start(2), match.end(2), "PASSWORD", 0.9)
        for match in self._cued.finditer(text):
            start, end = _value_span(match, 1)
            end = _trim(text, start, end)
            if end - start >= 4 and _strong(text[start:end]):
                yield self.span(start, end, "PASSWORD", 0.8)
        not_users = credential_words().not_users
        for pattern in (_URL_USER, _SSH_USER, _USER_KEY, _TODO_USER):
            for match in pattern.finditer(text):
                if match.group("user").lower() not in not_users:
                    yield self.span(match.start("user"), match.end("user"), "USERNAME", 0.8)


#: ``scheme://user:secret@host``: the user (the secret is the secret-key rule's).
_URL_USER: Final = re.compile(
    r"\b[a-z][a-z0-9+.-]*://(?P<user>[^\s:/@]{2,64}):(?!\d{1,5}/)[^\s@]+@"
)
#: ``ssh [options] user@host`` (scp, sftp, rsync, mosh alike).
_SSH_USER: Final = re.compile(
    r"\b(?:" + lexicon.alternation(lexicon.words(LEXICON_FAMILY, "remote_commands")) + r")\b"
    r"[^\n@]*?(?<![\w.@-])(?P<user>[A-Za-z_][\w.-]{1,63})@[\w-]"
)
#: ``user="x"``, ``username: x``, ``--user x`` in code and configuration.
_USER_KEY: Final = re.compile(
    r"(?i)(?<![\w-])(?:user|username|user_name|login|uid|db_user|--user|--username)"
    r"\s*(?:[=:]\s*|\s+)['\"](?P<user>[^\s'\"]{2,64})['\"]"
)
#: ``TODO(user)`` / ``FIXME(user)``: the convention names the person.
_TODO_USER: Final = re.compile(r"\b(?:TODO|FIXME|XXX|HACK|NOTE)\((?P<user>[\w.@-]{2,64})\)")


@register
class ProviderKeyRecognizer(Rule):
    """Access-key ids, prefixed tokens, and tokens after a cue word."""

    name = "provider_key"
    entity_types = frozenset({"SECRET"})

    def __init__(self) -> None:
        words = credential_words()
        self._aws = re.compile(
            rf"(?<![A-Za-z0-9])(?:{_alternation(words.aws_key_prefixes)})[A-Z0-9]{{16}}(?![A-Za-z0-9])"
        )
        self._prefixed = re.compile(
            rf"(?<![A-Za-z0-9_-])(?:{_alternation(words.token_prefixes)})[A-Za-z0-9_-]{{16,}}"
        )
        self._cued = re.compile(
            rf"(?i)(?<![\w-])(?:{_alternation(words.secret_cues)})"
            rf"(?:\s*(?:{_alternation(words.cue_fillers)}))*\s*[:=]?\s*['\"]?"
            r"([A-Za-z0-9+/_\-.=]{16,64})(?![A-Za-z0-9+/_\-=])"
        )

    def find(self, text: str) -> Iterator[Span]:
        for match in self._aws.finditer(text):
            yield self.span(match.start(), match.end(), "SECRET", 0.95)
        for match in self._prefixed.finditer(text):
            yield self.span(match.start(), match.end(), "SECRET", 0.9)
        for match in self._cued.finditer(text):
            start, end = match.start(1), _trim(text, *match.span(1))
            value = text[start:end]
            if end - start >= 16 and _tokenish(value) and "://" not in value:
                yield self.span(start, end, "SECRET", 0.85)


#: A user name's shape: one token from a letter, at most 64 characters.
_USER_TOKEN: Final = re.compile(r"(?<![\w.@/-])[A-Za-z][\w.\-]{1,63}(?![\w@/-])")
#: Between a label and its value: a colon or an equals sign.
_LINKED: Final = re.compile(r"[ \t]*[:=][ \t]*$")


@register
class LabelledUsernameRecognizer(Rule):
    """A user name typed after a label that says so, in any of the label lexicon's languages
    ("login: x", "my username is x.y", "Benutzername x42"): the token right after the label,
    when a colon or an equals sign joins them or the token is no plain word (it holds a
    digit, a dot or an underscore: "the login is broken" names no one). Words that are no
    one's user name (``root``, ``admin``) are left."""

    name = "labelled_username"
    entity_types = frozenset({"USERNAME"})

    def find(self, text: str) -> Iterator[Span]:
        from redaction.knowledge.labels import governing_label

        not_users = credential_words().not_users
        for match in _USER_TOKEN.finditer(text):
            value = match.group().rstrip(".-")
            start, end = match.start(), match.start() + len(value)
            if len(value) < 3 or value.lower() in not_users:
                continue
            line_start = text.rfind("\n", 0, start) + 1
            if not (_LINKED.search(text[line_start:start]) or re.search(r"[\d._]", value)):
                continue  # checked first: reading the label is the cost
            label = governing_label(text, start, end)
            if label is None or label.where != "inline":
                continue
            if label.reading.concept == "username":
                yield self.span(start, end, "USERNAME", 0.8)


@register
class HomePathRecognizer(Rule):
    """The user name in a home folder path."""

    name = "home_path"
    entity_types = frozenset({"USERNAME"})

    _PATH: Final = re.compile(
        r"(?:/home/|/Users/|[A-Za-z]:\\Users\\|/var/home/)([^/\\\s'\"]{2,64})"
    )

    def find(self, text: str) -> Iterator[Span]:
        not_users = credential_words().not_users
        for match in self._PATH.finditer(text):
            user = match.group(1)
            if user.lower() in not_users or user.startswith(("$", "%", "<", "{")):
                continue
            yield self.span(match.start(1), match.end(1), "USERNAME", 0.9)


@functools.cache
def _page_urls() -> re.Pattern[str]:
    """A booking page and its event, of any slug ("calendly.com/jane-doe/intro-call"), on the
    hosts whose first path part names the page's owner (``online.toml``: profile_hosts tagged
    ``page``)."""
    return re.compile(
        r"(?:https?://)?(?:www\.)?(?P<host>"
        + lexicon.alternation(lexicon.tagged("online", "profile_hosts", "page"))
        + r")/(?P<path>[A-Za-z0-9][A-Za-z0-9._-]{2,39})/[A-Za-z0-9][A-Za-z0-9-]{1,40}/?"
        r"(?![\w/.?#=&%-])",
        re.I,
    )


@register
class ProfileUrlRecognizer(Rule):
    """A URL whose path is one person's handle (perhaps with a query or fragment, or a
    booking page's event): the whole URL is personal."""

    name = "profile_url"
    entity_types = frozenset({"USERNAME"})

    _HOST: Final = r"(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})"
    #: After the handle: an event of a booking page ("/30min"), a closing slash, a query or
    #: a fragment ("?tab=repositories").
    _TAIL: Final = (
        r"(/[A-Za-z-]{0,12}[0-9][A-Za-z0-9-]{0,12})?/?(?:[?#][^\s\"'<>]*)?(?![\w/.?#=&%-])"
    )
    _URL: Final = re.compile(
        _HOST + r"/(?P<path>(?:[a-z~]{1,8}/)?@?[A-Za-z0-9][A-Za-z0-9._-]{2,39})" + _TAIL
    )
    #: The same without a prefix directory: "cal.com/jane/15min" is the page of "jane".
    _BARE: Final = re.compile(_HOST + r"/(?P<path>@?[A-Za-z0-9][A-Za-z0-9._-]{2,39})" + _TAIL)

    def find(self, text: str) -> Iterator[Span]:
        words = credential_words()
        seen: set[int] = set()
        for match in [
            *_page_urls().finditer(text), *self._URL.finditer(text), *self._BARE.finditer(text)
        ]:
            if match.start() in seen:
                continue
            path = match.group("path")
            prefix, _, handle = path.rpartition("/")
            if prefix and prefix.lower() not in words.profile_prefixes:
                continue
            bare = handle.lstrip("@")
            if bare.lower() in words.site_paths or bare.lower().endswith(
                (".html", ".htm", ".php", ".pdf", ".png", ".jpg", ".zip", ".md")
            ):
                continue
            if not any(c.isalpha() for c in bare):
                continue
            seen.add(match.start())
            yield self.span(match.start(), _trim(text, *match.span()), "USERNAME", 0.8)
