"""`thaikpi report`, `thaikpi scorecard`, `thaikpi compare`: reports in HTML, PDF, Markdown or XLSX.

I/O only: resolve agreements (PDF, record .json or stored id), read results sheets and rule
files, then hand plain data to :mod:`pipeline.reports` and write the bytes it returns.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from parsers.messages import Message
from pipeline.commands.common import (
    DbOption,
    LangOption,
    OutOption,
    check_lang,
    missing_results_warning,
    report_error,
    report_warning,
)
from pipeline.errors import ThaiKPIError
from pipeline.reports import Format
from pipeline.reports.formatting import ReportOptions

if TYPE_CHECKING:
    from pipeline.models import Agreement

T = TypeVar("T")

_SUFFIXES: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".md": "md",
    ".markdown": "md",
    ".xlsx": "xlsx",
}


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"
    xlsx = "xlsx"


class DigitsChoice(StrEnum):
    thai = "thai"
    arabic = "arabic"


class DateStyleChoice(StrEnum):
    full = "full"
    short = "short"


AgreementArgument = typer.Argument(..., help="The agreement: a PDF, a record .json or a stored id.")
FormatOption = typer.Option(
    None,
    "--format",
    "-f",
    help="html, pdf, md or xlsx; repeat for several (then -o is a stem: OUT.html, OUT.pdf …). "
    "Default: from the -o suffix, else html.",
)
DigitsOption = typer.Option(
    None, "--digits", help="Digits of dates and years: thai or arabic (default: thai with --lang th, arabic with en)."
)
DateStyleOption = typer.Option(
    None,
    "--date-style",
    help="full (๒๖ ธันวาคม ๒๕๖๕) or short (26 ธ.ค. 2565); default: full with thai digits, short with arabic.",
)
ReportOut = typer.Option(None, "-o", "--output", help=OutOption.help)


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        agreement: str = AgreementArgument,
        format: list[ReportFormat] | None = FormatOption,
        output: Path | None = ReportOut,
        digits: DigitsChoice | None = DigitsOption,
        date_style: DateStyleChoice | None = DateStyleOption,
        lang: str = LangOption,
        db: str | None = DbOption,
    ) -> None:
        """The agreement sheet: parties, KPIs, weights, level targets, baselines, rounds, findings, pages."""
        from pipeline.reports import agreement_report
        from pipeline.sources import load_agreement

        options = _options(digits, date_style, lang)

        def build(fmt: Format) -> Callable[[], bytes]:
            return lambda: agreement_report(record, fmt, options)

        formats = _formats(format, output)
        record = _guard(agreement, lambda: load_agreement(agreement, db))
        _write_all(agreement, formats, output, build)

    @app.command()
    def scorecard(
        agreement: str = AgreementArgument,
        results: Path = typer.Argument(..., help="The results sheet (.csv or .xlsx) of the agreement."),
        round: list[int] | None = typer.Option(
            None,
            "--round",
            help="Round to score: 6, 9 or 12; repeat for several (default: every round in the sheet).",
        ),
        rules: Path | None = typer.Option(
            None, "--rules", help="Rule file (default: by fiscal year, see `score`)."
        ),
        format: list[ReportFormat] | None = FormatOption,
        output: Path | None = ReportOut,
        digits: DigitsChoice | None = DigitsOption,
        date_style: DateStyleChoice | None = DateStyleOption,
        lang: str = LangOption,
        db: str | None = DbOption,
    ) -> None:
        """The scorecard: per KPI the result, score, weighted score and how it was computed; total, rating."""
        from pipeline.reports import scorecard_report
        from pipeline.results_sheet import load_results
        from pipeline.rules import load_rules
        from pipeline.scoring import ROUND_MONTHS
        from pipeline.sources import load_agreement

        check_lang(lang)
        for month in round or []:
            if month not in ROUND_MONTHS:
                report_error("--round", Message("option.round", round=month))
                raise typer.Exit(1)
        options = _options(digits, date_style, lang)
        formats = _formats(format, output)
        record = _guard(agreement, lambda: load_agreement(agreement, db))
        sheet = _guard(str(results), lambda: load_results(results, record))
        rule_set = _guard(str(rules or agreement), lambda: load_rules(rules, fiscal_year=record.fiscal_year))
        months = round or [m for m in ROUND_MONTHS if m in sheet.rounds]
        if not months:
            report_error(results, Message("report.no_rounds"))
            raise typer.Exit(1)

        for month in months:
            have = {r.kpi for r in sheet.for_round(month) if r.has_result}
            missing = tuple(k.number for k in record.kpis if k.number not in have)
            if missing and len(missing) < len(record.kpis):
                covered = sum(k.weight for k in record.kpis if k.number in have)
                total = sum(k.weight for k in record.kpis)
                warning = missing_results_warning(missing, month, f"{covered:g}", f"{total:g}", options.lang)
                report_warning(results, warning)

        def build(fmt: Format) -> Callable[[], bytes]:
            return lambda: scorecard_report(record, sheet, rule_set, fmt, options, months)

        _write_all(agreement, formats, output, build)

    @app.command()
    def compare(
        a: str = typer.Argument(..., help="The earlier agreement (A): a PDF, a record .json or a stored id."),
        b: str = typer.Argument(..., help="The later agreement (B)."),
        old_results: Path | None = typer.Option(
            None,
            "--old-results",
            help="A's results sheet: checks B's baseline for A's year against A's results.",
        ),
        format: list[ReportFormat] | None = FormatOption,
        output: Path | None = ReportOut,
        digits: DigitsChoice | None = DigitsOption,
        date_style: DateStyleChoice | None = DateStyleOption,
        lang: str = LangOption,
        db: str | None = DbOption,
    ) -> None:
        """Compare two agreements: KPIs matched by name, added/dropped/replaced, weights, targets, baselines."""
        from pipeline.reports import comparison_report
        from pipeline.reports.compare import compare_agreements
        from pipeline.results_sheet import load_results
        from pipeline.scoring import KPIResult
        from pipeline.sources import load_agreement

        options = _options(digits, date_style, lang)
        formats = _formats(format, output)
        # both sides are read before giving up, so one run names every unusable input
        loaded: dict[str, Agreement] = {}
        for name in (a, b):
            try:
                loaded[name] = load_agreement(name, db)
            except ThaiKPIError as exc:
                report_error(exc.file or name, exc.reason)
        if len(loaded) < len({a, b}):
            raise typer.Exit(1)
        old, new = loaded[a], loaded[b]
        results: tuple[KPIResult, ...] = ()
        if old_results is not None:
            sheet_path = old_results
            results = _guard(str(sheet_path), lambda: load_results(sheet_path, old)).results
        comparison = compare_agreements(old, new, results)

        def build(fmt: Format) -> Callable[[], bytes]:
            return lambda: comparison_report(comparison, fmt, options)

        _write_all(f"{a} {b}", formats, output, build)


# ------------------------------------------------------------------------------------ helpers


def _options(digits: DigitsChoice | None, date_style: DateStyleChoice | None, lang: str) -> ReportOptions:
    """The report options; Thai digits are the default of a Thai report, Arabic of an English one."""
    check_lang(lang)
    if digits is None:
        digits = DigitsChoice.thai if lang == "th" else DigitsChoice.arabic
    return ReportOptions(
        lang="th" if lang == "th" else "en",
        digits="thai" if digits is DigitsChoice.thai else "arabic",
        date_style=None
        if date_style is None
        else ("full" if date_style is DateStyleChoice.full else "short"),
    )


def _formats(given: list[ReportFormat] | None, output: Path | None) -> list[Format]:
    """The formats asked for: --format (each once), else the output's suffix, else html."""
    if given:
        chosen: list[Format] = []
        for item in given:
            fmt = _SUFFIXES["." + item.value]
            if fmt not in chosen:
                chosen.append(fmt)
        if len(chosen) > 1 and output is None:
            report_error("--format", Message("report.formats_need_output"))
            raise typer.Exit(1)
        suffix = output.suffix.lower() if output is not None else ""
        if len(chosen) == 1 and suffix in _SUFFIXES and _SUFFIXES[suffix] != chosen[0]:
            report_error(output or "-o", Message("report.suffix_mismatch", suffix=_SUFFIXES[suffix], fmt=chosen[0]))
            raise typer.Exit(1)
        return chosen
    if output is not None and output.suffix.lower() in _SUFFIXES:
        return [_SUFFIXES[output.suffix.lower()]]
    if output is not None and output.suffix:
        report_error(output, Message("report.unknown_suffix", suffix=output.suffix))
        raise typer.Exit(1)
    return ["html"]


def _target(output: Path | None, fmt: Format, several: bool) -> Path | None:
    if output is None:
        return None
    if several:
        return Path(f"{output}.{fmt}")
    return output


def _guard(name: str, step: Callable[[], T]) -> T:
    """Run one step; a ThaiKPIError becomes the one-line error and exit status 1."""
    try:
        return step()
    except ThaiKPIError as exc:
        report_error(exc.file or name, exc.reason)
        raise typer.Exit(1) from None


def _write_all(
    name: str, formats: list[Format], output: Path | None, build: Callable[[Format], Callable[[], bytes]]
) -> None:
    several = len(formats) > 1
    for fmt in formats:
        data = _guard(name, build(fmt))
        target = _target(output, fmt, several)
        if target is None:
            if fmt in ("pdf", "xlsx") and sys.stdout.isatty():
                report_error("-o", Message("report.binary", fmt=fmt))
                raise typer.Exit(1)
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            report_error(target, Message("write.failed", why=exc.strerror or str(exc)))
            raise typer.Exit(1) from None
