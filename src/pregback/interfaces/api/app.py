"""The FastAPI application: REST under /v1, CDS Hooks, FHIR, the person's own data under /v1/me,
and the web pages (`pregback.interfaces.web`).

Owns: assembling routers, middleware, error handlers and the published OpenAPI. Never: hold state
in process memory that another worker would need (all state is in the store).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi

from pregback import __version__
from pregback.interfaces.api import (
    auth,
    cds_hooks,
    fhir,
    interview,
    me,
    me_assess,
    me_sessions,
    problems,
    rest,
    security,
    waves,
)
from pregback.interfaces.api.auth import StoreHandle
from pregback.interfaces.api.offload import Readers
from pregback.interfaces.api.payload import declared_query
from pregback.interfaces.api.problems import (
    CODES,
    PROBLEM_JSON,
    PROBLEM_SCHEMA,
    ApiProblem,
    problem_responses,
)
from pregback.interfaces.api.ratelimit import RateLimiter
from pregback.interfaces.api.schemas import request_schemas
from pregback.interfaces.api.settings import Settings
from pregback.knowledge import KnowledgeBase, default_knowledge, load_knowledge

log = logging.getLogger("pregback.interfaces.api")

DESCRIPTION = """Back pain in pregnancy: how urgent it is, what may be going on, and what helps, with every
rule traced to its source. **Decision support, not a diagnosis.**

- REST under `/v1`: assess, read, interview, the knowledge base, and her own diary under `/v1/me`
  (bearer token).
- CDS Hooks 2.0: discovery at `/cds-services`, a `patient-view` service.
- FHIR R4: `/fhir/Questionnaire/pregback`, `/fhir/QuestionnaireResponse/$assess`.

Errors are `application/problem+json` (RFC 9457) with the field paths at fault."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The whole service for these settings (from the environment when not given)."""
    config = (settings or Settings.from_env()).checked()
    kb = load_knowledge(config.knowledge_path) if config.knowledge_path else default_knowledge()
    app = FastAPI(
        title="pregback",
        version=__version__,
        summary="Back pain in pregnancy: triage with reasons and sources.",
        description=DESCRIPTION,
        docs_url=None,  # our own /docs, with Swagger UI's files served from here (docs_page)
        redoc_url=None,
        openapi_url="/openapi.json" if config.docs else None,
        lifespan=_lifespan,
        # FastAPI's own OpenTelemetry logs would record exception messages, which can quote input.
        telemetry={"logs": False},
        dependencies=[Depends(declared_query)],
    )
    app.state.settings = config
    app.state.kb = kb
    app.state.store = StoreHandle(config.database_url)
    app.state.signup_limiter = RateLimiter(config.signup_rate, 3600.0)
    app.state.readers = Readers(config.readers, config.read_seconds)
    problems.install(app)
    app.include_router(rest.lean)
    app.include_router(interview.lean)
    app.include_router(rest.router)
    app.include_router(auth.router)
    app.include_router(me.router)
    app.include_router(me_assess.router)
    app.include_router(waves.router)
    app.include_router(me_sessions.router)
    app.include_router(cds_hooks.router)
    app.include_router(fhir.router)
    _add_service_routes(app, kb)
    if config.docs:
        from pregback.interfaces.api import docs_page

        docs_page.install(app)
    _mount_web(app)
    security.install(app, config)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _openapi(app, kb, config)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Warm each worker before it takes traffic: the engine's caches, the reader's lexicon, and the
    store (best effort: the triage endpoints work without a database)."""
    from fastapi.concurrency import run_in_threadpool

    await run_in_threadpool(_warm, app)
    yield
    app.state.store.close()
    app.state.readers.close()


def _warm(app: FastAPI) -> None:
    from pregback.core.batch import assess_case
    from pregback.errors import PregbackError

    kb = app.state.kb
    assess_case({"findings": {}}, kb)
    assess_case({"message": "33 weeks, low back pain, no bleeding"}, kb)
    try:
        app.state.store.get()
    except (PregbackError, OSError) as exc:
        log.warning(
            "store not ready at start-up (%s); it is opened on first use", type(exc).__name__
        )


def app_from_env() -> FastAPI:
    """The uvicorn factory of `pregback serve`: each worker reads the same environment."""
    return create_app(Settings.from_env())


def _add_service_routes(app: FastAPI, kb: KnowledgeBase) -> None:
    @app.get(
        "/health",
        tags=["service"],
        summary="Liveness: the process answers and its knowledge base is loaded",
    )
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__, "knowledge_version": kb.version}

    @app.get(
        "/problems/{code}",
        tags=["service"],
        summary="What a problem type means",
        responses=problems.problem_responses(404),
    )
    async def problem_type(code: str) -> dict[str, Any]:
        if code not in CODES:
            raise ApiProblem(
                "not_found",
                f"There is no problem type {code!r}.",
                [problems.entry("code", "is not a problem type", code, ", ".join(sorted(CODES)))],
            )
        status, title, meaning = CODES[code]
        return {
            "type": f"/problems/{code}",
            "code": code,
            "status": status,
            "title": title,
            "description": meaning,
        }


def _mount_web(app: FastAPI) -> None:
    """The web pages (`pregback.interfaces.web`) and their static files at /static."""
    from fastapi.staticfiles import StaticFiles

    from pregback.interfaces.web import STATIC
    from pregback.interfaces.web.routes import router

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def _hoist(components: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    for name, sub in schema.pop("$defs", {}).items():
        components[name] = sub
    return schema


def _openapi(app: FastAPI, kb: KnowledgeBase, settings: Settings) -> dict[str, Any]:
    """FastAPI's document, with the request schemas built from the knowledge base, and every
    validation error documented as problem+json (the only error format this service sends)."""
    doc = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
        tags=None,
    )
    components = doc.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components["Problem"] = PROBLEM_SCHEMA
    components.update(request_schemas(kb, settings))
    for name, build in cds_hooks.COMPONENTS.items():
        components[name] = _hoist(components, build())
    problem = {"content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    for path, operations in doc.get("paths", {}).items():
        for method, op in operations.items():
            responses = op.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = {"description": "Unprocessable Content", **problem}
            for status in _edge_statuses(path, method):
                responses.setdefault(str(status), problem_responses(status)[status])
    _exact_integers(doc)
    return doc


def _exact_integers(doc: dict[str, Any]) -> None:
    """Every integer in a request is within I-JSON's exact range (the body's parser refuses the
    rest), so every integer schema says so."""
    from pregback.core.jsonlimits import MAX_SAFE_INT

    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            kind = node.get("type")
            if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
                node.setdefault("maximum", MAX_SAFE_INT)
                node.setdefault("minimum", -MAX_SAFE_INT)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


#: Paths whose message is read off the event loop, within a time budget (503 past it).
READING = ("/v1/assess", "/v1/read", "/v1/interview", "/v1/me/assess")


def _edge_statuses(path: str, method: str) -> tuple[int, ...]:
    """What any request to this operation may be answered before it gets there: a Host this
    server does not answer to (400), too many requests (429), headers too large (431); a write to
    her data that clashes with another (409); a message not read in time (503)."""
    out = [400, 429, 431]
    if path.startswith("/v1/me") and method != "get":
        out.append(409)
    if path in READING:
        out.append(503)
    return tuple(out)
