"""KPI templates in layouts the dev files do not use: headings in English, a template written as
one label-and-value table, criteria and rounds written as paragraphs, values by year as lines
(the blind generator's `kpi_label`, `template=table`, `criteria_form=list`, `rounds_form`,
`round_label` and `labels` choices, one rule at a time)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from parsers.pdf.document import PageContent
from parsers.pdf.lines import Boxes, Line
from parsers.pdf.tables import Cell, Table
from parsers.sections.blocks import Block
from parsers.sections.criteria import level_label, text_criteria
from parsers.sections.doctext import row_label
from parsers.sections.history import YearState, _value_kind, history_kind, year_rows
from parsers.sections.rounds import round_head, round_rows, text_rounds
from parsers.sections.template import TemplateInfo, _status, heading_of, parse_template

SIZE = 12.0
PITCH = 16.0
RIGHT = 530.0


def _line(text: str, x0: float, top: float, page: int = 1, x1: float | None = None) -> Line:
    """A line of `text` from x0 (to x1 when given, else 0.5 em a character)."""
    w = ((x1 - x0) / len(text)) if x1 is not None else 0.5 * SIZE
    return Line(text, Boxes([(x0 + w * i, top, x0 + w * (i + 1), top + SIZE) for i in range(len(text))]), page, SIZE)


def page(number: int, texts: list[str]) -> PageContent:
    """A page of lines one under another (what `split_templates` reads)."""
    return PageContent(number, 595.0, 842.0, [], [_line(t, 70, 100 + 20 * k, number) for k, t in enumerate(texts)], [], "", 0)


def _lines(rows: Sequence[tuple[str, float] | tuple[str, float, float]], top: float = 100.0, page: int = 1) -> list[Line]:
    """Lines one pitch apart: (text, x0) or (text, x0, x1) for a line that runs to x1."""
    out = []
    for k, row in enumerate(rows):
        x1 = row[2] if len(row) == 3 else None  # type: ignore[misc]
        out.append(_line(row[0], row[1], top + PITCH * k, page, x1))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KPI 1 : ร้อยละการเบิกจ่าย", (1, "ร้อยละการเบิกจ่าย")),
        ("KPI 2 ระดับความสำเร็จ", (2, "ระดับความสำเร็จ")),
        ("kpi no. 3: อัตราการใช้", (3, "อัตราการใช้")),
        ("ตัวชี้วัดที่ 4. : ร้อยละ", (4, "ร้อยละ")),  # `n.` and a colon: neither is part of the name
        ("ตัวชี้วัด ๕ - ระยะเวลา", (5, "ระยะเวลา")),
        ("ตัวชี้วัดที่ 6", (6, "")),  # the name on the next line
        ("KPI Template", None),
        ("ตัวชี้วัดต่อเนื่อง", None),
    ],
)
def test_template_headings_in_english_and_with_any_separator(text: str, expected: tuple[int, str] | None) -> None:
    assert heading_of(text) == expected


def test_a_kpi_row_label_keeps_no_separator_in_its_name() -> None:
    assert row_label(["ตัวชี้วัดที่ 1. : ร้อยละการเบิกจ่าย"]) == (1, "ร้อยละการเบิกจ่าย")
    assert row_label(["ตัวชี้วัดที่ 1.1 ร้อยละ"]) == (None, "ตัวชี้วัดที่ 1.1 ร้อยละ")  # a sub-KPI still is none


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("รอบ 6 เดือน (1 ตุลาคม 2566 – 31 มีนาคม 2567)", (6, "")),
        ("รอบการประเมินที่ 1 (1 ตุลาคม 2566 – 31 มีนาคม 2567)", (6, "")),  # the month from the dates
        ("ผลการดำเนินงานรอบ 9 เดือน", (9, "")),
        ("รอบที่ 2 (12 เดือน)", (12, "")),
        ("๑. รอบ ๑๒ เดือน : สำนัก/กอง มีผลการเบิกจ่าย", (12, "สำนัก/กอง มีผลการเบิกจ่าย")),
        ("รอบการประเมินที่ 2", (None, "")),  # a round, but which months it covers is not said
        ("หากรอบการประเมินใดดำเนินการไม่ครบ จะถูกหักคะแนน", None),
        ("เป้าหมายการดำเนินงานรายรอบ", None),
    ],
)
def test_round_names(text: str, expected: tuple[int | None, str] | None) -> None:
    assert round_head(text) == expected


def test_rounds_written_as_paragraphs() -> None:
    """A round's name, its goal after `เป้าหมาย:`, numbered steps `(1)`; a step wrapped back to the
    margin after a full line, one carried over a page break; the round ends at a label line."""
    page1 = _lines(
        [
            ("เป้าหมายการดำเนินงานรายรอบ", 70),
            ("รอบการประเมินที่ 1 (1 ตุลาคม 2566 – 31 มีนาคม 2567)", 70),
            ("เป้าหมาย: รายงานผลการดำเนินงานต่อผู้บริหาร", 105),
            ("(1) จัดทำแผนการดำเนินงานและเสนอผู้บริหารให้ความเห็นชอบภายในเดือน", 105, 528),
            ("ธันวาคม", 70),  # wrapped back to the margin
            ("(2) ประชุมชี้แจงแนวทางการดำเนินงานแก่ผู้ปฏิบัติงานทุกหน่วยงานในสังกัด", 105, 529),
        ],
        top=600,
    )
    page2 = _lines(
        [
            ("ทั่วประเทศ", 70),  # the rest of step 2, over the page break
            ("(3) ติดตามผล", 105),
            ("ผลการดำเนินงานรอบ 12 เดือน", 70),
            ("ดำเนินการแล้วเสร็จครบถ้วนตามเป้าหมาย", 105),  # an unlabelled goal
            ("1) ประเมินความพึงพอใจ", 105),
            ("เงื่อนไข: หากรอบการประเมินใดดำเนินการไม่ครบทุกขั้นตอน จะถูกหักคะแนน 5 คะแนน", 70),
        ],
        top=50,
        page=2,
    )
    rounds = text_rounds(page1 + page2, RIGHT)
    assert [(r.month, r.goal, r.steps) for r in rounds] == [
        (
            6,
            "รายงานผลการดำเนินงานต่อผู้บริหาร",
            [
                "จัดทำแผนการดำเนินงานและเสนอผู้บริหารให้ความเห็นชอบภายในเดือนธันวาคม",
                "ประชุมชี้แจงแนวทางการดำเนินงานแก่ผู้ปฏิบัติงานทุกหน่วยงานในสังกัดทั่วประเทศ",
                "ติดตามผล",
            ],
        ),
        (12, "ดำเนินการแล้วเสร็จครบถ้วนตามเป้าหมาย", ["ประเมินความพึงพอใจ"]),
    ]


def test_a_short_line_at_the_margin_ends_a_step() -> None:
    lines = _lines(
        [
            ("รอบ 6 เดือน", 70),
            ("เป้าหมาย: รายงานผล", 105),
            ("(1) จัดทำแผน", 105),  # short: what follows at the margin is no wrap of it
            ("ตัวชี้วัดนี้วัดผลจากรายงานของหน่วยงาน", 70),
        ]
    )
    assert [(r.month, r.goal, r.steps) for r in text_rounds(lines, RIGHT)] == [(6, "รายงานผล", ["จัดทำแผน"])]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("ระดับที่ 3", ("five_level", 3.0)),
        ("คะแนน 2", ("five_level", 2.0)),
        ("4 คะแนน", ("five_level", 4.0)),
        ("ขั้นต้น (50 คะแนน)", ("three_level", 50.0)),
        ("75 คะแนน (มาตรฐาน)", ("three_level", 75.0)),
        ("ระดับขั้นสูง = 100 คะแนน", ("three_level", 100.0)),
        ("เกณฑ์มาตรฐาน 70", ("three_level", 70.0)),  # the points the unit states, not the usual 75
        ("แหล่งข้อมูล", None),
    ],
)
def test_level_labels(label: str, expected: tuple[str, float] | None) -> None:
    assert level_label(label) == expected


def test_criteria_as_a_list_with_first_line_indents() -> None:
    """Lines `ระดับขั้นต้น = 50 คะแนน : …` (the colon after the points); a long one wraps back to
    the margin; the heading after the list, one pitch and a bit further down, is not part of it."""
    lines = [
        _line("เกณฑ์การประเมินผล", 70, 100),
        _line("ระดับขั้นต้น = 50 คะแนน : จัดทำแผนการดำเนินงานและเสนอผู้บริหารให้ความเห็นชอบภายใน", 105, 116, x1=529),
        _line("เดือนธันวาคม", 70, 132),
        _line("ระดับมาตรฐาน = 75 คะแนน : ร้อยละ 80", 105, 148),
        _line("ระดับขั้นสูง = 100 คะแนน : จัดทำฐานข้อมูลและเชื่อมโยงกับหน่วยงานที่เกี่ยวข้องทุกแห่ง", 105, 164, x1=500),
        _line("เป้าหมายการดำเนินงานรายรอบ", 70, 185),  # more space above: a heading
    ]
    info = TemplateInfo(1, "", [1])
    text_criteria(lines, info)
    assert info.scale_kind == "three_level"
    assert info.criteria == {
        50.0: "จัดทำแผนการดำเนินงานและเสนอผู้บริหารให้ความเห็นชอบภายในเดือนธันวาคม",
        75.0: "ร้อยละ 80",
        100.0: "จัดทำฐานข้อมูลและเชื่อมโยงกับหน่วยงานที่เกี่ยวข้องทุกแห่ง",
    }


def _cell(texts: Sequence[str], x0: float, x1: float, top: float, page: int = 1) -> Cell:
    lines = [_line(t, x0 + 4, top + 4 + PITCH * k, page) for k, t in enumerate(texts)]
    return Cell((x0, top, x1, top + 8 + PITCH * max(1, len(texts))), page, lines, "\n".join(texts))


def _label_table(rows: Sequence[tuple[str, Sequence[str]]], page: int = 1) -> Table:
    """A two-column label-and-value table: each value's lines in its cell."""
    out: list[list[Cell]] = []
    top = 120.0
    for label, value in rows:
        out.append([_cell([label], 70, 190, top, page), _cell(value, 190, 530, top, page)])
        top += 8 + PITCH * max(1, len(value))
    return Table(page, (70.0, 120.0, 530.0, top), out)


