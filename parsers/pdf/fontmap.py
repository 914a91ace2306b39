"""Recover Unicode for glyphs that pdfminer can only print as ``(cid:N)``.

pdfminer writes ``(cid:N)`` when neither the font's ToUnicode map nor its
encoding says which character code N is.  In Thai documents exported from Word
this hits exactly the glyphs a shaper substituted: tone marks raised over an
upper vowel or shifted left, tail-less ฐ/ญ ...  Their ToUnicode entry is simply
missing, so ``เชื่อม`` comes out as ``เช(cid:201)ือม``.

The embedded font program still knows the glyph.  This module asks, in
decreasing order of trust:

0. for simple fonts, the glyph names of /Encoding /Differences;
1. the program's Unicode ``cmap`` (PUA code points go through :mod:`parsers.thai.pua`);
2. its glyph names (``post`` table / CFF charset: ``uni0E48.low``,
   ``maiekthai``), decoded with the Adobe Glyph List rules;
3. its ``GSUB`` table: a glyph substituted for a glyph whose character is
   known stands for the same character (ligatures for their components);
4. its outlines, compared with glyphs whose character is known (from the
   above or from the ToUnicode map) in any font of the same family in the
   document: an exact copy is that character; a zero-width glyph that is a
   displaced (possibly resized) copy of a known combining mark is that mark.
   This last rule is what rescues Word's subsets, which keep neither cmap,
   names nor GSUB: in ``budget_fy2565_31.pdf`` every (cid:N) is such a mark.

Tolerant matching is limited to combining marks, and within them upper and
lower vowels must be the same drawing: Thai consonant pairs such as ผ/พ, บ/ป,
ด/ต and the vowel series ิ ี ึ ื differ by one stroke, which a tolerant shape
comparison cannot separate safely; tone marks have distinct shapes.  Anything
not recovered stays unknown and the caller flags it.

A ToUnicode entry that says nothing useful counts as missing: an empty string, a zero-width
space, U+FFFD, a space for a glyph that has ink, or (in a font that maps Thai) a Latin-1 or
Latin-Extended letter. Real exports write these for the ring of ำ (TH SarabunIT๙ from Word maps
it to a space, LibreOffice subsets leave it empty), for Thai digits and for fragments of
Word's cluster-wise maps. Such glyphs are read like unmapped ones, and one more outline rule
applies to them: a small, round, zero-width glyph high above the baseline is the ring ํ
(nikhahit; the line builder composes ำ from it and the า after it). `font_repairs` gives, per
font, what these glyphs are and how to tell them apart on the page (their ink box).
"""

from __future__ import annotations

import logging
import re
import sys
import weakref
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import compress
from typing import TYPE_CHECKING, Any, Final

from fontTools import agl
from pdfminer.cmapdb import IdentityUnicodeMap
from pdfminer.latin_enc import ENCODING
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber.page import fix_fontname_bytes

from parsers.pdf.fontprograms import (
    Program,
    gsub_closure,
    portable,
    program_from_cff,
    program_from_sfnt,
    program_unicode,
)
from parsers.pdf.outlines import Anchor, Shape, installed_anchors, is_ring, match_shape, shape_of
from parsers.thai.chars import FOREIGN_RE
from parsers.thai.pua import map_pua

if TYPE_CHECKING:
    import pdfplumber

log = logging.getLogger(__name__)
# subsets written by LibreOffice carry a zero creation date, which fontTools warns about on stderr
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

#: fontname (as in pdfplumber's ``char["fontname"]``) -> cid -> recovered text.
CidMaps = dict[str, dict[int, str]]

CID_TEXT: Final = re.compile(r"\(cid:(\d+)\)")
_SUBSET_TAG: Final = re.compile(r"^[A-Z]{6}\+")

