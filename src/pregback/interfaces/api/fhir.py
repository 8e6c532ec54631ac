"""FHIR R4 endpoints: the pregback Questionnaire, and $assess on a QuestionnaireResponse.

Owns: the /fhir routes and their media type (application/fhir+json). Never: clinical logic; the
findings go through `pregback.core.batch.assess_case` like every other interface.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from pregback.core.batch import assess_case
from pregback.interfaces.api.fhir_build import assessment_parameters, questionnaire
from pregback.interfaces.api.fhir_read import response_findings, validate
from pregback.interfaces.api.payload import json_body
from pregback.interfaces.api.problems import ApiProblem, entry, from_validation, problem_responses
from pregback.knowledge import KnowledgeBase

FHIR_JSON = "application/fhir+json"
#: When this process started: the date of its CapabilityStatement.
STARTED = datetime.now(UTC).replace(microsecond=0)
router = APIRouter(prefix="/fhir", tags=["fhir"])
RESOURCE = {
    "type": "object",
    "required": ["resourceType"],
    "properties": {"resourceType": {"type": "string"}},
    "additionalProperties": True,
}
#: QuestionnaireResponse.status (FHIR R4, a required binding).
QR_STATUS = ("in-progress", "completed", "amended", "entered-in-error", "stopped")
#: The shape of what $assess takes; the rest is FHIR R4 (checked with fhir.resources) and the
#: pregback Questionnaire (each linkId one of its questions, each answer of its type and range).
QUESTIONNAIRE_RESPONSE = {
    "type": "object",
    "description": "A FHIR R4 QuestionnaireResponse to the pregback Questionnaire. It must be valid "
    "FHIR R4, each linkId a question of GET /fhir/Questionnaire/pregback, and each answer of that "
    "question's type and range.",
    "required": ["resourceType", "status"],
    "properties": {
        "resourceType": {"type": "string", "enum": ["QuestionnaireResponse"]},
        "status": {"type": "string", "enum": list(QR_STATUS)},
        "id": {"type": "string", "pattern": "^[A-Za-z0-9\\-\\.]{1,64}$"},
        "questionnaire": {"type": "string"},
        "item": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["linkId"],
                "properties": {"linkId": {"type": "string"}, "answer": {"type": "array"}},
            },
        },
    },
    "additionalProperties": True,
}


def _first_null(value: Any) -> str | None:
    """The path of the first null in a FHIR JSON resource (FHIR JSON never holds null)."""
    from pregback.core.jsonlimits import field_of

    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, item in items:
            if item is None:
                return field_of((*path, key))
            if isinstance(item, dict | list):
                stack.append((item, (*path, key)))
    return None


class FhirResponse(JSONResponse):
    media_type = FHIR_JSON


def _kb(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


@router.get(
    "/metadata",
    summary="What the FHIR endpoints support, as a CapabilityStatement",
    response_class=FhirResponse,
    responses={200: {"content": {FHIR_JSON: {"schema": RESOURCE}}}},
)
async def metadata(request: Request) -> FhirResponse:
    from pregback.interfaces.api.fhir_capability import capability_statement

    settings = request.app.state.settings
    public = getattr(settings, "public_url", None)
    base = f"{str(public).rstrip('/')}/fhir" if public else str(request.url_for("metadata"))
    base = base.removesuffix("/metadata")
    return FhirResponse(capability_statement(_kb(request), base, STARTED))


@router.get(
    "/Questionnaire/pregback",
    summary="The questions pregback asks, as an SDC Questionnaire",
    response_class=FhirResponse,
    responses={200: {"content": {FHIR_JSON: {"schema": RESOURCE}}}},
)
async def get_questionnaire(request: Request) -> FhirResponse:
    cached: dict[str, Any] | None = getattr(request.app.state, "questionnaire", None)
    if cached is None:
        cached = questionnaire(_kb(request))
        request.app.state.questionnaire = cached
    return FhirResponse(cached)


@router.post(
    "/QuestionnaireResponse/$assess",
    summary="Assess a pregback QuestionnaireResponse: a RiskAssessment, a CarePlan and a Communication",
    response_class=FhirResponse,
    responses={
        200: {"content": {FHIR_JSON: {"schema": RESOURCE}}},
        **problem_responses(400, 413, 415, 422),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                FHIR_JSON: {"schema": QUESTIONNAIRE_RESPONSE},
                "application/json": {"schema": QUESTIONNAIRE_RESPONSE},
            },
        }
    },
)
async def assess_response(request: Request) -> FhirResponse:
    """Returns Parameters: riskAssessment, carePlan and communication (the FHIR form of an operation
    with several outputs)."""
    kb = _kb(request)
    qr = await json_body(request, fhir=True)
    if not isinstance(qr, dict) or qr.get("resourceType") != "QuestionnaireResponse":
        kind = qr.get("resourceType") if isinstance(qr, dict) else None
        raise ApiProblem(
            "invalid_fhir",
            f"resourceType: {kind!r} is not QuestionnaireResponse.",
            [entry("resourceType", "is not QuestionnaireResponse", kind, "QuestionnaireResponse")],
        )
    null = _first_null(qr)
    if null is not None:
        raise ApiProblem(
            "invalid_fhir",
            f"{null}: FHIR JSON has no null values (leave the element out instead).",
            [entry(null, "is null", None, "a value, or no element at all")],
        )
    validate(QuestionnaireResponse, qr, "")
    if qr.get("status") not in QR_STATUS:
        raise ApiProblem(
            "invalid_fhir",
            f"status: {qr.get('status')!r} is not a QuestionnaireResponse status.",
            [entry("status", "is not a status", qr.get("status"), ", ".join(QR_STATUS))],
        )
    findings = response_findings(qr, kb)
    result, _line = assess_case({"findings": findings}, kb)
    basis = (
        [{"reference": f"QuestionnaireResponse/{qr['id']}"}]
        if qr.get("id")
        else [{"display": "the QuestionnaireResponse sent"}]
    )
    try:
        out = assessment_parameters(kb, result, qr.get("subject"), basis, datetime.now(UTC))
    except ValidationError as exc:  # only her subject and id are carried over from the input
        raise from_validation(
            exc, "subject", "invalid_fhir", "subject of the QuestionnaireResponse"
        ) from None
    return FhirResponse(out)
