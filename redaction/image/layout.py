"""Screen layout from OCR lines: rows, blocks, and text documents that map back to word boxes.

A screen is not prose. OCR finds text lines (detector boxes); a list row or an e-mail header
(a name and its address, a name and a time) is split over several of them, and a form puts a label
above its value. The analyzer therefore reads two documents of the same page:

- **rows**: lines on the same baseline joined left to right with " | " (list rows, headers,
  columns);
- **blocks**: lines stacked in one column joined top to bottom (paragraphs, label above value,
  signatures, addresses over two lines).

Each document remembers where every word starts, so a span of text maps back to word boxes.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from redaction.image import geometry
from redaction.image.ocr import OcrLine, OcrWord
from redaction.models import Box

DocumentKind = Literal["rows", "blocks"]

#: Separators chosen so that NER does not run a name into the next cell or line: spaCy joins
#: a name and the next cell, or the next line, into one entity, but not across " | " or a
#: blank line.
ROW_JOIN = " | "
BLOCK_JOIN = " "
GROUP_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class WordRef:
    """A word of the page: which line, which word in it."""

    line: int
    index: int


@dataclass(frozen=True, slots=True)
class TextDocument:
    """Page text in one reading order, with every word's character offset."""

    kind: DocumentKind
    text: str
    refs: tuple[WordRef, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def words_between(self, start: int, end: int) -> list[int]:
        """Indices (into ``refs``) of the words overlapping text[start:end]."""
        first = bisect.bisect_right(self.ends, start)
        out = []
        for i in range(first, len(self.refs)):
            if self.starts[i] >= end:
                break
            if self.ends[i] > start:
                out.append(i)
        return out

    def __repr__(self) -> str:
        return f"TextDocument({self.kind}, <{len(self.text)} chars, {len(self.refs)} words>)"


@dataclass(frozen=True, slots=True)
class Layout:
    """Lines grouped into rows (same baseline) and blocks (same column, stacked)."""

    lines: tuple[OcrLine, ...]
    rows: tuple[tuple[int, ...], ...]
    blocks: tuple[tuple[int, ...], ...]

    def word(self, ref: WordRef) -> OcrWord:
        return self.lines[ref.line].words[ref.index]

    def document(self, kind: DocumentKind) -> TextDocument:
        groups = self.rows if kind == "rows" else self.blocks
        inner = ROW_JOIN if kind == "rows" else BLOCK_JOIN
        parts: list[str] = []
        refs: list[WordRef] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for g, group in enumerate(groups):
            if g:
                parts.append(GROUP_BREAK)
                pos += len(GROUP_BREAK)
            widest = max(self.lines[i].box.w for i in group)
            for n, line_index in enumerate(group):
                if n:
                    # A wrapped paragraph line (nearly full width) continues the sentence;
                    # a short line (list entry, label) ends one.
                    join = inner
                    if kind == "blocks" and not _wraps(
                        self.lines[group[n - 1]], self.lines[line_index], widest
                    ):
                        join = GROUP_BREAK
                    parts.append(join)
                    pos += len(join)
                for w, word in enumerate(self.lines[line_index].words):
                    if w:
                        parts.append(" ")
                        pos += 1
                    refs.append(WordRef(line_index, w))
                    starts.append(pos)
                    parts.append(word.text)
                    pos += len(word.text)
                    ends.append(pos)
        return TextDocument(kind, "".join(parts), tuple(refs), tuple(starts), tuple(ends))

    def boxes_for(self, refs: Sequence[WordRef]) -> list[Box]:
        """One box per line for a set of words (a span over two lines gives two boxes)."""
        by_line: dict[int, list[Box]] = {}
        for ref in refs:
            by_line.setdefault(ref.line, []).append(self.word(ref).box)
        return [geometry.union(boxes) for boxes in by_line.values()]

    def line_height(self, line: int) -> int:
        return self.lines[line].box.h

    def below(self, line: int, max_gap_lines: float = 1.6) -> list[int]:
        """Lines directly under ``line`` in the same column (label above value)."""
        box = self.lines[line].box
        out = []
        for i, other in enumerate(self.lines):
            if i == line or other.box.y < geometry.bottom(box) - box.h // 2:
                continue
            gap = other.box.y - geometry.bottom(box)
            if gap > max_gap_lines * box.h:
                continue
            if abs(other.box.x - box.x) <= box.h or _h_overlap(box, other.box) > 0.5:
                out.append(i)
        out.sort(key=lambda i: self.lines[i].box.y)
        return out[:1]


def _wraps(line: OcrLine, following: OcrLine, widest: int) -> bool:
    """Whether a block line looks like a paragraph line that wrapped (many words, near full
    width, no closing punctuation, the next line going on in lowercase) rather than a list
    entry, a label or a log line."""
    return (
        len(line.words) >= 5
        and line.box.w >= 0.7 * widest
        and not line.words[-1].text.endswith((".", "!", "?", ":"))
        and following.words[0].text[:1].islower()
    )


def _h_overlap(a: Box, b: Box) -> float:
    shared = min(geometry.right(a), geometry.right(b)) - max(a.x, b.x)
    smaller = min(a.w, b.w)
    return max(0, shared) / smaller if smaller > 0 else 0.0


def analyse_layout(lines: Sequence[OcrLine]) -> Layout:
    """Group OCR lines into rows and blocks."""
    lines = tuple(sorted(lines, key=lambda line: (line.box.y, line.box.x)))
    return Layout(lines, _rows(lines), _blocks(lines))


def _rows(lines: Sequence[OcrLine]) -> tuple[tuple[int, ...], ...]:
    rows: list[list[int]] = []
    anchors: list[Box] = []
    order = sorted(range(len(lines)), key=lambda i: lines[i].box.y + lines[i].box.h / 2)
    for i in order:
        box = lines[i].box
        center = box.y + box.h / 2
        best = -1
        for r in range(len(rows) - 1, max(-1, len(rows) - 8), -1):
            anchor = anchors[r]
            a_center = anchor.y + anchor.h / 2
            if (
                geometry.vertical_overlap(anchor, box) >= 0.5
                and abs(a_center - center) <= 0.4 * min(anchor.h, box.h)
                and max(anchor.h, box.h) <= 1.8 * min(anchor.h, box.h)
            ):
                best = r
                break
        if best < 0:
            rows.append([i])
            anchors.append(box)
        else:
            rows[best].append(i)
    for row in rows:
        row.sort(key=lambda i: lines[i].box.x)
    rows.sort(key=lambda row: min(lines[i].box.y for i in row))
    return tuple(tuple(row) for row in rows)


def _blocks(lines: Sequence[OcrLine]) -> tuple[tuple[int, ...], ...]:
    blocks: list[list[int]] = []
    for i in range(len(lines)):  # lines are sorted top to bottom
        box = lines[i].box
        best, best_gap = -1, float("inf")
        for b, block in enumerate(blocks):
            last = lines[block[-1]].box
            gap = box.y - geometry.bottom(last)
            height = max(last.h, box.h)
            if gap < -0.5 * height or gap > 0.9 * height:
                continue
            if max(last.h, box.h) > 1.6 * min(last.h, box.h):
                continue
            if abs(last.x - box.x) > 1.2 * height and _h_overlap(last, box) < 0.6:
                continue
            if gap < best_gap:
                best, best_gap = b, gap
        if best < 0:
            blocks.append([i])
        else:
            blocks[best].append(i)
    blocks.sort(key=lambda block: (lines[block[0]].box.y, lines[block[0]].box.x))
    return tuple(tuple(block) for block in blocks)
