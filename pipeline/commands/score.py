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
from pipeline.errors import SheetError, ThaiKPIError
from pipeline.models import Agreement
from pipeline.reports.texts import Lang, texts
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
        lang: str = LangOption,
        db: str | None = DbOption,
    ) -> None:
        """Score a results sheet against an agreement; every score comes with its arithmetic."""
        check_lang(lang)
        if round not in ROUND_MONTHS:
            report_error("--round", Message("option.round", round=round))
            raise typer.Exit(1)
        try:
            text = run_score(agreement, results, round, rules, format, db, "en" if lang == "en" else "th")
        except ThaiKPIError as exc:
            report_error(exc.file or agreement, exc.reason)
            raise typer.Exit(1) from None
        if output is None:
            typer.echo(text, nl=False)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            report_error(output, Message("write.failed", why=exc.strerror or str(exc)))
            raise typer.Exit(1) from None


def run_score(
    agreement_ref: str,
    results_path: Path,
    round: int,
    rules_file: Path | None,
    fmt: OutputFormat,
    db: str | None = None,
    lang: Lang = "th",
) -> str:
    """The whole command without the terminal: returns the rendered output, raises ThaiKPIError."""
    agreement = load_agreement(agreement_ref, db)
    sheet = load_results(results_path, agreement)
    rule_set = load_rules(rules_file, fiscal_year=agreement.fiscal_year)
    scored = score_agreement(agreement, sheet.for_round(round), rule_set, round=round)
    if scored.total is None:
        given = ", ".join(str(r) for r in sheet.rounds) or Message("word.none")
        raise SheetError("score.no_round_results", file=str(results_path), round=round, given=given)
    if scored.missing:
        all_weight = sum((Decimal(str(k.weight)) for k in agreement.kpis), Decimal(0))
        report_warning(
            results_path,
            missing_results_warning(scored.missing, round, plain(scored.weight_sum), plain(all_weight), lang),
        )
    if fmt is OutputFormat.json:
        return json.dumps(scored.to_json_dict(lang), ensure_ascii=False, indent=2) + "\n"
    if fmt is OutputFormat.md:
        return render_markdown(agreement, scored, lang)
    return render_html(agreement, scored, lang)


# ------------------------------------------------------------------------------------ rendering


def _title(agreement: Agreement, scored: AgreementScore, lang: Lang) -> str:
    return texts(lang)["score_title"].format(org=agreement.organization, year=agreement.fiscal_year, round=scored.round)


def _total_label(scored: AgreementScore, lang: Lang) -> str:
    """``Total: 88.8418``, or for a partial sheet ``Provisional total: 100.0000 over weight 20 / 100``:
    a total over part of the weight says so in the total itself."""
    assert scored.total is not None
    words = texts(lang)
    shown = scored.rules.display.format(scored.total)
    if not scored.partial:
        return f"{words['total']}: {shown}"
    of = words["of_weight"].format(reported=plain(scored.weight_sum), all=plain(scored.weight_total))
    return f"{words['total_partial']}: {shown} {of}"


def _total_line(scored: AgreementScore, lang: Lang) -> str:
    assert scored.total is not None
    weighted_sum = sum((k.weight * k.score for k in scored.kpis), Decimal(0))
    return (
        f"{texts(lang)['total_formula']} = {scored.rules.display.format(weighted_sum)} / "
        f"{plain(scored.weight_sum)} = {scored.rules.display.format(scored.total)}"
    )


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(agreement: Agreement, scored: AgreementScore, lang: Lang = "th") -> str:
    """A Markdown report: one table row per scored KPI, the total with its sum, the missing KPIs."""
    show = scored.rules.display.format
    w = texts(lang)
    head = [w["kpi"], w["name"], w["weight"], w["score"], w["weighted"], w["explanation"]]
    lines = [
        f"# {_md_cell(_title(agreement, scored, lang))}",
        "",
        f"{w['rules']}: {_md_cell(scored.rules.name)} · {w['scale_range'].format(top=plain(scored.scale_max))}",
        "",
        "| " + " | ".join(head) + " |",
        "| ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for k in scored.kpis:
        lines.append(
            f"| {k.number} | {_md_cell(k.name)} | {plain(k.weight)} | {show(k.score)} | {show(k.weighted)} "
            f"| {_md_cell(k.explain(lang))} |"
        )
    lines += ["", f"**{_total_label(scored, lang)}** ({_total_line(scored, lang)})", ""]
    if scored.missing:
        lines.append(f"{w['missing']}:")
        lines.append("")
        lines += [
            f"- {w['kpi_n'].format(n=n)}: {_md_cell(name)}"
            for n, name in zip(scored.missing, scored.missing_names, strict=True)
        ]
        lines.append("")
    return "\n".join(lines)


_HTML = """<!DOCTYPE html>
<html lang="{{ lang }}">
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
<p>{{ w.rules }}: {{ rules }} · {{ scale }}</p>
<table>
<thead><tr><th>{{ w.kpi }}</th><th>{{ w.name }}</th><th>{{ w.weight }}</th><th>{{ w.score }}</th><th>{{ w.weighted }}</th><th>{{ w.explanation }}</th></tr></thead>
<tbody>
{% for k in kpis %}<tr><td class="num">{{ k.number }}</td><td>{{ k.name }}</td><td class="num">{{ k.weight }}</td><td class="num">{{ k.score }}</td><td class="num">{{ k.weighted }}</td><td>{{ k.explanation }}</td></tr>
{% endfor %}</tbody>
</table>
<p><strong>{{ total }}</strong> ({{ total_line }})</p>
{% if missing %}<p>{{ w.missing }}:</p>
<ul>
{% for number, name in missing %}<li>{{ w.kpi_n.format(n=number) }}: {{ name }}</li>
{% endfor %}</ul>
{% endif %}</body>
</html>
"""

_ENV = Environment(autoescape=True, keep_trailing_newline=True)


def render_html(agreement: Agreement, scored: AgreementScore, lang: Lang = "th") -> str:
    """A standalone HTML page; every text from the record or the sheet is escaped."""
    show = scored.rules.display.format
    assert scored.total is not None
    return _ENV.from_string(_HTML).render(
        lang=lang,
        w=texts(lang),
        title=_title(agreement, scored, lang),
        rules=scored.rules.name,
        scale=texts(lang)["scale_range"].format(top=plain(scored.scale_max)),
        kpis=[
            {
                "number": k.number,
                "name": k.name,
                "weight": plain(k.weight),
                "score": show(k.score),
                "weighted": show(k.weighted),
                "explanation": k.explain(lang),
            }
            for k in scored.kpis
        ],
        total=_total_label(scored, lang),
        total_line=_total_line(scored, lang),
        missing=list(zip(scored.missing, scored.missing_names, strict=True)),
    )
