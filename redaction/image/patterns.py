"""Optional word patterns, on only where the policy says so: @handles, #channels, repositories.

They identify people and companies in a workplace's screens, and they are everywhere in public
ones (``#123`` issues, ``src/app`` paths): each costs oversmash, so each is a setting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.image.findings import Finding, from_words
from redaction.image.layout import Layout, TextDocument, WordRef
from redaction.image.settings import ImageRedactionSettings

RECOGNIZER = "screen_pattern"

_HANDLE = re.compile(r"(?<![\w.@])@(?P<v>[A-Za-z0-9_][A-Za-z0-9_.\-]{1,38})(?![\w@])")
_PROMPT_USER = re.compile(r"(?<![\w.\-])(?P<v>[a-z_][a-z0-9_.\-]{1,31}@[A-Za-z0-9][A-Za-z0-9.\-]{0,62})"
                          r"(?=:[~/]|\s*[$#%>])")
_CHANNEL = re.compile(r"(?<![\w&#/])#(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})(?![\w])")
_REPO = re.compile(
    r"(?:(?:github|gitlab|bitbucket)\.(?:com|org)[/:]|git@[\w.\-]+:)"
    r"(?P<v>[A-Za-z0-9][A-Za-z0-9\-]{0,38}/[A-Za-z0-9._\-]{1,100})"
    r"|(?<![\w./\-])(?P<w>[A-Za-z0-9][A-Za-z0-9\-]{1,38}/[A-Za-z][A-Za-z0-9_.\-]{1,99})(?![\w/])")
_PATH_HEADS = frozenset(["src", "lib", "libs", "test", "tests", "docs", "doc", "bin", "usr", "etc", "var", "opt", "tmp", "home", "build", "dist", "node_modules", "app", "apps", "api", "v1", "v2", "v3", "static", "assets", "public", "private", "config", "configs", "scripts", "tools", "include", "vendor", "pkg", "cmd", "internal", "examples", "sample", "samples", "data", "images", "img", "css", "js", "fonts"])
_FILE_EXT = re.compile(r"\.(?:py|js|ts|tsx|jsx|md|txt|json|ya?ml|toml|html?|css|c|h|cc|cpp|go|rs|"
                       r"java|kt|rb|php|sh|lock|cfg|ini|xml|csv|png|jpe?g|svg|gif|log)$", re.I)


def _repo_ok(value: str) -> bool:
    owner, _, name = value.partition("/")
    if owner.lower() in _PATH_HEADS or _FILE_EXT.search(name) or owner.isdigit():
        return False
    if value.lower() in {"and/or", "w/o", "n/a", "i/o", "tcp/ip", "on/off", "yes/no"}:
        return False
    return bool(re.search(r"[A-Za-z]", owner)) and bool(re.search(r"[A-Za-z]{2}", name))


def find_patterns(layout: Layout, documents: list[TextDocument],
                  settings: ImageRedactionSettings) -> list[Finding]:
    return list(_iter(layout, documents, settings))


def _iter(layout: Layout, documents: list[TextDocument],
          settings: ImageRedactionSettings) -> Iterator[Finding]:
    rules: list[tuple[re.Pattern[str], str]] = []
    if settings.handles:
        rules += [(_HANDLE, "USERNAME"), (_PROMPT_USER, "USERNAME")]
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
            group = "v" if match.group("v") else "w"
            value = match.group(group)
            if entity == "REPOSITORY" and not _repo_ok(value.removesuffix(".git")):
                continue
            if entity == "CHANNEL" and not re.search(r"[a-z]", value):
                continue
            start, end = match.span(group)
            if entity in ("USERNAME", "CHANNEL") and group == "v" and pattern is not _PROMPT_USER:
                start -= 1  # take the sigil too
            refs: list[WordRef] = [document.refs[i] for i in document.words_between(start, end)]
            found = from_words(layout, refs, entity, RECOGNIZER, 0.6)
            if found:
                yield found
