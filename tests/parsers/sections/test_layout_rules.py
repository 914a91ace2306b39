"""The section parsers' rules for layouts other than the dev files', one rule at a time
(the synthetic agreements in tests/pipeline/test_synthetic_agreements.py test them together)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from parsers.pdf.lines import Boxes, Line
from parsers.pdf.tables import Cell, Table
from parsers.sections.cover import _paragraph_parties, parse_cover
from parsers.sections.criteria import criteria_rows
from parsers.sections.doctext import join_thai, row_label
from parsers.sections.framework import is_weights_table
from parsers.sections.signatures import signature_column
from parsers.sections.targets import parse_targets
from parsers.sections.template import _DEDUCT, _WEIGHT, TemplateInfo, _status


def _table(rows: Sequence[Sequence[tuple[str, float, float]]], page: int = 1) -> Table:
    """A table from rows of (text, x0, x1); each row 20pt high."""
    out = [[Cell((x0, 20.0 * i, x1, 20.0 * i + 20), page, [], text) for text, x0, x1 in row] for i, row in enumerate(rows)]
    right = max(x1 for row in rows for _, _, x1 in row)
    return Table(page, (0.0, 0.0, right, 20.0 * len(rows)), out)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["๓", "ร้อยละการเบิกจ่าย"], (3, "ร้อยละการเบิกจ่าย")),
        (["12.", "ระดับความสำเร็จ"], (12, "ระดับความสำเร็จ")),
        (["๓. ร้อยละการเบิกจ่าย"], (3, "ร้อยละการเบิกจ่าย")),
        (["ส่วนที่ ๑ ตัวชี้วัดตามยุทธศาสตร์"], (None, "ส่วนที่ ๑ ตัวชี้วัดตามยุทธศาสตร์")),
        (["2566", "ร้อยละ 100"], (None, "2566 ร้อยละ 100")),  # a year is not a row number
        (["", "๔", "", "ชื่อ"], (4, "ชื่อ")),
        (["ตัวชี้วัดที่ ๑ ร้อยละของผู้ป่วย"], (1, "ร้อยละของผู้ป่วย")),  # the row says it is a KPI
        (["ตัวชี้วัด 3 : อัตราป่วย"], (3, "อัตราป่วย")),
        (["ตัวชี้วัดที่ 2. ระยะเวลาเฉลี่ย"], (2, "ระยะเวลาเฉลี่ย")),
        (["ตัวชี้วัดที่ 1.1 ร้อยละ"], (None, "ตัวชี้วัดที่ 1.1 ร้อยละ")),  # a sub-KPI is not KPI 1
        (["ตัวชี้วัด"], (None, "ตัวชี้วัด")),  # a header
    ],
)
def test_row_label_reads_a_number_in_its_own_column(cells: list[str], expected: tuple[int | None, str]) -> None:
    assert row_label(cells) == expected


def test_cover_sentence_with_kap_and_nai_thana_in_either_order() -> None:
    text = (
        "๑. คำรับรองนี้เป็นคำรับรองระหว่าง นางสุภาพร เจริญวงศ์ ผู้อำนวยการกองแผนงาน ในฐานะผู้ทำคำรับรอง "
        "กับ นายธีรพงษ์ อินทรสุวรรณ อธิบดีกรมทางหลวงชนบท ในฐานะผู้รับคำรับรอง ๒. คำรับรองนี้… "
        "๖. ผู้รับคำรับรองและผู้ทำคำรับรองได้เข้าใจคำรับรอง"
    )
    assert _paragraph_parties(text) == {
        "maker": ("นางสุภาพร เจริญวงศ์", "ผู้อำนวยการกองแผนงาน"),
        "grantor": ("นายธีรพงษ์ อินทรสุวรรณ", "อธิบดีกรมทางหลวงชนบท"),
    }


def test_cover_labelled_parties() -> None:
    text = join_thai(
        [
            "๑. คู่คำรับรอง",
            "ผู้รับคำรับรอง",
            ": นายชัยวัฒน์ ศรีสวัสดิ์ ตำแหน่ง ผู้ว่าราชการ",
            "จังหวัดน่าน",
            "ผู้ทำคำรับรอง",
            ": นายแพทย์ปรีชา วงศ์ใหญ่ ตำแหน่ง นายแพทย์",
            "สาธารณสุขจังหวัดน่าน",
            "๒. ระยะเวลาของคำรับรอง …",
            "๖. ผู้รับคำรับรองและผู้ทำคำรับรองได้เข้าใจ",
        ]
    )
    assert _paragraph_parties(text) == {
        "grantor": ("นายชัยวัฒน์ ศรีสวัสดิ์", "ผู้ว่าราชการจังหวัดน่าน"),
        "maker": ("นายแพทย์ปรีชา วงศ์ใหญ่", "นายแพทย์สาธารณสุขจังหวัดน่าน"),
    }


def test_signature_column_with_wrapped_position_role_label_and_wrapped_date() -> None:
    parts = ["ผู้อำนวยการศูนย์เทคโนโลยี", "สารสนเทศและการสื่อสาร", "(ผู้ทำคำรับรอง)", "วันที่ ๑๙ เดือน ธันวาคม พ.ศ.", "๒๕๖๖"]
    assert signature_column(parts) == ("ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", date(2023, 12, 19), "maker")
    # the next signature row's bracketed name ends the column
    assert signature_column(["รองปลัดกระทรวงมหาดไทย", "(นายสมชาย ใจดี)", "วันที่ 1 ธ.ค. 2566"]) == (
        "รองปลัดกระทรวงมหาดไทย",
        None,
        None,
    )


def test_a_signature_date_whose_year_ocr_lost_takes_the_fiscal_years() -> None:
    """`วันที่ ๑๔ เดือน ตุลาคม พ.ศ.` (the year lost) and `จันที่ ๑๐ ต.ค.` under a position: the
    date line ends the position, and the cover's fiscal year gives the date its year."""
    from parsers.sections.signatures import with_year

    position, signed, _ = signature_column(["อธิบดีกรมควบคุมมลพิษ", "วันที่ ๑๔ เดือน ตุลาคม พ.ศ."])
    assert position == "อธิบดีกรมควบคุมมลพิษ"
    assert with_year(signed, 2569) == date(2025, 10, 14)
    _, signed, _ = signature_column(["ผู้อำนวยการกองคลัง", "จันที่ ๑๐ ต.ค."])
    assert with_year(signed, 2566) == date(2022, 10, 10) and with_year(signed, None) is None
    assert with_year(date(2023, 5, 1), 2569) == date(2023, 5, 1)  # a whole date: as read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประเภทตัวชี้วัด ☐ ตัวชี้วัดใหม่ ☑ ตัวชี้วัดต่อเนื่อง", "continuing"),
        ("ประเภทตัวชี้วัด ☑ ตัวชี้วัดใหม่ ☐ ตัวชี้วัดต่อเนื่อง", "new"),
        ("ประเภทตัวชี้วัด ☐ ตัวชี้วัดใหม่ ☐ ตัวชี้วัดต่อเนื่อง", None),
        ("สถานะตัวชี้วัด : ตัวชี้วัดใหม่", "new"),
        ("ตัวชี้วัดต่อเนื่อง", "continuing"),
    ],
)
def test_status_is_the_ticked_one(text: str, expected: str | None) -> None:
    assert _status(text) == expected


