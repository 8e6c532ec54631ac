"""The diary pages: add an entry in a few taps, see pain over time with timed waves, get the report.

Owns: the diary forms (CSRF-checked), the chart's time range, saving the timer's waves to her
profile and the report download. Never: checking entries itself (the store's repository does),
nor a profile shared by many people (multi-user installs need sign-in, see `auth`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from pregback.errors import PregbackError
from pregback.interfaces.api.payload import object_from
from pregback.interfaces.api.problems import ApiProblem, entry
from pregback.interfaces.api.quota import ensure_room
from pregback.interfaces.web import chart
from pregback.interfaces.web.auth import erased_page, person_name, signin_redirect
from pregback.interfaces.web.jsonapi import SAVE_ERRORS, SAVE_REQUEST, SavedOut
from pregback.interfaces.web.storage import Erased, with_person
from pregback.interfaces.web.templating import (
    CSRF_FIELD,
    CSRF_HEADER,
    SecureRoute,
    check_csrf,
    her_tz,
    knowledge,
    render,
)
from pregback.store.entries import MAX_ID

router = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API
#: The page's JSON endpoint, published in the OpenAPI with the service's.
json_api = APIRouter(route_class=SecureRoute, tags=["web"])

RANGES = (7, 30, 90)
MAX_LISTED = 60
MAX_WAVES_SAVED = 300


@router.get("/diary", response_class=HTMLResponse)
async def diary_page(request: Request, days: int = 30) -> Response:
    name = await person_name(request)
    if name is None:
        return signin_redirect("/diary")
    return await _page(request, name, days if days in RANGES else 30)


async def _page(
    request: Request,
    name: str,
    days: int,
    errors: list[str] | None = None,
    form: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    now = datetime.now(UTC)
    since = now - timedelta(days=days)
    tz = her_tz(request)

    def local(at: datetime) -> datetime:
        return at.astimezone(tz)

    def read(repo: Any, person: Any) -> dict[str, Any]:
        entries = repo.entries(person, limit=MAX_LISTED, newest_first=True)
        points = [(local(e.at), e.pain) for e in repo.entries(person, since=since)]
        waves = [local(w.started_at) for w in repo.episodes(person, since=since)]
        latest = repo.latest_assessment(person)
        return {
            "entries": [_entry_view(e, tz) for e in entries],
            "chart": chart.pain_chart(
                points, waves, local(since), local(now), f"Your pain over the last {days} days"
            ),
            "table": [(at.strftime("%a %d %b %H:%M"), pain) for at, pain in points],
            "wave_count": len(waves),
            "due_date": person.due_date.isoformat() if person.due_date else "",
            "latest": latest.result if latest is not None else None,
        }

    try:
        data = await run_in_threadpool(with_person, name, read)
    except Erased:
        return erased_page(request)
    kb = knowledge()
    return render(
        request,
        "diary.html",
        status=status,
        title="My diary",
        section="diary",
        days=days,
        ranges=RANGES,
        errors=errors or [],
        form=form or {},
        saved=request.query_params.get("saved"),
        locations=list(kb.locations.values()),
        now_local=local(now).strftime("%Y-%m-%dT%H:%M"),
        level_labels={k: v.label for k, v in kb.levels.items()},
        **data,
    )


def _entry_view(e: Any, tz: tzinfo) -> dict[str, Any]:
    kb = knowledge()
    return {
        "id": e.id,
        "when": e.at.astimezone(tz).strftime("%a %d %b %Y, %H:%M"),
        "pain": e.pain,
        "where": ", ".join(kb.locations[loc].label for loc in e.locations if loc in kb.locations),
        "notes": e.notes,
    }


@router.post("/diary", response_class=HTMLResponse)
async def add_entry(request: Request) -> Response:
    name = await person_name(request)
    if name is None:
        return signin_redirect("/diary")
    form = await request.form()
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return await _page(
            request, name, 30, ["This form has expired. Please try again."], status=403
        )
    fields: dict[str, Any] = {
        "pain": _int(form.get("pain")),
        "locations": [str(v) for v in form.getlist("locations")],
        "notes": str(form.get("notes") or "").strip(),
    }
    when = str(form.get("at") or "").strip()
    fields["at"] = _moment(when, her_tz(request)) if when else "now"
    settings = request.app.state.settings

    def add(repo: Any, person: Any) -> None:
        ensure_room(repo.s, person.id, "entries", settings)
        repo.add_entry(person, fields)

    try:
        await run_in_threadpool(lambda: with_person(name, add, write=True))
    except Erased:
        return erased_page(request)
    except PregbackError as exc:
        return await _page(request, name, 30, said(exc), form=fields, status=422)
    except ApiProblem:
        full = "Your diary is full. Delete some old entries to add new ones."
        return await _page(request, name, 30, [full], form=fields, status=413)
    return RedirectResponse("/diary?saved=1#entries", status_code=303)


@router.post("/diary/profile", response_class=HTMLResponse)
async def set_profile(request: Request) -> Response:
    name = await person_name(request)
    if name is None:
        return signin_redirect("/diary")
    form = await request.form()
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return await _page(
            request, name, 30, ["This form has expired. Please try again."], status=403
        )
    due = str(form.get("due_date") or "").strip() or None

    def save(repo: Any, her: Any) -> None:
        repo.set_profile(her.name, due_date=due)

    try:
        await run_in_threadpool(lambda: with_person(name, save, write=True))
    except Erased:
        return erased_page(request)
    except PregbackError:
        return await _page(
            request,
            name,
            30,
            ["Please give the due date of this pregnancy, like 2026-09-30."],
            status=422,
        )
    return RedirectResponse("/diary?saved=profile", status_code=303)


@router.post("/diary/{entry_id}/delete", response_class=HTMLResponse)
async def delete_entry(
    request: Request, entry_id: Annotated[int, PathParam(ge=1, le=MAX_ID)]
) -> Response:
    name = await person_name(request)
    if name is None:
        return signin_redirect("/diary")
    form = await request.form()
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return await _page(
            request, name, 30, ["This form has expired. Please try again."], status=403
        )

    def delete(repo: Any, her: Any) -> None:
        repo.delete_entry(her, entry_id)

    try:
        await run_in_threadpool(lambda: with_person(name, delete, write=True, create=False))
    except Erased:
        return erased_page(request)
    except PregbackError as exc:
        return await _page(request, name, 30, said(exc), status=404)
    return RedirectResponse("/diary?saved=deleted#entries", status_code=303)


@json_api.post(
    "/timer/save",
    summary="Keep the timer's finished waves in her diary (the timer page's script calls it)",
    response_model=SavedOut,
    responses=SAVE_ERRORS,
    openapi_extra=SAVE_REQUEST,
)
async def save_waves(request: Request) -> JSONResponse:
    """Keep the timer's finished waves in her diary; waves already kept are skipped."""
    name = await person_name(request)
    if name is None:
        raise ApiProblem("unauthorized", "Please sign in to save your waves.")
    if not check_csrf(request, request.headers.get(CSRF_HEADER)):
        raise ApiProblem(
            "forbidden",
            "Please reload the page and try again.",
            [entry("X-CSRF-Token", "does not match the page's cookie", None, "the page's token")],
        )
    data = object_from(
        await request.body() or b"{}", request.headers.get("content-type"), ("episodes",)
    )
    waves = data.get("episodes")
    waves = [] if waves is None else waves
    if not isinstance(waves, list):
        raise ApiProblem(
            "invalid_episodes",
            "The waves could not be read.",
            [entry("episodes", "is not a list", waves, "a list of {start, end}")],
        )

    settings = request.app.state.settings

    def keep(repo: Any, person: Any) -> int:
        saved = 0
        for w in waves[-MAX_WAVES_SAVED:]:
            if not isinstance(w, dict):
                continue
            ensure_room(repo.s, person.id, "waves", settings)  # 413: none of them is kept
            try:  # the repository checks before it writes, so a refused wave changes nothing
                repo.add_episode(person, w.get("start"), w.get("end"))
                saved += 1
            except PregbackError:
                continue  # already saved, or overlapping one that is
        return saved

    try:
        saved = await run_in_threadpool(lambda: with_person(name, keep, write=True))
    except Erased:
        raise ApiProblem(
            "conflict", "Your diary was erased from this server, so these waves were not saved."
        ) from None
    return JSONResponse({"saved": saved})


REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


async def _her_report(request: Request) -> str | Response:
    """Her report as HTML, or the page to show instead (sign in; her diary was erased)."""
    name = await person_name(request)
    if name is None:
        return signin_redirect("/diary")
    try:
        return await run_in_threadpool(_report_html, name, her_tz(request))
    except Erased:
        return erased_page(request)


@router.get("/diary/report")
async def report(request: Request) -> Response:
    """Her report for her midwife as an HTML page to print or send (`pregback.interfaces.exports.report`, like the CLI)."""
    html = await _her_report(request)
    if isinstance(html, Response):
        return html
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="pregback-report.html"',
            "Content-Security-Policy": REPORT_CSP,
            "Cache-Control": "no-store",
        },
    )


@router.get("/diary/report.pdf")
async def report_pdf(request: Request) -> Response:
    """The same report as a PDF; when this install cannot make PDFs it says so and offers the page."""
    from pregback.interfaces.exports.report import render_pdf

    html = await _her_report(request)
    if isinstance(html, Response):
        return html
    try:
        pdf, _pages = await run_in_threadpool(render_pdf, html)
    except (ImportError, OSError):  # no WeasyPrint, or no Pango library under it
        return render(
            request,
            "problem.html",
            status=503,
            title="The PDF cannot be made here",
            detail="This server cannot make PDF files. Download the report as a page instead: "
            "it prints the same.",
            back_href="/diary#report-h",
            back_label="Back to my diary",
        )
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="pregback-report.pdf"',
            "Cache-Control": "no-store",
        },
    )


