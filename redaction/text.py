"""The text redactor: finds personal data in text and removes it from strings and key events.

Build engines once and inject them::

    policy = load_policy("default")
    redactor = TextRedactor.build(policy)        # loads the policy's spaCy model (about 1 s)
    spans = redactor.analyze("Call me on 668 5702", deny_list)
    result = redactor.redact_text("Mail jane@example.com")   # "Mail <EMAIL_ADDRESS>"
    typed = redactor.redact_events(events, deny_list)        # events rewritten, text redacted

Analysis order: deterministic recognizers (:mod:`redaction.rules`), the identity and
deny-list matcher, then Presidio with spaCy NER (:mod:`redaction.nlp`) on the text and on a
re-capitalised copy (lowercase typing). Spans are filtered by the policy's entity types and
thresholds, names found once are hunted in the rest of the text, and overlapping spans are
merged, so the result is sorted and non-overlapping.

Nothing here logs, prints or raises with a value; results carry offsets and types only
(:class:`~redaction.models.Redaction` never holds the removed value).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from redaction.denylist import DenyList
from redaction.entities import ENTITY_TYPES
from redaction.errors import ModelUnavailableError, PolicyError
from redaction.keystrokes import (
    PASTED,
    TypedText,
    rebuild_typing,
)
from redaction.lexicon import alternation, tagged, words
from redaction.look_alikes import drop_look_alikes
from redaction.models import InputEvent, Redaction, RedactionKind, Span
from redaction.nlp import NerEngine
from redaction.policy import PLACEHOLDER_TOKEN, Policy
from redaction.rules import REGISTRY, IdentityMatcher, Rule
from redaction.rules.addresses import HUNGARIAN_NUMBER
from redaction.rules.people import NameCueRecognizer
from redaction.spans import merge_spans, record
from redaction.typing_events import RedactedEvents, redact_events

#: Types the re-capitalised NER pass may add (it exists to find names typed in lowercase).
_RECASED_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP"})
#: Spans of these types found once are hunted elsewhere in the same text.
_PROPAGATED = frozenset({"PERSON"})
#: Words a name found in part may grow by on each side (see TextRedactor._extend_name).
_NAME_GROWTH = 3
#: The recognizer name of the unknown-word rule (see TextRedactor._unknown_capitalised_words).
UNKNOWN_WORD = "unknown_word"


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
        self._identity = IdentityMatcher(policy.deny_terms)
        self._cased_name_rules = tuple(
            r for r in self.recognizers if isinstance(r, NameCueRecognizer)
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
        score = self.policy.rule_scores.get(rule.name)
        spans = rule.find_typed(text) if typed else rule.find(text)
        if score is None:
            return spans
        return (Span(s.start, s.end, s.entity_type, s.recognizer, score) for s in spans)

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
        off (a title is a list of app, page and file names: "Inbox - Gmail - Firefox").
        ``typed`` for text rebuilt from keys (:meth:`redaction.rules.base.Rule.find_typed`).
        Satisfies :class:`redaction.models.TextAnalyzer` (the image redactor calls this on OCR
        lines and pages).
        """
        if not text or not text.strip():
            return []
        candidates = self._candidates(text, deny_list, unknown_words=kind != "title",
                                      typed=typed)
        kept = [s for s in candidates if self._accepts(s, text)]
        if kind == "title":
            kept = [s for s in kept if not _program_word_in_title(text, s)]
        kept = [s for s in (_tidy(text, s) for s in kept) if s is not None]
        if self.ner is not None:
            kept = [self._extend_name(text, s) for s in kept]
            kept = [s for s in (self._trim_lowercase_name(text, s) for s in kept) if s is not None]
        kept.extend(_coordinated(text, kept))
        kept.extend(_propagate(text, kept))
        kept = drop_look_alikes(text, kept)  # hook: redaction.look_alikes
        return self._outside_placeholders(text, merge_spans(kept))

    def _outside_placeholders(self, text: str, spans: list[Span]) -> list[Span]:
        """Spans with cuarec's own placeholders cut out: a placeholder is what redaction left,
        never personal data ("password is <PASSWORD>"), so analysing a redacted text again
        finds nothing new in it. What a span keeps outside them must hold a letter or digit."""
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
        if (
            span.entity_type == "PERSON"
            and span.recognizer != "deny_list"
            and (not _plausible_name(text[span.start : span.end]))
        ):
            return False
        if span.recognizer == NameCueRecognizer.weak_name and (
            self.ner is None
            or all(
                known_word(w.lower(), self.ner.lexicon)
                for w in _WORD.findall(text[span.start : span.end])
            )
        ):
            # "Honestly, I ...": a word addressed at a sentence start is a name only when
            # English does not know it.
            return False
        if (
            span.entity_type == "PERSON"
            and span.recognizer.startswith("presidio")
            and self.ner is not None
            and text[span.start : span.end].islower()
            and not _has_no_capitals(_line_around(text, span))
            and all(
                known_word(w, self.ner.lexicon) for w in _WORD.findall(text[span.start : span.end])
            )
        ):
            # "git commit -m ...": in a cased line, lowercase English words are not a name
            # (a line of its own, such as a form field typed in lowercase, may be one).
            return False
        if (
            span.recognizer == "name_cue"
            and self.ner is not None
            and text[span.start : span.end].islower()
            and is_verb(text[span.start : span.end].split()[0], self.ner.verbs)
        ):
            return False  # "my son loves football": a cue in lowercase text, then a verb
        if span.entity_type == "DATE" and span.recognizer != "date":
            # NER's DATE covers "Tuesday", "1977", "last month": a weekday or a year alone is
            # not personal. Only the date recognizer's full dates count.
            return False
        return self.policy.wants(span.entity_type) and span.score >= self.policy.threshold(
            span.entity_type
        )

    def _candidates(
        self, text: str, deny_list: DenyList | None, *, unknown_words: bool = True,
        typed: bool = False,
    ) -> list[Span]:
        spans: list[Span] = []
        for recognizer in self.recognizers:
            spans.extend(self._find(recognizer, text, typed))
        spans.extend(self._identity.find(text, deny_list))
        if self.ner is not None:
            recased, changed = text, bytearray()
            if self.policy.ner.recased_pass:
                recased, changed = truecase(text, self.ner.lexicon, self.ner.verbs)
            # Nothing re-capitalised: a second NER pass would only repeat the first. Otherwise
            # both texts go through spaCy in one batch (cheaper than two calls).
            if any(changed):
                ner_spans, variant_spans = self.ner.analyze_with_variant(text, recased)
            else:
                ner_spans, variant_spans = self.ner.analyze(text), None
            spans.extend(ner_spans)
            spans.extend(self._name_shaped(text, ner_spans))
            if self.policy.ner.recased_pass and unknown_words:
                spans.extend(self._unknown_capitalised_words(text))
            if variant_spans is not None:
                recased_spans = [
                    Span(s.start, s.end, s.entity_type, "spacy-recased", s.score)
                    for s in variant_spans
                    if s.entity_type in _RECASED_TYPES and any(changed[s.start : s.end])
                ]
                spans.extend(recased_spans)
                spans.extend(self._name_shaped(recased, recased_spans))
                # Rules that need capitals ("my kid Lukas") read the re-capitalised copy; so
                # does the unknown-word rule, which there always asks for more than the word.
                if unknown_words:
                    spans.extend(self._unknown_capitalised_words(recased, changed))
                for recognizer in self._cased_name_rules:
                    spans.extend(
                        s for s in self._find(recognizer, recased) if any(changed[s.start : s.end])
                    )
        return spans

    def _name_shaped(self, text: str, spans: Iterable[Span]) -> list[Span]:
        """NER often calls a foreign name an organisation or a place ("Tomomi is from ...").
        Such a span becomes a PERSON candidate when it is shaped like a name: 1-4 capitalised
        words or initials, no organisation or place word, no acronym, and at least one word
        the English lexicon does not know."""
        assert self.ner is not None
        found = []
        for span in spans:
            if span.entity_type not in ("ORGANIZATION", "LOCATION", "NRP"):
                continue
            phrase = text[span.start : span.end]
            if name_shaped(phrase, self.ner.lexicon) and not _compound_word(
                phrase, self.ner.lexicon
            ):
                found.append(Span(span.start, span.end, "PERSON", "ner_name_shape", 0.55))
        return found

    def _unknown_capitalised_words(
        self, text: str, recapitalised: bytearray | None = None
    ) -> list[Span]:
        """Philter's rule: a capitalised word inside a sentence that is not an English word is
        probably a name ("This song by ex-Zombie Kastner is ..."). At a sentence start every
        word is capitalised, so there the word needs more: a name word after it ("Maha
        Cazares", "Willemine ten Pas"), a name joined to it ("Usamov and Bowers were ..."), or
        a personal pronoun after it ("Irenka is very reliable. You can depend on him.").

        Not after a determiner ("the Grafana dashboard") nor before a number ("Ubuntu 22"),
        and never inside code. Low score (0.5): it also takes unknown brands and places. Part
        of the passes for typed text (``recased_pass``), which the screen policy turns off.

        With ``recapitalised`` (the mask of a :func:`truecase` copy), only words re-capitalised
        there count, and everywhere as at a sentence start: in lowercase typing every unknown
        word (a typo, a command) would otherwise be a name."""
        assert self.ner is not None
        if _mostly_upper(text):
            return []
        lexicon = self.ner.lexicon
        stop = _stopwords()
        found: list[Span] = []
        for match in _CAPITALISED.finditer(text):
            word = match.group()
            lower = word.lower()
            if recapitalised is not None and not recapitalised[match.start()]:
                continue
            if (
                lower in stop
                or lower in _NOT_NAME_WORDS
                or any(known_word(part, lexicon) for part in lower.split("-"))
                or _two_words(lower, lexicon)
                or _in_code(text, match)
                or _NUMBER_AFTER.match(text, match.end())
            ):
                continue
            before = text[max(0, match.start() - 24) : match.start()]
            previous = _PREVIOUS_WORD.search(before)
            if previous is not None and previous.group(1).lower() in _NOT_BEFORE_A_NAME:
                continue  # "the Grafana dashboard", "open Figma", "restart Nginx"
            start, end = match.start(), _name_run_end(text, match.end())
            if re.match(r"[ \t]*[=(<>{\[]", text[end : end + 4]):
                continue  # markup or code: '<img src="...">', 'Foo(', 'Key = ...'
            if recapitalised is not None or _SENTENCE_START.search(before):
                rest = text[match.end() : match.end() + 160]
                # In a re-capitalised copy the words next to an unknown one were capitalised
                # for being next to it: they count only when English does not know them either.
                run = _WORD.findall(text[match.end() : end])
                evidence = (
                    (
                        end > match.end()
                        and (
                            recapitalised is None
                            or any(not known_word(w.lower(), lexicon) for w in run)
                        )
                    )
                    or _JOINED_NAME.match(rest) is not None
                    or _PERSONAL_PRONOUN.search(rest) is not None
                )
                if not evidence:
                    continue
            elif (
                previous is not None
                and _capitalised_name_word(previous.group(1))
                and not is_verb(previous.group(1).lower(), self.ner.verbs)
            ):
                # "met Anna Kastner", "Maha Cazares": a capitalised word right before it is a
                # first name (at a sentence start this also takes "Meanwhile" in).
                start -= len(before) - previous.start(1)
            found.append(Span(start, end, "PERSON", UNKNOWN_WORD, 0.5))
        return found

    def _extend_name(self, text: str, span: Span) -> Span:
        """NER often keeps only part of a foreign name ("Producer Mashuu Samurakami" gives
        "Samurakami"): grow a name over the capitalised words English does not know right
        next to it. A name grows by a few words at most: in a long list of unknown words each
        span growing over the whole list made analysis quadratic (seconds on 5k characters)."""
        if span.entity_type != "PERSON" or span.recognizer == "deny_list":
            return span
        start, end = span.start, span.end
        for _ in range(_NAME_GROWTH):
            # A bounded window: rescanning the whole prefix made long name lists cubic.
            left = _NEIGHBOUR_LEFT.search(text, max(0, start - 64), start)
            if left is None or not self._unknown_capitalised(left.group(1)):
                break
            start = left.start(1)
        for _ in range(_NAME_GROWTH):
            right = _NEIGHBOUR_RIGHT.match(text, end)
            if right is None or not self._unknown_capitalised(right.group(1)):
                break
            end = right.end(1)
        if (start, end) == (span.start, span.end):
            return span
        return Span(start, end, span.entity_type, span.recognizer, span.score)

    def _unknown_capitalised(self, word: str) -> bool:
        assert self.ner is not None
        return (
            word[:1].isupper()
            and not word.isupper()
            and word.lower() not in _NOT_NAME_WORDS
            and not known_word(word.lower(), self.ner.lexicon)
        )

    def _trim_lowercase_name(self, text: str, span: Span) -> Span | None:
        """In lowercase text a context rule cannot see where a name ends ("mr. elliott flew"):
        drop trailing words that are verbs or function words."""
        if span.entity_type != "PERSON" or span.recognizer not in ("name_context", "name_cue"):
            return span
        assert self.ner is not None
        words = list(_WORD.finditer(text, span.start, span.end))
        stop = _stopwords()
        end = span.end
        while len(words) > 1:
            last = words[-1].group()
            if not last.islower() or (not is_verb(last, self.ner.verbs) and last not in stop):
                break
            words.pop()
            end = words[-1].end()
        if end == span.end:
            return span
        return Span(span.start, end, span.entity_type, span.recognizer, span.score)

    # ---- strings ---------------------------------------------------------------------------

    def redact_text(
        self, text: str, deny_list: DenyList | None = None, kind: RedactionKind = "text"
    ) -> RedactedText:
        """``text`` with every span replaced by its placeholder (e.g. ``<EMAIL_ADDRESS>``).

        Use ``kind="title"`` for window titles and task texts so the records say where the
        removal happened.
        """
        spans = self.analyze(text, deny_list, kind=kind)
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

        def analyze(text: str) -> list[Span]:
            spans = self.analyze(text, deny_list, typed=True)
            if field_type is None:
                return spans
            whole = self._outside_placeholders(text, _whole_runs(text, field_type))
            return merge_spans([*spans, *whole])

        return redact_events(
            events,
            analyze,
            self.policy.placeholder_for,
            analyze_deleted=self.policy.analyze_deleted,
        )

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
        self, text: str, spans: Iterable[Span], deny_list: DenyList, source: Any = "typed"
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


