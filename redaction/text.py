"""The text redactor: finds personal data in text and removes it from strings and key events.

Build engines once and inject them::

    policy = load_policy("default")
    redactor = TextRedactor.build(policy)        # loads the policy's spaCy model (about 1 s)
    spans = redactor.analyze("Call me on 668 5702", deny_list)
    result = redactor.redact_text("Mail jane@example.com")   # "Mail <EMAIL_ADDRESS>"
    typed = redactor.redact_events(events, deny_list)        # events rewritten, text redacted

An orchestrator: it runs the rules (:mod:`redaction.rules`), the identity and deny-list
matcher, then Presidio with spaCy NER (:mod:`redaction.nlp`) on the text and on a
re-capitalised copy (lowercase typing), with the name heuristics that read English
(:mod:`redaction.rules.names`: language steps of the registry, each disabled by name like a
rule; the refiners among them check and reshape the spans at their stage). Each span is
checked as its source's :class:`~redaction.rules.base.Treatment` says and filtered by the
policy's entity types and thresholds; names found once are hunted in the rest of the text, and
overlapping spans are merged, so the result is sorted and non-overlapping.

Nothing here logs, prints or raises with a value; results carry offsets and types only
(:class:`~redaction.models.Redaction` never holds the removed value).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from redaction.denylist import DenyList, DenySource
from redaction.entities import ENTITY_TYPES
from redaction.errors import ModelUnavailableError, PolicyError
from redaction.keystrokes import (
    PASTED,
    TypedText,
    rebuild_typing,
)
from redaction.knowledge.labels import value_fits
from redaction.lexicon import words
from redaction.look_alikes import drop_look_alikes
from redaction.models import FieldContext, InputEvent, Redaction, RedactionKind, Span
from redaction.nlp import PRESIDIO_TREATMENT, NerEngine, is_presidio_source
from redaction.policy import PLACEHOLDER_TOKEN, Policy
from redaction.rules import REGISTRY, IdentityMatcher, Rule
from redaction.rules.addresses import HUNGARIAN_NUMBER
from redaction.rules.base import LanguageStep, Refiner, RefinerStage, Treatment, Where
from redaction.rules.names import (
    RECASED,
    RECASED_TREATMENT,
    AddresseeRule,
    CuedNameGuesses,
    NameList,
    NamePropagation,
    NameShapeRule,
    Recasing,
    UnknownWordRule,
    after_greeting,
    all_english,
    lowercase_english_in_cased_line,
    verb_first,
)
from redaction.rules.people import NameCueRecognizer
from redaction.spans import merge_spans, record
from redaction.typing_events import RedactedEvents, redact_events

#: Types the re-capitalised NER pass may add (it exists to find names typed in lowercase).
_RECASED_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP"})
#: The type of all a secret field holds (a password field, a masked echo), as the recorder's.
SECRET_FIELD_ENTITY = "PASSWORD"


@dataclass(frozen=True, slots=True)
class RedactedText:
    """A string with personal data replaced by placeholders, and what was removed (no values).

    ``spans`` are in the coordinates of the *input* text.
    """

    text: str
    spans: tuple[Span, ...]
    redactions: tuple[Redaction, ...]


class TextRedactor:
    """Finds and removes personal data in text and typing. Thread-safe once built.

    ``ner`` is required unless the policy opts out of NER (``policy.ner.enabled`` false);
    build it once (:meth:`build` does) and share it between redactors.
    """

    def __init__(
        self,
        policy: Policy,
        ner: NerEngine | None,
        recognizers: Sequence[Rule] | None = None,
    ) -> None:
        if policy.ner.enabled and ner is None:
            raise ModelUnavailableError(
                "the policy asks for NER but no NER engine was given; build one or opt out"
            )
        self.policy = policy
        self.ner = ner if policy.ner.enabled else None
        self.recognizers: tuple[Rule, ...] = tuple(
            recognizers
            if recognizers is not None
            else REGISTRY.build(disabled=policy.disabled_recognizers, wanted=policy.entities)
        )
        unknown = set(policy.rule_scores) - set(REGISTRY.names())
        if unknown:
            raise PolicyError(f"unknown recognizers to score: {sorted(unknown)}")
        unscored = set(policy.rule_scores) & REGISTRY.not_scored()
        if unscored:
            raise PolicyError(
                f"recognizers that find no spans of their own cannot be scored: {sorted(unscored)}"
            )
        self._identity = IdentityMatcher(policy.deny_terms)
        self._cased_name_rules = tuple(
            r for r in self.recognizers if isinstance(r, NameCueRecognizer)
        )
        # The name heuristics that read English (the ones that need it only with NER), as
        # the policy enables them by name.
        english = self.ner.english if self.ner is not None else None
        steps = REGISTRY.steps(english, policy.disabled_recognizers)
        self.steps: tuple[LanguageStep, ...] = tuple(steps)
        self._recasing = _step(steps, Recasing)
        self._name_shape = _step(steps, NameShapeRule)
        self._unknown_word = _step(steps, UnknownWordRule)
        self._addressee = _step(steps, AddresseeRule)
        self._name_list = _step(steps, NameList)
        self._propagation = _step(steps, NamePropagation)
        self._cued_guesses = _step(steps, CuedNameGuesses)
        self._refiners: dict[RefinerStage, tuple[Refiner, ...]] = {
            stage: tuple(
                sorted(
                    (s for s in steps if isinstance(s, Refiner) and s.stage == stage),
                    key=lambda s: s.order,
                )
            )
            for stage in ("candidate", "kept")
        }
        # How each source's spans are treated, by the name its spans carry.
        treatments: dict[str, Treatment] = {
            IdentityMatcher.name: IdentityMatcher.treatment,
            NameShapeRule.name: NameShapeRule.treatment,
            UnknownWordRule.name: UnknownWordRule.treatment,
            AddresseeRule.name: AddresseeRule.treatment,
            RECASED: RECASED_TREATMENT,
        }
        for rule in self.recognizers:
            treatments[rule.name] = rule.treatment
            treatments.update(rule.other_sources)
        self._treatments = treatments
        self._not_in_titles = frozenset(
            r.name for r in (*self.recognizers, *self.steps) if "title" not in r.applies_to
        )
        # This policy's placeholders, the default ones (an episode redacted under another
        # policy) and the recorder's markers: never analysed as personal data.
        placeholders = {policy.placeholder_for(name) for name in ENTITY_TYPES}
        placeholders |= {f"<{name}>" for name in ENTITY_TYPES} | set(_MARKERS)
        placeholders = {p for p in placeholders if PLACEHOLDER_TOKEN.fullmatch(p)}
        self._placeholders = re.compile(
            "|".join(re.escape(p) for p in sorted(placeholders, key=len, reverse=True))
        )

    def _find(self, rule: Rule, text: str, typed: bool = False) -> Iterable[Span]:
        """The rule's spans, scored as the policy says when it scores the rule by name."""
        return self._scored(rule.name, rule.find_typed(text) if typed else rule.find(text))

    def _scored(self, name: str, spans: Iterable[Span]) -> Iterable[Span]:
        """``spans`` of rule or step ``name``, scored as the policy says when it scores it."""
        score = self.policy.rule_scores.get(name)
        if score is None:
            return spans
        return (Span(s.start, s.end, s.entity_type, s.recognizer, score) for s in spans)

    def _refined(
        self, stage: RefinerStage, text: str, spans: Iterable[Span], where: Where
    ) -> list[Span]:
        """``spans`` through the refiners of ``stage`` that apply to ``where``, in order (a
        dropped span is gone)."""
        refiners = [r for r in self._refiners[stage] if where in r.applies_to]
        out: list[Span] = []
        for span in spans:
            refined: Span | None = span
            for refiner in refiners:
                refined = refiner.refine(text, span, self.treatment(span))
                if refined is None:
                    break
                span = refined
            if refined is not None:
                out.append(refined)
        return out

    def treatment(self, span: Span) -> Treatment:
        """How the source of ``span`` says its spans are treated (a default for unknown ones)."""
        found = self._treatments.get(span.recognizer)
        if found is not None:
            return found
        if is_presidio_source(span.recognizer):
            return PRESIDIO_TREATMENT
        return _DEFAULT_TREATMENT

    @classmethod
    def build(cls, policy: Policy) -> TextRedactor:
        """Build the engines the policy names (raises ModelUnavailableError when the NER
        model is missing; never downloads) and the redactor."""
        ner = None
        if policy.ner.enabled:
            ner = NerEngine(policy.ner, policy.presidio_recognizers)
        return cls(policy, ner)

    # ---- analysis --------------------------------------------------------------------------

    def analyze(
        self,
        text: str,
        deny_list: DenyList | None = None,
        *,
        kind: RedactionKind = "text",
        typed: bool = False,
    ) -> list[Span]:
        """Spans of personal data in ``text``: sorted, non-overlapping, in the policy's types.

        ``kind="title"`` for window titles and task texts: there the unknown-word rule stays
        off (a title is a list of app, page and file names), and so do the rules that do not
        apply to titles. ``typed`` for text rebuilt from keys
        (:meth:`redaction.rules.base.Rule.find_typed`). Satisfies
        :class:`redaction.models.TextAnalyzer` (the image redactor calls this on OCR lines and
        pages).
        """
        if not text or not text.strip():
            return []
        where: Where = "title" if kind == "title" else "typing" if typed else "text"
        candidates = self._candidates(text, deny_list, where=where, typed=typed)
        candidates = self._refined("candidate", text, candidates, where)
        kept = [s for s in candidates if self._accepts(s, text)]
        if kind == "title":
            kept = [s for s in kept if not self._program_word_in_title(text, s)]
        kept = [s for s in (_tidy(text, s) for s in kept) if s is not None]
        kept = self._refined("kept", text, kept, where)
        if self._cued_guesses is not None:
            kept = self._cued_guesses.filter(text, kept, self.treatment)
        if self._name_list is not None:
            kept.extend(self._name_list.find(text, kept))
        if self._propagation is not None:
            kept.extend(self._propagation.find(text, kept, lambda s: self.treatment(s).spreads))
        kept = drop_look_alikes(text, kept)  # hook: redaction.look_alikes
        return self._outside_placeholders(text, merge_spans(kept))

    def _outside_placeholders(self, text: str, spans: list[Span]) -> list[Span]:
        """Spans with cuarec's own placeholders cut out: a placeholder is what redaction left,
        never personal data, so analysing a redacted text again finds nothing new in it. What
        a span keeps outside them must hold a letter or digit."""
        tokens = [m.span() for m in self._placeholders.finditer(text)]
        if not tokens:
            return spans
        out: list[Span] = []
        for span in spans:
            start = span.start
            for token_start, token_end in [*tokens, (len(text), len(text))]:
                if token_end <= start:
                    continue
                end = min(span.end, token_start)
                if end > start and any(c.isalnum() for c in text[start:end]):
                    kept = Span(start, end, span.entity_type, span.recognizer, span.score)
                    piece = kept if (start, end) == (span.start, span.end) else _tidy(text, kept)
                    if piece is not None:
                        out.append(piece)
                start = token_end
                if start >= span.end:
                    break
        return out

    def _accepts(self, span: Span, text: str = "") -> bool:
        """The checks the span's source asks for (its treatment), then the policy's types and
        thresholds (the refiners of the ``candidate`` stage ran before)."""
        treatment = self.treatment(span)
        value = text[span.start : span.end]
        english = self.ner.english if self.ner is not None else None
        if treatment.needs_unknown_word and (english is None or all_english(value, english)):
            return False
        if (
            span.entity_type == "PERSON"
            and treatment.lowercase_english_is_no_name
            and english is not None
            and lowercase_english_in_cased_line(text, span, english)
        ):
            return False
        if treatment.verb_is_no_name and english is not None and verb_first(value, english):
            return False
        if span.entity_type == "DATE" and not treatment.full_dates:
            return False
        return self.policy.wants(span.entity_type) and span.score >= self.policy.threshold(
            span.entity_type
        )

    def _program_word_in_title(self, text: str, span: Span) -> bool:
        """A span a title does not hold: one from a rule that does not apply to titles, or a
        lowercase word only a language guess calls personal (a terminal program a PERSON, a
        shell an ORGANIZATION).

        Programs write titles and capitalise the names in them, so a lowercase word in a title
        with capitals, or a one-word title, is a program, command, file or host name. A title
        all in lowercase with several words (a task a volunteer typed) keeps its guesses:
        names typed in lowercase are what the re-capitalised pass is for. The identity and
        deny-lists and every pattern recognizer still apply.
        """
        if span.recognizer in self._not_in_titles:
            return True
        value = text[span.start : span.end]
        if (
            span.entity_type not in _RECASED_TYPES
            or not self.treatment(span).language_guess
            or any(c.isupper() for c in value)
        ):
            return False
        return len(text.split()) == 1 or any(c.isupper() for c in text)

    def _candidates(
        self, text: str, deny_list: DenyList | None, *, where: Where = "text",
        typed: bool = False,
    ) -> list[Span]:
        spans: list[Span] = []
        for recognizer in self.recognizers:
            spans.extend(self._find(recognizer, text, typed))
        spans.extend(self._identity.find(text, deny_list))
        if self.ner is not None:
            # The passes for typed text (``recased_pass``), each step where it applies.
            typed_passes = self.policy.ner.recased_pass
            recasing = _where(self._recasing, where) if typed_passes else None
            unknown_word = _where(self._unknown_word, where) if typed_passes else None
            addressee = _where(self._addressee, where) if typed_passes else None
            recased, changed = text, bytearray()
            if recasing is not None:
                recased, changed = recasing.recase(text)
            # Nothing re-capitalised: a second NER pass would only repeat the first. Otherwise
            # both texts go through spaCy in one batch (cheaper than two calls).
            if any(changed):
                ner_spans, variant_spans = self.ner.analyze_with_variant(text, recased)
            else:
                ner_spans, variant_spans = self.ner.analyze(text), None
            spans.extend(ner_spans)
            name_shape = self._name_shape
            if name_shape is not None:
                spans.extend(self._scored(name_shape.name, name_shape.find(text, ner_spans)))
            if unknown_word is not None:
                spans.extend(self._scored(unknown_word.name, unknown_word.find(text)))
            if addressee is not None:
                spans.extend(self._scored(addressee.name, addressee.find(text)))
            if variant_spans is not None:
                recased_spans = [
                    Span(s.start, s.end, s.entity_type, RECASED, s.score)
                    for s in variant_spans
                    if s.entity_type in _RECASED_TYPES and any(changed[s.start : s.end])
                ]
                spans.extend(recased_spans)
                if name_shape is not None:
                    spans.extend(
                        self._scored(name_shape.name, name_shape.find(recased, recased_spans))
                    )
                # Rules that need capitals read the re-capitalised copy; so does the
                # unknown-word rule, which there always asks for more than the word.
                if unknown_word is not None:
                    spans.extend(
                        self._scored(unknown_word.name, unknown_word.find(recased, changed))
                    )
                for recognizer in self._cased_name_rules:
                    spans.extend(
                        s
                        for s in self._find(recognizer, recased)
                        if any(changed[s.start : s.end])
                        and not _recased_letter(recased, changed, s)
                    )
        return spans

    # ---- strings ---------------------------------------------------------------------------

    def redact_text(
        self,
        text: str,
        deny_list: DenyList | None = None,
        kind: RedactionKind = "text",
        *,
        field: FieldContext | None = None,
    ) -> RedactedText:
        """``text`` with every span replaced by its placeholder (e.g. ``<EMAIL_ADDRESS>``).

        Use ``kind="title"`` for window titles and task texts so the records say where the
        removal happened. ``field``: what the field the text was typed into says it is (read
        from the screen, :class:`redaction.field.FieldReading.context`), as the keystroke path
        uses it: a secret field makes all of it one ``PASSWORD``; a typed field makes each
        line of it that has the type's shape one span of that type.
        """
        spans = self.analyze(text, deny_list, kind=kind)
        if field is not None:
            spans = self.with_field(text, spans, field)
        return RedactedText(
            text=self.apply_placeholders(text, spans),
            spans=tuple(spans),
            redactions=tuple(record(s, kind) for s in spans),
        )

    def apply_placeholders(self, text: str, spans: Iterable[Span]) -> str:
        """``text`` with each (non-overlapping) span replaced by the policy's placeholder."""
        out: list[str] = []
        position = 0
        for span in sorted(spans, key=lambda s: s.start):
            if span.start < position:
                continue
            out.append(text[position : span.start])
            out.append(self.policy.placeholder_for(span.entity_type))
            position = span.end
        out.append(text[position:])
        return "".join(out)

    # ---- key events ------------------------------------------------------------------------

    # ---- key events ------------------------------------------------------------------------

    def redact_events(
        self,
        events: Sequence[InputEvent],
        deny_list: DenyList | None = None,
        *,
        field_type: str | None = None,
    ) -> RedactedEvents:
        """Rewrite every key event that produced a character of personal data (see
        :func:`redaction.typing_events.redact_events`): the typing is analysed with this
        redactor and each run of doomed keys becomes one ``redacted`` event.

        ``field_type``: the entity type the field typed into says the run is
        (:mod:`redaction.field`); then every typed run is one span of that type (cuarec's own
        placeholders excepted, so a redacted episode redacted again does not change)."""
        return self._redact_events(events, deny_list, field_type, {})

    def redact_and_harvest(
        self,
        events: Sequence[InputEvent],
        deny_list: DenyList,
        *,
        field_type: str | None = None,
        source: DenySource = "typed",
    ) -> RedactedEvents:
        """:meth:`redact_events`, then, when something was redacted, the values of each typed
        run found confidently personal join ``deny_list`` (:meth:`harvest`), so they are hunted
        on screen (also as the prefixes visible while typing) and in titles.

        Each run's text and deleted text is harvested from its own analysis; an analysis
        :meth:`redact_events` already made of the same text with the deny-list as it is now
        (one typing run, the usual case) is reused, not made again."""
        analysed: dict[str, tuple[int, list[Span]]] = {}
        result = self._redact_events(events, deny_list, field_type, analysed)
        if not result.redactions:
            return result
        for run in rebuild_typing(events).runs:
            for text in (run.text, run.log_text):
                if not text.strip():
                    continue
                known = analysed.get(text)
                if known is not None and known[0] == len(deny_list):
                    spans = known[1]
                else:
                    spans = self.analyze(text, deny_list, typed=True)
                self.harvest(text, spans, deny_list, source)
        return result

    def _redact_events(
        self,
        events: Sequence[InputEvent],
        deny_list: DenyList | None,
        field_type: str | None,
        analysed: dict[str, tuple[int, list[Span]]],
    ) -> RedactedEvents:
        """:meth:`redact_events`, keeping each analysis in ``analysed`` (by text: the
        deny-list's size then and the spans; memory only, the keys are typed text)."""

        def analyze(text: str) -> list[Span]:
            spans = self.analyze(text, deny_list, typed=True)
            analysed[text] = (len(deny_list) if deny_list is not None else 0, spans)
            if field_type is None:
                return spans
            return self.with_field(text, spans, FieldContext(field_type))

        return redact_events(
            events,
            analyze,
            self.policy.placeholder_for,
            analyze_deleted=self.policy.analyze_deleted,
        )

    def with_field(self, text: str, spans: list[Span], field: FieldContext) -> list[Span]:
        """``spans`` of ``text`` with what its field says: all of it one secret, or each line
        the field holds its type when it looks like one (a count typed under a "Passengers"
        label is no person; else the analysis stands). cuarec's placeholders stay out."""
        if field.secret:
            entity_type = SECRET_FIELD_ENTITY
            whole = _whole_runs(text, entity_type)
        elif field.entity_type is not None and self.policy.wants(field.entity_type):
            entity_type = field.entity_type
            whole = [
                s for s in _whole_runs(text, entity_type)
                if value_fits(entity_type, text[s.start : s.end])
            ]
        else:
            return spans
        return merge_spans([*spans, *self._outside_placeholders(text, whole)])

    def rebuild(self, events: Sequence[InputEvent]) -> TypedText:
        """The raw rebuilt typing (in memory only: it holds personal data)."""
        return rebuild_typing(events)

    # ---- episode metadata ------------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        """The policy (allow-listed fields) plus what was actually loaded. No values."""
        data = self.policy.to_metadata()
        data["recognizers"] = sorted(r.name for r in self.recognizers)
        data["ner_loaded"] = self.ner.info.to_metadata() if self.ner is not None else None
        return data

    def harvest(
        self, text: str, spans: Iterable[Span], deny_list: DenyList, source: DenySource = "typed"
    ) -> int:
        """Add the values of confidently found spans to the episode deny-list (in memory), so
        they are hunted in frames and titles too. Returns how many were new."""
        added = 0
        for span in spans:
            if span.entity_type == "PERSON" and (span.score < 0.8 or span.end - span.start < 4):
                continue
            if span.entity_type in ("STREET_ADDRESS", "DATE", "LOCATION", "ORGANIZATION", "URL"):
                continue
            if deny_list.add(text[span.start : span.end], span.entity_type, source):
                added += 1
        return added


