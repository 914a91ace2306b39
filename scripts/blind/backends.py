"""Producers for the neutral blocks of content.py: weasyprint (HTML+CSS), LibreOffice from .docx
and from .xlsx, reportlab platypus, typst."""

from __future__ import annotations

import html
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FONTS = {  # family -> (regular, bold)
    "Sarabun": ("/root/.local/share/fonts/sarabun/Sarabun-Regular.ttf", "/root/.local/share/fonts/sarabun/Sarabun-Bold.ttf"),
    "Laksaman": ("/usr/share/fonts/truetype/tlwg/Laksaman.ttf", "/usr/share/fonts/truetype/tlwg/Laksaman-Bold.ttf"),
    "Garuda": ("/usr/share/fonts/truetype/tlwg/Garuda.ttf", "/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf"),
    "Loma": ("/usr/share/fonts/truetype/tlwg/Loma.ttf", "/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf"),
    "Kinnari": ("/usr/share/fonts/truetype/tlwg/Kinnari.ttf", "/usr/share/fonts/truetype/tlwg/Kinnari-Bold.ttf"),
    "Norasi": ("/usr/share/fonts/truetype/tlwg/Norasi.ttf", "/usr/share/fonts/truetype/tlwg/Norasi-Bold.ttf"),
    "Sawasdee": ("/usr/share/fonts/truetype/tlwg/Sawasdee.ttf", "/usr/share/fonts/truetype/tlwg/Sawasdee-Bold.ttf"),
    "Umpush": ("/usr/share/fonts/truetype/tlwg/Umpush.ttf", "/usr/share/fonts/truetype/tlwg/Umpush-Bold.ttf"),
    "Waree": ("/usr/share/fonts/truetype/tlwg/Waree.ttf", "/usr/share/fonts/truetype/tlwg/Waree-Bold.ttf"),
    "Arundina Serif": ("/usr/share/fonts/truetype/arundina/ArundinaSerif.ttf", "/usr/share/fonts/truetype/arundina/ArundinaSerif-Bold.ttf"),
    "Arundina Sans": ("/usr/share/fonts/truetype/arundina/ArundinaSans.ttf", "/usr/share/fonts/truetype/arundina/ArundinaSans-Bold.ttf"),
}
FONTS = {k: v for k, v in FONTS.items() if os.path.exists(v[0]) and os.path.exists(v[1])}
# size in pt: Sarabun-like fonts are small per pt (TH Sarabun habit of 16pt)
FONT_SIZE = {"Sarabun": 12, "Laksaman": 15, "Kinnari": 13, "Norasi": 13, "Garuda": 11, "Loma": 12,
             "Sawasdee": 12, "Umpush": 12, "Waree": 11, "Arundina Serif": 12, "Arundina Sans": 12}


