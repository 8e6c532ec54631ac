"""Where her data lives and how pregback connects to it: the URL, the engine, migrations on start.

Owns: choosing the URL (--db, PREGBACK_DATABASE_URL, the user data directory), SQLite settings (WAL,
foreign keys, secure delete, one writer at a time) and applying Alembic migrations. Never: echoing
SQL or anything she wrote to a log; creating a database only to look into it (see `exists`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.orm import Session, sessionmaker

from pregback.errors import PregbackError, Problem

ENV = "PREGBACK_DATABASE_URL"
#: The newest migration in store/migrations/versions; a test checks that it is Alembic's head.
HEAD = "0005"
MIGRATIONS = Path(__file__).parent / "migrations"
#: How long a writer waits for another one to finish before giving up (SQLite busy timeout).
BUSY_TIMEOUT_MS = 30_000
#: Any fixed number: the PostgreSQL advisory lock that lets one process at a time migrate.
MIGRATION_LOCK = 72_514_311


class StoreError(PregbackError):
    code = "store_error"


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("pregback", appauthor=False)) / "pregback.db"


def resolve_url(db: str | None = None) -> str:
    """The database URL: --db, else PREGBACK_DATABASE_URL, else the SQLite file in her data folder.

    A plain path (no "://") means a SQLite file; postgresql:// means psycopg 3.
    """
    raw = (db or os.environ.get(ENV) or "").strip()
    if not raw:
        return f"sqlite:///{default_path()}"
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().resolve()}"
    if raw.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except Exception:  # SQLAlchemy raises ArgumentError with the URL in it
        raise StoreError(
            Problem(
                "database",
                "(hidden)",
                "a SQLAlchemy URL such as sqlite:///path/to/file.db or "
                "postgresql+psycopg://user:password@host/db, or a file path",
                "is not a database URL",
            )
        ) from None


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and for in-memory SQLite."""
    u = _parse(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def describe(url: str) -> str:
    """The URL with any password hidden, for showing to her."""
    return _parse(url).render_as_string(hide_password=True)


def exists(url: str) -> bool:
    """Whether there is a database to read: a SQLite file that exists, or any server database."""
    path = sqlite_path(url)
    return path is None or path.exists()


def _prepare_file(path: Path) -> None:
    """Create her data folder (owner only) and the database file (owner read/write only)."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def make_engine(url: str) -> Engine:
    u = _parse(url)
    kwargs: dict[str, Any] = {"echo": False, "hide_parameters": True}
    try:
        if u.get_backend_name() == "sqlite":
            path = sqlite_path(url)
            if path is not None:
                _prepare_file(path)
            engine = create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
            _sqlite_settings(engine)
            return engine
        return create_engine(u, pool_pre_ping=True, **kwargs)
    except ImportError as exc:  # the driver is not installed
        from pregback.extras import missing_message

        if u.get_backend_name() == "postgresql":
            message = missing_message("postgres", "a PostgreSQL database")
        else:
            message = f"the driver for this database is not installed ({exc.name or exc})"
        raise StoreError(Problem("", None, "", message)) from None
    except (NoSuchModuleError, ArgumentError):
        raise StoreError(
            Problem(
                "database",
                describe(url),
                "sqlite:///path/to/file.db or " "postgresql+psycopg://user:password@host/db",
                "is not a database pregback can use",
            )
        ) from None


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # the driver's own BEGIN is replaced by ours below
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _wal(cur)
        cur.execute("PRAGMA synchronous=FULL")  # a committed entry survives a crash or power cut
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA secure_delete=ON")  # deleted text is overwritten, not left in the file
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Take the write lock at the start: a read that later writes can never hit SQLITE_BUSY
        # half-way; other writers wait (busy timeout) instead of failing.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _wal(cur: Any) -> None:
    """Switch a new database to WAL. Two first starts at once: the switch needs the file to itself,
    and SQLite answers "database is locked" at once, without its busy handler (it would deadlock),
    while the other process holds it; so wait and try again, up to the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at; None for an empty database."""
    with engine.connect() as conn:
        try:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        except (OperationalError, ProgrammingError):
            conn.rollback()
            return None
    return None if row is None else str(row[0])


def alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (default: the newest). Safe when several processes start at once."""
    if revision == "head" and current_revision(engine) == HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    with _migrating(engine) as conn:  # SQLite: BEGIN IMMEDIATE; PostgreSQL: the advisory lock
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        cfg = alembic_config(conn)
        at = (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if _has_version(conn)
            else None
        )
        known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
        if at is not None and at not in known:
            raise StoreError(
                Problem(
                    "database",
                    describe(str(engine.url)),
                    f"a database written by this pregback (schema {HEAD} or older)",
                    f"has schema {at}, newer than this pregback knows; upgrade pregback",
                )
            )
        try:
            command.upgrade(cfg, revision)
        except CommandError as exc:
            raise StoreError(str(exc)) from None


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with _migrating(engine) as conn:
        command.downgrade(alembic_config(conn), revision)


@contextmanager
def _migrating(engine: Engine) -> Iterator[Any]:
    """One transaction for migrations. On SQLite, foreign keys are off while it runs: a batch
    migration copies a table, drops it and renames the copy, and dropping a parent table (person)
    with foreign keys on would delete every row that refers to it (ON DELETE CASCADE). Before it
    commits, every reference is checked; a broken one rolls it all back."""
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:  # outside any transaction, where SQLite honours it (the raw connection)
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                yield conn
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError("the migration would leave a record that refers to nothing")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def _has_version(conn: Any) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(conn).has_table("alembic_version"))


@dataclass
class Store:
    """An open database: the engine and a session factory. Use `with store.session() as s:`."""

    url: str
    engine: Engine
    factory: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back (changing nothing) on error."""
        with self.factory() as s, s.begin():
            yield s

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def compact(self) -> None:
        """Rewrite the database so that deleted rows leave no trace in its files (after an erase)."""
        if self.dialect == "sqlite":
            raw = self.engine.raw_connection()
            try:
                cur = raw.cursor()
                cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cur.execute("VACUUM")
                cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cur.close()
            finally:
                raw.close()
        elif self.dialect == "postgresql":
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(
                    text("VACUUM FULL person, diary_entry, episode, assessment, web_session")
                )

    def close(self) -> None:
        self.engine.dispose()


def open_store(db: str | None = None, *, upgrade: bool = True) -> Store:
    """Open (creating if needed) the database and apply any pending migration."""
    url = resolve_url(db)
    engine = make_engine(url)
    try:
        if upgrade:
            migrate(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(
            Problem(
                "database",
                describe(url),
                "a database pregback can open and write",
                f"cannot be used: {type(exc.orig).__name__}: {str(exc.orig).splitlines()[0] if exc.orig else exc}",
            )
        ) from None
    except BaseException:
        engine.dispose()
        raise
    return Store(url, engine, sessionmaker(engine, expire_on_commit=False))
