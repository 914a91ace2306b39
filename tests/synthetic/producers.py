"""The same agreement written to PDF by different producers, each with the truth as rendered.

Real agreements come out of Word (exported by Word or LibreOffice, in whatever Thai font the
unit uses), out of old report generators that write Thai marks as Private-Use-Area glyphs, and
out of scanners. A parser tuned on one producer's text layer fails on another's, so the sweep
draws producers as it draws layouts:

- `weasyprint`: `render.render`, HTML laid out by WeasyPrint (pages read from its layout);
- `libreoffice-<font>`: a Word-style DOCX (python-docx: bordered tables, merged cells, Thai set
  through the complex-script font `w:cs` / `w:szCs` as Word writes it) converted by
  `soffice --headless`; each KPI's pages come from bookmarks exported as named destinations;
- `reportlab`, `reportlab-pua`: the blocks drawn by ReportLab with no shaping (what many report
  generators do); `-pua` replaces the marks by the legacy positional glyphs U+F700–U+F71A the way
  a Windows shaper did, so the PDF's text carries PUA code points;
- `chromium`: the same HTML printed by headless Chromium (Skia's PDF backend: its own font
  subsets and ToUnicode maps; each KPI's pages from named destinations);
- `fpdf2`: the blocks laid out by fpdf2 with HarfBuzz shaping in a TLWG font (marks positioned
  glyph by glyph, fpdf2's own ToUnicode maps; tables from fpdf2's `table()`);
- `scan`: a text producer's pages rasterised (200–300 dpi, slight skew and noise) into an
  image-only PDF;
- `<producer>+<damage kind>`: a text producer's PDF with its ToUnicode maps broken the way real
  exports break them (`tests.synthetic.damage`, when that module exists), or `+gs`: re-distilled
  by Ghostscript's pdfwrite (fonts re-subset, ToUnicode rebuilt), as a "Print to PDF" re-save.

The DOCX, ReportLab and fpdf2 producers lay out the very HTML `render.build_html` writes (parsed into
paragraphs and tables), so every `Layout` option reaches every producer.
"""

from __future__ import annotations

import ctypes
import hashlib
import html.parser
import importlib
import json
import math
import os
import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tests.synthetic.factory import Spec
from tests.synthetic.render import Layout, as_rendered, build_html

# the Thai families a DOCX names, per LibreOffice producer (fontconfig family names)
LIBREOFFICE_FONTS = {
    "laksaman": "Laksaman",
    "garuda": "Garuda",
    "loma": "Loma",
    "kinnari": "Kinnari",
    "norasi": "Norasi",
    "sawasdee": "Sawasdee",
    "umpush": "Umpush",
    "waree": "Waree",
    "purisa": "Purisa",
    "arundina": "Arundina Sans",
    "sarabun": "Sarabun",
}
TLWG_DIR = Path("/usr/share/fonts/truetype/tlwg")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@dataclass
class Produced:
    """A produced PDF and its truth; `pages_known` is False when the producer could not tell on
    which pages each KPI landed (the sweep then leaves `kpis.*.pages` out of the comparison)."""

    producer: str
    pdf: Path
    truth: dict[str, Any]
    pages_known: bool = True
    notes: list[str] = field(default_factory=list)


