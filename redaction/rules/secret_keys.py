"""Secret-bearing keys: values assigned to key names that hold secrets, connection strings
with a password, and password hashes.

* ``KEY=value`` (``.env``, shell ``export``), ``key: value`` (YAML, HTTP headers), ``"key":
  "value"`` (JSON), ``key = "value"`` (TOML, INI, code), ``--password value`` (command lines):
  the key decides, by the word lists of ``redaction/lexicon/knowledge_secret_keys.toml`` (a
  key whose last word names a password, a token, a secret or a credential header; not one
  that names a URL, a length or a public key). Quoted values may hold spaces; placeholders (a
  variable reference, a bracketed name, a default or empty value) are not secrets.
* Connection strings: ``user:password@host`` with or without a scheme, and ODBC/ADO
  ``Password=...;`` pairs (through the key rule).
* Password hashes in the modular crypt formats: bcrypt, argon2, sha-crypt, md5-crypt,
  yescrypt, scrypt and PBKDF2 (passlib's and Django's notations).

The cases are in ``tests/redaction/rules/test_secret_keys.py``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from redaction.lexicon import words
from redaction.models import Span
from redaction.rules.base import Rule, register

LEXICON: Final = "knowledge_secret_keys"


@dataclass(frozen=True, slots=True)
class SecretKeyWords:
    """The word lists of the key rule (see the data file)."""

    secret_words: frozenset[str]
    password_words: frozenset[str]
    exact: frozenset[str]
    not_secret_last: frozenset[str]
    not_secret_words: frozenset[str]
    needs_prefix: frozenset[str]
    placeholders: frozenset[str]


@functools.cache
def secret_key_words() -> SecretKeyWords:
    """The packaged word lists, loaded once per process."""

    def lowered(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in words(LEXICON, name))

    return SecretKeyWords(
        lowered("secret_words"),
        lowered("password_words"),
        lowered("exact"),
        lowered("not_secret_last"),
        lowered("not_secret_words"),
        lowered("needs_prefix"),
        # An empty value is a placeholder too (a word list holds no empty word).
        lowered("placeholders") | {""},
    )


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def key_words(key: str) -> list[str]:
    """The words of a key name, lowercase: split at underscores, dashes, dots, spaces and
    camelCase humps."""
    return [w for w in re.split(r"[_\-.\s]+", _CAMEL.sub("_", key).lower()) if w]


def secret_kind(key: str) -> str | None:
    """``"PASSWORD"`` or ``"SECRET"`` when a value under ``key`` is one, else None."""
    lists = secret_key_words()
    lowered = key.strip().strip("\"'").lower()
    words = key_words(key.strip().strip("\"'"))
    if not words:
        return None
    if any(w in lists.not_secret_words for w in words):
        return None
    last = words[-1]
    if lowered not in lists.exact:
        if last in lists.not_secret_last or last not in lists.secret_words:
            # One word that ends in a password word (a short prefix, then password or pwd).
            if not (len(words) == 1 and re.fullmatch(r"[a-z]{0,8}(?:password|passwd|pwd)", last)):
                return None
        elif last in lists.needs_prefix and len(words) == 1:
            return None
    joined = "".join(words)
    if last in lists.password_words or re.search(r"(?:password|passwd|pwd)$", joined):
        return "PASSWORD"
    return "SECRET"


_KEY = r"[A-Za-z_][A-Za-z0-9_.\-]{0,63}"
_ASSIGNMENT: Final = re.compile(
    r"(?:(?<=^)|(?<=[\s{,;(\[&?]))"
    r"(?:export[ \t]+|set[ \t]+|--)?"
    r"(?P<q>[\"']?)(?P<key>" + _KEY + r")(?P=q)"
    r"[ \t]*(?::=|=>|=|:)[ \t]*"
    r"(?:(?P<quote>[\"'`])(?P<quoted>[^\"'`\n]{0,512})(?P=quote)"
    r"|(?P<bare>[^\s\"'`,;}\]]{1,512}))",
    re.M,
)
_FLAG: Final = re.compile(
    r"(?<![\w-])--(?P<key>[A-Za-z][A-Za-z0-9\-_]{1,40})[ \t]+"
    r"(?:(?P<quote>[\"'])(?P<quoted>[^\"'\n]{1,256})(?P=quote)|(?P<bare>[^\s\"'-][^\s\"']{0,255}))"
)
_PLACEHOLDER: Final = re.compile(
    r"^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%\(?[A-Za-z_][A-Za-z0-9_]*\)?s?|<[^<>]{1,40}>"
    r"|\{\{[^{}]{1,60}\}\}|\*+|x+|\.{3}|…|[A-Za-z_][\w.]*\(.*\)|os\.environ.*|process\.env.*)$",
    re.I,
)
_SCHEME_LESS_CREDENTIAL: Final = re.compile(
    r"(?<![\w:@.])(?P<user>[A-Za-z0-9_.\-]{1,64}):(?P<password>[^\s:/@]{1,128})"
    r"@(?P<host>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*)(?::\d{2,5})?(?![\w@])"
)
_HASHES: Final = re.compile(
    r"(?<![\w$])(?:"
    r"\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}"
    r"|\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{16,}"
    r"|\$[56]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86}"
    r"|\$1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}"
    r"|\$y\$[./A-Za-z0-9]+\$[./A-Za-z0-9]{1,64}\$[./A-Za-z0-9]{43}"
    r"|\$scrypt\$[^\s$]+\$[A-Za-z0-9+/=.]+\$[A-Za-z0-9+/=.]{16,}"
    r"|\$pbkdf2(?:-sha(?:1|256|512))?\$\d+\$[./A-Za-z0-9+=]+\$[./A-Za-z0-9+=]{16,}"
    r"|pbkdf2_sha(?:1|256)\$\d+\$[^\s$]{4,}\$[A-Za-z0-9+/=]{20,}"
    r")(?![\w$])"
)


_HEADERS: Final = frozenset(words(LEXICON, "bare_headers"))


def _placeholder(value: str) -> bool:
    stripped = value.strip()
    return stripped.lower() in secret_key_words().placeholders or bool(_PLACEHOLDER.match(stripped))


@register
class SecretKeyRecognizer(Rule):
    """Values of secret-bearing keys (in assignments, configuration, headers and command-line
    options), ``user:password@host`` credentials and password hashes."""

    name = "secret_key"
    entity_types = frozenset({"SECRET", "PASSWORD", "URL_CREDENTIAL"})

    def find(self, text: str) -> Iterator[Span]:
        for pattern in (_ASSIGNMENT, _FLAG):
            for match in pattern.finditer(text):
                kind = secret_kind(match.group("key"))
                if kind is None:
                    continue
                group = "quoted" if match.group("quoted") is not None else "bare"
                value = match.group(group)
                if value is None or _placeholder(value):
                    continue
                start, end = match.span(group)
                if group == "bare" and match.group("key").lower() in _HEADERS:
                    # A credential header's value is the rest of the line.
                    line_end = text.find("\n", start)
                    end = len(text) if line_end < 0 else line_end
                    end = start + len(text[start:end].rstrip())
                elif group == "bare":
                    trimmed = value.rstrip(".,;:)")
                    end = start + (len(trimmed) or len(value))
                yield self.span(start, end, kind, 0.9)
        if "@" in text:
            for match in _SCHEME_LESS_CREDENTIAL.finditer(text):
                password = match.group("password")
                if _placeholder(password) or (password.isdigit() and len(password) <= 5):
                    continue  # a short number after the colon is a port, not a password
                yield self.span(*match.span("password"), "URL_CREDENTIAL", 0.9)
        if "$" in text:
            for match in _HASHES.finditer(text):
                yield self.span(match.start(), match.end(), "SECRET", 0.95)
