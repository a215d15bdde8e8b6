"""Generate benchmarks/data/secrets.jsonl: secrets in context, and hard negatives.

Every secret is random (seeded, so the file is reproducible) in the published format of its
provider; none is a real credential. Hard negatives are strings that scanners confuse with
secrets: git commit hashes, sha1/sha256/md5 digests, UUIDs, base64 images, long identifiers,
paths, version strings, and prose about tokens.

Each line: {"id", "kind", "text", "secrets": [values that must be caught]} (empty for
negatives). Run: .venv/bin/python benchmarks/data/make_secrets.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import string
import uuid
from pathlib import Path

OUT = Path(__file__).resolve().parent / "secrets.jsonl"
ALNUM = string.ascii_letters + string.digits


def rand(rng: random.Random, n: int, alphabet: str = ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def positives(rng: random.Random) -> list[tuple[str, str]]:
    """(kind, secret) pairs."""
    up = string.ascii_uppercase + "234567"
    b64 = string.ascii_letters + string.digits + "+/"
    url = string.ascii_letters + string.digits + "-_"
    jwt = (base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=") + "."
           + base64.urlsafe_b64encode(json.dumps({"sub": rand(rng, 8)}).encode()).decode()
           .rstrip("=") + "." + rand(rng, 43, url))
    return [
        ("aws_access_key", "AKIA" + rand(rng, 16, up)),
        ("aws_secret_key", rand(rng, 40, b64)),
        ("github_token", "ghp_" + rand(rng, 36)),
        ("github_token", "gho_" + rand(rng, 36)),
        ("github_pat", "github_pat_" + rand(rng, 22) + "_" + rand(rng, 59)),
        ("gitlab_token", "glpat-" + rand(rng, 20, url)),
        ("slack_token", f"xoxb-{rand(rng, 12, string.digits)}-{rand(rng, 13, string.digits)}-"
                        + rand(rng, 24)),
        ("slack_webhook", "https://hooks.slack.com/services/T" + rand(rng, 8, up) + "/B"
                          + rand(rng, 8, up) + "/" + rand(rng, 24)),
        ("stripe_key", "sk_live_" + rand(rng, 24)),
        ("stripe_key", "rk_test_" + rand(rng, 24)),
        ("openai_key", "sk-proj-" + rand(rng, 48, url)),
        ("openai_key", "sk-" + rand(rng, 48)),
        ("anthropic_key", "sk-ant-api03-" + rand(rng, 93, url)),
        ("google_api_key", "AIza" + rand(rng, 35, url)),
        ("google_oauth", "ya29." + rand(rng, 60, url)),
        ("huggingface_token", "hf_" + rand(rng, 34)),
        ("npm_token", "npm_" + rand(rng, 36)),
        ("sendgrid_key", "SG." + rand(rng, 22, url) + "." + rand(rng, 43, url)),
        ("jwt", jwt),
        ("private_key", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + rand(rng, 64, b64) + "\n"
                        + rand(rng, 64, b64) + "\n-----END OPENSSH PRIVATE KEY-----"),
        ("high_entropy", rand(rng, 32)),
        ("hex_in_context", hashlib.sha256(rand(rng, 8).encode()).hexdigest()[:32]),
    ]


CONTEXTS = {
    "aws_secret_key": ["AWS_SECRET_ACCESS_KEY={s}", "aws_secret_access_key = {s}"],
    "hex_in_context": ["api_key = {s}", "export API_TOKEN={s}", "client_secret: {s}"],
    "high_entropy": ["token {s}", "curl -H 'Authorization: Bearer {s}' https://api.example.com",
                     "{s}"],
}
GENERIC = ["export TOKEN={s}", "my key is {s}", "{s}", "config: {{\"key\": \"{s}\"}}",
           "pasted {s} into the terminal", "SECRET={s} ./run.sh"]


def negatives(rng: random.Random) -> list[tuple[str, str]]:
    """(kind, text) pairs that hold no secret."""
    png = base64.b64encode(bytes(rng.randrange(256) for _ in range(90))).decode()
    return [
        ("git_sha", f"git checkout {hashlib.sha1(rand(rng, 6).encode()).hexdigest()}"),
        ("git_sha_short", f"commit {hashlib.sha1(rand(rng, 6).encode()).hexdigest()[:7]} fixes it"),
        ("sha256", f"sha256: {hashlib.sha256(rand(rng, 6).encode()).hexdigest()}"),
        ("md5", f"md5sum {hashlib.md5(rand(rng, 6).encode()).hexdigest()}  file.iso"),
        ("uuid", f"request id {uuid.UUID(int=rng.getrandbits(128), version=4)}"),
        ("uuid_upper", str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()),
        ("base64_image", f'<img src="data:image/png;base64,{png}">'),
        ("path", "open src/components/settings/UserProfileSettingsPanel.tsx"),
        ("identifier", "call getUserAuthenticationTokenRefreshHandler() again"),
        ("constant", "MAX_RETRIES_BEFORE_CIRCUIT_BREAKER_OPENS = 5"),
        ("version", "pip install torch==2.3.1+cu121 torchvision==0.18.1"),
        ("prose", "The access token expired, so sign in again to get a new token."),
        ("prose", "Rotate the API key every 90 days and never commit secrets."),
        ("url", "https://docs.example.com/guide/getting-started?tab=overview#install"),
        ("docker_digest", "image@sha256:" + hashlib.sha256(rand(rng, 6).encode()).hexdigest()),
        ("npm_integrity", "integrity sha512-" + base64.b64encode(hashlib.sha512(
            rand(rng, 6).encode()).digest()).decode()),
    ]


def main() -> None:
    rng = random.Random(20241122)
    rows = []
    for round_ in range(8):
        for kind, secret in positives(rng):
            template = rng.choice(CONTEXTS.get(kind, GENERIC))
            rows.append({"id": f"pos-{kind}-{round_}", "kind": kind,
                         "text": template.format(s=secret), "secrets": [secret]})
        for kind, text in negatives(rng):
            rows.append({"id": f"neg-{kind}-{round_}", "kind": kind, "text": text,
                         "secrets": []})
    OUT.write_text("".join(json.dumps(row) + "\n" for row in rows))
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
