"""The cover read in layouts it was not built on: a letter (`ส่วนราชการ …` / `เรื่อง …` / `เรียน …`,
the parties named in a sentence of their own), a form (a labelled table: `ส่วนราชการผู้ทำคำรับรอง |
กองคลัง`, `สังกัด | …`, a party's name and position in one cell), a clause whose party is tied to its
role by `ซึ่งเป็น`, a running header and a page number above the title, and the unit printed with
its parent (on its line, on the line under it, or run together by a text layer that lost the
space between them).

The pages are built from lines and cells the way `parsers.pdf` hands them over (a table's text
is not among the page's lines), each line a glyph box per character.
"""

from __future__ import annotations

from datetime import date

import pytest

from parsers.pdf.document import PageContent
from parsers.pdf.lines import Boxes, Line
from parsers.pdf.tables import Cell, Table
from parsers.sections.cover import CoverInfo, _paragraph_parties, _unit_and_parent, cover_lines, parse_cover


def _line(text: str, x0: float, top: float, size: float = 14.0) -> Line:
    """A line of `text` starting at x0, each character 0.5 em wide."""
    w = 0.5 * size
    return Line(text, Boxes([(x0 + w * i, top, x0 + w * (i + 1), top + size) for i in range(len(text))]), 1, size)


def _title(unit_line: str, year: str, unit_x: float = 150) -> list[Line]:
    """A cover's title block: the agreement's name, the unit's line, the fiscal year's."""
    return [
        _line("คำรับรองการปฏิบัติราชการ", 200, 50),
        _line(unit_line, unit_x, 70),
        _line(f"ประจำปีงบประมาณ พ.ศ. {year}", 195, 90),
    ]


def _row(left: str, right: str, top: float, size: float = 14.0) -> Line:
    """Two signature columns merged into one line by the line builder: the left column's text
    centred on x=170, the right one's on x=420, a wide gap between them."""
    w = 0.5 * size
    a0, b0 = 170 - w * len(left) / 2, 420 - w * len(right) / 2
    boxes = [(a0 + w * i, top, a0 + w * (i + 1), top + size) for i in range(len(left))]
    boxes.append((boxes[-1][2], top, b0, top + size))  # the space that stands for the gap
    boxes += [(b0 + w * i, top, b0 + w * (i + 1), top + size) for i in range(len(right))]
    return Line(f"{left} {right}", Boxes(boxes), 1, size)


def _page(lines: list[Line], tables: list[Table] | None = None) -> PageContent:
    return PageContent(1, 595.0, 842.0, [], lines, [], "", 0, tables or [])


def _stacked_signatures(top: float, grantor: tuple[str, str, str], maker: tuple[str, str, str]) -> list[Line]:
    """Two signature blocks one under the other: `ลงชื่อ …`, the name in brackets, the position,
    the role and the date."""
    out: list[Line] = []
    for k, ((name, position, signed), role) in enumerate(((grantor, "ผู้รับคำรับรอง"), (maker, "ผู้ทำคำรับรอง"))):
        y = top + 120 * k
        out += [
            _line("ลงชื่อ ....................................", 200, y),
            _line(f"({name})", 220, y + 18),
            _line(position, 210, y + 36),
            _line(role, 240, y + 54),
            _line(signed, 220, y + 72),
        ]
    return out


def _summary(info: CoverInfo) -> tuple[object, ...]:
    return (
        info.fiscal_year,
        info.organization,
        info.parent_organization,
        info.period,
        [(p.role, p.name, p.position, p.signed_on) for p in info.parties],
    )


# ---- a clause ties the party to its role with ซึ่งเป็น ---------------------------------------