def _finish(truth: Any, pdf: Path, pages: int) -> dict[str, Any]:
    data = truth.to_json_dict() if hasattr(truth, "to_json_dict") else dict(truth)
    data["source"] = {"file": pdf.name, "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(), "pages": pages}
    return data


def _page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


# ---------------------------------------------------------------------------------------------
# the HTML as blocks


@dataclass
class Run:
    text: str
    bold: bool = False
    symbol: bool = False  # drawn in DejaVu Sans (tick boxes)


@dataclass
class Para:
    lines: list[list[Run]]
    style: str = "body"  # body, title, h2, h3
    align: str = "left"  # left, center, justify
    indent_cm: float = 0.0
    first_line_cm: float = 0.0
    anchors: list[str] = field(default_factory=list)
    break_before: bool = False
    landscape: bool = False


@dataclass
class Cell:
    lines: list[list[Run]]
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    center: bool = False


@dataclass
class Row:
    cells: list[Cell]
    anchors: list[str] = field(default_factory=list)
    break_before: bool = False
    head: bool = False


@dataclass
class Table:
    rows: list[Row]
    grid: bool = True
    width: float = 1.0
    anchors: list[str] = field(default_factory=list)
    break_before: bool = False
    landscape: bool = False


Block = Para | Table


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class _Tree(html.parser.HTMLParser):
    """The HTML `build_html` writes, as a tree (it closes every element but <br>)."""

    VOID = {"br", "meta"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _inline(node: _Node, bold: bool = False, symbol: bool = False) -> list[list[Run]]:
    """A paragraph's or cell's content as lines (split at <br>) of runs."""
    lines: list[list[Run]] = [[]]
    for ch in node.children:
        if isinstance(ch, str):
            text = re.sub(r"\s+", " ", ch)
            if text:
                lines[-1].append(Run(text, bold, symbol))
        elif ch.tag == "br":
            lines.append([])
        elif ch.tag == "span" and "gap" in ch.classes:
            lines[-1].append(Run("  ", bold))
        else:
            sub = _inline(ch, bold or "label" in ch.classes or ch.tag in ("b", "strong", "th"), symbol or "box" in ch.classes)
            lines[-1].extend(sub[0])
            lines.extend(sub[1:])
    return [_strip(line) for line in lines]


def _strip(line: list[Run]) -> list[Run]:
    while line and not line[0].text.strip():
        line = line[1:]
    while line and not line[-1].text.strip():
        line = line[:-1]
    if line:
        line[0] = replace(line[0], text=line[0].text.lstrip())
        line[-1] = replace(line[-1], text=line[-1].text.rstrip())
    return line


def _ids(node: _Node) -> list[str]:
    out = [node.attrs["id"]] if "id" in node.attrs else []
    for ch in node.children:
        if isinstance(ch, _Node):
            out.extend(_ids(ch))
    return out


class _Blocks:
    """Walks the tree into blocks, carrying page breaks and landscape pages forward."""

    def __init__(self) -> None:
        self.out: list[Block] = []
        self.pending_break = False
        self.landscape = False

    def add(self, block: Block) -> None:
        block.break_before = block.break_before or self.pending_break
        block.landscape = self.landscape
        self.pending_break = False
        self.out.append(block)

    def walk(self, node: _Node) -> None:
        for ch in node.children:
            if isinstance(ch, _Node):
                self.element(ch)

    def element(self, n: _Node) -> None:
        style = n.attrs.get("style", "")
        if n.tag in ("html", "body", "root"):
            self.walk(n)
        elif n.tag in ("head", "style", "meta"):
            return
        elif n.tag == "div":
            wide = "wide" in n.classes
            if "newpage" in n.classes or "break-before: page" in style or wide != self.landscape:
                self.pending_break = True
            before = self.landscape
            self.landscape = wide or before
            self.walk(n)
            if wide and not before:
                self.landscape = False
                self.pending_break = True
        elif n.tag == "br":
            self.add(Para([[]]))
        elif n.tag in ("p", "h2", "h3"):
            self.add(self.para(n, style))
        elif n.tag == "table":
            self.add(self.table(n, style))

    def para(self, n: _Node, style: str) -> Para:
        cls = n.classes
        bold = "label" in cls or "title" in cls or n.tag in ("h2", "h3")
        p = Para(_inline(n, bold), anchors=_ids(n))
        if "title" in cls:
            p.style, p.align = "title", "center"
        elif n.tag == "h2":
            p.style, p.align = "h2", "center"
        elif n.tag == "h3":
            p.style = "h3"
        if "item" in cls:
            p.first_line_cm, p.align = 1.2, "justify"
        if "party" in cls:
            p.indent_cm = 1.2
        if "sigblock" in cls:
            p.indent_cm, p.align = 6.5, "center"
        m = re.search(r"margin-left:\s*([\d.]+)cm", style)
        if m:
            p.indent_cm = float(m.group(1))
        if "text-align:center" in style.replace(" ", ""):
            p.align = "center"
        return p

    def table(self, n: _Node, style: str) -> Table:
        rows: list[Row] = []

        def collect(node: _Node, head: bool) -> None:
            for ch in node.children:
                if not isinstance(ch, _Node):
                    continue
                if ch.tag in ("thead", "tbody"):
                    collect(ch, ch.tag == "thead")
                elif ch.tag == "tr":
                    cells = [
                        Cell(
                            _inline(c, c.tag == "th"),
                            int(c.attrs.get("colspan", 1)),
                            int(c.attrs.get("rowspan", 1)),
                            c.tag == "th",
                            c.tag == "th" or "n" in c.classes,
                        )
                        for c in ch.children
                        if isinstance(c, _Node) and c.tag in ("td", "th")
                    ]
                    rows.append(Row(cells, _ids(ch), "break-before: page" in ch.attrs.get("style", ""), head))

        collect(n, False)
        m = re.search(r"width:\s*(\d+)%", style)
        return Table(rows, grid="grid" in n.classes, width=int(m.group(1)) / 100 if m else 1.0)


def blocks_of(html_text: str) -> list[Block]:
    """The agreement's HTML as paragraphs and tables, in order."""
    tree = _Tree()
    tree.feed(html_text)
    walker = _Blocks()
    walker.walk(tree.root)
    return walker.out


def grid_of(table: Table) -> tuple[int, list[list[tuple[int, Cell]]]]:
    """The table's column count and, per row, each cell with the column it starts in (the HTML
    table model: a cell skips the columns that row spans from above occupy)."""
    taken: dict[tuple[int, int], bool] = {}
    placed: list[list[tuple[int, Cell]]] = []
    ncols = 0
    for r, row in enumerate(table.rows):
        col = 0
        here = []
        for cell in row.cells:
            while taken.get((r, col)):
                col += 1
            here.append((col, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, col + dc)] = True
            col += cell.colspan
        ncols = max(ncols, col, max((c + 1 for (rr, c) in taken if rr == r), default=0))
        placed.append(here)
    return ncols, placed


def column_widths(ncols: int, placed: list[list[tuple[int, Cell]]], total_cm: float, size: float) -> list[float]:
    """Column widths (cm) as a word processor's user would set them: each column at least as wide
    as its header's longest word and its short entries (weights, units), the rest of the width
    shared by how much text each column holds."""
    char_cm = size * 0.5 * 2.54 / 72  # an average Thai letter is about half an em wide
    longest = [4.0] * ncols
    least = [0.0] * ncols
    for row in placed:
        for col, cell in row:
            if cell.colspan != 1:
                continue
            texts = ["".join(r.text for r in line) for line in cell.lines]
            longest[col] = max([longest[col], *(float(len(t)) for t in texts)])
            words = [len(w) for t in texts for w in (t.split() if cell.header else [t]) if len(w) <= 8]
            least[col] = max([least[col], *(n * char_cm * 0.8 + 0.5 for n in words)])
    least = [max(v, min(1.6, total_cm / ncols)) for v in least]  # nobody sets a column narrower
    share = [min(math.sqrt(v), 9.0) + 1.0 for v in longest]
    names = next((c for row in placed for c, cell in row if cell.header and cell.colspan == 1 and _says_kpi(cell)), None)
    if names is None:
        names = next((i for i, v in enumerate(longest) if v >= 30), None)  # the KPI names' column: widest
    if names is not None:
        share[names] *= 2.5
    spare = max(total_cm - sum(least), total_cm * 0.2)
    widths = [m + spare * w / sum(share) for m, w in zip(least, share, strict=True)]
    return [w * total_cm / sum(widths) for w in widths]


def _says_kpi(cell: Cell) -> bool:
    return any("ตัวชี้วัด" in r.text for line in cell.lines for r in line)


def split_rows(table: Table) -> list[Table]:
    """The table cut before every row that must start a page (Word and ReportLab cannot break a
    table at a given row, so the rest becomes a table of its own)."""
    parts: list[Table] = []
    current: list[Row] = []
    head = [r for r in table.rows if r.head]
    for row in table.rows:
        if row.break_before and current:
            parts.append(replace(table, rows=current))
            current = list(head)
        current.append(row)
    parts.append(replace(table, rows=current))
    for i, part in enumerate(parts[1:], 1):
        parts[i] = replace(part, break_before=True)
    return parts


# ---------------------------------------------------------------------------------------------
# DOCX (python-docx) → PDF (LibreOffice)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_missing() -> str | None:
    if soffice() is None:
        return "no soffice (bash scripts/sweep-deps.sh)"
    try:
        import docx  # noqa: F401
    except ImportError:
        return "no python-docx (bash scripts/sweep-deps.sh)"
    return None


def _rpr_fonts(run: Any, font: str, size: float, bold: bool) -> None:
    """Set a run's fonts the way Word does for Thai: the complex-script slot (`w:cs`) and its
    size (`w:szCs`) besides the Latin ones, and the run marked as complex script."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)
    if bold:
        rpr.append(rpr.makeelement(qn("w:bCs"), {}))
    rpr.append(rpr.makeelement(qn("w:szCs"), {qn("w:val"): str(int(size * 2))}))
    rpr.append(rpr.makeelement(qn("w:lang"), {qn("w:val"): "en-US", qn("w:bidi"): "th-TH"}))


class _Bookmarks:
    def __init__(self) -> None:
        self.next_id = 1

    def add(self, paragraph: Any, names: list[str], ends: bool = False) -> None:
        """Bookmarks `names` on `paragraph`; with `ends`, also where it ends (`…e`), so that a
        paragraph running onto the next page is on both (not for table cells: a category cell
        merged down over a page break is not its first KPI's row)."""
        from docx.oxml.ns import qn

        p = paragraph._p
        for name in names:
            bid = str(self.next_id)
            self.next_id += 1
            start = p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): bid, qn("w:name"): name.replace("-", "x")})
            end = p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): bid})
            ppr = p.find(qn("w:pPr"))
            p.insert(1 if ppr is not None else 0, start)
            p.append(end)
        for name in names if ends else []:
            bid = str(self.next_id)
            self.next_id += 1
            p.append(p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): bid, qn("w:name"): name.replace("-", "x") + "e"}))
            p.append(p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): bid}))


def _fill(paragraph: Any, lines: list[list[Run]], font: str, size: float, bold: bool = False) -> None:
    for i, line in enumerate(lines):
        if i:
            paragraph.add_run().add_break()
        for r in line:
            run = paragraph.add_run(r.text)
            _rpr_fonts(run, "DejaVu Sans" if r.symbol else font, size, bold or r.bold)


def _row_props(row: Any, header: bool, split: bool = False) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    if not split or header:
        trpr.append(trpr.makeelement(qn("w:cantSplit"), {}))
    if header:
        trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))


def _fixed_widths(table: Any, widths: list[Any]) -> None:
    """Column widths as Word stores them: the grid, every cell's `w:tcW`, a fixed layout."""
    from docx.oxml.ns import qn

    table.autofit = False
    tblw = table._tbl.tblPr.find(qn("w:tblW"))
    if tblw is not None:
        tblw.set(qn("w:type"), "dxa")
        tblw.set(qn("w:w"), str(int(sum(w.twips for w in widths))))
    for i, col in enumerate(table.columns):
        col.width = widths[i]
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]


def _section(doc: Any, landscape: bool, new: bool) -> Any:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    sec = doc.add_section(WD_SECTION.NEW_PAGE) if new else doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    w, h = Cm(21.0), Cm(29.7)
    sec.page_width, sec.page_height = (h, w) if landscape else (w, h)
    sec.top_margin = sec.bottom_margin = Cm(1.8 if landscape else 2.0)
    sec.left_margin = Cm(2.0 if landscape else 2.5)
    sec.right_margin = Cm(2.0)
    return sec


