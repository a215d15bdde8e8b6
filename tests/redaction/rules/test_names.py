"""True and false cases of the name steps that read English (``redaction/rules/names.py``).

A step that works on spans found before it reads them from the text: each ``[...]`` marks one
(an ORGANIZATION for ``ner_name_shape``, else a PERSON), and the brackets are not part of the
text. What a step "finds" is what it adds or changes: new spans, grown or trimmed ones, words
re-capitalised, a phrase that may be a name (``name_form``) or is only function words
(``function_words``); a span a check drops reads as "".
"""

from __future__ import annotations

import dataclasses
import importlib.resources
import re

import pytest

from redaction.errors import PolicyError
from redaction.models import RedactionKind, Span
from redaction.policy import Policy, parse_policy
from redaction.rules import REGISTRY
from redaction.rules.base import LanguageStep, Treatment
from redaction.rules.english import WORD, English
from redaction.rules.names import (
    NAME_STEPS,
    AddresseeRule,
    CuedNameGuesses,
    ForeignLanguage,
    GreetingTrim,
    LabelTrim,
    LoneGuess,
    LowercaseNameTrim,
    NameGrowth,
    NameShapeRule,
    SentenceWordTrim,
    UnknownWordRule,
    command_line,
    function_words_only,
    name_list,
    plausible_name,
    propagate,
    truecase,
)
from redaction.text import TextRedactor
from tests.redaction.rules.support import default_text_redactor, table_tests

# (step, text, a value it must find)
TRUE_CASES = [
    ("recasing", "please add miki c kristiansen to the list", "Miki C Kristiansen"),
    ("recasing", "add daniela c capon as guardian", "Daniela C Capon"),
    ("recasing", "tamara sager", "Tamara Sager"),
    ("recasing", "mr. elliott flew home", "Elliott"),
    ("recasing", "benjamin a seiler signed", "Benjamin A Seiler"),
    ("recasing", "faina d. yefremova signed", "Faina D. Yefremova"),
    ("recasing", "john kowalski is here", "John Kowalski"),
    ("recasing", "add miki to the list", "Miki"),
    ("recasing", "abramovich and wilson were there", "Wilson"),
    ("ner_name_shape", "[Tomomi Ishikawa] is from Osaka", "Tomomi Ishikawa"),
    ("ner_name_shape", "Ask [Wojcik] about it", "Wojcik"),
    ("ner_name_shape", "Lunch at [Usamov]'s place", "Usamov"),
    ("unknown_word", "This song by ex-Zombie Kastner is a perfect example.", "Kastner"),
    ("unknown_word", "Willemine ten Pas will be talking in the conference", "Willemine ten Pas"),
    ("unknown_word", "Irenka is very reliable. You can always depend on him.", "Irenka"),
    ("unknown_word", "Usamov and Bowers were precision engineers.", "Usamov"),
    ("unknown_word", "Maha Cazares\nChiclana de la Frontera", "Maha Cazares"),
    ("unknown_word", "I met Anna Kastner yesterday", "Anna Kastner"),
    ("unknown_word", "Tell Kastner I said hi", "Kastner"),
    ("unknown_word", "I saw Willemine M. Dias there", "Willemine M. Dias"),
    ("chat_addressee", "ask maria about it", "maria"),
    ("chat_addressee", "call bob smith tomorrow", "bob smith"),  # names spelt as verbs
    ("chat_addressee", "net met aisling gebeld", "aisling"),  # not "aisling gebeld"
    ("chat_addressee", "email dora cross the contract", "dora cross"),
    ("chat_addressee", "can you ping jonas kowalczyk today", "jonas kowalczyk"),
    ("chat_addressee", "acabo de hablar con ida", "ida"),
    ("chat_addressee", "j'ai parlé avec ola ce matin", "ola"),
    ("chat_addressee", "talked with Zbigniewa yesterday", "Zbigniewa"),
    ("function_words", "lol brb", "lol brb"),
    ("function_words", "idk tbh", "idk tbh"),
    ("foreign_language", "[Chiamare Fátima Padilla] per il contratto", "Fátima Padilla"),
    ("foreign_language", "Ich habe mit [Anna gesprochen]", "Anna"),
    ("foreign_language", "[acabo] de hablar con vicente", ""),
    ("foreign_language", "bin gleich da, [bin gleich]", ""),
    # A particle last on the line or before a function word is a word of its language.
    ("foreign_language", "[bin gleich] da", ""),
    ("foreign_language", "Zug hat 20 [Minuten Verspätung]", ""),  # German capitalises nouns
    ("foreign_language", "Ich habe mit [Anna im Büro] gesprochen", "Anna"),
    ("lone_guess", "[Reifen] wechseln", ""),
    ("lone_guess", "[Perfecto], gracias", ""),
    ("lone_guess", "[Hackathon]", ""),
    ("lone_guess", "[Atlas] migration", ""),
    ("lone_guess", "Pagar la [luz]", ""),  # a given name in lower case in a cased line
    ("lone_guess", "python [dataclass] slots", ""),
    ("command_line", "npm run build --[prod]", ""),
    ("command_line", "cat notes.txt | grep [todo]", ""),
    ("name_form", "Ann Lee", "Ann Lee"),
    ("name_form", "Iva D. Grusová", "Iva D. Grusová"),
    ("name_form", "O'Brien-Smith", "O'Brien-Smith"),
    ("name_growth", "Producer Mashuu [Samurakami] said", "Mashuu Samurakami"),
    ("name_growth", "Chat with Ukko [Wojcik Usamov]", "Ukko Wojcik Usamov"),
    (
        "name_growth",
        "Ukko Wojcik Usamov Dziedzic Kastner [Cazares] Nekolna Brzeczyszczykiewicz Zbyszko",
        "Usamov Dziedzic Kastner Cazares Nekolna Brzeczyszczykiewicz Zbyszko",
    ),
    ("lowercase_name_trim", "mr. [elliott flew] home", "elliott"),
    ("lowercase_name_trim", "dear [ana smith thanks] for it", "ana smith"),
    ("greeting_trim", "[Hallo Brett],\n\nsee you on Monday.", "Brett"),
    ("greeting_trim", "[Dear Sevim Barth],", "Sevim Barth"),
    ("label_trim", "[Requester: Ana Lima] (ana@x.org)", "Ana Lima"),
    ("label_trim", "[Naam: María Graf]", "María Graf"),
    ("sentence_word_trim", "[Dirección de Olivia]: 82 Small Street", "Olivia"),
    ("sentence_word_trim", "[Adresse von Patryk]: aleja Pomorska", "Patryk"),
    # ``{...}`` is a name a cue of any language placed whole; ``[...]`` an English guess.
    ("cued_name_guesses", "[zapytaj {gabriel} o fakturę]", ""),
    ("cued_name_guesses", "[chiedi a {hugues}]", ""),
    ("name_list", "Monjeau, [Graves] and Reed were there", "Monjeau"),
    ("name_list", "Monjeau, [Graves] and Reed were there", "Reed"),
    ("name_list", "our 3 founders: monjeau, [graves] and reed", "monjeau"),
    ("name_propagation", "[Maciej Borkowski] called. Later borkowski said no", "borkowski"),
    ("name_propagation", "I met [Anna Kastner]. kastner is nice", "kastner"),
]

