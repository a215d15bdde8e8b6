"""Words and checks that several screen rules share: path heads, owners that are not people,
and whether a URL on screen carries something personal. Its own module so that the rules that
use them (analysis, patterns, frame) do not import one another."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from redaction.lexicon import alternation, tagged, words

#: First parts of "a/b" paths that are folders, not repository owners.
PATH_HEADS = frozenset(words("screen", "path_heads"))
#: First parts of "a/b" that are git refs or code-host pages, not repository owners.
NOT_OWNERS = frozenset(words("screen", "not_owners"))
#: Owners of public projects (their repositories identify no one).
PUBLIC_OWNERS = frozenset(words("screen", "public_owners"))

_SENSITIVE_URL_WORDS = re.compile(
    (
        alternation(words("screen", "sensitive_url_words"))
        + r"|/u/|/users?/|/people/|/profile|/account|/~"
    ),
    re.I,
)
#: Hosted apps that give each customer a subdomain: the subdomain names the employer.
_TENANT_HOSTS = re.compile(
    (r"^(?P<t>[a-z0-9][a-z0-9\-]*)\.(?:" + alternation(words("screen", "tenant_hosts")) + r")$"),
    re.I,
)
#: Tenant-like subdomains that every customer shares.
_SHARED_SUBDOMAINS = frozenset(words("screen", "shared_subdomains"))
#: Code hosts whose "owner/name" paths name a person unless the owner is public
#: (``online.toml``: ``code_hosts``).
_OWNER_PATH_HOSTS = tagged("online", "code_hosts", "owner_path")


def _profile_hosts(form: str) -> str:
    """A group of the hosts whose personal paths have ``form`` (``online.toml``:
    ``profile_hosts``)."""
    return "(?:" + alternation(tagged("online", "profile_hosts", form)) + ")"


#: Paths that name a person or a private project on well-known hosts: a profile, a user's
#: repository, a file under a home directory.
_PERSONAL_PATHS = re.compile(
    r"^(?:(?:www\.)?" + _profile_hosts("in_path") + r"/in/|"
    r"(?:" + alternation(_OWNER_PATH_HOSTS) + r")/[^/\s]+/[^/\s]+|"
    r"(?:www\.)?" + _profile_hosts("handle") + r"/[A-Za-z0-9_.]{3,}$|"
    # Booking pages, workspaces and blogs named after their owner.
    + _profile_hosts("page") + r"/[A-Za-z0-9_.\-]{3,}|"
    r"(?:www\.)?" + _profile_hosts("workspace") + r"/[A-Za-z0-9_\-]{3,}/|"
    + _profile_hosts("at_handle") + r"/@[A-Za-z0-9_.\-]{2,})",
    re.I,
)
_OPAQUE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_\-]{12,}$|^[0-9a-f\-]{16,}$|^\d{5,}$")


def _code_host_owner_ok(host: str, path: str) -> bool:
    """A code host's "owner/name" path names a person or a company unless the owner is a
    code host's own page or a well-known public project."""
    if not host.endswith(_OWNER_PATH_HOSTS):
        return True
    owner = path.strip("/").split("/")[0].lower()
    return owner not in NOT_OWNERS and owner not in PUBLIC_OWNERS


def url_is_sensitive(url: str) -> bool:
    """Whether a URL carries something personal: credentials, a token, a user, an e-mail.

    A public documentation link is left alone (it identifies nobody); an invitation, a reset
    link or a profile page are removed.
    """
    candidate = url.strip().strip("<>()[]'\",;")
    if "@" in candidate or _SENSITIVE_URL_WORDS.search(candidate):
        return True
    if "://" not in candidate:
        candidate = "https://" + candidate
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return True
    if parts.username or parts.password:
        return True
    if parts.scheme == "file" or re.search(r"/(?:Users|home)/[^/]+", parts.path):
        return True  # a local path names its user
    host = (parts.hostname or "").lower()
    tenant = _TENANT_HOSTS.match(host)
    if tenant and tenant.group("t") not in _SHARED_SUBDOMAINS:
        return True
    if _PERSONAL_PATHS.match(host.removeprefix("www.") + parts.path.rstrip("/")):
        return _code_host_owner_ok(host, parts.path)
    if any(_OPAQUE.match(v) for _, v in parse_qsl(parts.query)):
        return True
    return any(_OPAQUE.match(segment) for segment in parts.path.split("/"))
