"""Tables of a page: cells from the ruling lines, text from the repaired glyphs inside each cell.

Cell geometry comes from pdfplumber's edge → intersection → cell functions (fed with edges read
by `parsers.pdf.edges`); the text of each cell is built by `parsers.pdf.lines` from the glyphs whose
centre lies inside it, so marks never leak between cells and each value keeps its page and box.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from pdfplumber.table import cells_to_tables, edges_to_intersections, merge_edges

from parsers.pdf.edges import Edge
from parsers.pdf.glyphs import Char
from parsers.pdf.lines import Line, build_lines, space_widths
from parsers.pdf.overprint import STRATUM_PT
from parsers.pdf.wrapping import join_cell_lines
from parsers.thai.chars import is_mark

Box = tuple[float, float, float, float]

SNAP = 3.0
#: a mark counts in the cell of its letter: at the height (in font sizes above its baseline) of a
#: letter's middle, not its own ink's (the tone mark of a line that runs down onto the rule under
#: its row, as LibreOffice Calc draws a row too short for its text, stands over the next row's
#: top: `้ 90 คะแนน`)
MARK_LIFT = 0.35


@dataclass(slots=True)
class Cell:
    bbox: Box
    page: int
    lines: list[Line] = field(default_factory=list)
    text: str = ""

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def bottom(self) -> float:
        return self.bbox[3]


@dataclass(slots=True)
class Table:
    """Cells grouped into rows (top to bottom), each row left to right. Merged cells span."""

    page: int
    bbox: Box
    rows: list[list[Cell]]

    @property
    def columns(self) -> list[float]:
        """Left edges of the table's grid columns."""
        return sorted({round(c.x0, 1) for row in self.rows for c in row})

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


def close_open_cells(edges: list[Edge]) -> list[Edge]:
    """Edges with the missing side of a cell that runs over a page break.

    A merged cell continued on the next page has no bottom rule on this page (and no top rule on
    the next): its column's two verticals end at the table's edge with nothing joining them, so
    no cell is found and its text would be lost. Where two neighbouring verticals end at the same
    height, a rule reaches that height beside them, and the pair is joined by a rule elsewhere
    (above them for a missing bottom, below for a missing top: the same table, not a gap between
    two tables), the missing side is added.
    """
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v"]
    added: list[Edge] = []
    for end in ("bottom", "top"):
        # verticals ending at one height, within SNAP of the one before (not in fixed bins: 760.4
        # and 760.6 are one height, whichever side of a bin edge they fall)
        groups: list[list[Edge]] = []
        for v in sorted(vs, key=lambda e: e[end]):
            if groups and v[end] - groups[-1][-1][end] <= SNAP:
                groups[-1].append(v)
            else:
                groups.append([v])
        for group in groups:
            if len(group) < 2:
                continue
            y = sum(v[end] for v in group) / len(group)
            at_y = [h for h in hs if abs(h["top"] - y) <= SNAP]
            if not at_y:
                added.extend(_open_top_row(group, hs, y) if end == "top" else _open_bottom_row(group, hs, vs, y))
                continue
            xs = sorted({round(v["x0"], 1) for v in group})
            for xa, xb in zip(xs, xs[1:], strict=False):
                if any(h["x0"] <= xa + SNAP and h["x1"] >= xb - SNAP for h in at_y):
                    continue  # already closed
                if not any(h["x0"] - SNAP <= x <= h["x1"] + SNAP for h in at_y for x in (xa, xb)):
                    continue  # no rule of this table at this height reaches either vertical
                span = [v for v in group if round(v["x0"], 1) in (xa, xb)]
                # each vertical as far as it runs unbroken (a rule drawn in pieces, row by row)
                lo = max(_run_top(vs, x, v["top"]) for x, v in ((round(v["x0"], 1), v) for v in span))
                hi = max(v["bottom"] for v in span)
                joined = any(
                    h["x0"] <= xa + SNAP and h["x1"] >= xb - SNAP and lo - SNAP <= h["top"] <= hi + SNAP
                    and abs(h["top"] - y) > SNAP
                    for h in hs
                )
                if joined:
                    added.append(
                        {"object_type": "line", "orientation": "h", "x0": xa, "x1": xb, "top": y, "bottom": y,
                         "doctop": y, "width": xb - xa, "height": 0.0}
                    )
    return edges + added if added else edges


