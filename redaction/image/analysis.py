"""Run the (injected) text analyzer over a page's documents and map its spans to word boxes."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from redaction.image.findings import Finding, from_words
from redaction.image.layout import ROW_JOIN, Layout, TextDocument
from redaction.image.settings import ImageRedactionSettings
from redaction.models import TextAnalyzer

#: Analyzer entity types that only count in images when the settings ask for them.
OPTIONAL_TYPES = {"REPOSITORY": "repo_paths", "CHANNEL": "channels", "USERNAME": "handles"}

_URL_TYPES = frozenset({"URL"})
#: Suffix on the recognizer of a finding that the layout must confirm.
UNCONFIRMED = "?"
_SENSITIVE_URL_WORDS = re.compile(
    r"token|key|secret|sig|auth|passw|session|code|reset|invite|confirm|verify|otp|ticket|"
    r"/u/|/users?/|/people/|/profile|/account|/~", re.I)
_OPAQUE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_\-]{12,}$|^[0-9a-f\-]{16,}$|^\d{5,}$")


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
    if any(_OPAQUE.match(v) for _, v in parse_qsl(parts.query)):
        return True
    return any(_OPAQUE.match(segment) for segment in parts.path.split("/"))


_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march "
                    "april june july august september october november december mon tue wed thu "
                    "fri sat sun monday tuesday wednesday thursday friday saturday sunday am pm "
                    "today yesterday".split())
_UNITS = frozenset("b kb mb gb tb pb kib mib gib tib ms s sec secs min mins h hr hrs px pt em "
                   "rem % x items files rows".split())
NER_MARK = "spacy"


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w@%]+", text) if t]


def _is_date_or_quantity(token: str) -> bool:
    low = token.lower()
    return low in _MONTHS or low in _UNITS or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)?", low))


def screen_check(entity: str, text: str, recognizer: str) -> str:
    """"keep", "drop" or "confirm" for an analyzer span read off a screen.

    Screens are full of dates, sizes and capitalised UI words that a text analyzer, made for
    sentences, takes for addresses and names: a "street address" made only of dates and
    quantities, or a "name" made only of UI words, is dropped; a one-word name from NER alone
    must be confirmed by the layout (see ``frame``).
    """
    from redaction.image.context import is_ui_word

    tokens = _tokens(text)
    if not tokens:
        return "drop"
    if entity == "STREET_ADDRESS" and all(_is_date_or_quantity(t) for t in tokens):
        return "drop"
    if entity == "PERSON":
        if all(_is_date_or_quantity(t) or is_ui_word(t) for t in tokens):
            return "drop"
        if not any(t[:1].isupper() for t in tokens):
            return "drop"
        if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1:
            return "drop"  # WARN, INFO, TODO, an acronym: not a name standing alone
        if NER_MARK in recognizer.lower() and len(tokens) == 1:
            return "confirm"
    return "keep"


def analyse_documents(layout: Layout, documents: list[TextDocument], analyzer: TextAnalyzer,
                      settings: ImageRedactionSettings, deny_list: Any = None) -> list[Finding]:
    """Findings from the analyzer's spans over each document, filtered by the settings.

    One-word NER names come back with recognizer ``... (unconfirmed)`` marking: the frame
    redactor keeps them only where the layout backs them.
    """
    findings: list[Finding] = []
    for document in documents:
        if not document.text.strip():
            continue
        for span in analyzer.analyze(document.text, deny_list):
            entity = span.entity_type
            if span.score < settings.min_span_score or entity in settings.ignored_entity_types:
                continue
            flag = OPTIONAL_TYPES.get(entity)
            if flag is not None and not getattr(settings, flag):
                continue
            if (entity in _URL_TYPES and settings.url_policy == "sensitive"
                    and not url_is_sensitive(document.text[span.start:span.end])):
                continue
            # NER runs names into the next cell or line now and then ("Ada Byron\n\nStage");
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
