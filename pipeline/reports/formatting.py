"""How values look in reports: numbers, page lists, Thai dates and years, labels, Markdown escaping.

One place for these so HTML, PDF, Markdown and XLSX say the same thing the same way. Every
function is pure and depends only on its arguments (no clock, no locale), which is what makes a
re-rendered report byte-identical to the saved one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from parsers.thai.dates import format_thai_date
from parsers.thai.numbers import to_thai_digits
from pipeline.reports.texts import LABELS, Lang
from pipeline.scoring import dec, plain

Digits = Literal["thai", "arabic"]
DateStyle = Literal["full", "short"]

DASH = "–"
"""Shown for a value that is not there (no target, no result, no date)."""


EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class ReportOptions:
    """The report's language (``th``, the default, or ``en``) and how it writes Thai dates and
    years: ``๒๖ ธันวาคม ๒๕๖๕`` (thai, full) or ``26 ธ.ค. 2565``."""

    digits: Digits = "thai"
    lang: Lang = "th"
    date_style: DateStyle | None = None
    """None: full month names with Thai digits, abbreviated ones with Arabic digits."""

    @property
    def style(self) -> DateStyle:
        if self.date_style is not None:
            return self.date_style
        return "full" if self.digits == "thai" else "short"


# ------------------------------------------------------------------------------------ values


def num(value: float | int | Decimal | None) -> str:
    """A record number as people write it (97.5, 100, 399.03); a dash when there is none."""
    if value is None:
        return DASH
    return plain(dec(value))


def fixed(value: Decimal | None) -> str:
    """A display-rounded score with its places kept (87.0000), as the scoring engine shows it."""
    if value is None:
        return DASH
    return f"{value:f}"


def percent(value: float | None) -> str:
    """A 0–1 confidence as a whole percentage (0.8478 → 85%)."""
    if value is None:
        return DASH
    return f"{round(value * 100)}%"


def page_list(pages: Iterable[int]) -> str:
    """Page numbers with runs folded: [5, 9, 10, 11] → "5, 9–11"."""
    ordered = sorted(set(pages))
    if not ordered:
        return DASH
    runs: list[list[int]] = []
    for page in ordered:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def thai_date(value: date | None, options: ReportOptions) -> str:
    """A date as the report's readers write it: Buddhist Era in Thai, ``26 December 2565 BE`` in
    English (the year stays the one the agreement states)."""
    if value is None:
        return DASH
    if options.lang == "en":
        year = be_year(value.year + 543, options)
        day = to_thai_digits(str(value.day)) if options.digits == "thai" else str(value.day)
        return f"{day} {EN_MONTHS[value.month - 1]} {year} BE"
    return format_thai_date(value, digits=options.digits, style=options.style)


def be_year(year: int | None, options: ReportOptions) -> str:
    """A Buddhist-Era year in the report's digits (2566 or ๒๕๖๖)."""
    if year is None:
        return DASH
    text = str(year)
    return to_thai_digits(text) if options.digits == "thai" else text


def levels_line(values: Iterable[Decimal | float | None]) -> str:
    """Level targets as one line, lowest level first: "95 / 97.5 / 100"."""
    return " / ".join(num(v) for v in values)


# ------------------------------------------------------------------------------------ labels

# The Thai words for the record's codes (the XLSX sheets use them; reports take them from texts).
ROLES = LABELS["th"]["role"]
SCORING = LABELS["th"]["scoring"]
KPI_STATUS = LABELS["th"]["kpi_status"]
SEVERITY = LABELS["th"]["severity"]
SCALE = LABELS["th"]["scale"]
CHANGE = LABELS["th"]["change"]
BASELINE = LABELS["th"]["baseline"]
ROUND_NAMES = {6: "รอบ 6 เดือน", 9: "รอบ 9 เดือน", 12: "รอบ 12 เดือน"}


def label(table: dict[str, str], key: str | None) -> str:
    """A Thai label followed by the record's own key, so both readers and scripts find it."""
    if key is None:
        return DASH
    thai = table.get(key)
    return f"{thai} ({key})" if thai else key


# ---------------------------------------------------------------------------------- Markdown

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|[-+*](?=\s|$)|=+$|(?P<digits>[0-9]{1,9})(?=[.)](?:\s|$)))")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class MdSafe(str):
    """Text the report itself made (numbers, dates, page lists): printed as it is in Markdown."""


def md_escape(text: str) -> str:
    """Record text as inert Markdown: one line, HTML special characters as entities, Markdown
    punctuation backslashed, so text from a PDF can neither format, link nor inject HTML."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _MD_INLINE.sub(r"\\\1", flat)
    # A value may open a line (a list item, a paragraph): "# x", "- x", "1. x" must stay text.
    return _MD_LINE_START.sub(lambda m: m.group(0) + "\\" if m.group("digits") else "\\" + m.group(0), flat)
