"""The self-care plan: the advice that fits her week, her situation and the level (TRIAGE 8).

Owns: choosing advice items (week limits, contraindications, after the birth). Never: I/O, or an
item of its own (every item and limit is in the knowledge base).
"""

from __future__ import annotations

from functools import lru_cache

from pregback.core.assessment import PlanItem
from pregback.core.findings import Findings
from pregback.knowledge import KnowledgeBase
from pregback.knowledge.conditions import AFTER_BIRTH, Context, holds


def plan_for(
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
