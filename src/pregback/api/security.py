"""Security at the edge: response headers, the body-size limit, CORS, and an access log without
personal data. Pure ASGI middleware, so it costs little per request.

Owns: what every response carries and what every request may be at most. Never: log a body, a
query string, a token, a client address or a concrete path with ids (only the route template).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from pregback.api.problems import PROBLEM_JSON, body
from pregback.api.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("pregback.access")

#: Headers on every response unless the route already set its own.
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains"),
)
API_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
#: /docs loads Swagger UI from this server only (pregback.api.docs_page): no other host, no inline
#: script; Swagger UI sets inline styles on its elements.
DOCS_CSP = (
    b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")


class EdgeMiddleware:
    """Security headers, no-store caching, the body-size limit and a privacy-safe access log."""

    def __init__(
        self, app: ASGIApp, max_body_bytes: int, extra: dict[str, str] | None = None
    ) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.extra = tuple((k.lower().encode(), v.encode()) for k, v in (extra or {}).items())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path: str = scope.get("path", "")
        status = 0
        csp = DOCS_CSP if path.startswith(DOCS_PATHS) else API_CSP
        cache = not path.startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                have = {k.lower() for k, _ in headers}
                for key, value in (*HEADERS, *self.extra, (b"content-security-policy", csp)):
                    if key not in have:
                        headers.append((key, value))
                if cache and b"cache-control" not in have:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            receive_checked = await self._limited(scope, receive, send_with_headers)
            if receive_checked is not None:
                await self.app(scope, receive_checked, send_with_headers)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or (
                "(static)" if path.startswith("/static/") else "(unmatched)"
            )
            access_log.info(
                "%s %s %s %.1fms",
                scope.get("method", "-"),
                template,
                status or "-",
                (time.perf_counter() - started) * 1000,
            )

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> Receive | None:
        """The receive to hand on, or None after answering 413 for a body over the limit."""
        length = None
        for key, value in scope.get("headers", ()):
            if key == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = None
                break
        if length is not None:
            if length > self.max_body:
                await self._too_large(scope, send)
                return None
            return receive
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return receive
        # No length given (chunked): read up to the limit before the app sees any of it.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return _replay([message])
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._too_large(scope, send)
                return None
            chunks.append(chunk)
            more = message.get("more_body", False)
        return _replay([{"type": "http.request", "body": b"".join(chunks), "more_body": False}])

    async def _too_large(self, scope: Scope, send: Send) -> None:
        content = json.dumps(
            body(
                "body_too_large", f"The body is over {self.max_body} bytes.", scope.get("path", "")
            )
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_JSON.encode()),
                    (b"content-length", str(len(content)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": content})


def _replay(messages: list[Message]) -> Receive:
    queue = list(messages)

    async def receive() -> Message:
        if queue:
            return queue.pop(0)
        return {"type": "http.disconnect"}

    return receive


def install(app: FastAPI, settings: Settings) -> None:
    """CORS only for configured origins; the edge middleware outermost, so every answer has headers."""
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,
            max_age=600,
        )
    app.add_middleware(
        EdgeMiddleware, max_body_bytes=settings.max_body_bytes, extra=dict(settings.extra_headers)
    )
