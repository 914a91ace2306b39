"""The targets table (เป้าหมาย / เกณฑ์การให้คะแนน): the scale and each KPI's criterion per level.

The header says which scale the agreement uses — three levels (ขั้นต้น 50 / มาตรฐาน 75 /
ขั้นสูง 100) or five (ระดับ 1–5) — and where each level's column is. A KPI row's criterion for a
level is the cell under that column; one cell merged across every level column is a rule, not a
level target (e.g. "ร้อยละผลการเบิกจ่ายที่ดำเนินการได้": the result is the score). The table may
run over several pages, with or without its header repeated.

The header also names the other columns where there are any: the KPI's number may stand in a
`ลำดับ` column of its own and its unit in a `หน่วยวัด` column, and only the `ตัวชี้วัด` column
is the name; another column left of it (`ประเด็นการประเมิน`) holds the categories, each cell
merged down beside its KPIs. Rows without targets are categories — numbered (`๑. การประเมิน…`), or unnumbered
with a weight of their own, or one cell across the table — and are kept, because some
agreements have no framework table and this is the only place their categories are stated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from parsers.pdf.tables import Cell, Table
from parsers.sections import labels
from parsers.sections.doctext import (
    fold,
    join_thai,
    numbered,
    rest_of_category_name,
    squash,
)
from parsers.sections.framework import kpi_row_label, names_kpi
from parsers.thai.numbers import first_number, leading_target, thai_to_arabic_digits

THREE = labels.THREE_LEVELS
_FIVE = re.compile(r"^(?:ระดั?บ(?:คะแนน)?|เกณฑ์)?([1-5])(?:คะแนน)?$")  # on squashed text


def level_columns(
    cells: list[tuple[str, float, float]], partial: bool = False
) -> tuple[str, dict[float, tuple[float, float]]] | None:
    """Scale kind and level → column x-range from header cells (text, x0, x1); with `partial`,
    whatever levels the cells name (one row of a table that lists the levels downwards)."""
    three: dict[float, tuple[float, float]] = {}
    five: dict[float, tuple[float, float]] = {}
    for text, x0, x1 in cells:
        s = squash(text)
        named = [level for word, level in THREE.items() if squash(word) in s]
        if len(named) == 1:  # one level's cell: it may state the level's points
            named = [_stated_points(s) or named[0]]
        for level in named:
            if level not in three:
                three[level] = (x0, x1)
        m = _FIVE.match(s)
        if m and float(m.group(1)) not in five:
            five[float(m.group(1))] = (x0, x1)
    if len(three) == 3 or (partial and three and not five):
        return "three_level", three
    if not partial and 2 <= len(five) < 5:
        five = _unread_levels(five, cells)
    if len(five) == 5 or (partial and five):
        return "five_level", five
    if not partial and sorted(five) == [1.0, 2.0, 3.0, 4.0] and not three and _clipped(five[4.0], five[1.0]):
        return "five_level", five  # level 4 cut at the page edge, level 5 off it (a cropped scan)
    return None


def _clipped(last: tuple[float, float], first: tuple[float, float]) -> bool:
    """Is the column `last` markedly narrower than `first`, as a column cut at the edge is?"""
    return last[1] - last[0] < 0.7 * (first[1] - first[0])


def _in_step(five: dict[float, tuple[float, float]]) -> dict[float, tuple[float, float]]:
    """The levels read whose columns stand at one pitch in their order, the most of them: a bare
    `๑` elsewhere in the header's rows (a row number under `ลำดับ`) is no level's column."""
    if len(five) < 3:
        return five
    best: tuple[int, float] = (0, 0.0)
    chosen = five
    for a in sorted(five):
        for b in sorted(five):
            pitch = (five[b][0] - five[a][0]) / (b - a) if b > a else 0.0
            if pitch <= 0:
                continue
            kept = {lv: span for lv, span in five.items() if abs(span[0] - (five[a][0] + (lv - a) * pitch)) <= 0.3 * pitch}
            # the most levels in step; between as many, side by side (pitch near a column's width)
            score = (len(kept), -abs(pitch - (five[a][1] - five[a][0])))
            if score > best:
                best, chosen = score, kept
    return chosen


def _unread_levels(
    five: dict[float, tuple[float, float]], cells: list[tuple[str, float, float]]
) -> dict[float, tuple[float, float]]:
    """`five` with the levels around those read, where OCR could not read their header (`ระ(Z`
    for ระดับ 4, `ระดับ ©` for ระดับ 1): levels a…b read as a run of columns of one width, and
    further columns of that width at the same pitch to their left are levels a-1… down to 1, to
    their right levels b+1… in order; the table's last column may be narrower (the scan cut off
    at the page edge, its ruling added there)."""
    five = _in_step(five)
    levels = sorted(five)
    if len(levels) < 2 or levels != [float(k) for k in range(int(levels[0]), int(levels[0]) + len(levels))]:
        return five
    spans = [five[lv] for lv in levels]
    pitch = (spans[-1][0] - spans[0][0]) / (len(spans) - 1)
    width = spans[0][1] - spans[0][0]
    if pitch <= 0 or any(abs((b - a) - width) > 0.3 * width for a, b in spans):
        return five
    out = dict(five)
    right = max(x1 for _, _, x1 in cells)

    def fits(x0: float, x1: float, x: float) -> bool:
        w = x1 - x0
        clipped = abs(x1 - right) <= 1.0 and 0.3 * width <= w
        return abs(x0 - x) <= 0.3 * pitch and (abs(w - width) <= 0.3 * width or clipped)

    first = int(levels[0])
    for k in range(first - 1, 0, -1):
        x = spans[0][0] - (first - k) * pitch
        found = next(((x0, x1) for _, x0, x1 in cells if abs(x0 - x) <= 0.3 * pitch and abs((x1 - x0) - width) <= 0.3 * width), None)
        if found is None:
            return five  # a level below those read that no column stands for: not this scale
        out[float(k)] = found
    for k in range(int(levels[-1]) + 1, 6):
        x = spans[0][0] + (k - first) * pitch
        found = next(((x0, x1) for _, x0, x1 in cells if fits(x0, x1, x)), None)
        if found is None:
            break
        out[float(k)] = found
    return out


_POINTS = re.compile(r"([0-9]+(?:\.[0-9]+)?)" + labels.POINTS)  # on squashed, Arabic-digit text
_NUMBER_ONLY = re.compile(r"^\(?([0-9]+(?:\.[0-9]+)?)\)?$")
#: words a three-level header cell may hold beside its level and points (`เกณฑ์มาตรฐาน 70`)
_HEADER_WORDS = (labels.LEVEL, labels.CRITERIA_LABEL, labels.POINTS)


def _stated_points(squashed: str) -> float | None:
    """The points a three-level header cell gives its level (`70 คะแนน (มาตรฐาน)`, `มาตรฐาน (70)`,
    `เกณฑ์มาตรฐาน 70`), when it gives one: a unit may set the standard level at 70 instead of
    75, and the header is where it says so. A number counts when `คะแนน` follows it or when it is
    all the cell holds besides the level's name. None when the cell states no points (the usual
    50/75/100 then hold)."""
    s = thai_to_arabic_digits(squashed)
    m = _POINTS.search(s)
    if m is None:
        rest = s
        for word in (*THREE, *_HEADER_WORDS):
            rest = rest.replace(squash(word), "")
        m = _NUMBER_ONLY.match(rest.replace("()", ""))
    if not m:
        return None
    points = float(m.group(1))
    return points if 0 < points <= 100 else None


def criterion_value(text: str) -> float | None:
    """The numeric target of a criterion when the criterion is a number (`ร้อยละ ๙๕`, `๘๕ คะแนน`,
    `399.03 (คะแนนปี 2565)`), also when it is a bound (`≥ 80`, `> 95%`, `ไม่เกิน 30 วัน`,
    `ไม่น้อยกว่าร้อยละ 95`): the number is the target either way, and reading it decides that the
    KPI is scored by threshold. None for milestone texts that merely mention a number."""
    found = leading_target(text)
    return float(found[1]) if found is not None else None


@dataclass
class TargetRow:
    number: int
    name: str
    weight: float | None
    page: int
    criteria: dict[float, str] = field(default_factory=dict)
    merged_rule: str | None = None
    note: str = ""
    unit: str = ""
    #: the other pages the row stands on (a row a page break cut, its rest on the next page)
    also_on: list[int] = field(default_factory=list)


@dataclass
class TargetsInfo:
    kind: str | None = None
    levels: list[float] = field(default_factory=list)
    rows: dict[int, TargetRow] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)
    #: category rows of the table (name, weight, KPI numbers, page), for agreements whose only
    #: table of weights is this one
    categories: list[tuple[str, float | None, list[int], int]] = field(default_factory=list)


def is_targets_table(table: Table) -> bool:
    """Levels across the header, and KPIs named there (`ตัวชี้วัด`) — or, where a scan garbled
    that header word (`ตัวชาวดี`), down the rows (`ตัวชี้วัดที่ 2 …` opening two rows or more)."""
    cells = [(c.text, c.x0, c.x1) for row in table.rows[:3] for c in row]
    if level_columns(cells) is None:
        return False
    if names_kpi(" ".join(t for t, _, _ in cells)):
        return True
    return sum(1 for row in table.rows[1:] if any(names_kpi(c.text) for c in row[:2])) >= 2


Span = tuple[float, float]


@dataclass
class _Columns:
    """Where each part of a targets row is, from the header: level columns, and the optional
    weight, KPI name, KPI number (`ลำดับ`) and unit (`หน่วยวัด`) columns."""

    kind: str
    levels: dict[float, Span]
    weight: Span | None = None
    name: Span | None = None
    number: Span | None = None
    unit: Span | None = None
    category: Span | None = None


def _header(table: Table) -> tuple[int, _Columns] | None:
    for depth in (1, 2, 3):
        head = [c for row in table.rows[:depth] for c in row]
        found = level_columns([(c.text, c.x0, c.x1) for c in head])
        if not found:
            continue
        first_level = min(x0 for x0, _ in found[1].values())
        left = [c for c in head if c.x1 <= first_level + 2]

        def column(test: Callable[[str], bool], cells: list[Cell]) -> Span | None:
            return next(((c.x0, c.x1) for c in cells if test(squash(c.text))), None)

        weight = column(lambda s: squash(labels.WEIGHT_STEM) in s, head)
        cols = _Columns(found[0], found[1], weight)
        cols.number = column(lambda s: s in (squash("ลำดับ"), squash("ลำดับที่"), squash("ที่")), left)
        cols.unit = column(lambda s: s.startswith(squash(labels.UNIT)), left)
        cols.name = next(
            ((c.x0, c.x1) for c in left if names_kpi(c.text) and squash(labels.WEIGHT_STEM) not in squash(c.text)), None
        )
        if cols.name is not None:
            # a column of its own left of the KPIs' (`ประเด็นการประเมิน`): the categories
            taken = [x for x in (cols.number, cols.unit, cols.weight) if x is not None]
            cols.category = next(
                ((c.x0, c.x1) for c in left if c.text.strip() and c.x1 <= cols.name[0] + 2 and (c.x0, c.x1) not in taken),
                None,
            )
        return depth, cols
    return None


def header_rows(table: Table) -> int:
    """How many rows at the top of `table` are its targets header (0: none found)."""
    head = _header(table)
    return head[0] if head is not None else 0


def _repeated(new: _Columns, before: _Columns | None) -> _Columns:
    """A header repeated on a continuation page is the same header, even where a word of it is
    clipped (`ค่าน้ำ|หนัก` wrapped in a one-line header row): columns it no longer names are
    taken from the first one when the level columns stand where they stood."""
    if before is None or before.kind != new.kind or set(before.levels) != set(new.levels):
        return new
    if any(abs(a - b) > 3 for lv in new.levels for a, b in zip(new.levels[lv], before.levels[lv], strict=True)):
        return new
    return replace(
        new,
        weight=new.weight or before.weight,
        name=new.name or before.name,
        number=new.number or before.number,
        unit=new.unit or before.unit,
        category=new.category or before.category,
    )


def _within(c: Cell, span: Span | None) -> bool:
    return span is not None and span[0] - 2 <= (c.x0 + c.x1) / 2 <= span[1] + 2


def _number_cell(text: str) -> str:
    """A `ลำดับ` cell's number with the spaces a scan read between its digits closed (`๑ ๐`)."""
    return re.sub(r"(?<=[0-9๐-๙])\s+(?=[0-9๐-๙])", "", text) if re.fullmatch(r"[\s0-9๐-๙.]+", text) else text


