"""The gate: a phrase regex runs only on a text that holds the strings every match contains.

Owns: finding, from a lexicon regex's own text, sets of literal strings such that every match
contains one string of each set, and skipping the regexes whose sets are not all met by the text.
Never: hide a match (a pattern it cannot read, or one with no such strings, always runs), or change
what a regex matches.

It reads only the plain syntax the lexicon writes: literal characters, groups, alternatives,
repeats, classes, escapes and lookarounds. Anything else (an inline flag, a conditional, an escape
it does not know) and the regex simply always runs (tests/test_reading_gate.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from pregback.core.reading.text import chunks

_SHORTEST = 2  # strings shorter than this are too common to tell anything
REACH = 40  # characters a piece runs on into the next (a match may cross a sentence's end)
_KEEP = 3  # at most this many required sets are kept per regex (the most telling)
Needs = tuple[frozenset[str], ...] | None  # every set must have a string in the text; None: runs
# What a part of a regex needs: one string of a set, or all the needs of one of its alternatives
Item = frozenset[str] | tuple[tuple["Item", ...], ...]
_REPEAT = re.compile(r"\{(\d*)(,\d*)?\}")  # {m}, {m,}, {,n}, {m,n}
_PLAIN = re.compile(r"[^\\()\[\]|.^$*+?{]+")  # literal characters only
_ZERO_WIDTH = frozenset("bBAZ")  # escapes that match no character
_CLASSES = frozenset("sSwWdD")  # escapes that match one character of a class


def _telling(needs: AbstractSet[str]) -> tuple[int, int]:
    """How telling a set of strings is: longer shortest string first, then fewer strings."""
    return (min(map(len, needs)), -len(needs))


def _keep(sets: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
    return tuple(sorted(set(sets), key=_telling, reverse=True)[:_KEEP])


def _sets(items: Iterable[Item]) -> list[frozenset[str]]:
    """The needs as sets only: alternatives become one set joining a set each of them needs."""
    out: list[frozenset[str]] = []
    for item in items:
        if isinstance(item, frozenset):
            out.append(item)
            continue
        union: set[str] = set()
        for branch in item:
            sets = _sets(branch)
            if not sets:
                break  # a branch that needs nothing: the whole needs nothing
            union |= max(sets, key=_telling)
        else:
            out.append(frozenset(union))
    return out


class _Unread(Exception):
    """A part of the regex syntax the gate does not read: the regex always runs."""


class _Needs:
    """Reads one regex, left to right: what each part of it needs."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def alternatives(self) -> list[Item]:
        """Alternatives up to a ")" or the end: the needs of each."""
        branches = [self.sequence()]
        while self.p.startswith("|", self.i):
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        if not all(branches):
            return []  # a branch that needs nothing: the whole needs nothing
        flat: list[tuple[Item, ...]] = []
        ones: set[str] = set()  # the strings of branches that need one string of a set
        for branch in branches:
            one = branch[0] if len(branch) == 1 else None
            if isinstance(one, frozenset):
                ones |= one
            elif one is not None:
                flat += one  # (a branch that is alternatives itself: its alternatives)
            else:
                flat.append(tuple(branch))
        if not flat:
            return [frozenset(ones)]  # one string of any of them
        return [(*flat, (frozenset(ones),)) if ones else tuple(flat)]

    def sequence(self) -> list[Item]:
        """Parts one after another: the needs of each, runs of literal characters joined."""
        out: list[Item] = []
        run: list[str] = []
        size = 0  # the characters in the run
        p, end = self.p, len(self.p)
        while self.i < end and p[self.i] not in "|)":
            plain = _PLAIN.match(p, self.i)
            if plain:  # (all but the last, which a repeat may follow, go straight into the run)
                run.append(plain.group()[:-1])
                size += plain.end() - 1 - self.i
                self.i = plain.end() - 1
            char, sets = self.atom()
            low = self.repeat()
            if char is not None and low is None:
                run.append(char)
                size += len(char)
                continue
            if size >= _SHORTEST:
                out.append(frozenset({"".join(run)}))
            run.clear()
            size = 0
            if low is None or low >= 1:
                out += sets
        if size >= _SHORTEST:
            out.append(frozenset({"".join(run)}))
        return out

    def atom(self) -> tuple[str | None, list[Item]]:
        """One part: a literal character (with no needs), or None and what the part needs."""
        p, i = self.p, self.i
        c = p[i]
        if c == "(":
            return None, self.group()
        if c == "[":  # a class: one character, not known
            i += 2 if p.startswith("[^", i) else 1
            i += 1 if p.startswith("]", i) else 0  # ("[]...]": the first "]" is a member)
            while i < len(p) and p[i] != "]":
                i += 2 if p[i] == "\\" else 1
            if i >= len(p):
                raise _Unread(p)
            self.i = i + 1
            return None, []
        if c == "\\":
            if i + 1 >= len(p):
                raise _Unread(p)
            e = p[i + 1]
            self.i = i + 2
            if not e.isalnum():
                return e, []  # an escaped sign is that sign
            if e in _ZERO_WIDTH or e in _CLASSES:
                return None, []
            raise _Unread(p)  # a back reference, \n, \x41 ...
        if c in "*+?":
            raise _Unread(p)  # (a repeat of nothing: not a regex)
        self.i = i + 1
        return (None, []) if c in ".^$" else (c, [])

    def group(self) -> list[Item]:
        """A group: its needs; a lookaround or a back reference needs nothing."""
        p = self.p
        self.i += 1
        needed = True
        if p.startswith("?", self.i):
            if p.startswith(("?:", "?>"), self.i):
                self.i += 2
            elif p.startswith("?P<", self.i):
                self.i = p.index(">", self.i) + 1
            elif p.startswith(("?=", "?!", "?<=", "?<!"), self.i):
                self.i += 3 if p[self.i + 1] == "<" else 2
                needed = False  # (what it looks at is not in the match)
            else:
                raise _Unread(p)  # an inline flag, a conditional, a named back reference ...
        sets = self.alternatives()
        if not p.startswith(")", self.i):
            raise _Unread(p)
        self.i += 1
        return sets if needed else []

    def repeat(self) -> int | None:
        """The least count of a repeat after a part, or None when no repeat follows."""
        p = self.p
        if self.i >= len(p):
            return None
        c = p[self.i]
        if c in "?*+":
            low = 1 if c == "+" else 0
            self.i += 1
        elif c == "{" and (m := _REPEAT.match(p, self.i)) and m.group() != "{}":
            low = int(m.group(1) or 0)
            self.i = m.end()
        else:
            return None
        if self.i < len(p) and p[self.i] in "?+":
            self.i += 1  # (lazy or possessive: the same characters)
        return low


