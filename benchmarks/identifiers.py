"""The identifiers section of ``benchmarks/text_redaction.py``: national, tax and health IDs
of 17 families, generated (valid and invalid checksums) and placed inside sentences, labels
and tables, plus look-alikes that are not personal (barcodes, ISBNs, order numbers, prices).

For each family: recall on valid values by context (a cue word in a sentence, ``Label: value``
in the family's language, a table column, and a bare sentence with no cue), how often a value
with a *wrong* checksum is still hidden when labelled (a mistyped ID is still the person's) and
when not (a false positive), and the same for default Presidio over the same spaCy pipeline in
the same run. A value counts as hidden when every non-space character lies in a redacted span
of any type.

Values are generated here with a seeded ``random.Random`` and validated by python-stdnum; no
data set is read. Run alone::

    nice .venv/bin/python benchmarks/text_redaction.py --only identifiers [--no-anchor]
"""

from __future__ import annotations

import random
import string
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from redaction.knowledge.identifiers import FAMILIES_BY_ID, icao_check_digit
from redaction.models import Span

Generator = Callable[[random.Random], str]


def _digits(rng: random.Random, n: int, first: str = string.digits) -> str:
    return rng.choice(first) + "".join(rng.choice(string.digits) for _ in range(n - 1))


def _groups(value: str, sizes: Sequence[int], sep: str = " ") -> str:
    out, i = [], 0
    for size in sizes:
        out.append(value[i : i + size])
        i += size
    return sep.join(out)


def _gen_ssn(rng: random.Random) -> str:
    return _groups(_digits(rng, 9, "1234567"), (3, 2, 4), "-")


def _gen_itin(rng: random.Random) -> str:
    return _groups("9" + _digits(rng, 2) + rng.choice(["7", "8"]) + _digits(rng, 5), (3, 2, 4), "-")


def _gen_nino(rng: random.Random) -> str:
    first, second = "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
    prefix = rng.choice(first) + rng.choice(second)
    value = prefix + _digits(rng, 6) + rng.choice("ABCD")
    return _groups(value, (2, 2, 2, 2, 1)) if rng.random() < 0.5 else value


def _gen_nhs(rng: random.Random) -> str:
    return _groups(_digits(rng, 10, "4"), (3, 3, 4))


def _gen_idnr(rng: random.Random) -> str:
    value = _digits(rng, 11, "123456789")
    return _groups(value, (2, 3, 3, 3)) if rng.random() < 0.5 else value


def _gen_de_id_card(rng: random.Random) -> str:
    alphabet = "CFGHJKLMNPRTVWXYZ"
    value = rng.choice(alphabet) + "".join(rng.choice(alphabet + string.digits) for _ in range(7))
    value += rng.choice(string.digits)  # the issued numbers end in a digit
    return value + str(icao_check_digit(value)) if rng.random() < 0.3 else value


def _gen_nir(rng: random.Random) -> str:
    body = (
        rng.choice("12")
        + _digits(rng, 2)
        + f"{rng.randint(1, 12):02d}"
        + f"{rng.randint(1, 95):02d}"
        + _digits(rng, 6)
    )
    key = f"{97 - int(body) % 97:02d}"
    return _groups(body + key, (1, 2, 2, 2, 3, 3, 2))


def _gen_dni(rng: random.Random) -> str:
    number = _digits(rng, 8)
    letter = "TRWAGMYFPDXBNJZSQVHLCKE"[int(number) % 23]
    return number + rng.choice(["", "-"]) + letter


def _gen_nie(rng: random.Random) -> str:
    prefix = rng.choice("XYZ")
    number = _digits(rng, 7)
    letter = "TRWAGMYFPDXBNJZSQVHLCKE"[int(str("XYZ".index(prefix)) + number) % 23]
    return prefix + number + letter


def _gen_cf(rng: random.Random) -> str:
    from stdnum.it import codicefiscale

    letters = string.ascii_uppercase
    body = (
        "".join(rng.choice(letters) for _ in range(6))
        + _digits(rng, 2)
        + rng.choice("ABCDEHLMPRST")
        + f"{rng.choice([rng.randint(1, 28), rng.randint(41, 68)]):02d}"
        + rng.choice("ABCDEFGHILM")
        + _digits(rng, 3)
    )
    return body + codicefiscale.calc_check_digit(body)


