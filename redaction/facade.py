"""One entry point: the text and frame redactors, configured exactly as the recorder uses them.

::

    from redaction import Redactor

    redactor = Redactor.build("default")
    print(redactor.text.redact_text("Dear Ana Lima, call me on +44 20 7946 0958").text)

    result = redactor.frames.redact(frame_bgr)      # a numpy BGR uint8 screenshot
    blurred = result.frame                          # None when the frame had to be dropped

The frame redactor reads screen text with the screen form of the policy
(:func:`redaction.image.screen_policy`: no typing-only rules, no re-capitalised NER pass) and
shares the text redactor's NER engine. Building loads the NER model and the OCR models (seconds);
build once per process.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from redaction.nlp import NerEngine
from redaction.policy import Policy, load_policy
from redaction.text import TextRedactor

if TYPE_CHECKING:
    from redaction.image.frame import FrameRedactor
    from redaction.image.ocr import OcrEngine
    from redaction.image.settings import ImageRedactionSettings

#: OCR lines whose reading is reused by their pixels (a window switched back to, consecutive
#: frames): a few MB. What the recorder and the curators' tools use.
OCR_LINE_CACHE = 4096


class Redactor:
    """The text redactor (``text``) and the frame redactor (``frames``) of one policy.

    The frame redactor is built on first use (a text-only caller never loads OCR models); both
    are thread-safe once built.
    """

    def __init__(
        self,
        text: TextRedactor,
        *,
        settings: ImageRedactionSettings | None = None,
        ocr: OcrEngine | None = None,
        line_cache: int = OCR_LINE_CACHE,
        ocr_threads: int | None = None,
        learn_screen_values: bool = True,
        lines_alone: bool = False,
    ) -> None:
        self.text = text
        self._lines_alone = lines_alone
        self._settings = settings
        self._ocr = ocr
        self._line_cache = line_cache
        self._ocr_threads = ocr_threads
        self._learn = learn_screen_values
        self._frames: FrameRedactor | None = None
        self._lock = threading.Lock()

    @classmethod
    def build(
        cls,
        policy: str | Path | Policy = "default",
        *,
        no_ner: bool = False,
        ner: NerEngine | None = None,
        settings: ImageRedactionSettings | None = None,
        strictest_images: bool = False,
        ocr: OcrEngine | None = None,
        line_cache: int = OCR_LINE_CACHE,
        ocr_threads: int | None = None,
        learn_screen_values: bool = True,
    ) -> Redactor:
        """The redactors of ``policy`` (a built-in name, a TOML path or a loaded policy).

        ``no_ner``: the policy without NER (recorded in the episode). ``ner``: an NER engine
        already built for this policy's model, shared instead of loading another.
        ``settings``: image settings (``strictest_images``: every image detector on at the
        audit's thresholds). ``ocr``: an OCR engine already built (else one from the settings,
        with ``line_cache`` lines cached and ``ocr_threads`` threads; None: one per core).
        ``learn_screen_values``: names and values read on screen join the deny-list passed to
        ``frames.redact``. With ``strictest_images`` each OCR line is also recognised alone,
        so its reading does not depend on the lines batched with it (nor on which came from
        the line cache) and a frame redacted again reads exactly as before (curators).
        Raises :class:`redaction.errors.PolicyError` for a bad policy and
        :class:`redaction.errors.ModelUnavailableError` when the NER model is missing.
        """
        loaded = policy if isinstance(policy, Policy) else load_policy(policy)
        if no_ner:
            loaded = loaded.without_ner()
        text = TextRedactor(loaded, ner) if ner is not None else TextRedactor.build(loaded)
        if settings is None and strictest_images:
            from redaction.image.settings import ImageRedactionSettings

            settings = ImageRedactionSettings.strictest()
        return cls(
            text,
            settings=settings,
            ocr=ocr,
            line_cache=line_cache,
            ocr_threads=ocr_threads,
            learn_screen_values=learn_screen_values,
            lines_alone=strictest_images,
        )

    @property
    def frames(self) -> FrameRedactor:
        """The frame redactor (built on first use: loads the OCR models)."""
        with self._lock:
            if self._frames is None:
                self._frames = self._build_frames()
            return self._frames

    def _build_frames(self) -> FrameRedactor:
        from redaction.image.context import LayoutRules
        from redaction.image.frame import FrameRedactor
        from redaction.image.ocr import create_engine
        from redaction.image.screen_text import screen_policy
        from redaction.image.settings import ImageRedactionSettings

        settings = self._settings or ImageRedactionSettings()
        threshold = self.text.policy.screen_model_threshold
        if threshold is not None and settings.screen_model_threshold is None:
            # The policy's one threshold for the screen-token model (explicit settings win).
            settings = settings.replace(screen_model_threshold=threshold)
        ocr = self._ocr
        if ocr is None:
            options = settings.ocr_options()
            if settings.ocr_engine == "rapidocr":
                if self._line_cache:
                    options["line_cache"] = self._line_cache
                if self._ocr_threads is not None:
                    options["threads"] = self._ocr_threads
                if self._lines_alone:
                    options["rec_batch"] = 1
            ocr = create_engine(settings.ocr_engine, **options)
        policy = self.text.policy
        screen_text = TextRedactor(screen_policy(policy), self.text.ner)
        rules = LayoutRules.build(policy.disabled_recognizers, policy.rule_scores)
        return FrameRedactor(
            screen_text, ocr, settings=settings, learn_screen_values=self._learn, layout_rules=rules
        )
