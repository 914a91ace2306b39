"""Span texts pdfium reads twice (Chromium's ActualText clusters): the repeat is dropped, a real
repeated syllable is kept."""

from __future__ import annotations

from parsers.pdf.actualtext import drop_repeats
from parsers.pdf.glyphs import Char
from parsers.pdf.lines import build_lines

SIZE = 16.0


def _group(text: str, origin: float, x0: float, width: float, index: int) -> list[Char]:
    """One pen origin giving several characters, each a share of one glyph box (as pdfium does
    with an ActualText span)."""
    share = width / len(text)
    out = []
    for k, ch in enumerate(text):
        c = Char(ch, x0 + k * share, x0 + (k + 1) * share, 88.0, 104.0, 100.0, origin, SIZE, "F", index + k, 1)
        c.same_glyph = k > 0
        out.append(c)
    return out


def _text(chars: list[Char]) -> str:
    return "".join(ln.text for ln in build_lines(chars))


def test_a_span_read_again_at_its_nudged_mark_is_dropped() -> None:
    # pdfium on Chromium's ตัวชี้วัด: ตั · ว · ชี้ · วั · ชี้ (again, at the tone mark drawn back
    # over วั) · วัด (วั again at the mark ั, sharing its origin with ด)
    chars = (
        _group("ตั", 307.1, 307.8, 6.4, 0)
        + _group("ว", 315.3, 315.5, 5.7, 2)
        + _group("ชี้", 322.4, 322.7, 6.9, 3)
        + _group("วั", 330.3, 330.5, 5.7, 6)
        + _group("ชี้", 330.9, 327.0, 4.8, 8)
        + _group("วั", 337.4, 332.4, 6.0, 11)
        + _group("ด", 337.4, 338.0, 6.4, 13)
    )
    for c in chars[13:]:
        c.same_glyph = True  # ด shares the mark's pen origin
    assert _text(drop_repeats(chars)) == "ตัวชี้วัด"


def test_the_same_syllable_twice_is_kept() -> None:
    # นานา: the second นา starts after the first, not back over it
    chars = _group("นา", 100.0, 100.0, 16.0, 0) + _group("นา", 116.0, 116.0, 16.0, 2)
    assert "".join(c.text for c in drop_repeats(chars)) == "นานา"
