"""The diary pages on a fresh SQLite file: CSRF on every form, the chart, the report and sign-in."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


def _token(pages: Any) -> str:
    return TOKEN.search(pages.get("/diary").text).group(1)  # type: ignore[union-attr]


def test_add_an_entry_and_see_it_on_the_chart(pages: Any) -> None:
    token = _token(pages)
    r = pages.post(
        "/diary",
        data={
            "csrf": token,
            "pain": "6",
            "locations": ["lower_back", "flank"],
            "notes": "after the school run",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/diary?saved=1")
    earlier = (datetime.now() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    pages.post("/diary", data={"csrf": token, "pain": "3", "at": earlier})
    page = pages.get("/diary").text
    assert "Pain 6/10" in page and "Pain 3/10" in page and "after the school run" in page
    assert "Lower back" in page
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<circle") >= 3  # two entries and the legend
    assert "pain from 3 to 6 out of 10" in svg
    week = pages.get("/diary?days=7").text
    assert 'aria-current="true">7 days' in week


def test_every_diary_form_needs_the_csrf_token(pages: Any) -> None:
    _token(pages)
    assert pages.post("/diary", data={"pain": "5"}).status_code == 403
    assert pages.post("/diary", data={"pain": "5", "csrf": "x" * 30}).status_code == 403
    assert pages.post("/diary/1/delete", data={}).status_code == 403
    assert pages.post("/diary/profile", data={"due_date": "2026-09-01"}).status_code == 403
    assert pages.post("/timer/save", json={"episodes": []}).status_code == 403
    assert "Pain 5/10" not in pages.get("/diary").text


def test_a_bad_entry_is_explained_and_kept_in_the_form(pages: Any) -> None:
    token = _token(pages)
    r = pages.post("/diary", data={"csrf": token, "locations": ["pelvic_girdle"]})
    assert r.status_code == 422 and "Choose how bad the pain is" in r.text
    assert 'value="pelvic_girdle" id="loc-pelvic_girdle" checked' in r.text
    future = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    r = pages.post("/diary", data={"csrf": token, "pain": "4", "at": future})
    assert r.status_code == 422 and "cannot be in the future" in r.text


def test_delete_an_entry(pages: Any) -> None:
    token = _token(pages)
    pages.post("/diary", data={"csrf": token, "pain": "7"})
    entry = re.search(r'action="/diary/(\d+)/delete"', pages.get("/diary").text).group(1)  # type: ignore[union-attr]
    r = pages.post(f"/diary/{entry}/delete", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    assert "Pain 7/10" not in pages.get("/diary").text
    assert pages.post(f"/diary/{entry}/delete", data={"csrf": token}).status_code == 404


def test_timer_waves_saved_to_the_diary_are_marked_and_in_the_report(pages: Any) -> None:
    token = _token(pages)
    pages.post("/diary", data={"csrf": token, "pain": "5"})
    now = datetime.now(UTC) - timedelta(minutes=30)
    waves = [
        {
            "start": (now + timedelta(minutes=6 * i)).isoformat(),
            "end": (now + timedelta(minutes=6 * i, seconds=45)).isoformat(),
        }
        for i in range(3)
    ]
    r = pages.post("/timer/save", json={"episodes": waves}, headers={"X-CSRF-Token": token})
    assert r.json() == {"saved": 3}
    again = pages.post("/timer/save", json={"episodes": waves}, headers={"X-CSRF-Token": token})
    assert again.json() == {"saved": 0}
    page = pages.get("/diary").text
    assert "3 timed waves marked" in page and "3 timed waves in this time" in page
    report = pages.get("/diary/report")
    assert report.status_code == 200
    assert report.headers["content-disposition"].startswith("attachment;")
    assert "script" not in report.headers["content-security-policy"]
    assert "Recent timed waves" in report.text and "<p>3 waves, every 6" in report.text
    assert "1 diary entry since" in report.text


def test_due_date_is_saved(pages: Any) -> None:
    token = _token(pages)
    due = (datetime.now() + timedelta(days=70)).date().isoformat()
    assert (
        pages.post(
            "/diary/profile", data={"csrf": token, "due_date": due}, follow_redirects=False
        ).status_code
        == 303
    )
    assert f'value="{due}"' in pages.get("/diary").text
    assert (
        pages.post("/diary/profile", data={"csrf": token, "due_date": "1999-01-01"}).status_code
        == 422
    )


def test_the_csrf_cookie_is_http_only_and_same_site(pages: Any) -> None:
    pages.cookies.clear()
    r = pages.get("/diary")
    cookie = r.headers["set-cookie"].lower()
    assert "pb_csrf=" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_a_shared_server_asks_to_sign_in(pages: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREGBACK_MULTI_USER", "1")
    r = pages.get("/diary", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/signin?next=/diary"
    assert pages.get("/diary/report", follow_redirects=False).status_code == 303
    page = pages.get("/signin")
    assert page.status_code == 200 and "<h1>Sign in</h1>" in page.text
    token = TOKEN.search(page.text)
    data = {"token": "abc", "csrf": token.group(1) if token else pages.cookies.get("pb_csrf")}
    assert pages.post("/signin", data=data).status_code in (401, 503)
    assert pages.post("/timer/save", json={"episodes": []}).status_code == 401
    assert pages.get("/assess").status_code == 200  # the check never needs an account


def test_times_are_in_her_own_time_zone(pages: Any) -> None:
    """A browser sends a time without a zone; the page reads and shows it on her own clock."""
    token = _token(pages)
    at = (datetime.now(UTC) - timedelta(days=1)).astimezone(ZoneInfo("Pacific/Auckland"))
    typed = at.strftime("%Y-%m-%dT08:15")
    pages.cookies.set("pb_tz", "Pacific/Auckland")
    pages.post("/diary", data={"csrf": token, "pain": "4", "at": typed})
    assert ", 08:15" in pages.get("/diary").text
    pages.cookies.set("pb_tz", "America/New_York")
    page = pages.get("/diary").text
    assert ", 08:15" not in page and "Pain 4/10" in page  # the same moment on another clock
    for bad in ("../../etc/passwd", "Nowhere/Atlantis", "x" * 100, "America"):
        pages.cookies.set("pb_tz", bad)
        assert pages.get("/diary").status_code == 200  # this server's own zone instead


def test_the_stores_errors_in_the_pages_words(pages: Any) -> None:
    """The store says what is wrong in neutral words; the diary page says it in its own, with no
    terminal command (issue 15.3)."""
    from pregback.errors import PregbackError
    from pregback.interfaces.web.diary import said
    from pregback.interfaces.web.storage import with_repo

    token = TOKEN.search(pages.get("/signin").text).group(1)  # type: ignore[union-attr]
    none_yet = pages.post("/diary/1/delete", data={"csrf": token})  # her diary is not made yet
    assert none_yet.status_code == 404 and "That entry was not found: your diary is empty." in (
        none_yet.text
    )
    token = _token(pages)
    pages.post("/diary", data={"csrf": token, "pain": "4"})
    unknown = pages.post("/diary/999/delete", data={"csrf": token})
    assert unknown.status_code == 404 and "That entry was not found." in unknown.text

    def edit_nothing(repo: Any) -> None:
        her = repo.require_person("me")
        repo.edit_entry(her, repo.entries(her)[0].id, {})

    with pytest.raises(PregbackError) as nothing:
        with_repo(edit_nothing)  # the pages have no edit form yet: their words are ready for one
    assert said(nothing.value) == [
        "Change at least one thing: the time, the pain, where it hurts, a symptom, what helped or "
        "the note."
    ]
    for page in (none_yet.text, unknown.text):
        main = page.split("<main", 1)[1].split("</main>", 1)[0]
        words = re.sub(r"<[^>]*>", " ", main)  # what she reads (a form token may hold "--")
        assert "pregback diary" not in words and "--" not in words
