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

The same parts also come written other ways, and are read by the same labels: the heading in
English (`KPI 3 : …`); the whole template one two-column table of label and value (each value read
as if its label were a line: `ลักษณะตัวชี้วัด | ตัวชี้วัดใหม่`, the criteria a line per level in one
cell, baseline and roadmap a line per year `ปีงบประมาณ พ.ศ. 2567 : 94.19`); rounds as paragraphs
(`รอบการประเมินที่ 1 (…)`, then `เป้าหมาย: …` and `(1) …` steps). Label families, not one unit's
wordings, are in `labels` (`BASELINE_LABELS`, `ROADMAP_LABELS`, `ROUND_GOAL_LABELS`, …).
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
from parsers.thai.chars import loose
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
_STEP = re.compile(r"^\s*(?:ขั้นตอนที่\s*)?\(?\s*([0-9๐-๙]{1,2})\s*[).](?![0-9๐-๙])\s*(.*)$")
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
                    if h[0] in out and h[0] != current and current != h[0] - 1:
                        # heading of an earlier KPI again (e.g. a summary list): not a new template.
                        # But KPI n's heading right after template n-1 is its template, the earlier
                        # `n` a stray (a row of a summary table read as a line)
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
    """baseline or roadmap, when `text` labels a row (or column) of values by year: `ผลการดำเนินงาน`,
    `ข้อมูลพื้นฐาน`, `ค่าที่วัดได้`; `ค่าเป้าหมาย`, `เป้าหมาย`, `แผนค่าเป้าหมาย`. A round's name
    (`ผลการดำเนินงานรอบ 6 เดือน`) labels no year."""
    s = squash(text).lower()
    if "รอบ" in s:
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
    if "รอบ" in s or s.startswith(squash(labels.CRITERIA_LABEL)):
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
            entries.append((int(thai_to_arabic_digits(m.group(1))), [_retext(ln, m.group(2))] if m.group(2).strip() else []))
        elif entries and (cell or _wraps_onto(lines[n - 1], ln, right)):
            entries[-1][1].append(ln)
        else:
            break
        n += 1
    for year, parts in entries:
        text = join_wrapped(parts, right) or "-"
        if not any(e.year == year for e in target):
            target.append(YearCell(year, leading_value(text), text))
    return n


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
        if not found or not _distinct(found):
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


def _distinct(header: LevelHeader) -> bool:
    """Whether each level of a header row has a column of its own. One cell that names every level
    (`ขั้นต้น (50 คะแนน) : > 90%` / `มาตรฐาน (75 คะแนน) : …` down one cell of a label-and-value
    template) is the criteria themselves, a line per level, not a header over the row below."""
    return len(set(header[1].values())) == len(header[1])


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


#: `ระดับ 1 : …`, `ขั้นต้น (50 คะแนน) : …`, `ระดับขั้นต้น = 50 คะแนน : …` (the label runs to the colon);
#: `ระดับคะแนน 1 หมายถึง …`, `ระดับ 1 = …` (no colon: to `=` or หมายถึง)
_LEVEL_COLON = re.compile(r"^\s*(.{1,40}?)\s*[:：]\s*(.+)$")
_LEVEL_LINE = re.compile(r"^\s*(.{1,30}?)\s*(?:[:：=]|หมายถึง)\s*(.+)$")
#: a five-level scale's level as a line names it (squashed): `ระดับ 1`, `ระดับที่ 1`, `ระดับคะแนน 1`,
#: `คะแนน 1`, `คะแนนที่ 1`, `1 คะแนน`, `เกณฑ์ 1`
_FIVE_LABEL = re.compile(
    "^(?:" + squash(labels.LEVEL) + "(?:" + squash(labels.POINTS) + ")?(?:" + squash("ที่") + ")?|"
    + squash(labels.POINTS) + "(?:" + squash("ที่") + ")?|" + squash(labels.CRITERIA_LABEL) + ")?"
    r"([1-5])(?:" + squash(labels.POINTS) + ")?$"
)
_POINTS_IN = re.compile(r"([0-9]+(?:\.[0-9]+)?)")


