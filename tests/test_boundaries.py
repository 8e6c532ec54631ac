"""Dependencies point one way: the core loads nothing heavy, and the CLI starts without the servers."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "sqlalchemy",
    "fastapi",
    "uvicorn",
    "starlette",
    "fhir",
    "jinja2",
    "typer",
    "rich",
    "alembic",
)


def _loaded(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return {name.split(".")[0] for name in out.stdout.split()}


def test_import_pregback_and_assess_load_nothing_heavy() -> None:
    loaded = _loaded("import pregback; pregback.assess({'gestational_weeks': 30})")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_cli_start_does_not_load_servers_or_databases() -> None:
    loaded = _loaded("import pregback.interfaces.cli.app")
    assert not loaded & {"sqlalchemy", "fastapi", "uvicorn", "fhir", "alembic"}