def _gen_bsn(rng: random.Random) -> str:
    return _digits(rng, 9, "123456789")


def _gen_pesel(rng: random.Random) -> str:
    year, month, day = rng.randint(40, 99), rng.randint(1, 12), rng.randint(1, 28)
    return f"{year:02d}{month:02d}{day:02d}" + _digits(rng, 5)


def _gen_cpf(rng: random.Random) -> str:
    value = _digits(rng, 11)
    return _groups(value[:9], (3, 3, 3), ".") + "-" + value[9:]


def _gen_aadhaar(rng: random.Random) -> str:
    return _groups(_digits(rng, 12, "23456789"), (4, 4, 4))


def _gen_pan(rng: random.Random) -> str:
    letters = string.ascii_uppercase
    return (
        "".join(rng.choice(letters) for _ in range(3))
        + rng.choice("PCHFATBLJG")
        + rng.choice(letters)
        + _digits(rng, 4)
        + rng.choice(letters)
    )


def _gen_sin(rng: random.Random) -> str:
    return _groups(_digits(rng, 9, "1234567"), (3, 3, 3))


def _gen_tfn(rng: random.Random) -> str:
    return _groups(_digits(rng, 9), (3, 3, 3))


@dataclass(frozen=True, slots=True)
class FamilyCase:
    """How to write a family: its generator, the cue word of a sentence, a label in the
    family's language, and the sentence around it."""

    family: str
    generate: Generator
    cue: str
    label: str


CASES: tuple[FamilyCase, ...] = (
    FamilyCase("us_ssn", _gen_ssn, "social security number", "SSN"),
    FamilyCase("us_itin", _gen_itin, "ITIN", "ITIN"),
    FamilyCase("uk_nino", _gen_nino, "National Insurance number", "NI number"),
    FamilyCase("uk_nhs", _gen_nhs, "NHS number", "NHS No."),
    FamilyCase("de_idnr", _gen_idnr, "Steuer-ID", "Steuer-IdNr."),
    FamilyCase("de_id_card", _gen_de_id_card, "Personalausweisnummer", "Ausweisnummer"),
    FamilyCase("fr_nir", _gen_nir, "numéro de sécurité sociale", "N° INSEE"),
    FamilyCase("es_dni", _gen_dni, "DNI", "DNI"),
    FamilyCase("es_nie", _gen_nie, "NIE", "NIE"),
    FamilyCase("it_codice_fiscale", _gen_cf, "codice fiscale", "Codice fiscale"),
    FamilyCase("nl_bsn", _gen_bsn, "BSN", "Burgerservicenummer"),
    FamilyCase("pl_pesel", _gen_pesel, "PESEL", "PESEL"),
    FamilyCase("br_cpf", _gen_cpf, "CPF", "CPF"),
    FamilyCase("in_aadhaar", _gen_aadhaar, "Aadhaar number", "Aadhaar No"),
    FamilyCase("in_pan", _gen_pan, "PAN", "PAN"),
    FamilyCase("ca_sin", _gen_sin, "SIN", "Social Insurance Number"),
    FamilyCase("au_tfn", _gen_tfn, "tax file number", "TFN"),
)

CONTEXTS: dict[str, Callable[[FamilyCase, str, str], str]] = {
    "sentence": lambda c, v, who: f"{who} gave us the {c.cue} {v} when signing up.",
    "label": lambda c, v, who: f"Name: {who}\n{c.label}: {v}\nStatus: verified",
    "table": lambda c, v, who: f"Name\t{c.label}\tCity\n{who}\t{v}\tLeeds\nAda Lee\t-\tYork",
    "bare": lambda c, v, who: f"Reference {v} was processed on Tuesday.",
}
PEOPLE = ("Maria Keller", "Jan de Vries", "Chloé Martin", "Luca Bianchi", "Priya Nair")

