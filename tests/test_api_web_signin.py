"""The web pages' sign-in checks a token with the API's own token store."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_person_for_token_names_the_tokens_owner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pregback.api import auth
    from pregback.api.tokens import ensure_table, new_person
    from pregback.store.db import open_store

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    monkeypatch.setenv("PREGBACK_DATABASE_URL", url)
    monkeypatch.setattr(auth, "_WEB_STORE", auth.StoreHandle(None))
    store = open_store(url)
    ensure_table(store.engine)
    with store.session() as session:
        issued = new_person(session, "phone")
    store.close()
    assert auth.person_for_token(issued.token) == issued.person_name
    assert auth.person_for_token("pbk_not-a-token") is None
    auth._WEB_STORE.close()
