"""Identifiers of the world: national, tax and health IDs validated by python-stdnum, and the
product codes (EAN/UPC barcodes, ISBNs) that are *not* personal.

Each :class:`IdFamily` says how the identifier is written (``shapes``: a regex and the score
it earns with no cue at all, 0 when it never stands alone), how it is validated (stdnum's
``is_valid``: checksums, dates, ranges; written here only where stdnum has no module: the UK
National Insurance number's format and the German identity card's ICAO 9303 check digit), and
the words that cue it (the identifier's own name and abbreviation), on top of the label lexicon's
national-ID, ID-card and medical-record concepts.

A digit string that passes a 1-in-10 checksum is no evidence alone: those families have shape
scores of 0 and are reported only after a cue (see ``redaction.rules.world_ids``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from stdnum import ean, isbn
from stdnum.au import tfn
from stdnum.br import cpf
from stdnum.ca import sin
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.gb import nhs
from stdnum.in_ import aadhaar, pan
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.us import itin, ssn

from redaction.knowledge.labels import normalise_label
from redaction.lexicon import alternation, words


@dataclass(frozen=True, slots=True)
class Shape:
    """One way an identifier is written: a regex (no anchors, no boundaries) and the score a
    valid value of this shape earns with no cue (0: never reported without one)."""

    regex: str
    alone: float
    flags: int = 0


@dataclass(frozen=True, slots=True)
class IdFamily:
    """One kind of identifier: ``id`` (``"de_idnr"``), a human ``title``, the ISO ``country``,
    the ``entity_type`` its values are, how it is written, how it is validated, and the words
    that name it (lowercase; matched as whole words, case-free)."""

    id: str
    title: str
    country: str
    entity_type: str
    shapes: tuple[Shape, ...]
    validate: Callable[[str], bool]
    cues: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        """All shapes as one regex with boundaries; group ``value``."""
        return _family_pattern(self.shapes)

    def alone_score(self, value: str) -> float:
        """The no-cue score of ``value`` (its first matching shape's)."""
        for shape in self.shapes:
            if re.fullmatch(shape.regex, value, shape.flags):
                return shape.alone
        return 0.0

    def is_valid(self, value: str) -> bool:
        try:
            return bool(self.validate(value))
        except Exception:  # stdnum raises on odd input; invalid is the answer
            return False


@functools.cache
def _family_pattern(shapes: tuple[Shape, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w\-./])(?P<value>"
        + "|".join(f"(?:{s.regex})" for s in shapes)
        + r")(?![\w\-/]|\.\w)",
        shapes[0].flags,
    )


def cue_names_family(label: str, family: IdFamily) -> bool:
    """True when ``label`` (a cue as found in text) names ``family`` ("BSN", "Steuer-IdNr.")."""
    words = f" {_normalised(label)} "
    return any(f" {_normalised(cue)} " in words for cue in family.cues)


def _normalised(text: str) -> str:
    return normalise_label(text)


# ---- validators stdnum has no module for ---------------------------------------------------

_NINO = re.compile(
    rf"(?!{alternation(words('knowledge_identifiers', 'uk_nino_not_prefixes'))})"
    r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]"
)


def uk_nino_valid(value: str) -> bool:
    """The UK National Insurance number's format (HMRC: two prefix letters, not D, F, I, Q,
    U, V, the second not O; not BG, GB, KN, NK, NT, TN, ZZ; six digits; suffix A-D). There is
    no check digit."""
    return bool(_NINO.fullmatch(value.upper()))


_ICAO_VALUES: Final = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}}


def icao_check_digit(value: str) -> int:
    """The ICAO 9303 check digit of ``value`` (digits and capital letters; weights 7, 3, 1)."""
    return sum(_ICAO_VALUES[c] * (7, 3, 1)[i % 3] for i, c in enumerate(value)) % 10


def de_id_card_valid(value: str) -> bool:
    """A German identity card (nPA) number: nine characters of the alphabet the
    Bundesdruckerei uses (no vowels, no B, D, Q, S), optionally followed by the ICAO 9303 check
    digit of the machine-readable zone, which is then verified. The nine characters alone carry
    no check digit (the specimen card's L01X00T47 has its check digit, 1, only in the MRZ)."""
    value = value.upper()
    if not re.fullmatch(r"[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d?", value):
        return False
    return len(value) == 9 or icao_check_digit(value[:9]) == int(value[9])