#: characters a ToUnicode entry may consist of and still say nothing about the glyph
_ZERO_WIDTH: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@dataclass
class FontRepair:
    """What one font's embedded program says about its glyphs with a useless ToUnicode entry.

    `useless` maps the entry's text as a reader gives it (``" "``, ``"\u200b"``, ``"ĺ"``; for
    an empty or missing entry, the raw code as a character, which is what pdfium reports) to the
    codes carrying it; several codes may share one (the ring and the real space both mapped to a
    space), so `ink` (the glyph's box in em, origin at the pen) lets the caller pick the code
    whose drawing matches the ink on the page. `text` is what the glyph is (absent: unknown);
    `zero_width` the codes with no advance (marks, or fragments over-printed on a letter);
    `contradicted` the entries (among `useless`) that the installed copy of the font showed to
    be another character's, which a reader takes at their word unless told; `guessed` that the
    whole decoding is a reader's guess, every code being recovered from the font itself.
    """

    name: str
    useless: dict[str, list[int]] = field(default_factory=dict)
    contradicted: set[str] = field(default_factory=set)
    #: the PDF says nothing of the font's characters (no ToUnicode, no /Encoding: what a reader
    #: shows is its own guess) and its program or installed copy said what its codes are
    guessed: bool = False
    text: dict[int, str] = field(default_factory=dict)
    ink: dict[int, tuple[float, float, float, float] | None] = field(default_factory=dict)
    zero_width: set[int] = field(default_factory=set)


_DOC_CACHE: weakref.WeakKeyDictionary[Any, tuple[CidMaps, dict[str, FontRepair]]] = weakref.WeakKeyDictionary()


# --- public API ---------------------------------------------------------------


def cid_maps(pdf: pdfplumber.PDF) -> CidMaps:
    """Per font name, the characters the embedded fonts reveal for their cids.

    Computed once per document (cached on ``pdf.doc``) and each font program is
    parsed once, however many pages or font dicts use it.  Font names that
    several font dicts share are merged; a cid they disagree on is dropped, as
    a guess would be worse than a visible unknown.
    """
    return _document(pdf)[0]


def font_repairs(pdf: pdfplumber.PDF) -> dict[str, FontRepair]:
    """Per font name, the glyphs whose ToUnicode entry is useless: what they are and their ink.

    Computed with (and cached like) `cid_maps`."""
    return _document(pdf)[1]


def _document(pdf: pdfplumber.PDF) -> tuple[CidMaps, dict[str, FontRepair]]:
    cached = _DOC_CACHE.get(pdf.doc)
    if cached is None:
        cached = _build_maps(pdf)
        _DOC_CACHE[pdf.doc] = cached
    return cached


def parse_cid(text: str) -> int | None:
    """The N of a pdfminer ``(cid:N)`` placeholder, or None for real text."""
    match = CID_TEXT.fullmatch(text)
    return int(match.group(1)) if match else None


def recover_cid_text(text: str, fontname: str, maps: Mapping[str, Mapping[int, str]]) -> str | None:
    """The recovered string for a char whose text is ``(cid:N)``, else None.

    None means "still unknown" (or ``text`` was not a placeholder), so the
    caller keeps the char flagged instead of inventing a character.
    """
    cid = parse_cid(text)
    if cid is None:
        return None
    return maps.get(fontname, {}).get(cid)


# --- PDF fonts: names, encodings, cid -> gid ----------------------------------


@dataclass
class _Font:
    """One PDF font dict, with everything the recovery needs."""

    name: str
    program: Program | None
    cid_to_gid: dict[int, int]
    pdf_known: dict[int, str]  # what pdfminer decodes already (ToUnicode / encoding)
    encoding_names: dict[int, str]  # simple fonts: code -> glyph name
    pdf_widths: Mapping[Any, Any]
    trusted_anchors: bool = True
    #: other names the font goes by where pdfium reads it: a Type0 font's descendant is named
    #: on its own, and pdfium names glyphs by it (MuPDF: `Noto Serif Thai Regular` over
    #: `NotoSerifThai-Regular`)
    aliases: tuple[str, ...] = ()
    #: codes whose ToUnicode entry says nothing (see `_useless`), with what it says
    useless: dict[int, str] = field(default_factory=dict)
    #: codes whose entry the installed copy of the font contradicts, and the codes sharing such
    #: an entry: what their outlines are (see `_split_contradicted`)
    verified: dict[int, str] = field(default_factory=dict)
    #: the entries found contradicted
    contradicted: set[str] = field(default_factory=set)

    @property
    def family(self) -> str:
        return _SUBSET_TAG.sub("", self.name)

    def zero_width(self, cid: int) -> bool:
        """Combining marks have no advance; the PDF widths or the font's hmtx say so."""
        width = self.pdf_widths.get(cid)
        if isinstance(width, int | float) and width == 0:
            return True
        gid = self.cid_to_gid.get(cid)
        if self.program is None or gid is None:
            return False
        return self.program.advances.get(self.program.glyph_order[gid]) == 0

    def nearly_zero_width(self, cid: int) -> bool:
        """No advance to speak of (Word's subsets give mark fragments an advance of 1 unit)."""
        if self.zero_width(cid):
            return True
        width = self.pdf_widths.get(cid)
        if isinstance(width, int | float):
            return 0 <= width <= 20
        gid = self.cid_to_gid.get(cid)
        if self.program is None or gid is None:
            return False
        advance = self.program.advances.get(self.program.glyph_order[gid])
        return advance is not None and 0 <= advance <= 0.02 * self.program.units_per_em