def test_a_position_followed_by_sueng_pen_ends_before_it() -> None:
    # `… ตำแหน่ง อธิบดีกรมควบคุมโรค ซึ่งเป็น` / `ผู้รับคำรับรอง …`: the link word is neither
    # the position's nor the parent's, whatever the signature block writes
    lines = [
        *_title("ของ กองนิติการ กรมควบคุมโรค", "2563", 180),
        _line("ข้อ 1 คำรับรองนี้จัดทำขึ้นระหว่าง นายวิชัย ศรีสวัสดิ์ ตำแหน่ง อธิบดีกรมควบคุมโรค ซึ่งเป็น", 80, 120),
        _line("ผู้รับคำรับรอง และ นายณัฐพล ชัยมงคล ตำแหน่ง ผู้อำนวยการกองนิติการ ซึ่งเป็นผู้ทำคำรับรอง", 50, 138),
        _line("ข้อ 2 คำรับรองนี้มีผลใช้บังคับตั้งแต่วันที่ 1 ตุลาคม 2562 ถึงวันที่ 30 กันยายน 2563", 80, 156),
    ]
    unsigned = parse_cover(lines, 1)
    assert [(p.role, p.name, p.position) for p in unsigned.parties] == [
        ("grantor", "นายวิชัย ศรีสวัสดิ์", "อธิบดีกรมควบคุมโรค"),
        ("maker", "นายณัฐพล ชัยมงคล", "ผู้อำนวยการกองนิติการ"),
    ]
    signed = parse_cover(
        lines
        + _stacked_signatures(
            400,
            ("นายวิชัย ศรีสวัสดิ์", "อธิบดีกรมควบคุมโรค", "วันที่ 20 ต.ค. 62"),
            ("นายณัฐพล ชัยมงคล", "ผู้อำนวยการกองนิติการ", "วันที่ 18 ต.ค. 62"),
        ),
        1,
    )
    assert _summary(signed) == (
        2563,
        "กองนิติการ",
        "กรมควบคุมโรค",
        (date(2019, 10, 1), date(2020, 9, 30)),
        [
            ("grantor", "นายวิชัย ศรีสวัสดิ์", "อธิบดีกรมควบคุมโรค", date(2019, 10, 20)),
            ("maker", "นายณัฐพล ชัยมงคล", "ผู้อำนวยการกองนิติการ", date(2019, 10, 18)),
        ],
    )


def test_a_letter_names_each_party_before_its_role() -> None:
    text = (
        "ข้าพเจ้า นายสมชาย ศรีบุญเรือง ตำแหน่ง ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร ในฐานะผู้ทำคำรับรอง "
        "ขอให้คำรับรองต่อ นางสาวพัชรินทร์ ศรีสวัสดิ์ ตำแหน่ง รองปลัดกระทรวงแรงงาน ในฐานะผู้รับคำรับรอง ว่าจะปฏิบัติราชการ"
    )
    assert _paragraph_parties(text) == {
        "maker": ("นายสมชาย ศรีบุญเรือง", "ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"),
        "grantor": ("นางสาวพัชรินทร์ ศรีสวัสดิ์", "รองปลัดกระทรวงแรงงาน"),
    }