def _renumber(info: TargetsInfo, old: int, new: int) -> None:
    """Row `old` is KPI `new`: a scan misread its number as the next row's (the numbers go on one
    by one, and the row after says `old` too)."""
    row = info.rows.pop(old)
    row.number = new
    info.rows[new] = row
    for _name, _weight, members, _page in info.categories:
        members[:] = [new if m == old else m for m in members]


def parse_targets(tables: list[Table]) -> TargetsInfo:
    """Scale, per-KPI criteria and category rows from the targets table (its pieces in page order)."""
    info = TargetsInfo(pages=sorted({t.page for t in tables}))
    cols: _Columns | None = None
    last: TargetRow | None = None
    members: list[int] | None = None
    for table in tables:
        start = 0
        head = _header(table)
        if head is not None:
            start, cols = head[0], _repeated(head[1], cols)
            info.kind = cols.kind
            info.levels = sorted(cols.levels)
        if cols is None:
            continue
        first_level_x = min(x0 for x0, _ in cols.levels.values())
        last_level_x = max(x1 for _, x1 in cols.levels.values())
        weight_col = cols.weight
        for row in table.rows[start:]:
            if cols.name is not None:
                label_cells = [c for c in row if (_within(c, cols.name) or _within(c, cols.number)) and not _within(c, cols.unit)]
            else:
                label_cells = [c for c in row if c.x1 <= first_level_x + 2 and (weight_col is None or c.x1 <= weight_col[0] + 2)]
            # a cell running from the label across the level columns heads a section of the table
            spanning = [c for c in row if c.text and c.x0 < first_level_x - 2 and c.x1 >= last_level_x - 2]
            if spanning and not label_cells:
                label_cells = spanning
            texts_in = [_number_cell(c.text) if _within(c, cols.number) else c.text for c in label_cells]
            num, label = kpi_row_label(texts_in)
            if num is not None and num < 1:
                # no KPI is numbered 0: a scan's misreading of the number after the last row's
                num = last.number + 1 if last is not None else 1
            unread = [c.text for c in label_cells if _within(c, cols.number) and c.text.strip()]
            if num is None and last is not None and unread and len(squash(" ".join(unread))) <= 3:
                # something stands in the `ลำดับ` column but no number: a scan misread the number
                # (`ฒ่` for ๙) of the row after the last one (a row's rest under a page break
                # leaves that cell empty)
                num = last.number + 1
                label = fold(" ".join(c.text for c in label_cells if not _within(c, cols.number)))
            category = fold(" ".join(c.text for c in row if _within(c, cols.category) and c not in spanning))
            if category and (own := numbered(category)) is not None:
                category = own[1]  # `1. ประเด็นที่ 1 …`: named without its number, as category rows are
            if category and row is table.rows[start] and table is not tables[0] and rest_of_category_name(category, [c[0] for c in info.categories]):
                # the category's cell cut by the page break: the rest of its name opens this piece
                name, weight, kept, page = info.categories[-1]
                info.categories[-1] = (join_thai([name, category]), weight, kept, page)
            elif category:
                # the category's cell, merged down beside its KPIs: it heads this row and the next
                members = []
                info.categories.append((category, None, members, table.page))
            wcell = None
            if weight_col is not None:
                mid = (weight_col[0] + weight_col[1]) / 2
                wcell = next((c for c in row if c.x0 - 2 <= mid <= c.x1 + 2 and c not in spanning), None)
            level_cells = [c for c in row if c.x1 > first_level_x + 2 and c.x0 < last_level_x - 2 and c not in spanning]
            note = fold(" ".join(c.text for c in row if c.x0 >= last_level_x - 2))
            unit = fold(" ".join(c.text for c in row if _within(c, cols.unit)))
            if squash(label).startswith(labels.TOTAL):
                continue
            texts: dict[float, str] = {}
            merged: str | None = None
            for c in level_cells:
                covered = [lv for lv, (a, b) in cols.levels.items() if c.x0 - 2 <= (a + b) / 2 <= c.x1 + 2]
                if len(covered) >= 2 and c.text:
                    merged = c.text
                elif len(covered) == 1 and c.text:
                    texts[covered[0]] = c.text
            weight_num = first_number(wcell.text) if wcell is not None and wcell.text else None
            weight = float(weight_num) if weight_num is not None else None
            if num is None and label and (weight is not None or spanning):
                # an unnumbered category row: it has a weight or heads the rows under it
                members = []
                info.categories.append((label, weight, members, table.page))
                last = None
                continue
            if num is None:
                # continuation of the previous KPI row across a page break
                if last is not None and (texts or merged or label):
                    if label:
                        last.name = fold(last.name + " " + label)
                    for lv, t in texts.items():
                        last.criteria[lv] = fold(last.criteria.get(lv, "") + " " + t)
                    if table.page != last.page and table.page not in last.also_on:
                        last.also_on.append(table.page)
                continue
            if not texts and not merged:
                # a numbered category row: no targets of its own
                members = []
                info.categories.append((label, weight, members, table.page))
                last = None
                continue
            if num in info.rows and num - 1 >= 1 and num - 1 not in info.rows and (num - 1 == 1 or num - 2 in info.rows):
                _renumber(info, num, num - 1)  # the row before misread its number (`๕.` for `๔.`)
            last = TargetRow(num, label, weight, table.page, texts, merged, note, unit)
            last.also_on = sorted({ln.page for c in row for ln in c.lines} - {table.page})
            info.rows[num] = last
            if members is not None:
                members.append(num)
    return info
