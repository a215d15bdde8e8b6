"""True and false cases of the rules in ``redaction/rules/people.py`` (no NER involved).

Names by their context.
"""

from __future__ import annotations

import pytest

from tests.redaction.rules.support import default_text_redactor, found, table_tests

# (rule, text, the value it must find)
TRUE_CASES = [
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
    # A product word ends it, but the first word is a known given name: may be a person.
    ("contact_block_name", "Grace Lamp\n24 Clarke Avenue\ngrace@x.org", "Grace Lamp"),
    ("name_context", "hello anna", "anna"),
    ("name_context", "Dear Ana, thanks for the notes", "Ana"),
    ("name_context", '"It is the right direction," says Becker.', "Becker"),
    ("name_context", '"Hi," said Ana Lee', "Ana Lee"),
    ("name_context", "What's the name on the account? User: Marcus Paulsen", "Marcus Paulsen"),
    ("name_context", "> Marta Palermo: ok", "Marta Palermo"),
    ("email_name", "Einojuhani Pyysalo <EinojuhaniPyysalo@example.org>", "Pyysalo"),
    ("name_cue", "Jacob lives on 90 Whitchurch Road", "Jacob"),
    ("name_cue", "Zak shouted at Scott", "Zak"),
]

# (rule, text): nothing at or above the default threshold.
FALSE_CASES = [
    ("name_context", "Here's my SSN: 849"),
    ("name_context", "Subject: hello"),
    ("name_context", "Dear customer, thanks"),
    ("name_context", "WARN: disk almost full"),
    # A field's name in another language before its value is a label, not a speaker.
    ("name_context", "Adres: Melanie-Draxler-Straße 60"),
    ("name_context", "Cidade: East Jeffmouth"),
    ("name_context", "Meter: YMD-9418"),
    ("name_context", "Hey, can you check the build?"),
    ("name_context", "Thanks, will do"),
    ("name_context", "Space: 3 GB left"),
    ("name_context", "Einkaufen: Brot, Käse"),  # a list's heading, not a speaker
    ("name_context", "Courses : pain, fromage"),
    ("name_context", "Kennzeichen: XDJ 41E"),  # a label before its value
    ("name_context", "book a slot: https://cal.example.org/jane"),
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
    # An order's item lines over the shipping address: products, not people.
    ("contact_block_name", "Ember Lamp\nAtlas Pro\n24 Clarke Avenue\nann@x.org"),
    # A table's "Last ..." column heading in an admin list, not a name.
    ("contact_block_name", "Last IP\nann@x.org"),
    ("name_context", "hello world"),
    ("name_context", "echo hello, world"),
    ("name_context", "hi again"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)

# (text, what ``name_cue`` finds, whether the text redactor keeps it): a weak cue counts only
# for a word English lacks; a lowercase "name" that starts with a verb is dropped.
WEAK_CUES = [
    ("Warrane, can I please speak to your boss?", "Warrane", True),
    ("Honestly, I think so", "Honestly", False),
    ("the Kowalski family", "Kowalski", True),
    ("the Windows family", "Windows", False),
    ("my son loves football", "loves football", False),
]


@pytest.mark.parametrize(("text", "value", "kept"), WEAK_CUES)
def test_the_text_redactor_keeps_a_weak_cue_only_for_a_word_english_lacks(
    text: str, value: str, kept: bool
) -> None:
    assert value in found("name_cue", text)
    analysed = [text[s.start : s.end] for s in default_text_redactor().analyze(text)]
    assert (value in analysed) is kept
