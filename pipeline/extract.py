"""Extraction of one agreement PDF into an `Agreement` record.

Reads every page once (pdfium glyphs → repaired lines and tables), then hands each part of the
document to its parser — cover, framework table, targets table, KPI templates — and merges what
they found into one record per KPI. Where the parts disagree the record says so in `findings`;
where the file cannot be read as an agreement a `ThaiKPIError` says why in one line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from parsers.pdf.document import GlyphRecovery, PageContent, assemble_page, iter_pages, open_pdf
from parsers.pdf.tables import Table
from parsers.sections import labels
from parsers.sections.cover import CoverInfo, cover_lines, find_fiscal_year, is_cover, parse_cover
from parsers.sections.doctext import fold, respell, squash
from parsers.sections.framework import FrameworkInfo, FrameworkRow, is_weights_table, parse_framework
from parsers.sections.targets import TargetRow, TargetsInfo, criterion_value, is_targets_table, parse_targets
from parsers.sections.template import TemplateInfo, parse_template, running_headers, split_templates
from pipeline.errors import InputError, NotAnAgreementError, OCRUnavailableError
from pipeline.findings import fmt_text_number, monotonic_findings, presence_findings, weight_findings

if TYPE_CHECKING:
    from parsers.ocr.pages import OCRPage
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


@dataclass(frozen=True)
class ExtractOptions:
    """Per-file limits and OCR policy; the same for `extract`, `ingest`, `score`, `report`."""

    max_pages: int = 500
    timeout: float = 300.0
    ocr: str = "auto"  # auto | never | always
    jobs: int = 1


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_pages(path: Path, options: ExtractOptions) -> list[PageContent]:
    """Every page's lines and tables; pages without a usable text layer are read by OCR
    (per `options.ocr`). Glyph lists are dropped once used, to keep memory flat."""
    pdf = open_pdf(path, options.max_pages)
    pages: list[PageContent] = []
    try:
        for page in iter_pages(pdf, recovery=GlyphRecovery(path)):
            if options.ocr != "always":
                page.chars = []  # lines and tables hold everything the parsers need
                page.edges = []
            pages.append(page)
    finally:
        pdf.close()
    return apply_ocr(path, pages, options.ocr, options.jobs)


def apply_ocr(path: Path, pages: list[PageContent], mode: str = "auto", jobs: int = 1) -> list[PageContent]:
    """`pages` with those that need it (per `mode`: auto | always | never) replaced by their OCR.

    auto: pages whose text layer is unusable (no text, or too many unmapped glyphs) and that
    show something (an image or some glyphs). Raises OCRUnavailableError naming the pages when
    they need OCR and tesseract is not there.
    """
    if mode == "always":
        wanted = [p.number for p in pages]
    elif mode == "auto":
        wanted = [p.number for p in pages if p.needs_ocr and (p.image_count or p.lines)]
    else:
        wanted = []
    if not wanted:
        return pages
    from parsers.ocr.pages import ocr_available

    if not ocr_available():
        if mode == "always":
            raise OCRUnavailableError("OCR was asked for (--ocr always) but is not available", str(path))
        listed = ", ".join(str(n) for n in wanted)
        word = "page" if len(wanted) == 1 else "pages"
        raise OCRUnavailableError(f"{word} {listed}: no text layer and OCR is not available", str(path))
    by_number = {p.number: k for k, p in enumerate(pages)}
    out = list(pages)
    for number, result in _ocr_pages(path, wanted, jobs):
        content = assemble_page(number, result.width, result.height, result.chars, result.edges)
        content.chars = []
        content.edges = []
        content.ocr = True
        content.ocr_confidence = result.confidence
        out[by_number[number]] = content
    return out


def _ocr_one(args: tuple[str, int]) -> tuple[int, object]:
    from parsers.ocr.pages import PDFIUM_LOCK, ocr_page

    path, number = args
    with PDFIUM_LOCK:
        pdf = open_pdf(Path(path))
    try:
        return number, ocr_page(pdf, number - 1, number)
    finally:
        with PDFIUM_LOCK:
            pdf.close()


def _ocr_pages(path: Path, numbers: list[int], jobs: int) -> list[tuple[int, OCRPage]]:
    """OCR the given pages, in parallel over up to `jobs` processes.

    Inside a batch worker (a daemonic process, which may not fork children) the pages run on
    threads instead: tesseract is a subprocess, so they still overlap, and pdfium calls are
    serialised by a lock because pdfium is not thread-safe.
    """
    work = [(str(path), n) for n in numbers]
    if jobs <= 1 or len(work) == 1:
        return [cast("tuple[int, OCRPage]", _ocr_one(w)) for w in work]
    import multiprocessing as mp

    if mp.current_process().daemon:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(min(jobs, len(work))) as threads:
            return [cast("tuple[int, OCRPage]", r) for r in threads.map(_ocr_one, work)]
    with mp.get_context("fork").Pool(min(jobs, len(work))) as pool:
        return [cast("tuple[int, OCRPage]", r) for r in pool.map(_ocr_one, work)]


def _groups(tables: list[Table]) -> list[list[Table]]:
    """Consecutive tables of one kind that continue over page breaks."""
    groups: list[list[Table]] = []
    for t in tables:
        if groups and t.page - groups[-1][-1].page <= 1:
            groups[-1].append(t)
        else:
            groups.append([t])
    return groups


def _continuations(all_tables: list[Table], start: Table, accept: set[int]) -> list[Table]:
    """`start` plus the tables on following pages that continue it (header repeated or not)."""
    chain = [start]
    ids = [id(t) for t in all_tables]
    k = ids.index(id(start))
    for t in all_tables[k + 1 :]:
        if t.page - chain[-1].page > 1:
            break
        # the rest of the table on the next page: rows that say what they are, or the outline and
        # columns of a piece before (the last one's may be cut short by a cell lost at its page break)
        follows = t.page == chain[-1].page + 1 and (_looks_like_rows(t) or any(_same_grid(c, t) for c in chain))
        if id(t) in accept or follows:
            if t.page == chain[-1].page and id(t) not in accept:
                break
            chain.append(t)
        else:
            break
    return chain


def _looks_like_rows(t: Table) -> bool:
    from parsers.sections.doctext import row_label

    first = [c.text for c in t.rows[0]] if t.rows else []
    return row_label(first)[0] is not None or squash(" ".join(first)).startswith(labels.TOTAL)


def _same_grid(a: Table, b: Table, tol: float = 2.0) -> bool:
    """`b` has the outline and the columns of `a`: the rest of `a` after a page break, whatever
    its first row says (a category row, a KPI whose number is in its own column)."""
    if abs(a.bbox[0] - b.bbox[0]) > tol or abs(a.bbox[2] - b.bbox[2]) > tol:
        return False
    cols_a, cols_b = a.columns, b.columns
    if len(cols_a) < 3 or len(cols_b) < 2:
        return False
    return all(any(abs(x - y) <= tol for y in cols_a) for x in cols_b)


def _respell_cover(cover: CoverInfo, pages: list[PageContent]) -> None:
    """Names read from a scanned cover, spelt as the document's text layer spells them (OCR loses
    the marks above the line; a running header or a table on a text page still has them)."""
    texts = [ln.text for p in pages if not p.ocr for ln in p.lines]
    texts += [c.text for p in pages if not p.ocr for t in p.tables for row in t.rows for c in row]
    if not texts:
        return
    if cover.organization:
        cover.organization = respell(cover.organization, texts)
    if cover.parent_organization:
        cover.parent_organization = respell(cover.parent_organization, texts)
    for party in cover.parties:
        party.name = respell(party.name, texts)
        party.position = respell(party.position, texts)


def extract_pages(pages: list[PageContent], file_name: str, sha256: str) -> Agreement:
    """The record of an agreement from its pages (pure: no I/O)."""
    if not any(p.lines for p in pages):
        raise NotAnAgreementError("no text in the PDF (scanned?) and no OCR was run")
    cover_page = next((p for p in pages[:4] if is_cover(p.lines)), None)
    all_text = squash(" ".join(ln.text for p in pages[:6] for ln in p.lines))
    all_tables = [t for p in pages for t in p.tables]
    targets_tables = [t for t in all_tables if is_targets_table(t)]
    weights_tables = [t for t in all_tables if is_weights_table(t)]
    if squash(labels.AGREEMENT) not in all_text and not targets_tables:
        raise NotAnAgreementError("not a performance agreement (no คำรับรองการปฏิบัติราชการ, no targets table)")

    if cover_page is not None:
        following = next((p for p in pages if p.number == cover_page.number + 1), None)
        cover = parse_cover(cover_lines(cover_page, following), cover_page.number)
    else:
        cover = CoverInfo()
    if cover.fiscal_year is None:
        cover.fiscal_year = find_fiscal_year(" ".join(ln.text for p in pages[:6] for ln in p.lines))
    if cover_page is not None and cover_page.ocr:
        _respell_cover(cover, pages)

    targets = TargetsInfo()
    if targets_tables:
        chain = _continuations(all_tables, targets_tables[0], {id(t) for t in targets_tables})
        targets = parse_targets(chain)
    framework = FrameworkInfo()
    summaries: list[FrameworkInfo] = []
    if weights_tables:
        used: set[int] = set()
        for t in weights_tables:
            if id(t) in used:
                continue
            chain = _continuations(all_tables, t, {id(x) for x in weights_tables})
            chain = [c for c in chain if not is_targets_table(c)]
            used.update(id(c) for c in chain)
            info = parse_framework(chain)
            if not framework.kpis:
                framework = info
            else:
                summaries.append(info)
    if not targets.rows and not framework.kpis:
        raise NotAnAgreementError("no KPI table found (framework or targets table)")

    ignore = running_headers(pages)
    start = min([t.page for t in targets_tables] + [max(framework.pages or [0])] or [0])
    template_pages = [p for p in pages if p.number > start]
    templates = {n: parse_template(n, blocks) for n, blocks in split_templates(template_pages, ignore).items()}

    record = _assemble(file_name, sha256, len(pages), cover, framework, summaries, targets, templates)
    record.source.ocr_pages = [p.number for p in pages if p.ocr]
    if record.source.ocr_pages:
        _flag_low_confidence(record, pages)
    return record


def _flag_low_confidence(record: Agreement, pages: list[PageContent]) -> None:
    """A warning per page tesseract read with low mean confidence (numpy and PIL, which the OCR
    module needs, are imported only when a page was OCR'd)."""
    from parsers.ocr.pages import LOW_CONFIDENCE

    for p in pages:
        if p.ocr and p.ocr_confidence is not None and p.ocr_confidence < LOW_CONFIDENCE:
            record.findings.append(
                Finding(
                    severity="warning",
                    code="low_confidence",
                    message=f"page {p.number} was read by OCR with mean word confidence {p.ocr_confidence:.0f}",
                    page=p.number,
                )
            )


def _scale(targets: TargetsInfo, templates: dict[int, TemplateInfo]) -> Scale:
    kind = targets.kind or next((t.scale_kind for t in templates.values() if t.scale_kind), None)
    return Scale.five() if kind == "five_level" else Scale.three()


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


def _assemble(
    file_name: str,
    sha256: str,
    page_count: int,
    cover: CoverInfo,
    framework: FrameworkInfo,
    summaries: list[FrameworkInfo],
    targets: TargetsInfo,
    templates: dict[int, TemplateInfo],
) -> Agreement:
    scale = _scale(targets, templates)
    findings: list[Finding] = []
    numbers = sorted(set(framework.kpis) | set(targets.rows) | set(templates))
    category_of: dict[int, str] = {}
    categories: list[Category] = []
    # the framework table's categories; without one, the targets table's category rows
    source = framework.categories if framework.kpis else [c for c in targets.categories if c[2]]
    weight_of = {n: r.weight for n, r in targets.rows.items()} | {n: r.weight for n, r in framework.kpis.items()}
    for name, weight, members, _page in source:
        if weight is None:
            weight = sum((weight_of.get(n) or 0.0) for n in members)
        categories.append(Category(name=fold(name), weight=weight, kpi_numbers=list(members)))
        for n in members:
            category_of[n] = fold(name)

    kpis: list[KPI] = []
    for n in numbers:
        fw = framework.kpis.get(n)
        tg = targets.rows.get(n)
        tp = templates.get(n)
        name = (tp.name if tp and tp.name else None) or (tg.name if tg else None) or (fw.name if fw else "")
        weight = (fw.weight if fw and fw.weight is not None else None)
        if weight is None and tg is not None:
            weight = tg.weight
        if weight is None and tp is not None:
            weight = tp.weight
        # criteria: the template's where it has them, else the targets table's
        crit_src: dict[float, str] = dict(tp.criteria) if tp and tp.criteria else (dict(tg.criteria) if tg else {})
        rule = (tp.scoring_rule if tp else None)
        merged = tg.merged_rule if tg else None
        if rule or (merged and not crit_src):
            scoring = "direct"
            criteria: list[Criterion] = []
            if rule is None and merged:
                rule = fold(merged) + " = คะแนนที่ได้"
        else:
            criteria = [
                Criterion(level=lv, text=fold(txt), value=criterion_value(txt))
                for lv, txt in sorted(crit_src.items())
            ]
            numeric = bool(criteria) and all(c.value is not None for c in criteria) and len(criteria) == len(scale.levels)
            scoring = "threshold" if numeric else "milestone"
            if scoring == "milestone":
                for c in criteria:
                    c.value = None
        texts = [c.text for c in criteria] + ([*tg.criteria.values()] if tg else [])
        pages = sorted({tg.page} if tg else set()) + (tp.pages if tp else [])
        kpi = KPI(
            number=n,
            name=fold(name),
            weight=weight if weight is not None else 0.0,
            category=category_of.get(n),
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
        kpis.append(kpi)
        findings.extend(_mismatch_findings(kpi, fw, tg, tp))

    record = Agreement(
        source=Source(file=file_name, sha256=sha256, pages=page_count),
        fiscal_year=cover.fiscal_year or 0,
        period=Period(start=cover.period[0], end=cover.period[1]) if cover.period else None,
        organization=cover.organization or "",
        parent_organization=cover.parent_organization,
        parties=[
            Party(role=p.role, name=p.name, position=p.position, signed_on=p.signed_on, page=p.page)  # type: ignore[arg-type]
            for p in cover.parties
        ],
        scale=scale,
        categories=categories,
        kpis=kpis,
        findings=[],
    )
    fw_page = framework.pages[0] if framework.pages else None
    findings = weight_findings(record, fw_page) + findings + monotonic_findings(record)
    findings += presence_findings(
        framework.kpis, targets.rows, templates, bool(templates),
        {"framework": fw_page, "targets": targets.pages[0] if targets.pages else None},
    )
    for s in summaries:
        for n, row in s.kpis.items():
            k = record.kpi(n)
            if k is not None and row.weight is not None and abs(row.weight - k.weight) > 1e-6:
                findings.append(
                    Finding(
                        severity="warning",
                        code="summary_template_mismatch",
                        message=f"KPI {n}: the summary table gives weight {row.weight:g} but the framework table gives {k.weight:g}",
                        page=row.page,
                    )
                )
    for problem in cover.problems:
        findings.append(Finding(severity="warning", code="cover", message=problem, page=cover.page))
    if not cover.fiscal_year:
        findings.append(Finding(severity="error", code="no_fiscal_year", message="no fiscal year found", page=cover.page))
    record.findings = findings
    return record


def _mismatch_findings(
    kpi: KPI, fw: FrameworkRow | None, tg: TargetRow | None, tp: TemplateInfo | None
) -> list[Finding]:
    """Weight or targets stated differently in the summary tables and in the KPI template."""
    out: list[Finding] = []
    if tp is not None and tp.weight is not None and abs(tp.weight - kpi.weight) > 1e-6:
        out.append(
            Finding(
                severity="warning",
                code="summary_template_mismatch",
                message=f"KPI {kpi.number}: the framework table gives weight {kpi.weight:g} but the KPI template gives {tp.weight:g}",
                page=tp.pages[0] if tp.pages else None,
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
                Finding(
                    severity="warning",
                    code="summary_template_mismatch",
                    message=f"KPI {kpi.number}: the targets table gives {ta} but the KPI template gives {tb}",
                    page=tg.page,
                )
            )
    return out


def extract_file(path: Path, options: ExtractOptions | None = None) -> Agreement:
    """Read one PDF into a record. Raises `pipeline.errors.ThaiKPIError` subclasses for users."""
    options = options or ExtractOptions()
    path = Path(path)
    try:
        pages = read_pages(path, options)
    except InputError as exc:
        exc.file = exc.file or str(path)
        raise
    return extract_pages(pages, path.name, sha256_of(path))
