"""The reading lexicon: lay phrases, context cues and quantity words, loaded from YAML and checked.

Owns: the record shapes (pydantic, unknown keys rejected), reading the lexicon folder once, and
checking every finding id, regex and cross-reference, naming file, record, field, value and what
is allowed. Never: matching text, or any clinical fact of its own (those are in the YAML files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pregback.errors import KnowledgeError
from pregback.knowledge import read_yaml
from pregback.reading.vocabulary import Vocabulary

LEXICON = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "lexicon"

Value = Literal["present", "absent"]
About = Literal["back", "waves", "other"]
Category = Literal[
    "negated",
    "possible",
    "hedged_denial",
    "historical",
    "resolved",
    "hypothetical",
    "family",
    "terminate",
    "pseudo",
]
Direction = Literal["forward", "backward", "bidirectional", "terminate", "pseudo"]
MACRO = re.compile(r"\{\{(\w+)\}\}")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phrase(Record):
    """One lay phrase. Without `pattern` the literal is matched word by word (spaces optional)."""

    literal: str = Field(min_length=1)
    pattern: str | None = (
        None  # a regex; a group named `t` marks the words the finding is read from
    )
    value: Value = "present"  # what the phrase says about its finding
    also: dict[str, Value] = {}  # implications the phrase makes as well (TRIAGE 9)
    uncertain: bool = False  # an ambiguous lay word read the safer way, and marked for asking again
    negated_only: bool = (
        False  # counts only when negated ("no tummy pain" -> absent; "tummy pain" -> nothing)
    )
    min_weeks: int | None = Field(default=None, ge=1, le=45)  # unknown week counts as inside
    max_weeks: int | None = Field(default=None, ge=1, le=45)
    weeks_below: int | None = Field(default=None, ge=1, le=45)  # needs a group `weeks` below this
    topic_after: dict[
        str, str
    ] = {}  # finding id -> regex; the nearest topic word before decides (TRIAGE 12.6)
    note: str | None = None


class SymptomEntry(Record):
    about: About = "other"  # what a clause that names it is about: the back pain, waves, or other
    event: bool = (
        False  # once it has happened it stays said: "fine now" does not clear a faint (12.15)
    )
    phrases: list[Phrase] = Field(min_length=1)


class Cue(Record):
    """A ConText modifier (medspaCy ConTextRule keys)."""

    literal: str = Field(min_length=1)
    category: Category
    direction: Direction
    pattern: str | None = None
    max_scope: int | None = Field(default=None, ge=1, le=40)  # in words; None = the lexicon default
    max_targets: int | None = Field(
        default=None, ge=1, le=20
    )  # only the nearest findings it reaches
    # our one addition to medspaCy's keys: a shorter reach to the left ("waters haven't gone", but
    # not "she collapsed and is not responding"); None = max_scope
    backward_scope: int | None = Field(default=None, ge=0, le=40)
    note: str | None = None


class SymptomsFile(Record):
    symptoms: dict[str, SymptomEntry]
    pseudo: list[Phrase] = []


class LocationsFile(Record):
    back_words: str  # a regex: words that make a clause about the back pain
    waves_words: str  # a regex: words that make a clause about waves or tightenings
    locations: dict[str, list[Phrase]]
    pseudo: list[Phrase] = []


class PatternsFile(Record):
    pattern: dict[str, list[Phrase]]
    onset: dict[str, list[Phrase]]


class CuesFile(Record):
    default_max_scope: int = Field(ge=1, le=40)
    clause_break: str  # regex: where a clause (and a cue's scope) ends inside a sentence
    cues: list[Cue] = Field(min_length=1)


class SeverityWord(Record):
    literal: str
    pattern: str | None = None
    severity: int = Field(ge=0, le=10)
    note: str | None = None


class DurationWord(Record):
    literal: str
    pattern: str | None = None
    days: float = Field(ge=0)
    note: str | None = None


class Temperature(Record):
    celsius_below: float  # a reading under this is in degrees C
    fahrenheit_above: float  # a reading over this is in degrees F
    fever_celsius: float
    fever_fahrenheit: float
    lowest_celsius: float  # readings outside these are not temperatures
    highest_fahrenheit: float
    sources: list[str] = []


class BloodPressure(Record):
    high_systolic: int
    high_diastolic: int
    sources: list[str] = []


class QuantitiesFile(Record):
    numbers: dict[str, float]  # number words
    months_to_weeks: dict[float, int]  # TRIAGE 9 table
    months_factor: float  # weeks per month for months not in the table, halves rounded up
    unit_days: dict[str, float]  # unit word -> days (durations)
    severity_words: list[SeverityWord]
    severity_not_before: str  # regex: a severity word followed by these names another pain
    duration_words: list[DurationWord]
    temperature: Temperature
    blood_pressure: BloodPressure
    note: str | None = None


@dataclass(frozen=True)
class Lexicon:
    folder: Path
    macros: dict[str, str]
    symptoms: SymptomsFile
    locations: LocationsFile
    patterns: PatternsFile
    cues: CuesFile
    quantities: QuantitiesFile


def _model(model: type[Record], data: dict[str, Any], where: str) -> Any:
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


_NESTED: dict[str, type[Record]] = {
    "phrases": Phrase,
    "pseudo": Phrase,
    "cues": Cue,
    "severity_words": SeverityWord,
    "duration_words": DurationWord,
    "temperature": Temperature,
    "blood_pressure": BloodPressure,
    "locations": Phrase,
    "pattern": Phrase,
    "onset": Phrase,
    "symptoms": SymptomEntry,
}


def _owner_of(model: type[Record], loc: list[Any]) -> type[Record] | None:
    """The record type whose keys the bad key sits among."""
    owner: type[Record] | None = model
    for part in loc[:-1]:
        if isinstance(part, str) and part in _NESTED:
            owner = _NESTED[part]
    if owner is SymptomEntry and "phrases" in loc[:-1]:
        owner = Phrase
    return owner


def _record_name(data: Any, loc: list[Any]) -> str:
    """A path to the record such as `vaginal_bleeding phrase #2 ('spotting')`."""
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


def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """Read and check one language folder of the lexicon (English by default)."""
    base = Path(folder) if folder is not None else LEXICON / "en"
    raw_macros = read_yaml(base / "macros.yaml").get("macros", {})
    if not isinstance(raw_macros, dict) or not all(isinstance(v, str) for v in raw_macros.values()):
        raise KnowledgeError(f"{base / 'macros.yaml'}: 'macros' must map names to regex strings")
    lex = Lexicon(
        folder=base,
        macros={str(k): v for k, v in raw_macros.items()},
        symptoms=_model(SymptomsFile, read_yaml(base / "symptoms.yaml"), "symptoms.yaml"),
        locations=_model(LocationsFile, read_yaml(base / "locations.yaml"), "locations.yaml"),
        patterns=_model(PatternsFile, read_yaml(base / "patterns.yaml"), "patterns.yaml"),
        cues=_model(CuesFile, read_yaml(base / "cues.yaml"), "cues.yaml"),
        quantities=_model(QuantitiesFile, read_yaml(base / "quantities.yaml"), "quantities.yaml"),
    )
    return lex


def expand(pattern: str, macros: dict[str, str], where: str) -> str:
    """Replace {{name}} macros (one level deep is enough; macros may use earlier macros)."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise KnowledgeError(
                f"{where}: unknown macro {{{{{name}}}}} (known: {', '.join(sorted(macros))})"
            )
        return "(?:" + MACRO.sub(sub, macros[name]) + ")"

    return MACRO.sub(sub, pattern)


