"""ConText for patients' words: cue matching, scope, and the one table from cue kind to effect.

Owns: finding the cues, which findings each cue reaches (direction, max_scope, clause and sentence
ends), and what each kind of cue does. Never: any word list (they are in cues.yaml).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from pregback.core.reading.compiled import Compiled
from pregback.core.reading.gate import Piece, pieces
from pregback.core.reading.text import Segments
from pregback.knowledge.lexicon import Cue


@dataclass(frozen=True)
class Effect:
    negate: bool = False  # present <-> absent
    uncertain: bool = False
    drop: bool = False  # nothing is read
    history_only: bool = False  # a history item stays; anything else is not read
    resolved: bool = False  # over now: absent (a history item is not read)
    settled: bool = False  # over, said as all well ("fine now"): a normal sign is not stopped
    crosses_clauses: bool = False  # the scope runs to the sentence end, not the clause end
    past: bool = False  # earlier in this pregnancy: an event stays said
    ongoing: bool = False  # still going on: cancels `past`


#: The one table from cue kind to its effect (docs/reading.md; TRIAGE P5, 12.13-12.15).
EFFECTS: dict[str, Effect] = {
    "negated": Effect(negate=True),
    "possible": Effect(uncertain=True),
    "hedged_denial": Effect(negate=True, uncertain=True),
    "historical": Effect(history_only=True),
    # an earlier time of this pregnancy ("last week", "at 20 weeks"): a history item stays, an
    # event of this pregnancy stays, any other symptom is not read (12.15)
    "past": Effect(past=True),
    # still going on ("still", "ever since", "hasn't stopped"): a past cue does not apply
    "ongoing": Effect(ongoing=True, crosses_clauses=True),
    "resolved": Effect(resolved=True, crosses_clauses=True),
    # all well now ("that's all fine now"): over like `resolved`, but of a normal sign (the baby
    # kicking like mad) it says the sign goes on, not that it stopped
    "settled": Effect(resolved=True, settled=True, crosses_clauses=True),
    "hypothetical": Effect(drop=True),
    # a comparison ("like I got kicked in the ribs"): the feel of a pain, not an event
    "simile": Effect(drop=True),
    # what she was told to watch for ("told to watch for bleeding, more cramping or my waters
    # going"): nothing is read, to the end of the sentence (a list crosses its commas)
    "advice": Effect(drop=True, crosses_clauses=True),
    "family": Effect(drop=True),
    # a story that is someone else's (a film, a programme she watched): nothing is read, to the
    # end of the sentence
    "told": Effect(drop=True, crosses_clauses=True),
}


class CueMatch(NamedTuple):  # tuples: made for every cue and mention, so made quickly
    cue: Cue
    start: int
    end: int


class Modifiers(NamedTuple):
    """What the cues in reach do to one mention."""

    negate: bool = False
    uncertain: bool = False
    drop: bool = False
    history_only: bool = False
    resolved: bool = False
    cue: str | None = None  # the literal of the first cue that reached it
    past: bool = False
    story: bool = False  # in a story of an earlier pregnancy or of long ago (narrative.py)
    settled: bool = False  # over, said as all well: a normal sign goes on


NONE = Modifiers()


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted, merged spans."""
    i = bisect_right(spans, (start, 1 << 62)) - 1
    return i >= 0 and spans[i][1] >= end


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def find_cues(
    text: str,
    compiled: Compiled,
    cores: list[tuple[int, int]],
    sentence_starts: tuple[int, ...] = (0,),
    present: set[str] | None = None,
    parts: list[Piece] | None = None,
) -> list[CueMatch]:
    """Cues in the text; of overlapping cues the longer wins (a pseudo cue on a tie), and a cue inside a
    phrase's own words ("not heavy", "no problems peeing"), or a denial that begins there, is not a
    cue. `parts`, the text's pieces
    (`gate.pieces`) when they are already made."""
    found: list[tuple[int, int, int, Cue]] = []
    if parts is None:
        parts = pieces(text, sentence_starts, present)
    for i, runs in sorted(compiled.cue_gate.stretches(text, parts).items()):
        rule = compiled.cue_rules[i]
        for lo, hi in runs:
            for m in rule.regex.finditer(text, lo, hi):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), rule.cue.direction != "pseudo", rule.cue))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken = _merged(cores)
    kept = bytearray(len(text) + 1)  # characters already given to a longer cue
    out: list[CueMatch] = []
    for start, end, _, cue in found:
        if kept.find(1, start, end) != -1:
            continue
        kept[start:end] = b"\x01" * (end - start)
        # (a denial that begins in a phrase's own words is theirs too: "[bump] [doesn't] seem to go
        # [hard]" is one denial, read by the frame, not denied again by "doesn't seem to")
        effect = EFFECTS.get(cue.category)
        said = text[start:end]
        first = start + len(said) - len(said.lstrip())  # where its first word begins
        own = first + 1 if effect is not None and effect.negate else end
        if cue.direction != "pseudo" and not _inside(taken, first, own):
            out.append(CueMatch(cue, start, end))
    out.sort(key=lambda c: c.start)
    return out


