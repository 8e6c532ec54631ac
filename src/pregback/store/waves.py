"""Her timed waves in the store: a wave started and ended as it happens, a finished wave from an
import or typed in, listing and deleting them.

Owns: checking a wave before it is written (a moment from the year 2000 up to now, an end after its
start, one wave going on at a time, no overlap with a wave already kept); each fault raises a
PregbackError naming the field, and nothing changes. Never: committing (the caller's session
does), or reading labour into the waves (core.labour does).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from pregback.errors import EpisodesError, Problem
from pregback.store.entries import EARLIEST, FUTURE_SLACK, NotFoundError, parse_moment, valid_id
from pregback.store.models import Episode, Person


class Repo(Protocol):
    """What these functions use of the store's Repository (which calls them): its session, and
    holding her row while her waves change. A protocol, so that this module never imports it."""

    @property
    def s(self) -> Session: ...

    def hold(self, person: Person) -> bool: ...


class WaveConflict(EpisodesError):
    """A wave that clashes with the waves she already has (one going on, none going on, an
    overlap): the request was well formed, her diary's state refuses it."""

    code = "conflict"


def open_wave(repo: Repo, person: Person) -> Episode | None:
    return repo.s.scalars(
        select(Episode).where(Episode.person_id == person.id, Episode.ended_at.is_(None))
    ).first()


def _overlap_check(
    repo: Repo,
    person: Person,
    start: datetime,
    end: datetime | None,
    field: str,
    skip: int | None = None,
) -> None:
    q = select(Episode).where(
        Episode.person_id == person.id, Episode.ended_at.is_not(None), Episode.ended_at > start
    )
    if end is not None:
        q = q.where(Episode.started_at < end)
    if skip is not None:
        q = q.where(Episode.id != skip)
    clash = repo.s.scalars(q.order_by(Episode.started_at).limit(1)).first()
    if clash is not None:
        assert clash.ended_at is not None
        raise WaveConflict(
            Problem(
                field,
                start.isoformat(),
                f"a time outside the wave of {clash.started_at.isoformat()} to "
                f"{clash.ended_at.isoformat()}",
                "overlaps a wave already recorded",
            )
        )


def _in_range(at: datetime, field: str, now: datetime | None = None) -> None:
    """A wave's moment from the year 2000 up to now (a clock a few minutes fast is fine)."""
    now = now or datetime.now(UTC)
    if at < EARLIEST or at > now + FUTURE_SLACK:
        raise EpisodesError(
            Problem(
                field,
                at.isoformat(),
                f"a moment from {EARLIEST.date().isoformat()} up to now",
                "is too long ago" if at < EARLIEST else "is in the future",
            )
        )


def start(repo: Repo, person: Person, at: datetime) -> Episode:
    _in_range(at, "at")
    repo.hold(person)
    if open_wave(repo, person) is not None:
        raise WaveConflict(
            Problem(
                "start",
                at.isoformat(),
                "a start when no wave is going on",
                "a wave is already going on",
            )
        )
    _overlap_check(repo, person, at, None, "start")
    wave = Episode(person_id=person.id, started_at=at)
    repo.s.add(wave)
    repo.s.flush()
    return wave


def end(repo: Repo, person: Person, at: datetime) -> Episode:
    _in_range(at, "at")
    repo.hold(person)
    wave = open_wave(repo, person)
    if wave is None:
        raise WaveConflict(
            Problem("end", at.isoformat(), "an end while a wave is going on", "no wave is going on")
        )
    if at <= wave.started_at:
        raise WaveConflict(
            Problem(
                "end",
                at.isoformat(),
                f"a time after the start {wave.started_at.isoformat()}",
                "is not after the start",
            )
        )
    wave.ended_at = at
    repo.s.flush()
    return wave


def add(repo: Repo, person: Person, start: Any, end: Any, now: datetime | None = None) -> Episode:
    """Record a finished wave (from an import or by hand), checked like labour.parse_episodes."""
    now = now or datetime.now(UTC)
    a, b = parse_moment(start, "start", now), parse_moment(end, "end", now)
    _in_range(a, "start", now)
    if b <= a:
        raise EpisodesError(
            Problem(
                "end",
                b.isoformat(),
                f"a time after the start {a.isoformat()}",
                "is not after the start",
            )
        )
    if b > now + FUTURE_SLACK:
        raise EpisodesError(Problem("end", b.isoformat(), "a moment up to now", "is in the future"))
    repo.hold(person)
    _overlap_check(repo, person, a, b, "start")
    wave = Episode(person_id=person.id, started_at=a, ended_at=b)
    repo.s.add(wave)
    repo.s.flush()
    return wave


def listed(
    repo: Repo, person: Person, since: datetime | None = None, closed_only: bool = True
) -> list[Episode]:
    q = select(Episode).where(Episode.person_id == person.id)
    if closed_only:
        q = q.where(Episode.ended_at.is_not(None))
    if since is not None:
        q = q.where(Episode.started_at >= since)
    return list(repo.s.scalars(q.order_by(Episode.started_at)))


def delete(repo: Repo, person: Person, episode_id: int) -> None:
    wave = repo.s.get(Episode, episode_id) if valid_id(episode_id) else None
    if wave is None or wave.person_id != person.id:
        raise NotFoundError(
            Problem(
                "id",
                episode_id,
                "the id of one of your timed waves",
                "is not one of your timed waves",
            )
        )
    repo.s.delete(wave)
    repo.s.flush()
