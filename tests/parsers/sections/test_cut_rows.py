"""Template table rows that a page break cut in two (Word and LibreOffice let a row break across
pages): the rest of a label-and-value row under a label fragment, a label moved whole to the next
page away from its value, the criteria row under a repeated header of levels, a level's row read
down; and the wrapped-line rules at a page break and at a tall font's pitch."""

from __future__ import annotations

from parsers.pdf.lines import Boxes, Line
from parsers.pdf.tables import Cell, Table
from parsers.sections.criteria import rest_of_cut_row, text_criteria
from parsers.sections.doctext import squash
from parsers.sections.history import labelled_history, years_carry_on
from parsers.sections.layout import continues, wraps_onto
from parsers.sections.template import TemplateInfo, label_rows

PITCH = 18.0


def _line(text: str, x0: float, top: float, page: int, size: float = 13.0, width: float | None = None) -> Line:
    """A line whose characters share its width evenly."""
    w = (width if width is not None else 6.0 * len(text)) / max(len(text), 1)
    return Line(text, Boxes((x0 + k * w, top, x0 + (k + 1) * w, top + size) for k in range(len(text))), page, size)


def _cell(texts: list[str], x0: float, x1: float, top: float, page: int) -> Cell:
    lines = [_line(t, x0 + 4.0, top + 4.0 + PITCH * k, page) for k, t in enumerate(texts)]
    bottom = top + 8.0 + PITCH * max(len(texts), 1)
    return Cell((x0, top, x1, bottom), page, lines, "\n".join(texts))


def _table(rows: list[list[list[str]]], page: int, top: float = 60.0, cols: tuple[float, ...] = (70.0, 190.0, 540.0)) -> Table:
    """A table of rows of cells, each cell a list of its lines, the columns at `cols`."""
    out: list[list[Cell]] = []
    y = top
    for row in rows:
        cells = [_cell(texts, cols[k], cols[k + 1], y, page) for k, texts in enumerate(row)]
        out.append(cells)
        y = max(c.bottom for c in cells)
    return Table(page, (cols[0], top, cols[-1], y), out)


def _pairs(tables: list[Table]) -> list[tuple[str, str]]:
    return [(squash(lab.text), squash(val.text)) for lab, val in label_rows(tables)]


# ---- label-and-value rows -------------------------------------------------------------------


def test_label_fragment_over_the_rest_of_a_roadmap_joins_the_row_above() -> None:
    foot = _table([[["หน่วยนับ"], ["ร้อยละ"]], [["แผนค่าเป้าหมาย 3"], ["ปีงบประมาณ 2567 : 90%"]]], page=6, top=700.0)
    top = _table([[["ปี"], ["ปีงบประมาณ 2568 : 90%", "ปีงบประมาณ 2569 : 90%"]], [["แหล่งข้อมูล"], ["รายงาน"]]], page=7)
    pairs = label_rows([foot, top])
    assert [squash(lab.text) for lab, _ in pairs] == [squash(t) for t in ("หน่วยนับ", "แผนค่าเป้าหมาย 3 ปี", "แหล่งข้อมูล")]
    info = TemplateInfo(3, "", [6, 7])
    labelled_history([], pairs, info)
    assert [(y.year, y.value) for y in info.roadmap] == [(2567, 90.0), (2568, 90.0), (2569, 90.0)]


def test_next_row_with_a_label_of_its_own_stays_a_row_though_its_years_go_on() -> None:
    foot = _table([[["ข้อมูลพื้นฐาน"], ["ปีงบประมาณ 2565 : 80", "ปีงบประมาณ 2566 : 85"]]], page=6, top=700.0)
    top = _table([[["ค่าเป้าหมาย"], ["ปีงบประมาณ 2567 : 90", "ปีงบประมาณ 2568 : 95"]]], page=7)
    assert [lab for lab, _ in _pairs([foot, top])] == [squash("ข้อมูลพื้นฐาน"), squash("ค่าเป้าหมาย")]


def test_label_fragment_over_the_rest_of_the_levels_joins_the_criteria_row() -> None:
    foot = _table([[["เกณฑ์การประเมิน"], ["ขั้นต้น 50 : ≤ 3%"]]], page=3, top=740.0)
    top = _table([[["ผล"], ["มาตรฐาน 75 : ≤ 2%", "ขั้นสูง 100 : ≤ 1%"]], [["แหล่งข้อมูล"], ["รายงาน"]]], page=4)
    pairs = label_rows([foot, top])
    assert [squash(lab.text) for lab, _ in pairs] == [squash("เกณฑ์การประเมินผล"), squash("แหล่งข้อมูล")]
    info = TemplateInfo(3, "", [3, 4])
    text_criteria(pairs[0][1].lines, info)
    assert info.criteria == {50.0: "≤ 3%", 75.0: "≤ 2%", 100.0: "≤ 1%"}


