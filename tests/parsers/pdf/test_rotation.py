"""Rotated pages read like upright ones: /Rotate on the page, or the content itself drawn
rotated (a landscape table on a portrait page)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from pipeline.textlayer import file_text
from tests.conftest import SAMPLES

SRC = SAMPLES / "d03_legacy_pua.pdf"


def _text(path: Path, page: int) -> str:
    return dict(file_text(path, str(page)))[page]


def test_page_rotate_attribute(tmp_path: Path) -> None:
    out = tmp_path / "rotate.pdf"
    with pikepdf.open(SRC) as pdf:
        pdf.pages[1].obj.Rotate = 90
        pdf.save(out)
    assert _text(out, 2) == _text(SRC, 2)


@pytest.mark.parametrize("quarter", [1, 3])
def test_content_drawn_rotated(tmp_path: Path, quarter: int) -> None:
    out = tmp_path / f"content{quarter}.pdf"
    with pikepdf.open(SRC) as pdf:
        page = pdf.pages[1]
        w, h = float(page.mediabox[2]), float(page.mediabox[3])
        cm = b"0 1 -1 0 %f 0 cm\n" % h if quarter == 1 else b"0 -1 1 0 0 %f cm\n" % w
        page.contents_coalesce()
        body = page.obj.Contents.read_bytes()
        page.obj.Contents = pikepdf.Stream(pdf, b"q\n" + cm + body + b"\nQ\n")
        page.obj.MediaBox = [0, 0, h, w]
        pdf.save(out)
    assert _text(out, 2) == _text(SRC, 2)


def test_whole_agreement_drawn_rotated_extracts_the_same(tmp_path: Path) -> None:
    from pipeline.accuracy import accuracy, compare
    from pipeline.extract import extract_file
    from tests.conftest import truth

    out = tmp_path / "rotated.pdf"
    with pikepdf.open(SRC) as pdf:
        for page in pdf.pages:
            w, h = float(page.mediabox[2]), float(page.mediabox[3])
            page.contents_coalesce()
            body = page.obj.Contents.read_bytes()
            page.obj.Contents = pikepdf.Stream(pdf, b"q\n0 1 -1 0 %f 0 cm\n" % h + body + b"\nQ\n")
            page.obj.MediaBox = [0, 0, h, w]
        pdf.save(out)
    record = extract_file(out).to_json_dict()
    assert accuracy(compare(truth("d03_legacy_pua"), record)) >= 0.98


@pytest.mark.parametrize("quarter", [1, 3])
def test_sideways_text_beside_upright_text_reads_in_its_own_direction(tmp_path: Path, quarter: int) -> None:
    """A page carrying the same content twice, upright on the left and turned a quarter on the
    right (a book spine, a rotated column header): both copies read word for word."""
    from collections import Counter

    out = tmp_path / f"mixed{quarter}.pdf"
    with pikepdf.open(SRC) as pdf:
        page = pdf.pages[0]
        w, h = float(page.mediabox[2]), float(page.mediabox[3])
        page.contents_coalesce()
        body = page.obj.Contents.read_bytes()
        cm = b"0 1 -1 0 %f 0 cm\n" % (w + h) if quarter == 1 else b"0 -1 1 0 %f %f cm\n" % (w, w)
        page.obj.Contents = pikepdf.Stream(pdf, b"q\n" + body + b"\nQ\nq\n" + cm + body + b"\nQ\n")
        page.obj.MediaBox = [0, 0, w + h, max(w, h)]
        pdf.save(out)
    words = Counter(_text(SRC, 1).split())
    mixed = Counter(_text(out, 1).split())
    assert len(words) > 20
    missing = {word: n for word, n in words.items() if mixed[word] < 2 * n}
    assert not missing


def test_budget_cover_spine_reads_in_order_and_the_page_is_not_damaged() -> None:
    """The budget book's cover has its spine set sideways: read along the spine, not one glyph
    per line (which made the page look `damaged`)."""
    from pipeline.textlayer import file_health

    budget = Path(__file__).resolve().parents[2] / "data" / "real" / "budget_fy2565_31.pdf"
    text = _text(budget, 1)
    assert "หน่วยงานอื่นของรัฐ สภากาชาดไทย ส่วนราชการในพระองค์" in text
    assert "เล่มที่ ๑๗" in text
    assert all(len(line.strip()) > 2 for line in text.splitlines()[1:])
    [health] = file_health(budget, "1")
    assert health.verdict != "damaged"
    # the five glyphs its font maps to U+FFFD stay flagged; the rest reads as well as before
    assert health.after.coverage >= health.before.coverage