def test_weight_and_deduction_wordings() -> None:
    assert (m := _WEIGHT.search("น้ำหนัก (ร้อยละ) : 25")) and m.group(1) == "25"
    assert (m := _WEIGHT.search("ค่าน้ำหนัก : ร้อยละ ๑๕")) and m.group(1) == "๑๕"
    assert (m := _DEDUCT.search("จะถูกหักคะแนนรอบละ ๕ คะแนน")) and m.group(1) == "๕"
    assert (m := _DEDUCT.search("จะถูกหัก 10 คะแนน")) and m.group(1) == "10"
    assert (m := _DEDUCT.search("จะถูกหักคะแนนรอบ ละ 5 คะแนน")) and m.group(1) == "5"  # `รอบละ` wrapped


def test_criteria_down_a_column_need_level_labels_or_a_header() -> None:
    steps = _table([[(str(n), 0, 40), (f"ขั้นตอน {n}", 40, 300)] for n in range(1, 6)])
    info = TemplateInfo(1, "", [1])
    criteria_rows(steps, info)
    assert info.criteria == {} and info.scale_kind is None  # a numbered list, not levels

    levels = _table([[("ระดับคะแนน", 0, 40), ("เกณฑ์การให้คะแนน", 40, 300)]] + [[(str(n), 0, 40), (f"ร้อยละ {60 + 5 * n}", 40, 300)] for n in range(1, 6)])
    info = TemplateInfo(1, "", [1])
    criteria_rows(levels, info)
    assert info.scale_kind == "five_level"
    assert info.criteria == {1.0: "ร้อยละ 65", 2.0: "ร้อยละ 70", 3.0: "ร้อยละ 75", 4.0: "ร้อยละ 80", 5.0: "ร้อยละ 85"}


@pytest.mark.parametrize(
    ("labels_read", "expected"),
    [
        (["๑", "เว", "๓", "๔", "๕"], {1.0: "150", 2.0: "200", 3.0: "250", 4.0: "300", 5.0: "350"}),
        (["๑", "๒", "เฉล", "๔", "๕"], {1.0: "150", 2.0: "200", 3.0: "250", 4.0: "300", 5.0: "350"}),
        (["เว", "๒", "๓", "๔", "๕"], {1.0: "150", 2.0: "200", 3.0: "250", 4.0: "300", 5.0: "350"}),
        (["๑", "เว", "เฉล", "๔", "๕"], {}),  # two unread: nothing to place them by
    ],
)
def test_a_level_label_ocr_could_not_read_is_the_level_its_row_stands_for(labels_read: list[str], expected: dict) -> None:
    """A scan read ๒ as `เว` down a levels column: the row between levels 1 and 3 is level 2."""
    rows = [[("ระดับคะแนน", 0, 40), ("เกณฑ์การให้คะแนน", 40, 300)]]
    rows += [[(label, 0, 40), (str(100 + 50 * n), 40, 300)] for n, label in enumerate(labels_read, start=1)]
    info = TemplateInfo(1, "", [1])
    criteria_rows(_table(rows), info)
    assert info.criteria == expected


def test_framework_table_whose_first_kpi_is_a_level_of_success() -> None:
    table = _table(
        [
            [("ตัวชี้วัด", 0, 300), ("น้ำหนัก (ร้อยละ)", 300, 380)],
            [("1. ระดับความสำเร็จของการพัฒนาระบบ", 0, 300), ("20", 300, 380)],
            [("2. ร้อยละการเบิกจ่าย", 0, 300), ("80", 300, 380)],
        ]
    )
    assert is_weights_table(table)


def test_targets_columns_and_category_rows() -> None:
    head = [("ลำดับ", 0, 30), ("ตัวชี้วัด", 30, 200), ("หน่วยวัด", 200, 250), ("น้ำหนัก", 250, 290), ("เกณฑ์การให้คะแนน", 290, 590)]
    levels = [(f"ระดับ {n}", 290 + 60 * (n - 1), 290 + 60 * n) for n in range(1, 6)]
    table = _table(
        [
            head,
            levels,
            [("ส่วนที่ 1 ตัวชี้วัดตามยุทธศาสตร์", 0, 590)],  # one cell across the table
            [("1", 0, 30), ("ร้อยละของหญิงตั้งครรภ์", 30, 200), ("ร้อยละ", 200, 250), ("10", 250, 290)]
            + [(str(60 + 5 * n), 290 + 60 * (n - 1), 290 + 60 * n) for n in range(1, 6)],
            [("ด้านที่ 2 การพัฒนาองค์กร", 0, 200), ("", 200, 250), ("40", 250, 290), ("", 290, 590)],  # with a weight
            [("2", 0, 30), ("การพัฒนาองค์กร", 30, 200), ("ระดับ", 200, 250), ("40", 250, 290)]
            + [(f"ขั้นที่ {n}", 290 + 60 * (n - 1), 290 + 60 * n) for n in range(1, 6)],
            [("รวม", 0, 200), ("", 200, 250), ("50", 250, 290), ("", 290, 590)],
        ]
    )
    info = parse_targets([table])
    assert info.kind == "five_level"
    row = info.rows[1]
    assert (row.name, row.unit, row.weight, row.criteria[1.0]) == ("ร้อยละของหญิงตั้งครรภ์", "ร้อยละ", 10.0, "65")
    assert info.rows[2].name == "การพัฒนาองค์กร"
    assert [(n, w, m) for n, w, m, _ in info.categories] == [
        ("ส่วนที่ 1 ตัวชี้วัดตามยุทธศาสตร์", None, [1]),
        ("ด้านที่ 2 การพัฒนาองค์กร", 40.0, [2]),
    ]


