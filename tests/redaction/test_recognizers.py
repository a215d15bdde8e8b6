"""Each deterministic recognizer on true and false cases (no NER involved)."""

from __future__ import annotations

import pytest

from redaction.models import Span
from redaction.recognizers import REGISTRY, IdentityMatcher, Recognizer, RecognizerRegistry
from redaction.recognizers.financial import iban_valid

RECOGNIZERS = {r.name: r for r in REGISTRY.build()}


def found(name: str, text: str, threshold: float = 0.5) -> list[str]:
    recognizer = RECOGNIZERS[name]
    return [text[s.start : s.end] for s in recognizer.find(text) if s.score >= threshold]


# (recognizer, text, the value it must find)
TRUE_CASES = [
    ("credit_card", "card 4853645434159861 expired", "4853645434159861"),
    ("credit_card", "Visa 4111-1111-1111-1111.", "4111-1111-1111-1111"),
    ("credit_card", "amex 3782 822463 10005", "3782 822463 10005"),
    ("credit_card", "maestro card 630427373398", "630427373398"),
    ("credit_card", "6011000990139424", "6011000990139424"),
    ("iban", "My IBAN is GB59NAWV77136867049356", "GB59NAWV77136867049356"),
    ("iban", "iban de89 3704 0044 0532 0130 00 please", "de89 3704 0044 0532 0130 00"),
    ("ssn", "Here's my SSN: 849-66-3189", "849-66-3189"),
    ("ssn", "social security number 078051120", "078051120"),
    ("email", "mail Zoë.Quist+work@mail.example.co.uk now", "Zoë.Quist+work@mail.example.co.uk"),
    ("phone", "call +41 (0)85 806 98 67", "+41 (0)85 806 98 67"),
    ("phone", "Desk: (898)666-3621x0135", "(898)666-3621x0135"),
    ("phone", "They're not answering at 99 668472", "99 668472"),
    ("phone", "text me on 668 5702", "668 5702"),
    ("phone", "Fax: 9498777106", "9498777106"),
    ("phone", "+447700677662 mobile", "+447700677662"),
    ("ip_address", "blocked 179.177.214.91 again", "179.177.214.91"),
    (
        "ip_address",
        "at 6e40:4041:c617:e898:c11:40d2:c669:2eb4",
        "6e40:4041:c617:e898:c11:40d2:c669:2eb4",
    ),
    ("ip_address", "host fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
    ("mac_address", "mac 00:1A:2b:3C:4d:5E", "00:1A:2b:3C:4d:5E"),
    ("url_credential", "https://bob:s3cret@db.example.com/x", "bob:s3cret"),
    ("url_credential", "https://x.io/cb?code=ab12cd&access_token=zz99yy88", "zz99yy88"),
    ("secret", "key AKIAIOSFODNN7EXAMPLE here", "AKIAIOSFODNN7EXAMPLE"),
    (
        "secret",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    ),
    ("secret", "glpat-xXyYzZ0123456789abcd", "glpat-xXyYzZ0123456789abcd"),
    (
        "secret",
        "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    ),
    ("secret", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
    (
        "secret",
        "OPENAI_API_KEY=sk-proj-Ab3dE5gH7jK9mN1pQ3sT5vW7yZ",
        "sk-proj-Ab3dE5gH7jK9mN1pQ3sT5vW7yZ",
    ),
    (
        "secret",
        "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
        "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
    ),
    (
        "secret",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0I"
        "n0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    ),
    (
        "secret",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYz",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYz",
    ),
    (
        "secret",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
    ),
    ("secret", "api_key = 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d", "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d"),
    ("secret", "token Zq8xK2vN9mR4tY7wB3cF6hJ1pL5sD0gA", "Zq8xK2vN9mR4tY7wB3cF6hJ1pL5sD0gA"),
    ("password", "password: hunter2", "hunter2"),
    ("password", "my pw is Tr0ub4dor&3", "Tr0ub4dor&3"),
    ("password", "pw c0rrect-horse", "c0rrect-horse"),
    ("password", "passcode 4417", "4417"),
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
    ("date", "She was born on 2/8/1935.", "2/8/1935"),
    ("date", "DOB: March 5", "March 5"),
    ("date", "When: 2000-04-16 11:34:35", "2000-04-16 11:34:35"),
    ("labelled_id", "My driver's license number is F162823540116", "F162823540116"),
    ("labelled_id", "passport no: X1234567", "X1234567"),
    ("name_context", "Mr. Leiva flew to Oslo", "Leiva"),
    ("name_context", "Name:    Iva D. Grusová", "Iva D. Grusová"),
    ("name_context", "Regards,\nTom Berg", "Tom Berg"),
    ("name_context", "Marta: see you at 5", "Marta"),
    ("name_context", "What's your last name? Boyle", "Boyle"),
    ("name_context", "Name:    Martim A Pereira", "Martim A Pereira"),
    ("name_context", "The name is wrong, please change it to Sofia Lima", "Sofia Lima"),
    ("name_context", "my name is misspelled, update it to jon smyth", "jon smyth"),
    ("name_cue", "I would like to remove my kid Lukas from the will.", "Lukas"),
    ("name_cue", "i would like to remove my kid selma from the will.", "selma"),
    ("name_cue", 'Mehrudin shouted at Todd: "What are you doing here?"', "Todd"),
    ("name_cue", 'Mehrudin shouted at Todd: "What are you doing here?"', "Mehrudin"),
    ("name_cue", "I'm so jealous! said Gladys to Logan", "Logan"),
    ("name_cue", '"Tube Snake Boogie" by Szabina J Gelencsér', "Szabina J Gelencsér"),
    ("name_cue", "a film directed by Brad L Key", "Brad L Key"),
    ("name_cue", "Then Juliusz A Kwiatkowski lives at 28919 Main St", "Juliusz A Kwiatkowski"),
    ("name_cue", "Have you been to a Ravil G Yefimov concert before?", "Ravil G Yefimov"),
    ("name_cue", "unlike the Jensen novel, it is short", "Jensen"),
    ("name_cue", "Scott is a very sympathetic person.", "Scott"),
    ("name_cue", "Why is Rebecca so impulsive?", "Rebecca"),
    ("name_cue", "Scott had given Belle his address", "Belle"),
    ("name_cue", "Billing address: Ana Dias\n    31401 ul. Słowicza 10", "Ana Dias"),
    ("name_cue", "Scott had given Belle his address", "Scott"),
    ("name_cue", "It rained. Ana Dias gave Tom her keys", "Ana Dias"),
    ("email_name", "leone mazzi\nleonemazzi@rhyta.com", "leone"),
    ("contact_block_name", "Ann Lee\nAcme\n24 Clarke Avenue\nann@x.org", "Ann Lee"),
    ("handle", "@priya.shah / X", "@priya.shah"),
    ("handle", "DM: aidenpark", "aidenpark"),
    ("channel", "#incidents - 3 unread", "#incidents"),
    ("repository", "src/index.ts — kepler-labs/timer-service", "kepler-labs/timer-service"),
    ("record_id", "cus_OZ87Y6543210 - Stripe", "cus_OZ87Y6543210"),
    ("record_id", "Customer 415555012398765", "415555012398765"),
    ("url", "see https://calendly.com/jane-doe/30min.", "https://calendly.com/jane-doe/30min"),
    ("lone_credential", "Tr0ub4dor&3", "Tr0ub4dor&3"),
    # Issue 16's rules (full tables in tests/redaction/rules/).
    ("world_id", "BSN: 111222333", "111222333"),
    ("world_id", "Codice fiscale RCCMNL83S18D969H", "RCCMNL83S18D969H"),
    ("document_number", "Reisepass: C01X00T47", "C01X00T47"),
    ("document_number", "Kennzeichen: B-MW 1234", "B-MW 1234"),
    ("secret_key", "DB_PASSWORD=hunter2", "hunter2"),
    ("secret_key", '"client_secret": "my secret value"', "my secret value"),
    ("birth_date", "Geburtsdatum: 12. März 1985", "12. März 1985"),
    ("birth_date", "Name\tDOB\nJane Smith\t1985-03-12", "1985-03-12"),
    ("command_credential", "mysql -u app -pS3cret42 db", "S3cret42"),
    ("provider_key", "aws key AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
    ("home_path", "cd /home/mkowalski/src", "mkowalski"),
    ("profile_url", "see https://people.example.net/j.virtanen", "https://people.example.net/j.virtanen"),
    ("signoff_name", "Thanks!\n\nBest regards,\nMikko", "Mikko"),
]

# (recognizer, text): nothing at or above the default threshold.
FALSE_CASES = [
    ("credit_card", "order 4853645434159862"),  # Luhn fails
    ("credit_card", "id 1234567890123"),
    ("credit_card", "0000 0000 0000 0000"),
    ("iban", "GB59NAWV77136867049357"),  # mod-97 fails
    ("iban", "XX12 3456 7890"),
    ("ssn", "part 000-12-3456"),
    ("ssn", "room 666-12-3456"),
    ("email", "not an email: ann@localhost or @handle"),
    ("phone", "It was founded in 1977."),
    ("phone", "When: 2000-04-16 11:34:35"),
    ("phone", "total 1 234 567.89"),
    ("phone", "version 3.14.159"),
    ("phone", "at 10:30 on 12/05/2023"),
    ("ip_address", "version 1.2.3.4 is out"),
    ("ip_address", "file 256.1.1.1 is not an address"),
    ("ip_address", "the time is 12:30:45"),
    ("mac_address", "ff:ff:ff:ff:ff:ff"),
    ("secret", "commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"),
    ("secret", "id 123e4567-e89b-12d3-a456-426614174000"),
    ("secret", "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (
        "secret",
        "img data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCA"
        "YAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg"
        "==",
    ),
    ("secret", "path src/components/UserProfileCard.tsx"),
    ("secret", "The token expired, please sign in again"),
    ("secret", "CONSTANT_NAME_FOR_THE_DEFAULT_TIMEOUT"),
    ("url_credential", "https://example.com/docs?page=2&sort=asc"),
    ("password", "Forgot password? Click here"),
    ("password", "the password reset link"),
    ("password", "pin the tab"),
    ("street_address", "Install Windows 10 Pro 2 times"),
    ("street_address", "Meet me at the bar"),
    ("street_address", "a 100 GB Drive"),
    ("street_address", "on 500 GB Storage 2"),
    ("street_address", "Released on 12 March 2024 at 10:00"),
    ("street_address", "Keep getting address 179.177.214.91 blocked"),
    ("street_address", "It was founded in 1977. Since then it grew."),
    ("street_address", "Saved to Google Drive and the Main Street Journal"),
    ("street_address", "We walked on the Street, then to The Road"),
    ("date", "The meeting is on Tuesday."),
    ("date", "It was founded in 1977."),
    ("date", "born to run"),
    ("labelled_id", "license: MIT"),
    ("labelled_id", "account settings"),
    ("name_context", "Here's my SSN: 849"),
    ("name_context", "Subject: hello"),
    ("name_context", "Dear customer, thanks"),
    ("name_context", "WARN: disk almost full"),
    ("name_context", "Hey, can you check the build?"),
    ("name_context", "Thanks, will do"),
    ("name_context", "Space: 3 GB left"),
    ("name_context", "The file name is wrong, change it to Report Final"),
    ("name_context", "Rename the tab and change it to Drafts"),
    ("name_cue", "Buy Plan B Options or Vitamin D Tablets"),
    ("name_cue", "Python is a friendly language"),
    ("name_cue", "Press Ctrl C Twice to exit"),
    ("name_cue", "Press F Key"),
    ("name_cue", "Is Kubernetes so stubborn about ports?"),
    ("name_cue", "Redis is very reliable"),
    ("name_cue", "Send the team your notes"),
    ("name_cue", "my friend, will you come? My son is here."),
    ("name_cue", "The Committee lives at the edge"),
    ("name_cue", "Apple gave Samsung its patents back"),
    ("name_cue", "It rained. The Board had sent Apple its invoice"),
    ("name_cue", "Billing address: 24 Clarke Avenue\n12345 Leeds"),
    ("name_cue", "Shipping address: Ana Dias, Leeds"),
    ("email_name", "contact info@example.org for info"),
    ("contact_block_name", "Meeting Notes\nann@x.org"),
    ("handle", "@param value the value"),
    ("channel", "color #fff and #a0b1c2, #include <stdio.h>"),
    ("repository", "and/or w/o"),
    ("record_id", "in_stock items: 12"),
    ("lone_credential", "Hello,"),
    ("lone_credential", "hello world"),
    ("lone_credential", "2024-01-01"),
    ("world_id", "Order 111222333 shipped"),
    ("world_id", "ISBN 978-3-16-148410-0"),
    ("document_number", "Passport photo uploaded"),
    ("document_number", "Version 2.0 build ABC123"),
    ("secret_key", "TOKEN_URL=https://auth.example.org/token"),
    ("secret_key", "DB_PASSWORD=${DB_PASSWORD}"),
    ("birth_date", "Invoice 2024-03-01 for Maria Keller"),
    ("birth_date", "Expiry date: 12/03/2028"),
    ("command_credential", "docker run -p8080:80 nginx"),
    ("provider_key", "token: abcdefghijklmnopqrst"),
    ("home_path", "cd /home/ubuntu/app"),
    ("profile_url", "https://example.com/pricing"),
    ("signoff_name", "Kind regards,\nThe Support Team"),
]


@pytest.mark.parametrize(("name", "text", "value"), TRUE_CASES)
def test_true_cases(name: str, text: str, value: str) -> None:
    threshold = 0.3 if name in ("url",) else 0.5
    assert value in found(name, text, threshold)


@pytest.mark.parametrize(("name", "text"), FALSE_CASES)
def test_false_cases(name: str, text: str) -> None:
    assert found(name, text) == []


def test_every_recognizer_has_true_and_false_cases() -> None:
    names = set(RECOGNIZERS)
    assert names <= {n for n, *_ in TRUE_CASES}
    assert names - {"url"} <= {n for n, _ in FALSE_CASES}


def test_iban_checksum() -> None:
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert not iban_valid("GB82 WEST 1234 5698 7654 33")


def test_number_patterns_never_run_across_lines() -> None:
    assert all("\n" not in value for value in found("phone", "call 555\n867 5309"))
    assert found("credit_card", "4111 1111\n1111 1111") == []


def test_identity_matcher_matches_parts_of_names() -> None:
    from redaction.denylist import DenyList

    deny = DenyList()
    deny.add("Ann Lee-Smith", "PERSON", "identity")
    matcher = IdentityMatcher(["Project Nightingale"])
    text = "ann  lee-smith and LEE-SMITH on project nightingale"
    spans = list(matcher.find(text, deny))
    assert {text[s.start : s.end].lower() for s in spans} == {
        "ann  lee-smith",
        "lee-smith",
        "project nightingale",
    }


def test_registry_rejects_duplicates_and_unknown_types() -> None:
    registry = RecognizerRegistry()

    class Good(Recognizer):
        name = "good"
        entity_types = frozenset({"PERSON"})

        def find(self, text: str) -> list[Span]:
            return []

    registry.register(Good)
    with pytest.raises(ValueError, match="twice"):
        registry.register(Good)

    class Bad(Good):
        name = "bad"
        entity_types = frozenset({"NOT_A_TYPE"})

    with pytest.raises(ValueError, match="unknown entity types"):
        registry.register(Bad)


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
