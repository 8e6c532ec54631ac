"""The edge of the service: the Host check (DNS rebinding), the header limit, HEAD and Allow, a crash
answered with the usual headers and logged by route template, a client that goes away, and the
per-client rate limits (requests and sign-ups)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pregback.interfaces.api.app import create_app
from pregback.interfaces.api.ratelimit import RateLimiter
from pregback.interfaces.api.settings import Settings
from tests.api_helpers import TestClient, assert_problem, quiet_settings


@pytest.fixture
def app(client: TestClient) -> Any:
    """The session's one app (tests/api_support.py); a test of other settings makes its own."""
    return client.app


def _client(app: Any, base_url: str = "http://localhost") -> TestClient:
    return TestClient(app, base_url=base_url)


def _secured(r: Any) -> None:
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"
    assert "content-security-policy" in r.headers and "x-frame-options" in r.headers


# ------------------------------------------------------------------ hosts


@pytest.mark.parametrize(
    "base", ["http://localhost:8000", "http://127.0.0.1", "http://[::1]:8123", "http://LOCALHOST"]
)
def test_a_personal_server_answers_to_its_loopback_names(app: Any, base: str) -> None:
    assert _client(app, base).get("/health").status_code == 200


@pytest.mark.parametrize("path", ["/health", "/diary", "/v1/assess", "/static/app.css"])
def test_a_personal_server_refuses_any_other_host_dns_rebinding(app: Any, path: str) -> None:
    """A page on attacker.example whose name now points at 127.0.0.1 sends Host: attacker.example."""
    r = _client(app, "http://attacker.example:8000").get(path)
    body = assert_problem(r, 400, "host_not_allowed")
    assert "PREGBACK_ALLOWED_HOSTS" in body["detail"]
    _secured(r)


def test_allowed_hosts_add_names_and_multi_user_checks_only_when_set(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'h.db'}"
    lan = create_app(
        Settings.from_env(
            {
                "PREGBACK_ALLOWED_HOSTS": "pregback.lan, 192.168.1.20",
                "PREGBACK_DATABASE_URL": db,
                "PREGBACK_RATE_LIMIT": "0",
            }
        )
    )
    assert _client(lan, "http://pregback.lan").get("/health").status_code == 200
    assert _client(lan, "http://192.168.1.20:8000").get("/health").status_code == 200
    assert _client(lan, "http://localhost").get("/health").status_code == 200
    assert _client(lan, "http://other.lan").get("/health").status_code == 400
    shared = create_app(quiet_settings(database_url=db, multi_user=True))
    assert _client(shared, "http://pregback.maternity.example").get("/health").status_code == 200
    pinned = create_app(
        quiet_settings(database_url=db, multi_user=True, allowed_hosts=("pregback.example",))
    )
    assert _client(pinned, "http://pregback.example").get("/health").status_code == 200
    assert _client(pinned, "http://evil.example").get("/health").status_code == 400
    public = create_app(quiet_settings(database_url=db, public_url="https://triage.example/x"))
    assert _client(public, "https://triage.example").get("/health").status_code == 200


# ------------------------------------------------------------------ headers


def test_request_headers_have_a_size_limit(app: Any) -> None:
    c = _client(app)
    assert c.get("/health", headers={"x-note": "a" * 15_000}).status_code == 200
    r = c.get("/health", headers={"x-note": "a" * 17_000})
    assert_problem(r, 431, "headers_too_large")
    _secured(r)
    split = {f"x-part-{i}": "b" * 1000 for i in range(20)}  # the total counts, not each one
    assert_problem(c.get("/health", headers=split), 431, "headers_too_large")


# ------------------------------------------------------------------ HEAD and Allow

GETS = [
    "/health",
    "/openapi.json",
    "/v1/knowledge",
    "/v1/knowledge/rules",
    "/v1/knowledge/rules/U4",
    "/v1/knowledge/rules/nothing",
    "/cds-services",
    "/fhir/Questionnaire/pregback",
    "/problems/not_found",
    "/v1/me",
    "/",
    "/assess",
    "/timer",
    "/learn",
    "/levels.css",
    "/sw.js",
    "/static/app.css",
]


@pytest.mark.parametrize("path", GETS)
def test_head_works_wherever_get_does(app: Any, path: str) -> None:
    c = _client(app)
    got, head = c.get(path), c.head(path)
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-length") == got.headers.get("content-length")


