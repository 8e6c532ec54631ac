"""Errors as RFC 9457 problem details (application/problem+json), with the field paths at fault.

Owns: the problem codes, their titles and statuses, and the exception handlers that turn every
error into a 4xx problem. Never: echo a request body into logs, or let an error become a bare 500.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pregback.errors import PregbackError

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("pregback.interfaces.api")

#: code -> (status, title, what it means). The `type` of a problem is /problems/{code}.
CODES: dict[str, tuple[int, str, str]] = {
    "bad_json": (400, "Body is not valid JSON", "The request body could not be parsed as JSON."),
    "invalid_request": (
        422,
        "Invalid request",
        "The request has a field that is missing, unknown or of the wrong type.",
    ),
    "invalid_case": (
        422,
        "Nothing to assess",
        "The request needs findings, a message or episodes, and no other keys.",
    ),
    "invalid_findings": (
        422,
        "Invalid findings",
        "A findings key or value is not in the contract's vocabulary or range.",
    ),
    "invalid_episodes": (
        422,
        "Invalid episodes",
        "A timed wave is not an object with ISO 8601 start and end, or waves overlap.",
    ),
    "invalid_input": (422, "Invalid input", "A value is not allowed; the errors name each field."),
    "invalid_answer": (
        422,
        "Invalid interview answer",
        "An answer does not fit the question asked at that point.",
    ),
    "invalid_fhir": (
        422,
        "Invalid FHIR resource",
        "The body is not a valid FHIR R4 resource of the expected type.",
    ),
    "invalid_hook_request": (
        422,
        "Invalid CDS Hooks request",
        "The request does not follow CDS Hooks 2.0 for this service.",
    ),
    "message_too_long": (
        422,
        "Message too long",
        "The message is longer than this service accepts.",
    ),
    "body_too_large": (
        413,
        "Request body too large",
        "The body is larger than this service accepts.",
    ),
    "unsupported_media_type": (
        415,
        "Unsupported media type",
        "Send JSON (application/json, or application/fhir+json for FHIR).",
    ),
    "not_found": (404, "Not found", "There is nothing at this path, or no record with this id."),
    "method_not_allowed": (
        405,
        "Method not allowed",
        "This path does not accept this HTTP method.",
    ),
    "unauthorized": (401, "Token needed", "Send a bearer token: Authorization: Bearer <token>."),
    "forbidden": (403, "Not allowed", "This token may not do this."),
    "signup_closed": (
        403,
        "Sign-up is closed",
        "This service issues tokens only through the `pregback token` command.",
    ),
    "host_not_allowed": (
        400,
        "Host not allowed",
        "The request names a host this server is not set up to answer to (PREGBACK_ALLOWED_HOSTS).",
    ),
    "headers_too_large": (
        431,
        "Request headers too large",
        "The request headers together are larger than this service accepts.",
    ),
    "rate_limited": (
        429,
        "Too many requests",
        "This address sent more requests than this service allows; wait as long as Retry-After says.",
    ),
    "signup_limited": (
        429,
        "Too many sign-ups",
        "This address made more new diaries than this service allows in an hour; try again later.",
    ),
    "quota_exceeded": (
        413,
        "Storage quota reached",
        "This person keeps as many records of this kind as the service allows; delete some first.",
    ),
    "conflict": (
        409,
        "Conflict",
        "The request clashed with another change made at the same moment (such as erasing her data).",
    ),
    "busy": (
        503,
        "Busy",
        "The service could not finish reading the message in time; try again (see Retry-After).",
    ),
    "store_unavailable": (
        503,
        "Store unavailable",
        "The database could not be reached; try again.",
    ),
    "server_error": (
        500,
        "Internal error",
        "Something went wrong on the server; it has been logged without personal data.",
    ),
}


class ApiProblem(Exception):
    """Raised by a router to answer with a problem; `errors` are {field, pointer, message, ...}."""

    def __init__(
        self,
        code: str,
        detail: str,
        errors: Sequence[Mapping[str, Any]] = (),
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.code = code
        self.status = status or CODES[code][0]
        self.detail = detail
        self.errors = [dict(e) for e in errors]
        self.headers = dict(headers or {})


def pointer(field: str) -> str:
    """A dotted field path ("findings.symptoms.fever", "episodes[2].start") as a JSON Pointer fragment."""
    if not field:
        return "#"
    parts = [p for p in re.split(r"\.|\[(\d+)\]", field) if p]
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def entry(field: str, message: str, value: Any = None, allowed: str = "") -> dict[str, Any]:
    return {
        "field": field,
        "pointer": pointer(field),
        "value": _plain(value),
        "allowed": allowed,
        "detail": message,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool | type(None)):
        return value[:200] if isinstance(value, str) else value
    return repr(value)[:200]


def from_pregback(exc: PregbackError, prefix: str = "") -> ApiProblem:
    """A core error as a problem, its fields under `prefix` ("findings", "" for the top)."""
    errors = []
    for p in exc.problems:
        d = p.to_dict()
        field = d["field"]
        if (
            prefix
            and field != prefix
            and not field.startswith(prefix + ".")
            and not field.startswith(prefix + "[")
        ):
            field = f"{prefix}.{field}" if field else prefix
        errors.append(entry(field, d["message"], d["value"], d["allowed"]))
    code = exc.code if exc.code in CODES else "invalid_input"
    return ApiProblem(code, str(exc), errors)


def body(
    code: str,
    detail: str,
    instance: str,
    errors: Iterable[Mapping[str, Any]] = (),
    status: int | None = None,
) -> dict[str, Any]:
    st, title, _ = CODES.get(code, CODES["invalid_input"])
    out: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": title,
        "status": status or st,
        "detail": detail,
        "instance": instance,
        "code": code,
    }
    errs = list(errors)
    if errs:
        out["errors"] = errs
    return out


class ProblemResponse(JSONResponse):
    """A problem as ASCII JSON: whatever a request held, its echo can always be encoded."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False).encode("ascii")


