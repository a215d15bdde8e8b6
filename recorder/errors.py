"""The one exit-code table every command uses, and the errors that map onto it.

Messages are one line and must never carry recorded data: they may name a file the user gave
us, never a value read from inside it.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: The command finished, but with findings (audit) or per-file failures (batch work).
    FINDINGS = 1
    #: Wrong flags or an input file that cannot be used.
    USAGE = 2
    #: The environment is missing something: no display, no model, no permission, disk full.
    ENVIRONMENT = 3
    #: A bug in cuarec. The message names only the exception type, never its text.
    INTERNAL = 4
    #: Interrupted by the user (Ctrl+C) outside a recording.
    INTERRUPTED = 130


class CuarecError(Exception):
    """Base class: a one-line, value-free message and the exit code it means."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(CuarecError):
    exit_code = ExitCode.USAGE


class InvalidEpisodeError(CuarecError):
    """A file that is not a usable cuarec episode (corrupt, truncated, foreign, too large)."""

    exit_code = ExitCode.USAGE


class EnvironmentProblem(CuarecError):
    exit_code = ExitCode.ENVIRONMENT


class Interrupted(CuarecError):
    """Ctrl+C: the message says what finished and how to go on."""

    exit_code = ExitCode.INTERRUPTED
