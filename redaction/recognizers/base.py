"""The former names of the rule base class and registry (:mod:`redaction.rules.base`)."""

import redaction.rules  # noqa: F401  (registers the built-in rules first, in their order)
from redaction.rules.base import REGISTRY, register
from redaction.rules.base import Rule as Recognizer
from redaction.rules.base import RuleRegistry as RecognizerRegistry

__all__ = ["REGISTRY", "Recognizer", "RecognizerRegistry", "register"]