#: Recognizers that guess from language (NER and what grows from it), not from a value's form.
_NER_GUESSES = ("presidio", "spacy", "ner_name_shape")


def _program_word_in_title(text: str, span: Span) -> bool:
    """A title's lowercase word that only a language guess calls personal ("xterm" a PERSON,
    "bash" an ORGANIZATION), or a lone token taken for a typed password ("bash-5.2#").

    Programs write titles and capitalise the names in them, so a lowercase word in a title
    with capitals, or a one-word title, is a program, command, file or host name. A title
    all in lowercase with several words (a task a volunteer typed) keeps its guesses: names
    typed in lowercase are what the re-capitalised pass is for. The identity and deny-lists
    and every pattern recognizer still apply.
    """
    if span.recognizer == "lone_credential":
        return True  # a rule for the typing runs of a password field, not for titles
    value = text[span.start : span.end]
    if (
        span.entity_type not in _RECASED_TYPES
        or not span.recognizer.startswith(_NER_GUESSES)
        or any(c.isupper() for c in value)
    ):
        return False
    return len(text.split()) == 1 or any(c.isupper() for c in text)


#: The recorder's own markers, beside every entity's placeholder (see TextRedactor).
_MARKERS = (PASTED, "<DENIED>")
_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*")
# A capitalised word of 3+ letters with no capital inside ("Kastner", "Nekolná", "Fritz-Ann").
_CAPITALISED = re.compile(
    r"(?<![\w'\u2019\-@#$/\\.<])[^\W\d_a-z][^\W\d_A-Z]{2,}(?:-[^\W\d_a-z][^\W\d_A-Z]+)?"
    r"(?![\w'\u2019@/\\])"
)
_NUMBER_AFTER = re.compile(r"[ \t]*[\d#]")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'\u2019\-]*)[ \t]+\Z")
# Nothing but opening quotes and brackets between the word and a sentence or line start.
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\n|*\u2022\u2026])[ \t\"'\u201c\u2018(\[]*\Z")
_JOINED_NAME = re.compile(
    r"(?:[ \t]+(?:and|or|&)[ \t]+|[ \t]*,[ \t]*)(?-i:[^\W\d_a-z])[^\W\d_A-Z]+(?![\w'\u2019])"
)
_PERSONAL_PRONOUN = re.compile(
    (r"(?<![\w'\u2019])(?:" + alternation(words("people", "personal_pronoun")) + r")\b"), re.I
)
_DETERMINER_WORDS = frozenset(words("people", "determiner_words"))
#: Verbs whose object is software, not a person ("open Figma", "install Terraform").
_SOFTWARE_VERBS = frozenset(words("people", "software_verbs"))
#: A word right before an unknown capitalised word that makes it a thing, not a name.
_NOT_BEFORE_A_NAME = _DETERMINER_WORDS | _SOFTWARE_VERBS
_NAME_PARTICLE = re.compile(
    r"[ \t]+(?:(?:"
    + alternation(tagged("names", "particle", "typed"))
    + (
        r")[ \t]+)?(?P<word>(?-i:[^\W\d_a-z])(?:[^\W\d_A-Z][\w'\u2019\-]*|\.?))"
        r"(?![\w'\u2019])"
    )
)