def soffice_convert(src: Path, outdir: Path) -> Path:
    prof = Path(tempfile.mkdtemp(prefix="blind-lo-"))
    try:
        subprocess.run(["nice", "-n", "10", "soffice", f"-env:UserInstallation=file://{prof}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), str(src)],
                       check=True, capture_output=True, timeout=240)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    return outdir / (src.stem + ".pdf")


def segments(blocks):
    """Split into (landscape, [blocks]) runs; 'break' stays inside a run."""
    segs = [(False, [])]
    for b in blocks:
        if b["t"] == "orient":
            segs.append((b["landscape"], []))
        else:
            segs[-1][1].append(b)
    return [s for s in segs if s[1]]


# ----------------------------------------------------------------- HTML / WeasyPrint
def render_html(blocks, out: Path, font: str, opts: dict) -> None:
    from weasyprint import HTML
    size = FONT_SIZE.get(font, 12)
    footer = opts.get("footer", "page_of")
    fcontent = {"page_of": '"หน้า " counter(page) " จาก " counter(pages)', "dash": '"- " counter(page) " -"',
                "plain": "counter(page)"}[footer]
    where = "bottom-right" if footer == "page_of" else "top-center"
    head_txt = html.escape(opts.get("header_text", "")).replace('"', "")
    css = f"""
    @page {{ size: A4; margin: 2cm 1.8cm 2cm 2.5cm;
      @{where} {{ content: {fcontent}; font-family: '{font}'; font-size: {size - 2}pt; }}
      @top-left {{ content: "{head_txt}"; font-family: '{font}'; font-size: {size - 3}pt; color: #555; }} }}
    @page land {{ size: A4 landscape; }}
    body {{ font-family: '{font}'; font-size: {size}pt; line-height: 1.35; }}
    .land {{ page: land; }}
    .title {{ text-align: center; font-weight: bold; font-size: {size + 2}pt; margin: 2pt 0; }}
    .h {{ font-weight: bold; margin: 8pt 0 3pt 0; {opts.get('hstyle', '')} }}
    p {{ margin: 2pt 0; }}
    .indent {{ text-indent: 2.5em; }}
    table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; }}
    td, th {{ padding: 2pt 4pt; vertical-align: top; }}
    table.b td, table.b th {{ border: 0.6pt solid #333; }}
    th {{ background: {opts.get('shade', '#e8e8e8')}; font-weight: bold; text-align: center; vertical-align: middle; }}
    tr.bold td {{ font-weight: bold; }}
    thead {{ display: table-header-group; }}
    .pb {{ break-before: page; }}
    """
    parts = []
    for land, seg in segments(blocks):
        parts.append(f'<div class="{"land" if land else "port"} pb">')
        for b in seg:
            parts.append(_html_block(b))
        parts.append("</div>")
    doc = f"<html><head><meta charset='utf-8'><style>{css}</style></head><body lang='th'>{''.join(parts)}</body></html>"
    doc = doc.replace('<div class="port pb">', '<div class="port">', 1)
    # WeasyPrint maps each glyph to the first text it shaped; ccmp splits SARA AM into NIKHAHIT + SARA AA,
    # so SARA AA would read back as SARA AM everywhere. Writing SARA AM decomposed keeps the text layer 1:1.
    doc = doc.replace("\u0e33", "\u0e4d\u0e32")
    HTML(string=doc).write_pdf(str(out))


def _esc(s: str) -> str:
    return html.escape(s).replace("\n", "<br/>")


def _html_block(b) -> str:
    t = b["t"]
    if t == "title":
        return f'<div class="title">{_esc(b["text"])}</div>'
    if t == "h":
        return f'<div class="h">{_esc(b["text"])}</div>'
    if t == "p":
        st = f'text-align:{b["align"]};' + ("font-weight:bold;" if b.get("bold") else "")
        cls = "indent" if b.get("indent") else ""
        return f'<p class="{cls}" style="{st}">{_esc(b["text"]) or "&nbsp;"}</p>'
    if t == "break":
        return '<div class="pb"></div>'
    if t == "table":
        tot = sum(b["widths"])
        cols = "".join(f'<col style="width:{100 * w / tot:.1f}%"/>' for w in b["widths"])
        out = [f'<table class="{"b" if b["border"] else ""}">{cols}']
        hdr = b["header"]
        for r, row in enumerate(b["rows"]):
            if r == 0 and hdr:
                out.append("<thead>")
            if r == hdr and hdr:
                out.append("</thead><tbody>")
            cls = ' class="bold"' if r in b["bold_rows"] else ""
            out.append(f"<tr{cls}>")
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                rs, cs = b["spans"].get((r, c), (1, 1))
                tag = "th" if r < hdr else "td"
                al = (b.get("align") or ["left"] * len(row))[c] if r >= hdr else "center"
                out.append(f'<{tag} rowspan="{rs}" colspan="{cs}" style="text-align:{al}">{_esc(cell)}</{tag}>')
            out.append("</tr>")
        out.append("</tbody></table>" if hdr else "</table>")
        return "".join(out)
    return ""


# ----------------------------------------------------------------- DOCX -> LibreOffice
def render_docx(blocks, out: Path, font: str, opts: dict) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    size = FONT_SIZE.get(font, 12) + (2 if font in ("Sarabun", "Laksaman") else 0)
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(size)
    rpr = st.element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.append(rf)
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rf.set(qn(a), font)
    szcs = OxmlElement("w:szCs")
    szcs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(szcs)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:bidi"), "th-TH")
    rpr.append(lang)
    st.paragraph_format.space_after = Pt(1)
    st.paragraph_format.space_before = Pt(0)
    al = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
          if hasattr(WD_ALIGN_PARAGRAPH, "THAI_JUSTIFY") else WD_ALIGN_PARAGRAPH.JUSTIFY}

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(1.8), Cm(2), Cm(2)
    # page number field in header or footer
    hf = sec.footer if opts.get("footer", "page_of") != "dash" else sec.header
    fp = hf.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT if opts.get("footer") == "page_of" else WD_ALIGN_PARAGRAPH.CENTER

    def field(p, instr):
        f = OxmlElement("w:fldSimple")
        f.set(qn("w:instr"), instr)
        r = OxmlElement("w:r")
        tt = OxmlElement("w:t")
        tt.text = "1"
        r.append(tt)
        f.append(r)
        p._p.append(f)

    if opts.get("footer") == "page_of":
        fp.add_run("หน้า ")
        field(fp, "PAGE")
        fp.add_run(" จาก ")
        field(fp, "NUMPAGES")
    elif opts.get("footer") == "dash":
        fp.add_run("- ")
        field(fp, "PAGE")
        fp.add_run(" -")
    else:
        field(fp, "PAGE")

    def content_width():
        s = doc.sections[-1]
        return s.page_width - s.left_margin - s.right_margin

    first = True
    pending_break = False
    for land, seg in segments(blocks):
        if not first:
            s = doc.add_section(WD_SECTION.NEW_PAGE)
            s.orientation = WD_ORIENT.LANDSCAPE if land else WD_ORIENT.PORTRAIT
            s.page_width, s.page_height = (Cm(29.7), Cm(21)) if land else (Cm(21), Cm(29.7))
            pending_break = False
        first = False
        for b in seg:
            t = b["t"]
            if t == "break":
                pending_break = True
                continue
            if t in ("title", "h", "p"):
                p = doc.add_paragraph()
                if pending_break:
                    p.paragraph_format.page_break_before = True
                    pending_break = False
                run = p.add_run(b["text"])
                if t == "title":
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    run.bold = True
                    run.font.size = Pt(size + 2)
                elif t == "h":
                    run.bold = True
                    p.paragraph_format.space_before = Pt(6)
                    p.paragraph_format.keep_with_next = True
                else:
                    p.alignment = al[b["align"]]
                    run.bold = bool(b.get("bold"))
                    if b.get("indent"):
                        p.paragraph_format.first_line_indent = Cm(1.25)
                continue
            if t == "table":
                if pending_break:
                    p = doc.add_paragraph()
                    p.paragraph_format.page_break_before = True
                    pending_break = False
                rows, ncol = b["rows"], len(b["widths"])
                tb = doc.add_table(rows=len(rows), cols=ncol)
                if b["border"]:
                    tb.style = "Table Grid"
                tb.autofit = False
                cw = content_width()
                tot = sum(b["widths"])
                for r in range(len(rows)):
                    for c in range(ncol):
                        tb.cell(r, c).width = int(cw * b["widths"][c] / tot)
                for c in range(ncol):
                    tb.columns[c].width = int(cw * b["widths"][c] / tot)
                for (r, c), (rs, cs) in b["spans"].items():
                    tb.cell(r, c).merge(tb.cell(r + rs - 1, c + cs - 1))
                for r, row in enumerate(rows):
                    if r < b["header"]:
                        trpr = tb.rows[r]._tr.get_or_add_trPr()
                        h = OxmlElement("w:tblHeader")
                        trpr.append(h)
                    for c, cell in enumerate(row):
                        if cell is None:
                            continue
                        tc = tb.cell(r, c)
                        lines = cell.split("\n")
                        tc.paragraphs[0].text = ""
                        for i, ln in enumerate(lines):
                            p = tc.paragraphs[0] if i == 0 else tc.add_paragraph()
                            run = p.add_run(ln)
                            run.bold = r < b["header"] or r in b["bold_rows"]
                            a = "center" if r < b["header"] else (b.get("align") or ["left"] * ncol)[c]
                            p.alignment = al[a] if a != "justify" else al["left"]
                        if r < b["header"] and opts.get("shade"):
                            tcpr = tc._tc.get_or_add_tcPr()
                            shd = OxmlElement("w:shd")
                            shd.set(qn("w:val"), "clear")
                            shd.set(qn("w:fill"), opts["shade"].lstrip("#"))
                            tcpr.append(shd)
                doc.add_paragraph()
    tmp = Path(tempfile.mkdtemp(prefix="blind-docx-"))
    src = tmp / (out.stem + ".docx")
    doc.save(src)
    if opts.get("via_odt"):
        # docx -> odt first, then print the odt (a unit that keeps its files in ODF)
        odt = _soffice_to(src, tmp, "odt")
        pdf = soffice_convert(odt, tmp)
    else:
        pdf = soffice_convert(src, tmp)
    shutil.move(str(pdf), out)
    shutil.rmtree(tmp, ignore_errors=True)


