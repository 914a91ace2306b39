"""Tick boxes found on a page image by their shape, ticked or empty, and put back into text."""

from __future__ import annotations

import glob

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr.boxes import EMPTY, TICKED, TickBox, blank, find_tick_boxes, with_boxes

FONTS = sorted(
    glob.glob("/usr/share/fonts/truetype/tlwg/Laksaman*.ttf")
    + glob.glob("/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf")
    + glob.glob("/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf")
)
needs_font = pytest.mark.skipif(not FONTS, reason="no TLWG Thai font (apt-get install fonts-thai-tlwg)")


def status_line(font_path: str, first_ticked: bool, size: int = 50) -> tuple[np.ndarray, list[int]]:
    """`ประเภทตัวชี้วัด ☐ ตัวชี้วัดใหม่ ☑ ตัวชี้วัดต่อเนื่อง ๐๐ บม` drawn as a scan shows it (boxes
    as four thin strokes, a tick as two), at 300 dpi for a 12-pt line; with the boxes' left edges."""
    font = ImageFont.truetype(font_path, size)
    img = Image.new("L", (2200, 160), 255)
    draw = ImageDraw.Draw(img)
    x = 20
    lefts = []
    for k, text in enumerate(["ประเภทตัวชี้วัด", None, "ตัวชี้วัดใหม่", None, "ตัวชี้วัดต่อเนื่อง ๐๐ ๑๐๐ บม ฉบับ"]):
        if text is None:
            side = int(size * 0.7)
            top = 60
            draw.rectangle((x, top, x + side, top + side), outline=0, width=3)
            if (k == 1) == first_ticked:
                draw.line((x + 7, top + side // 2, x + side // 2 - 2, top + side - 8), fill=0, width=4)
                draw.line((x + side // 2 - 2, top + side - 8, x + side - 6, top + 6), fill=0, width=4)
            lefts.append(x)
            x += side + 20
        else:
            draw.text((x, 40), text, font=font, fill=0)
            x += int(draw.textlength(text, font=font)) + 20
    return np.asarray(img) < 128, lefts


@needs_font
@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("first_ticked", [True, False])
def test_the_two_boxes_are_found_and_only_the_ticked_one_is_ticked(font: str, first_ticked: bool) -> None:
    ink, lefts = status_line(font, first_ticked)
    found = find_tick_boxes(ink)
    # letters with straight sides (บ ม ฉ), thick rings (๐) and the line's words are no boxes
    assert [b.x0 for b in found] == lefts
    assert [b.ticked for b in found] == [first_ticked, not first_ticked]


def test_a_table_cell_is_no_box() -> None:
    ink = np.zeros((300, 600), dtype=bool)
    # a ruled grid of cells about a box's size, as a small table has: each cell's hole has sides
    # and corners, but ink outside them
    for x in range(50, 500, 40):
        ink[50:250, x : x + 3] = True
    for y in range(50, 260, 40):
        ink[y : y + 3, 50:493] = True
    assert find_tick_boxes(ink) == []


def test_blanked_boxes_leave_paper() -> None:
    image = np.full((100, 100), 255, dtype=np.uint8)
    image[20:50, 20:50] = 0
    out = blank(image, [TickBox(20, 20, 50, 50, True)])
    assert out.min() == 255 and image.min() == 0


def test_boxes_go_back_into_the_text_where_they_stood() -> None:
    # tesseract's words (per syllable, no spaces) and its spaced text carry the same letters
    words = [("ประเภท", 90.0, 0, 100), ("ตัวชี้วัด", 90.0, 100, 100), ("ตัวชี้วัด", 90.0, 300, 90), ("ใหม่", 90.0, 390, 50), ("ตัวชี้วัดต่อเนื่อง", 90.0, 520, 200)]
    text = "ประเภทตัวชี้วัด ตัวชี้วัดใหม่ ตัวชี้วัดต่อเนื่อง"
    boxes = [TickBox(240, 0, 280, 40, False), TickBox(470, 0, 510, 40, True)]
    out, merged = with_boxes(text, words, boxes)
    assert out == f"ประเภทตัวชี้วัด {EMPTY} ตัวชี้วัดใหม่ {TICKED} ตัวชี้วัดต่อเนื่อง"
    assert [w[0] for w in merged] == ["ประเภท", "ตัวชี้วัด", EMPTY, "ตัวชี้วัด", "ใหม่", TICKED, "ตัวชี้วัดต่อเนื่อง"]
