"""Reduced-precision (int8, static QDQ) OCR models: where they are, whether they may be used.

``scripts/quantize_ocr.py`` prepares them offline from the float models bundled in the
``rapidocr`` wheel and writes them to :func:`model_dir`; their SHA-256 digests are recorded in
``quantized.sha256`` beside this module. They are used only when asked for, when every file
matches its recorded digest, and when the CPU has int8 dot-product instructions (without them
onnxruntime emulates int8 and the models are slower than the float ones); otherwise the float
models are used. Nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import os
import platform
from dataclasses import dataclass
from pathlib import Path

#: The prepared models, by role.
MODEL_FILES = {"det": "det_int8.onnx", "rec": "rec_int8.onnx"}
#: Recorded digests: ``<sha256>  <file name>`` per line (``sha256sum`` format).
DIGESTS = Path(__file__).with_name("quantized.sha256")
#: CPU flags (Linux /proc/cpuinfo names) of int8 dot-product instructions.
INT8_DOT_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8", "asimddp"})


@dataclass(frozen=True, slots=True)
class QuantizedModels:
    """Paths of the prepared models, or why the float models are used instead."""

    det: Path | None
    rec: Path | None
    reason: str

    @property
    def usable(self) -> bool:
        """Whether at least one model is int8 (the other, if any, stays float)."""
        return self.det is not None or self.rec is not None


def model_dir() -> Path:
    """Where the prepared models live (``$CUAREC_MODEL_DIR``, else ``models/`` in the repo)."""
    configured = os.environ.get("CUAREC_MODEL_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "models"


def cpu_flags(cpuinfo: str | None = None) -> frozenset[str]:
    """The CPU's feature flags (from ``/proc/cpuinfo`` on Linux; empty where unknown)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return frozenset()
    flags: set[str] = set()
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            flags.update(value.split())
    return frozenset(flags)


def has_int8_dot(flags: frozenset[str] | None = None, machine: str | None = None) -> bool:
    """Whether the CPU has int8 dot-product instructions (VNNI, AMX, Arm dot product)."""
    machine = (machine or platform.machine()).lower()
    if machine in ("arm64", "aarch64") and flags is None and platform.system() == "Darwin":
        return True  # every Apple silicon CPU has the Arm dot-product instructions
    return bool((cpu_flags() if flags is None else flags) & INT8_DOT_FLAGS)


def recorded_digests(path: Path = DIGESTS) -> dict[str, str]:
    """File name -> SHA-256 hex digest, as recorded in the repo."""
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            out[parts[1].lstrip("*")] = parts[0].lower()
    return out


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def find_models(
    folder: Path | None = None,
    digests: dict[str, str] | None = None,
    flags: frozenset[str] | None = None,
) -> QuantizedModels:
    """The prepared models when they may be used here, else the reason they may not.

    The roles whose file has a recorded digest are used int8 (both, or only one: the other
    model stays float); every recorded file must be present and match its digest.
    """
    if not has_int8_dot(flags):
        return QuantizedModels(None, None, "no int8 dot-product instructions on this CPU")
    folder = model_dir() if folder is None else folder
    digests = recorded_digests() if digests is None else digests
    paths: dict[str, Path] = {}
    for role, name in MODEL_FILES.items():
        if name not in digests:
            continue
        path = folder / name
        if not path.is_file():
            return QuantizedModels(None, None, f"{name} not prepared (scripts/quantize_ocr.py)")
        if sha256(path) != digests[name]:
            return QuantizedModels(None, None, f"{name} does not match its recorded checksum")
        paths[role] = path
    if not paths:
        return QuantizedModels(None, None, "no recorded checksum for the int8 models")
    names = " and ".join(MODEL_FILES[role] for role in paths)
    return QuantizedModels(paths.get("det"), paths.get("rec"), f"int8 models verified ({names})")
