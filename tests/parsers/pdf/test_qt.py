"""PDFs printed by Qt (QTextDocument through QPrinter, as Qt-based HTML-to-PDF tools write them):
every glyph is placed on its own, a mark at the pen after its base (the next letter's origin too);
the space glyph is mapped to a tab (pdfium drops it); each page is the whole document's drawing
moved up, so the rows of the pages before and after are drawn just off it; and Qt re-grids
every glyph at 2048 units/em, leaving a font's variant glyphs (Sarabun's narrow and small marks,
its ligature of ้ over the ring of ำ) without a map and their outlines no exact copy of the
installed font's."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.pdf import outlines
from parsers.pdf.outlines import installed_anchors
from pipeline.textlayer import file_health, file_text

DATA = Path(__file__).resolve().parents[2] / "data" / "sweep"
GARUDA = DATA / "a07003_2567.qt-garuda.pdf"
LAKSAMAN = DATA / "a07002_2567.qt-laksaman.pdf"
SARABUN = DATA.parent / "qt" / "a07001_2568.qt-sarabun.pdf"

needs_sarabun = pytest.mark.skipif(
    not installed_anchors("Sarabun-Regular"), reason="Sarabun is not installed (bash scripts/sweep-deps.sh)"
)


def _text(path: Path, pages: str) -> str:
    return "\n".join(text for _, text in file_text(path, pages=pages, ocr="never"))


def test_a_mark_drawn_at_the_next_letters_pen_stays_on_its_own_letter() -> None:
    """`นัก`, not `นกั`: the ั drawn where ก starts, its ink over น (and not read as a share of
    ก's glyph though both have one pen origin)."""
    text = _text(GARUDA, "1-2")
    for word in ("ประจำปีงบประมาณ", "ผู้รับคำรับรอง", "พัฒนาสังคมและความมั่นคงของมนุษย์", "ปฏิบัติราชการ"):
        assert word in text
    assert "\ufffd" not in text


def test_the_space_glyph_qt_maps_to_a_tab_is_a_word_space() -> None:
    text = _text(GARUDA, "1")
    assert "ผู้รับคำรับรอง: นายวิชัย พึ่งบุญ ตำแหน่ง" in text


def test_rows_drawn_off_the_page_are_not_read() -> None:
    """Page 3 shows the framework table's rows from `งบประมาณ` (the end of KPI 1's name) on;
    the rows above and below it belong to pages 2 and 4, drawn off this one."""
    page3 = _text(LAKSAMAN, "3")
    first = page3.splitlines()[0]
    assert "งบประมาณ" in first and "ตัวชี้วัดที่ 1" not in page3
    assert "ตัวชี้วัดที่ 4" not in page3  # page 4's, drawn under page 3's foot


def test_a_copy_redrawn_on_another_grid_matches_its_glyph() -> None:
    """One contour written two ways: the implied on-curve points of a TrueType spline left out or
    spelled out, another start point, a closing line back to the start, 2048 units/em rounded."""
    implied = [
        ("moveTo", ((0, 0),)),
        ("qCurveTo", ((100, 0), (200, 100), (200, 200))),
        ("lineTo", ((0, 200),)),
        ("closePath", ()),
    ]
    k = 2.048
    spelled = [  # starts at the top-left corner, every point re-gridded
        ("moveTo", ((0, round(200 * k)),)),
        ("lineTo", ((0, 0),)),
        ("qCurveTo", ((round(100 * k), 0), (round(150 * k), round(50 * k)))),
        ("qCurveTo", ((round(200 * k), round(100 * k)), (round(200 * k), round(200 * k)))),
        ("lineTo", ((0, round(200 * k)),)),
        ("closePath", ()),
    ]
    a = outlines._loops(outlines._canonical(implied))
    b = [(kinds, [(x / k, y / k) for x, y in pts]) for kinds, pts in outlines._loops(outlines._canonical(spelled))]
    assert [len(p) for _, p in a] == [len(p) for _, p in b] == [6]

    def frame(loops: list[tuple[list[bool], list[tuple[float, float]]]]) -> tuple[tuple[bool, float, float], ...]:
        kinds, pts = loops[0]
        return tuple((on, x, y) for on, (x, y) in zip(kinds, pts, strict=True))

    distance = outlines._loop_distance(frame(a), frame(b))
    assert distance is not None and distance < 0.5
    # another drawing with as many points is no copy
    other = [(kinds, [(x * 1.3, y) for x, y in pts]) for kinds, pts in a]
    far = outlines._loop_distance(frame(a), frame(other))
    assert far is not None and far > 20


def test_a_contour_of_off_curve_points_only_matches_its_spelled_out_copy() -> None:
    """TrueType may draw a contour with no on-curve point at all (Norasi's ั): every on-curve
    point implied, between each two and between the last and the first. Qt writes them out; the
    two must be one drawing (Norasi-Bold's ั, its map damaged, stayed unread in a Qt PDF)."""
    offs = [(0, 0), (100, 0), (100, 100), (0, 100)]
    implied = [("qCurveTo", (*offs, None)), ("closePath", ())]
    mids = [(50, 0), (100, 50), (50, 100), (0, 50)]
    spelled = [("moveTo", ((0, 50),)), *(("qCurveTo", (o, m)) for o, m in zip(offs, mids, strict=True)), ("closePath", ())]
    a = outlines._loops(outlines._canonical(implied))
    b = outlines._loops(outlines._canonical(spelled))
    assert [k.count(True) for k, _ in a] == [k.count(False) for k, _ in a] == [4]

    def frame(loops: list[tuple[list[bool], list[tuple[float, float]]]]) -> tuple[tuple[bool, float, float], ...]:
        kinds, pts = loops[0]
        return tuple((on, x, y) for on, (x, y) in zip(kinds, pts, strict=True))

    assert outlines._loop_distance(frame(a), frame(b)) == 0.0


@needs_sarabun
def test_sarabuns_unmapped_variants_are_read_from_the_installed_font() -> None:
    """Qt leaves Sarabun's narrow and small marks and its ligature of ้ over the ring unmapped
    (pdfium shows their codes: `>` for the ligature, its own hyphen mark for ็'s narrow form) and
    re-grids their outlines; the installed Sarabun's glyphs say what each one is."""
    text = _text(SARABUN, "1")
    for word in ("น้ำหนัก", "เป็นคำรับรอง", "ลงลายมือชื่อไว้เป็นสำคัญ", "ความมั่นคงของมนุษย์", "นายวีระพงษ์ ศรีสุข"):
        assert word in text
    assert "\ufffd" not in text and "เป-น" not in text
    (page,) = file_health(SARABUN, "1")
    assert page.before.unmapped > 0 and page.after.unmapped == 0 and page.verdict == "repaired"


def test_a_line_cut_by_the_page_break_is_read_once() -> None:
    """Qt draws the line a page break cuts on both pages, each page clipped to its printable
    area: page 1 shows it, page 2 draws it above its top margin, clipped away."""
    path = DATA.parent / "qt" / "a1100120_2568.qt.pdf"
    one, two = _text(path, "1").splitlines(), _text(path, "2").splitlines()
    assert "รายละเอียดอื่น ๆ ตามที่ปรากฏอยู่ในเอกสารประกอบ" in one
    assert two[0] == "ท้ายคำรับรองนี้"


def test_rows_and_blocks_a_page_break_cut_are_read_whole() -> None:
    """Qt lets every row break across pages: a roadmap row's values go on overleaf under an
    empty label cell, and the signature blocks' roles and dates run onto the next page."""
    from pipeline.extract import extract_file

    record = extract_file(DATA.parent / "qt" / "a1100120_2568.qt.pdf")
    kpi4 = next(k for k in record.kpis if k.number == 4)
    assert [y.text for y in kpi4.roadmap] == ["แต่งตั้งคณะทำงานและกำหนดแนวทางการดำเนินงาน"] * 2
    parties = {p.role: p for p in record.parties}
    assert str(parties["grantor"].signed_on) == "2024-12-03" and str(parties["maker"].signed_on) == "2024-12-02"
    assert parties["grantor"].position == "ผู้ว่าราชการจังหวัดชลบุรี"
