"""Hand-written truth records of agreements unlike the dev files, each with the layout it is
rendered in.

- `nan_health_2564`: a provincial health office, FY 2564, five levels (ระดับ 1–5), Thai digits
  everywhere, eight KPIs in a landscape targets table that runs over a page break, KPI numbers
  and units in columns of their own, bare numbers as targets, a labelled cover with the maker
  signing on the left; no KPI templates.
- `rural_roads_2565`: a division of a department, FY 2565, three levels, Arabic digits, one
  table holding categories, weights and targets (no framework table) that breaks over a page
  without repeating its header, a cover sentence with `ในฐานะ … กับ …`, abbreviated dates; no
  KPI templates.
- `moi_ict_2567`: a centre of the Permanent Secretary's office, FY 2567, three levels, Thai
  digits, KPI templates in the OPDC form (years under a spanning header, rounds 6/9/12 in three
  columns, deduction per round), running page headers.
- `chiangrai_agri_2566`: a provincial agriculture office, FY 2566, five levels, Arabic digits,
  templates with tick-box status, criteria down a column, and two-column rounds.
- `khonkaen_land_2567`: a provincial land office, FY 2567, three levels, Thai digits, framework
  categories in merged cells of their own column, `ค่าน้ำหนัก` / `เกณฑ์การประเมิน` headers,
  signatures one under the other, `ตัวชี้วัด ๑ :` templates with `ปี พ.ศ.` year rows and rounds
  named by number and dates; a falling (days) and a direct KPI.
- `khonkaen_cdd_2568`: a provincial community-development office, FY 2568, five levels headed
  `1 … 5`, `ตัวชี้วัดที่ 1` rows, `%` and thousands separators, the parties in blocks of lines,
  the period as a range, years listed down a column.
- `ddc_region7_2565`: a regional disease-control office, FY 2565, twelve KPIs in four categories
  whose weights add up to 105 (findings), a long targets table without repeated headers, a
  `แพทย์หญิง` maker.
- `suphan_edu_2566`: an educational service area office, FY 2566, no targets table: five-level
  criteria written as lines in the templates; the unit's name wraps on the cover.
- `nakhonsawan_2564`: a provincial office, FY 2564, one combined table whose categories stand in
  merged cells of their own column, `ระดับ ๑ … ๕`, decimals falling; signatures overleaf.

Texts are written with Arabic digits; the layout decides the digits the PDF shows (accuracy
compares texts with Thai digits read as Arabic).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.models import Agreement
from tests.synthetic.render import Extras, Layout

_SOURCE = {"file": "synthetic.pdf", "sha256": "0" * 64, "pages": 0}


@dataclass
class SyntheticCase:
    key: str
    record: Agreement
    layout: Layout
    extras: Extras = field(default_factory=Extras)


_LEADING = re.compile(r"^(?:(?:ไม่น้อยกว่า|ไม่เกิน)\s*)?(?:ร้อยละ\s*)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


def _value(text: str) -> float | None:
    """The number a target or a year's value states when it is a number (`ร้อยละ 80`, `80 คะแนน`,
    `ไม่น้อยกว่า 20 โครงการ`, `ไม่เกิน 45 วัน`, `72.50`, `96%`, `1,250 แปลง`); the truth's own
    rule, independent of the parsers'."""
    m = _LEADING.match(text)
    return float(m.group(1).replace(",", "")) if m else None


def _crit(levels: Sequence[float], texts: list[str], numeric: bool) -> list[dict[str, Any]]:
    return [{"level": lv, "text": t, "value": _value(t) if numeric else None} for lv, t in zip(levels, texts, strict=True)]


FIVE = [1, 2, 3, 4, 5]
THREE = [50, 75, 100]


def _years(pairs: list[tuple[int, str]]) -> list[dict[str, Any]]:
    return [{"year": y, "value": _value(t), "text": t} for y, t in pairs]


# ---------------------------------------------------------------------------------------------

NAN_HEALTH_2564 = Agreement.model_validate(
    {
        "source": _SOURCE,
        "fiscal_year": 2564,
        "period": {"start": "2020-10-01", "end": "2021-09-30"},
        "organization": "สำนักงานสาธารณสุขจังหวัดน่าน",
        "parent_organization": "จังหวัดน่าน",
        "parties": [
            {"role": "grantor", "name": "นายชัยวัฒน์ ศรีสวัสดิ์", "position": "ผู้ว่าราชการจังหวัดน่าน", "signed_on": "2020-12-21"},
            {"role": "maker", "name": "นายแพทย์ปรีชา วงศ์ใหญ่", "position": "นายแพทย์สาธารณสุขจังหวัดน่าน", "signed_on": "2020-12-18"},
        ],
        "scale": {"kind": "five_level", "levels": FIVE},
        "categories": [
            {"name": "ส่วนที่ 1 ตัวชี้วัดตามยุทธศาสตร์ด้านสุขภาพ", "weight": 60, "kpi_numbers": [1, 2, 3, 4, 5]},
            {"name": "ส่วนที่ 2 ตัวชี้วัดด้านการพัฒนาองค์กร", "weight": 40, "kpi_numbers": [6, 7, 8]},
        ],
        "kpis": [
            {
                "number": 1,
                "name": "ร้อยละของหญิงตั้งครรภ์ที่ได้รับการฝากครรภ์ครั้งแรกก่อนหรือเท่ากับ 12 สัปดาห์",
                "weight": 10,
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(FIVE, ["60", "65", "70", "75", "80"], True),
            },
            {
                "number": 2,
                "name": "อัตราส่วนการตายมารดาไทยต่อการเกิดมีชีพแสนคน",
                "weight": 10,
                "scoring": "threshold",
                "unit": None,
                "criteria": _crit(FIVE, ["28", "26", "24", "22", "20"], True),
            },
            {
                "number": 3,
                "name": "ร้อยละของผู้ป่วยเบาหวานที่ควบคุมระดับน้ำตาลในเลือดได้ดี",
                "weight": 15,
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(FIVE, ["24", "28", "32", "36", "40"], True),
            },
            {
                "number": 4,
                "name": "ระดับความสำเร็จของการพัฒนาระบบบริการการแพทย์ฉุกเฉินครบวงจร",
                "weight": 15,
                "scoring": "milestone",
                "unit": None,
                "criteria": _crit(
                    FIVE,
                    [
                        "แต่งตั้งคณะกรรมการพัฒนาระบบการแพทย์ฉุกเฉินระดับจังหวัด",
                        "จัดทำแผนพัฒนาระบบการแพทย์ฉุกเฉินและแผนรับอุบัติภัยหมู่",
                        "ซ้อมแผนรับอุบัติภัยหมู่ร่วมกับหน่วยงานที่เกี่ยวข้องอย่างน้อย 1 ครั้ง",
                        "ติดตามและประเมินผลการดำเนินงานตามแผนรายไตรมาส",
                        "สรุปผลการดำเนินงานและเสนอแนวทางพัฒนาต่อผู้บริหาร",
                    ],
                    False,
                ),
            },
            {
                "number": 5,
                "name": "ความครอบคลุมการคัดกรองความดันโลหิตสูงในประชาชนอายุ 35 ปีขึ้นไป",
                "weight": 10,
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(FIVE, ["80", "82.5", "85", "87.5", "90"], True),
            },
            {
                "number": 6,
                "name": "ระดับความสำเร็จของการดำเนินงานคุ้มครองผู้บริโภคด้านผลิตภัณฑ์สุขภาพ",
                "weight": 15,
                "scoring": "milestone",
                "unit": None,
                "criteria": _crit(
                    FIVE,
                    [
                        "วิเคราะห์สถานการณ์ปัญหาผลิตภัณฑ์สุขภาพในพื้นที่",
                        "จัดทำแผนเฝ้าระวังผลิตภัณฑ์สุขภาพที่ไม่ปลอดภัย",
                        "ตรวจสอบสถานประกอบการด้านผลิตภัณฑ์สุขภาพตามแผน",
                        "ดำเนินการตามกฎหมายกับผู้กระทำผิดและเผยแพร่ข้อมูลแก่ประชาชน",
                        "สรุปบทเรียนและจัดทำข้อเสนอเชิงนโยบายระดับจังหวัด",
                    ],
                    False,
                ),
            },
            {
                "number": 7,
                "name": "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายลงทุน",
                "weight": 10,
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(FIVE, ["80", "84", "88", "92", "96"], True),
            },
            {
                "number": 8,
                "name": "ผลคะแนนการประเมินสถานะการเป็นระบบราชการ 4.0 (PMQA 4.0)",
                "weight": 15,
                "scoring": "threshold",
                "unit": "score",
                "criteria": _crit(FIVE, ["300", "320", "340", "360", "380"], True),
            },
        ],
        "findings": [],
    }
)
for _k in NAN_HEALTH_2564.kpis:
    _k.category = next(c.name for c in NAN_HEALTH_2564.categories if _k.number in c.kpi_numbers)

