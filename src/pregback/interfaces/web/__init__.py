"""The web app for phones: server-rendered pages for the assessment, timer, diary and knowledge.

Owns: where the pages' templates and static files are. The router that serves them is
`pregback.interfaces.web.routes.router` (the API's `create_app()` includes it; `web.app` serves it
alone). Never: clinical logic (every page calls the core), nor any import of its own, so that each
page module may use these two paths without an import cycle.
"""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

__all__ = ["STATIC", "TEMPLATES"]
