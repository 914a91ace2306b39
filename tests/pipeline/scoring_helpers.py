"""Builders of small agreements for the scoring tests (records as the extractor would write them)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from pipeline.models import KPI, Agreement, Criterion, Scale, Source
from pipeline.rules import RULES_DIR, RuleSet, load_rules

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
DEFAULT_RULES_FILE = RULES_DIR / "default.yaml"


def default_rules() -> RuleSet:
    # The shipped file itself, so a THAIKPI_RULES_DIR set in the environment cannot change the tests.
    return load_rules(DEFAULT_RULES_FILE)


def shown(value: Decimal) -> Decimal:
    """4 decimal places, half up: how scores are displayed."""
    return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def scale(kind: str) -> Scale:
    return Scale.three() if kind == "three" else Scale.five()


def threshold_kpi(
    targets: list[float],
    levels: list[float] | None = None,
    number: int = 1,
    weight: float = 10,
    deduction: float | None = None,
) -> KPI:
    levels = levels or ([50, 75, 100] if len(targets) == 3 else [1, 2, 3, 4, 5])
    return KPI(
        number=number,
        name=f"threshold KPI {number}",
        weight=weight,
        scoring="threshold",
        criteria=[Criterion(level=lv, text=str(v), value=v) for lv, v in zip(levels, targets, strict=True)],
        deduction_points=deduction,
    )


def milestone_kpi(
    kind: str = "three", number: int = 1, weight: float = 10, deduction: float | None = 10
) -> KPI:
    levels = [50, 75, 100] if kind == "three" else [1, 2, 3, 4, 5]
    return KPI(
        number=number,
        name=f"milestone KPI {number}",
        weight=weight,
        scoring="milestone",
        criteria=[Criterion(level=lv, text=f"stage {lv}") for lv in levels],
        deduction_points=deduction,
    )


def direct_kpi(number: int = 1, weight: float = 10, deduction: float | None = None) -> KPI:
    return KPI(
        number=number,
        name=f"direct KPI {number}",
        weight=weight,
        scoring="direct",
        criteria=[],
        deduction_points=deduction,
        scoring_rule="ร้อยละผลการเบิกจ่ายที่ดำเนินการได้ = คะแนนที่ได้",
    )


def agreement(kpis: list[KPI], kind: str = "three", fiscal_year: int = 2567) -> Agreement:
    return Agreement(
        source=Source(file="test.pdf", sha256="0" * 64, pages=1),
        fiscal_year=fiscal_year,
        organization="หน่วยทดสอบ",
        scale=scale(kind),
        kpis=kpis,
    )


def truth(name: str) -> Agreement:
    data: dict[str, Any] = json.loads((SAMPLES / f"{name}.truth.json").read_text(encoding="utf-8"))
    return Agreement.model_validate(data)
