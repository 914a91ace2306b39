"""The record store: every ingested agreement, every version, behind one small interface.

SQLite (`./thaikpi.db`, or any path) for one admin, PostgreSQL (`postgresql://…`) for a shared
installation; the code is the same SQLAlchemy Core for both. Records are never lost or
half-written: one agreement is one transaction, and a corrected PDF for the same unit and fiscal
year becomes a new version while the old one stays (auditors can compare them).

Ids are the first 12 hex digits of the PDF's sha256, so the same file has the same id in every
store and an auditor can check it with `sha256sum`.

A person's corrections (`thaikpi correct`) are rows of their own: the stored record stays as
extraction wrote it, and what commands read (`StoredAgreement.agreement()`) is that record with
the corrections applied. A new version of the same unit inherits the previous version's
corrections where its extraction still says what the correction fixed, and marks the others as
conflicts for a person to look at.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, func, insert, or_, select, update
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError

from pipeline import corrections as fixes
from pipeline.errors import StoreError
from pipeline.models import Agreement, Correction, Quality
from pipeline.quality import assess
from pipeline.store_schema import agreements, corrections, current_revision, head_revision, kpis, upgrade

DEFAULT_DB = "thaikpi.db"
ENV_DB = "THAIKPI_DB"
ID_LENGTH = 12
MIN_REF_LENGTH = 4
LOCK_TIMEOUT = 120.0  # seconds a writer waits for another process before giving up
_HEX = re.compile(r"[0-9a-f]+")
_SHA256 = re.compile(r"[0-9a-f]{64}")
# PostgreSQL: serialization failure, deadlock; both mean "run the transaction again".
_PG_RETRY_STATES = {"40001", "40P01"}

T = TypeVar("T")


class NoStoreError(StoreError):
    """A reader named a SQLite store that does not exist (readers never create one)."""


class Outcome(StrEnum):
    """What happened to one file of a batch."""

    INGESTED = "ingested"
    UNCHANGED = "unchanged"
    NEW_VERSION = "new version"
    #: another file (a re-saved PDF) whose record is the current version's: no version added
    SAME_CONTENT = "same content"
    FAILED = "failed"


@dataclass(frozen=True)
class Added:
    """The result of `Store.add`: the stored id and version, and the version it superseded."""

    outcome: Outcome
    id: str
    version: int
    previous_id: str | None = None
    #: corrections of the previous version carried to this one (its extraction still agreed)
    inherited: int = 0
    #: corrections of the previous version the new extraction contradicts (stored as conflicts)
    conflicts: int = 0
    #: the unit's current version, when it is not the one matched (UNCHANGED of an older file)
    current_version: int | None = None


@dataclass(frozen=True)
class StoredCorrection:
    """One row of `corrections`: the correction, the version it belongs to, the version it was
    made on (`origin`), and its row id (the order corrections were made in)."""

    row: int
    agreement_id: str
    origin: str
    correction: Correction

    def summary(self) -> dict[str, Any]:
        """As `thaikpi history --json` prints it."""
        return {**self.correction.model_dump(mode="json"), "agreement_id": self.agreement_id, "origin": self.origin}


@dataclass(frozen=True)
class StoredAgreement:
    """One stored row of `agreements`; `record` is the JSON text exactly as extraction wrote it."""

    id: str
    sha256: str
    file: str
    organization: str
    parent_organization: str | None
    fiscal_year: int
    version: int
    is_current: bool
    ingested_at: datetime
    record: str
    kpi_count: int = 0
    #: the corrections of this version, oldest first (applied and conflicting)
    corrections: tuple[Correction, ...] = ()

    def extracted(self) -> Agreement:
        """The record exactly as extraction wrote it, without any correction."""
        return Agreement.model_validate(json.loads(self.record))

    def agreement(self) -> Agreement:
        """The record as commands and reports use it: the extraction with the applied
        corrections, the corrections listed, and the quality assessed again. Without corrections
        it is the stored record unchanged."""
        return fixes.apply(self.extracted(), self.corrections)

    def record_text(self) -> str:
        """What `show --json` prints: the stored text byte for byte while nothing was corrected."""
        return self.record if not self.corrections else record_json(self.agreement())

    def quality(self) -> Quality:
        """The (corrected) record's verdict; assessed now for records stored before it existed."""
        record = self.agreement()
        return record.quality or assess(record)

    def summary(self) -> dict[str, Any]:
        """The row without the record, as `thaikpi list --json` prints it."""
        return {
            "id": self.id,
            "sha256": self.sha256,
            "file": self.file,
            "organization": self.organization,
            "parent_organization": self.parent_organization,
            "fiscal_year": self.fiscal_year,
            "version": self.version,
            "is_current": self.is_current,
            "ingested_at": self.ingested_at.isoformat(),
            "kpis": self.kpi_count,
            "quality": self.quality().status,
            "corrections": len(self.corrections),
        }