def test_professional_titles_stand_for_nai_and_nang() -> None:
    from parsers.sections.signatures import _NAME_IN_BRACKETS

    text = join_thai(
        [
            "๑. คู่คำรับรอง",
            "ผู้รับคำรับรอง : นายแพทย์ธีรวัฒน์ สุขประเสริฐ ตำแหน่ง อธิบดีกรมควบคุมโรค",
            "ผู้ทำคำรับรอง : แพทย์หญิงวรรณา ศรีอุดม ตำแหน่ง ผู้อำนวยการสำนักงานป้องกันควบคุมโรคที่ ๗",
            "๒. ระยะเวลาของคำรับรอง …",
        ]
    )
    assert _paragraph_parties(text)["maker"] == ("แพทย์หญิงวรรณา ศรีอุดม", "ผู้อำนวยการสำนักงานป้องกันควบคุมโรคที่ ๗")
    names = [m.group(1) for m in _NAME_IN_BRACKETS.finditer("(นายแพทย์ธีรวัฒน์ สุขประเสริฐ)   (ทันตแพทย์หญิงสุดา ใจดี)")]
    assert names == ["นายแพทย์ธีรวัฒน์ สุขประเสริฐ", "ทันตแพทย์หญิงสุดา ใจดี"]


def _line(text: str, x0: float, top: float, size: float = 14.0) -> Line:
    """A line of `text` starting at x0, each character 0.5 em wide."""
    w = 0.5 * size
    return Line(text, Boxes([(x0 + w * i, top, x0 + w * (i + 1), top + size) for i in range(len(text))]), 1, size)


def test_signatures_one_under_the_other_with_the_role_on_the_signature_line() -> None:
    lines = [
        _line("คำรับรองการปฏิบัติราชการ", 200, 50),
        _line("สำนักงานที่ดินจังหวัดขอนแก่น", 190, 70),
        _line("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", 195, 90),
        _line("๑. คำรับรองนี้เป็นคำรับรองระหว่างผู้รับคำรับรองและผู้ทำคำรับรอง", 80, 120),
        _line("ลงชื่อ ........................ ผู้รับคำรับรอง", 300, 500),
        _line("(นายธนพัฒน์ รุ่งเรืองศรี)", 320, 520),
        _line("อธิบดีกรมที่ดิน", 340, 540),
        _line("๒๖ ธ.ค. ๖๖", 350, 560),
        _line("ลงชื่อ ........................ ผู้ทำคำรับรอง", 300, 600),
        _line("(นางกาญจนา ศรีสุข)", 330, 620),
        _line("เจ้าพนักงานที่ดินจังหวัดขอนแก่น", 310, 640),
        _line("๒๐ ธ.ค. ๖๖", 350, 660),
    ]
    info = parse_cover(lines, 1)
    assert [(p.role, p.name, p.position, p.signed_on) for p in info.parties] == [
        ("grantor", "นายธนพัฒน์ รุ่งเรืองศรี", "อธิบดีกรมที่ดิน", date(2023, 12, 26)),
        ("maker", "นางกาญจนา ศรีสุข", "เจ้าพนักงานที่ดินจังหวัดขอนแก่น", date(2023, 12, 20)),
    ]


def test_framework_categories_in_a_column_of_their_own() -> None:
    from parsers.sections.framework import parse_framework

    table = _table(
        [
            [("ประเด็นการประเมิน", 0, 150), ("ตัวชี้วัด", 150, 400), ("ค่าน้ำหนัก", 400, 460)],
            [("ประเด็นที่ ๑ ประสิทธิผล", 0, 150), ("๑. ระยะเวลาเฉลี่ย", 150, 400), ("๒๐", 400, 460)],  # merged down
            [("๒. ร้อยละของเรื่องร้องเรียน", 150, 400), ("๒๐", 400, 460)],
            [("ประเด็นที่ ๒ ประสิทธิภาพ", 0, 150), ("๓. ร้อยละการเบิกจ่าย", 150, 400), ("๖๐", 400, 460)],  # one KPI
            [("รวม", 0, 400), ("๑๐๐", 400, 460)],
        ]
    )
    assert is_weights_table(table)
    info = parse_framework([table])
    assert [(n, w, m) for n, w, m, _ in info.categories] == [
        ("ประเด็นที่ ๑ ประสิทธิผล", None, [1, 2]),
        ("ประเด็นที่ ๒ ประสิทธิภาพ", None, [3]),
    ]
    assert {n: (r.name, r.weight) for n, r in info.kpis.items()} == {
        1: ("ระยะเวลาเฉลี่ย", 20.0),
        2: ("ร้อยละของเรื่องร้องเรียน", 20.0),
        3: ("ร้อยละการเบิกจ่าย", 60.0),
    }
    # a numbered category is named without its number; a number column is no category
    from parsers.sections.framework import leading_category

    assert leading_category(["๑. ประเด็นที่ ๑ ประสิทธิผล", "ตัวชี้วัดที่ ๑ ระยะเวลาเฉลี่ย"]) == "ประเด็นที่ ๑ ประสิทธิผล"
    assert leading_category(["๑", "ระยะเวลาเฉลี่ย"]) is None
    assert leading_category(["ร้อยละการเบิกจ่าย", "ร้อยละ"]) is None


