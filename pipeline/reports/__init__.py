"""Reports on agreements: the agreement sheet, the scorecard, the year-over-year comparison.

Each report is built once as plain data (:mod:`pipeline.reports.context`) and written in any of
four formats: HTML (one self-contained page, print-friendly), PDF (that page through WeasyPrint
with an embedded Thai font, :mod:`pipeline.reports.pdf`), Markdown, and XLSX for the tables
(:mod:`pipeline.reports.xlsx`). Output depends only on the records, the results and the options:
no clock, no paths, nothing random, so a report rendered again later is the same bytes.

    from pipeline.reports import agreement_report, scorecard_report, comparison_report
    data = agreement_report(agreement, "pdf")                        # bytes
    data = scorecard_report(agreement, sheet, rules, "html", rounds=[6, 12])
    data = comparison_report(compare_agreements(old, new, old_results), "md")
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from pipeline.models import Agreement
from pipeline.reports.compare import Comparison
from pipeline.reports.context import agreement_context, comparison_context, scorecard_context
from pipeline.reports.formatting import ReportOptions
from pipeline.reports.pdf import ReportError, html_to_pdf
from pipeline.reports.render import render_html, render_markdown
from pipeline.reports.xlsx import (
    Table,
    agreement_tables,
    comparison_tables,
    record_date,
    scorecard_tables,
    write_xlsx,
)
from pipeline.results_sheet import ResultSheet
from pipeline.rules import RuleSet

Format = Literal["html", "pdf", "md", "xlsx"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "md", "xlsx")

__all__ = [
    "FORMATS",
    "Format",
    "ReportError",
    "ReportOptions",
    "agreement_report",
    "comparison_report",
    "render",
    "scorecard_report",
]


def render(context: dict[str, Any], fmt: Format, tables: list[Table], stamp: datetime) -> bytes:
    """One report context in one format."""
    if fmt == "html":
        return render_html(context).encode("utf-8")
    if fmt == "md":
        return render_markdown(context).encode("utf-8")
    if fmt == "pdf":
        return html_to_pdf(lambda css: render_html(context, css))
    if fmt == "xlsx":
        return write_xlsx(tables, context["title"], stamp)
    raise ReportError("report.bad_format", fmt=fmt, formats=", ".join(FORMATS))


def agreement_report(agreement: Agreement, fmt: Format, options: ReportOptions | None = None) -> bytes:
    """The agreement sheet: parties, period, categories, KPIs with weights, targets, baselines,
    roadmaps, rounds and steps, findings, and the source pages of every KPI."""
    context = agreement_context(agreement, options or ReportOptions())
    tables = agreement_tables(context) if fmt == "xlsx" else []
    return render(context, fmt, tables, record_date(agreement))


def scorecard_report(
    agreement: Agreement,
    sheet: ResultSheet,
    rules: RuleSet,
    fmt: Format,
    options: ReportOptions | None = None,
    rounds: Sequence[int] | None = None,
) -> bytes:
    """The scorecard: each KPI's result, score, weighted score and arithmetic; total and rating,
    for each round asked for (default: every round the sheet has)."""
    context = scorecard_context(agreement, sheet, rules, options or ReportOptions(), rounds)
    tables = scorecard_tables(context) if fmt == "xlsx" else []
    return render(context, fmt, tables, record_date(agreement))


def comparison_report(comparison: Comparison, fmt: Format, options: ReportOptions | None = None) -> bytes:
    """The year-over-year comparison of two agreements (see :mod:`pipeline.reports.compare`)."""
    context = comparison_context(comparison, options or ReportOptions())
    tables = comparison_tables(context) if fmt == "xlsx" else []
    return render(context, fmt, tables, max(record_date(comparison.old), record_date(comparison.new)))
