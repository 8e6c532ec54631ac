"""Who is asking: the store connection shared by a worker's requests, bearer tokens, and sign-up.

Owns: opening the store lazily (the triage endpoints never need it), turning a bearer token into
her Person inside one transaction, and the sign-up endpoint. Never: keep a person or token in
process memory between requests, or say whether a token or record exists for someone else.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from pregback.errors import PregbackError
from pregback.interfaces.api.payload import json_body
from pregback.interfaces.api.problems import ApiProblem, entry, from_pregback, problem_responses
from pregback.interfaces.api.ratelimit import RateLimiter, client_key, retry_after
from pregback.interfaces.api.schemas import NO_NUL, optional_body
from pregback.store.entries import text_fault

T = TypeVar("T")
bearer = HTTPBearer(
    auto_error=False, description="A token from POST /v1/signup or `pregback token`."
)
router = APIRouter(prefix="/v1", tags=["me"])
UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}
INVALID = {"WWW-Authenticate": 'Bearer error="invalid_token"'}


class StoreHandle:
    """One worker's connection pool to the store, opened on first use (migrating if needed)."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self._store: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from pregback.interfaces.api.tokens import ensure_table
                    from pregback.store.db import open_store

                    store = open_store(self.url)
                    ensure_table(store.engine)
                    self._store = store
        return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def token_of(credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]) -> str:
    """The bearer token; 401 when there is none."""
    if credentials is None or not credentials.credentials:
        raise ApiProblem(
            "unauthorized",
            "Send a bearer token: Authorization: Bearer <token>.",
            headers=UNAUTHORIZED,
        )
    return credentials.credentials


async def as_person(
    request: Request, token: str, work: Callable[[Any, Any], T], write: bool = False
) -> T:
    """Run `work(repository, person)` in one transaction as the token's person, off the event loop.

    A `write` holds her row for the transaction, so that it and an erase of her data happen one
    after the other, never interleaved: a write that comes second finds her gone (409), and an
    erase that comes second removes what the write made. 401 for an unknown token; the core's
    errors become 4xx problems; the store's outages 503.
    """
    handle: StoreHandle = request.app.state.store

    def run() -> T:
        from pregback.interfaces.api.tokens import person_for
        from pregback.store.repository import Repository

        with handle.get().session() as session:
            person = person_for(session, token)
            if person is None:
                raise ApiProblem(
                    "unauthorized",
                    "This token is not valid (it may have been revoked, or her data erased).",
                    headers=INVALID,
                )
            repo = Repository(session, request.app.state.kb)
            if write and not repo.hold(person):  # her data was erased since this request began
                raise ApiProblem(
                    "conflict",
                    "Her data was erased while this request was on its way; nothing was saved.",
                )
            return work(repo, person)

    return await _guarded(run)


async def _guarded(run: Callable[[], T]) -> T:
    from sqlalchemy.exc import DBAPIError, IntegrityError

    try:
        return await run_in_threadpool(run)
    except ApiProblem:
        raise
    except IntegrityError:
        # A rule of the database refused the write: another change to her data came first.
        raise ApiProblem(
            "conflict", "Another change to her data came first; nothing was saved. Try again."
        ) from None
    except PregbackError as exc:
        if exc.code == "not_found":
            raise ApiProblem("not_found", str(exc), from_pregback(exc).errors) from None
        if exc.code == "store_error":
            raise ApiProblem(
                "store_unavailable", "The database could not be used; try again."
            ) from None
        raise from_pregback(exc) from None
    except DBAPIError:
        raise ApiProblem(
            "store_unavailable", "The database could not be reached; try again."
        ) from None


def signup_wait(request: Request) -> float:
    """Take a sign-up from this client's allowance: 0.0 when allowed, else the seconds to wait."""
    limiter: RateLimiter | None = getattr(request.app.state, "signup_limiter", None)
    return 0.0 if limiter is None else limiter.take(client_key(request.scope))


class SignupOut(BaseModel):
    token: str
    token_type: str = "Bearer"
    person: str
    note: str


@router.post(
    "/signup",
    summary="A new person and a bearer token for her data (shown once)",
    status_code=201,
    response_model=SignupOut,
    responses=problem_responses(400, 403, 413, 415, 422, 429, 503),
    openapi_extra=optional_body(
        {
            "label": {
                "type": "string",
                "maxLength": 80,
                "pattern": NO_NUL,
                "description": "A name for this token, e.g. the device.",
            }
        }
    ),
)
async def signup(request: Request) -> JSONResponse:
    if not request.app.state.settings.signup:
        raise ApiProblem(
            "signup_closed", "Sign-up is closed here; ask for a token issued with `pregback token`."
        )
    wait = signup_wait(request)
    if wait > 0:
        raise ApiProblem(
            "signup_limited",
            f"Too many new diaries from this address; try again in {retry_after(wait)} seconds.",
            headers={"Retry-After": retry_after(wait)},
        )
    label = ""
    if await request.body():
        data = await json_body(request)
        if not isinstance(data, dict) or set(data) - {"label"}:
            raise ApiProblem(
                "invalid_request",
                "The body may only hold a label.",
                [entry("", "is not {label}", data, "an object with an optional label")],
            )
        label = data.get("label", "")
        if not isinstance(label, str) or len(label) > 80 or text_fault(label):
            raise ApiProblem(
                "invalid_request",
                "'label' must be text of up to 80 characters.",
                [
                    entry(
                        "label",
                        "is not text of up to 80 characters",
                        label,
                        "a string of up to 80 characters",
                    )
                ],
            )
    handle: StoreHandle = request.app.state.store

    def run() -> Any:
        from pregback.interfaces.api.tokens import new_person

        with handle.get().session() as session:
            return new_person(session, label)

    issued = await _guarded(run)
    return JSONResponse(
        {
            "token": issued.token,
            "token_type": "Bearer",
            "person": issued.person_uid,
            "note": "Keep this token: it is shown once and is the only key to this person's data.",
        },
        status_code=201,
    )
