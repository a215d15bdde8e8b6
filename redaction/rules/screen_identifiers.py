"""Layout rules of online identifiers on screens: user names, channels and repositories.

Handles, channels and repositories identify people and companies in a workplace's screens,
and they are everywhere in public ones (issue numbers, decorators, source paths). Taken
anywhere (the ``patterns`` stage) they cost oversmash, so each is a setting (off by default);
taken where the page itself says what they are (the ``cued`` stage: a chat page's channel list
or composer, a mention in running text, a code host's page or a git command, a shell prompt or
a home directory, an editor's title or explorer) they are precise enough for the defaults.
URLs that carry a token, a user or an address are taken on every page. True and false cases:
``tests/redaction/rules/test_screen_identifiers.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from redaction.image.findings import Finding
from redaction.image.layout import Layout, WordRef
from redaction.image.page import Page
from redaction.image.screen_words import NOT_OWNERS, PATH_HEADS, PUBLIC_OWNERS, url_is_sensitive
from redaction.image.settings import ImageRedactionSettings
from redaction.lexicon import alternation, tagged, words
from redaction.rules.base import register
from redaction.rules.layout_base import LayoutRule
from redaction.rules.screen_support import TIME, is_ui_word, login_like

RECOGNIZER = "screen_pattern"

_HANDLE = re.compile(r"(?<![\w.@])@(?P<v>[A-Za-z0-9_][A-Za-z0-9_.\-]{1,38})(?![\w@(])")
#: Bare user names where a code host or a code comment names them: before a pull request's
#: verb, after "by", inside a TODO's parentheses.
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
#: Code hosts and container registries on a screen (``online.toml``: ``code_hosts``).
_SCREEN_HOSTS = tagged("online", "code_hosts", "screen")
_REGISTRIES = tagged("online", "code_hosts", "registry")
_REPO = re.compile(
    # A code host's name (its host name's first label) under any of their top-level domains.
    r"(?:(?:"
    + alternation(dict.fromkeys(host.split(".")[0] for host in _SCREEN_HOSTS))
    + r")\.(?:"
    + alternation(dict.fromkeys(host.rsplit(".", 1)[1] for host in _SCREEN_HOSTS))
    + r")[/:]|git@[\w.\-]+:|"
    # Container registries name images after their repository (registry/owner/name:tag).
    r"(?:" + alternation(_REGISTRIES) + r")/)"
    r"(?P<v>[A-Za-z0-9][A-Za-z0-9\-]{0,38}/[A-Za-z0-9._\-]{1,100})"
    r"|(?<![\w./\-])(?P<w>[A-Za-z0-9][A-Za-z0-9\-]{1,38}/[A-Za-z][A-Za-z0-9_.\-]{1,99})(?![\w/])"
)
_FILE_EXT = re.compile(
    (
        r"\.(?:"
        + alternation(words("screen", "code_extensions"))
        + r"|ya?ml|toml|html?|"
        + alternation(words("screen", "document_extensions"))
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


def _url_tail(layout: Layout, last: WordRef) -> list[WordRef]:
    """The rest of a URL whose path has a space (a document library's folder names): up to
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
        r"|channel:?)[ \t]+)#(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})(?![\w\-])|(?<![\w"
        r"&#/])#(?P<w>[a-z0-9][a-z0-9_.\-]{1,79})(?=[ \t]+(?i:channel)\b)"
    )
)
_CHANNEL_SAID = re.compile(r"[ \t]+(?i:channel)\b")
#: A sidebar entry with its "#" icon read apart or not at all: a lone lowercase slug.
_SLUG_LINE = re.compile(r"^[#\u266f]?[ \t]*(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})$")
_CHANNEL_HEADING = re.compile(r"^(?:channels|starred|favorites|favourites)$", re.I)

