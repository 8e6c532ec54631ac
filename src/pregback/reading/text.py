"""Text preparation: case folding that keeps every offset, sentences, clauses and word positions.

Owns: turning a message into a lower-cased copy of the same length, and the sentence and clause
boundaries that end a cue's scope. Never: reading findings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import methodcaller

from pregback.reading.fastre import Fast

# One character for one character, so that offsets in the folded text are offsets in the message.
_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\t": " ",
        "\r": "\n",
        "\uff0c": ",",
        "\u3001": ",",
        "\u3002": ".",
        "\uff0e": ".",
        "\uff01": "!",
        "\uff1f": "?",
        "\u2044": "/",
        "\u00d7": "x",
    }
)
# full-width forms (Ｉ’ｍ ３３ ｗｅｅｋｓ) are their ASCII letters, one for one
_SAME_LENGTH.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\ufeff]")
# A sentence ends at ! ? ; a line break, or a full stop that is not a decimal point.
_SENTENCE_END = Fast(r"[!?;\n]+|\.(?!\d)|(?<!\d)\.")
_WORD = Fast(r"\w+(?:'\w+)?")
_START = methodcaller("start")


def fold(message: str) -> str:
    """Lower-case the message without changing its length (characters whose lower case is longer stay)."""
    low = message.lower()
    if len(low) != len(message):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in message)
    return _CONTROL.sub(" ", low.translate(_SAME_LENGTH))


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


def segment(text: str, clause_break: Fast) -> Segments:
    sentences = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.end() < len(text):
            sentences.append(m.end())
    clauses = set(sentences)
    commas: set[int] = set()
    for m in clause_break.finditer(text):
        at = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        clauses.add(at)
        if text[at] == ",":
            commas.add(at)
    words = tuple(map(_START, _WORD.finditer(text)))
    return Segments(
        text,
        tuple(sorted(set(sentences))),
        tuple(sorted(clauses)),
        words,
        frozenset(commas - set(sentences)),
    )