class Scoper:
    """Answers "which cues reach the words [start, end)?" for one text."""

    def __init__(
        self,
        cues: list[CueMatch],
        seg: Segments,
        compiled: Compiled,
        targets: list[tuple[int, int]],
        normal: frozenset[tuple[int, int]] = frozenset(),
    ) -> None:
        self.seg = seg
        self.memo: dict[
            tuple[int, int], Modifiers
        ] = {}  # the same words are asked of more than once
        self.subject = compiled.subject_words
        self.list_end = compiled.list_end
        self.window = compiled.lexicon.cues.scope_window
        # the words of phrases that state a finding is absent ("baby moving well", "bladder is
        # fine"): such a phrase says something of its own, it is not one more item of a list of
        # denials, so a negation reaches it in its own clause only, never across a list comma
        self.normal = normal
        self.default = compiled.default_max_scope
        self.cues = [c for c in cues if c.cue.direction != "terminate"]
        # the word index of each cue
        self.words = [bisect_left(seg.word_starts, c.start) for c in self.cues]
        self.terminators = sorted(c.start for c in cues if c.cue.direction == "terminate")
        # a cue with max_targets reaches only the nearest findings in its scope (medspaCy max_targets)
        self.allowed: dict[int, set[tuple[int, int]]] = {}
        spans = sorted(targets)
        self.target_spans = spans
        for i, c in enumerate(self.cues):
            kind = EFFECTS.get(c.cue.category)
            if c.cue.max_targets and kind:
                lo, hi = seg.sentence_span(
                    seg.sentence_of(c.start)
                )  # no scope crosses a sentence end
                near_by = spans[bisect_left(spans, (lo, -1)) : bisect_left(spans, (hi, -1))]
                reached = [(self._distance(c, kind, t), t) for t in near_by]
                near = sorted((d, t) for d, t in reached if d is not None)[: c.cue.max_targets]
                self.allowed[i] = {t for _, t in near}

    def _blocked(
        self, a: int, b: int, crosses_clauses: bool, in_list: bool = False, colon: bool = False
    ) -> bool:
        """A sentence end (or a clause end or terminator, unless it crosses them) between a and b;
        `colon`: the cue ends in a colon ("no: bleeding, fever, leaking"), so its list needs no "or"."""
        if self.seg.crosses(a, b, clauses=False):
            return True
        if crosses_clauses:
            return False
        in_a_list = in_list and all(
            self._list_comma(p, b, colon) for p in self.seg.boundaries(a, b)
        )
        if self.seg.crosses(a, b, clauses=True) and not in_a_list:
            return True
        i = bisect_right(self.terminators, a)
        return i < len(self.terminators) and self.terminators[i] < b

    def _list_comma(self, p: int, target: int, colon: bool = False) -> bool:
        if p not in self.seg.commas:
            return False
        text = self.seg.text
        if self.subject.search(text, p, target):
            return False
        if colon:
            return True
        nxt = self.seg.boundaries(p, len(text))
        clause_end = nxt[1] if len(nxt) > 1 else len(text)
        sentence_end = self.seg.sentence_span(self.seg.sentence_of(p))[1]  # (its "or" is its own)
        return bool(self.list_end.search(text, p, min(clause_end, sentence_end)))

    def _denies_first(self, a: int, b: int) -> bool:
        """Whether a finding's phrase lies wholly in [a, b): a negation denies the first thing it
        reaches, so it does not go on to turn a later statement of a normal finding."""
        i = bisect_left(self.target_spans, (a, -1))
        return i < len(self.target_spans) and self.target_spans[i][1] <= b

    def _distance(self, c: CueMatch, kind: Effect, span: tuple[int, int]) -> int | None:
        """Words between the cue and the span if the cue reaches it, else None."""
        start, end = span
        scope = c.cue.max_scope or self.default
        if c.cue.direction in ("forward", "bidirectional") and start >= c.end:
            n = self.seg.words_between(c.end, start)
            normal = span in self.normal
            if kind.negate and normal and self._denies_first(c.end, start):
                return None  # "no headache and vision is fine": the cue denied the headache
            # (c.end - 1: a clause break right after the cue, "last week, lower back pain", counts)
            if n < scope and not self._blocked(
                c.end - 1,
                start,
                kind.crosses_clauses,
                kind.negate and not normal,
                self.seg.text[c.end - 1] == ":",
            ):
                return n
        back = scope if c.cue.backward_scope is None else c.cue.backward_scope
        if c.cue.direction in ("backward", "bidirectional") and end <= c.start:
            n = self.seg.words_between(end, c.start)
            # (end - 1: a clause break right after the words, "came on slowly, not suddenly", counts)
            if n <= back - 1 and not self._blocked(end - 1, c.start, kind.crosses_clauses):
                return n
        return None

    def modifiers(self, start: int, end: int) -> Modifiers:
        if not self.cues:
            return NONE
        key = (start, end)
        known = self.memo.get(key)
        if known is None:
            known = self.memo[key] = self._modifiers(start, end)
        return known

    def _modifiers(self, start: int, end: int) -> Modifiers:
        # only cues within the longest scope can reach: a window by word index keeps this linear
        lo = bisect_left(self.words, bisect_left(self.seg.word_starts, start) - self.window)
        hi = bisect_right(self.words, bisect_left(self.seg.word_starts, end) + self.window)
        negate = uncertain = drop = history_only = resolved = past = ongoing = settled = False
        first: str | None = None
        normal = (start, end) in self.normal
        for k in range(lo, hi):
            c = self.cues[k]
            kind = EFFECTS.get(c.cue.category)
            if kind is None or self._distance(c, kind, (start, end)) is None:
                continue
            if k in self.allowed and (start, end) not in self.allowed[k]:
                continue
            first = first or c.cue.literal
            # "no bladder issues I don't think" hedges a normal statement said before it; "I don't
            # think the baby is moving fine" denies the one after it
            hedging = normal and kind.negate and kind.uncertain and c.start >= end
            negate |= kind.negate and not hedging
            uncertain |= kind.uncertain
            drop |= kind.drop
            history_only |= kind.history_only
            resolved |= kind.resolved
            settled |= kind.settled
            past |= kind.past
            ongoing |= kind.ongoing
        past = past and not ongoing
        if first is None:
            return NONE
        return Modifiers(
            negate, uncertain, drop, history_only, resolved, first, past, settled=settled
        )