NAN_HEALTH = SyntheticCase(
    "nan_health_2564",
    NAN_HEALTH_2564,
    Layout(
        digits="thai",
        cover="labelled",
        maker_signs_first=True,
        role_under_signature=True,
        date_style="full",
        framework="separate",
        number_column=True,
        unit_column=True,
        targets_categories="heading",
        level_labels="level",
        landscape_targets=True,
        repeat_header=True,
        templates=False,
        page_numbers="dash",
    ),
    Extras(units={2: "ต่อการเกิดมีชีพแสนคน"}),
)

# the same agreement laid out another way: Arabic digits, portrait, the cover sentence naming the
# maker first, signatures without role labels, points as level headings, no header repeated
NAN_HEALTH_PORTRAIT = SyntheticCase(
    "nan_health_2564_portrait",
    NAN_HEALTH_2564,
    Layout(
        digits="arabic",
        cover="paragraph",
        sentence_maker_first=True,
        maker_signs_first=True,
        date_style="short",
        framework="separate",
        number_column=False,
        unit_column=True,
        targets_categories="weighted",
        category_numbers=False,
        level_labels="points",
        landscape_targets=False,
        repeat_header=False,
        templates=False,
        page_numbers="page_of",
        font="Norasi",
        font_size=14.0,
    ),
    Extras(units={2: "ต่อการเกิดมีชีพแสนคน"}),
)

# ---------------------------------------------------------------------------------------------

RURAL_ROADS_2565 = Agreement.model_validate(
    {
        "source": _SOURCE,
        "fiscal_year": 2565,
        "period": {"start": "2021-10-01", "end": "2022-09-30"},
        "organization": "กองแผนงาน",
        "parent_organization": "กรมทางหลวงชนบท",
        "parties": [
            {"role": "grantor", "name": "นายสมบัติ ทองประเสริฐ", "position": "อธิบดีกรมทางหลวงชนบท", "signed_on": "2021-12-20"},
            {"role": "maker", "name": "นางสาววิไลวรรณ แก้วมณี", "position": "ผู้อำนวยการกองแผนงาน", "signed_on": "2021-12-15"},
        ],
        "scale": {"kind": "three_level", "levels": THREE},
        "categories": [
            {"name": "ด้านที่ 1 ประสิทธิผลตามพันธกิจ", "weight": 70, "kpi_numbers": [1, 2, 3, 4, 5]},
            {"name": "ด้านที่ 2 การพัฒนาองค์กร", "weight": 30, "kpi_numbers": [6, 7]},
        ],
        "kpis": [
            {
                "number": 1,
                "name": "ร้อยละความสำเร็จของการจัดทำแผนปฏิบัติราชการประจำปีของกรมทางหลวงชนบท",
                "weight": 15,
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(THREE, ["ร้อยละ 90", "ร้อยละ 95", "ร้อยละ 100"], True),
            },
            {
                "number": 2,
                "name": "ร้อยละการเบิกจ่ายงบประมาณของกรมทางหลวงชนบท",
                "weight": 15,
                "scoring": "direct",
                "unit": "percent",
                "criteria": [],
                "scoring_rule": "ร้อยละผลการเบิกจ่ายงบประมาณที่ดำเนินการได้ = คะแนนที่ได้",
            },
            {
                "number": 3,
                "name": "ระดับความสำเร็จของการติดตามและประเมินผลโครงการก่อสร้างทางหลวงชนบท",
                "weight": 15,
                "scoring": "milestone",
                "unit": None,
                "criteria": _crit(
                    THREE,
                    [
                        "จัดทำแผนการติดตามและประเมินผลโครงการก่อสร้างทางหลวงชนบทประจำปี",
                        "ติดตามความก้าวหน้าโครงการและรายงานผลต่อผู้บริหารทุกไตรมาส",
                        "ประเมินผลสัมฤทธิ์ของโครงการและเสนอแนวทางปรับปรุงต่ออธิบดี",
                    ],
                    False,
                ),
            },
            {
                "number": 4,
                "name": "จำนวนโครงการที่ผ่านการวิเคราะห์ความคุ้มค่าทางเศรษฐกิจ",
                "weight": 15,
                "scoring": "threshold",
                "unit": None,
                "criteria": _crit(THREE, ["ไม่น้อยกว่า 20 โครงการ", "ไม่น้อยกว่า 25 โครงการ", "ไม่น้อยกว่า 30 โครงการ"], True),
            },
            {
                "number": 5,
                "name": "คะแนนความพึงพอใจของผู้รับบริการด้านข้อมูลแผนงานโครงการ",
                "weight": 10,
                "scoring": "threshold",
                "unit": "score",
                "criteria": _crit(THREE, ["80 คะแนน", "85 คะแนน", "90 คะแนน"], True),
            },
            {
                "number": 6,
                "name": "ระดับความสำเร็จของการพัฒนาระบบฐานข้อมูลโครงข่ายทางหลวงชนบท (GIS)",
                "weight": 15,
                "scoring": "milestone",
                "unit": None,
                "criteria": _crit(
                    THREE,
                    [
                        "สำรวจและรวบรวมข้อมูลโครงข่ายทางหลวงชนบทในระบบเดิม",
                        "ปรับปรุงข้อมูลเชิงพื้นที่ให้เป็นปัจจุบันครบทุกจังหวัด",
                        "เปิดให้หน่วยงานในสังกัดใช้ข้อมูลผ่านระบบออนไลน์",
                    ],
                    False,
                ),
            },
            {
                "number": 7,
                "name": "ร้อยละของบุคลากรที่ได้รับการพัฒนาสมรรถนะตามแผนพัฒนาบุคลากร",
                "weight": 15,
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(THREE, ["ร้อยละ 80", "ร้อยละ 90", "ร้อยละ 100"], True),
            },
        ],
        "findings": [],
    }
)
for _k in RURAL_ROADS_2565.kpis:
    _k.category = next(c.name for c in RURAL_ROADS_2565.categories if _k.number in c.kpi_numbers)

RURAL_ROADS = SyntheticCase(
    "rural_roads_2565",
    RURAL_ROADS_2565,
    Layout(
        digits="arabic",
        cover="paragraph",
        date_style="short",
        framework="combined",
        note_column=True,
        level_labels="points_first",
        repeat_header=False,
        break_before_category=2,
        templates=False,
        page_numbers="none",
        font="Garuda",
        font_size=14.0,
    ),
    Extras(notes={2: "ข้อมูลจากระบบ GFMIS", 5: "สำรวจโดยหน่วยงานภายนอก"}),
)

# ---------------------------------------------------------------------------------------------

