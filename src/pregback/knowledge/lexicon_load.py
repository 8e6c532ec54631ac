"""Loading and checking one language of the reading lexicon, as part of the knowledge base.

Owns: reading lexicon/<lang>/*.yaml once, and checking every id, regex, macro, group and concept,
naming file, record, field, value and what is allowed. Never: matching text, or a word of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pregback.errors import KnowledgeError
from pregback.knowledge import lexicon as lx
from pregback.knowledge.files import read_yaml

FILES = (
    "macros",
    "symptoms",
    "locations",
    "patterns",
    "cues",
    "quantities",
    "frames",
    "morphology",
    "spelling",
)
MACRO = re.compile(r"\{\{(\w+)\}\}")
# The named groups the reader takes from each quantity pattern (one of each tuple is enough).
GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "ga_weeks": (("n",),),
    "ga_plus": (("n",),),
    "ga_forty": (("n",),),
    "ga_week_n": (("n", "n2"),),
    "ga_almost": (("n",),),
    "ga_next": (("n",),),
    "overdue": (("n",),),
    "due_days": (("d", "d2"),),
    "since_week": (("n",),),
    "since_day": (("wd",),),
    "since_month": (("month",), ("part",)),
    "months": (("n", "n2"), ("half",), ("post",)),
    "due_in": (("n", "n2"), ("u", "u2")),
    "due_on": (("month", "month2", "m3"), ("day", "day2", "d3")),
    "severity_number": (("n", "n2"),),
    "severity_a": (("n", "n2"),),
    "severity_after": (("n",),),
    "span": (("n",), ("u",), ("half",), ("post",)),
    "one_unit": (("u",), ("half",)),
    "wave": (("n",), ("u",), ("half",), ("post",)),
    "interval": (("n", "n2", "hh", "n4", "k"),),
    "count": (("n", "n2", "n3"),),
    "timer": (("dur", "freq"), ("m", "s", "s2", "m2")),
    "clock": (("h", "h2", "h3", "h4", "noon", "midnight"),),
    "temperature": (("n", "n2"),),
    "bp": (("s", "s2", "s3", "sw"), ("d", "d2", "d3", "dw")),
    "bp_one": (("low", "top"), ("n",)),
    "bp_bare": (("s",), ("d",)),
}
# Patterns of quantities.yaml that the reader uses, besides those above
PLAIN = (
    "weeks_before_block",
    "weeks_after_block",
    "weeks_at_before",
    "weeks_now_before",
    "weeks_now_after",
    "months_context",
    "months_opening",
    "months_now_after",
    "after_pain",
    "bare_before",
    "activity_before",
    "event_before",
    "more_than",
    "clock_now",
)


@dataclass(frozen=True)
class Vocabulary:
    """The finding ids the lexicon may use, from the knowledge base."""

    symptoms: frozenset[str]
    locations: frozenset[str]
    history: frozenset[str]  # facts about her past: a historical cue keeps them
    protective: frozenset[str]  # may lower the urgency: on a conflict, absent wins (P4)
    scalars: dict[str, tuple[float | None, float | None, bool, str]]  # min, max, exclusive, type
    choices: dict[str, tuple[str, ...]]

    @classmethod
    def of(
        cls, symptoms: Iterable[Any], locations: Iterable[str], scalars: Iterable[Any]
    ) -> Vocabulary:
        syms = list(symptoms)
        scal = list(scalars)
        return cls(
            symptoms=frozenset(s.id for s in syms),
            locations=frozenset(locations),
            history=frozenset(s.id for s in syms if s.history),
            protective=frozenset(s.id for s in syms if s.protective),
            scalars={s.id: (s.min, s.max, s.exclusive_min, s.type) for s in scal},
            choices={s.id: tuple(s.choices) for s in scal if s.choices},
        )


def _model(model: type[lx.Record], data: dict[str, Any], where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = list(first["loc"])
        allowed = ""
        if first["type"] == "extra_forbidden":
            owner = _owner_of(model, loc)
            allowed = f" (allowed keys: {', '.join(owner.model_fields)})" if owner else ""
        elif first["type"] == "literal_error":
            allowed = f" (allowed: {first.get('ctx', {}).get('expected', '')})"
        record = _record_name(data, loc)
        raise KnowledgeError(
            f"{where} {record}: field {loc[-1]!r}: {first['msg']}; value {first.get('input')!r}{allowed}"
        ) from None


_NESTED: dict[str, type[lx.Record]] = {
    "phrases": lx.Phrase,
    "pseudo": lx.Phrase,
    "cues": lx.Cue,
    "severity_words": lx.SeverityWord,
    "duration_words": lx.DurationWord,
    "temperature": lx.Temperature,
    "blood_pressure": lx.BloodPressure,
    "term": lx.Term,
    "locations": lx.Phrase,
    "pattern": lx.Phrase,
    "onset": lx.Phrase,
    "symptoms": lx.SymptomEntry,
    "frames": lx.Frame,
    "suffixes": lx.Suffix,
    "edits": lx.EditLimit,
}


def _owner_of(model: type[lx.Record], loc: list[Any]) -> type[lx.Record] | None:
    """The record type whose keys the bad key sits among."""
    owner: type[lx.Record] | None = model
    for part in loc[:-1]:
        if isinstance(part, str) and part in _NESTED:
            owner = _NESTED[part]
    if owner is lx.SymptomEntry and "phrases" in loc[:-1]:
        owner = lx.Phrase
    return owner


def _record_name(data: Any, loc: list[Any]) -> str:
    """A path to the record such as `vaginal_bleeding phrases #2 ('spotting')`."""
    parts: list[str] = []
    node = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        parts.append(f"#{part}" if isinstance(part, int) else str(part))
    name = " ".join(parts) or "(top level)"
    if isinstance(node, dict) and "literal" in node:
        name += f" ({node['literal']!r})"
    return f"record {name}"


def lexicon_files(folder: Path) -> list[Path]:
    """The files of one language folder, in a fixed order (the knowledge version hashes them)."""
    return [folder / f"{name}.yaml" for name in FILES]


def load_lexicon(folder: str | Path) -> lx.Lexicon:
    """Read one language folder of the lexicon and check the shape of every record."""
    base = Path(folder)
    raw_macros = read_yaml(base / "macros.yaml").get("macros", {})
    if not isinstance(raw_macros, dict) or not all(isinstance(v, str) for v in raw_macros.values()):
        raise KnowledgeError(f"{base / 'macros.yaml'}: 'macros' must map names to regex strings")

    def part(name: str, model: type[lx.Record]) -> Any:
        return _model(model, read_yaml(base / f"{name}.yaml"), f"{name}.yaml")

    return lx.Lexicon(
        folder=base,
        macros={str(k): v for k, v in raw_macros.items()},
        symptoms=part("symptoms", lx.SymptomsFile),
        locations=part("locations", lx.LocationsFile),
        patterns=part("patterns", lx.PatternsFile),
        cues=part("cues", lx.CuesFile),
        quantities=part("quantities", lx.QuantitiesFile),
        frames=part("frames", lx.FramesFile),
        morphology=part("morphology", lx.MorphologyFile),
        spelling=part("spelling", lx.SpellingFile),
    )


def expand(pattern: str, macros: dict[str, str], where: str) -> str:
    """Replace {{name}} macros (macros may use earlier macros)."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise KnowledgeError(
                f"{where}: field 'pattern': unknown macro {{{{{name}}}}} (known: {', '.join(sorted(macros))})"
            )
        return "(?:" + MACRO.sub(sub, macros[name]) + ")"

    return MACRO.sub(sub, pattern)


