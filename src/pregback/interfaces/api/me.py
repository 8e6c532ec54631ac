"""Her own data under /v1/me, reached only with her bearer token: her profile, her diary entries,
and erasing everything. Her timed waves are in `waves`, her assessments in `me_assess`, her web
sessions in `me_sessions`; they share this module's helpers (the token first, then the body).

Owns: these /v1/me routes and their wire format. Never: reach a record of another person (every
query goes through the token's person; someone else's id is "not found"), or log what she wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from pregback.interfaces.api.auth import as_person, token_of
from pregback.interfaces.api.payload import object_from
from pregback.interfaces.api.problems import ApiProblem, entry, problem_responses
from pregback.interfaces.api.schemas import DATE_TIME, NO_NUL, NOT_BLANK, date_time
from pregback.store.entries import ENTRY_FIELDS, MAX_ID

router = APIRouter(prefix="/v1/me", tags=["me"])
AUTH = problem_responses(401, 503)
BODY = problem_responses(400, 401, 413, 415, 422, 503)
#: A record's id in a path: a whole number the store can hold (32-bit on PostgreSQL).
RecordId = Annotated[
    int, Path(ge=1, le=MAX_ID, description="The record's id (a whole number from 1 to 2^31 - 1).")
]
ENTRY_KEYS = ENTRY_FIELDS
PROFILE_KEYS = (
    "due_date",
    "facts",
    "first_pregnancy",
    "previous_preterm_birth",
    "multiple_pregnancy",
)
#: An answer in `facts`: the contract's words, or null for not said (forgets a saved answer).
FACT_ANSWERS = ("present", "absent", None)
MOMENT = {"$ref": "#/components/schemas/Moment"}


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def _entry_schema(required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "at": MOMENT,
            "pain": {"type": "integer", "minimum": 0, "maximum": 10},
            "locations": {
                "type": ["array", "null"],
                "items": {"$ref": "#/components/schemas/LocationId"},
                "description": "Pain location ids.",
            },
            "symptoms": {
                "type": ["array", "null"],
                "items": {"$ref": "#/components/schemas/SymptomId"},
                "description": "Symptom ids present.",
            },
            "helped": {
                "type": ["array", "null"],
                "items": {"type": "string", "maxLength": 200, "pattern": NOT_BLANK},
                "maxItems": 20,
            },
            "notes": {"type": ["string", "null"], "maxLength": 5000, "pattern": NO_NUL},
        },
        "required": list(required),
        "minProperties": 1,
        "additionalProperties": False,
    }


def _utc(value: Any) -> Any:
    """An ISO 8601 time without a zone is UTC here (a server has no 'her local time')."""
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace(" ", "T", 1))
        except ValueError:
            return value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return value


def _query_moment(text: str | None, name: str) -> datetime | None:
    """A moment of the query in UTC (none given: UTC), within the moments a database holds; 422
    for text that is not an ISO 8601 date and time."""
    if text is None:
        return None
    value = date_time(text)
    if value is None:
        raise ApiProblem(
            "invalid_request",
            f"{name!r} is not an ISO 8601 date and time.",
            [entry(name, "is not a date and time", text, "an ISO 8601 date and time")],
        )
    try:
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    except OverflowError:  # within a day of year 1 or 9999: the same as the first or last moment
        return (
            datetime.min.replace(tzinfo=UTC)
            if value.year < 5000
            else datetime.max.replace(tzinfo=UTC)
        )


def _moments(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: _utc(v) if k in keys else v for k, v in data.items()}


async def _with_body(
    request: Request,
    token: str,
    keys: tuple[str, ...],
    work: Callable[[Any, Any, dict[str, Any]], Any],
    optional: bool = False,
) -> Any:
    """Check the token first, then the body (so a stranger learns nothing about the request's shape)."""
    raw = await request.body()
    media = request.headers.get("content-type")

    def run(repo: Any, person: Any) -> Any:
        data = object_from(raw, media, keys) if raw.strip() or not optional else {}
        return work(repo, person, data)

    return await as_person(request, token, run, write=True)


def _profile(repo: Any, person: Any) -> dict[str, Any]:
    from pregback.store.profile import profile_view

    view = profile_view(repo, person, date.today())
    return {**view, "person": person.uid, "created_at": person.created_at.isoformat()}


def _facts_schema() -> dict[str, Any]:
    from pregback.core.profile import fact_defs
    from pregback.knowledge import default_knowledge

    props: dict[str, Any] = {}
    for sym in fact_defs(default_knowledge()):
        answer: dict[str, Any] = {"enum": list(FACT_ANSWERS)}
        if sym.lasts_days:
            answer = {"anyOf": [answer, {"type": "string", "format": "date"}]}
        props[sym.id] = {
            **answer,
            "description": f"{sym.meaning} present, absent, or null (not said)."
            + (
                f" Or the day it was done (YYYY-MM-DD, in the last {sym.lasts_days} days): it "
                f"counts for {sym.lasts_days} days from then."
                if sym.lasts_days
                else ""
            ),
        }
    return {
        "type": "object",
        "properties": props,
        "additionalProperties": False,
        "description": "Her risk profile: each fact present, absent, or null to forget it.",
    }


def _check_facts(facts: Any) -> None:
    """The API takes the contract's words only (present, absent, null) and a day for a fact that
    expires; anything else is named with what is allowed."""
    from pregback.core.profile import fact_defs
    from pregback.knowledge import default_knowledge

    if not isinstance(facts, dict):
        raise ApiProblem(
            "invalid_request",
            "'facts' must be an object of fact id: present, absent or null.",
            [entry("facts", "is not an object", facts, "an object of fact id: answer")],
        )
    defs = {s.id: s for s in fact_defs(default_knowledge())}
    errors = []
    for fid, answer in facts.items():
        sym = defs.get(fid)
        if sym is None:
            errors.append(
                entry(f"facts.{fid}", "is not a fact of her profile", fid, ", ".join(defs))
            )
        elif answer not in FACT_ANSWERS and not (
            sym.lasts_days and isinstance(answer, str) and date_time(answer + "T00:00") is not None
        ):
            allowed = "present, absent or null" + (
                ", or the day it was done (YYYY-MM-DD)" if sym.lasts_days else ""
            )
            errors.append(entry(f"facts.{fid}", "is not an answer", answer, allowed))
    if errors:
        raise ApiProblem("invalid_request", "A fact of her profile was not understood.", errors)


@router.get("", summary="Her profile", responses=AUTH)
async def get_me(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    return JSONResponse(await as_person(request, token, _profile))


@router.patch(
    "",
    summary="Change her profile",
    responses=BODY,
    openapi_extra=_body(
        {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {
                "due_date": {
                    "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
                    "description": "YYYY-MM-DD: the due date of a pregnancy going on today "
                    "(from 41 weeks ago to 40 weeks ahead).",
                },
                "facts": _facts_schema(),
                **{
                    k: {
                        "type": ["boolean", "null"],
                        "description": f"The same as facts.{k} (true: present, false: absent).",
                    }
                    for k in PROFILE_KEYS[2:]
                },
            },
        }
    ),
)
async def patch_me(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    def work(repo: Any, person: Any, data: dict[str, Any]) -> dict[str, Any]:
        if not data:
            raise ApiProblem(
                "invalid_request",
                "Send at least one of: " + ", ".join(PROFILE_KEYS) + ".",
                [entry("", "has nothing to change", None, ", ".join(PROFILE_KEYS))],
            )
        due = data.get("due_date")
        if due is not None and not isinstance(due, str):
            raise ApiProblem(
                "invalid_request",
                "'due_date' must be a date like 2026-06-30, or null.",
                [entry("due_date", "is not a date", due, "a date like 2026-06-30, or null")],
            )
        if "facts" in data:
            _check_facts(data["facts"])
        for key in PROFILE_KEYS[2:]:
            if key in data and data[key] is not None and not isinstance(data[key], bool):
                raise ApiProblem(
                    "invalid_request",
                    f"{key!r} must be true, false or null.",
                    [entry(key, "is not true, false or null", data[key], "true, false or null")],
                )
        return _profile(repo, repo.set_profile(person.name, **data))

    return JSONResponse(await _with_body(request, token, PROFILE_KEYS, work))


@router.delete(
    "",
    summary="Erase all her data: profile, diary, waves, assessments, tokens and web sessions",
    responses=problem_responses(401, 409, 503),
)
async def erase_me(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    def work(repo: Any, person: Any) -> dict[str, Any]:
        from pregback.interfaces.api import sessions
        from pregback.interfaces.api.tokens import revoke_all

        tokens = revoke_all(repo.s, person.id)
        ended = sessions.end_all(repo.s, person.id)
        erased = repo.erase_person(person)
        return {"erased": {**erased, "tokens": tokens, "sessions": ended, "profile": 1}}

    return JSONResponse(await as_person(request, token, work, write=True))


@router.get("/entries", summary="Her diary entries, oldest first", responses=AUTH)
async def list_entries(
    request: Request,
    token: str = Depends(token_of),
    since: Annotated[
        str | None,
        Query(
            description="Only entries at or after this moment (ISO 8601; without a zone, UTC).",
            json_schema_extra=DATE_TIME,
        ),
    ] = None,
    until: Annotated[
        str | None,
        Query(
            description="Only entries at or before this moment (ISO 8601; without a zone, UTC).",
            json_schema_extra=DATE_TIME,
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> JSONResponse:
    start, end = (_query_moment(t, name) for t, name in ((since, "since"), (until, "until")))

    def work(repo: Any, person: Any) -> dict[str, Any]:
        return {"entries": [e.to_dict() for e in repo.entries(person, start, end, limit)]}

    return JSONResponse(await as_person(request, token, work))


@router.post(
    "/entries",
    summary="Add a diary entry",
    status_code=201,
    responses=BODY,
    openapi_extra=_body(_entry_schema(required=("pain",))),
)
async def add_entry(request: Request, token: str = Depends(token_of)) -> JSONResponse:
    settings = request.app.state.settings

    def work(repo: Any, person: Any, data: dict[str, Any]) -> dict[str, Any]:
        from pregback.interfaces.api.quota import ensure_room

        ensure_room(repo.s, person.id, "entries", settings)
        added: dict[str, Any] = repo.add_entry(person, _moments(data, "at")).to_dict()
        return added

    return JSONResponse(await _with_body(request, token, ENTRY_KEYS, work), status_code=201)


@router.get(
    "/entries/{entry_id}",
    summary="One of her diary entries",
    responses=problem_responses(401, 404, 503),
)
async def get_entry(
    request: Request, entry_id: RecordId, token: str = Depends(token_of)
) -> JSONResponse:
    return JSONResponse(
        await as_person(request, token, lambda repo, p: repo.entry(p, entry_id).to_dict())
    )


@router.patch(
    "/entries/{entry_id}",
    summary="Change one of her diary entries",
    responses=problem_responses(400, 401, 404, 413, 415, 422, 503),
    openapi_extra=_body(_entry_schema()),
)
async def edit_entry(
    request: Request, entry_id: RecordId, token: str = Depends(token_of)
) -> JSONResponse:
    return JSONResponse(
        await _with_body(
            request,
            token,
            ENTRY_KEYS,
            lambda repo, p, data: repo.edit_entry(p, entry_id, _moments(data, "at")).to_dict(),
        )
    )


@router.delete(
    "/entries/{entry_id}",
    summary="Delete one of her diary entries",
    status_code=204,
    responses=problem_responses(401, 404, 503),
)
async def delete_entry(
    request: Request, entry_id: RecordId, token: str = Depends(token_of)
) -> Response:
    await as_person(request, token, lambda repo, p: repo.delete_entry(p, entry_id), write=True)
    return Response(status_code=204)