#: Mentions that address everyone, not someone.
_BROADCAST = frozenset({"here", "channel", "everyone", "all", "team"})
#: A code host's tab bar (its tab names, some with counts): three of these on a line.
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
    r"(?:" + alternation(_SCREEN_HOSTS) + r")[/:]|\bgit (?:clone|remote|push|pull|fetch)\b|"
    r"\bgit@",
    re.I,
)
#: A code host's repository header "owner / name" (spaces around the slash), on its page.
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
#: A code host's timeline row: a login, then a timeline verb (and perhaps when).
_TIMELINE_USER = re.compile(
    (
        r"(?:^|(?<=[|\n]) |^\W{0,2})(?P<v>[A-Za-z0-9][A-Za-z0-9_\-]{1,38})[ \t]+(?=(?:"
        + alternation(words("screen", "timeline_verbs"))
        + r"|requested[ \t]+(?:a[ \t]+)?review|requested[ \t]+changes|added[ \t]+\d+|"
        + alternation(words("screen", "timeline_phrases"))
        + r")\b)"
    ),
    re.M,
)
#: An avatar's initials and a login on one line (OCR may keep one letter of two, in either
#: case).
_AVATAR_LOGIN = re.compile(r"^(?P<i>[A-Za-z]{1,2})[ \t]+(?P<v>[a-z][a-z0-9_.\-]{2,38})$")


def _initials_fit(initials: str, login: str) -> bool:
    """One of the initials starts a part of the login (the login split at dashes, underscores,
    dots and digits)."""
    starts = {part[0] for part in re.split(r"[\-_.\d]+", login.lower()) if part}
    return any(letter in starts for letter in initials.lower())


def value_chosen(value: str) -> bool:
    """A login someone chose: a dash, underscore, dot or digit in it after a letter."""
    return bool(re.search(r"[a-z][\-_.]?[0-9]|[a-z][\-_.][a-z]", value))


#: "from user:branch" (a pull request from a fork or a user's branch).
_FROM_BRANCH = re.compile(r"\bfrom[ \t]+(?P<v>[A-Za-z0-9][A-Za-z0-9_\-]{1,38}):[\w./\-]+")
#: A shell prompt: user@host, then a path or a prompt sign (not an e-mail address in angle
#: brackets).
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


#: An editor's title bar: a file, the open folder and the editor's name between dashes (the
#: middle part is the open folder: the project's repository).
#: An application's name at the end of a window title: one to four capitalised words.
_APP_NAME = r"[A-Z][\w.+]*(?:[ \t]+(?:-[ \t]+)?[A-Z][\w.+]*){0,3}"
_EDITOR_TITLE = re.compile(
    r"(?:\S+\.\w{1,8}[ \t]+[\u2014\u2013\-][ \t]+|^|(?<=\n))(?P<v>[A-Za-z0-9][A-Za-z0-9_.\-]{2,99})"
    rf"(?:[ \t]+\[[^\]\n]*\])?[ \t]+[\u2014\u2013\-][ \t]+{_APP_NAME}[ \t]*(?=\n|$|[ \t]\|)"
    r"|(?:^|(?<=\n))(?P<t>[A-Za-z0-9][A-Za-z0-9_.\-]{2,99})[ \t]+[\u2014\u2013][ \t]+"
    r"-?(?:zsh|bash|fish|sh)\b"
    r"|(?:^|(?<=\n))(?P<j>[A-Za-z0-9][A-Za-z0-9_.\-]{2,99})[ \t]+[\u2014\u2013][ \t]+"
    r"[\w\-]+\.\w{1,8}[ \t]*(?=\n|$)",
    re.M,
)
#: An editor's explorer: the open folder's name right under its "EXPLORER" heading.
_EXPLORER = re.compile(r"^(?:explorer|project|files)(?::.*)?$", re.I)
#: A prompt showing the git branch after the folder (in parentheses, or after "git:" as some
#: shell themes draw it): the folder is a repository.
_PROMPT_REPO = re.compile(
    r"(?:[~/][\w./\-]*/|\u279c[ \t]+)(?P<v>[A-Za-z0-9][A-Za-z0-9_.\-]{2,99})[ \t]+"
    r"(?:git:)?\([\w./\-]{1,80}\)"
)
#: A window or tab title led or ended by a "#name" beside a title separator: the page of that
#: channel in a chat app.
_CHANNEL_TITLE = re.compile(
    r"(?:^|(?<=\n))#(?P<v>[a-z0-9][a-z0-9_.\-]{1,79})[ \t]+[\-\u2013\u2014|][ \t]+\S"
    r"|[ \t][\-\u2013\u2014|][ \t]+#(?P<w>[a-z0-9][a-z0-9_.\-]{1,79})[ \t]*(?=\n|$)",
    re.M,
)
#: git's own words for the folder it clones into.
_CLONED_INTO = re.compile(r"Cloning into ['\u2018\u2019`]?(?P<v>[A-Za-z0-9][A-Za-z0-9_.\-]{2,99})")
#: A line that is only a channel name someone chose (a dash or an underscore in it, perhaps a
#: member count after it): a notification's title, a search result.
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


