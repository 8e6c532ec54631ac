"""A small app of the web pages alone, for tests and for serving before the HTTP API is there.

Owns: `create_web_app()`: the web router plus the static files at /static. Never: the API's
routes or settings (`pregback.interfaces.api.create_app()` includes the same router for `pregback serve`).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from pregback.interfaces.web import STATIC


def create_web_app() -> FastAPI:
    """The pages and their static files; no /docs, since this app has no API of its own. The same
    edge as the whole service: the Host check, limits, rate limits and headers."""
    from pregback.interfaces.api import problems, security
    from pregback.interfaces.api.offload import Readers
    from pregback.interfaces.api.ratelimit import RateLimiter
    from pregback.interfaces.api.settings import Settings
    from pregback.interfaces.web.routes import router

    settings = Settings.from_env()
    app = FastAPI(title="pregback web", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.signup_limiter = RateLimiter(settings.signup_rate, 3600.0)
    app.state.readers = Readers(settings.readers, settings.read_seconds)
    problems.install(app)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    security.install(app, settings)
    return app