def test_a_template_written_as_one_label_and_value_table() -> None:
    table = _label_table(
        [
            ("ลักษณะตัวชี้วัด", ["ตัวชี้วัดต่อเนื่อง"]),
            ("ค่าน้ำหนัก (ร้อยละ)", ["20"]),
            ("ข้อมูลพื้นฐาน", ["ปีงบประมาณ พ.ศ. 2567 : -", "ปีงบประมาณ พ.ศ. 2568 : 94.19"]),
            ("แผนค่าเป้าหมาย 3 ปี", ["ปี พ.ศ. 2570 : ร้อยละ 95", "ปี พ.ศ. 2571 : ร้อยละ 96"]),
            ("เกณฑ์การวัดผล", ["ขั้นต้น (50 คะแนน) : > 90%", "มาตรฐาน (75 คะแนน) : > 95%", "ขั้นสูง (100 คะแนน) : > 100%"]),
            ("รอบ 6 เดือน (1 ตุลาคม 2569 – 31 มีนาคม 2570)", ["เป้าหมาย: รายงานผล", "ขั้นตอนการดำเนินงาน", "1) จัดทำแผน"]),
            ("หมายเหตุ", ["หากดำเนินการไม่ครบทุกขั้นตอน จะถูกหักคะแนน 5 คะแนนต่อรอบ"]),
            ("แหล่งข้อมูล", ["รายงานผลการดำเนินงานของหน่วยงาน"]),
        ]
    )
    blocks = [Block(1, 100.0, line=_line("KPI 1 : ร้อยละความพึงพอใจ", 70, 100)), Block(1, 120.0, table=table)]
    info = parse_template(1, blocks)
    assert info.name == "ร้อยละความพึงพอใจ"
    assert (info.status, info.weight, info.deduction_points) == ("continuing", 20.0, 5.0)
    assert [(y.year, y.value, y.text) for y in info.baseline] == [(2567, None, "-"), (2568, 94.19, "94.19")]
    assert [(y.year, y.value) for y in info.roadmap] == [(2570, 95.0), (2571, 96.0)]
    # one cell naming every level is the criteria, not a header over the row below (`แหล่งข้อมูล`)
    assert info.criteria == {50.0: "> 90%", 75.0: "> 95%", 100.0: "> 100%"}
    assert [(r.month, r.goal, r.steps) for r in info.rounds] == [(6, "รายงานผล", ["จัดทำแผน"])]


