"""Short tokens of scanned tables: words and numbers tesseract's English model takes for Latin in
a loopless Thai face (`SOU` for รวม, `๓๕ OU` for ๓๕ วัน), and digits of faces the template
reader must know (loopless ๑ ๒ ๔ read as 9 lo ๕)."""

from __future__ import annotations

import glob
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr import digits as ocr_digits
from parsers.ocr import pages as ocr_pages
from parsers.pdf.tables import Table

LOOPED = sorted(glob.glob("/usr/share/fonts/truetype/tlwg/Laksaman.ttf") + glob.glob("/usr/share/fonts/truetype/tlwg/Garuda.ttf"))
LOOPLESS = sorted(glob.glob("/usr/share/fonts/truetype/tlwg/Sawasdee.ttf") + glob.glob("/usr/share/fonts/truetype/arundina/ArundinaSans.ttf"))
needs_font = pytest.mark.skipif(not LOOPED or not LOOPLESS, reason="no TLWG Thai fonts (fonts-tlwg-*, fonts-arundina)")
needs_ocr = pytest.mark.skipif(not ocr_pages.ocr_available(), reason="tesseract with Thai not installed")
SCANS = Path(__file__).resolve().parents[2] / "data" / "scans"


def page_line(text: str, font_path: str, size: int = 56) -> tuple[np.ndarray, ocr_pages.OCRLine]:
    """A binarised page holding one printed line, and that line's box as tesseract gives it."""
    font = ImageFont.truetype(font_path, size)
    img = Image.new("L", (60 + size * len(text), 3 * size), 255)
    ImageDraw.Draw(img).text((30, size), text, font=font, fill=0)
    binary = ocr_pages.binarise(np.asarray(img))
    ys, xs = np.nonzero(binary < 128)
    box = (int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))
    return binary, ocr_pages.OCRLine("", *box, 80.0)


def test_thai_fonts_loopless_included() -> None:
    names = " ".join(ocr_digits._thai_fonts())
    for path in LOOPLESS:
        assert path.rsplit("/", 1)[-1] in names
    assert "Mono" not in names and "Oblique" not in names


@needs_font
@pytest.mark.parametrize("font", LOOPED + LOOPLESS)
@pytest.mark.parametrize("digit", list(ocr_digits.THAI_DIGITS))
def test_every_thai_digit_of_every_face_is_read(font: str, digit: str) -> None:
    binary, ln = page_line(f"ข้อ {digit} คะแนน", font)
    strip = binary[ln.y : ln.y + ln.h, ln.x : ln.x + ln.w] < 128
    assert [r[2] for r in ocr_digits.digit_runs(strip)] == [digit]


@needs_font
@pytest.mark.parametrize("font", LOOPED + LOOPLESS)
@pytest.mark.parametrize("printed", ["2567", "0.30", "9.", "1."])
def test_arabic_digits_are_never_read_as_thai(font: str, printed: str) -> None:
    binary, ln = page_line(printed, font)
    strip = binary[ln.y : ln.y + ln.h, ln.x : ln.x + ln.w] < 128
    assert ocr_digits.digit_runs(strip) == []


@needs_ocr
@needs_font
@pytest.mark.parametrize("font", LOOPED + LOOPLESS)
@pytest.mark.parametrize(
    ("printed", "ocr", "expected"),
    [
        ("ไม่เกิน ๓๕ วัน", "ไม่เกิน ๓๕ OU", "ไม่เกิน ๓๕ วัน"),
        ("รวม", "SOU", "รวม"),
        # acronyms read in Thai make no Thai words: they stay
        ("ระบบ KPI ใหม่", "ระบบ KPI ใหม่", "ระบบ KPI ใหม่"),
        ("ITA", "ITA", "ITA"),
        ("ค่า OKR", "ค่า OKR", "ค่า OKR"),
    ],
)
def test_short_latin_words_are_read_again_in_thai(font: str, printed: str, ocr: str, expected: str) -> None:
    binary, ln = page_line(printed, font)
    assert ocr_pages._has_short_latin(ocr)
    assert ocr_pages._reread_latin_words(ocr, ln, binary) == expected


def test_lines_with_real_latin_text_are_not_read_again() -> None:
    assert not ocr_pages._has_short_latin("Performance Base (ITA)")
    assert not ocr_pages._has_short_latin("ผ่านระบบ e-Payment")
    assert not ocr_pages._has_short_latin("ร้อยละ ๙๕")


