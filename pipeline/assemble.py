"""The assembly step: what each part of an agreement said, merged into one `Agreement` record.

An agreement states most things more than once (a KPI's name in the framework table, the targets
table and its template; its weight in the framework table and again in the template). Which part
wins is stated once, in `PRECEDENCE`; every disagreement is kept as a finding rather than
silently resolved, so a reader can see both values and the pages they came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from parsers.sections import labels
from parsers.sections.agreement import Sections
from parsers.sections.doctext import fold, squash
from parsers.sections.framework import FrameworkInfo
from parsers.sections.targets import TargetRow, TargetsInfo, criterion_value
from parsers.sections.template import TemplateInfo
from parsers.thai.chars import without_upper_marks
from parsers.thai.dates import be_to_ce, in_fiscal_year
from pipeline.findings import (
    cover_findings,
    mismatch_findings,
    monotonic_findings,
    presence_findings,
    rises_or_falls,
    rounds_findings,
    summary_findings,
    weight_findings,
)
from pipeline.models import (
    KPI,
    Agreement,
    Category,
    Criterion,
    Finding,
    Party,
    Period,
    Round,
    Scale,
    Source,
    YearValue,
)

#: For each field stated in more than one part: the parts in the order they win, and what a
#: part's value must be to count ("truthy": a non-empty name; "set": any value but None).
#: A KPI template is written for one KPI and names it in full; the framework table is where the
#: weights are agreed; the template's criteria carry the wording the targets table abbreviates.
PRECEDENCE: dict[str, tuple[tuple[str, ...], str]] = {
    "name": (("template", "targets", "framework"), "truthy"),
    "weight": (("framework", "targets", "template"), "set"),
    "criteria": (("template", "targets"), "truthy"),
}


def _pick(field: str, parts: dict[str, Any], default: Any) -> Any:
    """The value of `field` from the first part (in `PRECEDENCE` order) that states it."""
    order, rule = PRECEDENCE[field]
    counts: Callable[[Any], bool] = bool if rule == "truthy" else (lambda v: v is not None)
    for part in order:
        source = parts.get(part)
        value = getattr(source, field, None) if source is not None else None
        if counts(value):
            return value
    return default


def assemble(sections: Sections, file_name: str, sha256: str) -> Agreement:
    """One record from the parts of one agreement (pure: no I/O)."""
    sections = in_percent(sections)
    framework, targets, templates, cover = sections.framework, sections.targets, sections.templates, sections.cover
    scale = _scale(targets, templates)
    categories, category_of = _categories(framework, targets)
    kpis: list[KPI] = []
    findings: list[Finding] = []
    # KPIs are numbered from 1: a part that read a 0 misread it and has nothing to say here
    for n in sorted(k for k in set(framework.kpis) | set(targets.rows) | set(templates) if k >= 1):
        fw, tg, tp = framework.kpis.get(n), targets.rows.get(n), templates.get(n)
        kpi = _kpi(n, {"framework": fw, "targets": tg, "template": tp}, scale, category_of.get(n))
        if cover.fiscal_year:
            kpi.baseline = _years_near(kpi.baseline, cover.fiscal_year)
            kpi.roadmap = _years_near(kpi.roadmap, cover.fiscal_year)
        # in the order the template wrote them until here: a misread year's neighbours tell it
        kpi.baseline.sort(key=lambda y: y.year)
        kpi.roadmap.sort(key=lambda y: y.year)
        kpis.append(kpi)
        findings.extend(mismatch_findings(kpi, fw, tg, tp))

    record = Agreement(
        source=Source(file=file_name, sha256=sha256, pages=sections.page_count),
        fiscal_year=cover.fiscal_year or 0,
        period=Period(start=cover.period[0], end=cover.period[1]) if cover.period else None,
        organization=cover.organization or "",
        parent_organization=cover.parent_organization,
        parties=[
            Party(
                role=p.role, name=p.name, position=p.position, signed_on=_signed_near(p.signed_on, cover.fiscal_year), page=p.page  # type: ignore[arg-type]
            )
            for p in cover.parties
        ],
        scale=scale,
        categories=categories,
        kpis=kpis,
        findings=[],
    )
    fw_page = framework.pages[0] if framework.pages else None
    record.findings = (
        weight_findings(record, fw_page)
        + findings
        + monotonic_findings(record)
        + presence_findings(
            framework.kpis,
            targets.rows,
            templates,
            bool(templates),
            {"framework": fw_page, "targets": targets.pages[0] if targets.pages else None},
        )
        + summary_findings(record, sections.summaries)
        + rounds_findings(record, (n for n, t in templates.items() if t.rounds_named))
        + cover_findings(cover)
    )
    record.source.ocr_pages = list(sections.ocr_pages)
    return record


def is_fraction(weights: Iterable[float | None]) -> bool:
    """Weights written as fractions of one (`0.20` … summing to 1) rather than percent.

    Weights sum to 100 or to 1; a part whose stated weights are all at most 1 and sum to at
    most 2 (room for a total that is off, which a finding reports) cannot be percent."""
    stated = [w for w in weights if w is not None]
    return bool(stated) and all(0 <= w <= 1 for w in stated) and 0 < sum(stated) <= 2


def in_percent(sections: Sections) -> Sections:
    """`sections` with every part that writes its weights as fractions of one rescaled to percent.

    Each part is judged on its own weights (a framework table in fractions and templates in
    percent happen), so the record and its findings compare like with like."""
    fw, tg = sections.framework, sections.targets
    templates = sections.templates
    if is_fraction(r.weight for r in fw.kpis.values()):
        fw = replace(
            fw,
            kpis={n: replace(r, weight=_pct(r.weight)) for n, r in fw.kpis.items()},
            categories=[(name, _pct(w), members, page) for name, w, members, page in fw.categories],
            total=_pct(fw.total),
        )
    if is_fraction(r.weight for r in tg.rows.values()):
        tg = replace(
            tg,
            rows={n: replace(r, weight=_pct(r.weight)) for n, r in tg.rows.items()},
            categories=[(name, _pct(w), members, page) for name, w, members, page in tg.categories],
        )
    if is_fraction(t.weight for t in templates.values()):
        templates = {n: replace(t, weight=_pct(t.weight)) for n, t in templates.items()}
    summaries = [
        replace(s, kpis={n: replace(r, weight=_pct(r.weight)) for n, r in s.kpis.items()})
        if is_fraction(r.weight for r in s.kpis.values())
        else s
        for s in sections.summaries
    ]
    return replace(sections, framework=fw, targets=tg, templates=templates, summaries=summaries)


def _pct(weight: float | None) -> float | None:
    """A fraction of one as percent, rounded so that 0.1 + 0.2 style noise does not show."""
    return None if weight is None else round(weight * 100, 6)


def _categories(framework: FrameworkInfo, targets: TargetsInfo) -> tuple[list[Category], dict[int, str]]:
    """The framework table's categories; without one, the targets table's category rows. A
    category the framework table gives no weight takes the weight the targets table's row of the
    same name states; a category no table weighs weighs what its KPIs weigh."""
    source = framework.categories if framework.kpis else [c for c in targets.categories if c[2]]
    weight_of = {n: r.weight for n, r in targets.rows.items()} | {n: r.weight for n, r in framework.kpis.items()}
    stated = {squash(name): w for name, w, _members, _page in targets.categories if w is not None}
    categories: list[Category] = []
    category_of: dict[int, str] = {}
    for name, weight, members, _page in source:
        if weight is None:
            weight = stated.get(squash(name))
        if weight is None:
            weight = sum((weight_of.get(n) or 0.0) for n in members)
        categories.append(Category(name=fold(name), weight=weight, kpi_numbers=list(members)))
        for n in members:
            category_of[n] = fold(name)
    return categories, category_of


def _kpi(n: int, parts: dict[str, Any], scale: Scale, category: str | None) -> KPI:
    """One KPI from what the framework row, the targets row and the template say of it."""
    tg: TargetRow | None = parts["targets"]
    tp: TemplateInfo | None = parts["template"]
    name: str = _best_read(_pick("name", parts, ""), [getattr(parts[k], "name", "") for k in ("template", "targets", "framework")])
    weight: float | None = _pick("weight", parts, None)
    crit_src = _criteria_texts(tp, tg)
    scoring, criteria, rule = _scoring(crit_src, tp, tg, scale)
    texts = [c.text for c in criteria] + ([*tg.criteria.values()] if tg else [])
    pages = sorted({tg.page, *tg.also_on} if tg else set()) + (tp.pages if tp else [])
    return KPI(
        number=n,
        name=fold(name),
        weight=weight if weight is not None else 0.0,
        category=category,
        status=tp.status if tp else None,  # type: ignore[arg-type]
        scoring=scoring,  # type: ignore[arg-type]
        unit=_unit(name, scoring, texts, tg.unit if tg else ""),
        criteria=criteria,
        baseline=[YearValue(year=y.year, value=y.value, text=fold(y.text)) for y in (tp.baseline if tp else [])],
        roadmap=[YearValue(year=y.year, value=y.value, text=fold(y.text)) for y in (tp.roadmap if tp else [])],
        rounds=[Round(month=r.month, goal=r.goal, steps=r.steps) for r in (tp.rounds if tp else [])],  # type: ignore[arg-type]
        deduction_points=tp.deduction_points if tp else None,
        pages=sorted(set(pages)),
        scoring_rule=rule if scoring == "direct" else None,
    )


#: how many years from its fiscal year's a signature's date can be
SIGNED_AROUND = 2


def _signed_near(signed: date | None, fiscal_year: int | None) -> date | None:
    """A signature's date as the agreement can mean it. One decades away from its fiscal year is a
    scan's misread year (`๒๕๖๖` as `๒๕๒๐`); its day and month stand, and its year is the one that
    puts it inside the fiscal year, else in the half-year before it
    (`parsers.thai.dates.in_fiscal_year`)."""
    if signed is None or not fiscal_year or abs(signed.year - be_to_ce(fiscal_year)) <= SIGNED_AROUND:
        return signed
    return in_fiscal_year(signed.day, signed.month, fiscal_year) or signed


#: how far from the fiscal year a template's baseline or roadmap year can be
YEARS_AROUND = 10


def _years_near(values: list[YearValue], fiscal_year: int) -> list[YearValue]:
    """Years of a baseline or roadmap as the agreement can mean them: within `YEARS_AROUND` of its
    fiscal year. A year outside is a scan's misreading (`2465` in a 2567 agreement: ๕ read as ๔;
    `2507` for 2567: 6 read as 0). Such a table's years run one after another, so the year its
    neighbours (in the template's order, `values` as read) call for is taken when it is not
    stated already; else the one year that one digit changed brings inside, when only one does."""
    stated = {v.year for v in values}
    out: list[YearValue] = []
    for k, v in enumerate(values):
        if abs(v.year - fiscal_year) > YEARS_AROUND:
            v = v.model_copy(update={"year": _year_meant(v.year, values, k, fiscal_year, stated)})
        out.append(v)
    return out


def _near(year: int, fiscal_year: int) -> bool:
    return abs(year - fiscal_year) <= YEARS_AROUND


def _year_meant(year: int, values: list[YearValue], k: int, fiscal_year: int, stated: set[int]) -> int:
    """The year a misread `year` (the `k`-th of `values`) stands for; itself when nothing says."""
    before = values[k - 1].year + 1 if k > 0 and _near(values[k - 1].year, fiscal_year) else None
    after = values[k + 1].year - 1 if k + 1 < len(values) and _near(values[k + 1].year, fiscal_year) else None
    called = {y for y in (before, after) if y is not None}
    if len(called) == 1 and (meant := next(iter(called))) not in stated and _near(meant, fiscal_year):
        return meant
    text = str(year)
    near = {
        int(text[:i] + d + text[i + 1 :])
        for i in range(len(text))
        for d in "0123456789"
        if d != text[i] and _near(int(text[:i] + d + text[i + 1 :]), fiscal_year)
    } - stated
    return near.pop() if len(near) == 1 else year


def _best_read(text: str, copies: list[str]) -> str:
    """`text`, or the copy of it (the same words stated in another part) that kept more of the
    marks drawn above its letters: a scan loses such marks (`ที่` read `ที`, `เสี่ยง` read
    `เสียง`) and seldom invents one, so of two readings of the same letters the one with more
    marks is the better read."""
    skeleton = _skeleton(text)
    best, most = text, _marks_above(text)
    for copy in copies:
        if copy and copy != best and _skeleton(copy) == skeleton and (n := _marks_above(copy)) > most:
            best, most = copy, n
    return best


def _skeleton(text: str) -> str:
    return "".join(without_upper_marks(fold(text)).split())


def _marks_above(text: str) -> int:
    return len(text) - len(without_upper_marks(text))


def _criteria_texts(tp: TemplateInfo | None, tg: TargetRow | None) -> dict[float, str]:
    """Each level's criterion: the template's wording (`PRECEDENCE`), level by level. Where the
    targets table states a level the template does not (a row the template's table lost at a
    page break), the targets table's text stands for that level."""
    parts = {"template": tp, "targets": tg}
    texts: dict[float, str] = dict(_pick("criteria", parts, {}))
    if tg is None or not tp or not tp.criteria:
        return texts
    for level, text in texts.items():
        texts[level] = _best_read(text, [tg.criteria.get(level, "")])
    for level, text in tg.criteria.items():
        texts.setdefault(level, text)
    return texts


def _scoring(
    crit_src: dict[float, str], tp: TemplateInfo | None, tg: TargetRow | None, scale: Scale
) -> tuple[str, list[Criterion], str | None]:
    """How the KPI is scored: direct (a stated rule, or the targets table's merged cell saying
    the result is the score), threshold (a number per level of the scale) or milestone."""
    rule = tp.scoring_rule if tp else None
    merged = tg.merged_rule if tg else None
    if rule or (merged and not crit_src):
        if rule is None and merged:
            rule = fold(merged) + " = คะแนนที่ได้"
        return "direct", [], rule
    criteria = [Criterion(level=lv, text=fold(txt), value=criterion_value(txt)) for lv, txt in sorted(crit_src.items())]
    numeric = bool(criteria) and all(c.value is not None for c in criteria) and len(criteria) == len(scale.levels)
    if numeric:
        _mend_thousands(criteria)
    if not numeric:
        for c in criteria:
            c.value = None
    return ("threshold" if numeric else "milestone"), criteria, rule


#: a number whose point has exactly three digits after it (`๑.๒๕๐`): perhaps thousands, its
#: comma read as a point (a scan) or written so (a European format)
_POINT_THOUSANDS = re.compile(r"^\D*[0-9\u0e50-\u0e59]{1,3}\.[0-9\u0e50-\u0e59]{3}(?![0-9\u0e50-\u0e59.,])")


def _mend_thousands(criteria: list[Criterion]) -> None:
    """Level targets that neither rise nor fall as read, and do once each `1.250` among them is
    read as 1,250 (`500 / 750 / ๑.๐๐๐ / ๑.๒๕๐`): those are thousands. The texts stay as written."""
    values = [c.value for c in criteria]
    if any(v is None for v in values) or rises_or_falls([float(v) for v in values if v is not None]):
        return
    mended = [c.value * 1000 if c.value is not None and _POINT_THOUSANDS.match(c.text) else c.value for c in criteria]
    if mended != values and rises_or_falls([float(v) for v in mended if v is not None]):
        for c, v in zip(criteria, mended, strict=True):
            c.value = v


def _scale(targets: TargetsInfo, templates: dict[int, TemplateInfo]) -> Scale:
    """Three or five levels; a three-level scale's points as the document states them (50 / 70 /
    100 as well as 50 / 75 / 100: the targets table's header, else the templates' criteria)."""
    kind = targets.kind or next((t.scale_kind for t in templates.values() if t.scale_kind), None)
    if kind == "five_level":
        return Scale.five()
    stated = [sorted(targets.levels)] + [sorted(t.criteria) for t in templates.values()]
    levels = next((lv for lv in stated if len(lv) == 3 and lv[0] < lv[1] < lv[2]), None)
    default = Scale.three()
    if not levels or levels == [float(x) for x in default.levels]:
        return default
    return Scale(kind="three_level", levels=[int(x) if float(x).is_integer() else x for x in levels])


_SCORE_UNIT = re.compile(r"^\s*[0-9๐-๙.,]+\s*คะแนน")


def _unit(name: str, scoring: str, texts: list[str], unit_cell: str = "") -> str | None:
    """percent for ร้อยละ KPIs, score for KPIs whose targets are points (`๘๕ คะแนน`); a unit
    column of the targets table (`หน่วยวัด`: ร้อยละ, คะแนน) says it outright."""
    if scoring == "milestone":
        return None
    unit = squash(unit_cell)
    if unit in (squash(labels.PERCENT), "%"):
        return "percent"
    if unit == squash(labels.POINTS):
        return "score"
    if squash(name).startswith(squash(labels.PERCENT)) or scoring == "direct":
        return "percent"
    if any(_SCORE_UNIT.match(t) for t in texts):
        return "score"
    if any(squash(t).startswith(squash(labels.PERCENT)) or squash(t).endswith("%") for t in texts):
        return "percent"
    if labels.POINTS in squash(name):
        return "score"
    return None
