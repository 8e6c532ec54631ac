"""The tables of her data: people (profiles and their risk facts), diary entries, timed waves and saved assessments.

Owns: the SQLAlchemy 2 models and the rules the database itself enforces (ranges, one open wave,
cascading erase). Never: a schema change without a migration in store/migrations/versions.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in time: stored in UTC, always read back with its time zone (UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a moment stored by pregback must carry its time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), date: Date()}


class Person(Base):
    """One pregnant person and her profile. `uid` is a stable id for exports (FHIR)."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    name: Mapped[str] = mapped_column(String(80), unique=True)
    due_date: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    entries: Mapped[list[DiaryEntry]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    episodes: Mapped[list[Episode]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    assessments: Mapped[list[AssessmentRecord]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    facts: Mapped[list[ProfileFact]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )


class ProfileFact(Base):
    """One fact of her risk profile (a finding marked `profile: true` in findings.yaml), present or
    absent; a fact she has not said has no row. `since` is the day it applies from: the day it was
    done for a fact that expires (lasts_days), else the day she said it."""

    __tablename__ = "profile_fact"
    __table_args__ = (
        CheckConstraint("value IN ('present', 'absent')", name="present_or_absent"),
        UniqueConstraint("person_id", "fact", name="uq_profile_fact_person_fact"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    fact: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(8))
    since: Mapped[date | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship(back_populates="facts")


class DiaryEntry(Base):
    """What she wrote at one moment: pain 0-10, where, which symptoms, what helped, her notes."""

    __tablename__ = "diary_entry"
    __table_args__ = (
        CheckConstraint("pain >= 0 AND pain <= 10", name="pain_0_10"),
        Index("ix_diary_entry_person_at", "person_id", "at"),
        Index("ix_diary_entry_person_day", "person_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    #: Her calendar day when she wrote it (date.toordinal() in her local time then), so that the
    #: diary can be read a day at a time: history needs one row a day, not one an entry.
    day: Mapped[int] = mapped_column(Integer)
    pain: Mapped[int] = mapped_column(SmallInteger)
    locations: Mapped[list[str]] = mapped_column(JSONType, default=list)
    symptoms: Mapped[list[str]] = mapped_column(JSONType, default=list)
    helped: Mapped[list[str]] = mapped_column(JSONType, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship(back_populates="entries")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "pain": self.pain,
            "locations": list(self.locations),
            "symptoms": list(self.symptoms),
            "helped": list(self.helped),
            "notes": self.notes,
        }


class Episode(Base):
    """One timed wave of pain. `ended_at` is empty while the wave is going on."""

    __tablename__ = "episode"
    __table_args__ = (
        CheckConstraint("ended_at IS NULL OR ended_at > started_at", name="ends_after_start"),
        Index("ix_episode_person_started", "person_id", "started_at"),
        # At most one wave in progress per person, whatever process is timing.
        Index(
            "uq_episode_one_open",
            "person_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship(back_populates="episodes")

    @property
    def seconds(self) -> float | None:
        return None if self.ended_at is None else (self.ended_at - self.started_at).total_seconds()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.started_at.isoformat(),
            "end": None if self.ended_at is None else self.ended_at.isoformat(),
        }


class AssessmentRecord(Base):
    """An assessment as it was given: the inputs, the result and the knowledge base version."""

    __tablename__ = "assessment"
    __table_args__ = (Index("ix_assessment_person_at", "person_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONType)
    result: Mapped[dict[str, Any]] = mapped_column(JSONType)
    urgency: Mapped[str] = mapped_column(String(16))
    knowledge_version: Mapped[str] = mapped_column(String(40))
    pregback_version: Mapped[str] = mapped_column(String(20))

    person: Mapped[Person] = relationship(back_populates="assessments")


class ApiToken(Base):
    """A bearer token of the HTTP API (issue 5): only its SHA-256 hash is kept."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(80), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebSession(Base):
    """A signed-in web session (issue 14): her cookie holds a random secret and this table only
    its SHA-256 hash. It ends at `expires_at`, when she signs out, when she ends it from another
    device, or when her data is erased."""

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: What she sees in the list of her sessions, e.g. "Firefox on Android" (never the full
    #: User-Agent, nor an address).
    label: Mapped[str] = mapped_column(String(80), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
