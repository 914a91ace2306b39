"""Broken ToUnicode maps (issue 13, classes 1–3): the ring of ำ with a useless entry, Latin letters
for Thai digits, U+FFFD fragments. Real files where they occur, and sample PDFs damaged each way
by `tests.synthetic.damage`, which must read back exactly as the undamaged file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parsers.pdf.health import count_problems, spaced_letters
from pipeline.textlayer import file_health, file_text, summarize
from tests.conftest import REAL, SAMPLES
from tests.synthetic.damage import DAMAGE_KINDS, damage, parse_cmap, write_cmap

GAZETTE = REAL / "royal_gazette_140A022N.pdf"
BUDGET = REAL / "budget_fy2565_31.pdf"
LATIN = re.compile(r"[\u00c0-\u024f]")


def _all_text(path: Path) -> str:
    return "\n".join(text for _, text in file_text(path, ocr="never"))


# --- the Royal Gazette: TH SarabunIT๙ from Word maps the ring of ำ to a space --------------------


def test_gazette_ring_mapped_to_a_space_is_read_as_sara_am() -> None:
    text = _all_text(GAZETTE)
    for word in ("อำนาจ", "นำความ", "ประจำปี", "ดำเนิน", "กำหนด"):
        assert word in text, word
    for broken in ("อานาจ", "ประจาปี", "ดาเนิน", "น าความ"):
        assert broken not in text, broken
    # the real spaces of the same font stay spaces
    assert "ให้ไว้ ณ วันที่" in text
    assert "\u0e4d" not in text and "\ufffd" not in text


def test_doctor_counts_the_gazette_ring_glyphs_before_repair() -> None:
    pages = file_health(GAZETTE)
    first = pages[0]
    assert first.before.lost_am >= 4  # อำนาจ ×2, นำความ, ประจำปี, ดำเนิน on page 1
    assert first.before.unmapped >= first.before.lost_am
    assert first.after.lost_am == 0 and first.after.unmapped == 0
    assert first.verdict == "repaired"
    s = summarize(pages)
    assert s["before"]["lost_am"] == 6 and s["after"]["lost_am"] == 0  # type: ignore[index]


# --- the budget book: raw codes, U+FFFD fragments of Word's cluster maps ------------------------


@pytest.fixture(scope="module")
def budget_text() -> str:
    return _all_text(BUDGET)


def test_budget_text_has_no_replacement_or_latin_letters(budget_text: str) -> None:
    assert "\ufffd" not in budget_text
    assert not LATIN.findall(budget_text)
    # the words the fragments sat in
    assert "ผลสัมฤทธิ์และประโยชน์ที่คาดว่าจะได้รับ" in budget_text
    assert "หน่วยงานอื่นของรัฐ" in budget_text
    assert "ความเชื่อมโยงยุทธศาสตร์ชาติ" in budget_text


def test_budget_doctor_sees_the_broken_glyphs_and_keeps_coverage() -> None:
    s = summarize(file_health(BUDGET))
    before, after = s["before"], s["after"]
    assert isinstance(before, dict) and isinstance(after, dict)
    assert before["unmapped"] > 500  # raw codes (É Ê Í) and U+FFFD entries
    assert after["unmapped"] == 0 and after["lost_am"] == 0 and after["spaced"] == 0
    assert after["coverage"] >= 0.97
    assert "damaged" not in s["verdicts"]  # type: ignore[operator]


# --- damaged copies read back as the undamaged file ---------------------------------------------


def test_cmap_round_trip() -> None:
    import pikepdf

    with pikepdf.open(GAZETTE) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                mapping, width = parse_cmap(obj.ToUnicode.read_bytes())
                assert mapping and parse_cmap(write_cmap(mapping, width)) == (mapping, width)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """d01 (LibreOffice, simple TrueType subsets without cmap or glyph names) and a synthetic
    agreement (WeasyPrint, CID fonts with a Unicode cmap)."""
    out = {"d01": SAMPLES / "d01_mdb_2566.pdf"}
    from tests.synthetic.render import weasyprint_missing

    if weasyprint_missing() is None:
        from tests.synthetic.records import MOI_ICT

        path = tmp_path_factory.mktemp("render") / "moi_ict.pdf"
        from tests.synthetic.render import render

        render(MOI_ICT.record, path, MOI_ICT.layout, MOI_ICT.extras)
        out["moi_ict"] = path
    return out


_CLEAN: dict[str, str] = {}


@pytest.mark.parametrize("kind", DAMAGE_KINDS)
@pytest.mark.parametrize("name", ["d01", "moi_ict"])
def test_damaged_copy_reads_as_the_original(sources: dict[str, Path], tmp_path: Path, name: str, kind: str) -> None:
    if name not in sources:
        pytest.skip("WeasyPrint cannot render here")
    src = sources[name]
    if name not in _CLEAN:
        _CLEAN[name] = _all_text(src)
    broken = tmp_path / f"{name}.{kind}.pdf"
    damage(src, broken, kind, seed=13)
    assert _all_text(broken) == _CLEAN[name]
    health = file_health(broken, "1-3")
    if _raw_text(broken) != _raw_text(src):  # pdfium reads some damage right from the font
        assert sum(h.before.unmapped for h in health) > 0, "the damage must show before repair"
    assert all(h.after.impossible == 0 for h in health)


def _raw_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        # without white space: pdfium's own word-space guesses move with the glyphs' widths
        text = "".join(pdf[k].get_textpage().get_text_range() for k in range(min(3, len(pdf))))
        return "".join(text.split())
    finally:
        pdf.close()


def test_damaged_digits_keep_the_record(tmp_path: Path) -> None:
    from pipeline.extract import extract_file

    broken = tmp_path / "d01.digits.pdf"
    damage(SAMPLES / "d01_mdb_2566.pdf", broken, "digits-latin", seed=5)

    def record(path: Path) -> dict:
        r = extract_file(path).to_json_dict()
        r.pop("source", None)
        return r

    assert record(broken) == record(SAMPLES / "d01_mdb_2566.pdf")


# --- the checks themselves ----------------------------------------------------------------------


def test_latin_letter_inside_thai_and_zero_width_count_as_unmapped() -> None:
    assert count_problems("คĺารับรอง")[3] == 1
    assert count_problems("ที่\u200bคาด")[3] == 1
    assert count_problems("Škoda และ Müller")[3] == 0  # Latin words stay Latin


def test_letters_set_apart_by_spaces_are_counted() -> None:
    assert spaced_letters("แผนปฏิ บั ติ ร าชการ") == 2  # a run, and a word opening with า
    assert spaced_letters("ให้ไว้ ณ วันที่ ๑๗ มีนาคม") == 0
    assert spaced_letters("การดำเนินงาน ประจำปี") == 0


def test_ring_is_recognised_by_its_outline() -> None:
    """ํ of every installed Thai font is a ring; no other upper mark is."""
    import subprocess

    from fontTools.ttLib import TTFont

    from parsers.pdf.fontprograms import program_from_sfnt
    from parsers.pdf.outlines import is_ring, shape_of

    out = subprocess.run(["fc-list", ":lang=th", "file"], capture_output=True, text=True).stdout
    paths = sorted({line.split(":")[0] for line in out.splitlines() if line.endswith((".ttf", ".ttf: "))})[:12]
    if not paths:
        pytest.skip("no Thai fonts installed")
    for path in paths:
        font = TTFont(path)
        cmap = font.getBestCmap()
        program = program_from_sfnt(Path(path).read_bytes())
        for cp in (0x0E4D, 0x0E31, 0x0E47, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E50):
            if cp not in cmap:
                continue
            shape = shape_of(program, program.gid_of[cmap[cp]])
            assert shape is not None
            assert is_ring(shape) == (cp == 0x0E4D), (path, hex(cp))
