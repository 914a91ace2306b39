"""What the sweep's scanned agreements taught the OCR step: decimal points, list numbers read as
junk, rule slivers in cells, marks read as a line of their own, abbreviated months with stray
marks, KPI labels that lost their upper marks; and two real scans (binarised copies of sweep
scans, tests/data/scans/) read end to end."""

from __future__ import annotations

import glob
import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from parsers.ocr import digits as ocr_digits
from parsers.ocr import pages as ocr_pages
from parsers.sections.doctext import row_label
from parsers.thai.dates import find_thai_date
from tests.parsers.ocr.test_digits import line_mask

SCANS = Path(__file__).resolve().parents[2] / "data" / "scans"
FONTS = sorted(glob.glob("/usr/share/fonts/truetype/tlwg/Laksaman.ttf") + glob.glob("/usr/share/fonts/truetype/tlwg/Garuda.ttf"))
#: loopless faces (digits drawn without their loops, ๐ like o): read at a scan's sizes only
LOOPLESS = sorted(glob.glob("/usr/share/fonts/truetype/tlwg/Sawasdee.ttf") + glob.glob("/usr/share/fonts/truetype/arundina/ArundinaSans.ttf"))
needs_font = pytest.mark.skipif(not FONTS, reason="no TLWG Thai font (apt-get install fonts-tlwg-laksaman-ttf)")
needs_ocr = pytest.mark.skipif(not ocr_pages.ocr_available(), reason="tesseract with Thai not installed")


# ---- digits ------------------------------------------------------------------------------------


@needs_font
@pytest.mark.parametrize(("font", "size"), [(f, s) for f in FONTS for s in (24, 48)] + [(f, 48) for f in LOOPLESS])
@pytest.mark.parametrize(
    ("ocr", "printed", "expected"),
    [
        ("๐ ๒๕", "๐.๒๕", "๐.๒๕"),  # a weight cell: the point lost
        ("ร้อยละ ๙๐ ๙๙", "ร้อยละ ๙๐.๙๙", "ร้อยละ ๙๐.๙๙"),
        ("ร้อยละ ๙๐.๙๙", "ร้อยละ ๙๐.๙๙", "ร้อยละ ๙๐.๙๙"),  # read with its point: kept
        ("วันที่ ๑๓ ต.ค. ๖๙", "วันที่ ๑๓ ต.ค. ๖๙", "วันที่ ๑๓ ต.ค. ๖๙"),  # points between words are no decimals
    ],
)
def test_decimal_points_are_read_from_the_image(font: str, size: int, ocr: str, printed: str, expected: str) -> None:
    assert ocr_digits.reread_line(ocr, line_mask(printed, font, size)) == expected


@needs_font
@pytest.mark.parametrize("font", FONTS + LOOPLESS)
@pytest.mark.parametrize(
    ("ocr", "printed", "expected"),
    [
        ("D>, ร้อยละการเบิกจ่าย", "๖. ร้อยละการเบิกจ่าย", "๖. ร้อยละการเบิกจ่าย"),
        (">. ร้อยละความคลาดเคลื่อน", "๖. ร้อยละความคลาดเคลื่อน", "๖. ร้อยละความคลาดเคลื่อน"),  # no sign ends in a point
        ("ซ. ระยะเวลา", "๗. ระยะเวลา", "๗. ระยะเวลา"),
        ("2 องค์ประกอบที่ 2", "2. องค์ประกอบที่ 2", "2. องค์ประกอบที่ 2"),
        ("1G) คะแนน", "๒ คะแนน", "๒ คะแนน"),
        # a Thai list number read in Arabic digits (a loopless ๑ is tesseract's 9); Arabic stays
        ("9. ระดับความสำเร็จ", "๑. ระดับความสำเร็จ", "๑. ระดับความสำเร็จ"),
        ("9. ระดับความสำเร็จ", "9. ระดับความสำเร็จ", "9. ระดับความสำเร็จ"),
        ("1. ระดับความสำเร็จ", "1. ระดับความสำเร็จ", "1. ระดับความสำเร็จ"),
        # left alone: a real abbreviation, an Arabic number, a sign the glyph reader leaves out
        ("ก.พ. ระยะเวลา", "ก.พ. ระยะเวลา", "ก.พ. ระยะเวลา"),
        ("12 เดือน", "12 เดือน", "12 เดือน"),
        ("> ๙๐ คะแนน", "≥ ๙๐ คะแนน", "> ๙๐ คะแนน"),
    ],
)
def test_a_garbled_list_number_is_read_from_the_image(font: str, ocr: str, printed: str, expected: str) -> None:
    assert ocr_digits.leading_number(ocr, line_mask(printed, font)) == expected


