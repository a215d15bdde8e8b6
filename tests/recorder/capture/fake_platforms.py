"""Fakes of the one thin module per platform (``macos_api``, ``windows_api``), built from the
documented return values. UNVERIFIED ON REAL HARDWARE: they encode what the documentation
below says, not what a Mac or a Windows PC was seen to do.

macOS (Apple developer documentation, https://developer.apple.com/documentation/...):
* CGPreflightScreenCaptureAccess / CGRequestScreenCaptureAccess -> bool
  (coregraphics/cgpreflightscreencaptureaccess(), coregraphics/cgrequestscreencaptureaccess())
* CGPreflightListenEventAccess -> bool (Input Monitoring, macOS 10.15+);
  AXIsProcessTrusted -> bool (applicationservices/axisprocesstrusted())
* IsSecureEventInputEnabled -> Boolean (HIToolbox/CarbonEventsCore.h); while it is on, event
  taps receive no key events (NSSecureTextField enables it when it takes focus).
* CGWindowListCopyWindowInfo -> dictionaries with kCGWindowOwnerPID, kCGWindowLayer (0: normal
  windows), kCGWindowName (absent without Screen Recording), kCGWindowOwnerName
  (coregraphics/cgwindowlistcopywindowinfo(_:_:), "Required Window List Keys").
* NSWorkspace.frontmostApplication -> NSRunningApplication (localizedName,
  processIdentifier) (appkit/nsworkspace/frontmostapplication); NSScreen.backingScaleFactor
  (2.0 on Retina; appkit/nsscreen/backingscalefactor); CGDisplayBounds in points.
* CGEvent (coregraphics/cgeventtype): kCGEventKeyDown 10, KeyUp 11, FlagsChanged 12, mouse
  1-7 and 25-27, ScrollWheel 22; CGEventFlags (coregraphics/cgeventflags): maskShift 0x20000,
  maskControl 0x40000, maskAlternate 0x80000, maskCommand 0x100000, with the device-dependent
  left/right bits of IOLLEvent.h; CGEventKeyboardGetUnicodeString gives U+0011 for Control+Q
  (a control character).

Windows (https://learn.microsoft.com/en-us/windows/win32/...):
* SetProcessDpiAwarenessContext(DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2) -> BOOL
  (api/winuser/nf-winuser-setprocessdpiawarenesscontext); then GetDpiForMonitor gives
  96 x scale (api/shellscalingapi/nf-shellscalingapi-getdpiformonitor) and hook and monitor
  coordinates are physical pixels (hidpi/high-dpi-desktop-application-development-on-windows).
* GetForegroundWindow, GetWindowTextW, GetWindowThreadProcessId (api/winuser/...);
  QueryFullProcessImageNameW (api/winbase/nf-winbase-queryfullprocessimagenamew).
* GetTokenInformation(TokenElevation) -> TOKEN_ELEVATION.TokenIsElevated, non-zero for an
  elevated process (api/winnt/ns-winnt-token_elevation). User Interface Privilege Isolation:
  a normal process's hooks do not see input to an elevated window.
* IUIAutomation::GetFocusedElement
  (api/uiautomationclient/nf-uiautomationclient-iuiautomation-getfocusedelement);
  UIA_IsPasswordPropertyId 30019 -> VARIANT_BOOL (winauto/uiauto-automation-element-propids).
* KBDLLHOOKSTRUCT (api/winuser/ns-winuser-kbdllhookstruct): AltGr arrives as a fake LCONTROL
  (VK 0xA2, scan code 0x21D) then RMENU (VK 0xA5); ToUnicodeEx with Ctrl+Alt held gives the
  AltGr character ("@" for Q on a German layout).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from recorder.episode.model import EpisodeMetadata, RedactedStep
from recorder.episode.reader import open_episode
from tests.harness import REPO


@dataclass(frozen=True, slots=True)
class Scene:
    """What the screen and the focus are: the app in front, its title, its state."""

    app: str
    title: str
    pid: int = 100
    text: str = ""
    color: tuple[int, int, int] = (235, 235, 235)
    secure_input: bool = False  # macOS: secure event input on
    password: bool = False  # Windows: focused element IsPassword
    elevated: bool = False  # Windows: the foreground process is elevated


@dataclass(frozen=True, slots=True)
class Show:
    """Switch to ``scene`` and wait until the recorder has grabbed it twice."""

    scene: Scene


@dataclass(frozen=True, slots=True)
class Switch:
    """Switch to ``scene`` at once, without waiting for a grab (the app changed the focus
    between two frames)."""

    scene: Scene


@dataclass(frozen=True, slots=True)
class Send:
    """Deliver one raw platform event (whatever the platform's listener would report)."""

    event: Any


Action = Show | Switch | Send


@dataclass
class FakeScreen:
    """The shared state of a fake machine: the scene, the grabs, the event player."""

    pixel_size: tuple[int, int]
    script: Sequence[Action]
    scene: Scene = field(default_factory=lambda: Scene("Finder", "Desktop"))
    grabs_in_scene: int = 0
    done: threading.Event = field(default_factory=threading.Event)
    _frames: dict[Scene, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def render(self) -> tuple[bytes, int, int]:
        """The current scene as BGRA pixels; the same bytes each time it is unchanged."""
        width, height = self.pixel_size
        with self._lock:
            scene = self.scene
            self.grabs_in_scene += 1
        raw = self._frames.get(scene)
        if raw is None:
            image = np.zeros((height, width, 4), np.uint8)
            image[:, :, :3] = scene.color
            image[:, :, 3] = 255
            cv2.putText(image, scene.text or scene.title, (12, height // 3),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.7, (20, 20, 20, 255), 2)
            raw = image.tobytes()
            self._frames[scene] = raw
        return raw, width, height

    def play(self, deliver: Callable[[Any], None], stop: threading.Event) -> None:
        """Run the script: scenes wait for two grabs (so a step's frame shows them)."""
        for action in self.script:
            if stop.is_set():
                break
            if isinstance(action, Switch):
                with self._lock:
                    self.scene = action.scene
            elif isinstance(action, Show):
                with self._lock:
                    self.scene = action.scene
                    self.grabs_in_scene = 0
                deadline = time.monotonic() + 20
                while self.grabs_in_scene < 2 and time.monotonic() < deadline \
                        and not stop.is_set():
                    time.sleep(0.01)
            else:
                deliver(action.event)
                time.sleep(0.03)
        self.done.set()


class FakeGrabber:
    """The platform module's region grabber, on the fake screen (BGRA bytes, like mss)."""

    def __init__(self, screen: FakeScreen) -> None:
        self._screen = screen

    def grab(self) -> tuple[bytes, int, int]:
        return self._screen.render()

    def close(self) -> None:
        pass


@dataclass
class FakeMachine:
    """What every fake machine holds: its script, the screen it plays on and the platform
    calls made. A subclass says the screen's pixel size and the scene shown first, and
    builds its platform module with :meth:`api_module`."""

    script: Sequence[Action] = ()
    calls: list[str] = field(default_factory=list)
    screen: FakeScreen = field(init=False)

    def __post_init__(self) -> None:
        self.screen = FakeScreen(self.pixel_size(), self.script, self.first_scene())

    def pixel_size(self) -> tuple[int, int]:
        raise NotImplementedError

    def first_scene(self) -> Scene:
        return Scene("Finder", "Desktop")

    def api_module(self, real: types.ModuleType, types_: Mapping[str, type],
                   functions: Mapping[str, Callable[..., Any]]) -> types.ModuleType:
        """A module named like ``real``, with its constants (UPPER_CASE names), the value
        types ``types_`` and the fake ``functions`` (``grabber`` grabs the fake screen)."""
        module = types.ModuleType(real.__name__)
        for name in dir(real):
            if name.isupper():
                setattr(module, name, getattr(real, name))
        screen = self.screen
        for name, value in {**types_, "grabber": lambda *region: FakeGrabber(screen),
                            **functions}.items():
            setattr(module, name, value)
        return module


class Player:
    """The fake listener: plays the script on its own thread, like a hook or tap thread."""

    def __init__(self, screen: FakeScreen, deliver: Callable[[Any], None]) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=screen.play, args=(deliver, self._stop),
                                        name="fake-input", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        self._stop.set()
        self._thread.join(timeout_s)

    def alive(self) -> bool:
        return self._thread.is_alive()


def run_fake_cuarec(setup: str, args: Sequence[str], home: Path,
                    extra_env: dict[str, str] | None = None, timeout: float = 300,
                    entry: str = "recorder.cli") -> subprocess.CompletedProcess[str]:
    """``cuarec ARGS`` (or ``python -m ENTRY ARGS``) in a child process made a fake machine
    by ``setup`` (Python code run first, e.g. ``install(FakeMac())``). No X display: the
    fake needs none."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               PYTHONPATH=os.pathsep.join(filter(None, (str(REPO), env.get("PYTHONPATH")))),
               **(extra_env or {}))
    code = (f"import sys\n{setup}\nfrom {entry} import main\n"
            f"sys.argv = ['cuarec', *{list(args)!r}]\nsys.exit(main())\n")
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, text=True,
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=timeout)


@dataclass(frozen=True, slots=True)
class Recorded:
    """What one ``cuarec record`` on a fake machine left: its summary, stderr, the steps and
    metadata read back, and the episode file's bytes."""

    summary: dict[str, object]
    stderr: str
    steps: list[RedactedStep]
    metadata: EpisodeMetadata
    raw: bytes


def record_on_fake(setup: str, args: Sequence[str], work: Path,
                   extra_env: dict[str, str] | None = None) -> Recorded:
    """``cuarec record ARGS --out WORK/episodes --yes --json`` on the fake machine made by
    ``setup`` (see :func:`run_fake_cuarec`); it must succeed."""
    done = run_fake_cuarec(setup, ["record", *args, "--out", str(work / "episodes"), "--yes",
                                   "--json"], work, extra_env)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    path = Path(str(summary["episode"]))
    episode = open_episode(path)
    return Recorded(summary, done.stderr, list(episode.iter_steps()), episode.metadata,
                    path.read_bytes())