def _report_html(name: str, tz: tzinfo) -> str:
    from pregback.interfaces.exports.report import gather, render_html

    def build(repo: Any, her: Any) -> str:
        return render_html(gather(repo, her, kb=knowledge(), tz=tz))

    return with_person(name, build)


def _moment(text: str, tz: tzinfo) -> Any:
    """The time the form gave (a browser sends it without a zone) in her time zone; the
    repository explains a time it cannot read, so an unreadable one is passed on as it is."""
    from pregback.store.entries import parse_moment

    try:
        return parse_moment(text, "at", tz=tz)
    except PregbackError:
        return text


def _int(value: Any) -> Any:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return value


#: The store's errors in the diary page's words, by the error's code and the problem's field (the
#: store says them in neutral words; the terminal adds its commands, the API its problem+json).
WORDS = {
    ("invalid_entry", "pain"): "Choose how bad the pain is, from 0 to 10.",
    ("invalid_entry", "at"): "Check the date and time: it cannot be in the future.",
    ("invalid_entry", "locations"): "Choose where it hurts from the list.",
    ("invalid_entry", "notes"): "The note is too long.",
    ("invalid_entry", "changes"): "Change at least one thing: the time, the pain, where it hurts, "
    "a symptom, what helped or the note.",
    ("not_found", "id"): "That entry was not found.",
    ("not_found", "person"): "That entry was not found: your diary is empty.",
}


def said(exc: PregbackError) -> list[str]:
    """The store's error in the page's words, one line for each field at fault."""
    out = [WORDS.get((exc.code, p.field), f"Check {p.field}.") for p in exc.problems]
    return list(dict.fromkeys(out))
