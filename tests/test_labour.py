"""Labour timing (TRIAGE 4.1): intervals start to start, medians, counts, how long a rhythm held."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from pregback.core.labour import parse_episodes, summarise
from pregback.core.triage import assess
from pregback.errors import EpisodesError

T0 = datetime(2026, 3, 1, 13, 0)


def waves(starts_min: list[float], length_s: float = 50) -> list[dict[str, str]]:
    return [
        {
            "start": (T0 + timedelta(minutes=m)).isoformat(),
            "end": (T0 + timedelta(minutes=m, seconds=length_s)).isoformat(),
        }
        for m in starts_min
    ]


def test_intervals_are_start_to_start_and_current_is_the_median_of_the_last_five() -> None:
    s = summarise(waves([0, 10, 18, 25, 30, 34, 38, 42]))
    assert s is not None
    assert s.intervals_min[:3] == (10, 8, 7)
    assert s.current_interval_min == 4  # median of 7, 5, 4, 4, 4
    assert s.wave_duration_s == 50
    assert s.count == 8


def test_held_example_of_the_specification() -> None:
    # Waves every 4-5 min since 13:00; now = 14:20 -> held 1.33 h at T = 5.
    starts = [0.0]
    while starts[-1] < 79:
        starts.append(starts[-1] + (4 if len(starts) % 2 else 5))
    eps = waves(starts[:-1], length_s=60)
    last = T0 + timedelta(minutes=80)
    eps.append({"start": (last - timedelta(seconds=60)).isoformat(), "end": last.isoformat()})
    s = summarise(eps)
    assert s is not None and s.held_hours == pytest.approx(80 / 60, abs=0.02)


def test_a_gap_in_timing_restarts_held() -> None:
    s = summarise(waves([0, 4, 8, 12, 60, 64, 68]))
    assert s is not None and s.held_hours == pytest.approx((8 + 50 / 60) / 60, abs=0.01)


def test_counts_in_the_last_hour_and_ten_minutes() -> None:
    s = summarise(waves([0, 30, 56, 58, 60, 62, 64, 65]))
    assert s is not None and s.waves_last_hour == 7 and s.waves_last_10_min == 6


def test_5_1_1_from_timed_waves_fires_u9_in_a_first_pregnancy(kb: Any) -> None:
    eps = waves([i * 4.5 for i in range(16)], length_s=60)  # 68 min of waves every 4.5 min
    result = assess(
        {"gestational_weeks": 39, "symptoms": {"first_pregnancy": "present"}}, eps, kb=kb
    )
    assert "U9" in [r.id for r in result.fired] and result.urgency == "urgent"
    short = assess(
        {"gestational_weeks": 39, "symptoms": {"first_pregnancy": "present"}}, eps[:10], kb=kb
    )
    assert short.urgency == "self_care", "40 minutes of waves do not yet meet 5-1-1"


def test_six_waves_in_ten_minutes_fire_u8_whatever_has_held(kb: Any) -> None:
    eps = waves([0, 1.7, 3.4, 5.1, 6.8, 8.5], length_s=40)
    result = assess(
        {"gestational_weeks": 39, "symptoms": {"first_pregnancy": "present"}}, eps, kb=kb
    )
    assert "U8" in [r.id for r in result.fired]


def test_one_wave_over_two_minutes_fires_u8(kb: Any) -> None:
    eps = waves([0, 20]) + waves([40], length_s=130)
    assert "U8" in [r.id for r in assess({"gestational_weeks": 30}, eps, kb=kb).fired]


@pytest.mark.parametrize(
    ("episodes", "field"),
    [
        ([{"start": "2026-03-01T10:00:00", "end": "2026-03-01T09:59:00"}], "episodes[0].end"),
        ([{"start": "yesterday", "end": "2026-03-01T09:59:00"}], "episodes[0].start"),
        ([{"start": "2026-03-01T10:00:00"}], "episodes[0]"),
        (
            [
                {"start": "2026-03-01T10:00:00", "end": "2026-03-01T10:02:00"},
                {"start": "2026-03-01T10:01:00", "end": "2026-03-01T10:03:00"},
            ],
            "episodes",
        ),
        ("not a list", "episodes"),
    ],
)
def test_bad_episodes_get_a_clear_error_naming_the_field(episodes: Any, field: str) -> None:
    with pytest.raises(EpisodesError) as err:
        parse_episodes(episodes)
    assert err.value.problems[0].field == field
    assert err.value.problems[0].allowed
