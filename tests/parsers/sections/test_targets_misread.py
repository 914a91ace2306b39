"""A scan's misreadings in a targets table are read around, never a crash."""

from __future__ import annotations

from parsers.pdf.tables import Cell, Table
from parsers.sections.targets import level_columns, parse_targets


def _row(texts: list[str], top: float, page: int = 1) -> list[Cell]:
    return [Cell(bbox=(100.0 * i, top, 100.0 * i + 100, top + 20), page=page, text=t) for i, t in enumerate(texts)]


def test_four_level_headers_without_level_one_are_not_a_cut_five_level_scale() -> None:
    # level 1's header unread (a smudge): 2…5 are four levels, not 1…4 with the fifth cut off
    cells = [("ตัวชี้วัด", 0, 100), ("?", 100, 200), ("2", 200, 300), ("3", 300, 400), ("4", 400, 500), ("5", 500, 560)]
    result = level_columns(cells)  # once a KeyError: level 1's column looked up to measure the cut
    assert result is None or sorted(result[1]) == [1.0, 2.0, 3.0, 4.0, 5.0]


def test_a_kpi_numbered_zero_is_the_number_after_the_row_above() -> None:
    header = _row(["ตัวชี้วัด", "ขั้นต้น", "มาตรฐาน", "ขั้นสูง"], 0)
    rows = [
        header,
        _row(["6. ร้อยละของผู้รับบริการ", "80", "85", "90"], 20),
        _row(["0. ร้อยละของงานที่เสร็จ", "60", "70", "80"], 40),  # `7.` read as `0.`
        _row(["8. จำนวนครั้ง", "1", "2", "3"], 60),
    ]
    info = parse_targets([Table(page=1, bbox=(0, 0, 400, 80), rows=rows)])
    assert sorted(info.rows) == [6, 7, 8]
    assert info.rows[7].criteria == {50.0: "60", 75.0: "70", 100.0: "80"}


def test_a_row_that_misread_its_number_as_the_next_rows_is_the_missing_kpi() -> None:
    """`๕.` for `๔.`, then the real `๕.`: the first is KPI 4 (the numbers go on one by one)."""
    rows = [
        _row(["ตัวชี้วัด", "ขั้นต้น", "มาตรฐาน", "ขั้นสูง"], 0),
        _row(["๓. ร้อยละของครัวเรือน", "80", "90", "100"], 20),
        _row(["๕. ร้อยละความสำเร็จของการดำเนินงาน", "80", "85", "90"], 40),
        _row(["๕. ร้อยละการเบิกจ่ายงบประมาณ", "90", "95", "100"], 60),
    ]
    info = parse_targets([Table(page=1, bbox=(0, 0, 400, 80), rows=rows)])
    assert sorted(info.rows) == [3, 4, 5]
    assert info.rows[4].name.startswith("ร้อยละความสำเร็จ") and info.rows[4].number == 4
    assert info.rows[5].name == "ร้อยละการเบิกจ่ายงบประมาณ"


def test_a_targets_table_whose_kpi_header_a_scan_garbled_is_known_by_its_rows() -> None:
    """`ตัวชาวดี` for ตัวชี้วัด in the header; the levels are there and the rows name KPIs."""
    from parsers.sections.targets import is_targets_table

    rows = [
        _row(["๕ ตัวชาวดี", "50 คะแนน (ขันต้น)", "75 คะแนน (มาตรฐาน)", "100 คะแนน (ขันสูง)"], 0),
        _row(["ตัวชวดที่ 1 ร้อยละการเบิกจ่าย", "80", "90", "100"], 20),
        _row(["ตัวชี้วัดที่ 2 ร้อยละความสำเร็จ", "70", "80", "90"], 40),
    ]
    assert is_targets_table(Table(page=1, bbox=(0, 0, 400, 60), rows=rows))
    # levels over rows that name no KPI (a template's criteria table) are not a targets table
    criteria = [rows[0], _row(["เกณฑ์", "ร้อยละ 80", "ร้อยละ 90", "ร้อยละ 100"], 20), _row(["หมายเหตุ", "-", "-", "-"], 40)]
    assert not is_targets_table(Table(page=1, bbox=(0, 0, 400, 60), rows=criteria))
    info = parse_targets([Table(page=1, bbox=(0, 0, 400, 60), rows=rows)])
    assert sorted(info.rows) == [1, 2]


def test_a_number_column_a_scan_misread_or_spaced_out_still_numbers_its_rows() -> None:
    """Down a `ลำดับ` column: `ฒ่` for ๙ (no number, but something stands there: the row after
    the last) and `๑ ๐` for ๑๐ (a space read between the digits)."""
    rows = [
        _row(["ลำดับ", "ตัวชี้วัด", "ขั้นต้น", "มาตรฐาน", "ขั้นสูง"], 0),
        _row(["๘", "ระดับความสำเร็จของการพัฒนาระบบ", "1", "2", "3"], 20),
        _row(["ฒ่", "ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์", "4", "5", "6"], 40),
        _row(["๑ ๐", "ระดับความสำเร็จของการจัดทำธรรมาภิบาลข้อมูล", "7", "8", "9"], 60),
        _row(["", "(Data Governance)", "", "", ""], 80),  # a row's rest: its number cell is empty
    ]
    info = parse_targets([Table(page=1, bbox=(0, 0, 500, 100), rows=rows)])
    assert sorted(info.rows) == [8, 9, 10]
    assert info.rows[9].name == "ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์"
    assert info.rows[10].criteria == {50.0: "7", 75.0: "8", 100.0: "9"}
    assert info.rows[10].name.endswith("(Data Governance)")


def test_levels_read_in_the_middle_of_a_cropped_header_give_the_levels_around_them() -> None:
    """`ระดับ © | ระดับ ๒ | ระดับ ๓ | ระดี` (๑ misread, ๔ cut at the page edge, ๕ off it) with a
    row number `๑` under `ลำดับ` in the rows read as the header: levels 1–4 by their columns."""
    cells = [
        ("ลำดับ", 166.0, 213.0), ("ตัวชีวัด", 213.0, 309.0), ("เกณฑ์การให้คะแนน", 368.0, 596.0),
        ("ระดับ ©", 368.0, 430.0), ("ระดับ ๒", 430.0, 497.0), ("ระดับ ๓", 497.0, 563.0), ("ระดี", 563.0, 596.0),
        ("๑", 166.0, 213.0), ("คะแนนความพึงพอใจ", 213.0, 309.0), ("๘๐.๐๐ คะแนน", 430.0, 497.0),
    ]
    found = level_columns(cells)
    assert found is not None and found[0] == "five_level"
    assert sorted(found[1]) == [1.0, 2.0, 3.0, 4.0]
    assert found[1][1.0] == (368.0, 430.0)  # not the row number's column
