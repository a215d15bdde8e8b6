"""True and false cases of the rules in ``redaction/rules/secrets.py`` (no NER involved).

Secrets: keys, tokens, URL credentials, passwords.
"""

from __future__ import annotations

import pytest

from redaction.rules.secrets import is_shell_prompt
from tests.redaction.rules.support import RULES, table_tests

# (rule, text, the value it must find)
TRUE_CASES = [
    ("url_credential", "https://bob:s3cret@db.example.com/x", "bob:s3cret"),
    # A pasted base64 secret may hold a slash.
    ("url_credential", "https://hv:+XKPNAdVe16Z/FSchd1MF+QV@git.example.com/a.git",
     "hv:+XKPNAdVe16Z/FSchd1MF+QV"),
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
    ("password", "my pin is 0000", "0000"),
    ("password", "mot de passe: Soleil42", "Soleil42"),
    ("password", "pw hunter2", "hunter2"),
    ("password", "Password: hunter2#", "hunter2#"),
    ("password", "Password: Summer-2024#", "Summer-2024#"),
    # A user@host prompt has a path after the colon; without one it is the value.
    ("password", "password: alice@home:Tr0ub4dor$", "alice@home:Tr0ub4dor$"),
]

# (rule, text, value): found in typed text, where a shell prompt is never typed.
TYPED_TRUE_CASES = [
    ("password", "password: build-2.0.1#", "build-2.0.1#"),
    ("password", "Password: bash-5.2#", "bash-5.2#"),
    ("password", "password: ann@build-01:~/src$", "ann@build-01:~/src$"),
    ("secret", "api_key = build-2.0.1#", "build-2.0.1"),
]

# (token, whether it is a shell prompt): a screen's "Password: " cue is then silent.
SHELL_PROMPTS = [
    ("bash-5.2#", True),
    ("ann@build-01:~/src$", True),
    ("root@db:/etc#", True),
    ("alice@home:Tr0ub4dor$", False),
    ("ops@vault:9f8e7d6c5b4a#", False),
    ("ann@build-01:$", False),
]

# (rule, text): nothing at or above the default threshold.
FALSE_CASES = [
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
    ("secret", "token: expired"),
    ("secret", "password = getpass()"),
    ("secret", "CONSTANT_NAME_FOR_THE_DEFAULT_TIMEOUT"),
    ("url_credential", "https://example.com/docs?page=2&sort=asc"),
    ("url_credential", "https://host.example.com:8080/@team"),  # a port, then a path
    ("password", "Forgot password? Click here"),
    ("password", "the password reset link"),
    ("password", "pin the tab"),
    # A silent prompt, then the shell's next prompt on the same line (nothing was shown).
    ("password", "Password: bash-5.2# ls /usr"),
    ("password", "Password: ann@build-01:~/src$ make"),
    ("secret", "Password: bash-5.2# ls /usr"),
]


test_true_cases, test_false_cases = table_tests(TRUE_CASES, FALSE_CASES)


@pytest.mark.parametrize(("name", "text", "value"), TYPED_TRUE_CASES)
def test_typed_true_cases(name: str, text: str, value: str) -> None:
    assert value in [text[s.start : s.end] for s in RULES[name].find_typed(text)]


@pytest.mark.parametrize(("token", "prompt"), SHELL_PROMPTS)
def test_shell_prompts(token: str, prompt: bool) -> None:
    assert is_shell_prompt(token) is prompt
