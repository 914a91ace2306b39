"""A record that needs review says so at the top of every report format; an ok one does not."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from pipeline.models import Agreement
from pipeline.quality import assess
from pipeline.reports import agreement_report, comparison_report
from pipeline.reports.compare import compare_agreements


def _needs_review(d01: Agreement) -> Agreement:
    bad = d01.model_copy(deep=True)
    bad.parties = [p for p in bad.parties if p.role != "grantor"]
    bad.quality = assess(bad)
    assert bad.quality.status == "needs_review"
    return bad


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_notice_on_a_record_that_needs_review(d01: Agreement, fmt: str) -> None:
    text = agreement_report(_needs_review(d01), fmt).decode("utf-8")  # type: ignore[arg-type]
    text = re.sub(r"<[^>]+>", "", text)  # Thai words are set in spans in HTML
    assert "ต้องตรวจทาน" in text
    assert "ไม่พบผู้รับคำรับรอง" in text
    head = text[: text.index("ต้องตรวจทาน")]
    assert "ตัวชี้วัดที่" not in head, "the notice comes before the KPIs"


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_no_notice_on_an_ok_record(d01: Agreement, fmt: str) -> None:
    assert "ต้องตรวจทาน" not in agreement_report(d01, fmt).decode("utf-8")  # type: ignore[arg-type]


def test_record_without_a_stored_verdict_is_assessed(d01: Agreement) -> None:
    old = _needs_review(d01)
    old.quality = None  # stored before verdicts existed
    assert "ไม่พบผู้รับคำรับรอง" in re.sub(r"<[^>]+>", "", agreement_report(old, "html").decode("utf-8"))


def test_xlsx_lists_the_reasons(d01: Agreement) -> None:
    book = load_workbook(io.BytesIO(agreement_report(_needs_review(d01), "xlsx")))
    rows = {r[0]: r[1] for r in book["agreement"].iter_rows(values_only=True)}
    assert rows["quality"] == "needs_review"
    assert any(str(k).startswith("review: parties.grantor") for k in rows)


def test_comparison_marks_the_year_that_needs_review(d01: Agreement) -> None:
    later = _needs_review(d01)
    later.fiscal_year += 1
    text = comparison_report(compare_agreements(d01, later), "html").decode("utf-8")
    assert text.count('<div class="finding error review">') == 1