# ---- helpers ---------------------------------------------------------------------------------

S = TypeVar("S", bound=LanguageStep)


def _step(steps: Sequence[LanguageStep], kind: type[S]) -> S | None:
    """The step of class ``kind`` among ``steps`` (None when the policy disabled it)."""
    return next((s for s in steps if isinstance(s, kind)), None)


def _where(step: S | None, where: Where) -> S | None:
    """``step`` when it applies to ``where``, else None."""
    return step if step is not None and where in step.applies_to else None



def _recased_letter(recased: str, changed: bytes | bytearray, span: Span) -> bool:
    """A one-letter word of some language (``people.toml``: ``one_letter_words``) inside
    ``span`` of the re-capitalised copy was capitalised there and has no full stop: a
    lowercase conjunction ("chleb i mleko", "pão e leite"), which the copy made look like a
    middle initial ("ryan p costa" keeps its initial)."""
    for match in _ONE_LETTER.finditer(recased, span.start, span.end):
        position = match.start()
        if (
            changed[position]
            and span.start < position < span.end - 1
            and match.group().lower() in _ONE_LETTER_WORDS
        ):
            return True
    return False


def _whole_runs(text: str, entity_type: str) -> list[Span]:
    """One span per non-blank line of ``text`` (a run typed into one field), edges trimmed."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        value = match.group()
        if value.strip():
            start = match.start() + len(value) - len(value.lstrip())
            end = match.end() - (len(value) - len(value.rstrip()))
            spans.append(Span(start, end, entity_type, "field", 1.0))
    return spans


#: How spans of a source that declares nothing are treated.
_DEFAULT_TREATMENT = Treatment()
#: The recorder's own markers, beside every entity's placeholder (see TextRedactor).
_MARKERS = (PASTED, "<DENIED>")
_ONE_LETTER_WORDS = frozenset(words("people", "one_letter_words"))
#: A word of one letter (no apostrophe or full stop beside it).
_ONE_LETTER = re.compile(r"(?<![\w'\u2019.])\w(?![\w'\u2019.])")

_TRIM_CHARS = " \t\n\r.,;:!?\"'[]{}<>\u201c\u201d\u2018\u2019"


def _tidy(text: str, span: Span) -> Span | None:
    """Trim whitespace and punctuation around a span (keeping a bracket whose partner is
    inside, as in ``(08) 8747 6301``), and a possessive 's after a name."""
    start, end = span.start, span.end
    while start < end and (
        text[start] in _TRIM_CHARS or (text[start] == "(" and ")" not in text[start:end])
    ):
        start += 1
    while (
        end > start
        and (text[end - 1] in _TRIM_CHARS or (text[end - 1] == ")" and "(" not in text[start:end]))
        and not _keeps_trailing(text, start, end, span)
    ):
        end -= 1
    if span.entity_type == "PERSON" and text[start:end].lower().endswith(("'s", "\u2019s")):
        end -= 2
    if span.entity_type == "PERSON":
        # NER takes a request's imperative in; the name is what follows it.
        first = re.match(r"([^\W\d_][\w\-]*)[ \t]+(?=\S)", text[start:end])
        if first is not None and first.group(1).lower() in _COMMAND_VERBS:
            start += first.end()
        start = after_greeting(text, start, end)
    if end <= start:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(start, end, span.entity_type, span.recognizer, span.score)


#: Verbs that start a request about a person.
_COMMAND_VERBS = frozenset(words("people", "command_verbs"))

def _keeps_trailing(text: str, start: int, end: int, span: Span) -> bool:
    if span.entity_type == "STREET_ADDRESS" and text[end - 1] == ".":
        # The full stop is part of a Hungarian house number.
        return HUNGARIAN_NUMBER.search(text[max(start, end - 24) : end]) is not None
    # Passwords and secrets are taken verbatim: their punctuation is part of the value.
    return span.entity_type in ("PASSWORD", "SECRET", "URL_CREDENTIAL") and text[end - 1] not in (
        " \t\n\r"
    )