def _header_footer(sec: Any, layout: Layout, unit: str, font: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    sec.different_first_page_header_footer = True
    if layout.running_header:
        p = sec.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _rpr_fonts(p.add_run(unit), font, 11, False)
    if layout.page_numbers == "none":
        return
    p = sec.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, after = ("- ", " -") if layout.page_numbers == "dash" else ("หน้า ", "")
    _rpr_fonts(p.add_run(before), font, 12, False)
    run = p.add_run()
    _rpr_fonts(run, font, 12, False)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            run._r.append(run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))
        else:
            instr = run._r.makeelement(qn("w:instrText"), {})
            instr.text = text
            run._r.append(instr)
    if after:
        _rpr_fonts(p.add_run(after), font, 12, False)


def build_docx(spec: Spec, path: Path, font: str) -> None:
    """The agreement as a Word document: the blocks of its HTML in paragraphs and bordered
    tables, the KPIs' anchors as bookmarks."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    layout = spec.layout
    truth = as_rendered(spec.record, layout)
    size = layout.font_size
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    sec = _section(doc, False, False)
    _header_footer(sec, layout, truth.organization, font)
    marks = _Bookmarks()
    landscape = False
    align = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
    sizes = {"title": size + 3, "h2": size + 2, "h3": size + 1}
    for block in blocks_of(build_html(truth, layout, spec.extras)):
        parts = split_rows(block) if isinstance(block, Table) else [block]
        for part in parts:
            brk = part.break_before
            if part.landscape != landscape:
                landscape = part.landscape
                _header_footer(_section(doc, landscape, True), layout, truth.organization, font)
                brk = False
            if isinstance(part, Para):
                p = doc.add_paragraph()
                p.alignment = align[part.align]
                p.paragraph_format.left_indent = Cm(part.indent_cm)
                p.paragraph_format.first_line_indent = Cm(part.first_line_cm)
                p.paragraph_format.page_break_before = brk
                _fill(p, part.lines, font, sizes.get(part.style, size), part.style != "body")
                marks.add(p, part.anchors, ends=True)
                continue
            if brk:
                doc.add_paragraph().paragraph_format.page_break_before = True
            ncols, placed = grid_of(part)
            t = doc.add_table(rows=len(part.rows), cols=ncols)
            t.alignment = WD_TABLE_ALIGNMENT.LEFT
            usable = (25.7 if landscape else 16.5) * part.width
            _fixed_widths(t, [Cm(w) for w in column_widths(ncols, placed, usable, size)])
            for r, (row, cells) in enumerate(zip(part.rows, placed, strict=True)):
                _row_props(t.rows[r], row.head and layout.repeat_header, layout.split_rows)
                for j, (col, cell) in enumerate(cells):
                    target = t.cell(r, col)
                    if cell.rowspan > 1 or cell.colspan > 1:
                        target = target.merge(t.cell(min(r + cell.rowspan, len(part.rows)) - 1, min(col + cell.colspan, ncols) - 1))
                    p = target.paragraphs[0]
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if cell.center or not part.grid else WD_ALIGN_PARAGRAPH.LEFT
                    _fill(p, cell.lines, font, size, cell.header)
                    if j == 0:
                        marks.add(p, row.anchors)
            if part.grid:  # borders from the table style, as Word's "Table Grid" draws them
                t.style = doc.styles["Table Grid"]
            doc.add_paragraph().paragraph_format.space_after = Pt(0)
    doc.save(str(path))


_LO_FILTER = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'


def docx_to_pdf(docx: Path, out_dir: Path, timeout: float = 180) -> Path:
    """Convert with a private LibreOffice profile (so conversions can run side by side)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("no soffice")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", _LO_FILTER, "--outdir", str(out_dir), str(docx)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    pdf = out_dir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"soffice made no PDF: {proc.stderr.strip()[:300]}")
    return pdf


def named_destinations(pdf: Path) -> dict[str, int]:
    """Named destination → 1-based page (pdfium's raw API: LibreOffice writes bookmarks there)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(pdf))
    out: dict[str, int] = {}
    try:
        for i in range(raw.FPDF_CountNamedDests(doc.raw)):
            size = ctypes.c_long(0)
            raw.FPDF_GetNamedDest(doc.raw, i, None, ctypes.byref(size))
            buf = ctypes.create_string_buffer(size.value)
            dest = raw.FPDF_GetNamedDest(doc.raw, i, buf, ctypes.byref(size))
            if not dest:
                continue
            name = buf.raw[: max(size.value - 2, 0)].decode("utf-16-le", "ignore")
            page = raw.FPDFDest_GetDestPageIndex(doc.raw, dest)
            if page >= 0:
                out[name] = page + 1
    finally:
        doc.close()
    return out


def _kpi_pages(anchors: dict[str, int]) -> dict[int, list[int]]:
    pages: dict[int, set[int]] = {}
    for name, page in anchors.items():
        m = re.match(r"^k(\d+)[-x]", name)
        if m:
            pages.setdefault(int(m.group(1)), set()).add(page)
    return {k: sorted(v) for k, v in pages.items()}


def _with_pages(truth: Any, pages: dict[int, list[int]]) -> Any:
    for k in truth.kpis:
        k.pages = pages.get(k.number, [])
    return truth


def produce_libreoffice(spec: Spec, out_dir: Path, name: str) -> Produced:
    family = LIBREOFFICE_FONTS[name.split("-", 1)[1]]
    layout = replace(spec.layout, font=family)
    spec = replace(spec, layout=layout)
    stem = f"{spec.key}.{name}"
    with tempfile.TemporaryDirectory(prefix="docx-") as tmp:
        docx = Path(tmp) / f"{stem}.docx"
        build_docx(spec, docx, family)
        made = docx_to_pdf(docx, Path(tmp))
        pdf = out_dir / f"{stem}.pdf"
        shutil.move(str(made), pdf)
    truth = as_rendered(spec.record, layout)
    anchors = named_destinations(pdf)
    known = any(re.match(r"^k\d+x", a) for a in anchors)
    _with_pages(truth, _kpi_pages(anchors) if known else {})
    return Produced(name, pdf, _finish(truth, pdf, _page_count(pdf)), pages_known=known)


# ---------------------------------------------------------------------------------------------
# ReportLab, plain and with legacy PUA glyphs

_TALL = set("ปฝฟฬ")
_UPPER = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e4d")
_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
_BELOW = "\u0e38\u0e39\u0e3a"
_SHIFT_LEFT_UPPER = {"\u0e34": "\uf701", "\u0e35": "\uf702", "\u0e36": "\uf703", "\u0e37": "\uf704", "\u0e31": "\uf710", "\u0e4d": "\uf711", "\u0e47": "\uf712"}


def pua_shape(text: str) -> str:
    """Thai text with its marks replaced by the positional PUA glyphs a Windows-era shaper chose:
    a tone mark with no upper vowel under it lowered (U+F70A…), and shifted left as well after a
    tall consonant (U+F705…); an upper vowel after a tall consonant shifted left (U+F701…), its
    tone too (U+F713…); ฐ and ญ without their tails above a below vowel (U+F700, U+F70F)."""
    out: list[str] = []
    base = ""
    upper = False
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if "\u0e01" <= ch <= "\u0e2e":
            base, upper = ch, False
            if ch in "ฐญ" and nxt and nxt in _BELOW:
                out.append("\uf700" if ch == "ฐ" else "\uf70f")
                continue
            out.append(ch)
        elif ch in _UPPER:
            upper = True
            out.append(_SHIFT_LEFT_UPPER[ch] if base in _TALL else ch)
        elif ch in _TONES:
            t = _TONES.index(ch)
            if upper:
                out.append(chr(0xF713 + t) if base in _TALL else ch)
            else:
                out.append(chr(0xF705 + t) if base in _TALL else chr(0xF70A + t))
        elif ch in _BELOW and base in "ฎฏ":
            out.append(chr(0xF718 + _BELOW.index(ch)))
        else:
            if not ("\u0e30" <= ch <= "\u0e4e"):
                base, upper = "", False
            out.append(ch)
    return "".join(out)


def _rl_fonts(family: str) -> tuple[str, str, str]:
    """Register the family's regular and bold TTFs and DejaVu Sans (symbols); their names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for suffix in ("", "-Bold"):
        name = f"{family}{suffix}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(TLWG_DIR / f"{name}.ttf")))
        names.append(name)
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    return names[0], names[1], "DejaVuSans"


