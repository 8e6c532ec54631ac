"""The screens of the interview: what one screen asks, how each kind is built from the knowledge
base, and checking and applying her answer to one screen, or her corrections of what was read.

Owns: Ask (a screen: "symptoms", "scalar" or "form"), its wording and the shape of its answer.
Never: choosing which screen comes next (pregback.core.interview does), or I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pregback.core.findings import Findings, parse_findings
from pregback.errors import FindingsError, Problem
from pregback.knowledge import KnowledgeBase, default_knowledge
from pregback.knowledge.schema import URGENCY_LEVELS

#: An answer that says none of the items applies (an empty answer is never taken as "no").
NONE = "none"
#: The question that checks the pattern when she gave wave timings but it was read as on and off.
PATTERN_CHECK = "pattern_check"
#: The id of an item that stands for a group of signs (findings.yaml ask_groups): "group:<id>".
GROUP = "group:"
#: The screen that asks which of a ticked group's signs she has.
WHICH = "which"


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    meaning: str = ""
    #: For an item that stands for a group of signs: the symptom ids it stands for.
    members: tuple[str, ...] = ()


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
            "items": [
                {"id": c.id, "label": c.label, "meaning": c.meaning, "members": list(c.members)}
                for c in self.items
            ],
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
            return tuple(m for c in self.items for m in (c.members or (c.id,)))
        if self.kind == "form":
            return tuple(f.id for f in self.fields)
        return ("pattern",) if self.id == PATTERN_CHECK else (self.id,)


@dataclass(frozen=True, slots=True)
class Answer:
    """Her answer to one screen, by its id; value None: she does not know (skipped)."""

    question: str
    value: Any


class AnswerError(FindingsError):
    """An answer that does not fit the screen it answers."""


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


def choices_for(kb: KnowledgeBase, ids: Sequence[str], grouped: bool = False) -> tuple[Choice, ...]:
    """One item per sign; `grouped`: two or more members of one ask group become one item (in the
    place of the first), unless that group would be the whole screen."""
    group_of = {m: g for g in kb.ask_groups.values() for m in g.members}
    members: dict[str, list[str]] = {}
    for s in ids:
        if grouped and s in group_of:
            members.setdefault(group_of[s].id, []).append(s)
    together = {g for g, ms in members.items() if 1 < len(ms) < len(ids)}
    out: list[Choice] = []
    for s in ids:
        g = group_of.get(s)
        if g is None or g.id not in together:
            out.append(Choice(s, kb.symptoms[s].label, kb.symptoms[s].meaning))
        elif s == members[g.id][0]:
            labels = "; ".join(kb.symptoms[m].label for m in members[g.id])
            out.append(Choice(GROUP + g.id, g.label, f"Any of: {labels}.", tuple(members[g.id])))
    return tuple(out)


def symptom_ask(
    kb: KnowledgeBase,
    qid: str,
    ids: Sequence[str],
    level: int,
    together: bool = False,
    grouped: bool = False,
) -> Ask:
    to = URGENCY_LEVELS[level]
    if len(ids) == 1 and not together:
        text = kb.symptoms[ids[0]].question
    elif together:
        text = "Do you have any of these now? Together they can change what to do."
    else:
        text = SIGNS_TEXT[to]
    items = choices_for(kb, ids, grouped)
    return Ask(qid, "symptoms", text, "symptoms", items, to, danger=_danger(kb, ids, level))


def _danger(kb: KnowledgeBase, ids: Sequence[str], level: int) -> bool:
    """Whether a screen of these signs, asked at this level, is a screen of danger signs."""
    return level >= URGENCY_LEVELS.index("urgent") and any(kb.symptoms[s].red_flag for s in ids)


def _each_ask(
    kb: KnowledgeBase, qid: str, ids: Sequence[str], level: int, text: str, why: str, danger: bool
) -> Ask:
    """A screen of signs named one by one: a single sign is asked as its own question."""
    question = kb.symptoms[ids[0]].question if len(ids) == 1 else text
    items = choices_for(kb, ids)
    return Ask(
        qid, "symptoms", question, "symptoms", items, URGENCY_LEVELS[level], danger=danger, why=why
    )


def which_ask(kb: KnowledgeBase, qid: str, ids: Sequence[str], level: int) -> Ask:
    """After she ticked a group of signs: which of them she has, each on its own."""
    text = "You said you have at least one of these. Which ones do you have now?"
    why = "Each of them can change what to do."
    return _each_ask(kb, qid, ids, level, text, why, _danger(kb, ids, level))


def history_ask(kb: KnowledgeBase, ids: Sequence[str], level: int, qid: str = "history") -> Ask:
    text = "About your pregnancy: do any of these apply to you?"
    why = "With these, the same signs can need care sooner."
    return _each_ask(kb, qid, ids, level, text, why, danger=False)


def field_for(kb: KnowledgeBase, key: str) -> Field:
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


def form_ask(
    kb: KnowledgeBase,
    qid: str,
    keys: Sequence[str],
    reach: Mapping[str, tuple[int, int]],
    text: str,
    why: str,
) -> Ask:
    to = URGENCY_LEVELS[max(reach[k][1] for k in keys)]
    if len(keys) == 1:
        return scalar_ask(kb, keys[0], to, why=why)
    fields = tuple(field_for(kb, k) for k in keys)
    return Ask(qid, "form", text, "form", (), to, fields=fields, why=why)


def scalar_ask(kb: KnowledgeBase, key: str, could_raise_to: str, why: str = "") -> Ask:
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


def pattern_check_ask(kb: KnowledgeBase, could_raise_to: str) -> Ask:
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


def week_ask(kb: KnowledgeBase, found: Findings, could_raise_to: str, skip: frozenset[str]) -> Ask:
    """The week, and whether she has had the baby (then no week applies, TRIAGE 3.6)."""
    ends = [s.id for s in kb.symptoms.values() if s.ends_pregnancy]
    unknown = [s for s in ends if found.status(s) == "unknown" and s not in skip]
    if not unknown:
        return scalar_ask(kb, "gestational_weeks", could_raise_to, why=WHY_WEEK)
    fields = (
        field_for(kb, "gestational_weeks"),
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
    chosen = _chosen(ask, answer)
    symptoms = dict(data.get("symptoms", {}))
    for item in ask.items:
        if item.members and item.id in chosen:
            continue  # a ticked group: the next screen asks which of them
        for sid in item.members or (item.id,):
            symptoms[sid] = "present" if item.id in chosen else "absent"
    data["symptoms"] = symptoms
    return _parse(data, kb, ask.id)


def ticked_members(ask: Ask, answer: Any) -> frozenset[str]:
    """The signs of the groups she ticked on a symptoms screen (asked next, each on its own)."""
    if ask.kind != "symptoms" or not any(c.members for c in ask.items):
        return frozenset()
    chosen = _chosen(ask, answer)
    return frozenset(m for c in ask.items if c.id in chosen for m in c.members)


def _chosen(ask: Ask, answer: Any) -> list[str]:
    """The item ids she ticked on a symptoms screen; raises AnswerError for an answer that does
    not fit (an empty list is refused, never taken as "no")."""
    if answer == NONE:
        return []
    if isinstance(answer, str):
        return _known(ask, [answer])
    if not isinstance(answer, list | tuple) or not all(isinstance(a, str) for a in answer):
        raise AnswerError(
            Problem(ask.id, answer, f"a list of the item ids, or {NONE!r}", "is not a list of ids")
        )
    if not answer:
        raise AnswerError(
            Problem(
                ask.id,
                answer,
                f"the ids of the items you have, or {NONE!r} for none of them",
                "is empty: choose the items you have, or say none of them",
            )
        )
    return _known(ask, list(answer))


def _known(ask: Ask, chosen: list[str]) -> list[str]:
    allowed_ids = {c.id for c in ask.items}
    bad = [a for a in chosen if a not in allowed_ids]
    if bad:
        raise AnswerError(
            Problem(ask.id, bad[0], ", ".join(sorted(allowed_ids)), "is not one of the choices")
        )
    return chosen


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
        elif key not in kb.scalars:
            raise AnswerError(
                Problem(
                    f"corrections.{key}",
                    key,
                    "a symptom id or a findings key",
                    "is not a finding",
                )
            )
        elif value is None:
            data.pop(key, None)
        else:
            data[key] = value
    data["symptoms"] = symptoms
    try:
        return parse_findings(data, kb)
    except FindingsError as exc:
        raise AnswerError(
            [
                Problem(
                    f"corrections.{p.field.removeprefix('symptoms.')}",
                    p.value,
                    p.allowed,
                    p.message,
                )
                for p in exc.problems
            ]
        ) from None