def test_values_by_year_as_lines_under_their_label() -> None:
    lines = _lines(
        [
            ("ตัวชี้วัดที่ 2 ระยะเวลาเฉลี่ย", 70),
            ("ผลการดำเนินงานที่ผ่านมา (Baseline Data)", 70),
            ("2566 : 32 วัน", 105),
            ("2567 : 31 วัน", 105),
            ("ค่าเป้าหมายในอนาคต: ปี 2569 : ไม่เกิน 30 วัน", 70),
            ("เกณฑ์การประเมิน", 70),
        ]
    )
    info = parse_template(2, [Block(1, ln.top, line=ln) for ln in lines])
    assert [(y.year, y.value, y.text) for y in info.baseline] == [(2566, 32.0, "32 วัน"), (2567, 31.0, "31 วัน")]
    assert [(y.year, y.value) for y in info.roadmap] == [(2569, 30.0)]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("ข้อมูลพื้นฐานประกอบตัวชี้วัด", "baseline"),
        ("ผลการดำเนินงานย้อนหลัง", "baseline"),
        ("เป้าหมายรายปี (Roadmap)", "roadmap"),
        ("ค่าเป้าหมายระยะยาว", "roadmap"),
        ("ผลการดำเนินงานรอบ 6 เดือน", None),  # a round's name
        ("เป้าหมายการดำเนินงานรายรอบ", None),
        ("เกณฑ์การให้คะแนน", None),
    ],
)
def test_history_labels(label: str, expected: str | None) -> None:
    assert history_kind(label) == expected