def _soffice_to(src: Path, outdir: Path, fmt: str) -> Path:
    prof = Path(tempfile.mkdtemp(prefix="blind-lo-"))
    try:
        subprocess.run(["nice", "-n", "10", "soffice", f"-env:UserInstallation=file://{prof}", "--headless",
                        "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                       check=True, capture_output=True, timeout=240)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    return outdir / (src.stem + "." + fmt)


# ----------------------------------------------------------------- XLSX -> LibreOffice
def _text_units(s: str) -> float:
    """Rough display width of a string in 'average character' units (Thai marks take no width)."""
    n = 0.0
    for ch in s:
        o = ord(ch)
        if 0x0E31 == o or 0x0E34 <= o <= 0x0E3A or 0x0E47 <= o <= 0x0E4E:
            continue
        n += 1.0
    return n


def render_xlsx(blocks, out: Path, font: str, opts: dict) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    size = FONT_SIZE.get(font, 12) + (2 if font in ("Sarabun", "Laksaman") else 0)
    GRID = 24
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor=opts.get("shade", "#DDDDDD").lstrip("#"))
    # character units per grid column
    sheet_names = ["คำรับรอง", "กรอบการประเมิน", "ค่าเป้าหมาย", "รายละเอียดตัวชี้วัด", "ต่อ"]
    for si, (land, seg) in enumerate(segments(blocks)):
        ws = wb.create_sheet(sheet_names[min(si, 4)] + ("" if si < 4 else str(si)))
        colw = 6.2 if land else 4.1   # excel width units per grid column
        for c in range(1, GRID + 1):
            ws.column_dimensions[get_column_letter(c)].width = colw
        # chars per width unit: Thai text at this size ~ 1 char per 1.0 width unit at 11pt
        cpu = 1.0 * 11.0 / size * 1.15
        ws.page_setup.orientation = "landscape" if land else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.6
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ft = opts.get("footer", "page_of")
        txt = {"page_of": "หน้า &P จาก &N", "dash": "- &P -", "plain": "&P"}[ft]
        if ft == "dash":
            ws.oddHeader.center.text = txt
        else:
            ws.oddFooter.right.text = txt
        ws.oddHeader.left.text = opts.get("header_text", "")
        row = 1
        line_h = size * 1.62

        def put(r, c0, c1, text, bold=False, align="left", brd=False, hdr=False, r1=None):
            r1 = r1 or r
            cell = ws.cell(row=r, column=c0, value=text)
            if c1 > c0 or r1 > r:
                ws.merge_cells(start_row=r, start_column=c0, end_row=r1, end_column=c1)
            cell.font = Font(name=font, size=size, bold=bold)
            cell.alignment = Alignment(wrap_text=True, vertical="center" if hdr else "top",
                                       horizontal={"justify": "left"}.get(align, align))
            if brd:
                for rr in range(r, r1 + 1):
                    for cc in range(c0, c1 + 1):
                        ws.cell(row=rr, column=cc).border = border
                        if hdr:
                            ws.cell(row=rr, column=cc).fill = fill

        def lines_needed(text, ncols):
            cap = max(1.0, ncols * colw * cpu - 1.5)
            n = 0
            for ln in (text or "").split("\n"):
                n += max(1, math.ceil(_text_units(ln) / cap))
            return n

        for b in seg:
            t = b["t"]
            if t == "break":
                if row > 1:
                    ws.row_breaks.append(Break(id=row - 1))
                continue
            if t in ("title", "h", "p"):
                bold = t != "p" or b.get("bold")
                text = b["text"]
                if t == "p" and b.get("indent"):
                    text = "        " + text
                put(row, 1, GRID, text, bold=bold, align="center" if t == "title" else b.get("align", "left"))
                ws.row_dimensions[row].height = line_h * lines_needed(text, GRID) + 2
                row += 1
                continue
            if t == "table":
                tot = sum(b["widths"])
                counts = [max(1, round(GRID * w / tot)) for w in b["widths"]]
                while sum(counts) > GRID:
                    counts[counts.index(max(counts))] -= 1
                while sum(counts) < GRID:
                    counts[counts.index(max(counts))] += 1
                starts = [1 + sum(counts[:i]) for i in range(len(counts))]
                nrows = len(b["rows"])
                heights = [1] * nrows
                for r, rr in enumerate(b["rows"]):
                    for c, cell in enumerate(rr):
                        if cell is None:
                            continue
                        rs, cs = b["spans"].get((r, c), (1, 1))
                        ncols = sum(counts[c:c + cs])
                        need = lines_needed(cell, ncols)
                        per = math.ceil(need / rs)
                        for k in range(r, r + rs):
                            heights[k] = max(heights[k], per)
                covered = set()
                for (r, c), (rs, cs) in b["spans"].items():
                    for a in range(r, r + rs):
                        for d in range(c, c + cs):
                            covered.add((a, d))
                for r, rr in enumerate(b["rows"]):
                    for c, cell in enumerate(rr):
                        if cell is None:
                            continue
                        rs, cs = b["spans"].get((r, c), (1, 1))
                        hdr = r < b["header"]
                        a = "center" if hdr else (b.get("align") or ["left"] * len(rr))[c]
                        put(row + r, starts[c], starts[c + cs - 1] + counts[c + cs - 1] - 1, cell,
                            bold=hdr or r in b["bold_rows"], align=a, brd=b["border"], hdr=hdr,
                            r1=row + r + rs - 1)
                    ws.row_dimensions[row + r].height = line_h * heights[r] + 4
                if b["header"]:
                    ws.print_title_rows = None
                row += nrows + 1
                continue
    tmp = Path(tempfile.mkdtemp(prefix="blind-xlsx-"))
    src = tmp / (out.stem + ".xlsx")
    wb.save(src)
    pdf = soffice_convert(src, tmp)
    shutil.move(str(pdf), out)
    shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------- reportlab platypus
_RL_READY: set[str] = set()


def _rl_font(font: str) -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    reg, bold = FONTS[font]
    a, b = "BL-" + font.replace(" ", ""), "BL-" + font.replace(" ", "") + "-B"
    if font not in _RL_READY:
        pdfmetrics.registerFont(TTFont(a, reg))
        pdfmetrics.registerFont(TTFont(b, bold))
        _RL_READY.add(font)
    return a, b


_CMAPS: dict[str, set[int]] = {}
FALLBACK = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _rl_markup(line: str, font: str) -> str:
    """Escape a line for a Paragraph; characters the Thai font lacks go to DejaVu Sans (no silent tofu)."""
    from fontTools.ttLib import TTFont as FT
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if font not in _CMAPS:
        _CMAPS[font] = set(FT(FONTS[font][0]).getBestCmap())
        if "BL-DejaVu" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("BL-DejaVu", FALLBACK))
    out = []
    for ch in line:
        e = html.escape(ch)
        out.append(e if ord(ch) in _CMAPS[font] or ch in " \t" else f'<font name="BL-DejaVu">{e}</font>')
    return "".join(out)