_OMOCODE = "[0-9LMNPQRSTUV]"

#: The identifier families, by id.
FAMILIES: Final[tuple[IdFamily, ...]] = (
    IdFamily(
        "us_ssn", "US Social Security number", "US", "NATIONAL_ID",
        (Shape(r"\d{3}-\d{2}-\d{4}", 0.85), Shape(r"\d{3} \d{2} \d{4}", 0.0),
         Shape(r"\d{9}", 0.0)),
        ssn.is_valid, ("ssn", "social security"),
    ),
    IdFamily(
        "us_itin", "US Individual Taxpayer Identification Number", "US", "NATIONAL_ID",
        (Shape(r"9\d{2}-\d{2}-\d{4}", 0.85), Shape(r"9\d{8}", 0.0)),
        itin.is_valid, ("itin", "taxpayer identification"),
    ),
    IdFamily(
        "uk_nino", "UK National Insurance number", "GB", "NATIONAL_ID",
        (Shape(r"[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]", 0.85),),
        uk_nino_valid, ("nino", "national insurance", "ni number", "ni no"),
    ),
    IdFamily(
        "uk_nhs", "UK NHS number", "GB", "MEDICAL_ID",
        (Shape(r"\d{3}[ -]?\d{3}[ -]?\d{4}", 0.0),),
        nhs.is_valid, ("nhs",),
    ),
    IdFamily(
        "de_idnr", "German tax ID (Steuer-IdNr.)", "DE", "NATIONAL_ID",
        (Shape(r"\d{2} ?\d{3} ?\d{3} ?\d{3}", 0.0),),
        idnr.is_valid,
        words("knowledge_identifiers", "de_idnr_cues"),
    ),
    IdFamily(
        "de_id_card", "German identity card number", "DE", "NATIONAL_ID",
        (Shape(r"[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d?", 0.0),),
        de_id_card_valid,
        ("personalausweis", "personalausweisnummer", "ausweisnummer", "ausweis-nr", "ausweis"),
    ),
    IdFamily(
        "fr_nir", "French social security number (NIR/INSEE)", "FR", "NATIONAL_ID",
        (Shape(r"[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}",
               0.85, re.I),),
        nir.is_valid, ("nir", "insee", "sécurité sociale", "securite sociale", "n° ss"),
    ),
    IdFamily(
        "es_dni", "Spanish DNI", "ES", "NATIONAL_ID",
        (Shape(r"\d{8}[ -]?[A-Z]", 0.85),),
        dni.is_valid, ("dni", "nif", "documento nacional de identidad"),
    ),
    IdFamily(
        "es_nie", "Spanish NIE", "ES", "NATIONAL_ID",
        (Shape(r"[XYZ][ -]?\d{7}[ -]?[A-Z]", 0.9),),
        nie.is_valid, ("nie", "número de identidad de extranjero"),
    ),
    IdFamily(
        "it_codice_fiscale", "Italian codice fiscale", "IT", "NATIONAL_ID",
        (Shape(rf"[A-Z]{{6}}{_OMOCODE}{{2}}[A-Z]{_OMOCODE}{{2}}[A-Z]{_OMOCODE}{{3}}[A-Z]", 0.95,
               re.I),),
        codicefiscale.is_valid, ("codice fiscale", "cod. fiscale", "c.f.", "cf"),
    ),
    IdFamily(
        "nl_bsn", "Dutch citizen service number (BSN)", "NL", "NATIONAL_ID",
        (Shape(r"\d{9}", 0.0), Shape(r"\d{4}\.\d{2}\.\d{3}", 0.0),
         Shape(r"\d{3} \d{3} \d{3}", 0.0)),
        bsn.is_valid, ("bsn", "burgerservicenummer", "sofinummer", "sofi-nummer"),
    ),
    IdFamily(
        "pl_pesel", "Polish PESEL", "PL", "NATIONAL_ID",
        (Shape(r"\d{11}", 0.0),),
        pesel.is_valid, ("pesel",),
    ),
    IdFamily(
        "br_cpf", "Brazilian CPF", "BR", "NATIONAL_ID",
        (Shape(r"\d{3}\.\d{3}\.\d{3}-\d{2}", 0.9), Shape(r"\d{11}", 0.0)),
        cpf.is_valid, ("cpf", "cadastro de pessoas físicas"),
    ),
    IdFamily(
        "in_aadhaar", "Indian Aadhaar number", "IN", "NATIONAL_ID",
        (Shape(r"[2-9]\d{3} \d{4} \d{4}", 0.5), Shape(r"[2-9]\d{3}-\d{4}-\d{4}", 0.5),
         Shape(r"[2-9]\d{11}", 0.0)),
        aadhaar.is_valid, ("aadhaar", "aadhar", "uidai", "uid"),
    ),
    IdFamily(
        "in_pan", "Indian Permanent Account Number (PAN)", "IN", "NATIONAL_ID",
        (Shape(r"[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]", 0.8),),
        pan.is_valid, ("pan", "permanent account number", "pan card"),
    ),
    IdFamily(
        "ca_sin", "Canadian Social Insurance Number", "CA", "NATIONAL_ID",
        (Shape(r"\d{3}[ -]?\d{3}[ -]?\d{3}", 0.0),),
        sin.is_valid, ("sin", "social insurance", "nas", "numéro d'assurance sociale"),
    ),
    IdFamily(
        "au_tfn", "Australian Tax File Number", "AU", "NATIONAL_ID",
        (Shape(r"\d{3} ?\d{3} ?\d{2,3}", 0.0),),
        tfn.is_valid, ("tfn", "tax file number"),
    ),
)  # fmt: skip

