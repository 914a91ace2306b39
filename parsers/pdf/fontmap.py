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
"""

from __future__ import annotations

import functools
import io
import logging
import math
import re
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from fontTools import agl
from fontTools.cffLib import CFFFontSet
from fontTools.pens.basePen import BasePen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from pdfminer.cmapdb import IdentityUnicodeMap
from pdfminer.latin_enc import ENCODING
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber.page import fix_fontname_bytes

from parsers.thai.pua import map_pua

if TYPE_CHECKING:
    import pdfplumber

log = logging.getLogger(__name__)

#: fontname (as in pdfplumber's ``char["fontname"]``) -> cid -> recovered text.
CidMaps = dict[str, dict[int, str]]

CID_TEXT: Final = re.compile(r"\(cid:(\d+)\)")
_SUBSET_TAG: Final = re.compile(r"^[A-Z]{6}\+")

# Outline matching thresholds, as distances in units of the glyph's own size.
# Calibrated on the 8 TLWG TrueType fonts, whose 27 PUA variants per font are
# lowered / shifted (sometimes redrawn) copies of the plain glyphs: 192 of 216
# resolved to the right character, none to a wrong one, also when the right
# plain glyph is withheld (then all stay unknown); exact copies score ~0.
_EXACT: Final = 0.01
_MARK_TOLERANCE: Final = 0.10
_MARK_MARGIN: Final = 1.4  # runner-up (another character) must be this much worse
_LONE_MARK_TOLERANCE: Final = 0.12  # when no other mark is even comparable
_TONE_MARKS: Final = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c")  # ่ ้ ๊ ๋ ์
_ASPECT_SLACK: Final = 0.35  # log ratio of width/height a variant may differ by
_STRUCTURE_SLACK: Final = 2  # segments a variant may gain or lose against its plain mark
_SAMPLES_PER_SEGMENT: Final = 3

_DOC_CACHE: weakref.WeakKeyDictionary[Any, CidMaps] = weakref.WeakKeyDictionary()


# --- public API ---------------------------------------------------------------


def cid_maps(pdf: pdfplumber.PDF) -> CidMaps:
    """Per font name, the characters the embedded fonts reveal for their cids.

    Computed once per document (cached on ``pdf.doc``) and each font program is
    parsed once, however many pages or font dicts use it.  Font names that
    several font dicts share are merged; a cid they disagree on is dropped, as
    a guess would be worse than a visible unknown.
    """
    maps = _DOC_CACHE.get(pdf.doc)
    if maps is None:
        maps = _build_maps(pdf)
        _DOC_CACHE[pdf.doc] = maps
    return maps


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


# --- font programs ------------------------------------------------------------


@dataclass
class _Program:
    """What fontTools could read from one embedded font file."""

    glyph_order: list[str]
    glyph_set: Any  # name -> glyph with .draw(pen)
    units_per_em: float
    cmaps: dict[tuple[int, int], dict[int, str]]  # (platform, encoding) -> code -> glyph name
    advances: dict[str, int]
    ttfont: TTFont | None = None
    builtin_encoding: list[str] | None = None
    cid_keyed: bool = False
    names_meaningful: bool = True
    gid_of: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.gid_of = {name: gid for gid, name in enumerate(self.glyph_order)}


def _load_program(descriptor: Mapping[str, Any]) -> _Program | None:
    """Parse the font file a FontDescriptor embeds; None if absent or unreadable."""
    for key in ("FontFile2", "FontFile3"):
        stream = resolve1(descriptor.get(key))
        if not isinstance(stream, PDFStream):
            continue
        data = stream.get_data()
        subtype = _name(stream.get("Subtype"))
        if key == "FontFile3" and subtype in {"Type1C", "CIDFontType0C"}:
            return _program_from_cff(data)
        return _program_from_sfnt(data)
    return None  # bare Type1 (FontFile): only its encoding's glyph names help


def _program_from_sfnt(data: bytes) -> _Program:
    font = TTFont(io.BytesIO(data))
    order = font.getGlyphOrder()
    cmaps: dict[tuple[int, int], dict[int, str]] = {}
    if "cmap" in font:
        for table in font["cmap"].tables:
            cmaps.setdefault((table.platformID, table.platEncID), {}).update(table.cmap)
    advances = {name: adv for name, (adv, _lsb) in font["hmtx"].metrics.items()} if "hmtx" in font else {}
    cid_keyed = "CFF " in font and hasattr(font["CFF "].cff.topDictIndex[0], "ROS")
    # Without a post table of names (format 3, or none) fontTools invents names
    # from whatever cmap there is, even a Mac Roman one of a subset: noise.
    named = "CFF " in font or ("post" in font and font["post"].formatType in (1.0, 2.0, 2.5))
    return _Program(
        glyph_order=order,
        glyph_set=font.getGlyphSet(),
        units_per_em=float(font["head"].unitsPerEm) if "head" in font else 1000.0,
        cmaps=cmaps,
        advances=advances,
        ttfont=font,
        cid_keyed=cid_keyed,
        names_meaningful=named and not cid_keyed,
    )


def _program_from_cff(data: bytes) -> _Program:
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    top = cff[cff.fontNames[0]]
    matrix = getattr(top, "FontMatrix", None) or [0.001]
    encoding = getattr(top, "Encoding", None)
    return _Program(
        glyph_order=list(top.charset),
        glyph_set=top.CharStrings,
        units_per_em=1.0 / matrix[0] if matrix[0] else 1000.0,
        cmaps={},
        advances={},
        builtin_encoding=list(encoding) if isinstance(encoding, list) else None,
        cid_keyed=hasattr(top, "ROS"),
        names_meaningful=not hasattr(top, "ROS"),
    )


def _program_unicode(program: _Program) -> dict[int, str]:
    """gid -> text from the program's own Unicode cmap, else its glyph name."""
    code_points: dict[int, list[int]] = defaultdict(list)
    for (platform, encoding), table in program.cmaps.items():
        if platform == 0 or (platform == 3 and encoding in (1, 10)):
            for code, name in table.items():
                gid = program.gid_of.get(name)
                if gid:
                    code_points[gid].append(code)
    found: dict[int, str] = {}
    for gid, codes in code_points.items():
        # A glyph reachable by a standard code point and a PUA one is the standard one.
        for code in sorted(codes, key=lambda c: (_is_private(c), c)):
            if (text := _portable(chr(code))) is not None:
                found[gid] = text
                break
    if not program.names_meaningful:
        return found
    for gid, name in enumerate(program.glyph_order):
        if gid and gid not in found and (text := _portable(agl.toUnicode(name))) is not None:
            found[gid] = text
    return found


