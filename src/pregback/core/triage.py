"""Triage: findings (and timed waves) in, an Assessment out. A small generic engine over the rules.

Owns: evaluating rule clauses, taking the highest urgency (P1), ranking causes by fit, choosing
the self-care plan for her week, the safety-net and the unanswered questions. Never: I/O, or a
clinical fact of its own (every threshold, rule and advice item is in the knowledge base).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from pregback.core.engine import FACT_KEYS, Engine, engine_for
from pregback.core.findings import Findings, parse_findings
from pregback.core.labour import LabourSummary, summarise
from pregback.knowledge import KnowledgeBase, default_knowledge
from pregback.knowledge.conditions import AFTER_BIRTH, FACTS, SIGN_WORDS, Context, holds
from pregback.knowledge.schema import URGENCY_LEVELS

DISCLAIMER = (
    "pregback supports decisions; it does not diagnose. If you are worried, contact your "
    "maternity team whatever this says."
)
#: How much a cause gains when a fired rule names it (the combination of findings points to it).
RULE_BONUS_TOP = 1.5
RULE_BONUS_OTHER = 0.75
PRIOR_WEIGHT = 0.5
#: The Assessment names at most this many causes: the likeliest, not every possibility.
MAX_CAUSES = 6


@dataclass(frozen=True, slots=True)
class FiredRule:
    id: str
    title: str
    urgency: str
    reason: str
    sources: tuple[str, ...]
    section: str


class RankedCause(NamedTuple):
    id: str
    name: str
    score: float
    explanation: str
    meaning: str
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlanItem:
    id: str
    title: str
    summary: str
    steps: tuple[str, ...]
    partner: tuple[str, ...]
    cautions: tuple[str, ...]
    evidence: str
    strength: str
    sources: tuple[str, ...]
    kind: str = "advice"  # "warning": what not to do


@dataclass(frozen=True, slots=True)
class Question:
    """A question whose answer could raise the level."""

    id: str  # a symptom id or a findings key
    kind: str  # "symptom" or "scalar"
    text: str
    label: str
    group: str
    could_raise_to: str


class SafetyNetLine(NamedTuple):
    urgency: str
    action: str
    signs: tuple[str, ...]

    @property
    def text(self) -> str:
        return f"{self.action.rstrip('.')} if: {'; '.join(self.signs)}."


@dataclass(slots=True)  # treated as immutable; not frozen, which would slow every assessment
class Assessment:
    urgency: str
    label: str
    action: str
    fired: tuple[FiredRule, ...]
    causes: tuple[RankedCause, ...]
    plan: tuple[PlanItem, ...]
    safety_net: tuple[SafetyNetLine, ...]
    unanswered: tuple[Question, ...]
    notes: tuple[str, ...]
    findings: Findings
    timing: LabourSummary | None
    knowledge_version: str
    disclaimer: str = DISCLAIMER

    @property
    def cause_ids(self) -> list[str]:
        return [c.id for c in self.causes]

    def to_dict(self) -> dict[str, Any]:
        return {
            "urgency": self.urgency,
            "label": self.label,
            "action": self.action,
            "causes": [
                {
                    "id": c.id,
                    "name": c.name,
                    "score": round(c.score, 2),
                    "explanation": c.explanation,
                    "meaning": c.meaning,
                    "rules": list(c.rules),
                }
                for c in self.causes
            ],
            "rules": [
                {
                    "id": r.id,
                    "title": r.title,
                    "urgency": r.urgency,
                    "reason": r.reason,
                    "sources": list(r.sources),
                    "section": r.section,
                }
                for r in self.fired
            ],
            "plan": [
                {
                    "id": p.id,
                    "title": p.title,
                    "summary": p.summary,
                    "steps": list(p.steps),
                    "partner": list(p.partner),
                    "cautions": list(p.cautions),
                    "evidence": p.evidence,
                    "strength": p.strength,
                    "sources": list(p.sources),
                    "kind": p.kind,
                }
                for p in self.plan
            ],
            "safety_net": [
                {"urgency": s.urgency, "action": s.action, "signs": list(s.signs), "text": s.text}
                for s in self.safety_net
            ],
            "unanswered": [
                {
                    "id": q.id,
                    "kind": q.kind,
                    "text": q.text,
                    "label": q.label,
                    "group": q.group,
                    "could_raise_to": q.could_raise_to,
                }
                for q in self.unanswered
            ],
            "notes": list(self.notes),
            "findings": self.findings.to_dict(),
            "timing": self.timing.to_dict() if self.timing else None,
            "knowledge_version": self.knowledge_version,
            "disclaimer": self.disclaimer,
        }


def assess(
    findings: Findings | Mapping[str, Any] | None = None,
    episodes: Sequence[Any] | None = None,
    kb: KnowledgeBase | None = None,
) -> Assessment:
    """Assess findings (and timed waves); deterministic, no I/O. Raises PregbackError on bad input."""
    kb = kb or default_knowledge()
    found = parse_findings(findings if findings is not None else {}, kb)
    timing = summarise(list(episodes), kb.timing) if episodes else None
    return evaluate(found, timing, kb)


def evaluate(found: Findings, timing: LabourSummary | None, kb: KnowledgeBase) -> Assessment:
    """The Assessment of already-checked findings and timing."""
    eng = engine_for(kb)
    facts = eng.facts(found, timing)
    week = eng.week_of(found, facts)
    true = eng.true_mask(found, facts)
    fired_index = eng.fired(true)
    fired = [eng.rules[i] for i in fired_index]
    rank = max((cr.rank for cr in fired), default=0)
    urgency = URGENCY_LEVELS[rank]
    ctx = Context(
        found.present,
        found.locations,
        {k: str(v) for k in ("onset", "pattern") if (v := found.get(k)) is not None},
        facts,
        week,
        (cr.rule.id for cr in fired),
    )

    causes = _rank_causes(eng, fired_index, rank, true, week, ctx)
    plan = _plan(
        kb,
        found,
        urgency,
        week,
        [c.id for c in causes[:3]],
        any(cr.rule.labour_plan for cr in fired),
        ctx,
    )
    safety_net, unanswered = _safety_net(eng, found, true, week, rank)

    notes = (WEEK_UNKNOWN,) if week is None else (AFTER_BIRTH_NOTE,) if week == AFTER_BIRTH else ()
    fired.sort(key=lambda cr: -cr.rank)
    return Assessment(
        urgency=urgency,
        label=kb.levels[urgency].label,
        action=action_for(kb, urgency, ctx),
        fired=tuple(_fired_with_notes(kb, cr.rule.id, ctx) for cr in fired),
        causes=tuple(causes),
        plan=plan,
        safety_net=safety_net,
        unanswered=unanswered,
        notes=notes,
        findings=found,
        timing=timing,
        knowledge_version=kb.version,
    )


WEEK_UNKNOWN = (
    "We did not know how many weeks pregnant you are, so every rule that could apply at "
    "some week was applied (the safer reading). Tell us the week for advice that fits."
)
AFTER_BIRTH_NOTE = (
    "pregback is built for pregnancy. After the birth, only its danger signs and its rules that do "
    "not depend on the week still apply, and it has no self-care plan for after the birth."
)


def action_for(kb: KnowledgeBase, urgency: str, ctx: Context) -> str:
    """The level's action in the words that fit her week (TRIAGE 3.1, 3.2), with its fallback."""
    level = kb.levels[urgency]
    action = level.action
    for i, variant in enumerate(level.variants):
        if holds(kb.plain[("variant", urgency, str(i))], ctx):
            action = variant.action
            break
    return f"{action} {level.fallback}" if level.fallback else action