def _capitalised_name_word(word: str) -> bool:
    return (
        word[:1].isupper()
        and word[1:].islower()
        and word.lower() not in _stopwords()
        and word.lower() not in _NOT_NAME_WORDS
    )


def _name_run_end(text: str, end: int, limit: int = 3) -> int:
    """The end of the name that starts before ``end``: up to ``limit`` more capitalised words
    or initials, each perhaps after a particle ("Willemine ten Pas", "Ana M. Dias")."""
    for _ in range(limit):
        match = _NAME_PARTICLE.match(text, end)
        if match is None:
            break
        word = match.group("word")
        if word == "I" or (len(word.rstrip(".")) > 1 and not _capitalised_name_word(word)):
            break  # a bare "I" is the pronoun ("Tell Kastner I said hi"), not an initial
        end = match.end()
    return end


def _two_words(word: str, lexicon: frozenset[str]) -> bool:
    """``word`` (lowercase) is two English words of 3+ letters written as one ("dashboard",
    "changelog"): a product or page name. Stricter than ``_compound_word``: the first part
    must be a word as it stands, so "kastner" is not "kas" + "tner"."""
    return any(
        word[:cut] in lexicon
        and (word[cut:] in lexicon or (len(word) - cut >= 5 and known_word(word[cut:], lexicon)))
        for cut in range(3, len(word) - 2)
    )


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    return bool(letters) and sum(c.isupper() for c in letters) > len(letters) // 2