def _segments(text: str, font: str, fallback: str) -> list[tuple[str, str]]:
    """Text cut into runs of one font: characters the Thai font lacks go to the fallback."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font).face
    cmap = face.charToGlyph
    out: list[tuple[str, str]] = []
    for ch in text:
        f = font if (ord(ch) in cmap or ch in " \t") else fallback
        if out and out[-1][0] == f:
            out[-1] = (f, out[-1][1] + ch)
        else:
            out.append((f, ch))
    return out


def _tokens(text: str) -> list[str]:
    """Break opportunities of Thai text (words by pythainlp's dictionary), spaces kept."""
    if not re.search("[\u0e00-\u0e7f]", text):
        return re.findall(r"\S+|\s+", text)
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, engine="newmm", keep_whitespace=True)


_CLUSTER = re.compile("[^\u0e31\u0e34-\u0e3a\u0e47-\u0e4e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*")


def _fitting(tokens: list[str], font: str, size: float, width: float) -> list[str]:
    """Tokens, those wider than the line cut into their letters (a letter with its marks), as a
    word processor breaks a word that cannot fit a narrow cell."""
    from reportlab.pdfbase import pdfmetrics

    out: list[str] = []
    for tok in tokens:
        if tok.strip() and pdfmetrics.stringWidth(tok, font, size) > width:
            out.extend(_CLUSTER.findall(tok))
        else:
            out.append(tok)
    return out


class _Text:
    """A paragraph as ReportLab draws it: lines of (font, text) pieces, wrapped by width."""

    def __init__(self, lines: list[list[Run]], fonts: tuple[str, str, str], size: float, shape: Callable[[str], str]) -> None:
        self.lines, self.fonts, self.size, self.shape = lines, fonts, size, shape

    def wrapped(self, width: float, first_indent: float = 0.0) -> list[list[tuple[str, str]]]:
        from reportlab.pdfbase import pdfmetrics

        out: list[list[tuple[str, str]]] = []
        for line in self.lines:
            pieces: list[tuple[str, str]] = []
            x = first_indent if not out else 0.0
            current: list[tuple[str, str]] = []
            for run in line:
                font = self.fonts[2] if run.symbol else self.fonts[1] if run.bold else self.fonts[0]
                for tok in _fitting(_tokens(run.text), font, self.size, width):
                    segs = _segments(self.shape(tok), font, self.fonts[2])
                    w = sum(pdfmetrics.stringWidth(s, f, self.size) for f, s in segs)
                    if current and x + w > width and tok.strip():
                        pieces.append(current)  # type: ignore[arg-type]
                        current, x = [], 0.0
                    if not current and not tok.strip():
                        continue
                    current.extend(segs)
                    x += w
            pieces.append(current)  # type: ignore[arg-type]
            out.extend(pieces)  # type: ignore[arg-type]
        return out