def _is_private(code: int) -> bool:
    return 0xE000 <= code <= 0xF8FF


def _portable(text: str) -> str | None:
    """``text`` with Thai PUA variants mapped; None if empty or other private use."""
    text = map_pua(text)
    if not text or any(_is_private(ord(ch)) for ch in text):
        return None
    return text


def _gsub_closure(program: _Program, known: Mapping[int, str]) -> dict[int, str]:
    """gid -> text for glyphs GSUB derives from glyphs whose text is known.

    Single and alternate substitutions keep the character; a ligature stands for
    its components.  Iterated so chains (่ -> ่.low -> ่.small) work.  Only
    lookups a feature applies directly count: lookups reached through
    contextual rules also swap or reorder marks (TLWG fonts turn ่ into ุ
    that way), which says nothing about what a glyph means.  An output glyph
    derived two different ways is left unknown.
    """
    edges = list(_gsub_edges(program))
    text = dict(known)
    derived: dict[int, str] = {}
    ambiguous: set[int] = set()
    while True:
        offers: dict[int, set[str]] = defaultdict(set)
        for inputs, output in edges:
            if output not in text and output not in ambiguous and all(gid in text for gid in inputs):
                offers[output].add("".join(text[gid] for gid in inputs))
        if not offers:
            return derived
        for output, texts in offers.items():
            if len(texts) == 1:
                text[output] = derived[output] = texts.pop()
            else:
                ambiguous.add(output)


def _gsub_edges(program: _Program) -> Iterator[tuple[tuple[int, ...], int]]:
    """(input gids, output gid) of the substitutions features apply directly."""
    font = program.ttfont
    if font is None or "GSUB" not in font:
        return
    table = font["GSUB"].table
    if table.LookupList is None or table.FeatureList is None:
        return
    direct = {i for record in table.FeatureList.FeatureRecord for i in record.Feature.LookupListIndex}
    gid = program.gid_of
    for index, lookup in enumerate(table.LookupList.Lookup):
        if index not in direct:
            continue
        for sub in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:
                kind, sub = sub.ExtensionLookupType, sub.ExtSubTable
            if kind == 1:
                for src, dst in sub.mapping.items():
                    yield (gid[src],), gid[dst]
            elif kind == 3:
                for src, alternates in sub.alternates.items():
                    for dst in alternates:
                        yield (gid[src],), gid[dst]
            elif kind == 4:
                for first, ligatures in sub.ligatures.items():
                    for lig in ligatures:
                        yield tuple(gid[g] for g in [first, *lig.Component]), gid[lig.LigGlyph]