def _grid(rows: Sequence[Sequence[tuple[str, float, float]]], page: int = 1) -> Table:
    out = [[Cell((x0, 20.0 * i, x1, 20.0 * i + 20), page, [], text) for text, x0, x1 in row] for i, row in enumerate(rows)]
    return Table(page, (0.0, 0.0, max(x1 for row in rows for _, _, x1 in row), 20.0 * len(rows)), out)


def test_value_rows_are_labelled_in_their_first_cell() -> None:
    """`ค่าที่วัดได้` labels measured values; `เป้าหมาย` in a rounds table's header is no roadmap."""
    assert _value_kind("ค่าที่วัดได้") == "baseline"
    assert _value_kind("ผลการดำเนินงานรอบ 6 เดือน") is None
    years = _grid([[("ปีงบประมาณ", 0, 100), ("2567", 100, 200), ("2568", 200, 300)], [("ค่าที่วัดได้", 0, 100), ("80", 100, 200), ("85", 200, 300)]])
    rounds = _grid([[("รอบการประเมิน", 0, 100), ("เป้าหมาย", 100, 200), ("ขั้นตอน/กิจกรรม", 200, 300)]])
    info = TemplateInfo(1, "", [1])
    state = YearState()
    year_rows(years, state, info)
    year_rows(rounds, state, info)
    assert [(y.year, y.value) for y in info.baseline] == [(2567, 80.0), (2568, 85.0)]
    assert info.roadmap == []


