"""presidio-image-redactor's own test images: its 7 expected findings, and a photo without text."""

from __future__ import annotations

from pathlib import Path

import pytest

from redaction.denylist import DenyList
from redaction.image import FrameRedactor
from redaction.models import Box
from tests.redaction.image.support import covered

#: MIT-licensed, with their licence and source: tests/data/presidio-image/README.md.
IMAGES = Path(__file__).resolve().parents[2] / "data" / "presidio-image"
#: From that README: two PERSON, URL, two PHONE_NUMBER boxes, and one box
#: holding both an EMAIL_ADDRESS and a URL (7 findings, 6 boxes).
EXPECTED = (
    Box(472, 20, 91, 31),
    Box(576, 20, 147, 31),
    Box(28, 299, 438, 38),
    Box(666, 298, 88, 40),
    Box(769, 301, 169, 29),
    Box(27, 912, 458, 39),
)


@pytest.fixture(scope="module")
def images() -> Path:
    return IMAGES


def test_every_expected_finding_is_covered(
    strict_frame_redactor: FrameRedactor, images: Path
) -> None:
    """With the curator's policy, which removes every URL (the recording policy keeps public
    links such as this page's https://cla.microsoft.com)."""
    import cv2

    image = cv2.imread(str(images / "ocr_test.png"))
    assert image is not None
    result = strict_frame_redactor.redact(image, DenyList())
    assert result.dropped_reason is None
    missed = [b for b in EXPECTED if not covered(b, result.blurred, share=0.5)]
    assert missed == []


def test_a_photo_without_text_is_untouched(
    strict_frame_redactor: FrameRedactor, images: Path
) -> None:
    import cv2

    image = cv2.imread(str(images / "no_ocr.jpg"))
    assert image is not None
    result = strict_frame_redactor.redact(image, DenyList())
    assert result.dropped_reason is None and result.blurred == ()