def _flowable_classes() -> tuple[type, type]:
    from reportlab.platypus import Flowable

    class TextFlow(Flowable):  # type: ignore[misc]
        """Wrapped Thai text; records the page its anchors land on when drawn."""

        def __init__(self, text: _Text, align: str, indent: float, first: float, leading: float, anchors: list[str], seen: dict[str, int]) -> None:
            super().__init__()
            self.text, self.align, self.indent, self.first = text, align, indent, first
            self.leading, self.anchors, self.seen = leading, anchors, seen
            self.rows: list[list[tuple[str, str]]] = []

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            self.aw = aw
            self.rows = self.text.wrapped(max(aw - self.indent, 20), self.first)
            return aw, max(len(self.rows), 1) * self.leading

        def split(self, aw: float, ah: float) -> list[Any]:
            self.wrap(aw, ah)
            fit = int(ah // self.leading)
            if fit <= 0 or fit >= len(self.rows):
                return []
            a = TextFlow(self.text, self.align, self.indent, self.first, self.leading, self.anchors, self.seen)
            # the rest, drawn on the next page, notes that page too (under names of its own)
            b = TextFlow(self.text, self.align, self.indent, 0.0, self.leading, [f"{n}+" for n in self.anchors], self.seen)
            a.rows, b.rows = self.rows[:fit], self.rows[fit:]
            a.wrap = lambda aw, ah, r=a.rows: (aw, len(r) * self.leading)  # type: ignore[method-assign]
            b.wrap = lambda aw, ah, r=b.rows: (aw, len(r) * self.leading)  # type: ignore[method-assign]
            a.aw = b.aw = aw
            return [a, b]

        def draw(self) -> None:
            from reportlab.pdfbase import pdfmetrics

            page = self.canv.getPageNumber()
            for a in self.anchors:
                self.seen.setdefault(a, page)
            size = self.text.size
            y = len(self.rows) * self.leading - size
            for i, row in enumerate(self.rows):
                w = sum(pdfmetrics.stringWidth(s, f, size) for f, s in row)
                x = self.indent + (self.first if i == 0 else 0.0)
                if self.align == "center":
                    x = self.indent + (self.aw - self.indent - w) / 2
                for f, s in row:
                    self.canv.setFont(f, size)
                    self.canv.drawString(x, y, s)
                    x += pdfmetrics.stringWidth(s, f, size)
                y -= self.leading

    class Mark(Flowable):  # type: ignore[misc]
        """Zero-size: notes the page it is drawn on under its names."""

        def __init__(self, names: list[str], seen: dict[str, int]) -> None:
            super().__init__()
            self.names, self.seen = names, seen

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            for n in self.names:
                self.seen.setdefault(n, self.canv.getPageNumber())

    return TextFlow, Mark


def build_reportlab(spec: Spec, path: Path, pua: bool) -> dict[str, int]:
    """Draw the agreement's blocks with ReportLab; return each anchor's page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Spacer,
    )

    from parsers.thai.numbers import to_thai_digits

    layout = spec.layout
    family = layout.font if (TLWG_DIR / f"{layout.font}.ttf").exists() else "Garuda"
    fonts = _rl_fonts(family)
    shape = pua_shape if pua else (lambda s: s)
    size = layout.font_size
    leading = size * 1.3
    seen: dict[str, int] = {}
    TextFlow, Mark = _flowable_classes()
    truth = as_rendered(spec.record, layout)
    unit = truth.organization

    def decorate(canv: Any, doc: Any) -> None:
        n = canv.getPageNumber()
        if n == 1:
            return
        w, h = canv._pagesize
        number = str(n) if layout.digits == "arabic" else to_thai_digits(str(n))
        canv.setFont(fonts[0], 12)
        if layout.page_numbers == "dash":
            canv.drawCentredString(w / 2, 1.2 * cm, shape(f"- {number} -"))
        elif layout.page_numbers == "page_of":
            canv.drawCentredString(w / 2, 1.2 * cm, shape(f"หน้า {number}"))
        if layout.running_header:
            canv.setFont(fonts[0], 11)
            canv.drawRightString(w - 2 * cm, h - 1.3 * cm, shape(unit))

    pw, ph = A4
    lw, lh = landscape(A4)
    doc = BaseDocTemplate(str(path), pagesize=A4, title="", author="")
    doc.addPageTemplates(
        [
            PageTemplate("portrait", [Frame(2.5 * cm, 2 * cm, pw - 4.5 * cm, ph - 4 * cm, 0, 0, 0, 0)], onPage=decorate, pagesize=A4),
            PageTemplate("landscape", [Frame(2 * cm, 1.8 * cm, lw - 4 * cm, lh - 3.6 * cm, 0, 0, 0, 0)], onPage=decorate, pagesize=landscape(A4)),
        ]
    )
    story: list[Any] = []
    landscape_now = False
    sizes = {"title": size + 3, "h2": size + 2, "h3": size + 1}
    for block in blocks_of(build_html(truth, layout, spec.extras)):
        for part in split_rows(block) if isinstance(block, Table) else [block]:
            if part.landscape != landscape_now:
                landscape_now = part.landscape
                story += [NextPageTemplate("landscape" if landscape_now else "portrait"), PageBreak()]
            elif part.break_before and story:
                story.append(PageBreak())
            if isinstance(part, Para):
                s = sizes.get(part.style, size)
                bold = part.style != "body"
                lines = [[replace(r, bold=r.bold or bold) for r in line] for line in part.lines]
                story.append(TextFlow(_Text(lines, fonts, s, shape), part.align, part.indent_cm * cm, part.first_line_cm * cm, s * 1.3, part.anchors, seen))
                story.append(Spacer(1, 3))
                continue
            story.append(_rl_table(part, fonts, size, leading, shape, seen, TextFlow, Mark, layout, landscape_now))
            story.append(Spacer(1, 6))
    doc.build(story)
    return seen


def _rl_table(part: Table, fonts: Any, size: float, leading: float, shape: Any, seen: dict[str, int], TextFlow: Any, Mark: Any, layout: Layout, wide: bool) -> Any:
    from reportlab.lib.units import cm
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    ncols, placed = grid_of(part)
    widths = [w * cm for w in column_widths(ncols, placed, (25.7 if wide else 16.0) * part.width, size)]
    data: list[list[Any]] = [["" for _ in range(ncols)] for _ in part.rows]
    style: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    if part.grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.75, "black"))
    for r, (row, cells) in enumerate(zip(part.rows, placed, strict=True)):
        for j, (col, cell) in enumerate(cells):
            lines = [[replace(x, bold=x.bold or cell.header) for x in line] for line in cell.lines]
            align = "center" if cell.center or not part.grid else "left"
            flow = [TextFlow(_Text(lines, fonts, size, shape), align, 0.0, 0.0, leading, [], seen)]
            if j == 0 and row.anchors:
                flow.insert(0, Mark(row.anchors, seen))
            data[r][col] = flow
            r2, c2 = min(r + cell.rowspan, len(part.rows)) - 1, min(col + cell.colspan, ncols) - 1
            if (r2, c2) != (r, col):
                style.append(("SPAN", (col, r), (c2, r2)))
    heads = sum(1 for row in part.rows if row.head) if layout.repeat_header else 0
    return RLTable(data, colWidths=widths, repeatRows=heads, style=TableStyle(style), hAlign="LEFT")


def produce_reportlab(spec: Spec, out_dir: Path, name: str) -> Produced:
    pdf = out_dir / f"{spec.key}.{name}.pdf"
    layout = spec.layout if (TLWG_DIR / f"{spec.layout.font}.ttf").exists() else replace(spec.layout, font="Garuda")
    spec = replace(spec, layout=layout)
    notes = []
    try:
        seen = build_reportlab(spec, pdf, pua=name.endswith("-pua"))
    except Exception:  # ReportLab cannot split a row span taller than a page: merge no cells
        layout = replace(layout, framework_categories="row")
        spec = replace(spec, layout=layout)
        seen = build_reportlab(spec, pdf, pua=name.endswith("-pua"))
        notes.append("categories in rows: ReportLab could not split the merged category cells")
    truth = _with_pages(as_rendered(spec.record, layout), _kpi_pages(seen))
    return Produced(name, pdf, _finish(truth, pdf, _page_count(pdf)), notes=notes)


# ---------------------------------------------------------------------------------------------
# HTML printed by headless Chromium (Skia's PDF backend)


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        exe = shutil.which(name)
        if exe:
            return exe
    return None


def chromium_missing() -> str | None:
    return None if chromium() else "no chromium (bash scripts/sweep-deps.sh)"


_ANCHORED_PARA = re.compile(r'(<p\b[^>]*\bid="(k\d+-[^"]+)"[^>]*>)(.*?)(</p>)', re.S)
_ANCHORED_ROW = re.compile(r'(<tr\b[^>]*\bid="(k\d+-[^"]+)"[^>]*>)(.*?)(</t[dh]>)(</tr>)', re.S)


def chromium_html(html_text: str) -> str:
    """The HTML WeasyPrint gets, with what makes Chromium tell each KPI's pages: a zero-size span
    at the end of every anchored paragraph and table row (`<id>e`: one running onto the next pages
    counts on those too), and an invisible link to every anchor (Blink writes a named destination
    only for an element that some link points to). The links are taken out of the PDF again."""
    html_text = _ANCHORED_PARA.sub(lambda m: f"{m[1]}{m[3]}{_end_mark(m[2])}{m[4]}", html_text)
    html_text = _ANCHORED_ROW.sub(lambda m: f"{m[1]}{m[3]}{_end_mark(m[2])}{m[4]}{m[5]}", html_text)
    ids = re.findall(r'\bid="(k\d+-[^"]+)"', html_text)
    links = "".join(f'<a href="#{i}" style="display:inline-block;width:1px;height:1px"></a>' for i in ids)
    return html_text.replace("</body>", f'<div style="position:absolute;left:0;top:0">{links}</div></body>')


def _end_mark(anchor: str) -> str:
    # an inline-block: an empty inline has no box of its own, and Blink may place its destination
    # on the page before
    return f'<span id="{anchor}e" style="display:inline-block;width:0;height:0"></span>'


def print_with_chromium(html_path: Path, pdf: Path, timeout: float = 180) -> None:
    """`chromium --headless --print-to-pdf`, with a profile of its own (runs side by side)."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("no chromium")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        cmd = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html_path.resolve().as_uri(),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium made no PDF: {proc.stderr.strip()[-300:]}")


def strip_links(src: Path, dst: Path) -> None:
    """`src` without its link annotations and named destinations (those `chromium_html` added)."""
    import pikepdf

    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            annots = page.obj.get("/Annots")
            if annots is None:
                continue
            kept = [a for a in annots if a.get("/Subtype") != pikepdf.Name.Link]
            if kept:
                page.obj.Annots = pikepdf.Array(kept)
            else:
                del page.obj["/Annots"]
        names = pdf.Root.get("/Names")
        if names is not None and "/Dests" in names:
            del names["/Dests"]
            if not names.keys():
                del pdf.Root["/Names"]
        if "/Dests" in pdf.Root:
            del pdf.Root["/Dests"]
        pdf.save(dst)


def produce_chromium(spec: Spec, out_dir: Path, name: str = "chromium") -> Produced:
    """The HTML `render.render` lays out, printed by headless Chromium: Skia embeds the fonts as
    CID TrueType subsets whose ToUnicode comes from the font's cmap (the positional PUA glyphs of
    the TLWG fonts keep their PUA code points); each KPI's pages come from named destinations."""
    truth = as_rendered(spec.record, spec.layout)
    stem = f"{spec.key}.{name}"
    pdf = out_dir / f"{stem}.pdf"
    with tempfile.TemporaryDirectory(prefix="chromium-") as tmp:
        page = Path(tmp) / f"{stem}.html"
        page.write_text(chromium_html(build_html(truth, spec.layout, spec.extras)), encoding="utf-8")
        raw = Path(tmp) / f"{stem}.pdf"
        print_with_chromium(page, raw)
        anchors = named_destinations(raw)
        strip_links(raw, pdf)
    pages: dict[int, set[int]] = {}
    for anchor, start in anchors.items():
        m = re.match(r"^k(\d+)-", anchor)
        if m and not anchor.endswith("e"):  # from where it starts to where it ends, pages between too
            pages.setdefault(int(m.group(1)), set()).update(range(start, max(start, anchors.get(anchor + "e", start)) + 1))
    _with_pages(truth, {k: sorted(v) for k, v in pages.items()})
    return Produced(name, pdf, _finish(truth, pdf, _page_count(pdf)), pages_known=bool(pages))


# ---------------------------------------------------------------------------------------------
# fpdf2 with HarfBuzz shaping

PT_PER_CM = 72 / 2.54


def fpdf2_missing() -> str | None:
    try:
        import fpdf
        import uharfbuzz  # noqa: F401
        from fpdf.table import Table as _T
    except ImportError:
        return "no fpdf2 / uharfbuzz (bash scripts/sweep-deps.sh)"
    major, minor = (int(x) for x in fpdf.FPDF_VERSION.split(".")[:2])
    if (major, minor) < (2, 8) or not hasattr(_T, "_render_table_row"):
        return f"fpdf2 {fpdf.FPDF_VERSION} is older than the 2.8 this producer is written for"
    if not (TLWG_DIR / "Garuda.ttf").exists():
        return "no TLWG fonts (bash scripts/sweep-deps.sh)"
    return None


