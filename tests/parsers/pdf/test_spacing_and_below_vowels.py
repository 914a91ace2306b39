"""Issue 13, class 4: a below vowel drawn at the next consonant's pen origin, and space glyphs
between the letters of a word whose advance the exporter took back. Unit cases on glyph records,
the real file where the first occurs, and sweep PDFs damaged each way by
`tests.synthetic.damage` (the ink stays where it was), which must read back as the originals with
their real word gaps kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.pdf.glyphs import Char
from parsers.pdf.lines import build_lines
from pipeline.textlayer import file_health, file_text
from tests.conftest import DATA, REAL
from tests.synthetic.damage import CONTENT_KINDS, damage

SIZE = 14.0
BUDGET = REAL / "budget_fy2565_31.pdf"
#: LibreOffice (simple TrueType, one-byte codes) and WeasyPrint (CID fonts, two-byte codes)
SWEEP = {
    "libreoffice": DATA / "sweep" / "a100049_2568.libreoffice-sarabun.pdf",
    "weasyprint": DATA / "sweep" / "a100008_2566.weasyprint.pdf",
}


def _glyph(text: str, x0: float, x1: float, origin: float, index: int, same_glyph: bool = False) -> Char:
    return Char(text, x0, x1, 88.0, 104.0, 100.0, origin, SIZE, "F", index, 1, same_glyph=same_glyph)


def _text(chars: list[Char]) -> str:
    return "\n".join(ln.text for ln in build_lines(chars))


# --- below vowels ------------------------------------------------------------------------------


def test_below_vowel_at_the_next_consonants_origin_goes_under_its_own_consonant() -> None:
    """ผ ้ ช ู: ู drawn after ช at ช's pen origin (so pdfium marks it as sharing ช's glyph), its
    ink under ผ. It belongs to ผ, the tone follows it: ผู้ช."""
    chars = [
        _glyph("ผ", 100.0, 108.0, 100.0, 0),
        _glyph("\u0e49", 103.0, 108.4, 108.0, 1),
        _glyph("ช", 108.0, 116.0, 108.0, 2, same_glyph=True),
        _glyph("\u0e39", 102.4, 106.8, 108.0, 3, same_glyph=True),
    ]
    assert _text(chars) == "ผู้ช"


def test_a_glyph_read_as_base_and_below_vowel_keeps_its_vowel() -> None:
    """One glyph whose ToUnicode entry is ผู: pdfium gives each letter a share of its box at one
    pen origin; the vowel's share lies to the right of the consonant's, not before it."""
    chars = [
        _glyph("ก", 92.0, 100.0, 92.0, 0),
        _glyph("ผ", 100.0, 104.0, 100.0, 1),
        _glyph("\u0e39", 104.0, 108.0, 100.0, 2, same_glyph=True),
        _glyph("ก", 108.0, 116.0, 108.0, 3),
    ]
    assert _text(chars) == "กผูก"


def test_budget_book_below_vowel_of_a_cluster_map_is_not_doubled() -> None:
    """Word's cluster maps in the budget book: glyph ผู, glyph กพั, then ู again at the second
    glyph's origin with its ink under ผ. It was read onto พ (ผูกพัูน)."""
    text = "\n".join(t for _, t in file_text(BUDGET, "5", ocr="never"))
    assert "ผูกพัน" in text
    assert "ผูกพัูน" not in text
    assert "ระยะปานกลาง จำ" in text  # a space inside a cluster map is the writer's: kept


# --- spaces between letters ---------------------------------------------------------------------


def _spaced(word: str, taken_back: bool) -> list[Char]:
    """`word` (bases only) with a space glyph after every letter; `taken_back`: the space's
    advance is undone by kerning (the next letter drawn where the space was). Each letter's box
    starts a side bearing after its pen and ends short of its advance, so even touching letters
    leave a gap of 0.1 em between their boxes."""
    chars: list[Char] = []
    x = 100.0
    for k, letter in enumerate(word):
        chars.append(_glyph(letter, x + 0.4, x + 7.0, x, 2 * k))
        x += 8.0
        if k + 1 < len(word):
            chars.append(_glyph(" ", x, x + 3.0, x, 2 * k + 1))
            x += 0.0 if taken_back else 3.0
    return chars


def test_space_glyphs_whose_advance_is_taken_back_are_no_word_gaps() -> None:
    assert _text(_spaced("การประเมน", taken_back=True)) == "การประเมน"


def test_space_glyphs_the_pen_moves_on_by_are_word_gaps() -> None:
    assert _text(_spaced("กขค", taken_back=False)) == "ก ข ค"


# --- damaged copies read as the originals --------------------------------------------------------

_CLEAN: dict[str, str] = {}


def _all_text(path: Path) -> str:
    return "\n".join(text for _, text in file_text(path, ocr="never"))


@pytest.mark.parametrize("kind", CONTENT_KINDS)
@pytest.mark.parametrize("name", sorted(SWEEP))
def test_damaged_copy_reads_as_the_original(tmp_path: Path, name: str, kind: str) -> None:
    src = SWEEP[name]
    if name not in _CLEAN:
        _CLEAN[name] = _all_text(src)
    broken = tmp_path / f"{name}.{kind}.pdf"
    damage(src, broken, kind, seed=13)
    assert _all_text(broken) == _CLEAN[name]
    # the real word gaps are still there (the text equals the original, which has them)
    assert "ตามที่ปรากฏ" in _CLEAN[name] and " " in _CLEAN[name]
    health = file_health(broken, "1-3")
    assert all(h.after.impossible == 0 and h.after.dangling_marks == 0 for h in health)
    assert all(h.verdict != "damaged" for h in health)
    if kind == "spaced-letters":
        # doctor shows the spaced-out letters before repair, none after
        assert all(h.before.spaced > 0 and h.after.spaced == 0 for h in health)
    else:
        # pdfium's own text puts the vowel on the wrong consonant: a dangling mark or a spaced run
        assert sum(h.before.dangling_marks + h.before.spaced for h in health) > 0


@pytest.mark.parametrize("kind", CONTENT_KINDS)
def test_damaged_copy_keeps_the_record(tmp_path: Path, kind: str) -> None:
    from pipeline.extract import extract_file

    src = SWEEP["libreoffice"]
    broken = tmp_path / f"sweep.{kind}.pdf"
    damage(src, broken, kind, seed=5)

    def record(path: Path) -> dict:
        r = extract_file(path).to_json_dict()
        r.pop("source", None)
        return r

    assert record(broken) == record(src)
