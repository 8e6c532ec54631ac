"""Web sessions of their own (PREGBACK_MULTI_USER=1): the cookie is not the API token, signing out
ends the session on the server (a copied cookie opens nothing after it), sessions expire, and she
can list her sessions and end each one, on the web and through the API; erasing ends them all."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from pregback.interfaces.web.storage import store
from pregback.store.models import utcnow
from tests.api_helpers import TestClient, assert_problem

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
CODE = re.compile(r"<code>(pbk_[A-Za-z0-9_-]+)</code>")
END = re.compile(r'action="/sessions/(\d+)/end"')
PHONE = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
LAPTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.fixture
def app(multi_user: Any) -> Any:
    """The session's one app, as a server shared by many (tests/web_support.py)."""
    return multi_user


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def device(app: Any, agent: str = PHONE) -> TestClient:
    return TestClient(app, headers={"user-agent": agent})


def csrf(client: TestClient, path: str = "/signin") -> str:
    found = CSRF.search(client.get(path).text)
    assert found, f"no CSRF field on {path}"
    return found.group(1)


def sign_up(client: TestClient) -> str:
    page = client.post("/signup", data={"csrf": csrf(client), "next": "/diary"})
    found = CODE.search(page.text)
    assert page.status_code == 200 and found, page.text[:500]
    return found.group(1)


def sign_in(client: TestClient, code: str) -> None:
    r = client.post(
        "/signin",
        data={"csrf": csrf(client), "token": code, "next": "/diary"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[:300]


def opens_diary(app: Any, cookie: str) -> bool:
    stranger = TestClient(app)
    stranger.cookies.set("pb_session", cookie)
    return stranger.get("/diary", follow_redirects=False).status_code == 200


def test_the_cookie_is_a_session_of_its_own_not_the_api_token(app: Any) -> None:
    phone = device(app)
    code = sign_up(phone)
    cookie = phone.cookies["pb_session"]
    assert cookie != code and cookie.startswith("pbs_")
    assert opens_diary(app, cookie)
    assert not opens_diary(app, code), "the API token is for the API, not a web cookie"
    with store().session() as s:
        her = s.execute(
            text("SELECT person_id FROM api_token WHERE token_hash = :h"), {"h": _digest(code)}
        ).scalar_one()
        kept = list(
            s.execute(
                text("SELECT secret_hash FROM web_session WHERE person_id = :p"), {"p": her}
            ).scalars()
        )
    assert kept == [_digest(cookie)], "only the secret's hash is kept"


def test_signing_out_ends_the_session_even_for_a_copied_cookie(app: Any) -> None:
    phone = device(app)
    sign_up(phone)
    copied = phone.cookies["pb_session"]
    assert opens_diary(app, copied)
    out = phone.post("/signout", data={"csrf": csrf(phone, "/diary")}, follow_redirects=False)
    assert out.status_code == 303
    assert not opens_diary(app, copied), "a cookie copied before sign-out opens nothing after it"
    assert phone.get("/diary", follow_redirects=False).headers["location"] == "/signin?next=/diary"


def test_a_session_ends_when_it_expires(app: Any) -> None:
    from sqlalchemy import update

    from pregback.store.models import WebSession

    phone = device(app)
    sign_up(phone)
    cookie = phone.cookies["pb_session"]
    with store().session() as s:
        row = s.query(WebSession).filter_by(secret_hash=_digest(cookie)).one()
        assert timedelta(days=6) < row.expires_at - utcnow() <= timedelta(days=7)
        s.execute(
            update(WebSession)
            .where(WebSession.id == row.id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert not opens_diary(app, cookie)


def test_she_lists_her_sessions_and_ends_one_on_the_web(app: Any) -> None:
    phone, laptop = device(app, PHONE), device(app, LAPTOP)
    code = sign_up(phone)
    sign_in(laptop, code)
    page = phone.get("/sessions")
    assert page.status_code == 200
    assert "Chrome on Android" in page.text and "Firefox on Windows" in page.text
    assert "this device" in page.text and "pbs_" not in page.text
    ids = END.findall(page.text)
    assert len(ids) == 2
    laptop_id = next(i for i in ids if f'/sessions/{i}/end"' in laptop.get("/sessions").text)
    mine = [i for i in ids if i != laptop_id]
    # The laptop's own page marks the laptop as this device; end it from the phone.
    r = phone.post(
        f"/sessions/{laptop_id}/end",
        data={"csrf": csrf(phone, "/sessions")},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/sessions?ended=1"
    assert laptop.get("/diary", follow_redirects=False).status_code == 303
    assert phone.get("/diary", follow_redirects=False).status_code == 200
    assert END.findall(phone.get("/sessions").text) == mine
    # Someone else cannot end her session, even knowing its number.
    other = device(app)
    sign_up(other)
    r = other.post(f"/sessions/{mine[0]}/end", data={"csrf": csrf(other, "/sessions")})
    assert r.status_code == 404
    assert phone.get("/diary", follow_redirects=False).status_code == 200
    assert phone.post("/sessions/1/end", data={}).status_code == 403  # no CSRF token


def test_she_lists_and_ends_sessions_through_the_api(app: Any) -> None:
    phone, laptop = device(app, PHONE), device(app, LAPTOP)
    code = sign_up(phone)
    sign_in(laptop, code)
    api = TestClient(app)
    bearer = {"Authorization": f"Bearer {code}"}
    listed = api.get("/v1/me/sessions", headers=bearer)
    assert listed.status_code == 200
    sessions = listed.json()["sessions"]
    assert {s["label"] for s in sessions} == {"Chrome on Android", "Firefox on Windows"}
    assert all(
        set(s) == {"id", "label", "created_at", "last_seen_at", "expires_at", "current"}
        for s in sessions
    )
    assert "pbs_" not in listed.text and "hash" not in listed.text
    laptop_id = next(s["id"] for s in sessions if s["label"].startswith("Firefox"))
    assert api.delete(f"/v1/me/sessions/{laptop_id}", headers=bearer).status_code == 204
    assert laptop.get("/diary", follow_redirects=False).status_code == 303
    assert phone.get("/diary", follow_redirects=False).status_code == 200
    assert_problem(api.delete(f"/v1/me/sessions/{laptop_id}", headers=bearer), 404, "not_found")
    stranger = {"Authorization": f"Bearer {sign_up(device(app))}"}
    phone_id = next(s["id"] for s in sessions if s["label"].startswith("Chrome"))
    assert_problem(api.delete(f"/v1/me/sessions/{phone_id}", headers=stranger), 404, "not_found")
    assert phone.get("/diary", follow_redirects=False).status_code == 200
    assert_problem(api.get("/v1/me/sessions"), 401, "unauthorized")


def test_erasing_her_data_ends_every_session_and_says_so(app: Any) -> None:
    phone, laptop = device(app, PHONE), device(app, LAPTOP)
    code = sign_up(phone)
    sign_in(laptop, code)
    cookies = [phone.cookies["pb_session"], laptop.cookies["pb_session"]]
    erased = TestClient(app).delete("/v1/me", headers={"Authorization": f"Bearer {code}"})
    assert erased.status_code == 200
    assert erased.json()["erased"] == {
        "entries": 0,
        "episodes": 0,
        "assessments": 0,
        "tokens": 1,
        "sessions": 2,
        "profile": 1,
    }
    assert not any(opens_diary(app, c) for c in cookies)


def test_a_personal_install_has_no_sessions_to_list(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREGBACK_MULTI_USER")
    page = TestClient(app).get("/sessions")
    assert page.status_code == 200 and "no sign-in" in page.text
