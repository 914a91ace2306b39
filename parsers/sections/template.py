"""KPI templates (รายละเอียดตัวชี้วัด / KPI Template): one per KPI, over one or more pages.

A template starts at its heading `ตัวชี้วัดที่ N <name>` (a repeated heading with the same N, as
before the round milestones, continues it) and runs to the next KPI's heading. Inside, labels and
table row headers say what each part is — whatever the page it falls on and however the tables
are split between pages:

- `ตัวชี้วัดต่อเนื่อง` / `ตัวชี้วัดใหม่` (written, or ticked in a form: `☑ ตัวชี้วัดใหม่`),
  `น้ำหนัก 20` / `ค่าน้ำหนัก : ร้อยละ ๑๕` / `น้ำหนัก (ร้อยละ) : 25`;
- year tables: a `ปีงบประมาณ` row of years, then `ผลการดำเนินงาน` (baseline) or `ค่าเป้าหมาย`
  (roadmap) values; several may stand side by side in one table; or (OPDC form) a row of years
  under a spanning header that says what they are, the values in the row below;
- the criteria table: a header naming the levels, the criteria in the row below; or the levels
  down the first column, each criterion beside its level; or no table, a line per level
  (`ระดับ 1 : ร้อยละ 60`);
- round milestones: rows headed `… รอบ 6 เดือน` (or named by number and dates: `รอบการประเมินที่ 1
  (1 ตุลาคม 2566 – 31 มีนาคม 2567)`), a goal, then `ขั้นตอนการดำเนินงาน` and numbered steps — in
  one cell, or in goal and steps columns named by a header row;
- the deduction rule (`… จะถูกหัก 10 คะแนน`, `หักคะแนนรอบละ 5 คะแนน`, `ไม่หักคะแนน`) and a
  direct-scoring rule (`… = คะแนนที่ได้`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.errors import ValueParseError
from parsers.pdf.document import PageContent
from parsers.pdf.lines import Boxes, Line
from parsers.pdf.tables import Cell, Table
from parsers.pdf.wrapping import join_wrapped
from parsers.sections import labels
from parsers.sections.blocks import Block as _Block
from parsers.sections.blocks import page_blocks
from parsers.sections.doctext import fold, numbered, squash
from parsers.sections.targets import criterion_value, level_columns
from parsers.thai.dates import find_thai_dates
from parsers.thai.numbers import thai_to_arabic_digits

_HEADING = labels.KPI_HEADING_RE
_WEIGHT = re.compile(
    r"(?:ค่า)?น้ำหนัก\s*(?:\(\s*ร้อยละ\s*\))?\s*[:：]?\s*(?:ร้อยละ)?\s*([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)"
)
# `หัก 10 คะแนน`, `หักคะแนน 10 คะแนน`, `หักคะแนนรอบละ 5 คะแนน` (per round, per step …; the word may
# wrap: `หักคะแนนรอบ` / `ละ 5 คะแนน`)
_DEDUCT = re.compile(r"หัก\s*(?:คะแนน)?\s*(?:[\u0e01-\u0e4e]{1,8}\s?ละ\s*)?([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)\s*คะแนน")
_NO_DEDUCT = re.compile(r"ไม่(?:มีการ)?หักคะแนน")
_ROUND = re.compile(r"(?:รอบ\s*([0-9๐-๙]{1,2}))|(?:([0-9๐-๙]{1,2})\s*เดื?อน)")  # also on squashed text
_STEP = re.compile(r"^\s*(?:ขั้นตอนที่\s*)?([0-9๐-๙]{1,2})\s*[).]\s*(.*)$")
_YEAR = re.compile(r"^(?:พ\.ศ\.)?\s*([0-9๐-๙]{4})$")

NAME_STOPS = labels.NAME_STOPS
#: a line that starts with a label and a colon (`สถานะตัวชี้วัด : …`) is never part of a KPI name
_LABEL_LINE = re.compile(r"^\s*[^\s:：]{2,40}\s*[:：]")
#: tick boxes in front of a status word (`☑ ตัวชี้วัดต่อเนื่อง ☐ ตัวชี้วัดใหม่`)
_TICKED = "☑☒✓✔■⊠▣"
_BOXES = _TICKED + "☐□▢"


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
class _YearState:
    """The year columns last seen (a `ปีงบประมาณ` row, or a row of years under a header that
    says what they are), carried from table to table because a page break may fall between
    the years and their values."""

    years: list[tuple[int, float, float]] = field(default_factory=list)
    #: baseline/roadmap, when the header over the years says so and no value row has used it yet
    header_kind: str | None = None
    #: years down a column that ran to the foot of a table: the year column and the value columns
    #: (x-range, baseline/roadmap), for the rows a page break carried to the next table
    down: tuple[tuple[float, float], list[tuple[float, float, str]]] | None = None


def _year_rows(table: Table, state: _YearState, info: TemplateInfo) -> None:
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


def _years_down(rows: list[list[Cell]], label: Cell, head: list[Cell], info: TemplateInfo) -> int:
    """Years listed down the column of `label` (a header row with no years of its own), each
    value in the row of its year under a `ผลการดำเนินงาน` / `ค่าเป้าหมาย` header cell; the
    number of rows read (header included), 0 when the table is not of that form."""
    kinds = [(c, k) for c in head if (k := _value_kind(c.text))]
    if not kinds or any(_cell_year(c.text) is not None for c in head):
        return 0
    n = 1
    for row in rows[1:]:
        ycell = _cell_under(row, label.x0, label.x1)
        year = _cell_year(ycell.text) if ycell is not None else None
        if year is None:
            break
        for c, kind in kinds:
            _take_values(row, [(year, c.x0, c.x1)], info.baseline if kind == "baseline" else info.roadmap)
        n += 1
    return n if n > 1 else 0


def _years_down_continued(
    rows: list[list[Cell]], down: tuple[tuple[float, float], list[tuple[float, float, str]]], info: TemplateInfo
) -> int:
    """The rows opening a table that carry on years down a column from the table before (a page
    break between `๒๕๗๑` and `๒๕๗๒`): each a year under the year column and its values; the
    number of rows read."""
    (lx0, lx1), spans = down
    n = 0
    for row in rows:
        ycell = _cell_under(row, lx0, lx1)
        year = _cell_year(ycell.text) if ycell is not None else None
        if year is None:
            break
        for x0, x1, kind in spans:
            _take_values(row, [(year, x0, x1)], info.baseline if kind == "baseline" else info.roadmap)
        n += 1
    return n


def _take_values(row: list[Cell], years: list[tuple[int, float, float]], target: list[YearCell]) -> None:
    for y, x0, x1 in years:
        vcell = _cell_under(row, x0, x1)
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
    s = squash(text)
    if s.startswith(squash("ผลการดำเ")):
        return "baseline"
    if s.startswith(squash("ค่าเป้าหมาย")) or s == squash(labels.TARGET):
        return "roadmap"
    return None


def _cell_under(row: list[Cell], x0: float, x1: float) -> Cell | None:
    mid = (x0 + x1) / 2
    return next((c for c in row if c.x0 - 1 <= mid <= c.x1 + 1), None)


LevelHeader = tuple[str, dict[float, tuple[float, float]]]


@dataclass
class CriteriaCarry:
    """What a criteria table cut by a page break leaves for its next piece: a header row of levels
    that was the piece's last row, or the levels read down so far (and whether a header said they
    are levels), the rest of them being in the next piece's rows."""

    header: LevelHeader | None = None
    down: dict[str, dict[float, str]] = field(default_factory=dict)
    labelled: bool = False


