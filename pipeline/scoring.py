"""Scoring: results against an agreement, under a rule set, with every number explained.

Pure functions over the record models (``pipeline.models``) and a :class:`~pipeline.rules.RuleSet`;
no I/O. Arithmetic is exact ``Decimal`` (50 significant digits for the divisions of linear
interpolation); numbers are rounded only when shown, as the rule set's ``display`` says, because
supervisors compare these scores to the 4th decimal place with those of other systems.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from typing import Any, Literal

from pipeline.errors import ThaiKPIError
from pipeline.models import KPI, Agreement, Scale
from pipeline.rules import KindRules, RuleSet

PRECISION = 50
"""Significant digits of intermediate results: far more than any display needs."""

ROUND_MONTHS = (6, 9, 12)

Direction = Literal["ascending", "descending"]
Show = Callable[[Decimal], str]


class ScoringError(ThaiKPIError):
    """A KPI cannot be scored as recorded (targets missing or not ordered, result of the wrong kind)."""


@dataclass(frozen=True)
class KPIResult:
    """What a unit reported for one KPI at one round: a value (threshold, direct) or a level (milestone)."""

    kpi: int
    round: int = 12
    value: Decimal | None = None
    level: Decimal | None = None
    incomplete_rounds: tuple[int, ...] = ()

    @property
    def has_result(self) -> bool:
        return self.value is not None or self.level is not None


@dataclass(frozen=True)
class KPIScore:
    """One KPI's score: ``base`` from the result, minus ``deducted``, floored; and why."""

    number: int
    name: str
    scoring: str
    weight: Decimal
    base: Decimal
    deducted: Decimal
    score: Decimal
    explanation: str


@dataclass(frozen=True)
class WeightedScore(KPIScore):
    """A KPI score with its share of the total: weight × score / Σ weight of the scored KPIs."""

    weighted: Decimal = Decimal(0)


