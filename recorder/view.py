"""``cuarec view``: one self-contained HTML page for reviewing an episode.

Episodes come from strangers, so every field is escaped, the page runs no script at all, and a
strict Content-Security-Policy forbids anything but inline styles and ``data:`` images. The
page holds only what the episode file holds (already redacted): screenshots, pointer and click
markers, actions, typed text with redaction chips (entity type, never a value), a timeline and
the redaction summary, a step list of thumbnails that link to each step, a legend of the
markers, and each blurred region's reason (entity type and rule) in text.

A long episode's page stays usable: thumbnails are small lossy images, and a screenshot larger
than :data:`MAX_INLINE_BYTES` is shown re-encoded (lossy WebP at its own size, so markers
stay in place); the episode file keeps the lossless original. benchmarks/view_size.py
measures the page of a 300-step episode.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

from recorder.episode.model import EncodedImage, EpisodeMetadata, RedactedStep
from recorder.episode.reader import Episode, open_episode
from recorder.errors import UsageError
from redaction.policy import PLACEHOLDER_PATTERN

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
#: A stored screenshot above this size is shown re-encoded as lossy WebP (same pixels size).
MAX_INLINE_BYTES = 150_000
_LOSSY_QUALITY = 80
THUMB_WIDTH = 160

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
.blurred span{position:absolute;left:0;top:0;background:#dc2626;color:#fff;font-size:11px;
 padding:0 3px}
.legend{display:flex;flex-wrap:wrap;gap:14px;align-items:center;font-size:13px}
.legend .marker,.legend .blurred{position:relative;display:inline-block;margin:0 4px 0 0;
 vertical-align:middle}
.legend .blurred{width:22px;height:12px}
.steps{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0 16px}
.steps a{display:block;width:""" + str(THUMB_WIDTH) + """px;text-decoration:none;color:#222;
 background:#fff;border-radius:4px;padding:3px;font-size:12px}
.steps a.redacted{outline:2px solid #dc2626}
.steps img{display:block;width:100%;border:1px solid #ccc}
.steps .nothumb{height:40px;background:#e5e7eb}
.reasons{margin:4px 0 0 0;padding-left:18px}
.note{color:#555;font-size:12px}
"""


def _text_with_chips(text: str) -> str:
    """Escape ``text``, then show each placeholder such as ``<EMAIL_ADDRESS>`` as a chip."""
    out: list[str] = []
    position = 0
    for match in PLACEHOLDER_PATTERN.finditer(text):
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


def _data_uri(data: bytes) -> str:
    mime = "image/webp" if data[8:12] == b"WEBP" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@dataclass(frozen=True, slots=True)
class _Shown:
    """What the page embeds for one stored screenshot."""

    thumbnail: bytes | None  # small lossy WebP for the step list; None if unreadable
    image: bytes | None  # the screenshot as shown; None when there is none
    reencoded: bool  # shown as lossy WebP because that was smaller than the original


def _shown(shot: EncodedImage | None) -> _Shown:
    """Decode ``shot`` once: its thumbnail and, past :data:`MAX_INLINE_BYTES`, a lossy copy
    at the same size, kept only when smaller than the original."""
    import io

    from PIL import Image, UnidentifiedImageError

    if shot is None:
        return _Shown(None, None, False)
    try:
        with Image.open(io.BytesIO(shot.data)) as opened:
            image = opened.convert("RGB")
        lossy = None
        if len(shot.data) > MAX_INLINE_BYTES:
            out = io.BytesIO()
            image.save(out, "WEBP", quality=_LOSSY_QUALITY)
            lossy = out.getvalue() if out.tell() < len(shot.data) else None
        factor = image.width // (2 * THUMB_WIDTH)
        small = image.reduce(factor) if factor > 1 else image  # cheap first halving
        if small.width > THUMB_WIDTH:
            small = small.resize((THUMB_WIDTH, max(1, round(small.height * THUMB_WIDTH
                                                            / small.width))),
                                 Image.Resampling.BILINEAR)
        out = io.BytesIO()
        small.save(out, "WEBP", quality=60)
    except (UnidentifiedImageError, OSError, ValueError):
        return _Shown(None, shot.data, False)
    return _Shown(out.getvalue(), lossy or shot.data, lossy is not None)


def _image_reasons(step: RedactedStep) -> list[str]:
    return [f"{escape(r.entity_type)} ({escape(r.recognizer)})" for r in step.redactions
            if r.kind == "image" and r.box is not None]


def _screenshot(step: RedactedStep, shown: _Shown) -> str:
    """The step's screenshot with its markers."""
    shot = step.screenshot
    if shot is None or shown.image is None:
        return '<div class="shot"><div class="noshot">no screenshot kept</div></div>'
    markers = []
    if shot.width and shot.height:
        for x, y, extra in ((step.x, step.y, ""), (step.end_x, step.end_y, " end")):
            if x is not None and y is not None:
                left = 100 * x / shot.width
                top = 100 * y / shot.height
                markers.append(f'<div class="marker{extra}" '
                               f'style="left:{left:.2f}%;top:{top:.2f}%"></div>')
        number = 0
        for r in step.redactions:
            if r.kind == "image" and r.box is not None:
                number += 1
                box = r.box
                markers.append(
                    f'<div class="blurred" title="{escape(r.entity_type)}" style="left:'
                    f'{100 * box.x / shot.width:.2f}%;top:{100 * box.y / shot.height:.2f}%;'
                    f'width:{100 * box.w / shot.width:.2f}%;'
                    f'height:{100 * box.h / shot.height:.2f}%"><span>{number}</span></div>')
    alt = f"observation before step {step.step_index + 1}"
    return (f'<div class="shot"><img alt="{escape(alt)}" src="{_data_uri(shown.image)}">'
            f"{''.join(markers)}</div>")


