"""Target matching: every lexicon phrase found in the text, with overlaps settled (medspaCy TargetMatcher).

Owns: running the compiled phrase regexes, week conditions, and dropping a phrase whose words lie
inside a longer phrase of the same layer. Never: negation or uncertainty (that is `context`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from pregback.reading.compiled import Compiled, Target
from pregback.reading.fastre import Found, at, places
from pregback.reading.prefilter import Sieve


class Match(NamedTuple):  # a tuple: made for every phrase found, so made quickly
    target: Target
    start: int  # the words the finding is read from (group `t`, else the whole match)
    end: int
    full_start: int
    full_end: int


def _weeks_group(groups: Mapping[str, str | None]) -> float | None:
    for key, value in groups.items():
        if value is not None and key.startswith("weeks"):
            try:
                return float(value)
            except ValueError:
                return None
    return None


def find_targets(text: str, compiled: Compiled, weeks: float | None, sieve: Sieve) -> list[Match]:
    """Every phrase of every layer, week-filtered, with contained phrases of the same layer removed."""
    found: list[Match] = []
    groups = compiled.groups
    ascii = text.isascii()  # (the strings a phrase's matches start with are known for ASCII text)
    grams = sieve.grams
    starting = grams.intersection(compiled.start_grams)
    for gi in compiled.active_groups(sieve):  # the others cannot match anywhere in this text
        group = groups[gi]
        matches: Iterable[Found]
        if ascii and group.starts is not None:
            matches = at(group.regex.original, text, places(group.starts, text, starting))
        else:
            matches = group.regex.scan(text, grams)
        for m in matches:
            if m.end() == m.start():
                continue
            target = group.target
            p = target.phrase
            if weeks is not None and (
                (p.min_weeks is not None and weeks < p.min_weeks)
                or (p.max_weeks is not None and weeks > p.max_weeks)
            ):
                continue
            if p.weeks_below is not None:
                captured = _weeks_group(m.groupdict())
                if captured is None or captured >= p.weeks_below:
                    continue
            start, end = m.start(), m.end()
            for core in target.cores:
                if m.group(core) is not None and m.end(core) > m.start(core):
                    start, end = m.start(core), m.end(core)
                    break
            found.append(Match(target, start, end, m.start(), m.end()))
    return _settle(found)


def _settle(found: list[Match]) -> list[Match]:
    """Drop a match whose words lie strictly inside another match's words in the same layer."""
    kept: list[Match] = []
    by_layer: dict[str, list[Match]] = {}
    for m in found:
        by_layer.setdefault(m.target.layer, []).append(m)
    for matches in by_layer.values():
        matches.sort(key=lambda m: (m.start, -m.end))
        best_end = -1
        best_start = -1
        for m in matches:
            inside = best_end > m.end or (best_end == m.end and best_start < m.start)
            if not inside:
                kept.append(m)
            if m.end > best_end or (m.end == best_end and m.start < best_start):
                best_end, best_start = m.end, m.start
    kept.sort(key=lambda m: (m.start, m.end))
    return kept