def literal_regex(literal: str) -> str:
    """A literal phrase as a regex: whole words, case already folded, spaces or hyphens optional."""
    words = re.findall(r"[^\s\-]+", literal.lower())
    parts = [re.escape(w).replace("'", "'?") for w in words]
    return r"(?<!\w)" + r"[\s\-]*".join(parts) + r"(?!\w)"


_COMPILED: dict[str, re.Pattern[str]] = {}  # the lexicon's regexes, compiled once per process


def compile_regex(regex: str, where: str, field: str = "pattern") -> re.Pattern[str]:
    """A lexicon regex compiled (once: checking and reading share it), or KnowledgeError."""
    found = _COMPILED.get(regex)
    if found is not None:
        return found
    try:
        found = _COMPILED[regex] = re.compile(regex, re.ASCII)
        return found
    except re.error as exc:
        raise KnowledgeError(
            f"{where}: field {field!r}: not a valid regex ({exc}); value {regex!r}"
        ) from None


def phrase_records(lex: lx.Lexicon) -> Iterator[tuple[str, lx.Phrase]]:
    """Every phrase record with its place, for checks and tests."""
    for name, entry in lex.symptoms.symptoms.items():
        for i, p in enumerate(entry.phrases):
            yield f"symptoms.yaml record {name} phrases #{i} ({p.literal!r})", p
    for i, p in enumerate(lex.symptoms.pseudo):
        yield f"symptoms.yaml record pseudo #{i} ({p.literal!r})", p
    for name, phrases in lex.locations.locations.items():
        for i, p in enumerate(phrases):
            yield f"locations.yaml record {name} #{i} ({p.literal!r})", p
    for i, p in enumerate(lex.locations.pseudo):
        yield f"locations.yaml record pseudo #{i} ({p.literal!r})", p
    for key, table in (("pattern", lex.patterns.pattern), ("onset", lex.patterns.onset)):
        for choice, phrases in table.items():
            for i, p in enumerate(phrases):
                yield f"patterns.yaml record {key}.{choice} #{i} ({p.literal!r})", p
    for i, p in enumerate(lex.patterns.between):
        yield f"patterns.yaml record between #{i} ({p.literal!r})", p