@pytest.mark.parametrize("label", ["ปีงบประมาณ", "ปีงบประมาณ พ.ศ.", "ปี พ.ศ.", "พ.ศ.", "ปี"])
def test_year_rows_labelled_any_way(label: str) -> None:
    from parsers.sections.history import YearState, year_rows

    table = _table(
        [
            [(label, 0, 100), ("๒๕๖๕", 100, 200), ("๒๕๖๖", 200, 300)],
            [("ผลการดำเนินงาน", 0, 100), ("ร้อยละ ๘๖.๖๗", 100, 200), ("ร้อยละ ๙๑.๓๐", 200, 300)],
            [(label, 0, 100), ("๒๕๖๗", 100, 200), ("๒๕๖๘", 200, 300)],
            [("เป้าหมาย", 0, 100), ("๓๕ วัน", 100, 200), ("๓๐ วัน", 200, 300)],
        ]
    )
    info = TemplateInfo(1, "", [1])
    year_rows(table, YearState(), info)
    assert [(y.year, y.value, y.text) for y in info.baseline] == [(2565, 86.67, "ร้อยละ ๘๖.๖๗"), (2566, 91.3, "ร้อยละ ๙๑.๓๐")]
    assert [(y.year, y.value) for y in info.roadmap] == [(2567, 35.0), (2568, 30.0)]


def test_rounds_named_by_number_and_dates() -> None:
    from parsers.sections.rounds import round_month_from_dates, round_rows

    assert round_month_from_dates("รอบการประเมินที่ ๑ (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)") == 6
    assert round_month_from_dates("รอบที่ 2 (1 เม.ย. 2567 - 30 ก.ย. 2567)") == 12  # counted from 1 October
    assert round_month_from_dates("รอบการประเมินที่ 2 (ต.ค. 66 – มิ.ย. 67)") is None  # no day: not a date
    assert round_month_from_dates("รอบที่ 1 (1 ตุลาคม 2566 – 31 ธันวาคม 2566)") is None  # a quarter is no round
    # a scan that read the last year's Thai digits as Latin letters still names the month
    assert round_month_from_dates("รอบการประเมินที ๑ ตุลาคม ๒๕๖๕ ๓๑ มีนาคม webb)") == 6
    assert round_month_from_dates("รอบการประเมินที ๒ ตุลาคม ๒๕๖๕ ๓๐ มิถุนายน led»)") == 9
    assert round_month_from_dates("รอบที่ 1 (1 ตุลาคม 2566 –") is None  # only the start: no end month
    table = _table(
        [
            [("รอบการประเมินที่ ๑ (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)", 0, 150), ("เดินสำรวจแล้วไม่น้อยกว่า ๖๐๐ แปลง", 150, 450)],
            [("รอบการประเมินที่ ๒ (๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)", 0, 150), ("เดินสำรวจแล้ว ๑,๓๐๐ แปลง", 150, 450)],
        ]
    )
    bodies: dict = {}
    round_rows(table, bodies, [], {})
    assert sorted(bodies) == [6, 12]


def test_a_round_whose_end_month_ocr_could_not_read_takes_its_place() -> None:
    """`30 UNUIGU 2569` (มิถุนายน read by the English model) between the 6- and 12-month rounds:
    the 9-month round, not part of the 12-month one; alone it says nothing."""
    from parsers.sections.rounds import round_rows, unknown_rounds_placed

    def rows(*names: str) -> dict:
        table = _table([[(name, 0, 150), (f"เป้าหมาย {k}", 150, 450)] for k, name in enumerate(names)])
        for row in table.rows:  # each goal cell with its one line
            row[1].lines.append(_line(row[1].text, 151.0, row[1].top + 2, 12.0))
        bodies: dict = {}
        round_rows(table, bodies, [], {})
        return {m: [ln.text for ln in body] for m, body in unknown_rounds_placed(bodies).items()}

    first = "รอบการประเมินที่ 1 (1 ตุลาคม 2568 - 31 มีนาคม 2569)"
    unread = "รอบการประเมินที่ 2 (1 ตุลาคม 2568 - 30 UNUIGU 2569)"
    last = "รอบการประเมินที่ 3 (1 ตุลาคม 2568 - 30 กันยายน 2569)"
    assert rows(first, unread, last) == {6: ["เป้าหมาย 0"], 9: ["เป้าหมาย 1"], 12: ["เป้าหมาย 2"]}
    assert rows(first, unread) == {6: ["เป้าหมาย 0"]}  # 9 or 12: its place does not tell
    # months OCR misread in the name itself (`5` for 6, `ฒ` for ๙), two of them before the 12-month
    # round: the 6- and the 9-month rounds, in order, each its own
    assert rows("เป้าหมายรอบ 5 เดือน", "เป้าหมายรอบ ฒเดือน", "เป้าหมายรอบ ๑๒ เดือน") == {
        6: ["เป้าหมาย 0"],
        9: ["เป้าหมาย 1"],
        12: ["เป้าหมาย 2"],
    }


def test_years_down_a_column() -> None:
    from parsers.sections.history import YearState, year_rows

    baseline = _table(
        [
            [("ปีงบประมาณ", 0, 100), ("ผลการดำเนินงาน", 100, 300)],
            [("2565", 0, 100), ("98.72%", 100, 300)],
            [("2566", 0, 100), ("99.10%", 100, 300)],
        ]
    )
    roadmap = _table([[("ปีงบประมาณ", 0, 100), ("ค่าเป้าหมาย", 100, 300)], [("2568", 0, 100), ("1,350 ครัวเรือน", 100, 300)]])
    info = TemplateInfo(1, "", [1])
    state = YearState()
    year_rows(baseline, state, info)
    year_rows(roadmap, state, info)
    assert [(y.year, y.value, y.text) for y in info.baseline] == [(2565, 98.72, "98.72%"), (2566, 99.1, "99.10%")]
    assert [(y.year, y.value, y.text) for y in info.roadmap] == [(2568, 1350.0, "1,350 ครัวเรือน")]


def test_years_down_a_column_cut_by_a_page_break() -> None:
    """The last year's row on the next page, in a table of its own without the header."""
    from parsers.sections.history import YearState, year_rows

    first = _table([[("ปีงบประมาณ", 0, 100), ("เป้าหมาย", 100, 300)], [("๒๕๗๐", 0, 100), ("ร้อยละ ๘๐", 100, 300)]], page=14)
    rest = _table([[("๒๕๗๑", 0, 100), ("ร้อยละ ๘๕", 100, 300)], [("เกณฑ์การให้คะแนน", 0, 300)]], page=15)
    info = TemplateInfo(5, "", [14, 15])
    state = YearState()
    year_rows(first, state, info)
    year_rows(rest, state, info)
    assert [(y.year, y.value) for y in info.roadmap] == [(2570, 80.0), (2571, 85.0)]