def _criteria_rows(table: Table, info: TemplateInfo, carried: CriteriaCarry | None = None) -> CriteriaCarry | None:
    """The criteria table: levels across (a header row, the criteria in the row below) or down
    (each row a level label and its criterion).

    A page break may fall between the header row and the criteria, or between two levels' rows:
    what this piece leaves unfinished is returned, and the caller passes it back as `carried` with
    the next table, whose first rows then complete the criteria."""
    if carried is not None and carried.header is not None and table.rows and _criteria_under(carried.header, table.rows[0], info):
        return None
    for i, row in enumerate(table.rows):
        found = level_columns([(c.text, c.x0, c.x1) for c in row])
        if not found:
            continue
        if i + 1 == len(table.rows):
            return CriteriaCarry(header=found)
        _criteria_under(found, table.rows[i + 1], info)
        return None
    down: dict[str, dict[float, str]] = {k: dict(v) for k, v in carried.down.items()} if carried else {}
    before = sum(len(v) for v in down.values())
    bare = True
    other: list[str] = []
    for row in table.rows:
        found = level_columns([(row[0].text, row[0].x0, row[0].x1)], partial=True) if len(row) >= 2 else None
        if found and row[1].text:
            kind, cols = found
            bare = bare and squash(row[0].text).isdigit()
            for level in cols:
                down.setdefault(kind, {}).setdefault(level, fold(row[1].text))
        else:
            other.append(squash(" ".join(c.text for c in row)))
    labelled = (carried is not None and carried.labelled) or any(
        squash(w) in t for t in other for w in (labels.LEVEL, "เกณฑ์", labels.POINTS)
    )
    # rows numbered 1–5 are a list of steps unless a header says they are levels
    if bare and not labelled:
        return None
    for kind, size in (("five_level", 5), ("three_level", 3)):
        if len(down.get(kind, {})) == size:
            info.scale_kind = kind
            info.criteria = down[kind]
            return None
    if sum(len(v) for v in down.values()) > before and table.rows and _reads_levels(table.rows[-1]):
        return CriteriaCarry(down=down, labelled=labelled)  # the last row a level's: more may follow
    return None


