"""Her profile in the store: the due date and her risk facts, read and changed through one session.

Owns: checking every profile change before it is made (a ProfileError or EntryError names the
field, the value and what is allowed, and nothing changes), and keeping each fact as one row
(present or absent; "not sure" removes it). Never: committing (the caller's session does), or
deciding which findings are profile facts (findings.yaml does).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pregback.core.history import gestation
from pregback.core.profile import Fact, ProfileError, check_fact, fact_ids, in_force
from pregback.errors import PregbackError, Problem
from pregback.knowledge import KnowledgeBase
from pregback.store.entries import EntryError, parse_day
from pregback.store.models import Person, ProfileFact


class Repo(Protocol):
    """What these functions use of the store's Repository (which calls them): its session and its
    knowledge base. A protocol, so that this module never imports the repository."""

    @property
    def s(self) -> Session: ...

    @property
    def kb(self) -> KnowledgeBase: ...


def saved_facts(repo: Repo, person: Person) -> dict[str, Fact]:
    """Every fact saved for her, as it was saved (expired ones too)."""
    rows = repo.s.execute(
        select(ProfileFact.fact, ProfileFact.value, ProfileFact.since).where(
            ProfileFact.person_id == person.id
        )
    ).all()
    return {r.fact: Fact(r.value, r.since) for r in rows}


def facts_today(repo: Repo, person: Person, today: date) -> dict[str, str]:
    """Her facts that hold today, as findings symptoms (id -> present or absent)."""
    return in_force(repo.kb, saved_facts(repo, person), today)


def remember(repo: Repo, person: Person, facts: Mapping[str, Fact | None]) -> None:
    """Save these answers (None: forget the fact). The facts were checked by the caller."""
    if not facts:
        return
    rows = {
        row.fact: row
        for row in repo.s.scalars(select(ProfileFact).where(ProfileFact.person_id == person.id))
    }
    for fid, fact in facts.items():
        row = rows.get(fid)
        if fact is None:
            if row is not None:
                repo.s.execute(delete(ProfileFact).where(ProfileFact.id == row.id))
        elif row is None:
            repo.s.add(
                ProfileFact(person_id=person.id, fact=fid, value=fact.value, since=fact.since)
            )
        else:
            row.value, row.since = fact.value, fact.since
    repo.s.flush()


def check_changes(
    repo: Repo, changes: Mapping[str, Any], today: date
) -> tuple[dict[str, Any], dict[str, Fact | None]]:
    """The checked due date and facts of a profile change; raises with every problem at once.

    `changes` may hold due_date, any profile fact id, and `facts` (a mapping of fact ids)."""
    kb = repo.kb
    ids = fact_ids(kb)
    allowed = ", ".join(("due_date", "facts", *ids))
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    answers: dict[str, tuple[str, Any]] = {}
    for key, value in changes.items():
        if key == "due_date":
            continue
        if key == "facts":
            if not isinstance(value, Mapping):
                problems.append(Problem("facts", value, "an object of fact id: answer"))
                continue
            for fid, answer in value.items():
                answers[str(fid)] = (f"facts.{fid}", answer)
        elif key in ids:
            answers[key] = (key, value)
        else:
            problems.append(Problem(key, changes[key], allowed, "is not a profile field"))
    facts: dict[str, Fact | None] = {}
    for fid, (field, answer) in answers.items():
        try:
            facts[fid] = check_fact(kb, fid, answer, today, field)
        except PregbackError as exc:
            problems.extend(exc.problems)
    if changes.get("due_date") is not None:
        try:
            due = parse_day(changes["due_date"], "due_date")
        except EntryError as exc:
            problems.extend(exc.problems)
        else:
            if gestation(due, today) is None:
                problems.append(
                    Problem(
                        "due_date",
                        due.isoformat(),
                        f"a date from {(today - timedelta(days=5 * 7 + 6)).isoformat()} to "
                        f"{(today + timedelta(days=280)).isoformat()}",
                        "is not the due date of a pregnancy going on today",
                    )
                )
            values["due_date"] = due
    if problems:
        raise ProfileError(problems)
    return values, facts


#: The answers the first profile had, kept as true / false / null in its views for the scripts and
#: clients written for it (the same facts are under "facts").
LEGACY = ("first_pregnancy", "previous_preterm_birth", "multiple_pregnancy")


def profile_view(repo: Repo, person: Person, today: date) -> dict[str, Any]:
    """Her profile as the terminal's --json and the API show it: the due date, her week today
    (none after the birth), every fact (present, absent or null for not said) and, for a fact that
    expires, the day it was done."""
    from pregback.core.profile import ends_pregnancy, fact_defs, her_week

    kb = repo.kb
    saved = saved_facts(repo, person)
    facts = in_force(kb, saved, today)
    week = her_week(kb, person.due_date, today, facts)
    since = {
        s.id: saved[s.id].since.isoformat()  # type: ignore[union-attr]
        for s in fact_defs(kb)
        if s.lasts_days and facts.get(s.id) == "present" and saved[s.id].since
    }
    return {
        "person": person.name,
        "due_date": person.due_date.isoformat() if person.due_date else None,
        "week": f"{week[0]}+{week[1]}" if week else None,
        "after_birth": bool(ends_pregnancy(kb, facts)),
        "facts": {s.id: facts.get(s.id) for s in fact_defs(kb)},
        "since": since,
        **{k: None if k not in facts else facts[k] == "present" for k in LEGACY},
    }
