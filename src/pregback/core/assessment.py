"""The Assessment value: what a result says, ready for any interface.

Owns: the result's fields and their JSON form. Never: deciding anything (core.triage does).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from pregback.core.findings import Findings
from pregback.core.labour import LabourSummary

DISCLAIMER = (
    "pregback supports decisions; it does not diagnose. If you are worried, contact your "
    "maternity team whatever this says."
)


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
