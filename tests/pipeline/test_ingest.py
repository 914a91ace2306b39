"""Batch ingest: outcomes, idempotence, versions, bad inputs, crashes, kills, concurrent writers."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import text

from parsers.settings import ReadSettings
from pipeline.ingest import FileOutcome, ingest_files, run_ingest
from pipeline.models import Agreement
from pipeline.store import Outcome, Store, record_json
from tests.pipeline.store_helpers import (
    SAMPLES,
    child_command,
    child_env,
    cli_command,
    fake_extract,
    fake_pdf,
    sha256_file,
    truth_agreement,
)


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English wording of messages (Thai, the default: tests/pipeline/test_cli.py)."""
    monkeypatch.setenv("THAIKPI_LANG", "en")


SAMPLE_PDFS = sorted(SAMPLES.glob("d0*.pdf"))


def must_not_extract(path: Path, options: ReadSettings) -> Agreement:
    raise AssertionError(f"extracted {path} again")


def kinds(outcomes: list[FileOutcome]) -> list[str]:
    return [o.outcome.value for o in outcomes]


def consistent(store: Store) -> dict[str, int]:
    """Every stored agreement has exactly its record's KPI rows, no KPI row lacks its agreement,
    each unit/year has one current version; returns {sha256: kpi rows}."""
    with store.engine.connect() as conn:
        orphans = conn.execute(text(
            "SELECT count(*) FROM kpis WHERE agreement_id NOT IN (SELECT id FROM agreements)")).scalar_one()
        assert orphans == 0
        currents = conn.execute(text(
            "SELECT unit_key, fiscal_year, sum(CASE WHEN is_current THEN 1 ELSE 0 END) FROM agreements "
            "GROUP BY unit_key, fiscal_year")).all()
        assert all(n == 1 for _, _, n in currents)
    seen = {}
    for stored in store.agreements(all_versions=True):
        record = json.loads(stored.record)
        assert stored.kpi_count == len(record["kpis"]) > 0
        assert record["source"]["sha256"] == stored.sha256
        seen[stored.sha256] = stored.kpi_count
    return seen


def test_batch_ingests_then_reingest_changes_nothing(store_url: str) -> None:
    with Store.open(store_url) as store:
        seen: list[FileOutcome] = []
        outcomes = ingest_files(SAMPLE_PDFS, store, extractor=fake_extract, jobs=2, on_outcome=seen.append)
        assert kinds(outcomes) == ["ingested"] * 4
        # reported once each, as they finish (in any order); returned in input order
        assert sorted(seen, key=lambda o: o.file) == sorted(outcomes, key=lambda o: o.file)
        assert [o.file for o in outcomes] == [str(p) for p in SAMPLE_PDFS]
        for path, outcome in zip(SAMPLE_PDFS, outcomes, strict=True):
            stored = store.get(outcome.id or "")
            truth = truth_agreement(path.stem)
            assert stored.sha256 == sha256_file(path)
            assert stored.agreement().model_dump(exclude={"source"}) == truth.model_dump(exclude={"source"})
        # the same bytes again: no extraction at all, nothing changes
        again = ingest_files(SAMPLE_PDFS, store, extractor=must_not_extract, jobs=2)
        assert kinds(again) == ["unchanged"] * 4
        assert [(o.id, o.version) for o in again] == [(o.id, o.version) for o in outcomes]
        assert len(consistent(store)) == 4


def test_same_file_twice_in_one_batch_is_extracted_once(tmp_path: Path) -> None:
    d03 = SAMPLES / "d03_legacy_pua.pdf"
    with Store.open(str(tmp_path / "s.db")) as store:
        outcomes = ingest_files([d03, d03], store, extractor=fake_extract, jobs=2)
        assert kinds(outcomes) == ["ingested", "unchanged"]
        assert outcomes[0].id == outcomes[1].id


