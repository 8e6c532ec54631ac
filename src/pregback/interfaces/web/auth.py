"""Who is using the diary and the timer: one local profile on a personal install, or a signed-in person.

Owns: the session cookie (HttpOnly, SameSite=Strict) that holds the secret of her web session when
the app serves many people (PREGBACK_MULTI_USER=1); the sign-in, sign-up and sign-out pages; the
page listing where she is signed in. Never: her API token in a cookie (signing in with it starts a
session of its own, which sign-out ends on the server), or a shared profile when many use it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from pregback.interfaces.api.sessions import LIFETIME, label_of
from pregback.interfaces.web import storage
from pregback.interfaces.web.templating import (
    CSRF_FIELD,
    SecureRoute,
    check_csrf,
    render,
    set_cookie,
    settings,
)
from pregback.store.entries import MAX_ID

router = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API

SESSION_COOKIE = "pb_session"
#: A signed-in session lasts a week (the server ends it then, whatever the cookie says).
SESSION_SECONDS = int(LIFETIME.total_seconds())
LOCAL_PERSON = "me"


def signup_available() -> bool:
    """Whether she can make her own private diary here (PREGBACK_SIGNUP, like the API's sign-up)."""
    from pregback.interfaces.api.settings import Settings

    try:
        return Settings.from_env().signup
    except ValueError:
        return False  # a bad setting closes sign-up rather than opening it


async def person_name(request: Request) -> str | None:
    """Her profile name: the local one on a personal install; None when she must sign in first."""
    if not settings().multi_user:
        return LOCAL_PERSON
    secret = request.cookies.get(SESSION_COOKIE, "")
    return await run_in_threadpool(storage.person_for_session, secret) if secret else None


def erased_page(request: Request) -> HTMLResponse:
    """What a page says when her data was erased while it was on its way: nothing was saved (and
    nothing re-created); her session ended with the erase."""
    response = render(
        request,
        "problem.html",
        status=409,
        title="Your diary was erased",
        detail="Your diary and profile were erased from this server, so nothing was saved. "
        "To keep a diary again, sign in with another code or make a new diary.",
        back_href="/signin",
        back_label="Sign in",
    )
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def signin_redirect(next_path: str) -> RedirectResponse:
    return RedirectResponse(f"/signin?next={_safe_next(next_path)}", status_code=303)


@router.get("/signin", response_class=HTMLResponse)
async def signin_page(request: Request, next: str = "/diary") -> HTMLResponse:
    return _page(request, _safe_next(next), "")


@router.post("/signin", response_class=HTMLResponse)
async def signin(request: Request) -> Response:
    form = await request.form()
    next_path = _safe_next(str(form.get("next") or "/diary"))
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return _page(request, next_path, "This form has expired. Please try again.", 403)
    token = str(form.get("token") or "").strip()
    label = label_of(request.headers.get("user-agent", ""))
    secret = await run_in_threadpool(storage.sign_in, token, label) if token else None
    if not secret:
        return _page(request, next_path, "That code did not work. Check it and try again.", 401)
    response = RedirectResponse(next_path, status_code=303)
    set_cookie(request, response, SESSION_COOKIE, secret, SESSION_SECONDS)
    return response


@router.post("/signup", response_class=HTMLResponse)
async def signup(request: Request) -> Response:
    """A new private diary: a new person and her code, shown once, and she is signed in."""
    form = await request.form()
    next_path = _safe_next(str(form.get("next") or "/diary"))
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return _page(request, next_path, "This form has expired. Please try again.", 403)
    if not signup_available():
        return _page(request, next_path, "New diaries are not made on this server.", 403)
    from pregback.interfaces.api.auth import signup_wait

    if signup_wait(request) > 0:
        return _page(
            request,
            next_path,
            "Too many new diaries were made from here just now. Please try again in an hour.",
            429,
        )
    label = label_of(request.headers.get("user-agent", ""))
    token, secret = await run_in_threadpool(storage.sign_up, label)
    response = render(
        request,
        "signup_done.html",
        title="Your private code",
        section="diary",
        code=token,
        next_path=next_path,
    )
    set_cookie(request, response, SESSION_COOKIE, secret, SESSION_SECONDS)
    return response


@router.post("/signout")
async def signout(request: Request) -> Response:
    form = await request.form()
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return _page(request, "/", "This form has expired. Please try again.", 403)
    secret = request.cookies.get(SESSION_COOKIE, "")
    if secret:
        await run_in_threadpool(storage.sign_out, secret)  # the cookie opens nothing from now on
    response = RedirectResponse("/signin?signed_out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/sessions", response_class=HTMLResponse)
async def sessions_page(request: Request) -> Response:
    """Where she is signed in: each live session, and a button to end it."""
    return await _sessions(request)


@router.post("/sessions/{session_id}/end", response_class=HTMLResponse)
async def end_session(
    request: Request, session_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> Response:
    form = await request.form()
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return await _sessions(request, "This form has expired. Please try again.", 403)
    secret = request.cookies.get(SESSION_COOKIE, "")
    if not settings().multi_user or not secret:
        return signin_redirect("/sessions")
    if not await run_in_threadpool(storage.end_session, secret, session_id):
        return await _sessions(request, "That session was not found.", 404)
    return RedirectResponse("/sessions?ended=1", status_code=303)


async def _sessions(request: Request, error: str = "", status: int = 200) -> Response:
    secret = request.cookies.get(SESSION_COOKIE, "")
    if not settings().multi_user:
        listed: list[dict[str, Any]] | None = []
    else:
        listed = await run_in_threadpool(storage.sessions_of, secret) if secret else None
    if listed is None:
        return signin_redirect("/sessions")
    return render(
        request,
        "sessions.html",
        status=status,
        title="Where you are signed in",
        section="diary",
        sessions=listed,
        error=error,
        ended=request.query_params.get("ended") == "1",
    )


def _safe_next(path: str) -> str:
    """Only a path on this site (never another site's address) after signing in."""
    return (
        path
        if path.startswith("/") and not path.startswith("//") and "\\" not in path
        else "/diary"
    )


def _page(request: Request, next_path: str, error: str, status: int = 200) -> HTMLResponse:
    return render(
        request,
        "signin.html",
        status=status,
        title="Sign in",
        section="diary",
        next_path=next_path,
        error=error,
        signup=signup_available(),
        signed_out=request.query_params.get("signed_out") == "1",
    )
