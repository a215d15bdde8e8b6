"""World identifiers: a table of true and false cases per ID family (values generated once with
benchmarks/identifiers.py's seeded generator and validated by python-stdnum), look-alikes that
must not fire, document numbers after labels, and barcodes that are not cards or phones."""

from __future__ import annotations

import re

import pytest

from redaction.knowledge.identifiers import (
    FAMILIES,
    FAMILIES_BY_ID,
    de_id_card_valid,
    icao_check_digit,
    is_product_code,
    product_code_kind,
    uk_nino_valid,
)
from redaction.rules.contact import PhoneRecognizer
from redaction.rules.financial import CreditCardRecognizer
from redaction.rules.world_ids import DocumentNumberRecognizer, WorldIdRecognizer
from tests.redaction.rules.support import table_tests

VALID = {
    "us_ssn": (
        "377-46-3706",
        "743-30-4452",
        "694-03-9402",
        "790-77-9434",
        "346-15-7682",
        "549-04-1085",
        "272-44-5771",
        "270-77-0717",
        "791-70-2365",
        "180-69-5781",
        "251-18-1306",
        "601-06-2432",
    ),
    "us_itin": (
        "999-70-2152",
        "978-81-7131",
        "984-84-4999",
        "947-79-2526",
        "992-87-3000",
        "997-76-5727",
        "933-86-1463",
        "903-87-6054",
        "902-85-5925",
        "933-73-7907",
        "974-85-1096",
        "975-80-7191",
    ),
    "uk_nino": (
        "GC 11 42 33 B",
        "AB068282B",
        "XC172994C",
        "OA 78 07 98 A",
        "EY125241C",
        "HM 93 80 15 C",
        "ZM531933A",
        "TE056857D",
        "MP 14 91 43 A",
        "HZ452787C",
        "EN 17 27 12 A",
        "NN323563C",
    ),
    "uk_nhs": (
        "436 040 4727",
        "446 756 2559",
        "406 363 9541",
        "445 664 1533",
        "411 211 5431",
        "463 198 4899",
        "404 666 1739",
        "437 850 8095",
        "434 265 3419",
        "421 555 7976",
        "434 134 1928",
        "447 714 1009",
    ),
    "de_idnr": (
        "83 942 658 806",
        "37 829 143 566",
        "91672564084",
        "24 087 613 532",
        "84 003 621 793",
        "73 895 033 611",
        "25 189 506 543",
        "71 682 053 913",
        "73 772 186 547",
        "56329108993",
        "29 734 068 059",
        "18 359 211 069",
    ),
    "de_id_card": (
        "LR0RH1JC6",
        "MFM6TM4V8",
        "MN5474YR00",
        "ZG8L978X52",
        "P49YL35G6",
        "VM3Y1T9H2",
        "F5PCLR217",
        "NCJVPKFG5",
        "LYYJ4VH40",
        "YGZKPYG987",
        "FFZP51221",
        "CJHZ01YV9",
    ),
    "fr_nir": (
        "2 36 09 71 906 622 86",
        "1 25 03 14 715 425 91",
        "2 31 12 28 594 186 84",
        "2 48 07 66 173 499 83",
        "2 53 07 91 914 773 36",
        "2 17 11 89 825 568 40",
        "2 78 02 56 673 054 59",
        "1 48 11 38 120 493 27",
        "1 01 07 01 677 248 89",
        "1 52 01 10 294 334 22",
        "1 31 10 56 744 845 07",
        "2 04 12 01 731 753 78",
    ),
    "es_dni": (
        "07510960-B",
        "47174578-Z",
        "49529182-Q",
        "94956032-A",
        "65749664-R",
        "82767121B",
        "01735563Y",
        "59555722M",
        "45970061F",
        "39233975T",
        "14325688-T",
        "20470061S",
    ),
    "es_nie": (
        "X1544597D",
        "Y0761075L",
        "X3658991J",
        "X0309865D",
        "X0334289F",
        "X7163589D",
        "Y2760649L",
        "Z1460994Q",
        "Z7398346X",
        "Y9776718F",
        "X3116476E",
        "X7571756H",
    ),
    "it_codice_fiscale": (
        "WMTMSM56P59L679E",
        "ZSRKLO81M28E343C",
        "KEICDA93H26F269Z",
        "GPGAGX76R02B518X",
        "SFTSXJ95C46M987J",
        "ZJDFQO04E21D436G",
        "JTMMOH18H25E345A",
        "PPWGKP90S23H632F",
        "PRYKFQ99M14H005G",
        "SAZCXL46T27D448A",
        "SPIXKQ28E66C044Q",
        "QBUGZV97E48G131M",
    ),
    "nl_bsn": (
        "992206753",
        "826658684",
        "250277943",
        "466033497",
        "362831798",
        "937272437",
        "116775312",
        "636011860",
        "505543709",
        "809360433",
        "301814016",
        "479069116",
    ),
    "pl_pesel": (
        "96120743408",
        "99111929920",
        "92091964152",
        "68072565492",
        "74051687084",
        "41122351997",
        "66062358295",
        "79081244249",
        "70101190597",
        "74100635567",
        "94071940796",
        "40021812008",
    ),
    "br_cpf": (
        "980.150.549-40",
        "127.151.934-83",
        "917.374.446-82",
        "644.812.827-11",
        "518.739.914-44",
        "414.208.373-20",
        "746.441.756-92",
        "186.431.657-86",
        "205.631.320-00",
        "307.824.832-16",
        "072.741.375-90",
        "348.955.939-83",
    ),
    "in_aadhaar": (
        "5876 1230 3142",
        "3536 1668 5075",
        "6071 6672 6413",
        "4555 3329 4281",
        "6041 8011 5963",
        "8414 4030 7412",
        "4196 9230 4860",
        "2309 9375 3596",
        "6731 4070 6328",
        "6570 1169 2719",
        "7931 1591 9922",
        "4516 3257 4026",
    ),
    "in_pan": (
        "ACRLD1637A",
        "KTBJR3033I",
        "EVVJO9555M",
        "CXCLR4886E",
        "XSWFN9248K",
        "RKXHT3896W",
        "PTMGG7267C",
        "OORCA4655O",
        "NMFHR2774N",
        "XVLGO5210H",
        "QPSJD5904L",
        "IOLTY9318P",
    ),
    "ca_sin": (
        "448 684 118",
        "457 900 538",
        "236 912 291",
        "246 239 404",
        "453 821 860",
        "534 251 509",
        "482 172 194",
        "603 488 529",
        "327 426 953",
        "650 764 640",
        "174 771 154",
        "371 612 623",
    ),
    "au_tfn": (
        "164 830 581",
        "223 013 055",
        "173 631 954",
        "127 158 659",
        "644 441 672",
        "355 092 591",
        "405 280 835",
        "118 245 658",
        "082 459 723",
        "323 426 713",
        "025 695 015",
        "078 364 953",
    ),
}
INVALID = {
    "us_ssn": (
        "273-00-3569",
        "227-00-4902",
        "195-00-9809",
        "542-00-9353",
        "650-00-8555",
        "782-00-1894",
        "768-00-0264",
        "331-00-2750",
        "277-00-7123",
        "335-64-0000",
        "494-00-0449",
        "329-00-9551",
    ),
    "us_itin": (
        "992-89-7851",
        "963-89-6590",
        "991-89-3756",
        "909-89-7957",
        "986-89-8184",
        "901-89-1095",
        "956-89-1461",
        "977-89-7632",
        "924-89-3255",
        "990-89-0542",
        "946-89-9678",
        "903-89-8592",
    ),
    "uk_nino": (
        "DS 74 94 71 A",
        "DK060041C",
        "DH 78 08 08 A",
        "DH783696C",
        "DA 89 32 24 C",
        "DR454100C",
        "DG 58 15 10 B",
        "DJ 62 98 34 B",
        "KN554352B",
        "DM 62 73 01 D",
        "DT 18 93 28 D",
        "BG 59 86 48 D",
    ),
    "uk_nhs": (
        "433 278 9060",
        "424 613 3638",
        "496 233 3307",
        "421 667 8813",
        "427 717 0731",
        "474 320 6557",
        "403 319 4776",
        "473 930 8739",
        "435 109 7990",
        "428 661 2763",
        "469 445 3398",
        "492 785 0901",
    ),
    "de_idnr": (
        "65 475 308 049",
        "21572558566",
        "42 986 543 491",
        "62 425 599 530",
        "50447504107",
        "62 333 166 156",
        "27404839947",
        "61 286 245 021",
        "69 007 146 987",
        "31539206078",
        "71 665 283 568",
        "46 238 774 739",
    ),
    "de_id_card": (
        "WKH1TMNN20",
        "FN06PR7G30",
        "TW5H593030",
        "TWYTZ9R090",
        "FVPHXMP830",
        "GPK3T7Y830",
        "J6T9MYGH10",
        "WGGLR07W40",
        "MCNWX12N10",
        "T6F3ZLK990",
        "X83LLM9X00",
        "HVW1CYW620",
    ),
    "fr_nir": (
        "1 51 07 89 966 770 30",
        "2 62 02 81 364 897 50",
        "2 83 12 47 685 493 90",
        "1 44 05 72 345 961 40",
        "1 05 06 24 586 304 80",
        "2 52 01 71 648 188 70",
        "2 91 09 28 297 272 00",
        "1 27 11 22 129 646 90",
        "2 50 08 20 371 445 10",
        "2 82 08 71 412 723 20",
        "2 36 03 03 795 216 30",
        "1 36 09 28 467 470 60",
    ),
    "es_dni": (
        "82334050-D",
        "81559860-K",
        "54591000-H",
        "47845810V",
        "60784950-M",
        "43546840W",
        "10197370-F",
        "12681860-P",
        "55409010-X",
        "39864891W",
        "99677560-R",
        "57758900S",
    ),
    "es_nie": (
        "X4529190Z",
        "X8755570F",
        "Z8504740H",
        "Y6452510Q",
        "X6036450D",
        "Z0906490T",
        "Y6449060J",
        "Z6048211C",
        "X4557771K",
        "Y6152230K",
        "Y3610600F",
        "Z2577830K",
    ),
    "it_codice_fiscale": (
        "NMLEOV71E10G040X",
        "YASYTL58C10F140B",
        "MZBKPI90P06C810K",
        "ULTDGJ00H19H050A",
        "BMDEUS91H50B360D",
        "ZIXCAH18L01D820L",
        "XAIUCM02C62F010W",
        "HMOEDR68A44A720U",
        "VVEJDZ31E27H800I",
        "ZJYBNB42M19M900B",
        "VGPZPG67C25A360R",
        "PKBQOR98M22F970V",
    ),
    "nl_bsn": (
        "902133724",
        "588024262",
        "445779361",
        "654935186",
        "441211639",
        "790131252",
        "892566177",
        "121410722",
        "457601473",
        "505150326",
        "654060163",
        "873778038",
    ),
    "pl_pesel": (
        "40021828392",
        "82121533241",
        "97060931628",
        "51050209961",
        "75110167392",
        "85082658600",
        "48012527749",
        "93121923298",
        "90030687051",
        "47071252301",
        "75120642901",
        "71022815461",
    ),
    "br_cpf": (
        "218.808.272-46",
        "815.814.602-54",
        "008.448.757-02",
        "946.014.251-79",
        "830.074.321-21",
        "663.984.369-16",
        "728.883.773-21",
        "528.602.094-59",
        "268.345.381-41",
        "975.186.788-23",
        "184.001.672-80",
        "536.808.330-72",
    ),
    "in_aadhaar": (
        "3565 0834 5066",
        "7084 8873 2202",
        "5108 6213 3720",
        "6036 3739 7907",
        "6888 0613 7244",
        "2659 3949 3008",
        "2576 4947 0740",
        "7277 4090 0113",
        "6160 3331 2706",
        "8235 5404 3228",
        "7649 7135 1455",
        "8146 4876 4548",
    ),
    "in_pan": (
        "NHYTJ0000T",
        "BUDJV0000G",
        "LGFCJ0000M",
        "NHSLG0000P",
        "QPKGV0000O",
        "PPMAN0000S",
        "UXGHT0000J",
        "UUOTN0000V",
        "BNZBO0000D",
        "THNPM0000C",
        "JLIAI0000Q",
        "XVSLW0000L",
    ),
    "ca_sin": (
        "612 758 674",
        "238 611 245",
        "323 292 679",
        "448 629 632",
        "100 567 286",
        "403 357 109",
        "259 436 776",
        "264 498 642",
        "733 920 280",
        "494 632 860",
        "450 871 016",
        "217 278 397",
    ),
    "au_tfn": (
        "307 449 350",
        "631 614 975",
        "599 506 087",
        "792 315 258",
        "513 530 678",
        "617 409 215",
        "960 409 380",
        "678 246 820",
        "161 104 381",
        "526 636 097",
        "164 400 209",
        "713 736 497",
    ),
}

