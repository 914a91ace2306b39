"""Marks whose maps name another mark: WeasyPrint with Norasi maps the glyphs of ้ and ู (and
of ่ and ุ) to each other. Every entry is a real Thai mark, so nothing is flagged as unmapped;
the ink says otherwise (a vowel below drawn above the letters), which makes the fonts be read and
checked against the installed Norasi (`GlyphRecovery.wanted`, `Char.misplaced`)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from parsers.pdf.glyphs import read_chars
from parsers.pdf.outlines import installed_anchors
from pipeline.textlayer import file_text

PDF = Path(__file__).resolve().parents[2] / "data" / "blind" / "a100071_2570_libreoffice-loma+ring-zwsp.weasyprint-form-rowspan-tn-ktab-th.pdf"

needs_norasi = pytest.mark.skipif(not installed_anchors("Norasi"), reason="Norasi is not installed (fonts-thai-tlwg)")


def test_the_maps_swap_the_marks_and_the_ink_shows_it() -> None:
    pdf = pdfium.PdfDocument(PDF)
    try:
        chars, _ = read_chars(pdf[2], 3)
    finally:
        pdf.close()
    raw = "".join(c.text for c in chars)
    assert "ขูอม้ล" in raw  # ข้อมูล as the maps say it
    # the tone mark's glyph mapped to ู stands high over ข, ู's glyph mapped to ้ hangs under ม
    assert {c.text for c in chars if c.misplaced} >= {"ู", "้"}
    # (ุ's glyph mapped to ่ too); no mark drawn where its map says is flagged
    assert not any(c.misplaced for c in chars if c.text in "ัิีึื็๊๋์ฺ")


@needs_norasi
def test_the_marks_are_read_as_drawn() -> None:
    text = "\n".join(t for _, t in file_text(PDF, pages="3", ocr="never"))
    for word in ("ข้อมูลพื้นฐาน", "ค่าน้ำหนัก", "ค่าเป้าหมายในอนาคต", "ผู้รับบริการ"):
        assert word in text
    assert "ขูอ" not in text and "เปูา" not in text
