"""Reading a JSON request body: the media type, strict JSON, and the top-level keys allowed.

Owns: turning request bytes into a checked JSON value, or a 4xx problem. Never: accept NaN,
Infinity or integers beyond I-JSON's exact range (RFC 7493), or let a parse error become a 500.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import Request

from pregback.core import jsonlimits
from pregback.interfaces.api.problems import ApiProblem, entry

JSON_TYPES = ("application/json",)
FHIR_TYPES = ("application/fhir+json", "application/json+fhir")


def loads(raw: bytes) -> Any:
    """Strict JSON (pregback.core.jsonlimits): no NaN/Infinity, integers within I-JSON's range
    (RFC 7493: +-(2**53 - 1)), at most 64 levels deep; a 400 problem naming the field otherwise."""
    if not raw.strip():
        raise ApiProblem("bad_json", "The body is empty; send a JSON object.")
    try:
        return jsonlimits.loads(raw, max_int=jsonlimits.MAX_SAFE_INT, what="the body")
    except jsonlimits.JSONLimitError as exc:
        fault = exc.problems[0]
        errors = (
            [entry(fault.field, fault.text(), fault.value, fault.allowed)] if fault.field else []
        )
        raise ApiProblem("bad_json", f"{fault.text()}.", errors) from None


def _media_ok(content_type: str | None, fhir: bool) -> bool:
    if content_type is None:
        return True  # no type given: try it as JSON
    media = content_type.split(";", 1)[0].strip().lower()
    allowed = JSON_TYPES + FHIR_TYPES if fhir else JSON_TYPES
    return media in allowed or (
        not fhir and media.startswith("application/") and media.endswith("+json")
    )


def value_from(raw: bytes, content_type: str | None, fhir: bool = False) -> Any:
    """The JSON value of a body; 415 for a non-JSON media type, 400 for bad JSON."""
    if not _media_ok(content_type, fhir):
        wanted = "application/fhir+json or application/json" if fhir else "application/json"
        raise ApiProblem("unsupported_media_type", f"Send the body as {wanted}.")
    return loads(raw)


def object_from(raw: bytes, content_type: str | None, allowed: Iterable[str]) -> dict[str, Any]:
    """The JSON object of a body, with only the `allowed` top-level keys; 422 otherwise."""
    value = value_from(raw, content_type)
    keys = tuple(allowed)
    if not isinstance(value, dict):
        raise ApiProblem(
            "invalid_request",
            "The body must be a JSON object.",
            [entry("", "is not a JSON object", type(value).__name__, "a JSON object")],
        )
    unknown = [k for k in value if k not in keys]
    if unknown:
        allowed_text = ", ".join(keys)
        raise ApiProblem(
            "invalid_request",
            f"{unknown[0]!r} is not a key of this request (allowed: {allowed_text}).",
            [entry(k, "is not a key of this request", k, allowed_text) for k in unknown],
        )
    return value


async def json_body(request: Request, fhir: bool = False) -> Any:
    """The request's JSON value; 415 for a non-JSON media type, 400 for bad JSON."""
    return value_from(await request.body(), request.headers.get("content-type"), fhir)


async def json_object(request: Request, allowed: Iterable[str]) -> dict[str, Any]:
    """The request's JSON object, with only the `allowed` top-level keys; 422 otherwise."""
    return object_from(await request.body(), request.headers.get("content-type"), allowed)


def text_field(
    data: dict[str, Any], key: str, limit: int, required: bool = False, not_blank: bool = False
) -> str | None:
    """A string field of at most `limit` characters; None when absent (and not required). With
    `not_blank`, a string of nothing but white space is refused: an empty message is never read as
    "no symptoms"."""
    if key not in data:
        if required:
            raise ApiProblem(
                "invalid_request",
                f"{key!r} is required.",
                [entry(key, "is required", None, "a string")],
            )
        return None
    value = data[key]
    if not isinstance(value, str):
        raise ApiProblem(
            "invalid_request",
            f"{key!r} must be a string.",
            [entry(key, "is not a string", value, "a string")],
        )
    if len(value) > limit:
        raise ApiProblem(
            "message_too_long",
            f"{key!r} has {len(value)} characters; the most is {limit}.",
            [entry(key, "is too long", f"{len(value)} characters", f"at most {limit} characters")],
        )
    if not_blank and not value.strip():
        raise ApiProblem(
            "invalid_request",
            f"{key!r} is empty: describe the pain in a few words.",
            [entry(key, "is empty", value, "her own words, not blank")],
        )
    return value


def list_field(data: dict[str, Any], key: str, limit: int) -> list[Any] | None:
    """A list field of at most `limit` items; None when absent."""
    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, list):
        raise ApiProblem(
            "invalid_request",
            f"{key!r} must be a list.",
            [entry(key, "is not a list", value, "a JSON array")],
        )
    if len(value) > limit:
        raise ApiProblem(
            "invalid_request",
            f"{key!r} has {len(value)} items; the most is {limit}.",
            [entry(key, "has too many items", f"{len(value)} items", f"at most {limit} items")],
        )
    return value


def declared_query(request: Request) -> None:
    """422 for a query parameter the operation does not publish in the OpenAPI (a typo, or data
    in the wrong place, is said, not ignored). Routes outside the OpenAPI (the pages) are not
    checked."""
    if not request.url.query:
        return
    declared = _query_names(request)
    if declared is None:
        return
    unknown = [k for k in request.query_params if k not in declared]
    if unknown:
        allowed = ", ".join(sorted(declared)) or "none"
        raise ApiProblem(
            "invalid_request",
            f"{unknown[0]!r} is not a query parameter of this request (allowed: {allowed}).",
            [entry(k, "is not a query parameter here", k, allowed) for k in unknown[:20]],
        )


def _query_names(request: Request) -> frozenset[str] | None:
    """The query parameters the OpenAPI publishes for this request's operation; None when the
    operation is not in it."""
    template = getattr(request.scope.get("route"), "path_format", None) or getattr(
        request.scope.get("route"), "path", None
    )
    table: dict[tuple[str, str], frozenset[str]] | None = getattr(
        request.app.state, "query_names", None
    )
    if table is None:
        table = {}
        for path, operations in request.app.openapi().get("paths", {}).items():
            for method, op in operations.items():
                names = {p["name"] for p in op.get("parameters", []) if p.get("in") == "query"}
                table[(path, method.upper())] = frozenset(names)
        request.app.state.query_names = table
    method = "GET" if request.method == "HEAD" else request.method
    return table.get((str(template), method))
