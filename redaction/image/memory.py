"""What earlier frames of one episode showed that a later frame's layout needs.

A frame is redacted alone, but a screen is read over time: a table's header row scrolls out of
view while its rows stay, and the rows then carry no cue of what they are. A
:class:`ScreenMemory` keeps, for one episode, the header rows of the tables its frames showed
(where each column stood and what its header announced, never a word of the screen), so that a
layout rule can read the headerless rows of a later frame under them
(:class:`redaction.rules.layout.CarriedColumnRule`).

It lives in memory only, is bounded (the last :data:`TABLES` tables), and belongs to one
episode: the recorder's and the curators' step redactor each hold one per episode and pass it
with every frame, as they pass the episode's deny-list. Not thread-safe (an episode's frames
are redacted in order).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from redaction.models import Box

#: How many tables one episode remembers (the most recently seen).
TABLES: Final = 8
#: How many columns of one table are kept.
COLUMNS: Final = 16


@dataclass(frozen=True, slots=True)
class SeenColumn:
    """One header cell: where it stood, and the kind of value it announced (None for a column
    of no personal data, kept for the table's shape)."""

    box: Box
    entity: str | None


@dataclass(frozen=True, slots=True)
class SeenTable:
    """The header row of a table, left to right."""

    columns: tuple[SeenColumn, ...]

    def same_place(self, other: SeenTable) -> bool:
        """Whether ``other`` is this header row seen again (the same columns, where they
        were)."""
        if len(self.columns) != len(other.columns):
            return False
        return all(
            a.entity == b.entity and abs(a.box.x - b.box.x) <= max(a.box.h, 8)
            for a, b in zip(self.columns, other.columns, strict=True)
        )


class ScreenMemory:
    """The header rows seen so far in one episode (see the module's doc)."""

    def __init__(self, limit: int = TABLES) -> None:
        self._limit = limit
        self._tables: list[SeenTable] = []

    @property
    def tables(self) -> tuple[SeenTable, ...]:
        """The remembered header rows, the most recently seen last."""
        return tuple(self._tables)

    def learn(self, tables: Iterable[SeenTable]) -> None:
        """Remember these header rows (one seen again moves to the end; the oldest go)."""
        for table in tables:
            if not any(c.entity for c in table.columns):
                continue
            table = SeenTable(table.columns[:COLUMNS])
            self._tables = [t for t in self._tables if not t.same_place(table)]
            self._tables.append(table)
        del self._tables[: max(0, len(self._tables) - self._limit)]

    def __len__(self) -> int:
        return len(self._tables)

    def __repr__(self) -> str:
        return f"ScreenMemory(<{len(self._tables)} tables>)"
