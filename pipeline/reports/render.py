"""Rendering report contexts with the Jinja templates in ``templates/``: HTML and Markdown.

Two environments, one per output language, each escaping by default: HTML with Jinja's
autoescape, Markdown with a ``finalize`` hook that escapes every printed value unless the report
itself made it (:class:`~pipeline.reports.formatting.MdSafe`). Text read from a PDF only ever reaches a
template as data, never as template source, so ``{{ 7*7 }}`` in a KPI name stays those characters.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from pipeline.findings import finding_message
from pipeline.models import Agreement, Finding, Quality, Reason
from pipeline.quality import assess
from pipeline.reports.breaks import keep_whole, thai_breaks
from pipeline.reports.context import ScoreRow
from pipeline.reports.formatting import (
    DASH,
    MdSafe,
    be_year,
    fixed,
    levels_line,
    md_escape,
    num,
    page_list,
    percent,
    thai_date,
)
from pipeline.reports.texts import Lang, label, texts
from pipeline.scoring import dec, plain

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
"""The report templates and stylesheet (``templates/`` at the top of the repository)."""

KINDS = ("agreement", "scorecard", "compare")


def result_text(row: ScoreRow, lang: Lang = "th") -> str:
    """What the unit reported, as the sheet says it: 96.2, 96.2%, level 75, plus incomplete rounds."""
    result, kpi = row.result, row.kpi
    words = texts(lang)
    if result.level is not None:
        text = f"{words['level_none']} (0)" if result.level == 0 else words["level_n"].format(level=plain(result.level))
    elif result.value is not None:
        text = plain(result.value) + ("%" if kpi.scoring == "direct" else "")
    else:
        text = DASH
    if result.incomplete_rounds:
        text += "; " + words["incomplete"].format(rounds=", ".join(str(r) for r in result.incomplete_rounds))
    return text


def _signed(value: Decimal | None) -> str:
    if value is None:
        return DASH
    return ("+" if value > 0 else "") + plain(value)


def _filters(wrap: Callable[[str], str], whole: Callable[[str], str]) -> dict[str, Callable[..., Any]]:
    """The template filters; ``wrap`` marks their output as report-made text (Markdown), ``whole``
    as text a line must never break inside (HTML: a person's name, a date)."""

    @pass_context
    def thaidate(context: Context, value: Any) -> str:
        text = thai_date(value, context["options"])
        return whole(text) if value is not None else wrap(text)

    @pass_context
    def result(context: Context, row: ScoreRow) -> str:
        return result_text(row, context["lang"])

    def pages(value: Any) -> str:
        text = page_list(value or [])
        if wrap is str:  # HTML: each page or range whole (never 9–|11), a line may end after a comma
            return Markup(", ").join(whole(item) for item in text.split(", "))
        return wrap(text)

    @pass_context
    def year(context: Context, value: int | None) -> str:
        return wrap(be_year(value, context["options"]))

    return {
        "num": lambda v: wrap(num(v)),
        "fixed": lambda v: wrap(fixed(v)),
        "percent": lambda v: wrap(percent(v)),
        "pages": pages,
        "signed": lambda v: wrap(_signed(v)),
        "dec": lambda v: dec(v),
        "join_nums": lambda vs: wrap(levels_line(list(vs))),
        "result": result,
        "thaidate": thaidate,
        "year": year,
        "person": lambda v: whole(str(v)) if v else v,
        "plain": lambda v: Markup(escape(v)) if wrap is str else v,
    }


def verdict(agreement: Agreement) -> Quality:
    """The record's quality verdict; computed for a record stored before verdicts existed."""
    return agreement.quality or assess(agreement)


@pass_context
def _label(context: Context, table: str, key: str | None) -> str:
    """A record code (role, scoring kind …) in the report's language."""
    return label(context["lang"], table, key)


@pass_context
def _message(context: Context, f: Finding) -> str:
    """A finding's sentence in the report's language (old records: translated by its code)."""
    return finding_message(f, context["lang"])


@pass_context
def _why(context: Context, reason: Reason) -> str:
    """A review reason in the report's language."""
    return reason.why if context["lang"] == "th" else reason.why_en


@pass_context
def _say(context: Context, key: str, **values: Any) -> str:
    """One of the report's phrases with its values: ``say("kpi_n", n=3)``."""
    return texts(context["lang"])[key].format(**values)


_GLOBALS: dict[str, Any] = {
    "label": _label,
    "message": _message,
    "why": _why,
    "say": _say,
    "verdict": verdict,
}


def _md_finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, MdSafe):
        return str(value)
    return md_escape(str(value))


def _html_finalize(value: Any) -> Any:
    """Every printed value: escaped, Thai words kept whole with break opportunities between them
    (:mod:`pipeline.reports.breaks`). Markup made by a filter (a name, a date) stays as it is."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return thai_breaks(str(value))


@lru_cache(maxsize=4)
def environment(language: str, templates: Path = TEMPLATES_DIR) -> Environment:
    """The Jinja environment for ``html`` (autoescaped) or ``md`` (Markdown-escaped) templates."""
    common: dict[str, Any] = {
        "loader": FileSystemLoader(str(templates)),
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if language == "html":
        env = Environment(autoescape=True, finalize=_html_finalize, **common)
        env.filters.update(_filters(str, keep_whole))
    elif language == "md":
        env = Environment(autoescape=False, finalize=_md_finalize, **common)
        env.filters.update(_filters(MdSafe, lambda text: MdSafe(md_escape(text))))
    else:
        raise ValueError(f"no templates for {language!r}")
    env.globals.update(_GLOBALS)
    return env


def render_html(context: dict[str, Any], font_css: str = "") -> str:
    """The self-contained HTML page of a report context (CSS inlined, no scripts, no links out).

    ``font_css`` is the PDF writer's @font-face rules; it is made by thaikpi, never from a record.
    """
    template = environment("html").get_template(f"{context['kind']}.html.j2")
    return template.render(**context, font_css=Markup(font_css))


def render_markdown(context: dict[str, Any]) -> str:
    template = environment("md").get_template(f"{context['kind']}.md.j2")
    return _tidy_markdown(template.render(**context))


def _tidy_markdown(text: str) -> str:
    """At most one blank line in a row and one final newline: templates stay readable, output tidy."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