def test_a_rounds_row_cut_by_a_page_break_under_a_repeated_header() -> None:
    """The round's name cut inside its dates, the header repeated atop the next page, the rest of
    the row under it: one round, its steps in order; `-` in a steps cell is no step."""
    from parsers.sections.rounds import round_body

    header = [("รอบการประเมิน", 0, 150), ("เป้าหมาย", 150, 300), ("ขั้นตอน/กิจกรรม", 300, 500)]
    first = _grid([header, [("รอบ 6 เดือน", 0, 150), ("ดำเนินการตามแผน", 150, 300), ("-", 300, 500)],
                   [("รอบ 9 เดือน (1 ตุลาคม 2565 –", 0, 150), ("ดำเนินการตามแผน", 150, 300), ("1. หารือ", 300, 500)]], page=5)
    rest = _grid([header, [("30 มิถุนายน 2566)", 0, 150), ("", 150, 300), ("2. ทดสอบระบบ", 300, 500)]], page=6)
    for table in (first, rest):
        for row in table.rows:
            for c in row:
                c.lines = [_line(c.text, c.x0 + 2, c.top + 2, c.page)] if c.text else []
    bodies: dict[int, list[Line]] = {}
    open_round: list[int] = []
    columns: dict[str, tuple[float, float]] = {}
    last: list[str] = []
    round_rows(first, bodies, open_round, columns, last)
    round_rows(rest, bodies, open_round, columns, last)
    assert sorted(bodies) == [6, 9]
    assert round_body(6, bodies[6], 500).steps == []
    assert round_body(9, bodies[9], 500).steps == ["หารือ", "ทดสอบระบบ"]


def test_a_label_and_value_row_cut_by_a_page_break() -> None:
    """The rest of a value on the next page, in a row whose label cell is empty."""
    first = _label_table([("แผนค่าเป้าหมาย 3 ปี", ["ปีงบประมาณ 2567 : ร้อยละ 80", "ปีงบประมาณ 2568 : ร้อยละ 85"])], page=5)
    rest = _label_table([("", ["ปีงบประมาณ 2569 : ร้อยละ 90"]), ("เกณฑ์การประเมิน", ["ระดับ 1 : ร้อยละ 60"])], page=6)
    blocks = [Block(5, 100.0, line=_line("ตัวชี้วัดที่ 4 ร้อยละ", 70, 100, 5)), Block(5, 120.0, table=first), Block(6, 120.0, table=rest)]
    info = parse_template(4, blocks)
    assert [(y.year, y.value) for y in info.roadmap] == [(2567, 80.0), (2568, 85.0), (2569, 90.0)]


def test_a_value_cell_reads_every_line_after_a_year_as_its_value() -> None:
    """In a cell of its own a long value wraps however the cell likes, also onto a line that looks
    like a label (`งาน : มีระบบ…`)."""
    table = _label_table([("ค่าเป้าหมายระยะยาว", ["ปีงบประมาณ 2565 : ให้บริการ e-Service ทุกหน่วย", "งาน : มีระบบการยื่นคำขอ", "ปีงบประมาณ 2566 : พัฒนาระบบ"])])
    info = parse_template(1, [Block(1, 100.0, line=_line("ตัวชี้วัดที่ 1 ระดับ", 70, 100)), Block(1, 120.0, table=table)])
    assert [(y.year, y.text) for y in info.roadmap] == [
        (2565, "ให้บริการ e-Service ทุกหน่วยงาน : มีระบบการยื่นคำขอ"),
        (2566, "พัฒนาระบบ"),
    ]


def test_a_stray_heading_before_the_templates_does_not_take_the_kpis_template() -> None:
    """A summary table's last row read as a line (`ตัวชี้วัด 10 จำนวนครัวเรือน 10.00 …`) before the
    templates: KPI 10's heading right after template 9 is still template 10."""
    from parsers.sections.template import split_templates

    pages = [
        page(3, ["ตัวชี้วัด 10 จำนวนครัวเรือน 10.00 3 ครัวเรือน"]),
        page(4, ["ตัวชี้วัด 9 : ระดับความสำเร็จ", "ตัวชี้วัดต่อเนื่อง"]),
        page(5, ["ตัวชี้วัด 10 : จำนวนครัวเรือนที่ได้รับการพัฒนา", "ตัวชี้วัดใหม่"]),
        page(6, ["ตัวชี้วัด 9 ระดับความสำเร็จ"]),  # a summary list after the templates: no new template
    ]
    out = split_templates(pages, set())
    assert [b.line.text for b in out[10] if b.line is not None][:2] == ["ตัวชี้วัด 10 : จำนวนครัวเรือนที่ได้รับการพัฒนา", "ตัวชี้วัดใหม่"]
    assert [b.page for b in out[9]] == [4, 4]  # the list's `ตัวชี้วัด 9` does not restart template 9