def test_fragment_whose_value_does_not_go_on_is_a_row_of_its_own() -> None:
    foot = _table([[["เกณฑ์การประเมิน"], ["ขั้นต้น 50 : ≤ 3%", "มาตรฐาน 75 : ≤ 2%", "ขั้นสูง 100 : ≤ 1%"]]], page=3, top=700.0)
    top = _table([[["ผู้รับผิดชอบ"], ["กองแผนงาน"]]], page=4)
    assert [lab for lab, _ in _pairs([foot, top])] == [squash("เกณฑ์การประเมิน"), squash("ผู้รับผิดชอบ")]
    # nor is a row two pages on the rest of one
    far = _table([[["ผล"], ["ขั้นสูง 100 : ≤ 1%"]]], page=5)
    assert [lab for lab, _ in _pairs([foot, far])] == [squash("เกณฑ์การประเมิน"), squash("ผล")]


def test_label_moved_whole_to_the_next_page_takes_the_value_left_behind() -> None:
    foot = _table([[["คำนิยาม"], ["เป็นการวัดความสำเร็จ"]], [[], ["ปีงบประมาณ พ.ศ. 2562 : -"]]], page=5, top=700.0)
    top = _table([[["ผลการดำเนินงานที่ผ่านมา (Baseline Data)"], []], [["เกณฑ์การให้คะแนน"], ["ระดับ 1 : 85"]]], page=6)
    pairs = _pairs([foot, top])
    assert pairs[0] == (squash("คำนิยาม"), squash("เป็นการวัดความสำเร็จ"))
    assert pairs[1] == (squash("ผลการดำเนินงานที่ผ่านมา (Baseline Data)"), squash("ปีงบประมาณ พ.ศ. 2562 : -"))
    info = TemplateInfo(2, "", [5, 6])
    labelled_history([], label_rows([foot, top]), info)
    assert [(y.year, y.text) for y in info.baseline] == [(2562, "-")]


def test_value_moved_whole_to_the_next_page_goes_with_the_label_left_behind() -> None:
    """`เกณฑ์การให้คะแนน |` (nothing beside it) closing a page and ` | ระดับขั้นต้น … ` under no
    label opening the next: one row, not the rest of the roadmap row above the label."""
    foot = _table([[["แผนค่าเป้าหมาย 3 ปี"], ["ปีงบประมาณ พ.ศ. 2564 : ≤ 30 วัน"]], [["เกณฑ์การให้คะแนน"], []]], page=7, top=700.0)
    top = _table([[[], ["ระดับขั้นต้น = 50 คะแนน : ≤ 32 วัน", "ระดับขั้นสูง = 100 คะแนน : ≤ 30 วัน"]], [["แหล่งข้อมูล"], ["ระบบติดตาม"]]], page=8)
    pairs = _pairs([foot, top])
    assert [lab for lab, _ in pairs] == [squash(t) for t in ("แผนค่าเป้าหมาย 3 ปี", "เกณฑ์การให้คะแนน", "แหล่งข้อมูล")]
    assert pairs[0][1] == squash("ปีงบประมาณ พ.ศ. 2564 : ≤ 30 วัน")
    assert pairs[1][1].startswith(squash("ระดับขั้นต้น"))


def test_years_carry_on_only_to_a_later_year() -> None:
    upper = [_line("ปีงบประมาณ 2567 : 90%", 200.0, 740.0, 6)]
    assert years_carry_on(upper, [_line("ปีงบประมาณ 2568 : 90%", 200.0, 64.0, 7)])
    assert not years_carry_on(upper, [_line("ปีงบประมาณ 2566 : 90%", 200.0, 64.0, 7)])
    assert not years_carry_on(upper, [_line("รายงานผลการดำเนินงาน", 200.0, 64.0, 7)])


# ---- criteria tables ------------------------------------------------------------------------

FIVE = (66.0, 160.0, 255.0, 350.0, 444.0, 539.0)
HEADER = [[f"ระดับคะแนน {k}"] for k in range(1, 6)]


