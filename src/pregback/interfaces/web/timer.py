"""The wave timer: a page whose script keeps the waves on her phone, and the verdict on them.

Owns: the timer page and `POST /timer/verdict`, which turns timed waves, her week and her risk
profile (saved, or given on the page) into the level, the action, the reasons, the rules the timer
watches at her week (core.watch) and the numbers to call, through `pregback.core.triage.assess`.
Never: a threshold or a number of its own (the rules decide; the knowledge base says when to call
now and the numbers of her country), nor keeping her waves on the server (the page keeps them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from pregback.core import profile as her
from pregback.core.findings import parse_findings
from pregback.core.history import with_additions
from pregback.core.triage import assess
from pregback.core.watch import watched
from pregback.errors import PregbackError
from pregback.interfaces.api.payload import object_from
from pregback.interfaces.api.problems import ApiProblem, entry, from_pregback
from pregback.interfaces.calls import calls_for
from pregback.interfaces.web.auth import person_name
from pregback.interfaces.web.jsonapi import VERDICT_ERRORS, VERDICT_REQUEST, VerdictOut
from pregback.interfaces.web.templating import SecureRoute, knowledge, render, settings

router = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API
#: The page's JSON endpoint, published in the OpenAPI with the service's.
json_api = APIRouter(route_class=SecureRoute, tags=["web"])

#: The waves a verdict reads: the rules look at the last hours, so the newest few hundred are plenty.
MAX_WAVES = 300
MAX_BODY = 64 * 1024
VERDICT_KEYS = ("episodes", "weeks", "first_pregnancy")


@dataclass(frozen=True)
class Saved:
    """What her saved profile gives the timer: findings (her week, her facts), the facts that end
    the pregnancy, and her week from the due date."""

    findings: dict[str, Any]
    ends: tuple[str, ...] = ()
    week: tuple[int, int] | None = None


def saved_profile(name: str | None) -> Saved:
    """Her saved profile; empty when she has none (nothing is created by looking), when she must
    sign in first, or when her data cannot be read (the timer works without it)."""
    if name is None:
        return Saved({})
    from sqlalchemy.exc import SQLAlchemyError

    from pregback.interfaces.web.storage import with_repo
    from pregback.store.db import exists, resolve_url

    def read(repo: Any) -> Saved:
        person = repo.person(name)
        if person is None:
            return Saved({})
        today = date.today()
        facts = repo.facts(person, today)
        base, _ = her.profile_findings(repo.kb, person.due_date, today, facts)
        return Saved(
            base,
            her.ends_pregnancy(repo.kb, facts),
            her.her_week(repo.kb, person.due_date, today, facts),
        )

    try:
        return with_repo(read) if exists(resolve_url(None)) else Saved({})
    except (PregbackError, SQLAlchemyError, OSError):
        return Saved({})


def week_text(saved: Saved, weeks: Any) -> str:
    if weeks is not None:
        return f"{weeks:g} weeks (as you said)" if isinstance(weeks, int | float) else str(weeks)
    if saved.ends:
        return (
            "after the birth: no week of pregnancy, so the labour rules of the weeks do not apply"
        )
    if saved.week is not None:
        return f"{saved.week[0]}+{saved.week[1]} weeks (from your due date)"
    return "week not known: the rules of every week are watched"


def watch_list(findings: dict[str, Any], kb: Any) -> list[dict[str, str]]:
    return [
        {"id": w.id, "title": w.title, "urgency": w.urgency, "label": kb.levels[w.urgency].label}
        for w in watched(parse_findings(findings, kb), kb)
    ]


@router.get("/timer", response_class=HTMLResponse)
async def timer_page(request: Request) -> HTMLResponse:
    kb = knowledge()
    net = assess({}, None, kb).safety_net
    offline = [line for line in net if line.urgency in ("emergency", "urgent")]
    saved = await run_in_threadpool(saved_profile, await person_name(request))
    response = render(
        request,
        "timer.html",
        title="Time your waves",
        section="timer",
        offline=offline,
        level_labels={k: v.label for k, v in kb.levels.items()},
        saved_week=saved.week,
        after_birth=bool(saved.ends),
        week_text=week_text(saved, None),
        watching=watch_list(saved.findings, kb),
        first=(saved.findings.get("symptoms") or {}).get("first_pregnancy"),
    )
    response.headers["Cache-Control"] = "no-cache"  # the service worker keeps a copy for offline
    return response


@json_api.post(
    "/timer/verdict",
    summary="What timed waves mean now (the timer page's script calls it)",
    response_model=VerdictOut,
    responses=VERDICT_ERRORS,
    openapi_extra=VERDICT_REQUEST,
)
async def verdict(request: Request) -> JSONResponse:
    """What the waves mean now: {urgency, label, action, alert, reasons, calls, summary, plan}.
    Faults are problem+json whose `detail` the page shows as it is."""
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise ApiProblem(
            "body_too_large",
            "Too many waves were sent at once.",
            [entry("episodes", "is too large", f"{len(raw)} bytes", f"at most {MAX_BODY} bytes")],
        )
    data = object_from(raw or b"{}", request.headers.get("content-type"), VERDICT_KEYS)
    episodes = data.get("episodes")
    episodes = [] if episodes is None else episodes
    if not isinstance(episodes, list):
        raise ApiProblem(
            "invalid_episodes",
            "The waves could not be read.",
            [entry("episodes", "is not a list", episodes, "a list of {start, end}")],
        )
    told: dict[str, Any] = {}
    weeks = data.get("weeks")
    if weeks is not None:
        told["gestational_weeks"] = weeks
    first = data.get("first_pregnancy")
    if first is not None and not isinstance(first, bool):
        raise ApiProblem(
            "invalid_input",
            "Please say whether this is your first baby.",
            [entry("first_pregnancy", "is not true, false or null", first, "true, false or null")],
        )
    if first is not None:
        told["symptoms"] = {"first_pregnancy": "present" if first else "absent"}
    kb = knowledge()
    # Her saved week and risk profile fill what the page did not say (what it says wins).
    saved = await run_in_threadpool(saved_profile, await person_name(request))
    profile, _ = her.told_over_profile(saved.findings, told, saved.ends)
    findings = with_additions(told, profile)
    try:
        result = assess(findings, episodes[-MAX_WAVES:] or None, kb)
    except PregbackError as exc:
        problem = from_pregback(exc)
        for err in problem.errors:
            if err["field"] == "gestational_weeks":
                err.update(entry("weeks", err["detail"], err["value"], err["allowed"]))
            elif not err["field"].startswith("episodes"):
                err.update(
                    entry(f"episodes.{err['field']}", err["detail"], err["value"], err["allowed"])
                )
        raise ApiProblem(problem.code, _plain_error(exc), problem.errors) from None
    body = verdict_body(result, kb, settings().unit_phone)
    body["week"] = week_text(saved, weeks)
    body["watching"] = watch_list(findings, kb)
    return JSONResponse(body)


def verdict_body(result: Any, kb: Any, unit: str | None = None) -> dict[str, Any]:
    """The verdict as the page shows it; `alert` when she should call now (the knowledge base's
    timer_alert for the level), with the numbers to call (her locale's, and her unit's)."""
    labour = any(kb.rules[r.id].labour_plan for r in result.fired if r.id in kb.rules)
    timing = result.timing.to_dict() if result.timing else None
    return {
        "urgency": result.urgency,
        "label": result.label,
        "action": result.action,
        "alert": kb.service[result.urgency].timer_alert,
        "labour": labour,
        "reasons": [{"title": r.title, "reason": r.reason} for r in result.fired],
        "calls": [
            {"href": c.href, "label": c.label, "note": c.note}
            for c in calls_for(result.urgency, kb, unit)
        ],
        "summary": timing,
        "plan": [{"title": p.title, "href": f"/learn/advice/{p.id}"} for p in result.plan[:4]],
        "notes": list(result.notes),
    }


def _plain_error(exc: PregbackError) -> str:
    fields = [p.field for p in exc.problems]
    if any(f.startswith("gestational_weeks") for f in fields):
        return "Please check the week: type a number of weeks from 1 to 45."
    if any("overlap" in p.text() for p in exc.problems):
        return "Two waves overlap. Please clear the waves and start again."
    return "Some of the times could not be read. Please clear the waves and start again."
