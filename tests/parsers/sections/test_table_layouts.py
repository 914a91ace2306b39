"""Framework and targets tables in layouts the parsers were not built on: the KPI word in English
(`KPI 1: …`), categories merged down beside their KPIs with a weight column of their own, level
points stated in the header without `คะแนน`, and a KPI template's level-number row on the page after
the framework table (which is not the rest of that table)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from parsers.pdf.tables import Cell, Table
from parsers.sections.continuation import continuations, looks_like_rows
from parsers.sections.framework import is_weights_table, kpi_row_label, names_kpi, parse_framework
from parsers.sections.targets import is_targets_table, level_columns, parse_targets

Row = Sequence[tuple[str | None, float, float]]


def _table(rows: Sequence[Row], page: int = 1) -> Table:
    """A table from rows of (text, x0, x1), 20pt high each; a None text: no cell there (merged
    from the row above)."""
    out = [
        [Cell((x0, 20.0 * i, x1, 20.0 * i + 20), page, [], text) for text, x0, x1 in row if text is not None]
        for i, row in enumerate(rows)
    ]
    right = max(x1 for row in rows for _, _, x1 in row)
    left = min(x0 for row in rows for _, x0, _ in row)
    return Table(page, (left, 0.0, right, 20.0 * len(rows)), out)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["KPI 1 ร้อยละของการใช้พลังงานไฟฟ้า"], (1, "ร้อยละของการใช้พลังงานไฟฟ้า")),
        (["KPI 2: ระดับความสำเร็จ"], (2, "ระดับความสำเร็จ")),
        (["kpi ๓ - อัตราการเบิกจ่าย"], (3, "อัตราการเบิกจ่าย")),
        (["Key Performance Indicator 4. ร้อยละ"], (4, "ร้อยละ")),
        (["KPI No. 5 ร้อยละ"], (5, "ร้อยละ")),
        (["6", ": ระดับความสำเร็จ"], (6, "ระดับความสำเร็จ")),  # the number in its own column
        (["KPI"], (None, "KPI")),  # a header
        (["KPI Template"], (None, "KPI Template")),
        (["KPIX 1 ร้อยละ"], (None, "KPIX 1 ร้อยละ")),  # not the word
        (["ตัวชี้วัดที่ 1: ร้อยละ"], (1, "ร้อยละ")),
    ],
)
def test_kpi_rows_labelled_in_english(cells: list[str], expected: tuple[int | None, str]) -> None:
    assert kpi_row_label(cells) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ตัวชี้วัด", True), ("KPI", True), ("KPIs", True), ("kpi", True), ("Key Performance Indicators", True),
     ("ประเด็นการประเมิน", False), ("KPIX", False), ("น้ำหนัก", False)],
)
def test_the_kpi_column_named_in_english(text: str, expected: bool) -> None:
    assert names_kpi(text) is expected


def test_framework_and_targets_tables_headed_kpi() -> None:
    framework = _table(
        [
            [("KPI", 0, 300), ("น้ำหนัก (ร้อยละ)", 300, 380)],
            [("KPI 1: ร้อยละการเบิกจ่าย", 0, 300), ("60", 300, 380)],
            [("KPI 2 ระดับความสำเร็จ", 0, 300), ("40", 300, 380)],
            [("รวม", 0, 300), ("100", 300, 380)],
        ]
    )
    assert is_weights_table(framework)
    info = parse_framework([framework])
    assert {n: (r.name, r.weight) for n, r in info.kpis.items()} == {1: ("ร้อยละการเบิกจ่าย", 60.0), 2: ("ระดับความสำเร็จ", 40.0)}

    levels = [(name, 300 + 60 * i, 360 + 60 * i) for i, name in enumerate(("ขั้นต้น", "มาตรฐาน", "ขั้นสูง"))]
    targets = _table(
        [
            [("KPIs", 0, 250), ("น้ำหนัก", 250, 300), ("เกณฑ์การให้คะแนน", 300, 480)],
            levels,
            [("KPI 1: ร้อยละการเบิกจ่าย", 0, 250), ("60", 250, 300)] + [(f"ร้อยละ {v}", a, b) for v, (_, a, b) in zip((80, 90, 100), levels, strict=True)],
        ]
    )
    assert is_targets_table(targets)
    row = parse_targets([targets]).rows[1]
    assert (row.name, row.weight, row.criteria) == ("ร้อยละการเบิกจ่าย", 60.0, {50.0: "ร้อยละ 80", 75.0: "ร้อยละ 90", 100.0: "ร้อยละ 100"})


def test_categories_merged_down_with_a_weight_column_of_their_own() -> None:
    # ประเด็นการประเมิน | น้ำหนัก | ตัวชี้วัด | น้ำหนัก: the category's two cells span its KPIs' rows
    cat, catw, kpi, w = (0, 140), (140, 190), (190, 420), (420, 470)
    table = _table(
        [
            [("ประเด็นการประเมิน", *cat), ("น้ำหนัก", *catw), ("ตัวชี้วัด", *kpi), ("น้ำหนัก", *w)],
            [("องค์ประกอบที่ 1 คุณภาพการให้บริการ", *cat), ("20", *catw), ("ตัวชี้วัดที่ 1 ร้อยละของผู้รับบริการ", *kpi), ("20", *w)],
            [("องค์ประกอบที่ 2 ศักยภาพของหน่วยงาน", *cat), ("80", *catw), ("KPI 2 ระดับความสำเร็จ", *kpi), ("50", *w)],
            [(None, *cat), (None, *catw), ("ตัวชี้วัดที่ 3 ร้อยละการเบิกจ่าย", *kpi), ("30", *w)],
            [("รวม", 0, 420), ("100", *w)],
        ]
    )
    assert is_weights_table(table)
    info = parse_framework([table])
    assert [(n, wt, m) for n, wt, m, _ in info.categories] == [
        ("องค์ประกอบที่ 1 คุณภาพการให้บริการ", 20.0, [1]),
        ("องค์ประกอบที่ 2 ศักยภาพของหน่วยงาน", 80.0, [2, 3]),
    ]
    assert {n: r.weight for n, r in info.kpis.items()} == {1: 20.0, 2: 50.0, 3: 30.0}
    assert info.total == 100.0


@pytest.mark.parametrize(
    ("headers", "levels"),
    [
        (["ขั้นต้น (50)", "มาตรฐาน (70)", "ขั้นสูง (100)"], [50.0, 70.0, 100.0]),
        (["เกณฑ์ขั้นต้น 50", "เกณฑ์มาตรฐาน 70", "เกณฑ์ขั้นสูง 100"], [50.0, 70.0, 100.0]),
        (["50 คะแนน (ขั้นต้น)", "70 คะแนน (มาตรฐาน)", "100 คะแนน (ขั้นสูง)"], [50.0, 70.0, 100.0]),
        (["ขั้นต้น", "มาตรฐาน", "ขั้นสูง"], [50.0, 75.0, 100.0]),
        (["ขั้นต้น (ร้อยละ 80)", "มาตรฐาน (ร้อยละ 90)", "ขั้นสูง (ร้อยละ 95)"], [50.0, 75.0, 100.0]),
    ],
)
def test_level_points_stated_in_the_header(headers: list[str], levels: list[float]) -> None:
    found = level_columns([(h, 100.0 * i, 100.0 * i + 100) for i, h in enumerate(headers)])
    assert found is not None and sorted(found[1]) == levels


def test_a_templates_level_numbers_on_the_next_page_do_not_continue_the_framework() -> None:
    framework = _table(
        [
            [("ตัวชี้วัด", 40, 460), ("ค่าน้ำหนัก (ร้อยละ)", 460, 550)],
            [("ตัวชี้วัดที่ ๑. ร้อยละการเบิกจ่าย", 40, 460), ("๖๐.๐๐", 460, 550)],
            [("ตัวชี้วัดที่ ๒. ระดับความสำเร็จ", 40, 460), ("๔๐.๐๐", 460, 550)],
            [("รวม", 40, 460), ("๑๐๐.๐๐", 460, 550)],
        ],
        page=2,
    )
    criteria = _table(
        [
            [(d, 40 + 102 * i, 142 + 102 * i) for i, d in enumerate("๑๒๓๔๕")],
            [(f"ไม่น้อยกว่าร้อยละ {v}", 40 + 102 * i, 142 + 102 * i) for i, v in enumerate((75, 80, 85, 90, 95))],
        ],
        page=3,
    )
    assert not looks_like_rows(criteria)
    chain = continuations([framework, criteria], framework, {id(framework)}, opening={id(criteria)})
    assert chain == [framework]
    assert len(parse_framework(chain).categories) == 0


def test_a_kpi_row_lost_to_overprinted_text_leaves_the_kpis_after_it_kpis() -> None:
    # KPI 2's label overprinted by the row above's overflow (a spreadsheet printed to PDF): it
    # no longer reads as a KPI, and KPIs 3 and 4 must not turn into categories for that
    table = _table(
        [
            [("ตัวชี้วัด", 0, 300), ("น้ำหนัก", 300, 380)],
            [("มิติที่ 1 คุณภาพการให้บริการ", 0, 300), ("100", 300, 380)],
            [("ตัวชี้วัดที่ 1 ร้อยละการเบิกจ่าย", 0, 300), ("40", 300, 380)],
            [("บตัริวกชีา้", 0, 300), ("", 300, 380)],
            [("ตัวชี้วัดที่ 3 ระดับความสำเร็จ", 0, 300), ("30", 300, 380)],
            [("ตัวชี้วัดที่ 4 จำนวนครัวเรือน", 0, 300), ("10", 300, 380)],
        ]
    )
    info = parse_framework([table])
    assert sorted(info.kpis) == [1, 3, 4]
    assert [m for _n, _w, m, _p in info.categories] == [[1, 3, 4]]
