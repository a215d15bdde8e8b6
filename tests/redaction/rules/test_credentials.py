"""Credentials in commands and URLs, provider keys, home paths, profile URLs: tables of values
that must be found (with their type) and of look-alikes that must not fire, per rule."""

from __future__ import annotations

import pytest

from redaction.rules.base import Rule
from redaction.rules.credentials import (
    CommandCredentialRecognizer,
    HomePathRecognizer,
    ProfileUrlRecognizer,
    ProviderKeyRecognizer,
)
from tests.redaction.rules.support import table_tests


def found(rule: Rule, text: str) -> set[tuple[str, str]]:
    return {(text[s.start : s.end], s.entity_type) for s in rule.find(text)}


COMMAND_TRUE = [
    ("mysql -u admin -pS3cretPass42 shop", "S3cretPass42", "PASSWORD"),
    ("mysqldump -uroot -p'hunter2x' db", "'hunter2x'", "PASSWORD"),
    ("app --password Hunter22 --verbose", "Hunter22", "PASSWORD"),
    ("app --password='s3cr3t pass'", "s3cr3t pass", "PASSWORD"),
    ("sshpass -p 'Tr0ub4dor3' ssh deploy@10.0.0.5", "Tr0ub4dor3", "PASSWORD"),
    ("sshpass -pTr0ub4dor3 scp a b:", "Tr0ub4dor3", "PASSWORD"),
    ("curl -u jsmith:hunter2pass https://api.example.com", "jsmith", "USERNAME"),
    ("curl -u jsmith:hunter2pass https://api.example.com", "hunter2pass", "PASSWORD"),
    ("curl --user ops:Zz9!x https://h", "Zz9!x", "PASSWORD"),
    ("my password is Winter2024!", "Winter2024!", "PASSWORD"),
    ("the wifi pw: kT7#mmq9", "kT7#mmq9", "PASSWORD"),
    ("Passwort ist Sonne123", "Sonne123", "PASSWORD"),
    ("mot de passe : Azerty99", "Azerty99", "PASSWORD"),
    ("curl -u anna:dQIYwd@a(2c https://h", "dQIYwd@a(2c", "PASSWORD"),
    ("git clone https://hvardb:tok3n@git.example.com/a.git", "hvardb", "USERNAME"),
    ("ssh -i ~/.ssh/id_rsa karl.kensy@10.1.2.3", "karl.kensy", "USERNAME"),
    ('db = connect(host="h", user="vtorm", password="x")', "vtorm", "USERNAME"),
    ("# TODO(samuel55): remove after migration", "samuel55", "USERNAME"),
]  # fmt: skip
COMMAND_FALSE = [
    "docker run -p8080:80 nginx",
    "mysql -p1 -h db",
    "ssh -p 2222 host",
    "mkdir -p build/out",
    "forgot my password again",
    "password reset link sent",
    "the pass was closed because of snow",
    "curl -u admin https://h",
    "pin the tab",
    "ssh deploy@10.0.0.5",
    "git clone git@github.com:org/repo.git",
    'connect(user="admin")',
    "# TODO: remove after migration",
]


@pytest.mark.parametrize(("text", "value", "entity"), COMMAND_TRUE)
def test_command_credentials_found(text: str, value: str, entity: str) -> None:
    hits = found(CommandCredentialRecognizer(), text)
    assert (value, entity) in hits or (value.strip("'"), entity) in hits


@pytest.mark.parametrize("text", COMMAND_FALSE)
def test_command_credentials_look_alikes(text: str) -> None:
    assert found(CommandCredentialRecognizer(), text) == set()


