"""The field reader with real OCR on drawn form frames: where a typing run went (the changed
region, else the click) and what its label, placeholder or masked echo says it is."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import pytest

from redaction.field import (
    UNKNOWN,
    FieldReader,
    FieldReading,
    FormContext,
    changed_region,
    typed_beside,
)
from redaction.models import Box
from tests.redaction.image.conftest import ScreenFactory

FIELD_X, FIELD_W, FIELD_H = 160, 360, 34


def form(
    screen: ScreenFactory,
    label: str | None,
    value: str,
    *,
    inline: bool = False,
    placeholder: str | None = None,
) -> np.ndarray[Any, Any]:
    """A form with one field at y=120 (label above it, or on its left when ``inline``)."""
    items: list[tuple[Any, ...]] = [("Create your account", 160, 30)]
    if label is not None:
        items.append((label, 20, 126) if inline else (label, FIELD_X, 92))
    if value:
        items.append((value, FIELD_X + 8, 126))
    elif placeholder is not None:
        items.append((placeholder, FIELD_X + 8, 126))
    image = screen(items, size=(640, 220), font_px=16).image.copy()
    cv2.rectangle(image, (FIELD_X, 120), (FIELD_X + FIELD_W, 120 + FIELD_H), (120, 120, 120), 1)
    return image


@pytest.fixture(scope="module")
def reader(ocr_engine: Any) -> FieldReader:
    return FieldReader(ocr_engine)


# (label, typed echo, inline label) -> (entity type, secret)
ECHO_CASES = [
    ("Surname", "Virtanen", False, "PERSON", False),
    ("Password", "••••••••••", False, "PASSWORD", True),
    (None, "••••••••••", False, None, True),
    (None, "**********", False, None, True),  # asterisks (Tk's show="*")
    (None, "oooooooo", False, None, False),  # a hollow letter repeated is typed text
    (None, "wwwwwwww", False, None, False),
    ("Postcode", "00140", True, "STREET_ADDRESS", False),
    ("Card number", "4111 1111 1111 1111", False, "CREDIT_CARD", False),
    ("E-mail", "mia@example.org", True, "EMAIL_ADDRESS", False),
    ("Search", "cheap flights", False, None, False),
    ("Project title", "Quarterly review", False, None, False),
]  # fmt: skip


@pytest.mark.parametrize(("label", "echo", "inline", "entity", "secret"), ECHO_CASES)
def test_field_of_the_echo(
    reader: FieldReader, screen: ScreenFactory, label: str | None, echo: str, inline: bool,
    entity: str | None, secret: bool,
) -> None:
    before = form(screen, label, "", inline=inline)
    after = form(screen, label, echo, inline=inline)
    reading = reader.read(before, after)
    assert reading.source == "echo"
    assert (reading.entity_type, reading.secret) == (entity, secret)
    assert reading.box is not None and reading.box.y >= 118  # the echo, not the label


def test_digits_are_no_masked_echo(reader: FieldReader, screen: ScreenFactory) -> None:
    reading = reader.read(form(screen, None, ""), form(screen, None, "0401234567"))
    assert not reading.secret


def test_click_reads_the_placeholder(reader: FieldReader, screen: ScreenFactory) -> None:
    before = form(screen, None, "", placeholder="Email address")
    reading = reader.read(before, None, click=(FIELD_X + 100, 137))
    assert (reading.source, reading.entity_type) == ("click", "EMAIL_ADDRESS")


def test_nothing_located(reader: FieldReader, screen: ScreenFactory) -> None:
    frame = form(screen, "Surname", "")
    assert changed_region(frame, frame.copy()) is None
    assert reader.read(frame, frame.copy()) == UNKNOWN
    assert reader.read(frame) == UNKNOWN


CONTEXT_CASES = [
    # previous field, this field's own reading -> the type the run is redacted as
    (FieldReading("USERNAME", False, "username"), UNKNOWN, "PASSWORD"),
    (FieldReading("EMAIL_ADDRESS", False, "email"), UNKNOWN, "PASSWORD"),
    (FieldReading("EMAIL_ADDRESS", False, "email"), FieldReading("PERSON", False, "full_name"),
     "PERSON"),
    (FieldReading("PERSON", False, "full_name"), UNKNOWN, None),
    (UNKNOWN, UNKNOWN, None),
    # The run after a password field is no password, even where its label read as a username.
    (FieldReading("PASSWORD", True, "password"), UNKNOWN, None),
    (FieldReading("USERNAME", True, "username"), UNKNOWN, None),
]


@pytest.mark.parametrize(("previous", "own", "entity"), CONTEXT_CASES)
def test_form_context(previous: FieldReading, own: FieldReading, entity: str | None) -> None:
    context = FormContext()
    context.resolve(previous)
    resolved = context.resolve(own)
    assert resolved.entity_type == entity
    assert resolved.secret == (entity == "PASSWORD")


MASKED = (Box(160, 150, 120, 30),)
BESIDE_CASES = [
    # the run's reading -> whether it went beside the masked fields on screen
    (FieldReading(None, False, None, "echo", Box(160, 230, 200, 30)), True),
    (FieldReading(None, False, None, "echo", Box(170, 155, 60, 20)), False),  # into it
    (FieldReading(None, True, None, "echo", Box(160, 230, 200, 30)), False),  # masked echo
    (FieldReading(None, False, None, "click", Box(160, 230, 200, 30)), False),  # no echo
    (UNKNOWN, False),
    (None, False),
]


@pytest.mark.parametrize(("reading", "beside"), BESIDE_CASES)
def test_typed_beside_the_masked_fields(reading: FieldReading | None, beside: bool) -> None:
    assert typed_beside(reading, MASKED) == beside