#: "a/b" pairs of prose, not repositories.
_PROSE_PAIRS = frozenset(words("screen", "prose_pairs"))
#: UI words that stand before verbs or around a slash in a code host's chrome.
_NOT_NAMES_UI = frozenset(tagged("names", "not_a_name", "screen_ui"))


class _IdentifierRule(LayoutRule):
    """An identifier rule: its findings record ``screen_pattern`` and score 0.6 unless said."""

    recognizer = RECOGNIZER
    score = 0.6

    def take(self, page: Page, start: int, end: int, entity: str) -> Iterator[Finding]:
        """The words of the rows document between ``start`` and ``end``."""
        rows = page.rows
        if rows is not None:
            yield from self.found(page, page.refs_between(rows, start, end), entity)

    @staticmethod
    def row_matches(page: Page, *patterns: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Every match of each of ``patterns`` in turn in the page's rows document (none when
        the page has no rows)."""
        rows = page.rows
        if rows is not None:
            for pattern in patterns:
                yield from pattern.finditer(rows.text)


# --- anywhere on the page: each a setting -----------------------------------------------------


class _AnywhereRule(_IdentifierRule):
    """A pattern taken anywhere on the page (the rows document: these never cross words);
    ``sigil``: the "@" or "#" before the value is taken too."""

    stage = "patterns"
    pattern: re.Pattern[str]
    entity: str
    sigil: bool = False

    def find(self, page: Page) -> Iterator[Finding]:
        document = page.rows
        if document is None:
            return
        for match in self.pattern.finditer(document.text):
            group = next(
                g
                for g in ("v", "w", "x")
                if g in self.pattern.groupindex and match.group(g) is not None
            )
            if not self.keeps(match.group(group), page.settings):
                continue
            start, end = match.span(group)
            if self.sigil:
                start -= 1
            refs = page.refs_between(document, start, end)
            yield from self.found(page, refs + self.more(page.layout, refs), self.entity)

    def keeps(self, value: str, settings: ImageRedactionSettings) -> bool:
        return True

    def more(self, layout: Layout, refs: list[WordRef]) -> list[WordRef]:
        """Words after the match that belong to the value."""
        return []


@register
class ScreenUrlRule(_AnywhereRule):
    """A URL; under the ``sensitive`` URL policy only one that carries a token, a user, an
    address or a private-looking path (on a screen an invitation or reset link is as good as a
    password). A path with spaces goes on over the rest of its line."""

    name = "screen_url"
    entity_types = frozenset({"URL"})
    pattern = _URL
    entity = "URL"

    def keeps(self, value: str, settings: ImageRedactionSettings) -> bool:
        return settings.url_policy != "sensitive" or url_is_sensitive(value)

    def more(self, layout: Layout, refs: list[WordRef]) -> list[WordRef]:
        return _url_tail(layout, refs[-1]) if refs else []


class _HandleSetting(_AnywhereRule):
    entity_types = frozenset({"USERNAME"})
    entity = "USERNAME"

    def enabled(self, settings: ImageRedactionSettings) -> bool:
        return settings.handles


@register
class ScreenHandleRule(_HandleSetting):
    """Any "@handle" that is not a code annotation (the ``handles`` setting)."""

    name = "screen_handle"
    pattern = _HANDLE
    sigil = True

    def keeps(self, value: str, settings: ImageRedactionSettings) -> bool:
        return value.lower() not in _ANNOTATIONS


@register
class ScreenPromptUserRule(_HandleSetting):
    """The "user@host" of any shell prompt (the ``handles`` setting)."""

    name = "screen_prompt_user"
    pattern = _PROMPT_USER


@register
class ScreenUserContextRule(_HandleSetting):
    """A bare user name where a code host or a code comment names one (the ``handles``
    setting)."""

    name = "screen_user_context"
    pattern = _USER_CONTEXT


@register
class ScreenChannelRule(_AnywhereRule):
    """Any "#channel" with a letter in it (the ``channels`` setting)."""

    name = "screen_channel"
    entity_types = frozenset({"CHANNEL"})
    pattern = _CHANNEL
    entity = "CHANNEL"
    sigil = True

    def enabled(self, settings: ImageRedactionSettings) -> bool:
        return settings.channels

    def keeps(self, value: str, settings: ImageRedactionSettings) -> bool:
        return bool(re.search(r"[a-z]", value))


@register
class ScreenRepositoryRule(_AnywhereRule):
    """Any "owner/name" that can be a repository (the ``repo_paths`` setting)."""

    name = "screen_repository"
    entity_types = frozenset({"REPOSITORY"})
    pattern = _REPO
    entity = "REPOSITORY"

    def enabled(self, settings: ImageRedactionSettings) -> bool:
        return settings.repo_paths

    def keeps(self, value: str, settings: ImageRedactionSettings) -> bool:
        return _repo_ok(value.removesuffix(".git"))


# --- where the page says what they are: on by default ------------------------------------------


def chat_page(layout: Layout) -> bool:
    """A chat app's page: its sidebar headings or its composer are on screen."""
    return _page_has(_CHAT_CUES, layout)


