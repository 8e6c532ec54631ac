"""What the contraction timer watches for her: the rules that timed waves alone could fire, at her
week and with her profile.

Owns: picking those rules from the compiled knowledge base (a clause of a rule counts when it
needs something the waves show, and everything else it needs already holds for her). Never: a
rule, a week or a threshold of its own (the rules decide), I/O, or wording beyond the rule's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from pregback.core.engine import engine_for
from pregback.core.findings import Findings
from pregback.knowledge import KnowledgeBase
from pregback.knowledge.conditions import FACTS


@dataclass(frozen=True)
class Watched:
    """A rule the timer watches: its id, title, level and reason."""

    id: str
    title: str
    urgency: str
    reason: str


def wave_facts(kb: KnowledgeBase) -> frozenset[str]:
    """The facts only timed waves give (interval, wave length, waves an hour...): every fact a rule
    may compare that is not a finding she is asked for."""
    return frozenset(name for name in FACTS if name not in kb.scalars)


def watched(findings: Findings, kb: KnowledgeBase) -> tuple[Watched, ...]:
    """The rules timed waves alone could fire for her, highest level first.

    With her week unknown every week window holds, so the rules of every week are shown; after the
    birth no week window holds, so the labour rules are not (TRIAGE 3.6).
    """
    eng = engine_for(kb)
    true = eng.true_mask(findings, eng.facts(findings, None))
    waves = wave_facts(kb)
    wave_bits = sum(
        1 << i
        for i, atom in enumerate(eng.atoms)
        if atom[0] in ("cmp", "unknown") and atom[1] in waves
    )
    out: list[tuple[int, Watched]] = []
    for cr in eng.rules:
        for clause in cr.clauses:
            mask = sum(1 << a for a in clause)
            if mask & wave_bits and mask & ~wave_bits & ~true == 0:
                r = cr.rule
                out.append((cr.rank, Watched(r.id, r.title, r.urgency, r.reason)))
                break
    out.sort(key=lambda t: -t[0])
    return tuple(w for _rank, w in out)
