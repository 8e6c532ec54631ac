"""The web router: the home page, the level colours as CSS, the service worker, and every page group.

Owns: putting the page routers together into `router`, which the API's `create_app()` includes
(the pages stay out of the OpenAPI; the timer's two JSON endpoints are in it). Never: a route
outside the pages (the API owns /v1 and the static mount at /static).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from pregback.interfaces.web import STATIC, assessment, auth, diary, learn, profile, timer
from pregback.interfaces.web.templating import SecureRoute, knowledge, render

pages = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API
router = APIRouter()


@pages.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    return render(request, "home.html", title="Back pain in pregnancy", section="home")


@pages.get("/levels.css")
async def levels_css() -> Response:
    """The urgency colours, from the knowledge base (levels.yaml), as CSS classes."""
    rules = []
    for level in knowledge().levels.values():
        rules.append(
            f".level-{level.id},.pill-{level.id}{{background:{level.colour};color:#fff}}\n"
            f".net-{level.id}{{border-left-color:{level.colour}}}"
        )
    return Response(
        "\n".join(rules) + "\n", media_type="text/css", headers={"Cache-Control": "no-cache"}
    )


@pages.get("/sw.js")
async def service_worker() -> Response:
    """The service worker, served from the root so that it may keep the timer page offline."""
    body = (STATIC / "sw.js").read_text(encoding="utf-8")
    return Response(body, media_type="text/javascript", headers={"Cache-Control": "no-cache"})


for part in (
    pages,
    assessment.router,
    learn.router,
    timer.router,
    diary.router,
    profile.router,
    auth.router,
):
    router.include_router(part)
router.include_router(timer.json_api)
router.include_router(diary.json_api)
