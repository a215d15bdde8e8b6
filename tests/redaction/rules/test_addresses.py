"""True and false cases of the rules in ``redaction/rules/addresses.py`` (no NER involved).

Street addresses.
"""

from __future__ import annotations

from tests.redaction.rules.support import found, table_tests

# (rule, text, the value it must find)
TRUE_CASES = [
    # "address to" introduces one ("updated the delivery address to ...").
    ("street_address", "We updated the delivery address to Jenssenengen 77 today.",
     "Jenssenengen 77"),
    # Lowercase words before a capitalised street name are not part of it.
    ("street_address", "we updated the delivery address to Sibilla-Krein-Weg 85-47 and will call",
     "Sibilla-Krein-Weg 85-47"),
    (
        "street_address",
        "Meet me at 5100 Quadra 104\n Suite 845\n Evionnaz\n Switzerland 05377",
        "5100 Quadra 104\n Suite 845\n Evionnaz\n Switzerland 05377",
    ),
    ("street_address", "ship to 24 Clarke Avenue, Leeds", "24 Clarke Avenue, Leeds"),
    ("street_address", "PSC 6695, Box 2353\nAPO AP 20849", "PSC 6695, Box 2353\nAPO AP 20849"),
    ("street_address", "The bus station is on Villacher Strasse 89", "Villacher Strasse 89"),
    ("street_address", "address: 36 rue de pologne, lyon", "36 rue de pologne, lyon"),
    (
        "street_address",
        "Please return to 6639 Canónigo Valiño 70\n Almussafes\n Spain 97197 in case of need",
        "6639 Canónigo Valiño 70\n Almussafes\n Spain 97197",
    ),
    (
        "street_address",
        "It is at 704 1436 Redbud Drive\nCite Essanaouber\n, 32\n 60810. It serves food",
        "704 1436 Redbud Drive\nCite Essanaouber\n, 32\n 60810",
    ),
    (
        "street_address",
        "billing address: 27534 Þorsteinsgata 63\nMOSS\n, ON\n 51971 for this card",
        "27534 Þorsteinsgata 63\nMOSS\n, ON\n 51971",
    ),
    (
        "street_address",
        "meet you at 25615 Tawastintie 72 Apt. 004\nKNIVSTA, ab 18237 after the concert.",
        "25615 Tawastintie 72 Apt. 004\nKNIVSTA, ab 18237",
    ),
    (
        "street_address",
        "The address is 928 Leoforos 14\n Suite 112\n \u2206ROSIA\n Cyprus (Greek) 51034",
        "928 Leoforos 14\n Suite 112\n \u2206ROSIA\n Cyprus (Greek) 51034",
    ),
    ("street_address", "The office is at Király u. 15.", "Király u. 15."),
    ("street_address", "Árpád fejedelem útja 3.", "Árpád fejedelem útja 3."),
    ("street_address", "Kálmán Imre u. 12.", "Kálmán Imre u. 12."),
    ("street_address", "I live at 12 Bay St now", "12 Bay St"),
    ("street_address", "Rue de Virton 38, 6769 Meix", "Rue de Virton 38, 6769 Meix"),
    ("street_address", "She lives on Via Roma 131", "Via Roma 131"),
    ("street_address", "send it to ul. Chrzanowska 12", "ul. Chrzanowska 12"),
    ("street_address", "1593 Pagari 18", "1593 Pagari 18"),
    ("street_address", "353 Buerlia 227", "353 Buerlia 227"),
    ("street_address", "20789 allika 46", "20789 allika 46"),
    ("street_address", "Meet at Oak & Elm Street 5", "Oak & Elm Street 5"),
    (
        "street_address",
        "the corner of Main Street and Elm Road",
        "the corner of Main Street and Elm Road",
    ),
    ("street_address", "12 High St\n082 490 1693-Office", "12 High St"),
    ("street_address", "Lindenweg 4\n\nGermany 12345", "Lindenweg 4\n\nGermany 12345"),
    ("street_address", "0912 P.O. Box 287", "0912 P.O. Box 287"),
    ("street_address", "Suite 4", "Suite 4"),
    (
        "street_address",
        "Send it to Hanne and ul. Więckowskiego 28",
        "Hanne and ul. Więckowskiego 28",
    ),
    ("street_address", "the early shows on Marina Fort Street were great", "Marina Fort Street"),
    (
        "street_address",
        "billing address with Serenade Opus 420 Gairbekov Rapids\n Apt. 576",
        "Serenade Opus 420 Gairbekov Rapids\n Apt. 576",
    ),
    ("street_address", "Rose Cottage 12 High Street, Leeds", "Rose Cottage 12 High Street, Leeds"),
]

# (rule, text): nothing at or above the default threshold.
FALSE_CASES = [
    ("street_address", "Install Windows 10 Pro 2 times"),
    ("street_address", "meet me at the bar"),
    ("street_address", "Meet me at the bar"),
    ("street_address", "a 100 GB Drive"),
    ("street_address", "please address to the manager by 5 June"),
    ("street_address", "on 500 GB Storage 2"),
    ("street_address", "Released on 12 March 2024 at 10:00"),
    ("street_address", "Keep getting address 179.177.214.91 blocked"),
    ("street_address", "It was founded in 1977. Since then it grew."),
    ("street_address", "Saved to Google Drive and the Main Street Journal"),
    ("street_address", "We walked on the Street, then to The Road"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)


def test_an_address_block_does_not_take_a_next_line_without_a_postcode() -> None:
    text = "Meet me at 24 Clarke Avenue\nCall me tomorrow"
    assert set(found("street_address", text)) == {"24 Clarke Avenue"}


def test_an_address_block_takes_short_comma_lines_only() -> None:
    # a line that starts with a comma continues the block only as one short word
    assert set(found("street_address", "at 24 Clarke Avenue\n, see you there")) == {
        "24 Clarke Avenue"
    }
    assert set(found("street_address", "at 24 Clarke Avenue\nLeeds, see you soon")) == {
        "24 Clarke Avenue"
    }


def test_a_building_name_is_taken_only_right_before_the_number() -> None:
    assert set(found("street_address", "Call Paul at 12 Baker Street")) == {"12 Baker Street"}
    assert set(found("street_address", "The address of Acme is 12 Baker Street")) == {
        "12 Baker Street"
    }
    assert set(found("street_address", "ship to 12 Baker Street", 0.5)) == {"12 Baker Street"}


def test_rooms_and_floors_alone_are_not_an_address() -> None:
    """A room or a floor names a place inside a building; with a street it stays part of the
    address."""
    for text in ("Meeting in Room 12B, 4th floor", "room 204 on floor 3", "Office 12, Level 3"):
        assert found("street_address", text) == [], text
    assert found("street_address", "Meet at 24 Clarke Avenue, 3rd floor") != []
