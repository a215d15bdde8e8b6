"""Run the (injected) text analyzer over a page's documents and map its spans to word boxes."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from redaction.image.findings import Finding, from_words
from redaction.image.layout import Layout, TextDocument
from redaction.image.settings import ImageRedactionSettings
from redaction.models import TextAnalyzer

#: Analyzer entity types that only count in images when the settings ask for them.
OPTIONAL_TYPES = {"REPOSITORY": "repo_paths", "CHANNEL": "channels", "USERNAME": "handles"}

_URL_TYPES = frozenset({"URL"})
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


def analyse_documents(layout: Layout, documents: list[TextDocument], analyzer: TextAnalyzer,
                      settings: ImageRedactionSettings, deny_list: Any = None) -> list[Finding]:
    """Findings from the analyzer's spans over each document, filtered by the settings."""
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
            refs = [document.refs[i] for i in document.words_between(span.start, span.end)]
            finding = from_words(layout, refs, entity, span.recognizer, span.score)
            if finding is not None:
                findings.append(finding)
    return findings
