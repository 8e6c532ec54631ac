"""Conditions over findings: the closed language of the data files, compiled to clauses of atoms.

Owns: parsing and checking a condition, turning it into disjunctive normal form. Never: I/O.

A condition is a one-key mapping:

    present: <symptom>        any_present: [<symptom>, ...]     not_present: <protective symptom>
    location: <location>      any_location: [<location>, ...]
    is: {onset|pattern: <value>}
    at_least | at_most | more_than | less_than: {<fact>: <number>}   (an unknown fact is false)
    unknown: <fact>           weeks: {min: a, max: b}                  (an unknown week is inside)
    all: [<condition>, ...]   any: [<condition>, ...]
    term: <term id>           not_term: <protective term id>           (TRIAGE 3 terms, rules.yaml)
    fired: [<rule id>, ...]   (advice and level texts only: one of these rules fired)

It compiles to clauses (a rule fires when every atom of one clause holds). An atom is a
hashable tuple; `Atoms` numbers them so that a clause is a frozenset of ints.

After the birth (a finding marked `ends_pregnancy`, TRIAGE 3.6) no week window holds and the week
is not known: `weeks` atoms are false and comparisons on gestational_weeks too.

`holds` is a plain evaluator of compiled atoms: the engine's bitmasks are the fast path for rules;
advice, level texts and the tests use this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product
from typing import Any

from pregback.errors import KnowledgeError

#: Facts a condition may compare, with what they mean (documentation and validation).
FACTS: dict[str, str] = {
    "gestational_weeks": "completed weeks of pregnancy",
    "pain_severity": "worst back pain now, 0-10",
    "pain_duration_days": "how long the back pain has lasted, in days",
    "interval_min": "current interval between waves, start to start, in minutes",
    "wave_duration_s": "typical length of a wave, in seconds",
    "longest_wave_s": "the longest single wave recorded, in seconds",
    "waves_last_hour": "waves starting in the last hour",
    "waves_last_10_min": "waves starting in the last ten minutes",
    "held_hours": "hours the waves have kept coming at least every held_threshold_min minutes (levels.yaml timing; 5-1-1)",
    "waves_recorded": "number of timed waves given",
}
#: How a sign that would raise the level reads in a safety-net, by fact and comparison.
SIGN_WORDS: dict[tuple[str, str], str] = {
    ("interval_min", "<="): "waves come every {v} minutes or more often",
    ("waves_last_hour", ">="): "{v} or more waves in an hour",
    ("waves_last_10_min", ">="): "{v} or more waves in 10 minutes",
    ("longest_wave_s", ">"): "a wave lasts longer than {v} seconds",
    ("wave_duration_s", ">="): "waves last {v} seconds or longer",
    ("held_hours", ">="): "the waves keep that pace for {v} hour(s)",
    ("pain_severity", ">="): "the pain reaches {v} out of 10",
    ("pain_duration_days", ">"): "the pain lasts more than {v} days",
    ("waves_recorded", ">="): "contractions that you time",
}
COMPARISONS = {"at_least": ">=", "at_most": "<=", "more_than": ">", "less_than": "<"}
KEYS = (
    "present",
    "any_present",
    "not_present",
    "location",
    "any_location",
    "is",
    *COMPARISONS,
    "unknown",
    "weeks",
    "all",
    "any",
    "term",
    "not_term",
    "fired",
)

Atom = tuple[Any, ...]
Clause = frozenset[int]


class Vocabulary:
    """The ids a condition may name: findings.yaml's, the terms of rules.yaml, and (for advice and
    level texts only) the rule ids."""

    def __init__(
        self,
        symptoms: Iterable[str],
        locations: Iterable[str],
        choices: dict[str, list[str]],
        protective: Iterable[str],
        terms: dict[str, tuple[tuple[Atom, ...], ...]] | None = None,
        protective_terms: Iterable[str] = (),
        rules: Iterable[str] | None = None,
    ) -> None:
        self.symptoms = frozenset(symptoms)
        self.locations = frozenset(locations)
        self.choices = choices
        self.protective = frozenset(protective)
        self.terms = terms if terms is not None else {}
        self.protective_terms = frozenset(protective_terms)
        self.rules = None if rules is None else frozenset(rules)


class Atoms:
    """Numbers atoms, so that clauses are sets of small ints."""

    def __init__(self) -> None:
        self.index: dict[Atom, int] = {}
        self.atoms: list[Atom] = []

    def number(self, atom: Atom) -> int:
        found = self.index.get(atom)
        if found is None:
            found = self.index[atom] = len(self.atoms)
            self.atoms.append(atom)
        return found


def compile_condition(cond: Any, vocab: Vocabulary, atoms: Atoms, where: str) -> list[Clause]:
    """Check a condition and return its clauses; raise KnowledgeError naming `where`."""
    clauses = dnf(cond, vocab, where)
    for clause in clauses:
        for a in clause:
            if a[0] == "not_term":  # the engine evaluates a negated term from its own atoms
                for inner in a[2]:
                    for b in inner:
                        atoms.number(b)
    return [frozenset(atoms.number(a) for a in clause) for clause in clauses]


def dnf(cond: Any, vocab: Vocabulary, where: str) -> tuple[tuple[Atom, ...], ...]:
    """Check a condition and return it in disjunctive normal form, as clauses of atoms."""
    return tuple(tuple(dict.fromkeys(clause)) for clause in _dnf(cond, vocab, where))


#: A week key: completed weeks 0-45, None when unknown, AFTER_BIRTH after the birth.
AFTER_BIRTH = -1


class Context:
    """What a condition is evaluated against (the plain evaluator)."""

    __slots__ = ("facts", "fired", "is_values", "locations", "present", "week")

    def __init__(
        self,
        present: frozenset[str],
        locations: Iterable[str],
        is_values: dict[str, str],
        facts: dict[str, float],
        week: int | None,
        fired: Iterable[str] = (),
    ) -> None:
        self.present = present
        self.locations = frozenset(locations)
        self.is_values = is_values
        self.facts = facts
        self.week = week
        self.fired = frozenset(fired)


_CMP = {
    ">=": float.__ge__,
    "<=": float.__le__,
    ">": float.__gt__,
    "<": float.__lt__,
}


def holds(clauses: tuple[tuple[Atom, ...], ...], ctx: Context) -> bool:
    """True when every atom of one clause holds."""
    return any(all(_atom_holds(a, ctx) for a in clause) for clause in clauses)


def _atom_holds(a: Atom, ctx: Context) -> bool:
    kind = a[0]
    if kind == "present":
        return a[1] in ctx.present
    if kind == "not_present":
        return a[1] not in ctx.present
    if kind == "location":
        return a[1] in ctx.locations
    if kind == "is":
        return bool(ctx.is_values.get(a[1]) == a[2])
    if kind == "cmp":
        value = ctx.facts.get(a[1])
        return value is not None and bool(_CMP[a[2]](float(value), a[3]))
    if kind == "unknown":
        return a[1] not in ctx.facts
    if kind == "weeks":
        w = ctx.week
        if w is None:
            return True
        return w != AFTER_BIRTH and (a[1] is None or w >= a[1]) and (a[2] is None or w <= a[2])
    if kind == "not_term":
        return not holds(a[2], ctx)
    if kind == "fired":
        return a[1] in ctx.fired
    raise ValueError(f"unknown atom {a!r}")  # pragma: no cover - compile_condition never makes one


def _fail(where: str, value: Any, allowed: str) -> KnowledgeError:
    return KnowledgeError(f"{where}: {value!r} is not allowed (allowed: {allowed})")


def _dnf(cond: Any, vocab: Vocabulary, where: str) -> list[list[Atom]]:
    if not isinstance(cond, dict) or len(cond) != 1:
        raise _fail(where, cond, "a mapping with exactly one of " + ", ".join(KEYS))
    ((key, arg),) = cond.items()
    here = f"{where}.{key}"
    if key in ("all", "any"):
        if not isinstance(arg, list) or not arg:
            raise _fail(here, arg, "a non-empty list of conditions")
        parts = [_dnf(c, vocab, f"{here}[{i}]") for i, c in enumerate(arg)]
        if key == "any":
            return [clause for part in parts for clause in part]
        return [[a for clause in combo for a in clause] for combo in product(*parts)]
    if key == "present":
        return [[("present", _symptom(arg, vocab, here))]]
    if key == "any_present":
        return [[("present", _symptom(s, vocab, here))] for s in _list(arg, here)]
    if key == "not_present":
        sid = _symptom(arg, vocab, here)
        if sid not in vocab.protective:
            raise _fail(
                here,
                sid,
                "a protective finding (TRIAGE P4): " + ", ".join(sorted(vocab.protective)),
            )
        return [[("not_present", sid)]]
    if key == "location":
        return [[("location", _location(arg, vocab, here))]]
    if key == "any_location":
        return [[("location", _location(loc, vocab, here))] for loc in _list(arg, here)]
    if key == "is":
        if not isinstance(arg, dict) or len(arg) != 1:
            raise _fail(here, arg, "one of {onset: ...} or {pattern: ...}")
        ((field, value),) = arg.items()
        if field not in vocab.choices:
            raise _fail(here, field, ", ".join(vocab.choices))
        if value not in vocab.choices[field]:
            raise _fail(f"{here}.{field}", value, ", ".join(vocab.choices[field]))
        return [[("is", field, value)]]
    if key in COMPARISONS:
        if not isinstance(arg, dict) or len(arg) != 1:
            raise _fail(here, arg, "{fact: number}, fact one of " + ", ".join(FACTS))
        ((fact, value),) = arg.items()
        if fact not in FACTS:
            raise _fail(here, fact, ", ".join(FACTS))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail(f"{here}.{fact}", value, "a number")
        return [[("cmp", fact, COMPARISONS[key], float(value))]]
    if key == "unknown":
        if arg not in FACTS:
            raise _fail(here, arg, ", ".join(FACTS))
        return [[("unknown", arg)]]
    if key == "weeks":
        if not isinstance(arg, dict) or not arg or set(arg) - {"min", "max"}:
            raise _fail(here, arg, "{min: weeks, max: weeks}")
        lo, hi = arg.get("min"), arg.get("max")
        for name, v in (("min", lo), ("max", hi)):
            if v is not None and (
                isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 45
            ):
                raise _fail(f"{here}.{name}", v, "whole weeks 0-45")
        return [[("weeks", lo, hi)]]
    if key == "term":
        if arg not in vocab.terms:
            raise _fail(here, arg, "a term of rules.yaml: " + ", ".join(sorted(vocab.terms)))
        return [list(clause) for clause in vocab.terms[arg]]
    if key == "not_term":
        if arg not in vocab.protective_terms:
            raise _fail(
                here,
                arg,
                "a protective term (TRIAGE P4): " + ", ".join(sorted(vocab.protective_terms)),
            )
        return [[("not_term", arg, vocab.terms[arg])]]
    if key == "fired":
        if vocab.rules is None:
            raise _fail(here, "fired", "fired is used only by advice and level texts")
        for rid in _list(arg, here):
            if rid not in vocab.rules:
                raise _fail(here, rid, "a rule id of rules.yaml")
        return [[("fired", rid)] for rid in arg]
    raise _fail(where, key, ", ".join(KEYS))


def _list(arg: Any, where: str) -> list[Any]:
    if not isinstance(arg, list) or not arg:
        raise _fail(where, arg, "a non-empty list")
    return arg


def _symptom(sid: Any, vocab: Vocabulary, where: str) -> str:
    if sid not in vocab.symptoms:
        raise _fail(where, sid, "a symptom id of findings.yaml")
    return str(sid)


def _location(loc: Any, vocab: Vocabulary, where: str) -> str:
    if loc not in vocab.locations:
        raise _fail(where, loc, ", ".join(sorted(vocab.locations)))
    return str(loc)
