"""The assessment pages: her message, one question at a time (red flags first), then the result.

Owns: the form flow (start, answer, skip, back, finish) as plain HTML forms that work without
JavaScript. Never: clinical logic (the interview and triage decide), or findings in a URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData

from pregback.core.interview import Ask, next_question
from pregback.core.triage import Assessment, assess
from pregback.errors import PregbackError
from pregback.interfaces.api.offload import readers
from pregback.interfaces.web import present
from pregback.interfaces.web.state import MAX_MESSAGE, Interview, StateError, Step, unpack
from pregback.interfaces.web.templating import SecureRoute, knowledge, render, settings
from pregback.knowledge import KnowledgeBase

router = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API


@router.get("/assess", response_class=HTMLResponse)
async def start_page(request: Request) -> HTMLResponse:
    """The message box, and a way to answer questions instead."""
    return _start(request, "")


@router.post("/assess", response_class=HTMLResponse)
async def begin(request: Request) -> HTMLResponse:
    """Read her message (if any) and ask the first question."""
    form = await request.form()
    kb = knowledge()
    message = str(form.get("message") or "").strip()[:MAX_MESSAGE]
    interview = Interview(message=message)
    reading = None
    if message and form.get("do") != "questions":
        reading = await readers(request).run(read_message, message, kb)
        interview.base = reading["findings"]
    elif form.get("do") == "questions":
        interview.message = ""
    return _step(request, interview, kb, reading=reading)


@router.post("/assess/answer", response_class=HTMLResponse)
async def answer(request: Request) -> HTMLResponse:
    """Record one answer (or skip, go back, finish now) and show the next question or the result."""
    form = await request.form()
    kb = knowledge()
    try:
        interview = unpack(str(form.get("state") or ""))
        interview.findings(kb)
    except StateError:
        return render(
            request,
            "problem.html",
            status=400,
            title="Please start again",
            detail="We could not read your answers. Please start the check again.",
        )
    do = str(form.get("do") or "next")
    if do == "back":
        if interview.done:
            interview.done = False
        elif interview.steps:
            interview.steps.pop()
        else:
            return _start(request, interview.message)
        return _step(request, interview, kb)
    if do == "finish":
        interview.done = True
        return _step(request, interview, kb)
    if do == "continue":
        interview.done = False
        return _step(request, interview, kb)
    ask, _ = next_question(interview.findings(kb), None, kb, interview.skipped)
    if ask is None or form.get("ask") != ask.id:
        return _step(request, interview, kb)  # a stale page (sent twice): show where she is
    if do == "skip":
        items = tuple(c.id for c in ask.items) if ask.kind == "symptoms" else ()
        interview.steps.append(Step(ask.id, "skip", None, items))
        return _step(request, interview, kb)
    step: Step | None
    if do == "none" and ask.kind == "symptoms":
        step, error = Step(ask.id, "symptoms", [], tuple(c.id for c in ask.items)), ""
    else:
        step, error = answer_step(ask, form, kb)
    if step is not None:
        trial = Interview(interview.message, interview.base, [*interview.steps, step])
        try:
            trial.findings(kb)
        except StateError:
            step, error = None, _range_words(ask)
    if step is None:
        return _step(request, interview, kb, error=error, status=422)
    interview.steps.append(step)
    return _step(request, interview, kb)


def answer_step(ask: Ask, form: FormData, kb: KnowledgeBase) -> tuple[Step | None, str]:
    """Her answer to `ask` from the form, or None and what to fix, in plain words."""
    values = [str(v) for v in form.getlist("value") if str(v).strip()]
    allowed = [c.id for c in ask.items]
    if ask.kind == "symptoms":
        if any(v not in allowed for v in values):
            return None, "Please choose from the list."
        return Step(ask.id, "symptoms", values, tuple(allowed)), ""
    if ask.type == "list":
        if not values:
            return None, "Choose at least one, or press “I don't know”."
        if any(v not in allowed for v in values):
            return None, "Please choose from the list."
        return Step(ask.id, "scalar", values), ""
    if ask.type == "choice":
        if len(values) != 1 or values[0] not in allowed:
            return None, "Choose one answer, or press “I don't know”."
        return Step(ask.id, "scalar", values[0]), ""
    if not values:
        return None, "Type a number, or press “I don't know”."
    number = _parse_number(values[0])
    if number is None:
        return None, _range_words(ask)
    if ask.type == "integer":
        if not float(number).is_integer():
            return None, _range_words(ask)
        number = int(number)
    return Step(ask.id, "scalar", number), ""


def _parse_number(text: str) -> float | None:
    cleaned = text.strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _range_words(ask: Ask) -> str:
    kind = "a whole number" if ask.type == "integer" else "a number"
    if ask.min is not None and ask.max is not None:
        return f"Please type {kind} from {ask.min:g} to {ask.max:g}."
    if ask.min is not None:
        return f"Please type {kind} of {ask.min:g} or more."
    return f"Please type {kind}."


def read_message(message: str, kb: KnowledgeBase) -> dict[str, Any]:
    """What the reader found in her message: findings, the spans it read, and a note if it could not."""
    try:
        from pregback.core.reading import read
    except ImportError:
        return {
            "findings": {},
            "evidence": [],
            "pieces": [(message, False)],
            "understood": [],
            "notice": "This server cannot read messages yet, so we will ask you questions instead.",
        }
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
        return {
            "findings": {},
            "evidence": [],
            "pieces": [(message, False)],
            "understood": [],
            "notice": "We could not read your message, so we will ask you questions instead.",
        }
    understood = list(
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
        "understood": understood,
        "notice": ""
        if understood
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


def _step(
    request: Request,
    interview: Interview,
    kb: KnowledgeBase,
    error: str = "",
    status: int = 200,
    reading: dict[str, Any] | None = None,
) -> HTMLResponse:
    found = interview.findings(kb)
    ask, result = next_question(found, None, kb, interview.skipped)
    told = present.describe(found, kb)
    if interview.done or ask is None:
        return render(
            request,
            "result.html",
            status=status,
            title=f"Result: {result.label}",
            section="assess",
            state=interview.pack(),
            told=told,
            reading=reading,
            finished_early=interview.done and ask is not None,
            **result_context(result, kb),
        )
    return render(
        request,
        "question.html",
        status=status,
        title=ask.text,
        section="assess",
        ask=ask,
        state=interview.pack(),
        told=told,
        error=error,
        reading=reading,
        number=len(interview.steps) + 1,
        so_far=result,
        so_far_calls=present.calls(result.urgency, settings()),
        red_flag=ask.could_raise_to in ("emergency", "urgent"),
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
