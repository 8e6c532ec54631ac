"""Settling the scalars a message said into one value each.

Owns: which of several readings of one scalar is kept (the first week said of now, a number over a
word for severity, the longest duration, the most urgent timing, the safer pattern and onset) and
whether a value lies in its range. Never: reading text.
"""

from __future__ import annotations

from typing import Any

# On a conflict the first wins (TRIAGE 9 reads a back pain "in waves" as rhythmic whatever else she says).
PATTERN_ORDER = ("rhythmic", "constant", "intermittent")
ONSET_ORDER = ("sudden", "gradual")  # the safer reading first


def settle_scalars(s: dict[str, list[tuple[Any, int]]], vocab: Any) -> dict[str, Any]:
    """One value per scalar from its readings, each (value, where it was said)."""
    out: dict[str, Any] = {}

    def first(key: str) -> Any:
        return min(s[key], key=lambda v: v[1])[0] if key in s else None

    out["gestational_weeks"] = first("gestational_weeks")
    numbers = [v for v, _ in s.get("pain_severity", [])]
    words = [v for v, _ in s.get("pain_severity_word", [])]
    out["pain_severity"] = (
        max(numbers) if numbers else (max(words) if words else None)
    )  # a number wins (TRIAGE 9)
    out["pain_duration_days"] = max((v for v, _ in s.get("pain_duration_days", [])), default=None)
    locs = sorted(s.get("pain_locations", []), key=lambda v: v[1])
    out["pain_locations"] = tuple(dict.fromkeys(v for v, _ in locs)) or None
    for key, order in (("onset", ONSET_ORDER), ("pattern", PATTERN_ORDER)):
        said = {v for v, _ in s.get(key, [])}
        out[key] = next((c for c in order if c in said), None)
    if "pattern_between" in s:
        out["pattern"] = "constant"  # goes on between contractions: over waves (TRIAGE 9, E22)
    elif out["pattern"] in (None, "intermittent") and "pattern_timed" in s:
        out["pattern"] = "rhythmic"  # on and off, every few minutes: in waves (never over constant)
    # the most urgent reading of the timing: the shortest interval, the longest wave
    out["episode_interval_min"] = min(
        (v for v, _ in s.get("episode_interval_min", [])), default=None
    )
    out["episode_duration_s"] = max((v for v, _ in s.get("episode_duration_s", [])), default=None)
    out["episodes_last_hour"] = max((v for v, _ in s.get("episodes_last_hour", [])), default=None)
    out["pattern_hours"] = max((v for v, _ in s.get("pattern_hours", [])), default=None)
    return {k: tidy(v) for k, v in out.items() if v is not None and in_range(vocab, k, v)}


def in_range(vocab: Any, key: str, value: Any) -> bool:
    spec = vocab.scalars.get(key)
    if spec is None:
        return False
    lo, hi, exclusive, kind = spec
    if kind == "list":
        return all(v in vocab.locations for v in value)
    if kind == "choice":
        return value in vocab.choices.get(key, ())
    if lo is not None and (value <= lo if exclusive else value < lo):
        return False
    return hi is None or value <= hi


def tidy(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
