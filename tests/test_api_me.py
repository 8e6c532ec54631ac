"""Her own data under /v1/me: only with her token, never another person's, and all of it erased on
request. Tokens are stored hashed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from pregback.interfaces.cli.app import app as cli_app
from tests.api_helpers import TestClient, assert_problem, quiet_settings


def _ago(minutes: float) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/me"),
        ("PATCH", "/v1/me"),
        ("DELETE", "/v1/me"),
        ("GET", "/v1/me/entries"),
        ("POST", "/v1/me/entries"),
        ("GET", "/v1/me/entries/1"),
        ("PATCH", "/v1/me/entries/1"),
        ("DELETE", "/v1/me/entries/1"),
        ("GET", "/v1/me/episodes"),
        ("POST", "/v1/me/episodes"),
        ("POST", "/v1/me/episodes/start"),
        ("POST", "/v1/me/episodes/end"),
        ("DELETE", "/v1/me/episodes/1"),
        ("POST", "/v1/me/assess"),
        ("GET", "/v1/me/assessments/latest"),
    ],
)
def test_every_me_endpoint_refuses_no_token_and_a_wrong_token(
    client: TestClient, method: str, path: str
) -> None:
    r = client.request(method, path, json={"pain": 3})
    assert_problem(r, 401, "unauthorized")
    assert r.headers["www-authenticate"].startswith("Bearer")
    wrong = client.request(
        method, path, json={"pain": 3}, headers={"Authorization": "Bearer pbk_not-a-real-token"}
    )
    assert_problem(wrong, 401, "unauthorized")
    assert "invalid_token" in wrong.headers["www-authenticate"]
    basic = client.request(method, path, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert_problem(basic, 401, "unauthorized")


def test_her_diary_round_trip(client: TestClient, alice: dict[str, str]) -> None:
    r = client.post(
        "/v1/me/entries",
        headers=alice,
        json={
            "at": _ago(30),
            "pain": 6,
            "locations": ["lower_back"],
            "symptoms": ["sleep_disturbed"],
            "helped": ["warm bath"],
            "notes": "worse after work",
        },
    )
    assert r.status_code == 201, r.text
    made = r.json()
    assert (
        made["pain"] == 6
        and made["locations"] == ["lower_back"]
        and made["notes"] == "worse after work"
    )
    assert client.get(f"/v1/me/entries/{made['id']}", headers=alice).json() == made
    edited = client.patch(f"/v1/me/entries/{made['id']}", headers=alice, json={"pain": 4}).json()
    assert edited["pain"] == 4 and edited["notes"] == "worse after work"
    listed = client.get("/v1/me/entries", headers=alice).json()["entries"]
    assert [e["id"] for e in listed] == [made["id"]]
    assert client.delete(f"/v1/me/entries/{made['id']}", headers=alice).status_code == 204
    assert_problem(client.get(f"/v1/me/entries/{made['id']}", headers=alice), 404, "not_found")


def test_bad_diary_input_names_the_field(client: TestClient, alice: dict[str, str]) -> None:
    body = assert_problem(
        client.post("/v1/me/entries", headers=alice, json={"pain": 12, "symptoms": ["nope"]}), 422
    )
    assert {"#/pain", "#/symptoms"} <= {e["pointer"] for e in body["errors"]}
    future = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    assert_problem(
        client.post("/v1/me/entries", headers=alice, json={"pain": 2, "at": future}), 422
    )
    assert_problem(
        client.post("/v1/me/entries", headers=alice, json={"pain": 2, "mood": "fine"}),
        422,
        "invalid_request",
    )
    assert_problem(
        client.patch("/v1/me", headers=alice, json={"today": "2026-01-01"}), 422, "invalid_request"
    )


def test_another_persons_data_is_refused(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    entry = client.post(
        "/v1/me/entries", headers=alice, json={"pain": 5, "notes": "Alice's note"}
    ).json()
    wave = client.post(
        "/v1/me/episodes", headers=alice, json={"start": _ago(10), "end": _ago(9)}
    ).json()
    for method, path in (
        ("GET", f"/v1/me/entries/{entry['id']}"),
        ("PATCH", f"/v1/me/entries/{entry['id']}"),
        ("DELETE", f"/v1/me/entries/{entry['id']}"),
        ("DELETE", f"/v1/me/episodes/{wave['id']}"),
    ):
        r = client.request(method, path, headers=bob, json={"pain": 1})
        assert_problem(r, 404, "not_found")
        assert "Alice" not in r.text
    assert client.get("/v1/me/entries", headers=bob).json()["entries"] == []
    assert client.get("/v1/me/episodes", headers=bob).json()["episodes"] == []
    assert (
        client.get(f"/v1/me/entries/{entry['id']}", headers=alice).json()["pain"] == 5
    )  # untouched
    assert client.get("/v1/me/episodes", headers=alice).json()["episodes"] == [wave]


def test_timer_and_waves(client: TestClient, alice: dict[str, str]) -> None:
    started = client.post("/v1/me/episodes/start", headers=alice, json={"at": _ago(2)})
    assert started.status_code == 201 and started.json()["end"] is None
    # One wave at a time: a clash with her diary as it is, not a malformed request.
    assert_problem(client.post("/v1/me/episodes/start", headers=alice), 409, "conflict")
    ended = client.post("/v1/me/episodes/end", headers=alice)
    assert ended.status_code == 200 and ended.json()["end"] is not None
    overlap = client.post(
        "/v1/me/episodes", headers=alice, json={"start": _ago(1.5), "end": _ago(1)}
    )
    assert_problem(overlap, 409, "conflict")
    waves = client.get("/v1/me/episodes", headers=alice).json()["episodes"]
    assert len(waves) == 1 and waves[0]["id"] == started.json()["id"]


def test_assess_uses_her_profile_and_diary_and_saves_the_result(
    client: TestClient, alice: dict[str, str]
) -> None:
    due = (datetime.now(UTC) + timedelta(weeks=8)).date().isoformat()
    profile = client.patch("/v1/me", headers=alice, json={"due_date": due, "first_pregnancy": True})
    assert profile.status_code == 200 and profile.json()["due_date"] == due
    client.post(
        "/v1/me/entries",
        headers=alice,
        json={"at": _ago(60), "pain": 7, "locations": ["lower_back"]},
    )
    r = client.post(
        "/v1/me/assess", headers=alice, json={"findings": {"symptoms": {"fever": "absent"}}}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert 31 <= body["findings"]["gestational_weeks"] <= 32  # from her due date
    assert body["findings"]["symptoms"]["fever"] == "absent" and body["saved"]["id"]
    latest = client.get("/v1/me/assessments/latest", headers=alice).json()
    assert latest["id"] == body["saved"]["id"] and latest["urgency"] == body["urgency"]
    assert_problem(
        client.post("/v1/me/assess", headers=alice, json={"findings": {"pain_severity": -1}}),
        422,
        "invalid_findings",
    )


def test_erase_removes_everything_and_the_token(
    client: TestClient, alice: dict[str, str], bob: dict[str, str], api_db: str
) -> None:
    client.post("/v1/me/entries", headers=alice, json={"pain": 3, "notes": "to be erased"})
    client.post("/v1/me/episodes", headers=alice, json={"start": _ago(5), "end": _ago(4)})
    client.post("/v1/me/assess", headers=alice, json={"findings": {}})
    client.post("/v1/me/entries", headers=bob, json={"pain": 2})
    person = client.get("/v1/me", headers=alice).json()["person"]
    r = client.delete("/v1/me", headers=alice)
    assert r.status_code == 200
    erased = r.json()["erased"]
    assert (
        erased["entries"] == 1
        and erased["episodes"] == 1
        and erased["assessments"] == 1
        and erased["tokens"] == 1
    )
    assert_problem(client.get("/v1/me", headers=alice), 401, "unauthorized")
    engine = create_engine(api_db)
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM person WHERE uid = :u"), {"u": person}).scalar()
            == 0
        )
        notes = [row[0] for row in conn.execute(text("SELECT notes FROM diary_entry"))]
    engine.dispose()
    assert "to be erased" not in notes
    assert (
        len(client.get("/v1/me/entries", headers=bob).json()["entries"]) == 1
    )  # others keep theirs


def test_tokens_are_stored_hashed(client: TestClient, api_db: str) -> None:
    token = client.post("/v1/signup").json()["token"]
    engine = create_engine(api_db)
    with engine.connect() as conn:
        stored = [row[0] for row in conn.execute(text("SELECT token_hash FROM api_token"))]
    engine.dispose()
    assert token not in stored and all(len(h) == 64 for h in stored)
    import hashlib

    assert hashlib.sha256(token.encode()).hexdigest() in stored


def test_signup_can_be_closed(api_db: str) -> None:
    from pregback.interfaces.api.app import create_app

    with TestClient(create_app(quiet_settings(database_url=api_db, signup=False))) as closed:
        assert_problem(closed.post("/v1/signup"), 403, "signup_closed")


def test_the_token_command_issues_a_working_token(client: TestClient, api_db: str) -> None:
    out = CliRunner().invoke(cli_app, ["token", "--person", "clinic-tester", "--db", api_db])
    assert out.exit_code == 0, out.output
    token = out.stdout.strip().splitlines()[0]
    assert token.startswith("pbk_")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/v1/me", headers=headers).status_code == 200
    assert client.post("/v1/me/entries", headers=headers, json={"pain": 1}).status_code == 201


def test_the_stores_errors_come_as_code_and_fields(
    client: TestClient, alice: dict[str, str], api_db: str
) -> None:
    """The API's words for the store's errors are its problem+json: the code and each field, with
    no terminal command in them (issue 15.3)."""
    from pregback.errors import PregbackError
    from pregback.interfaces.api.problems import body, from_pregback
    from pregback.store.db import open_store
    from pregback.store.repository import Repository

    made = client.post("/v1/me/entries", headers=alice, json={"pain": 3}).json()
    unknown = assert_problem(client.get("/v1/me/entries/999999", headers=alice), 404, "not_found")
    nothing = assert_problem(
        client.patch(f"/v1/me/entries/{made['id']}", headers=alice, json={}), 422, "invalid_input"
    )
    assert [(e["field"], e["pointer"]) for e in unknown["errors"]] == [("id", "#/id")]
    assert [(e["field"], e["allowed"]) for e in nothing["errors"]] == [
        ("changes", "at least one of at, pain, locations, symptoms, helped, notes")
    ]
    store = open_store(api_db)  # no one without a profile reaches the API: her token makes one
    try:
        with pytest.raises(PregbackError) as nobody, store.session() as s:
            Repository(s).require_person("nobody")
    finally:
        store.close()
    problem = from_pregback(nobody.value)
    none_yet = body(problem.code, problem.detail, "/v1/me", problem.errors)
    assert none_yet["code"] == "not_found" and none_yet["errors"][0]["pointer"] == "#/person"
    for shown in (unknown, nothing, none_yet):
        assert "pregback " not in str(shown) and "--" not in str(shown), shown
