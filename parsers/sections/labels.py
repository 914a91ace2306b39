"""The agreement form's vocabulary: the words its parts are found by, in one place.

Parsers find each part of an agreement by its labels, never by its page, so a unit that words a
heading differently is one more spelling here, not a change in a parser. Words are compared on
`squash`ed text (spaces and layout damage removed), so they are written here as a reader sees
them. Variants a scan produces (marks above the line lost, ช read as ข) are kept beside the word
they stand for.
"""

from __future__ import annotations

import re

from parsers.thai.chars import loose

# ---- the document -------------------------------------------------------------------------------
AGREEMENT = "คำรับรองการปฏิบัติราชการ"
GRANTOR = "ผู้รับคำรับรอง"
MAKER = "ผู้ทำคำรับรอง"
SIGNED = "ลงชื่อ"
POSITION = "ตำแหน่ง"
FISCAL_YEAR = "ปีงบประมาณ"
#: a ministry's name starts with it (`กระทรวงมหาดไทย`); inside a word it is part of a unit's
#: name (`สำนักงานปลัดกระทรวงการคลัง`)
MINISTRY = "กระทรวง"
#: `ปีงบประมาณ พ.ศ. ๒๕๖๖` (the cover's and the first pages' fiscal-year line), whatever a scan
#: drew above its letters (`ประจำปีิงบประมาณ`)
FISCAL_YEAR_RE = re.compile(loose("ปีงบประมาณ") + r"\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})")
#: words that tie a party to its role in the cover's sentence (`… ตำแหน่ง X ซึ่งเป็นผู้รับคำรับรอง`,
#: `… ในฐานะผู้ทำคำรับรอง`): neither the name's nor the position's; longest first
ROLE_LINKS = ("ในฐานะที่เป็น", "ในฐานะเป็น", "ในฐานะ", "ซึ่งเป็น", "ที่เป็น")
#: labels a cover names the unit by, at the start of a line or a form's row (`ส่วนราชการ กองคลัง`,
#: `ส่วนราชการผู้ทำคำรับรอง | กองคลัง`); longest first
UNIT_LABELS = (
    "ส่วนราชการผู้ทำคำรับรอง", "หน่วยงานผู้ทำคำรับรอง", "ชื่อส่วนราชการ", "ชื่อหน่วยงาน", "ส่วนราชการ", "หน่วยงาน",
)
#: the label of the body a unit belongs to (`สังกัด กรมควบคุมโรค`, `สังกัดสำนักงานปลัดกระทรวง…`)
PARENT_LABEL = "สังกัด"
#: how the name of a body that units belong to starts; after the unit's name, as a word of its
#: own (`กองคลัง กรมเจ้าท่า`, or on the line under it), it names the unit's parent. (`จังหวัด…`
#: is not one: a unit's own name often ends with its province, `สำนักงาน… จังหวัดขอนแก่น`.)
PARENT_KINDS = ("สำนักงานปลัดกระทรวง", "กระทรวง", "กรม")
#: the titles of the head of a unit, before the unit's name in the head's position
#: (`ผู้อำนวยการกองคลัง`, `หัวหน้าสำนักงานจังหวัดลำปาง`)
UNIT_HEADS = ("ผู้อำนวยการ", "หัวหน้า", "เลขาธิการ", "เลขานุการ", "อธิบดี")
#: a letter's headings (`เรื่อง คำรับรอง…`, `เรียน ผู้ว่าราชการจังหวัด…`): never the title, never a unit
LETTER_WORDS = ("เรื่อง", "เรียน", "อ้างถึง", "สิ่งที่ส่งมาด้วย", "ข้าพเจ้า")

#: titles a person's name may start with, longest first where one is a prefix of another
TITLES = (
    "ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "ว่าที่ร.ต.", "นางสาว", "นาง", "นาย", "ดร.", "ผศ.", "รศ.", "ศ.",
    "พลตำรวจ", "พันตำรวจ", "พลเอก", "พันเอก", "พันโท", "พันตรี", "ร้อยเอก", "หม่อมหลวง", "ม.ล.", "ม.ร.ว.",
    # professional titles that stand instead of นาย/นาง (นายแพทย์ is นาย + แพทย์)
    "แพทย์หญิง", "ทันตแพทย์หญิง", "ทันตแพทย์", "เภสัชกรหญิง", "เภสัชกร", "สัตวแพทย์หญิง",
    "ผู้ช่วยศาสตราจารย์", "รองศาสตราจารย์", "ศาสตราจารย์",
)

