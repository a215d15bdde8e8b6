"""Word patterns of screens: sensitive URLs always; @handles, #channels and repositories where
the screen says what they are (``find_cued``, default on), or everywhere where the settings say
so (``find_patterns``).

Handles, channels and repositories identify people and companies in a workplace's screens,
and they are everywhere in public ones (``#123`` issues, ``src/app`` paths): taken everywhere
they cost oversmash, so that is a setting; taken with a cue they are precise enough for the
defaults.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.image.findings import Finding, from_words
from redaction.image.layout import Layout, TextDocument, WordRef
from redaction.image.screen_words import (
    NOT_OWNERS,
    PATH_HEADS,
    PUBLIC_OWNERS,
    url_is_sensitive,
)
from redaction.image.settings import ImageRedactionSettings
from redaction.lexicon import alternation, tagged, words

RECOGNIZER = "screen_pattern"

_HANDLE = re.compile(r"(?<![\w.@])@(?P<v>[A-Za-z0-9_][A-Za-z0-9_.\-]{1,38})(?![\w@(])")
#: Bare user names where a code host or a code comment names them: "jdoe wants to merge",
#: "by jdoe_42", "TODO(jdoe):".
_USER_CONTEXT = re.compile(
    (
        r"(?P<v>\b[A-Za-z0-9][A-Za-z0-9_.\-]{1,38})(?=[ \t]+(?:wants[ \t]+to[ \t]+merge|"
        r"merged[ \t]+\d|"
    )
    + alternation(words("screen", "user_context"))
    + (
        r"|pushed[ \t]+\d))|\bby[ \t]+@?(?P<w>[a-z][a-z0-9]*[0-9_][a-z0-9_.\-]*|[a-z]{2,"
        r"}[0-9]+)\b|\b(?i:todo|fixme|xxx|hack|note)\((?P<x>[A-Za-z0-9_.\-]{2,39})\)"
    )
)
#: Code annotations that look like handles.
_ANNOTATIONS = frozenset(words("screen", "annotations"))
_PROMPT_USER = re.compile(
    r"(?<![\w.\-<])(?P<v>[a-z_][a-z0-9_.\-]{1,31}@[A-Za-z0-9][A-Za-z0-9.\-]{0,62})"
    r"(?=:[~/]|\s*[$#%>])"
)
_URL = re.compile(
    (
        "(?P<v>(?:https?://|file://|www\\.)[^\\s<>\\\"'|]{3,})|(?<![\\w@.\\-/])(?P<w>(?:[a-z0"
        r"-9][a-z0-9\-]*\.)+(?:"
    )
    + alternation(words("screen", "url"))
    + ")(?::\\d+)?(?:/[^\\s<>\\\"'|]*)?)(?![\\w@\\-]|\\.\\w)"
)
_CHANNEL = re.compile(r"(?<![\w&#/])#(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})(?![\w])")
_REPO = re.compile(
    r"(?:(?:github|gitlab|bitbucket)\.(?:com|org)[/:]|git@[\w.\-]+:|"
    # Container registries name images after their repository: "ghcr.io/acme/billing:sha".
    r"(?:ghcr|quay)\.io/|registry\.gitlab\.com/)"
    r"(?P<v>[A-Za-z0-9][A-Za-z0-9\-]{0,38}/[A-Za-z0-9._\-]{1,100})"
    r"|(?<![\w./\-])(?P<w>[A-Za-z0-9][A-Za-z0-9\-]{1,38}/[A-Za-z][A-Za-z0-9_.\-]{1,99})(?![\w/])"
)
_FILE_EXT = re.compile(
    (
        r"\.(?:"
        + alternation(words("screen", "file_ext_2"))
        + r"|ya?ml|toml|html?|"
        + alternation(words("screen", "file_ext"))
        + r"|jpe?g|svg|gif|log)$"
    ),
    re.I,
)


#: Slash pairs of prose and protocols that are never "owner/name".
_NOT_REPOSITORIES = frozenset(words("screen", "not_repositories"))


def _repo_ok(value: str) -> bool:
    owner, _, name = value.partition("/")
    if (
        owner.lower() in PATH_HEADS
        or owner.lower() in NOT_OWNERS
        or _FILE_EXT.search(name)
        or owner.isdigit()
    ):
        return False
    if value.lower() in _NOT_REPOSITORIES:
        return False
    return bool(re.search(r"[A-Za-z]", owner)) and bool(re.search(r"[A-Za-z]{2}", name))


def find_patterns(
    layout: Layout, documents: list[TextDocument], settings: ImageRedactionSettings
) -> list[Finding]:
    return list(_iter(layout, documents, settings))


def _iter(
    layout: Layout, documents: list[TextDocument], settings: ImageRedactionSettings
) -> Iterator[Finding]:
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
            if entity == "URL" and refs:
                refs += _url_tail(layout, refs[-1])
            found = from_words(layout, refs, entity, RECOGNIZER, 0.6)
            if found:
                yield found


def _url_tail(layout: Layout, last: WordRef) -> list[WordRef]:
    """The rest of a URL whose path has a space ("/sites/Review/Shared Documents"): up to
    three words after it on its line, each capitalised or holding a "/", up to the line's end
    (an address bar or a link alone on its line)."""
    words = layout.lines[last.line].words
    rest = list(range(last.index + 1, len(words)))
    if not rest or len(rest) > 3 or not re.search(r"/[^/\s]*$", words[last.index].text):
        return []
    if all(
        re.fullmatch(r"[A-Z][\w%.\-]*(?:/[\w%.\-]*)*|[\w%.\-]*/[\w%./\-]*", words[i].text)
        for i in rest
    ):
        return [WordRef(last.line, i) for i in rest]
    return []


# --- cued identifiers: on by default ------------------------------------------------------------
#
# Handles, channels and repositories are everywhere on public screens too (``#include``,
# ``@media``, ``src/app``), so the bare patterns above are settings. The same values are safe to
# take by default where the screen itself says what they are: a chat app's channel list or
# composer, a mention in a chat message, a code host's page or a git command, a shell prompt or
# a home directory.

#: Channels every chat workspace has: they identify no one.
_DEFAULT_CHANNELS = frozenset(words("screen", "default_channels"))
_NOT_CHANNELS = re.compile(
    (
        r"^(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8}|"
        + alternation(words("screen", "not_channels"))
        + r"|\d+|l\d+(?:-l\d+)?|readme|top|main|content|section-?\d*)$"
    ),
    re.I,
)
#: Lines that make a page a chat app: its sidebar headings and composer.
_CHAT_CUES = re.compile(
    r"^(?:channels|direct messages|huddles|browse channels|all channels)$|^message #|"
    r"\bjoined #|^huddle in #",
    re.I | re.M,
)
_CHANNEL_CUED = re.compile(r"(?<![\w&#/])#[ \t]?(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})(?![\w])")
_CHANNEL_SENTENCE = re.compile(
    r"(?i:\b(?:"
    + alternation(words("screen", "channel_sentence"))
    + (
        r"|slack:?|channel:?)[ \t]+)#(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})(?![\w\-])|(?<![\w"
        r"&#/])#(?P<w>[a-z0-9][a-z0-9_.\-]{1,79})(?=[ \t]+(?i:channel|on slack|in slack)"
        r"\b)"
    )
)
_CHANNEL_SAID = re.compile(r"[ \t]+(?i:channel|on slack|in slack)\b")
#: A sidebar entry with its "#" icon read apart or not at all: a lone lowercase slug.
_SLUG_LINE = re.compile(r"^[#\u266f]?[ \t]*(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})$")
_CHANNEL_HEADING = re.compile(r"^(?:channels|starred|favorites|favourites)$", re.I)

#: Mentions that address everyone, not someone.
_BROADCAST = frozenset({"here", "channel", "everyone", "all", "team"})
#: A code host's tab bar ("Code  Issues 41  Pull requests 7  Actions"): three of these on a line.
_CODE_HOST_TABS = re.compile(
    (
        r"\b(?:"
        + alternation(words("screen", "code_host_tabs"), spaces=r" ")
        + r"|forks?|stars?|watch)\b"
    ),
    re.I,
)
#: A line that alone shows a code host or a git command.
_CODE_HOST_LINE = re.compile(
    r"wants to merge|merged \d+ commits?|opened this (?:pull request|issue)|"
    r"(?:github|gitlab)\.com[/:]|bitbucket\.org[/:]|\bgit (?:clone|remote|push|pull|fetch)\b|"
    r"\bgit@",
    re.I,
)
#: GitHub's header "owner / name" (spaces around the slash), on a code host's page.
_SPACED_REPO = re.compile(
    r"(?<![\w./\-])(?P<o>[A-Za-z0-9][A-Za-z0-9\-]{0,38})[ \t]+(?:\|[ \t]+)?/[ \t]+(?:\|[ \t]+)?"
    r"(?P<n>[A-Za-z0-9][A-Za-z0-9_.\-]{1,99})(?![\w/])"
)
#: A git word on the same line as a bare "owner/name".
_GIT_LINE = re.compile(
    (
        r"\b(?:git|clone|remote|origin|upstream|fork(?:ed)?|"
        + alternation(words("screen", "git_line"))
        + r")\b"
    ),
    re.I,
)
#: A code host's timeline row: "jdoe committed", "jdoe commented 3 days ago".
_TIMELINE_USER = re.compile(
    (
        r"(?:^|(?<=[|\n]) |^\W{0,2})(?P<v>[A-Za-z0-9][A-Za-z0-9_\-]{1,38})[ \t]+(?=(?:"
        + alternation(words("screen", "timeline_user"))
        + r"|requested[ \t]+(?:a[ \t]+)?review|requested[ \t]+changes|added[ \t]+\d+|"
        + alternation(words("screen", "timeline_user_2"))
        + r")\b)"
    ),
    re.M,
)
#: An avatar's initials and a login: "KW kimberly-walters", "ZM zachary66" (OCR may keep one
#: letter of two: "w isaiah_w").
_AVATAR_LOGIN = re.compile(r"^(?P<i>[A-Za-z]{1,2})[ \t]+(?P<v>[a-z][a-z0-9_.\-]{2,38})$")


def _initials_fit(initials: str, login: str) -> bool:
    """One of the initials starts a part of the login ("KW" kimberly-walters, "w" isaiah_w)."""
    starts = {part[0] for part in re.split(r"[\-_.\d]+", login.lower()) if part}
    return any(letter in starts for letter in initials.lower())


def value_chosen(value: str) -> bool:
    """A login someone chose: a dash, underscore, dot or digit in it ("jane-doe", "ana42")."""
    return bool(re.search(r"[a-z][\-_.]?[0-9]|[a-z][\-_.][a-z]", value))


#: "... into main from jdoe:branch" (a pull request from a fork or a user's branch).
_FROM_BRANCH = re.compile(r"\bfrom[ \t]+(?P<v>[A-Za-z0-9][A-Za-z0-9_\-]{1,38}):[\w./\-]+")
#: A shell prompt "jdoe@MacBook-Pro ~/code (main) $", "jdoe@host:~$" (not "<a@b.com>", an
#: address in brackets).
_PROMPT = re.compile(
    r"(?<![\w.\-@<])(?P<v>[a-z_][a-z0-9_.\-]{1,31})@[A-Za-z0-9][A-Za-z0-9.\-]{0,62}"
    r"(?=:[~/]|[ \t]+~|[ \t]*[$#%>\u276f])"
)
#: A home directory: the user name in it identifies the person.
_HOME = re.compile(
    r"(?:/Users/|/home/|[A-Za-z]:\\Users\\)(?P<v>[A-Za-z0-9_.\-]{2,32})(?=[/\\\s]|$)"
)
_SYSTEM_USERS = frozenset(words("screen", "system_users"))
_MENTION = re.compile(
    r"(?<![\w.@/\\])@(?P<v>[A-Za-z0-9_][A-Za-z0-9_.\-]{1,38}[A-Za-z0-9_])(?![\w@(/])"
)


#: An editor's title bar: "billing.py — atlas-payments — Visual Studio Code" (the middle part
#: is the open folder: the project's repository).
_EDITOR_TITLE = re.compile(
    (
        (
            r"(?:\S+\.\w{1,8}[ \t]+[\u2014\u2013\-][ \t]+|^|(?<=\n))(?P<v>[A-Za-z0-9][A-Za-z"
            r"0-9_.\-]{2,99})(?:[ \t]+\[[^\]\n]*\])?[ \t]+[\u2014\u2013\-][ \t]+(?:Visual St"
            r"udio Code|VS ?Code|"
        )
        + alternation(words("screen", "editor_title"), spaces=r" ")
        + (
            r"|Code - OSS)\b|(?:^|(?<=\n))(?P<t>[A-Za-z0-9][A-Za-z0-9_.\-]{2,99})[ \t]+[\u20"
            r"14\u2013][ \t]+-?(?:zsh|bash|fish|sh)\b|(?:^|(?<=\n))(?P<j>[A-Za-z0-9][A-Za-z0"
            r"-9_.\-]{2,99})[ \t]+[\u2014\u2013][ \t]+[\w\-]+\.\w{1,8}[ \t]*(?=\n|$)"
        )
    ),
    re.M,
)
#: An editor's explorer: the open folder's name right under its "EXPLORER" heading.
_EXPLORER = re.compile(r"^(?:explorer|project|files)(?::.*)?$", re.I)
#: A prompt showing the git branch after the folder: "~/code/atlas-payments (main) $",
#: oh-my-zsh's "➜  atlas-payments git:(main)": the folder is a repository.
_PROMPT_REPO = re.compile(
    r"(?:[~/][\w./\-]*/|\u279c[ \t]+)(?P<v>[A-Za-z0-9][A-Za-z0-9_.\-]{2,99})[ \t]+"
    r"(?:git:)?\([\w./\-]{1,80}\)"
)
#: A chat app named on the row ("#proj-x - Acme - Slack", "Slack | #proj-x"): its "#x" is a
#: channel.
_CHAT_APP = re.compile(r"\b(?:" + alternation(words("screen", "chat_app"), spaces=r" ") + r")\b")
#: git's own words for the folder it clones into.
_CLONED_INTO = re.compile(r"Cloning into ['\u2018\u2019`]?(?P<v>[A-Za-z0-9][A-Za-z0-9_.\-]{2,99})")
#: A line that is only a channel name someone chose ("#team-payments", "#ops_alerts  · 12
#: members"): a notification's title, a search result.
_CHANNEL_LINE = re.compile(
    r"^[ \t]*#(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})[ \t]*(?:[\u00b7|\u2022,][^\n]*)?$", re.M
)


def _chosen_slug(value: str) -> bool:
    """A name someone chose for a project or a channel: a dash, underscore or digit inside."""
    return len(value) >= 5 and bool(re.search(r"[a-z][\-_\d]|[\-_][a-z]", value, re.I))


def _tab_bar(text: str) -> bool:
    """A code host's tab bar: "Pull requests" (or "Merge requests") and two more of its tabs."""
    tabs = {m.lower() for m in _CODE_HOST_TABS.findall(text)}
    return bool(tabs & {"pull requests", "merge requests"}) and len(tabs) >= 3