def code_host_page(layout: Layout) -> bool:
    """A code host's page or a git command: a line that shows one, or a row of its tabs (a tab
    bar is drawn with wide gaps and icons, so OCR reads each tab as its own line: the tabs are
    counted per row)."""
    row_texts = [" ".join(layout.lines[i].text for i in row) for row in layout.rows]
    return any(_CODE_HOST_LINE.search(text) or _tab_bar(text) for text in row_texts)


class _CuedRule(_IdentifierRule):
    stage = "cued"


_CHANNEL_TYPES = frozenset({"CHANNEL"})
_USER_TYPES = frozenset({"USERNAME"})
_REPOSITORY_TYPES = frozenset({"REPOSITORY"})


@register
class ChatChannelRule(_CuedRule):
    """On a chat page, a "#name" (the icon may be read apart) that is not a channel every
    workspace has."""

    name = "chat_channel"
    entity_types = _CHANNEL_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        if not chat_page(page.layout):
            return
        for match in self.row_matches(page, _CHANNEL_CUED):
            if _channel_ok(match.group("v")):
                yield from self.take(page, match.start(), match.end("v"), "CHANNEL")


@register
class ChannelSidebarRule(_CuedRule):
    """On a chat page, the lone lowercase slugs listed under a channels heading."""

    name = "channel_sidebar"
    entity_types = _CHANNEL_TYPES
    score = 0.55

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        if not page.documents or not chat_page(layout):
            return
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
                    yield from self.found(page, page.line_refs(li), "CHANNEL")


@register
class ChannelSentenceRule(_CuedRule):
    """Off a chat page, a "#name" a sentence points at as a channel: followed by the word for
    one (any name), or after a preposition (only a name someone chose, with a dash or an
    underscore)."""

    name = "channel_sentence"
    entity_types = _CHANNEL_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        rows = page.rows
        if rows is None or chat_page(page.layout):
            return
        for match in _CHANNEL_SENTENCE.finditer(rows.text):
            group = "v" if match.group("v") is not None else "w"
            value = match.group(group).rstrip(".")
            outright = _CHANNEL_SAID.match(rows.text, match.end(group))
            if _channel_ok(value) and (outright or re.search(r"[a-z][\-_][a-z0-9]", value)):
                yield from self.take(page, match.start(group) - 1, match.end(group), "CHANNEL")


