"""The former names of the rule base class, the registry and the rule helpers
(:mod:`redaction.rules.base`, :mod:`redaction.rules.support`): recognizers written against them
keep importing from here."""

import redaction.rules  # noqa: F401  (registers the built-in rules first, in their order)
from redaction.rules.base import REGISTRY, register
from redaction.rules.base import Rule as Recognizer
from redaction.rules.base import RuleRegistry as RecognizerRegistry
from redaction.rules.support import (
    Context,
    H,
    Validator,
    context,
    digits_of,
    finditer,
    luhn_valid,
    shannon_entropy,
    words_regex,
)

__all__ = [
    "REGISTRY",
    "Context",
    "H",
    "Recognizer",
    "RecognizerRegistry",
    "Validator",
    "context",
    "digits_of",
    "finditer",
    "luhn_valid",
    "register",
    "shannon_entropy",
    "words_regex",
]