def test_a_heading_whose_number_a_scan_misread_is_the_next_template() -> None:
    """`ตัวชีวัดที =. ระยะเวลาเฉลี่ย…` (๔ read as `=`) after template 3 opens template 4; the same
    heading before any template, or a sentence that starts with the word, opens nothing."""
    from parsers.sections.template import split_templates

    pages = [
        page(9, ["ตัวชีวัดที =. ระดับความสำเร็จ", "ตัวชี้วัดต่อเนื่อง"]),
        page(10, ["ตัวชีวัดที่ ๓. ระดับความสำเร็จของการขับเคลื่อน", "ตัวชี้วัดที่ใช้ในการติดตาม"]),
        page(11, ["ตัวชีวัดที =. ระยะเวลาเฉลี่ยในการพิจารณาอนุมัติคำขอ", "ตัวชีวัดต่อเนื่อง"]),
        page(12, ["ตัวชี้วัดที่ ๕ : ร้อยละการเบิกจ่าย"]),
        page(13, ["AIAIAN 6 ร้อยละการเบิกจ่ายงบประมาณ", "ABC 9 ร้อยละ"]),  # the KPI word in Latin junk
        page(14, ["ตัวชีวัดที ๆ ผลคะแนนการประเมินสถานะ"]),  # ๗ read as ๆ, no point after it
    ]
    out = split_templates(pages, set())
    assert sorted(out) == [3, 4, 5, 6, 7]
    assert [b.page for b in out[6]] == [13, 13]  # `ABC 9` is not the next template's number
    assert [b.page for b in out[3]] == [10, 10] and [b.page for b in out[4]] == [11, 11]


def test_a_heading_misread_as_the_next_kpis_number_is_the_missing_kpis_template() -> None:
    """`ตัวชีวัดที่ ๕ ร้อยละความสำเร็จ…` (๔ read as ๕) after template 3, then the real `๕ ร้อยละการ
    เบิกจ่าย…`: the first is template 4. The same heading again over the same KPI (a template
    running on with its heading repeated) is no sign of it."""
    from parsers.sections.template import split_templates

    pages = [
        page(8, ["ตัวชี้วัดที่ ๓ ร้อยละของครัวเรือนเป้าหมาย", "ตัวชี้วัดต่อเนื่อง"]),
        page(9, ["ตัวชีวัดที่ ๕ ร้อยละความสำเร็จของการดำเนินงานตามแผน", "ตัวชีวัดต่อเนื่อง"]),
        page(10, ["ตัวชี้วัดที่ ๕ ร้อยละการเบิกจ่ายงบประมาณ", "ตัวชี้วัดใหม่"]),
        page(11, ["ตัวชี้วัดที่ ๕ ร้อยละการเบิกจ่ายงบประมาณ (ต่อ)", "เงื่อนไข"]),
    ]
    out = split_templates(pages, set())
    assert sorted(out) == [3, 4, 5]
    assert [b.page for b in out[4]] == [9, 9]
    assert [b.page for b in out[5]] == [10, 10, 11, 11]


