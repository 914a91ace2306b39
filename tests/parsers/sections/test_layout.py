"""Where an item runs on (`parsers.sections.layout`): lines stand at their baselines, and a
text's usual line pitch decides what is one line down."""

from __future__ import annotations

from parsers.pdf.lines import Boxes, Line
from parsers.sections.layout import continues, line_pitch, usual_pitch

SIZE = 8.8


def _line(text: str, x0: float, x1: float, base: float, tall: bool = False) -> Line:
    """A line whose characters sit on `base`; with `tall`, one character's mark reaches 4 pt higher."""
    step = (x1 - x0) / len(text)
    boxes = [(x0 + k * step, base - SIZE * 0.7, x0 + (k + 1) * step, base) for k in range(len(text))]
    if tall:
        boxes[0] = (boxes[0][0], base - SIZE * 0.7 - 4.0, boxes[0][2], base)
    return Line(text, Boxes(boxes), 1, SIZE)


def test_a_line_stands_at_its_baseline_not_at_its_tallest_mark() -> None:
    plain, marked = _line("ดำเนินงาน", 50, 120, 400.0), _line("ดำเนินงาน", 50, 120, 400.0, tall=True)
    assert plain.baseline == marked.baseline == 400.0
    assert marked.top < plain.top


def test_usual_pitch_is_the_median_distance_between_following_lines() -> None:
    lines = [_line("ก" * 10, 50, 540, b) for b in (100.0, 115.3, 130.6, 143.7, 159.0, 174.3, 260.0)]
    assert abs((usual_pitch(lines) or 0.0) - 15.3) < 0.01  # the row boundary (13.1) and the heading gap are not it
    assert usual_pitch(lines[:1]) is None


def test_a_wrapped_line_after_a_row_boundary_still_continues() -> None:
    """A spreadsheet's rows stand closer than the lines inside a cell: the pitch measured across
    the row boundary alone would make the cell's second line look like something new."""
    above = _line("งาน", 47, 62, 440.1)  # the last line of the row above
    first = _line("(๓) สื่อสารและสร้างความเข้าใจ", 65, 544, 453.2)  # the item, indented
    wrapped = _line("และแนวทางการสมัคร", 47, 528, 468.5)  # back at the margin, one cell pitch down
    local = line_pitch(above, first)
    assert local is not None and not continues(first, wrapped, first.x0, 546.8, local)
    usual = usual_pitch([above, first, wrapped, _line("ทราบ", 47, 70, 483.8)])
    assert continues(first, wrapped, first.x0, 546.8, line_pitch(above, first, usual))
    # a heading well below is still something new
    heading = _line("แหล่งข้อมูล", 47, 120, 453.2 + 2.4 * SIZE)
    assert not continues(first, heading, first.x0, 546.8, line_pitch(above, first, usual))
