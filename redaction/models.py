"""Value objects shared by the text and image redactors and by everything that stores them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np

if TYPE_CHECKING:
    from redaction.denylist import DenyList

#: A screenshot as the redactors take it: height x width x 3 (BGR) uint8.
Frame = np.ndarray[Any, Any]

RedactionKind = Literal["text", "image", "title"]


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned box in the stored screenshot's pixels."""

    x: int
    y: int
    w: int
    h: int

    def __post_init__(self) -> None:
        if self.w < 0 or self.h < 0:
            raise ValueError("box width and height must not be negative")


@dataclass(frozen=True, slots=True)
class InputEvent:
    """One raw input event as stored in an episode (after redaction).

    ``t`` is seconds since the episode started. ``kind`` is one of ``recorder``'s event kinds
    (key_press, key_release, move, click_press, click_release, scroll, ...). Fields that do not
    apply to a kind are ``None``.
    """

    t: float
    kind: str
    key: str | None = None
    char: str | None = None
    x: int | None = None
    y: int | None = None
    button: str | None = None
    dx: int | None = None
    dy: int | None = None


@dataclass(frozen=True, slots=True)
class Redaction:
    """What was removed from one step: never the removed value, only what and where."""

    kind: RedactionKind
    entity_type: str
    recognizer: str
    score: float | None = None
    box: Box | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text found to be personal: ``text[start:end]`` is of ``entity_type``."""

    start: int
    end: int
    entity_type: str
    recognizer: str
    score: float


@dataclass(frozen=True, slots=True)
class FieldContext:
    """What the field a text was typed into says the text is, as read from the screen
    (:class:`redaction.field.FieldReading.context`): ``entity_type`` of each of its lines (a
    ``Surname`` field: PERSON), or ``secret`` (a password field or a masked echo: all of it).
    Holds no text of the screen."""

    entity_type: str | None = None
    secret: bool = False


class TextAnalyzer(Protocol):
    """What the image redactor needs from the text redactor: spans of personal text.

    ``deny_list`` is a :class:`redaction.denylist.DenyList`.
    """

    def analyze(self, text: str, deny_list: DenyList | None = None) -> list[Span]: ...
