"""Reports (pipeline.reports): content, escaping, determinism, PDF text and the page in Chromium."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.models import Agreement, Finding
from pipeline.reports import FORMATS, agreement_report, comparison_report, scorecard_report
from pipeline.reports.compare import compare_agreements
from pipeline.reports.formatting import ReportOptions, md_escape, page_list
from pipeline.reports.pdf import ReportError, find_thai_fonts
from pipeline.results_sheet import ResultSheet, load_results, parse_results, read_rows
from pipeline.rules import RULES_DIR, RuleSet, load_rules
from tests.conftest import truth_record

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
THAI_SAMPLES = ["d01_mdb_2566", "d02_mdb_2567", "d03_legacy_pua", "d04_scanned"]


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(RULES_DIR / "default.yaml")


@pytest.fixture(scope="module")
def d01_sheet(d01: Agreement) -> ResultSheet:
    return load_results(SAMPLES / "d01_mdb_2566.results.csv", d01)


@pytest.fixture(scope="module")
def evil(d01: Agreement) -> Agreement:
    """d01 with text a hostile (or just unlucky) PDF could carry; no "49" anywhere else in it."""
    bad = d01.model_copy(deep=True)
    bad.source.sha256 = "0" * 64
    bad.kpis[0].name = "<script>alert(1)</script> {{ 7*7 }} {% raw %}"
    bad.kpis[1].name = "=1+1"
    bad.kpis[2].criteria = []
    bad.kpis[3].rounds[0].steps = ["# not a heading | [link](http://x) *bold*"]
    bad.findings.append(Finding(severity="error", code="x", message="<img src=x onerror=alert(2)> ${{7*7}}"))
    return bad


def text_of(data: bytes) -> str:
    return data.decode("utf-8")


def squash(text: str) -> str:
    """Text without any whitespace: line wrapping (PDF) and cell layout (HTML) must not matter."""
    return "".join(text.split())


# ------------------------------------------------------------------------------- agreement sheet


def test_agreement_html_has_everything_with_pages(d01: Agreement) -> None:
    page = text_of(agreement_report(d01, "html"))
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http" not in page  # self-contained: no scripts, nothing fetched
    for kpi in d01.kpis:
        section = page[page.index(f'id="kpi-{kpi.number}"') :]
        section = squash(page_text(section[: section.index("</section>")]))
        assert squash(kpi.name) in section
        assert squash(f"หน้า {page_list(kpi.pages)}") in section
        for criterion in kpi.criteria:
            assert squash(criterion.text) in section
        for r in kpi.rounds:
            for step in r.steps:
                assert squash(step) in section
    flat = squash(page_text(page))
    assert squash("หน้า 5, 9–11") in flat  # KPI 1 is on pages 5 and 9 to 11
    for party in d01.parties:
        assert squash(party.name) in flat and squash(party.position) in flat
    # the finding is highlighted at the top and again in KPI 6, which it names
    assert page.count('<div class="finding warning">') == 2
    kpi6 = page[page.index('id="kpi-6"') :]
    assert "summary_template_mismatch" in kpi6
    # category weights and the KPI targets table
    assert '>350</td><td class="num">399.03</td><td class="num">438.93<' in page


def test_thai_dates_in_thai_or_arabic_digits(d01: Agreement) -> None:
    thai = re.sub(r"<[^>]+>", "", text_of(agreement_report(d01, "html")))  # words are set in spans
    assert "๒๖ ธันวาคม ๒๕๖๕" in thai and "๑ ตุลาคม ๒๕๖๕ – ๓๐ กันยายน ๒๕๖๖" in thai
    arabic = text_of(agreement_report(d01, "md", ReportOptions(digits="arabic")))
    assert "26 ธ.ค. 2565" in arabic and "พ.ศ. 2566" in arabic
    assert "๒๖" not in arabic
    full_arabic = text_of(agreement_report(d01, "md", ReportOptions(digits="arabic", date_style="full")))
    assert "26 ธันวาคม 2565" in full_arabic


def test_agreement_markdown(d01: Agreement) -> None:
    md = text_of(agreement_report(d01, "md"))
    assert md.startswith("# คำรับรองการปฏิบัติราชการ สำนักพัฒนาระบบบริหาร ประจำปีงบประมาณ พ.ศ. ๒๕๖๖\n")
    assert "| 4 | ร้อยละความสำเร็จการขับเคลื่อนงานตามแผนการปฏิบัติงาน | 15 |" in md
    assert "| 95 | 97.5 | 100 | 5, 18–19 |" in md
    assert "### ตัวชี้วัดที่ 6: การประเมินสถานะของหน่วยงานในการเป็นระบบราชการ 4.0 (PMQA 4.0)" in md
    assert "\n\n\n" not in md and md.endswith("\n") and not md.endswith("\n\n")


# -------------------------------------------------------------------------------------- escaping


def test_pdf_text_is_escaped_in_html_never_evaluated(evil: Agreement) -> None:
    page = text_of(agreement_report(evil, "html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% raw %}" in page
    assert "&lt;img src=x onerror=alert(2)&gt; ${{7*7}}" in page
    assert "<script" not in page and "<img" not in page
    assert "49" not in page


def test_pdf_text_is_escaped_in_markdown(evil: Agreement) -> None:
    md = text_of(agreement_report(evil, "md"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7\\*7 }} {% raw %}" in md
    assert "<script" not in md and "<img" not in md and "49" not in md
    assert "\\# not a heading \\| \\[link\\](http://x) \\*bold\\*" in md


def test_markdown_escape_rules() -> None:
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("1. first") == "1\\. first"
    assert md_escape("97.55") == "97.55"
    assert md_escape("- x") == "\\- x"
    assert md_escape("-5") == "-5"
    assert md_escape("line\none") == "line one"
    assert md_escape("a & <b>") == "a &amp; &lt;b&gt;"


def test_xlsx_keeps_pdf_text_as_text(evil: Agreement) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(agreement_report(evil, "xlsx")))
    kpis = book["kpis"]
    names = {row[0].value: row[1] for row in kpis.iter_rows(min_row=2)}
    assert names[1].value == "<script>alert(1)</script> {{ 7*7 }} {% raw %}"
    assert names[2].value == "=1+1" and names[2].data_type == "s"  # shown, never a formula


# --------------------------------------------------------------------------------- determinism


def test_html_md_xlsx_are_byte_identical_when_rendered_again(
    d01: Agreement, d02: Agreement, rules: RuleSet
) -> None:
    sheet = load_results(SAMPLES / "d01_mdb_2566.results.csv", d01)
    for fmt in ("html", "md", "xlsx"):
        assert agreement_report(d01, fmt) == agreement_report(truth_record("d01_mdb_2566"), fmt)
        assert scorecard_report(d01, sheet, rules, fmt) == scorecard_report(d01, sheet, rules, fmt)
        first = comparison_report(compare_agreements(d01, d02, sheet.results), fmt)
        assert first == comparison_report(compare_agreements(d01, d02, sheet.results), fmt)


def test_xlsx_timestamps_come_from_the_record(d01: Agreement) -> None:
    data = agreement_report(d01, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2022, 12, 26, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    # the latest signature (26 Dec 2022) is the workbook's creation and modification time
    assert core.count("2022-12-26T00:00:00Z") == 2


def test_xlsx_tables(d01: Agreement, d02: Agreement, d01_sheet: ResultSheet, rules: RuleSet) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(agreement_report(d01, "xlsx")))
    assert book.sheetnames == [
        "agreement", "parties", "categories", "kpis", "criteria", "baseline_roadmap", "rounds", "findings",
    ]  # fmt: skip
    kpis = [[c.value for c in row] for row in book["kpis"].iter_rows()]
    assert kpis[0][:4] == ["number", "name", "category", "weight"]
    assert kpis[0][7:10] == ["target_50", "target_75", "target_100"]
    assert kpis[6][7:10] == [350, 399.03, 438.93] and kpis[6][-2] == "6, 25–29"
    assert book["parties"]["D2"].value.date() == date(2022, 12, 26)

    card = load_workbook(io.BytesIO(scorecard_report(d01, d01_sheet, rules, "xlsx")))["round_12"]
    rows = [[c.value for c in row] for row in card.iter_rows()]
    assert rows[4][:9] == [4, d01.kpis[3].name, 15, "threshold", 98.7, None, None, 87, 13.05]
    assert rows[-2][0] == "total" and rows[-2][7] == 88.8418
    assert rows[-1][0] == "rating" and rows[-1][5] == 75

    cmp = load_workbook(io.BytesIO(comparison_report(compare_agreements(d01, d02), "xlsx")))
    statuses = [row[0].value for row in cmp["kpis"].iter_rows(min_row=2)]
    assert statuses == ["changed", "replaced", "same", "changed", "same", "changed"]
    targets = [[c.value for c in row] for row in cmp["targets"].iter_rows(min_row=2) if row[0].value == 4]
    assert [(t[2], t[3], t[4]) for t in targets] == [(50, 95, 96), (75, 97.5, 98), (100, 100, 100)]


# -------------------------------------------------------------------------------------- scorecard


def test_scorecard_shows_results_scores_and_arithmetic(
    d01: Agreement, d01_sheet: ResultSheet, rules: RuleSet
) -> None:
    md = text_of(scorecard_report(d01, d01_sheet, rules, "md"))
    assert "## รอบ 12 เดือน" in md
    assert (
        "| 4 | ร้อยละความสำเร็จการขับเคลื่อนงานตามแผนการปฏิบัติงาน | 15 | 98.7 | 87.0000 | 13.0500 | "
        "98.7 อยู่ระหว่าง 97.5 (ระดับ 75) กับ 100 (ระดับ 100): 75 + 25 × (98.7 − 97.5) / (100 − 97.5) = 87.0000 | 5, 18–19 |"
    ) in md
    assert "| ระดับ 75; ไม่ครบรอบ 9 | 65.0000 | 13.0000 |" in md
    assert "**คะแนนรวม: 88.8418** — Σ (น้ำหนัก × คะแนน) / Σ น้ำหนัก = 8884.1842 / 100 = 88.8418" in md
    assert "ระดับที่ได้: **ระดับ 75**" in md
    page = text_of(scorecard_report(d01, d01_sheet, rules, "html"))
    assert "88.8418" in page and "89.0789" in page


def test_scorecard_rounds_6_9_12(d01: Agreement, rules: RuleSet, tmp_path: Path) -> None:
    sheet_file = tmp_path / "rounds.csv"
    sheet_file.write_text(
        "kpi,round,value,level,incomplete_rounds\n"
        "3,6,40,,\n4,6,60,,\n"
        "3,9,70,,\n4,9,96,,\n1,9,,50,\n"
        "3,12,96.2,,\n4,12,98.7,,\n",
        encoding="utf-8",
    )
    sheet = parse_results(read_rows(sheet_file), d01)
    md = text_of(scorecard_report(d01, sheet, rules, "md"))
    assert [line for line in md.splitlines() if line.startswith("## ")] == [
        "## รอบ 6 เดือน",
        "## รอบ 9 เดือน",
        "## รอบ 12 เดือน",
    ]
    round6 = md[md.index("## รอบ 6 เดือน") : md.index("## รอบ 9 เดือน")]
    assert "**คะแนนรวมชั่วคราว: 20.0000 จากน้ำหนัก 30 / 100**" in round6  # 40 and below-level 60 → (15×40 + 15×0) / 30
    assert "**ต่ำกว่าระดับ 50**" in round6
    assert "ตัวชี้วัดที่ 6: การประเมินสถานะ" in round6  # listed as missing, not scored 0
    only12 = text_of(scorecard_report(d01, sheet, rules, "md", rounds=[12]))
    assert "## รอบ 6 เดือน" not in only12 and "## รอบ 12 เดือน" in only12


# ------------------------------------------------------------------------------------- comparison


def test_comparison_report_d01_d02(d01: Agreement, d02: Agreement, d01_sheet: ResultSheet) -> None:
    md = text_of(comparison_report(compare_agreements(d01, d02, d01_sheet.results), "md"))
    assert "| 2 | การขับเคลื่อนการจัดทำแนวทางปรับโครงสร้าง" in md
    kpi2 = next(line for line in md.splitlines() if line.startswith("| 2 | การขับเคลื่อนการจัดทำ"))
    assert "แทนที่ด้วยตัวชี้วัดใหม่ (replaced) | 20% |" in kpi2 and "e-Evaluation" in kpi2
    assert "| 20 | 25 | +5 | เปลี่ยนแปลง (changed) |" in md
    assert "| 20 | 15 | -5 | แทนที่ด้วยตัวชี้วัดใหม่ (replaced) |" in md
    assert "95 / 97.5 / 100 → 96 / 98 / 100" in md
    assert "350 / 399.03 / 438.93 → 420 / 440 / 460" in md
    assert "| 98.41 | 96.2 | ไม่ตรงกับผลของปีก่อน (differs) |" in md
    assert "| ระดับ 100 | ข้อมูลพื้นฐานไม่ใช่ตัวเลข (not\\_numeric) |" in md
    page = text_of(comparison_report(compare_agreements(d01, d02, d01_sheet.results), "html"))
    assert '<tr class="replaced">' in page and "<del>20</del>" in page and "<ins>25</ins>" in page


# ------------------------------------------------------------------------------------------- PDF


class _Text(HTMLParser):
    """The text of an HTML page, as a reader sees it (no stylesheet)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self.skip = False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.parts)


