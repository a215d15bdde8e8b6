"""The ``cuarec`` command line: parses arguments and calls library functions, nothing more.

Heavy modules (pyarrow, OpenCV, Presidio, OCR, pynput) are imported inside the commands, so
``cuarec --help`` and usage errors stay fast and work without a display.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from recorder import __version__

if TYPE_CHECKING:
    from recorder.batch import EpisodeJob, FileOutcome
from recorder.errors import CuarecError, ExitCode, UsageError
from redaction.errors import RedactionError

app = typer.Typer(
    name="cuarec",
    help="Record computer-use demonstrations privately: personal data is removed in memory, "
    "before anything is written.\n\nExit codes: 0 ok; 1 findings or per-file failures; "
    "2 usage error or unusable input; 3 environment problem (display, model, permission, "
    "disk); 4 internal error.",
    no_args_is_help=True,
    add_completion=False,
    # Pretty exceptions can print local variables, i.e. recorded data: never.
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"cuarec {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
    log_level: Annotated[
        str,
        typer.Option("--log-level", envvar="CUAREC_LOG_LEVEL", metavar="LEVEL",
                     help="error, warning, info or debug: cuarec's own messages on stderr "
                     "(counts, stages and timings; never recorded values)."),
    ] = "warning",
) -> None:
    """cuarec: privacy-first recorder of computer-use demonstrations."""
    from recorder.hardening import LOG_LEVELS, configure_logging

    level = log_level.strip().lower()
    if level not in LOG_LEVELS:
        raise UsageError(f"--log-level must be one of {', '.join(LOG_LEVELS)}")
    configure_logging(level)


#: Paths are checked by our own readers, which give one precise line (Typer's check would
#: print a multi-line box and exit 2 even for a permission problem).
EpisodeFiles = Annotated[
    list[Path], typer.Argument(help="Episode files (.parquet).", readable=False)
]
Folder = Annotated[Path, typer.Argument(readable=False)]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _emit_json(payload: object) -> None:
    typer.echo(json.dumps(payload, indent=2, sort_keys=True))


def _load_tasks(task_file: Path) -> list[str]:
    """Tasks from a curator's JSONL file: one ``{"task": "..."}`` object per line."""
    try:
        lines = task_file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"{task_file}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise UsageError(f"{task_file}: not UTF-8 text") from None
    tasks = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            raise UsageError(f"{task_file}:{number}: not JSON") from None
        task = item.get("task") if isinstance(item, dict) else None
        if not isinstance(task, str) or not task.strip():
            raise UsageError(f"{task_file}:{number}: no \"task\" text")
        tasks.append(task.strip())
    if not tasks:
        raise UsageError(f"{task_file}: no tasks")
    return tasks


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _pick_task(task: str | None, task_file: Path | None, pick: int | None) -> str:
    if task_file is None:
        if not task or not task.strip():
            raise UsageError("give the task to record, e.g. cuarec record \"Rename a file\", "
                             "or --task-file FILE")
        return task
    if task:
        raise UsageError("give either a TASK or --task-file, not both")
    tasks = _load_tasks(task_file)
    if pick is None:
        if not _interactive():
            raise UsageError("--task-file needs --pick N when there is no terminal to ask")
        for number, text in enumerate(tasks, 1):
            typer.echo(f"  {number:3}. {text}", err=True)
        pick = typer.prompt("Which task will you record?", type=int, err=True)
    if not 1 <= pick <= len(tasks):
        raise UsageError(f"--pick must be between 1 and {len(tasks)}")
    return tasks[pick - 1]


def _ask_consent(notice_text: str, yes: bool) -> None:
    from recorder.consent import has_consented, remember_consent

    typer.echo(notice_text, err=True)
    if yes or has_consented():
        return
    if not _interactive():
        raise UsageError("consent is needed once: run cuarec record in a terminal, or pass "
                         "--yes for scripted runs")
    if not typer.confirm("Record under these terms?", default=False, err=True):
        raise UsageError("not recorded: consent declined")
    remember_consent()


