"""Thai digits re-read by shape from line images rendered with an installed Thai font."""

from __future__ import annotations

import glob

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr import digits as ocr_digits
from parsers.ocr.pages import despeckle

FONTS = sorted(glob.glob("/usr/share/fonts/truetype/tlwg/Laksaman.ttf") + glob.glob("/usr/share/fonts/truetype/tlwg/Garuda.ttf"))
#: loopless faces (digits drawn without their loops, ๐ like o), as some agreements are printed in
LOOPLESS = sorted(glob.glob("/usr/share/fonts/truetype/tlwg/Sawasdee.ttf") + glob.glob("/usr/share/fonts/truetype/arundina/ArundinaSans.ttf"))
needs_font = pytest.mark.skipif(not FONTS, reason="no TLWG Thai font (apt-get install fonts-tlwg-laksaman-ttf)")


def line_mask(text: str, font_path: str, size: int = 48) -> np.ndarray:
    font = ImageFont.truetype(font_path, size)
    img = Image.new("L", (40 + size * len(text), 2 * size), 255)
    ImageDraw.Draw(img).text((20, size // 3), text, font=font, fill=0)
    mask = np.asarray(img) < 128
    ys = np.nonzero(mask.any(axis=1))[0]
    return mask[max(0, ys.min() - 2) : ys.max() + 3]


@needs_font
@pytest.mark.parametrize("font", FONTS + LOOPLESS)
@pytest.mark.parametrize("number", ["๒๕๖๗", "๓๐", "๑๙", "๗๐", "๘๕", "๔", "๑๐๐"])
def test_digit_runs_read_every_thai_digit(font: str, number: str) -> None:
    runs = ocr_digits.digit_runs(line_mask(f"ปีงบประมาณ {number} กันยายน", font))
    assert [r[2] for r in runs] == [number]


@needs_font
@pytest.mark.parametrize("font", FONTS + LOOPLESS)
def test_letters_are_never_forced_into_digits(font: str) -> None:
    assert ocr_digits.digit_runs(line_mask("การประเมินประสิทธิภาพ ดำเนินงาน", font)) == []


@needs_font
def test_reread_line_replaces_misread_tokens_in_order() -> None:
    mask = line_mask("วันที่ ๓๐ กันยายน ๒๕๖๗", FONTS[0])
    assert ocr_digits.reread_line("วันที่ mo กันยายน ๒๕๒๐", mask) == "วันที่ ๓๐ กันยายน ๒๕๖๗"


@needs_font
def test_reread_line_keeps_text_when_runs_and_tokens_disagree() -> None:
    mask = line_mask("วันที่ ๓๐ กันยายน ๒๕๖๗", FONTS[0])
    text = "วันที่ ๓๐ กันยายน ๒๕๒๐ ๑"  # three numbers read, two in the image: no safe pairing
    assert ocr_digits.reread_line(text, mask) == text


@needs_font
def test_a_cell_holding_only_a_number_becomes_that_number() -> None:
    assert ocr_digits.reread_line("ฒ่๐", line_mask("๗๐", FONTS[0])) == "๗๐"


def test_latin_words_are_not_numbers() -> None:
    assert not ocr_digits.has_number_token("Performance Base (ITA)")
    assert not ocr_digits.has_number_token("ผ่านระบบ e-Payment ไม่น้อยกว่า")  # e looks like ๑
    assert not ocr_digits.has_number_token("ระบบ Pre-e ใหม่")
    assert ocr_digits.has_number_token("ถึงวันที่ mo กันยายน")


def test_thai_one_hyphenated_to_a_latin_word_is_the_letter_e() -> None:
    assert ocr_digits.latin_e_prefix("ผ่านระบบ ๑-Payment ไม่น้อยกว่า") == "ผ่านระบบ e-Payment ไม่น้อยกว่า"
    assert ocr_digits.latin_e_prefix("(๑-Service)") == "(e-Service)"
    assert ocr_digits.latin_e_prefix("ข้อ ๑-๓") == "ข้อ ๑-๓"  # a range of numbers stays
    assert ocr_digits.latin_e_prefix("๒๑-Payment") == "๒๑-Payment"  # part of a longer number
    assert ocr_digits.latin_e_prefix("ผ่านระบบ ๑-", "Payment ไม่น้อยกว่า") == "ผ่านระบบ e-"  # wrapped
    assert ocr_digits.latin_e_prefix("ข้อ ๑-", "๓ ของแผน") == "ข้อ ๑-"
    assert not ocr_digits.has_number_token("ผ่านระบบ e-")  # e-… wrapped onto the next line


def test_despeckle_removes_dust_and_keeps_full_stops() -> None:
    img = np.full((60, 60), 255, dtype=np.uint8)
    img[10, 10] = 0  # dust
    img[30:31, 40:42] = 0  # dust
    img[45:55, 20:30] = 0  # a full stop at 300 dpi
    out = despeckle(img)
    assert out[10, 10] == 255 and (out[30, 40:42] == 255).all()
    assert (out[45:55, 20:30] == 0).all()


@needs_font
@pytest.mark.parametrize("font", FONTS)
def test_a_list_number_opening_the_line_is_read_even_when_the_rest_disagrees(font: str) -> None:
    # tesseract wrote `le.` for ๒. and `mo` for ๓๐; in some fonts the o of Potential also reads
    # as ๐, so the counts differ: the opening number is still the strip's first digits
    mask = line_mask("๒. การประเมินศักยภาพ (Potential Base) ๓๐", font)
    out = ocr_digits.reread_line("le. การประเมินศักยภาพ (Potential Base) mo", mask)
    assert out.startswith("๒. การประเมินศักยภาพ (Potential Base) ")
    assert out.endswith((" ๓๐", " mo"))
