"""cuarec's redaction library: finds personal data in typed text and screenshots, in memory.

It knows nothing of capture, files or the command line, and never imports ``recorder``.
Heavy engines (Presidio, OCR) are built once by the caller and passed in.
"""

import os

# onnxruntime (under RapidOCR) >= 1.2x keeps a device id and an event database in
# ~/.cache/Microsoft/DeveloperTools and tries to upload telemetry to Microsoft unless this is
# set before it loads. Offline means offline, and nothing but episodes is written.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from redaction.errors import ModelUnavailableError, PolicyError, RedactionError
from redaction.facade import Redactor
from redaction.keystrokes import TypedRun, TypedText, rebuild_typing
from redaction.models import Box, InputEvent, Redaction, Span
from redaction.nlp import NerEngine
from redaction.policy import Policy, load_policy
from redaction.text import RedactedText, TextRedactor
from redaction.typing_events import RedactedEvents

__all__ = [
    "Box",
    "InputEvent",
    "ModelUnavailableError",
    "NerEngine",
    "Policy",
    "PolicyError",
    "RedactedEvents",
    "RedactedText",
    "Redaction",
    "RedactionError",
    "Redactor",
    "Span",
    "TextRedactor",
    "TypedRun",
    "TypedText",
    "load_policy",
    "rebuild_typing",
]
