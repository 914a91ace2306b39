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
