"""Results sheets (CSV, XLSX): reading Thai-written numbers, and rejecting bad sheets by row and column."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipeline.errors import SheetError
from pipeline.results_sheet import load_results
from pipeline.scoring import KPIResult
from tests.pipeline.scoring_helpers import SAMPLES, truth

D01 = truth("d01_mdb_2566")  # 1, 2, 5 milestone; 3 direct; 4, 6 threshold; scale 50/75/100
HEADER = "kpi,round,value,level,incomplete_rounds\n"


def csv_sheet(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "results.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_reads_the_dev_corpus_sheet() -> None:
    sheet = load_results(SAMPLES / "d01_mdb_2566.results.csv", D01)
    assert sheet.results == (
        KPIResult(1, 12, level=D(100)),
        KPIResult(2, 12, level=D(75), incomplete_rounds=(9,)),
        KPIResult(3, 12, value=D("96.2")),
        KPIResult(4, 12, value=D("98.7")),
        KPIResult(5, 12, level=D(100), incomplete_rounds=(6,)),
        KPIResult(6, 12, value=D("421.5")),
    )
    assert sheet.rows == (2, 3, 4, 5, 6, 7)
    assert sheet.rounds == [12]


def test_thai_digits_percent_and_thousands_separators(tmp_path: Path) -> None:
    path = csv_sheet(
        tmp_path,
        '๑,๑๒,,๑๐๐,\n3,12,๙๖.๒%,,\n4,12,ร้อยละ 98.7,,\n6,12,"1,421.5",,\n2,12,,75,๖;๙\n5,12,, 50 ,"6, 9"\n',
    )
    results = {r.kpi: r for r in load_results(path, D01).results}
    assert results[1] == KPIResult(1, 12, level=D(100))
    assert results[3].value == D("96.2")
    assert results[4].value == D("98.7")
    assert results[6].value == D("1421.5")
    assert results[2].incomplete_rounds == (6, 9)
    assert results[5] == KPIResult(5, 12, level=D(50), incomplete_rounds=(6, 9))


def test_optional_columns_and_extra_columns(tmp_path: Path) -> None:
    path = csv_sheet(tmp_path, "1,งานที่ 1,,75\n3,เบิกจ่าย,96.2,\n", header="kpi,name,value,level\n")
    assert load_results(path, D01).results == (
        KPIResult(1, 12, level=D(75)),
        KPIResult(3, 12, value=D("96.2")),
    )


def test_empty_result_cells_mean_no_result(tmp_path: Path) -> None:
    path = csv_sheet(tmp_path, "1,12,,,\n,,,,\n3,12,96.2,,\n")
    sheet = load_results(path, D01)
    assert [r.has_result for r in sheet.results] == [False, True]
    assert sheet.rows == (2, 4)  # the blank row 3 is skipped, row numbers stay the spreadsheet's


def test_rows_of_other_rounds_are_kept_apart(tmp_path: Path) -> None:
    path = csv_sheet(tmp_path, "4,9,96,,\n4,12,98.7,,\n1,9,,50,6\n")
    sheet = load_results(path, D01)
    assert sheet.rounds == [9, 12]
    assert [r.kpi for r in sheet.for_round(9)] == [4, 1]
    assert sheet.for_round(12) == [KPIResult(4, 12, value=D("98.7"))]


def test_milestone_level_zero_means_none_reached(tmp_path: Path) -> None:
    assert load_results(csv_sheet(tmp_path, "1,12,,0,\n"), D01).results == (KPIResult(1, 12, level=D(0)),)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("1,12,,100,\n3,12,abc,,\n", "row 3, column value: 'abc' is not a number"),
        ("4,12,12abc,,\n", "row 2, column value: '12abc' is not a number"),
        ("4,12,1 234,,\n", "row 2, column value: '1 234' is not a number"),
        ("9,12,,50,\n", "row 2, column kpi: the agreement has no KPI 9 (its KPIs: 1, 2, 3, 4, 5, 6)"),
        ("x,12,,50,\n", "row 2, column kpi: 'x' is not a number"),
        ("1.5,12,,50,\n", "row 2, column kpi: '1.5' is not a whole number"),
        (",12,,50,\n", "row 2, column kpi: empty"),
        (
            "1,12,,60,\n",
            "row 2, column level: 60 is not a level of the scale (50, 75, 100; 0 = none reached)",
        ),
        ("1,12,,high,\n", "row 2, column level: 'high' is not a number"),
        (
            "3,12,96.2,,\n1,12,,50,\n3,12,97,,\n",
            "row 4, column kpi: KPI 3 round 12 is already given in row 2",
        ),
        (
            "1,12,75,,\n",
            "row 2, column value: KPI 1 is a milestone KPI: give the level reached in column level, not a value",
        ),
        (
            "4,12,,75,\n",
            "row 2, column level: KPI 4 is a threshold KPI: give its result in column value, not a level",
        ),
        (
            "3,12,96,75,\n",
            "row 2, column level: KPI 3 is a direct KPI: give its result in column value, not a level",
        ),
        ("1,10,,50,\n", "row 2, column round: 10 is not a round (6, 9 or 12)"),
        (
            "1,12,,50,12\n",
            "row 2, column incomplete_rounds: '12' is not a round that can be incomplete by round 12",
        ),
        (
            "1,6,,50,9\n",
            "row 2, column incomplete_rounds: '9' is not a round that can be incomplete by round 6",
        ),
        ("1,12,,50,6;6\n", "row 2, column incomplete_rounds: round 6 is listed twice"),
        ("2,12,,,9\n", "row 2, column level: empty, but KPI 2 has incomplete rounds"),
        ("1,12,,50,,extra\n", "row 2: more cells than the header has columns"),
    ],
)
def test_bad_sheets_name_row_and_column(tmp_path: Path, body: str, reason: str) -> None:
    path = csv_sheet(tmp_path, body)
    with pytest.raises(SheetError) as caught:
        load_results(path, D01)
    assert caught.value.reason.startswith(reason)
    assert caught.value.file == str(path)
    assert caught.value.line(lang="en") == f"{path}: error: {caught.value.reason}"
    assert caught.value.line(lang="th") == f"{path}: error: {caught.value.text('th')}"
    assert caught.value.text("th").startswith("แถว ")


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("kpi,round,value\n", "row 1: no column level"),
        ("kpi,value,value,level\n", "row 1, column value: the column appears twice"),
        ("", "row 1: the sheet is empty"),
    ],
)
def test_bad_headers(tmp_path: Path, header: str, reason: str) -> None:
    with pytest.raises(SheetError, match=reason):
        load_results(csv_sheet(tmp_path, "", header=header), D01)


def test_header_may_carry_a_bom_and_capitals(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("\ufeffKPI,Round,Value,Level,Incomplete_Rounds\r\n3,12,96.2,,\r\n".encode())
    assert load_results(path, D01).results == (KPIResult(3, 12, value=D("96.2")),)


def test_unsupported_files(tmp_path: Path) -> None:
    with pytest.raises(SheetError, match=r"must be \.csv or \.xlsx, not \.xls"):
        load_results(tmp_path / "r.xls", D01)
    latin1 = tmp_path / "r.csv"
    latin1.write_bytes(b"kpi,value,level\n3,\xe9,\n")
    with pytest.raises(SheetError, match="not UTF-8"):
        load_results(latin1, D01)
    broken = tmp_path / "r.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(SheetError, match="not a readable XLSX file"):
        load_results(broken, D01)


def xlsx_sheet(tmp_path: Path, rows: list[list[object]], percent_cells: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kpi", "round", "value", "level", "incomplete_rounds"])
    for row in rows:
        sheet.append(row)
    for ref in percent_cells:
        sheet[ref].number_format = "0.0%"
    path = tmp_path / "results.xlsx"
    book.save(path)
    return path


def test_xlsx_numbers_text_and_percent_cells(tmp_path: Path) -> None:
    path = xlsx_sheet(
        tmp_path,
        [
            [1, 12, None, 100, None],
            [2, 12, None, "๗๕", "9"],
            [3, 12, 0.962, None, None],  # shown as 96.2% in Excel
            [4, 12, 98.7, None, None],
            [5, 12, None, 100, 6],
            [6, 12, "421.5", None, None],
        ],
        percent_cells=("C4",),
    )
    sheet = load_results(path, D01)
    assert sheet.results == load_results(SAMPLES / "d01_mdb_2566.results.csv", D01).results


def test_xlsx_errors_name_row_and_column(tmp_path: Path) -> None:
    path = xlsx_sheet(tmp_path, [[1, 12, None, 100, None], [3, 12, "n/a", None, None]])
    with pytest.raises(SheetError) as caught:
        load_results(path, D01)
    assert caught.value.reason == "row 3, column value: 'n/a' is not a number"


@pytest.mark.parametrize("kpi", [3, 4])  # direct percent, threshold percent
def test_a_negative_percentage_is_refused(tmp_path: Path, kpi: int) -> None:
    with pytest.raises(SheetError, match="a percentage cannot be negative"):
        load_results(csv_sheet(tmp_path, f"{kpi},12,-50,,\n"), D01)
