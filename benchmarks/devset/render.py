"""Render HTML pages with Debian's headless Chromium: a screenshot and the DOM's gold boxes.

Two runs of the same document at the same window size and scale (one ``--screenshot``, one
``--dump-dom``) give the same layout, so the boxes read from the DOM fit the screenshot.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--font-render-hinting=none",
    "--disable-extensions",
    "--mute-audio",
)
_GOLD = re.compile(r'<pre id="gold"[^>]*>(.*?)</pre>', re.S)


@dataclass(frozen=True)
class GoldBox:
    label: str
    x: int
    y: int
    w: int
    h: int
    text: str


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("chromium is not installed (Debian package chromium)")


def render(document: str, width: int, height: int, scale: int, png_out: Path) -> list[GoldBox]:
    """Screenshot ``document`` at ``width`` x ``height`` CSS px and ``scale``; return gold boxes."""
    binary = chromium_binary()
    with tempfile.TemporaryDirectory(prefix="devset-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(document, encoding="utf-8")
        common = [
            binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp}/profile",
            f"--window-size={width},{height}",
            f"--force-device-scale-factor={scale}",
        ]
        subprocess.run(
            [*common, f"--screenshot={png_out}", page.as_uri()],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
        dump = subprocess.run(
            [*common, "--dump-dom", page.as_uri()],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    match = _GOLD.search(dump)
    if match is None:
        raise RuntimeError("the page did not report its gold boxes")
    data = json.loads(html.unescape(match.group(1)))
    boxes = []
    for item in data["gold"]:
        x0 = max(0.0, item["x"]) * scale
        y0 = max(0.0, item["y"]) * scale
        x1 = min(item["x"] + item["w"], width) * scale
        y1 = min(item["y"] + item["h"], height) * scale
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        boxes.append(
            GoldBox(
                item["label"], round(x0), round(y0), round(x1 - x0), round(y1 - y0), item["text"]
            )
        )
    return boxes