MOI_ICT_2567 = Agreement.model_validate(
    {
        "source": _SOURCE,
        "fiscal_year": 2567,
        "period": {"start": "2023-10-01", "end": "2024-09-30"},
        "organization": "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
        "parent_organization": "สำนักงานปลัดกระทรวงมหาดไทย",
        "parties": [
            {"role": "grantor", "name": "นายธีรพงษ์ อินทรสุวรรณ", "position": "รองปลัดกระทรวงมหาดไทย", "signed_on": "2023-12-22"},
            {
                "role": "maker",
                "name": "นางสุภาพร เจริญวงศ์",
                "position": "ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
                "signed_on": "2023-12-19",
            },
        ],
        "scale": {"kind": "three_level", "levels": THREE},
        "categories": [
            {"name": "องค์ประกอบที่ 1 ประสิทธิผลของการดำเนินงาน", "weight": 60, "kpi_numbers": [1, 2, 3]},
            {"name": "องค์ประกอบที่ 2 ศักยภาพของหน่วยงาน", "weight": 40, "kpi_numbers": [4, 5]},
        ],
        "kpis": [
            {
                "number": 1,
                "name": "ร้อยละความสำเร็จของการพัฒนาระบบบริการอิเล็กทรอนิกส์ (e-Service) ของสำนักงานปลัดกระทรวงมหาดไทย",
                "weight": 20,
                "status": "continuing",
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(THREE, ["ร้อยละ 80", "ร้อยละ 90", "ร้อยละ 100"], True),
                "baseline": _years([(2564, "72.50"), (2565, "85.00"), (2566, "93.75")]),
                "roadmap": _years([(2567, "ร้อยละ 100"), (2568, "ร้อยละ 100"), (2569, "ร้อยละ 100")]),
                "rounds": [
                    {
                        "month": 6,
                        "goal": "ระบบบริการอิเล็กทรอนิกส์พัฒนาแล้วเสร็จไม่น้อยกว่าร้อยละ 40",
                        "steps": ["สำรวจความต้องการของผู้ใช้บริการ", "ออกแบบกระบวนงานและระบบบริการอิเล็กทรอนิกส์"],
                    },
                    {
                        "month": 9,
                        "goal": "ระบบบริการอิเล็กทรอนิกส์พัฒนาแล้วเสร็จไม่น้อยกว่าร้อยละ 70",
                        "steps": ["พัฒนาระบบและทดสอบการใช้งานร่วมกับหน่วยงานนำร่อง"],
                    },
                    {
                        "month": 12,
                        "goal": "ระบบบริการอิเล็กทรอนิกส์พัฒนาแล้วเสร็จร้อยละ 100",
                        "steps": ["เปิดให้บริการจริงและประเมินความพึงพอใจของผู้ใช้บริการ"],
                    },
                ],
                "deduction_points": 5,
            },
            {
                "number": 2,
                "name": "ร้อยละการเบิกจ่ายงบประมาณ",
                "weight": 15,
                "status": "continuing",
                "scoring": "direct",
                "unit": "percent",
                "criteria": [],
                "baseline": _years([(2564, "96.21"), (2565, "97.80"), (2566, "98.55")]),
                "roadmap": _years([(2567, "ร้อยละ 100"), (2568, "ร้อยละ 100")]),
                "rounds": [
                    {"month": 6, "goal": "มีผลการเบิกจ่ายไม่น้อยกว่าร้อยละ 50", "steps": []},
                    {"month": 9, "goal": "มีผลการเบิกจ่ายไม่น้อยกว่าร้อยละ 75", "steps": []},
                ],
                "scoring_rule": "ร้อยละผลการเบิกจ่ายที่ดำเนินการได้ = คะแนนที่ได้",
            },
            {
                "number": 3,
                "name": "ระดับความสำเร็จของการยกระดับความมั่นคงปลอดภัยไซเบอร์ของระบบสารสนเทศ",
                "weight": 25,
                "status": "new",
                "scoring": "milestone",
                "unit": None,
                "criteria": _crit(
                    THREE,
                    [
                        "ประเมินความเสี่ยงด้านความมั่นคงปลอดภัยไซเบอร์ของระบบสารสนเทศสำคัญ",
                        "จัดทำแผนรับมือภัยคุกคามทางไซเบอร์และซักซ้อมตามแผน",
                        "ระบบสารสนเทศสำคัญผ่านการตรวจประเมินตามมาตรฐานความมั่นคงปลอดภัย",
                    ],
                    False,
                ),
                "roadmap": _years(
                    [(2567, "มีแผนรับมือภัยคุกคามทางไซเบอร์"), (2568, "ผ่านการรับรองมาตรฐาน ISO/IEC 27001")]
                ),
                "rounds": [
                    {
                        "month": 6,
                        "goal": "มีผลการประเมินความเสี่ยงด้านไซเบอร์",
                        "steps": [
                            "แต่งตั้งคณะทำงานด้านความมั่นคงปลอดภัยไซเบอร์",
                            "สำรวจและจัดทำบัญชีระบบสารสนเทศสำคัญ",
                            "ประเมินความเสี่ยงของระบบสารสนเทศสำคัญ",
                        ],
                    },
                    {
                        "month": 9,
                        "goal": "มีแผนรับมือภัยคุกคามทางไซเบอร์",
                        "steps": ["จัดทำแผนรับมือภัยคุกคามทางไซเบอร์", "ซักซ้อมการรับมือตามแผน"],
                    },
                ],
                "deduction_points": 5,
            },
            {
                "number": 4,
                "name": "ระดับความสำเร็จของการจัดทำธรรมาภิบาลข้อมูลภาครัฐ (Data Governance)",
                "weight": 20,
                "status": "continuing",
                "scoring": "milestone",
                "unit": None,
                "criteria": _crit(
                    THREE,
                    [
                        "ทบทวนนโยบายธรรมาภิบาลข้อมูลของหน่วยงาน",
                        "ปรับปรุงบัญชีข้อมูล (Data Catalog) ให้เป็นปัจจุบัน",
                        "เปิดเผยชุดข้อมูลบนระบบบัญชีข้อมูลภาครัฐ",
                    ],
                    False,
                ),
                "baseline": _years([(2565, "จัดทำนโยบายธรรมาภิบาลข้อมูล"), (2566, "จัดทำบัญชีข้อมูล (Data Catalog)")]),
                "roadmap": _years([(2567, "เปิดเผยข้อมูลเปิดภาครัฐ"), (2568, "เชื่อมโยงข้อมูลกับหน่วยงานภายนอก")]),
                "rounds": [
                    {
                        "month": 6,
                        "goal": "ทบทวนนโยบายธรรมาภิบาลข้อมูลแล้วเสร็จ",
                        "steps": ["ประชุมคณะทำงานธรรมาภิบาลข้อมูล", "ทบทวนนโยบายและแนวปฏิบัติ"],
                    },
                    {
                        "month": 9,
                        "goal": "บัญชีข้อมูลเป็นปัจจุบัน",
                        "steps": ["ปรับปรุงคำอธิบายชุดข้อมูล (Metadata)", "ตรวจสอบคุณภาพข้อมูล"],
                    },
                    {
                        "month": 12,
                        "goal": "เปิดเผยชุดข้อมูลไม่น้อยกว่า 10 ชุด",
                        "steps": ["คัดเลือกชุดข้อมูลที่เปิดเผยได้", "นำเข้าชุดข้อมูลสู่ระบบบัญชีข้อมูลภาครัฐ"],
                    },
                ],
                "deduction_points": 5,
            },
            {
                "number": 5,
                "name": "ร้อยละของบุคลากรที่ผ่านการพัฒนาทักษะด้านดิจิทัล",
                "weight": 20,
                "status": "new",
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(THREE, ["ร้อยละ 80", "ร้อยละ 90", "ร้อยละ 100"], True),
                "baseline": _years([(2565, "-"), (2566, "-")]),
                "roadmap": _years([(2567, "ร้อยละ 100"), (2568, "ร้อยละ 100")]),
                "rounds": [
                    {"month": 6, "goal": "บุคลากรผ่านการพัฒนาไม่น้อยกว่าร้อยละ 40", "steps": []},
                    {"month": 9, "goal": "บุคลากรผ่านการพัฒนาไม่น้อยกว่าร้อยละ 70", "steps": []},
                ],
            },
        ],
        "findings": [],
    }
)
for _k in MOI_ICT_2567.kpis:
    _k.category = next(c.name for c in MOI_ICT_2567.categories if _k.number in c.kpi_numbers)

MOI_ICT = SyntheticCase(
    "moi_ict_2567",
    MOI_ICT_2567,
    Layout(
        digits="thai",
        cover="paragraph",
        unit_prefix="ของ ",
        date_style="words",
        framework="separate",
        targets_categories="weighted",
        note_column=False,
        level_labels="stage",
        templates=True,
        template_style="opdc",
        criteria_table="row",
        rounds_table="three_column",
        running_header=True,
        page_numbers="page_of",
    ),
    Extras(short_names={1: "ร้อยละความสำเร็จของการพัฒนาระบบ e-Service", 2: "ร้อยละการเบิกจ่ายงบประมาณ", 5: "ร้อยละของบุคลากรที่ผ่านการพัฒนา"}),
)

# ---------------------------------------------------------------------------------------------