@register
class ChannelTitleRule(_CuedRule):
    """Off a chat page, a "#name" that leads a window or tab title before a separator, or
    ends one after a separator (the title of a channel's page)."""

    name = "channel_title"
    entity_types = _CHANNEL_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        if chat_page(page.layout):
            return
        for match in self.row_matches(page, _CHANNEL_TITLE):
            group = "v" if match.group("v") is not None else "w"
            if _channel_ok(match.group(group)):
                yield from self.take(page, match.start(group) - 1, match.end(group), "CHANNEL")


@register
class ChannelLineRule(_CuedRule):
    """Off a chat page, a line that is only a "#name" someone chose (dash or underscore), with
    at most a detail after a separator (a notification's title, a search result)."""

    name = "channel_line"
    entity_types = _CHANNEL_TYPES
    score = 0.55

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        if not page.documents or chat_page(layout):
            return
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
                yield from self.found(page, refs, "CHANNEL")


@register
class ProjectFolderRule(_CuedRule):
    """The project folder an editor's or a terminal's title, git's clone message or a prompt
    showing a branch names: a repository, when its name is one someone chose."""

    name = "project_folder"
    entity_types = _REPOSITORY_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        for match in self.row_matches(page, _EDITOR_TITLE, _CLONED_INTO, _PROMPT_REPO):
            group = next(g for g in ("v", "t", "j") if match.groupdict().get(g))
            value = match.group(group).removesuffix(".git")
            if _chosen_slug(value) and not _FILE_EXT.search(value):
                yield from self.take(page, *match.span(group), "REPOSITORY")


@register
class ExplorerFolderRule(_CuedRule):
    """The open folder's name right under an editor's explorer heading (one word someone
    chose, after a fold mark)."""

    name = "explorer_folder"
    entity_types = _REPOSITORY_TYPES
    score = 0.55

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        if not page.documents:
            return
        for li, ocr_line in enumerate(layout.lines):
            if not _EXPLORER.match(ocr_line.text.strip()):
                continue
            for below in layout.below(li):
                tokens = [w.text for w in layout.lines[below].words]
                start = (
                    1
                    if len(tokens) > 1 and re.fullmatch(r"[v>\u02c5\u2304\u2228\u203a]", tokens[0])
                    else 0
                )
                name = " ".join(tokens[start:])
                if len(tokens) - start == 1 and _chosen_slug(name) and not _FILE_EXT.search(name):
                    yield from self.found(page, [WordRef(below, start)], "REPOSITORY")


@register
class MentionRule(_CuedRule):
    """An "@name" in running text: not one that addresses everyone, not a code annotation,
    and off a chat page not at the start of a line (a decorator) nor a capitalised word alone
    (a language annotation)."""

    name = "mention"
    entity_types = _USER_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        rows = page.rows
        if rows is None:
            return
        chat = chat_page(page.layout)
        for match in _MENTION.finditer(rows.text):
            value = match.group("v")
            head = value.split(".")[0].lower().replace("0", "o")
            if head in _ANNOTATIONS or value.lower() in _BROADCAST:
                continue
            line_start = rows.text.rfind("\n", 0, match.start()) + 1
            before = rows.text[line_start : match.start()]
            if not chat and (not before.strip() or before.strip().isdigit()):
                continue
            if value[:1].isupper() and not chat and not re.search(r"[\d._\-]", value):
                continue
            yield from self.take(page, match.start(), match.end(), "USERNAME")


@register
class PromptHomeUserRule(_CuedRule):
    """The user of a shell prompt ("user@host" before a path or a prompt sign) and of a home
    directory, unless a system account."""

    name = "prompt_or_home_user"
    entity_types = _USER_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        for match in self.row_matches(page, _PROMPT, _HOME):
            if match.group("v").lower() not in _SYSTEM_USERS:
                yield from self.take(page, *match.span("v"), "USERNAME")


