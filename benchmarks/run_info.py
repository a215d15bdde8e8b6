"""What every benchmark report starts with: the machine, its load, the date, the commit and the
command (benchmarks/README.md states these beside each figure)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parent.parent


def run_header(load_s: float) -> dict[str, Any]:
    """The report's first fields; ``load_s``: seconds the engines took to load."""
    commit = subprocess.run(
        ["git", "-C", str(_REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average_start": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit,
        "command": " ".join(sys.argv),
        "engines_load_s": round(load_s, 1),
    }
