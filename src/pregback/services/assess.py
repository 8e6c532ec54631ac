"""What her saved profile, diary and timer add to an assessment, and saving the result: the one
service `pregback assess`, the API and the web pages call.

Owns: gathering profile findings (her week and her risk facts), diary history and the waves of her
current timing session; recording an assessment with its inputs; remembering the risk facts she
gives in an assessment (asked once). Never: creating a database when she has none, or changing
anything she says now (what she gives wins; the store only fills what is unknown).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pregback.core import profile as facts_of
from pregback.core.history import summarise_days, with_additions

if TYPE_CHECKING:
    from pregback.core.profile import Fact
    from pregback.core.triage import Assessment
    from pregback.knowledge import KnowledgeBase
    from pregback.store.models import AssessmentRecord, Episode, Person
    from pregback.store.repository import Repository

#: Waves of the current timing session: started in this window, with no gap longer than SESSION_GAP.
SESSION_WINDOW = timedelta(hours=3)
#: A pause this long ends a timing session (TRIAGE 12.11: a gap restarts "held").
SESSION_GAP = timedelta(minutes=60)
#: The diary read for history: a year and a bit is more than any run of pain in one pregnancy.
HISTORY_WINDOW = timedelta(days=400)


@dataclass(frozen=True)
class StoreContext:
    """What the store knows about her, ready to merge into findings she gives now."""

    person: str
    additions: tuple[dict[str, Any], ...]  # the profile's findings, then the diary's
    notes: tuple[str, ...]
    episodes: tuple[dict[str, str], ...]  # her current timing session, as {start, end}
    saved: Mapping[str, Fact] = field(default_factory=dict)  # her risk facts as saved
    today: date | None = None  # her calendar day
    ends: tuple[str, ...] = ()  # saved facts that end the pregnancy (given_birth), present
    birth: tuple[str, ...] = ()  # every finding that ends the pregnancy (findings.yaml)
    week_note: str | None = None  # "Week 30+2 from your due date", when the profile gives one

    def findings(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """`given` with the unknowns filled from the profile and then the diary. When she gives a
        week of pregnancy now, a saved "already had the baby" is not used (what she says wins)."""
        profile, _ = facts_of.told_over_profile(self.additions[0], given, self.ends)
        return with_additions(given, profile, *self.additions[1:])

    def overridden(self, given: Mapping[str, Any]) -> bool:
        """She gives a week now and says nothing of the birth, while her profile says she gave birth."""
        return facts_of.told_over_profile(self.additions[0], given, self.ends)[1]

    def notes_for(self, given: Mapping[str, Any]) -> tuple[str, ...]:
        said = given.get("symptoms")
        if isinstance(said, Mapping) and any(said.get(b) == "present" for b in self.birth):
            return tuple(n for n in self.notes if n != self.week_note)  # she says: after the birth
        if not self.overridden(given):
            return self.notes
        return (*(n for n in self.notes if n != facts_of.AFTER_BIRTH_WEEK), WEEK_OVER_BIRTH)


WEEK_OVER_BIRTH = (
    "You gave a week of pregnancy, so your profile's answer that you have already had your baby "
    "was not used. If you are pregnant again, change it in your profile."
)
REMEMBERED = "Kept in your profile, so you will not be asked again: {}."


def session_waves(repo: Repository, person: Person, now: datetime) -> list[Episode]:
    """The finished waves of her current timing session (none when she stopped over an hour ago)."""
    waves = repo.episodes(person, since=now - SESSION_WINDOW)
    if not waves or waves[-1].ended_at is None or now - waves[-1].ended_at > SESSION_GAP:
        return []
    first = len(waves) - 1
    while first > 0 and waves[first].started_at - waves[first - 1].started_at <= SESSION_GAP:
        first -= 1
    return waves[first:]


def context_for(repo: Repository, person: Person, now: datetime) -> StoreContext:
    from pregback.store.profile import saved_facts

    tz = now.astimezone().tzinfo
    local_now = now.astimezone(tz)
    today = local_now.date()
    saved = saved_facts(repo, person)
    facts = facts_of.in_force(repo.kb, saved, today)
    profile, profile_notes = facts_of.profile_findings(repo.kb, person.due_date, today, facts)
    history = summarise_days(
        repo.pain_days(person, since=now - HISTORY_WINDOW), repo.latest_point(person), now
    )
    waves = session_waves(repo, person, now)
    notes = list(profile_notes) + list(history.notes)
    if waves:
        notes.append(
            f"Includes {len(waves)} wave{'' if len(waves) == 1 else 's'} you timed since {waves[0].started_at.astimezone(tz).strftime('%H:%M')}."
        )
    return StoreContext(
        person=person.name,
        additions=(profile, history.additions),
        notes=tuple(notes),
        episodes=tuple(
            {"start": w.started_at.isoformat(), "end": w.ended_at.isoformat()}
            for w in waves
            if w.ended_at is not None
        ),
        saved=saved,
        today=today,
        ends=facts_of.ends_pregnancy(repo.kb, facts),
        birth=tuple(sid for sid, sym in repo.kb.symptoms.items() if sym.ends_pregnancy),
        week_note=next((n for n in profile_notes if n.startswith("Week ")), None),
    )


def assessment_context(
    db: str | None = None, person: str | None = None, now: datetime | None = None
) -> StoreContext | None:
    """Her profile, diary and timing session for an assessment; None when she has no profile.

    Never creates a database: with no SQLite file yet, it returns None at once.
    """
    from pregback.store.db import exists, open_store, resolve_url
    from pregback.store.repository import DEFAULT_PERSON, Repository

    if not exists(resolve_url(db)):
        return None
    store = open_store(db)
    try:
        with store.session() as s:
            repo = Repository(s)
            found = repo.person(person or DEFAULT_PERSON)
            return None if found is None else context_for(repo, found, now or datetime.now(UTC))
    finally:
        store.close()


def save_assessment(
    db: str | None,
    person: str | None,
    inputs: Mapping[str, Any],
    result: Mapping[str, Any],
    facts: Mapping[str, Fact | None] | None = None,
) -> int:
    """Record an assessment (inputs, result, knowledge base version) for her, and remember the risk
    facts she gave in it, in one transaction; returns its id."""
    from pregback.store.db import open_store
    from pregback.store.profile import remember
    from pregback.store.repository import DEFAULT_PERSON, Repository

    store = open_store(db)
    try:
        with store.session() as s:
            repo = Repository(s)
            her = repo.ensure_person(person or DEFAULT_PERSON)
            remember(repo, her, facts or {})
            return repo.save_assessment(her, inputs, result).id
    finally:
        store.close()


def remembered_note(kb: KnowledgeBase, facts: Mapping[str, Fact | None]) -> tuple[str, ...]:
    """A note naming the facts just kept in her profile (none when nothing new was kept)."""
    shown = facts_of.describe(kb, {k: f.value for k, f in facts.items() if f is not None})
    return (REMEMBERED.format("; ".join(shown)),) if shown else ()


def assess_person(
    repo: Repository,
    person: Person,
    given: Mapping[str, Any],
    episodes: Sequence[Any] | None,
    kb: KnowledgeBase | None,
    now: datetime,
    *,
    keep: bool = True,
) -> tuple[Assessment, AssessmentRecord | None, StoreContext]:
    """Assess what she gives now with her profile, diary and timing session filling the unknowns,
    with the store's notes, and keep it in her diary unless `keep` is false. Raises PregbackError
    on bad input, before anything is kept."""
    from pregback.core.triage import assess
    from pregback.knowledge import default_knowledge
    from pregback.store.profile import remember

    ctx = context_for(repo, person, now)
    findings = ctx.findings(given)
    waves = list(episodes) if episodes else list(ctx.episodes)
    result = assess(findings, waves, kb)  # bad input raises here, before anything is kept
    kb = kb or default_knowledge()
    new = facts_of.changes(kb, ctx.saved, given, ctx.today or now.date())
    remember(repo, person, new)  # asked once: her profile keeps what she said (not the diary's)
    notes = ctx.notes_for(given) + remembered_note(kb, new)
    result = replace(result, notes=result.notes + notes)
    if not keep:
        return result, None, ctx
    inputs = {"given": dict(given), "findings": findings, "episodes": [_plain(w) for w in waves]}
    return result, repo.save_assessment(person, inputs, result.to_dict()), ctx


def known_about(
    repo: Repository, person: Person, given: Mapping[str, Any], now: datetime
) -> dict[str, Any]:
    """What her profile and diary add to what she gives now (her week, her risk facts, how long the
    pain has lasted): the findings `given` lacks, for an interview to start from."""
    merged = context_for(repo, person, now).findings(given)
    said = given.get("symptoms") or {}
    extra = {k: v for k, v in merged.items() if k != "symptoms" and given.get(k) is None}
    symptoms = {k: v for k, v in (merged.get("symptoms") or {}).items() if k not in said}
    if symptoms:
        extra["symptoms"] = symptoms
    return extra


def remember_given(
    repo: Repository, person: Person, given: Mapping[str, Any], now: datetime, kb: KnowledgeBase
) -> tuple[str, ...]:
    """Keep in her profile the risk facts she gave now that it did not hold (asked once); the note
    that names them (none when nothing was new)."""
    from pregback.store.profile import remember

    ctx = context_for(repo, person, now)
    new = facts_of.changes(kb, ctx.saved, given, ctx.today or now.date())
    remember(repo, person, new)
    return remembered_note(kb, new)


def assess_with_store(
    given: Mapping[str, Any],
    episodes: Sequence[Any] | None = None,
    *,
    db: str | None = None,
    person: str | None = None,
    now: datetime | None = None,
    save: bool = True,
    kb: KnowledgeBase | None = None,
) -> tuple[Assessment, StoreContext | None]:
    """Assess `given` findings (and waves) with her profile, diary and timing session filling the
    unknowns, add the store's notes, and save the result when she has a profile.

    Raises PregbackError on bad input, before anything is saved.
    """
    from pregback.core.triage import assess

    try:
        ctx = assessment_context(db, person, now)
    except _unreadable() as exc:  # her data cannot be read: assess what she says now, and say so
        result = assess(dict(given), list(episodes or []), kb)
        return replace(result, notes=(*result.notes, STORE_UNREADABLE.format(_why(exc)))), None
    if ctx is None:
        return assess(dict(given), list(episodes or []), kb), None
    findings = ctx.findings(given)
    waves = list(episodes) if episodes else list(ctx.episodes)
    result = assess(findings, waves, kb)  # bad input raises here, before anything is saved
    result = replace(result, notes=result.notes + ctx.notes_for(given))
    if save:
        from pregback.knowledge import default_knowledge

        kb = kb or default_knowledge()
        new = facts_of.changes(kb, ctx.saved, given, ctx.today or (now or datetime.now()).date())
        kept = replace(result, notes=result.notes + remembered_note(kb, new))
        inputs = {
            "given": dict(given),
            "findings": findings,
            "episodes": [_plain(w) for w in waves],
        }
        try:
            save_assessment(db, ctx.person, inputs, kept.to_dict(), new)
        except _unreadable() as exc:
            result = replace(result, notes=(*result.notes, STORE_UNSAVED.format(_why(exc))))
        else:
            result = kept
    return result, ctx


STORE_UNREADABLE = (
    "Your saved profile and diary could not be read ({}), so this assessment uses only what you "
    "said now."
)
STORE_UNSAVED = "This assessment could not be saved to your diary ({})."


def _why(exc: BaseException) -> str:
    from pregback.errors import PregbackError

    if isinstance(exc, PregbackError):
        return str(exc)
    return type(exc).__name__  # never the SQL or its parameters


def _unreadable() -> tuple[type[BaseException], ...]:
    from sqlalchemy.exc import SQLAlchemyError

    from pregback.store.db import StoreError

    return (StoreError, SQLAlchemyError, OSError)


def _plain(wave: Any) -> Any:
    if isinstance(wave, Mapping):
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in wave.items()}
    start, end = getattr(wave, "start", None), getattr(wave, "end", None)
    return {"start": start.isoformat(), "end": end.isoformat()} if start and end else repr(wave)
