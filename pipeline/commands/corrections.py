"""A person's corrections: `thaikpi correct`, `thaikpi history`, `thaikpi review`.

Extraction will be wrong on some PDFs; the person who reads the document fixes the record here,
field by field (`correct ID kpis.3.weight=20`) or in a spreadsheet (`review ID -o sheet.xlsx`,
fill the "corrected value" column, `correct ID --from sheet.xlsx`). The stored extraction is never
changed: corrections are kept beside it, shown by `history`, applied by every command that reads
the record, and carried to a new version of the same agreement where it still says the same.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from parsers.messages import Message
from pipeline.commands.common import DbOption, JsonOption, LangOption, OutOption, check_lang

if TYPE_CHECKING:
    from pipeline.corrections import Assignment, ReviewRow
    from pipeline.models import Agreement, Correction
    from pipeline.store import StoredCorrection

#: the review sheet's columns; `correct --from` reads the field, current and corrected values
#: and the note by position, after checking the header row is this one
REVIEW_COLUMNS = (
    "field",
    "ค่าปัจจุบัน / current value",
    "หน้า / page",
    "ควรตรวจเพราะ / why to check",
    "ค่าที่ถูกต้อง / corrected value",
    "หมายเหตุ / note",
)
FIELD, CURRENT, PAGE, WHY, CORRECTED, NOTE = range(len(REVIEW_COLUMNS))

CORRECT_HELP = (
    "Correct fields of a stored agreement: FIELD=VALUE, or the filled rows of a review sheet.\n\n"
    "FIELD is a dotted path: organization, parent_organization, fiscal_year, period.start, period.end, "
    "parties.grantor.name|position|signed_on, parties.maker.…, "
    "kpis.N.name|weight|category|status|scoring|unit|deduction_points (N: the KPI's number), "
    "kpis.N.criteria.I.text|value (I: the criterion's position 1..n among the KPI's criteria sorted by "
    "level, lowest first).\n\n"
    "VALUE: numbers and dates may use Thai digits; dates as YYYY-MM-DD (a year from 2400 is Buddhist Era) "
    "or Thai (๑ ตุลาคม ๒๕๖๕); null empties an optional field; text as typed (\"null\" in double quotes "
    "for that text).\n\n"
    "All corrections of one command are checked together: one bad field or value and nothing is written. "
    "The stored extraction is kept; thaikpi history ID lists the corrections."
)


# --- the review sheet (pure) -----------------------------------------------------------------


def review_workbook(agreement_id: str, rows: list[ReviewRow]) -> bytes:
    """One row per correctable field; the same bytes for the same record (fixed dates and zip
    times, as `export`), so a sheet can be checksummed and re-made identically."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    from pipeline.commands.records import FIXED_TIME, _fixed_zip_times

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "review"
    sheet.append(list(REVIEW_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_index, row in enumerate(rows, start=2):
        values = (row.field, row.value, row.page, row.why)
        for column_index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_index, column=column_index)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value) or None
                cell.data_type = "s"  # a value that starts with "=" stays text, never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.value = value
    sheet.freeze_panes = "B2"
    for letter, width in zip("ABCDEF", (28, 60, 8, 40, 40, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    props = workbook.properties
    props.creator = props.lastModifiedBy = "thaikpi"
    props.identifier = agreement_id
    props.title = f"thaikpi review {agreement_id}"
    props.created = props.modified = FIXED_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return _fixed_zip_times(raw.getvalue())


def _cell_text(value: object) -> str:
    """A cell as the text `FIELD=VALUE` would give: a date cell as ISO, 25.0 as 25."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_review(path: Path, agreement: Agreement, agreement_id: str) -> list[Assignment]:
    """The filled rows of a review sheet as assignments. Refused whole if the sheet is another
    agreement's, or a current value in it is no longer the record's (someone corrected it since:
    make a new sheet rather than overwrite their fix unseen)."""
    from openpyxl import load_workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from pipeline.corrections import Assignment, CorrectionError, review_rows

    try:
        workbook = load_workbook(path, read_only=False, data_only=True)
    except FileNotFoundError:
        raise CorrectionError("review.no_file", path=path) from None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise CorrectionError("review.not_xlsx", path=path, kind=type(exc).__name__) from None
    made_for = workbook.properties.identifier
    if made_for and made_for != agreement_id:
        raise CorrectionError("review.other_agreement", path=path, made_for=made_for, id=agreement_id)
    sheet = workbook.worksheets[0]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    if not cells or tuple(_cell_text(c) for c in cells[0][: len(REVIEW_COLUMNS)]) != REVIEW_COLUMNS:
        raise CorrectionError("review.not_sheet", path=path)
    now = {r.field: ILLEGAL_CHARACTERS_RE.sub("", r.value) for r in review_rows(agreement)}
    out: list[Assignment] = []
    for number, row in enumerate(cells[1:], start=2):
        row = [*row, *([None] * len(REVIEW_COLUMNS))]
        field, corrected = _cell_text(row[FIELD]).strip(), _cell_text(row[CORRECTED])
        if not corrected.strip():
            continue
        if field in now and _cell_text(row[CURRENT]) != now[field]:
            said = repr(now[field]) if now[field] else Message("review.nothing")
            raise CorrectionError("review.stale", path=path, row=number, field=field, now=said)
        note = _cell_text(row[NOTE]).strip() or None
        out.append(Assignment(field, corrected, note))
    if not out:
        raise CorrectionError("review.no_rows", path=path)
    return out


# --- printing ----------------------------------------------------------------------------------


def correction_line(c: Correction) -> str:
    from pipeline.corrections import display

    return f"{c.field}: {display(c.old)} → {display(c.new)}"


def history_table(items: list[StoredCorrection], agreement_id: str) -> Any:
    from rich.table import Table

    from pipeline.corrections import display

    table = Table()
    for column in ("field", "old → new", "by", "at", "note", "status"):
        table.add_column(column)
    for item in items:
        c = item.correction
        status = c.status if item.origin == agreement_id else f"{c.status} (made on {item.origin})"
        table.add_row(
            c.field, f"{display(c.old)} → {display(c.new)}", c.by or "", (c.at or "")[:16].replace("T", " "),
            c.note or "", status,
        )
    return table


# --- commands ----------------------------------------------------------------------------------


def _default_by() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return None


def register(app: typer.Typer) -> None:
    from pipeline.commands.records import _fail, _find, _open, _stdout_console, _write_atomic

    @app.command("correct", help=CORRECT_HELP)
    def correct_cmd(
        ref: str = typer.Argument(..., metavar="ID|FILE", help="Stored id (sha256 prefix) or an ingested file."),
        assignments: list[str] | None = typer.Argument(None, metavar="FIELD=VALUE...", show_default=False),
        from_sheet: Path | None = typer.Option(None, "--from", help="A review sheet (thaikpi review) with filled rows."),
        note: str | None = typer.Option(None, "--note", help="Why (kept with each correction)."),
        by: str | None = typer.Option(None, "--by", help="Who corrects (default: your login name)."),
        db: str | None = DbOption,
        lang: str = LangOption,
    ) -> None:
        from pipeline.corrections import parse_assignment
        from pipeline.errors import ThaiKPIError

        check_lang(lang)
        if not assignments and from_sheet is None:
            raise typer.BadParameter(Message("corr.give_something").text())
        try:
            with _open(db) as store:
                stored = _find(store, ref)
                wanted = [parse_assignment(a) for a in assignments or []]
                if from_sheet is not None:
                    wanted += read_review(from_sheet, stored.agreement(), stored.id)
                made = store.correct(stored, wanted, by=by or _default_by(), note=note)
                quality = store.get(stored.id).quality()
        except ThaiKPIError as exc:
            exc.file = exc.file or ref
            raise _fail(exc) from None
        for c in made:
            print(Message("corr.done", id=stored.id, change=correction_line(c)).text())
        print(Message("corr.quality", id=stored.id, status=quality.status).text())

    @app.command("history")
    def history_cmd(
        ref: str = typer.Argument(..., metavar="ID|FILE", help="Stored id (sha256 prefix) or an ingested file."),
        db: str | None = DbOption,
        as_json: bool = JsonOption,
        lang: str = LangOption,
    ) -> None:
        """List the corrections of a stored agreement: field, old → new, who, when, note, status."""
        from pipeline.errors import ThaiKPIError

        check_lang(lang)

        try:
            with _open(db) as store:
                stored = _find(store, ref)
                items = store.history(stored)
        except ThaiKPIError as exc:
            raise _fail(exc) from None
        if as_json:
            sys.stdout.write(json.dumps([i.summary() for i in items], ensure_ascii=False, indent=2) + "\n")
            return
        if not items:
            print(Message("history.none", id=stored.id).text())
            return
        _stdout_console().print(history_table(items, stored.id))

    @app.command("review")
    def review_cmd(
        ref: str = typer.Argument(..., metavar="ID|FILE", help="Stored id (sha256 prefix) or an ingested file."),
        output: Path | None = OutOption,
        db: str | None = DbOption,
        lang: str = LangOption,
    ) -> None:
        """Write a review sheet (xlsx) to fill in, then: thaikpi correct ID --from FILE.xlsx

        One row per field: its path, current value, page and why to check it, a blank "corrected
        value" column and a note column. The same record gives the same bytes."""
        from pipeline.corrections import review_rows
        from pipeline.errors import ThaiKPIError

        check_lang(lang)
        if output is None or str(output) == "-":
            raise typer.BadParameter(Message("review.needs_output").text())
        try:
            with _open(db) as store:
                stored = _find(store, ref)
                data = review_workbook(stored.id, review_rows(stored.agreement()))
        except ThaiKPIError as exc:
            raise _fail(exc) from None
        try:
            _write_atomic(output, data)
        except OSError as exc:
            print(f"{output}: error: {Message('write.failed', why=exc.strerror or str(exc)).text()}", file=sys.stderr)
            raise typer.Exit(1) from None
        print(Message("review.written", output=output, id=stored.id).text(), file=sys.stderr)
