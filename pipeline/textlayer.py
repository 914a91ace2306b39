"""The repaired text and health of whole files: what `thaikpi text` and `thaikpi doctor` show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from parsers.pdf.document import GlyphRecovery, PageContent, open_pdf, parse_page_range, read_all_pages
from parsers.pdf.glyphs import Char
from parsers.pdf.health import TextHealth, Verdict, measure, verdict
from parsers.pdf.lines import lines_text
from parsers.sections.blocks import page_blocks, render_blocks
from parsers.thai.chars import NIKHAHIT, SARA_AA, can_carry_marks, is_mark


@dataclass(frozen=True, slots=True)
class PageHealth:
    page: int
    before: TextHealth
    after: TextHealth
    verdict: Verdict


def page_text(page: PageContent) -> str:
    """The page's repaired text in reading order; a table cell's wrapped lines stay together."""
    if not page.tables:
        return lines_text(page.lines)
    return render_blocks(page_blocks(page, set(), drop_page_numbers=False))


def page_health(page: PageContent) -> PageHealth:
    """Before: pdfium's own text, with every glyph whose map said nothing useful counted as
    unmapped (it may read as a space or a Latin letter there) and every ring of ำ among them.
    After: the repaired text, with the fragments dropped and the rings not restored."""
    suspects = sum(1 for c in page.chars if c.raw is not None)
    rings = _ring_glyphs(page.chars)
    before = measure(page.raw_text, unmapped=suspects, lost_am=len(rings))
    text = page_text(page)
    dropped = sum(1 for c in page.chars if c.fragment and c.text == "\ufffd")
    lost = sum(1 for c in rings if c.text != NIKHAHIT)
    after = measure(text, dropped=dropped, lost_am=lost)
    return PageHealth(page.number, before, after, verdict(before, after, page.image_count))


def _ring_glyphs(chars: list[Char]) -> list[Char]:
    """Glyphs with a useless map drawn between a consonant (and its tone mark) and า, that were
    not read as another Thai character: the ring of ำ, which without repair leaves
    `consonant + า`, a spelling the page does not show."""
    ordered = sorted(chars, key=lambda c: c.index)
    rings: list[Char] = []
    for k in range(1, len(ordered) - 1):
        c = ordered[k]
        if c.raw is None or ordered[k + 1].text != SARA_AA:
            continue
        if c.text != NIKHAHIT and "\u0e01" <= c.text <= "\u0e5b":
            continue  # its font said what it is (a tone mark of ว่า), not a ring
        j = k - 1
        while j > 0 and k - j <= 2 and is_mark(ordered[j].text):
            j -= 1
        if can_carry_marks(ordered[j].text):
            rings.append(c)
    return rings


def file_text(path: Path, pages: str | None = None, ocr: str = "auto", jobs: int = 1) -> list[tuple[int, str]]:
    """The repaired text of the chosen pages; pages without a usable text layer are read by OCR
    as `extract` would read them (`ocr`: auto | always | never)."""
    from pipeline.reading import apply_ocr

    pdf = open_pdf(path)
    try:
        numbers = parse_page_range(pages, len(pdf))
        contents = read_all_pages(pdf, numbers, recovery=GlyphRecovery(path))
    finally:
        pdf.close()
    return [(p.number, page_text(p)) for p in apply_ocr(path, contents, ocr, jobs)]


def file_health(path: Path, pages: str | None = None) -> list[PageHealth]:
    pdf = open_pdf(path)
    try:
        numbers = parse_page_range(pages, len(pdf))
        return [page_health(p) for p in read_all_pages(pdf, numbers, recovery=GlyphRecovery(path), raw_text=True)]
    finally:
        pdf.close()


def summarize(health: list[PageHealth]) -> dict[str, object]:
    """File totals: letters-weighted coverage, problem counts and how many pages got each verdict."""

    def total(attr: str, side: str) -> float:
        return sum(getattr(getattr(h, side), attr) for h in health)

    out: dict[str, object] = {"pages": len(health)}
    for side in ("before", "after"):
        letters = total("thai_letters", side)
        covered = sum(getattr(h, side).coverage * getattr(h, side).thai_letters for h in health)
        dangling = total("dangling_marks", side)
        out[side] = {
            "thai_letters": int(letters),
            "coverage": round(covered / letters, 4) if letters else None,
            "dangling_marks": int(dangling),
            "dangling_per_1000": round(1000 * dangling / letters, 3) if letters else 0.0,
            "stray_nikhahit": int(total("stray_nikhahit", side)),
            "pua": int(total("pua", side)),
            "unmapped": int(total("unmapped", side)),
            "dropped": int(total("dropped", side)),
            "lost_am": int(total("lost_am", side)),
            "spaced": int(total("spaced", side)),
        }
    verdicts: dict[str, int] = {}
    for h in health:
        verdicts[h.verdict] = verdicts.get(h.verdict, 0) + 1
    out["verdicts"] = verdicts
    return out
