"""Rule files: the default set, selection by fiscal year, overrides, and changes without code."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.models import KPI
from pipeline.results_sheet import load_results
from pipeline.rules import RULES_DIR, DisplayRules, load_rules, rules_path
from pipeline.scoring import KPIResult, score_agreement, score_kpi
from tests.pipeline.scoring_helpers import (
    DEFAULT_RULES_FILE,
    SAMPLES,
    direct_kpi,
    milestone_kpi,
    scale,
    threshold_kpi,
    truth,
)

DEFAULT_TEXT = DEFAULT_RULES_FILE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def no_site_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THAIKPI_RULES_DIR", raising=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_default_rule_set_says_what_the_issue_says() -> None:
    rules = load_rules()
    assert rules.name == "default"
    assert rules.source == str(RULES_DIR / "default.yaml")
    threshold = rules.kinds.threshold
    assert (threshold.below_lowest, threshold.interpolate, threshold.cap_at_top) == ("zero", True, True)
    assert (threshold.deductions, threshold.floor) == ("per_round", D(0))
    assert rules.kinds.direct.below_lowest == "extrapolate"
    assert rules.kinds.milestone.below_lowest == "zero"
    assert (rules.display.decimals, rules.display.rounding) == (4, "half_up")


def test_fiscal_year_file_is_picked_when_present(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "fy2599.yaml", "extends: default\nname: fy2599\n")
    monkeypatch.setenv("THAIKPI_RULES_DIR", str(tmp_path))
    assert rules_path(2599) == tmp_path / "fy2599.yaml"
    assert load_rules(fiscal_year=2599).name == "fy2599"
    assert load_rules(fiscal_year=2566).name == "default"  # no fy2566.yaml: the default
    assert rules_path(2566) == RULES_DIR / "default.yaml"


def test_site_default_overrides_the_shipped_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "default.yaml", DEFAULT_TEXT.replace("name: default", "name: site"))
    monkeypatch.setenv("THAIKPI_RULES_DIR", str(tmp_path))
    assert load_rules(fiscal_year=2567).name == "site"


def test_explicit_rules_file_wins_over_the_fiscal_year(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.yaml", DEFAULT_TEXT.replace("name: default", "name: mine"))
    assert load_rules(path, fiscal_year=2566).name == "mine"


def below_lowest_scores_lowest_level(tmp_path: Path) -> Path:
    """The default file with one word changed: threshold results below the lowest level score 50."""
    changed = DEFAULT_TEXT.replace(
        "threshold:\n    below_lowest: zero ", "threshold:\n    below_lowest: lowest_level ", 1
    )
    assert changed != DEFAULT_TEXT
    return write(tmp_path / "lowest.yaml", changed)


def test_changed_rule_file_changes_scores_without_code(tmp_path: Path) -> None:
    kpi = threshold_kpi([90, 95, 100])
    result = KPIResult(1, value=D("88.34"))
    assert score_kpi(kpi, result, scale("three"), load_rules()).score == D(0)
    changed = load_rules(below_lowest_scores_lowest_level(tmp_path))
    scored = score_kpi(kpi, result, scale("three"), changed)
    assert scored.score == D(50)
    assert scored.explanation == "88.34 below 90 (50), the lowest level: scored the lowest level, 50.0000"


def test_changed_rule_file_changes_the_d04_total(tmp_path: Path) -> None:
    record = truth("d04_scanned")
    results = load_results(SAMPLES / "d04_scanned.results.csv", record).for_round(12)
    default_total = score_agreement(record, results, load_rules()).total
    changed_total = score_agreement(
        record, results, load_rules(below_lowest_scores_lowest_level(tmp_path))
    ).total
    # KPI 2 (88.34 < 90, weight 25) and KPI 4 (83.17 < 85, weight 30) now score 50 instead of 0.
    assert default_total == (D(25) * D("90.83") + D(20) * D(50)) / D(100)
    assert changed_total == (D(25) * D("90.83") + D(25) * D(50) + D(20) * D(50) + D(30) * D(50)) / D(100)


def test_extends_merges_over_the_base(tmp_path: Path) -> None:
    path = write(
        tmp_path / "fy2568.yaml", "extends: default\nkinds:\n  threshold:\n    below_lowest: lowest_level\n"
    )
    rules = load_rules(path)
    assert rules.name == "fy2568"  # a derived set does not call itself "default"
    assert rules.kinds.threshold.below_lowest == "lowest_level"
    assert rules.kinds.threshold.interpolate is True  # inherited
    assert rules.kinds.direct == load_rules().kinds.direct


@pytest.mark.parametrize(
    ("setting", "value", "kpi", "result", "expected"),
    [
        # extrapolate: 90 below 95 → 50 + 25 × (90 − 95) / (97.5 − 95) = 0; 94 → 40
        ("below_lowest", "extrapolate", threshold_kpi([95, 97.5, 100]), KPIResult(1, value=D(94)), D(40)),
        # no interpolation: 98.7 reaches 97.5 (75) but not 100
        ("interpolate", "false", threshold_kpi([95, 97.5, 100]), KPIResult(1, value=D("98.7")), D(75)),
        # no cap: 105 → 75 + 25 × (105 − 97.5) / (100 − 97.5) = 150
        ("cap_at_top", "false", threshold_kpi([95, 97.5, 100]), KPIResult(1, value=D(105)), D(150)),
        # deducted once however many rounds are incomplete
        (
            "deductions",
            "once",
            threshold_kpi([95, 97.5, 100], deduction=10),
            KPIResult(1, value=D(100), incomplete_rounds=(6, 9)),
            D(90),
        ),
        (
            "deductions",
            "none",
            threshold_kpi([95, 97.5, 100], deduction=10),
            KPIResult(1, value=D(100), incomplete_rounds=(6, 9)),
            D(100),
        ),
        # a floor of 20 after deductions: 50 − 40 = 10 → 20
        (
            "floor",
            "20",
            threshold_kpi([95, 97.5, 100], deduction=40),
            KPIResult(1, value=D(95), incomplete_rounds=(9,)),
            D(20),
        ),
    ],
)
def test_each_threshold_setting(
    tmp_path: Path, setting: str, value: str, kpi: KPI, result: KPIResult, expected: D
) -> None:
    path = write(tmp_path / "r.yaml", f"extends: default\nkinds:\n  threshold:\n    {setting}: {value}\n")
    assert score_kpi(kpi, result, scale("three"), load_rules(path)).score == expected


def test_direct_and_milestone_settings(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.yaml",
        "extends: default\nkinds:\n  direct:\n    below_lowest: zero\n  milestone:\n    below_lowest: lowest_level\n",
    )
    rules = load_rules(path)
    assert score_kpi(direct_kpi(), KPIResult(1, value=D(40)), scale("three"), rules).score == D(0)
    assert score_kpi(direct_kpi(), KPIResult(1, value=D(60)), scale("three"), rules).score == D(60)
    assert score_kpi(milestone_kpi(), KPIResult(1, level=D(0)), scale("three"), rules).score == D(50)
    snapped = write(
        tmp_path / "s.yaml",
        "extends: default\nkinds:\n  direct:\n    below_lowest: zero\n    interpolate: false\n",
    )
    assert score_kpi(
        direct_kpi(), KPIResult(1, value=D("96.2")), scale("three"), load_rules(snapped)
    ).score == D(75)


def test_display_rounding_is_a_setting() -> None:
    assert DisplayRules(decimals=4, rounding="half_up").format(D("2.00005")) == "2.0001"
    assert DisplayRules(decimals=4, rounding="half_even").format(D("2.00005")) == "2.0000"
    assert DisplayRules(decimals=2, rounding="down").format(D("2.999")) == "2.99"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("extends: default\nkinds:\n  threshold:\n    below_lowst: zero\n", "kinds.threshold.below_lowst"),
        ("extends: default\nkinds:\n  threshold:\n    below_lowest: half\n", "kinds.threshold.below_lowest"),
        (
            "extends: default\nkinds:\n  threshold:\n    interpolate: false\n    below_lowest: extrapolate\n",
            "extrapolate' needs interpolate",
        ),
        (
            "extends: default\nkinds:\n  milestone:\n    below_lowest: extrapolate\n",
            "milestone: below_lowest",
        ),
        ("extends: default\ndisplay:\n  decimals: 40\n", "display.decimals"),
        ("name: partial\n", "kinds"),
        ("kinds: [unclosed\n", "not valid YAML"),
        ("- a list\n", "must be a mapping"),
        ("extends: nowhere\n", "extends 'nowhere'"),
    ],
)
def test_bad_rule_files_are_reported(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "bad.yaml", text)
    with pytest.raises(InputError, match=message) as caught:
        load_rules(path)
    assert caught.value.file == str(path)


def test_extends_loop_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "extends: b\n")
    write(tmp_path / "b.yaml", "extends: a\n")
    with pytest.raises(InputError, match="loop"):
        load_rules(tmp_path / "a.yaml")


def test_missing_rule_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read rule file"):
        load_rules(tmp_path / "absent.yaml")
