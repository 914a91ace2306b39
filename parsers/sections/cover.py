"""The signed cover: fiscal year, the two parties, their signature dates, the unit and the period.

The cover's opening paragraph says who is who, as a sentence (`ระหว่าง … ผู้รับคำรับรอง และ|กับ …
ผู้ทำคำรับรอง`, in either order), as labelled lines (`ผู้รับคำรับรอง : <name> ตำแหน่ง <position>`)
or as blocks (the role alone on a line, the name and the position on the lines under it);
grantor = ผู้รับคำรับรอง, maker = ผู้ทำคำรับรอง. The signature blocks below repeat each name in
brackets with the position and the date (`parsers.sections.signatures` reads them column by
column). Names come from the signature blocks when they are there (they are the signed form),
else from the paragraph; a block is matched to its role by name, else by its role label, else by
position (grantor on the left).

The unit is named in the title block (`คำรับรองการปฏิบัติราชการ` / `ของ กองคลัง` / the fiscal
year; the title in the cover's largest print, a running header that repeats it is small) or by a
label (a letter's `ส่วนราชการ กองคลัง`, a form's row `ส่วนราชการผู้ทำคำรับรอง | กองคลัง`; a form's
rows are read as lines, see `cover_lines`). Its name may be followed by the body it belongs to
(`กองคลัง กรมเจ้าท่า`, `สังกัด…` or `กระทรวงมหาดไทย` on the line under it), which is not part of
the unit's name; the body the grantor heads is the parent, the printed one only when the
grantor's position names no body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from parsers.errors import ValueParseError
from parsers.pdf.document import PageContent
from parsers.pdf.lines import Boxes, Line
from parsers.pdf.tables import Cell, Table
from parsers.sections import labels
from parsers.sections.blocks import is_page_number
from parsers.sections.doctext import fold, join_thai, numbered, squash
from parsers.sections.signatures import (
    ROLE_OF,
    TITLE_RE,
    find_date_safe,
    signature_blocks,
    signature_names,
    with_year,
)
from parsers.thai.dates import find_thai_dates, fiscal_year_period
from parsers.thai.numbers import thai_to_arabic_digits

TITLES = labels.TITLES
GRANTOR = labels.GRANTOR
MAKER = labels.MAKER
_FY = labels.FISCAL_YEAR_RE
_TITLE_RE = TITLE_RE


@dataclass
class PartyInfo:
    role: str
    name: str
    position: str
    signed_on: date | None = None
    page: int | None = None


@dataclass
class CoverInfo:
    fiscal_year: int | None = None
    organization: str | None = None
    parent_organization: str | None = None
    period: tuple[date, date] | None = None
    parties: list[PartyInfo] = field(default_factory=list)
    page: int | None = None
    problems: list[str] = field(default_factory=list)


def is_cover(lines: list[Line]) -> bool:
    text = squash(" ".join(ln.text for ln in lines[:80]))
    return squash(labels.AGREEMENT) in text and (squash(GRANTOR) in text or squash(MAKER) in text)


def find_fiscal_year(text: str) -> int | None:
    m = _FY.search(text)
    return int(thai_to_arabic_digits(m.group(1))) if m else None


def _split_name_position(text: str, names: Sequence[str] = ()) -> tuple[str, str]:
    """`นางสาวนฤมล สงวนวงศ์ ผู้ช่วยปลัด…` → (name, position): title + first name + surname;
    `… ตำแหน่ง ผู้ว่าราชการจังหวัด…` says where the position starts, and so does a name the
    signatures write (`names`) when the text starts with it — a line break between the surname and
    the position leaves no space to split at."""
    text = _LINK_AT_END.sub("", fold(text))
    if labels.POSITION in text:
        name, _, position = text.partition(labels.POSITION)
        return fold(name), fold(position.lstrip(" :："))
    for known in names:
        target = squash(known)
        if target and squash(text).startswith(target):
            return known, fold(text[_prefix_end(text, target) :])
    words = text.split(" ")
    if len(words) >= 3:
        return " ".join(words[:2]), " ".join(words[2:])
    return text, ""


def _prefix_end(text: str, target: str) -> int:
    """Where the start of `text` that squashes to `target` ends, marks above its last letter
    included (squash drops them: `…บุรีรัมย์` squashes as `…บุรีรัมย`)."""
    return max(k for k in range(len(text) + 1) if squash(text[:k]) == target)


#: `คำรับรอง` as squash spells it: a line that holds it speaks of the agreement, it names no one
_AGREEMENT_WORD = squash("คำรับรอง")
_ROLE = {"grantor": GRANTOR, "maker": MAKER}
_AND = r"\s*(?:และ|กับ)\s*"
_LINK = "(?:" + "|".join(labels.ROLE_LINKS) + ")"
#: the words between a party's position and its role (`… ซึ่งเป็นผู้รับคำรับรอง`)
_AS = r"\s*(?:" + _LINK + r"\s*)?"
_LINK_AT_END = re.compile(r"\s*" + _LINK + r"\s*$")
#: a name and position: some text that holds no role label (so a match never runs on into
#: `ผู้รับคำรับรองและผู้ทำคำรับรอง ได้เข้าใจ…` further down the cover)
_PERSON = r"((?:(?!" + GRANTOR + "|" + MAKER + r").){3,200}?)"
_LABELLED = re.compile(
    r"(" + GRANTOR + "|" + MAKER + r")\s*[:：]?\s*(" + _TITLE_RE + r".+?)"
    r"(?=" + GRANTOR + "|" + MAKER + r"|\s[0-9๐-๙]{1,2}\s*\.\s|$)"
)

#: a party named before its role, as a letter does (`ข้าพเจ้า <name> ตำแหน่ง <position> ในฐานะ
#: ผู้ทำคำรับรอง ขอให้คำรับรองต่อ <name> ตำแหน่ง <position> ในฐานะผู้รับคำรับรอง`)
_NAMED = re.compile(
    r"(" + _TITLE_RE + r"(?:(?!" + labels.POSITION + "|" + GRANTOR + "|" + MAKER + r").){2,60}?)\s*"
    + labels.POSITION + r"\s*[:：]?\s*((?:(?!" + labels.POSITION + "|" + GRANTOR + "|" + MAKER + r").){2,200}?)"
    + _AS + "(" + GRANTOR + "|" + MAKER + ")"
)


def _paragraph_parties(text: str, names: Sequence[str] = ()) -> dict[str, tuple[str, str]]:
    """Name and position of each role from the cover's opening paragraph: the sentence form
    (`… ระหว่าง <grantor> [ในฐานะ]ผู้รับคำรับรอง และ|กับ <maker> ผู้ทำคำรับรอง`, either order),
    the labelled form (`ผู้รับคำรับรอง : <name> ตำแหน่ง <position>`), or a letter's (`<name>
    ตำแหน่ง <position> ในฐานะผู้ทำคำรับรอง`, each party where the sentence names it)."""
    out: dict[str, tuple[str, str]] = {}
    for first, second in (("grantor", "maker"), ("maker", "grantor")):
        m = re.search(
            r"ระหว่าง\s*" + _PERSON + _AS + _ROLE[first] + _AND + _PERSON + _AS + _ROLE[second], text
        )
        if m:
            out[first] = _split_name_position(m.group(1), names)
            out[second] = _split_name_position(m.group(2), names)
            return out
    for m in _LABELLED.finditer(text):
        role = "grantor" if m.group(1) == GRANTOR else "maker"
        out.setdefault(role, _split_name_position(m.group(2), names))
    for m in _NAMED.finditer(text):
        role = "grantor" if m.group(3) == GRANTOR else "maker"
        out.setdefault(role, (fold(m.group(1)), fold(m.group(2))))
    return out


def _block_parties(lines: list[Line]) -> dict[str, tuple[str, str]]:
    """Name and position of each role from the cover's party blocks: the role alone on its line
    (`ผู้รับคำรับรอง`, `ผู้รับคำรับรอง :`), the name on the next line, the position on the one or
    two lines under it (up to the next role, numbered item or signature)."""
    roles = {squash(GRANTOR): "grantor", squash(MAKER): "maker"}
    known = [ln.text for ln in lines]
    out: dict[str, tuple[str, str]] = {}
    for k, ln in enumerate(lines):
        role = roles.get(squash(ln.text).strip(":："))
        if role is None or role in out or k + 1 >= len(lines):
            continue
        name_line = fold(lines[k + 1].text)
        if not re.match(_TITLE_RE, name_line):
            continue
        position: list[str] = []
        above = lines[k + 1]
        for nxt in lines[k + 2 : k + 4]:
            t = fold(nxt.text)
            if squash(t).strip(":：") in roles or numbered(t) or labels.SIGNED in t or t.startswith("("):
                break
            if _AGREEMENT_WORD in squash(t) or nxt.top - above.bottom > nxt.size:
                break  # the cover's sentence under the block (a form's last row), no position
            position.append(t)
            above = nxt
        name, pos = _split_name_position(name_line)
        out[role] = (name, pos or join_thai(position, known))
    return out


def parent_from_position(position: str) -> str | None:
    """The body a unit belongs to, from its supervisor's position (รองปลัดกระทรวงX → สำนักงานปลัดกระทรวงX)."""
    p = fold(position)
    for prefix in ("ผู้ช่วย", "รอง"):
        if p.startswith(prefix):
            p = p[len(prefix):]
    if p.startswith("ปลัดกระทรวง"):
        return "สำนักงาน" + p
    if p.startswith("อธิบดี"):
        return p[len("อธิบดี"):] or None
    if p.startswith("เลขาธิการ"):
        return "สำนักงาน" + p[len("เลขาธิการ"):]
    if p.startswith("ผู้ว่าราชการ"):
        return p[len("ผู้ว่าราชการ"):] or None
    if p.startswith("ผู้อำนวยการ"):
        return p[len("ผู้อำนวยการ"):] or None
    return None


def _starts_with_label(text: str, label: str) -> str | None:
    """What follows `label` at the start of `text` (`ส่วนราชการ : กองคลัง` → `กองคลัง`), or None
    when `text` does not open with the label as a word of its own."""
    m = re.match(r"\s*" + re.escape(label) + r"\s*(?:[:：]\s*|\s+|$)(.*)$", text)
    return fold(m.group(1)) if m else None


def _labelled_unit(lines: list[Line]) -> list[str]:
    """The unit as a letter or a form names it, by a label at the start of a line (`ส่วนราชการ
    กองคลัง กรมเจ้าท่า`, a form's row `ส่วนราชการผู้ทำคำรับรอง | กองคลัง`, the value on the line
    under a label that stands alone), with the line under it when that one gives the parent
    (`สังกัด …`). Only above the cover's text: a line of its paragraphs (a numbered clause, one
    that names a party's role) may open with such a word too."""
    for k, ln in enumerate(lines[:24]):
        value = next((v for label in labels.UNIT_LABELS if (v := _starts_with_label(ln.text, label)) is not None), None)
        if value is None:
            s = squash(ln.text)
            if numbered(ln.text) or "ระหว่าง" in ln.text or any(squash(r) in s for r in (GRANTOR, MAKER)):
                break
            continue
        rest = [fold(nxt.text) for nxt in lines[k + 1 : k + 3]]
        if not value and rest and _may_name_a_body(rest[0]):
            value, rest = rest[0], rest[1:]
        if not value or not _may_name_a_body(value):
            continue
        parent = rest[0] if rest and _starts_with_label(rest[0], labels.PARENT_LABEL) is not None else None
        return [value, parent] if parent else [value]
    return []


def _may_name_a_body(text: str) -> bool:
    """Whether a line may be (part of) a unit's or a body's name: it has Thai letters (a page's
    number `- 1 -` has none), is no numbered clause, names no party's role, no agreement
    (`ทั้งสองฝ่ายได้เข้าใจ…ของคำรับรอง…`), and is not a letter's heading (`เรียน …`)."""
    s = squash(text)
    if not re.search("[\u0e01-\u0e2e]", text) or numbered(text) or "ระหว่าง" in text:
        return False
    if _AGREEMENT_WORD in s or squash(labels.SIGNED) in s or labels.FISCAL_YEAR in text:
        return False
    return not any(_starts_with_label(text, w) is not None for w in labels.LETTER_WORDS)


def _title_index(lines: list[Line]) -> int | None:
    """The cover's title: a line that opens with the agreement's name (nothing but a speck
    before it: `เรื่อง คำรับรอง…`, a letter's heading, is no title), the largest print of those
    that do — a running header that repeats the name atop every page
    (`คำรับรองการปฏิบัติราชการ ปีงบประมาณ 2565`) is set small."""
    target = squash(labels.AGREEMENT)
    found = []
    for k, ln in enumerate(lines[:16]):
        s = squash(ln.text)
        at = s.find(target)
        if at >= 0 and not re.search("[\u0e01-\u0e2e]", s[:at]):
            found.append(k)
    return max(found, key=lambda k: (lines[k].size, -k)) if found else None


def _title_unit(lines: list[Line]) -> list[str]:
    """The lines that name the unit in the title block: after the title on its line
    (`คำรับรองการปฏิบัติราชการ ของ กองคลัง`) or on the lines under it, down to the fiscal-year
    line (one line only when no fiscal-year line closes the block: what runs on is the cover's
    text). A title that gives the fiscal year itself closes the block, but for a line under it
    that opens with `ของ`/`สำหรับ`."""
    k = _title_index(lines)
    if k is None:
        return []
    title = lines[k].text
    rest = fold(title.split("ราชการ", 1)[-1]) if "ราชการ" in title else ""
    rest = _FY.split(rest)[0].replace("ประจำ", "").strip() if rest else ""
    closed = labels.FISCAL_YEAR in title
    parts = [rest] if rest and not rest.startswith(labels.FISCAL_YEAR) else []
    below: list[str] = []
    for nxt in lines[k + 1 : k + 5]:
        t = fold(nxt.text)
        if labels.FISCAL_YEAR in t:
            closed = True
            break
        if not _may_name_a_body(t) or (closed and not re.match(r"(ของ|สำหรับ)\s*", t)):
            break
        below.append(t)
    if not closed:
        below = below[:1] if not parts else []
    return [re.sub(r"^(ของ|สำหรับ)\s*", "", t) for t in parts + below if t]


def _unit_head_of(position: str) -> str | None:
    """The unit whose head holds `position` (`ผู้อำนวยการกองคลัง` → `กองคลัง`)."""
    m = re.match(r"^(?:" + "|".join(labels.UNIT_HEADS) + r")(.+)$", fold(position))
    return m.group(1) if m else None


def _unit_and_parent(
    parts: list[str], known: Sequence[str], grantor_position: str = "", maker_position: str = ""
) -> tuple[str | None, str | None]:
    """The unit's name and the parent the cover prints with it, from the lines that name them
    (`กองคลัง กรมเจ้าท่า`; `สำนักงานจังหวัดลำปาง` / `จังหวัดลำปาง`; `กลุ่มงาน…` / `สังกัดสำนักงาน…`).

    The parent starts at a word of its own (after a space or at a line's start), and the cut is
    the one the parties bear out: where the unit the maker heads ends (ผู้อำนวยการกองคลัง →
    `กองคลัง`), else where the body the grantor heads begins (ผู้ว่าราชการจังหวัดลำปาง →
    `จังหวัดลำปาง`), else before `สังกัด` or a name of the kind bodies have (`กรม…`, `กระทรวง…`,
    `สำนักงานปลัดกระทรวง…`). Whole when the maker heads the whole, or nothing says where to cut."""
    words = [(w, i == 0) for p in parts for i, w in enumerate(p.split())]
    if not words:
        return None, None

    def text(ws: list[tuple[str, bool]]) -> str:
        rows: list[list[str]] = []
        for w, first in ws:
            if first or not rows:
                rows.append([])
            rows[-1].append(w)
        return join_thai([" ".join(r) for r in rows], known)

    def cut(i: int) -> tuple[str, str]:
        return text(words[:i]), fold(text(words[i:]).removeprefix(labels.PARENT_LABEL).lstrip(" :："))

    whole = text(words)
    unit = _unit_head_of(maker_position)
    body = parent_from_position(grantor_position) if grantor_position else None
    if unit and squash(whole) == squash(unit):
        return whole, None
    cuts = range(1, len(words))
    for test in (
        lambda i: bool(unit) and squash(text(words[:i])) == squash(unit or ""),
        lambda i: bool(body) and squash(cut(i)[1]) == squash(body or ""),
        lambda i: _names_a_parent(words[i][0]),
    ):
        hit = next((i for i in cuts if test(i)), None)
        if hit is not None:
            return cut(hit)
    if unit:
        return _cut_after(whole, unit, body)
    return whole, None


def _cut_after(whole: str, unit: str, body: str | None) -> tuple[str, str | None]:
    """`whole` cut after the `unit` it starts with when what follows names a body (the grantor's,
    or one of a body's kind): a text layer may drop the space between the two names
    (`สำนักพัฒนาระบบบริหารสำนักงานปลัด…`), and only the maker's own unit says where the cut is."""
    target = squash(unit)
    if not squash(whole).startswith(target) or squash(whole) == target:
        return whole, None
    k = _prefix_end(whole, target)
    rest = fold(whole[k:])
    if (body and squash(rest) == squash(body)) or _names_a_parent(rest.replace(" ", "")):
        return fold(whole[:k]), fold(rest.removeprefix(labels.PARENT_LABEL))
    return whole, None


def _names_a_parent(word: str) -> bool:
    """Whether a word opens a parent's name: `สังกัด…`, or a body's kind followed by its name
    (`กรมเจ้าท่า`; `กรม` alone ends a unit's name, `สำนักงานเลขานุการ กรม`)."""
    if word.startswith(labels.PARENT_LABEL):
        return True
    return any(word.startswith(kind) and len(word) > len(kind) + 1 for kind in labels.PARENT_KINDS)


def cover_lines(cover: PageContent, following: PageContent | list[PageContent] | None) -> list[Line]:
    """The cover's lines, and when its signatures (both, or the second of two blocks one under the
    other) are not on it but on a following page, that page's lines down to its first table,
    placed below the cover's (their boxes moved down by the heights above, so that columns and
    rows read as on one tall page). A page between, with no table and no signature (the cover's
    paragraph running on), is taken along only when a page with the signatures follows it."""
    pages = [following] if isinstance(following, PageContent) else list(following or [])
    own = _with_signature_tables(cover, _with_form_rows(cover))
    signed = signature_names(own)
    if len(signed) >= 2 or (signed and pages and not signature_names(pages[0].lines) and _opens_with_a_role(pages[0])):
        # (one name here, the rest of the blocks overleaf: the other's name wrapped by the break)
        return _with_run_on(own, pages[0] if pages else None, cover.height)
    lines, dy = own, cover.height
    between: list[Line] = []
    for k, page in enumerate(pages[:MAX_SIGNATURE_PAGES]):
        signing = _signature_tables(page)
        top = min((t.bbox[1] for t in page.tables if not any(t is s for s in signing)), default=float("inf"))
        page_lines = _with_signature_tables(page, page.lines, signing)
        above = [ln for ln in page_lines if ln.bottom <= top]
        moved = [
            Line(ln.text, Boxes((x0, y0 + dy, x1, y1 + dy) for x0, y0, x1, y1 in ln.boxes), ln.page, ln.size, ln.trailing_space)
            for ln in above
        ]
        dy += page.height
        if signature_names(page_lines):
            return _with_run_on(lines + between + moved, pages[k + 1] if k + 1 < len(pages) else None, dy)
        if page.tables or not above:
            break
        between += moved
    return lines


def _signature_tables(page: PageContent) -> list[Table]:
    """The page's tables that hold signature blocks (a bracketed name in a cell): a writer who
    sets the two blocks side by side in a ruled table."""
    return [t for t in page.tables if signature_names([ln for row in t.rows for c in row for ln in c.lines])]


def _with_signature_tables(page: PageContent, lines: list[Line], tables: list[Table] | None = None) -> list[Line]:
    """`lines` with the lines of the page's signature tables (`_signature_tables`) where they
    stand, each cell's lines at their own place, as the blocks read without the rulings."""
    tables = _signature_tables(page) if tables is None else tables
    if not tables:
        return lines
    cells = [ln for t in tables for row in t.rows for c in row for ln in c.lines]
    return sorted([*lines, *cells], key=lambda ln: (round(ln.bottom, 0), ln.x0))


#: what a cover form's row may be labelled (the unit, its parent, a party, the period)
_FORM_LABELS = (*labels.UNIT_LABELS, labels.PARENT_LABEL, GRANTOR, MAKER, "ระยะเวลา")


def _with_form_rows(page: PageContent) -> list[Line]:
    """The page's lines, with the rows of a cover form (a table whose rows are labelled with the
    unit, its parent, the parties and the period: `ส่วนราชการผู้ทำคำรับรอง | กองคลัง`) read as
    lines where the table stands, as a cover without a form prints them: `<label> <value>` on
    one line, and a party's role alone on its line with the name and the position on the lines
    under it. (A table's text is not among the page's lines.) The page's own list when it has
    no such form."""
    lines = page.lines
    for table in page.tables:
        rows = [row for row in table.rows if len(row) >= 2 and fold(row[0].text)]
        labelled = [row for row in rows if any(squash(row[0].text).startswith(squash(w)) for w in _FORM_LABELS)]
        if len(labelled) < 2:
            continue
        read: list[Line] = []
        for row in rows:
            label, cells = fold(row[0].text), row[1:]
            size = next((ln.size for c in row for ln in c.lines), 12.0)
            if squash(label) in ROLE_OF:
                read.append(_cell_line(label, row[0], size))
                read += [ln for c in cells for ln in c.lines]
            else:
                value = " ".join(fold(c.text) for c in cells if fold(c.text))
                read.append(_cell_line(f"{label} {value}", row[0], size, cells[-1]))
        at = next((k for k, ln in enumerate(lines) if ln.top >= table.bbox[1]), len(lines))
        lines = lines[:at] + read + lines[at:]
    return lines


def _cell_line(text: str, first: Cell, size: float, last: Cell | None = None) -> Line:
    """A line of `text` across the cells from `first` to `last`, its glyphs sharing the width."""
    x0, top, x1 = first.x0, first.top, (last or first).x1
    w = (x1 - x0) / max(len(text), 1)
    return Line(text, Boxes((x0 + k * w, top, x0 + (k + 1) * w, top + size) for k in range(len(text))), first.page, size)


def _opens_with_a_role(page: PageContent, within: int = 3) -> bool:
    """Does one of the page's first lines name a party's role on a line of its own
    (`ผู้ทำคำรับรอง`) or give a date and nothing else (`19 พ.ย. 64`), as the end of a signature
    block does? (Running headers are gone by now.)"""
    roles = {squash(labels.GRANTOR), squash(labels.MAKER)}
    first = sorted(page.lines, key=lambda ln: ln.top)[:within]
    return any(squash(ln.text) in roles or _only_a_date(ln.text) for ln in first)


def _only_a_date(text: str) -> bool:
    """A line that is one date (`19 พ.ย. 64`, `วันที่ 24 พฤศจิกายน 2563`), as a signature's is."""
    if len(text) > 40 or find_date_safe(text) is None:
        return False
    return len(re.findall(r"[\u0e01-\u0e2e]{4,}", re.sub(r"วันที่|เดือน|พ\.ศ\.|[ก-ฮ]\.[ก-ฮ]\.", "", text))) <= 1


def _with_run_on(lines: list[Line], overleaf: PageContent | None, dy: float) -> list[Line]:
    """`lines` (the signatures' page last), and when the last signature block was cut by the page
    break (its role and date run on overleaf), `overleaf`'s lines above its first table, moved
    `dy` down, the signatures' page's number at its foot left out."""
    if overleaf is None or signature_names(overleaf.lines) or not _opens_with_a_role(overleaf):
        return lines
    foot = max(lines, key=lambda ln: ln.bottom, default=None)
    if foot is not None and is_page_number(foot.text):
        lines = [ln for ln in lines if ln is not foot]
    return lines + _lines_above_tables(overleaf, dy)



def _lines_above_tables(page: PageContent, dy: float) -> list[Line]:
    """The page's lines above its first table, moved `dy` down (to read as below the page before)."""
    top = min((t.bbox[1] for t in page.tables), default=float("inf"))
    return [
        Line(ln.text, Boxes((x0, y0 + dy, x1, y1 + dy) for x0, y0, x1, y1 in ln.boxes), ln.page, ln.size, ln.trailing_space)
        for ln in page.lines
        if ln.bottom <= top
    ]


#: pages after the cover its signatures may be on (the paragraph may run onto the next one)
MAX_SIGNATURE_PAGES = 2


def _reading_order(lines: list[Line]) -> list[Line]:
    """Lines row by row (one baseline, within a little of the font size), each row left to right:
    the pieces of a line split at a column gap (`ผู้ทำคำรับรอง: ดร.สมชาย` | `ตำแหน่ง ผู้อำนวยการ`)
    in the order they are read, whichever has the lower descent."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.page, ln.bottom)):
        last = rows[-1][0] if rows else None
        if last is not None and last.page == ln.page and abs(last.bottom - ln.bottom) <= 0.4 * max(ln.size, 1.0):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.x0)]


def _plausible_period(start: date, end: date) -> bool:
    """An agreement's period runs forward for at most a year (a fiscal year, or the part of it
    left): a scan that misread a year (`๒๕๖๖` as `๒๕๒๒`) gives a period of decades, which is no
    reading of it; the fiscal year's period stands in then."""
    return start < end and (end - start).days <= 366


def parse_cover(lines: list[Line], page: int) -> CoverInfo:
    """Read the cover page (its repaired lines) into a `CoverInfo`; problems are listed, not raised."""
    info = CoverInfo(page=page)
    text = "\n".join(ln.text for ln in lines)
    info.fiscal_year = find_fiscal_year(text)
    unit_lines = _labelled_unit(lines) or _title_unit(lines)
    flat = join_thai([ln.text for ln in _reading_order(lines)], [ln.text for ln in lines])
    sig = signature_blocks(lines)
    para = _paragraph_parties(flat, [f[0] for f in sig]) | _block_parties(lines)

    # period: "เริ่มตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๕ ถึงวันที่ ๓๐ กันยายน ๒๕๖๖"
    m = re.search(r"(?:ตั้งแต่|เริ่ม)(.{0,40}?)ถึง(.{0,40})", flat)
    if m:
        try:
            a = find_thai_dates(m.group(1))
            b = find_thai_dates(m.group(2))
            if a and b and _plausible_period(a[0], b[0]):
                info.period = (a[0], b[0])
        except ValueParseError as exc:
            info.problems.append(f"period: {exc.reason}")
    if info.period is None and not info.problems:
        # or a range: "ระยะเวลาของคำรับรอง ๑ มกราคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๗"
        m = re.search(r"ระยะเวลา(.{0,90})", flat)
        try:
            found = find_thai_dates(m.group(1)) if m else []
            if len(found) >= 2 and _plausible_period(found[0], found[1]):
                info.period = (found[0], found[1])
        except ValueParseError as exc:
            info.problems.append(f"period: {exc.reason}")
    if info.period is None and info.fiscal_year:
        try:
            info.period = fiscal_year_period(info.fiscal_year)
        except ValueParseError:
            pass

    # each signature column serves one role: by name, else by its role label, else the column the
    # other role left over (two columns), else grantor on the left
    taken: dict[str, int] = {}
    for role in ("grantor", "maker"):
        p_name = para.get(role, ("", ""))[0]
        hit = next((i for i, f in enumerate(sig) if p_name and squash(f[0]) == squash(p_name) and i not in taken.values()), None)
        if hit is not None:
            taken[role] = hit
    for role in ("grantor", "maker"):
        if role not in taken:
            # the signature column that says which role it is (`ผู้รับคำรับรอง` under the position)
            hit = next((i for i, f in enumerate(sig) if f[3] == role and i not in taken.values()), None)
            if hit is not None:
                taken[role] = hit
    if len(sig) == 2 and not any(r for *_, r in sig):
        free = [i for i in (0, 1) if i not in taken.values()]
        missing = [role for role in ("grantor", "maker") if role not in taken]
        if len(missing) == 2:
            taken = {"grantor": 0, "maker": 1}
        elif len(missing) == 1 and len(free) == 1:
            taken[missing[0]] = free[0]
    for role, label in (("grantor", GRANTOR), ("maker", MAKER)):
        p_name, p_pos = para.get(role, ("", ""))
        chosen: tuple[str, str, date | None] | None = sig[taken[role]][:3] if role in taken else None
        if chosen is None and p_name:
            chosen = (p_name, p_pos, None)
        if chosen is None:
            info.problems.append(f"no {label} on the cover")
            continue
        name, pos, signed = chosen
        if p_pos and len(squash(p_pos)) > len(squash(pos)) and squash(p_pos).startswith(squash(pos)):
            pos = p_pos  # the signature's cell cut the position short; the paragraph has it whole
        info.parties.append(PartyInfo(role, name, pos or p_pos, with_year(signed, info.fiscal_year), page))

    grantor = next((p for p in info.parties if p.role == "grantor"), None)
    maker = next((p for p in info.parties if p.role == "maker"), None)
    info.organization, printed = _unit_and_parent(
        unit_lines, [ln.text for ln in lines], grantor.position if grantor else "", maker.position if maker else ""
    )
    if grantor:
        info.parent_organization = parent_from_position(grantor.position)
    # the body the grantor heads is the unit's parent; the one printed with the unit (its
    # ministry, say) only when the grantor's position names no body
    info.parent_organization = info.parent_organization or printed
    if info.organization is None and maker is not None:
        # the maker heads the unit: ผู้อำนวยการกองคลัง → กองคลัง
        m2 = re.match(r"^(?:ผู้อำนวยการ|หัวหน้า|เลขานุการ|อธิบดี)(.+)$", fold(maker.position))
        if m2:
            info.organization = m2.group(1)
    return info
