"""Her profile page: her due date and her risk profile (an earlier caesarean, twins, a low-lying
placenta...), each answered yes, no or not sure, asked once and used by every check and the timer.

Owns: the /profile page and its form (CSRF-checked), the plain labels and questions from
findings.yaml, and her errors in words. Never: checking an answer itself (the store's profile
module does), or a list of facts in code (findings.yaml marks them `profile: true`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from pregback.errors import PregbackError
from pregback.interfaces.web.auth import erased_page, person_name, signin_redirect
from pregback.interfaces.web.storage import Erased, with_person, with_repo
from pregback.interfaces.web.templating import (
    CSRF_FIELD,
    SecureRoute,
    check_csrf,
    knowledge,
    render,
)

router = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API

#: The three choices of each fact, as the form sends them.
CHOICES = (("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure"))
ANSWER = {"present": "yes", "absent": "no", None: "not_sure"}


@router.get("/profile", response_class=HTMLResponse)
async def profile_page(request: Request) -> Response:
    name = await person_name(request)
    if name is None:
        return signin_redirect("/profile")
    return await _page(request, name)


async def _page(
    request: Request,
    name: str,
    errors: list[str] | None = None,
    sent: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    from pregback.core.profile import fact_defs
    from pregback.store.profile import profile_view

    def read(repo: Any) -> dict[str, Any]:
        person = repo.person(name)
        if person is None:  # no profile yet: every fact not said, nothing created by looking
            return {"due_date": None, "week": None, "after_birth": False, "facts": {}, "since": {}}
        return profile_view(repo, person, date.today())

    view = await run_in_threadpool(with_repo, read)
    kb = knowledge()
    facts = [
        {
            "id": d.id,
            "label": d.label,
            "question": d.question,
            "lasts_days": d.lasts_days,
            "answer": (sent or {}).get(d.id) or ANSWER[view["facts"].get(d.id)],
            "since": (sent or {}).get(f"since.{d.id}") or view["since"].get(d.id, ""),
        }
        for d in fact_defs(kb)
    ]
    return render(
        request,
        "profile.html",
        status=status,
        title="My profile",
        section="diary",
        view=view,
        facts=facts,
        choices=CHOICES,
        errors=errors or [],
        saved=request.query_params.get("saved"),
        today=date.today().isoformat(),
    )


@router.post("/profile", response_class=HTMLResponse)
async def save_profile(request: Request) -> Response:
    from pregback.core.profile import fact_defs

    name = await person_name(request)
    if name is None:
        return signin_redirect("/profile")
    form = await request.form()
    if not check_csrf(request, str(form.get(CSRF_FIELD) or "")):
        return await _page(request, name, ["This form has expired. Please try again."], status=403)
    changes: dict[str, Any] = {}
    sent: dict[str, str] = {}
    due = str(form.get("due_date") or "").strip()
    if due:
        changes["due_date"] = due
    facts: dict[str, str | None] = {}
    for d in fact_defs(knowledge()):
        answer = str(form.get(f"fact.{d.id}") or "").strip()
        since = str(form.get(f"since.{d.id}") or "").strip()
        if not answer:
            continue  # not on the form she sent: leave it as it is
        sent[d.id], sent[f"since.{d.id}"] = answer, since
        if answer == "yes" and since and d.lasts_days:
            facts[d.id] = since  # the day it was done: it counts for lasts_days from then
        else:
            facts[d.id] = None if answer == "not_sure" else answer
    changes["facts"] = facts

    def save(repo: Any, her: Any) -> None:
        repo.set_profile(her.name, **changes)

    try:
        await run_in_threadpool(lambda: with_person(name, save, write=True))
    except Erased:
        return erased_page(request)
    except PregbackError as exc:
        return await _page(request, name, _errors(exc), sent, status=422)
    return RedirectResponse("/profile?saved=1", status_code=303)


def _errors(exc: PregbackError) -> list[str]:
    """Her errors in words, each naming the question."""
    kb = knowledge()
    out = []
    for p in exc.problems:
        fid = p.field.removeprefix("facts.")
        if p.field == "due_date":
            out.append("Please give the due date of this pregnancy, like 2026-09-30.")
        elif fid in kb.symptoms:
            sym = kb.symptoms[fid]
            out.append(
                f"{sym.label}: please answer yes, no or not sure"
                + (f", with a day in the last {sym.lasts_days} days." if sym.lasts_days else ".")
            )
        else:
            out.append(p.text())
    return list(dict.fromkeys(out))
