"""The `serve` command: the HTTP service (filled in by the API work).

Owns: registering `serve` on the main app. Never: importing FastAPI at module import time.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the serve command to the main app (none yet)."""