def _reads_levels(row: list[Cell]) -> bool:
    return len(row) >= 2 and level_columns([(row[0].text, row[0].x0, row[0].x1)], partial=True) is not None


def _criteria_under(header: LevelHeader, row: list[Cell], info: TemplateInfo) -> bool:
    """Take the criteria of `row`, each the cell under its level's header column; whether any
    was there (a row that is no criteria row, e.g. a new heading, leaves `info` alone)."""
    texts = {level: fold(c.text) for level, (x0, x1) in header[1].items() if (c := _cell_under(row, x0, x1)) is not None and c.text}
    if not texts:
        return False
    info.scale_kind = header[0]
    info.criteria.update(texts)
    return True


#: `ระดับ 1 : …`, `ระดับคะแนน 1 หมายถึง …`, `ขั้นต้น (50 คะแนน) : …`
_LEVEL_LINE = re.compile(r"^\s*(.{1,30}?)\s*(?:[:：=]|หมายถึง)\s*(.+)$")


def _text_criteria(lines: list[Line], info: TemplateInfo) -> None:
    """Criteria written as lines, one per level (`ระดับ 1 : ร้อยละ 60` … `ระดับ 5 : …`), a long
    one wrapping onto the lines right under it (one line pitch down, indented at least as far).
    Taken only when every level of a scale is there."""
    found: dict[str, dict[float, list[Line]]] = {}
    current: list[Line] | None = None
    start = 0.0
    right = max((ln.x1 for ln in lines), default=None)
    for ln in lines:
        m = _LEVEL_LINE.match(ln.text)
        levels = level_columns([(m.group(1), 0.0, 0.0)], partial=True) if m else None
        if m and levels and len(levels[1]) == 1:
            kind, cols = levels
            level = next(iter(cols))
            if level in found.get(kind, {}):
                current = None
                continue
            current = found.setdefault(kind, {})[level] = [_retext(ln, m.group(2))]
            start = ln.x0
            continue
        if current is not None and ln.x0 >= start - 0.3 * ln.size and _wraps_onto(current[-1], ln, right):
            current.append(ln)
        else:
            current = None
    for kind, size in (("five_level", 5), ("three_level", 3)):
        if len(found.get(kind, {})) == size:
            info.scale_kind = kind
            info.criteria = {lv: join_wrapped(ls, right) for lv, ls in sorted(found[kind].items())}
            return


