"""The int8 OCR models: used only when verified by checksum and where the CPU has int8 dot
products; the float models otherwise."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from redaction.image import quantized

VNNI = frozenset({"fpu", "sse4_2", "avx2", "avx512f", "avx512_vnni"})
NO_DOT = frozenset({"fpu", "sse4_2", "avx2"})

CPUINFO_X86 = """processor\t: 0
vendor_id\t: AuthenticAMD
flags\t\t: fpu vme sse4_2 avx2 avx512f avx512_vnni
"""
CPUINFO_ARM = """processor\t: 0
Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics asimddp
"""


def _prepared(folder: Path, corrupt: str | None = None) -> dict[str, str]:
    """Model files with their digests (the digest of a ``corrupt`` one no longer matches)."""
    digests = {}
    for name in quantized.MODEL_FILES.values():
        data = f"model {name}".encode()
        (folder / name).write_bytes(data)
        digests[name] = hashlib.sha256(data).hexdigest()
    if corrupt:
        (folder / corrupt).write_bytes(b"changed")
    return digests


@pytest.mark.parametrize(
    "cpuinfo, expected",
    [(CPUINFO_X86, True), (CPUINFO_ARM, True), ("flags\t: fpu sse4_2 avx2\n", False), ("", False)],
)
def test_int8_dot_products_are_read_from_cpuinfo(cpuinfo: str, expected: bool) -> None:
    assert quantized.has_int8_dot(quantized.cpu_flags(cpuinfo), machine="x86_64") is expected


def test_verified_models_are_used_where_the_cpu_has_vnni(tmp_path: Path) -> None:
    found = quantized.find_models(tmp_path, _prepared(tmp_path), VNNI)
    assert found.usable and found.det == tmp_path / "det_int8.onnx"


def test_only_the_recorded_model_is_int8_the_other_stays_float(tmp_path: Path) -> None:
    digests = _prepared(tmp_path)
    del digests["rec_int8.onnx"]  # only detection was prepared and recorded
    found = quantized.find_models(tmp_path, digests, VNNI)
    assert found.usable and found.det == tmp_path / "det_int8.onnx" and found.rec is None
    assert "det_int8.onnx" in found.reason and "rec_int8.onnx" not in found.reason


def test_float_models_without_int8_dot_products(tmp_path: Path) -> None:
    found = quantized.find_models(tmp_path, _prepared(tmp_path), NO_DOT)
    assert not found.usable and "dot-product" in found.reason


@pytest.mark.parametrize("name", sorted(quantized.MODEL_FILES.values()))
def test_a_model_that_does_not_match_its_checksum_is_not_used(tmp_path: Path, name: str) -> None:
    found = quantized.find_models(tmp_path, _prepared(tmp_path, corrupt=name), VNNI)
    assert not found.usable and "checksum" in found.reason and name in found.reason


def test_missing_models_or_digests_fall_back(tmp_path: Path) -> None:
    digests = _prepared(tmp_path)
    (tmp_path / "rec_int8.onnx").unlink()
    assert not quantized.find_models(tmp_path, digests, VNNI).usable
    assert not quantized.find_models(tmp_path, {}, VNNI).usable


def test_recorded_digests_parse_sha256sum_format(tmp_path: Path) -> None:
    path = tmp_path / "digests"
    path.write_text(f"# comment\n{'a' * 64}  det_int8.onnx\n{'B' * 64} *rec_int8.onnx\n")
    assert quantized.recorded_digests(path) == {
        "det_int8.onnx": "a" * 64,
        "rec_int8.onnx": "b" * 64,
    }


def test_the_engine_reads_with_float_models_when_int8_ones_are_not_prepared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redaction.image import create_engine

    monkeypatch.setenv("CUAREC_MODEL_DIR", str(tmp_path))  # nothing prepared there
    engine = create_engine("rapidocr", quantized=True)
    described = engine.describe()
    assert len(described["models"]) == 2
    assert not any(name in quantized.MODEL_FILES.values() for name in described["models"])
    assert described["quantized"] in (
        "no int8 dot-product instructions on this CPU",
        "det_int8.onnx not prepared (scripts/quantize_ocr.py)",
        "no recorded checksum for the int8 models",
    )


@pytest.mark.parametrize("on", [False, True])
def test_the_settings_ask_the_engine_for_int8_models_only_when_on(on: bool) -> None:
    from redaction.image import ImageRedactionSettings

    options = ImageRedactionSettings(ocr_int8=on).ocr_options()
    assert options.get("quantized", False) is on


def test_an_explicit_model_file_replaces_that_model_only(tmp_path: Path) -> None:
    import shutil

    import rapidocr

    from redaction.image import create_engine

    bundled = sorted((Path(rapidocr.__file__).resolve().parent / "models").glob("*det*.onnx"))[-1]
    copy = tmp_path / "det_variant.onnx"
    shutil.copyfile(bundled, copy)
    described = create_engine("rapidocr", det_model=copy).describe()
    assert described["models"][0] == "det_variant.onnx"
    assert described["models"][1] != "rec_int8.onnx" and "rec" in described["models"][1]
