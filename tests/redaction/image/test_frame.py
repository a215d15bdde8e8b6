"""The frame redactor end to end: real OCR, real Presidio, real blur; fail closed."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from redaction.denylist import DenyList
from redaction.image import FrameRedactor, ImageRedactionSettings, OcrEngine, OcrLine
from redaction.models import Box, Span
from tests.redaction.image.conftest import ScreenFactory
from tests.redaction.image.support import covered

CONTACT = [
    ("Contacts", 20, 15),
    ("Name", 20, 60),
    ("Margaret Hollis", 20, 84),
    ("Email", 20, 130),
    ("m.hollis@fernbrook.io", 20, 154),
    ("Phone", 20, 200),
    ("+1 (415) 555-0199", 20, 224),
    ("Stage", 420, 60),
    ("Negotiation", 420, 84),
]
PII = ("Margaret Hollis", "m.hollis@fernbrook.io", "+1 (415) 555-0199")


@pytest.fixture(scope="module")
def contact(screen: ScreenFactory) -> Any:
    return screen(CONTACT, size=(760, 280))


def test_personal_values_are_blurred_and_labels_kept(
    frame_redactor: FrameRedactor, contact: Any
) -> None:
    result = frame_redactor.redact(contact.image, DenyList())
    assert result.dropped_reason is None and result.frame is not None
    for value in PII:
        assert covered(contact.boxes[value], result.blurred), value
    for label in ("Contacts", "Name", "Email", "Stage", "Negotiation"):
        assert not covered(contact.boxes[label], result.blurred, share=0.3), label
    changed = np.any(result.frame != contact.image, axis=2)
    for value in PII:
        b = contact.boxes[value]
        assert changed[b.y : b.y + b.h, b.x : b.x + b.w].mean() > 0.3


def test_regions_carry_type_recognizer_score_and_box_never_the_value(
    frame_redactor: FrameRedactor, contact: Any
) -> None:
    result = frame_redactor.redact(contact.image, DenyList())
    types = {r.entity_type for r in result.redactions}
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON"} <= types
    for r in result.redactions:
        assert r.kind == "image" and r.box is not None and r.recognizer
        assert 0 <= (r.score or 0) <= 1
        fields = [getattr(r, f.name) for f in dataclasses.fields(r)]
        assert not any(isinstance(v, str) and any(p in v for p in PII) for v in fields)
    assert all(value not in repr(result) for value in PII)


def test_a_screen_without_personal_data_is_left_alone(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    drawn = screen(
        [
            ("Settings", 20, 15),
            ("Theme        System default", 20, 60),
            ("Language     English (US)", 20, 100),
            ("Font size    14 px", 20, 140),
            ("Version 3.12.1, build 8f3a2c1", 20, 200),
        ],
        size=(700, 260),
    )
    result = frame_redactor.redact(drawn.image, DenyList())
    assert result.frame is not None
    assert result.blurred == ()
    assert np.array_equal(result.frame, drawn.image)


def test_typed_prefix_of_a_deny_list_value_is_blurred(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    drawn = screen([("Search", 20, 20), ("quintessa.vo", 20, 60)], size=(500, 120))
    deny = DenyList()
    deny.add("quintessa.vondrak@example.net", "EMAIL_ADDRESS", "typed")
    result = frame_redactor.redact(drawn.image, deny)
    assert covered(drawn.boxes["quintessa.vo"], result.blurred)
    assert any(r.recognizer == "deny_list" for r in result.redactions)


def test_masked_password_field_is_blurred_with_its_field(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    import cv2

    drawn = screen(
        [("Password", 40, 20), ("\u2022" * 10, 52, 62, "dots")], size=(600, 140), font_px=20
    )
    image = drawn.image.copy()
    cv2.rectangle(image, (40, 52), (400, 92), (120, 120, 120), 1)  # the input field
    result = frame_redactor.redact(image, DenyList())
    fields = [r.box for r in result.redactions if r.entity_type == "PASSWORD" and r.box]
    assert fields, "no masked field found"
    assert covered(drawn.boxes["dots"], result.blurred)
    # The whole field goes (its width would tell the password's length).
    assert max(b.w for b in fields) >= 300


def test_face_on_a_screen_is_blurred(frame_redactor: FrameRedactor) -> None:
    import cv2
    from skimage import data

    canvas = np.full((600, 900, 3), 240, dtype=np.uint8)
    canvas[100:356, 80:336] = cv2.resize(
        cv2.cvtColor(
            data.astronaut(),  # type: ignore[no-untyped-call]  # skimage.data is unannotated
            cv2.COLOR_RGB2BGR,
        ),
        (256, 256),
    )
    result = frame_redactor.redact(canvas, DenyList())
    faces = [r.box for r in result.redactions if r.entity_type == "FACE" and r.box]
    assert faces
    face = faces[0]
    # The astronaut's face, forehead to chin (hand-marked on the 256 px photo: x 90-140,
    # y 35-87, so x 170-220, y 135-187 on the canvas), lies inside the blurred box.
    assert face.x <= 170 and face.y <= 135 and face.x + face.w >= 220 and face.y + face.h >= 187
    assert covered(Box(170, 135, 50, 52), result.blurred)


class _Exploding:
    def analyze(self, text: str, deny_list: Any = None) -> list[Span]:
        raise ValueError(f"could not analyse {text}")  # a message quoting screen text


class _BrokenOcr(OcrEngine):
    name = "broken"

    def read(self, image: Any, device_scale: float = 1.0) -> tuple[OcrLine, ...]:
        raise RuntimeError("engine crashed")


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "not an image",
        np.zeros((4, 4, 3), np.uint8),
        np.zeros((100, 100), np.uint8),
        np.zeros((100, 100, 3), np.float32),
    ],
)
def test_unusable_input_is_dropped(frame_redactor: FrameRedactor, bad: Any) -> None:
    result = frame_redactor.redact(bad, DenyList())
    assert result.frame is None and result.dropped_reason == "invalid_frame"


def test_analyzer_failure_drops_the_frame_without_quoting_it(ocr_engine: Any, contact: Any) -> None:
    redactor = FrameRedactor(_Exploding(), ocr_engine, ImageRedactionSettings(faces=False))
    result = redactor.redact(contact.image, DenyList())
    assert result.frame is None and result.redactions == () and result.lines == ()
    assert result.dropped_reason == "analysis_failed:ValueError"


def test_ocr_failure_drops_the_frame(text_redactor: Any, contact: Any) -> None:
    redactor = FrameRedactor(text_redactor, _BrokenOcr(), ImageRedactionSettings())
    result = redactor.redact(contact.image, DenyList())
    assert result.frame is None and result.dropped_reason == "analysis_failed:RuntimeError"


def test_bgra_frames_are_accepted(frame_redactor: FrameRedactor, contact: Any) -> None:
    import cv2

    bgra = cv2.cvtColor(contact.image, cv2.COLOR_BGR2BGRA)
    result = frame_redactor.redact(bgra, DenyList())
    assert result.frame is not None and result.frame.shape[2] == 3
    assert covered(contact.boxes["m.hollis@fernbrook.io"], result.blurred)


def test_values_read_on_screen_join_the_deny_list_when_learning(
    text_redactor: Any, ocr_engine: Any, contact: Any
) -> None:
    redactor = FrameRedactor(
        text_redactor, ocr_engine, ImageRedactionSettings(faces=False), learn_screen_values=True
    )
    deny = DenyList()
    redactor.redact(contact.image, deny)
    assert "m.hollis@fernbrook.io" in deny
    assert all(e.source == "screen" for e in deny.entries())


def test_bold_round_letters_are_not_a_masked_password(screen: ScreenFactory) -> None:
    """A bold heading's "o", "e", "n" are as round as dots but have a hole or a gap in the
    middle; a row of real dots is still a masked field."""
    from redaction.image.visual import PasswordFieldDetector

    word = screen([("Pioneer dashboard oooo eeee", 20, 20)], size=(700, 80), font_px=22)
    assert PasswordFieldDetector._runs_from_pixels(word.image, 1.0) == []
    dots = screen([("\u25cf\u25cf\u25cf\u25cf\u25cf\u25cf\u25cf\u25cf", 20, 20)], size=(400, 80))
    assert PasswordFieldDetector._runs_from_pixels(dots.image, 1.0) != []


def test_a_channel_named_by_a_plain_word_is_not_spread_to_prose(
    frame_redactor: FrameRedactor, screen: ScreenFactory
) -> None:
    chat = screen([("Channels", 20, 20), ("# releases", 20, 50), ("# proj-falcon", 20, 80),
                   ("Direct messages", 20, 110),
                   ("The release notes are late again today.", 300, 50),
                   ("We moved proj-falcon to Tuesday afternoon.", 300, 90)],
                  size=(900, 160))  # fmt: skip
    result = frame_redactor.redact(chat.image, DenyList())
    assert covered(chat.boxes["# releases"], result.blurred, share=0.3)
    assert not covered(chat.boxes["The release notes are late again today."], result.blurred,
                       share=0.05)  # fmt: skip
    # A name someone chose is still found where it stands again.
    assert covered(chat.boxes["We moved proj-falcon to Tuesday afternoon."], result.blurred,
                   share=0.1)  # fmt: skip


def test_a_time_and_a_word_is_not_a_street_address() -> None:
    from redaction.image.analysis import screen_check

    assert screen_check("STREET_ADDRESS", "3:54 PM Harbor", "street_address") == "drop"
    assert screen_check("STREET_ADDRESS", "Room 4", "street_address") == "drop"
    assert screen_check("STREET_ADDRESS", "12 Main St", "street_address") == "keep"


def test_a_dashed_label_with_an_acronym_is_not_a_name() -> None:
    from redaction.image.analysis import screen_check

    assert screen_check("PERSON", "MI-Ops", "ner_name_shape") == "drop"
    assert screen_check("PERSON", "Jean-Luc Picard", "ner_name_shape") == "keep"


def test_a_place_led_by_a_place_word_is_not_a_name() -> None:
    from redaction.image.analysis import screen_check

    assert screen_check("PERSON", "Port Alicia", "SpacyRecognizer") == "drop"
    assert screen_check("PERSON", "West Michelletown", "ner_name_shape") == "drop"
    assert screen_check("PERSON", "Alicia Port", "SpacyRecognizer") == "keep"


def test_a_settled_frame_redacted_again_changes_nothing(
    text_redactor: Any, ocr_engine: Any, screen: ScreenFactory
) -> None:
    """Curators' re-redaction settles each frame: redacting its output again finds nothing
    (a blurred value leaves its label alone on its line, read anew)."""
    from redaction.image.screen_text import screen_policy
    from redaction.policy import load_policy
    from redaction.text import TextRedactor

    strict = TextRedactor(screen_policy(load_policy("strict")), text_redactor.ner)
    redactor = FrameRedactor(strict, ocr_engine, ImageRedactionSettings.strictest())
    shown = screen([("Customer: Wilhelmina Okonkwo", 10, 10), ("Card: 4111 1111 1111 1111", 10, 40),
                    ("IBAN: DE89 3704 0044 0532 0130 00", 10, 70),
                    ("Address: 221B Baker Street, London", 10, 100),
                    ("Token: ghp_R8xQ2mZ7vK4pL9sT1wY6nB3cF5hJ0dGaUe2i", 10, 130)],
                   size=(640, 170), mono=True)
    once = redactor.redact(shown.image, DenyList())
    settled = redactor.settle(shown.image, DenyList())
    assert settled.frame is not None and settled.redactions[: len(once.redactions)] == (
        once.redactions)
    again = redactor.redact(settled.frame, DenyList())
    assert again.redactions == () and again.frame is not None
    assert np.array_equal(again.frame, settled.frame)