def test_every_get_route_of_the_schema_answers_head(app: Any) -> None:
    c = _client(app)
    for path, operations in c.get("/openapi.json").json()["paths"].items():
        if "get" in operations and "{" not in path:
            assert c.head(path).status_code == c.get(path).status_code, path


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/v1/me", "DELETE, GET, HEAD, PATCH"),
        ("POST", "/v1/me/entries/1", "DELETE, GET, HEAD, PATCH"),
        ("DELETE", "/v1/me/entries", "GET, HEAD, POST"),
        ("GET", "/v1/assess", "POST"),
        ("PATCH", "/v1/me/episodes/7", "DELETE"),
        ("TRACE", "/health", "GET, HEAD"),
        ("DELETE", "/assess", "GET, HEAD, POST"),
    ],
)
def test_allow_lists_every_method_of_the_path(app: Any, method: str, path: str, allow: str) -> None:
    r = _client(app).request(method, path)
    assert_problem(r, 405, "method_not_allowed")
    assert r.headers["allow"] == allow


# ------------------------------------------------------------------ crashes and disconnects


def test_a_crash_is_a_500_with_every_header_and_logged_by_route_template(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crashing = create_app(quiet_settings(database_url=f"sqlite:///{tmp_path / 'c.db'}"))

    @crashing.get("/v1/boom/{entry_id}")
    async def boom(entry_id: int) -> None:
        raise KeyError("Marigold's secret note")

    with caplog.at_level(logging.INFO, logger="pregback"):
        r = TestClient(crashing, raise_server_exceptions=False).get("/v1/boom/424242")
    assert_problem(r, 500, "server_error")
    _secured(r)
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "internal error KeyError on GET /v1/boom/{entry_id}" in logged
    assert "424242" not in logged and "Marigold" not in logged


async def _call(app: Any, scope: dict[str, Any], messages: list[dict[str, Any]]) -> list[Any]:
    sent: list[Any] = []
    queue = list(messages)

    async def receive() -> dict[str, Any]:
        return queue.pop(0) if queue else {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


def test_a_client_that_goes_away_is_not_an_internal_error(
    app: Any, caplog: pytest.LogCaptureFixture
) -> None:
    import asyncio

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/assess",
        "raw_path": b"/v1/assess",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"localhost"),
            (b"content-type", b"application/json"),
            (b"content-length", b"100"),
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    parts = [{"type": "http.request", "body": b'{"findings": ', "more_body": True}]
    with TestClient(app), caplog.at_level(logging.INFO, logger="pregback"):
        asyncio.run(_call(app, scope, parts))
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    assert any("client disconnected" in r.getMessage() for r in caplog.records)


# ------------------------------------------------------------------ rate limits


def test_the_bucket_allows_bursts_then_the_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(60, 60.0, burst=3, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(1.0)
    assert limiter.take("b") == 0.0  # another client has its own bucket
    now[0] = 2.0
    assert limiter.take("a") == 0.0
    assert RateLimiter(0, 60.0).take("a") == 0.0  # 0: no limit


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[Any]:
    yield create_app(
        Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}", rate_limit=6, signup_rate=0)
    )


@pytest.fixture
def signups(tmp_path: Path) -> Iterator[Any]:
    yield create_app(
        Settings(database_url=f"sqlite:///{tmp_path / 's.db'}", rate_limit=0, signup_rate=2)
    )


def test_one_client_is_limited_and_told_when_to_come_back(limited: Any) -> None:
    me = TestClient(limited, client=("198.51.100.7", 5000))
    other = TestClient(limited, client=("198.51.100.8", 5000))
    assert me.get("/health").status_code == 200
    r = me.get("/v1/knowledge")
    body = assert_problem(r, 429, "rate_limited")
    assert 1 <= int(r.headers["retry-after"]) <= 10 and r.headers["retry-after"] in body["detail"]
    _secured(r)
    assert me.get("/static/app.css").status_code == 200  # a page's own files are not counted
    assert other.get("/health").status_code == 200


def test_sign_up_is_limited_per_client_over_the_api_and_the_web(signups: Any) -> None:
    me = TestClient(signups, client=("203.0.113.9", 5000))
    assert me.post("/v1/signup").status_code == 201
    assert me.post("/v1/signup").status_code == 201
    r = me.post("/v1/signup")
    assert_problem(r, 429, "signup_limited")
    assert int(r.headers["retry-after"]) > 60
    page = me.get("/signin").text
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    web = me.post("/signup", data={"csrf": csrf, "next": "/diary"})
    assert web.status_code == 429 and "try again" in web.text
    assert TestClient(signups, client=("203.0.113.10", 5000)).post("/v1/signup").status_code == 201
