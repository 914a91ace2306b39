"""The framework table across a page break: a category cell cut by the break whose name shows
only on the next page (LibreOffice centres it in the merged cell, the part at the page foot
left empty) holds the KPIs beside its empty part too."""

from __future__ import annotations

from parsers.pdf.tables import Cell, Table
from parsers.sections.framework import parse_framework

COLUMNS = [(70.0, 200.0), (200.0, 450.0), (450.0, 530.0)]


def _table(page: int, rows: list[list[str | None]]) -> Table:
    """Rows of (category, KPI, weight) texts; None: no cell there (merged from the row above)."""
    out = []
    for r, texts in enumerate(rows):
        top = 100.0 + 20 * r
        out.append(
            [Cell((x0, top, x1, top + 20), page, [], t) for (x0, x1), t in zip(COLUMNS, texts, strict=True) if t is not None]
        )
    return Table(page, (70.0, 100.0, 530.0, 100.0 + 20 * len(rows)), out)


HEAD = ["ประเด็นการประเมิน", "ตัวชี้วัด", "น้ำหนัก (ร้อยละ)"]


def test_kpis_beside_an_empty_category_cell_at_the_page_foot_join_the_category_named_next() -> None:
    first = _table(3, [HEAD, ["มิติที่ 3 การพัฒนาองค์การ", "ตัวชี้วัดที่ 1 ก", "ร้อยละ 50"], ["", "ตัวชี้วัดที่ 2 ข", "ร้อยละ 20"]])
    second = _table(4, [HEAD, ["มิติที่ 4 ศักยภาพของหน่วยงาน", "ตัวชี้วัดที่ 3 ค", "ร้อยละ 30"], ["รวม", None, "ร้อยละ 100"]])
    info = parse_framework([first, second])
    assert [(name, members) for name, _w, members, _p in info.categories] == [
        ("มิติที่ 3 การพัฒนาองค์การ", [1]),
        ("มิติที่ 4 ศักยภาพของหน่วยงาน", [2, 3]),
    ]


def test_kpis_under_a_category_merged_across_the_break_stay_in_it() -> None:
    # no cell of their own in the category column: the category's cell reaches down beside them
    first = _table(3, [HEAD, ["มิติที่ 3 การพัฒนาองค์การ", "ตัวชี้วัดที่ 1 ก", "ร้อยละ 50"], [None, "ตัวชี้วัดที่ 2 ข", "ร้อยละ 20"]])
    second = _table(4, [HEAD, ["มิติที่ 4 ศักยภาพของหน่วยงาน", "ตัวชี้วัดที่ 3 ค", "ร้อยละ 30"]])
    info = parse_framework([first, second])
    assert [members for _n, _w, members, _p in info.categories] == [[1, 2], [3]]
    # an empty category cell whose next page opens no category: its KPIs stay where they were
    third = _table(4, [HEAD, [None, "ตัวชี้วัดที่ 3 ค", "ร้อยละ 30"]])
    blank = _table(3, [HEAD, ["มิติที่ 3 การพัฒนาองค์การ", "ตัวชี้วัดที่ 1 ก", "ร้อยละ 50"], ["", "ตัวชี้วัดที่ 2 ข", "ร้อยละ 20"]])
    info = parse_framework([blank, third])
    assert [members for _n, _w, members, _p in info.categories] == [[1, 2, 3]]


