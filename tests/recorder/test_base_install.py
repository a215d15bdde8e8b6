"""The volunteer's install: cuarec without its extras (Ray, test and dev tools) records,
views, exports and explains what an extra would add; README's first screen says where it
records today and how a volunteer installs it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: Distribution name -> the module it is imported as, where they differ.
_MODULE = {"ray[data]": "ray", "scikit-image": "skimage"}

#: Runs cuarec with every extra's modules made unimportable, as in a base install.
_WITHOUT_EXTRAS = """
import importlib.abc, sys
BLOCKED = set(sys.argv[1].split(","))
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is an extra")
        return None
sys.meta_path.insert(0, Blocker())
if sys.argv[2] == "import":
    import recorder.record, recorder.pipeline, recorder.curate, recorder.export, recorder.view
    sys.exit(0)
from recorder.cli import main
main(sys.argv[2:])
"""


def _extra_modules() -> list[str]:
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    modules = set()
    for requirements in extras.values():
        for requirement in requirements:
            name = re.split(r"[<>=;\s]", requirement, maxsplit=1)[0]
            modules.add(_MODULE.get(name, name.split("[")[0]).replace("-", "_"))
    return sorted(modules)


def without_extras(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _WITHOUT_EXTRAS, ",".join(_extra_modules()),
                           *args], capture_output=True, text=True, timeout=300, cwd=REPO,
                          stdin=subprocess.DEVNULL, check=False)


def test_the_extras_are_the_curators_and_developers_tools() -> None:
    assert {"ray", "pytest", "hypothesis", "datasets", "ruff", "mypy"} <= set(_extra_modules())


def test_every_module_imports_without_the_extras() -> None:
    result = without_extras("import")
    assert result.returncode == 0, result.stderr[-2000:]


def test_commands_work_without_the_extras(episode_factory: Callable[..., Path],
                                          tmp_path: Path) -> None:
    episode = episode_factory(n_steps=3, size=(160, 120))
    for args in (["--help"], ["record", "--help"], ["info", str(episode)],
                 ["view", str(episode), "--out", str(tmp_path / "page.html")],
                 ["export", str(episode), "--to", "pyautogui", "--out", str(tmp_path / "x")]):
        result = without_extras(*args)
        assert result.returncode == 0, (args, result.stderr[-2000:])
    ray = without_extras("redact", str(episode), "--out", str(tmp_path / "r"), "--engine", "ray")
    assert ray.returncode == 3 and "needs the 'ray' extra" in ray.stderr, ray.stderr


@pytest.fixture(scope="module")
def first_screen() -> str:
    """What a reader sees before scrolling: up to the end of the quick start."""
    readme = (REPO / "README.md").read_text()
    return readme.split("## Commands", 1)[0]


def test_readme_says_where_it_records_today(first_screen: str) -> None:
    intro = " ".join(first_screen.split("## The promise", 1)[0].split())
    assert "Where it records today: Linux with an X11 session" in intro
    assert ("macOS and Windows: backends built from the platforms' documentation and tested "
            "on fakes, never run on real hardware yet") in intro
    assert "Wayland is not supported" in intro
    assert "docs/CAPTURE.md" in intro
    assert "Not yet" not in intro  # the old sentence said macOS and Windows were refused


def test_readme_shows_the_volunteer_install_beside_the_quick_start(first_screen: str) -> None:
    quick = first_screen.split("## Quick start", 1)[1]
    assert "make demo" in quick and "make test" in quick
    assert "pipx install .  " in quick and "no Ray, dev or test tools" in quick