def check(lex: lx.Lexicon, vocab: Vocabulary) -> None:
    """Every id known, every regex compiles, and the keys that need a group have it."""
    _ids(lex, vocab)
    places = {id(p) for phrases in lex.locations.locations.values() for p in phrases}
    for where, p in phrase_records(lex):
        _check_phrase(p, where, lex, vocab, place=id(p) in places)
    for i, c in enumerate(lex.cues.cues):
        where = f"cues.yaml record cues #{i} ({c.literal!r})"
        if (c.category == "terminate") != (c.direction == "terminate"):
            raise KnowledgeError(
                f"{where}: field 'direction': a terminate cue needs category and direction terminate"
            )
        if c.pattern:
            compile_regex(expand(c.pattern, lex.macros, where), where)
    cf, lf, q = lex.cues, lex.locations, lex.quantities
    for regex, where, field in (
        (cf.clause_break, "cues.yaml", "clause_break"),
        (cf.sentence_end, "cues.yaml", "sentence_end"),
        (cf.word, "cues.yaml", "word"),
        (cf.subject_words, "cues.yaml", "subject_words"),
        (cf.list_end, "cues.yaml", "list_end"),
        *(((cf.refers_back, "cues.yaml", "refers_back"),) if cf.refers_back else ()),
        (lf.back_words, "locations.yaml", "back_words"),
        (lf.waves_words, "locations.yaml", "waves_words"),
        (q.severity_not_before, "quantities.yaml", "severity_not_before"),
        *(
            ((q.severity_not_after, "quantities.yaml", "severity_not_after"),)
            if q.severity_not_after
            else ()
        ),
        *(((q.since_then, "quantities.yaml", "since_then"),) if q.since_then else ()),
        *((rx, f"quantities.yaml record markers.{k}", "pattern") for k, rx in q.markers.items()),
    ):
        compile_regex(expand(regex, lex.macros, where), where, field)
    words: list[lx.SeverityWord | lx.DurationWord] = [*q.severity_words, *q.duration_words]
    for j, w in enumerate(words):
        if w.pattern:
            where = f"quantities.yaml record word #{j} ({w.literal!r})"
            compile_regex(expand(w.pattern, lex.macros, where), where)
    _quantity_patterns(lex)
    _frames(lex, vocab)
    for key in ("for", "ago", "since"):
        if key not in q.markers:
            raise KnowledgeError(f"quantities.yaml: field 'markers': needs a marker kind {key!r}")
    for unit in ("second", "minute", "hour", "day", "week", "month"):
        if unit not in q.units:
            raise KnowledgeError(f"quantities.yaml: field 'units': needs the unit {unit!r}")


