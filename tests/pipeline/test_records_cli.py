"""`thaikpi list / show / export` on SQLite and PostgreSQL: what comes out equals what went in."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from pipeline.cli import app
from pipeline.commands.extract import record_json as extract_record_json
from pipeline.commands.records import EXPORT_COLUMNS
from pipeline.models import Agreement
from pipeline.store import Store
from tests.pipeline.store_helpers import (
    SAMPLES,
    child_env,
    cli_command,
    truth,
    truth_agreement,
)


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English wording of messages (Thai, the default: tests/pipeline/test_cli.py)."""
    monkeypatch.setenv("THAIKPI_LANG", "en")


NAMES = ("d01_mdb_2566", "d02_mdb_2567", "d03_legacy_pua")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def filled(store_url: str) -> str:
    """A store holding the truth records of d01–d03 (ingested as samples/<name>.pdf)."""
    with Store.open(store_url) as store:
        for name in NAMES:
            store.add(truth_agreement(name), file=f"samples/{name}.pdf")
    return store_url


def expected_rows(agreement: Agreement) -> list[dict[str, object]]:
    """The export rows of one agreement, written out from the record (not from the store)."""
    rows = []
    for kpi in agreement.kpis:
        target = next((y for y in kpi.roadmap if y.year == agreement.fiscal_year), None)
        rows.append({
            "agreement_id": agreement.source.sha256[:12],
            "fiscal_year": agreement.fiscal_year,
            "organization": agreement.organization,
            "parent_organization": agreement.parent_organization,
            "version": 1,
            "is_current": True,
            "file": f"samples/{agreement.source.file}",
            "kpi_number": kpi.number,
            "kpi_name": kpi.name,
            "category": kpi.category,
            "weight": kpi.weight,
            "status": kpi.status,
            "scoring": kpi.scoring,
            "unit": kpi.unit,
            "target_value": target.value if target else None,
            "target_text": target.text if target else None,
            "criteria": [c.model_dump(mode="json") for c in kpi.criteria],
            "deduction_points": kpi.deduction_points,
            "pages": kpi.pages,
        })
    return rows


def test_list_json(filled: str) -> None:
    result = run("list", "--json", "--db", filled)
    assert result.exit_code == 0, result.stderr
    listed = json.loads(result.stdout)
    assert {(r["id"], r["fiscal_year"], r["organization"], r["kpis"]) for r in listed} == {
        (truth(n)["source"]["sha256"][:12], truth(n)["fiscal_year"], truth(n)["organization"], len(truth(n)["kpis"]))
        for n in NAMES
    }
    assert all(r["version"] == 1 and r["is_current"] for r in listed)
    only_2567 = json.loads(run("list", "--json", "--year", "2567", "--db", filled).stdout)
    assert [r["id"] for r in only_2567] == [truth("d02_mdb_2567")["source"]["sha256"][:12]]
    by_org = json.loads(run("list", "--json", "--org", "การเจ้าหน้าที่", "--db", filled).stdout)
    assert [r["organization"] for r in by_org] == ["กองการเจ้าหน้าที่"]


def test_list_table(filled: str) -> None:
    result = run("list", "--db", filled)
    assert result.exit_code == 0
    for name in NAMES:
        assert truth(name)["source"]["sha256"][:12] in result.stdout
    assert "กองการเจ้าหน้าที่" in result.stdout


@pytest.mark.parametrize("name", NAMES)
def test_show_json_is_the_record_as_extract_writes_it(filled: str, name: str) -> None:
    expected = extract_record_json(truth_agreement(name).to_json_dict())
    by_id = run("show", truth(name)["source"]["sha256"][:12], "--json", "--db", filled)
    assert by_id.exit_code == 0, by_id.stderr
    assert by_id.stdout == expected
    by_file = run("show", SAMPLES / f"{name}.pdf", "--json", "--db", filled)
    assert by_file.stdout == expected
    assert Agreement.model_validate(json.loads(by_id.stdout)) == truth_agreement(name)


def test_show_text_and_errors(filled: str, tmp_path: Path) -> None:
    shown = run("show", "980fe5", "--db", filled)
    assert shown.exit_code == 0
    assert "กองการเจ้าหน้าที่" in shown.stdout and "ร้อยละการเบิกจ่ายงบประมาณ" in shown.stdout
    unknown = run("show", "deadbeef", "--db", filled)
    assert unknown.exit_code == 1
    assert unknown.stderr == "deadbeef: error: no stored agreement with id deadbeef\n"
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.4 not stored")
    not_stored = run("show", other, "--db", filled)
    assert not_stored.exit_code == 1
    assert not_stored.stderr.startswith(f"{other}: error: not in the store")
    missing = run("show", tmp_path / "missing.pdf", "--db", filled)
    assert missing.stderr == f"{tmp_path / 'missing.pdf'}: error: no such file\n"