def response(problem: ApiProblem, instance: str) -> JSONResponse:
    content = body(problem.code, problem.detail, instance, problem.errors, problem.status)
    return ProblemResponse(
        content, status_code=problem.status, media_type=PROBLEM_JSON, headers=problem.headers
    )


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        field = ".".join(loc)
        out.append(
            entry(field, str(err.get("msg", "is not valid")), err.get("input") if loc else None)
        )
    return out


def install(app: FastAPI) -> None:
    """Register the handlers: every error leaves as problem+json."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiProblem)
        return response(exc, request.url.path)

    async def on_pregback(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, PregbackError)
        return response(from_pregback(exc), request.url.path)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['field'] or 'body'}: {e['detail']}" for e in errors[:5])
        return response(ApiProblem("invalid_request", detail, errors), request.url.path)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 405:
            exc.headers = {**(exc.headers or {}), "Allow": allowed_methods(request)}
        code = {
            404: "not_found",
            405: "method_not_allowed",
            401: "unauthorized",
            403: "forbidden",
            413: "body_too_large",
            415: "unsupported_media_type",
        }.get(exc.status_code)
        if code is None:
            code = "invalid_request" if exc.status_code < 500 else "server_error"
        try:
            phrase = HTTPStatus(exc.status_code).phrase
        except ValueError:
            phrase = "Error"
        detail = (
            exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else CODES[code][2]
        )
        return response(
            ApiProblem(code, detail, status=exc.status_code, headers=exc.headers), request.url.path
        )

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        # The exception's type and the route template only: its message could quote personal
        # data, and the path could hold an id.
        route = getattr(request.scope.get("route"), "path", None) or "(unmatched)"
        log.error("internal error %s on %s %s", type(exc).__name__, request.method, route)
        return response(ApiProblem("server_error", CODES["server_error"][2]), request.url.path)

    app.add_exception_handler(ApiProblem, on_problem)
    app.add_exception_handler(PregbackError, on_pregback)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)


def allowed_methods(request: Request) -> str:
    """Every method some route answers at this path (HEAD wherever GET), for an Allow header. A
    path that is a route of its own (/v1/me/episodes/start) is not also taken as the value of
    another route's parameter (/v1/me/episodes/{episode_id})."""
    from fastapi.routing import iter_route_contexts
    from starlette.routing import compile_path

    path = request.url.path
    literal: set[str] = set()
    templated: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        template, methods = route.path, route.methods
        if not template or not methods:
            continue
        if "{" not in template:
            if template == path:
                literal |= methods
        elif compile_path(template)[0].match(path):
            templated |= methods
    found = literal or templated
    if "GET" in found:
        found.add("HEAD")
    return ", ".join(sorted(found))


#: The OpenAPI description of a problem response, for `responses=` on every route.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string", "enum": sorted(CODES)},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "pointer", "detail"],
                "properties": {
                    "field": {"type": "string"},
                    "pointer": {"type": "string"},
                    "value": {},
                    "allowed": {"type": "string"},
                    "detail": {"type": "string"},
                },
            },
        },
    },
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for these statuses, each documented as problem+json."""
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def from_validation(
    exc: Any, prefix: str = "", code: str = "invalid_request", what: str = "request"
) -> ApiProblem:
    """A pydantic ValidationError (from fhir.resources or a request model) as a problem with paths."""
    errors = []
    for err in exc.errors()[:50]:
        parts: list[str] = []
        for p in err.get("loc", ()):
            if isinstance(p, int):
                parts.append(f"[{p}]")
            else:
                parts.append(("." if parts else "") + str(p))
        field = "".join(parts)
        if prefix:
            field = f"{prefix}{'' if field.startswith('[') or not field else '.'}{field}"
        errors.append(
            entry(field, str(err.get("msg", "is not valid")), err.get("input") if field else None)
        )
    first = errors[0] if errors else {"field": prefix, "detail": "is not valid"}
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return ApiProblem(
        code,
        f"The {what} is not valid: {first['field'] or 'body'}: {first['detail']}{more}.",
        errors,
    )