def _wrap_thai(text: str, fname: str, size: float, width: float) -> list[str]:
    from pythainlp.tokenize import word_tokenize
    from reportlab.pdfbase.pdfmetrics import stringWidth
    out = []
    for para in text.split("\n"):
        toks = word_tokenize(para, engine="newmm", keep_whitespace=True) if para else [""]
        line = ""
        for tk in toks:
            cand = line + tk
            if stringWidth(cand, fname, size) <= width or not line.strip():
                line = cand
            else:
                out.append(line.rstrip())
                line = tk.lstrip()
        out.append(line.rstrip())
    return out


def render_reportlab(blocks, out: Path, font: str, opts: dict) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    fn, fb = _rl_font(font)
    size = FONT_SIZE.get(font, 12) + (2 if font in ("Sarabun", "Laksaman") else 0)
    lead = size * 1.35
    ft = opts.get("footer", "page_of")

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFont(fn, size - 2)
        w, h = canvas._pagesize
        n = canvas.getPageNumber()
        if ft == "dash":
            canvas.drawCentredString(w / 2, h - 1.2 * cm, f"- {n} -")
        elif ft == "page_of":
            canvas.drawRightString(w - 1.8 * cm, 1.1 * cm, f"หน้า {n}")
        else:
            canvas.drawCentredString(w / 2, 1.1 * cm, str(n))
        if opts.get("header_text"):
            canvas.setFont(fn, size - 3)
            canvas.drawString(2.5 * cm, h - 1.2 * cm if ft != "dash" else h - 1.7 * cm, opts["header_text"])
        canvas.restoreState()

    pw, ph = A4
    lw, lh = landscape(A4)
    m = dict(l=2.5 * cm, r=1.8 * cm, t=2 * cm, b=2 * cm)
    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=m["l"], rightMargin=m["r"], topMargin=m["t"],
                          bottomMargin=m["b"], title="คำรับรองการปฏิบัติราชการ", author=opts.get("header_text", ""))
    fr_p = Frame(m["l"], m["b"], pw - m["l"] - m["r"], ph - m["t"] - m["b"], id="fp")
    fr_l = Frame(m["l"], m["b"], lw - m["l"] - m["r"], lh - m["t"] - m["b"], id="fl")
    doc.addPageTemplates([PageTemplate("port", [fr_p], onPage=deco, pagesize=A4),
                          PageTemplate("land", [fr_l], onPage=deco, pagesize=landscape(A4))])
    styles = {
        "title": ParagraphStyle("t", fontName=fb, fontSize=size + 2, leading=(size + 2) * 1.35, alignment=1),
        "h": ParagraphStyle("h", fontName=fb, fontSize=size, leading=lead, spaceBefore=6),
    }
    amap = {"left": 0, "center": 1, "right": 2, "justify": 0}
    story = []
    cur_w = pw - m["l"] - m["r"]

    def para(text, fname, al=0, indent=0.0, width=None):
        width = width or cur_w
        lines = _wrap_thai(text, fname, size, width - indent - 2)
        st = ParagraphStyle("x", fontName=fname, fontSize=size, leading=lead, alignment=al, firstLineIndent=indent)
        return Paragraph("<br/>".join(_rl_markup(x, font) for x in lines) or "&nbsp;", st)

    for b in blocks:
        t = b["t"]
        if t == "orient":
            story.append(NextPageTemplate("land" if b["landscape"] else "port"))
            story.append(PageBreak())
            cur_w = (lw if b["landscape"] else pw) - m["l"] - m["r"]
        elif t == "break":
            story.append(PageBreak())
        elif t == "title":
            lines = _wrap_thai(b["text"], fb, size + 2, cur_w)
            story.append(Paragraph("<br/>".join(_rl_markup(x, font) for x in lines), styles["title"]))
        elif t == "h":
            lines = _wrap_thai(b["text"], fb, size, cur_w)
            story.append(Paragraph("<br/>".join(_rl_markup(x, font) for x in lines), styles["h"]))
        elif t == "p":
            story.append(para(b["text"], fb if b.get("bold") else fn, amap[b["align"]],
                              1.2 * cm if b.get("indent") else 0))
        elif t == "table":
            tot = sum(b["widths"])
            cws = [cur_w * w / tot for w in b["widths"]]
            data = []
            for r, row in enumerate(b["rows"]):
                dr = []
                for c, cell in enumerate(row):
                    if cell is None:
                        dr.append("")
                        continue
                    rs, cs = b["spans"].get((r, c), (1, 1))
                    bold = r < b["header"] or r in b["bold_rows"]
                    a = "center" if r < b["header"] else (b.get("align") or ["left"] * len(row))[c]
                    dr.append(para(cell, fb if bold else fn, amap[a], 0, sum(cws[c:c + cs]) - 8))
                data.append(dr)
            ts = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 4),
                  ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
            if b["border"]:
                ts.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            if b["header"]:
                ts.append(("BACKGROUND", (0, 0), (-1, b["header"] - 1), colors.HexColor(opts.get("shade", "#e0e0e0"))))
                ts.append(("VALIGN", (0, 0), (-1, b["header"] - 1), "MIDDLE"))
            for (r, c), (rs, cs) in b["spans"].items():
                ts.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
            tb = Table(data, colWidths=cws, repeatRows=b["header"], style=TableStyle(ts), splitByRow=1)
            story.append(tb)
            story.append(Spacer(1, 6))
    doc.build(story)


