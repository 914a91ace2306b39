"""Reading the store back: `thaikpi list`, `thaikpi show ID|FILE`, `thaikpi export`.

`show --json` prints the stored record byte for byte as `thaikpi extract` wrote it (with a
person's corrections applied and listed, once there are any: `thaikpi correct`); `export` writes
one row per KPI (JSON, CSV for Excel, or XLSX) and gives the same bytes for the same store
content, so exports can be diffed and checksummed by auditors.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from parsers.messages import Message
from pipeline.commands.common import DbOption, JsonOption, LangOption, OutOption, check_lang

if TYPE_CHECKING:
    from pipeline.models import Agreement, Quality
    from pipeline.store import Store, StoredAgreement

FORMATS = ("json", "csv", "xlsx")
# The columns of `export`, in order; JSON rows have the same keys.
EXPORT_COLUMNS = (
    "agreement_id",
    "fiscal_year",
    "organization",
    "parent_organization",
    "version",
    "is_current",
    "file",
    "kpi_number",
    "kpi_name",
    "category",
    "weight",
    "status",
    "scoring",
    "unit",
    "target_value",
    "target_text",
    "criteria",
    "deduction_points",
    "pages",
)
# Fixed workbook and zip-entry dates: an export's bytes depend only on the store's content.
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# --- pure formatting --------------------------------------------------------------------------


def _number(value: float | int | None) -> float | int | None:
    """20.0 → 20 (what an Excel user typed), 12.5 stays 12.5."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def criteria_text(criteria: list[dict[str, Any]]) -> str:
    """Criteria as one cell: a `level: text` line per level."""
    return "\n".join(f"{_number(c['level'])}: {c['text']}" for c in criteria)


def flat_row(row: dict[str, Any]) -> list[Any]:
    """One export row as spreadsheet cells (lists become text, whole floats become ints)."""
    cells: list[Any] = []
    for column in EXPORT_COLUMNS:
        value = row[column]
        if column == "criteria":
            value = criteria_text(value)
        elif column == "pages":
            value = ", ".join(str(p) for p in value)
        elif isinstance(value, float):
            value = _number(value)
        cells.append(value)
    return cells


