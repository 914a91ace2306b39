"""Write an agreement record as a PDF, in a layout of our own choosing (HTML → WeasyPrint).

The record is the truth; the PDF says the same things the way another unit's agreement might:
Thai or Arabic digits everywhere, a three- or five-level targets table, a cover that names the
parties by label instead of in a sentence, signatures in a borderless block with the maker on
the left, KPI numbers in a column of their own, categories only inside the targets table, a
landscape targets page, tables that run over page breaks, KPI templates in the OPDC form (years
under a spanning header, criteria down a column, rounds in three columns). `render` returns the
truth as rendered: the pages each KPI landed on (read from the laid-out document), the file's
hash and page count, and no template parts when the layout has no templates.

WeasyPrint writes one ToUnicode entry per glyph from the first cluster the glyph was drawn in,
which garbles Thai (the glyph of า drawn inside ำ maps to ำ, lowered tone marks to whole
clusters). `_clean_to_unicode` maps each glyph to its own character instead, from the glyph's
name or the font's cmap — the text layer a word processor writes.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from parsers.thai.dates import THAI_MONTHS_ABBR, THAI_MONTHS_FULL
from parsers.thai.numbers import to_thai_digits
from pipeline.models import KPI, Agreement, Party

FONT_FAMILIES = ("Laksaman", "Garuda")
RULE_SUFFIX = " = คะแนนที่ได้"


@dataclass(frozen=True)
class Layout:
    """How the agreement is laid out; every option is a way real agreements differ."""

    digits: Literal["thai", "arabic"] = "thai"
    # cover
    # paragraph: `ระหว่าง <grantor> ในฐานะผู้รับคำรับรอง กับ <maker> …`; labelled: `ผู้รับคำรับรอง : <name>
    # ตำแหน่ง <position>` on one line; blocks: the role, the name and the position each on a line
    cover: Literal["paragraph", "labelled", "blocks"] = "paragraph"
    sentence_maker_first: bool = False  # `ระหว่าง <maker> ผู้ทำคำรับรอง กับ <grantor> ผู้รับคำรับรอง`
    unit_prefix: str = ""  # "ของ " before the unit's name under the title
    # sentence: `… ใช้สำหรับระยะเวลา 1 ปี ตั้งแต่วันที่ … ถึงวันที่ …`; range: `ระยะเวลา <date> – <date>`
    period_style: Literal["sentence", "range"] = "sentence"
    maker_signs_first: bool = False
    role_under_signature: bool = False
    role_on_signature_line: bool = False  # `ลงชื่อ ……………… ผู้รับคำรับรอง`
    signatures: Literal["side", "stacked"] = "side"  # two columns, or one block under the other
    signatures_next_page: bool = False  # the signature block at the top of the cover's second page
    date_style: Literal["full", "short", "words", "short_year"] = "full"  # short_year: `๒๖ ธ.ค. ๖๖`
    # the period's dates: full `1 ตุลาคม 2565`, short `1 ต.ค. 2565`, short_year `๑ ต.ค. ๖๕`
    period_dates: Literal["full", "short", "short_year"] = "full"
    # the ministry (Extras.ministry) on the cover: after the unit on its title line, or a line of its own
    cover_ministry: Literal["none", "same_line", "own_line"] = "none"
    # framework and targets tables
    framework: Literal["separate", "combined"] = "separate"
    targets_table: bool = True  # without it the criteria are only in the KPI templates
    category_numbers: bool = False
    number_column: bool = False
    unit_column: bool = False
    note_column: bool = False
    targets_categories: Literal["none", "heading", "weighted"] = "weighted"
    level_labels: Literal["stage", "points_first", "level", "bare", "points"] = "stage"
    landscape_targets: bool = False
    repeat_header: bool = True
    #: rows may break across pages (Word's default), their rest going on under the next page's header
    split_rows: bool = False
    break_before_category: int | None = None  # start the targets table's n-th category on a new page
    # rowspan: categories in a column of their own, one cell merged down beside their KPIs (in the
    # framework table, or in the combined table)
    framework_categories: Literal["row", "rowspan"] = "row"
    kpi_prefix: str = ""  # "ตัวชี้วัดที่ " before the KPI's number in the framework and targets tables
    weight_header: str = "น้ำหนัก (ร้อยละ)"
    # weights as printed in the tables and templates: `20`, as a fraction of one `0.20`, or `ร้อยละ 20`
    weight_style: Literal["plain", "fraction", "percent_word"] = "plain"
    criteria_header: str = "เกณฑ์การให้คะแนน"
    # KPI templates
    templates: bool = True
    template_style: Literal["plain", "opdc"] = "plain"
    heading_format: str = ""  # e.g. "ตัวชี้วัด {n} : {name}"; by default per template_style
    criteria_table: Literal["row", "column", "lines"] = "row"  # lines: `ระดับ 1 : …` as text
    criteria_title: str = "เกณฑ์การให้คะแนน"
    status_style: Literal["line", "checkbox"] = "line"
    weight_label: str = "น้ำหนัก"
    baseline_title: str = "ข้อมูลพื้นฐานประกอบตัวชี้วัด"
    roadmap_title: str = "แผนระยะยาว (Roadmap)"
    year_label: str = "ปีงบประมาณ"  # the label of the row (or column) of years
    baseline_row: str = "ผลการดำเนินงาน"
    roadmap_row: str = "ค่าเป้าหมาย"
    year_table: Literal["across", "down"] = "across"  # down: one row per year
    rounds_table: Literal["two_column", "three_column"] = "two_column"
    # goal: `เป้าหมายรอบ 6 เดือน`; short: `รอบ 6 เดือน`; numbered: `รอบการประเมินที่ 1 (1 ตุลาคม … – 31 มีนาคม …)`
    round_label: Literal["goal", "short", "numbered"] = "goal"
    deduction_text: str = "ในแต่ละรอบการประเมิน หากดำเนินการไม่ครบทุกขั้นตอน จะถูกหักคะแนนรอบละ {points} คะแนน"
    # pages
    running_header: bool = False
    page_numbers: Literal["dash", "none", "page_of"] = "dash"
    font: str = "Laksaman"
    font_size: float = 15.0


@dataclass
class Extras:
    """Words the record does not hold but an agreement prints: unit labels, descriptions, notes."""

    units: dict[int, str] = field(default_factory=dict)
    descriptions: dict[int, str] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    short_names: dict[int, str] = field(default_factory=dict)
    ministry: str = ""  # printed on the cover when Layout.cover_ministry asks for it


def weasyprint_missing() -> str | None:
    """Why PDFs cannot be rendered here (a reason for pytest.skip), or None when they can."""
    try:
        import weasyprint  # noqa: F401
    except Exception as exc:  # ImportError, or OSError when Pango is missing
        return f"WeasyPrint is not usable: {exc}"
    import weasyprint.pdf

    if not hasattr(weasyprint.pdf, "build_fonts_dictionary"):
        return "this WeasyPrint has no pdf.build_fonts_dictionary: its ToUnicode maps cannot be cleaned"
    import subprocess

    try:
        out = subprocess.run(["fc-list", ":lang=th", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return f"cannot list fonts (fc-list): {exc}"
    if not any(f in out for f in FONT_FAMILIES):
        return "no Thai TLWG font (Laksaman, Garuda) installed: apt-get install fonts-thai-tlwg"
    return None


# ---------------------------------------------------------------------------------------------
# text helpers


class _Doc:
    """Text written the layout's way: escaped, digits converted, dates in the chosen style."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout

    def t(self, text: object) -> str:
        s = "" if text is None else str(text)
        if self.layout.digits == "thai":
            s = to_thai_digits(s)
        return html.escape(s)

    def num(self, v: float | None) -> str:
        if v is None:
            return ""
        return self.t(f"{int(v)}" if float(v).is_integer() else f"{v:g}")

    def signed(self, d: date | None) -> str:
        if d is None:
            return self.t("วันที่ ........................................")
        be = d.year + 543
        style = self.layout.date_style
        if style == "short":
            return self.t(f"วันที่ {d.day} {THAI_MONTHS_ABBR[d.month - 1]} {be}")
        if style == "words":
            return self.t(f"วันที่ {d.day} เดือน {THAI_MONTHS_FULL[d.month - 1]} พ.ศ. {be}")
        if style == "short_year":
            return self.t(f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {be % 100:02d}")
        return self.t(f"วันที่ {d.day} {THAI_MONTHS_FULL[d.month - 1]} {be}")

    def plain_date(self, d: date) -> str:
        return self.t(f"{d.day} {THAI_MONTHS_FULL[d.month - 1]} {d.year + 543}")

    def period_date(self, d: date) -> str:
        """A date of the cover's period, in Layout.period_dates' style."""
        style = self.layout.period_dates
        if style == "short":
            return self.t(f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {d.year + 543}")
        if style == "short_year":
            return self.t(f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {(d.year + 543) % 100:02d}")
        return self.plain_date(d)

    def weight(self, v: float | None) -> str:
        """A weight in a table cell, in Layout.weight_style's way (`0.20`, `ร้อยละ 20`)."""
        if v is None or self.layout.weight_style == "plain":
            return self.num(v)
        if self.layout.weight_style == "fraction":
            return self.t(f"{v / 100:.2f}")
        return self.t("ร้อยละ ") + self.num(v)


# ---------------------------------------------------------------------------------------------
# the document


def _css(layout: Layout, unit: str) -> str:
    fonts = ", ".join(f'"{f}"' for f in (layout.font, *FONT_FAMILIES) if f) + ', "DejaVu Sans"'
    counter = "counter(page, thai)" if layout.digits == "thai" else "counter(page)"
    footer = {
        "dash": f'content: "- " {counter} " -";',
        "page_of": f'content: "หน้า " {counter};',
        "none": "content: none;",
    }[layout.page_numbers]
    header = f'content: "{unit}";' if layout.running_header else "content: none;"
    return f"""
@page {{ size: A4; margin: 2cm 2cm 2cm 2.5cm;
  @top-right {{ {header} font-family: {fonts}; font-size: 11pt; }}
  @bottom-center {{ {footer} font-family: {fonts}; font-size: 12pt; }} }}
@page :first {{ @top-right {{ content: none; }} @bottom-center {{ content: none; }} }}
@page wide {{ size: A4 landscape; margin: 1.8cm 2cm 1.8cm 2cm; }}
body {{ font-family: {fonts}; font-size: {layout.font_size}pt; line-height: 1.35; }}
p {{ margin: 0 0 4pt 0; }}
.title {{ text-align: center; font-weight: bold; font-size: {layout.font_size + 3}pt; margin: 0; }}
.cover p.item {{ text-indent: 1.2cm; text-align: justify; }}
.party {{ margin-left: 1.2cm; }}
.party .label {{ display: inline-block; width: 4.2cm; }}
table.grid {{ border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; }}
table.grid td, table.grid th {{ border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: top;
  font-weight: normal; text-align: left; }}
table.grid th {{ text-align: center; font-weight: bold; }}
table.grid td.n {{ text-align: center; }}
tr {{ break-inside: {"auto" if layout.split_rows else "avoid"}; }}
table.sig {{ width: 100%; margin-top: 1.2cm; border: none; }}
table.sig td {{ width: 50%; text-align: center; vertical-align: top; border: none; padding: 0 6pt; }}
p.sigblock {{ margin: 0.9cm 0 0 40%; text-align: center; break-inside: avoid; }}
.gap {{ display: inline-block; width: 0.6em; }}
table.sig tr {{ break-inside: avoid; }}
.wide {{ page: wide; }}
.newpage {{ break-before: page; }}
h2 {{ font-size: {layout.font_size + 2}pt; text-align: center; margin: 0 0 6pt 0; }}
h3 {{ font-size: {layout.font_size + 1}pt; margin: 0 0 4pt 0; }}
.label {{ font-weight: bold; }}
.box {{ font-family: "DejaVu Sans"; }}
"""


def _level_label(layout: Layout, kind: str, level: float) -> str:
    if kind == "five_level":
        n = int(level)
        return {"level": f"ระดับ {n}", "bare": f"{n}", "points": f"{n} คะแนน"}.get(layout.level_labels, f"ระดับ {n}")
    word = {50: "ขั้นต้น", 70: "มาตรฐาน", 75: "มาตรฐาน", 100: "ขั้นสูง"}[int(level)]
    if layout.level_labels == "points_first":
        return f"{int(level)} คะแนน ({word})"
    return f"{word} ({int(level)} คะแนน)"


def _parties(record: Agreement) -> tuple[Party, Party]:
    grantor = record.party("grantor")
    maker = record.party("maker")
    assert grantor is not None and maker is not None, "a synthetic record names both parties"
    return grantor, maker


def _cover(record: Agreement, d: _Doc, extras: Extras | None = None) -> str:
    lay = d.layout
    extras = extras or Extras()
    g, m = _parties(record)
    period = record.period
    assert period is not None
    out = ['<div class="cover">']
    out.append(f'<p class="title">{d.t("คำรับรองการปฏิบัติราชการ")}</p>')
    if lay.cover_ministry == "same_line":
        out.append(f'<p class="title">{d.t(lay.unit_prefix + record.organization + " " + extras.ministry)}</p>')
    else:
        out.append(f'<p class="title">{d.t(lay.unit_prefix + record.organization)}</p>')
    if lay.cover_ministry == "own_line":
        out.append(f'<p class="title">{d.t(extras.ministry)}</p>')
    out.append(f'<p class="title">{d.t(f"ประจำปีงบประมาณ พ.ศ. {record.fiscal_year}")}</p><br>')
    period_text = f'{d.t("ตั้งแต่วันที่ ")}{d.period_date(period.start)}{d.t(" ถึงวันที่ ")}{d.period_date(period.end)}'
    period_range = f'{d.t("2. ระยะเวลาของคำรับรอง ")}{d.period_date(period.start)}{d.t(" – ")}{d.period_date(period.end)}'
    ranged = lay.period_style == "range"
    if lay.cover == "labelled":
        out.append(f'<p class="item">{d.t("1. คู่คำรับรอง")}</p>')
        for label, p in (("ผู้รับคำรับรอง", g), ("ผู้ทำคำรับรอง", m)):
            out.append(
                f'<p class="party"><span class="label">{d.t(label)}</span>{d.t(": " + p.name)}'
                f'<span class="gap"></span> {d.t("ตำแหน่ง " + p.position)}</p>'
            )
        out.append(f'<p class="item">{period_range if ranged else d.t("2. ระยะเวลาของคำรับรอง ใช้สำหรับระยะเวลา 1 ปี ") + period_text}</p>')
    elif lay.cover == "blocks":
        out.append(f'<p class="item">{d.t("1. คู่คำรับรอง")}</p>')
        for label, p in (("ผู้รับคำรับรอง", g), ("ผู้ทำคำรับรอง", m)):
            out.append(f'<p class="party label">{d.t(label)}</p>')
            out.append(f'<p class="party" style="margin-left: 2.4cm">{d.t(p.name)}</p>')
            out.append(f'<p class="party" style="margin-left: 2.4cm">{d.t(p.position)}</p>')
        out.append(f'<p class="item">{period_range if ranged else d.t("2. คำรับรองนี้ใช้สำหรับระยะเวลา 1 ปี ") + period_text}</p>')
    else:
        first, second = (f"{g.name} {g.position} ในฐานะผู้รับคำรับรอง", f"{m.name} {m.position} ในฐานะผู้ทำคำรับรอง")
        if lay.sentence_maker_first:
            first, second = second, first
        out.append(f'<p class="item">{d.t(f"1. คำรับรองนี้เป็นคำรับรองระหว่าง {first} กับ {second}")}</p>')
        sentence = d.t("2. คำรับรองนี้เป็นคำรับรองฝ่ายเดียว มิใช่สัญญา และใช้สำหรับระยะเวลา 1 ปี ") + period_text
        out.append(f'<p class="item">{period_range if ranged else sentence}</p>')
    out.append(
        f'<p class="item">{d.t("3. รายละเอียดของคำรับรอง ได้แก่ ตัวชี้วัดผลการปฏิบัติราชการ น้ำหนัก เป้าหมาย/เกณฑ์การให้คะแนน และรายละเอียดอื่น ๆ ตามที่ปรากฏอยู่ในเอกสารประกอบท้ายคำรับรองนี้")}</p>'
    )
    out.append(
        f'<p class="item">{d.t(f"4. ข้าพเจ้า {g.name} ในฐานะผู้บังคับบัญชาของ {m.name} ได้พิจารณาและเห็นชอบกับตัวชี้วัดผลการปฏิบัติราชการ น้ำหนัก และเป้าหมาย/เกณฑ์การให้คะแนน ตามที่กำหนดในเอกสารประกอบท้ายคำรับรองนี้ และยินดีจะให้คำแนะนำ กำกับ และตรวจสอบผลการปฏิบัติราชการให้เป็นไปตามคำรับรองนี้")}</p>'
    )
    out.append(
        f'<p class="item">{d.t(f"5. ข้าพเจ้า {m.name} {m.position} ได้ทำความเข้าใจคำรับรองตามข้อ 3 แล้ว ขอให้คำรับรองว่าจะมุ่งมั่นปฏิบัติราชการให้เกิดผลงานที่ดีตามเป้าหมายของตัวชี้วัดแต่ละตัวในระดับสูงสุด เพื่อให้เกิดประโยชน์สุขแก่ประชาชน")}</p>'
    )
    out.append(
        f'<p class="item">{d.t("6. ผู้รับคำรับรองและผู้ทำคำรับรองได้เข้าใจคำรับรองการปฏิบัติราชการและเห็นพ้องกันแล้ว จึงได้ลงลายมือชื่อไว้เป็นสำคัญ")}</p>'
    )
    signers = [(m, "ผู้ทำคำรับรอง"), (g, "ผู้รับคำรับรอง")] if lay.maker_signs_first else [(g, "ผู้รับคำรับรอง"), (m, "ผู้ทำคำรับรอง")]
    cells = []
    for p, role in signers:
        line = "ลงชื่อ ......................................"
        if lay.role_on_signature_line:
            line = f"ลงชื่อ ........................ {role}"
        parts = [d.t(line), d.t(f"({p.name})"), d.t(p.position)]
        if lay.role_under_signature:
            parts.append(d.t(role))
        parts.append(d.signed(p.signed_on))
        cells.append("<br>".join(parts))
    if lay.signatures_next_page:
        out.append('<div style="break-before: page"></div>')
    if lay.signatures == "stacked":
        out.extend(f'<p class="sigblock">{c}</p>' for c in cells)
    else:
        out.append('<table class="sig"><tr>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr></table>")
    out.append("</div>")
    return "\n".join(out)


def _kpi_category_order(record: Agreement) -> list[tuple[str | None, float | None, list[KPI]]]:
    """KPIs grouped under their categories in table order (KPIs without a category last)."""
    groups: list[tuple[str | None, float | None, list[KPI]]] = []
    seen: set[int] = set()
    for c in record.categories:
        members = [k for n in c.kpi_numbers if (k := record.kpi(n)) is not None]
        groups.append((c.name, c.weight, members))
        seen.update(k.number for k in members)
    rest = [k for k in record.kpis if k.number not in seen]
    if rest:
        groups.append((None, None, rest))
    return groups


def _category_label(d: _Doc, i: int, name: str) -> str:
    return d.t(f"{i}. {name}" if d.layout.category_numbers else name)


def _kpi_label_cells(d: _Doc, k: KPI, anchor: str | None = None) -> str:
    if d.layout.number_column:
        return f'<td class="n">{d.t(k.number)}</td><td>{d.t(k.name)}</td>'
    if d.layout.kpi_prefix:
        return f"<td>{d.t(f'{d.layout.kpi_prefix}{k.number} {k.name}')}</td>"
    return f"<td>{d.t(f'{k.number}. {k.name}')}</td>"


def _framework(record: Agreement, d: _Doc) -> str:
    lay = d.layout
    rowspan = lay.framework_categories == "rowspan"
    head = ""
    if rowspan:
        head += f"<th>{d.t('ประเด็นการประเมิน')}</th>"
        if lay.number_column:
            head += f"<th>{d.t('ลำดับ')}</th>"
        head += f"<th>{d.t('ตัวชี้วัด')}</th>"
    else:
        if lay.number_column:
            head += f"<th>{d.t('ลำดับ')}</th>"
        head += f"<th>{d.t('ประเด็นการประเมิน / ตัวชี้วัด')}</th>"
    head += f"<th>{d.t(lay.weight_header)}</th>"
    rows = []
    label_span = (2 if lay.number_column else 1) + (1 if rowspan else 0)
    for i, (name, weight, members) in enumerate(_kpi_category_order(record), 1):
        if rowspan:
            for j, k in enumerate(members):
                cat = f'<td rowspan="{len(members)}">{_category_label(d, i, name or "")}</td>' if j == 0 else ""
                rows.append(f'<tr>{cat}{_kpi_label_cells(d, k)}<td class="n">{d.weight(k.weight)}</td></tr>')
            continue
        if name is not None:
            rows.append(f'<tr><td colspan="{label_span}">{_category_label(d, i, name)}</td><td class="n">{d.weight(weight)}</td></tr>')
        for k in members:
            rows.append(f"<tr>{_kpi_label_cells(d, k)}<td class=\"n\">{d.weight(k.weight)}</td></tr>")
    total = sum(k.weight for k in record.kpis)
    rows.append(f'<tr><td colspan="{label_span}">{d.t("รวม")}</td><td class="n">{d.weight(total)}</td></tr>')
    n = len(record.categories)
    intro = f"กรอบการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {record.fiscal_year} ประกอบด้วย {n} ส่วน ดังนี้"
    return (
        f'<div class="newpage"><h2>{d.t("กรอบการประเมินผลการปฏิบัติราชการ")}</h2><p>{d.t(intro)}</p>'
        f'<table class="grid framework"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _targets(record: Agreement, d: _Doc, extras: Extras) -> str:
    lay = d.layout
    kind = record.scale.kind
    levels = record.scale.levels
    nlev = len(levels)
    # in the combined table, categories may stand in a column of their own, merged down beside their KPIs
    category_column = lay.framework == "combined" and lay.framework_categories == "rowspan"
    head1 = ""
    if category_column:
        head1 += f'<th rowspan="2">{d.t("ประเด็นการประเมิน")}</th>'
    if lay.number_column:
        head1 += f'<th rowspan="2">{d.t("ลำดับ")}</th>'
    head1 += f'<th rowspan="2">{d.t("ตัวชี้วัด")}</th>'
    if lay.unit_column:
        head1 += f'<th rowspan="2">{d.t("หน่วยวัด")}</th>'
    head1 += f'<th rowspan="2">{d.t(lay.weight_header)}</th>'
    head1 += f'<th colspan="{nlev}">{d.t(lay.criteria_header)}</th>'
    if lay.note_column:
        head1 += f'<th rowspan="2">{d.t("หมายเหตุ")}</th>'
    head2 = "".join(f"<th>{d.t(_level_label(lay, kind, lv))}</th>" for lv in levels)
    header = f"<tr>{head1}</tr><tr>{head2}</tr>"
    label_span = 2 if lay.number_column else 1
    width = label_span + (1 if lay.unit_column else 0) + 1 + nlev + (1 if lay.note_column else 0)
    rows = []
    show_categories = lay.framework == "combined" or lay.targets_categories != "none"
    for i, (name, weight, members) in enumerate(_kpi_category_order(record), 1):
        if name is not None and show_categories and not category_column:
            brk = ' style="break-before: page"' if lay.break_before_category == i else ""
            if lay.framework == "separate" and lay.targets_categories == "heading":
                rows.append(f'<tr{brk}><td colspan="{width}">{_category_label(d, i, name)}</td></tr>')
            else:
                unit = "<td></td>" if lay.unit_column else ""
                note = "<td></td>" if lay.note_column else ""
                rows.append(
                    f'<tr{brk}><td colspan="{label_span}">{_category_label(d, i, name)}</td>{unit}'
                    f'<td class="n">{d.weight(weight)}</td><td colspan="{nlev}"></td>{note}</tr>'
                )
        for j, k in enumerate(members):
            cells = _kpi_label_cells(d, k)
            if category_column:
                cells = (f'<td rowspan="{len(members)}">{_category_label(d, i, name or "")}</td>' if j == 0 else "") + cells
            if lay.unit_column:
                cells += f'<td class="n">{d.t(extras.units.get(k.number) or _unit_word(k))}</td>'
            cells += f'<td class="n">{d.weight(k.weight)}</td>'
            if k.scoring == "direct":
                rule = (k.scoring_rule or "").removesuffix(RULE_SUFFIX)
                cells += f'<td colspan="{nlev}">{d.t(rule)}</td>'
            else:
                by_level = {c.level: c.text for c in k.criteria}
                cells += "".join(f"<td>{d.t(by_level.get(lv, ''))}</td>" for lv in levels)
            if lay.note_column:
                cells += f"<td>{d.t(extras.notes.get(k.number, ''))}</td>"
            rows.append(f'<tr id="k{k.number}-targets">{cells}</tr>')
    total = sum(k.weight for k in record.kpis)
    unit = "<td></td>" if lay.unit_column else ""
    note = "<td></td>" if lay.note_column else ""
    total_span = label_span + (1 if category_column else 0)
    rows.append(f'<tr><td colspan="{total_span}">{d.t("รวม")}</td>{unit}<td class="n">{d.weight(total)}</td><td colspan="{nlev}"></td>{note}</tr>')
    if lay.repeat_header:
        table = f'<table class="grid targets"><thead>{header}</thead><tbody>{"".join(rows)}</tbody></table>'
    else:
        table = f'<table class="grid targets"><tbody>{header}{"".join(rows)}</tbody></table>'
    title = "เป้าหมายและเกณฑ์การให้คะแนนตัวชี้วัด" if lay.framework == "separate" else "ตัวชี้วัด น้ำหนัก และเกณฑ์การให้คะแนน"
    cls = "wide" if lay.landscape_targets else "newpage"
    return f'<div class="{cls}"><h2>{d.t(title)}</h2><p>{d.t(f"ประจำปีงบประมาณ พ.ศ. {record.fiscal_year}")}</p>{table}</div>'


def _unit_word(k: KPI) -> str:
    if k.scoring == "milestone":
        return "ระดับ"
    return {"percent": "ร้อยละ", "score": "คะแนน"}.get(k.unit or "", "-")


# ---------------------------------------------------------------------------------------------
# KPI templates


class _Ids:
    """Anchors on every block of a template, so the pages it lands on can be read back."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f' id="k{self.number}-t{self.count}"'


def _template(record: Agreement, k: KPI, d: _Doc, extras: Extras) -> str:
    lay = d.layout
    ids = _Ids(k.number)
    out = [f'<div class="newpage template"><h3{ids()}>{d.t(_heading(lay, k))}</h3>']
    out.append(_status_line(k, d, ids))
    if lay.template_style == "opdc":
        out.append(f"<p{ids()}>{d.t(f'ค่าน้ำหนัก : ร้อยละ {_numtext(k.weight)}')}</p>")
    else:
        out.append(f"<p{ids()}>{d.t(lay.weight_label + ' ')}{_template_weight(k.weight, d)}</p>")
    desc = extras.descriptions.get(k.number) or f"ตัวชี้วัดนี้ใช้ติดตามผล{k.name} ตลอดปีงบประมาณ พ.ศ. {record.fiscal_year}"
    out.append(f'<p{ids()}><span class="label">{d.t("คำอธิบาย :")}</span> {d.t(desc)}</p>')
    if k.baseline:
        out.append(f'<p{ids()} class="label">{d.t(lay.baseline_title)}</p>')
        out.append(_baseline_table(k, d, ids, extras))
    if k.roadmap:
        out.append(f'<p{ids()} class="label">{d.t(lay.roadmap_title)}</p>')
        out.append(_roadmap_table(k, d, ids))
    out.append(f'<p{ids()} class="label">{d.t(lay.criteria_title)}</p>')
    if k.scoring == "direct":
        out.append(f"<p{ids()}>{d.t(k.scoring_rule or '')}</p>")
    elif lay.criteria_table == "lines":
        by_level = {c.level: c.text for c in k.criteria}
        for lv in record.scale.levels:
            label = _level_label(lay, record.scale.kind, lv)
            out.append(f'<p{ids()} style="margin-left: 1cm">{d.t(f"{label} : {by_level.get(lv, chr(45))}")}</p>')
    else:
        out.append(_criteria_table(record, k, d, ids))
    if k.rounds:
        out.append(f'<p{ids()} class="label">{d.t("เป้าหมายการดำเนินงานรายรอบ")}</p>')
        out.append(_rounds_table(k, d, ids, record.fiscal_year))
    if k.deduction_points is not None:
        if k.deduction_points:
            text = lay.deduction_text.format(points=_numtext(k.deduction_points))
        else:
            text = "ตัวชี้วัดนี้ไม่หักคะแนนในกรณีที่ดำเนินการไม่ครบทุกขั้นตอน"
        out.append(f'<p{ids()}><span class="label">{d.t("เงื่อนไข :")}</span> {d.t(text)}</p>')
    out.append("</div>")
    return "\n".join(out)


def _heading(lay: Layout, k: KPI) -> str:
    if lay.heading_format:
        return lay.heading_format.format(n=k.number, name=k.name)
    return f"ตัวชี้วัดที่ {k.number} : {k.name}" if lay.template_style == "opdc" else f"ตัวชี้วัดที่ {k.number} {k.name}"


def _template_weight(v: float, d: _Doc) -> str:
    """The weight after the template's label: `0.20` when the layout writes fractions, else `20`."""
    return d.weight(v) if d.layout.weight_style == "fraction" else d.t(_numtext(v))


def _numtext(v: float) -> str:
    return f"{int(v)}" if float(v).is_integer() else f"{v:g}"


def _status_line(k: KPI, d: _Doc, ids: _Ids) -> str:
    if k.status is None:
        return ""
    if d.layout.status_style == "checkbox":
        new = "☑" if k.status == "new" else "☐"
        cont = "☑" if k.status == "continuing" else "☐"
        return (
            f'<p{ids()}>{d.t("ประเภทตัวชี้วัด")}<span class="gap"></span> <span class="box">{new}</span> {d.t("ตัวชี้วัดใหม่")}'
            f'<span class="gap"></span> <span class="box">{cont}</span> {d.t("ตัวชี้วัดต่อเนื่อง")}</p>'
        )
    word = "ตัวชี้วัดต่อเนื่อง" if k.status == "continuing" else "ตัวชี้วัดใหม่"
    if d.layout.template_style == "opdc":
        return f"<p{ids()}>{d.t('สถานะตัวชี้วัด : ' + word)}</p>"
    return f"<p{ids()}>{d.t(word)}</p>"


def _years_down(parts: list, label: str, d: _Doc, ids: _Ids) -> str:
    """One row per year under a `ปีงบประมาณ | <label>` header."""
    rows = "".join(f'<tr{ids()}><td class="n">{d.t(y.year)}</td><td>{d.t(y.text or "-")}</td></tr>' for y in parts)
    return (
        f'<table class="grid" style="width: 70%"><tr{ids()}><th style="width: 30%">{d.t(d.layout.year_label)}</th>'
        f"<th>{d.t(label)}</th></tr>{rows}</table>"
    )


def _baseline_table(k: KPI, d: _Doc, ids: _Ids, extras: Extras) -> str:
    if d.layout.year_table == "down":
        return _years_down(k.baseline, d.layout.baseline_row, d, ids)
    years = "".join(f'<th{ids()}>{d.t(y.year)}</th>' for y in k.baseline)
    values = "".join(f"<td>{d.t(y.text or '-')}</td>" for y in k.baseline)
    if d.layout.template_style == "opdc":
        unit = extras.units.get(k.number) or _unit_word(k)
        label = extras.short_names.get(k.number) or k.name
        return (
            f'<table class="grid"><tr{ids()}><th rowspan="2">{d.t("ข้อมูลพื้นฐานประกอบตัวชี้วัด")}</th>'
            f'<th rowspan="2">{d.t("หน่วยวัด")}</th>'
            f'<th colspan="{len(k.baseline)}">{d.t("ผลการดำเนินงานในอดีต ปีงบประมาณ พ.ศ.")}</th></tr>'
            f"<tr>{years}</tr><tr{ids()}><td>{d.t(label)}</td><td>{d.t(unit)}</td>{values}</tr></table>"
        )
    return (
        f'<table class="grid"><tr{ids()}><td>{d.t(d.layout.year_label)}</td>{years}</tr>'
        f'<tr{ids()}><td>{d.t(d.layout.baseline_row)}</td>{values}</tr></table>'
    )


def _roadmap_table(k: KPI, d: _Doc, ids: _Ids) -> str:
    if d.layout.year_table == "down":
        return _years_down(k.roadmap, d.layout.roadmap_row, d, ids)
    years = "".join(f"<th>{d.t(y.year)}</th>" for y in k.roadmap)
    values = "".join(f"<td>{d.t(y.text or '-')}</td>" for y in k.roadmap)
    label = "ปีงบประมาณ พ.ศ." if d.layout.template_style == "opdc" else d.layout.year_label
    return (
        f'<table class="grid"><tr{ids()}><td>{d.t(label)}</td>{years}</tr>'
        f'<tr{ids()}><td>{d.t(d.layout.roadmap_row)}</td>{values}</tr></table>'
    )


def _criteria_table(record: Agreement, k: KPI, d: _Doc, ids: _Ids) -> str:
    kind = record.scale.kind
    by_level = {c.level: c.text for c in k.criteria}
    if d.layout.criteria_table == "column":
        rows = "".join(
            f'<tr{ids()}><td class="n">{d.t(_level_label(d.layout, kind, lv))}</td><td>{d.t(by_level.get(lv, ""))}</td></tr>'
            for lv in record.scale.levels
        )
        return (
            f'<table class="grid"><tr{ids()}><th>{d.t("ระดับคะแนน")}</th><th>{d.t("เกณฑ์การให้คะแนน")}</th></tr>{rows}</table>'
        )
    head = "".join(f"<th>{d.t(_level_label(d.layout, kind, lv))}</th>" for lv in record.scale.levels)
    cells = "".join(f"<td>{d.t(by_level.get(lv, ''))}</td>" for lv in record.scale.levels)
    return f'<table class="grid"><tr{ids()}>{head}</tr><tr{ids()}>{cells}</tr></table>'


def _round_name(d: _Doc, i: int, month: int, fiscal_year: int) -> str:
    """What the round's head cell says: its months (`เป้าหมายรอบ 6 เดือน`, `รอบ 6 เดือน`), or its
    number and the dates it runs over, from the start of the fiscal year."""
    style = d.layout.round_label
    if style == "numbered":
        start = date(fiscal_year - 544, 10, 1)
        end_month = (10 + month - 1 - 1) % 12 + 1
        end_year = fiscal_year - 544 + (1 if end_month < 10 else 0)
        end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        return f"รอบการประเมินที่ {i} ({d.plain_date(start)} – {d.plain_date(end)})"
    if style == "short" or d.layout.rounds_table == "three_column":
        return f"รอบ {month} เดือน"
    return f"เป้าหมายรอบ {month} เดือน"


def _rounds_table(k: KPI, d: _Doc, ids: _Ids, fiscal_year: int) -> str:
    rows = []
    three = d.layout.rounds_table == "three_column"
    if three:
        rows.append(
            f'<tr{ids()}><th>{d.t("รอบการประเมิน")}</th><th>{d.t("เป้าหมายการดำเนินงาน")}</th>'
            f'<th>{d.t("ขั้นตอนการดำเนินงาน")}</th></tr>'
        )
    for i, r in enumerate(k.rounds, 1):
        name = _round_name(d, i, r.month, fiscal_year)
        steps = "<br>".join(d.t(f"{i}) {s}") for i, s in enumerate(r.steps, 1))
        if three:
            rows.append(f'<tr{ids()}><td class="n">{d.t(name)}</td><td>{d.t(r.goal or "")}</td><td>{steps}</td></tr>')
        else:
            body = d.t(r.goal or "")
            if r.steps:
                steps = "<br>".join(d.t(f"{i}. {s}") for i, s in enumerate(r.steps, 1))
                body += "<br>" + d.t("ขั้นตอนการดำเนินงาน") + "<br>" + steps
            rows.append(f'<tr{ids()}><td style="width: 28%">{d.t(name)}</td><td>{body}</td></tr>')
    return f'<table class="grid rounds">{"".join(rows)}</table>'


# ---------------------------------------------------------------------------------------------
# rendering


def as_rendered(record: Agreement, layout: Layout) -> Agreement:
    """The truth of what `layout` prints of `record`: without templates there are no template parts."""
    data = record.model_copy(deep=True)
    if not _category_weights_printed(layout):
        # no table states a category's weight (its cell merged down beside its KPIs, or a heading
        # without one): a reader has only its KPIs' sum, and no mismatch to find
        for c in data.categories:
            c.weight = float(sum(k.weight for k in data.kpis if k.number in c.kpi_numbers))
        data.findings = [f for f in data.findings if f.code != "category_weight_mismatch"]
    if not layout.templates:
        for k in data.kpis:
            k.status = None
            k.baseline = []
            k.roadmap = []
            k.rounds = []
            k.deduction_points = None
    return data


def _category_weights_printed(lay: Layout) -> bool:
    """Does some table of `lay` state each category's weight (a category row with a weight cell)?"""
    if lay.framework == "separate" and lay.framework_categories == "row":
        return True
    column = lay.framework == "combined" and lay.framework_categories == "rowspan"
    if lay.framework == "combined":
        return not column
    return lay.targets_table and lay.targets_categories == "weighted"


def build_html(record: Agreement, layout: Layout, extras: Extras | None = None) -> str:
    """The whole agreement as one HTML document."""
    extras = extras or Extras()
    d = _Doc(layout)
    parts = [_cover(record, d, extras)]
    if layout.framework == "separate":
        parts.append(_framework(record, d))
    if layout.targets_table or layout.framework == "combined":
        parts.append(_targets(record, d, extras))
    if layout.templates:
        title = "รายละเอียดตัวชี้วัด (KPI Template)"
        parts.append(f'<div class="newpage"><h2>{d.t(title)}</h2><p style="text-align:center">{d.t(record.organization)}</p></div>')
        parts.extend(_template(record, k, d, extras) for k in record.kpis)
    css = _css(layout, html.escape(record.organization))
    return f'<html lang="th"><head><meta charset="utf-8"><style>{css}</style></head><body>{"".join(parts)}</body></html>'


def render(record: Agreement, path: Path, layout: Layout, extras: Extras | None = None) -> Agreement:
    """Write `record` to `path` as a PDF laid out per `layout`; return the truth as rendered."""
    from weasyprint import HTML

    truth = as_rendered(record, layout)
    document = HTML(string=build_html(truth, layout, extras)).render()
    pages: dict[int, set[int]] = {}
    for i, page in enumerate(document.pages, 1):
        # every box drawn on the page, so that a paragraph or a row split by a page break counts
        # on both pages (`page.anchors` holds only where each element starts)
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            m = re.match(r"^k(\d+)-", element.get("id") or "") if element is not None else None
            if m:
                pages.setdefault(int(m.group(1)), set()).add(i)
    with _clean_to_unicode():
        document.write_pdf(path)
    for k in truth.kpis:
        k.pages = sorted(pages.get(k.number, set()))
    truth.source.file = path.name
    truth.source.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    truth.source.pages = len(document.pages)
    return truth


_UNI_NAME = re.compile(r"^uni([0-9A-Fa-f]{4})(?:\..*)?$")


def _glyph_chars(content: bytes, index: int) -> dict[int, str]:
    """Glyph id → its one character, from the glyph's name (`uni0E49.low` → ้) or the cmap."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(content), fontNumber=index, lazy=True)
    by_name: dict[str, str] = {}
    for cp, name in sorted(font.getBestCmap().items()):
        if not 0xE000 <= cp <= 0xF8FF:
            by_name.setdefault(name, chr(cp))
    out: dict[int, str] = {}
    for gid, name in enumerate(font.getGlyphOrder()):
        m = _UNI_NAME.match(name)
        if m and not 0xE000 <= int(m.group(1), 16) <= 0xF8FF:
            out[gid] = chr(int(m.group(1), 16))
        elif name in by_name:
            out[gid] = by_name[name]
    return out


@contextmanager
def _clean_to_unicode() -> Iterator[None]:
    """While writing, give each glyph its own character in the fonts' ToUnicode maps."""
    import weasyprint.pdf as wpdf

    original = wpdf.build_fonts_dictionary

    def build(pdf: Any, fonts: Any, *args: Any, **kwargs: Any) -> Any:
        for font in fonts.values():
            if getattr(font, "bitmap", False):
                continue
            chars = _glyph_chars(font.file_content, font.index)
            for gid in list(font.to_unicode):
                if gid in chars:
                    font.to_unicode[gid] = chars[gid]
        return original(pdf, fonts, *args, **kwargs)

    wpdf.build_fonts_dictionary = build
    try:
        yield
    finally:
        wpdf.build_fonts_dictionary = original
