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


def test_a_span_read_again_only_after_the_rest_of_the_run_is_dropped() -> None:
    # Chrome drew the nudged tone mark of ที่ only after the next run (` ๑ ระยะเวลาเฉ`): pdfium
    # reads the span again seventeen characters on, back over ที่'s own glyphs
    chars = _group("ด", 117.2, 117.2, 11.7, 0) + _group("ที่", 128.9, 129.2, 11.1, 1)
    x = 141.3
    for k, ch in enumerate(" ๑ ระยะเวลาเฉ"):
        chars.append(Char(ch, x, x + 6.0, 88.0, 104.0, 100.0, x, SIZE, "F", 4 + k, 1))
        x += 6.0
    chars += _group("ที่", 141.4, 138.3, 1.5, 17)
    assert _text(drop_repeats(chars)) == "ดที่ ๑ ระยะเวลาเฉ"
    # the same syllable drawn again further on, not over the first, is text
    again = _group("ที่", x, x, 11.1, 17)
    assert _text(drop_repeats(chars[:-3] + again)).endswith("เฉที่")


def test_a_span_ending_in_sara_am_reaches_over_its_aa() -> None:
    # คำรับ: the span คำ shares ค's box; the า pdfium does not report advanced the pen (as the
    # page's own า glyphs do, ~0.5 em), so ร follows without a word gap
    from parsers.pdf.actualtext import widen_spans

    aa = [Char("า", 10.0, 18.0, 88.0, 104.0, 100.0, 10.0, SIZE, "F", 0, 1), Char("ก", 18.0, 26.0, 88.0, 104.0, 100.0, 18.0, SIZE, "F", 1, 1)]
    span = _group("คำ", 50.0, 50.0, 9.0, 2)
    rest = _group("ร", 67.5, 67.5, 8.0, 4) + _group("ั", 67.5, 73.0, 2.0, 5)
    chars = aa + span + rest
    assert _text(chars).endswith("คำ รั")
    assert _text(widen_spans(chars)).endswith("คำรั")


def test_generated_spaces_kept_only_where_the_page_draws_none() -> None:
    from parsers.pdf.document import without_generated_spaces

    def space(x: float, generated: bool) -> Char:
        c = Char(" ", x, x if generated else x + 4.0, 88.0, 104.0, 100.0, x, SIZE, "F", 9, 1)
        c.generated = generated
        return c

    words = _group("นาย", 50.0, 50.0, 24.0, 0) + [space(74.0, True)] + _group("ก", 78.0, 78.0, 8.0, 4)
    assert _text(without_generated_spaces(words)) == "นาย ก"  # a 4 pt gap (0.25 em) pdfium calls a space
    assert _text([c for c in words if not c.generated]) == "นายก"  # which the gap alone does not say
    drawn = [*words, space(120.0, False)]
    assert [c for c in without_generated_spaces(drawn) if c.generated] == []
