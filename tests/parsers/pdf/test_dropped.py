"""Text pdfium's text page drops as a copy of the text before it (`parsers.pdf.dropped`): a long
target repeated in three rows of a roadmap table (LibreOffice, Waree: the objects' boxes, tall
with the font's marks, overlap the next row's) reads in every row, as `pdftotext` shows it."""

from __future__ import annotations

from pathlib import Path

from parsers.pdf.document import iter_pages, open_pdf
from parsers.pdf.dropped import dropped_copies
from parsers.pdf.glyphs import Char, read_chars

PDF = Path(__file__).resolve().parents[2] / "data" / "blind" / "a100042_2565_libreoffice-waree+ring-fffd.lo-docx-clauses-rows-tp-khead-th.pdf"
TARGET = "ถอดบทเรียนและเผยแพร่แนวปฏิบัติที่ดี"


def test_a_target_repeated_down_a_table_is_read_in_every_row() -> None:
    (page,) = iter_pages(open_pdf(PDF), [6])
    rows = [[c.text for c in row] for t in page.tables for row in t.rows if row[0].text in ("๒๕๖๕", "๒๕๖๖", "๒๕๖๗")]
    assert [r for r in rows if r[1] == TARGET] == [["๒๕๖๕", TARGET], ["๒๕๖๖", TARGET], ["๒๕๖๗", TARGET]]


def test_the_dropped_rows_are_the_first_rows_glyphs_moved_down() -> None:
    pdf = open_pdf(PDF)
    objects: dict[int, list[Char]] = {}
    page = pdf[5]
    try:
        chars, tf = read_chars(page, 6, objects)
        copies = dropped_copies(page, objects, tf.q == 0)
        assert not dropped_copies(page, objects, upright=False)  # turned pages: left as they are
    finally:
        page.close()
    # two rows' worth (the objects of 2566 and 2567), each the first row's glyphs further down
    rows = sorted({round(ch.baseline, 1) for ch in copies})
    assert len(rows) == 2 and rows[1] - rows[0] > 10
    kept = {(ch.text, round(ch.x0, 2)) for ch in chars}
    assert all((ch.text, round(ch.x0, 2)) in kept for ch in copies)
    assert "".join(ch.text for ch in copies if round(ch.baseline, 1) == rows[0]).replace(" ", "") != ""
