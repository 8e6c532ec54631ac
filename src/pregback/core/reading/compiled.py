"""The lexicon of one knowledge base compiled for matching: one regex per phrase, cues, frames, speller.

Owns: turning a knowledge base's checked lexicon into compiled regexes and indexes, once per
knowledge base. Never: I/O, and no word or clinical fact of its own.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pregback.core.reading.frames import FrameSet
from pregback.core.reading.gate import Gate
from pregback.core.reading.spelling import Speller
from pregback.errors import KnowledgeError
from pregback.knowledge.lexicon import Cue, Lexicon, Phrase, SymptomEntry
from pregback.knowledge.lexicon_load import (
    Vocabulary,
    compile_regex,
    expand,
    literal_regex,
    number_macros,
)


@dataclass(frozen=True)
class Target:
    """One phrase ready to set findings: `sets` maps a finding key to its value."""

    layer: str  # symptom, location, pattern, onset: overlaps are settled within a layer
    finding: (
        str  # the id it is filed under (a symptom, location, pattern/onset choice, or "pseudo")
    )
    phrase: Phrase
    sets: tuple[tuple[str, str], ...]  # (key, value): symptom id -> present/absent; ...
    about: str
    topic_after: tuple[tuple[str, re.Pattern[str]], ...]
    cores: tuple[str, ...] = ()  # the regex groups (t, t2, ...) that mark the words read
    event: bool = False
    recent: bool = False  # only a recent mention counts (a historical cue drops it)
    lasting: bool = False  # said of earlier in this pregnancy, it still holds (a past cue keeps it)
    then_sets: tuple[tuple[str, str], ...] = ()  # what it says instead when told of then
    stops_to_present: bool = False  # a normal sign (the baby moving) said to have stopped: present


@dataclass(frozen=True)
class Group:
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
    sentence_end: re.Pattern[str]
    word: re.Pattern[str]
    subject_words: re.Pattern[str]
    list_end: re.Pattern[str]
    refers_back: re.Pattern[str] | None
    goes_on: re.Pattern[str] | None
    points_back: re.Pattern[str] | None
    over_after: re.Pattern[str] | None
    back_words: re.Pattern[str]
    waves_words: re.Pattern[str]
    macro: dict[str, str]
    speller: Speller
    frames: FrameSet
    targets: dict[str, Target]  # frame targets by frame index ("frame#3")
    group_gate: Gate  # which phrase regexes can match a text (the others are not run)
    cue_gate: Gate
    not_names: frozenset[str] = frozenset()  # capitalised words that are not names
    story: tuple[re.Pattern[str] | None, ...] = (None, None, None)  # opens, now, past (narrative)
    story_recent: re.Pattern[str] | None = None  # opens a story of earlier in this pregnancy

    def rx(self, pattern: str, where: str = "quantities.yaml") -> re.Pattern[str]:
        return compile_regex(expand(pattern, self.macro, where), where)


def _groups(
    layer: str,
    items: Sequence[tuple[str, Phrase, tuple[tuple[str, str], ...], str]],
    lex: Lexicon,
    entry: SymptomEntry | None = None,
) -> list[Group]:
    out: list[Group] = []
    for finding, p, sets, about in items:
        where = f"{layer} {finding} {p.literal!r}"
        topics = tuple(
            (sid, compile_regex(expand(rx, lex.macros, where), where))
            for sid, rx in p.topic_after.items()
        )
        body = (
            literal_regex(p.literal) if p.pattern is None else expand(p.pattern, lex.macros, where)
        )
        regex = compile_regex(body, where)
        cores = tuple(g for g in regex.groupindex if re.fullmatch(r"t\d*", g))
        target = Target(layer, finding, p, sets, about, topics, cores, *_entry_flags(entry))
        out.append(Group(regex, target))
    return out


def _entry_flags(
    entry: SymptomEntry | None,
) -> tuple[bool, bool, bool, tuple[tuple[str, str], ...], bool]:
    """A symptom entry's flags for its targets: event, recent, lasting, what it says of then, and
    whether a normal sign said to have stopped sets it present."""
    if entry is None:
        return False, False, False, (), False
    return (
        entry.event,
        entry.recent,
        entry.lasting,
        tuple(entry.told_of_then.items()),
        entry.stops_to_present,
    )


def compile_lexicon(lex: Lexicon, vocab: Vocabulary) -> Compiled:
    groups: list[Group] = []
    for sid, entry in lex.symptoms.symptoms.items():
        items = [(sid, p, ((sid, p.value), *p.also.items()), entry.about) for p in entry.phrases]
        groups += _groups("symptom", items, lex, entry)
    groups += _groups(
        "symptom", [("pseudo", p, tuple(p.also.items()), "other") for p in lex.symptoms.pseudo], lex
    )
    for loc, phrases in lex.locations.locations.items():
        groups += _groups(
            "location",
            [
                (loc, p, tuple(("pain_locations", x) for x in (loc, *p.also)), "back")
                for p in phrases
            ],
            lex,
        )
    groups += _groups("location", [("pseudo", p, (), "other") for p in lex.locations.pseudo], lex)
    for key, table in (("pattern", lex.patterns.pattern), ("onset", lex.patterns.onset)):
        for choice, phrases in table.items():
            groups += _groups(
                key, [(choice, p, ((key, choice), *p.also.items()), "back") for p in phrases], lex
            )
    groups += _groups(
        "pattern",
        [
            ("constant", p, (("pattern_between", "constant"), *p.also.items()), "back")
            for p in lex.patterns.between
        ],
        lex,
    )
    cue_rules = [
        CueRule(
            compile_regex(
                expand(c.pattern, lex.macros, c.literal) if c.pattern else literal_regex(c.literal),
                f"cues.yaml {c.literal!r}",
            ),
            c,
        )
        for c in lex.cues.cues
    ]
    entries = lex.symptoms.symptoms
    abouts = {sid: e.about for sid, e in lex.symptoms.symptoms.items()}
    targets: dict[str, Target] = {}
    for i, f in enumerate(lex.frames.frames):
        phrase = Phrase(
            literal=f.literal,
            value=f.value,
            also=f.also,
            uncertain=f.uncertain,
            min_weeks=f.min_weeks,
            max_weeks=f.max_weeks,
        )
        sets = ((f.finding, f.value), *f.also.items())
        about = abouts.get(f.finding, "other")
        e = entries.get(f.finding)
        targets[f"frame#{i}"] = Target(
            "symptom", f.finding, phrase, sets, about, (), (), *_entry_flags(e)
        )
    cf, lf = lex.cues, lex.locations

    def rx(regex: str, where: str) -> re.Pattern[str]:
        return compile_regex(expand(regex, lex.macros, where), where)

    return Compiled(
        lexicon=lex,
        vocab=vocab,
        groups=tuple(groups),
        cue_rules=tuple(cue_rules),
        default_max_scope=cf.default_max_scope,
        clause_break=rx(cf.clause_break, "cues.yaml clause_break"),
        sentence_end=rx(cf.sentence_end, "cues.yaml sentence_end"),
        word=rx(cf.word, "cues.yaml word"),
        subject_words=rx(cf.subject_words, "cues.yaml subject_words"),
        list_end=rx(cf.list_end, "cues.yaml list_end"),
        refers_back=rx(cf.refers_back, "cues.yaml refers_back") if cf.refers_back else None,
        goes_on=rx(cf.goes_on, "cues.yaml goes_on") if cf.goes_on else None,
        points_back=rx(cf.points_back, "cues.yaml points_back") if cf.points_back else None,
        over_after=rx(cf.over_after, "cues.yaml over_after") if cf.over_after else None,
        back_words=rx(lf.back_words, "locations.yaml back_words"),
        waves_words=rx(lf.waves_words, "locations.yaml waves_words"),
        macro={**lex.macros, **number_macros(lex.quantities)},
        speller=Speller(lex.spelling),
        frames=FrameSet(lex.frames, lex.morphology),
        targets=targets,
        group_gate=Gate([g.regex.pattern for g in groups]),
        cue_gate=Gate([r.regex.pattern for r in cue_rules]),
        not_names=frozenset(w.lower() for w in lex.symptoms.not_names),
        story=tuple(
            rx(regex, f"cues.yaml {name}") if regex else None
            for name, regex in (
                ("story_open", cf.story_open),
                ("now_words", cf.now_words),
                ("past_words", cf.past_words),
            )
        ),
        story_recent=rx(cf.story_recent, "cues.yaml story_recent") if cf.story_recent else None,
    )


_COMPILED: dict[int, tuple[Any, Compiled]] = {}


def compiled_for(kb: Any = None) -> Compiled:
    """The compiled lexicon of this knowledge base (the bundled one by default), made once."""
    collecting = gc.isenabled()
    if collecting and (kb is None or id(kb) not in _COMPILED):
        gc.disable()  # loading makes many long-lived objects and no cycles worth a collection
    try:
        return _compiled_for(kb)
    finally:
        if collecting:
            gc.enable()


def _compiled_for(kb: Any) -> Compiled:
    if kb is None:
        kb = _default()
    found = _COMPILED.get(id(kb))
    if found is None or found[0] is not kb:
        if kb.lexicon is None:
            raise KnowledgeError(f"{kb.path}: the knowledge base has no reading lexicon")
        if len(_COMPILED) > 16:
            _COMPILED.clear()
        vocab = Vocabulary.of(kb.symptoms.values(), kb.locations, kb.scalars.values())
        found = (kb, compile_lexicon(kb.lexicon, vocab))
        _COMPILED[id(kb)] = found
        if kb is _default():
            # The process's own knowledge lives as long as the process: frozen out of the cyclic
            # collector, a full collection no longer walks it during a read (bench/reading.py:
            # the p99 of a 10,000-character read 96 -> 79 ms). A reviewer's copy is not frozen.
            gc.freeze()
    return found[1]


def _default() -> Any:
    from pregback.knowledge import default_knowledge

    return default_knowledge()
