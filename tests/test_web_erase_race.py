"""Erasing her data on a server shared by many while a web page writes to her diary (issue 14, the
pages' path; the API's is tests/test_api_erase_race.py): each write is kept, and counted by the
erase, or refused with a page that says her diary was erased; nothing is re-created."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text

from pregback.interfaces.api.app import create_app
from pregback.interfaces.web import storage
from pregback.store.models import Person
from tests.api_helpers import TestClient, assert_problem, quiet_settings

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
CODE = re.compile(r"<code>(pbk_[A-Za-z0-9_-]+)</code>")
ERASED = "Your diary was erased"


@pytest.fixture
def app(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The service as `pregback serve` runs it for many people, its pages and API on one database."""
    monkeypatch.setenv("PREGBACK_DATABASE_URL", db_url)
    monkeypatch.setenv("PREGBACK_MULTI_USER", "1")
    monkeypatch.delenv("PREGBACK_SIGNUP", raising=False)
    made = create_app(quiet_settings(database_url=db_url))
    yield made
    made.state.store.close()
    storage.close_stores()


def sign_up(app: Any) -> tuple[TestClient, str, str]:
    """Her phone signed in to a new diary: the client, her code, and the page's CSRF token."""
    phone = TestClient(app)
    page = phone.get("/signin").text
    made = phone.post("/signup", data={"csrf": CSRF.search(page).group(1), "next": "/diary"})  # type: ignore[union-attr]
    code = CODE.search(made.text).group(1)  # type: ignore[union-attr]
    token = CSRF.search(phone.get("/diary").text).group(1)  # type: ignore[union-attr]
    return phone, code, token


def people(db_url: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(Person)).scalar_one())
    finally:
        engine.dispose()


def test_diary_writes_racing_an_erase_are_counted_or_refused_never_lost(
    app: Any, db_url: str
) -> None:
    phone, code, token = sign_up(app)
    outcomes: list[str] = []

    def write() -> None:
        her = TestClient(app, cookies=dict(phone.cookies))
        for i in range(300):  # until the erase refuses it (bounded all the same)
            r = her.post(
                "/diary", data={"csrf": token, "pain": str(i % 11)}, follow_redirects=False
            )
            where = r.headers.get("location", "")
            if r.status_code == 303 and where.startswith("/diary?saved=1"):
                outcomes.append("saved")
                continue
            if r.status_code == 409 and ERASED in r.text:
                outcomes.append("erased")
            elif r.status_code == 303 and where.startswith("/signin"):
                outcomes.append("signed out")  # the erase ended her session before this write
            else:
                outcomes.append(f"{r.status_code} {where}")
            return

    writers = [threading.Thread(target=write) for _ in range(3)]
    for w in writers:
        w.start()
    while outcomes.count("saved") < 15:
        time.sleep(0.01)
    erased = TestClient(app).delete("/v1/me", headers={"Authorization": f"Bearer {code}"})
    for w in writers:
        w.join(timeout=120)
    assert erased.status_code == 200, erased.text
    assert set(outcomes) <= {"saved", "erased", "signed out"}, outcomes
    assert erased.json()["erased"]["entries"] == outcomes.count("saved")
    assert people(db_url) == 0  # no empty profile made again by a late write


WRITES: dict[str, Callable[[TestClient, str], Any]] = {
    "an entry": lambda c, t: c.post("/diary", data={"csrf": t, "pain": "4"}),
    "her due date": lambda c, t: c.post(
        "/diary/profile", data={"csrf": t, "due_date": "2026-09-30"}
    ),
    "her profile": lambda c, t: c.post(
        "/profile", data={"csrf": t, "fact.multiple_pregnancy": "yes"}
    ),
    "deleting an entry": lambda c, t: c.post("/diary/1/delete", data={"csrf": t}),
}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_that_found_her_before_the_erase_refuses_and_makes_nothing(
    app: Any, db_url: str, monkeypatch: pytest.MonkeyPatch, write: str
) -> None:
    """Her session was found before the erase committed, her write runs after it: the page says
    her diary was erased, and no empty profile is made in her place."""
    phone, code, token = sign_up(app)
    cookies = dict(phone.cookies)
    name = storage.person_for_session(cookies["pb_session"])
    assert TestClient(app).delete("/v1/me", headers={"Authorization": f"Bearer {code}"}).is_success
    monkeypatch.setattr(storage, "person_for_session", lambda secret: name)  # found before

    def late() -> TestClient:  # her phone, its cookies as they were before the erase
        return TestClient(app, cookies=cookies)

    r = WRITES[write](late(), token)
    assert r.status_code == 409 and ERASED in r.text and "nothing was saved" in r.text
    assert 'pb_session=""' in r.headers.get("set-cookie", "")  # the cookie is cleared
    waves = late().post(
        "/timer/save",
        json={"episodes": [{"start": "2026-03-01T10:00:00Z", "end": "2026-03-01T10:00:50Z"}]},
        headers={"X-CSRF-Token": token},
    )
    assert "diary was erased" in assert_problem(waves, 409, "conflict")["detail"]
    assert late().get("/diary").status_code == 409  # looking makes nothing either
    assert people(db_url) == 0


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_a_web_write_waiting_on_an_erase_is_refused(app: Any, db_url: str) -> None:
    """The erase holds her row; a page's write that found her before the erase committed waits,
    then finds her gone: the erased page, not a foreign-key error and not a new empty profile."""
    phone, _code, token = sign_up(app)
    engine = create_engine(db_url)
    answer: list[Any] = []
    try:
        with engine.begin() as conn:
            person = conn.execute(text("SELECT id FROM person")).scalar()
            conn.execute(text("SELECT id FROM person WHERE id = :p FOR UPDATE"), {"p": person})
            late = threading.Thread(
                target=lambda: answer.append(
                    phone.post("/diary", data={"csrf": token, "pain": "5"}, follow_redirects=False)
                )
            )
            late.start()
            _wait_for_a_lock_wait(engine)
            for table in ("diary_entry", "profile_fact", "api_token", "web_session", "person"):
                column = "id" if table == "person" else "person_id"
                conn.execute(text(f"DELETE FROM {table} WHERE {column} = :p"), {"p": person})
        late.join(timeout=60)
    finally:
        engine.dispose()
    assert answer, "the late write answered"
    assert answer[0].status_code == 409 and ERASED in answer[0].text
    assert people(db_url) == 0


def _wait_for_a_lock_wait(engine: Any, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    with engine.connect() as watch:
        while time.monotonic() < deadline:
            waiting = watch.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            ).scalar()
            watch.rollback()
            if waiting:
                return
            time.sleep(0.05)
    raise AssertionError("the late write never waited for her row")