# (step, text): it finds nothing.
FALSE_CASES = [
    ("recasing", "please restart the server tomorrow"),
    ("recasing", "Ana Smith"),
    ("recasing", "call the office and ask"),
    ("ner_name_shape", "[Changelog] was updated"),
    ("ner_name_shape", "the [Dashboard] is slow"),
    ("ner_name_shape", "[IBM] hired more"),
    ("ner_name_shape", "[London Bridge] is busy"),
    ("unknown_word", "Install Ubuntu 22 and restart."),
    ("unknown_word", "Open the Grafana dashboard."),
    ("unknown_word", "Kubernetes restarted the pod."),
    ("unknown_word", "Run it in src/Components/Widget.tsx now"),
    ("unknown_word", "Mount the Ubuntu.iso file"),
    ("unknown_word", "Copy Kastner_backup now"),
    ("unknown_word", "Check the Changelog, then Dashboards or Blogposts"),
    ("unknown_word", "Press OK and then Cancel"),
    ("unknown_word", "ERROR KASTNER FAILED"),
    ("unknown_word", '<Img Src="data:image/png;base64,AAAA">'),
    ("unknown_word", "Call Fetchuser(id) and Kastnerize = 3"),
    ("unknown_word", "Open Figma and restart Nginx"),
    ("unknown_word", "Please install Terraform today"),
    ("unknown_word", "Meanwhile the build failed"),
    ("chat_addressee", "ask him about it"),
    ("chat_addressee", "talk to the team"),
    ("chat_addressee", "call me tomorrow"),
    ("chat_addressee", "call back later"),
    ("chat_addressee", "email support@example.com today"),
    ("function_words", "Tom Lee"),
    ("function_words", "maria"),
    ("function_words", "Ok Thx"),
    ("foreign_language", "ask [tom] and ana about it"),
    ("lone_guess", "[Aurelia Jakiel] kommt morgen"),  # a capital outside a sentence start
    ("lone_guess", "[Maria] called"),  # a known given name
    ("lone_guess", "ask [maria] about it"),  # a known given name, lowercase line
    ("lone_guess", "[MARTA KOWALSKA]"),
    ("lone_guess", "we met [Atlas] at the conference and he told us about the plan ahead"),
    ("foreign_language", "Gracias, [Ana López]"),
    ("foreign_language", "meet [maria] at the station"),
    ("foreign_language", "[Kastner] met Juan de la Cruz at 5"),
    ("foreign_language", "meet [da silva] at the cafe"),
    ("foreign_language", "licence plate for [Ci Lee]"),
    ("foreign_language", "mail [sara] at sara.cole@example.net"),
    ("command_line", "git commit -m 'fix by [Tom]'"),
    ("command_line", "git log --author=[maria]"),
    ("command_line", "please ask [kowalczyk] about it"),
    ("name_form", "getUserToken"),
    ("name_form", "sha256: 0441ab"),
    ("name_form", "-s"),
    ("name_form", "GB"),
    ("name_form", "100 GB"),
    ("name_form", "user_name"),
    ("name_growth", "Meet [Anna] Tomorrow"),
    ("name_growth", "[Anna] IBM"),
    ("lowercase_name_trim", "mr. [Elliott Flew] home"),
    ("lowercase_name_trim", "mr. [elliott] flew"),
    ("greeting_trim", "[Cara Smith] called about the lease"),  # a given name first
    ("greeting_trim", "[Brett] said hello"),
    ("label_trim", "[Marta]: see you at 5"),
    ("label_trim", "[Ana Lima] said: fine"),
    ("sentence_word_trim", "[Maria de Souza] called"),  # a known name first: whole
    ("sentence_word_trim", "We wrote to [Olivia de Souza] today"),  # no sentence start
    ("cued_name_guesses", "[call Anna Berg] and ask {maria}"),  # capitals besides: a name
    ("cued_name_guesses", "[ask tom] and ana"),  # no name a cue found
    ("name_list", "we bought apples, [graves] and pears"),
    ("name_list", "[Graves] left early"),
    ("name_propagation", "[Ann] annotated it"),
    ("name_propagation", "[Al Lee] said al is here"),
]