def _details(step: RedactedStep, reencoded: bool) -> str:
    parts = [_describe(step)]
    reasons = _image_reasons(step)
    if reasons:
        items = "".join(f"<li>{n}: {reason}</li>" for n, reason in enumerate(reasons, 1))
        parts.append(f'<div>blurred in the screenshot:</div><ol class="reasons">{items}</ol>')
    if reencoded:
        parts.append('<div class="note">screenshot shown re-encoded (lossy) to keep this page '
                     "small; the episode file holds the original</div>")
    parts.append('<div class="note"><a href="#steps">back to the step list</a></div>')
    return "".join(parts)


def _thumbnail(step: RedactedStep, shown: _Shown) -> str:
    number = step.step_index + 1
    label = f"{number}. {escape(step.action_type)}"
    small = shown.thumbnail
    image = ('<div class="nothumb"></div>' if small is None else
             f'<img alt="step {number}" src="{_data_uri(small)}">')
    marked = ' class="redacted"' if step.redactions else ""
    return f'<a href="#step-{number}"{marked}>{image}{label}</a>'


_LEGEND = (
    '<div class="summary legend"><b>Legend:</b>'
    '<span><span class="marker"></span>where the action happened (click, pointer)</span>'
    '<span><span class="marker end"></span>end of a drag</span>'
    '<span><span class="blurred"></span>region blurred (numbered; reasons beside it)</span>'
    '<span><span class="chip">TYPE</span> personal data removed (its type, never the value)'
    '</span><span><span class="flag">flag</span> why a step holds less than usual</span>'
    '<span><span class="tick redacted" style="position:relative;display:inline-block;'
    'top:0"></span>a step with something removed (timeline; outlined in the step list)'
    '</span></div>'
)


def render_episode(episode: Episode) -> str:
    """The review page for an opened (validated) episode, as one HTML string."""
    return render_steps(episode.metadata, list(episode.iter_steps()))


def render_steps(meta: EpisodeMetadata, steps: list[RedactedStep]) -> str:
    """The review page of an episode's metadata and steps (from a file or a packed dataset)."""
    duration = max((s.timestamp_s for s in steps), default=0.0) or 1.0
    ticks = "".join(
        f'<a class="tick{" redacted" if s.redactions else ""}" href="#step-{s.step_index + 1}" '
        f'style="left:{min(99.5, 100 * s.timestamp_s / duration):.2f}%" '
        f'title="{s.step_index + 1}. {escape(s.action_type)}"></a>'
        for s in steps
    )
    counts = Counter(r.entity_type for s in steps for r in s.redactions)
    summary = ", ".join(f'<span class="chip">{escape(k)}</span> &times;{v}'
                        for k, v in sorted(counts.items())) or "none"
    dropped = ", ".join(f"{escape(k)} {v}" for k, v in sorted(meta.dropped.items())) or "none"
    actions = Counter(s.action_type for s in steps)
    action_text = ", ".join(f"{escape(k)} {v}" for k, v in sorted(actions.items()))
    shown = [_shown(s.screenshot) for s in steps]
    thumbs = "".join(_thumbnail(s, v) for s, v in zip(steps, shown, strict=True))
    sections = []
    for s, v in zip(steps, shown, strict=True):
        sections.append(f'<section class="step" id="step-{s.step_index + 1}">'
                        f'{_screenshot(s, v)}<div class="meta">{_details(s, v.reencoded)}'
                        "</div></section>")
    body = "".join(sections)
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
{_LEGEND}
<div class="timeline">{ticks}</div>
<nav class="steps" id="steps">{thumbs}</nav>
{body}</main></body></html>
"""


def write_view(
    source: Path, target: Path, episode_id: str | None = None, *, force: bool = False
) -> Path:
    """Render ``source`` into ``target`` (0600, atomic). An existing ``target`` is replaced
    only with ``force``; the folder must exist (a typo is not silently created).
    ``episode_id`` picks one episode of a packed dataset (``source`` is its folder)."""
    from recorder.dataset.layout import is_packed_dataset
    from recorder.episode.writer import atomic_private_file

    if not target.parent.is_dir():
        raise UsageError(f"{target.parent}: no such folder")
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give the HTML file to write")
    # Never write the page over what it shows, even with --force.
    resolved = target.resolve()
    if resolved == source.resolve():
        raise UsageError(f"{target} is the episode itself; refusing to overwrite it")
    if target.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"{target}: the page's file name must end in .html or .htm")
    if any(is_packed_dataset(folder) for folder in resolved.parents):
        raise UsageError(f"{target} lies inside a packed dataset; write the page elsewhere")
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; use --force to overwrite it")
    if episode_id is not None:
        from recorder.dataset.load import load_episode

        html = render_steps(*load_episode(source, episode_id)).encode("utf-8")
    else:
        html = render_episode(open_episode(source)).encode("utf-8")
    with atomic_private_file(target, overwrite=force) as handle:
        handle.write(html)
    return target
