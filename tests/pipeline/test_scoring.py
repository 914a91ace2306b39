"""Scoring rules against hand-computed expectations, the dev corpus sheets, and properties."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.models import KPI
from pipeline.results_sheet import load_results
from pipeline.scoring import KPIResult, ScoringError, plain, score_agreement, score_kpi, threshold_targets
from tests.pipeline.scoring_helpers import (
    SAMPLES,
    agreement,
    default_rules,
    direct_kpi,
    milestone_kpi,
    scale,
    shown,
    threshold_kpi,
    truth,
)

RULES = default_rules()


def value_score(kpi: KPI, value: str, kind: str = "three", incomplete: tuple[int, ...] = ()) -> D:
    return score_kpi(
        kpi, KPIResult(kpi.number, value=D(value), incomplete_rounds=incomplete), scale(kind), RULES
    ).score


def level_score(kpi: KPI, level: str, kind: str = "three", incomplete: tuple[int, ...] = ()) -> D:
    return score_kpi(
        kpi, KPIResult(kpi.number, level=D(level), incomplete_rounds=incomplete), scale(kind), RULES
    ).score


# ------------------------------------------------------------------------------- threshold, 3 levels


ASCENDING_3 = threshold_kpi([80, 90, 100])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("79.99", D(0)),  # below the lowest target
        ("0", D(0)),
        ("80", D(50)),  # at the lowest level
        ("85", D(50) + D(25) * (D(85) - D(80)) / (D(90) - D(80))),  # 62.5
        ("90", D(75)),  # at a middle level
        ("97.5", D(75) + D(25) * (D("97.5") - D(90)) / (D(100) - D(90))),  # 93.75
        ("100", D(100)),  # at the top
        ("105", D(100)),  # above the top: capped
    ],
)
def test_threshold_three_level_ascending(value: str, expected: D) -> None:
    assert value_score(ASCENDING_3, value) == expected


# Lower is better (e.g. days to answer a complaint): targets fall as the levels rise.
DESCENDING_3 = threshold_kpi([20, 15, 10])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("21", D(0)),
        ("20", D(50)),
        ("17", D(50) + D(25) * (D(20) - D(17)) / (D(20) - D(15))),  # 65
        ("15", D(75)),
        ("12", D(75) + D(25) * (D(15) - D(12)) / (D(15) - D(10))),  # 90
        ("10", D(100)),
        ("8", D(100)),
    ],
)
def test_threshold_three_level_descending(value: str, expected: D) -> None:
    assert value_score(DESCENDING_3, value) == expected


def test_direction_is_inferred_from_the_targets() -> None:
    assert threshold_targets(ASCENDING_3)[1] == "ascending"
    assert threshold_targets(DESCENDING_3)[1] == "descending"


# ------------------------------------------------------------------------------- threshold, 5 levels


ASCENDING_5 = threshold_kpi([60, 70, 80, 90, 100])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("59", D(0)),
        ("60", D(1)),
        ("65", D(1) + (D(65) - D(60)) / (D(70) - D(60))),  # 1.5
        ("73", D(2) + (D(73) - D(70)) / (D(80) - D(70))),  # 2.3
        ("90", D(4)),
        ("97.5", D(4) + (D("97.5") - D(90)) / (D(100) - D(90))),  # 4.75
        ("100", D(5)),
        ("120", D(5)),
    ],
)
def test_threshold_five_level_ascending(value: str, expected: D) -> None:
    assert value_score(ASCENDING_5, value, "five") == expected


DESCENDING_5 = threshold_kpi([5, 4, 3, 2, 1])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("6", D(0)),
        ("5", D(1)),
        ("3.5", D(2) + (D(4) - D("3.5")) / (D(4) - D(3))),  # 2.5
        ("2", D(4)),
        ("1", D(5)),
        ("0.5", D(5)),
    ],
)
def test_threshold_five_level_descending(value: str, expected: D) -> None:
    assert value_score(DESCENDING_5, value, "five") == expected


def test_threshold_explanation_shows_the_arithmetic() -> None:
    kpi = threshold_kpi([95, 97.5, 100], deduction=10)
    scored = score_kpi(kpi, KPIResult(1, value=D("98.7"), incomplete_rounds=(9,)), scale("three"), RULES)
    assert scored.explanation == (
        "98.7 between 97.5 (75) and 100 (100): 75 + 25 × (98.7 − 97.5) / (100 − 97.5) = 87.0000"
        "; − 10 for round 9 incomplete = 77.0000"
    )
    assert scored.base == D(87)
    assert scored.score == D(77)


def test_descending_explanation_says_lower_is_better() -> None:
    scored = score_kpi(DESCENDING_3, KPIResult(1, value=D(17)), scale("three"), RULES)
    assert (
        scored.explanation
        == "17 between 20 (50) and 15 (75), lower is better: 50 + 25 × (20 − 17) / (20 − 15) = 65.0000"
    )


def test_below_lowest_explanation() -> None:
    scored = score_kpi(ASCENDING_3, KPIResult(1, value=D(70)), scale("three"), RULES)
    assert scored.explanation == "70 below 80 (50), the lowest level: 0.0000"


def test_threshold_targets_must_be_numbers_and_ordered() -> None:
    no_values = KPI(number=3, name="x", weight=10, scoring="threshold", criteria=[])
    with pytest.raises(ScoringError, match="KPI 3: a threshold KPI needs a numeric target"):
        value_score(no_values, "10")
    zigzag = threshold_kpi([80, 95, 90], number=4)
    with pytest.raises(ScoringError, match="KPI 4: the targets .* neither rise nor fall"):
        value_score(zigzag, "10")


def test_threshold_kpi_needs_a_value() -> None:
    with pytest.raises(ScoringError, match="its result is a value"):
        level_score(ASCENDING_3, "75")


# ------------------------------------------------------------------------------------------ direct


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("three", "96.2", D("96.2")),  # the percentage is the score
        ("three", "100", D(100)),
        ("three", "120", D(100)),  # capped
        ("three", "40", D(40)),  # below 50: the percentage still stands
        ("five", "96", D(96) * D(5) / D(100)),  # 4.8
        ("five", "100", D(5)),
        ("five", "110", D(5)),  # capped
        ("five", "10", D(10) * D(5) / D(100)),  # 0.5
    ],
)
def test_direct(kind: str, value: str, expected: D) -> None:
    assert value_score(direct_kpi(), value, kind) == expected


def test_direct_five_level_explanation() -> None:
    scored = score_kpi(direct_kpi(), KPIResult(1, value=D(96)), scale("five"), RULES)
    assert scored.explanation == "96% of the top level 5: 96 × 5 / 100 = 4.8000"


# --------------------------------------------------------------------------------------- milestone


@pytest.mark.parametrize(
    ("kind", "level", "expected"),
    [("three", "50", D(50)), ("three", "75", D(75)), ("three", "100", D(100)), ("three", "0", D(0))]
    + [("five", str(n), D(n)) for n in range(1, 6)],
)
def test_milestone_scores_the_level_reached(kind: str, level: str, expected: D) -> None:
    assert level_score(milestone_kpi(kind), level, kind) == expected


def test_milestone_level_must_be_on_the_scale() -> None:
    with pytest.raises(ScoringError, match="level 60 is not a level"):
        level_score(milestone_kpi(), "60")


def test_milestone_kpi_rejects_a_value() -> None:
    with pytest.raises(ScoringError, match="its result is a level"):
        value_score(milestone_kpi(), "75")


# -------------------------------------------------------------------------------------- deductions


def test_deduction_per_incomplete_round() -> None:
    kpi = milestone_kpi(deduction=10)
    assert level_score(kpi, "75", incomplete=(9,)) == D(75) - D(10)
    assert level_score(kpi, "75", incomplete=(6, 9)) == D(75) - D(10) - D(10)
    assert level_score(kpi, "100", incomplete=()) == D(100)


def test_deductions_floor_at_zero() -> None:
    kpi = milestone_kpi(deduction=30)
    scored = score_kpi(kpi, KPIResult(1, level=D(50), incomplete_rounds=(6, 9)), scale("three"), RULES)
    assert scored.score == D(0)  # 50 − 30 − 30 = −10 → 0
    assert scored.explanation == (
        "level 50 reached: 50.0000; − 30 for round 6 incomplete; − 30 for round 9 incomplete = 0.0000 (floored at 0)"
    )


def test_five_level_deduction_floors_at_zero() -> None:
    kpi = milestone_kpi("five", deduction=0.5)
    assert level_score(kpi, "4", "five", incomplete=(6, 9)) == D(4) - D("0.5") - D("0.5")
    assert level_score(kpi, "1", "five", incomplete=(6, 9)) == D(0)


def test_no_deduction_when_the_agreement_states_none_or_zero() -> None:
    stated_none = score_kpi(
        milestone_kpi(deduction=None),
        KPIResult(1, level=D(75), incomplete_rounds=(9,)),
        scale("three"),
        RULES,
    )
    assert stated_none.score == D(75)
    assert "the agreement states no deduction" in stated_none.explanation
    zero = score_kpi(
        milestone_kpi(deduction=0), KPIResult(1, level=D(75), incomplete_rounds=(6,)), scale("three"), RULES
    )
    assert zero.score == D(75)
    assert "deducts 0 points" in zero.explanation


def test_deduction_applies_to_threshold_kpis_too() -> None:
    kpi = threshold_kpi([80, 90, 100], deduction=5)
    assert value_score(kpi, "95", incomplete=(6,)) == D(75) + D(25) * D(5) / D(10) - D(5)  # 82.5


# ------------------------------------------------------------------------------------ whole agreement


def test_missing_kpis_are_listed_and_left_out_of_the_total() -> None:
    record = agreement(
        [
            milestone_kpi(number=1, weight=20),
            threshold_kpi([80, 90, 100], number=2, weight=30),
            direct_kpi(number=3, weight=50),
        ]
    )
    results = [KPIResult(1, level=D(100)), KPIResult(2, value=D(85))]
    scored = score_agreement(record, results, RULES)
    assert scored.missing == (3,)
    assert [k.number for k in scored.kpis] == [1, 2]
    # (20 × 100 + 30 × 62.5) / (20 + 30) = 3875 / 50
    assert scored.total == (D(20) * D(100) + D(30) * D("62.5")) / (D(20) + D(30))
    assert scored.total == D("77.5")
    assert scored.to_json_dict()["missing"] == [3]


def test_a_row_without_value_or_level_is_missing_and_other_rounds_are_ignored() -> None:
    record = agreement([milestone_kpi(number=1, weight=40), direct_kpi(number=2, weight=60)])
    results = [KPIResult(1, level=D(75)), KPIResult(2), KPIResult(2, round=9, value=D(50))]
    scored = score_agreement(record, results, RULES, round=12)
    assert scored.missing == (2,)
    assert scored.total == D(75)


def test_weighted_column_adds_up_to_the_total() -> None:
    record = agreement([milestone_kpi(number=1, weight=20), direct_kpi(number=2, weight=15)])
    scored = score_agreement(record, [KPIResult(1, level=D(75)), KPIResult(2, value=D("96.2"))], RULES)
    # 1500 / 35 = 42.857142…, 1443 / 35 = 41.228571…
    assert [shown(k.weighted) for k in scored.kpis] == [D("42.8571"), D("41.2286")]
    assert [shown(k.weighted) for k in scored.kpis] == [
        shown(D(20) * D(75) / D(35)),
        shown(D(15) * D("96.2") / D(35)),
    ]
    assert shown(sum((k.weighted for k in scored.kpis), D(0))) == shown(scored.total or D(0))


def test_no_results_at_all_gives_no_total() -> None:
    scored = score_agreement(agreement([milestone_kpi()]), [], RULES)
    assert scored.total is None
    assert scored.missing == (1,)


def test_unknown_and_duplicated_results_are_errors() -> None:
    record = agreement([milestone_kpi(number=1)])
    with pytest.raises(ScoringError, match="no KPI 7"):
        score_agreement(record, [KPIResult(7, level=D(50))], RULES)
    with pytest.raises(ScoringError, match="KPI 1 has two results"):
        score_agreement(record, [KPIResult(1, level=D(50)), KPIResult(1, level=D(75))], RULES)


def test_five_level_agreement_total() -> None:
    record = agreement(
        [
            threshold_kpi([60, 70, 80, 90, 100], number=1, weight=60),
            milestone_kpi("five", number=2, weight=40),
        ],
        kind="five",
    )
    scored = score_agreement(
        record, [KPIResult(1, value=D(73)), KPIResult(2, level=D(4), incomplete_rounds=(6,))], RULES
    )
    # KPI 1: 2 + (73 − 70) / (80 − 70) = 2.3; KPI 2: 4 − 10 → floored at 0
    assert scored.scale_max == D(5)
    assert scored.total == (D(60) * D("2.3") + D(40) * D(0)) / D(100)


# ------------------------------------------------------------------------- dev corpus, computed by hand


def corpus_total(name: str) -> tuple[D, dict[int, D]]:
    record = truth(name)
    sheet = load_results(SAMPLES / f"{name}.results.csv", record)
    scored = score_agreement(record, sheet.for_round(12), RULES)
    assert scored.missing == ()
    assert scored.total is not None
    return scored.total, {k.number: k.score for k in scored.kpis}


def test_d01_total_by_hand() -> None:
    k1 = D(100)  # milestone level 100
    k2 = D(75) - D(10)  # level 75, round 9 incomplete, 10 points
    k3 = D("96.2")  # direct: the percentage is the score
    k4 = D(75) + D(25) * (D("98.7") - D("97.5")) / (D(100) - D("97.5"))  # 87
    k5 = D(100)  # level 100, round 6 incomplete but the template deducts 0
    k6 = D(75) + D(25) * (D("421.5") - D("399.03")) / (
        D("438.93") - D("399.03")
    )  # the template's PMQA targets
    expected = (D(20) * k1 + D(20) * k2 + D(15) * k3 + D(15) * k4 + D(15) * k5 + D(15) * k6) / D(100)
    total, scores = corpus_total("d01_mdb_2566")
    assert shown(total) == shown(expected) == D("88.8418")
    assert {n: shown(s) for n, s in scores.items()} == {
        1: shown(k1),
        2: shown(k2),
        3: shown(k3),
        4: shown(k4),
        5: shown(k5),
        6: shown(k6),
    }
    assert shown(k6) == D("89.0789")


def test_d02_total_by_hand() -> None:
    k1 = D(100)
    k2 = D(100) - D(10)  # round 6 incomplete
    k3 = D("97.85")
    k4 = D(50) + D(25) * (D("97.1") - D(96)) / (D(98) - D(96))  # 63.75
    k5 = D(75)
    k6 = D(50) + D(25) * (D("436.2") - D(420)) / (D(440) - D(420))  # 70.25
    expected = (D(25) * k1 + D(15) * k2 + D(15) * k3 + D(15) * k4 + D(15) * k5 + D(15) * k6) / D(100)
    total, scores = corpus_total("d02_mdb_2567")
    assert total == expected == D("84.5275")
    assert scores == {1: k1, 2: k2, 3: k3, 4: k4, 5: k5, 6: k6}


def test_d03_total_by_hand() -> None:
    k1 = D("90.86")
    k2 = D(50) + D(25) * (D("88.15") - D(80)) / (D(90) - D(80))  # 70.375
    k3 = D(100)
    k4 = D(100)
    expected = (D(20) * k1 + D(25) * k2 + D(25) * k3 + D(30) * k4) / D(100)  # 90.76575
    total, scores = corpus_total("d03_legacy_pua")
    assert total == expected == D("90.76575")
    assert shown(total) == D("90.7658")
    assert scores == {1: k1, 2: k2, 3: k3, 4: k4}


def test_d04_total_by_hand() -> None:
    k1 = D("90.83")
    k2 = D(0)  # 88.34 below 90
    k3 = D(50)
    k4 = D(0)  # 83.17 below 85
    expected = (D(25) * k1 + D(25) * k2 + D(20) * k3 + D(30) * k4) / D(100)
    total, _ = corpus_total("d04_scanned")
    assert total == expected == D("32.7075")


# ------------------------------------------------------------------------------------------ properties

values = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def threshold_targets_strategy(draw: st.DrawFn, count: int) -> list[float]:
    points = sorted(draw(st.sets(st.integers(min_value=-500, max_value=500), min_size=count, max_size=count)))
    return [float(p) for p in points]


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(["three", "five"]),
    scoring=st.sampled_from(["threshold_up", "threshold_down", "direct", "milestone"]),
    data=st.data(),
    deduction=st.one_of(st.none(), st.decimals(min_value=0, max_value=200, places=1)),
    incomplete=st.sampled_from([(), (6,), (9,), (6, 9)]),
)
def test_score_stays_between_zero_and_top(
    kind: str, scoring: str, data: st.DataObject, deduction: D | None, incomplete: tuple[int, ...]
) -> None:
    count = 3 if kind == "three" else 5
    points = float(deduction) if deduction is not None else None
    if scoring.startswith("threshold"):
        targets = data.draw(threshold_targets_strategy(count))
        kpi = threshold_kpi(targets[::-1] if scoring == "threshold_down" else targets, deduction=points)
        result = KPIResult(1, value=data.draw(values), incomplete_rounds=incomplete)
    elif scoring == "direct":
        kpi = direct_kpi(deduction=points)
        result = KPIResult(1, value=data.draw(values), incomplete_rounds=incomplete)
    else:
        kpi = milestone_kpi(kind, deduction=points)
        level = data.draw(st.sampled_from([0] + [int(x) for x in scale(kind).levels]))
        result = KPIResult(1, level=D(level), incomplete_rounds=incomplete)
    score = score_kpi(kpi, result, scale(kind), RULES).score
    assert D(0) <= score <= D(str(scale(kind).top))


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(["three", "five"]),
    data=st.data(),
    low=values,
    high=values,
)
def test_raising_a_result_never_lowers_an_ascending_threshold_score(
    kind: str, data: st.DataObject, low: D, high: D
) -> None:
    low, high = min(low, high), max(low, high)
    targets = data.draw(threshold_targets_strategy(3 if kind == "three" else 5))
    kpi = threshold_kpi(targets)
    assert value_score(kpi, str(low), kind) <= value_score(kpi, str(high), kind)


@settings(max_examples=100, deadline=None)
@given(
    weights=st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=6),
    factor=st.integers(min_value=2, max_value=1000),
    data=st.data(),
)
def test_scaling_all_weights_leaves_the_total_unchanged(
    weights: list[int], factor: int, data: st.DataObject
) -> None:
    results = [
        KPIResult(n, value=data.draw(st.decimals(min_value=80, max_value=101, places=3)))
        for n in range(1, len(weights) + 1)
    ]

    def total(scale_by: int) -> D:
        kpis = [
            threshold_kpi([85, 90, 100], number=n, weight=w * scale_by)
            for n, w in enumerate(weights, start=1)
        ]
        value = score_agreement(agreement(kpis), results, RULES).total
        assert value is not None
        return value

    assert abs(total(1) - total(factor)) < D("1e-40")


def test_plain_numbers_have_no_exponent() -> None:
    assert plain(D("100.0")) == "100"
    assert plain(D("0.50")) == "0.5"
    assert plain(D("1E+2")) == "100"


def test_an_agreement_without_kpis_or_with_repeated_numbers_is_not_scored() -> None:
    from pydantic import ValidationError

    d01 = truth("d01_mdb_2566")
    rules = default_rules()
    with pytest.raises(ScoringError, match="no KPIs"):
        score_agreement(d01.model_copy(update={"kpis": []}), [], rules)
    twice = d01.model_copy(update={"kpis": [d01.kpis[0], d01.kpis[0]]})
    with pytest.raises(ScoringError, match="more than one KPI 1"):
        score_agreement(twice, [], rules)
    with pytest.raises(ValidationError):
        KPI.model_validate({**d01.kpis[0].model_dump(), "weight": -5})