#: (cue word in a sentence, label) per family, as people write them.
CUES = {
    "us_ssn": ("social security number", "SSN"),
    "us_itin": ("ITIN", "ITIN"),
    "uk_nino": ("National Insurance number", "NI number"),
    "uk_nhs": ("NHS number", "NHS No."),
    "de_idnr": ("Steuer-ID", "Steuer-IdNr."),
    "de_id_card": ("Personalausweisnummer", "Ausweisnummer"),
    "fr_nir": ("numéro de sécurité sociale", "N° INSEE"),
    "es_dni": ("DNI", "DNI"),
    "es_nie": ("NIE", "NIE"),
    "it_codice_fiscale": ("codice fiscale", "Codice fiscale"),
    "nl_bsn": ("BSN", "Burgerservicenummer"),
    "pl_pesel": ("PESEL", "PESEL"),
    "br_cpf": ("CPF", "CPF"),
    "in_aadhaar": ("Aadhaar number", "Aadhaar No"),
    "in_pan": ("PAN", "PAN"),
    "ca_sin": ("SIN", "Social Insurance Number"),
    "au_tfn": ("tax file number", "TFN"),
}


def _contexts(family: str, value: str, index: int) -> str:
    cue, label = CUES[family]
    return (
        f"Maria gave us her {cue} {value} when signing up.",
        f"Name: Jan de Vries\n{label}: {value}\nStatus: verified",
        f"Name\t{label}\tCity\nLuca Bianchi\t{value}\tLeeds",
        f"{label}\n{value}",
    )[index % 4]


