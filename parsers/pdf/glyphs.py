"""Characters of a PDF page, read through pdfium, in page coordinates (origin top-left).

pdfium reads a text layer about 40× faster than pdfminer, gives every character in content-stream
order (which for Word/LibreOffice exports is logical order: marks follow their base), with its
pen origin, its font box and its glyph box. That is all the Thai repair needs; layout analysis is
done by `parsers.pdf.lines` on these plain records.
"""

from __future__ import annotations

import ctypes
import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


@dataclass(slots=True)
class Char:
    """One glyph as drawn. Boxes are in points, origin top-left of the displayed page.

    `x0/x1` is the advance box for spacing glyphs and the ink box for combining marks (their advance
    is zero, so only the ink says where they sit); `top/bottom` is the font box, `baseline` the
    pen's y. `index` is the content-stream order; `code` the raw code pdfium gave when the font
    had no usable Unicode mapping (so `parsers.pdf.fontmap` can try the embedded font).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    origin_x: float
    size: float
    font: str
    index: int
    page: int
    unmapped: bool = False
    #: drawn by the same glyph as the previous char (a ToUnicode entry of several characters)
    same_glyph: bool = False
    #: quarter turns (counter-clockwise) of this glyph's text direction against the page's main
    #: direction: a book spine or a column header set sideways on an upright page
    turn: int = 0
    #: what the PDF's map said, when that says nothing about the glyph (see `suspect_code`):
    #: set only on such glyphs, kept after repair so `thaikpi doctor` can count them
    raw: str | None = None
    #: the glyph's ink box (x0, top, x1, bottom), read only for glyphs with a suspect mapping
    ink: tuple[float, float, float, float] | None = None
    #: a zero-width glyph nothing could be read from: an over-printed fragment of a letter
    fragment: bool = False
    #: a space pdfium put in a gap on its own (none drawn): kept only on a page that draws no
    #: spaces at all (Chromium's PDFs move the pen instead), where it is the only word gap said
    generated: bool = False
    #: a mark whose ink stands on the wrong side of the line for its character (a vowel below
    #: drawn above the letters, a tone mark below them): its font's map gives it another mark's
    misplaced: bool = False

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


def _plain(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same pdfium function taking and giving plain addresses and ints.

    The per-glyph calls are cheap in pdfium; what costs is ctypes converting pypdfium2's typed
    pointers on every call. With `c_void_p` arguments the text page and the output structs are
    passed as ints computed once per page (and a text object comes back as an int, to key a cache).
    """
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address, "pdfium function without an address"
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_VP, _INT = ctypes.c_void_p, ctypes.c_int
_text_object = _plain(pdfium_c.FPDFText_GetTextObject, _VP, _VP, _INT)
_is_generated = _plain(pdfium_c.FPDFText_IsGenerated, _INT, _VP, _INT)
_loose_box = _plain(pdfium_c.FPDFText_GetLooseCharBox, _INT, _VP, _INT, _VP)
_char_box = _plain(pdfium_c.FPDFText_GetCharBox, _INT, _VP, _INT, _VP, _VP, _VP, _VP)
_char_origin = _plain(pdfium_c.FPDFText_GetCharOrigin, _INT, _VP, _INT, _VP, _VP)
_char_angle = _plain(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float, _VP, _INT)
_map_error = _plain(pdfium_c.FPDFText_HasUnicodeMapError, _INT, _VP, _INT)
_font_size = _plain(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _VP, _INT)
_char_matrix = _plain(pdfium_c.FPDFText_GetMatrix, _INT, _VP, _INT, _VP)
_object_font = _plain(pdfium_c.FPDFTextObj_GetFont, _VP, _VP)
_clip_path = _plain(pdfium_c.FPDFPageObj_GetClipPath, _VP, _VP)
_clip_paths = _plain(pdfium_c.FPDFClipPath_CountPaths, _INT, _VP)
_clip_segments = _plain(pdfium_c.FPDFClipPath_CountPathSegments, _INT, _VP, _INT)
_clip_segment = _plain(pdfium_c.FPDFClipPath_GetPathSegment, _VP, _VP, _INT, _INT)
_segment_point = _plain(pdfium_c.FPDFPathSegment_GetPoint, _INT, _VP, _VP, _VP)
#: FS_RECTF (four floats) then the pen origin (two doubles), as `read_chars` lays them out
_LOOSE_AND_ORIGIN = struct.Struct("=4f2d")
#: FPDFText_GetCharBox's left, right, bottom, top
_INK_BOX = struct.Struct("=4d")


