"""Run one per-episode job over many episodes: on a local process pool or on Ray.

The job is a picklable :class:`EpisodeJob`: ``setup()`` builds the heavy engines once per
worker (pool process or Ray actor) and ``run(source, target)`` handles one episode. Both engines
call the same ``run``, so their outputs are identical. A failure of one file is reported with a
one-line, value-free reason and the others go on.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from recorder.errors import CuarecError, UsageError

Status = Literal["done", "skipped", "failed", "findings"]


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one input file (never a value from inside it)."""

    source: str
    status: Status
    output: str | None = None
    reason: str | None = None
    steps: int = 0
    frames: int = 0
    seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class EpisodeJob(ABC):
    """A per-episode job. Instances are pickled to workers before :meth:`setup` runs."""

    def setup(self) -> None:  # noqa: B027 - optional: most jobs build engines here
        """Build heavy engines. Called once per pool worker or Ray actor before any
        :meth:`run`; must be idempotent, since :meth:`run` may also call it lazily (a
        rerun that skips every file then never pays for engines)."""

    @abstractmethod
    def run(self, source: Path, target: Path | None) -> FileOutcome:
        """Handle one episode; raise :class:`CuarecError` for a clean per-file failure."""

    def sharing_cores_with(self, workers_per_machine: int) -> EpisodeJob:
        """This job for one of ``workers_per_machine`` workers on one machine (a job with
        thread pools sizes them to its share of the cores). The default shares nothing."""
        return self


def run_one(job: EpisodeJob, source: Path, target: Path | None) -> FileOutcome:
    """Run ``job`` on one file, turning any failure into a value-free ``failed`` outcome."""
    started = time.perf_counter()
    try:
        outcome = job.run(source, target)
    except CuarecError as exc:
        outcome = FileOutcome(str(source), "failed", reason=exc.message)
    except MemoryError:
        outcome = FileOutcome(str(source), "failed", reason="out of memory")
    except Exception as exc:
        # Only the type: the text of an arbitrary exception may carry data from the file.
        outcome = FileOutcome(str(source), "failed",
                              reason=f"internal error ({type(exc).__name__})")
    seconds = round(time.perf_counter() - started, 3)
    return FileOutcome(**{**asdict(outcome), "seconds": seconds})


# --- local process pool ------------------------------------------------------------------

_WORKER_JOB: EpisodeJob | None = None


def _init_worker(job: EpisodeJob) -> None:
    global _WORKER_JOB
    # Ctrl+C is the parent's to handle: it stops the workers itself (see run_local), so a
    # worker never turns it into a per-file failure and goes on with the next file.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_JOB = job
    job.setup()


def _run_in_worker(source: str, target: str | None) -> FileOutcome:
    assert _WORKER_JOB is not None
    return run_one(_WORKER_JOB, Path(source), None if target is None else Path(target))


