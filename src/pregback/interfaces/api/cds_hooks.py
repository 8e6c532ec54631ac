"""CDS Hooks 2.0: the discovery endpoint and a patient-view service that turns the prefetched
record into one card (the level, why, what may be going on, and what was missing).

Owns: the service definition, its prefetch templates, the request shape and the card. Never:
guess what the record lacks (the card names it), or fetch from the EHR's FHIR server.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from fhir.resources.R4B import get_fhir_model_class
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pregback.core.batch import assess_case
from pregback.core.triage import Assessment
from pregback.interfaces.api.fhir_build import QUESTIONNAIRE_URL
from pregback.interfaces.api.fhir_read import (
    GA_CODES,
    LOINC,
    PAIN_CODES,
    Record,
    read_record,
    validate,
)
from pregback.interfaces.api.payload import json_body
from pregback.interfaces.api.problems import ApiProblem, entry, from_validation, problem_responses
from pregback.knowledge import KnowledgeBase

router = APIRouter(tags=["cds-hooks"])
SERVICE_ID = "pregback-back-pain"
SUMMARY_MAX = 139
PATIENT = "{{context.patientId}}"


def _codes(codes: frozenset[str]) -> str:
    return ",".join(f"{LOINC}|{c}" for c in sorted(codes))


PREFETCH = {
    "patient": f"Patient/{PATIENT}",
    "gestationalAge": f"Observation?patient={PATIENT}&code={_codes(GA_CODES)}&_sort=-date&_count=1",
    "painScore": f"Observation?patient={PATIENT}&code={_codes(PAIN_CODES)}&_sort=-date&_count=1",
    "questionnaireResponse": f"QuestionnaireResponse?patient={PATIENT}&questionnaire={QUESTIONNAIRE_URL}"
    "&_sort=-authored&_count=1",
}
SERVICE = {
    "hook": "patient-view",
    "id": SERVICE_ID,
    "title": "Back pain in pregnancy: how urgent, and why",
    "description": "Reads her latest answers to the pregback questionnaire, gestational age and pain score, and "
    "shows how urgent her back pain is, the reasons with their sources, and what may be going on. "
    "Decision support, not a diagnosis.",
    "prefetch": PREFETCH,
    "usageRequirements": "Her answers to the pregback Questionnaire (GET /fhir/Questionnaire/pregback) stored as a "
    "QuestionnaireResponse; gestational age (LOINC 11884-4) and pain score (LOINC 72514-3) Observations help.",
}


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow")


class HookContext(Strict):
    userId: str = Field(
        min_length=1,
        description="Practitioner/..., PractitionerRole/..., Patient/... or RelatedPerson/...",
    )
    patientId: str = Field(min_length=1)
    encounterId: str | None = None


class FhirAuthorization(Strict):
    access_token: str
    token_type: Literal["Bearer"]
    expires_in: int
    scope: str
    subject: str


class HookRequest(BaseModel):
    """A CDS Hooks 2.0 service request on the patient-view hook."""

    model_config = ConfigDict(strict=True, extra="forbid")
    hook: Literal["patient-view"]
    hookInstance: str = Field(min_length=1)
    fhirServer: str | None = None
    fhirAuthorization: FhirAuthorization | None = None
    context: HookContext
    prefetch: dict[str, dict[str, Any] | None] | None = None
    extension: dict[str, Any] | None = None


class Link(BaseModel):
    label: str
    url: str
    type: Literal["absolute", "smart"]


class Source(BaseModel):
    label: str
    url: str | None = None


class Card(BaseModel):
    uuid: str
    summary: str = Field(max_length=SUMMARY_MAX)
    indicator: Literal["info", "warning", "critical"]
    detail: str
    source: Source
    links: list[Link] = []


class CardsOut(BaseModel):
    cards: list[Card]


class ServiceOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    hook: str
    id: str
    title: str
    description: str
    prefetch: dict[str, str]


class DiscoveryOut(BaseModel):
    services: list[ServiceOut]


def _base(request: Request) -> str:
    public: str | None = request.app.state.settings.public_url
    return (public or str(request.base_url)).rstrip("/")


@router.get("/cds-services", summary="CDS Hooks discovery", response_model=DiscoveryOut)
async def discovery() -> dict[str, Any]:
    return {"services": [SERVICE]}


def _check_prefetch(prefetch: dict[str, Any]) -> None:
    """Each prefetched value is a valid FHIR R4 resource (or null: the EHR found nothing)."""
    for key, value in prefetch.items():
        if value is None:
            continue
        kind = value.get("resourceType")
        try:
            model = get_fhir_model_class(kind) if isinstance(kind, str) else None
        except (KeyError, ValueError, AttributeError):
            model = None
        if model is None:
            raise ApiProblem(
                "invalid_hook_request",
                f"prefetch.{key} is not a FHIR resource (resourceType {kind!r}).",
                [
                    entry(
                        f"prefetch.{key}.resourceType",
                        "is not a FHIR resource type",
                        kind,
                        "a FHIR R4 resource type",
                    )
                ],
            )
        validate(model, value, f"prefetch.{key}")
    patient = prefetch.get("patient")
    if patient is not None and patient.get("resourceType") != "Patient":
        raise ApiProblem(
            "invalid_hook_request",
            "prefetch.patient is not a Patient.",
            [
                entry(
                    "prefetch.patient.resourceType",
                    "is not Patient",
                    patient.get("resourceType"),
                    "Patient",
                )
            ],
        )


def _summary(result: Assessment) -> str:
    weeks = result.findings.weeks
    head = f"Back pain{f' at {int(weeks)} weeks' if weeks is not None else ''}: {result.label}"
    names = [c.name.lower() for c in result.causes[:2]]
    for n in range(len(names), 0, -1):
        text = f"{head} — possibly {' or '.join(names[:n])}"
        if len(text) <= SUMMARY_MAX:
            return text
    return head[:SUMMARY_MAX]


def _detail(kb: KnowledgeBase, result: Assessment, rec: Record) -> str:
    lines = [f"**{result.label}.** {result.action}", ""]
    if result.fired:
        lines.append("**Why**")
        for rule in result.fired:
            sources = "; ".join(kb.source_label(s) for s in rule.sources[:2])
            lines.append(f"- {rule.title} ({rule.id}): {rule.reason} _Sources: {sources}._")
        lines.append("")
    if result.causes:
        lines.append(
            "**What may be going on** (most likely first): "
            + ", ".join(c.name for c in result.causes[:4])
            + "."
        )
        lines.append("")
    lines.append("**From the record:** " + "; ".join(rec.used) + ".")
    if rec.missing:
        lines.append("")
        lines.append("**Missing:** " + "; ".join(rec.missing) + ".")
    for note in result.notes:
        lines += ["", f"_{note}_"]
    raising = [q for q in result.unanswered if q.could_raise_to != result.urgency]
    if raising:
        asks = "; ".join(
            f"{q.text} (could raise it to {q.could_raise_to.replace('_', ' ')})"
            for q in raising[:3]
        )
        lines += ["", f"**Not yet asked** ({len(raising)} questions could raise the level): {asks}"]
    lines += ["", f"_{result.disclaimer}_"]
    return "\n".join(lines)


def _source(kb: KnowledgeBase, result: Assessment) -> dict[str, Any]:
    out: dict[str, Any] = {"label": f"pregback, knowledge base {kb.version}"}
    for rule in result.fired:
        for sid in rule.sources:
            url = kb.sources[sid].url
            if url:
                out["url"] = url
                return out
    return out


def assessment_card(
    kb: KnowledgeBase, result: Assessment, rec: Record, base: str
) -> dict[str, Any]:
    links = [
        {
            "label": f"Why: rule {r.id}",
            "url": f"{base}/v1/knowledge/rules/{r.id}",
            "type": "absolute",
        }
        for r in result.fired[:3]
    ]
    links.append(
        {
            "label": "The pregback questionnaire",
            "url": f"{base}/fhir/Questionnaire/pregback",
            "type": "absolute",
        }
    )
    return {
        "uuid": str(uuid.uuid4()),
        "summary": _summary(result),
        "indicator": kb.service[result.urgency].cds_indicator,  # levels.yaml service
        "detail": _detail(kb, result, rec),
        "source": _source(kb, result),
        "links": links,
    }


def missing_card(kb: KnowledgeBase, rec: Record, base: str) -> dict[str, Any]:
    detail = ["pregback did not assess her back pain, because the record lacks:", ""]
    detail += [f"- {m}" for m in rec.missing]
    if rec.used:
        detail += ["", "**Found in the record:** " + "; ".join(rec.used) + "."]
    detail += [
        "",
        "Ask her the pregback questions (the questionnaire linked below), or assess her by phone or in person.",
    ]
    # The knowledge base's own safety-net for someone we know nothing about: its highest level first.
    empty, _line = assess_case({"findings": {}}, kb)
    if empty.safety_net:
        top = empty.safety_net[0]
        signs = "; ".join(top.signs[:10]) + ("; and others" if len(top.signs) > 10 else "")
        detail += [
            "",
            f"**{kb.levels[top.urgency].label}** ({top.action.rstrip('.')}) if she has: {signs}.",
        ]
    return {
        "uuid": str(uuid.uuid4()),
        "summary": "Back pain in pregnancy: not assessed — her answers to the pregback questions are not in the record",
        "indicator": "info",
        "detail": "\n".join(detail),
        "source": {"label": f"pregback, knowledge base {kb.version}"},
        "links": [
            {
                "label": "The pregback questionnaire",
                "url": f"{base}/fhir/Questionnaire/pregback",
                "type": "absolute",
            }
        ],
    }


def _request_schema() -> dict[str, Any]:
    return HookRequest.model_json_schema(ref_template="#/components/schemas/{model}")


@router.post(
    "/cds-services/{service_id}",
    summary="The patient-view service: one card",
    response_model=CardsOut,
    responses=problem_responses(400, 404, 413, 415, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/HookRequest"}}
            },
        }
    },
)
async def call_service(request: Request, service_id: str) -> JSONResponse:
    if service_id != SERVICE_ID:
        raise ApiProblem(
            "not_found",
            f"There is no CDS service {service_id!r}; see GET /cds-services.",
            [entry("service_id", "is not a service id", service_id, SERVICE_ID)],
        )
    data = await json_body(request)
    try:
        hook = HookRequest.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, "", "invalid_hook_request", "CDS Hooks request") from None
    prefetch = hook.prefetch or {}
    _check_prefetch(prefetch)
    patient = prefetch.get("patient")
    if patient is not None and patient.get("id") not in (None, hook.context.patientId):
        raise ApiProblem(
            "invalid_hook_request",
            "prefetch.patient is not the patient of context.patientId.",
            [
                entry(
                    "prefetch.patient.id",
                    "is not context.patientId",
                    patient.get("id"),
                    hook.context.patientId,
                )
            ],
        )
    kb: KnowledgeBase = request.app.state.kb
    rec = read_record(prefetch, hook.context.patientId, datetime.now(UTC), kb)
    if not rec.has_answers:
        return JSONResponse({"cards": [missing_card(kb, rec, _base(request))]})
    result, _line = assess_case({"findings": rec.findings}, kb)
    return JSONResponse({"cards": [assessment_card(kb, result, rec, _base(request))]})


COMPONENTS = {"HookRequest": _request_schema}
