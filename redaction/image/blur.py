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
    box: Box, settings: ImageRedactionSettings, scale: float, width: int, height: int
) -> Box:
    """The area actually blurred for ``box``: padding grows with device scale and text size."""
    px = max(math.ceil(settings.pad_px * scale), math.ceil(0.15 * box.h))
    return geometry.pad(box, px, width, height)


def block_size(box: Box, settings: ImageRedactionSettings, scale: float) -> int:
    return max(math.ceil(settings.block_px * scale), math.ceil(min(box.h, box.w) / 2.2))


def redact_boxes(
    frame: Frame, boxes: Sequence[Box], settings: ImageRedactionSettings, scale: float
) -> tuple[Frame, list[Box]]:
    """A copy of ``frame`` with every box padded, pixelated and blurred; and the areas done."""
    import cv2

    out = frame.copy()
    height, width = frame.shape[:2]
    done: list[Box] = []
    for box in boxes:
        area = padded_box(box, settings, scale, width, height)
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
