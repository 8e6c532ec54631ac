"""The interview: which question to ask next, red flags that could still raise the level first.

Owns: choosing the next question from the answers so far, and applying an answer. Stateless: the
caller passes every answer each time. Never: I/O; it stops when nothing unanswered could change
the level (TRIAGE P2), except the week, which is always asked when unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pregback.errors import FindingsError, Problem
from pregback.findings import Findings, parse_findings
from pregback.knowledge import KnowledgeBase, default_knowledge
from pregback.labour import summarise
from pregback.triage import Assessment, evaluate


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    meaning: str = ""


@dataclass(frozen=True, slots=True)
class Ask:
    """One question. kind "scalar": answer a value of `type`; kind "symptoms": pick the items present."""

    id: str
    kind: str
    text: str
    type: str
    items: tuple[Choice, ...]
    could_raise_to: str
    unit: str | None = None
    min: float | None = None
    max: float | None = None

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
        }


def next_question(
    findings: Findings,
    episodes: Sequence[Any] | None = None,
    kb: KnowledgeBase | None = None,
    skipped: Iterable[str] = (),
) -> tuple[Ask | None, Assessment]:
    """The next question (None when done) and the assessment from the answers so far."""
    kb = kb or default_knowledge()
    timing = summarise(list(episodes)) if episodes else None
    result = evaluate(findings, timing, kb)
    skip = set(skipped)
    pending = [q for q in result.unanswered if q.id not in skip]
    if not pending:
        return None, result
    first = pending[0]
    if first.kind == "scalar":
        spec = kb.scalars[first.id]
        items = tuple(
            Choice(c, spec.choice_labels.get(c, c.replace("_", " "))) for c in spec.choices
        )
        return Ask(
            first.id,
            "scalar",
            spec.question,
            spec.type,
            items,
            first.could_raise_to,
            spec.unit,
            spec.min,
            spec.max,
        ), result
    group = [q for q in pending if q.kind == "symptom" and q.group == first.group]
    items = tuple(Choice(q.id, q.label, kb.symptoms[q.id].meaning) for q in group)
    text = first.text if len(items) == 1 else "Do you have any of these now?"
    return Ask(
        f"group:{first.group}", "symptoms", text, "symptoms", items, first.could_raise_to
    ), result


def apply_answer(
    findings: Findings, ask: Ask, answer: Any, kb: KnowledgeBase | None = None
) -> Findings:
    """The findings with this answer added; raises FindingsError for an answer that does not fit."""
    kb = kb or default_knowledge()
    data = findings.to_dict()
    if ask.kind == "scalar":
        data[ask.id] = answer
        return parse_findings(data, kb)
    chosen = [answer] if isinstance(answer, str) else list(answer or [])
    allowed = {c.id for c in ask.items}
    bad = [a for a in chosen if a not in allowed]
    if bad:
        raise FindingsError(
            Problem(ask.id, bad[0], ", ".join(sorted(allowed)), "is not one of the choices")
        )
    symptoms = dict(data.get("symptoms", {}))
    for item in ask.items:
        symptoms[item.id] = "present" if item.id in chosen else "absent"
    data["symptoms"] = symptoms
    return parse_findings(data, kb)