#: A word right before / after a span, one space or tab apart.
_NEIGHBOUR_LEFT = re.compile(r"(?<![\w'\u2019\-])([^\W\d_][\w'\u2019\-]*)[ \t]\Z")
_NEIGHBOUR_RIGHT = re.compile(r"[ \t]([^\W\d_][\w'\u2019\-]*)(?![\w'\u2019\-])")
_STOPWORDS: frozenset[str] | None = None


def _stopwords() -> frozenset[str]:
    global _STOPWORDS
    if _STOPWORDS is None:
        from spacy.lang.en.stop_words import STOP_WORDS

        _STOPWORDS = frozenset(STOP_WORDS) | frozenset(words("people", "stopwords"))
    return _STOPWORDS


_TITLES = frozenset(words("people", "titles"))


def truecase(
    text: str, lexicon: frozenset[str], verbs: frozenset[str] = frozenset()
) -> tuple[str, bytearray]:
    """A copy of ``text`` (same length) with likely names capitalised, for NER on text typed in
    lowercase, and a mask of the characters of the words it capitalised.

    A lowercase word outside the English lexicon (``NerEngine.lexicon``) is likely a name; so
    is a lexicon word next to one ("john kowalski") or after a title ("mr. elliott"). Other
    words keep their case, so sentences still parse as sentences.
    """
    stop = _stopwords()
    words = list(_WORD.finditer(text))
    capitalise = [False] * len(words)
    for i, match in enumerate(words):
        word = match.group()
        if (
            word.islower()
            and len(word) >= 2
            and word not in stop
            and (not lexicon or not known_word(word, lexicon))
            and not _in_code(text, match)
        ):
            capitalise[i] = True
    # A line of two or three plain words and nothing else (a name typed into a form field)
    # is capitalised whole, unless a word is a function word or a verb.
    for line in re.finditer(r"^[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+\.?){1,2}[ \t]*$", text, re.M):
        inside = [i for i, w in enumerate(words) if line.start() <= w.start() < line.end()]
        if all(
            words[i].group().islower()
            and words[i].group() not in stop
            and not is_verb(words[i].group(), verbs)
            and len(words[i].group()) >= 2
            for i in inside
        ):
            for i in inside:
                capitalise[i] = True
    joiners = {"and", "or", "&"}
    for _ in range(2):  # two sweeps: a name's neighbours, then theirs ("miki c kristiansen")
        for i, match in enumerate(words):
            word = match.group()
            if capitalise[i] or not word.islower():
                continue
            before = words[i - 1] if i > 0 else None
            after = words[i + 1] if i + 1 < len(words) else None
            left_name = before is not None and capitalise[i - 1] and _adjacent(text, before, match)
            right_name = after is not None and capitalise[i + 1] and _adjacent(text, match, after)
            if len(word) == 1:
                # An initial between two names; or after a known word that then is a first
                # name ("benjamin a seiler"). It may carry a full stop ("faina d. yefremova").
                right_name = (
                    after is not None
                    and capitalise[i + 1]
                    and _adjacent(text, match, after, allow_dot=True)
                )
                first = (
                    before is not None
                    and _adjacent(text, before, match)
                    and (
                        before.group().islower()
                        and before.group() not in stop
                        and not is_verb(before.group(), verbs)
                        and len(before.group()) >= 2
                    )
                )
                capitalise[i] = right_name and (left_name or first)
                if capitalise[i] and first and before is not None:
                    capitalise[i - 1] = True
                # "daniela c capon": a name, an initial, then a surname English knows too.
                if (
                    left_name
                    and word not in ("a", "i")
                    and after is not None
                    and _adjacent(text, match, after, allow_dot=True)
                    and after.group().islower()
                    and len(after.group()) >= 2
                    and after.group() not in stop
                    and not is_verb(after.group(), verbs)
                ):
                    capitalise[i] = capitalise[i + 1] = True
                continue
            if word in stop and word not in joiners:
                continue
            if word in joiners:
                continue
            after_title = (
                before is not None
                and before.group().lower() in _TITLES
                and _adjacent(text, before, match, allow_dot=True)
            )
            # "john kowalski": a known word right before a name is a first name, unless it is
            # a verb ("add miki", "call ana"); right after a name it is a surname ("ana smith").
            first_name = right_name and not is_verb(word, verbs)
            surname = left_name and not is_verb(word, verbs)
            coordinated = _coordinated_with_name(text, words, capitalise, i)
            if after_title or first_name or surname or coordinated:
                capitalise[i] = True
    out = list(text)
    changed = bytearray(len(text))
    for flag, match in zip(capitalise, words, strict=True):
        if not flag:
            continue
        head = match.group()[0].upper()
        if len(head) == 1:
            out[match.start()] = head
            for k in range(match.start(), match.end()):
                changed[k] = 1
    return "".join(out), changed