KEY_TRUE = [
    ("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
    ("my aws key ASIA2B3C4D5E6F7G8H9J", "ASIA2B3C4D5E6F7G8H9J"),
    ("git remote set-url origin https://ghp_aB3dE6gH9jK2mN5pQ8sT1vW4yZ7@host",
     "ghp_aB3dE6gH9jK2mN5pQ8sT1vW4yZ7"),
    ("token: Xk9fQ2mZ8pL4vR7tY1wB3nC6", "Xk9fQ2mZ8pL4vR7tY1wB3nC6"),
    ("the secret is q8v1n5x2c7z3b6m4", "q8v1n5x2c7z3b6m4"),
    ("Bearer eyJhbGciOiJIUzI1NiJ9abc123", "eyJhbGciOiJIUzI1NiJ9abc123"),
    ("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
]  # fmt: skip
KEY_FALSE = [
    "AKIA is a prefix",
    "the key is internationalization",
    "token: abcdefghijklmnopqrst",
    "secret santa on friday",
    "key https://example.com/aaaaaaaaaaaaaaaaaaaa1",
    "build 20240101123456789",
]


@pytest.mark.parametrize(("text", "value"), KEY_TRUE)
def test_provider_keys_found(text: str, value: str) -> None:
    assert (value, "SECRET") in found(ProviderKeyRecognizer(), text)


@pytest.mark.parametrize("text", KEY_FALSE)
def test_provider_keys_look_alikes(text: str) -> None:
    assert found(ProviderKeyRecognizer(), text) == set()


HOME_TRUE = [
    ("cd /home/mkowalski/projects", "mkowalski"),
    ("ls /Users/annasvensson/Desktop", "annasvensson"),
    (r"type C:\Users\jdoe\notes.txt", "jdoe"),
]
HOME_FALSE = [
    "cd /home/ubuntu/app", "ls /Users/Shared", "cd /home/$USER", "echo ~/bin", "/usr/home",
]  # fmt: skip


@pytest.mark.parametrize(("text", "value"), HOME_TRUE)
def test_home_path_user_found(text: str, value: str) -> None:
    assert found(HomePathRecognizer(), text) == {(value, "USERNAME")}


@pytest.mark.parametrize("text", HOME_FALSE)
def test_home_path_look_alikes(text: str) -> None:
    assert found(HomePathRecognizer(), text) == set()


PROFILE_TRUE = [
    "https://www.linkedin.com/in/juha-virtanen-4b2a1",
    "https://calendly.com/mehmet-yilmaz/30min",
    "https://code.example.com/jvirtanen",
    "https://example.com/u/ada-byron",
    "social.example/@ana_silva",
]
PROFILE_FALSE = [
    "https://example.com/pricing",
    "https://example.com/docs",
    "https://docs.python.org/3/library/json.html",
    "https://github.com/org/repo",
    "https://example.com/index.html",
    "https://shop.example/cart",
    "example.com",
]


@pytest.mark.parametrize("text", PROFILE_TRUE)
def test_profile_url_found(text: str) -> None:
    assert found(ProfileUrlRecognizer(), text) == {(text, "USERNAME")}


@pytest.mark.parametrize("text", PROFILE_FALSE)
def test_profile_url_look_alikes(text: str) -> None:
    assert found(ProfileUrlRecognizer(), text) == set()


# The registry's table for this family (tests/redaction/rules/test_registry.py): (rule, text,
# value found) and (rule, text with nothing found at the default threshold).
TRUE_CASES = [
    ("command_credential", "mysql -u app -pS3cret42 db", "S3cret42"),
    ("command_credential", "git clone https://hvardb:+XKPNAdVe16Z/FSchd1MF+QV@git.example.com/a",
     "hvardb"),
    ("provider_key", "aws key AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
    ("home_path", "cd /home/mkowalski/src", "mkowalski"),
    ("profile_url", "see https://people.example.net/j.virtanen",
     "https://people.example.net/j.virtanen"),
    ("profile_url", "https://cal.example.org/jane/15min", "https://cal.example.org/jane/15min"),
    ("profile_url", "book: https://calendly.com/jane-doe/intro-call",
     "https://calendly.com/jane-doe/intro-call"),
    ("profile_url", "https://code.example.com/janedoe?tab=repositories",
     "https://code.example.com/janedoe?tab=repositories"),
    ("labelled_username", "login: abraham.varela", "abraham.varela"),
    ("labelled_username", "my username is eloise.mccullagh", "eloise.mccullagh"),
    ("labelled_username", "Benutzername benjamin43", "benjamin43"),
    ("labelled_username", "Username: velvetotter", "velvetotter"),
]
FALSE_CASES = [
    ("command_credential", "docker run -p8080:80 nginx"),
    ("command_credential", "open https://build.example.com:8080/@team/app"),
    ("provider_key", "token: abcdefghijklmnopqrst"),
    ("home_path", "cd /home/ubuntu/app"),
    ("profile_url", "https://example.com/pricing"),
    ("profile_url", "https://calendly.com/pricing/teams"),
    ("profile_url", "https://code.example.com/python/cpython"),
    ("labelled_username", "the login is broken again"),  # a plain word, no colon
    ("labelled_username", "fix the login page"),
    ("labelled_username", "user: admin"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)
