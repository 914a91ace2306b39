"""The store on SQLite and on PostgreSQL: adding, idempotence, versions, lookups, migrations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from pipeline import store_schema
from pipeline.errors import StoreError
from pipeline.models import Agreement
from pipeline.store import (
    NoStoreError,
    Outcome,
    Store,
    agreement_id,
    record_json,
    resolve_url,
    unit_key,
)
from pipeline.store_schema import agreements, kpis
from tests.pipeline.store_helpers import truth, truth_agreement

SHA_A = "a" * 64
SHA_B = "b" * 64


def variant(name: str = "d03_legacy_pua", sha256: str = SHA_A, **changes: object) -> Agreement:
    """A truth record as if extracted from other bytes (and with other fields, if given)."""
    record = truth(name)
    record["source"]["sha256"] = sha256
    record.update(changes)
    return Agreement.model_validate(record)


def count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_add_then_read_back_equals_the_record(store_url: str) -> None:
    agreement = truth_agreement("d01_mdb_2566")
    with Store.open(store_url) as store:
        added = store.add(agreement, file="in/d01.pdf")
        assert (added.outcome, added.version, added.previous_id) == (Outcome.INGESTED, 1, None)
        assert added.id == agreement.source.sha256[:12] == agreement_id(agreement.source.sha256)
        stored = store.get(added.id)
    assert stored.record == record_json(agreement)
    assert stored.agreement().to_json_dict() == agreement.to_json_dict()
    assert (stored.file, stored.organization, stored.fiscal_year) == ("in/d01.pdf", agreement.organization, 2566)
    assert stored.parent_organization == agreement.parent_organization
    assert stored.is_current and stored.kpi_count == len(agreement.kpis) == 6
    assert stored.ingested_at.tzinfo is not None


def test_kpi_rows_are_the_records_kpis(store_url: str) -> None:
    agreement = truth_agreement("d03_legacy_pua")
    with Store.open(store_url) as store:
        store.add(agreement)
        rows = store.kpi_rows()
    assert [r["kpi_number"] for r in rows] == [k.number for k in agreement.kpis]
    for row, kpi in zip(rows, agreement.kpis, strict=True):
        assert row["kpi_name"] == kpi.name
        assert row["weight"] == kpi.weight
        assert (row["category"], row["status"], row["scoring"], row["unit"]) == (
            kpi.category, kpi.status, kpi.scoring, kpi.unit)
        assert row["criteria"] == [c.model_dump(mode="json") for c in kpi.criteria]
        assert row["pages"] == kpi.pages
        assert row["deduction_points"] == kpi.deduction_points
        target = next(y for y in kpi.roadmap if y.year == 2566)
        assert (row["target_value"], row["target_text"]) == (target.value, target.text)
        assert row["agreement_id"] == "980fe5c0c76e" and row["version"] == 1 and row["is_current"] is True


def test_same_bytes_again_changes_nothing(store_url: str) -> None:
    agreement = truth_agreement("d03_legacy_pua")
    with Store.open(store_url) as store:
        first = store.add(agreement)
        before = store.get(first.id)
        again = store.add(agreement, file="elsewhere/copy.pdf")
        assert (again.outcome, again.id, again.version) == (Outcome.UNCHANGED, first.id, 1)
        assert store.get(first.id) == before  # not even the file name or time changed
        assert count(store, agreements) == 1
        assert count(store, kpis) == len(agreement.kpis)


def test_new_pdf_of_the_same_unit_is_a_new_version_and_the_old_one_is_kept(store_url: str) -> None:
    old = truth_agreement("d03_legacy_pua")
    new = variant(sha256=SHA_A, organization="  กองการเจ้าหน้าที่ ")  # whitespace does not make a new unit
    newer = variant(sha256=SHA_B)
    with Store.open(store_url) as store:
        store.add(old)
        added = store.add(new)
        assert (added.outcome, added.version, added.previous_id) == (Outcome.NEW_VERSION, 2, "980fe5c0c76e")
        added3 = store.add(newer)
        assert (added3.outcome, added3.version, added3.previous_id) == (Outcome.NEW_VERSION, 3, SHA_A[:12])
        everything = store.agreements(all_versions=True)
        assert [(a.id, a.version, a.is_current) for a in everything] == [
            ("980fe5c0c76e", 1, False), (SHA_A[:12], 2, False), (SHA_B[:12], 3, True)]
        assert [a.id for a in store.agreements()] == [SHA_B[:12]]
        assert [v.version for v in store.versions(store.get("980fe5c0c76e"))] == [1, 2, 3]
        # the superseded record is intact, not overwritten
        assert store.get("980fe5c0c76e").record == record_json(old)
        assert count(store, kpis) == 3 * len(old.kpis)


def test_other_parent_or_year_is_another_agreement(store_url: str) -> None:
    base = truth_agreement("d03_legacy_pua")
    same_name_other_department = variant(sha256=SHA_A, parent_organization="กรมส่งเสริมการเกษตร")
    next_year = variant(sha256=SHA_B, fiscal_year=2567)
    with Store.open(store_url) as store:
        outcomes = [store.add(a).outcome for a in (base, same_name_other_department, next_year)]
        assert outcomes == [Outcome.INGESTED] * 3
        assert all(a.version == 1 and a.is_current for a in store.agreements())
        assert len(store.agreements()) == 3


def test_unit_key_ignores_whitespace_but_not_the_parent() -> None:
    assert unit_key("กอง  ก", "กรม ข") == unit_key(" กอง ก ", "กรม ข")
    assert unit_key("กอง ก", "กรม ข") != unit_key("กอง ก", "กรม ค")
    assert unit_key("กอง ก", None) == unit_key("กอง ก", "")


def test_lookup_by_id_prefix_and_errors(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add(truth_agreement("d03_legacy_pua"))
        store.add(variant(sha256="abcd" + "0" * 60, organization="หน่วย ก"))
        store.add(variant(sha256="abcd" + "1" * 60, organization="หน่วย ข"))
        assert store.get("980fe5c0c76e").organization == "กองการเจ้าหน้าที่"
        assert store.get("980FE5").id == "980fe5c0c76e"
        assert store.get(truth("d03_legacy_pua")["source"]["sha256"]).id == "980fe5c0c76e"
        assert store.find_sha256("c" * 64) is None
        with pytest.raises(StoreError, match="no stored agreement with id 123456"):
            store.get("123456")
        with pytest.raises(StoreError, match="no stored agreement with id nothex"):
            store.get("nothex")
        with pytest.raises(StoreError, match="no stored agreement with id 98f"):
            store.get("98f")  # too short to mean anything
        with pytest.raises(StoreError, match="ambiguous"):
            store.get("abcd")
        assert store.get("abcd0").organization == "หน่วย ก"


def test_filters(store_url: str) -> None:
    with Store.open(store_url) as store:
        for name in ("d01_mdb_2566", "d02_mdb_2567", "d03_legacy_pua"):
            store.add(truth_agreement(name))
        assert {a.fiscal_year for a in store.agreements(year=2567)} == {2567}
        assert [a.organization for a in store.agreements(org="การเจ้าหน้าที่")] == ["กองการเจ้าหน้าที่"]
        assert len(store.agreements(org="ปลัดกระทรวงเกษตร")) == 3  # matches the parent too
        assert store.agreements(org="100%_") == []  # LIKE wildcards are literal
        assert {r["fiscal_year"] for r in store.kpi_rows(year=2566)} == {2566}


def test_a_record_without_a_sha256_is_refused(store_url: str) -> None:
    with Store.open(store_url) as store:
        with pytest.raises(StoreError, match="no valid sha256"):
            store.add(variant(sha256="not-a-hash"))
        assert store.agreements() == []


def test_readers_never_create_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    with pytest.raises(NoStoreError, match="no such store"):
        Store.open(str(missing), create=False)
    assert not missing.exists()


def test_resolve_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("THAIKPI_DB", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'thaikpi.db'}"
    assert resolve_url("sub/x.db") == f"sqlite:///{tmp_path / 'sub' / 'x.db'}"
    monkeypatch.setenv("THAIKPI_DB", "env.db")
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:///abs.db") == "sqlite:///abs.db"


def test_sqlite_store_uses_wal(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "t.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 10_000


def test_unreachable_server_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the store") as info:
        Store.open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert "\n" not in info.value.line()


NEXT_REVISION = '''"""test-only next revision"""
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agreements", sa.Column("note", sa.Text, nullable=True))


def downgrade() -> None:
    op.drop_column("agreements", "note")
'''


def test_older_store_opens_with_newer_schema_and_newer_store_is_refused(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agreement = truth_agreement("d03_legacy_pua")
    with Store.open(store_url) as store:  # written by "this" version (revision 0002)
        store.add(agreement)
    newer = tmp_path / "migrations"
    shutil.copytree(store_schema.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "0099_note.py").write_text(NEXT_REVISION)
    monkeypatch.setattr(store_schema, "MIGRATIONS_DIR", newer)
    with Store.open(store_url) as store:  # a newer thaikpi opens the older store and upgrades it
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0099"
            assert "note" in {c["name"] for c in inspect(conn).get_columns("agreements")}
        assert store.get("980fe5c0c76e").record == record_json(agreement)
    monkeypatch.setattr(store_schema, "MIGRATIONS_DIR", Path(store_schema.__file__).with_name("migrations"))
    with pytest.raises(StoreError, match="newer than this thaikpi knows"):
        Store.open(store_url)


def test_record_json_is_what_extract_writes() -> None:
    from pipeline.commands.extract import record_json as extract_record_json

    agreement = truth_agreement("d02_mdb_2567")
    assert record_json(agreement) + "\n" == extract_record_json(agreement.to_json_dict())
    assert json.loads(record_json(agreement)) == agreement.to_json_dict()


def test_load_agreement_resolves_stored_ids(store_url: str, tmp_path: Path) -> None:
    from pipeline.sources import load_agreement

    agreement = truth_agreement("d03_legacy_pua")
    with Store.open(store_url) as store:
        store.add(agreement)
    assert load_agreement("980fe5c0c76e", db=store_url) == agreement
    assert load_agreement("980FE5", db=store_url) == agreement
    with pytest.raises(StoreError, match="^no stored agreement with id 0123456789ab$"):
        load_agreement("0123456789ab", db=store_url)
    nowhere = tmp_path / "absent.db"
    with pytest.raises(StoreError, match="no stored agreement with id 980fe5c0c76e") as info:
        load_agreement("980fe5c0c76e", db=str(nowhere))
    assert "no store at" in info.value.reason and not nowhere.exists()