def _read(pattern: str) -> list[Item] | None:
    """What every match of the pattern needs, or None for a pattern the gate does not read."""
    reader = _Needs(pattern)
    try:
        found = reader.alternatives()
    except (_Unread, ValueError):  # a pattern it does not read: it always runs
        return None
    return found if reader.i == len(pattern) else None


def needs(pattern: str) -> Needs:
    """Sets of strings such that every match of the pattern contains one string of each set, or
    None if none are known."""
    found = _read(pattern)
    return None if found is None else _keep(_sets(found)) or None


# The needs of one regex with each set of strings by its number: the sets it needs, and its
# alternatives (of each, one alternative's needs)
Numbered = tuple[frozenset[int], tuple[tuple["Numbered", ...], ...]]


def _holds(needs: Numbered, met: AbstractSet[int]) -> bool:
    """Whether the numbered needs are met, given the numbers of the sets met."""
    sets, alternatives = needs
    if not sets <= met:
        return False
    for alternative in alternatives:
        for branch_sets, branch_alternatives in alternative:
            if branch_sets <= met and (
                not branch_alternatives or _holds((branch_sets, branch_alternatives), met)
            ):
                break
        else:
            return False  # (no branch of these alternatives holds)
    return True


class Gate:
    """The needed strings of many regexes, tested against a text all at once."""

    def __init__(self, patterns: list[str]) -> None:
        found = [_read(p) for p in patterns]
        self.needs = [None if f is None else _keep(_sets(f)) or None for f in found]
        # each distinct set of strings by number, and the sets each string is in: a text's present
        # strings tell which sets are met, once for all regexes. A regex runs when its few most
        # telling sets are met (`sets`, quick to ask) and then all it needs (`all`, alternatives too)
        numbers: dict[frozenset[str], int] = {}

        def numbered(items: Iterable[Item]) -> Numbered:
            sets = [numbers.setdefault(i, len(numbers)) for i in items if isinstance(i, frozenset)]
            alternatives = tuple(
                tuple(map(numbered, i)) for i in items if not isinstance(i, frozenset)
            )
            return frozenset(sets), alternatives

        self.sets: list[frozenset[int] | None] = [
            None if n is None else frozenset(numbers.setdefault(one, len(numbers)) for one in n)
            for n in self.needs
        ]
        self.all = [None if f is None else numbered(f) for f in found]
        self.strings = sorted({s for one in numbers for s in one})
        self.in_sets: dict[str, tuple[int, ...]] = {}
        for one, number in numbers.items():
            for s in one:
                self.in_sets[s] = (*self.in_sets.get(s, ()), number)
        # each regex under the most telling set it needs: only the regexes keyed by a set that is
        # met are asked further (a few dozen of hundreds), and the regexes that need nothing always
        self.always = tuple(i for i, sets in enumerate(self.sets) if sets is None)
        self.keyed: dict[int, tuple[tuple[int, frozenset[int]], ...]] = {}
        for i, (n, wanted) in enumerate(zip(self.needs, self.sets, strict=True)):
            if n is not None and wanted is not None:
                key = numbers[n[0]]
                self.keyed[key] = (*self.keyed.get(key, ()), (i, wanted))

    def which(self, text: str, present: AbstractSet[str] | None = None) -> list[int]:
        """The numbers of the regexes that can match in this text, in order; `present`, the strings
        known to be in it (of all gates at once: `present_in`), saves looking for them again."""
        if present is None:
            present = present_in(text, self.strings)
        in_sets = self.in_sets
        met: set[int] = set().union(*[in_sets[s] for s in present if s in in_sets])
        every, keyed = self.all, self.keyed
        found = [*self.always]
        for key in met.intersection(keyed):
            for i, wanted in keyed[key]:
                if wanted <= met:
                    alternatives = every[i]
                    if alternatives is None or _holds(alternatives, met):
                        found.append(i)
        found.sort()
        return found

    def stretches(self, text: str, parts: list[Piece]) -> dict[int, list[tuple[int, int]]]:
        """For each regex that can match, the stretches of the text to run it on: the pieces
        (`pieces`) that hold the strings it needs, pieces that overlap or touch as one stretch."""
        out: dict[int, list[tuple[int, int]]] = {}
        for lo, hi, here in parts:
            for i in self.which(text[lo:hi], here):
                runs = out.setdefault(i, [])
                if runs and runs[-1][1] >= lo:
                    runs[-1] = (runs[-1][0], hi)
                else:
                    runs.append((lo, hi))
        return out

    def open(self, text: str, present: AbstractSet[str] | None = None) -> list[bool]:
        """For each regex, whether it can match in this text (`which`, as one flag per regex)."""
        flags = [False] * len(self.sets)
        for i in self.which(text, present):
            flags[i] = True
        return flags


def present_in(text: str, strings: Iterable[str]) -> set[str]:
    """The strings that are in the text."""
    return {s for s in strings if s in text}


Piece = tuple[int, int, AbstractSet[str] | None]  # lo, hi, the gate strings in text[lo:hi]


def pieces(
    text: str, sentence_starts: tuple[int, ...], present: AbstractSet[str] | None
) -> list[Piece]:
    """The text in pieces of whole sentences (`text.chunks`), each running on up to REACH
    characters into the next piece's first sentence (so that a match may run on into the next
    sentence however the sentences fall into pieces: "there is blood. a lot of it"), each with the
    strings of `present`
    that are in it (a text of one piece holds just the strings found in it); made once for the
    phrases, the cues and the quantities."""
    out: list[Piece] = []
    for lo, hi in chunks(text, sentence_starts):
        if hi < len(text):
            at = bisect_right(sentence_starts, hi)
            end = sentence_starts[at] if at < len(sentence_starts) else len(text)
            hi = min(end, hi + REACH)
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
    return frozenset({text[i : i + 3] for i in range(len(text) - 2)})