def _review(path: Path, yes: bool) -> str:
    """Keep, view, drop steps or discard. Returns the final choice."""
    from recorder.edit import drop_steps, parse_step_ranges
    from recorder.view import write_view

    if yes or not _interactive():
        return "kept"
    while True:
        choice = typer.prompt("[k]eep, [v]iew the review page, [d]rop steps, or [x] discard",
                              default="k", err=True).strip().lower()[:1]
        if choice == "k":
            return "kept"
        if choice == "v":
            page = path.with_suffix(".html")
            page.unlink(missing_ok=True)
            typer.echo(f"review page: {write_view(path, page)}", err=True)
        elif choice == "d":
            spec = typer.prompt("steps to drop (e.g. 3,7-9)", err=True)
            try:
                typer.echo(f"{drop_steps(path, parse_step_ranges(spec))} steps kept", err=True)
            except UsageError as exc:
                typer.echo(f"cuarec: {exc.message}", err=True)
        elif choice == "x" and typer.confirm("Discard this recording for good?", err=True):
            path.unlink(missing_ok=True)
            path.with_suffix(".html").unlink(missing_ok=True)
            return "discarded"


@app.command()
def record(
    task: Annotated[str | None, typer.Argument(help="The task you will demonstrate.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for episodes.")] = Path("episodes"),
    duration: Annotated[float | None, typer.Option(
        "--duration", help="Stop after this many seconds (scripted runs).")] = None,
    fps: Annotated[float, typer.Option("--fps", help="Screenshots per second between "
                                       "actions.")] = 2.0,
    monitor: Annotated[int | None, typer.Option("--monitor", help="Monitor to record, from 1 "
                                                "(default: the primary).")] = None,
    policy: Annotated[str, typer.Option("--policy", help="Redaction policy: default, strict "
                                        "or a TOML file.")] = "default",
    no_ner: Annotated[bool, typer.Option("--no-ner", help="Record without name detection "
                                         "(NER) when no model is installed; stored in the "
                                         "episode.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Consent and keep without asking "
                                      "(scripted runs).")] = False,
    as_json: JsonFlag = False,
    ready_file: Annotated[Path | None, typer.Option(
        "--ready-file", help="Create this file once capture is live.")] = None,
    task_file: Annotated[Path | None, typer.Option(
        "--task-file", help="A curator's tasks (JSONL, {\"task\": ...} per line) to pick "
        "from.")] = None,
    pick: Annotated[int | None, typer.Option("--pick", help="Task number in --task-file "
                                             "(default: ask).")] = None,
    stop_hotkey: Annotated[str, typer.Option("--stop-hotkey")] = "ctrl+alt+q",
    pause_hotkey: Annotated[str, typer.Option("--pause-hotkey")] = "ctrl+alt+p",
    max_backlog: Annotated[float | None, typer.Option(
        "--max-backlog", metavar="SECONDS", min=0.5, max=3600,
        help="Opt-in: redaction work allowed to wait (estimated seconds). Past it, new "
        "screenshots are dropped (their steps kept, typing in them taken as a secret) so "
        "stopping stays quick. Default: keep every screenshot (up to min(25 % of RAM, 1 GB) "
        "compressed) and finish redacting after stop.")] = None,
) -> None:
    """Record one task: capture, redact in memory, then write one episode file.

    Example: cuarec record "Rename a file in the file manager"
    """
    from recorder.consent import CaptureNotice, statement
    from recorder.record import RecordOptions, record_episode
    from recorder.record_display import choose_display

    chosen = _pick_task(task, task_file, pick)
    _ask_consent(statement(CaptureNotice(fps, out, stop_hotkey, pause_hotkey, duration)), yes)
    options = RecordOptions(task=chosen, out_dir=out, duration_s=duration, fps=fps,
                            monitor=monitor, policy=policy, no_ner=no_ner,
                            ready_file=ready_file, stop_hotkey=stop_hotkey,
                            pause_hotkey=pause_hotkey, consent=True,
                            max_backlog_s=max_backlog)
    typer.echo("cuarec: loading redaction engines...", err=True)
    result = record_episode(options, display=choose_display(sys.stderr, sys.stdin))
    choice = _review(result.episode, yes)
    if as_json:
        _emit_json({**result.to_json(), "choice": choice})
        return
    typer.echo(f"{choice}: {result.episode}" if choice == "kept" else "discarded: nothing kept")
    typer.echo(f"  {result.steps} steps, {result.frames} screenshots, {result.duration_s:.1f} s")
    removed = ", ".join(f"{k} {v}" for k, v in result.redactions_by_type.items()) or "none"
    typer.echo(f"  removed: {removed}")
    if result.dropped:
        dropped = ", ".join(f"{k} {v}" for k, v in result.dropped.items())
        typer.echo(f"  dropped (fail-closed): {dropped}")