def _open_top_row(group: list[Edge], hs: list[Edge], y: float) -> list[Edge]:
    """The top rule of a row continued from the page before with no rule drawn over it (Chrome
    repeats no border at the break): three or more verticals start at one height with no rule
    there at all, and a rule below joins the first to the last of them (the row's bottom)."""
    xs = sorted({round(v["x0"], 1) for v in group})
    if len(xs) < 3:
        return []
    hi = min(v["bottom"] for v in group)
    if not any(h["x0"] <= xs[0] + SNAP and h["x1"] >= xs[-1] - SNAP and y + SNAP < h["top"] <= hi + SNAP for h in hs):
        return []
    return [
        {"object_type": "line", "orientation": "h", "x0": xs[0], "x1": xs[-1], "top": y, "bottom": y,
         "doctop": y, "width": xs[-1] - xs[0], "height": 0.0}
    ]


def _open_bottom_row(group: list[Edge], hs: list[Edge], vs: list[Edge], y: float) -> list[Edge]:
    """The bottom rule of a row cut by a page break with no rule drawn under it (WeasyPrint
    closes no border at a break): every column's verticals run down to one height (the page's
    content foot), three or more of them, with no rule there at all and none of the table's
    verticals going on past it, and a rule above joins the first to the last of them (the
    row's top). The row's part on this page is then a row, not loose lines (a KPI's name and
    criteria were lost). The mirror of `_open_top_row`."""
    xs = sorted({round(v["x0"], 1) for v in group})
    if len(xs) < 3:
        return []
    lo = max(v["top"] for v in group)
    # the row's top rule, drawn whole or cell by cell; a first column merged down over the rows
    # (a category's cell, open at the foot too) may have no rule there
    spans = _rule_spans([h for h in hs if lo - SNAP <= h["top"] < y - SNAP])
    tops = [(a, b) for a, b in spans if a <= xs[1] + SNAP and b >= xs[-1] - SNAP]
    if not tops:
        return []
    left, right = min(a for a, _ in tops) - SNAP, max(b for _, b in tops) + SNAP
    if any(left <= v["x0"] <= right and v["top"] < y - SNAP and v["bottom"] > y + SNAP for v in vs):
        return []  # a vertical of the table runs on below: not the table's foot
    return [
        {"object_type": "line", "orientation": "h", "x0": xs[0], "x1": xs[-1], "top": y, "bottom": y,
         "doctop": y, "width": xs[-1] - xs[0], "height": 0.0}
    ]


def _rule_spans(hs: list[Edge]) -> list[tuple[float, float]]:
    """(left, right) of the horizontal rules at each height, pieces that meet joined into one."""
    spans: list[tuple[float, float]] = []
    rows: list[list[Edge]] = []
    for h in sorted(hs, key=lambda e: e["top"]):
        if rows and h["top"] - rows[-1][0]["top"] <= SNAP:
            rows[-1].append(h)
        else:
            rows.append([h])
    for row in rows:
        left = right = None
        for h in sorted(row, key=lambda e: e["x0"]):
            if right is not None and left is not None and h["x0"] <= right + SNAP:
                right = max(right, h["x1"])
                continue
            if left is not None and right is not None:
                spans.append((left, right))
            left, right = h["x0"], h["x1"]
        if left is not None and right is not None:
            spans.append((left, right))
    return spans


