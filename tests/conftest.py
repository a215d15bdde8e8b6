"""Shared fixtures: real X servers, fault fixtures, the synthetic episode factory."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests import harness

settings.register_profile(
    "ci", deadline=None, derandomize=True, max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def xvfb_factory() -> Iterator[Callable[..., harness.XDisplay]]:
    """Start Xvfb servers of any size; all are stopped at the end of the session."""
    import contextlib

    with contextlib.ExitStack() as stack:

        def start(width: int = 640, height: int = 480) -> harness.XDisplay:
            return stack.enter_context(harness.start_xvfb(width, height))

        yield start


@pytest.fixture(scope="session")
def xdisplay(xvfb_factory: Callable[..., harness.XDisplay]) -> harness.XDisplay:
    """A small shared virtual screen (640x480)."""
    return xvfb_factory(640, 480)


@pytest.fixture(scope="session")
def xdisplay_1080p(xvfb_factory: Callable[..., harness.XDisplay]) -> harness.XDisplay:
    """A 1920x1080 virtual screen, for the tests where the size matters."""
    return xvfb_factory(1920, 1080)


@pytest.fixture
def episode_factory(tmp_path: Path) -> Callable[..., Path]:
    """Write synthetic (clean by construction) episodes: ``episode_factory(n_steps=...)``."""
    from recorder.episode.synthetic import write_synthetic_episode

    def make(folder: Path | None = None, **kwargs: Any) -> Path:
        return write_synthetic_episode(folder or tmp_path / "episodes", **kwargs)

    return make


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount small tmpfs folders (e.g. ``small_tmpfs("256k")``) to make a disk fill up."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    import contextlib

    with contextlib.ExitStack() as stack:
        counter = iter(range(1000))

        def mount(size: str) -> Path:
            return stack.enter_context(harness.mounted_tmpfs(tmp_path / f"tmpfs{next(counter)}",
                                                              size))

        yield mount


@pytest.fixture
def unprivileged() -> list[str]:
    """Command prefix that makes file permissions binding (see harness.unprivileged_prefix)."""
    return harness.unprivileged_prefix()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to open a network connection or resolve a name."""

    def refuse(*args: object, **kwargs: object) -> Any:
        raise OSError("network access attempted in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
