"""The loaded knowledge base as one value: every record by id, and the conditions compiled for the engine.

Owns: KnowledgeBase and the compiled forms the engine and the plain evaluator read. Never: reading a
file or checking a record (knowledge.loader does), or a clinical fact of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pregback.knowledge import schema
from pregback.knowledge.codes import Coding
from pregback.knowledge.conditions import Atom, Atoms, Clause
from pregback.knowledge.lexicon import Lexicon

#: A condition in disjunctive normal form, for the plain evaluator (conditions.holds).
Plain = tuple[tuple[Atom, ...], ...]


@dataclass(frozen=True)
class CompiledRule:
    rule: schema.RuleDef
    rank: int  # index of its urgency in URGENCY_LEVELS
    clauses: list[Clause]


@dataclass(frozen=True)
class CompiledFeature:
    weight: float
    clauses: list[Clause]


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded base is one value
class KnowledgeBase:
    path: Path
    version: str
    levels: dict[str, schema.UrgencyLevel]
    limits: schema.Limits
    sources: dict[str, schema.Source]
    scalars: dict[str, schema.ScalarDef]
    locations: dict[str, schema.LocationDef]
    symptoms: dict[str, schema.SymptomDef]
    causes: dict[str, schema.CauseDef]
    rules: dict[str, schema.RuleDef]
    advice: dict[str, schema.AdviceItem]
    claims: dict[str, schema.Claim]
    locale: schema.Locale
    service: dict[str, schema.ServicePolicy]
    timing: schema.Timing
    terms: dict[str, schema.TermDef]
    contraindications: dict[str, schema.Contraindication]
    atoms: Atoms
    compiled_rules: list[CompiledRule]
    compiled_features: dict[str, list[CompiledFeature]]
    #: Conditions the plain evaluator applies, by owner: ("term", id), ("requires", cause id),
    #: ("advice", id), ("contra", id), ("variant", level, i), ("note", rule id, i).
    plain: dict[tuple[str, ...], Plain]
    #: Standard codes (SNOMED CT, LOINC) by symptom, cause or scalar id, from codes.yaml.
    codes: dict[str, tuple[Coding, ...]] = field(default_factory=dict)
    #: The reading lexicon (lexicon/<language>/), checked with the rest.
    lexicon: Lexicon | None = None
    #: Signs that may be asked as one tick (findings.yaml ask_groups), by group id.
    ask_groups: dict[str, schema.AskGroup] = field(default_factory=dict)

    def source_label(self, sid: str) -> str:
        s = self.sources[sid]
        year = f" ({s.year})" if s.year else ""
        return f"{s.by}, {s.title}{year}"
