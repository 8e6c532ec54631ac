"""The diary feeds the assessment: pain lasting more than two weeks brings R1 (routine), pain getting
worse over days is said plainly, the week follows from the due date, and what she says now always
wins over what the diary suggests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pregback.core.history import (
    PainPoint,
    gestation,
    history_findings,
    summarise_history,
    with_additions,
)
from pregback.core.profile import profile_findings
from pregback.core.triage import assess
from pregback.knowledge import default_knowledge

NOW = datetime(2026, 3, 20, 18, 0, tzinfo=UTC)


def daily(pains: list[int], hour: int = 9, end: datetime = NOW) -> list[PainPoint]:
    """One entry a day, the last one on `end`'s day."""
    last = end.replace(hour=hour, minute=0)
    return [PainPoint(last - timedelta(days=len(pains) - 1 - i), p) for i, p in enumerate(pains)]


def urgency_with(
    points: list[PainPoint], given: dict[str, object] | None = None
) -> tuple[str, list[str]]:
    additions, notes = history_findings(points, NOW, UTC)
    result = assess(with_additions(given or {"gestational_weeks": 28}, additions))
    return result.urgency, [r.id for r in result.fired]


def test_the_week_of_pregnancy_follows_from_the_due_date() -> None:
    assert gestation(date(2026, 6, 30), date(2026, 3, 1)) == (22, 5)
    assert gestation(date(2026, 6, 30), date(2026, 6, 30)) == (40, 0)
    assert gestation(date(2026, 6, 30), date(2025, 9, 1)) is None  # before the pregnancy began
    findings, notes = profile_findings(
        default_knowledge(), date(2026, 6, 30), date(2026, 3, 1), {"first_pregnancy": "present"}
    )
    assert findings == {"gestational_weeks": 22, "symptoms": {"first_pregnancy": "present"}}
    assert notes == ("Week 22+5 from your due date (2026-06-30).",)


def test_pain_every_day_for_more_than_two_weeks_is_routine_by_r1() -> None:
    assert urgency_with(daily([3] * 16)) == ("routine", ["R1"])


def test_pain_for_two_weeks_or_less_is_not_r1() -> None:
    urgency, fired = urgency_with(daily([3] * 14))  # first entry 13 days and 9 hours ago
    assert urgency == "self_care" and "R1" not in fired


def test_the_duration_runs_from_the_first_entry_of_the_current_run() -> None:
    additions, notes = history_findings(daily([4] * 16), NOW, UTC)
    assert additions["pain_duration_days"] == pytest.approx(15 + 9 / 24, abs=0.01)
    assert "since 05 March 2026" in notes[-1]


def test_a_day_recorded_pain_free_ends_the_run_but_unrecorded_days_do_not() -> None:
    pains = [5] * 8 + [0] + [4] * 9  # pain-free 9 days ago: the current pain is 9 days old
    assert urgency_with(daily(pains))[0] == "self_care"
    with_gaps = [
        p for i, p in enumerate(daily([4] * 18)) if i % 3 != 1
    ]  # a day missing now and then
    assert urgency_with(with_gaps) == ("routine", ["R1"])
    long_gap = daily([4] * 8, end=NOW - timedelta(days=14)) + daily([4] * 9)  # 5 days with no entry
    assert urgency_with(long_gap)[0] == "self_care"


def test_old_pain_with_no_recent_entry_is_not_current_pain() -> None:
    additions, notes = history_findings(daily([6] * 20, end=NOW - timedelta(days=6)), NOW, UTC)
    assert "pain_duration_days" not in additions
    assert notes == ()


def test_what_she_says_now_wins_over_the_diary() -> None:
    points = daily([3] * 20)
    assert (
        urgency_with(points, {"gestational_weeks": 28, "pain_duration_days": 2})[0] == "self_care"
    )
    recent = [PainPoint(NOW - timedelta(hours=1), 6, ("flank",), ("dysuria",))]
    given = {
        "gestational_weeks": 28,
        "pain_locations": ["lower_back"],
        "symptoms": {"dysuria": "absent"},
    }
    merged = with_additions(given, history_findings(recent, NOW, UTC)[0])
    assert merged["pain_locations"] == ["lower_back"]
    assert merged["symptoms"] == {"dysuria": "absent"}
    assert merged["pain_severity"] == 6  # unknown now, so the entry of an hour ago fills it


