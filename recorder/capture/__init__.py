"""Capture: input, screens and windows into raw steps, in memory only (X11, macOS, Windows).

The record pipeline calls :class:`CaptureSession` and redacts the :class:`RawStep` objects
it yields; nothing in this package writes recorded data to disk. pynput is imported only
inside a running session (it fails to import without a display).

    result = CaptureSession(CaptureConfig(duration_s=60)).run()
    for step in result.steps: ...   # or CaptureSession(config, on_step=callback)
"""

from recorder.capture.backend import (
    BUTTON_PRESS,
    BUTTON_RELEASE,
    KEY_PRESS,
    KEY_RELEASE,
    MOVE,
    SCROLL,
    CaptureBackend,
    FrameSource,
    Monitor,
    RawWindow,
)
from recorder.capture.environment import check_x11_environment, session_type
from recorder.capture.frames import Frame, FrameRing, SessionClock
from recorder.capture.hotkeys import Hotkey, default_hotkeys
from recorder.capture.keys import normalize_key
from recorder.capture.platforms import BackendRegistry, choose_backend, register_backend
from recorder.capture.session import (
    READY_PREFIX,
    CaptureConfig,
    CaptureResult,
    CaptureSession,
    CaptureStats,
)
from recorder.capture.steps import CoordinateMap, RawStep, StepConfig, StepReducer
from recorder.episode.schema import ACTION_TYPES, EVENT_KINDS

__all__ = [
    "ACTION_TYPES",
    "BUTTON_PRESS",
    "BUTTON_RELEASE",
    "EVENT_KINDS",
    "KEY_PRESS",
    "KEY_RELEASE",
    "MOVE",
    "READY_PREFIX",
    "SCROLL",
    "BackendRegistry",
    "CaptureBackend",
    "CaptureConfig",
    "CaptureResult",
    "CaptureSession",
    "CaptureStats",
    "CoordinateMap",
    "Frame",
    "FrameRing",
    "FrameSource",
    "Hotkey",
    "Monitor",
    "RawStep",
    "RawWindow",
    "SessionClock",
    "StepConfig",
    "StepReducer",
    "check_x11_environment",
    "choose_backend",
    "default_hotkeys",
    "normalize_key",
    "register_backend",
    "session_type",
]
