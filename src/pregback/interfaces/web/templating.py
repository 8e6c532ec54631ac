"""What every page shares: the Jinja2 templates, the security headers, the CSRF cookie and settings.

Owns: rendering a template into a response with a strict Content-Security-Policy. Never: inline
scripts or styles (the policy forbids them), or a page that leaves out the urgency in words.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pregback.interfaces.plain import emergency_number
from pregback.interfaces.web import TEMPLATES
from pregback.knowledge import KnowledgeBase, default_knowledge, load_knowledge

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
CSRF_COOKIE = "pb_csrf"
#: Her time zone as her browser reports it (an IANA name, set by app.js); not a secret.
TZ_COOKIE = "pb_tz"
TZ_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}")
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
#: The CSRF cookie outlives a browser session, so a timer page kept offline still matches it.
CSRF_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class WebSettings:
    """How the pages run, from PREGBACK_* variables (read at each request, so tests can set them)."""

    unit_phone: str | None
    emergency_phone: str
    multi_user: bool
    knowledge_path: str | None

    @classmethod
    def from_env(cls) -> WebSettings:
        env = os.environ
        phone = "".join(
            ch for ch in env.get("PREGBACK_UNIT_PHONE", "") if ch.isdigit() or ch == "+"
        )
        knowledge_path = env.get("PREGBACK_KNOWLEDGE", "").strip() or None
        # The emergency number of her locale (levels.yaml), unless PREGBACK_EMERGENCY_PHONE says.
        emergency = emergency_number(
            _load(knowledge_path) if knowledge_path else default_knowledge()
        )
        return cls(
            unit_phone=phone or None,
            emergency_phone=emergency,
            multi_user=env.get("PREGBACK_MULTI_USER", "").strip().lower()
            in ("1", "true", "yes", "on"),
            knowledge_path=knowledge_path,
        )


def settings() -> WebSettings:
    return WebSettings.from_env()


def knowledge() -> KnowledgeBase:
    """The knowledge base the pages use: a reviewer's copy (PREGBACK_KNOWLEDGE) or the bundled one."""
    path = settings().knowledge_path
    return _load(path) if path else default_knowledge()


@lru_cache(maxsize=4)
def _load(path: str) -> KnowledgeBase:
    return load_knowledge(path)


class SecureRoute(APIRoute):
    """A route whose every response carries the security headers (the policy forbids inline code)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def secured(request: Request) -> Response:
            response = await handler(request)
            for key, value in HEADERS.items():
                response.headers.setdefault(key, value)
            response.headers.setdefault("Cache-Control", "no-store")
            return response

        return secured


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "svg", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = _version()
    return env


def _version() -> str:
    from pregback import __version__

    return __version__


def her_tz(request: Request) -> tzinfo:
    """Her time zone: the one her browser reports (cookie pb_tz), else this server's own."""
    name = request.cookies.get(TZ_COOKIE, "")
    if name and len(name) <= 64 and TZ_NAME.fullmatch(name):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def csrf_token(request: Request) -> str:
    """Her CSRF token: the cookie's, or a new one (set on the response by `render`)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) < 20:
        token = getattr(request.state, "new_csrf", "") or secrets.token_urlsafe(24)
        request.state.new_csrf = token
    return token


def check_csrf(request: Request, sent: str | None) -> bool:
    """True when the token sent with a form or header matches her cookie (double submit)."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie) and bool(sent) and secrets.compare_digest(cookie, str(sent))


def set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int | None = None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page `name` with the shared context; sets the CSRF cookie when she has none yet."""
    web = settings()
    token = csrf_token(request)
    html = (
        environment()
        .get_template(name)
        .render(
            request=request,
            path=request.url.path,
            csrf=token,
            csrf_field=CSRF_FIELD,
            web=web,
            kb=knowledge(),
            **context,
        )
    )
    response = HTMLResponse(html, status_code=status)
    if getattr(request.state, "new_csrf", ""):
        set_cookie(request, response, CSRF_COOKIE, token, CSRF_SECONDS)
    return response