def _fires(text: str, value: str) -> list[float]:
    start = text.index(value)
    return [
        s.score
        for s in WorldIdRecognizer().find(text)
        if s.start <= start and start + len(value) <= s.end
    ]


FAMILY_TRUE_CASES = [
    (family, _contexts(family, value, i), value)
    for family, values in VALID.items()
    for i, value in enumerate(values)
]
# Invalid checksums without a label: never reported.
FAMILY_FALSE_CASES = [
    (family, f"Reference {value} was processed on Tuesday.", value)
    for family, values in INVALID.items()
    for value in values
]


def test_every_family_has_ten_true_and_ten_false_cases() -> None:
    assert set(VALID) == set(INVALID) == {f.id for f in FAMILIES}
    for family in VALID:
        assert len(VALID[family]) >= 10 and len(INVALID[family]) >= 10
        assert all(FAMILIES_BY_ID[family].is_valid(v) for v in VALID[family])
        assert not any(FAMILIES_BY_ID[family].is_valid(v) for v in INVALID[family])


@pytest.mark.parametrize(("family", "text", "value"), FAMILY_TRUE_CASES)
def test_valid_ids_after_a_cue_fire(family: str, text: str, value: str) -> None:
    scores = _fires(text, value)
    assert scores and max(scores) >= 0.7, (family, text)