# --- pure helpers -----------------------------------------------------------------------------


def record_json(agreement: Agreement) -> str:
    """The record as `thaikpi extract` writes it (without the final newline); stored verbatim."""
    return json.dumps(agreement.to_json_dict(), ensure_ascii=False, indent=2)


def same_content(stored: str, new: str) -> bool:
    """Two records that say the same about the agreement (only the file they came from differs:
    a re-saved or re-exported PDF)."""
    a, b = json.loads(stored), json.loads(new)
    for record in (a, b):
        record.pop("source", None)
    return bool(a == b)


def _current_version(conn: Connection, key: str, fiscal_year: int) -> int | None:
    row = conn.execute(
        select(agreements.c.version).where(
            (agreements.c.unit_key == key) & (agreements.c.fiscal_year == fiscal_year) & agreements.c.is_current
        )
    ).first()
    return int(row.version) if row is not None else None


def agreement_id(sha256: str) -> str:
    return sha256.lower()[:ID_LENGTH]


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def unit_key(organization: str, parent_organization: str | None) -> str:
    """Which unit an agreement belongs to: same key + same fiscal year = versions of one agreement.

    The parent is part of it because many departments have a unit of the same name
    (e.g. กองการเจ้าหน้าที่); whitespace differences between two PDFs do not make a new unit.
    """
    return json.dumps([_norm(organization), _norm(parent_organization)], ensure_ascii=False)


def kpi_table_rows(agreement: Agreement, agreement_id: str) -> list[dict[str, Any]]:
    """The `kpis` rows of one agreement; the target is the roadmap value of its own fiscal year."""
    rows = []
    for position, kpi in enumerate(agreement.kpis):
        target = next((y for y in kpi.roadmap if y.year == agreement.fiscal_year), None)
        rows.append(
            {
                "agreement_id": agreement_id,
                "position": position,
                "number": kpi.number,
                "name": kpi.name,
                "category": kpi.category,
                "weight": kpi.weight,
                "status": kpi.status,
                "scoring": kpi.scoring,
                "unit": kpi.unit,
                "target_value": target.value if target else None,
                "target_text": target.text if target else None,
                "deduction_points": kpi.deduction_points,
                "criteria": json.dumps([c.model_dump(mode="json") for c in kpi.criteria], ensure_ascii=False),
                "pages": json.dumps(kpi.pages),
                "data": json.dumps(kpi.model_dump(mode="json"), ensure_ascii=False),
            }
        )
    return rows


def resolve_url(db: str | None = None) -> str:
    """`--db` / $THAIKPI_DB / ./thaikpi.db as a SQLAlchemy URL; a bare path means SQLite.

    `postgresql://` and `postgres://` get the psycopg 3 driver, the one thaikpi depends on.
    """
    db = db or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in db:
        return URL.create("sqlite", database=str(Path(db).expanduser().resolve())).render_as_string()
    scheme, rest = db.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return db


