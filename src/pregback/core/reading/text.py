"""Sentences, clauses and word positions of the text the reader matches.

Owns: the sentence and clause boundaries that end a cue's scope, and where words start (scopes are
counted in words). Never: reading findings, or a word list (the regexes are in cues.yaml).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import methodcaller

_START = methodcaller("start")


@dataclass(frozen=True)
class Segments:
    """Sentence and clause boundaries and word starts of one folded text."""

    text: str
    sentence_starts: tuple[int, ...]  # start offset of each sentence (first is 0)
    clause_starts: tuple[int, ...]  # start offset of each clause (sentence starts included)
    word_starts: tuple[int, ...]
    commas: frozenset[int] = frozenset()  # clause starts that are a comma

    def boundaries(self, start: int, end: int) -> list[int]:
        """Clause starts in (start, end]."""
        i = bisect_right(self.clause_starts, start)
        j = bisect_right(self.clause_starts, end)
        return list(self.clause_starts[i:j])

    def sentence_of(self, pos: int) -> int:
        return bisect_right(self.sentence_starts, pos) - 1

    def clause_of(self, pos: int) -> int:
        return bisect_right(self.clause_starts, pos) - 1

    def clause_span(self, index: int) -> tuple[int, int]:
        end = (
            self.clause_starts[index + 1] if index + 1 < len(self.clause_starts) else len(self.text)
        )
        return self.clause_starts[index], end

    def sentence_span(self, index: int) -> tuple[int, int]:
        end = (
            self.sentence_starts[index + 1]
            if index + 1 < len(self.sentence_starts)
            else len(self.text)
        )
        return self.sentence_starts[index], end

    def words_between(self, start: int, end: int) -> int:
        """How many words start in [start, end)."""
        if end <= start:
            return 0
        return bisect_left(self.word_starts, end) - bisect_left(self.word_starts, start)

    def crosses(self, start: int, end: int, *, clauses: bool = True) -> bool:
        """Whether a sentence (or, with clauses, a clause) boundary lies in (start, end]."""
        starts = self.clause_starts if clauses else self.sentence_starts
        i = bisect_right(starts, start)
        return i < len(starts) and starts[i] <= end


def segment(
    text: str, clause_break: re.Pattern[str], sentence_end: re.Pattern[str], word: re.Pattern[str]
) -> Segments:
    sentences = [0]
    for m in sentence_end.finditer(text):
        if m.end() < len(text):
            sentences.append(m.end())
    clauses = set(sentences)
    commas: set[int] = set()
    for m in clause_break.finditer(text):
        at = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        clauses.add(at)
        if text[at] == ",":
            commas.add(at)
    words = tuple(map(_START, word.finditer(text)))
    return Segments(
        text,
        tuple(sorted(set(sentences))),
        tuple(sorted(clauses)),
        words,
        frozenset(commas - set(sentences)),
    )


CHUNK = (
    150  # characters: a text is matched a sentence or two at a time, each piece gated on its own
)
# (bench/reading.py, 600 / 10,000 characters median: 1,000 gave 4.4 / 84 ms, 150 gives 3.5 / 61;
# each piece also runs gate.REACH characters into the next sentence, so the size changes the
# speed, never the reading)


def chunks(text: str, sentence_starts: tuple[int, ...]) -> list[tuple[int, int]]:
    """The text in pieces of whole sentences, each about CHUNK characters or one long sentence."""
    out: list[tuple[int, int]] = []
    start = 0
    for s in (*sentence_starts[1:], len(text)):
        if s - start >= CHUNK or s == len(text):
            out.append((start, s))
            start = s
    return out or [(0, len(text))]
