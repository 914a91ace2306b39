"""Random but plausible agreements, each with a random layout: the sweep's raw material.

`generate(seed)` is deterministic: the same seed gives the same truth record, `Layout` and
`Extras`, so a sweep re-run finds its PDFs already made. The content is drawn the way agreements
of other units differ from the dev files: other ministries, departments, provinces and divisions;
parties with titles (นาย, แพทย์หญิง, ว่าที่ร้อยตรี …) and positions derived from the unit;
fiscal years 2563–2570; 3–12 KPIs in 0–4 categories; three levels (50/75/100, sometimes 50/70/100)
or five; numeric targets written many ways (`ร้อยละ 80`, `80%`, `≥ 80`, `> 60%`, `< 1%`, `ไม่เกิน
45 วัน`, `1,250 ราย`), milestone stages, direct scoring; baselines, roadmaps, rounds of 6/9/12
months with numbered steps, deduction points; and now and then weights that do not add up, whose
findings the truth then carries (as `tests.synthetic.records` does).

The truth follows the record conventions of the dev files, independently of the parsers:
`parent_organization` is the body the grantor heads (อธิบดีกรมX → กรมX, รองปลัดกระทรวงX →
สำนักงานปลัดกระทรวงX, ผู้ว่าราชการจังหวัดX → จังหวัดX); a KPI's unit is `percent` when its name starts
with ร้อยละ and `score` when with คะแนน / ผลคะแนน; a target's value is the number it states.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from pipeline.models import Agreement
from tests.synthetic.render import Extras, Layout

THAI_FONTS = ("Laksaman", "Garuda", "Loma", "Kinnari", "Norasi", "Sawasdee", "Umpush", "Waree")


@dataclass
class Spec:
    """One generated agreement: its truth before rendering, how it is laid out, and the features
    drawn (for grouping failures by class)."""

    key: str
    seed: int
    record: Agreement
    layout: Layout
    extras: Extras
    features: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# organisations

# ministry → departments (each with its provincial office and the head's title, where it has one)
MINISTRIES: dict[str, list[tuple[str, str | None, str | None]]] = {
    "เกษตรและสหกรณ์": [
        ("กรมส่งเสริมการเกษตร", "สำนักงานเกษตรจังหวัด", "เกษตรจังหวัด"),
        ("กรมปศุสัตว์", "สำนักงานปศุสัตว์จังหวัด", "ปศุสัตว์จังหวัด"),
        ("กรมประมง", "สำนักงานประมงจังหวัด", "ประมงจังหวัด"),
        ("กรมชลประทาน", None, None),
        ("กรมพัฒนาที่ดิน", None, None),
    ],
    "มหาดไทย": [
        ("กรมที่ดิน", "สำนักงานที่ดินจังหวัด", "เจ้าพนักงานที่ดินจังหวัด"),
        ("กรมการพัฒนาชุมชน", "สำนักงานพัฒนาชุมชนจังหวัด", "พัฒนาการจังหวัด"),
        ("กรมป้องกันและบรรเทาสาธารณภัย", "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด", "หัวหน้าสำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด"),
        ("กรมโยธาธิการและผังเมือง", "สำนักงานโยธาธิการและผังเมืองจังหวัด", "โยธาธิการและผังเมืองจังหวัด"),
        ("กรมการปกครอง", None, None),
    ],
    "สาธารณสุข": [
        ("กรมควบคุมโรค", None, None),
        ("กรมอนามัย", None, None),
        ("กรมสุขภาพจิต", None, None),
        ("กรมการแพทย์", None, None),
    ],
    "แรงงาน": [
        ("กรมการจัดหางาน", "สำนักงานจัดหางานจังหวัด", "จัดหางานจังหวัด"),
        ("กรมสวัสดิการและคุ้มครองแรงงาน", "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด", "สวัสดิการและคุ้มครองแรงงานจังหวัด"),
        ("กรมพัฒนาฝีมือแรงงาน", None, None),
    ],
    "ทรัพยากรธรรมชาติและสิ่งแวดล้อม": [
        ("กรมป่าไม้", None, None),
        ("กรมทรัพยากรน้ำ", None, None),
        ("กรมควบคุมมลพิษ", None, None),
    ],
    "คมนาคม": [("กรมทางหลวงชนบท", "สำนักงานทางหลวงชนบทจังหวัด", "ผู้อำนวยการสำนักงานทางหลวงชนบทจังหวัด"), ("กรมเจ้าท่า", None, None)],
    "พาณิชย์": [("กรมการค้าภายใน", None, None), ("กรมพัฒนาธุรกิจการค้า", None, None)],
    "การคลัง": [("กรมบัญชีกลาง", "สำนักงานคลังจังหวัด", "คลังจังหวัด"), ("กรมธนารักษ์", None, None)],
    "วัฒนธรรม": [("กรมศิลปากร", None, None), ("กรมการศาสนา", None, None)],
    "การพัฒนาสังคมและความมั่นคงของมนุษย์": [("กรมกิจการผู้สูงอายุ", None, None), ("กรมกิจการเด็กและเยาวชน", None, None)],
}

DIVISIONS = (
    "กองการเจ้าหน้าที่",
    "กองคลัง",
    "กองแผนงาน",
    "กองกลาง",
    "กองนิติการ",
    "สำนักงานเลขานุการกรม",
    "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
    "กลุ่มพัฒนาระบบบริหาร",
    "กลุ่มตรวจสอบภายใน",
    "กองยุทธศาสตร์และแผนงาน",
    "สำนักบริหารกลาง",
    "กองพัฒนาทรัพยากรบุคคล",
)

PROVINCES = (
    "เชียงใหม่", "เชียงราย", "ลำปาง", "น่าน", "พิษณุโลก", "นครสวรรค์", "ขอนแก่น", "อุดรธานี",
    "นครราชสีมา", "อุบลราชธานี", "บุรีรัมย์", "ชลบุรี", "ระยอง", "จันทบุรี", "กาญจนบุรี",
    "สุพรรณบุรี", "นครปฐม", "นครศรีธรรมราช", "สุราษฎร์ธานี", "สงขลา", "ภูเก็ต", "ตรัง",
)  # fmt: skip

MALE = ("สมชาย", "ธีรพงษ์", "ประเสริฐ", "วีระพงษ์", "สุรเชษฐ์", "อนุสรณ์", "ชัยวัฒน์", "ณัฐพล", "กิตติศักดิ์", "พงศธร", "ธนากร", "วิชัย")
FEMALE = ("สุภาพร", "กาญจนา", "พัชรินทร์", "ศศิธร", "วรรณา", "อัจฉริยา", "นฤมล", "พรทิพย์", "ศิริพร", "ปิยนุช", "จิราพร", "รัชนี")
SURNAMES = (
    "ศรีสวัสดิ์", "วงศ์ใหญ่", "ทองประเสริฐ", "แก้วมณี", "อินทรสุวรรณ", "เจริญวงศ์", "ปัญญาดี", "ศรีบุญเรือง",
    "รุ่งเรืองศรี", "ศรีสุข", "จันทร์เพ็ญ", "บุญมาก", "ชัยมงคล", "พึ่งบุญ", "สงวนวงศ์", "สุขเจริญ", "ธนสมบัติ", "ประทุมทอง",
)  # fmt: skip


def _person(rng: random.Random, doctor: bool = False) -> str:
    female = rng.random() < 0.5
    first = rng.choice(FEMALE if female else MALE)
    if doctor:
        title = "แพทย์หญิง" if female else "นายแพทย์"
    else:
        r = rng.random()
        if r < 0.05:
            title = "ว่าที่ร้อยตรี"
        elif r < 0.1:
            title = "ดร."
        else:
            title = rng.choice(("นาง", "นางสาว")) if female else "นาย"
    return f"{title}{first} {rng.choice(SURNAMES)}"


@dataclass(frozen=True)
class Org:
    unit: str
    parent: str
    ministry: str
    grantor_position: str
    maker_position: str
    doctor: bool = False


def _org(rng: random.Random) -> Org:
    """A unit, the body above it and the two positions that sign, consistent with each other."""
    ministry = rng.choice(sorted(MINISTRIES))
    dept, office, head = rng.choice(MINISTRIES[ministry])
    kind = rng.random()
    doctor = ministry == "สาธารณสุข" and rng.random() < 0.6
    if kind < 0.3:  # a division of the Permanent Secretary's office
        unit = rng.choice(DIVISIONS)
        grantor = rng.choice(("รองปลัดกระทรวง", "ผู้ช่วยปลัดกระทรวง", "ปลัดกระทรวง")) + ministry
        return Org(unit, f"สำนักงานปลัดกระทรวง{ministry}", ministry, grantor, f"ผู้อำนวยการ{unit}")
    if kind < 0.55 and office and head:  # a provincial office of a department
        province = rng.choice(PROVINCES)
        unit = f"{office}{province}"
        grantor = rng.choice(("อธิบดี", "รองอธิบดี")) + dept
        return Org(unit, dept, ministry, grantor, f"{head}{province}")
    if kind < 0.7:  # the provincial office of a province
        province = rng.choice(PROVINCES)
        return Org(f"สำนักงานจังหวัด{province}", f"จังหวัด{province}", "มหาดไทย", f"ผู้ว่าราชการจังหวัด{province}", f"หัวหน้าสำนักงานจังหวัด{province}")
    unit = rng.choice(DIVISIONS)  # a division of a department
    grantor = rng.choice(("อธิบดี", "รองอธิบดี")) + dept
    return Org(unit, dept, ministry, grantor, f"ผู้อำนวยการ{unit}", doctor)


# ---------------------------------------------------------------------------------------------
# KPIs

CATEGORY_NAMES = (
    "ประสิทธิผลตามยุทธศาสตร์",
    "คุณภาพการให้บริการ",
    "ประสิทธิภาพของการปฏิบัติราชการ",
    "การพัฒนาองค์การ",
    "ประสิทธิผลตามพันธกิจ",
    "ศักยภาพของหน่วยงาน",
)
CATEGORY_PREFIXES = ("มิติที่ {i} ", "ด้านที่ {i} ", "ประเด็นที่ {i} ", "องค์ประกอบที่ {i} ", "ส่วนที่ {i} ", "")

PERCENT_NAMES = (
    "ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไขแล้วเสร็จภายในระยะเวลาที่กำหนด",
    "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายลงทุน",
    "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายภาพรวม",
    "ร้อยละของบุคลากรที่ได้รับการพัฒนาสมรรถนะตามแผนพัฒนาบุคลากร",
    "ร้อยละความสำเร็จของการดำเนินงานตามแผนปฏิบัติราชการประจำปี",
    "ร้อยละของผู้รับบริการที่มีความพึงพอใจต่อการให้บริการ",
    "ร้อยละของเกษตรกรที่ได้รับการถ่ายทอดเทคโนโลยีและนำไปใช้ประโยชน์",
    "ร้อยละของครัวเรือนเป้าหมายที่มีรายได้ผ่านเกณฑ์ความจำเป็นพื้นฐาน (จปฐ.)",
    "ร้อยละของระบบงานที่ให้บริการผ่านช่องทางอิเล็กทรอนิกส์ (e-Service)",
)
LOWER_PERCENT_NAMES = (
    "ร้อยละของเรื่องร้องเรียนที่ค้างดำเนินการเกินระยะเวลาที่กำหนด",
    "ร้อยละความคลาดเคลื่อนของข้อมูลในระบบฐานข้อมูลกลาง",
    "ร้อยละของการใช้พลังงานไฟฟ้าที่เพิ่มขึ้นเทียบกับปีที่ผ่านมา",
)
COUNT_NAMES = (
    ("จำนวนโครงการที่ผ่านการวิเคราะห์ความคุ้มค่าทางเศรษฐกิจ", "โครงการ"),
    ("จำนวนนวัตกรรมการให้บริการที่ได้รับการพัฒนา", "เรื่อง"),
    ("จำนวนผู้ได้รับการฝึกอบรมทักษะอาชีพ", "ราย"),
    ("จำนวนครัวเรือนที่ได้รับการพัฒนาตามแนวทางปรัชญาของเศรษฐกิจพอเพียง", "ครัวเรือน"),
    ("จำนวนแปลงที่ดินที่ได้รับการเดินสำรวจออกโฉนดที่ดิน", "แปลง"),
)
SCORE_NAMES = (
    "คะแนนผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA)",
    "คะแนนความพึงพอใจของผู้รับบริการ",
    "ผลคะแนนการประเมินสถานะการเป็นระบบราชการ 4.0 (PMQA 4.0)",
)
DAYS_NAMES = (
    "ระยะเวลาเฉลี่ยในการให้บริการต่อราย",
    "ระยะเวลาเฉลี่ยในการรังวัดออกโฉนดที่ดินเฉพาะราย",
    "ระยะเวลาเฉลี่ยในการพิจารณาอนุมัติคำขอ",
)
MILESTONE_NAMES = (
    "ระดับความสำเร็จของการพัฒนาระบบบริการอิเล็กทรอนิกส์",
    "ระดับความสำเร็จของการขับเคลื่อนองค์การสู่ระบบราชการ 4.0",
    "ระดับความสำเร็จของการจัดทำธรรมาภิบาลข้อมูลภาครัฐ (Data Governance)",
    "ระดับความสำเร็จของการบริหารความเสี่ยงและการควบคุมภายใน",
    "ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ชุมชนสู่ตลาดออนไลน์",
    "ระดับความสำเร็จของการป้องกันและแก้ไขปัญหาหมอกควันและไฟป่า",
)
STAGES = (
    "แต่งตั้งคณะทำงานและกำหนดแนวทางการดำเนินงาน",
    "จัดทำแผนการดำเนินงานและเสนอผู้บริหารให้ความเห็นชอบ",
    "ดำเนินการตามแผนครบทุกกิจกรรม",
    "ติดตามและประเมินผลการดำเนินงานตามแผนรายไตรมาส",
    "สรุปผลการดำเนินงานและเสนอแนวทางพัฒนาต่อผู้บริหาร",
    "ถอดบทเรียนและเผยแพร่แนวปฏิบัติที่ดี",
    "จัดทำฐานข้อมูลและเชื่อมโยงกับหน่วยงานที่เกี่ยวข้อง",
)
STEPS = (
    "สำรวจความต้องการของผู้รับบริการ",
    "ประชุมชี้แจงแนวทางการดำเนินงาน",
    "จัดทำแผนและเสนอผู้บริหารให้ความเห็นชอบ",
    "ดำเนินการตามแผนและติดตามผลรายเดือน",
    "รายงานผลการดำเนินงานต่อผู้บังคับบัญชา",
    "จัดอบรมเจ้าหน้าที่ผู้ปฏิบัติงาน",
    "ประเมินความพึงพอใจของผู้รับบริการ",
)
DIRECT_RULES = ("ร้อยละผลการเบิกจ่ายที่ดำเนินการได้ = คะแนนที่ได้", "ร้อยละผลการดำเนินงานที่ทำได้ = คะแนนที่ได้")

_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


def _value(text: str) -> float | None:
    """The number a target states (the first one, thousands separators dropped)."""
    m = _NUMBER.search(text)
    return float(m.group(1).replace(",", "")) if m else None


def _fmt(v: float, decimals: int = 0) -> str:
    return f"{v:,.{decimals}f}" if v >= 1000 else f"{v:.{decimals}f}"


@dataclass
class Styles:
    """How this agreement writes its targets (one way per document, as real ones do)."""

    percent: str  # "ร้อยละ {v}", "{v}", "{v}%", "≥ {v}", "ไม่น้อยกว่าร้อยละ {v}", "> {v}%"
    lower: str  # "ไม่เกิน {v}", "≤ {v}", "< {v}"
    decimals: bool


PERCENT_STYLES = ("ร้อยละ {v}", "{v}", "{v}%", "≥ {v}", "ไม่น้อยกว่าร้อยละ {v}", "> {v}%")
LOWER_STYLES = ("ไม่เกิน {v}", "≤ {v}", "< {v}")


def _series(rng: random.Random, n: int, start: float, step: float) -> list[float]:
    return [start + i * step for i in range(n)]


def _threshold(rng: random.Random, n: int, st: Styles) -> tuple[str, str | None, list[str]]:
    """(name, unit, level texts, lowest level first) of a numeric KPI."""
    kind = rng.choice(("percent", "percent", "count", "score", "days", "lower_percent"))
    dec = 2 if st.decimals and rng.random() < 0.5 else 0
    if kind == "percent":
        step = rng.choice((2, 2.5, 5)) if n == 5 else rng.choice((5, 10))
        vals = _series(rng, n, 100 - step * (n - 1) - rng.choice((0, 0, 5, 10)), step)
        d = dec if step == int(step) else 1
        return rng.choice(PERCENT_NAMES), "percent", [st.percent.format(v=_fmt(v, d)) for v in vals]
    if kind == "lower_percent":
        vals = _series(rng, n, n, -1)
        return rng.choice(LOWER_PERCENT_NAMES), "percent", [st.lower.format(v=_fmt(v)) + "%" for v in vals]
    if kind == "count":
        name, word = rng.choice(COUNT_NAMES)
        step = rng.choice((1, 5, 50, 250))
        vals = _series(rng, n, step * rng.randint(2, 6), step)
        return name, None, [f"{_fmt(v)} {word}" for v in vals]
    if kind == "score":
        step = rng.choice((2.5, 5)) if n == 5 else 5
        vals = _series(rng, n, 95 - step * (n - 1), step)
        d = 2 if st.decimals else (1 if step != int(step) else 0)
        return rng.choice(SCORE_NAMES), "score", [f"{_fmt(v, d)} คะแนน" for v in vals]
    step = rng.choice((1, 5))
    vals = _series(rng, n, 30 + step * (n - 1), -step)
    return rng.choice(DAYS_NAMES), None, [st.lower.format(v=_fmt(v)) + " วัน" for v in vals]


def _years(pairs: list[tuple[int, str]]) -> list[dict[str, Any]]:
    return [{"year": y, "value": _value(t), "text": t} for y, t in pairs]


def _template_parts(rng: random.Random, fy: int, criteria: list[dict[str, Any]], scoring: str) -> dict[str, Any]:
    """Status, baseline, roadmap, rounds and deduction of a KPI's template."""
    out: dict[str, Any] = {"status": rng.choice(("continuing", "continuing", "new"))}
    texts = [c["text"] for c in criteria]
    if out["status"] == "continuing" and rng.random() < 0.8:
        n = rng.randint(1, 3)
        values = [c["value"] for c in criteria if c["value"] is not None]
        if scoring == "threshold" and values:
            unit = rng.choice(("{v}", "ร้อยละ {v}", "{v}%")) if "ร้อยละ" in criteria[0]["text"] or "%" in criteria[0]["text"] else "{v}"
            results = [rng.uniform(min(values), max(values)) for _ in range(n)]
            out["baseline"] = _years([(fy - n + i, unit.format(v=_fmt(round(v, 2), 2))) for i, v in enumerate(results)])
        else:
            out["baseline"] = _years([(fy - n + i, rng.choice(STAGES)) for i in range(n)])
        if rng.random() < 0.2:
            out["baseline"][0] = {"year": out["baseline"][0]["year"], "value": None, "text": "-"}
    if rng.random() < 0.6:
        n = rng.randint(1, 3)
        top = texts[-1] if texts else "ร้อยละ 100"
        out["roadmap"] = _years([(fy + i, top) for i in range(n)])
    months = rng.choice(((6, 12), (6, 9, 12), (6, 9), (), (6, 12)))
    rounds = []
    for m in months:
        steps = rng.sample(STEPS, rng.choice((0, 0, 1, 2, 3)))
        goal = rng.choice(("ดำเนินการแล้วเสร็จตามแผน", "มีผลการดำเนินงานไม่น้อยกว่าร้อยละ 50", "รายงานผลการดำเนินงานต่อผู้บริหาร"))
        if m == 12:
            goal = "ดำเนินการแล้วเสร็จครบถ้วนตามเป้าหมาย"
        rounds.append({"month": m, "goal": goal, "steps": steps})
    out["rounds"] = rounds
    if rounds and rng.random() < 0.6:
        out["deduction_points"] = rng.choice((0, 5, 5, 10))
    return out