def _fired_with_notes(kb: KnowledgeBase, rid: str, ctx: Context) -> FiredRule:
    rule = _fired_rule(kb, rid)
    extra = [
        note.text
        for i, note in enumerate(kb.rules[rid].notes)
        if holds(kb.plain[("note", rid, str(i))], ctx)
    ]
    if not extra:
        return rule
    return FiredRule(
        rule.id,
        rule.title,
        rule.urgency,
        " ".join((rule.reason, *extra)),
        rule.sources,
        rule.section,
    )


@lru_cache(maxsize=1024)
def _fired_rule(kb: KnowledgeBase, rid: str) -> FiredRule:
    rule = kb.rules[rid]
    return FiredRule(
        rule.id, rule.title, rule.urgency, rule.reason, tuple(rule.sources), rule.section
    )


def _rank_causes(
    eng: Engine, fired: list[int], top: int, true: int, week: int | None, ctx: Context
) -> list[RankedCause]:
    """Causes by fit to their profile (P6), helped by the rules that name them; never outside their window."""
    named: dict[int, int] = {}  # cause index -> highest rank of a fired rule naming it
    for r_index in fired:
        rank = eng.rules[r_index].rank
        for c_index in eng.rule_causes[r_index]:
            if named.get(c_index, -1) < rank:
                named[c_index] = rank
    fits = eng.fit(true)
    priors = eng.priors
    scored: list[tuple[float, float, int]] = []
    plain = eng.kb.plain
    for c_index in eng.allowed[week]:
        requires = plain.get(("requires", eng.cause_ids[c_index]))
        if requires is not None and not holds(requires, ctx):
            continue
        fit = fits[c_index]
        by_rule = named.get(c_index)
        if by_rule is not None:
            fit += RULE_BONUS_TOP if by_rule == top else RULE_BONUS_OTHER
        if fit > 0:
            scored.append((-(fit + PRIOR_WEIGHT * priors[c_index]), -priors[c_index], c_index))
    if not scored:  # no evidence at all: back pain in pregnancy is most often mechanical
        best = max(range(len(priors)), key=priors.__getitem__)
        scored.append((-PRIOR_WEIGHT * priors[best], -priors[best], best))
    scored.sort()
    causes = eng.kb.causes
    out = []
    for neg_score, _prior, c_index in scored[:MAX_CAUSES]:
        c = causes[eng.cause_ids[c_index]]
        rules = (
            tuple(eng.rules[r].rule.id for r in fired if c_index in eng.rule_causes[r])
            if c_index in named
            else ()
        )
        out.append(RankedCause(c.id, c.name, -neg_score, c.explanation, c.meaning, rules))
    return out


