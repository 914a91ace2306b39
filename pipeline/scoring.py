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
Lang = Literal["th", "en"]

#: every phrase of a score explanation: key → (English, Thai). Explanations are written in both
#: languages as they are built (:class:`Said`), so a report in either language shows the same
#: arithmetic; formulas and numbers are the same in both.
PHRASES: dict[str, tuple[str, str]] = {
    "at": ("{value} ({level})", "{value} (ระดับ {level})"),
    "colon": (": {score}", ": {score}"),
    "equals": (" = {score}", " = {score}"),
    "floored_after": (" (floored at {floor})", " (ไม่ต่ำกว่า {floor})"),
    "floored": ("; floored at {floor}", "; ไม่ต่ำกว่า {floor}"),
    "milestone_none_lowest": (
        "no level reached: scored the lowest level, {lowest}",
        "ไม่ถึงระดับใด: ได้คะแนนของระดับต่ำสุด {lowest}",
    ),
    "milestone_none": ("no level reached: {score}", "ไม่ถึงระดับใด: {score}"),
    "milestone": ("level {level} reached: {score}", "ได้ระดับ {level}: {score}"),
    "direct_is_score": ("{value}% is the score", "ร้อยละ {value} เป็นคะแนน"),
    "direct_of_top": (
        "{value}% of the top level {top}: {value} × {top} / 100 = {raw}",
        "ร้อยละ {value} ของระดับสูงสุด {top}: {value} × {top} / 100 = {raw}",
    ),
    "capped": (", capped at the top level: {score}", ", ไม่เกินระดับสูงสุด: {score}"),
    "direct_below_zero": (", below the lowest level {lowest}: {score}", ", ต่ำกว่าระดับต่ำสุด {lowest}: {score}"),
    "direct_below_lowest": (
        ", below the lowest level: scored the lowest level, {score}",
        ", ต่ำกว่าระดับต่ำสุด: ได้คะแนนของระดับต่ำสุด {score}",
    ),
    "rounded_down": (", rounded down to the level reached: {score}", ", ปัดลงเป็นระดับที่ถึง: {score}"),
    "lower_better": (", lower is better", " (ค่ายิ่งน้อยยิ่งดี)"),
    "below": ("{value} below {at}, the lowest level{better}", "{value} ต่ำกว่า {at} ซึ่งเป็นระดับต่ำสุด{better}"),
    "scored_lowest": (": scored the lowest level, {score}", ": ได้คะแนนของระดับต่ำสุด {score}"),
    "formula": (": {formula}", ": {formula}"),
    "reaches_top": ("{value} reaches {at}, the top level: {score}", "{value} ถึง {at} ซึ่งเป็นระดับสูงสุด: {score}"),
    "beyond": ("{value} beyond {at}, the top level{better}", "{value} เกิน {at} ซึ่งเป็นระดับสูงสุด{better}"),
    "not_capped": (", not capped: {formula}", " ไม่จำกัดที่ระดับสูงสุด: {formula}"),
    "reaches": ("{value} reaches {at}: {score}", "{value} ถึง {at}: {score}"),
    "reaches_not": ("{value} reaches {at} but not {next}{better}: {score}", "{value} ถึง {at} แต่ไม่ถึง {next}{better}: {score}"),
    "between": ("{value} between {at} and {next}{better}: {formula}", "{value} อยู่ระหว่าง {at} กับ {next}{better}: {formula}"),
    "and": (" and ", " และ "),
    "incomplete_one": ("round {rounds} incomplete", "รอบ {rounds} ดำเนินการไม่ครบ"),
    "incomplete_many": ("rounds {rounds} incomplete", "รอบ {rounds} ดำเนินการไม่ครบ"),
    "not_deducted": ("; {label} (not deducted under rule set {rules})", "; {label} (ชุดกฎ {rules} ไม่หักคะแนน)"),
    "no_deduction_stated": ("; {label}, but the agreement states no deduction", "; {label} แต่คำรับรองไม่ได้กำหนดคะแนนที่หัก"),
    "deducts_zero": ("; {label} (the agreement deducts 0 points)", "; {label} (คำรับรองกำหนดหัก 0 คะแนน)"),
    "deducted_once": ("; − {points} for {label} (deducted once)", "; หัก {points} คะแนน เพราะ{label} (หักครั้งเดียว)"),
    "deducted_round": ("; − {points} for round {round} incomplete", "; หัก {points} คะแนน เพราะรอบ {round} ดำเนินการไม่ครบ"),
}


@dataclass(frozen=True)
class Said:
    """A piece of explanation in both languages; ``+`` joins pieces as strings join."""

    en: str = ""
    th: str = ""

    def __add__(self, other: Said) -> Said:
        return Said(self.en + other.en, self.th + other.th)

    def __bool__(self) -> bool:
        return bool(self.en)