# --- PDF fonts: names, encodings, cid -> gid ----------------------------------


@dataclass
class _Font:
    """One PDF font dict, with everything the recovery needs."""

    name: str
    program: _Program | None
    cid_to_gid: dict[int, int]
    pdf_known: dict[int, str]  # what pdfminer decodes already (ToUnicode / encoding)
    encoding_names: dict[int, str]  # simple fonts: code -> glyph name
    pdf_widths: Mapping[Any, Any]
    trusted_anchors: bool = True

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


def _name(obj: Any) -> str | None:
    obj = resolve1(obj)
    if isinstance(obj, PSLiteral):
        return str(obj.name)
    if isinstance(obj, bytes):
        return obj.decode("latin-1")
    return obj if isinstance(obj, str) else None


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
    if subtype == "Type0":
        descendants = resolve1(spec.get("DescendantFonts")) or [{}]
        cid_spec = _dict(descendants[0])
        program = programs.get(cid_spec.get("FontDescriptor"))
        cid_to_gid = _cid_font_gids(cid_spec, program)
    else:
        program = programs.get(spec.get("FontDescriptor"))
        encoding_names = _encoding_names(spec, program)
        cid_to_gid = _simple_font_gids(encoding_names, program, subtype)
    return _Font(
        name=_fontname(pdf_font),
        program=program,
        cid_to_gid=cid_to_gid,
        pdf_known=_pdf_known(pdf_font, set(cid_to_gid) | set(encoding_names)),
        encoding_names=encoding_names,
        pdf_widths=getattr(pdf_font, "widths", {}) or {},
        trusted_anchors=_decoding_is_explicit(spec, pdf_font),
    )


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


def _cid_font_gids(cid_spec: Mapping[str, Any], program: _Program | None) -> dict[int, int]:
    """cid -> gid for a CIDFont: CIDToGIDMap (TrueType) or the CFF charset."""
    if program is None:
        return {}
    count = len(program.glyph_order)
    if program.cid_keyed:
        return {int(name[3:]): gid for gid, name in enumerate(program.glyph_order) if name[3:].isdigit()}
    mapping = resolve1(cid_spec.get("CIDToGIDMap"))
    if isinstance(mapping, PDFStream):
        data = mapping.get_data()
        pairs = (int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2))
        return {cid: gid for cid, gid in enumerate(pairs) if 0 < gid < count}
    return {gid: gid for gid in range(1, count)}  # /Identity, the default


def _simple_font_gids(
    names: Mapping[int, str], program: _Program | None, subtype: str | None
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


def _simple_gid(code: int, name: str | None, program: _Program, subtype: str | None) -> int | None:
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


def _encoding_names(spec: Mapping[str, Any], program: _Program | None) -> dict[int, str]:
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
        self._by_key: dict[object, _Program | None] = {}

    def get(self, descriptor_ref: Any) -> _Program | None:
        key = descriptor_ref.objid if isinstance(descriptor_ref, PDFObjRef) else id(descriptor_ref)
        if key not in self._by_key:
            self._by_key[key] = self._load(descriptor_ref)
        return self._by_key[key]

    @staticmethod
    def _load(descriptor_ref: Any) -> _Program | None:
        try:
            return _load_program(_dict(descriptor_ref))
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


def _build_maps(pdf: pdfplumber.PDF) -> CidMaps:
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
        recovered = {**from_shape.get(id(font), {}), **from_program[id(font)]}
        _merge(maps, conflicts, font.name, recovered)
    return maps


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
        code: text for code, name in font.encoding_names.items() if (text := _portable(agl.toUnicode(name)))
    }
    program = font.program
    if program is None:
        return from_names
    by_gid = _program_unicode(program)
    seeds = dict(by_gid)
    if font.trusted_anchors:
        for cid, text in font.pdf_known.items():
            gid = font.cid_to_gid.get(cid)
            if gid is not None and text:
                seeds.setdefault(gid, text)
    by_gid.update(_gsub_closure(program, seeds))
    return from_names | {cid: by_gid[gid] for cid, gid in font.cid_to_gid.items() if gid in by_gid}