def level_label(text: str) -> tuple[str, float] | None:
    """The scale kind and level one label names (`ระดับที่ 3`, `คะแนน 3` → five_level 3; `ขั้นต้น
    (50 คะแนน)`, `50 คะแนน (ขั้นต้น)`, `เกณฑ์มาตรฐาน 70`, `ระดับขั้นต้น = 50 คะแนน` → three_level and the
    points it states, else the level's usual points), or None."""
    s = squash(text)
    m = _FIVE_LABEL.match(s)
    if m:
        return "five_level", float(m.group(1))
    named = [points for word, points in labels.THREE_LEVELS.items() if squash(word) in s]
    if len(named) != 1:
        return None
    stated = [float(x) for x in _POINTS_IN.findall(s)]
    points = next((x for x in stated if 0 < x <= 100), named[0])
    return "three_level", points


def _level_line(text: str) -> tuple[str, float, str] | None:
    """Kind, level and criterion of a line that states one level's criterion, or None."""
    for pattern in (_LEVEL_COLON, _LEVEL_LINE):
        m = pattern.match(text)
        found = level_label(m.group(1)) if m else None
        if m and found:
            return found[0], found[1], m.group(2)
    return None


def _text_criteria(lines: list[Line], info: TemplateInfo) -> None:
    """Criteria written as lines, one per level (`ระดับ 1 : ร้อยละ 60` … `ระดับ 5 : …`), a long
    one wrapping onto the lines right under it (one line pitch down, indented at least as far).
    Taken only when every level of a scale is there."""
    found: dict[str, dict[float, list[Line]]] = {}
    current: list[Line] | None = None
    start = 0.0
    right = max((ln.x1 for ln in lines), default=None)
    for k, ln in enumerate(lines):
        stated = _level_line(ln.text)
        if stated is not None:
            kind, level, rest = stated
            if level in found.get(kind, {}):
                current = None
                continue
            current = found.setdefault(kind, {})[level] = [_retext(ln, rest)]
            start = ln.x0
            continue
        if current is not None and _continues(lines[k - 1], ln, start, right, _pitch(lines[k - 2] if k > 1 else None, lines[k - 1])):
            current.append(ln)
        else:
            current = None
    for kind, size in (("five_level", 5), ("three_level", 3)):
        if len(found.get(kind, {})) == size:
            info.scale_kind = kind
            info.criteria = {lv: join_wrapped(ls, right) for lv, ls in sorted(found[kind].items())}
            return


def _continues(prev: Line, ln: Line, start: float, right: float | None, pitch: float | None = None) -> bool:
    """Whether `ln` carries on an item whose first line starts at `start` and whose last line is
    `prev`: the wrapped rest, indented at least as far as the item — or, under a first line that
    was indented (a list item, a paragraph's first-line indent), back at the margin, but then only
    one line pitch down (`pitch`, the distance from the line before `prev` when known: a heading
    has space above it) and after a line that left too little room for `ln`'s first word, as a
    wrapped line does (a line at the margin after a short line starts something else)."""
    if ln.page == prev.page + 1:
        # at the top of the next page: only after a line that the page break found full
        fits = _first_word_width(ln) if ln.x0 < start - 0.3 * ln.size else 0.0
        return right is not None and not _LABEL_LINE.match(ln.text) and right - prev.x1 < max(fits, 4 * ln.size)
    if not _wraps_onto(prev, ln, right):
        return False
    if ln.x0 >= start - 0.3 * ln.size:
        return True
    gap = ln.top - prev.top
    if gap > (1.15 * pitch if pitch else 1.5 * ln.size):
        return False
    return right is not None and right - prev.x1 < min(_first_word_width(ln), _WORD_MAX * ln.size)


def _pitch(before: Line | None, prev: Line) -> float | None:
    """The distance between two lines that follow each other on one page, else None."""
    if before is None or before.page != prev.page or prev.top <= before.top:
        return None
    return prev.top - before.top


#: the widest word (in font sizes) a wrap is taken to have moved down: Thai writes no spaces
#: between words, so the text up to a line's first space may be several words
_WORD_MAX = 8.0


