"""Run one capture session in a child process and write the pickled result to stdout.

Tests drive it as ``python -m tests.recorder.capture.driver '{"fps": 10, ...}'``: options are
CaptureConfig fields (``steps`` holds StepConfig fields). The result (raw frames included)
goes through the pipe only, never to disk. Errors: one line on stderr and the exit code.
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

from recorder.capture import CaptureConfig, CaptureSession, StepConfig
from recorder.errors import CuarecError


def main() -> int:
    options = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    steps = StepConfig(**options.pop("steps", {}))
    if options.get("ready_file"):
        options["ready_file"] = Path(options["ready_file"])
    try:
        result = CaptureSession(CaptureConfig(steps=steps, **options)).run()
    except CuarecError as exc:
        sys.stderr.write(f"cuarec: error: {exc.message}\n")
        return int(exc.exit_code)
    sys.stdout.buffer.write(pickle.dumps(result))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
