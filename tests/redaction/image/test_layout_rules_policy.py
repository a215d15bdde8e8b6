"""The frame redactor the facade builds runs the layout rules the policy enables, with the
scores it gives them by name."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Any

from redaction import Redactor
from redaction.policy import Policy


def test_the_policy_disables_and_scores_layout_rules_by_name(
    default_policy: Policy, ocr_engine: Any
) -> None:
    policy = dataclasses.replace(
        default_policy,
        disabled_recognizers=default_policy.disabled_recognizers | {"column_header"},
        rule_scores=MappingProxyType({"label_colon": 0.9}),
    )
    frames = Redactor.build(policy, no_ner=True, ocr=ocr_engine).frames
    names = {r.name for r in frames.layout_rules.rules}
    assert "column_header" not in names
    assert {"label_colon", "name_then_title", "mention"} <= names
    assert frames.layout_rules.scores == {"label_colon": 0.9}
