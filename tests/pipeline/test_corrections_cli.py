"""`thaikpi correct / history / review`: one error line and nothing written for a bad field, and
the review sheet's round trip (review → fill a cell in Excel's place → correct --from)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from pipeline.cli import app
from pipeline.commands.corrections import CORRECTED, CURRENT, NOTE, REVIEW_COLUMNS
from pipeline.commands.extract import record_json as extract_record_json
from pipeline.store import Store
from tests.pipeline.store_helpers import truth_agreement


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English wording of messages (Thai, the default: tests/pipeline/test_cli.py)."""
    monkeypatch.setenv("THAIKPI_LANG", "en")


D03 = "980fe5c0c76e"
D01 = truth_agreement("d01_mdb_2566").source.sha256[:12]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "thaikpi.db")
    with Store.open(path) as store:
        store.add(truth_agreement("d03_legacy_pua"), file="samples/d03_legacy_pua.pdf")
        store.add(truth_agreement("d01_mdb_2566"), file="samples/d01_mdb_2566.pdf")
    return path


def history(db: str, ref: str = D03) -> list[dict[str, object]]:
    result = run("history", ref, "--json", "--db", db)
    assert result.exit_code == 0, result.stderr
    listed: list[dict[str, object]] = json.loads(result.stdout)
    return listed


def test_correct_then_history(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add(truth_agreement("d03_legacy_pua"))
    result = run("correct", "980fe5", "kpis.1.weight=๒๕", "kpis.2.weight=20", "--note", "ตามต้นฉบับ",
                 "--by", "somchai", "--db", store_url)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{D03}: corrected kpis.1.weight: 20 → 25", f"{D03}: corrected kpis.2.weight: 25 → 20", f"{D03}: quality ok"]
    listed = history(store_url, "980fe5")
    assert [(h["field"], h["old"], h["new"], h["by"], h["note"], h["status"]) for h in listed] == [
        ("kpis.1.weight", 20.0, 25.0, "somchai", "ตามต้นฉบับ", "applied"),
        ("kpis.2.weight", 25.0, 20.0, "somchai", "ตามต้นฉบับ", "applied"),
    ]
    table = run("history", D03, "--db", store_url)
    assert "kpis.1.weight" in table.stdout and "20 → 25" in table.stdout and "somchai" in table.stdout


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["kpis.9.weight=5"], "kpis.9.weight: the record has no KPI 9"),
        (["kpis.1.weight=25", "kpis.1.wieght=5"], "unknown field 'kpis.1.wieght'"),
        (["kpis.1.weight=ยี่สิบ"], "kpis.1.weight: 'ยี่สิบ' is not a number"),
        (["period.end=31/09/2566"], "period.end: '31/09/2566' is not a date"),
        (["kpis.1.weight"], "expected FIELD=VALUE, got 'kpis.1.weight'"),
    ],
)
def test_a_bad_path_or_value_is_one_line_and_nothing_is_written(db: str, args: list[str], reason: str) -> None:
    before = run("show", D03, "--json", "--db", db).stdout
    result = run("correct", D03, *args, "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{D03}: error: {reason}")
    assert result.stderr.count("\n") == 1
    assert history(db) == []
    assert run("show", D03, "--json", "--db", db).stdout == before


def test_correct_needs_something_to_do_and_a_known_id(db: str) -> None:
    assert run("correct", D03, "--db", db).exit_code == 2
    unknown = run("correct", "deadbeef", "kpis.1.weight=5", "--db", db)
    assert unknown.exit_code == 1
    assert unknown.stderr == "deadbeef: error: no stored agreement with id deadbeef\n"


def _fill(path: Path, values: dict[str, tuple[object, str | None]]) -> None:
    """What a reviewer does in Excel: type the corrected value (and a note) on some rows."""
    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            value, note = values[str(row[0].value)]
            row[CORRECTED].value = value
            row[NOTE].value = note
    workbook.save(path)


def test_review_sheet_round_trip(db: str, tmp_path: Path) -> None:
    sheet_path, again = tmp_path / "review.xlsx", tmp_path / "again.xlsx"
    made = run("review", D03, "-o", sheet_path, "--db", db)
    assert made.exit_code == 0, made.stderr
    assert run("review", D03, "-o", again, "--db", db).exit_code == 0
    assert sheet_path.read_bytes() == again.read_bytes()  # deterministic bytes
    sheet = load_workbook(sheet_path).active
    assert sheet is not None
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(cells[0]) == REVIEW_COLUMNS
    by_field = {row[0]: row for row in cells[1:]}
    assert by_field["kpis.1.weight"][CURRENT] == "20"
    assert by_field["organization"][CURRENT] == "กองการเจ้าหน้าที่"
    assert all(row[CORRECTED] is None for row in cells[1:])

    _fill(sheet_path, {"kpis.1.weight": (25, "ตามหนังสือ"), "kpis.2.weight": ("๒๐", None)})
    applied = run("correct", D03, "--from", sheet_path, "--by", "somchai", "--db", db)
    assert applied.exit_code == 0, applied.stderr
    record = json.loads(run("show", D03, "--json", "--db", db).stdout)
    assert [k["weight"] for k in record["kpis"]] == [25, 20, 25, 30]
    assert [(h["field"], h["new"], h["note"]) for h in history(db)] == [
        ("kpis.1.weight", 25.0, "ตามหนังสือ"), ("kpis.2.weight", 20.0, None)]


def test_review_sheet_is_refused_whole_when_stale_wrong_or_for_another_agreement(db: str, tmp_path: Path) -> None:
    sheet_path = tmp_path / "review.xlsx"
    assert run("review", D03, "-o", sheet_path, "--db", db).exit_code == 0
    _fill(sheet_path, {"kpis.1.weight": (25, None), "kpis.2.weight": (-5, None)})
    bad = run("correct", D03, "--from", sheet_path, "--db", db)
    assert bad.exit_code == 1
    assert bad.stderr == f"{D03}: error: kpis.2.weight: input should be greater than or equal to 0\n"
    assert history(db) == []  # the good row of the sheet is not applied either
    other = run("correct", D01, "--from", sheet_path, "--db", db)
    assert other.exit_code == 1
    assert f"is the review sheet of agreement {D03}, not {D01}" in other.stderr
    # somebody corrects the weight meanwhile: the sheet's current value is stale, nothing applies
    _fill(sheet_path, {"kpis.1.weight": (25, None), "kpis.2.weight": (None, None)})
    assert run("correct", D03, "kpis.1.weight=22", "--db", db).exit_code == 0
    stale = run("correct", D03, "--from", sheet_path, "--db", db)
    assert stale.exit_code == 1 and "make a new sheet" in stale.stderr
    assert [h["new"] for h in history(db)] == [22.0]


def test_review_needs_an_output_file(db: str) -> None:
    assert run("review", D03, "--db", db).exit_code == 2


def test_show_json_without_corrections_is_still_byte_for_byte(db: str) -> None:
    expected = extract_record_json(truth_agreement("d03_legacy_pua").to_json_dict())
    assert run("show", D03, "--json", "--db", db).stdout == expected
