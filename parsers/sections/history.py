"""A template's baseline and roadmap: values by fiscal year, however the template lays them out.

Year tables come in three forms (a `ปีงบประมาณ` row of years with `ผลการดำเนินงาน` / `ค่าเป้าหมาย`
value rows under it, several pairs side by side; the OPDC form, years under a spanning header that
says what they are; years down a column beside value columns), and a page break may fall between
the years and their values, so what was last seen is carried from table to table (`YearState`).
A label-and-value template writes the same values as lines, one year a line, under their label.
Split from `template` (which reads the rest of a template and fills `TemplateInfo` from here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from parsers.pdf.lines import Line
from parsers.pdf.tables import Cell, Table
from parsers.pdf.wrapping import join_wrapped
from parsers.sections import labels
from parsers.sections.doctext import squash
from parsers.sections.layout import LABEL_MAX, cell_under, retext, wraps_onto
from parsers.sections.targets import criterion_value
from parsers.thai.numbers import thai_to_arabic_digits

_YEAR = re.compile(r"^(?:พ\.ศ\.)?\s*([0-9๐-๙]{4})$")


@dataclass
class YearCell:
    year: int
    value: float | None
    text: str


class History(Protocol):
    """What the readers here fill: a template's baseline and roadmap (`TemplateInfo` is one)."""

    baseline: list[YearCell]
    roadmap: list[YearCell]


def is_year_label(text: str) -> bool:
    """The label of a row (or column) of years: `ปีงบประมาณ`, `ปีงบประมาณ พ.ศ.`, `ปี พ.ศ.`, `พ.ศ.`."""
    s = squash(text).replace(".", "")
    return s.startswith(squash("ปีงบประม")) or s in (squash("ปี"), squash("ปีพศ"), squash("พศ"))


def _cell_year(text: str) -> int | None:
    m = _YEAR.match(squash(text))
    return int(thai_to_arabic_digits(m.group(1))) if m else None


def leading_value(text: str) -> float | None:
    """The number a baseline or roadmap cell states, read as a criterion is (`ไม่เกิน 30 วัน`,
    `≤ 1%`, `ไม่น้อยกว่าร้อยละ 95`, `ร้อยละ ๘๐` → the number): a roadmap repeats the KPI's
    targets, so it is written the same ways."""
    return criterion_value(text)


@dataclass
class YearState:
    """The year columns last seen (a `ปีงบประมาณ` row, or a row of years under a header that
    says what they are), carried from table to table because a page break may fall between
    the years and their values."""

    years: list[tuple[int, float, float]] = field(default_factory=list)
    #: baseline/roadmap, when the header over the years says so and no value row has used it yet
    header_kind: str | None = None
    #: years down a column that ran to the foot of a table: the year column and the value columns
    #: (x-range, baseline/roadmap), for the rows a page break carried to the next table
    down: tuple[tuple[float, float], list[tuple[float, float, str]]] | None = None


def year_rows(table: Table, state: YearState, info: History) -> None:
    """Read year rows and the value rows under them (baseline or roadmap).

    Three forms: `ปีงบประมาณ | 2564 | 2565` with values in a row labelled `ผลการดำเนินงาน` or
    `ค่าเป้าหมาย` (several such pairs may stand side by side); the OPDC form, a row of years
    only under a spanning header (`ผลการดำเนินงานในอดีต ปีงบประมาณ พ.ศ.`), the values in the
    next row whatever its label; or the years down a column under `ปีงบประมาณ`, the values
    beside them under `ผลการดำเนินงาน` / `ค่าเป้าหมาย`.
    """
    done: set[int] = set()
    if state.down is not None:
        done.update(range(_years_down_continued(table.rows, state.down, info)))
        state.down = None
    for i, row in enumerate(table.rows):
        if i in done:
            continue
        labels = [c for c in row if is_year_label(c.text)]
        if labels and (down := _years_down(table.rows[i:], labels[0], row, info)):
            done.update(range(i, i + down))
            if i + down == len(table.rows):
                spans = [(c.x0, c.x1, k) for c in row if (k := _value_kind(c.text))]
                state.down = ((labels[0].x0, labels[0].x1), spans)
            continue
        if labels:
            state.years = [(y, c.x0, c.x1) for c in row if (y := _cell_year(c.text)) is not None]
            state.header_kind = None
            continue
        filled = [c for c in row if c.text.strip()]
        year_cells = [(y, c) for c in filled if (y := _cell_year(c.text)) is not None]
        if year_cells and len(year_cells) == len(filled):
            kind = _header_kind(table.rows[i - 1], [c for _, c in year_cells]) if i else None
            if kind is not None:
                state.years = [(y, c.x0, c.x1) for y, c in year_cells]
                state.header_kind = kind
                continue
        kinds = [(c, k) for c in row if (k := _value_kind(c.text))]
        if kinds and filled and kinds[0][0] is not filled[0]:
            # a value label only labels a row it opens: `เป้าหมาย` in a rounds table's header
            # (`รอบการประเมิน | เป้าหมาย | ขั้นตอน`) is not a roadmap row
            continue
        if not kinds and state.header_kind is not None and state.years:
            _take_values(row, state.years, info.baseline if state.header_kind == "baseline" else info.roadmap)
            state.header_kind = None
            continue
        if not kinds or not state.years:
            continue
        # each value-label cell owns the year cells to its right, up to the next label
        bounds = sorted(c.x0 for c, _ in kinds) + [1e9]
        for c, kind in kinds:
            hi = next(b for b in bounds if b > c.x0)
            target = info.baseline if kind == "baseline" else info.roadmap
            _take_values(row, [(y, x0, x1) for y, x0, x1 in state.years if c.x1 - 1 <= x0 < hi - 1], target)


