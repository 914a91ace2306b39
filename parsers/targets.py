"""The targets table (เป้าหมาย / เกณฑ์การให้คะแนน): the scale and each KPI's criterion per level.

The header says which scale the agreement uses — three levels (ขั้นต้น 50 / มาตรฐาน 75 /
ขั้นสูง 100) or five (ระดับ 1–5) — and where each level's column is. A KPI row's criterion for a
level is the cell under that column; one cell merged across every level column is a rule, not a
level target (e.g. "ร้อยละผลการเบิกจ่ายที่ดำเนินการได้": the result is the score). The table may
run over several pages, with or without its header repeated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.doctext import fold, numbered, squash
from parsers.numbers import thai_to_arabic_digits
from parsers.tables import Table

THREE = {"ขั้นต้น": 50.0, "มาตรฐาน": 75.0, "ขั้นสูง": 100.0}
_FIVE = re.compile(r"^(?:ระดั?บ(?:คะแนน)?|เกณฑ์)?([1-5])(?:คะแนน)?$")  # on squashed text
_NUMERIC = re.compile(
    r"^\s*(?:ไม่น้อยกว่า|ไม่เกิน|มากกว่า|น้อยกว่า)?\s*(?:ร้อยละ)?\s*([0-9๐-๙]+(?:,[0-9๐-๙]{3})*(?:\.[0-9๐-๙]+)?)"
)


def level_columns(cells: list[tuple[str, float, float]]) -> tuple[str, dict[float, tuple[float, float]]] | None:
    """Scale kind and level → column x-range from header cells (text, x0, x1)."""
    three: dict[float, tuple[float, float]] = {}
    five: dict[float, tuple[float, float]] = {}
    for text, x0, x1 in cells:
        s = squash(text)
        for word, level in THREE.items():
            if squash(word) in s and level not in three:
                three[level] = (x0, x1)
        m = _FIVE.match(s)
        if m:
            five[float(m.group(1))] = (x0, x1)
    if len(three) == 3:
        return "three_level", three
    if len(five) == 5:
        return "five_level", five
    return None


def criterion_value(text: str) -> float | None:
    """The numeric target of a criterion when the criterion is a number (`ร้อยละ ๙๕`, `๘๕ คะแนน`,
    `399.03 (คะแนนปี 2565)`); None for milestone texts that merely mention a number."""
    m = _NUMERIC.match(text)
    if not m:
        return None
    return float(thai_to_arabic_digits(m.group(1)).replace(",", ""))


@dataclass
class TargetRow:
    number: int
    name: str
    weight: float | None
    page: int
    criteria: dict[float, str] = field(default_factory=dict)
    merged_rule: str | None = None
    note: str = ""


@dataclass
class TargetsInfo:
    kind: str | None = None
    levels: list[float] = field(default_factory=list)
    rows: dict[int, TargetRow] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)


def is_targets_table(table: Table) -> bool:
    cells = [(c.text, c.x0, c.x1) for row in table.rows[:3] for c in row]
    head = squash(" ".join(t for t, _, _ in cells))
    return squash("ตัวชี้วัด") in head and level_columns(cells) is not None


def _header(table: Table) -> tuple[int, str, dict[float, tuple[float, float]], tuple[float, float] | None] | None:
    for depth in (1, 2, 3):
        cells = [(c.text, c.x0, c.x1) for row in table.rows[:depth] for c in row]
        found = level_columns(cells)
        if found:
            weight_col = next(((c.x0, c.x1) for row in table.rows[:depth] for c in row if squash("น้ำหนั") in squash(c.text)), None)
            return depth, found[0], found[1], weight_col
    return None


def parse_targets(tables: list[Table]) -> TargetsInfo:
    """Scale and per-KPI criteria from the targets table (its pieces in page order)."""
    info = TargetsInfo(pages=sorted({t.page for t in tables}))
    cols: dict[float, tuple[float, float]] | None = None
    weight_col: tuple[float, float] | None = None
    last: TargetRow | None = None
    for table in tables:
        start = 0
        head = _header(table)
        if head is not None:
            start, kind, cols, weight_col = head
            info.kind = kind
            info.levels = sorted(cols)
        if cols is None:
            continue
        first_level_x = min(x0 for x0, _ in cols.values())
        last_level_x = max(x1 for _, x1 in cols.values())
        for row in table.rows[start:]:
            label_cells = [c for c in row if c.x1 <= first_level_x + 2 and (weight_col is None or c.x1 <= weight_col[0] + 2)]
            label = fold(" ".join(c.text for c in label_cells))
            wcell = None
            if weight_col is not None:
                mid = (weight_col[0] + weight_col[1]) / 2
                wcell = next((c for c in row if c.x0 - 2 <= mid <= c.x1 + 2), None)
            level_cells = [c for c in row if c.x1 > first_level_x + 2 and c.x0 < last_level_x - 2]
            note = fold(" ".join(c.text for c in row if c.x0 >= last_level_x - 2))
            if squash(label).startswith("รวม"):
                continue
            num = numbered(label)
            texts: dict[float, str] = {}
            merged: str | None = None
            for c in level_cells:
                covered = [lv for lv, (a, b) in cols.items() if c.x0 - 2 <= (a + b) / 2 <= c.x1 + 2]
                if len(covered) >= 2 and c.text:
                    merged = c.text
                elif len(covered) == 1 and c.text:
                    texts[covered[0]] = c.text
            if num is None:
                # continuation of the previous KPI row across a page break
                if last is not None and (texts or merged or label):
                    if label:
                        last.name = fold(last.name + " " + label)
                    for lv, t in texts.items():
                        last.criteria[lv] = fold(last.criteria.get(lv, "") + " " + t)
                continue
            if not texts and not merged:
                last = None  # a category row: no targets of its own
                continue
            weight = None
            if wcell is not None and wcell.text:
                try:
                    weight = float(thai_to_arabic_digits(squash(wcell.text)))
                except ValueError:
                    weight = None
            last = TargetRow(num[0], num[1], weight, table.page, texts, merged, note)
            info.rows[num[0]] = last
    return info
