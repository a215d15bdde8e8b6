"""Image-redaction settings: one frozen value, storable in an episode's policy (no values)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

#: Entity types a text analyzer may report that are not personal on a screen (a clock, a
#: nationality word); blurring them costs oversmash and protects nothing.
DEFAULT_IGNORED_ENTITY_TYPES = frozenset(
    {"DATE_TIME", "NRP", "TIME", "DATE", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
)

UrlPolicy = Literal["all", "sensitive"]

#: Pixelation blocks below this at scale 1 leave card digits readable to a person (measured:
#: 3-4 px blocks were read); the padding keeps glyph edges outside a box from surviving.
MIN_BLOCK_PX = 8
MIN_PAD_PX = 4


@dataclass(frozen=True, slots=True)
class ImageRedactionSettings:
    """How frames are read and redacted. Pixel sizes are at device scale 1 (scaled per frame).

    ``repo_paths``, ``handles`` and ``channels`` (the patterns everywhere) are off by default:
    they are identifying in a company's screens but common in public ones, so they cost
    oversmash; a policy turns them on. ``cued_identifiers`` (on) takes the same values where the
    screen says what they are (a chat page, a mention, a code host's page, a git line).
    """

    # --- OCR ------------------------------------------------------------------------------
    ocr_engine: str = "rapidocr"
    #: Text detection (not recognition, which reads full-resolution pixels) runs at this scale
    #: of a scale-1 frame (halved again on a scale-2 screen), and at most this long a side.
    #: Measured on the dev set: 0.6 reads every gold value that 1.0 reads, 0.5 lost 5 of 202.
    det_scale: float = 0.6
    det_max_side: int = 2048
    #: Words read with less confidence than this are dropped.
    min_word_score: float = 0.5
    #: Read with the int8 OCR models (``redaction.image.quantized``: prepared by
    #: ``make models``, verified by checksum, used only where the CPU has int8 dot products;
    #: the float models otherwise). Off: they read some text differently and are not yet
    #: adopted (benchmarks/README.md, "scripts/quantize_ocr.py").
    ocr_int8: bool = False
    # --- analysis -------------------------------------------------------------------------
    #: Spans from the text analyzer below this score are ignored.
    min_span_score: float = 0.4
    ignored_entity_types: frozenset[str] = DEFAULT_IGNORED_ENTITY_TYPES
    #: "sensitive": only URLs that carry a token, a user, an e-mail or a private-looking
    #: path; "all": every URL.
    url_policy: UrlPolicy = "sensitive"
    #: Use screen layout as context: "Label: value", a label above a value, column headers,
    #: chat and list rows (a name and a time, a name and its address).
    layout_context: bool = True
    #: The learned screen-token classifier (``redaction.image.classifier``): words it scores at
    #: or above this probability are added to the rules' findings (one decision). None: rules
    #: only. ``text_rules`` False leaves the text to the model alone (to measure it; faces and
    #: masked fields are still found).
    screen_model_threshold: float | None = None
    text_rules: bool = True
    # --- other detectors ------------------------------------------------------------------
    faces: bool = True
    password_fields: bool = True
    #: Deny-list matching: fuzzy ratio for a match, and the shortest prefix of a value that
    #: counts (a value being typed is on screen a prefix at a time).
    deny_fuzzy_ratio: float = 0.85
    deny_min_prefix: int = 4
    #: Handles, channels and repositories where the screen says what they are: a chat app's
    #: channel list and composer, a mention, a code host's page or a git command, a shell
    #: prompt, a home directory (precise enough for public screens, so on by default).
    cued_identifiers: bool = True
    #: The same patterns everywhere, without a cue (cost oversmash on public screens).
    repo_paths: bool = False
    handles: bool = False
    channels: bool = False
    # --- blur -----------------------------------------------------------------------------
    #: Device scale of the frames (2 on a "retina" screen); pixel sizes below are multiplied.
    scale_factor: float = 1.0
    pad_px: int = 4
    block_px: int = 12
    # --- incremental OCR ------------------------------------------------------------------
    #: Above this share of changed pixels' rows the whole frame is read again.
    max_changed_fraction: float = 0.45

    def __post_init__(self) -> None:
        if self.block_px < MIN_BLOCK_PX:
            raise ValueError(f"block_px must be at least {MIN_BLOCK_PX}")
        if self.pad_px < MIN_PAD_PX:
            raise ValueError(f"pad_px must be at least {MIN_PAD_PX}")
        if self.scale_factor <= 0:
            raise ValueError("scale_factor must be positive")
        if not 0 < self.deny_fuzzy_ratio <= 1:
            raise ValueError("deny_fuzzy_ratio must be in (0, 1]")
        if self.screen_model_threshold is not None and not 0 < self.screen_model_threshold < 1:
            raise ValueError("screen_model_threshold must be in (0, 1) or None")
        if self.deny_min_prefix < 2:
            raise ValueError("deny_min_prefix must be at least 2")

    @classmethod
    def strictest(cls, **overrides: Any) -> ImageRedactionSettings:
        """Every detector on and lower thresholds: for the audit, which looks for any residue."""
        values: dict[str, Any] = dict(
            min_word_score=0.3,
            min_span_score=0.25,
            url_policy="all",
            repo_paths=True,
            handles=True,
            channels=True,
            deny_fuzzy_ratio=0.8,
        )
        values.update(overrides)
        return cls(**values)

    def ocr_options(self) -> dict[str, Any]:
        """Options for :func:`redaction.image.ocr.create_engine` (RapidOCR's)."""
        if self.ocr_engine == "rapidocr":
            options: dict[str, Any] = {
                "det_scale": self.det_scale,
                "det_max_side": self.det_max_side,
                "min_word_score": self.min_word_score,
            }
            if self.ocr_int8:
                options["quantized"] = True
            return options
        return {"min_word_score": self.min_word_score}

    def replace(self, **changes: Any) -> ImageRedactionSettings:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able description (settings only, never a value) for an episode's policy."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        out["ignored_entity_types"] = sorted(self.ignored_entity_types)
        return out