# --- outlines -----------------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    """A glyph outline normalised to 1000 units/em and centred on its bbox."""

    structure: tuple[tuple[str, int], ...]
    points: tuple[tuple[float, float], ...]  # control points, for exact comparison
    samples: tuple[tuple[float, float], ...]  # points along the outline, for tolerant comparison
    contours: int
    width: float
    height: float

    @property
    def size(self) -> float:
        return max(self.width, self.height, 1.0)

    @property
    def aspect(self) -> float:
        return max(self.width, 1.0) / max(self.height, 1.0)

    @functools.cached_property
    def unit_samples(self) -> tuple[tuple[float, float], ...]:
        """The samples scaled so the larger bbox side is 1."""
        k = 1.0 / self.size
        return tuple((x * k, y * k) for x, y in self.samples)

    @property
    def key(self) -> tuple[object, ...]:
        """Identity of the drawing, so the copies of a glyph in several subsets compare once."""
        return (self.structure, tuple((round(x), round(y)) for x, y in self.points))


class _SamplingPen(BasePen):
    """Collects points along each contour (curves flattened by sampling)."""

    def __init__(self, glyph_set: Any) -> None:
        super().__init__(glyph_set)
        self.points: list[tuple[float, float]] = []
        self.contours = 0
        self._last: tuple[float, float] = (0.0, 0.0)

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.contours += 1
        self.points.append(pt)
        self._last = pt

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self._segment(lambda t: _lerp(self._last, pt, t))
        self._last = pt

    def _qCurveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float]) -> None:
        start = self._last
        self._segment(lambda t: _lerp(_lerp(start, pt1, t), _lerp(pt1, pt2, t), t))
        self._last = pt2

    def _curveToOne(
        self, pt1: tuple[float, float], pt2: tuple[float, float], pt3: tuple[float, float]
    ) -> None:
        start = self._last

        def at(t: float) -> tuple[float, float]:
            a, b, c = _lerp(start, pt1, t), _lerp(pt1, pt2, t), _lerp(pt2, pt3, t)
            return _lerp(_lerp(a, b, t), _lerp(b, c, t), t)

        self._segment(at)
        self._last = pt3

    def _segment(self, at: Any) -> None:
        for i in range(1, _SAMPLES_PER_SEGMENT + 1):
            self.points.append(at(i / _SAMPLES_PER_SEGMENT))


