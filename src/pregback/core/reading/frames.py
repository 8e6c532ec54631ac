"""Frames: a finding read from its parts ("the baby" + "less active"), each word by its lemma.

Owns: lemmas (morphology.yaml), finding each frame's parts within one clause and window, and the
words that stop a frame. Never: negation or uncertainty outside a frame's own words (`context`),
or a word of its own (frames.yaml).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import pairwise, product
from typing import NamedTuple

from pregback.knowledge.lexicon import FramesFile, MorphologyFile

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_INFLECTIONS = frozenset({"s", "es", "ed", "ing", "ies", "ied"})

Seq = tuple[str, ...]
Entry = tuple[int, int, Seq, int]  # frame, part, the entry's words, where its indexed word stands


class Token(NamedTuple):
    word: str
    lemma: str
    start: int
    end: int
    base: str = ""  # the inflected form's base, when a frame names the form itself too ("hurts")


class FrameHit(NamedTuple):
    key: str  # "frame#<index>" (Compiled.targets)
    start: int  # the whole frame, first part to last
    end: int
    head: tuple[int, int]  # the last part: cues reach the frame where they reach it
    parts: tuple[tuple[int, int], ...]  # the words of its parts: no cue inside them is a cue


class Lemmas:
    """A word's lemma where a frame names it: itself, an irregular form, or a suffix rule."""

    def __init__(self, morphology: MorphologyFile, vocab: frozenset[str]) -> None:
        self.vocab = vocab
        self.irregular = {k.lower(): v.lower() for k, v in morphology.irregular.items()}
        self.rules = [(s.strip, s.add) for s in morphology.suffixes]
        self.cache: dict[str, str] = {}
        self.bases: dict[str, str] = {}

    def base(self, word: str) -> str:
        found = self.bases.get(word)
        if found is None:
            found = self._base(word)
            if len(self.bases) < 50_000:
                self.bases[word] = found
        return found

    def _base(self, word: str) -> str:
        """The word a frame names that this one inflects, even when a frame names this one too
        ("hurts" -> hurt, "kicking" -> kick): only the plain inflections (-s, -es, -ed, -ing) onto a
        base of four letters or more, or an irregular form, so "busy" is never "bus"."""
        if word in self.irregular:
            return self.irregular[word]
        for strip, add in self.rules:
            if strip not in _INFLECTIONS or not word.endswith(strip):
                continue
            stem = word[: len(word) - len(strip)]
            doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""
            for base in (stem + add, doubled):
                # (a plain -s or -es of a shorter word too: "legs" is "leg", "goes" is "go", even
                # where a frame names "legs" or "goes"; and a doubled last letter before -ing or
                # -ed: "sitting" is "sit", "getting" is "get", where a frame names "sitting")
                short = strip in ("s", "es") and len(base) >= (3 if strip == "s" else 2)
                short = short or (base == doubled and len(base) >= 3)
                if (len(base) >= 4 or short) and base in self.vocab:
                    return base
        return word

    def __call__(self, word: str) -> str:
        found = self.cache.get(word)
        if found is None:
            found = self._lemma(word)
            if len(self.cache) < 50_000:
                self.cache[word] = found
        return found

    def _lemma(self, word: str) -> str:
        if word in self.vocab:
            return word
        if word in self.irregular:
            return self.irregular[word]
        for strip, add in self.rules:
            if word.endswith(strip) and len(word) > len(strip) + 1:
                base = word[: len(word) - len(strip)]
                if base + add in self.vocab:
                    return base + add
                if not add and len(base) > 3 and base[-1] == base[-2] and base[:-1] in self.vocab:
                    return base[:-1]  # stopped -> stop, sitting -> sit (not upper -> up)
        return word


class _Frame(NamedTuple):
    parts: tuple[tuple[Seq, ...], ...]
    unless: tuple[Seq, ...]
    window: int
    ordered: bool
    scope: str  # clause, sentence or passage: where the parts may lie
    unless_first: frozenset[str] = frozenset()  # the first words of `unless` (a quick look first)


