"""The finding ids the lexicon may name: from a knowledge base, or from findings.yaml alone.

Owns: which symptom, location and choice ids exist, which are history items or protective, and the
scalar ranges. Never: any phrase (that is the lexicon).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

FINDINGS_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "findings.yaml"


@dataclass(frozen=True)
class Vocabulary:
    """The finding ids the lexicon may use, from the knowledge base (or findings.yaml alone)."""

    symptoms: frozenset[str]
    locations: frozenset[str]
    history: frozenset[str]  # facts about her past: a historical cue keeps them
    protective: frozenset[str]  # may lower the urgency: on a conflict, absent wins (P4)
    scalars: dict[
        str, tuple[float | None, float | None, bool, str]
    ]  # id -> min, max, exclusive_min, type
    choices: dict[str, tuple[str, ...]]

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.symptoms, self.locations, self.history, tuple(sorted(self.choices.items())))


def vocabulary_from(kb: Any = None) -> Vocabulary:
    """The ids of a KnowledgeBase, or of the bundled findings.yaml when no kb is given."""
    if kb is not None:
        syms = kb.symptoms.values()
        scal = kb.scalars.values()
        locs = list(kb.locations)
        rows = [(s.id, s.history, s.protective) for s in syms]
        sc = [(s.id, s.min, s.max, s.exclusive_min, s.type, tuple(s.choices)) for s in scal]
    else:
        from pregback.knowledge import read_yaml

        data = read_yaml(FINDINGS_FILE)
        rows = [
            (s["id"], bool(s.get("history")), bool(s.get("protective"))) for s in data["symptoms"]
        ]
        locs = [loc["id"] for loc in data["locations"]]
        sc = [
            (
                s["id"],
                s.get("min"),
                s.get("max"),
                bool(s.get("exclusive_min")),
                s["type"],
                tuple(s.get("choices", ())),
            )
            for s in data["scalars"]
        ]
    return Vocabulary(
        symptoms=frozenset(r[0] for r in rows),
        locations=frozenset(locs),
        history=frozenset(r[0] for r in rows if r[1]),
        protective=frozenset(r[0] for r in rows if r[2]),
        scalars={r[0]: (r[1], r[2], r[3], r[4]) for r in sc},
        choices={r[0]: r[5] for r in sc if r[5]},
    )
