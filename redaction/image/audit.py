"""The audit core: re-read a stored (already redacted) frame and look for anything left.

Curators run this over episodes made by others. It OCRs the stored frame again, analyses it
with the strictest settings (every optional detector on, lower thresholds) and reports what it
finds: entity type, recognizer, score and box. Never the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redaction.image.frame import FrameRedactor
from redaction.image.ocr import OcrEngine
from redaction.image.settings import ImageRedactionSettings
from redaction.models import Box, TextAnalyzer

if TYPE_CHECKING:
    from redaction.denylist import DenyList


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """Personal data still visible in a stored frame: what kind, where; never the value."""

    entity_type: str
    recognizer: str
    score: float
    box: Box


class FrameAuditor:
    """Re-OCR and re-analyse stored frames with the strictest settings. Build once, reuse."""

    def __init__(
        self,
        analyzer: TextAnalyzer,
        ocr: OcrEngine | None = None,
        settings: ImageRedactionSettings | None = None,
    ) -> None:
        self.settings = settings or ImageRedactionSettings.strictest()
        self._redactor = FrameRedactor(analyzer, ocr, self.settings)

    def audit(
        self, frame: Any, deny_list: DenyList | None = None, *, scale: float | None = None
    ) -> tuple[AuditFinding, ...]:
        """Findings in ``frame`` (BGR uint8). Raises on unusable input (nothing is hidden)."""
        from redaction.image.frame import as_bgr

        page = self._redactor.find(as_bgr(frame), deny_list, scale=scale)
        return tuple(
            AuditFinding(f.entity_type, f.recognizer, round(f.score, 4), box)
            for f in page.findings
            for box in f.boxes
        )


def audit_frame(
    frame: Any,
    analyzer: TextAnalyzer,
    ocr: OcrEngine | None = None,
    deny_list: DenyList | None = None,
    *,
    settings: ImageRedactionSettings | None = None,
    scale: float | None = None,
) -> tuple[AuditFinding, ...]:
    """One-off audit of one frame (build a :class:`FrameAuditor` to audit many)."""
    return FrameAuditor(analyzer, ocr, settings).audit(frame, deny_list, scale=scale)
