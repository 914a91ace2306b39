"""Tables that continue over page breaks: which pieces on the following pages are the rest of one.

A table cut by a page break may repeat its header or not, and its next piece may open with a
category row or a KPI whose number stands in its own column. A piece continues the table when
its rows say what they are (a numbered KPI, a total) or when it has the outline and the columns
of an earlier piece.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parsers.pdf.lines import Line
from parsers.pdf.tables import Cell, Table
from parsers.pdf.wrapping import join_cell_lines
from parsers.sections import labels
from parsers.sections.doctext import join_thai, named_like_category, squash
from parsers.sections.framework import kpi_row_label
from parsers.thai.chars import is_mark
from parsers.thai.numbers import first_number


def continuations(
    all_tables: list[Table], start: Table, accept: set[int], tol: float = 2.0, opening: set[int] | None = None
) -> list[Table]:
    """`start` plus the tables on following pages that continue it (header repeated or not);
    `accept` holds the ids of tables already known to be of the same kind, `opening` those that
    open their page (nothing above them but a running header)."""
    opening = opening or set()
    chain = [start]
    ids = [id(t) for t in all_tables]
    k = ids.index(id(start))
    for t in all_tables[k + 1 :]:
        if t.page - chain[-1].page > 1:
            break
        # the rest of the table on the next page: rows that say what they are, or the outline and
        # columns of a piece before (the last one's may be cut short by a cell lost at its page break)
        next_page = t.page == chain[-1].page + 1
        redrawn = None
        if next_page and id(t) in opening and not any(same_grid(c, t, tol) for c in chain):
            redrawn = next((c for c in chain if redrawn_grid(c, t, tol)), None)
            if redrawn is None and (looks_like_rows(t) or rows_under_a_heading(t)):
                # a new table with widths of its own (a writer who starts one per page), its
                # rows the same kinds as before: column for column the first piece's
                redrawn = next((c for c in chain if same_outline_and_count(c, t, tol)), None)
        follows = next_page and (looks_like_rows(t) or any(same_grid(c, t, tol) for c in chain) or redrawn is not None)
        if id(t) in accept or follows:
            if t.page == chain[-1].page and id(t) not in accept:
                break
            chain.append(regrid(t, redrawn) if redrawn is not None else t)
        else:
            break
    return rejoin_cut_rows([chain[0]] + [unspill(chain[0], t) for t in chain[1:]])


def rejoin_cut_rows(pieces: list[Table]) -> list[Table]:
    """`pieces` with each row a page break cut in two made whole again on the earlier page.

    A word processor lets a row break across pages (Word's default): the lines that did not fit
    go on in the same cells on the next page, under the repeated header if there is one. Such a
    rest starts nothing of its own (no KPI number, no category heading, no total), stands only
    under cells of the cut row that hold text, and leaves some of them (the weight, a number)
    with nothing more to say."""
    out = list(pieces)
    for i in range(1, len(out)):
        before, piece = out[i - 1], out[i]
        start = _repeated_header_rows(out[0], piece)
        # (the first piece's rows past the header its followers repeat)
        if start >= len(piece.rows) or len(before.rows) <= (start if i == 1 else 0):
            continue
        merged = _rejoined(before.rows[-1], piece.rows[start], out[0].rows[:MAX_HEADER_ROWS])
        if merged is None:
            continue
        out[i - 1] = Table(before.page, before.bbox, [*before.rows[:-1], merged])
        out[i] = Table(piece.page, piece.bbox, [*piece.rows[:start], *piece.rows[start + 1 :]])
    return out


def _repeated_header_rows(first: Table, piece: Table) -> int:
    """How many rows at the top of `piece` repeat the first piece's first rows, word for word
    (a header the writer repeats on every page)."""
    n = 0
    for mine, theirs in zip(piece.rows, first.rows[:MAX_HEADER_ROWS], strict=False):
        if not _same_row(mine, theirs):
            break
        n += 1
    return n


def _same_row(a: list[Cell], b: list[Cell]) -> bool:
    """The same cells, each's text the other's or cut short of it (a repeated header loses the
    end of a word to the row below: `ค่าน้ำหนั`)."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        p, q = squash(x.text), squash(y.text)
        if not (p.startswith(q) or q.startswith(p)) or bool(p) != bool(q):
            return False
    return True


#: a repeated header is at most this many rows
MAX_HEADER_ROWS = 4


def _starts_a_row(text: str) -> bool:
    """Does a row's first text begin a row of its own: numbered (`๒.`, `ตัวชี้วัดที่ ๓`), named like
    a category, or a total?"""
    if _DECIMAL.fullmatch(text):
        return False  # a decimal alone (`๔.๐` of `ระบบราชการ ๔.๐`) names no row: a name's rest
    number, _ = kpi_row_label([text])
    s = squash(text)
    return number is not None or named_like_category(text) or s.startswith(labels.TOTAL) or bool(_NUMBERED.match(text))


def _cut_label(cut: list[Cell], said: list[Cell]) -> bool:
    """Is `said`'s first text the rest of a KPI label the break cut inside its word (`ตัวชี้` /
    `วัดที่ 2 ร้อยละ…`): the cell above names no KPI, and with the rest it does?"""
    k = _under(said[0], cut)
    if k is None or not cut[k].text.strip():
        return False
    above = cut[k].text
    whole = join_thai([above, said[0].text])
    return kpi_row_label([above])[0] is None and kpi_row_label([whole])[0] is not None and len(squash(above)) <= 12


def _end_of_category_name(cut: list[Cell], said: list[Cell]) -> bool:
    """Is `said` (a row's only text) a category word alone (`ยุทธศาสตร์`) under a category's name
    the break cut after its last word but one (`ด้านที่ ๔ ประสิทธิผลตาม`)?"""
    if len(said) != 1 or squash(said[0].text) not in _BARE_CATEGORY_WORDS:
        return False
    k = _under(said[0], cut)
    return k is not None and named_like_category(cut[k].text)


_BARE_CATEGORY_WORDS = frozenset(squash(w) for w in labels.CATEGORY_WORDS)


#: a cell holding a number and nothing else (a weight: `๐.๖๐`, `30`, `ร้อยละ 25`, `15%`)
_ONLY_A_NUMBER = re.compile(r"\s*(?:ร้อยละ\s*)?[0-9\u0e50-\u0e59][0-9\u0e50-\u0e59,]*(?:\.[0-9\u0e50-\u0e59]+)?\s*%?\s*")
#: a row number with nothing after it (`๗.`, `2.1`): the row's name went on to the next page
_BARE_NUMBER = re.compile(r"^\s*[0-9\u0e50-\u0e59]+(?:\.[0-9\u0e50-\u0e59]+)*\.?\s*$")
#: a decimal and nothing else (`๔.๐`, `4.0`)
_DECIMAL = re.compile(r"\s*[0-9\u0e50-\u0e59]+\.[0-9\u0e50-\u0e59]+\s*")
#: a text opening with a number and a full stop (`๒.`, `3.`): an item of its own
_NUMBERED = re.compile(r"^\s*[0-9\u0e50-\u0e59]+\s*\.")


def _rejoined(cut: list[Cell], rest: list[Cell], header: list[list[Cell]]) -> list[Cell] | None:
    """`cut` with `rest`'s text carried on in the cells above it, when `rest` is its other part
    (`header`: the table's first rows, which `rest` must not be one of)."""
    said = [c for c in rest if c.text.strip()]
    if not said or any(_same_row(rest, row) for row in header):
        return None
    if _complementary(cut, rest):
        return _merged(cut, rest)
    if _end_of_category_name(cut, said):
        return _merged(cut, rest)
    if _cut_label(cut, said):
        return _merged(cut, rest)
    if _starts_a_row(said[0].text) or is_kpi_row([c.text for c in rest]):
        return None
    above: set[int] = set()
    completes = False  # a number under a cell that wants one (`ร้อยละ` / `30`)
    for c in said:
        k = _under(c, cut)
        if k is None or not cut[k].text.strip():
            return None  # text under an empty cell (or none): a row of its own
        if _ONLY_A_NUMBER.fullmatch(c.text):
            if first_number(cut[k].text) is not None and (_ONLY_A_NUMBER.fullmatch(cut[k].text) or not _DECIMAL.fullmatch(c.text)):
                return None  # a number under a cell that has its number (a weight): a row of its own
            completes = True
        above.add(k)
    opened = [d.text for d in cut if d.text.strip()]
    if not any(d.text.strip() for j, d in enumerate(cut) if j not in above) and not (
        completes or (opened and _BARE_NUMBER.match(opened[0]))
    ):
        return None  # every cell of the row goes on, and it has a name: nothing says it was cut
    return _merged(cut, rest)


def _under(c: Cell, row: list[Cell]) -> int | None:
    """The position in `row` of the cell standing over `c`'s middle."""
    return next((j for j, d in enumerate(row) if d.x0 - 2 <= (c.x0 + c.x1) / 2 <= d.x1 + 2), None)


def _complementary(cut: list[Cell], rest: list[Cell]) -> bool:
    """Does `rest` hold text only where `cut` is empty, all of it left of `cut`'s, which is over
    empty cells? WeasyPrint moves a cell whose first line did not fit (the KPI's name) whole to
    the next page, its row's other cells staying: two halves of one row, neither with all of it."""
    said = [c for c in rest if c.text.strip()]
    full = [d for d in cut if d.text.strip()]
    if not said or not full or max(c.x1 for c in said) > min(d.x0 for d in full) + 2:
        return False
    for c in said:
        k = _under(c, cut)
        if k is None or cut[k].text.strip():
            return False
    return all((k := _under(d, rest)) is None or not rest[k].text.strip() for d in full)


def _merged(cut: list[Cell], rest: list[Cell]) -> list[Cell]:
    """`cut`, each cell's text carried on by what of `rest` stands under it."""
    above: dict[int, list[Cell]] = {}
    for c in rest:
        k = _under(c, cut)
        if k is not None and c.text.strip():
            above.setdefault(k, []).append(c)
    merged = []
    for j, d in enumerate(cut):
        more = above.get(j, [])
        if not more:
            merged.append(d)
            continue
        lines = [*d.lines, *(ln for c in more for ln in c.lines)]
        merged.append(replace(d, lines=lines, text=join_thai([d.text, *(c.text for c in more)])))
    return merged


def unspill(first: Table, piece: Table) -> Table:
    """`piece` without the words its repeated header lost into the row below.

    A word processor repeats a table's header on each page at one row height; where the header
    needs more lines there (a narrower column, a taller font), its last lines are drawn over the
    first row under it: `ค่าน้ำ` stays in the header and `หนั` lands in the weight cell of the
    first KPI (`หนั ๑๐`), `การ` of `ประเด็นการประเมิน` becomes a row of its own in the category
    column. A line at the top of a cell below a repeated header cell, whose text carries on that
    cell's text towards the first piece's header cell of the same column, is that spill."""
    if not piece.rows or not first.rows:
        return piece
    heads = [c for row in first.rows[:3] for c in row if c.text.strip()]
    rows = [list(row) for row in piece.rows]
    for r, row in enumerate(rows[:3]):
        for c in row:
            part = squash(c.text)
            full = next((h for h in heads if h.x0 - 2 <= (c.x0 + c.x1) / 2 <= h.x1 + 2 and squash(h.text).startswith(part)), None)
            if not part or full is None or squash(full.text) == part:
                continue
            missing = squash(full.text)[len(part) :]
            for below in rows[r + 1 : r + 3]:
                k = _under(c, below)
                if k is None or not below[k].lines:
                    continue
                cell = below[k]
                top = min(cell.lines, key=lambda ln: ln.top)
                kept = _without_spill(top, missing)
                if kept is not top:
                    rest = [ln for ln in cell.lines if ln is not top] + ([kept] if kept is not None else [])
                    below[k] = replace(cell, lines=rest, text=join_cell_lines(rest, cell.bbox))
                    break
    return Table(piece.page, piece.bbox, rows)


def _without_spill(line: Line, missing: str) -> Line | None:
    """`line` less the start of `missing` it opens with: all of it (None) when the whole line is
    the spill, else the rest, when the spilled letters sit on a baseline above the rest's (the
    line builder merged the header's last line with the cell's first); `line` itself otherwise."""
    text = line.text
    cut = 0
    for k in range(1, len(text) + 1):
        head = squash(text[:k])
        if head and not missing.startswith(head):
            break
        if k == len(text) or not is_mark(text[k]):
            # (a single letter only when it is the whole line and all that is missing: `น`)
            cut = k if len(head) >= 2 or (k == len(text) and head == missing) else cut
    if cut == 0:
        return line
    if cut == len(text):
        return None
    while cut < len(text) and text[cut] == " ":
        cut += 1
    spill_bottom = max(line.boxes[i][3] for i in range(cut) if not is_mark(text[i]))
    rest_bottom = max(line.boxes[i][3] for i in range(cut, len(text)) if not is_mark(text[i]))
    if spill_bottom > rest_bottom - 0.25 * line.size:
        return line  # one baseline: the cell's own words
    return Line(text[cut:], line.boxes[cut:], line.page, line.size, line.trailing_space)


def looks_like_rows(t: Table) -> bool:
    """The table opens with a numbered KPI row or a total row, not a header."""
    first = [c.text for c in t.rows[0]] if t.rows else []
    return is_kpi_row(first) or squash(" ".join(first)).startswith(labels.TOTAL)


def is_kpi_row(texts: list[str]) -> bool:
    """Do a row's cells read as a numbered KPI: a number, and a name with a letter in it? A row of
    numbers only is a header of level numbers (`๑ | ๒ | ๓ | ๔ | ๕` atop a KPI template's
    criteria), which `row_label` reads as row 1 named `๒ ๓ ๔ ๕`."""
    number, name = kpi_row_label(texts)
    return number is not None and any(ch.isalpha() for ch in name)


def rows_under_a_heading(t: Table) -> bool:
    """The table opens with a category heading (one cell with text, or a row named like a
    category) and a numbered KPI row follows it: the rest of a targets or weights table."""
    for row in t.rows[:3]:
        texts = [c.text for c in row if c.text.strip()]
        if is_kpi_row(texts):
            return row is not t.rows[0]
        if not (len(texts) == 1 or (texts and named_like_category(texts[0])) or _label_and_weight(texts)):
            return False
    return False


def _label_and_weight(texts: list[str]) -> bool:
    """A category row with its weight: a name, then nothing but a number (`ประสิทธิผล… | ๔๐`)."""
    return len(texts) == 2 and first_number(texts[1]) is not None and first_number(texts[0]) is None


def same_outline_and_count(a: Table, b: Table, tol: float = 2.0) -> bool:
    """`b` has `a`'s outline and as many columns, wherever their rules stand."""
    return (
        abs(a.bbox[0] - b.bbox[0]) <= tol
        and abs(a.bbox[2] - b.bbox[2]) <= tol
        and len(a.columns) >= 3
        and len(a.columns) == len(b.columns)
    )


def same_grid(a: Table, b: Table, tol: float = 2.0) -> bool:
    """`b` has the outline and the columns of `a`: the rest of `a` after a page break, whatever
    its first row says (a category row, a KPI whose number is in its own column)."""
    if abs(a.bbox[0] - b.bbox[0]) > tol or abs(a.bbox[2] - b.bbox[2]) > tol:
        return False
    cols_a, cols_b = a.columns, b.columns
    if len(cols_a) < 3 or len(cols_b) < 2:
        return False
    return all(any(abs(x - y) <= tol for y in cols_a) for x in cols_b)


#: share of a table's width a column rule may move when a word processor lays the rest of a table
#: out again on the next page (LibreOffice sizes auto-width columns per page)
COLUMN_DRIFT = 0.04


def redrawn_grid(a: Table, b: Table, tol: float = 2.0) -> bool:
    """`b` has `a`'s outline and as many columns, each rule within a few percent of the width:
    the rest of `a` laid out again on the next page. Only asked of a table that opens its page."""
    if abs(a.bbox[0] - b.bbox[0]) > tol or abs(a.bbox[2] - b.bbox[2]) > tol:
        return False
    cols_a, cols_b = sorted(a.columns), sorted(b.columns)
    if len(cols_a) < 3 or len(cols_a) != len(cols_b):
        return False
    drift = max(tol, COLUMN_DRIFT * (a.bbox[2] - a.bbox[0]))
    return all(abs(x - y) <= drift for x, y in zip(cols_a, cols_b, strict=True))


def regrid(b: Table, a: Table) -> Table:
    """`b` with its cells' left and right edges moved onto `a`'s column rules, rule for rule, so
    that the parsers find each cell under the column the first piece's header named."""
    rules_a = sorted(a.columns) + [a.bbox[2]]
    rules_b = sorted(b.columns) + [b.bbox[2]]

    def snap(x: float) -> float:
        k = min(range(len(rules_b)), key=lambda i: abs(rules_b[i] - x))
        return rules_a[k]

    rows = [
        [replace(c, bbox=(snap(c.bbox[0]), c.bbox[1], snap(c.bbox[2]), c.bbox[3])) for c in row] for row in b.rows
    ]
    return Table(b.page, (a.bbox[0], b.bbox[1], a.bbox[2], b.bbox[3]), rows)


def same_span(a: Cell, b: Cell) -> bool:
    """`a` and `b` stand in the same column: their sides within a rule's slack of each other."""
    return abs(a.x0 - b.x0) <= 3 and abs(a.x1 - b.x1) <= 3


def header_rest(head: list[list[Cell]], rows: list[list[Cell]]) -> list[list[Cell]]:
    """The `head` rows and the `rows` after them (the piece after a cut header), with the rest of
    the header's cut cells joined to them: a cell of the first row standing exactly under a
    header cell (`(๕๐ คะแนน)` under `ขั้นต้น`, `น้ำหนัก` under `ค่า`) is that cell's rest; cells
    under no such cell (the levels under one wide `เกณฑ์การประเมิน`) stay a row of their own."""
    if not rows or (all(c.text.strip() for c in rows[0]) and not closes_open_cells(head, rows[0])):
        return [*head, *rows]  # (a row with something in every cell is a row of its own)
    cells = {id(h): h for row in head for h in row}
    kept: list[Cell] = []
    for c in rows[0]:
        above = [h for row in head for h in row if same_span(h, c)]
        if c.text.strip() and above:
            h = cells[id(above[-1])]  # (the lowest header row's)
            cells[id(above[-1])] = replace(h, text=join_thai([h.text, c.text]), lines=[*h.lines, *c.lines])
        else:
            kept.append(c)
    top = [[cells[id(h)] for h in row] for row in head]
    return [*top, *([kept] if any(c.text.strip() for c in kept) else []), *rows[1:]]


def closes_open_cells(head: list[list[Cell]], row: list[Cell]) -> bool:
    """Is `row` the rest of a header a page break cut in its line: every text cell of it standing
    exactly under a cell of `head`, and either each such header cell left open, its bracket
    unclosed (`ขั้นต้น (50` over `คะแนน)`), or the row one short word repeated in every column
    (`1 | 2 | 3 | 4 | 5` over `คะแนน` five times: a row of values says something else per level)?"""
    said = [c for c in row if c.text.strip()]
    if not said:
        return False
    over = [[h for r in head for h in r if same_span(h, c)] for c in said]
    if not all(over):
        return False
    if all(any(h.text.count("(") > h.text.count(")") for h in hs) for hs in over):
        return True
    words = {squash(c.text) for c in said}
    word = words.pop() if len(words) == 1 else ""
    # (a word: `คะแนน`, `ระดับ`; never a dash, the value of every year a new KPI has none for)
    return len(said) >= 3 and 0 < len(word) <= 12 and bool(re.search("[\u0e01-\u0e2e]", word)) and not any(ch.isdigit() for ch in word)


def header_only(table: Table) -> bool:
    """No cell of `table` is only a number (a KPI's, a weight, a year's value) but a year (a year
    table's header names its years): what it holds, if anything, is (part of) a header."""
    return not any(
        _ONLY_A_NUMBER.fullmatch(c.text) and not _BE_YEAR.fullmatch(c.text) for row in table.rows for c in row if c.text.strip()
    )


def holds_a_number(row: list[Cell]) -> bool:
    """Is some cell of `row` only a number (a year too): a row of values, not a header's?"""
    return any(_ONLY_A_NUMBER.fullmatch(c.text) for c in row if c.text.strip())


#: a Buddhist-Era year alone (`2565`, `๒๕๖๕`)
_BE_YEAR = re.compile(r"\s*(?:25|๒๕)[0-9\u0e50-\u0e59]{2}\s*")
