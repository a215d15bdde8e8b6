"""Word patterns of screens: sensitive URLs always; @handles, #channels and repositories only
where the settings say so.

Handles, channels and repositories identify people and companies in a workplace's screens,
and they are everywhere in public ones (``#123`` issues, ``src/app`` paths): each costs
oversmash, so each is a setting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.image.findings import Finding, from_words
from redaction.image.layout import Layout, TextDocument, WordRef
from redaction.image.settings import ImageRedactionSettings

RECOGNIZER = "screen_pattern"

_HANDLE = re.compile(r"(?<![\w.@])@(?P<v>[A-Za-z0-9_][A-Za-z0-9_.\-]{1,38})(?![\w@(])")
#: Bare user names where a code host or a code comment names them: "jdoe wants to merge",
#: "by jdoe_42", "TODO(jdoe):".
_USER_CONTEXT = re.compile(
    r"(?P<v>\b[A-Za-z0-9][A-Za-z0-9_.\-]{1,38})(?=[ \t]+(?:wants[ \t]+to[ \t]+merge|merged[ \t]+\d|"
    r"opened[ \t]+this|commented[ \t]+on|approved[ \t]+these|requested[ \t]+changes|"
    r"requested[ \t]+a[ \t]+review|pushed[ \t]+\d))"
    r"|\bby[ \t]+@?(?P<w>[a-z][a-z0-9]*[0-9_][a-z0-9_.\-]*|[a-z]{2,}[0-9]+)\b"
    r"|\b(?i:todo|fixme|xxx|hack|note)\((?P<x>[A-Za-z0-9_.\-]{2,39})\)"
)
#: Code annotations that look like handles.
_ANNOTATIONS = frozenset(
    {
        "property",
        "staticmethod",
        "classmethod",
        "dataclass",
        "override",
        "abstractmethod",
        "cached_property",
        "pytest",
        "test",
        "app",
        "router",
        "media",
        "import",
        "keyframes",
        "font-face",
        "param",
        "return",
        "returns",
        "throws",
        "deprecated",
        "author",
        "since",
        "see",
        "type",
        "types",
        "decorator",
        "mixin",
        "include",
        "extend",
        "apply",
    }
)
_PROMPT_USER = re.compile(
    r"(?<![\w.\-])(?P<v>[a-z_][a-z0-9_.\-]{1,31}@[A-Za-z0-9][A-Za-z0-9.\-]{0,62})"
    r"(?=:[~/]|\s*[$#%>])"
)
_URL = re.compile(r"(?P<v>(?:https?://|www\.)[^\s<>\"'|]{3,})")
_CHANNEL = re.compile(r"(?<![\w&#/])#(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})(?![\w])")
_REPO = re.compile(
    r"(?:(?:github|gitlab|bitbucket)\.(?:com|org)[/:]|git@[\w.\-]+:)"
    r"(?P<v>[A-Za-z0-9][A-Za-z0-9\-]{0,38}/[A-Za-z0-9._\-]{1,100})"
    r"|(?<![\w./\-])(?P<w>[A-Za-z0-9][A-Za-z0-9\-]{1,38}/[A-Za-z][A-Za-z0-9_.\-]{1,99})(?![\w/])"
)
_PATH_HEADS = frozenset(
    """
src lib libs test tests docs doc bin usr etc var opt tmp home build dist node_modules app
apps api v1 v2 v3 static assets public private config configs scripts tools include vendor
pkg cmd internal examples sample samples data images img css js fonts
""".split()  # noqa: SIM905 - a word list reads best as words
)
_FILE_EXT = re.compile(
    r"\.(?:py|js|ts|tsx|jsx|md|txt|json|ya?ml|toml|html?|css|c|h|cc|cpp|go|rs|"
    r"java|kt|rb|php|sh|lock|cfg|ini|xml|csv|png|jpe?g|svg|gif|log)$",
    re.I,
)


#: First parts of "a/b" that are git refs or code-host pages, not repository owners.
_NOT_OWNERS = frozenset(
    {
        "origin",
        "upstream",
        "remotes",
        "refs",
        "heads",
        "tags",
        "feature",
        "features",
        "fix",
        "bugfix",
        "hotfix",
        "release",
        "releases",
        "topics",
        "marketplace",
        "sponsors",
        "settings",
        "pricing",
        "about",
        "enterprise",
        "explore",
        "login",
        "join",
        "notifications",
        "pulls",
        "issues",
        "collections",
        "trending",
        "security",
        "customer-stories",
        "readme",
        "site",
        "contact",
        "apps",
        "orgs",
        "users",
        "search",
        "new",
        "blog",
        "docs",
        "help",
        "support",
        "team",
        "resources",
        "solutions",
    }
)


def _repo_ok(value: str) -> bool:
    owner, _, name = value.partition("/")
    if (
        owner.lower() in _PATH_HEADS
        or owner.lower() in _NOT_OWNERS
        or _FILE_EXT.search(name)
        or owner.isdigit()
    ):
        return False
    if value.lower() in {"and/or", "w/o", "n/a", "i/o", "tcp/ip", "on/off", "yes/no"}:
        return False
    return bool(re.search(r"[A-Za-z]", owner)) and bool(re.search(r"[A-Za-z]{2}", name))


def find_patterns(
    layout: Layout, documents: list[TextDocument], settings: ImageRedactionSettings
) -> list[Finding]:
    return list(_iter(layout, documents, settings))


def _iter(
    layout: Layout, documents: list[TextDocument], settings: ImageRedactionSettings
) -> Iterator[Finding]:
    from redaction.image.analysis import url_is_sensitive

    # URLs that carry a token, a user or an e-mail are always removed (the text policy may
    # leave URLs alone; on a screen an invitation or reset link is as good as a password).
    rules: list[tuple[re.Pattern[str], str]] = [(_URL, "URL")]
    if settings.handles:
        rules += [(_HANDLE, "USERNAME"), (_PROMPT_USER, "USERNAME"), (_USER_CONTEXT, "USERNAME")]
    if settings.channels:
        rules.append((_CHANNEL, "CHANNEL"))
    if settings.repo_paths:
        rules.append((_REPO, "REPOSITORY"))
    # One document suffices: these patterns never cross words.
    document = documents[0] if documents else None
    if document is None:
        return
    for pattern, entity in rules:
        for match in pattern.finditer(document.text):
            group = next(
                g for g in ("v", "w", "x") if g in pattern.groupindex and match.group(g) is not None
            )
            value = match.group(group)
            if pattern is _HANDLE and value.lower() in _ANNOTATIONS:
                continue
            if entity == "REPOSITORY" and not _repo_ok(value.removesuffix(".git")):
                continue
            if entity == "CHANNEL" and not re.search(r"[a-z]", value):
                continue
            if (
                entity == "URL"
                and settings.url_policy == "sensitive"
                and not url_is_sensitive(value)
            ):
                continue
            start, end = match.span(group)
            if pattern in (_HANDLE, _CHANNEL):
                start -= 1  # take the sigil too
            refs: list[WordRef] = [document.refs[i] for i in document.words_between(start, end)]
            found = from_words(layout, refs, entity, RECOGNIZER, 0.6)
            if found:
                yield found
