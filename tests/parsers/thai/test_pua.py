"""Thai PUA table: complete, inside the Thai block, and true to real fonts.

The font check needs a Thai font that still carries the legacy PUA glyphs with
real glyph names; TLWG's fonts do (Debian: ``fonts-tlwg-laksaman-ttf``,
``fonts-tlwg-garuda-ttf`` or the ``fonts-thai-tlwg`` metapackage).  Set
``THAIKPI_PUA_FONT`` to a font file to check another one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from parsers.thai.pua import PUA_FIRST, PUA_LAST, PUA_TO_THAI, PUA_VARIANT, is_pua, map_pua

fontTools = pytest.importorskip("fontTools")
from fontTools import agl  # noqa: E402
from fontTools.pens.boundsPen import BoundsPen  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

ALL_PUA = [chr(cp) for cp in range(PUA_FIRST, PUA_LAST + 1)]
FONT_DIRS = [
    Path("/usr/share/fonts/truetype/tlwg"),
    Path("/usr/share/fonts/opentype/tlwg"),
    Path("/usr/share/fonts"),
]
SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "d03_legacy_pua.pdf"


# --- the table itself -------------------------------------------------------


def test_table_covers_whole_range_into_thai_block() -> None:
    assert len(ALL_PUA) == 27
    assert sorted(PUA_TO_THAI) == ALL_PUA
    assert sorted(PUA_VARIANT) == ALL_PUA
    for pua, std in PUA_TO_THAI.items():
        assert len(std) == 1 and 0x0E00 <= ord(std) <= 0x0E7F, f"U+{ord(pua):04X} -> {std!r}"


def test_known_entries() -> None:
    # The examples everyone quotes: lowered mai ek/mai tho, tail-less tho than and yo ying.
    assert PUA_TO_THAI["\uf70a"] == "\u0e48"
    assert PUA_TO_THAI["\uf70b"] == "\u0e49"
    assert PUA_TO_THAI["\uf700"] == "\u0e10"
    assert PUA_TO_THAI["\uf70f"] == "\u0e0d"
    assert PUA_TO_THAI["\uf718"] == "\u0e38"
    assert PUA_TO_THAI["\uf71a"] == "\u0e3a"


def test_is_pua() -> None:
    assert all(is_pua(ch) for ch in ALL_PUA)
    assert not is_pua("\uf6ff") and not is_pua("\uf71b")  # neighbours of the Thai block
    assert not is_pua("\u0e48") and not is_pua("a") and not is_pua("")
    assert not is_pua("\uf70a\uf70b")  # one character at a time


def test_map_pua_replaces_every_variant_and_keeps_length() -> None:
    text = "ที" + "\uf70a" + "ผู" + "\uf70b" + " " + "".join(ALL_PUA) + " abc"
    mapped = map_pua(text)
    assert not any(is_pua(ch) for ch in mapped)
    assert len(mapped) == len(text)
    assert mapped.startswith("ที่ผู้ ")
    assert mapped.endswith(" abc")
    assert map_pua("ไม่มี") == "ไม่มี"  # plain Thai untouched


def test_map_pua_on_legacy_sample_pdf() -> None:
    """The d03 sample was written with PUA tone marks; after mapping none survive."""
    pdfplumber = pytest.importorskip("pdfplumber")
    if not SAMPLE.exists():
        pytest.skip(f"sample missing: {SAMPLE}")
    with pdfplumber.open(SAMPLE) as pdf:
        raw = "".join(ch["text"] for page in pdf.pages for ch in page.chars)
    assert any(is_pua(ch) for ch in raw), "sample no longer exercises PUA glyphs"
    mapped = map_pua(raw)
    assert not any(0xF700 <= ord(ch) <= 0xF8FF for ch in mapped)
    assert mapped.count("\u0e49") > raw.count("\u0e49")


# --- the table against a real font ------------------------------------------


def _candidate_files() -> Iterator[Path]:
    env = os.environ.get("THAIKPI_PUA_FONT")
    if env:
        yield Path(env)
    for folder in FONT_DIRS:
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("*") if p.suffix.lower() in {".ttf", ".otf"})


def _has_named_pua_glyphs(font: TTFont) -> bool:
    """Usable for the check: maps the whole PUA range and keeps real glyph names."""
    cmap = font.getBestCmap() or {}
    if not all(cp in cmap for cp in range(PUA_FIRST, PUA_LAST + 1)):
        return False
    return "CFF " in font or ("post" in font and font["post"].formatType == 2.0)


def _pua_fonts(limit: int = 6) -> list[Path]:
    found: list[Path] = []
    seen: set[Path] = set()
    for path in _candidate_files():
        if path in seen:
            continue
        seen.add(path)
        try:
            with TTFont(path, lazy=True) as font:
                ok = _has_named_pua_glyphs(font)
        except Exception:  # not a font we can read: not a candidate
            continue
        if ok:
            found.append(path)
            if len(found) >= limit:
                break
    return found


PUA_FONTS = _pua_fonts()
needs_font = pytest.mark.skipif(
    not PUA_FONTS,
    reason="no font with named Thai PUA glyphs installed "
    "(apt-get install fonts-tlwg-laksaman-ttf, or set THAIKPI_PUA_FONT)",
)


def _bounds(font: TTFont, glyph: str) -> tuple[float, float, float, float]:
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[glyph].draw(pen)
    assert pen.bounds is not None, f"{glyph} has no outline"
    return pen.bounds


def _displacement_ok(kind: str, pua: tuple[float, ...], std: tuple[float, ...]) -> bool:
    """Does the PUA glyph sit where its variant kind says, relative to the plain one?"""
    x_min, y_min, x_max, y_max = pua
    sx_min, sy_min, sx_max, sy_max = std
    lower = y_max < sy_max and y_min < sy_min
    left = x_max < sx_max and x_min < sx_min
    if kind == "shift_down":
        return lower
    if kind == "shift_left":
        return left
    if kind == "shift_down_left":
        return lower and left
    if kind == "remove_descender":
        return y_min > sy_min  # the tail below the baseline is gone
    raise AssertionError(kind)


@needs_font
@pytest.mark.parametrize("path", PUA_FONTS, ids=lambda p: p.name)
def test_table_matches_font_glyph_names(path: Path) -> None:
    """The glyph a real font puts at each PUA code point is named after our target.

    TLWG names them ``uni0E48.low``, ``uni0E10.descless`` ...; AGL rules drop the
    suffix, so the base name must decode to exactly the standard character.
    """
    with TTFont(path) as font:
        cmap = font.getBestCmap()
        wrong = {
            f"U+{ord(pua):04X}": (cmap[ord(pua)], std)
            for pua, std in PUA_TO_THAI.items()
            if agl.toUnicode(cmap[ord(pua)]) != std
        }
    assert not wrong, f"{path.name}: glyph names disagree with PUA_TO_THAI: {wrong}"


@needs_font
@pytest.mark.parametrize("path", PUA_FONTS, ids=lambda p: p.name)
def test_table_matches_font_glyph_geometry(path: Path) -> None:
    """Each PUA glyph is the standard glyph moved the way its variant kind says.

    Independent of names: it would catch a table row pointing at the wrong mark
    even in a font whose names were generated from that same table.
    """
    with TTFont(path) as font:
        cmap = font.getBestCmap()
        wrong = []
        for pua, std in PUA_TO_THAI.items():
            kind = PUA_VARIANT[pua]
            pua_box = _bounds(font, cmap[ord(pua)])
            std_box = _bounds(font, cmap[ord(std)])
            if not _displacement_ok(kind, pua_box, std_box):
                wrong.append((f"U+{ord(pua):04X}", kind, pua_box, std_box))
    assert not wrong, f"{path.name}: {wrong}"
