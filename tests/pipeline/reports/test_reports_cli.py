"""`thaikpi report`, `thaikpi scorecard`, `thaikpi compare` end to end on the sample records."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pipeline.cli import app


@pytest.fixture()
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests of the English wording of messages (Thai, the default: tests/pipeline/test_cli.py)."""
    monkeypatch.setenv("THAIKPI_LANG", "en")


SAMPLES = Path(__file__).resolve().parents[3] / "samples"
D01 = SAMPLES / "d01_mdb_2566.truth.json"
D02 = SAMPLES / "d02_mdb_2567.truth.json"
D01_SHEET = SAMPLES / "d01_mdb_2566.results.csv"


@pytest.fixture(autouse=True)
def no_site_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THAIKPI_RULES_DIR", raising=False)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_report_format_from_suffix(tmp_path: Path) -> None:
    out = tmp_path / "d01.md"
    result = run("report", D01, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# คำรับรองการปฏิบัติราชการ สำนักพัฒนาระบบบริหาร")


def test_report_several_formats_use_the_output_as_stem(tmp_path: Path) -> None:
    stem = tmp_path / "reports" / "d01.agreement"
    result = run("report", D01, "-f", "html", "-f", "md", "-f", "xlsx", "-o", stem)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in stem.parent.iterdir()) == [
        "d01.agreement.html",
        "d01.agreement.md",
        "d01.agreement.xlsx",
    ]
    assert (stem.parent / "d01.agreement.xlsx").read_bytes().startswith(b"PK")


def test_report_to_stdout_and_arabic_dates() -> None:
    result = run("report", D01, "--format", "md", "--digits", "arabic")
    assert result.exit_code == 0, result.output
    assert "26 ธ.ค. 2565" in result.stdout
    assert "| 6 | การประเมินสถานะของหน่วยงานในการเป็นระบบราชการ 4.0 (PMQA 4.0) |" in result.stdout


def test_scorecard(tmp_path: Path) -> None:
    out = tmp_path / "card.md"
    result = run("scorecard", D01, D01_SHEET, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "**คะแนนรวม: 88.8418**" in text and "## รอบ 12 เดือน" in text


def test_scorecard_warns_of_missing_results_in_the_reports_language(tmp_path: Path) -> None:
    sheet = tmp_path / "partial.csv"
    sheet.write_text("kpi,round,value,level,incomplete_rounds\n1,12,,100,\n", encoding="utf-8")
    thai = run("scorecard", D01, sheet, "-o", tmp_path / "card.md")
    assert thai.exit_code == 0, thai.output
    assert thai.stderr == (
        f"{sheet}: warning: ไม่มีผลของตัวชี้วัดที่ 2, 3, 4, 5, 6 ในรอบ 12 เดือน: ไม่นำมาคิดคะแนนรวม "
        "คะแนนรวมจึงคิดจากน้ำหนัก 20 จาก 100 เท่านั้น\n"
    )
    english = run("scorecard", D01, sheet, "--lang", "en", "-o", tmp_path / "card-en.md")
    assert english.stderr == (
        f"{sheet}: warning: no result for KPIs 2, 3, 4, 5, 6 at round 12: left out of the total, "
        "which covers weight 20 of 100\n"
    )


@pytest.mark.usefixtures("english_messages")
def test_scorecard_rejects_a_bad_round() -> None:
    result = run("scorecard", D01, D01_SHEET, "--round", "7")
    assert result.exit_code == 1
    assert result.stderr.strip() == "--round: error: must be 6, 9 or 12 (months), not 7"


@pytest.mark.usefixtures("english_messages")
def test_scorecard_sheet_errors_are_one_line(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("kpi,round,value,level\n9,12,1,\n", encoding="utf-8")
    result = run("scorecard", D01, sheet)
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"{sheet}: error: row 2, column kpi: the agreement has no KPI 9")
    assert "Traceback" not in result.output


def test_compare_with_last_years_results(tmp_path: Path) -> None:
    out = tmp_path / "cmp.md"
    result = run("compare", D01, D02, "--old-results", D01_SHEET, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "95 / 97.5 / 100 → 96 / 98 / 100" in text
    assert "350 / 399.03 / 438.93 → 420 / 440 / 460" in text
    assert "| 20 | 25 | +5 |" in text and "แทนที่ด้วยตัวชี้วัดใหม่ (replaced)" in text
    assert "ไม่ตรงกับผลของปีก่อน (differs)" in text


@pytest.mark.usefixtures("english_messages")
def test_missing_inputs_are_one_line_errors(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = run("report", missing, "-o", tmp_path / "x.html")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{missing}: error: no such file"
    result = run("compare", D01, missing)
    assert result.exit_code == 1 and result.stderr.strip() == f"{missing}: error: no such file"
    assert not (tmp_path / "x.html").exists()


@pytest.mark.usefixtures("english_messages")
def test_several_formats_need_an_output() -> None:
    result = run("report", D01, "-f", "html", "-f", "md")
    assert result.exit_code == 1
    assert "several formats need -o OUT" in result.stderr


def test_rendering_in_separate_processes_gives_the_same_bytes(tmp_path: Path) -> None:
    """Two processes with different hash seeds: nothing may depend on set or dict iteration luck."""
    outputs = []
    for seed in ("1", "2"):
        stem = tmp_path / seed / "d01--d02"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [
            sys.executable,
            "-m",
            "pipeline.cli",
            "compare",
            str(D01),
            str(D02),
            "--old-results",
            str(D01_SHEET),
        ]
        command += ["-f", "html", "-f", "md", "-f", "xlsx", "-o", str(stem)]
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
        outputs.append({fmt: Path(f"{stem}.{fmt}").read_bytes() for fmt in ("html", "md", "xlsx")})
    assert outputs[0] == outputs[1]
