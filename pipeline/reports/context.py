"""What each report shows, as plain data: the agreement sheet, the scorecard, the comparison.

The templates only lay these out, and the XLSX writer reads the same data, so the four formats
cannot disagree. Scores come from :mod:`pipeline.scoring` (never recomputed here); comparisons
from :mod:`pipeline.reports.compare`. Pure functions: no clock, no paths, nothing random.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pipeline.models import KPI, Agreement, Category, Finding
from pipeline.reports.compare import Comparison
from pipeline.reports.formatting import DASH, ReportOptions, be_year
from pipeline.reports.texts import Lang, texts
from pipeline.results_sheet import ResultSheet
from pipeline.rules import RuleSet
from pipeline.scoring import ROUND_MONTHS, KPIResult, dec, plain, score_agreement

_KPI_REF = re.compile(r"\bKPI\s*([0-9]+)\b", re.IGNORECASE)


def record_id(agreement: Agreement) -> str:
    """The id a stored agreement has (first 12 hex digits of its PDF's sha256)."""
    return agreement.source.sha256[:12]


def title(agreement: Agreement, options: ReportOptions, key: str = "title_agreement") -> str:
    return texts(options.lang)[key].format(
        org=agreement.organization, year=be_year(agreement.fiscal_year, options)
    )


def common(options: ReportOptions) -> dict[str, Any]:
    """What every template gets besides its data: the options, the language and its words."""
    return {"options": options, "lang": options.lang, "t": texts(options.lang)}


# -------------------------------------------------------------------------- agreement sheet


@dataclass(frozen=True)
class CategoryView:
    category: Category
    kpi_weight: Decimal
    """Σ weight of the KPIs listed in the category (should equal the category's weight)."""


@dataclass(frozen=True)
class KPIView:
    kpi: KPI
    targets: tuple[Decimal | None, ...]
    """The numeric target of each scale level (None where the level's target is text)."""
    findings: tuple[Finding, ...]


def kpi_findings(agreement: Agreement) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """Findings that name a KPI ("KPI 6: …"), by KPI number, and the findings about the whole."""
    numbers = {k.number for k in agreement.kpis}
    by_kpi: dict[int, list[Finding]] = {}
    general: list[Finding] = []
    for finding in agreement.findings:
        named = [int(n) for n in _KPI_REF.findall(finding.message) if int(n) in numbers]
        if not named:
            general.append(finding)
        for number in dict.fromkeys(named):
            by_kpi.setdefault(number, []).append(finding)
    return by_kpi, general


def agreement_context(agreement: Agreement, options: ReportOptions) -> dict[str, Any]:
    levels = sorted(dec(level) for level in agreement.scale.levels)
    by_kpi, general = kpi_findings(agreement)
    kpis = []
    for kpi in agreement.kpis:
        values = {dec(c.level): (dec(c.value) if c.value is not None else None) for c in kpi.criteria}
        kpis.append(
            KPIView(
                kpi=kpi,
                targets=tuple(values.get(level) for level in levels),
                findings=tuple(by_kpi.get(kpi.number, [])),
            )
        )
    weights = {k.number: dec(k.weight) for k in agreement.kpis}
    categories = [
        CategoryView(
            category=c, kpi_weight=sum((weights.get(n, Decimal(0)) for n in c.kpi_numbers), Decimal(0))
        )
        for c in agreement.categories
    ]
    return {
        "kind": "agreement",
        "title": title(agreement, options),
        "agreement": agreement,
        "record_id": record_id(agreement),
        "levels": levels,
        "kpis": kpis,
        "categories": categories,
        "weight_total": sum(weights.values(), Decimal(0)),
        "findings": list(agreement.findings),
        "general_findings": general,
        **common(options),
    }


# -------------------------------------------------------------------------------- scorecard


@dataclass(frozen=True)
class ScoreRow:
    """One scored KPI as shown: numbers rounded for display by the rule set, and the arithmetic."""

    kpi: KPI
    result: KPIResult
    weight: Decimal
    score: Decimal
    weighted: Decimal
    explanation: str
    """In the report's language (the scoring engine writes both)."""


@dataclass(frozen=True)
class RoundCard:
    """One round of the scorecard (6, 9 or 12 months)."""

    round: int
    rows: tuple[ScoreRow, ...]
    missing: tuple[KPI, ...]
    total: Decimal | None
    weighted_sum: Decimal | None
    weight_sum: Decimal
    rating: Decimal | None
    """The highest level of the scale the total reaches (None: below the lowest level)."""
    display_decimals: int
    weight_all: Decimal = Decimal(100)
    """Σ weight of every KPI of the agreement: the total is partial when ``weight_sum`` is less."""

    @property
    def partial(self) -> bool:
        """The total covers only part of the weight: it must say so wherever it is printed."""
        return bool(self.missing) and self.weight_sum < self.weight_all


def total_label(card: RoundCard, lang: Lang = "th") -> str:
    """What a round's total says wherever it is printed: ``คะแนนรวม: 88.8418``, or over part of
    the weight ``คะแนนรวมชั่วคราว: 100.0000 จากน้ำหนัก 20 / 100`` (English with ``lang="en"``)."""
    words = texts(lang)
    shown = DASH if card.total is None else f"{card.total:f}"
    if not card.partial:
        return f"{words['total']}: {shown}"
    of = words["of_weight"].format(reported=plain(card.weight_sum), all=plain(card.weight_all))
    return f"{words['total_partial']}: {shown} {of}"


def rating_label(card: RoundCard, levels: Sequence[Decimal], lang: Lang = "th") -> str:
    """The rating as words: ``ระดับที่ได้: ระดับ 75``, or below the scale's lowest level."""
    words = texts(lang)
    if card.rating is not None:
        reached = words["level_n"].format(level=plain(card.rating))
    else:
        reached = words["below_level"].format(level=plain(min(levels)) if levels else DASH)
    return f"{words['rating']}: {reached}"


def rating(total: Decimal | None, levels: Sequence[Decimal]) -> Decimal | None:
    """The highest scale level at or below ``total``: 88.84 on 50/75/100 reaches 75."""
    if total is None:
        return None
    reached = [level for level in levels if level <= total]
    return max(reached) if reached else None


def round_card(
    agreement: Agreement, results: Sequence[KPIResult], rules: RuleSet, month: int, options: ReportOptions | None = None
) -> RoundCard:
    scored = score_agreement(agreement, results, rules, round=month)
    by_kpi = {r.kpi: r for r in results if r.round == month}
    rows = []
    for s in scored.kpis:
        kpi = agreement.kpi(s.number)
        assert kpi is not None
        rows.append(
            ScoreRow(
                kpi=kpi,
                result=by_kpi[s.number],
                weight=s.weight,
                score=scored.shown(s.score),
                weighted=scored.shown(s.weighted),
                explanation=s.explain(options.lang if options else "th"),
            )
        )
    missing = tuple(k for k in agreement.kpis if k.number in scored.missing)
    weighted_sum = sum((s.weight * s.score for s in scored.kpis), Decimal(0)) if scored.kpis else None
    levels = sorted(dec(level) for level in agreement.scale.levels)
    return RoundCard(
        round=month,
        rows=tuple(rows),
        missing=missing,
        total=None if scored.total is None else scored.shown(scored.total),
        weighted_sum=None if weighted_sum is None else scored.shown(weighted_sum),
        weight_sum=scored.weight_sum,
        rating=rating(scored.total, levels),
        display_decimals=rules.display.decimals,
        weight_all=scored.weight_total,
    )


def scorecard_context(
    agreement: Agreement,
    sheet: ResultSheet,
    rules: RuleSet,
    options: ReportOptions,
    rounds: Sequence[int] | None = None,
) -> dict[str, Any]:
    """Every requested round (default: each round the sheet has results for), scored by ``rules``."""
    months = sorted(set(rounds)) if rounds else [m for m in ROUND_MONTHS if m in sheet.rounds]
    cards = [round_card(agreement, sheet.for_round(m), rules, m, options) for m in months]
    return {
        "kind": "scorecard",
        "title": title(agreement, options, "title_scorecard"),
        "agreement": agreement,
        "record_id": record_id(agreement),
        "levels": sorted(dec(level) for level in agreement.scale.levels),
        "rules": rules,
        "cards": cards,
        **common(options),
    }


# ------------------------------------------------------------------------------- comparison


def comparison_context(comparison: Comparison, options: ReportOptions) -> dict[str, Any]:
    old, new = comparison.old, comparison.new
    words = texts(options.lang)
    years = {"old": be_year(old.fiscal_year, options), "new": be_year(new.fiscal_year, options)}
    if comparison.same_unit:
        heading = words["title_compare"].format(org=new.organization, **years)
    else:
        heading = words["title_compare_units"].format(old_org=old.organization, new_org=new.organization, **years)
    return {
        "kind": "compare",
        "title": heading,
        "cmp": comparison,
        "old": old,
        "new": new,
        "old_id": record_id(old),
        "new_id": record_id(new),
        **common(options),
    }
