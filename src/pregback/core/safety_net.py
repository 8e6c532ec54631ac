"""The safety-net: the signs that would raise the level now, and the questions not yet answered
that could (TRIAGE P2).

Owns: turning the engine's one-sign reach into plain lines and questions. Never: I/O, or wording
of its own beyond the knowledge base's labels and the sign templates of conditions.py.
"""

from __future__ import annotations

from functools import lru_cache

from pregback.core.assessment import Question, SafetyNetLine
from pregback.core.engine import FACT_KEYS, Engine
from pregback.core.findings import Findings
from pregback.knowledge import KnowledgeBase
from pregback.knowledge.conditions import AFTER_BIRTH, FACTS, SIGN_WORDS, Context, holds
from pregback.knowledge.schema import URGENCY_LEVELS


def safety_net(
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
