"""The lexicon compiled for matching: one alternation regex per finding, cues in one regex, cached.

Owns: turning checked lexicon records into compiled regexes, once per vocabulary. Never: I/O after
the first call for a vocabulary, and no clinical fact of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pregback.reading.lexicon import (
    Cue,
    Lexicon,
    Phrase,
    Vocabulary,
    check,
    expand,
    literal_regex,
    load_lexicon,
    vocabulary_from,
)


@dataclass(frozen=True)
class Target:
    """One phrase ready to set findings: `sets` maps a finding key to its value."""

    layer: str  # symptom, location, pattern, onset: overlaps are settled within a layer
    finding: (
        str  # the id it is filed under (a symptom, location, pattern/onset choice, or "pseudo")
    )
    phrase: Phrase
    sets: tuple[
        tuple[str, str], ...
    ]  # (key, value): symptom id -> present/absent; pain_locations -> id; ...
    about: str
    topic_after: tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class Group:
    """All phrases filed under one finding: a single regex whose named groups say which matched."""

    regex: re.Pattern[str]
    targets: dict[str, Target]  # group name -> target


@dataclass(frozen=True)
class Compiled:
    lexicon: Lexicon
    vocab: Vocabulary
    groups: tuple[Group, ...]
    cue_regex: re.Pattern[str]
    cues: dict[str, Cue]
    default_max_scope: int
    clause_break: re.Pattern[str]
    back_words: re.Pattern[str]
    waves_words: re.Pattern[str]
    macro: dict[str, str]

    def rx(self, pattern: str, where: str = "quantities.yaml") -> re.Pattern[str]:
        return re.compile(expand(pattern, self.macro, where))


def _phrase_regex(p: Phrase, macros: dict[str, str], where: str) -> str:
    if p.pattern is None:
        return literal_regex(p.literal)
    return expand(p.pattern, macros, where)


def _group(
    layer: str, items: list[tuple[str, Phrase, tuple[tuple[str, str], ...], str]], lex: Lexicon
) -> Group:
    parts: list[str] = []
    targets: dict[str, Target] = {}
    for i, (finding, p, sets, about) in enumerate(items):
        name = f"r{i}"
        body = _phrase_regex(p, lex.macros, f"{layer} {finding} {p.literal!r}")
        # inner group names must be unique in one alternation: t -> t_r3, weeks -> weeks_r3
        body = re.sub(r"\(\?P<(\w+)>", lambda m, n=name: f"(?P<{m.group(1)}_{n}>", body)
        parts.append(f"(?P<{name}>{body})")
        topics = tuple(
            (sid, re.compile(expand(rx, lex.macros, finding))) for sid, rx in p.topic_after.items()
        )
        targets[name] = Target(layer, finding, p, sets, about, topics)
    return Group(re.compile("|".join(parts)), targets)


def _symptom_sets(finding: str, p: Phrase) -> tuple[tuple[str, str], ...]:
    return ((finding, p.value), *p.also.items())


def compile_lexicon(lex: Lexicon, vocab: Vocabulary) -> Compiled:
    check(lex, vocab)
    groups: list[Group] = []
    for sid, entry in lex.symptoms.symptoms.items():
        groups.append(
            _group(
                "symptom",
                [(sid, p, _symptom_sets(sid, p), entry.about) for p in entry.phrases],
                lex,
            )
        )
    if lex.symptoms.pseudo:
        groups.append(
            _group(
                "symptom",
                [("pseudo", p, tuple(p.also.items()), "other") for p in lex.symptoms.pseudo],
                lex,
            )
        )
    for loc, phrases in lex.locations.locations.items():
        groups.append(
            _group("location", [(loc, p, (("pain_locations", loc),), "back") for p in phrases], lex)
        )
    if lex.locations.pseudo:
        groups.append(
            _group("location", [("pseudo", p, (), "other") for p in lex.locations.pseudo], lex)
        )
    for key, table in (("pattern", lex.patterns.pattern), ("onset", lex.patterns.onset)):
        for choice, phrases in table.items():
            groups.append(
                _group(
                    key,
                    [(choice, p, ((key, choice), *p.also.items()), "back") for p in phrases],
                    lex,
                )
            )
    cue_parts: list[str] = []
    cues: dict[str, Cue] = {}
    # longer literals first, so that at one position "i don't think" wins over "i"
    order = sorted(range(len(lex.cues.cues)), key=lambda i: -len(lex.cues.cues[i].literal))
    for i in order:
        c = lex.cues.cues[i]
        body = expand(c.pattern, lex.macros, c.literal) if c.pattern else literal_regex(c.literal)
        cue_parts.append(f"(?P<c{i}>{body})")
        cues[f"c{i}"] = c
    return Compiled(
        lexicon=lex,
        vocab=vocab,
        groups=tuple(groups),
        cue_regex=re.compile("|".join(cue_parts)),
        cues=cues,
        default_max_scope=lex.cues.default_max_scope,
        clause_break=re.compile(expand(lex.cues.clause_break, lex.macros, "clause_break")),
        back_words=re.compile(expand(lex.locations.back_words, lex.macros, "back_words")),
        waves_words=re.compile(expand(lex.locations.waves_words, lex.macros, "waves_words")),
        macro=lex.macros,
    )


_COMPILED: dict[tuple[Any, ...], Compiled] = {}
_VOCAB: dict[
    int, tuple[Any, Vocabulary]
] = {}  # id(kb) -> (kb, its ids); the kb is kept so its id is not reused


def compiled_for(kb: Any = None, folder: str | None = None) -> Compiled:
    """The compiled lexicon for this knowledge base's ids (read and compiled once per vocabulary)."""
    ident = id(kb)
    known = _VOCAB.get(ident)
    if known is None or known[0] is not kb:
        if len(_VOCAB) > 16:
            _VOCAB.clear()
        known = (kb, vocabulary_from(kb))
        _VOCAB[ident] = known
    vocab = known[1]
    key = (folder, vocab.key)
    found = _COMPILED.get(key)
    if found is None:
        found = compile_lexicon(load_lexicon(Path(folder) if folder else None), vocab)
        _COMPILED[key] = found
    return found
