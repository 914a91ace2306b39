"""Every part of an agreement found in its pages: the parse step, pure over the pages.

The cover, the framework table (and any summary tables repeating its weights), the targets table
and the KPI templates are each found by their labels and structure, never by page number; tables
cut by page breaks are joined first. What the parts say is merged into one record later
(`pipeline.assemble`); here each part is only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from parsers.errors import NotAnAgreementError
from parsers.pdf.document import PageContent
from parsers.pdf.tables import Table
from parsers.sections import labels
from parsers.sections.blocks import is_page_number
from parsers.sections.continuation import continuations, header_only, header_rest
from parsers.sections.cover import CoverInfo, cover_lines, find_fiscal_year, is_cover, parse_cover
from parsers.sections.doctext import respell, squash
from parsers.sections.framework import FrameworkInfo, is_weights_table, parse_framework
from parsers.sections.targets import TargetsInfo, header_rows, is_targets_table, parse_targets
from parsers.sections.template import TemplateInfo, parse_template, running_headers, split_templates
from parsers.settings import ReadSettings


@dataclass
class Sections:
    """What each part of one agreement says, as read (nothing merged yet)."""

    cover: CoverInfo
    framework: FrameworkInfo
    #: later tables that repeat the framework's weights (a `สรุปตัวชี้วัด…` section)
    summaries: list[FrameworkInfo]
    targets: TargetsInfo
    templates: dict[int, TemplateInfo]
    page_count: int
    ocr_pages: list[int] = field(default_factory=list)


def find_sections(pages: list[PageContent], settings: ReadSettings | None = None) -> Sections:
    """Read each part of the agreement in `pages`; NotAnAgreementError when it is not one."""
    settings = settings or ReadSettings()
    if not any(p.lines for p in pages):
        raise NotAnAgreementError("agreement.no_text")
    all_text = squash(" ".join(ln.text for p in pages[:6] for ln in p.lines))
    ignore = running_headers(pages)
    opening = opening_tables(pages, ignore)
    all_tables, joined = with_cut_headers(pages, ignore, opening)
    targets_tables = [t for t in all_tables if is_targets_table(t)]
    weights_tables = [t for t in all_tables if is_weights_table(t)]
    if squash(labels.AGREEMENT) not in all_text and not targets_tables:
        raise NotAnAgreementError("agreement.not_agreement")

    cover = read_cover(pages, ignore)
    targets = TargetsInfo()
    if targets_tables:
        chain = continuations(
            all_tables, targets_tables[0], {id(t) for t in targets_tables}, settings.grid_tolerance, opening
        )
        targets = parse_targets(chain)
    framework = FrameworkInfo()
    summaries: list[FrameworkInfo] = []
    used: set[int] = set()
    for t in weights_tables:
        if id(t) in used:
            continue
        chain = continuations(all_tables, t, {id(x) for x in weights_tables}, settings.grid_tolerance, opening)
        chain = [c for c in chain if not is_targets_table(c)]
        used.update(id(c) for c in chain)
        info = parse_framework(chain)
        if not framework.kpis:
            framework = info
        else:
            summaries.append(info)
    if not targets.rows and not framework.kpis:
        raise NotAnAgreementError("agreement.no_kpi_table")

    # the templates follow the summary tables
    start = min([t.page for t in targets_tables] + [max(framework.pages or [0])] or [0])
    template_pages = [p for p in pages if p.number > start]
    summary = {id(t) for t in [*targets_tables, *weights_tables]}
    summary |= {id(part) for t in [*targets_tables, *weights_tables] for part in joined.get(id(t), ())}
    opening_page = next((p for p in pages if p.number == start), None)
    if opening_page is not None and (below := _below_summaries(opening_page, summary)) is not None:
        template_pages.insert(0, below)
    templates = {n: parse_template(n, blocks) for n, blocks in split_templates(template_pages, ignore).items()}
    return Sections(
        cover=cover,
        framework=framework,
        summaries=summaries,
        targets=targets,
        templates=templates,
        page_count=len(pages),
        ocr_pages=[p.number for p in pages if p.ocr],
    )


#: a header a page break may cut from its table has at most this many rows
MAX_CUT_HEADER_ROWS = 2


def with_cut_headers(
    pages: list[PageContent], ignore: set[str], opening: set[int]
) -> tuple[list[Table], dict[int, tuple[Table, Table]]]:
    """The pages' tables, a header that a page break cut from its table joined to it.

    Qt lets a page break cut any row, the header's too: the last thing on a page is then a table
    of a row or two that names the columns (`ตัวชี้วัด | ค่า | เกณฑ์การประเมิน`), perhaps the
    levels (`ขั้นต้น | มาตรฐา`) and no KPI, and the next page opens with the rest (` | น้ำหนัก
    | ๑ คะแนน | … | ๕ คะแนน`) and the rows, read as no table of a kind. The two are one table (on
    the second piece's page, which its rows continue from) when the first ends its page, the
    second opens the next, both have one outline, and only together are they a table of a kind.
    Also returned: which two pieces each joined table was made of."""
    tables = [t for p in pages for t in p.tables]
    closing = _closing_tables(pages, ignore)
    joined: dict[int, tuple[Table, Table]] = {}
    out: list[Table] = []
    k = 0
    while k < len(tables):
        head, rest = tables[k], tables[k + 1] if k + 1 < len(tables) else None
        if (
            rest is not None
            and id(head) in closing
            and id(rest) in opening
            and rest.page == head.page + 1
            and len(head.rows) <= MAX_CUT_HEADER_ROWS
            and abs(head.bbox[0] - rest.bbox[0]) <= 3
            and abs(head.bbox[2] - rest.bbox[2]) <= 3
            and _header_only(head)
            and not _a_kind(rest)
        ):
            whole = Table(rest.page, rest.bbox, header_rest(head.rows, rest.rows))
            if _a_kind(whole):
                joined[id(whole)] = (head, rest)
                out.append(whole)
                k += 2
                continue
        out.append(head)
        k += 1
    return out, joined


def _a_kind(table: Table) -> bool:
    return is_targets_table(table) or is_weights_table(table)


def _header_only(table: Table) -> bool:
    """Nothing in `table` but (part of) a header (`continuation.header_only`), and, read as a
    targets table, no row under its header."""
    return header_only(table) and (not is_targets_table(table) or header_rows(table) >= len(table.rows))


def _closing_tables(pages: list[PageContent], ignore: set[str]) -> set[int]:
    """Ids of the tables that end their page: no line below them but a running header or footer
    and the page's number."""
    out: set[int] = set()
    for p in pages:
        if not p.tables:
            continue
        last = max(p.tables, key=lambda t: t.bbox[3])
        if not any(
            ln.top >= last.bbox[3] and squash(ln.text) not in ignore and not is_page_number(ln.text.strip()) for ln in p.lines
        ):
            out.add(id(last))
    return out


def opening_tables(pages: list[PageContent], ignore: set[str]) -> set[int]:
    """Ids of the tables that open their page: no line above them but a running header."""
    out: set[int] = set()
    for p in pages:
        if not p.tables:
            continue
        first = min(p.tables, key=lambda t: t.bbox[1])
        if not any(ln.bottom <= first.bbox[1] and squash(ln.text) not in ignore for ln in p.lines):
            out.add(id(first))
    return out


def read_cover(pages: list[PageContent], ignore: set[str] | None = None) -> CoverInfo:
    """The cover (one of the first four pages, its signatures possibly overleaf); the fiscal year
    from the first pages when the cover does not give it."""
    cover_page = next((p for p in pages[:4] if is_cover(p.lines)), None)
    if cover_page is not None:
        following = [
            _without(p, ignore) if ignore else p for p in pages if cover_page.number < p.number <= cover_page.number + 2
        ]
        cover = parse_cover(cover_lines(cover_page, following), cover_page.number)
    else:
        cover = CoverInfo()
    if cover.fiscal_year is None:
        cover.fiscal_year = find_fiscal_year(" ".join(ln.text for p in pages[:6] for ln in p.lines))
    if cover_page is not None and cover_page.ocr:
        respell_cover(cover, pages)
    return cover


def _without(page: PageContent, ignore: set[str]) -> PageContent:
    """`page` without its running headers (the unit's name atop every page), which would read as
    part of a signature block running on from the page before."""
    return replace(page, lines=[ln for ln in page.lines if squash(ln.text) not in ignore])


def respell_cover(cover: CoverInfo, pages: list[PageContent]) -> None:
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


def _below_summaries(page: PageContent, summary: set[int]) -> PageContent | None:
    """What of `page` stands below its last summary table (the first KPI template may begin on
    the page the weights or targets table ends on), None when nothing does."""
    tables = [t for t in page.tables if id(t) in summary]
    if not tables:
        return None
    bottom = max(t.bbox[3] for t in tables)
    lines = [ln for ln in page.lines if ln.top > bottom]
    rest = [t for t in page.tables if t.bbox[1] > bottom]
    if not lines and not rest:
        return None
    return replace(page, lines=lines, tables=rest)
