"""Year-over-year comparison (pipeline.reports.compare) on the d01 (FY 2566) and d02 (FY 2567) records."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from pipeline.models import Agreement, YearValue
from pipeline.reports.compare import (
    BaselineCheck,
    Comparison,
    KPIChange,
    compare_agreements,
    match_kpis,
    name_similarity,
)
from pipeline.results_sheet import load_results
from pipeline.scoring import KPIResult
from tests.conftest import truth_record

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


@pytest.fixture(scope="module")
def d01_results(d01: Agreement) -> tuple[KPIResult, ...]:
    return load_results(SAMPLES / "d01_mdb_2566.results.csv", d01).results


@pytest.fixture(scope="module")
def d01_d02(d01: Agreement, d02: Agreement, d01_results: tuple[KPIResult, ...]) -> Comparison:
    return compare_agreements(d01, d02, d01_results)


def row(cmp: Comparison, new: int | None = None, old: int | None = None) -> KPIChange:
    found = [
        k
        for k in cmp.kpis
        if (new is None or (k.new is not None and k.new.number == new))
        and (old is None or (k.old is not None and k.old.number == old))
    ]
    assert len(found) == 1, found
    return found[0]


def check(change: KPIChange) -> BaselineCheck:
    assert change.baseline_check is not None
    return change.baseline_check


def test_d01_d02_kpi_2_is_replaced(d01_d02: Comparison) -> None:
    kpi2 = row(d01_d02, new=2)
    assert kpi2.status == "replaced"
    assert kpi2.old is not None and kpi2.old.name.startswith("การขับเคลื่อนการจัดทำแนวทางปรับโครงสร้าง")
    assert kpi2.new is not None and "e-Evaluation" in kpi2.new.name
    assert kpi2.similarity is not None and kpi2.similarity < 0.5
    assert not kpi2.matched
    # every other KPI keeps its number and name
    assert [
        (k.old.number if k.old else None, k.new.number if k.new else None, k.status) for k in d01_d02.kpis
    ] == [
        (1, 1, "changed"),
        (2, 2, "replaced"),
        (3, 3, "same"),
        (4, 4, "changed"),
        (5, 5, "same"),
        (6, 6, "changed"),
    ]
    assert not d01_d02.with_status("added", "dropped", "renamed")


def test_d01_d02_weight_changes(d01_d02: Comparison) -> None:
    changes = [
        (k.new.number, k.old.weight, k.new.weight, k.weight_delta, k.status)
        for k in d01_d02.weight_changes
        if k.new is not None and k.old is not None
    ]
    assert changes == [(1, 20, 25, D(5), "changed"), (2, 20, 15, D(-5), "replaced")]


def test_d01_d02_target_changes(d01_d02: Comparison) -> None:
    assert [k.new.number for k in d01_d02.target_changes if k.new] == [4, 6]
    kpi4 = row(d01_d02, new=4)
    assert [(t.level, t.old_value, t.new_value, t.changed) for t in kpi4.targets] == [
        (D(50), D(95), D(96), True),
        (D(75), D("97.5"), D(98), True),
        (D(100), D(100), D(100), False),
    ]
    pmqa = row(d01_d02, new=6)
    assert [(t.old_value, t.new_value) for t in pmqa.targets] == [
        (D(350), D(420)),
        (D("399.03"), D(440)),
        (D("438.93"), D(460)),
    ]
    # milestone criteria of KPI 1 are the same text in both years: no target change
    assert not row(d01_d02, new=1).targets_changed


def test_d01_d02_categories_unchanged(d01_d02: Comparison) -> None:
    assert [c.status for c in d01_d02.categories] == ["same", "same"]
    assert d01_d02.category_moves == []
    assert d01_d02.same_unit and not d01_d02.notes and not d01_d02.scale_changed


def test_baseline_check_against_last_years_results(d01_d02: Comparison) -> None:
    checks = {
        k.new.number: (k.baseline_check.status, k.baseline_check.result)
        for k in d01_d02.baseline_checks
        if k.new is not None and k.baseline_check is not None
    }
    # d02 records 98.41 / 99.52 / 412.58 as the 2566 baselines; d01's results sheet says otherwise
    assert checks[3] == ("differs", D("96.2"))
    assert checks[4] == ("differs", D("98.7"))
    assert checks[6] == ("differs", D("421.5"))
    assert checks[1] == ("not_numeric", D(100))  # a milestone KPI: the result is the level reached
    assert check(row(d01_d02, new=1)).result_is_level
    assert 2 not in checks  # replaced: last year's result is not this KPI's baseline


def test_baseline_matches_when_rounded_as_written(d01: Agreement, d02: Agreement) -> None:
    new = d02.model_copy(deep=True)
    kpi3 = new.kpi(3)
    assert kpi3 is not None
    kpi3.baseline = [YearValue(year=2566, value=96.2, text="96.20")]
    kpi4 = new.kpi(4)
    assert kpi4 is not None
    kpi4.baseline = [YearValue(year=2566, value=99, text="99")]
    results = [KPIResult(kpi=3, value=D("96.2")), KPIResult(kpi=4, value=D("98.7"))]
    cmp = compare_agreements(d01, new, results)
    assert check(row(cmp, new=3)).status == "matches"
    # 98.7 written with no decimals is 99: the baseline agrees with the result
    check4 = check(row(cmp, new=4))
    assert (check4.status, check4.places) == ("matches", 0)
    # no result for KPI 6, and KPI 1 has a baseline for 2566: nothing to check it against
    assert check(row(cmp, new=6)).status == "no_result"


def test_without_results_only_missing_baselines_are_reported(d01: Agreement, d02: Agreement) -> None:
    cmp = compare_agreements(d01, d02)
    assert not cmp.results_given
    assert {k.baseline_check.status for k in cmp.baseline_checks if k.baseline_check} == {"no_result"}
    no_baseline = d02.model_copy(deep=True)
    kpi3 = no_baseline.kpi(3)
    assert kpi3 is not None
    kpi3.baseline = [YearValue(year=2565, value=99.23, text="99.23")]
    cmp = compare_agreements(d01, no_baseline)
    assert check(row(cmp, new=3)).status == "no_baseline"


def test_baseline_revisions(d01: Agreement, d02: Agreement) -> None:
    new = d02.model_copy(deep=True)
    kpi4 = new.kpi(4)
    assert kpi4 is not None
    kpi4.baseline[2] = YearValue(year=2565, value=99.3, text="99.30")  # d01 said 99.29
    cmp = compare_agreements(d01, new)
    revisions = row(cmp, new=4).baseline_revisions
    assert [(r.year, r.old.value, r.new.value) for r in revisions] == [(2565, 99.29, 99.3)]
    assert row(compare_agreements(d01, d02), new=4).baseline_revisions == ()


def test_renamed_and_renumbered_kpi_is_a_change_not_drop_and_add(d01: Agreement, d02: Agreement) -> None:
    new = d02.model_copy(deep=True)
    kpi3 = new.kpi(3)
    assert kpi3 is not None
    kpi3.name = "ร้อยละของการเบิกจ่ายงบประมาณรายจ่ายประจำปี"
    kpi3.number = 7
    cmp = compare_agreements(d01, new)
    renamed = row(cmp, old=3)
    assert renamed.status == "renamed"
    assert renamed.new is not None and renamed.new.number == 7
    assert renamed.renamed and renamed.renumbered
    assert renamed.confidence is not None and 0.6 < renamed.confidence < 1
    assert not cmp.with_status("added", "dropped")


def test_added_and_dropped(d01: Agreement, d02: Agreement) -> None:
    new = d02.model_copy(deep=True)
    pdpa = new.kpi(5)
    assert pdpa is not None
    pdpa.number = 9
    pdpa.name = "ระดับความสำเร็จของการลดใช้พลังงานในอาคารสำนักงาน"
    new.kpis = [k for k in new.kpis if k.number != 6]
    cmp = compare_agreements(d01, new)
    assert [(k.status, k.old.number if k.old else None, k.new.number if k.new else None) for k in cmp.kpis][
        -3:
    ] == [
        ("added", None, 9),
        ("dropped", 5, None),
        ("dropped", 6, None),
    ]


def test_matching_is_one_to_one(d01: Agreement) -> None:
    old = [k for k in d01.kpis if k.number == 3]
    twin = old[0].model_copy(update={"number": 8})
    pairs = match_kpis(old, [old[0], twin])
    assert len(pairs) == 1
    assert pairs[0][1].number == 3  # same number is the better match


def test_identical_agreements_are_the_same(d01: Agreement) -> None:
    cmp = compare_agreements(d01, d01)
    assert {k.status for k in cmp.kpis} == {"same"}
    assert all(k.confidence == 1 for k in cmp.kpis)
    assert cmp.notes == ("not_later_year",)


def test_category_weight_and_moves(d01: Agreement, d02: Agreement) -> None:
    new = d02.model_copy(deep=True)
    performance, potential = new.categories
    performance.weight, potential.weight = 55, 45
    performance.kpi_numbers = [1, 2, 3]
    potential.kpi_numbers = [4, 5, 6]
    kpi4 = new.kpi(4)
    assert kpi4 is not None
    kpi4.category = potential.name
    cmp = compare_agreements(d01, new)
    assert [(c.status, c.weight_changed) for c in cmp.categories] == [("changed", True), ("changed", True)]
    assert [k.new.number for k in cmp.category_moves if k.new] == [4]


def test_different_units_are_compared_by_name_only() -> None:
    cmp = compare_agreements(truth_record("d03_legacy_pua"), truth_record("d04_scanned"))
    assert "different_unit" in cmp.notes
    budget = row(cmp, old=1)
    assert (budget.status, budget.new.number if budget.new else None) == ("changed", 1)
    # the other KPIs name different things: nothing else is paired
    assert {k.status for k in cmp.kpis if k is not budget} <= {"replaced", "added", "dropped"}


def test_name_similarity_ignores_boilerplate_and_spacing() -> None:
    assert name_similarity("ร้อยละการเบิกจ่ายงบประมาณ", "ร้อยละ  การเบิกจ่าย งบประมาณ") == 1
    assert name_similarity("ร้อยละการเบิกจ่ายงบประมาณ", "ร้อยละ๑๐๐ การเบิกจ่ายงบประมาณ") < 1
    # a shared opening ("ระดับความสำเร็จของการพัฒนา") does not make two KPIs alike
    a = "ระดับความสำเร็จของการพัฒนาฐานข้อมูลบุคลากร (DPIS)"
    b = "ระดับความสำเร็จของการพัฒนาระบบรับและจ่ายเงินทางอิเล็กทรอนิกส์"
    assert name_similarity(a, b) < 0.5
    assert name_similarity(a, "ระดับความสำเร็จในการพัฒนาระบบฐานข้อมูลบุคลากร (DPIS)") > 0.8
