"""The lexicon compiled for matching: one alternation regex per finding, cues in one regex, cached.

Owns: turning checked lexicon records into compiled regexes, once per vocabulary. Never: I/O after
the first call for a vocabulary, and no clinical fact of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pregback.reading.lexicon import (
    Cue,
    Lexicon,
    Phrase,
    check,
    expand,
    literal_regex,
    load_lexicon,
)
from pregback.reading.prefilter import factors, group_end, key_gram, prefixes, release_caches
from pregback.reading.vocabulary import Vocabulary, vocabulary_from


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
    cores: tuple[str, ...] = ()  # the regex groups (t, t2, ...) that mark the words read
    event: bool = False


@dataclass(frozen=True)
class Group:
    """All phrases filed under one finding: a single regex whose named groups say which matched."""

    regex: re.Pattern[str]
    target: Target


@dataclass(frozen=True)
class CueRule:
    regex: re.Pattern[str]
    cue: Cue


@dataclass(frozen=True)
class Compiled:
    lexicon: Lexicon
    vocab: Vocabulary
    groups: tuple[Group, ...]
    cue_rules: tuple[CueRule, ...]
    default_max_scope: int
    clause_break: re.Pattern[str]
    back_words: re.Pattern[str]
    waves_words: re.Pattern[str]
    macro: dict[str, str]
    group_index: Index  # trigram -> (phrase regex, a string one of which every match contains)
    group_always: Always  # phrase regexes not in the index
    group_keys: frozenset[str]
    cue_index: Index
    cue_always: Always
    cue_keys: frozenset[str]

    def active_groups(self, text: str, grams: set[str]) -> list[int]:
        """The phrase regexes that can match this text (the others cannot), in lexicon order."""
        return _active(text, grams, self.group_index, self.group_keys, self.group_always)

    def active_cues(self, text: str, grams: set[str]) -> list[int]:
        return _active(text, grams, self.cue_index, self.cue_keys, self.cue_always)

    def rx(self, pattern: str, where: str = "quantities.yaml") -> re.Pattern[str]:
        return re.compile(expand(pattern, self.macro, where))


Index = dict[str, tuple[tuple[int, str], ...]]
Always = tuple[tuple[int, re.Pattern[str] | None], ...]  # regexes checked without the index


def _active(
    text: str, grams: set[str], index: Index, keys: frozenset[str], always: Always
) -> list[int]:
    found = {i for i, needed in always if needed is None or needed.search(text) is not None}
    for g in grams.intersection(keys) if len(grams) < len(keys) else keys.intersection(grams):
        for i, needed in index[g]:
            if i not in found and needed in text:
                found.add(i)
    return sorted(found)


def _index(regexes: list[re.Pattern[str]]) -> tuple[Index, Always]:
    """Each regex under the rarest trigram of each string one of which all its matches contain
    (else of each string they start with). A regex whose strings are shorter than a trigram is
    checked by those strings directly; one with none always runs."""
    index: dict[str, list[tuple[int, str]]] = {}
    always: list[tuple[int, re.Pattern[str] | None]] = []
    for i, rx in enumerate(regexes):
        needed = factors(rx) or prefixes(rx)
        if needed is None:
            strings = factors(rx, shortest=1)
            gate = (
                None if strings is None else re.compile("|".join(map(re.escape, sorted(strings))))
            )
            always.append((i, gate))
            continue
        for f in needed:
            index.setdefault(key_gram(f), []).append((i, f))
    return {g: tuple(v) for g, v in index.items()}, tuple(always)


def _phrase_regex(p: Phrase, macros: dict[str, str], where: str) -> str:
    if p.pattern is None:
        return literal_regex(p.literal)
    return expand(p.pattern, macros, where)


def _groups(
    layer: str,
    items: Sequence[tuple[str, Phrase, tuple[tuple[str, str], ...], str]],
    lex: Lexicon,
    event: bool = False,
) -> list[Group]:
    """One regex per phrase. A group `t` that is the whole match is made non-capturing: capturing
    groups at the start of a pattern make every scan several times slower."""
    out: list[Group] = []
    for finding, p, sets, about in items:
        topics = tuple(
            (sid, re.compile(expand(rx, lex.macros, finding))) for sid, rx in p.topic_after.items()
        )
        body = _uncaptured(_phrase_regex(p, lex.macros, f"{layer} {finding} {p.literal!r}"))
        regex = re.compile(body)
        cores = tuple(g for g in regex.groupindex if re.fullmatch(r"t\d*", g))
        out.append(Group(regex, Target(layer, finding, p, sets, about, topics, cores, event)))
    return out


def _uncaptured(pattern: str) -> str:
    """`\\b(?P<t>...)\\b` reads the whole match: the same pattern without the capturing group."""
    for lead in ("\\b(?P<t>", "(?P<t>"):
        if pattern.startswith(lead):
            close = group_end(pattern, len(lead) - len("(?P<t>"))
            if close is not None and pattern[close + 1 :] in ("", "\\b"):
                inner = pattern[len(lead) : close]
                return f"{lead[: -len('(?P<t>')]}(?:{inner}){pattern[close + 1 :]}"
    return pattern


def branches_of_top(inner: str) -> list[str]:
    """The inner text must be one balanced group for the rewrite to hold."""
    depth = 0
    for ch in inner.replace("\\\\", "").replace("\\(", "").replace("\\)", ""):
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return []
    return [inner] if depth == 0 else []


def _symptom_sets(finding: str, p: Phrase) -> tuple[tuple[str, str], ...]:
    return ((finding, p.value), *p.also.items())


def compile_lexicon(lex: Lexicon, vocab: Vocabulary) -> Compiled:
    check(lex, vocab)
    groups: list[Group] = []
    for sid, entry in lex.symptoms.symptoms.items():
        items = [(sid, p, _symptom_sets(sid, p), entry.about) for p in entry.phrases]
        groups += _groups("symptom", items, lex, entry.event)
    groups += _groups(
        "symptom", [("pseudo", p, tuple(p.also.items()), "other") for p in lex.symptoms.pseudo], lex
    )
    for loc, phrases in lex.locations.locations.items():
        groups += _groups(
            "location", [(loc, p, (("pain_locations", loc),), "back") for p in phrases], lex
        )
    groups += _groups("location", [("pseudo", p, (), "other") for p in lex.locations.pseudo], lex)
    for key, table in (("pattern", lex.patterns.pattern), ("onset", lex.patterns.onset)):
        for choice, phrases in table.items():
            groups += _groups(
                key, [(choice, p, ((key, choice), *p.also.items()), "back") for p in phrases], lex
            )
    cue_rules: list[CueRule] = []
    for c in lex.cues.cues:
        rx = re.compile(
            expand(c.pattern, lex.macros, c.literal) if c.pattern else literal_regex(c.literal)
        )
        cue_rules.append(CueRule(rx, c))
    group_index, group_always = _index([g.regex for g in groups])
    cue_index, cue_always = _index([r.regex for r in cue_rules])
    release_caches()  # the parse trees were only needed to build the index
    return Compiled(
        group_index=group_index,
        group_always=group_always,
        group_keys=frozenset(group_index),
        cue_index=cue_index,
        cue_always=cue_always,
        cue_keys=frozenset(cue_index),
        lexicon=lex,
        vocab=vocab,
        groups=tuple(groups),
        cue_rules=tuple(cue_rules),
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
