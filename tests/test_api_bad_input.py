"""No 500 from bad input: ids too large for the store, non-text items in lists, and JSON nested
deeper than anything needs, on every route that reads them, API and web alike. Each is a 4xx
problem naming the field."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

import pytest

from tests.api_helpers import TestClient, assert_problem

HUGE_IDS = [2**31, 2**63 - 1, 2**63, 2**70, 0]
ID_ROUTES = [
    ("GET", "/v1/me/entries/{}", "entry_id"),
    ("PATCH", "/v1/me/entries/{}", "entry_id"),
    ("DELETE", "/v1/me/entries/{}", "entry_id"),
    ("DELETE", "/v1/me/episodes/{}", "episode_id"),
    ("DELETE", "/v1/me/sessions/{}", "session_id"),
]


@pytest.mark.parametrize("number", HUGE_IDS)
@pytest.mark.parametrize(("method", "path", "name"), ID_ROUTES)
def test_ids_the_store_cannot_hold_are_422_naming_the_id(
    client: TestClient, alice: dict[str, str], method: str, path: str, name: str, number: int
) -> None:
    r = client.request(method, path.format(number), headers=alice, json={"pain": 3})
    body = assert_problem(r, 422, "invalid_request")
    assert any(name in e["field"] for e in body["errors"]), body


def test_the_largest_id_is_simply_not_found(client: TestClient, alice: dict[str, str]) -> None:
    assert_problem(client.get(f"/v1/me/entries/{2**31 - 1}", headers=alice), 404, "not_found")


@pytest.mark.parametrize(("method", "path", "name"), ID_ROUTES)
def test_a_negative_id_is_a_4xx_problem(
    client: TestClient, alice: dict[str, str], method: str, path: str, name: str
) -> None:
    r = client.request(method, path.format(-1), headers=alice, json={"pain": 3})
    assert r.status_code in (404, 422)  # /v1/me/episodes/{id} takes digits only: no such path
    assert_problem(r, r.status_code)


@pytest.mark.parametrize("key", ["symptoms", "locations"])
@pytest.mark.parametrize("item", [{"a": 1}, ["lower_back"], 7, None, True])
def test_items_that_are_not_text_are_422_naming_the_list(
    client: TestClient, alice: dict[str, str], key: str, item: Any
) -> None:
    r = client.post("/v1/me/entries", headers=alice, json={"pain": 3, key: [item]})
    body = assert_problem(r, 422)
    assert body["errors"][0]["field"] == key
    made = client.post("/v1/me/entries", headers=alice, json={"pain": 3}).json()
    r = client.patch(f"/v1/me/entries/{made['id']}", headers=alice, json={key: [item]})
    assert assert_problem(r, 422)["errors"][0]["field"] == key


@pytest.mark.parametrize(
    ("text", "status"), [("nul \u0000 inside", 422), ("lone \udcff surrogate", 400)]
)
def test_text_no_database_can_keep_is_4xx_naming_the_field(
    client: TestClient, alice: dict[str, str], text: str, status: int
) -> None:
    """PostgreSQL keeps no NUL; a lone surrogate is no character at all (I-JSON refuses it)."""
    raw = json.dumps({"pain": 3, "notes": text}).encode()  # \\u escapes: JSON text either way
    r = client.post(
        "/v1/me/entries", headers={**alice, "content-type": "application/json"}, content=raw
    )
    assert assert_problem(r, status)["errors"][0]["field"] == "notes"
    raw = json.dumps({"label": text}).encode()
    r = client.post("/v1/signup", headers={"content-type": "application/json"}, content=raw)
    assert assert_problem(r, status)["errors"][0]["field"] == "label"


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


DEEP_BODIES = [
    ("/v1/assess", b'{"findings": {"symptoms": ' + _nested(5000) + b"}}", "findings.symptoms"),
    ("/v1/assess", b'{"episodes": ' + _nested(100) + b"}", "episodes"),
    ("/v1/read", b'{"message": ' + _nested(90_000) + b"}", "message"),
    (
        "/v1/interview",
        b'{"answers": [{"question": "x", "answer": ' + _nested(70) + b"}]}",
        "answers",
    ),
    ("/v1/signup", b'{"label": ' + _nested(65) + b"}", "label"),
    (
        "/cds-services/pregback-back-pain",
        b'{"prefetch": {"p": ' + _nested(300) + b"}}",
        "prefetch.p",
    ),
    ("/fhir/QuestionnaireResponse/$assess", b'{"item": ' + _nested(1000) + b"}", "item"),
    ("/timer/verdict", b'{"episodes": ' + _nested(20_000) + b"}", "episodes"),
]


@pytest.mark.parametrize(("path", "raw", "field"), DEEP_BODIES, ids=[d[0] for d in DEEP_BODIES])
def test_deeply_nested_json_is_400_naming_the_field(
    client: TestClient, path: str, raw: bytes, field: str
) -> None:
    r = client.post(path, content=raw, headers={"content-type": "application/json"})
    body = assert_problem(r, 400, "bad_json")
    assert body["errors"][0]["field"].startswith(field), body
    assert "nested more than 64 levels" in body["detail"]


def test_deeply_nested_json_in_her_diary_is_400(client: TestClient, alice: dict[str, str]) -> None:
    raw = b'{"pain": 3, "symptoms": ' + _nested(100_000) + b"}"
    r = client.post(
        "/v1/me/entries", content=raw, headers={**alice, "content-type": "application/json"}
    )
    assert assert_problem(r, 400, "bad_json")["errors"][0]["field"].startswith("symptoms")


def test_numbers_json_cannot_carry_exactly_are_400_naming_the_field(client: TestClient) -> None:
    for number in (b"9" * 5000, b"9007199254740992", b"1e999", b"NaN"):
        raw = b'{"findings": {"pain_severity": ' + number + b"}}"
        r = client.post("/v1/assess", content=raw, headers={"content-type": "application/json"})
        body = assert_problem(r, 400, "bad_json")
        assert body["errors"][0]["field"] == "findings.pain_severity", body


def _state(data: Any) -> str:
    raw = zlib.compress(data if isinstance(data, bytes) else json.dumps(data).encode(), 9)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "state",
    [
        _state(b'{"m": "", "b": {}, "s": ' + _nested(200_000) + b', "d": false}'),
        _state({"m": "", "b": {"symptoms": json.loads(_nested(60))}, "s": [], "d": False}),
        _state({"m": "", "b": {}, "s": [["x", "scalar", json.loads(_nested(40)), []]]}),
        _state([1, 2]),
        "not base64 at all!",
    ],
)
def test_a_damaged_interview_state_is_a_400_page(client: TestClient, state: str) -> None:
    r = client.post("/assess/answer", data={"state": state, "do": "next"})
    assert r.status_code == 400 and "start the check again" in r.text


def test_a_web_delete_of_an_id_too_large_is_refused(client: TestClient) -> None:
    page = client.get("/diary").text
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    r = client.post(f"/diary/{2**63}/delete", data={"csrf": csrf})
    assert 400 <= r.status_code < 500
