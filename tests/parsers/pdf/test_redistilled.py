"""Ghostscript re-distilled copies ("Print to PDF", Distiller): the ActualText spans are gone and
the per-glyph maps left are wrong (LibreOffice's cluster-wise entries: the ring of ำ mapped to the
whole vowel, ผู้'s marks to each other) or missing (ReportLab's fonts: no ToUnicode at all, codes
shown as Mac Roman letters). Where the font is installed its outlines say what each glyph is
(`parsers.pdf.fontmap._split_contradicted`); the pages then need no OCR."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from parsers.pdf.actualtext import has_spans
from parsers.pdf.fontmap import font_repairs
from parsers.pdf.outlines import installed_anchors
from pipeline.textlayer import file_health, file_text

DATA = Path(__file__).resolve().parents[2] / "data" / "sweep"
LO_GS = DATA / "a800133_2566.libreoffice-kinnari+gs.pdf"
RL_GS = DATA / "a700192_2566.reportlab+gs.pdf"
CHROMIUM_GS = DATA / "a700123_2564.chromium+gs.pdf"
LO = DATA / "a100033_2564.libreoffice-kinnari.pdf"

needs_fonts = pytest.mark.skipif(
    not shutil.which("fc-list") or not installed_anchors("Kinnari") or not installed_anchors("Loma"),
    reason="the TLWG fonts are not installed (bash scripts/system-deps.sh)",
)


def _text(path: Path, pages: str = "1") -> str:
    return "\n".join(text for _, text in file_text(path, pages=pages, ocr="never"))


def test_libreoffice_writes_spans_and_the_copy_has_none() -> None:
    for path, spans in ((LO, True), (LO_GS, False)):
        pdf = pdfium.PdfDocument(path)
        try:
            assert has_spans(pdf[0]) is spans, path.name
        finally:
            pdf.close()


@needs_fonts
def test_entries_the_installed_font_contradicts_are_found() -> None:
    with pdfplumber.open(LO_GS) as pdf:
        repairs = font_repairs(pdf)
    regular = next(r for name, r in repairs.items() if name.endswith("+Kinnari"))
    # the ring of ำ carries the whole vowel; ู and ่ carry each other's entries
    assert {"ำ", "ู", "่"} <= regular.contradicted
    (ring,) = regular.useless["ำ"]
    assert regular.text[ring] == "\u0e4d"


@needs_fonts
def test_a_libreoffice_copy_reads_as_the_original() -> None:
    text = _text(LO_GS)
    for word in ("คำรับรองการปฏิบัติราชการ", "ผู้ว่าราชการจังหวัดบุรีรัมย์", "หัวหน้าสำนักงาน", "นางพรทิพย์ วงศ์ใหญ่"):
        assert word in text, word
    assert "\ufffd" not in text and "ผู่วู" not in text
    assert all(h.verdict != "damaged" for h in file_health(LO_GS, "1-2"))


@needs_fonts
def test_a_copy_without_any_map_is_read_from_the_installed_font() -> None:
    text = _text(RL_GS, "1-6")
    for word in ("ผู้ว่าราชการจังหวัดชลบุรี", "ในฐานะผู้รับคำรับรอง", "๑ ตุลาคม ๒๕๖๕"):
        assert word in text, word
    assert "\ufffd" not in text
    # codes above 127 that pdfium shows as Mac Roman / Windows-1252 letters
    assert not any("\u0080" <= ch <= "\u024f" or ch in "†‡•" for ch in text)


@needs_fonts
def test_a_chromium_copy_with_conflated_entries_picks_each_glyph_by_its_ink() -> None:
    text = _text(CHROMIUM_GS)
    for word in ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๔", "ผู้ว่า", "ผู้ทำคำรับรอง", "นางสุภาพร รุ่งเรืองศรี"):
        assert word in text, word


@needs_fonts
def test_a_writers_own_spelling_of_an_installed_fonts_name_finds_it() -> None:
    """fpdf2 names the bold face `KinnariBold`; fontconfig knows it as `Kinnari-Bold`."""
    assert len(installed_anchors("KinnariBold")) == len(installed_anchors("Kinnari-Bold")) > 300
    assert installed_anchors("NoSuchThaiFontBold") == []


@needs_fonts
def test_an_entry_ghostscript_mangled_into_a_foreign_letter_is_read_from_the_glyph() -> None:
    """fpdf2 maps the ring of ำ after a tone mark to `้ำ`; Ghostscript writes that as `้䤳`."""
    text = _text(DATA / "a900169_2564.fpdf2+gs.pdf", "1-4")
    assert "น้ำหนัก" in text and "䤳" not in text