def _run_top(vs: list[Edge], x: float, top: float) -> float:
    """The top of the unbroken run of vertical rules at `x` that reaches down to `top`."""
    moved = True
    while moved:
        moved = False
        for v in vs:
            if abs(v["x0"] - x) <= SNAP and v["top"] < top - 0.1 and abs(v["bottom"] - top) <= SNAP:
                top, moved = v["top"], True
    return top


def grid_cells(intersections: dict[tuple[float, float], dict[str, list[Edge]]]) -> list[Box]:
    """pdfplumber's `intersections_to_cells`, cell for cell, without its quadratic work: each
    point's edges are made into sets once (not on every comparison), and the points below and
    to the right of a point are looked up by column and by row instead of scanning all later
    points. `tests/parsers/pdf/test_tables.py` checks it gives pdfplumber's cells."""
    points = sorted(intersections)
    vsets: dict[tuple[float, float], set[Box]] = {}
    hsets: dict[tuple[float, float], set[Box]] = {}
    columns: dict[float, list[tuple[float, float]]] = {}
    rows: dict[float, list[tuple[float, float]]] = {}
    for pt in points:
        found = intersections[pt]
        vsets[pt] = {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in found["v"]}
        hsets[pt] = {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in found["h"]}
        columns.setdefault(pt[0], []).append(pt)  # (points are sorted: each list is in order)
        rows.setdefault(pt[1], []).append(pt)

    def connects(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        if p1[0] == p2[0] and not vsets[p1].isdisjoint(vsets[p2]):
            return True
        return p1[1] == p2[1] and not hsets[p1].isdisjoint(hsets[p2])

    cells: list[Box] = []
    for pt in points:
        column, row = columns[pt[0]], rows[pt[1]]
        below = column[column.index(pt) + 1 :]
        right = row[row.index(pt) + 1 :]
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def glyph_point(ch: Char) -> tuple[float, float]:
    """Where a glyph counts when glyphs are shared out among cells (and kept out of the page's
    lines): its box's centre; a zero-width glyph at its left edge; a mark at its letter's
    middle height (`MARK_LIFT`), so it goes where its letter goes."""
    x = (ch.x0 + ch.x1) / 2 if ch.x1 > ch.x0 else ch.x0
    if is_mark(ch.text):
        return x, ch.baseline - MARK_LIFT * ch.size
    return x, (ch.top + ch.bottom) / 2 if ch.bottom > ch.top else ch.baseline


def find_tables(chars: Sequence[Char], edges: Sequence[Edge], page: int) -> list[Table]:
    """Ruled tables on one page, top to bottom, with repaired text in every cell (each cell
    measures word gaps by the page's spaces, a better sample than its own few)."""
    if len(edges) < 4:
        return []
    merged = merge_edges(list(edges), SNAP, SNAP, SNAP, SNAP)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= 3]
    merged = close_open_cells(merged)
    intersections = edges_to_intersections(merged, SNAP, SNAP)
    cells = grid_cells(intersections)
    groups = cells_to_tables(cells)
    tables: list[Table] = []
    # glyph centres once per page, sorted by y: each table and cell then takes its own by bisection
    # glyph points once per page, sorted by y: each table and cell then takes its own by bisection
    placed = sorted(((glyph_point(ch), ch) for ch in chars), key=lambda p: p[0][1])
    ys = [p[0][1] for p in placed]
    spaces = space_widths(chars)
    for group in groups:
        if len(group) < 2:
            continue
        group = _with_unruled_cells(_with_overflow(group, placed, ys), placed, ys)
        x0 = min(c[0] for c in group)
        top = min(c[1] for c in group)
        x1 = max(c[2] for c in group)
        bottom = max(c[3] for c in group)
        lo, hi = bisect.bisect_left(ys, top), bisect.bisect_right(ys, bottom)
        inside = [p for p in placed[lo:hi] if x0 <= p[0][0] <= x1]
        rows = _rows(group, inside, page, spaces)
        tables.append(Table(page, (x0, top, x1, bottom), rows))
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return tables


