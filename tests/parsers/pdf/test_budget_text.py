"""The budget book's own text-layer quirks, on the real PDF: fonts that draw ำ as a ring with no
Unicode (ToUnicode says U+FFFD) plus า, and a glyph whose ToUnicode entry is two letters."""

from __future__ import annotations

from pathlib import Path

from pipeline.textlayer import file_text

BUDGET = Path(__file__).resolve().parents[2] / "data" / "real" / "budget_fy2565_31.pdf"


def test_ring_without_unicode_is_read_as_sara_am() -> None:
    cover = dict(file_text(BUDGET, "1", ocr="never"))[1]
    assert cover.count("ประจำปีงบประมาณ") >= 2  # upright and along the spine
    assert "สำนักงบประมาณ สำนักนายกรัฐมนตรี" in cover
    assert "\ufffd" not in cover


def test_a_glyph_read_as_two_letters_keeps_both() -> None:
    contents = dict(file_text(BUDGET, "5", ocr="never"))[5]
    assert "ได้รับจากการใช้จ่ายงบประมาณ" in contents
    assert "แผนการใช้จ่ายเงินนอกงบประมาณ" in contents


def test_a_glyph_read_as_three_letters_is_not_split_by_a_space() -> None:
    # one glyph whose ToUnicode entry is น+พ+ั: the mark takes the last share of the glyph's box,
    # and the gap to ฒ is measured from there, not from พ's share
    contents = dict(file_text(BUDGET, "5", ocr="never"))[5]
    assert "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ" in contents


def test_letter_spaced_line_of_a_dev_agreement() -> None:
    # d01 page 20 has a distributed line: every letter stands apart and each mark is drawn in
    # the gap after its letter
    from tests.conftest import SAMPLES

    page = dict(file_text(SAMPLES / "d01_mdb_2566.pdf", "20", ocr="never"))[20]
    assert "เก็บ/ประมวลผล/เผยแพร่ ในแต่ละกิจกรรมของ" in page
