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

The registry also holds the rules that read a screen's layout
(:class:`redaction.rules.layout_base.LayoutRule`) and the language steps of the text
redactor (:class:`LanguageStep`: the name heuristics that read English, built with the NER
model's English; a :class:`Refiner` among them only checks or reshapes others' spans), so
that a policy disables and scores all of them by name.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Final, Literal, TypeVar

from redaction.entities import ENTITY_TYPES
from redaction.errors import PolicyError
from redaction.models import Span
from redaction.rules.english import English

#: Where a rule may run: typing runs (keys rebuilt into text), text strings (a task, a
#: clipboard), window titles, and text read from the screen.
Where = Literal["typing", "text", "title", "screen"]
EVERYWHERE: Final[frozenset[Where]] = frozenset({"typing", "text", "title", "screen"})


@dataclass(frozen=True, slots=True)
class Treatment:
    """What the text redactor checks and does with the spans of one source (a rule, NER, the
    deny-list), declared by the source instead of the redactor testing its name.

    ``verbatim``: values the user listed: never checked for a name's form, never grown.
    ``language_guess``: guessed from language, not from a value's form (NER and what grows
    from it); in a window title a lowercase guess is a program name.
    ``needs_unknown_word``: kept only when a word of it is not English.
    ``lowercase_english_is_no_name``: a lowercase PERSON of English words in a line with
    capitals is dropped.
    ``verb_is_no_name``: a lowercase PERSON starting with a verb is dropped (the cue was
    followed by an action).
    ``end_from_context``: where the name ends is guessed from its context, so in lowercase
    text its trailing verbs and function words are trimmed.
    ``full_dates``: its DATE spans are full dates (other sources' DATE spans are a weekday,
    a year, "last month": not personal).
    ``spreads``: other uses of its PERSON words in the same text are found too.
    ``english_only``: it reads English, so in a line in another language its PERSON spans
    need a word that is a known name or capitalised inside a sentence
    (:class:`redaction.rules.names.ForeignLanguage`).
    ``whole_name``: its PERSON span is the whole name, as a cue of any language placed it (a
    chat verb's addressee): an English guess around it with only lowercase words besides
    adds nothing and is dropped.
    """

    verbatim: bool = False
    language_guess: bool = False
    needs_unknown_word: bool = False
    lowercase_english_is_no_name: bool = False
    verb_is_no_name: bool = False
    end_from_context: bool = False
    full_dates: bool = False
    spreads: bool = True
    english_only: bool = False
    whole_name: bool = False


class Detector(ABC):
    """What every rule declares: a unique ``name``, the ``entity_types`` it may report and
    where it applies. :class:`Rule` reads a string; a layout rule
    (:class:`redaction.rules.layout_base.LayoutRule`) reads a screen's OCR layout."""

    name: ClassVar[str]
    entity_types: ClassVar[frozenset[str]]
    applies_to: ClassVar[frozenset[Where]] = EVERYWHERE
    #: Whether a policy may score its findings by name (``[recognizers] scores``): false for
    #: a step whose spans are not its own (it refines others' or passes on their names).
    scored: ClassVar[bool] = True


class Rule(Detector):
    """Finds spans of one or more entity types in a text.

    Subclasses set ``name`` (unique), ``entity_types`` (what :meth:`find` may return) and, when
    the rule does not apply everywhere, ``applies_to``; they implement :meth:`find`.
    """

    #: How the text redactor treats this rule's spans.
    treatment: ClassVar[Treatment] = Treatment()
    #: Other source names this rule's spans may carry, with their treatment (a weaker kind of
    #: finding kept apart from the rule's own).
    other_sources: ClassVar[tuple[tuple[str, Treatment], ...]] = ()

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


class LanguageStep(Detector):
    """A step of the text redactor that reads the language (the NER model's English lexicon
    and verbs, :class:`redaction.rules.english.English`) rather than a value's form: the name
    heuristics (:mod:`redaction.rules.names`). It is built with that English, so the text
    redactor builds it (:meth:`RuleRegistry.steps`), and each kind has its own place in the
    analysis: a step that finds names declares what it reads (the text, NER's spans, the spans
    kept so far) by its own method; a :class:`Refiner` checks or reshapes spans found by
    others. A step with ``needs_english`` runs only when the policy has NER."""

    entity_types: ClassVar[frozenset[str]] = frozenset({"PERSON"})
    needs_english: ClassVar[bool] = True

    def __init__(self, english: English | None) -> None:
        """Built with the NER model's English (None without NER, for a step that does not
        need it); a step that needs it narrows the argument to :class:`English`."""


#: Where a refiner runs: on every candidate span, before its source's treatment and the
#: policy decide (it may only drop spans), or on the spans kept and tidied, before lists of
#: names and other uses of a name are found (it may drop, grow or trim them).
RefinerStage = Literal["candidate", "kept"]


class Refiner(LanguageStep):
    """A step that finds nothing: it checks, grows, trims or drops spans that others found.

    Subclasses set ``name``, ``stage`` and ``order`` (refiners of a stage run by ``order``,
    each on what the one before returned) and implement :meth:`refine`."""

    scored: ClassVar[bool] = False
    stage: ClassVar[RefinerStage] = "kept"
    order: ClassVar[int] = 0

    @abstractmethod
    def refine(self, text: str, span: Span, treatment: Treatment) -> Span | None:
        """``span`` as it stays (itself when unchanged), or None to drop it. ``treatment`` is
        how its source's spans are treated."""


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
        """Instances of every registered rule (text and layout rules; not the language steps,
        see :meth:`steps`) not in ``disabled`` whose entity types meet ``wanted`` (all when
        None). A name in ``disabled`` that no rule has is an error."""
        return [
            cls()
            for cls in self._enabled(disabled, wanted)
            if not issubclass(cls, LanguageStep)
        ]

    def steps(self, english: English | None, disabled: Iterable[str] = ()) -> list[LanguageStep]:
        """Instances of every registered language step not in ``disabled``, built with
        ``english`` (the NER model's; None without NER, and then only the steps that do not
        need it). A name in ``disabled`` that no rule has is an error."""
        return [
            cls(english)
            for cls in self._enabled(disabled, None)
            if issubclass(cls, LanguageStep) and (english is not None or not cls.needs_english)
        ]

    def not_scored(self) -> frozenset[str]:
        """Names of the rules a policy may not score (see :attr:`Detector.scored`)."""
        return frozenset(n for n, cls in self._classes.items() if not cls.scored)

    def _enabled(
        self, disabled: Iterable[str], wanted: Iterable[str] | None
    ) -> list[type[Detector]]:
        disabled = set(disabled)
        unknown = disabled - set(self._classes)
        if unknown:
            raise PolicyError(f"unknown recognizers to disable: {sorted(unknown)}")
        wanted_set = None if wanted is None else set(wanted)
        return [
            cls
            for name, cls in self._classes.items()
            if name not in disabled and (wanted_set is None or cls.entity_types & wanted_set)
        ]


#: The registry of cuarec's built-in rules (filled when :mod:`redaction.rules` loads).
REGISTRY = RuleRegistry()
register = REGISTRY.register
