"""Extraction of one agreement PDF into an `Agreement` record (interface; being built)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.models import Agreement


@dataclass(frozen=True)
class ExtractOptions:
    """Per-file limits and OCR policy; the same for `extract`, `ingest`, `score`, `report`."""

    max_pages: int = 500
    timeout: float = 300.0
    ocr: str = "auto"  # auto | never | always
    jobs: int = 1


def extract_file(path: Path, options: ExtractOptions | None = None) -> Agreement:
    """Read one PDF into a record. Raises `pipeline.errors.ThaiKPIError` subclasses for users."""
    raise NotImplementedError("extraction is being built")
