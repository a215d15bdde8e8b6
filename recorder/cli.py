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
from recorder.clihelp import PlainHelpCommand, PlainHelpGroup

if TYPE_CHECKING:
    from collections.abc import Iterator

    from recorder.batch import EpisodeJob, FileOutcome
    from recorder.record import RecordResult
from recorder.errors import CuarecError, ExitCode, UsageError
from redaction.errors import RedactionError

app = typer.Typer(
    name="cuarec",
    help="Record computer-use demonstrations privately: personal data is removed in memory, "
    "before anything is written.\n\nExit codes: 0 ok; 1 findings or per-file failures; "
    "2 usage error or unusable input; 3 environment problem (display, model, permission, "
    "disk); 4 internal error; 130 interrupted.\n\nExample: cuarec record \"Rename report.txt "
    "to final.txt\"",
    cls=PlainHelpGroup,
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
    list[Path], typer.Argument(help="Episode files (.parquet) or folders of them.",
                               metavar="EPISODE...", readable=False)
]
Folder = Annotated[Path, typer.Argument(
    help="The folder the recording was writing to (the --out of cuarec record, e.g. "
    "episodes).", metavar="FOLDER", readable=False)]
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


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def pick_task(task: str | None, task_file: Path | None, pick: int | None) -> str:
    if task_file is None:
        if not task or not task.strip():
            raise UsageError("give the task to record, e.g. cuarec record \"Rename a file\", "
                             "or --task-file FILE")
        return task
    if task:
        raise UsageError("give either a TASK or --task-file, not both")
    tasks = _load_tasks(task_file)
    if pick is None:
        if not interactive():
            raise UsageError("--task-file needs --pick N when there is no terminal to ask")
        for number, text in enumerate(tasks, 1):
            typer.echo(f"  {number:3}. {text}", err=True)
        pick = typer.prompt("Which task will you record?", type=int, err=True)
    if not 1 <= pick <= len(tasks):
        raise UsageError(f"--pick must be between 1 and {len(tasks)}")
    return tasks[pick - 1]


def ask_consent(notice_text: str, yes: bool) -> None:
    from recorder.consent import has_consented, remember_consent

    typer.echo(notice_text, err=True)
    if yes or has_consented():
        return
    if not interactive():
        raise UsageError("consent is needed once: run cuarec record in a terminal, or pass "
                         "--yes for scripted runs")
    if not typer.confirm("Record under these terms?", default=False, err=True):
        raise UsageError("not recorded: consent declined")
    remember_consent()


def review_recording(path: Path, yes: bool) -> str:
    """Keep, view, drop steps or discard. Returns the final choice."""
    from recorder.edit import drop_steps, parse_step_ranges
    from recorder.view import write_view

    if yes or not interactive():
        return "kept"
    while True:
        choice = typer.prompt("[k]eep, [v]iew the review page, [d]rop steps, or [x] discard",
                              default="k", err=True).strip().lower()[:1]
        if choice == "k":
            return "kept"
        if choice == "v":
            page = path.with_suffix(".html")
            typer.echo(f"review page: {write_view(path, page, force=True)}", err=True)
        elif choice == "d":
            spec = typer.prompt("steps to drop (e.g. 3,7-9)", err=True)
            try:
                typer.echo(f"{drop_steps(path, parse_step_ranges(spec))} steps kept", err=True)
            except UsageError as exc:
                typer.echo(f"cuarec: {exc.message}", err=True)
            page = path.with_suffix(".html")
            if page.exists():  # a page viewed before must not keep showing dropped steps
                write_view(path, page, force=True)
        elif choice == "x" and typer.confirm("Discard this recording for good?", err=True):
            path.unlink(missing_ok=True)
            path.with_suffix(".html").unlink(missing_ok=True)
            return "discarded"


