"""Independent content builder: turns an agreement record into a neutral list of blocks.

Blocks (dicts):
  {"t": "title", "text": str}                       centred, bold, larger
  {"t": "h", "text": str}                           bold heading line
  {"t": "p", "text": str, "align": "left|center|right|justify", "indent": bool, "bold": bool}
  {"t": "table", "rows": [[str|None]], "widths": [float], "header": int,
         "spans": {(r, c): (rowspan, colspan)}, "bold_rows": [int], "border": bool, "align": [str]}
  {"t": "break"}                                    page break
  {"t": "orient", "landscape": bool}                new page with that orientation
The layout is chosen at random (rng) from several families; every field of the record stays
readable, only the presentation varies.
"""

from __future__ import annotations

import datetime as _dt
import random
from typing import Any

TH_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
MONTHS_AB = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
             "พ.ย.", "ธ.ค."]


def num(v: float | int | None, style: str = "plain") -> str:
    if v is None:
        return "-"
    v = float(v)
    if style == "2dp":
        return f"{v:,.2f}" if v >= 1000 else f"{v:.2f}"
    if v == int(v):
        return str(int(v))
    return f"{v:g}"


def weight_str(w: float | None, style: str) -> str:
    if w is None:
        return "-"
    if style == "fraction":
        f = round(float(w) / 100.0, 6)
        s = f"{f:.4f}".rstrip("0")
        if len(s.split(".")[1]) < 2:
            s = f"{f:.2f}"
        return s
    return num(w, "2dp" if style == "2dp" else "plain")


def date_str(iso: str | None, style: str) -> str:
    if not iso:
        return ""
    d = _dt.date.fromisoformat(iso)
    be = d.year + 543
    if style == "full":
        return f"{d.day} {MONTHS[d.month - 1]} {be}"
    if style == "full_pos":
        return f"{d.day} {MONTHS[d.month - 1]} พ.ศ. {be}"
    if style == "abbr":
        return f"{d.day} {MONTHS_AB[d.month - 1]} {be}"
    if style == "abbr2":
        return f"{d.day} {MONTHS_AB[d.month - 1]} {be % 100:02d}"
    if style == "form":
        return f"วันที่ {d.day} เดือน {MONTHS[d.month - 1]} พ.ศ. {be}"
    raise ValueError(style)


def round_window(month: int, fy: int, period: dict | None, date_style: str) -> str:
    """Date range of a round (cumulative from the start of the fiscal year)."""
    ce = fy - 543
    start = (period or {}).get("start") or f"{ce - 1}-10-01"
    ends = {6: f"{ce}-03-31", 9: f"{ce}-06-30", 12: f"{ce}-09-30"}
    end = ends[month]
    if month == 12 and period and period.get("end"):
        end = period["end"]
    ds = "abbr" if date_style == "abbr2" else date_style
    if ds == "form":
        ds = "full"
    return f"{date_str(start, ds)} – {date_str(end, ds)}"


