"""A real `pregback serve --workers 2` on a loopback port: every endpoint over HTTP, tokens working
whichever worker answers (all state is in the database), and a log with no personal data.
Runs over SQLite, and over PostgreSQL when PREGBACK_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.api_helpers import assert_problem, serve, stop
from tests.fhir_helpers import check_resource, response_for

pytestmark = pytest.mark.slow
SECRET = "Marigold-Vantablack, flat 9 Quayside"


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "server.log"
    proc, base = serve({"PREGBACK_DATABASE_URL": db_url}, workers=2, log=log)
    try:
        yield base, log
    finally:
        stop(proc)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_triage_endpoint_over_http(server: tuple[str, Path]) -> None:
    base, _ = server
    with httpx.Client(base_url=base, timeout=30) as http:
        r = http.post(
            "/v1/assess",
            json={"findings": {"gestational_weeks": 30, "symptoms": {"heavy_bleeding": "present"}}},
        )
        assert r.status_code == 200 and r.json()["urgency"] == "emergency"
        assert r.headers["x-content-type-options"] == "nosniff" and "server" not in r.headers
        read = http.post("/v1/read", json={"message": "34 weeks, low back ache, no bleeding"})
        assert read.status_code == 200 and read.json()["findings"]["gestational_weeks"] == 34
        q = http.post("/v1/interview", json={}).json()
        assert q["question"]["id"] == "gestational_weeks"
        assert http.get("/v1/knowledge/causes").json()["items"]
        assert_problem(
            http.post("/v1/assess", json={"findings": {"pain_severity": "bad"}}),
            422,
            "invalid_findings",
        )
        assert_problem(
            http.post(
                "/v1/assess", content=b"x" * 300_000, headers={"content-type": "application/json"}
            ),
            413,
            "body_too_large",
        )
        assert http.get("/openapi.json").json()["paths"]
        assert http.get("/docs").status_code == 200
        assert http.get("/cds-services").json()["services"][0]["hook"] == "patient-view"
        questionnaire = http.get("/fhir/Questionnaire/pregback").json()
        check_resource(questionnaire)
        answers = response_for(
            questionnaire,
            {"gestational_weeks": 30, "symptoms": {"fever": "present", "dysuria": "present"}},
            subject={"reference": "Patient/p9"},
            authored=datetime.now(UTC).isoformat(),
        )
        hook = {
            "hook": "patient-view",
            "hookInstance": str(uuid.uuid4()),
            "context": {"userId": "Practitioner/1", "patientId": "p9"},
            "prefetch": {
                "questionnaireResponse": {
                    "resourceType": "Bundle",
                    "type": "searchset",
                    "entry": [{"resource": answers}],
                }
            },
        }
        card = http.post("/cds-services/pregback-back-pain", json=hook).json()["cards"][0]
        assert card["indicator"] in ("info", "warning", "critical") and len(card["summary"]) < 140
        params = http.post(
            "/fhir/QuestionnaireResponse/$assess",
            json=answers,
            headers={"content-type": "application/fhir+json"},
        )
        assert params.status_code == 200 and params.headers["content-type"].startswith(
            "application/fhir+json"
        )
        for part in params.json()["parameter"]:
            check_resource(part["resource"])


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_her_data_over_http_with_two_workers(server: tuple[str, Path]) -> None:
    base, log = server
    with httpx.Client(base_url=base, timeout=30) as http:
        alice = _auth(http.post("/v1/signup").json()["token"])
        bob = _auth(http.post("/v1/signup").json()["token"])
        assert_problem(http.get("/v1/me/entries"), 401, "unauthorized")
        assert_problem(http.get("/v1/me/entries", headers=_auth("pbk_wrong")), 401, "unauthorized")
        made = []
        for i in range(12):  # spread over both workers: each sees what the other wrote
            r = http.post(
                "/v1/me/entries", headers=alice, json={"pain": i % 11, "notes": f"{SECRET} #{i}"}
            )
            assert r.status_code == 201, r.text
            made.append(r.json()["id"])
            assert [
                e["id"] for e in http.get("/v1/me/entries", headers=alice).json()["entries"]
            ] == made
        assert_problem(http.get(f"/v1/me/entries/{made[0]}", headers=bob), 404, "not_found")
        assert_problem(http.delete(f"/v1/me/entries/{made[0]}", headers=bob), 404, "not_found")
        start = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
        assert (
            http.post("/v1/me/episodes/start", headers=alice, json={"at": start}).status_code == 201
        )
        assert http.post("/v1/me/episodes/end", headers=alice).status_code == 200
        assessed = http.post(
            "/v1/me/assess", headers=alice, json={"message": f"33 weeks, {SECRET}"}
        )
        assert assessed.status_code == 200 and assessed.json()["saved"]["id"]
        erased = http.delete("/v1/me", headers=alice).json()["erased"]
        assert erased["entries"] == 12 and erased["episodes"] == 1
        for _ in range(4):
            assert_problem(http.get("/v1/me", headers=alice), 401, "unauthorized")
        assert http.get("/v1/me", headers=bob).status_code == 200
    text = log.read_text(errors="replace")
    assert "GET /v1/me/entries/{entry_id} 404" in text  # the access log: route templates only
    assert "Marigold" not in text and "Quayside" not in text
    assert "pbk_" not in text and "Bearer" not in text


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_documented_example_works_against_a_real_server(server: tuple[str, Path]) -> None:
    """docs/api.md has an example of every endpoint (tests/test_api_docs.py checks that)."""
    from tests.test_api_docs import _request, curl_examples

    base, _ = server
    token = ""
    with httpx.Client(base_url=base, timeout=30) as http:
        for expected, argv in curl_examples():
            req = _request(argv, token)
            r = http.request(
                req["method"], req["url"], headers=req["headers"], content=req["content"]
            )
            assert r.status_code == expected if expected else 200 <= r.status_code < 300, (
                req["url"],
                r.text[:300],
            )
            if req["url"] == "/v1/signup":
                token = r.json()["token"]
