"""XLSX reports: the tabular parts of each report, one worksheet per table, byte-for-byte repeatable.

openpyxl stamps the workbook with the current time and its zip entries with the clock; both are
replaced by a date taken from the record itself (see :func:`record_date`), so rendering the same
record again gives the same bytes. Cells holding record text are always string cells: a KPI name
starting with ``=`` is shown, never run as a formula.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pipeline.findings import finding_message
from pipeline.models import Agreement
from pipeline.quality import assess, reason_text
from pipeline.reports.compare import Comparison
from pipeline.reports.context import CategoryView, KPIView, RoundCard, rating_label, record_id, total_label
from pipeline.reports.formatting import BASELINE, CHANGE, page_list
from pipeline.reports.texts import Lang, texts
from pipeline.scoring import dec

Value = str | int | Decimal | date | None

_EPOCH = datetime(1980, 1, 1)
"""The earliest time a zip entry can carry; used when a record has no date at all."""


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[Value, ...]]


def record_date(agreement: Agreement) -> datetime:
    """A fixed timestamp for a record's workbook: its latest signature, else its period's end."""
    dates = [p.signed_on for p in agreement.parties if p.signed_on is not None]
    if not dates and agreement.period is not None:
        dates.append(agreement.period.end)
    if not dates:
        return _EPOCH
    latest = max(dates)
    return max(datetime(latest.year, latest.month, latest.day), _EPOCH)


def _number(value: float | int | None) -> Decimal | None:
    return None if value is None else dec(value)


# ------------------------------------------------------------------------------------ tables


def agreement_tables(context: dict[str, Any]) -> list[Table]:
    a: Agreement = context["agreement"]
    lang: Lang = context["lang"]
    levels: list[Decimal] = context["levels"]
    info: list[tuple[Value, ...]] = [
        ("organization", a.organization),
        ("parent_organization", a.parent_organization),
        ("fiscal_year", a.fiscal_year),
        ("period_start", a.period.start if a.period else None),
        ("period_end", a.period.end if a.period else None),
        ("scale", a.scale.kind),
        ("levels", " / ".join(f"{x:f}" for x in levels)),
        ("source_file", a.source.file),
        ("sha256", a.source.sha256),
        ("id", record_id(a)),
        ("source_pages", a.source.pages),
    ]
    quality = a.quality or assess(a)
    info.append(("quality", quality.status))
    info += [(f"review: {r.field}", reason_text(r, lang)) for r in quality.reasons]
    info += [(f"corrected: {c.field}", f"{c.old} → {c.new} ({c.status})") for c in a.corrections]
    views: list[KPIView] = context["kpis"]
    categories: list[CategoryView] = context["categories"]
    level_names = tuple(f"target_{x.normalize():f}" for x in levels)
    return [
        Table("agreement", ("field", "value"), info),
        Table(
            "parties",
            ("role", "name", "position", "signed_on", "page"),
            [(p.role, p.name, p.position, p.signed_on, p.page) for p in a.parties],
        ),
        Table(
            "categories",
            ("name", "weight", "kpi_numbers", "kpi_weight_sum"),
            [
                (
                    c.category.name,
                    _number(c.category.weight),
                    ", ".join(map(str, c.category.kpi_numbers)),
                    c.kpi_weight,
                )
                for c in categories
            ],
        ),
        Table(
            "kpis",
            (
                "number",
                "name",
                "category",
                "weight",
                "scoring",
                "status",
                "unit",
                *level_names,
                "deduction_points",
                "pages",
                "scoring_rule",
            ),
            [
                (
                    v.kpi.number,
                    v.kpi.name,
                    v.kpi.category,
                    _number(v.kpi.weight),
                    v.kpi.scoring,
                    v.kpi.status,
                    v.kpi.unit,
                    *v.targets,
                    _number(v.kpi.deduction_points),
                    page_list(v.kpi.pages),
                    v.kpi.scoring_rule,
                )
                for v in views
            ],
        ),
        Table(
            "criteria",
            ("kpi", "level", "value", "text"),
            [(k.number, _number(c.level), _number(c.value), c.text) for k in a.kpis for c in k.criteria],
        ),
        Table(
            "baseline_roadmap",
            ("kpi", "kind", "year", "value", "text"),
            [(k.number, "baseline", y.year, _number(y.value), y.text) for k in a.kpis for y in k.baseline]
            + [(k.number, "roadmap", y.year, _number(y.value), y.text) for k in a.kpis for y in k.roadmap],
        ),
        Table(
            "rounds",
            ("kpi", "month", "goal", "step", "text"),
            [
                (k.number, r.month, r.goal, i, step)
                for k in a.kpis
                for r in k.rounds
                for i, step in enumerate(r.steps or [None], start=1)
            ],
        ),
        Table(
            "findings",
            ("severity", "code", "page", "message"),
            [(f.severity, f.code, f.page, finding_message(f, lang)) for f in a.findings],
        ),
    ]


def scorecard_tables(context: dict[str, Any]) -> list[Table]:
    """One sheet per round: the scored KPIs, the KPIs without a result, then a ``total`` row and a
    ``rating`` row whose name cell says what they are in the report's language (a total over part
    of the weight: ``คะแนนรวมชั่วคราว: 100.0000 จากน้ำหนัก 20 / 100``)."""
    cards: list[RoundCard] = context["cards"]
    lang: Lang = context["lang"]
    levels: list[Decimal] = context["levels"]
    no_result = texts(lang)["no_result"]
    tables = []
    for card in cards:
        rows: list[tuple[Value, ...]] = [
            (
                row.kpi.number,
                row.kpi.name,
                row.weight,
                row.kpi.scoring,
                row.result.value,
                row.result.level,
                ";".join(map(str, row.result.incomplete_rounds)) or None,
                row.score,
                row.weighted,
                row.explanation,
                page_list(row.kpi.pages),
            )
            for row in card.rows
        ]
        rows += [
            (
                k.number,
                k.name,
                _number(k.weight),
                k.scoring,
                None,
                None,
                None,
                None,
                None,
                no_result,
                page_list(k.pages),
            )
            for k in card.missing
        ]
        rows.append(
            ("total", total_label(card, lang), card.weight_sum, None, None, None, None, card.total, card.total, None, None)
        )
        rows.append(
            ("rating", rating_label(card, levels, lang), None, None, None, card.rating, None, None, None, None, None)
        )
        tables.append(
            Table(
                f"round_{card.round}",
                (
                    "kpi",
                    "name",
                    "weight",
                    "scoring",
                    "value",
                    "level",
                    "incomplete_rounds",
                    "score",
                    "weighted",
                    "explanation",
                    "pages",
                ),
                rows,
            )
        )
    return tables


def comparison_tables(context: dict[str, Any]) -> list[Table]:
    cmp: Comparison = context["cmp"]
    matching = [
        (
            k.status,
            CHANGE.get(k.status),
            k.old.number if k.old else None,
            k.old.name if k.old else None,
            k.new.number if k.new else None,
            k.new.name if k.new else None,
            _float4(k.similarity),
            _float4(k.confidence),
            _number(k.old.weight) if k.old else None,
            _number(k.new.weight) if k.new else None,
            k.weight_delta,
            k.old.category if k.old else None,
            k.new.category if k.new else None,
            "yes" if k.targets_changed else None,
        )
        for k in cmp.kpis
    ]
    targets = [
        (
            k.new.number,
            k.new.name,
            t.level,
            t.old_value,
            t.new_value,
            t.old_text,
            t.new_text,
            "yes" if t.changed else None,
        )
        for k in cmp.kpis
        if k.matched and k.new is not None
        for t in k.targets
    ]
    categories = [
        (
            c.status,
            c.old.name if c.old else None,
            _number(c.old.weight) if c.old else None,
            c.new.name if c.new else None,
            _number(c.new.weight) if c.new else None,
        )
        for c in cmp.categories
    ]
    baseline = []
    for k in cmp.kpis:
        check = k.baseline_check
        if check is None or k.new is None:
            continue
        cell = check.baseline
        baseline.append(
            (
                k.new.number,
                k.new.name,
                check.year,
                _number(cell.value) if cell else None,
                cell.text if cell else None,
                check.result,
                "level" if check.result_is_level else "value" if check.result is not None else None,
                check.status,
                BASELINE.get(check.status),
            )
        )
    revisions = [
        (k.new.number, r.year, _number(r.old.value), _number(r.new.value))
        for k in cmp.kpis
        if k.new is not None
        for r in k.baseline_revisions
    ]
    return [
        Table(
            "kpis",
            (
                "status",
                "status_th",
                "old_number",
                "old_name",
                "new_number",
                "new_name",
                "similarity",
                "confidence",
                "old_weight",
                "new_weight",
                "weight_change",
                "old_category",
                "new_category",
                "targets_changed",
            ),
            matching,
        ),
        Table(
            "targets",
            ("kpi", "name", "level", "old_value", "new_value", "old_text", "new_text", "changed"),
            targets,
        ),
        Table("categories", ("status", "old_name", "old_weight", "new_name", "new_weight"), categories),
        Table(
            "baseline_check",
            (
                "kpi",
                "name",
                "year",
                "baseline_value",
                "baseline_text",
                "old_result",
                "result_kind",
                "status",
                "status_th",
            ),
            baseline,
        ),
        Table("baseline_revisions", ("kpi", "year", "old_value", "new_value"), revisions),
    ]


def _float4(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value))


# ------------------------------------------------------------------------------------ writing


def write_xlsx(tables: Sequence[Table], title: str, stamp: datetime) -> bytes:
    """A workbook of ``tables`` whose bytes depend only on the arguments."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.append(list(table.header))
        for cell in sheet[1]:
            cell.font = bold
        widths = [len(h) for h in table.header]
        for r, row in enumerate(table.rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    text = ILLEGAL_CHARACTERS_RE.sub("", value)
                    cell.value = text
                    cell.data_type = "s"  # record text is never a formula, even "=1+1"
                    widths[c - 1] = max(widths[c - 1], min(len(text), 80))
                elif isinstance(value, date):
                    cell.value = value
                    cell.number_format = "yyyy-mm-dd"
                    widths[c - 1] = max(widths[c - 1], 10)
                else:
                    cell.value = value
                    widths[c - 1] = max(widths[c - 1], len(str(value)) if value is not None else 0)
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = width + 2
        sheet.freeze_panes = "A2"
    book.properties.creator = "thaikpi"
    book.properties.title = title
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.lastModifiedBy = None
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _restamp(raw.getvalue(), stamp)


def _restamp(data: bytes, stamp: datetime) -> bytes:
    """The same zip with every entry dated ``stamp`` (zip entries otherwise carry the clock)."""
    when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
