"""Small box arithmetic on :class:`redaction.models.Box` (x, y, w, h in image pixels)."""

from __future__ import annotations

from collections.abc import Iterable

from redaction.models import Box


def right(box: Box) -> int:
    return box.x + box.w


def bottom(box: Box) -> int:
    return box.y + box.h


def from_corners(x0: float, y0: float, x1: float, y1: float) -> Box:
    """The box spanning two corners (rounded outwards, never negative in size)."""
    left, top = int(min(x0, x1)), int(min(y0, y1))
    r = int(max(x0, x1) + 0.999)
    b = int(max(y0, y1) + 0.999)
    return Box(left, top, max(0, r - left), max(0, b - top))


def union(boxes: Iterable[Box]) -> Box:
    items = list(boxes)
    if not items:
        raise ValueError("union of no boxes")
    return from_corners(
        min(b.x for b in items),
        min(b.y for b in items),
        max(right(b) for b in items),
        max(bottom(b) for b in items),
    )


def intersection(a: Box, b: Box) -> Box | None:
    x0, y0 = max(a.x, b.x), max(a.y, b.y)
    x1, y1 = min(right(a), right(b)), min(bottom(a), bottom(b))
    if x1 <= x0 or y1 <= y0:
        return None
    return Box(x0, y0, x1 - x0, y1 - y0)


def area(box: Box) -> int:
    return box.w * box.h


def overlap_area(a: Box, b: Box) -> int:
    inter = intersection(a, b)
    return 0 if inter is None else area(inter)


def iou(a: Box, b: Box) -> float:
    inter = overlap_area(a, b)
    total = area(a) + area(b) - inter
    return inter / total if total else 0.0


def pad(box: Box, px: int, width: int, height: int) -> Box:
    """Grow ``box`` by ``px`` on every side, clipped to a ``width`` x ``height`` image."""
    return clip(Box(box.x - px, box.y - px, box.w + 2 * px, box.h + 2 * px), width, height)


def clip(box: Box, width: int, height: int) -> Box:
    x0, y0 = max(0, box.x), max(0, box.y)
    x1, y1 = min(width, right(box)), min(height, bottom(box))
    return Box(x0, y0, max(0, x1 - x0), max(0, y1 - y0))


def offset(box: Box, dx: int, dy: int) -> Box:
    return Box(box.x + dx, box.y + dy, box.w, box.h)


def scale(box: Box, factor: float) -> Box:
    return from_corners(box.x * factor, box.y * factor, right(box) * factor, bottom(box) * factor)


def vertical_overlap(a: Box, b: Box) -> float:
    """Shared height over the smaller height (1.0: one box's rows lie within the other's)."""
    shared = min(bottom(a), bottom(b)) - max(a.y, b.y)
    smaller = min(a.h, b.h)
    return max(0, shared) / smaller if smaller > 0 else 0.0


def contains(outer: Box, inner: Box) -> bool:
    return (
        outer.x <= inner.x
        and outer.y <= inner.y
        and right(inner) <= right(outer)
        and bottom(inner) <= bottom(outer)
    )
