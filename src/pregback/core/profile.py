"""Her risk profile as findings: which findings are profile facts, her answers in words, and what
her saved facts and due date add to an assessment.

Owns: which findings are profile facts (findings.yaml `profile: true`, never a list in code), the
words of an answer (yes / no / not sure), checking a fact and its value, which saved facts are in
force today (a fact with `lasts_days` expires), and the profile's findings and notes: her week from
the due date, and no week after the birth (TRIAGE 3.6). Never: I/O or a database import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from pregback.core.history import gestation
from pregback.errors import PregbackError, Problem

if TYPE_CHECKING:
    from pregback.knowledge import KnowledgeBase
    from pregback.knowledge.schema import SymptomDef

PRESENT, ABSENT = "present", "absent"
#: The words an answer may be given in (the CLI, the API and the web form all use these).
YES = ("yes", "y", "true", "present")
NO = ("no", "n", "false", "absent")
NOT_SURE = ("not sure", "not-sure", "not_sure", "unknown", "not said", "")
#: How an answer is shown to her.
SHOWN = {PRESENT: "yes", ABSENT: "no", None: "not said"}


class ProfileError(PregbackError):
    code = "invalid_profile"


@dataclass(frozen=True)
class Fact:
    """One saved answer: present or absent, and the day it applies from (the day an expiring fact
    was done, or the day she said it)."""

    value: str
    since: date | None = None


def fact_defs(kb: KnowledgeBase) -> tuple[SymptomDef, ...]:
    """The profile facts, in the order of findings.yaml."""
    return tuple(s for s in kb.symptoms.values() if s.profile)


def fact_ids(kb: KnowledgeBase) -> tuple[str, ...]:
    return tuple(s.id for s in fact_defs(kb))


def allowed_answers(sym: SymptomDef) -> str:
    if sym.lasts_days:
        return (
            "yes, no or not sure, or the day it was done (YYYY-MM-DD, in the last "
            f"{sym.lasts_days} days)"
        )
    return "yes, no or not sure"


def check_fact(
    kb: KnowledgeBase, fid: str, value: Any, today: date, field: str | None = None
) -> Fact | None:
    """Her answer for one fact as a saved Fact, or None for "not sure" (forget what was saved).

    Accepts yes/no/not sure (and present/absent/unknown, true/false/null); for an expiring fact also
    the day it was done. Raises ProfileError naming the field, the value and what is allowed.
    """
    name = field or fid
    sym = kb.symptoms.get(fid)
    if sym is None or not sym.profile:
        raise ProfileError(
            Problem(name, fid, ", ".join(fact_ids(kb)), "is not a fact of her profile")
        )
    if value is None:
        return None
    if isinstance(value, bool):
        return Fact(PRESENT if value else ABSENT, today)
    if isinstance(value, str):
        word = " ".join(value.strip().lower().split())
        if word in YES:
            return Fact(PRESENT, today)
        if word in NO:
            return Fact(ABSENT, today)
        if word in NOT_SURE:
            return None
        if sym.lasts_days:
            try:
                done = date.fromisoformat(word)
            except ValueError:
                pass
            else:
                if today - timedelta(days=sym.lasts_days - 1) <= done <= today:
                    return Fact(PRESENT, done)
                raise ProfileError(
                    Problem(
                        name,
                        value,
                        f"a day from {(today - timedelta(days=sym.lasts_days - 1)).isoformat()} "
                        f"to {today.isoformat()}, or no",
                        f"is not in the last {sym.lasts_days} days",
                    )
                )
    raise ProfileError(Problem(name, value, allowed_answers(sym), "is not an answer"))


def in_force(kb: KnowledgeBase, saved: Mapping[str, Fact], today: date) -> dict[str, str]:
    """Her saved facts that hold today, as findings symptoms (id -> present or absent).

    An expiring fact (`lasts_days`, e.g. an epidural in the last 6 weeks) counts as present for
    that many days from the day it was done; a "no" to it holds only on the day she said it, since
    it could be done any day after. An expired answer is not said (the question is asked again).
    """
    out: dict[str, str] = {}
    for sym in fact_defs(kb):
        fact = saved.get(sym.id)
        if fact is None:
            continue
        if sym.lasts_days:
            if fact.since is None:  # an expiring fact without its day cannot be placed in time
                continue
            since = fact.since
            days = sym.lasts_days if fact.value == PRESENT else 1
            if not 0 <= (today - since).days < days:
                continue
        out[sym.id] = fact.value
    return out


def ends_pregnancy(kb: KnowledgeBase, facts: Mapping[str, str]) -> tuple[str, ...]:
    """The facts present that end the pregnancy (given_birth): after the birth no week holds."""
    return tuple(
        fid
        for fid, value in facts.items()
        if value == PRESENT and fid in kb.symptoms and kb.symptoms[fid].ends_pregnancy
    )


def her_week(
    kb: KnowledgeBase, due_date: date | None, today: date, facts: Mapping[str, str]
) -> tuple[int, int] | None:
    """Her week and day from her due date today; None without one, and after the birth."""
    if due_date is None or ends_pregnancy(kb, facts):
        return None
    return gestation(due_date, today)


AFTER_BIRTH_WEEK = (
    "Your profile says you have had your baby, so your due date no longer gives a week of "
    "pregnancy (after the birth the rules for the weeks of pregnancy do not apply)."
)


def week_note(ga: tuple[int, int], due_date: date) -> str:
    return f"Week {ga[0]}+{ga[1]} from your due date ({due_date.isoformat()})."


def profile_findings(
    kb: KnowledgeBase, due_date: date | None, today: date, facts: Mapping[str, str]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Findings from her profile: the week from the due date (none after the birth), and her facts."""
    out: dict[str, Any] = {}
    notes: list[str] = []
    if ends_pregnancy(kb, facts):
        notes.append(AFTER_BIRTH_WEEK)
    elif due_date is not None:
        ga = gestation(due_date, today)
        if ga is None or ga[0] < 1:
            notes.append(
                f"Your due date ({due_date.isoformat()}) does not give a week of pregnancy between 1 and 45 "
                "today, so the week was treated as unknown. Check the due date in your profile."
            )
        else:
            out["gestational_weeks"] = ga[0]
            notes.append(week_note(ga, due_date))
    if facts:
        out["symptoms"] = dict(facts)
    return out, tuple(notes)