def _years_down(rows: list[list[Cell]], label: Cell, head: list[Cell], info: History) -> int:
    """Years listed down the column of `label` (a header row with no years of its own), each
    value in the row of its year under a `ผลการดำเนินงาน` / `ค่าเป้าหมาย` header cell; the
    number of rows read (header included), 0 when the table is not of that form."""
    kinds = [(c, k) for c in head if (k := _value_kind(c.text))]
    if not kinds or any(_cell_year(c.text) is not None for c in head):
        return 0
    n = 1
    for row in rows[1:]:
        ycell = cell_under(row, label.x0, label.x1)
        year = _cell_year(ycell.text) if ycell is not None else None
        if year is None:
            break
        for c, kind in kinds:
            _take_values(row, [(year, c.x0, c.x1)], info.baseline if kind == "baseline" else info.roadmap)
        n += 1
    return n if n > 1 else 0


def _years_down_continued(
    rows: list[list[Cell]], down: tuple[tuple[float, float], list[tuple[float, float, str]]], info: History
) -> int:
    """The rows opening a table that carry on years down a column from the table before (a page
    break between `๒๕๗๑` and `๒๕๗๒`): each a year under the year column and its values; the
    number of rows read."""
    (lx0, lx1), spans = down
    n = 0
    for row in rows:
        ycell = cell_under(row, lx0, lx1)
        year = _cell_year(ycell.text) if ycell is not None else None
        if year is None:
            break
        for x0, x1, kind in spans:
            _take_values(row, [(year, x0, x1)], info.baseline if kind == "baseline" else info.roadmap)
        n += 1
    return n


def _take_values(row: list[Cell], years: list[tuple[int, float, float]], target: list[YearCell]) -> None:
    for y, x0, x1 in years:
        vcell = cell_under(row, x0, x1)
        text = vcell.text if vcell is not None else ""
        if any(e.year == y for e in target):
            continue
        target.append(YearCell(y, leading_value(text) if text else None, text or "-"))


def _header_kind(above: list[Cell], years: list[Cell]) -> str | None:
    """What the header cell spanning the given year cells says they are, if it says."""
    lo, hi = min(c.x0 for c in years), max(c.x1 for c in years)
    for c in above:
        if c.x0 <= lo + 2 and c.x1 >= hi - 2:
            s = squash(c.text).lower()
            if any(squash(w) in s for w in labels.BASELINE_WORDS):
                return "baseline"
            if any(squash(w) in s for w in labels.ROADMAP_WORDS):
                return "roadmap"
    return None


def _value_kind(text: str) -> str | None:
    """baseline or roadmap, when `text` labels a row (or column) of values by year: `ผลการดำเนินงาน`,
    `ข้อมูลพื้นฐาน`, `ค่าที่วัดได้`; `ค่าเป้าหมาย`, `เป้าหมาย`, `แผนค่าเป้าหมาย`. A round's name
    (`ผลการดำเนินงานรอบ 6 เดือน`) labels no year."""
    s = squash(text).lower()
    if labels.ROUND in s:
        return None
    if s.startswith(squash("ผลการดำเ")) or s.startswith(_BASELINE_VALUE):
        return "baseline"
    if s.startswith(_ROADMAP_LABEL) or s == squash(labels.TARGET):
        return "roadmap"
    return None


_BASELINE_LABEL = tuple(squash(w).lower() for w in labels.BASELINE_LABELS)
_BASELINE_VALUE = (*_BASELINE_LABEL, *(squash(w) for w in labels.MEASURED_WORDS))
_ROADMAP_LABEL = tuple(squash(w).lower() for w in labels.ROADMAP_LABELS)


