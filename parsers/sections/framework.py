"""The framework table (กรอบการประเมิน): categories with weights and the KPIs under each.

Rows are told apart by meaning, not by position: KPI numbers run on through the whole table
(1, 2, 3 …) while category numbers start again (1., 2.), categories may be unnumbered, and a
total row (`รวม`) closes the table. A category may also have a column of its own, its cell
merged down beside its KPIs: it is read in the row of its first KPI, and a weight column beside it
(left of the KPI column) is the category's. The KPI word may be English (`KPI`, `KPI 1: …`). The
same reading serves the summary table of a KPI-template section (`สรุปตัวชี้วัด…`), which repeats
the weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.pdf.tables import Cell, Table
from parsers.sections import labels
from parsers.sections.doctext import (
    fold,
    has_label,
    is_bare_number,
    join_thai,
    named_like_category,
    numbered,
    rest_of_category_name,
    row_label,
    squash,
)
from parsers.thai.numbers import first_number

LEVEL_WORDS = labels.LEVEL_WORDS

#: a KPI word in English (`KPI`, `Key Performance Indicator`) anywhere in a header cell
_KPI_WORD = re.compile(r"(?<![A-Za-z])" + labels.KPI_WORDS_RE)
#: a row label that opens with a KPI word in English and its number (`KPI 1: …`, `KPI No. 2 …`)
_KPI_WORD_LEAD = re.compile(r"^\s*" + labels.KPI_WORDS_RE + r"(?:\s*(?:[Nn]o\.?|#))?(?=\s*[0-9๐-๙])")
#: what may stand between a KPI's number and its name (`1: …`, `1 - …`, `1. …`)
_NAME_LEAD = re.compile(r"^[\s.:)\-–]+")


def names_kpi(text: str) -> bool:
    """Does a header cell name the KPI column (`ตัวชี้วัด`, also `KPI`, `KPIs`, `Key Performance
    Indicator`: agreements write the word in English as often as in Thai)?"""
    return squash(labels.KPI) in squash(text) or _KPI_WORD.search(text) is not None


def kpi_row_label(texts: list[str]) -> tuple[int | None, str]:
    """`row_label`, also for rows labelled in English (`KPI 1: ร้อยละ…` reads as `ตัวชี้วัด 1`),
    the name without what separates it from the number (`: `, `.`, `-`)."""
    texts = [_KPI_WORD_LEAD.sub(labels.KPI + " ", t, count=1) for t in texts]
    number, name = row_label(texts)
    return number, (_NAME_LEAD.sub("", name) if number is not None else name)


@dataclass
class FrameworkRow:
    number: int | None
    name: str
    weight: float | None
    page: int
    is_category: bool = False
    #: the number stood in a cell of its own (a `ลำดับ` column), not before the name
    own_cell: bool = False


@dataclass
class FrameworkInfo:
    categories: list[tuple[str, float | None, list[int], int]] = field(default_factory=list)
    kpis: dict[int, FrameworkRow] = field(default_factory=dict)
    total: float | None = None
    pages: list[int] = field(default_factory=list)


Span = tuple[float, float]


@dataclass
class _WeightHeader:
    """The header row of a weights table: its index, the KPIs' weight column and, where the
    categories have a column of their own with a weight column beside it, that one."""

    index: int
    weight: Span
    category_weight: Span | None = None


def _header_index(table: Table) -> _WeightHeader | None:
    """The header of a weights table: the first of its first rows naming a weight and a KPI (or
    category) column."""
    for i, row in enumerate(table.rows[:3]):
        joined = "".join(squash(c.text) for c in row)
        if squash(labels.WEIGHT) in joined and (names_kpi(" ".join(c.text for c in row)) or squash(labels.ISSUE) in joined):
            found = _weight_columns(row)
            if found is not None:
                return _WeightHeader(i, *found)
    return None


def _weight_columns(row: list[Cell]) -> tuple[Span, Span | None] | None:
    """(the KPIs' weight column, the categories' weight column or None) from a header row.

    One weight column serves the KPIs. Two (`ประเด็นการประเมิน | น้ำหนัก | ตัวชี้วัด | น้ำหนัก`,
    the category's cells merged down beside its KPIs) are told apart by the KPI column: the
    weight right of it is the KPIs', the one left of it the categories'."""
    weights = [c for c in row if squash(labels.WEIGHT_STEM) in squash(c.text)]
    if not weights:
        return None
    kpi = next((c for c in row if c not in weights and names_kpi(c.text)), None)
    if len(weights) < 2 or kpi is None:
        return (weights[0].x0, weights[0].x1), None
    right = [c for c in weights if c.x0 >= kpi.x1 - 2]
    left = [c for c in weights if c.x1 <= kpi.x0 + 2]
    own = right[0] if right else weights[0]
    return (own.x0, own.x1), ((left[-1].x0, left[-1].x1) if left and right else None)


def is_weights_table(table: Table) -> bool:
    """A table of KPI weights without level targets (framework or summary).

    Only the header says so: the rows under it are KPIs, whose names may well contain the level
    words (`ระดับความสำเร็จของ…`). A row of level columns just under the header (`ระดับ ๑` …
    `ระดับ ๕` below a spanning `เกณฑ์`) makes it a targets table.
    """
    from parsers.sections.targets import level_columns

    found = _header_index(table)
    if found is None:
        return False
    idx = found.index
    head = " ".join(c.text for row in table.rows[: idx + 1] for c in row)
    if has_label(head, *LEVEL_WORDS) or has_label(head, labels.TARGET):
        return False
    return level_columns([(c.text, c.x0, c.x1) for row in table.rows[: idx + 2] for c in row]) is None


def _weight_cell(row: list[Cell], x0: float, x1: float) -> Cell | None:
    mid = (x0 + x1) / 2
    for c in row:
        if c.x0 - 2 <= mid <= c.x1 + 2:
            return c
    return None


def _weight_of(cell: Cell | None) -> float | None:
    """The number a weight cell states, None for an empty or absent cell."""
    found = first_number(cell.text) if cell is not None and cell.text else None
    return float(found) if found is not None else None


def leading_category(texts: list[str]) -> str | None:
    """The category in a row's first label cell when the category has a column of its own
    (`ประเด็นการประเมิน | ตัวชี้วัด | น้ำหนัก`, the category's cell merged down beside its KPIs):
    a first cell that is not a bare row number, followed by a numbered KPI; named without its own
    number (`1. ประเด็นที่ 1 …`), as category rows are."""
    texts = [t for t in texts if t.strip()]
    if len(texts) < 2 or is_bare_number(texts[0]) or kpi_row_label(texts[1:])[0] is None:
        return None
    own = numbered(texts[0])
    return fold(own[1]) if own else fold(texts[0])


def read_weight_rows(tables: list[Table]) -> tuple[list[FrameworkRow], float | None]:
    """(rows, total) of one weights table, possibly running over several pages."""
    rows: list[FrameworkRow] = []
    total: float | None = None
    col: Span | None = None
    cat_col: Span | None = None
    # where the KPIs beside an empty category cell begin (`None` when no such cell is open): a
    # category cell cut by a page break may show its name only on the next page, the part at
    # the page foot left empty (LibreOffice centres the name in the merged cell)
    unnamed: int | None = None
    for table in tables:
        head = _header_index(table)
        start = 0
        if head is not None:
            start, col, cat_col = head.index + 1, head.weight, head.category_weight
        if col is None:
            continue
        for k, row in enumerate(table.rows[start:]):
            wcell = _weight_cell(row, *col)
            # the category's weight: a cell of that column's own (not a label spanning it: `รวม`)
            cat_wcell = _weight_cell(row, *cat_col) if cat_col is not None else None
            if cat_wcell is not None and cat_col is not None and cat_wcell.x0 < cat_col[0] - 2:
                cat_wcell = None
            label_cells = [c for c in row if c is not wcell and c is not cat_wcell and c.x1 <= col[0] + 2]
            lead = leading_category([c.text for c in label_cells])
            # a piece whose first category cell is empty continues the category named above it
            # (Qt names it at the top of its cell, on the page before), unless that cell's top
            # part at the page foot was empty too (LibreOffice's name, centred, comes later)
            goes_on = k == 0 and table is not tables[0] and unnamed is None and any(r.number is None for r in rows)
            if k == 0 and lead is None:
                unnamed = None  # the next page goes on with no category of its own
            if lead and k == 0 and table is not tables[0]:
                named = [r for r in rows if r.number is None]
                if named and rest_of_category_name(lead, [r.name for r in named]):
                    # the category's merged cell cut by the page break: its name's rest opens the piece
                    named[-1].name = join_thai([named[-1].name, lead])
                    lead, label_cells = None, label_cells[1:]
            if lead is not None:
                # the category's own cell, beside its first KPI (merged down over the others);
                # a cell holding only a number (`๑.`) names no category
                if lead:
                    category = FrameworkRow(None, lead, _weight_of(cat_wcell), table.page)
                    if unnamed is not None and k == 0:
                        rows.insert(unnamed, category)  # it opened at the foot of the page before
                    else:
                        rows.append(category)
                unnamed = None
                label_cells = label_cells[1:]
            elif len(label_cells) >= 2 and not label_cells[0].text.strip() and unnamed is None and not goes_on:
                unnamed = len(rows)
            number, label = kpi_row_label([c.text for c in label_cells])
            weight = _weight_of(wcell)
            if not label and weight is None:
                continue
            if squash(label).startswith(labels.TOTAL):
                total = weight
                continue
            if number is None and not label:
                continue
            if number is None and rows and weight is None:
                rows[-1].name = fold(rows[-1].name + " " + label)  # a row split over a page break
                continue
            texts = [c.text for c in label_cells if c.text.strip()]
            own = number is not None and len(texts) >= 2 and is_bare_number(texts[0])
            rows.append(FrameworkRow(number, label, weight, table.page, own_cell=own))
    _mend_numbers(rows)
    _classify(rows)
    return rows, total


#: at most this many row numbers of a numbered column may be misread for the count to mend them
MAX_MISREAD_NUMBERS = 2


def _mend_numbers(rows: list[FrameworkRow]) -> None:
    """Row numbers of a `ลำดับ` column as the count down it says, where a scan misread a few.

    The KPI rows of such a column (each with its number in a cell of its own, or none read,
    and a weight) are numbered 1, 2, 3 … down the table. When all but one or two agree with
    their place in that count and those read no number or one another row has (`๕` for ๔
    beside the real ๕, `เจ` for ๓), they take the number of their place."""
    if not any(r.own_cell for r in rows):
        return
    kpis = [r for r in rows if r.weight is not None and not named_like_category(r.name)]
    if len(kpis) > 1 and kpis[-1].number is None and _is_sum(kpis[-1].weight, [r.weight for r in kpis[:-1]]):
        kpis.pop()  # the total row, its `รวม` misread (`รงม`): no KPI
    read = [r.number for r in kpis]
    wrong = [k for k, n in enumerate(read) if n != k + 1]
    if len(kpis) < 3 or not wrong:
        return
    # every number read stands at its place and most were read: the unread ones (`เฉ`, `เค`)
    # take theirs; else at most a couple off, each unread or another row's number
    unread_only = all(read[k] is None for k in wrong) and 2 * len(wrong) <= len(kpis)
    if unread_only or (len(wrong) <= MAX_MISREAD_NUMBERS and all(read[k] is None or read.count(read[k]) > 1 for k in wrong)):
        for k in wrong:
            if kpis[k].number is None:
                kpis[k].name = _without_unread_lead(kpis[k].name)
            kpis[k].number = k + 1


def _is_sum(total: float | None, parts: list[float | None]) -> bool:
    """Whether `total` is the sum of `parts` (to a hundredth of it)."""
    known = [p for p in parts if p is not None]
    return total is not None and bool(known) and abs(total - sum(known)) <= 0.01 * max(abs(total), 1e-9)


def _classify(rows: list[FrameworkRow]) -> None:
    """Mark category rows: unnumbered rows, and numbered rows that break the KPI numbering.

    Where two rows in a row carry the number the KPIs are due to reach (KPI `2` then category
    `2.`, or category `2.` then KPI `2`), the numbers cannot say which is which; `_first_is_kpi`
    decides from what else the rows show. A KPI row whose label could not be read (its text
    overprinted by a neighbour's) leaves a gap in the numbering: a row past the number due, not
    named like a category and followed by the next number, goes on with the KPIs."""
    expected = 1
    for i, r in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if r.number is not None and r.number > expected and _resumes(r, nxt):
            expected = r.number
        if _lost_number(r, _next_number(rows, i), expected):
            r.number, r.name = expected, _without_unread_lead(r.name)
        if r.number is None or r.number != expected:
            r.is_category = True
            continue
        if nxt is not None and nxt.number == r.number and not _first_is_kpi(rows, i):
            r.is_category = True
            continue
        expected += 1


#: what a scan made of a KPI's number before its name (`ค จำนวนครัวเรือน…` for `๔. จำนวน…`):
#: a token or a few of one or two characters
_UNREAD_LEAD = re.compile(r"^(?:\S{1,2}\s+){1,3}(?=\S{3,})")


def _without_unread_lead(name: str) -> str:
    """`name` without what a scan left of the KPI number before it (`ค จำนวน…` → `จำนวน…`)."""
    return _UNREAD_LEAD.sub("", name, count=1)


def _next_number(rows: list[FrameworkRow], i: int) -> int | None:
    """The number of the first numbered row after row `i` that is not named like a category."""
    return next((r.number for r in rows[i + 1 :] if r.number is not None and not named_like_category(r.name)), None)


def _lost_number(r: FrameworkRow, following: int | None, expected: int) -> bool:
    """Is `r`, a row with no number read, the KPI numbered `expected` whose number a scan misread?
    It is when it has a weight, is not named like a category, opens with what is left of a number
    (a token of a character or two) and the next numbered row (`following`, past categories) is
    the KPI after it: a category stands before the KPI due, not in its place."""
    return (
        r.number is None
        and r.weight is not None
        and following == expected + 1
        and not named_like_category(r.name)
        and _UNREAD_LEAD.match(r.name) is not None
    )


def _resumes(r: FrameworkRow, nxt: FrameworkRow | None) -> bool:
    """Does `r`, numbered past the KPI number due, carry on the KPIs after a row lost? It does
    when the row after it has the next number and `r` is not named like a category (categories
    count afresh from 1, so they do not run ahead of the KPIs)."""
    return nxt is not None and r.number is not None and nxt.number == r.number + 1 and not named_like_category(r.name)


def _first_is_kpi(rows: list[FrameworkRow], i: int) -> bool:
    """Of rows i and i+1, sharing a number, is the first the KPI (and the second the category)?

    In order of trust: the one named like a category is the category; the one whose number is
    written the way the KPIs' before it are (in a `ลำดับ` cell of its own, or before the name) is
    the KPI; the choice under which the open category's weight is the sum of its KPIs'; the one
    whose name measures something (`ร้อยละ…`, `ระยะเวลา…`); else the first is the category (a
    category heads its KPIs)."""
    r, nxt = rows[i], rows[i + 1]
    named = named_like_category(r.name), named_like_category(nxt.name)
    if named[0] != named[1]:
        return named[1]
    kpis = [row for row in rows[:i] if not row.is_category and row.number is not None]
    if kpis and r.own_cell != nxt.own_cell:
        usual = sum(k.own_cell for k in kpis) * 2 > len(kpis)
        if all(k.own_cell == usual for k in kpis):
            return r.own_cell == usual
    head = next((k for k in range(i - 1, -1, -1) if rows[k].is_category), None)
    stated = rows[head].weight if head is not None else None
    if head is not None and stated is not None:
        members = [row.weight for row in rows[head + 1 : i] if not row.is_category]
        if all(w is not None for w in members) and r.weight is not None:
            total = float(sum(w for w in members if w is not None))
            fits = (abs(total + r.weight - stated) < 1e-6, abs(total - stated) < 1e-6)
            if fits[0] != fits[1]:
                return fits[0]
    measured = _measures(r.name), _measures(nxt.name)
    if measured[0] != measured[1]:
        return measured[0]  # a KPI's name measures something (`ระยะเวลาเฉลี่ย…`), a category's not
    return False


def _measures(name: str) -> bool:
    own = numbered(name)
    return squash(own[1] if own else name).startswith(_MEASURES)


_MEASURES = tuple(squash(w) for w in labels.MEASURE_WORDS)


#: an ordinal heading inside a category's name (`องค์ประกอบที่ 3`), and what may stand before it
#: that a scan made of stray marks (`๕6 ad ew ๔ `): no two Thai letters in a row
_ORDINAL_INSIDE = re.compile(r"[\u0e01-\u0e4e]+ที่\s*[0-9๐-๙]+(?![0-9๐-๙.,])")
_JUNK = re.compile(r"[^\u0e01-\u0e2e]*(?:[\u0e01-\u0e2e](?![\u0e01-\u0e2e])[^\u0e01-\u0e2e]*)*")


def _without_junk_lead(name: str) -> str:
    """A category's name from its ordinal heading on, when what stands before that heading holds
    no word (two Thai letters in a row): specks a scan read as characters."""
    m = _ORDINAL_INSIDE.search(name)
    if m is None or m.start() == 0 or not _JUNK.fullmatch(name[: m.start()]):
        return name
    return name[m.start() :]


def parse_framework(tables: list[Table]) -> FrameworkInfo:
    """Categories (name, weight, KPI numbers, page) and KPI rows of the framework table."""
    rows, total = read_weight_rows(tables)
    info = FrameworkInfo(total=total, pages=sorted({t.page for t in tables}))
    current: list[int] | None = None
    for r in rows:
        if r.is_category:
            current = []
            info.categories.append((_without_junk_lead(r.name), r.weight, current, r.page))
        elif r.number is not None:
            info.kpis[r.number] = r
            if current is not None:
                current.append(r.number)
    return info
