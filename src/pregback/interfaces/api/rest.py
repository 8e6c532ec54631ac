"""The REST API under /v1: assess, read, interview, and the knowledge base for review.

Owns: translating JSON requests into calls of the core and its results into JSON. Never: clinical
logic; /v1/assess calls `pregback.core.batch.assess_case`, the function the batch command uses.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import date
from enum import Enum
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute

from pregback.core.batch import assess_case_reading
from pregback.core.findings import Findings, parse_findings
from pregback.core.interview import Ask, apply_answer, next_question
from pregback.core.labour import Episode, parse_episodes
from pregback.errors import PregbackError
from pregback.interfaces.api.offload import readers
from pregback.interfaces.api.payload import declared_query, json_object, list_field, text_field
from pregback.interfaces.api.problems import ApiProblem, entry, from_pregback, problem_responses
from pregback.interfaces.api.render import AssessmentResponse, assessment_json, document
from pregback.interfaces.api.schemas import (
    AssessmentOut,
    InterviewOut,
    KnowledgeIndexOut,
    KnowledgeListOut,
    ReadingOut,
)
from pregback.interfaces.api.settings import Settings
from pregback.knowledge import KnowledgeBase

router = APIRouter(prefix="/v1")


class LeanRoute(APIRoute):
    """A route whose endpoint takes only the Request and returns a Response. It is documented in the
    OpenAPI like any route, but skips FastAPI's per-request dependency solving, which cost as much
    as the assessment itself. The bodies are checked by the core, as in every interface."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint = self.endpoint

        async def handler(request: Request) -> Response:
            declared_query(request)
            response: Response = await endpoint(request)
            return response

        return handler


#: The hot endpoints: assess, read and interview.
lean = APIRouter(prefix="/v1", route_class=LeanRoute)
INPUT_ERRORS = problem_responses(400, 413, 415, 422)


class Kind(str, Enum):
    causes = "causes"
    rules = "rules"
    advice = "advice"
    sources = "sources"
    claims = "claims"
    symptoms = "symptoms"
    scalars = "scalars"
    locations = "locations"
    levels = "levels"


