"""The contraction timer's session, press by press at chosen moments: the alert appears as soon as
the waves meet a preterm or labour rule, every wave is in the database the moment it is shown, and
a timer started again carries on. Runs over SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from pregback.interfaces.cli.timer import TimerSession, TimerStatus, render
from pregback.store.db import Store
from pregback.store.repository import Repository

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)


def screen(status: TimerStatus) -> str:
    console = Console(record=True, width=140, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(render(status))
    console.file.close()
    return console.export_text()


def profile(store: Store, weeks: int, **history: bool) -> None:
    due = T0.astimezone().date() + timedelta(days=280 - weeks * 7)
    with store.session() as s:
        Repository(s).set_profile(due_date=due, today=T0.astimezone().date(), **history)


def saved_waves(store: Store) -> list[tuple[datetime, datetime | None]]:
    with store.session() as s:
        repo = Repository(s)
        return [
            (w.started_at, w.ended_at)
            for w in repo.episodes(repo.require_person(), closed_only=False)
        ]


def time_waves(
    session: TimerSession, start: datetime, count: int, every: timedelta, length: timedelta
) -> datetime:
    for i in range(count):
        session.press(start + i * every)
        session.press(start + i * every + length)
    return start + (count - 1) * every + length


def test_a_preterm_pattern_raises_the_alert_as_soon_as_the_second_wave_starts(store: Store) -> None:
    profile(store, 31)
    session = TimerSession(store, "me", now=T0)
    assert "31+0 weeks (from your due date)" in screen(session.status(T0))
    end = time_waves(session, T0, 1, timedelta(minutes=8), timedelta(seconds=45))
    quiet = session.status(end + timedelta(minutes=5))
    assert not quiet.alert and "CALL NOW" not in screen(quiet)
    session.press(
        T0 + timedelta(minutes=8)
    )  # the second wave starts: 8 minutes apart, before 37 weeks
    loud = session.status(T0 + timedelta(minutes=8, seconds=2))
    assert (
        loud.alert and loud.assessment is not None and "U5" in [r.id for r in loud.assessment.fired]
    )
    text = screen(loud)
    assert "CALL NOW" in text and "Call your maternity unit or labour ward triage line now" in text
    assert "Frequent waves before 37 weeks" in text
    session.press(T0 + timedelta(minutes=8, seconds=50))
    assert session.status(T0 + timedelta(minutes=9)).alert
    assert saved_waves(store) == [
        (T0, T0 + timedelta(seconds=45)),
        (T0 + timedelta(minutes=8), T0 + timedelta(minutes=8, seconds=50)),
    ]


def test_a_term_first_labour_is_early_labour_until_5_1_1_has_held_an_hour(store: Store) -> None:
    profile(store, 39, first_pregnancy=True)
    session = TimerSession(store, "me", now=T0)
    every, length = timedelta(minutes=4, seconds=30), timedelta(seconds=60)
    end = time_waves(session, T0, 14, every, length)  # 58.5 minutes of waves: not yet an hour
    early = session.status(end + timedelta(seconds=30))
    assert not early.alert
    text = screen(early)
    assert "Early labour" in text and "CALL NOW" not in text
    assert "interval: 4 min 30 s" in text and "wave length: 1 min" in text and "regular" in text
    end = time_waves(session, T0 + 14 * every, 1, every, length)
    done = session.status(end + timedelta(seconds=5))
    assert done.alert and done.assessment is not None
    assert [r.id for r in done.assessment.fired if r.urgency == "urgent"] == ["U9"]
    assert "Established labour at term (5-1-1)" in screen(done)
    assert len(saved_waves(store)) == 15


def test_at_term_when_it_is_not_her_first_baby_waves_every_8_minutes_are_urgent(
    store: Store,
) -> None:
    profile(store, 38, first_pregnancy=False)
    session = TimerSession(store, "me", now=T0)
    end = time_waves(session, T0, 2, timedelta(minutes=8), timedelta(seconds=50))
    result = session.status(end).assessment
    assert (
        result is not None and result.urgency == "urgent" and "U10" in [r.id for r in result.fired]
    )


def test_a_timer_started_again_carries_on_with_the_wave_going_on(store: Store) -> None:
    profile(store, 33)
    first = TimerSession(store, "me", now=T0)
    time_waves(first, T0, 2, timedelta(minutes=12), timedelta(seconds=40))
    first.press(T0 + timedelta(minutes=24))  # a wave starts, then the terminal is closed
    del first
    again = TimerSession(store, "me", now=T0 + timedelta(minutes=24, seconds=30))
    status = again.status(T0 + timedelta(minutes=24, seconds=30))
    assert status.open_start == T0 + timedelta(minutes=24) and len(status.waves) == 2
    assert "WAVE GOING ON" in screen(
        status
    ) and "Carrying on where you left off: 2 waves kept." in screen(status)
    again.press(T0 + timedelta(minutes=24, seconds=45))
    assert saved_waves(store)[-1] == (
        T0 + timedelta(minutes=24),
        T0 + timedelta(minutes=24, seconds=45),
    )
    assert len(again.status(T0 + timedelta(minutes=25)).waves) == 3


def test_a_wave_never_ended_is_not_counted_when_the_timer_starts_much_later(store: Store) -> None:
    profile(store, 33)
    first = TimerSession(store, "me", now=T0)
    first.press(T0)
    later = TimerSession(store, "me", now=T0 + timedelta(minutes=20))
    assert later.open_start is None
    assert "was never ended, so it was not counted" in screen(
        later.status(T0 + timedelta(minutes=20))
    )
    assert saved_waves(store) == []


def test_undo_removes_the_last_wave_from_the_database(store: Store) -> None:
    profile(store, 33)
    session = TimerSession(store, "me", now=T0)
    time_waves(session, T0, 3, timedelta(minutes=20), timedelta(seconds=40))
    session.undo(T0 + timedelta(minutes=41))
    assert len(saved_waves(store)) == 2 and len(session.waves) == 2
    session.press(T0 + timedelta(minutes=50))
    session.undo(T0 + timedelta(minutes=50, seconds=10))  # the wave going on
    assert len(saved_waves(store)) == 2 and session.open_start is None


def test_without_a_due_date_every_rule_that_could_apply_does(store: Store) -> None:
    session = TimerSession(store, "me", now=T0)
    assert "week not known" in screen(session.status(T0))
    end = time_waves(session, T0, 2, timedelta(minutes=9), timedelta(seconds=45))
    result = session.status(end).assessment
    assert result is not None and result.urgency == "urgent"  # U5 and U10 could both apply (P3)
    with_weeks = TimerSession(store, "me", weeks=39, now=end)
    assert with_weeks.findings.weeks == 39


@pytest.mark.parametrize("weeks", [31, 39])
def test_the_timer_and_assess_agree_on_the_same_waves(store: Store, weeks: int) -> None:
    from pregback.core.triage import assess

    profile(store, weeks)
    session = TimerSession(store, "me", now=T0)
    end = time_waves(session, T0, 5, timedelta(minutes=6), timedelta(seconds=50))
    waves = [{"start": a.isoformat(), "end": b.isoformat()} for a, b in saved_waves(store) if b]
    expected = assess({"gestational_weeks": weeks}, waves)
    got = session.status(end).assessment
    assert got is not None and (got.urgency, [r.id for r in got.fired]) == (
        expected.urgency,
        [r.id for r in expected.fired],
    )


def test_the_timer_asks_for_a_terminal_rather_than_guessing(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pregback.interfaces.cli.app import app

    out = CliRunner().invoke(app, ["timer", "--db", str(tmp_path / "t.db")])
    assert out.exit_code == 2 and "the timer needs a terminal" in out.output
