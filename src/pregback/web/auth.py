"""Who is using the diary and the timer: one local profile on a personal install, or a signed-in person.

Owns: the session cookie (HttpOnly, SameSite=Strict) that holds her API token when the app serves
many people (PREGBACK_MULTI_USER=1), and the sign-in, sign-up and sign-out pages. Never: keeping a
token on the server (the API's token table keeps only its hash), or a shared profile when many use it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from pregback.web.storage import new_person_with_token, person_for_token
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


def signup_available() -> bool:
    """Whether she can make her own private diary here (PREGBACK_SIGNUP, like the API's sign-up)."""
    from pregback.api.settings import Settings

    try:
        return Settings.from_env().signup
    except ValueError:
        return False  # a bad setting closes sign-up rather than opening it


async def person_name(request: Request) -> str | None:
    """Her profile name: the local one on a personal install; None when she must sign in first."""
    if not settings().multi_user:
        return LOCAL_PERSON
    token = request.cookies.get(SESSION_COOKIE, "")
    return await run_in_threadpool(person_for_token, token) if token else None


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
    name = await run_in_threadpool(person_for_token, token) if token else None
    if not name:
        return _page(request, next_path, "That code did not work. Check it and try again.", 401)
    response = RedirectResponse(next_path, status_code=303)
    set_cookie(request, response, SESSION_COOKIE, token, SESSION_SECONDS)
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
    from pregback.api.auth import signup_wait

    if signup_wait(request) > 0:
        return _page(
            request,
            next_path,
            "Too many new diaries were made from here just now. Please try again in an hour.",
            429,
        )
    token = await run_in_threadpool(new_person_with_token, "web")
    response = render(
        request,
        "signup_done.html",
        title="Your private code",
        section="diary",
        code=token,
        next_path=next_path,
    )
    set_cookie(request, response, SESSION_COOKIE, token, SESSION_SECONDS)
    return response


@router.post("/signout")
async def signout(request: Request) -> Response:
    form = await request.form()
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return _page(request, "/", "This form has expired. Please try again.", 403)
    response = RedirectResponse("/signin?signed_out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


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
