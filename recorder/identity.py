"""Who is recording: values that must always be redacted, and the pseudonymous volunteer id.

Two sources seed each episode's deny-list:

- the machine: user name, full name (GECOS), host name and home path, which shell prompts,
  paths and titles show;
- the volunteer's own identity list (``cuarec identity``): names, e-mails, phones, addresses
  they enter themselves. It is kept locally in ``$XDG_CONFIG_HOME/cuarec/identity.json``
  (0600, folder 0700) and never written into an episode, not even hashed.

The volunteer id written into episodes is a random UUID kept in the same folder: stable across
one volunteer's episodes, unrelated to any identity value.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

from recorder.errors import EnvironmentProblem, UsageError
from redaction.denylist import DenyList

IdentityKind = Literal["name", "email", "phone", "address", "other"]
IDENTITY_KINDS: tuple[IdentityKind, ...] = ("name", "email", "phone", "address", "other")
_ENTITY_FOR_KIND = {"name": "PERSON", "email": "EMAIL_ADDRESS", "phone": "PHONE_NUMBER",
                    "address": "STREET_ADDRESS", "other": "IDENTITY"}


def check_kind(kind: str) -> IdentityKind:
    for known in IDENTITY_KINDS:
        if kind == known:
            return known
    raise UsageError(f"unknown identity kind {kind!r}; choose one of "
                     f"{', '.join(IDENTITY_KINDS)}")


def read_value(stream: TextIO) -> str:
    """One identity value from the first line of ``stream`` (a pipe or file on stdin), so
    it is never an argument that shell history keeps."""
    value = stream.readline().strip()
    if not value:
        raise UsageError("no value on stdin: type it at the prompt, or pipe it in "
                         "(e.g. from a password manager)")
    return value


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "cuarec"


def private_write(path: Path, text: str) -> None:
    """Replace a small config file atomically, 0600, in a 0700 folder."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise EnvironmentProblem(f"cannot write {path}: {exc.strerror}") from None


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise UsageError(f"{path} is unreadable or not JSON; fix or remove it") from None


@dataclass(frozen=True, slots=True)
class IdentityEntry:
    kind: IdentityKind
    value: str


@dataclass(frozen=True, slots=True)
class IdentityStore:
    """The volunteer's own identity list on disk."""

    path: Path = field(default_factory=lambda: config_dir() / "identity.json")

    def load(self) -> list[IdentityEntry]:
        raw = read_json(self.path)
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise UsageError(f"{self.path} is not an identity list; fix or remove it")
        entries = []
        for item in raw:
            if (isinstance(item, dict) and item.get("kind") in IDENTITY_KINDS
                    and isinstance(item.get("value"), str)):
                entries.append(IdentityEntry(item["kind"], item["value"]))
        return entries

    def save(self, entries: list[IdentityEntry]) -> None:
        private_write(self.path, json.dumps([{"kind": e.kind, "value": e.value}
                                              for e in entries], indent=1))

    def add(self, kind: str, value: str) -> bool:
        known = check_kind(kind)
        value = value.strip()
        if len(value) < 2:
            raise UsageError("an identity value needs at least 2 characters")
        entries = self.load()
        if any(e.value.casefold() == value.casefold() for e in entries):
            return False
        entries.append(IdentityEntry(known, value))
        self.save(entries)
        return True

    def remove(self, value: str) -> bool:
        entries = self.load()
        kept = [e for e in entries if e.value.casefold() != value.strip().casefold()]
        if len(kept) == len(entries):
            return False
        self.save(kept)
        return True

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def machine_identity() -> list[tuple[str, str]]:
    """(value, entity type) for the user name, full name, host name and home path."""
    values: list[tuple[str, str]] = []
    try:
        import pwd

        record = pwd.getpwuid(os.getuid())
        values.append((record.pw_name, "USERNAME"))
        full_name = record.pw_gecos.split(",")[0].strip()
        if full_name:
            values.append((full_name, "PERSON"))
            values.extend((part, "PERSON") for part in full_name.split() if len(part) >= 3)
        values.append((record.pw_dir, "PATH"))
    except (ImportError, KeyError):
        pass
    # USERNAME and USERPROFILE are Windows' (there is no pwd module there).
    for name in (os.environ.get("USER"), os.environ.get("LOGNAME"), os.environ.get("USERNAME")):
        if name:
            values.append((name, "USERNAME"))
    for home in (os.environ.get("HOME"), os.environ.get("USERPROFILE")):
        if home and home not in ("/", "/root"):
            values.append((home, "PATH"))
    host = socket.gethostname()
    if host:
        values.append((host, "HOSTNAME"))
        values.append((host.split(".")[0], "HOSTNAME"))
    # 'root' or a one-letter name would redact ordinary words everywhere; keep it useful.
    return [(v, t) for v, t in values if len(v) >= 3 and v not in ("root", "/root")]


def seed_deny_list(store: IdentityStore | None = None) -> DenyList:
    """A fresh episode deny-list holding the machine's and the volunteer's identity values."""
    deny = DenyList()
    for value, entity in machine_identity():
        deny.add(value, entity, "machine")
    for entry in (store or IdentityStore()).load():
        deny.add(entry.value, _ENTITY_FOR_KIND[entry.kind], "identity")
    return deny


def volunteer_id() -> str:
    """The pseudonymous volunteer id (a random UUID made once and kept locally)."""
    path = config_dir() / "volunteer-id"
    with contextlib.suppress(OSError):
        existing = path.read_text(encoding="ascii").strip()
        with contextlib.suppress(ValueError):
            return str(uuid.UUID(existing))
    new = str(uuid.uuid4())
    private_write(path, new + "\n")
    return new