def test_criteria_row_under_a_repeated_header_of_levels_is_made_whole() -> None:
    before = _table([HEADER, [["ดำเนินการตาม"], ["จัดทำแผนการ"], ["ถอดบทเรียน"], ["สรุปผลการ"], ["จัดทำฐาน"]]], page=6, top=720.0, cols=FIVE)
    after = _table([HEADER, [["แผนครบทุกกิจกรรม"], ["ดำเนินงาน"], ["และเผยแพร่"], ["ดำเนินงาน"], ["ข้อมูล"]]], page=7, cols=FIVE)
    info = TemplateInfo(5, "", [6, 7])
    info.scale_kind = "five_level"
    info.criteria = {1.0: "ดำเนินการตาม", 2.0: "จัดทำแผนการ", 3.0: "ถอดบทเรียน", 4.0: "สรุปผลการ", 5.0: "จัดทำฐาน"}
    assert rest_of_cut_row(before, after, info)
    assert info.criteria == {
        1.0: "ดำเนินการตามแผนครบทุกกิจกรรม", 2.0: "จัดทำแผนการดำเนินงาน", 3.0: "ถอดบทเรียนและเผยแพร่",
        4.0: "สรุปผลการดำเนินงาน", 5.0: "จัดทำฐานข้อมูล",
    }


def test_criteria_table_not_cut_is_left_alone() -> None:
    before = _table([HEADER, [["ก"], ["ข"], ["ค"], ["ง"], ["จ"]]], page=6, top=720.0, cols=FIVE)
    criteria = {1.0: "ก", 2.0: "ข", 3.0: "ค", 4.0: "ง", 5.0: "จ"}
    # a next table without the levels over it (a rounds table), or with nothing under them
    rounds = _table([[["รอบ 6 เดือน"], ["รายงาน"]]], page=7)
    empty = _table([HEADER, [[], [], [], [], []]], page=7, cols=FIVE)
    for after in (rounds, empty):
        info = TemplateInfo(5, "", [6, 7])
        info.criteria = dict(criteria)
        assert not rest_of_cut_row(before, after, info)
        assert info.criteria == criteria


def test_a_level_whose_text_ended_above_the_break_keeps_it() -> None:
    """The rest of a cut criteria row with one cell empty: that level's text fit on the page."""
    before = _table([HEADER, [["ก"], ["ข"], ["ค"], ["ง"], ["จ"]]], page=6, top=720.0, cols=FIVE)
    gap = _table([HEADER, [["ต่อ"], ["ต่อ"], [], ["ต่อ"], ["ต่อ"]]], page=7, cols=FIVE)
    info = TemplateInfo(5, "", [6, 7])
    info.criteria = {1.0: "ก", 2.0: "ข", 3.0: "ค", 4.0: "ง", 5.0: "จ"}
    assert rest_of_cut_row(before, gap, info)
    assert info.criteria == {1.0: "กต่อ", 2.0: "ขต่อ", 3.0: "ค", 4.0: "งต่อ", 5.0: "จต่อ"}


def test_last_level_row_read_down_carries_on_under_no_level() -> None:
    before = _table([[["ระดับ 4"], ["ติดตามผล"]], [["ระดับ 5"], ["จัดทำรายงานสรุป"]]], page=8, top=720.0)
    after = _table([[[], ["ผลต่อผู้บริหาร"]], [["แหล่งข้อมูล"], ["รายงาน"]]], page=9)
    info = TemplateInfo(3, "", [8, 9])
    info.criteria = {1.0: "ก", 2.0: "ข", 3.0: "ค", 4.0: "ติดตามผล", 5.0: "จัดทำรายงานสรุป"}
    assert rest_of_cut_row(before, after, info)
    assert info.criteria[5.0] == "จัดทำรายงานสรุปผลต่อผู้บริหาร"


# ---- wrapped lines --------------------------------------------------------------------------


def test_heading_at_the_top_of_the_next_page_is_not_the_rest_of_a_short_criterion() -> None:
    """A Thai heading with no space is one long `word`; the last criterion above left more room
    than any word takes, so the heading starts something of its own."""
    prev = _line("ระดับขั้นสูง = ๑๐๐ คะแนน : ≤ ๑%", 106.0, 715.0, 6, size=12.0, width=200.0)
    heading = _line("ขั้นตอนการดำเนินงานตามรอบการประเมิน", 71.0, 62.0, 7, size=12.0, width=232.0)
    assert not continues(prev, heading, 106.0, 536.0)
    # a wrapped rest after a line the page break found full still carries on
    full = _line("ระดับขั้นสูง = ๑๐๐ คะแนน : ติดตามและประเมินผลการดำเนินงาน", 106.0, 715.0, 6, size=12.0, width=428.0)
    assert continues(full, _line("รายไตรมาส", 71.0, 62.0, 7, size=12.0, width=50.0), 106.0, 536.0)


