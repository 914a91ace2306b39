"""A page as a sequence of blocks in reading order: lines outside tables, and whole tables.

Section parsers and `thaikpi text` both need this view: a table cell's wrapped lines belong
together, while the page's own lines around the tables keep their order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.pdf.document import PageContent
from parsers.pdf.lines import Line
from parsers.pdf.tables import Table
from parsers.sections.doctext import squash


@dataclass
class Block:
    page: int
    top: float
    line: Line | None = None
    table: Table | None = None


def _in_table(line: Line, tables: list[Table]) -> bool:
    cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    return any(t.bbox[0] - 1 <= cx <= t.bbox[2] + 1 and t.bbox[1] - 1 <= cy <= t.bbox[3] + 1 for t in tables)


def page_blocks(page: PageContent, ignore: set[str], drop_page_numbers: bool = True) -> list[Block]:
    """Lines outside tables and the tables themselves, top to bottom; running headers dropped, and
    the page's number (a number alone at the head or the foot of the page: the same alone between
    two lines of text is a line's wrapped number, `จะถูกหักคะแนน` / `๕` / `คะแนนต่อรอบ`)."""
    blocks = [Block(page.number, t.bbox[1], table=t) for t in page.tables]
    numbers: list[Line] = []
    for ln in page.lines:
        if squash(ln.text) in ignore:
            continue
        if drop_page_numbers and is_page_number(ln.text):
            numbers.append(ln)
            continue
        blocks.append(Block(page.number, ln.top, line=ln))
    if numbers:
        tops = [b.top for b in blocks]
        bottoms = [b.table.bbox[3] if b.table is not None else b.line.bottom if b.line is not None else b.top for b in blocks]
        for ln in numbers:
            # text above and below it; (a year alone, wrapped off the end of a step, still goes:
            # the rounds reader takes it for a part of its own)
            if tops and min(tops) < ln.top and max(bottoms) > ln.bottom and len(squash(ln.text)) <= 3:
                blocks.append(Block(page.number, ln.top, line=ln))
    blocks.sort(key=lambda b: (b.top, b.line.x0 if b.line else 0.0))
    return blocks


#: a page's number as a footer writes it: `๓`, `- ๓ -`, `หน้า 3`, `หน้า 3/12`, `หน้าที่ ๓ จาก ๑๒`,
#: `Page 3 of 12` (a field some exports draw more than once over itself: `หน้า 7หน้า 7`,
#: `- 11 -- 11 -`)
_PAGE_NUMBER = re.compile(
    r"\s*[-–]?\s*([0-9๐-๙]{1,4})\s*[-–]?\s*(?:[-–]?\s*\1\s*[-–]?\s*)*"
    r"|(?:\s*(?:หน้า(?:ที่)?|page)\s*[0-9๐-๙]{1,4}(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]{1,4})?\s*)+",
    re.I,
)


def is_page_number(text: str) -> bool:
    """Is `text` a page's number standing alone, as a header or footer writes it?"""
    return _PAGE_NUMBER.fullmatch(text) is not None


def render_blocks(blocks: list[Block], column_sep: str = "   ") -> str:
    """Plain text of blocks: tables as one row per line, cells separated by ` | `."""
    from parsers.pdf.lines import lines_text

    out: list[str] = []
    pending: list[Line] = []
    for b in blocks:
        if b.line is not None:
            pending.append(b.line)
            continue
        if pending:
            out.append(lines_text(pending, column_sep))
            pending = []
        assert b.table is not None
        for row in b.table.rows:
            out.append(" | ".join(c.text for c in row))
    if pending:
        out.append(lines_text(pending, column_sep))
    return "\n".join(out)
