"""The database itself: migrations from empty, the schema matching the models, SQLite's safety
settings, where the data lives and who can read the file. Runs over SQLite and PostgreSQL."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from pregback.store.db import (
    HEAD,
    StoreError,
    current_revision,
    default_path,
    downgrade,
    make_engine,
    migrate,
    open_store,
    resolve_url,
)
from pregback.store.repository import Repository

TABLES = {"person", "diary_entry", "episode", "assessment", "alembic_version"}


def test_migrations_build_the_schema_from_an_empty_database(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) is None
        assert not TABLES & set(inspect(engine).get_table_names())
        migrate(engine)
        assert current_revision(engine) == HEAD
        assert set(inspect(engine).get_table_names()) >= TABLES
        migrate(engine)  # a second start changes nothing
        assert current_revision(engine) == HEAD
    finally:
        engine.dispose()


def test_the_migrated_schema_is_exactly_the_models(store: object) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pregback.store.models import Base

    with store.engine.connect() as conn:  # type: ignore[attr-defined]
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []


def test_downgrade_to_empty_and_back_keeps_working(db_url: str) -> None:
    store = open_store(db_url)
    try:
        downgrade(store.engine, "base")
        assert not {"person", "diary_entry"} & set(inspect(store.engine).get_table_names())
        migrate(store.engine)
        with store.session() as s:
            repo = Repository(s)
            repo.add_entry(repo.ensure_person(), {"pain": 3})
        with store.session() as s:
            assert len(Repository(s).entries(Repository(s).require_person())) == 1
    finally:
        store.close()


def test_upgrading_a_diary_written_by_the_first_schema_keeps_every_entry(db_url: str) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import Column, Integer, MetaData, String, Table, Text

    from pregback.core.history import local_day
    from pregback.store.models import JSONType, UTCDateTime

    engine = make_engine(db_url)
    migrate(engine, "0001")
    old = MetaData()
    person = Table(
        "person",
        old,
        Column("id", Integer),
        Column("uid", String),
        Column("name", String),
        Column("created_at", UTCDateTime()),
        Column("updated_at", UTCDateTime()),
    )
    entry = Table(
        "diary_entry",
        old,
        Column("person_id", Integer),
        Column("at", UTCDateTime()),
        Column("pain", Integer),
        Column("locations", JSONType),
        Column("symptoms", JSONType),
        Column("helped", JSONType),
        Column("notes", Text),
        Column("created_at", UTCDateTime()),
        Column("updated_at", UTCDateTime()),
    )
    now = datetime.now(UTC)
    moments = [now - timedelta(days=d, hours=h) for d in range(3) for h in (1, 13)]
    with engine.begin() as conn:
        conn.execute(
            person.insert(),
            {"id": 1, "uid": "u-1", "name": "me", "created_at": now, "updated_at": now},
        )
        conn.execute(
            entry.insert(),
            [
                {
                    "person_id": 1,
                    "at": m,
                    "pain": i,
                    "locations": ["flank"],
                    "symptoms": [],
                    "helped": [],
                    "notes": f"n{i}",
                    "created_at": now,
                    "updated_at": now,
                }
                for i, m in enumerate(moments)
            ],
        )
    migrate(engine)
    assert current_revision(engine) == HEAD
    engine.dispose()
    store = open_store(db_url)
    try:
        with store.session() as s:
            repo = Repository(s)
            me = repo.require_person()
            entries = repo.entries(me)
            assert sorted(e.notes for e in entries) == [f"n{i}" for i in range(6)]
            assert all(e.day == local_day(e.at) for e in entries)
            days = repo.pain_days(me)
            assert [d.day for d in days] == sorted({local_day(m) for m in moments})
            assert sum(1 for _ in days) <= 4
    finally:
        store.close()


def test_a_database_from_a_newer_pregback_is_refused_clearly(db_url: str) -> None:
    store = open_store(db_url)
    with store.engine.connect() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        conn.commit()
    store.close()
    with pytest.raises(StoreError, match="newer than this pregback knows"):
        open_store(db_url)


def test_erasing_a_person_cascades_to_everything_she_recorded(store: object) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    with store.session() as s:  # type: ignore[attr-defined]
        repo = Repository(s)
        me = repo.ensure_person()
        repo.add_entry(me, {"pain": 4})
        repo.add_episode(me, now - timedelta(minutes=5), now - timedelta(minutes=4))
        repo.save_assessment(me, {"given": {}}, {"urgency": "self_care", "knowledge_version": "x"})
    # Deleting the person row alone (as a database tool would) must not leave orphans behind.
    with store.engine.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text("DELETE FROM person"))
        conn.commit()
        for table in ("diary_entry", "episode", "assessment"):
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_secure_delete(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "p.db"))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        store.close()


def test_only_she_can_read_the_database_file(tmp_path: Path) -> None:
    path = tmp_path / "private" / "pregback.db"
    open_store(str(path)).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_url_comes_from_the_option_then_the_environment_then_her_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PREGBACK_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'pregback' / 'pregback.db'}"
    assert default_path() == tmp_path / "data" / "pregback" / "pregback.db"
    monkeypatch.setenv("PREGBACK_DATABASE_URL", "postgresql://u:p@db.example/pregback")
    assert resolve_url(None) == "postgresql+psycopg://u:p@db.example/pregback"
    assert resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"


def test_a_bad_url_is_a_clear_error_that_hides_the_password() -> None:
    with pytest.raises(StoreError) as err:
        open_store("postgresql+psycopg://someone:s3cret@127.0.0.1:1/none")
    assert "cannot be used" in str(err.value)
    assert "s3cret" not in str(err.value)
    with pytest.raises(StoreError, match="is not a database pregback can use"):
        open_store("nonsense://")


def test_asking_for_her_context_never_creates_a_database(tmp_path: Path) -> None:
    from pregback.services.assess import assessment_context

    path = tmp_path / "none.db"
    assert assessment_context(str(path)) is None
    assert not path.exists()
