"""Issue 16: a Thai report is Thai throughout, an English one English; Thai words never break
inside; a total over part of the weight says so."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from pipeline.findings import FINDING_TEXTS, finding, finding_message
from pipeline.models import Agreement, Finding
from pipeline.reports import ReportOptions, agreement_report, comparison_report, scorecard_report
from pipeline.reports.breaks import thai_breaks
from pipeline.reports.compare import compare_agreements
from pipeline.reports.texts import LABELS, TEXTS
from pipeline.results_sheet import load_results, parse_results, read_rows
from pipeline.rules import RULES_DIR, load_rules
from pipeline.scoring import PHRASES

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'’.-]*(?:[ \t]+[A-Za-z][A-Za-z'’.-]*){2,}")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _visible(text: str) -> str:
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", text))


def _own_text(*records: Agreement) -> str:
    """What the agreements themselves say (English there is the document's, not the report's)."""
    return "\n".join(
        r.model_dump_json(exclude={"findings", "quality", "corrections"}) for r in records
    )


def _english(text: str, own: str) -> list[str]:
    return sorted({m.group() for m in ENGLISH.finditer(_visible(text)) if m.group() not in own})


def _reports(d01: Agreement, d02: Agreement, fmt: str, lang: str = "th") -> list[bytes]:
    options = ReportOptions(lang=lang)  # type: ignore[arg-type]
    rules = load_rules(RULES_DIR / "default.yaml")
    sheet = load_results(SAMPLES / "d01_mdb_2566.results.csv", d01)
    cmp = compare_agreements(d01, d02, sheet.results)
    return [
        agreement_report(d01, fmt, options),  # type: ignore[arg-type]
        scorecard_report(d01, sheet, rules, fmt, options),  # type: ignore[arg-type]
        comparison_report(cmp, fmt, options),  # type: ignore[arg-type]
    ]


def test_vocabularies_match() -> None:
    assert TEXTS["th"].keys() == TEXTS["en"].keys()
    for key in TEXTS["th"]:
        assert set(PLACEHOLDER.findall(TEXTS["th"][key])) == set(PLACEHOLDER.findall(TEXTS["en"][key])), key
    for table in LABELS["th"]:
        assert LABELS["th"][table].keys() == LABELS["en"][table].keys()
    for key, (_, en, th) in FINDING_TEXTS.items():
        assert set(PLACEHOLDER.findall(th)) <= set(PLACEHOLDER.findall(en)), key
    for key, (en, th) in PHRASES.items():
        assert set(PLACEHOLDER.findall(th)) == set(PLACEHOLDER.findall(en)), key


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_thai_reports_have_no_english_sentences(d01: Agreement, d02: Agreement, fmt: str) -> None:
    own = _own_text(d01, d02)
    for data in _reports(d01, d02, fmt):
        assert _english(data.decode("utf-8"), own) == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_thai_pdf_text_has_no_english_sentences(d01: Agreement, d02: Agreement, tmp_path: Path) -> None:
    from tests.pipeline.reports.test_reports import thai_font_or_skip

    thai_font_or_skip()
    own = _own_text(d01, d02)
    for i, data in enumerate(_reports(d01, d02, "pdf")):
        target = tmp_path / f"r{i}.pdf"
        target.write_bytes(data)
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert _english(text, own) == [], i


def test_english_reports_speak_english(d01: Agreement, d02: Agreement) -> None:
    agreement, card, cmp = (d.decode("utf-8") for d in _reports(d01, d02, "md", "en"))
    assert "## Parties" in agreement and "KPI 6: the targets table gives" in agreement
    assert "**Total: 88.8418**" in card and "98.7 between 97.5 (75) and 100 (100)" in card
    assert "## KPI matching" in cmp
    assert "ตัวชี้วัดที่" not in agreement.replace(d01.kpis[0].name, "")


def test_findings_carry_both_languages_and_old_records_translate() -> None:
    made = finding("summary_template_mismatch.targets", "warning", 6, "kpis.6.criteria", n=6, a="35 / 39", b="350 / 399")
    assert made.code == "summary_template_mismatch"
    assert made.message == "KPI 6: the targets table gives 35 / 39 but the KPI template gives 350 / 399"
    assert made.message_th == "ตัวชี้วัดที่ 6: ตารางค่าเป้าหมายให้ 35 / 39 แต่รายละเอียดตัวชี้วัดให้ 350 / 399"
    old = Finding(severity="warning", code=made.code, message=made.message)  # stored before message_th
    assert finding_message(old, "th") == made.message_th
    assert finding_message(old, "en") == made.message
    unknown = Finding(severity="warning", code="weight_sum", message="something else")
    assert finding_message(unknown, "th").startswith("น้ำหนักของตัวชี้วัดรวมกันไม่เท่ากับ 100")


def test_partial_total_is_labelled(d01: Agreement, tmp_path: Path) -> None:
    sheet_file = tmp_path / "partial.csv"
    sheet_file.write_text("kpi,round,value,level,incomplete_rounds\n1,12,,100,\n", encoding="utf-8")
    sheet = parse_results(read_rows(sheet_file), d01)
    rules = load_rules(RULES_DIR / "default.yaml")
    md = scorecard_report(d01, sheet, rules, "md").decode("utf-8")
    assert "**คะแนนรวมชั่วคราว: 100.0000 จากน้ำหนัก 20 / 100**" in md
    en = scorecard_report(d01, sheet, rules, "md", ReportOptions(lang="en")).decode("utf-8")
    assert "**Provisional total: 100.0000 over weight 20 / 100**" in en
    page = _visible(scorecard_report(d01, sheet, rules, "html").decode("utf-8"))
    assert "คะแนนรวมชั่วคราว: 100.0000 จากน้ำหนัก 20 / 100" in page


def _sheet_rows(data: bytes, sheet: str) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))


def test_xlsx_partial_total_is_labelled(d01: Agreement, tmp_path: Path) -> None:
    sheet_file = tmp_path / "partial.csv"
    sheet_file.write_text("kpi,round,value,level,incomplete_rounds\n1,12,,100,\n", encoding="utf-8")
    sheet = parse_results(read_rows(sheet_file), d01)
    rules = load_rules(RULES_DIR / "default.yaml")
    rows = _sheet_rows(scorecard_report(d01, sheet, rules, "xlsx"), "round_12")
    total, rating = rows[-2], rows[-1]
    assert total[:3] == ("total", "คะแนนรวมชั่วคราว: 100.0000 จากน้ำหนัก 20 / 100", 20) and total[7] == 100
    assert rating[:2] == ("rating", "ระดับที่ได้: ระดับ 100")
    assert [row[9] for row in rows[2:-2]] == ["ยังไม่มีผล"] * 5  # KPIs 2–6 have no result
    rows = _sheet_rows(scorecard_report(d01, sheet, rules, "xlsx", ReportOptions(lang="en")), "round_12")
    assert rows[-2][1] == "Provisional total: 100.0000 over weight 20 / 100"
    assert rows[2][9] == "no result"
    full = load_results(SAMPLES / "d01_mdb_2566.results.csv", d01)
    assert _sheet_rows(scorecard_report(d01, full, rules, "xlsx"), "round_12")[-2][1] == "คะแนนรวม: 88.8418"


def test_xlsx_findings_in_the_reports_language(d01: Agreement) -> None:
    (head, finding_row) = _sheet_rows(agreement_report(d01, "xlsx"), "findings")
    assert head == ("severity", "code", "page", "message")
    assert finding_row[:3] == ("warning", "summary_template_mismatch", 6)
    assert finding_row[3].startswith("ตัวชี้วัดที่ 6: ตารางค่าเป้าหมายให้ 35.0 / 39.03 / 43.893")
    (_, english) = _sheet_rows(agreement_report(d01, "xlsx", ReportOptions(lang="en")), "findings")
    assert english[3].startswith("KPI 6: the targets table gives 35.0 / 39.03 / 43.893")


def test_thai_breaks_keep_words_names_and_units_whole() -> None:
    html = str(thai_breaks("ประจำปีงบประมาณ นายสมชาย วงศ์ไพบูลย์ ได้ร้อยละ 95 เมื่อ 26 ธันวาคม 2565 <b>"))
    assert '<span class="w">ปีงบประมาณ</span>' in html
    assert '<span class="w">นายสมชาย วงศ์ไพบูลย์</span>' in html
    assert '<span class="w">ร้อยละ 95</span>' in html
    assert '<span class="w">26 ธันวาคม 2565</span>' in html
    assert "<wbr>" in html and "&lt;b&gt;" in html and "<b>" not in html
    assert str(thai_breaks("a < b")) == "a &lt; b"  # no Thai: only escaped
