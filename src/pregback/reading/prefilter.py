"""A quick, exact test of whether a regex could match a text: the first characters every match starts with.

Owns: reading a compiled regex's parse tree for the set of strings of length K that any match
begins with, so that most regexes are never run on a message that lacks all of them. Never: change
what matches; when in doubt (a wildcard, a match shorter than K) the regex always runs.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

# The regex parser of the standard library (re._parser since 3.11; sre_parse before, now deprecated).
C: Any = importlib.import_module("re._constants")
P: Any = importlib.import_module("re._parser")

K = 3
LIMIT = 4000  # more prefixes than this and the regex simply always runs
_SPACE = " \n\t\r\x0b\x0c\x1c\x1d\x1e\x1f"  # \s in ASCII text
_DIGIT = "0123456789"

Items = set[tuple[str, bool]]  # (string, complete): complete = the node can end after this string


@lru_cache(maxsize=1024)
def _parsed(pattern: str, flags: int, spaces: bool = False) -> Any:
    tree = P.parse(pattern, flags)
    return _one_space(list(tree)) if spaces else tree


# With `spaces`, strings are read for the text with each run of white space made one plain space
# (`one_space`): white space in a pattern is " ", and a run of it is one " " ("wee\s+for" gives
# "wee for", which "weeks" does not contain).
_WHITE = re.compile(r"\s")
_RUNS = re.compile(r"\s+")
_NOT_ONE_SPACE = re.compile(r"[^\S ]| \s")  # white space other than a lone plain space
SPACE = 32


def one_space(text: str) -> str:
    """The text with each run of white space made one plain space."""
    return _RUNS.sub(" ", text) if _NOT_ONE_SPACE.search(text) else text


def _is_white(code: int) -> bool:
    return _WHITE.match(chr(code)) is not None


def _white_only(items: list[Any]) -> bool:
    """Whether the items are one character that is always white space (after `_one_space`)."""
    return len(items) == 1 and items[0] == (C.LITERAL, SPACE)


def _one_space(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for op, av in items:
        if op is C.LITERAL and _is_white(av):
            out.append((op, SPACE))
        elif op is C.IN:
            members: list[Any] = []
            for mop, marg in av:
                if (mop is C.CATEGORY and marg is C.CATEGORY_SPACE) or (
                    mop is C.LITERAL and _is_white(marg)
                ):
                    members.append((C.LITERAL, SPACE))
                elif mop is C.RANGE and any(_is_white(c) for c in range(marg[0], marg[1] + 1)):
                    members += [(mop, marg), (C.LITERAL, SPACE)]
                else:
                    members.append((mop, marg))
            if members == [(C.LITERAL, SPACE)] * len(members):
                out.append((C.LITERAL, SPACE))
            else:
                out.append((op, members))
        elif op is C.SUBPATTERN:
            group, add, delete, sub = av
            out.append((op, (group, add, delete, _one_space(list(sub)))))
        elif op is C.BRANCH:
            out.append((op, (av[0], [_one_space(list(alt)) for alt in av[1]])))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            lo, hi, body = av
            inner = _one_space(list(body))
            if _white_only(inner):  # a run of white space is one space
                out.append((C.LITERAL, SPACE) if lo >= 1 else (op, (0, 1, inner)))
            else:
                out.append((op, (lo, hi, inner)))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            out.append((op, (av[0], _one_space(list(av[1])))))
        elif op is getattr(C, "ATOMIC_GROUP", None):
            out.append((op, _one_space(list(av))))
        else:
            out.append((op, av))
    return out


def prefixes(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The strings of length K that every match starts with, or None if the regex must always run."""
    try:
        items = _seq(list(_parsed(regex.pattern, regex.flags)), K)
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError):  # pragma: no cover
        return None
    if items is None or any(len(s) < K for s, _ in items):
        return None
    return frozenset(s for s, _ in items)


def _chars(av: Any) -> str | None:
    out: list[str] = []
    for op, arg in av:
        if op is C.LITERAL:
            out.append(chr(arg))
        elif op is C.RANGE:
            lo, hi = arg
            if hi - lo > 200:
                return None
            out.extend(chr(c) for c in range(lo, hi + 1))
        elif op is C.CATEGORY:
            if arg is C.CATEGORY_DIGIT:
                out.append(_DIGIT)
            elif arg is C.CATEGORY_SPACE:
                out.append(_SPACE)
            else:
                return None
        else:  # NEGATE and anything else: any character
            return None
    return "".join(out)