class FrameSet:
    """The frames of one lexicon, each part's entry indexed by its least shared word (a common word
    such as "and", "my" or "back" would make the entry looked at everywhere)."""

    def __init__(self, frames: FramesFile, morphology: MorphologyFile) -> None:
        concepts = frames.concepts

        def entries(names: list[str]) -> tuple[Seq, ...]:
            out: list[Seq] = []
            for name in names:
                words = concepts.get(name[1:], []) if name.startswith("@") else [name]
                out += [tuple(w.lower().split()) for w in words]
            return tuple(dict.fromkeys(s for s in out if s))

        vocab = {w for f in frames.frames for part in f.parts for seq in entries(part) for w in seq}
        self.lemma = Lemmas(morphology, frozenset(vocab))
        self.reach = frames.unless_reach  # words beyond a frame in which an `unless` word stops it
        self.frames: list[_Frame] = []
        self.index: dict[str, list[Entry]] = {}
        # how many entries hold each word: an entry is indexed by its word that the fewest entries
        # hold (then the longest), so "put my back out" is looked up at "put", not at every "back"
        held: dict[str, int] = {}
        for record in frames.frames:
            for names in record.parts:
                for words in entries(names):
                    for w in set(words):
                        held[w] = held.get(w, 0) + 1
        for i, f in enumerate(frames.frames):
            parts = tuple(entries(p) for p in f.parts)
            self.frames.append(
                _Frame(
                    parts,
                    stop := entries(f.unless),
                    f.window,
                    f.ordered,
                    f.scope,
                    frozenset(seq[0] for seq in stop),
                )
            )
            for j, part in enumerate(parts):
                for seq in part:
                    at = min(
                        range(len(seq)),
                        key=lambda n: (len(seq[n]) < 4, held[seq[n]], -len(seq[n]), n),
                    )
                    self.index.setdefault(seq[at], []).append((i, j, seq, at))
        # each word seen: its token or two, and the entries their word, lemma or base starts
        self.forms: dict[str, tuple[tuple[Token, list[Entry]], ...]] = {}

    def _forms(self, word: str) -> tuple[tuple[Token, list[Entry]], ...]:
        """The token or two of a word (offsets from its start), each with the entries it may
        start; made once per word."""
        found = self.forms.get(word)
        if found is not None:
            return found
        lemma = self.lemma
        cut = word.find("'")
        if cut > 0 and word not in lemma.irregular:
            tokens = [
                Token(word[:cut], lemma(word[:cut]), 0, cut),
                Token(word[cut:], lemma(word[cut:]), cut, len(word)),
            ]
        else:
            lemma_of = lemma(word)
            base = lemma.base(word) if lemma_of == word and word in lemma.vocab else ""
            tokens = [Token(word, lemma_of, 0, len(word), base if base != word else "")]
        index = self.index
        found = tuple(
            (
                t,
                index.get(t.word, [])
                + (index.get(t.lemma, []) if t.lemma != t.word else [])
                + (index.get(t.base, []) if t.base else []),
            )
            for t in tokens
        )
        if len(self.forms) < 50_000:
            self.forms[word] = found
        return found

    def tokens(self, text: str) -> list[Token]:
        """Words with their lemmas; "baby's" is "baby" + "'s" unless the whole has a lemma ("can't")."""
        return self._tokens(text)[0]

    def _tokens(self, text: str) -> tuple[list[Token], list[list[Entry]]]:
        """The tokens, and for each the entries it may start (`index` by word, lemma and base)."""
        out: list[Token] = []
        starts: list[list[Entry]] = []
        for m in _TOKEN.finditer(text):
            at = m.start()
            for t, cands in self._forms(m.group()):
                out.append(Token(t.word, t.lemma, at + t.start, at + t.end, t.base))
                starts.append(cands)
        return out, starts

    @staticmethod
    def _at(tokens: list[Token], k: int, seq: Seq, known: int = -1) -> bool:
        """Whether `seq` stands at token k (its word at `known` needs no look: the index matched it)."""
        if k < 0 or k + len(seq) > len(tokens):
            return False
        for n, w in enumerate(seq):
            if n == known:
                continue
            t = tokens[k + n]
            if t.word != w and t.lemma != w and t.base != w:
                return False
        return True

    def find(
        self,
        text: str,
        clause_starts: tuple[int, ...],
        sentence_starts: tuple[int, ...],
        passage_starts: tuple[int, ...] | None = None,
    ) -> list[FrameHit]:
        tokens, entries_at = self._tokens(text)
        # where each part of each frame is found: (frame, part) -> [(first token, last token)]
        where: dict[tuple[int, int], list[tuple[int, int]]] = {}
        at_ = self._at
        for k, cands in enumerate(entries_at):
            for i, j, seq, at in cands:
                # (the index holds one word: a one-word entry is found where it is looked up)
                first = k - at
                if len(seq) == 1 or at_(tokens, first, seq, at):
                    where.setdefault((i, j), []).append((first, first + len(seq) - 1))
        found: dict[int, dict[int, list[tuple[int, int]]]] = {}
        for (i, j), spots in where.items():
            found.setdefault(i, {})[j] = spots
        hits: list[FrameHit] = []
        for i, parts in found.items():
            frame = self.frames[i]
            if len(parts) < len(frame.parts):
                continue
            # the parts must lie in one clause (or sentence, or passage): look at each
            if frame.scope == "clause":
                starts = clause_starts
            elif frame.scope == "sentence" or passage_starts is None:
                starts = sentence_starts
            else:
                starts = passage_starts
            # the clauses of the rarest part first: the other parts are looked at only there
            n = len(frame.parts)
            ordered = [sorted(parts[j]) for j in range(n)]
            rare = min(range(n), key=lambda j: len(ordered[j]))
            clauses = sorted({bisect_right(starts, tokens[a].start) for a, _ in ordered[rare]})
            keys = [[tokens[a].start for a, _ in places] for places in ordered]
            for clause in clauses:
                lo = starts[clause - 1] if clause > 0 else 0
                hi = starts[clause] if clause < len(starts) else 1 << 62
                places = [
                    ordered[j][bisect_left(keys[j], lo) : bisect_left(keys[j], hi)]
                    for j in range(n)
                ]
                if not all(places):
                    continue
                best = self._best(frame, places, tokens, starts)
                if best is not None:
                    spans = tuple((tokens[a].start, tokens[b].end) for a, b in best)
                    hits.append(FrameHit(f"frame#{i}", spans[0][0], spans[-1][1], spans[-1], spans))
        return hits

    def _best(
        self,
        frame: _Frame,
        places: list[list[tuple[int, int]]],
        tokens: list[Token],
        clause_starts: tuple[int, ...],
    ) -> list[tuple[int, int]] | None:
        """The shortest span holding one place of each part (of one clause) within the window."""
        best: list[tuple[int, int]] | None = None
        places = [p[:12] for p in places]  # bounded work on a clause that repeats a word
        for combo in product(*places):
            if frame.ordered and any(a[1] >= b[0] for a, b in pairwise(combo)):
                continue
            spans = sorted(combo)
            if any(a[1] >= b[0] for a, b in pairwise(spans)):
                continue  # two parts on the same words
            first, last = spans[0][0], spans[-1][1]
            if last - first > frame.window:
                continue
            clause = bisect_right(clause_starts, tokens[first].start)
            if clause < len(clause_starts) and clause_starts[clause] < tokens[last].end:
                continue  # (a part of several words running into the next clause)
            if best is not None and last - first >= best[-1][1] - best[0][0]:
                continue
            if self._stopped(frame, tokens, first, last, clause_starts):
                continue
            best = spans
        return best

    def _stopped(
        self,
        frame: _Frame,
        tokens: list[Token],
        first: int,
        last: int,
        clause_starts: tuple[int, ...],
    ) -> bool:
        lo, hi = max(0, first - self.reach), min(len(tokens) - 1, last + self.reach)
        clause = bisect_right(clause_starts, tokens[first].start) - 1
        begin = clause_starts[clause] if clause >= 0 else 0
        end = clause_starts[clause + 1] if clause + 1 < len(clause_starts) else 1 << 62
        first_words = frame.unless_first
        for k in range(lo, hi + 1):
            t = tokens[k]
            if not begin <= t.start < end or not (
                t.word in first_words or t.lemma in first_words or t.base in first_words
            ):
                continue
            for seq in frame.unless:
                if self._at(tokens, k, seq):
                    return True
        return False