@app.command(cls=PlainHelpCommand)
def record(
    task: Annotated[str | None, typer.Argument(help="The task you will demonstrate.",
                                               metavar="TASK")] = None,
    out: Annotated[Path, typer.Option("--out", metavar="FOLDER",
                                      help="Folder for episodes.")] = Path("episodes"),
    duration: Annotated[float | None, typer.Option(
        "--duration", metavar="SECONDS",
        help="Stop after this many seconds (scripted runs).")] = None,
    fps: Annotated[float, typer.Option("--fps", metavar="N", help="Screenshots per second "
                                       "between actions (above 0, at most 60).")] = 2.0,
    monitor: Annotated[int | None, typer.Option("--monitor", metavar="N", help="Monitor to "
                                                "record, from 1 (default: the primary).")
                       ] = None,
    policy: Annotated[str, typer.Option("--policy", metavar="POLICY", help="Redaction "
                                        "policy: default, strict or a TOML file.")
                      ] = "default",
    no_ner: Annotated[bool, typer.Option("--no-ner", help="Record without name detection "
                                         "(NER) when no model is installed; stored in the "
                                         "episode.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Consent and keep without asking "
                                      "(scripted runs).")] = False,
    as_json: JsonFlag = False,
    ready_file: Annotated[Path | None, typer.Option(
        "--ready-file", metavar="FILE", help="Create this file once capture is live.")] = None,
    task_file: Annotated[Path | None, typer.Option(
        "--task-file", metavar="FILE", help="A curator's tasks (JSONL, {\"task\": ...} per "
        "line) to pick from.")] = None,
    pick: Annotated[int | None, typer.Option("--pick", metavar="N", help="Task number in "
                                             "--task-file (default: ask).")] = None,
    stop_hotkey: Annotated[str | None, typer.Option(
        "--stop-hotkey", metavar="KEYS",
        help="Keys that end the recording, modifiers first, joined by + (e.g. ctrl+alt+q; at "
        "least one of ctrl, alt, super, or shift before a key that types nothing, such as "
        "shift+f12). Never recorded. Default: ctrl+alt+q (Linux, macOS), ctrl+shift+f12 "
        "(Windows, where Ctrl+Alt is AltGr).")] = None,
    pause_hotkey: Annotated[str | None, typer.Option(
        "--pause-hotkey", metavar="KEYS",
        help="Keys that pause and resume recording (nothing is captured while paused), in "
        "the same form as --stop-hotkey. Never recorded. Default: ctrl+alt+p (Linux, macOS), "
        "ctrl+shift+f11 (Windows).")] = None,
    max_backlog: Annotated[float | None, typer.Option(
        "--max-backlog", metavar="SECONDS", min=0.5, max=3600,
        help="Opt-in: redaction work allowed to wait (estimated seconds). Past it, new "
        "screenshots are dropped (their steps kept, typing in them taken as a secret) so "
        "stopping stays quick. Default: keep every screenshot (up to min(25 % of RAM, 1 GB) "
        "compressed) and finish redacting after stop.")] = None,
) -> None:
    """Record one task: capture, redact in memory, then write one episode file.

    Press the stop hotkey (ctrl+alt+q; ctrl+shift+f12 on Windows) when the task is done; you
    then review the recording before it is kept.

    Example: cuarec record "Rename report.txt to final.txt"
    """
    from recorder.capture.hotkeys import default_hotkeys
    from recorder.consent import CaptureNotice, preflight, statement
    from recorder.record import RecordOptions, record_episode
    from recorder.record_display import choose_display

    stop_hotkey = stop_hotkey or default_hotkeys()[0]
    pause_hotkey = pause_hotkey or default_hotkeys()[1]
    chosen = pick_task(task, task_file, pick)
    notice = CaptureNotice(fps, out, stop_hotkey, pause_hotkey, duration)
    preflight(notice, monitor, policy)  # flags and desktop, before consent and engines
    ask_consent(statement(notice), yes)
    options = RecordOptions(task=chosen, out_dir=out, duration_s=duration, fps=fps,
                            monitor=monitor, policy=policy, no_ner=no_ner,
                            ready_file=ready_file, stop_hotkey=stop_hotkey,
                            pause_hotkey=pause_hotkey, consent=True,
                            max_backlog_s=max_backlog)
    typer.echo("cuarec: loading redaction engines...", err=True)
    result = record_episode(options, display=choose_display(sys.stderr, sys.stdin))
    choice = review_recording(result.episode, yes)
    if choice == "kept":
        result = as_kept(result)
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


