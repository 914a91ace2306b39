"""The quality verdict: every reason fires on a constructed case and none on the dev samples;
the records carry it and validate against the package's own schema (a superset of the shared
contract); a correction of the field a reason names clears it."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from pipeline.contract import agreement_schema, record_schema
from pipeline.findings import rounds_findings
from pipeline.models import Agreement, Finding
from pipeline.quality import TEXTS, assess
from tests.conftest import TEXT_SAMPLES, extracted, truth


def _d01() -> Agreement:
    """d01's truth as a record (correct by definition), to break one part at a time."""
    return Agreement.model_validate(truth("d01_mdb_2566"))


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_samples_are_ok(name: str) -> None:
    record = extracted(name)
    assert record["quality"] == {"status": "ok", "reasons": []}


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_records_validate_against_both_schemas(name: str) -> None:
    record = extracted(name)
    jsonschema.validate(record, agreement_schema())
    jsonschema.validate(record, record_schema())


def test_package_schema_requires_the_verdict() -> None:
    record = dict(extracted("d01_mdb_2566"))
    record.pop("quality")
    jsonschema.validate(record, agreement_schema())  # the shared contract does not know it
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, record_schema())
    with pytest.raises(jsonschema.ValidationError):  # needs_review without a reason
        jsonschema.validate(dict(record, quality={"status": "needs_review", "reasons": []}), record_schema())


def test_truth_is_ok() -> None:
    assert assess(_d01()).status == "ok"


def _breaks() -> list[tuple[str, Any, str]]:
    """(what is broken, how, the field the reason must name)"""

    def org(r: Agreement) -> None:
        r.organization = ""

    def year(r: Agreement) -> None:
        r.fiscal_year = 0

    def period(r: Agreement) -> None:
        r.period = None

    def grantor(r: Agreement) -> None:
        r.parties = [p for p in r.parties if p.role != "grantor"]

    def maker(r: Agreement) -> None:
        next(p for p in r.parties if p.role == "maker").name = " "

    def weight(r: Agreement) -> None:
        r.kpis[0].weight = 0

    def levels(r: Agreement) -> None:
        k = next(k for k in r.kpis if k.scoring != "direct")
        k.criteria = k.criteria[:1]

    def total(r: Agreement) -> None:
        r.kpis[-1].weight += 5

    def monotonic(r: Agreement) -> None:
        k = next(k for k in r.kpis if k.scoring == "threshold")
        k.criteria[0].value, k.criteria[1].value = k.criteria[1].value, k.criteria[0].value

    def no_kpis(r: Agreement) -> None:
        r.kpis = []

    def missing(r: Agreement) -> None:
        r.findings.append(Finding(severity="warning", code="kpi_missing", message="KPI 2 is not in the targets table", page=5, field="kpis.2"))

    def ocr(r: Agreement) -> None:
        r.findings.append(Finding(severity="warning", code="low_confidence", message="page 3 …", page=3, field="source.ocr_pages"))

    def damaged(r: Agreement) -> None:
        r.findings.append(Finding(severity="warning", code="damaged_page", message="page 4 …", page=4, field="source.pages"))

    def two_weights(r: Agreement) -> None:
        r.findings.append(Finding(severity="warning", code="summary_template_mismatch", message="KPI 1 …", page=7, field="kpis.1.weight"))

    def broken(r: Agreement) -> None:
        r.kpis[1].name = "การดําเนินงาน"  # ำ split into ํ + า

    def impossible(r: Agreement) -> None:
        r.kpis[1].name = "จัดอบรมเจ้าหน้าทีูผู้ปฏิบัติงาน"  # an above and a below vowel on one letter

    def ministry(r: Agreement) -> None:
        r.organization = "สำนักงานจังหวัดชลบุรี กระทรวงมหาดไทย"

    def dotted(r: Agreement) -> None:
        next(p for p in r.parties if p.role == "maker").name = "(นายสมชาย ใจดี) ........................"

    def no_position(r: Agreement) -> None:
        next(p for p in r.parties if p.role == "grantor").position = ""

    def unnamed(r: Agreement) -> None:
        r.kpis[0].name = ""

    def operators(r: Agreement) -> None:
        k = next(k for k in r.kpis if k.scoring == "threshold")
        k.scoring = "milestone"
        for c in k.criteria:
            c.text, c.value = f"≥ {c.value:g}", None

    def merged_round(r: Agreement) -> None:
        k = next(k for k in r.kpis if k.rounds)
        k.rounds[0].goal = (k.rounds[0].goal or "") + " ขั้นตอนการดำเนินงาน 1. ประชุม"

    def unread_rounds(r: Agreement) -> None:
        # the template named its rounds (`รอบ 6 เดือน`) and none were read
        k = next(k for k in r.kpis if k.rounds)
        k.rounds = []
        r.findings.extend(rounds_findings(r, [k.number]))

    return [
        ("rounds_unread", unread_rounds, "rounds"),
        ("damaged_text", broken, "kpis.2.name"),
        ("damaged_text", impossible, "kpis.2.name"),
        ("ministry_in_name", ministry, "organization"),
        ("party_name", dotted, "parties.maker.name"),
        ("party_position", no_position, "parties.grantor.position"),
        ("kpi_name", unnamed, "kpis.1.name"),
        ("criteria_not_numbers", operators, "criteria"),
        ("round_goal", merged_round, "rounds"),
        ("organization", org, "organization"),
        ("fiscal_year", year, "fiscal_year"),
        ("period", period, "period"),
        ("grantor", grantor, "parties.grantor"),
        ("maker", maker, "parties.maker"),
        ("kpi_weight", weight, "kpis.1.weight"),
        ("kpi_levels", levels, "criteria"),
        ("weight_sum", total, "kpis.weight"),
        ("targets_not_monotonic", monotonic, "criteria"),
        ("no_kpis", no_kpis, "kpis"),
        ("kpi_missing", missing, "kpis.2"),
        ("low_confidence", ocr, "source.ocr_pages"),
        ("damaged_page", damaged, "source.pages"),
        ("weight_mismatch", two_weights, "kpis.1.weight"),
    ]


