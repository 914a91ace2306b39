"""Every user mistake the CLI audit found is one line on stderr, never a traceback.

The wording checked here is the English one (THAIKPI_LANG=en); the Thai default is checked in
test_cli.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLES

GOOD = SAMPLES / "d03_legacy_pua.pdf"


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env={**os.environ, "THAIKPI_LANG": "en", **(env or {})},
    )


def error_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in proc.stderr, proc.stderr
    return [ln for ln in proc.stderr.splitlines() if ": error: " in ln]


def test_a_directory_is_not_a_pdf_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    proc = run("doctor", folder, GOOD)
    assert proc.returncode == 1
    assert error_lines(proc) == [f"{folder}: error: is a directory, not a PDF"]
    assert "d03_legacy_pua.pdf" in proc.stdout
    proc = run("extract", folder, GOOD, "-o", tmp_path / "out")
    assert error_lines(proc) == [f"{folder}: error: is a directory, not a PDF"]
    assert (tmp_path / "out" / "d03_legacy_pua.json").exists()


def test_pages_out_of_range_are_refused() -> None:
    proc = run("text", GOOD, "--pages", "99")
    assert proc.returncode == 1
    assert error_lines(proc) == [f"{GOOD}: error: page 99 out of range (1–5)"]


def test_a_malformed_store_url_is_one_line_without_the_password() -> None:
    proc = run("list", "--db", "postgresql://user:secret@host:notaport/db")
    assert proc.returncode == 1
    (line,) = error_lines(proc)
    assert line.startswith("postgresql://user:***@host:notaport/db: error: invalid store URL")
    assert "secret" not in proc.stderr


def test_extract_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    proc = run("extract", GOOD, "-o", blocker / "out")
    assert proc.returncode == 1
    (line,) = error_lines(proc)
    assert line.startswith(f"{blocker / 'out'}: error: cannot create the output directory")
    proc = run("extract", "--stdout", GOOD, SAMPLES / "d01_mdb_2566.pdf")
    assert proc.returncode == 1 and proc.stdout == ""
    assert error_lines(proc) == ["--stdout: error: prints the record of one file; give -o DIR for several"]


def test_two_inputs_with_one_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    twin = tmp_path / "other" / GOOD.name
    twin.parent.mkdir()
    shutil.copy(GOOD, twin)
    proc = run("extract", GOOD, twin, "-o", tmp_path / "out")
    assert proc.returncode == 1
    assert error_lines(proc) == [f"{twin}: error: same file name as {GOOD}; its record would overwrite that one"]
    assert (tmp_path / "out" / "d03_legacy_pua.json").exists()


def test_show_names_the_unknown_id(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert run("ingest", GOOD, "--db", db).returncode == 0
    proc = run("show", "deadbeef0000", "--db", db)
    assert proc.returncode == 1
    assert error_lines(proc) == ["deadbeef0000: error: no stored agreement with id deadbeef0000"]


def test_a_partial_results_sheet_warns_that_the_total_covers_less(tmp_path: Path) -> None:
    sheet = tmp_path / "partial.csv"
    lines = (SAMPLES / "d01_mdb_2566.results.csv").read_text(encoding="utf-8").splitlines()
    sheet.write_text("\n".join([lines[0]] + [ln for ln in lines[1:] if ln.startswith("1,12")]) + "\n", encoding="utf-8")
    record = SAMPLES / "d01_mdb_2566.truth.json"
    for args in (("score", record, sheet), ("scorecard", record, sheet, "-f", "md", "-o", tmp_path / "s.md")):
        proc = run(*args, "--lang", "en")
        assert proc.returncode == 0, proc.stderr
        assert f"{sheet}: warning: no result for KPIs 2, 3, 4, 5, 6 at round 12" in proc.stderr
        assert "covers weight 20 of 100" in proc.stderr


def test_ocr_always_without_ocr_says_so() -> None:
    proc = run("text", GOOD, "--ocr", "always", env={"THAIKPI_OCR": "off"})
    assert proc.returncode == 1
    (line,) = error_lines(proc)
    assert line.endswith("error: OCR was asked for (--ocr always) but is not available")


def test_report_output_name_and_format_must_agree(tmp_path: Path) -> None:
    record = SAMPLES / "d01_mdb_2566.truth.json"
    proc = run("report", record, "-o", tmp_path / "x.docx")
    assert proc.returncode == 1 and not (tmp_path / "x.docx").exists()
    assert error_lines(proc) == [f"{tmp_path / 'x.docx'}: error: unknown report suffix .docx (use .html, .pdf, .md or .xlsx, or --format)"]
    proc = run("report", record, "-f", "pdf", "-o", tmp_path / "x.html")
    assert error_lines(proc) == [f"{tmp_path / 'x.html'}: error: the name says html but --format asks for pdf"]
    proc = run("score", record, SAMPLES / "d01_mdb_2566.results.csv", "-f", "md")
    assert proc.returncode == 0 and proc.stdout.startswith("#")


def test_a_mistyped_command_line_is_one_line_with_where_to_find_help() -> None:
    for args, expected in (
        (("extract", "--bogus"), "thaikpi extract: error: No such option: --bogus"),
        (("score", GOOD, GOOD, "--format", "pdf"), "thaikpi score: error: Invalid value for '--format'"),
        (("nosuch",), "thaikpi: error: No such command 'nosuch'"),
        (("extract",), "thaikpi extract: error: Missing argument 'files'"),
    ):
        proc = run(*args)
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(expected), proc.stderr
        assert "--help')" in lines[0]


def test_version() -> None:
    from importlib.metadata import version

    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"thaikpi {version('thaikpi')}"


def test_compare_names_both_unusable_inputs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.pdf"
    b.write_text("not a pdf")
    proc = run("compare", a, b, "-o", tmp_path / "out.html")
    assert proc.returncode == 1
    assert error_lines(proc) == [f"{a}: error: no such file", f"{b}: error: not a PDF (no %PDF header)"]
    assert not (tmp_path / "out.html").exists()


def test_a_mistyped_ocr_switch_is_refused_not_ignored() -> None:
    proc = run("extract", GOOD, "--stdout", env={"THAIKPI_OCR": "bogus"})
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("thaikpi extract: error: Invalid value: THAIKPI_OCR must be on or off")
    assert proc.stdout == ""
    assert run("text", GOOD, "--pages", "1", env={"THAIKPI_OCR": "off"}).returncode == 0
