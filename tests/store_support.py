"""Fixtures for the store tests, loaded with `pytest_plugins = ["store_support"]`: the same tests run
over SQLite and over a real PostgreSQL (PREGBACK_TEST_POSTGRES_URL; each test gets its own schema).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

PG_ENV = "PREGBACK_TEST_POSTGRES_URL"
PG_SKIP = (
    f"{PG_ENV} is not set: start a server with scripts/postgres-start and export "
    f"{PG_ENV}=postgresql+psycopg://pregback:pregback@127.0.0.1:5432/pregback_test"
)


def pg_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres" and not pg_base_url():
        pytest.skip(PG_SKIP)
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'pregback.db'}"
        return
    from sqlalchemy import create_engine, text

    base = pg_base_url()
    assert base is not None
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[object]:
    from pregback.store.db import open_store

    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


def ago(**kwargs: float) -> datetime:
    """A moment before now (entries may not be in the future)."""
    return datetime.now(UTC) - timedelta(**kwargs)
