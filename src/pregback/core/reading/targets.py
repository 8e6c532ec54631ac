"""Target matching: every lexicon phrase found in the text, with overlaps settled (medspaCy TargetMatcher).

Owns: running the compiled phrase regexes, week conditions, and dropping a phrase whose words lie
inside a longer phrase of the same layer. Never: negation or uncertainty (that is `context`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from pregback.core.reading.compiled import Compiled, Group, Target
from pregback.core.reading.gate import Piece, pieces


class Match(NamedTuple):  # a tuple: made for every phrase found, so made quickly
    target: Target
    start: int  # the words the finding is read from (group `t`, else the whole match)
    end: int
    full_start: int
    full_end: int
    # the words that are the phrase's own (no cue inside them is a cue); () = start..end
    own: tuple[tuple[int, int], ...] = ()


def _weeks_group(groups: Mapping[str, str | None]) -> float | None:
    for key, value in groups.items():
        if value is not None and key.startswith("weeks"):
            try:
                return float(value)
            except ValueError:
                return None
    return None


def _in_weeks(target: Target, weeks: float | None) -> bool:
    p = target.phrase
    return weeks is None or not (
        (p.min_weeks is not None and weeks < p.min_weeks)
        or (p.max_weeks is not None and weeks > p.max_weeks)
    )


def find_targets(
    text: str,
    compiled: Compiled,
    weeks: float | None,
    clause_starts: tuple[int, ...],
    sentence_starts: tuple[int, ...],
    present: set[str] | None = None,
    is_name: Callable[[int, int], bool] | None = None,
    parts: list[Piece] | None = None,
) -> list[Match]:
    """Every phrase and frame of every layer, week-filtered, with contained phrases of the same
    layer removed. `is_name(start, end)` says whether those words are a name in her message;
    `parts`, the text's pieces (`gate.pieces`) when they are already made."""
    found: list[Match] = []
    if parts is None:
        parts = pieces(text, sentence_starts, present)
    groups = compiled.groups  # (the others: a string every match holds is not in these pieces)
    for i, runs in sorted(compiled.group_gate.stretches(text, parts).items()):
        for lo, hi in runs:
            found += _matches(groups[i], text, lo, hi, weeks, is_name)
    goes_on = compiled.goes_on  # a sentence that points back goes on with the one before
    passage_starts = (
        tuple(s for i, s in enumerate(sentence_starts) if i == 0 or not goes_on.match(text, s))
        if goes_on is not None
        else sentence_starts
    )
    for hit in compiled.frames.find(text, clause_starts, sentence_starts, passage_starts):
        target = compiled.targets[hit.key]
        if _in_weeks(target, weeks):
            found.append(Match(target, *hit.head, hit.start, hit.end, hit.parts))
    return _settle(found)


def _matches(
    group: Group,
    text: str,
    lo: int,
    hi: int,
    weeks: float | None,
    is_name: Callable[[int, int], bool] | None = None,
) -> list[Match]:
    """The matches of one phrase regex in text[lo:hi], week-filtered, read from their `t` group."""
    target = group.target
    p = target.phrase
    if not _in_weeks(target, weeks):
        return []
    found: list[Match] = []
    for m in group.regex.finditer(text, lo, hi):
        if m.end() == m.start():
            continue
        if p.weeks_below is not None or p.weeks_from is not None:
            captured = _weeks_group(m.groupdict())
            if captured is None or not (p.weeks_from or 0) <= captured < (p.weeks_below or 99):
                continue
        if p.name_group is not None and not _a_name(m, p.name_group, is_name):
            continue  # ("same as with Amy" reads an older child; "same as with work" does not)
        start, end = m.start(), m.end()
        for core in target.cores:
            if m.group(core) is not None and m.end(core) > m.start(core):
                start, end = m.start(core), m.end(core)
                break
        found.append(Match(target, start, end, m.start(), m.end()))
    return found


def _a_name(m: re.Match[str], group: str, is_name: Callable[[int, int], bool] | None) -> bool:
    """Whether the group (or the first group named `group` + a digit that took part) is a name."""
    for name in m.re.groupindex:
        if name.startswith(group) and m.start(name) >= 0:
            return is_name is not None and is_name(m.start(name), m.end(name))
    return False


def _settle(found: list[Match]) -> list[Match]:
    """Drop a match whose words lie strictly inside another match's words in the same layer; a
    frame is dropped only inside a phrase (two frames read from parts, both stand: "nothing shifts
    it, I'm up half the night" is pain at rest and broken sleep)."""
    kept: list[Match] = []
    by_layer: dict[str, list[Match]] = {}
    for m in found:
        by_layer.setdefault(m.target.layer, []).append(m)
    for matches in by_layer.values():
        matches.sort(key=lambda m: (m.start, -m.end))
        best = (-1, 1)  # (end, -start) of the widest match so far
        best_phrase = (-1, 1)  # ... of the widest phrase so far
        for m in matches:
            end, neg_start = best_phrase if m.own else best
            inside = end > m.end or (end == m.end and -neg_start < m.start)
            if not inside:
                kept.append(m)
            if m.target.phrase.negated_only or m.target.phrase.yields_to:
                # "cramps in my tummy" counts only when denied, and a phrase that may yield to
                # another finding may not count at all: neither hides another phrase
                continue
            best = max(best, (m.end, -m.start))
            if not m.own:
                best_phrase = max(best_phrase, (m.end, -m.start))
    kept.sort(key=lambda m: (m.start, m.end))
    return kept
