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
from markupsafe import Markup

from pipeline.models import Agreement, Quality
from pipeline.quality import assess
from pipeline.reports.context import ScoreRow
from pipeline.reports.formatting import (
    BASELINE,
    CHANGE,
    DASH,
    KPI_STATUS,
    ROLES,
    ROUND_NAMES,
    SCALE,
    SCORING,
    SEVERITY,
    MdSafe,
    be_year,
    fixed,
    label,
    levels_line,
    md_escape,
    num,
    page_list,
    percent,
    thai_date,
)
from pipeline.scoring import dec, plain

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
"""The report templates and stylesheet (``templates/`` at the top of the repository)."""

KINDS = ("agreement", "scorecard", "compare")


def result_text(row: ScoreRow) -> str:
    """What the unit reported, as the sheet says it: 96.2, 96.2%, level 75, plus incomplete rounds."""
    result, kpi = row.result, row.kpi
    if result.level is not None:
        text = "ไม่ถึงระดับใด (level 0)" if result.level == 0 else f"ระดับ {plain(result.level)}"
    elif result.value is not None:
        text = plain(result.value) + ("%" if kpi.scoring == "direct" else "")
    else:
        text = DASH
    if result.incomplete_rounds:
        text += "; ไม่ครบรอบ " + ", ".join(str(r) for r in result.incomplete_rounds)
    return text


def _signed(value: Decimal | None) -> str:
    if value is None:
        return DASH
    return ("+" if value > 0 else "") + plain(value)


def _filters(wrap: Callable[[str], str]) -> dict[str, Callable[..., Any]]:
    """The template filters; ``wrap`` marks their output as report-made text (Markdown)."""

    @pass_context
    def thaidate(context: Context, value: Any) -> str:
        return wrap(thai_date(value, context["options"]))

    @pass_context
    def year(context: Context, value: int | None) -> str:
        return wrap(be_year(value, context["options"]))

    return {
        "num": lambda v: wrap(num(v)),
        "fixed": lambda v: wrap(fixed(v)),
        "percent": lambda v: wrap(percent(v)),
        "pages": lambda v: wrap(page_list(v or [])),
        "signed": lambda v: wrap(_signed(v)),
        "dec": lambda v: dec(v),
        "join_nums": lambda vs: wrap(levels_line(list(vs))),
        "result": lambda row: result_text(row),
        "thaidate": thaidate,
        "year": year,
    }


def verdict(agreement: Agreement) -> Quality:
    """The record's quality verdict; computed for a record stored before verdicts existed."""
    return agreement.quality or assess(agreement)


_GLOBALS: dict[str, Any] = {
    "label": label,
    "ROLES": ROLES,
    "SCORING": SCORING,
    "KPI_STATUS": KPI_STATUS,
    "SEVERITY": SEVERITY,
    "SCALE": SCALE,
    "CHANGE": CHANGE,
    "BASELINE": BASELINE,
    "ROUND_NAMES": ROUND_NAMES,
    "verdict": verdict,
}


def _md_finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, MdSafe):
        return str(value)
    return md_escape(str(value))


def _html_finalize(value: Any) -> Any:
    return "" if value is None else value


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
        env.filters.update(_filters(str))
    elif language == "md":
        env = Environment(autoescape=False, finalize=_md_finalize, **common)
        env.filters.update(_filters(MdSafe))
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
