"""Benchmark `cuarec pack`: pack throughput without audit, audit throughput, peak memory.

    python benchmarks/pack.py [--episodes 100] [--steps 10] [--size 1024x640]
                              [--audit-episodes 4] [--workers 2] [--no-ray]
                              [--frames synthetic|noise] [--skip-audit] [--json OUT]

Writes synthetic episodes (drawn file-manager screens, lossless WebP), then, each in a fresh
process as a curator runs it:

- packs all of them with ``--no-audit`` (episodes/s and input MB/s) and reports that process's
  peak RSS beside the size of the input, the peak of packing a quarter of them, and an idle
  baseline (the same imports, no work): a streamed pack's peak does not grow with the input;
- packs ``--audit-episodes`` of them with the audit on (strict policy, NER on) on the local
  pool and on Ray Data with ``--workers`` workers: audited frames per second, engine start-up
  included.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def child(argv: list[str]) -> None:
    """Run in a fresh process: ``idle`` (imports only) or ``pack SRC OUT``."""
    from recorder.dataset.pack import PackOptions, pack
    from recorder.episode.reader import find_episodes

    started = time.perf_counter()
    if argv[0] == "pack":
        result = pack(find_episodes([Path(argv[1])]), Path(argv[2]),
                      PackOptions(license="CC0-1.0", audit="skip"))
        assert result.ok
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_rss_kib() / 1024}))


def peak_rss_kib() -> int:
    """This process's own peak RSS (VmHWM). Not ``ru_maxrss``: Linux carries the parent's
    peak across fork and exec into it, which would hide the child's figure."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def write_noise_episode(folder: Path, seed: int, steps: int, width: int, height: int) -> Path:
    """An episode whose screenshots are random noise stored as uncompressed PNG: an input as
    large as its pixels, so memory that grew with the data would show."""
    import cv2
    import numpy as np

    from recorder.episode.model import EncodedImage, EpisodeMetadata, certify_redacted
    from recorder.episode.writer import EpisodeWriter

    rng = np.random.default_rng(seed)
    meta = EpisodeMetadata(episode_id=f"noise-{seed:05d}", task=f"Noise task {seed}",
                           started_at="2026-01-01T00:00:00+00:00", duration_s=float(steps))
    target = folder / f"noise-{seed:05d}.parquet"
    with EpisodeWriter(target, meta) as writer:
        for index in range(steps):
            frame = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
            ok, png = cv2.imencode(".png", frame, [cv2.IMWRITE_PNG_COMPRESSION, 0])
            assert ok
            writer.append(certify_redacted(
                step_index=index, timestamp_s=float(index), action_type="click", x=1, y=1,
                button="left", screenshot=EncodedImage(png.tobytes(), width, height)))
        return writer.finalize()


def run_child(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                         text=True, cwd=REPO, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def timed_audit_pack(inputs: Path, out: Path, engine: str, workers: int) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "recorder", "pack", str(inputs), "--out", str(out),
         "--license", "CC0-1.0", "--engine", engine, "--workers", str(workers), "--json"],
        capture_output=True, text=True, cwd=REPO, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr[-2000:])
    report = json.loads(result.stdout)
    if report["audited"] != len(list(inputs.glob("*.parquet"))):
        raise RuntimeError("not every input was audited")
    return elapsed


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--episodes", type=int, default=100)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--size", default="1024x640")
    parser.add_argument("--audit-episodes", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument("--frames", choices=("synthetic", "noise"), default="synthetic",
                        help="drawn screens (compress ~100x) or incompressible noise")
    parser.add_argument("--skip-audit", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    from recorder.episode.synthetic import write_synthetic_episode

    report: dict[str, object] = {"machine": f"{os.cpu_count()} cores",
                                 "load_average": os.getloadavg(), "episodes": args.episodes,
                                 "steps": args.steps, "size": args.size,
                                 "frames": args.frames}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs, subset = root / "in", root / "subset"
        for seed in range(args.episodes):
            if args.frames == "noise":
                inputs.mkdir(exist_ok=True)
                path = write_noise_episode(inputs, seed, args.steps, width, height)
            else:
                path = write_synthetic_episode(inputs, n_steps=args.steps,
                                               size=(width, height), seed=seed)
            if seed < args.audit_episodes:
                subset.mkdir(exist_ok=True)
                os.link(path, subset / path.name)
        input_mb = sum(p.stat().st_size for p in inputs.iterdir()) / 1e6
        quarter = root / "quarter"
        quarter.mkdir()
        for path in sorted(inputs.iterdir())[: max(1, args.episodes // 4)]:
            os.link(path, quarter / path.name)
        idle = run_child("idle")
        packed_quarter = run_child("pack", str(quarter), str(root / "dataset-quarter"))
        packed = run_child("pack", str(inputs), str(root / "dataset"))
        shards = list((root / "dataset" / "data").iterdir())
        report["pack_no_audit"] = {
            "input_mb": round(input_mb, 1),
            "shards": len(shards),
            "output_mb": round(sum(p.stat().st_size for p in shards) / 1e6, 1),
            "seconds": round(packed["seconds"], 2),
            "episodes_per_s": round(args.episodes / packed["seconds"], 1),
            "mb_per_s": round(input_mb / packed["seconds"], 1),
            "peak_rss_mb": round(packed["peak_rss_mb"], 1),
            "idle_rss_mb": round(idle["peak_rss_mb"], 1),
            "quarter_input_mb": round(sum(p.stat().st_size for p in quarter.iterdir()) / 1e6, 1),
            "quarter_peak_rss_mb": round(packed_quarter["peak_rss_mb"], 1),
        }
        frames = args.audit_episodes * args.steps
        audit: dict[str, object] = {"episodes": args.audit_episodes, "frames": frames}
        engines = list(dict.fromkeys([("local", 1), ("local", args.workers)]))
        if not args.no_ray:
            engines.append(("ray", args.workers))
        for engine, workers in [] if args.skip_audit else engines:
            seconds = timed_audit_pack(subset, root / f"audited-{engine}-{workers}", engine,
                                       workers)
            audit[f"{engine}_{workers}"] = {"seconds": round(seconds, 1),
                                            "frames_per_s": round(frames / seconds, 2)}
        report["audit"] = audit
        report["load_average_after"] = os.getloadavg()
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
