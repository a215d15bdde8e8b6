"""National identifiers (SSN-style), network addresses, and identifiers named by a label
("driver's license number is ...", "passport no: ...", "customer id ...")."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from redaction.models import Span
from redaction.recognizers.base import Recognizer, context, register, words_regex

_SSN_CONTEXT = words_regex(
    [
        "ssn",
        "ssns",
        "social security",
        "social-security",
        "social sec",
        "itin",
        "tin",
        "taxpayer",
        "tax id",
        "national id",
        "national insurance",
        "nino",
        "sin",
        "personnummer",
        "id number",
        "identification number",
    ]
)
# 3-2-4 digits with one kind of separator (dash, space or dot), or 9 unbroken digits in context.
_SSN = re.compile(r"(?<![\w.-])(\d{3})([- \t.])(\d{2})\2(\d{4})(?![\w-]|\.\d)")
_SSN_PLAIN = re.compile(r"(?<![\w.-])(\d{3})(\d{2})(\d{4})(?![\w-]|\.\d)")


@register
class SsnRecognizer(Recognizer):
    """US SSN/ITIN-shaped numbers (3-2-4 digits). Area 000/666, group 00 and serial 0000 are
    never issued and are skipped; unbroken 9-digit numbers need an SSN word nearby."""

    name = "ssn"
    entity_types = frozenset({"NATIONAL_ID"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _SSN.finditer(text):
            area, group, serial = match.group(1), match.group(3), match.group(4)
            if area in ("000", "666") or group == "00" or serial == "0000":
                continue
            near = context(text, *match.span()).has(_SSN_CONTEXT)
            # Dashes are the SSN's own layout; spaces and dots collide with phone numbers.
            dashed = match.group(2) == "-"
            score = (0.95 if near else 0.6) if dashed else (0.85 if near else 0.35)
            yield self.span(match.start(), match.end(), "NATIONAL_ID", score)
        for match in _SSN_PLAIN.finditer(text):
            if match.group(1) in ("000", "666") or match.group(2) == "00":
                continue
            if context(text, *match.span()).has(_SSN_CONTEXT):
                yield self.span(match.start(), match.end(), "NATIONAL_ID", 0.8)


_IPV4 = re.compile(r"(?<![\w.])((?:\d{1,3}\.){3}\d{1,3})(?![\w]|\.\d)")
_IPV6 = re.compile(
    r"(?<![\w:.])((?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|(?:\d{1,3}\.){3}\d{1,3}))"
    r"(?![\w:])"
)
_VERSION_BEFORE = re.compile(r"(?:\bv|version|ver\.?|release|build|chrome/|firefox/)[ \t]*$", re.I)


@register
class IpAddressRecognizer(Recognizer):
    """IPv4 and IPv6 addresses (validated by :mod:`ipaddress`). Version strings
    ("version 1.2.3.4") and unspecified/loopback addresses score low."""

    name = "ip_address"
    entity_types = frozenset({"IP_ADDRESS"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _IPV4.finditer(text):
            value = match.group(1)
            if any(len(part) > 1 and part.startswith("0") for part in value.split(".")):
                continue  # leading zeros: a version or a date, not an address
            try:
                address = ipaddress.IPv4Address(value)
            except ValueError:
                continue
            score = 0.9
            before = text[max(0, match.start() - 12) : match.start()]
            if _VERSION_BEFORE.search(before) or address.is_unspecified or address.is_loopback:
                score = 0.3
            yield self.span(match.start(1), match.end(1), "IP_ADDRESS", score)
        for match in _IPV6.finditer(text):
            value = match.group(1)
            if value.count(":") < 2 or len(value) < 6:
                continue
            # Clock times (12:30:45) are not addresses: demand a hex letter or a "::".
            if "::" not in value and not re.search(r"[A-Fa-f]", value):
                continue
            try:
                address6 = ipaddress.IPv6Address(value)
            except ValueError:
                continue
            score = 0.3 if address6.is_loopback or address6.is_unspecified else 0.9
            yield self.span(match.start(1), match.end(1), "IP_ADDRESS", score)


_MAC = re.compile(
    r"(?<![\w:-])((?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\2){4}[0-9A-Fa-f]{2}"
    r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:-])"
)


@register
class MacAddressRecognizer(Recognizer):
    """Hardware addresses (aa:bb:cc:dd:ee:ff, aa-bb-..., aabb.ccdd.eeff)."""

    name = "mac_address"
    entity_types = frozenset({"MAC_ADDRESS"})

    def find(self, text: str) -> Iterator[Span]:
        for match in _MAC.finditer(text):
            value = match.group(1)
            if value.lower().replace(":", "").replace("-", "").replace(".", "") in (
                "000000000000",
                "ffffffffffff",
            ):
                continue
            yield self.span(match.start(1), match.end(1), "MAC_ADDRESS", 0.85)


# A label, an optional "number"/"no."/"#", an optional "is"/":"/"=", then the value: one token
# (or dashed/spaced digit groups) holding at least four digits.
_LABELS: tuple[tuple[str, str], ...] = (
    (r"driver'?s?[ \t]+licen[cs]e|driving[ \t]+licen[cs]e|licen[cs]e|\bdl", "DRIVER_LICENSE"),
    (r"passport", "PASSPORT"),
    (r"(?:bank[ \t]+)?account|acct|a/c|routing|sort[ \t]+code|bsb", "BANK_ACCOUNT"),
    (
        r"social[ \t]+security|ssn|itin|tax[ \t]+id|tin|national[ \t]+(?:id|insurance)"
        r"|nino|personnummer|id[ \t]+card|identity[ \t]+card",
        "NATIONAL_ID",
    ),
    (
        r"(?:customer|client|member|membership|patient|employee|student|policy|claim|"
        r"subscriber|user|order|case|ticket)[ \t]+(?:id|number|no\.?|#)",
        "ACCOUNT_ID",
    ),
    (r"medical[ \t]+record|mrn|nhs|health[ \t]+(?:insurance|card)", "MEDICAL_ID"),
)
_LABELLED_ID = re.compile(
    r"(?P<label>" + "|".join(f"(?:{pattern})" for pattern, _ in _LABELS) + r")"
    r"(?:[ \t]+(?:number|num|no\.?|nr\.?|id))?[ \t]*(?:#|:|=|-|[ \t]is|[ \t]was)?[ \t]*"
    r"(?:(?:is|was)[ \t]+)?"
    r"(?P<value>(?=[A-Za-z0-9-]*\d[A-Za-z0-9-]*\d[A-Za-z0-9-]*\d[A-Za-z0-9-]*\d)"
    r"[A-Za-z0-9](?:[A-Za-z0-9]|[- ](?=[A-Za-z0-9]*\d)){3,30})(?![\w])",
    re.I,
)
_LABEL_TYPES = [(re.compile(pattern, re.I), entity) for pattern, entity in _LABELS]


@register
class LabelledIdRecognizer(Recognizer):
    """Identifiers introduced by what they are: "my driver's license number is F1628235",
    "passport no: X1234567", "account 12345678", "customer id 9921-33". The value must hold at
    least four digits, so "license: MIT" or "account settings" never match."""

    name = "labelled_id"
    entity_types = frozenset({entity for _, entity in _LABELS})

    def find(self, text: str) -> Iterator[Span]:
        for match in _LABELLED_ID.finditer(text):
            label = match.group("label")
            entity = next((e for p, e in _LABEL_TYPES if p.fullmatch(label)), "ACCOUNT_ID")
            start = match.start("value")
            value = match.group("value").rstrip(" -")
            yield self.span(start, start + len(value), entity, 0.8)