FAMILIES_BY_ID: Final = {family.id: family for family in FAMILIES}


# ---- product codes: not personal -----------------------------------------------------------

#: Words that say a number is a product code (barcode, book number, stock unit).
PRODUCT_CUES: Final = re.compile(
    r"(?<![^\W_])(?:isbn(?:-1[03])?|ean(?:-?1[3]|-?8)?|upc(?:-a)?|gtin(?:-1[234])?|"
    r"art\.?[ \t]?-?nr\.?|article (?:no|number)|item (?:no|number|code)|code[- ]barre|"
    + alternation(words("knowledge_identifiers", "product_cues"), spaces=" ")
    + r")(?![^\W_])",
    re.I,
)
_ISBN_WRITTEN = re.compile(r"^(?:97[89][- ])?\d{1,5}[- ]\d{1,7}[- ]\d{1,7}[- ][\dX]$")


def product_code_kind(value: str, before: str = "") -> str | None:
    """``"isbn"``, ``"ean"`` or ``"upc"`` when ``value`` (as written) is a product code, else
    None. ``before`` is the text just before it (a cue such as "ISBN", "EAN", "barcode").

    Without a cue only the unmistakable ones count: a valid 13-digit EAN of the book ranges
    (978/979, "Bookland"), or an ISBN written with its hyphen groups. With a cue, any valid
    EAN-8, UPC-A (12), EAN-13, GTIN-14 or ISBN-10.
    """
    compact = re.sub(r"[ \t-]", "", value)
    cued = bool(PRODUCT_CUES.search(before[-40:]))
    if len(compact) == 13 and compact.startswith(("978", "979")) and isbn.is_valid(compact):
        return "isbn"
    if _ISBN_WRITTEN.match(value) and isbn.is_valid(compact):
        return "isbn"
    if not cued:
        return None
    if len(compact) == 10 and isbn.is_valid(compact):
        return "isbn"
    if compact.isdigit() and len(compact) in (8, 12, 13, 14) and ean.is_valid(compact):
        return "upc" if len(compact) == 12 else "ean"
    return None


def is_product_code(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a barcode or ISBN (see :func:`product_code_kind`):
    not personal, so never a card or a phone number."""
    return product_code_kind(text[start:end], text[max(0, start - 40) : start]) is not None
