"""A table cell's image cleaned of its rulings before it is read.

A scanned page turned straight again leaves slivers and dashes of each cell's rules inside the
cell; tesseract reads them as `|`, and they hide the cell's glyphs from the digit reader. What
is rule and what is glyph is told here from the ink alone (split from `parsers.ocr.pages`).
"""

from __future__ import annotations

import numpy as np

from parsers.ocr import digits as ocr_digits


def without_rule_remnants(crop: np.ndarray, edge: int = 8) -> np.ndarray:
    """A cell's image without what is left of its rulings along its edges (a turned page leaves a
    sliver of the rule inside the cell, which tesseract reads as `|` and which hides the cell's
    glyphs from the digit reader): near each edge, every column (row) inked over most of the
    cell's height (width) is blanked; and so is the ink of a rule not quite straight after the
    turn, which enters the cell in dashes: stretches along the edge longer than a letter's stroke
    is so close to the rule, and specks that lie wholly in the edge's band."""
    if crop.size == 0:
        return crop
    out = crop.copy()
    dark = out < 128
    h, w = dark.shape
    for x in [*range(min(edge, w)), *range(max(0, w - edge), w)]:
        if dark[:, x].mean() > 0.5:
            out[:, x] = 255
        else:
            inward = x + RULE_WIDTH if x < edge else x - RULE_WIDTH
            out[_long_runs(dark[:, x], RULE_DASH) & ~_inked_near(dark, inward, axis=1), x] = 255
    for y in [*range(min(edge, h)), *range(max(0, h - edge), h)]:
        if dark[y, :].mean() > 0.5:
            out[y, :] = 255
        else:
            inward = y + RULE_WIDTH if y < edge else y - RULE_WIDTH
            out[y, _long_runs(dark[y, :], RULE_DASH) & ~_inked_near(dark, inward, axis=0)] = 255
    if h > 2 * edge + 2 and w > 2 * edge + 2:
        # each side's band as a writable view, the cell's edge at column 0
        for band in (out[:, : edge + 1], out[:, ::-1][:, : edge + 1], out.T[:, : edge + 1], out[::-1, :].T[:, : edge + 1]):
            _blank_specks_in_band(band, edge)
    return out


#: the shortest stretch of ink along a cell's edge (pixels, at 300 dpi a millimetre) taken for a
#: piece of its rule
RULE_DASH = 12


def _blank_specks_in_band(band: np.ndarray, edge: int) -> None:
    """Ink in ``band`` (a view, the cell's edge at column 0) that lies wholly within its first
    ``edge`` columns, blanked in place: what reaches further in is a glyph near the edge."""
    for x0, y0, x1, y1 in ocr_digits.components(band < 128):
        if x1 <= edge:
            band[y0:y1, x0:x1] = 255


#: a rule is at most this thick (pixels at 300 dpi): ink this far further into the cell than a
#: stretch of ink along its edge is a glyph's, not the rule's
RULE_WIDTH = 4


def _inked_near(dark: np.ndarray, index: int, axis: int) -> np.ndarray:
    """Per row (axis=1: of column ``index``) or per column (axis=0: of row ``index``), whether that
    line of ``dark`` is inked there or at a pixel beside it; all False when ``index`` is outside."""
    size = dark.shape[1] if axis == 1 else dark.shape[0]
    if not 0 <= index < size:
        return np.zeros(dark.shape[0] if axis == 1 else dark.shape[1], dtype=bool)
    line = dark[:, index] if axis == 1 else dark[index, :]
    grown = line.copy()
    grown[1:] |= line[:-1]
    grown[:-1] |= line[1:]
    return grown


def _long_runs(line: np.ndarray, min_len: int) -> np.ndarray:
    """Mask of the pixels of ``line`` (1-D, bool) in runs of ink at least ``min_len`` long."""
    out = np.zeros_like(line)
    padded = np.concatenate(([False], line, [False])).astype(np.int8)
    diff = np.diff(padded)
    for a, b in zip(np.nonzero(diff == 1)[0], np.nonzero(diff == -1)[0], strict=True):
        if b - a >= min_len:
            out[a:b] = True
    return out
