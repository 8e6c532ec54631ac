"""The API documentation page at /docs: Swagger UI served from this server's own files, so that it
works offline and loads nothing from a third party.

Owns: the /docs page and the /docs/assets files (Swagger UI as packaged by fastapi-offline). Never:
a script, style or image from another host, or an inline script (the page's CSP forbids both).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} API: documentation</title>
<link rel="stylesheet" href="{root}/docs/assets/swagger-ui.css">
<link rel="icon" href="{root}/docs/assets/favicon.png">
</head>
<body>
<div id="swagger-ui" data-openapi="{root}/openapi.json"></div>
<script src="{root}/docs/assets/swagger-ui-bundle.js"></script>
<script src="{root}/static/swagger-init.js"></script>
</body>
</html>
"""


def assets() -> Path:
    """The folder of Swagger UI's files (fastapi-offline, part of the api extra)."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def install(app: FastAPI) -> None:
    """Serve /docs and its assets on `app`."""
    app.mount("/docs/assets", StaticFiles(directory=assets()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        return HTMLResponse(PAGE.format(title=app.title, root=root))
