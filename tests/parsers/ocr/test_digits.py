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


def _components_by_flood_fill(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The reference: 8-connected components by a flood fill from each first pixel, row by row."""
    h, w = mask.shape
    seen = np.zeros_like(mask, dtype=bool)
    out = []
    for y, x in zip(*np.nonzero(mask), strict=True):
        if seen[y, x]:
            continue
        stack, seen[y, x] = [(int(y), int(x))], True
        x0 = x1 = int(x)
        y0 = y1 = int(y)
        while stack:
            cy, cx = stack.pop()
            x0, x1, y0, y1 = min(x0, cx), max(x1, cx), min(y0, cy), max(y1, cy)
            for ny in (cy - 1, cy, cy + 1):
                for nx in (cx - 1, cx, cx + 1):
                    if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        out.append((x0, y0, x1 + 1, y1 + 1))
    return out


def test_components_found_on_runs_are_the_flood_fills_in_its_order() -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        h, w = (int(v) for v in rng.integers(1, 30, 2))
        mask = rng.random((h, w)) < rng.random()
        assert ocr_digits.components(mask) == _components_by_flood_fill(mask)
    ring = np.zeros((9, 9), dtype=bool)
    ring[1, 1:8] = ring[7, 1:8] = ring[1:8, 1] = ring[1:8, 7] = True
    ring[4, 4] = True  # a dot inside a ring is a component of its own
    diagonal = np.eye(5, dtype=bool)  # pixels touching at corners are one component
    assert ocr_digits.components(ring) == [(1, 1, 8, 8), (4, 4, 5, 5)]
    assert ocr_digits.components(diagonal) == [(0, 0, 5, 5)]


@needs_font
def test_glyphs_classified_together_score_as_one_by_one() -> None:
    masks = [line_mask(d, FONTS[0], 40) for d in "๑๖ก9"]
    together = ocr_digits.classify_many(masks)
    assert [got[0] if got else None for got in together] == ["๑", "๖", "ก", "9"]
    ts = ocr_digits.template_set()
    assert ts is not None
    for mask, got in zip(masks, together, strict=True):
        # the reference: this glyph alone against every template
        norm = ocr_digits.normalise(mask)
        assert norm is not None and got is not None
        scores = ts.matrix @ norm[0].ravel() - 0.5 * np.abs(np.log(norm[1]) - ts.log_aspects)
        best = sorted((int(np.argmax(np.where(ts.kind == k, scores, -np.inf))) for k in range(3)), key=lambda i: -scores[i])
        assert got[0] == ts.texts[best[0]]
        assert got[1] == pytest.approx(scores[best[0]]) and got[2] == pytest.approx(scores[best[0]] - scores[best[1]])


@needs_font
@pytest.mark.parametrize(
    ("printed", "read", "expected"),
    [
        ("รอบ ๖ เดือน", "รอบ bd เดือน", "รอบ ๖ เดือน"),  # ๖ read as Latin junk
        ("รอบ ๑๒ เดือน", "รอบ ฒ เดือน", "รอบ ๑๒ เดือน"),  # ๑๒ read as a lone letter
        ("ระบบ KPI ของ", "ระบบ KPI ของ", "ระบบ KPI ของ"),  # an acronym: no digits in the image
        ("ข้อ ก และ", "ข้อ ก และ", "ข้อ ก และ"),  # a lone letter that is one
    ],
)
def test_a_stray_token_between_thai_words_is_a_number_only_when_the_image_shows_one(
    printed: str, read: str, expected: str
) -> None:
    assert ocr_digits.has_stray_token(read)
    assert ocr_digits.reread_line(read, line_mask(printed, FONTS[0], 40)) == expected


def test_a_stray_token_is_not_asked_about_beside_a_number_or_at_a_line_end() -> None:
    assert not ocr_digits.has_stray_token("รอบ ๖ เดือน")  # the number is read already
    assert not ocr_digits.has_stray_token("ดำเนินการ b")  # not between two Thai words
    assert not ocr_digits.has_stray_token("รอบ 6 เดือน")  # Arabic digits are digits


def test_a_point_under_a_glyph_read_as_nothing_sorts_beside_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full stop found exactly under a glyph that reads as no digit (same left and right
    edge): the two sort by place, never by comparing a digit with nothing (that raised)."""
    mask = np.zeros((50, 30), dtype=bool)
    mask[0:40, 10:16] = True  # a glyph the templates do not read
    mask[41:46, 10:16] = True  # a solid dot on the baseline, just as wide
    monkeypatch.setattr(ocr_digits, "classify_many", lambda crops: [None for _ in crops])
    assert ocr_digits.read_glyphs(mask) == [(10, 16, None), (10, 16, ocr_digits.POINT)]