def test_criteria_written_as_lines() -> None:
    from parsers.sections.criteria import text_criteria

    def at(text: str, x0: float, k: int) -> Line:
        return _line(text, x0, 100 + 19 * k)

    lines = [
        at("เกณฑ์การประเมิน", 77, 0),
        at("ระดับ 1 : แต่งตั้งคณะทำงานขับเคลื่อนโรงเรียนคุณภาพประจำ", 105, 1),
        at("ตำบลระดับเขตพื้นที่การศึกษา", 105, 2),  # wrapped
        at("ระดับ 2 : จัดทำแผนพัฒนา", 105, 3),
        at("ระดับคะแนน 3 หมายถึง นิเทศ ติดตาม", 105, 4),
        at("ระดับ 4 : ผ่านเกณฑ์การประเมิน", 105, 5),
        at("ระดับ 5 : สรุปบทเรียน", 105, 6),
        at("เป้าหมายการดำเนินงานรายรอบ", 77, 7),  # back at the margin: not part of level 5
    ]
    info = TemplateInfo(2, "", [1])
    text_criteria(lines, info)
    assert info.scale_kind == "five_level"
    assert info.criteria == {
        1.0: "แต่งตั้งคณะทำงานขับเคลื่อนโรงเรียนคุณภาพประจำตำบลระดับเขตพื้นที่การศึกษา",
        2.0: "จัดทำแผนพัฒนา",
        3.0: "นิเทศ ติดตาม",
        4.0: "ผ่านเกณฑ์การประเมิน",
        5.0: "สรุปบทเรียน",
    }
    # a level or two mentioned in the text is not a criteria list
    info = TemplateInfo(2, "", [1])
    text_criteria(lines[:3], info)
    assert info.criteria == {} and info.scale_kind is None


def test_a_part_heading_right_under_a_full_last_criterion_is_not_its_wrapped_rest() -> None:
    """The last level's text filled its line, so the next line (at the margin, one pitch down)
    looked like its wrapped rest; a line that is only a template part's heading never is."""
    from parsers.sections.criteria import text_criteria
    from parsers.sections.layout import part_heading

    def at(text: str, k: int, x1: float = 500.0) -> Line:
        return Line(text, Boxes([(77.0, 100 + 19.0 * k, x1, 114 + 19.0 * k)]), 1, 14.0)

    lines = [at("เกณฑ์การประเมิน", 0, 160)]
    lines += [at(f"ระดับ {n} : จัดทำแผนการดำเนินงานและเสนอผู้บริหารให้ความเห็นชอบ", n) for n in range(1, 6)]
    lines.append(at("เป้าหมายการดำเนินงานรายรอบ", 6, 230))
    info = TemplateInfo(2, "", [1])
    text_criteria(lines, info)
    assert info.criteria[5.0] == "จัดทำแผนการดำเนินงานและเสนอผู้บริหารให้ความเห็นชอบ"
    assert part_heading("เป้าหมายการดำเนินงานรายรอบ") and part_heading("ขั้นตอนการดำเนินงาน :")
    # a criterion's wrapped rest that happens to open with such a word is not a heading
    assert not part_heading("เป้าหมาย") and not part_heading("เป้าหมายที่กำหนด ภายในเดือนกันยายน")
    assert not part_heading("ผลการดำเนินงานตามแผนรายไตรมาส")  # `ติดตามและประเมิน` / `ผลการ…` wrapped
    # the heading over the rounds, and a round's name opening a line, in other wordings
    assert part_heading("การติดตามผลการดำเนินงานรายรอบ")
    assert part_heading("ผลการดำเนินงานรอบ 6 เดือน (1 ตุลาคม พ.ศ. 2563 – 31 มีนาคม พ.ศ. 2564)")
    assert part_heading("รอบการประเมินที่ 1 (1 ต.ค. 2566 – 31 มี.ค. 2567)")
    assert not part_heading("ดำเนินการครบทุกรอบ 2 ครั้ง")


def test_a_signature_label_a_narrow_cell_wrapped_ends_the_position() -> None:
    """`วัน` / `ที่ ....` (and `ลง` / `ชื่อ`) wrapped in a narrow label cell: the label put back
    together ends the position instead of being read as part of it."""
    position, signed, _ = signature_column(["อธิบดีกรมอนามัย", "วัน", "ที่"])
    assert position == "อธิบดีกรมอนามัย" and signed is None
    position, _, _ = signature_column(["ผู้อำนวยการกองกลาง", "วัน", "ที่ ๒ ต.ค. ๒๕๖๕"])
    assert position == "ผู้อำนวยการกองกลาง"
    # a position that merely ends in a label's first syllable keeps it
    assert signature_column(["ผู้ช่วยผู้อำนวยการฝ่ายวัน", "(นายสมชาย ใจดี)"])[0] == "ผู้ช่วยผู้อำนวยการฝ่ายวัน"


def test_a_break_between_thai_words_is_a_space_where_the_document_writes_one() -> None:
    known = ["กับ นายวีรยุทธ สายสุวรรณ ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", "ประถมศึกษาสุพรรณบุรี เขต 1 ในฐานะผู้ทำคำรับรอง"]
    parts = ["ผู้อำนวยการสำนักงานเขตพื้นที่", "การศึกษาประถมศึกษาสุพรรณบุรี", "เขต 1"]
    assert join_thai(parts, known) == "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี เขต 1"
    assert join_thai(parts) == "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรีเขต 1"  # nothing to go by
    # short common words decide nothing
    assert join_thai(["ได้พิจารณาและ", "เห็นชอบ"], ["และ เห็นชอบ"]) == "ได้พิจารณาและเห็นชอบ"


def test_the_units_name_wrapped_over_two_title_lines() -> None:
    lines = [
        _line("คำรับรองการปฏิบัติราชการ", 200, 50),
        _line("ของ สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี", 80, 70),
        _line("เขต 1", 280, 90),
        _line("ประจำปีงบประมาณ พ.ศ. 2566", 180, 110),
        _line("1. คำรับรองนี้เป็นคำรับรองระหว่าง นายประเสริฐ ทองดี", 80, 140),
        _line("ประถมศึกษาสุพรรณบุรี เขต 1 ในฐานะผู้ทำคำรับรอง", 80, 160),
    ]
    assert parse_cover(lines, 1).organization == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี เขต 1"
    # one line before the fiscal year: the name is that line
    assert parse_cover([lines[0], _line("กองแผนงาน", 250, 70), lines[3], lines[4]], 1).organization == "กองแผนงาน"


