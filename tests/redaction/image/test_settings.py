"""Settings, the screen policy and the URL rule: small pure functions."""

from __future__ import annotations

import json

import pytest

from redaction.image import ImageRedactionSettings, screen_policy
from redaction.image.analysis import screen_check
from redaction.image.screen_words import url_is_sensitive
from redaction.lexicon import tagged


def test_settings_serialise_without_values_and_strictest_turns_everything_on() -> None:
    data = ImageRedactionSettings().to_dict()
    json.dumps(data)  # JSON-able
    assert data["block_px"] >= 8 and data["pad_px"] >= 4
    strict = ImageRedactionSettings.strictest()
    assert strict.handles and strict.channels and strict.repo_paths and strict.url_policy == "all"


def test_screen_policy_turns_off_what_only_fits_typing() -> None:
    from redaction.policy import load_policy

    policy = load_policy("default")
    screen = screen_policy(policy)
    assert policy.ner.recased_pass and not screen.ner.recased_pass
    assert "lone_credential" in screen.disabled_recognizers
    assert screen.entities == policy.entities
    assert screen_policy(screen) == screen


@pytest.mark.parametrize(
    ("url", "sensitive"),
    [
        ("https://docs.python.org/3/library/asyncio.html", False),
        ("https://en.wikipedia.org/wiki/Differential_privacy", False),
        ("https://example.com/invite?token=9f8e7d6c5b4a", True),
        ("https://app.example.com/u/jdoe/settings", True),
        ("https://bob:hunter2@example.com/", True),
        ("https://example.com/reset-password?uid=12345&key=Ab12Cd34Ef56", True),
        ("https://example.com/share/a1B2c3D4e5F6g7H8", True),
        # A tenant subdomain names the employer; the host's shared subdomains do not.
        ("https://initech.atlassian.net/wiki/spaces/ENG/overview", True),
        ("initech.slack.com/archives/CAB12", True),
        ("https://app.slack.com/client", False),
        ("https://www.linkedin.com/in/ada-byron-123", True),
        ("file:///Users/jdoe/Documents/plan.pdf", True),
        ("https://github.com/jdoe/dotfiles", True),
        ("https://github.com/features/actions", False),
        ("https://github.com/python/cpython", False),
    ],
)
def test_url_rule(url: str, sensitive: bool) -> None:
    assert url_is_sensitive(url) is sensitive


@pytest.mark.parametrize(
    ("entity", "text", "recognizer", "verdict"),
    [
        ("STREET_ADDRESS", "19 Mar 2026 12 Jan 2026", "street_address", "drop"),
        ("STREET_ADDRESS", "100 GB", "street_address", "drop"),
        ("STREET_ADDRESS", "Floor 2", "street_address", "drop"),
        ("PERSON", "TODO", "name_context", "drop"),
        ("PERSON", "QA-Team", "ner_name_shape", "drop"),
        ("PERSON", "Jean-Luc", "name_context", "keep"),
        ("STREET_ADDRESS", "221B Baker Street", "street_address", "keep"),
        ("PERSON", "Junk Email", "presidio:SpacyRecognizer", "drop"),
        ("PERSON", "WARN", "name_context", "drop"),
        ("PERSON", "rock remain while", "name_context", "drop"),
        ("PERSON", "Atlas", "presidio:SpacyRecognizer", "confirm"),
        ("PERSON", "Ada Lovelace", "presidio:SpacyRecognizer", "keep"),
    ],
)
def test_screen_checks(entity: str, text: str, recognizer: str, verdict: str) -> None:
    assert screen_check(entity, text, recognizer) == verdict


#: A personal path of each form of ``online.toml``'s ``profile_hosts`` (not ``at_handle``: a
#: URL with an "@" is sensitive on any host).
_PROFILE_PATHS = {
    "in_path": "in/ada-byron",
    "handle": "adabyron",
    "page": "ada-byron",
    "workspace": "ada-byron/roadmap",
}


@pytest.mark.parametrize("form", sorted(_PROFILE_PATHS))
def test_every_profile_host_of_the_lexicon_makes_its_personal_paths_sensitive(form: str) -> None:
    path = _PROFILE_PATHS[form]
    assert not url_is_sensitive(f"https://example.org/{path}")
    for host in tagged("online", "profile_hosts", form):
        assert url_is_sensitive(f"https://{host}/{path}"), host


@pytest.mark.parametrize("host", tagged("online", "code_hosts", "owner_path"))
def test_every_code_host_of_the_lexicon_makes_a_users_repository_sensitive(host: str) -> None:
    assert url_is_sensitive(f"https://{host}/jdoe/dotfiles")
    assert not url_is_sensitive(f"https://{host}/python/cpython")
    assert not url_is_sensitive("https://example.org/jdoe/dotfiles")