# ---- tables -------------------------------------------------------------------------------------
KPI = "ตัวชี้วัด"
#: the English words agreements write where they mean `ตัวชี้วัด` (a header `KPI`, a row or a
#: heading `KPI 1: …`, `Key Performance Indicators`), longest first; matched case-insensitively
KPI_WORDS = ("Key Performance Indicators", "Key Performance Indicator", "KPIs", "KPI")
#: any of `KPI_WORDS` as a regex fragment: case-insensitive, however the words are spaced, and not
#: the start of a longer Latin word
KPI_WORDS_RE = (
    "(?i:" + "|".join(r"\s*".join(map(re.escape, w.split())) for w in KPI_WORDS) + ")(?![A-Za-z])"
)
WEIGHT = "น้ำหนัก"
#: the stem, for a header cell that lost its last letter at the cell's edge
WEIGHT_STEM = "น้ำหนั"
#: a category column's header (`ประเด็นการประเมิน`)
ISSUE = "ประเด็น"
TARGET = "เป้าหมาย"
LEVEL = "ระดับ"
CRITERIA = "เกณฑ์การให้คะแนน"
#: words a category's name starts with (`องค์ประกอบที่ ๑ …`, `ด้านที่ ๒ …`, `มิติที่ ๓ …`)
#: what a KPI's name opens with: it measures something (a category's name does not)
MEASURE_WORDS = (
    "ร้อยละ", "ระดับ", "ระยะเวลา", "จำนวน", "คะแนน", "ผลคะแนน", "ค่าเฉลี่ย", "อัตรา", "สัดส่วน", "มูลค่า",
    "ผลการประเมิน", "ความสำเร็จ",
)
CATEGORY_WORDS = ("องค์ประกอบ", "ด้าน", "มิติ", "ประเด็น", "ยุทธศาสตร์", "ส่วนที่", "หมวด", "เป้าประสงค์")
#: a heading that counts itself (`<word>ที่ ๒ …`), as categories are named and KPIs are not
ORDINAL_HEADING_RE = re.compile(r"^\s*[\u0e01-\u0e4e]+ที่\s*[0-9๐-๙]+(?![0-9๐-๙.,])")
#: the first cell of a total row, which closes a table
TOTAL = "รวม"
#: a KPI row's own number column
ROW_NUMBER = ("ลำดับ", "ลำดับที่", "ที่")
UNIT = "หน่วย"
#: the three-level scale's column headers and the points each level is worth
THREE_LEVELS = {"ขั้นต้น": 50.0, "มาตรฐาน": 75.0, "ขั้นสูง": 100.0}
LEVEL_WORDS = (*THREE_LEVELS, LEVEL, CRITERIA)

# ---- units and rules ----------------------------------------------------------------------------
PERCENT = "ร้อยละ"
POINTS = "คะแนน"
#: a direct KPI's rule ends `= คะแนนที่ได้` (the result is the score)
SCORE_OBTAINED = "คะแนนที่ได้"