#: the Thai vowels drawn below the line (ุ ู ฺ); every other combining mark is drawn above it
_BELOW_CODES = frozenset((0x0E38, 0x0E39, 0x0E3A))
#: how far (in font sizes) a vowel below's ink must stand above the baseline to be misplaced (it
#: reaches up to the letters' middle); a mark of the upper zone is misplaced when none of its ink
#: stands a tenth of an em above the line (a vowel below's glyph, hanging under it)
MISPLACED_EM = 0.3
#: zero-width and format characters: a ToUnicode entry made of these names no letter
ZERO_WIDTH = frozenset((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD))
#: every code `suspect_code` flags, as one set (read_chars tests each glyph against it)
_SUSPECT = frozenset({0xFFFD, *ZERO_WIDTH, *range(0xC0, 0x250)})


def suspect_code(code: int) -> bool:
    """Is this code point, as a glyph's whole mapping, a sign that the map is broken?

    U+FFFD and zero-width characters never stand for a drawn glyph; a Latin-1 or Latin-Extended
    letter is what damaged maps of Thai fonts say (the raw code of an unmapped CID glyph, or a
    wrong entry: ĺ for the ring of ำ, ř Ś ş for Thai digits). Whether such a letter really is
    wrong is decided per font (`parsers.pdf.document.GlyphRecovery`); this is the cheap filter.
    """
    return code == 0xFFFD or code in ZERO_WIDTH or 0xC0 <= code <= 0x24F


def _font_name(textpage: pdfium_c.FPDF_TEXTPAGE, i: int, buf: ctypes.Array[ctypes.c_char]) -> str:
    flags = ctypes.c_int()
    n = pdfium_c.FPDFText_GetFontInfo(textpage, i, buf, len(buf), ctypes.byref(flags))
    if n <= 0:
        return ""
    return buf.value.decode("utf-8", "replace")


class _Transform:
    """Maps pdfium's user space (origin bottom-left, unrotated) to the displayed page (top-left).

    `quarter_turns` also rotates content whose text runs vertically on the page (a landscape table
    drawn on a portrait page), so that every later stage can assume left-to-right lines.
    """

    def __init__(
        self, width: float, height: float, quarter_turns: int, bounds: tuple[float, float, float, float] | None = None
    ) -> None:
        self.w, self.h, self.q = width, height, quarter_turns % 4
        #: the part of user space the page shows (left, bottom, right, top; its crop box), None
        #: when not known (a page turned by its /Rotate: every box then counts as shown)
        self.bounds = bounds

    def outside(self, left: float, bottom: float, right: float, top: float) -> bool:
        """Does a box in user space lie wholly above or below the page? Qt prints a whole
        document as one drawing moved up page by page, so each page also holds the rows just
        off its top and bottom edges, which belong to the pages before and after. (Text running
        off the right edge stays: a table too wide for the page still says what it holds.)"""
        if self.bounds is None:
            return False
        _, bb, _, bt = self.bounds
        return top < bb - 1.0 or bottom > bt + 1.0

    @property
    def size(self) -> tuple[float, float]:
        return (self.h, self.w) if self.q % 2 else (self.w, self.h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        # first to top-left coordinates of the unrotated page
        tx, ty = x, self.h - y
        if self.q == 1:  # text running upwards: turn the page 90° clockwise
            return ty, self.w - tx
        if self.q == 2:
            return self.w - tx, self.h - ty
        if self.q == 3:  # text running downwards
            return self.h - ty, tx
        return tx, ty

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)


#: a clip path this share of the page (or more) is the page's printable area: text outside it is
#: in the margins, unseen; a smaller one is a cell's, whose overflow is still read
PAGE_CLIP_SHARE = 0.25
#: the share of the page's height at its top and at its bottom where text may stand outside the
#: printable area (the margins, and the lines a page break cut)
MARGIN_SHARE = 0.2


