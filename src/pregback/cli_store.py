"""Terminal commands over her own data: timer, diary, report, export (filled in by the store work).

Owns: registering those commands on the main app. Never: heavy imports at module import time.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the store commands to the main app (none yet)."""
