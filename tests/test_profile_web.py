"""Her profile page and the web timer that knows her week: the facts shown with their plain labels
and questions, set yes / no / not sure with CSRF, errors in words; the timer page and its verdict
use her saved week and facts, watch only the rules of that week, and call with the locale's
numbers. A fresh SQLite file each test, on a personal install."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pregback.interfaces.web.storage import close_stores
from pregback.knowledge import default_knowledge
from tests.web_support import web_client

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
START = datetime(2026, 3, 1, 10, 0)


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("PREGBACK_DATABASE_URL", str(tmp_path / "profile.db"))
    monkeypatch.delenv("PREGBACK_MULTI_USER", raising=False)
    monkeypatch.delenv("PREGBACK_UNIT_PHONE", raising=False)
    with web_client() as c:
        yield c
    close_stores()


def token(client: Any) -> str:
    return TOKEN.search(client.get("/profile").text).group(1)  # type: ignore[union-attr]


def save(client: Any, status: int = 303, **fields: str) -> Any:
    r = client.post("/profile", data={"csrf": token(client), **fields}, follow_redirects=False)
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


def test_the_profile_page_asks_every_fact_in_plain_words(client: Any, tmp_path: Path) -> None:
    page = client.get("/timer").text  # looking at the timer creates nothing
    assert not (tmp_path / "profile.db").exists()
    page = client.get("/profile").text
    kb = default_knowledge()
    for sym in kb.symptoms.values():
        if sym.profile:
            assert sym.label in page and f'name="fact.{sym.id}"' in page
            assert sym.question.split("?")[0].replace("'", "&#39;") in page
    assert 'name="since.recent_spinal_procedure"' in page


def test_facts_are_set_shown_and_changed(client: Any) -> None:
    save(
        client,
        due_date=due_for(30),
        **{"fact.previous_caesarean": "yes", "fact.multiple_pregnancy": "no"},
    )
    page = client.get("/profile?saved=1").text
    assert "Your profile is saved." in page and "30+0 weeks pregnant today" in page
    assert re.search(r'id="fact-previous_caesarean-yes" value="yes" checked', page)
    assert re.search(r'id="fact-multiple_pregnancy-no" value="no" checked', page)
    assert re.search(r'id="fact-low_lying_placenta-not_sure" value="not_sure" checked', page)
    save(client, **{"fact.previous_caesarean": "not_sure"})
    assert re.search(
        r'id="fact-previous_caesarean-not_sure" value="not_sure" checked',
        client.get("/profile").text,
    )


def test_a_bad_answer_is_explained_and_nothing_changes(client: Any) -> None:
    r = save(
        client,
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
        r'id="fact-previous_caesarean-yes" value="yes" checked', client.get("/profile").text
    )
    forged = client.post("/profile", data={"csrf": "nope", "fact.given_birth": "yes"})
    assert forged.status_code == 403


def test_the_timer_page_knows_her_week_and_watches_only_its_rules(client: Any) -> None:
    page = client.get("/timer").text
    assert "week not known" in page and "Frequent waves before 37 weeks" in page
    save(client, due_date=due_for(39), **{"fact.first_pregnancy": "yes"})
    page = client.get("/timer").text
    assert "Your week: 39+0 weeks (from your due date)" in page
    assert "Established labour at term (5-1-1)" in page
    assert "Frequent waves before 37 weeks" not in page
    assert 'data-first="yes"' in page


def test_the_verdict_uses_her_saved_week_and_calls_with_the_locales_number(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = default_knowledge()
    save(client, due_date=due_for(31))
    r = client.post("/timer/verdict", json={"episodes": waves(8, 3)}).json()
    assert r["urgency"] == "urgent" and "Frequent waves before 37 weeks" in [
        x["title"] for x in r["reasons"]
    ]
    assert r["alert"] is kb.service["urgent"].timer_alert is True
    assert r["week"] == "31+0 weeks (from your due date)"
    assert [w["id"] for w in r["watching"]][:2] == ["U5", "U8"]
    assert r["calls"][0]["href"] == f"tel:{kb.locale.advice_number}"
    monkeypatch.setenv("PREGBACK_UNIT_PHONE", "01632 960 000")
    r = client.post("/timer/verdict", json={"episodes": waves(8, 3)}).json()
    assert [c["href"] for c in r["calls"]][:1] == ["tel:01632960000"]
    term = client.post("/timer/verdict", json={"episodes": waves(8, 3), "weeks": 39}).json()
    assert term["week"] == "39 weeks (as you said)"  # what she says wins over her due date
    assert "U5" not in [w["id"] for w in term["watching"]]


def test_a_term_first_labour_before_5_1_1_raises_no_alert(client: Any) -> None:
    save(client, due_date=due_for(39), **{"fact.first_pregnancy": "yes"})
    r = client.post("/timer/verdict", json={"episodes": waves(6, 8, 50)}).json()
    assert r["alert"] is False and r["labour"] is True and r["urgency"] == "self_care"


def test_after_the_birth_the_timer_uses_no_week(client: Any) -> None:
    save(client, due_date=due_for(31), **{"fact.given_birth": "yes"})
    page = client.get("/timer").text
    assert "after the birth: no week of pregnancy" in page
    r = client.post("/timer/verdict", json={"episodes": waves(8, 3)}).json()
    assert r["watching"] == [] and "U5" not in [x["title"] for x in r["reasons"]]
    assert r["alert"] is False and r["week"].startswith("after the birth")


STATE_FIELD = re.compile(r'name="state" value="([^"]+)"')


def test_the_check_starts_from_her_saved_profile(client: Any) -> None:
    """A caesarean kept in her profile counts at once: labour at term is urgent (U24) without the
    check asking about the scar again (issue 12: her risk profile, asked once)."""
    save(client, due_date=due_for(39), **{"fact.previous_caesarean": "yes"})
    message = "first baby, contractions every 12 minutes for an hour, back aches with each one"
    r = client.post("/assess", data={"message": message, "do": "read"})
    state = STATE_FIELD.search(r.text).group(1)  # type: ignore[union-attr]
    result = client.post("/assess/answer", data={"state": state, "do": "finish"})
    from pregback.knowledge import default_knowledge

    u24 = default_knowledge().rules["U24"].title
    assert "<title>Result: Urgent" in result.text and u24 in result.text
    assert "Have you had a caesarean before" not in r.text + result.text


def test_a_fact_she_gives_in_the_check_is_kept_in_her_profile(client: Any) -> None:
    save(client, due_date=due_for(30))
    message = "30 weeks, I have sickle cell disease, lower back pain since yesterday"
    r = client.post("/assess", data={"message": message, "do": "read"})
    state = STATE_FIELD.search(r.text).group(1)  # type: ignore[union-attr]
    client.post("/assess/answer", data={"state": state, "do": "finish"})
    page = client.get("/profile").text
    assert re.search(r'id="fact-sickle_cell_disease-yes" value="yes" checked', page)