def _kpi(rng: random.Random, number: int, levels: list[float], st: Styles, fy: int, used: set[str]) -> dict[str, Any]:
    n = len(levels)
    r = rng.random()
    for _ in range(20):
        if r < 0.55:
            name, unit, texts = _threshold(rng, n, st)
            scoring = "threshold"
        elif r < 0.9:
            name, unit, texts = rng.choice(MILESTONE_NAMES), None, rng.sample(STAGES, n)
            scoring = "milestone"
        else:
            name, unit, texts = "ร้อยละการเบิกจ่ายงบประมาณ", "percent", []
            scoring = "direct"
        if name not in used:
            break
        r = rng.random()
    used.add(name)
    k: dict[str, Any] = {"number": number, "name": name, "weight": 0, "scoring": scoring, "unit": unit}
    k["criteria"] = [
        {"level": lv, "text": t, "value": _value(t) if scoring == "threshold" else None} for lv, t in zip(levels, texts, strict=False)
    ]
    if scoring == "direct":
        k["scoring_rule"] = rng.choice(DIRECT_RULES)
    k.update(_template_parts(rng, fy, k["criteria"], scoring))
    return k


def _weights(rng: random.Random, n: int) -> list[int]:
    """n weights, multiples of 5 (each at least 5), adding up to 100."""
    units = [1] * n
    for _ in range(20 - n):
        units[rng.randrange(n)] += 1
    return [u * 5 for u in units]


