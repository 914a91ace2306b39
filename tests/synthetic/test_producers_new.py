"""The sweep's Chromium, fpdf2 and Ghostscript producers: each writes a real agreement (Thai text in
its text layer, the truth's page count) and tells the pages each KPI landed on. Each test skips
where its tool is not installed (`bash scripts/sweep-deps.sh` installs them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.synthetic import producers
from tests.synthetic.factory import generate

# a three-page agreement without templates (quick to lay out), and one whose KPI templates start
# a page each (pages known per KPI)
SHORT, TEMPLATES = 700001, 700004


def _text(pdf: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def _check(produced: producers.Produced) -> None:
    truth = produced.truth
    assert produced.pdf.exists()
    assert truth["source"]["pages"] == producers._page_count(produced.pdf)
    text = _text(produced.pdf)
    assert re.search("[\u0e01-\u0e4f]{20}", text), "no Thai in the text layer"
    assert truth["fiscal_year"] and str(truth["fiscal_year"])[-2:] in re.sub("[๐-๙]", lambda m: str("๐๑๒๓๔๕๖๗๘๙".index(m[0])), text)
    saved = producers.save(produced, {"key": "t"})
    assert json.loads(saved.read_text())["producer"] == produced.producer


def test_chromium_html_marks_every_anchor() -> None:
    html = '<html><body><p id="k1-t1">a<b>b</b></p><table><tr id="k2-targets"><td>x</td><td>y</td></tr></table></body></html>'
    out = producers.chromium_html(html)
    assert '<span id="k1-t1e"' in out and out.index("k1-t1e") < out.index("</p>")
    assert re.search(r'<td>y<span id="k2-targetse"[^>]*></span></td></tr>', out)
    for anchor in ("k1-t1", "k1-t1e", "k2-targets", "k2-targetse"):
        assert f'href="#{anchor}"' in out


@pytest.mark.skipif(producers.chromium_missing() is not None, reason=str(producers.chromium_missing()))
def test_chromium(tmp_path: Path) -> None:
    import pikepdf

    spec = generate(TEMPLATES)
    produced = producers.produce(spec, tmp_path, "chromium")
    _check(produced)
    assert produced.pages_known
    pages = {k["number"]: k["pages"] for k in produced.truth["kpis"]}
    assert all(pages.values()), pages
    # the targets table comes before the templates, one template a page
    assert len({p[-1] for p in pages.values()}) == len(pages)
    with pikepdf.open(produced.pdf) as pdf:
        assert "Skia" in str(pdf.docinfo.get("/Producer", ""))
        assert not any("/Annots" in page.obj for page in pdf.pages), "the marking links are left in"
        assert "/Dests" not in pdf.Root.get("/Names", {})


@pytest.mark.skipif(producers.fpdf2_missing() is not None, reason=str(producers.fpdf2_missing()))
def test_fpdf2(tmp_path: Path) -> None:
    spec = generate(SHORT)
    produced = producers.produce(spec, tmp_path, "fpdf2")
    _check(produced)
    assert produced.pages_known
    assert all(k["pages"] for k in produced.truth["kpis"])
    assert b"/BaseFont /MPDFAA+" in produced.pdf.read_bytes()  # fpdf2's own font subsets


@pytest.mark.skipif(producers.gs_missing() is not None, reason=str(producers.gs_missing()))
def test_gs_redistils_another_producers_pdf(tmp_path: Path) -> None:
    import pikepdf

    spec = generate(SHORT)
    base = producers.produce(spec, tmp_path, "weasyprint")
    produced = producers.produce(spec, tmp_path, "weasyprint+gs")
    _check(produced)
    assert "gs" in producers.damage_kinds()
    assert produced.pages_known == base.pages_known
    strip = {"source"}
    assert {k: v for k, v in produced.truth.items() if k not in strip} == {k: v for k, v in base.truth.items() if k not in strip}
    with pikepdf.open(produced.pdf) as pdf:
        assert "Ghostscript" in str(pdf.docinfo.get("/Producer", ""))


def test_registry_lists_what_runs_here() -> None:
    names = producers.text_producers()
    assert ("chromium" in names) == (producers.chromium_missing() is None)
    assert ("fpdf2" in names) == (producers.fpdf2_missing() is None)
    env = producers.environment()
    assert {"chromium", "fpdf2", "gs"} <= set(env)