CHIANGRAI_AGRI_2566 = Agreement.model_validate(
    {
        "source": _SOURCE,
        "fiscal_year": 2566,
        "period": {"start": "2022-10-01", "end": "2023-09-30"},
        "organization": "สำนักงานเกษตรจังหวัดเชียงราย",
        "parent_organization": "กรมส่งเสริมการเกษตร",
        "parties": [
            {"role": "grantor", "name": "นายวีระพงษ์ ศรีบุญเรือง", "position": "รองอธิบดีกรมส่งเสริมการเกษตร", "signed_on": "2022-12-23"},
            {"role": "maker", "name": "นายสุรเชษฐ์ ปัญญาดี", "position": "เกษตรจังหวัดเชียงราย", "signed_on": "2022-12-16"},
        ],
        "scale": {"kind": "five_level", "levels": FIVE},
        "categories": [
            {"name": "การประเมินประสิทธิผลการดำเนินงาน", "weight": 80, "kpi_numbers": [1, 2, 3]},
            {"name": "การประเมินประสิทธิภาพการดำเนินงาน", "weight": 20, "kpi_numbers": [4]},
        ],
        "kpis": [
            {
                "number": 1,
                "name": "ร้อยละของเกษตรกรที่ได้รับการพัฒนาศักยภาพตามแนวทางเกษตรอัจฉริยะ",
                "weight": 25,
                "status": "continuing",
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(FIVE, ["ร้อยละ 60", "ร้อยละ 65", "ร้อยละ 70", "ร้อยละ 75", "ร้อยละ 80"], True),
                "baseline": _years([(2563, "ร้อยละ 52.40"), (2564, "ร้อยละ 58.75"), (2565, "ร้อยละ 63.10")]),
                "roadmap": _years([(2566, "ร้อยละ 80"), (2567, "ร้อยละ 85"), (2568, "ร้อยละ 90")]),
                "rounds": [
                    {"month": 6, "goal": "เกษตรกรได้รับการพัฒนาศักยภาพไม่น้อยกว่าร้อยละ 30", "steps": []},
                    {"month": 9, "goal": "เกษตรกรได้รับการพัฒนาศักยภาพไม่น้อยกว่าร้อยละ 55", "steps": []},
                ],
            },
            {
                "number": 2,
                "name": "จำนวนแปลงใหญ่ที่ได้รับการพัฒนาตามมาตรฐานการผลิต",
                "weight": 25,
                "status": "new",
                "scoring": "threshold",
                "unit": None,
                "criteria": _crit(FIVE, ["10 แปลง", "12 แปลง", "14 แปลง", "16 แปลง", "18 แปลง"], True),
                "roadmap": _years([(2566, "18 แปลง"), (2567, "22 แปลง")]),
                "rounds": [
                    {"month": 6, "goal": "คัดเลือกแปลงใหญ่เป้าหมายครบ 18 แปลง", "steps": []},
                    {"month": 9, "goal": "แปลงใหญ่ได้รับการพัฒนาไม่น้อยกว่า 10 แปลง", "steps": []},
                ],
            },
            {
                "number": 3,
                "name": "ระดับความสำเร็จของการขับเคลื่อนศูนย์เรียนรู้การเพิ่มประสิทธิภาพการผลิตสินค้าเกษตร (ศพก.)",
                "weight": 30,
                "status": "continuing",
                "scoring": "milestone",
                "unit": None,
                "criteria": _crit(
                    FIVE,
                    [
                        "แต่งตั้งคณะกรรมการขับเคลื่อน ศพก. ระดับจังหวัด",
                        "จัดทำแผนพัฒนา ศพก. ครบทุกอำเภอ",
                        "ศพก. จัดกิจกรรมถ่ายทอดเทคโนโลยีตามแผน",
                        "ติดตามและประเมินผลการดำเนินงานของ ศพก.",
                        "ถอดบทเรียน ศพก. ต้นแบบและเผยแพร่ผลสำเร็จ",
                    ],
                    False,
                ),
                "baseline": _years([(2564, "ศพก. ผ่านเกณฑ์ 12 แห่ง"), (2565, "ศพก. ผ่านเกณฑ์ 15 แห่ง")]),
                "rounds": [
                    {
                        "month": 6,
                        "goal": "มีแผนพัฒนา ศพก. ครบทุกอำเภอ",
                        "steps": ["แต่งตั้งคณะกรรมการขับเคลื่อน ศพก. ระดับจังหวัด", "ประชุมจัดทำแผนพัฒนา ศพก. รายอำเภอ"],
                    },
                    {
                        "month": 9,
                        "goal": "ศพก. จัดกิจกรรมถ่ายทอดเทคโนโลยีไม่น้อยกว่าร้อยละ 75 ของแผน",
                        "steps": ["จัดกิจกรรมถ่ายทอดเทคโนโลยี", "ติดตามผลการดำเนินงานรายเดือน", "รายงานผลต่อกรมส่งเสริมการเกษตร"],
                    },
                ],
                "deduction_points": 10,
            },
            {
                "number": 4,
                "name": "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายภาพรวม",
                "weight": 20,
                "status": "continuing",
                "scoring": "threshold",
                "unit": "percent",
                "criteria": _crit(FIVE, ["ร้อยละ 92", "ร้อยละ 94", "ร้อยละ 96", "ร้อยละ 98", "ร้อยละ 100"], True),
                "baseline": _years([(2563, "97.12"), (2564, "98.40"), (2565, "99.05")]),
                "roadmap": _years([(2566, "ร้อยละ 100"), (2567, "ร้อยละ 100")]),
                "rounds": [
                    {"month": 6, "goal": "มีผลการเบิกจ่ายไม่น้อยกว่าร้อยละ 55", "steps": []},
                    {"month": 9, "goal": "มีผลการเบิกจ่ายไม่น้อยกว่าร้อยละ 80", "steps": []},
                ],
                "deduction_points": 0,
            },
        ],
        "findings": [],
    }
)
for _k in CHIANGRAI_AGRI_2566.kpis:
    _k.category = next(c.name for c in CHIANGRAI_AGRI_2566.categories if _k.number in c.kpi_numbers)

CHIANGRAI_AGRI = SyntheticCase(
    "chiangrai_agri_2566",
    CHIANGRAI_AGRI_2566,
    Layout(
        digits="arabic",
        cover="paragraph",
        date_style="full",
        framework="separate",
        category_numbers=True,
        targets_categories="weighted",
        level_labels="level",
        templates=True,
        template_style="plain",
        criteria_table="column",
        status_style="checkbox",
        weight_label="น้ำหนัก (ร้อยละ) :",
        rounds_table="two_column",
        page_numbers="dash",
    ),
)

# the same agreement without a targets table: the scale and the criteria are only in the templates
CHIANGRAI_AGRI_TEMPLATES_ONLY = SyntheticCase(
    "chiangrai_agri_2566_templates_only",
    CHIANGRAI_AGRI_2566,
    Layout(
        digits="thai",
        cover="labelled",
        role_under_signature=True,
        date_style="words",
        framework="separate",
        number_column=True,
        targets_table=False,
        level_labels="level",
        templates=True,
        template_style="plain",
        criteria_table="column",
        status_style="checkbox",
        rounds_table="three_column",
        running_header=True,
        font="Loma",
        font_size=14.0,
    ),
)

def _categorise(record: Agreement) -> Agreement:
    for k in record.kpis:
        k.category = next(c.name for c in record.categories if k.number in c.kpi_numbers)
    return record


# ---------------------------------------------------------------------------------------------

