"""The signed cover: fiscal year, the two parties, their signature dates, the unit and the period.

The cover's opening paragraph says who is who, as a sentence (`ระหว่าง … ผู้รับคำรับรอง และ|กับ …
ผู้ทำคำรับรอง`, in either order), as labelled lines (`ผู้รับคำรับรอง : <name> ตำแหน่ง <position>`)
or as blocks (the role alone on a line, the name and the position on the lines under it);
grantor = ผู้รับคำรับรอง, maker = ผู้ทำคำรับรอง. The signature block below repeats each name in
brackets with the position (possibly wrapped), sometimes the role, and the date under it, in two
columns in either order or one block under the other (the role then often on the signature line
above the name: `ลงชื่อ ……… ผู้รับคำรับรอง`). Names come from the signature block when it is there (it is the signed
form), else from the paragraph; positions and dates are read column by column using each glyph's
box, and a column is matched to its role by name, else by its role label, else by position
(grantor on the left). The columns are found where the names and the `ลงชื่อ` lines stand, never
from the page's lines: a producer may write both columns on one line, or each column's lines on
baselines of their own (a name or a `ลงชื่อ` that wraps in its narrow column shifts the rest of
that column down a line).

The unit is named in the title block (`คำรับรองการปฏิบัติราชการ` / `ของ กองคลัง` / the fiscal
year; the title in the cover's largest print, a running header that repeats it is small) or by a
label (a letter's `ส่วนราชการ กองคลัง`, a form's row `ส่วนราชการผู้ทำคำรับรอง | กองคลัง`; a form's
rows are read as lines, see `cover_lines`). Its name may be followed by the body it belongs to
(`กองคลัง กรมเจ้าท่า`, `สังกัด…` or `กระทรวงมหาดไทย` on the line under it), which is not part of
the unit's name; the body the grantor heads is the parent, the printed one only when the
grantor's position names no body.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from parsers.errors import ValueParseError
from parsers.pdf.document import PageContent
from parsers.pdf.lines import Boxes, Line
from parsers.pdf.tables import Cell
from parsers.sections import labels
from parsers.sections.doctext import fold, numbered, slice_line, squash
from parsers.thai.dates import find_thai_dates, fiscal_year_period, in_fiscal_year, yearless_dates
from parsers.thai.numbers import thai_to_arabic_digits

TITLES = labels.TITLES
GRANTOR = labels.GRANTOR
MAKER = labels.MAKER
_FY = labels.FISCAL_YEAR_RE
_TITLE_RE = "(?:" + "|".join(re.escape(t) for t in TITLES) + ")"
_NAME_IN_BRACKETS = re.compile(r"\(\s*(" + _TITLE_RE + r"[^()]{2,60}?)\s*\)")
#: a bracketed name of two or three Thai words with no title read (on a line with a titled one)
_BRACKETED_WORDS = re.compile(r"\(\s*([\u0e01-\u0e4e.]{2,30}(?:\s+[\u0e01-\u0e4e.]{2,30}){1,2})\s*\)")


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


def _is_thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"


def join_thai(parts: list[str], known: Sequence[str] = ()) -> str:
    """Lines of one wrapped paragraph or cell as one text: Thai is written without spaces
    between words, so two Thai letters across a line break belong together — unless the document
    writes the same two words with a space between them on one of its `known` lines (`…สุพรรณบุรี`
    / `เขต 1` where another line has `สุพรรณบุรี เขต 1`); anything else across a break was a space."""
    out = ""
    for p in (fold(p) for p in parts):
        if not p:
            continue
        if out and not (_is_thai_letter(out[-1]) and _is_thai_letter(p[0])):
            out += " "
        elif out and known and _spaced_elsewhere(out, p, known):
            out += " "
        out += p
    return out


def _spaced_elsewhere(left: str, right: str, known: Sequence[str]) -> bool:
    """Whether `known` lines write the end of `left` and the start of `right` apart, and never
    together (up to 8 letters each side, 8 in all at least, so that common short words decide
    nothing)."""
    a = left.rsplit(" ", 1)[-1][-8:]
    b = right.split(" ", 1)[0][:8]
    if len(a) < 3 or len(b) < 3 or len(a) + len(b) < 8:
        return False
    spaced = re.compile(re.escape(a) + r"\s+" + re.escape(b))
    return any(spaced.search(t) for t in known) and not any(a + b in t for t in known)


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
_ROLE_OF = {squash(GRANTOR): "grantor", squash(MAKER): "maker"}


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


def _wrapped_name(lines: list[Line], k: int) -> _Name | None:
    """The name opened in brackets at the end of line k and closed at the start of a line just
    under it that stands over the same place."""
    ln = lines[k]
    m = _NAME_OPEN.search(ln.text)
    if m is None or m.end() - 1 >= len(ln.boxes):
        return None
    x0, x1 = ln.boxes[m.start()][0], ln.boxes[m.end() - 1][2]
    for nxt in lines:
        if not ln.top < nxt.top <= ln.bottom + 1.5 * ln.size or nxt.x1 < x0 or nxt.x0 > x1:
            continue
        close = _NAME_CLOSE.match(nxt.text)
        if close:
            rest = ln.text[: m.start()] + nxt.text[close.end() :]
            text = _join_name(fold(m.group(1)), fold(close.group(1)))
            return _Name(text, min(x0, nxt.x0), max(x1, nxt.x1), ln.top, nxt.top, _alone(rest), ln.size)
    return None


def _signature_names(lines: list[Line]) -> list[_Name]:
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
            found.append(_Name(fold(m.group(1)), b[m.start()][0], b[m.end() - 1][2], ln.top, ln.top, _alone(rest), ln.size))
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
    one column's whole, the one its middle stands in; a line that stands across both columns
    (both written on one line) is cut at the edge, glyph by glyph."""
    spill = max(0.0, lo - ln.x0) + max(0.0, ln.x1 - hi)
    if spill < 0.25 * (ln.x1 - ln.x0) and not _has_column_gap(ln):
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
        if label in _ROLE_OF:
            return _ROLE_OF[label]
        if labels.SIGNED in part or part.startswith("(") or find_date_safe(part):
            break
        edge = ln.top
    return None