def test_new_pdf_of_a_unit_is_a_new_version_in_completion_order(store_url: str, tmp_path: Path) -> None:
    unit = {"organization": "กองคลัง", "parent_organization": "กรมทดสอบ", "fiscal_year": 2567}
    # the first file given finishes extracting last: it is stored last, as the newer version
    slow = fake_pdf(tmp_path, "slow.pdf", sleep=0.6, base="d03_legacy_pua", **unit)
    fast = fake_pdf(tmp_path, "fast.pdf", base="d02_mdb_2567", **unit)
    with Store.open(store_url) as store:
        seen: list[FileOutcome] = []
        outcomes = ingest_files([slow, fast], store, extractor=fake_extract, jobs=2, on_outcome=seen.append)
        assert [o.file for o in seen] == [str(fast), str(slow)]  # reported as stored
        assert [o.file for o in outcomes] == [str(slow), str(fast)]  # returned in the order given
        assert kinds(outcomes) == ["new version", "ingested"]
        assert outcomes[0].version == 2 and outcomes[0].previous_id == outcomes[1].id
        third = fake_pdf(tmp_path, "corrected.pdf", base="d01_mdb_2566", **unit)
        (corrected,) = ingest_files([third], store, extractor=fake_extract)
        assert (corrected.outcome, corrected.version, corrected.previous_id) == (
            Outcome.NEW_VERSION, 3, outcomes[0].id)
        assert "new version 3" in corrected.line() and "kept" in corrected.line()
        # the same agreement re-saved (other bytes, same record): no version added
        resaved = fake_pdf(tmp_path, "resaved.pdf", base="d01_mdb_2566", **unit)
        (same,) = ingest_files([resaved], store, extractor=fake_extract)
        assert (same.outcome, same.version, same.id) == (Outcome.SAME_CONTENT, 3, corrected.id)
        assert "same content as version 3" in same.line()
        # an old file again: unchanged, and it says which version is current
        (old,) = ingest_files([fast], store, extractor=must_not_extract)
        assert (old.outcome, old.version, old.current_version) == (Outcome.UNCHANGED, 1, 3)
        assert "version 3 is current" in old.line()
        versions = store.agreements(all_versions=True)
        assert [(v.file, v.version, v.is_current) for v in versions] == [
            (str(fast), 1, False), (str(slow), 2, False), (str(third), 3, True)]


def test_bad_files_among_good_ones_fail_alone(store_url: str, tmp_path: Path) -> None:
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("hello")
    missing = tmp_path / "missing.pdf"
    refused = fake_pdf(tmp_path, "refused.pdf", fail="encrypted PDF")
    crashing = fake_pdf(tmp_path, "crash.pdf", crash=True)
    good = fake_pdf(tmp_path, "good.pdf", organization="กองดี")
    paths = [not_pdf, SAMPLES / "d01_mdb_2566.pdf", missing, refused, crashing, good]
    with Store.open(store_url) as store:
        outcomes = ingest_files(paths, store, extractor=fake_extract, jobs=3)
        assert kinds(outcomes) == ["failed", "ingested", "failed", "failed", "failed", "ingested"]
        assert outcomes[0].line() == f"{not_pdf}: error: not a PDF (no %PDF header)"
        assert outcomes[2].line() == f"{missing}: error: no such file"
        assert outcomes[3].reason == "encrypted PDF"
        assert outcomes[4].reason and "crashed" in outcomes[4].reason
        assert {a.organization for a in store.agreements()} == {"กองดี", "สำนักพัฒนาระบบบริหาร"}
        assert len(consistent(store)) == 2


def test_an_invalid_record_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store:
        (outcome,) = ingest_files([SAMPLES / "d03_legacy_pua.pdf"], store, extractor=_bad_sha_extract)
        assert outcome.outcome is Outcome.FAILED
        assert outcome.reason and "sha256" in outcome.reason
        assert store.agreements() == []


def _bad_sha_extract(path: Path, options: ReadSettings) -> Agreement:
    agreement = fake_extract(path)
    agreement.source.sha256 = "zz"
    return agreement


