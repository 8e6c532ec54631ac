"""Security at the edge: the Host check, header and body limits, the rate limit, HEAD, response
headers on every answer (a crash too), and an access log without personal data. Pure ASGI
middleware, so it costs little per request.

Owns: what every response carries and what every request may be at most. Never: log a body, a
query string, a token, a client address or a concrete path with ids (only the route template),
or let an exception leave without an answer that carries the headers.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from pregback.interfaces.api.problems import PROBLEM_JSON, body
from pregback.interfaces.api.ratelimit import RateLimiter, client_key, retry_after
from pregback.interfaces.api.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("pregback.access")
log = logging.getLogger("pregback.interfaces.api")

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
#: /docs loads Swagger UI from this server only (pregback.interfaces.api.docs_page): no other host, no inline
#: script; Swagger UI sets inline styles on its elements.
DOCS_CSP = (
    b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")
#: Static files are not counted against the rate limit (a page loads several at once).
UNLIMITED = ("/static/",)


def host_name(scope: Mapping[str, Any]) -> str | None:
    """The host name the request was sent to (its Host header without the port), lower case."""
    for key, value in scope.get("headers", ()):
        if key == b"host":
            text: str = value.decode("latin-1").strip().lower()
            if text.startswith("["):
                return text[1 : text.find("]")] if "]" in text else text
            name, _, port = text.rpartition(":")
            return name if name and port.isdigit() else text
    return None


class EdgeMiddleware:
    """Every request through the same checks, every answer with the same headers."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.max_body = settings.max_body_bytes
        self.max_headers = settings.max_header_bytes
        self.hosts = settings.hosts()
        self.limiter = RateLimiter(settings.rate_limit, 60.0, max(1, settings.rate_limit // 10))
        self.extra = tuple(
            (k.lower().encode(), v.encode()) for k, v in settings.extra_headers.items()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path: str = scope.get("path", "")
        method: str = scope.get("method", "-")
        head = method == "HEAD"
        state = {"status": 0, "body_sent": False}
        csp = DOCS_CSP if path.startswith(DOCS_PATHS) else API_CSP
        cache = not path.startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                headers = list(message.get("headers", ()))
                have = {k.lower() for k, _ in headers}
                for key, value in (*HEADERS, *self.extra, (b"content-security-policy", csp)):
                    if key not in have:
                        headers.append((key, value))
                if (cache or message["status"] >= 400) and b"cache-control" not in have:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            elif message["type"] == "http.response.body" and head:
                if message.get("more_body", False) or state["body_sent"]:
                    return  # a HEAD answer has the GET's headers and no body
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                state["body_sent"] = True
            await send(message)

        inner = {**scope, "method": "GET"} if head else scope
        try:
            refused = self._refusal(scope, path)
            if refused is not None:
                await _answer(scope, send_with_headers, *refused)
                return
            receive_checked = await self._limited(scope, receive, send_with_headers)
            if receive_checked is not None:
                await self.app(inner, receive_checked, send_with_headers)
        except Exception as exc:
            if _disconnected(exc):
                access_log.info("%s %s client disconnected", method, _template(inner, path))
            else:
                # The type and the route template only: a message could quote personal data.
                log.error(
                    "internal error %s on %s %s", type(exc).__name__, method, _template(inner, path)
                )
                if not state["status"]:
                    await _answer(
                        scope,
                        send_with_headers,
                        500,
                        "server_error",
                        "Something went wrong on the server; it has been logged without personal data.",
                    )
        finally:
            access_log.info(
                "%s %s %s %.1fms",
                method,
                _template(inner, path),
                state["status"] or "-",
                (time.perf_counter() - started) * 1000,
            )

    def _refusal(self, scope: Scope, path: str) -> tuple[int, str, str, dict[str, str]] | None:
        """Why this request is answered at the edge (status, code, detail, headers), or None."""
        size = sum(len(k) + len(v) for k, v in scope.get("headers", ()))
        if size > self.max_headers:
            return (
                431,
                "headers_too_large",
                f"The request headers are {size} bytes; the most is {self.max_headers}.",
                {},
            )
        if self.hosts is not None:
            name = host_name(scope)
            if name not in self.hosts:
                return (
                    400,
                    "host_not_allowed",
                    "This server answers only to the names it is set up for: "
                    f"{', '.join(sorted(self.hosts))}. A server reached by another name can add "
                    "it to PREGBACK_ALLOWED_HOSTS.",
                    {},
                )
        if self.limiter.enabled and not path.startswith(UNLIMITED):
            wait = self.limiter.take(client_key(scope))
            if wait > 0:
                return (
                    429,
                    "rate_limited",
                    "Too many requests from this address; try again in "
                    f"{retry_after(wait)} seconds.",
                    {"retry-after": retry_after(wait)},
                )
        return None

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
        too_large: tuple[int, str, str, dict[str, Any]] = (
            413,
            "body_too_large",
            f"The body is over {self.max_body} bytes.",
            {},
        )
        if length is not None:
            if length > self.max_body:
                await _answer(scope, send, *too_large, close=True)
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
                await _answer(scope, send, *too_large, close=True)
                return None
            chunks.append(chunk)
            more = message.get("more_body", False)
        return _replay([{"type": "http.request", "body": b"".join(chunks), "more_body": False}])


def _template(scope: Mapping[str, Any], path: str) -> str:
    route = scope.get("route")
    template = getattr(route, "path", None)
    if template:
        return str(template)
    return "(static)" if path.startswith("/static/") else "(unmatched)"


def _disconnected(exc: BaseException) -> bool:
    """Whether the exception only means the client went away before the answer."""
    from starlette.requests import ClientDisconnect

    return isinstance(exc, ClientDisconnect | ConnectionResetError | BrokenPipeError)


async def _answer(
    scope: Scope,
    send: Send,
    status: int,
    code: str,
    detail: str,
    headers: Mapping[str, str] | None = None,
    close: bool = False,
) -> None:
    content = json.dumps(body(code, detail, scope.get("path", ""), status=status)).encode()
    raw = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(content)).encode()),
        *((k.encode(), v.encode()) for k, v in (headers or {}).items()),
    ]
    if close:
        raw.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": raw})
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
            allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,
            max_age=600,
        )
    app.add_middleware(EdgeMiddleware, settings=settings)
