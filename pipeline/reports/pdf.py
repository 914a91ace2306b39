"""PDF reports: the HTML report through WeasyPrint, with a Thai font whose text copies out right.

WeasyPrint maps each glyph to the text of the *first* cluster it was drawn in. Thai shaping
breaks that: HarfBuzz decomposes sara am (ำ) into nikhahit + sara aa, and Thai fonts swap and
substitute marks, so a plain render extracts as ``พัฒนำ`` for พัฒนา or ``ขุอ`` for ข้อ. Two
repairs, both on a copy of the Thai font made per render (fontTools; never committed):

1. The copy's GSUB keeps one lookup only, under the DFLT script: sara aa after a nikhahit
   (tone marks may stand between) becomes a copy of the sara aa glyph. With no ``thai`` script
   in GSUB, HarfBuzz shapes Thai with its built-in fallback: marks move to the font's own shifted
   glyphs and are never reordered, so glyph order stays text order.
2. A finisher rewrites each ToUnicode map of that font glyph by glyph: a glyph's character from
   the cmap (or from its ``uniXXXX.variant`` name for shifted marks), the sara-am copy as ``ำ``
   and the nikhahit as nothing, so ``น้ำ`` extracts as น้ำ and never as split or private-use text.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import ThaiKPIError

FONT_FAMILY = "ThaiKPI Sarabun"
"""The family name the derived fonts are given; it names them in the PDF too."""

FONT_ENV = "THAIKPI_REPORT_FONT"
"""A Thai TTF to use instead of the installed ones (its bold may sit beside it as ``*-Bold.ttf``)."""

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)

# TH Sarabun New designs, best first: Laksaman is TLWG's release of TH Sarabun New (Debian package
# fonts-tlwg-laksaman-ttf); Sarabun is Google's remake. Each entry: regular file, bold file.
FONT_CANDIDATES = (
    ("Laksaman.ttf", "Laksaman-Bold.ttf"),
    ("THSarabunNew.ttf", "THSarabunNew Bold.ttf"),
    ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf"),
)

NIKHAHIT, SARA_AA, SARA_AM = 0x0E4D, 0x0E32, 0x0E33
SARA_AM_PART = "uni0E32.thaikpi_am"
"""The copy of sara aa that stands for the second half of a decomposed sara am."""
TONE_MARKS = (0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C)
# The legacy private-use glyphs HarfBuzz's Thai fallback substitutes for shifted marks
# (tone marks low/left, nikhahit left/high), which may stand between nikhahit and sara aa.
PUA_TONES = tuple(range(0xF705, 0xF70F)) + tuple(range(0xF713, 0xF718))
PUA_NIKHAHIT = (0xF711, 0xF71E)

WORD_RUN_CSS = ".w { margin-right: 0.05pt; }"
"""Each Thai word of a report is a span (:mod:`pipeline.reports.breaks`), so a text run of its own
in the PDF, placed where WeasyPrint's layout ends the previous one; that can be a few
ten-thousandths of a point left of where the glyph widths in the PDF end it. After a word ending
in an upper vowel or tone mark (zero width), the next run then starts left of the mark, and
pdftotext takes the mark for a duplicate glyph and sorts it into the next word (``คูค ่ำรับรอง``,
``ปฏิบัตริ าชการ``). A twentieth of a point after each word (0.02 mm, not visible) keeps every run
to the right of the marks before it."""

_GLYPH_NAME = re.compile(r"uni([0-9A-F]{4})(?:\.|$)")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>")


class ReportError(ThaiKPIError):
    """A report cannot be written (no Thai font for PDF, an unwritable output …)."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    weight: int  # CSS font-weight


@dataclass(frozen=True)
class DerivedFont:
    path: Path
    weight: int
    postscript: str
    to_unicode: dict[int, str]


# ------------------------------------------------------------------------------------ finding


