"""A server shared by many people (PREGBACK_MULTI_USER=1): each signs in, sees only her own diary,
and the session cookie and forms are safe. Also the midwife report download (HTML and PDF).
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.api_helpers import TestClient

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
CODE = re.compile(r"<code>(pbk_[A-Za-z0-9_-]+)</code>")
ENTRY_ID = re.compile(r'action="/diary/(\d+)/delete"')


@pytest.fixture
def app(multi_user: Any) -> Any:
    """The session's one app, as a server shared by many (tests/web_support.py)."""
    return multi_user


def person(app: Any) -> TestClient:
    """One person's phone: a client with a cookie jar of its own."""
    return TestClient(app)


def csrf(client: TestClient, path: str = "/signin") -> str:
    found = CSRF.search(client.get(path).text)
    assert found, f"no CSRF field on {path}"
    return found.group(1)


def sign_up(client: TestClient) -> str:
    """Make a private diary on the sign-in page; returns the code shown once."""
    page = client.post("/signup", data={"csrf": csrf(client), "next": "/diary"})
    assert page.status_code == 200 and "Your private code" in page.text
    found = CODE.search(page.text)
    assert found, "the code is shown"
    return found.group(1)


def add_entry(client: TestClient, pain: int, notes: str) -> None:
    r = client.post(
        "/diary",
        data={"csrf": csrf(client, "/diary"), "pain": str(pain), "notes": notes},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


def test_two_people_on_one_server_each_see_only_their_own_diary(app: Any) -> None:
    ana, bea = person(app), person(app)
    code_a, code_b = sign_up(ana), sign_up(bea)
    assert code_a != code_b
    add_entry(ana, 6, "Ana after the school run")
    add_entry(ana, 4, "Ana in the evening")
    add_entry(bea, 8, "Bea at work")

    page_a, page_b = ana.get("/diary").text, bea.get("/diary").text
    assert "Ana after the school run" in page_a and "Bea at work" not in page_a
    assert "Bea at work" in page_b and "Ana" not in page_b
    assert "Sign out" in page_a  # signed-in pages offer signing out

    # Ana cannot delete Bea's entry, even knowing its number.
    bea_entry = ENTRY_ID.search(page_b)
    assert bea_entry
    r = ana.post(f"/diary/{bea_entry.group(1)}/delete", data={"csrf": csrf(ana, "/diary")})
    assert r.status_code == 404
    assert "Bea at work" in bea.get("/diary").text

    # The report each downloads is her own.
    assert "2 diary entries" in ana.get("/diary/report").text
    assert "1 diary entry " in bea.get("/diary/report").text

    # Waves saved from the timer land in the diary of whoever is signed in.
    start = datetime.now(UTC) - timedelta(minutes=20)
    waves = [
        {
            "start": (start + timedelta(minutes=5 * i)).isoformat(),
            "end": (start + timedelta(minutes=5 * i, seconds=50)).isoformat(),
        }
        for i in range(3)
    ]
    token = csrf(bea, "/diary")
    saved = bea.post("/timer/save", json={"episodes": waves}, headers={"X-CSRF-Token": token})
    assert saved.json() == {"saved": 3}
    assert "3 timed waves in this time" in bea.get("/diary").text
    assert "0 timed waves in this time" in ana.get("/diary").text


def test_a_code_from_the_api_signs_in_and_signing_out_ends_the_session(app: Any) -> None:
    api = TestClient(app)
    token = api.post("/v1/signup", json={"label": "clinic"}).json()["token"]
    r = api.post(
        "/v1/me/entries",
        json={"pain": 5, "notes": "written through the API"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 201, r.text

    phone = person(app)
    assert phone.get("/diary", follow_redirects=False).headers["location"] == (
        "/signin?next=/diary"
    )
    wrong = phone.post("/signin", data={"csrf": csrf(phone), "token": "pbk_" + "x" * 43})
    assert wrong.status_code == 401 and "did not work" in wrong.text
    assert "pb_session" not in phone.cookies

    r = phone.post(
        "/signin",
        data={"csrf": csrf(phone), "token": f"  {token} ", "next": "/diary"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/diary"
    cookie = r.headers["set-cookie"].lower()
    assert "pb_session=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    assert "written through the API" in phone.get("/diary").text

    out = phone.post("/signout", data={"csrf": csrf(phone, "/diary")}, follow_redirects=False)
    assert out.status_code == 303
    assert phone.get("/diary", follow_redirects=False).status_code == 303
    assert "You are signed out" in phone.get("/signin?signed_out=1").text


def test_an_erased_account_is_signed_out_of_the_web_pages(app: Any) -> None:
    phone = person(app)
    code = sign_up(phone)
    add_entry(phone, 3, "soon gone")
    erased = TestClient(app).delete("/v1/me", headers={"Authorization": f"Bearer {code}"})
    assert erased.status_code == 200
    assert phone.get("/diary", follow_redirects=False).status_code == 303


def test_sign_in_and_sign_up_forms_need_the_csrf_token(app: Any) -> None:
    phone = person(app)
    csrf(phone)  # she has a CSRF cookie, but a forged form does not carry its value
    assert phone.post("/signup", data={"next": "/diary"}).status_code == 403
    assert phone.post("/signin", data={"token": "pbk_abc"}).status_code == 403
    assert phone.post("/signout", data={}).status_code == 403
    assert "pb_session" not in phone.cookies


def test_closed_sign_up_offers_no_new_diary(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREGBACK_SIGNUP", "0")
    phone = person(app)
    page = phone.get("/signin").text
    assert "Make my private diary" not in page and "Ask your maternity team" in page
    r = phone.post("/signup", data={"csrf": csrf(phone)})
    assert r.status_code == 403 and "pb_session" not in phone.cookies


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_after_sign_in_she_stays_on_this_site(app: Any, target: str) -> None:
    phone = person(app)
    code = sign_up(phone)
    phone.cookies.clear()
    assert f'value="{target}"' not in phone.get(f"/signin?next={target}").text
    r = phone.post(
        "/signin",
        data={"csrf": csrf(phone), "token": code, "next": target},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/diary"


def test_the_check_and_timer_never_need_an_account(app: Any) -> None:
    phone = person(app)
    assert phone.get("/assess").status_code == 200
    assert phone.get("/timer").status_code == 200
    assert phone.post("/timer/save", json={"episodes": []}).status_code == 401


# ---------------------------------------------------------------- the report for her midwife


@pytest.fixture
def personal(pages: TestClient) -> TestClient:
    """Her own install (tests/web_support.py)."""
    return pages


def _due_in(days: int) -> str:
    return (datetime.now() + timedelta(days=days)).date().isoformat()


def test_the_report_download_is_the_midwife_summary(personal: TestClient) -> None:
    token = csrf(personal, "/diary")
    personal.post("/diary/profile", data={"csrf": token, "due_date": _due_in(7 * 8)})
    add_entry(personal, 6, "worse at night")
    report = personal.get("/diary/report")
    assert report.status_code == 200
    assert report.headers["content-disposition"].startswith("attachment;")
    assert "script" not in report.headers["content-security-policy"]
    text = report.text
    assert "a summary for your midwife" in text and "week 32+0" in text
    assert "Latest assessment" in text and "1 diary entry" in text
    assert "<svg" in text and "api-" not in text


def _weasyprint() -> None:
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError):
        pytest.skip("the PDF needs WeasyPrint and Pango (pip install '.[pdf]')")


def test_without_weasyprint_the_pdf_link_opens_a_page_that_says_why(
    personal: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as on a server without the pdf extra
    add_entry(personal, 5, "after a long walk")
    link = re.search(r'<a [^>]*href="/diary/report.pdf"[^>]*>', personal.get("/diary").text)
    assert link is not None
    # A `download` link would save this page as a failed download instead of showing it.
    assert "download" not in link.group()
    r = personal.get("/diary/report.pdf")
    assert r.status_code == 503 and r.headers["content-type"].startswith("text/html")
    assert "content-disposition" not in r.headers
    assert "The PDF cannot be made here" in r.text and "/diary#report-h" in r.text


def test_the_report_downloads_as_a_pdf(personal: TestClient) -> None:
    _weasyprint()
    add_entry(personal, 5, "after a long walk")
    r = personal.get("/diary/report.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == 'attachment; filename="pregback-report.pdf"'
    assert r.content.startswith(b"%PDF-")
