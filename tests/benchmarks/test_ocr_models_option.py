"""The benchmarks' ``--ocr-models DIR[@T]``: which model files and which hybrid reading."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from redaction.image.ocr import Recheck

# The benchmark scripts import one another by module name, from benchmarks/ (as mypy maps them).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from frame_redaction import ocr_model_files


def test_a_folder_gives_its_models_and_a_threshold_the_hybrid_reading(tmp_path: Path) -> None:
    (tmp_path / "rec_int8.onnx").write_bytes(b"model")
    assert ocr_model_files(tmp_path) == {"rec_model": tmp_path / "rec_int8.onnx"}
    assert ocr_model_files(Path(f"{tmp_path}@0.7")) == {
        "rec_model": tmp_path / "rec_int8.onnx",
        "recheck": Recheck(0.7),
    }


def test_a_folder_without_models_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        ocr_model_files(Path(f"{tmp_path}@0.7"))
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip() == f"{tmp_path}: no det_int8.onnx or rec_int8.onnx"


@pytest.mark.parametrize("threshold", ["abc", "1.5", "-0.1"])
def test_a_threshold_that_is_no_score_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], threshold: str
) -> None:
    (tmp_path / "rec_int8.onnx").write_bytes(b"model")
    with pytest.raises(SystemExit) as exited:
        ocr_model_files(Path(f"{tmp_path}@{threshold}"))
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip() == (
        f"{tmp_path}@{threshold}: the threshold after @ must be a number from 0 to 1"
    )
