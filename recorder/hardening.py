"""No side channels while recording: no core dumps, not dumpable, quiet third-party loggers.

Raw keystrokes and pixels live in this process's memory until they are redacted; a core dump
or a ptrace attach would put them on disk or in another process. Third-party libraries
(RapidOCR, Presidio, onnxruntime, spaCy) log at INFO or WARNING with recognised text in some
messages; they are capped at ERROR and their handlers removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import logging
import os
import sys
from typing import Any

_PR_SET_DUMPABLE = 4
THIRD_PARTY_LOGGERS = ("RapidOCR", "rapidocr", "presidio-analyzer", "presidio-anonymizer",
                       "presidio_analyzer", "onnxruntime", "spacy", "tldextract", "filelock",
                       "PIL", "ray")


def disable_core_dumps() -> None:
    """RLIMIT_CORE 0 and PR_SET_DUMPABLE 0 (Linux): no core file, no ptrace by other users."""
    with contextlib.suppress(ValueError, OSError, ImportError):
        import resource  # POSIX only (Windows has no rlimits)

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    libc = _libc()
    if libc is not None:
        with contextlib.suppress(OSError, AttributeError):
            libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def quiet_third_party_loggers() -> None:
    for name in THIRD_PARTY_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.ERROR)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        # A logger with no handler at all would reach logging.lastResort, which prints to
        # stderr: a null handler keeps even their errors (which may quote text) off it.
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
    # onnxruntime's C++ logger: 3 = errors only.
    os.environ.setdefault("ORT_LOGGING_LEVEL", "3")


#: cuarec's own loggers live under this name. Their messages carry counts, stages, timings
#: and exception types, never recorded values (the canary test runs at DEBUG to prove it).
LOGGER = "cuarec"
LOG_LEVELS = ("error", "warning", "info", "debug")


def configure_logging(level: str = "warning", stream: Any = None) -> None:
    """Send cuarec's own log records at ``level`` and above to stderr. Third-party loggers
    stay capped whatever the level: they are not ours to vouch for."""
    if level not in LOG_LEVELS:
        raise ValueError(f"log level must be one of {', '.join(LOG_LEVELS)}")
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("cuarec: %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level.upper())
    logger.propagate = False
    quiet_third_party_loggers()


def harden_process() -> None:
    disable_core_dumps()
    quiet_third_party_loggers()


@functools.cache
def _libc() -> Any:
    """The C library (Linux and other POSIX systems), or None."""
    name = ctypes.util.find_library("c") if os.name == "posix" else None
    if not name:
        return None
    try:
        return ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None


def release_free_memory() -> None:
    """Give freed heap memory back to the system (glibc ``malloc_trim``; a no-op elsewhere).

    Each screenshot's OCR allocates and frees tens of MB of tensors; glibc keeps freed
    blocks in its heap, so the recorder's RSS crept up by ~60 MB a minute at 1080p until
    trimmed after each screenshot (measured: 336 -> 116 MB above the engines)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def is_dumpable() -> bool:
    """Whether this process could dump core (for tests)."""
    libc = _libc()
    if libc is None:
        return True
    import resource

    dumpable = libc.prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
    soft, _ = resource.getrlimit(resource.RLIMIT_CORE)
    return bool(dumpable) or soft != 0