def _wraps_onto(prev: Line, ln: Line, right: float | None) -> bool:
    """Whether `ln` is the wrapped rest of `prev`: the next line down (one pitch, or — when
    `prev` runs to the right edge, as a wrapped line does — up to the wider pitch of fonts with
    tall ascenders such as Garuda), and no `label :` line of its own."""
    gap = ln.top - prev.top
    if gap <= 0 or _LABEL_LINE.match(ln.text):
        return False
    if gap <= 1.5 * ln.size:
        return True
    full = right is not None and prev.x1 >= right - 4 * ln.size
    return full and gap <= 2.5 * ln.size


_STEPS_LABEL = labels.STEPS


def _round_header(row: list[Cell]) -> tuple[float, float] | None:
    """The steps column of a rounds table whose first row names its columns
    (`รอบการประเมิน | เป้าหมายการดำเนินงาน | ขั้นตอนการดำเนินงาน`), or None for other rows."""
    if len(row) < 3 or any(len(squash(c.text)) > 40 for c in row[1:]) or _ROUND.search(thai_to_arabic_digits(squash(row[0].text))):
        return None
    for c in row[1:]:
        if squash(c.text).startswith(squash("ขั้นตอน")):
            return c.x0, c.x1
    return None


def _round_rows(table: Table, bodies: dict[int, list[Line]],
                open_round: list[int], columns: dict[str, tuple[float, float]]) -> float | None:
    """Collect each round's body lines; a row with an empty head continues the open round.

    When the table has a steps column of its own (see `_round_header`), that column's lines
    come after a `ขั้นตอนการดำเนินงาน` marker, as if the goal and the steps shared one cell.
    """
    right: float | None = None
    for row in table.rows:
        if len(row) < 2:
            continue
        steps_col = _round_header(row)
        if steps_col is not None:
            columns["steps"] = steps_col
            open_round.clear()
            continue
        head = squash(row[0].text)
        month: int | None = None
        if squash("เดือน") in head or "รอบ" in head:
            m = _ROUND.search(thai_to_arabic_digits(head))
            if m and int(m.group(1) or m.group(2)) in (6, 9, 12):
                month = int(m.group(1) or m.group(2))
            elif "รอบ" in head:
                month = round_month_from_dates(row[0].text)
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
        lines: list[Line] = []
        for c in row[1:]:
            cell_lines = sorted(c.lines, key=lambda ln: (ln.top, ln.x0))
            steps = columns.get("steps")
            if steps is not None and steps[0] - 2 <= (c.x0 + c.x1) / 2 <= steps[1] + 2:
                if not (cell_lines and squash(cell_lines[0].text).startswith(squash(_STEPS_LABEL))):
                    size = cell_lines[0].size if cell_lines else 0.0
                    lines.append(Line(_STEPS_LABEL, Boxes(), c.page, size))
            lines.extend(cell_lines)
        bodies.setdefault(month, []).extend(lines)
        right = max(c.x1 for c in row[1:]) - 2.0
    return right


def round_month_from_dates(text: str) -> int | None:
    """The months a round covers from the start of the fiscal year (1 October), read from the
    last date of its name: `รอบการประเมินที่ ๑ (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)` → 6; a round
    ending in June → 9, in September → 12. None when the name has no date or another end month."""
    try:
        found = find_thai_dates(text)
    except ValueParseError:
        return None
    if not found:
        return None
    month = (found[-1].month - 10) % 12 + 1
    return month if month in (6, 9, 12) else None


