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


class Records:
    """Word records (quantities.yaml severity_words, duration_words) read as one alternation in
    file order, the first record that fits a place winning; each record is its own regex, so that
    the gate runs only the records whose words are in the text."""

    def __init__(
        self, compiled: Compiled, name: str, words: list[tuple[str, str | None, float]]
    ) -> None:
        self.rx = [
            compiled.rx(pattern) if pattern else re.compile(rf"\b{re.escape(literal)}\b")
            for literal, pattern, _ in words
        ]
        self.values = [value for _, _, value in words]
        self.names = [f"{name}#{i}" for i in range(len(words))]  # (each record, to the gate)

    def finditer(
        self, text: str, runs: list[tuple[tuple[int, int], ...]]
    ) -> list[tuple[int, re.Match[str]]]:
        """The matches of the records' alternation, left to right and not overlapping, each with
        the number of its record, where `runs[i]` are the stretches of the text record i can match
        in (the gate's)."""
        rx = self.rx

        def first(i: int, at: int) -> re.Match[str] | None:
            for lo, hi in runs[i]:
                if hi > at:
                    m = rx[i].search(text, max(lo, at), hi)
                    if m is not None:
                        return m
            return None

        nxt = {i: first(i, 0) for i in range(len(rx)) if runs[i]}  # each record's next match
        out: list[tuple[int, re.Match[str]]] = []
        at = 0
        while True:
            best: re.Match[str] | None = None
            record = -1
            for i, m in nxt.items():  # (in file order: on a tie the first record wins)
                if m is not None and m.start() < at:
                    m = nxt[i] = first(i, at)
                if m is not None and (best is None or m.start() < best.start()):
                    best, record = m, i
            if best is None:
                return out
            out.append((record, best))
            at = max(best.end(), best.start() + 1)


class Numbers:
    """The number words and units of a lexicon (quantities.yaml), read into values."""

    def __init__(self, q: QuantitiesFile) -> None:
        self.words = {" ".join(k.split()): float(v) for k, v in q.numbers.items()}
        self.ordinals = {k: float(v) for k, v in q.ordinals.items()}  # ("7th", "seventh": 7)
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
        value = self.words.get(s, self.ordinals.get(s))
        return None if value is None else value + half
