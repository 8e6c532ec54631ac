"""Her profile page and the web timer that knows her week: the facts shown with their plain labels
and questions, set yes / no / not sure with CSRF, errors in words; the timer page and its verdict
use her saved week and facts, watch only the rules of that week, and call with the locale's
numbers. A fresh SQLite file each test, on a personal install."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pregback.knowledge import default_knowledge


@pytest.fixture(autouse=True)
def no_unit_number(monkeypatch: pytest.MonkeyPatch) -> None:
    """This install has no number of its own for the unit: the locale's numbers are called."""
    monkeypatch.delenv("PREGBACK_UNIT_PHONE", raising=False)


TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
START = datetime(2026, 3, 1, 10, 0)


def token(pages: Any) -> str:
    return TOKEN.search(pages.get("/profile").text).group(1)  # type: ignore[union-attr]


def save(pages: Any, status: int = 303, **fields: str) -> Any:
    r = pages.post("/profile", data={"csrf": token(pages), **fields}, follow_redirects=False)
    assert r.status_code == status, r.text
    return r


def due_for(weeks: int) -> str:
    return (date.today() + timedelta(days=280 - weeks * 7)).isoformat()


def waves(every_min: float, count: int, length_s: int = 45) -> list[dict[str, str]]:
    return [
        {
            "start": (START + timedelta(minutes=every_min * i)).isoformat(),
            "end": (START + timedelta(minutes=every_min * i, seconds=length_s)).isoformat(),
        }
        for i in range(count)
    ]


def test_the_profile_page_asks_every_fact_in_plain_words(pages: Any, tmp_path: Path) -> None:
    page = pages.get("/timer").text  # looking at the timer creates nothing
    assert not (tmp_path / "pages.db").exists()
    page = pages.get("/profile").text
    kb = default_knowledge()
    for sym in kb.symptoms.values():
        if sym.profile:
            assert sym.label in page and f'name="fact.{sym.id}"' in page
            assert sym.question.split("?")[0].replace("'", "&#39;") in page
    assert 'name="since.recent_spinal_procedure"' in page


def test_facts_are_set_shown_and_changed(pages: Any) -> None:
    save(
        pages,
        due_date=due_for(30),
        **{"fact.previous_caesarean": "yes", "fact.multiple_pregnancy": "no"},
    )
    page = pages.get("/profile?saved=1").text
    assert "Your profile is saved." in page and "30+0 weeks pregnant today" in page
    assert re.search(r'id="fact-previous_caesarean-yes" value="yes" checked', page)
    assert re.search(r'id="fact-multiple_pregnancy-no" value="no" checked', page)
    assert re.search(r'id="fact-low_lying_placenta-not_sure" value="not_sure" checked', page)
    save(pages, **{"fact.previous_caesarean": "not_sure"})
    assert re.search(
        r'id="fact-previous_caesarean-not_sure" value="not_sure" checked',
        pages.get("/profile").text,
    )


def test_a_bad_answer_is_explained_and_nothing_changes(pages: Any) -> None:
    r = save(
        pages,
        status=422,
        **{
            "fact.previous_caesarean": "yes",
            "fact.recent_spinal_procedure": "yes",
            "since.recent_spinal_procedure": "2001-01-01",
        },
    )
    assert (
        "An epidural or spinal in the last 6 weeks: please answer yes, no or not sure, with a day "
        "in the last 42 days." in r.text
    )
    assert not re.search(
        r'id="fact-previous_caesarean-yes" value="yes" checked', pages.get("/profile").text
    )
    forged = pages.post("/profile", data={"csrf": "nope", "fact.given_birth": "yes"})
    assert forged.status_code == 403


def test_the_timer_page_knows_her_week_and_watches_only_its_rules(pages: Any) -> None:
    page = pages.get("/timer").text
    assert "week not known" in page and "Frequent waves before 37 weeks" in page
    save(pages, due_date=due_for(39), **{"fact.first_pregnancy": "yes"})
    page = pages.get("/timer").text
    assert "Your week: 39+0 weeks (from your due date)" in page
    assert "Established labour at term (5-1-1)" in page
    assert "Frequent waves before 37 weeks" not in page
    assert 'data-first="yes"' in page


