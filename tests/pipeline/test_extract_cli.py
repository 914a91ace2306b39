"""`thaikpi extract` on good and hostile files: one line per bad file, the batch goes on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import ROOT, SAMPLES

GOOD = SAMPLES / "d03_legacy_pua.pdf"


def run_extract(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """English messages: the reasons below are checked in their English wording."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "extract", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env={**os.environ, "THAIKPI_LANG": "en"},
    )


def make_bad_files(d: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, expected reason fragment)."""
    files: dict[str, tuple[Path, str]] = {}
    empty = d / "empty.pdf"
    empty.write_bytes(b"")
    files["empty"] = (empty, "empty file")
    notpdf = d / "notpdf.pdf"
    notpdf.write_text("<html>this is not a pdf</html>")
    files["notpdf"] = (notpdf, "not a PDF")
    trunc = d / "truncated.pdf"
    trunc.write_bytes(GOOD.read_bytes()[: GOOD.stat().st_size // 2])
    files["truncated"] = (trunc, "truncated")
    enc = d / "encrypted.pdf"
    with pikepdf.open(GOOD) as pdf:
        pdf.save(enc, encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))
    files["encrypted"] = (enc, "encrypted")
    corrupt = d / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n")
    files["corrupt"] = (corrupt, "corrupt")
    other = d / "gazette.pdf"
    shutil.copy(ROOT / "tests" / "data" / "real" / "royal_gazette_140A022N.pdf", other)
    files["not_agreement"] = (other, "not a performance agreement")
    # an agreement with its tables removed: cover only
    cover_only = d / "cover_only.pdf"
    with pikepdf.open(GOOD) as pdf:
        del pdf.pages[1:]
        pdf.save(cover_only)
    files["no_kpi_table"] = (cover_only, "no KPI table")
    return files


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, dict[str, tuple[Path, str]]]:
    d = tmp_path_factory.mktemp("bad")
    bad = make_bad_files(d)
    out = d / "out"
    files = [bad["empty"][0], GOOD, *[f for k, (f, _) in bad.items() if k != "empty"], SAMPLES / "d01_mdb_2566.pdf"]
    return run_extract(*files, "-o", out, "--jobs", "2"), out, bad


def test_exit_status_is_1_when_anything_failed(batch) -> None:  # type: ignore[no-untyped-def]
    result, _, _ = batch
    assert result.returncode == 1


@pytest.mark.parametrize("kind", ["empty", "notpdf", "truncated", "encrypted", "corrupt", "not_agreement", "no_kpi_table"])
def test_each_bad_file_gets_one_error_line_and_no_json(batch, kind: str) -> None:  # type: ignore[no-untyped-def]
    result, out, bad = batch
    path, reason = bad[kind]
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(f"{path}: error: ")]
    assert len(lines) == 1, result.stderr
    assert reason in lines[0]
    assert not (out / f"{path.stem}.json").exists()
    assert (out / f"{path.stem}.error").read_text(encoding="utf-8").strip() == lines[0]


def test_no_traceback_and_good_files_still_extracted(batch) -> None:  # type: ignore[no-untyped-def]
    result, out, _ = batch
    assert "Traceback" not in result.stderr
    for name in ("d03_legacy_pua", "d01_mdb_2566"):
        record = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert record["schema_version"] == "1" and record["kpis"]
    assert "extract: 9 files, 2 records" in result.stderr


def test_page_limit_is_a_one_line_error(tmp_path: Path) -> None:
    result = run_extract(SAMPLES / "d01_mdb_2566.pdf", "-o", tmp_path, "--max-pages", "10")
    assert result.returncode == 1
    assert "too many pages (29 > --max-pages 10)" in result.stderr
    assert "Traceback" not in result.stderr


def test_decompression_bomb_is_stopped_by_the_memory_limit(tmp_path: Path) -> None:
    """A page whose content stream inflates to gigabytes must not take the machine down."""
    import zlib

    bomb = tmp_path / "bomb.pdf"
    payload = zlib.compress(b"0 0 m 1 1 l S\n" * (60_000_000 // 14), 9)
    with pikepdf.open(GOOD) as pdf:
        stream = pikepdf.Stream(pdf, payload)
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[0].obj.Contents = stream
        pdf.save(bomb)
    result = run_extract(bomb, GOOD, "-o", tmp_path / "out", "--max-memory", "300", "--timeout", "60")
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "d03_legacy_pua.json").exists()
    # the bomb either fails cleanly (one line) or, if pdfium copes within the limits, still yields no crash
    bomb_lines = [ln for ln in result.stderr.splitlines() if ln.startswith(f"{bomb}: error: ")]
    assert len(bomb_lines) <= 1


def test_timeout_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.batch import run_batch

    def slow(path: Path) -> None:
        import time

        time.sleep(30)

    outcomes = list(run_batch(slow, [GOOD], jobs=1, timeout=1.0))
    assert len(outcomes) == 1 and outcomes[0].error is not None
    assert "timed out after 1 s" in outcomes[0].error