@pytest.mark.parametrize(("family", "text", "value"), FAMILY_FALSE_CASES)
def test_invalid_ids_without_a_label_do_not_fire(family: str, text: str, value: str) -> None:
    assert not _fires(text, value), (family, text)


@pytest.mark.parametrize("family", sorted(INVALID))
def test_an_invalid_id_under_its_own_label_still_fires_lower(family: str) -> None:
    """A mistyped ID is still the person's when its label names it."""
    _, label = CUES[family]
    for value in INVALID[family][:3]:
        text = f"{label}: {value}"
        scores = _fires(text, value)
        valid_text = f"{label}: {VALID[family][0]}"
        assert scores and max(scores) < max(_fires(valid_text, VALID[family][0])), text


STANDALONE = ["us_ssn", "us_itin", "uk_nino", "fr_nir", "es_dni", "es_nie",
              "it_codice_fiscale", "br_cpf", "in_pan", "in_aadhaar"]  # fmt: skip
CUE_ONLY = ["uk_nhs", "de_idnr", "de_id_card", "nl_bsn", "pl_pesel", "ca_sin", "au_tfn"]


@pytest.mark.parametrize("family", STANDALONE)
def test_distinctive_shapes_stand_alone(family: str) -> None:
    for value in VALID[family]:
        if family == "br_cpf" or FAMILIES_BY_ID[family].alone_score(value) > 0:
            text = f"Reference {value} was processed."
            assert _fires(text, value), text