@register
class UserCueRule(_CuedRule):
    """A login where its words say it is one: before a code host's verbs, in a code
    comment's owner mark, after "by" (a login-shaped word, on a code host's page only); on a
    code host's page also a timeline row's actor and the user of a "user:branch"."""

    name = "user_cue"
    entity_types = _USER_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        rows = page.rows
        if rows is None:
            return
        code_host = code_host_page(page.layout)
        patterns = (_TIMELINE_USER, _FROM_BRANCH, _USER_CONTEXT) if code_host else (_USER_CONTEXT,)
        for pattern in patterns:
            for match in pattern.finditer(rows.text):
                group = next(
                    g for g in ("v", "w", "x") if g in pattern.groupindex and match.group(g)
                )
                value = match.group(group)
                if value.lower() in _NOT_NAMES_UI or value.lower() in NOT_OWNERS:
                    continue
                if group == "w" and not code_host:
                    continue
                yield from self.take(page, *match.span(group), "USERNAME")


@register
class AvatarLoginRule(_CuedRule):
    """On a code host's page, a login beside its avatar's initials alone on a line (a list of
    reviewers or members): a name someone chose that one of the initials starts."""

    name = "avatar_login"
    entity_types = _USER_TYPES
    score = 0.55

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        if not page.documents or not code_host_page(layout):
            return
        for li, ocr_line in enumerate(layout.lines):
            avatar = _AVATAR_LOGIN.match(ocr_line.text.strip())
            if (
                avatar
                and _initials_fit(avatar.group("i"), avatar.group("v"))
                and value_chosen(avatar.group("v"))
                and avatar.group("v").lower() not in _NOT_NAMES_UI
            ):
                yield from self.found(page, [WordRef(li, len(ocr_line.words) - 1)], "USERNAME")


@register
class CuedRepositoryRule(_CuedRule):
    """A repository: after a code host's address or in a git remote always; a bare
    "owner/name" next to a git word on its line, or (a name someone chose) on a chat or a code
    host's page. Public owners and prose pairs are left alone."""

    name = "cued_repository"
    entity_types = _REPOSITORY_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        rows = page.rows
        if rows is None:
            return
        chat = chat_page(page.layout)
        code_host = code_host_page(page.layout)
        for match in _REPO.finditer(rows.text):
            group = "v" if match.group("v") is not None else "w"
            value = match.group(group).removesuffix(".git")
            if not _repo_ok(value) or value.split("/")[0].lower() in PUBLIC_OWNERS:
                continue
            if group == "w":
                line_start = rows.text.rfind("\n", 0, match.start()) + 1
                line_end = rows.text.find("\n", match.end())
                line = rows.text[line_start : line_end if line_end >= 0 else len(rows.text)]
                slug_like = bool(re.search(r"[\-_\d]", value))
                prose = value.lower() in _PROSE_PAIRS
                if prose or not (_GIT_LINE.search(line) or ((code_host or chat) and slug_like)):
                    continue
            yield from self.take(page, *match.span(group), "REPOSITORY")


@register
class CodeHostRepositoryRule(_CuedRule):
    """On a code host's page, "owner / name" with spaces around the slash (its header), when
    the name is a lowercase slug or has a dash, underscore or dot (a breadcrumb of capitalised
    words is not a repository)."""

    name = "code_host_repository"
    entity_types = _REPOSITORY_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        if not code_host_page(page.layout):
            return
        for match in self.row_matches(page, _SPACED_REPO):
            owner, name = match.group("o"), match.group("n")
            value = f"{owner}/{name}"
            if not re.fullmatch(r"[a-z0-9][a-z0-9_.\-]*|.*[\-_.].*", name):
                continue
            if (
                not _repo_ok(value)
                or owner.lower() in PUBLIC_OWNERS
                or owner.lower() in _NOT_NAMES_UI
                or name.lower() in _NOT_NAMES_UI
            ):
                continue
            yield from self.take(page, match.start("o"), match.end("n"), "REPOSITORY")