@dataclass(frozen=True)
class AgreementScore:
    """The scored agreement. ``total`` is None only when no KPI has a result (nothing to weigh)."""

    round: int
    total: Decimal | None
    scale_max: Decimal
    weight_sum: Decimal
    kpis: tuple[WeightedScore, ...]
    missing: tuple[int, ...]
    rules: RuleSet
    missing_names: tuple[str, ...] = field(default=())

    def shown(self, value: Decimal) -> Decimal:
        """A number as displayed (the rule set's decimals and rounding)."""
        return self.rules.display.quantize(value)

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON shape of ``thaikpi score``: numbers rounded for display, as JSON numbers."""
        return {
            "total": None if self.total is None else _json_number(self.shown(self.total)),
            "scale_max": _json_number(self.scale_max),
            "kpis": [
                {
                    "number": k.number,
                    "score": _json_number(self.shown(k.score)),
                    "weighted": _json_number(self.shown(k.weighted)),
                    "explanation": k.explanation,
                    "name": k.name,
                    "scoring": k.scoring,
                    "weight": _json_number(k.weight),
                }
                for k in self.kpis
            ],
            "missing": list(self.missing),
            "round": self.round,
            "rules": self.rules.name,
        }


def dec(number: float | int | str | Decimal) -> Decimal:
    """A Decimal from a record number; floats go through their shortest repr, so 399.03 stays 399.03."""
    if isinstance(number, Decimal):
        return number
    if isinstance(number, float):
        return Decimal(repr(number))
    return Decimal(number)


def plain(number: Decimal) -> str:
    """An input number as people write it: no exponent, no trailing zeros (100, 97.5, 0.25)."""
    if number == 0:
        return "0"
    return f"{number.normalize():f}"


def _context() -> Context:
    return Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)


# --------------------------------------------------------------------------------------- one KPI


def score_kpi(kpi: KPI, result: KPIResult, scale: Scale, rules: RuleSet) -> KPIScore:
    """Score one KPI's result under ``rules``: the kind's rule, then deductions, then the floor."""
    kind = rules.for_kind(kpi.scoring)
    show = rules.display.format
    with localcontext(_context()):
        if kpi.scoring == "milestone":
            base, text = _milestone(kpi, result, scale, kind, show)
        elif kpi.scoring == "direct":
            base, text = _direct(kpi, result, scale, kind, show)
        else:
            base, text = _threshold(kpi, result, kind, show)
        deducted, deduction_text = _deductions(kpi, result, kind, rules.name)
        after = base - deducted
        score = max(after, kind.floor)
        text += deduction_text
        if deducted:
            text += f" = {show(score)}"
        if after < kind.floor:
            text += f" (floored at {plain(kind.floor)})" if deducted else f"; floored at {plain(kind.floor)}"
    return KPIScore(
        number=kpi.number,
        name=kpi.name,
        scoring=kpi.scoring,
        weight=dec(kpi.weight),
        base=base,
        deducted=deducted,
        score=score,
        explanation=text,
    )


def _milestone(kpi: KPI, result: KPIResult, scale: Scale, kind: KindRules, show: Show) -> tuple[Decimal, str]:
    if result.value is not None:
        raise ScoringError(f"KPI {kpi.number} is a milestone KPI: its result is a level, not a value")
    if result.level is None:
        raise ScoringError(f"KPI {kpi.number} has no result")
    levels = sorted(dec(level) for level in scale.levels)
    level = result.level
    if level == 0:
        if kind.below_lowest == "lowest_level":
            return levels[0], f"no level reached: scored the lowest level, {plain(levels[0])}"
        return Decimal(0), f"no level reached: {show(Decimal(0))}"
    if level not in levels:
        allowed = ", ".join(plain(x) for x in levels)
        raise ScoringError(f"KPI {kpi.number}: level {plain(level)} is not a level of the scale ({allowed})")
    return level, f"level {plain(level)} reached: {show(level)}"


def _direct(kpi: KPI, result: KPIResult, scale: Scale, kind: KindRules, show: Show) -> tuple[Decimal, str]:
    if result.value is None:
        raise ScoringError(f"KPI {kpi.number} is scored directly: its result is a percentage, not a level")
    levels = sorted(dec(level) for level in scale.levels)
    top, lowest = levels[-1], levels[0]
    value = result.value
    raw = value * top / 100
    if top == 100:
        text = f"{plain(value)}% is the score"
        plain_text = f"{text}: {show(raw)}"
    else:
        text = f"{plain(value)}% of the top level {plain(top)}: {plain(value)} × {plain(top)} / 100 = {show(raw)}"
        plain_text = text
    if raw > top and kind.cap_at_top:
        return top, f"{text}, capped at the top level: {show(top)}"
    if raw < lowest:
        if kind.below_lowest == "zero":
            return Decimal(0), f"{text}, below the lowest level {plain(lowest)}: {show(Decimal(0))}"
        if kind.below_lowest == "lowest_level":
            return lowest, f"{text}, below the lowest level: scored the lowest level, {show(lowest)}"
    if not kind.interpolate and lowest <= raw < top:
        reached = max(level for level in levels if level <= raw)
        return reached, f"{text}, rounded down to the level reached: {show(reached)}"
    return raw, plain_text


def threshold_targets(kpi: KPI) -> tuple[list[tuple[Decimal, Decimal]], Direction]:
    """The KPI's (target value, level) points in level order, and which way is better.

    The direction is inferred from the targets: values falling as levels rise mean lower is better.
    """
    points = sorted(
        ((dec(c.value), dec(c.level)) for c in kpi.criteria if c.value is not None), key=lambda p: p[1]
    )
    if len(points) < 2 or len(points) != len(kpi.criteria):
        raise ScoringError(
            f"KPI {kpi.number}: a threshold KPI needs a numeric target for every level (at least two)"
        )
    levels = [level for _, level in points]
    if len(set(levels)) != len(levels):
        raise ScoringError(f"KPI {kpi.number}: two criteria have the same level")
    values = [value for value, _ in points]
    if all(a < b for a, b in zip(values, values[1:], strict=False)):
        return points, "ascending"
    if all(a > b for a, b in zip(values, values[1:], strict=False)):
        return points, "descending"
    shown = ", ".join(f"{plain(v)} ({plain(lv)})" for v, lv in points)
    raise ScoringError(f"KPI {kpi.number}: the targets {shown} neither rise nor fall with the level")


def _interpolation(
    value: Decimal, low: tuple[Decimal, Decimal], high: tuple[Decimal, Decimal], descending: bool, show: Show
) -> tuple[Decimal, str]:
    """l₁ + (l₂ − l₁) × (r − v₁) / (v₂ − v₁), written the way round that keeps both brackets positive."""
    (v1, l1), (v2, l2) = low, high
    score = l1 + (l2 - l1) * (value - v1) / (v2 - v1)
    if descending:
        formula = (
            f"{plain(l1)} + {plain(l2 - l1)} × ({plain(v1)} − {plain(value)}) / ({plain(v1)} − {plain(v2)})"
        )
    else:
        formula = (
            f"{plain(l1)} + {plain(l2 - l1)} × ({plain(value)} − {plain(v1)}) / ({plain(v2)} − {plain(v1)})"
        )
    return score, f"{formula} = {show(score)}"


def _threshold(kpi: KPI, result: KPIResult, kind: KindRules, show: Show) -> tuple[Decimal, str]:
    if result.value is None:
        raise ScoringError(f"KPI {kpi.number} is a threshold KPI: its result is a value, not a level")
    points, direction = threshold_targets(kpi)
    descending = direction == "descending"
    sign = -1 if descending else 1
    value = result.value
    better = ", lower is better" if descending else ""

    def at(i: int) -> str:
        return f"{plain(points[i][0])} ({plain(points[i][1])})"

    lowest_value, lowest_level = points[0]
    top_value, top_level = points[-1]
    if sign * value < sign * lowest_value:
        head = f"{plain(value)} below {at(0)}, the lowest level{better}"
        if kind.below_lowest == "lowest_level":
            return lowest_level, f"{head}: scored the lowest level, {show(lowest_level)}"
        if kind.below_lowest == "extrapolate":
            score, formula = _interpolation(value, points[0], points[1], descending, show)
            return score, f"{head}: {formula}"
        return Decimal(0), f"{head}: {show(Decimal(0))}"
    if value == top_value:
        return top_level, f"{plain(value)} reaches {at(-1)}, the top level: {show(top_level)}"
    if sign * value > sign * top_value:
        head = f"{plain(value)} beyond {at(-1)}, the top level{better}"
        if kind.cap_at_top or not kind.interpolate:
            return top_level, f"{head}: {show(top_level)}"
        score, formula = _interpolation(value, points[-2], points[-1], descending, show)
        return score, f"{head}, not capped: {formula}"
    i = max(j for j, (v, _) in enumerate(points) if sign * v <= sign * value)
    reached = points[i][1]
    if value == points[i][0]:
        return reached, f"{plain(value)} reaches {at(i)}: {show(reached)}"
    if not kind.interpolate:
        return reached, f"{plain(value)} reaches {at(i)} but not {at(i + 1)}{better}: {show(reached)}"
    score, formula = _interpolation(value, points[i], points[i + 1], descending, show)
    return score, f"{plain(value)} between {at(i)} and {at(i + 1)}{better}: {formula}"


def _deductions(kpi: KPI, result: KPIResult, kind: KindRules, rules_name: str) -> tuple[Decimal, str]:
    """Points lost for rounds whose steps were not all done, as the rule set and the agreement say."""
    rounds = sorted(set(result.incomplete_rounds))
    if not rounds:
        return Decimal(0), ""
    names = " and ".join(str(r) for r in rounds)
    label = f"round{'s' if len(rounds) > 1 else ''} {names} incomplete"
    if kind.deductions == "none":
        return Decimal(0), f"; {label} (not deducted under rule set {rules_name!r})"
    if kpi.deduction_points is None:
        return Decimal(0), f"; {label}, but the agreement states no deduction"
    points = dec(kpi.deduction_points)
    if points == 0:
        return Decimal(0), f"; {label} (the agreement deducts 0 points)"
    if kind.deductions == "once":
        return points, f"; − {plain(points)} for {label} (deducted once)"
    text = "".join(f"; − {plain(points)} for round {r} incomplete" for r in rounds)
    return points * len(rounds), text


# ------------------------------------------------------------------------------- the agreement


def score_agreement(
    agreement: Agreement, results: Iterable[KPIResult], rules: RuleSet, round: int = 12
) -> AgreementScore:
    """Score every KPI that has a result at ``round``; the others are listed as missing.

    Total = Σ (weight × score) / Σ weight over the scored KPIs, so a missing KPI neither counts
    as 0 nor disappears: it is named in ``missing``.
    """
    if round not in ROUND_MONTHS:
        raise ScoringError(f"round must be one of {', '.join(map(str, ROUND_MONTHS))}, not {round}")
    if not agreement.kpis:
        raise ScoringError("the agreement has no KPIs to score")
    numbers = [k.number for k in agreement.kpis]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise ScoringError(f"the agreement numbers more than one KPI {', '.join(map(str, repeated))}")
    by_kpi: dict[int, KPIResult] = {}
    for result in results:
        if result.round != round:
            continue
        if agreement.kpi(result.kpi) is None:
            raise ScoringError(f"the agreement has no KPI {result.kpi}")
        if result.kpi in by_kpi:
            raise ScoringError(f"KPI {result.kpi} has two results for round {round}")
        by_kpi[result.kpi] = result
    scored: list[KPIScore] = []
    missing: list[KPI] = []
    for kpi in agreement.kpis:
        found = by_kpi.get(kpi.number)
        if found is None or not found.has_result:
            missing.append(kpi)
        else:
            scored.append(score_kpi(kpi, found, agreement.scale, rules))
    return _weigh(agreement.scale, scored, missing, rules, round)


def _weigh(
    scale: Scale, scored: Sequence[KPIScore], missing: Sequence[KPI], rules: RuleSet, round: int
) -> AgreementScore:
    with localcontext(_context()):
        weight_sum = sum((k.weight for k in scored), Decimal(0))
        weighted = [k.weight * k.score / weight_sum if weight_sum else Decimal(0) for k in scored]
        total = sum((k.weight * k.score for k in scored), Decimal(0)) / weight_sum if weight_sum else None
    return AgreementScore(
        round=round,
        total=total,
        scale_max=dec(scale.top),
        weight_sum=weight_sum,
        kpis=tuple(WeightedScore(**vars(k), weighted=w) for k, w in zip(scored, weighted, strict=True)),
        missing=tuple(k.number for k in missing),
        rules=rules,
        missing_names=tuple(k.name for k in missing),
    )


def _json_number(value: Decimal) -> int | float:
    """JSON has one number type; integral values are written without a fraction."""
    return int(value) if value == value.to_integral_value() else float(value)