def thai_font_or_skip() -> None:
    try:
        find_thai_fonts()
    except ReportError as exc:
        pytest.skip(exc.reason)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_text_is_correct_thai(d01: Agreement, evil: Agreement, tmp_path: Path) -> None:
    thai_font_or_skip()
    pdf = agreement_report(evil, "pdf")
    assert pdf.startswith(b"%PDF-")
    assert agreement_report(evil, "pdf") == pdf  # same fonts, same WeasyPrint: same bytes
    target = tmp_path / "d01.pdf"
    target.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert not re.search("[\ue000-\uf8ff]", text), "private-use characters in the PDF text"
    assert "\u0e4d" not in text, "sara am split into nikhahit + sara aa"
    flat = squash(text)
    # every run of Thai in the PDF text is text of the report: a glyph mapped to the wrong
    # characters (ค้ำ for คำ, ขุอ for ข้อ) makes runs the report never had
    source = squash(page_text(text_of(agreement_report(evil, "html"))))
    wrong = sorted({run for run in re.findall("[\u0e01-\u0e5b]+", text) if run not in source})
    assert wrong == []
    for needle in [evil.organization, "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์", "ผู้อำนวยการ", "น้ำหนัก", "คุ้มครอง"]:
        assert squash(needle) in flat
    for kpi in evil.kpis:
        assert squash(kpi.name) in flat, kpi.name
        for criterion in kpi.criteria:
            assert squash(criterion.text) in flat, criterion.text
    assert "<script>alert(1)</script>{{7*7}}" in flat  # shown as text, not run or evaluated
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True).stdout
    assert "ThaiKPI-Sarabun" in fonts and " yes yes yes " in fonts  # embedded, subset, with a ToUnicode map


