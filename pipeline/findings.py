"""Validation of an extracted agreement: where the document contradicts itself.

A finding is not a failure — the record is still written — but every inconsistency an auditor
would catch by hand is listed with the page where it shows: weights that do not add up, a
category whose weight is not its KPIs' sum, a weight or target that the summary tables and the
KPI template state differently, level targets that are not monotonic, a KPI missing from a table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pipeline.models import KPI, Agreement, Finding

if TYPE_CHECKING:
    from parsers.sections.cover import CoverInfo
    from parsers.sections.framework import FrameworkInfo, FrameworkRow
    from parsers.sections.targets import TargetRow
    from parsers.sections.template import TemplateInfo


def _fmt(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:g}" if v != int(v) else f"{int(v)}"


def fmt_text_number(text: str, value: float | None) -> str:
    """A target as the document wrote its number (keeps `35.0`), for messages."""
    from parsers.thai.numbers import leading_target

    found = leading_target(text)
    return str(found[1]) if found is not None else _fmt(value)


def weight_findings(record: Agreement, framework_page: int | None) -> list[Finding]:
    out: list[Finding] = []
    total = sum(k.weight for k in record.kpis)
    if record.kpis and abs(total - 100) > 1e-6:
        out.append(
            Finding(
                severity="warning",
                code="weight_sum",
                message=f"KPI weights add up to {_fmt(total)}, not 100",
                page=framework_page,
                field="kpis.weight",
            )
        )
    for cat in record.categories:
        members = [k for k in record.kpis if k.number in cat.kpi_numbers]
        s = sum(k.weight for k in members)
        if members and abs(s - cat.weight) > 1e-6:
            out.append(
                Finding(
                    severity="warning",
                    code="category_weight_mismatch",
                    message=(
                        f"category '{cat.name}' has weight {_fmt(cat.weight)} but its KPIs "
                        f"({', '.join(str(k.number) for k in members)}) add up to {_fmt(s)}"
                    ),
                    page=framework_page,
                    field=f"categories.{record.categories.index(cat) + 1}.weight",
                )
            )
    return out


def monotonic_findings(record: Agreement) -> list[Finding]:
    out: list[Finding] = []
    for k in record.kpis:
        values = [c.value for c in sorted(k.criteria, key=lambda c: c.level)]
        if len(values) < 2 or any(v is None for v in values):
            continue
        nums = [float(v) for v in values if v is not None]
        up = all(b > a for a, b in zip(nums, nums[1:], strict=False))
        down = all(b < a for a, b in zip(nums, nums[1:], strict=False))
        if not (up or down):
            out.append(
                Finding(
                    severity="warning",
                    code="targets_not_monotonic",
                    message=f"KPI {k.number}: level targets {' / '.join(_fmt(v) for v in nums)} neither rise nor fall",
                    page=k.pages[0] if k.pages else None,
                    field=f"kpis.{k.number}.criteria",
                )
            )
    return out


def presence_findings(
    framework: Iterable[int], targets: Iterable[int], templates: Iterable[int], has_templates: bool, pages: dict[str, int | None]
) -> list[Finding]:
    out: list[Finding] = []
    fw, tg, tp = set(framework), set(targets), set(templates)
    every = fw | tg | tp
    for n in sorted(every):
        missing = []
        if fw and n not in fw:
            missing.append(("the framework table", pages.get("framework")))
        if tg and n not in tg:
            missing.append(("the targets table", pages.get("targets")))
        if has_templates and n not in tp:
            missing.append(("the KPI templates", None))
        for where, page in missing:
            out.append(
                Finding(
                    severity="warning",
                    code="kpi_missing",
                    message=f"KPI {n} is not in {where}",
                    page=page,
                    field=f"kpis.{n}",
                )
            )
    return out


def mismatch_findings(
    kpi: KPI, fw: FrameworkRow | None, tg: TargetRow | None, tp: TemplateInfo | None
) -> list[Finding]:
    """Weight or targets stated differently in the summary tables and in the KPI template."""
    from parsers.sections.targets import criterion_value

    out: list[Finding] = []
    if tp is not None and tp.weight is not None and abs(tp.weight - kpi.weight) > 1e-6:
        out.append(
            Finding(
                severity="warning",
                code="summary_template_mismatch",
                message=f"KPI {kpi.number}: the framework table gives weight {kpi.weight:g} but the KPI template gives {tp.weight:g}",
                page=tp.pages[0] if tp.pages else None,
                field=f"kpis.{kpi.number}.weight",
            )
        )
    if tg is not None and tp is not None and tg.criteria and tp.criteria:
        levels = sorted(set(tg.criteria) & set(tp.criteria))
        a = [criterion_value(tg.criteria[lv]) for lv in levels]
        b = [criterion_value(tp.criteria[lv]) for lv in levels]
        if all(v is not None for v in a + b) and any(abs(x - y) > 1e-9 for x, y in zip(a, b, strict=True)):  # type: ignore[operator]
            ta = " / ".join(fmt_text_number(tg.criteria[lv], v) for lv, v in zip(levels, a, strict=True))
            tb = " / ".join(fmt_text_number(tp.criteria[lv], v) for lv, v in zip(levels, b, strict=True))
            out.append(
                Finding(
                    severity="warning",
                    code="summary_template_mismatch",
                    message=f"KPI {kpi.number}: the targets table gives {ta} but the KPI template gives {tb}",
                    page=tg.page,
                    field=f"kpis.{kpi.number}.criteria",
                )
            )
    return out


def summary_findings(record: Agreement, summaries: Iterable[FrameworkInfo]) -> list[Finding]:
    """A later table that repeats the weights (a summary section) and gives another one."""
    out: list[Finding] = []
    for s in summaries:
        for n, row in s.kpis.items():
            k = record.kpi(n)
            if k is not None and row.weight is not None and abs(row.weight - k.weight) > 1e-6:
                out.append(
                    Finding(
                        severity="warning",
                        code="summary_template_mismatch",
                        message=f"KPI {n}: the summary table gives weight {row.weight:g} but the framework table gives {k.weight:g}",
                        page=row.page,
                        field=f"kpis.{n}.weight",
                    )
                )
    return out


def cover_findings(cover: CoverInfo) -> list[Finding]:
    """What the cover parser could not make sense of, and a missing fiscal year."""
    out = [
        Finding(
            severity="warning",
            code="cover",
            message=p,
            page=cover.page,
            field="period" if p.startswith("period") else "parties",
        )
        for p in cover.problems
    ]
    if not cover.fiscal_year:
        out.append(
            Finding(severity="error", code="no_fiscal_year", message="no fiscal year found", page=cover.page, field="fiscal_year")
        )
    return out