_SUFFIX_RULES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ier", "y"),
    ("iest", "y"),
    ("ily", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("ness", ""),
    ("ment", ""),
    ("ful", ""),
    ("less", ""),
    ("able", ""),
    ("ation", "e"),
    ("'s", ""),
    ("\u2019s", ""),
)


_VERB_SUFFIX_RULES = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)


def is_verb(word: str, verbs: frozenset[str]) -> bool:
    """``word`` (lowercase) is a verb form: the verb lexicon holds lemmas and irregular forms
    only, so "shouted" needs the regular inflections (verb ones only: "sager" is no form of
    "sag", nor "miller" of "mill")."""
    return bool(verbs) and known_word(word, verbs, _VERB_SUFFIX_RULES)


def known_word(
    word: str, lexicon: frozenset[str], rules: Sequence[tuple[str, str]] | None = None
) -> bool:
    """``word`` (lowercase) or its stem by regular English inflection is in ``lexicon``."""
    if word in lexicon:
        return True
    for suffix, replacement in _SUFFIX_RULES if rules is None else rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: len(word) - len(suffix)]
            if stem + replacement in lexicon:
                return True
            # doubled consonant: "stopped" -> "stop", "running" -> "run"
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[:-1] in lexicon:
                return True
    return False


def _in_code(text: str, match: re.Match[str]) -> bool:
    """Part of a file name, domain, path or identifier (``file.iso``, ``a/b``, ``x_y``)."""
    before = text[match.start() - 1 : match.start()]
    after = text[match.end() : match.end() + 2]
    return before in (".", "/", "_", "@", ":", "\\", "-", "=", "$") or bool(
        re.match(r"[./_@=:\\(]\w|\d", after)
    )


