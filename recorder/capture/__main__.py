"""Debug entry point: ``python -m recorder.capture [--duration S] ...``.

Runs one capture session and prints a value-free summary (counts only: steps by action,
events, frames, how it stopped) as JSON. Nothing captured is printed or written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from recorder.errors import CuarecError, ExitCode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m recorder.capture",
                                     description="Capture and print counts only.")
    parser.add_argument("--duration", type=float, default=None, help="stop after S seconds")
    parser.add_argument("--fps", type=float, default=4.0)
    parser.add_argument("--monitor", type=int, default=None)
    parser.add_argument("--ready-file", type=Path, default=None)
    parser.add_argument("--stop-hotkey", default=None, help="default: this platform's")
    parser.add_argument("--pause-hotkey", default=None, help="default: this platform's")
    args = parser.parse_args(argv)
    try:
        from recorder.capture.session import CaptureConfig, CaptureSession

        config = CaptureConfig(fps=args.fps, monitor=args.monitor, duration_s=args.duration,
                               ready_file=args.ready_file, stop_hotkey=args.stop_hotkey,
                               pause_hotkey=args.pause_hotkey)
        result = CaptureSession(config).run()
    except CuarecError as exc:
        sys.stderr.write(f"cuarec: error: {exc.message}\n")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("cuarec: error: interrupted\n")
        return int(ExitCode.INTERRUPTED)
    except Exception as exc:
        sys.stderr.write(f"cuarec: error: internal error ({type(exc).__name__})\n")
        return int(ExitCode.INTERNAL)
    summary = {
        "steps": result.step_count,
        "steps_by_action": result.counts(),
        "events_seen": result.stats.events_seen,
        "events_recorded": result.stats.events_recorded,
        "events_paused": result.stats.events_paused,
        "frames_grabbed": result.stats.frames_grabbed,
        "frames_unique": result.stats.frames_unique,
        "pauses": len(result.pauses),
        "stop_reason": result.stop_reason,
        "duration_s": round(result.duration_s, 3),
        "frame_size": list(result.frame_size),
        "scale": result.monitor.scale,
        "scale_source": result.monitor.scale_source,
    }
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
