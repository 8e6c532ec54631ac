"""Her data as the terminal commands reach it: the --db and --person options, the store opened and
one transaction with the repository, and the store's errors in the terminal's words.

Owns: `fail` (the message on standard error and exit code 2, for bad input), and the hint that
adds the command to type to an error she can fix from the terminal. Never: heavy imports at module
import time (SQLAlchemy loads inside the functions, so `pregback --help` stays fast); the store
says its errors in neutral words, and only this module words them for a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from pregback.errors import PregbackError
    from pregback.store.db import Store
    from pregback.store.repository import Repository

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: a SQLAlchemy URL or a SQLite file path. Default: $PREGBACK_DATABASE_URL, "
        "else pregback.db in your user data folder.",
        show_default=False,
    ),
]
PersonOption = Annotated[
    str, typer.Option("--person", help="Whose data, when more than one person uses this database.")
]
#: The options of `pregback diary edit`, one for each field of an entry the store may change.
EDIT_OPTIONS = "--at, --pain, --where, --symptom, --helped, --note"


def fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def profile_example(today: date) -> str:
    """A command that sets a profile, with a due date that is valid on `today`."""
    return (
        f"pregback profile --due {(today + timedelta(weeks=10)).isoformat()} (your due date), "
        "or pregback profile --weeks 30 (how far along you are)"
    )


def said(exc: PregbackError) -> str:
    """The store's error in the terminal's words: each problem as the store says it, and for the
    ones a command fixes, that command. Chosen by the error's code and the problem's field (both
    stable), never by the words of the message."""
    texts = []
    for p in exc.problems:
        key = (exc.code, p.field)
        if key == ("not_found", "person"):
            texts.append(f"{p.text()}; start one with: {profile_example(date.today())}")
        elif key == ("not_found", "id"):
            texts.append(f"{p.text()}; see them with: pregback diary list")
        elif key == ("invalid_entry", "changes"):
            texts.append(f"changes: nothing to change (give at least one of {EDIT_OPTIONS})")
        else:
            texts.append(p.text())
    return "; ".join(texts)


@contextmanager
def opened(db: str | None) -> Iterator[Store]:
    """The store, with its errors turned into a clear message and exit code 2."""
    from pregback.errors import PregbackError
    from pregback.store.db import open_store

    try:
        store = open_store(db)
    except PregbackError as exc:
        fail(said(exc))
    try:
        yield store
    finally:
        store.close()


@contextmanager
def repository(db: str | None) -> Iterator[Repository]:
    """One transaction over her data; a PregbackError inside rolls it back, prints, and exits 2."""
    from pregback.errors import PregbackError
    from pregback.store.repository import Repository

    with opened(db) as store:
        try:
            with store.session() as s:
                yield Repository(s)
        except PregbackError as exc:
            fail(said(exc))
