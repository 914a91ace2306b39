"""Marks above the line that OCR lost or misread, put back from the dictionary (`parsers.ocr.marks`):
only where what was read is no dictionary word, only to dictionary words with the same letters;
names, abbreviations and acronyms stay as read."""

from __future__ import annotations

import pytest

from parsers.ocr import pages as ocr_pages
from parsers.ocr.marks import repair_marks, repair_run
from parsers.thai.chars import without_upper_marks


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("ร้อยละของหน่วยงานท่ผ่านเกณฑ์", "ร้อยละของหน่วยงานที่ผ่านเกณฑ์"),  # ที่ lost its vowel
        ("ตัวชวัดท ๑", "ตัวชี้วัดที่ ๑"),  # both words lost their marks
        ("ดำเน็นการตามแผนครบทุกกิจกรรม", "ดำเนินการตามแผนครบทุกกิจกรรม"),  # ิ read as ็
        ("จัดทำแผนการดำเนนงาน", "จัดทำแผนการดำเนินงาน"),
        ("ถอดบทเรียนและเผยแพร่แนวปฏิบัติทิดี", "ถอดบทเรียนและเผยแพร่แนวปฏิบัติที่ดี"),
        ("ตามแผนปฏิบตราชการประจำป", "ตามแผนปฏิบัติราชการประจำปี"),
        ("ไม่น็อยกว่าร้อยละ ๙๐", "ไม่น้อยกว่าร้อยละ ๙๐"),
        # covered as read only in pieces (ชี + แจง, ขัน + ตอน), far likelier repaired
        ("ประชุมชีแจงแนวทาง", "ประชุมชี้แจงแนวทาง"),
        ("ขันตอนการดำเนินงาน", "ขั้นตอนการดำเนินงาน"),
        ("จัดอบรมเจ้าหน้าทีผู้ปฏิบัติงาน", "จัดอบรมเจ้าหน้าที่ผู้ปฏิบัติงาน"),
    ],
)
def test_marks_lost_or_misread_are_put_back(read: str, meant: str) -> None:
    assert repair_marks(read) == meant


@pytest.mark.parametrize(
    "text",
    [
        "ระดับความสำเร็จของการดำเนินงานตามแผนปฏิบัติราชการประจำปี",  # all words: untouched
        "นางศิริพร ศรีสุข",  # a name is no misread word (not ศรีพร)
        "สำนักงาน ก.พ.ร. ปีงบประมาณ พ.ศ. ๒๕๖๖",  # abbreviations: a point touches them
        "ของ สป.กษ. และ ศพก.",
        "มติ ครม. และ สพฐ",  # an acronym without points
        "ตัวชีวัด",  # every piece a word as read (ตัว ชี วัด), not much less likely: kept
        "จำนวน ๕ เรือง",  # a word as read (เรือง), however likelier เรื่อง would be
        "ระดับความสำเร็วของการ",  # a letter misread (จ as ว): letters never change
        "KPI 4.0 (Self-Assessment)",
        # a letter OCR invented: no rare short word is made of it, no mark is taken away
        "ส่งเสริมผลิตภัณฑ์ชุมชนสฮู่ตลาดออนไลน์",
        "เผยแพร่แนว รปฏิบัติที่ดี",
        "ฐานข้อมูลและเชซื่อมโยงกับ",
    ],
)
def test_text_the_dictionary_reads_or_cannot_repair_stays(text: str) -> None:
    assert repair_marks(text) == text


def test_only_marks_above_the_line_change() -> None:
    for read in ("ผลการดำเนนงานตามตัวชวัดทีกำหนด", "กอดบทเรียนและเผยแพร่แนวปฏิบติทีดิ", "ทุกกภิจกรรม"):
        fixed = repair_run(read)
        squash = str.maketrans({"\u0e33": "\u0e32"})
        assert without_upper_marks(fixed).translate(squash) == without_upper_marks(read).translate(squash)


def test_tesseract_runs_on_one_thread_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    assert ocr_pages._tesseract_env()["OMP_THREAD_LIMIT"] == "1"
    monkeypatch.setenv("OMP_THREAD_LIMIT", "4")
    assert ocr_pages._tesseract_env()["OMP_THREAD_LIMIT"] == "4"


def test_in_words_is_the_dictionary_reading_as_written() -> None:
    from parsers.ocr.marks import in_words

    assert in_words("ตัวชี้วัด") and in_words("โครงการ")
    assert not in_words("ตวชวด")  # marks lost: pieces of no word
    assert not in_words("น") and not in_words("")  # a letter alone is no word


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("ประเด็นที ๑ คุณภาพการให้บริการ", "ประเด็นที่ ๑ คุณภาพการให้บริการ"),
        ("วันที 15 ตุลาคม 2566", "วันที่ 15 ตุลาคม 2566"),
        ("ครั้งที ๒", "ครั้งที่ ๒"),
        ("ภายใน ๑๕ นาที ๒ ครั้ง", "ภายใน ๑๕ นาที ๒ ครั้ง"),  # minutes, not an ordinal
        ("ทีละ 2 คน", "ทีละ 2 คน"),
    ],
)
def test_ti_before_a_number_is_the_ordinal(read: str, expected: str) -> None:
    assert repair_marks(read) == expected
