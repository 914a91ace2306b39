"""Shared fixtures: sample paths and records extracted once per test session."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"
REAL = DATA / "real"
TEXT_SAMPLES = ["d01_mdb_2566", "d02_mdb_2567", "d03_legacy_pua"]

_records: dict[str, dict[str, Any]] = {}


def extracted(name: str) -> dict[str, Any]:
    """The record of samples/<name>.pdf, extracted once per session."""
    if name not in _records:
        from pipeline.extract import extract_file

        _records[name] = extract_file(SAMPLES / f"{name}.pdf").to_json_dict()
    return _records[name]


def truth_record(name: str) -> Any:
    """The truth of a sample as a model (pipeline.models.Agreement)."""
    from pipeline.models import Agreement

    return Agreement.model_validate(truth(name))


def truth(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / f"{name}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Every test starts in the default language (Thai): no $THAIKPI_LANG from the caller's shell,
    no `--lang` left over from a command an earlier test ran in this process."""
    from parsers.messages import LANG_ENV, set_lang

    monkeypatch.delenv(LANG_ENV, raising=False)
    set_lang(None)
    yield
    set_lang(None)


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    """The JSON Schema the package ships (`pipeline.contract`), as a consumer would load it."""
    from pipeline.contract import agreement_schema

    return agreement_schema()
