"""Shared by the store, ingest and records tests (fixtures exported by tests/pipeline/conftest.py):
a throwaway PostgreSQL server, the `store_url` fixture (every store test runs on SQLite and on
PostgreSQL), and a stand-in extractor.

PostgreSQL: if Debian's server binaries exist (/usr/lib/postgresql/*/bin), one cluster is made
with `initdb` in a temp dir, started with `pg_ctl` on 127.0.0.1 and a free port (as the
`postgres` user, or `nobody`, when running as root: the server refuses to run as root), and
stopped with `pg_ctl stop -m immediate` when the test session ends. Each test gets its own
database. If no server can be started the PostgreSQL variants skip and say why.
$THAIKPI_TEST_PG_URL (a superuser URL) uses an existing server instead.

The stand-in extractor returns the truth record for samples/*.pdf (matched by sha256), and for
files made by `fake_pdf` a record built from a truth record with the organization, year … it was
asked for; anything else fails like a bad PDF.
"""

from __future__ import annotations

import atexit
import glob
import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import InputError, NotAnAgreementError
from pipeline.models import Agreement

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SAMPLE_NAMES = ("d01_mdb_2566", "d02_mdb_2567", "d03_legacy_pua", "d04_scanned")


# --- records ----------------------------------------------------------------------------------


def truth(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / f"{name}.truth.json").read_text(encoding="utf-8"))


def truth_agreement(name: str) -> Agreement:
    return Agreement.model_validate(truth(name))


@cache
def _truth_by_sha() -> dict[str, str]:
    return {truth(name)["source"]["sha256"]: name for name in SAMPLE_NAMES}


