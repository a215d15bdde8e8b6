"""Secret-bearing keys: a table of values that must be found (with their type) and of
look-alikes that must not fire."""

from __future__ import annotations

import pytest

from redaction.rules.secret_keys import SecretKeyRecognizer, key_words, secret_kind
from tests.redaction.rules.support import table_tests


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity_type) for s in SecretKeyRecognizer().find(text)]


FAMILY_TRUE_CASES = [
    ("DB_PASSWORD=hunter2", "hunter2", "PASSWORD"),
    ("export GITHUB_TOKEN=ghx_abc123def456", "ghx_abc123def456", "SECRET"),
    ("PGPASSWORD=s3cr3t psql -h db -U app", "s3cr3t", "PASSWORD"),
    ("MYSQLPWD=Zq8xK2vN9mR4", "Zq8xK2vN9mR4", "PASSWORD"),
    ("root:$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZF7YmYlG3:19000:0",
     "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZF7YmYlG3", "SECRET"),
    ("MYSQL_PWD='p4ss word'", "p4ss word", "PASSWORD"),
    ('"client_secret": "my secret value"', "my secret value", "SECRET"),
    ('{"apiKey": "AbC123xYz", "region": "eu"}', "AbC123xYz", "SECRET"),
    ("Authorization: Bearer abc.def.ghi\nHost: example.org", "Bearer abc.def.ghi", "SECRET"),
    ("Proxy-Authorization: Basic dXNlcjpwYXNz", "Basic dXNlcjpwYXNz", "SECRET"),
    ("Cookie: session=abc123; theme=dark", "session=abc123; theme=dark", "SECRET"),
    ('password: "correct horse battery staple"', "correct horse battery staple", "PASSWORD"),
    ("smtp_pass = 'Tr0ub4dor&3'", "Tr0ub4dor&3", "PASSWORD"),
    ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
     "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SECRET"),
    ("STRIPE_SECRET_KEY=sk_live_abc", "sk_live_abc", "SECRET"),
    ("Server=db;User Id=sa;Password=P@ssw0rd!;", "P@ssw0rd!", "PASSWORD"),
    ("mysql --password hunter22 -u root", "hunter22", "PASSWORD"),
    ("app --api-key=Zx9-44kk run", "Zx9-44kk", "SECRET"),
    ("  refresh_token: 1//0gLk-abc", "1//0gLk-abc", "SECRET"),
    ("postgres://admin:Tr0ub4dor@db.example.com:5432/app", "Tr0ub4dor", "URL_CREDENTIAL"),
    ("admin:Tr0ub4dor@db.internal:5432", "Tr0ub4dor", "URL_CREDENTIAL"),
    ("$2b$12$KIXQJQv3N1h7N2v8a4yZ0eH0zq6vQfJrV9C5i7F3lX1bG2mA8wO9a",
     "$2b$12$KIXQJQv3N1h7N2v8a4yZ0eH0zq6vQfJrV9C5i7F3lX1bG2mA8wO9a", "SECRET"),
    ("hash: $argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
     "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", "SECRET"),
    ("root:$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc"
     "8eoxqOmSuNp2xS0ktL3nh/:19000:0:99999:7:::",
     "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc"
     "8eoxqOmSuNp2xS0ktL3nh/", "SECRET"),
    ("pbkdf2_sha256$260000$abcdEFGH1234$Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==",
     "pbkdf2_sha256$260000$abcdEFGH1234$Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==",
     "SECRET"),
    ("$pbkdf2-sha256$29000$N2bMWSvFOOfcmzMG4DwHwA$aW5rQ3BvFXCrT0b2T8pWlEXAMPLEhash",
     "$pbkdf2-sha256$29000$N2bMWSvFOOfcmzMG4DwHwA$aW5rQ3BvFXCrT0b2T8pWlEXAMPLEhash", "SECRET"),
]  # fmt: skip

FAMILY_FALSE_CASES = [
    "TOKEN_URL=https://auth.example.org/token",
    "PASSWORD_MIN_LENGTH=12",
    "password: <password>",
    # A one-word key must end in password, passwd or pwd: a shorter word is not taken (the
    # rule's comment once listed this one among its examples).
    "DBPASS=Zq8xK2vN9mR4",
    "DB_PASSWORD=${DB_PASSWORD}",
    "password: $DB_PASS",
    "key: greeting.hello",
    "primaryKey: id",
    "sortKey = createdAt",
    "api_key = os.environ['K']",
    "password: changeme",
    "password: null",
    "SSH_KEY_PATH=~/.ssh/id_ed25519",
    "PUBLIC_KEY=ssh-ed25519",
    "token_expiry: 3600",
    "user@example.com",
    "git@github.com:org/repo.git",
    "http://localhost:8080@foo",
    'password: "<your password>"',
    "API_KEY_ID=abc",
    "$5 off, then $10 more",
    "costs $2 and $12.50",
    "hotKey: ctrl+k",
    "show_password = true",
    "Authorization: required",
]


@pytest.mark.parametrize(("text", "value", "entity"), FAMILY_TRUE_CASES)
def test_secret_values_are_found(text: str, value: str, entity: str) -> None:
    assert (value, entity) in found(text), found(text)


@pytest.mark.parametrize("text", FAMILY_FALSE_CASES)
def test_lookalikes_do_not_fire(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("DB_PASSWORD", "PASSWORD"),
        ("PGPASSWORD", "PASSWORD"),
        ("githubToken", "SECRET"),
        ("client-secret", "SECRET"),
        ("Authorization", "SECRET"),
        ("x-api-key", "SECRET"),
        ("token", None),
        ("key", None),
        ("TOKEN_URL", None),
        ("PUBLIC_KEY", None),
        ("password_hint", None),
        ("username", None),
    ],
)
def test_secret_kind_of_keys(key: str, kind: str | None) -> None:
    assert secret_kind(key) == kind


def test_key_words() -> None:
    assert key_words("DB_PASSWORD") == ["db", "password"]
    assert key_words("githubToken") == ["github", "token"]
    assert key_words("X-Api-Key") == ["x", "api", "key"]


# The registry's table for this family (tests/redaction/rules/test_registry.py): (rule, text,
# value found) and (rule, text with nothing found at the default threshold).
TRUE_CASES = [
    ("secret_key", "DB_PASSWORD=hunter2", "hunter2"),
    ("secret_key", '"client_secret": "my secret value"', "my secret value"),
]
FALSE_CASES = [
    ("secret_key", "TOKEN_URL=https://auth.example.org/token"),
    ("secret_key", "DB_PASSWORD=${DB_PASSWORD}"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)