def test_thai_words_are_dictionary_words_of_two_consonants() -> None:
    assert ocr_pages._is_thai_word("วัน") and ocr_pages._is_thai_word("รวม") and ocr_pages._is_thai_word("๓๒")
    assert not ocr_pages._is_thai_word("เคพี")  # two one-consonant words: what an acronym may become
    assert ocr_pages._is_thai_word("ด้านที่")  # one of them is fine (`ด้านที่ ๑` over a category, read `AUN ๑`)
    assert not ocr_pages._is_thai_word("ห1ู")


# ---- cells: rule dashes, digit lines, short readings ------------------------------------------


def test_lines_are_marks_or_text_by_the_height_of_their_glyphs() -> None:
    line = ocr_pages.OCRLine
    ink = np.zeros((700, 300), dtype=bool)

    def letters(y: int, height: int, x0: int = 30, x1: int = 240) -> None:
        for x in range(x0, x1, 30):
            ink[y : y + height, x : x + 20] = True

    letters(10, 12)  # stacked marks (`ี้`) over the label: a tall box, small glyphs
    letters(40, 35)
    letters(120, 35)
    letters(185, 10)  # marks above the next line
    letters(203, 35)  # a line without marks above it: a low box, letters all the same
    letters(262, 35)
    lines = [
        line("ede a", 30, 5, 220, 30, 79.0),
        line("ตัวชีวัดที 1", 30, 33, 234, 48, 93.0),
        line("ของเรื่อง", 27, 104, 212, 76, 80.0),
        line("จ", 32, 181, 23, 19, 26.0),
        line("ร้องเรียนที", 28, 203, 248, 36, 93.0),
        line("ได้รับการ", 21, 245, 223, 61, 94.0),
    ]
    kept = ocr_pages._without_mark_lines(lines, ink, body=35.0)
    assert [ln.text for ln in kept] == ["ตัวชีวัดที 1", "ของเรื่อง", "ร้องเรียนที", "ได้รับการ"]


def test_stacked_marks_resting_on_the_line_below_and_ascenders_reaching_up_are_no_letters() -> None:
    """Over `…ไฟฟ้าที่เพิ่มขึ้น…` tesseract read a line `a = et`: ึ and ้ joined into one glyph
    nearly a letter tall, resting three pixels over ข; ฟ's ascender reaches up into the box. A
    line of letters of its own stands apart from the line under it."""
    line = ocr_pages.OCRLine
    ink = np.zeros((200, 300), dtype=bool)
    ink[0:12, 10:18] = True  # a tone mark
    ink[0:35, 130:170] = True  # ึ้ joined: 35 px, three over the letter below
    ink[14:78, 60:70] = True  # an ascender of the line below, running on down into it
    ink[39:78, 20:280:30] = True  # the line below (letters 39 px tall)
    body = 42.0
    marks = line("a = et", 0, 0, 182, 36, 47.0)
    assert ocr_pages._marks_only(marks, ink, body)
    apart = np.zeros((200, 300), dtype=bool)
    apart[0:35, 130:170] = True  # as tall, with the space between lines under it: a letter
    apart[55:94, 20:280:30] = True
    assert not ocr_pages._marks_only(marks, apart, body)


def test_short_readings_mixing_letters_and_digits_are_checked_for_a_number() -> None:
    assert ocr_pages._short_non_thai("ล่9")
    assert ocr_pages._short_non_thai("เดล่๐")
    assert not ocr_pages._short_non_thai("ดี")  # a short Thai word is not asked


@needs_font
@pytest.mark.parametrize("font", LOOPED + LOOPLESS)
@pytest.mark.parametrize(("ocr", "printed"), [("ล่9", "๘๕"), ("wo", "๙๐"), ("ole", "๙๒"), ("Ke", "๖๔")])
def test_a_cell_read_as_letters_that_holds_only_digits_is_the_number(font: str, ocr: str, printed: str) -> None:
    binary, ln = page_line(printed, font)
    strip = binary[ln.y - 2 : ln.y + ln.h + 2, ln.x - 2 : ln.x + ln.w + 2] < 128
    assert ocr_digits.reread_line(ocr, strip) == printed


