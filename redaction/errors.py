"""Errors raised by the redaction library.

``redaction`` never imports ``recorder``, so it cannot raise ``recorder.errors.CuarecError``;
the application maps these onto its exit codes (``ModelUnavailableError`` means "the
environment is missing something", exit 3; ``PolicyError`` means "bad input", exit 2).

Every message is one line and never carries a recorded value: only names the user chose
(a model package, a policy file) or fixed text.
"""

from __future__ import annotations


class RedactionError(Exception):
    """Base class: a one-line message that carries no recorded value."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ModelUnavailableError(RedactionError):
    """The NER model the policy names cannot be loaded (not installed, broken, wrong version).

    Nothing is ever downloaded in its place; the caller either installs the model or opts
    out of NER explicitly (``Policy.no_ner``), which is then recorded in the episode.
    """


class PolicyError(RedactionError):
    """A policy file or value that cannot be used (unknown entity, bad threshold, bad TOML)."""
