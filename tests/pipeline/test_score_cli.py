"""`thaikpi score` end to end on truth records and the dev corpus sheets."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from pipeline.cli import app
from tests.pipeline.scoring_helpers import DEFAULT_RULES_FILE, SAMPLES


@pytest.fixture()
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests of the English wording of messages (Thai, the default: tests/pipeline/test_cli.py)."""
    monkeypatch.setenv("THAIKPI_LANG", "en")


D01 = SAMPLES / "d01_mdb_2566.truth.json"
D01_SHEET = SAMPLES / "d01_mdb_2566.results.csv"
D03 = SAMPLES / "d03_legacy_pua.truth.json"


@pytest.fixture(autouse=True)
def no_site_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THAIKPI_RULES_DIR", raising=False)


def run(*args: str | Path) -> Result:
    # With a single registered command typer runs it without its name; with several it is a group.
    group = len(app.registered_commands) > 1 or bool(app.registered_groups)
    argv = (["score"] if group else []) + [str(a) for a in args]
    return CliRunner().invoke(app, argv)


def test_score_json_d01() -> None:
    result = run(D01, D01_SHEET, "--lang", "en")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["partial"], data["weight_reported"], data["weight_total"]) == (False, 100, 100)
    # by hand: (20×100 + 20×(75−10) + 15×96.2 + 15×87 + 15×100 + 15×(75 + 25×22.47/39.9)) / 100
    assert data["total"] == 88.8418
    assert data["scale_max"] == 100
    assert data["missing"] == []
    assert [(k["number"], k["score"], k["weighted"]) for k in data["kpis"]] == [
        (1, 100, 20),
        (2, 65, 13),
        (3, 96.2, 14.43),
        (4, 87, 13.05),
        (5, 100, 15),
        (6, 89.0789, 13.3618),
    ]
    assert data["kpis"][3]["explanation"] == (
        "98.7 between 97.5 (75) and 100 (100): 75 + 25 × (98.7 − 97.5) / (100 − 97.5) = 87.0000"
    )
    assert (
        data["kpis"][1]["explanation"] == "level 75 reached: 75.0000; − 10 for round 9 incomplete = 65.0000"
    )


def test_missing_results_are_listed(tmp_path: Path) -> None:
    sheet = tmp_path / "partial.csv"
    sheet.write_text("kpi,round,value,level,incomplete_rounds\n1,12,90.86,,\n3,12,,75,6\n", encoding="utf-8")
    result = run(D03, sheet)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["missing"] == [2, 4]
    # (20 × 90.86 + 25 × (75 − 10)) / (20 + 25) = (1817.2 + 1625) / 45 = 76.4933…
    assert D(str(data["total"])) == ((D(20) * D("90.86") + D(25) * D(65)) / D(45)).quantize(D("0.0001"))
    assert data["total"] == 76.4933


def test_missing_results_warning_is_thai_unless_english_is_asked_for(tmp_path: Path) -> None:
    sheet = tmp_path / "partial.csv"
    sheet.write_text("kpi,round,value,level,incomplete_rounds\n1,12,90.86,,\n3,12,,75,6\n", encoding="utf-8")
    thai = run(D03, sheet)
    assert thai.exit_code == 0, thai.output
    assert thai.stderr == (
        f"{sheet}: warning: ไม่มีผลของตัวชี้วัดที่ 2, 4 ในรอบ 12 เดือน: ไม่นำมาคิดคะแนนรวม "
        "คะแนนรวมจึงคิดจากน้ำหนัก 45 จาก 100 เท่านั้น\n"
    )
    english = run(D03, sheet, "--lang", "en")
    assert english.stderr == (
        f"{sheet}: warning: no result for KPIs 2, 4 at round 12: left out of the total, which covers weight 45 of 100\n"
    )


def test_missing_results_warning_words() -> None:
    from pipeline.commands.common import missing_results_warning

    assert missing_results_warning((3,), 6, "85", "100", "en") == (
        "no result for KPI 3 at round 6: left out of the total, which covers weight 85 of 100"
    )
    assert missing_results_warning((3,), 6, "85", "100") == (
        "ไม่มีผลของตัวชี้วัดที่ 3 ในรอบ 6 เดือน: ไม่นำมาคิดคะแนนรวม คะแนนรวมจึงคิดจากน้ำหนัก 85 จาก 100 เท่านั้น"
    )


def test_markdown_output_is_deterministic(tmp_path: Path) -> None:
    first, second = run(D01, D01_SHEET, "--format", "md", "--lang", "en"), run(D01, D01_SHEET, "--format", "md", "--lang", "en")
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert "| 4 | ร้อยละความสำเร็จการขับเคลื่อนงานตามแผนการปฏิบัติงาน | 15 | 87.0000 | 13.0500 |" in first.stdout
    assert "**Total: 88.8418**" in first.stdout


def test_html_output_escapes_record_text(tmp_path: Path) -> None:
    record = json.loads(D01.read_text(encoding="utf-8"))
    record["kpis"][0]["name"] = "<script>alert(1)</script> & co"
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = run(path, D01_SHEET, "--format", "html", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in result.stdout
    assert "<strong>Total: 88.8418</strong>" in result.stdout


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    result = run(D03, SAMPLES / "d03_legacy_pua.results.csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 90.7658


def test_rules_option_changes_scores(tmp_path: Path) -> None:
    text = DEFAULT_RULES_FILE.read_text(encoding="utf-8")
    rules = tmp_path / "lowest.yaml"
    rules.write_text(
        text.replace("threshold:\n    below_lowest: zero", "threshold:\n    below_lowest: lowest_level")
    )
    d04 = (SAMPLES / "d04_scanned.truth.json", SAMPLES / "d04_scanned.results.csv")
    default = json.loads(run(*d04).stdout)
    changed = json.loads(run(*d04, "--rules", rules).stdout)
    assert default["total"] == 32.7075  # (25 × 90.83 + 25 × 0 + 20 × 50 + 30 × 0) / 100
    assert changed["total"] == 60.2075  # (2270.75 + 1250 + 1000 + 1500) / 100


@pytest.mark.usefixtures("english_messages")
def test_bad_sheet_is_one_line_on_stderr(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("kpi,round,value,level,incomplete_rounds\n1,12,,100,\n3,12,abc,,\n", encoding="utf-8")
    result = run(D01, sheet)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{sheet}: error: row 3, column value: 'abc' is not a number\n"


@pytest.mark.usefixtures("english_messages")
def test_round_without_results_is_an_error() -> None:
    result = run(D01, D01_SHEET, "--round", "9")
    assert result.exit_code == 1
    assert "no KPI has a result for round 9 (rounds in the sheet: 12)" in result.stderr


def test_bad_round_and_unknown_agreement() -> None:
    assert run(D01, D01_SHEET, "--round", "10").exit_code == 1
    result = run("no-such-id", D01_SHEET)
    assert result.exit_code == 1
    assert result.stderr.startswith("no-such-id: error:")


def test_command_is_registered() -> None:
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    assert "score" in names
    assert isinstance(app, typer.Typer)