def _first_word_width(ln: Line) -> float:
    """The width of `ln` up to its first space: had the previous line had that much room left,
    the layout would have put it there, so a line that left less room wrapped onto `ln`."""
    text = ln.text.lstrip()
    lead = len(ln.text) - len(text)
    end = text.find(" ")
    last = lead + (end if end > 0 else len(text)) - 1
    if not len(ln.boxes) or last >= len(ln.boxes):
        return 0.0
    return float(ln.boxes[last][2] - ln.boxes[lead][0]) + 0.5 * ln.size


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
                open_round: list[int], columns: dict[str, tuple[float, float]],
                last_head: list[str] | None = None) -> float | None:
    """Collect each round's body lines; a row with an empty head continues the open round, and so
    does a table's first row whose head is the rest of a round's name that a page break cut
    (`รอบ 9 เดือน (1 ตุลาคม 2565 –` / `30 มิถุนายน 2566)`: `last_head` keeps the name last seen).

    When the table has a steps column of its own (see `_round_header`), that column's lines
    come after a `ขั้นตอนการดำเนินงาน` marker, as if the goal and the steps shared one cell.
    """
    right: float | None = None
    last_head = last_head if last_head is not None else []
    fresh = True  # no row of this table read yet
    for row in table.rows:
        if len(row) < 2:
            continue
        steps_col = _round_header(row)
        if steps_col is not None:
            if "steps" not in columns:
                open_round.clear()
            # else the header repeated atop the next page: the row under it may carry on the round
            columns["steps"] = steps_col
            continue
        head = squash(row[0].text)
        month: int | None = None
        if squash("เดือน") in head or "รอบ" in head:
            m = _ROUND.search(thai_to_arabic_digits(head))
            if m and int(m.group(1) or m.group(2)) in (6, 9, 12):
                month = int(m.group(1) or m.group(2))
            elif "รอบ" in head:
                month = round_month_from_dates(row[0].text)
        cut = fresh and bool(open_round) and bool(last_head) and last_head[0].count("(") > last_head[0].count(")")
        # the closing end of a round's name whose start the table lost (`2566 – 31 มีนาคม 2567)`)
        tail = fresh and not cut and row[0].text.count(")") > row[0].text.count("(")
        fresh = False
        if cut and month is None and head:
            whole = f"{last_head[0]} {row[0].text}"
            month = open_round[0] if open_round[0] != -1 else (round_month_from_dates(whole) or -1)
            last_head[:] = [whole]
        elif tail and month is None:
            month = round_month_from_dates(row[0].text)
            last_head[:] = [row[0].text]
        elif head:
            last_head[:] = [row[0].text]
        # the last row of a table that names no round but reads as one (in a rounds table, whose
        # header names its columns, or with a `เป้าหมาย:` goal) may be a round's name cut by a page
        # break (`ผลการดำเนินงาน` / `รอบ 12 เดือน (…)`)
        cut_name = row is table.rows[-1] and ("steps" in columns or any(_GOAL_LABEL.match(c.text) for c in row[1:]))
        if month is None:
            if head and ("รอบ" in head or squash("เป้าหมายการดำเนินงาน") in head or cut_name):
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
        _add_round_cells(bodies.setdefault(month, []), row[1:], columns.get("steps"))
        right = max(c.x1 for c in row[1:]) - 2.0
    return right