def _with_overflow(cells: list[Box], placed: list[tuple[tuple[float, float], Char]], ys: list[float]) -> list[Box]:
    """`cells` with a bottom cell taking the lines its text ran on below the table.

    A cell merged down over rows that a page break cuts (a category beside its KPIs) is drawn by
    some layout engines only as tall as the rows left on the page, its text running on below the
    rule (`ประสิทธิผลตาม` / `พันธกิจ` under the table). Such a line is the cell's when the cell's
    text fills it to its bottom, the line lies under the cell alone, and it follows at the cell's
    own line pitch. LibreOffice Calc does the same with a last row too short for its text, and
    sets what follows the table a line under the row, not under the overflow: only the line at
    the cell's pitch is taken, and the grown cell stops short of the glyphs below it."""
    bottom = max(c[3] for c in cells)
    out = list(cells)
    for k, (cx0, ctop, cx1, cbottom) in enumerate(cells):
        if abs(cbottom - bottom) > 1.0:
            continue
        lo, hi = bisect.bisect_left(ys, ctop), bisect.bisect_right(ys, cbottom)
        own = [ch for (x, _), ch in placed[lo:hi] if cx0 <= x <= cx1 and ch.text.strip()]
        if not own:
            continue
        size = max(ch.size for ch in own)
        # (a mark of the line under the rule may stand high enough to be inside: its base is not)
        baselines = sorted({round(ch.baseline, 1) for ch in own if not is_mark(ch.text)})
        if not baselines:
            continue
        # ink reaching down to the rule: the cell's own, or the tone marks of a line drawn on
        # past the rule standing up into the cell (counted with their letters, under it)
        lo2, hi2 = bisect.bisect_left(ys, cbottom), bisect.bisect_right(ys, cbottom + size)
        hanging = [ch for (x, _), ch in placed[lo2:hi2] if cx0 <= x <= cx1 and is_mark(ch.text) and ch.top < cbottom]
        if cbottom - max(min(ch.bottom, cbottom) for ch in own + hanging) > 0.6 * size:
            continue  # room left in the cell: its text ended there
        pitch = baselines[-1] - baselines[-2] if len(baselines) >= 2 else 1.3 * size
        lo, hi = bisect.bisect_left(ys, bottom), bisect.bisect_right(ys, bottom + 1.2 * pitch + 0.5 * size)
        band = [ch for _, ch in placed[lo:hi] if ch.text.strip()]
        if not band or abs(min(ch.baseline for ch in band) - (baselines[-1] + pitch)) > 0.25 * pitch:
            continue
        # the line at the cell's next baseline (the text after the table may follow closer)
        band = [ch for ch in band if abs(ch.baseline - (baselines[-1] + pitch)) <= 0.25 * pitch]
        if any(not (cx0 <= ch.x0 and ch.x1 <= cx1) for ch in band):
            continue
        grown = min(max(ch.bottom for ch in band) + 1.0, _next_centre(placed, ys, band, cells) - 1.5)
        if grown > max((ch.top + ch.bottom) / 2 for ch in band):  # (else the two lines cannot be told apart)
            out[k] = (cx0, ctop, cx1, grown)
    return out