def _ids(lex: lx.Lexicon, vocab: Vocabulary) -> None:
    for name, entry in lex.symptoms.symptoms.items():
        if name not in vocab.symptoms:
            raise KnowledgeError(
                f"symptoms.yaml record {name}: field 'symptoms': unknown symptom id {name!r} "
                f"(allowed: the symptom ids of findings.yaml)"
            )
        for sid in entry.told_of_then:
            if sid not in vocab.symptoms:
                raise KnowledgeError(
                    f"symptoms.yaml record {name}: field 'told_of_then': unknown symptom id "
                    f"{sid!r} (allowed: the symptom ids of findings.yaml)"
                )
    for name in lex.locations.locations:
        if name not in vocab.locations:
            raise KnowledgeError(
                f"locations.yaml record {name}: field 'locations': unknown location id {name!r} "
                f"(allowed: {', '.join(sorted(vocab.locations))})"
            )
    for key, table in (("pattern", lex.patterns.pattern), ("onset", lex.patterns.onset)):
        allowed = vocab.choices.get(key, ())
        for choice in table:
            if choice not in allowed:
                raise KnowledgeError(
                    f"patterns.yaml record {key}.{choice}: field {key!r}: unknown {key} {choice!r} "
                    f"(allowed: {', '.join(allowed)})"
                )


def _check_phrase(
    p: lx.Phrase, where: str, lex: lx.Lexicon, vocab: Vocabulary, place: bool = False
) -> None:
    for loc in p.also if place else ():  # a location phrase's `also` names more places
        if loc not in vocab.locations or p.also[loc] != "present":
            raise KnowledgeError(
                f"{where}: field 'also': {loc!r}: {p.also[loc]!r}: a location phrase's also names "
                f"other location ids, each present (allowed: {', '.join(sorted(vocab.locations))})"
            )
    for field, ids in (
        ("also", {} if place else p.also),
        ("topic_after", p.topic_after),
        ("yields_to", p.yields_to),
    ):
        for sid in ids:
            if sid not in vocab.symptoms and not (field == "yields_to" and sid == lx.WEEK):
                raise KnowledgeError(
                    f"{where}: field {field!r}: unknown symptom id {sid!r} "
                    f"(allowed: the symptom ids of findings.yaml"
                    + (f", or {lx.WEEK}" if field == "yields_to" else "")
                    + ")"
                )
    if p.pattern is not None:
        rx = compile_regex(expand(p.pattern, lex.macros, where), where)
        if p.name_group is not None and p.name_group not in rx.groupindex:
            raise KnowledgeError(
                f"{where}: field 'name_group': the pattern has no group named {p.name_group!r}"
            )
        weeks = (p.weeks_below, p.weeks_from)
        if weeks != (None, None) and not any(g.startswith("weeks") for g in rx.groupindex):
            raise KnowledgeError(
                f"{where}: field 'weeks_below' needs a group named 'weeks' in the pattern"
            )
    elif p.name_group is not None:
        raise KnowledgeError(f"{where}: field 'name_group' needs a pattern with that group")
    elif (p.weeks_below, p.weeks_from) != (None, None):
        raise KnowledgeError(
            f"{where}: field 'weeks_below' needs a pattern with a group named 'weeks'"
        )
    for sid, regex in p.topic_after.items():
        compile_regex(expand(regex, lex.macros, where), f"{where} topic_after {sid}", "topic_after")


def alternation(words: Iterable[str]) -> str:
    """Words as one alternation, spaces matching any white space: written as a tree of their shared
    beginnings ("t(?:w(?:o|elve)|en)"), so that the regex engine tries a letter, not every word, at
    each place. It matches what the words longest first would, in the same order of preference:
    the words that fit at one place lie on one path of the tree, tried longest first."""
    tree: _Tree = {}
    for word in words:
        node = tree
        for i, piece in enumerate(word.split()):
            for part in [" "] * (i > 0) + list(piece):  # (" ": the white space between pieces)
                node = node.setdefault(part, {})
        node[""] = {}  # a word ends here
    return _tree_regex(tree)


_Tree = dict[str, "_Tree"]


def _tree_regex(node: _Tree) -> str:
    branches = []
    for part, below in node.items():
        if part == "":
            continue
        run = [part]  # a chain of single letters: one literal run
        while len(below) == 1 and "" not in below:
            ((part, below),) = below.items()
            run.append(part)
        branches.append(
            "".join(r"\s+" if c == " " else re.escape(c) for c in run) + _tree_regex(below)
        )
    if not branches:
        return ""
    body = "|".join(branches)
    if "" in node:
        return f"(?:{body})?"  # (greedy: the longer words first)
    return body if len(branches) == 1 else f"(?:{body})"


