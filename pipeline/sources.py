"""Resolving an AGREEMENT argument (a PDF, a record JSON, or a stored id) to an `Agreement`.

Every command that takes an agreement resolves it here, so "what can I pass as AGREEMENT"
has one answer.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from pipeline.errors import InputError, StoreError
from pipeline.models import Agreement


def load_agreement(ref: str, db: str | None = None) -> Agreement:
    """The agreement ``ref`` names: a ``.pdf`` (extracted now), a record ``.json``, or the id of a
    stored agreement (its first 12 sha256 hex digits, or any unambiguous prefix of 4+)."""
    path = Path(ref)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _load_record(path)
    if suffix == ".pdf":
        from pipeline.extract import extract_file  # extraction pulls in heavy PDF libraries

        if not path.is_file():
            raise InputError("input.no_file", file=ref)
        return extract_file(path)
    return _load_stored(ref, db)


def _load_stored(ref: str, db: str | None) -> Agreement:
    """A stored agreement by id (or sha256 prefix); never creates a store as a side effect."""
    from pipeline.store import NoStoreError, Store  # SQLAlchemy only for commands that use the store

    try:
        store = Store.open(db, create=False)
    except NoStoreError as exc:
        raise StoreError("store.no_id_no_store", id=ref, where=exc.file) from None
    with store:
        return store.get(ref).agreement()


def _load_record(path: Path) -> Agreement:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("input.no_file", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("input.cannot_read", file=str(path), why=str(exc)) from None
    except json.JSONDecodeError as exc:
        raise InputError("input.bad_json", file=str(path), line=exc.lineno, column=exc.colno) from None
    try:
        return Agreement.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise InputError("input.not_record", file=str(path), where=where, detail=first["msg"]) from None