def test_period_written_as_a_range() -> None:
    def cover(period_line: str) -> list[Line]:
        return [
            _line("คำรับรองการปฏิบัติราชการ", 200, 50),
            _line("กองแผนงาน", 250, 70),
            _line("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", 180, 90),
            _line("๑. คู่คำรับรอง ผู้รับคำรับรอง", 80, 120),
            _line(period_line, 80, 140),
        ]

    # a unit set up in January: its agreement runs for the rest of the fiscal year
    info = parse_cover(cover("๒. ระยะเวลาของคำรับรอง ๑ มกราคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๗"), 1)
    assert info.period == (date(2024, 1, 1), date(2024, 9, 30))
    # no dates: the fiscal year's
    info = parse_cover(cover("๒. ใช้สำหรับระยะเวลา ๑ ปี"), 1)
    assert info.period == (date(2023, 10, 1), date(2024, 9, 30))


def test_targets_categories_in_a_column_of_their_own() -> None:
    levels = [(f"ระดับ {n}", 300 + 50 * (n - 1), 300 + 50 * n) for n in range(1, 6)]

    def kpi(n: int, name: str, w: str, cat: str | None = None) -> list[tuple[str, float, float]]:
        cells = [(cat, 0.0, 100.0)] if cat else []
        return cells + [(f"{n}. {name}", 100, 250), (w, 250, 300)] + [(f"ร้อยละ {80 + m}", 300 + 50 * m, 350 + 50 * m) for m in range(5)]

    table = _table(
        [
            [("ประเด็นการประเมิน", 0, 100), ("ตัวชี้วัด", 100, 250), ("น้ำหนัก (ร้อยละ)", 250, 300), ("เกณฑ์การให้คะแนน", 300, 550)],
            levels,
            kpi(1, "ร้อยละที่เพิ่มขึ้นของรายได้", "20", "ด้านที่ 1 ประสิทธิผล"),  # merged down over KPI 2
            kpi(2, "อัตราการเสียชีวิต", "20"),
            kpi(3, "ร้อยละของเรื่องร้องเรียน", "60", "2. ด้านที่ 2 คุณภาพ"),  # numbered
        ]
    )
    info = parse_targets([table])
    assert sorted(info.rows) == [1, 2, 3] and info.rows[1].name == "ร้อยละที่เพิ่มขึ้นของรายได้"
    assert [(n, w, m) for n, w, m, _ in info.categories] == [("ด้านที่ 1 ประสิทธิผล", None, [1, 2]), ("ด้านที่ 2 คุณภาพ", None, [3])]


def test_signatures_at_the_top_of_the_covers_second_page() -> None:
    from parsers.pdf.document import PageContent
    from parsers.sections.cover import cover_lines

    def page(number: int, lines: list[Line]) -> PageContent:
        return PageContent(number, 595.0, 842.0, [], lines, [], "", 0)

    cover = page(
        1,
        [
            _line("คำรับรองการปฏิบัติราชการ", 200, 50),
            _line("สำนักงานจังหวัดนครสวรรค์", 200, 70),
            _line("ประจำปีงบประมาณ พ.ศ. ๒๕๖๔", 190, 90),
            _line("๖. ผู้รับคำรับรองและผู้ทำคำรับรองได้เข้าใจคำรับรอง", 80, 700),
        ],
    )
    second = page(
        2,
        [
            _line("(นายอนุสรณ์ ชัยมงคล)", 100, 80),
            _line("(นางสาวศศิธร พึ่งบุญ)", 350, 80),
            _line("ผู้ว่าราชการจังหวัดนครสวรรค์", 80, 100),
            _line("หัวหน้าสำนักงานจังหวัดนครสวรรค์", 330, 100),
            _line("ผู้รับคำรับรอง", 110, 120),
            _line("ผู้ทำคำรับรอง", 360, 120),
            _line("วันที่ ๒๕ ธันวาคม ๒๕๖๓", 100, 140),
            _line("วันที่ ๒๑ ธันวาคม ๒๕๖๓", 350, 140),
        ],
    )
    info = parse_cover(cover_lines(cover, second), 1)
    assert [(p.role, p.position, p.signed_on) for p in info.parties] == [
        ("grantor", "ผู้ว่าราชการจังหวัดนครสวรรค์", date(2020, 12, 25)),
        ("maker", "หัวหน้าสำนักงานจังหวัดนครสวรรค์", date(2020, 12, 21)),
    ]
    # a cover that is signed keeps to itself
    signed = page(1, cover.lines + second.lines[:2])
    assert cover_lines(signed, second) is signed.lines


