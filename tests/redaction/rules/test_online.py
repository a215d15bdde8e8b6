"""True and false cases of the rules in ``redaction/rules/online.py`` (no NER involved).

Online identifiers: handles, channels, repositories, record ids, URLs, lone credentials,
IP and MAC addresses.
"""

from __future__ import annotations

import pytest

from redaction.lexicon import tagged
from tests.redaction.rules.support import found, table_tests

# (rule, text, the value it must find)
TRUE_CASES = [
    ("ip_address", "blocked 179.177.214.91 again", "179.177.214.91"),
    (
        "ip_address",
        "at 6e40:4041:c617:e898:c11:40d2:c669:2eb4",
        "6e40:4041:c617:e898:c11:40d2:c669:2eb4",
    ),
    ("ip_address", "host fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
    ("mac_address", "mac 00:1A:2b:3C:4d:5E", "00:1A:2b:3C:4d:5E"),
    ("handle", "@priya.shah / X", "@priya.shah"),
    ("handle", "DM: aidenpark", "aidenpark"),
    ("channel", "#incidents - 3 unread", "#incidents"),
    ("repository", "src/index.ts — kepler-labs/timer-service", "kepler-labs/timer-service"),
    ("record_id", "cus_OZ87Y6543210 - Stripe", "cus_OZ87Y6543210"),
    ("record_id", "Customer 415555012398765", "415555012398765"),
    ("record_id", "Ticket #1234567 reopened", "1234567"),
    ("repository", "Pull requests · initech/atlas-billing · GitHub", "initech/atlas-billing"),
    ("url", "see https://calendly.com/jane-doe/30min.", "https://calendly.com/jane-doe/30min"),
    ("lone_credential", "Tr0ub4dor&3", "Tr0ub4dor&3"),
    # Short screen cells read the same (why the screen policy turns the rule off).
    ("lone_credential", "Web-2843", "Web-2843"),
    ("lone_credential", "README.md", "README.md"),
    ("lone_credential", "UTC+01:00", "UTC+01:00"),
]

# (rule, text): nothing at or above the default threshold.
FALSE_CASES = [
    ("ip_address", "version 1.2.3.4 is out"),
    ("ip_address", "file 256.1.1.1 is not an address"),
    ("ip_address", "the time is 12:30:45"),
    ("ip_address", "listening on 0.0.0.0 and ::1"),
    ("mac_address", "ff:ff:ff:ff:ff:ff"),
    ("handle", "@param value the value"),
    ("channel", "color #fff and #a0b1c2, #include <stdio.h>"),
    ("repository", "and/or w/o"),
    ("record_id", "in_stock items: 12"),
    ("lone_credential", "Hello,"),
    ("lone_credential", "hello world"),
    ("lone_credential", "2024-01-01"),
    ("lone_credential", "bash-5.2#"),
    ("lone_credential", "EXP-3599"),  # capitals and digits in groups: a reference code
    ("lone_credential", "INV-2024-0042"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)


@pytest.mark.parametrize("host", tagged("online", "code_hosts", "url"))
def test_every_code_host_of_the_lexicon_gives_repository_urls(host: str) -> None:
    assert "initech/atlas-billing" in found("repository", f"see https://{host}/initech/atlas-billing")
    assert found("repository", "see https://example.org/initech/atlas-billing") == []


@pytest.mark.parametrize("host", tagged("online", "code_hosts", "context"))
def test_every_code_host_named_in_a_text_says_it_speaks_of_repositories(host: str) -> None:
    name = host.split(".")[0].title()
    assert found("repository", f"{name} - initech/atlas-billing") == ["initech/atlas-billing"]
    assert found("repository", "Example - initech/atlas-billing") == []
