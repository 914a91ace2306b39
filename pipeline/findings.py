"""Validation of an extracted agreement: where the document contradicts itself.

A finding is not a failure — the record is still written — but every inconsistency an auditor
would catch by hand is listed with the page where it shows: weights that do not add up, a
category whose weight is not its KPIs' sum, a weight or target that the summary tables and the
KPI template state differently, level targets that are not monotonic, a KPI missing from a table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Literal

from pipeline.models import KPI, Agreement, Finding, Severity

if TYPE_CHECKING:
    from parsers.sections.cover import CoverInfo
    from parsers.sections.framework import FrameworkInfo, FrameworkRow
    from parsers.sections.targets import TargetRow
    from parsers.sections.template import TemplateInfo


def _fmt(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:g}" if v != int(v) else f"{int(v)}"


def fmt_text_number(text: str, value: float | None) -> str:
    """A target as the document wrote its number (keeps `35.0`), for messages."""
    from parsers.thai.numbers import leading_target

    found = leading_target(text)
    return str(found[1]) if found is not None else _fmt(value)


# ------------------------------------------------------------------------------- the messages

#: message id → (code, English, Thai). The code is what records, tests and scripts key on and
#: never changes; a code may have several sentences (which table disagrees with which). The
#: English text is the record's ``message`` (the shared contract's field), the Thai its
#: ``message_th``. Reports of records made before ``message_th`` existed read the English
#: sentence back through the same template (:func:`finding_message`), so both languages render.
FINDING_TEXTS: dict[str, tuple[str, str, str]] = {
    "weight_sum": ("weight_sum", "KPI weights add up to {total}, not 100", "น้ำหนักของตัวชี้วัดรวมกันได้ {total} ไม่ใช่ 100"),
    "category_weight_mismatch": (
        "category_weight_mismatch",
        "category '{name}' has weight {weight} but its KPIs ({kpis}) add up to {total}",
        "องค์ประกอบ “{name}” มีน้ำหนัก {weight} แต่ตัวชี้วัดขององค์ประกอบนี้ ({kpis}) รวมกันได้ {total}",
    ),
    "targets_not_monotonic": (
        "targets_not_monotonic",
        "KPI {n}: level targets {targets} neither rise nor fall",
        "ตัวชี้วัดที่ {n}: ค่าเป้าหมายตามระดับ {targets} ไม่ได้เรียงจากน้อยไปมากหรือจากมากไปน้อย",
    ),
    "kpi_missing.framework": (
        "kpi_missing",
        "KPI {n} is not in the framework table",
        "ไม่พบตัวชี้วัดที่ {n} ในตารางกรอบการประเมินผล",
    ),
    "kpi_missing.targets": ("kpi_missing", "KPI {n} is not in the targets table", "ไม่พบตัวชี้วัดที่ {n} ในตารางค่าเป้าหมาย"),
    "kpi_missing.templates": (
        "kpi_missing",
        "KPI {n} is not in the KPI templates",
        "ไม่พบตัวชี้วัดที่ {n} ในรายละเอียดตัวชี้วัด (แบบฟอร์มตัวชี้วัด)",
    ),
    "summary_template_mismatch.weight": (
        "summary_template_mismatch",
        "KPI {n}: the framework table gives weight {a} but the KPI template gives {b}",
        "ตัวชี้วัดที่ {n}: ตารางกรอบการประเมินผลให้น้ำหนัก {a} แต่รายละเอียดตัวชี้วัดให้ {b}",
    ),
    "summary_template_mismatch.targets": (
        "summary_template_mismatch",
        "KPI {n}: the targets table gives {a} but the KPI template gives {b}",
        "ตัวชี้วัดที่ {n}: ตารางค่าเป้าหมายให้ {a} แต่รายละเอียดตัวชี้วัดให้ {b}",
    ),
    "summary_template_mismatch.summary": (
        "summary_template_mismatch",
        "KPI {n}: the summary table gives weight {a} but the framework table gives {b}",
        "ตัวชี้วัดที่ {n}: ตารางสรุปให้น้ำหนัก {a} แต่ตารางกรอบการประเมินผลให้ {b}",
    ),
    "rounds_unread": (
        "rounds_unread",
        "KPI {n}: the template names its rounds but none could be read",
        "ตัวชี้วัดที่ {n}: รายละเอียดตัวชี้วัดมีเป้าหมายรายรอบ แต่อ่านรอบใดไม่ได้",
    ),
    "cover.party": ("cover", "no {label} on the cover", "ไม่พบ{label}ในหน้าปก"),
    "cover.period": ("cover", "period: {reason}", "อ่านระยะเวลาของคำรับรองในหน้าปกไม่ได้"),
    "no_fiscal_year": ("no_fiscal_year", "no fiscal year found", "ไม่พบปีงบประมาณ"),
    "damaged_page": (
        "damaged_page",
        "page {page}: the text layer is damaged and the page was not read by OCR",
        "หน้า {page}: ชั้นข้อความของหน้านี้เสียหาย และไม่ได้อ่านด้วย OCR",
    ),
    "low_confidence": (
        "low_confidence",
        "page {page} was read by OCR with mean word confidence {confidence}",
        "หน้า {page} อ่านด้วย OCR ได้ความมั่นใจเฉลี่ยต่อคำเพียง {confidence}",
    ),
}

#: what a code means, in Thai: shown for a message no template above reads back (a record from
#: another version of thaikpi), with the English original beside it
CODE_TH: dict[str, str] = {
    "weight_sum": "น้ำหนักของตัวชี้วัดรวมกันไม่เท่ากับ 100",
    "category_weight_mismatch": "น้ำหนักขององค์ประกอบไม่เท่ากับผลรวมน้ำหนักของตัวชี้วัด",
    "targets_not_monotonic": "ค่าเป้าหมายตามระดับไม่เรียงลำดับ",
    "kpi_missing": "ตัวชี้วัดไม่อยู่ในทุกตาราง",
    "summary_template_mismatch": "ตารางสรุปกับรายละเอียดตัวชี้วัดให้ค่าไม่ตรงกัน",
    "cover": "ข้อมูลหน้าปกไม่ครบ",
    "rounds_unread": "อ่านเป้าหมายรายรอบของตัวชี้วัดไม่ได้",
    "no_fiscal_year": "ไม่พบปีงบประมาณ",
    "damaged_page": "ชั้นข้อความของหน้าเสียหาย",
    "low_confidence": "หน้าที่อ่านด้วย OCR ได้ไม่ชัด",
}


def finding(
    key: str, severity: Severity, page: int | None = None, field: str | None = None, **values: object
) -> Finding:
    """A finding from its message id: the code, and the sentence in English and in Thai."""
    code, english, thai = FINDING_TEXTS[key]
    shown = {"page": str(page), **{name: str(value) for name, value in values.items()}}
    return Finding(
        severity=severity,
        code=code,
        message=english.format(**shown),
        message_th=thai.format(**shown),
        page=page,
        field=field,
    )


@cache
def _reader(english: str) -> re.Pattern[str]:
    """The English template as a pattern that gives back its values."""
    parts = re.split(r"\{(\w+)\}", english)
    pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{pattern}$", re.DOTALL)


def finding_message(f: Finding, lang: Literal["th", "en"] = "th") -> str:
    """A finding's sentence in ``lang``. English is the record's message; Thai is ``message_th``,
    else (a record made before it existed, or a finding made outside :func:`finding`) the Thai
    template of the English sentence's message id, else the code's meaning with the original."""
    if lang == "en":
        return f.message
    if f.message_th:
        return f.message_th
    for code, english, thai in FINDING_TEXTS.values():
        if code != f.code:
            continue
        m = _reader(english).match(f.message)
        if m:
            return thai.format(**m.groupdict())
    meaning = CODE_TH.get(f.code)
    return f"{meaning} ({f.message})" if meaning else f.message


def weight_findings(record: Agreement, framework_page: int | None) -> list[Finding]:
    out: list[Finding] = []
    total = sum(k.weight for k in record.kpis)
    if record.kpis and abs(total - 100) > 1e-6:
        out.append(finding("weight_sum", "warning", framework_page, "kpis.weight", total=_fmt(total)))
    for cat in record.categories:
        members = [k for k in record.kpis if k.number in cat.kpi_numbers]
        s = sum(k.weight for k in members)
        if members and abs(s - cat.weight) > 1e-6:
            out.append(
                finding(
                    "category_weight_mismatch",
                    "warning",
                    framework_page,
                    f"categories.{record.categories.index(cat) + 1}.weight",
                    name=cat.name,
                    weight=_fmt(cat.weight),
                    kpis=", ".join(str(k.number) for k in members),
                    total=_fmt(s),
                )
            )
    return out


def rises_or_falls(nums: list[float]) -> bool:
    """Level targets as a scale wants them: each higher than the one before, or each lower."""
    pairs = list(zip(nums, nums[1:], strict=False))
    return all(b > a for a, b in pairs) or all(b < a for a, b in pairs)


def monotonic_findings(record: Agreement) -> list[Finding]:
    out: list[Finding] = []
    for k in record.kpis:
        values = [c.value for c in sorted(k.criteria, key=lambda c: c.level)]
        if len(values) < 2 or any(v is None for v in values):
            continue
        nums = [float(v) for v in values if v is not None]
        if not rises_or_falls(nums):
            out.append(
                finding(
                    "targets_not_monotonic",
                    "warning",
                    k.pages[0] if k.pages else None,
                    f"kpis.{k.number}.criteria",
                    n=k.number,
                    targets=" / ".join(_fmt(v) for v in nums),
                )
            )
    return out


def rounds_findings(record: Agreement, named: Iterable[int]) -> list[Finding]:
    """KPIs whose template names its rounds (`named`) and yet has none in the record: the
    rounds were there and were not read (a table drawn out of shape, a layout not met)."""
    out: list[Finding] = []
    wanted = set(named)
    for k in record.kpis:
        if k.number in wanted and not k.rounds:
            out.append(finding("rounds_unread", "warning", k.pages[-1] if k.pages else None, f"kpis.{k.number}.rounds", n=k.number))
    return out


def presence_findings(
    framework: Iterable[int], targets: Iterable[int], templates: Iterable[int], has_templates: bool, pages: dict[str, int | None]
) -> list[Finding]:
    out: list[Finding] = []
    fw, tg, tp = set(framework), set(targets), set(templates)
    every = fw | tg | tp
    for n in sorted(every):
        missing: list[tuple[str, int | None]] = []
        if fw and n not in fw:
            missing.append(("kpi_missing.framework", pages.get("framework")))
        if tg and n not in tg:
            missing.append(("kpi_missing.targets", pages.get("targets")))
        if has_templates and n not in tp:
            missing.append(("kpi_missing.templates", None))
        for key, page in missing:
            out.append(finding(key, "warning", page, f"kpis.{n}", n=n))
    return out


def mismatch_findings(
    kpi: KPI, fw: FrameworkRow | None, tg: TargetRow | None, tp: TemplateInfo | None
) -> list[Finding]:
    """Weight or targets stated differently in the summary tables and in the KPI template."""
    from parsers.sections.targets import criterion_value

    out: list[Finding] = []
    if tp is not None and tp.weight is not None and abs(tp.weight - kpi.weight) > 1e-6:
        out.append(
            finding(
                "summary_template_mismatch.weight",
                "warning",
                tp.pages[0] if tp.pages else None,
                f"kpis.{kpi.number}.weight",
                n=kpi.number,
                a=f"{kpi.weight:g}",
                b=f"{tp.weight:g}",
            )
        )
    if tg is not None and tp is not None and tg.criteria and tp.criteria:
        levels = sorted(set(tg.criteria) & set(tp.criteria))
        a = [criterion_value(tg.criteria[lv]) for lv in levels]
        b = [criterion_value(tp.criteria[lv]) for lv in levels]
        if all(v is not None for v in a + b) and any(abs(x - y) > 1e-9 for x, y in zip(a, b, strict=True)):  # type: ignore[operator]
            ta = " / ".join(fmt_text_number(tg.criteria[lv], v) for lv, v in zip(levels, a, strict=True))
            tb = " / ".join(fmt_text_number(tp.criteria[lv], v) for lv, v in zip(levels, b, strict=True))
            out.append(
                finding(
                    "summary_template_mismatch.targets",
                    "warning",
                    tg.page,
                    f"kpis.{kpi.number}.criteria",
                    n=kpi.number,
                    a=ta,
                    b=tb,
                )
            )
    return out


def summary_findings(record: Agreement, summaries: Iterable[FrameworkInfo]) -> list[Finding]:
    """A later table that repeats the weights (a summary section) and gives another one."""
    out: list[Finding] = []
    for s in summaries:
        for n, row in s.kpis.items():
            k = record.kpi(n)
            if k is not None and row.weight is not None and abs(row.weight - k.weight) > 1e-6:
                out.append(
                    finding(
                        "summary_template_mismatch.summary",
                        "warning",
                        row.page,
                        f"kpis.{n}.weight",
                        n=n,
                        a=f"{row.weight:g}",
                        b=f"{k.weight:g}",
                    )
                )
    return out


_COVER_PARTY = re.compile(r"^no (?P<label>.+) on the cover$")


def cover_findings(cover: CoverInfo) -> list[Finding]:
    """What the cover parser could not make sense of, and a missing fiscal year. The parser's
    problems are English sentences of two shapes; each becomes its message id (Thai included)."""
    out: list[Finding] = []
    for problem in cover.problems:
        field = "period" if problem.startswith("period") else "parties"
        party = _COVER_PARTY.match(problem)
        if party:
            out.append(finding("cover.party", "warning", cover.page, field, label=party.group("label")))
        elif problem.startswith("period: "):
            out.append(finding("cover.period", "warning", cover.page, field, reason=problem.removeprefix("period: ")))
        else:
            out.append(Finding(severity="warning", code="cover", message=problem, page=cover.page, field=field))
    if not cover.fiscal_year:
        out.append(finding("no_fiscal_year", "error", cover.page, "fiscal_year"))
    return out