#: Look-alikes that are not personal (each must stay visible).
LOOKALIKES = (
    "ISBN 978-3-16-148410-0 is out of print.",
    "Scan the barcode 4006381333931 at the till.",
    "EAN: 5901234123457",
    "UPC 036000291452 (12 oz)",
    "The book 9780306406157 ships Monday.",
    "Order 100234987 shipped on 2024-03-02.",
    "Invoice total 1 234 567,89 EUR",
    "Build 20240315123 passed all checks.",
    "Tracking number 1Z999AA10123456784 delivered.",
    "Version 10.0.19045.3693 installed.",
    "Ticket #48213377 closed.",
    "Coordinates 51.5074, -0.1278",
    "Session 20240101-0930 started",
    "Part no. X7-2245-88 in stock",
    "ISSN 0317-8471",
)


def _value_of(case: FamilyCase, rng: random.Random, valid: bool) -> str:
    """A valid value of the family, or an invalid one of the same shape (its last digit or
    a letter changed, or a wrong check digit added, until the check fails)."""
    family = FAMILIES_BY_ID[case.family]
    for _ in range(10_000):
        value = case.generate(rng)
        if family.is_valid(value):
            if valid:
                return value
        elif not valid and family.pattern.fullmatch(value):
            return value
        if valid:
            continue
        digits = [i for i, ch in enumerate(value) if ch.isdigit()]
        mutations = [value[: digits[-1]] + d + value[digits[-1] + 1 :] for d in "0123456789"]
        mutations += [value + d for d in "0123456789"]
        mutations += [bad + value[1:] for bad in "DFQUV"]
        for mutated in mutations:
            if family.pattern.fullmatch(mutated) and not family.is_valid(mutated):
                return mutated
    raise RuntimeError(f"no {'valid' if valid else 'invalid'} value for {case.family}")


def generate(seed: int = 16, per_family: int = 20) -> list[tuple[str, bool, str, str, str]]:
    """(family, valid, context, text, value) for every family, context and value."""
    rng = random.Random(seed)
    rows = []
    for case in CASES:
        for valid in (True, False):
            for index in range(per_family):
                value = _value_of(case, rng, valid)
                who = PEOPLE[index % len(PEOPLE)]
                for context, template in CONTEXTS.items():
                    rows.append((case.family, valid, context, template(case, value, who), value))
    return rows


def hidden(text: str, spans: Sequence[Span], value: str) -> bool:
    start = text.find(value)
    return start >= 0 and all(
        any(s.start <= i < s.end for s in spans)
        for i in range(start, start + len(value))
        if not text[i].isspace()
    )


#: The recognizers issue 16 added (left out to measure "before").
NEW_RECOGNIZERS = ("world_id", "document_number", "secret_key", "birth_date")
#: The Presidio recognizers the default policy named before issue 16.
PRESIDIO_BEFORE = (
    "CryptoRecognizer", "UsLicenseRecognizer", "UsPassportRecognizer", "NhsRecognizer",
    "MedicalLicenseRecognizer", "UsItinRecognizer",
)  # fmt: skip


def before_redactor(redactor: Any) -> Any:
    """The same policy as ``redactor`` without issue 16's recognizers and Presidio country
    recognizers (a second NER engine over the same model package)."""
    from redaction.nlp import NerEngine
    from redaction.recognizers import REGISTRY
    from redaction.text import TextRedactor

    policy = redactor.policy
    ner = NerEngine(policy.ner, PRESIDIO_BEFORE)
    recognizers = REGISTRY.build(
        disabled=[*policy.disabled_recognizers, *NEW_RECOGNIZERS], wanted=policy.entities
    )
    return TextRedactor(policy, ner, recognizers)


