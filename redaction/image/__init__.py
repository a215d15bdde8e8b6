"""Screenshot redaction: OCR, personal-data regions, faces, masked fields, irreversible blur.

Public API::

    from redaction import Redactor
    redactor = Redactor.build("default").frames   # the screen policy and OCR as the recorder
    result = redactor.redact(frame_bgr, deny_list, previous_frame=..., previous_lines=...)

    from redaction.image import FrameAuditor
    findings = FrameAuditor(text_redactor, engine).audit(stored_frame)

See docs/REDACTION_IMAGE.md.
"""

from redaction.image.audit import AuditFinding, FrameAuditor, audit_frame
from redaction.image.frame import FrameDropped, FrameRedactor, FrameResult, FrameStats
from redaction.image.incremental import OcrReport
from redaction.image.ocr import (
    OcrEngine,
    OcrEngineRegistry,
    OcrError,
    OcrLine,
    OcrWord,
    RapidOcrEngine,
    TesseractEngine,
    create_engine,
    registry,
)
from redaction.image.screen_text import screen_policy
from redaction.image.settings import ImageRedactionSettings

__all__ = [
    "AuditFinding",
    "FrameAuditor",
    "FrameDropped",
    "FrameRedactor",
    "FrameResult",
    "FrameStats",
    "ImageRedactionSettings",
    "OcrEngine",
    "OcrEngineRegistry",
    "OcrError",
    "OcrLine",
    "OcrReport",
    "OcrWord",
    "RapidOcrEngine",
    "TesseractEngine",
    "audit_frame",
    "create_engine",
    "registry",
    "screen_policy",
]
