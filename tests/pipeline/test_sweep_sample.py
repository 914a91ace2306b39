"""A fixed sample of the producer sweep (`make sweep`): agreements written by other producers
than the dev files' (LibreOffice from a Word-style DOCX in several Thai fonts, ReportLab plain and
with legacy PUA glyphs, WeasyPrint, text layers damaged the way real exports are), committed as
PDFs with their truth under `tests/data/sweep/`, so this test needs no LibreOffice.

Each file must keep at least the field accuracy it has today; the thresholds are today's values
rounded down and are to be raised as the parsers improve (the sweep names the failing mechanisms).
The values measured when the sample was taken are in the comment above THRESHOLDS.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.accuracy import accuracy, compare, misses

DATA = Path(__file__).resolve().parent.parent / "data" / "sweep"

# Field accuracy after the issue-13 fixes (signature columns, operators, fractions, 70-point
# levels, re-laid-out table continuations, round steps, status; then categories numbered like
# KPIs, repeated headers that spill into the row below, numbers cut by a cell's wrap, criteria
# tables cut by a page break), measured 2026-12-06 (second session):
#   a100000_2568.libreoffice-arundina                1.0000
#   a100003_2563.reportlab                           1.0000
#   a100008_2566.weasyprint                          1.0000
#   a100010_2564.reportlab-pua                       1.0000
#   a100011_2565.libreoffice-purisa                  1.0000
#   a100012_2564.libreoffice-arundina+digits-latin   1.0000
#   a100014_2563.libreoffice-norasi                  1.0000
#   a100014_2563.reportlab                           0.9993
#   a100019_2567.reportlab                           1.0000
#   a100030_2563.reportlab-pua                       1.0000
#   a100033_2564.libreoffice-kinnari                 1.0000
#   a100042_2565.libreoffice-waree+ring-fffd         1.0000
#   a100049_2568.libreoffice-sarabun                 1.0000
#   a100067_2564.libreoffice-norasi                  1.0000
#   a100068_2569.libreoffice-garuda                  0.9932
#   a100071_2570.libreoffice-loma+ring-zwsp          1.0000
#   a100073_2563.libreoffice-laksaman                1.0000
#   a100074_2567.libreoffice-sawasdee                1.0000
#   a100077_2570.libreoffice-loma                    1.0000
#   a100082_2569.libreoffice-garuda+ring-space       1.0000
#   a100085_2568.reportlab                           1.0000
#   a100087_2568.libreoffice-umpush                  1.0000
#   a100088_2567.weasyprint                          1.0000
#   a100098_2568.libreoffice-waree                   0.9999
#   a100114_2565.libreoffice-loma                    1.0000
#   a100269_2567.libreoffice-arundina                1.0000
#   a100277_2568.libreoffice-sarabun                 1.0000
# and from the seed-2 sweep (tables restarted per page, signature blocks cut by a page break):
#   a200019_2565.reportlab-pua                       1.0000
#   a200082_2569.reportlab-pua                       1.0000
#   a200105_2564.libreoffice-purisa                  1.0000
#   a200164_2569.libreoffice-waree                   1.0000
#   a200169_2563.libreoffice-laksaman                1.0000
#   a100134_2563.libreoffice-waree+fragments-fffd    1.0000  (a tone mark's fragment kept above the line)
#   a100059_2566.weasyprint                          1.0000  (a merged category cell's text running on below the table)
# and Chromium's (Skia) PDFs: ActualText spans read twice, ำ spans, no drawn spaces:
#   a700003_2565.chromium                            0.9999
#   a700004_2563.chromium                            1.0000
# and fpdf2's (HarfBuzz-shaped, ToUnicode holes: glyphs mapped to nothing):
#   a700002_2563.fpdf2                               1.0000
#   a300161_2564.weasyprint                          1.0000  (a merged cell open at the page foot, its rule drawn in pieces)
#   a300086_2567.fpdf2                               1.0000  (a ring mapped to ำ read after its า)
#   a400172_2563.libreoffice-purisa                  1.0000  (a piece re-laid out, opening with a category and its weight)
# from seed 5 (after the fixes its failures led to):
#   a500065_2567.chromium                            1.0000  (an ActualText span read again 17 characters on)
#   a500272_2563.chromium                            1.0000  (a row continued at a page top with no rule over it)
#   a500132_2563.chromium                            1.0000  (a category weight only the targets table states)
#   a500139_2568.libreoffice-purisa                  1.0000  (an empty category cell at the page foot, named on the next page)
# Ghostscript re-distilled copies (no ActualText; maps wrong, conflated or gone; read from the
# installed fonts' outlines instead of by OCR), measured 2026-12-07:
#   a800133_2566.libreoffice-kinnari+gs             1.0000  (0.78 by OCR before)
#   a700192_2566.reportlab+gs                        1.0000  (0.65 by OCR before)
#   a700123_2564.chromium+gs                         0.9966  (0.85 by OCR before)
#   a900169_2564.fpdf2+gs                            1.0000  (0.95: `้ำ` mangled to `้䤳`, `KinnariBold`)
#   a900051_2566.weasyprint                          1.0000  (0.99: `วัน` / `ที่` wrapped in a narrow cell)
#   a1000098_2563.reportlab                          1.0000  (0.995: a name its narrow column wrapped)
#   a1000273_2565.reportlab-pua                      1.0000  (0.996: a name beside the other position)
#   a1000102_2568.chromium                           1.0000  (0.992: pdfium's space after `≤` dropped)
# Qt (QTextDocument printed by QPrinter, as Qt-based HTML-to-PDF tools do; a producer no sweep had
# before), measured 2026-12-07: each mark drawn at the next letter's pen, the space glyph mapped
# to a tab, the rows of the pages before and after drawn just off the page:
#   a07003_2567.qt-garuda                            1.0000  (0.98 before: signature dates in a ruled table)
#   a07002_2567.qt-laksaman                          1.0000  (0.53 before: a table ended by its off-page rows)
#   a07122_2568.qt-kinnari                           1.0000  (0.91 before: rows a page break cut in two)
# and from seed 11 (rows allowed to break across pages, as Word's default does):
#   a1100090_2565.chromium                           0.9940  (0.90: a cut row's top rule drawn cell by cell)
#   a1100112_2568.weasyprint                         1.0000  (0.92: a KPI's name cell moved whole to the next page)
#   a1100121_2565.qt                                 1.0000  (0.81: the first template opening on the targets table's page)
# and from seed 12 (LibreOffice, rows allowed to break; each one's KPI pages count a row's rest too):
#   a1200003_2569.libreoffice-norasi                 0.9947  (0.98: a criteria row cut with no header repeated)
#   a1200024_2565.libreoffice-loma                   0.9935  (0.97: a header's last letter spilt over a cut row's rest)
#   a1200047_2568.libreoffice-waree                  0.9915  (0.97: a signature name wrapped by the page break)
# and from fresh seed 13 (all producers, read once before these fixes):
#   a1300034_2567.qt+ring-missing                    1.0000  (0.84: a ring with no map at all, by its shape)
#   a1300075_2566.qt                                 1.0000  (0.96: a merged category cell cut by the break)
#   a1300204_2566.fpdf2                              1.0000  (0.96: categories numbered like KPIs, weights off)
#   a1300224_2566.qt                                 1.0000  (0.95: a weight cut from its number, `ยุทธศาสตร์`)
#   a1300283_2563.libreoffice-umpush                 0.9931  (0.97: a round's name cut after its number)
# and from fresh seed 14 (read once at the end of the stop), its one text layer below 0.95:
#   a1400277_2564.reportlab                          1.0000  (0.95: a category's weight `๐.๖๐` under a KPI's)
# MuPDF's Story (PyMuPDF's HTML to PDF; the `mupdf` producer, asked for by name), measured 2026-12-07:
#   a15100038_2569.mupdf                             1.0000  (MuPDF's own Noto Serif Thai: 0 before,
#                                                             its variant marks read under the descendant font's name)
#   a15100022_2566.mupdf                             1.0000  (Waree: a level header with no top rule)
# and from fresh seed 15 (read once), Qt's worst: a header cut by the page break (the levels and
# the `น้ำหนัก` of `ค่า|น้ำหนัก` overleaf), a category's merged cell named on the page before:
#   a1500245_2568.qt                                 1.0000  (0.72 before)
#   a1500028_2569.qt                                 1.0000  (0.67 before: `ขั้นต้น` | `(๕๐ คะแนน)`)
#   a1500033_2566.qt                                 1.0000  (0.97 before)
#   a1500046_2568.qt                                 1.0000  (0.98: a baseline table's header cut, its years overleaf)
#   a1500124_2565.qt                                 1.0000  (0.96: a year table's header alone at the page foot)
#   a1500083_2566.qt                                 1.0000  (0.97: the same; a template heading wrapped overleaf)
#   a1500251_2566.qt+fragments-fffd                  1.0000  (0.98: a baseline header's cut cell, years in the header;
#                                                             Norasi-Bold's ั, a contour of off-curve points only)
# and fresh seed 16 (read once at the end of the stop), Qt's: a header cut inside its cells
# (`ขั้นต้น (50` / `คะแนน)`, `1` / `คะแนน` in every column), a year label cut (`ปีงบประมาณ` /
# `พ.ศ.`), a round's name cut after its ordinal word (`รอบการประเมินที่` / `2 (…)`):
#   a1600053_2570.qt                                 1.0000  (0.94 before)
#   a1600295_2564.qt                                 1.0000  (0.98 before)
#   a1600129_2564.qt                                 1.0000  (0.98 before)
#   a1600166_2565.qt                                 1.0000  (0.99 before)
#   a1600014_2568.qt+ring-space                      1.0000  (0.83: the ring's ink under a font size Qt scales by its
#                                                             matrix taken for none; a KPI label cut in its word, `ตัวชี้` / `วัดที่ 2`)
# file stem → lowest accepted field accuracy (the measured one rounded down to two decimals, at
# most 0.99: a perfect file may lose a field or two to a harmless change, not a section)
THRESHOLDS: dict[str, float] = {
    "a100000_2568.libreoffice-arundina": 0.99,
    "a100003_2563.reportlab": 0.99,
    "a100008_2566.weasyprint": 0.99,
    "a100010_2564.reportlab-pua": 0.99,
    "a100011_2565.libreoffice-purisa": 0.99,
    "a100012_2564.libreoffice-arundina+digits-latin": 0.99,
    "a100014_2563.libreoffice-norasi": 0.99,
    "a100014_2563.reportlab": 0.99,
    "a100019_2567.reportlab": 0.99,
    "a100030_2563.reportlab-pua": 0.99,
    "a100033_2564.libreoffice-kinnari": 0.99,
    "a100042_2565.libreoffice-waree+ring-fffd": 0.99,
    "a100049_2568.libreoffice-sarabun": 0.99,
    "a100067_2564.libreoffice-norasi": 0.99,
    "a100068_2569.libreoffice-garuda": 0.99,
    "a100071_2570.libreoffice-loma+ring-zwsp": 0.99,
    "a100073_2563.libreoffice-laksaman": 0.99,
    "a100074_2567.libreoffice-sawasdee": 0.99,
    "a100077_2570.libreoffice-loma": 0.99,
    "a100082_2569.libreoffice-garuda+ring-space": 0.99,
    "a100085_2568.reportlab": 0.99,
    "a100087_2568.libreoffice-umpush": 0.99,
    "a100088_2567.weasyprint": 0.99,
    "a100098_2568.libreoffice-waree": 0.99,
    "a100114_2565.libreoffice-loma": 0.99,
    "a100269_2567.libreoffice-arundina": 0.99,
    "a100277_2568.libreoffice-sarabun": 0.99,
    "a200019_2565.reportlab-pua": 0.99,
    "a200082_2569.reportlab-pua": 0.99,
    "a200105_2564.libreoffice-purisa": 0.99,
    "a200164_2569.libreoffice-waree": 0.99,
    "a200169_2563.libreoffice-laksaman": 0.99,
    "a100134_2563.libreoffice-waree+fragments-fffd": 0.99,
    "a100059_2566.weasyprint": 0.99,
    "a700003_2565.chromium": 0.99,
    "a700004_2563.chromium": 0.99,
    "a700002_2563.fpdf2": 0.99,
    "a300161_2564.weasyprint": 0.99,
    "a300086_2567.fpdf2": 0.99,
    "a400172_2563.libreoffice-purisa": 0.99,
    "a500065_2567.chromium": 0.99,
    "a500272_2563.chromium": 0.99,
    "a500132_2563.chromium": 0.99,
    "a500139_2568.libreoffice-purisa": 0.99,
    "a800133_2566.libreoffice-kinnari+gs": 0.99,
    "a700192_2566.reportlab+gs": 0.99,
    "a700123_2564.chromium+gs": 0.99,
    "a900169_2564.fpdf2+gs": 0.99,
    "a900051_2566.weasyprint": 0.99,
    "a1000098_2563.reportlab": 0.99,
    "a1000273_2565.reportlab-pua": 0.99,
    "a1000102_2568.chromium": 0.99,
    "a07003_2567.qt-garuda": 0.99,
    "a07002_2567.qt-laksaman": 0.99,
    "a07122_2568.qt-kinnari": 0.99,
    "a1100090_2565.chromium": 0.99,
    "a1100112_2568.weasyprint": 0.99,
    "a1100121_2565.qt": 0.99,
    "a1200003_2569.libreoffice-norasi": 0.99,
    "a1200024_2565.libreoffice-loma": 0.99,
    "a1200047_2568.libreoffice-waree": 0.99,
    "a1300034_2567.qt+ring-missing": 0.99,
    "a1300075_2566.qt": 0.99,
    "a1300204_2566.fpdf2": 0.99,
    "a1300224_2566.qt": 0.99,
    "a1300283_2563.libreoffice-umpush": 0.99,
    "a1400277_2564.reportlab": 0.99,
    "a15100038_2569.mupdf": 0.99,
    "a15100022_2566.mupdf": 0.99,
    "a1500245_2568.qt": 0.99,
    "a1500028_2569.qt": 0.99,
    "a1500033_2566.qt": 0.99,
    "a1500046_2568.qt": 0.99,
    "a1500124_2565.qt": 0.99,
    "a1500083_2566.qt": 0.99,
    "a1500251_2566.qt+fragments-fffd": 0.99,
    "a1600053_2570.qt": 0.99,
    "a1600295_2564.qt": 0.99,
    "a1600129_2564.qt": 0.99,
    "a1600166_2565.qt": 0.99,
    "a1600014_2568.qt+ring-space": 0.99,
}


def _truth(stem: str) -> dict[str, Any]:
    return json.loads((DATA / f"{stem}.truth.json").read_text())


@pytest.mark.parametrize("stem", sorted(THRESHOLDS))
def test_sweep_sample_field_accuracy(stem: str) -> None:
    from pipeline.extract import extract_file

    meta = _truth(stem)
    try:
        got = extract_file(DATA / f"{stem}.pdf").to_json_dict()
    except Exception as exc:  # an extraction error scores 0, as in the sweep
        got = {}
        print(f"{stem}: {type(exc).__name__}: {exc}")
    scores = [s for s in compare(meta["truth"], got) if meta["pages_known"] or not s.path.endswith(".pages")]
    acc = accuracy(scores) if got else 0.0
    print(f"{stem} ({meta['producer']}): field accuracy {acc:.4f} over {len(scores)} fields")
    for m in misses(scores)[:40]:
        print(f"  {m.score:.2f} {m.path}: expected {m.expected!r} got {m.got!r}")
    assert acc >= THRESHOLDS[stem]


def test_every_sample_file_has_a_threshold() -> None:
    stems = {p.name.removesuffix(".truth.json") for p in DATA.glob("*.truth.json")}
    assert stems == set(THRESHOLDS)
    assert all((DATA / f"{s}.pdf").exists() for s in stems)