def display_name(url: str) -> str:
    """How errors name a store: the file for SQLite, the URL without password otherwise."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__


def _is_transient(exc: DBAPIError) -> bool:
    """Errors that mean "another writer is busy, try again", never "your data is wrong"."""
    message = str(exc.orig).lower()
    if "database is locked" in message or "database is busy" in message or "database table is locked" in message:
        return True
    return getattr(exc.orig, "sqlstate", None) in _PG_RETRY_STATES


# --- engine -----------------------------------------------------------------------------------


def _sqlite_engine(url: str, readonly: bool = False) -> Engine:
    """SQLite for several processes at once: WAL (readers never block the writer), a busy timeout,
    and `BEGIN IMMEDIATE` for writes, so a writer takes the lock before it reads and two
    ingests never both decide they are version 2.

    `readonly`: a store on a medium or in a directory this user cannot write (an archived year,
    a share mounted read-only) is opened immutable, so reading it needs no WAL side files."""
    if readonly:
        import sqlite3

        path = make_url(url).database or ""
        uri = f"file:{quote(path)}?mode=ro&immutable=1"
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, timeout=LOCK_TIMEOUT, check_same_thread=False)
        )
    else:
        engine = create_engine(url, connect_args={"timeout": LOCK_TIMEOUT})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT * 1000)}")
        if not readonly:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = "DEFERRED" if readonly else conn.get_execution_options().get("thaikpi_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _engine(url: str, readonly: bool = False) -> Engine:
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url, readonly)
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StoreError("store.not_url", file=display_name(url), detail=str(exc)) from exc
    except ImportError as exc:
        raise StoreError("store.no_driver", file=display_name(url), driver=exc.name) from exc


# --- the store --------------------------------------------------------------------------------


class Store:
    """All stored agreements. Open with `Store.open(db)`; use as a context manager."""

    def __init__(self, engine: Engine, url: str, readonly: bool = False) -> None:
        self.engine = engine
        self.url = url
        self.name = display_name(url)
        #: opened for reading only (the file or its directory cannot be written)
        self.readonly = readonly

    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True) -> Store:
        """Open (and migrate) the store named by `--db`/$THAIKPI_DB/default.

        `create=False` is for readers (`list`, `show`, `export`): a mistyped path is an error, not
        a new empty store.
        """
        url = resolve_url(db)
        try:
            parsed = make_url(url) if "://" in url else None
            if parsed is not None:
                _ = parsed.port  # a non-numeric port fails here, not deep inside the driver
        except (ArgumentError, ValueError) as exc:
            shown = re.sub(r"://([^:/@]*):[^@/]*@", r"://\1:***@", db or url)
            raise StoreError("store.bad_url", file=shown, detail=_first_line(exc)) from None
        readonly = False
        if parsed is not None and parsed.get_backend_name() == "sqlite" and parsed.database:
            path = Path(parsed.database)
            if not path.exists():
                if not create:
                    raise NoStoreError("store.none", file=str(path))
                if not path.parent.is_dir():
                    # a mistyped --db must not silently make directories
                    raise StoreError("store.no_dir", file=str(path.parent))
            readonly = not create and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
        try:
            engine = _engine(url, readonly)
        except (ArgumentError, ValueError) as exc:
            raise StoreError("store.bad_url", file=display_name(url), detail=_first_line(exc)) from None
        store = cls(engine, url, readonly)
        try:
            store._migrate()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # transactions ---------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(thaikpi_begin="DEFERRED")
            yield conn

    def _transaction(self, work: Callable[[Connection], T], *, write: bool = True) -> T:
        """Run `work` in one transaction, again if another writer got in the way.

        SQLite: "database is locked" after the busy timeout; PostgreSQL: serialization failures,
        deadlocks, and unique-key races between two writers adding the same unit at once (the
        retry then sees the other's row and does the right thing).
        """
        deadline = time.monotonic() + LOCK_TIMEOUT
        delay = 0.02
        races = 0
        while True:
            try:
                if write:
                    with self.engine.begin() as conn:
                        return work(conn)
                with self._read() as conn:
                    return work(conn)
            except IntegrityError as exc:
                races += 1
                if races > 5:
                    raise StoreError("store.cannot_store", file=self.name, detail=_first_line(exc)) from exc
            except DBAPIError as exc:
                if not _is_transient(exc):
                    raise StoreError("store.error", file=self.name, detail=_first_line(exc)) from exc
                if time.monotonic() > deadline:
                    raise StoreError("store.locked", file=self.name, seconds=LOCK_TIMEOUT) from exc
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 1.0)

    def _migrate(self) -> None:
        try:
            with self._read() as conn:
                current = current_revision(conn)
        except OperationalError as exc:
            if not _is_transient(exc):
                raise StoreError("store.cannot_open", file=self.name, detail=_first_line(exc)) from exc
            current = None
        except DBAPIError as exc:
            raise StoreError("store.cannot_open", file=self.name, detail=_first_line(exc)) from exc
        if current is None or current != head_revision():
            if self.readonly:
                raise StoreError("store.readonly_upgrade", file=self.name)
            self._transaction(upgrade)

    # writing --------------------------------------------------------------------------------

    def add(self, agreement: Agreement, file: str | None = None) -> Added:
        """Store one agreement in one transaction.

        Same sha256 as a stored one: nothing changes (UNCHANGED). Same unit and fiscal year as a
        stored one: a new version, the previous one kept but no longer current (NEW_VERSION).
        """
        sha256 = agreement.source.sha256.lower()
        if not _SHA256.fullmatch(sha256):
            raise StoreError("store.bad_sha", file=file, sha=agreement.source.sha256)
        text = record_json(agreement)
        key = unit_key(agreement.organization, agreement.parent_organization)
        file_name = file or agreement.source.file

        def work(conn: Connection) -> Added:
            existing = conn.execute(
                select(agreements.c.id, agreements.c.version, agreements.c.unit_key, agreements.c.fiscal_year)
                .where(agreements.c.sha256 == sha256)
            ).first()
            if existing is not None:
                current = _current_version(conn, existing.unit_key, existing.fiscal_year)
                shown = current if current != existing.version else None
                return Added(Outcome.UNCHANGED, existing.id, existing.version, current_version=shown)
            same_unit = (agreements.c.unit_key == key) & (agreements.c.fiscal_year == agreement.fiscal_year)
            previous = conn.execute(
                select(agreements.c.id, agreements.c.version, agreements.c.record)
                .where(same_unit)
                .order_by(agreements.c.version.desc())
                .limit(1)
            ).first()
            if previous is not None and same_content(previous.record, text):
                return Added(Outcome.SAME_CONTENT, previous.id, previous.version)
            version = previous.version + 1 if previous is not None else 1
            if previous is not None:
                conn.execute(update(agreements).where(same_unit & agreements.c.is_current).values(is_current=False))
            new_id = agreement_id(sha256)
            conn.execute(
                insert(agreements).values(
                    id=new_id,
                    sha256=sha256,
                    file=file_name,
                    organization=agreement.organization,
                    parent_organization=agreement.parent_organization,
                    unit_key=key,
                    fiscal_year=agreement.fiscal_year,
                    version=version,
                    is_current=True,
                    ingested_at=datetime.now(UTC).replace(microsecond=0),
                    record=text,
                )
            )
            self._insert_kpis(conn, kpi_table_rows(agreement, new_id))
            if previous is None:
                return Added(Outcome.INGESTED, new_id, version)
            # the previous version's applied corrections carry over (or become conflicts)
            applied = [c for c in _corrections_of(conn, [previous.id]) if c.correction.status == "applied"]
            carried = fixes.inherit([c.correction for c in applied], agreement)
            _insert_corrections(conn, new_id, key, agreement.fiscal_year, carried, [c.origin for c in applied])
            conflicts = sum(c.status == "conflict" for c in carried)
            return Added(Outcome.NEW_VERSION, new_id, version, previous.id, len(carried) - conflicts, conflicts)

        return self._transaction(work)

    def correct(
        self,
        stored: StoredAgreement,
        assignments: list[fixes.Assignment],
        *,
        by: str | None = None,
        note: str | None = None,
    ) -> list[Correction]:
        """Record corrections of the current version `stored`, all in one transaction: each is
        checked against the record as it is at that moment (other corrections included), and one
        bad field or value refuses them all."""

        def work(conn: Connection) -> list[Correction]:
            row = conn.execute(
                select(agreements.c.record, agreements.c.unit_key, agreements.c.is_current).where(
                    agreements.c.id == stored.id
                )
            ).first()
            if row is None:
                raise StoreError("store.no_id", id=stored.id)
            if not row.is_current:
                raise StoreError("store.superseded", version=stored.version)
            existing = [c.correction for c in _corrections_of(conn, [stored.id])]
            record = fixes.apply(Agreement.model_validate(json.loads(row.record)), existing)
            at = datetime.now(UTC).replace(microsecond=0)
            made = fixes.prepare(record, assignments, by=by, note=note, at=at.isoformat())
            _insert_corrections(conn, stored.id, row.unit_key, stored.fiscal_year, made, [stored.id] * len(made))
            return made

        return self._transaction(work)

    def history(self, stored: StoredAgreement) -> list[StoredCorrection]:
        """Every correction of this version, oldest first (inherited ones name their origin)."""
        return self._transaction(lambda conn: _corrections_of(conn, [stored.id]), write=False)

    def _insert_kpis(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(insert(kpis), rows)

    # reading --------------------------------------------------------------------------------

    def _rows(self, where: Any, *, limit: int | None = None) -> list[StoredAgreement]:
        counts = (
            select(kpis.c.agreement_id, func.count().label("n")).group_by(kpis.c.agreement_id).subquery()
        )
        query = (
            select(agreements, func.coalesce(counts.c.n, 0).label("kpi_count"))
            .outerjoin(counts, counts.c.agreement_id == agreements.c.id)
            .where(where)
            .order_by(*_ORDER)
        )
        if limit is not None:
            query = query.limit(limit)

        def work(conn: Connection) -> list[StoredAgreement]:
            rows = conn.execute(query).all()
            found = _corrections_of(conn, [row.id for row in rows])
            by_agreement: dict[str, list[Correction]] = {}
            for c in found:
                by_agreement.setdefault(c.agreement_id, []).append(c.correction)
            return [_stored(row._mapping, by_agreement.get(row.id, [])) for row in rows]

        return self._transaction(work, write=False)

    def find_sha256(self, sha256: str) -> StoredAgreement | None:
        rows = self._rows(agreements.c.sha256 == sha256.lower())
        return rows[0] if rows else None

    def get(self, ref: str) -> StoredAgreement:
        """The agreement with this id (or any unambiguous prefix of its sha256, 4+ hex digits)."""
        needle = ref.strip().lower()
        if len(needle) < MIN_REF_LENGTH or not _HEX.fullmatch(needle):
            raise StoreError("store.no_id", id=ref)
        rows = self._rows(agreements.c.sha256.startswith(needle), limit=2)
        if not rows:
            raise StoreError("store.no_id", id=ref)
        if len(rows) > 1:
            raise StoreError("store.ambiguous", id=ref)
        return rows[0]

    def versions(self, stored: StoredAgreement) -> list[StoredAgreement]:
        """Every stored version of the same unit and fiscal year, oldest first."""
        same_unit = select(agreements.c.unit_key).where(agreements.c.id == stored.id).scalar_subquery()
        return self._rows((agreements.c.unit_key == same_unit) & (agreements.c.fiscal_year == stored.fiscal_year))

    def agreements(
        self, *, year: int | None = None, org: str | None = None, all_versions: bool = False
    ) -> list[StoredAgreement]:
        """Stored agreements, current versions only unless `all_versions`; `org` matches part of
        the organization or its parent."""
        return self._rows(_filters(year, org, all_versions))

    def kpi_rows(
        self, *, year: int | None = None, org: str | None = None, all_versions: bool = False
    ) -> list[dict[str, Any]]:
        """One row per KPI (for export), ordered by year, unit, version, KPI order."""
        query = (
            select(
                agreements.c.id.label("agreement_id"),
                agreements.c.fiscal_year,
                agreements.c.organization,
                agreements.c.parent_organization,
                agreements.c.version,
                agreements.c.is_current,
                agreements.c.file,
                kpis.c.number.label("kpi_number"),
                kpis.c.name.label("kpi_name"),
                kpis.c.category,
                kpis.c.weight,
                kpis.c.status,
                kpis.c.scoring,
                kpis.c.unit,
                kpis.c.target_value,
                kpis.c.target_text,
                kpis.c.criteria,
                kpis.c.deduction_points,
                kpis.c.pages,
            )
            .join(kpis, kpis.c.agreement_id == agreements.c.id)
            .where(_filters(year, org, all_versions))
            .order_by(*_ORDER, kpis.c.position)
        )
        rows = self._transaction(lambda conn: conn.execute(query).all(), write=False)
        result = []
        for row in rows:
            item = dict(row._mapping)
            item["is_current"] = bool(item["is_current"])
            item["criteria"] = json.loads(item["criteria"])
            item["pages"] = json.loads(item["pages"])
            result.append(item)
        return self._corrected_kpi_rows(result)

    def _corrected_kpi_rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows of corrected agreements computed again from their corrected records (the
        `kpis` table holds what extraction wrote), in the same place of the order."""
        ids = list(dict.fromkeys(r["agreement_id"] for r in rows))
        if not ids:
            return rows
        corrected = {
            s.id: s for s in self._rows(agreements.c.id.in_(ids) & agreements.c.id.in_(_ids_with_corrections()))
        }
        if not corrected:
            return rows
        out: list[dict[str, Any]] = []
        done: set[str] = set()
        for row in rows:
            stored = corrected.get(row["agreement_id"])
            if stored is None:
                out.append(row)
            elif stored.id not in done:
                done.add(stored.id)
                out.extend(_export_rows(stored, row))
        return out


# Year, then unit (so a unit's versions stay together), then version: the order of list and export.
_ORDER = (agreements.c.fiscal_year, agreements.c.unit_key, agreements.c.version, agreements.c.id)


def _filters(year: int | None, org: str | None, all_versions: bool) -> Any:
    conditions: list[Any] = []
    if year is not None:
        conditions.append(agreements.c.fiscal_year == year)
    if org:
        conditions.append(
            or_(
                agreements.c.organization.contains(org, autoescape=True),
                agreements.c.parent_organization.contains(org, autoescape=True),
            )
        )
    if not all_versions:
        conditions.append(agreements.c.is_current)
    if not conditions:
        return agreements.c.id.is_not(None)
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = combined & condition
    return combined


def _ids_with_corrections() -> Any:
    return select(corrections.c.agreement_id).distinct().scalar_subquery()


def _export_rows(stored: StoredAgreement, template: dict[str, Any]) -> list[dict[str, Any]]:
    """`kpi_rows` rows of a corrected record; the per-agreement columns come from `template`
    (one of its rows as stored) with the corrected organization and year."""
    record = stored.agreement()
    out = []
    for kpi_row in kpi_table_rows(record, stored.id):
        out.append({
            **template,
            "fiscal_year": record.fiscal_year,
            "organization": record.organization,
            "parent_organization": record.parent_organization,
            "kpi_number": kpi_row["number"],
            "kpi_name": kpi_row["name"],
            "category": kpi_row["category"],
            "weight": kpi_row["weight"],
            "status": kpi_row["status"],
            "scoring": kpi_row["scoring"],
            "unit": kpi_row["unit"],
            "target_value": kpi_row["target_value"],
            "target_text": kpi_row["target_text"],
            "criteria": json.loads(kpi_row["criteria"]),
            "deduction_points": kpi_row["deduction_points"],
            "pages": json.loads(kpi_row["pages"]),
        })
    return out


def _corrections_of(conn: Connection, ids: list[str]) -> list[StoredCorrection]:
    """The corrections of these agreements, in the order they were made (row id)."""
    if not ids:
        return []
    rows = conn.execute(
        select(corrections).where(corrections.c.agreement_id.in_(ids)).order_by(corrections.c.id)
    ).all()
    return [_stored_correction(r._mapping) for r in rows]


def _stored_correction(row: Any) -> StoredCorrection:
    at = row["at"]
    if at.tzinfo is None:  # SQLite keeps no offset; we always write UTC
        at = at.replace(tzinfo=UTC)
    correction = Correction(
        field=row["field"],
        old=json.loads(row["old"]),
        new=json.loads(row["new"]),
        by=row["by"],
        at=at.isoformat(),
        note=row["note"],
        status=row["status"],
    )
    return StoredCorrection(row["id"], row["agreement_id"], row["origin"], correction)


def _insert_corrections(
    conn: Connection, agreement_id: str, key: str, fiscal_year: int, made: list[Correction], origins: list[str]
) -> None:
    rows = [
        {
            "agreement_id": agreement_id,
            "unit_key": key,
            "fiscal_year": fiscal_year,
            "field": c.field,
            "old": json.dumps(c.old, ensure_ascii=False),
            "new": json.dumps(c.new, ensure_ascii=False),
            "by": c.by,
            "note": c.note,
            "at": datetime.fromisoformat(c.at) if c.at else datetime.now(UTC).replace(microsecond=0),
            "status": c.status,
            "origin": origin,
        }
        for c, origin in zip(made, origins, strict=True)
    ]
    if rows:
        conn.execute(insert(corrections), rows)


def _stored(row: Any, made: list[Correction] | None = None) -> StoredAgreement:
    ingested = row["ingested_at"]
    if ingested.tzinfo is None:  # SQLite keeps no offset; we always write UTC
        ingested = ingested.replace(tzinfo=UTC)
    return StoredAgreement(
        id=row["id"],
        sha256=row["sha256"],
        file=row["file"],
        organization=row["organization"],
        parent_organization=row["parent_organization"],
        fiscal_year=row["fiscal_year"],
        version=row["version"],
        is_current=bool(row["is_current"]),
        ingested_at=ingested,
        record=row["record"],
        kpi_count=row["kpi_count"],
        corrections=tuple(made or ()),
    )