def as_kept(result: RecordResult) -> RecordResult:
    """The summary of the file as kept: steps dropped at the review are gone from it."""
    from dataclasses import replace

    from recorder.info import summarize

    kept = summarize(result.episode)
    return replace(result, steps=kept.steps, frames=kept.frames,
                   steps_by_action=kept.steps_by_action,
                   redactions_by_type=kept.redactions_by_type, flags=kept.flags)


@app.command(cls=PlainHelpCommand)
def info(
    episodes: EpisodeFiles,
    as_json: JsonFlag = False,
) -> None:
    """Show what episodes hold: task, steps by action, frames, redactions, policy, versions.
    A packed dataset folder (cuarec pack) is summarised as one dataset.

    Example: cuarec info episodes/
    """
    from recorder.dataset.describe import DatasetSummary, summarize_dataset
    from recorder.dataset.layout import is_packed_dataset
    from recorder.episode.reader import find_episodes
    from recorder.info import EpisodeSummary, render_text, summarize

    summaries: list[DatasetSummary | EpisodeSummary] = []
    for path in episodes:
        if is_packed_dataset(path):
            summaries.append(summarize_dataset(path))
        else:
            summaries.extend(summarize(p) for p in find_episodes([path]))
    if as_json:
        _emit_json([s.to_json() for s in summaries])
    else:
        typer.echo("\n".join(s.render_text() if isinstance(s, DatasetSummary) else
                              render_text(s) for s in summaries))


@app.command(cls=PlainHelpCommand)
def recover(
    folder: Folder,
    as_json: JsonFlag = False,
) -> None:
    """Turn the parts a killed recording left behind into valid episode files.

    A recording that was killed (power cut, crash) leaves its finished steps in a hidden
    folder inside FOLDER; this assembles them into an episode file. cuarec record also does
    this by itself before the next recording into the same folder.

    Example: cuarec recover episodes/
    """
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