def test_export_json_rows_equal_the_records(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "kpis.json"
    result = run("export", "--year", "2566", "-o", out, "--db", filled)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))
    expected = [row for name in ("d01_mdb_2566", "d03_legacy_pua") for row in expected_rows(truth_agreement(name))]
    assert sorted(rows, key=lambda r: (r["agreement_id"], r["kpi_number"])) == sorted(
        expected, key=lambda r: (r["agreement_id"], r["kpi_number"]))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert "export: 10 KPIs of 2 agreements" in result.stderr


def _cell(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _flat(row: dict[str, object]) -> list[object]:
    flat = dict(row)
    flat["criteria"] = "\n".join(f"{_cell(c['level'])}: {c['text']}" for c in row["criteria"])  # type: ignore[attr-defined]
    flat["pages"] = ", ".join(str(p) for p in row["pages"])  # type: ignore[attr-defined]
    return [_cell(flat[c]) for c in EXPORT_COLUMNS]


def test_export_csv_for_excel(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "kpis.csv"
    assert run("export", "--year", "2566", "-o", out, "--db", filled).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Thai as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(EXPORT_COLUMNS)
    json_rows = json.loads(run("export", "--year", "2566", "--format", "json", "--db", filled).stdout)
    as_text = [["" if v is None else ("true" if v is True else str(v)) for v in _flat(r)] for r in json_rows]
    assert rows[1:] == as_text
    assert any("\n" in cell for row in rows[1:] for cell in row)  # multi-line criteria survive quoting


def test_export_xlsx_round_trip_and_same_bytes(filled: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("export", "--year", "2566", "-o", first, "--db", filled).exit_code == 0
    assert run("export", "--year", "2566", "--format", "xlsx", "-o", second, "--db", filled).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
        assert "2000-01-01T00:00:00Z" in core
    sheet = load_workbook(first).active
    assert sheet is not None
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0] == list(EXPORT_COLUMNS)
    json_rows = json.loads(run("export", "--year", "2566", "--db", filled).stdout)
    assert cells[1:] == [[None if v == "" else v for v in _flat(r)] for r in json_rows]


def test_export_needs_an_existing_store_and_a_valid_format(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = run("export", "--year", "2566", "--db", missing)
    assert result.exit_code == 1
    assert result.stderr == f"{missing}: error: no such store (ingest agreements first, or give --db)\n"
    assert not missing.exists()
    assert run("export", "--format", "pdf", "--db", missing).exit_code == 2
    assert run("export", "--format", "xlsx", "--db", missing).exit_code == 2


def test_versions_in_list_and_export(store_url: str) -> None:
    old = truth_agreement("d03_legacy_pua")
    record = truth("d03_legacy_pua")
    record["source"]["sha256"] = "f" * 64
    record["kpis"][0]["weight"] = 30
    new = Agreement.model_validate(record)
    with Store.open(store_url) as store:
        store.add(old)
        store.add(new)
    current = json.loads(run("list", "--json", "--db", store_url).stdout)
    assert [(r["id"], r["version"]) for r in current] == [("f" * 12, 2)]
    every = json.loads(run("list", "--json", "--all-versions", "--db", store_url).stdout)
    assert [(r["version"], r["is_current"]) for r in every] == [(1, False), (2, True)]
    rows = json.loads(run("export", "--db", store_url).stdout)
    assert {r["version"] for r in rows} == {2} and rows[0]["weight"] == 30
    all_rows = json.loads(run("export", "--all-versions", "--db", store_url).stdout)
    assert [r["weight"] for r in all_rows if r["kpi_number"] == 1] == [20, 30]
    assert run("show", "980fe5c0c76e", "--json", "--db", store_url).stdout == extract_record_json(old.to_json_dict())


def test_end_to_end_real_cli_ingest_show_export(tmp_path: Path) -> None:
    """The real extractor and the real `thaikpi` process: ingest d03, read it back three ways."""
    db = tmp_path / "e2e.db"
    d03 = SAMPLES / "d03_legacy_pua.pdf"
    env = child_env()

    def thaikpi(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cli_command(*args), capture_output=True, text=True, env=env, timeout=300)

    ingested = thaikpi("ingest", d03, "--db", db)
    assert ingested.returncode == 0, ingested.stderr
    extracted = thaikpi("extract", d03, "--stdout")
    shown = thaikpi("show", "980fe5c0c76e", "--json", "--db", db)
    assert shown.stdout == extracted.stdout
    record = Agreement.model_validate(json.loads(extracted.stdout))
    exported = json.loads(thaikpi("export", "--year", str(record.fiscal_year), "--db", db).stdout)
    assert [(r["kpi_number"], r["kpi_name"], r["weight"]) for r in exported] == [
        (k.number, k.name, k.weight) for k in record.kpis]
    listed = json.loads(thaikpi("list", "--json", "--db", db).stdout)
    assert [(r["id"], r["organization"]) for r in listed] == [("980fe5c0c76e", record.organization)]


# --- corrections and the quality verdict in list / show / export -------------------------------


@pytest.fixture
def reviewed(store_url: str) -> str:
    """d01 and d03 as extracted, and a d03 variant of another unit whose KPI 1 has no weight."""
    record = truth("d03_legacy_pua")
    record["source"]["sha256"] = "e" * 64
    record["organization"] = "กองคลัง"
    record["kpis"][0]["weight"] = 0
    with Store.open(store_url) as store:
        store.add(truth_agreement("d01_mdb_2566"))
        store.add(truth_agreement("d03_legacy_pua"))
        store.add(Agreement.model_validate(record))
    return store_url


def test_list_needs_review_uses_the_corrected_quality(reviewed: str) -> None:
    """Records stored without a verdict (quality null) are assessed when read."""
    listed = json.loads(run("list", "--json", "--db", reviewed).stdout)
    assert {r["id"]: r["quality"] for r in listed} == {
        truth("d01_mdb_2566")["source"]["sha256"][:12]: "ok", "980fe5c0c76e": "ok", "e" * 12: "needs_review"}
    only = json.loads(run("list", "--needs-review", "--json", "--db", reviewed).stdout)
    assert [(r["id"], r["corrections"]) for r in only] == [("e" * 12, 0)]
    table = run("list", "--needs-review", "--db", reviewed)
    assert "quality" in table.stdout and "needs_review" in table.stdout and "980fe5c0c76e" not in table.stdout
    assert run("correct", "e" * 12, "kpis.1.weight=20", "--db", reviewed).exit_code == 0
    assert json.loads(run("list", "--needs-review", "--json", "--db", reviewed).stdout) == []
    table = run("list", "--db", reviewed)
    assert "ok (1 corrected)" in table.stdout


def test_show_prints_the_reasons_with_their_page_and_marks_corrected_values(reviewed: str) -> None:
    page = truth("d03_legacy_pua")["kpis"][0]["pages"][0]
    shown = run("show", "e" * 12, "--db", reviewed)
    assert shown.exit_code == 0, shown.stderr
    assert "quality: needs_review" in shown.stdout
    assert f"ตัวชี้วัดที่ 1 ไม่มีน้ำหนัก (หน้า {page}) [kpis.1.weight]" in shown.stdout
    assert run("correct", "e" * 12, "kpis.1.weight=20", "organization=กองคลัง ๒", "--db", reviewed).exit_code == 0
    shown = run("show", "e" * 12, "--db", reviewed).stdout
    assert "quality: ok" in shown and "ไม่มีน้ำหนัก" not in shown
    assert "กองคลัง ๒*" in shown and "20*" in shown
    assert "kpis.1.weight: 0 → 20" in shown and "organization: กองคลัง → กองคลัง ๒" in shown


def test_show_json_and_export_give_the_corrected_record(reviewed: str) -> None:
    extracted = run("show", "980fe5c0c76e", "--json", "--db", reviewed).stdout
    assert run("correct", "980fe5c0c76e", "kpis.3.name=ชื่อที่ถูกต้อง", "--db", reviewed).exit_code == 0
    corrected = json.loads(run("show", "980fe5c0c76e", "--json", "--db", reviewed).stdout)
    assert corrected["kpis"][2]["name"] == "ชื่อที่ถูกต้อง"
    assert [c["field"] for c in corrected["corrections"]] == ["kpis.3.name"]
    assert corrected["quality"] == {"status": "ok", "reasons": []}
    unchanged = {k: v for k, v in corrected.items() if k not in ("kpis", "corrections", "quality")}
    assert unchanged == {k: v for k, v in json.loads(extracted).items() if k not in ("kpis", "corrections", "quality")}
    rows = json.loads(run("export", "--org", "การเจ้าหน้าที่", "--db", reviewed).stdout)
    assert [r["kpi_name"] for r in rows if r["agreement_id"] == "980fe5c0c76e"][2] == "ชื่อที่ถูกต้อง"