def _coordinated_with_name(
    text: str, words: Sequence[re.Match[str]], capitalise: list[bool], i: int
) -> bool:
    """``abramovich and wilson``: a word joined by "and"/"or" to a likely name."""
    for j, k in ((i - 2, i - 1), (i + 2, i + 1)):
        if 0 <= j < len(words) and capitalise[j] and words[k].group() in ("and", "or"):
            return True
    return False


def _adjacent(
    text: str, left: re.Match[str], right: re.Match[str], allow_dot: bool = False
) -> bool:
    gap = text[left.end() : right.start()]
    return gap in (" ", "\t") or (allow_dot and gap in (". ", "."))


def _line_around(text: str, span: Span) -> str:
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return text[start : end if end >= 0 else len(text)]


def _has_no_capitals(text: str) -> bool:
    return not any(c.isupper() for c in text)


def _has_lowercase_word(text: str) -> bool:
    return any(w.islower() for w in _WORD.findall(text))


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
        # "Email Jane about it": NER takes the imperative in; the name is what follows.
        first = re.match(r"([^\W\d_][\w\-]*)[ \t]+(?=\S)", text[start:end])
        if first is not None and first.group(1).lower() in _COMMAND_VERBS:
            start += first.end()
    if end <= start:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(start, end, span.entity_type, span.recognizer, span.score)