def _lerp(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _shape(program: _Program, gid: int) -> _Shape | None:
    """Outline of ``gid``, or None for an empty glyph (subsetters blank unused ones)."""
    name = program.glyph_order[gid]
    recorder = DecomposingRecordingPen(program.glyph_set)
    sampler = _SamplingPen(program.glyph_set)
    try:
        program.glyph_set[name].draw(recorder)
        program.glyph_set[name].draw(sampler)
    except Exception as exc:  # a damaged charstring: treat as no outline
        log.debug("cannot draw glyph %s: %s", name, exc)
        return None
    if not sampler.points:
        return None
    scale = 1000.0 / program.units_per_em
    xs = [x for x, _ in sampler.points]
    ys = [y for _, y in sampler.points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2

    def norm(pts: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
        return tuple(((x - cx) * scale, (y - cy) * scale) for x, y in pts)

    return _Shape(
        structure=tuple((op, len(args)) for op, args in recorder.value),
        # qCurveTo may end in None (an all-off-curve TrueType contour): no point to compare.
        points=norm(pt for _, args in recorder.value for pt in args if pt is not None),
        samples=norm(sampler.points),
        contours=sampler.contours,
        width=(max(xs) - min(xs)) * scale,
        height=(max(ys) - min(ys)) * scale,
    )


def _exact_distance(a: _Shape, b: _Shape) -> float | None:
    """Max control-point deviation for identically built outlines, else None."""
    if a.structure != b.structure:
        return None
    worst = max((math.dist(p, q) for p, q in zip(a.points, b.points, strict=True)), default=0.0)
    return worst / max(a.size, b.size)


def _tolerant_distance(a: _Shape, b: _Shape) -> float | None:
    """Hausdorff distance of the sampled outlines, each centred and scaled to
    unit size, or None if contour count, proportions or size rule the pair out.

    Scaling first makes a resized variant (Word's small raised tone marks, a
    font's "low" marks) land on its plain mark instead of on whichever other
    mark happens to have a similar size.
    """
    if a.contours != b.contours:
        return None
    if abs(math.log(a.aspect / b.aspect)) > _ASPECT_SLACK or not 0.5 <= a.size / b.size <= 2.0:
        return None
    return _hausdorff(a.unit_samples, b.unit_samples)


def _same_drawing(a: _Shape, b: _Shape) -> bool:
    """Built from (almost) the same segments: a displaced or resized copy of one
    drawing differs by a point or two, another mark (ี vs ื) by whole strokes."""
    return _edit_distance(a.structure, b.structure, _STRUCTURE_SLACK) <= _STRUCTURE_SLACK


def _edit_distance(a: tuple[Any, ...], b: tuple[Any, ...], limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, item in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (item != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _hausdorff(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]) -> float:
    def directed(p: tuple[tuple[float, float], ...], q: tuple[tuple[float, float], ...]) -> float:
        return max(min((x - u) ** 2 + (y - v) ** 2 for u, v in q) for x, y in p)

    return math.sqrt(max(directed(a, b), directed(b, a)))


@dataclass
class _Anchor:
    shape: _Shape
    text: str

    @property
    def is_mark(self) -> bool:
        return len(self.text) == 1 and unicodedata.category(self.text) == "Mn"


def _recover_from_shapes(
    fonts: list[_Font], from_program: Mapping[int, dict[int, str]]
) -> dict[int, dict[int, str]]:
    """id(font) -> cid -> text for still-unknown glyphs, matched by outline within each family."""
    candidates: dict[str, list[tuple[_Font, int, _Shape]]] = defaultdict(list)
    for font in fonts:
        if font.program is None:
            continue
        known = from_program[id(font)]
        for cid, gid in font.cid_to_gid.items():
            if cid in font.pdf_known or cid in known:
                continue
            shape = _shape(font.program, gid)
            if shape is not None:
                candidates[font.family].append((font, cid, shape))
    result: dict[int, dict[int, str]] = defaultdict(dict)
    for family, items in candidates.items():
        anchors = _family_anchors([f for f in fonts if f.family == family], from_program)
        verdicts: dict[tuple[object, ...], str | None] = {}
        for font, cid, shape in items:
            memo = (shape.key, font.zero_width(cid))
            if memo not in verdicts:
                verdicts[memo] = _match(shape, anchors, memo[1])
            if (text := verdicts[memo]) is not None:
                result[id(font)][cid] = text
    return result


def _family_anchors(fonts: list[_Font], from_program: Mapping[int, dict[int, str]]) -> list[_Anchor]:
    """Glyphs of a family whose text is known, one anchor per distinct (drawing, text)."""
    anchors: list[_Anchor] = []
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
            shape = _shape(font.program, gid)
            if shape is not None and (shape.key, text) not in drawn:
                drawn.add((shape.key, text))
                anchors.append(_Anchor(shape, text))
    return anchors


def _match(shape: _Shape, anchors: list[_Anchor], zero_width: bool) -> str | None:
    """The text of the anchor ``shape`` unambiguously copies or (for marks) displaces."""
    exact = {a.text for a in anchors if (d := _exact_distance(shape, a.shape)) is not None and d <= _EXACT}
    if len(exact) == 1:
        return exact.pop()
    if exact or not zero_width:
        return None
    return _match_mark(shape, [a for a in anchors if a.is_mark])


def _match_mark(shape: _Shape, marks: list[_Anchor]) -> str | None:
    """The combining mark a zero-width glyph is a displaced variant of, if clear.

    Upper and lower vowels come in nested series (ิ ี ึ ื, ุ ู: one more stroke
    each), close under any tolerant metric, so they need the same drawing.
    Tone marks have distinct shapes and fonts redraw their variants (Word's
    raised ones are smaller), so for them the outline fit alone decides.
    """
    scored = sorted(
        (d, a.text, a.shape) for a in marks if (d := _tolerant_distance(shape, a.shape)) is not None
    )
    if not scored:
        return None
    best_distance, best_text, best_shape = scored[0]
    if best_text not in _TONE_MARKS and not _same_drawing(shape, best_shape):
        return None
    rival = next((d for d, text, _ in scored if text != best_text), None)
    if rival is None:
        # The only mark of that contour count and proportions: a looser fit is
        # still unambiguous.
        return best_text if best_distance <= _LONE_MARK_TOLERANCE else None
    if best_distance <= _MARK_TOLERANCE and rival >= _MARK_MARGIN * best_distance:
        return best_text
    return None


__all__ = ["CID_TEXT", "CidMaps", "cid_maps", "parse_cid", "recover_cid_text"]
