"""Triage: findings (and timed waves) in, an Assessment out. A small generic engine over the rules.

Owns: firing the rules, taking the highest urgency (P1), the action in words, and ranking causes by
fit; the plan (core.plan) and the safety-net (core.safety_net) complete the Assessment. Never: I/O,
or a clinical fact of its own (every threshold, rule and advice item is in the knowledge base).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from pregback.core.assessment import (
    DISCLAIMER,
    Assessment,
    FiredRule,
    PlanItem,
    Question,
    RankedCause,
    SafetyNetLine,
)
from pregback.core.engine import Engine, engine_for
from pregback.core.findings import Findings, parse_findings
from pregback.core.labour import LabourSummary, summarise
from pregback.core.plan import plan_for
from pregback.core.safety_net import safety_net
from pregback.knowledge import KnowledgeBase, default_knowledge
from pregback.knowledge.conditions import AFTER_BIRTH, Context, holds
from pregback.knowledge.schema import URGENCY_LEVELS

__all__ = [
    "DISCLAIMER",
    "Assessment",
    "FiredRule",
    "PlanItem",
    "Question",
    "RankedCause",
    "SafetyNetLine",
    "action_for",
    "assess",
    "evaluate",
]

#: How much a cause gains when a fired rule names it (the combination of findings points to it).
RULE_BONUS_TOP = 1.5
RULE_BONUS_OTHER = 0.75
PRIOR_WEIGHT = 0.5
#: The Assessment names at most this many causes: the likeliest, not every possibility.
MAX_CAUSES = 6


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
    plan = plan_for(
        kb,
        found,
        urgency,
        week,
        [c.id for c in causes[:3]],
        any(cr.rule.labour_plan for cr in fired),
        ctx,
    )
    net, unanswered = safety_net(eng, found, true, week, rank)

    notes = (WEEK_UNKNOWN,) if week is None else (AFTER_BIRTH_NOTE,) if week == AFTER_BIRTH else ()
    fired.sort(key=lambda cr: -cr.rank)
    return Assessment(
        urgency=urgency,
        label=kb.levels[urgency].label,
        action=action_for(kb, urgency, ctx),
        fired=tuple(_fired_with_notes(kb, cr.rule.id, ctx) for cr in fired),
        causes=tuple(causes),
        plan=plan,
        safety_net=net,
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
