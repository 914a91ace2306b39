"""Batch ingest that keeps what it finished: Ctrl-C (SIGINT to the process group) or SIGTERM
mid-batch, with a slow file first, stores every file already read, drops the rest cleanly, says
so in one line and exits 130; read-only stores can be read; a --db in a missing directory is
one error line, never a new directory."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.errors import StoreError
from pipeline.store import Store
from tests.pipeline.store_helpers import child_command, child_env, cli_command, fake_pdf, sha256_file


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English wording of messages (Thai, the default: tests/pipeline/test_cli.py)."""
    monkeypatch.setenv("THAIKPI_LANG", "en")



def _as_from_a_terminal() -> None:
    """Start the child as a shell starts a foreground command: Ctrl-C not ignored. A test run in
    the background (`make test &`, a CI job started with `&`) has SIGINT ignored, and an ignored
    signal stays ignored across exec, so the child would never see the test's Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(tmp_path: Path, db: Path) -> tuple[subprocess.Popen[str], Path, list[Path]]:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    slow = fake_pdf(folder, "slow_scan.pdf", organization="หน่วยช้า", sleep=120)
    fast = [fake_pdf(folder, f"text{i}.pdf", organization=f"หน่วย {i}", sleep=0.05) for i in range(3)]
    log = tmp_path / "stderr.txt"
    child = subprocess.Popen(
        child_command("ingest", slow, *fast, "--db", db, "--jobs", "2"),
        env=child_env(), stdout=subprocess.DEVNULL, stderr=open(log, "w"), text=True, start_new_session=True,
        preexec_fn=_as_from_a_terminal,
    )
    deadline = time.time() + 120
    while time.time() < deadline and log.read_text(encoding="utf-8").count("ingested as") < 3:
        time.sleep(0.1)
    assert log.read_text(encoding="utf-8").count("ingested as") == 3, log.read_text(encoding="utf-8")
    return child, log, fast


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_interrupt_keeps_every_finished_file(tmp_path: Path, how: str) -> None:
    db = tmp_path / "s.db"
    child, log, fast = _start(tmp_path, db)
    if how == "ctrl-c":
        os.killpg(child.pid, signal.SIGINT)  # what a terminal sends: the whole process group
    else:
        os.kill(child.pid, signal.SIGTERM)
    assert child.wait(timeout=60) == 130
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "interrupted: 3 stored, 0 not started, 1 in progress dropped"
    assert not any("Traceback" in ln for ln in lines)
    with Store.open(str(db)) as store:
        assert {a.sha256 for a in store.agreements()} == {sha256_file(f) for f in fast}
    # the next run picks up where it stopped: the finished files are unchanged
    again = subprocess.run(child_command("ingest", *fast, "--db", db), env=child_env(), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stderr.count(": unchanged (") == 3


def test_read_only_store_is_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pipeline.store_helpers import truth_agreement

    db = tmp_path / "ro" / "s.db"
    db.parent.mkdir()
    with Store.open(str(db)) as store:
        store.add(truth_agreement("d03_legacy_pua"))
    side = [p.name for p in db.parent.iterdir() if p.name != db.name]
    for name in side:
        (db.parent / name).unlink()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with Store.open(str(db), create=False) as store:
        assert store.readonly
        (stored,) = store.agreements()
        assert store.get(stored.id).agreement().organization
    assert sorted(p.name for p in db.parent.iterdir()) == ["s.db"]  # no WAL side files made


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere: a read-only directory is not read-only")
def test_cli_lists_a_store_in_a_read_only_directory(tmp_path: Path) -> None:
    from tests.pipeline.store_helpers import truth_agreement

    db = tmp_path / "ro" / "s.db"
    db.parent.mkdir()
    with Store.open(str(db)) as store:
        store.add(truth_agreement("d03_legacy_pua"))
    os.chmod(db, 0o444)
    os.chmod(db.parent, 0o555)
    try:
        done = subprocess.run(cli_command("list", "--db", db), capture_output=True, text=True, env=child_env(), timeout=120)
        assert done.returncode == 0, done.stderr
    finally:
        os.chmod(db.parent, 0o755)


def test_missing_directory_is_one_error_line(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "s.db"
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(db))
    done = subprocess.run(
        cli_command("ingest", "--db", db, tmp_path / "x.pdf"), capture_output=True, text=True, env=child_env(), timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"{db.parent}: error: the directory for the store does not exist"]
    assert not (tmp_path / "no").exists()