class _FpdfText:
    """Thai text wrapped for fpdf2: words by pythainlp's dictionary (fpdf2 itself breaks lines only
    at spaces), measured by the shaped width, each line a list of (style, text) pieces; style is
    "" or "B" in the Thai family, or "S" for the symbol font."""

    def __init__(self, pdf: Any, family: str, size: float) -> None:
        self.pdf, self.family, self.size = pdf, family, size

    def use(self, style: str) -> None:
        if style == "S":
            self.pdf.set_font("dejavu", "", self.size)
        else:
            self.pdf.set_font(self.family, style, self.size)

    def width(self, style: str, text: str) -> float:
        self.use(style)
        return float(self.pdf.get_string_width(text))

    def wrapped(self, lines: list[list[Run]], width: float, first_indent: float = 0.0, bold: bool = False) -> list[list[tuple[str, str]]]:
        out: list[list[tuple[str, str]]] = []
        for line in lines:
            x = first_indent if not out else 0.0
            current: list[tuple[str, str]] = []
            for run in line:
                style = "S" if run.symbol else "B" if (run.bold or bold) else ""
                for tok in self._fitting(_glued(_tokens(run.text)), style, width):
                    w = self.width(style, tok)
                    if current and x + w > width and tok.strip():
                        out.append(_rstrip(current))
                        current, x = [], 0.0
                    if not current and not tok.strip():
                        continue
                    if current and current[-1][0] == style:
                        current[-1] = (style, current[-1][1] + tok)
                    else:
                        current.append((style, tok))
                    x += w
            out.append(_rstrip(current))
        return out

    def _fitting(self, tokens: list[str], style: str, width: float) -> list[str]:
        out: list[str] = []
        for tok in tokens:
            if tok.strip() and self.width(style, tok) > width:
                out.extend(_FPDF_CLUSTER.findall(tok))
            else:
                out.append(tok)
        return out


# a letter with its marks and ำ, after any leading vowel: no line starts with ำ or ends with เ
_FPDF_CLUSTER = re.compile("[\u0e40-\u0e44]*[^\u0e31\u0e33-\u0e3a\u0e47-\u0e4e][\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]*")


