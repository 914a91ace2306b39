"""The verdict surfaced where admins see it: `extract` and `ingest` print one line per record
that needs review and count them; `--strict` makes such a record a failure (not written, not
stored, exit status 1). The agreement used states weights adding up to 105 (a document defect a
person must settle), so it needs review however well it is read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLES

OVER = ROOT / "tests" / "data" / "sweep" / "a100012_2564.libreoffice-arundina+digits-latin.pdf"
GOOD = SAMPLES / "d03_legacy_pua.pdf"


def thaikpi(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def test_extract_says_which_record_needs_review(tmp_path: Path) -> None:
    proc = thaikpi("extract", OVER, GOOD, "-o", tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ": ต้องตรวจทาน: " in ln]
    assert len(lines) == 1 and lines[0].startswith(f"{OVER}: ต้องตรวจทาน: ")
    assert "น้ำหนักรวม" in lines[0]
    assert "ต้องตรวจทาน 1," in proc.stderr.splitlines()[-1]  # the summary, in Thai by default
    record = json.loads((tmp_path / f"{OVER.stem}.json").read_text(encoding="utf-8"))
    assert record["quality"]["status"] == "needs_review"
    assert json.loads((tmp_path / f"{GOOD.stem}.json").read_text(encoding="utf-8"))["quality"]["status"] == "ok"


def test_extract_strict_fails_the_record(tmp_path: Path) -> None:
    proc = thaikpi("extract", OVER, GOOD, "-o", tmp_path, "--strict", "--lang", "en")
    assert proc.returncode == 1
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith(f"{OVER}: error: needs review (--strict): "))
    assert "KPI weights add up to" in line
    assert not (tmp_path / f"{OVER.stem}.json").exists()
    assert (tmp_path / f"{GOOD.stem}.json").exists()


def test_ingest_counts_and_strict_stores_nothing_wrong(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    proc = thaikpi("ingest", "--db", db, OVER, GOOD, "--json")
    assert proc.returncode == 0, proc.stderr
    rows = {Path(r["file"]).name: r for r in json.loads(proc.stdout)}
    assert rows[OVER.name]["needs_review"] is True and rows[OVER.name]["review"][0]["why"]
    assert rows[GOOD.name]["needs_review"] is False
    assert f"{OVER}: ต้องตรวจทาน" in proc.stderr
    db2 = tmp_path / "strict.db"
    proc = thaikpi("ingest", "--db", db2, OVER, GOOD, "--strict", "--json")
    assert proc.returncode == 1
    rows = {Path(r["file"]).name: r for r in json.loads(proc.stdout)}
    assert rows[OVER.name]["outcome"] == "failed" and rows[OVER.name]["id"] is None
    assert rows[GOOD.name]["outcome"] == "ingested"