def _node(op: Any, av: Any, k: int) -> Items | None:
    if op is C.LITERAL:
        return {(chr(av), True)}
    if op is C.IN:
        chars = _chars(av)
        return None if chars is None else {(c, True) for c in set(chars)}
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {("", True)}  # zero width
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]), k)
    if op is C.BRANCH:
        out: Items = set()
        for alt in av[1]:
            sub = _seq(list(alt), k)
            if sub is None:
                return None
            out |= sub
            if len(out) > LIMIT:
                return None
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, hi, body = av
        return _repeat(list(body), lo, hi, k)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _seq(list(av), k)
    return None  # ANY, NOT_LITERAL, GROUPREF, ...


def _repeat(body: list[Any], lo: int, hi: int, k: int) -> Items | None:
    out: Items = set()
    current: Items = {("", True)}
    count = 0
    while True:
        if count >= lo:
            out |= current
        if count >= hi or not any(c and len(s) < k for s, c in current):
            if count < lo:
                out |= {(s, False) for s, c in current if len(s) >= k}
            break
        grown: Items = set()
        for s, complete in current:
            if not complete or len(s) >= k:
                continue
            sub = _seq(body, k - len(s))
            if sub is None:
                return None
            grown |= {(s + t, c) for t, c in sub}
        if grown == current or count > k + lo + 1:  # no progress (a body that can match nothing)
            out |= grown
            break
        current = grown
        count += 1
        if len(out) + len(current) > LIMIT:
            return None
    return {(s[:k], c and len(s) < k) for s, c in out}


def _seq(items: list[Any], k: int) -> Items | None:
    current: Items = {("", True)}
    for op, av in items:
        if all(not c or len(s) >= k for s, c in current):
            break
        nxt: Items = set()
        for s, complete in current:
            if not complete or len(s) >= k:
                nxt.add((s[:k], False))
                continue
            sub = _node(op, av, k - len(s))
            if sub is None:
                return None
            nxt |= {(s + t, c) for t, c in sub}
        current = nxt
        if len(current) > LIMIT:
            return None
    return {(s[:k], c and len(s) < k) for s, c in current}


def release_caches() -> None:
    _parsed.cache_clear()
    _score.cache_clear()


class Sieve(NamedTuple):  # (a tuple: made for every message, so made quickly)
    """One text, ready for the prefilter: its trigrams, and the same with white space as one space."""

    text: str
    grams: set[str]  # the text's trigrams (where a pattern's matches can start, `prefixes`)
    plain: str  # the text with each run of white space one space (`one_space`): Needles look here

    @staticmethod
    def of(text: str) -> Sieve:
        return Sieve(text, trigrams(text), one_space(text))


class Needles:
    """Strings looked for all at once (Aho-Corasick, pyahocorasick), each naming the regexes whose
    every match contains it or another of their strings: one pass over the text finds which
    regexes can match there."""

    def __init__(self, strings: dict[str, list[int]]) -> None:
        self.automaton: Any = None
        if strings:
            import ahocorasick  # a C extension: imported with the reader, not with the package

            self.automaton = ahocorasick.Automaton()
            for string, ids in strings.items():
                self.automaton.add_word(string, tuple(sorted(set(ids))))
            self.automaton.make_automaton()

    def found(self, text: str, into: set[int]) -> set[int]:
        """`into`, with the regexes of every string in the text added."""
        if self.automaton is not None:
            for _, ids in self.automaton.iter(text):
                into.update(ids)
        return into


def trigrams(text: str) -> set[str]:
    """Every K-character piece of the text (K = 3: three characters side by side, joined in C)."""
    return set(map("".join, zip(text, text[1:], text[2:], strict=False)))


# ---- required factors: strings of which every match contains at least one ----
EXACT_MAX = 64  # the most strings an exact language may have and still be tracked
EXACT_LEN = 24


@dataclass(frozen=True)
class _Info:
    exact: frozenset[str] | None  # the whole (small, finite) language of the node, or None
    factors: frozenset[str] | None  # every match contains one of these, or None (unknown)


# Words found in most messages about back pain: a factor that is part of one of them wakes its regex
# on most messages, so the chooser prefers factors that are not.
_FREQUENT = frozenset(
    "back pain ache aches aching hurt hurts hurting the and with for not but this that lower she her his "
    "him my me you your have had has was were are been now from off time lot much every going one leg "
    "legs pee hard weeks week baby feel feels like just get got day days today since about very really "
    "some any all what when there they it's its can can't over after before again still more less bit "
    "little pregnant hour hours minutes mins side night morning think also sore".split()
)


