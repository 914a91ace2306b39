"""Recovering ``(cid:N)`` glyphs from the fonts embedded in a real budget PDF.

``budget_fy2565_31.pdf`` was exported from Word with DilleniaUPC subsets that
keep no cmap, no glyph names and no GSUB; every ``(cid:N)`` in it is a raised
tone mark whose ToUnicode entry Word left out.  The outline checks at the end
use an installed TLWG font (Debian ``fonts-tlwg-laksaman-ttf``) and skip
without one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parsers.pdf import fontmap, fontprograms, outlines
from parsers.pdf.fontmap import cid_maps, parse_cid, recover_cid_text
from parsers.thai.pua import PUA_TO_THAI, map_pua

pdfplumber = pytest.importorskip("pdfplumber")

BUDGET = Path(__file__).resolve().parents[2] / "data" / "real" / "budget_fy2565_31.pdf"
TLWG = Path("/usr/share/fonts/truetype/tlwg")
TONE_MARKS = {chr(cp) for cp in range(0x0E48, 0x0E4D)}  # ่ ้ ๊ ๋ ์


@pytest.fixture(scope="module")
def budget() -> Iterator[Any]:
    if not BUDGET.exists():
        pytest.skip(f"real PDF missing: {BUDGET}")
    with pdfplumber.open(BUDGET) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def maps(budget: Any) -> fontmap.CidMaps:
    return cid_maps(budget)


@pytest.fixture(scope="module")
def cid_chars(budget: Any) -> list[dict[str, Any]]:
    return [ch for page in budget.pages for ch in page.chars if parse_cid(ch["text"]) is not None]


def _page_text(page: Any, maps: fontmap.CidMaps) -> str:
    return "".join(recover_cid_text(ch["text"], ch["fontname"], maps) or ch["text"] for ch in page.chars)


# --- the real document ------------------------------------------------------------


def test_page10_cids_are_tone_marks(budget: Any, maps: fontmap.CidMaps) -> None:
    chars = [ch for ch in budget.pages[9].chars if parse_cid(ch["text"]) is not None]
    assert chars, "page 10 no longer has (cid:N) chars; the fixture changed"
    assert {ch["fontname"] for ch in chars} >= {"BGPEKO+DilleniaUPC"}
    mai_ek = recover_cid_text("(cid:201)", "BGPEKO+DilleniaUPC", maps)
    assert mai_ek is not None and 0x0E48 <= ord(mai_ek) <= 0x0E4B
    assert mai_ek == "\u0e48"  # เช(cid:201)ือม is เชื่อม
    assert recover_cid_text("(cid:202)", "BGPEKO+DilleniaUPC", maps) == "\u0e49"  # พ(cid:202)นื ฐาน: พื้นฐาน
    for ch in chars:
        text = recover_cid_text(ch["text"], ch["fontname"], maps)
        assert text in TONE_MARKS, (ch["text"], ch["fontname"], text)


def test_page10_words_come_back(budget: Any, maps: fontmap.CidMaps) -> None:
    text = _page_text(budget.pages[9], maps)
    assert "(cid:" not in text
    # In content-stream order (page.chars) the marks already follow Unicode order.
    for word in ("ความเชื่อมโยง", "พื้นฐาน", "ความเหลื่อมล"):
        assert word in text, word


def test_recovery_share_is_high(cid_chars: list[dict[str, Any]], maps: fontmap.CidMaps) -> None:
    assert len(cid_chars) > 1000
    recovered = [recover_cid_text(ch["text"], ch["fontname"], maps) for ch in cid_chars]
    share = sum(r is not None for r in recovered) / len(recovered)
    assert share >= 0.95, f"only {share:.1%} of {len(cid_chars)} (cid:N) chars recovered"
    # and what comes back is plausible: single Thai combining marks only
    assert set(filter(None, recovered)) <= TONE_MARKS


def test_same_glyph_same_answer_across_subsets(
    cid_chars: list[dict[str, Any]], maps: fontmap.CidMaps
) -> None:
    """All DilleniaUPC subsets share glyph ids; a cid must not mean two things."""
    answers: dict[tuple[str, str], set[str | None]] = {}
    for ch in cid_chars:
        family = ch["fontname"].split("+", 1)[-1]
        answers.setdefault((family, ch["text"]), set()).add(
            recover_cid_text(ch["text"], ch["fontname"], maps)
        )
    assert all(len(found) == 1 for found in answers.values()), answers


def test_keys_are_pdfplumber_fontnames(budget: Any, maps: fontmap.CidMaps) -> None:
    names = Counter(ch["fontname"] for page in budget.pages[:12] for ch in page.chars)
    embedded = {name for name in names if "+" in name}
    assert embedded <= set(maps), embedded - set(maps)


def test_unknown_gives_none(maps: fontmap.CidMaps) -> None:
    assert recover_cid_text("(cid:99999)", "BGPEKO+DilleniaUPC", maps) is None
    assert recover_cid_text("(cid:201)", "NoSuchFont", maps) is None
    assert recover_cid_text("ก", "BGPEKO+DilleniaUPC", maps) is None
    assert recover_cid_text("(cid:20l)", "BGPEKO+DilleniaUPC", maps) is None


def test_parse_cid() -> None:
    assert parse_cid("(cid:201)") == 201
    assert parse_cid("(cid:0)") == 0
    assert parse_cid("x(cid:201)") is None
    assert parse_cid("(cid:)") is None


def test_cached_per_document_and_fonts_parsed_once(budget: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cid_maps(budget) is cid_maps(budget)
    loaded: list[int] = []
    real = fontmap.load_program

    def counting(descriptor: Any) -> Any:
        loaded.append(id(descriptor))
        return real(descriptor)

    monkeypatch.setattr(fontmap, "load_program", counting)
    fontmap._build_maps(budget)  # uncached path
    assert loaded, "no embedded font program was read"
    assert len(loaded) == len(set(loaded)), "a font program was parsed twice"


# --- the outline matcher against a font whose answers are known ------------------


def _tlwg_fonts() -> list[Path]:
    return sorted(TLWG.glob("*.ttf")) if TLWG.is_dir() else []


needs_tlwg = pytest.mark.skipif(
    not _tlwg_fonts(), reason="no TLWG font installed (apt-get install fonts-tlwg-laksaman-ttf)"
)


def _tlwg_setup(path: Path) -> tuple[Any, dict[int, str], list[Any]]:
    """Program, cmap and anchors (the plain Thai glyphs) of one TLWG font."""
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    cmap = font.getBestCmap()
    program = fontprograms.program_from_sfnt(path.read_bytes())
    anchors = []
    for code, name in cmap.items():
        if 0x0E01 <= code <= 0x0E5B and (shape := outlines.shape_of(program, program.gid_of[name])):
            anchors.append(outlines.Anchor(shape, chr(code)))
    return program, cmap, anchors


@needs_tlwg
@pytest.mark.parametrize("path", _tlwg_fonts(), ids=lambda p: p.name)
def test_outline_matcher_finds_pua_marks_and_never_guesses_wrong(path: Path) -> None:
    """TLWG's PUA glyphs are displaced marks with a known answer (parsers.thai.pua).

    With the plain glyphs as anchors the matcher must never name a wrong
    character, and must find most marks; with the right plain glyph withheld
    it must not fall back to a look-alike (ี for ื ...).  Safety is absolute,
    recall is not: a few heavy faces (Sawasdee-Bold, TlwgTypo-Bold) redraw
    their small marks so freely that leaving them as (cid:N) is the right call.
    """
    program, cmap, anchors = _tlwg_setup(path)
    right = 0
    for pua, expected in PUA_TO_THAI.items():
        gid = program.gid_of[cmap[ord(pua)]]
        shape = outlines.shape_of(program, gid)
        assert shape is not None
        zero_width = program.advances[program.glyph_order[gid]] == 0
        got = outlines.match_shape(shape, anchors, zero_width)
        assert got in (None, expected), f"U+{ord(pua):04X}: {got!r} instead of {expected!r}"
        right += got == expected
        withheld = outlines.match_shape(shape, [a for a in anchors if a.text != expected], zero_width)
        assert withheld is None, f"U+{ord(pua):04X} without {expected!r} matched {withheld!r}"
    assert right >= 15, f"only {right} of 27 PUA glyphs recognised"


@needs_tlwg
def test_plain_marks_are_not_mistaken_for_each_other() -> None:
    for path in _tlwg_fonts():
        _program, _cmap, anchors = _tlwg_setup(path)
        for anchor in anchors:
            if anchor.is_mark:
                others = [a for a in anchors if a.text != anchor.text]
                assert outlines.match_shape(anchor.shape, others, True) is None, (path.name, anchor.text)


@needs_tlwg
def test_program_names_and_pua_cmap() -> None:
    """Glyph names decode with AGL rules; a PUA-only cmap entry maps through parsers.thai.pua."""
    path = _tlwg_fonts()[0]
    program = fontprograms.program_from_sfnt(path.read_bytes())
    by_gid = fontprograms.program_unicode(program)
    assert by_gid[program.gid_of["uni0E48.low"]] == "\u0e48"  # name only (cmap says U+F70A)
    assert by_gid[program.gid_of["uni0E10.descless"]] == "\u0e10"
    # Drop the names: the PUA code points in the cmap still give the answer.
    anonymous = fontprograms.Program(
        glyph_order=[f"g{i}" for i in range(len(program.glyph_order))],
        glyph_set=None,
        units_per_em=program.units_per_em,
        cmaps={
            key: {code: f"g{program.gid_of[name]}" for code, name in table.items()}
            for key, table in program.cmaps.items()
        },
        advances={},
    )
    by_gid = fontprograms.program_unicode(anonymous)
    assert by_gid[program.gid_of["uni0E48.low"]] == "\u0e48"
    assert by_gid[program.gid_of["uni0E0D.descless"]] == "\u0e0d"


def _without_maps(tmp_path: Path, rename: bool) -> tuple[Path, Path]:
    pikepdf = pytest.importorskip("pikepdf")
    sample = Path(__file__).resolve().parents[3] / "samples" / "d03_legacy_pua.pdf"
    if not sample.exists():
        pytest.skip(f"sample missing: {sample}")
    stripped = tmp_path / "no_tounicode.pdf"
    with pikepdf.open(sample) as doc:
        for page in doc.pages:
            for font in page.Resources.Font.values():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
                if rename:  # a font no machine has installed
                    name = pikepdf.Name("/AAAAAA+NoSuchThaiFont")
                    font.BaseFont = name
                    for part in [font, *font.get("/DescendantFonts", [])]:
                        if "/FontDescriptor" in part:
                            part.FontDescriptor.FontName = name
        doc.save(stripped)
    return sample, stripped


def test_nothing_invented_without_ground_truth(tmp_path: Path) -> None:
    """Strip the ToUnicode maps of the d03 sample and give its fonts a name nothing has
    installed: its reportlab subsets keep no glyph names and only a Mac cmap of arbitrary codes,
    so nothing says what the glyphs are, and nothing may be 'recovered'."""
    _, stripped = _without_maps(tmp_path, rename=True)
    with pdfplumber.open(stripped) as pdf:
        chars = [ch for page in pdf.pages[:2] for ch in page.chars if parse_cid(ch["text"]) is not None]
        maps = cid_maps(pdf)
    assert chars
    assert all(recover_cid_text(ch["text"], ch["fontname"], maps) is None for ch in chars)


def test_without_maps_the_installed_font_says_what_each_glyph_is(tmp_path: Path) -> None:
    """The same file under its own font's name: where Laksaman is installed, every glyph whose
    outline is an exact copy of an installed glyph is that glyph's character, the original's."""
    if not outlines.installed_anchors("Laksaman"):
        pytest.skip("Laksaman is not installed (bash scripts/system-deps.sh)")
    sample, stripped = _without_maps(tmp_path, rename=False)
    with pdfplumber.open(sample) as original, pdfplumber.open(stripped) as pdf:
        pairs = [
            (a["text"], b)
            for p, q in zip(original.pages[:2], pdf.pages[:2], strict=True)
            for a, b in zip(p.chars, q.chars, strict=True)
            if parse_cid(b["text"]) is not None
        ]
        maps = cid_maps(pdf)
    assert len(pairs) > 1000
    recovered = [(map_pua(text), recover_cid_text(b["text"], b["fontname"], maps)) for text, b in pairs]
    assert all(got == want for want, got in recovered)


def test_a_mark_is_matched_only_within_its_zone() -> None:
    """A small stroke drawn at one em (a tone mark) is never a vowel below the line, however its
    outline compares, and a vowel below never an upper mark: the sweep's fragment-damaged Waree
    read `ที่` as `ทีู` before."""
    def at(y_min: float) -> outlines.Shape:
        return outlines.Shape(structure=(), points=(), samples=(), contours=1, width=70.0, height=180.0, y_min=y_min)

    assert not outlines._same_zone(at(997.0), "\u0e39") and outlines._same_zone(at(997.0), "\u0e48")
    assert outlines._same_zone(at(-255.0), "\u0e39") and not outlines._same_zone(at(-255.0), "\u0e49")


@needs_tlwg
def test_a_shape_is_measured_once_per_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch meets one font in document after document: the second program holding the same
    drawing gets the shape measured for the first (the very object), and a cached shape equals a
    freshly measured one."""
    path = _tlwg_fonts()[0]
    first = fontprograms.program_from_sfnt(path.read_bytes())
    second = fontprograms.program_from_sfnt(path.read_bytes())
    monkeypatch.setattr(outlines, "_SHAPES", {})
    measured: list[int] = []
    real = outlines._measure
    monkeypatch.setattr(outlines, "_measure", lambda rec, prog: measured.append(1) or real(rec, prog))
    gid = first.gid_of[_best_cmap(path)[0x0E01]]
    a = outlines.shape_of(first, gid)
    b = outlines.shape_of(second, gid)
    assert a is not None and a is b and len(measured) == 1
    monkeypatch.setattr(outlines, "_SHAPES", {})
    assert outlines.shape_of(first, gid) == a and len(measured) == 2
    # another glyph is another drawing
    other = outlines.shape_of(first, first.gid_of[_best_cmap(path)[0x0E02]])
    assert other is not None and other != a and len(measured) == 3


def _best_cmap(path: Path) -> dict[int, str]:
    from fontTools.ttLib import TTFont

    return TTFont(path).getBestCmap()
