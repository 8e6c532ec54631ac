"""Spelling: a misspelt or run-together word read as the lexicon's word it stands for.

Owns: finding the nearest lexicon word within the edits spelling.yaml allows (Damerau distance,
found through an index of deletions), and splitting run-together words. Never: a word of its own.
"""

from __future__ import annotations

from pregback.knowledge.lexicon import SpellingFile

_CACHE_LIMIT = 50_000


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two neighbours is one edit), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    edge = {word}
    for _ in range(depth):
        edge = {w[:i] + w[i + 1 :] for w in edge for i in range(len(w))}
        out |= edge
    return out


class Speller:
    """The words of one lexicon, indexed for the nearest-word search."""

    def __init__(self, spelling: SpellingFile, known: frozenset[str] | None = None) -> None:
        self.words = frozenset(w.lower() for w in spelling.words)
        self.known = frozenset(w.lower() for w in spelling.known) if known is None else known
        self.variants = {k.lower(): v.lower() for k, v in spelling.variants.items()}
        # the longest dropped ending first ("tightenins" before "in")
        self.endings = sorted(spelling.endings.items(), key=lambda e: -len(e[0]))
        self.limits = sorted((e.from_length, e.edits) for e in spelling.edits)
        self.split_min = spelling.split_min
        self.run_on_first = tuple(w.lower() for w in spelling.run_on_first)
        self.shortest = self.limits[0][0] if self.limits else 1 << 30
        self.dropped = spelling.dropped_from_length or self.shortest
        self.sounds = [(a.lower(), b.lower()) for a, b in spelling.sounds]
        depth = max((e for _, e in self.limits), default=0)
        self.index: dict[str, list[str]] = {}
        for w in sorted(self.words):
            if len(w) + depth >= min(self.shortest, self.dropped + 1):
                for d in _deletes(w, depth):
                    self.index.setdefault(d, []).append(w)
        self.cache: dict[str, str | None] = {}

    def edits_for(self, word: str) -> int:
        allowed = 0
        for length, edits in self.limits:
            if len(word) >= length:
                allowed = edits
        return allowed

    def nearest(self, word: str) -> str | None:
        """The one lexicon word nearest to `word` within the edits allowed, else None."""
        limit = self.edits_for(word)
        if limit == 0:
            return None
        best: dict[str, int] = {}
        for d in _deletes(word, limit):
            for cand in self.index.get(d, ()):
                if cand not in best:
                    best[cand] = distance(word, cand, limit)
        scored = sorted((n, c) for c, n in best.items() if n <= limit)
        if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None  # none near, or a tie: nothing is corrected
        return scored[0][1]

    def undropped(self, word: str) -> str | None:
        """The one lexicon word that `word` is with one letter dropped ("evry"), else None."""
        found = {c for c in self.index.get(word, ()) if len(c) == len(word) + 1}
        return found.pop() if len(found) == 1 else None

    def sounded(self, word: str) -> str | None:
        """The lexicon word `word` is with one group of letters written as it sounds ("headake"
        is headache, "stomack" stomach), else None."""
        for written, meant in self.sounds:
            at = word.find(written)
            while at >= 0:
                whole = word[:at] + meant + word[at + len(written) :]
                if whole in self.words:
                    return whole
                at = word.find(written, at + 1)
        return None

    def split(self, word: str) -> tuple[str, str] | None:
        """Two lexicon words run together ("backpain"), else None."""
        n = self.split_min
        for i in range(n, len(word) - n + 1):
            if word[:i] in self.words and word[i:] in self.words:
                return word[:i], word[i:]
        return None

    def restored(self, word: str) -> str | None:
        """The lexicon word a dropped ending stands for ("hurtin" is hurting), else None."""
        for short, full in self.endings:
            if word.endswith(short) and (whole := word[: -len(short)] + full) in self.words:
                return whole
        return None

    def guess(self, word: str) -> str | None:
        """The lexicon's word(s) a word may be a slip for: within the edits allowed, with a letter
        dropped, with letters written as they sound, or two words run together; else None.
        (scripts/spelling_known.py lists the real words this would change, so none is.)"""
        for first in self.run_on_first:
            rest = word[len(first) :]
            if word.startswith(first) and len(rest) >= self.split_min and rest in self.words:
                return f"{first} {rest}"  # ("nobleeding": the "no" is kept, not edited away)
        if len(word) >= self.shortest:
            out = self.nearest(word)
        else:
            out = self.undropped(word) if len(word) >= self.dropped else None
        if out is None:
            out = self.sounded(word)
        if out is None and len(word) >= 2 * self.split_min:
            pair = self.split(word)
            out = " ".join(pair) if pair else None
        return out

    def correct(self, word: str) -> str | None:
        """What a word of the text is read as, or None to read it as it is."""
        found = self.cache.get(word, "")
        if found != "":
            return found
        out: str | None = self.variants.get(word)
        if out is None and word not in self.words and word not in self.known and word.isalpha():
            out = self.restored(word) or self.guess(word)
        if len(self.cache) > _CACHE_LIMIT:
            self.cache.clear()
        self.cache[word] = out
        return out
