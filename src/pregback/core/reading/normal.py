"""The text the reader matches: case folded, ASCII letters, and misspelt words read as meant.

Owns: turning a message into that text, and mapping every offset in it back to the message, so
evidence always points at her own words. Never: reading findings, or a word list (spelling.yaml).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from pregback.core.reading.spelling import Speller

# One character for one character: typographic quotes, dashes and spaces made plain.
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
_LETTERS = re.compile(r"[a-z]+(?:'[a-z]+)?")
_KEEP = frozenset("°½")  # read by the quantity patterns as they are


def _plain(c: str) -> str:
    """A letter with an accent as its ASCII letter (é -> e); anything else as it is."""
    if c in _KEEP:
        return c
    base = "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
    return base if len(base) == 1 and base.isascii() else c


def fold(message: str) -> str:
    """Lower case, plain punctuation and ASCII letters, without changing the length."""
    low = message.lower()
    if len(low) != len(message):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in message)
    low = _CONTROL.sub(" ", low.translate(_SAME_LENGTH))
    if not low.isascii():
        low = "".join(c if c.isascii() else _plain(c) for c in low)
    return low


@dataclass(frozen=True)
class Normal:
    """The text to match, and where each of its pieces came from in the message."""

    text: str
    # each rewritten word: (start in text, end in text, start in message, end in message)
    rewrites: tuple[tuple[int, int, int, int], ...] = ()

    def to_message(self, pos: int, end: bool = False) -> int:
        """The message offset of a text offset (a rewritten word maps to the whole word)."""
        if not self.rewrites:
            return pos
        i = bisect_right(self.rewrites, (pos, 1 << 62)) - 1
        if i < 0:
            return pos
        ts, te, ms, me = self.rewrites[i]
        if pos < te or (pos == te and end):
            return me if end else ms
        return pos - te + me

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_message(start), self.to_message(end, end=True)


def normalise(message: str, speller: Speller) -> Normal:
    """The folded message with misspelt and run-together words read as the lexicon's words."""
    folded = fold(message)
    pieces: list[str] = []
    rewrites: list[tuple[int, int, int, int]] = []
    last = 0
    out_len = 0
    for m in _LETTERS.finditer(folded):
        word = m.group()
        if "'" in word or (len(word) < 2 and word not in speller.variants):
            continue
        new = speller.correct(word)
        if new is None or new == word:
            continue
        a, b = m.span()
        pieces.append(folded[last:a])
        out_len += a - last
        rewrites.append((out_len, out_len + len(new), a, b))
        pieces.append(new)
        out_len += len(new)
        last = b
    if not rewrites:
        return Normal(folded)
    pieces.append(folded[last:])
    return Normal("".join(pieces), tuple(rewrites))