def number_macros(q: lx.QuantitiesFile) -> dict[str, str]:
    """The regex fragments made from the tables of quantities.yaml ({{num}}, {{unit_week}} ...)."""
    words = {" ".join(k.split()): v for k, v in q.numbers.items()}
    vague = {" ".join(v.split()) for v in q.vague}
    exact_words = [w for w, v in words.items() if w not in vague and v >= 1 and v == int(v)]
    digits_1_9 = [w for w, v in words.items() if w not in vague and v in range(1, 10)]
    tens = rf"(?:{alternation(q.tens)})[\s-]+(?:{alternation(digits_1_9)})"
    digits = r"\d{1,3}(?:[.,]\d{1,2})?"
    half = "(?:" + "|".join(r"\s*" + alternation([h]) for h in q.halves) + ")?"
    exact = rf"(?:{digits}|{tens}|(?<![a-z])(?:{alternation(exact_words)})(?![a-z]))"
    anynum = rf"(?:{digits}|{tens}|(?<![a-z])(?:{alternation(words)})(?![a-z]))"
    # where a number can begin, as a look ahead: put first, it passes over every other place at
    # the cost of one test (a regex that begins with a look behind tries it everywhere)
    firsts = sorted({w[0] for w in [*words, *q.tens]} | {"½"})
    out = {
        "num_here": rf"(?=[\d{''.join(re.escape(c) for c in firsts)}])",
        "exact_words": alternation(exact_words),
        "tens": tens,
        "exact": exact,
        "anynum": anynum,
        "num": rf"(?:{anynum}){half}(?:\s*(?:-|to|or)\s*(?:{anynum}){half})?",
        "month_names": alternation(q.months),
        "ordinal": f"(?:{alternation(q.ordinals)})" if q.ordinals else "(?!)",
        "span_units": alternation(
            a
            for unit, aliases in q.units.items()
            if unit != "second"
            for a in aliases
            if len(a) > 1
        ),
    }
    for unit, aliases in q.units.items():
        out[f"unit_{unit}"] = alternation(aliases)
    return out


def _quantity_patterns(lex: lx.Lexicon) -> None:
    patterns = lex.quantities.patterns
    macros = {**lex.macros, **number_macros(lex.quantities)}
    for name in [*GROUPS, *PLAIN]:
        where = f"quantities.yaml record patterns.{name}"
        if name not in patterns:
            raise KnowledgeError(f"{where}: field 'patterns': missing (the reader needs it)")
        rx = compile_regex(expand(patterns[name], macros, where), where)
        for needed in GROUPS.get(name, ()):
            if not any(g in rx.groupindex for g in needed):
                raise KnowledgeError(
                    f"{where}: field 'pattern': needs a group named {' or '.join(needed)!r}"
                )
    unknown = sorted(set(patterns) - set(GROUPS) - set(PLAIN))
    if unknown:
        raise KnowledgeError(
            f"quantities.yaml record patterns.{unknown[0]}: field 'patterns': not a pattern the "
            f"reader uses (allowed: {', '.join([*GROUPS, *PLAIN])})"
        )


def _frames(lex: lx.Lexicon, vocab: Vocabulary) -> None:
    concepts = lex.frames.concepts
    for i, f in enumerate(lex.frames.frames):
        where = f"frames.yaml record frames #{i} ({f.literal!r})"
        for field, ids in (("finding", [f.finding]), ("also", list(f.also))):
            for sid in ids:
                if sid not in vocab.symptoms:
                    raise KnowledgeError(
                        f"{where}: field {field!r}: unknown symptom id {sid!r} "
                        f"(allowed: the symptom ids of findings.yaml)"
                    )
        for part in [*f.parts, f.unless]:
            for name in part:
                if name.startswith("@") and name[1:] not in concepts:
                    raise KnowledgeError(
                        f"{where}: field 'parts': unknown concept {name!r} "
                        f"(known: {', '.join('@' + c for c in sorted(concepts))})"
                    )
