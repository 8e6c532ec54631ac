"""The compiled rule engine: clauses of atoms as integer bitmasks, evaluated in microseconds.

Owns: which atoms hold for some findings, which rules fire, which causes' features fit, and which
single further sign would complete a higher rule (for the safety-net). Never: clinical facts
(those are the compiled knowledge base), I/O, or wording.

A clause holds when all its atoms hold: `mask & ~true == 0`. Rules are indexed by a selective
"key" atom (a symptom, location or value rather than a week window), so only clauses whose key
holds are checked. Clauses whose other atoms are all week windows are one sign away from firing
exactly when their key is missing and the week fits; that part is precomputed for every week.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from pregback.core.findings import Findings
from pregback.core.labour import LabourSummary
from pregback.knowledge import KnowledgeBase
from pregback.knowledge.conditions import AFTER_BIRTH

#: Preference for a clause's key atom: the rarer an atom holds, the better a key it makes.
KEY_ORDER = {
    "present": 0,
    "location": 1,
    "is": 2,
    "cmp": 3,
    "unknown": 4,
    "not_present": 5,
    "not_term": 5,
    "weeks": 6,
}
WEEKS = range(0, 46)
#: The findings key that answers a fact (for the interview); facts not listed only come from timed
#: waves (waves_recorded, waves_last_10_min) and no question answers them.
FACT_KEYS = {
    "gestational_weeks": "gestational_weeks",
    "pain_severity": "pain_severity",
    "pain_duration_days": "pain_duration_days",
    "interval_min": "episode_interval_min",
    "wave_duration_s": "episode_duration_s",
    "longest_wave_s": "episode_duration_s",
    "waves_last_hour": "episodes_last_hour",
    "held_hours": "pattern_hours",
}
#: Every week key: unknown (None), completed weeks, and after the birth (no window holds).
WEEK_KEYS: tuple[int | None, ...] = (None, *WEEKS, AFTER_BIRTH)


def facts_of(findings: Findings, timing: LabourSummary | None) -> dict[str, float]:
    """The facts rules compare: findings first, then what the timed waves show (TRIAGE 4.1)."""
    s = findings.scalars
    facts: dict[str, float] = {}
    for key in ("gestational_weeks", "pain_severity", "pain_duration_days"):
        if key in s:
            facts[key] = float(s[key])  # type: ignore[arg-type]

    def pick(name: str, given: str, derived: float | None) -> None:
        if given in s:
            facts[name] = float(s[given])  # type: ignore[arg-type]
        elif derived is not None:
            facts[name] = float(derived)

    t = timing
    pick("interval_min", "episode_interval_min", t.current_interval_min if t else None)
    pick("wave_duration_s", "episode_duration_s", t.wave_duration_s if t else None)
    pick("waves_last_hour", "episodes_last_hour", t.waves_last_hour if t else None)
    pick("held_hours", "pattern_hours", t.held_hours if t else None)
    longest = [float(s["episode_duration_s"])] if "episode_duration_s" in s else []  # type: ignore[arg-type]
    if t and t.longest_wave_s is not None:
        longest.append(t.longest_wave_s)
    if longest:
        facts["longest_wave_s"] = max(longest)
    if t:
        facts["waves_last_10_min"] = float(t.waves_last_10_min)
    facts["waves_recorded"] = float(t.count if t else 0)
    return facts


def _week_fits(atom: tuple[Any, ...], week: int | None) -> bool:
    lo, hi = atom[1], atom[2]
    return week is None or ((lo is None or week >= lo) and (hi is None or week <= hi))


OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": float.__ge__,
    "<=": float.__le__,
    ">": float.__gt__,
    "<": float.__lt__,
}


class Engine:
    """The rules and cause profiles of one knowledge base, compiled."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        atoms = kb.atoms.atoms
        self.atoms = atoms
        self.present_bit: dict[str, int] = {}
        self.location_bit: dict[str, int] = {}
        self.is_bit: dict[tuple[str, str], int] = {}
        self.not_present: list[tuple[int, str]] = []
        self.fact_tests: dict[str, list[tuple[int, Callable[[float, float], bool], float]]] = {}
        self.unknown_bit: dict[str, int] = {}
        self.not_term: list[tuple[int, tuple[tuple[Any, ...], ...]]] = []
        self.ends_pregnancy = frozenset(s.id for s in kb.symptoms.values() if s.ends_pregnancy)
        weeks_atoms: list[int] = []
        for i, atom in enumerate(atoms):
            kind, bit = atom[0], 1 << i
            if kind == "present":
                self.present_bit[atom[1]] = bit
            elif kind == "location":
                self.location_bit[atom[1]] = bit
            elif kind == "is":
                self.is_bit[(atom[1], atom[2])] = bit
            elif kind == "not_present":
                self.not_present.append((bit, atom[1]))
            elif kind == "not_term":
                self.not_term.append((bit, atom[2]))
            elif kind == "weeks":
                weeks_atoms.append(i)
            elif kind == "unknown":
                self.unknown_bit[atom[1]] = self.unknown_bit.get(atom[1], 0) | bit
                self.fact_tests.setdefault(atom[1], [])
            else:
                _, name, op, value = atom
                self.fact_tests.setdefault(name, []).append((bit, OPS[op], value))
        # The week windows that hold in each completed week (None: unknown week, every window holds;
        # after the birth none does).
        self.week_mask: dict[int | None, int] = {
            w: sum(1 << i for i in weeks_atoms if _week_fits(atoms[i], w)) for w in [None, *WEEKS]
        }
        self.week_mask[AFTER_BIRTH] = 0
        atom_index = kb.atoms.index
        # A negated term holds when none of the term's clauses holds (terms use no negation).
        self.not_term_masks = [
            (bit, [sum(1 << atom_index[a] for a in clause) for clause in clauses])
            for bit, clauses in self.not_term
        ]
        weeks_bits = sum(1 << i for i in weeks_atoms)

        self.rules = kb.compiled_rules
        self.by_key: dict[int, list[tuple[int, int]]] = {}
        static: list[tuple[int, int, int]] = []  # (key atom, rank, week mask of the rest)
        self.dynamic: list[tuple[int, int]] = []  # (mask, rank)
        self.clauses: list[tuple[int, int]] = []  # every clause: (mask, rank), in no useful order
        for r_index, cr in enumerate(self.rules):
            for clause in cr.clauses:
                key = min(clause, key=lambda a: (KEY_ORDER[atoms[a][0]], a))
                mask = sum(1 << a for a in clause)
                self.clauses.append((mask, cr.rank))
                self.by_key.setdefault(key, []).append((mask, r_index))
                rest = mask & ~(1 << key)
                if rest & ~weeks_bits == 0:
                    static.append((key, cr.rank, rest))
                else:
                    self.dynamic.append((mask, cr.rank))
        # For each week: (key atom, rank) of the week-only clauses that fit, highest rank first.
        self.one_away: dict[int | None, list[tuple[int, int]]] = {
            w: sorted(((k, r) for k, r, rest in static if rest & ~m == 0), key=lambda t: -t[1])
            for w, m in self.week_mask.items()
        }
        # A dynamic clause is one sign away only if one of its non-week atoms holds: index by them.
        self.dynamic_by_atom: dict[int, list[int]] = {}
        for d_index, (mask, _r) in enumerate(self.dynamic):
            rest = mask & ~weeks_bits
            while rest:
                low = rest & -rest
                rest ^= low
                self.dynamic_by_atom.setdefault(low.bit_length() - 1, []).append(d_index)
        self.dynamic_mask = sum(1 << a for a in self.dynamic_by_atom)

        # Cause features: single-atom features by atom; other features by each clause's key atom.
        self.cause_ids = list(kb.causes)
        self.single: dict[int, list[tuple[int, float]]] = {}
        self.multi: dict[int, list[tuple[int, int, float, int]]] = {}
        feature_id = 0
        for c_index, cid in enumerate(self.cause_ids):
            for feat in kb.compiled_features[cid]:
                feature_id += 1
                if len(feat.clauses) == 1 and len(feat.clauses[0]) == 1:
                    (a,) = feat.clauses[0]
                    self.single.setdefault(a, []).append((c_index, feat.weight))
                    continue
                for clause in feat.clauses:
                    key = min(clause, key=lambda a: (KEY_ORDER[atoms[a][0]], a))
                    mask = sum(1 << a for a in clause)
                    self.multi.setdefault(key, []).append((feature_id, c_index, feat.weight, mask))
        index = {cid: i for i, cid in enumerate(self.cause_ids)}
        self.rule_causes = [tuple(index[c] for c in cr.rule.causes) for cr in self.rules]
        self.priors = [kb.causes[cid].prior for cid in self.cause_ids]
        self.single_mask = sum(1 << a for a in self.single)
        self.multi_mask = sum(1 << a for a in self.multi)
        self.key_mask = sum(1 << a for a in self.by_key)
        # Causes allowed in each completed week (P6: never proposed outside their window); after
        # the birth only those marked after_birth (TRIAGE 3.6).
        self.allowed: dict[int | None, tuple[int, ...]] = {
            w: tuple(
                i
                for i, cid in enumerate(self.cause_ids)
                if w is None
                or (
                    (kb.causes[cid].window.min is None or w >= kb.causes[cid].window.min)
                    and (kb.causes[cid].window.max is None or w <= kb.causes[cid].window.max)
                )
            )
            for w in [None, *WEEKS]
        }
        self.allowed[AFTER_BIRTH] = tuple(
            i for i, cid in enumerate(self.cause_ids) if kb.causes[cid].after_birth
        )

    def facts(self, findings: Findings, timing: LabourSummary | None) -> dict[str, float]:
        """The facts rules compare; after the birth the week is not known (TRIAGE 3.6)."""
        facts = facts_of(findings, timing)
        if self.after_birth(findings):
            facts.pop("gestational_weeks", None)
        return facts

    def after_birth(self, findings: Findings) -> bool:
        return not self.ends_pregnancy.isdisjoint(findings.present)

    def week_of(self, findings: Findings, facts: Mapping[str, float]) -> int | None:
        """The week key: completed weeks, None when unknown, AFTER_BIRTH after the birth."""
        if self.after_birth(findings):
            return AFTER_BIRTH
        return self.week_key(facts.get("gestational_weeks"))

    def true_mask(self, findings: Findings, facts: Mapping[str, float]) -> int:
        present = findings.present
        pb = self.present_bit
        true = 0
        for s in present:
            true |= pb.get(s, 0)
        for loc in findings.locations:
            true |= self.location_bit.get(loc, 0)
        scalars = findings.scalars
        for key in ("onset", "pattern"):
            value = scalars.get(key)
            if value is not None:
                true |= self.is_bit.get((key, value), 0)  # type: ignore[arg-type]
        for bit, sid in self.not_present:
            if sid not in present:
                true |= bit
        true |= self.week_mask[self.week_of(findings, facts)]
        unknown_bit = self.unknown_bit
        for name, tests in self.fact_tests.items():
            value = facts.get(name)
            if value is None:
                true |= unknown_bit.get(name, 0)
                continue
            for bit, compare, threshold in tests:
                if compare(value, threshold):
                    true |= bit
        for bit, masks in self.not_term_masks:
            if not any(m & ~true == 0 for m in masks):
                true |= bit
        return true

    def fired(self, true: int) -> list[int]:
        """Indexes of the rules that fire."""
        out: set[int] = set()
        rest = true & self.key_mask
        by_key = self.by_key
        while rest:
            low = rest & -rest
            rest ^= low
            for mask, r_index in by_key[low.bit_length() - 1]:
                if mask & ~true == 0:
                    out.add(r_index)
        return sorted(out)

    def fit(self, true: int) -> list[float]:
        """How well the findings fit each cause's profile (sum of the weights of features that hold)."""
        scores = [0.0] * len(self.cause_ids)
        single = self.single
        rest = true & self.single_mask
        while rest:
            low = rest & -rest
            rest ^= low
            for c_index, weight in single[low.bit_length() - 1]:
                scores[c_index] += weight
        rest = true & self.multi_mask
        done: set[int] = set()
        while rest:
            low = rest & -rest
            rest ^= low
            for feature_id, c_index, weight, mask in self.multi[low.bit_length() - 1]:
                if mask & ~true == 0 and feature_id not in done:
                    done.add(feature_id)
                    scores[c_index] += weight
        return scores

    def week_key(self, week: float | None) -> int | None:
        return None if week is None else min(45, math.floor(week))

    def static_reach(self, week: int | None, rank: int) -> dict[int, int]:
        """Atom -> highest level it alone reaches through week-only clauses. A static clause whose key
        held would already have fired, so this depends on the week and the level only."""
        out: dict[int, int] = {}
        for atom, r in self.one_away[week]:
            if r <= rank:
                break
            out.setdefault(atom, r)
        return out

    def dynamic_reach(self, true: int, rank: int) -> dict[int, int]:
        """Atom -> highest level it alone would reach through the other clauses."""
        candidates: set[int] = set()
        rest = true & self.dynamic_mask
        while rest:
            low = rest & -rest
            rest ^= low
            candidates.update(self.dynamic_by_atom[low.bit_length() - 1])
        out: dict[int, int] = {}
        missing_all = ~true
        dynamic = self.dynamic
        for d_index in candidates:
            mask, r = dynamic[d_index]
            if r <= rank:
                continue
            missing = mask & missing_all
            if missing and missing & (missing - 1) == 0:
                atom = missing.bit_length() - 1
                if out.get(atom, -1) < r:
                    out[atom] = r
        return out

    def open_mask(
        self, findings: Findings, facts: Mapping[str, float], closed: frozenset[str] = frozenset()
    ) -> int:
        """Atoms that are false now but one answer could make true: a symptom not yet answered,
        a scalar not yet known (the findings key that answers a fact, FACT_KEYS), unless `closed`
        (skipped, or implied absent). Week windows, negations and counts of timed waves are never
        open: no answer makes them true."""
        out = 0
        symptoms = findings.symptoms
        scalars = findings.scalars
        for s, bit in self.present_bit.items():
            if s not in symptoms and s not in closed:
                out |= bit
        if "pain_locations" not in scalars and "pain_locations" not in closed:
            for bit in self.location_bit.values():
                out |= bit
        for (key, _value), bit in self.is_bit.items():
            if key not in scalars and key not in closed:
                out |= bit
        for name, tests in self.fact_tests.items():
            answered_by = FACT_KEYS.get(name)
            if answered_by is None or name in facts or answered_by in closed:
                continue
            for bit, _compare, _threshold in tests:
                out |= bit
        return out

    def open_reach(self, true: int, open_bits: int, rank: int) -> dict[int, tuple[int, int]]:
        """For every open atom in a clause above `rank` that can still fire (each of its missing
        atoms open): (the highest rank it reaches on its own, 0 if none; the highest rank it reaches
        with other open atoms). An empty result means no answer can raise the level any more
        (TRIAGE P2), whatever the order of the rules."""
        out: dict[int, tuple[int, int]] = {}
        missing_all = ~true
        for mask, r in self.clauses:
            if r <= rank:
                continue
            missing = mask & missing_all
            if not missing or missing & ~open_bits:
                continue
            alone = missing & (missing - 1) == 0
            rest = missing
            while rest:
                low = rest & -rest
                rest ^= low
                atom = low.bit_length() - 1
                one, many = out.get(atom, (0, 0))
                out[atom] = (max(one, r) if alone else one, max(many, r))
        return out

    def two_signs_away(self, true: int, rank: int) -> dict[int, int]:
        """Symptom atom -> highest level it reaches together with one other missing symptom (for the
        interview, after the single signs: two-part rules such as E9 or U23)."""
        out: dict[int, int] = {}
        missing_all = ~true
        for mask, r in self.dynamic:  # any order of the rules file: every clause is looked at
            if r <= rank:
                continue
            missing = mask & missing_all
            first = missing & -missing
            second = missing ^ first
            if first and second and second & (second - 1) == 0:
                atoms = (first.bit_length() - 1, second.bit_length() - 1)
                if all(self.atoms[a][0] == "present" for a in atoms):
                    for a in atoms:
                        if out.get(a, -1) < r:
                            out[a] = r
        return out


_ENGINES: dict[int, Engine] = {}


def engine_for(kb: KnowledgeBase) -> Engine:
    found = _ENGINES.get(id(kb))
    if found is None or found.kb is not kb:
        found = _ENGINES[id(kb)] = Engine(kb)
    return found