def _seeded(text: str, entity_type: str, source: str) -> tuple[str, list[Span]]:
    """``text`` without its brackets, and a span for each bracketed part."""
    spans: list[Span] = []
    plain = ""
    for part in re.split(r"(\[[^\]]*\])", text):
        if part.startswith("["):
            spans.append(Span(len(plain), len(plain) + len(part) - 2, entity_type, source, 0.85))
            part = part[1:-1]
        plain += part
    return plain, spans


def _values(text: str, spans: list[Span], seeds: list[Span]) -> list[str]:
    return [text[s.start : s.end] for s in spans if s not in seeds]


def _recased(text: str, english: English) -> list[str]:
    """The runs of words :func:`truecase` re-capitalised (next to each other), as they read
    after it."""
    recased, changed = truecase(text, english.lexicon, english.verbs)
    runs: list[list[re.Match[str]]] = []
    for word in WORD.finditer(recased):
        if not changed[word.start()]:
            continue
        if runs and not recased[runs[-1][-1].end() : word.start()].strip(" \t."):
            runs[-1].append(word)
        else:
            runs.append([word])
    return [recased[run[0].start() : run[-1].end()] for run in runs]


def _cued_guesses(text: str) -> list[str]:
    """What ``cued_name_guesses`` drops of the English guesses ``[...]`` (read as ""), beside
    the names ``{...}`` a cue placed whole."""
    plain = ""
    guesses: list[tuple[int, int]] = []
    cued: list[tuple[int, int]] = []
    opened: dict[str, int] = {}
    for char in text:
        if char in "[{":
            opened[char] = len(plain)
        elif char in "]}":
            start = opened.pop("[" if char == "]" else "{")
            (guesses if char == "]" else cued).append((start, len(plain)))
        else:
            plain += char
    spans = [Span(a, b, "PERSON", "spacy", 0.85) for a, b in guesses]
    spans += [Span(a, b, "PERSON", "cue", 0.85) for a, b in cued]

    def treatment(span: Span) -> Treatment:
        if span.recognizer == "spacy":
            return Treatment(language_guess=True, english_only=True)
        return Treatment(whole_name=True)

    kept = CuedNameGuesses(None).filter(plain, spans, treatment)
    return ["" for s in spans if s.recognizer == "spacy" and s not in kept]


