"""Identifiers of the world: national, tax and health IDs of many countries (validated by
python-stdnum), and passports, driving licences and licence plates after a label or cue.

* :class:`WorldIdRecognizer`: every family of :data:`redaction.knowledge.identifiers.FAMILIES`
  (US SSN/ITIN, UK NINO/NHS, DE tax ID and ID card, FR NIR, ES DNI/NIE, IT codice fiscale,
  NL BSN, PL PESEL, BR CPF, IN Aadhaar/PAN, CA SIN, AU TFN). A value with a distinctive shape
  and a valid checksum stands alone; a bare digit string that passes a 1-in-10 checksum is
  reported only when a label governs it (beside it, heading its column or on the line
  above). A labelled value whose checksum fails is still reported when the label names its
  family (a mistyped ID is still the person's), at a lower score.
* :class:`DocumentNumberRecognizer`: passport, driving-licence and plate numbers have no
  checksum: only a label (in any of the lexicon's languages) makes one; so does an identity
  number of a country no family knows, after an identity label (six digits or more).

Labels are read with :func:`redaction.knowledge.labels.governing_label`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from redaction.knowledge.identifiers import FAMILIES, IdFamily, cue_names_family
from redaction.knowledge.labels import GoverningLabel, governing_label, label_lexicon
from redaction.models import Span
from redaction.rules.base import Rule, register

#: Label concepts that say "an identity number" without naming its country.
_ID_CONCEPTS: Final = frozenset({"national_id", "id_card", "medical_record"})
_SCORES: Final = {
    # (valid, label names the family, where) -> score; "near" is a word earlier on the line.
    "named": 0.95,
    "generic": 0.9,
    "near_named": 0.85,
    "near_generic": 0.7,
    "invalid_named": 0.75,
}


def _label_score(label: GoverningLabel | None, family: IdFamily, valid: bool) -> float:
    if label is None:
        return 0.0
    named = cue_names_family(label.text, family)
    generic = label.reading.concept in _ID_CONCEPTS
    near = label.where == "near"
    if not valid:
        return _SCORES["invalid_named"] if named and not near else 0.0
    if named:
        return _SCORES["near_named"] if near else _SCORES["named"]
    if generic:
        weight = min(1.0, label.reading.score / 0.9)
        return (_SCORES["near_generic"] if near else _SCORES["generic"]) * weight
    return 0.0


@register
class WorldIdRecognizer(Rule):
    """National, tax and health identifiers of many countries, validated by python-stdnum."""

    name = "world_id"
    entity_types = frozenset({family.entity_type for family in FAMILIES})

    def __init__(self) -> None:
        label_lexicon()  # loaded now, not in the first recorded step (cached per process)

    def find(self, text: str) -> Iterator[Span]:
        if not any(c.isdigit() for c in text):
            return
        best: dict[tuple[int, int], Span] = {}
        labels: dict[tuple[int, int], GoverningLabel | None] = {}
        for family in FAMILIES:
            for match in family.pattern.finditer(text):
                start, end = match.span("value")
                value = match.group("value")
                valid = family.is_valid(value)
                alone = family.alone_score(value) if valid else 0.0
                if (start, end) not in labels:
                    labels[start, end] = governing_label(text, start, end)
                score = max(alone, _label_score(labels[start, end], family, valid))
                if score <= 0:
                    continue
                span = self.span(start, end, family.entity_type, score)
                if (start, end) not in best or best[start, end].score < score:
                    best[start, end] = span
        yield from best.values()


# Shapes of document numbers (upper case; a digit required, see _plausible).
_PASSPORT = r"[A-Z0-9]{6,9}"
_LICENCE = r"[A-Z0-9]{5,18}|[A-Z0-9]{1,6}(?:[ -][A-Z0-9]{1,8}){1,3}"
_NATIONAL = r"[A-Z0-9]{6,18}|[A-Z0-9]{2,8}(?:[ ./-][A-Z0-9]{1,8}){1,3}"
_PLATE = r"[A-ZÄÖÜ0-9]{1,5}(?:[ -][A-ZÄÖÜ0-9]{1,5}){0,3}"
_DOCUMENT: Final = {
    "passport": ("PASSPORT", re.compile(rf"(?<![\w-])(?:{_PASSPORT})(?![\w-])")),
    "driving_licence": ("DRIVER_LICENSE", re.compile(rf"(?<![\w-])(?:{_LICENCE})(?![\w-])")),
    "licence_plate": ("LICENSE_PLATE", re.compile(rf"(?<![\w-])(?:{_PLATE})(?![\w-])")),
    # An identity number of any country after a label that says so (the validated families
    # are the world_id rule's; this takes what no family's checksum knows).
    "national_id": ("NATIONAL_ID", re.compile(rf"(?<![\w-])(?:{_NATIONAL})(?![\w-])")),
    "id_card": ("NATIONAL_ID", re.compile(rf"(?<![\w-])(?:{_NATIONAL})(?![\w-])")),
}


def _plausible(value: str, concept: str) -> bool:
    compact = re.sub(r"[ -]", "", value)
    digits = sum(c.isdigit() for c in compact)
    letters = sum(c.isalpha() for c in compact)
    if concept == "licence_plate":
        # Some plates are digits only, in groups ("01-17022"); a bare number is no plate.
        grouped = re.search(r"[ -]", value) is not None
        return 4 <= len(compact) <= 10 and digits >= 1 and (letters >= 1 or grouped)
    if concept == "passport":
        return digits >= 2 and len(set(compact)) > 2
    if concept in ("national_id", "id_card"):
        return digits >= 6 and len(set(compact)) > 2
    return digits >= 3 and len(set(compact)) > 2


@register
class DocumentNumberRecognizer(Rule):
    """Passport, driving-licence and licence-plate numbers governed by a label in any of the
    label lexicon's languages (beside the value, heading its column or on the line above)."""

    name = "document_number"
    entity_types = frozenset({entity for entity, _ in _DOCUMENT.values()})

    def find(self, text: str) -> Iterator[Span]:
        if not any(c.isdigit() for c in text):
            return
        seen: set[tuple[int, int]] = set()
        for concept, (entity, pattern) in _DOCUMENT.items():
            for match in pattern.finditer(text):
                start, end = match.span()
                if (start, end) in seen or not _plausible(match.group(), concept):
                    continue
                label = governing_label(text, start, end)
                if label is None or label.reading.concept != concept or label.where == "near":
                    continue
                seen.add((start, end))
                yield self.span(start, end, entity, round(0.9 * label.reading.score, 4))
