"""Secrets: API keys and tokens of known providers, private keys, JWTs, high-entropy tokens,
credentials inside URLs, and passwords given in context.

Hard negatives (never reported as secrets on their own): git commit hashes and other pure-hex
digests, UUIDs, base64 ``data:`` URIs (inline images), file paths and ordinary words. A hex
string or UUID *is* reported when a secret word introduces it (a key named for a secret and
``=`` or ``:`` before it). The cases are in ``tests/redaction/rules/test_secrets.py``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from redaction.lexicon import alternation, words
from redaction.models import Span
from redaction.rules.base import Rule, register
from redaction.rules.support import shannon_entropy

# Provider formats (public documentation of each provider; prefixes are stable by design so
# that scanners like this one can find leaked keys).
_PROVIDER_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "aws_access_key",
        (r"(?:" + alternation(words("secrets", "provider_patterns")) + r")[A-Z2-7]{16}"),
    ),
    ("github_token", r"gh[pousr]_[A-Za-z0-9]{36,255}"),
    ("github_pat", r"github_pat_[A-Za-z0-9_]{50,255}"),
    (
        "gitlab_token",
        (
            r"gl(?:"
            + alternation(words("secrets", "provider_token_types"))
            + r")-[A-Za-z0-9_\-]{20,64}"
        ),
    ),
    ("slack_token", r"xox[abposr]-(?:[A-Za-z0-9]+-){1,4}[A-Za-z0-9]{6,}"),
    ("slack_webhook", r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_\-]{20,}"),
    ("stripe_key", r"(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,247}"),
    ("stripe_webhook_secret", r"whsec_[A-Za-z0-9]{24,}"),
    ("anthropic_key", r"sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_\-]{32,}"),
    ("openai_key", r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"),
    ("google_api_key", r"AIza[0-9A-Za-z_\-]{35}"),
    ("google_oauth_token", r"ya29\.[0-9A-Za-z_\-]{20,}"),
    ("google_client_secret", r"GOCSPX-[A-Za-z0-9_\-]{28}"),
    ("huggingface_token", r"hf_[A-Za-z0-9]{30,}"),
    ("npm_token", r"npm_[A-Za-z0-9]{36}"),
    ("pypi_token", r"pypi-AgE[A-Za-z0-9_\-]{50,}"),
    ("sendgrid_key", r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}"),
    ("twilio_key", r"SK[0-9a-fA-F]{32}"),
    ("mailgun_key", r"key-[0-9a-f]{32}"),
    ("digitalocean_token", r"do[opr]_v1_[a-f0-9]{64}"),
    ("shopify_token", r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
    ("azure_storage_key", r"AccountKey=[A-Za-z0-9+/]{86}=="),
    ("jwt", r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),
    ("ssh_public_key_body", r"AAAA[BC][0-9A-Za-z+/]{20,}={0,2}"),
)
_PROVIDERS = re.compile(
    r"(?<![A-Za-z0-9])(?:" + "|".join(f"(?P<{n}>{p})" for n, p in _PROVIDER_PATTERNS) + r")"
    r"(?![A-Za-z0-9])"
)
_PRIVATE_KEY = re.compile(
    r"-----BEGIN[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----"
    r"(?:.*?-----END[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----|[\s\S]{0,4000})",
    re.S,
)

# Words that introduce a secret value: a variable, key or header named for a key, a token, a
# secret or a credential, then "=" or ":". The value is one token of 8+ characters.
_SECRET_WORD = (
    (
        r"[A-Za-z0-9_.\-]{0,40}?(?:api[_\-.]?key|apikey|secret|token|access[_\-.]?key|pr"
        r"ivate[_\-.]?key|client[_\-.]?secret|auth[_\-.]?token|session[_\-.]?id|cookie|c"
        r"redentials?|"
    )
    + alternation(words("secrets", "secret_word"))
    + r")[A-Za-z0-9_\-.]{0,40}"
)
_ASSIGNED_SECRET = re.compile(
    r"(?<![A-Za-z0-9])"
    + _SECRET_WORD
    + r"[\"']?[ \t]*(?:=|:|=>|:=)[ \t]*(?:bearer[ \t]+|basic[ \t]+|token[ \t]+)?[\"'`]?"
    r"(?P<value>[A-Za-z0-9+/=_\-.~:]{8,512})",
    re.I,
)
_BEARER = re.compile(r"\b(?:bearer|basic)[ \t]+(?P<value>[A-Za-z0-9+/=_\-.~]{16,2048})", re.I)

# High-entropy tokens on their own: 20+ characters of a token alphabet with letters and
# digits mixed.
_TOKEN = re.compile(r"(?<![A-Za-z0-9+/_\-])([A-Za-z0-9+/_\-]{20,512}={0,2})(?![A-Za-z0-9+/_\-=])")
_HEX = re.compile(r"^(?:0x)?[0-9a-fA-F]+$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_DATA_URI = re.compile(r"data:[\w/+.\-]+;base64,[A-Za-z0-9+/=\s]*", re.I)


def _looks_like_hard_negative(token: str) -> bool:
    """Digests, UUIDs, paths and identifiers that are not secrets on their own."""
    if _HEX.match(token) or _UUID.match(token):
        return True  # commit hashes, sha256 digests, UUIDs
    if re.match(r"(?i)sha(?:1|224|256|384|512)-", token):
        return True  # subresource-integrity digests (package-lock.json)
    if "/" in token and not re.search(r"[+=]", token):
        parts = [p for p in token.split("/") if p]
        if all(re.fullmatch(r"[A-Za-z0-9_\-.]*", p) and not _random_looking(p) for p in parts):
            return True  # a path
    if re.fullmatch(r"[a-z]+(?:[_\-][a-z0-9]+)+", token) or re.fullmatch(
        r"[A-Z]+(?:_[A-Z0-9]+)+", token
    ):
        return True  # snake/kebab identifiers, CONSTANT_NAMES
    return bool(re.fullmatch(r"(?:[A-Z]?[a-z]+)+\d{0,4}", token))  # CamelCaseWords


def _random_looking(token: str) -> bool:
    """Mixed letters and digits with high per-character entropy, not pronounceable text."""
    letters = sum(c.isalpha() for c in token)
    digits = sum(c.isdigit() for c in token)
    if len(token) < 16 or letters == 0 or digits == 0:
        return False
    upper = sum(c.isupper() for c in token)
    lower = sum(c.islower() for c in token)
    # Identifiers have few case switches and long runs of letters; keys switch often.
    switches = sum(
        1
        for a, b in itertools.pairwise(token)
        if a.isdigit() != b.isdigit()
        or (a.isalpha() and b.isalpha() and a.isupper() != b.isupper())
    )
    entropy = shannon_entropy(token)
    if upper and lower:
        return entropy >= 3.7 and switches >= len(token) / 5
    # Single-case tokens (lowercase or uppercase alnum) need more length to be convincing.
    return len(token) >= 24 and entropy >= 3.8 and switches >= len(token) / 4


@register
class SecretRecognizer(Rule):
    """API keys and tokens in the formats their providers document (the table of patterns
    above), JWTs, private-key blocks, SSH key bodies, values assigned to secret-named
    variables, ``Bearer`` tokens, and high-entropy tokens."""

    name = "secret"
    entity_types = frozenset({"SECRET"})

    def find(self, text: str) -> Iterator[Span]:
        return self._find(text, prompts=True)

    def find_typed(self, text: str) -> Iterator[Span]:
        return self._find(text, prompts=False)  # a prompt is shown, never typed

    def _find(self, text: str, prompts: bool) -> Iterator[Span]:
        data_uris = [m.span() for m in _DATA_URI.finditer(text)]

        def in_data_uri(start: int, end: int) -> bool:
            return any(s <= start and end <= e for s, e in data_uris)

        for match in _PROVIDERS.finditer(text):
            if not in_data_uri(*match.span()):
                yield self.span(match.start(), match.end(), "SECRET", 0.95)
        for match in _PRIVATE_KEY.finditer(text):
            yield self.span(match.start(), match.end(), "SECRET", 1.0)
        for pattern in (_ASSIGNED_SECRET, _BEARER):
            for match in pattern.finditer(text):
                start, end = match.span("value")
                value = match.group("value").rstrip(".,;:")
                if len(value) < 8 or in_data_uri(start, end):
                    continue
                if prompts and is_shell_prompt(text[start:].split(maxsplit=1)[0]):
                    continue  # after a silent password prompt: the shell's next prompt
                # A short plain word or a call after the key is not a value worth hiding...
                if re.fullmatch(r"[A-Za-z]+(?:\(\))?", value) and len(value) < 12:
                    continue
                yield self.span(start, start + len(value), "SECRET", 0.85)
        for match in _TOKEN.finditer(text):
            token = match.group(1)
            if in_data_uri(*match.span()) or _looks_like_hard_negative(token):
                continue
            if _random_looking(token.rstrip("=")):
                yield self.span(match.start(1), match.end(1), "SECRET", 0.7)


# URLs with userinfo (scheme://user:pass@host) or credential-named query/fragment parameters.
_URL_USERINFO = re.compile(
    r"\b[a-z][a-z0-9+.\-]{1,15}://(?P<userinfo>[^\s/?#@:]+(?::(?!\d{1,5}/)[^\s?#@]*)?)@"
    r"[^\s/?#]+",
    re.I,
)
_URL_PARAM = re.compile(
    (
        r"[?&#;](?P<name>[A-Za-z0-9_.\-]*(?:"
        + alternation(words("secrets", "url_param"))
        + ")[A-Za-z0-9_.\\-]*)=(?P<value>[^\\s&#\\\"'<>]{4,})"
    ),
    re.I,
)
_URL_PATH_TOKEN = re.compile(
    (
        r"https?://[^\s/]+/(?:[^\s?#]*/)?(?:"
        + alternation(words("secrets", "url_path_token"))
        + r")/(?P<value>[A-Za-z0-9_\-]{6,})"
    ),
    re.I,
)


@register
class UrlCredentialRecognizer(Rule):
    """Credentials and tokens inside URLs: ``https://user:pass@host``, ``?token=...``,
    ``?api_key=...``, ``&sig=...``, ``#access_token=...``, and token path segments of
    verification, reset and invite links."""

    name = "url_credential"
    entity_types = frozenset({"URL_CREDENTIAL"})

    def find(self, text: str) -> Iterator[Span]:
        if "://" not in text and "=" not in text:
            return
        for match in _URL_USERINFO.finditer(text):
            yield self.span(*match.span("userinfo"), "URL_CREDENTIAL", 0.95)
        for match in _URL_PARAM.finditer(text):
            yield self.span(*match.span("value"), "URL_CREDENTIAL", 0.9)
        for match in _URL_PATH_TOKEN.finditer(text):
            yield self.span(*match.span("value"), "URL_CREDENTIAL", 0.75)


# A word that names a password, a passphrase, a passcode or a PIN, in several languages.
_PASSWORD_WORD = (
    r"pass(?:word|wd|phrase|code|wort)?s?|pwd|pw|pin(?:[ \t]?(?:code|number))?|mot[ "
    r"\t]de[ \t]passe|"
) + alternation(words("secrets", "password_word"))
_PASSWORD_ASSIGNED = re.compile(
    r"(?<![A-Za-z0-9])(?:" + _PASSWORD_WORD + r")[\"']?(?:[ \t]+(?:is|was|=|:|-)|[ \t]*[=:])"
    r"[ \t]*[\"'`]?(?P<value>[^\s\"'`]{1,128})",
    re.I,
)
_PASSWORD_BARE = re.compile(
    r"(?<![A-Za-z0-9])(?:" + _PASSWORD_WORD + r")[ \t]+(?P<value>[^\s]{3,128})", re.I
)
# What follows "password" in ordinary prose, not a password.
_PROSE_AFTER_PASSWORD = re.compile(
    (r"^(?:" + alternation(words("secrets", "prose_after_password")) + r"|again\W*)\W*$"),
    re.I,
)
_PIN_VALUE = re.compile(r"^\d{3,12}$")
# A shell's prompt: a shell's default (its name, a dash, its version, then $, #, % or >) or
# user@host, a colon and a path, then a prompt sign. After a silent password prompt the next
# prompt follows on the same line; it is not what was typed (that was never shown).
_SHELL_PROMPT = re.compile(r"[a-z]+-\d+(?:\.\d+)+[$#%>]|[\w.\-]+@[\w.\-]+:[~/]\S*[$#%]")


def is_shell_prompt(token: str) -> bool:
    """Whether ``token`` is a shell prompt (see ``_SHELL_PROMPT``), not a value after a label."""
    return _SHELL_PROMPT.fullmatch(token) is not None


@register
class PasswordRecognizer(Rule):
    """Passwords, passphrases, passcodes and PINs given after a word that names them.

    With ``is``, ``:``, ``=`` or ``-`` any following token is the password; after a bare space
    the token must not be an ordinary prose word (``secrets.toml``: ``prose_after_password``).
    A PIN must be digits.
    """

    name = "password"
    entity_types = frozenset({"PASSWORD"})

    def find(self, text: str) -> Iterator[Span]:
        return self._find(text, prompts=True)

    def find_typed(self, text: str) -> Iterator[Span]:
        return self._find(text, prompts=False)  # a prompt is shown, never typed

    def _find(self, text: str, prompts: bool) -> Iterator[Span]:
        seen: set[int] = set()
        for pattern, bare in ((_PASSWORD_ASSIGNED, False), (_PASSWORD_BARE, True)):
            for match in pattern.finditer(text):
                start = match.start("value")
                if start in seen:
                    continue
                value = match.group("value")
                word = match.group().lower()
                if word.startswith("pin") and not _PIN_VALUE.match(value.rstrip(".,;")):
                    continue
                if bare and _PROSE_AFTER_PASSWORD.match(value):
                    continue
                if value.rstrip(".,;:!?") == "" or (prompts and is_shell_prompt(value)):
                    continue
                # A sentence's full stop is not part of the password, unless it is all there is.
                trimmed = value.rstrip(".,;!?") or value
                seen.add(start)
                yield self.span(start, start + len(trimmed), "PASSWORD", 0.9 if not bare else 0.75)
