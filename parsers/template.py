"""KPI templates (รายละเอียดตัวชี้วัด / KPI Template): one per KPI, over one or more pages.

A template starts at its heading `ตัวชี้วัดที่ N <name>` (a repeated heading with the same N, as
before the round milestones, continues it) and runs to the next KPI's heading. Inside, labels and
table row headers say what each part is — whatever the page it falls on and however the tables
are split between pages:

- `ตัวชี้วัดต่อเนื่อง` / `ตัวชี้วัดใหม่`, `น้ำหนัก 20` / `ค่าน้ำหนัก : ร้อยละ ๑๕`;
- year tables: a `ปีงบประมาณ` row of years, then `ผลการดำเนินงาน` (baseline) or `ค่าเป้าหมาย`
  (roadmap) values; several may stand side by side in one table;
- the criteria table: a header naming the levels, the criteria in the row below;
- round milestones: rows headed `… รอบ 6 เดือน`, a goal, then `ขั้นตอนการดำเนินงาน` and
  numbered steps;
- the deduction rule (`… จะถูกหัก 10 คะแนน`, `ไม่หักคะแนน`) and a direct-scoring rule
  (`… = คะแนนที่ได้`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.blocks import Block as _Block
from parsers.blocks import page_blocks
from parsers.doctext import fold, numbered, squash
from parsers.lines import Line, join_wrapped
from parsers.numbers import thai_to_arabic_digits
from parsers.pdf import PageContent
from parsers.tables import Cell, Table
from parsers.targets import criterion_value, level_columns

_HEADING = re.compile(r"^\s*ตัวชี้วัด(?:ที่)?\s*([0-9๐-๙]{1,2})(?:\s*[.:)]\s*|\s+)(.*)$")
_WEIGHT = re.compile(r"(?:ค่า)?น้ำหนัก\s*[:：]?\s*(?:ร้อยละ)?\s*([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)")
_DEDUCT = re.compile(r"หัก\s*(?:คะแนน)?\s*([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)\s*คะแนน")
_NO_DEDUCT = re.compile(r"ไม่(?:มีการ)?หักคะแนน")
_ROUND = re.compile(r"(?:รอบ\s*([0-9๐-๙]{1,2}))|(?:([0-9๐-๙]{1,2})\s*เดื?อน)")  # also on squashed text
_STEP = re.compile(r"^\s*(?:ขั้นตอนที่\s*)?([0-9๐-๙]{1,2})\s*[).]\s*(.*)$")
_YEAR = re.compile(r"^(?:พ\.ศ\.)?\s*([0-9๐-๙]{4})$")
_LEADING_VALUE = re.compile(r"^\s*(?:ร้อยละ)?\s*([0-9๐-๙]+(?:,[0-9๐-๙]{3})*(?:\.[0-9๐-๙]+)?)(?![0-9๐-๙])")

NAME_STOPS = (
    "ตัวชี้วัดต่อเนื่อง", "ตัวชี้วัดใหม่", "น้ำหนัก", "ค่าน้ำหนัก", "คำอธิบาย", "หน่วยวัด", "การถ่ายทอด",
    "นิยาม", "ตัวชี้วัดระดับ",
)


@dataclass
class YearCell:
    year: int
    value: float | None
    text: str


@dataclass
class RoundInfo:
    month: int
    goal: str | None
    steps: list[str]


@dataclass
class TemplateInfo:
    number: int
    name: str
    pages: list[int]
    status: str | None = None
    weight: float | None = None
    baseline: list[YearCell] = field(default_factory=list)
    roadmap: list[YearCell] = field(default_factory=list)
    criteria: dict[float, str] = field(default_factory=dict)
    scale_kind: str | None = None
    rounds: list[RoundInfo] = field(default_factory=list)
    deduction_points: float | None = None
    scoring_rule: str | None = None
    text: str = ""


def heading_of(text: str) -> tuple[int, str] | None:
    m = _HEADING.match(text)
    if not m:
        return None
    return int(thai_to_arabic_digits(m.group(1))), m.group(2).strip()


def split_templates(pages: list[PageContent], ignore: set[str]) -> dict[int, list[_Block]]:
    """Blocks of each KPI template, keyed by KPI number, from the first heading on."""
    out: dict[int, list[_Block]] = {}
    current: int | None = None
    for page in pages:
        for b in page_blocks(page, ignore):
            if b.line is not None:
                h = heading_of(b.line.text)
                if h is not None and (current is None or h[0] != current):
                    if h[0] in out and h[0] != current:
                        # heading of an earlier KPI again (e.g. a summary list): not a new template
                        pass
                    else:
                        preamble: list[_Block] = []
                        if current is not None:
                            prev = out[current]
                            k = len(prev)
                            while k and prev[k - 1].page == b.page and prev[k - 1].line is not None:
                                k -= 1
                            tail = prev[k:]
                            # a numbered group title just above the heading introduces the new KPI
                            if tail and len(tail) <= 3 and numbered(tail[0].line.text or "") is not None:  # type: ignore[union-attr]
                                preamble = tail
                                del prev[k:]
                        current = h[0]
                        out[current] = preamble
            if current is not None:
                out[current].append(b)
    return out


def _cell_year(text: str) -> int | None:
    m = _YEAR.match(squash(text))
    return int(thai_to_arabic_digits(m.group(1))) if m else None


def leading_value(text: str) -> float | None:
    m = _LEADING_VALUE.match(text)
    return float(thai_to_arabic_digits(m.group(1)).replace(",", "")) if m else None


def _year_rows(table: Table, state: dict[str, list[tuple[int, float, float]]], info: TemplateInfo) -> None:
    """Read `ปีงบประมาณ` rows and the value rows under them (baseline or roadmap)."""
    for row in table.rows:
        labels = [c for c in row if squash(c.text).startswith(squash("ปีงบประม"))]
        if labels:
            segments: list[tuple[int, float, float]] = []
            for c in row:
                y = _cell_year(c.text)
                if y is not None:
                    segments.append((y, c.x0, c.x1))
            state["years"] = segments
            state["labels"] = [(0, c.x0, c.x1) for c in labels]
            continue
        kind_cells = [(c, _value_kind(c.text)) for c in row]
        kinds = [(c, k) for c, k in kind_cells if k]
        if not kinds or "years" not in state:
            continue
        years = state["years"]
        # each value-label cell owns the year cells to its right, up to the next label
        bounds = sorted(c.x0 for c, _ in kinds) + [1e9]
        for c, kind in kinds:
            hi = next(b for b in bounds if b > c.x0)
            target = info.baseline if kind == "baseline" else info.roadmap
            for y, x0, x1 in years:
                if x0 < c.x1 - 1 or x0 >= hi - 1:
                    continue
                vcell = _cell_under(row, x0, x1)
                text = vcell.text if vcell is not None else ""
                if any(e.year == y for e in target):
                    continue
                target.append(YearCell(y, leading_value(text) if text else None, text or "-"))


def _value_kind(text: str) -> str | None:
    s = squash(text)
    if s.startswith(squash("ผลการดำเ")):
        return "baseline"
    if s.startswith(squash("ค่าเป้าหมาย")) or s == squash("เป้าหมาย"):
        return "roadmap"
    return None


def _cell_under(row: list[Cell], x0: float, x1: float) -> Cell | None:
    mid = (x0 + x1) / 2
    return next((c for c in row if c.x0 - 1 <= mid <= c.x1 + 1), None)


def _criteria_rows(table: Table, info: TemplateInfo) -> None:
    for i, row in enumerate(table.rows[:-1]):
        found = level_columns([(c.text, c.x0, c.x1) for c in row])
        if not found:
            continue
        info.scale_kind = found[0]
        nxt = table.rows[i + 1]
        for level, (x0, x1) in found[1].items():
            c = _cell_under(nxt, x0, x1)
            if c is not None and c.text:
                info.criteria[level] = fold(c.text)
        return


def _round_rows(table: Table, state: dict[str, list[tuple[int, float, float]]], bodies: dict[int, list[Line]],
                open_round: list[int]) -> float | None:
    """Collect each round's body lines; a row with an empty head continues the open round."""
    right: float | None = None
    for row in table.rows:
        if len(row) < 2:
            continue
        head = squash(row[0].text)
        month: int | None = None
        if squash("เดือน") in head or "รอบ" in head:
            m = _ROUND.search(thai_to_arabic_digits(head))
            if m and int(m.group(1) or m.group(2)) in (6, 9, 12):
                month = int(m.group(1) or m.group(2))
        if month is None:
            if head and ("รอบ" in head or squash("เป้าหมายการดำเนินงาน") in head):
                month = -1  # the month is written in the next piece of the row (page break)
                open_round[:] = [month]
            elif head or not open_round:
                if head:
                    open_round.clear()
                continue
            else:
                month = open_round[0]
        else:
            if open_round == [-1] and -1 in bodies:
                bodies.setdefault(month, [])[:0] = bodies.pop(-1)
            open_round[:] = [month]
        lines = [ln for c in row[1:] for ln in sorted(c.lines, key=lambda ln: (ln.top, ln.x0))]
        bodies.setdefault(month, []).extend(lines)
        right = max(c.x1 for c in row[1:]) - 2.0
    return right


