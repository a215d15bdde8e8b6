"""The audit core: residual personal data in stored frames, reported without values."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from redaction.denylist import DenyList
from redaction.image import AuditFinding, FrameAuditor, FrameRedactor, ImageRedactionSettings
from tests.redaction.image.conftest import ScreenFactory

VALUES = ("Teodora Quill", "t.quill@oxbridge-labs.com", "#ops-incidents")


@pytest.fixture(scope="module")
def auditor(text_redactor: Any, ocr_engine: Any) -> FrameAuditor:
    return FrameAuditor(text_redactor, ocr_engine)


@pytest.fixture(scope="module")
def raw(screen: ScreenFactory) -> Any:
    return screen(
        [
            ("Owner", 20, 20),
            ("Teodora Quill", 20, 46),
            ("Contact t.quill@oxbridge-labs.com about it", 20, 100),
            ("Posted in #ops-incidents", 20, 150),
            ("Release checklist", 500, 20),
        ],
        size=(800, 200),
    )


def test_audit_finds_what_a_raw_frame_shows(auditor: FrameAuditor, raw: Any) -> None:
    findings = auditor.audit(raw.image, DenyList())
    types = {f.entity_type for f in findings}
    assert {"PERSON", "EMAIL_ADDRESS", "CHANNEL"} <= types  # channels: strictest settings
    for f in findings:
        assert isinstance(f, AuditFinding) and f.box.w > 0 and f.box.h > 0
        values = [getattr(f, x.name) for x in dataclasses.fields(f)]
        assert not any(isinstance(v, str) and any(p in v for p in VALUES) for v in values)


def test_a_frame_redacted_with_the_same_settings_audits_clean(
    text_redactor: Any, ocr_engine: Any, auditor: FrameAuditor, raw: Any
) -> None:
    strict = FrameRedactor(text_redactor, ocr_engine, ImageRedactionSettings.strictest())
    redacted = strict.redact(raw.image, DenyList())
    assert redacted.frame is not None
    assert auditor.audit(redacted.frame, DenyList()) == ()


def test_the_audit_refuses_unusable_input_loudly(auditor: FrameAuditor) -> None:
    with pytest.raises(Exception, match="invalid_frame"):
        auditor.audit("not a frame")
