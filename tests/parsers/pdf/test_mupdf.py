"""PDFs MuPDF writes (PyMuPDF's Story, HTML to PDF): what the sweep's `mupdf` producer found.

- MuPDF names a Type0 font `Noto Serif Thai Regular` and its descendant `NotoSerifThai-Regular`;
  pdfium names glyphs by the descendant, so the maps read from the font program (its variant
  marks have no ToUnicode entry) must be found under that name too, or every such mark is lost
  (`ประจำป� งบประมาณ`, no KPI table found).
- A cell whose top rule MuPDF leaves out (the first level's header under a merged header) still
  holds its text (`parsers.pdf.tables._with_unruled_cells`).
- The zero-width breaks put between Thai words for MuPDF are drawn with the font's space glyph and
  mapped to a space, but move the pen by nothing: no word gap (`สุข เจริญ`,
  `parsers.pdf.lines._room_for_space`).
"""

from __future__ import annotations

from pathlib import Path

from parsers.pdf.document import GlyphRecovery, open_pdf, read_page
from parsers.pdf.glyphs import Char
from parsers.pdf.lines import build_lines

DATA = Path(__file__).resolve().parents[2] / "data" / "sweep"
NOTO = DATA / "a15100038_2569.mupdf.pdf"
WAREE = DATA / "a15100022_2566.mupdf.pdf"


def _pages(path: Path) -> list[str]:
    pdf = open_pdf(path)
    recovery = GlyphRecovery(path)
    out = []
    for i in range(len(pdf)):
        page = read_page(pdf, i, True, recovery)
        lines = [ln.text for ln in page.lines] + [c.text for t in page.tables for row in t.rows for c in row]
        out.append("\n".join(lines))
    return out


def test_variant_marks_of_a_font_named_by_its_descendant_are_read() -> None:
    text = "\n".join(_pages(NOTO))
    assert "\ufffd" not in text
    # words read off the rendered page, each with a mark MuPDF drew by a variant glyph
    for word in ("ประจำปีงบประมาณ", "ตัวชี้วัด", "คำรับรองนี้", "เป้าหมาย"):
        assert word in text, word
    maps = GlyphRecovery(NOTO).maps()
    assert any(name.startswith("NotoSerifThai") for name in maps), sorted(maps)


def test_a_level_header_without_its_top_rule_is_read() -> None:
    pdf = open_pdf(WAREE)
    recovery = GlyphRecovery(WAREE)
    headers = [
        [c.text for c in row]
        for i in range(len(pdf))
        for t in read_page(pdf, i, True, recovery).tables
        for row in t.rows
        if any("มาตรฐาน" in c.text for c in row) and any("ขั้นสูง" in c.text for c in row)
    ]  # (the targets table's header: the templates' criteria are a level per row)
    assert headers and all(any("ขั้นต้น" in c for c in row) for row in headers), headers


#: สุข\u200bเจริญ as pdfium reads MuPDF's Sawasdee (text, x0, x1, pen): the break drawn with the
#: space glyph, then เ at the same pen (0.015 pt before it, by rounding)
MUPDF_NAME = [
    ("ส", 400.51, 409.45, 400.51), ("ุ", 406.79, 408.23, 409.45), ("ข", 409.45, 418.39, 409.45),
    (" ", 418.39, 423.73, 418.39), ("เ", 419.60, 420.24, 418.37), ("จ", 421.46, 429.74, 421.46),
    ("ร", 429.74, 438.68, 429.74), ("ิ", 431.30, 437.47, 438.68), ("ญ", 438.68, 452.48, 438.68),
]


def test_a_space_drawn_at_the_pen_of_the_letter_after_it_is_no_word_gap() -> None:
    chars = [Char(t, x0, x1, 88.0, 104.0, 100.0, ox, 15.0, "Sawasdee", i, 1) for i, (t, x0, x1, ox) in enumerate(MUPDF_NAME)]
    assert [ln.text for ln in build_lines(chars)] == ["สุขเจริญ"]
