"""Lines drawn over one another (LibreOffice Calc's overflowing cells): kept apart, and the
overflow given back to the cell it ran out of."""

from __future__ import annotations

from dataclasses import replace

from parsers.pdf.document import assemble_page
from parsers.pdf.edges import _edge
from parsers.pdf.glyphs import Char
from parsers.pdf.lines import build_lines
from parsers.pdf.overprint import overprinted_lines
from parsers.pdf.tables import find_tables
from tests.parsers.pdf.test_lines import layout


def _drawn(text: str, x: float, baseline: float, first: int) -> list[Char]:
    """`layout`'s glyphs, numbered in the content stream from `first`."""
    return [replace(c, index=c.index + first) for c in layout(text, x=x, baseline=baseline)]


def test_a_line_drawn_over_another_half_a_point_off_is_a_line_of_its_own() -> None:
    """A row's overflow (`เพียง`, its cell's last line) drawn 0.6 pt above the first line of the
    cell below: ordered by pen position the two read `เตัพีวยชี้งวัดที่ 6`."""
    chars = _drawn("เพียง", 50.0, 280.7, 0) + _drawn("ตัวชี้วัดที่ 6 ร้อยละ", 50.0, 281.3, 100)
    assert sorted(ln.text for ln in build_lines(chars)) == ["ตัวชี้วัดที่ 6 ร้อยละ", "เพียง"]
    [place] = overprinted_lines(chars)
    assert ["".join(c.text for c in line) for line in place] == ["เพียง", "ตัวชี้วัดที่ 6 ร้อยละ"]


def test_a_copy_drawn_over_itself_and_a_value_in_a_gap_stay_one_line() -> None:
    # simulated bold: the same letters again, a little off
    bold = _drawn("ตัวชี้วัด", 50.0, 100.0, 0) + _drawn("ตัวชี้วัด", 50.3, 100.3, 100)
    assert [ln.text for ln in build_lines(bold)] == ["ตัวชี้วัด"]
    assert overprinted_lines(bold) == []
    # a form's value drawn later into the gap its label left, half a point lower: no glyph over
    # another, one line
    form = _drawn("ชื่อ", 50.0, 100.0, 0) + _drawn("ตำแหน่ง", 130.0, 100.0, 10) + _drawn("นายก", 90.0, 100.5, 100)
    assert overprinted_lines(form) == []
    assert [ln.text for ln in build_lines(form)] == ["ชื่อ นายก ตำแหน่ง"]


def test_a_rows_overflow_goes_back_to_its_cell() -> None:
    """Two rows of a two-column table; the first row's name cell was too short for its text,
    whose last line is drawn (with that row, before its weight) over the second row's name.
    (Words without marks: `layout` sets a mark high over its base, a row's height above.)"""
    edges = [
        _edge("h", 40, 300, 60, 60), _edge("h", 40, 300, 100, 100), _edge("h", 40, 300, 140, 140),
        _edge("v", 40, 40, 60, 140), _edge("v", 200, 200, 60, 140), _edge("v", 300, 300, 60, 140),
    ]
    first = _drawn("ระยะเวลา 5", 42.0, 74.0, 0) + _drawn("ตามแผน", 42.0, 92.0, 50)
    chars = (
        first
        + _drawn("ปกครอง", 42.0, 110.0, 100)  # the overflow, 0.5 pt above the next row's first line
        + _drawn("15", 210.0, 74.0, 200)
        + _drawn("จำนวนคน 6", 42.0, 110.5, 300)
        + _drawn("30", 210.0, 110.5, 400)
    )
    [table] = find_tables(chars, edges, 1)
    assert table.texts() == [["ระยะเวลา 5 ตามแผนปกครอง", "15"], ["จำนวนคน 6", "30"]]
    # the overflow drawn 4 pt above the next row's first line (not over it): the same
    crowded = [c for c in chars if c.index < 300] + _drawn("จำนวนคน 6", 42.0, 114.0, 300)
    crowded += _drawn("30", 210.0, 114.0, 400)
    [table] = find_tables(crowded, edges, 1)
    assert table.texts() == [["ระยะเวลา 5 ตามแผนปกครอง", "15"], ["จำนวนคน 6", "30"]]
    # the cell's own first line, a line under the cell above's last and drawn right after it
    # (a producer drawing column by column), with no line crowding it: the cell's own
    tight = first + _drawn("จำนวนคน 6", 42.0, 110.0, 100) + _drawn("ตามแผน", 42.0, 128.0, 150)
    [table] = find_tables(tight, edges, 1)
    assert [row[0] for row in table.texts()] == ["ระยะเวลา 5 ตามแผน", "จำนวนคน 6 ตามแผน"]


def test_an_overflow_under_the_table_with_the_next_text_close_below() -> None:
    """The last row's text runs on under the table (its row too short), and the text after the
    table follows a line's pitch under the row, less under the overflow: the overflow is the
    cell's, and the tone mark of the next line (standing high, near the overflow) stays there."""
    edges = [
        _edge("h", 40, 300, 60, 60), _edge("h", 40, 300, 100, 100),
        _edge("v", 40, 40, 60, 100), _edge("v", 200, 200, 60, 100), _edge("v", 300, 300, 60, 100),
    ]
    chars = (
        _drawn("สรุปผลการ", 42.0, 76.0, 0) + _drawn("ดำเนินงาน", 42.0, 94.0, 20)
        + _drawn("บริหาร", 42.0, 112.0, 40)  # the row's third line, under its bottom rule
        + _drawn("15", 210.0, 76.0, 60)
        + _drawn("แหล่งข้อมูล", 42.0, 126.0, 100)
    )
    page = assemble_page(1, 600.0, 800.0, chars, edges)
    [table] = page.tables
    assert table.texts() == [["สรุปผลการดำเนินงานบริหาร", "15"]]
    assert [ln.text for ln in page.lines] == ["แหล่งข้อมูล"]
