"""Initial store: agreements (one row per stored PDF) and kpis (one row per KPI).

Revision ID: 0001
Revises:
Create Date: 2024-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.String(12), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("parent_organization", sa.Text, nullable=True),
        sa.Column("unit_key", sa.Text, nullable=False),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.UniqueConstraint("sha256", name="uq_agreements_sha256"),
        sa.UniqueConstraint("unit_key", "fiscal_year", "version", name="uq_agreements_unit_year_version"),
    )
    op.create_index("ix_agreements_year_org", "agreements", ["fiscal_year", "organization"])
    op.create_index(
        "uq_agreements_one_current",
        "agreements",
        ["unit_key", "fiscal_year"],
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    op.create_table(
        "kpis",
        sa.Column(
            "agreement_id",
            sa.String(12),
            sa.ForeignKey("agreements.id", ondelete="CASCADE", name="fk_kpis_agreement"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=True),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("status", sa.String(16), nullable=True),
        sa.Column("scoring", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text, nullable=True),
        sa.Column("target_value", sa.Float, nullable=True),
        sa.Column("target_text", sa.Text, nullable=True),
        sa.Column("deduction_points", sa.Float, nullable=True),
        sa.Column("criteria", sa.Text, nullable=False),
        sa.Column("pages", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("kpis")
    op.drop_index("uq_agreements_one_current", table_name="agreements")
    op.drop_index("ix_agreements_year_org", table_name="agreements")
    op.drop_table("agreements")
