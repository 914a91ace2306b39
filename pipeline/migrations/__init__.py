"""Alembic migrations of the thaikpi store (run by `pipeline.store_schema.upgrade` on open)."""
