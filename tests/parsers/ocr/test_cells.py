"""A cell's image without its rules' remnants (`parsers.ocr.cells`)."""

from __future__ import annotations

import numpy as np

from parsers.ocr.cells import without_rule_remnants


def test_rule_slivers_at_a_cells_edges_are_blanked() -> None:
    cell = np.full((60, 120), 255, dtype=np.uint8)
    cell[:, 1] = 0  # what is left of the cell's left rule on a turned page
    cell[20:40, 50:60] = 0  # the cell's text
    out = without_rule_remnants(cell)
    assert (out[:, 1] == 255).all()
    assert (out[20:40, 50:60] == 0).all()


def test_a_dashed_rule_remnant_and_specks_at_a_cells_edge_are_blanked() -> None:
    cell = np.full((400, 200), 255, dtype=np.uint8)
    for y in range(0, 400, 60):
        cell[y : y + 30, 1] = 0  # a rule entering the cell in dashes after the page was turned
    cell[45:48, 3:5] = 0  # a speck in the edge's band
    cell[20:60, 6:40] = 0  # a glyph close to the edge reaches further in: kept
    out = without_rule_remnants(cell)
    assert (out[:, 1] == 255).all() and (out[45:48, 3:5] == 255).all()
    assert (out[20:60, 6:40] == 0).all()
