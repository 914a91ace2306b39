"""The cover's signature blocks: each party's bracketed name, position, role label and date.

The signature block repeats each name in brackets with the position (possibly wrapped), sometimes
the role, and the date under it, in two columns in either order or one block under the other (the
role then often on the signature line above the name: `ลงชื่อ ……… ผู้รับคำรับรอง`). Positions and
dates are read column by column using each glyph's box. The columns are found where the names and
the `ลงชื่อ` lines stand, never from the page's lines: a producer may write both columns on one
line, or each column's lines on baselines of their own (a name or a `ลงชื่อ` that wraps in its
narrow column shifts the rest of that column down a line). `parsers.sections.cover` matches the
blocks to the parties.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from parsers.errors import ValueParseError
from parsers.pdf.lines import Line
from parsers.sections import labels
from parsers.sections.doctext import fold, join_thai, slice_line, squash
from parsers.thai.dates import find_thai_dates, in_fiscal_year, yearless_dates

GRANTOR = labels.GRANTOR
MAKER = labels.MAKER
#: a person's title as a name in brackets opens with it (`นาย`, `นางสาว`, `ดร.`, …)
TITLE_RE = "(?:" + "|".join(re.escape(t) for t in labels.TITLES) + ")"
_TITLE_RE = TITLE_RE
_NAME_IN_BRACKETS = re.compile(r"\(\s*(" + _TITLE_RE + r"[^()]{2,60}?)\s*\)")
#: a bracketed name of two or three Thai words with no title read (on a line with a titled one)
_BRACKETED_WORDS = re.compile(r"\(\s*([\u0e01-\u0e4e.]{2,30}(?:\s+[\u0e01-\u0e4e.]{2,30}){1,2})\s*\)")


#: a page's number as a header or footer marks it (`- 2 -`, `หน้า 2`, `หน้า 2 จาก 9`); a bare number
#: is not one here, it may be the year of a date wrapped in its narrow column
_PAGE_MARK = re.compile(
    r"\s*[-–]\s*[0-9๐-๙]{1,4}\s*[-–]\s*|\s*(?:หน้า(?:ที่)?|page)\s*[0-9๐-๙]{1,4}(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]{1,4})?\s*",
    re.I,
)
_NAME_OPEN = re.compile(r"\(\s*(" + _TITLE_RE + r"[^()]{1,60}?)\s*$")
_NAME_CLOSE = re.compile(r"^\s*([^()]{0,40}?)\s*\)")
#: what may stand beside a signature's name on its line: the dotted signature line, `ลงชื่อ`,
#: a role label, and a scan's specks
_BESIDE_NAME = re.compile(r"[\s.…_]+|" + labels.SIGNED + "|" + GRANTOR + "|" + MAKER)
_DOTS = re.compile(r"[.…_]{3,}")
#: a signature line's own words, around the role label it may end with
_SIGNATURE_LINE = re.compile(r"[\s.…_:]+|" + labels.SIGNED)
ROLE_OF = {squash(GRANTOR): "grantor", squash(MAKER): "maker"}


@dataclass(frozen=True)
class _Name:
    """A signature's bracketed name and where it stands: the tops of its first and its last line
    (a long name wraps inside a narrow column: `(นางสาวศิริพร อินทร` / `สุวรรณ)`), and whether
    it stands alone on its line (see `_alone`)."""

    text: str
    x0: float
    x1: float
    top: float
    last_top: float
    alone: bool
    size: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def _alone(rest: str) -> bool:
    """Whether what a line holds beside its bracketed names is no more than a signature line's
    dots, `ลงชื่อ`, a role label or two stray characters (a scan's `4.` beside a name)."""
    return len(_BESIDE_NAME.sub("", rest)) <= 2


def _join_name(head: str, tail: str) -> str:
    """A name broken over two lines, as one: a name is a first name and a surname, one space
    between them, so when neither line holds that space the break was at it (`(นายอนุสรณ์` /
    `ชัยมงคล)`), and otherwise it broke inside a word (`(นางสาวศิริพร อินทร` / `สุวรรณ)`)."""
    return f"{head} {tail}" if " " not in head + tail and tail else head + tail


def _segment(ln: Line, start: int, end: int) -> str:
    """The part of `ln` around `start`…`end` that no gap wider than two word spaces cuts."""
    lo, hi = _segment_span(ln, start, end)
    return ln.text[lo:hi]


def _segment_span(ln: Line, start: int, end: int) -> tuple[int, int]:
    wide = 0.6 * ln.size
    inked = [k for k, ch in enumerate(ln.text) if not ch.isspace() and k < len(ln.boxes)]
    lo, hi = 0, len(ln.text)
    for a, b in zip(inked, inked[1:], strict=False):
        if ln.boxes[b][0] - ln.boxes[a][2] > wide:
            if b <= start:
                lo = b
            elif a >= end - 1 and hi == len(ln.text):
                hi = a + 1
    return lo, hi


def _wrapped_name(lines: list[Line], k: int) -> _Name | None:
    """The name opened in brackets at the end of line k and closed at the start of a line just
    under it that stands over the same place (or, the page broken between, at the top of the
    next page's lines: a cover read on with its overleaf)."""
    ln = lines[k]
    m = _NAME_OPEN.search(ln.text)
    if m is None or m.end() - 1 >= len(ln.boxes):
        return None
    x0, x1 = ln.boxes[m.start()][0], ln.boxes[m.end() - 1][2]
    overleaf = [o for o in lines if o.page == ln.page + 1]
    first = min((o.top for o in overleaf), default=None)
    for nxt in lines:
        below = ln.top < nxt.top <= ln.bottom + 1.5 * ln.size
        turned = nxt.page == ln.page + 1 and first is not None and nxt.top <= first + 0.5 * ln.size
        if not (below or turned) or nxt.x1 < x0 or nxt.x0 > x1:
            continue
        # the part of the line under the opening (the other column's text may share the line)
        under = next((j for j, b in enumerate(nxt.boxes[: len(nxt.text)]) if x0 - ln.size <= (b[0] + b[2]) / 2 <= x1), None)
        lo, hi = _segment_span(nxt, under, under + 1) if under is not None else (0, len(nxt.text))
        part = nxt.text[lo:hi]
        close = _NAME_CLOSE.match(part)
        if close:
            # what stands before the bracket in its own part of the line (not the other column's)
            rest = ln.text[_segment_span(ln, m.start(), m.start() + 1)[0] : m.start()] + part[close.end() :]
            text = _join_name(fold(m.group(1)), fold(close.group(1)))
            px0 = nxt.boxes[lo][0] if lo < len(nxt.boxes) else nxt.x0
            px1 = nxt.boxes[min(hi, len(nxt.boxes)) - 1][2] if hi > lo else nxt.x1
            return _Name(text, min(x0, px0), max(x1, px1), ln.top, nxt.top, _alone(rest), ln.size)
    return None


def signature_names(lines: list[Line]) -> list[_Name]:
    """The bracketed names that sign the cover (`(นายสมชาย ใจดี)`, two side by side on one line
    or each on its own, wrapped or not), top to bottom.

    A signature's name stands alone on its line, but for the dotted signature line or a role
    label beside it; when no name does, the names on the last line that has any sign.
    """
    found: list[_Name] = []
    for k, ln in enumerate(lines):
        ms = [m for m in _NAME_IN_BRACKETS.finditer(ln.text) if m.end() - 1 < len(ln.boxes)]
        rest = _NAME_IN_BRACKETS.sub(" ", ln.text)
        wrapped = _wrapped_name(lines, k)
        if wrapped is not None:
            rest = _NAME_OPEN.sub(" ", rest)
        for m in ms:
            b = ln.boxes
            # alone on the line, or in its part of it (the other column's position beside it)
            single = _alone(rest) or _alone(_NAME_IN_BRACKETS.sub(" ", _segment(ln, m.start(), m.end())))
            found.append(_Name(fold(m.group(1)), b[m.start()][0], b[m.end() - 1][2], ln.top, ln.top, single, ln.size))
        if wrapped is not None:
            found.append(wrapped)
    found += _untitled_beside(lines, [n for n in found if n.alone])
    alone = [n for n in found if n.alone]
    if not alone and found:
        last = max(n.top for n in found)
        alone = [n for n in found if n.top == last]
    return sorted(alone, key=lambda n: (n.top, n.x0))


def _untitled_beside(lines: list[Line], names: list[_Name]) -> list[_Name]:
    """Bracketed names without a title read (`(ตร.อนุสรณ์ ชัยมงคล)`, a scan's ดร.), alone on their
    line, level with a signature's name and beside it: the other party's name."""
    out: list[_Name] = []
    for ln in lines:
        level = [n for n in names if abs(n.top - ln.top) < 0.5 * max(n.size, ln.size, 1.0)]
        if not level or _NAME_IN_BRACKETS.search(ln.text):
            continue
        for m in _BRACKETED_WORDS.finditer(ln.text):
            if m.end() - 1 >= len(ln.boxes) or not _alone(_BRACKETED_WORDS.sub(" ", ln.text)):
                continue
            x0, x1 = ln.boxes[m.start()][0], ln.boxes[m.end() - 1][2]
            if all(x1 < n.x0 or x0 > n.x1 for n in level):
                out.append(_Name(fold(m.group(1)), x0, x1, ln.top, ln.top, True, ln.size))
    return out


def _signed_spans(lines: list[Line], top: float, bottom: float) -> list[tuple[float, float]]:
    """Where each `ลงชื่อ` between `top` and `bottom` stands, from the word to the end of its
    signature line (or to the next `ลงชื่อ` on the same line)."""
    spans: list[tuple[float, float]] = []
    for ln in lines:
        if not top <= ln.top <= bottom:
            continue
        starts = [m.start() for m in re.finditer(labels.SIGNED, ln.text) if m.start() < len(ln.boxes)]
        for a, b in zip(starts, [*starts[1:], len(ln.text)], strict=False):
            end = min(b, len(ln.boxes)) - 1
            while end > a and ln.text[end] == " ":
                end -= 1
            spans.append((ln.boxes[a][0], ln.boxes[end][2]))
    return spans


def _signature_columns(lines: list[Line], names: list[_Name]) -> list[tuple[float, float]]:
    """The signature columns, left to right, as the x range each one owns.

    The names and `ลงชื่อ` lines of one column overlap horizontally (stacked blocks are centred
    on one axis); columns side by side do not. Each column owns the page up to the middle of the
    gutter between it and its neighbour, so that a position wrapped wider than its name stays in
    its column, wherever the producer broke the page's lines.
    """
    size = max((ln.size for ln in lines), default=12.0)
    top = min(n.top for n in names) - 4 * size
    spans = sorted([(n.x0, n.x1) for n in names] + _signed_spans(lines, top, max(n.last_top for n in names)))
    merged: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    edges = [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(merged)]
    return list(zip([-1e9, *edges], [*edges, 1e9], strict=True))


def _column_text(ln: Line, lo: float, hi: float) -> str:
    """What of line `ln` stands in the column from `lo` to `hi`. A line that reaches a little
    over the column's edge (a position wider than its cell, which the producer lets run on) is
    one column's whole, the one its middle stands in, and none of the other's; a line that
    stands across both columns (both written on one line) is cut at the edge, glyph by glyph."""
    width = ln.x1 - ln.x0
    inside = max(0.0, min(hi, ln.x1) - max(lo, ln.x0))
    # (the same for the column beside: a line of its, reaching a little into this one, is not here)
    if min(width - inside, inside) < 0.25 * width and not _has_column_gap(ln):
        return fold(ln.text) if lo <= (ln.x0 + ln.x1) / 2 < hi else ""
    return slice_line(ln, lo, hi)


def _has_column_gap(ln: Line) -> bool:
    """Whether two glyphs of the line stand more than an em apart (two columns on one line)."""
    xs = [b for ch, b in zip(ln.text, ln.boxes, strict=False) if not ch.isspace()]
    return any(b[0] - a[2] > ln.size for a, b in itertools.pairwise(xs))


def _role_above(lines: list[Line], name: _Name, lo: float, hi: float) -> str | None:
    """The role written on the signature line above a name (`ลงชื่อ ……… ผู้รับคำรับรอง`, or on
    the dotted line under a `ลงชื่อ` that wrapped), if any: the column's lines just above the
    name, up to its `ลงชื่อ`, that hold nothing but a role label, dots and `ลงชื่อ` (the cover's
    last sentence names both roles, and may end just above the signatures)."""
    above = sorted((ln for ln in lines if ln.bottom <= name.top + 1 and _column_text(ln, lo, hi)), key=lambda ln: -ln.top)
    edge = name.top
    for ln in above[:3]:
        if edge - ln.top > 3 * ln.size:
            break
        part = _column_text(ln, lo, hi)
        label = squash(_SIGNATURE_LINE.sub("", part))
        if label in ROLE_OF:
            return ROLE_OF[label]
        if labels.SIGNED in part or part.startswith("(") or find_date_safe(part):
            break
        edge = ln.top
    return None


def signature_blocks(lines: list[Line]) -> list[tuple[str, str, date | None, str | None]]:
    """(name, position, date, role) of each signature block, the first of each column left to
    right, then the second of each: side by side blocks read left to right, stacked ones top to
    bottom. A block runs down its column from its name to the next name in that column."""
    names = signature_names(lines)
    if not names:
        return []
    known = [ln.text for ln in lines]
    placed: list[tuple[int, int, tuple[str, str, date | None, str | None]]] = []
    for c, (lo, hi) in enumerate(_signature_columns(lines, names)):
        mine = [n for n in names if lo <= n.centre < hi]
        for i, name in enumerate(mine):
            end = mine[i + 1].top - 1 if i + 1 < len(mine) else 1e9
            # smaller print is a running header that a page break put inside the block, and so
            # is a page's number (`- 2 -` atop the page the block runs on to); a date is the
            # block's own whatever its size (OCR sizes lines by their ink)
            below = [
                ln
                for ln in lines
                if name.last_top + 1 < ln.top < end
                and (ln.size >= 0.8 * name.size or find_date_safe(ln.text))
                and not _PAGE_MARK.fullmatch(ln.text)
            ]
            below.sort(key=lambda ln: (ln.top, ln.x0))
            parts = [p for ln in below if (p := fold(_DOTS.sub(" ", _column_text(ln, lo, hi))))]
            position, signed, role = signature_column(parts, known)
            placed.append((i, c, (name.text, position, signed, role or _role_above(lines, name, lo, hi))))
    return [block for *_, block in sorted(placed, key=lambda p: (p[0], p[1]))]


def signature_column(parts: list[str], known: Sequence[str] = ()) -> tuple[str, date | None, str | None]:
    """Position, date and role label of one signature column, from its lines under the name.

    The position may wrap over two lines; a line that is only a role label (`ผู้ทำคำรับรอง`)
    says whose column it is; the date may wrap too (`วันที่ ๒๒ เดือน ธันวาคม พ.ศ.` / `๒๕๖๖`).
    """
    position: list[str] = []
    signed: date | None = None
    role: str | None = None
    parts = _rejoin_labels(parts)
    for i, part in enumerate(parts):
        s = squash(part).strip("()")
        if (part.startswith("(") and s not in (squash(GRANTOR), squash(MAKER))) or labels.SIGNED in part:
            break
        if s in (squash(GRANTOR), squash(MAKER)):
            role = "grantor" if s == squash(GRANTOR) else "maker"
            continue
        day_month = yearless_dates(part)
        if "วันที่" in part or day_month or find_date_safe(part):
            text = part
            signed = find_date_safe(text)
            for more in parts[i + 1 : i + 3]:
                if signed is not None:
                    break
                text += " " + more
                signed = find_date_safe(text)
            if signed is None and day_month:
                signed = _yearless(*day_month[0])
            break
        position.append(part)
    return join_thai(position, known), signed, role


#: labels of a signature block that a narrow cell wraps (`วัน` / `ที่ ........`)
_SQUASHED_LABELS = tuple(squash(label) for label in ("วันที่", labels.SIGNED))


def _rejoin_labels(parts: list[str]) -> list[str]:
    """`parts` with a label a narrow cell wrapped after its first syllable put back on one line."""
    out: list[str] = []
    for part in parts:
        if out:
            head = squash(out[-1])
            if any(head != lb and lb.startswith(head) and (head + squash(part)).startswith(lb) for lb in _SQUASHED_LABELS):
                out[-1] = out[-1].rstrip() + part.lstrip()
                continue
        out.append(part)
    return out


#: the year a signature's date is given while its year is unread; the cover's fiscal year
#: gives it one (`with_year`)
YEARLESS = 1


def _yearless(day: int, month: int) -> date | None:
    try:
        return date(YEARLESS, month, day)
    except ValueError:
        return None


def with_year(signed: date | None, fiscal_year: int | None) -> date | None:
    """A signature's date whose year OCR lost (`วันที่ ๑๔ เดือน ตุลาคม พ.ศ.`) given the year that
    puts it in the fiscal year (or just before it); None without a fiscal year."""
    if signed is None or signed.year != YEARLESS:
        return signed
    return in_fiscal_year(signed.day, signed.month, fiscal_year) if fiscal_year else None


def find_date_safe(text: str) -> date | None:
    try:
        found = find_thai_dates(text)
    except ValueParseError:
        return None
    return found[0] if found else None
