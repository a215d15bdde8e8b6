"""A table's header row seen in an earlier frame of the episode is read over its rows once it
scrolled out of view (redaction.image.memory, the carried_column_header rule), with real OCR
on drawn frames; and the memory keeps geometry only, bounded."""

from __future__ import annotations

from typing import Any

from redaction.image.memory import TABLES, ScreenMemory, SeenColumn, SeenTable
from redaction.models import Box
from tests.redaction.image.conftest import Screen, ScreenFactory
from tests.redaction.image.support import TABLE_ROWS as ROWS
from tests.redaction.image.support import covered, table_screen


def _blurred(result: Any, drawn: Screen, texts: tuple[str, ...]) -> dict[str, bool]:
    return {t: covered(drawn.boxes[t], result.blurred) for t in texts}


def test_a_header_scrolled_away_still_heads_its_columns(
    screen: ScreenFactory, frame_redactor: Any
) -> None:
    shown = table_screen(screen, ROWS[:3], header=True)
    scrolled = table_screen(screen, ROWS[1:], header=False)
    names = tuple(cell for row in ROWS[1:] for cell in row[:2])
    teams = tuple(row[2] for row in ROWS[1:])
    alone = frame_redactor.redact(scrolled.image)  # no episode: the rows say nothing
    assert not all(_blurred(alone, scrolled, names).values())  # else nothing to test
    memory = ScreenMemory()
    first = frame_redactor.redact(shown.image, memory=memory)
    assert all(_blurred(first, shown, tuple(c for r in ROWS[:3] for c in r[:2])).values())
    assert [c.entity for t in memory.tables for c in t.columns] == ["NAME_PART", "NAME_PART",
                                                                     None]
    second = frame_redactor.redact(scrolled.image, memory=memory)
    assert _blurred(second, scrolled, names) == dict.fromkeys(names, True)
    assert _blurred(second, scrolled, teams) == dict.fromkeys(teams, False)
    # Redacted alone again, the frame says as little as before: what changed is the memory.
    assert frame_redactor.redact(scrolled.image).blurred == alone.blurred


def _seen(x: int, entity: str | None = "PERSON") -> SeenTable:
    return SeenTable((SeenColumn(Box(x, 10, 60, 20), entity),
                      SeenColumn(Box(x + 200, 10, 60, 20), None)))


def test_the_memory_keeps_the_latest_tables_once_each() -> None:
    memory = ScreenMemory()
    memory.learn([_seen(0), _seen(4)])  # the same header row, a few pixels apart: once
    assert memory.tables == (_seen(4),)
    memory.learn([_seen(0, None)])  # a table of nothing personal: not kept
    assert len(memory) == 1
    memory.learn(_seen(100 * i) for i in range(1, TABLES + 3))
    assert len(memory) == TABLES
    assert memory.tables[-1] == _seen(100 * (TABLES + 2))
    assert _seen(4) not in memory.tables  # the oldest went
    assert "PERSON" not in repr(memory) and "Box" not in repr(memory)
