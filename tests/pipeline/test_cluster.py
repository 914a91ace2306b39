"""Ingest on a Dask cluster: a scheduler and two single-threaded workers on loopback. The
cluster stores exactly what a local ingest stores, a bad file is refused with one line while
the rest is done, files can be sent as bytes, and a worker killed mid-batch loses nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.store import Store
from tests.pipeline.store_helpers import SAMPLES, child_env, cli_command


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English wording of messages (Thai, the default: tests/pipeline/test_cli.py)."""
    monkeypatch.setenv("THAIKPI_LANG", "en")


distributed = pytest.importorskip("distributed")
TEXT = [SAMPLES / "d01_mdb_2566.pdf", SAMPLES / "d02_mdb_2567.pdf", SAMPLES / "d03_legacy_pua.pdf"]
DASK = str(Path(sys.executable).with_name("dask"))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tcp://127.0.0.1:PORT of a scheduler with two workers (one thread each: pdfium is not
    thread-safe), started with Dask's own command line, as a user would."""
    tmp = tmp_path_factory.mktemp("dask")
    info = tmp / "scheduler.json"
    env = child_env()
    procs = [
        subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                          "--scheduler-file", str(info)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ]
    deadline = time.time() + 60
    while not info.exists() and time.time() < deadline:
        time.sleep(0.2)
    for _ in range(2):
        procs.append(subprocess.Popen(
            [DASK, "worker", "--scheduler-file", str(info), "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp))
    address = json.loads(info.read_text())["address"]
    with distributed.Client(address, timeout="30s") as client:
        client.wait_for_workers(2, timeout=90)
    yield address
    for p in reversed(procs):
        p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()


def _records(db: Path) -> dict[str, dict]:
    with Store.open(str(db), create=False) as store:
        out = {}
        for a in store.agreements(all_versions=True):
            record = json.loads(a.record)
            out[a.sha256] = record
        return out


def _ingest(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli_command("ingest", *args), capture_output=True, text=True, env=child_env(), timeout=600)


def test_cluster_stores_what_a_local_ingest_stores(cluster: str, tmp_path: Path) -> None:
    bad = tmp_path / "not_a_pdf.pdf"
    bad.write_text("<html>no</html>")
    local, remote = tmp_path / "local.db", tmp_path / "cluster.db"
    done_local = _ingest(*TEXT, "--db", local, "--jobs", "2")
    assert done_local.returncode == 0, done_local.stderr
    done = _ingest(*TEXT, bad, "--db", remote, "--cluster", cluster)
    assert done.returncode == 1
    errors = [ln for ln in done.stderr.splitlines() if ": error: " in ln]
    assert errors == [f"{bad}: error: not a PDF (no %PDF header)"]
    assert done.stderr.count("ingested as") == 3
    assert _records(remote) == _records(local)
    # the same again: nothing read, nothing stored twice
    again = _ingest(*TEXT, "--db", remote, "--cluster", cluster)
    assert again.returncode == 0 and again.stderr.count(": unchanged (") == 3


def test_files_sent_as_bytes(cluster: str, tmp_path: Path) -> None:
    db = tmp_path / "sent.db"
    done = _ingest(TEXT[2], "--db", db, "--cluster", cluster, "--send-files")
    assert done.returncode == 0, done.stderr
    (record,) = _records(db).values()
    assert record["source"]["file"] == TEXT[2].name


def test_a_worker_killed_mid_batch_loses_nothing(cluster: str, tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    copies = []
    for i in range(3):  # other bytes, same content: each is read (the store keeps one version)
        for src in TEXT:
            dst = tmp_path / f"{src.stem}_{i}.pdf"
            dst.write_bytes(src.read_bytes() + b"\n%" + str(i).encode() + b"\n")
            copies.append(dst)
    child = subprocess.Popen(cli_command("ingest", *copies, "--db", db, "--cluster", cluster),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env())
    time.sleep(4)
    with distributed.Client(cluster, timeout="30s") as client:
        pids = sorted(client.run(os.getpid).values())
        os.kill(pids[0], signal.SIGKILL)  # its nanny starts a new one; its tasks run elsewhere
    _, err = child.communicate(timeout=600)
    assert child.returncode == 0, err
    assert not [ln for ln in err.splitlines() if ": error: " in ln]
    lines = [ln for ln in err.splitlines() if ln.startswith(str(tmp_path))]
    assert len(lines) == len(copies)
    with Store.open(str(db), create=False) as store:
        stored = store.agreements(all_versions=True)
    assert len(stored) == 3 and len({a.sha256 for a in stored}) == 3  # one per agreement, none twice