LABELS = {
    "kpi": ["ตัวชี้วัดที่ {n}", "ตัวชี้วัด {n}", "KPI {n}", "ตัวชี้วัดที่ {n}."],
    "weight": ["น้ำหนัก", "ค่าน้ำหนัก (ร้อยละ)", "น้ำหนัก (ร้อยละ)", "ค่าน้ำหนัก"],
    "criteria": ["เกณฑ์การให้คะแนน", "เกณฑ์การประเมิน", "เกณฑ์การวัดผล", "เกณฑ์การประเมินผล"],
    "baseline": ["ข้อมูลพื้นฐาน", "ผลการดำเนินงานย้อนหลัง", "ข้อมูลพื้นฐานประกอบตัวชี้วัด",
                 "ผลการดำเนินงานที่ผ่านมา (Baseline Data)"],
    "roadmap": ["ค่าเป้าหมายระยะยาว", "เป้าหมายรายปี (Roadmap)", "ค่าเป้าหมายในอนาคต",
                "แผนค่าเป้าหมาย 3 ปี"],
    "rounds": ["เป้าหมายการดำเนินงานรายรอบ", "การติดตามผลการดำเนินงานรายรอบ",
               "ขั้นตอนการดำเนินงานตามรอบการประเมิน", "แผนการดำเนินงานรายรอบ"],
    "definition": ["คำอธิบาย", "คำนิยาม", "คำอธิบายตัวชี้วัด", "นิยามตัวชี้วัด"],
    "category": ["ประเด็นการประเมิน", "องค์ประกอบ", "มิติการประเมิน", "หมวด"],
    "status": ["ประเภทตัวชี้วัด", "ลักษณะตัวชี้วัด", "สถานะตัวชี้วัด"],
    "unit": ["หน่วยวัด", "หน่วยนับ"],
    "cond": ["เงื่อนไข", "หมายเหตุ", "เงื่อนไขการหักคะแนน"],
    "template": ["รายละเอียดตัวชี้วัด (KPI Template)", "รายละเอียดตัวชี้วัดและเกณฑ์การให้คะแนน",
                 "แบบรายละเอียดตัวชี้วัด", "KPI Template"],
    "frame": ["กรอบการประเมินผลการปฏิบัติราชการ", "ตัวชี้วัดและน้ำหนักตามคำรับรอง",
              "สรุปตัวชี้วัดและค่าน้ำหนัก", "กรอบการประเมินผล"],
    "targets": ["ค่าเป้าหมายและเกณฑ์การให้คะแนน", "ตารางสรุปค่าเป้าหมายตัวชี้วัด",
                "เป้าหมายและเกณฑ์การให้คะแนนตัวชี้วัด", "ตารางค่าเป้าหมาย"],
    "year": ["ปีงบประมาณ พ.ศ.", "ปี พ.ศ.", "ปีงบประมาณ"],
    "result": ["ผลการดำเนินงาน", "ผลการดำเนินงาน", "ค่าที่วัดได้"],
    "target": ["ค่าเป้าหมาย", "เป้าหมาย"],
}

ROUND_LABELS = {
    "months": lambda i, m: f"รอบ {m} เดือน",
    "ordinal": lambda i, m: f"รอบการประเมินที่ {i}",
    "months_full": lambda i, m: f"ผลการดำเนินงานรอบ {m} เดือน",
}


def level_headers(scale: dict, style: int) -> list[str]:
    lv = scale["levels"]
    if scale["kind"] == "five_level":
        return [[f"ระดับ {num(x)}", f"{num(x)}", f"ระดับคะแนน {num(x)}", f"{num(x)} คะแนน"][style] for x in lv]
    names = ["ขั้นต้น", "มาตรฐาน", "ขั้นสูง"]
    out = []
    for name, x in zip(names, lv):
        out.append([f"{name} ({num(x)})", f"{num(x)} คะแนน\n({name})", f"{name}\n{num(x)} คะแนน",
                    f"เกณฑ์{name} {num(x)}"][style])
    return out


def level_label_inline(scale: dict, level: float, style: int) -> str:
    if scale["kind"] == "five_level":
        return [f"ระดับ {num(level)}", f"ระดับที่ {num(level)}", f"คะแนน {num(level)}", f"ระดับ {num(level)}"][style]
    names = dict(zip(scale["levels"], ["ขั้นต้น", "มาตรฐาน", "ขั้นสูง"]))
    name = names.get(level, "")
    return [f"{name} ({num(level)} คะแนน)", f"{num(level)} คะแนน ({name})", f"ระดับ{name} = {num(level)} คะแนน",
            f"{name} {num(level)}"][style]


DEFINITIONS = [
    "ตัวชี้วัดนี้ใช้ติดตามผลการดำเนินงานของหน่วยงานตามภารกิจที่ได้รับมอบหมาย ตลอดปีงบประมาณ",
    "พิจารณาจากผลการดำเนินงานตามแผนงานและโครงการที่เกี่ยวข้องของหน่วยงาน",
    "เป็นการวัดความสำเร็จของการดำเนินงานตามเป้าหมายที่กำหนดไว้ในคำรับรอง",
]
SOURCES = ["รายงานผลการดำเนินงานของหน่วยงาน", "ระบบติดตามและประเมินผลของส่วนราชการ",
           "แบบรายงานผลการดำเนินงานรายไตรมาส"]


def T(s: str) -> dict:
    return {"t": "title", "text": s}