# ---- the unit and the parent printed with it ------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "grantor", "maker", "expected"),
    [
        # on one line, a space between: the maker heads `กองนิติการ`
        (["กองนิติการ กรมควบคุมโรค"], "อธิบดีกรมควบคุมโรค", "ผู้อำนวยการกองนิติการ", ("กองนิติการ", "กรมควบคุมโรค")),
        # the province under the provincial office: the maker's unit, and the governor's province
        (
            ["สำนักงานจังหวัดลำปาง", "จังหวัดลำปาง"],
            "ผู้ว่าราชการจังหวัดลำปาง",
            "หัวหน้าสำนักงานจังหวัดลำปาง",
            ("สำนักงานจังหวัดลำปาง", "จังหวัดลำปาง"),
        ),
        # `สังกัด…` under the unit
        (
            ["กลุ่มพัฒนาระบบบริหาร", "สังกัดสำนักงานปลัดกระทรวงวัฒนธรรม"],
            "ปลัดกระทรวงวัฒนธรรม",
            "ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร",
            ("กลุ่มพัฒนาระบบบริหาร", "สำนักงานปลัดกระทรวงวัฒนธรรม"),
        ),
        # the text layer lost the space between the two names: the maker's unit says where to cut
        (
            ["สำนักพัฒนาระบบบริหารสำนักงานปลัดกระทรวงเกษตรและ", "สหกรณ์"],
            "ผู้ช่วยปลัดกระทรวงเกษตรและสหกรณ์",
            "ผู้อำนวยการสำนักพัฒนาระบบบริหาร",
            ("สำนักพัฒนาระบบบริหาร", "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์"),
        ),
        (
            ["สำนักงานจังหวัดบุรีรัมย์จังหวัดบุรีรัมย์"],
            "ผู้ว่าราชการจังหวัดบุรีรัมย์",
            "หัวหน้าสำนักงานจังหวัดบุรีรัมย์",
            ("สำนักงานจังหวัดบุรีรัมย์", "จังหวัดบุรีรัมย์"),
        ),
        # the maker's position names no unit: the grantor's department does
        (["สำนักงานประมงจังหวัดชลบุรี กรมประมง"], "อธิบดีกรมประมง", "ประมงจังหวัดชลบุรี", ("สำนักงานประมงจังหวัดชลบุรี", "กรมประมง")),
        # no party says anything: a ministry's name, as a word of its own, is a parent's
        (["กองคลัง กระทรวงมหาดไทย"], "ผู้ตรวจราชการกระทรวงมหาดไทย", "", ("กองคลัง", "กระทรวงมหาดไทย")),
        # a unit named with its province stays whole, the province is no parent's name
        (["สำนักงานสาธารณสุขจังหวัดน่าน"], "ผู้ว่าราชการจังหวัดน่าน", "นายแพทย์สาธารณสุขจังหวัดน่าน", ("สำนักงานสาธารณสุขจังหวัดน่าน", None)),
        (
            ["สำนักงานป้องกันควบคุมโรคที่ ๗ จังหวัดขอนแก่น"],
            "อธิบดีกรมควบคุมโรค",
            "ผู้อำนวยการสำนักงานป้องกันควบคุมโรคที่ ๗ จังหวัดขอนแก่น",
            ("สำนักงานป้องกันควบคุมโรคที่ ๗ จังหวัดขอนแก่น", None),
        ),
        # a long name wrapped before its province: the maker heads the whole
        (
            ["สำนักงานทางหลวงชนบท", "จังหวัดกาญจนบุรี"],
            "รองอธิบดีกรมทางหลวงชนบท",
            "ผู้อำนวยการสำนักงานทางหลวงชนบทจังหวัดกาญจนบุรี",
            ("สำนักงานทางหลวงชนบทจังหวัดกาญจนบุรี", None),
        ),
        # `กรม` alone ends a unit's name
        (["สำนักงานเลขานุการ", "กรม"], "", "", ("สำนักงานเลขานุการกรม", None)),
    ],
    ids=[
        "same-line", "province-under", "sangkat-under", "run-together", "run-together-province",
        "grantor-department", "ministry-word", "own-province", "own-province-spaced", "wrapped-whole", "krom-alone",
    ],
)
def test_the_unit_is_cut_from_its_parent_where_the_parties_say(
    printed: list[str], grantor: str, maker: str, expected: tuple[str, str | None]
) -> None:
    assert _unit_and_parent(printed, printed, grantor, maker) == expected