def literal_regex(literal: str) -> str:
    """A literal phrase as a regex: whole words, case already folded, spaces or hyphens optional."""
    words = re.findall(r"[^\s\-]+", literal.lower())
    parts = [re.escape(w).replace("'", "'?") for w in words]
    return r"(?<!\w)" + r"[\s\-]*".join(parts) + r"(?!\w)"


def check(lex: Lexicon, vocab: Vocabulary) -> None:
    """Every id known, every regex compiles, and the keys that need a group have it."""
    for name, entry in lex.symptoms.symptoms.items():
        if name not in vocab.symptoms:
            raise KnowledgeError(
                f"symptoms.yaml record {name}: unknown symptom id {name!r} "
                f"(allowed: the symptom ids of findings.yaml)"
            )
        for i, p in enumerate(entry.phrases):
            _check_phrase(p, f"symptoms.yaml record {name} phrase #{i} ({p.literal!r})", lex, vocab)
    for i, p in enumerate(lex.symptoms.pseudo):
        _check_phrase(p, f"symptoms.yaml pseudo #{i} ({p.literal!r})", lex, vocab)
    for name, phrases in lex.locations.locations.items():
        if name not in vocab.locations:
            raise KnowledgeError(
                f"locations.yaml record {name}: unknown location id {name!r} "
                f"(allowed: {', '.join(sorted(vocab.locations))})"
            )
        for i, p in enumerate(phrases):
            _check_phrase(
                p, f"locations.yaml record {name} phrase #{i} ({p.literal!r})", lex, vocab
            )
    for key, table in (("pattern", lex.patterns.pattern), ("onset", lex.patterns.onset)):
        allowed = vocab.choices.get(key, ())
        for choice, phrases in table.items():
            if choice not in allowed:
                raise KnowledgeError(
                    f"patterns.yaml record {key}.{choice}: unknown {key} {choice!r} (allowed: {', '.join(allowed)})"
                )
            for i, p in enumerate(phrases):
                _check_phrase(
                    p,
                    f"patterns.yaml record {key}.{choice} phrase #{i} ({p.literal!r})",
                    lex,
                    vocab,
                )
    for i, c in enumerate(lex.cues.cues):
        where = f"cues.yaml record #{i} ({c.literal!r})"
        if (c.category == "terminate") != (c.direction == "terminate"):
            raise KnowledgeError(
                f"{where}: field 'direction': a terminate cue needs category and direction terminate"
            )
        if c.pattern:
            _compiles(expand(c.pattern, lex.macros, where), where)
    for regex, where in (
        (lex.cues.clause_break, "cues.yaml clause_break"),
        (lex.locations.back_words, "locations.yaml back_words"),
        (lex.locations.waves_words, "locations.yaml waves_words"),
        (lex.quantities.severity_not_before, "quantities.yaml severity_not_before"),
    ):
        _compiles(expand(regex, lex.macros, where), where)
    words: list[SeverityWord | DurationWord] = [
        *lex.quantities.severity_words,
        *lex.quantities.duration_words,
    ]
    for j, w in enumerate(words):
        if w.pattern:
            where = f"quantities.yaml word #{j} ({w.literal!r})"
            _compiles(expand(w.pattern, lex.macros, where), where)


def _check_phrase(p: Phrase, where: str, lex: Lexicon, vocab: Vocabulary) -> None:
    for sid in [*p.also, *p.topic_after]:
        if sid not in vocab.symptoms:
            raise KnowledgeError(
                f"{where}: field 'also': unknown symptom id {sid!r} (allowed: the symptom ids of findings.yaml)"
            )
    if p.pattern is not None:
        rx = _compiles(expand(p.pattern, lex.macros, where), where)
        if p.weeks_below is not None and "weeks" not in rx.groupindex:
            raise KnowledgeError(
                f"{where}: field 'weeks_below' needs a group named 'weeks' in the pattern"
            )
    elif p.weeks_below is not None:
        raise KnowledgeError(
            f"{where}: field 'weeks_below' needs a pattern with a group named 'weeks'"
        )
    for sid, regex in p.topic_after.items():
        _compiles(expand(regex, lex.macros, where), f"{where} topic_after {sid}")


def _compiles(regex: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(regex)
    except re.error as exc:
        raise KnowledgeError(
            f"{where}: field 'pattern': not a valid regex ({exc}); value {regex!r}"
        ) from None
