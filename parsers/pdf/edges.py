"""Ruling lines of a page, read from its vector paths through pdfium.

Tables in Word/LibreOffice exports are drawn as thin filled rectangles, stroked line segments or
cell-shading rectangles. Each becomes one or four axis-aligned edges in the dict shape that
pdfplumber's table functions take (x0, x1, top, bottom, width, height, orientation), so the cell
finding itself is pdfplumber's, not ours.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.pdf.glyphs import _Transform

Edge = dict[str, Any]

#: a path thinner than this (points) is a line, not an area
THIN = 2.5
#: edges shorter than this are glyph-like decorations, not rulings
MIN_EDGE = 3.0


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> Edge:
    return {
        "object_type": "line",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _segments(raw: Any, tf: _Transform) -> list[tuple[float, float, float, float]]:
    """Straight segments of a path object (its raw handle), in displayed-page coordinates."""
    n = pdfium_c.FPDFPath_CountSegments(raw)
    if n <= 0 or n > 400:
        return []
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(raw, ctypes.byref(m)):
        m.a, m.b, m.c, m.d, m.e, m.f = 1, 0, 0, 1, 0, 0
    x, y = ctypes.c_float(), ctypes.c_float()
    pts: list[tuple[float, float, int, bool]] = []
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        close = bool(pdfium_c.FPDFPathSegment_GetClose(seg))
        ux = m.a * x.value + m.c * y.value + m.e
        uy = m.b * x.value + m.d * y.value + m.f
        px, py = tf.point(ux, uy)
        pts.append((px, py, kind, close))
    out: list[tuple[float, float, float, float]] = []
    start: tuple[float, float] | None = None
    prev: tuple[float, float] | None = None
    for px, py, kind, close in pts:
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = prev = (px, py)
            continue
        if prev is not None and kind == pdfium_c.FPDF_SEGMENT_LINETO:
            out.append((prev[0], prev[1], px, py))
        prev = (px, py)
        if close and start is not None:
            out.append((px, py, start[0], start[1]))
    return out


def _path_objects(page: pdfium.PdfPage, max_depth: int = 4) -> Iterator[Any]:
    """Raw handles of the page's path objects, those inside form XObjects included.

    Walks pdfium's object lists directly: wrapping every object of the page (thousands of text
    objects) in a pypdfium2 object just to ask its type costs more than the rest of this module.
    """
    path, form = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    get_type = pdfium_c.FPDFPageObj_GetType

    def walk(count: int, get: Any, depth: int) -> Iterator[Any]:
        for i in range(count):
            obj = get(i)
            kind = get_type(obj)
            if kind == path:
                yield obj
            elif kind == form and depth < max_depth:
                yield from walk(
                    pdfium_c.FPDFFormObj_CountObjects(obj),
                    lambda k, o=obj: pdfium_c.FPDFFormObj_GetObject(o, k),
                    depth + 1,
                )

    raw = page.raw
    yield from walk(pdfium_c.FPDFPage_CountObjects(raw), lambda k: pdfium_c.FPDFPage_GetObject(raw, k), 1)


def page_edges(page: pdfium.PdfPage, tf: _Transform) -> list[Edge]:
    """Horizontal and vertical rulings of `page` (forms included)."""
    edges: list[Edge] = []
    bounds = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in bounds]
    for obj in _path_objects(page):
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        left, bottom, right, top = (v.value for v in bounds)
        if tf.outside(left, bottom, right, top):
            continue
        x0, x1, t, b = tf.box(left, bottom, right, top)
        w, h = x1 - x0, b - t
        if w < THIN and h >= MIN_EDGE:
            edges.append(_edge("v", (x0 + x1) / 2, (x0 + x1) / 2, t, b))
            continue
        if h < THIN and w >= MIN_EDGE:
            edges.append(_edge("h", x0, x1, (t + b) / 2, (t + b) / 2))
            continue
        if w < MIN_EDGE and h < MIN_EDGE:
            continue
        for ax, ay, bx, by in _segments(obj, tf):
            if abs(ay - by) < 0.5 and abs(ax - bx) >= MIN_EDGE:
                edges.append(_edge("h", min(ax, bx), max(ax, bx), ay, ay))
            elif abs(ax - bx) < 0.5 and abs(ay - by) >= MIN_EDGE:
                edges.append(_edge("v", ax, ax, min(ay, by), max(ay, by)))
    return _on_page(edges, tf) if tf.q == 0 and tf.bounds is not None else edges


def _on_page(edges: list[Edge], tf: _Transform) -> list[Edge]:
    """`edges` cut at the page's top and bottom: a ruling that runs on over a page break (Qt
    draws a tall cell's sides whole on each page it spans) rules only the page's part of it."""
    height = tf.h
    out: list[Edge] = []
    for e in edges:
        top, bottom = e["top"], e["bottom"]
        if top >= -1.0 and bottom <= height + 1.0:
            out.append(e)
        elif e["orientation"] == "v":
            top, bottom = max(top, 0.0), min(bottom, height)
            if bottom - top >= MIN_EDGE:
                out.append(_edge("v", e["x0"], e["x1"], top, bottom))
    return out
