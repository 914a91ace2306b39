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


_LEADING = re.compile(r"^(?:ไม่น้อยกว่า\s*)?(?:ร้อยละ\s*)?(\d+(?:\.\d+)?)")


def _value(text: str) -> float | None:
    """The number a target or a year's value states when it is a number (`ร้อยละ 80`, `80 คะแนน`,
    `ไม่น้อยกว่า 20 โครงการ`, `72.50`); the truth's own rule, independent of the parsers'."""
    m = _LEADING.match(text)
    return float(m.group(1)) if m else None


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

CASES = [NAN_HEALTH, NAN_HEALTH_PORTRAIT, RURAL_ROADS, MOI_ICT, CHIANGRAI_AGRI, CHIANGRAI_AGRI_TEMPLATES_ONLY]