_ACCOUNT_KEYS = alternation(words("screen", "account_keys"))
_LOGIN = re.compile(r"[a-z_][a-z0-9_.\-]{1,31}")
#: A configuration or environment line that assigns the account: the key alone at the start of
#: the line (after an optional ``export``), then spaces or "=", then the value to the line's
#: end.
_ACCOUNT_LINE = re.compile(
    rf"(?:^|(?<=\n)|(?<=\| ))[ \t]*(?:export[ \t]+)?(?:{_ACCOUNT_KEYS})(?:[ \t]+|[ \t]*=[ \t]*)"
    r"(?P<v>[^\s|=\"'][^\s|]{1,100})[ \t]*(?=\n|$| \|)",
    re.M,
)


@register
class AccountLineRule(_CuedRule):
    """The value of a configuration or environment line that names the account at the
    machine (an ssh config's user and identity file, the login variables of ``env``), unless a
    system account."""

    name = "account_line"
    entity_types = _USER_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        for match in self.row_matches(page, _ACCOUNT_LINE):
            value = match.group("v")
            if value.lower() in _SYSTEM_USERS or value.startswith(("$", "%", "<", "{")):
                continue
            # Without "=", a heading could read the same (a label and a UI word): a login is one
            # lowercase word that is not a UI word, a key file a path.
            assigned = "=" in match.group()
            if not assigned and not (
                "/" in value or (_LOGIN.fullmatch(value) and not is_ui_word(value))
            ):
                continue
            yield from self.take(page, *match.span("v"), "USERNAME")


#: A login as a row shows it beside its owner's name: "@ana.lima", "lima_ana", "ana42".
_ROW_LOGIN = re.compile(r"@?[a-z][a-z0-9]*(?:[._\-]?[a-z0-9]+){0,4}")
#: Two or three capitalised words (a name, accented letters included).
_ROW_NAME = re.compile(
    r"[A-Z\u00c0-\u00de][^\W\d_]+(?:[ \t]+[A-Z\u00c0-\u00de][^\W\d_]+){1,2}"
)


#: Extensions of documents and code: a word ending in one is a file, not a login.
_FILE_EXTENSIONS = frozenset(
    w.lower().lstrip(".")
    for w in (*words("screen", "code_extensions"), *words("screen", "document_extensions"))
)


