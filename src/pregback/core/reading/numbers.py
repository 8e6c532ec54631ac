"""Numbers and units in words and digits, and the record of what a scan has read.

Owns: number words ("a couple of", "thirty-three", "4 and a half"), ranges ("8-10" is 9), unit
names, and the regex fragments for them. Never: decide what a number means (that is `quantities`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pregback.core.reading.compiled import Compiled
    from pregback.knowledge.lexicon import QuantitiesFile

_RANGE = re.compile(r"\s*(?:-|\bto\b|\bor\b)\s*")
_TENS_DIGIT = re.compile(r"([a-z]+)[\s-]?([1-9])")
_POINT_FIVE = re.compile(r"\d+\.5")


class Quantity(NamedTuple):  # a tuple: made for every quantity found, so made quickly
    kind: str  # weeks, severity, severity_word, interval, wave_seconds, count, span, day_word, temperature, bp
    value: float
    start: int
    end: int
    unit: str = ""  # for a span: second .. month
    markers: frozenset[str] = frozenset()  # words that say what a span is: for, ago, lasting, ...


class Scan:
    """One text being scanned: what has been read, and which characters are taken."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[Quantity] = []
        self.mask = bytearray(len(text) + 1)

    def free(self, a: int, b: int) -> bool:
        return self.mask.find(1, a, b) == -1

    def add(self, q: Quantity) -> None:
        self.out.append(q)
        self.take(q.start, q.end)

    def take(self, a: int, b: int) -> None:
        """Mark characters as read (by a reading made elsewhere, such as the week)."""
        self.mask[a:b] = b"\x01" * (b - a)


def one_regex(
    compiled: Compiled, words: list[tuple[str, str | None, float]]
) -> tuple[re.Pattern[str], dict[str, float]]:
    """Word records as one alternation (in file order: the first that fits a place wins)."""
    parts = []
    values: dict[str, float] = {}
    for i, (literal, pattern, value) in enumerate(words):
        body = compiled.rx(pattern).pattern if pattern else rf"\b{re.escape(literal)}\b"
        parts.append(f"(?P<w{i}>{body})")
        values[f"w{i}"] = value
    joined = "|".join(parts)
    if all(p.startswith(r"(?P<w") and p.split(">", 1)[1].startswith(r"\b") for p in parts):
        # every record starts at a word boundary: say so once, so that the places inside a word
        # are passed over without trying each record (the same matches, found sooner)
        joined = rf"\b(?:{joined})"
    return re.compile(joined), values


class Numbers:
    """The number words and units of a lexicon (quantities.yaml), read into values."""

    def __init__(self, q: QuantitiesFile) -> None:
        self.words = {" ".join(k.split()): float(v) for k, v in q.numbers.items()}
        self.tens = frozenset(q.tens)
        self.halves = tuple(sorted({*q.halves, ".5"}, key=len, reverse=True))
        self.unit_of = {alias: unit for unit, aliases in q.units.items() for alias in aliases}

    def number(self, s: str) -> float | None:
        """A number in digits or words; a range gives its midpoint; "and a half" adds 0.5."""
        s = s.strip()
        if s.isdecimal():  # digits only, the usual case
            return float(s)
        s = " ".join(s.split())
        words = s.replace("-", " ").split()
        if len(words) == 2 and words[0] in self.tens and words[1] in self.words:
            return self.words[words[0]] + self.words[words[1]]  # "twenty nine"
        mixed = _TENS_DIGIT.fullmatch(s)  # "thirty2", "twenty-9"
        if mixed and mixed.group(1) in self.tens:
            return self.words[mixed.group(1)] + int(mixed.group(2))
        parts = _RANGE.split(s)
        if len(parts) == 2 and parts[0] and parts[1]:
            a, b = self.number(parts[0]), self.number(parts[1])
            return None if a is None or b is None else (a + b) / 2
        half = 0.0
        for suffix in self.halves:
            if s.endswith(suffix) and s != suffix.strip() and not _POINT_FIVE.fullmatch(s):
                s, half = s[: -len(suffix)].strip(), 0.5
                break
        s = s.replace(",", ".")
        try:
            return float(s) + half
        except ValueError:
            pass
        value = self.words.get(s)
        return None if value is None else value + half