def say(key: str, **values: object) -> Said:
    """The phrase ``key`` with its values filled in, each language from its own side of a Said."""
    english, thai = PHRASES[key]
    return Said(
        english.format(**{k: v.en if isinstance(v, Said) else v for k, v in values.items()}),
        thai.format(**{k: v.th if isinstance(v, Said) else v for k, v in values.items()}),
    )


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
    """How the score was reached, in English; ``explanation_th`` says the same in Thai."""
    explanation_th: str = ""

    def explain(self, lang: Lang = "th") -> str:
        return self.explanation_th if lang == "th" and self.explanation_th else self.explanation


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
    weight_all: Decimal | None = None
    """Σ weight of every KPI of the agreement (None: not known, taken as ``weight_sum``)."""

    @property
    def weight_total(self) -> Decimal:
        return self.weight_sum if self.weight_all is None else self.weight_all

    @property
    def partial(self) -> bool:
        """The total covers only part of the agreement's weight (some KPIs have no result)."""
        return bool(self.missing) and self.weight_sum < self.weight_total

    def shown(self, value: Decimal) -> Decimal:
        """A number as displayed (the rule set's decimals and rounding)."""
        return self.rules.display.quantize(value)

    def to_json_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The JSON shape of ``thaikpi score``: numbers rounded for display, as JSON numbers.

        ``weight_reported`` is the weight the total covers and ``weight_total`` the agreement's;
        ``partial`` is true when they differ, so no script mistakes a partial total for the
        final one. ``explanation`` is in ``lang``."""
        return {
            "total": None if self.total is None else _json_number(self.shown(self.total)),
            "partial": self.partial,
            "weight_reported": _json_number(self.weight_sum),
            "weight_total": _json_number(self.weight_total),
            "scale_max": _json_number(self.scale_max),
            "kpis": [
                {
                    "number": k.number,
                    "score": _json_number(self.shown(k.score)),
                    "weighted": _json_number(self.shown(k.weighted)),
                    "explanation": k.explain(lang),
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
            text += say("equals", score=show(score))
        if after < kind.floor:
            text += say("floored_after" if deducted else "floored", floor=plain(kind.floor))
    return KPIScore(
        number=kpi.number,
        name=kpi.name,
        scoring=kpi.scoring,
        weight=dec(kpi.weight),
        base=base,
        deducted=deducted,
        score=score,
        explanation=text.en,
        explanation_th=text.th,
    )


def _milestone(kpi: KPI, result: KPIResult, scale: Scale, kind: KindRules, show: Show) -> tuple[Decimal, Said]:
    if result.value is not None:
        raise ScoringError("score.milestone_value", kpi=kpi.number)
    if result.level is None:
        raise ScoringError("score.no_result", kpi=kpi.number)
    levels = sorted(dec(level) for level in scale.levels)
    level = result.level
    if level == 0:
        if kind.below_lowest == "lowest_level":
            return levels[0], say("milestone_none_lowest", lowest=plain(levels[0]))
        return Decimal(0), say("milestone_none", score=show(Decimal(0)))
    if level not in levels:
        allowed = ", ".join(plain(x) for x in levels)
        raise ScoringError("score.not_level", kpi=kpi.number, level=plain(level), allowed=allowed)
    return level, say("milestone", level=plain(level), score=show(level))


def _direct(kpi: KPI, result: KPIResult, scale: Scale, kind: KindRules, show: Show) -> tuple[Decimal, Said]:
    if result.value is None:
        raise ScoringError("score.direct_level", kpi=kpi.number)
    levels = sorted(dec(level) for level in scale.levels)
    top, lowest = levels[-1], levels[0]
    value = result.value
    raw = value * top / 100
    if top == 100:
        text = say("direct_is_score", value=plain(value))
        plain_text = text + say("colon", score=show(raw))
    else:
        text = say("direct_of_top", value=plain(value), top=plain(top), raw=show(raw))
        plain_text = text
    if raw > top and kind.cap_at_top:
        return top, text + say("capped", score=show(top))
    if raw < lowest:
        if kind.below_lowest == "zero":
            return Decimal(0), text + say("direct_below_zero", lowest=plain(lowest), score=show(Decimal(0)))
        if kind.below_lowest == "lowest_level":
            return lowest, text + say("direct_below_lowest", score=show(lowest))
    if not kind.interpolate and lowest <= raw < top:
        reached = max(level for level in levels if level <= raw)
        return reached, text + say("rounded_down", score=show(reached))
    return raw, plain_text


def threshold_targets(kpi: KPI) -> tuple[list[tuple[Decimal, Decimal]], Direction]:
    """The KPI's (target value, level) points in level order, and which way is better.

    The direction is inferred from the targets: values falling as levels rise mean lower is better.
    """
    points = sorted(
        ((dec(c.value), dec(c.level)) for c in kpi.criteria if c.value is not None), key=lambda p: p[1]
    )
    if len(points) < 2 or len(points) != len(kpi.criteria):
        raise ScoringError("score.needs_targets", kpi=kpi.number)
    levels = [level for _, level in points]
    if len(set(levels)) != len(levels):
        raise ScoringError("score.same_level", kpi=kpi.number)
    values = [value for value, _ in points]
    if all(a < b for a, b in zip(values, values[1:], strict=False)):
        return points, "ascending"
    if all(a > b for a, b in zip(values, values[1:], strict=False)):
        return points, "descending"
    shown = ", ".join(f"{plain(v)} ({plain(lv)})" for v, lv in points)
    raise ScoringError("score.not_monotonic", kpi=kpi.number, shown=shown)


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


def _threshold(kpi: KPI, result: KPIResult, kind: KindRules, show: Show) -> tuple[Decimal, Said]:
    if result.value is None:
        raise ScoringError("score.threshold_level", kpi=kpi.number)
    points, direction = threshold_targets(kpi)
    descending = direction == "descending"
    sign = -1 if descending else 1
    value = result.value
    better = say("lower_better") if descending else Said()
    shown = plain(value)

    def at(i: int) -> Said:
        return say("at", value=plain(points[i][0]), level=plain(points[i][1]))

    lowest_value, lowest_level = points[0]
    top_value, top_level = points[-1]
    if sign * value < sign * lowest_value:
        head = say("below", value=shown, at=at(0), better=better)
        if kind.below_lowest == "lowest_level":
            return lowest_level, head + say("scored_lowest", score=show(lowest_level))
        if kind.below_lowest == "extrapolate":
            score, formula = _interpolation(value, points[0], points[1], descending, show)
            return score, head + say("formula", formula=formula)
        return Decimal(0), head + say("colon", score=show(Decimal(0)))
    if value == top_value:
        return top_level, say("reaches_top", value=shown, at=at(-1), score=show(top_level))
    if sign * value > sign * top_value:
        head = say("beyond", value=shown, at=at(-1), better=better)
        if kind.cap_at_top or not kind.interpolate:
            return top_level, head + say("colon", score=show(top_level))
        score, formula = _interpolation(value, points[-2], points[-1], descending, show)
        return score, head + say("not_capped", formula=formula)
    i = max(j for j, (v, _) in enumerate(points) if sign * v <= sign * value)
    reached = points[i][1]
    if value == points[i][0]:
        return reached, say("reaches", value=shown, at=at(i), score=show(reached))
    if not kind.interpolate:
        return reached, say("reaches_not", value=shown, at=at(i), next=at(i + 1), better=better, score=show(reached))
    score, formula = _interpolation(value, points[i], points[i + 1], descending, show)
    return score, say("between", value=shown, at=at(i), next=at(i + 1), better=better, formula=formula)


def _deductions(kpi: KPI, result: KPIResult, kind: KindRules, rules_name: str) -> tuple[Decimal, Said]:
    """Points lost for rounds whose steps were not all done, as the rule set and the agreement say."""
    rounds = sorted(set(result.incomplete_rounds))
    if not rounds:
        return Decimal(0), Said()
    joiner = say("and")
    names = Said(joiner.en.join(map(str, rounds)), joiner.th.join(map(str, rounds)))
    label = say("incomplete_many" if len(rounds) > 1 else "incomplete_one", rounds=names)
    if kind.deductions == "none":
        return Decimal(0), say("not_deducted", label=label, rules=repr(rules_name))
    if kpi.deduction_points is None:
        return Decimal(0), say("no_deduction_stated", label=label)
    points = dec(kpi.deduction_points)
    if points == 0:
        return Decimal(0), say("deducts_zero", label=label)
    if kind.deductions == "once":
        return points, say("deducted_once", points=plain(points), label=label)
    text = Said()
    for r in rounds:
        text += say("deducted_round", points=plain(points), round=r)
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
        raise ScoringError("score.bad_round", allowed=", ".join(map(str, ROUND_MONTHS)), round=round)
    if not agreement.kpis:
        raise ScoringError("score.no_kpis")
    numbers = [k.number for k in agreement.kpis]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise ScoringError("score.repeated", numbers=", ".join(map(str, repeated)))
    by_kpi: dict[int, KPIResult] = {}
    for result in results:
        if result.round != round:
            continue
        if agreement.kpi(result.kpi) is None:
            raise ScoringError("score.unknown_kpi", kpi=result.kpi)
        if result.kpi in by_kpi:
            raise ScoringError("score.two_results", kpi=result.kpi, round=round)
        by_kpi[result.kpi] = result
    scored: list[KPIScore] = []
    missing: list[KPI] = []
    for kpi in agreement.kpis:
        found = by_kpi.get(kpi.number)
        if found is None or not found.has_result:
            missing.append(kpi)
        else:
            scored.append(score_kpi(kpi, found, agreement.scale, rules))
    weight_all = sum((dec(k.weight) for k in agreement.kpis), Decimal(0))
    return _weigh(agreement.scale, scored, missing, rules, round, weight_all)


def _weigh(
    scale: Scale,
    scored: Sequence[KPIScore],
    missing: Sequence[KPI],
    rules: RuleSet,
    round: int,
    weight_all: Decimal | None = None,
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
        weight_all=weight_all,
    )


def _json_number(value: Decimal) -> int | float:
    """JSON has one number type; integral values are written without a fraction."""
    return int(value) if value == value.to_integral_value() else float(value)
