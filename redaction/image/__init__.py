"""Screenshot redaction: OCR, personal-data regions, faces, masked fields, irreversible blur.

Public API::

    from redaction import Redactor
    redactor = Redactor.build("default").frames   # the screen policy and OCR as the recorder
    result = redactor.redact(frame_bgr, deny_list, previous_frame=..., previous_lines=...)

    from redaction.image import FrameAuditor
    findings = FrameAuditor(text_redactor, engine).audit(stored_frame)

See docs/REDACTION_IMAGE.md.
"""

from importlib import import_module
from typing import TYPE_CHECKING

# Names resolve on first use (PEP 562), so the rule modules that need only the screen's value
# objects (findings, layout, page) do not load OCR and the frame pipeline with this package.
_EXPORTS = {
    "AuditFinding": "audit",
    "FrameAuditor": "audit",
    "audit_frame": "audit",
    "FrameDropped": "frame",
    "FrameRedactor": "frame",
    "FrameResult": "frame",
    "FrameStats": "frame",
    "OcrReport": "incremental",
    "OcrEngine": "ocr",
    "OcrEngineRegistry": "ocr",
    "OcrError": "ocr",
    "OcrLine": "ocr",
    "OcrWord": "ocr",
    "RapidOcrEngine": "ocr",
    "TesseractEngine": "ocr",
    "create_engine": "ocr",
    "registry": "ocr",
    "screen_policy": "screen_text",
    "ImageRedactionSettings": "settings",
}

if TYPE_CHECKING:
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


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
