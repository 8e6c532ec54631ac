"""Who is using the diary and the timer: one local profile on a personal install, or a signed-in person.

Owns: the session cookie (HttpOnly, SameSite=Strict) that holds her API token when the app serves
many people (PREGBACK_MULTI_USER=1), and the sign-in and sign-out pages. Never: checking a token
itself (the API's `pregback.api.auth.person_for_token` does), or a shared profile when many use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from pregback.web.templating import (
    CSRF_FIELD,
    SecureRoute,
    check_csrf,
    render,
    set_cookie,
    settings,
)

router = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API

SESSION_COOKIE = "pb_session"
#: A signed-in session lasts a week; she signs in again after that.
SESSION_SECONDS = 7 * 24 * 3600
LOCAL_PERSON = "me"


def token_check() -> Callable[[str], Any] | None:
    """The API's token check (token -> person name, or None), if this install has one."""
    try:
        from pregback.api import auth as api_auth
    except ImportError:
        return None
    check = getattr(api_auth, "person_for_token", None)
    return check if callable(check) else None


async def person_name(request: Request) -> str | None:
    """Her profile name: the local one on a personal install; None when she must sign in first."""
    if not settings().multi_user:
        return LOCAL_PERSON
    token = request.cookies.get(SESSION_COOKIE, "")
    check = token_check()
    if not token or check is None:
        return None
    found = await run_in_threadpool(check, token)
    return str(found) if found else None


def signin_redirect(next_path: str) -> RedirectResponse:
    safe = next_path if next_path.startswith("/") and not next_path.startswith("//") else "/"
    return RedirectResponse(f"/signin?next={safe}", status_code=303)


@router.get("/signin", response_class=HTMLResponse)
async def signin_page(request: Request, next: str = "/diary") -> HTMLResponse:
    return _page(request, next, "")


@router.post("/signin", response_class=HTMLResponse)
async def signin(request: Request) -> Response:
    form = await request.form()
    next_path = str(form.get("next") or "/diary")
    if not next_path.startswith("/") or next_path.startswith("//"):
        next_path = "/diary"
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return _page(request, next_path, "This form has expired. Please try again.", 403)
    check = token_check()
    token = str(form.get("token") or "").strip()
    if check is None:
        return _page(request, next_path, "Signing in is not available on this server yet.", 503)
    name = await run_in_threadpool(check, token) if token else None
    if not name:
        return _page(request, next_path, "That code did not work. Check it and try again.", 401)
    response = RedirectResponse(next_path, status_code=303)
    set_cookie(request, response, SESSION_COOKIE, token, SESSION_SECONDS)
    return response


@router.post("/signout")
async def signout(request: Request) -> Response:
    form = await request.form()
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return _page(request, "/", "This form has expired. Please try again.", 403)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _page(request: Request, next_path: str, error: str, status: int = 200) -> HTMLResponse:
    return render(
        request,
        "signin.html",
        status=status,
        title="Sign in",
        section="diary",
        next_path=next_path,
        error=error,
        available=token_check() is not None,
    )