@pytest.mark.parametrize("family", CUE_ONLY)
def test_bare_digit_strings_need_a_cue(family: str) -> None:
    for value in VALID[family]:
        assert not _fires(f"Order {value} shipped.", value), value


LOOKALIKES = [
    "Order 100234987 shipped on 2024-03-02.",
    "Invoice total 1 234 567,89 EUR",
    "Build 20240315123 passed all checks.",
    "Version 10.0.19045.3693 installed.",
    "Ticket #48213377 closed.",
    "Coordinates 51.5074, -0.1278",
    "Session 20240101-0930 started",
    "Part no. X7-2245-88 in stock",
    "ISBN 978-3-16-148410-0",
    "Scan the barcode 4006381333931",
    "Call me on 020 7946 0958",
    "Commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
    "The meeting is on 12.03.2024 at 10:30",
    "Phone: +44 20 7946 0958",
    "Total: 12345678901 bytes",
    "ID 12345678",
    "Room 123 456 789",
    "Serial: ABCDE1234F5",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_do_not_fire(text: str) -> None:
    assert not list(WorldIdRecognizer().find(text)), text


def test_validators_written_here() -> None:
    assert uk_nino_valid("AB123456C") and uk_nino_valid("ab 12 34 56 c")
    for bad in ("GB123456A", "QQ123456C", "AB123456E", "DA123456A", "AO123456A"):
        assert not uk_nino_valid(bad), bad
    # The specimen card: document number L01X00T47, MRZ check digit 1 (ICAO 9303).
    assert icao_check_digit("L01X00T47") == 1
    assert de_id_card_valid("L01X00T47") and de_id_card_valid("L01X00T471")
    assert not de_id_card_valid("L01X00T472") and not de_id_card_valid("A01X00T47")


DOCUMENTS_TRUE = [
    ("Reisepass: C01X00T47", "C01X00T47", "PASSPORT"),
    ("Passport number is X1234567", "X1234567", "PASSPORT"),
    ("N° de passeport : 12AB34567", "12AB34567", "PASSPORT"),
    ("Passport\nL898902C3", "L898902C3", "PASSPORT"),
    ("Número de pasaporte: PAA123456", "PAA123456", "PASSPORT"),
    ("Führerschein: B072RRE2I55", "B072RRE2I55", "DRIVER_LICENSE"),
    ("Driving licence: MORGA753116SM9IJ", "MORGA753116SM9IJ", "DRIVER_LICENSE"),
    ("Numéro de permis : 12AB34567", "12AB34567", "DRIVER_LICENSE"),
    ("Patente di guida: U1A2345678", "U1A2345678", "DRIVER_LICENSE"),
    ("Rijbewijsnummer: 5123456789", "5123456789", "DRIVER_LICENSE"),
    ("Kennzeichen: B-MW 1234", "B-MW 1234", "LICENSE_PLATE"),
    ("Licence plate: AB12 CDE", "AB12 CDE", "LICENSE_PLATE"),
    ("Plate\tOwner\nAB12 CDE\tJohn", "AB12 CDE", "LICENSE_PLATE"),
    ("Immatriculation : AB-123-CD", "AB-123-CD", "LICENSE_PLATE"),
    ("Kenteken: 12-ABC-3", "12-ABC-3", "LICENSE_PLATE"),
    ("Targa: AB 123 CD", "AB 123 CD", "LICENSE_PLATE"),
]
DOCUMENTS_FALSE = [
    "Passport photo uploaded",
    "Passport: pending",
    "Version 2.0 build ABC123",
    "Plate: 3 eggs",
    "License: MIT",
    "Licence plate recognition v2",
    "Kennzeichen: unbekannt",
    "Registration: open until 2024",
    "Order AB12 CDE shipped",
    "Permis de conduire : oui",
    "The passport office opens at 9",
    "Reisepass beantragt am 12.03.2024",
]


@pytest.mark.parametrize(("text", "value", "entity"), DOCUMENTS_TRUE)
def test_document_numbers_after_a_label(text: str, value: str, entity: str) -> None:
    spans = [(text[s.start : s.end], s.entity_type) for s in DocumentNumberRecognizer().find(text)]
    assert (value, entity) in spans, spans


@pytest.mark.parametrize("text", DOCUMENTS_FALSE)
def test_no_document_number_without_a_label_or_a_value(text: str) -> None:
    assert not list(DocumentNumberRecognizer().find(text)), text


def _number(text: str) -> tuple[int, int]:
    """The span of the last number written in ``text``."""
    return list(re.finditer(r"(?<![\w-])\d[\d -]*[\dX](?!\w)", text))[-1].span()


PRODUCT_CODES = [
    "9783161484100",  # ISBN-13, Bookland EAN
    "ISBN 978-3-16-148410-0",
    "ISBN: 0-306-40615-2",
    "EAN: 4006381333931",
    "EAN-13 5901234123457",
    "UPC 036000291452",
    "Barcode\n5901234123457",
    "GTIN 00012345600012",
    "EAN-8: 96385074",
    "SKU 4006381333931",
]
NOT_PRODUCT_CODES = [
    "4006381333931",  # a valid EAN-13 but no cue and not a book: may be anything
    "Call 036000291452",
    "card 4111 1111 1111 1111",
    "ISBN 978-3-16-148410-1",  # wrong check digit
    "EAN 4006381333932",
    "+44 20 7946 0958",
    "Phone: 0151 2345 6789",
    "Order 96385074",
    "9783161484101",
    "Ref 0-306-40615-3",
]


@pytest.mark.parametrize("text", PRODUCT_CODES)
def test_barcodes_and_isbns_are_not_personal(text: str) -> None:
    start, end = _number(text)
    assert is_product_code(text, start, end), text
    assert not list(PhoneRecognizer().find(text)), text
    assert not list(CreditCardRecognizer().find(text)), text


@pytest.mark.parametrize("text", NOT_PRODUCT_CODES)
def test_other_numbers_are_not_product_codes(text: str) -> None:
    start, end = _number(text)
    assert product_code_kind(text[start:end], text[:start]) is None, text


def test_cards_and_phones_still_fire() -> None:
    card = "card 4111 1111 1111 1111"
    assert list(CreditCardRecognizer().find(card))
    assert list(PhoneRecognizer().find("Phone: 0151 2345 6789"))


# The registry's table for this family (tests/redaction/rules/test_registry.py): (rule, text,
# value found) and (rule, text with nothing found at the default threshold).
TRUE_CASES = [
    ("world_id", "BSN: 111222333", "111222333"),
    ("world_id", "Codice fiscale RCCMNL83S18D969H", "RCCMNL83S18D969H"),
    ("document_number", "Reisepass: C01X00T47", "C01X00T47"),
    ("document_number", "Kennzeichen: B-MW 1234", "B-MW 1234"),
    ("document_number", "my plate is 01-17022", "01-17022"),  # digits only, in groups
    ("document_number", "car reg TA-794 R", "TA-794 R"),
    ("document_number", "my personal id 010190-123A", "010190-123A"),  # no family's checksum
]
FALSE_CASES = [
    ("world_id", "Order 111222333 shipped"),
    ("world_id", "ISBN 978-3-16-148410-0"),
    ("document_number", "Passport photo uploaded"),
    ("document_number", "registration 2027 opens in May"),  # a bare number is no plate
    ("document_number", "national id card renewal 2027"),  # no six digits
    ("document_number", "Version 2.0 build ABC123"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)
