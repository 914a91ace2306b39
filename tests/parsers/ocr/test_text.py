"""What the OCR path does to tesseract's text before the parsers see it: lines cut at column
gaps (specks dropped), month names one letter off put right."""

from __future__ import annotations

from parsers.ocr.pages import _split_at_column_gaps, fix_month_names


def test_month_one_letter_off_is_put_right_only_where_a_date_has_its_month() -> None:
    assert fix_month_names("TUN ๒๐ เดือน จันวาคม ๒๕๖๕") == "TUN ๒๐ เดือน ธันวาคม ๒๕๖๕"
    assert fix_month_names("๑ ตุลาคม ๒๕๖๕") == "๑ ตุลาคม ๒๕๖๕"
    assert fix_month_names("๓ มินาคม ๖๖") == "๓ มินาคม ๖๖"  # only marks differ: the date reads it
    assert fix_month_names("ประชาคม ๒๕๖๕") == "ประชาคม ๒๕๖๕"  # not after a day: not a month slot
    assert fix_month_names("๑ กรกฏาคม พ.ศ. ๒๕๖๖") == "๑ กรกฎาคม พ.ศ. ๒๕๖๖"


def test_a_line_is_cut_where_its_words_stand_far_apart_and_specks_are_dropped() -> None:
    h = 40
    words = [
        ("(นายประเสริฐ", 90.0, 100, 200), ("วงศ์ไพบูลย์)", 90.0, 310, 200),
        ("(นางพรทิพย์", 90.0, 900, 180), ("สุขเจริญ)", 90.0, 1090, 150),
        ("|", 20.0, 1500, 10),
    ]
    parts = _split_at_column_gaps("(นายประเสริฐ วงศ์ไพบูลย์) (นางพรทิพย์ สุขเจริญ) |", words, 500, h)
    assert [(p.text, p.x, p.w) for p in parts] == [
        ("(นายประเสริฐ วงศ์ไพบูลย์)", 100, 410),
        ("(นางพรทิพย์ สุขเจริญ)", 900, 340),
    ]


def test_a_line_whose_letters_disagree_with_its_words_is_kept_whole() -> None:
    words = [("ก", 90.0, 0, 30), ("ข", 90.0, 500, 30)]
    [part] = _split_at_column_gaps("ก ค", words, 0, 40)
    assert part.text == "ก ค" and (part.x, part.w) == (0, 530)
