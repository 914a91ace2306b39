"""Tables cut by a page break whose rest a word processor laid out again (LibreOffice sizes
auto-width columns per page): the piece that opens the next page, with the same outline and as
many columns, continues the table, its cells moved onto the first piece's column rules."""

from __future__ import annotations

import json
from pathlib import Path

from parsers.pdf.tables import Cell, Table
from parsers.sections.continuation import continuations, redrawn_grid, regrid

SWEEP = Path(__file__).resolve().parents[2] / "data" / "sweep"


def _table(page: int, rules: list[float], right: float = 533.0, rows: int = 2) -> Table:
    edges = [*rules, right]
    cells = [[Cell((edges[i], 100.0 + r * 20, edges[i + 1], 120.0 + r * 20), page, [], f"ข้อความ {chr(0x0E01 + r + i)}") for i in range(len(rules))] for r in range(rows)]
    return Table(page, (rules[0], 100.0, right, 100.0 + rows * 20), cells)


def test_redrawn_grid_needs_outline_and_column_count() -> None:
    first = _table(3, [66, 186, 259, 325, 392, 464])
    assert redrawn_grid(first, _table(4, [66, 194, 254, 311, 386, 457]))
    assert not redrawn_grid(first, _table(4, [66, 194, 254, 311, 386]))  # a column fewer
    assert not redrawn_grid(first, _table(4, [66, 120, 300, 311, 386, 457]))  # rules far off
    assert not redrawn_grid(first, _table(4, [80, 194, 254, 311, 386, 457]))  # another outline


def test_only_a_piece_that_opens_its_page_is_taken() -> None:
    first = _table(3, [66, 186, 259, 325, 392, 464])
    rest = _table(4, [66, 194, 254, 311, 386, 457])
    assert continuations([first, rest], first, {id(first)}) == [first]
    chain = continuations([first, rest], first, {id(first)}, opening={id(rest)})
    assert len(chain) == 2
    assert sorted(chain[1].columns) == sorted(first.columns)


def test_regrid_keeps_text_and_rows() -> None:
    first = _table(3, [66, 186, 259, 325, 392, 464])
    rest = _table(4, [66, 194, 254, 311, 386, 457])
    moved = regrid(rest, first)
    assert moved.texts() == rest.texts() and moved.page == 4


def test_libreoffice_targets_table_continued_on_the_next_page() -> None:
    from pipeline.extract import extract_file

    stem = "a100074_2567.libreoffice-sawasdee"
    truth = json.loads((SWEEP / f"{stem}.truth.json").read_text(encoding="utf-8"))["truth"]
    record = extract_file(SWEEP / f"{stem}.pdf").to_json_dict()
    assert [k["number"] for k in record["kpis"]] == [k["number"] for k in truth["kpis"]]
    for got, want in zip(record["kpis"], truth["kpis"], strict=True):
        assert (got["weight"], got["scoring"], len(got["criteria"])) == (want["weight"], want["scoring"], len(want["criteria"]))