def _clip_box(obj: int) -> tuple[float, float, float, float] | None:
    """The box (left, bottom, right, top, user space) a text object is clipped to: the common
    part of its clip paths' boxes; None when it has no clip path."""
    clip = _clip_path(obj)
    if not clip:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    ax, ay = ctypes.addressof(x), ctypes.addressof(y)
    box: tuple[float, float, float, float] | None = None
    for k in range(max(_clip_paths(clip), 0)):
        xs: list[float] = []
        ys: list[float] = []
        for j in range(max(_clip_segments(clip, k), 0)):
            segment = _clip_segment(clip, k, j)
            if segment and _segment_point(segment, ax, ay):
                xs.append(x.value)
                ys.append(y.value)
        if not xs:
            continue
        mine = (min(xs), min(ys), max(xs), max(ys))
        box = mine if box is None else (max(box[0], mine[0]), max(box[1], mine[1]), min(box[2], mine[2]), min(box[3], mine[3]))
    return box


def _shown_box(page: pdfium.PdfPage) -> tuple[float, float, float, float] | None:
    """The page's crop box (its media box when it has none), None when pdfium cannot say or
    the page is turned by its /Rotate (its glyphs' boxes are then in another frame)."""
    try:
        if page.get_rotation() % 360:
            return None
        left, bottom, right, top = page.get_cropbox()
    except Exception:  # noqa: BLE001 - a page without a readable box is shown whole
        return None
    return (float(left), float(bottom), float(right), float(top)) if right > left and top > bottom else None


