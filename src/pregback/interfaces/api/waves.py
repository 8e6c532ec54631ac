"""Her timed waves under /v1/me/episodes: list, record a finished wave, the timer's start and end,
and delete, reached only with her bearer token.

Owns: the wave routes and their wire format. Never: reach another person's waves (someone else's
id is "not found"), or decide anything from the waves (the assessment does, with labour timing).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from pregback.interfaces.api.auth import as_person, token_of
from pregback.interfaces.api.me import AUTH, BODY, MOMENT, RecordId, _body, _moments, _with_body
from pregback.interfaces.api.problems import ApiProblem, entry, problem_responses
from pregback.interfaces.api.quota import ensure_room
from pregback.interfaces.api.schemas import optional_body

router = APIRouter(prefix="/v1/me", tags=["me"])


@router.get(
    "/episodes",
    summary="Her timed waves, oldest first (a wave going on has end null)",
    responses=AUTH,
)
async def list_episodes(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    def work(repo: Any, person: Any) -> dict[str, Any]:
        return {"episodes": [w.to_dict() for w in repo.episodes(person, closed_only=False)]}

    return JSONResponse(await as_person(request, token, work))


@router.post(
    "/episodes",
    summary="Record a finished wave",
    status_code=201,
    responses=BODY,
    openapi_extra=_body(
        {
            "type": "object",
            "required": ["start", "end"],
            "additionalProperties": False,
            "properties": {"start": MOMENT, "end": MOMENT},
        }
    ),
)
async def add_episode(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    def work(repo: Any, person: Any, data: dict[str, Any]) -> dict[str, Any]:
        data = _moments(data, "start", "end")
        missing = [k for k in ("start", "end") if not isinstance(data.get(k), str | datetime)]
        if missing:
            raise ApiProblem(
                "invalid_request",
                f"{missing[0]!r} is required: an ISO 8601 moment.",
                [
                    entry(k, "is missing or not a moment", data.get(k), "an ISO 8601 moment")
                    for k in missing
                ],
            )
        ensure_room(repo.s, person.id, "waves", request.app.state.settings)
        return dict(repo.add_episode(person, data["start"], data["end"]).to_dict())

    return JSONResponse(await _with_body(request, token, ("start", "end"), work), status_code=201)


async def _timer(request: Request, token: str, action: str) -> JSONResponse:
    def work(repo: Any, person: Any, data: dict[str, Any]) -> dict[str, Any]:
        from pregback.store.entries import parse_moment

        given = _moments(data, "at").get("at", "now")
        if not isinstance(given, str | datetime):
            raise ApiProblem(
                "invalid_request",
                "'at' must be an ISO 8601 moment, or now, today or yesterday.",
                [entry("at", "is not a moment", given, "an ISO 8601 moment")],
            )
        at = parse_moment(given, "at", tz=UTC)  # a time of day or a date alone: UTC
        if action == "start":
            ensure_room(repo.s, person.id, "waves", request.app.state.settings)
            wave = repo.start_wave(person, at)
        else:
            wave = repo.end_wave(person, at)
        return dict(wave.to_dict())

    out = await _with_body(request, token, ("at",), work, optional=True)
    return JSONResponse(out, status_code=201 if action == "start" else 200)


TIMER_BODY = optional_body({"at": MOMENT})


@router.post(
    "/episodes/start",
    summary="A wave starts now (the timer)",
    status_code=201,
    responses=BODY,
    openapi_extra=TIMER_BODY,
)
async def start_wave(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    return await _timer(request, token, "start")


@router.post(
    "/episodes/end", summary="The wave going on ends now", responses=BODY, openapi_extra=TIMER_BODY
)
async def end_wave(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    return await _timer(request, token, "end")


@router.delete(
    "/episodes/{episode_id:int}",  # digits only: /episodes/start is a route of its own
    summary="Delete one of her timed waves",
    status_code=204,
    responses=problem_responses(401, 404, 503),
)
async def delete_episode(
    request: Request, episode_id: RecordId, token: str = Depends(token_of)
) -> Response:
    await as_person(request, token, lambda repo, p: repo.delete_episode(p, episode_id), write=True)
    return Response(status_code=204)