def json_export(rows: list[dict[str, Any]]) -> bytes:
    ordered = [{column: row[column] for column in EXPORT_COLUMNS} for row in rows]
    return (json.dumps(ordered, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def csv_export(rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel shows Thai as mojibake."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in flat_row(row)])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_export(rows: list[dict[str, Any]]) -> bytes:
    """A one-sheet workbook; dates inside and zip timestamps are fixed so the bytes are stable."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "KPIs"
    sheet.append(list(EXPORT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_index, row in enumerate(rows, start=2):
        for column_index, value in enumerate(flat_row(row), start=1):
            cell = sheet.cell(row=row_index, column=column_index)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # text that starts with "=" stays text, never a formula
                if "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.value = value
    sheet.freeze_panes = "A2"
    widths = {"organization": 40, "parent_organization": 40, "kpi_name": 60, "category": 40, "criteria": 60}
    for column_index, name in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=column_index).column_letter].width = widths.get(name, 14)
    workbook.properties.creator = "thaikpi"
    workbook.properties.lastModifiedBy = "thaikpi"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # not save_workbook(): that stamps "modified = now"
    return _fixed_zip_times(raw.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def export_bytes(rows: list[dict[str, Any]], fmt: str) -> bytes:
    return {"json": json_export, "csv": csv_export, "xlsx": xlsx_export}[fmt](rows)


def _write_atomic(path: Path, data: bytes) -> None:
    """Via a temporary file and a rename: an interrupted export never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# --- command plumbing -------------------------------------------------------------------------


def _fail(exc: Exception) -> typer.Exit:
    from pipeline.errors import ThaiKPIError

    line = exc.line() if isinstance(exc, ThaiKPIError) else f"error: {exc}"
    print(line, file=sys.stderr)
    return typer.Exit(1)


def _open(db: str | None) -> Store:
    from pipeline.store import Store

    return Store.open(db, create=False)


def _stdout_console() -> Any:
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=240)  # piped: do not wrap Thai names at 80
    return console


def _find(store: Store, ref: str) -> StoredAgreement:
    """ID → that agreement; an existing file → the agreement stored from the same bytes."""
    from pipeline.errors import InputError, StoreError

    path = Path(ref)
    if path.is_file():
        if path.suffix.lower() == ".json":
            from pipeline.sources import load_agreement

            sha256 = load_agreement(ref).source.sha256
        else:
            import hashlib

            sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        found = store.find_sha256(sha256)
        if found is None:
            raise StoreError("store.not_stored", file=ref, sha=sha256[:12])
        return found
    if path.suffix.lower() in (".pdf", ".json"):
        raise InputError("input.no_file", file=ref)
    try:
        return store.get(ref)
    except StoreError as exc:
        if exc.file is None:  # name the id the user gave, like every other error line
            exc.file = ref
        raise


def _mark(value: object, field: str, corrected: set[str]) -> str:
    """A shown value, with `*` when a person's correction set it."""
    return f"{value}*" if field in corrected else str(value)


def _show_text(store: Store, stored: StoredAgreement) -> None:
    from rich.markup import escape
    from rich.table import Table

    from pipeline.corrections import corrected_fields

    console = _stdout_console()
    agreement = stored.agreement()
    fixed = corrected_fields(agreement)
    versions = store.versions(stored)
    console.print(f"[bold]{escape(_mark(agreement.organization, 'organization', fixed))}[/bold]", markup=True)
    if agreement.parent_organization:
        console.print(_mark(agreement.parent_organization, "parent_organization", fixed), markup=False)
    console.print(f"fiscal year {_mark(agreement.fiscal_year, 'fiscal_year', fixed)} · id {stored.id} · version {stored.version}"
                  f"{' (current)' if stored.is_current else ' (superseded)'}", markup=False)
    console.print(f"file {stored.file} · sha256 {stored.sha256}", markup=False)
    console.print(f"ingested {stored.ingested_at.isoformat()}", markup=False)
    if len(versions) > 1:
        listed = ", ".join(f"{v.version}: {v.id}{' (current)' if v.is_current else ''}" for v in versions)
        console.print(f"versions {listed}", markup=False)
    table = Table(show_lines=False)
    for column, justify in (("#", "right"), ("KPI", "left"), ("weight", "right"), ("scoring", "left"), ("unit", "left")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for kpi in agreement.kpis:
        at = f"kpis.{kpi.number}."
        table.add_row(
            str(kpi.number), _mark(kpi.name, at + "name", fixed), _mark(_number(kpi.weight), at + "weight", fixed),
            _mark(kpi.scoring, at + "scoring", fixed), _mark(kpi.unit or "", at + "unit", fixed),
        )
    console.print(table)
    if agreement.findings:
        console.print(f"{len(agreement.findings)} findings (show --json for details)", markup=False)
    for line in quality_lines(stored.quality()) + correction_lines(agreement, stored.id):
        console.print(line, markup=False)


def quality_lines(quality: Quality) -> list[str]:
    """The verdict and, for a record that needs review, each reason in Thai with its page."""
    if quality.status == "ok":
        return ["quality: ok"]
    lines = [f"quality: needs_review (ควรตรวจสอบ {len(quality.reasons)} รายการ)"]
    for r in quality.reasons:
        page = f" (หน้า {r.page})" if r.page else ""
        lines.append(f"  - {r.why}{page} [{r.field}]")
    return lines


def correction_lines(agreement: Agreement, agreement_id: str) -> list[str]:
    """The corrections in force (marked `*` above) and the conflicts still to settle."""
    from pipeline.corrections import display

    if not agreement.corrections:
        return []
    lines = [f"corrections (* = corrected; thaikpi history {agreement_id}):"]
    for c in agreement.corrections:
        state = "" if c.status == "applied" else " [conflict: not applied]"
        lines.append(f"  {c.field}: {display(c.old)} → {display(c.new)}{state}")
    return lines


def register(app: typer.Typer) -> None:
    @app.command("list")
    def list_cmd(
        year: int | None = typer.Option(None, "--year", help="Fiscal year (BE), e.g. 2566."),
        org: str | None = typer.Option(None, "--org", help="Part of the organization or parent name."),
        all_versions: bool = typer.Option(False, "--all-versions", help="Include superseded versions."),
        needs_review: bool = typer.Option(
            False, "--needs-review", help="Only agreements whose (corrected) record needs a person's review."
        ),
        db: str | None = DbOption,
        as_json: bool = JsonOption,
        lang: str = LangOption,
    ) -> None:
        """List stored agreements (current versions unless --all-versions) and whether each needs review."""
        from rich.table import Table

        from pipeline.errors import ThaiKPIError

        check_lang(lang)

        try:
            with _open(db) as store:
                rows = store.agreements(year=year, org=org, all_versions=all_versions)
            summaries = [r.summary() for r in rows]
        except ThaiKPIError as exc:
            raise _fail(exc) from None
        if needs_review:
            summaries = [s for s in summaries if s["quality"] == "needs_review"]
        if as_json:
            sys.stdout.write(json.dumps(summaries, ensure_ascii=False, indent=2) + "\n")
            return
        table = Table()
        for column in ("id", "year", "version", "organization", "parent", "KPIs", "quality", "ingested"):
            table.add_column(column)
        for s in summaries:
            version = str(s["version"]) + ("" if s["is_current"] else " (old)")
            quality = s["quality"] + (f" ({s['corrections']} corrected)" if s["corrections"] else "")
            table.add_row(
                s["id"], str(s["fiscal_year"]), version, s["organization"], s["parent_organization"] or "",
                str(s["kpis"]), quality, s["ingested_at"][:16].replace("T", " "),
            )
        _stdout_console().print(table)

    @app.command("show")
    def show_cmd(
        ref: str = typer.Argument(..., metavar="ID|FILE", help="Stored id (sha256 prefix) or an ingested file."),
        db: str | None = DbOption,
        as_json: bool = typer.Option(
            False, "--json", help="The stored record, exactly as extract wrote it (with corrections applied, if any)."
        ),
        lang: str = LangOption,
    ) -> None:
        """Show one stored agreement."""
        from pipeline.errors import ThaiKPIError

        check_lang(lang)

        try:
            with _open(db) as store:
                stored = _find(store, ref)
                if as_json:
                    sys.stdout.write(stored.record_text() + "\n")
                    return
                _show_text(store, stored)
        except ThaiKPIError as exc:
            raise _fail(exc) from None

    @app.command("export")
    def export_cmd(
        year: int | None = typer.Option(None, "--year", help="Fiscal year (BE); all years if omitted."),
        fmt: str | None = typer.Option(None, "--format", "-f", help="json | csv | xlsx (default: from -o's suffix, else json)."),
        output: Path | None = OutOption,
        org: str | None = typer.Option(None, "--org", help="Part of the organization or parent name."),
        all_versions: bool = typer.Option(False, "--all-versions", help="Include superseded versions."),
        db: str | None = DbOption,
        lang: str = LangOption,
    ) -> None:
        """Export one row per KPI of the stored agreements (for Excel: --format xlsx or csv)."""
        from pipeline.errors import ThaiKPIError

        check_lang(lang)
        if fmt is None:
            suffix = output.suffix.lower().lstrip(".") if output else ""
            fmt = suffix if suffix in FORMATS else "json"
        if fmt not in FORMATS:
            raise typer.BadParameter(Message("export.bad_format").text())
        if fmt == "xlsx" and (output is None or str(output) == "-"):
            raise typer.BadParameter(Message("export.xlsx_needs_output").text())
        try:
            with _open(db) as store:
                rows = store.kpi_rows(year=year, org=org, all_versions=all_versions)
        except ThaiKPIError as exc:
            raise _fail(exc) from None
        data = export_bytes(rows, fmt)
        if output is None or str(output) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            try:
                _write_atomic(output, data)
            except OSError as exc:
                print(f"{output}: error: {Message('write.failed', why=exc.strerror or str(exc)).text()}", file=sys.stderr)
                raise typer.Exit(1) from None
        agreements = len({r["agreement_id"] for r in rows})
        print(Message("export.summary", kpis=len(rows), agreements=agreements).text(), file=sys.stderr)
