"""A template's criteria per level (ระดับ 1–5, or ขั้นต้น / มาตรฐาน / ขั้นสูง): what each level asks.

As a table, levels across (a header row naming them, the criteria in the row below) or down
(each row a level and its criterion), maybe cut by a page break that `CriteriaCarry` bridges; or
as lines, one a level (`ระดับ 1 : ร้อยละ 60`), each wrapping onto the lines under it. A level is
named the ways `level_label` reads, the same vocabulary as the targets table's header (`targets`).
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
from parsers.sections.doctext import fold, squash
from parsers.sections.layout import (
    cell_under,
    continues,
    line_pitch,
    part_heading,
    rejoined,
    retext,
    usual_pitch,
)
from parsers.sections.targets import level_columns


class Criteria(Protocol):
    """What the readers here fill: a template's scale and criterion per level (`TemplateInfo` is one)."""

    scale_kind: str | None
    criteria: dict[float, str]


LevelHeader = tuple[str, dict[float, tuple[float, float]]]


@dataclass
class CriteriaCarry:
    """What a criteria table cut by a page break leaves for its next piece: a header row of levels
    that was the piece's last row, or the levels read down so far (and whether a header said they
    are levels), the rest of them being in the next piece's rows."""

    header: LevelHeader | None = None
    down: dict[str, dict[float, str]] = field(default_factory=dict)
    labelled: bool = False


