"""Helpers for the HTTP service tests: the in-process TestClient class, a checker for problem
responses, and a real `pregback serve` on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import httpx
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 in its TestClient; httpx (of the dev extra) still works.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient as _TestClient

__all__ = [
    "TestClient",
    "assert_problem",
    "free_port",
    "quiet_settings",
    "serve",
    "signup",
    "stop",
]


def quiet_settings(**changes: Any) -> Any:
    """Settings for an in-process app whose tests are not about rate limits: every request of a
    test client comes from one address, so the limits are off unless a test sets them."""
    from pregback.interfaces.api.settings import Settings

    return Settings(**{"rate_limit": 0, "signup_rate": 0, **changes})


class TestClient(_TestClient):
    """Starlette's test client, sending its requests to http://localhost: a server answers only to
    the host names it is set up for (loopback by default), and Starlette's "testserver" is not one
    of them."""

    __test__ = False  # a helper, not a class of tests

    def __init__(self, app: Any, base_url: str = "http://localhost", **kwargs: Any) -> None:
        super().__init__(app, base_url=base_url, **kwargs)


def signup(client: TestClient) -> dict[str, str]:
    """A new person's Authorization header."""
    r = client.post("/v1/signup", json={"label": "test"})
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def assert_problem(r: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """An RFC 9457 problem: the media type, the members, and (when given) the code."""
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers[
        "content-type"
    ]
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    assert body["type"].startswith("/problems/") and body["title"] and body["detail"]
    if code is not None:
        assert body["code"] == code, body
    for err in body.get("errors", []):
        assert {"field", "pointer", "detail"} <= set(err), err
        assert err["pointer"].startswith("#")
    return body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(
    env: dict[str, str], workers: int = 1, log: Path | None = None, timeout: float = 60
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `pregback serve` on a free loopback port; wait until /health answers."""
    port = free_port()
    exe = Path(sys.executable).parent / "pregback"
    command = [
        str(exe),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    if log is None:
        proc = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
    else:
        with open(log, "wb") as out:  # the child keeps its own copy of the file
            proc = subprocess.Popen(
                command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
            )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"pregback serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(proc)
    raise RuntimeError("pregback serve did not answer /health in time")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
