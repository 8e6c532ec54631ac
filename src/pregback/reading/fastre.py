"""Regexes rewritten to start with their first character, so the regex engine skips ahead in C.

Owns: one exact rewrite of a pattern. The standard engine tries a pattern at every position of a
text unless the pattern begins with a literal character or a character class: `\\b(?:pain|ache|...)`
is tried at every position. The rewrite takes each first character `c` a match can begin with and
writes the pattern as `c D_c | c' D_c' | ...`, where `D_c` is the rest of the pattern after `c` (its
derivative), branches kept in their order and any assertion before `c` moved after it (`\\b` before
a letter is `(?<!\\w.)` after it). What follows the first part that reads a character is written
once, unchanged. A group that opens before `c` opens just after it in the rewrite, and a group the
rewrite writes in several places gets a name for each place: `Fast` reads a match back into the
original's groups (a group opened after `c` starts one character earlier). First characters are
counted in ASCII, so the rewrite is used for ASCII text and the pattern as written for any other.

A match, its span, its groups and `lastgroup` are those of the pattern as written. Never: change
what a pattern matches; a pattern the rewrite does not cover (an empty match, flags, a group that
may be empty or repeated before the first character) is used as written.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol

from pregback.reading.prefilter import prefixes, structure

C: Any = importlib.import_module("re._constants")
P: Any = importlib.import_module("re._parser")

FIRST_LIMIT = 80  # more possible first characters than this and the pattern is used as written
GROWTH_LIMIT = 16  # a rewrite more than this many times longer than the pattern is not used
MAX_PARTS = 3  # a pattern is run as at most this many rewrites (each is one more scan of the text)
# a pattern whose matches start with at most this many strings is tried only where they are
FEW_STARTS = 1000
_ANY = "[\\s\\S]"  # the character just read, inside a lookbehind
_WORD = re.compile(r"\w")
_ASCII = [chr(i) for i in range(128)]
_END = 1 << 62  # a text's end (as `re`)
_NAMED = re.compile(r"\(\?P<(\w+)>")
_NAMED_COPY = re.compile(
    r"\(\?P<g\d+_"
)  # the start of a group's name in a rewrite, less its number
_CATEGORY = {
    C.CATEGORY_DIGIT: "\\d",
    C.CATEGORY_NOT_DIGIT: "\\D",
    C.CATEGORY_SPACE: "\\s",
    C.CATEGORY_NOT_SPACE: "\\S",
    C.CATEGORY_WORD: "\\w",
    C.CATEGORY_NOT_WORD: "\\W",
}
_AT = {
    C.AT_BEGINNING: "^",
    C.AT_BEGINNING_STRING: "\\A",
    C.AT_END: "$",
    C.AT_END_STRING: "\\Z",
    C.AT_BOUNDARY: "\\b",
    C.AT_NON_BOUNDARY: "\\B",
}


class Unsupported(Exception):
    """The rewrite does not cover this pattern; it is used as written."""


class Found(Protocol):
    """What the reader asks of a match (a `re.Match` or a `Fast` match read back)."""

    @property
    def string(self) -> str: ...

    @property
    def lastgroup(self) -> str | None: ...

    def start(self, group: int | str = 0, /) -> int: ...

    def end(self, group: int | str = 0, /) -> int: ...

    def group(self, group: int | str, /) -> str | Any: ...

    def groupdict(self) -> Mapping[str, str | Any]: ...


# One place a group of the pattern as written is written in a rewrite: (its group number there, how
# it is read). SAME: as it is; SHIFTED: it opens just after the first character, so it starts one
# character earlier; FROM_START: an empty group where it ends, and it starts where the match starts.
SAME, SHIFTED, FROM_START = 0, 1, 2
Copy = tuple[int, int]
_MARK = "end of a group"  # the parse-tree item for such an empty group


class _Part:
    """One compiled rewrite, and how to read its groups back as the pattern's."""

    def __init__(self, regex: re.Pattern[str], copies: dict[int, tuple[Copy, ...]], fast: Fast):
        self.regex = regex
        self.copies = copies
        self.groups = fast.original.groups
        self.by_name = {name: copies.get(i, ()) for name, i in fast.groupindex.items()}
        names = {i: name for name, i in fast.groupindex.items()}
        self.last_name = {n: names.get(g) for g, cs in copies.items() for n, _ in cs}
        self.read_back = len(copies) != fast.original.groups or any(
            c != ((g, SAME),) for g, c in copies.items()
        )
        self.starts = _few(prefixes(regex))  # the strings every match of this part starts with

    def at(self, text: str, where: list[int]) -> list[Found]:
        """The matches found trying this part at the places only (sorted), left to right."""
        found = at(self.regex, text, where)
        return [_Match(m, self) for m in found] if self.read_back else list(found)

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[Found]:
        if not self.read_back:
            return self.regex.finditer(text, pos, endpos)
        return (_Match(m, self) for m in self.regex.finditer(text, pos, endpos))

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> Found | None:
        m = self.regex.search(text, pos, endpos)
        return _Match(m, self) if m is not None and self.read_back else m


