"""Results sheets: what units report each round, read from CSV or XLSX and checked against the agreement.

A sheet has one row per KPI and round, columns ``kpi,round,value,level,incomplete_rounds``:
``value`` for threshold and direct KPIs, ``level`` for milestone KPIs, ``incomplete_rounds`` the
months (``6``, ``9``, ``6;9``) whose steps were not all done. Cells may use Thai digits, ``%`` or
thousands separators. A sheet is checked completely before anything is scored: one bad cell
raises :class:`~pipeline.errors.SheetError` naming its row (as a spreadsheet numbers it, the
header being row 1) and column, because a wrongly read result would be a wrong score.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from parsers.messages import Message, or_list
from parsers.thai.numbers import find_numbers, parse_number, parse_percent, thai_to_arabic_digits
from pipeline.errors import SheetError, ValueParseError
from pipeline.models import KPI, Agreement
from pipeline.scoring import ROUND_MONTHS, KPIResult, dec, plain

COLUMNS = ("kpi", "round", "value", "level", "incomplete_rounds")
REQUIRED_COLUMNS = ("kpi", "value", "level")
"""``round`` may be left out (every row is then round 12), and so may ``incomplete_rounds``."""

DEFAULT_ROUND = 12
INCOMPLETE_MONTHS = (6, 9)
"""The rounds whose steps can be reported as not all done (the 12-month result is the level itself)."""

MAX_ROWS = 10_000
NO_LEVEL = Decimal(0)
"""A milestone KPI that reached no level is written as level 0; any other level must be on the scale."""

# Words and signs that may surround a number in a cell: "ร้อยละ 96.2", "96.2 %", "๙๖.๒".
_DECORATION = re.compile(r"(?:\s|%|ร้อยละ)*")
_ROUND_SEPARATORS = re.compile(r"[;,/\s]+")


@dataclass(frozen=True)
class SheetRow:
    """One non-empty data row: its spreadsheet row number and its cells as text, by column name."""

    row: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


@dataclass(frozen=True)
class ResultSheet:
    """A checked sheet: every result with the row it came from."""

    source: str | None
    results: tuple[KPIResult, ...]
    rows: tuple[int, ...]

    def for_round(self, round: int) -> list[KPIResult]:
        return [r for r in self.results if r.round == round]

    @property
    def rounds(self) -> list[int]:
        return sorted({r.round for r in self.results})


def load_results(path: str | Path, agreement: Agreement) -> ResultSheet:
    """Read and check a results sheet (``.csv`` or ``.xlsx``) against the agreement it reports on."""
    source = str(path)
    try:
        rows = read_rows(Path(path))
        return parse_results(rows, agreement, source=source)
    except SheetError as exc:
        exc.file = exc.file or source
        raise


# ------------------------------------------------------------------------------------ reading


def read_rows(path: Path) -> list[SheetRow]:
    """The data rows of a CSV or XLSX sheet, cells as text keyed by the (lower-cased) header."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        table = _csv_table(path)
    elif suffix in (".xlsx", ".xlsm"):
        table = _xlsx_table(path)
    else:
        raise SheetError("sheet.bad_suffix", suffix=suffix or Message("sheet.no_suffix"))
    return _rows(table)


