"""Loading a knowledge base folder: every file read and checked, every cross-reference checked,
every condition compiled, in one pass that fails loudly on the first problem.

Owns: load_knowledge, the checks across files (sources, causes, rules, advice, terms, the held
threshold), and the version (a hash of every file read). Never: a clinical fact of its own; every
clinical fact is in the data files.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pregback.errors import KnowledgeError
from pregback.knowledge import lexicon_load, schema
from pregback.knowledge.base import CompiledFeature, CompiledRule, KnowledgeBase, Plain
from pregback.knowledge.codes import load_codes
from pregback.knowledge.conditions import Atoms, Vocabulary, compile_condition, dnf
from pregback.knowledge.files import localise, read_yaml, records

DATA = Path(__file__).parent / "data"
FILES = ("levels", "sources", "findings", "causes", "rules", "advice", "claims")
LANGUAGE = "en"  # the lexicon read from lexicon/<language>/ (a second language is one more folder)


def _check_held(compiled: list[CompiledRule], atoms: Atoms, timing: schema.Timing) -> None:
    """held_hours is measured at timing.held_threshold_min: a rule that compares it must compare
    the interval with the same number (TRIAGE 4.1, U9), or the two would disagree."""
    for cr in compiled:
        for clause in cr.clauses:
            found = [atoms.atoms[a] for a in clause]
            if not any(a[0] == "cmp" and a[1] == "held_hours" for a in found):
                continue
            limits = [a[3] for a in found if a[:3] == ("cmp", "interval_min", "<=")]
            if limits != [timing.held_threshold_min]:
                raise KnowledgeError(
                    f"rules.yaml id {cr.rule.id}: compares held_hours, which is measured at "
                    f"levels.yaml timing.held_threshold_min = {timing.held_threshold_min:g} minutes, "
                    f"so it must also have interval_min at_most {timing.held_threshold_min:g} "
                    f"(found {', '.join(f'{v:g}' for v in limits) or 'none'})"
                )


def _service(raw: Any) -> list[Any]:
    if not isinstance(raw, list):
        raise KnowledgeError("levels.yaml service: expected a list of records")
    out = []
    for i, item in enumerate(raw):
        try:
            out.append(schema.ServicePolicy.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise KnowledgeError(
                f"levels.yaml service[{i}]: field {loc!r}: {first['msg']}; value {first.get('input')!r}"
            ) from None
    return out


def _check_refs(where: str, ids: list[str], known: dict[str, Any], what: str) -> None:
    for ref in ids:
        if ref not in known:
            raise KnowledgeError(f"{where}: unknown {what} {ref!r} (no such id in {what}s)")


def _check_ask_groups(
    groups: dict[str, schema.AskGroup], symptoms: dict[str, schema.SymptomDef]
) -> None:
    """Each member a symptom that is not her history, in one group at most; no group id that is
    a symptom id (a ticked item names one or the other)."""
    seen: dict[str, str] = {}
    for g in groups.values():
        here = f"findings.yaml ask_groups id {g.id}"
        if g.id in symptoms:
            raise KnowledgeError(f"{here}: field 'id': {g.id!r} is a symptom id; use another")
        _check_refs(f"{here} members", g.members, symptoms, "symptom")
        for m in g.members:
            if symptoms[m].history:
                raise KnowledgeError(
                    f"{here}: field 'members': {m!r} is her history, asked on its own; "
                    "only signs she has now are grouped"
                )
            if m in seen:
                raise KnowledgeError(
                    f"{here}: field 'members': {m!r} is already in group {seen[m]!r}; "
                    "a symptom is in one group at most"
                )
            seen[m] = g.id


def _check_sources_auditable(sources: dict[str, schema.Source]) -> None:
    """A public source needs an address a reviewer can follow (false public: no address at all)."""
    for src in sources.values():
        if src.public and not src.url:
            raise KnowledgeError(
                f"sources.yaml id {src.id}: field 'url': a public source needs a url "
                "(set public: false only for a source with no public address at all)"
            )


def _check_not_only_unretrieved(where: str, ids: list[str], sources: dict[str, Any]) -> None:
    """A source never read (access: not_retrieved) cannot be the only support of a record."""
    if ids and all(sources[sid].access == "not_retrieved" for sid in ids if sid in sources):
        raise KnowledgeError(
            f"{where}: field 'sources': every source is not_retrieved ({', '.join(ids)}); "
            "add a source that was read (access primary or secondary)"
        )


def load_knowledge(path: str | Path | None = None, locale: str | None = None) -> KnowledgeBase:
    """Load, validate and compile a knowledge base folder (the bundled one by default).

    `locale` (or PREGBACK_LOCALE, or the folder's default_locale) fills the numbers of her country
    into the texts she reads."""
    folder = Path(path) if path is not None else DATA
    raw: dict[str, dict[str, Any]] = {}
    digest = hashlib.sha256()
    for name in FILES:
        file = folder / f"{name}.yaml"
        raw[name] = read_yaml(file)
        digest.update(file.read_bytes())
    lexicon_folder = folder / "lexicon" / LANGUAGE
    for file in lexicon_load.lexicon_files(lexicon_folder):  # a saved assessment names what read it
        digest.update(file.read_bytes() if file.is_file() else b"")
    locales = records(schema.Locale, raw["levels"].get("locales", []), "levels.yaml locales")
    chosen = locale or os.environ.get("PREGBACK_LOCALE") or raw["levels"].get("default_locale")
    if chosen not in locales:
        raise KnowledgeError(
            f"levels.yaml default_locale (or PREGBACK_LOCALE): {chosen!r} is not a locale "
            f"(allowed: {', '.join(locales) or 'none defined'})"
        )
    place = locales[chosen]
    digest.update(chosen.encode())
    codes_file = folder / "codes.yaml"  # optional: a reviewer's copy may leave the codes out
    codes_raw = read_yaml(codes_file) if codes_file.exists() else None
    if codes_raw is not None:
        digest.update(codes_file.read_bytes())
    version = digest.hexdigest()[:12]
    for name in FILES:
        if name != "sources":
            raw[name] = localise(raw[name], place, name)

    def part(name: str, key: str) -> Any:
        if key not in raw[name]:
            raise KnowledgeError(f"{folder / name}.yaml: missing top-level key {key!r}")
        return raw[name][key]

    def where(name: str) -> str:
        return f"{name}.yaml"

    sources = records(schema.Source, part("sources", "sources"), where("sources"))
    _check_sources_auditable(sources)
    levels = records(schema.UrgencyLevel, part("levels", "levels"), where("levels"))
    if set(levels) != set(schema.URGENCY_LEVELS):
        raise KnowledgeError(f"levels.yaml: needs exactly {', '.join(schema.URGENCY_LEVELS)}")
    try:
        timing = schema.Timing.model_validate(part("levels", "timing"))
    except ValidationError as exc:
        raise KnowledgeError(f"levels.yaml timing: {exc.errors()[0]['msg']}") from None
    service = {p.level: p for p in _service(part("levels", "service"))}
    if set(service) != set(schema.URGENCY_LEVELS):
        raise KnowledgeError(
            f"levels.yaml service: needs exactly {', '.join(schema.URGENCY_LEVELS)}"
        )
    try:
        limits = schema.Limits.model_validate(part("levels", "limits"))
    except ValidationError as exc:
        raise KnowledgeError(f"levels.yaml limits: {exc.errors()[0]['msg']}") from None
    scalars = records(schema.ScalarDef, part("findings", "scalars"), where("findings") + " scalars")
    locations = records(
        schema.LocationDef, part("findings", "locations"), where("findings") + " locations"
    )
    symptoms = records(
        schema.SymptomDef, part("findings", "symptoms"), where("findings") + " symptoms"
    )
    causes = records(schema.CauseDef, part("causes", "causes"), where("causes"))
    rules = records(schema.RuleDef, part("rules", "rules"), where("rules"))
    advice = records(schema.AdviceItem, part("advice", "advice"), where("advice"))
    claims = records(schema.Claim, part("claims", "claims"), where("claims"))

    ask_groups = records(
        schema.AskGroup, raw["findings"].get("ask_groups", []), "findings.yaml ask_groups"
    )
    _check_ask_groups(ask_groups, symptoms)
    for sym in symptoms.values():
        _check_refs(f"findings.yaml symptoms id {sym.id} implies", sym.implies, symptoms, "symptom")
        if fault := schema.profile_fault(sym):
            raise KnowledgeError(f"findings.yaml symptoms id {sym.id}: {fault}; value True")
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
        if a.nsaid and a.kind != "warning":
            raise KnowledgeError(
                f"{here}: field 'kind': an NSAID item can only be a warning; NSAIDs are never "
                "suggested as a treatment, at any week (TRIAGE 8)"
            )
    if not any(
        a.nsaid and a.kind == "warning" and a.weeks.min == limits.nsaid_from_week
        for a in advice.values()
    ):
        raise KnowledgeError(
            f"advice.yaml: needs an NSAID warning item (nsaid: true, kind: warning) from week "
            f"{limits.nsaid_from_week}: from then the plan shows the warning (TRIAGE 8)"
        )
    for cl in claims.values():
        _check_refs(f"claims.yaml id {cl.id}", cl.sources + cl.seen_in, sources, "source")
    for c in causes.values():
        _check_not_only_unretrieved(f"causes.yaml id {c.id}", c.sources, sources)
    for r in rules.values():
        _check_not_only_unretrieved(f"rules.yaml id {r.id}", r.sources, sources)
    for a in advice.values():
        _check_not_only_unretrieved(f"advice.yaml id {a.id}", a.sources, sources)
    loc_def = scalars.get("pain_locations")
    if loc_def is None or set(loc_def.choices) != set(locations):
        raise KnowledgeError(
            "findings.yaml: scalar pain_locations must list every location id as a choice"
        )

    terms = records(schema.TermDef, raw["rules"].get("terms", []), "rules.yaml terms")
    contraindications = records(
        schema.Contraindication,
        raw["advice"].get("contraindications", []),
        "advice.yaml contraindications",
    )
    choices = {k: list(scalars[k].choices) for k in ("onset", "pattern") if k in scalars}
    protective = [s.id for s in symptoms.values() if s.protective]
    plain: dict[tuple[str, ...], Plain] = {}
    term_dnf: dict[str, Plain] = {}
    for t in terms.values():  # a term may use the terms above it, never negate one
        _check_refs(f"rules.yaml terms id {t.id}", t.sources, sources, "source")
        early = Vocabulary(symptoms, locations, choices, protective, dict(term_dnf))
        term_dnf[t.id] = plain[("term", t.id)] = dnf(
            t.when, early, f"rules.yaml terms id {t.id} when"
        )
    # the ids a rule may name; advice and level texts may name the rules as well
    vocab_args = (symptoms, locations, choices, protective, term_dnf)
    protective_terms = [t.id for t in terms.values() if t.protective]
    vocab = Vocabulary(*vocab_args, protective_terms)
    texts = Vocabulary(*vocab_args, protective_terms, rules=list(rules))
    atoms = Atoms()
    order = {lvl: i for i, lvl in enumerate(schema.URGENCY_LEVELS)}
    compiled_rules = []
    for r in rules.values():
        here = f"rules.yaml id {r.id}"
        if r.moved_to is not None:
            if r.when is not None or r.moved_to not in rules or rules[r.moved_to].moved_to:
                raise KnowledgeError(
                    f"{here}: field 'moved_to': {r.moved_to!r} must name a rule that has not "
                    "moved, and a moved rule has no 'when'"
                )
            continue
        if r.when is None:
            raise KnowledgeError(f"{here}: field 'when' is required (or 'moved_to')")
        compiled_rules.append(
            CompiledRule(
                r, order[r.urgency], compile_condition(r.when, vocab, atoms, f"{here} when")
            )
        )
        for i, note in enumerate(r.notes):
            plain[("note", r.id, str(i))] = dnf(note.when, vocab, f"{here} notes[{i}].when")
    _check_held(compiled_rules, atoms, timing)
    asked_when = [(s.id, s.ask_when) for s in scalars.values()]
    asked_when += [(s.id, s.ask_when) for s in symptoms.values()]
    for fid, cond in asked_when:
        if cond is not None:
            plain[("ask", fid)] = dnf(cond, vocab, f"findings.yaml id {fid} ask_when")
    for c in causes.values():
        if c.requires is not None:
            plain[("requires", c.id)] = dnf(c.requires, vocab, f"causes.yaml id {c.id} requires")
    for lvl in levels.values():
        for i, v in enumerate(lvl.variants):
            plain[("variant", lvl.id, str(i))] = dnf(
                v.when, texts, f"levels.yaml id {lvl.id} variants[{i}].when"
            )
    for ci in contraindications.values():
        here = f"advice.yaml contraindications id {ci.id}"
        _check_refs(here, ci.sources, sources, "source")
        plain[("contra", ci.id)] = dnf(ci.when, texts, f"{here} when")
        if ci.instead is not None:
            _check_refs(here + " instead", [ci.instead], advice, "advice item")
        for a in advice.values():
            if a.category in ci.categories and ci.id not in a.hidden_by:
                raise KnowledgeError(
                    f"advice.yaml id {a.id}: field 'hidden_by' must include {ci.id!r}: every "
                    f"{a.category} item is hidden when {ci.title.lower()} (TRIAGE 8)"
                )
    for a in advice.values():
        here = f"advice.yaml id {a.id}"
        _check_refs(here, a.hidden_by, contraindications, "contraindication")
        if a.when is not None:
            plain[("advice", a.id)] = dnf(a.when, texts, f"{here} when")
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
    codes = (
        load_codes(codes_file, codes_raw, {*symptoms, *causes, *scalars})
        if codes_raw is not None
        else {}
    )
    lexicon = lexicon_load.load_lexicon(lexicon_folder)
    lexicon_load.check(
        lexicon, lexicon_load.Vocabulary.of(symptoms.values(), locations, scalars.values())
    )
    return KnowledgeBase(
        ask_groups=ask_groups,
        lexicon=lexicon,
        codes=codes,
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
        locale=place,
        service=service,
        timing=timing,
        terms=terms,
        contraindications=contraindications,
        atoms=atoms,
        compiled_rules=compiled_rules,
        compiled_features=compiled_features,
        plain=plain,
    )
