"""The assembly step: weights written as fractions of one come out in percent, as the truth has
them, on real PDFs from other producers (tests/data/sweep); percent weights are left alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.assemble import PRECEDENCE, is_fraction

SWEEP = Path(__file__).resolve().parent.parent / "data" / "sweep"
FRACTION_FILES = ["a100010_2564.reportlab-pua", "a100019_2567.reportlab", "a100098_2568.libreoffice-waree"]


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ([0.2, 0.3, 0.5], True),
        ([0.25, None, 0.25, 0.5], True),
        ([0.4, 0.4, 0.4], True),  # over one: still fractions (the weight_sum finding says so)
        ([20, 30, 50], False),
        ([1.0, 0.5, 98.5], False),
        ([], False),
        ([None], False),
    ],
)
def test_is_fraction(weights: list[float | None], expected: bool) -> None:
    assert is_fraction(weights) is expected


def test_precedence_names_every_part_once() -> None:
    for field, (order, rule) in PRECEDENCE.items():
        assert len(set(order)) == len(order), field
        assert rule in ("truthy", "set")


@pytest.mark.parametrize("stem", FRACTION_FILES)
def test_fraction_weights_read_as_percent(stem: str) -> None:
    from pipeline.extract import extract_file

    truth = json.loads((SWEEP / f"{stem}.truth.json").read_text(encoding="utf-8"))["truth"]
    from parsers.settings import ReadSettings
    from pipeline.reading import read_pages

    pages = read_pages(SWEEP / f"{stem}.pdf", ReadSettings())
    written = " ".join(c.text for p in pages for t in p.tables for row in t.rows for c in row)
    assert re.search(r"\b0\.\d\d\b", written), "the producer wrote the weights as fractions"
    record = extract_file(SWEEP / f"{stem}.pdf").to_json_dict()
    got = {k["number"]: k["weight"] for k in record["kpis"]}
    want = {k["number"]: k["weight"] for k in truth["kpis"]}
    assert max(want.values()) > 1
    assert got == pytest.approx(want)
    assert sum(c["weight"] for c in record["categories"]) == pytest.approx(sum(c["weight"] for c in truth["categories"]))
    codes = {f["code"] for f in record["findings"]}
    truth_codes = {f["code"] for f in truth["findings"]}
    assert ("weight_sum" in codes) == ("weight_sum" in truth_codes)


@pytest.mark.parametrize("stem", ["a100012_2564.libreoffice-arundina+digits-latin", "a100082_2569.libreoffice-garuda+ring-space"])
def test_middle_level_points_come_from_the_document(stem: str) -> None:
    """Units that give มาตรฐาน 70 points: the scale and every criterion say 70, not 75."""
    from pipeline.extract import extract_file

    truth = json.loads((SWEEP / f"{stem}.truth.json").read_text(encoding="utf-8"))["truth"]
    assert truth["scale"]["levels"] == [50, 70, 100]
    record = extract_file(SWEEP / f"{stem}.pdf").to_json_dict()
    assert record["scale"] == truth["scale"]
    for kpi in record["kpis"]:
        assert {c["level"] for c in kpi["criteria"]} <= {50, 70, 100}


def test_a_category_weight_only_the_targets_table_states_is_kept() -> None:
    """A framework table with no category weights beside a targets table whose category rows
    state one (`ด้านที่ ๑ … ๐.๗๕` over KPIs weighing 0.35 + 0.35): the stated weight is the
    category's, so that a category_weight_mismatch can be found; a category no table weighs
    weighs what its KPIs weigh."""
    from parsers.sections.framework import FrameworkInfo, FrameworkRow
    from parsers.sections.targets import TargetRow, TargetsInfo
    from pipeline.assemble import _categories

    framework = FrameworkInfo(
        categories=[("ด้านที่ ๑ ประสิทธิภาพ", None, [1, 2], 3), ("ด้านที่ ๒ ประสิทธิผล", None, [3], 3)],
        kpis={n: FrameworkRow(n, f"ตัวชี้วัดที่ {n}", w, 3) for n, w in ((1, 35.0), (2, 35.0), (3, 30.0))},
    )
    targets = TargetsInfo(
        rows={n: TargetRow(n, f"ตัวชี้วัดที่ {n}", w, 4) for n, w in ((1, 35.0), (2, 35.0), (3, 30.0))},
        categories=[("ด้านที่ ๑ ประสิทธิภาพ", 75.0, [1, 2], 4), ("ด้านที่ ๒ ประสิทธิผล", None, [3], 4)],
    )
    categories, _ = _categories(framework, targets)
    assert [(c.weight, c.kpi_numbers) for c in categories] == [(75.0, [1, 2]), (30.0, [3])]


def test_a_year_one_misread_digit_away_from_the_fiscal_years_is_put_back() -> None:
    from pipeline.assemble import _years_near
    from pipeline.models import YearValue

    read = [YearValue(year=2465, value=33.39, text="33.39"), YearValue(year=2566, value=30.49, text="30.49")]
    # 2465 (a scan's ๕ read as ๔) is no year of a 2567 agreement; 2565 is the one digit away
    assert [v.year for v in _years_near(read, 2567)] == [2565, 2566]
    # a year two digits away with nothing around it stays as read
    assert [v.year for v in _years_near([YearValue(year=2022, value=None, text="")], 2566)] == [2022]


def test_a_misread_year_takes_the_year_its_neighbours_call_for() -> None:
    """A scan read 6 as 0 and 5 as 9 (`2507` for 2567, `2509` for 2565): 2507 is one digit from
    both 2567 and 2557, 2509 two digits from 2565; the table's years run one after another."""
    from pipeline.assemble import _years_near
    from pipeline.models import YearValue

    def years(*read: int) -> list[int]:
        return [v.year for v in _years_near([YearValue(year=y, value=None, text="") for y in read], 2566)]

    assert years(2566, 2507, 2568) == [2566, 2567, 2568]
    assert years(2564, 2509) == [2564, 2565]
    assert years(2507, 2567) == [2566, 2567]
    # a year the table states already is not made twice; neighbours that disagree say nothing
    assert years(2567, 2566, 2509) == [2567, 2566, 2509]
    assert years(2563, 2509, 2566) == [2563, 2509, 2566]