def test_the_verdict_uses_her_saved_week_and_calls_with_the_locales_number(
    pages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = default_knowledge()
    save(pages, due_date=due_for(31))
    r = pages.post("/timer/verdict", json={"episodes": waves(8, 3)}).json()
    assert r["urgency"] == "urgent" and "Frequent waves before 37 weeks" in [
        x["title"] for x in r["reasons"]
    ]
    assert r["alert"] is kb.service["urgent"].timer_alert is True
    assert r["week"] == "31+0 weeks (from your due date)"
    assert [w["id"] for w in r["watching"]][:2] == ["U5", "U8"]
    assert r["calls"][0]["href"] == f"tel:{kb.locale.advice_number}"
    monkeypatch.setenv("PREGBACK_UNIT_PHONE", "01632 960 000")
    r = pages.post("/timer/verdict", json={"episodes": waves(8, 3)}).json()
    assert [c["href"] for c in r["calls"]][:1] == ["tel:01632960000"]
    term = pages.post("/timer/verdict", json={"episodes": waves(8, 3), "weeks": 39}).json()
    assert term["week"] == "39 weeks (as you said)"  # what she says wins over her due date
    assert "U5" not in [w["id"] for w in term["watching"]]


def test_a_term_first_labour_before_5_1_1_raises_no_alert(pages: Any) -> None:
    save(pages, due_date=due_for(39), **{"fact.first_pregnancy": "yes"})
    r = pages.post("/timer/verdict", json={"episodes": waves(6, 8, 50)}).json()
    assert r["alert"] is False and r["labour"] is True and r["urgency"] == "self_care"


def test_after_the_birth_the_timer_uses_no_week(pages: Any) -> None:
    save(pages, due_date=due_for(31), **{"fact.given_birth": "yes"})
    page = pages.get("/timer").text
    assert "after the birth: no week of pregnancy" in page
    r = pages.post("/timer/verdict", json={"episodes": waves(8, 3)}).json()
    assert r["watching"] == [] and "U5" not in [x["title"] for x in r["reasons"]]
    assert r["alert"] is False and r["week"].startswith("after the birth")


STATE_FIELD = re.compile(r'name="state" value="([^"]+)"')


def test_the_check_starts_from_her_saved_profile(pages: Any) -> None:
    """A caesarean kept in her profile counts at once: labour at term is urgent (U24) without the
    check asking about the scar again (issue 12: her risk profile, asked once)."""
    save(pages, due_date=due_for(39), **{"fact.previous_caesarean": "yes"})
    message = "first baby, contractions every 12 minutes for an hour, back aches with each one"
    r = pages.post("/assess", data={"message": message, "do": "read"})
    state = STATE_FIELD.search(r.text).group(1)  # type: ignore[union-attr]
    result = pages.post("/assess/answer", data={"state": state, "do": "finish"})
    from pregback.knowledge import default_knowledge

    u24 = default_knowledge().rules["U24"].title
    assert "<title>Result: Urgent" in result.text and u24 in result.text
    assert "Have you had a caesarean before" not in r.text + result.text


def test_a_fact_she_gives_in_the_check_is_kept_in_her_profile(pages: Any) -> None:
    save(pages, due_date=due_for(30))
    message = "30 weeks, I have sickle cell disease, lower back pain since yesterday"
    r = pages.post("/assess", data={"message": message, "do": "read"})
    state = STATE_FIELD.search(r.text).group(1)  # type: ignore[union-attr]
    pages.post("/assess/answer", data={"state": state, "do": "finish"})
    page = pages.get("/profile").text
    assert re.search(r'id="fact-sickle_cell_disease-yes" value="yes" checked', page)