def _name(obj: Any) -> str | None:
    obj = resolve1(obj)
    if isinstance(obj, PSLiteral):
        return str(obj.name)
    if isinstance(obj, bytes):
        return obj.decode("latin-1")
    return obj if isinstance(obj, str) else None


def load_program(descriptor: Mapping[str, Any]) -> Program | None:
    """Parse the font file a FontDescriptor embeds; None if absent or unreadable."""
    for key in ("FontFile2", "FontFile3"):
        stream = resolve1(descriptor.get(key))
        if not isinstance(stream, PDFStream):
            continue
        data = stream.get_data()
        subtype = _name(stream.get("Subtype"))
        if key == "FontFile3" and subtype in {"Type1C", "CIDFontType0C"}:
            return program_from_cff(data)
        return program_from_sfnt(data)
    return None  # bare Type1 (FontFile): only its encoding's glyph names help


def _dict(obj: Any) -> dict[str, Any]:
    obj = resolve1(obj)
    if isinstance(obj, PDFStream):
        return dict(obj.attrs)
    return obj if isinstance(obj, dict) else {}


def _fontname(font: PDFFont) -> str:
    """The name pdfplumber puts in ``char['fontname']`` for chars of ``font``."""
    name = font.fontname
    if isinstance(name, bytes):
        return fix_fontname_bytes(name)
    return str(name)


def _describe(
    rsrcmgr: PDFResourceManager, objid: int | None, spec: dict[str, Any], programs: _ProgramCache
) -> _Font:
    pdf_font = rsrcmgr.get_font(objid, spec)
    subtype = _name(spec.get("Subtype"))
    encoding_names: dict[int, str] = {}
    aliases: tuple[str, ...] = ()
    if subtype == "Type0":
        descendants = resolve1(spec.get("DescendantFonts")) or [{}]
        cid_spec = _dict(descendants[0])
        program = programs.get(cid_spec.get("FontDescriptor"))
        cid_to_gid = _cid_font_gids(cid_spec, program)
        aliases = tuple(a for a in (_name(cid_spec.get("BaseFont")),) if a)
    else:
        program = programs.get(spec.get("FontDescriptor"))
        encoding_names = _encoding_names(spec, program)
        cid_to_gid = _simple_font_gids(encoding_names, program, subtype)
    font = _Font(
        name=_fontname(pdf_font),
        program=program,
        cid_to_gid=cid_to_gid,
        pdf_known=_pdf_known(pdf_font, set(cid_to_gid) | set(encoding_names)),
        encoding_names=encoding_names,
        pdf_widths=getattr(pdf_font, "widths", {}) or {},
        trusted_anchors=_decoding_is_explicit(spec, pdf_font),
    )
    font.aliases = tuple(a for a in aliases if a != font.name)
    _split_useless(font, pdf_font)
    _split_contradicted(font)
    return font


#: what pdfium shows a glyph with no entry at code 0x2D as
HYPHEN: Final = "-"


def _split_useless(font: _Font, pdf_font: PDFFont) -> None:
    """Move the entries that say nothing about their glyph out of `pdf_known` into `useless`,
    keyed as a reader reports the glyph: an empty entry as its raw code (pdfium's fallback)."""
    thai = _draws_thai(font.pdf_known.values())
    for cid, text in list(font.pdf_known.items()):
        if _useless(text, thai, lambda cid=cid: _has_ink(font, cid)):
            del font.pdf_known[cid]
            font.useless[cid] = text if text else chr(cid)
    dash = ord(HYPHEN)
    if thai and dash not in font.pdf_known and dash in font.cid_to_gid and _has_ink(font, dash):
        font.useless.setdefault(dash, HYPHEN)  # no entry: pdfium shows the raw code
    if thai and HYPHEN in font.useless.values():
        # pdfium turns a `-` it shows into its own hyphen mark, and the mark loses the flag that
        # said the glyph had no entry (Qt leaves ็'s narrow variant at code 0x2D unmapped): the
        # real hyphens become candidates too, told apart by their ink
        for cid, text in list(font.pdf_known.items()):
            if text == HYPHEN:
                del font.pdf_known[cid]
                font.useless[cid] = font.verified[cid] = text
        font.contradicted.add(HYPHEN)