@pytest.mark.parametrize("angle", [0.0, 0.7])
def test_a_table_running_off_the_page_is_closed_by_the_page_edge(angle: float) -> None:
    from parsers.pdf.tables import find_tables

    page = np.full((1200, 1000), 255, dtype=np.uint8)
    for y in (200, 400, 600, 800):
        page[y : y + 3, 100:] = 0  # the rows run past the right edge
    for x in (100, 400, 700):
        page[200:803, x : x + 3] = 0  # the last column's right rule is off the page
    # a page scanned askew and turned back as `ocr_page` does: its corners are filled white
    askew = Image.fromarray(page).rotate(-angle, fillcolor=255, resample=Image.Resampling.BICUBIC)
    turned = askew.rotate(ocr_pages.deskew_angle(ocr_pages.binarise(np.asarray(askew))), fillcolor=255)
    edges = ocr_pages.find_rulings(ocr_pages.binarise(np.asarray(turned)), dpi=300)
    [table] = find_tables([], edges, 1)
    assert [len(row) for row in table.rows] == [3, 3, 3]
    assert table.rows[0][-1].bbox[2] == pytest.approx(1000 * 72 / 300, abs=1)


def test_rules_short_of_the_page_edge_add_nothing() -> None:
    page = np.full((1200, 1000), 255, dtype=np.uint8)
    for y in (200, 400, 600, 800):
        page[y : y + 3, 100:900] = 0
    edges = ocr_pages.find_rulings(page, dpi=300)
    assert not [e for e in edges if e["orientation"] == "v"]


def test_a_line_of_marks_above_a_text_line_is_dropped() -> None:
    line = ocr_pages.OCRLine
    lines = [
        line("ฆมสม a สท we ม", 10, 0, 300, 14, 40.0),
        line("๑. ร้อยละของเรื่องร้องเรียน", 10, 12, 400, 40, 90.0),
        line("เสร็จภายในระยะเวลาที่กำหนด", 10, 60, 380, 40, 90.0),
    ]
    assert [ln.text for ln in ocr_pages._without_mark_lines(lines)] == [lines[1].text, lines[2].text]


def test_short_non_thai_readings_are_checked_for_a_number() -> None:
    assert ocr_pages._short_non_thai("1G)")
    assert not ocr_pages._short_non_thai("100")
    assert not ocr_pages._short_non_thai("คะแนน")


# ---- labels and dates ----------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["ตัวชีวัดที่ 1 ระดับความสำเร็จ", "ตัวชัวัดที่ 1 ระดับความสำเร็จ", "ตัวขีวัดท 1 ระดับความสำเร็จ"])
def test_kpi_rows_are_found_when_the_label_lost_its_marks(cell: str) -> None:
    assert row_label([cell]) == (1, "ระดับความสำเร็จ")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("วันที่ 20 ตุค. 2562", "2019-10-20"),
        ("๑๐ พ.ุย. ๖๙", "2026-11-10"),
        ("๓๐ กุ.ย์. ๖๕", "2022-09-30"),
        ("๑ มี.ค. ๖๕", "2022-03-01"),  # a vowel above still tells March from January
        ("๑ ม.ค. ๖๕", "2022-01-01"),
    ],
)
def test_abbreviated_months_with_stray_marks(text: str, iso: str) -> None:
    found = find_thai_date(text)
    assert found is not None and found.isoformat() == iso


