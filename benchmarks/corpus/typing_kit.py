
"""Typed-text cases: what a person types, one typing run per field, with gold spans.

A case is one or more runs (a chat message, an e-mail, a command: one run; a form typed field
by field: one run per field, each with the field's label, so a renderer can draw the form
before and after the field was typed). ``Run.pii(label, text)`` appends a personal value and
records its span; ``Run.add(text)`` appends anything else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kit import Values

#: Extra gold types for typing (the screen types in kit apply too).
POSTCODE = "POSTCODE"
PASSWORD = "PASSWORD"
CVV = "CVV"


@dataclass
class Run:
    field_label: str | None = None
    field_kind: str | None = None  # e.g. "password": how the form draws it (masked)
    text: str = ""
    spans: list[dict[str, Any]] = field(default_factory=list)

    def add(self, text: str) -> Run:
        self.text += text
        return self

    def pii(self, label: str, value: str) -> Run:
        start = len(self.text)
        self.text += value
        self.spans.append({"start": start, "end": len(self.text), "label": label, "text": value})
        return self

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "field_label": self.field_label, "field_kind": self.field_kind,
                "spans": self.spans}


@dataclass
class Case:
    kind: str
    lang: str
    runs: list[Run]
    form_title: str | None = None

    @property
    def personal(self) -> bool:
        return any(r.spans for r in self.runs)


#: A typing family: (values, index) -> one case.
TypingFamily = Callable[[Values, int], Case]
