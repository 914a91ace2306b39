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
(grantor on the left).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from parsers.errors import ValueParseError
from parsers.pdf.document import PageContent
from parsers.pdf.lines import Boxes, Line
from parsers.sections import labels
from parsers.sections.doctext import fold, numbered, slice_line, squash
from parsers.thai.dates import find_thai_dates, fiscal_year_period
from parsers.thai.numbers import thai_to_arabic_digits

TITLES = labels.TITLES
GRANTOR = labels.GRANTOR
MAKER = labels.MAKER
_FY = labels.FISCAL_YEAR_RE
_TITLE_RE = "(?:" + "|".join(re.escape(t) for t in TITLES) + ")"
_NAME_IN_BRACKETS = re.compile(r"\(\s*(" + _TITLE_RE + r"[^()]{2,60}?)\s*\)")


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
    text = fold(text)
    text = re.sub(r"\s*ในฐานะ\s*$", "", text)
    if labels.POSITION in text:
        name, _, position = text.partition(labels.POSITION)
        return fold(name), fold(position.lstrip(" :："))
    for known in names:
        target = squash(known)
        if target and squash(text).startswith(target):
            k = next(k for k in range(len(text) + 1) if squash(text[:k]) == target)
            return known, fold(text[k:])
    words = text.split(" ")
    if len(words) >= 3:
        return " ".join(words[:2]), " ".join(words[2:])
    return text, ""


_ROLE = {"grantor": GRANTOR, "maker": MAKER}
_AND = r"\s*(?:และ|กับ)\s*"
_AS = r"\s*(?:ในฐานะ\s*)?"
#: a name and position: some text that holds no role label (so a match never runs on into
#: `ผู้รับคำรับรองและผู้ทำคำรับรอง ได้เข้าใจ…` further down the cover)
_PERSON = r"((?:(?!" + GRANTOR + "|" + MAKER + r").){3,200}?)"
_LABELLED = re.compile(
    r"(" + GRANTOR + "|" + MAKER + r")\s*[:：]?\s*(" + _TITLE_RE + r".+?)"
    r"(?=" + GRANTOR + "|" + MAKER + r"|\s[0-9๐-๙]{1,2}\s*\.\s|$)"
)


def _paragraph_parties(text: str, names: Sequence[str] = ()) -> dict[str, tuple[str, str]]:
    """Name and position of each role from the cover's opening paragraph: the sentence form
    (`… ระหว่าง <grantor> [ในฐานะ]ผู้รับคำรับรอง และ|กับ <maker> ผู้ทำคำรับรอง`, either order) or
    the labelled form (`ผู้รับคำรับรอง : <name> ตำแหน่ง <position>`)."""
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
        for nxt in lines[k + 2 : k + 4]:
            t = fold(nxt.text)
            if squash(t).strip(":：") in roles or numbered(t) or labels.SIGNED in t or t.startswith("("):
                break
            position.append(t)
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


def _organization(lines: list[Line]) -> str | None:
    """The unit named between the title `คำรับรองการปฏิบัติราชการ` and the fiscal-year line (on
    one line, or wrapped over two)."""
    for k, ln in enumerate(lines[:12]):
        s = squash(ln.text)
        if squash(labels.AGREEMENT) in s:
            rest = fold(ln.text.split("ราชการ", 1)[-1]) if "ราชการ" in ln.text else ""
            rest = re.sub(r"^(ของ|สำหรับ)\s*", "", rest)
            rest = _FY.split(rest)[0].replace("ประจำ", "").strip() if rest else ""
            if rest and not rest.startswith(labels.FISCAL_YEAR):
                return rest
            for j in range(k + 1, min(k + 4, len(lines))):
                t = fold(lines[j].text)
                if not t or labels.FISCAL_YEAR in t:
                    continue
                if t.startswith(("๑.", "1.")) or "ระหว่าง" in t:
                    break
                # a long name wraps: its lines run on to the fiscal-year line
                parts = [t]
                for nxt in lines[j + 1 : j + 3]:
                    if labels.FISCAL_YEAR in nxt.text:
                        break
                    parts.append(fold(nxt.text))
                else:
                    parts = [t]
                return re.sub(r"^(ของ|สำหรับ)\s*", "", join_thai(parts, [ln.text for ln in lines]))
    return None


def _signature_rows(lines: list[Line]) -> list[list[tuple[str, float, float, int]]]:
    """The rows of bracketed names that sign the cover, top to bottom: (name, x0, x1, line index).

    A signature's name stands alone in brackets on its line (`(นายสมชาย ใจดี)`, two of them side
    by side); the parties sign side by side (one row) or one under the other (a row each). When
    no line holds only bracketed names, the last line that has any is the signature row.
    """
    found: list[tuple[str, float, float, int]] = []
    alone: set[int] = set()
    for k, ln in enumerate(lines):
        here = []
        for m in _NAME_IN_BRACKETS.finditer(ln.text):
            a, b = m.start(), m.end() - 1
            if b >= len(ln.boxes):
                continue
            here.append((fold(m.group(1)), ln.boxes[a][0], ln.boxes[b][2], k))
        found.extend(here)
        if here and not _NAME_IN_BRACKETS.sub("", ln.text).strip():
            alone.add(k)
    if not found:
        return []
    keys = sorted(alone) or [max(f[3] for f in found)]
    rows: list[list[tuple[str, float, float, int]]] = []
    for k in keys:
        # names on one baseline are one row, whether the line holds both or each its own (and
        # whatever else a scan put beside one of them: `(นางพรทิพย์ สุขเจริญ) 4.`)
        if rows and abs(lines[rows[-1][0][3]].bottom - lines[k].bottom) < 4:
            continue
        rows.append([f for f in found if f[3] == k or abs(lines[f[3]].bottom - lines[k].bottom) < 4])
    return rows


