"""The gate: a phrase regex runs only on a text that holds one of the strings every match contains.

Owns: finding, from a regex's parse tree, literal strings one of which every match must contain,
and skipping the regexes none of whose strings are in the text. Never: hide a match (a pattern it
cannot read, or one with no such strings, always runs), or change what a regex matches.

It reads the parse tree with `re._parser`, Python's own regex parser (the one private module the
reader uses); should that module change, every regex simply runs (tests/test_reading_gate.py).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

try:
    _P: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another Python: no gate, every regex runs
    _P = _C = None

_SHORTEST = 2  # strings shorter than this are too common to tell anything
Needs = frozenset[str] | None  # None: no strings known, the regex always runs


def _seq(items: Iterable[tuple[Any, Any]]) -> Needs:
    """Of a sequence, the most telling needed strings of one of its parts (runs of literals joined)."""
    best: Needs = None
    run: list[str] = []

    def consider(needs: Needs) -> None:
        nonlocal best
        if needs and (best is None or min(map(len, needs)) > min(map(len, best))):
            best = needs

    for op, av in items:
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            text = "".join(run)
            consider(frozenset({text}) if len(text) >= _SHORTEST else None)
            run = []
        consider(_node(op, av))
    if run:
        text = "".join(run)
        consider(frozenset({text}) if len(text) >= _SHORTEST else None)
    return best


def _node(op: Any, av: Any) -> Needs:
    if op is _C.SUBPATTERN:
        return _seq(av[-1])
    if op is _C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            needs = _seq(branch)
            if not needs:
                return None  # a branch that needs nothing: the whole needs nothing
            out |= needs
        return frozenset(out)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
        low, _high, item = av
        return _seq(item) if low >= 1 else None
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _seq(av)
    return None  # a class, an assertion, a back reference: no string is certain


def needs(pattern: str) -> Needs:
    """Strings one of which every match of the pattern contains, or None if none are known."""
    if _P is None:
        return None
    try:
        found = _seq(_P.parse(pattern, re.ASCII))
    except Exception:  # a pattern the parser reads differently: it always runs
        return None
    return found or None


class Gate:
    """The needed strings of many regexes, tested against a text all at once."""

    def __init__(self, patterns: list[str]) -> None:
        self.needs = [needs(p) for p in patterns]
        self.strings = sorted({s for n in self.needs if n for s in n})

    def open(self, text: str) -> list[bool]:
        """For each regex, whether it can match in this text."""
        present = {s for s in self.strings if s in text}
        return [n is None or not present.isdisjoint(n) for n in self.needs]