def _round_body(month: int, lines: list[Line], right: float | None) -> RoundInfo:
    """Goal lines, then `ขั้นตอนการดำเนินงาน`, then numbered steps (wrapped lines continue a step).

    Goals may be numbered lists too (`1.`), so when the cell has the steps label everything
    before it is the goal; without the label only `1)`-style lines are steps.
    """
    marker = next((k for k, ln in enumerate(lines) if squash(ln.text).startswith(squash("ขั้นตอนการดำเนินงาน"))), None)
    goal_lines: list[Line] = []
    steps: list[list[Line]] = []
    for k, ln in enumerate(lines):
        if marker is not None and k < marker:
            goal_lines.append(ln)
            continue
        if k == marker:
            rest = ln.text.split("งาน", 1)[1].strip() if "งาน" in ln.text else ""
            if rest:
                m = _STEP.match(rest)
                steps.append([_retext(ln, m.group(2) if m else rest)])
            continue
        m = _STEP.match(ln.text)
        is_step = m is not None and (marker is not None or ")" in ln.text[: m.end(1) + 2])
        if is_step and m is not None:
            steps.append([_retext(ln, m.group(2))])
        elif steps:
            steps[-1].append(ln)
        elif marker is not None:
            steps.append([ln])  # a single, unnumbered step
        else:
            goal_lines.append(ln)
    goal = join_wrapped(goal_lines, right) or None
    texts = [join_wrapped(s, right) for s in steps]
    return RoundInfo(month, goal, [t for t in texts if t])


