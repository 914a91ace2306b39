"""Text-layer health on real PDFs: what clean Thai never contains, and dictionary coverage."""

from __future__ import annotations

import pytest

from parsers.pdf.health import count_problems, dictionary_coverage, garbled_words, measure, verdict
from pipeline.textlayer import file_health, summarize
from tests.conftest import REAL, SAMPLES, TEXT_SAMPLES


def test_count_problems_finds_each_defect() -> None:
    dangling, stray, pua, unmapped = count_problems("\u0e48กาก\u0e4dร\uf70a (cid:12) \ufffd")
    assert dangling == 1  # the tone mark with nothing under it
    assert stray == 1  # ํ outside ำ
    assert pua == 1
    assert unmapped == 2


def test_dictionary_coverage_of_clean_and_broken_text() -> None:
    clean, n = dictionary_coverage("การประเมินประสิทธิภาพการดำเนินงาน")
    assert clean == pytest.approx(1.0) and n > 20
    broken, _ = dictionary_coverage("กา รปร ะเมินปร ะสิทธิ ภาพ")
    assert broken < 0.9


def test_verdicts() -> None:
    raw = measure("ความเชื่อมโยงยุทธศาสตร์ชาติ " * 3 + "จา่ย")
    fixed = measure("ความเชื่อมโยงยุทธศาสตร์ชาติ " * 3 + "จ่าย")
    assert verdict(raw, fixed) == "repaired"
    assert verdict(fixed, fixed) == "ok"
    assert verdict(measure(""), measure("")) == "no-text"
    garbage = measure("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ" * 3)
    assert verdict(garbage, garbage) == "damaged"


@pytest.fixture(scope="module")
def budget_summary() -> dict:
    return summarize(file_health(REAL / "budget_fy2565_31.pdf"))


def test_budget_file_repaired_text_is_clean(budget_summary: dict) -> None:
    after = budget_summary["after"]
    before = budget_summary["before"]
    print("budget_fy2565_31 before:", before, "after:", after, budget_summary["verdicts"])
    assert after["pua"] == 0
    assert after["stray_nikhahit"] == 0
    assert after["dangling_per_1000"] <= 0.5
    assert after["coverage"] >= 0.96
    assert after["coverage"] > before["coverage"]


def test_budget_file_has_scanned_pages_reported_as_no_text(budget_summary: dict) -> None:
    # pages 2, 4, 8, 12 … of the budget book are images: they must not pass as ok
    assert budget_summary["verdicts"].get("no-text", 0) >= 4


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_dev_text_pdfs_are_clean_after_repair(name: str) -> None:
    s = summarize(file_health(SAMPLES / f"{name}.pdf"))
    after = s["after"]
    assert after["pua"] == 0 and after["stray_nikhahit"] == 0 and after["unmapped"] == 0
    assert after["dangling_per_1000"] <= 0.5
    assert after["coverage"] >= 0.96
    assert "damaged" not in s["verdicts"] and "no-text" not in s["verdicts"]


def test_garbled_words_counts_thai_words_mixed_with_ascii_codes() -> None:
    # a line of a copy whose fonts map Thai glyphs to ASCII codes
    assert garbled_words("คํ@1?บ1อ @1!>บ?>1@ช ลÿ>/พ? บ้าน") == (3, 4)
    # healthy Thai, with the symbols a writer does put beside words, digits and Latin words apart
    assert garbled_words("หมายเหตุ* ร้อยละ 80% (ก.พ.ร.) ๑/๒๕๖๖ ตัวชี้วัด KPI ≥ 80") == (0, 4)
    assert garbled_words("") == (0, 0)