def _join_steps_label(lines: list[Line]) -> list[Line]:
    """The lines with a `ขั้นตอนการดำเนินงาน` label that a narrow cell wrapped (`ขั้นตอนการ` /
    `ดำเนินงาน`) made one line again, so the label is found and the steps split from the goal."""
    want = squash(_STEPS_LABEL)
    for k in range(len(lines)):
        acc = ""
        for j in range(k, min(k + 3, len(lines))):
            acc += squash(lines[j].text)
            if j > k and acc.startswith(want):
                part = lines[k : j + 1]
                joined = Line(
                    "".join(ln.text for ln in part),
                    Boxes([b for ln in part for b in ln.boxes]),
                    part[0].page,
                    part[0].size,
                    part[-1].trailing_space,
                )
                return [*lines[:k], joined, *lines[j + 1 :]]
            if not acc or not want.startswith(acc):
                break
    return lines


def _round_body(month: int, lines: list[Line], right: float | None) -> RoundInfo:
    """Goal lines, then `ขั้นตอนการดำเนินงาน`, then numbered steps (wrapped lines continue a step).

    Goals may be numbered lists too (`1.`), so when the cell has the steps label everything
    before it is the goal; without the label only `1)`-style lines are steps.
    """
    lines = _join_steps_label(lines)
    marker = next((k for k, ln in enumerate(lines) if squash(ln.text).startswith(squash(_STEPS_LABEL))), None)
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


def _status(text: str) -> str | None:
    """`continuing` or `new`: the status word that is ticked when the form has tick boxes,
    else the one that is written."""
    flat = squash(text)
    words = tuple((status, squash(word)) for status, word in labels.STATUS_WORDS)
    boxed = {status: m.group(1) for status, w in words if (m := re.search("([" + _BOXES + "])" + re.escape(w), flat))}
    if boxed:
        ticked = [status for status, box in boxed.items() if box in _TICKED]
        return ticked[0] if len(ticked) == 1 else None
    for status, w in words:
        if w in flat:
            return status
    return None


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
            if _LABEL_LINE.match(nxt.text) or any(ch in nxt.text for ch in _BOXES):
                break
            if abs(nxt.top - name_lines[-1].bottom) > 1.6 * nxt.size if name_lines else False:
                break
            name_lines.append(nxt)
        break
    info.name = join_wrapped(name_lines, max((ln.x1 for ln in lines), default=None))

    text = "\n".join(ln.text for ln in lines)
    info.text = text
    info.status = _status(text)
    m = _WEIGHT.search(fold(text))
    if m:
        info.weight = float(thai_to_arabic_digits(m.group(1)))

    state = _YearState()
    bodies: dict[int, list[Line]] = {}
    open_round: list[int] = []
    round_columns: dict[str, tuple[float, float]] = {}
    right: float | None = None
    carry: CriteriaCarry | None = None
    for b in blocks:
        if b.table is None:
            continue
        _year_rows(b.table, state, info)
        if not info.criteria:
            carry = _criteria_rows(b.table, info, carry)
        right = _round_rows(b.table, bodies, open_round, round_columns) or right
    if not info.criteria:
        _text_criteria(lines, info)
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
        if squash(labels.SCORE_OBTAINED) in squash(ln.text) and "=" in ln.text:
            info.scoring_rule = fold(ln.text)
            break
    info.baseline.sort(key=lambda y: y.year)
    info.roadmap.sort(key=lambda y: y.year)
    info.rounds.sort(key=lambda r: r.month)
    return info


def running_headers(pages: list[PageContent]) -> set[str]:
    """Lines repeated at the top of many pages (the unit's name as a page header).

    Only lines above a page's KPI heading count: when every template starts a page, the line
    under each heading (`สถานะตัวชี้วัด : ตัวชี้วัดต่อเนื่อง`) also repeats near the top of many
    pages, but it belongs to the template and must not be dropped as a header."""
    counts: dict[str, int] = {}
    for p in pages:
        for ln in p.lines[:2]:
            if heading_of(ln.text) is not None:
                break
            if ln.top < p.height * 0.12:
                key = squash(ln.text)
                counts[key] = counts.get(key, 0) + 1
    need = max(3, len(pages) // 3)
    return {k for k, n in counts.items() if n >= need and k}


def template_value(text: str) -> float | None:
    return criterion_value(text)