@pytest.mark.parametrize("name", ["d02_mdb_2567", "d03_legacy_pua"])
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_text_of_other_records(name: str, tmp_path: Path) -> None:
    thai_font_or_skip()
    agreement = truth_record(name)
    target = tmp_path / f"{name}.pdf"
    target.write_bytes(agreement_report(agreement, "pdf"))
    text = subprocess.run(["pdftotext", "-raw", str(target), "-"], capture_output=True, text=True).stdout
    flat = squash(text)
    source = squash(page_text(text_of(agreement_report(agreement, "html"))))
    assert sorted({run for run in re.findall("[\u0e01-\u0e5b]+", text) if run not in source}) == []
    missing = [
        s
        for k in agreement.kpis
        for s in [k.name, *(c.text for c in k.criteria), *(step for r in k.rounds for step in r.steps)]
        if squash(s) not in flat and "-" not in s  # a hyphen at a line end may be dropped
    ]
    assert missing == []


# ------------------------------------------------------------------------------------- Chromium


class _PreText(HTMLParser):
    """Collects the text of <pre id="inner-text"> from Chromium's --dump-dom output."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = self.inside or (tag == "pre" and ("id", "inner-text") in attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("headless Chromium is not installed (Debian package chromium)")


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]


def test_html_report_renders_the_thai_text_in_chromium(d01: Agreement, tmp_path: Path) -> None:
    browser = chromium()
    page = text_of(agreement_report(d01, "html"))
    report = tmp_path / "d01.html"
    report.write_text(page, encoding="utf-8")
    shot = tmp_path / "d01.png"
    subprocess.run(
        [browser, *CHROMIUM_FLAGS, "--window-size=1240,1754", f"--screenshot={shot}", report.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1240, 1754)
        top = image.convert("L").crop((0, 0, 1240, 120))
        assert sum(top.histogram()[:100]) > 2000  # dark pixels: the title is drawn, not a blank page
    # innerText is what the page shows (rendered text, CSS applied), read back through the DOM
    probe = tmp_path / "probe.html"
    script = (
        "<script>const t = document.body.innerText; const pre = document.createElement('pre');"
        "pre.id = 'inner-text'; pre.textContent = t; document.body.appendChild(pre);</script>"
    )
    probe.write_text(page.replace("</body>", script + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [browser, *CHROMIUM_FLAGS, "--dump-dom", probe.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    parser = _PreText()
    parser.feed(dom)
    shown = squash(parser.text)
    assert shown, "Chromium returned no page text"
    expected = [d01.organization, d01.parent_organization or "", "๒๖ ธันวาคม ๒๕๖๕"]
    expected += [p.name for p in d01.parties] + [p.position for p in d01.parties]
    expected += [c.name for c in d01.categories]
    for kpi in d01.kpis:
        expected += [f"ตัวชี้วัดที่ {kpi.number}: {kpi.name}", *(c.text for c in kpi.criteria)]
        expected += [step for r in kpi.rounds for step in r.steps]
        expected += [y.text or "" for y in kpi.baseline + kpi.roadmap]
    missing = [e for e in expected if squash(e) not in shown]
    assert missing == []


# ------------------------------------------------------------------------------------- formats


def test_every_format_renders_every_sample(rules: RuleSet) -> None:
    # fast formats for all samples (PDF is covered above): nothing in the samples breaks a template
    for name in THAI_SAMPLES:
        agreement = truth_record(name)
        sheet = load_results(SAMPLES / f"{name}.results.csv", agreement)
        for fmt in FORMATS:
            if fmt == "pdf":
                continue
            assert agreement_report(agreement, fmt)
            assert scorecard_report(agreement, sheet, rules, fmt)