def _split(rng: random.Random, n: int, parts: int) -> list[list[int]]:
    """KPI numbers 1..n split into `parts` consecutive non-empty groups."""
    cuts = sorted(rng.sample(range(1, n), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, n]
    return [list(range(bounds[i] + 1, bounds[i + 1] + 1)) for i in range(parts)]


def _g(v: float) -> str:
    return f"{v:g}" if v != int(v) else f"{int(v)}"


# ---------------------------------------------------------------------------------------------
# the record


def _record(rng: random.Random, features: list[str]) -> tuple[Agreement, Org]:
    org = _org(rng)
    fy = rng.randint(2563, 2570)
    ce = fy - 543
    five = rng.random() < 0.4
    if five:
        levels: list[float] = [1, 2, 3, 4, 5]
        features.append("five_level")
    elif rng.random() < 0.12:
        levels = [50, 70, 100]
        features.append("level_70")
    else:
        levels = [50, 75, 100]
    st = Styles(rng.choice(PERCENT_STYLES), rng.choice(LOWER_STYLES), rng.random() < 0.2)
    n = rng.randint(3, 12)
    used: set[str] = set()
    kpis = [_kpi(rng, i, levels, st, fy, used) for i in range(1, n + 1)]
    for k, w in zip(kpis, _weights(rng, n), strict=True):
        k["weight"] = w
    ncat = rng.choice((0, 1, 2, 2, 3, 4)) if n >= 4 else rng.choice((0, 1, 2))
    ncat = min(ncat, n)
    prefix = rng.choice(CATEGORY_PREFIXES)
    names = rng.sample(CATEGORY_NAMES, ncat)
    categories = [
        {"name": prefix.format(i=i) + name, "weight": 0, "kpi_numbers": group}
        for i, (name, group) in enumerate(zip(names, _split(rng, n, ncat) if ncat else [], strict=True), 1)
    ]
    for c in categories:
        c["weight"] = sum(kpis[j - 1]["weight"] for j in c["kpi_numbers"])
        for j in c["kpi_numbers"]:
            kpis[j - 1]["category"] = c["name"]
    findings = _unbalance(rng, kpis, categories, features)
    maker_day = date(ce - 1, rng.choice((10, 11, 12)), rng.randint(1, 25))
    parties = [
        {"role": "grantor", "name": _person(rng), "position": org.grantor_position, "signed_on": (maker_day + timedelta(days=rng.randint(0, 6))).isoformat()},
        {"role": "maker", "name": _person(rng, org.doctor), "position": org.maker_position, "signed_on": maker_day.isoformat()},
    ]
    if rng.random() < 0.1:
        for p in parties:
            p["signed_on"] = None
        features.append("undated")
    record = Agreement.model_validate(
        {
            "source": {"file": "synthetic.pdf", "sha256": "0" * 64, "pages": 0},
            "fiscal_year": fy,
            "period": {"start": date(ce - 1, 10, 1).isoformat(), "end": date(ce, 9, 30).isoformat()},
            "organization": org.unit,
            "parent_organization": org.parent,
            "parties": parties,
            "scale": {"kind": "five_level" if five else "three_level", "levels": levels},
            "categories": categories,
            "kpis": kpis,
            "findings": findings,
        }
    )
    return record, org


def _unbalance(rng: random.Random, kpis: list[dict[str, Any]], categories: list[dict[str, Any]], features: list[str]) -> list[dict[str, Any]]:
    """Now and then weights that do not add up, and the findings they must raise."""
    r = rng.random()
    if r < 0.08:  # one KPI 5 heavier than its category says: weight_sum (+ category mismatch)
        k = rng.choice(kpis)
        k["weight"] += 5
        features.append("weights_over")
    elif r < 0.13 and categories:  # a category's stated weight is not its KPIs' sum
        c = rng.choice(categories)
        c["weight"] += rng.choice((-5, 5))
        features.append("category_off")
    else:
        return []
    out = []
    total = sum(k["weight"] for k in kpis)
    if total != 100:
        out.append({"severity": "warning", "code": "weight_sum", "message": f"KPI weights add up to {_g(total)}, not 100"})
    for c in categories:
        s = sum(kpis[j - 1]["weight"] for j in c["kpi_numbers"])
        if s != c["weight"]:
            nums = ", ".join(str(j) for j in c["kpi_numbers"])
            out.append(
                {
                    "severity": "warning",
                    "code": "category_weight_mismatch",
                    "message": f"category '{c['name']}' has weight {_g(c['weight'])} but its KPIs ({nums}) add up to {_g(s)}",
                }
            )
    return out


# ---------------------------------------------------------------------------------------------
# the layout


def _pick(rng: random.Random, options: tuple[Any, ...]) -> Any:
    return rng.choice(options)


def _layout(rng: random.Random, record: Agreement, features: list[str]) -> Layout:
    five = record.scale.kind == "five_level"
    templates = rng.random() < 0.6
    framework = _pick(rng, ("separate", "separate", "combined"))
    targets_table = framework == "combined" or not templates or rng.random() < 0.8
    weight_style = _pick(rng, ("plain", "plain", "plain", "fraction", "percent_word"))
    if weight_style != "plain":
        features.append(f"weights_{weight_style}")
    lay = Layout(
        digits=_pick(rng, ("thai", "arabic")),
        cover=_pick(rng, ("paragraph", "labelled", "blocks")),
        sentence_maker_first=rng.random() < 0.2,
        unit_prefix=_pick(rng, ("", "", "ของ ")),
        period_style=_pick(rng, ("sentence", "range")),
        maker_signs_first=rng.random() < 0.3,
        role_under_signature=rng.random() < 0.4,
        role_on_signature_line=rng.random() < 0.2,
        signatures=_pick(rng, ("side", "side", "stacked")),
        signatures_next_page=rng.random() < 0.15,
        date_style=_pick(rng, ("full", "short", "words", "short_year")),
        period_dates=_pick(rng, ("full", "full", "short", "short_year")),
        cover_ministry=_pick(rng, ("none", "none", "same_line", "own_line")),
        framework=framework,
        targets_table=targets_table,
        category_numbers=rng.random() < 0.3,
        number_column=rng.random() < 0.3,
        unit_column=rng.random() < 0.25,
        note_column=rng.random() < 0.15,
        targets_categories=_pick(rng, ("none", "heading", "weighted", "weighted")),
        level_labels=_pick(rng, ("level", "bare", "points")) if five else _pick(rng, ("stage", "stage", "points_first")),
        landscape_targets=rng.random() < 0.2,
        repeat_header=rng.random() < 0.7,
        break_before_category=2 if len(record.categories) >= 2 and rng.random() < 0.15 else None,
        framework_categories=_pick(rng, ("row", "row", "rowspan")),
        kpi_prefix=_pick(rng, ("", "", "ตัวชี้วัดที่ ")),
        weight_header="น้ำหนัก" if weight_style == "fraction" else _pick(rng, ("น้ำหนัก (ร้อยละ)", "น้ำหนัก", "ค่าน้ำหนัก")),
        weight_style=weight_style,
        criteria_header=_pick(rng, ("เกณฑ์การให้คะแนน", "เกณฑ์การประเมิน", "ค่าเป้าหมาย")),
        templates=templates,
        template_style=_pick(rng, ("plain", "opdc")),
        heading_format=_pick(rng, ("", "", "ตัวชี้วัด {n} : {name}", "ตัวชี้วัดที่ {n}. {name}", "ตัวชี้วัดที่ {n} {name}")),
        criteria_table=_pick(rng, ("row", "column", "lines")),
        criteria_title=_pick(rng, ("เกณฑ์การให้คะแนน", "เกณฑ์การประเมิน")),
        status_style=_pick(rng, ("line", "checkbox")),
        weight_label=_pick(rng, ("น้ำหนัก", "น้ำหนัก :", "น้ำหนัก (ร้อยละ) :", "น้ำหนัก : ร้อยละ"))
        if weight_style != "fraction"
        else _pick(rng, ("น้ำหนัก", "น้ำหนัก :")),
        baseline_title=_pick(rng, ("ข้อมูลพื้นฐานประกอบตัวชี้วัด", "ข้อมูลพื้นฐาน", "ผลการดำเนินงานที่ผ่านมา")),
        roadmap_title=_pick(rng, ("แผนระยะยาว (Roadmap)", "แผนการดำเนินงาน", "ค่าเป้าหมายระยะยาว")),
        year_label=_pick(rng, ("ปีงบประมาณ", "ปี พ.ศ.", "ปีงบประมาณ พ.ศ.")),
        baseline_row=_pick(rng, ("ผลการดำเนินงาน", "ผลการดำเนินงานในอดีต")),
        roadmap_row=_pick(rng, ("ค่าเป้าหมาย", "เป้าหมาย")),
        year_table=_pick(rng, ("across", "across", "down")),
        rounds_table=_pick(rng, ("two_column", "three_column")),
        round_label=_pick(rng, ("goal", "short", "numbered")),
        deduction_text=_pick(
            rng,
            (
                "ในแต่ละรอบการประเมิน หากดำเนินการไม่ครบทุกขั้นตอน จะถูกหักคะแนนรอบละ {points} คะแนน",
                "หากดำเนินการไม่แล้วเสร็จตามขั้นตอนที่กำหนด จะหักคะแนน {points} คะแนน",
            ),
        ),
        running_header=rng.random() < 0.25,
        page_numbers=_pick(rng, ("dash", "none", "page_of")),
        font=_pick(rng, THAI_FONTS),
        font_size=_pick(rng, (13.0, 14.0, 15.0, 16.0)),
    )
    for name, default in (("cover_ministry", "none"), ("period_dates", "full")):
        if getattr(lay, name) != default:
            features.append(f"{name}_{getattr(lay, name)}")
    if any(op in c.text for k in record.kpis for c in k.criteria for op in "≥≤<>"):
        features.append("target_operators")
    return lay


def _extras(rng: random.Random, record: Agreement, org: Org) -> Extras:
    notes = {k.number: "ข้อมูลจากระบบรายงานของหน่วยงาน" for k in record.kpis if rng.random() < 0.2}
    return Extras(notes=notes, ministry=f"กระทรวง{org.ministry}")


#: share of agreements whose table rows may break across pages (Word's default; the others keep
#: each row on one page, as LibreOffice's "allow row to break" off does)
SPLIT_ROWS_SHARE = 0.4


def generate(seed: int) -> Spec:
    """The agreement of `seed`: truth, layout and extras, the same every time."""
    rng = random.Random(seed)
    features: list[str] = []
    record, org = _record(rng, features)
    layout = _layout(rng, record, features)
    # drawn apart from `rng`, so every other choice of an earlier seed stays what it was
    if random.Random(seed * 7919 + 17).random() < SPLIT_ROWS_SHARE:
        layout = replace(layout, split_rows=True)
        features.append("split_rows")
    key = f"a{seed:05d}_{record.fiscal_year}"
    return Spec(key, seed, record, layout, _extras(rng, record, org), features)


def with_layout(spec: Spec, **changes: Any) -> Spec:
    """The same agreement laid out with some options changed (e.g. for a producer that cannot
    draw landscape pages)."""
    return replace(spec, layout=replace(spec.layout, **changes))