def fake_pdf(directory: Path, name: str, **spec: Any) -> Path:
    """A file the stand-in extractor reads as an agreement: `organization`, `fiscal_year`,
    `parent_organization`, `base` (a sample name) override the record; `sleep` seconds delay it;
    `crash` kills the worker; `fail` raises InputError with that reason."""
    path = directory / name
    path.write_bytes(b"FAKE " + json.dumps({"name": name, **spec}, ensure_ascii=False, sort_keys=True).encode())
    return path


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fake_extract(path: Path, options: Any = None) -> Agreement:
    """Stands in for `pipeline.extract.extract_file` (same signature, same kinds of errors)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=str(path)) from None
    sha = hashlib.sha256(data).hexdigest()
    name = _truth_by_sha().get(sha)
    if name is not None:
        record = truth(name)
        record["source"]["file"] = path.name
        return Agreement.model_validate(record)
    if data.startswith(b"FAKE "):
        spec = json.loads(data[5:])
        if spec.get("sleep"):
            time.sleep(spec["sleep"])
        if spec.get("crash"):
            os.kill(os.getpid(), signal.SIGKILL)
        if spec.get("fail"):
            raise InputError(spec["fail"], file=str(path))
        record = truth(spec.get("base", "d03_legacy_pua"))
        for key in ("organization", "parent_organization", "fiscal_year"):
            if key in spec:
                record[key] = spec[key]
        record["source"] = {"file": path.name, "sha256": sha, "pages": record["source"]["pages"]}
        return Agreement.model_validate(record)
    if data.startswith(b"%PDF"):
        raise NotAnAgreementError("not a performance agreement", file=str(path))
    raise InputError("not a PDF (no %PDF header)", file=str(path))


# --- running the CLI in another process ---------------------------------------------------------


def child_main() -> None:
    """`python -c "from tests.pipeline.store_helpers import child_main; child_main()" ingest …`:
    the real `thaikpi` CLI with the stand-in extractor. With $THAIKPI_TEST_STALL=<marker>:<n>
    the n-th stored agreement stops inside its transaction (after all its rows are written,
    before the commit), creates <marker> and waits to be killed."""
    import pipeline.extract
    from pipeline.store import Store

    pipeline.extract.extract_file = fake_extract
    stall = os.environ.get("THAIKPI_TEST_STALL")
    if stall:
        marker, _, nth = stall.rpartition(":")
        original = Store._insert_kpis
        calls = {"n": 0}

        def stalling(self: Store, conn: Any, rows: list[dict[str, Any]]) -> None:
            original(self, conn, rows)
            calls["n"] += 1
            if calls["n"] == int(nth):
                Path(marker).touch()
                time.sleep(120)

        Store._insert_kpis = stalling  # type: ignore[method-assign]
    from pipeline.cli import main

    sys.argv = ["thaikpi", *sys.argv[1:]]
    main()


def child_command(*args: str | Path) -> list[str]:
    code = "from tests.pipeline.store_helpers import child_main; child_main()"
    return [sys.executable, "-c", code, *[str(a) for a in args]]


def cli_command(*args: str | Path) -> list[str]:
    """The real `thaikpi` (real extractor) in a new process."""
    return [sys.executable, "-c", "from pipeline.cli import main; main()", *[str(a) for a in args]]


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("THAIKPI_DB", None)
    env.update(extra)
    return env


# --- PostgreSQL ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bindir() -> Path | None:
    found = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")
    if not found:
        return None
    newest = max(found, key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(newest).parent


class PgServer:
    """A throwaway cluster: initdb into a temp dir, pg_ctl start on loopback, stop at exit."""

    def __init__(self) -> None:
        self.url: str | None = None
        self.skip_reason: str | None = None
        self._base: Path | None = None
        self._runner: list[str] = []
        self._bin: Path | None = None

    def start(self) -> None:
        external = os.environ.get("THAIKPI_TEST_PG_URL")
        if external:
            self.url = external
            return
        bindir = _bindir()
        if bindir is None:
            self.skip_reason = "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
            return
        self._bin = bindir
        base = Path(tempfile.mkdtemp(prefix="thaikpi-pg-", dir="/tmp" if os.path.isdir("/tmp") else None))
        self._base = base
        if os.geteuid() == 0:  # postgres refuses to run as root
            user = _unprivileged_user()
            if user is None:
                self.skip_reason = "running as root and no 'postgres' or 'nobody' user to run the server as"
                return
            shutil.chown(base, user=user)
            runuser = shutil.which("runuser")
            self._runner = [runuser, "-u", user, "--"] if runuser else ["su", user, "-s", "/bin/sh", "-c"]
        data = base / "data"
        try:
            self._run([bindir / "initdb", "-D", data, "-U", "thaikpi", "--auth=trust", "-E", "UTF8",
                       "--no-locale", "--no-sync"])
            for _attempt in range(3):
                port = _free_port()
                options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={base} "
                           "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
                try:
                    self._run([bindir / "pg_ctl", "-D", data, "-l", base / "server.log", "-w", "-t", "60",
                               "-o", options, "start"])
                except RuntimeError:
                    continue
                self.url = f"postgresql://thaikpi@127.0.0.1:{port}/postgres"
                atexit.register(self.stop)  # also if the session ends abnormally
                return
            log = (base / "server.log").read_text(errors="replace")[-500:] if (base / "server.log").exists() else ""
            self.skip_reason = f"pg_ctl start failed: {log.strip()}"
        except (RuntimeError, OSError) as exc:
            self.skip_reason = f"could not start a PostgreSQL server: {exc}"
        if self.url is None:
            shutil.rmtree(base, ignore_errors=True)

    def _run(self, argv: list[Any]) -> None:
        args = [str(a) for a in argv]
        if self._runner and self._runner[0] == "su":
            import shlex

            cmd = [*self._runner, " ".join(shlex.quote(a) for a in args)]
        else:
            cmd = [*self._runner, *args]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd="/")
        if done.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} exited {done.returncode}: {(done.stderr or done.stdout).strip()[-400:]}")

    def stop(self) -> None:
        if self._base is None or self._bin is None:
            return
        try:
            self._run([self._bin / "pg_ctl", "-D", self._base / "data", "-m", "immediate", "-w", "stop"])
        except (RuntimeError, OSError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self._base, ignore_errors=True)
        self._base = None


def _unprivileged_user() -> str | None:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return None


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One server for the whole test session, started on first use, stopped at the end."""
    server = PgServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (skips, with the reason, if no server)."""
    server = pg_server
    if server.url is None:
        pytest.skip(f"PostgreSQL tests skipped: {server.skip_reason}")
    import psycopg

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin_url = server.url
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _db = admin_url.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store location: a bare SQLite path (as users type it), or a PostgreSQL URL."""
    if request.param == "sqlite":
        (tmp_path / "store").mkdir(exist_ok=True)
        return str(tmp_path / "store" / "thaikpi.db")
    return str(request.getfixturevalue("pg_url"))
