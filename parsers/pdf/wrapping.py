"""Lines that wrap one paragraph or one table cell, joined into its text as it was written.

A layout engine breaks a line where the next word, or for a word wider than the line the next
letter, no longer fits; Thai has no spaces between words, so what a break stood for has to be
read from the letters on both sides and from how full the line was. Split from `lines` (which
builds the lines themselves).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.pdf.lines import Box, Line

_LIST_MARKER = re.compile(r"^(?:[0-9๐-๙]{1,2}[.)](?![0-9๐-๙])|\([0-9๐-๙]{1,2}\)|[-•·*])")  # `2.5` is a number, not item 2


_CLOSING = frozenset("%)]},;:!?”’")
_OPENING = frozenset("([{“‘")
_ABBREV = re.compile(r"^[\u0e01-\u0e2e]{1,3}\.")
_ABBREV_END = re.compile(r"[\u0e01-\u0e2e]\.$")


def _join_kind(ch: str) -> str:
    if "\u0e01" <= ch <= "\u0e4e":
        return "thai"
    if ch.isdigit():
        return "digit"
    if ch.isalpha():
        return "latin"
    return "punct"


def _broken_word(before: str, after: str, prev: Line, right_edge: float | None, inner_right: float | None = None) -> bool:
    """Was a Latin word or a number cut at this line end (rather than wrapped at a space)?

    Only a line filled to the right edge can have been cut. Thai layout engines cut numbers and
    lower-case words anywhere (`256` / `2`, `Requireme` / `nt)`), but a capital after the break
    starts a new word (`Platform` / `GAP`, `(Data` / `Catalog)`), and letters meeting digits are
    two words (`ISO/IEC` / `27001`) unless the line holds nothing but that one word.
    """
    if right_edge is None or prev.x1 < right_edge - 1.2 * max(prev.size, 1.0):
        return False
    x, y = before[-1], after[0]
    if x.isdigit() and y.isdigit():
        return True
    if x.isalpha() and y.isalpha():
        return x.islower() and y.islower()
    if inner_right is not None:
        # in a table cell, where its padding tells how far a line could reach, letters meeting
        # digits (`(PMQA` / `4.0)`) fill a narrow cell as often at a space as inside a word, and
        # are two words far more often than one
        return False
    return " " not in prev.text.strip()


_NUMBER_HEAD = re.compile(r"\s*([0-9๐-๙][0-9๐-๙.,]*%?)(?:\s|$)")
_NUMBER_TAIL = re.compile(r"(?:^|\s)[0-9๐-๙][0-9๐-๙.,]*$")


def _cut_number(before: str, ln: Line, prev: Line, inner_right: float | None) -> bool:
    """Was one number cut across a wrap in a narrow cell (`๑๐` / `๐.๐` for ๑๐๐.๐)?

    Thai line breakers break a run of digits where their dictionary says, not only where the line
    is full, so `_broken_word`'s full-line test misses it. Two numbers one under the other in a cell
    with nothing between them are rare; one number wider than the cell is common: when the number
    the next line starts with would not have fitted after the previous line (`inner_right`, the
    cell's right edge less its padding), the two pieces are one number.
    """
    if inner_right is None or not _NUMBER_TAIL.search(before):
        return False
    m = _NUMBER_HEAD.match(ln.text)
    if m is None:
        return False
    first, last = m.start(1), m.end(1) - 1
    width = ln.boxes[last][2] - ln.boxes[first][0]
    return prev.x1 + width > inner_right


def join_wrapped(lines: Sequence[Line], right_edge: float | None = None, inner_right: float | None = None) -> str:
    """Text of lines that wrap one paragraph (a table cell, a heading), joined as written.

    Word and LibreOffice wrap Thai between words without a space, so two Thai letters across a
    wrap belong together; a Latin word or a number is cut only where the line is full
    (`right_edge` tells where that is; `_broken_word` says when); a new list item (`1)`, `2.`, `-`) always starts a new word; anything
    else across a wrap (Thai next to Latin, digits, brackets) was separated by a space.
    """
    parts: list[str] = []
    prev: Line | None = None
    for ln in lines:
        t = ln.text.strip()
        if not t:
            continue
        if parts and prev is not None:
            a, b = _join_kind(parts[-1][-1]), _join_kind(t[0])
            if parts[-1].endswith(("-", "/")) or (t[0] == "-" and a in ("latin", "digit") and len(t) > 1 and t[1].isalpha()):
                sep = ""  # a hyphenated word broken at the hyphen
            elif t[0] in _CLOSING or parts[-1][-1] in _OPENING or (t[0] == "." and not t.startswith("..")):
                sep = ""  # `5` / `%`, `(` / `ITA)`: punctuation sits against its word
            elif _LIST_MARKER.match(t):
                sep = " "
            elif _ABBREV.match(t) or _ABBREV_END.search(parts[-1]):
                sep = " "  # Thai abbreviations (พ.ศ., ก.พ.ร.) stand apart as words
            elif a == "thai" and b == "thai":
                sep = ""
            elif a in ("latin", "digit") and b in ("latin", "digit"):
                cut = _broken_word(parts[-1], t, prev, right_edge, inner_right) or _cut_number(parts[-1], ln, prev, inner_right)
                sep = "" if cut else " "
            else:
                sep = " "
            if sep:
                parts.append(sep)
        parts.append(t)
        prev = ln
    return "".join(parts).strip()


def join_cell_lines(lines: Sequence[Line], box: Box | None = None) -> str:
    """Text of a table cell (`box`): its lines in reading order (top to bottom, then left to right).

    The cell's padding is read off its left side (where most of its lines start, at most half a
    font size in) and taken as the same on the right, where a wrapped line could have reached."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: ln.bottom):
        if rows and abs(rows[-1][0].bottom - ln.bottom) <= 0.4 * max(ln.size, rows[-1][0].size, 1.0):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    ordered = [ln for row in rows for ln in sorted(row, key=lambda ln: ln.x0)]
    if box is None or not ordered:
        return join_wrapped(ordered)
    size = max(ln.size for ln in ordered)
    starts = sorted(ln.x0 for ln in ordered)
    pad = min(max(0.0, starts[len(starts) // 2] - box[0]), 0.5 * size)
    return join_wrapped(ordered, box[2] - 2.0, box[2] - pad)
