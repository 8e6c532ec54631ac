"""API tokens: each one lets a bearer reach one person's data. Only a SHA-256 hash is stored.

Owns: the api_token table (its own MetaData, referring to the store's person table), issuing,
checking and revoking tokens. Never: store or log a token itself; tokens are 256 random bits, so a
plain SHA-256 is enough (a slow hash guards guessable passwords, not random secrets).

The store's migration 0003 creates the table; `ensure_table` remains for a database that an older
process opened before that migration existed.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pregback.store.models import Person, UTCDateTime, utcnow

#: A token: this prefix, then 43 URL-safe characters (32 random bytes).
PREFIX = "pbk_"
metadata = MetaData()
#: Only the person's primary key, so that the foreign key below can name it.
_person = Table("person", metadata, Column("id", Integer, primary_key=True))
api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "person_id",
        Integer,
        ForeignKey("person.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(80), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
)


@dataclass(frozen=True)
class Issued:
    token: str  # shown once, never stored
    person_uid: str
    person_name: str


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def ensure_table(engine: Engine) -> None:
    """Create api_token if missing. Safe when several workers start at once: PostgreSQL holds the
    store's migration lock, SQLite's BEGIN IMMEDIATE lets one writer in at a time."""
    if inspect(engine).has_table("api_token"):
        return
    from pregback.store.db import MIGRATION_LOCK

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        metadata.create_all(conn, tables=[api_token], checkfirst=True)


def issue(session: Session, person: Person, label: str = "") -> str:
    """A new token for this person; the caller shows it once."""
    token = PREFIX + secrets.token_urlsafe(32)
    session.execute(
        api_token.insert().values(
            person_id=person.id, token_hash=digest(token), label=label[:80], created_at=utcnow()
        )
    )
    return token


def new_person(session: Session, label: str = "") -> Issued:
    """A new person with no name of hers (an opaque one), and a token for her."""
    person = Person(name=f"api-{uuid.uuid4().hex[:24]}")
    session.add(person)
    session.flush()
    return Issued(issue(session, person, label), person.uid, person.name)


def person_for(session: Session, token: str) -> Person | None:
    """The person this token reaches; None for an unknown token."""
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    row = session.execute(
        select(api_token.c.person_id).where(api_token.c.token_hash == digest(token))
    ).first()
    if row is None:
        return None
    return session.get(Person, row[0])


def revoke_all(session: Session, person_id: int) -> int:
    result = session.execute(delete(api_token).where(api_token.c.person_id == person_id))
    return int(getattr(result, "rowcount", 0) or 0)