def test_an_entry_from_the_last_hours_describes_her_pain_now() -> None:
    recent = [PainPoint(NOW - timedelta(hours=2), 5, ("flank",), ())]
    assert urgency_with(recent) == ("same_day", ["S5"])
    stale = [PainPoint(NOW - timedelta(hours=9), 5, ("flank",), ())]
    assert urgency_with(stale)[0] == "self_care"


@pytest.mark.parametrize(
    ("pains", "worse"),
    [
        ([2, 3, 4, 5, 6], True),
        ([3, 3, 5, 6], True),
        ([4, 4, 5, 4, 4], False),
        ([6, 5, 4, 3], False),
        ([2, 5], False),  # two days are not a trend
    ],
)
def test_pain_getting_worse_over_days_is_said_plainly(pains: list[int], worse: bool) -> None:
    history = summarise_history(daily(pains), NOW, UTC)
    assert history.worsening is worse
    said = [n for n in history.notes if "getting worse" in n]
    if worse:
        assert said == [
            f"Your diary shows the pain getting worse over the last {len(pains)} days "
            f"(from {pains[0]}/10 to {pains[-1]}/10). Pain that keeps getting worse is worth raising "
            "with your midwife or doctor in the next few days, and today if it reaches 7/10."
        ]
    else:
        assert said == []


def test_assess_with_store_uses_her_profile_and_diary_and_saves_the_result(db_url: str) -> None:
    from pregback.services.assess import assess_with_store
    from pregback.store.db import open_store
    from pregback.store.repository import Repository

    now = datetime.now(UTC)
    store = open_store(db_url)
    with store.session() as s:
        repo = Repository(s)
        me = repo.set_profile(
            due_date=(now + timedelta(days=70)).date(), first_pregnancy=False, today=now.date()
        )
        for day in range(16, 0, -1):
            repo.add_entry(
                me, {"at": now - timedelta(days=day), "pain": 4, "locations": ["lower_back"]}
            )
    store.close()

    result, ctx = assess_with_store({"pain_severity": 3}, db=db_url, now=now)
    assert ctx is not None
    assert result.findings.scalars["gestational_weeks"] == 30
    assert result.findings.scalars["pain_severity"] == 3  # hers, not the diary's 4
    assert result.urgency == "routine" and [r.id for r in result.fired] == ["R1"]
    assert any(n.startswith("Week 30+0 from your due date") for n in result.notes)
    assert any("Your diary shows back pain since" in n for n in result.notes)

    store = open_store(db_url)
    with store.session() as s:
        repo = Repository(s)
        saved = repo.latest_assessment(repo.require_person())
        assert saved is not None and saved.urgency == "routine"
        assert saved.inputs["given"] == {"pain_severity": 3}
        assert saved.inputs["findings"]["gestational_weeks"] == 30
    store.close()


def test_waves_she_is_timing_now_feed_the_assessment(db_url: str) -> None:
    from pregback.services.assess import assess_with_store
    from pregback.store.db import open_store
    from pregback.store.repository import Repository

    now = datetime.now(UTC)
    store = open_store(db_url)
    with store.session() as s:
        repo = Repository(s)
        me = repo.set_profile(
            due_date=(now + timedelta(days=7 * 9)).date(), today=now.date()
        )  # 31 weeks
        for k in (40, 30, 20, 10):
            repo.add_episode(me, now - timedelta(minutes=k), now - timedelta(minutes=k - 1))
    store.close()
    result, _ = assess_with_store({}, db=db_url, now=now, save=False)
    assert result.urgency == "urgent" and "U5" in [r.id for r in result.fired]
    assert result.timing is not None and result.timing.count == 4


def test_a_damaged_database_never_stops_an_assessment(tmp_path: Path) -> None:
    from pregback.services.assess import assess_with_store

    broken = tmp_path / "pregback.db"
    broken.write_bytes(b"this is not a database" * 100)
    result, ctx = assess_with_store(
        {"gestational_weeks": 30, "pattern": "rhythmic"}, db=str(broken)
    )
    assert ctx is None
    assert result.urgency == "urgent"  # what she said now is still assessed
    assert result.notes[-1].startswith("Your saved profile and diary could not be read (")
    assert result.notes[-1].endswith("so this assessment uses only what you said now.")
    assert broken.read_bytes() == b"this is not a database" * 100  # and left as it was