def _useless(text: str, thai_font: bool, has_ink: Any) -> bool:
    """Does a ToUnicode entry say nothing about its glyph? (`has_ink()` is asked only for a
    whitespace entry: a real space has no outline, the ring of ำ mapped to a space has.)"""
    if not text or all(ch in _ZERO_WIDTH for ch in text) or "\ufffd" in text:
        return True
    if text.isspace():
        return bool(has_ink())
    if thai_font and len(text) == 1 and 0xC0 <= ord(text) <= 0x24F and text.isalpha():
        return True
    return thai_font and FOREIGN_RE.search(text) is not None


def _split_contradicted(font: _Font) -> None:
    """Move the entries the installed copy of the font contradicts into `useless`.

    A file whose reader relied on ActualText spans may carry per-glyph ToUnicode entries that are
    wrong one by one: LibreOffice gives the ring of ำ the whole vowel and the า after it nothing,
    and a cluster's marks one another's entries (the ู of ผู้ mapped to ่). Ghostscript's pdfwrite
    (a "Print to PDF" or Distiller pass) drops the spans and keeps the entries, so every ำ, ผู้
    and ว่า reads wrong. Where the font is installed, a glyph whose outline is an exact copy of an
    installed glyph is that glyph's character; an entry saying otherwise is contradicted. Every
    code showing a contradicted entry's text (the right ones too) then becomes a candidate the
    caller picks among by the ink on the page, each with what its outline is.
    """
    if font.program is None or not _draws_thai(font.pdf_known.values()):
        return
    anchors = installed_anchors(font.family)
    if not anchors:
        return
    outline: dict[int, str] = {}
    shown: set[str] = set()
    for cid, text in font.pdf_known.items():
        gid = font.cid_to_gid.get(cid)
        if gid is None or len(text) != 1 or (shape := shape_of(font.program, gid)) is None:
            continue
        found = match_shape(shape, anchors, zero_width=False)  # exact copies only
        if found is None:
            continue
        outline[cid] = found
        if found != map_pua(text):
            shown.add(text)
    font.contradicted |= shown
    for cid, text in list(font.pdf_known.items()):
        if text in shown:
            del font.pdf_known[cid]
            font.useless[cid] = text
            font.verified[cid] = outline.get(cid, text)


def _draws_thai(texts: Iterable[str]) -> bool:
    return any(any("\u0e01" <= ch <= "\u0e5b" for ch in text) for text in texts)


def _has_ink(font: _Font, cid: int) -> bool:
    gid = font.cid_to_gid.get(cid)
    return font.program is not None and gid is not None and shape_of(font.program, gid) is not None


def _decoding_is_explicit(spec: Mapping[str, Any], pdf_font: PDFFont) -> bool:
    """May what pdfminer decodes serve as ground truth for outline matching?

    Only if the PDF says it (a ToUnicode stream, an /Encoding) or the font's
    own cmap does; pdfminer's fallback of StandardEncoding for a subset with
    neither is a guess, and so is its /Identity ToUnicode (cid = code point).
    """
    unicode_map = getattr(pdf_font, "unicode_map", None)
    if isinstance(unicode_map, IdentityUnicodeMap):
        return False
    return unicode_map is not None or "Encoding" in spec


def _pdf_known(pdf_font: PDFFont, cids: Iterable[int]) -> dict[int, str]:
    """cid -> text exactly as pdfminer would print it; (cid:N) cases are left out."""
    known: dict[int, str] = {}
    for cid in cids:
        try:
            known[cid] = pdf_font.to_unichr(cid)
        except (PDFUnicodeNotDefined, KeyError, ValueError, OverflowError):
            continue
    return known