def H(s: str) -> dict:
    return {"t": "h", "text": s}


def P(s: str, align: str = "left", indent: bool = False, bold: bool = False) -> dict:
    return {"t": "p", "text": s, "align": align, "indent": indent, "bold": bold}


def TABLE(rows, widths, header=1, spans=None, bold_rows=(), border=True, align=None) -> dict:
    return {"t": "table", "rows": rows, "widths": widths, "header": header, "spans": spans or {},
            "bold_rows": list(bold_rows), "border": border, "align": align}


class Choice:
    def __init__(self, rng: random.Random, force: dict | None = None):
        self.rng = rng
        self.force = force or {}
        self.f: dict[str, Any] = {}

    def pick(self, key: str, options: list, weights=None):
        # always draw, so that forcing one choice leaves every other draw unchanged
        v = self.rng.choices(options, weights=weights)[0] if weights else self.rng.choice(options)
        if key in self.force:
            v = self.force[key]
        self.f[key] = v
        return v


def build(rec: dict, rng: random.Random, landscape_ok: bool = True, force: dict | None = None) -> tuple[list[dict], dict]:
    c = Choice(rng, force)
    digits = c.pick("digits", ["thai", "arabic"], [0.5, 0.5])
    cover = c.pick("cover", ["clauses", "letter", "form"])
    frame = c.pick("frame", ["rows", "rowspan", "numbered"])
    targets = c.pick("targets", ["portrait", "landscape", "none"], [0.35, 0.45 if landscape_ok else 0, 0.2])
    tmpl = c.pick("template", ["table", "headed"])
    wstyle = c.pick("weights", ["plain", "2dp", "fraction"], [0.45, 0.35, 0.2])
    date_style = c.pick("dates", ["full", "full_pos", "abbr", "abbr2", "form"])
    kpi_lab = LABELS["kpi"].index(c.pick("kpi_label", LABELS["kpi"]))
    lab = {k: rng.choice(v) for k, v in LABELS.items()}
    if c.pick("labels", ["random", "first"], [1.0, 0.0]) == "first":
        lab = {k: v[0] for k, v in LABELS.items()}
    rlab = c.pick("round_label", ["months", "ordinal", "months_full"])
    lvl_style = rng.randrange(4)
    tmpl_break = c.pick("template_break", ["each_page", "continuous"], [0.6, 0.4])
    crit_form = c.pick("criteria_form", ["table", "list"])
    hist_form = c.pick("history_form", ["horizontal", "vertical"])
    rounds_form = c.pick("rounds_form", ["table", "paragraphs"])

    fy = rec["fiscal_year"]
    period = rec.get("period")
    org = rec["organization"]
    parent = rec.get("parent_organization")
    parties = {p["role"]: p for p in rec["parties"]}
    g, m = parties.get("grantor"), parties.get("maker")
    scale = rec["scale"]
    kpis = sorted(rec["kpis"], key=lambda k: k["number"])
    cats = rec.get("categories") or []
    W = lambda w: weight_str(w, wstyle)  # noqa: E731
    wunit = "ค่าน้ำหนัก" if wstyle == "fraction" else lab["weight"]
    kl = lambda n: LABELS["kpi"][kpi_lab].format(n=n)  # noqa: E731

    def period_text() -> str:
        if not period:
            return ""
        ds = "full" if date_style == "form" else date_style
        a, b = date_str(period["start"], ds), date_str(period["end"], ds)
        return rng.choice([f"ตั้งแต่วันที่ {a} ถึงวันที่ {b}", f"{a} – {b}", f"ระหว่างวันที่ {a} ถึง {b}"])

    def sig_lines(p: dict | None, role_th: str) -> list[str]:
        if not p:
            return []
        lines = ["ลงชื่อ ...................................." if rng.random() < 0.6 else "(ลงนาม) ................................",
                 f"({p['name']})", p["position"], role_th]
        if p.get("signed_on"):
            ds = date_style if date_style != "form" else "form"
            s = date_str(p["signed_on"], ds)
            lines.append(s if ds == "form" else f"วันที่ {s}")
        else:
            lines.append("วันที่ ........ เดือน ...................... พ.ศ. ..........")
        return lines

    B: list[dict] = []
    # ---------------- cover ----------------
    org_line = f"{org}" + (f" {parent}" if parent and rng.random() < 0.5 else "")
    parent_own = parent and org_line == org
    if cover == "clauses":
        B += [T("คำรับรองการปฏิบัติราชการ"), T(f"ของ {org_line}")]
        if parent_own:
            B.append(T(f"สังกัด{parent}" if rng.random() < 0.5 else parent))
        B.append(T(f"ประจำปีงบประมาณ พ.ศ. {fy}"))
        n = 1
        clauses = []
        if g and m:
            clauses.append(f"คำรับรองนี้จัดทำขึ้นระหว่าง {g['name']} ตำแหน่ง {g['position']} ซึ่งเป็นผู้รับคำรับรอง "
                           f"และ {m['name']} ตำแหน่ง {m['position']} ซึ่งเป็นผู้ทำคำรับรอง")
        if period:
            clauses.append(f"คำรับรองนี้มีผลใช้บังคับ{period_text()}")
        clauses.append("รายละเอียดของคำรับรอง ประกอบด้วย ตัวชี้วัด ค่าน้ำหนัก ค่าเป้าหมาย และเกณฑ์การให้คะแนน "
                       "ตามเอกสารแนบท้ายคำรับรองนี้")
        clauses.append("ผู้รับคำรับรองได้พิจารณาและเห็นชอบกับรายละเอียดของคำรับรองแล้ว และจะให้การสนับสนุน "
                       "กำกับ ติดตามผลการปฏิบัติราชการให้เป็นไปตามคำรับรองนี้")
        clauses.append("ผู้ทำคำรับรองเข้าใจรายละเอียดของคำรับรองแล้ว และจะมุ่งมั่นปฏิบัติราชการให้บรรลุเป้าหมายสูงสุด")
        for cl in clauses:
            B.append(P(f"ข้อ {n} {cl}" if rng.random() < 0.5 else f"{n}. {cl}", "justify", indent=True))
            n += 1
    elif cover == "letter":
        B += [T("บันทึกข้อตกลงการปฏิบัติราชการ"), T("(Performance Agreement)")]
        B.append(P(f"ส่วนราชการ  {org}" + (f"  {parent}" if parent else "")))
        B.append(P(f"เรื่อง  คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {fy}"))
        if g:
            B.append(P(f"เรียน  {g['position']}"))
        if m and g:
            B.append(P(f"ข้าพเจ้า {m['name']} ตำแหน่ง {m['position']} ในฐานะผู้ทำคำรับรอง ขอให้คำรับรองต่อ "
                       f"{g['name']} ตำแหน่ง {g['position']} ในฐานะผู้รับคำรับรอง ว่าจะปฏิบัติราชการให้บรรลุ"
                       f"ตามตัวชี้วัด ค่าน้ำหนัก และเป้าหมายที่กำหนดในเอกสารแนบ", "justify", indent=True))
        if period:
            B.append(P(f"ระยะเวลาของคำรับรอง {period_text()}", "justify", indent=True))
        B.append(P("จึงเรียนมาเพื่อโปรดพิจารณาลงนามรับคำรับรอง", indent=True))
    else:  # form
        B += [T(f"คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {fy}")]
        rows = [["ส่วนราชการผู้ทำคำรับรอง", org]]
        if parent:
            rows.append(["สังกัด", parent])
        if period:
            rows.append(["ระยะเวลาของคำรับรอง", period_text()])
        if g:
            rows.append(["ผู้รับคำรับรอง", f"{g['name']}\n{g['position']}"])
        if m:
            rows.append(["ผู้ทำคำรับรอง", f"{m['name']}\n{m['position']}"])
        B.append(TABLE(rows, [1, 2.4], header=0))
        B.append(P("ทั้งสองฝ่ายได้เข้าใจและเห็นพ้องกับรายละเอียดของคำรับรองตามเอกสารแนบท้ายแล้ว จึงได้ลงนามไว้เป็นสำคัญ",
                   "justify", indent=True))
    sig_side = rng.random() < 0.6
    gl, ml = sig_lines(g, "ผู้รับคำรับรอง"), sig_lines(m, "ผู้ทำคำรับรอง")
    c.f["signatures"] = "side_by_side" if sig_side else "stacked"
    if sig_side:
        left, right = (ml, gl) if rng.random() < 0.5 else (gl, ml)
        B.append(TABLE([["\n".join(left), "\n".join(right)]], [1, 1], header=0, border=False,
                       align=["center", "center"]))
    else:
        for lines in (gl, ml):
            for ln in lines:
                B.append(P(ln, "center"))
            B.append(P(""))

    # ---------------- framework ----------------
    B.append({"t": "break"})
    B.append(T(f"{lab['frame']}"))
    B.append(P(f"{org} ประจำปีงบประมาณ พ.ศ. {fy}", "center"))
    bynum = {k["number"]: k for k in kpis}
    grouped: list[tuple[dict | None, list[dict]]] = []
    used = set()
    for cat in cats:
        ks = [bynum[n] for n in cat["kpi_numbers"] if n in bynum]
        used.update(k["number"] for k in ks)
        grouped.append((cat, ks))
    rest = [k for k in kpis if k["number"] not in used]
    if rest:
        grouped.append((None, rest))
    total = sum(float(k["weight"]) for k in kpis)
    if frame == "rowspan" and cats:
        rows = [[lab["category"], f"{wunit}", "ตัวชี้วัด", f"{wunit}"]]
        spans = {}
        for cat, ks in grouped:
            r0 = len(rows)
            for i, k in enumerate(ks or [None]):
                kname = f"{kl(k['number'])} {k['name']}" if k else "-"
                kw = W(k["weight"]) if k else "-"
                if i == 0:
                    rows.append([cat["name"] if cat else "-", W(cat["weight"]) if cat else "-", kname, kw])
                else:
                    rows.append([None, None, kname, kw])
            if len(ks) > 1:
                spans[(r0, 0)] = (len(ks), 1)
                spans[(r0, 1)] = (len(ks), 1)
        rows.append(["รวม", None, None, W(total)])
        spans[(len(rows) - 1, 0)] = (1, 3)
        B.append(TABLE(rows, [2.2, 0.8, 3.6, 0.8], header=1, spans=spans, bold_rows=[len(rows) - 1],
                       align=["left", "center", "left", "center"]))
    else:
        numbered = frame == "numbered"
        head = (["ลำดับ"] if numbered else []) + [f"{lab['category']} / ตัวชี้วัด" if cats else "ตัวชี้วัด", wunit]
        rows = [head]
        spans = {}
        bold = []
        for cat, ks in grouped:
            if cat is not None:
                r = ([""] if numbered else []) + [cat["name"], W(cat["weight"])]
                bold.append(len(rows))
                rows.append(r)
            for k in ks:
                if numbered:
                    rows.append([str(k["number"]), k["name"], W(k["weight"])])
                else:
                    rows.append([f"    {kl(k['number'])} {k['name']}", W(k["weight"])])
        rows.append((["", "รวม"] if numbered else ["รวม"]) + [W(total)])
        bold.append(len(rows) - 1)
        widths = ([0.6] if numbered else []) + [5.5, 1.2]
        B.append(TABLE(rows, widths, header=1, spans=spans, bold_rows=bold,
                       align=(["center"] if numbered else []) + ["left", "center"]))
        if numbered:
            c.f["frame_note"] = "kpi number in own column"

    # ---------------- targets table ----------------
    lvh = level_headers(scale, lvl_style)
    nl = len(lvh)
    if targets != "none":
        if targets == "landscape":
            B.append({"t": "orient", "landscape": True})
        else:
            B.append({"t": "break"})
        B.append(T(lab["targets"]))
        show_unit = rng.random() < 0.5
        wlast = c.pick("targets_weight_col", ["after_name", "last"], [0.6, 0.4]) == "last"
        # logical columns: name, [unit], levels..., weight placed second or last
        pre = ["ตัวชี้วัด"] + ([] if wlast else [wunit]) + (["หน่วยวัด"] if show_unit else [])
        off = len(pre)
        head1 = pre + [lab["criteria"]] + [None] * (nl - 1) + ([wunit] if wlast else [])
        head2 = [None] * off + lvh + ([None] if wlast else [])
        spans = {(0, i): (2, 1) for i in range(off)}
        spans[(0, off)] = (1, nl)
        if wlast:
            spans[(0, off + nl)] = (2, 1)
        rows = [head1, head2]
        for k in kpis:
            unit = {"percent": "ร้อยละ", "score": "คะแนน"}.get(k.get("unit") or "", "-")
            r = [f"{kl(k['number'])} {k['name']}"] + ([] if wlast else [W(k["weight"])]) + ([unit] if show_unit else [])
            crit = {float(x["level"]): x for x in k.get("criteria") or []}
            if crit:
                r += [crit[float(l)]["text"] if float(l) in crit else "-" for l in scale["levels"]]
            else:
                r += [k.get("scoring_rule") or "-"] + [None] * (nl - 1)
                spans[(len(rows), off)] = (1, nl)
            if wlast:
                r.append(W(k["weight"]))
            rows.append(r)
        widths = [3.2] + ([] if wlast else [0.8]) + ([0.8] if show_unit else []) + [1.3] * nl + ([0.8] if wlast else [])
        aligns = ["left"] + ["center"] * (len(widths) - 1)
        B.append(TABLE(rows, widths, header=2, spans=spans, align=aligns))
        if targets == "landscape":
            B.append({"t": "orient", "landscape": False})

    # ---------------- KPI templates ----------------
    if targets == "none" or targets == "portrait":
        B.append({"t": "break"})
    B.append(T(lab["template"]))
    status_th = {"continuing": "ตัวชี้วัดต่อเนื่อง", "new": "ตัวชี้วัดใหม่"}
    for idx, k in enumerate(kpis):
        if idx > 0 and tmpl_break == "each_page":
            B.append({"t": "break"})
        head = f"{kl(k['number'])} {k['name']}" if rng.random() < 0.5 else f"{kl(k['number'])} : {k['name']}"
        crit = sorted(k.get("criteria") or [], key=lambda x: float(x["level"]))
        rounds = sorted(k.get("rounds") or [], key=lambda r: r["month"])
        ded = k.get("deduction_points")
        ded_text = None
        if ded is not None:
            if float(ded) == 0:
                ded_text = "ตัวชี้วัดนี้ไม่มีการหักคะแนน กรณีดำเนินการไม่ครบทุกขั้นตอนในรอบการประเมิน"
            else:
                ded_text = (f"หากรอบการประเมินใดดำเนินการไม่ครบทุกขั้นตอนตามที่กำหนด จะถูกหักคะแนน "
                            f"{num(ded)} คะแนนต่อรอบ")
        unit_th = {"percent": "ร้อยละ", "score": "คะแนน"}.get(k.get("unit") or "")

        def hist_lines(items, kind):
            return [f"{lab['year']} {b['year']} : {b.get('text') if b.get('text') is not None else num(b.get('value'))}"
                    for b in items]

        def hist_table(items, kind):
            lab2 = lab["result"] if kind == "baseline" else lab["target"]
            vals = [b.get("text") if b.get("text") is not None else num(b.get("value")) for b in items]
            if hist_form == "horizontal":
                rows = [[lab["year"]] + [str(b["year"]) for b in items], [lab2] + vals]
                return TABLE(rows, [1.6] + [1.4] * len(items), header=1, align=["left"] + ["center"] * len(items))
            rows = [[lab["year"], lab2]] + [[str(b["year"]), v] for b, v in zip(items, vals)]
            return TABLE(rows, [1.2, 3.0], header=1, align=["center", "left"])

        def crit_lines():
            return [f"{level_label_inline(scale, float(x['level']), lvl_style)} : {x['text']}" for x in crit]

        def round_head(i, r):
            return f"{ROUND_LABELS[rlab](i, r['month'])} ({round_window(r['month'], fy, period, date_style)})"

        if tmpl == "table":
            B.append(H(head))
            rows = []
            if k.get("category"):
                rows.append([lab["category"], k["category"]])
            if k.get("status"):
                rows.append([lab["status"], status_th[k["status"]]])
            rows.append([wunit, W(k["weight"])])
            if unit_th and rng.random() < 0.7:
                rows.append([lab["unit"], unit_th])
            rows.append([lab["definition"], rng.choice(DEFINITIONS)])
            if k.get("baseline"):
                rows.append([lab["baseline"], "\n".join(hist_lines(k["baseline"], "baseline"))])
            if k.get("roadmap"):
                rows.append([lab["roadmap"], "\n".join(hist_lines(k["roadmap"], "roadmap"))])
            if crit:
                rows.append([lab["criteria"], "\n".join(crit_lines())])
            elif k.get("scoring_rule"):
                rows.append([lab["criteria"], k["scoring_rule"]])
            for i, r in enumerate(rounds, 1):
                lines = []
                if r.get("goal"):
                    lines.append(f"เป้าหมาย: {r['goal']}")
                if r.get("steps"):
                    lines.append("ขั้นตอนการดำเนินงาน")
                    lines += [f"{j}) {s}" for j, s in enumerate(r["steps"], 1)]
                rows.append([round_head(i, r), "\n".join(lines) or "-"])
            if ded_text:
                rows.append([lab["cond"], ded_text])
            rows.append(["แหล่งข้อมูล", rng.choice(SOURCES)])
            B.append(TABLE(rows, [1.5, 4.5], header=0, align=["left", "left"]))
        else:
            B.append(H(head))
            if k.get("category"):
                B.append(P(f"{lab['category']}: {k['category']}"))
            if k.get("status"):
                B.append(P(status_th[k["status"]] if rng.random() < 0.5 else f"{lab['status']}: {status_th[k['status']]}"))
            B.append(P(f"{wunit}: {W(k['weight'])}" if wstyle != "fraction" else f"ค่าน้ำหนัก {W(k['weight'])}"))
            if unit_th and rng.random() < 0.7:
                B.append(P(f"{lab['unit']}: {unit_th}"))
            B.append(P(f"{lab['definition']}: {rng.choice(DEFINITIONS)}", "justify"))
            if k.get("baseline"):
                B.append(H(lab["baseline"]))
                B.append(hist_table(k["baseline"], "baseline"))
            if k.get("roadmap"):
                B.append(H(lab["roadmap"]))
                B.append(hist_table(k["roadmap"], "roadmap"))
            if crit or k.get("scoring_rule"):
                B.append(H(lab["criteria"]))
            if crit:
                if crit_form == "table":
                    hdr = level_headers(scale, lvl_style)
                    B.append(TABLE([hdr, [x["text"] for x in crit]], [1] * len(crit), header=1,
                                   align=["center"] * len(crit)))
                else:
                    for ln in crit_lines():
                        B.append(P(ln, indent=True))
            elif k.get("scoring_rule"):
                B.append(P(k["scoring_rule"], indent=True))
            if rounds:
                B.append(H(lab["rounds"]))
                if rounds_form == "table":
                    rows = [["รอบการประเมิน", "เป้าหมาย", "ขั้นตอน/กิจกรรม"]]
                    for i, r in enumerate(rounds, 1):
                        rows.append([round_head(i, r), r.get("goal") or "-",
                                     "\n".join(f"{j}. {s}" for j, s in enumerate(r.get("steps") or [], 1)) or "-"])
                    B.append(TABLE(rows, [1.6, 2.0, 2.6], header=1))
                else:
                    for i, r in enumerate(rounds, 1):
                        B.append(P(round_head(i, r), bold=True))
                        if r.get("goal"):
                            B.append(P(f"เป้าหมาย: {r['goal']}", indent=True))
                        for j, s in enumerate(r.get("steps") or [], 1):
                            B.append(P(f"({j}) {s}", indent=True))
            if ded_text:
                B.append(P(f"{lab['cond']}: {ded_text}", "justify"))
            B.append(P(f"แหล่งข้อมูล: {rng.choice(SOURCES)}"))
            B.append(P(""))

    if digits == "thai":
        B = [_thai(b) for b in B]
    return B, c.f


def _thai(b: dict) -> dict:
    b = dict(b)
    if "text" in b:
        b["text"] = b["text"].translate(TH_DIGITS)
    if b["t"] == "table":
        b["rows"] = [[None if x is None else x.translate(TH_DIGITS) for x in r] for r in b["rows"]]
    return b
