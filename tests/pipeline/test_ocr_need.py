"""OCR only where a page needs it: a page with a healthy text layer is never OCR'd however
little text it has (a header and a page number), a blank scan is never rendered at 300 dpi, and
a scan under a typed header still is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.pdf.document import iter_pages, open_pdf
from parsers.settings import OCRMode
from pipeline import reading


def _pdf(path: Path, pages: list[str], tmp: Path) -> Path:
    """One page per item: "header" (a few typed words), "blank-scan" (a white page-size image),
    "scan+header" (a page-size image with marks on it, under a typed header)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    for kind in pages:
        if kind in ("blank-scan", "scan+header"):
            img = Image.new("L", (850, 1200), 255)
            if kind == "scan+header":
                for y in range(100, 1100, 40):
                    for x in range(80, 770):
                        img.putpixel((x, y), 0)
            file = tmp / f"{kind}.png"
            img.save(file)
            c.drawImage(str(file), 0, 0, w, h)
        if kind in ("header", "scan+header"):
            c.setFont("Helvetica", 10)
            c.drawString(40, h - 30, "Report 2566 - page 3")
        c.showPage()
    c.save()
    return path


def _pages(path: Path) -> list:
    pdf = open_pdf(path)
    try:
        return list(iter_pages(pdf))
    finally:
        pdf.close()


def test_header_only_page_has_a_healthy_text_layer(tmp_path: Path) -> None:
    pages = _pages(_pdf(tmp_path / "h.pdf", ["header"], tmp_path))
    assert pages[0].lines and not pages[0].needs_ocr


def test_scan_under_a_typed_header_needs_ocr(tmp_path: Path) -> None:
    pages = _pages(_pdf(tmp_path / "s.pdf", ["scan+header"], tmp_path))
    assert pages[0].needs_ocr and pages[0].image_count == 1


def test_blank_scan_is_never_sent_to_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _pdf(tmp_path / "b.pdf", ["blank-scan", "header"], tmp_path)
    pages = _pages(path)
    assert pages[0].needs_ocr  # no text and an image: it might be a scan, until its ink is looked at

    def no_ocr(*_args: object) -> list:
        raise AssertionError("a page was sent to OCR")

    monkeypatch.setattr(reading, "_ocr_pages", no_ocr)
    monkeypatch.setattr("parsers.ocr.pages.ocr_available", lambda: True)
    assert reading.apply_ocr(path, pages, OCRMode.AUTO) == pages


def test_inked_scan_is_sent_to_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _pdf(tmp_path / "s.pdf", ["scan+header", "header"], tmp_path)
    asked: list[int] = []

    def fake(_path: Path, numbers: list[int], _jobs: int) -> list:
        asked.extend(numbers)
        return []

    monkeypatch.setattr(reading, "_ocr_pages", fake)
    monkeypatch.setattr("parsers.ocr.pages.ocr_available", lambda: True)
    reading.apply_ocr(path, _pages(path), OCRMode.AUTO)
    assert asked == [1]


def test_a_scan_left_unread_is_a_finding_in_both_languages(tmp_path: Path) -> None:
    """`--ocr never` on a scanned page: the record says the page was not read (and so needs review)."""
    from pipeline.extract import _damaged

    (found,) = _damaged(_pages(_pdf(tmp_path / "s.pdf", ["scan+header"], tmp_path)))
    assert (found.code, found.page, found.field) == ("damaged_page", 1, "source.pages")
    assert "หน้า 1" in (found.message_th or "") and found.message.startswith("page 1:")


def test_a_redistilled_copy_without_glyph_maps_needs_ocr() -> None:
    """Ghostscript's re-distilled copy of a ReportLab agreement: its TrueType fonts lost every
    ToUnicode map, so pdfium gives bare glyph ids (control codes) and spaces for letters. That is
    no text layer to read: every page goes to OCR (it was taken for a page of Latin text)."""
    path = Path(__file__).resolve().parent.parent / "data" / "damaged" / "redistilled_no_maps.pdf"
    pages = _pages(path)
    assert pages and all(p.needs_ocr for p in pages)
    assert not any(ch < " " for p in pages for ln in p.lines for ch in ln.text)


def test_a_copy_whose_fonts_map_thai_glyphs_to_ascii_needs_ocr() -> None:
    """Ghostscript's copy of a Chrome PDF: its fonts map most Thai glyphs to ASCII codes
    (`คํ@1?บ1อ` for คำรับรอง). Nothing is unmapped, so only the words say it: Thai letters strewn
    among `@ 1 ? >` on every page. The pages go to OCR instead of being read as an agreement that
    is not one; the Chrome original of the same kind of agreement is read from its text layer."""
    data = Path(__file__).resolve().parent.parent / "data"
    damaged = _pages(data / "damaged" / "redistilled_ascii_maps.pdf")
    assert damaged and all(p.needs_ocr for p in damaged)
    for original in sorted((data / "sweep").glob("*.chromium.pdf")):
        assert not any(p.needs_ocr for p in _pages(original)), original.name
