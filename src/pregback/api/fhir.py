"""FHIR R4 endpoints: the pregback Questionnaire, and $assess on a QuestionnaireResponse.

Owns: the /fhir routes and their media type (application/fhir+json). Never: clinical logic; the
findings go through `pregback.batch.assess_case` like every other interface.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from pregback.api.fhir_build import assessment_parameters, questionnaire
from pregback.api.fhir_read import response_findings, validate
from pregback.api.payload import json_body
from pregback.api.problems import from_validation, problem_responses
from pregback.batch import assess_case
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
    from pregback.api.fhir_capability import capability_statement

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
            "content": {FHIR_JSON: {"schema": RESOURCE}, "application/json": {"schema": RESOURCE}},
        }
    },
)
async def assess_response(request: Request) -> FhirResponse:
    """Returns Parameters: riskAssessment, carePlan and communication (the FHIR form of an operation
    with several outputs)."""
    kb = _kb(request)
    qr = await json_body(request, fhir=True)
    validate(QuestionnaireResponse, qr, "")
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
