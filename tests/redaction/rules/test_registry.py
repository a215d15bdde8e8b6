"""The rule registry: every rule has a family test table; registration checks."""

from __future__ import annotations

import importlib

import pytest

from redaction.errors import PolicyError
from redaction.models import Span
from redaction.rules import REGISTRY, IdentityMatcher, Rule, RuleRegistry
from redaction.rules.layout_base import LayoutRule


def _tables(attribute: str) -> set[str]:
    names = set()
    for cls in REGISTRY.classes():
        family = cls.__module__.rsplit(".", 1)[1]
        module = importlib.import_module(f"tests.redaction.rules.test_{family}")
        names |= {case[0] for case in getattr(module, attribute)}
    return names


def test_every_rule_has_true_and_false_cases_in_its_family_test() -> None:
    names = set(REGISTRY.names())
    assert names <= _tables("TRUE_CASES")
    assert names - {"url"} <= _tables("FALSE_CASES")


def test_only_typing_rules_stay_off_screens() -> None:
    # The typed-text passes of the name steps stay off screens too (as ``recased_pass``).
    assert REGISTRY.not_applying_to("screen") == {
        "lone_credential",
        "recasing",
        "unknown_word",
        "chat_addressee",
        "lone_guess",
    }
    # Layout rules read a screen's layout: they apply to screens only; text rules everywhere.
    layout = {r.name for r in REGISTRY.instances() if isinstance(r, LayoutRule)}
    assert layout and REGISTRY.not_applying_to("typing") == layout


def test_layout_rules_are_not_text_rules_and_a_policy_disables_them_by_name() -> None:
    from redaction.image.context import LayoutRules

    assert not {r.name for r in REGISTRY.build()} & {
        r.name for r in REGISTRY.instances() if isinstance(r, LayoutRule)
    }
    rules = LayoutRules.build(disabled=["column_header", "lone_credential"])
    names = [r.name for r in rules.rules]
    assert "column_header" not in names and "label_colon" in names
    with pytest.raises(PolicyError, match="unknown"):
        LayoutRules.build(disabled=["no_such_rule"])


def test_identity_matcher_matches_parts_of_names() -> None:
    from redaction.denylist import DenyList

    deny = DenyList()
    deny.add("Ann Lee-Smith", "PERSON", "identity")
    matcher = IdentityMatcher(["Project Nightingale"])
    text = "ann  lee-smith and LEE-SMITH on project nightingale"
    spans = list(matcher.find(text, deny))
    assert {text[s.start : s.end].lower() for s in spans} == {
        "ann  lee-smith",
        "lee-smith",
        "project nightingale",
    }


def test_registry_rejects_duplicates_and_unknown_types() -> None:
    registry = RuleRegistry()

    class Good(Rule):
        name = "good"
        entity_types = frozenset({"PERSON"})

        def find(self, text: str) -> list[Span]:
            return []

    registry.register(Good)
    with pytest.raises(ValueError, match="twice"):
        registry.register(Good)

    class Bad(Good):
        name = "bad"
        entity_types = frozenset({"NOT_A_TYPE"})

    with pytest.raises(ValueError, match="unknown entity types"):
        registry.register(Bad)


def test_registry_rejects_an_unknown_place() -> None:
    class Nowhere(Rule):
        name = "nowhere"
        entity_types = frozenset({"PERSON"})
        applies_to = frozenset({"clipboard"})  # type: ignore[arg-type]

        def find(self, text: str) -> list[Span]:
            return []

    with pytest.raises(ValueError, match="applies to"):
        RuleRegistry().register(Nowhere)
