"""Word spaces the text layer lost: HarfBuzz-based writers (Typst) draw a cluster of a letter and
its marks in a span of its own and a space between two such spans as a text object holding only
that space, which pdfium never reads. The gap the pen moved on by, held against the font's own
space as the page draws it elsewhere, says where it was (`parsers.pdf.lines._lost_space`).

The glyph records below are the ones pdfium gives for `และ นายธีรพงษ์ วงศ์ใหญ่` in a Typst
agreement (Arundina Serif, 12 pt); the Typst test renders such a line itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.pdf.document import open_pdf, read_page
from parsers.pdf.glyphs import Char
from parsers.pdf.lines import build_lines

SIZE = 12.0
FONT = "DBNPVP+ArundinaSerif"
#: text, x0, x1, pen origin, same glyph as the char before (a span's letters share its ink box)
TYPST_NAME = [
    ("แ", 262.09, 268.77, 261.62, False),
    ("ล", 269.16, 276.61, 269.16, False),
    ("ะ", 276.61, 282.81, 276.61, False),
    (" ", 282.81, 285.88, 282.81, False),  # a space drawn in a run of glyphs: read
    ("น", 286.07, 294.00, 285.93, False),
    ("า", 294.65, 299.86, 294.48, False),
    ("ย", 300.71, 308.21, 300.71, False),
    ("ธ", 308.16, 311.45, 308.22, False),
    ("ี", 311.45, 314.73, 308.22, True),
    ("ร", 315.27, 321.17, 315.17, False),
    ("พ", 321.67, 330.11, 321.53, False),
    ("ง", 330.97, 336.49, 330.97, False),
    ("ษ", 336.64, 340.92, 336.50, False),
    ("์", 340.92, 345.20, 336.50, True),
    # the space drawn here, between the spans of ษ์ and ว, is not in the text layer
    ("ว", 348.16, 353.56, 348.02, False),
    ("ง", 354.42, 359.94, 354.42, False),
    ("ศ", 360.35, 364.01, 359.95, False),
    ("์", 364.01, 367.68, 359.95, True),
    ("ใ", 367.46, 372.68, 367.42, False),
    ("ห", 373.08, 381.48, 373.08, False),
    ("ญ", 381.63, 386.34, 381.50, False),
    ("่", 386.34, 391.05, 381.50, True),
]


def _chars(rows: list[tuple[str, float, float, float, bool]]) -> list[Char]:
    return [
        Char(t, x0, x1, 140.71, 158.96, 155.21, ox, SIZE, FONT, i, 1, same_glyph=same)
        for i, (t, x0, x1, ox, same) in enumerate(rows)
    ]


def _text(chars: list[Char]) -> str:
    return "\n".join(ln.text for ln in build_lines(chars))


def test_a_space_the_text_layer_lost_between_two_clusters_is_read_from_the_pen() -> None:
    """ษ์ and ว stand a space of the font apart (the drawn space after และ says how wide that
    is); the letters of วงศ์ใหญ่, one cluster against the next, stay together."""
    assert _text(_chars(TYPST_NAME)) == "และ นายธีรพงษ์ วงศ์ใหญ่"


def test_without_a_drawn_space_to_measure_by_the_gap_needs_its_usual_width() -> None:
    """A page that draws no space of its own says nothing of its font's space: the gap is held
    against the usual rule, as before (pdfium's own spaces speak for such pages)."""
    rows = [r for r in TYPST_NAME if r[0] != " "]
    assert _text(_chars(rows)) == "และนายธีรพงษ์วงศ์ใหญ่"


def test_a_letter_gap_is_no_lost_space() -> None:
    """ษ์ moved up to ว so that the pen gap is a letter's side bearing, not a space."""
    shift = 2.6
    rows = [(t, x0 - shift, x1 - shift, ox - shift, s) if k >= 14 else (t, x0, x1, ox, s)
            for k, (t, x0, x1, ox, s) in enumerate(TYPST_NAME)]
    assert _text(_chars(rows)) == "และ นายธีรพงษ์วงศ์ใหญ่"


# --- a real Typst PDF --------------------------------------------------------------------------

#: a Thai font Typst finds on this machine (first found is used)
THAI_FONTS = ("Arundina Serif", "Garuda", "Sarabun", "Loma", "Norasi")
LINES = [
    "ข้อ 1 คำรับรองนี้จัดทำขึ้นระหว่าง นายธีรพงษ์ วงศ์ใหญ่ ตำแหน่ง ผู้อำนวยการกอง",
    "ให้ไว้ ณ วันที่ 15 พฤศจิกายน พ.ศ. 2567",
    "(นายสุรเชษฐ์ พึ่งบุญ)",
]


def _typst_pdf(tmp_path: Path) -> Path:
    typst = pytest.importorskip("typst")
    fonts = ", ".join(f'"{f}"' for f in THAI_FONTS)
    body = "\n\n".join(f'#"{line}"' for line in LINES)
    src = tmp_path / "doc.typ"
    src.write_text(f'#set page(paper: "a4")\n#set text(font: ({fonts}), size: 12pt, lang: "th")\n{body}\n',
                   encoding="utf-8")
    out = tmp_path / "doc.pdf"
    typst.compile(str(src), output=str(out))
    return out


def test_typst_names_and_dates_keep_their_word_spaces(tmp_path: Path) -> None:
    pdf = open_pdf(_typst_pdf(tmp_path))
    try:
        page = read_page(pdf, 0)
    finally:
        pdf.close()
    text = "\n".join(ln.text for ln in page.lines)
    if "นาย" not in text.replace(" ", ""):
        pytest.skip("no Thai font Typst can use here")
    for line in LINES:
        assert line in text, text