def test_plain_lines_when_not_a_terminal_and_a_summary(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_text("x")
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    with Store.open(str(tmp_path / "s.db")) as store:
        paths = [SAMPLES / "d03_legacy_pua.pdf", bad, SAMPLES / "d03_legacy_pua.pdf"]
        run_ingest(paths, store, extractor=fake_extract, jobs=2, console=console)
    lines = out.getvalue().splitlines()
    # one line per file as it is stored (completion order): the twin right after its first
    assert sorted(lines[:3]) == sorted([
        f"{SAMPLES / 'd03_legacy_pua.pdf'}: ingested as 980fe5c0c76e (version 1)",
        f"{bad}: error: not a PDF (no %PDF header)",
        f"{SAMPLES / 'd03_legacy_pua.pdf'}: unchanged (already stored as 980fe5c0c76e, version 1)",
    ])
    assert lines.index(f"{SAMPLES / 'd03_legacy_pua.pdf'}: ingested as 980fe5c0c76e (version 1)") < lines.index(
        f"{SAMPLES / 'd03_legacy_pua.pdf'}: unchanged (already stored as 980fe5c0c76e, version 1)")
    summary = "\n".join(lines[3:])
    assert "ingest summary" in summary
    assert "not a PDF (no %PDF header)" in summary
    assert any([c.strip() for c in line.split("│")[1:3]] == ["failed", "1"] for line in lines if "│" in line)
    assert any([c.strip() for c in line.split("│")[1:3]] == ["needs review (ต้องตรวจทาน)", "0"] for line in lines if "│" in line)


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_text("x")
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    with Store.open(str(tmp_path / "s.db")) as store:
        run_ingest([bad, SAMPLES / "d03_legacy_pua.pdf"], store, extractor=fake_extract, console=console)
    shown = out.getvalue()
    assert f"{bad}: error: not a PDF (no %PDF header)" in shown
    assert "ingested as 980fe5c0c76e" not in shown  # on a terminal only failures get a line
    assert "ingest summary" in shown


# --- whole processes ----------------------------------------------------------------------------


def test_real_cli_bad_file_among_good_ones(tmp_path: Path) -> None:
    """End to end with the real extractor: the good PDF is stored, each bad one is one line."""
    db = tmp_path / "real.db"
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("hello")
    missing = tmp_path / "missing.pdf"
    d03 = SAMPLES / "d03_legacy_pua.pdf"
    done = subprocess.run(cli_command("ingest", not_pdf, d03, missing, "--db", db, "--jobs", "2"),
                          capture_output=True, text=True, env=child_env(), timeout=300)
    assert done.returncode == 1, done.stderr
    assert f"{not_pdf}: error: not a PDF (no %PDF header)" in done.stderr.splitlines()
    assert f"{missing}: error: no such file" in done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    with Store.open(str(db), create=False) as store:
        (stored,) = store.agreements()
    assert stored.sha256 == sha256_file(d03)
    extracted = subprocess.run(cli_command("extract", d03, "--stdout"), capture_output=True, text=True,
                               env=child_env(), timeout=300)
    assert extracted.returncode == 0
    assert stored.record + "\n" == extracted.stdout  # stored exactly as `extract` writes it
    again = subprocess.run(cli_command("ingest", d03, "--db", db), capture_output=True, text=True,
                           env=child_env(), timeout=300)
    assert again.returncode == 0
    assert f"{d03}: unchanged (already stored as {stored.id}, version 1)" in again.stderr
    # --json: the same outcomes for programs on stdout, progress and summary stay on stderr
    as_json = subprocess.run(cli_command("ingest", d03, not_pdf, "--db", db, "--json"), capture_output=True,
                             text=True, env=child_env(), timeout=300)
    assert as_json.returncode == 1
    rows = json.loads(as_json.stdout)
    assert rows[0] == {"file": str(d03), "outcome": "unchanged", "id": stored.id, "version": 1,
                       "previous_id": None, "reason": None, "needs_review": False, "review": [],
                       "corrections_inherited": 0, "corrections_in_conflict": 0}
    assert rows[1]["outcome"] == "failed" and rows[1]["reason"] == "not a PDF (no %PDF header)"


def _batch(tmp_path: Path, count: int, prefix: str = "unit") -> list[Path]:
    folder = tmp_path / "pdfs"
    folder.mkdir(exist_ok=True)
    return [fake_pdf(folder, f"{prefix}{i:02d}.pdf", organization=f"{prefix} {i}", sleep=0.02) for i in range(count)]


def test_sigkill_mid_batch_leaves_every_agreement_wholly_in_or_out(store_url: str, tmp_path: Path) -> None:
    files = _batch(tmp_path, 6)
    marker = tmp_path / "stalled"
    child = subprocess.Popen(
        child_command("ingest", *files, "--db", store_url, "--jobs", "2"),
        env=child_env(THAIKPI_TEST_STALL=f"{marker}:3"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, child.communicate()[1].decode()
            assert time.monotonic() < deadline, "the batch never reached its third agreement"
            time.sleep(0.02)
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)  # the batch and its workers, mid-transaction
        except ProcessLookupError:
            pass
        child.wait()
    assert child.returncode == -signal.SIGKILL
    if not store_url.startswith("postgresql"):
        with sqlite3.connect(store_url) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Store.open(store_url) as store:
        # the two committed agreements (whichever two finished first) are whole; the third,
        # killed before its commit, left nothing
        stored = consistent(store)
        assert len(stored) == 2 and set(stored.values()) == {4}
        assert set(stored) <= {sha256_file(f) for f in files}
    rerun = subprocess.run(child_command("ingest", *files, "--db", store_url, "--jobs", "2"),
                           capture_output=True, text=True, env=child_env(), timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    lines = rerun.stderr.splitlines()
    assert sum(": unchanged (" in line for line in lines) == 2
    assert sum(": ingested as " in line for line in lines) == 4
    with Store.open(store_url) as store:
        assert consistent(store) == {sha256_file(f): 4 for f in files}


def test_two_ingests_at_once_both_finish_with_everything_stored_once(store_url: str, tmp_path: Path) -> None:
    files = _batch(tmp_path, 8)
    unit = {"organization": "กองเดียวกัน", "fiscal_year": 2566}
    pair = [
        fake_pdf(tmp_path / "pdfs", "v_a.pdf", **unit),
        fake_pdf(tmp_path / "pdfs", "v_b.pdf", base="d02_mdb_2567", **unit),  # another record: a version
    ]
    batches = [files + pair, list(reversed(files + pair))]
    children = [
        subprocess.Popen(child_command("ingest", *batch, "--db", store_url, "--jobs", "2"), env=child_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for batch in batches  # both start on a store that does not exist yet
    ]
    results = [child.communicate(timeout=300) for child in children]
    for child, (_, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
    all_lines = [line for _, err in results for line in err.splitlines()]
    for path in files + pair:
        mine = [line for line in all_lines if line.startswith(f"{path}: ")]
        assert len(mine) == 2
        # stored by exactly one of the two; the other found it stored
        # the loser of the race either finds the bytes stored (unchanged) or, when it read the file
        # before the winner committed, the same record stored (no version added)
        assert sum(" unchanged (" in line or "same content as version" in line for line in mine) == 1, mine
    with Store.open(store_url) as store:
        stored = consistent(store)
        assert set(stored) == {sha256_file(f) for f in files + pair}
        versions = [a for a in store.agreements(all_versions=True) if a.organization == "กองเดียวกัน"]
        assert sorted(v.version for v in versions) == [1, 2]
        assert [v.is_current for v in versions] == [False, True]


def test_cli_reports_an_unusable_store_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        cli_command("ingest", SAMPLES / "d03_legacy_pua.pdf", "--db", "postgresql://x@127.0.0.1:1/none"),
        capture_output=True, text=True, env=child_env(), timeout=120)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "error: cannot open the store" in done.stderr


def test_stored_text_equals_record_json(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store:
        (outcome,) = ingest_files([SAMPLES / "d02_mdb_2567.pdf"], store, extractor=fake_extract)
        agreement = fake_extract(SAMPLES / "d02_mdb_2567.pdf")
        assert store.get(outcome.id or "").record == record_json(agreement)


@pytest.mark.parametrize("jobs", [1, 4])
def test_jobs_do_not_change_the_result(tmp_path: Path, jobs: int) -> None:
    files = _batch(tmp_path, 5)
    with Store.open(str(tmp_path / f"j{jobs}.db")) as store:
        outcomes = ingest_files(files, store, extractor=fake_extract, jobs=jobs)
        assert kinds(outcomes) == ["ingested"] * 5
        assert [o.file for o in outcomes] == [str(f) for f in files]


def test_local_ingest_never_imports_dask(tmp_path: Path) -> None:
    code = (
        "import sys; from tests.pipeline.store_helpers import fake_extract, SAMPLES;"
        "from pipeline.ingest import ingest_files; from pipeline.store import Store;"
        f"s = Store.open({str(tmp_path / 's.db')!r});"
        "ingest_files([SAMPLES / 'd03_legacy_pua.pdf'], s, extractor=fake_extract);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
