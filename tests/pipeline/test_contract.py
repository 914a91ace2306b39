"""The JSON Schema ships inside the package and is the one the shared contract defines."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.contract import agreement_schema

SHARED = Path(__file__).resolve().parents[3] / "shared" / "contract" / "agreement.schema.json"


def test_schema_ships_with_package() -> None:
    schema = agreement_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"source", "fiscal_year", "kpis"} <= set(schema.get("required", []))


def test_schema_rejects_a_broken_record() -> None:
    validator = jsonschema.Draft202012Validator(agreement_schema())
    assert list(validator.iter_errors({"schema_version": "1"}))


@pytest.mark.skipif(not SHARED.exists(), reason="the shared contract is not next to this clone")
def test_schema_is_the_shared_contract() -> None:
    assert agreement_schema() == json.loads(SHARED.read_text(encoding="utf-8"))
