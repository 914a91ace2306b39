"""`thaikpi score AGREEMENT RESULTS`: score a round's results sheet against an agreement.

I/O only: resolve the agreement, read the sheet, pick the rule set, call the pure scoring
functions (``pipeline.scoring``) and write JSON, Markdown or HTML. Output is deterministic (no
clock, no paths) so a saved report can be compared with a fresh one.
"""

from __future__ import annotations

import json
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

import typer
from jinja2 import Environment

from pipeline.commands.common import (
    DbOption,
    OutOption,
    missing_results_warning,
    report_error,
    report_warning,
)
from pipeline.errors import SheetError, ThaiKPIError
from pipeline.models import Agreement
from pipeline.results_sheet import load_results
from pipeline.rules import load_rules
from pipeline.scoring import ROUND_MONTHS, AgreementScore, plain, score_agreement
from pipeline.sources import load_agreement


class OutputFormat(StrEnum):
    json = "json"
    md = "md"
    html = "html"


AgreementArgument = typer.Argument(..., help="The agreement: a PDF, a record .json or a stored id.")
ResultsArgument = typer.Argument(
    ..., help="The results sheet (.csv or .xlsx) with columns kpi,round,value,level,incomplete_rounds."
)
RoundOption = typer.Option(12, "--round", help="Which round to score: 6, 9 or 12 (months).")
RulesOption = typer.Option(
    None, "--rules", help="Rule file (default: fy<YEAR>.yaml for the agreement's year, else default.yaml)."
)
FormatOption = typer.Option(OutputFormat.json, "--format", "-f", help="Output format.")


def register(app: typer.Typer) -> None:
    @app.command()
    def score(
        agreement: str = AgreementArgument,
        results: Path = ResultsArgument,
        round: int = RoundOption,
        rules: Path | None = RulesOption,
        format: OutputFormat = FormatOption,
        output: Path | None = OutOption,
        db: str | None = DbOption,
    ) -> None:
        """Score a results sheet against an agreement; every score comes with its arithmetic."""
        if round not in ROUND_MONTHS:
            report_error("--round", f"must be 6, 9 or 12 (months), not {round}")
            raise typer.Exit(1)
        try:
            text = run_score(agreement, results, round, rules, format, db)
        except ThaiKPIError as exc:
            report_error(exc.file or agreement, exc.reason)
            raise typer.Exit(1) from None
        if output is None:
            typer.echo(text, nl=False)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            report_error(output, f"cannot write: {exc.strerror or exc}")
            raise typer.Exit(1) from None


def run_score(
    agreement_ref: str,
    results_path: Path,
    round: int,
    rules_file: Path | None,
    fmt: OutputFormat,
    db: str | None = None,
) -> str:
    """The whole command without the terminal: returns the rendered output, raises ThaiKPIError."""
    agreement = load_agreement(agreement_ref, db)
    sheet = load_results(results_path, agreement)
    rule_set = load_rules(rules_file, fiscal_year=agreement.fiscal_year)
    scored = score_agreement(agreement, sheet.for_round(round), rule_set, round=round)
    if scored.total is None:
        given = ", ".join(str(r) for r in sheet.rounds) or "none"
        raise SheetError(
            f"no KPI has a result for round {round} (rounds in the sheet: {given})", file=str(results_path)
        )
    if scored.missing:
        all_weight = sum((Decimal(str(k.weight)) for k in agreement.kpis), Decimal(0))
        report_warning(
            results_path, missing_results_warning(scored.missing, round, plain(scored.weight_sum), plain(all_weight))
        )
    if fmt is OutputFormat.json:
        return json.dumps(scored.to_json_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt is OutputFormat.md:
        return render_markdown(agreement, scored)
    return render_html(agreement, scored)


# ------------------------------------------------------------------------------------ rendering


def _title(agreement: Agreement, scored: AgreementScore) -> str:
    return f"Scores: {agreement.organization}, fiscal year {agreement.fiscal_year}, round {scored.round}"


def _total_line(scored: AgreementScore) -> str:
    assert scored.total is not None
    weighted_sum = sum((k.weight * k.score for k in scored.kpis), Decimal(0))
    return (
        f"Σ (weight × score) / Σ weight = {scored.rules.display.format(weighted_sum)} / "
        f"{plain(scored.weight_sum)} = {scored.rules.display.format(scored.total)}"
    )


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(agreement: Agreement, scored: AgreementScore) -> str:
    """A Markdown report: one table row per scored KPI, the total with its sum, the missing KPIs."""
    show = scored.rules.display.format
    lines = [
        f"# {_md_cell(_title(agreement, scored))}",
        "",
        f"Rule set: {_md_cell(scored.rules.name)} · scale 0–{plain(scored.scale_max)}",
        "",
        "| KPI | name | weight | score | weighted | explanation |",
        "| ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for k in scored.kpis:
        lines.append(
            f"| {k.number} | {_md_cell(k.name)} | {plain(k.weight)} | {show(k.score)} | {show(k.weighted)} "
            f"| {_md_cell(k.explanation)} |"
        )
    assert scored.total is not None
    lines += ["", f"**Total: {show(scored.total)}** ({_total_line(scored)})", ""]
    if scored.missing:
        lines.append("Missing results (not scored, left out of the total):")
        lines.append("")
        lines += [
            f"- KPI {n}: {_md_cell(name)}"
            for n, name in zip(scored.missing, scored.missing_names, strict=True)
        ]
        lines.append("")
    return "\n".join(lines)


_HTML = """<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>
body { font-family: "TH Sarabun New", "Sarabun", sans-serif; margin: 2em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 0.3em 0.6em; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<p>Rule set: {{ rules }} · scale 0–{{ scale_max }}</p>
<table>
<thead><tr><th>KPI</th><th>name</th><th>weight</th><th>score</th><th>weighted</th><th>explanation</th></tr></thead>
<tbody>
{% for k in kpis %}<tr><td class="num">{{ k.number }}</td><td>{{ k.name }}</td><td class="num">{{ k.weight }}</td><td class="num">{{ k.score }}</td><td class="num">{{ k.weighted }}</td><td>{{ k.explanation }}</td></tr>
{% endfor %}</tbody>
</table>
<p><strong>Total: {{ total }}</strong> ({{ total_line }})</p>
{% if missing %}<p>Missing results (not scored, left out of the total):</p>
<ul>
{% for number, name in missing %}<li>KPI {{ number }}: {{ name }}</li>
{% endfor %}</ul>
{% endif %}</body>
</html>
"""

_ENV = Environment(autoescape=True, keep_trailing_newline=True)


def render_html(agreement: Agreement, scored: AgreementScore) -> str:
    """A standalone HTML page; every text from the record or the sheet is escaped."""
    show = scored.rules.display.format
    assert scored.total is not None
    return _ENV.from_string(_HTML).render(
        title=_title(agreement, scored),
        rules=scored.rules.name,
        scale_max=plain(scored.scale_max),
        kpis=[
            {
                "number": k.number,
                "name": k.name,
                "weight": plain(k.weight),
                "score": show(k.score),
                "weighted": show(k.weighted),
                "explanation": k.explanation,
            }
            for k in scored.kpis
        ],
        total=show(scored.total),
        total_line=_total_line(scored),
        missing=list(zip(scored.missing, scored.missing_names, strict=True)),
    )