@app.command(cls=PlainHelpCommand)
def export(
    inputs: Annotated[list[Path], typer.Argument(help="Episode files or folders of them.",
                                                 metavar="EPISODE...", readable=False)],
    to: Annotated[str, typer.Option("--to", metavar="FORMAT", help="Action space: "
                                    "pyautogui, anthropic, openai or jsonl.")],
    out: Annotated[Path, typer.Option("--out", metavar="FOLDER",
                                      help="Folder for the exports (one per episode).")],
    normalize: Annotated[bool, typer.Option("--normalize", help="Coordinates in [0, 1] "
                                            "(as OpenCUA uses).")] = False,
    anthropic_size: Annotated[str | None, typer.Option(
        "--anthropic-size", metavar="SIZE", help="Display size for --to anthropic: XGA, "
        "WXGA or FWXGA (default: closest to the screenshot's aspect).")] = None,
    drop_placeholder_steps: Annotated[bool, typer.Option(
        "--drop-placeholder-steps", help="Leave out steps whose typed text is only "
        "placeholders such as <EMAIL_ADDRESS>.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Export (redacted observation, action) training pairs in an agent's action space.

    A packed dataset (cuarec pack) is exported as one dataset of shards in OUT/SPACE/.

    Example: cuarec export episodes/ --to pyautogui --out exports/
    """
    from recorder.dataset.layout import is_packed_dataset
    from recorder.episode.reader import find_episodes
    from recorder.export import ExportOptions, export_many

    options = ExportOptions(normalize=normalize, anthropic_size=anthropic_size,
                            drop_placeholder_steps=drop_placeholder_steps)
    if any(is_packed_dataset(p) for p in inputs):
        from recorder.dataset.export import export_dataset

        if len(inputs) != 1:
            raise UsageError("export one packed dataset at a time")
        done = export_dataset(inputs[0], to, out, options)
        if as_json:
            _emit_json({"dataset": str(done.source), "output": str(done.output),
                        "episodes": done.episodes, "pairs": done.pairs, "shards": done.shards})
        else:
            typer.echo(f"exported {done.episodes} episode(s), {done.pairs} pairs in "
                       f"{done.shards} shard(s) to {done.output}")
        return
    results = export_many(find_episodes(inputs), to, out, options,
                          progress=None if as_json else
                          lambda r: typer.echo(f"{r.output} ({r.pairs} pairs)", err=True))
    if as_json:
        _emit_json([{"episode": str(r.source), "output": str(r.output), "pairs": r.pairs}
                    for r in results])
    else:
        typer.echo(f"exported {len(results)} episode(s) to {out}")


@app.command(cls=PlainHelpCommand)
def view(
    episode: Annotated[Path, typer.Argument(help="Episode file (or a packed dataset folder "
                                            "with --episode).", metavar="EPISODE",
                                            readable=False)],
    out: Annotated[Path | None, typer.Option("--out", metavar="FILE", help="HTML file to write "
                                             "(default: beside the episode).")] = None,
    episode_id: Annotated[str | None, typer.Option("--episode", metavar="ID", help="Episode id "
                                                   "in a packed dataset.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the page if it "
                                        "exists.")] = False,
) -> None:
    """Write one self-contained HTML review page of an episode (no scripts, strict CSP).

    Example: cuarec view episodes/20260101T120000-1a2b3c4d.parquet
    """
    from recorder.dataset.layout import is_packed_dataset
    from recorder.view import write_view

    if is_packed_dataset(episode) != (episode_id is not None):
        raise UsageError("--episode ID goes with a packed dataset folder, and only with one")
    target = out or (episode.with_suffix(".html") if episode_id is None else
                     episode.resolve().with_name(
                         f"{episode.resolve().name}-{_safe_name(episode_id)}.html"))
    typer.echo(str(write_view(episode, target, episode_id, force=force)))


@app.command(cls=PlainHelpCommand)
def edit(
    episode: Annotated[Path, typer.Argument(help="Episode file.", metavar="EPISODE",
                                            readable=False)],
    drop_steps: Annotated[str, typer.Option("--drop-steps", metavar="STEPS", help="Steps to "
                                            "remove, numbered as the review page numbers "
                                            "them: 3,7-9. The final done step stays.")],
    as_json: JsonFlag = False,
) -> None:
    """Remove steps from an episode (atomic; steps renumbered, metadata recounted).

    Example: cuarec edit episodes/20260101T120000-1a2b3c4d.parquet --drop-steps 3,7-9
    """
    from recorder.edit import drop_steps as drop
    from recorder.edit import parse_step_ranges

    kept = drop(episode, parse_step_ranges(drop_steps))
    if as_json:
        _emit_json({"episode": str(episode), "steps": kept})
    else:
        typer.echo(f"{episode}: {kept} steps kept")


identity_app = typer.Typer(
    help="Your own names, e-mails, phones and addresses, always redacted from your "
    "recordings.\n\nKept only on this machine (0600), never written into an episode."
    "\n\nExample: cuarec identity add name   (then type your name at the prompt)",
    cls=PlainHelpGroup,
    no_args_is_help=True,
)
app.add_typer(identity_app, name="identity")


@identity_app.command("show", cls=PlainHelpCommand)
def identity_show(as_json: JsonFlag = False) -> None:
    """List the stored identity values (on your own terminal only).

    Example: cuarec identity show
    """
    from recorder.identity import IdentityStore

    entries = IdentityStore().load()
    if as_json:
        _emit_json([{"kind": e.kind, "value": e.value} for e in entries])
    elif not entries:
        typer.echo("no identity values stored")
    for entry in [] if as_json else entries:
        typer.echo(f"{entry.kind:8} {entry.value}")


def _identity_value(question: str) -> str:
    """Asked at a prompt (not echoed) or read from stdin: never a command-line argument,
    which shell history would keep."""
    from recorder.identity import read_value

    if interactive():
        return str(typer.prompt(question, hide_input=True, err=True))
    return read_value(sys.stdin)


@identity_app.command("add", cls=PlainHelpCommand)
def identity_add(
    kind: Annotated[str, typer.Argument(help="name, email, phone, address or other.",
                                        metavar="KIND")],
) -> None:
    """Add a value that must always be redacted; you type it at a prompt (or pipe it in).

    The value is never a command-line argument, so it stays out of your shell history.

    Example: cuarec identity add email   (then type the address at the prompt)
    """
    from recorder.identity import IdentityStore, check_kind

    check_kind(kind)
    added = IdentityStore().add(kind, _identity_value(f"{kind} to always redact"))
    typer.echo("added" if added else "already stored")


@identity_app.command("remove", cls=PlainHelpCommand)
def identity_remove() -> None:
    """Remove one value; you type it at a prompt (or pipe it in).

    Example: cuarec identity remove   (then type the value at the prompt)
    """
    from recorder.identity import IdentityStore

    if not IdentityStore().remove(_identity_value("value to forget")):
        raise UsageError("no such identity value")
    typer.echo("removed")


@identity_app.command("clear", cls=PlainHelpCommand)
def identity_clear() -> None:
    """Remove every stored identity value.

    Example: cuarec identity clear
    """
    from recorder.identity import IdentityStore

    IdentityStore().clear()
    typer.echo("cleared")


Inputs = Annotated[list[Path], typer.Argument(help="Episode files or folders of them.",
                                               metavar="EPISODE...",
                                               readable=False)]
Workers = Annotated[int, typer.Option("--workers", metavar="N", help="Parallel workers "
                                      "(processes or Ray actors); each builds the engines "
                                      "once.")]
Engine = Annotated[str, typer.Option("--engine", metavar="ENGINE", help="local (a process "
                                     "pool) or ray (Ray Data; RAY_ADDRESS for a cluster).")]


def _run_with_progress(job: EpisodeJob, pairs: list[tuple[Path, Path | None]], engine: str,
                       workers: int, label: str, quiet: bool, resume: str
                       ) -> list[FileOutcome]:
    """Run a batch with a progress bar (count, rate, ETA) on a terminal, one line per file
    otherwise; per-file failures never stop the batch. Ctrl+C stops the workers, keeps only
    finished outputs, reports them and exits 130 with ``resume``, how to go on."""
    from recorder.batch import run_batch
    from recorder.errors import Interrupted

    outcomes: list[FileOutcome] = []
    stream = run_batch(job, pairs, engine=engine, workers=workers)
    try:
        _consume(stream, outcomes, len(pairs), label, quiet)
    except KeyboardInterrupt:
        stream.close()  # stops the workers and removes half-written outputs
        if outcomes:
            _report(outcomes, quiet, fail_on_findings=False)
        raise Interrupted(f"interrupted: {len(outcomes)} of {len(pairs)} files finished"
                          f"{' (listed above)' if outcomes else ''}; {resume}") from None
    return outcomes


def _consume(stream: Iterator[FileOutcome], outcomes: list[FileOutcome], total: int,
             label: str, quiet: bool) -> None:
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
            bar = progress.add_task(label, total=total)
            for outcome in stream:
                outcomes.append(outcome)
                progress.advance(bar)
    else:
        for index, outcome in enumerate(stream, 1):
            outcomes.append(outcome)
            if not quiet:
                typer.echo(f"[{index}/{total}] {outcome.status}: {outcome.source}", err=True)


@app.command(cls=PlainHelpCommand)
def redact(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("--out", metavar="FOLDER",
                                      help="Folder for the re-redacted episodes.")],
    policy: Annotated[str, typer.Option("--policy", metavar="POLICY", help="Policy: strict "
                                        "(default), default or a TOML file.")] = "strict",
    workers: Workers = 1,
    engine: Engine = "local",
    force: Annotated[bool, typer.Option("--force", help="Redo outputs that exist.")] = False,
    no_ner: Annotated[bool, typer.Option("--no-ner", help="Without name detection (NER); "
                                         "recorded in the outputs.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Re-redact episodes under a (stricter) policy, into another folder.

    Inputs are never modified; reruns skip finished outputs (resumable, also after Ctrl+C);
    exit 1 if any file failed.

    Example: cuarec redact episodes/ --out redacted/ --workers 2
    """
    from recorder.batch import plan_outputs
    from recorder.consent import check_policy
    from recorder.curate import RedactJob
    from recorder.episode.reader import find_episodes

    check_policy(policy)
    pairs = plan_outputs(find_episodes(inputs), inputs, out)
    from recorder.episode.writer import ensure_private_folder

    ensure_private_folder(out)
    outcomes = _run_with_progress(RedactJob(policy, force, no_ner), list(pairs), engine,
                                  workers, "redacting", as_json,
                                  "run the same command again to resume: finished outputs "
                                  "are skipped")
    _report(outcomes, as_json)


@app.command(cls=PlainHelpCommand)
def audit(
    inputs: Inputs,
    policy: Annotated[str, typer.Option("--policy", metavar="POLICY", help="Policy: strict "
                                        "(default), default or a TOML file.")] = "strict",
    workers: Workers = 1,
    engine: Engine = "local",
    no_ner: Annotated[bool, typer.Option(
        "--no-ner", help="Audit without name detection (NER), e.g. where no NER model is "
        "installed: names are then not looked for, so a clean result says less.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Look for residual personal data in episodes; exit 1 on any finding.

    Re-reads every frame (OCR) and re-analyses every text, title, task and event. Reports
    the type and place of each finding, never the value.

    Example: cuarec audit redacted/
    """
    from recorder.consent import check_policy
    from recorder.curate import AuditJob
    from recorder.episode.reader import find_episodes

    check_policy(policy)
    pairs: list[tuple[Path, Path | None]] = [(p, None) for p in find_episodes(inputs)]
    outcomes = _run_with_progress(AuditJob(policy, no_ner), pairs, engine, workers,
                                  "auditing", as_json,
                                  "audit the files not listed to finish")
    if not as_json:
        for outcome in outcomes:
            for f in outcome.details.get("findings", ()):
                where = f["where"] if f["step"] is None else f"step {f['step'] + 1} {f['where']}"
                box = "" if f["box"] is None else f" box {tuple(f['box'])}"
                typer.echo(f"{outcome.source}: {where}: {f['entity_type']} "
                           f"({f['recognizer']}){box}")
    _report(outcomes, as_json)


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text)[:80] or "episode"


@app.command(cls=PlainHelpCommand)
def pack(
    inputs: Annotated[list[Path], typer.Argument(
        help="Episode files or folders of them; with --remove: the dataset folder, then the "
        "episode ids to withdraw.", metavar="INPUT...", readable=False)],
    out: Annotated[Path | None, typer.Option("--out", metavar="FOLDER", help="The dataset "
                                             "folder (created, or appended to).")] = None,
    license_: Annotated[str | None, typer.Option("--license", metavar="SPDX", help="SPDX "
                                                 "licence id, e.g. CC-BY-4.0 (required for a "
                                                 "new dataset).")] = None,
    shard_mb: Annotated[float, typer.Option("--shard-mb", metavar="MB", help="Close a shard "
                                            "once it holds this many MB (episodes are never "
                                            "split).")] = 256.0,
    split: Annotated[str | None, typer.Option("--split", metavar="SPLITS", help="Splits by "
                                              "episode, e.g. train=0.9,test=0.1 (default "
                                              "train=1).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", metavar="N", help="Seed of the split "
                                             "hash (default 0).")] = None,
    volunteer_id: Annotated[str | None, typer.Option("--volunteer-id", metavar="MODE",
                                                     help="hash (salted per dataset, "
                                                     "default) or drop.")] = None,
    allow_findings: Annotated[bool, typer.Option("--allow-findings", help="Pack files with "
                                                 "audit findings (the card says so).")] = False,
    no_audit: Annotated[bool, typer.Option("--no-audit", help="Skip the audit (the card says "
                                           "so).")] = False,
    remove: Annotated[bool, typer.Option("--remove", help="Withdraw episodes: cuarec pack DIR "
                                         "--remove ID...")] = False,
    workers: Workers = 1,
    engine: Engine = "local",
    no_ner: Annotated[bool, typer.Option("--no-ner", help="Audit without name detection "
                                         "(NER).")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Pack episodes into one dataset of Parquet shards with an index and a dataset card.

    One row per step, with images and instructions; an episode index, info.json and a card.
    Audits every input first (cached by file hash) and refuses files with findings; appending
    never moves an episode.

    Example: cuarec pack episodes/ --out dataset --license CC-BY-4.0 --split train=0.9,test=0.1
    """
    from recorder.dataset.pack import InputOutcome, PackOptions, VolunteerMode, parse_split
    from recorder.dataset.pack import pack as pack_episodes
    from recorder.dataset.remove import remove_episodes
    from recorder.episode.reader import find_episodes

    if remove:
        if out is not None or len(inputs) < 2:
            raise UsageError("usage: cuarec pack DIR --remove EPISODE_ID...")
        packing_only = {"--license": license_ is not None, "--shard-mb": shard_mb != 256.0,
                        "--split": split is not None, "--seed": seed is not None,
                        "--volunteer-id": volunteer_id is not None,
                        "--allow-findings": allow_findings, "--no-audit": no_audit,
                        "--workers": workers != 1, "--engine": engine != "local",
                        "--no-ner": no_ner}
        given = [name for name, used in packing_only.items() if used]
        if given:
            raise UsageError(f"{', '.join(given)} only apply when packing, not with --remove")
        result = remove_episodes(inputs[0], [str(i) for i in inputs[1:]])
        if as_json:
            _emit_json(result.to_json())
        else:
            typer.echo(f"withdrew {result.withdrawn} episode(s); rewrote "
                       f"{len(result.shards_removed)} shard(s); "
                       f"{result.info['counts']['episodes']} episode(s) left")
        return
    if out is None:
        raise UsageError("--out DIR is required (the dataset folder)")
    if allow_findings and no_audit:
        raise UsageError("--allow-findings and --no-audit exclude each other")
    volunteer_modes: dict[str | None, VolunteerMode | None] = {
        None: None, "hash": "hash", "drop": "drop"}
    if volunteer_id not in volunteer_modes:
        raise UsageError("--volunteer-id must be hash or drop")
    options = PackOptions(
        license=license_, shard_mb=shard_mb, split=None if split is None else parse_split(split),
        seed=seed, volunteer_id=volunteer_modes[volunteer_id],
        audit="skip" if no_audit else "allow" if allow_findings else "require",
        no_ner=no_ner, workers=workers, engine=engine)
    sources = find_episodes(inputs)
    done = 0

    def progress(outcome: InputOutcome) -> None:
        nonlocal done
        done += 1
        if not as_json:
            typer.echo(f"[{done}/{len(sources)}] {outcome.status}: {outcome.source}"
                       + (f" ({outcome.reason})" if outcome.reason else ""), err=True)

    def audited(done: int, total: int, status: str, source: str) -> None:
        if not as_json:
            typer.echo(f"[audit {done}/{total}] {status}: {source}", err=True)

    result = pack_episodes(sources, out, options, progress, audited)
    if as_json:
        _emit_json(result.to_json())
    else:
        for o in result.outcomes:
            for f in o.findings if o.status == "refused" else ():
                where = f["where"] if f["step"] is None else f"step {f['step'] + 1} {f['where']}"
                typer.echo(f"{o.source}: {where}: {f['entity_type']} ({f['recognizer']})")
        statuses: dict[str, int] = {}
        for o in result.outcomes:
            statuses[o.status] = statuses.get(o.status, 0) + 1
        counts = result.info.get("counts", {})
        typer.echo(f"{', '.join(f'{k} {v}' for k, v in sorted(statuses.items())) or 'no input'}"
                   f"; {out}: {counts.get('episodes', 0)} episodes, {counts.get('steps', 0)} "
                   f"steps in {counts.get('shards', 0)} shard(s)")
        if statuses.get("refused"):
            typer.echo("refused files were not packed: redact them (cuarec redact) or pack "
                       "them with --allow-findings", err=True)
    if not result.ok:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _report(outcomes: list[FileOutcome], as_json: bool, fail_on_findings: bool = True) -> None:
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
    if fail_on_findings and (counts.get("failed") or counts.get("findings")):
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
