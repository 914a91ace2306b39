"""The record's verdict on itself: `ok`, or `needs_review` with the reasons a person should look.

Extraction will never be right on every unit's PDF; what admins and auditors need is to know
which records to check. A record needs review when a required part is missing or implausible
(organization, fiscal year, period, either party, a KPI without weight or levels, weights not
summing to 100, level targets neither rising nor falling, a KPI named in one table and absent
from another), when a page it depends on was damaged or read by OCR with low confidence, or when
two readings of a weight disagree.

The checks on the record's content are recomputed from the record as it now is, so a person's
correction that makes it right clears them; the reasons that come from the document itself (a
KPI missing from a table, a page read badly) are cleared by a correction of the field they name.
A criteria disagreement between the targets table and the template is a finding, not a reason:
`pipeline.assemble.PRECEDENCE` decides it the same way every time, and the finding shows both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsers.sections import labels
from parsers.thai.chars import ABOVE_VOWELS, BELOW_VOWELS, MARKS, NIKHAHIT, SARA_AA
from pipeline.findings import monotonic_findings, weight_findings
from pipeline.models import Agreement, Finding, Quality, Reason

#: finding codes `assess` computes again from the record rather than taking from extraction
RECOMPUTED = frozenset({"weight_sum", "category_weight_mismatch", "targets_not_monotonic"})

#: reason code → (Thai, English) text; `{n}`, `{total}`, `{page}` are filled in
TEXTS: dict[str, tuple[str, str]] = {
    "organization": ("ไม่พบชื่อหน่วยงาน", "no organization found"),
    "fiscal_year": ("ไม่พบปีงบประมาณ", "no fiscal year found"),
    "period": ("ไม่พบระยะเวลาของคำรับรอง", "no period found"),
    "grantor": ("ไม่พบผู้รับคำรับรอง", "no grantor (ผู้รับคำรับรอง) found"),
    "maker": ("ไม่พบผู้ทำคำรับรอง", "no maker (ผู้ทำคำรับรอง) found"),
    "no_kpis": ("ไม่พบตัวชี้วัด", "no KPIs found"),
    "kpi_weight": ("ตัวชี้วัดที่ {n} ไม่มีน้ำหนัก", "KPI {n} has no weight"),
    "kpi_levels": ("ตัวชี้วัดที่ {n} มีเกณฑ์ไม่ครบทุกระดับ", "KPI {n} does not have a target for every level"),
    "weight_sum": ("น้ำหนักรวม {total} ไม่เท่ากับ 100", "KPI weights add up to {total}, not 100"),
    "targets_not_monotonic": (
        "เกณฑ์ของตัวชี้วัดที่ {n} ไม่เรียงจากน้อยไปมากหรือมากไปน้อย",
        "KPI {n}: level targets neither rise nor fall",
    ),
    "kpi_missing": ("ตัวชี้วัดที่ {n} ไม่อยู่ในทุกตาราง", "KPI {n} is missing from one of the tables"),
    "weight_mismatch": ("น้ำหนักของตัวชี้วัดที่ {n} ไม่ตรงกันระหว่างตาราง", "KPI {n}: the tables give different weights"),
    "category_weight_mismatch": (
        "น้ำหนักของประเด็นไม่เท่ากับผลรวมของตัวชี้วัด",
        "a category's weight is not the sum of its KPIs' weights",
    ),
    "cover": ("ข้อมูลหน้าปกไม่ครบ", "the cover could not be read in full"),
    "rounds_unread": ("อ่านเป้าหมายรายรอบของตัวชี้วัดที่ {n} ไม่ได้", "KPI {n}: its rounds could not be read"),
    "low_confidence": ("หน้า {page} อ่านด้วย OCR ได้ไม่ชัด", "page {page} was read by OCR with low confidence"),
    "damaged_page": ("หน้า {page} ชั้นข้อความเสียหาย", "page {page} has a damaged text layer"),
    "damaged_text": ("ข้อความมีอักขระเสียหาย", "the text has broken characters"),
    "ministry_in_name": ("ชื่อหน่วยงานอาจมีชื่อกระทรวงปนอยู่", "the organization's name may include the ministry's"),
    "party_name": ("ชื่อผู้ลงนามอาจอ่านผิด", "a signatory's name looks misread"),
    "party_position": ("ไม่พบตำแหน่งของผู้ลงนาม", "a signatory's position is missing"),
    "kpi_name": ("ตัวชี้วัดที่ {n} ไม่มีชื่อ", "KPI {n} has no name"),
    "round_goal": (
        "เป้าหมายรายรอบของตัวชี้วัดที่ {n} มีขั้นตอนปนอยู่",
        "KPI {n}: a round's goal has the steps run into it",
    ),
    "criteria_not_numbers": (
        "เกณฑ์ของตัวชี้วัดที่ {n} เป็นตัวเลขแต่อ่านค่าไม่ได้",
        "KPI {n}: the targets look like numbers but were not read as numbers",
    ),
}

#: finding codes that make a record need review, and the reason code each becomes
FINDING_REASONS: dict[str, str] = {
    "weight_sum": "weight_sum",
    "category_weight_mismatch": "category_weight_mismatch",
    "targets_not_monotonic": "targets_not_monotonic",
    "kpi_missing": "kpi_missing",
    "cover": "cover",
    "rounds_unread": "rounds_unread",
    "low_confidence": "low_confidence",
    "damaged_page": "damaged_page",
}


def assess(record: Agreement, corrected: Iterable[str] = ()) -> Quality:
    """The verdict on `record`; `corrected` are the field paths a person has corrected."""
    fixed = list(corrected)
    # the checks on weights and targets run again on the record as it now is; what only the
    # document could show (a KPI missing from a table, a page read badly) comes from its findings
    table_page = next((f.page for f in record.findings if f.code in RECOMPUTED and f.page), None)
    recomputed = weight_findings(record, table_page) + monotonic_findings(record)
    from_document = [
        f for f in record.findings if f.code not in RECOMPUTED and (f.code in FINDING_REASONS or f.code == "summary_template_mismatch")
    ]
    total = sum(k.weight for k in record.kpis)
    reasons = content_reasons(record) + finding_reasons(recomputed + from_document, total)
    reasons = [r for r in reasons if not _covered(r.field, fixed)]
    return Quality(status="needs_review" if reasons else "ok", reasons=reasons)


def content_reasons(record: Agreement) -> list[Reason]:
    """What the record as it now is lacks or gets implausible (recomputed after corrections)."""
    cover_page = next((p.page for p in record.parties if p.page), None)
    out: list[Reason] = []
    if not record.organization.strip():
        out.append(_reason("organization", "organization", cover_page))
    if not record.fiscal_year:
        out.append(_reason("fiscal_year", "fiscal_year", cover_page))
    if record.period is None:
        out.append(_reason("period", "period", cover_page))
    for role in ("grantor", "maker"):
        party = record.party(role)
        if party is None or not party.name.strip():
            out.append(_reason(role, f"parties.{role}", cover_page))
    out += party_reasons(record, cover_page)
    if not record.kpis:
        out.append(_reason("no_kpis", "kpis", None))
    for k in record.kpis:
        page = k.pages[0] if k.pages else None
        if k.weight <= 0:
            out.append(_reason("kpi_weight", f"kpis.{k.number}.weight", page, n=k.number))
        if k.scoring != "direct" and len(k.criteria) != len(record.scale.levels):
            out.append(_reason("kpi_levels", f"kpis.{k.number}.criteria", page, n=k.number))
    return out + kpi_reasons(record) + text_reasons(record)


def party_reasons(record: Agreement, cover_page: int | None) -> list[Reason]:
    """Cover fields that were read but look wrong: the ministry glued to the unit's name (after a
    space: `สำนักงานจังหวัดชลบุรี กระทรวงมหาดไทย`, while `สำนักงานปลัดกระทรวง…` is one name), a
    signatory's name that carries the dotted signature line, digits or a whole sentence, a
    signatory without a position."""
    out: list[Reason] = []
    if re.search(r"\s" + labels.MINISTRY, record.organization):
        out.append(_reason("ministry_in_name", "organization", cover_page))
    for p in record.parties:
        if p.name.strip() and (_DOTS.search(p.name) or re.search(r"[0-9๐-๙]", p.name) or len(p.name) > 80):
            out.append(_reason("party_name", f"parties.{p.role}.name", p.page))
        if p.name.strip() and not p.position.strip():
            out.append(_reason("party_position", f"parties.{p.role}.position", p.page))
    return out


def kpi_reasons(record: Agreement) -> list[Reason]:
    """KPIs read but implausible: no name; a round's goal with the steps' heading in it (a
    two-column round table read as one cell; a goal may itself be a numbered list); targets that read as numbers to a person (`≥ 80`,
    `ไม่เกิน 30 วัน`) but not to the parser."""
    out: list[Reason] = []
    for k in record.kpis:
        page = k.pages[0] if k.pages else None
        if not k.name.strip():
            out.append(_reason("kpi_name", f"kpis.{k.number}.name", page, n=k.number))
        if any(r.goal and labels.STEPS in r.goal for r in k.rounds):
            out.append(_reason("round_goal", f"kpis.{k.number}.rounds", page, n=k.number))
        if k.criteria and all(c.value is None and _NUMERIC_LOOK.match(c.text) for c in k.criteria):
            out.append(_reason("criteria_not_numbers", f"kpis.{k.number}.criteria", page, n=k.number))
    return out


def text_reasons(record: Agreement) -> list[Reason]:
    """Text fields with characters clean Thai never has: Private-Use-Area glyphs, U+FFFD, `(cid:N)`,
    a split ำ, a mark with no letter under it, a Latin-Extended letter inside Thai."""
    out: list[Reason] = []
    for field, text, page in _texts(record):
        if text and _BROKEN.search(text):
            out.append(_reason("damaged_text", field, page))
    return out


def _texts(record: Agreement) -> Iterable[tuple[str, str, int | None]]:
    yield "organization", record.organization, None
    yield "parent_organization", record.parent_organization or "", None
    for p in record.parties:
        yield f"parties.{p.role}.name", p.name, p.page
        yield f"parties.{p.role}.position", p.position, p.page
    for k in record.kpis:
        page = k.pages[0] if k.pages else None
        yield f"kpis.{k.number}.name", k.name, page
        for i, c in enumerate(sorted(k.criteria, key=lambda c: c.level), start=1):
            yield f"kpis.{k.number}.criteria.{i}.text", c.text, page
        for r in k.rounds:
            yield f"kpis.{k.number}.rounds", " ".join([r.goal or "", *r.steps]), page


_DOTS = re.compile(r"\.{3,}|…|_{3,}")
#: a target a person reads as a number: an operator or a comparison word, then a number soon after
_NUMERIC_LOOK = re.compile(r"^\s*(?:[≥≤<>=]|ไม่น้อยกว่า|ไม่เกิน|มากกว่า|น้อยกว่า|ร้อยละ)?\s*[0-9๐-๙]")
_ABOVE = "[" + "".join(sorted(ABOVE_VOWELS)) + "]"
_BELOW = "[" + "".join(sorted(BELOW_VOWELS)) + "]"
_BROKEN = re.compile(
    # an above vowel and a below vowel on one letter never happen in Thai (`ทีู`: a mark fragment
    # a damaged text layer recovered as ู)
    f"{_ABOVE}{_BELOW}|{_BELOW}{_ABOVE}|"
    # PUA glyphs, U+FFFD, unmapped glyphs, a split ำ, a mark with no letter under it, Latin-Extended inside Thai
    f"[\uf700-\uf8ff\ufffd]|\\(cid:\\d+\\)|{NIKHAHIT}{SARA_AA}|(?:^|[\\s(])[{''.join(sorted(MARKS))}]"
    "|[\u0e01-\u0e4f][\u0100-\u024f]|[\u0100-\u024f][\u0e01-\u0e4f]"
)


def finding_reasons(findings: Iterable[Finding], total: float = 100.0) -> list[Reason]:
    """Reasons from what extraction saw in the document: a KPI missing from a table, a cover it
    could not read in full, a page read badly, two weights for one KPI."""
    out: list[Reason] = []
    seen: set[tuple[str, str]] = set()
    for f in findings:
        code = FINDING_REASONS.get(f.code)
        if code is None and f.code == "summary_template_mismatch" and (f.field or "").endswith(".weight"):
            code = "weight_mismatch"
        if code is None:
            continue
        field = f.field or ""
        n = _kpi_number(field)
        key = (code, field if n is not None or code != "cover" else "cover")
        if key in seen:
            continue
        seen.add(key)
        out.append(_reason(code, field, f.page, n=n, total=f"{total:g}", page_text=f.page))
    return out


def _kpi_number(field: str) -> int | None:
    parts = field.split(".")
    return int(parts[1]) if len(parts) > 1 and parts[0] == "kpis" and parts[1].isdigit() else None


def _reason(code: str, field: str, page: int | None, *, n: int | None = None, total: str = "", page_text: int | None = None) -> Reason:
    thai, english = TEXTS[code]
    values = {"n": n if n is not None else "", "total": total, "page": page_text if page_text is not None else ""}
    return Reason(field=field, why=thai.format(**values), why_en=english.format(**values), page=page)


def _covered(field: str, corrected: list[str]) -> bool:
    """A correction of `field`, of a part of it, or of what contains it, clears its reason."""
    return any(c == field or c.startswith(field + ".") or field.startswith(c + ".") for c in corrected)


#: the words around a review line, in each language the tool speaks
REVIEW_WORDS: dict[str, tuple[str, str]] = {"th": ("ต้องตรวจทาน", "หน้า"), "en": ("needs review", "page")}


def reason_text(reason: Reason, lang: str = "th") -> str:
    """One reason as a reader sees it: its text in `lang`, and the page it concerns."""
    _, page_word = REVIEW_WORDS[lang]
    text = reason.why if lang == "th" else reason.why_en
    on_page = f" ({page_word} {reason.page})" if reason.page and str(reason.page) not in text else ""
    return text + on_page


def review_line(file: str, reasons: Iterable[Reason], lang: str = "th") -> str:
    """`<file>: ต้องตรวจทาน: <reason>; <reason>` — the one line a record that needs review gets."""
    label, _ = REVIEW_WORDS[lang]
    return f"{file}: {label}: " + "; ".join(reason_text(r, lang) for r in reasons)
