"""Run the (injected) text analyzer over a page's documents and map its spans to word boxes."""

from __future__ import annotations

import re
import threading
import zlib
from collections import OrderedDict
from typing import TYPE_CHECKING

from redaction.image.findings import Finding, from_words
from redaction.image.layout import GROUP_BREAK, ROW_JOIN, Layout, TextDocument
from redaction.image.screen_words import url_is_sensitive
from redaction.image.settings import ImageRedactionSettings
from redaction.lexicon import words
from redaction.models import Span, TextAnalyzer
from redaction.rules.screen_support import is_ui_word, place_name, public_company
from redaction.rules.support import product_name

if TYPE_CHECKING:
    from redaction.denylist import DenyList

#: Analyzer entity types that only count in images when the settings ask for them.
OPTIONAL_TYPES = {"REPOSITORY": "repo_paths", "CHANNEL": "channels", "USERNAME": "handles"}

_URL_TYPES = frozenset({"URL"})
#: Suffix on the recognizer of a finding that the layout must confirm.
UNCONFIRMED = "?"
_MONTHS = frozenset(words("screen", "months"))
_UNITS = frozenset(words("screen", "units"))
#: Recognizer names that mark a statistical (NER) finding rather than a pattern or a cue.
NER_MARKS = ("spacy", "ner")


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w@%]+", text) if t]


def _is_date_or_quantity(token: str) -> bool:
    low = token.lower()
    return low in _MONTHS or low in _UNITS or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)?", low))


_NO_REPLY = re.compile(
    r"^<?(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|notifications?)@"
    r"(?:[\w\-]+\.)*?(?P<org>[\w\-]+)\.[a-z]{2,}>?$",
    re.I,
)


def public_service_address(text: str) -> bool:
    """A no-reply or notifications address of a company everyone knows
    (``no-reply@microsoft.com``): it names a service, not anyone. A no-reply address of any
    other domain still names the employer and is kept."""
    match = _NO_REPLY.match(text.strip())
    return match is not None and public_company(match.group("org"))


def screen_check(entity: str, text: str, recognizer: str) -> str:
    """ "keep", "drop" or "confirm" for an analyzer span read off a screen.

    Screens are full of dates, sizes and capitalised UI words that a text analyzer, made for
    sentences, takes for addresses and names: a "street address" made only of dates and
    quantities, or a "name" made only of UI words, is dropped; a one-word name from NER alone
    must be confirmed by the layout (see ``frame``).
    """
    tokens = _tokens(text)
    if not tokens:
        return "drop"
    if entity == "STREET_ADDRESS" and (
        sum(1 for t in tokens if not _is_date_or_quantity(t)) < 2 or len(tokens) < 3
    ):
        # A place in a building (a unit word and its number) or a time and a word: an address
        # has a number and at least two words.
        return "drop"
    if entity == "EMAIL_ADDRESS" and public_service_address(text):
        return "drop"
    if entity == "PERSON":
        if all(_is_date_or_quantity(t) or is_ui_word(t) for t in tokens):
            return "drop"
        if (place_name(text) or product_name(text)) and recognizer != "deny_list":
            return "drop"  # "North Vancouver", "Atlas Pro": a place or a product, not a person
        if not any(t[:1].isupper() for t in tokens):
            return "drop"
        if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1:
            return "drop"  # a log level, a marker, an acronym: not a name standing alone
        parts = text.strip().split("-")
        if (
            " " not in text.strip()
            and len(parts) > 1
            and any(len(p) >= 2 and p.isupper() for p in parts)
        ):
            return "drop"  # a team label with an acronym part, not a hyphenated given name
        if any(mark in recognizer.lower() for mark in NER_MARKS) and len(tokens) == 1:
            return "confirm"
    return "keep"


