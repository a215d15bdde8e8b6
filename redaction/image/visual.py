"""Detectors that look at pixels, not words: faces and masked password fields.

Faces: OpenCV's frontal-face Haar cascade (shipped inside the opencv wheel,
``cv2.data.haarcascades``), each candidate confirmed by an eye cascade. Screens are full of
text, which fools cascades now and then; a candidate is kept only when little of it is covered
by OCR words and it has the colour spread of a photo.

Password fields: a run of four or more equal round dots ("bullets") or asterisks on one
baseline, read from the image (OCR often drops or misreads bullets) and from OCR text. The
whole input field around the run is removed, so the password's length goes too.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

import numpy as np

from redaction.image import geometry
from redaction.image.findings import Finding
from redaction.image.layout import Layout, WordRef
from redaction.models import Box, Frame

FACE_RECOGNIZER = "opencv_haar_face"
PASSWORD_RECOGNIZER = "masked_field"

_MASK_TEXT = re.compile(r"^[\u2022\u25cf\u2219\u00b7\u22c5\u25e6\u2981\u26ab*\u2731\u204e]{4,}$")


class FaceDetector:
    """Haar-cascade faces (frontal + profile), filtered against text."""

    def __init__(self, min_face_px: int = 20, min_neighbors: int = 5) -> None:
        import cv2

        # The cascades ship inside the opencv wheel (cv2.data is untyped in its stubs).
        base = getattr(cv2, "data").haarcascades  # noqa: B009
        self._cascades = []
        # Frontal faces only: screens show faces head-on (avatars, calls, photos); the profile
        # cascade doubled the time and mostly found text.
        for name in ("haarcascade_frontalface_default.xml",):
            cascade = cv2.CascadeClassifier(base + name)
            if cascade.empty():
                raise RuntimeError(f"OpenCV cascade {name} is missing")
            self._cascades.append(cascade)
        self._eyes = []
        for name in ("haarcascade_eye.xml", "haarcascade_eye_tree_eyeglasses.xml"):
            cascade = cv2.CascadeClassifier(base + name)
            if cascade.empty():
                raise RuntimeError(f"OpenCV cascade {name} is missing")
            self._eyes.append(cascade)
        self.min_face_px = min_face_px
        self.min_neighbors = min_neighbors
        # OpenCV does not promise that one CascadeClassifier may run in two threads at once.
        self._lock = threading.Lock()

    def detect(
        self,
        frame: Frame,
        layout: Layout | None = None,
        scale: float = 1.0,
        regions: Sequence[Box] | None = None,
    ) -> list[Finding]:
        """Faces in ``frame`` (only inside ``regions`` when given: incremental frames)."""
        h, w = frame.shape[:2]
        areas = [Box(0, 0, w, h)] if regions is None else list(regions)
        candidates: list[Box] = []
        for area in areas:
            candidates += self._faces_in(frame, geometry.clip(area, w, h), scale)
        words = [wd.box for line in (layout.lines if layout else ()) for wd in line.words]
        out: list[Finding] = []
        for box in candidates:
            # Text inside a face box means a false face, unless the "word" is taller than the
            # face itself (OCR now and then boxes a whole photo as one garbage word).
            text_cover = sum(
                geometry.overlap_area(box, wb) for wb in words if wb.h <= 0.6 * box.h
            ) / max(1, geometry.area(box))
            if text_cover > 0.25 or not _photo_like(frame, box) or not self._has_eyes(frame, box):
                continue
            # The cascade box is the inner face: take hair, chin and ears too.
            grown = geometry.pad(box, int(0.25 * box.w), w, h)
            if not any(geometry.iou(grown, f.boxes[0]) > 0.5 for f in out):
                out.append(Finding("FACE", FACE_RECOGNIZER, 0.8, (grown,)))
        return out

    def _has_eyes(self, frame: Frame, box: Box) -> bool:
        """An eye in the upper part of the face: the face cascade alone finds faces in pie
        crust and wood grain; eyes it does not."""
        import cv2

        crop = cv2.cvtColor(frame[box.y : box.y + box.h, box.x : box.x + box.w], cv2.COLOR_BGR2GRAY)
        if crop.size == 0:
            return False
        upper = cv2.resize(crop, (120, 120), interpolation=cv2.INTER_CUBIC)[:72]
        with self._lock:
            return any(
                len(eyes.detectMultiScale(upper, scaleFactor=1.1, minNeighbors=3, minSize=(12, 12)))
                for eyes in self._eyes
            )

    def _faces_in(self, frame: Frame, area: Box, scale: float) -> list[Box]:
        import cv2

        if area.w < 24 or area.h < 24:
            return []
        crop = frame[area.y : area.y + area.h, area.x : area.x + area.w]
        gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
        # Read at device scale 1: a face on a scale-2 screen is twice as many pixels.
        shrink = max(1.0, scale)
        if shrink > 1.0:
            gray = cv2.resize(
                gray,
                (max(1, int(area.w / shrink)), max(1, int(area.h / shrink))),
                interpolation=cv2.INTER_AREA,
            )
        found_all: list[Box] = []
        for cascade in self._cascades:
            with self._lock:
                found = cascade.detectMultiScale(
                    gray,
                    scaleFactor=1.1,
                    minNeighbors=self.min_neighbors,
                    minSize=(self.min_face_px, self.min_face_px),
                )
            for x, y, fw, fh in found if len(found) else []:
                found_all.append(
                    geometry.from_corners(
                        area.x + x * shrink,
                        area.y + y * shrink,
                        area.x + (x + fw) * shrink,
                        area.y + (y + fh) * shrink,
                    )
                )
        return found_all


def _photo_like(frame: Frame, box: Box) -> bool:
    """A photo has many distinct colours and smooth gradients; UI art and text have few."""
    crop = frame[box.y : box.y + box.h, box.x : box.x + box.w]
    if crop.size == 0:
        return False
    small = crop[:: max(1, crop.shape[0] // 48), :: max(1, crop.shape[1] // 48)]
    quantised = (small // 16).reshape(-1, 3).astype(np.int32)
    distinct = len(np.unique(quantised[:, 0] * 256 + quantised[:, 1] * 16 + quantised[:, 2]))
    return distinct >= 40 and float(small.std()) >= 12.0


class PasswordFieldDetector:
    """Masked password fields: dot or asterisk runs, with the input field around them."""

    def detect(self, frame: Frame, layout: Layout, scale: float = 1.0) -> list[Finding]:
        runs = self._runs_from_pixels(frame, scale)
        refs_by_box: dict[Box, tuple[WordRef, ...]] = {}
        for li, line in enumerate(layout.lines):
            for wi, word in enumerate(line.words):
                if _MASK_TEXT.match(word.text.strip()):
                    runs.append(word.box)
                    refs_by_box[word.box] = (WordRef(li, wi),)
        out: list[Finding] = []
        h, w = frame.shape[:2]
        for run in _merge(runs):
            field = _field_around(frame, run) or geometry.pad(run, max(4, run.h // 2), w, h)
            out.append(
                Finding("PASSWORD", PASSWORD_RECOGNIZER, 0.9, (field,), refs_by_box.get(run, ()))
            )
        return out

    @staticmethod
    def _runs_from_pixels(frame: Frame, scale: float) -> list[Box]:
        import cv2

        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        runs: list[Box] = []
        min_d = max(4, round(4 * scale))
        max_d = round(16 * scale)
        for polarity in (cv2.THRESH_BINARY_INV, cv2.THRESH_BINARY):
            _, mask = cv2.threshold(gray, 0, 255, polarity | cv2.THRESH_OTSU)
            # Otsu over a whole screen picks the dominant background; dots are the minority.
            if mask.mean() > 127:
                continue
            n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
            dots = []
            for i in range(1, n):
                x, y, bw, bh, area = stats[i]
                if not (min_d <= bw <= max_d and min_d <= bh <= max_d):
                    continue
                if not 0.75 <= bw / bh <= 1.33:
                    continue
                fill = area / float(bw * bh)
                # A dot is solid: its middle is ink. Round letters of a bold word have a hole or
                # a gap there.
                cx, cy = int(x) + int(bw) // 2, int(y) + int(bh) // 2
                r = 1 if min(bw, bh) >= 7 else 0
                middle = labels[cy - r : cy + r + 1, cx - r : cx + r + 1]
                if 0.6 <= fill <= 0.92 and bool((middle == i).all()):
                    dots.append((int(x), int(y), int(bw), int(bh)))
            runs.extend(_dot_runs(dots))
        return runs


def _dot_runs(dots: Sequence[tuple[int, int, int, int]], min_count: int = 4) -> list[Box]:
    """Rows of >= 4 equal dots, evenly spaced, on one baseline."""
    out: list[Box] = []
    by_row: dict[int, list[tuple[int, int, int, int]]] = {}
    for d in dots:
        by_row.setdefault((d[1] + d[3] // 2) // 4, []).append(d)
    used: set[tuple[int, int, int, int]] = set()
    for key in sorted(by_row):
        row = [d for k in (key - 1, key, key + 1) for d in by_row.get(k, []) if d not in used]
        row.sort()
        i = 0
        while i < len(row):
            run = [row[i]]
            for d in row[i + 1 :]:
                prev = run[-1]
                gap = d[0] - (prev[0] + prev[2])
                same = (
                    abs(d[2] - run[0][2]) <= 2
                    and abs(d[3] - run[0][3]) <= 2
                    and abs((d[1] + d[3] / 2) - (run[0][1] + run[0][3] / 2)) <= 2
                )
                if same and 0 <= gap <= 1.6 * prev[2]:
                    if run[1:] and abs(gap - (run[1][0] - run[0][0] - run[0][2])) > 3:
                        break
                    run.append(d)
                elif d[0] > prev[0] + 3 * prev[2]:
                    break
            if len(run) >= min_count:
                used.update(run)
                out.append(geometry.union(Box(*d) for d in run))
                i += len(run)
            else:
                i += 1
    return out


def _merge(boxes: list[Box]) -> list[Box]:
    merged: list[Box] = []
    for box in sorted(boxes, key=lambda b: (b.y, b.x)):
        for k, other in enumerate(merged):
            if geometry.intersection(geometry.pad(other, 4, 1 << 30, 1 << 30), box) is not None:
                merged[k] = geometry.union((other, box))
                break
        else:
            merged.append(box)
    return merged


def _field_around(frame: Frame, run: Box) -> Box | None:
    """The smallest rectangular outline (an input field) that encloses ``run``."""
    import cv2

    h, w = frame.shape[:2]
    margin = max(2 * run.h, 24)
    roi = geometry.clip(
        Box(run.x - margin, run.y - margin, run.w + 30 * margin, run.h + 2 * margin), w, h
    )
    crop = frame[roi.y : roi.y + roi.h, roi.x : roi.x + roi.w]
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    edges = cv2.Canny(gray, 10, 40)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    inner = geometry.offset(run, -roi.x, -roi.y)
    best: Box | None = None
    for contour in contours:
        x, y, bw, bh = cv2.boundingRect(contour)
        box = Box(int(x), int(y), int(bw), int(bh))
        if not geometry.contains(box, inner):
            continue
        if bh > max(7 * run.h, 3 * margin) or bh < run.h + 4 or bw < run.w + 8:
            continue
        if best is None or geometry.area(box) < geometry.area(best):
            best = box
    if best is None:
        return None
    return geometry.offset(best, roi.x, roi.y)