def given_facts(kb: KnowledgeBase, given: Mapping[str, Any]) -> dict[str, str]:
    """The profile facts she gives now (present or absent) in findings."""
    symptoms = given.get("symptoms")
    if not isinstance(symptoms, Mapping):
        return {}
    ids = set(fact_ids(kb))
    return {
        k: v
        for k, v in symptoms.items()
        if k in ids and isinstance(v, str) and v in (PRESENT, ABSENT)
    }


def changes(
    kb: KnowledgeBase, saved: Mapping[str, Fact], given: Mapping[str, Any], today: date
) -> dict[str, Fact]:
    """The facts she gives now that her profile does not already hold today: what to remember."""
    now = given_facts(kb, given)
    held = in_force(kb, saved, today)
    return {fid: Fact(value, today) for fid, value in now.items() if held.get(fid) != value}


def describe(kb: KnowledgeBase, facts: Mapping[str, str]) -> list[str]:
    """Her facts in plain words, in the order of findings.yaml: "Twins or more: yes"."""
    return [f"{sym.label}: {SHOWN[facts[sym.id]]}" for sym in fact_defs(kb) if sym.id in facts]


def labels(kb: KnowledgeBase, ids: Iterable[str]) -> str:
    return ", ".join(kb.symptoms[i].label.lower() for i in ids if i in kb.symptoms)


def told_over_profile(
    profile: Mapping[str, Any], told: Mapping[str, Any], ends: Iterable[str]
) -> tuple[dict[str, Any], bool]:
    """Her profile's findings as they fill what she tells now: when she gives a week of pregnancy
    and says nothing of the birth, a saved birth (`ends`, e.g. given_birth) is left out, since what
    she says now wins. Returns the findings to fill from and whether the saved birth was left out."""
    ends = tuple(ends)
    said = told.get("symptoms")
    said = said if isinstance(said, Mapping) else {}
    symptoms = profile.get("symptoms")
    symptoms = symptoms if isinstance(symptoms, Mapping) else {}
    left_out = (
        told.get("gestational_weeks") is not None
        and not any(e in said for e in ends)
        and any(symptoms.get(e) == PRESENT for e in ends)
    )
    if not left_out:
        return dict(profile), False
    kept = {**profile, "symptoms": {k: v for k, v in symptoms.items() if k not in ends}}
    return kept, True