def _add_round_cells(body: list[Line], cells: list[Cell], steps: tuple[float, float] | None) -> None:
    """Add a rounds row's cells to its round's body lines. With a steps column (`steps`), its
    lines go after a `ขั้นตอนการดำเนินงาน` marker; a row that carries on a round a page break cut
    (the marker already in the body) puts its goal lines before the marker, its steps at the end."""
    at = next((k for k, ln in enumerate(body) if ln.text == _STEPS_LABEL and not len(ln.boxes)), None)
    for c in cells:
        cell_lines = sorted(c.lines, key=lambda ln: (ln.top, ln.x0))
        in_steps = steps is not None and steps[0] - 2 <= (c.x0 + c.x1) / 2 <= steps[1] + 2
        if not in_steps and at is not None:
            body[at:at] = cell_lines
            at += len(cell_lines)
            continue
        if in_steps and at is None and not (cell_lines and squash(cell_lines[0].text).startswith(squash(_STEPS_LABEL))):
            at = len(body)
            body.append(Line(_STEPS_LABEL, Boxes(), c.page, cell_lines[0].size if cell_lines else 0.0))
        body.extend(cell_lines)


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
    before it is the goal; without the label only `1)`-style lines are steps. A numbered line
    whose number does not follow the last step's is the wrapped rest of that step (`… ใน` /
    `ขั้นตอนที่ 2) - 4)`).
    """
    lines = _join_steps_label([ln for ln in lines if _stated(ln.text)])  # `-`: nothing here
    marker = next((k for k, ln in enumerate(lines) if squash(ln.text).startswith(squash(_STEPS_LABEL))), None)
    goal_lines: list[Line] = []
    steps: list[list[Line]] = []
    last_no = 0
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
        is_step = m is not None and (marker is not None or ")" in ln.text[: m.end(1) + 2]) and _next_step(m, last_no)
        if is_step and m is not None:
            steps.append([_retext(ln, m.group(2))])
            last_no = int(thai_to_arabic_digits(m.group(1)))
        elif steps:
            steps[-1].append(ln)
        elif marker is not None:
            steps.append([ln])  # a single, unnumbered step
        else:
            goal_lines.append(ln)
    if goal_lines:
        goal_lines[0] = _unlabelled(goal_lines[0], _GOAL_LABEL)
    goal = _stated(join_wrapped(goal_lines, right))
    texts = [_stated(join_wrapped(s, right)) for s in steps]
    return RoundInfo(month, goal, [t for t in texts if t])


def _next_step(m: re.Match[str], last_no: int) -> bool:
    """Whether the numbered line `m` starts the step after step `last_no` (0: none numbered yet)."""
    return last_no == 0 or int(thai_to_arabic_digits(m.group(1))) == last_no + 1


#: what an empty cell is filled with (`-`: no steps in this round), compared squashed (a stray
#: mark a text layer put beside the dash does not make it say something)
_NOTHING = frozenset(squash(w) for w in ("-", "–", "—", "ไม่มี", "n/a"))


def _stated(text: str) -> str | None:
    """`text`, or None when it only says there is nothing (`-`, or a stray mark alone)."""
    s = squash(text).lower()
    return None if not s or s in _NOTHING else text


def _label_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """A label that opens a line: one of `words`, maybe a few more words (`เป้าหมายการดำเนินงาน`,
    `เป้าหมายรอบ 6 เดือน`), then a colon; the words spelt as written (these labels are typed, not
    scanned)."""
    return re.compile(r"^\s*(?:" + "|".join(map(re.escape, words)) + r")[^:：]{0,30}?\s*[:：]\s*")


_GOAL_LABEL = _label_re(labels.ROUND_GOAL_LABELS)
_STEPS_LINE = _label_re(labels.ROUND_STEPS_LABELS)


def _unlabelled(line: Line, label: re.Pattern[str]) -> Line:
    """`line` without the label it opens with (`เป้าหมาย: รายงานผล…` → `รายงานผล…`)."""
    m = label.match(line.text)
    return _retext(line, line.text[m.end() :]) if m else line


#: a round's name opening a line: `รอบ 6 เดือน`, `รอบการประเมินที่ 1`, `รอบที่ 2`, `ผลการดำเนินงานรอบ
#: 6 เดือน`, `๑. รอบ ๙ เดือน :` — at most a word or two before `รอบ`, then the round's number or
#: months; what follows (its dates in brackets, a colon, a goal) is group 3
_ROUND_HEAD = re.compile(
    r"^\s*(?:[0-9๐-๙]{1,2}\s*[.)]\s*)?[\u0e01-\u0e4e]{0,24}?รอบ\s*(?:[\u0e01-\u0e4e]{0,14}?ที่)?\s*"
    r"([0-9๐-๙]{1,2})(?![0-9๐-๙])\s*(เดือน)?(.*)$"
)
_WINDOW = re.compile(r"^\s*\([^)]*\)")
_STEPS_WORD = tuple(squash(w) for w in labels.ROUND_STEPS_LABELS)


def round_head(text: str) -> tuple[int | None, str] | None:
    """A line that names a round: its months (6, 9, 12: said outright, or read from the dates it
    ends on, `รอบการประเมินที่ 1 (1 ตุลาคม 2566 – 31 มีนาคม 2567)` → 6; None when it says neither)
    and the rest of the line after its dates (a goal, when the round is one line). None for
    other lines."""
    m = _ROUND_HEAD.match(text)
    if not m:
        return None
    n = int(thai_to_arabic_digits(m.group(1)))
    rest = m.group(3)
    month: int | None = n if m.group(2) and n in (6, 9, 12) else None
    if month is None:
        month = round_month_from_dates(text)
    if month is None and (w := _ROUND.search(thai_to_arabic_digits(squash(rest)))) and w.group(2):
        month = int(w.group(2)) if int(w.group(2)) in (6, 9, 12) else None  # `รอบที่ 1 (6 เดือน)`
    rest = _WINDOW.sub("", rest, count=1)
    return month, re.sub(r"^[\s:：\-–]+", "", rest).strip()


def _text_rounds(lines: list[Line], right: float | None) -> list[RoundInfo]:
    """Rounds written as paragraphs: a line naming the round (`รอบ 6 เดือน (1 ตุลาคม … – 31 มีนาคม
    …)`, `รอบการประเมินที่ 1 (…)`), then its goal (`เป้าหมาย: …`, or an unlabelled line) and its
    numbered steps (`(1) …`, `1) …`, maybe under `ขั้นตอนการดำเนินงาน`), each wrapping onto the
    lines under it; or one line a round (`1. รอบ 6 เดือน สำนัก/กอง มีผลการเบิกจ่าย …`), its
    goal on the same line. A round runs to the next round's name or to a line that is none of
    these (a `เงื่อนไข : …` or `แหล่งข้อมูล : …` label, a sentence after a short line)."""
    out: list[RoundInfo] = []
    k = 0
    while k < len(lines):
        head = round_head(lines[k].text)
        if head is None:
            k += 1
            continue
        month, rest = head
        first = _retext(lines[k], rest) if rest else None
        goal, steps, k = _round_paragraph(lines, k + 1, first, right)
        if month is not None and not any(r.month == month for r in out):
            out.append(RoundInfo(month, join_wrapped(goal, right) or None, [t for s in steps if (t := join_wrapped(s, right))]))
    return out


def _round_paragraph(
    lines: list[Line], k: int, first: Line | None, right: float | None
) -> tuple[list[Line], list[list[Line]], int]:
    """The goal lines and the steps of the round whose name is the line before `lines[k]`
    (`first`: the goal written after the name on its line), and the index of the line after them."""
    goal: list[Line] = [first] if first is not None else []
    labelled = False
    steps: list[list[Line]] = []
    last_no = 0
    current: list[Line] | None = goal if first is not None else None
    start = first.x0 if first is not None else 0.0
    marker = False
    prev = lines[k - 1]
    before = lines[k - 2] if k > 1 else None
    while k < len(lines):
        ln = lines[k]
        if round_head(ln.text) is not None or heading_of(ln.text) is not None:
            break
        m = _STEP.match(ln.text)
        if _GOAL_LABEL.match(ln.text) and not steps and not goal:
            current = goal
            labelled = True
            goal.append(_unlabelled(ln, _GOAL_LABEL))
        elif not marker and not steps and squash(ln.text).rstrip(":：").startswith(_STEPS_WORD) and (
            _STEPS_LINE.match(ln.text) or len(squash(ln.text)) <= 30
        ):
            marker = True  # `ขั้นตอนการดำเนินงาน` over the steps
            current = None
            rest = _unlabelled(ln, _STEPS_LINE)
            if rest is not ln and rest.text.strip():
                steps.append([rest])
                current = steps[-1]
        elif m is not None and (marker or labelled or ")" in ln.text[: m.end(1) + 2]) and _next_step(m, last_no):
            # `1.` lines are steps after a labelled goal; after an unlabelled one they may be its list
            steps.append([_retext(ln, m.group(2))])
            last_no = int(thai_to_arabic_digits(m.group(1)))
            current = steps[-1]
        elif current is not None and _continues(prev, ln, start, right, _pitch(before, prev)):
            current.append(ln)
            before, prev = prev, ln
            k += 1
            continue
        elif current is None and not goal and not steps and not _LABEL_LINE.match(ln.text) and _wraps_onto(prev, ln, right):
            goal.append(ln)  # an unlabelled goal right under the round's name
            current = goal
        else:
            break
        start = ln.x0
        before, prev = prev, ln
        k += 1
    return goal, steps, k


def _status(text: str) -> str | None:
    """`continuing` or `new`: the status word that is ticked when the form has tick boxes,
    else the one that is written."""
    flat = squash(text)
    # as a scan reads them too: marks above the line lost (`☑ ตัวชีวัดใหม่`)
    words = tuple((status, loose(squash(word))) for status, word in labels.STATUS_WORDS)
    boxed = {status: m.group(1) for status, w in words if (m := re.search("([" + _BOXES + "])" + w, flat))}
    if boxed:
        ticked = [status for status, box in boxed.items() if box in _TICKED]
        return ticked[0] if len(ticked) == 1 else None
    for status, w in words:
        if re.search(w, flat):
            return status
    return None


def _retext(line: Line, text: str) -> Line:
    n = len(line.text) - len(text)
    return Line(text, line.boxes[max(0, n):], line.page, line.size, line.trailing_space)


def label_rows(tables: list[Table]) -> list[tuple[Cell, Cell]]:
    """The rows of a label-and-value table (a template written as one two-column table:
    `ประเภทตัวชี้วัด | ตัวชี้วัดต่อเนื่อง`, `ข้อมูลพื้นฐาน | ปีงบประมาณ 2567 : 94.19 …`): each row of
    two cells whose first is a short label and whose second says something. A row with an empty
    label right after one carries on its value (the row a page break cut in two)."""
    out: list[tuple[Cell, Cell]] = []
    for table in tables:
        for k, row in enumerate(table.rows):
            if len(row) != 2 or not row[1].text.strip():
                continue
            if not row[0].text.strip() and out and (k == 0 or out[-1][0] in table.rows[k - 1]):
                label, value = out[-1]
                out[-1] = (label, Cell(value.bbox, value.page, value.lines + row[1].lines, f"{value.text}\n{row[1].text}"))
            elif 0 < len(squash(row[0].text)) <= _LABEL_MAX:
                out.append((row[0], row[1]))
    return out


#: a label is short (`ผลการดำเนินงานที่ผ่านมา (Baseline Data)`); a longer first cell is content
_LABEL_MAX = 60
_LABEL_COLON = re.compile(r"^\s*(.{1,60}?)\s*[:：]\s*(.*)$")


def _labelled_history(lines: list[Line], pairs: list[tuple[Cell, Cell]], info: TemplateInfo) -> None:
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
        if kind is None or (m is None and len(squash(ln.text)) > _LABEL_MAX):
            continue
        target = info.baseline if kind == "baseline" else info.roadmap
        if not target:
            first = [_retext(ln, m.group(2))] if m and m.group(2).strip() else []
            history_lines(first + lines[k + 1 :], target, right)


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

    pairs = label_rows([b.table for b in blocks if b.table is not None])
    # what a label-and-value table states (`ประเภทตัวชี้วัด | ตัวชี้วัดต่อเนื่อง`, `น้ำหนัก | 20`,
    # `เงื่อนไข | … หักคะแนน 5 คะแนน`) reads as the same label written as a line
    text = "\n".join([ln.text for ln in lines] + [f"{fold(lab.text)} : {fold(val.text)}" for lab, val in pairs])
    info.text = text
    info.status = _status(text)
    m = _WEIGHT.search(fold(text))
    if m:
        info.weight = float(thai_to_arabic_digits(m.group(1)))

    state = _YearState()
    bodies: dict[int, list[Line]] = {}
    open_round: list[int] = []
    round_columns: dict[str, tuple[float, float]] = {}
    last_head: list[str] = []
    right: float | None = None
    carry: CriteriaCarry | None = None
    for b in blocks:
        if b.table is None:
            continue
        _year_rows(b.table, state, info)
        if not info.criteria:
            carry = _criteria_rows(b.table, info, carry)
        right = _round_rows(b.table, bodies, open_round, round_columns, last_head) or right
    if not info.criteria:
        _text_criteria(lines, info)
    for _label, value in pairs:
        if not info.criteria:
            _text_criteria(sorted(value.lines, key=lambda ln: (ln.page, ln.top, ln.x0)), info)
    _labelled_history(lines, pairs, info)
    info.rounds = [_round_body(month, body, right) for month, body in bodies.items() if month > 0]
    if not info.rounds:
        info.rounds = _text_rounds(lines, max((ln.x1 for ln in lines), default=None))

    flat_text = fold(text)
    m = _DEDUCT.search(flat_text)
    if m:
        info.deduction_points = float(thai_to_arabic_digits(m.group(1)))
    elif _NO_DEDUCT.search(flat_text.replace(" ", "")):
        info.deduction_points = 0.0
    for ln in lines + [ln for _label, value in pairs for ln in value.lines]:
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
