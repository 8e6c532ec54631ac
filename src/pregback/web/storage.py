"""The store the pages read and write: one open store per database URL in this process.

Owns: opening the store for PREGBACK_DATABASE_URL (or her data folder) once, running work in one
transaction with the repository, and checking or issuing the API's tokens for sign-in. Never:
checking entries (the store's repository does) or keeping a token (only its hash is stored).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from pregback.web.templating import knowledge

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


def person_for_token(token: str) -> str | None:
    """The profile name that this API token reaches; None for an unknown or revoked token."""
    from pregback.api.tokens import person_for

    with store().session() as session:
        person = person_for(session, token)
        return None if person is None else str(person.name)


def new_person_with_token(label: str) -> str:
    """A new person with a new token (the same as the API's sign-up); returns the token, shown once."""
    from pregback.api.tokens import new_person

    with store().session() as session:
        return new_person(session, label).token
