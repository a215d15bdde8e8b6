"""The episode deny-list: values known to be personal, hunted everywhere in an episode.

Seeded with the volunteer's identity list and the machine's user name, full name, host name
and home path; grown with every value found while recording (typed PII is then hunted in
frames, PII read on screen in typed text and titles). It lives in memory only and is never
written, hashed or summarised into an episode.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Literal

DenySource = Literal["identity", "machine", "typed", "screen", "title"]


@dataclass(frozen=True, slots=True)
class DenyEntry:
    value: str
    entity_type: str
    source: DenySource


class DenyList:
    """A thread-safe, growing set of personal values (the recorder adds from several threads)."""

    def __init__(self, entries: tuple[DenyEntry, ...] = ()) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, DenyEntry] = {}
        for entry in entries:
            self.add(entry.value, entry.entity_type, entry.source)

    def add(self, value: str, entity_type: str, source: DenySource) -> bool:
        """Add a value (stripped; empty or 1-character values are ignored). True if new."""
        value = value.strip()
        if len(value) < 2:
            return False
        key = value.casefold()
        with self._lock:
            if key in self._entries:
                return False
            self._entries[key] = DenyEntry(value, entity_type, source)
            return True

    def entries(self) -> tuple[DenyEntry, ...]:
        with self._lock:
            return tuple(self._entries.values())

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        with self._lock:
            return value.strip().casefold() in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __repr__(self) -> str:
        # Never print the values, not even in a debugger's or a traceback's repr.
        return f"DenyList(<{len(self)} entries>)"
