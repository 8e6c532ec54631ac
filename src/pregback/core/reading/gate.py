"""The gate: a phrase regex runs only on a text that holds the strings every match contains.

Owns: finding, from a regex's parse tree, sets of literal strings such that every match contains
one string of each set, and skipping the regexes whose sets are not all met by the text. Never: hide a match (a pattern it
cannot read, or one with no such strings, always runs), or change what a regex matches.

It reads the parse tree with `re._parser`, Python's own regex parser (the one private module the
reader uses); should that module change, every regex simply runs (tests/test_reading_gate.py).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Any

from pregback.core.reading.text import chunks

try:
    _P: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another Python: no gate, every regex runs
    _P = _C = None

_SHORTEST = 2  # strings shorter than this are too common to tell anything
_KEEP = 3  # at most this many required sets are kept per regex (the most telling)
Needs = tuple[frozenset[str], ...] | None  # every set must have a string in the text; None: runs


def _telling(needs: AbstractSet[str]) -> tuple[int, int]:
    """How telling a set of strings is: longer shortest string first, then fewer strings."""
    return (min(map(len, needs)), -len(needs))


def _keep(sets: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
    return tuple(sorted(set(sets), key=_telling, reverse=True)[:_KEEP])


def _seq(items: Iterable[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Of a sequence, the sets of strings each of its parts needs (runs of literals joined)."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run)
        if len(text) >= _SHORTEST:
            out.append(frozenset({text}))
        run.clear()

    for op, av in items:
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        out += _node(op, av)
    flush()
    return out


def _node(op: Any, av: Any) -> list[frozenset[str]]:
    if op is _C.SUBPATTERN:
        return _seq(av[-1])
    if op is _C.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            sets = _seq(branch)
            if not sets:
                return []  # a branch that needs nothing: the whole needs nothing
            union |= max(sets, key=_telling)  # one set each branch needs, joined
        return [frozenset(union)]
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
        low, _high, item = av
        return _seq(item) if low >= 1 else []
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _seq(av)
    return []  # a class, an assertion, a back reference: no string is certain


def needs(pattern: str) -> Needs:
    """Sets of strings such that every match of the pattern contains one string of each set, or
    None if none are known."""
    if _P is None:
        return None
    try:
        found = _seq(_P.parse(pattern, re.ASCII))
    except Exception:  # a pattern the parser reads differently: it always runs
        return None
    return _keep(found) or None


class Gate:
    """The needed strings of many regexes, tested against a text all at once."""

    def __init__(self, patterns: list[str]) -> None:
        self.needs = [needs(p) for p in patterns]
        self.strings = sorted({s for n in self.needs if n for one in n for s in one})
        # each distinct set of strings by number, each regex's sets by number, and the sets each
        # string is in: a text's present strings tell which sets are met, once for all regexes
        numbers: dict[frozenset[str], int] = {}
        self.sets: list[frozenset[int] | None] = [
            None if n is None else frozenset(numbers.setdefault(one, len(numbers)) for one in n)
            for n in self.needs
        ]
        self.in_sets: dict[str, tuple[int, ...]] = {}
        for one, number in numbers.items():
            for s in one:
                self.in_sets[s] = (*self.in_sets.get(s, ()), number)

    def open(self, text: str, present: AbstractSet[str] | None = None) -> list[bool]:
        """For each regex, whether it can match in this text; `present`, the strings known to be in
        it (of all gates at once: `present_in`), saves looking for them again."""
        if present is None:
            present = present_in(text, self.strings)
        in_sets = self.in_sets
        met = {number for s in present if s in in_sets for number in in_sets[s]}
        return [sets is None or sets <= met for sets in self.sets]


def present_in(text: str, strings: Iterable[str]) -> set[str]:
    """The strings that are in the text."""
    return {s for s in strings if s in text}


Piece = tuple[int, int, AbstractSet[str] | None]  # lo, hi, the gate strings in text[lo:hi]


def pieces(
    text: str, sentence_starts: tuple[int, ...], present: AbstractSet[str] | None
) -> list[Piece]:
    """The text in pieces of whole sentences (`text.chunks`), each with the strings of `present`
    that are in it (a text of one piece holds just the strings found in it); made once for the
    phrases and the cues."""
    out: list[Piece] = []
    for lo, hi in chunks(text, sentence_starts):
        if present is None or hi - lo == len(text):
            out.append((lo, hi, present))
        else:
            out.append((lo, hi, present_in(text[lo:hi], present)))
    return out


class Finder:
    """Looks for many strings in a text at once: a string is looked for only when every run of
    three characters in it is in the text (a few hundred looks, not thousands)."""

    def __init__(self, strings: Iterable[str]) -> None:
        self.short: list[str] = []  # strings of fewer than three characters: always looked for
        # the strings by their first three characters, each with all its runs of three
        self.by_head: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for s in sorted(set(strings)):
            if len(s) < 3:
                self.short.append(s)
            else:
                self.by_head.setdefault(s[:3], []).append((s, _threes(s)))

    def present_in(self, text: str) -> set[str]:
        """The strings that are in the text (as `present_in(text, strings)`)."""
        threes = _threes(text)
        by_head = self.by_head
        found = {
            s
            for head in threes.intersection(by_head)
            for s, runs in by_head[head]
            if runs <= threes and (len(s) == 3 or s in text)
        }
        found.update(s for s in self.short if s in text)
        return found


def _threes(text: str) -> frozenset[str]:
    """Every run of three characters in the text."""
    return frozenset(text[i : i + 3] for i in range(len(text) - 2))