@lru_cache(maxsize=65536)
def _score(fs: frozenset[str] | None) -> tuple[int, int, int]:
    if not fs or "" in fs:
        return (0, 0, 0)
    shortest = min(len(f) for f in fs)
    if shortest < K:
        return (0, shortest - K, -len(fs))
    frequent = any(_frequent(f) for f in fs)
    return (0 if frequent else 1, min(shortest, 8), -len(fs))


def _frequent(string: str) -> bool:
    """Whether every word of the string is part of a frequent word (so the string may be frequent)."""
    return all(any(p in w for w in _FREQUENT) for p in string.split() or [string])


def _best(*cands: frozenset[str] | None) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for c in cands:
        if c and "" not in c and (best is None or _score(c) > _score(best)):
            best = c
    return best


_MERGE = [False]  # while reading strings for one-space text: two spaces side by side are one


def _cross(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > EXACT_MAX:
        return None
    if _MERGE[0]:
        out = frozenset(
            x + y[1:] if x[-1:] == " " and y[:1] == " " else x + y for x in a for y in b
        )
    else:
        out = frozenset(x + y for x in a for y in b)
    return out if all(len(s) <= EXACT_LEN for s in out) else None


def _finfo(op: Any, av: Any) -> _Info:
    if op is C.LITERAL:
        return _Info(frozenset({chr(av)}), None)
    if op is C.IN:
        chars = _chars(av)
        ok = chars is not None and len(set(chars)) <= 12
        return _Info(frozenset(set(chars)) if ok and chars else None, None)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _Info(frozenset({""}), None)
    if op is C.SUBPATTERN:
        return _fseq(list(av[-1]))
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _fseq(list(av))
    if op is C.BRANCH:
        infos = [_fseq(list(alt)) for alt in av[1]]
        exact: frozenset[str] | None = frozenset()
        for i in infos:
            exact = None if exact is None or i.exact is None else exact | i.exact
        if exact is not None and len(exact) > EXACT_MAX:
            exact = None
        factors: frozenset[str] | None = frozenset()
        for i in infos:
            own = _best(i.factors, i.exact)
            factors = None if factors is None or own is None else factors | own
        return _Info(exact, factors or None)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, hi, body = av
        inner = _fseq(list(body))
        exact = None
        if inner.exact is not None and hi <= 3:
            exact = frozenset({""}) if lo == 0 else None
            acc: frozenset[str] | None = frozenset({""})
            for n in range(1, hi + 1):
                acc = None if acc is None else _cross(acc, inner.exact)
                if acc is None:
                    exact = None
                    break
                if n >= lo:
                    exact = acc if exact is None else exact | acc
        factors = _best(inner.factors, inner.exact) if lo >= 1 else None
        return _Info(exact, factors)
    return _Info(None, None)


def _fseq(items: list[Any]) -> _Info:
    run: frozenset[str] | None = frozenset({""})
    whole: frozenset[str] | None = frozenset({""})
    cands: list[frozenset[str] | None] = []
    for op, av in items:
        info = _finfo(op, av)
        cands.append(info.factors)
        if info.exact is not None:
            run = _cross(run, info.exact) if run is not None else info.exact
            whole = _cross(whole, info.exact) if whole is not None else None
            if run is None:
                run = info.exact
            cands.append(run)
        else:
            whole = None
            cands.append(run)
            run = frozenset({""})
    cands.append(run)
    return _Info(whole, _best(*cands))


def factors(
    regex: re.Pattern[str], shortest: int = K, spaces: bool = False
) -> frozenset[str] | None:
    """Strings of which every match contains at least one (each `shortest` characters or more), or
    None (with `spaces`: in the text with each run of white space one space, `one_space`)."""
    _MERGE[0] = spaces
    try:
        info = _fseq(list(_parsed(regex.pattern, regex.flags, spaces)))
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError):  # pragma: no cover
        return None
    finally:
        _MERGE[0] = False
    best = _best(info.factors, info.exact)
    if best is None or min(len(f) for f in best) < shortest:
        return None
    return best


def structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """The `(`, `)` and `|` of a pattern from `start` that are not escaped or in a character class,
    each with its index and the depth of groups it stands in (before it opens or closes one)."""
    i, depth, cls = start, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if cls:
            cls = ch != "]"
        elif ch == "[":
            cls = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch in "()|":
            yield i, ch, depth
            depth += {"(": 1, ")": -1, "|": 0}[ch]
        i += 1


def group_end(pattern: str, start: int) -> int | None:
    """The index of the `)` that closes the group opening at `start`, or None."""
    return next((i for i, ch, depth in structure(pattern, start) if ch == ")" and depth == 1), None)
