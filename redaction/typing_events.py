"""Key events with the typing of personal data rewritten: the typing is rebuilt, analysed by
the caller's text analysis, and every run of keys that typed a found value becomes one
``redacted`` event holding the placeholder of its type. Memory only: the events hold what the
volunteer typed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from redaction.keystrokes import collapse_runs, rebuild_typing, replay_text
from redaction.models import InputEvent, Redaction, Span
from redaction.spans import hunt_values, merge_spans, record


@dataclass(frozen=True, slots=True)
class RedactedEvents:
    """Key events with every key that typed personal data rewritten, and the redacted text.

    ``text`` is the final text of the typing with placeholders (what a step's ``text`` holds);
    ``redactions`` lists what was removed from the final text *and* from the deleted text.
    ``rewritten`` counts the events whose key and char were replaced.
    """

    events: tuple[InputEvent, ...]
    text: str
    redactions: tuple[Redaction, ...]
    rewritten: int


def redact_events(
    events: Sequence[InputEvent],
    analyze: Callable[[str], list[Span]],
    placeholder_for: Callable[[str], str],
    *,
    analyze_deleted: bool = True,
) -> RedactedEvents:
    """Rewrite every key event that produced a character of personal data.

    The typing is rebuilt (:func:`redaction.keystrokes.rebuild_typing`); its final text and
    its full log (every character ever typed, deleted ones included) are analysed; each
    key press or release whose character lies in a span, in the final text or only in the
    log, is removed: each run of such keys becomes one ``redacted`` event holding the
    placeholder of the span's type (:func:`redaction.keystrokes.collapse_runs`), so no
    replay of the stored events rebuilds the value, its length or its rhythm. ``text`` is
    the replay of the stored events, so the two always agree; placeholders already in the
    events (a redacted episode redacted again) are tokens that analysis never flags, so
    a second pass with the same policy changes nothing. Typing the policy cannot rebuild
    reliably (pastes, unknown keys) is still analysed as far as it is known.
    """
    typed = rebuild_typing(events)
    # All runs are analysed as one text, one run per line (a tab between fields could glue
    # two numbers into one), so a call costs at most two analyses.
    final_text = "\n".join(run.text for run in typed.runs)
    final_prov = _joined_provenance(run.provenance for run in typed.runs)
    log_text = "\n".join(run.log_text for run in typed.runs if run.log_text)
    log_prov = _joined_provenance(run.log_provenance for run in typed.runs if run.log_text)
    doomed: dict[int, str] = {}
    final_spans = analyze(final_text) if final_text.strip() else []
    log_spans: list[Span] = []
    if analyze_deleted and log_text.strip():
        log_spans = analyze(log_text)
        # Context often lives in one text only: "answering at 374 780 163" is a phone in
        # the final text, the same digits typed alone and deleted are not. A value found
        # in either text is hunted in the other, so no copy of it survives.
        final_spans = merge_spans([*final_spans, *hunt_values(final_text, log_text, log_spans)])
        log_spans = merge_spans([*log_spans, *hunt_values(log_text, final_text, final_spans)])
    final_events: set[int] = set()
    for span in final_spans:
        for index in final_prov[span.start : span.end]:
            if index is not None:
                doomed.setdefault(index, span.entity_type)
                final_events.add(index)
    redactions = [record(s, "text") for s in final_spans]
    if log_spans:
        for span in log_spans:
            made_by = {i for i in log_prov[span.start : span.end] if i is not None}
            for index in made_by:
                doomed.setdefault(index, span.entity_type)
            # A value typed and then deleted leaves no trace in the text, but its removal
            # is recorded (once, unless the final text already accounts for it).
            if made_by - final_events:
                redactions.append(record(span, "text"))
    rewritten_events = collapse_runs(events, doomed, typed, placeholder_for)
    survivors = {id(e) for e in rewritten_events}
    return RedactedEvents(
        events=tuple(rewritten_events),
        text=replay_text(rewritten_events),
        redactions=tuple(redactions),
        rewritten=sum(1 for e in events if id(e) not in survivors),
    )


def _joined_provenance(parts: Iterable[Sequence[int | None]]) -> list[int | None]:
    out: list[int | None] = []
    for number, part in enumerate(parts):
        if number:
            out.append(None)
        out.extend(part)
    return out