KHONKAEN_LAND_2567 = _categorise(
    Agreement.model_validate(
        {
            "source": _SOURCE,
            "fiscal_year": 2567,
            "period": {"start": "2023-10-01", "end": "2024-09-30"},
            "organization": "สำนักงานที่ดินจังหวัดขอนแก่น",
            "parent_organization": "กรมที่ดิน",
            "parties": [
                {"role": "grantor", "name": "นายธนพัฒน์ รุ่งเรืองศรี", "position": "อธิบดีกรมที่ดิน", "signed_on": "2023-12-26"},
                {"role": "maker", "name": "นางกาญจนา ศรีสุข", "position": "เจ้าพนักงานที่ดินจังหวัดขอนแก่น", "signed_on": "2023-12-20"},
            ],
            "scale": {"kind": "three_level", "levels": THREE},
            "categories": [
                {"name": "ประเด็นที่ 1 ประสิทธิผลการให้บริการประชาชน", "weight": 60, "kpi_numbers": [1, 2, 3]},
                {"name": "ประเด็นที่ 2 ประสิทธิภาพการบริหารจัดการ", "weight": 40, "kpi_numbers": [4, 5]},
            ],
            "kpis": [
                {
                    "number": 1,
                    "name": "ระยะเวลาเฉลี่ยในการรังวัดออกโฉนดที่ดินเฉพาะราย",
                    "weight": 20,
                    "status": "continuing",
                    "scoring": "threshold",
                    "unit": None,
                    # lower is better
                    "criteria": _crit(THREE, ["ไม่เกิน 45 วัน", "ไม่เกิน 40 วัน", "ไม่เกิน 35 วัน"], True),
                    "baseline": _years([(2564, "52 วัน"), (2565, "48 วัน"), (2566, "44 วัน")]),
                    "roadmap": _years([(2567, "35 วัน"), (2568, "30 วัน")]),
                    "rounds": [
                        {
                            "month": 6,
                            "goal": "ระยะเวลาเฉลี่ยในการรังวัดไม่เกิน 45 วัน",
                            "steps": ["วิเคราะห์ขั้นตอนการรังวัดที่ใช้เวลานาน", "ปรับปรุงการนัดหมายรังวัดผ่านระบบออนไลน์"],
                        },
                        {
                            "month": 12,
                            "goal": "ระยะเวลาเฉลี่ยในการรังวัดไม่เกิน 35 วัน",
                            "steps": ["ติดตามระยะเวลาการรังวัดรายเดือน", "สรุปผลการดำเนินงานและรายงานกรมที่ดิน"],
                        },
                    ],
                    "deduction_points": 5,
                },
                {
                    "number": 2,
                    "name": "ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไขแล้วเสร็จภายในระยะเวลาที่กำหนด",
                    "weight": 20,
                    "status": "continuing",
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(THREE, ["ร้อยละ 80", "ร้อยละ 90", "ร้อยละ 100"], True),
                    "baseline": _years([(2565, "ร้อยละ 86.67"), (2566, "ร้อยละ 91.30")]),
                    "rounds": [
                        {"month": 6, "goal": "แก้ไขเรื่องร้องเรียนแล้วเสร็จไม่น้อยกว่าร้อยละ 80", "steps": []},
                        {"month": 12, "goal": "แก้ไขเรื่องร้องเรียนแล้วเสร็จไม่น้อยกว่าร้อยละ 90", "steps": []},
                    ],
                },
                {
                    "number": 3,
                    "name": "จำนวนแปลงที่ดินที่ได้รับการเดินสำรวจออกโฉนดที่ดินตามแผน",
                    "weight": 20,
                    "status": "new",
                    "scoring": "threshold",
                    "unit": None,
                    "criteria": _crit(THREE, ["1,200 แปลง", "1,250 แปลง", "1,300 แปลง"], True),
                    "roadmap": _years([(2567, "1,300 แปลง"), (2568, "1,400 แปลง")]),
                    "rounds": [
                        {"month": 6, "goal": "เดินสำรวจแล้วไม่น้อยกว่า 600 แปลง", "steps": []},
                        {"month": 12, "goal": "เดินสำรวจแล้วไม่น้อยกว่า 1,300 แปลง", "steps": []},
                    ],
                },
                {
                    "number": 4,
                    "name": "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายภาพรวม",
                    "weight": 20,
                    "status": "continuing",
                    "scoring": "direct",
                    "unit": "percent",
                    "criteria": [],
                    "baseline": _years([(2564, "96.48"), (2565, "97.12"), (2566, "98.05")]),
                    "rounds": [
                        {"month": 6, "goal": "มีผลการเบิกจ่ายไม่น้อยกว่าร้อยละ 50", "steps": []},
                        {"month": 12, "goal": "มีผลการเบิกจ่ายร้อยละ 100", "steps": []},
                    ],
                    "scoring_rule": "ร้อยละผลการเบิกจ่ายที่ดำเนินการได้ = คะแนนที่ได้",
                },
                {
                    "number": 5,
                    "name": "ระดับความสำเร็จของการให้บริการข้อมูลที่ดินผ่านระบบอิเล็กทรอนิกส์ (e-LandsPlus)",
                    "weight": 20,
                    "status": "new",
                    "scoring": "milestone",
                    "unit": None,
                    "criteria": _crit(
                        THREE,
                        [
                            "จัดทำแผนการให้บริการข้อมูลที่ดินผ่านระบบอิเล็กทรอนิกส์",
                            "เปิดให้บริการตรวจสอบข้อมูลที่ดินผ่านระบบครบทุกสำนักงานสาขา",
                            "ผู้รับบริการผ่านระบบมีความพึงพอใจไม่น้อยกว่าร้อยละ 85",
                        ],
                        False,
                    ),
                    "roadmap": _years([(2567, "เปิดให้บริการครบทุกสาขา"), (2568, "เชื่อมโยงข้อมูลกับหน่วยงานภายนอก")]),
                    "rounds": [
                        {
                            "month": 6,
                            "goal": "มีแผนการให้บริการข้อมูลที่ดินผ่านระบบอิเล็กทรอนิกส์",
                            "steps": ["แต่งตั้งคณะทำงานพัฒนาการให้บริการ", "จัดทำแผนและเสนอเจ้าพนักงานที่ดินจังหวัดให้ความเห็นชอบ"],
                        },
                        {
                            "month": 12,
                            "goal": "เปิดให้บริการครบทุกสำนักงานสาขา",
                            "steps": ["อบรมเจ้าหน้าที่ทุกสำนักงานสาขา", "สำรวจความพึงพอใจของผู้รับบริการ"],
                        },
                    ],
                    "deduction_points": 5,
                },
            ],
            "findings": [],
        }
    )
)

# Thai digits; categories in cells spanning their KPIs' rows of the framework table; `ค่าน้ำหนัก` and
# `เกณฑ์การประเมิน` as headers; signatures one under the other with the role on the signature line
# and dates like `๒๖ ธ.ค. ๖๖`; templates headed `ตัวชี้วัด ๑ :`, weights `น้ำหนัก : ร้อยละ ๒๐`, years
# labelled `ปี พ.ศ.`, values `เป้าหมาย`, rounds named by number and dates (`รอบการประเมินที่ ๑
# (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)`); a falling target (days) and a direct KPI.
KHONKAEN_LAND = SyntheticCase(
    "khonkaen_land_2567",
    KHONKAEN_LAND_2567,
    Layout(
        digits="thai",
        cover="paragraph",
        signatures="stacked",
        role_on_signature_line=True,
        date_style="short_year",
        framework="separate",
        framework_categories="rowspan",
        weight_header="ค่าน้ำหนัก",
        criteria_header="เกณฑ์การประเมิน",
        targets_categories="none",
        level_labels="stage",
        templates=True,
        template_style="plain",
        heading_format="ตัวชี้วัด {n} : {name}",
        weight_label="น้ำหนัก : ร้อยละ",
        criteria_title="เกณฑ์การประเมิน",
        baseline_title="ผลการดำเนินงานที่ผ่านมา",
        roadmap_title="แผนการดำเนินงาน",
        year_label="ปี พ.ศ.",
        roadmap_row="เป้าหมาย",
        round_label="numbered",
        page_numbers="dash",
        font_size=14.0,
    ),
)

# ---------------------------------------------------------------------------------------------

