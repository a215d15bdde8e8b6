"""Irreversible blur: pad, pixelate, then blur.

Gaussian blur alone is reversible to OCR (kernel 11 was still read); pixelation throws the
detail away (each block becomes its mean), and a blur on top hides the block edges a reader
could use. Blocks are >= 8 px at scale 1 (12 by default), and never smaller than half the
box's height, so even a large heading is reduced to about two rows of blocks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from redaction.image import geometry
from redaction.image.settings import ImageRedactionSettings
from redaction.models import Box, Frame


def padded_box(
    box: Box,
    settings: ImageRedactionSettings,
    scale: float,
    width: int,
    height: int,
    keep: Sequence[Box] = (),
) -> Box:
    """The area actually blurred for ``box``: padding grows with device scale and text size;
    it stops short of the text ``keep`` boxes in the row above (see :func:`clear_of`)."""
    px = max(math.ceil(settings.pad_px * scale), math.ceil(0.15 * box.h))
    area = geometry.pad(box, px, width, height)
    return clear_of(area, box, keep) if keep else area


def clear_of(area: Box, box: Box, keep: Sequence[Box]) -> Box:
    """``area`` (``box`` padded) with its top moved back from the kept text of the row above
    ``box``.

    OCR's detection boxes are grown around the ink on every side, so the box of a value in a
    table row reaches into the row above; padded and blurred, it would take the lower half of
    a column header with it. Where ``area`` reaches into a ``keep`` box of a row above (sharing
    less than half the smaller height with ``box``) that it overlaps horizontally, its top
    moves back to the middle of where the two boxes meet (to the kept box's bottom when they do
    not meet): between the two inks. As the two share less than half of ``box``'s height, the
    top never moves past a quarter of it: the value's ink, in the middle of its box, stays
    covered. The bottom keeps its padding: what follows a value (the address under a name) is
    more often personal than what heads it, and a miss there stays hidden.
    """
    top = area.y
    for kept in keep:
        if geometry.vertical_overlap(kept, box) >= 0.5:
            continue  # the same row: a neighbour word, not a row above
        if min(geometry.right(kept), geometry.right(area)) <= max(kept.x, area.x):
            continue  # beside the area, not over it
        if kept.y + kept.h / 2 >= box.y + box.h / 2:
            continue  # below
        edge = geometry.bottom(kept)
        if edge > top:
            top = max(top, (box.y + edge) // 2 if edge > box.y else edge)
    return Box(area.x, top, area.w, max(0, geometry.bottom(area) - top))


def block_size(box: Box, settings: ImageRedactionSettings, scale: float) -> int:
    return max(math.ceil(settings.block_px * scale), math.ceil(min(box.h, box.w) / 2.2))


def redact_boxes(
    frame: Frame,
    boxes: Sequence[Box],
    settings: ImageRedactionSettings,
    scale: float,
    keep: Sequence[Box] = (),
) -> tuple[Frame, list[Box]]:
    """A copy of ``frame`` with every box padded, pixelated and blurred; and the areas done.

    ``keep``: boxes of text that stays (the frame redactor passes the table header cells no
    box covers); the padding stops short of them in the row above (:func:`clear_of`)."""
    import cv2

    out = frame.copy()
    height, width = frame.shape[:2]
    done: list[Box] = []
    for box in boxes:
        area = padded_box(box, settings, scale, width, height, keep)
        if area.w == 0 or area.h == 0:
            continue
        block = block_size(box, settings, scale)
        region = out[area.y : area.y + area.h, area.x : area.x + area.w]
        # Floor: every block is at least ``block`` pixels wide and high.
        small = cv2.resize(
            region, (max(1, area.w // block), max(1, area.h // block)), interpolation=cv2.INTER_AREA
        )
        blocky = cv2.resize(small, (area.w, area.h), interpolation=cv2.INTER_NEAREST)
        kernel = block | 1
        region[...] = cv2.GaussianBlur(blocky, (kernel, kernel), 0, borderType=cv2.BORDER_REPLICATE)
        done.append(area)
    return out, done