def test_wrap_at_a_tall_fonts_own_pitch() -> None:
    """Purisa at 12pt: lines 28pt apart, a wrapped line 31pt under a first line whose stacked
    marks raise its top — one line pitch down, so the wrapped rest."""
    prev = _line("ระดับขั้นต้น = ๕๐ คะแนน : จัดทำฐานข้อมูลและเชื่อมโยงกับหน่วยงานที่", 106.0, 596.9, 5, size=12.0, width=394.0)
    rest = _line("เกี่ยวข้อง", 72.0, 627.9, 5, size=12.0, width=48.0)
    assert not wraps_onto(prev, rest, 540.0)
    assert wraps_onto(prev, rest, 540.0, pitch=28.3)
    assert continues(prev, rest, 106.0, 540.0, pitch=28.3)
    lines = [_line("ระดับขั้นต้น = ๕๐ คะแนน : ก", 106.0, 568.6, 5, size=12.0), prev, rest,
             _line("ระดับมาตรฐาน = ๗๕ คะแนน : ข", 106.0, 654.0, 5, size=12.0),
             _line("ระดับขั้นสูง = ๑๐๐ คะแนน : ค", 106.0, 682.3, 5, size=12.0)]
    lines[0] = _line("เกณฑ์การให้คะแนน", 72.0, 568.6, 5, size=12.0)
    info = TemplateInfo(1, "", [5])
    text_criteria(lines, info)
    assert info.criteria[50.0] == "จัดทำฐานข้อมูลและเชื่อมโยงกับหน่วยงานที่เกี่ยวข้อง"


# --- weights and targets tables: a row a page break cut (`continuation.rejoin_cut_rows`) ----------

_HEAD = [["ตัวชี้วัด"], ["น้ำหนัก"], ["ค่าเป้าหมาย"]]
_COLS = (70.0, 260.0, 330.0, 540.0)


def _pieces(cut: list[list[str]], rest: list[list[str]], head: list[list[str]] | None = None) -> list[Table]:
    """The first piece ending in `cut` (after KPI 1), the next page's opening with `rest`."""
    first = _table([_HEAD, [["ตัวชี้วัดที่ ๑ ร้อยละของผู้รับบริการ"], ["๑๐"], ["ร้อยละ ๘๐"]], cut], 2, cols=_COLS)
    after = [["ตัวชี้วัดที่ ๓ คะแนนความพึงพอใจ"], ["๒๐"], ["๘๐ คะแนน"]]
    return [first, _table([head or _HEAD, rest, after], 3, cols=_COLS)]


def test_a_row_cut_by_a_page_break_is_made_whole_on_its_page() -> None:
    from parsers.sections.continuation import rejoin_cut_rows

    first, rest = rejoin_cut_rows(_pieces([["ตัวชี้วัดที่ ๒ ร้อยละการเบิก"], ["๑๕"], ["ร้อยละ ๙๐ ของ"]], [["จ่ายงบประมาณ"], [""], ["แผนการเบิกจ่าย"]]))
    assert squash(first.rows[-1][0].text) == squash("ตัวชี้วัดที่ ๒ ร้อยละการเบิกจ่ายงบประมาณ")
    assert squash(first.rows[-1][2].text) == squash("ร้อยละ ๙๐ ของแผนการเบิกจ่าย")
    assert first.rows[-1][1].text == "๑๕"
    assert [squash(r[0].text) for r in rest.rows] == [squash("ตัวชี้วัด"), squash("ตัวชี้วัดที่ ๓ คะแนนความพึงพอใจ")]


def test_a_row_whose_name_went_over_whole_follows_its_bare_number() -> None:
    """Every cell goes on, but the row above holds its number and nothing else (`๗.`)."""
    from parsers.sections.continuation import rejoin_cut_rows

    first, rest = rejoin_cut_rows(_pieces([["๒."], ["ร้อยละ"], ["๓ ครัว"]], [["จำนวนครัวเรือน"], ["๑๕"], ["เรือน"]]))
    assert squash(first.rows[-1][0].text) == squash("๒. จำนวนครัวเรือน") and len(rest.rows) == 2


