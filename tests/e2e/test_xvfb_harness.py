"""The X server fixtures give real displays of the asked size, that mss can grab."""

from __future__ import annotations

import subprocess
import sys

from tests.harness import XDisplay


def _screen_size(display: XDisplay) -> str:
    out = subprocess.run(["xdpyinfo"], env=display.env(), capture_output=True, text=True,
                         check=True).stdout
    return next(line.split()[1] for line in out.splitlines() if "dimensions:" in line)


def test_small_display(xdisplay: XDisplay) -> None:
    assert _screen_size(xdisplay) == "640x480"
    code = "import mss; s = mss.MSS(); shot = s.grab(s.monitors[1]); print(shot.size)"
    out = subprocess.run([sys.executable, "-c", code], env=xdisplay.env(), capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "Size(width=640, height=480)"


def test_1080p_display(xdisplay_1080p: XDisplay, xdisplay: XDisplay) -> None:
    assert _screen_size(xdisplay_1080p) == "1920x1080"
    assert xdisplay_1080p.name != xdisplay.name