@app.command()
def info(
    episodes: EpisodeFiles,
    as_json: JsonFlag = False,
) -> None:
    """Show what episodes hold: task, steps by action, frames, redactions, policy, versions."""
    from recorder.info import render_text, summarize

    summaries = [summarize(path) for path in episodes]
    if as_json:
        _emit_json([s.to_json() for s in summaries])
    else:
        typer.echo("\n".join(render_text(s) for s in summaries))


@app.command()
def recover(
    folder: Folder,
    as_json: JsonFlag = False,
) -> None:
    """Turn the parts a killed recording left behind into valid episode files."""
    from recorder.episode.writer import recover_folder

    results = recover_folder(folder)
    if as_json:
        _emit_json([{"episode": str(r.episode), "status": r.status, "steps": r.steps,
                     "lost_steps": r.lost} for r in results])
        return
    if not results:
        typer.echo(f"nothing to recover in {folder}")
    for r in results:
        detail = f" ({r.steps} steps)" if r.status == "recovered" else ""
        if r.lost:
            detail += (f"; {r.lost} captured steps were lost with the killed recorder (never "
                       "redacted, never written)")
        typer.echo(f"{r.status}: {r.episode}{detail}")


@app.command()
def export(
    inputs: Annotated[list[Path], typer.Argument(help="Episode files or folders of them.",
                                                 readable=False)],
    to: Annotated[str, typer.Option("--to", help="Action space: pyautogui, anthropic, openai "
                                    "or jsonl.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the exports (one per episode).")],
    normalize: Annotated[bool, typer.Option("--normalize", help="Coordinates in [0, 1] "
                                            "(as OpenCUA uses).")] = False,
    anthropic_size: Annotated[str | None, typer.Option(
        "--anthropic-size", help="Display size for --to anthropic: XGA, WXGA or FWXGA "
        "(default: closest to the screenshot's aspect).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Export (redacted observation, action) training pairs in an agent's action space."""
    from recorder.episode.reader import find_episodes
    from recorder.export import ExportOptions, export_many

    options = ExportOptions(normalize=normalize, anthropic_size=anthropic_size)
    results = export_many(find_episodes(inputs), to, out, options,
                          progress=None if as_json else
                          lambda r: typer.echo(f"{r.output} ({r.pairs} pairs)", err=True))
    if as_json:
        _emit_json([{"episode": str(r.source), "output": str(r.output), "pairs": r.pairs}
                    for r in results])
    else:
        typer.echo(f"exported {len(results)} episode(s) to {out}")


@app.command()
def view(
    episode: Annotated[Path, typer.Argument(help="Episode file.", readable=False)],
    out: Annotated[Path | None, typer.Option("--out", help="HTML file to write "
                                             "(default: beside the episode).")] = None,
) -> None:
    """Write one self-contained HTML review page of an episode (no scripts, strict CSP)."""
    from recorder.view import write_view

    target = out or episode.with_suffix(".html")
    typer.echo(str(write_view(episode, target)))


@app.command()
def edit(
    episode: Annotated[Path, typer.Argument(help="Episode file.", readable=False)],
    drop_steps: Annotated[str, typer.Option("--drop-steps", help="Steps to remove, 1-based as "
                                            "`view` numbers them: 3,7-9.")],
    as_json: JsonFlag = False,
) -> None:
    """Remove steps from an episode (atomic; steps renumbered, metadata recounted)."""
    from recorder.edit import drop_steps as drop
    from recorder.edit import parse_step_ranges

    kept = drop(episode, parse_step_ranges(drop_steps))
    if as_json:
        _emit_json({"episode": str(episode), "steps": kept})
    else:
        typer.echo(f"{episode}: {kept} steps kept")


identity_app = typer.Typer(
    help="Your own identity values (names, e-mails, phones, addresses), always redacted from "
    "your recordings. Kept only on this machine (0600), never written into an episode.",
    no_args_is_help=True,
)
app.add_typer(identity_app, name="identity")


@identity_app.command("show")
def identity_show(as_json: JsonFlag = False) -> None:
    """List the stored identity values (on your own terminal only)."""
    from recorder.identity import IdentityStore

    entries = IdentityStore().load()
    if as_json:
        _emit_json([{"kind": e.kind, "value": e.value} for e in entries])
    elif not entries:
        typer.echo("no identity values stored")
    for entry in [] if as_json else entries:
        typer.echo(f"{entry.kind:8} {entry.value}")


@identity_app.command("add")
def identity_add(
    kind: Annotated[str, typer.Argument(help="name, email, phone, address or other.")],
    value: Annotated[str, typer.Argument(help="The value to always redact.")],
) -> None:
    """Add a value that must always be redacted."""
    from recorder.identity import IdentityStore

    added = IdentityStore().add(kind, value)
    typer.echo("added" if added else "already stored")


@identity_app.command("remove")
def identity_remove(value: Annotated[str, typer.Argument(help="The value to forget.")]) -> None:
    """Remove one value."""
    from recorder.identity import IdentityStore

    if not IdentityStore().remove(value):
        raise UsageError("no such identity value")
    typer.echo("removed")


@identity_app.command("clear")
def identity_clear() -> None:
    """Remove every stored identity value."""
    from recorder.identity import IdentityStore

    IdentityStore().clear()
    typer.echo("cleared")


Inputs = Annotated[list[Path], typer.Argument(help="Episode files or folders of them.",
                                               readable=False)]
Workers = Annotated[int, typer.Option("--workers", help="Parallel workers (processes or Ray "
                                      "actors); each builds the engines once.")]
Engine = Annotated[str, typer.Option("--engine", help="local (a process pool) or ray "
                                     "(Ray Data; RAY_ADDRESS for a cluster).")]


def _run_with_progress(job: EpisodeJob, pairs: list[tuple[Path, Path | None]], engine: str,
                       workers: int, label: str, quiet: bool) -> list[FileOutcome]:
    """Run a batch with a progress bar (count, rate, ETA) on a terminal, one line per file
    otherwise; per-file failures never stop the batch."""
    from recorder.batch import run_batch

    outcomes: list[FileOutcome] = []
    stream = run_batch(job, pairs, engine=engine, workers=workers)
    if sys.stderr.isatty() and not quiet:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class RateColumn(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed * 60:.1f} files/min" if speed else "- files/min")

        with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), RateColumn(),
                      TimeRemainingColumn(), transient=True) as progress:
            bar = progress.add_task(label, total=len(pairs))
            for outcome in stream:
                outcomes.append(outcome)
                progress.advance(bar)
    else:
        for index, outcome in enumerate(stream, 1):
            outcomes.append(outcome)
            if not quiet:
                typer.echo(f"[{index}/{len(pairs)}] {outcome.status}: {outcome.source}",
                           err=True)
    return outcomes


@app.command()
def redact(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("--out", help="Folder for the re-redacted episodes.")],
    policy: Annotated[str, typer.Option("--policy", help="Policy: strict (default), default "
                                        "or a TOML file.")] = "strict",
    workers: Workers = 1,
    engine: Engine = "local",
    force: Annotated[bool, typer.Option("--force", help="Redo outputs that exist.")] = False,
    no_ner: Annotated[bool, typer.Option("--no-ner", help="Without name detection (NER); "
                                         "recorded in the outputs.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Re-redact episodes under a (stricter) policy. Inputs are never modified; reruns skip
    finished outputs (resumable); exit 1 if any file failed."""
    from recorder.batch import plan_outputs
    from recorder.curate import RedactJob
    from recorder.episode.reader import find_episodes

    pairs = plan_outputs(find_episodes(inputs), inputs, out)
    from recorder.episode.writer import ensure_private_folder

    ensure_private_folder(out)
    outcomes = _run_with_progress(RedactJob(policy, force, no_ner), list(pairs), engine,
                                  workers, "redacting", as_json)
    _report(outcomes, as_json)


@app.command()
def audit(
    inputs: Inputs,
    policy: Annotated[str, typer.Option("--policy", help="Policy: strict (default) or a "
                                        "TOML file.")] = "strict",
    workers: Workers = 1,
    engine: Engine = "local",
    no_ner: Annotated[bool, typer.Option("--no-ner")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Look for residual personal data: re-OCR every frame, re-analyse every text, title,
    task and event. Reports type and place, never the value; exit 1 on any finding."""
    from recorder.curate import AuditJob
    from recorder.episode.reader import find_episodes

    pairs: list[tuple[Path, Path | None]] = [(p, None) for p in find_episodes(inputs)]
    outcomes = _run_with_progress(AuditJob(policy, no_ner), pairs, engine, workers,
                                  "auditing", as_json)
    if not as_json:
        for outcome in outcomes:
            for f in outcome.details.get("findings", ()):
                where = f["where"] if f["step"] is None else f"step {f['step'] + 1} {f['where']}"
                box = "" if f["box"] is None else f" box {tuple(f['box'])}"
                typer.echo(f"{outcome.source}: {where}: {f['entity_type']} "
                           f"({f['recognizer']}){box}")
    _report(outcomes, as_json)


def _report(outcomes: list[FileOutcome], as_json: bool) -> None:
    """Summary table or JSON; exit 1 when any file failed or had findings."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    if as_json:
        _emit_json({"files": [o.to_json() for o in outcomes], "counts": counts})
    else:
        width = max([len(o.source) for o in outcomes] + [4])
        typer.echo(f"{'file':{width}}  {'status':9} steps frames  seconds  reason")
        for o in sorted(outcomes, key=lambda o: o.source):
            typer.echo(f"{o.source:{width}}  {o.status:9} {o.steps:5} {o.frames:6} "
                       f"{o.seconds:8.1f}  {o.reason or ''}")
        typer.echo(", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no files")
    if counts.get("failed") or counts.get("findings"):
        raise typer.Exit(int(ExitCode.FINDINGS))


def _fail(message: str, code: ExitCode) -> NoReturn:
    sys.stderr.write(f"cuarec: error: {message}\n")
    sys.exit(int(code))


def _parser_error(exc: Exception) -> str | None:
    """The message of an argument-parser error (Typer vendors click, so match by shape)."""
    if hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int):
        return " ".join(str(exc.format_message()).split())
    return None


def main(argv: list[str] | None = None) -> None:
    """Console entry point: the one place errors become a line on stderr and an exit code."""
    try:
        result = app(args=argv, prog_name="cuarec", standalone_mode=False)
    except CuarecError as exc:
        _fail(exc.message, exc.exit_code)
    except RedactionError as exc:
        code = ExitCode.ENVIRONMENT if type(exc).__name__ == "ModelUnavailableError" else (
            ExitCode.USAGE)
        _fail(exc.message, code)
    except KeyboardInterrupt:
        _fail("interrupted", ExitCode.INTERRUPTED)
    except MemoryError:
        _fail("out of memory", ExitCode.ENVIRONMENT)
    except Exception as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            sys.exit(int(ExitCode.OK))  # the help was printed
        if type(exc).__name__ == "Abort":
            _fail("aborted", ExitCode.INTERRUPTED)
        message = _parser_error(exc)
        if message is not None:
            _fail(f"{message} (see 'cuarec --help')", ExitCode.USAGE)
        # Only the type: an exception's text may carry recorded data.
        _fail(f"internal error ({type(exc).__name__}); please report it", ExitCode.INTERNAL)
    sys.exit(result if isinstance(result, int) else int(ExitCode.OK))