def _plan(
    kb: KnowledgeBase,
    found: Findings,
    urgency: str,
    week: int | None,
    top_causes: list[str],
    labour: bool,
    ctx: Context,
) -> tuple[PlanItem, ...]:
    """Advice for her week and situation (TRIAGE 8). Week-limited items are never shown from their
    limit; an item a contraindication hides is never shown, and the contraindication's own line
    says what to do instead; after the birth only the after-birth items are shown (TRIAGE 3.6)."""
    plain = kb.plain
    blocked = {cid for cid in kb.contraindications if holds(plain[("contra", cid)], ctx)}
    instead = {kb.contraindications[cid].instead for cid in blocked} - {None}
    locations = found.locations
    items = []
    for item, locs, causes in _plan_for_week(kb, week, urgency, labour):
        a = kb.advice[item.id]
        if a.hidden_by and not blocked.isdisjoint(a.hidden_by):
            continue
        if any(ci.instead == a.id for ci in kb.contraindications.values()) and a.id not in instead:
            continue
        if a.when is not None and not holds(plain[("advice", a.id)], ctx):
            continue
        if (not locs or any(loc in locs for loc in locations)) and (
            not causes or any(c in causes for c in top_causes)
        ):
            items.append(item)
    return tuple(items)


@lru_cache(maxsize=1024)
def _plan_for_week(
    kb: KnowledgeBase, week: int | None, urgency: str, labour: bool
) -> tuple[tuple[PlanItem, frozenset[str], frozenset[str]], ...]:
    """The advice that fits a week key (None: unknown) and level, with its remaining filters."""
    limits = kb.limits
    after = week == AFTER_BIRTH
    out = []
    for a in kb.advice.values():
        if urgency not in a.levels or (a.labour and not labour):
            continue
        if not (a.after_birth if after else a.in_pregnancy):
            continue
        if not after:
            # Never shown from the limit, nor when the week is unknown (it could be past it).
            if a.never_from_week is not None and (week is None or week >= a.never_from_week):
                continue
            if a.supine and (week is None or week >= limits.supine_exercise_from_week):
                continue
            if week is not None and (
                (a.weeks.min is not None and week < a.weeks.min)
                or (a.weeks.max is not None and week > a.weeks.max)
            ):
                continue
        out.append((_plan_item(kb, a.id), frozenset(a.locations), frozenset(a.causes)))
    # The early-labour plan first when it applies, then warnings, then the rest.
    out.sort(key=lambda t: (not kb.advice[t[0].id].labour, kb.advice[t[0].id].kind != "warning"))
    return tuple(out)


@lru_cache(maxsize=1024)
def _plan_item(kb: KnowledgeBase, aid: str) -> PlanItem:
    a = kb.advice[aid]
    return PlanItem(
        a.id,
        a.title,
        a.summary,
        tuple(a.steps),
        tuple(a.partner),
        tuple(a.cautions),
        a.evidence.summary,
        a.evidence.strength,
        tuple(a.sources),
        a.kind,
    )


def _safety_net(
    eng: Engine, found: Findings, true: int, week: int | None, rank: int
) -> tuple[tuple[SafetyNetLine, ...], tuple[Question, ...]]:
    """Signs that would raise the level now (one more finding completes a higher rule), and the
    unanswered questions among them (P2)."""
    reach, lines, questions = _static_net(eng, week, rank)
    extra = tuple(
        sorted((a, r) for a, r in eng.dynamic_reach(true, rank).items() if reach.get(a, -1) < r)
    )
    if extra:
        lines, questions = _extended_net(eng, week, rank, extra)
    answered = found.symptoms.keys() | found.scalars.keys()
    return lines, tuple(q for q in questions if q.id not in answered)


