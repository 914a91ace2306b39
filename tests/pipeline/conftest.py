"""Fixtures shared by the tests of tests/pipeline."""

from __future__ import annotations

# The store tests' fixtures: `store_url` runs a test on SQLite and on a throwaway PostgreSQL server.
import pytest

from pipeline.models import Agreement
from tests.conftest import truth_record
from tests.pipeline.store_helpers import pg_server, pg_url, store_url  # noqa: F401


@pytest.fixture(scope="module")
def d01() -> Agreement:
    """The exact record of samples/d01_mdb_2566.pdf (its truth file)."""
    return truth_record("d01_mdb_2566")


@pytest.fixture(scope="module")
def d02() -> Agreement:
    return truth_record("d02_mdb_2567")
