"""Targets and template values written the ways unseen agreements write them: bounds (`≥ 80`,
`ไม่เกิน 30 วัน`), a standard level worth 70, the steps label wrapped in a narrow round cell, a
criteria header left at the foot of a page, status lines under every page-top KPI heading.

Pure rules are tested one at a time; the same mechanisms are then checked end to end on small
agreements rendered by ReportLab from the sweep's generator (no LibreOffice needed).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from parsers.pdf.document import PageContent
from parsers.pdf.lines import Boxes, Line
from parsers.pdf.tables import Cell, Table
from parsers.sections.criteria import criteria_rows, text_criteria
from parsers.sections.doctext import squash
from parsers.sections.history import leading_value
from parsers.sections.rounds import round_body
from parsers.sections.targets import criterion_value, level_columns
from parsers.sections.template import TemplateInfo, running_headers
from parsers.thai.numbers import leading_target

# ---- numbers behind a comparison -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥ 90", (">=", Decimal("90"))),
        ("> 95.0%", (">", Decimal("95.0"))),
        ("< 30 วัน", ("<", Decimal("30"))),
        ("≤ 1%", ("<=", Decimal("1"))),
        (">=80", (">=", Decimal("80"))),
        ("ไม่น้อยกว่าร้อยละ ๙๕", (">=", Decimal("95"))),
        ("ไม่เกิน 45 วัน", ("<=", Decimal("45"))),
        ("มากกว่า 10 ราย", (">", Decimal("10"))),
        ("น้อยกว่า 2%", ("<", Decimal("2"))),
        ("ไม่ต่ำกว่า 3.5 คะแนน", (">=", Decimal("3.5"))),
        ("ร้อยละ ≥ 80", (">=", Decimal("80"))),
        ("ร้อยละ ๘๐", (None, Decimal("80"))),
        ("1,250 ราย", (None, Decimal("1250"))),
        ("๒ ,๑๕๔.๒๔", (None, Decimal("2154.24"))),  # a text layer's space beside the comma
        ("399.03 (คะแนนปี 2565)", (None, Decimal("399.03"))),
    ],
)
def test_leading_target_reads_bounds_and_words(text: str, expected: tuple[str | None, Decimal]) -> None:
    assert leading_target(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "มีผลการดำเนินงานไม่น้อยกว่าร้อยละ 50",  # a milestone that mentions a bound later on
        "จัดทำแผนการดำเนินงานและเสนอผู้บริหารให้ความเห็นชอบ",
        "ระดับ 3",
        "-",
        "",
        "≥",
    ],
)
def test_leading_target_leaves_milestones_alone(text: str) -> None:
    assert leading_target(text) is None


def test_grouping_needs_three_digits_after_the_comma() -> None:
    assert leading_target("12 ,5") == (None, Decimal("12"))


@pytest.mark.parametrize(
    ("text", "value"),
    [("≥ 90", 90.0), ("> 95.0%", 95.0), ("< 30 วัน", 30.0), ("ไม่เกิน 1%", 1.0), ("ไม่น้อยกว่าร้อยละ 95", 95.0), ("๘๕ คะแนน", 85.0)],
)
def test_criterion_and_year_values_read_bounds(text: str, value: float) -> None:
    assert criterion_value(text) == value
    assert leading_value(text) == value


def test_milestone_criterion_has_no_value() -> None:
    assert criterion_value("แต่งตั้งคณะทำงานและกำหนดแนวทางการดำเนินงาน") is None


# ---- a three-level header that states its points ---------------------------------------------


def test_standard_level_worth_70_is_read_from_the_header() -> None:
    cells = [("50 คะแนน (ขั้นต้น)", 100.0, 200.0), ("๗๐ คะแนน ( มาตรฐาน)", 200.0, 300.0), ("100 คะแนน (ขั้นสูง)", 300.0, 400.0)]
    found = level_columns(cells)
    assert found == ("three_level", {50.0: (100.0, 200.0), 70.0: (200.0, 300.0), 100.0: (300.0, 400.0)})


def test_header_without_points_keeps_the_usual_levels() -> None:
    cells = [("ขั้นต้น", 100.0, 200.0), ("มาตรฐาน", 200.0, 300.0), ("ขั้นสูง", 300.0, 400.0)]
    assert level_columns(cells) == ("three_level", {50.0: (100.0, 200.0), 75.0: (200.0, 300.0), 100.0: (300.0, 400.0)})


# ---- geometry helpers ------------------------------------------------------------------------


def _line(text: str, x0: float, top: float, size: float = 13.0, width: float | None = None, page: int = 1) -> Line:
    """A line whose characters share its width evenly."""
    w = (width if width is not None else 6.0 * len(text)) / max(len(text), 1)
    return Line(text, Boxes((x0 + k * w, top, x0 + (k + 1) * w, top + size) for k in range(len(text))), page, size)


def _table(rows: list[list[tuple[str, float, float]]], page: int = 1) -> Table:
    out = [[Cell((x0, 20.0 * i, x1, 20.0 * i + 20), page, [], text) for text, x0, x1 in row] for i, row in enumerate(rows)]
    right = max(x1 for row in rows for _, _, x1 in row)
    return Table(page, (0.0, 0.0, right, 20.0 * len(rows)), out)


# ---- rounds: the steps label wrapped in a narrow cell ----------------------------------------


def test_wrapped_steps_label_still_splits_steps_from_goal() -> None:
    texts = ["รายงาน", "ผลการดำเนินงาน", "ต่อผู้บริหาร", "ขั้นตอนการ", "ดำเนินงาน", "1. ประชุมชี้แจงแนว", "ทางการดำเนินงาน", "2. สำรวจ", "ความต้องการของ", "ผู้รับบริการ"]
    lines = [_line(t, 390.0, 450.0 + 18.0 * k) for k, t in enumerate(texts)]
    got = round_body(6, lines, 520.0)
    assert got.goal == "รายงานผลการดำเนินงานต่อผู้บริหาร"
    assert got.steps == ["ประชุมชี้แจงแนวทางการดำเนินงาน", "สำรวจความต้องการของผู้รับบริการ"]


def test_goal_without_steps_label_stays_whole() -> None:
    lines = [_line(t, 390.0, 360.0 + 18.0 * k) for k, t in enumerate(["มีผลการดำเนินงาน", "ไม่น้อยกว่าร้อยละ", "50"])]
    got = round_body(6, lines, 520.0)
    assert got.steps == []
    assert got.goal is not None and got.goal.replace(" ", "") == "มีผลการดำเนินงานไม่น้อยกว่าร้อยละ50"


# ---- criteria: a header at the foot of a page, lines that wrap at a wide pitch ----------------


def test_criteria_header_on_one_page_and_criteria_on_the_next() -> None:
    header = _table([[("เกณฑ์การให้คะแนน", 50.0, 500.0)], [("50 คะแนน (ขั้นต้น)", 50.0, 200.0), ("75 คะแนน (มาตรฐาน)", 200.0, 350.0), ("100 คะแนน (ขั้นสูง)", 350.0, 500.0)]], page=14)
    values = _table([[("5 แปลง", 50.0, 200.0), ("6 แปลง", 200.0, 350.0), ("7 แปลง", 350.0, 500.0)], [("รอบ 6 เดือน", 50.0, 200.0), ("ดำเนินการ", 200.0, 500.0)]], page=15)
    info = TemplateInfo(8, "", [14, 15])
    carried = criteria_rows(header, info)
    assert carried is not None and not info.criteria
    assert criteria_rows(values, info, carried) is None
    assert info.scale_kind == "three_level"
    assert info.criteria == {50.0: "5 แปลง", 75.0: "6 แปลง", 100.0: "7 แปลง"}


def test_levels_down_a_table_cut_by_a_page_break() -> None:
    """Levels read down (label | criterion), the last level's row on the next page: the levels
    of both pieces make the criteria; a table of bare numbered rows without a header stays steps."""
    first = _table([[("ระดับคะแนน", 50.0, 150.0), ("เกณฑ์การให้คะแนน", 150.0, 500.0)], [("50 คะแนน (ขั้นต้น)", 50.0, 150.0), ("ติดตามผล", 150.0, 500.0)], [("75 คะแนน (มาตรฐาน)", 50.0, 150.0), ("จัดทำฐานข้อมูล", 150.0, 500.0)]], page=8)
    rest = _table([[("100 คะแนน (ขั้นสูง)", 50.0, 150.0), ("จัดทำแผน", 150.0, 500.0)]], page=9)
    info = TemplateInfo(3, "", [8, 9])
    carried = criteria_rows(first, info)
    assert carried is not None and not info.criteria
    assert criteria_rows(rest, info, carried) is None
    assert info.criteria == {50.0: "ติดตามผล", 75.0: "จัดทำฐานข้อมูล", 100.0: "จัดทำแผน"}
    steps = _table([[("1", 50.0, 150.0), ("ศึกษา", 150.0, 500.0)], [("2", 50.0, 150.0), ("วางแผน", 150.0, 500.0)]], page=8)
    info = TemplateInfo(3, "", [8])
    assert criteria_rows(steps, info) is None and not info.criteria


def test_header_with_criteria_below_needs_nothing_carried() -> None:
    table = _table([[("ขั้นต้น", 50.0, 200.0), ("มาตรฐาน", 200.0, 350.0), ("ขั้นสูง", 350.0, 500.0)], [("≥ 80", 50.0, 200.0), ("≥ 85", 200.0, 350.0), ("≥ 90", 350.0, 500.0)]])
    info = TemplateInfo(1, "", [1])
    assert criteria_rows(table, info) is None
    assert info.criteria == {50.0: "≥ 80", 75.0: "≥ 85", 100.0: "≥ 90"}


def test_criterion_line_wrapping_at_a_tall_fonts_pitch() -> None:
    """Garuda's line pitch is over twice the font size: a line running to the right edge still
    continues onto the next one, while a short line does not swallow what follows."""
    lines = [
        _line("๕๐ คะแนน (ขั้นต้น) : จัดทำฐานข้อมูลและเชื่อมโยงกับหน่วยงาน", 99.0, 383.7, width=420.0),
        _line("๗๕ คะแนน (มาตรฐาน) : จัดทำแผนการดำเนินงานและเสนอผู้บริหารให้ความเห็น", 99.0, 411.2, width=420.0),
        _line("ชอบ", 99.0, 439.4, width=20.0),
        _line("๑๐๐ คะแนน (ขั้นสูง) : ถอดบทเรียน", 99.0, 466.8, width=200.0),
        _line("เป้าหมายการดำเนินงานรายรอบ", 99.0, 494.0, width=150.0),
    ]
    info = TemplateInfo(4, "", [1])
    text_criteria(lines, info)
    assert info.criteria[75.0].endswith("ให้ความเห็นชอบ")
    assert info.criteria[100.0] == "ถอดบทเรียน"


# ---- status lines under page-top headings are not running headers ----------------------------


def _page(number: int, texts: list[str]) -> PageContent:
    lines = [_line(t, 70.0, 40.0 + 20.0 * k, page=number) for k, t in enumerate(texts)]
    return PageContent(number=number, width=595.0, height=842.0, chars=[], lines=lines, edges=[], raw_text="", image_count=0)


def test_status_line_under_each_heading_is_not_a_running_header() -> None:
    pages = [_page(n, [f"ตัวชี้วัดที่ {n} ร้อยละของงาน {n}", "สถานะตัวชี้วัด : ตัวชี้วัดต่อเนื่อง", "ค่าน้ำหนัก : ร้อยละ 10"]) for n in range(1, 7)]
    assert running_headers(pages) == set()


def test_unit_name_over_every_page_is_still_a_running_header() -> None:
    pages = [_page(n, ["กองยุทธศาสตร์และแผนงาน", f"ตัวชี้วัดที่ {n} ร้อยละของงาน {n}"]) for n in range(1, 7)]
    assert running_headers(pages) == {squash("กองยุทธศาสตร์และแผนงาน")}


# ---- end to end on rendered agreements -------------------------------------------------------


def _render(seed: int, producer: str, tmp: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(truth, extracted record) of the generator's agreement `seed` written by `producer`."""
    from pipeline.extract import extract_file
    from tests.synthetic.factory import generate
    from tests.synthetic.producers import produce

    produced = produce(generate(seed), tmp, producer)
    return produced.truth, extract_file(produced.pdf).to_json_dict()


