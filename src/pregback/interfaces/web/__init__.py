"""The web app for phones: server-rendered pages for the assessment, timer, diary and knowledge.

Owns: `router` (a FastAPI APIRouter, built on first access) and the pages' templates and static
files. Never: clinical logic (every page calls the core), nor heavy imports when `pregback.interfaces.web` loads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

__all__ = ["STATIC", "TEMPLATES", "router"]


def __getattr__(name: str) -> Any:
    if name == "router":
        from pregback.interfaces.web.routes import router

        return router
    raise AttributeError(f"module 'pregback.interfaces.web' has no attribute {name!r}")
