"""The one place a capture backend is chosen (python-mss's way): by platform, imported lazily.

Backends depend on :mod:`recorder.capture.backend` (the shared base), never the reverse, and
this chooser imports a backend's module only when that backend is built: importing the
chooser on Linux imports no macOS or Windows module (nor pyobjc, nor comtypes).

    backend = choose_backend()            # this machine's, its environment checked
    backend = choose_backend("macos")     # by name
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from recorder.capture.backend import CaptureBackend
from recorder.errors import EnvironmentProblem

#: Builds a backend from the environment variables (``os.environ`` unless given).
BackendFactory = Callable[[Mapping[str, str]], CaptureBackend]


@dataclass(frozen=True, slots=True)
class Registration:
    """A backend by name: the ``sys.platform`` prefixes it serves and how to build it.

    ``target`` is ``"package.module:Class"`` (imported only when built) or a factory.
    """

    name: str
    platforms: tuple[str, ...]
    target: str | BackendFactory

    def build(self, env: Mapping[str, str]) -> CaptureBackend:
        if callable(self.target):
            return self.target(env)
        module_name, _, attr = self.target.partition(":")
        factory: BackendFactory = getattr(importlib.import_module(module_name), attr)
        return factory(env)


class BackendRegistry:
    """Backends by name and platform; :meth:`choose` is the one chooser."""

    def __init__(self) -> None:
        self._entries: list[Registration] = []

    def register(self, name: str, platforms: tuple[str, ...],
                 target: str | BackendFactory) -> None:
        """``platforms`` are ``sys.platform`` prefixes (``linux``, ``darwin``, ``win32``)."""
        self._entries = [e for e in self._entries if e.name != name]
        self._entries.append(Registration(name, platforms, target))

    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self._entries)

    def for_platform(self, platform: str) -> tuple[str, ...]:
        return tuple(e.name for e in self._entries
                     if any(platform.startswith(p) for p in e.platforms))

    def choose(self, name: str | None = None, platform: str | None = None,
               env: Mapping[str, str] | None = None) -> CaptureBackend:
        """Build the backend named ``name``, or the first one registered for ``platform``.

        The returned backend has passed :meth:`CaptureBackend.check_environment`.
        """
        platform = current_platform() if platform is None else platform
        env = os.environ if env is None else env
        if name is not None:
            matches = [e for e in self._entries if e.name == name]
            if not matches:
                raise EnvironmentProblem(
                    f"unknown capture backend {name!r} (known: {', '.join(self.names())})")
        else:
            matches = [e for e in self._entries
                       if any(platform.startswith(p) for p in e.platforms)]
            if not matches:
                raise EnvironmentProblem(
                    f"no capture backend for this platform ({platform}); cuarec records on "
                    "Linux (X11), macOS and Windows")
        backend = matches[0].build(env)
        backend.check_environment()
        return backend


#: The default registry. X11 serves Linux and the BSDs.
REGISTRY = BackendRegistry()
REGISTRY.register("x11", ("linux", "freebsd", "openbsd", "netbsd"),
                  "recorder.capture.x11:X11Backend")
REGISTRY.register("macos", ("darwin",), "recorder.capture.macos:MacBackend")
REGISTRY.register("windows", ("win32", "cygwin"), "recorder.capture.windows:WindowsBackend")


def register_backend(name: str, platforms: tuple[str, ...],
                     target: str | BackendFactory) -> None:
    """Add (or replace) a backend in the default registry."""
    REGISTRY.register(name, platforms, target)


def choose_backend(name: str | None = None, platform: str | None = None,
                   env: Mapping[str, str] | None = None) -> CaptureBackend:
    """The backend for this machine from the default registry, its environment checked."""
    return REGISTRY.choose(name, platform, env)


def current_platform() -> str:
    """``sys.platform`` (one place, so the hotkey defaults and the chooser agree)."""
    return sys.platform