def history_kind(label: str) -> str | None:
    """baseline or roadmap, when `label` (a template's label cell or heading line) introduces values
    by year: the label families of `labels.BASELINE_LABELS` / `labels.ROADMAP_LABELS`, never a
    round's name (`ผลการดำเนินงานรอบ 6 เดือน`) or a criteria label."""
    s = squash(label).lower()
    if labels.ROUND in s or s.startswith(squash(labels.CRITERIA_LABEL)):
        return None
    if s.startswith(_BASELINE_LABEL):
        return "baseline"
    if s.startswith(_ROADMAP_LABEL):
        return "roadmap"
    return None


#: a line that gives one year's value: `ปีงบประมาณ พ.ศ. 2567 : 94.19`, `ปี 2568 = ร้อยละ 80`, `2569 : -`
_YEAR_LINE = re.compile(r"^\s*(?:ปี\s*(?:งบประมาณ)?)?\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})(?![0-9๐-๙.,])\s*[:：=]?\s*(.*)$")


def history_lines(lines: list[Line], target: list[YearCell], right: float | None, cell: bool = False) -> int:
    """Values by year written as lines, one year a line (`ปีงบประมาณ พ.ศ. 2567 : 94.19`; a long
    value wraps onto the lines under it), as a label-and-value template states its baseline or
    roadmap in one cell or under its label; the number of lines read (they stop at the first line
    that is neither a year's nor the wrapped rest of one; in a `cell` of its own every line after
    a year's is the rest of its value)."""
    entries: list[tuple[int, list[Line]]] = []
    n = 0
    for ln in lines:
        m = _YEAR_LINE.match(ln.text)
        if m:
            entries.append((int(thai_to_arabic_digits(m.group(1))), [retext(ln, m.group(2))] if m.group(2).strip() else []))
        elif entries and (cell or wraps_onto(lines[n - 1], ln, right)):
            entries[-1][1].append(ln)
        else:
            break
        n += 1
    for year, parts in entries:
        text = join_wrapped(parts, right) or "-"
        if not any(e.year == year for e in target):
            target.append(YearCell(year, leading_value(text), text))
    return n


def years_carry_on(upper: list[Line], lower: list[Line]) -> bool:
    """Whether the lines of `lower` (a cell at the top of a page) carry on the years `upper` (the
    cell at the foot of the page before) began: `upper` states years a line each and `lower`'s
    first line states a later one (`ปีงบประมาณ 2567 : 90%` / `ปีงบประมาณ 2568 : 90%`), as a page
    break that cut one value cell of years leaves it. Half the evidence only: the next row of a
    template goes on counting years too (a roadmap under a baseline), so the caller also asks that
    the lower row's label is no label of its own."""
    years = [int(thai_to_arabic_digits(m.group(1))) for ln in upper if (m := _YEAR_LINE.match(ln.text))]
    first = _YEAR_LINE.match(lower[0].text) if lower else None
    return bool(years) and first is not None and int(thai_to_arabic_digits(first.group(1))) > max(years)


_LABEL_COLON = re.compile(r"^\s*(.{1,60}?)\s*[:：]\s*(.*)$")


def labelled_history(lines: list[Line], pairs: list[tuple[Cell, Cell]], info: History) -> None:
    """Baseline and roadmap written as lines of years under their label, where no year table gave
    them: in the value cell of a label-and-value row (`ข้อมูลพื้นฐาน | ปีงบประมาณ พ.ศ. 2567 : -` /
    `ปีงบประมาณ พ.ศ. 2568 : 94.19`), or in the lines under (or after the colon of) a label line."""
    right = max((ln.x1 for ln in lines), default=None)
    for label, value in pairs:
        kind = history_kind(label.text)
        target = info.baseline if kind == "baseline" else info.roadmap
        if kind is not None and not target:
            cell = sorted(value.lines, key=lambda ln: (ln.page, ln.top, ln.x0))
            history_lines(cell, target, max((ln.x1 for ln in cell), default=None), cell=True)
    for k, ln in enumerate(lines):
        m = _LABEL_COLON.match(ln.text)
        kind = history_kind(m.group(1) if m else ln.text)
        if kind is None or (m is None and len(squash(ln.text)) > LABEL_MAX):
            continue
        target = info.baseline if kind == "baseline" else info.roadmap
        if not target:
            first = [retext(ln, m.group(2))] if m and m.group(2).strip() else []
            history_lines(first + lines[k + 1 :], target, right)
