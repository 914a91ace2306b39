"""A template's rounds (รอบ 6 / 9 / 12 เดือน): each round's goal and its numbered steps.

Rounds come as rows of a table, each headed by the round's name (`… รอบ 6 เดือน`, or a number and
dates: `รอบการประเมินที่ 1 (1 ตุลาคม 2566 – 31 มีนาคม 2567)`), the goal then `ขั้นตอนการดำเนินงาน`
and the steps in one cell or in goal and steps columns, a row or a round's name maybe cut in two
by a page break; or as paragraphs: the round's name on a line, then `เป้าหมาย: …` and `(1) …`
steps. Which round a name means is read from its months, else from the date it ends on. Split
from `template` (which reads the rest of a template and keeps the `RoundInfo`s read here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.errors import ValueParseError
from parsers.pdf.lines import Boxes, Line
from parsers.pdf.tables import Cell, Table
from parsers.pdf.wrapping import join_wrapped
from parsers.sections import labels
from parsers.sections.doctext import squash
from parsers.sections.layout import LABEL_LINE, continues, line_pitch, retext, usual_pitch, wraps_onto
from parsers.thai.dates import day_months, find_thai_dates
from parsers.thai.numbers import thai_to_arabic_digits

_ROUND = re.compile(r"(?:รอบ\s*([0-9๐-๙]{1,2}))|(?:([0-9๐-๙]{1,2})\s*เดื?อน)")  # also on squashed text
_STEP = re.compile(r"^\s*(?:ขั้นตอนที่\s*)?\(?\s*([0-9๐-๙]{1,2})\s*[).](?![0-9๐-๙])\s*(.*)$")
_STEPS_LABEL = labels.STEPS


@dataclass
class RoundInfo:
    month: int
    goal: str | None
    steps: list[str]


def _round_header(row: list[Cell]) -> tuple[float, float] | None:
    """The steps column of a rounds table whose first row names its columns
    (`รอบการประเมิน | เป้าหมายการดำเนินงาน | ขั้นตอนการดำเนินงาน`), or None for other rows."""
    if len(row) < 3 or any(len(squash(c.text)) > 40 for c in row[1:]) or _ROUND.search(thai_to_arabic_digits(squash(row[0].text))):
        return None
    for c in row[1:]:
        if squash(c.text).startswith(squash(labels.ROUND_STEPS_LABELS[0])):
            return c.x0, c.x1
    return None


def round_rows(table: Table, bodies: dict[int, list[Line]],
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
        if squash("เดือน") in head or labels.ROUND in head:
            m = _ROUND.search(thai_to_arabic_digits(head))
            if m and int(m.group(1) or m.group(2)) in (6, 9, 12):
                month = int(m.group(1) or m.group(2))
            elif labels.ROUND in head:
                month = round_month_from_dates(row[0].text)
        cut = fresh and bool(open_round) and bool(last_head) and last_head[0].count("(") > last_head[0].count(")")
        # or cut after its ordinal word, its number and dates overleaf (`รอบการประเมินที่` / `2 (…)`)
        cut = cut or bool(
            fresh and open_round and last_head and labels.ROUND in squash(last_head[0])
            and not re.search(r"[0-9๐-๙]", last_head[0]) and re.match(r"\s*[0-9๐-๙]", row[0].text)
        )
        # the closing end of a round's name whose start the table lost (`2566 – 31 มีนาคม 2567)`)
        tail = fresh and not cut and row[0].text.count(")") > row[0].text.count("(")
        # the rest of a round's name the page break cut after its number (`รอบ 6` / `เดือน`)
        rest = bool(
            fresh and not cut and month is None and open_round and last_head
            and squash("เดือน") in head and len(head) <= 40 and _ROUND.search(thai_to_arabic_digits(squash(last_head[0])))
        )
        fresh = False
        if rest:
            month = open_round[0]
            last_head[:] = [f"{last_head[0]} {row[0].text}"]
        elif cut and month is None and head:
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
        if month is None and head and labels.ROUND in head and (_closed_name(row[0].text) or _MONTHS_MISREAD.search(row[0].text)):
            # a whole round's name whose end month OCR could not read (`30 UNUIGU 2569`), or
            # whose months it misread (`รอบ 5 เดือน`, `รอบ ฒเดือน`): its place among the rounds
            # tells it (`unknown_rounds_placed`)
            month = UNREAD - len(bodies)
            open_round[:] = [month]
        if month is None:
            if head and (labels.ROUND in head or squash("เป้าหมายการดำเนินงาน") in head or cut_name):
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


#: bodies keyed below this are rounds whose name was read whole but whose months were not
UNREAD = -100
#: a round's months said with a number OCR misread (`รอบ 5 เดือน`, `รอบ ฒเดือน`, `รอบ b เดือน`):
#: the name is whole (the month word follows), only its number is wrong
_MONTHS_MISREAD = re.compile(r"รอบ\s*\S{1,3}\s*เดือน")


def _closed_name(text: str) -> bool:
    """A round's name with its dates in brackets, opened and closed (no page break cut it)."""
    return text.count("(") == text.count(")") >= 1 and bool(re.search(r"[0-9๐-๙]", text))


