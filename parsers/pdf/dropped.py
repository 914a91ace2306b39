"""Text that pdfium's text page leaves out as a copy of the text before it, put back.

pdfium drops a text object from its text page when one of the five text objects before it holds
the same characters in the same font size, their boxes meet and the second is displaced by at
most an eighth of the boxes' overlap (`CPDF_TextPage::IsSameTextObject`): meant for text drawn
twice to look bold. But the overlap is measured on the objects' boxes, which a Thai font's tall
marks make taller than the text's line; so a long text repeated in the next row of a table
(`ถอดบทเรียนและเผยแพร่แนวปฏิบัติที่ดี` as the target of three years in a row) overlaps its
neighbour by the width of the text, and every row after the first reads empty. `pdftotext`
shows all three rows.

A dropped object is found among the page's text objects as one no character of the text page
comes from; its text is the text of the kept object it copies (pdfium compared them), so the
kept object's glyphs are put back moved by the distance between the two objects. Only a copy
moved down or up by more than half a line and not sideways is put back: a bold copy a fraction of
a point off is what the dropping is for.
"""

from __future__ import annotations

import ctypes
from dataclasses import replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.pdf.glyphs import Char

#: how many text objects before a dropped one pdfium compares it with
LOOK_BACK = 5
#: a copy displaced sideways by more than this (points) is not one pdfium's rule drops as a line's
X_SLACK = 0.5
#: a copy nearer than this many font sizes up or down is a bold effect, not another line
MIN_LINES_APART = 0.6
#: boxes the same size to within this (points): the same glyphs in the same font
SAME_SIZE = 0.1


def _bounds(obj: int) -> tuple[float, float, float, float] | None:
    box = [ctypes.c_float() for _ in range(4)]
    handle = ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)
    if not pdfium_c.FPDFPageObj_GetBounds(handle, *(ctypes.byref(v) for v in box)):
        return None
    left, bottom, right, top = (v.value for v in box)
    return left, bottom, right, top


def _font_size(obj: int) -> float:
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT), ctypes.byref(size))
    return float(size.value)


def dropped_copies(page: pdfium.PdfPage, glyphs_of: dict[int, list[Char]], upright: bool) -> list[Char]:
    """Glyphs for the text objects of `page` that the text page dropped as copies of a text
    object before them; `glyphs_of` holds the glyphs read per kept text object (by its address).
    Only on upright pages (whose user space maps to the page by a flip)."""
    if not upright:
        return []
    raw = page.raw
    text_kind = pdfium_c.FPDF_PAGEOBJ_TEXT
    get_object, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    texts = [
        ctypes.cast(obj, ctypes.c_void_p).value or 0
        for k in range(pdfium_c.FPDFPage_CountObjects(raw))
        if get_type(obj := get_object(raw, k)) == text_kind
    ]
    if all(key in glyphs_of for key in texts):
        return []  # nothing dropped (most pages): no boxes to read
    # boxes are read only for a dropped object and the kept ones it may copy (a page of one
    # text object per glyph has thousands, a handful of them dropped)
    bounds: dict[int, tuple[float, float, float, float] | None] = {}

    def box_of(key: int) -> tuple[float, float, float, float] | None:
        if key not in bounds:
            bounds[key] = _bounds(key)
        return bounds[key]

    kept: list[int] = []
    out: list[Char] = []
    for key in texts:
        if key in glyphs_of:
            kept = [*kept[-(4 * LOOK_BACK - 1) :], key]  # (some may have no box: kept further back)
            continue
        box = box_of(key)
        if box is None:
            continue
        before = [(k, b) for k in kept if (b := box_of(k)) is not None][-LOOK_BACK:]
        copy = _copied(key, box, before)
        if copy is not None:
            source, dy = copy
            out.extend(_moved(ch, dy) for ch in glyphs_of[source])
    return out


def _moved(ch: Char, dy: float) -> Char:
    """A copy of `ch` drawn `dy` points further down the page."""
    ink = (ch.ink[0], ch.ink[1] + dy, ch.ink[2], ch.ink[3] + dy) if ch.ink is not None else None
    return replace(ch, top=ch.top + dy, bottom=ch.bottom + dy, baseline=ch.baseline + dy, ink=ink)


def _copied(key: int, box: tuple[float, float, float, float], kept: list[tuple[int, tuple[float, float, float, float]]]) -> tuple[int, float] | None:
    """The kept object the dropped `key` (bounds `box`) copies, and how far down the page it is
    moved (points, top-left origin); None when no kept object fits pdfium's rule as a line's copy."""
    width, height = box[2] - box[0], box[3] - box[1]
    size = _font_size(key)
    for source, other in reversed(kept):
        if abs((other[2] - other[0]) - width) > SAME_SIZE or abs((other[3] - other[1]) - height) > SAME_SIZE:
            continue
        if abs(_font_size(source) - size) > 1e-3 or abs(box[0] - other[0]) > X_SLACK:
            continue
        moved = other[1] - box[1]  # user space runs up; the page's top-left space runs down
        if abs(moved) >= MIN_LINES_APART * max(size, 1.0):
            return source, moved
    return None