KHONKAEN_CDD_2568 = _categorise(
    Agreement.model_validate(
        {
            "source": _SOURCE,
            "fiscal_year": 2568,
            "period": {"start": "2024-10-01", "end": "2025-09-30"},
            "organization": "สำนักงานพัฒนาชุมชนจังหวัดขอนแก่น",
            "parent_organization": "กรมการพัฒนาชุมชน",
            "parties": [
                {"role": "grantor", "name": "นายสุทธิพงษ์ จันทร์เพ็ญ", "position": "รองอธิบดีกรมการพัฒนาชุมชน", "signed_on": "2024-12-20"},
                {"role": "maker", "name": "นางสาวพัชรินทร์ บุญมาก", "position": "พัฒนาการจังหวัดขอนแก่น", "signed_on": "2024-12-17"},
            ],
            "scale": {"kind": "five_level", "levels": FIVE},
            "categories": [
                {"name": "มิติที่ 1 ด้านประสิทธิผลตามพันธกิจ", "weight": 65, "kpi_numbers": [1, 2, 3]},
                {"name": "มิติที่ 2 ด้านการพัฒนาองค์การ", "weight": 35, "kpi_numbers": [4, 5]},
            ],
            "kpis": [
                {
                    "number": 1,
                    "name": "ร้อยละของครัวเรือนเป้าหมายที่มีรายได้ผ่านเกณฑ์ความจำเป็นพื้นฐาน (จปฐ.)",
                    "weight": 25,
                    "status": "continuing",
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(FIVE, ["96%", "97%", "98%", "99%", "100%"], True),
                    "baseline": _years([(2565, "98.72%"), (2566, "99.10%"), (2567, "99.35%")]),
                    "rounds": [
                        {"month": 6, "goal": "จัดเก็บข้อมูล จปฐ. ครบทุกครัวเรือนเป้าหมาย", "steps": []},
                        {"month": 12, "goal": "ครัวเรือนเป้าหมายมีรายได้ผ่านเกณฑ์ จปฐ. ไม่น้อยกว่าร้อยละ 99", "steps": []},
                    ],
                },
                {
                    "number": 2,
                    "name": "จำนวนครัวเรือนยากจนเป้าหมายที่ได้รับการพัฒนาตามแนวทางปรัชญาของเศรษฐกิจพอเพียง",
                    "weight": 20,
                    "status": "new",
                    "scoring": "threshold",
                    "unit": None,
                    "criteria": _crit(
                        FIVE, ["1,150 ครัวเรือน", "1,200 ครัวเรือน", "1,250 ครัวเรือน", "1,300 ครัวเรือน", "1,350 ครัวเรือน"], True
                    ),
                    "roadmap": _years([(2568, "1,350 ครัวเรือน"), (2569, "1,500 ครัวเรือน")]),
                    "rounds": [
                        {
                            "month": 6,
                            "goal": "คัดเลือกครัวเรือนเป้าหมายและจัดทำแผนพัฒนาครัวเรือน",
                            "steps": ["ตรวจสอบข้อมูลครัวเรือนยากจนจากระบบ ThaiQM", "จัดทำแผนพัฒนาครัวเรือนเป็นรายครัวเรือน"],
                        },
                        {"month": 12, "goal": "ครัวเรือนเป้าหมายได้รับการพัฒนาไม่น้อยกว่า 1,250 ครัวเรือน", "steps": []},
                    ],
                },
                {
                    "number": 3,
                    "name": "ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP สู่ตลาดออนไลน์",
                    "weight": 20,
                    "status": "continuing",
                    "scoring": "milestone",
                    "unit": None,
                    "criteria": _crit(
                        FIVE,
                        [
                            "คัดเลือกผู้ประกอบการ OTOP เป้าหมาย",
                            "อบรมการตลาดออนไลน์ให้ผู้ประกอบการเป้าหมาย",
                            "ผู้ประกอบการเป้าหมายมีช่องทางจำหน่ายออนไลน์",
                            "ยอดจำหน่ายออนไลน์เพิ่มขึ้นไม่น้อยกว่าร้อยละ 10",
                            "ถอดบทเรียนผู้ประกอบการต้นแบบและเผยแพร่",
                        ],
                        False,
                    ),
                    "baseline": _years([(2566, "ผู้ประกอบการ OTOP ขายออนไลน์ 85 ราย"), (2567, "ผู้ประกอบการ OTOP ขายออนไลน์ 120 ราย")]),
                    "rounds": [
                        {"month": 6, "goal": "ผู้ประกอบการเป้าหมายผ่านการอบรมการตลาดออนไลน์", "steps": []},
                        {"month": 12, "goal": "ยอดจำหน่ายออนไลน์เพิ่มขึ้นไม่น้อยกว่าร้อยละ 10", "steps": []},
                    ],
                    "deduction_points": 10,
                },
                {
                    "number": 4,
                    "name": "คะแนนผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA)",
                    "weight": 15,
                    "status": "continuing",
                    "scoring": "threshold",
                    "unit": "score",
                    "criteria": _crit(FIVE, ["85.00 คะแนน", "87.50 คะแนน", "90.00 คะแนน", "92.50 คะแนน", "95.00 คะแนน"], True),
                    "baseline": _years([(2565, "88.46"), (2566, "91.27"), (2567, "93.05")]),
                    "rounds": [],
                },
                {
                    "number": 5,
                    "name": "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายลงทุน",
                    "weight": 20,
                    "status": "continuing",
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(FIVE, ["88%", "90%", "92%", "94%", "96%"], True),
                    "baseline": _years([(2566, "91.35%"), (2567, "94.80%")]),
                    "rounds": [
                        {"month": 6, "goal": "มีผลการเบิกจ่ายไม่น้อยกว่าร้อยละ 65", "steps": []},
                        {"month": 12, "goal": "มีผลการเบิกจ่ายไม่น้อยกว่าร้อยละ 96", "steps": []},
                    ],
                },
            ],
            "findings": [],
        }
    )
)

# Arabic digits; the parties each in a block of lines (role / name / position); the period as a
# range `ระยะเวลา 1 ตุลาคม 2567 – 30 กันยายน 2568`; the role on the signature line; KPIs written
# `ตัวชี้วัดที่ 1 …` in the tables; levels headed just `1 … 5`; targets with `%` and thousands
# separators; templates headed `ตัวชี้วัดที่ 1.`, years down a column, rounds named `รอบ 6 เดือน`.
KHONKAEN_CDD = SyntheticCase(
    "khonkaen_cdd_2568",
    KHONKAEN_CDD_2568,
    Layout(
        digits="arabic",
        cover="blocks",
        period_style="range",
        role_on_signature_line=True,
        date_style="words",
        framework="separate",
        kpi_prefix="ตัวชี้วัดที่ ",
        weight_header="น้ำหนัก",
        targets_categories="weighted",
        level_labels="bare",
        templates=True,
        template_style="plain",
        heading_format="ตัวชี้วัดที่ {n}. {name}",
        weight_label="น้ำหนัก : ร้อยละ",
        criteria_table="row",
        year_table="down",
        round_label="short",
        page_numbers="page_of",
        font="Garuda",
        font_size=13.0,
    ),
)

# ---------------------------------------------------------------------------------------------

DDC_REGION7_2565 = _categorise(
    Agreement.model_validate(
        {
            "source": _SOURCE,
            "fiscal_year": 2565,
            "period": {"start": "2021-10-01", "end": "2022-09-30"},
            "organization": "สำนักงานป้องกันควบคุมโรคที่ 7 จังหวัดขอนแก่น",
            "parent_organization": "กรมควบคุมโรค",
            "parties": [
                {"role": "grantor", "name": "นายแพทย์ธีรวัฒน์ สุขประเสริฐ", "position": "อธิบดีกรมควบคุมโรค", "signed_on": "2021-12-24"},
                {
                    "role": "maker",
                    "name": "แพทย์หญิงวรรณา ศรีอุดม",
                    "position": "ผู้อำนวยการสำนักงานป้องกันควบคุมโรคที่ 7 จังหวัดขอนแก่น",
                    "signed_on": "2021-12-22",
                },
            ],
            "scale": {"kind": "three_level", "levels": THREE},
            "categories": [
                {"name": "มิติที่ 1 ประสิทธิผลตามยุทธศาสตร์", "weight": 40, "kpi_numbers": [1, 2, 3, 4]},
                {"name": "มิติที่ 2 คุณภาพการให้บริการ", "weight": 20, "kpi_numbers": [5, 6, 7]},
                # stated as 20, but its KPIs add up to 25 (and all weights to 105): findings
                {"name": "มิติที่ 3 ประสิทธิภาพของการปฏิบัติราชการ", "weight": 20, "kpi_numbers": [8, 9, 10]},
                {"name": "มิติที่ 4 การพัฒนาองค์การ", "weight": 20, "kpi_numbers": [11, 12]},
            ],
            "kpis": [
                {
                    "number": 1,
                    "name": "ร้อยละของผู้ป่วยวัณโรครายใหม่และกลับเป็นซ้ำที่ได้รับการรักษาสำเร็จ",
                    "weight": 10,
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(THREE, ["ร้อยละ 85", "ร้อยละ 88", "ร้อยละ 90"], True),
                },
                {
                    "number": 2,
                    "name": "อัตราป่วยด้วยโรคไข้เลือดออกต่อประชากรแสนคนในพื้นที่รับผิดชอบ",
                    "weight": 10,
                    "scoring": "threshold",
                    "unit": None,
                    "criteria": _crit(THREE, ["ไม่เกิน 60", "ไม่เกิน 55", "ไม่เกิน 50"], True),
                },
                {
                    "number": 3,
                    "name": "ร้อยละของอำเภอที่มีการดำเนินงานอำเภอควบคุมโรคเข้มแข็งแบบยั่งยืน",
                    "weight": 10,
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(THREE, ["ร้อยละ 70", "ร้อยละ 80", "ร้อยละ 90"], True),
                },
                {
                    "number": 4,
                    "name": "ระดับความสำเร็จของการเตรียมความพร้อมตอบโต้ภาวะฉุกเฉินด้านการแพทย์และสาธารณสุข (EOC)",
                    "weight": 10,
                    "scoring": "milestone",
                    "unit": None,
                    "criteria": _crit(
                        THREE,
                        [
                            "จัดทำแผนเผชิญเหตุภาวะฉุกเฉินระดับเขต",
                            "ซ้อมแผนเผชิญเหตุร่วมกับจังหวัดในเขตอย่างน้อย 1 ครั้ง",
                            "ประเมินผลการซ้อมแผนและปรับปรุงแผนเผชิญเหตุ",
                        ],
                        False,
                    ),
                },
                {
                    "number": 5,
                    "name": "ร้อยละความพึงพอใจของผู้รับบริการ",
                    "weight": 5,
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(THREE, ["ร้อยละ 80", "ร้อยละ 85", "ร้อยละ 90"], True),
                },
                {
                    "number": 6,
                    "name": "ระยะเวลาเฉลี่ยในการออกใบรับรองผลการตรวจทางห้องปฏิบัติการ",
                    "weight": 10,
                    "scoring": "threshold",
                    "unit": None,
                    "criteria": _crit(THREE, ["5 วันทำการ", "4 วันทำการ", "3 วันทำการ"], True),
                },
                {
                    "number": 7,
                    "name": "จำนวนผู้เดินทางที่ได้รับการฉีดวัคซีนป้องกันโรคก่อนเดินทางไปต่างประเทศ",
                    "weight": 5,
                    "scoring": "threshold",
                    "unit": None,
                    "criteria": _crit(THREE, ["1,000 ราย", "1,200 ราย", "1,500 ราย"], True),
                },
                {
                    "number": 8,
                    "name": "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายภาพรวม",
                    "weight": 10,
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(THREE, ["ร้อยละ 96", "ร้อยละ 98", "ร้อยละ 100"], True),
                },
                {
                    "number": 9,
                    "name": "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายลงทุน",
                    "weight": 10,
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(THREE, ["ร้อยละ 80", "ร้อยละ 85", "ร้อยละ 90"], True),
                },
                {
                    "number": 10,
                    "name": "ร้อยละของการประหยัดพลังงานไฟฟ้าเทียบกับปีงบประมาณ พ.ศ. 2564",
                    "weight": 5,
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(THREE, ["ร้อยละ 5", "ร้อยละ 7.5", "ร้อยละ 10"], True),
                },
                {
                    "number": 11,
                    "name": "ระดับความสำเร็จของการพัฒนาองค์การสู่ระบบราชการ 4.0 (PMQA 4.0)",
                    "weight": 10,
                    "scoring": "milestone",
                    "unit": None,
                    "criteria": _crit(
                        THREE,
                        [
                            "ประเมินองค์การด้วยตนเองตามเกณฑ์ PMQA 4.0",
                            "จัดทำแผนพัฒนาองค์การในหมวดที่มีคะแนนต่ำสุด",
                            "ดำเนินการตามแผนพัฒนาองค์การแล้วเสร็จร้อยละ 100",
                        ],
                        False,
                    ),
                },
                {
                    "number": 12,
                    "name": "คะแนนผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
                    "weight": 10,
                    "scoring": "threshold",
                    "unit": "score",
                    "criteria": _crit(THREE, ["85 คะแนน", "90 คะแนน", "95 คะแนน"], True),
                },
            ],
            "findings": [
                {"severity": "warning", "code": "weight_sum", "message": "KPI weights add up to 105, not 100"},
                {
                    "severity": "warning",
                    "code": "category_weight_mismatch",
                    "message": "category 'มิติที่ 3 ประสิทธิภาพของการปฏิบัติราชการ' has weight 20 but its KPIs (8, 9, 10) add up to 25",
                },
            ],
        }
    )
)

