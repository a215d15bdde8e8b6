"""Every detector of the text redactor as a named rule, and the registry they live in.

Importing this package registers every built-in rule in :data:`REGISTRY`, family by family
(the order is the order spans are found in). Add your own with ``@register`` on a
:class:`Rule` subclass (see :mod:`redaction.rules.base`), or on a
:class:`redaction.rules.layout_base.LayoutRule` subclass for a rule that reads a screen's
layout (the ``layout`` and ``screen_*`` families). The name heuristics that read English are
language steps of the same registry (:class:`redaction.rules.base.LanguageStep`, the
``names`` family), built by the text redactor with its NER model's English.
"""

from redaction.rules import (  # noqa: F401  (imported to register the rules)
    addresses,
    birth_dates,
    contact,
    credentials,
    dates,
    financial,
    government_ids,
    layout,
    names,
    online,
    people,
    screen_identifiers,
    screen_organisations,
    screen_people,
    secret_keys,
    secrets,
    signoff,
    world_ids,
)
from redaction.rules.base import EVERYWHERE, REGISTRY, Rule, RuleRegistry, Where, register
from redaction.rules.identity import IdentityMatcher

__all__ = ["EVERYWHERE", "REGISTRY", "IdentityMatcher", "Rule", "RuleRegistry", "Where", "register"]