# ----------------------------------------------------------------- typst
def _ty(s: str) -> str:
    """Content for typst: string literal(s) joined by linebreaks."""
    parts = []
    for ln in s.split("\n"):
        lit = ln.replace("\\", "\\\\").replace('"', '\\"')
        parts.append(f'#"{lit}"')
    return "#linebreak()".join(parts) if parts else ""


def render_typst(blocks, out: Path, font: str, opts: dict) -> None:
    import typst
    size = FONT_SIZE.get(font, 12) + (2 if font in ("Sarabun", "Laksaman") else 0)
    ft = opts.get("footer", "page_of")
    num = {"page_of": '"หน้า 1 จาก 1", both: true', "dash": '"- 1 -"', "plain": '"1"'}[ft]
    hdr = opts.get("header_text", "").replace('"', "")
    pagefmt = (f'margin: (left: 2.5cm, right: 1.8cm, top: 2cm, bottom: 2cm), '
               f'footer: context align(right)[#counter(page).display({num})], '
               f'header: context [#text(size: {size - 3}pt, fill: gray)[#"{hdr}"]]') if ft != "dash" else \
              (f'margin: (left: 2.5cm, right: 1.8cm, top: 2cm, bottom: 2cm), '
               f'header: context align(center)[#counter(page).display({num})]')
    src = [f'#set page(paper: "a4", {pagefmt})',
           f'#set text(font: "{font}", size: {size}pt, lang: "th")',
           '#set par(leading: 0.55em, spacing: 0.6em)',
           '#set table(stroke: 0.5pt, inset: 4pt)']
    first = True
    for land, seg in segments(blocks):
        if not first:
            src.append(f'#set page(flipped: {"true" if land else "false"})')
        first = False
        for b in seg:
            t = b["t"]
            if t == "break":
                src.append("#pagebreak(weak: true)")
            elif t == "title":
                src.append(f'#align(center)[#text(weight: "bold", size: {size + 2}pt)[{_ty(b["text"])}]]')
            elif t == "h":
                src.append(f'#block(above: 0.9em, below: 0.5em, sticky: true)[#text(weight: "bold")[{_ty(b["text"])}]]')
            elif t == "p":
                body = _ty(b["text"]) if b["text"] else "#h(0pt)"
                if b.get("bold"):
                    body = f'#text(weight: "bold")[{body}]'
                ind = "#h(1.2cm)" if b.get("indent") else ""
                al = {"justify": "left"}.get(b["align"], b["align"])
                src.append(f'#align({al})[{ind}{body}]')
            elif t == "table":
                tot = sum(b["widths"])
                cols = ", ".join(f"{w / tot * 100:.1f}%" for w in b["widths"])
                cells = []
                hdrcells = []
                for r, row in enumerate(b["rows"]):
                    for c, cell in enumerate(row):
                        if cell is None:
                            continue
                        rs, cs = b["spans"].get((r, c), (1, 1))
                        bold = r < b["header"] or r in b["bold_rows"]
                        a = "center" if r < b["header"] else (b.get("align") or ["left"] * len(row))[c]
                        a = {"justify": "left"}.get(a, a)
                        body = _ty(cell)
                        if bold:
                            body = f'#text(weight: "bold")[{body}]'
                        fill = f', fill: rgb("{opts.get("shade", "#e0e0e0")}")' if r < b["header"] else ""
                        s = f'table.cell(rowspan: {rs}, colspan: {cs}, align: {a}{fill})[{body}]'
                        (hdrcells if r < b["header"] else cells).append(s)
                stroke = "" if b["border"] else ", stroke: none"
                head = f"table.header({', '.join(hdrcells)}), " if hdrcells else ""
                src.append(f"#table(columns: ({cols},){stroke}, {head}{', '.join(cells)})")
    code = "\n".join(src)
    tmp = Path(tempfile.mkdtemp(prefix="blind-typst-"))
    (tmp / "doc.typ").write_text(code, encoding="utf-8")
    fontdirs = sorted({str(Path(p).parent) for p in FONTS[font]})
    typst.compile(str(tmp / "doc.typ"), output=str(out), font_paths=fontdirs)
    shutil.rmtree(tmp, ignore_errors=True)


PRODUCERS = {
    "weasyprint": render_html,
    "lo-docx": render_docx,
    "lo-odt": lambda b, o, f, opts: render_docx(b, o, f, {**opts, "via_odt": True}),
    "lo-xlsx": render_xlsx,
    "reportlab": render_reportlab,
    "typst": render_typst,
}
