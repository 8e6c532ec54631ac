"""The `serve` command (the HTTP service under uvicorn) and the `token` command (a bearer token for
one person's data).

Owns: registering both commands and turning their options into the service's environment, so that
every worker process builds the same settings. Never: importing FastAPI, uvicorn or SQLAlchemy at
module import time (`pregback --help` stays fast), or printing a token anywhere but stdout.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer


def _logging(level: str) -> dict[str, Any]:
    """uvicorn's log configuration, with pregback's own loggers (route templates only, no data)."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["pregback"] = {
        "handlers": ["default"],
        "level": level.upper(),
        "propagate": False,
    }
    return config


def register(app: typer.Typer) -> None:
    """Add `serve` and `token` to the main app."""

    @app.command()
    def serve(
        host: Annotated[
            str, typer.Option(help="Address to listen on. Keep 127.0.0.1 behind a reverse proxy.")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
        workers: Annotated[
            int, typer.Option(help="Worker processes; all state is in the database.", min=1, max=64)
        ] = 1,
        cors_origin: Annotated[
            list[str] | None,
            typer.Option(
                "--cors-origin",
                help="An origin allowed to call the API "
                "from a browser (repeat for more). Default: none.",
            ),
        ] = None,
        public_url: Annotated[
            str | None,
            typer.Option(help="The URL people reach the service at (for links in cards)."),
        ] = None,
        signup: Annotated[
            bool | None,
            typer.Option(
                "--signup/--no-signup",
                help="Allow POST /v1/signup to issue tokens. Default: $PREGBACK_SIGNUP, else allowed.",
                show_default=False,
            ),
        ] = None,
        access_log: Annotated[
            bool,
            typer.Option(
                "--access-log/--no-access-log",
                help="Log method, route template, status and time of each request.",
            ),
        ] = True,
        log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
    ) -> None:
        """Run the HTTP service: REST under /v1, CDS Hooks, FHIR; the database from PREGBACK_DATABASE_URL."""
        from pregback.extras import missing_message, missing_modules

        if missing_modules("api"):
            typer.echo(f"error: {missing_message('api', 'pregback serve')}", err=True)
            raise typer.Exit(2)
        import uvicorn

        from pregback.api.settings import Settings

        if cors_origin:
            os.environ["PREGBACK_CORS_ORIGINS"] = ",".join(cors_origin)
        if public_url:
            os.environ["PREGBACK_PUBLIC_URL"] = public_url
        if signup is not None:
            os.environ["PREGBACK_SIGNUP"] = "1" if signup else "0"
        try:
            Settings.from_env()  # fail here, once, with the variable named, not in every worker
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        import importlib.util

        if workers > 1 and importlib.util.find_spec("httptools") is None:
            # uvicorn's pure-Python HTTP with several workers leaves Nagle's algorithm on, and each
            # keep-alive answer then waits ~40 ms for the client's delayed ACK.
            typer.echo(
                "warning: install uvicorn[standard] (httptools, uvloop) to serve several workers fast",
                err=True,
            )
        config = _logging(log_level)
        if not access_log:
            config["loggers"]["pregback.access"] = {"level": "WARNING"}
        uvicorn.run(
            "pregback.api.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            access_log=False,  # uvicorn's would log client addresses and query strings
            log_config=config,
            log_level=log_level.lower(),
            server_header=False,
        )

    @app.command()
    def token(
        person: Annotated[
            str, typer.Option("--person", help="Whose data the token reaches (created if new).")
        ] = "me",
        label: Annotated[
            str, typer.Option("--label", help="A name for this token, e.g. the device.")
        ] = "",
        db: Annotated[
            str | None,
            typer.Option(
                "--db",
                help="Database URL or SQLite file. Default: "
                "$PREGBACK_DATABASE_URL, else your user data folder.",
            ),
        ] = None,
    ) -> None:
        """Issue a bearer token for one person's data under /v1/me. Printed once: only its hash is kept."""
        from pregback.api.tokens import ensure_table, issue
        from pregback.errors import PregbackError
        from pregback.store.db import open_store
        from pregback.store.repository import Repository

        try:
            store = open_store(db)
        except PregbackError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        try:
            ensure_table(store.engine)
            with store.session() as session:
                found = Repository(session).ensure_person(person)
                value = issue(session, found, label)
        except PregbackError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        finally:
            store.close()
        typer.echo(value)
        typer.echo(
            "Keep this token: it is shown once. Send it as: Authorization: Bearer <token>", err=True
        )