# ---- KPI templates ------------------------------------------------------------------------------
#: `ตัวชี้วัด` as a regex that also matches a scan's reading (marks lost or swapped: `ตัวชีวัด`,
#: `ตัวชัวัด`; ช taken for ข)
KPI_LOOSE = loose(KPI).replace("ช", "[ชข]", 1)
#: `ที่` after it, however many of its marks OCR kept
ORDINAL_LOOSE = loose("ที่", below=True)
#: the template's heading `ตัวชี้วัดที่ ๓ …`, also as a scan reads it (marks lost, ช taken for ข:
#: `ตัวขี้วัดที่ 2`), or in English (`KPI 3 : …`, `KPI No. 3 …`); whatever separates the number
#: from the name (`๓.`, `๓ :`, `๓. :`, `3 -`) is not part of the name, which may start on the next line
KPI_HEADING_RE = re.compile(
    "^\\s*(?:" + KPI_LOOSE + f"(?:{ORDINAL_LOOSE})?|" + KPI_WORDS_RE + r"(?:\s*(?:[Nn]o\.?|#))?)"
    r"\s*([0-9๐-๙]{1,2})(?:(?:\s*[.:：)\-–]\s*)+|\s+|$)(.*)$"
)
#: the same heading as a scan may read it with its number misread as a sign or a Latin letter
#: (`ตัวชีวัดที =. ระยะเวลาเฉลี่ย…`) or as ๆ (`ตัวชีวัดที ๆ ผลคะแนน…`, ๗): `ที่`, one or two such
#: characters and a separator (after ๆ maybe none), a name
KPI_HEADING_UNREAD_RE = re.compile(
    "^\\s*" + KPI_LOOSE + f"(?:{ORDINAL_LOOSE})" + r"\s*(?:[^\s\u0e00-\u0e7f0-9]{1,2}\s*[.:：]|[ๆฯ]\s*[.:：]?)\s*([\u0e01-\u0e4e].*)$"
)
#: or with the KPI word read by the English model (`AIAIAN 8 ร้อยละ…` for ตัวชี้วัดที่ 8): Latin
#: letters alone, a number, a Thai name; taken only where that number is the next template's
KPI_HEADING_GARBLED_RE = re.compile(r"^\s*[A-Za-z]{3,8}\s+([0-9๐-๙]{1,2})\s*[.:]?\s+([\u0e01-\u0e4e].*)$")
STATUS_WORDS = (("continuing", "ตัวชี้วัดต่อเนื่อง"), ("new", "ตัวชี้วัดใหม่"))
#: labels that end a KPI's name where the template's heading runs on
NAME_STOPS = (
    "ตัวชี้วัดต่อเนื่อง", "ตัวชี้วัดใหม่", "น้ำหนัก", "ค่าน้ำหนัก", "คำอธิบาย", "หน่วยวัด", "การถ่ายทอดตัวชี้วัด",
    "นิยาม", "ตัวชี้วัดระดับ", "สถานะ", "ประเภทตัวชี้วัด", "หน่วยนับ",
)
BASELINE_WORDS = ("ผลการดำเนินงาน", "ข้อมูลพื้นฐาน", "baseline")
ROADMAP_WORDS = (TARGET, "roadmap", "แผนระยะยาว")
STEPS = "ขั้นตอนการดำเนินงาน"
#: the word every round's name has (`รอบ 6 เดือน`, `รอบการประเมินที่ 1`): a label with it starts a round's row
ROUND = "รอบ"
#: what a template's label of past results starts with (`ข้อมูลพื้นฐาน`, `ผลการดำเนินงานย้อนหลัง`,
#: `ผลการดำเนินงานที่ผ่านมา (Baseline Data)`, `ข้อมูลผลการดำเนินงานในอดีต`): the families, not one
#: unit's wordings
BASELINE_LABELS = ("ข้อมูลพื้นฐาน", "ผลการดำเนินงาน", "ข้อมูลผลการดำเนินงาน", "ข้อมูลย้อนหลัง", "ข้อมูลปีฐาน", "baseline")
#: a row (or column) of measured values by year, beside `ผลการดำเนินงาน` (`ค่าที่วัดได้ | 80 | 85`)
MEASURED_WORDS = ("ค่าที่วัดได้", "ผลที่วัดได้", "ผลการวัด")
#: what a template's label of targets by year starts with (`ค่าเป้าหมายระยะยาว`, `เป้าหมายรายปี
#: (Roadmap)`, `ค่าเป้าหมายในอนาคต`, `แผนค่าเป้าหมาย 3 ปี`)
ROADMAP_LABELS = ("ค่าเป้าหมาย", "เป้าหมายรายปี", "เป้าหมายระยะ", "เป้าหมายในอนาคต", "แผนค่าเป้าหมาย", "แผนระยะยาว", "roadmap")
#: what a template's criteria label starts with (`เกณฑ์การให้คะแนน`, `เกณฑ์การประเมิน(ผล)`, `เกณฑ์การวัดผล`)
CRITERIA_LABEL = "เกณฑ์"
#: a round's goal label (`เป้าหมาย: …`, `เป้าหมายการดำเนินงาน : …`, `ผลสำเร็จ : …`) and steps label
#: (`ขั้นตอนการดำเนินงาน`, `ขั้นตอน/กิจกรรม`, `กิจกรรม`), each a label a round's lines may carry
ROUND_GOAL_LABELS = ("เป้าหมาย", "ผลสำเร็จ", "ผลลัพธ์")
ROUND_STEPS_LABELS = ("ขั้นตอน", "กิจกรรม", "แผนการดำเนินงาน")
#: what the heading of a template's part opens with (`เป้าหมายการดำเนินงานรายรอบ`, `ขั้นตอนการ
#: ดำเนินงาน`, `เงื่อนไข`, `แผนระยะยาว`): a line that is only such a heading is never the wrapped
#: rest of the criterion above it. (Not the words a criterion's text often wraps onto a line of
#: its own: `ผลการดำเนินงาน…`, `ผลสำเร็จ…`, `ข้อมูล…`, `กิจกรรม…`.)
PART_HEADING_WORDS = ("เป้าหมาย", "ขั้นตอน", "เงื่อนไข", "แผนระยะยาว", "แผนค่าเป้าหมาย", "การติดตาม")
#: a round's name opening a line (`รอบ 6 เดือน`, `ผลการดำเนินงานรอบ 6 เดือน (…)`, `รอบที่ 2`,
#: `รอบการประเมินที่ 1`) or a heading over the rounds (`…รายรอบ`): the rounds start there
ROUND_NAME_RE = re.compile(
    r"^\s*[\u0e01-\u0e4e]{0,24}?รอบ\s*(?:การประเมิน)?\s*(?:ที\u0e48?\s*[0-9๐-๙]{1,2}|[0-9๐-๙]{1,2}\s*เดือน)"
    r"|^\S{0,30}รายรอบ\s*:?\s*$"
)