def test_rows_of_their_own_at_a_page_top_are_left_alone() -> None:
    from parsers.sections.continuation import rejoin_cut_rows

    cut = [["ตัวชี้วัดที่ ๒ ร้อยละการเบิกจ่าย"], ["๑๕"], ["ร้อยละ ๙๐"]]
    for rest in (
        [["คุณภาพการให้บริการ"], ["๖๐"], [""]],  # a category and its weight: a number under a number
        [["๒. ด้านคุณภาพ"], [""], [""]],  # a numbered heading
        [["รวม"], ["๑๐๐"], [""]],  # the total
        [["ร้อยละของบุคลากรที่ได้รับการพัฒนา"], ["๑๐"], ["ร้อยละ ๘๐"]],  # every cell full, the row above named
    ):
        pieces = _pieces(cut, rest)
        assert rejoin_cut_rows(pieces) == pieces
    # a repeated header that lost a word's end to the row below is still the header
    pieces = _pieces(cut, [["ตัวชี้วัด"], ["น้ำหนั"], ["ค่าเป้าหมาย"]], head=[["ตัวชี้วัด"], ["น้ำหนั"], ["ค่าเป้าหมาย"]])
    assert rejoin_cut_rows(pieces) == pieces


def test_a_row_whose_name_cell_went_over_whole_is_one_row() -> None:
    """WeasyPrint moves a cell whose first line does not fit (the KPI's name) to the next page
    whole, the row's weight and criteria staying: two halves, each with what the other lacks."""
    from parsers.sections.continuation import rejoin_cut_rows

    first, rest = rejoin_cut_rows(_pieces([[""], ["๑๕"], ["๘๕ คะแนน"]], [["ตัวชี้วัดที่ ๒ คะแนนผลการประเมิน"], [""], [""]]))
    assert [c.text for c in first.rows[-1]] == ["ตัวชี้วัดที่ ๒ คะแนนผลการประเมิน", "๑๕", "๘๕ คะแนน"]
    assert len(rest.rows) == 2
    # a row whose text stands right of the other's is no such half
    pieces = _pieces([["ตัวชี้วัดที่ ๒ ร้อยละ"], [""], [""]], [[""], ["๑๕"], ["๘๕ คะแนน"]])
    assert rejoin_cut_rows(pieces)[0].rows[-1][1].text == ""


def test_a_single_spilt_letter_is_the_header_s_not_the_row_s() -> None:
    """`ประเด็นการประเมิ` repeated, its `น` drawn at the top of the cell under it: a line that is
    the missing letter and nothing else is spill, however short."""
    from parsers.sections.continuation import _without_spill

    spill = _line("น", 74.0, 100.0, 3)
    assert _without_spill(spill, "น") is None
    own = _line("นา", 74.0, 100.0, 3)  # the cell's own word starting with the letter stays
    assert _without_spill(own, "น") is own


def test_a_weight_cut_from_its_number_and_a_category_cut_after_its_word() -> None:
    """Every cell goes on, but the weight cell above says `ร้อยละ` and the one below the number it
    wants; a category's name cut after `ประสิทธิผลตาม` goes on with a category word alone."""
    from parsers.sections.continuation import rejoin_cut_rows

    first, rest = rejoin_cut_rows(_pieces([["๒. ระดับ"], ["ร้อยละ"], ["จัดทำ"]], [["ความสำเร็จของการ"], ["๓๐"], ["แผนงาน"]]))
    assert squash(first.rows[-1][1].text) == squash("ร้อยละ ๓๐") and len(rest.rows) == 2
    first, rest = rejoin_cut_rows(_pieces([["ด้านที่ ๔ ประสิทธิผลตาม"], ["๒๕"], [""]], [["ยุทธศาสตร์"], [""], [""]]))
    assert squash(first.rows[-1][0].text) == squash("ด้านที่ ๔ ประสิทธิผลตามยุทธศาสตร์")


def test_the_rest_of_a_category_s_name_is_no_total() -> None:
    from parsers.sections.doctext import rest_of_category_name

    named = ["ประเด็นที่ ๑ การพัฒนาองค์การ"]
    assert rest_of_category_name("องค์การ", named) and rest_of_category_name("ยุทธศาสตร์", named)
    assert not rest_of_category_name("รวม", named) and not rest_of_category_name("ประเด็นที่ ๒ ศักยภาพ", named)


def test_a_category_with_a_fraction_weight_is_a_row_of_its_own() -> None:
    """`ศักยภาพของหน่วยงาน | ๐.๖๐` under a KPI weighted `๐.๑๐`: a decimal is a number too."""
    from parsers.sections.continuation import rejoin_cut_rows

    pieces = _pieces([["ตัวชี้วัดที่ ๓ จำนวนครัวเรือน"], ["๐.๑๐"], ["๖ ครัวเรือน"]], [["ศักยภาพของหน่วยงาน"], ["๐.๖๐"], [""]])
    assert rejoin_cut_rows(pieces) == pieces
