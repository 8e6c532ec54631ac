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
from pregback.triage import Assessment, Question, evaluate


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
    """The next question (None when done) and the assessment from the answers so far.

    In order: the week; the red-flag descriptions of the pain (findings.yaml scalars marked
    red_flag); every sign that alone could raise the level, highest first; then symptoms that
    would raise it together with one other unanswered symptom (two-part rules)."""
    kb = kb or default_knowledge()
    timing = summarise(list(episodes)) if episodes else None
    result = evaluate(findings, timing, kb)
    skip = set(skipped) | _implied_absent(findings, kb)
    pending = [q for q in result.unanswered if q.id not in skip]
    if pending and pending[0].id == "gestational_weeks":
        return _scalar_ask(kb, "gestational_weeks", pending[0].could_raise_to), result
    for spec in kb.scalars.values():
        if spec.red_flag and spec.id not in skip and findings.get(spec.id) is None:
            raise_to = next((q.could_raise_to for q in pending if q.id == spec.id), result.urgency)
            return _scalar_ask(kb, spec.id, raise_to), result
    if not pending:
        pending = _two_part(findings, result, kb, skip, timing)
    if not pending:
        return None, result
    first = pending[0]
    if first.kind == "scalar":
        return _scalar_ask(kb, first.id, first.could_raise_to), result
    group = [q for q in pending if q.kind == "symptom" and q.group == first.group]
    items = tuple(Choice(q.id, q.label, kb.symptoms[q.id].meaning) for q in group)
    text = first.text if len(items) == 1 else "Do you have any of these now?"
    return Ask(
        f"group:{first.group}", "symptoms", text, "symptoms", items, first.could_raise_to
    ), result


def _scalar_ask(kb: KnowledgeBase, key: str, could_raise_to: str) -> Ask:
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
    )


def _implied_absent(findings: Findings, kb: KnowledgeBase) -> set[str]:
    """Symptoms that cannot be present because one they imply is absent (no bleeding: not heavy)."""
    return {
        s.id
        for s in kb.symptoms.values()
        if s.implies and any(findings.status(i) == "absent" for i in s.implies)
    }


def _two_part(
    findings: Findings, result: Assessment, kb: KnowledgeBase, skip: set[str], timing: Any
) -> list[Question]:
    from pregback.engine import engine_for
    from pregback.knowledge.schema import URGENCY_LEVELS

    eng = engine_for(kb)
    true = eng.true_mask(findings, eng.facts(findings, timing))
    rank = URGENCY_LEVELS.index(result.urgency)
    found = []
    for atom, to in eng.two_signs_away(true, rank).items():
        sid = eng.atoms[atom][1]
        if sid in skip or findings.status(sid) != "unknown":
            continue
        sym = kb.symptoms[sid]
        found.append(
            (
                -to,
                sym.group,
                Question(sym.id, "symptom", sym.question, sym.label, sym.group, URGENCY_LEVELS[to]),
            )
        )
    found.sort(key=lambda t: (t[0], t[1]))
    return [q for _, _, q in found]


def apply_answer(
    findings: Findings, ask: Ask, answer: Any, kb: KnowledgeBase | None = None
) -> Findings:
    """The findings with this answer added; raises FindingsError for an answer that does not fit."""
    kb = kb or default_knowledge()
    data = findings.to_dict()
    if ask.kind == "scalar":
        data[ask.id] = answer
        return parse_findings(data, kb)
    if answer is None:
        answer = []
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, list | tuple) or not all(isinstance(a, str) for a in answer):
        raise FindingsError(
            Problem(
                ask.id, answer, "a list of the ids of the items present", "is not a list of ids"
            )
        )
    chosen = list(answer)
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
