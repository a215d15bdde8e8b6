"""Online identities seen in window titles and apps: handles (@name), direct-message partners,
chat channels (#name), repository slugs, record ids (a payment provider's object ids), lone
credentials typed into a field, web addresses, and network addresses (IP, MAC). The cases are
in ``tests/redaction/rules/test_online.py``."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from typing import ClassVar

from redaction.lexicon import alternation, tagged, words
from redaction.models import Span
from redaction.rules.base import Rule, Where, register
from redaction.rules.secrets import is_shell_prompt
from redaction.rules.support import shannon_entropy

_HANDLE = re.compile(
    r"(?<![\w@.+\-/])@([A-Za-z0-9_](?:[A-Za-z0-9_.\-]{0,38}[A-Za-z0-9_])?)(?![\w@])"
)
_DM = re.compile(
    (
        r"(?<![\w])(?:"
        + alternation(words("online", "dm"))
        + (
            r")[ \t]*[:\-\u2013\u2014|][ \t]*(?P<value>@?[A-Za-z0-9_.\-]{2,40}(?:@[A-Za-z0-9"
            r".\-]+)?)"
        )
    ),
    re.I,
)
_CODE_AT = re.compile(
    (r"^(?:" + alternation(words("online", "code_at")) + r")$"),
    re.I,
)


@register
class HandleRecognizer(Rule):
    """Social and chat handles (``@name``, and a bare name after a direct-message cue)."""

    name = "handle"
    entity_types = frozenset({"USERNAME"})

    def find(self, text: str) -> Iterator[Span]:
        if "@" in text:
            for match in _HANDLE.finditer(text):
                if _CODE_AT.match(match.group(1)):
                    continue
                yield self.span(match.start(), match.end(), "USERNAME", 0.6)
        for match in _DM.finditer(text):
            yield self.span(*match.span("value"), "USERNAME", 0.7)


_CHANNEL = re.compile(r"(?<![\w&#/])#([a-z][a-z0-9_\-.]{1,79})(?![\w])", re.I)
_NOT_CHANNEL = re.compile(
    (
        r"^(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8}|"
        + alternation(words("online", "not_channel"))
        + r")$"
    ),
    re.I,
)


@register
class ChannelRecognizer(Rule):
    """Chat channels (``#name``); hex colours and C preprocessor directives are not channels."""

    name = "channel"
    entity_types = frozenset({"CHANNEL"})

    def find(self, text: str) -> Iterator[Span]:
        if "#" not in text:
            return
        for match in _CHANNEL.finditer(text):
            if _NOT_CHANNEL.match(match.group(1)):
                continue
            yield self.span(match.start(), match.end(), "CHANNEL", 0.55)


#: Code hosts (``online.toml``: ``code_hosts``): a repository URL, and a text that names one.
_URL_HOSTS = tagged("online", "code_hosts", "url")
_CONTEXT_HOSTS = tagged("online", "code_hosts", "context")
_REPO_URL = re.compile(
    r"(?:" + alternation(_URL_HOSTS) + r")[/:]"
    r"(?P<slug>[A-Za-z0-9_.\-]{1,39}/[A-Za-z0-9_.\-]{1,100})",
    re.I,
)
_REPO_SLUG = re.compile(
    r"(?<![\w./:@~-])(?P<slug>[A-Za-z0-9][A-Za-z0-9\-]{0,38}/[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])"
    r"(?![\w/]|\.\w)"
)
_REPO_CONTEXT = re.compile(
    # A code host's name is its host name's first label.
    alternation(host.split(".")[0] for host in _CONTEXT_HOSTS)
    + r"|pull request|merge request|\brepo|"
    r"\bclone\b|\bfork|\u2014|·|\bissue\b|\bcommit",
    re.I,
)
_PATHLIKE_OWNER = re.compile(
    (
        r"^(?:"
        + alternation(words("online", "pathlike_owner_directories"))
        + r"|docs?|tests?|"
        + alternation(words("online", "pathlike_owner"))
        + r")$"
    ),
    re.I,
)


@register
class RepositoryRecognizer(Rule):
    """Repository slugs (``owner/name``) in forge URLs, and bare ones where the text speaks of
    repositories (a code host's window title, an IDE title ``file \u2014 owner/name``)."""

    name = "repository"
    entity_types = frozenset({"REPOSITORY"})

    def find(self, text: str) -> Iterator[Span]:
        if "/" not in text:
            return
        found = set()
        for match in _REPO_URL.finditer(text):
            found.add(match.start("slug"))
            yield self.span(*match.span("slug"), "REPOSITORY", 0.7)
        if not _REPO_CONTEXT.search(text) and not re.fullmatch(r"[ \t]*\S+/\S+[ \t]*", text):
            return
        for match in _REPO_SLUG.finditer(text):
            if match.start("slug") in found:
                continue
            owner, name = match.group("slug").split("/", 1)
            if _PATHLIKE_OWNER.match(owner) or owner.isdigit() or name.isdigit():
                continue
            if re.search((r"\.(?:" + alternation(words("online", "find")) + r")$"), name):
                continue
            yield self.span(*match.span("slug"), "REPOSITORY", 0.55)


_RECORD_ID = re.compile(
    r"(?<![\w])(?:" + alternation(words("online", "record_id")) + r")_[A-Za-z0-9]{8,40}(?![\w])"
)
_ISSUE = re.compile(r"(?<![\w&#])#(\d{5,12})(?![\w])")
_CUSTOMER_NUMBER = re.compile(
    (
        r"(?<![\w])(?:"
        + alternation(words("online", "customer_number"))
        + r")[ \t]*(?:id|no\.?|number|#)?[ \t]*[:#]?[ \t]*(?P<value>\d{6,20})(?![\w])"
    ),
    re.I,
)


@register
class RecordIdRecognizer(Rule):
    """Record identifiers: payment-provider object ids (a short type prefix, an underscore and
    a long mixed token), long numbers named by what they identify (a customer, an order), and
    long issue numbers (``#`` and five digits or more)."""

    name = "record_id"
    entity_types = frozenset({"ACCOUNT_ID"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _RECORD_ID.finditer(text):
            yield self.span(match.start(), match.end(), "ACCOUNT_ID", 0.7)
        for match in _CUSTOMER_NUMBER.finditer(text):
            yield self.span(*match.span("value"), "ACCOUNT_ID", 0.7)
        for match in _ISSUE.finditer(text):
            yield self.span(match.start(), match.end(), "ACCOUNT_ID", 0.4)


_URL = re.compile(r"(?<![\w@])(?:(?:https?|ftp|wss?)://|www\.)[^\s<>\"'`]{2,2048}", re.I)


@register
class UrlRecognizer(Rule):
    """Web addresses (the ``URL`` type: removed only by policies that ask for it)."""

    name = "url"
    entity_types = frozenset({"URL"})

    def find(self, text: str) -> Iterator[Span]:
        if "://" not in text and "www." not in text.lower():
            return
        for match in _URL.finditer(text):
            value = match.group().rstrip(".,;:!?)]}")
            yield self.span(match.start(), match.start() + len(value), "URL", 0.6)


#: Groups of capitals or of digits joined by single separators: a reference or ticket code
#: (a password mixes its classes inside its groups).
_REFERENCE_CODE = re.compile(r"(?:[A-Z]+|\d+)(?:[-_/.](?:[A-Z]+|\d+))+")
_LONE_TOKEN = re.compile(r"^[ \t]*(?P<value>[^\s]{6,64})[ \t]*$", re.M)


@register
class LoneCredentialRecognizer(Rule):
    """A line that is one password-shaped token: what is typed into a password field.

    Typing runs end at Tab, Enter and clicks, so a run (a line of the typed text) *is* a
    field's value. One token mixing at least three of lower case, upper case, digits and
    symbols, or a long high-entropy one, is treated as a password. E-mail
    addresses, URLs, paths, numbers, dates and words with punctuation are left alone.
    """

    name = "lone_credential"
    entity_types = frozenset({"PASSWORD"})
    # On a screen every short cell is such a line (masked fields are found from the pixels);
    # a window title is a program's, not a field's value.
    applies_to: ClassVar[frozenset[Where]] = frozenset({"typing", "text"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _LONE_TOKEN.finditer(text):
            value = match.group("value")
            if "@" in value or "://" in value or value.startswith(("/", "~", "./", "www.")):
                continue
            if is_shell_prompt(value):
                continue  # a shell's prompt after a silent password prompt
            if re.fullmatch(r"[\d\W_]+", value):  # numbers, dates, amounts
                continue
            if re.fullmatch(
                r"(?:0x)?[0-9a-fA-F]+|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-"
                r"[0-9a-fA-F]{12}",
                value,
            ):
                continue  # digests and UUIDs: hard negatives, as for secrets
            if re.fullmatch(r"[\W_]*[^\W\d_][^\W\d_]*[\W_]*", value):  # a word, punctuated
                continue
            if _REFERENCE_CODE.fullmatch(value):  # EXP-3599, INV-2024-0042: a reference
                continue
            classes = sum(
                (
                    any(c.islower() for c in value),
                    any(c.isupper() for c in value),
                    any(c.isdigit() for c in value),
                    any(not c.isalnum() for c in value),
                )
            )
            if classes >= 3 or (
                classes == 2
                and len(value) >= 12
                and shannon_entropy(value) >= 3.5
                and any(c.isdigit() for c in value)
            ):
                yield self.span(match.start("value"), match.end("value"), "PASSWORD", 0.65)


_IPV4 = re.compile(r"(?<![\w.])((?:\d{1,3}\.){3}\d{1,3})(?![\w]|\.\d)")
_IPV6 = re.compile(
    r"(?<![\w:.])((?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|(?:\d{1,3}\.){3}\d{1,3}))"
    r"(?![\w:])"
)
_VERSION_BEFORE = re.compile(r"(?:\bv|version|ver\.?|release|build|chrome/|firefox/)[ \t]*$", re.I)


@register
class IpAddressRecognizer(Rule):
    """IPv4 and IPv6 addresses (validated by :mod:`ipaddress`). Version strings (four dotted
    numbers after a version word) and unspecified/loopback addresses score low."""

    name = "ip_address"
    entity_types = frozenset({"IP_ADDRESS"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _IPV4.finditer(text):
            value = match.group(1)
            if any(len(part) > 1 and part.startswith("0") for part in value.split(".")):
                continue  # leading zeros: a version or a date, not an address
            try:
                address = ipaddress.IPv4Address(value)
            except ValueError:
                continue
            score = 0.9
            before = text[max(0, match.start() - 12) : match.start()]
            if _VERSION_BEFORE.search(before) or address.is_unspecified or address.is_loopback:
                score = 0.3
            yield self.span(match.start(1), match.end(1), "IP_ADDRESS", score)
        for match in _IPV6.finditer(text):
            value = match.group(1)
            if value.count(":") < 2 or len(value) < 6:
                continue
            # Clock times are not addresses: demand a hex letter or a "::".
            if "::" not in value and not re.search(r"[A-Fa-f]", value):
                continue
            try:
                address6 = ipaddress.IPv6Address(value)
            except ValueError:
                continue
            score = 0.3 if address6.is_loopback or address6.is_unspecified else 0.9
            yield self.span(match.start(1), match.end(1), "IP_ADDRESS", score)


_MAC = re.compile(
    r"(?<![\w:-])((?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\2){4}[0-9A-Fa-f]{2}"
    r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:-])"
)


@register
class MacAddressRecognizer(Rule):
    """Hardware addresses (aa:bb:cc:dd:ee:ff, aa-bb-..., aabb.ccdd.eeff)."""

    name = "mac_address"
    entity_types = frozenset({"MAC_ADDRESS"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _MAC.finditer(text):
            value = match.group(1)
            if value.lower().replace(":", "").replace("-", "").replace(".", "") in (
                "000000000000",
                "ffffffffffff",
            ):
                continue
            yield self.span(match.start(1), match.end(1), "MAC_ADDRESS", 0.85)
