"""The text policy as the frame redactor wants it: screen text is not typing.

The text redactor's re-capitalised NER pass exists for names typed in lowercase. Screen text
already has its capitals, and re-capitalising UI labels ("Rollback update" -> a name) turns
list rows into false names, so frames are analysed with that pass off. Everything else (entity
types, thresholds, model) is the policy's.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redaction.policy import Policy


def screen_policy(policy: Policy) -> Policy:
    """``policy`` with the re-capitalised NER pass off (see the module docstring)."""
    if not policy.ner.recased_pass:
        return policy
    return dataclasses.replace(policy, ner=dataclasses.replace(policy.ner, recased_pass=False))