def _csv_table(path: Path) -> Iterator[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError("sheet.not_utf8") from None
    except OSError as exc:
        raise SheetError("input.cannot_read", why=exc.strerror or str(exc)) from None
    try:
        yield from csv.reader(text.splitlines())
    except csv.Error as exc:
        raise SheetError("sheet.bad_csv", detail=str(exc)) from None


def _xlsx_table(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # imported here: only XLSX sheets need it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise SheetError("input.cannot_read", why=exc.strerror or str(exc)) from None
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise SheetError("sheet.bad_xlsx", kind=type(exc).__name__) from None
    try:
        sheet = book.worksheets[0]
        for cells in sheet.iter_rows():
            yield [_cell_text(cell.value, getattr(cell, "number_format", "") or "") for cell in cells]
    finally:
        book.close()


def _cell_text(value: object, number_format: str) -> str:
    """A cell as the text a person sees: percent-formatted numbers in percent (0.962 → 96.2)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        number = dec(value)
        if "%" in number_format:
            number *= 100
        return plain(number)
    return str(value)


def _rows(table: Iterable[Sequence[str]]) -> list[SheetRow]:
    lines = iter(table)
    header_cells = next(lines, None)
    if header_cells is None or not any(c.strip() for c in header_cells):
        raise SheetError("sheet.empty", columns=", ".join(COLUMNS))
    header = [c.strip().lower().lstrip("\ufeff") for c in header_cells]
    for index, name in enumerate(header):
        if name and name in header[:index]:
            raise SheetError("sheet.column_twice", column=name)
    for name in REQUIRED_COLUMNS:
        if name not in header:
            raise SheetError("sheet.no_column", column=name, columns=", ".join(COLUMNS))
    rows: list[SheetRow] = []
    for number, cells in enumerate(lines, start=2):
        if not any(str(c).strip() for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise SheetError("sheet.too_many_rows", row=number, limit=MAX_ROWS)
        extra = [c for c in cells[len(header) :] if str(c).strip()]
        if extra:
            raise SheetError("sheet.extra_cells", row=number)
        named = {name: str(cell) for name, cell in zip(header, cells, strict=False) if name in COLUMNS}
        rows.append(SheetRow(row=number, cells=named))
    return rows


# ----------------------------------------------------------------------------------- checking


def parse_results(rows: Iterable[SheetRow], agreement: Agreement, source: str | None = None) -> ResultSheet:
    """Check every row against the agreement and turn it into a :class:`KPIResult`."""
    results: list[KPIResult] = []
    row_numbers: list[int] = []
    seen: dict[tuple[int, int], int] = {}
    try:
        for row in rows:
            result = _parse_row(row, agreement)
            key = (result.kpi, result.round)
            if key in seen:
                raise _fail(
                    row, "kpi", Message("sheet.already_given", kpi=result.kpi, round=result.round, other=seen[key])
                )
            seen[key] = row.row
            results.append(result)
            row_numbers.append(row.row)
    except SheetError as exc:
        exc.file = exc.file or source
        raise
    return ResultSheet(source=source, results=tuple(results), rows=tuple(row_numbers))


def _fail(row: SheetRow, column: str, reason: str) -> SheetError:
    return SheetError("sheet.cell", row=row.row, column=column, reason=reason)


def _number(row: SheetRow, column: str, percent: bool = False) -> Decimal:
    """The one number in a cell, allowing only ``%``/``ร้อยละ`` and spaces around it."""
    text = row.get(column)
    try:
        value = parse_percent(text) if percent else parse_number(text)
    except ValueParseError:
        raise _fail(row, column, Message("sheet.not_number", text=text)) from None
    rest = text
    for _, start, end in reversed(find_numbers(text)):
        rest = rest[:start] + rest[end:]
    if not _DECORATION.fullmatch(rest):
        raise _fail(row, column, Message("sheet.not_number", text=text))
    if percent and value < 0:
        raise _fail(row, column, Message("sheet.negative_percent", text=text))
    return value


def _integer(row: SheetRow, column: str) -> int:
    value = _number(row, column)
    if value != value.to_integral_value():
        raise _fail(row, column, Message("sheet.not_whole", text=row.get(column)))
    return int(value)


def _parse_row(row: SheetRow, agreement: Agreement) -> KPIResult:
    if not row.get("kpi"):
        raise _fail(row, "kpi", Message("sheet.no_kpi"))
    number = _integer(row, "kpi")
    kpi = agreement.kpi(number)
    if kpi is None:
        known = ", ".join(str(k.number) for k in agreement.kpis) or Message("word.none")
        raise _fail(row, "kpi", Message("sheet.unknown_kpi", kpi=number, known=known))
    round_month = _integer(row, "round") if row.get("round") else DEFAULT_ROUND
    if round_month not in ROUND_MONTHS:
        raise _fail(row, "round", Message("sheet.bad_round", round=round_month))
    value, level = _result_cells(row, kpi, agreement)
    incomplete = _incomplete_rounds(row, round_month)
    if incomplete and value is None and level is None:
        column = "level" if kpi.scoring == "milestone" else "value"
        raise _fail(row, column, Message("sheet.needs_result", kpi=number))
    return KPIResult(kpi=number, round=round_month, value=value, level=level, incomplete_rounds=incomplete)


def _result_cells(row: SheetRow, kpi: KPI, agreement: Agreement) -> tuple[Decimal | None, Decimal | None]:
    has_value, has_level = bool(row.get("value")), bool(row.get("level"))
    if kpi.scoring == "milestone":
        if has_value:
            raise _fail(
                row,
                "value",
                Message("sheet.milestone_value", kpi=kpi.number),
            )
        if not has_level:
            return None, None
        level = _number(row, "level")
        levels = sorted(dec(x) for x in agreement.scale.levels)
        if level != NO_LEVEL and level not in levels:
            allowed = ", ".join(plain(x) for x in levels)
            raise _fail(
                row, "level", Message("sheet.not_level", level=plain(level), allowed=allowed)
            )
        return None, level
    if has_level:
        raise _fail(
            row,
            "level",
            Message("sheet.value_not_level", kpi=kpi.number, scoring=kpi.scoring),
        )
    if not has_value:
        return None, None
    return _number(row, "value", percent=kpi.scoring == "direct" or kpi.unit == "percent"), None


def _incomplete_rounds(row: SheetRow, round_month: int) -> tuple[int, ...]:
    text = thai_to_arabic_digits(row.get("incomplete_rounds"))
    months: list[int] = []
    allowed = [m for m in INCOMPLETE_MONTHS if m <= round_month]
    for token in _ROUND_SEPARATORS.split(text):
        if not token:
            continue
        if not re.fullmatch(r"[0-9]+", token) or int(token) not in allowed:
            listed = or_list(allowed)
            raise _fail(
                row,
                "incomplete_rounds",
                Message("sheet.bad_incomplete", token=token, round=round_month, listed=listed),
            )
        if int(token) in months:
            raise _fail(row, "incomplete_rounds", Message("sheet.listed_twice", token=token))
        months.append(int(token))
    return tuple(sorted(months))
