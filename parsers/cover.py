"""The signed cover: fiscal year, the two parties, their signature dates, the unit and the period.

The cover's paragraph 1 says who is who (`… ผู้รับคำรับรอง` = grantor, `… ผู้ทำคำรับรอง` = maker);
the signature block below repeats each name in brackets with the position and date under it, in
two columns. Names come from the signature block when it is there (it is the signed form), else
from paragraph 1; positions and dates are read column by column using each glyph's box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from parsers.dates import find_thai_dates, fiscal_year_period
from parsers.doctext import fold, slice_line, squash
from parsers.lines import Line
from parsers.numbers import thai_to_arabic_digits
from pipeline.errors import ValueParseError

TITLES = (
    "ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "ว่าที่ร.ต.", "นางสาว", "นาง", "นาย", "ดร.", "ผศ.", "รศ.", "ศ.",
    "พลตำรวจ", "พันตำรวจ", "พลเอก", "พันเอก", "พันโท", "พันตรี", "ร้อยเอก", "หม่อมหลวง", "ม.ล.", "ม.ร.ว.",
)
GRANTOR = "ผู้รับคำรับรอง"
MAKER = "ผู้ทำคำรับรอง"
_FY = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})")
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
    return squash("คำรับรองการปฏิบัติราชการ") in text and (squash(GRANTOR) in text or squash(MAKER) in text)


def find_fiscal_year(text: str) -> int | None:
    m = _FY.search(text)
    return int(thai_to_arabic_digits(m.group(1))) if m else None


def _split_name_position(text: str) -> tuple[str, str]:
    """`นางสาวนฤมล สงวนวงศ์ ผู้ช่วยปลัด…` → (name, position): title + first name + surname."""
    text = fold(text)
    words = text.split(" ")
    if len(words) >= 3:
        return " ".join(words[:2]), " ".join(words[2:])
    return text, ""


def _paragraph_parties(text: str) -> dict[str, tuple[str, str]]:
    """Name and position of each role from paragraph 1 (`… ระหว่าง <grantor> ผู้รับ… และ <maker> ผู้ทำ…`)."""
    flat = fold(text.replace("\n", " "))
    out: dict[str, tuple[str, str]] = {}
    m = re.search(r"ระหว่าง\s*(.+?)\s*" + GRANTOR + r"\s*และ\s*(.+?)\s*" + MAKER, flat)
    if m:
        out["grantor"] = _split_name_position(m.group(1))
        out["maker"] = _split_name_position(m.group(2))
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


def _organization(lines: list[Line]) -> str | None:
    """The unit named between the title `คำรับรองการปฏิบัติราชการ` and the fiscal-year line."""
    for k, ln in enumerate(lines[:12]):
        s = squash(ln.text)
        if squash("คำรับรองการปฏิบัติราชการ") in s:
            rest = fold(ln.text.split("ราชการ", 1)[-1]) if "ราชการ" in ln.text else ""
            rest = re.sub(r"^(ของ|สำหรับ)\s*", "", rest)
            rest = _FY.split(rest)[0].replace("ประจำ", "").strip() if rest else ""
            if rest and not rest.startswith("ปีงบประมาณ"):
                return rest
            for nxt in lines[k + 1 : k + 4]:
                t = fold(nxt.text)
                if not t or "ปีงบประมาณ" in t:
                    continue
                if t.startswith(("๑.", "1.")) or "ระหว่าง" in t:
                    break
                return re.sub(r"^(ของ|สำหรับ)\s*", "", t)
    return None


def _signature_block(lines: list[Line]) -> list[tuple[str, float, float, int]]:
    """(name, x0, x1, line index) for each bracketed name of the signature block."""
    found: list[tuple[str, float, float, int]] = []
    for k, ln in enumerate(lines):
        for m in _NAME_IN_BRACKETS.finditer(ln.text):
            a, b = m.start(), m.end() - 1
            if b >= len(ln.boxes):
                continue
            found.append((fold(m.group(1)), ln.boxes[a][0], ln.boxes[b][2], k))
    # keep the last line that has them (the block is at the bottom)
    if not found:
        return []
    last = max(f[3] for f in found)
    return [f for f in found if f[3] == last or abs(lines[f[3]].bottom - lines[last].bottom) < 4]


def parse_cover(lines: list[Line], page: int) -> CoverInfo:
    """Read the cover page (its repaired lines) into a `CoverInfo`; problems are listed, not raised."""
    info = CoverInfo(page=page)
    text = "\n".join(ln.text for ln in lines)
    info.fiscal_year = find_fiscal_year(text)
    info.organization = _organization(lines)
    para = _paragraph_parties(text)

    # period: "เริ่มตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๕ ถึงวันที่ ๓๐ กันยายน ๒๕๖๖"
    flat = fold(text.replace("\n", " "))
    m = re.search(r"(?:ตั้งแต่|เริ่ม)(.{0,40}?)ถึง(.{0,40})", flat)
    if m:
        try:
            a = find_thai_dates(m.group(1))
            b = find_thai_dates(m.group(2))
            if a and b:
                info.period = (a[0], b[0])
        except ValueParseError as exc:
            info.problems.append(f"period: {exc.reason}")
    if info.period is None and info.fiscal_year:
        try:
            info.period = fiscal_year_period(info.fiscal_year)
        except ValueParseError:
            pass

    block = _signature_block(lines)
    sig: list[tuple[str, str, date | None]] = []
    if block:
        block.sort(key=lambda f: f[1])
        row = block[0][3]
        bounds: list[tuple[float, float]] = []
        for i, (_, x0, x1, _) in enumerate(block):
            lo = (block[i - 1][2] + x0) / 2 if i else 0.0
            hi = (x1 + block[i + 1][1]) / 2 if i + 1 < len(block) else 1e9
            bounds.append((lo, hi))
        below = [ln for ln in lines if ln.top > lines[row].top + 1]
        below.sort(key=lambda ln: (ln.top, ln.x0))
        for (name, _, _, _), (lo, hi) in zip(block, bounds, strict=True):
            pos_parts: list[str] = []
            signed: date | None = None
            for ln in below:
                part = slice_line(ln, lo, hi)
                if not part:
                    continue
                if "วันที่" in part or find_date_safe(part):
                    signed = find_date_safe(part)
                    break
                if part.startswith("(") or "ลงชื่อ" in part:
                    break
                pos_parts.append(part)
            sig.append((name, " ".join(pos_parts).strip(), signed))

    for role, label in (("grantor", GRANTOR), ("maker", MAKER)):
        p_name, p_pos = para.get(role, ("", ""))
        chosen: tuple[str, str, date | None] | None = None
        for name, pos, signed in sig:
            if p_name and squash(name) == squash(p_name):
                chosen = (name, pos, signed)
        if chosen is None and len(sig) == 2:
            chosen = sig[0] if role == "grantor" else sig[1]
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


def find_date_safe(text: str) -> date | None:
    try:
        found = find_thai_dates(text)
    except ValueParseError:
        return None
    return found[0] if found else None
