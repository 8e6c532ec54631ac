"""Her web sessions under /v1/me/sessions: the phones and browsers signed in to her diary, and
ending any one of them (a lost phone, a shared computer), reached only with her bearer token.

Owns: the session routes and their wire format. Never: show or accept a session's secret (only
its id), or reach another person's sessions (someone else's id is "not found").
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from pregback.interfaces.api.auth import as_person, token_of
from pregback.interfaces.api.me import AUTH, RecordId
from pregback.interfaces.api.problems import problem_responses

router = APIRouter(prefix="/v1/me", tags=["me"])


@router.get(
    "/sessions",
    summary="Where she is signed in to the web app: her live sessions, most recently used first",
    responses=AUTH,
)
async def list_sessions(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    def work(repo: Any, person: Any) -> dict[str, Any]:
        from pregback.interfaces.api import sessions

        return {"sessions": [sessions.as_dict(w) for w in sessions.listed(repo.s, person)]}

    return JSONResponse(await as_person(request, token, work))


@router.delete(
    "/sessions/{session_id}",
    summary="End one of her web sessions: its cookie opens nothing from now on",
    status_code=204,
    responses=problem_responses(401, 404, 409, 422, 503),
)
async def end_session(
    request: Request, session_id: RecordId, token: str = Depends(token_of)
) -> Response:
    def work(repo: Any, person: Any) -> None:
        from pregback.interfaces.api import sessions

        sessions.end(repo.s, person, session_id)

    await as_person(request, token, work, write=True)
    return Response(status_code=204)
