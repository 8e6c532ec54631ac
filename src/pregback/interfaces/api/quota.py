"""Per-person storage quotas: how many diary entries, timed waves and saved assessments one person
may keep, so that one person (or one stolen token) cannot fill the database for everyone.

Owns: counting her records of a kind and the 413 answer when a new one would pass the quota.
Never: delete anything of hers to make room, or count another person's records.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pregback.interfaces.api.problems import ApiProblem, entry
from pregback.interfaces.api.settings import Settings
from pregback.store.models import AssessmentRecord, DiaryEntry, Episode

#: kind -> (table, the setting that limits it, what she calls them, the setting's variable)
KINDS: dict[str, tuple[Any, str, str, str]] = {
    "entries": (DiaryEntry, "quota_entries", "diary entries", "PREGBACK_QUOTA_ENTRIES"),
    "waves": (Episode, "quota_waves", "timed waves", "PREGBACK_QUOTA_WAVES"),
    "assessments": (
        AssessmentRecord,
        "quota_assessments",
        "saved assessments",
        "PREGBACK_QUOTA_ASSESSMENTS",
    ),
}


def limit(settings: Settings, kind: str) -> int:
    value: int = getattr(settings, KINDS[kind][1])
    return value


def count(session: Session, person_id: int, kind: str) -> int:
    model = KINDS[kind][0]
    found = session.scalar(
        select(func.count()).select_from(model).where(model.person_id == person_id)
    )
    return int(found or 0)


def has_room(session: Session, person_id: int, kind: str, settings: Settings) -> bool:
    return count(session, person_id, kind) < limit(settings, kind)


def ensure_room(session: Session, person_id: int, kind: str, settings: Settings) -> None:
    """413 `quota_exceeded` when she already keeps as many records of `kind` as allowed."""
    most = limit(settings, kind)
    have = count(session, person_id, kind)
    if have >= most:
        _, _, words, variable = KINDS[kind]
        raise ApiProblem(
            "quota_exceeded",
            f"This diary keeps at most {most} {words} and has {have}; delete some to add more "
            f"(the service's {variable}).",
            [entry(kind, "is full", have, f"at most {most} {words}")],
        )
