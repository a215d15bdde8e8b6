"""The chooser: lazy by platform, no import cycle, platform packages only where they belong."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from recorder.capture.platforms import REGISTRY, BackendRegistry
from tests.harness import REPO

CAPTURE = REPO / "recorder" / "capture"
PLATFORM_MODULES = ("recorder.capture.x11", "recorder.capture.macos",
                    "recorder.capture.macos_api", "recorder.capture.windows",
                    "recorder.capture.windows_api")
PLATFORM_PACKAGES = ("Quartz", "AppKit", "ApplicationServices", "objc", "comtypes", "Xlib",
                     "pynput")


def test_importing_the_chooser_imports_no_backend() -> None:
    code = ("import json, sys; import recorder.capture, recorder.capture.platforms; "
            "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True, timeout=120).stdout
    loaded = set(json.loads(out))
    assert not loaded & set(PLATFORM_MODULES)
    assert not {m.split(".")[0] for m in loaded} & set(PLATFORM_PACKAGES)


def _imports(path: str) -> set[str]:
    """Every recorder.capture module a file imports, at any depth (functions too)."""
    tree = ast.parse((CAPTURE / path).read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "recorder.capture":
                found |= {f"recorder.capture.{a.name}" for a in node.names}
            elif node.module.startswith("recorder.capture."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("recorder.capture.")}
    return found


def test_no_import_cycle_in_the_capture_package() -> None:
    graph = {f"recorder.capture.{p.stem}": _imports(p.name) for p in CAPTURE.glob("*.py")
             if p.stem != "__init__"}
    graph = {name: {d for d in deps if d in graph} for name, deps in graph.items()}

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for dep in graph[start]:
            if dep == target or (dep not in seen and reaches(dep, target, seen | {dep})):
                return True
        return False

    assert [m for m in graph if reaches(m, m, set())] == []
    # Backends build on the base; the base and the chooser never import a backend.
    assert graph["recorder.capture.backend"] == set()
    assert not graph["recorder.capture.platforms"] & set(PLATFORM_MODULES)
    for backend in ("x11", "macos", "windows"):
        assert "recorder.capture.platforms" not in graph[f"recorder.capture.{backend}"]


def test_backends_by_platform() -> None:
    assert REGISTRY.for_platform("linux") == ("x11",)
    assert REGISTRY.for_platform("darwin") == ("macos",)
    assert REGISTRY.for_platform("win32") == ("windows",)
    assert BackendRegistry().for_platform("linux") == ()


def _requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"]]


def _wanted(platform: str) -> set[str]:
    env = {"sys_platform": platform, "platform_system": {"linux": "Linux", "darwin": "Darwin",
                                                         "win32": "Windows"}[platform]}
    return {r.name.lower() for r in _requirements()
            if r.marker is None or r.marker.evaluate(env)}


def test_platform_packages_only_on_their_platform() -> None:
    mac = {"pyobjc-framework-quartz", "pyobjc-framework-cocoa",
           "pyobjc-framework-applicationservices"}
    assert not _wanted("linux") & (mac | {"comtypes"})
    assert mac <= _wanted("darwin") and "comtypes" not in _wanted("darwin")
    assert "comtypes" in _wanted("win32") and not _wanted("win32") & mac
    assert "python-xlib" in _wanted("linux") and "python-xlib" not in _wanted("darwin")


def test_platform_pins_carry_the_same_markers() -> None:
    pins = [Requirement(line) for line in (REPO / "constraints.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    for pin in pins:
        name = pin.name.lower()
        if name.startswith("pyobjc") or name == "comtypes":
            assert pin.marker is not None
            platform = "win32" if name == "comtypes" else "darwin"
            assert pin.marker.evaluate({"sys_platform": platform})
            assert not pin.marker.evaluate({"sys_platform": "linux"})


def test_the_recorder_runs_without_posix_only_modules() -> None:
    """As on Windows: no ``resource`` nor ``pwd``; the Windows user and profile are known."""
    code = ("import sys, json; sys.modules['resource'] = None; sys.modules['pwd'] = None\n"
            "import recorder.cli\n"
            "from recorder.hardening import harden_process\n"
            "from recorder.identity import machine_identity\n"
            "harden_process()\n"
            "print(json.dumps(machine_identity()))\n")
    env = {"PATH": "", "USERNAME": "zebedeeq", "USERPROFILE": "C:\\Users\\zebedeeq",
           "SYSTEMROOT": "C:\\Windows"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    identity = [tuple(pair) for pair in json.loads(done.stdout)]
    assert ("zebedeeq", "USERNAME") in identity
    assert ("C:\\Users\\zebedeeq", "PATH") in identity


def test_episodes_are_written_without_posix_only_open_flags(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no O_CLOEXEC and cannot open a directory (O_DIRECTORY): the real writer
    still writes an episode the reader accepts."""
    from recorder.episode.reader import open_episode
    from recorder.episode.synthetic import write_synthetic_episode
    from recorder.episode.writer import CAPTURED_NAME, EpisodeWriter

    monkeypatch.delattr(os, "O_CLOEXEC")
    monkeypatch.delattr(os, "O_DIRECTORY")
    path = write_synthetic_episode(tmp_path / "episodes", n_steps=3)
    episode = open_episode(path)
    assert episode.num_steps == 3
    # The recorder notes the captured count at every step (the first one crashed on Windows).
    target = tmp_path / "again" / path.name
    with EpisodeWriter(target, episode.metadata, chunk_steps=2) as writer:
        for index, step in enumerate(episode.iter_steps(), start=1):
            writer.note_captured(index)
            writer.append(step)
        assert (writer.parts_dir / CAPTURED_NAME).read_text() == "3"
        writer.finalize()
    again = open_episode(target)
    assert again.num_steps == 3
    assert again.metadata.steps_captured == 3