def _cid_font_gids(cid_spec: Mapping[str, Any], program: Program | None) -> dict[int, int]:
    """cid -> gid for a CIDFont: CIDToGIDMap (TrueType) or the CFF charset."""
    if program is None:
        return {}
    count = len(program.glyph_order)
    if program.cid_keyed:
        return {int(name[3:]): gid for gid, name in enumerate(program.glyph_order) if name[3:].isdigit()}
    mapping = resolve1(cid_spec.get("CIDToGIDMap"))
    if isinstance(mapping, PDFStream):
        data = mapping.get_data()
        gids = array("H", data[: len(data) // 2 * 2])  # big-endian pairs (a full map: 65,536)
        if sys.byteorder == "little":
            gids.byteswap()
        # (the map of a subset is mostly zeros: look only at the cids that have a glyph)
        return {cid: gids[cid] for cid in compress(range(len(gids)), gids) if gids[cid] < count}
    return {gid: gid for gid in range(1, count)}  # /Identity, the default


def _simple_font_gids(
    names: Mapping[int, str], program: Program | None, subtype: str | None
) -> dict[int, int]:
    """code -> gid for a simple font, roughly in the PDF spec's lookup order."""
    if program is None:
        return {}
    result: dict[int, int] = {}
    for code in range(256):
        gid = _simple_gid(code, names.get(code), program, subtype)
        if gid:
            result[code] = gid
    return result


def _simple_gid(code: int, name: str | None, program: Program, subtype: str | None) -> int | None:
    if name is not None and name in program.gid_of:
        return program.gid_of[name]
    if subtype != "TrueType":
        return None
    symbol = program.cmaps.get((3, 0), {})
    for base in (0xF000, 0xF100, 0xF200, 0x0000):
        if code + base in symbol:
            return program.gid_of.get(symbol[code + base])
    if name is not None:
        text = agl.toUnicode(name)
        unicode_cmap = program.cmaps.get((3, 1), {})
        if len(text) == 1 and ord(text) in unicode_cmap:
            return program.gid_of.get(unicode_cmap[ord(text)])
    mac = program.cmaps.get((1, 0), {})
    return program.gid_of.get(mac[code]) if code in mac else None


_BASE_COLUMNS: Final = {
    "StandardEncoding": 1,
    "MacRomanEncoding": 2,
    "WinAnsiEncoding": 3,
    "PDFDocEncoding": 4,
}


def _encoding_names(spec: Mapping[str, Any], program: Program | None) -> dict[int, str]:
    """code -> glyph name from /Encoding (base + /Differences) or the font's own."""
    encoding = resolve1(spec.get("Encoding"))
    base_name = _name(encoding) if not isinstance(encoding, dict) else _name(encoding.get("BaseEncoding"))
    names: dict[int, str] = {}
    if base_name in _BASE_COLUMNS:
        column = _BASE_COLUMNS[base_name]
        for row in ENCODING:
            code = row[column]
            if isinstance(code, int):
                names[code] = row[0]
    elif program is not None and program.builtin_encoding:
        names = {code: name for code, name in enumerate(program.builtin_encoding) if name != ".notdef"}
    if isinstance(encoding, dict):
        names.update(_differences(encoding.get("Differences")))
    return names


def _differences(obj: Any) -> dict[int, str]:
    code = 0
    names: dict[int, str] = {}
    for item in resolve1(obj) or []:
        item = resolve1(item)
        if isinstance(item, int):
            code = item
        elif (name := _name(item)) is not None:
            names[code] = name
            code += 1
    return names


class _ProgramCache:
    """Font programs by FontDescriptor, so a program shared by many dicts parses once."""

    def __init__(self) -> None:
        self._by_key: dict[object, Program | None] = {}

    def get(self, descriptor_ref: Any) -> Program | None:
        key = descriptor_ref.objid if isinstance(descriptor_ref, PDFObjRef) else id(descriptor_ref)
        if key not in self._by_key:
            self._by_key[key] = self._load(descriptor_ref)
        return self._by_key[key]

    @staticmethod
    def _load(descriptor_ref: Any) -> Program | None:
        try:
            return load_program(_dict(descriptor_ref))
        except Exception as exc:  # broken or exotic font file: nothing to learn from it
            log.debug("cannot read embedded font: %s", exc)
            return None


# --- walking the document -----------------------------------------------------


def _iter_font_specs(pdf: pdfplumber.PDF) -> Iterator[tuple[int | None, dict[str, Any]]]:
    """Every font dict pdfplumber can draw chars with: page and form XObject resources."""
    seen: set[object] = set()
    stack: list[Any] = [page.page_obj.resources for page in pdf.pages]
    while stack:
        resources = _dict(stack.pop())
        for ref in _dict(resources.get("Font")).values():
            key: object = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
            if key in seen:
                continue
            seen.add(key)
            spec = _dict(ref)
            if spec:
                yield (ref.objid if isinstance(ref, PDFObjRef) else None), spec
                if _name(spec.get("Subtype")) == "Type3" and "Resources" in spec:
                    stack.append(spec["Resources"])
        for ref in _dict(resources.get("XObject")).values():
            key = ("x", ref.objid) if isinstance(ref, PDFObjRef) else id(ref)
            if key in seen:
                continue
            seen.add(key)
            xobject = resolve1(ref)
            if isinstance(xobject, PDFStream) and _name(xobject.get("Subtype")) == "Form":
                stack.append(xobject.get("Resources"))


def _build_maps(pdf: pdfplumber.PDF) -> tuple[CidMaps, dict[str, FontRepair]]:
    rsrcmgr = getattr(pdf, "rsrcmgr", None) or PDFResourceManager()
    programs = _ProgramCache()
    fonts: list[_Font] = []
    for objid, spec in _iter_font_specs(pdf):
        try:
            fonts.append(_describe(rsrcmgr, objid, spec, programs))
        except Exception as exc:  # one unreadable font must not cost the others
            log.debug("skipping font %s: %s", objid, exc)
    from_program = {id(font): _safely(_recover_from_program, font) for font in fonts}
    try:
        from_shape = _recover_from_shapes(fonts, from_program)
    except Exception as exc:  # outlines are the last resort; never fail the document on them
        log.debug("outline matching failed: %s", exc)
        from_shape = {}
    maps: CidMaps = {}
    conflicts: dict[str, set[int]] = defaultdict(set)
    for font in fonts:
        recovered = {**from_shape.get(id(font), {}), **from_program[id(font)], **font.verified}
        for name in (font.name, *font.aliases):
            _merge(maps, conflicts, name, recovered)
    repairs: dict[str, FontRepair] = {}
    for font in fonts:
        guessed = not font.trusted_anchors and bool(maps.get(font.name))
        if font.useless or guessed:
            for name in (font.name, *font.aliases):
                repair = repairs.setdefault(name, FontRepair(name))
                _add_repair(repair, font, maps.get(name, {}))
                repair.guessed |= guessed
    return maps, repairs


def _add_repair(repair: FontRepair, font: _Font, recovered: Mapping[int, str]) -> None:
    """Record `font`'s useless entries: the codes under each, their ink, what they are."""
    repair.contradicted |= font.contradicted
    for cid, shown in font.useless.items():
        codes = repair.useless.setdefault(shown, [])
        if cid not in codes:
            codes.append(cid)
        if cid in recovered:
            repair.text[cid] = recovered[cid]
        repair.ink[cid] = _ink_box(font, cid)
        if font.nearly_zero_width(cid):
            repair.zero_width.add(cid)


def _ink_box(font: _Font, cid: int) -> tuple[float, float, float, float] | None:
    """The glyph's outline box in em (x from the pen origin, y up from the baseline)."""
    gid = font.cid_to_gid.get(cid)
    if font.program is None or gid is None:
        return None
    from fontTools.pens.boundsPen import BoundsPen

    pen = BoundsPen(font.program.glyph_set)
    try:
        font.program.glyph_set[font.program.glyph_order[gid]].draw(pen)
    except Exception:  # a damaged charstring: no ink to compare
        return None
    if pen.bounds is None:
        return None
    em = font.program.units_per_em
    x0, y0, x1, y1 = pen.bounds
    return (x0 / em, y0 / em, x1 / em, y1 / em)


def _safely(recover: Any, font: _Font) -> dict[int, str]:
    """Run one font's recovery; a font that breaks fontTools just recovers nothing."""
    try:
        result: dict[int, str] = recover(font)
    except Exception as exc:
        log.debug("cannot recover cids of %s: %s", font.name, exc)
        return {}
    return result


def _merge(maps: CidMaps, conflicts: dict[str, set[int]], name: str, recovered: Mapping[int, str]) -> None:
    target = maps.setdefault(name, {})
    for cid, text in recovered.items():
        if cid in conflicts[name]:
            continue
        if target.get(cid, text) != text:
            del target[cid]
            conflicts[name].add(cid)
        else:
            target[cid] = text


def _recover_from_program(font: _Font) -> dict[int, str]:
    """cid -> text from the encoding's glyph names, then the font program's
    cmap, glyph names and GSUB (the program wins: it is what gets drawn)."""
    from_names = {
        code: text for code, name in font.encoding_names.items() if (text := portable(agl.toUnicode(name)))
    }
    program = font.program
    if program is None:
        return from_names
    by_gid = program_unicode(program)
    seeds = dict(by_gid)
    if font.trusted_anchors:
        for cid, text in font.pdf_known.items():
            gid = font.cid_to_gid.get(cid)
            if gid is not None and text:
                seeds.setdefault(gid, text)
    by_gid.update(gsub_closure(program, seeds))
    return from_names | {cid: by_gid[gid] for cid, gid in font.cid_to_gid.items() if gid in by_gid}


def _recover_from_shapes(
    fonts: list[_Font], from_program: Mapping[int, dict[int, str]]
) -> dict[int, dict[int, str]]:
    """id(font) -> cid -> text for still-unknown glyphs, matched by outline within each family."""
    candidates: dict[str, list[tuple[_Font, int, Shape]]] = defaultdict(list)
    for font in fonts:
        if font.program is None:
            continue
        known = from_program[id(font)]
        for cid, gid in font.cid_to_gid.items():
            # (what pdfminer decodes without a map or an /Encoding is a guess: read those too)
            if (cid in font.pdf_known and font.trusted_anchors) or cid in known:
                continue
            shape = shape_of(font.program, gid)
            if shape is not None:
                candidates[font.family].append((font, cid, shape))
    result: dict[int, dict[int, str]] = defaultdict(dict)
    # the installed copy is asked for glyphs a Thai font leaves unmapped, and for a font whose
    # decoding is only a guess (a re-distilled copy that lost its ToUnicode maps)
    ask = {id(f) for f in fonts if not f.trusted_anchors or not f.pdf_known or _draws_thai(f.pdf_known.values())}
    for family, items in candidates.items():
        anchors = _family_anchors([f for f in fonts if f.family == family], from_program)
        verdicts: dict[tuple[object, ...], str | None] = {}
        for font, cid, shape in items:
            memo = (shape.key, font.zero_width(cid) or (cid in font.useless and font.nearly_zero_width(cid)))
            if memo not in verdicts:
                verdicts[memo] = match_shape(shape, anchors, memo[1])
            text = verdicts[memo]
            if text is None and (cid in font.useless or id(font) in ask):
                # a glyph the PDF maps to nothing (useful), in a subset without cmap or names:
                # the installed copy of the same font has the same outline under its character
                text = match_shape(shape, installed_anchors(font.family), memo[1])
                if text is None and memo[1] and (cid in font.useless or cid not in font.pdf_known) and is_ring(shape):
                    text = "\u0e4d"  # no copy anywhere (and no map), but the shape is the ring of ำ
            if text is not None:
                result[id(font)][cid] = text
    return result


def _family_anchors(fonts: list[_Font], from_program: Mapping[int, dict[int, str]]) -> list[Anchor]:
    """Glyphs of a family whose text is known, one anchor per distinct (drawing, text)."""
    anchors: list[Anchor] = []
    seen: set[tuple[int, int, str]] = set()
    drawn: set[tuple[object, ...]] = set()
    for font in fonts:
        if font.program is None:
            continue
        known = dict(font.pdf_known) if font.trusted_anchors else {}
        known.update(from_program[id(font)])
        for cid, text in known.items():
            gid = font.cid_to_gid.get(cid)
            key = (id(font.program), gid or 0, text)
            if gid is None or not text or not text.strip() or key in seen:
                continue
            seen.add(key)
            shape = shape_of(font.program, gid)
            if shape is not None and (shape.key, text) not in drawn:
                drawn.add((shape.key, text))
                anchors.append(Anchor(shape, text))
    return anchors


__all__ = ["CID_TEXT", "CidMaps", "FontRepair", "cid_maps", "font_repairs", "parse_cid", "recover_cid_text"]
