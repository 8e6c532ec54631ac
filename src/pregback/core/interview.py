"""The interview: what to ask next, emergency first, in as few screens as safety allows.

Owns: choosing the next screen from the findings so far, checking and applying an answer, and
replaying a whole conversation (her message, her corrections, her answers) once, for every
interface. Stateless: the caller passes everything each time. Never: I/O. It stops when no
unanswered item could raise the level (TRIAGE P2), whatever the order of the rules, and at once
when the findings reach `emergency`: nothing may stand between her and that answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pregback.core.engine import FACT_KEYS, engine_for
from pregback.core.findings import Findings
from pregback.core.labour import summarise
from pregback.core.screens import (
    NONE,
    PAIN_TEXT,
    PATTERN_CHECK,
    SIGNS_TEXT,
    WAVES_TEXT,
    WHICH,
    WHY_PAIN,
    WHY_WAVES,
    Answer,
    AnswerError,
    Ask,
    Choice,
    Field,
    apply_answer,
    correct,
    form_ask,
    history_ask,
    pattern_check_ask,
    symptom_ask,
    ticked_members,
    week_ask,
    which_ask,
)
from pregback.core.triage import Assessment, evaluate
from pregback.errors import FindingsError, Problem
from pregback.knowledge import KnowledgeBase, default_knowledge
from pregback.knowledge.conditions import Context, holds
from pregback.knowledge.schema import URGENCY_LEVELS

EMERGENCY = URGENCY_LEVELS.index("emergency")
#: The scalars asked together on the "about the pain" screen, and on the "waves" screen.
PAIN_FIELDS = ("pain_severity", "pain_locations", "onset", "pattern", "pain_duration_days")
WAVE_FIELDS = ("episode_interval_min", "episode_duration_s", "episodes_last_hour", "pattern_hours")
#: Why the questions after an emergency are asked: for those who come, never before the call.
WHY_CREW = "For the ambulance crew or the unit. You do not have to answer: call first."

__all__ = [
    "NONE",
    "PATTERN_CHECK",
    "SIGNS_TEXT",
    "Answer",
    "AnswerError",
    "Ask",
    "Choice",
    "Field",
    "Step",
    "apply_answer",
    "correct",
    "next_question",
    "next_step",
    "replay",
]


@dataclass(frozen=True, slots=True)
class Step:
    """Where the conversation stands: the next screen (None when done) and the result so far."""

    ask: Ask | None
    result: Assessment
    findings: Findings
    skipped: frozenset[str]
    asked: tuple[str, ...]  # the screens answered or skipped so far, in order
    screens_left: int  # about how many more screens (0 when done)
    #: At an emergency: a screen she may answer for the ambulance crew or the unit (never required)
    optional: Ask | None = None

    @property
    def done(self) -> bool:
        return self.ask is None

    @property
    def progress(self) -> tuple[int, int]:
        """(this screen's number, about how many in all), for "3 of about 6"."""
        n = len(self.asked)
        return (n + 1, n + self.screens_left) if self.ask else (n, n)


def next_step(
    findings: Findings,
    episodes: Sequence[Any] | None = None,
    kb: KnowledgeBase | None = None,
    skipped: Iterable[str] = (),
    asked: Sequence[str] = (),
    pending: Iterable[str] = (),
) -> Step:
    """The next screen and the assessment so far.

    Emergency: done at once. Otherwise, in order: which signs she has of a group she has just
    ticked (`pending`: findings.yaml ask_groups); the week (when unknown); the single signs that
    would each make it an emergency; the pain's description; the signs that would make it urgent;
    the waves' timing; her history; then same-day and routine signs; then signs that need another
    sign with them. Only items that could still raise the level are asked. At an emergency,
    `optional` offers what the ambulance crew or the unit would want to know (her week, her pain)."""
    kb = kb or default_knowledge()
    timing = summarise(list(episodes), kb.timing) if episodes else None
    result = evaluate(findings, timing, kb)
    skip = frozenset(skipped) | _implied_absent(findings, kb)
    ask, left = _choose(findings, timing, kb, result, skip, set(asked), frozenset(pending))
    optional = None
    if ask is None and URGENCY_LEVELS.index(result.urgency) >= EMERGENCY:
        optional = _for_the_crew(findings, kb, skip, set(asked))
    return Step(ask, result, findings, frozenset(skipped), tuple(asked), left, optional)


def _for_the_crew(
    found: Findings, kb: KnowledgeBase, skip: frozenset[str], asked: set[str]
) -> Ask | None:
    """After an emergency, a screen she may answer for those who come (never required): her week
    and whether she has had the baby, then how the pain is."""
    after = any(found.status(s.id) == "present" for s in kb.symptoms.values() if s.ends_pregnancy)
    level = URGENCY_LEVELS[EMERGENCY]
    screens: list[Ask] = []
    if not after and found.get("gestational_weeks") is None and "gestational_weeks" not in skip:
        screens.append(replace(week_ask(kb, found, level, skip), why=WHY_CREW))
    pain = [k for k in PAIN_FIELDS if found.get(k) is None and k not in skip]
    if pain:
        reach = dict.fromkeys(pain, (EMERGENCY, EMERGENCY))
        screens.append(form_ask(kb, "about_pain", pain, reach, PAIN_TEXT, WHY_CREW))
    return next((a for a in screens if a.id not in asked), None)


def _choose(
    found: Findings,
    timing: Any,
    kb: KnowledgeBase,
    result: Assessment,
    skip: frozenset[str],
    asked: set[str],
    pending: frozenset[str] = frozenset(),
) -> tuple[Ask | None, int]:
    rank = URGENCY_LEVELS.index(result.urgency)
    if rank >= EMERGENCY:
        return None, 0
    eng = engine_for(kb)
    facts = eng.facts(found, timing)
    week = eng.week_of(found, facts)
    ctx = _context(found, facts, week)
    # Items the interview would not ask now (findings.yaml ask_when) cannot be answered either.
    not_now = frozenset(key for (kind, key), cond in _ask_conditions(kb) if not holds(cond, ctx))
    reach = eng.open_reach(
        eng.true_mask(found, facts), eng.open_mask(found, facts, skip | not_now), rank
    )
    # Items by kind: symptoms (and whether they are her history), and scalar findings keys.
    symptoms: dict[str, tuple[int, int]] = {}
    scalars: dict[str, tuple[int, int]] = {}
    for atom, (alone, together) in reach.items():
        kind = eng.atoms[atom][0]
        if kind == "present":
            key = eng.atoms[atom][1]
            target = symptoms
        else:
            key = _scalar_key(eng.atoms[atom])
            target = scalars
        if key is None:
            continue
        one, many = target.get(key, (0, 0))
        target[key] = (max(one, alone), max(many, together))

    screens: list[Ask] = []
    # She ticked a group of signs: which of them she has comes first, each on its own, whether or
    # not it could still change the level (the result names what she has).
    which = [s for s in kb.symptoms if s in pending and found.status(s) == "unknown"]
    which = [s for s in which if s not in skip]
    if which:
        top = max(symptoms.get(s, (rank, rank))[0] for s in which)
        screens.append(which_ask(kb, WHICH, which, max(top, rank)))
    if week is None and "gestational_weeks" not in skip and "gestational_weeks" not in asked:
        screens.append(week_ask(kb, found, result.urgency, skip))
    pattern = found.get("pattern")
    if (
        pattern == "intermittent"
        and PATTERN_CHECK not in asked
        and (timing is not None or "episode_interval_min" in found.scalars)
    ):
        screens.append(pattern_check_ask(kb, result.urgency))
    # An item that implies another not yet answered (heavy bleeding is bleeding) waits for it: the
    # other is asked in its place, at its level, and the first follows only if she has the other.
    for sid in list(symptoms):
        waits_for = [
            i for i in kb.symptoms[sid].implies if found.status(i) == "unknown" and i not in skip
        ]
        if waits_for:
            alone, together = symptoms.pop(sid)
            for i in waits_for:
                one, many = symptoms.get(i, (0, 0))
                symptoms[i] = (max(one, alone), max(many, together))
    history = {s for s, v in symptoms.items() if kb.symptoms[s].history and v[0] > rank}
    singles = {s: v for s, v in symptoms.items() if v[0] > rank and s not in history}
    # Unknown values every rule setting the level relies on: answering them could lower it.
    lowering, lower_scalars = _protective_to_ask(eng, found, facts, rank, skip, not_now)
    for key in lower_scalars:
        scalars.setdefault(key, (rank, rank))
    pain = [k for k in PAIN_FIELDS if k in scalars]
    waves = [k for k in WAVE_FIELDS if k in scalars]

    def singles_at(level: int) -> None:
        group = sorted((s for s, v in singles.items() if v[0] == level), key=_order(kb))
        if group:  # below an emergency, a group of signs may be one tick (ask_groups)
            qid = f"signs:{URGENCY_LEVELS[level]}"
            screens.append(symptom_ask(kb, qid, group, level, grouped=level < EMERGENCY))

    urgent = URGENCY_LEVELS.index("urgent")
    singles_at(EMERGENCY)
    if pain:
        screens.append(form_ask(kb, "about_pain", pain, scalars, PAIN_TEXT, WHY_PAIN))
    singles_at(urgent)
    if waves:
        screens.append(form_ask(kb, "waves", waves, scalars, WAVES_TEXT, WHY_WAVES))
    if history or lowering:
        top = max([symptoms[s][0] for s in history] or [rank])
        screens.append(history_ask(kb, sorted(history | lowering, key=_order(kb)), top))
    for level in range(urgent - 1, rank, -1):
        singles_at(level)
    pairs = sorted((s for s in symptoms if s not in singles and s not in history), key=_order(kb))
    # Of the signs that count only together, her history first: without it, most pairs close.
    first = [s for s in pairs if kb.symptoms[s].history]
    if first:
        top = max(symptoms[s][1] for s in first)
        screens.append(history_ask(kb, first, top, qid="history:together"))
    elif pairs:
        top = max(symptoms[s][1] for s in pairs)
        screens.append(symptom_ask(kb, "signs:together", pairs, top, together=True, grouped=True))
    out = []
    for a in screens:
        if a.id not in asked:
            out.append(a)
        elif a.kind == "symptoms":  # new items at a level asked before (another sign changed it)
            n = 2
            while f"{a.id}#{n}" in asked:
                n += 1
            out.append(replace(a, id=f"{a.id}#{n}"))
    if not out:
        return None, 0
    return out[0], len(out)


def _protective_to_ask(
    eng: Any,
    found: Findings,
    facts: Mapping[str, float],
    rank: int,
    skip: frozenset[str],
    not_now: frozenset[str],
) -> tuple[set[str], set[str]]:
    """What is not yet known that every rule setting the level depends on being unknown or absent:
    answering it could lower the level (TRIAGE 10.4: the interview still asks parity; U10's
    rhythmic waves of unknown interval). Returns (symptom ids, findings keys of scalars)."""
    true = eng.true_mask(found, facts)
    top = [cr for i in eng.fired(true) if (cr := eng.rules[i]).rank == rank and rank > 0]
    symptoms: set[str] | None = None
    scalars: set[str] | None = None
    for cr in top:
        these: set[str] = set()
        keys: set[str] = set()
        for clause in cr.clauses:
            mask = sum(1 << a for a in clause)
            if mask & ~true:
                continue
            for a in clause:
                atom = eng.atoms[a]
                if atom[0] == "not_present" and found.status(atom[1]) == "unknown":
                    these.add(atom[1])
                elif atom[0] == "unknown" and (key := FACT_KEYS.get(atom[1])) is not None:
                    keys.add(key)
        symptoms = these if symptoms is None else symptoms & these
        scalars = keys if scalars is None else scalars & keys
    return (
        {s for s in (symptoms or set()) if s not in skip},
        {k for k in (scalars or set()) if k not in skip and k not in not_now},
    )


def _ask_conditions(kb: KnowledgeBase) -> list[tuple[tuple[str, str], Any]]:
    return [(k, v) for k, v in kb.plain.items() if k[0] == "ask"]  # type: ignore[misc]


def _context(found: Findings, facts: Mapping[str, float], week: int | None) -> Context:
    return Context(
        found.present,
        found.locations,
        {k: str(v) for k in ("onset", "pattern") if (v := found.get(k)) is not None},
        dict(facts),
        week,
    )


def _scalar_key(atom: tuple[Any, ...]) -> str | None:
    kind = atom[0]
    if kind == "location":
        return "pain_locations"
    if kind == "is":
        return str(atom[1])
    if kind == "cmp":
        return FACT_KEYS.get(atom[1])
    return None


def _order(kb: KnowledgeBase) -> Any:
    position = {sid: i for i, sid in enumerate(kb.symptoms)}
    return lambda sid: position[sid]


def _implied_absent(findings: Findings, kb: KnowledgeBase) -> frozenset[str]:
    """Symptoms that cannot be present because one they imply is absent (no bleeding: not heavy)."""
    return frozenset(
        s.id
        for s in kb.symptoms.values()
        if s.implies and any(findings.status(i) == "absent" for i in s.implies)
    )


@dataclass
class Conversation:
    """Everything an interface holds between screens: where she started and what she answered."""

    start: Findings
    episodes: Sequence[Any] | None = None
    answers: list[Answer] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)


