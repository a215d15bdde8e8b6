"""cuarec's redaction library: finds personal data in typed text and screenshots, in memory.

It knows nothing of capture, files or the command line, and never imports ``recorder``.
Heavy engines (Presidio, OCR) are built once by the caller and passed in.
"""

from redaction.models import Box, InputEvent, Redaction, Span

__all__ = ["Box", "InputEvent", "Redaction", "Span"]
