"""Benchmark curator batch redaction: local pool with 1 and 2 workers, and Ray, same input.

    python benchmarks/batch.py [--episodes 6] [--steps 8] [--size 1280x800] [--json OUT]
    python benchmarks/batch.py --stop-only [--repeats 3]
    python benchmarks/batch.py --compare OLD_CHECKOUT [--rounds 2]   # local pool, old vs new

Writes synthetic episodes (drawn screens with text), then times `cuarec redact` as a user
runs it (a fresh process: engine start-up included) for each engine and worker count.
Reports frames per second, episodes per minute and the 2-worker scaling ratio, and checks
that every engine wrote the same step data.

Then the time to stop: `redact --workers 2` (pool and Ray) gets SIGINT, sent to its process
group as a terminal's Ctrl+C is, while a worker is mid-file (its hidden parts folder exists);
measured from the signal to the command's exit, and checked: exit 130 and no half-written
output left.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from recorder.episode.synthetic import write_synthetic_episode  # noqa: E402


def timed_redact(inputs: Path, out: Path, engine: str, workers: int,
                 code: Path = REPO) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "recorder", "redact", str(inputs), "--out", str(out),
         "--engine", engine, "--workers", str(workers), "--json"],
        capture_output=True, text=True, cwd=code, check=False,
        env={**os.environ, "PYTHONPATH": str(code)})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return elapsed


def _default_sigint() -> None:
    """In the child: Ctrl+C's default action, even when this runs in a background job
    (which starts with SIGINT ignored, and Python keeps it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def time_to_stop(inputs: Path, out: Path, engine: str, workers: int) -> float:
    """Seconds from Ctrl+C (SIGINT to the process group) to the exit of `cuarec redact`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "recorder", "redact", str(inputs), "--out", str(out),
         "--engine", engine, "--workers", str(workers)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=REPO, start_new_session=True,
        preexec_fn=_default_sigint)
    deadline = time.monotonic() + 600
    while not (out.is_dir() and any(p.name.endswith(".parts") for p in out.iterdir())):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"{engine}: no file was being written when expected")
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    started = time.perf_counter()
    _, stderr = process.communicate(timeout=300)
    elapsed = time.perf_counter() - started
    left = [p.name for p in out.iterdir() if p.name.startswith(".")]
    if process.returncode != 130 or left:
        raise RuntimeError(f"{engine}: exit {process.returncode}, left {left}: {stderr[-500:]}")
    return elapsed


def stop_times(root: Path, repeats: int) -> dict[str, list[float]]:
    inputs = root / "stop-in"
    for seed in range(6):
        write_synthetic_episode(inputs, n_steps=12, size=(640, 400), seed=seed)
    times: dict[str, list[float]] = {}
    for engine in ("local", "ray"):
        name = f"{engine}-2"
        times[name] = [round(time_to_stop(inputs, root / f"stop-{name}-{i}", engine, 2), 2)
                       for i in range(repeats)]
        print("time to stop", name, times[name], flush=True)
    return times


def compare_pool(inputs: Path, root: Path, frames: int, before: Path,
                 rounds: int) -> list[dict[str, object]]:
    """The local pool with 1 and 2 workers, old code (``before``) and this checkout
    alternately (before, after, before, after...): the machine's load weighs on both alike."""
    runs: list[dict[str, object]] = []
    for r in range(rounds):
        for workers in (1, 2):
            for label, code in (("before", before), ("after", REPO)):
                load = os.getloadavg()
                out = root / f"{label}-{workers}-{r}"
                seconds = timed_redact(inputs, out, "local", workers, code)
                run: dict[str, object] = {
                    "round": r + 1, "code": label, "workers": workers,
                    "seconds": round(seconds, 1), "frames_per_s": round(frames / seconds, 3),
                    "load_at_start": [round(x, 1) for x in load],
                    "identical_to_first": all(
                        pq.read_table(out / p.name).equals(
                            pq.read_table(root / f"before-{workers}-0" / p.name))
                        for p in inputs.iterdir())}
                runs.append(run)
                print(json.dumps(run), flush=True)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--episodes", type=int, default=6)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--stop-only", action="store_true",
                        help="only the time to stop after Ctrl+C")
    parser.add_argument("--repeats", type=int, default=3, help="interruptions per engine")
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="only the local pool: this checkout against an older one (DIR), "
                             "alternately, --rounds times each")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    report: dict[str, object] = {"machine": f"{os.cpu_count()} cores",
                                 "episodes": args.episodes, "steps": args.steps,
                                 "size": args.size}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.stop_only:
            report["seconds_to_stop"] = stop_times(root, args.repeats)
            print(json.dumps(report, indent=2))
            return
        inputs = root / "in"
        for seed in range(args.episodes):
            write_synthetic_episode(inputs, n_steps=args.steps, size=(width, height),
                                    seed=seed)
        frames = args.episodes * args.steps
        if args.compare is not None:
            report["pool"] = compare_pool(inputs, root, frames, args.compare, args.rounds)
            print(json.dumps(report, indent=2))
            if args.json:
                args.json.write_text(json.dumps(report, indent=2) + "\n")
            return
        runs = {}
        for engine, workers in (("local", 1), ("local", 2), ("ray", 2)):
            name = f"{engine}-{workers}"
            seconds = timed_redact(inputs, root / name, engine, workers)
            runs[name] = {"seconds": round(seconds, 1),
                          "frames_per_s": round(frames / seconds, 2),
                          "episodes_per_min": round(args.episodes * 60 / seconds, 2)}
            print(name, runs[name], flush=True)
        report["runs"] = runs
        base = runs["local-1"]["seconds"]
        report["scaling_2_workers"] = round(base / runs["local-2"]["seconds"], 2)
        report["ray_vs_pool_2_workers"] = round(runs["local-2"]["seconds"]
                                                / runs["ray-2"]["seconds"], 2)
        identical = all(
            pq.read_table(root / "local-1" / p.name).equals(pq.read_table(root / other / p.name))
            for p in inputs.iterdir() for other in ("local-2", "ray-2"))
        report["identical_outputs"] = identical
        report["seconds_to_stop"] = stop_times(root, args.repeats)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
