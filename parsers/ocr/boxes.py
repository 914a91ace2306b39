"""Tick boxes on a scanned page, found in the image and told apart: ticked (☑) or empty (☐).

A KPI template's form ticks its status (`☐ ตัวชี้วัดใหม่  ☑ ตัวชี้วัดต่อเนื่อง`). Tesseract has no
such glyph: it reads a ticked box as `[7`, `(7` or `[1` and an empty one as `[]` or nothing at
all, so which status is ticked is lost. A box is a square outline of about a letter's height —
four straight sides, each inked along nearly its whole length, which no Thai letter or digit
has — so it is found by shape, blanked before tesseract reads the page, and put back into the
line's text as ☑ or ☐ where it stood.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TICKED, EMPTY = "☑", "☐"
#: a box's side at 300 dpi, in pixels: from 7 pt to 28 pt text (scaled with the resolution)
_SIDE_300 = (16, 90)
#: how much of each side must be ink (a scanned rule has gaps)
_SIDE_INK = 0.85
#: sides of one box: height within this ratio of width
_SQUARE = 0.2
#: share of the inside (inset by a fifth of the side) inked for the box to count as ticked
_TICK_INK = 0.04


@dataclass(frozen=True)
class TickBox:
    """A box's pixel bounds (end-exclusive) and whether it is ticked."""

    x0: int
    y0: int
    x1: int
    y1: int
    ticked: bool

    @property
    def glyph(self) -> str:
        return TICKED if self.ticked else EMPTY


def _side_ink(line: np.ndarray) -> float:
    return float(line.mean()) if line.size else 0.0


def _band(ink: np.ndarray, y0: int, y1: int, x0: int, x1: int, axis: int) -> np.ndarray:
    """A side as one line of pixels: inked where any pixel across its 3-pixel thickness is."""
    return np.asarray(ink[y0:y1, x0:x1].any(axis=axis))


