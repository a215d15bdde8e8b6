"""True and false cases of the name steps that read English (``redaction/rules/names.py``).

A step that works on spans found before it reads them from the text: each ``[...]`` marks one
(an ORGANIZATION for ``ner_name_shape``, else a PERSON), and the brackets are not part of the
text. What a step "finds" is what it adds or changes: new spans, grown or trimmed ones, words
re-capitalised, a phrase that may be a name (``name_form``) or is only function words
(``function_words``); a span a check drops reads as "".
"""

from __future__ import annotations

import dataclasses
import re

from redaction.models import Span
from redaction.rules.base import Treatment
from redaction.rules.english import WORD, English
from redaction.rules.names import (
    NAME_STEPS,
    AddresseeRule,
    ForeignLanguage,
    LowercaseNameTrim,
    NameGrowth,
    NameShapeRule,
    UnknownWordRule,
    command_line,
    function_words_only,
    name_list,
    plausible_name,
    propagate,
    truecase,
)
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
    ("unknown_word", "This song by ex-Zombie Kastner is a perfect example.", "Kastner"),
    ("unknown_word", "Willemine ten Pas will be talking in the conference", "Willemine ten Pas"),
    ("unknown_word", "Irenka is very reliable. You can always depend on him.", "Irenka"),
    ("unknown_word", "Usamov and Bowers were precision engineers.", "Usamov"),
    ("unknown_word", "Maha Cazares\nChiclana de la Frontera", "Maha Cazares"),
    ("unknown_word", "I met Anna Kastner yesterday", "Anna Kastner"),
    ("unknown_word", "Tell Kastner I said hi", "Kastner"),
    ("chat_addressee", "ask maria about it", "maria"),
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
    ("command_line", "npm run build --[prod]", ""),
    ("command_line", "cat notes.txt | grep [todo]", ""),
    ("name_form", "Ann Lee", "Ann Lee"),
    ("name_form", "Iva D. Grusová", "Iva D. Grusová"),
    ("name_form", "O'Brien-Smith", "O'Brien-Smith"),
    ("name_growth", "Producer Mashuu [Samurakami] said", "Mashuu Samurakami"),
    (
        "name_growth",
        "Ukko Wojcik Usamov Dziedzic Kastner [Cazares] Nekolna Brzeczyszczykiewicz Zbyszko",
        "Usamov Dziedzic Kastner Cazares Nekolna Brzeczyszczykiewicz Zbyszko",
    ),
    ("lowercase_name_trim", "mr. [elliott flew] home", "elliott"),
    ("lowercase_name_trim", "dear [ana smith thanks] for it", "ana smith"),
    ("name_list", "Monjeau, [Graves] and Reed were there", "Monjeau"),
    ("name_list", "Monjeau, [Graves] and Reed were there", "Reed"),
    ("name_list", "our 3 founders: monjeau, [graves] and reed", "monjeau"),
    ("name_propagation", "[Maciej Borkowski] called. Later borkowski said no", "borkowski"),
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
    ("chat_addressee", "email support@example.com today"),
    ("function_words", "Tom Lee"),
    ("function_words", "maria"),
    ("function_words", "Ok Thx"),
    ("foreign_language", "ask [tom] and ana about it"),
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
        spans = [NameGrowth(english).apply(plain, s, Treatment()) for s in seeds]
    elif name == "lowercase_name_trim":
        trim = LowercaseNameTrim(english)
        trimmed = [trim.apply(plain, s, Treatment(end_from_context=True)) for s in seeds]
        spans = [s for s in trimmed if s is not None]
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