def _by_number(record: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {k["number"]: k for k in record["kpis"]}


@pytest.fixture(scope="module")
def operators_and_level_70(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    # sweep seed 1, agreement 12: targets written `< 2%`, `> 85%`; standard level worth 70
    return _render(100012, "reportlab", tmp_path_factory.mktemp("ops"))


def test_bounded_targets_are_thresholds_with_values(operators_and_level_70: tuple[dict[str, Any], dict[str, Any]]) -> None:
    truth, got = operators_and_level_70
    bounded = [k for k in truth["kpis"] if any(op in c["text"] for c in k["criteria"] for op in "≥≤<>")]
    assert bounded, "the generator no longer draws bounded targets for this seed"
    kpis = _by_number(got)
    for k in bounded:
        mine = kpis[k["number"]]
        assert mine["scoring"] == "threshold"
        assert [(c["level"], c["text"], c["value"]) for c in mine["criteria"]] == [(c["level"], c["text"], c["value"]) for c in k["criteria"]]


def test_level_70_is_kept(operators_and_level_70: tuple[dict[str, Any], dict[str, Any]]) -> None:
    truth, got = operators_and_level_70
    assert truth["scale"]["levels"] == [50.0, 70.0, 100.0]
    with_criteria = [k for k in got["kpis"] if k["criteria"]]
    assert with_criteria
    for k in with_criteria:
        assert [c["level"] for c in k["criteria"]] == [50.0, 70.0, 100.0]


def test_roadmap_values_behind_bounds(operators_and_level_70: tuple[dict[str, Any], dict[str, Any]]) -> None:
    truth, got = operators_and_level_70
    expected = {(k["number"], y["year"]): y["value"] for k in truth["kpis"] for y in k["roadmap"]}
    assert any(v is not None for v in expected.values())
    found = {(k["number"], y["year"]): y["value"] for k in got["kpis"] for y in k["roadmap"]}
    assert found == expected


def test_status_line_under_a_page_top_heading(operators_and_level_70: tuple[dict[str, Any], dict[str, Any]]) -> None:
    # every template of this agreement starts a page, `สถานะตัวชี้วัด : …` right under its heading
    truth, got = operators_and_level_70
    assert "continuing" in {k["status"] for k in truth["kpis"]}
    assert {n: k["status"] for n, k in _by_number(got).items()} == {k["number"]: k["status"] for k in truth["kpis"]}


def test_status_lines_and_wrapped_round_labels(tmp_path: Path) -> None:
    # sweep seed 1, agreement 24: every template starts a page under `สถานะตัวชี้วัด : …`, and its
    # round cells are narrow enough to wrap `ขั้นตอนการดำเนินงาน`
    truth, got = _render(100024, "reportlab-pua", tmp_path)
    kpis = _by_number(got)
    assert any(k["status"] == "continuing" for k in truth["kpis"])
    assert {k["number"]: k["status"] for k in truth["kpis"]} == {n: k["status"] for n, k in kpis.items()}
    with_steps = [k for k in truth["kpis"] if any(r["steps"] for r in k["rounds"])]
    assert with_steps
    for k in with_steps:
        assert [(r["month"], r["goal"], r["steps"]) for r in kpis[k["number"]]["rounds"]] == [
            (r["month"], r["goal"], r["steps"]) for r in k["rounds"]
        ]


def test_five_level_headers_ocr_could_not_read_are_placed_by_pitch() -> None:
    """A scan's targets header: `ระดับ 1 … ระดับ 3` read, the fourth level's header garbled
    (`ระ(Z`) and cut at the page edge, the fifth off the page. The levels read set the columns'
    width and pitch; the garbled column is level 4 (the last one may be narrower: clipped)."""
    head = [("ลำดับ", 77.0, 127.0), ("ตัวชีวัด", 127.0, 228.0), ("นำหนัก", 286.0, 348.0), ("ค่าเป้าหมาย", 348.0, 596.0)]
    levels = [("ระดับ 1", 348.0, 420.0), ("ระดับ 2", 420.0, 490.0), ("ระดับ 3", 490.0, 561.0), ("ระ(Z", 561.0, 596.0)]
    assert level_columns(head + levels) == (
        "five_level",
        {1.0: (348.0, 420.0), 2.0: (420.0, 490.0), 3.0: (490.0, 561.0), 4.0: (561.0, 596.0)},
    )
    # a fifth column of the same width is level 5
    full = [*levels[:3], ("ระ(Z", 561.0, 632.0), ("?", 632.0, 703.0)]
    kind, columns = level_columns(head + full) or ("", {})
    assert kind == "five_level" and columns[4.0] == (561.0, 632.0) and columns[5.0] == (632.0, 703.0)
    # levels read out of order, or columns of unequal width, say nothing
    assert level_columns(head + [levels[0], levels[2], levels[3]]) is None
    assert level_columns(head + [("ระดับ 1", 348.0, 420.0), ("ระดับ 2", 420.0, 440.0), ("ระดับ 3", 440.0, 561.0)]) is None


def test_four_full_level_columns_are_no_five_level_scale() -> None:
    """Four readable levels whose last column is as wide as the others is a table of four levels,
    not a five-level one cut at the page edge: not read as a targets table."""
    cells = [("ระดับ 1", 348.0, 420.0), ("ระดับ 2", 420.0, 490.0), ("ระดับ 3", 490.0, 561.0), ("ระดับ 4", 561.0, 632.0)]
    assert level_columns(cells) is None
