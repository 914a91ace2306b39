"""Clusters pdfium reads twice from a PDF's ActualText spans.

Chromium's PDF backend (Skia: Chrome's and Google Docs' "Save as PDF") writes each Thai cluster
whose glyphs do not map one-to-one onto characters as a marked-content span with the cluster's
text (`/Span <</ActualText (ขั้)>> BDC … EMC`). pdfium gives the span's text to its first glyph,
all of it at that glyph's pen origin (so the chars come as one group, `Char.same_glyph`). When a
later glyph of the span is drawn after a move of the pen (a tone mark nudged right, the pen then
moved back), pdfium gives the span's text again, to that mark: `ขั้` · `น` · `ขั้` for ขั้น,
`ชี้` · `วั` · `ชี้` for ตัวชี้วัด; and where the mark shares its pen origin with the next
letter, the repeat opens that letter's group (`วั` + `ด`). A repeat is told by where its glyph
is: drawn back over the letters already read (a mark), while a new cluster, even the same
syllable again, starts after them.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.pdf.glyphs import Char
from parsers.thai.chars import is_mark
from parsers.thai.pua import map_pua

#: a repeat's glyph starts this share of the font size (or more) left of the text read so far
BEHIND_EM = 0.15
#: how many characters back the repeated group may stand
LOOKBACK = 12
#: how many characters back it may stand when the repeat's glyph is drawn over that group's own
#: glyphs (Chrome may draw a nudged tone mark only after the rest of the run: `ที่` · `๑ ระยะเวลาเฉ` · `ที่`)
FAR_LOOKBACK = 64


def _text_objects(handles: list[object], depth: int = 3) -> list[object]:
    """The text objects among page objects `handles`, those inside form XObjects too (down to
    `depth` levels, as pypdfium2's `get_objects`), read by pdfium's raw calls: a page drawn a
    glyph per text object has thousands, and a wrapper object per one costs more than the test."""
    text_kind, form_kind = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM
    out: list[object] = []
    for obj in handles:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == text_kind:
            out.append(obj)
        elif kind == form_kind and depth > 1:
            inner = [pdfium_c.FPDFFormObj_GetObject(obj, k) for k in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            out.extend(_text_objects(inner, depth - 1))
    return out


def has_spans(page: pdfium.PdfPage) -> bool:
    """Does any text on `page` carry an ActualText span? (Then pdfium reads the page's clusters
    from the spans, whatever the glyphs' own maps say.)"""
    key = (ctypes.c_ushort * 16)()
    size = ctypes.c_ulong()
    raw = page.raw
    for obj in _text_objects([pdfium_c.FPDFPage_GetObject(raw, k) for k in range(pdfium_c.FPDFPage_CountObjects(raw))]):
        for i in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
            mark = pdfium_c.FPDFPageObj_GetMark(obj, i)
            for j in range(pdfium_c.FPDFPageObjMark_CountParams(mark)):
                pdfium_c.FPDFPageObjMark_GetParamKey(mark, j, key, ctypes.sizeof(key), ctypes.byref(size))
                if bytes(key)[: size.value].decode("utf-16-le", "replace").rstrip("\0") == "ActualText":
                    return True
    return False


def _groups(chars: list[Char]) -> list[tuple[int, int]]:
    """(start, end) of each run of chars at one pen origin (the first, then `same_glyph` ones)."""
    out: list[tuple[int, int]] = []
    for i, c in enumerate(chars):
        if out and c.same_glyph:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def drop_repeats(chars: list[Char]) -> list[Char]:
    """`chars` without the span texts pdfium read a second time (see the module)."""
    groups = _groups(chars)
    if len(groups) == len(chars):
        return chars  # no pen origin gave several characters: no span was read
    drop: set[int] = set()
    # (start index, text, left, right) of the groups of several chars kept
    recent: list[tuple[int, str, float, float]] = []
    right = None  # right edge of the text kept so far on this line, and its baseline
    for a, b in groups:
        first = chars[a]
        if right is not None and abs(right[1] - first.baseline) > 0.2 * first.size:
            right, recent = None, []
        if b - a == 1:
            # one character at its pen origin (most of them): never a repeat (a repeat is of a
            # group of several), only the right edge moves
            right = (max(first.x1, right[0]) if right is not None else first.x1, first.baseline)
            continue
        text = "".join(c.text for c in chars[a:b])
        cut = 0
        # a span's text starts with its cluster's base; a group opening with a mark is a
        # several-character glyph map (Word's `้อ`), placed by the mark's ink, and one with a
        # glyph read from its font (a useless map) is the font's, never a repeat
        if right is not None and not is_mark(map_pua(text[0])) and not any(c.raw is not None for c in chars[a:b]):
            for start, prior, left, right_edge in reversed(recent):
                if a - start > FAR_LOOKBACK:
                    break
                n = len(prior)
                if not text.startswith(prior):
                    continue
                x = min(c.x0 for c in chars[a : a + n])
                slack = BEHIND_EM * first.size
                over = left - slack <= x <= right_edge + slack  # drawn over that group's glyphs
                # or the glyph lies wholly behind its own pen, as only a mark drawn back over its
                # letter does (Typst: ซึ่ง's tone mark drawn after the pen moved on; its box
                # reaches back less than BEHIND_EM over the letters read)
                behind_pen = x < right[0] and max(c.x1 for c in chars[a : a + n]) <= first.origin_x + 0.05 * first.size
                if (x < right[0] - slack or behind_pen) and (a - start <= LOOKBACK or over):
                    cut = n
                    break
        drop.update(range(a, a + cut))
        if b - a >= 2 and b < len(chars) and chars[b].generated:
            # pdfium puts a space after every span it reads (it measures the gap from the
            # span's first glyph), and after every repeat: the gap itself will say
            drop.add(b)
        kept = chars[a + cut : b]
        if kept:
            if len(kept) >= 2:
                recent.append(
                    (a + cut, "".join(c.text for c in kept), min(c.x0 for c in kept), max(c.x1 for c in kept))
                )
            edge = max(c.x1 for c in kept)
            right = (max(edge, right[0]) if right is not None else edge, first.baseline)
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


#: the character whose second glyph (the า of ำ) an ActualText span's first glyph does not cover
_SARA_AM = "\u0e33"


def widen_spans(chars: list[Char]) -> list[Char]:
    """`chars` with each span that ends in ำ reaching over the า pdfium does not report.

    The span's characters share its first glyph's box (`ค` of `คำ`); the ring and the า drawn
    after it advanced the pen, so without this the next letter would stand a whole า away, read
    as a word space (`คำ รับรอง`). The า's advance is read off the page's own า glyphs of the
    font (pen origin to the next glyph's, in font sizes; else 0.45 em), and given only where the
    gap after the span holds it."""
    if not any(c.text == _SARA_AM for c in chars):
        return chars
    groups = _groups(chars)
    if len(groups) == len(chars):
        return chars
    widths: dict[str, list[float]] = {}
    for c, d in zip(chars, chars[1:], strict=False):
        # an า's advance: from its pen origin to the next glyph's on the line
        if c.text == "\u0e32" and not c.same_glyph and not d.generated and abs(d.baseline - c.baseline) < 0.2 * c.size:
            step = (d.origin_x - c.origin_x) / max(c.size, 1.0)
            if 0.2 < step < 0.8:
                widths.setdefault(c.font, []).append(step)
    for k, (a, b) in enumerate(groups):
        last = chars[b - 1]
        if b - a < 2 or last.text != _SARA_AM or any(c.raw is not None for c in chars[a:b]):
            continue
        found = sorted(widths.get(last.font, []))
        aa = (found[len(found) // 2] if found else 0.45) * last.size
        nxt = next((chars[g[0]] for g in groups[k + 1 :] if chars[g[0]].text.strip()), None)
        if nxt is None or abs(nxt.baseline - last.baseline) > 0.2 * last.size:
            continue
        gap = nxt.x0 - last.x1
        if gap >= 0.5 * aa:
            last.x1 += min(aa, gap)
    return chars