def _role_above(lines: list[Line], row_top: float, lo: float, hi: float) -> str | None:
    """The role written on the signature line just above a bracketed name
    (`ลงชื่อ ……………… ผู้รับคำรับรอง`), if any."""
    for ln in lines:
        if row_top - 2.5 * ln.size < ln.bottom <= row_top + 1:
            s = squash(slice_line(ln, lo, hi))
            if squash(GRANTOR) in s:
                return "grantor"
            if squash(MAKER) in s:
                return "maker"
    return None


def cover_lines(cover: PageContent, following: PageContent | None) -> list[Line]:
    """The cover's lines, and when its signatures (both, or the second of two blocks one under the
    other) are not on it but head the next page, that page's lines down to its first table, placed
    below the cover's (their boxes moved down by the cover's height, so that columns and rows read
    as on one tall page)."""
    signed = sum(len(row) for row in _signature_rows(cover.lines))
    if following is None or signed >= 2 or not _signature_rows(following.lines):
        return cover.lines
    top = min((t.bbox[1] for t in following.tables), default=float("inf"))
    dy = cover.height
    more = [
        Line(ln.text, Boxes((x0, y0 + dy, x1, y1 + dy) for x0, y0, x1, y1 in ln.boxes), ln.page, ln.size, ln.trailing_space)
        for ln in following.lines
        if ln.bottom <= top
    ]
    return cover.lines + more


def parse_cover(lines: list[Line], page: int) -> CoverInfo:
    """Read the cover page (its repaired lines) into a `CoverInfo`; problems are listed, not raised."""
    info = CoverInfo(page=page)
    text = "\n".join(ln.text for ln in lines)
    info.fiscal_year = find_fiscal_year(text)
    info.organization = _organization(lines)
    flat = join_thai([ln.text for ln in lines], [ln.text for ln in lines])
    rows = _signature_rows(lines)
    para = _paragraph_parties(flat, [f[0] for row in rows for f in row]) | _block_parties(lines)

    # period: "เริ่มตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๕ ถึงวันที่ ๓๐ กันยายน ๒๕๖๖"
    m = re.search(r"(?:ตั้งแต่|เริ่ม)(.{0,40}?)ถึง(.{0,40})", flat)
    if m:
        try:
            a = find_thai_dates(m.group(1))
            b = find_thai_dates(m.group(2))
            if a and b:
                info.period = (a[0], b[0])
        except ValueParseError as exc:
            info.problems.append(f"period: {exc.reason}")
    if info.period is None and not info.problems:
        # or a range: "ระยะเวลาของคำรับรอง ๑ มกราคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๗"
        m = re.search(r"ระยะเวลา(.{0,90})", flat)
        try:
            found = find_thai_dates(m.group(1)) if m else []
            if len(found) >= 2 and found[0] < found[1]:
                info.period = (found[0], found[1])
        except ValueParseError as exc:
            info.problems.append(f"period: {exc.reason}")
    if info.period is None and info.fiscal_year:
        try:
            info.period = fiscal_year_period(info.fiscal_year)
        except ValueParseError:
            pass

    sig: list[tuple[str, str, date | None, str | None]] = []
    for r, block in enumerate(rows):
        block.sort(key=lambda f: f[1])
        row = block[0][3]
        # a column runs down from its name to the next row of names
        end = lines[rows[r + 1][0][3]].top - 1 if r + 1 < len(rows) else 1e9
        bounds: list[tuple[float, float]] = []
        for i, (_, x0, x1, _) in enumerate(block):
            lo = (block[i - 1][2] + x0) / 2 if i else 0.0
            hi = (x1 + block[i + 1][1]) / 2 if i + 1 < len(block) else 1e9
            bounds.append((lo, hi))
        below = [ln for ln in lines if lines[row].top + 1 < ln.top < end]
        below.sort(key=lambda ln: (ln.top, ln.x0))
        for (name, _, _, _), (lo, hi) in zip(block, bounds, strict=True):
            parts = [p for ln in below if (p := slice_line(ln, lo, hi))]
            position, signed, role = _signature_column(parts, [ln.text for ln in lines])
            sig.append((name, position, signed, role or _role_above(lines, lines[row].top, lo, hi)))

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
        info.parties.append(PartyInfo(role, name, pos or p_pos, signed, page))

    grantor = next((p for p in info.parties if p.role == "grantor"), None)
    if grantor:
        info.parent_organization = parent_from_position(grantor.position)
    maker = next((p for p in info.parties if p.role == "maker"), None)
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
    for i, part in enumerate(parts):
        s = squash(part).strip("()")
        if (part.startswith("(") and s not in (squash(GRANTOR), squash(MAKER))) or labels.SIGNED in part:
            break
        if s in (squash(GRANTOR), squash(MAKER)):
            role = "grantor" if s == squash(GRANTOR) else "maker"
            continue
        if "วันที่" in part or find_date_safe(part):
            text = part
            signed = find_date_safe(text)
            for more in parts[i + 1 : i + 3]:
                if signed is not None:
                    break
                text += " " + more
                signed = find_date_safe(text)
            break
        position.append(part)
    return join_thai(position, known), signed, role


def find_date_safe(text: str) -> date | None:
    try:
        found = find_thai_dates(text)
    except ValueParseError:
        return None
    return found[0] if found else None