def _glued(tokens: list[str]) -> list[str]:
    """Tokens with brackets and punctuation kept on their word: no line ends with `(` or starts
    with `)`."""
    out: list[str] = []
    for tok in tokens:
        if out and tok.strip() and out[-1].strip() and (tok[0] in ")]}.,:;%" or out[-1][-1] in "([{"):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def _rstrip(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    while pieces and not pieces[-1][1].strip():
        pieces = pieces[:-1]
    if pieces:
        pieces[-1] = (pieces[-1][0], pieces[-1][1].rstrip())
    return pieces


def build_fpdf2(spec: Spec, path: Path) -> dict[str, set[int]]:
    """Lay out the agreement's blocks with fpdf2 (HarfBuzz shaping, a TLWG font, bordered tables
    from fpdf2's `table()` model); return the pages each anchor was drawn on."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace
    from fpdf.table import Table as FTable

    from parsers.thai.numbers import to_thai_digits

    layout = spec.layout
    family = layout.font
    truth = as_rendered(spec.record, layout)
    unit = truth.organization
    size = layout.font_size
    seen: dict[str, set[int]] = {}

    class Doc(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            if self.page_no() == 1 or not layout.running_header:
                return
            self.set_font(family, "", 11)
            self.set_xy(self.l_margin, 1.0 * PT_PER_CM)
            self.cell(self.epw, 14, unit, align="R")
            self.set_xy(self.l_margin, self.t_margin)

        def footer(self) -> None:
            if self.page_no() == 1 or layout.page_numbers == "none":
                return
            n = str(self.page_no())
            n = n if layout.digits == "arabic" else to_thai_digits(n)
            text = f"- {n} -" if layout.page_numbers == "dash" else f"หน้า {n}"
            self.set_font(family, "", 12)
            self.set_xy(self.l_margin, self.h - 1.5 * PT_PER_CM)
            self.cell(self.epw, 14, text, align="C")

    class Rows(FTable):  # type: ignore[misc]
        """fpdf2's table, noting the page each anchored row is drawn on."""

        anchors: dict[int, list[str]] = {}

        def _render_table_row(self, i: int, *args: Any, **kwargs: Any) -> None:
            for name in self.anchors.get(i, []):
                seen.setdefault(name, set()).add(self._fpdf.page_no())
            super()._render_table_row(i, *args, **kwargs)

    pdf = Doc(unit="pt", format="A4")
    for style, suffix in (("", ""), ("B", "-Bold")):
        pdf.add_font(family, style, str(TLWG_DIR / f"{family}{suffix}.ttf"))
    pdf.add_font("dejavu", "", str(DEJAVU))
    pdf.set_fallback_fonts(["dejavu"])
    pdf.set_text_shaping(True)
    pdf.c_margin = 0

    def new_page(wide: bool) -> None:
        if wide:
            pdf.set_margins(2.0 * PT_PER_CM, 1.8 * PT_PER_CM, 2.0 * PT_PER_CM)
            pdf.set_auto_page_break(True, 1.8 * PT_PER_CM)
        else:
            pdf.set_margins(2.5 * PT_PER_CM, 2.0 * PT_PER_CM, 2.0 * PT_PER_CM)
            pdf.set_auto_page_break(True, 2.0 * PT_PER_CM)
        pdf.add_page(orientation="L" if wide else "P")

    def note(names: list[str]) -> None:
        for name in names:
            seen.setdefault(name, set()).add(pdf.page_no())

    def paragraph(part: Para) -> None:
        s = {"title": size + 3, "h2": size + 2, "h3": size + 1}.get(part.style, size)
        text = _FpdfText(pdf, family, s)
        indent = part.indent_cm * PT_PER_CM
        lead = s * 1.35
        rows = text.wrapped(part.lines, pdf.epw - indent, part.first_line_cm * PT_PER_CM, bold=part.style != "body")
        for i, row in enumerate(rows):
            if pdf.will_page_break(lead):
                pdf.add_page(same=True)
            note(part.anchors)
            width = sum(text.width(st, t) for st, t in row)
            x = pdf.l_margin + indent + (part.first_line_cm * PT_PER_CM if i == 0 else 0.0)
            if part.align == "center":
                x = pdf.l_margin + indent + (pdf.epw - indent - width) / 2
            y = pdf.y
            for st, t in row:
                text.use(st)
                w = text.width(st, t)
                pdf.set_xy(x, y)
                pdf.cell(w, lead, t)
                x += w
            pdf.set_xy(pdf.l_margin, y + lead)
        pdf.set_y(pdf.y + 4)

    def table(part: Table, wide: bool) -> None:
        ncols, placed = grid_of(part)
        widths = [w * PT_PER_CM for w in column_widths(ncols, placed, (25.7 if wide else 16.0) * part.width, size)]
        pad = 4.0
        text = _FpdfText(pdf, family, size)
        heads = sum(1 for row in part.rows if row.head) if layout.repeat_header else 0
        heads = heads if heads < len(part.rows) else 0
        pdf.set_font(family, "", size)
        pdf.set_x(pdf.l_margin)
        t = Rows(
            pdf,
            align="LEFT",
            v_align="TOP",
            borders_layout="ALL" if part.grid else "NONE",
            col_widths=widths,
            width=sum(widths),
            first_row_as_headings=heads > 0,
            num_heading_rows=heads,
            repeat_headings=1 if heads else 0,
            headings_style=FontFace(emphasis="BOLD"),
            line_height=size * 1.3,
            padding=(2.5, pad),
            text_align="LEFT",
        )
        t.anchors = {r: row.anchors for r, row in enumerate(part.rows) if row.anchors}
        for cells in placed:
            trow = t.row()
            for col, cell in cells:
                inner = sum(widths[col : col + cell.colspan]) - 2 * pad - 1.0
                bold = cell.header
                rows = text.wrapped(cell.lines, inner, bold=bold)
                body = "\n".join("".join(p for _, p in r) for r in rows)
                style = FontFace(family=family, emphasis="BOLD" if bold or _all_bold(cell) else "", size_pt=size)
                align = "CENTER" if cell.center or not part.grid else "LEFT"
                trow.cell(body, align=align, style=style, colspan=cell.colspan, rowspan=cell.rowspan)
        t.render()
        pdf.set_y(pdf.y + 6)

    new_page(False)
    landscape_now = False
    at_top = True
    for block in blocks_of(build_html(truth, layout, spec.extras)):
        for part in split_rows(block) if isinstance(block, Table) else [block]:
            if part.landscape != landscape_now:
                landscape_now = part.landscape
                new_page(landscape_now)
            elif part.break_before and not at_top:
                new_page(landscape_now)
            at_top = False
            if isinstance(part, Para):
                paragraph(part)
            else:
                table(part, landscape_now)
    pdf.output(str(path))
    return seen


def _all_bold(cell: Cell) -> bool:
    runs = [r for line in cell.lines for r in line if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def produce_fpdf2(spec: Spec, out_dir: Path, name: str = "fpdf2") -> Produced:
    """The blocks laid out by fpdf2 with HarfBuzz: marks placed by moving the text matrix glyph by
    glyph, the fonts subset by fpdf2 with a ToUnicode of its own (a ligature glyph mapped to its
    cluster, a substituted glyph sometimes to nothing); each row's pages from the table's layout."""
    layout = spec.layout if (TLWG_DIR / f"{spec.layout.font}.ttf").exists() else replace(spec.layout, font="Garuda")
    spec = replace(spec, layout=layout)
    pdf = out_dir / f"{spec.key}.{name}.pdf"
    notes = []
    try:
        seen = build_fpdf2(spec, pdf)
    except ValueError:  # fpdf2 keeps a row span on one page: one taller than a page cannot be drawn
        layout = replace(layout, framework_categories="row")
        spec = replace(spec, layout=layout)
        seen = build_fpdf2(spec, pdf)
        notes.append("categories in rows: fpdf2 could not keep the merged category cells on one page")
    pages: dict[int, set[int]] = {}
    for anchor, on in seen.items():
        m = re.match(r"^k(\d+)-", anchor)
        if m:
            pages.setdefault(int(m.group(1)), set()).update(on)
    truth = _with_pages(as_rendered(spec.record, layout), {k: sorted(v) for k, v in pages.items()})
    return Produced(name, pdf, _finish(truth, pdf, _page_count(pdf)), pages_known=bool(pages), notes=notes)


# ---------------------------------------------------------------------------------------------
# Ghostscript re-distilled copies


def gs_missing() -> str | None:
    return None if shutil.which("gs") else "no ghostscript (bash scripts/sweep-deps.sh)"


def redistill(src: Path, dst: Path, timeout: float = 180) -> None:
    """`src` re-written by Ghostscript's pdfwrite, as a "Print to PDF" or a Distiller pass re-saves
    a file: the fonts re-subset and re-encoded, ToUnicode maps rebuilt from what gs understood."""
    exe = shutil.which("gs")
    if exe is None:
        raise RuntimeError("no gs")
    cmd = [exe, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={dst}", str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0 or not dst.exists() or dst.stat().st_size == 0:
        raise RuntimeError(f"gs failed ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-300:]}")


# ---------------------------------------------------------------------------------------------
# Qt (QTextDocument printed by QPrinter)


_QT_APP: list[Any] = []


def qt_missing() -> str | None:
    try:
        importlib.import_module("PyQt5.QtPrintSupport")
    except ImportError:
        return "no PyQt5 (bash scripts/sweep-deps.sh)"
    return None


def qt_html(html_text: str, font: str) -> str:
    """The HTML `render.build_html` writes, as QTextDocument takes it: Qt's rich text knows no CSS
    borders on table cells, so the grid tables get HTML's own (`border="1"`), and the font is named
    in a `font-family` Qt resolves through fontconfig."""
    html_text = re.sub(r"font-family:[^;\"]*", f"font-family: '{font}'", html_text)
    return re.sub(r'<table class="grid', '<table border="1" cellspacing="0" cellpadding="3" width="100%" class="grid', html_text)


def produce_qt(spec: Spec, out_dir: Path, name: str = "qt") -> Produced:
    """The HTML laid out by Qt's QTextDocument and printed to PDF by QPrinter, as Qt-based
    HTML-to-PDF tools write it: every glyph placed on its own (a mark at the pen after its base),
    the space glyph mapped to a tab, each page the whole document's drawing moved up (the rows of
    the pages around it drawn just off it), glyphs re-gridded at 2048 units/em and a font's
    variant glyphs left without a map. The pages of each KPI are not known."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PyQt5.QtGui import QFont, QPageSize, QTextDocument
    from PyQt5.QtPrintSupport import QPrinter
    from PyQt5.QtWidgets import QApplication

    truth = as_rendered(spec.record, spec.layout)
    font = spec.layout.font if _font_installed(spec.layout.font) else "Garuda"
    pdf = out_dir / f"{spec.key}.{name}.pdf"
    if QApplication.instance() is None:
        _QT_APP.append(QApplication(["thaikpi-sweep"]))  # (kept: Qt needs its application alive)
    doc = QTextDocument()
    doc.setDefaultFont(QFont(font, int(spec.layout.font_size)))
    doc.setHtml(qt_html(build_html(truth, spec.layout, spec.extras), font))
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(pdf))
    printer.setPageSize(QPageSize(QPageSize.A4))
    printer.setPageMargins(20, 20, 20, 20, QPrinter.Millimeter)
    doc.print_(printer)
    return Produced(name, pdf, _finish(truth, pdf, _page_count(pdf)), pages_known=False, notes=[f"Qt, {font}"])


def mupdf_missing() -> str | None:
    try:
        importlib.import_module("pymupdf")
    except ImportError:
        return "no PyMuPDF (bash scripts/sweep-deps.sh)"
    return None


def _font_files(family: str) -> dict[str, Path]:
    """The regular and bold files of an installed family (fontconfig's answer), by weight."""
    files: dict[str, Path] = {}
    for weight, style in (("normal", "Regular"), ("bold", "Bold")):
        out = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:style={style}"], capture_output=True, text=True, timeout=20).stdout
        if out:
            files[weight] = Path(out)
    return files


def mupdf_css(family: str | None) -> tuple[str, Path | None]:
    """The user CSS MuPDF's Story gets and the folder its fonts come from: the family's files as
    `@font-face` rules, or nothing, when MuPDF falls back to its own Noto Serif Thai (a user who
    names a font MuPDF cannot find, as many do)."""
    if family is None:
        return "", None
    files = _font_files(family)
    if "normal" not in files:
        return "", None
    rules = [f"@font-face {{ font-family: 'TH'; font-weight: {w}; src: url('{f.name}'); }}" for w, f in files.items() if f.parent == files["normal"].parent]
    return "\n".join(rules) + "\nbody, p, td, th, div, span, h1, h2, h3 { font-family: 'TH'; }", files["normal"].parent


def with_word_breaks(html_text: str) -> str:
    """Thai text with a zero-width space between its words, as authors write for engines that break
    lines only where the text allows (MuPDF knows no Thai dictionary: without them a Thai
    paragraph is one unbreakable word that pushes its table off the page)."""

    def breaks(m: re.Match[str]) -> str:
        text = m.group(1)
        if not re.search("[\u0e00-\u0e7f]", text):
            return m.group(0)
        return ">" + "\u200b".join(t for t in _tokens(html.unescape(text)) if t).replace("&", "&amp;").replace("<", "&lt;") + "<"

    head, sep, body = html_text.partition("<body>")  # (the style sheet keeps its text)
    return head + sep + re.sub(r">([^<>]+)<", breaks, body)


def produce_mupdf(spec: Spec, out_dir: Path, name: str = "mupdf") -> Produced:
    """The HTML laid out by MuPDF's Story (PyMuPDF's HTML-to-PDF) on A4 pages: fonts embedded as
    Identity-H CID fonts whose ToUnicode knows only the glyphs the text named (a shaper's variant
    marks have no map), ำ drawn as nikhahit and sara aa, Thai words broken at zero-width spaces; a third of the agreements in MuPDF's own
    Noto Serif Thai (embedded as CFF, no installed copy to read it by). Pages of KPIs not known."""
    import pymupdf

    truth = as_rendered(spec.record, spec.layout)
    family = spec.layout.font if _font_installed(spec.layout.font) and spec.seed % 3 else None
    css, folder = mupdf_css(family)
    pdf = out_dir / f"{spec.key}.{name}.pdf"
    html_text = with_word_breaks(build_html(truth, spec.layout, spec.extras))
    mediabox = pymupdf.paper_rect("a4")
    where = mediabox + (57, 57, -57, -57)
    # MuPDF sizes table columns by their content and never shrinks them to the page: as its
    # user would, set the tables smaller until they fit. It may also lose the rows of a table
    # a page break cuts at some sizes (they are drawn nowhere): a size whose PDF holds fewer
    # Thai letters than the first is not taken
    import pdfplumber

    full = 0
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6):
        sized = css + f"\ntable.grid {{ font-size: {spec.layout.font_size * scale:.1f}pt; }}"
        story = pymupdf.Story(html=html_text, user_css=sized, archive=pymupdf.Archive(str(folder)) if folder else None)
        writer = pymupdf.DocumentWriter(str(pdf))
        more = True
        while more:
            device = writer.begin_page(mediabox)
            more, _ = story.place(where)
            story.draw(device)
            writer.end_page()
        writer.close()
        with pdfplumber.open(pdf) as doc:  # (PyMuPDF's own reading clips at the page's edge)
            letters = sum(1 for page in doc.pages for c in page.chars if "\u0e01" <= c["text"] <= "\u0e2e")
            full = full or letters
            fits = all(r["x1"] <= float(page.width) - 20 for page in doc.pages for r in page.rects)
        if fits and letters >= 0.995 * full:
            break
    else:
        raise RuntimeError("MuPDF could not fit the tables on the page without losing text")
    return Produced(name, pdf, _finish(truth, pdf, _page_count(pdf)), pages_known=False, notes=[f"MuPDF, {family or 'Noto Serif Thai'}"])


# ---------------------------------------------------------------------------------------------
# WeasyPrint, scans, damage


def produce_weasyprint(spec: Spec, out_dir: Path, name: str = "weasyprint") -> Produced:
    from tests.synthetic.render import render

    pdf = out_dir / f"{spec.key}.{name}.pdf"
    truth = render(spec.record, pdf, spec.layout, spec.extras)
    return Produced(name, pdf, _finish(truth, pdf, truth.source.pages))


def rasterise(src: Path, dst: Path, seed: int) -> list[int]:
    """An image-only copy of `src`: every page rendered at 200–300 dpi, turned a fraction of a
    degree, grey with a little noise, as a desk scanner returns it."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(seed)
    dpi = rng.choice((200, 240, 300))
    angle = rng.uniform(-0.8, 0.8)
    doc = pdfium.PdfDocument(str(src))
    images = []
    try:
        for page in doc:
            img = page.render(scale=dpi / 72).to_pil().convert("L")
            img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
            noise = np.random.default_rng(seed).normal(0, 8, (img.height, img.width))
            arr = np.clip(np.asarray(img, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
            images.append(Image.fromarray(arr))
    finally:
        doc.close()
    images[0].save(dst, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return list(range(1, len(images) + 1))


def produce_scan(spec: Spec, out_dir: Path, name: str = "scan") -> Produced:
    base = produce_weasyprint(spec, out_dir, "weasyprint")
    pdf = out_dir / f"{spec.key}.{name}.pdf"
    rasterise(base.pdf, pdf, spec.seed)
    return Produced(name, pdf, _finish(base.truth, pdf, base.truth["source"]["pages"]), notes=["scan of weasyprint"])


def damage_module() -> Any | None:
    """`tests.synthetic.damage` when it exists (written separately), else None."""
    try:
        return importlib.import_module("tests.synthetic.damage")
    except ImportError:
        return None


def damage_kinds() -> list[str]:
    """The transforms the sweep may draw for a text producer's PDF: the damage module's kinds,
    and `gs` (a Ghostscript re-distilled copy) where Ghostscript is installed."""
    mod = damage_module()
    kinds = list(getattr(mod, "DAMAGE_KINDS", [])) if mod else []
    return kinds + ([] if gs_missing() else ["gs"])


def produce_damaged(spec: Spec, out_dir: Path, name: str) -> Produced:
    base_name, kind = name.rsplit("+", 1)  # `a+gs+ring-fffd`: the damage on the re-distilled copy
    base = produce(spec, out_dir, base_name)
    pdf = out_dir / f"{spec.key}.{name}.pdf"
    if kind == "gs":
        redistill(base.pdf, pdf)
        return Produced(name, pdf, _finish(base.truth, pdf, base.truth["source"]["pages"]), base.pages_known, [f"gs pdfwrite of {base_name}"])
    mod = damage_module()
    if mod is None:
        raise RuntimeError("tests.synthetic.damage is not there")
    mod.damage(base.pdf, pdf, kind, spec.seed)
    return Produced(name, pdf, _finish(base.truth, pdf, base.truth["source"]["pages"]), base.pages_known, [f"{kind} on {base_name}"])


# ---------------------------------------------------------------------------------------------
# the registry


def text_producers() -> list[str]:
    """The producers that write a text layer, those that can run here. (`mupdf` is asked for by
    name only: MuPDF's Story squeezes some tables' columns until their text overlaps, and may
    lose the rows a page break cuts; what it writes then no reader could read.)"""
    names = ["weasyprint", "reportlab", "reportlab-pua"]
    if chromium_missing() is None:
        names.append("chromium")
    if fpdf2_missing() is None:
        names.append("fpdf2")
    if qt_missing() is None:
        names.append("qt")
    if libreoffice_missing() is None:
        names += [f"libreoffice-{k}" for k in LIBREOFFICE_FONTS if _font_installed(LIBREOFFICE_FONTS[k])]
    return names


def _font_installed(family: str) -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=th", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(family == f.strip() for line in out.splitlines() for f in line.split(","))


def produce(spec: Spec, out_dir: Path, name: str) -> Produced:
    """Write `spec` with producer `name` into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if "+" in name:
        return produce_damaged(spec, out_dir, name)
    if name == "weasyprint":
        return produce_weasyprint(spec, out_dir)
    if name == "scan":
        return produce_scan(spec, out_dir)
    if name.startswith("libreoffice-"):
        return produce_libreoffice(spec, out_dir, name)
    if name.startswith("reportlab"):
        return produce_reportlab(spec, out_dir, name)
    if name == "chromium":
        return produce_chromium(spec, out_dir)
    if name == "fpdf2":
        return produce_fpdf2(spec, out_dir)
    if name == "qt":
        return produce_qt(spec, out_dir)
    if name == "mupdf":
        return produce_mupdf(spec, out_dir)
    raise ValueError(f"unknown producer {name}")


def save(produced: Produced, meta: dict[str, Any]) -> Path:
    """Write the truth beside the PDF (`<pdf stem>.truth.json`), with the producer's metadata."""
    path = produced.pdf.with_suffix(".truth.json")
    data = {"producer": produced.producer, "pages_known": produced.pages_known, "notes": produced.notes, **meta, "truth": produced.truth}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    return path


def environment() -> dict[str, Any]:
    """What this machine can produce (for the sweep's header)."""
    return {
        "libreoffice": libreoffice_missing() or "ok",
        "chromium": chromium_missing() or "ok",
        "fpdf2": fpdf2_missing() or "ok",
        "qt": qt_missing() or "ok",
        "mupdf": mupdf_missing() or "ok",
        "gs": gs_missing() or "ok",
        "damage_kinds": damage_kinds(),
        "cpu": os.cpu_count(),
    }
