"""The knowledge base: data files loaded once, validated, and compiled for the engine.

Owns: reading the YAML files, checking every record and cross-reference, compiling conditions.
Never: clinical logic of its own; every clinical fact is in the data files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from pregback.errors import KnowledgeError
from pregback.knowledge import schema
from pregback.knowledge.conditions import Atoms, Clause, Vocabulary, compile_condition
from pregback.knowledge.lexicon import Lexicon

DATA = Path(__file__).parent / "data"
FILES = ("levels", "sources", "findings", "causes", "rules", "advice", "claims")
LANGUAGE = "en"  # the lexicon read from lexicon/<language>/ (a second language is one more folder)

M = TypeVar("M", bound=BaseModel)

try:  # libyaml is several times faster where it is installed
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


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
    atoms: Atoms
    compiled_rules: list[CompiledRule]
    compiled_features: dict[str, list[CompiledFeature]]
    lexicon: Lexicon | None = (
        None  # the reading lexicon (lexicon/<language>/), checked with the rest
    )

    def source_label(self, sid: str) -> str:
        s = self.sources[sid]
        year = f" ({s.year})" if s.year else ""
        return f"{s.by}, {s.title}{year}"


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML file whose top is a mapping; KnowledgeError naming the file otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{path}: file not found") from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top, got {type(data).__name__}")
    return data


def _records(model: type[M], raw: Any, where: str) -> dict[str, M]:
    if not isinstance(raw, list):
        raise KnowledgeError(f"{where}: expected a list of records")
    out: dict[str, M] = {}
    for i, rec in enumerate(raw):
        rid = rec.get("id", f"#{i}") if isinstance(rec, dict) else f"#{i}"
        try:
            item = model.model_validate(rec)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            allowed = ""
            if first["type"] == "extra_forbidden":
                allowed = f" (allowed keys: {', '.join(model.model_fields)})"
            raise KnowledgeError(
                f"{where} id {rid}: field {loc!r}: {first['msg']}; value {first.get('input')!r}{allowed}"
            ) from None
        key = item.id  # type: ignore[attr-defined]
        if key in out:
            raise KnowledgeError(f"{where} id {key}: the id is used twice")
        out[key] = item
    return out


def _check_refs(where: str, ids: list[str], known: dict[str, Any], what: str) -> None:
    for ref in ids:
        if ref not in known:
            raise KnowledgeError(f"{where}: unknown {what} {ref!r} (no such id in {what}s)")


def load_knowledge(path: str | Path | None = None) -> KnowledgeBase:
    """Load, validate and compile a knowledge base folder (the bundled one by default)."""
    folder = Path(path) if path is not None else DATA
    raw: dict[str, dict[str, Any]] = {}
    digest = hashlib.sha256()
    for name in FILES:
        file = folder / f"{name}.yaml"
        raw[name] = read_yaml(file)
        digest.update(file.read_bytes())
    from pregback.knowledge import lexicon_load

    lexicon_folder = folder / "lexicon" / LANGUAGE
    for file in lexicon_load.lexicon_files(lexicon_folder):  # a saved assessment names what read it
        digest.update(file.read_bytes() if file.is_file() else b"")
    version = digest.hexdigest()[:12]

    def part(name: str, key: str) -> Any:
        if key not in raw[name]:
            raise KnowledgeError(f"{folder / name}.yaml: missing top-level key {key!r}")
        return raw[name][key]

    def where(name: str) -> str:
        return f"{name}.yaml"

    sources = _records(schema.Source, part("sources", "sources"), where("sources"))
    levels = _records(schema.UrgencyLevel, part("levels", "levels"), where("levels"))
    if set(levels) != set(schema.URGENCY_LEVELS):
        raise KnowledgeError(f"levels.yaml: needs exactly {', '.join(schema.URGENCY_LEVELS)}")
    try:
        limits = schema.Limits.model_validate(part("levels", "limits"))
    except ValidationError as exc:
        raise KnowledgeError(f"levels.yaml limits: {exc.errors()[0]['msg']}") from None
    scalars = _records(
        schema.ScalarDef, part("findings", "scalars"), where("findings") + " scalars"
    )
    locations = _records(
        schema.LocationDef, part("findings", "locations"), where("findings") + " locations"
    )
    symptoms = _records(
        schema.SymptomDef, part("findings", "symptoms"), where("findings") + " symptoms"
    )
    causes = _records(schema.CauseDef, part("causes", "causes"), where("causes"))
    rules = _records(schema.RuleDef, part("rules", "rules"), where("rules"))
    advice = _records(schema.AdviceItem, part("advice", "advice"), where("advice"))
    claims = _records(schema.Claim, part("claims", "claims"), where("claims"))

    for sym in symptoms.values():
        _check_refs(f"findings.yaml symptoms id {sym.id} implies", sym.implies, symptoms, "symptom")
    for lvl in levels.values():
        _check_refs(f"levels.yaml id {lvl.id}", lvl.sources, sources, "source")
    _check_refs("levels.yaml limits", limits.sources, sources, "source")
    for c in causes.values():
        _check_refs(f"causes.yaml id {c.id}", c.sources, sources, "source")
    for r in rules.values():
        _check_refs(f"rules.yaml id {r.id}", r.sources, sources, "source")
        _check_refs(f"rules.yaml id {r.id}", r.causes, causes, "cause")
    for a in advice.values():
        here = f"advice.yaml id {a.id}"
        _check_refs(here, a.sources, sources, "source")
        _check_refs(here, a.causes, causes, "cause")
        _check_refs(here, a.locations, locations, "location")
        if a.supine and (
            a.never_from_week is None or a.never_from_week > limits.supine_exercise_from_week
        ):
            raise KnowledgeError(
                f"{here}: an exercise lying on the back needs never_from_week <= "
                f"{limits.supine_exercise_from_week} (TRIAGE 8); got {a.never_from_week!r}"
            )
        if a.nsaid and (a.never_from_week is None or a.never_from_week > limits.nsaid_from_week):
            raise KnowledgeError(
                f"{here}: an NSAID item needs never_from_week <= {limits.nsaid_from_week} "
                f"(TRIAGE 8); got {a.never_from_week!r}"
            )
    for cl in claims.values():
        _check_refs(f"claims.yaml id {cl.id}", cl.sources + cl.seen_in, sources, "source")
    loc_def = scalars.get("pain_locations")
    if loc_def is None or set(loc_def.choices) != set(locations):
        raise KnowledgeError(
            "findings.yaml: scalar pain_locations must list every location id as a choice"
        )

    vocab = Vocabulary(
        symptoms=symptoms,
        locations=locations,
        choices={k: list(scalars[k].choices) for k in ("onset", "pattern") if k in scalars},
        protective=[s.id for s in symptoms.values() if s.protective],
    )
    atoms = Atoms()
    order = {lvl: i for i, lvl in enumerate(schema.URGENCY_LEVELS)}
    compiled_rules = [
        CompiledRule(
            r,
            order[r.urgency],
            compile_condition(r.when, vocab, atoms, f"rules.yaml id {r.id} when"),
        )
        for r in rules.values()
    ]
    compiled_features = {
        c.id: [
            CompiledFeature(
                f.weight,
                compile_condition(f.when, vocab, atoms, f"causes.yaml id {c.id} features[{i}]"),
            )
            for i, f in enumerate(c.features)
        ]
        for c in causes.values()
    }
    for c in causes.values():
        if not any(f.weight > 0 for f in c.features):
            raise KnowledgeError(
                f"causes.yaml id {c.id}: needs at least one feature with a positive weight"
            )
    lexicon = lexicon_load.load_lexicon(lexicon_folder)
    lexicon_load.check(
        lexicon, lexicon_load.Vocabulary.of(symptoms.values(), locations, scalars.values())
    )
    return KnowledgeBase(
        lexicon=lexicon,
        path=folder,
        version=version,
        levels=levels,
        limits=limits,
        sources=sources,
        scalars=scalars,
        locations=locations,
        symptoms=symptoms,
        causes=causes,
        rules=rules,
        advice=advice,
        claims=claims,
        atoms=atoms,
        compiled_rules=compiled_rules,
        compiled_features=compiled_features,
    )


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process."""
    return load_knowledge()
