"""Cells from ruling lines: the missing side of a merged cell cut by a page break."""

from __future__ import annotations

from parsers.pdf.edges import _edge
from parsers.pdf.tables import close_open_cells, find_tables
from tests.parsers.pdf.test_lines import layout


def _grid_with_open_merged_cell() -> list[dict]:
    """Three columns; the first holds one merged cell that runs on past the page's last rule
    (no rule under it), the others close every row."""
    return [
        _edge("h", 50, 350, 100, 100),  # top of the table
        _edge("h", 150, 350, 140, 140),
        _edge("h", 150, 350, 180, 180),  # bottom rule of the other columns only
        _edge("v", 50, 50, 100, 180),
        _edge("v", 150, 150, 100, 180),
        _edge("v", 250, 250, 100, 180),
        _edge("v", 350, 350, 100, 180),
    ]


def test_open_merged_cell_is_closed_and_its_text_kept() -> None:
    edges = _grid_with_open_merged_cell()
    added = [e for e in close_open_cells(edges) if e not in edges]
    assert [(e["x0"], e["x1"], e["top"]) for e in added] == [(50.0, 150.0, 180.0)]
    chars = layout("หมวดหนึ่ง", x=60.0, baseline=130.0)
    [table] = find_tables(chars, edges, 1)
    assert any(c.text == "หมวดหนึ่ง" for row in table.rows for c in row)


def test_two_tables_side_by_side_are_not_joined() -> None:
    # two separate boxes ending at the same height: nothing spans the gap between them above
    edges = [
        _edge("h", 50, 150, 100, 100), _edge("h", 50, 150, 180, 180),
        _edge("v", 50, 50, 100, 180), _edge("v", 150, 150, 100, 180),
        _edge("h", 250, 350, 100, 100), _edge("h", 250, 350, 180, 180),
        _edge("v", 250, 250, 100, 180), _edge("v", 350, 350, 100, 180),
    ]
    assert close_open_cells(edges) == edges


def test_a_row_continued_at_the_page_top_without_a_rule_over_it_is_closed() -> None:
    """Chrome repeats no border at a page break: the row continued at the top of the next page
    has its verticals and its bottom rule, and nothing over it. Its top is added, so the row is a
    table row (its KPI was read as loose lines, and lost)."""
    edges = [
        _edge("v", 50, 50, 40, 120), _edge("v", 150, 150, 40, 120), _edge("v", 250, 250, 40, 120),
        _edge("v", 350, 350, 40, 140),
        _edge("h", 50, 350, 120, 120),  # the continued row's bottom
        _edge("h", 50, 350, 140, 140),  # the total row's bottom
        _edge("v", 50, 50, 120, 140),
    ]
    added = [e for e in close_open_cells(edges) if e not in edges]
    assert [(e["x0"], e["x1"], e["top"]) for e in added] == [(50.0, 350.0, 40.0)]
    chars = layout("ระดับ", x=160.0, baseline=70.0)
    tables = find_tables(chars, edges, 1)
    assert any(c.text == "ระดับ" for t in tables for row in t.rows for c in row)
    # two verticals alone (a box's sides) are no row: nothing added
    pair = [_edge("v", 50, 50, 40, 120), _edge("v", 150, 150, 40, 120), _edge("h", 50, 150, 120, 120)]
    assert close_open_cells(pair) == pair


def test_a_row_cut_at_the_page_foot_without_a_rule_under_it_is_closed() -> None:
    """WeasyPrint draws no border at a page break: a row split over the break runs every column's
    verticals down to the page's content foot, with nothing under them. Its bottom is added, so
    the row's first part (a KPI's name and criteria) is a table row, not loose lines."""
    edges = [
        _edge("h", 50, 350, 40, 40), _edge("h", 50, 350, 120, 120),  # the header's top, the row's top
        _edge("v", 50, 50, 40, 780), _edge("v", 150, 150, 40, 780), _edge("v", 250, 250, 40, 780),
        _edge("v", 350, 350, 40, 780),
    ]
    added = [e for e in close_open_cells(edges) if e not in edges]
    assert [(e["x0"], e["x1"], e["top"]) for e in added] == [(50.0, 350.0, 780.0)]
    chars = layout("ตัวชี้วัด", x=60.0, baseline=200.0)
    [table] = find_tables(chars, edges, 1)
    assert table.texts()[-1][0] == "ตัวชี้วัด"
    # a vertical of the table running on below that height: not the table's foot
    on = [*edges[:-1], _edge("v", 350, 350, 40, 800)]
    assert close_open_cells(on) == on
    # two verticals alone (a box's sides) are no row: nothing added
    pair = [_edge("h", 50, 150, 40, 40), _edge("v", 50, 50, 40, 780), _edge("v", 150, 150, 40, 780)]
    assert close_open_cells(pair) == pair


