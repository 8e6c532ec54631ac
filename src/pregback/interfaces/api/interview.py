"""POST /v1/interview: the conversation over HTTP, stateless, through the core's one `replay`.

Owns: checking the request's shape (message or findings, corrections, answers, skipped), calling
`pregback.core.interview.replay`, and the reply: the next question with what it accepts, or
`done` (at once at an emergency, with an optional question for the ambulance crew), the progress,
who to call (from the knowledge base) and the assessment so far. Never: an interview loop of its
own, or clinical logic.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request

from pregback.core.findings import Findings, parse_findings
from pregback.core.interview import AnswerError, Ask, Field, Step, replay
from pregback.core.labour import Episode, parse_episodes
from pregback.errors import PregbackError
from pregback.interfaces.api.offload import readers
from pregback.interfaces.api.payload import json_object, list_field
from pregback.interfaces.api.problems import ApiProblem, entry, from_pregback
from pregback.interfaces.api.render import AssessmentResponse, document
from pregback.interfaces.api.rest import INPUT_ERRORS, LeanRoute, body_ref, checked_case
from pregback.interfaces.api.schemas import InterviewOut
from pregback.interfaces.api.settings import Settings
from pregback.knowledge import KnowledgeBase

lean = APIRouter(prefix="/v1", route_class=LeanRoute)
KEYS = ("findings", "message", "episodes", "corrections", "answers", "skipped")


@lean.post(
    "/interview",
    summary="The next question from the answers so far, or the result (at once at an emergency)",
    response_model=InterviewOut,
    responses=INPUT_ERRORS,
    openapi_extra=body_ref("InterviewRequest"),
    tags=["assess"],
)
async def interview(request: Request) -> AssessmentResponse:
    """Stateless: her corrections of what was read, then her answers replayed in order, each
    against the question asked at that point. `done` is true as soon as the findings reach an
    emergency: further questions are only offered (`optional`), never required."""
    kb: KnowledgeBase = request.app.state.kb
    settings: Settings = request.app.state.settings
    data = await json_object(request, KEYS)
    if "findings" not in data and "message" in data:  # reading takes time: off the event loop
        return AssessmentResponse(await readers(request).run(interviewed, data, settings, kb))
    return AssessmentResponse(interviewed(data, settings, kb))


def interviewed(data: dict[str, Any], settings: Settings, kb: KnowledgeBase) -> bytes:
    """The reply to one request of the conversation, encoded."""
    found, waves, reading = _start(data, settings, kb)
    answers = _answers(data, settings)
    skipped = list_field(data, "skipped", settings.max_answers) or []
    if not all(isinstance(s, str) for s in skipped):
        raise ApiProblem(
            "invalid_request",
            "'skipped' must be a list of question ids.",
            [entry("skipped", "is not a list of strings", skipped, "a list of question ids")],
        )
    corrections = _corrections(data, kb)
    try:
        step = replay(found, answers, waves, kb, skipped, corrections)
    except AnswerError as exc:
        problem = from_pregback(exc)
        raise ApiProblem("invalid_answer", str(exc), problem.errors) from None
    screen, about = step.progress
    parts: dict[str, Any] = {
        "done": step.done,
        "question": question_json(step.ask),
        "optional": question_json(step.optional),
        "progress": {"screen": screen, "about": about},
        "call": call_json(step, kb),
        "findings": step.findings.to_dict(),
        "skipped": sorted(step.skipped),
        "answered": len(answers),
        "reading": reading,
    }
    return document(parts, step.result)


def _start(
    data: dict[str, Any], settings: Settings, kb: KnowledgeBase
) -> tuple[Findings, list[Episode], dict[str, Any] | None]:
    """The findings to start from (given, or read from her message), the waves, and the reading."""
    case = checked_case(data, settings)
    try:
        waves = parse_episodes(case.get("episodes"))
        if "findings" in case:
            return parse_findings(case["findings"], kb), waves, None
    except PregbackError as exc:
        raise from_pregback(exc, "findings" if exc.code == "invalid_findings" else "") from None
    if "message" in case:
        from pregback.core.reading import read

        reading = read(case["message"], kb=kb, today=date.today())
        return reading.findings, waves, reading.to_dict()
    return parse_findings({}, kb), waves, None


def _answers(data: dict[str, Any], settings: Settings) -> list[dict[str, Any]]:
    """The answers, each {question, answer}; the core checks that each fits its question."""
    answers = list_field(data, "answers", settings.max_answers) or []
    for i, ans in enumerate(answers):
        here = f"answers[{i}]"
        if (
            not isinstance(ans, dict)
            or set(ans) != {"question", "answer"}
            or not isinstance(ans["question"], str)
        ):
            raise ApiProblem(
                "invalid_request",
                f"{here} must be an object with exactly question (a string) and answer.",
                [
                    entry(
                        here, "is not {question, answer}", ans, "an object with question and answer"
                    )
                ],
            )
        value = ans["answer"]
        if not (_plain(value) or (isinstance(value, dict) and all(map(_plain, value.values())))):
            raise ApiProblem(
                "invalid_request",
                f"{here}.answer is not a number, a string, a list of strings, an object of them "
                "or null.",
                [
                    entry(
                        f"{here}.answer",
                        "is not an answer",
                        value,
                        "a number, a string, a list of strings, an object from field id to one "
                        "of them (or true/false), or null",
                    )
                ],
            )
    return answers


def _plain(value: Any) -> bool:
    return (
        value is None
        or isinstance(value, int | float | str)
        or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    )


def _corrections(data: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    if "corrections" not in data:
        return {}
    raw = data["corrections"]
    if not isinstance(raw, dict):
        raise ApiProblem(
            "invalid_request",
            "'corrections' must be an object from a symptom id or findings key to a value.",
            [entry("corrections", "is not an object", raw, "an object")],
        )
    return raw


def accepts(ask: Ask) -> str:
    """What an answer to `ask` may be, in words."""
    ids = ", ".join(c.id for c in ask.items)
    if ask.kind == "symptoms":
        return (
            f"a list of the ids she has among: {ids}; or 'none' for none of them (an empty list "
            "is refused); or null for don't know"
        )
    if ask.kind == "form":
        each = "; ".join(f"{f.id}: {_field_accepts(f)}" for f in ask.fields)
        return f"an object from field id to value (null, or left out, for don't know): {each}"
    return _value_accepts(ask.type, ids, ask.min, ask.max, ask.unit) + ", or null for don't know"


def _field_accepts(f: Field) -> str:
    if f.type == "yesno":
        return "true or false"
    return _value_accepts(f.type, ", ".join(c.id for c in f.choices), f.min, f.max, f.unit)


def _value_accepts(
    kind: str, ids: str, low: float | None, high: float | None, unit: str | None
) -> str:
    if kind in ("number", "integer"):
        words = "a whole number" if kind == "integer" else "a number"
        lo = "" if low is None else f" from {low:g}"
        hi = "" if high is None else f" up to {high:g}"
        return f"{words}{lo}{hi}" + (f" ({unit})" if unit else "")
    if kind == "list":
        return f"a list of ids among: {ids}"
    return f"one of: {ids}"


def question_json(ask: Ask | None) -> dict[str, Any] | None:
    return None if ask is None else {**ask.to_dict(), "accepts": accepts(ask)}


def call_json(step: Step, kb: KnowledgeBase) -> dict[str, Any]:
    """Who to call at this level (levels.yaml `service`), and the number when the locale has one
    (the maternity unit's number is in her notes: a record system adds it)."""
    to = kb.service[step.result.urgency].call
    number = {"emergency": kb.locale.emergency, "advice_line": kb.locale.advice_number}.get(to)
    return {"to": to, "number": number}