def criteria_rows(table: Table, info: Criteria, carried: CriteriaCarry | None = None) -> CriteriaCarry | None:
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
    # the rows in order: each level row's (kind, level), None for a row whose label was not read
    order: list[tuple[str, float] | None] = []
    unread: dict[int, str] = {}
    for row in table.rows:
        found = level_columns([(row[0].text, row[0].x0, row[0].x1)], partial=True) if len(row) >= 2 else None
        if found and row[1].text:
            kind, cols = found
            bare = bare and squash(row[0].text).isdigit()
            for level in cols:
                down.setdefault(kind, {}).setdefault(level, fold(row[1].text))
            order.append((kind, next(iter(cols))) if len(cols) == 1 else None)
        else:
            if len(row) >= 2 and row[1].text and 0 < len(squash(row[0].text)) <= _UNREAD_LABEL:
                unread[len(order)] = fold(row[1].text)
            order.append(None)
            other.append(squash(" ".join(c.text for c in row)))
    _unread_level(order, unread, down)
    labelled = (carried is not None and carried.labelled) or any(
        squash(w) in t for t in other for w in (labels.LEVEL, labels.CRITERIA_LABEL, labels.POINTS)
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


#: a level's label a scan misread (`เว` for ๒, `เฉล` for ๓) is at most this many letters
_UNREAD_LABEL = 4
_SCALES = {"five_level": (1.0, 2.0, 3.0, 4.0, 5.0), "three_level": tuple(labels.THREE_LEVELS.values())}


def _unread_level(order: list[tuple[str, float] | None], unread: dict[int, str], down: dict[str, dict[float, str]]) -> None:
    """Fill the one level of a scale read down a column whose label OCR could not read: a row
    whose short label is no level (`เว`), between the rows of the levels before and after the
    missing one, is that level's (the levels run in order down the column)."""
    for kind, found in down.items():
        scale = _SCALES.get(kind)
        if scale is None or len(found) != len(scale) - 1:
            continue
        missing = next(lv for lv in scale if lv not in found)
        at = scale.index(missing)
        rows = {entry: k for k, entry in enumerate(order) if entry is not None and entry[0] == kind}
        prev_row = rows.get((kind, scale[at - 1])) if at > 0 else None
        next_row = rows.get((kind, scale[at + 1])) if at + 1 < len(scale) else None
        # the row right after the level before it, right before the level after it, or both
        places = set()
        if prev_row is not None:
            places.add(prev_row + 1)
        if next_row is not None:
            places.add(next_row - 1)
        if len(places) == 1 and (k := places.pop()) in unread:
            found[missing] = unread[k]


def _distinct(header: LevelHeader) -> bool:
    """Whether each level of a header row has a column of its own. One cell that names every level
    (`ขั้นต้น (50 คะแนน) : > 90%` / `มาตรฐาน (75 คะแนน) : …` down one cell of a label-and-value
    template) is the criteria themselves, a line per level, not a header over the row below."""
    return len(set(header[1].values())) == len(header[1])


def _reads_levels(row: list[Cell]) -> bool:
    return len(row) >= 2 and level_columns([(row[0].text, row[0].x0, row[0].x1)], partial=True) is not None


def _criteria_under(header: LevelHeader, row: list[Cell], info: Criteria) -> bool:
    """Take the criteria of `row`, each the cell under its level's header column; whether any
    was there (a row that is no criteria row, e.g. a new heading, leaves `info` alone)."""
    texts = {level: fold(c.text) for level, (x0, x1) in header[1].items() if (c := cell_under(row, x0, x1)) is not None and c.text}
    if not texts:
        return False
    info.scale_kind = header[0]
    info.criteria.update(texts)
    return True


def rest_of_cut_row(before: Table, after: Table, info: Criteria) -> bool:
    """Complete criteria that a page break cut off mid-row; whether it did.

    Word and LibreOffice let a table row break across pages: the criteria row under a header of
    levels ends `before` (the page's last table) with the first line or two of each cell, and
    `after` (the next page's first table) opens with the header repeated and the rest of that
    row. A levels-across table has one criteria row, so a second row under the same levels is
    that row's rest — taken when every level has its cell in it (empty where the level's text
    ended above the break, not all empty) and the criteria read so far are the cut row's; where
    no header is repeated, the next page's first row is the rest, one cell under each level. Read
    down, the last level's row is cut the same way, its rest a row with no level label of its
    own at the top of the next piece."""
    if after.page != before.page + 1 or not before.rows or not after.rows:
        return False
    last = before.rows[-1]
    if _reads_levels(last) and not after.rows[0][0].text.strip() and len(after.rows[0]) >= 2:
        found = level_columns([(last[0].text, last[0].x0, last[0].x1)], partial=True)
        levels = list(found[1]) if found else []
        if len(levels) == 1 and info.criteria.get(levels[0]) == fold(last[1].text) and after.rows[0][1].text.strip():
            info.criteria[levels[0]] = fold(rejoined(last[1], after.rows[0][1]).text)
            return True
        return False
    if len(before.rows) < 2:
        return False
    header = level_columns([(c.text, c.x0, c.x1) for c in before.rows[-2]])
    again = level_columns([(c.text, c.x0, c.x1) for c in after.rows[0]])
    if not header or not _distinct(header):
        return False
    if again is None:
        # no header repeated (a writer that repeats none): the rest is the next page's first row,
        # under the same level columns, one cell of its own under each
        rest, columns = after.rows[0], header[1]
    elif len(after.rows) >= 2 and header[0] == again[0] and set(header[1]) == set(again[1]):
        rest, columns = after.rows[1], again[1]
    else:
        return False
    joined: dict[float, str] = {}
    seen: set[int] = set()
    for level, (x0, x1) in header[1].items():
        upper, lower = cell_under(last, x0, x1), cell_under(rest, *columns[level])
        if upper is None or lower is None or info.criteria.get(level) != fold(upper.text) or id(lower) in seen:
            return False
        seen.add(id(lower))
        if lower.text.strip():  # (a level whose text ended above the break has an empty cell here)
            joined[level] = fold(rejoined(upper, lower).text)
    if not joined:
        return False
    info.criteria.update(joined)
    return True


def levels_carry_on(upper: list[Line], lower: list[Line]) -> bool:
    """Whether the lines of `lower` (a cell at the top of a page) carry on the levels `upper` (the
    cell at the foot of the page before) began, a line each (`ขั้นต้น 50 : ≤ 3%` / `มาตรฐาน 75 :
    ≤ 2%`): `lower` opens with a higher level of the same scale, as the rest of one value cell a
    page break cut does."""
    above = [found for ln in upper if (found := _level_line(ln.text)) is not None]
    first = _level_line(lower[0].text) if lower else None
    return bool(above) and first is not None and all(k == first[0] and lv < first[1] for k, lv, _ in above)


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


def text_criteria(lines: list[Line], info: Criteria) -> None:
    """Criteria written as lines, one per level (`ระดับ 1 : ร้อยละ 60` … `ระดับ 5 : …`), a long
    one wrapping onto the lines right under it (one line pitch down, indented at least as far).
    Taken only when every level of a scale is there."""
    found: dict[str, dict[float, list[Line]]] = {}
    current: list[Line] | None = None
    start = 0.0
    right = max((ln.x1 for ln in lines), default=None)
    usual = usual_pitch(lines)
    for k, ln in enumerate(lines):
        stated = _level_line(ln.text)
        if stated is not None:
            kind, level, rest = stated
            if level in found.get(kind, {}):
                current = None
                continue
            current = found.setdefault(kind, {})[level] = [retext(ln, rest)]
            start = ln.x0
            continue
        if (
            current is not None
            and not part_heading(ln.text)
            and continues(lines[k - 1], ln, start, right, line_pitch(lines[k - 2] if k > 1 else None, lines[k - 1], usual))
        ):
            current.append(ln)
        else:
            current = None
    for kind, size in (("five_level", 5), ("three_level", 3)):
        if len(found.get(kind, {})) == size:
            info.scale_kind = kind
            info.criteria = {lv: join_wrapped(ls, right) for lv, ls in sorted(found[kind].items())}
            return