# Thai digits, twelve KPIs in four categories whose weights do not add up (findings); KPIs written
# `ตัวชี้วัดที่ ๑ …` in the tables, long names wrapping in their cells, the targets table over three
# pages without its header repeated; a labelled cover whose maker is `แพทย์หญิง…`, the period as a
# range and dates like `๒๔ ธ.ค. ๖๔`; no templates.
DDC_REGION7 = SyntheticCase(
    "ddc_region7_2565",
    DDC_REGION7_2565,
    Layout(
        digits="thai",
        cover="labelled",
        period_style="range",
        role_under_signature=True,
        date_style="short_year",
        framework="separate",
        category_numbers=True,
        kpi_prefix="ตัวชี้วัดที่ ",
        targets_categories="heading",
        level_labels="stage",
        repeat_header=False,
        templates=False,
        page_numbers="dash",
        font="Sawasdee",
        font_size=14.0,
    ),
)

# ---------------------------------------------------------------------------------------------

SUPHAN_EDU_2566 = _categorise(
    Agreement.model_validate(
        {
            "source": _SOURCE,
            "fiscal_year": 2566,
            "period": {"start": "2022-10-01", "end": "2023-09-30"},
            "organization": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี เขต 1",
            "parent_organization": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
            "parties": [
                {
                    "role": "grantor",
                    "name": "นายประเสริฐ ทองดี",
                    "position": "เลขาธิการคณะกรรมการการศึกษาขั้นพื้นฐาน",
                    "signed_on": "2022-12-23",
                },
                {
                    "role": "maker",
                    "name": "นายวีรยุทธ สายสุวรรณ",
                    "position": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี เขต 1",
                    "signed_on": "2022-12-19",
                },
            ],
            "scale": {"kind": "five_level", "levels": FIVE},
            "categories": [
                {"name": "องค์ประกอบที่ 1 ผลสัมฤทธิ์ทางการศึกษา", "weight": 70, "kpi_numbers": [1, 2, 3]},
                {"name": "องค์ประกอบที่ 2 ประสิทธิภาพการบริหารจัดการ", "weight": 30, "kpi_numbers": [4, 5]},
            ],
            "kpis": [
                {
                    "number": 1,
                    "name": "ร้อยละของนักเรียนชั้นประถมศึกษาปีที่ 3 ที่มีผลการประเมินความสามารถด้านการอ่าน (RT) ระดับดีขึ้นไป",
                    "weight": 25,
                    "status": "continuing",
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(FIVE, ["ร้อยละ 60", "ร้อยละ 65", "ร้อยละ 70", "ร้อยละ 75", "ร้อยละ 80"], True),
                    "baseline": _years([(2563, "ร้อยละ 58.42"), (2564, "ร้อยละ 61.37"), (2565, "ร้อยละ 64.90")]),
                    "roadmap": _years([(2566, "ร้อยละ 80"), (2567, "ร้อยละ 82")]),
                    "rounds": [
                        {"month": 6, "goal": "โรงเรียนทุกแห่งจัดกิจกรรมพัฒนาการอ่านตามแผน", "steps": []},
                        {"month": 12, "goal": "นักเรียนมีผลการประเมินการอ่านระดับดีขึ้นไปไม่น้อยกว่าร้อยละ 75", "steps": []},
                    ],
                },
                {
                    "number": 2,
                    "name": "ระดับความสำเร็จของการขับเคลื่อนโรงเรียนคุณภาพประจำตำบล",
                    "weight": 25,
                    "status": "new",
                    "scoring": "milestone",
                    "unit": None,
                    "criteria": _crit(
                        FIVE,
                        [
                            "แต่งตั้งคณะทำงานขับเคลื่อนโรงเรียนคุณภาพประจำตำบลระดับเขตพื้นที่การศึกษา",
                            "จัดทำแผนพัฒนาโรงเรียนคุณภาพประจำตำบลครบทุกโรงเรียนเป้าหมาย",
                            "นิเทศ ติดตาม และให้คำแนะนำโรงเรียนเป้าหมายอย่างน้อยภาคเรียนละ 1 ครั้ง",
                            "โรงเรียนเป้าหมายผ่านเกณฑ์การประเมินโรงเรียนคุณภาพไม่น้อยกว่าร้อยละ 80",
                            "สรุปบทเรียนและเผยแพร่แนวปฏิบัติที่ดีของโรงเรียนคุณภาพประจำตำบล",
                        ],
                        False,
                    ),
                    "rounds": [
                        {
                            "month": 6,
                            "goal": "มีแผนพัฒนาโรงเรียนคุณภาพประจำตำบลครบทุกโรงเรียนเป้าหมาย",
                            "steps": [
                                "แต่งตั้งคณะทำงานขับเคลื่อนโรงเรียนคุณภาพประจำตำบล",
                                "ประชุมชี้แจงผู้บริหารโรงเรียนเป้าหมาย",
                                "จัดทำแผนพัฒนาโรงเรียนเป็นรายโรง",
                            ],
                        },
                        {
                            "month": 12,
                            "goal": "โรงเรียนเป้าหมายผ่านเกณฑ์การประเมินโรงเรียนคุณภาพ",
                            "steps": ["นิเทศ ติดตาม โรงเรียนเป้าหมาย", "ประเมินโรงเรียนเป้าหมายตามเกณฑ์"],
                        },
                    ],
                    "deduction_points": 5,
                },
                {
                    "number": 3,
                    "name": "ร้อยละของสถานศึกษาที่รายงานข้อมูลความปลอดภัยผ่านระบบ MOE Safety Center",
                    "weight": 20,
                    "status": "continuing",
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(FIVE, ["ร้อยละ 80", "ร้อยละ 85", "ร้อยละ 90", "ร้อยละ 95", "ร้อยละ 100"], True),
                    "baseline": _years([(2564, "ร้อยละ 72.15"), (2565, "ร้อยละ 88.60")]),
                    "rounds": [
                        {"month": 6, "goal": "สถานศึกษารายงานข้อมูลไม่น้อยกว่าร้อยละ 50", "steps": []},
                        {"month": 12, "goal": "สถานศึกษารายงานข้อมูลครบร้อยละ 100", "steps": []},
                    ],
                },
                {
                    "number": 4,
                    "name": "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายภาพรวม",
                    "weight": 15,
                    "status": "continuing",
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(FIVE, ["ร้อยละ 92", "ร้อยละ 94", "ร้อยละ 96", "ร้อยละ 98", "ร้อยละ 100"], True),
                    "baseline": _years([(2563, "97.85"), (2564, "98.10"), (2565, "98.76")]),
                    "rounds": [
                        {"month": 6, "goal": "มีผลการเบิกจ่ายไม่น้อยกว่าร้อยละ 55", "steps": []},
                        {"month": 12, "goal": "มีผลการเบิกจ่ายร้อยละ 100", "steps": []},
                    ],
                    "deduction_points": 0,
                },
                {
                    "number": 5,
                    "name": "ระยะเวลาเฉลี่ยในการดำเนินการเรื่องขอย้ายและโอนของข้าราชการครู",
                    "weight": 15,
                    "status": "new",
                    "scoring": "threshold",
                    "unit": None,
                    # lower is better
                    "criteria": _crit(FIVE, ["45 วัน", "40 วัน", "35 วัน", "30 วัน", "25 วัน"], True),
                    "rounds": [
                        {"month": 6, "goal": "ระยะเวลาเฉลี่ยไม่เกิน 40 วัน", "steps": []},
                        {"month": 12, "goal": "ระยะเวลาเฉลี่ยไม่เกิน 30 วัน", "steps": []},
                    ],
                },
            ],
            "findings": [],
        }
    )
)