_TEXT_ROUND = re.compile(r"^\s*(?:[0-9๐-๙]{1,2}\s*[.)]\s*)?รอบ\s*([0-9๐-๙]{1,2})\s*เดือน\s*[:：]?\s*(.+)$")


def _text_rounds(lines: list[Line]) -> list[RoundInfo]:
    """Rounds written as lines (`1. รอบ 6 เดือน สำนัก/กอง มีผลการเบิกจ่าย …`), for percentage KPIs."""
    out: list[RoundInfo] = []
    for ln in lines:
        m = _TEXT_ROUND.match(ln.text)
        if m:
            month = int(thai_to_arabic_digits(m.group(1)))
            if month in (6, 9, 12) and not any(r.month == month for r in out):
                out.append(RoundInfo(month, fold(m.group(2)), []))
    return out


def _retext(line: Line, text: str) -> Line:
    n = len(line.text) - len(text)
    return Line(text, line.boxes[max(0, n):], line.page, line.size, line.trailing_space)


def parse_template(number: int, blocks: list[_Block]) -> TemplateInfo:
    """Everything one template says, from its blocks in reading order."""
    pages = sorted({b.page for b in blocks})
    lines = [b.line for b in blocks if b.line is not None]
    info = TemplateInfo(number, "", pages)

    # name: the heading's text and its wrapped continuation, up to the first label
    name_lines: list[Line] = []
    for k, ln in enumerate(lines):
        h = heading_of(ln.text)
        if h is None:
            continue
        name_lines = [_retext(ln, h[1])] if h[1] else []
        for nxt in lines[k + 1 : k + 4]:
            if any(squash(nxt.text).startswith(squash(s)) for s in NAME_STOPS) or heading_of(nxt.text):
                break
            if abs(nxt.top - name_lines[-1].bottom) > 1.6 * nxt.size if name_lines else False:
                break
            name_lines.append(nxt)
        break
    info.name = join_wrapped(name_lines, max((ln.x1 for ln in lines), default=None))

    text = "\n".join(ln.text for ln in lines)
    info.text = text
    flat = squash(text)
    if squash("ตัวชี้วัดต่อเนื่อง") in flat:
        info.status = "continuing"
    elif squash("ตัวชี้วัดใหม่") in flat:
        info.status = "new"
    m = _WEIGHT.search(fold(text))
    if m:
        info.weight = float(thai_to_arabic_digits(m.group(1)))

    state: dict[str, list[tuple[int, float, float]]] = {}
    bodies: dict[int, list[Line]] = {}
    open_round: list[int] = []
    right: float | None = None
    for b in blocks:
        if b.table is None:
            continue
        _year_rows(b.table, state, info)
        if not info.criteria:
            _criteria_rows(b.table, info)
        right = _round_rows(b.table, state, bodies, open_round) or right
    info.rounds = [_round_body(month, body, right) for month, body in bodies.items() if month > 0]
    if not info.rounds:
        info.rounds = _text_rounds(lines)

    flat_text = fold(text)
    m = _DEDUCT.search(flat_text)
    if m:
        info.deduction_points = float(thai_to_arabic_digits(m.group(1)))
    elif _NO_DEDUCT.search(flat_text.replace(" ", "")):
        info.deduction_points = 0.0
    for ln in lines:
        if squash("คะแนนที่ได้") in squash(ln.text) and "=" in ln.text:
            info.scoring_rule = fold(ln.text)
            break
    info.baseline.sort(key=lambda y: y.year)
    info.roadmap.sort(key=lambda y: y.year)
    info.rounds.sort(key=lambda r: r.month)
    return info


def running_headers(pages: list[PageContent]) -> set[str]:
    """Lines repeated at the top of many pages (the unit's name as a page header)."""
    counts: dict[str, int] = {}
    for p in pages:
        for ln in p.lines[:2]:
            if ln.top < p.height * 0.12:
                key = squash(ln.text)
                counts[key] = counts.get(key, 0) + 1
    need = max(3, len(pages) // 3)
    return {k for k, n in counts.items() if n >= need and k}


def template_value(text: str) -> float | None:
    return criterion_value(text)