def test_a_running_header_above_the_title_is_not_the_title() -> None:
    # `คำรับรองการปฏิบัติราชการ ปีงบประมาณ 2565` and `- 1 -` in small print atop the page: the
    # title is the large one, and a page number names no unit
    lines = [
        _line("คำรับรองการปฏิบัติราชการ ปีงบประมาณ 2565", 70, 20, 9.0),
        _line("- 1 -", 298, 20, 9.0),
        _line("คำรับรองการปฏิบัติราชการ", 217, 60),
        _line("ของ กลุ่มพัฒนาระบบบริหาร สำนักงานปลัดกระทรวงทรัพยากร", 100, 80),
        _line("ธรรมชาติและสิ่งแวดล้อม", 226, 100),
        _line("ประจำปีงบประมาณ พ.ศ. 2565", 203, 120),
        _line("ข้อ 1 คำรับรองนี้จัดทำขึ้นระหว่าง นายอนุสรณ์ อินทรสุวรรณ ตำแหน่ง ผู้ช่วยปลัด", 106, 142),
        _line("กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ซึ่งเป็นผู้รับคำรับรอง และ นายวีระพงษ์", 76, 158),
        _line("ปัญญาดี ตำแหน่ง ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร ซึ่งเป็นผู้ทำคำรับรอง", 76, 174),
    ]
    info = parse_cover(lines, 1)
    assert (info.organization, info.parent_organization) == (
        "กลุ่มพัฒนาระบบบริหาร",
        "สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    )
    # the header alone (its fiscal year closes it) names no unit either
    alone = parse_cover([lines[0], lines[1], *lines[6:]], 1)
    assert alone.organization == "กลุ่มพัฒนาระบบบริหาร"  # from the maker's position


# ---- a letter --------------------------------------------------------------------------------


def test_a_letter_cover() -> None:
    lines = [
        _line("- 1 -", 288, 22, 10.0),
        _line("คำรับรองการปฏิบัติราชการ ปีงบประมาณ 2565", 70, 37, 9.0),
        _line("บันทึกข้อตกลงการปฏิบัติราชการ", 198, 60),
        _line("(Performance Agreement)", 205, 79),
        _line("ส่วนราชการ สำนักงานจังหวัดขอนแก่น จังหวัดขอนแก่น", 76, 98, 12.0),
        _line("เรื่อง คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๕", 77, 114, 12.0),
        _line("เรียน ผู้ว่าราชการจังหวัดขอนแก่น", 77, 130, 12.0),
        _line("ข้าพเจ้า นายธนากร รุ่งเรืองศรี ตำแหน่ง หัวหน้าสำนักงานจังหวัดขอนแก่น ในฐานะผู้ทำคำรับรอง", 105, 146, 12.0),
        _line("ขอให้คำรับรองต่อ นายอนุสรณ์ ชัยมงคล ตำแหน่ง ผู้ว่าราชการจังหวัดขอนแก่น ในฐานะผู้รับคำรับรอง", 70, 162, 12.0),
        _line("ว่าจะปฏิบัติราชการให้บรรลุตามตัวชี้วัด ค่าน้ำหนัก และเป้าหมายที่กำหนดในเอกสารแนบ", 70, 178, 12.0),
        _line("ระยะเวลาของคำรับรอง ๑ ต.ค. ๖๔ – ๓๐ ก.ย. ๖๕", 105, 194, 12.0),
        _line("จึงเรียนมาเพื่อโปรดพิจารณาลงนามรับคำรับรอง", 105, 210, 12.0),
    ]
    assert _summary(parse_cover(lines, 1)) == (
        2565,
        "สำนักงานจังหวัดขอนแก่น",
        "จังหวัดขอนแก่น",
        (date(2021, 10, 1), date(2022, 9, 30)),
        [
            ("grantor", "นายอนุสรณ์ ชัยมงคล", "ผู้ว่าราชการจังหวัดขอนแก่น", None),
            ("maker", "นายธนากร รุ่งเรืองศรี", "หัวหน้าสำนักงานจังหวัดขอนแก่น", None),
        ],
    )


# ---- a form -----------------------------------------------------------------------------------


def _cell(x0: float, x1: float, top: float, texts: list[str]) -> Cell:
    lines = [_line(t, x0 + 4, top + 2 + 16 * k, 12.0) for k, t in enumerate(texts)]
    return Cell((x0, top, x1, top + 4 + 16 * len(texts)), 1, lines, "".join(texts))


def _form(rows: list[tuple[list[str], list[str]]], top: float) -> Table:
    out: list[list[Cell]] = []
    y = top
    for label, value in rows:
        height = 4 + 16 * max(len(label), len(value))
        out.append([_cell(70, 210, y, label), _cell(210, 544, y, value)])
        for c in out[-1]:
            c.bbox = (c.bbox[0], y, c.bbox[2], y + height)
        y += height
    return Table(1, (70, top, 544, y), out)


def test_a_form_cover_reads_its_rows() -> None:
    # the unit, its parent, the period and the parties in a two-column table; a sentence under
    # it, then the signatures
    table = _form(
        [
            (["ส่วนราชการผู้ทำคำรับ", "รอง"], ["กองนิติการ"]),
            (["สังกัด"], ["กรมควบคุมโรค"]),
            (["ระยะเวลาของคำรับรอง"], ["1 ตุลาคม พ.ศ. 2562 – 30 กันยายน พ.ศ. 2563"]),
            (["ผู้รับคำรับรอง"], ["นางสาวพรทิพย์ จันทร์เพ็ญ", "อธิบดีกรมควบคุมโรค"]),
            (["ผู้ทำคำรับรอง"], ["นายณัฐพล ชัยมงคล", "ผู้อำนวยการกองนิติการ"]),
        ],
        75,
    )
    lines = [
        _line("คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2563", 111, 50),
        _line("ทั้งสองฝ่ายได้เข้าใจและเห็นพ้องกับรายละเอียดของคำรับรองตามเอกสารแนบท้ายแล้ว", 105, table.bbox[3] + 2, 12.0),
        *_stacked_signatures(
            table.bbox[3] + 40,
            ("นางสาวพรทิพย์ จันทร์เพ็ญ", "อธิบดีกรมควบคุมโรค", "วันที่ 20 ตุลาคม พ.ศ. 2562"),
            ("นายณัฐพล ชัยมงคล", "ผู้อำนวยการกองนิติการ", "วันที่ 18 ตุลาคม พ.ศ. 2562"),
        ),
    ]
    page = _page(lines, [table])
    expected = (
        2563,
        "กองนิติการ",
        "กรมควบคุมโรค",
        (date(2019, 10, 1), date(2020, 9, 30)),
        [
            ("grantor", "นางสาวพรทิพย์ จันทร์เพ็ญ", "อธิบดีกรมควบคุมโรค", date(2019, 10, 20)),
            ("maker", "นายณัฐพล ชัยมงคล", "ผู้อำนวยการกองนิติการ", date(2019, 10, 18)),
        ],
    )
    assert _summary(parse_cover(cover_lines(page, None), 1)) == expected
    # unsigned, the form's rows give the parties too
    unsigned = _page(lines[:2], [table])
    assert _summary(parse_cover(cover_lines(unsigned, None), 1))[4] == [(r, n, p, None) for r, n, p, _ in expected[4]]


# ---- signatures side by side, both columns on one line ------------------------------------------


@pytest.mark.parametrize("maker_left", [True, False])
def test_side_by_side_signatures_merged_into_one_line_each(maker_left: bool) -> None:
    # the line builder put both columns of each row on one line: each column is read on its own
    grantor = ["(นางสาวพรทิพย์ จันทร์เพ็ญ)", "อธิบดีกรมควบคุมโรค", "ผู้รับคำรับรอง", "วันที่ 20 ต.ค. 62"]
    maker = ["(นายณัฐพล ชัยมงคล)", "ผู้อำนวยการกองนิติการ", "ผู้ทำคำรับรอง", "วันที่ 18 ต.ค. 62"]
    left, right = (maker, grantor) if maker_left else (grantor, maker)
    lines = [
        *_title("ของ กองนิติการ", "2563", 220),
        _line("ผู้รับคำรับรองและผู้ทำคำรับรองได้เข้าใจคำรับรองแล้ว", 80, 120),
        _row("ลงชื่อ ....................", "ลงชื่อ ....................", 300),
        *[_row(a, b, 318 + 18 * k) for k, (a, b) in enumerate(zip(left, right, strict=True))],
    ]
    info = parse_cover(lines, 1)
    assert [(p.role, p.name, p.position, p.signed_on) for p in info.parties] == [
        ("grantor", "นางสาวพรทิพย์ จันทร์เพ็ญ", "อธิบดีกรมควบคุมโรค", date(2019, 10, 20)),
        ("maker", "นายณัฐพล ชัยมงคล", "ผู้อำนวยการกองนิติการ", date(2019, 10, 18)),
    ]


def _right(text: str, top: float, size: float = 14.0) -> Line:
    """A line of the right signature column alone (centred on x=420, as in `_row`)."""
    return _line(text, 420 - 0.5 * size * len(text) / 2, top, size)


def _two_columns(unit: str, year: int, rows: list[tuple[str, str]], right_only: list[str]) -> list[Line]:
    """A cover's title, then signature rows of two columns merged into one line each, then lines
    of the right column alone (it runs on lower than the left)."""
    lines = _title(f"ของ {unit}", str(year))
    lines += [_row(a, b, 300 + 18 * k) for k, (a, b) in enumerate(rows)]
    lines += [_right(t, 300 + 18 * (len(rows) + k)) for k, t in enumerate(right_only)]
    return lines


def test_a_name_beside_the_other_columns_position_still_signs() -> None:
    """The right column runs a line lower than the left (its `ลงชื่อ` wrapped): its name stands on
    the line of the left column's position. A wide gap parts them, so the name is alone in its
    part of the line and signs the right block."""
    rows = [
        ("ลงชื่อ .............. ผู้ทำคำรับรอง", "ลงชื่อ .............."),
        ("(นายประเสริฐ ปัญญาดี)", "ผู้รับคำรับรอง"),
        ("ผู้อำนวยการศูนย์เทคโนโลยี", "(นางสาวพัชรินทร์ พึ่งบุญ)"),
        ("ผู้ทำคำรับรอง", "ปลัดกระทรวงคมนาคม"),
        ("วันที่ 22 ธันวาคม 2564", "ผู้รับคำรับรอง"),
    ]
    info = parse_cover(_two_columns("ศูนย์เทคโนโลยีสารสนเทศ", 2565, rows, ["วันที่ 27 ธันวาคม 2564"]), 1)
    parties = {p.role: (p.name, p.position, p.signed_on) for p in info.parties}
    assert parties["maker"] == ("นายประเสริฐ ปัญญาดี", "ผู้อำนวยการศูนย์เทคโนโลยี", date(2021, 12, 22))
    assert parties["grantor"] == ("นางสาวพัชรินทร์ พึ่งบุญ", "ปลัดกระทรวงคมนาคม", date(2021, 12, 27))


def test_a_name_its_narrow_column_wrapped_beside_the_other_columns_position() -> None:
    """`(นางอัจฉริยา แก้ว` / `มณี)` in the right column, on the lines of the left column's position
    and role: the wrapped name signs the right block, with its date."""
    rows = [
        ("ลงชื่อ ..............", "ลงชื่อ .............."),
        ("(นายอนุสรณ์ ศรีสวัสดิ์)", ".............."),
        ("อธิบดีกรมสวัสดิการ", "(นางอัจฉริยา แก้ว"),
        ("ผู้รับคำรับรอง", "มณี)"),
        ("วันที่ 8 ธ.ค. 2562", "หัวหน้าสำนักงาน"),
    ]
    lines = _two_columns("สำนักงานสวัสดิการและคุ้มครองแรงงาน", 2563, rows, ["ผู้ทำคำรับรอง", "วันที่ 7 ธ.ค. 2562"])
    parties = {p.role: (p.name, p.signed_on) for p in parse_cover(lines, 1).parties}
    assert parties["grantor"] == ("นายอนุสรณ์ ศรีสวัสดิ์", date(2019, 12, 8))
    assert parties["maker"] == ("นางอัจฉริยา แก้วมณี", date(2019, 12, 7))


# ---- a block cut by the page break, the next page numbered atop ----------------------------------


def test_a_page_number_atop_the_page_a_block_runs_on_to_is_not_its_position() -> None:
    # the maker's date runs on to page 2, which opens with its number `- 2 -` in body print
    cover = _page(
        [
            *_title("ของ กองการเจ้าหน้าที่", "๒๕๖๓", 210),
            *_stacked_signatures(
                560,
                ("นายอนุสรณ์ อินทรสุวรรณ", "รองปลัดกระทรวงมหาดไทย", "วันที่ ๑๑ ธันวาคม พ.ศ. ๒๕๖๒"),
                ("นางสุภาพร จันทร์เพ็ญ", "ผู้อำนวยการกองการเจ้าหน้าที่", "วันที่ ๙ ธันวาคม พ.ศ. ๒๕๖๒"),
            )[:-1],
        ]
    )
    overleaf = PageContent(2, 595.0, 842.0, [], [_line("- 2 -", 294, 43), _line("วันที่ ๙ ธันวาคม พ.ศ. ๒๕๖๒", 223, 67)], [], "", 0)
    info = parse_cover(cover_lines(cover, [overleaf]), 1)
    assert [(p.role, p.position, p.signed_on) for p in info.parties] == [
        ("grantor", "รองปลัดกระทรวงมหาดไทย", date(2019, 12, 11)),
        ("maker", "ผู้อำนวยการกองการเจ้าหน้าที่", date(2019, 12, 9)),
    ]


def test_a_paragraph_line_that_opens_with_a_unit_label_names_no_unit() -> None:
    # `หน่วยงาน …` at the start of a wrapped clause line, under the title block: the title names the unit
    lines = [
        *_title("ของ กองคลัง", "2566", 230),
        _line("1. คำรับรองนี้เป็นคำรับรองระหว่าง นายสมบัติ ทองดี อธิบดีกรมเจ้าท่า ในฐานะผู้รับคำรับรอง", 80, 120),
        _line("กับ นางสาววิไล แก้วมณี ผู้อำนวยการกองคลัง ในฐานะผู้ทำคำรับรอง", 50, 138),
        _line("2. ผู้ทำคำรับรองจะรายงานผลการดำเนินงานต่อ", 80, 156),
        _line("หน่วยงาน ที่กำกับดูแลทุกรอบการประเมิน", 50, 174),
    ]
    info = parse_cover(lines, 1)
    assert (info.organization, info.parent_organization) == ("กองคลัง", "กรมเจ้าท่า")


def test_a_period_of_decades_is_a_misread_year_and_the_fiscal_years_stands_in() -> None:
    """A scan read `๒๕๖๖` as `๒๕๒๒`: 1 October 1979 to 30 September 2024 is no agreement's period."""
    lines = [
        _line("คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", 100, 80),
        _line("คำรับรองนี้เริ่มตั้งแต่วันที่ ๑ ตุลาคม ๒๕๒๒ ถึงวันที่ ๓๐ กันยายน ๒๕๖๗", 80, 140),
    ]
    info = parse_cover(lines, 1)
    assert info.fiscal_year == 2567
    assert info.period == (date(2023, 10, 1), date(2024, 9, 30))
    lines[1] = _line("คำรับรองนี้เริ่มตั้งแต่วันที่ ๑ มกราคม ๒๕๖๗ ถึงวันที่ ๓๐ กันยายน ๒๕๖๗", 80, 140)
    assert parse_cover(lines, 1).period == (date(2024, 1, 1), date(2024, 9, 30))  # part of the year: as read


def test_a_signature_name_whose_title_a_scan_misread_beside_the_other() -> None:
    """`(ตร.อนุสรณ์ ชัยมงคล)` (ดร. read as ตร.) level with `(นางกาญจนา จันทร์เพ็ญ)`: the maker's
    name, so the two columns stay apart; the maker's date whose `วันที่` was misread still counts."""
    lines = [
        *_title("สำนักงานเลขานุการกรม กรมควบคุมมลพิษ", "๒๕๖๖", 170),
        _line("(นางกาญจนา จันทร์เพ็ญ)", 110, 400),
        _line("(ตร.อนุสรณ์ ชัยมงคล)", 365, 400),
        _row("อธิบดีกรมควบคุมมลพิษ", "ผู้อำนวยการสำนักงานเลขานุการกรม", 420),
        _row("ผู้รับคำรับรอง", "ผู้ทำคำรับรอง", 440),
        _row("วันที่ ๑๒ ต.ค. ๒๕๖๕", "จันที่ ๑๐ ต.ค. ๒๕๖๕", 460),
    ]
    assert [(p.role, p.name, p.position, p.signed_on) for p in parse_cover(lines, 1).parties] == [
        ("grantor", "นางกาญจนา จันทร์เพ็ญ", "อธิบดีกรมควบคุมมลพิษ", date(2022, 10, 12)),
        ("maker", "ตร.อนุสรณ์ ชัยมงคล", "ผู้อำนวยการสำนักงานเลขานุการกรม", date(2022, 10, 10)),
    ]


def test_the_fiscal_year_whatever_a_scan_drew_above_its_label() -> None:
    from parsers.sections.cover import find_fiscal_year

    assert find_fiscal_year("ประจำปีิงบประมาณ พ.ศ. 2570") == 2570  # a stray ิ over ป
    assert find_fiscal_year("ประจำปงบประมาณ พ.ศ. ๒๕๖๖") == 2566  # ี lost
