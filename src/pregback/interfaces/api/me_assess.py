"""Her assessments under /v1/me: assessing what she gives now with her profile, diary and timing
session filling the unknowns (kept in her diary), and her latest saved assessment.

Owns: the assessment routes and their wire format. Never: withhold an assessment (only keeping it
is limited by her quota), or let a stranger's token learn anything of the request.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from pregback.core.findings import parse_findings
from pregback.core.labour import parse_episodes
from pregback.errors import PregbackError
from pregback.interfaces.api.auth import as_person, token_of
from pregback.interfaces.api.me import BODY, _body
from pregback.interfaces.api.offload import readers
from pregback.interfaces.api.payload import object_from
from pregback.interfaces.api.problems import ApiProblem, from_pregback, problem_responses
from pregback.interfaces.api.render import AssessmentResponse, assessment_json
from pregback.interfaces.api.rest import checked_case
from pregback.interfaces.api.schemas import AssessmentOut

router = APIRouter(prefix="/v1/me", tags=["me"])


@router.post(
    "/assess",
    summary="Assess with her profile, diary and timing session filling the unknowns (saved)",
    response_model=AssessmentOut,
    responses=BODY,
    openapi_extra=_body({"$ref": "#/components/schemas/MeAssessRequest"}),
)
async def assess_me(request: Request, token: str = Depends(token_of)) -> AssessmentResponse:
    kb, settings = request.app.state.kb, request.app.state.settings
    raw = await request.body()
    await as_person(request, token, lambda repo, p: None)  # a stranger learns nothing more
    data = object_from(
        raw, request.headers.get("content-type"), ("findings", "message", "episodes")
    )
    case = checked_case(data, settings)
    given: Any = case.get("findings", {})
    if "findings" not in case and "message" in case:  # reading takes time: off the event loop
        given = await readers(request).run(_read_findings, case["message"], kb)
    try:
        given = parse_findings(given, kb).to_dict()
        parse_episodes(case.get("episodes"))
    except PregbackError as exc:
        raise from_pregback(exc, "findings" if exc.code == "invalid_findings" else "") from None

    def work(repo: Any, person: Any) -> bytes:
        from pregback.interfaces.api import quota
        from pregback.services.assess import assess_person

        keep = quota.has_room(repo.s, person.id, "assessments", settings)
        result, record, _ctx = assess_person(
            repo, person, given, case.get("episodes"), kb, datetime.now(UTC), keep=keep
        )
        if record is None:
            # The assessment is never withheld; only keeping it is.
            note = (
                "This assessment was not saved: her diary keeps at most "
                f"{quota.limit(settings, 'assessments')} saved assessments."
            )
            result = replace(result, notes=(*result.notes, note))
            return assessment_json(result, {"saved": None})
        return assessment_json(result, {"saved": {"id": record.id, "at": record.at.isoformat()}})

    return AssessmentResponse(await as_person(request, token, work, write=True))


def _read_findings(message: str, kb: Any) -> dict[str, Any]:
    from pregback.core.reading import read

    found: dict[str, Any] = read(message, kb=kb, today=date.today()).findings.to_dict()
    return found


@router.get(
    "/assessments/latest",
    summary="Her latest saved assessment",
    responses=problem_responses(401, 404, 503),
)
async def latest_assessment(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    def work(repo: Any, person: Any) -> dict[str, Any]:
        record = repo.latest_assessment(person)
        if record is None:
            raise ApiProblem(
                "not_found", "She has no saved assessment yet (POST /v1/me/assess makes one)."
            )
        return {
            "id": record.id,
            "at": record.at.isoformat(),
            "urgency": record.urgency,
            "inputs": record.inputs,
            "result": record.result,
            "knowledge_version": record.knowledge_version,
        }

    return JSONResponse(await as_person(request, token, work))