@pytest.mark.parametrize(("code", "how", "field"), _breaks(), ids=[b[0] for b in _breaks()])
def test_each_reason_fires(code: str, how: Any, field: str) -> None:
    record = _d01()
    how(record)
    quality = assess(record)
    assert quality.status == "needs_review"
    thai, english = TEXTS[code]
    hit = [r for r in quality.reasons if field in r.field]
    assert hit, quality.reasons
    assert any(r.why.split(" ")[0] == thai.format(n="", total="", page="").split(" ")[0] for r in hit)
    assert all(r.why and r.why_en for r in quality.reasons)


def test_rounds_read_are_no_finding() -> None:
    record = _d01()
    assert rounds_findings(record, [k.number for k in record.kpis if k.rounds]) == []


def test_criteria_disagreement_is_a_finding_not_a_reason() -> None:
    """d01's own targets table and template disagree on KPI 6; PRECEDENCE decides it the same way
    every time and the finding shows both, so the record does not need review for it."""
    record = extracted("d01_mdb_2566")
    assert any(f["code"] == "summary_template_mismatch" and f["field"] == "kpis.6.criteria" for f in record["findings"])
    assert record["quality"]["status"] == "ok"


def test_correction_of_the_named_field_clears_its_reason() -> None:
    record = _d01()
    record.findings.append(Finding(severity="warning", code="kpi_missing", message="KPI 2 …", page=5, field="kpis.2"))
    assert assess(record).status == "needs_review"
    assert assess(record, corrected=["kpis.2.name"]).status == "ok"
    assert assess(record, corrected=["kpis.3.name"]).status == "needs_review"


def test_a_fixed_value_clears_a_recomputed_reason() -> None:
    record = _d01()
    record.kpis[0].weight += 5
    assert "kpis.weight" in [r.field for r in assess(record).reasons]
    record.kpis[0].weight -= 5  # what `correct kpis.1.weight=…` does
    assert assess(record).status == "ok"
