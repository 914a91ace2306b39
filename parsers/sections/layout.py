"""How a template's text sits on the page: where an item runs on, where a label starts anew.

A criterion, a year's value, a round's goal or one of its steps is written as a first line and
the lines it wrapped onto; what tells the wrapped rest from the next item is only the layout —
one line pitch down, indented as far, after a line too full to take the next word — and a
`label :` opening a line, which always starts something of its own. The history, criteria and
rounds readers (and the template's name) all decide by these same rules, so they live here once;
so does the cell of a table row that stands under a column.
"""

from __future__ import annotations

import re

from parsers.pdf.lines import Line
from parsers.pdf.tables import Cell
from parsers.pdf.wrapping import join_wrapped
from parsers.sections import labels

#: a line that starts with a label and a colon (`สถานะตัวชี้วัด : …`) is never the wrapped rest of
#: the line above, nor part of a KPI name
LABEL_LINE = re.compile(r"^\s*[^\s:：]{2,40}\s*[:：]")
#: a label is short (`ผลการดำเนินงานที่ผ่านมา (Baseline Data)`); a longer first cell is content
LABEL_MAX = 60


def retext(line: Line, text: str) -> Line:
    """`line` cut down to `text`, its tail (what follows a label, a number or a round's name),
    keeping the boxes of the characters left."""
    n = len(line.text) - len(text)
    return Line(text, line.boxes[max(0, n):], line.page, line.size, line.trailing_space)


#: a part's heading is a few words at most (`เป้าหมายการดำเนินงานรายรอบ`)
_HEADING_MAX = 40


def part_heading(text: str) -> bool:
    """A line that is only the heading of a template's part (one of its opening words, written
    as one word, Thai running a heading's words together, of a heading's length, or with a
    colon), or that opens with a round's name (`ผลการดำเนินงานรอบ 6 เดือน (…)`)."""
    s = text.strip().rstrip(":：").strip()
    if labels.ROUND_NAME_RE.match(s):
        return True
    return (
        0 < len(s) <= _HEADING_MAX
        and " " not in s
        and any(s.startswith(word) and len(s) > len(word) + 2 for word in labels.PART_HEADING_WORDS)
    )


def continues(prev: Line, ln: Line, start: float, right: float | None, pitch: float | None = None) -> bool:
    """Whether `ln` carries on an item whose first line starts at `start` and whose last line is
    `prev`: the wrapped rest, indented at least as far as the item — or, under a first line that
    was indented (a list item, a paragraph's first-line indent), back at the margin, but then only
    one line pitch down (`pitch`, the distance from the line before `prev` when known: a heading
    has space above it) and after a line that left too little room for `ln`'s first word, as a
    wrapped line does (a line at the margin after a short line starts something else)."""
    if ln.page == prev.page + 1:
        # at the top of the next page: only after a line that the page break found full
        # (no wider a word than on the page: a line at the margin that left more room than any
        # word takes, such as a heading under the last item, starts something of its own)
        fits = min(_first_word_width(ln), _WORD_MAX * ln.size) if ln.x0 < start - 0.3 * ln.size else 0.0
        return right is not None and not LABEL_LINE.match(ln.text) and right - prev.x1 < max(fits, 4 * ln.size)
    if not wraps_onto(prev, ln, right, pitch):
        return False
    if ln.x0 >= start - 0.3 * ln.size:
        return True
    gap = ln.baseline - prev.baseline
    if gap > (1.15 * pitch if pitch else 1.5 * ln.size):
        return False
    return right is not None and right - prev.x1 < min(_first_word_width(ln), _WORD_MAX * ln.size)


def line_pitch(before: Line | None, prev: Line, usual: float | None = None) -> float | None:
    """The distance between two lines that follow each other on one page (None when they do
    not), or the text's `usual` pitch when that is wider: two lines on either side of a
    spreadsheet's row boundary stand closer than the lines inside a cell, and the next wrapped
    line would look like something new."""
    if before is None or before.page != prev.page or prev.baseline <= before.baseline:
        return usual
    return max(prev.baseline - before.baseline, usual or 0.0)


def usual_pitch(lines: list[Line]) -> float | None:
    """The text's own line pitch: the median distance between lines that follow each other on
    one page, counting only distances of one to three font sizes (the space over a heading, a
    column's lines side by side are not a pitch)."""
    gaps = sorted(
        gap
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.size > 0 and 1.0 * a.size <= (gap := b.baseline - a.baseline) <= _PITCH_MAX * a.size
    )
    return gaps[len(gaps) // 2] if gaps else None


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


def wraps_onto(prev: Line, ln: Line, right: float | None, pitch: float | None = None) -> bool:
    """Whether `ln` is the wrapped rest of `prev`: the next line down (one pitch, or — when
    `prev` runs to the right edge, as a wrapped line does — up to the wider pitch of fonts with
    tall ascenders such as Garuda, or the text's own line `pitch` when known: Purisa's lines stand
    2.6 sizes apart when marks stacked over the first line raise its top), and no `label :` line
    of its own."""
    gap = ln.baseline - prev.baseline
    if gap <= 0 or LABEL_LINE.match(ln.text):
        return False
    if gap <= 1.5 * ln.size:
        return True
    full = right is not None and prev.x1 >= right - 4 * ln.size
    wide = min(1.15 * pitch, _PITCH_MAX * ln.size) if pitch else 0.0
    return full and gap <= max(2.5 * ln.size, wide)


#: the widest line pitch (in font sizes) a text's lines are taken to have
_PITCH_MAX = 3.0


def cell_under(row: list[Cell], x0: float, x1: float) -> Cell | None:
    """The cell of `row` that stands under the column from `x0` to `x1` (holds its middle)."""
    mid = (x0 + x1) / 2
    return next((c for c in row if c.x0 - 1 <= mid <= c.x1 + 1), None)


def reading_order(lines: list[Line]) -> list[Line]:
    """`lines` page by page, top to bottom, left to right (a cell's lines across a page break)."""
    return sorted(lines, key=lambda ln: (ln.page, ln.top, ln.x0))


def rejoined(upper: Cell, lower: Cell) -> Cell:
    """One cell of the two halves a page break cut a table row into: `upper` (at the foot of a
    page) then `lower` (at the top of the next), their lines joined as one cell's wrapped lines."""
    lines = [*reading_order(upper.lines), *reading_order(lower.lines)]
    text = join_wrapped(lines, upper.x1 - 2.0) if lines else f"{upper.text}\n{lower.text}"
    return Cell(upper.bbox, upper.page, lines, text)
