"""The line builder on synthetic glyphs: marks find their base whatever the drawing order,
spaces are real, ำ is composed, boxes are kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parsers.pdf.glyphs import Char
from parsers.pdf.lines import build_lines
from parsers.pdf.wrapping import join_wrapped
from parsers.thai.chars import is_mark
from parsers.thai.pua import map_pua

SIZE = 16.0
ADV = 8.0


def layout(
    text: str, x: float = 50.0, baseline: float = 100.0, gap_after: dict[int, float] | None = None
) -> list[Char]:
    """Glyphs of `text` as a PDF draws them: bases advance, marks sit over the previous base."""
    chars: list[Char] = []
    gap_after = gap_after or {}
    last_base: Char | None = None
    for i, ch in enumerate(text):
        if ch == " ":
            chars.append(Char(" ", x, x + 5.0, baseline - 12, baseline + 4, baseline, x, SIZE, "F", i, 1))
            x += 5.0
            continue
        if is_mark(map_pua(ch)) and last_base is not None:
            cx = last_base.x0 + ADV * 0.6
            chars.append(
                Char(
                    ch,
                    cx - 1.5,
                    cx + 1.5,
                    baseline - 16,
                    baseline - 12,
                    baseline,
                    last_base.x1,
                    SIZE,
                    "F",
                    i,
                    1,
                )
            )
            continue
        c = Char(ch, x, x + ADV, baseline - 12, baseline + 4, baseline, x, SIZE, "F", i, 1)
        chars.append(c)
        last_base = c
        x += ADV + gap_after.get(i, 0.0)
    return chars


def text_of(chars: list[Char]) -> str:
    return "\n".join(ln.text for ln in build_lines(chars))


def test_plain_word() -> None:
    assert text_of(layout("ผู้อำนวยการ")) == "ผู้อำนวยการ"


def test_marks_drawn_after_the_whole_word_still_attach_by_position() -> None:
    chars = layout("ยุทธศาสตร์")
    marks = [c for c in chars if is_mark(c.text)]
    bases = [c for c in chars if not is_mark(c.text)]
    for k, c in enumerate(bases + marks):  # stream order: all letters, then all marks
        c.index = k
    assert text_of(bases + marks) == "ยุทธศาสตร์"


def test_tone_and_vowel_in_any_stream_order() -> None:
    chars = layout("ที่")
    chars[1].index, chars[2].index = chars[2].index, chars[1].index
    assert text_of(chars) == "ที่"


def test_nikhahit_plus_aa_becomes_sara_am() -> None:
    # น ํ ้ า as LibreOffice draws น้ำ
    chars = layout("น\u0e4d\u0e49\u0e32")
    assert text_of(chars) == "น้ำ"


def test_gap_without_space_glyph_is_not_a_space() -> None:
    chars = layout("ลักษณะ", gap_after={1: 1.0})  # side bearings, justified text
    assert text_of(chars) == "ลักษณะ"


def test_wide_gap_is_a_space_and_space_glyph_is_a_space() -> None:
    assert text_of(layout("นาย ก", gap_after={})) == "นาย ก"
    assert text_of(layout("นายก", gap_after={2: 0.45 * SIZE})) == "นาย ก"
    # a Thai digit against a Thai word: a smaller gap is a space (`๕ โครงการ`), as between Thai
    # and Latin; between two Thai letters the same gap is side bearing
    assert text_of(layout("๕โครงการ", gap_after={0: 0.2 * SIZE})) == "๕ โครงการ"
    assert text_of(layout("โครงการ", gap_after={0: 0.2 * SIZE})) == "โครงการ"


def test_very_wide_gap_splits_columns() -> None:
    lines = build_lines(layout("กขค", gap_after={1: 4 * SIZE}))
    assert [ln.text for ln in lines] == ["กข", "ค"]


def test_two_lines_by_baseline_and_marks_stay_on_their_line() -> None:
    top = layout("ที่", baseline=100)
    bottom = layout("นี้", baseline=130)
    for k, c in enumerate(top + bottom):
        c.index = k
    assert text_of(top + bottom) == "ที่\nนี้"


def test_each_character_keeps_its_box() -> None:
    ln = build_lines(layout("กข"))[0]
    assert len(ln.boxes) == len(ln.text)
    assert ln.boxes[0][0] == 50.0 and ln.boxes[1][0] == 58.0


def test_pua_glyphs_are_mapped() -> None:
    chars = layout("เจ\uf70bา")
    assert text_of(chars) == "เจ้า"


@given(st.permutations(range(5)))
def test_stream_order_of_a_word_does_not_matter(order: list[int]) -> None:
    chars = layout("ปี่ที่")  # ป ี ่ ท ี ่ → 6 glyphs; shuffle the marks' stream positions
    marks = [c for c in chars if is_mark(c.text)]
    for k, m in zip(order, marks, strict=False):
        m.index = 100 + k
    assert text_of(chars) == "ปี่ที่"


def test_join_wrapped_rules() -> None:
    def lines(*texts: str) -> list:
        out = []
        for k, t in enumerate(texts):
            out.extend(build_lines(layout(t, baseline=100 + 30 * k)))
        return out

    assert join_wrapped(lines("สำนักงานปลัดกระทรวง", "เกษตรและสหกรณ์")) == "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์"
    assert join_wrapped(lines("ขั้นตอน", "1) ศึกษา")) == "ขั้นตอน 1) ศึกษา"
    assert join_wrapped(lines("(Self", "-Assessment)")) == "(Self-Assessment)"
    assert join_wrapped(lines("ประจำปี", "พ.ศ. 2566")) == "ประจำปี พ.ศ. 2566"
    assert join_wrapped(lines("ร้อยละ", "100")) == "ร้อยละ 100"
    # a line filled to the right edge: a lone Latin word wider than the line was broken, while a
    # line that also holds other words was wrapped at a space
    edge = 50.0 + 13 * ADV
    assert join_wrapped(lines("https://www.o", "pdc.go.th"), right_edge=50.0 + 13 * ADV) == "https://www.opdc.go.th"
    assert join_wrapped(lines("ระบบ ISO/IEC", "27001"), right_edge=50.0 + 12 * ADV) == "ระบบ ISO/IEC 27001"
    assert join_wrapped(lines("แพลตฟอร์ม (Data", "Catalog)"), right_edge=edge + 2 * ADV) == "แพลตฟอร์ม (Data Catalog)"
    # Thai layout cuts numbers and lower-case words wherever the line is full
    assert join_wrapped(lines("ความต้องการ (Requireme", "nt)"), right_edge=50.0 + 19 * ADV) == "ความต้องการ (Requirement)"
    assert join_wrapped(lines("คุ้มครองข้อมูล พ.ศ. 256", "2"), right_edge=50.0 + 20 * ADV) == "คุ้มครองข้อมูล พ.ศ. 2562"
    assert join_wrapped(lines("(Requireme", "nt)")) == "(Requireme nt)"  # not full: no way to know
    # a number wider than its cell, broken where the Thai breaker chose (not at a full line): the
    # number the next line starts with would not have fitted after the first piece
    assert join_wrapped(lines("๑๐", "๐.๐"), inner_right=50.0 + 4 * ADV) == "๑๐๐.๐"
    assert join_wrapped(lines("๑๐", "๐.๐"), inner_right=50.0 + 6 * ADV) == "๑๐ ๐.๐"  # it would have
    assert join_wrapped(lines("ขั้นตอน", "2.5 ศึกษา")) == "ขั้นตอน 2.5 ศึกษา"  # a decimal, not item 2
    # punctuation sits against its word across a wrap
    assert join_wrapped(lines("ไม่เกิน 5", "%")) == "ไม่เกิน 5%"
    assert join_wrapped(lines("คะแนน (", "ITA)")) == "คะแนน (ITA)"
    assert join_wrapped(lines("พื้นฐาน (จปฐ", ".)")) == "พื้นฐาน (จปฐ.)"
    # letters meeting digits in a full cell: two words
    assert join_wrapped(lines("(PMQA", "4.0)"), right_edge=50.0 + 5 * ADV, inner_right=50.0 + 6 * ADV) == "(PMQA 4.0)"


def _ring(before: Char, index: int) -> Char:
    """A small glyph the font maps to U+FFFD, drawn over the right of `before`: the ring of ำ."""
    cx = before.x1 - 2.0
    return Char("\ufffd", cx - 1.5, cx + 1.5, before.top, before.bottom, before.baseline, before.x1, SIZE, "F", index, 1)


def test_unmapped_ring_before_sara_aa_is_the_ring_of_sara_am() -> None:
    # ส � า น ั ก: the font drew ำ as a ring without Unicode, then า
    chars = layout("สานัก")
    ring = _ring(chars[0], 0)
    for c in chars[1:]:
        c.index += 1
    ring.index = 1
    assert text_of(chars[:1] + [ring] + chars[1:]) == "สำนัก"


def test_unmapped_glyph_elsewhere_stays_flagged() -> None:
    chars = layout("สนัก")  # not before า: nothing says what it is
    ring = _ring(chars[0], 1)
    for c in chars[1:]:
        c.index += 1
    assert "\ufffd" in text_of(chars[:1] + [ring] + chars[1:])


def test_a_glyph_mapped_to_two_letters_keeps_both_but_an_overprint_is_one() -> None:
    # one glyph whose ToUnicode entry is กก: pdfium gives both letters the glyph's pen position and
    # each its own half of the box
    chars = layout("จากการ")
    second = chars[3]
    second.origin_x = chars[2].origin_x
    assert text_of(chars) == "จากการ"
    # the same word printed twice half a point apart (simulated bold): read once
    copy = layout("จากการ", x=50.5)
    for k, c in enumerate(copy):
        c.index = 100 + k
    assert text_of(layout("จากการ") + copy) == "จากการ"


def _letter_spaced(text: str, spacing: float) -> list[Char]:
    """`text` as a distributed (letter-spaced) line draws it: every glyph's pen moves on by
    `spacing` after it, and a mark is drawn from the pen after that spacing, so its ink falls in
    the gap after its base."""
    chars = layout(text, gap_after={i: spacing for i in range(len(text))})
    for c in chars:
        if is_mark(c.text):
            c.x0 += spacing
            c.x1 += spacing
            c.origin_x += spacing
    return chars


def test_letter_spaced_line_has_no_spaces_inside_words_and_marks_stay_on_their_base() -> None:
    assert text_of(_letter_spaced("ในแต่ละกิจกรรมของ", 0.3 * SIZE)) == "ในแต่ละกิจกรรมของ"


def test_letter_spaced_line_keeps_its_real_spaces() -> None:
    chars = _letter_spaced("เผยแพร่ ในแต่ละกิจกรรม", 0.3 * SIZE)
    assert text_of(chars) == "เผยแพร่ ในแต่ละกิจกรรม"


def test_pdfiums_space_after_a_comparison_sign_is_kept() -> None:
    """A page that draws no spaces (Chromium): pdfium's own space between `≤` and its number is
    the writer's word space (`≤ 34 วัน`), in a gap the letter-gap rule alone finds too narrow
    (the line's letters stand 0.15 em apart); after a bracket it is no word space."""

    def line(first: str) -> str:
        gaps = {k: 0.15 * SIZE for k in range(8)} | {0: 0.3 * SIZE}
        chars = layout(first + "3456789", gap_after=gaps)
        x = chars[0].x1 + 0.1 * SIZE
        chars.append(Char(" ", x, x, 88, 104, 100.0, x, SIZE, "F", 99, 1, generated=True))
        return text_of(chars)

    assert line("≤") == "≤ 3456789"
    assert line("(") == "(3456789"
