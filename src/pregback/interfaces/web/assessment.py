"""The assessment pages: her message, what we understood (to check), one screen at a time with the
emergency first, then the result.

Owns: the form flow (start, check what was read, answer, none of these, I don't know, back, show
my result now, questions for the ambulance crew) as plain HTML forms that work without JavaScript.
Never: clinical logic or a replay of its own (the core's `replay` decides every step), nor
findings in a URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from pregback.core.interview import NONE, Ask, Step
from pregback.core.triage import Assessment, assess
from pregback.errors import PregbackError
from pregback.interfaces.api.offload import readers
from pregback.interfaces.web import present
from pregback.interfaces.web.auth import person_name
from pregback.interfaces.web.conversation import (
    Refused,
    answer_from,
    checks_from,
    refusal_for,
    understood,
)
from pregback.interfaces.web.state import MAX_MESSAGE, Interview, StateError, unpack
from pregback.interfaces.web.storage import with_repo
from pregback.interfaces.web.templating import SecureRoute, knowledge, render, settings
from pregback.knowledge import KnowledgeBase

router = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API


@router.get("/assess", response_class=HTMLResponse)
async def start_page(request: Request) -> HTMLResponse:
    """The message box, and a way to answer questions instead."""
    return _start(request, "")


@router.post("/assess", response_class=HTMLResponse)
async def begin(request: Request) -> HTMLResponse:
    """Read her message (if any): an emergency shows at once; otherwise what we understood, to
    check, then the first question."""
    form = await request.form()
    kb = knowledge()
    message = str(form.get("message") or "").strip()[:MAX_MESSAGE]
    interview = Interview(message=message)
    reading = None
    if message and form.get("do") != "questions":
        reading = await readers(request).run(read_message, message, kb)
        interview.base = reading["findings"]
        interview.uncertain = reading["uncertain"]
    elif form.get("do") == "questions":
        interview.message = ""
    name = await person_name(request)
    interview.known = await run_in_threadpool(_known, name, interview.base)
    try:
        page = _page(request, interview, kb, reading=reading)
    except StateError:
        return _damaged(request)
    await _remember(request, interview, kb, name)
    return page


@router.post("/assess/answer", response_class=HTMLResponse)
async def answer(request: Request) -> HTMLResponse:
    """One press on a page of the check: next, none of these, I don't know, back, show my result
    now, carry on, questions for the crew, or her checks of what was read."""
    form = await request.form()
    kb = knowledge()
    try:
        interview = unpack(str(form.get("state") or ""))
        step = interview.step(kb)
    except StateError:
        return _damaged(request)
    do = str(form.get("do") or "next")
    if do == "back":
        return _back(request, interview, step, kb)
    if do == "finish" and step.ask is None:  # from the questions for the crew: the result
        interview.extra = None
    elif do in ("finish", "continue"):
        interview.done = do == "finish"
    elif do == "extra":
        interview.extra = len(interview.answers)
    elif do == "correct":
        interview.checks = checks_from(form, understood(interview, kb))
        interview.checked = True
        try:
            interview.step(kb)
        except StateError:
            interview.checks = {}
    elif do in ("next", "none", "skip"):
        ask = _current(interview, step)
        if ask is not None and form.get("ask") == ask.id:  # else a stale page: show where she is
            try:
                value = None if do == "skip" else NONE if do == "none" else answer_from(ask, form)
            except Refused as exc:
                return _page(request, interview, kb, error=str(exc), status=422)
            trial = Interview(**{**interview.__dict__, "answers": [*interview.answers]})
            trial.answers.append([ask.id, value])
            try:
                trial.step(kb)
            except StateError:
                return _page(request, interview, kb, error=refusal_for(ask), status=422)
            interview = trial
    page = _page(request, interview, kb)
    await _remember(request, interview, kb, await person_name(request))
    return page


def _known(name: str | None, base: dict[str, Any]) -> dict[str, Any]:
    """What her saved profile and diary add to her message (nothing when she has no profile, must
    sign in first, or her data cannot be read: the check works without it; nothing is created)."""
    if name is None:
        return {}
    from sqlalchemy.exc import SQLAlchemyError

    from pregback.services.assess import known_about
    from pregback.store.db import exists, resolve_url

    def read(repo: Any) -> dict[str, Any]:
        person = repo.person(name)
        return {} if person is None else known_about(repo, person, base, datetime.now(UTC))

    try:
        return with_repo(read) if exists(resolve_url(None)) else {}
    except (PregbackError, SQLAlchemyError, OSError):
        return {}


async def _remember(
    request: Request, interview: Interview, kb: KnowledgeBase, name: str | None
) -> None:
    """At her result, the risk facts she gave are kept in her profile, when she has one (asked
    once); the check creates no profile."""
    if name is None:
        return
    step = interview.step(kb)
    if step.ask is not None and not interview.done:  # not at her result yet
        return
    from sqlalchemy.exc import SQLAlchemyError

    from pregback.services.assess import remember_given
    from pregback.store.db import exists, resolve_url

    if not exists(resolve_url(None)):
        return

    def keep(repo: Any) -> None:
        person = repo.person(name)
        if person is not None and repo.hold(person):  # never after an erase of her data
            remember_given(repo, person, step.findings.to_dict(), datetime.now(UTC), kb)

    try:
        await run_in_threadpool(with_repo, keep)
    except (PregbackError, SQLAlchemyError, OSError):
        return  # her result is shown whatever happens to keeping the facts


def _back(request: Request, interview: Interview, step: Step, kb: KnowledgeBase) -> HTMLResponse:
    if interview.done:
        interview.done = False
    elif interview.extra is not None and interview.extra >= len(interview.answers):
        interview.extra = None
    elif interview.answers:
        interview.answers.pop()
    elif interview.checked and understood(interview, kb):
        interview.checked = False
    else:
        return _start(request, interview.message)
    return _page(request, interview, kb)


def _current(interview: Interview, step: Step) -> Ask | None:
    """The screen she is answering: the next question, or the optional one for the crew."""
    if step.ask is not None:
        return None if interview.done else step.ask
    return step.optional if interview.extra is not None else None


def _damaged(request: Request) -> HTMLResponse:
    return render(
        request,
        "problem.html",
        status=400,
        title="Please start again",
        detail="We could not read your answers. Please start the check again.",
    )


def _unread(message: str, notice: str) -> dict[str, Any]:
    """Nothing read from her message, and why: the questions will ask instead."""
    return {
        "findings": {},
        "evidence": [],
        "pieces": [(message, False)],
        "understood": [],
        "uncertain": [],
        "notice": notice,
    }


def read_message(message: str, kb: KnowledgeBase) -> dict[str, Any]:
    """What the reader found in her message: findings, the spans it read, and a note if it could not."""
    try:
        from pregback.core.reading import read
    except ImportError:
        return _unread(
            message, "This server cannot read messages yet, so we will ask you questions instead."
        )
    try:
        reading: Any = read(message, kb, today=date.today())
        data: dict[str, Any] = reading.to_dict() if hasattr(reading, "to_dict") else {}
        found: Any = getattr(reading, "findings", None)
        findings = (
            found.to_dict() if hasattr(found, "to_dict") else dict(data.get("findings") or {})
        )
        evidence = [
            _evidence(e) for e in (data.get("evidence") or getattr(reading, "evidence", None) or ())
        ]
    except (PregbackError, ValueError, TypeError, AttributeError):
        return _unread(
            message, "We could not read your message, so we will ask you questions instead."
        )
    words = list(
        dict.fromkeys(
            present.finding_words(kb, str(e["finding"]), e["value"])
            + (" (not sure)" if e.get("uncertain") else "")
            for e in evidence
            if e.get("finding")
        )
    )
    return {
        "findings": findings,
        "evidence": evidence,
        "pieces": present.marked(message, evidence),
        "understood": words,
        "uncertain": sorted({str(e["finding"]) for e in evidence if e.get("uncertain")}),
        "notice": ""
        if words
        else "We did not find anything we could use in your message, so we will ask you questions.",
    }


def _evidence(e: Any) -> dict[str, Any]:
    if isinstance(e, Mapping):
        return dict(e)
    keys = ("start", "end", "text", "finding", "value", "uncertain")
    return {k: getattr(e, k, None) for k in keys}


def _start(request: Request, message: str) -> HTMLResponse:
    signs = emergency_signs(knowledge())
    return render(
        request,
        "assess_start.html",
        title="Check your back pain",
        section="assess",
        message=message,
        emergency_signs=signs,
        max_message=MAX_MESSAGE,
    )


def emergency_signs(kb: KnowledgeBase) -> list[str]:
    """The signs that mean an emergency whatever the week (from the knowledge base's rules)."""
    net = assess({}, None, kb).safety_net
    return [s for line in net if line.urgency == "emergency" for s in line.signs]


def _page(
    request: Request,
    interview: Interview,
    kb: KnowledgeBase,
    error: str = "",
    status: int = 200,
    reading: dict[str, Any] | None = None,
) -> HTMLResponse:
    """The page for where she is: the result at once at an emergency (or when nothing could change
    it), what we understood (once, before the questions), or the next question."""
    step = interview.step(kb)
    if step.ask is not None:  # no longer an emergency: the questions for the crew are over
        interview.extra = None
    result = step.result
    told = present.describe(step.findings, kb)
    items = understood(interview, kb)
    ask = _current(interview, step)
    common: dict[str, Any] = {
        "section": "assess",
        "state": interview.pack(),
        "told": told,
        "reading": reading,
        "items": items,
        "error": error,
    }
    if ask is None:
        return render(
            request,
            "result.html",
            status=status,
            title=f"Result: {result.label}",
            finished_early=interview.done and step.ask is not None,
            optional=step.optional,
            **common,
            **result_context(result, kb),
        )
    so_far = {
        "so_far": result,
        "so_far_calls": present.calls(result.urgency, settings(), kb),
        "level_labels": {k: v.label for k, v in kb.levels.items()},
    }
    if items and not interview.checked and step.ask is not None:
        return render(
            request,
            "check.html",
            status=status,
            title="Is this what you meant?",
            **common,
            **so_far,
        )
    number, about = step.progress
    if step.ask is None:  # a question for the crew, after the emergency
        number, about = len(interview.answers) - (interview.extra or 0) + 1, 0
    return render(
        request,
        "question.html",
        status=status,
        title=ask.text,
        ask=ask,
        number=number,
        about=about,
        optional=step.ask is None,
        **common,
        **so_far,
    )


def result_context(result: Assessment, kb: KnowledgeBase) -> dict[str, Any]:
    """What the result page (and the timer's verdict) show, in the order she needs it."""
    return {
        "a": result,
        "calls": present.calls(result.urgency, settings()),
        "reasons": [{"rule": r, "sources": present.sources(kb, r.sources)} for r in result.fired],
        "plan": [
            {
                "item": p,
                "picture": present.picture_for(kb, p.id),
                "sources": present.sources(kb, p.sources),
                "strength": present.STRENGTH_WORDS.get(p.strength, p.strength),
            }
            for p in result.plan
        ],
        "level_labels": {k: v.label for k, v in kb.levels.items()},
    }