def _cell(lines: list[str], font_path: str, size: int = 40) -> Image.Image:
    """A table cell as `ocr_page` hands it to tesseract: centred lines, white margin."""
    font = ImageFont.truetype(font_path, size)
    img = Image.new("L", (6 * size, int(1.9 * size * len(lines)) + 40), 255)
    draw = ImageDraw.Draw(img)
    for k, text in enumerate(lines):
        w = draw.textlength(text, font=font)
        draw.text(((img.width - w) / 2, 20 + int(1.7 * size * k)), text, font=font, fill=0)
    return Image.fromarray(ocr_pages.binarise(np.asarray(img)))


@needs_ocr
@needs_font
@pytest.mark.parametrize("font", LOOPED + LOOPLESS)
@pytest.mark.parametrize(("top", "under"), [("๓", "คะแนน"), ("๓๐", "โครงการ")])
def test_a_short_line_of_digits_above_a_word_is_kept(font: str, top: str, under: str) -> None:
    img = _cell([top, under], font)
    got = ocr_pages._cell_lines(img)
    assert len(got) == 2 and under in "".join(got[1].text.split())
    ink = np.asarray(img) < 128
    assert ocr_pages._digits_line(got[0], ink, ocr_pages._body_height(ink))


def _first_table_of_scan_page(page: int) -> tuple[np.ndarray, Table]:
    """The binarised image of page `page` (1-based) of the scanned sweep agreement a100204, and
    the first table its rulings make."""
    import pypdfium2 as pdfium

    from parsers.pdf.tables import find_tables

    pdf = pdfium.PdfDocument(str(SCANS / "a100204_2565.scan.pdf"))
    try:
        binary, rules = ocr_pages.prepare(ocr_pages.render(pdf, page - 1))
    finally:
        pdf.close()
    [table, *_] = find_tables([], ocr_pages.find_rulings(rules), page)
    return binary, table


@needs_ocr
def test_the_level_header_of_a_real_scan_reads_every_level() -> None:
    """a100204 page 3: `๑ / คะแนน` … `๕ / คะแนน`, tesseract made `๓` a marks line over คะแนน."""
    binary, table = _first_table_of_scan_page(3)
    header = next(row for row in table.rows if len(row) == 5)
    scale = 72.0 / ocr_pages.DPI
    got = []
    for cell in header:
        box = (int(cell.bbox[0] / scale), int(cell.bbox[1] / scale), int(cell.bbox[2] / scale), int(cell.bbox[3] / scale))
        found = ocr_pages.cell_image(binary, box)
        assert found is not None
        image = found[0]
        lines = ocr_pages._cell_lines(Image.fromarray(image))
        chars = ocr_pages._chars_of_lines(lines[:1], image, 0, 0, scale, 3, 0)
        got.append("".join(c.text for c in chars))
    assert got == list("๑๒๓๔๕")


@needs_font
@pytest.mark.parametrize("font", LOOPED + LOOPLESS)
@pytest.mark.parametrize(("ocr", "printed", "expected"), [("0.90", "๐.๑๐", "๐.๑๐"), ("0.90", "0.90", "0.90"), ("20", "20", "20")])
def test_a_cell_read_in_arabic_digits_is_thai_only_when_printed_so(font: str, ocr: str, printed: str, expected: str) -> None:
    assert ocr_pages._short_arabic(ocr)
    binary, ln = page_line(printed, font)
    strip = binary[ln.y - 2 : ln.y + ln.h + 2, ln.x - 2 : ln.x + ln.w + 2] < 128
    assert ocr_digits.reread_line(ocr, strip) == expected


# ---- inequality signs ------------------------------------------------------------------------------


@needs_font
@pytest.mark.parametrize("font", sorted(glob.glob("/usr/share/fonts/truetype/tlwg/Laksaman.ttf") + LOOPLESS[:1]))
@pytest.mark.parametrize(
    ("printed", "ocr", "expected"),
    [
        ("≥ ๘๐", "> GO", "≥ ๘๐"),  # the bar dropped, the number read as letters
        ("≥ ๑๐๐", "2 ๑๐๐", "≥ ๑๐๐"),  # the sign read as a digit
        ("≤ ๕%", "< ๕%", "≤ ๕%"),
        ("> ๙๐", "> ๙๐", "> ๙๐"),  # no bar: kept
        ("< ๓๔ วัน", "< ๓๔ วัน", "< ๓๔ วัน"),
        ("2 ๑๐๐", "2 ๑๐๐", "2 ๑๐๐"),  # a digit is no sign
        ("≤ 32 วัน", "< 32 วัน", "≤ 32 วัน"),  # Arabic digits place the sign as well
        ("≥ 80%", "> 80%", "≥ 80%"),
        ("< 30 วัน", "< 30 วัน", "< 30 วัน"),
        # a number read right stays as read: the ring of % is no digit (`< 5%` was made `< 50%`)
        ("< 5%", "< 5%", "< 5%"),
        ("> 2%", "> 2%", "> 2%"),
    ],
)
def test_inequality_signs_are_read_from_their_shape(font: str, printed: str, ocr: str, expected: str) -> None:
    binary, ln = page_line(printed, font, 48)
    strip = binary[ln.y - 2 : ln.y + ln.h + 2, ln.x - 2 : ln.x + ln.w + 2] < 128
    assert ocr_digits.signed_number(ocr, strip) == expected