class AnalysisCache:
    """The analyzer's spans per chunk of page text, kept in memory, so that a step frame only
    has the chunks that changed analysed again.

    A document is cut between rows (or blocks) into chunks of about ``chunk_chars``, at
    boundaries chosen by content (a row whose hash is 0 mod 4), so that a line typed, printed
    or scrolled in changes the chunks around it only. The key includes a fingerprint of the
    deny-list (values found later must be found in old text too). Holds screen text: memory
    only, bounded, dropped with the redactor.
    """

    def __init__(self, size: int = 2048, chunk_chars: int = 400) -> None:
        self._entries: OrderedDict[tuple[str, int], tuple[Span, ...]] = OrderedDict()
        self._size = size
        self._chunk_chars = chunk_chars
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def analyze(self, analyzer: TextAnalyzer, text: str, deny_list: DenyList | None) -> list[Span]:
        version = _deny_fingerprint(deny_list)
        out: list[Span] = []
        for start, end in _chunks(text, self._chunk_chars):
            key = (text[start:end], version)
            with self._lock:
                cached = self._entries.get(key)
                if cached is not None:
                    self._entries.move_to_end(key)
                    self.hits += 1
            if cached is None:
                cached = tuple(analyzer.analyze(text[start:end], deny_list))
                with self._lock:
                    self.misses += 1
                    self._entries[key] = cached
                    while len(self._entries) > self._size:
                        self._entries.popitem(last=False)
            out.extend(
                Span(s.start + start, s.end + start, s.entity_type, s.recognizer, s.score)
                for s in cached
            )
        return out

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _deny_fingerprint(deny_list: DenyList | None) -> int:
    if deny_list is None:
        return 0
    return hash(tuple(sorted((e.value, e.entity_type) for e in deny_list.entries())))


def _chunks(text: str, target: int) -> list[tuple[int, int]]:
    """Cut ``text`` at group breaks into chunks of about ``target`` characters."""
    cuts = [m.start() for m in re.finditer(re.escape(GROUP_BREAK), text)]
    out: list[tuple[int, int]] = []
    start = 0
    for cut in cuts:
        size = cut - start
        boundary = zlib.crc32(text[max(start, cut - 80) : cut].encode()) % 4 == 0
        if (size >= target and boundary) or size >= 4 * target:
            out.append((start, cut))
            start = cut + len(GROUP_BREAK)
    if start < len(text):
        out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def analyse_documents(
    layout: Layout,
    documents: list[TextDocument],
    analyzer: TextAnalyzer,
    settings: ImageRedactionSettings,
    deny_list: DenyList | None = None,
    cache: AnalysisCache | None = None,
) -> list[Finding]:
    """Findings from the analyzer's spans over each document, filtered by the settings.

    One-word NER names come back with recognizer ``... (unconfirmed)`` marking: the frame
    redactor keeps them only where the layout backs them.
    """
    findings: list[Finding] = []
    for document in documents:
        if not document.text.strip():
            continue
        spans = (
            cache.analyze(analyzer, document.text, deny_list)
            if cache is not None
            else analyzer.analyze(document.text, deny_list)
        )
        for span in spans:
            entity = span.entity_type
            if span.score < settings.min_span_score or entity in settings.ignored_entity_types:
                continue
            flag = OPTIONAL_TYPES.get(entity)
            if flag is not None and not getattr(settings, flag):
                continue
            if (
                entity in _URL_TYPES
                and settings.url_policy == "sensitive"
                and not url_is_sensitive(document.text[span.start : span.end])
            ):
                continue
            # NER runs names into the next cell or line now and then (a name, then a column's
            # value);
            # each piece between separators is judged on its own.
            for start, end in _pieces(document.text, span.start, span.end):
                verdict = screen_check(entity, document.text[start:end], span.recognizer)
                if verdict == "drop":
                    continue
                refs = [document.refs[i] for i in document.words_between(start, end)]
                recognizer = span.recognizer + (UNCONFIRMED if verdict == "confirm" else "")
                finding = from_words(layout, refs, entity, recognizer, span.score)
                if finding is not None:
                    findings.append(finding)
    return findings


_SEPARATOR = re.compile(r"\n+|" + re.escape(ROW_JOIN))


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at the documents' line and cell separators."""
    out = []
    at = start
    for match in _SEPARATOR.finditer(text, start, end):
        if match.start() > at:
            out.append((at, match.start()))
        at = match.end()
    if end > at:
        out.append((at, end))
    return out
