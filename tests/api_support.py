"""Fixtures for the HTTP service tests, loaded with `pytest_plugins = ["tests.api_support"]`: one
app and one in-process client for the session (over a fresh SQLite file), and people with tokens.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pregback.interfaces.api.app import create_app
from tests.api_helpers import TestClient, quiet_settings, signup


@pytest.fixture(scope="session")
def api_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('api') / 'pregback.db'}"


@pytest.fixture(scope="session")
def client(api_db: str) -> Iterator[TestClient]:
    """The one in-process client of the session; its store is a fresh SQLite file."""
    app = create_app(quiet_settings(database_url=api_db))
    with TestClient(app, raise_server_exceptions=True) as c:
        yield c


@pytest.fixture
def alice(client: TestClient) -> dict[str, str]:
    return signup(client)


@pytest.fixture
def bob(client: TestClient) -> dict[str, str]:
    return signup(client)