def _ascii_lower(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def _made_from(login: str, name: str) -> bool:
    """``login`` is made from ``name``: it holds one of its parts of three letters or more, or
    its first initial then its last part ("jdoe" from "Jane Doe")."""
    letters = re.sub(r"[^a-z]", "", _ascii_lower(login))
    parts = [re.sub(r"[^a-z]", "", _ascii_lower(p)) for p in name.split()]
    if any(len(p) >= 3 and p in letters for p in parts):
        return True
    return len(parts) >= 2 and len(parts[-1]) >= 2 and (parts[0][:1] + parts[-1]) in letters


@register
class LoginBesideNameRule(_CuedRule):
    """A login on the same row as the name it is made from (a member or user list, a
    profile header, a post's author line): "@ana.lima", "lima_ana" or "ana42" beside "Ana
    Lima". The name must be two or three capitalised words, none a UI word; the login must be
    a handle (an at sign) or a name someone chose (digit, dot, dash or underscore), not the
    name's own word."""

    name = "login_beside_name"
    entity_types = _USER_TYPES
    score = 0.55

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        for row in layout.rows:
            names = [
                match.group()
                for li in row
                for match in _ROW_NAME.finditer(layout.lines[li].text)
                if not any(is_ui_word(w) for w in match.group().split())
            ]
            if not names:
                continue
            name_lines = {li for li in row if _ROW_NAME.search(layout.lines[li].text)}
            short_row = sum(len(layout.lines[li].words) for li in row) <= 8
            for li in row:
                for wi, word in enumerate(layout.lines[li].words):
                    token = word.text.strip(".,;:()[]<>\u00b7|")
                    if not _ROW_LOGIN.fullmatch(token) or "@" in token[1:]:
                        continue
                    core = token.lstrip("@")
                    # A plain lowercase login ("dbutler") only in a cell of its own of a short
                    # row (a list's login column), not inside a sentence.
                    plain = short_row and li not in name_lines and len(core) >= 4
                    if len(core) < 3 or not (token.startswith("@") or value_chosen(core) or plain):
                        continue
                    if "." in core and core.rsplit(".", 1)[1] in _FILE_EXTENSIONS:
                        continue  # "getting-started.md" beside "Getting Started"
                    if any(_made_from(core, name) for name in names):
                        yield from self.found(page, [WordRef(li, wi)], "USERNAME")


#: A ``.netrc`` entry (netrc(5)): "machine <host> login <account> [password <secret>]".
_NETRC_LOGIN = re.compile(
    r"(?:^|(?<=\n)|(?<=\| ))[ \t]*(?:machine[ \t]+\S+|default)[ \t]+login[ \t]+"
    r"(?P<v>[^\s|]{2,100})"
)


@register
class NetrcLoginRule(_CuedRule):
    """The account of a ``.netrc`` entry: the word after ``login`` on a ``machine`` (or
    ``default``) line."""

    name = "netrc_login"
    entity_types = _USER_TYPES

    def find(self, page: Page) -> Iterator[Finding]:
        for match in self.row_matches(page, _NETRC_LOGIN):
            yield from self.take(page, *match.span("v"), "USERNAME")


#: A time that stands in a row after its login (a chat message, a comment).
_ROW_TIME = re.compile(rf"^\W{{0,2}}(?:{TIME})\b")
#: A chat log's line: a time, then the login in angle brackets.
_LOG_LOGIN = re.compile(r"^\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+<(?P<v>[A-Za-z0-9_.\-]{2,32})>")
#: A line that is only a handle in lowercase (perhaps with a time after a dot): a list of
#: accounts (a capitalised one alone on a line is as often a code annotation, "@Override").
_HANDLE_LINE = re.compile(
    r"^@(?P<v>[a-z0-9_][a-z0-9_.]{1,30})(?:[ \t]*[\u00b7|\-][ \t]*\S+)?$"
)


@register
class LoginRowRule(_CuedRule):
    """A login where a list or a chat puts its account, on any page: a login someone chose (a
    digit, a dot, a dash or an underscore in it) leading a row before a time (a message, a
    comment); a login after avatar initials it starts with (a member list); the login of a
    chat log line (a time, then the login in angle brackets); lines that are only a handle,
    two or more different ones (a list of followers), not code annotations."""

    name = "login_row"
    entity_types = _USER_TYPES
    score = 0.55

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        lines = layout.lines
        for row in layout.rows:
            cells = [lines[li].text.strip() for li in row]
            start = 0
            if len(cells) >= 2 and re.fullmatch(r"[A-Z]{1,2}", cells[0]):
                start = 1
                login = cells[1]
                if login_like(login) and _initials_fit(cells[0], login.lstrip("@")):
                    yield from self.found(page, page.line_refs(row[1]), "USERNAME")
                    continue
            login = cells[start] if start < len(cells) else ""
            if (
                start + 1 < len(cells)
                and login_like(login)
                and value_chosen(login.lstrip("@"))
                and _ROW_TIME.match(cells[start + 1])
            ):
                yield from self.found(page, page.line_refs(row[start]), "USERNAME")
        handles: dict[str, list[int]] = {}
        for li, ocr_line in enumerate(lines):
            text = ocr_line.text.strip()
            log = _LOG_LOGIN.match(text)
            if log and log.group("v").lower() not in _NOT_NAMES_UI:
                for wi, word in enumerate(ocr_line.words):
                    if f"<{log.group('v')}>" in word.text:
                        yield from self.found(page, [WordRef(li, wi)], "USERNAME")
                        break
            handle = _HANDLE_LINE.match(text)
            if handle:
                value = handle.group("v")
                # (OCR reads an annotation's capital O as a zero: "@0verride".)
                parts = set(value.replace("0", "o").split("."))
                if not parts & _ANNOTATIONS and value not in _NOT_NAMES_UI:
                    handles.setdefault(value, []).append(li)
        if len(handles) >= 2:  # a list of accounts, not one annotation
            for found_lines in handles.values():
                for li in found_lines:
                    yield from self.found(page, [WordRef(li, 0)], "USERNAME")
