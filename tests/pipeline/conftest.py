"""Fixtures shared by the tests of tests/pipeline."""

from __future__ import annotations

# The store tests' fixtures: `store_url` runs a test on SQLite and on a throwaway PostgreSQL server.
from tests.pipeline.store_helpers import pg_server, pg_url, store_url  # noqa: F401
