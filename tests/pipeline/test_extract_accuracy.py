"""Extraction of the dev-corpus text PDFs against their exact truth, field by field, and the
interchange schema for every record the suite produces."""

from __future__ import annotations

import jsonschema
import pytest

from pipeline.accuracy import accuracy, compare, misses
from pipeline.models import Agreement
from tests.conftest import TEXT_SAMPLES, extracted, truth


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_field_accuracy(name: str) -> None:
    scores = compare(truth(name), extracted(name))
    acc = accuracy(scores)
    print(f"{name}: field accuracy {acc:.4f} over {len(scores)} fields")
    for m in misses(scores):
        print(f"  {m.score:.2f} {m.path}: expected {m.expected!r} got {m.got!r}")
    assert acc >= 0.98


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_record_validates_against_schema(name: str, schema: dict) -> None:
    jsonschema.validate(extracted(name), schema)


@pytest.mark.parametrize("name", TEXT_SAMPLES + ["d04_scanned"])
def test_truth_records_load_into_models_and_round_trip(name: str, schema: dict) -> None:
    data = truth(name)
    model = Agreement.model_validate(data)
    dumped = model.to_json_dict()
    jsonschema.validate(dumped, schema)
    assert dumped["kpis"][0]["name"] == data["kpis"][0]["name"]


def test_d01_carries_its_own_inconsistency() -> None:
    record = extracted("d01_mdb_2566")
    found = [f for f in record["findings"] if f["code"] == "summary_template_mismatch"]
    assert len(found) == 1
    f = found[0]
    assert "KPI 6" in f["message"] and "35.0 / 39.03 / 43.893" in f["message"]
    assert "350 / 399.03 / 438.93" in f["message"]
    assert f["page"] == 6
    kpi6 = next(k for k in record["kpis"] if k["number"] == 6)
    assert [c["value"] for c in kpi6["criteria"]] == [350, 399.03, 438.93]


def test_d02_changes_against_d01() -> None:
    a, b = extracted("d01_mdb_2566"), extracted("d02_mdb_2567")
    assert a["fiscal_year"] == 2566 and b["fiscal_year"] == 2567
    assert [k["weight"] for k in b["kpis"]] == [25, 15, 15, 15, 15, 15]
    kpi4 = next(k for k in b["kpis"] if k["number"] == 4)
    assert [c["value"] for c in kpi4["criteria"]] == [96, 98, 100]
    assert b["parties"][1]["signed_on"] == "2023-12-15"


def test_pages_and_scoring_kinds_of_d03() -> None:
    record = extracted("d03_legacy_pua")
    kinds = {k["number"]: (k["scoring"], k["pages"]) for k in record["kpis"]}
    assert kinds == {1: ("direct", [2, 3]), 2: ("threshold", [2, 3, 4]), 3: ("milestone", [2, 4, 5]), 4: ("milestone", [2, 5])}