@lru_cache(maxsize=512)
def _static_net(
    eng: Engine, week: int | None, rank: int
) -> tuple[dict[int, int], tuple[SafetyNetLine, ...], tuple[Question, ...]]:
    reach = eng.static_reach(week, rank)
    return (reach, *_build_net(eng, reach, rank, week))


@lru_cache(maxsize=4096)
def _extended_net(
    eng: Engine, week: int | None, rank: int, extra: tuple[tuple[int, int], ...]
) -> tuple[tuple[SafetyNetLine, ...], tuple[Question, ...]]:
    return _build_net(eng, {**_static_net(eng, week, rank)[0], **dict(extra)}, rank, week)


def _build_net(
    eng: Engine, reach: dict[int, int], rank: int, week: int | None
) -> tuple[tuple[SafetyNetLine, ...], tuple[Question, ...]]:
    kb = eng.kb
    words = _words(eng)
    by_level: dict[int, list[str]] = {}
    found: list[tuple[int, int, str, str]] = []
    for atom, to in reach.items():
        label, key, kind, order = words[atom]
        if label:
            by_level.setdefault(to, []).append(label)
        if key is not None:
            found.append((-to, order, key, kind))
    lines = tuple(
        _line(eng, lvl, tuple(dict.fromkeys(signs)), week)
        for lvl, signs in sorted(by_level.items(), reverse=True)
    )
    found.sort()
    seen: set[str] = set()
    questions: list[Question] = []
    if week is None:
        seen.add("gestational_weeks")
        questions.append(_question(kb, "gestational_weeks", "scalar", rank))
    for neg_to, _order, key, kind in found:
        if key not in seen:
            seen.add(key)
            questions.append(_question(kb, key, kind, -neg_to))
    return lines, tuple(questions)


def _line(eng: Engine, level: int, signs: tuple[str, ...], week: int | None) -> SafetyNetLine:
    """A safety-net line: the level's action in the words for her week (without the fallback)."""
    name = URGENCY_LEVELS[level]
    after = week == AFTER_BIRTH
    ctx = Context(
        eng.ends_pregnancy if after else frozenset(),
        (),
        {},
        {} if week is None or after else {"gestational_weeks": float(week)},
        week,
    )
    level_def = eng.kb.levels[name]
    action = next(
        (
            v.action
            for i, v in enumerate(level_def.variants)
            if holds(eng.kb.plain[("variant", name, str(i))], ctx)
        ),
        level_def.action,
    )
    return SafetyNetLine(name, action, signs)


@lru_cache(maxsize=1024)
def _question(kb: KnowledgeBase, key: str, kind: str, to: int) -> Question:
    if kind == "symptom":
        sym = kb.symptoms[key]
        return Question(sym.id, "symptom", sym.question, sym.label, sym.group, URGENCY_LEVELS[to])
    spec = kb.scalars[key]
    return Question(spec.id, "scalar", spec.question, spec.label, "about", URGENCY_LEVELS[to])


_OPS = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}


@lru_cache(maxsize=8)
def _words(eng: Engine) -> list[tuple[str | None, str | None, str, int]]:
    """For each atom: the sign in plain words, the findings key that answers it, its kind, and
    the order of its question group."""
    kb = eng.kb
    group_order = {g: i for i, g in enumerate(dict.fromkeys(s.group for s in kb.symptoms.values()))}
    out: list[tuple[str | None, str | None, str, int]] = []
    for atom in eng.atoms:
        kind = atom[0]
        if kind == "present":
            sym = kb.symptoms[atom[1]]
            out.append((sym.label, sym.id, "symptom", group_order.get(sym.group, 99)))
        elif kind == "location":
            out.append(
                (f"pain: {kb.locations[atom[1]].label.lower()}", "pain_locations", "scalar", -1)
            )
        elif kind == "is":
            spec = kb.scalars[atom[1]]
            out.append(
                (
                    spec.choice_labels.get(atom[2], f"{spec.label.lower()}: {atom[2]}"),
                    atom[1],
                    "scalar",
                    -1,
                )
            )
        elif kind == "cmp":
            key = FACT_KEYS.get(atom[1])
            template = SIGN_WORDS.get((atom[1], atom[2]))
            words = (
                template.format(v=f"{atom[3]:g}")
                if template
                else f"{FACTS[atom[1]]}: {_OPS[atom[2]]} {atom[3]:g}"
            )
            out.append((words, key if key in kb.scalars else None, "scalar", -1))
        else:
            out.append((None, None, "scalar", -1))
    return out
