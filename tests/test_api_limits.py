"""One person cannot starve the others: a message is read once per request, off the event loop and
within a time budget; each person's diary has a quota (entries, waves, saved assessments)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import pregback.core.reading
from pregback.interfaces.api.app import create_app
from tests.api_helpers import TestClient, assert_problem, quiet_settings, signup

MESSAGE = {"message": "I am 33 weeks, my lower back aches in waves every 8 minutes, no bleeding"}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Any]:
    made = create_app(
        quiet_settings(
            database_url=f"sqlite:///{tmp_path / 'q.db'}",
            quota_entries=3,
            quota_waves=2,
            quota_assessments=1,
        )
    )
    yield made
    made.state.store.close()
    made.state.readers.close()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/assess", MESSAGE),
        ("/v1/read", MESSAGE),
        ("/v1/interview", MESSAGE),
        ("/v1/me/assess", MESSAGE),
    ],
)
def test_a_message_is_read_once_per_request(
    app: Any, monkeypatch: pytest.MonkeyPatch, path: str, body: dict[str, Any]
) -> None:
    calls: list[str] = []
    real = pregback.core.reading.read

    def counted(message: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(message)
        return real(message, *args, **kwargs)

    monkeypatch.setattr(pregback.core.reading, "read", counted)
    client = TestClient(app)
    r = client.post(path, json=body, headers=signup(client))
    assert r.status_code == 200, r.text
    assert calls == [MESSAGE["message"]]


def _blocking_read(monkeypatch: pytest.MonkeyPatch, seconds: float) -> threading.Event:
    """Reading now waits until the event is set (at the latest after `seconds`)."""
    release = threading.Event()
    real = pregback.core.reading.read

    def slow(message: str, *args: Any, **kwargs: Any) -> Any:
        release.wait(seconds)
        return real(message, *args, **kwargs)

    monkeypatch.setattr(pregback.core.reading, "read", slow)
    return release


def test_reading_runs_off_the_event_loop(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """While one request's message is being read, the same event loop answers another at once."""
    release = _blocking_read(monkeypatch, 5.0)
    timer = threading.Timer(3.0, release.set)  # so that an inline read cannot hang the test

    async def scenario() -> tuple[float, float, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
            started = time.monotonic()
            timer.start()
            slow = asyncio.create_task(c.post("/v1/read", json=MESSAGE))
            await asyncio.sleep(0.2)  # the read has begun (and waits)
            probe = await c.get("/health")
            probe_at = time.monotonic() - started
            release.set()
            done = await slow
            return probe_at, time.monotonic() - started, probe.status_code + done.status_code

    probe_at, _, statuses = asyncio.run(scenario())
    timer.cancel()
    assert statuses == 400, "both answered 200"
    assert probe_at < 2.0, f"the probe waited for the read ({probe_at:.2f} s)"


def test_a_read_past_the_budget_is_a_503_with_retry_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hurried = create_app(
        quiet_settings(database_url=f"sqlite:///{tmp_path / 'b.db'}", read_seconds=1)
    )
    release = _blocking_read(monkeypatch, 3.0)
    try:
        r = TestClient(hurried).post("/v1/assess", json=MESSAGE)
    finally:
        release.set()
        hurried.state.readers.close()
    body = assert_problem(r, 503, "busy")
    assert r.headers["retry-after"] == "5" and "1 seconds" in body["detail"]


def test_her_diary_has_a_quota_of_entries(app: Any) -> None:
    client = TestClient(app)
    her = signup(client)
    made = [client.post("/v1/me/entries", headers=her, json={"pain": p}) for p in (1, 2, 3)]
    assert [r.status_code for r in made] == [201, 201, 201]
    full = client.post("/v1/me/entries", headers=her, json={"pain": 4})
    body = assert_problem(full, 413, "quota_exceeded")
    assert body["errors"][0]["field"] == "entries" and "at most 3" in body["detail"]
    other = signup(client)
    assert client.post("/v1/me/entries", headers=other, json={"pain": 4}).status_code == 201
    assert client.delete(f"/v1/me/entries/{made[0].json()['id']}", headers=her).status_code == 204
    assert client.post("/v1/me/entries", headers=her, json={"pain": 4}).status_code == 201


def test_her_diary_has_a_quota_of_waves(app: Any) -> None:
    client = TestClient(app)
    her = signup(client)
    for minute in (0, 5):
        wave = {
            "start": f"2026-11-23T08:{minute:02d}:00Z",
            "end": f"2026-11-23T08:{minute:02d}:50Z",
        }
        assert client.post("/v1/me/episodes", headers=her, json=wave).status_code == 201
    wave = {"start": "2026-11-23T08:10:00Z", "end": "2026-11-23T08:10:50Z"}
    assert_problem(client.post("/v1/me/episodes", headers=her, json=wave), 413, "quota_exceeded")
    assert_problem(client.post("/v1/me/episodes/start", headers=her), 413, "quota_exceeded")


def test_an_assessment_past_the_quota_is_given_but_not_kept(app: Any) -> None:
    client = TestClient(app)
    her = signup(client)
    first = client.post("/v1/me/assess", headers=her, json={"findings": {}}).json()
    assert first["saved"] is not None
    second = client.post("/v1/me/assess", headers=her, json={"findings": {}})
    assert second.status_code == 200 and second.json()["urgency"]
    assert second.json()["saved"] is None
    assert any("was not saved" in n for n in second.json()["notes"])


def test_the_web_diary_and_timer_keep_to_the_quota(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pregback.interfaces.web.storage import close_stores
    from tests.test_web_accounts import csrf

    monkeypatch.setenv("PREGBACK_DATABASE_URL", str(tmp_path / "web.db"))
    monkeypatch.setenv("PREGBACK_QUOTA_ENTRIES", "1")
    monkeypatch.setenv("PREGBACK_QUOTA_WAVES", "1")
    monkeypatch.delenv("PREGBACK_MULTI_USER", raising=False)
    try:
        phone = TestClient(create_app())
        token = csrf(phone, "/diary")
        ok = phone.post("/diary", data={"csrf": token, "pain": "3"}, follow_redirects=False)
        assert ok.status_code == 303
        full = phone.post("/diary", data={"csrf": token, "pain": "4"})
        assert full.status_code == 413 and "Your diary is full" in full.text
        waves = [
            {"start": f"2026-11-23T08:{m:02d}:00Z", "end": f"2026-11-23T08:{m:02d}:50Z"}
            for m in (0, 5)
        ]
        r = phone.post("/timer/save", json={"episodes": waves}, headers={"X-CSRF-Token": token})
        assert_problem(r, 413, "quota_exceeded")
    finally:
        close_stores()
