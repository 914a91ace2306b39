"""The language of what the command line says: Thai by default, English with `--lang en` or
THAIKPI_LANG=en; the one-line error shape `<file>: error: <reason>` and the exit statuses hold
in both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import _argv_lang, usage_reason
from tests.conftest import ROOT

NOT_PDF = ("ไม่ใช่ไฟล์ PDF (ไม่มีส่วนหัว %PDF)", "not a PDF (no %PDF header)")
EMPTY = ("ไฟล์ว่าง (0 ไบต์)", "empty file (0 bytes)")


def run(*args: str | Path, lang_env: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "THAIKPI_LANG"}
    if lang_env is not None:
        env["THAIKPI_LANG"] = lang_env
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env=env,
    )


@pytest.fixture()
def bad_files(tmp_path: Path) -> tuple[Path, Path]:
    not_pdf = tmp_path / "letter.pdf"
    not_pdf.write_text("hello", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    return not_pdf, empty


def _errors(proc: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in proc.stderr, proc.stderr
    return [ln for ln in proc.stderr.splitlines() if ": error: " in ln]


@pytest.mark.parametrize(
    ("how", "index"),
    [((), 0), (("--lang", "th"), 0), (("--lang", "en"), 1), (("--lang=en",), 1)],
    ids=["default", "lang-th", "lang-en", "lang=en"],
)
def test_extract_says_why_in_the_chosen_language(bad_files: tuple[Path, Path], tmp_path: Path, how: tuple[str, ...], index: int) -> None:
    not_pdf, empty = bad_files
    proc = run("extract", not_pdf, empty, "-o", tmp_path / "out", *how)
    assert proc.returncode == 1
    assert _errors(proc) == [f"{not_pdf}: error: {NOT_PDF[index]}", f"{empty}: error: {EMPTY[index]}"]
    summary = proc.stderr.splitlines()[-1]
    assert summary.startswith("extract: 2 ")
    assert ("ล้มเหลว 2" in summary) == (index == 0) and ("2 failed" in summary) == (index == 1)
    # the .error file holds the same line
    assert (tmp_path / "out" / "letter.error").read_text(encoding="utf-8") == f"{not_pdf}: error: {NOT_PDF[index]}\n"


def test_the_environment_picks_the_language_and_the_option_wins(bad_files: tuple[Path, Path]) -> None:
    not_pdf, _ = bad_files
    proc = run("text", not_pdf, lang_env="en")
    assert proc.returncode == 1
    assert _errors(proc) == [f"{not_pdf}: error: {NOT_PDF[1]}"]
    proc = run("text", not_pdf, "--lang", "th", lang_env="en")
    assert _errors(proc) == [f"{not_pdf}: error: {NOT_PDF[0]}"]


def test_doctor_and_ingest_speak_thai_by_default(bad_files: tuple[Path, Path], tmp_path: Path) -> None:
    not_pdf, empty = bad_files
    proc = run("doctor", not_pdf, empty)
    assert proc.returncode == 1
    assert _errors(proc) == [f"{not_pdf}: error: {NOT_PDF[0]}", f"{empty}: error: {EMPTY[0]}"]
    proc = run("ingest", empty, "--db", tmp_path / "s.db")
    assert proc.returncode == 1
    assert _errors(proc) == [f"{empty}: error: {EMPTY[0]}"]
    assert "สรุปการนำเข้า" in proc.stderr
    proc = run("ingest", empty, "--db", tmp_path / "s.db", lang_env="en")
    assert _errors(proc) == [f"{empty}: error: {EMPTY[1]}"]
    assert "ingest summary" in proc.stderr


def test_store_errors_follow_the_language(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    proc = run("list", "--db", missing)
    assert proc.returncode == 1
    assert _errors(proc) == [f"{missing}: error: ไม่มีคลังข้อมูลนี้ (นำเข้าคำรับรองก่อน หรือระบุ --db)"]
    proc = run("list", "--db", missing, "--lang", "en")
    assert _errors(proc) == [f"{missing}: error: no such store (ingest agreements first, or give --db)"]


def test_usage_errors_speak_the_language_too() -> None:
    proc = run("extract", "--bogus", "x.pdf")
    assert proc.returncode == 2
    (line,) = _errors(proc)
    assert line.startswith("thaikpi extract: error: ไม่มีตัวเลือก --bogus")
    assert line.endswith("(ดู 'thaikpi extract --help')")
    proc = run("extract", "--bogus", "x.pdf", "--lang", "en")
    (line,) = _errors(proc)
    assert line.startswith("thaikpi extract: error: No such option: --bogus")
    assert line.endswith("(see 'thaikpi extract --help')")


def test_an_unknown_language_is_a_usage_error() -> None:
    proc = run("text", "x.pdf", "--lang", "fr")
    assert proc.returncode == 2
    (line,) = _errors(proc)
    assert "--lang" in line and "th" in line and "en" in line
    proc = run("text", "x.pdf", lang_env="fr")
    assert proc.returncode == 2


def test_argv_lang() -> None:
    assert _argv_lang(["extract", "a.pdf", "--lang", "en"]) == "en"
    assert _argv_lang(["extract", "--lang=th"]) == "th"
    assert _argv_lang(["extract", "--lang", "fr"]) is None
    assert _argv_lang(["extract", "--", "--lang", "en"]) is None


@pytest.mark.parametrize(
    ("message", "thai"),
    [
        ("No such option: --x", "ไม่มีตัวเลือก --x"),
        ("Missing argument 'FILES...'.", "ขาดอาร์กิวเมนต์ 'FILES...'"),
        ("Invalid value for '--jobs' / '-j': 'x' is not a valid integer.", "ค่าของ '--jobs' / '-j' ไม่ถูกต้อง: 'x' is not a valid integer."),
        ("Got unexpected extra argument (b)", "มีอาร์กิวเมนต์เกินมา (b)"),
        ("something click says that we do not know", "something click says that we do not know"),
    ],
)
def test_click_wording_in_thai(message: str, thai: str) -> None:
    assert usage_reason(message, "th") == thai
    assert usage_reason(message, "en") == message
