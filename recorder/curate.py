"""Curator jobs over whole episodes: re-redact under a (stricter) policy, and audit.

Both are :class:`recorder.batch.EpisodeJob` values, so the local pool and Ray run the very
same per-episode function. Inputs are never modified; outputs are written by the crash-safe
episode writer (parts, then an atomic rename).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recorder.batch import EpisodeJob, FileOutcome
from recorder.episode.images import decode_frame
from recorder.episode.model import RedactedStep, step_fields
from recorder.episode.reader import open_episode
from recorder.episode.writer import EpisodeWriter
from recorder.pipeline import (
    Engines,
    PrivacySettings,
    StepDraft,
    StepRedactor,
    Tally,
    names_in_title,
    ocr_thread_share,
)
from redaction.denylist import DenyList
from redaction.keystrokes import replay_text
from redaction.models import Frame, RedactionKind

if TYPE_CHECKING:
    from redaction.image.audit import FrameAuditor



def _draft_from_stored(step: RedactedStep, frame: Frame | None,
                       after: Frame | None = None) -> StepDraft:
    window = step.window
    return StepDraft(
        **step_fields(step), frame=frame,
        window_app=None if window is None else window.app,
        window_title=None if window is None else window.title,
        # A stored step already went through the recorder's focus check.
        focus_known=True,
        # The next step's frame shows the echo of a typing run (the field reader).
        after_frame=after if step.action_type == "type" else None,
    )


def _redo(redactor: StepRedactor, step: RedactedStep, frame: Frame | None,
          after: Frame | None) -> RedactedStep:
    redacted = redactor.redact(_draft_from_stored(step, frame, after))
    # What the recorder removed stays on record beside what this pass removed.
    return replace(redacted, redactions=step.redactions + redacted.redactions)


def _ocr_threads(workers_per_machine: int | None) -> int | None:
    return None if workers_per_machine is None else ocr_thread_share(workers_per_machine)


@dataclass
class RedactJob(EpisodeJob):
    """Re-redact episodes: step text, events, window titles, task and frames."""

    policy: str = "strict"
    force: bool = False
    no_ner: bool = False
    #: How many workers share this machine's cores (their OCR pools are sized to a share).
    workers_per_machine: int | None = None
    _engines: Engines | None = field(default=None, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        # Engines are built per worker, never pickled.
        return {"policy": self.policy, "force": self.force, "no_ner": self.no_ner,
                "workers_per_machine": self.workers_per_machine, "_engines": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def sharing_cores_with(self, workers_per_machine: int) -> RedactJob:
        return replace(self, workers_per_machine=workers_per_machine)

    def setup(self) -> None:
        if self._engines is None:
            self._engines = Engines.build(self.policy, no_ner=self.no_ner,
                                          strictest_images=True,
                                          ocr_threads=_ocr_threads(self.workers_per_machine))

    def run(self, source: Path, target: Path | None) -> FileOutcome:
        try:
            return self._run(source, target)
        finally:
            if self._engines is not None:
                self._engines.frames.ocr.forget()  # no screen text kept across episodes

    def _run(self, source: Path, target: Path | None) -> FileOutcome:
        assert target is not None
        if target.exists() and not self.force:
            return FileOutcome(str(source), "skipped", output=str(target),
                               reason="output exists (use --force to redo)")
        self.setup()
        assert self._engines is not None
        episode = open_episode(source)  # validated before anything is written
        meta = episode.metadata
        if target.exists():
            target.unlink()  # --force: the output is derived; the input is untouched
        tally = Tally()
        redactor = StepRedactor(self._engines, DenyList(),
                                PrivacySettings(typing_quantum_s=0.0, fold_releases=False),
                                tally, scale=meta.scale_factor or 1.0, settle_frames=True)
        task = redactor.redact_task(meta.task)
        new_policy = self._engines.policy_metadata()
        history = list(meta.policy.get("history", ())) if isinstance(meta.policy, dict) else []
        previous = {k: v for k, v in dict(meta.policy).items() if k != "history"}
        new_policy["history"] = [*history, previous]
        carried = Counter(meta.redaction_counts)
        dropped = Counter(meta.dropped)
        with EpisodeWriter(target, replace(meta, task=task, policy=new_policy)) as writer:
            try:
                # Each step waits for the next one's frame: a typing run's field is read
                # from the frames around it (redaction.field).
                pending: tuple[RedactedStep, Any] | None = None
                for step in episode.iter_steps():
                    frame = None
                    if step.screenshot is not None:
                        frame = decode_frame(step.screenshot.data, episode.limits, source)
                    if pending is not None:
                        writer.append(_redo(redactor, *pending, frame))
                    pending = (step, frame)
                if pending is not None:
                    writer.append(_redo(redactor, *pending, None))
                final = replace(
                    writer.metadata,
                    redaction_counts=dict(carried + tally.redactions),
                    dropped=dict(dropped + tally.dropped),
                )
                writer.finalize(final)
            except BaseException:
                writer.discard()  # a half re-redacted output is worthless; the input is intact
                raise
        out = open_episode(target)
        return FileOutcome(str(source), "done", output=str(target), steps=out.num_steps,
                           frames=out.metadata.frame_count,
                           details={"redactions": dict(tally.redactions),
                                    "dropped": dict(tally.dropped)})


@dataclass(frozen=True, slots=True)
class Finding:
    """Residual personal data: where and what kind, never the value."""

    step: int | None
    where: str  # task, text, event, window, frame
    entity_type: str
    recognizer: str
    score: float | None = None
    box: tuple[int, int, int, int] | None = None


@dataclass
class AuditJob(EpisodeJob):
    """Re-OCR every frame and re-analyse every text field, title, task and event with the
    policy (strict by default), as ``redact`` reads them: typing is read as ``redact`` reads
    it (its final text and what was deleted), placeholders are never findings, frames get
    every image detector at the audit's thresholds. So what ``redact --policy P`` writes
    passes ``audit --policy P``, and anything it would still remove is a finding. A finding
    is reported as type and place, never the value."""

    policy: str = "strict"
    no_ner: bool = False
    workers_per_machine: int | None = None
    _engines: Engines | None = field(default=None, repr=False)
    _auditor: FrameAuditor | None = field(default=None, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {"policy": self.policy, "no_ner": self.no_ner,
                "workers_per_machine": self.workers_per_machine, "_engines": None,
                "_auditor": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def sharing_cores_with(self, workers_per_machine: int) -> AuditJob:
        return replace(self, workers_per_machine=workers_per_machine)

    def setup(self) -> None:
        if self._engines is None:
            from redaction.image.audit import FrameAuditor

            # The OCR ``redact`` reads with (strictest image settings): the audit reads at least
            # what redaction read.
            self._engines = Engines.build(self.policy, no_ner=self.no_ner,
                                          strictest_images=True,
                                          ocr_threads=_ocr_threads(self.workers_per_machine))
            self._auditor = FrameAuditor(self._engines.frames.analyzer, self._engines.frames.ocr)

    def findings(self, source: Path) -> list[Finding]:
        return self.read(source)[0]

    def read(self, source: Path) -> tuple[list[Finding], int, int]:
        """The findings in one episode, and how many steps and frames were read."""
        self.setup()
        assert self._engines is not None and self._auditor is not None
        text = self._engines.text
        auditor = self._auditor
        episode = open_episode(source)
        found: list[Finding] = []
        steps = frames = 0

        def spans(where: str, value: str | None, step: int | None) -> None:
            if value:
                # Titles and the task are read as the recorder read them.
                kind: RedactionKind = "title" if where in ("task", "window") else "text"
                found.extend(Finding(step, where, s.entity_type, s.recognizer,
                                     round(s.score, 3)) for s in text.analyze(value, kind=kind))

        spans("task", episode.metadata.task, None)
        for step in episode.iter_steps():
            steps += 1
            step_text = step.text
            if step.events:
                # The typing as redaction reads it: every run's final text and what was
                # deleted; whatever it would remove is left in the events.
                typed = text.redact_events(step.events)
                found.extend(Finding(step.step_index, "event", r.entity_type, r.recognizer,
                                     r.score) for r in typed.redactions)
                if step_text == replay_text(step.events):
                    # Text that is its events' replay is read as redaction read it: its runs
                    # one a line.
                    step_text = "\n".join(run.text for run in text.rebuild(step.events).runs)
            spans("text", step_text, step.step_index)
            if step.window is not None:
                for value in (step.window.app, step.window.title):
                    spans("window", value, step.step_index)
                    found.extend([Finding(step.step_index, "window", "PERSON", "title_context",
                                          0.5)] * names_in_title(value or ""))
            if step.screenshot is not None:
                frames += 1
                frame = decode_frame(step.screenshot.data, episode.limits, source)
                for f in auditor.audit(frame, scale=episode.metadata.scale_factor):
                    found.append(Finding(step.step_index, "frame", f.entity_type, f.recognizer,
                                         f.score, (f.box.x, f.box.y, f.box.w, f.box.h)))
        return found, steps, frames

    def run(self, source: Path, target: Path | None) -> FileOutcome:
        try:
            found, steps, frames = self.read(source)
        finally:
            if self._engines is not None:
                self._engines.frames.ocr.forget()  # no screen text kept across episodes
        from dataclasses import asdict

        return FileOutcome(str(source), "findings" if found else "done", steps=steps,
                           frames=frames, details={"findings": [asdict(f) for f in found]})
