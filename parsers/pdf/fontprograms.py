"""Embedded font programs, as fontTools reads them: glyph order, cmaps, names, GSUB, outlines.

`parsers.pdf.fontmap` asks a PDF font's embedded program what its unmapped glyphs are; this
module only reads the program (TrueType/OpenType or bare CFF) and answers from its own tables:
the Unicode cmap (PUA code points through `parsers.thai.pua`), glyph names by the Adobe Glyph
List rules, and GSUB substitutions from glyphs whose character is known.
"""

from __future__ import annotations

import io
import logging
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from fontTools import agl
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont

from parsers.thai.pua import map_pua

log = logging.getLogger(__name__)
# fontTools warns on stderr about quirks of subset fonts it reads anyway (`too much 'hmtx' table
# data`): nothing a user can act on, and no line of ours
logging.getLogger("fontTools").setLevel(logging.ERROR)

# --- font programs ------------------------------------------------------------


@dataclass
class Program:
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


def program_from_sfnt(data: bytes) -> Program:
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
    return Program(
        glyph_order=order,
        glyph_set=font.getGlyphSet(),
        units_per_em=float(font["head"].unitsPerEm) if "head" in font else 1000.0,
        cmaps=cmaps,
        advances=advances,
        ttfont=font,
        cid_keyed=cid_keyed,
        names_meaningful=named and not cid_keyed,
    )


def program_from_cff(data: bytes) -> Program:
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    top = cff[cff.fontNames[0]]
    matrix = getattr(top, "FontMatrix", None) or [0.001]
    encoding = getattr(top, "Encoding", None)
    return Program(
        glyph_order=list(top.charset),
        glyph_set=top.CharStrings,
        units_per_em=1.0 / matrix[0] if matrix[0] else 1000.0,
        cmaps={},
        advances={},
        builtin_encoding=list(encoding) if isinstance(encoding, list) else None,
        cid_keyed=hasattr(top, "ROS"),
        names_meaningful=not hasattr(top, "ROS"),
    )


def program_unicode(program: Program) -> dict[int, str]:
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
            if (text := portable(chr(code))) is not None:
                found[gid] = text
                break
    if not program.names_meaningful:
        return found
    for gid, name in enumerate(program.glyph_order):
        if gid and gid not in found and (text := portable(agl.toUnicode(name))) is not None:
            found[gid] = text
    return found


def _is_private(code: int) -> bool:
    return 0xE000 <= code <= 0xF8FF


def portable(text: str) -> str | None:
    """``text`` with Thai PUA variants mapped; None if empty or other private use."""
    text = map_pua(text)
    if not text or any(_is_private(ord(ch)) for ch in text):
        return None
    return text


def gsub_closure(program: Program, known: Mapping[int, str]) -> dict[int, str]:
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


def _gsub_edges(program: Program) -> Iterator[tuple[tuple[int, ...], int]]:
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
