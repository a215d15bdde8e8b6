"""Presidio's country recognizers, re-created for the analyzer's language: Presidio registers
them for es/it/pl (or not at all), so an English analyzer would never run them."""

from __future__ import annotations

import presidio_analyzer.predefined_recognizers as predefined
import pytest

from redaction.entities import canonical_entity
from redaction.policy import load_policy
from redaction.text import TextRedactor

COUNTRY = [
    "UkNinoRecognizer", "EsNifRecognizer", "EsNieRecognizer", "ItFiscalCodeRecognizer",
    "PlPeselRecognizer", "DeTaxIdRecognizer", "DeIdCardRecognizer", "DePassportRecognizer",
    "AuTfnRecognizer", "InAadhaarRecognizer", "InPanRecognizer", "CaSinRecognizer",
    "SePersonnummerRecognizer", "UkDrivingLicenceRecognizer", "UkPassportRecognizer",
]  # fmt: skip


@pytest.mark.parametrize("policy", ["default", "strict"])
def test_policies_enable_the_country_recognizers(policy: str) -> None:
    assert set(COUNTRY) <= set(load_policy(policy).presidio_recognizers)


@pytest.mark.parametrize("name", COUNTRY)
def test_each_is_built_for_english_and_its_labels_map(name: str) -> None:
    recognizer = getattr(predefined, name)(supported_language="en")
    assert recognizer.supported_language == "en"
    for entity in recognizer.supported_entities:
        assert canonical_entity(entity)  # raises for an unmapped label


@pytest.mark.parametrize(
    ("text", "value", "recognizer"),
    [
        ("Steuer-ID 36574261809", "36574261809", "presidio:DeTaxIdRecognizer"),
        ("PESEL 44051401359", "44051401359", "presidio:PlPeselRecognizer"),
        ("Personnummer 811228-9874", "811228-9874", "presidio:SePersonnummerRecognizer"),
    ],
)
def test_they_run_in_the_english_analyzer(
    text_redactor: TextRedactor, text: str, value: str, recognizer: str
) -> None:
    assert text_redactor.ner is not None
    spans = text_redactor.ner.analyze(text)
    assert any(text[s.start : s.end] == value and s.recognizer == recognizer for s in spans)
