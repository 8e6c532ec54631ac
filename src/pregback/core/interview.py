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
from pregback.core.findings import Findings, parse_findings
from pregback.core.labour import summarise
from pregback.core.triage import Assessment, evaluate
from pregback.errors import FindingsError, Problem
from pregback.knowledge import KnowledgeBase, default_knowledge
from pregback.knowledge.conditions import Context, holds
from pregback.knowledge.schema import URGENCY_LEVELS

EMERGENCY = URGENCY_LEVELS.index("emergency")
#: The scalars asked together on the "about the pain" screen, and on the "waves" screen.
PAIN_FIELDS = ("pain_severity", "pain_locations", "onset", "pattern", "pain_duration_days")
WAVE_FIELDS = ("episode_interval_min", "episode_duration_s", "episodes_last_hour", "pattern_hours")
#: An answer that says none of the items applies (an empty answer is never taken as "no").
NONE = "none"
#: The question that checks the pattern when she gave wave timings but it was read as on and off.
PATTERN_CHECK = "pattern_check"


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    meaning: str = ""


@dataclass(frozen=True, slots=True)
class Field:
    """One value asked on a screen."""

    id: str
    text: str
    type: str  # number, integer, choice, list
    choices: tuple[Choice, ...] = ()
    unit: str | None = None
    min: float | None = None
    max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "type": self.type,
            "choices": [{"id": c.id, "label": c.label} for c in self.choices],
            "unit": self.unit,
            "min": self.min,
            "max": self.max,
        }


@dataclass(frozen=True, slots=True)
class Ask:
    """One screen. kind "symptoms": tick the items she has now, or answer "none"; kind "scalar":
    one value; kind "form": several values at once (a mapping from field id to value)."""

    id: str
    kind: str
    text: str
    type: str
    items: tuple[Choice, ...]
    could_raise_to: str
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    fields: tuple[Field, ...] = ()
    danger: bool = False  # the items are danger signs (red flags), not her history or the pain
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "type": self.type,
            "items": [{"id": c.id, "label": c.label, "meaning": c.meaning} for c in self.items],
            "could_raise_to": self.could_raise_to,
            "unit": self.unit,
            "min": self.min,
            "max": self.max,
            "fields": [f.to_dict() for f in self.fields],
            "danger": self.danger,
            "why": self.why,
        }

    @property
    def answers(self) -> tuple[str, ...]:
        """The finding ids this screen answers (skipped together when she does not know)."""
        if self.kind == "symptoms":
            return tuple(c.id for c in self.items)
        if self.kind == "form":
            return tuple(f.id for f in self.fields)
        return ("pattern",) if self.id == PATTERN_CHECK else (self.id,)


@dataclass(frozen=True, slots=True)
class Step:
    """Where the conversation stands: the next screen (None when done) and the result so far."""

    ask: Ask | None
    result: Assessment
    findings: Findings
    skipped: frozenset[str]
    asked: tuple[str, ...]  # the screens answered or skipped so far, in order
    screens_left: int  # about how many more screens (0 when done)

    @property
    def done(self) -> bool:
        return self.ask is None

    @property
    def progress(self) -> tuple[int, int]:
        """(this screen's number, about how many in all), for "3 of about 6"."""
        n = len(self.asked)
        return (n + 1, n + self.screens_left) if self.ask else (n, n)


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    value: Any  # None: she does not know (skipped)


class AnswerError(FindingsError):
    """An answer that does not fit the screen it answers."""


def next_step(
    findings: Findings,
    episodes: Sequence[Any] | None = None,
    kb: KnowledgeBase | None = None,
    skipped: Iterable[str] = (),
    asked: Sequence[str] = (),
) -> Step:
    """The next screen and the assessment so far.

    Emergency: done at once. Otherwise, in order: the week (when unknown); the single signs that
    would each make it an emergency; the pain's description; the signs that would make it urgent;
    the waves' timing; her history; then same-day and routine signs; then signs that need another
    sign with them. Only items that could still raise the level are asked."""
    kb = kb or default_knowledge()
    timing = summarise(list(episodes), kb.timing) if episodes else None
    result = evaluate(findings, timing, kb)
    skip = frozenset(skipped) | _implied_absent(findings, kb)
    ask, left = _choose(findings, timing, kb, result, skip, set(asked))
    return Step(ask, result, findings, frozenset(skipped), tuple(asked), left)


