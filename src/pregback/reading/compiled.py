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

from pregback.reading.fastre import Fast
from pregback.reading.lexicon import (
    Cue,
    Lexicon,
    Phrase,
    check,
    expand,
    literal_regex,
    load_lexicon,
)
from pregback.reading.prefilter import (
    Needles,
    Sieve,
    factors,
    group_end,
    prefixes,
    release_caches,
)
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

    regex: Fast  # the pattern as written, matched in its fast form (fastre)
    target: Target
    source: str = ""  # the pattern as written
    # the K-character strings every match starts with (prefilter), or None: on ASCII text the
    # pattern is tried only where one of them is, instead of at every place of the text
    starts: frozenset[str] | None = None


@dataclass(frozen=True)
class CueRule:
    regex: Fast
    cue: Cue


@dataclass(frozen=True)
class Compiled:
    lexicon: Lexicon
    vocab: Vocabulary
    groups: tuple[Group, ...]
    cue_rules: tuple[CueRule, ...]
    default_max_scope: int
    clause_break: Fast
    back_words: Fast
    waves_words: Fast
    macro: dict[str, str]
    group_needles: Needles  # the strings one of which every match of a phrase regex contains
    group_always: Always  # phrase regexes without such strings
    cue_needles: Needles
    cue_always: Always
    start_grams: frozenset[str]  # every string a phrase's matches start with (Group.starts)

    def active_groups(self, sieve: Sieve) -> list[int]:
        """The phrase regexes that can match this text (the others cannot), in lexicon order."""
        return _active(sieve, self.group_needles, self.group_always)

    def active_cues(self, sieve: Sieve) -> list[int]:
        return _active(sieve, self.cue_needles, self.cue_always)

    def rx(self, pattern: str, where: str = "quantities.yaml") -> re.Pattern[str]:
        return re.compile(expand(pattern, self.macro, where))


Always = tuple[tuple[int, re.Pattern[str] | None], ...]  # regexes checked in the text as it is


def _active(sieve: Sieve, needles: Needles, always: Always) -> list[int]:
    found = {i for i, gate in always if gate is None or gate.search(sieve.text) is not None}
    return sorted(needles.found(sieve.plain, found))


def _index(regexes: list[re.Pattern[str]]) -> tuple[Needles, Always]:
    """For each regex, the strings one of which all its matches contain (in the text with white
    space as one space). A regex without such strings is checked by the strings its matches start
    with, else by shorter strings they contain; one with none always runs."""
    needles: dict[str, list[int]] = {}
    always: list[tuple[int, re.Pattern[str] | None]] = []
    for i, rx in enumerate(regexes):
        needed = factors(rx, spaces=True)  # with white space as one space: "wee for", not "wee"
        if needed is None:
            strings = factors(rx) or factors(rx, shortest=1) or prefixes(rx)
            gate = (
                None if strings is None else re.compile("|".join(map(re.escape, sorted(strings))))
            )
            always.append((i, gate))
            continue
        for f in needed:
            needles.setdefault(f, []).append(i)
    return Needles(needles), tuple(always)


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
    groups at the start of a pattern make every scan several times slower (and keep `fastre` from
    writing the pattern to begin with its first character)."""
    out: list[Group] = []
    for finding, p, sets, about in items:
        topics = tuple(
            (sid, re.compile(expand(rx, lex.macros, finding))) for sid, rx in p.topic_after.items()
        )
        body = _uncaptured(_phrase_regex(p, lex.macros, f"{layer} {finding} {p.literal!r}"))
        regex = Fast(body)
        cores = tuple(g for g in regex.groupindex if re.fullmatch(r"t\d*", g))
        target = Target(layer, finding, p, sets, about, topics, cores, event)
        out.append(Group(regex, target, body, prefixes(regex.original)))
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
    cue_patterns: list[str] = []
    for c in lex.cues.cues:
        pattern = (
            expand(c.pattern, lex.macros, c.literal) if c.pattern else literal_regex(c.literal)
        )
        cue_patterns.append(pattern)
        cue_rules.append(CueRule(Fast(pattern), c))
    # the index reads the patterns as written (the fast forms match the same, from the same place)
    group_needles, group_always = _index([re.compile(g.source) for g in groups])
    cue_needles, cue_always = _index([re.compile(p) for p in cue_patterns])
    release_caches()  # the parse trees were only needed to build the index
    return Compiled(
        start_grams=frozenset(s for g in groups if g.starts for s in g.starts),
        group_needles=group_needles,
        group_always=group_always,
        cue_needles=cue_needles,
        cue_always=cue_always,
        lexicon=lex,
        vocab=vocab,
        groups=tuple(groups),
        cue_rules=tuple(cue_rules),
        default_max_scope=lex.cues.default_max_scope,
        clause_break=Fast(expand(lex.cues.clause_break, lex.macros, "clause_break")),
        back_words=Fast(expand(lex.locations.back_words, lex.macros, "back_words")),
        waves_words=Fast(expand(lex.locations.waves_words, lex.macros, "waves_words")),
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
