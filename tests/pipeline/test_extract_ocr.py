"""Scanned agreements: OCR only where the text layer is missing, accuracy against the truth of
the dev scan, and one clear error line when OCR is not available."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from parsers.ocr.pages import ocr_available
from pipeline.accuracy import accuracy, compare, misses
from pipeline.errors import OCRUnavailableError
from pipeline.extract import ReadSettings, extract_file
from tests.conftest import ROOT, SAMPLES, truth


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English wording of messages (Thai, the default: tests/pipeline/test_cli.py)."""
    monkeypatch.setenv("THAIKPI_LANG", "en")


SCAN = SAMPLES / "d04_scanned.pdf"
needs_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract with Thai (tesseract-ocr-tha) not installed")


@cache
def scanned() -> dict[str, Any]:
    return extract_file(SCAN, ReadSettings(jobs=2)).to_json_dict()


@needs_ocr
def test_scanned_agreement_accuracy() -> None:
    scores = compare(truth("d04_scanned"), scanned())
    acc = accuracy(scores)
    print(f"d04_scanned: field accuracy {acc:.4f} over {len(scores)} fields")
    for m in misses(scores):
        print(f"  {m.score:.2f} {m.path}: expected {m.expected!r} got {m.got!r}")
    assert acc >= 0.90


@needs_ocr
def test_scanned_numbers_come_from_thai_digits_read_by_shape() -> None:
    """Tesseract reads ๒๕๖๗ as ๒๕๒๐ and ๗๐ as ฒ่๐; the digit re-reader must get every one."""
    record = scanned()
    assert record["fiscal_year"] == 2567
    assert record["period"] == {"start": "2023-10-01", "end": "2024-09-30"}
    assert [c["weight"] for c in record["categories"]] == [70, 30]
    assert [k["weight"] for k in record["kpis"]] == [25, 25, 20, 30]
    assert {p["role"]: p["signed_on"] for p in record["parties"]} == {"grantor": "2023-12-19", "maker": "2023-12-12"}
    kpi4 = record["kpis"][3]
    assert [c["value"] for c in kpi4["criteria"]] == [85, 90, 95]


@needs_ocr
def test_scanned_record_says_which_pages_were_read_by_ocr(schema: dict) -> None:
    record = scanned()
    assert record["source"]["ocr_pages"] == [1, 2, 3, 4]
    jsonschema.validate(record, schema)


def test_text_pages_are_never_ocred() -> None:
    record = extract_file(SAMPLES / "d01_mdb_2566.pdf").to_json_dict()
    assert record["source"].get("ocr_pages", []) == []


def test_scan_without_ocr_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THAIKPI_OCR", "off")
    with pytest.raises(OCRUnavailableError) as err:
        extract_file(SCAN)
    assert "no usable text layer" in err.value.reason and "OCR" in err.value.reason


def test_scan_without_ocr_on_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "THAIKPI_OCR": "off"}
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "extract", str(SCAN), str(SAMPLES / "d03_legacy_pua.pdf"), "-o", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if ": error: " in ln]
    assert len(lines) == 1 and lines[0].startswith(f"{SCAN}: error: ") and "OCR" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert (tmp_path / "d03_legacy_pua.json").exists()  # the good file of the batch still came out
    assert not (tmp_path / "d04_scanned.json").exists()


@needs_ocr
def test_text_command_reads_a_scanned_page_by_ocr() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "text", str(SCAN), "--pages", "3"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "--- page 3 ---" in proc.stdout
    assert "การประเมินศักยภาพในการดำเนินงาน (Potential Base)" in proc.stdout
    assert "๗๐" in proc.stdout and "๑๐๐" in proc.stdout  # weights re-read by shape


def test_text_command_without_ocr_names_the_pages() -> None:
    env = {**os.environ, "THAIKPI_OCR": "off"}
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "text", str(SCAN), "--pages", "2-3"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"{SCAN}: error: pages 2, 3: no usable text layer and OCR is not available"


def _scan_pages(src: Path, out: Path, pages: list[int], dpi: int = 200, skew: float = 0.0) -> None:
    """`src` with the given 1-based pages replaced by JPEG images of themselves, as a scanner
    would give them back (no text layer on those pages; fed `skew` degrees askew)."""
    import io

    import pikepdf
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(src))
    images: dict[int, tuple[bytes, tuple[int, int]]] = {}
    for n in pages:
        img = doc[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if skew:
            img = img.rotate(skew, fillcolor=255)
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=85)
        images[n] = (buf.getvalue(), img.size)
    doc.close()
    with pikepdf.open(src) as pdf:
        for n, (data, (w, h)) in images.items():
            page = pdf.pages[n - 1]
            box = [float(v) for v in page.mediabox]
            image = pikepdf.Stream(
                pdf, data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=w, Height=h,
                ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8, Filter=pikepdf.Name.DCTDecode,
            )
            page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
            page.obj.Contents = pikepdf.Stream(
                pdf, f"q {box[2] - box[0]} 0 0 {box[3] - box[1]} 0 0 cm /Im0 Do Q".encode()
            )
        pdf.save(out)


@needs_ocr
@pytest.mark.parametrize(
    # each sample once, one of them skewed (the other two pairings added ~50 s to `make test`
    # and exercised nothing more)
    ("name", "skew"), [("d03_legacy_pua", 0.0), ("d01_mdb_2566", 1.2)]
)
def test_text_agreement_with_its_signed_cover_scanned(tmp_path: Path, name: str, skew: float) -> None:
    """The usual mix: the cover (two pages here, with d03's framework table) comes back from the
    scanner, the rest is the word processor's text. Only those pages are OCR'd, and the record
    is as good as the text PDF's: parties, dates, categories and weights read from the scan,
    also when the sheets went through the scanner askew."""
    src = SAMPLES / f"{name}.pdf"
    mixed = tmp_path / f"{name}_cover_scanned.pdf"
    _scan_pages(src, mixed, [1, 2], skew=skew)
    record = extract_file(mixed, ReadSettings(jobs=2)).to_json_dict()
    assert record["source"]["ocr_pages"] == [1, 2]
    expected = truth(name)
    results = compare(expected, record)
    for m in misses(results):
        print(f"  {m.score:.2f} {m.path}: expected {m.expected!r} got {m.got!r}")
    assert accuracy(results) >= 0.98
    # the cover's facts, read by OCR, exactly
    assert record["fiscal_year"] == expected["fiscal_year"]
    assert record["organization"] == expected["organization"]
    for got, want in zip(record["parties"], expected["parties"], strict=True):
        assert (got["role"], got["name"], got["signed_on"]) == (want["role"], want["name"], want["signed_on"])
    assert [(c["weight"], c["kpi_numbers"]) for c in record["categories"]] == [
        (c["weight"], c["kpi_numbers"]) for c in expected["categories"]
    ]