# Arabic digits; no targets table: the five levels and their criteria are only in the templates,
# written as lines (`ระดับ 1 : ร้อยละ 60`) under `เกณฑ์การประเมิน`, long ones wrapping; baseline
# under `ข้อมูลพื้นฐาน`; rounds named `รอบ 6 เดือน`; the unit's name after `ของ` on the cover.
SUPHAN_EDU = SyntheticCase(
    "suphan_edu_2566",
    SUPHAN_EDU_2566,
    Layout(
        digits="arabic",
        cover="paragraph",
        unit_prefix="ของ ",
        maker_signs_first=True,
        role_under_signature=True,
        date_style="short",
        framework="separate",
        number_column=True,
        weight_header="น้ำหนัก",
        targets_table=False,
        level_labels="level",
        templates=True,
        template_style="plain",
        criteria_table="lines",
        criteria_title="เกณฑ์การประเมิน",
        baseline_title="ข้อมูลพื้นฐาน",
        round_label="short",
        running_header=True,
        page_numbers="dash",
        font="Umpush",
        font_size=14.0,
    ),
)

NAKHONSAWAN_2564 = _categorise(
    Agreement.model_validate(
        {
            "source": _SOURCE,
            "fiscal_year": 2564,
            "period": {"start": "2020-10-01", "end": "2021-09-30"},
            "organization": "สำนักงานจังหวัดนครสวรรค์",
            "parent_organization": "จังหวัดนครสวรรค์",
            "parties": [
                {"role": "grantor", "name": "นายอนุสรณ์ ชัยมงคล", "position": "ผู้ว่าราชการจังหวัดนครสวรรค์", "signed_on": "2020-12-25"},
                {"role": "maker", "name": "นางสาวศศิธร พึ่งบุญ", "position": "หัวหน้าสำนักงานจังหวัดนครสวรรค์", "signed_on": "2020-12-21"},
            ],
            "scale": {"kind": "five_level", "levels": FIVE},
            "categories": [
                {"name": "ด้านที่ 1 ประสิทธิผลตามยุทธศาสตร์จังหวัด", "weight": 55, "kpi_numbers": [1, 2, 3]},
                {"name": "ด้านที่ 2 คุณภาพการให้บริการ", "weight": 15, "kpi_numbers": [4]},
                {"name": "ด้านที่ 3 การพัฒนาองค์การ", "weight": 30, "kpi_numbers": [5, 6]},
            ],
            "kpis": [
                {
                    "number": 1,
                    "name": "ร้อยละที่เพิ่มขึ้นของรายได้จากการท่องเที่ยวของจังหวัด",
                    "weight": 20,
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(FIVE, ["ร้อยละ 1", "ร้อยละ 2", "ร้อยละ 3", "ร้อยละ 4", "ร้อยละ 5"], True),
                },
                {
                    "number": 2,
                    "name": "อัตราการเสียชีวิตจากอุบัติเหตุทางถนนต่อประชากรแสนคน",
                    "weight": 20,
                    "scoring": "threshold",
                    "unit": None,
                    # lower is better, with decimals
                    "criteria": _crit(FIVE, ["24.00", "23.00", "22.00", "21.00", "20.00"], True),
                },
                {
                    "number": 3,
                    "name": "ระดับความสำเร็จของการแก้ไขปัญหาหมอกควันและไฟป่า",
                    "weight": 15,
                    "scoring": "milestone",
                    "unit": None,
                    "criteria": _crit(
                        FIVE,
                        [
                            "จัดตั้งศูนย์บัญชาการเหตุการณ์ระดับจังหวัด",
                            "จัดทำแผนป้องกันและแก้ไขปัญหาหมอกควันและไฟป่า",
                            "ดำเนินการตามแผนครบทุกอำเภอ",
                            "จำนวนจุดความร้อนลดลงจากปีที่ผ่านมาร้อยละ 10",
                            "สรุปผลและเสนอแนวทางการป้องกันในปีต่อไป",
                        ],
                        False,
                    ),
                },
                {
                    "number": 4,
                    "name": "ร้อยละของเรื่องร้องเรียนผ่านศูนย์ดำรงธรรมที่ได้รับการแก้ไขจนได้ข้อยุติ",
                    "weight": 15,
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(FIVE, ["ร้อยละ 80", "ร้อยละ 85", "ร้อยละ 90", "ร้อยละ 95", "ร้อยละ 100"], True),
                },
                {
                    "number": 5,
                    "name": "ร้อยละการเบิกจ่ายงบประมาณรายจ่ายลงทุนของจังหวัด",
                    "weight": 15,
                    "scoring": "threshold",
                    "unit": "percent",
                    "criteria": _crit(FIVE, ["ร้อยละ 80", "ร้อยละ 83", "ร้อยละ 86", "ร้อยละ 89", "ร้อยละ 92"], True),
                },
                {
                    "number": 6,
                    "name": "จำนวนนวัตกรรมการให้บริการที่ได้รับการพัฒนา",
                    "weight": 15,
                    "scoring": "threshold",
                    "unit": None,
                    "criteria": _crit(FIVE, ["1 เรื่อง", "2 เรื่อง", "3 เรื่อง", "4 เรื่อง", "5 เรื่อง"], True),
                },
            ],
            "findings": [],
        }
    )
)

# Thai digits; one table of categories, weights and targets whose categories stand in a column of
# their own, each cell merged down beside its KPIs (one category with a single KPI); levels headed
# `ระดับ ๑ … ระดับ ๕`; a falling target with decimals; the cover's signatures at the top of its
# second page; no templates.
NAKHONSAWAN = SyntheticCase(
    "nakhonsawan_2564",
    NAKHONSAWAN_2564,
    Layout(
        digits="thai",
        cover="paragraph",
        signatures_next_page=True,
        role_under_signature=True,
        date_style="words",
        framework="combined",
        framework_categories="rowspan",
        weight_header="น้ำหนัก (ร้อยละ)",
        level_labels="level",
        templates=False,
        page_numbers="dash",
        font="Kinnari",
        font_size=14.0,
    ),
)

# the same agreement with its categories in merged cells of a column of their own: a merged
# cell runs over each page break with no rule under it on the first page
RURAL_ROADS_MERGED = SyntheticCase(
    "rural_roads_2565_merged_categories",
    RURAL_ROADS_2565,
    Layout(digits="arabic", framework="combined", framework_categories="rowspan", number_column=True, templates=False),
)

CASES = [
    NAN_HEALTH,
    NAN_HEALTH_PORTRAIT,
    RURAL_ROADS,
    RURAL_ROADS_MERGED,
    MOI_ICT,
    CHIANGRAI_AGRI,
    CHIANGRAI_AGRI_TEMPLATES_ONLY,
    KHONKAEN_LAND,
    KHONKAEN_CDD,
    DDC_REGION7,
    SUPHAN_EDU,
    NAKHONSAWAN,
]