def test_cover_parties_in_blocks_of_lines() -> None:
    from parsers.sections.cover import _block_parties

    lines = [
        _line("1. คู่คำรับรอง", 80, 100),
        _line("ผู้รับคำรับรอง", 100, 120),
        _line("นายสุทธิพงษ์ จันทร์เพ็ญ", 140, 140),
        _line("รองอธิบดีกรมการพัฒนาชุมชน", 140, 160),
        _line("ผู้ทำคำรับรอง :", 100, 180),
        _line("นางสาวพัชรินทร์ บุญมาก", 140, 200),
        _line("ผู้อำนวยการสำนักงานเขตพื้นที่", 140, 220),  # a position over two lines
        _line("การศึกษาประถมศึกษาสุพรรณบุรี", 140, 240),
        _line("2. ระยะเวลาของคำรับรอง", 80, 260),
    ]
    assert _block_parties(lines) == {
        "grantor": ("นายสุทธิพงษ์ จันทร์เพ็ญ", "รองอธิบดีกรมการพัฒนาชุมชน"),
        "maker": ("นางสาวพัชรินทร์ บุญมาก", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี"),
    }
    # the paragraph's own closing sentence names both roles on one line: no block
    assert _block_parties([_line("6. ผู้รับคำรับรองและผู้ทำคำรับรองได้เข้าใจ", 80, 100)]) == {}


def test_signature_blocks_one_on_each_page() -> None:
    from parsers.pdf.document import PageContent
    from parsers.sections.cover import cover_lines

    cover = PageContent(
        1,
        595.0,
        842.0,
        [],
        [
            _line("คำรับรองการปฏิบัติราชการ", 200, 50),
            _line("ลงชื่อ ........................ ผู้รับคำรับรอง", 300, 700),
            _line("(นายธนพัฒน์ รุ่งเรืองศรี)", 320, 720),
            _line("อธิบดีกรมที่ดิน", 340, 740),
            _line("วันที่ ๒๖ ธ.ค. ๒๕๖๖", 340, 760),
        ],
        [],
        "",
        0,
    )
    second = PageContent(
        2,
        595.0,
        842.0,
        [],
        [
            _line("ลงชื่อ ........................ ผู้ทำคำรับรอง", 300, 60),
            _line("(นางกาญจนา ศรีสุข)", 330, 80),
            _line("เจ้าพนักงานที่ดินจังหวัดขอนแก่น", 310, 100),
            _line("วันที่ ๒๐ ธ.ค. ๒๕๖๖", 340, 120),
        ],
        [],
        "",
        0,
    )
    info = parse_cover(cover_lines(cover, second), 1)
    assert [(p.role, p.position, p.signed_on) for p in info.parties] == [
        ("grantor", "อธิบดีกรมที่ดิน", date(2023, 12, 26)),
        ("maker", "เจ้าพนักงานที่ดินจังหวัดขอนแก่น", date(2023, 12, 20)),
    ]


def test_cover_sentence_with_a_name_wrapped_between_given_name_and_surname() -> None:
    lines = [
        _line("1. คำรับรองนี้เป็นคำรับรองระหว่าง นายประเสริฐ ทองดี เลขาธิการ", 80, 100),
        _line("คณะกรรมการการศึกษาขั้นพื้นฐาน ในฐานะผู้รับคำรับรอง กับ นายวีรยุทธ", 80, 120),
        _line("สายสุวรรณ ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา ในฐานะผู้ทำคำรับรอง", 80, 140),
        _line("(นายวีรยุทธ สายสุวรรณ)", 300, 400),  # the signature writes the name on one line
    ]
    text = join_thai([ln.text for ln in lines], [ln.text for ln in lines])
    assert _paragraph_parties(text)["maker"] == ("นายวีรยุทธ สายสุวรรณ", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา")


def test_a_continued_table_may_match_any_earlier_piece() -> None:
    from parsers.sections.continuation import continuations

    cols = [("ประเด็นการประเมิน", 0, 100), ("ตัวชี้วัด", 100, 250), ("น้ำหนัก", 250, 300), ("เกณฑ์", 300, 500)]
    first = _table([cols, [("ด้านที่ 1", 0, 100), ("1. ร้อยละ", 100, 250), ("20", 250, 300), ("80", 300, 500)]], page=2)
    # the next page's piece lost its category cell: it starts at the KPI column
    second = _table([[("2. จำนวน", 100, 250), ("20", 250, 300), ("10", 300, 500)]], page=3)
    # the piece after it has the whole outline again, and opens with a category cell
    third = _table([[("ด้านที่ 2", 0, 100), ("3. คะแนน", 100, 250), ("60", 250, 300), ("90", 300, 500)]], page=4)
    assert continuations([first, second, third], first, {id(first)}) == [first, second, third]


def test_a_signed_name_tells_where_the_position_starts() -> None:
    from parsers.sections.cover import _split_name_position

    # the surname ends a line and the position starts the next: no space to split at
    glued = "นายแพทย์ธีรวัฒน์ สุขประเสริฐอธิบดีกรมควบคุมโรค"
    assert _split_name_position(glued) == (glued, "")
    assert _split_name_position(glued, ["แพทย์หญิงวรรณา ศรีอุดม", "นายแพทย์ธีรวัฒน์ สุขประเสริฐ"]) == (
        "นายแพทย์ธีรวัฒน์ สุขประเสริฐ",
        "อธิบดีกรมควบคุมโรค",
    )


def test_each_signature_column_serves_one_role() -> None:
    # the maker signs on the left; only the maker is named in a way the signatures match
    lines = [
        _line("คำรับรองการปฏิบัติราชการ", 200, 50),
        _line("๑. คำรับรองนี้เป็นคำรับรองระหว่าง นายสมชาย ใจดีอธิบดีกรมตัวอย่าง ในฐานะผู้รับคำรับรอง", 80, 100),
        _line("กับ นางสาวสมหญิง รักงาน ผู้อำนวยการกองแผนงาน ในฐานะผู้ทำคำรับรอง", 80, 120),
        _line("(นางสาวสมหญิง รักงาน)", 100, 500),
        _line("(นายสมชาย ใจดีมาก)", 350, 500),
        _line("ผู้อำนวยการกองแผนงาน", 90, 520),
        _line("อธิบดีกรมตัวอย่าง", 350, 520),
        _line("วันที่ ๒๐ ธ.ค. ๒๕๖๖", 100, 540),
        _line("วันที่ ๒๖ ธ.ค. ๒๕๖๖", 350, 540),
    ]
    parties = {p.role: (p.name, p.signed_on) for p in parse_cover(lines, 1).parties}
    assert parties == {
        "grantor": ("นายสมชาย ใจดีมาก", date(2023, 12, 26)),  # the column the maker left
        "maker": ("นางสาวสมหญิง รักงาน", date(2023, 12, 20)),
    }


def test_side_by_side_signatures_with_a_speck_beside_one_name() -> None:
    # a scan read `(นางพรทิพย์ สุขเจริญ) 4.`: the row of names is still two columns
    lines = [
        _line("คำรับรองการปฏิบัติราชการ", 200, 50),
        _line("กองการเจ้าหน้าที่", 220, 70),
        _line("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", 195, 90),
        _line("(นายประเสริฐ วงศ์ไพบูลย์)", 110, 600),
        _line("(นางพรทิพย์ สุขเจริญ) 4.", 360, 600),
        _line("รองปลัดกระทรวงเกษตรและสหกรณ์", 87, 620),
        _line("ผู้อำนวยการกองการเจ้าหน้าที่", 340, 620),
        _line("TUN ๒๐ เดือน ธันวาคม ๒๕๖๕", 100, 640),
        _line("TUN ๑๔ WAU ธันวาคม ๒๕๖๕", 334, 640),
    ]
    info = parse_cover(lines, 1)
    assert [(p.role, p.name, p.position, p.signed_on) for p in info.parties] == [
        ("grantor", "นายประเสริฐ วงศ์ไพบูลย์", "รองปลัดกระทรวงเกษตรและสหกรณ์", date(2022, 12, 20)),
        ("maker", "นางพรทิพย์ สุขเจริญ", "ผู้อำนวยการกองการเจ้าหน้าที่", date(2022, 12, 14)),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("๑,. ร้อยละการเบิกจ่าย", (1, "ร้อยละการเบิกจ่าย")), ("๒, ร้อยละของบุคลากร", (2, "ร้อยละของบุคลากร")),
     ("20,000 บาท", None), ("๓) ระดับ", (3, "ระดับ"))],
)
def test_numbered_rows_as_a_scan_writes_them(text: str, expected: tuple[int, str] | None) -> None:
    from parsers.sections.doctext import numbered

    assert numbered(text) == expected


def test_a_name_read_by_ocr_is_spelt_as_the_text_layer_spells_it() -> None:
    from parsers.sections.doctext import respell

    header = "คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ กองการเจ้าหน้าที่"
    assert respell("กองการเจ้าหน้าที", [header]) == "กองการเจ้าหน้าที่"  # the tone mark OCR lost
    assert respell("คารบรองการปฏิบตราชการ", [header]) == "คำรับรองการปฏิบัติราชการ"
    assert respell("กองคลัง", [header]) == "กองคลัง"  # not written there: unchanged
    assert respell("กอง", [header]) == "กอง"  # too short to decide anything


@pytest.mark.parametrize(
    ("text", "number"),
    [("ตัวชี้วัดที่ 2 ระดับความสำเร็จ", "2"), ("ตัวชวัดท 2 ระดับความสำเร็จ", "2"),  # marks lost by OCR
     ("ตัวขี้วัดที่ ๓ ร้อยละ", "๓"), ("ตัวชี้วัด 4 : ร้อยละ", "4")],
)
def test_kpi_template_heading_also_as_a_scan_reads_it(text: str, number: str) -> None:
    from parsers.sections.template import _HEADING

    m = _HEADING.match(text)
    assert m is not None and m.group(1) == number


def test_kpi_template_heading_is_not_a_status_word() -> None:
    from parsers.sections.template import _HEADING

    assert _HEADING.match("ตัวชี้วัดต่อเนื่อง") is None
    assert _HEADING.match("ตัวชี้วัดใหม่") is None


def test_framework_category_numbered_like_the_kpi_before_it() -> None:
    """Categories numbered 1., 2. … among KPIs numbered 1, 2 … on: KPI `2.` followed by category
    `2.` — the one named like a category (`องค์ประกอบที่ ๒ …`) is the category."""
    from parsers.sections.framework import named_like_category, parse_framework

    table = _table(
        [
            [("ประเด็นการประเมิน / ตัวชี้วัด", 0, 400), ("น้ำหนัก", 400, 460)],
            [("๑. องค์ประกอบที่ ๑ การพัฒนาองค์การ", 0, 400), ("๐.๒๐", 400, 460)],
            [("๑. ร้อยละการเบิกจ่ายงบประมาณ", 0, 400), ("๐.๑๐", 400, 460)],
            [("๒. ร้อยละของการใช้พลังงานไฟฟ้า", 0, 400), ("๐.๑๐", 400, 460)],
            [("๒. องค์ประกอบที่ ๒ ประสิทธิภาพ", 0, 400), ("๐.๘๐", 400, 460)],
            [("๓. ระดับความสำเร็จของการบริหารความเสี่ยง", 0, 400), ("๐.๘๐", 400, 460)],
            [("รวม", 0, 400), ("๑.๐๐", 400, 460)],
        ]
    )
    info = parse_framework([table])
    assert [(n, m) for n, _, m, _ in info.categories] == [
        ("องค์ประกอบที่ ๑ การพัฒนาองค์การ", [1, 2]),
        ("องค์ประกอบที่ ๒ ประสิทธิภาพ", [3]),
    ]
    assert named_like_category("ด้านที่ ๒ ประสิทธิผลตามพันธกิจ") and named_like_category("มิติที่ 1 คุณภาพ")
    assert not named_like_category("ร้อยละของครัวเรือนที่ผ่านเกณฑ์") and not named_like_category("ระดับความสำเร็จ")


def test_targets_header_repeated_with_a_clipped_weight_label() -> None:
    """A header repeated on the next page whose weight label lost its second line (`ค่าน้ำ`) is
    still the header it repeats: the weights and the category row under it are read."""
    def head(weight: str) -> list[list[tuple[str, float, float]]]:
        return [
            [("ลำดับ", 0, 30), ("ตัวชี้วัด", 30, 200), (weight, 200, 250), ("ค่าเป้าหมาย", 250, 550)],
            [(str(n), 250 + 60 * (n - 1), 250 + 60 * n) for n in range(1, 6)],
        ]

    def kpi(n: int, weight: str) -> list[tuple[str, float, float]]:
        return [(str(n), 0, 30), (f"ร้อยละที่ {n}", 30, 200), (weight, 200, 250)] + [
            (str(80 + n), 250 + 60 * (k - 1), 250 + 60 * k) for k in range(1, 6)
        ]

    first = _table([*head("ค่าน้ำหนัก"), kpi(1, "10")], page=3)
    second = _table([*head("ค่าน้ำ"), kpi(2, "หนั 15"), [("ด้านที่ 2 ประสิทธิผล", 0, 200), ("75", 200, 250), ("", 250, 550)]], page=4)
    info = parse_targets([first, second])
    assert {n: r.weight for n, r in info.rows.items()} == {1: 10.0, 2: 15.0}
    assert info.rows[2].name == "ร้อยละที่ 2"
    assert [(n, w) for n, w, _, _ in info.categories] == [("ด้านที่ 2 ประสิทธิผล", 75.0)]