# ---- real scans ------------------------------------------------------------------------------------


@cache
def extracted(stem: str) -> tuple[dict[str, Any], dict[str, Any]]:
    from pipeline.extract import ReadSettings, extract_file

    meta = json.loads((SCANS / f"{stem}.truth.json").read_text())
    return meta["truth"], extract_file(SCANS / f"{stem}.pdf", ReadSettings(jobs=2)).to_json_dict()


def _kpi(record: dict[str, Any], number: int) -> dict[str, Any]:
    return next(k for k in record["kpis"] if k["number"] == number)


@needs_ocr
def test_scan_with_lost_label_marks_reads_every_kpi_row() -> None:
    """a100018: `ตัวชีวัดที่ 1` in the tables (marks lost), a category merged down beside its KPIs,
    the grantor's date `20 ตุค. 2562`."""
    truth, got = extracted("a100018_2563.scan")
    assert [k["number"] for k in got["kpis"]] == [k["number"] for k in truth["kpis"]]
    assert [c["kpi_numbers"] for c in got["categories"]] == [c["kpi_numbers"] for c in truth["categories"]]
    assert [c["name"] for c in got["categories"]] == [c["name"] for c in truth["categories"]]
    assert [k["category"] for k in got["kpis"]] == [k["category"] for k in truth["kpis"]]
    grantor = next(p for p in got["parties"] if p["role"] == "grantor")
    assert grantor["signed_on"] == "2019-10-20"


@needs_ocr
def test_scan_with_lost_label_marks_reads_every_weight() -> None:
    """One weight cell read 900 for 20 while a sliver of its rule stood in the cell."""
    truth, got = extracted("a100018_2563.scan")
    assert [k["weight"] for k in got["kpis"]] == [k["weight"] for k in truth["kpis"]]


@needs_ocr
def test_scan_with_decimal_weights_reads_them() -> None:
    """a100204: weights written ๐.๒๕ (read as `๐ ๒๕` without the point), list numbers read as
    junk (`@.`, `ซ.`), a period `๑ ต.ค. ๖๔ - ๓๐ ก.ย. ๖๕`, and a level header whose `๓` tesseract
    took for marks over `คะแนน`."""
    truth, got = extracted("a100204_2565.scan")
    assert [k["number"] for k in got["kpis"]] == [k["number"] for k in truth["kpis"]]
    assert [k["weight"] for k in got["kpis"]] == [k["weight"] for k in truth["kpis"]]
    assert got["period"] == truth["period"]


def _sheared_grid(shift: int) -> np.ndarray:
    """A 3×3 grid of 3-pixel rules whose vertical rules lean `shift` pixels over their height (a
    sheet sheared on the scanner: the rows stay level, deskewing cannot set the columns upright)."""
    page = np.full((1200, 1000), 255, dtype=np.uint8)
    for y in (200, 400, 600, 800):
        page[y : y + 3, 100 : 903 + shift] = 0
    for x in (100, 400, 700, 900):
        for y in range(200, 803):
            dx = round(shift * (y - 200) / 603)
            page[y, x + dx : x + dx + 3] = 0
    return page


@pytest.mark.parametrize("shift", [0, 12])
def test_a_slanted_rule_is_one_rule_and_its_table_is_found(shift: int) -> None:
    from parsers.pdf.tables import find_tables

    edges = ocr_pages.find_rulings(_sheared_grid(shift), dpi=300)
    assert len([e for e in edges if e["orientation"] == "v"]) == 4  # not taken for a filled area
    [table] = find_tables([], edges, 1)
    assert [len(row) for row in table.rows] == [3, 3, 3]


def test_a_filled_band_is_no_rule() -> None:
    page = np.full((1200, 1000), 255, dtype=np.uint8)
    page[200:800, 400:430] = 0  # a dark block 30 pixels wide, however upright
    assert not [e for e in ocr_pages.find_rulings(page, dpi=300) if e["orientation"] == "v"]
