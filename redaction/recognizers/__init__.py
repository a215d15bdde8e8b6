"""The former name of :mod:`redaction.rules` (recognizer plug-ins written against it keep
working: a ``Recognizer`` is a :class:`redaction.rules.Rule`, registered in the same registry).
"""

from redaction.recognizers.base import REGISTRY, Recognizer, RecognizerRegistry, register
from redaction.rules import IdentityMatcher

__all__ = ["REGISTRY", "IdentityMatcher", "Recognizer", "RecognizerRegistry", "register"]
