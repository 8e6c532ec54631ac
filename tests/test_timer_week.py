"""The terminal timer knows her week: it reads her saved due date and risk facts, lists only the
rules timed waves could fire at that week, says CALL NOW when the knowledge base's service policy
says so (timer_alert), writes out the numbers of her locale, and after the birth uses no week.
Runs over SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from rich.console import Console

from pregback.interfaces.cli.timer import TimerSession, TimerStatus, render
from pregback.knowledge import load_knowledge
from pregback.store.db import Store
from pregback.store.repository import Repository

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)


def screen(status: TimerStatus) -> str:
    console = Console(record=True, width=160, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(render(status))
    console.file.close()
    return console.export_text()


def profile(store: Store, weeks: int, **facts: str) -> None:
    due = T0.astimezone().date() + timedelta(days=280 - weeks * 7)
    with store.session() as s:
        Repository(s).set_profile(due_date=due, today=T0.astimezone().date(), facts=facts)


def time_waves(session: TimerSession, count: int, every: timedelta, length: timedelta) -> datetime:
    for i in range(count):
        session.press(T0 + i * every)
        session.press(T0 + i * every + length)
    return T0 + (count - 1) * every + length


@pytest.fixture(autouse=True)
def _no_unit_phone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREGBACK_UNIT_PHONE", raising=False)


@pytest.mark.parametrize(("locale", "number"), [("uk", "111"), ("us", "911")])
def test_a_preterm_alert_says_call_now_with_the_number_of_her_locale(
    store: Store, locale: str, number: str
) -> None:
    kb = load_knowledge(locale=locale)
    profile(store, 30)
    session = TimerSession(store, "me", kb=kb, now=T0)
    quiet = screen(session.status(T0))
    assert "30+0 weeks (from your due date)" in quiet
    assert "Frequent waves before 37 weeks (U5" in quiet
    assert "Established labour at term" not in quiet  # only the rules of her week
    end = time_waves(session, 3, timedelta(minutes=8), timedelta(seconds=45))
    status = session.status(end)
    assert status.call_now and status.assessment is not None
    assert "U5" in [r.id for r in status.assessment.fired]
    text = screen(status)
    assert "─ CALL NOW " in text  # the alert panel's title
    calls = [line for line in text.split("─ CALL NOW ", 1)[1].splitlines() if "☎ Call" in line]
    assert calls and number in calls[0]  # the number written out, to dial by hand
    assert status.calls[0].number == (kb.locale.advice_number or kb.locale.emergency)


def test_her_unit_is_the_first_number_when_the_install_has_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREGBACK_UNIT_PHONE", "01632 960 000")
    profile(store, 30)
    session = TimerSession(store, "me", now=T0)
    end = time_waves(session, 3, timedelta(minutes=8), timedelta(seconds=45))
    text = screen(session.status(end))
    assert "☎ Call your maternity unit: 01632960000" in text
    assert "☎ Call NHS 111 (if your maternity unit does not answer)" in text


def test_call_now_comes_from_the_knowledge_base_not_the_code(store: Store) -> None:
    kb = load_knowledge()
    quiet = replace(
        kb,
        service={
            **kb.service,
            "urgent": kb.service["urgent"].model_copy(update={"timer_alert": False}),
        },
    )
    profile(store, 30)
    session = TimerSession(store, "me", kb=quiet, now=T0)
    end = time_waves(session, 3, timedelta(minutes=8), timedelta(seconds=45))
    status = session.status(end)
    assert status.assessment is not None and status.assessment.urgency == "urgent"
    text = screen(status)
    assert not status.call_now and "─ CALL NOW " not in text and "─ Get advice " in text


def test_at_term_in_a_first_pregnancy_there_is_no_alert_before_5_1_1(store: Store) -> None:
    profile(store, 39, first_pregnancy="yes")
    session = TimerSession(store, "me", now=T0)
    shown = screen(session.status(T0))
    assert "Established labour at term (5-1-1) (U9" in shown and "(U5" not in shown
    assert "(U10" not in shown  # her first baby: U10 cannot fire
    end = time_waves(session, 8, timedelta(minutes=8), timedelta(seconds=45))
    status = session.status(end)
    text = screen(status)
    assert not status.call_now and "─ CALL NOW " not in text and "─ Early labour " in text


def test_a_stored_caesarean_adds_its_rule_and_alerts_at_any_sign_of_labour(store: Store) -> None:
    profile(store, 39, first_pregnancy="yes", previous_caesarean="yes")
    session = TimerSession(store, "me", now=T0)
    assert "(U24" in screen(session.status(T0))
    end = time_waves(session, 2, timedelta(minutes=20), timedelta(seconds=40))
    status = session.status(end)
    assert status.call_now and status.assessment is not None
    assert "U24" in [r.id for r in status.assessment.fired]


def test_after_the_birth_the_timer_uses_no_week(store: Store) -> None:
    profile(store, 31, given_birth="yes")
    session = TimerSession(store, "me", now=T0)
    shown = screen(session.status(T0))
    assert "after the birth" in shown and "31+0" not in shown
    assert "No labour rule of the weeks of pregnancy applies now" in shown
    end = time_waves(session, 3, timedelta(minutes=8), timedelta(seconds=45))
    status = session.status(end)
    assert status.assessment is not None and "U5" not in [r.id for r in status.assessment.fired]
    assert "gestational_weeks" not in status.assessment.findings.scalars
    said = TimerSession(store, "me", weeks=31, now=end)  # she gives a week now: it wins
    assert said.findings.scalars["gestational_weeks"] == 31
    assert "given_birth" not in said.findings.symptoms
