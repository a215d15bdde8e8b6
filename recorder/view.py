"""``cuarec view``: one self-contained HTML page for reviewing an episode.

Episodes come from strangers, so every field is escaped, the page runs no script at all, and a
strict Content-Security-Policy forbids anything but inline styles and ``data:`` images. The
page holds only what the episode file holds (already redacted): screenshots, pointer and click
markers, actions, typed text with redaction chips (entity type, never a value), a timeline and
the redaction summary.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from html import escape
from pathlib import Path

from recorder.episode.model import EpisodeMetadata, RedactedStep
from recorder.episode.reader import Episode, open_episode
from recorder.errors import UsageError

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_PLACEHOLDER = re.compile(r"<([A-Z][A-Z0-9_]{1,40})>")

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f4f4f6;color:#222}
header{background:#1f2937;color:#fff;padding:12px 20px}
header h1{font-size:18px;margin:0 0 4px}
main{padding:12px 20px;max-width:1400px}
.summary{background:#fff;border-radius:6px;padding:10px 14px;margin-bottom:12px}
.timeline{position:relative;height:22px;background:#e5e7eb;border-radius:4px;margin:8px 0 16px}
.tick{position:absolute;top:3px;width:4px;height:16px;background:#2563eb;border-radius:2px}
.tick.redacted{background:#dc2626}
.step{background:#fff;border-radius:6px;padding:10px 14px;margin-bottom:12px;display:flex;gap:16px;
 align-items:flex-start}
.shot{position:relative;flex:0 0 auto;max-width:60%}
.shot img{display:block;max-width:100%;border:1px solid #ccc}
.marker{position:absolute;width:14px;height:14px;margin:-8px 0 0 -8px;border:2px solid #dc2626;
 border-radius:50%;background:rgba(220,38,38,.25)}
.blurred{position:absolute;border:2px dashed #dc2626}
.marker.end{border-color:#2563eb;background:rgba(37,99,235,.25)}
.meta{flex:1 1 auto;min-width:0}
.action{font-weight:600;font-size:15px}
.chip{display:inline-block;background:#fee2e2;color:#991b1b;border-radius:10px;padding:0 7px;
 font-size:12px;font-weight:600}
.flag{display:inline-block;background:#fef3c7;color:#92400e;border-radius:10px;padding:0 7px;
 font-size:12px}
code{background:#f3f4f6;padding:1px 4px;border-radius:3px;white-space:pre-wrap;word-break:break-all}
.noshot{width:320px;height:60px;display:flex;align-items:center;justify-content:center;
 background:#e5e7eb;color:#555}
"""


def _text_with_chips(text: str) -> str:
    """Escape ``text``, then show each placeholder such as ``<EMAIL_ADDRESS>`` as a chip."""
    out: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        out.append(escape(text[position:match.start()]))
        out.append(f'<span class="chip">{escape(match.group(1))}</span>')
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def _describe(step: RedactedStep) -> str:
    parts = [f'<div class="action">{step.step_index + 1}. {escape(step.action_type)}</div>']
    if step.x is not None and step.y is not None:
        where = f"at ({step.x}, {step.y})"
        if step.end_x is not None and step.end_y is not None:
            where += f" to ({step.end_x}, {step.end_y})"
        parts.append(f"<div>{escape(where)}</div>")
    if step.scroll_dx or step.scroll_dy:
        parts.append(f"<div>scroll dx {step.scroll_dx or 0}, dy {step.scroll_dy or 0}</div>")
    if step.text is not None:
        parts.append(f"<div>typed: <code>{_text_with_chips(step.text)}</code></div>")
    if step.keys:
        keys = " + ".join(escape(k) for k in step.keys)
        parts.append(f"<div>keys: <code>{keys}</code></div>")
    if step.window is not None and (step.window.app or step.window.title):
        app = _text_with_chips(step.window.app or "")
        title = _text_with_chips(step.window.title or "")
        parts.append(f"<div>window: {app} — {title}</div>")
    parts.append(f"<div>t = {step.timestamp_s:.2f} s</div>")
    if step.redactions:
        kinds = Counter(f"{r.kind}:{r.entity_type}" for r in step.redactions)
        chips = " ".join(f'<span class="chip">{escape(k)} &times;{n}</span>'
                         for k, n in sorted(kinds.items()))
        parts.append(f"<div>removed: {chips}</div>")
    if step.flags:
        parts.append("<div>" + " ".join(f'<span class="flag">{escape(f)}</span>'
                                        for f in step.flags) + "</div>")
    return "".join(parts)


