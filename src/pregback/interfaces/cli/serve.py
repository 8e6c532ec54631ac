"""The `serve` command (the HTTP service under uvicorn) and the `token` command (a bearer token for
one person's data).

Owns: registering both commands and turning their options into the service's environment, so that
every worker process builds the same settings. Never: importing FastAPI, uvicorn or SQLAlchemy at
module import time (`pregback --help` stays fast), or printing a token anywhere but stdout.
"""

from __future__ import annotations

import os
from typing import Annotated, Any, NoReturn

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


#: Addresses that only this machine can reach.
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
#: Addresses that listen on every interface.
WILDCARDS = ("0.0.0.0", "::", "[::]", "")
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


def _loopback(host: str) -> bool:
    return host.lower() in LOOPBACK or host.startswith("127.")


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


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
        allow_remote: Annotated[
            bool,
            typer.Option(
                "--allow-remote",
                help="Listen on an address other machines can reach although the diary has no "
                "sign-in (without PREGBACK_MULTI_USER=1). Only on a network you trust.",
            ),
        ] = False,
    ) -> None:
        """Run the HTTP service: REST under /v1, CDS Hooks, FHIR; the database from PREGBACK_DATABASE_URL."""
        from pregback.extras import missing_message, missing_modules

        if missing_modules("api"):
            typer.echo(f"error: {missing_message('api', 'pregback serve')}", err=True)
            raise typer.Exit(2)
        from pregback.interfaces.api.settings import Settings

        if log_level.lower() not in LOG_LEVELS:
            _fail(f"--log-level: {log_level!r} is not allowed (allowed: {', '.join(LOG_LEVELS)})")
        try:
            multi_user = Settings.from_env().multi_user
        except ValueError as exc:
            _fail(str(exc))
        if not _loopback(host) and not multi_user and not allow_remote:
            _fail(
                f"--host {host}: this server keeps one diary with no sign-in, so anyone who can "
                f"reach {host}:{port} could read and change it. Keep it on 127.0.0.1; to serve many "
                "people set PREGBACK_MULTI_USER=1 (each signs in to her own diary); or add "
                "--allow-remote if you trust everyone on this network."
            )
        if not _loopback(host) and host not in WILDCARDS:
            # Requests to the address it listens on name that address as their Host.
            named = os.environ.get("PREGBACK_ALLOWED_HOSTS", "")
            os.environ["PREGBACK_ALLOWED_HOSTS"] = ",".join(filter(None, (named, host)))
        import uvicorn

        if cors_origin:
            os.environ["PREGBACK_CORS_ORIGINS"] = ",".join(cors_origin)
        if public_url:
            os.environ["PREGBACK_PUBLIC_URL"] = public_url
        if signup is not None:
            os.environ["PREGBACK_SIGNUP"] = "1" if signup else "0"
        try:
            settings = Settings.from_env()  # fail here, once, naming the variable, not per worker
        except ValueError as exc:
            _fail(str(exc))
        if host in WILDCARDS and settings.hosts() is not None:
            typer.echo(
                f"note: requests must name this machine as {', '.join(sorted(settings.hosts() or ()))}; "
                "add the names it is reached by to PREGBACK_ALLOWED_HOSTS",
                err=True,
            )
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
            "pregback.interfaces.api.app:app_from_env",
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
        from pregback.errors import PregbackError
        from pregback.interfaces.api.tokens import ensure_table, issue
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
