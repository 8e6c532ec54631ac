"""The ways to read and change her data: profiles, diary entries, timed waves, saved assessments.

Owns: checking every write before it is made (entries through store.entries, profiles through
store.profile, waves through store.waves; a bad value, an overlapping or negative wave, or an
unknown id raise a PregbackError naming the field, and nothing changes), and holding her row so
that a write and an erase of her data happen one after the other.
Never: committing (the caller's `store.session()` does), printing, or logging what she wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pregback.core.history import PainDay, PainPoint, local_day
from pregback.errors import Problem
from pregback.knowledge import KnowledgeBase, default_knowledge
from pregback.store import waves
from pregback.store.entries import (
    DEFAULT_PERSON,
    ENTRY_FIELDS,
    EntryError,
    NotFoundError,
    check_entry,
    parse_day,
    parse_moment,
    text_fault,
    valid_id,
)
from pregback.store.models import (
    AssessmentRecord,
    DiaryEntry,
    Episode,
    Person,
    ProfileFact,
    UTCDateTime,
    utcnow,
)
from pregback.store.profile import check_changes, facts_today, remember
from pregback.store.waves import WaveConflict

__all__ = [
    "DEFAULT_PERSON",
    "EntryError",
    "NotFoundError",
    "Repository",
    "WaveConflict",
    "parse_day",
    "parse_moment",
]


def _utc(value: datetime | str) -> datetime:
    """A moment as the driver returns it (SQLite: text in UTC; PostgreSQL: with its zone), with a zone."""
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value  # any zone: the same moment


class Repository:
    """Her data through one session. Every write checks first and raises before changing anything."""

    def __init__(self, session: Session, kb: KnowledgeBase | None = None) -> None:
        self.s = session
        self.kb = kb or default_knowledge()

    # ------------------------------------------------------------------ people
    def person(self, name: str = DEFAULT_PERSON) -> Person | None:
        if text_fault(name):
            return None  # no name that a database can keep is like this one
        return self.s.scalars(select(Person).where(Person.name == name)).first()

    def require_person(self, name: str = DEFAULT_PERSON) -> Person:
        found = self.person(name)
        if found is None:
            raise NotFoundError(
                Problem(
                    "person",
                    name,
                    "the name of someone with a profile or a diary",
                    "has no profile or diary yet",
                )
            )
        return found

    def ensure_person(self, name: str = DEFAULT_PERSON) -> Person:
        found = self.person(name)
        if found is not None:
            return found
        if not name.strip() or len(name) > 80 or text_fault(name):
            raise EntryError(
                Problem("person", name, "a name of 1 to 80 characters", text_fault(name))
            )
        try:
            with self.s.begin_nested():  # another process may create her profile at the same moment
                person = Person(name=name)
                self.s.add(person)
        except IntegrityError:
            return self.require_person(name)
        return person

    def hold(self, person: Person) -> bool:
        """Hold her row until the transaction ends, so that this transaction and an erase of her
        data, or another writer of her waves, happen one after the other (PostgreSQL; SQLite's
        BEGIN IMMEDIATE already lets one writer in at a time). False when she is gone: her data
        was erased since she was read."""
        if self.s.get_bind().dialect.name != "postgresql":
            return True
        held = self.s.execute(select(Person.id).where(Person.id == person.id).with_for_update())
        return held.first() is not None

    def set_profile(
        self, name: str = DEFAULT_PERSON, *, today: date | None = None, **changes: Any
    ) -> Person:
        """Set her due_date and her risk facts (each fact id, or `facts` as a mapping): yes / no /
        not sure, true / false / null, present / absent; nothing changes when any is wrong."""
        values, facts = check_changes(self, changes, today or date.today())
        person = self.ensure_person(name)
        for key, value in values.items():
            setattr(person, key, value)
        remember(self, person, facts)
        self.s.flush()
        return person

    def facts(self, person: Person, today: date | None = None) -> dict[str, str]:
        """Her risk facts that hold today, as findings symptoms (id -> present or absent)."""
        return facts_today(self, person, today or date.today())

    # ------------------------------------------------------------------ diary
    def add_entry(
        self, person: Person, fields: Mapping[str, Any], now: datetime | None = None
    ) -> DiaryEntry:
        checked = check_entry(self.kb, fields, now or datetime.now(UTC))
        entry = DiaryEntry(person_id=person.id, day=local_day(checked["at"]), **checked)
        self.s.add(entry)
        self.s.flush()
        return entry

    def entry(self, person: Person, entry_id: int) -> DiaryEntry:
        found = self.s.get(DiaryEntry, entry_id) if valid_id(entry_id) else None
        if found is None or found.person_id != person.id:
            count = self.s.scalar(
                select(func.count())
                .select_from(DiaryEntry)
                .where(DiaryEntry.person_id == person.id)
            )
            raise NotFoundError(
                Problem(
                    "id",
                    entry_id,
                    f"the id of one of your {count} diary entries",
                    "is not one of your diary entries",
                )
            )
        return found

    def entries(
        self,
        person: Person,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[DiaryEntry]:
        q = select(DiaryEntry).where(DiaryEntry.person_id == person.id)
        if since is not None:
            q = q.where(DiaryEntry.at >= since)
        if until is not None:
            q = q.where(DiaryEntry.at <= until)
        order = (
            (DiaryEntry.at.desc(), DiaryEntry.id.desc())
            if newest_first
            else (DiaryEntry.at, DiaryEntry.id)
        )
        return list(self.s.scalars(q.order_by(*order).limit(limit)))

    def pain_points(self, person: Person, since: datetime | None = None) -> list[PainPoint]:
        """Every entry's moment and pain, in time order (for charts); the places and symptoms of the
        latest only. Read as plain rows: a year of diary is fast."""
        sql = "SELECT at, pain FROM diary_entry WHERE person_id = :person"
        params: dict[str, Any] = {"person": person.id}
        if since is not None:
            sql += " AND at >= :since"
            params["since"] = since
        stmt = text(sql + " ORDER BY at, id")
        if since is not None:
            stmt = stmt.bindparams(bindparam("since", type_=UTCDateTime()))
        rows = self.s.execute(stmt, params).all()  # one fetch, not one a row
        points = [PainPoint(_utc(r[0]), int(r[1])) for r in rows]
        last = self.latest_point(person)
        if points and last is not None:
            points[-1] = last
        return points

    def pain_days(self, person: Person, since: datetime | None = None) -> list[PainDay]:
        """The diary a day at a time, oldest first: each day's worst pain and first entry (one row a
        day, grouped by the database)."""
        sql = "SELECT day, MAX(pain), MIN(at) FROM diary_entry WHERE person_id = :person"
        params: dict[str, Any] = {"person": person.id}
        if since is not None:
            sql += " AND day >= :since"
            params["since"] = local_day(since)
        rows = self.s.execute(text(sql + " GROUP BY day ORDER BY day"), params).all()
        return [PainDay(int(r[0]), int(r[1]), _utc(r[2])) for r in rows]

    def latest_point(self, person: Person) -> PainPoint | None:
        """Her latest entry, with its places and symptoms."""
        last = self.s.execute(
            select(DiaryEntry.at, DiaryEntry.pain, DiaryEntry.locations, DiaryEntry.symptoms)
            .where(DiaryEntry.person_id == person.id)
            .order_by(DiaryEntry.at.desc(), DiaryEntry.id.desc())
            .limit(1)
        ).first()
        return (
            None
            if last is None
            else PainPoint(
                last.at, last.pain, tuple(last.locations or ()), tuple(last.symptoms or ())
            )
        )

    def edit_entry(
        self, person: Person, entry_id: int, changes: Mapping[str, Any], now: datetime | None = None
    ) -> DiaryEntry:
        entry = self.entry(person, entry_id)
        if not changes:
            raise EntryError(
                Problem(
                    "changes",
                    None,
                    f"at least one of {', '.join(ENTRY_FIELDS)}",
                    "nothing to change",
                )
            )
        for key, value in check_entry(
            self.kb, changes, now or datetime.now(UTC), partial=True
        ).items():
            setattr(entry, key, value)
            if key == "at":
                entry.day = local_day(value)
        self.s.flush()
        return entry

    def delete_entry(self, person: Person, entry_id: int) -> None:
        self.s.delete(self.entry(person, entry_id))
        self.s.flush()

    def erase_person(self, person: Person) -> dict[str, int]:
        """Delete her profile and everything she recorded; returns how many of each were deleted."""
        counts = {}
        for model, key in (
            (DiaryEntry, "entries"),
            (Episode, "episodes"),
            (AssessmentRecord, "assessments"),
        ):
            result = self.s.execute(delete(model).where(model.person_id == person.id))
            counts[key] = int(result.rowcount or 0)  # type: ignore[attr-defined]
        # Her risk facts are part of her profile (counted as "profile" by the callers).
        self.s.execute(delete(ProfileFact).where(ProfileFact.person_id == person.id))
        self.s.execute(delete(Person).where(Person.id == person.id))
        self.s.expunge_all()
        return counts

    # ------------------------------------------------------------------ timed waves
    # (store.waves checks each wave before it is written)

    def open_wave(self, person: Person) -> Episode | None:
        return waves.open_wave(self, person)

    def start_wave(self, person: Person, at: datetime) -> Episode:
        return waves.start(self, person, at)

    def end_wave(self, person: Person, at: datetime) -> Episode:
        return waves.end(self, person, at)

    def add_episode(
        self, person: Person, start: Any, end: Any, now: datetime | None = None
    ) -> Episode:
        """Record a finished wave (from an import or by hand), checked like labour.parse_episodes."""
        return waves.add(self, person, start, end, now)

    def episodes(
        self, person: Person, since: datetime | None = None, closed_only: bool = True
    ) -> list[Episode]:
        return waves.listed(self, person, since, closed_only)

    def delete_episode(self, person: Person, episode_id: int) -> None:
        waves.delete(self, person, episode_id)

    # ------------------------------------------------------------------ assessments
    def save_assessment(
        self, person: Person, inputs: Mapping[str, Any], result: Mapping[str, Any]
    ) -> AssessmentRecord:
        from pregback import __version__

        record = AssessmentRecord(
            person_id=person.id,
            at=utcnow(),
            inputs=dict(inputs),
            result=dict(result),
            urgency=str(result["urgency"]),
            knowledge_version=str(result["knowledge_version"]),
            pregback_version=__version__,
        )
        self.s.add(record)
        self.s.flush()
        return record

    def latest_assessment(self, person: Person) -> AssessmentRecord | None:
        q = select(AssessmentRecord).where(AssessmentRecord.person_id == person.id)
        return self.s.scalars(
            q.order_by(AssessmentRecord.at.desc(), AssessmentRecord.id.desc()).limit(1)
        ).first()