def find(name: str, text: str, threshold: float) -> list[str]:
    """What step ``name`` finds in ``text`` (see the module's docstring)."""
    ner = default_text_redactor().ner
    assert ner is not None
    english = ner.english
    if name == "recasing":
        return _recased(text, english)
    if name == "unknown_word":
        return _values(text, UnknownWordRule(english).find(text), [])
    if name == "name_form":
        return [text] if plausible_name(text) else []
    if name == "function_words":
        return [text] if function_words_only(text) else []
    if name == "chat_addressee":
        return _values(text, AddresseeRule(english).find(text), [])
    if name == "ner_name_shape":
        plain, seeds = _seeded(text, "ORGANIZATION", "presidio")
        return _values(plain, NameShapeRule(english).find(plain, seeds), seeds)
    plain, seeds = _seeded(text, "PERSON", "name_context")
    spans: list[Span]
    if name in ("foreign_language", "command_line"):
        # What it drops reads as "" (removed); what it trims, as the value that stays.
        out = []
        for seed in seeds:
            if name == "command_line":
                kept = None if command_line(plain, seed) else seed
            else:
                kept = ForeignLanguage(english).trim(plain, seed)
            if kept is None:
                out.append("")
            elif kept != seed:
                out.append(plain[kept.start : kept.end])
        return out
    if name == "name_growth":
        spans = [NameGrowth(english).refine(plain, s, Treatment()) for s in seeds]
    elif name == "lowercase_name_trim":
        trim = LowercaseNameTrim(english)
        trimmed = [trim.refine(plain, s, Treatment(end_from_context=True)) for s in seeds]
        spans = [s for s in trimmed if s is not None]
    elif name == "lone_guess":
        refined = [LoneGuess(None).refine(plain, s, Treatment(english_only=True)) for s in seeds]
        return ["" for s, r in zip(seeds, refined, strict=True) if r is None]
    elif name == "label_trim":
        refined = [LabelTrim(None).refine(plain, s, Treatment(language_guess=True)) for s in seeds]
        spans = [s for s in refined if s is not None]
    elif name in ("greeting_trim", "sentence_word_trim"):
        refiner = GreetingTrim(None) if name == "greeting_trim" else SentenceWordTrim(None)
        refined = [refiner.refine(plain, s, Treatment(language_guess=True)) for s in seeds]
        spans = [s for s in refined if s is not None]
    elif name == "cued_name_guesses":
        return _cued_guesses(text)
    elif name == "name_list":
        spans = name_list(plain, seeds)
    else:
        spans = [
            s
            for s in propagate(plain, seeds, lambda s: True)
            if not any(s.start < t.end and t.start < s.end for t in seeds)
        ]
    return _values(plain, spans, seeds)


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES, find)


def test_every_step_has_true_and_false_cases() -> None:
    assert set(NAME_STEPS) == {c[0] for c in TRUE_CASES} == {c[0] for c in FALSE_CASES}


def test_every_step_is_a_language_step_of_the_registry() -> None:
    steps = {c.name for c in REGISTRY.classes() if issubclass(c, LanguageStep)}
    assert steps == set(NAME_STEPS)


def _default_policy(recognizers: str) -> Policy:
    """The default policy with its ``[recognizers]`` ``disabled = []`` line replaced."""
    text = importlib.resources.files("redaction.policies").joinpath("default.toml").read_text()
    assert text.count("disabled = []\n") == 1
    return parse_policy(text.replace("disabled = []\n", recognizers), origin="p.toml")


def _values_under(policy: Policy, text: str, kind: RedactionKind = "text") -> list[str]:
    ner = default_text_redactor().ner
    return [text[s.start : s.end] for s in TextRedactor(policy, ner).analyze(text, kind=kind)]


