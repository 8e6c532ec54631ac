"""The wave timer: a page whose script keeps the waves on her phone, and the verdict on them.

Owns: the timer page and `POST /timer/verdict`, which turns timed waves (and her week) into the
level, the action and the reasons through `pregback.core.triage.assess`. Never: a threshold of its own
(the rules decide), nor keeping her waves on the server (the page keeps them in her browser).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from pregback.core.triage import assess
from pregback.errors import PregbackError
from pregback.interfaces.api.payload import object_from
from pregback.interfaces.api.problems import ApiProblem, entry, from_pregback
from pregback.interfaces.web import present
from pregback.interfaces.web.jsonapi import VERDICT_ERRORS, VERDICT_REQUEST, VerdictOut
from pregback.interfaces.web.templating import SecureRoute, knowledge, render, settings

router = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API
#: The page's JSON endpoint, published in the OpenAPI with the service's.
json_api = APIRouter(route_class=SecureRoute, tags=["web"])

#: The waves a verdict reads: the rules look at the last hours, so the newest few hundred are plenty.
MAX_WAVES = 300
MAX_BODY = 64 * 1024
VERDICT_KEYS = ("episodes", "weeks", "first_pregnancy")


@router.get("/timer", response_class=HTMLResponse)
async def timer_page(request: Request) -> HTMLResponse:
    kb = knowledge()
    net = assess({}, None, kb).safety_net
    offline = [line for line in net if line.urgency in ("emergency", "urgent")]
    response = render(
        request,
        "timer.html",
        title="Time your waves",
        section="timer",
        offline=offline,
        level_labels={k: v.label for k, v in kb.levels.items()},
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
    findings: dict[str, Any] = {}
    weeks = data.get("weeks")
    if weeks is not None:
        findings["gestational_weeks"] = weeks
    first = data.get("first_pregnancy")
    if first is not None and not isinstance(first, bool):
        raise ApiProblem(
            "invalid_input",
            "Please say whether this is your first baby.",
            [entry("first_pregnancy", "is not true, false or null", first, "true, false or null")],
        )
    if first is not None:
        findings["symptoms"] = {"first_pregnancy": "present" if first else "absent"}
    kb = knowledge()
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
    return JSONResponse(verdict_body(result, kb))


def verdict_body(result: Any, kb: Any) -> dict[str, Any]:
    """The verdict as the page shows it; `alert` when she should call now."""
    labour = any(kb.rules[r.id].labour_plan for r in result.fired if r.id in kb.rules)
    timing = result.timing.to_dict() if result.timing else None
    return {
        "urgency": result.urgency,
        "label": result.label,
        "action": result.action,
        "alert": result.urgency in ("emergency", "urgent"),
        "labour": labour,
        "reasons": [{"title": r.title, "reason": r.reason} for r in result.fired],
        "calls": [
            {"href": c.href, "label": c.label} for c in present.calls(result.urgency, settings())
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