#: Verbs that start a request about a person ("Call Jane", "Email Tom Berg").
_COMMAND_VERBS = frozenset(words("people", "command_verbs"))


def _keeps_trailing(text: str, start: int, end: int, span: Span) -> bool:
    if span.entity_type == "STREET_ADDRESS" and text[end - 1] == ".":
        # "Király u. 15.": the full stop is part of a Hungarian house number.
        return HUNGARIAN_NUMBER.search(text[max(start, end - 24) : end]) is not None
    # Passwords and secrets are taken verbatim: their punctuation is part of the value.
    return span.entity_type in ("PASSWORD", "SECRET", "URL_CREDENTIAL") and text[end - 1] not in (
        " \t\n\r"
    )


def _propagate(text: str, spans: Sequence[Span]) -> list[Span]:
    """Other occurrences of the words of names already found (``Borkowski`` after
    ``Maciej Borkowski``), case-insensitively, as whole words."""
    words: dict[str, Span] = {}
    stop = _stopwords()
    for span in spans:
        # The unknown-word rule's guesses (often a product: "Redis") are not spread to other
        # uses of the word ("redis-cli", "figma.com").
        if span.entity_type not in _PROPAGATED or span.recognizer == UNKNOWN_WORD:
            continue
        for word in _WORD.findall(text[span.start : span.end]):
            key = word.lower()
            if len(key) >= 3 and key not in stop:
                words.setdefault(key, span)
    if not words:
        return []
    pattern = re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")(?![^\W_])",
        re.I,
    )
    found = []
    for match in pattern.finditer(text):
        origin = words[match.group().lower()]
        found.append(
            Span(
                match.start(),
                match.end(),
                origin.entity_type,
                origin.recognizer,
                origin.score * 0.95,
            )
        )
    return found


#: Words that make a capitalised phrase an organisation or a place rather than a name.
_NOT_NAME_WORDS = frozenset(tagged("names", "not_a_name", "name_phrase"))


def _plausible_name(phrase: str) -> bool:
    """NER sometimes calls code a person (``getUserToken``, ``sha256: 0441...``): a name has
    no digits, no code punctuation inside its words, and is not camelCase. It starts with a
    letter and is not a short all-capitals token ("read -s", "100 GB")."""
    bare = phrase.strip()
    if not bare[:1].isalpha() or (len(bare) <= 3 and bare.isupper() and " " not in bare):
        return False
    for token in phrase.split():
        core = token.strip(".,;:!?\"'()[]")
        if any(c.isdigit() for c in core) or re.search(r"[_@/\\=<>{}|]|\(\)|:\S", core):
            return False
        if len(re.findall(r"[a-z][A-Z]", core)) >= 2:
            return False
    return True


