"""The interchange record's JSON Schema, shipped with the package.

Every record `thaikpi extract` writes validates against it (the pydantic models in
`pipeline.models` are the source of truth in code; their JSON output is tested against this file),
so a consumer can check a record without the source tree.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SCHEMA_FILE = "agreement.schema.json"
#: the shared contract plus what thaikpi adds (the quality verdict, corrections): a superset
RECORD_SCHEMA_FILE = "record.schema.json"


@cache
def agreement_schema() -> dict[str, Any]:
    """The agreement record's JSON Schema (draft 2020-12), as shipped."""
    text = files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def record_schema() -> dict[str, Any]:
    """The package's own schema: every rule of `agreement_schema` plus the required `quality`
    verdict and the `corrections` list."""
    text = files(__package__).joinpath(RECORD_SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