def replay(
    start: Findings,
    answers: Sequence[Answer | Mapping[str, Any]],
    episodes: Sequence[Any] | None = None,
    kb: KnowledgeBase | None = None,
    skipped: Iterable[str] = (),
    corrections: Mapping[str, Any] | None = None,
) -> Step:
    """Replay her answers in order, each against the screen asked at that point, and return the
    step after the last. The one place where answers, skipped screens and corrections meet: the
    API, the web pages and the terminal all call it. `corrections` (of what was read from her
    message) replace the reading first. After an emergency, an answer may answer the optional
    screen. Raises AnswerError naming `corrections.<key>` or `answers[i]`."""
    kb = kb or default_knowledge()
    found = correct(start, corrections, kb) if corrections else start
    skip = set(skipped)
    asked: list[str] = []
    pending: set[str] = set()  # the signs of groups she ticked: asked next, each on its own
    for i, raw in enumerate(answers):
        ans = raw if isinstance(raw, Answer) else Answer(raw["question"], raw.get("answer"))
        step = next_step(found, episodes, kb, skip, asked, pending)
        here = f"answers[{i}]"
        ask = step.ask or step.optional
        if ask is None:
            raise AnswerError(
                Problem(
                    f"{here}.question",
                    ans.question,
                    "no further answers",
                    "answers no open question",
                )
            )
        if ans.question != ask.id:
            raise AnswerError(
                Problem(
                    f"{here}.question",
                    ans.question,
                    ask.id,
                    "is not the question asked at this point",
                )
            )
        asked.append(ask.id)
        if ans.value is None:
            skip.update(ask.answers)
            continue
        if ask.kind == "form" and isinstance(ans.value, Mapping):
            skip.update(f.id for f in ask.fields if ans.value.get(f.id) is None)
        try:
            found = apply_answer(found, ask, ans.value, kb)
            pending |= ticked_members(ask, ans.value)
        except FindingsError as exc:
            raise AnswerError(
                [Problem(f"{here}.answer", p.value, p.allowed, p.message) for p in exc.problems]
            ) from None
    return next_step(found, episodes, kb, skip, asked, pending)


def next_question(
    findings: Findings,
    episodes: Sequence[Any] | None = None,
    kb: KnowledgeBase | None = None,
    skipped: Iterable[str] = (),
) -> tuple[Ask | None, Assessment]:
    """The next screen (None when done) and the assessment so far; `next_step` in short."""
    step = next_step(findings, episodes, kb, skipped)
    return step.ask, step.result
