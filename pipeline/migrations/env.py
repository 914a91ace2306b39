"""Alembic environment for the thaikpi store.

thaikpi runs migrations itself when a store is opened (`pipeline.store_schema.upgrade`), passing
its own connection in `config.attributes["connection"]`. Without one (the alembic command line,
e.g. `revision --autogenerate` for the next schema change) it opens `-x db=URL`, $THAIKPI_DB or
./thaikpi.db.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from pipeline.store_schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from pipeline.store import resolve_url

    db = context.get_x_argument(as_dictionary=True).get("db")
    engine = create_engine(resolve_url(db))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


_main()
