"""The store's tables (SQLAlchemy Core) and the Alembic runner that brings any store up to date.

The tables here describe the newest schema; the migrations in `pipeline/migrations/versions` are
how an older store gets there. Opening a store always runs them, so a `thaikpi.db` written by an
older thaikpi keeps working after an upgrade, and a store written by a *newer* thaikpi is refused
with one line instead of being damaged.
"""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util.exc import CommandError
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Connection

from pipeline.errors import StoreError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

metadata = MetaData()

# One row per stored PDF. `record` is the JSON text exactly as extraction wrote it; the other
# columns are copies for queries. `unit_key` names the unit (organization under its parent) so
# that "กองการเจ้าหน้าที่" of two departments are two units, not two versions of one.
agreements = Table(
    "agreements",
    metadata,
    Column("id", String(12), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("file", Text, nullable=False),
    Column("organization", Text, nullable=False),
    Column("parent_organization", Text, nullable=True),
    Column("unit_key", Text, nullable=False),
    Column("fiscal_year", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("record", Text, nullable=False),
    UniqueConstraint("sha256", name="uq_agreements_sha256"),
    UniqueConstraint("unit_key", "fiscal_year", "version", name="uq_agreements_unit_year_version"),
    Index("ix_agreements_year_org", "fiscal_year", "organization"),
    Index(
        "uq_agreements_one_current",
        "unit_key",
        "fiscal_year",
        unique=True,
        sqlite_where=text("is_current"),
        postgresql_where=text("is_current"),
    ),
)

# One row per KPI of every stored agreement, for queries and the per-KPI export.
kpis = Table(
    "kpis",
    metadata,
    Column(
        "agreement_id",
        String(12),
        ForeignKey("agreements.id", ondelete="CASCADE", name="fk_kpis_agreement"),
        primary_key=True,
    ),
    Column("position", Integer, primary_key=True),
    Column("number", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("category", Text, nullable=True),
    Column("weight", Float, nullable=False),
    Column("status", String(16), nullable=True),
    Column("scoring", String(16), nullable=False),
    Column("unit", Text, nullable=True),
    Column("target_value", Float, nullable=True),
    Column("target_text", Text, nullable=True),
    Column("deduction_points", Float, nullable=True),
    Column("criteria", Text, nullable=False),
    Column("pages", Text, nullable=False),
    Column("data", Text, nullable=False),
)

# One row per correction a person made (`thaikpi correct`), per version it applies to. The record
# in `agreements` is never changed: the corrected record is computed from it and these rows.
# `old`/`new` are JSON text; `origin` is the version (agreement id) the correction was made on,
# so a correction carried to later versions stays traceable; `status` is applied or conflict.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "agreement_id",
        String(12),
        ForeignKey("agreements.id", ondelete="CASCADE", name="fk_corrections_agreement"),
        nullable=False,
    ),
    Column("unit_key", Text, nullable=False),
    Column("fiscal_year", Integer, nullable=False),
    Column("field", Text, nullable=False),
    Column("old", Text, nullable=False),
    Column("new", Text, nullable=False),
    Column("by", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),
    Column("origin", String(12), nullable=False),
    Index("ix_corrections_agreement", "agreement_id"),
    Index("ix_corrections_unit_year", "unit_key", "fiscal_year"),
)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config without an ini file: the scripts ship inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    """Bring the schema to the newest revision inside the caller's transaction.

    The caller holds the store's write lock (SQLite `BEGIN IMMEDIATE`; PostgreSQL an advisory
    lock taken here), so two processes opening a new store at once do not both create tables.
    """
    from alembic import command

    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(7158032566)"))
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(connection)
    if current is not None:
        try:
            script.get_revision(current)
        except (CommandError, RevisionError) as exc:
            raise StoreError("store.newer_schema", revision=current) from exc
    if current == script.get_current_head():
        return
    command.upgrade(alembic_config(connection), "head")