def _with_unruled_cells(cells: list[Box], placed: list[tuple[tuple[float, float], Char]], ys: list[float]) -> list[Box]:
    """`cells` with a cell for text of the table that no cell holds, where a rule is missing.

    A layout engine may leave out one side of a cell (MuPDF draws no top rule over the first
    level's header under a merged `ค่าเป้าหมาย`): no four rules meet around its text, no cell is
    found, and the text would be lost. Such text lies between cells on all four sides; the
    space between them is its cell, as tall as a neighbour ending at the same foot when the
    text lies within that neighbour's height (the row the cell belongs to)."""
    x0, top = min(c[0] for c in cells), min(c[1] for c in cells)
    x1, bottom = max(c[2] for c in cells), max(c[3] for c in cells)
    lo, hi = bisect.bisect_left(ys, top), bisect.bisect_right(ys, bottom)

    def held(boxes: list[Box], x: float, y: float) -> bool:
        return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    loose = [(x, y) for (x, y), ch in placed[lo:hi] if x0 < x < x1 and ch.text.strip() and not held(cells, x, y)]
    out = list(cells)
    for x, y in loose:
        if held(out, x, y):
            continue  # in a cell found for an earlier glyph
        left = max((b[2] for b in out if b[2] <= x and b[1] < y < b[3]), default=None)
        right = min((b[0] for b in out if b[0] >= x and b[1] < y < b[3]), default=None)
        if left is None or right is None or right - left < 2 * SNAP:
            continue
        above = max((b[3] for b in out if b[3] <= y and b[0] < right - SNAP and b[2] > left + SNAP), default=None)
        below = min((b[1] for b in out if b[1] >= y and b[0] < right - SNAP and b[2] > left + SNAP), default=None)
        if above is None or below is None or below - above < 2 * SNAP:
            continue
        mine = [(u, v) for u, v in loose if left <= u <= right and above <= v <= below]
        beside = [b[1] for b in out if abs(b[3] - below) <= SNAP and (abs(b[2] - left) <= SNAP or abs(b[0] - right) <= SNAP)]
        row_top = max((t for t in beside if above < t < min(v for _, v in mine)), default=above)
        box = (left, row_top, right, below)
        if any(b[0] < box[2] - SNAP and b[2] > box[0] + SNAP and b[1] < box[3] - SNAP and b[3] > box[1] + SNAP for b in out):
            continue
        out.append(box)
    return out


def _next_centre(placed: list[tuple[tuple[float, float], Char]], ys: list[float], band: list[Char], cells: list[Box]) -> float:
    """The highest centre, under the table, of a glyph below an overflowing line `band` (a tone
    mark of the next line stands high above its baseline): the grown cell must stop short of it,
    or the glyph is taken for the table's and lost between its cells."""
    x0, x1 = min(c[0] for c in cells), max(c[2] for c in cells)
    line = max(ch.baseline for ch in band)
    mine = {id(ch) for ch in band}
    lo = bisect.bisect_left(ys, min(ch.top for ch in band))
    hi = bisect.bisect_right(ys, max(ch.bottom for ch in band) + 3.0)
    return min(
        (y for (x, y), ch in placed[lo:hi] if id(ch) not in mine and x0 <= x <= x1 and ch.baseline > line + 0.5),
        default=float("inf"),
    )


def _rows(
    cells: list[Box], placed: list[tuple[tuple[float, float], Char]], page: int, spaces: dict[str, float]
) -> list[list[Cell]]:
    """The table's cells by row, each with its lines; `placed` are the table's glyphs with their
    centres, sorted by vertical centre."""
    tops = sorted({round(c[1], 1) for c in cells})
    merged_tops: list[float] = []
    for t in tops:
        if not merged_tops or t - merged_tops[-1] > SNAP:
            merged_tops.append(t)
    ys = [p[0][1] for p in placed]
    glyphs: list[list[Char]] = []
    for box in cells:
        lo, hi = bisect.bisect_left(ys, box[1]), bisect.bisect_right(ys, box[3])
        glyphs.append([ch for (x, _), ch in placed[lo:hi] if box[0] <= x <= box[2]])
    _give_back_overflow(cells, glyphs)
    rows: dict[int, list[Cell]] = {}
    for box, mine in zip(cells, glyphs, strict=True):
        k = min(range(len(merged_tops)), key=lambda i: abs(merged_tops[i] - box[1]))
        lines = build_lines(mine, spaces)
        rows.setdefault(k, []).append(Cell(box, page, lines, join_cell_lines(lines, box)))
    return [sorted(rows[k], key=lambda c: c.x0) for k in sorted(rows)]