def test_rounds_rows_whose_names_a_page_break_cut() -> None:
    """A rounds table's last row naming no round yet (`ผลการดำเนินงาน` / `รอบ 12 เดือน (…)` on the
    next page), and a table whose first row is only the end of a round's name."""
    from parsers.sections.rounds import round_body

    header = [("รอบการประเมิน", 0, 150), ("เป้าหมาย", 150, 300), ("ขั้นตอน/กิจกรรม", 300, 500)]
    first = _grid([header, [("ผลการดำเนินงาน", 0, 150), ("ดำเนินการแล้วเสร็จครบ", 150, 300), ("-", 300, 500)]], page=4)
    rest = _grid([header, [("รอบ 12 เดือน (1 ต.ค. 2564 – 30 ก.ย. 2565)", 0, 150), ("ถ้วนตามเป้าหมาย", 150, 300), ("", 300, 500)]], page=5)
    lost = _grid([[("2566 – 31 มีนาคม พ.ศ. 2567)", 0, 150), ("1) จัดทำแผน", 150, 500)]], page=9)
    for table in (first, rest, lost):
        for row in table.rows:
            for c in row:
                c.lines = [_line(c.text, c.x0 + 2, c.top + 2, c.page)] if c.text else []
    bodies: dict[int, list[Line]] = {}
    state: tuple[list[int], dict[str, tuple[float, float]], list[str]] = ([], {}, [])
    round_rows(first, bodies, *state)
    round_rows(rest, bodies, *state)
    assert round_body(12, bodies[12], 300).goal == "ดำเนินการแล้วเสร็จครบถ้วนตามเป้าหมาย"
    bodies = {}
    round_rows(lost, bodies, [], {}, [])
    assert round_body(6, bodies[6], 500).steps == ["จัดทำแผน"]


def test_a_label_and_value_rounds_row_whose_name_a_page_break_cut() -> None:
    first = _label_table([("ผลการดำเนินงานรอบ 6 เดือน", ["เป้าหมาย: รายงานผล"]), ("ผลการดำเนินงาน", ["เป้าหมาย: ดำเนินการแล้วเสร็จ"])], page=13)
    rest = _label_table([("รอบ 12 เดือน (1 ตุลาคม 2564 – 30 กันยายน 2565)", ["-"]), ("แหล่งข้อมูล", ["แบบรายงาน"])], page=14)
    blocks = [Block(13, 100.0, line=_line("ตัวชี้วัดที่ 8 ร้อยละ", 70, 100, 13)), Block(13, 120.0, table=first), Block(14, 120.0, table=rest)]
    info = parse_template(8, blocks)
    assert [(r.month, r.goal) for r in info.rounds] == [(6, "รายงานผล"), (12, "ดำเนินการแล้วเสร็จ")]


@pytest.mark.parametrize(("text", "expected"), [("-", None), ("้ -", None), ("้", None), ("ไม่มี", None), ("จัดทำแผน", "จัดทำแผน")])
def test_a_cell_that_says_nothing(text: str, expected: str | None) -> None:
    """`-` in a goal or steps cell, also with a stray mark a text layer put beside it, is no step."""
    from parsers.sections.rounds import _stated

    assert _stated(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประเภทตัวชีวัด ☐ ตัวชีวัดใหม่ ☑ ตัวชี้วัดต่อเนื่อง", "continuing"),  # a scan lost ้ of the first
        ("ประเภทตัวชีวัด ☑ ตัวชีวัดใหม่ ☐ ตัวชี้วัดต่อเนื่อง", "new"),
        ("สถานะตัวชีวัด : ตัวชีวัดใหม่", "new"),
        ("ประเภทตัวชี้วัด ☐ ตัวชี้วัดใหม่ ☐ ตัวชี้วัดต่อเนื่อง", None),
    ],
)
def test_the_status_is_read_when_a_scan_lost_marks_above_the_line(text: str, expected: str | None) -> None:
    assert _status(text) == expected


def test_a_steps_label_with_a_letter_a_scan_put_in_it_still_ends_the_goal() -> None:
    """`ขันตอนถการดำเนินงาน ๑. …` (the mark lost, a `ถ` read into the label): the steps start there,
    not the goal's wrapped rest; a step that merely begins `ขั้นตอนที่ 1` is no label."""
    from parsers.sections.rounds import round_body

    lines = _lines([("ดำเนินการแล้วเสร็จครบถ้วนตามเป้าหมาย", 80), ("ขันตอนถการดำเนินงาน ๑. ดำเนินการตามแผน", 80), ("๒. จัดทำแผนและเสนอผู้บริหาร", 80)])
    info = round_body(12, lines, None)
    assert info.goal == "ดำเนินการแล้วเสร็จครบถ้วนตามเป้าหมาย"
    assert info.steps == ["ดำเนินการตามแผน", "จัดทำแผนและเสนอผู้บริหาร"]
