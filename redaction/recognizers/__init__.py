"""Deterministic recognizers: the plug-in ABC, the registry, and cuarec's built-in set.

Importing this package registers every built-in recognizer in :data:`REGISTRY`. Add your
own with ``@register`` on a :class:`Recognizer` subclass (its ``name`` must be new and its
``entity_types`` must be types of :mod:`redaction.entities`).
"""

from redaction.recognizers import (  # noqa: F401  (imported to register the recognizers)
    address,
    birth_dates,
    contact,
    credentials,
    dates,
    financial,
    identifiers,
    online,
    person,
    secret_keys,
    secrets,
    signoff,
    world_ids,
)
from redaction.recognizers.base import REGISTRY, Recognizer, RecognizerRegistry, register
from redaction.recognizers.identity import IdentityMatcher

__all__ = ["REGISTRY", "IdentityMatcher", "Recognizer", "RecognizerRegistry", "register"]