def _dominant_quarter_turns(textpage: pdfium_c.FPDF_TEXTPAGE, count: int, page_rotation: int) -> int:
    """How many quarter turns bring most of the page's text to reading left-to-right."""
    votes = [0, 0, 0, 0]
    step = max(1, count // 150)  # a sample decides the majority
    address = ctypes.cast(textpage, ctypes.c_void_p).value
    for i in range(0, count, step):
        angle = _char_angle(address, i)
        if angle < 0:
            continue
        votes[round(math.degrees(angle) / 90) % 4] += 1
    # pdfium's char angle is counter-clockwise in user space. Undoing it makes the text read
    # left to right whatever /Rotate says: a landscape table drawn rotated on a portrait page
    # and an upright page shown rotated both come out as plain lines.
    return max(range(4), key=lambda k: votes[k]) if any(votes) else 0


def read_chars(
    page: pdfium.PdfPage,
    page_number: int,
    objects: dict[int, list[Char]] | None = None,
    contested: Mapping[str, frozenset[int]] | None = None,
) -> tuple[list[Char], _Transform]:
    """Every glyph of `page` (1-based `page_number`), spaces included, in stream order; given
    `objects`, each drawn glyph is also listed under the address of the text object it is in.
    `contested` names, per font, code points its map gives glyphs that are not that character
    (`parsers.pdf.fontmap`): such glyphs are suspects too, read with their ink."""
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        count = pdfium_c.FPDFText_CountChars(tp)
        width, height = page.get_size()
        rotation = page.get_rotation() if hasattr(page, "get_rotation") else 0
        turns = _dominant_quarter_turns(tp, count, rotation) if count else 0
        tf = _Transform(width, height, turns, _shown_box(page))
        chars: list[Char] = []
        buf = ctypes.create_string_buffer(256)
        # pdfium writes a glyph's loose box (FS_RECTF: left, top, right, bottom as floats), pen
        # origin (x, y) and ink box (left, right, bottom, top as doubles) into one buffer, read
        # back with one unpack each: a ctypes field read per value costs more than the call
        slab = (ctypes.c_char * 64)()
        matrix = pdfium_c.FS_MATRIX()
        # the whole page's code points in one call (UTF-16, one unit per char index)
        units = (ctypes.c_ushort * (count + 1))()
        written = pdfium_c.FPDFText_GetText(tp, 0, count, units)
        codes = list(units[:count])
        if written != count + 1:
            # the bulk text leaves out a glyph the font maps to nothing (a ToUnicode hole: fpdf2,
            # Ghostscript copies), shifting every later letter onto its neighbour's box: ask per char
            get_unicode = pdfium_c.FPDFText_GetUnicode
            codes = [get_unicode(tp, i) for i in range(count)]
        # font name, size and direction are per text object: read them once per object
        obj_cache: dict[int, tuple[str, float, int, tuple[float, float, float, float] | None]] = {}
        a_matrix = ctypes.addressof(matrix)
        font_names: dict[int, str] = {}
        font_size, char_matrix = _font_size, _char_matrix
        a_rect = ctypes.addressof(slab)
        a_ox, a_oy, a_left, a_right, a_bottom, a_top = (a_rect + off for off in (16, 24, 32, 40, 48, 56))
        loose_and_origin = _LOOSE_AND_ORIGIN.unpack_from
        ink_box = _INK_BOX.unpack_from
        get_code = pdfium_c.FPDFText_GetUnicode
        is_generated, loose_box, char_box, origin, text_object, map_error = (
            _is_generated, _loose_box, _char_box, _char_origin, _text_object, _map_error
        )
        tp_address = ctypes.cast(tp, ctypes.c_void_p).value
        upright = tf.q == 0
        h = tf.h
        suspects = _SUSPECT
        il = ir = ib = it = 0.0
        prev_px = prev_py = prev_x0 = 0.0
        prev_font: str | None = None
        contested_codes = frozenset().union(*contested.values()) if contested else frozenset()
        for i in range(count):
            code = codes[i]
            generated = False
            if code < 0x21 or code >= 0xD800:
                if 0xD800 <= code <= 0xDFFF or code == 0xFFFE:
                    code = get_code(tp, i)  # outside the BMP, or pdfium's hyphen: ask per char
                if code in (0, 0xFFFE, 0xFFFF):
                    continue
                if code < 0x20 and map_error(tp_address, i) == 1:
                    pass  # a control code pdfium gives an unmapped glyph is that glyph's cid
                elif code in (10, 13):
                    continue  # pdfium's line breaks
                elif code == 2:  # pdfium's mark for a hyphen drawn at a line break
                    code = 0x2D
                elif code < 0x20 and code != 9 and code not in contested_codes:
                    continue  # (a contested one is a glyph: read its font below)
                # pdfium generates only spaces and line breaks (the breaks are skipped above):
                # only a space needs asking whether the PDF drew it
                generated = code == 0x20 and is_generated(tp_address, i)
            # a glyph the font's map leaves empty comes back as its raw code (pdfium's fallback);
            # one mapped to U+FFFD, a zero-width or Latin-Extended letter says nothing either;
            # a space with ink is a drawn glyph mapped to a space (the ring of ำ, TH SarabunIT๙)
            suspect = code in suspects or map_error(tp_address, i) == 1
            if (code == 0x20 or code == 0xA0) and not generated:
                char_box(tp_address, i, a_left, a_right, a_bottom, a_top)
                il, ir, ib, it = ink_box(slab, 32)
                # (pdfium gives a real space a box of no height at the baseline; the object's
                # font size may be scaled down by its matrix, as Qt's are: half a point at most)
                ink = min(0.03 * (font_size(tp_address, i) or 1.0), 0.5)
                suspect = ir - il > ink and it - ib > ink
            loose_box(tp_address, i, a_rect)
            origin(tp_address, i, a_ox, a_oy)
            r_left, r_top, r_right, r_bottom, oxv, oyv = loose_and_origin(slab)
            if tf.outside(r_left, r_bottom, r_right, r_top):
                continue  # drawn off the page: nobody sees it
            key = text_object(tp_address, i) or 0
            cached = obj_cache.get(key)
            if cached is None:
                size = font_size(tp_address, i)
                if char_matrix(tp_address, i, a_matrix):
                    size *= math.hypot(matrix.c, matrix.d) or 1.0
                angle = _char_angle(tp_address, i)
                turn = (round(math.degrees(angle) / 90) - tf.q) % 4 if angle >= 0 else 0
                # the name once per font (many text objects share one)
                handle = _object_font(key) if key else None
                name = font_names.get(handle) if handle else None
                if name is None:
                    name = _font_name(tp, i, buf)
                    if handle:
                        font_names[handle] = name
                # (only text in the page's top or bottom fifth can be outside its printable area:
                # the clip is not read for the rest, most of the page's objects)
                middle = (r_bottom + r_top) / 2
                marginal = middle < MARGIN_SHARE * height or middle > (1 - MARGIN_SHARE) * height
                clip = _clip_box(key) if key and marginal else None
                if clip is not None and (clip[2] - clip[0]) * (clip[3] - clip[1]) < PAGE_CLIP_SHARE * width * height:
                    clip = None  # a cell's clip (Calc's): what overflows it is still the cell's text
                cached = (name, size, turn, clip)
                obj_cache[key] = cached
            font, size, turn, clip = cached
            if clip is not None and not clip[1] - 1.0 <= (r_bottom + r_top) / 2 <= clip[3] + 1.0:
                # above or below the page's printable area: Qt draws the line a page break cut on
                # both pages, each showing only its part inside the margins (what runs off the
                # sides is still read, as `_Transform.outside` reads it)
                continue
            if contested and not suspect:
                if code in contested.get(font, ()):
                    suspect = True
                elif code < 0x20 and code != 9:
                    continue
            if size <= 0:
                size = abs(r_top - r_bottom) or 1.0
            # combining marks, and glyphs the font maps to U+FFFD (often a mark's part): ink box for x
            mark = 0x0E31 <= code <= 0x0E4E or 0xF700 <= code <= 0xF71A or code == 0xFFFD
            if mark or suspect:
                # combining mark: its advance is zero, so use the ink box for x
                char_box(tp_address, i, a_left, a_right, a_bottom, a_top)
                il, ir, ib, it = ink_box(slab, 32)
            if upright and not turn:
                if mark:
                    x0, x1 = il, ir
                else:
                    x0, x1 = r_left, r_right
                t, b = h - r_top, h - r_bottom
                px, py = oxv, h - oyv
            else:
                x0, x1, t, b = tf.box(r_left, r_bottom, r_right, r_top)
                if mark:
                    # the ink gives the extent along the glyph's own line direction
                    ix0, ix1, it_, ib_ = tf.box(il, ib, ir, it)
                    if turn % 2:
                        t, b = it_, ib_
                    else:
                        x0, x1 = ix0, ix1
                px, py = tf.point(oxv, oyv)
            ch = Char(chr(code), x0, x1, t, b, py, px, size, font, i, page_number, False, False, turn)
            if mark and upright and not turn and code < 0xF700 and it > ib:
                em = size if size > 1.0 else 1.0
                if code in _BELOW_CODES:
                    ch.misplaced = ib > oyv + MISPLACED_EM * em  # wholly above the line
                else:
                    ch.misplaced = it < oyv + 0.1 * em  # none of it above the line: hanging under it
            if generated:
                ch.generated = True
            if suspect:
                ix0, ix1, it_, ib_ = tf.box(il, ib, ir, it)
                ch.raw = ch.text
                ch.ink = (ix0, it_, ix1, ib_)
                ch.unmapped = True
                if code < 0x20:
                    ch.text = "\ufffd"  # a bare glyph id is no text (recovery reads it from `raw`)
            if generated:
                chars.append(ch)  # pdfium's, at the pen of the glyph before: no glyph of its own
                continue
            if (
                prev_font is not None
                and abs(prev_px - px) < 0.01
                and abs(prev_py - py) < 0.01
                and prev_font == font
                and not (mark and (x0 + x1) / 2 < prev_x0)
            ):
                # (a mark whose ink lies before the glyph sharing its pen is a glyph of its own:
                # Qt draws a mark at the pen after its base, the next letter's origin too)
                ch.same_glyph = True
            prev_px, prev_py, prev_font, prev_x0 = px, py, font, x0
            chars.append(ch)
            if objects is not None:
                objects.setdefault(key, []).append(ch)
        return chars, tf
    finally:
        textpage.close()
