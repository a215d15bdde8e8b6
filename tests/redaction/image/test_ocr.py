"""OCR engines: word boxes where the words are; Tesseract through stdin, no temporary file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from redaction.image import OcrError, OcrWord, TesseractEngine, create_engine, registry
from redaction.image.ocr import Recheck, words_from_chars
from redaction.models import Box
from tests.redaction.image.conftest import ScreenFactory


def _check_words(lines: Any, drawn: Any) -> None:
    words = {w.text: w.box for line in lines for w in line.words}
    for text in ("Invoice", "2024-0117", "approved"):
        assert text in words, words.keys()
        ink = drawn.boxes[text]
        box = words[text]
        # The word box holds the word's ink (give or take the engine's margin).
        assert box.x <= ink.x + 4 and box.x + box.w >= ink.x + ink.w - 4
        assert box.y <= ink.y + 3 and box.y + box.h >= ink.y + ink.h - 3


def _drawn(screen: ScreenFactory) -> Any:
    return screen(
        [("Invoice", 30, 30), ("2024-0117", 150, 30), ("approved", 300, 30)],
        size=(500, 90),
        font_px=20,
    )


def test_rapidocr_reads_words_with_their_boxes(ocr_engine: Any, screen: ScreenFactory) -> None:
    drawn = _drawn(screen)
    _check_words(ocr_engine.read(drawn.image), drawn)


def test_rapidocr_reads_a_region_in_frame_coordinates(
    ocr_engine: Any, screen: ScreenFactory
) -> None:
    drawn = _drawn(screen)
    lines = ocr_engine.read_region(drawn.image, Box(128, 0, 372, 90))
    texts = [w.text for line in lines for w in line.words]
    assert "approved" in texts and "Invoice" not in texts
    _check_words(ocr_engine.read(drawn.image), drawn)


def test_tesseract_when_installed(
    screen: ScreenFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not TesseractEngine.available():
        assert "tesseract" not in registry.names()
        with pytest.raises(OcrError):
            create_engine("tesseract")
        return
    assert "tesseract" in registry.names()
    # Any temporary file would land here: the frame must go through stdin only.
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    drawn = _drawn(screen)
    _check_words(create_engine("tesseract").read(drawn.image), drawn)
    assert list(tmp_path.iterdir()) == []


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(OcrError, match="unknown OCR engine"):
        create_engine("nonesuch")


def test_recognised_text_stays_out_of_reprs() -> None:
    word = OcrWord("secret-value", Box(0, 0, 10, 10), 0.9)
    assert "secret-value" not in repr(word)


def test_word_boxes_split_a_line_when_character_boxes_are_missing() -> None:
    words = words_from_chars("ab cd", [], Box(0, 0, 50, 10), 0.9)
    assert [w.text for w in words] == ["ab", "cd"]
    assert words[0].box.x == 0 and words[1].box.x + words[1].box.w == 50


def test_no_model_download_is_attempted(
    ocr_engine: Any, screen: ScreenFactory, no_network: None
) -> None:
    # Building and reading with the bundled models must not touch the network.
    engine = create_engine("rapidocr")
    assert engine.read(_drawn(screen).image)
    assert os.environ.get("RAPIDOCR_DOWNLOAD") is None


def test_rapidocr_sessions_do_not_spin_and_take_the_thread_count() -> None:
    engine: Any = create_engine("rapidocr", threads=1)
    for session in engine.onnx_sessions().values():
        options = session.get_session_options()
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
        assert options.intra_op_num_threads == 1
        assert not options.enable_cpu_mem_arena


def test_rapidocr_width_buckets_keep_each_text_with_its_line(
    ocr_engine: Any, screen: ScreenFactory
) -> None:
    # Lines of very different widths: with buckets, each is recognised in another batch
    # than by default; every text must come back to its own line.
    texts = [
        "Invoice",
        "Total due 2024-0117",
        "approved",
        "Shipping to 12 Market Street, Springfield",
    ]
    drawn = screen([(t, 20, 20 + 50 * i) for i, t in enumerate(texts)], size=(700, 230))
    bucketed: Any = create_engine("rapidocr", rec_width_bucket=1.0)
    default = [(line.text, line.box) for line in ocr_engine.read(drawn.image)]
    assert [text for text, _ in default] == texts
    assert [(line.text, line.box) for line in bucketed.read(drawn.image)] == default


@pytest.mark.parametrize(
    "rule, text, char_scores, expected",
    [
        (Recheck(0.7), "alice@example.com", (0.99, 0.61, 0.98), True),  # one unsure character
        (Recheck(0.7), "alice@example.com", (0.99, 0.70, 0.98), False),  # at the threshold
        (Recheck(0.7), "Invoice", (), True),  # no character scores: unsure
        (Recheck(0.7), "   ", (0.0,), True),  # nothing read from a detected box
        (Recheck(0.7, empty=False), "", (0.0,), False),
        (Recheck(0.0), "Invoice", (0.01,), False),
        (Recheck(1.01), "Invoice", (1.0, 1.0), True),
    ],
)
def test_recheck_picks_lines_with_an_unsure_character(
    rule: Recheck, text: str, char_scores: tuple[float, ...], expected: bool
) -> None:
    assert rule.needs(text, char_scores) is expected


def _other_copy_of_the_float_recogniser(tmp_path: Path) -> Path:
    """The bundled float recogniser under another path (a stand-in for a prepared model that
    reads exactly as the float one does)."""
    import rapidocr

    bundled = sorted((Path(rapidocr.__file__).resolve().parent / "models").glob("*rec*.onnx"))
    copy = tmp_path / "rec_int8.onnx"
    copy.symlink_to(bundled[-1])
    return copy


def test_hybrid_reading_reads_again_what_the_rule_picks(
    ocr_engine: Any, screen: ScreenFactory, tmp_path: Path
) -> None:
    drawn = screen([("Invoice 2024-0117", 20, 20), ("approved", 20, 70)], size=(400, 120))
    model = _other_copy_of_the_float_recogniser(tmp_path)
    expected = [(line.text, line.box) for line in ocr_engine.read(drawn.image)]
    everything: Any = create_engine("rapidocr", rec_model=model, recheck=Recheck(1.01))
    nothing: Any = create_engine("rapidocr", rec_model=model, recheck=Recheck(0.0, empty=False))
    for engine, rechecked in ((everything, 2), (nothing, 0)):
        assert [(line.text, line.box) for line in engine.read(drawn.image)] == expected
        assert engine.last_timings["rechecked"] == rechecked
    readings = everything.readings(drawn.image)
    assert [(box, main.text, second.text) for box, main, second in readings] == [
        (box, text, text) for text, box in expected
    ]
    assert everything.boxes(drawn.image) == [box for _, box in expected]
    assert everything.describe()["recheck_below"] == 1.01


def test_no_hybrid_reading_when_the_recogniser_is_the_float_one(
    ocr_engine: Any, screen: ScreenFactory
) -> None:
    engine: Any = create_engine("rapidocr", recheck=Recheck(1.01))
    assert engine.recheck is None and "recheck_below" not in engine.describe()
    drawn = screen([("approved", 20, 20)], size=(300, 70))
    assert engine.read(drawn.image) == ocr_engine.read(drawn.image)
    assert [second for _, _, second in engine.readings(drawn.image)] == [None]