# (step, a table case's text without its brackets, a value found with the step on (None:
# nothing of it), the value found in its place with the step disabled by name (None: none)).
# Analysed as text; a step whose effect other steps cover there, in a window title (where the
# unknown-word rule is off).
TITLES = {"name_growth"}
DISABLED_CASES = [
    ("recasing", "please add miki c kristiansen to the list", "miki c kristiansen", None),
    ("ner_name_shape", "Lunch at Usamov's place", "Usamov", None),
    ("unknown_word", "This song by ex-Zombie Kastner is a perfect example.", "Kastner", None),
    ("chat_addressee", "ask maria about it", "maria", None),
    ("name_form", "sha256: 0441ab", None, "sha256: 0441ab"),
    ("function_words", "lol brb", None, "lol brb"),
    (
        "foreign_language",
        "Chiamare Fátima Padilla per il contratto",
        "Fátima Padilla",
        "Chiamare Fátima Padilla",
    ),
    ("command_line", "npm run build --prod", None, "npm"),
    ("name_growth", "Chat with Ukko Wojcik Usamov", "Ukko Wojcik Usamov", "Wojcik Usamov"),
    ("lowercase_name_trim", "mr. elliott flew home", "elliott", "elliott flew"),
    ("label_trim", "Requester: Pierangelo Maggioli", None, "Requester"),
    ("greeting_trim", "Hallo Brett,\n\nsee you on Monday.", "Brett", "Hallo Brett"),
    (
        "sentence_word_trim",
        "Dirección de Olivia: 82 Small Street",
        "Olivia",
        "Dirección de Olivia",
    ),
    ("lone_guess", "Hackathon", None, "Hackathon"),
    ("cued_name_guesses", "zapytaj gabriel o fakturę", "gabriel", "zapytaj gabriel o fakturę"),
    ("name_list", "our 3 founders: monjeau, graves and reed", "graves", None),
    ("name_propagation", "I met Anna Kastner. kastner is nice", "kastner", None),
]


@pytest.mark.parametrize(("step", "text", "with_step", "without_step"), DISABLED_CASES)
def test_a_policy_disables_each_step_by_name(
    step: str, text: str, with_step: str | None, without_step: str | None
) -> None:
    kind: RedactionKind = "title" if step in TITLES else "text"
    # lone_guess drops the short lines' lone guesses that several cases are made of: each
    # other step is shown beside it off.
    base = [] if step == "lone_guess" else ["lone_guess"]
    on = _values_under(_default_policy(f"disabled = {base}\n".replace("'", '"')), text, kind)
    off = _values_under(
        _default_policy(f"disabled = {[*base, step]}\n".replace("'", '"')), text, kind
    )
    assert on != off
    for value, here, there in ((with_step, on, off), (without_step, off, on)):
        if value is not None:
            assert value in here and value not in there


def test_every_step_has_a_case_disabled_by_name() -> None:
    assert [c[0] for c in DISABLED_CASES] == list(NAME_STEPS)


def test_a_policy_scores_a_step_that_finds_names_but_not_one_that_refines() -> None:
    text = "Lunch at Usamov's place"
    assert _values_under(_default_policy("disabled = []\n"), text) == ["Usamov"]
    low = _default_policy("disabled = []\nscores = { ner_name_shape = 0.3 }\n")
    assert _values_under(low, text) == []
    for step in ("name_growth", "name_list", "recasing"):
        policy = _default_policy(f"disabled = []\nscores = {{ {step} = 0.3 }}\n")
        with pytest.raises(PolicyError, match="cannot be scored") as error:
            TextRedactor(policy, default_text_redactor().ner)
        assert "\n" not in error.value.message


def test_a_misspelt_step_is_a_one_line_policy_error() -> None:
    policy = _default_policy('disabled = ["name_grow"]\n')
    with pytest.raises(PolicyError, match="unknown recognizers to disable") as error:
        TextRedactor(policy, default_text_redactor().ner)
    assert "\n" not in error.value.message


def test_in_lowercase_typing_an_unknown_word_needs_more_than_itself() -> None:
    ner = default_text_redactor().ner
    assert ner is not None
    rule = UnknownWordRule(ner.english)

    def found(text: str) -> list[str]:
        recased, changed = truecase(text, ner.lexicon, ner.verbs)
        return [text[s.start : s.end] for s in rule.find(recased, changed)]

    assert "usamov" in found("is it on this list? usamov and bowers were engineers.")
    assert found("i just pushed the fix to kubectl yesterday") == []
    assert found('<img src="data:image/png;base64,AAAA">') == []


def test_recasing_leaves_a_verb_after_an_initial() -> None:
    ner = default_text_redactor().ner
    assert ner is not None
    recased, changed = truecase("ask daniela b shouted", ner.lexicon, ner.verbs)
    assert "Shouted" not in recased
    assert len(changed) == len(recased)


def test_guesses_of_a_source_that_does_not_spread_stay_where_they_are() -> None:
    """The unknown-word rule's guesses (often a product) are not spread to other uses of the
    word; a name-shaped NER span is."""
    text = "I talked to Brzeczyszczykiewicz about brzeczyszczykiewicz-cli"
    guess = Span(12, 31, "PERSON", UnknownWordRule.name, 0.5)
    assert not UnknownWordRule.treatment.spreads
    assert propagate(text, [guess], lambda s: s.recognizer != UnknownWordRule.name) == []
    shaped = dataclasses.replace(guess, recognizer=NameShapeRule.name)
    assert propagate(text, [shaped], lambda s: True) != []
