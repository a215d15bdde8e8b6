"""Incremental OCR: read only what changed since the previous frame, reuse the other words.

Step frames of a demonstration differ little: a field typed into, a line printed, a menu
opened. The changed pixels are found by an exact compare, grown to the whole text lines they
touch (from the previous frame's OCR), given a margin, and only those areas are read again;
the words elsewhere are the previous frame's. A vertical scroll (a terminal printing) is
recognised first: the previous lines move with it and only the newly exposed rows are read.

Crops are aligned to the detector's 32-pixel grid and keep a margin, so that detection on a
crop sees what it sees on the whole frame, and the words equal those of a full read.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from redaction.image import geometry
from redaction.image.ocr import OcrEngine, OcrLine, shifted
from redaction.models import Box, Frame

OcrMode = Literal["full", "incremental", "unchanged"]

_CELL = 8


@dataclass(frozen=True, slots=True)
class OcrReport:
    """How a frame was read (for stats; no text)."""

    mode: OcrMode
    regions: tuple[Box, ...]
    scroll_dy: int
    read_fraction: float
    reused_lines: int


def read_frame(
    engine: OcrEngine,
    frame: Frame,
    previous_frame: Frame | None = None,
    previous_lines: Sequence[OcrLine] | None = None,
    *,
    max_changed_fraction: float = 0.45,
    device_scale: float = 1.0,
) -> tuple[tuple[OcrLine, ...], OcrReport]:
    """OCR ``frame``, reusing ``previous_lines`` (read from ``previous_frame``) where unchanged."""
    height, width = frame.shape[:2]
    if previous_frame is None or previous_lines is None or previous_frame.shape != frame.shape:
        return engine.read(frame, device_scale), OcrReport("full", (), 0, 1.0, 0)

    dy = scroll_offset(previous_frame, frame)
    reference = previous_frame
    prev_lines = tuple(previous_lines)
    exposed: Box | None = None
    if dy:
        reference, exposed = _shift_rows(previous_frame, dy)
        prev_lines = tuple(
            line
            for line in shifted(prev_lines, 0, -dy)
            if line.box.y >= 0 and geometry.bottom(line.box) <= height
        )
    changed, changed_mask = _changed_boxes(reference, frame)
    if changed and sum(geometry.area(b) for b in changed) <= max_changed_fraction * height * width:
        # A cursor blink, a hover or selection highlight: pixels changed, text did not.
        textless = [box for box in changed if _no_text_change(reference, frame, box, prev_lines)]
        for box in textless:
            changed_mask[box.y : box.y + box.h, box.x : box.x + box.w] = 0
        changed = [box for box in changed if box not in textless]
    if exposed is not None:
        changed.append(exposed)
        changed_mask[exposed.y : exposed.y + exposed.h, exposed.x : exposed.x + exposed.w] = 1
    if not changed:
        return prev_lines, OcrReport("unchanged", (), dy, 0.0, len(prev_lines))
    import cv2

    heights = [line.box.h for line in prev_lines] or [20]
    margin = max(32, 2 * int(statistics.median(heights)))
    align = engine.alignment(height, width, device_scale)
    cores = _grow_to_lines(changed, prev_lines)
    crops = _merge_crops(cores, margin, align, width, height)
    area = sum(geometry.area(crop) for crop, _ in crops)
    if area > max_changed_fraction * width * height:
        return engine.read(frame, device_scale), OcrReport("full", (), dy, 1.0, 0)

    all_cores = [core for _, group in crops for core in group]
    kept = [
        line for line in prev_lines if not any(_centre_in(line.box, core) for core in all_cores)
    ]
    # Lines found again where no pixel inside them changed are not read again (a new line
    # just below may touch the 2 px a crop's interpolation reads around the box: its own
    # pixels, hence its text, are unchanged, and it is not read again for a neighbour).
    integral = cv2.integral(changed_mask)
    by_place = list(prev_lines)

    def unchanged_line(found: Box) -> OcrLine | None:
        for old in by_place:
            if geometry.iou(old.box, found) >= 0.8:
                area = geometry.clip(geometry.union((old.box, found)), width, height)
                x0, y0 = area.x, area.y
                x1, y1 = geometry.right(area), geometry.bottom(area)
                if integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0] == 0:
                    return old
        return None

    fresh: list[OcrLine] = []
    for crop, group in crops:
        for line in engine.read_region(
            frame, crop, device_scale, only_within=group, reuse=unchanged_line
        ):
            # A line belongs to the crop that holds its centre in a core; lines read in the
            # margin only are the reused ones' business.
            if any(_centre_in(line.box, core) for core in group) and not any(
                geometry.iou(line.box, other.box) > 0.3 for other in (*fresh, *kept)
            ):
                fresh.append(line)
    lines = sorted((*kept, *fresh), key=lambda line: (line.box.y, line.box.x))
    return tuple(lines), OcrReport(
        "incremental", tuple(c for c, _ in crops), dy, area / float(width * height), len(kept)
    )


#: A line's ink at a pixel: its difference from the line's background over the line's
#: strongest difference (0 background .. 1 full ink). Anti-aliased glyphs blend their colour
#: with the background, so the ink of the same glyphs on another background is the same.
_INK_TOLERANCE = 0.25
#: A flat change (a cursor block, a highlight): one colour before, one after, filling its box.
_FLAT_SHARE = 0.97
_FLAT_MIN_SIDE = 3
_FLAT_MAX_BLOCKS = 32


def _ink(image: Frame) -> np.ndarray[Any, Any] | None:
    """Ink map of a text line's pixels (float32, 0..1), or None where no background stands
    out (too busy, or no contrast)."""
    flat = image.reshape(-1, 3).astype(np.int32)
    packed = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    best = int(counts.argmax())
    if counts[best] < 0.4 * len(packed):
        return None
    key = int(values[best])
    background = np.asarray((key >> 16, (key >> 8) & 255, key & 255), np.int16)
    diff = np.abs(image.astype(np.int16) - background).max(axis=2)
    peak = int(diff.max())
    if peak == 0:
        return np.zeros(diff.shape, np.float32)
    if peak < 40:
        return None
    ink: np.ndarray[Any, Any] = (diff / float(peak)).astype(np.float32)
    return ink


def _no_text_change(previous: Frame, current: Frame, box: Box, lines: Sequence[OcrLine]) -> bool:
    """Whether the change inside ``box`` (a changed area) leaves every text as it was.

    Inside the known lines (box + a quarter of its height) a pixel counts as changed only
    when its ink changed (same glyphs on a new background or in a new colour do not); what is
    left, inside or outside lines, must be flat blocks: each one (colour before, colour after)
    pair filling its bounding box (apart from explained line pixels), at least 3 px each way.
    A glyph typed or removed changes ink; a monochrome glyph's pixels never fill their box.
    Anything else is read as before.
    """
    import cv2

    height, width = current.shape[:2]
    x0, y0, x1, y1 = box.x, box.y, geometry.right(box), geometry.bottom(box)
    old = previous[y0:y1, x0:x1]
    new = current[y0:y1, x0:x1]
    changed = (old != new).any(axis=2)
    # Pixels inside lines whose ink did not change: explained, neither changed nor a hole.
    explained = np.zeros(changed.shape, bool)
    for line in lines:
        # With a margin: the detector's box may cut the tips of tall or low glyphs.
        area = geometry.pad(line.box, max(2, line.box.h // 4), width, height)
        inter = geometry.intersection(area, box)
        if inter is None:
            continue
        ax0, ay0, ax1, ay1 = area.x, area.y, geometry.right(area), geometry.bottom(area)
        ink_old = _ink(previous[ay0:ay1, ax0:ax1])
        ink_new = _ink(current[ay0:ay1, ax0:ax1])
        if ink_old is None or ink_new is None:
            continue  # no clear background: this line's changed pixels stay changed
        same = np.abs(ink_old - ink_new) <= _INK_TOLERANCE
        iy0, ix0 = inter.y - ay0, inter.x - ax0
        part = same[iy0 : iy0 + inter.h, ix0 : ix0 + inter.w]
        sy, sx = inter.y - y0, inter.x - x0
        window = (slice(sy, sy + inter.h), slice(sx, sx + inter.w))
        # Where line boxes overlap, the line whose background a pixel is on explains it (a
        # highlight ending at a row's edge leaves the row above with another background):
        # a glyph drawn or removed changes the ink for every background.
        explained[window] |= part
    changed &= ~explained
    if not changed.any():
        return True
    # Every changed pixel left must belong to a flat block: one (colour before, colour after)
    # pair whose pixels fill their bounding box (apart from explained line pixels), at least
    # 3 px each way. A highlight moving down a row is two such blocks in one changed area.
    _, labels = cv2.connectedComponents(changed.astype(np.uint8), connectivity=8)
    ys, xs = np.nonzero(changed)
    pair = (_packed(old[ys, xs]) << 24) | _packed(new[ys, xs])
    keys = (labels[ys, xs].astype(np.int64) << 48) | pair
    distinct = np.unique(keys)
    if len(distinct) > _FLAT_MAX_BLOCKS:  # glyphs: many blended colours
        return False
    for key in distinct:
        members = keys == key
        py, px = ys[members], xs[members]
        y0b, y1b, x0b, x1b = int(py.min()), int(py.max()) + 1, int(px.min()), int(px.max()) + 1
        if x1b - x0b < _FLAT_MIN_SIDE or y1b - y0b < _FLAT_MIN_SIDE:
            return False
        room = (x1b - x0b) * (y1b - y0b) - int(explained[y0b:y1b, x0b:x1b].sum())
        if room <= 0 or len(py) < _FLAT_SHARE * room:
            return False
    return True


def _packed(pixels: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """BGR pixels (n x 3 uint8) as one int64 each."""
    flat = pixels.astype(np.int64)
    packed: np.ndarray[Any, Any] = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    return packed


def _centre_in(box: Box, core: Box) -> bool:
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    return core.x <= cx < geometry.right(core) and core.y <= cy < geometry.bottom(core)


def scroll_offset(previous: Frame, current: Frame) -> int:
    """The vertical shift that maps most non-blank rows of ``previous`` onto ``current``."""
    prev_rows = [hash(row.tobytes()) for row in previous]
    cur_rows = [hash(row.tobytes()) for row in current]
    # Blank rows (one colour) match anywhere: they must not vote.
    prev_blank = (
        {hash(row.tobytes()) for row in previous if (row == row[0]).all()}
        if len(previous) < 64
        else _blank_hashes(previous, prev_rows)
    )
    index: dict[int, list[int]] = {}
    for y, key in enumerate(prev_rows):
        if key not in prev_blank:
            index.setdefault(key, []).append(y)
    votes: dict[int, int] = {}
    busy = 0
    for y, key in enumerate(cur_rows):
        if key in prev_blank:
            continue
        busy += 1
        for py in index.get(key, [])[:4]:
            votes[py - y] = votes.get(py - y, 0) + 1
    if not votes or busy == 0:
        return 0
    dy, count = max(votes.items(), key=lambda kv: (kv[1], -abs(kv[0])))
    if dy == 0 or count < 0.4 * busy or count <= votes.get(0, 0):
        return 0
    return dy


def _blank_hashes(frame: Frame, hashes: list[int]) -> set[int]:
    """Hashes of the rows that hold one colour only."""
    flat = frame.reshape(frame.shape[0], -1)
    blank = flat.max(axis=1) == flat.min(axis=1)
    return {hashes[y] for y in np.flatnonzero(blank)}


def _shift_rows(previous: Frame, dy: int) -> tuple[Frame, Box]:
    """``previous`` scrolled by ``dy`` rows (content moved up for dy > 0), and the rows exposed."""
    h, w = previous.shape[:2]
    out = np.zeros_like(previous)
    if dy > 0:
        out[: h - dy] = previous[dy:]
        return out, Box(0, h - dy, w, dy)
    out[-dy:] = previous[: h + dy]
    return out, Box(0, 0, w, -dy)


def _changed_boxes(previous: Frame, current: Frame) -> tuple[list[Box], np.ndarray[Any, Any]]:
    """Changed areas (8 px cells, merged) and the per-pixel change mask (uint8 0/1)."""
    import cv2

    h, w = current.shape[:2]
    # Sum of the channels' differences (saturating): non-zero wherever any channel differs.
    summed = cv2.transform(cv2.absdiff(previous, current), np.ones((1, 3), np.float32))
    _, pixels = cv2.threshold(summed, 0, 1, cv2.THRESH_BINARY)
    if not cv2.countNonZero(pixels):
        return [], pixels
    ch, cw = -(-h // _CELL), -(-w // _CELL)
    # An area average over a cell of the 0/255 mask is > 0 exactly when a pixel changed.
    mask = cv2.copyMakeBorder(
        pixels * 255, 0, ch * _CELL - h, 0, cw * _CELL - w, cv2.BORDER_CONSTANT, value=0
    )
    cells = cv2.resize(mask, (cw, ch), interpolation=cv2.INTER_AREA)
    cells = cv2.dilate((cells > 0).astype(np.uint8), np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(cells, connectivity=8)
    boxes = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        boxes.append(
            geometry.clip(
                Box(int(x) * _CELL, int(y) * _CELL, int(bw) * _CELL, int(bh) * _CELL), w, h
            )
        )
    return boxes, pixels


def _grow_to_lines(boxes: list[Box], lines: Sequence[OcrLine]) -> list[Box]:
    """Grow each changed area to the previous text lines it really touches (a quarter of the
    line's height or more: OCR boxes of dense text overlap their neighbours by a pixel or two,
    and growing through those would spread to the whole page), then merge overlaps."""
    cores = []
    for box in boxes:
        touched = [
            line.box
            for line in lines
            if (inter := geometry.intersection(box, line.box)) is not None
            and inter.h >= 0.25 * line.box.h
        ]
        cores.append(geometry.union((box, *touched)))
    merged = True
    while merged:
        merged = False
        out: list[Box] = []
        for core in cores:
            for k, other in enumerate(out):
                if geometry.intersection(core, other):
                    out[k] = geometry.union((core, other))
                    merged = True
                    break
            else:
                out.append(core)
        cores = out
    return cores


def _aligned(box: Box, margin: int, align: int, width: int, height: int) -> Box:
    x0 = max(0, (box.x - margin) // align * align)
    y0 = max(0, (box.y - margin) // align * align)
    x1 = min(width, -(-(geometry.right(box) + margin) // align) * align)
    y1 = min(height, -(-(geometry.bottom(box) + margin) // align) * align)
    return Box(x0, y0, x1 - x0, y1 - y0)


def _merge_crops(
    cores: list[Box], margin: int, align: int, width: int, height: int
) -> list[tuple[Box, list[Box]]]:
    """Crops (aligned, with margin) and the cores each must deliver; overlapping crops merge."""
    groups: list[tuple[Box, list[Box]]] = [
        (_aligned(core, margin, align, width, height), [core]) for core in cores
    ]
    changed = True
    while changed:
        changed = False
        out: list[tuple[Box, list[Box]]] = []
        for crop, members in groups:
            for k, (other, other_members) in enumerate(out):
                if geometry.intersection(crop, other):
                    out[k] = (
                        _aligned(geometry.union((crop, other)), 0, align, width, height),
                        other_members + members,
                    )
                    changed = True
                    break
            else:
                out.append((crop, members))
        groups = out
    return groups