def _screenshot(step: RedactedStep) -> str:
    shot = step.screenshot
    if shot is None:
        return '<div class="shot"><div class="noshot">no screenshot kept</div></div>'
    data = base64.b64encode(shot.data).decode("ascii")
    mime = "image/webp" if shot.data[8:12] == b"WEBP" else "image/png"
    markers = []
    if shot.width and shot.height:
        for x, y, extra in ((step.x, step.y, ""), (step.end_x, step.end_y, " end")):
            if x is not None and y is not None:
                left = 100 * x / shot.width
                top = 100 * y / shot.height
                markers.append(f'<div class="marker{extra}" '
                               f'style="left:{left:.2f}%;top:{top:.2f}%"></div>')
        for r in step.redactions:
            if r.kind == "image" and r.box is not None:
                box = r.box
                markers.append(
                    f'<div class="blurred" title="{escape(r.entity_type)}" style="left:'
                    f'{100 * box.x / shot.width:.2f}%;top:{100 * box.y / shot.height:.2f}%;'
                    f'width:{100 * box.w / shot.width:.2f}%;'
                    f'height:{100 * box.h / shot.height:.2f}%"></div>')
    alt = f"observation before step {step.step_index + 1}"
    return (f'<div class="shot"><img alt="{escape(alt)}" src="data:{mime};base64,{data}">'
            f"{''.join(markers)}</div>")


def render_episode(episode: Episode) -> str:
    """The review page for an opened (validated) episode, as one HTML string."""
    return render_steps(episode.metadata, list(episode.iter_steps()))


def render_steps(meta: EpisodeMetadata, steps: list[RedactedStep]) -> str:
    """The review page of an episode's metadata and steps (from a file or a packed dataset)."""
    duration = max((s.timestamp_s for s in steps), default=0.0) or 1.0
    ticks = "".join(
        f'<div class="tick{" redacted" if s.redactions else ""}" '
        f'style="left:{min(99.5, 100 * s.timestamp_s / duration):.2f}%" '
        f'title="{s.step_index + 1}. {escape(s.action_type)}"></div>'
        for s in steps
    )
    counts = Counter(r.entity_type for s in steps for r in s.redactions)
    summary = ", ".join(f'<span class="chip">{escape(k)}</span> &times;{v}'
                        for k, v in sorted(counts.items())) or "none"
    dropped = ", ".join(f"{escape(k)} {v}" for k, v in sorted(meta.dropped.items())) or "none"
    actions = Counter(s.action_type for s in steps)
    action_text = ", ".join(f"{escape(k)} {v}" for k, v in sorted(actions.items()))
    body = "".join(f'<section class="step" id="step-{s.step_index + 1}">{_screenshot(s)}'
                   f'<div class="meta">{_describe(s)}</div></section>' for s in steps)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>cuarec episode: {escape(meta.task)}</title>
<style>{_STYLE}</style></head>
<body><header><h1>{_text_with_chips(meta.task)}</h1>
<div>{len(steps)} steps, {sum(s.screenshot is not None for s in steps)} screenshots,
{duration:.1f} s; episode {escape(meta.episode_id)}</div></header>
<main><div class="summary"><div><b>Actions:</b> {action_text}</div>
<div><b>Removed:</b> {summary}</div><div><b>Dropped (fail-closed):</b> {dropped}</div></div>
<div class="timeline">{ticks}</div>
{body}</main></body></html>
"""


def write_view(source: Path, target: Path, episode_id: str | None = None) -> Path:
    """Render ``source`` into ``target`` (0600, atomic, never replacing an existing file).
    ``episode_id`` picks one episode of a packed dataset (``source`` is its folder)."""
    from recorder.episode.writer import atomic_private_file

    if episode_id is not None:
        from recorder.dataset.load import load_episode

        html = render_steps(*load_episode(source, episode_id)).encode("utf-8")
    else:
        html = render_episode(open_episode(source)).encode("utf-8")
    if target.exists():
        raise UsageError(f"{target} already exists; refusing to overwrite it")
    with atomic_private_file(target) as handle:
        handle.write(html)
    return target