def run_local(job: EpisodeJob, pairs: Sequence[tuple[Path, Path | None]], workers: int
              ) -> Iterator[FileOutcome]:
    """Yield outcomes as files finish. ``workers == 1`` runs in this process (no pickling)."""
    if workers <= 1:
        for source, target in pairs:
            yield run_one(job, source, target)
        return
    import multiprocessing

    # Each worker's OCR gets its share of the cores, not a pool as big as all of them.
    job = job.sharing_cores_with(workers)

    # forkserver: no fork of a process that may hold threads (OCR pools) or locks.
    context = multiprocessing.get_context("forkserver")
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_init_worker, initargs=(job,))
    finished = False
    try:
        futures = {pool.submit(_run_in_worker, str(s), None if t is None else str(t)): s
                   for s, t in pairs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:
                yield FileOutcome(str(futures[future]), "failed",
                                  reason=f"worker failed ({type(exc).__name__})")
        finished = True
    finally:
        if finished:
            pool.shutdown()
        else:
            # Interrupted (Ctrl+C, or the caller stopped reading): stop the workers now
            # instead of letting them finish their files, then remove what they left half
            # written (see remove_partial_outputs).
            workers_started = set(multiprocessing.active_children()) - before
            with _no_interrupt():
                for process in workers_started:
                    process.kill()
                for process in workers_started:
                    process.join(timeout=5)
                pool.shutdown(wait=False, cancel_futures=True)


@contextlib.contextmanager
def _no_interrupt() -> Iterator[None]:
    """Hold off a second Ctrl+C while stopping, so the clean-up itself is never cut short."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def remove_partial_outputs(pairs: Sequence[tuple[Path, Path | None]], done: set[str]) -> None:
    """Remove what an interrupted writer left for every target whose file did not finish:
    its hidden parts folder and temporary file (both hold redacted rows only). A published
    target is complete (published by atomic rename) and is kept; a rerun skips it."""
    from recorder.episode import schema

    with _no_interrupt():
        for source, target in pairs:
            if target is None or str(source) in done:
                continue
            shutil.rmtree(schema.parts_dir_for(target), ignore_errors=True)
            with contextlib.suppress(FileNotFoundError):
                schema.final_tmp_for(target).unlink()


# --- Ray -----------------------------------------------------------------------------------

@contextlib.contextmanager
def _stderr_to_devnull() -> Iterator[None]:
    """Mute file descriptor 2 (what C++ libraries write to) for the duration; an error is
    still raised as an exception, which cuarec reports in one line."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class _RayEpisodeActor:
    """Ray Data actor: builds the engines once, then runs the shared per-episode function."""

    def __init__(self, job: EpisodeJob) -> None:
        self.job = job
        job.setup()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        outcomes = [
            run_one(self.job, Path(str(source)), None if not target else Path(str(target)))
            for source, target in zip(batch["source"], batch["target"], strict=True)
        ]
        import json

        return {"outcome": [json.dumps(o.to_json()) for o in outcomes]}


def run_ray(job: EpisodeJob, pairs: Sequence[tuple[Path, Path | None]], workers: int
            ) -> Iterator[FileOutcome]:
    """Distribute file paths with Ray Data; each actor writes its outputs atomically itself.

    Uses ``RAY_ADDRESS`` when set (a cluster: every node must see the same paths, e.g. a shared
    file system), else starts a local Ray. Actors take fractional CPUs: on small machines
    actors holding every CPU leave none for Ray Data's own tasks and the pipeline hangs.
    """
    import json
    import logging

    from recorder.hardening import LOGGER, quiet_third_party_loggers

    debug = logging.getLogger(LOGGER).isEnabledFor(logging.DEBUG)
    if not debug:
        # Ray's C++ core (in this process too) logs to stderr: keep it to fatal errors. (It
        # says so itself at start-up, hence stderr is muted while ray.init runs.)
        os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    try:
        import ray
    except ImportError:
        from recorder.errors import EnvironmentProblem

        raise EnvironmentProblem("the Ray engine needs the 'ray' extra: "
                                 "pip install 'cuarec[ray]'") from None
    if not debug:
        quiet_third_party_loggers()  # importing ray configured its own loggers anew
    if not os.environ.get("RAY_ADDRESS"):
        # A local Ray: its actors share this machine's cores like pool workers. (On a cluster
        # the actors per node are Ray's choice; each OCR then sizes its pool to its node.)
        job = job.sharing_cores_with(workers)
    if not ray.is_initialized():
        # Ray's own logs hold task names and timings only: items are file paths, and outcomes
        # are value-free; keep the driver quiet anyway.
        # Ray's own log lines stay off the user's terminal unless --log-level debug.
        with contextlib.nullcontext() if debug else _stderr_to_devnull():
            ray.init(address=os.environ.get("RAY_ADDRESS"),
                     logging_level=logging.INFO if debug else logging.ERROR,
                     log_to_driver=debug, include_dashboard=False, configure_logging=debug)
    if not debug:
        quiet_third_party_loggers()
        for name in ("ray.data", "ray.data._internal"):
            logging.getLogger(name).setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    items = [{"source": str(s), "target": "" if t is None else str(t)} for s, t in pairs]
    dataset = ray.data.from_items(items, override_num_blocks=max(1, len(items)))
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
    results = dataset.map_batches(
        _RayEpisodeActor,
        fn_constructor_kwargs={"job": job},
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=max(1, workers)),
        num_cpus=min(1.0, 0.5 * cpus / max(1, workers)),
    )
    finished = False
    try:
        for row in results.iter_rows():
            yield FileOutcome(**json.loads(row["outcome"]))
        finished = True
    finally:
        if not finished:
            # Interrupted: ending this driver's Ray session stops its actors (on a cluster
            # too: they belong to this job), so none goes on writing.
            with _no_interrupt():
                ray.shutdown()


ENGINES: dict[str, Callable[[EpisodeJob, Sequence[tuple[Path, Path | None]], int],
                            Iterator[FileOutcome]]] = {"local": run_local, "ray": run_ray}


def run_batch(job: EpisodeJob, pairs: Sequence[tuple[Path, Path | None]], *,
              engine: str = "local", workers: int = 1
              ) -> Generator[FileOutcome, None, None]:
    """Outcomes as files finish. Closing the generator early (the caller's Ctrl+C handler
    does) or a Ctrl+C while it waits stops the workers at once and removes every output left
    half written, so the output folder holds finished files only."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose local or ray")
    if workers < 1:
        raise UsageError("--workers must be at least 1")
    return _stopping_cleanly(ENGINES[engine](job, pairs, workers), pairs)


def _stopping_cleanly(stream: Iterator[FileOutcome], pairs: Sequence[tuple[Path, Path | None]]
                      ) -> Generator[FileOutcome, None, None]:
    done: set[str] = set()
    complete = False
    try:
        for outcome in stream:
            done.add(outcome.source)
            yield outcome
        complete = True
    finally:
        if not complete:
            with _no_interrupt():
                close = getattr(stream, "close", None)
                if close is not None:
                    close()  # an engine's own clean-up: stop its workers first
            remove_partial_outputs(pairs, done)


def plan_outputs(sources: Sequence[Path], inputs: Sequence[Path], out_dir: Path
                 ) -> list[tuple[Path, Path]]:
    """Pair each source with ``out_dir/<name>``; refuse an out folder equal to or inside an
    input folder (outputs would be read back as inputs) and two inputs with one name."""
    out = out_dir.resolve()
    for given in inputs:
        folder = given.resolve() if given.is_dir() else given.resolve().parent
        if out == folder or folder in out.parents:
            raise UsageError(f"--out {out_dir} is inside the input folder {folder}; "
                             "choose a separate folder")
    seen: dict[str, Path] = {}
    pairs = []
    for source in sources:
        if source.name in seen:
            raise UsageError(f"two inputs are named {source.name} ({seen[source.name]} and "
                             f"{source}); outputs would collide")
        seen[source.name] = source
        pairs.append((source, out_dir / source.name))
    return pairs