def unknown_rounds_placed(bodies: dict[int, list[Line]]) -> dict[int, list[Line]]:
    """`bodies` with each round whose months were unread (keyed below `UNREAD`) given the months
    its place calls for: rounds run 6, 9, 12 down the table, so a round between the 6- and the
    12-month ones is the 9-month one, and two unread rounds before the 12-month one are the 6- and
    the 9-month ones. Left out when their place allows other months than there are rounds."""
    order = list(bodies)
    known = {m for m in order if m > 0}
    placed: dict[int, int] = {}
    k = 0
    while k < len(order):
        if order[k] > UNREAD:
            k += 1
            continue
        end = k
        while end < len(order) and order[end] <= UNREAD:
            end += 1
        before = max((m for m in order[:k] if m > 0), default=0)
        after = min((m for m in order[end:] if m > 0), default=13)
        fits = [m for m in (6, 9, 12) if before < m < after and m not in known]
        if len(fits) == end - k:
            placed.update(zip(order[k:end], fits, strict=True))
            known.update(fits)
        k = end
    out: dict[int, list[Line]] = {}
    for month in order:
        if month > UNREAD:
            out.setdefault(month, []).extend(bodies[month])
        elif month in placed:
            out.setdefault(placed[month], []).extend(bodies[month])
    return out


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
    ending in June → 9, in September → 12. None when the name has no date or another end month.
    A last date whose year cannot be read (a scan's `๓๑ มีนาคม webb)`) still gives its month."""
    try:
        found = [d.month for d in find_thai_dates(text)]
    except ValueParseError:
        found = []
    named = day_months(text)
    if len(named) > len(found):
        found = named  # a date lost its year: the months named are all there is
    if not found:
        return None
    month = (found[-1] - 10) % 12 + 1
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


def _steps_marker(text: str) -> bool:
    """A line that opens with the steps label (`ขั้นตอนการดำเนินงาน`), also with a letter a scan
    put inside it (`ขันตอนถการดำเนินงาน`)."""
    s = squash(text)
    head = len(_STEPS_HEAD)
    return s.startswith(_STEPS_HEAD) and any(s[head + k :].startswith(_STEPS_TAIL) for k in (0, 1))


_STEPS_HEAD = squash("ขั้นตอน")
_STEPS_TAIL = squash("การดำเนินงาน")


def round_body(month: int, lines: list[Line], right: float | None) -> RoundInfo:
    """Goal lines, then `ขั้นตอนการดำเนินงาน`, then numbered steps (wrapped lines continue a step).

    Goals may be numbered lists too (`1.`), so when the cell has the steps label everything
    before it is the goal; without the label only `1)`-style lines are steps. A numbered line
    whose number does not follow the last step's is the wrapped rest of that step (`… ใน` /
    `ขั้นตอนที่ 2) - 4)`).
    """
    lines = _join_steps_label([ln for ln in lines if _stated(ln.text)])  # `-`: nothing here
    marker = next((k for k, ln in enumerate(lines) if _steps_marker(ln.text)), None)
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
                steps.append([retext(ln, m.group(2) if m else rest)])
            continue
        m = _STEP.match(ln.text)
        is_step = m is not None and (marker is not None or ")" in ln.text[: m.end(1) + 2]) and _next_step(m, last_no)
        if is_step and m is not None:
            steps.append([retext(ln, m.group(2))])
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
    return retext(line, line.text[m.end() :]) if m else line


#: a round's name opening a line: `รอบ 6 เดือน`, `รอบการประเมินที่ 1`, `รอบที่ 2`, `ผลการดำเนินงานรอบ
#: 6 เดือน`, `๑. รอบ ๙ เดือน :` — at most a word or two before `รอบ`, then the round's number or
#: months; what follows (its dates in brackets, a colon, a goal) is group 3
_ROUND_HEAD = re.compile(
    r"^\s*(?:[0-9๐-๙]{1,2}\s*[.)]\s*)?[\u0e01-\u0e4e]{0,24}?รอบ\s*(?:[\u0e01-\u0e4e]{0,14}?ที\u0e48?)?\s*"
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


def text_rounds(lines: list[Line], right: float | None) -> list[RoundInfo]:
    """Rounds written as paragraphs: a line naming the round (`รอบ 6 เดือน (1 ตุลาคม … – 31 มีนาคม
    …)`, `รอบการประเมินที่ 1 (…)`), then its goal (`เป้าหมาย: …`, or an unlabelled line) and its
    numbered steps (`(1) …`, `1) …`, maybe under `ขั้นตอนการดำเนินงาน`), each wrapping onto the
    lines under it; or one line a round (`1. รอบ 6 เดือน สำนัก/กอง มีผลการเบิกจ่าย …`), its
    goal on the same line. A round runs to the next round's name or to a line that is none of
    these (a `เงื่อนไข : …` or `แหล่งข้อมูล : …` label, a sentence after a short line)."""
    out: list[RoundInfo] = []
    usual = usual_pitch(lines)
    k = 0
    while k < len(lines):
        head = round_head(lines[k].text)
        if head is None:
            k += 1
            continue
        month, rest = head
        first = retext(lines[k], rest) if rest else None
        goal, steps, k = _round_paragraph(lines, k + 1, first, right, usual)
        if month is not None and not any(r.month == month for r in out):
            out.append(RoundInfo(month, join_wrapped(goal, right) or None, [t for s in steps if (t := join_wrapped(s, right))]))
    return out


def _round_paragraph(
    lines: list[Line], k: int, first: Line | None, right: float | None, usual: float | None = None
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
        if round_head(ln.text) is not None or labels.KPI_HEADING_RE.match(ln.text):
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
            steps.append([retext(ln, m.group(2))])
            last_no = int(thai_to_arabic_digits(m.group(1)))
            current = steps[-1]
        elif current is not None and continues(prev, ln, start, right, line_pitch(before, prev, usual)):
            current.append(ln)
            before, prev = prev, ln
            k += 1
            continue
        elif current is None and not goal and not steps and not LABEL_LINE.match(ln.text) and wraps_onto(prev, ln, right):
            goal.append(ln)  # an unlabelled goal right under the round's name
            current = goal
        else:
            break
        start = ln.x0
        before, prev = prev, ln
        k += 1
    return goal, steps, k
