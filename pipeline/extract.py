"""Extraction of one agreement PDF into an `Agreement` record: read → parse → assemble.

Each step is one call with its own module: `pipeline.reading` reads every page once (pdfium
glyphs → repaired lines and tables, OCR where the text layer is unusable),
`parsers.sections.agreement` finds and reads each part of the document (cover, framework table,
targets table, KPI templates), and `pipeline.assemble` merges them into one record per KPI, with
a finding wherever the parts disagree. Where the file cannot be read as an agreement a
`ThaiKPIError` says why in one line.
"""

from __future__ import annotations

from pathlib import Path

from parsers.errors import InputError
from parsers.pdf.document import PageContent
from parsers.sections.agreement import find_sections
from parsers.settings import OCRMode, ReadSettings
from pipeline.assemble import assemble
from pipeline.findings import finding
from pipeline.models import Agreement, Finding
from pipeline.quality import assess
from pipeline.reading import OCRRunner, apply_ocr, read_pages, sha256_of

__all__ = ["OCRMode", "ReadSettings", "apply_ocr", "extract_file", "extract_pages", "read_pages", "sha256_of"]


def extract_pages(pages: list[PageContent], file_name: str, sha256: str, settings: ReadSettings | None = None) -> Agreement:
    """The record of an agreement from its pages (pure: no I/O)."""
    record = assemble(find_sections(pages, settings), file_name, sha256)
    if record.source.ocr_pages:
        record.findings.extend(_low_confidence(pages))
    record.findings.extend(_damaged(pages))
    record.quality = assess(record)
    return record


def _damaged(pages: list[PageContent]) -> list[Finding]:
    """A warning per page whose text layer is unusable and that was not read by OCR (`--ocr
    never`): what the record says of it may be missing or garbled."""
    return [
        finding("damaged_page", "warning", page=p.number, field="source.pages")
        for p in pages
        if p.needs_ocr and not p.ocr and p.shows_something
    ]


def _low_confidence(pages: list[PageContent]) -> list[Finding]:
    """A warning per page tesseract read with low mean confidence (numpy and PIL, which the OCR
    module needs, are imported only when a page was OCR'd)."""
    from parsers.ocr.pages import LOW_CONFIDENCE

    return [
        finding(
            "low_confidence", "warning", page=p.number, field="source.ocr_pages", confidence=f"{p.ocr_confidence:.0f}"
        )
        for p in pages
        if p.ocr and p.ocr_confidence is not None and p.ocr_confidence < LOW_CONFIDENCE
    ]


def extract_file(path: Path, settings: ReadSettings | None = None, ocr_runner: OCRRunner | None = None) -> Agreement:
    """Read one PDF into a record. Raises `parsers.errors.ThaiKPIError` subclasses for users.
    `ocr_runner` says where scanned pages are OCR'd (default: local processes)."""
    settings = settings or ReadSettings()
    path = Path(path)
    try:
        pages = read_pages(path, settings, ocr_runner)
    except InputError as exc:
        exc.file = exc.file or str(path)
        raise
    return extract_pages(pages, path.name, sha256_of(path), settings)
