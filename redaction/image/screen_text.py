"""The text policy as the frame redactor wants it: screen text is not typing.

Two parts of the text redactor exist for typed text and misfire on screens:

- the re-capitalised NER pass (for names typed in lowercase): screen text already has its
  capitals, and re-capitalising UI labels (a verb and a noun) turns list rows into names;
- the ``lone_credential`` recognizer (a typing run that is one password-shaped token is what
  goes into a password field): on a screen every short cell (a ticket key, a file name, a
  time zone) is such a line. Passwords on screens are masked, and masked fields are found
  from the pixels instead (:mod:`redaction.image.visual`).

Everything else (entity types, thresholds, model) stays the policy's.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from redaction.rules.base import REGISTRY

if TYPE_CHECKING:
    from redaction.policy import Policy


def typing_only_rules() -> frozenset[str]:
    """Names of the rules that do not apply to screen text (typing-only ones). Read when a
    policy is made (the registry is complete by then: the rule families import this package)."""
    return REGISTRY.not_applying_to("screen")


def screen_policy(policy: Policy) -> Policy:
    """``policy`` for screen text: no re-capitalised NER pass, no typing-only recognizers."""
    ner = policy.ner
    if ner.recased_pass:
        ner = dataclasses.replace(ner, recased_pass=False)
    return dataclasses.replace(
        policy, ner=ner, disabled_recognizers=policy.disabled_recognizers | typing_only_rules()
    )