def _kb(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _body_ref(name: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
    }


def _prefix(exc: PregbackError) -> str:
    return "findings" if exc.code == "invalid_findings" else ""


def checked_case(data: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The batch case for a request body: findings, message and episodes within the limits."""
    case: dict[str, Any] = {}
    if "findings" in data:
        case["findings"] = data["findings"]
    message = text_field(data, "message", settings.max_message_chars)
    if message is not None:
        case["message"] = message
    episodes = list_field(data, "episodes", settings.max_episodes)
    if episodes is not None:
        case["episodes"] = episodes
    return case


@lean.post(
    "/assess",
    summary="Assess findings, a message and/or timed waves",
    response_model=AssessmentOut,
    responses=INPUT_ERRORS,
    openapi_extra=_body_ref("AssessRequest"),
    tags=["assess"],
)
async def assess(request: Request) -> AssessmentResponse:
    """The full Assessment: the same as `pregback assess --json` and the batch command give."""
    kb, settings = _kb(request), _settings(request)
    case = checked_case(await json_object(request, ("findings", "message", "episodes")), settings)
    if "findings" not in case and "message" in case:  # reading takes time: off the event loop
        return AssessmentResponse(await readers(request).run(_assessed, case, kb))
    return AssessmentResponse(_assessed(case, kb))


def _assessed(case: dict[str, Any], kb: KnowledgeBase) -> bytes:
    """The answer of /v1/assess; a message is read once, and what was read is shown."""
    try:
        result, _line, reading = assess_case_reading(case, kb)
    except PregbackError as exc:
        raise from_pregback(exc, _prefix(exc)) from None
    extra = None if reading is None else {"reading": reading.to_dict()}
    return assessment_json(result, extra)


@lean.post(
    "/read",
    summary="Read a message into findings, with the words each came from",
    response_model=ReadingOut,
    responses=INPUT_ERRORS,
    openapi_extra=_body_ref("ReadRequest"),
    tags=["assess"],
)
async def read_message(request: Request) -> JSONResponse:
    kb, settings = _kb(request), _settings(request)
    data = await json_object(request, ("message",))
    message = text_field(data, "message", settings.max_message_chars, required=True)
    return JSONResponse(await readers(request).run(_read, message or "", kb))


def _read(message: str, kb: KnowledgeBase) -> dict[str, Any]:
    from pregback.core.reading import read

    found: dict[str, Any] = read(message, kb=kb, today=date.today()).to_dict()
    return found


def _accepts(ask: Ask) -> str:
    ids = ", ".join(c.id for c in ask.items)
    if ask.kind == "symptoms":
        return (
            f"a list of the ids present among: {ids} ([] for none of them), or null for don't know"
        )
    if ask.type in ("number", "integer"):
        kind = "a whole number" if ask.type == "integer" else "a number"
        lo = "" if ask.min is None else f" from {ask.min:g}"
        hi = "" if ask.max is None else f" up to {ask.max:g}"
        unit = f" ({ask.unit})" if ask.unit else ""
        return f"{kind}{lo}{hi}{unit}, or null for don't know"
    if ask.type == "list":
        return f"a list of ids among: {ids}, or null for don't know"
    return f"one of: {ids}, or null for don't know"


def _start(
    data: dict[str, Any], settings: Settings, kb: KnowledgeBase
) -> tuple[Findings, list[Episode]]:
    case = checked_case(data, settings)
    try:
        waves = parse_episodes(case.get("episodes"))
        if "findings" in case:
            return parse_findings(case["findings"], kb), waves
    except PregbackError as exc:
        raise from_pregback(exc, _prefix(exc)) from None
    if "message" in case:
        from pregback.core.reading import read

        return read(case["message"], kb=kb, today=date.today()).findings, waves
    return parse_findings({}, kb), waves


def _answers(data: dict[str, Any], settings: Settings) -> list[dict[str, Any]]:
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
        ok = (
            value is None
            or isinstance(value, int | float | str)
            or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        )
        if not ok:
            raise ApiProblem(
                "invalid_request",
                f"{here}.answer is not a number, a string, a list of strings or null.",
                [
                    entry(
                        f"{here}.answer",
                        "is not an answer",
                        value,
                        "a number, a string, a list of strings, or null",
                    )
                ],
            )
    return answers


@lean.post(
    "/interview",
    summary="The next question from the answers so far, or the final assessment",
    response_model=InterviewOut,
    responses=INPUT_ERRORS,
    openapi_extra=_body_ref("InterviewRequest"),
    tags=["assess"],
)
async def interview(request: Request) -> AssessmentResponse:
    """Stateless: the answers are replayed in order, each against the question asked at that point."""
    kb, settings = _kb(request), _settings(request)
    data = await json_object(request, ("findings", "message", "episodes", "answers", "skipped"))
    if "findings" not in data and "message" in data:  # reading takes time: off the event loop
        return AssessmentResponse(await readers(request).run(_interviewed, data, settings, kb))
    return AssessmentResponse(_interviewed(data, settings, kb))


def _interviewed(data: dict[str, Any], settings: Settings, kb: KnowledgeBase) -> bytes:
    found, waves = _start(data, settings, kb)
    answers = _answers(data, settings)
    skipped_raw = list_field(data, "skipped", settings.max_answers) or []
    if not all(isinstance(s, str) for s in skipped_raw):
        raise ApiProblem(
            "invalid_request",
            "'skipped' must be a list of question ids.",
            [entry("skipped", "is not a list of strings", skipped_raw, "a list of question ids")],
        )
    skipped = set(skipped_raw)
    for i, ans in enumerate(answers):
        ask, _ = next_question(found, waves, kb, skipped)
        here = f"answers[{i}]"
        if ask is None:
            raise ApiProblem(
                "invalid_answer",
                f"{here}: the interview had already ended before this answer.",
                [
                    entry(
                        f"{here}.question",
                        "answers no open question",
                        ans["question"],
                        "no further answers",
                    )
                ],
            )
        if ans["question"] != ask.id:
            raise ApiProblem(
                "invalid_answer",
                f"{here}: answers {ans['question']!r}, but the question at this point is {ask.id!r}.",
                [
                    entry(
                        f"{here}.question",
                        "is not the question asked at this point",
                        ans["question"],
                        ask.id,
                    )
                ],
            )
        if ans["answer"] is None:
            skipped.update([ask.id] if ask.kind == "scalar" else [c.id for c in ask.items])
            continue
        if ask.kind == "symptoms" and not isinstance(ans["answer"], list | str):
            raise ApiProblem(
                "invalid_answer",
                f"{here}.answer: {ask.id} takes a list of the symptom ids present.",
                [
                    entry(
                        f"{here}.answer",
                        "is not a list of symptom ids",
                        ans["answer"],
                        _accepts(ask),
                    )
                ],
            )
        try:
            found = apply_answer(found, ask, ans["answer"], kb)
        except PregbackError as exc:
            problem = from_pregback(exc)
            for err in problem.errors:
                err.update(entry(f"{here}.answer", err["detail"], err["value"], err["allowed"]))
            raise ApiProblem("invalid_answer", f"{here}.answer: {exc}", problem.errors) from None
    ask, result = next_question(found, waves, kb, skipped)
    question = None if ask is None else {**ask.to_dict(), "accepts": _accepts(ask)}
    return document(
        {
            "done": ask is None,
            "question": question,
            "findings": found.to_dict(),
            "skipped": sorted(skipped),
            "answered": len(answers),
        },
        result,
    )


def _records(kb: KnowledgeBase, kind: Kind) -> dict[str, Any]:
    table: dict[str, Any] = getattr(kb, kind.value)
    return table


@router.get(
    "/knowledge",
    summary="What the knowledge base holds",
    response_model=KnowledgeIndexOut,
    tags=["knowledge"],
)
async def knowledge_index(request: Request) -> dict[str, Any]:
    kb = _kb(request)
    return {"version": kb.version, "kinds": {k.value: len(_records(kb, k)) for k in Kind}}


@router.get(
    "/knowledge/{kind}",
    summary="Every record of one kind, for review",
    response_model=KnowledgeListOut,
    tags=["knowledge"],
)
async def knowledge_list(request: Request, kind: Kind) -> JSONResponse:
    kb = _kb(request)
    items = [r.model_dump(mode="json") for r in _records(kb, kind).values()]
    return JSONResponse({"version": kb.version, "kind": kind.value, "items": items})


@router.get(
    "/knowledge/{kind}/{record_id}",
    summary="One record in full",
    responses=problem_responses(404),
    tags=["knowledge"],
)
async def knowledge_record(request: Request, kind: Kind, record_id: str) -> dict[str, Any]:
    kb = _kb(request)
    record = _records(kb, kind).get(record_id)
    if record is None:
        raise ApiProblem(
            "not_found",
            f"There is no {kind.value} record with id {record_id!r}.",
            [
                entry(
                    "record_id",
                    "is not an id of this kind",
                    record_id,
                    f"an id from /v1/knowledge/{kind.value}",
                )
            ],
        )
    out: dict[str, Any] = record.model_dump(mode="json")
    return out
