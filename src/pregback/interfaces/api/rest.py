"""The REST API under /v1: assess, read, and the knowledge base for review (the interview is in
api/interview.py).

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
from pregback.errors import PregbackError
from pregback.interfaces.api.offload import readers
from pregback.interfaces.api.payload import declared_query, json_object, list_field, text_field
from pregback.interfaces.api.problems import ApiProblem, entry, from_pregback, problem_responses
from pregback.interfaces.api.render import AssessmentResponse, assessment_json
from pregback.interfaces.api.schemas import (
    AssessmentOut,
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


def body_ref(name: str) -> dict[str, Any]:
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
    message = text_field(data, "message", settings.max_message_chars, not_blank=True)
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
    openapi_extra=body_ref("AssessRequest"),
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
    openapi_extra=body_ref("ReadRequest"),
    tags=["assess"],
)
async def read_message(request: Request) -> JSONResponse:
    kb, settings = _kb(request), _settings(request)
    data = await json_object(request, ("message",))
    message = text_field(data, "message", settings.max_message_chars, required=True, not_blank=True)
    return JSONResponse(await readers(request).run(_read, message or "", kb))


def _read(message: str, kb: KnowledgeBase) -> dict[str, Any]:
    from pregback.core.reading import read

    found: dict[str, Any] = read(message, kb=kb, today=date.today()).to_dict()
    return found


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