class Fast:
    """A pattern as written, and its rewrite for ASCII text; matches as the pattern as written."""

    def __init__(self, pattern: str) -> None:
        self.original = re.compile(pattern)
        self.pattern = pattern
        self.flags = self.original.flags
        self.groupindex = self.original.groupindex
        self.parts: list[_Part] = []  # the rewrite: one pattern, or two tried in this order
        self.starts: frozenset[str] | None = None  # the strings every match starts with (prefilter)
        self.ready = False  # the rewrite is made on first use: most patterns never run
        # For ASCII text only (a caller that knows its text is ASCII may call these directly): the
        # rewrite is made on first use, and then these are the compiled rewrite's own methods.
        self.ascii_finditer: Callable[..., Iterator[Found]] = self._lazy_finditer
        self.ascii_search: Callable[..., Found | None] = self._lazy_search

    def _prepare(self) -> None:
        self.ready = True
        self.starts = _few(prefixes(self.original))
        # one rewrite where it can be (one scan of the text), else alternatives as parts of their own
        for branches in (False, True):
            try:
                rewritten = rewrite(self.pattern, branches)
            except (Unsupported, RecursionError, re.error, ValueError, TypeError, IndexError):
                continue
            if rewritten is None:
                return
            if sum(len(r) for r, _ in rewritten) <= GROWTH_LIMIT * max(len(self.pattern), 200):
                self._parts(rewritten)
                return

    def _parts(self, rewritten: list[tuple[str, dict[str, tuple[int, int]]]]) -> None:
        parts = []
        for text, names in rewritten:
            part = self._part(text, names)
            if part is None:
                return
            parts.append(part)
        if {g for part in parts for g in part.copies} != set(range(1, self.original.groups + 1)):
            return  # a group of the pattern is missing from the rewrite
        self.parts = parts

    def _part(self, rewritten: str, names: dict[str, tuple[int, int]]) -> _Part | None:
        # every group of a rewrite is named; they are numbered in the order they are written
        order = [names[n] for n in _NAMED.findall(rewritten)]
        copies: dict[int, list[Copy]] = {}
        for number, (group, kind) in enumerate(order, 1):
            copies.setdefault(group, []).append((number, kind))
        # (a part made from one alternative has the groups of that alternative only)
        plain = len(copies) == self.original.groups
        plain = plain and all(c == [(g, SAME)] for g, c in copies.items())
        if plain:
            # each group written once, in place: the groups get their own names back
            own = {i: n for n, i in self.groupindex.items()}
            rewritten = _NAMED.sub(
                lambda m: f"(?P<{own[names[m.group(1)][0]]}>"
                if names[m.group(1)][0] in own
                else "(",
                rewritten,
            )
        try:
            regex = re.compile(rewritten)
        except (re.error, RecursionError, OverflowError):
            return None
        if plain and (regex.groupindex != self.groupindex or regex.groups != self.original.groups):
            return None
        return _Part(regex, {g: tuple(c) for g, c in copies.items()}, self)

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[Found]:
        if text.isascii():
            return self.ascii_finditer(text, pos, endpos)
        return self.original.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> Found | None:
        if text.isascii():
            return self.ascii_search(text, pos, endpos)
        return self.original.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> Found | None:
        return self.original.match(text, pos, endpos)  # anchored: nothing to skip

    def scan(self, text: str, grams: set[str]) -> Iterable[Found]:
        """What `finditer(text)` finds. Given the text's trigrams (prefilter.trigrams), a pattern
        (or a part of its rewrite) whose matches all start with one of a few known strings is tried
        only where one of them is, and not at every place of the text."""
        if not text.isascii():  # (the strings are known for ASCII text)
            return self.original.finditer(text)
        if not self.ready:
            self._ready()
        if self.starts is not None:
            return at(self.original, text, places(self.starts, text, grams))
        parts = self.parts
        if len(parts) > 1:
            return self._merged_at(text, grams)
        if parts and parts[0].starts is not None:
            return parts[0].at(text, places(parts[0].starts, text, grams))
        return self.ascii_finditer(text)

    def _merged_at(self, text: str, grams: set[str]) -> Iterator[Found]:
        """As `_merged`, each part searched from its places when they are known."""
        parts = self.parts
        wheres = [None if p.starts is None else places(p.starts, text, grams) for p in parts]

        def search(i: int, pos: int) -> Found | None:
            where, part = wheres[i], parts[i]
            if where is None:
                return part.search(text, pos)
            for k in range(bisect_left(where, pos), len(where)):
                m = part.regex.match(text, where[k])
                if m is not None:
                    return _Match(m, part) if part.read_back else m
            return None

        return _interleaved(search, len(parts), 0)

    def _lazy_finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[Found]:
        self._ready()
        return self.ascii_finditer(text, pos, endpos)

    def _lazy_search(self, text: str, pos: int = 0, endpos: int = _END) -> Found | None:
        self._ready()
        return self.ascii_search(text, pos, endpos)

    def _ready(self) -> None:
        if not self.ready:
            self._prepare()
        parts = self.parts
        if not parts:
            self.ascii_finditer = self.original.finditer
            self.ascii_search = self.original.search
        elif len(parts) == 1 and not parts[0].read_back:
            self.ascii_finditer = parts[0].regex.finditer
            self.ascii_search = parts[0].regex.search
        elif len(parts) == 1:
            self.ascii_finditer = parts[0].finditer
            self.ascii_search = parts[0].search
        else:
            self.ascii_finditer = self._merged
            self.ascii_search = self._first

    def _first(self, text: str, pos: int = 0, endpos: int = _END) -> Found | None:
        """The leftmost match of any part; at one place, the part tried first (as `X|Y` does)."""
        best: Found | None = None
        for part in self.parts:
            m = part.search(text, pos, endpos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def _merged(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[Found]:
        """The matches of the parts as one alternation finds them, left to right."""
        parts = self.parts
        return _interleaved(lambda i, at: parts[i].search(text, at, endpos), len(parts), pos)


def _interleaved(search: Callable[[int, int], Found | None], n: int, pos: int) -> Iterator[Found]:
    """The matches of n parts (`search(i, pos)`: part i's first match from pos) as one alternation
    finds them: the leftmost next match, at one place the part tried first; then each part whose
    match it overlapped is searched again from its end (no part matches the empty string)."""
    heads = [search(i, pos) for i in range(n)]
    while True:
        best: Found | None = None
        for m in heads:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = best.end()
        for i, m in enumerate(heads):
            if m is not None and m.start() < pos:
                heads[i] = search(i, pos)


def _few(starts: frozenset[str] | None) -> frozenset[str] | None:
    """Strings few enough to look for one by one (more, and a scan of the text is quicker)."""
    return starts if starts is not None and len(starts) <= FEW_STARTS else None


def places(starts: frozenset[str], text: str, grams: set[str] | frozenset[str]) -> list[int]:
    """Where in the text one of the strings is, in order (`grams`: the text's trigrams, or those of
    them among some strings that hold all of these)."""
    out: list[int] = []
    for s in starts.intersection(grams) if len(starts) < len(grams) else grams.intersection(starts):
        i = text.find(s)
        while i >= 0:
            out.append(i)
            i = text.find(s, i + 1)
    out.sort()
    return out


def at(rx: re.Pattern[str], text: str, where: list[int]) -> list[re.Match[str]]:
    """What `rx.finditer(text)` finds when every match starts at one of the places (sorted) and none
    is empty: rx is tried there only (lookbehinds and \b still see the text before a place)."""
    out: list[re.Match[str]] = []
    end = 0
    match = rx.match
    for i in where:
        if i >= end:
            m = match(text, i)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


class _Match:
    """A match of a rewrite, read back as the match of the pattern as written."""

    __slots__ = ("m", "part", "string")

    def __init__(self, m: re.Match[str], part: _Part) -> None:
        self.m = m
        self.part = part
        self.string = m.string

    def _span(self, group: int | str) -> tuple[int, int]:
        if isinstance(group, int):
            if not 0 < group <= self.part.groups:
                raise IndexError("no such group")
            copies = self.part.copies.get(group, ())
        else:
            copies = self.part.by_name[group]
        found = (-1, -1)
        for copy, kind in copies:
            start, end = self.m.span(copy)
            if start < 0:
                continue
            if kind == SHIFTED:
                start -= 1
            elif kind == FROM_START:
                start, end = self.m.start(), start
            if start >= found[0]:
                found = (start, end)  # the last copy reached holds the group (a repeat)
        return found

    def start(self, group: int | str = 0, /) -> int:
        return self.m.start() if group == 0 else self._span(group)[0]

    def end(self, group: int | str = 0, /) -> int:
        return self.m.end() if group == 0 else self._span(group)[1]

    def group(self, group: int | str = 0, /) -> str | Any:
        if group == 0:
            return self.m.group()
        start, end = self._span(group)
        return None if start < 0 else self.string[start:end]

    def groupdict(self) -> dict[str, str | Any]:
        return {name: self.group(name) for name in self.part.by_name}

    @property
    def lastgroup(self) -> str | None:
        index = self.m.lastindex
        return None if index is None else self.part.last_name[index]


def rewrite(
    pattern: str, branches: bool = False
) -> list[tuple[str, dict[str, tuple[int, int]]]] | None:
    """The pattern as branches on its first character (None when it already starts with one): one
    pattern, or parts to try in order when it starts with an optional part (`X?Y` is `XY|Y`) or,
    with `branches`, with alternatives one of which starts with a group (`(?:A|B)Y` is `AY|BY`);
    with each, for each of its groups, the group of the pattern it stands for and how it is read."""
    tree = P.parse(pattern)
    if tree.state.flags & ~C.SRE_FLAG_UNICODE:
        raise Unsupported("flags")
    items = _flat(list(tree))
    if not items or items[0][0] in (C.LITERAL, C.IN):
        return None  # the engine already skips to the first character
    if items[0] == (C.AT, C.AT_BEGINNING) or items[0] == (C.AT, C.AT_BEGINNING_STRING):
        return None  # anchored at the start: the engine tries one place only
    names = {index: name for name, index in tree.state.groupdict.items()}
    parts = [_lead(part) for part in _split(items, branches)]
    if len(parts) > MAX_PARTS:
        raise Unsupported("too many parts")
    out = []
    for part in parts:
        w = _Writer(names)
        out.append((w.part(part), w.made))
    return out


def _leading(items: list[Any]) -> int:
    """The index of the first item that is not an assertion."""
    i = 0
    while i < len(items) and items[i][0] in (C.AT, C.ASSERT, C.ASSERT_NOT):
        i += 1
    return i


def _split(items: list[Any], branches: bool = False) -> list[list[Any]]:
    """`X?Y` as `XY` and `Y`, `X*Y` as `X+Y` and `Y` (the other way round when lazy), while X holds
    no group; and with `branches`, `(?:A|B)Y` as `AY` and `BY` when A or B starts with a group:
    each part starts with what must be read, so each can be written to start with it, and what
    follows once."""
    i = _leading(items)
    if i < len(items) and items[i][0] in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, body = items[i][1]
        if lo == 0 and hi >= 1 and not _has_group(list(body)) and not _nullable(list(body)):
            once = [*items[:i], (items[i][0], (1, hi, body)), *items[i + 1 :]]
            without = _split(_flat([*items[:i], *items[i + 1 :]]), branches)
            return [once, *without] if items[i][0] is C.MAX_REPEAT else [*without, once]
    if branches and i < len(items) and items[i][0] is C.BRANCH and len(items[i][1][1]) <= MAX_PARTS:
        alts = [_flat(list(alt)) for alt in items[i][1][1]]
        if any(_starts_with_group(alt) for alt in alts):
            parts = []
            for alt in alts:
                parts += _split(_flat([*items[:i], *alt, *items[i + 1 :]]), branches)
            return parts
    return [items]


def _lead(items: list[Any]) -> list[Any]:
    """A leading repeat that must run once unrolled (`X{2,5}` is `X X{1,4}`), and a leading
    group read from the match start to an empty group written where it ends: either way the
    head is shorter, and what follows it is written once."""
    while True:
        items = _flat(items)
        i = _leading(items)
        if i == len(items):
            return items
        op, av = items[i]
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            lo, hi, body = av
            if _nullable(list(body)) or _has_group(list(body)):
                return items
            more = [] if hi == 1 else [(op, (lo - 1, hi if hi == C.MAXREPEAT else hi - 1, body))]
            items = [*items[:i], *list(body), *more, *items[i + 1 :]]
        elif op is C.SUBPATTERN and av[0] is not None and not av[1] and not av[2]:
            if _nullable(list(av[3])):
                return items
            items = [*items[:i], *list(av[3]), (_MARK, av[0]), *items[i + 1 :]]
        else:
            return items


def _starts_with_group(items: list[Any]) -> bool:
    i = _leading(items)
    return i < len(items) and items[i][0] is C.SUBPATTERN and items[i][1][0] is not None


def _nullable(items: list[Any]) -> bool:
    return _Writer({}).first(items)[1]


def _flat(items: list[Any]) -> list[Any]:
    """Non-capturing groups without flags spliced into the sequence they stand in."""
    out: list[Any] = []
    for op, av in items:
        if op is C.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
            out += _flat(list(av[3]))
        else:
            out.append((op, av))
    return out


def _join(alts: list[tuple[str, str]]) -> str:
    """Alternatives in order; neighbours behind the same assertions share them (the assertions are
    checked once, and the branch after them can skip on its first character)."""
    runs: list[tuple[str, list[str]]] = []
    for a, tail in alts:
        if runs and runs[-1][0] == a:
            runs[-1][1].append(tail)
        else:
            runs.append((a, [tail]))
    parts = [a + _alternation(tails) for a, tails in runs]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _alternation(alts: list[str]) -> str:
    if len(alts) == 1:
        return alts[0] if _atomic(alts[0]) else "(?:" + alts[0] + ")"
    return "(?:" + "|".join(alts) + ")"


def _shared(alts: list[tuple[str, str]]) -> tuple[str, str]:
    """Alternatives as one: their assertions in front when they all have the same."""
    heads = {a for a, _ in alts}
    if len(heads) == 1:
        return heads.pop(), _alternation([t for _, t in alts])
    return "", _join(alts)


def _atomic(s: str) -> bool:
    """Whether s can be followed by more pattern without a group (no top-level `|`)."""
    return not any(ch == "|" and depth == 0 for _, ch, depth in structure(s))


def _lit(ch: str) -> str:
    return _class_char(ord(ch))


def _class_char(code: int) -> str:
    ch = chr(code)
    if ch.isascii() and ch.isalnum():
        return ch
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


class _Writer:
    def __init__(self, names: dict[int, str]) -> None:
        self.names = names
        self.made: dict[str, tuple[int, int]] = {}  # rewrite group name -> (group, shift)
        self.firsts: dict[tuple[Any, int], tuple[Any, tuple[set[str], bool]]] = {}

    def _name(self, group: int, kind: int) -> str:
        name = f"g{len(self.made)}_{self.names.get(group, '')}"
        self.made[name] = (group, kind)
        return name

    def part(self, items: list[Any]) -> str:
        """One pattern as a branch on its first character, and what follows its head once."""
        # the shortest head that must read a character; what follows it is written once, unchanged
        k = 0
        while self.first_node(*items[k])[1]:
            k += 1
            if k == len(items):
                raise Unsupported("a match may be empty")
        head, tail = items[: k + 1], items[k + 1 :]
        first, _ = self.first(head)
        derived = [(ch, self.derive(head, ch)) for ch in sorted(first)]
        alts = [(ch, _join(tails)) for ch, tails in derived if tails]
        if not alts:
            raise Unsupported("no first character")
        rest = self.seq(tail)
        if len(alts) == 1:
            ch, after = alts[0]
            return _lit(ch) + after + rest
        if len({_NAMED_COPY.sub("(?P<", after) for _, after in alts}) == 1:
            # every first character goes on the same way (`\w+`, a number): one class, written once
            klass = "[" + "".join(_class_char(ord(ch)) for ch, _ in alts) + "]"
            return klass + alts[0][1] + rest
        return "(?:" + "|".join(_lit(ch) + after for ch, after in alts) + ")" + rest

    # ---- writing a parse tree back as a pattern ----
    def seq(self, items: list[Any]) -> str:
        return "".join(self.node(op, av) for op, av in items)

    def node(self, op: Any, av: Any) -> str:
        if op is _MARK:
            return "(?P<" + self._name(av, FROM_START) + ">)"
        if op is C.LITERAL:
            return _lit(chr(av))
        if op is C.NOT_LITERAL:
            return "[^" + _class_char(av) + "]"
        if op is C.ANY:
            return "."
        if op is C.IN:
            return _charset(av)
        if op is C.AT:
            if av not in _AT:
                raise Unsupported(str(av))
            return _AT[av]
        if op in (C.ASSERT, C.ASSERT_NOT):
            direction, sub = av
            kind = {(1, True): "?=", (1, False): "?!", (-1, True): "?<=", (-1, False): "?<!"}
            return "(" + kind[(direction, op is C.ASSERT)] + self.seq(list(sub)) + ")"
        if op is C.SUBPATTERN:
            group, add, delete, sub = av
            if add or delete:
                raise Unsupported("inline flags")
            if group is None:
                return "(?:" + self.seq(list(sub)) + ")"
            return "(?P<" + self._name(group, 0) + ">" + self.seq(list(sub)) + ")"
        if op is C.BRANCH:
            return "(?:" + "|".join(self.seq(list(alt)) for alt in av[1]) + ")"
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, body = av
            return self.repeat(list(body), lo, hi, op is C.MIN_REPEAT)
        raise Unsupported(str(op))

    def repeat(self, body: list[Any], lo: int, hi: int, lazy: bool) -> str:
        count = f"{{{lo},}}" if hi == C.MAXREPEAT else f"{{{lo},{hi}}}"
        return "(?:" + self.seq(body) + ")" + count + ("?" if lazy else "")

    # ---- first characters ----
    def first(self, items: list[Any]) -> tuple[set[str], bool]:
        """The (ASCII) characters a match of the sequence can begin with, and whether it can be empty."""
        out: set[str] = set()
        for op, av in items:
            chars, nullable = self.first_node(op, av)
            out |= chars
            if len(out) > FIRST_LIMIT:
                raise Unsupported("too many first characters")
            if not nullable:
                return out, False
        return out, True

    def first_node(self, op: Any, av: Any) -> tuple[set[str], bool]:
        if op is C.LITERAL:
            return ({chr(av)} if av < 128 else set()), False
        key = (op, id(av))  # the node is kept with its answer, so its id stays its own
        known = self.firsts.get(key)
        if known is None:
            known = self.firsts[key] = (av, self._first_node(op, av))
        return known[1]

    def _first_node(self, op: Any, av: Any) -> tuple[set[str], bool]:
        if op is C.IN:
            klass = _charset(av)
            chars = _CLASS_FIRST.get(klass)
            if chars is None:
                chars = _CLASS_FIRST[klass] = frozenset(ch for ch in _ASCII if _accepts(op, av, ch))
            return set(chars), False
        if op in (C.NOT_LITERAL, C.ANY):
            return {ch for ch in _ASCII if _accepts(op, av, ch)}, False
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT) or op is _MARK:
            return set(), True
        if op is C.SUBPATTERN:
            return self.first(list(av[-1]))
        if op is C.BRANCH:
            out: set[str] = set()
            empty = False
            for alt in av[1]:
                alt_chars, alt_nullable = self.first(list(alt))
                out |= alt_chars
                empty = empty or alt_nullable
            return out, empty
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, body = av
            if hi == 0:
                return set(), True
            body_chars, body_nullable = self.first(list(body))
            return body_chars, body_nullable or lo == 0
        raise Unsupported(str(op))  # group references and the like

    # ---- the derivative ----
    def derive(self, items: list[Any], ch: str) -> list[tuple[str, str]]:
        """The ways the sequence can go on after reading ch first, in the order the engine tries them:
        each as the assertions that now follow ch, and the rest."""
        if not items:
            return []
        op, av = items[0]
        rest = items[1:]
        if op in (C.LITERAL, C.IN, C.NOT_LITERAL, C.ANY):
            return [("", self.seq(rest))] if _accepts(op, av, ch) else []
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            moved = self.moved(op, av, ch)
            return [(moved + a, tail) for a, tail in self.derive(rest, ch)]
        if op is C.SUBPATTERN:
            group, add, delete, sub = av
            if add or delete:
                raise Unsupported("inline flags")
            if group is None:
                return self.derive(list(sub) + rest, ch)
            if self.first(list(sub))[1]:
                raise Unsupported("a group that may be empty before the first character")
            inside = self.derive(list(sub), ch)
            if not inside:
                return []
            # the group opens just after ch: its copy starts one character late
            a, within = _shared(inside)
            return [(a, "(?P<" + self._name(group, SHIFTED) + ">" + within + ")" + self.seq(rest))]
        if op is C.BRANCH:
            out: list[tuple[str, str]] = []
            if rest and not any(self.first(list(alt))[1] for alt in av[1]):
                # every alternative reads ch itself: the rest is written once, after them all
                for alt in av[1]:
                    out += self.derive(list(alt), ch)
                if not out:
                    return []
                a, alternation = _shared(out)
                return [(a, alternation + self.seq(rest))]
            for alt in av[1]:
                out += self.derive(list(alt) + rest, ch)
            return out
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, repeated = av
            body = list(repeated)
            if self.first(body)[1]:
                raise Unsupported("a repeat whose body may be empty")
            if _has_group(body):
                raise Unsupported("a group in a repeat before the first character")
            take: list[tuple[str, str]] = []
            inside = self.derive(body, ch) if hi != 0 else []
            if inside:
                after = (
                    ""
                    if hi == 1
                    else self.repeat(
                        body,
                        max(lo - 1, 0),
                        hi if hi == C.MAXREPEAT else hi - 1,
                        op is C.MIN_REPEAT,
                    )
                )
                a, first = _shared(inside)
                take = [(a, _group_if_needed(first) + after + self.seq(rest))]
            if lo > 0:
                return take
            skip = self.derive(rest, ch)
            return skip + take if op is C.MIN_REPEAT else take + skip
        raise Unsupported(str(op))

    def moved(self, op: Any, av: Any, ch: str) -> str:
        """An assertion made before ch, written as a lookbehind made after it."""
        if op is C.AT:
            if av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
                boundary_if_word_before = bool(_WORD.match(ch)) == (av is C.AT_BOUNDARY)
                # before a word character a boundary means no word character before it
                return ("(?<!\\w" if boundary_if_word_before else "(?<=\\w") + _ANY + ")"
            if av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
                return "(?<!" + _ANY + _ANY + ")"
            raise Unsupported(str(av))
        direction, sub = av
        if _has_group(list(sub)):
            raise Unsupported("a group in an assertion before the first character")
        body = self.seq(list(sub))
        if direction == 1:
            inner = ("(?=" if op is C.ASSERT else "(?!") + body + ")"
            return "(?<=" + inner + _ANY + ")"
        return ("(?<=" if op is C.ASSERT else "(?<!") + "(?:" + body + ")" + _ANY + ")"


def _has_group(items: list[Any]) -> bool:
    for op, av in items:
        if op is _MARK:
            return True
        if op is C.SUBPATTERN and (av[0] is not None or _has_group(list(av[3]))):
            return True
        if op is C.BRANCH and any(_has_group(list(alt)) for alt in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and _has_group(list(av[2])):
            return True
        if op in (C.ASSERT, C.ASSERT_NOT) and _has_group(list(av[1])):
            return True
    return False


def _group_if_needed(s: str) -> str:
    return s if _atomic(s) else "(?:" + s + ")"


def _charset(items: list[Any]) -> str:
    out = []
    for op, av in items:
        if op is C.NEGATE:
            out.append("^")
        elif op is C.LITERAL:
            out.append(_class_char(av))
        elif op is C.RANGE:
            out.append(_class_char(av[0]) + "-" + _class_char(av[1]))
        elif op is C.CATEGORY and av in _CATEGORY:
            out.append(_CATEGORY[av])
        else:
            raise Unsupported(str(op))
    return "[" + "".join(out) + "]"


_ACCEPTS: dict[str, re.Pattern[str]] = {}
_CLASS_FIRST: dict[str, frozenset[str]] = {}


def _accepts(op: Any, av: Any, ch: str) -> bool:
    """Whether one character of the pattern takes ch (the class itself is asked)."""
    if op is C.LITERAL:
        return chr(av) == ch
    if op is C.NOT_LITERAL:
        return chr(av) != ch
    if op is C.ANY:
        return ch != "\n"
    klass = _charset(av)
    rx = _ACCEPTS.get(klass)
    if rx is None:
        rx = _ACCEPTS[klass] = re.compile(klass)
    return rx.fullmatch(ch) is not None
