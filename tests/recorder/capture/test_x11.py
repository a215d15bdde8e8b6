"""The X11 backend on a real Xvfb: monitors and scale, the focused window, frames, input."""

from __future__ import annotations

import queue
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from recorder.capture.backend import RawWindow
from recorder.capture.frames import FrameRing, Grabber, SessionClock
from recorder.capture.x11 import WindowProbe, X11Backend, X11FrameSource, open_display
from redaction.models import InputEvent
from tests.harness import XDisplay


@pytest.fixture(scope="module")
def own_display(xvfb_factory: Callable[..., XDisplay]) -> XDisplay:
    """A display this module may change (root properties, resources)."""
    return xvfb_factory(320, 240)


@pytest.fixture(scope="module")
def start_xterm() -> Iterator[Callable[[XDisplay, str, str], int]]:
    processes: list[subprocess.Popen[bytes]] = []

    def start(display: XDisplay, title: str, geometry: str) -> int:
        processes.append(subprocess.Popen(
            ["xterm", "-title", title, "-geometry", geometry, "-e", "cat"], env=display.env(),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        found = display.xdotool("search", "--sync", "--onlyvisible", "--name", f"^{title}$",
                                timeout=30)
        return int(found.split()[0])

    yield start
    for process in processes:
        process.terminate()
        process.wait(10)


def test_monitor_geometry_and_density_are_measured(xdisplay: XDisplay) -> None:
    backend = X11Backend(xdisplay.env())
    try:
        report = backend.check_environment()
        (monitor,) = backend.monitors()
    finally:
        backend.close()
    assert report.session_type == "x11"
    # the same numbers xrandr reads from the server: "640/169x480/127+0+0"
    listed = subprocess.run(["xrandr", "--listmonitors"], env=xdisplay.env(), check=True,
                            capture_output=True, text=True).stdout.splitlines()[1].split()[2]
    geometry = f"{monitor.width}/{monitor.width_mm}x{monitor.height}/{monitor.height_mm}"
    assert listed == f"{geometry}+{monitor.x}+{monitor.y}"
    assert (monitor.index, monitor.width, monitor.height) == (1, 640, 480)
    assert monitor.dpi == pytest.approx(640 * 25.4 / (monitor.width_mm or 1), abs=0.1)
    assert (monitor.scale, monitor.scale_source) == (1.0, "x11-unscaled")
    assert monitor.to_info().width == 640


def test_scale_comes_from_xft_dpi_then_gdk_scale(own_display: XDisplay) -> None:
    env = own_display.env()
    subprocess.run(["xrdb", "-merge"], input="Xft.dpi: 192\n", text=True, env=env, check=True)
    try:
        backend = X11Backend(env)
        (monitor,) = backend.monitors()
        backend.close()
        assert (monitor.scale, monitor.scale_source) == (2.0, "Xft.dpi")
    finally:
        subprocess.run(["xrdb", "-remove"], env=env, check=True)
    backend = X11Backend({**env, "GDK_SCALE": "2"})
    (monitor,) = backend.monitors()
    backend.close()
    assert (monitor.scale, monitor.scale_source) == (2.0, "GDK_SCALE")


def test_focused_window_without_a_window_manager(
        xdisplay: XDisplay, start_xterm: Callable[[XDisplay, str, str], int]) -> None:
    window_id = start_xterm(xdisplay, "probe-title", "30x8+0+0")
    display = open_display(xdisplay.name)
    probe = WindowProbe(display)
    try:
        # PointerRoot focus: keys go under the pointer
        xdisplay.xdotool("mousemove", "20", "20", timeout=30)
        assert probe.focused() == RawWindow(app="XTerm", title="probe-title")
        xdisplay.xdotool("mousemove", "630", "470", timeout=30)
        assert probe.focused() is None  # the root window: no application
        xdisplay.xdotool("windowfocus", "--sync", str(window_id), timeout=30)  # explicit focus
        assert probe.focused() == RawWindow(app="XTerm", title="probe-title")
    finally:
        subprocess.run(["xdotool", "windowfocus", "--sync", "1"], env=xdisplay.env(),
                       check=False, capture_output=True)  # back to PointerRoot
        display.close()


def test_focused_window_from_ewmh(own_display: XDisplay,
                                  start_xterm: Callable[[XDisplay, str, str], int]) -> None:
    """With a window manager, _NET_ACTIVE_WINDOW names the window (set here as a WM would),
    and _NET_WM_NAME carries UTF-8 titles."""
    import Xlib.Xatom

    window_id = start_xterm(own_display, "plain", "20x5+0+0")
    display = open_display(own_display.name)
    try:
        root = display.screen().root
        window = display.create_resource_object("window", window_id)
        utf8 = display.intern_atom("UTF8_STRING")
        window.change_property(display.intern_atom("_NET_WM_NAME"), utf8, 8,
                               "Café · ✓".encode())
        root.change_property(display.intern_atom("_NET_SUPPORTING_WM_CHECK"),
                             Xlib.Xatom.WINDOW, 32, [root.id])
        root.change_property(display.intern_atom("_NET_ACTIVE_WINDOW"),
                             Xlib.Xatom.WINDOW, 32, [window_id])
        display.sync()
        own_display.xdotool("mousemove", "310", "230", timeout=30)  # the pointer is elsewhere
        assert WindowProbe(display).focused() == RawWindow(app="XTerm", title="Café · ✓")
    finally:
        display.screen().root.delete_property(display.intern_atom("_NET_SUPPORTING_WM_CHECK"))
        display.sync()
        display.close()


def test_grabber_rings_dedupes_scales_and_pauses(
        xdisplay: XDisplay, start_xterm: Callable[[XDisplay, str, str], int]) -> None:
    backend = X11Backend(xdisplay.env())
    (monitor,) = backend.monitors()
    source = X11FrameSource(xdisplay.name, monitor)
    ring = FrameRing(3)
    try:
        grabber = Grabber(source, ring, SessionClock(), fps=10, scale=0.5)
        first = grabber.grab_now()
        second = grabber.grab_now()
        assert first.pixels.shape == (240, 320, 3) and first.pixels.dtype == np.uint8
        assert not first.pixels.flags.writeable
        assert second.content_id == first.content_id and second.pixels is first.pixels
        assert second.t >= first.t
        start_xterm(xdisplay, "grab-change", "10x3+200+200")
        third = grabber.grab_now()
        assert third.content_id == first.content_id + 1
        assert ring.latest_before(second.t) is second and len(ring) == 3
        grabber.grab_now()
        assert ring.latest_before(first.t) is None  # capacity 3: the oldest went
        grabber.pause()
        assert len(ring) == 0 and grabber.paused
        grabber.resume()
        assert grabber.stats().unique == 2
    finally:
        source.close()
        backend.close()


def test_listeners_see_every_key_named_and_stop_without_more_input(
        xdisplay: XDisplay, on_display: Callable[[XDisplay], None]) -> None:
    on_display(xdisplay)
    backend = X11Backend()
    backend.check_environment()
    received: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
    backend.start_input(received.put)
    try:
        # sent the instant start_input returned: readiness means nothing is missed
        xdisplay.xdotool("type", "Hi!", timeout=30)
        xdisplay.xdotool("key", "shift+Tab", "Return", "BackSpace", "ctrl+a", "super", "F5",
                         timeout=30)
        xdisplay.xdotool("mousemove", "30", "40", "click", "3", "click", "5", "click", "8",
                         timeout=30)
        deadline = time.monotonic() + 10
        events: list[InputEvent] = []
        while len(events) < 32 and time.monotonic() < deadline:
            try:
                raw = received.get(timeout=0.1)
            except queue.Empty:
                continue
            event = backend.translate(raw, 0.0)
            assert event is not None
            events.append(event)
    finally:
        backend.stop_input()
        backend.close()
    assert backend.listeners_left_running == 0  # stopped with no input after stop()
    keys = [(e.kind[4:], e.key, e.char) for e in events if e.kind.startswith("key")]
    assert keys[:6] == [("press", "shift", None), ("press", "h", "H"),
                        ("release", "shift", None), ("release", "h", "h"),
                        ("press", "i", "i"), ("release", "i", "i")]
    presses = [k for kind, k, _ in keys if kind == "press"]
    assert presses[3:] == ["shift", "!", "shift", "tab", "enter", "backspace", "ctrl", "a",
                           "cmd", "f5"]
    pointer = [(e.kind, e.x, e.y, e.button, e.dy) for e in events if not e.kind.startswith("key")]
    assert pointer == [("move", 30, 40, None, None),
                       ("button_press", 30, 40, "right", None),
                       ("button_release", 30, 40, "right", None),
                       ("scroll", 30, 40, None, -1),
                       ("button_press", 30, 40, "button8", None),
                       ("button_release", 30, 40, "button8", None)]
