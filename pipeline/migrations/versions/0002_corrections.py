"""Corrections: one row per person's fix of one field, per version it applies to.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-15

The stored records are not touched: a store written before corrections existed simply has none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "agreement_id",
            sa.String(12),
            sa.ForeignKey("agreements.id", ondelete="CASCADE", name="fk_corrections_agreement"),
            nullable=False,
        ),
        sa.Column("unit_key", sa.Text, nullable=False),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
        sa.Column("field", sa.Text, nullable=False),
        sa.Column("old", sa.Text, nullable=False),
        sa.Column("new", sa.Text, nullable=False),
        sa.Column("by", sa.Text, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(12), nullable=False),
    )
    op.create_index("ix_corrections_agreement", "corrections", ["agreement_id"])
    op.create_index("ix_corrections_unit_year", "corrections", ["unit_key", "fiscal_year"])


def downgrade() -> None:
    op.drop_index("ix_corrections_unit_year", table_name="corrections")
    op.drop_index("ix_corrections_agreement", table_name="corrections")
    op.drop_table("corrections")