def test_a_kpi_row_whose_number_a_scan_misread_stays_a_kpi() -> None:
    """`๔. จำนวนครัวเรือน…` read as `ค จำนวนครัวเรือน…`, between KPI 3 and KPI 5 (a category
    between or not): KPI 4, not a category; a row whose name opens with a word is left alone."""
    from dataclasses import replace

    from parsers.sections.framework import FrameworkRow, _classify

    head = [
        FrameworkRow(None, "ประเด็นที่ 1 ประสิทธิภาพ", 40.0, 3),
        FrameworkRow(1, "ระดับความสำเร็จ", 10.0, 3),
        FrameworkRow(2, "ร้อยละการเบิกจ่าย", 10.0, 3),
        FrameworkRow(3, "ร้อยละของระบบงาน", 10.0, 3),
        FrameworkRow(None, "ค จำนวนครัวเรือนที่ได้รับการพัฒนา", 10.0, 3),
    ]
    rows = [replace(r) for r in head] + [
        FrameworkRow(None, "ประเด็นที่ 2 คุณภาพการให้บริการ", 30.0, 3),
        FrameworkRow(5, "คะแนนความพึงพอใจ", 30.0, 3),
    ]
    _classify(rows)
    assert [(r.number, r.is_category) for r in rows[4:]] == [(4, False), (None, True), (5, False)]
    rows2 = [replace(r) for r in head] + [FrameworkRow(5, "คะแนนความพึงพอใจ", 30.0, 3)]
    _classify(rows2)
    assert [(r.number, r.is_category) for r in rows2] == [(None, True), (1, False), (2, False), (3, False), (4, False), (5, False)]
    assert rows2[4].name == "จำนวนครัวเรือนที่ได้รับการพัฒนา"
    rows3 = [
        FrameworkRow(1, "ระดับความสำเร็จ", 10.0, 3),
        FrameworkRow(None, "การพัฒนาองค์การ", 30.0, 3),  # an unnumbered category named by a word
        FrameworkRow(2, "คะแนนความพึงพอใจ", 30.0, 3),
    ]
    _classify(rows3)
    assert [(r.number, r.is_category) for r in rows3] == [(1, False), (None, True), (2, False)]


def test_row_numbers_down_a_numbered_column_follow_the_count() -> None:
    """A scan read ๓ as `เจ` and ๔ as ๕ down a `ลำดับ` column: the count down it says 3 and 4; a
    table with more numbers off than a misreading or two is left as read."""
    from parsers.sections.framework import FrameworkRow, _mend_numbers

    def rows(*numbers: int | None) -> list[FrameworkRow]:
        return [FrameworkRow(n, ("เจ " if n is None else "") + f"ตัวชี้วัด {k}", 10.0, 3, own_cell=n is not None) for k, n in enumerate(numbers)]

    mended = rows(1, 2, None, 5, 5)
    _mend_numbers(mended)
    assert [r.number for r in mended] == [1, 2, 3, 4, 5]
    assert mended[2].name == "ตัวชี้วัด 2"
    total = [*rows(1, 2, 3, None, 5), FrameworkRow(None, "รงม", 50.0, 3)]  # `รวม` misread, the sum
    _mend_numbers(total)
    assert [r.number for r in total] == [1, 2, 3, 4, 5, None]
    unread = rows(1, 2, None, 4, 5, 6, 7, None, None, 10, 11, 12)  # `เฉ`, `เค`, `เร`: the rest in place
    _mend_numbers(unread)
    assert [r.number for r in unread] == list(range(1, 13))
    kept = rows(1, 4, 2, 5, 3)  # numbers that are no misreading of a count: as read
    _mend_numbers(kept)
    assert [r.number for r in kept] == [1, 4, 2, 5, 3]


def test_specks_a_scan_read_before_a_categorys_heading_are_not_its_name() -> None:
    """`๕6 ad ew ๔ องค์ประกอบที่ 3 …`: no word before the ordinal heading, so the name starts
    there; words before it (a real name that mentions a heading later) are kept."""
    from parsers.sections.framework import _without_junk_lead

    assert _without_junk_lead("๕6 ad ew ๔ องค์ประกอบที่ 3 การพัฒนาองค์การ") == "องค์ประกอบที่ 3 การพัฒนาองค์การ"
    assert _without_junk_lead("ด้านที่ 1 คุณภาพ") == "ด้านที่ 1 คุณภาพ"
    assert _without_junk_lead("ยุทธศาสตร์ ด้านที่ 1 คุณภาพ") == "ยุทธศาสตร์ ด้านที่ 1 คุณภาพ"