def _signature_blocks(lines: list[Line]) -> list[tuple[str, str, date | None, str | None]]:
    """(name, position, date, role) of each signature block, the first of each column left to
    right, then the second of each: side by side blocks read left to right, stacked ones top to
    bottom. A block runs down its column from its name to the next name in that column."""
    names = _signature_names(lines)
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
            position, signed, role = _signature_column(parts, known)
            placed.append((i, c, (name.text, position, signed, role or _role_above(lines, name, lo, hi))))
    return [block for *_, block in sorted(placed, key=lambda p: (p[0], p[1]))]


def cover_lines(cover: PageContent, following: PageContent | list[PageContent] | None) -> list[Line]:
    """The cover's lines, and when its signatures (both, or the second of two blocks one under the
    other) are not on it but on a following page, that page's lines down to its first table,
    placed below the cover's (their boxes moved down by the heights above, so that columns and
    rows read as on one tall page). A page between, with no table and no signature (the cover's
    paragraph running on), is taken along only when a page with the signatures follows it."""
    pages = [following] if isinstance(following, PageContent) else list(following or [])
    own = _with_form_rows(cover)
    if len(_signature_names(own)) >= 2:
        if pages and not _signature_names(pages[0].lines) and _opens_with_a_role(pages[0]):
            # the last signature block cut by the page break: its role and date run on overleaf
            return own + _lines_above_tables(pages[0], cover.height)
        return own
    lines, dy = own, cover.height
    between: list[Line] = []
    for page in pages[:MAX_SIGNATURE_PAGES]:
        top = min((t.bbox[1] for t in page.tables), default=float("inf"))
        above = [ln for ln in page.lines if ln.bottom <= top]
        moved = [
            Line(ln.text, Boxes((x0, y0 + dy, x1, y1 + dy) for x0, y0, x1, y1 in ln.boxes), ln.page, ln.size, ln.trailing_space)
            for ln in above
        ]
        dy += page.height
        if _signature_names(page.lines):
            return lines + between + moved
        if page.tables or not above:
            break
        between += moved
    return lines


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
            if squash(label) in _ROLE_OF:
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
    sig = _signature_blocks(lines)
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


def _signature_column(parts: list[str], known: Sequence[str] = ()) -> tuple[str, date | None, str | None]:
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
