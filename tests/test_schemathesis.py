"""Schemathesis against the service's own OpenAPI, every operation (the web pages' JSON endpoints
and her own data under /v1/me with a real token included), with every check schemathesis has:
generated requests, valid and invalid, never get a 5xx, every answer matches the published
schema (status, media type, headers, body), data that breaks the schema is refused, data that
keeps to it is accepted, and every path lists its methods in Allow.

The schema says all a request's parts may be; a few rules go beyond what JSON Schema can say
(a wave ends after it starts and overlaps none, her diary holds moments up to now, an interview
answer answers the question asked at that point, a due date is of a pregnancy going on today, a
FHIR resource is valid FHIR). For data generated as valid, `_keep_the_rules` makes those parts
keep the rules too (as a client would); data generated as invalid is sent as it was drawn.

Examples per operation: 50 (PREGBACK_SCHEMATHESIS_EXAMPLES for a deeper run; the figures of the
last run are written to artifacts/schemathesis.json)."""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from pregback.interfaces.api.app import create_app
from tests.api_helpers import TestClient, quiet_settings

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is a dev dependency of the API tests"
)

EXAMPLES = int(os.environ.get("PREGBACK_SCHEMATHESIS_EXAMPLES", "50"))
ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "schemathesis.json"
_folder = Path(tempfile.mkdtemp(prefix="pregback-schemathesis-"))
# Schemathesis calls an ASGI app as http://testserver, so the app is told that name is its own.
app = create_app(
    quiet_settings(
        database_url=f"sqlite:///{_folder / 'pregback.db'}", allowed_hosts=("testserver",)
    )
)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
CSRF = "schemathesis-csrf-token-0123456789"
NOW = datetime.now(UTC).replace(microsecond=0)
_slots = itertools.count(1)
FIGURES: Counter[str] = Counter()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as c:
        yield c
    figures = {
        "examples_per_operation": EXAMPLES,
        "operations": len(list(schema.get_all_operations())),
        **dict(sorted(FIGURES.items())),
    }
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(figures, indent=1) + "\n")


_signups = TestClient(app, base_url="http://testserver")
TOKEN: str = _signups.post("/v1/signup").json()["token"]


@schema.auth(refresh_interval=None, retry_on=[]).apply_to(path_regex="^/v1/me")
class HerToken:
    """Her bearer token on /v1/me (schemathesis itself tries them without it, or with a wrong
    one); erasing gets a person of its own each time, so that the others keep theirs."""

    def get(self, case: Any, ctx: Any) -> str:
        if case.method == "DELETE" and case.path == "/v1/me":
            fresh: str = _signups.post("/v1/signup").json()["token"]
            return fresh
        return TOKEN

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


def _waves(count: int, end: datetime, zone: bool = True) -> list[dict[str, str]]:
    """`count` waves of 50 s, 3 minutes apart, the last ending before `end`."""
    first = end - timedelta(minutes=3 * count)
    out = []
    for i in range(count):
        start = first + timedelta(minutes=3 * i)
        stop = start + timedelta(seconds=50)
        if not zone:
            start, stop = start.replace(tzinfo=None), stop.replace(tzinfo=None)
        out.append({"start": start.isoformat(), "end": stop.isoformat()})
    return out


def _slot() -> datetime:
    """A moment no earlier wave of this run has used (waves she keeps may not overlap)."""
    return NOW - timedelta(minutes=2 * next(_slots))


VALID_RESPONSE = {
    "resourceType": "QuestionnaireResponse",
    "status": "completed",
    "item": [
        {"linkId": "gestational_weeks", "answer": [{"valueDecimal": 30}]},
        {"linkId": "fever", "answer": [{"valueBoolean": False}]},
    ],
}


def _keep_the_rules(case: Any) -> None:
    """Make the parts of a valid-by-schema request that JSON Schema cannot constrain keep the
    service's other rules (see the module's docstring)."""
    body, path, method = case.body, case.path, case.method
    if isinstance(case.query, dict):
        for key in ("since", "until"):
            if key in case.query:  # a pattern cannot keep month 13 out
                case.query[key] = (NOW - timedelta(days=len(str(case.query[key])))).isoformat()
    if path == "/fhir/QuestionnaireResponse/$assess":
        case.body = {**VALID_RESPONSE, "status": body.get("status", "completed")}
        return
    if not isinstance(body, dict):
        return
    if isinstance(body.get("episodes"), list):
        keep = path == "/timer/save"
        end = _slot() if keep else NOW
        body["episodes"] = _waves(len(body["episodes"]), end, zone=keep or len(body) % 2 == 0)
    if path == "/v1/interview":
        body["answers"] = []  # an answer must answer the question asked at that point
    if path == "/cds-services/pregback-back-pain" and body.get("prefetch"):
        body["prefetch"] = {}  # prefetched resources must be valid FHIR R4
    if path.startswith("/v1/me"):
        if "at" in body:
            body["at"] = (
                "now"
                if path.endswith(("/start", "/end"))
                else (NOW - timedelta(hours=1)).isoformat()
            )
        if method == "POST" and path == "/v1/me/episodes":
            start = _slot()
            body.update(start=start.isoformat(), end=(start + timedelta(seconds=50)).isoformat())
        if isinstance(body.get("due_date"), str):
            body["due_date"] = (date.today() + timedelta(days=100)).isoformat()
        if isinstance(body.get("facts"), dict):  # the day of an epidural: in the last 42 days
            for fact, answer in body["facts"].items():
                if isinstance(answer, str) and answer not in ("present", "absent"):
                    body["facts"][fact] = date.today().isoformat()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_every_operation_keeps_to_its_schema(case: Any, client: TestClient) -> None:
    headers: dict[str, str] = {}
    if case.path == "/timer/save":
        headers.setdefault("Cookie", f"pb_csrf={CSRF}")
        if isinstance(case.headers, dict) and "X-CSRF-Token" in case.headers:
            case.headers["X-CSRF-Token"] = CSRF
    if case.meta is not None and case.meta.generation.mode.is_positive:
        _keep_the_rules(case)
    response = case.call(headers=headers)
    FIGURES["requests"] += 1
    FIGURES[f"status_{response.status_code // 100}xx"] += 1
    mode = case.meta.generation.mode.value if case.meta is not None else "explicit"
    FIGURES[f"mode_{mode}"] += 1
    case.validate_response(response, headers=headers)
