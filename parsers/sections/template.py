"""KPI templates (รายละเอียดตัวชี้วัด / KPI Template): one per KPI, over one or more pages.

A template starts at its heading `ตัวชี้วัดที่ N <name>` (a repeated heading with the same N, as
before the round milestones, continues it) and runs to the next KPI's heading. Inside, labels and
table row headers say what each part is — whatever the page it falls on and however the tables
are split between pages:

- `ตัวชี้วัดต่อเนื่อง` / `ตัวชี้วัดใหม่` (written, or ticked in a form: `☑ ตัวชี้วัดใหม่`),
  `น้ำหนัก 20` / `ค่าน้ำหนัก : ร้อยละ ๑๕` / `น้ำหนัก (ร้อยละ) : 25`;
- year tables: a `ปีงบประมาณ` row of years, then `ผลการดำเนินงาน` (baseline) or `ค่าเป้าหมาย`
  (roadmap) values; several may stand side by side in one table; or (OPDC form) a row of years
  under a spanning header that says what they are, the values in the row below;
- the criteria table: a header naming the levels, the criteria in the row below; or the levels
  down the first column, each criterion beside its level; or no table, a line per level
  (`ระดับ 1 : ร้อยละ 60`);
- round milestones: rows headed `… รอบ 6 เดือน` (or named by number and dates: `รอบการประเมินที่ 1
  (1 ตุลาคม 2566 – 31 มีนาคม 2567)`), a goal, then `ขั้นตอนการดำเนินงาน` and numbered steps — in
  one cell, or in goal and steps columns named by a header row;
- the deduction rule (`… จะถูกหัก 10 คะแนน`, `หักคะแนนรอบละ 5 คะแนน`, `ไม่หักคะแนน`) and a
  direct-scoring rule (`… = คะแนนที่ได้`).

The same parts also come written other ways, and are read by the same labels: the heading in
English (`KPI 3 : …`); the whole template one two-column table of label and value (each value read
as if its label were a line: `ลักษณะตัวชี้วัด | ตัวชี้วัดใหม่`, the criteria a line per level in one
cell, baseline and roadmap a line per year `ปีงบประมาณ พ.ศ. 2567 : 94.19`); rounds as paragraphs
(`รอบการประเมินที่ 1 (…)`, then `เป้าหมาย: …` and `(1) …` steps). Label families, not one unit's
wordings, are in `labels` (`BASELINE_LABELS`, `ROADMAP_LABELS`, `ROUND_GOAL_LABELS`, …).

Here: where each template starts and ends, its name, status, weight, deduction and scoring rule,
and the one pass over its blocks that hands each part to its reader — `history` (baseline and
roadmap), `criteria` (criteria per level), `rounds` (goals and steps), all three judging wrapped
lines by the same rules (`layout`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from parsers.pdf.document import PageContent
from parsers.pdf.lines import Line
from parsers.pdf.tables import Cell, Table
from parsers.pdf.wrapping import join_wrapped
from parsers.sections import labels
from parsers.sections.blocks import Block as _Block
from parsers.sections.blocks import page_blocks
from parsers.sections.continuation import (
    closes_open_cells,
    header_only,
    header_rest,
    holds_a_number,
    rejoin_cut_rows,
    same_span,
)
from parsers.sections.criteria import (
    CriteriaCarry,
    criteria_rows,
    level_label,
    levels_carry_on,
    rest_of_cut_row,
    text_criteria,
)
from parsers.sections.doctext import fold, numbered, squash
from parsers.sections.history import (
    YearCell,
    YearState,
    history_kind,
    is_year_label,
    labelled_history,
    year_rows,
    years_carry_on,
)
from parsers.sections.layout import LABEL_LINE, LABEL_MAX, reading_order, rejoined, retext
from parsers.sections.rounds import RoundInfo, round_body, round_rows, text_rounds, unknown_rounds_placed
from parsers.sections.targets import criterion_value
from parsers.thai.chars import loose
from parsers.thai.numbers import thai_to_arabic_digits

_HEADING = labels.KPI_HEADING_RE
_WEIGHT = re.compile(
    r"(?:ค่า)?น้ำหนัก\s*(?:\(\s*ร้อยละ\s*\))?\s*[:：]?\s*(?:ร้อยละ)?\s*([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)"
)
# `หัก 10 คะแนน`, `หักคะแนน 10 คะแนน`, `หักคะแนนรอบละ 5 คะแนน` (per round, per step …; the word may
# wrap: `หักคะแนนรอบ` / `ละ 5 คะแนน`)
_DEDUCT = re.compile(r"หัก\s*(?:คะแนน)?\s*(?:[\u0e01-\u0e4e]{1,8}\s?ละ\s*)?([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)\s*คะแนน")
_NO_DEDUCT = re.compile(r"ไม่(?:มีการ)?หักคะแนน")

NAME_STOPS = labels.NAME_STOPS
#: tick boxes in front of a status word (`☑ ตัวชี้วัดต่อเนื่อง ☐ ตัวชี้วัดใหม่`)
_TICKED = "☑☒✓✔■⊠▣"
_BOXES = _TICKED + "☐□▢"


@dataclass
class TemplateInfo:
    number: int
    name: str
    pages: list[int]
    status: str | None = None
    weight: float | None = None
    baseline: list[YearCell] = field(default_factory=list)
    roadmap: list[YearCell] = field(default_factory=list)
    criteria: dict[float, str] = field(default_factory=dict)
    scale_kind: str | None = None
    rounds: list[RoundInfo] = field(default_factory=list)
    #: a round's name or a heading over the rounds stands in the template (read or not: a
    #: template that names its rounds and yields none was misread, and says so)
    rounds_named: bool = False
    deduction_points: float | None = None
    scoring_rule: str | None = None
    text: str = ""


def heading_of(text: str) -> tuple[int, str] | None:
    m = _HEADING.match(text)
    if not m:
        return None
    return int(thai_to_arabic_digits(m.group(1))), m.group(2).strip()


def _unread_heading(text: str, current: int) -> tuple[int, str] | None:
    """A template heading a scan misread, after template `current`: its number
    (`ตัวชีวัดที =. ระยะเวลาเฉลี่ย…`; templates come in order, so it is the next KPI's), or its KPI
    word (`AIAIAN 8 ร้อยละ…`, only when 8 is the next KPI's number)."""
    m = labels.KPI_HEADING_UNREAD_RE.match(text)
    if m:
        return current + 1, m.group(1).strip()
    g = labels.KPI_HEADING_GARBLED_RE.match(text)
    if g and int(thai_to_arabic_digits(g.group(1))) == current + 1:
        return current + 1, g.group(2).strip()
    return None


def split_templates(pages: list[PageContent], ignore: set[str]) -> dict[int, list[_Block]]:
    """Blocks of each KPI template, keyed by KPI number, from the first heading on."""
    out: dict[int, list[_Block]] = {}
    current: int | None = None
    names: dict[int, str] = {}
    for page in pages:
        for b in page_blocks(page, ignore):
            if b.line is not None:
                h = heading_of(b.line.text)
                if h is None and current is not None and current + 1 not in out:
                    h = _unread_heading(b.line.text, current)
                if h is not None and h[0] == current and _misread_before(out, names, current, h[1]):
                    # the same number heading another KPI, right after a gap: a scan misread
                    # the number before (`๕` for `๔`), and the first template is the missing one's
                    out[current - 1] = out.pop(current)
                    names[current - 1] = names.pop(current)
                    current -= 1
                if h is not None and (current is None or h[0] != current):
                    names[h[0]] = h[1]
                    if h[0] in out and h[0] != current and current != h[0] - 1:
                        # heading of an earlier KPI again (e.g. a summary list): not a new template.
                        # But KPI n's heading right after template n-1 is its template, the earlier
                        # `n` a stray (a row of a summary table read as a line)
                        pass
                    else:
                        preamble: list[_Block] = []
                        if current is not None:
                            prev = out[current]
                            k = len(prev)
                            while k and prev[k - 1].page == b.page and prev[k - 1].line is not None:
                                k -= 1
                            tail = prev[k:]
                            # a numbered group title just above the heading introduces the new KPI
                            if tail and len(tail) <= 3 and numbered(tail[0].line.text or "") is not None:  # type: ignore[union-attr]
                                preamble = tail
                                del prev[k:]
                        current = h[0]
                        out[current] = preamble
            if current is not None:
                out[current].append(b)
    return out


def _misread_before(out: dict[int, list[_Block]], names: dict[int, str], current: int, name: str) -> bool:
    """Is a heading of KPI `current` naming another KPI than template `current` does the sign
    that template `current` was KPI `current - 1`'s, its number misread? Only where that KPI has
    no template and the one before it has (the numbers go on one by one)."""
    before = current - 1
    if before < 1 or before in out or (before > 1 and before - 1 not in out):
        return False
    first, second = squash(names.get(current, "")), squash(name)
    return bool(first and second) and SequenceMatcher(None, first, second).ratio() < 0.8


def _status(text: str) -> str | None:
    """`continuing` or `new`: the status word that is ticked when the form has tick boxes,
    else the one that is written."""
    flat = squash(text)
    # as a scan reads them too: marks above the line lost (`☑ ตัวชีวัดใหม่`)
    words = tuple((status, loose(squash(word))) for status, word in labels.STATUS_WORDS)
    boxed = {status: m.group(1) for status, w in words if (m := re.search("([" + _BOXES + "])" + w, flat))}
    if boxed:
        ticked = [status for status, box in boxed.items() if box in _TICKED]
        return ticked[0] if len(ticked) == 1 else None
    for status, w in words:
        if re.search(w, flat):
            return status
    return None


def label_rows(tables: list[Table], mended: bool = False) -> list[tuple[Cell, Cell]]:
    """The rows of a label-and-value table (a template written as one two-column table:
    `ประเภทตัวชี้วัด | ตัวชี้วัดต่อเนื่อง`, `ข้อมูลพื้นฐาน | ปีงบประมาณ 2567 : 94.19 …`): each row of
    two cells whose first is a short label and whose second says something. A row with an empty
    label right after one carries on its value (the row a page break cut in two; `_mend_cut_rows`
    rejoins the other ways a break cuts a row, unless the caller did: `mended`)."""
    out: list[tuple[Cell, Cell]] = []
    for table in tables if mended else _mend_cut_rows(tables):
        for k, row in enumerate(table.rows):
            if len(row) != 2 or not row[1].text.strip():
                continue
            if not row[0].text.strip() and out and (k == 0 or out[-1][0] in table.rows[k - 1]):
                label, value = out[-1]
                out[-1] = (label, Cell(value.bbox, value.page, value.lines + row[1].lines, f"{value.text}\n{row[1].text}"))
            elif 0 < len(squash(row[0].text)) <= LABEL_MAX:
                out.append((row[0], row[1]))
    return out


def _label_rest(row: list[Cell]) -> bool:
    """A row with a word or two in its first cell alone (`พ.ศ.`): the rest of a cut label."""
    return len(row) >= 2 and not any(c.text.strip() for c in row[1:]) and 0 < len(squash(row[0].text)) <= 12 and not any(ch.isdigit() for ch in row[0].text)


def _same_columns(a: list[Cell], b: list[Cell]) -> bool:
    """Two rows of cells standing in the same columns."""
    return len(a) == len(b) and all(same_span(x, y) for x, y in zip(a, b, strict=True))


def _mend_cut_rows(tables: list[Table]) -> list[Table]:
    """`tables` with each label-and-value row that a page break cut in two made one again.

    Word and LibreOffice let a row break across pages, each cell at its own line, so the row's
    two halves end one page's table and open the next page's: a label that wrapped leaves a
    fragment in the lower label cell (`แผนค่าเป้าหมาย 3` / `ปี`), or a label too tall for what was
    left of the page moves whole to the next page while its value stays (a value under no label
    at the foot, a label over no value at the top), or the other way round. A fragment is told from a row of its own by
    the value: it carries on the years or levels the value above began, and the fragment is no
    label the template reads by (a roadmap row under a baseline row goes on counting years too,
    but under a label of its own). A table of years is mended as a weights table is
    (`continuation.rejoin_cut_rows`): its value row's rest stands under the cells it goes on."""
    out = list(tables)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if b.page != a.page + 1 or not a.rows or not b.rows:
            continue
        if len(a.rows) <= 2 and (
            (header_only(a) and len(b.rows[0]) > len(a.rows[-1])) or closes_open_cells(a.rows[-1:], b.rows[0])
        ):
            # a header the break cut in two (`ข้อมูลพื้นฐานประกอบตัว` | `ผลการดำเนินงานในอดีต`
            # over the years to come, `ชี้วัด` | `2565` | `2566` overleaf; `ขั้นต้น (50` over
            # `คะแนน)`): made one with the rows under it, the years under the wide cell a row of
            # their own
            merged = header_rest(a.rows, b.rows)
            if [c.text for row in merged[: len(a.rows)] for c in row] != [c.text for row in a.rows for c in row]:
                out[i - 1], out[i] = Table(a.page, a.bbox, []), Table(b.page, b.bbox, merged)
                continue
        if len(a.rows) <= 2 and header_only(a) and _same_columns(a.rows[-1], b.rows[0]) and holds_a_number(b.rows[0]):
            # a table's header alone at the page foot (`ปีงบประมาณ | ผลการดำเนินงาน`), its rows
            # (`2562 | …`) overleaf in the same columns, the header not repeated: one table
            out[i - 1], out[i] = Table(a.page, a.bbox, []), Table(b.page, b.bbox, [*a.rows, *b.rows])
            continue
        if any(is_year_label(row[0].text) for row in a.rows if row):
            # a table of years (baseline, roadmap): a value row's rest under the same columns,
            # its label cell empty (a row with a label of its own is the next table's: a header)
            if b.rows[0] and not b.rows[0][0].text.strip():
                out[i - 1], out[i] = rejoin_cut_rows([a, b])
            elif _label_rest(b.rows[0]) and is_year_label(a.rows[-1][0].text):
                # the years' label cut after its first word (`ปีงบประมาณ` / `พ.ศ.`), the values
                # overleaf: one table again, the label whole
                out[i - 1], out[i] = Table(a.page, a.bbox, []), Table(b.page, b.bbox, header_rest(a.rows, b.rows))
            continue
        if len(a.rows[-1]) != 2 or len(b.rows[0]) != 2:
            continue
        (la, va), (lb, vb) = a.rows[-1], b.rows[0]
        if not la.text.strip() and va.text.strip() and lb.text.strip() and not vb.text.strip():
            row = [lb, va]
        elif la.text.strip() and not va.text.strip() and not lb.text.strip() and vb.text.strip():
            row = [la, vb]  # the label at the foot, its value moved whole to the next page
        elif la.text.strip() and lb.text.strip() and va.text.strip() and vb.text.strip() and _carries_on(la, va, lb, vb):
            row = [rejoined(la, lb), rejoined(va, vb)]
        else:
            continue
        out[i - 1] = Table(a.page, a.bbox, [*a.rows[:-1], row])
        out[i] = Table(b.page, b.bbox, b.rows[1:])
    return out


def _carries_on(la: Cell, va: Cell, lb: Cell, vb: Cell) -> bool:
    """Whether `lb | vb`, opening a page, is the rest of `la | va`, closing the page before: a
    label fragment of no family of its own under a value that goes on where `va` stopped."""
    if _own_label(lb.text) or len(squash(la.text + lb.text)) > LABEL_MAX:
        return False
    upper, lower = reading_order(va.lines), reading_order(vb.lines)
    return years_carry_on(upper, lower) or levels_carry_on(upper, lower)


def _own_label(text: str) -> bool:
    """Whether a label cell names a part of the template by itself (past results, targets by year,
    criteria, a level, a round, a KPI's name stops): then it starts a row of its own."""
    s = squash(text)
    return (
        history_kind(text) is not None
        or s.startswith(squash(labels.CRITERIA_LABEL))
        or level_label(text) is not None
        or squash(labels.ROUND) in s
        or any(s.startswith(squash(w)) for w in NAME_STOPS)
    )


def _ends_page(blocks: list[_Block], k: int) -> bool:
    """Nothing of the template follows block `k` on its page (a page break may have cut it)."""
    return k + 1 == len(blocks) or blocks[k + 1].page != blocks[k].page


def _opens_page(blocks: list[_Block], k: int) -> bool:
    """Nothing of the template stands above block `k` on its page (it may be the rest of a cut)."""
    return k > 0 and blocks[k - 1].page != blocks[k].page


def parse_template(number: int, blocks: list[_Block]) -> TemplateInfo:
    """Everything one template says, from its blocks in reading order."""
    # rows a page break cut in two are mended before any reader sees the tables (the rounds and
    # history readers read the tables themselves, not only the label | value pairs)
    mended = iter(_mend_cut_rows([b.table for b in blocks if b.table is not None]))
    blocks = [replace(b, table=next(mended)) if b.table is not None else b for b in blocks]
    pages = sorted({b.page for b in blocks})
    lines = [b.line for b in blocks if b.line is not None]
    info = TemplateInfo(number, "", pages)

    # name: the heading's text and its wrapped continuation, up to the first label
    name_lines: list[Line] = []
    for k, ln in enumerate(lines):
        h = heading_of(ln.text)
        if h is None:
            continue
        name_lines = [retext(ln, h[1])] if h[1] else []
        for j in range(k + 1, min(k + 4, len(lines))):
            nxt = lines[j]
            if any(squash(nxt.text).startswith(squash(s)) for s in NAME_STOPS) or heading_of(nxt.text):
                break
            if LABEL_LINE.match(nxt.text) or any(ch in nxt.text for ch in _BOXES):
                break
            if name_lines and nxt.page != name_lines[-1].page:
                # a heading wrapped over a page break goes on at the top of the next page, from
                # the last line of its own (`page_blocks` left the page's number out already)
                if any(x.page == nxt.page for x in lines[:j]) or any(
                    x.page == name_lines[-1].page for x in lines[k + 1 : j] if all(x is not y for y in name_lines)
                ):
                    break
            elif abs(nxt.top - name_lines[-1].bottom) > 1.6 * nxt.size if name_lines else False:
                break
            name_lines.append(nxt)
        break
    info.name = join_wrapped(name_lines, max((ln.x1 for ln in lines), default=None))

    pairs = label_rows([b.table for b in blocks if b.table is not None], mended=True)
    # what a label-and-value table states (`ประเภทตัวชี้วัด | ตัวชี้วัดต่อเนื่อง`, `น้ำหนัก | 20`,
    # `เงื่อนไข | … หักคะแนน 5 คะแนน`) reads as the same label written as a line
    text = "\n".join([ln.text for ln in lines] + [f"{fold(lab.text)} : {fold(val.text)}" for lab, val in pairs])
    info.text = text
    info.status = _status(text)
    m = _WEIGHT.search(fold(text))
    if m:
        info.weight = float(thai_to_arabic_digits(m.group(1)))

    state = YearState()
    bodies: dict[int, list[Line]] = {}
    open_round: list[int] = []
    round_columns: dict[str, tuple[float, float]] = {}
    last_head: list[str] = []
    right: float | None = None
    carry: CriteriaCarry | None = None
    cut: Table | None = None  # the table the criteria were read from, when it ends its page
    for k, b in enumerate(blocks):
        if b.table is None:
            continue
        year_rows(b.table, state, info)
        if not info.criteria:
            carry = criteria_rows(b.table, info, carry)
            cut = b.table if info.criteria and _ends_page(blocks, k) else None
        elif cut is not None:
            if _opens_page(blocks, k):
                rest_of_cut_row(cut, b.table, info)
            cut = None
        right = round_rows(b.table, bodies, open_round, round_columns, last_head) or right
    if not info.criteria:
        text_criteria(lines, info)
    for _label, value in pairs:
        if not info.criteria:
            text_criteria(sorted(value.lines, key=lambda ln: (ln.page, ln.top, ln.x0)), info)
    labelled_history(lines, pairs, info)
    info.rounds = [round_body(month, body, right) for month, body in unknown_rounds_placed(bodies).items() if month > 0]
    if not info.rounds:
        info.rounds = text_rounds(lines, max((ln.x1 for ln in lines), default=None))

    flat_text = fold(text)
    m = _DEDUCT.search(flat_text)
    if m:
        info.deduction_points = float(thai_to_arabic_digits(m.group(1)))
    elif _NO_DEDUCT.search(flat_text.replace(" ", "")):
        info.deduction_points = 0.0
    for ln in lines + [ln for _label, value in pairs for ln in value.lines]:
        if squash(labels.SCORE_OBTAINED) in squash(ln.text) and "=" in ln.text:
            info.scoring_rule = fold(ln.text)
            break
    # baseline and roadmap stay in the order written (assembly sorts them once it has put a
    # misread year back by its neighbours)
    info.rounds.sort(key=lambda r: r.month)
    cells = [c.text for b in blocks if b.table is not None for row in b.table.rows for c in row]
    info.rounds_named = any(labels.ROUND_NAME_RE.match(t) for t in [ln.text for ln in lines] + cells)
    return info


def running_headers(pages: list[PageContent]) -> set[str]:
    """Lines repeated at the top of many pages (the unit's name as a page header).

    Only lines above a page's KPI heading count: when every template starts a page, the line
    under each heading (`สถานะตัวชี้วัด : ตัวชี้วัดต่อเนื่อง`) also repeats near the top of many
    pages, but it belongs to the template and must not be dropped as a header."""
    counts: dict[str, int] = {}
    for p in pages:
        for ln in p.lines[:2]:
            if heading_of(ln.text) is not None:
                break
            if ln.top < p.height * 0.12:
                key = squash(ln.text)
                counts[key] = counts.get(key, 0) + 1
    need = max(3, len(pages) // 3)
    return {k for k, n in counts.items() if n >= need and k}


def template_value(text: str) -> float | None:
    return criterion_value(text)
