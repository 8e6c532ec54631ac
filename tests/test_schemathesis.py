"""Schemathesis against the service's own OpenAPI: generated requests, valid and invalid, never get a
5xx, and every answer matches the published schema (status, media type, body). Bounded: a few
examples per operation, so the file runs in well under a minute."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from pregback.api.app import create_app
from tests.api_helpers import (  # Starlette's test client, without its httpx2 warning
    TestClient,
    quiet_settings,
)

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is a dev dependency of the API tests"
)
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi import checks as openapi_checks  # noqa: E402

#: The service's own routes (the web pages, when installed, are tested by their own suite).
OWN = r"^/(v1|cds-services|fhir|health|problems)(/|$)"
#: Examples per operation; CI keeps the default, a deeper local run sets PREGBACK_SCHEMATHESIS_EXAMPLES.
EXAMPLES = int(os.environ.get("PREGBACK_SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.negative_data_rejection,
]
_folder = Path(tempfile.mkdtemp(prefix="pregback-schemathesis-"))
app = create_app(quiet_settings(database_url=f"sqlite:///{_folder / 'pregback.db'}"))
schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex=OWN)


@pytest.fixture(scope="module")
def token() -> Iterator[str]:
    with TestClient(app) as c:
        yield c.post("/v1/signup").json()["token"]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_generated_requests_get_no_5xx_and_answers_match_the_schema(case: Any, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"} if case.path.startswith("/v1/me") else None
    case.call_and_validate(headers=headers, checks=CHECKS)
