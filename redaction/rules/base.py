"""The rule model: one small base class and one registry (as Presidio's ``EntityRecognizer``
and ``RecognizerRegistry``).

A rule is one detector: a unique ``name`` (used by policies to disable it and in stored
redaction records), the ``entity_types`` it may return, where it applies (``applies_to``:
typing runs, text strings, window titles, screen text), and ``find(text)``, which returns
scored spans. A rule is stateless after construction and thread-safe; it never logs, prints or
raises with the text it looks at. Its true and false cases live in its test table
(``tests/redaction/rules/``), not in its comments.

Adding a rule: subclass :class:`Rule` in the file of its family (``redaction/rules/*.py``),
decorate it with :func:`register`, put its words in a lexicon file
(:mod:`redaction.lexicon`), and add a table of true and false cases to its family's test.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import ClassVar, Final, Literal, TypeVar

from redaction.entities import ENTITY_TYPES
from redaction.errors import PolicyError
from redaction.models import Span

#: Where a rule may run: typing runs (keys rebuilt into text), text strings (a task, a
#: clipboard), window titles, and text read from the screen.
Where = Literal["typing", "text", "title", "screen"]
EVERYWHERE: Final[frozenset[Where]] = frozenset({"typing", "text", "title", "screen"})


class Detector(ABC):
    """What every rule declares: a unique ``name``, the ``entity_types`` it may report and
    where it applies. :class:`Rule` reads a string; a layout rule
    (:class:`redaction.rules.layout_base.LayoutRule`) reads a screen's OCR layout."""

    name: ClassVar[str]
    entity_types: ClassVar[frozenset[str]]
    applies_to: ClassVar[frozenset[Where]] = EVERYWHERE


class Rule(Detector):
    """Finds spans of one or more entity types in a text.

    Subclasses set ``name`` (unique), ``entity_types`` (what :meth:`find` may return) and, when
    the rule does not apply everywhere, ``applies_to``; they implement :meth:`find`.
    """

    @abstractmethod
    def find(self, text: str) -> Iterable[Span]:
        """Spans of personal data in ``text``, in any order, possibly overlapping."""

    def find_typed(self, text: str) -> Iterable[Span]:
        """Spans in text a volunteer typed (rebuilt from keys): :meth:`find`'s unless the rule
        reads typing differently (a shell prompt after "password:" is shown, never typed)."""
        return self.find(text)

    def span(self, start: int, end: int, entity_type: str, score: float) -> Span:
        """A span attributed to this rule."""
        return Span(start, end, entity_type, self.name, score)


R = TypeVar("R", bound=type[Detector])


class RuleRegistry:
    """Rule classes by name, in registration order; builds the set a policy enables."""

    def __init__(self) -> None:
        self._classes: dict[str, type[Detector]] = {}

    def register(self, cls: R) -> R:
        """Class decorator: add a rule class (its ``name`` must be new, its entity types known,
        where it applies a subset of :data:`EVERYWHERE`)."""
        name = cls.name
        if name in self._classes:
            raise ValueError(f"rule {name} is registered twice")
        unknown = [e for e in cls.entity_types if e not in ENTITY_TYPES]
        if unknown:
            raise ValueError(f"rule {name} declares unknown entity types {unknown}")
        if not cls.applies_to or not cls.applies_to <= EVERYWHERE:
            raise ValueError(f"rule {name} applies to {sorted(cls.applies_to)}")
        self._classes[name] = cls
        return cls

    def names(self) -> tuple[str, ...]:
        return tuple(self._classes)

    def classes(self) -> tuple[type[Detector], ...]:
        return tuple(self._classes.values())

    def not_applying_to(self, where: Where) -> frozenset[str]:
        """Names of the rules that do not apply to ``where`` (a policy for it disables them)."""
        return frozenset(n for n, cls in self._classes.items() if where not in cls.applies_to)

    def build(
        self, disabled: Iterable[str] = (), wanted: Iterable[str] | None = None
    ) -> list[Rule]:
        """Instances of every registered text rule not in ``disabled`` whose entity types meet
        ``wanted`` (all when None)."""
        return [r for r in self.instances(disabled, wanted) if isinstance(r, Rule)]

    def instances(
        self, disabled: Iterable[str] = (), wanted: Iterable[str] | None = None
    ) -> list[Detector]:
        """Instances of every registered rule (text and layout rules) not in ``disabled`` whose
        entity types meet ``wanted`` (all when None). A name in ``disabled`` that no rule has
        is an error."""
        disabled = set(disabled)
        unknown = disabled - set(self._classes)
        if unknown:
            raise PolicyError(f"unknown recognizers to disable: {sorted(unknown)}")
        wanted_set = None if wanted is None else set(wanted)
        return [
            cls()
            for name, cls in self._classes.items()
            if name not in disabled and (wanted_set is None or cls.entity_types & wanted_set)
        ]


#: The registry of cuarec's built-in rules (filled when :mod:`redaction.rules` loads).
REGISTRY = RuleRegistry()
register = REGISTRY.register