def find_tick_boxes(ink: np.ndarray, dpi: int = 300) -> list[TickBox]:
    """The tick boxes in `ink` (True where the page is inked), top to bottom, left to right.

    Candidates are horizontal ink runs of a box's width (its top side); each is kept when a run
    of the same span lies a side's length below it (the bottom), both vertical sides are inked
    between them, and nothing runs on beyond the corners (a table's ruling is longer than a box
    and is not one)."""
    lo, hi = (max(4, round(s * dpi / 300)) for s in _SIDE_300)
    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    diff = np.diff(padded, axis=1)
    rows, starts = np.nonzero(diff == 1)
    _, ends = np.nonzero(diff == -1)
    length = ends - starts
    keep = (length >= lo) & (length <= hi)
    h, w = ink.shape
    found: list[TickBox] = []
    for y, x0, x1 in zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True):
        if any(b.x0 - 3 <= x0 <= b.x0 + 3 and b.y0 <= y <= b.y1 for b in found):
            continue  # a lower pixel row of a side already taken
        side = x1 - x0
        t = max(2, side // 10)  # sides' thickness allowance
        reach = int(side * (1 - _SQUARE))
        if _side_ink(_band(ink, y, y + reach, x0, x0 + t, 1)) < _SIDE_INK:
            continue  # no left side under it: most letters' strokes end here, cheaply
        box = _box_below(ink, y, x0, x1, side)
        if box is None:
            continue
        y1 = box
        height = y1 - y
        if abs(height - side) > _SQUARE * side or y1 > h or x1 > w:
            continue
        if not _apart(ink, x0, y, x1, y1):
            continue
        sub = ink[y:y1, x0:x1]
        c = max(2, side // 12)  # a box's corners are square: a ๐'s or an อ's are round, blank
        if not all(sub[a, b].any() for a in (slice(0, c), slice(-c, None)) for b in (slice(0, c), slice(-c, None))):
            continue
        if not all(_thin_straight(view, t) for view in (sub, sub[:, ::-1], sub.T, sub.T[:, ::-1])):
            continue
        inset = max(t + 1, side // 5)
        inside = ink[y + inset : y1 - inset, x0 + inset : x1 - inset]
        found.append(TickBox(x0, y, x1, y1, _side_ink(inside) > _TICK_INK))
    return found


#: ink allowed in the 2-pixel ring a pixel outside a box (a stray speck, a letter's tail)
_OUTSIDE_INK = 0.2


def _apart(ink: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> bool:
    """Is the box x0…x1, y0…y1 drawn apart from other ink, blank just outside each side? The
    hole of a bold ๐ or of a table's cell has sides and corners too, but ink on their outside."""
    h, w = ink.shape
    if x0 < 3 or y0 < 3 or x1 + 3 > w or y1 + 3 > h:
        return False
    # one pixel off each side: a scanned side bulges by a pixel here and there
    ring = (ink[y0:y1, x0 - 3 : x0 - 1], ink[y0:y1, x1 + 1 : x1 + 3], ink[y0 - 3 : y0 - 1, x0:x1], ink[y1 + 1 : y1 + 3, x0:x1])
    return all(float(r.mean()) <= _OUTSIDE_INK for r in ring)


def _thin_straight(sub: np.ndarray, t: int) -> bool:
    """Is the left side of `sub` (a box's pixels; the other sides as flipped or transposed
    views) a thin straight stroke: nearly every row inked within `t` of the edge, and the ink
    there no thicker than a sixth of the side? A bold letter's stems are thick, a ๐'s or an
    อ's curve leaves its rows' ink far from the edge near the top and bottom."""
    rows = sub.shape[0]
    if rows == 0 or sub.shape[1] == 0:
        return False
    has = sub.any(axis=1)
    first = np.where(has, sub.argmax(axis=1), sub.shape[1])
    at_edge = first <= t
    if at_edge.mean() < _SIDE_INK:
        return False
    # thickness: the run of ink from the first inked pixel, per row at the edge
    ends = np.where(~sub, np.arange(sub.shape[1])[None, :], sub.shape[1])
    thick = [int(ends[r, first[r]:].min()) - int(first[r]) for r in np.nonzero(at_edge)[0][rows // 4 : -(rows // 4) or None]]
    return bool(thick) and float(np.median(thick)) <= max(3, sub.shape[0] // 6)


def _box_below(ink: np.ndarray, y: int, x0: int, x1: int, side: int) -> int | None:
    """The end row (exclusive) of a bottom side matching the top run at row `y`, x0…x1: a row
    about `side` below, inked along the same span, nothing inked just outside its ends."""
    h = ink.shape[0]
    t = max(2, side // 10)
    for dy in range(int(side * (1 - _SQUARE)), min(int(side * (1 + _SQUARE)) + 1, h - y)):
        row = ink[y + dy, x0:x1]
        if _side_ink(row) < _SIDE_INK:
            continue
        # the bottom side ends at the corners: a longer run is a rule or an underline
        if x0 - t - 1 >= 0 and ink[y + dy, x0 - t - 1]:
            continue
        if x1 + t < ink.shape[1] and ink[y + dy, x1 + t]:
            continue
        end = y + dy + 1
        while end < h and _side_ink(ink[end, x0:x1]) >= _SIDE_INK:
            end += 1
        return end
    return None


def blank(image: np.ndarray, boxes: list[TickBox], margin: int = 2) -> np.ndarray:
    """`image` (0 ink … 255 paper) with the boxes painted out, for tesseract to read around."""
    if not boxes:
        return image
    out = image.copy()
    for b in boxes:
        out[max(0, b.y0 - margin) : b.y1 + margin, max(0, b.x0 - margin) : b.x1 + margin] = 255
    return out


def with_boxes(
    text: str, words: list[tuple[str, float, int, int]], boxes: list[TickBox]
) -> tuple[str, list[tuple[str, float, int, int]]]:
    """A line's text and words (tesseract's: text, confidence, x, width) with the boxes that
    stand on it put back where they were: each box becomes a word of its own at its place among
    the words, and its glyph enters the text after as many letters as the words before it hold
    (tesseract's spaced text and its words carry the same letters)."""
    if not boxes:
        return text, words
    merged = sorted([*words, *((b.glyph, 100.0, b.x0, b.x1 - b.x0) for b in boxes)], key=lambda w: w[2])
    out = text
    for b in sorted(boxes, key=lambda b: -b.x0):  # right to left: earlier positions stay valid
        letters = sum(len(t) for t, _, x, ww in words if x + ww / 2 < (b.x0 + b.x1) / 2)
        pos, seen = 0, 0
        while pos < len(out) and seen < letters:
            if not out[pos].isspace() and out[pos] not in (TICKED, EMPTY):
                seen += 1
            pos += 1
        out = (out[:pos].rstrip() + " " + b.glyph + " " + out[pos:].lstrip()).strip()
    return out, merged