def identifiers_section(
    redactor: Any, presidio: Any, per_family: int = 20, before: Any = None
) -> list[str]:
    """The Markdown lines of the identifiers section (``redactor``: a TextRedactor;
    ``presidio``: default Presidio's AnalyzerEngine or None; ``before``: the redactor without
    issue 16's rules, or None)."""
    rows = generate(per_family=per_family)
    ours: dict[tuple[str, bool, str], list[int]] = defaultdict(lambda: [0, 0])
    theirs: dict[tuple[str, bool, str], list[int]] = defaultdict(lambda: [0, 0])
    old: dict[tuple[str, bool, str], list[int]] = defaultdict(lambda: [0, 0])
    for family, valid, context, text, value in rows:
        key = (family, valid, context)
        ours[key][1] += 1
        ours[key][0] += hidden(text, redactor.analyze(text), value)
        if before is not None:
            old[key][1] += 1
            old[key][0] += hidden(text, before.analyze(text), value)
        if presidio is not None:
            results = presidio.analyze(text=text, language="en")
            theirs[key][1] += 1
            theirs[key][0] += hidden(
                text, [Span(r.start, r.end, "X", "p", r.score) for r in results], value
            )

    def cell(table: dict[tuple[str, bool, str], list[int]], family: str, valid: bool,
             contexts: Sequence[str]) -> str:  # fmt: skip
        got = sum(table[family, valid, c][0] for c in contexts)
        total = sum(table[family, valid, c][1] for c in contexts)
        return f"{got}/{total}" if total else "-"

    cued = ("sentence", "label", "table")
    lines = [
        f"### Identifiers ({len(CASES)} families, {per_family} valid and {per_family} invalid "
        f"values each, in {len(CONTEXTS)} contexts: {len(rows)} texts)",
        "",
        "Hidden = every character of the value inside a redacted span. *cued*: a sentence "
        "naming the ID, `Label: value`, a table column; *bare*: no cue. Valid values should be "
        "hidden (cued always; bare only for distinctive shapes); invalid ones when labelled "
        "(a mistyped ID is still the person's); invalid bare values hidden are false positives.",
        "",
        "| family | valid cued: cuarec | Presidio | valid bare: cuarec | Presidio "
        "| invalid cued: cuarec | Presidio | invalid bare (FP): cuarec | Presidio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for case in CASES:
        f = case.family
        lines.append(
            f"| {f} | {cell(ours, f, True, cued)} | {cell(theirs, f, True, cued)} "
            f"| {cell(ours, f, True, ('bare',))} | {cell(theirs, f, True, ('bare',))} "
            f"| {cell(ours, f, False, cued)} | {cell(theirs, f, False, cued)} "
            f"| {cell(ours, f, False, ('bare',))} | {cell(theirs, f, False, ('bare',))} |"
        )

    def total(table: dict[tuple[str, bool, str], list[int]], valid: bool,
              contexts: Sequence[str]) -> str:  # fmt: skip
        got = sum(v[0] for k, v in table.items() if k[1] == valid and k[2] in contexts)
        n = sum(v[1] for k, v in table.items() if k[1] == valid and k[2] in contexts)
        return f"{got}/{n} = {got / n:.3f}" if n else "-"

    lines += [
        f"| **all** | {total(ours, True, cued)} | {total(theirs, True, cued)} "
        f"| {total(ours, True, ('bare',))} | {total(theirs, True, ('bare',))} "
        f"| {total(ours, False, cued)} | {total(theirs, False, cued)} "
        f"| {total(ours, False, ('bare',))} | {total(theirs, False, ('bare',))} |",
    ]
    if before is not None:
        lines += [
            f"| *cuarec before issue 16* | {total(old, True, cued)} | "
            f"| {total(old, True, ('bare',))} | | {total(old, False, cued)} | "
            f"| {total(old, False, ('bare',))} | |",
        ]
    lines += [
        "",
        "| look-alike (not personal) | cuarec hides | Presidio hides |",
        "|---|---|---|",
    ]
    flagged_ours = flagged_theirs = 0
    for text in LOOKALIKES:
        spans = redactor.analyze(text)
        ours_hit = [
            text[s.start : s.end]
            for s in spans
            if any(ch.isdigit() for ch in text[s.start : s.end])
        ]
        theirs_hit: list[str] = []
        if presidio is not None:
            theirs_hit = [
                text[r.start : r.end]
                for r in presidio.analyze(text=text, language="en")
                if any(ch.isdigit() for ch in text[r.start : r.end])
            ]
        flagged_ours += bool(ours_hit)
        flagged_theirs += bool(theirs_hit)
        lines.append(
            f"| `{text}` | {', '.join(ours_hit) or '-'} | {', '.join(theirs_hit) or '-'} |"
        )
    lines += [
        f"| **flagged** | {flagged_ours}/{len(LOOKALIKES)} | "
        + (f"{flagged_theirs}/{len(LOOKALIKES)} |" if presidio is not None else "- |"),
    ]
    return lines