@needs_ocr
def test_signs_with_a_touching_bar_in_a_real_scan() -> None:
    """a100204 page 4: `≤ ๓๔ วัน` … printed with the bar touching the chevron; tesseract reads `<`."""
    binary, table = _first_table_of_scan_page(4)
    scale = 72.0 / ocr_pages.DPI
    last_kpi = [row for row in table.rows if len(row) == 7][-1]
    got = []
    for cell in last_kpi[2:]:
        box = (int(cell.bbox[0] / scale), int(cell.bbox[1] / scale), int(cell.bbox[2] / scale), int(cell.bbox[3] / scale))
        found = ocr_pages.cell_image(binary, box)
        assert found is not None
        lines = ocr_pages._cell_lines(Image.fromarray(found[0]))
        got.append("".join(c.text for c in ocr_pages._chars_of_lines(lines[:1], found[0], 0, 0, scale, 4, 0)))
    assert all(g.startswith("≤ ") for g in got), got


@pytest.mark.parametrize(
    ("read", "thai", "expected"),
    [
        ("ปี wa.", "ปี พ.ศ.", "ปี พ.ศ."),  # the English model's reading of a Thai abbreviation
        ("ปีงบประมาณ W.A. ๒๕๖๗", "ปีงบประมาณ พ.ศ. ๒๕๖๗", "ปีงบประมาณ พ.ศ. ๒๕๖๗"),
        ("ตาม e.g. นี้", "ตาม อ.ก. นี้", "ตาม อ.ก. นี้"),
        ("ปี wa.", "ปี วา", "ปี wa."),  # the Thai reading holds no abbreviation there: kept
        ("ปี wa.", "ปีพ.ศ.", "ปี wa."),  # the words do not line up: kept
    ],
)
def test_a_latin_abbreviation_is_replaced_by_the_thai_one_read_there(
    read: str, thai: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ocr_pages._has_short_latin(read)
    monkeypatch.setattr(ocr_pages, "_line_again", lambda ln, image, lang="tha": (thai, np.zeros((1, 1), dtype=bool)))
    line = ocr_pages.OCRLine(read, 0, 0, 10, 10, 80.0)
    assert ocr_pages._reread_latin_words(read, line, np.zeros((1, 1), dtype=np.uint8)) == expected


@pytest.mark.parametrize(
    ("first", "thai", "expected"),
    [
        (["Qs Ae", "AIDIA"], "ตัวชี้วัด", ["ตัวชี้วัด"]),  # a header cell the English model took
        (["(PMQA 4.0)"], "อว", ["(PMQA 4.0)"]),  # Latin text: its Thai reading is no words
        (["Roadmap"], "รอดแมพ", ["Roadmap"]),
        (["MOO", "โครงการ"], "โครงการ", ["MOO", "โครงการ"]),  # Thai beside it: not asked again
    ],
)
def test_a_cell_read_all_in_latin_junk_is_read_again_in_thai(
    first: list[str], thai: str, expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake(img: Image.Image, psm: int = 6, lang: str = "tha+eng", ticks: tuple = ()) -> list[ocr_pages.OCRLine]:
        texts = [thai] if lang == "tha" else first
        return [ocr_pages.OCRLine(t, 10, 10 + 40 * k, 200, 30, 80.0) for k, t in enumerate(texts)]

    monkeypatch.setattr(ocr_pages, "tesseract_lines", fake)
    cell = Image.new("L", (240, 120), 255)
    assert [ln.text for ln in ocr_pages._cell_lines(cell)] == expected


def test_a_line_sharing_its_place_with_a_fuller_line_is_junk() -> None:
    # a bold heading's marks read as a line of its own a few pixels above it (tesseract is sure
    # of some of its parts), a line of signature on the right, and the next text line below
    heading = ocr_pages.OCRLine("ตัวชี้วัด 3 : ร้อยละของเรื่องร้องเรียน", 324, 231, 1819, 88, 94.0)
    junk = [
        ocr_pages.OCRLine("a ae", 339, 219, 150, 86, 61.0),
        ocr_pages.OCRLine("a", 1021, 219, 40, 86, 96.0),
    ]
    below = ocr_pages.OCRLine("ภายในระยะเวลาที่กำหนด", 321, 320, 753, 65, 95.0)
    beside = ocr_pages.OCRLine("ลงชื่อ", 2300, 240, 200, 80, 90.0)
    kept = ocr_pages._without_overlaps([junk[0], junk[1], heading, below, beside])
    assert kept == [heading, below, beside]


def test_a_short_text_line_squeezed_under_a_line_is_kept_on_a_page() -> None:
    # tesseract gave the wrapped rest `ความเห็นชอบ` a low box right over the next item: by box
    # heights alone it looked like marks over that line; the page's ink shows letters in it
    import glob

    from PIL import ImageDraw, ImageFont

    fonts = sorted(glob.glob("/usr/share/fonts/truetype/tlwg/Laksaman.ttf"))
    if not fonts:
        pytest.skip("no TLWG Thai font")
    font = ImageFont.truetype(fonts[0], 60)
    img = Image.new("L", (1600, 400), 255)
    draw = ImageDraw.Draw(img)
    # ink rows: the first line 55-117, the squeezed one 165-227, the next 271-327
    draw.text((40, 20), "75 คะแนน : จัดทำแผนการดำเนินงาน", font=font, fill=0)
    draw.text((40, 150), "ความเห็นชอบ", font=font, fill=0)
    draw.text((40, 250), "100 คะแนน : ดำเนินการตามแผน", font=font, fill=0)
    ink = np.asarray(img) < 128
    first = ocr_pages.OCRLine("75 คะแนน : จัดทำแผนการดำเนินงาน", 40, 40, 900, 100, 94.0)
    squeezed = ocr_pages.OCRLine("ความเห็นชอบ", 40, 188, 340, 39, 95.0)
    below = ocr_pages.OCRLine("100 คะแนน : ดำเนินการตามแผน", 40, 240, 900, 100, 95.0)
    assert ocr_pages._without_mark_lines([first, squeezed, below]) == [first, below]  # boxes alone
    assert ocr_pages._without_mark_lines([first, squeezed, below], ink) == [first, squeezed, below]


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("2, ประชุมชี้แจงแนวทางการดำเนินงาน", "2. ประชุมชี้แจงแนวทางการดำเนินงาน"),  # the point read as a comma
        ("๓, เสนอผู้บริหาร", "๓. เสนอผู้บริหาร"),
        ("1, 2 และ 3", "1, 2 และ 3"),  # a list of numbers
        ("1,000 ครัวเรือน", "1,000 ครัวเรือน"),  # a thousands group
    ],
)
def test_a_list_number_read_with_a_comma_is_a_list_number(ocr: str, expected: str) -> None:
    blank = np.zeros((40, 400), dtype=bool)  # no ink: only the reading decides
    assert ocr_digits.leading_number(ocr, blank) == expected


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        (", อธิบดีกรมการค้าภายใน", "อธิบดีกรมการค้าภายใน"),
        ("| ศูนย์เทคโนโลยีสารสนเทศ", "ศูนย์เทคโนโลยีสารสนเทศ"),
        ("ผู้อำนวยการ, กองคลัง", "ผู้อำนวยการ, กองคลัง"),
        ("1. ประชุมชี้แจง", "1. ประชุมชี้แจง"),
        ("- ประชุมชี้แจง", "- ประชุมชี้แจง"),
        (": ร้อยละ 80", ": ร้อยละ 80"),
        ("ญ่๗๕%", "๗๕%"),
        ("≥ ฒ่๙๐.๐", "≥ ๙๐.๐"),
        ("ร้อยละ๘๐", "ร้อยละ๘๐"),  # a word glued to its number stays
        ("> ฒ๗๕%", "> ๗๕%"),  # a bare letter between a sign and its number
        ("ข้อ ก๑", "ข้อ ก๑"),  # no sign before it: a code, kept
    ],
)
def test_a_speck_read_as_punctuation_before_a_line_is_dropped(read: str, kept: str) -> None:
    assert ocr_pages._without_leading_speck(read) == kept
