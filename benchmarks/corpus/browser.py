
"""One headless Chromium driven over the DevTools protocol (``--remote-debugging-pipe``).

``benchmarks/devset/render.py`` starts Chromium twice per page (a screenshot, then a DOM dump);
here one browser stays up and renders every page of a corpus: set the viewport and the device
scale, load the document, read the gold boxes of the ``data-pii`` spans from the DOM with
``getClientRects`` (one box per line a value wraps over), capture the screenshot. The same
layout gives both, so the boxes fit the pixels. Debian's ``chromium`` package; nothing is
fetched from the network (pages are self-contained ``data:`` documents).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "devset"))
from render import CHROMIUM_FLAGS, GoldBox, chromium_binary  # the dev set's, one definition

FLAGS = (*CHROMIUM_FLAGS, "--remote-debugging-pipe")

#: Reads every value's boxes: visible client rects clipped to the viewport, in CSS px.
_GOLD_JS = r"""
(() => {
  const W = window.innerWidth, H = window.innerHeight, out = [];
  for (const el of document.querySelectorAll('[data-pii]')) {
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden' || st.display === 'none') continue;
    const rects = [];
    for (const r of el.getClientRects()) {
      const x0 = Math.max(0, r.left), y0 = Math.max(0, r.top);
      const x1 = Math.min(W, r.right), y1 = Math.min(H, r.bottom);
      if (x1 - x0 >= 2 && y1 - y0 >= 2) rects.push([x0, y0, x1 - x0, y1 - y0]);
    }
    if (rects.length) out.push({label: el.dataset.pii, text: el.textContent, rects: rects});
  }
  return JSON.stringify(out);
})()
"""


class Browser:
    """``with Browser() as b: boxes = b.render(html, 1920, 1080, 1, Path("x.png"))``."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="corpus-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds() -> None:  # Chromium reads commands on fd 3 and writes replies on fd 4
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._proc = subprocess.Popen(
            [chromium_binary(), *FLAGS, f"--user-data-dir={self._tmp.name}/profile",
             "about:blank"],
            preexec_fn=fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._id = 0
        targets = self._call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self._session = self._call("Target.attachToTarget", targetId=page["targetId"],
                                   flatten=True)["sessionId"]
        self._call("Page.enable", session=True)

    # ---- protocol ------------------------------------------------------------------------
    def _call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium exited")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def _wait_load(self) -> None:
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium exited")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            if json.loads(raw).get("method") == "Page.loadEventFired":
                return

    # ---- rendering -----------------------------------------------------------------------
    def render(self, document: str, width: int, height: int, scale: int,
               png_out: Path | None) -> list[GoldBox]:
        """Lay out ``document`` at ``width`` x ``height`` CSS px and ``scale``; write the PNG
        (``scale`` x the CSS size) and return the gold boxes in image pixels."""
        self._call("Emulation.setDeviceMetricsOverride", session=True, width=width,
                   height=height, deviceScaleFactor=scale, mobile=False)
        url = "data:text/html;charset=utf-8;base64," + base64.b64encode(
            document.encode()).decode()
        self._call("Page.navigate", session=True, url=url)
        self._wait_load()
        found = json.loads(self._call("Runtime.evaluate", session=True, expression=_GOLD_JS,
                                      returnByValue=True)["result"]["value"])
        if png_out is not None:
            shot = self._call("Page.captureScreenshot", session=True, format="png",
                              captureBeyondViewport=False)
            png_out.write_bytes(base64.b64decode(shot["data"]))
        boxes = []
        for item in found:
            for x, y, w, h in item["rects"]:
                boxes.append(GoldBox(item["label"], round(x * scale), round(y * scale),
                                     round(w * scale), round(h * scale), item["text"]))
        return boxes

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self._call("Browser.close")
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._tmp.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