def _walk_fonts(dirs: Iterable[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for directory in dirs:
        if not directory.is_dir():
            continue
        for root, _, files in sorted(os.walk(directory)):
            for name in sorted(files):
                found.setdefault(name.lower(), Path(root) / name)
    return found


@lru_cache(maxsize=1)
def find_thai_fonts() -> tuple[FontFile, ...]:
    """The regular (and, when there is one, bold) Thai font files reports are set in."""
    override = os.environ.get(FONT_ENV)
    if override:
        path = Path(override)
        if not path.is_file():
            raise ReportError("report.font_env", env=FONT_ENV, path=override)
        bold = path.with_name(path.stem + "-Bold" + path.suffix)
        return (FontFile(path, 400),) + ((FontFile(bold, 700),) if bold.is_file() else ())
    files = _walk_fonts(FONT_DIRS)
    for regular_name, bold_name in FONT_CANDIDATES:
        if regular_name.lower() in files:
            fonts = [FontFile(files[regular_name.lower()], 400)]
            if bold_name.lower() in files:
                fonts.append(FontFile(files[bold_name.lower()], 700))
            return tuple(fonts)
    raise ReportError("report.no_font", env=FONT_ENV)


# ----------------------------------------------------------------------------------- deriving


def derive_font(source: Path, target: Path, weight: int) -> DerivedFont:
    """Write the report copy of a Thai font (see the module docstring) and its glyph → text map."""
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables import otTables as ot

    font = TTFont(str(source), recalcTimestamp=False)  # the same bytes every time
    cmap = font.getBestCmap()
    if SARA_AA not in cmap or NIKHAHIT not in cmap:
        raise ReportError("report.font_no_thai", font=source.name)
    aa = cmap[SARA_AA]
    order = list(font.getGlyphOrder())
    if "glyf" not in font:
        raise ReportError("report.font_not_ttf", font=source.name)
    order.append(SARA_AM_PART)
    font.setGlyphOrder(order)
    glyf = font["glyf"]
    glyf.glyphs[SARA_AM_PART] = glyf[aa]
    glyf.glyphOrder = order
    font["hmtx"].metrics[SARA_AM_PART] = font["hmtx"].metrics[aa]
    font["maxp"].numGlyphs = len(order)

    def coverage(codepoints: Iterable[int]) -> Any:
        table = ot.Coverage()
        table.glyphs = sorted({cmap[c] for c in codepoints if c in cmap}, key=font.getGlyphID)
        return table

    single = ot.Lookup()
    single.LookupType, single.LookupFlag = 1, 0
    substitution = ot.SingleSubst()
    substitution.mapping = {aa: SARA_AM_PART}
    single.SubTable, single.SubTableCount = [substitution], 1
    chain = ot.Lookup()
    chain.LookupType, chain.LookupFlag = 6, 0
    chain.SubTable = []
    nikhahits = (NIKHAHIT, *PUA_NIKHAHIT)
    for backtrack in ([nikhahits], [TONE_MARKS + PUA_TONES, nikhahits]):
        rule = ot.ChainContextSubst()
        rule.Format = 3
        rule.BacktrackCoverage = [coverage(c) for c in backtrack]
        rule.BacktrackGlyphCount = len(backtrack)
        rule.InputCoverage = [coverage([SARA_AA])]
        rule.InputGlyphCount = 1
        rule.LookAheadCoverage, rule.LookAheadGlyphCount = [], 0
        record = ot.SubstLookupRecord()
        record.SequenceIndex, record.LookupListIndex = 0, 0
        rule.SubstLookupRecord, rule.SubstCount = [record], 1
        chain.SubTable.append(rule)
    chain.SubTableCount = len(chain.SubTable)

    gsub = ot.GSUB()
    gsub.Version = 0x00010000
    gsub.LookupList = ot.LookupList()
    gsub.LookupList.Lookup, gsub.LookupList.LookupCount = [single, chain], 2
    feature = ot.FeatureRecord()
    feature.FeatureTag = "ccmp"
    feature.Feature = ot.Feature()
    feature.Feature.FeatureParams = None
    feature.Feature.LookupListIndex, feature.Feature.LookupCount = [1], 1
    gsub.FeatureList = ot.FeatureList()
    gsub.FeatureList.FeatureRecord, gsub.FeatureList.FeatureCount = [feature], 1
    langsys = ot.LangSys()
    langsys.LookupOrder, langsys.ReqFeatureIndex = None, 0xFFFF
    langsys.FeatureIndex, langsys.FeatureCount = [0], 1
    script = ot.ScriptRecord()
    script.ScriptTag = "DFLT"
    script.Script = ot.Script()
    script.Script.DefaultLangSys = langsys
    script.Script.LangSysRecord, script.Script.LangSysCount = [], 0
    gsub.ScriptList = ot.ScriptList()
    gsub.ScriptList.ScriptRecord, gsub.ScriptList.ScriptCount = [script], 1
    table = newTable("GSUB")
    table.table = gsub
    font["GSUB"] = table
    if "GPOS" in font:
        # Its anchors are for the OpenType mark glyphs the fallback no longer uses.
        del font["GPOS"]

    style = "Bold" if weight >= 700 else "Regular"
    postscript = f"{FONT_FAMILY.replace(' ', '')}-{style}"
    for record_name in font["name"].names:
        if record_name.nameID in (1, 16):
            record_name.string = FONT_FAMILY
        elif record_name.nameID in (2, 17):
            record_name.string = style
        elif record_name.nameID == 4:
            record_name.string = f"{FONT_FAMILY} {style}"
        elif record_name.nameID == 6:
            record_name.string = postscript
    font.save(str(target))
    return DerivedFont(target, weight, postscript, glyph_text(font))


def glyph_text(font: Any) -> dict[int, str]:
    """Glyph id → the text that glyph stands for in the derived font's shaping."""
    best: dict[str, int] = {}
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        for codepoint, name in table.cmap.items():
            if 0xE000 <= codepoint <= 0xF8FF:
                continue  # private-use aliases of shifted glyphs: their name says what they are
            if name not in best or codepoint < best[name]:
                best[name] = codepoint
    text: dict[int, str] = {}
    for gid, name in enumerate(font.getGlyphOrder()):
        if name in best:
            text[gid] = chr(best[name])
            continue
        match = _GLYPH_NAME.match(name)
        if match:
            text[gid] = chr(int(match.group(1), 16))
    cmap = font.getBestCmap()
    text[font.getGlyphID(SARA_AM_PART)] = chr(SARA_AM)
    for codepoint in (NIKHAHIT, *PUA_NIKHAHIT):
        if codepoint in cmap:
            # A nikhahit is (almost) always the first half of a sara am; the second half says ำ.
            text[font.getGlyphID(cmap[codepoint])] = ""
    return text


@contextmanager
def derived_fonts() -> Iterator[list[DerivedFont]]:
    """The report copies of the installed Thai fonts, in a temporary directory for one render."""
    sources = find_thai_fonts()
    with tempfile.TemporaryDirectory(prefix="thaikpi-fonts-") as directory:
        yield [
            derive_font(source.path, Path(directory) / f"thaikpi-{source.weight}.ttf", source.weight)
            for source in sources
        ]


def font_css(fonts: Iterable[DerivedFont]) -> str:
    """@font-face rules for the derived fonts, and the body set in them (made here, never from data)."""
    rules = [
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{font.path.as_uri()}"); '
        f"font-weight: {font.weight}; }}"
        for font in fonts
    ]
    rules.append(f'html, body {{ font-family: "{FONT_FAMILY}", sans-serif; }}')
    rules.append(WORD_RUN_CSS)
    return "\n".join(rules)


def _fix_to_unicode(fonts: list[DerivedFont]) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher that rewrites the derived fonts' ToUnicode maps glyph by glyph."""
    regular = next((f for f in fonts if f.weight < 700), fonts[0])
    bold = next((f for f in fonts if f.weight >= 700), regular)
    marker = FONT_FAMILY.replace(" ", "-").encode()

    def finisher(document: Any, pdf: Any) -> None:
        import pydyf

        for obj in pdf.objects:
            if not isinstance(obj, pydyf.Dictionary) or obj.get("Type") != "/Font" or "ToUnicode" not in obj:
                continue
            base = bytes(obj.get("BaseFont", b""))
            if marker not in base:
                continue
            font = bold if b"Bold" in base.split(b"+", 1)[-1] else regular
            stream = pdf.objects[int(bytes(obj["ToUnicode"]).split()[0])]
            stream.stream = [_remap(line, font.to_unicode) for line in stream.stream]

    return finisher


def _remap(line: bytes, to_unicode: dict[int, str]) -> bytes:
    match = _BFCHAR.fullmatch(line)
    if not match:
        return line
    text = to_unicode.get(int(match.group(1), 16))
    if text is None:
        return line
    return b"<" + match.group(1) + b"> <" + text.encode("utf-16-be").hex().encode() + b">"


def html_to_pdf(render_html: Callable[[str], str]) -> bytes:
    """The PDF of a report: ``render_html(font_css)`` gives its HTML set in the derived Thai fonts."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    with derived_fonts() as fonts:
        html = render_html(font_css(fonts))
        document = weasyprint.HTML(string=html).render()
        pdf = document.write_pdf(finisher=_fix_to_unicode(fonts))
    assert isinstance(pdf, bytes)
    return pdf