def _choose(
    found: Findings,
    timing: Any,
    kb: KnowledgeBase,
    result: Assessment,
    skip: frozenset[str],
    asked: set[str],
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
    if week is None and "gestational_weeks" not in skip and "gestational_weeks" not in asked:
        screens.append(_week_ask(kb, found, result.urgency, skip))
    pattern = found.get("pattern")
    if (
        pattern == "intermittent"
        and PATTERN_CHECK not in asked
        and (timing is not None or "episode_interval_min" in found.scalars)
    ):
        screens.append(_pattern_check(kb, result.urgency))
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
        if group:
            screens.append(_symptom_ask(kb, f"signs:{URGENCY_LEVELS[level]}", group, level))

    urgent = URGENCY_LEVELS.index("urgent")
    singles_at(EMERGENCY)
    if pain:
        screens.append(_form_ask(kb, "about_pain", pain, scalars, PAIN_TEXT, WHY_PAIN))
    singles_at(urgent)
    if waves:
        screens.append(_form_ask(kb, "waves", waves, scalars, WAVES_TEXT, WHY_WAVES))
    if history or lowering:
        top = max([symptoms[s][0] for s in history] or [rank])
        screens.append(_history_ask(kb, sorted(history | lowering, key=_order(kb)), top))
    for level in range(urgent - 1, rank, -1):
        singles_at(level)
    pairs = sorted((s for s in symptoms if s not in singles and s not in history), key=_order(kb))
    # Of the signs that count only together, her history first: without it, most pairs close.
    first = [s for s in pairs if kb.symptoms[s].history]
    if first:
        top = max(symptoms[s][1] for s in first)
        screens.append(_history_ask(kb, first, top, qid="history:together"))
    elif pairs:
        top = max(symptoms[s][1] for s in pairs)
        screens.append(_symptom_ask(kb, "signs:together", pairs, top, together=True))
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


def _week_ask(kb: KnowledgeBase, found: Findings, could_raise_to: str, skip: frozenset[str]) -> Ask:
    """The week, and whether she has had the baby (then no week applies, TRIAGE 3.6)."""
    ends = [s.id for s in kb.symptoms.values() if s.ends_pregnancy]
    unknown = [s for s in ends if found.status(s) == "unknown" and s not in skip]
    if not unknown:
        return _scalar_ask(kb, "gestational_weeks", could_raise_to, why=WHY_WEEK)
    fields = (
        _field(kb, "gestational_weeks"),
        *(Field(s, kb.symptoms[s].question, "yesno") for s in unknown),
    )
    return Ask(
        "gestational_weeks",
        "form",
        kb.scalars["gestational_weeks"].question,
        "form",
        (),
        could_raise_to,
        fields=fields,
        why=WHY_WEEK,
    )


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


WHY_WEEK = "Some signs matter only at some weeks of pregnancy."
WHY_PAIN = "How the pain started, how bad it is and where it is can change what to do."
WHY_WAVES = "The timing of the waves tells early labour from labour that needs the unit."
PAIN_TEXT = "About your back pain now"
WAVES_TEXT = "About the waves of pain or tightenings"
SIGNS_TEXT = {
    "emergency": "Do you have any of these now? Each is a danger sign.",
    "urgent": "Do you have any of these now? Each is a warning sign.",
    "same_day": "Do you have any of these now?",
    "routine": "Do you have any of these now?",
}


def _choices(kb: KnowledgeBase, ids: Sequence[str]) -> tuple[Choice, ...]:
    return tuple(Choice(s, kb.symptoms[s].label, kb.symptoms[s].meaning) for s in ids)


def _symptom_ask(
    kb: KnowledgeBase, qid: str, ids: Sequence[str], level: int, together: bool = False
) -> Ask:
    to = URGENCY_LEVELS[level]
    if len(ids) == 1 and not together:
        text = kb.symptoms[ids[0]].question
    elif together:
        text = "Do you have any of these now? Together they can change what to do."
    else:
        text = SIGNS_TEXT[to]
    danger = level >= URGENCY_LEVELS.index("urgent") and any(kb.symptoms[s].red_flag for s in ids)
    return Ask(qid, "symptoms", text, "symptoms", _choices(kb, ids), to, danger=danger)


def _history_ask(kb: KnowledgeBase, ids: Sequence[str], level: int, qid: str = "history") -> Ask:
    text = (
        kb.symptoms[ids[0]].question
        if len(ids) == 1
        else "About your pregnancy: do any of these apply to you?"
    )
    return Ask(
        qid,
        "symptoms",
        text,
        "symptoms",
        _choices(kb, ids),
        URGENCY_LEVELS[level],
        why="With these, the same signs can need care sooner.",
    )


def _field(kb: KnowledgeBase, key: str) -> Field:
    spec = kb.scalars[key]
    return Field(
        key,
        spec.question,
        spec.type,
        tuple(Choice(c, spec.choice_labels.get(c, c.replace("_", " "))) for c in spec.choices),
        spec.unit,
        spec.min,
        spec.max,
    )


def _form_ask(
    kb: KnowledgeBase,
    qid: str,
    keys: Sequence[str],
    reach: Mapping[str, tuple[int, int]],
    text: str,
    why: str,
) -> Ask:
    to = URGENCY_LEVELS[max(reach[k][1] for k in keys)]
    if len(keys) == 1:
        return _scalar_ask(kb, keys[0], to, why=why)
    fields = tuple(_field(kb, k) for k in keys)
    return Ask(qid, "form", text, "form", (), to, fields=fields, why=why)


def _scalar_ask(kb: KnowledgeBase, key: str, could_raise_to: str, why: str = "") -> Ask:
    spec = kb.scalars[key]
    items = tuple(Choice(c, spec.choice_labels.get(c, c.replace("_", " "))) for c in spec.choices)
    return Ask(
        key,
        "scalar",
        spec.question,
        spec.type,
        items,
        could_raise_to,
        spec.unit,
        spec.min,
        spec.max,
        why=why,
    )


def _pattern_check(kb: KnowledgeBase, could_raise_to: str) -> Ask:
    spec = kb.scalars["pattern"]
    items = tuple(Choice(c, spec.choice_labels.get(c, c)) for c in spec.choices)
    return Ask(
        PATTERN_CHECK,
        "scalar",
        "You gave times for the waves. Do they come in a rhythm, with pain-free gaps between them?",
        "choice",
        items,
        could_raise_to,
        why="Waves that come in a rhythm can be labour.",
    )


def _implied_absent(findings: Findings, kb: KnowledgeBase) -> frozenset[str]:
    """Symptoms that cannot be present because one they imply is absent (no bleeding: not heavy)."""
    return frozenset(
        s.id
        for s in kb.symptoms.values()
        if s.implies and any(findings.status(i) == "absent" for i in s.implies)
    )


def apply_answer(
    findings: Findings, ask: Ask, answer: Any, kb: KnowledgeBase | None = None
) -> Findings:
    """The findings with this answer added; raises AnswerError for an answer that does not fit.

    A symptoms screen takes a non-empty list of the ids she has, or "none" (every item absent); an
    empty list is refused, never taken as "no". A form takes a mapping from field id to value
    (null for a field she does not know)."""
    kb = kb or default_knowledge()
    data = findings.to_dict()
    if ask.kind == "scalar":
        data["pattern" if ask.id == PATTERN_CHECK else ask.id] = answer
        return _parse(data, kb, ask.id)
    if ask.kind == "form":
        if not isinstance(answer, Mapping):
            raise AnswerError(
                Problem(ask.id, answer, "an object from field id to value", "is not an object")
            )
        types = {f.id: f.type for f in ask.fields}
        symptoms = dict(data.get("symptoms", {}))
        for key, value in answer.items():
            if key not in types:
                raise AnswerError(
                    Problem(f"{ask.id}.{key}", key, ", ".join(sorted(types)), "is not a field here")
                )
            if value is None:
                continue
            if types[key] == "yesno":
                if value not in (True, False, "present", "absent", "yes", "no"):
                    raise AnswerError(
                        Problem(
                            f"{ask.id}.{key}",
                            value,
                            "yes or no (true or false)",
                            "is not yes or no",
                        )
                    )
                symptoms[key] = "present" if value in (True, "present", "yes") else "absent"
            else:
                data[key] = value
        data["symptoms"] = symptoms
        return _parse(data, kb, ask.id)
    if answer == NONE:
        chosen: list[str] = []
    elif isinstance(answer, str):
        chosen = [answer]
    elif isinstance(answer, list | tuple) and all(isinstance(a, str) for a in answer):
        chosen = list(answer)
        if not chosen:
            raise AnswerError(
                Problem(
                    ask.id,
                    answer,
                    f"the ids of the items you have, or {NONE!r} for none of them",
                    "is empty: choose the items you have, or say none of them",
                )
            )
    else:
        raise AnswerError(
            Problem(ask.id, answer, f"a list of the item ids, or {NONE!r}", "is not a list of ids")
        )
    allowed_ids = {c.id for c in ask.items}
    bad = [a for a in chosen if a not in allowed_ids]
    if bad:
        raise AnswerError(
            Problem(ask.id, bad[0], ", ".join(sorted(allowed_ids)), "is not one of the choices")
        )
    symptoms = dict(data.get("symptoms", {}))
    for item in ask.items:
        symptoms[item.id] = "present" if item.id in chosen else "absent"
    data["symptoms"] = symptoms
    return _parse(data, kb, ask.id)


def _parse(data: dict[str, Any], kb: KnowledgeBase, where: str) -> Findings:
    try:
        return parse_findings(data, kb)
    except FindingsError as exc:
        raise AnswerError(list(exc.problems)) from None


def correct(
    findings: Findings, corrections: Mapping[str, Any], kb: KnowledgeBase | None = None
) -> Findings:
    """Her corrections of what was read: a symptom id to "present", "absent" or "unknown" (not
    sure), a scalar key to a value or None. A correction replaces the reading."""
    kb = kb or default_knowledge()
    data = findings.to_dict()
    symptoms = dict(data.get("symptoms", {}))
    for key, value in corrections.items():
        if key in kb.symptoms:
            if value in (None, "unknown"):
                symptoms.pop(key, None)
            else:
                symptoms[key] = value
        elif value is None:
            data.pop(key, None)
        else:
            data[key] = value
    data["symptoms"] = symptoms
    try:
        return parse_findings(data, kb)
    except FindingsError as exc:
        raise AnswerError(
            [Problem(f"corrections.{p.field}", p.value, p.allowed, p.message) for p in exc.problems]
        ) from None


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
) -> Step:
    """Replay her answers in order, each against the screen asked at that point, and return the
    step after the last. The one place where answers, skipped screens and corrections meet: the
    API, the web pages and the terminal all call it. Raises AnswerError naming `answers[i]`."""
    kb = kb or default_knowledge()
    found = start
    skip = set(skipped)
    asked: list[str] = []
    for i, raw in enumerate(answers):
        ans = raw if isinstance(raw, Answer) else Answer(raw["question"], raw.get("answer"))
        step = next_step(found, episodes, kb, skip, asked)
        here = f"answers[{i}]"
        if step.ask is None:
            raise AnswerError(
                Problem(
                    f"{here}.question",
                    ans.question,
                    "no further answers",
                    "answers no open question",
                )
            )
        ask = step.ask
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
        except FindingsError as exc:
            raise AnswerError(
                [Problem(f"{here}.answer", p.value, p.allowed, p.message) for p in exc.problems]
            ) from None
    return next_step(found, episodes, kb, skip, asked)


def next_question(
    findings: Findings,
    episodes: Sequence[Any] | None = None,
    kb: KnowledgeBase | None = None,
    skipped: Iterable[str] = (),
) -> tuple[Ask | None, Assessment]:
    """The next screen (None when done) and the assessment so far; `next_step` in short."""
    step = next_step(findings, episodes, kb, skipped)
    return step.ask, step.result