def test_a_cut_row_whose_top_rule_is_drawn_cell_by_cell_is_closed() -> None:
    """Chromium and WeasyPrint draw each cell's border on its own: the cut row's top rule comes in
    pieces, and none over the first column, a category's cell merged down past the break. The
    pieces together still span the row (from its second column), so its bottom is added."""
    edges = [
        _edge("h", 50, 350, 40, 40),  # the header's top
        _edge("h", 150, 250, 120, 120), _edge("h", 250, 350, 120, 120),  # the cut row's top, in pieces
        _edge("v", 50, 50, 40, 780),  # the category's cell, merged down
        *(_edge("v", x, x, 40, 120) for x in (150, 250, 350)),  # each row's sides drawn on their own
        *(_edge("v", x, x, 120, 780) for x in (150, 250, 350)),
    ]
    added = [e for e in close_open_cells(edges) if e not in edges]
    assert [(e["x0"], e["x1"], e["top"]) for e in added] == [(50.0, 350.0, 780.0)]
    tables = find_tables(layout("ตัวชี้วัด", x=160.0, baseline=200.0), edges, 1)
    assert any(c.text == "ตัวชี้วัด" for t in tables for row in t.rows for c in row)
    # with no rule over the row at all, nothing says where it begins: nothing is added
    bare = [e for e in edges if not (e["orientation"] == "h" and e["top"] == 120)]
    assert close_open_cells(bare) == bare


def test_grid_cells_are_pdfplumbers_cells() -> None:
    """`grid_cells` (the fast path) finds exactly what pdfplumber's `intersections_to_cells` finds,
    on every ruled page of the samples and the sweep's LibreOffice, ReportLab and WeasyPrint files."""
    from pathlib import Path

    from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges

    from parsers.pdf.document import open_pdf
    from parsers.pdf.edges import page_edges
    from parsers.pdf.glyphs import _Transform
    from parsers.pdf.tables import SNAP, grid_cells

    root = Path(__file__).resolve().parents[3]
    files = [root / "samples" / "d01_mdb_2566.pdf", root / "samples" / "d03_legacy_pua.pdf"]
    files += sorted((root / "tests" / "data" / "sweep").glob("*.pdf"))[:8]
    grids = 0
    for path in files:
        pdf = open_pdf(path)
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                try:
                    w, h = page.get_size()
                    edges = page_edges(page, _Transform(w, h, 0))
                finally:
                    page.close()
                if len(edges) < 4:
                    continue
                merged = close_open_cells(merge_edges(edges, SNAP, SNAP, SNAP, SNAP))
                points = edges_to_intersections(merged, SNAP, SNAP)
                assert grid_cells(points) == intersections_to_cells(points), f"{path.name} page {i + 1}"
                grids += 1
        finally:
            pdf.close()
    assert grids > 10


def test_text_in_a_cell_whose_top_rule_is_missing_is_kept() -> None:
    """MuPDF draws no top rule over the first level's header under a merged `ค่าเป้าหมาย`: no four
    rules meet around `ขั้นต้น`, and its text was lost. The space between the cells around it is
    its cell, in the row of the neighbour that ends at the same foot."""
    edges = [
        _edge("h", 50, 350, 100, 100),  # the table's top
        _edge("h", 150, 350, 130, 130),  # under the merged header over the levels
        _edge("h", 250, 350, 150, 150),  # the top of the second level's header only
        _edge("h", 50, 350, 200, 200),
        _edge("h", 50, 350, 240, 240),
        _edge("v", 50, 50, 100, 240),
        _edge("v", 150, 150, 100, 240),
        _edge("v", 250, 250, 150, 240),  # between the levels: from the second's top rule down
        _edge("v", 350, 350, 100, 130),  # each cell its own sides (the merged header's, ...
        _edge("v", 350, 350, 150, 240),  # ... the second level's and the rows')
    ]
    chars = (
        layout("ตัวชี้วัด", x=60.0, baseline=120.0)
        + layout("ค่าเป้าหมาย", x=200.0, baseline=120.0)
        + layout("ขั้นต้น", x=160.0, baseline=180.0)
        + layout("มาตรฐาน", x=260.0, baseline=180.0)
        + layout("หนึ่ง", x=60.0, baseline=220.0)
    )
    [table] = find_tables(chars, edges, 1)
    texts = table.texts()
    assert ["ขั้นต้น", "มาตรฐาน"] in texts, texts
    cell = next(c for row in table.rows for c in row if c.text == "ขั้นต้น")
    assert (cell.x0, cell.top, cell.x1, cell.bottom) == (150.0, 150.0, 250.0, 200.0)


def test_no_cell_is_made_where_every_text_has_one() -> None:
    edges = _grid_with_open_merged_cell()
    chars = layout("หมวดหนึ่ง", x=60.0, baseline=130.0) + layout("สอง", x=160.0, baseline=120.0)
    [table] = find_tables(chars, edges, 1)
    assert sorted(c.text for row in table.rows for c in row if c.text) == ["สอง", "หมวดหนึ่ง"]
    assert sum(len(row) for row in table.rows) == 5
