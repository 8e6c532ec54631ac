"""The store the pages read and write: one open store per database URL in this process.

Owns: opening the store for PREGBACK_DATABASE_URL (or her data folder) once, running work in one
transaction with the repository (and with her, never re-created once her data is erased on a
server shared by many), and the web sessions: signing in with an API token, signing up,
finding her by her session cookie, listing and ending sessions. Never: checking entries (the
store's repository does) or keeping a token or session secret (only their hashes are stored).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from pregback.interfaces.web.templating import knowledge, settings

T = TypeVar("T")
_stores: dict[str, Any] = {}
_lock = threading.Lock()


def store() -> Any:
    """The open store for PREGBACK_DATABASE_URL (or her data folder), opened once per process."""
    from pregback.store.db import open_store, resolve_url

    url = resolve_url(None)
    with _lock:
        if url not in _stores:
            _stores[url] = open_store(url)
        return _stores[url]


def close_stores() -> None:
    """Close every store this process opened (tests call it between databases)."""
    with _lock:
        for s in _stores.values():
            s.close()
        _stores.clear()


def with_repo(fn: Callable[[Any], T]) -> T:
    """`fn(repository)` in one transaction: it all lands, or nothing does."""
    from pregback.store.repository import Repository

    with store().session() as session:
        return fn(Repository(session, knowledge()))


class Erased(Exception):
    """Her data was erased (on a server shared by many) while this request was on its way."""


def with_person(
    name: str, work: Callable[[Any, Any], T], *, write: bool = False, create: bool = True
) -> T:
    """`work(repository, her)` in one transaction.

    On a personal install her profile is made by her first write (`create`). On a server shared by
    many she exists from sign-up until her data is erased, so she is never made here: a `write`
    holds her row to the end (the write and an erase happen one after the other), and finding her
    gone raises Erased, with nothing saved and nothing re-created."""
    from pregback.store.repository import Repository

    with store().session() as session:
        repo = Repository(session, knowledge())
        if settings().multi_user:
            person = repo.person(name)
            if person is None or (write and not repo.hold(person)):
                raise Erased
        elif create:
            person = repo.ensure_person(name)
        else:
            person = repo.require_person(name)
        return work(repo, person)


def sign_in(token: str, label: str) -> str | None:
    """A new web session for the person this API token reaches: the session's secret for her
    cookie; None for an unknown or revoked token."""
    from pregback.interfaces.api import sessions
    from pregback.interfaces.api.tokens import person_for

    with store().session() as session:
        person = person_for(session, token)
        return None if person is None else sessions.start(session, person, label)


def sign_up(label: str) -> tuple[str, str]:
    """A new person (the same as the API's sign-up) and a web session for her: her code, shown
    once, and the session's secret for her cookie."""
    from sqlalchemy import select

    from pregback.interfaces.api import sessions
    from pregback.interfaces.api.tokens import new_person
    from pregback.store.models import Person

    with store().session() as session:
        issued = new_person(session, "web")
        her = session.scalars(select(Person).where(Person.uid == issued.person_uid)).one()
        return issued.token, sessions.start(session, her, label)


def person_for_session(secret: str) -> str | None:
    """The profile name this session cookie opens; None once the session has ended or expired."""
    from pregback.interfaces.api import sessions

    with store().session() as session:
        person = sessions.person_for(session, secret)
        return None if person is None else str(person.name)


def sign_out(secret: str) -> None:
    """End the session this cookie holds: the cookie opens nothing from now on."""
    from pregback.interfaces.api import sessions

    with store().session() as session:
        sessions.end_secret(session, secret)


def sessions_of(secret: str) -> list[dict[str, Any]] | None:
    """Her live sessions (the current one marked); None when this cookie's session has ended."""
    from pregback.interfaces.api import sessions

    with store().session() as session:
        person = sessions.person_for(session, secret)
        if person is None:
            return None
        current = sessions.current_id(session, secret)
        return [sessions.as_dict(w, current) for w in sessions.listed(session, person)]


def end_session(secret: str, session_id: int) -> bool:
    """End one of her sessions, chosen on the page of the session this cookie holds; False when
    that cookie's session has ended or the id is not one of hers."""
    from pregback.errors import PregbackError
    from pregback.interfaces.api import sessions

    with store().session() as session:
        person = sessions.person_for(session, secret)
        if person is None:
            return False
        try:
            sessions.end(session, person, session_id)
        except PregbackError:
            return False
        return True