def test_a_signature_date_decades_off_is_a_misread_year() -> None:
    """`๑๕ ธันวาคม ๒๕๒๐` on a 2567 agreement's cover: the scan misread ๖๖; the date is 15
    December 2023, the one that falls in fiscal year 2567 (October 2023 – September 2024)."""
    from datetime import date

    from pipeline.assemble import _signed_near

    assert _signed_near(date(1977, 12, 15), 2567) == date(2023, 12, 15)
    assert _signed_near(date(1977, 3, 1), 2567) == date(2024, 3, 1)
    assert _signed_near(date(2023, 9, 20), 2567) == date(2023, 9, 20)  # before the year: as read
    assert _signed_near(date(2023, 12, 15), None) == date(2023, 12, 15)


def test_of_two_readings_of_the_same_letters_the_one_with_more_marks_wins() -> None:
    """A KPI's name stated in three parts of a scan, each read on its own: OCR lost the mark of
    `เสี่ยง` in the template's copy and kept it in the framework's; the name is the better read.
    A copy with other letters (another wording) is not a reading of the same name."""
    from pipeline.assemble import _best_read

    lost = "ระดับความสำเร็จของการบริหารความเสียงและการควบคุมภายใน"
    kept = "ระดับความสำเร็จของการบริหารความเสี่ยงและการควบคุมภายใน"
    assert _best_read(lost, ["", kept, lost]) == kept
    assert _best_read(kept, [lost]) == kept
    assert _best_read(lost, ["ระดับความสำเร็จของการบริหารความเสี่ยง"]) == lost  # other words
    assert _best_read("จัดทำฐานข้อมูลกับหน่วยงานทีเกี่ยวข้อง", ["จัดทำฐานข้อมูลกับหน่วยงานที่เกี่ยวข้อง"]).endswith("ที่เกี่ยวข้อง")


def test_level_targets_read_with_a_point_for_the_thousands_comma_are_thousands() -> None:
    """A scan reads `1,000` as `๑.๐๐๐`: the levels 500 / 750 / 1.0 / 1.25 / 1.5 neither rise nor
    fall, and do once the three-decimal ones are read as thousands. The texts stay as read."""
    from pipeline.assemble import _mend_thousands
    from pipeline.models import Criterion

    read = [("500 แปลง", 500.0), ("750 แปลง", 750.0), ("๑.๐๐๐ แปลง", 1.0), ("๑.๒๕๐ แปลง", 1.25), ("๑.๕๐๐ แปลง", 1.5)]
    criteria = [Criterion(level=k + 1, text=t, value=v) for k, (t, v) in enumerate(read)]
    _mend_thousands(criteria)
    assert [c.value for c in criteria] == [500.0, 750.0, 1000.0, 1250.0, 1500.0]
    assert criteria[2].text == "๑.๐๐๐ แปลง"
    # decimals that already rise are decimals
    rising = [Criterion(level=k + 1, text=t, value=v) for k, (t, v) in enumerate([("0.125", 0.125), ("0.250", 0.25), ("1.500", 1.5)])]
    _mend_thousands(rising)
    assert [c.value for c in rising] == [0.125, 0.25, 1.5]
