"""Erasing her data is atomic on SQLite and PostgreSQL alike: writes racing the erase get a clear
4xx (never a 503 from a foreign key), and the erase reports exactly what it removed."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pregback.interfaces.api.app import create_app
from tests.api_helpers import TestClient, assert_problem, quiet_settings, signup


@pytest.fixture
def app(db_url: str) -> Iterator[Any]:
    made = create_app(quiet_settings(database_url=db_url))
    yield made
    made.state.store.close()


def test_writes_racing_an_erase_are_counted_or_refused_never_lost(app: Any) -> None:
    owner = TestClient(app)
    her = signup(owner)
    statuses: list[int] = []

    def write() -> None:
        client = TestClient(app)
        for i in range(300):  # until the erase refuses it (bounded all the same)
            r = client.post("/v1/me/entries", headers=her, json={"pain": i % 11})
            statuses.append(r.status_code)
            if r.status_code != 201:
                return

    writers = [threading.Thread(target=write) for _ in range(3)]
    for w in writers:
        w.start()
    while statuses.count(201) < 15:
        time.sleep(0.01)
    erased = owner.delete("/v1/me", headers=her)
    for w in writers:
        w.join(timeout=120)
    assert erased.status_code == 200, erased.text
    assert set(statuses) <= {201, 401, 409}, statuses
    assert erased.json()["erased"]["entries"] == statuses.count(201)
    assert_problem(owner.get("/v1/me/entries", headers=her), 401, "unauthorized")


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_a_write_waiting_on_an_erase_is_a_409(app: Any, db_url: str) -> None:
    """The erase holds her row; a write that found her token before the erase committed waits,
    then finds her gone: 409, not a foreign-key error."""
    from sqlalchemy import create_engine, text

    client = TestClient(app)
    her = signup(client)
    assert client.post("/v1/me/entries", headers=her, json={"pain": 2}).status_code == 201
    engine = create_engine(db_url)
    answer: list[Any] = []
    try:
        with engine.begin() as conn:
            person = conn.execute(text("SELECT id FROM person WHERE name LIKE 'api-%'")).scalar()
            conn.execute(text("SELECT id FROM person WHERE id = :p FOR UPDATE"), {"p": person})
            late = threading.Thread(
                target=lambda: answer.append(
                    TestClient(app).post("/v1/me/entries", headers=her, json={"pain": 5})
                )
            )
            late.start()
            _wait_for_a_lock_wait(engine)
            for table in ("diary_entry", "api_token", "web_session"):
                conn.execute(text(f"DELETE FROM {table} WHERE person_id = :p"), {"p": person})
            conn.execute(text("DELETE FROM person WHERE id = :p"), {"p": person})
        late.join(timeout=60)
    finally:
        engine.dispose()
    assert answer, "the late write answered"
    assert_problem(answer[0], 409, "conflict")


def _wait_for_a_lock_wait(engine: Any, seconds: float = 30) -> None:
    from sqlalchemy import text

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


def test_the_erase_reports_what_it_removed(app: Any, tmp_path: Path) -> None:
    client = TestClient(app)
    her = signup(client)
    for pain in (3, 4, 5):
        assert client.post("/v1/me/entries", headers=her, json={"pain": pain}).status_code == 201
    wave = {"start": "2026-11-23T08:00:00Z", "end": "2026-11-23T08:00:50Z"}
    assert client.post("/v1/me/episodes", headers=her, json=wave).status_code == 201
    assert client.post("/v1/me/assess", headers=her, json={"findings": {}}).status_code == 200
    erased = client.delete("/v1/me", headers=her).json()["erased"]
    assert erased == {
        "entries": 3,
        "episodes": 1,
        "assessments": 1,
        "tokens": 1,
        "sessions": 0,
        "profile": 1,
    }
