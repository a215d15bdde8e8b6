"""Look-alikes of personal data: spans the filter drops, and spans it must keep."""

from __future__ import annotations

import pytest

from redaction.look_alikes import drop_look_alikes
from redaction.models import Span


def kept(text: str, value: str, entity: str) -> bool:
    start = text.index(value)
    span = Span(start, start + len(value), entity, "test", 0.8)
    return drop_look_alikes(text, [span]) == [span]


DROPPED = [
    ("ok lgtm, merging", "lgtm", "PERSON"),
    ("Zahnarzt am Donnerstag", "Donnerstag", "PERSON"),
    ("Met vriendelijke groet,\nThe Team", "vriendelijke groet", "PERSON"),
    ("from collections import OrderedDict", "OrderedDict", "PERSON"),
    ("import numpy as np", "numpy", "PERSON"),
    ("acabo de hablar con ella", "acabo de hablar", "PERSON"),
    ("Köp bröd och mjölk", "Köp bröd och mjölk", "PERSON"),
    ("meeting in room 3.14 on floor 2", "room 3.14 on floor 2", "STREET_ADDRESS"),
    ("boarding 1234 at gate A12", "1234 at gate A12", "STREET_ADDRESS"),
]
KEPT = [
    ("ok anna, merging", "anna", "PERSON"),
    ("Met vriendelijke groet,\nJan de Vries", "Jan de Vries", "PERSON"),
    ("import report from Anna Schmidt", "Anna Schmidt", "PERSON"),
    ("talked to keano soos", "keano soos", "PERSON"),
    ("we need to add ryan p costa as guardian", "ryan p costa", "PERSON"),
    ("call maria da silva today", "maria da silva", "PERSON"),
    ("Signed: Maria da Silva Costa", "Maria da Silva Costa", "PERSON"),
    ("ship to 12 Baker Street", "12 Baker Street", "STREET_ADDRESS"),
    ("at 500 Main St, Suite 400, floor 2", "500 Main St, Suite 400, floor 2", "STREET_ADDRESS"),
    ("Room 12, Hall Lane 4", "Room 12, Hall Lane 4", "STREET_ADDRESS"),
    ("meet Friday Mensah", "Friday Mensah", "PERSON"),
]


@pytest.mark.parametrize(("text", "value", "entity"), DROPPED)
def test_dropped(text: str, value: str, entity: str) -> None:
    assert not kept(text, value, entity)


@pytest.mark.parametrize(("text", "value", "entity"), KEPT)
def test_kept(text: str, value: str, entity: str) -> None:
    assert kept(text, value, entity)
