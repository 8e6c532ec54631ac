"""Labour timing: timed waves (start, end) into intervals, durations, counts and how long a rhythm held.

Owns: the arithmetic of TRIAGE.md section 4.1. Never: deciding urgency (the rules do that).
Intervals are measured start to start; "now" is the end of the last wave.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from statistics import median, pstdev
from typing import Any, Protocol

from pregback.errors import EpisodesError, Problem


class TimingSettings(Protocol):
    """TRIAGE 4.1's numbers, from the knowledge base (levels.yaml timing)."""

    recent: int
    held_threshold_min: float
    regular_spread: float


def _default() -> TimingSettings:
    from pregback.knowledge import default_knowledge

    return default_knowledge().timing


@dataclass(frozen=True, slots=True)
class Episode:
    start: datetime
    end: datetime

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True, slots=True)
class LabourSummary:
    """What the timed waves show. None means it cannot be told from the waves."""

    count: int
    intervals_min: tuple[float, ...]
    durations_s: tuple[float, ...]
    current_interval_min: float | None
    wave_duration_s: float | None
    longest_wave_s: float | None
    waves_last_hour: int
    waves_last_10_min: int
    held_hours: float | None  # at the 5-minute threshold of U9
    rhythm_hours: float | None  # how long the current rhythm has held, whatever its interval
    regular: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "current_interval_min": _round(self.current_interval_min),
            "wave_duration_s": _round(self.wave_duration_s),
            "longest_wave_s": _round(self.longest_wave_s),
            "waves_last_hour": self.waves_last_hour,
            "waves_last_10_min": self.waves_last_10_min,
            "held_hours": _round(self.held_hours),
            "rhythm_hours": _round(self.rhythm_hours),
            "regular": self.regular,
            "intervals_min": [_round(i) for i in self.intervals_min],
            "durations_s": [_round(d) for d in self.durations_s],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _when(value: Any, field: str) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().upper())  # RFC 3339 also allows t and z
        except ValueError:
            pass
    raise EpisodesError(
        Problem(
            field,
            value,
            "an ISO 8601 date and time, e.g. 2026-03-01T10:00:00",
            "is not a date-time",
        )
    )


def parse_episodes(raw: Any) -> list[Episode]:
    """Check timed waves and return them sorted by start; raise EpisodesError naming the bad one."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise EpisodesError(Problem("episodes", raw, "a list of {start, end}", "is not a list"))
    episodes: list[Episode] = []
    for i, item in enumerate(raw):
        here = f"episodes[{i}]"
        if isinstance(item, Episode):
            episodes.append(item)
            continue
        if (
            not isinstance(item, Mapping)
            or set(item) - {"start", "end"}
            or "start" not in item
            or "end" not in item
        ):
            raise EpisodesError(
                Problem(here, item, "an object with exactly start and end", "is not a timed wave")
            )
        start = _when(item["start"], f"{here}.start")
        end = _when(item["end"], f"{here}.end")
        if (start.tzinfo is None) != (end.tzinfo is None):
            raise EpisodesError(
                Problem(here, item, "both times with a time zone, or neither", "mixes time zones")
            )
        if end <= start:
            raise EpisodesError(
                Problem(
                    f"{here}.end",
                    item["end"],
                    f"a time after the start {item['start']}",
                    "is not after the start",
                )
            )
        episodes.append(Episode(start, end))
    if len({e.start.tzinfo is None for e in episodes}) > 1:
        raise EpisodesError(
            Problem("episodes", "mixed", "all times with a time zone, or none", "mixes time zones")
        )
    episodes.sort(key=lambda e: e.start)
    for prev, nxt in itertools.pairwise(episodes):
        if nxt.start < prev.end:
            raise EpisodesError(
                Problem(
                    "episodes",
                    nxt.start.isoformat(),
                    f"a start at or after the end of the wave before ({prev.end.isoformat()})",
                    "overlaps the wave before",
                )
            )
    return episodes


def held_hours(starts: list[datetime], now: datetime, threshold_min: float) -> float:
    """Hours from the earliest wave after which every interval is <= threshold, until now (TRIAGE 4.1.5)."""
    first = len(starts) - 1
    while first > 0 and (starts[first] - starts[first - 1]).total_seconds() / 60 <= threshold_min:
        first -= 1
    if first == len(starts) - 1:  # the last interval is over the threshold, or a single wave
        return 0.0
    return (now - starts[first]).total_seconds() / 3600


def summarise(
    episodes: Iterable[Episode] | list[Any], settings: TimingSettings | None = None
) -> LabourSummary | None:
    """The timing of TRIAGE 4.1 (with the knowledge base's numbers); None when there are no waves."""
    waves = parse_episodes(list(episodes))
    if not waves:
        return None
    starts = [e.start for e in waves]
    now = max(e.end for e in waves)
    durations = tuple(e.seconds for e in waves)
    intervals = tuple((b - a).total_seconds() / 60 for a, b in itertools.pairwise(starts))
    t = settings or _default()
    recent = intervals[-t.recent :]
    current = median(recent) if recent else None
    regular: bool | None = None
    rhythm: float | None = None
    if current is not None and len(recent) >= 2:
        regular = current > 0 and pstdev(recent) / current <= t.regular_spread
    if current is not None:
        rhythm = held_hours(starts, now, current * (1 + t.regular_spread))
    return LabourSummary(
        count=len(waves),
        intervals_min=intervals,
        durations_s=durations,
        current_interval_min=current,
        wave_duration_s=median(durations[-t.recent :]),
        longest_wave_s=max(durations),
        waves_last_hour=sum(1 for s in starts if (now - s).total_seconds() <= 3600),
        waves_last_10_min=sum(1 for s in starts if (now - s).total_seconds() <= 600),
        held_hours=held_hours(starts, now, t.held_threshold_min) if intervals else None,
        rhythm_hours=rhythm,
        regular=regular,
    )