def _compound_word(phrase: str, lexicon: frozenset[str]) -> bool:
    """One word made of two English words ("Changelog", "Dashboard"): a product or a page
    title rather than a name."""
    word = phrase.strip().lower()
    if " " in word or not word.isalpha():
        return False
    return any(
        known_word(word[:cut], lexicon) and known_word(word[cut:], lexicon)
        for cut in range(3, len(word) - 2)
    )


#: Name particles ("van", "de"): a lowercase word a name may hold.
_SHAPE_PARTICLES = frozenset(tagged("names", "particle", "shape"))


def name_shaped(phrase: str, lexicon: frozenset[str]) -> bool:
    """Could ``phrase`` be a person's name by its shape alone (see ``_name_shaped``)?"""
    tokens = [t.strip('.,;:!?"()') for t in phrase.split()]
    tokens = [re.sub(r"['\u2019]s$", "", t) for t in tokens if t]
    if not 1 <= len(tokens) <= 4 or any(any(c.isdigit() for c in t) for t in tokens):
        return False
    unknown = False
    for token in tokens:
        lower = token.lower()
        if lower in _NOT_NAME_WORDS:
            return False
        if lower in _SHAPE_PARTICLES:
            continue
        if not token[:1].isupper():
            return False
        if len(token) > 1 and token.isupper() and not token.endswith("."):
            return False  # an acronym
        if len(token.rstrip(".")) > 1 and not known_word(lower, lexicon):
            unknown = True
    return unknown


_ITEM = r"[^\W\d_][\w'\u2019\-]*(?:[ \t]+[^\W\d_][\w'\u2019\-]*){0,2}"
_LIST_WORDS = alternation(words("people", "list"))
_LIST = re.compile(
    rf"(?<![\w'\u2019\-])(?:{_ITEM}[ \t]*,[ \t]*)*{_ITEM},?[ \t]+(?:and|or|&|{_LIST_WORDS})"
    rf"[ \t]+{_ITEM}"
)


_COUNTED = re.compile(r"(?<![\w.])(\d{1,2})(?:[ \t]+[^\W\d_][\w'\-]*){0,2}[ \t]*:[ \t]*\Z")
_LIST_SEPARATOR = re.compile(
    r"[ \t]*(?:,|&)[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:"
    + alternation(words("people", "list_separator"))
    + r")[ \t]+"
)


def _coordinated(text: str, spans: Sequence[Span]) -> list[Span]:
    """Names listed with a name ("Monjeau, Graves and Reed" when "Graves" is a name): every
    item of such a list is a name too."""
    persons = [s for s in spans if s.entity_type == "PERSON"]
    if not persons:
        return []
    lowercase = not any(c.isupper() for c in text)
    stop = _stopwords()
    found: list[Span] = []
    for match in _LIST.finditer(text):
        items: list[tuple[int, int]] = []
        group = match.group()
        cuts = [(m.start(), m.end()) for m in _LIST_SEPARATOR.finditer(group)]
        bounds = [0] + [c for cut in cuts for c in cut] + [len(group)]
        parts = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
        for number, (part_start, part_end) in enumerate(parts):
            chunk = group[part_start:part_end]
            words = list(_WORD.finditer(chunk))
            # Keep the run of name-like words at the end of the first item and at the start of
            # the others (a list is often preceded and followed by prose).
            ok = [
                (w.group()[:1].isupper() or lowercase) and w.group().lower() not in stop
                for w in words
            ]
            keep: list[re.Match[str]] = []
            if number == 0:
                for w, good in zip(reversed(words), reversed(ok), strict=True):
                    if not good:
                        break
                    keep.insert(0, w)
            else:
                for w, good in zip(words, ok, strict=True):
                    if not good:
                        break
                    keep.append(w)
            if not keep or len(keep) > 3:
                items = []
                break
            base = match.start() + part_start
            items.append((base + keep[0].start(), base + keep[-1].end()))
        if len(items) < 2:
            continue
        named = sum(1 for a, b in items if any(p.start < b and a < p.end for p in persons))
        # "our 3 founders: monjeau, graves and reed": a list announced with its own length is
        # one kind of thing, so one name in it is enough even in lowercase text.
        counted = _COUNTED.search(text, max(0, match.start() - 40), match.start())
        announced = counted is not None and int(counted.group(1)) == len(items)
        if named == 0 or (lowercase and named * 2 < len(items) and not announced):
            continue
        found.extend(Span(a, b, "PERSON", "name_list", 0.6) for a, b in items)
    return found