def _give_back_overflow(cells: list[Box], glyphs: list[list[Char]]) -> None:
    """Move the text a cell's row was too short for back to that cell, from the cell below it.

    LibreOffice Calc draws the wrapped text of a row too short for it on past the row's bottom
    rule, into the cell below: over that cell's first line, or crowding it from above (the two
    lines less than a line apart). A line at the top of a cell is the cell above's when it is
    one of such a crowd, stands where the cell above's next line would (its pitch on), and was
    drawn with it: the glyph just before it in the content stream is the cell above's (the
    cell's own first line follows its row's other text, or the overflow). The cell above
    keeps its box; its lines then reach under it, as written.
    """
    owner: dict[int, int] = {}
    for k, mine in enumerate(glyphs):
        for ch in mine:
            owner[id(ch)] = k
    stream: list[Char] = []
    starts: list[int] = []
    for k, box in enumerate(cells):
        levels = _levels(glyphs[k])
        if len(levels) < 2:
            continue
        xs = [ch.xc for ch in glyphs[k]]
        x = (min(xs) + max(xs)) / 2
        above = next((j for j, b in enumerate(cells) if abs(b[3] - box[1]) <= SNAP and b[0] <= x <= b[2]), None)
        if above is None:
            continue
        theirs = _levels(glyphs[above])
        size = max(ch.size for ch in glyphs[k])
        pitch = _pitch(theirs, size) or _pitch(levels, size)  # (a cell above with one line: this one's)
        if not theirs or pitch is None:
            continue
        expected = theirs[-1] + pitch
        if not stream:
            stream = sorted((ch for g in glyphs for ch in g if ch.text.strip()), key=lambda c: c.index)
            starts = [ch.index for ch in stream]
        while len(levels) >= 2:
            crowd = [y for y in levels if y - levels[0] < 0.6 * pitch]
            if len(crowd) < 2:
                break
            pick = next((y for y in crowd if abs(y - expected) <= 0.25 * pitch
                         and _drawn_after(glyphs[k], y, stream, starts, owner, above)), None)
            if pick is None:
                break
            line = [ch for ch in glyphs[k] if abs(ch.baseline - pick) <= STRATUM_PT]
            moved = {id(ch) for ch in line}
            glyphs[k] = [ch for ch in glyphs[k] if id(ch) not in moved]
            glyphs[above] = glyphs[above] + line
            for ch in line:
                owner[id(ch)] = above
            levels.remove(pick)
            expected = pick + pitch


def _pitch(levels: list[float], size: float) -> float | None:
    """The line pitch of a cell's `levels`: the nearest two lines that are not one crowd (lines
    drawn over or into each other stand under half a line apart; a line's pitch is at least
    its font `size`)."""
    gaps = [b - a for a, b in zip(levels, levels[1:], strict=False)]
    widest = max(gaps, default=0.0)
    apart = [g for g in gaps if g > 0.6 * widest and g >= size]
    return min(apart) if apart else None


def _levels(chars: list[Char]) -> list[float]:
    """The exact baselines of `chars`' letters (not marks), top to bottom: one per line drawn."""
    out: list[float] = []
    for y in sorted(ch.baseline for ch in chars if ch.text.strip() and not is_mark(ch.text) and not ch.turn):
        if not out or y - out[-1] > STRATUM_PT:
            out.append(y)
    return out


def _drawn_after(
    chars: list[Char], level: float, stream: list[Char], starts: list[int], owner: dict[int, int], cell: int
) -> bool:
    """Was the line of `chars` at baseline `level` drawn right after a glyph of `cell`?"""
    first = min((ch.index for ch in chars if abs(ch.baseline - level) <= STRATUM_PT and ch.text.strip()), default=None)
    if first is None:
        return False
    at = bisect.bisect_left(starts, first)
    return at > 0 and owner.get(id(stream[at - 1])) == cell