def _page_has(pattern: re.Pattern[str], layout: Layout) -> bool:
    return any(pattern.search(line.text.strip()) for line in layout.lines)


def _channel_ok(value: str) -> bool:
    value = value.rstrip(".")
    return (
        value.lower() not in _DEFAULT_CHANNELS
        and not _NOT_CHANNELS.match(value)
        and bool(re.search(r"[a-z]{2}", value))
    )


def find_cued(layout: Layout, documents: list[TextDocument]) -> list[Finding]:
    """Handles, channels and repositories where the page shows what they are (default on)."""
    if not documents:
        return []
    rows = documents[0]
    out: list[Finding] = []

    def take(document: TextDocument, start: int, end: int, entity: str) -> None:
        refs = [document.refs[i] for i in document.words_between(start, end)]
        found = from_words(layout, refs, entity, RECOGNIZER, 0.6)
        if found:
            out.append(found)

    chat = _page_has(_CHAT_CUES, layout)
    # A tab bar is drawn with wide gaps and icons: OCR reads each tab as its own line, so the
    # tabs are counted per row (lines on one baseline).
    row_texts = [" ".join(layout.lines[i].text for i in row) for row in layout.rows]
    code_host = any(_CODE_HOST_LINE.search(text) or _tab_bar(text) for text in row_texts)

    # Channels: "#name" on a chat page; sidebar entries under a "Channels" heading.
    if chat:
        for match in _CHANNEL_CUED.finditer(rows.text):
            if _channel_ok(match.group("v")):
                take(rows, match.start(), match.end("v"), "CHANNEL")
        for block in layout.blocks:
            under = False
            for li in block:
                text = layout.lines[li].text.strip()
                if _CHANNEL_HEADING.match(text):
                    under = True
                    continue
                slug = _SLUG_LINE.match(text) if under else None
                if slug is None:
                    under = False
                    continue
                if _channel_ok(slug.group("v")):
                    refs = [WordRef(li, i) for i in range(len(layout.lines[li].words))]
                    found = from_words(layout, refs, "CHANNEL", RECOGNIZER, 0.55)
                    if found:
                        out.append(found)

    else:
        # Off a chat page, a "#name" someone chose (dash or underscore) where a sentence
        # points at a channel: "posted in #team-x", "#ops-alerts channel".
        for match in _CHANNEL_SENTENCE.finditer(rows.text):
            group = "v" if match.group("v") is not None else "w"
            value = match.group(group).rstrip(".")
            # "#x channel" says it outright; after "in"/"to" only a chosen slug (dash).
            outright = _CHANNEL_SAID.match(rows.text, match.end(group))
            if _channel_ok(value) and (outright or re.search(r"[a-z][\-_][a-z0-9]", value)):
                take(rows, match.start(group) - 1, match.end(group), "CHANNEL")

        # A row that names a chat app: its "#name"s are channels.
        for row_match in re.finditer(r"[^\n]+", rows.text):
            if not _CHAT_APP.search(row_match.group()):
                continue
            for match in _CHANNEL.finditer(rows.text, row_match.start(), row_match.end()):
                if _channel_ok(match.group("v")):
                    take(rows, match.start(), match.end(), "CHANNEL")

        # A line that is only a chosen "#slug" (a toast's title, a search result).
        for li, ocr_line in enumerate(layout.lines):
            alone = _CHANNEL_LINE.match(ocr_line.text)
            if (
                alone
                and _channel_ok(alone.group("v"))
                and re.search(r"[a-z][\-_][a-z0-9]", alone.group("v"))
            ):
                end = len(alone.group("v")) + ocr_line.text.index("#") + 1
                refs = [
                    WordRef(li, i)
                    for i in range(len(ocr_line.words))
                    if sum(len(w.text) + 1 for w in ocr_line.words[:i]) < end
                ]
                found = from_words(layout, refs, "CHANNEL", RECOGNIZER, 0.55)
                if found:
                    out.append(found)

    # Editors and git name the project's folder.
    for pattern in (_EDITOR_TITLE, _CLONED_INTO, _PROMPT_REPO):
        for match in pattern.finditer(rows.text):
            group = next(g for g in ("v", "t", "j") if match.groupdict().get(g))
            value = match.group(group).removesuffix(".git")
            if _chosen_slug(value) and not _FILE_EXT.search(value):
                take(rows, *match.span(group), "REPOSITORY")
    for li, ocr_line in enumerate(layout.lines):
        if not _EXPLORER.match(ocr_line.text.strip()):
            continue
        for below in layout.below(li):
            words = layout.lines[below].words
            tokens = [w.text for w in words]
            start = (
                1
                if len(tokens) > 1 and re.fullmatch(r"[v>\u02c5\u2304\u2228\u203a]", tokens[0])
                else 0
            )
            name = " ".join(tokens[start:])
            if len(tokens) - start == 1 and _chosen_slug(name) and not _FILE_EXT.search(name):
                found = from_words(layout, [WordRef(below, start)], "REPOSITORY", RECOGNIZER, 0.55)
                if found:
                    out.append(found)

    # Mentions: "@name" in running text (not a decorator alone on its line, not "@here").
    for match in _MENTION.finditer(rows.text):
        value = match.group("v")
        head = value.split(".")[0].lower().replace("0", "o")
        if head in _ANNOTATIONS or value.lower() in _BROADCAST:
            continue
        line_start = rows.text.rfind("\n", 0, match.start()) + 1
        line_end = rows.text.find("\n", match.end())
        before = rows.text[line_start : match.start()]
        if not chat and (not before.strip() or before.strip().isdigit()):
            continue  # a decorator or annotation at the start of a code line
        if value[:1].isupper() and not chat and not re.search(r"[\d._\-]", value):
            continue  # Java/Kotlin annotations (@Override) outside chat
        take(rows, match.start(), match.end(), "USERNAME")

    # Shell prompts and home directories.
    for pattern in (_PROMPT, _HOME):
        for match in pattern.finditer(rows.text):
            if match.group("v").lower() not in _SYSTEM_USERS:
                take(rows, *match.span("v"), "USERNAME")

    # Code hosts: timeline logins, "from user:branch"; "wants to merge" anywhere.
    user_rules = (_TIMELINE_USER, _FROM_BRANCH, _USER_CONTEXT) if code_host else (_USER_CONTEXT,)
    for pattern in user_rules:
        for match in pattern.finditer(rows.text):
            group = next(g for g in ("v", "w", "x") if g in pattern.groupindex and match.group(g))
            value = match.group(group)
            if value.lower() in _NOT_NAMES_UI or value.lower() in NOT_OWNERS:
                continue
            if group == "w" and not code_host:
                continue  # "by sha256", "by python3": a login only on a code host's page
            take(rows, *match.span(group), "USERNAME")

    # Code hosts: a login beside its avatar's initials, alone on its line ("KW kimberly-walters"
    # in a Reviewers list): a slug someone chose, starting with the initials' first letter.
    if code_host:
        for li, ocr_line in enumerate(layout.lines):
            avatar = _AVATAR_LOGIN.match(ocr_line.text.strip())
            if (
                avatar
                and _initials_fit(avatar.group("i"), avatar.group("v"))
                and value_chosen(avatar.group("v"))
                and avatar.group("v").lower() not in _NOT_NAMES_UI
            ):
                found = from_words(
                    layout, [WordRef(li, len(ocr_line.words) - 1)], "USERNAME", RECOGNIZER, 0.55
                )
                if found:
                    out.append(found)

    # Repositories: forge URLs and git remotes always; bare "owner/name" next to a git word;
    # "owner / name" on a code host's page.
    for match in _REPO.finditer(rows.text):
        group = "v" if match.group("v") is not None else "w"
        value = match.group(group).removesuffix(".git")
        if not _repo_ok(value) or value.split("/")[0].lower() in PUBLIC_OWNERS:
            continue
        if group == "w":
            line_start = rows.text.rfind("\n", 0, match.start()) + 1
            line_end = rows.text.find("\n", match.end())
            line = rows.text[line_start : line_end if line_end >= 0 else len(rows.text)]
            # A bare pair needs a git word on its row ("src/app" in a docs page is a path);
            # prose pairs never count.
            # On a chat or code host's page, a slug someone chose (dash, underscore, digit)
            # is taken without a git word.
            slug_like = bool(re.search(r"[\-_\d]", value))
            prose = value.lower() in _PROSE_PAIRS
            if prose or not (_GIT_LINE.search(line) or ((code_host or chat) and slug_like)):
                continue
        take(rows, *match.span(group), "REPOSITORY")
    if code_host:
        for match in _SPACED_REPO.finditer(rows.text):
            owner, name = match.group("o"), match.group("n")
            value = f"{owner}/{name}"
            # Breadcrumbs ("Engineering / Runbooks") are capitalised words; a repository's
            # name is a lowercase slug or has a dash, underscore or dot.
            if not re.fullmatch(r"[a-z0-9][a-z0-9_.\-]*|.*[\-_.].*", name):
                continue
            if (
                not _repo_ok(value)
                or owner.lower() in PUBLIC_OWNERS
                or owner.lower() in _NOT_NAMES_UI
                or name.lower() in _NOT_NAMES_UI
            ):
                continue
            take(rows, match.start("o"), match.end("n"), "REPOSITORY")
    return out


#: "a/b" pairs of prose, not repositories.
_PROSE_PAIRS = frozenset(words("screen", "prose_pairs"))
#: UI words that stand before verbs or around a slash in a code host's chrome.
_NOT_NAMES_UI = frozenset(tagged("names", "not_a_name", "screen_ui"))
