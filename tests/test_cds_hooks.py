"""CDS Hooks 2.0: discovery and the patient-view service, requests and responses checked against
the specification's shapes; a card says what is missing instead of guessing."""

from __future__ import annotations

import re
import shutil
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.api_helpers import TestClient, assert_problem, quiet_settings
from tests.fhir_helpers import check_resource, response_for

SERVICE = "/cds-services/pregback-back-pain"
PREFETCH_TOKEN = re.compile(
    r"\{\{(context\.\w+|userPractitionerId|userPractitionerRoleId|userPatientId|userRelatedPersonId)\}\}"
)


def check_discovery(body: dict[str, Any]) -> None:
    """CDS Hooks 2.0 §Discovery: services[] with hook, id, description (required), title, prefetch."""
    assert set(body) == {"services"} and isinstance(body["services"], list)
    for service in body["services"]:
        assert isinstance(service["hook"], str) and isinstance(service["id"], str)
        assert isinstance(service["description"], str) and service["description"]
        for template in service.get("prefetch", {}).values():
            assert all(
                PREFETCH_TOKEN.fullmatch(t) for t in re.findall(r"\{\{[^}]*\}\}", template)
            ), template
            resource = template.split("?")[0].split("/")[0]
            assert re.fullmatch(r"[A-Z][A-Za-z]+", resource), template


def check_card(card: dict[str, Any]) -> None:
    """CDS Hooks 2.0 §Card attributes."""
    assert isinstance(card["summary"], str) and 0 < len(card["summary"]) < 140
    assert card["indicator"] in ("info", "warning", "critical")
    assert isinstance(card["source"]["label"], str) and card["source"]["label"]
    assert set(card["source"]) <= {"label", "url", "icon", "topic"}
    uuid.UUID(card["uuid"])
    assert isinstance(card.get("detail", ""), str)
    for link in card.get("links", []):
        assert link["label"] and link["type"] in ("absolute", "smart")
        assert link["url"].startswith(("http://", "https://"))
    assert "suggestions" not in card or "selectionBehavior" in card


def check_response(body: dict[str, Any]) -> list[dict[str, Any]]:
    assert set(body) <= {"cards", "systemActions"}
    for card in body["cards"]:
        check_card(card)
    cards: list[dict[str, Any]] = body["cards"]
    return cards


def _iso(delta: timedelta) -> str:
    return (datetime.now(UTC) - delta).isoformat()


def _bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
        "entry": [{"resource": r} for r in resources],
    }


def _observation(
    code: str, value: dict[str, Any], when: timedelta, patient: str = "p1"
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": f"o-{code}",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "subject": {"reference": f"Patient/{patient}"},
        "effectiveDateTime": _iso(when),
        **value,
    }


def hook_request(prefetch: dict[str, Any] | None, patient: str = "p1") -> dict[str, Any]:
    request: dict[str, Any] = {
        "hook": "patient-view",
        "hookInstance": str(uuid.uuid4()),
        "fhirServer": "https://ehr.example/fhir",
        "context": {"userId": "Practitioner/midwife-1", "patientId": patient},
    }
    if prefetch is not None:
        request["prefetch"] = prefetch
    # The request we send is itself a CDS Hooks 2.0 request.
    uuid.UUID(request["hookInstance"])
    assert request["context"]["userId"].split("/")[0] in (
        "Practitioner",
        "PractitionerRole",
        "Patient",
        "RelatedPerson",
    )
    for value in (prefetch or {}).values():
        if value is not None:
            check_resource(value)
    return request


@pytest.fixture(scope="module")
def questionnaire(client: TestClient) -> dict[str, Any]:
    data: dict[str, Any] = client.get("/fhir/Questionnaire/pregback").json()
    return data


def _answers(
    questionnaire: dict[str, Any],
    findings: dict[str, Any],
    patient: str = "p1",
    age: timedelta = timedelta(hours=1),
) -> dict[str, Any]:
    return _bundle(
        response_for(
            questionnaire, findings, subject={"reference": f"Patient/{patient}"}, authored=_iso(age)
        )
    )


def test_discovery_lists_the_patient_view_service(client: TestClient) -> None:
    body = client.get("/cds-services").json()
    check_discovery(body)
    (service,) = body["services"]
    assert service["hook"] == "patient-view" and service["id"] == "pregback-back-pain"
    assert set(service["prefetch"]) == {
        "patient",
        "gestationalAge",
        "painScore",
        "questionnaireResponse",
    }
    assert (
        "11884-4" in service["prefetch"]["gestationalAge"]
        and "72514-3" in service["prefetch"]["painScore"]
    )


def test_a_full_record_gives_one_card_with_reasons_source_and_links(
    client: TestClient, questionnaire: dict[str, Any]
) -> None:
    findings = {
        "pain_locations": ["lower_back"],
        "pattern": "rhythmic",
        "episode_interval_min": 8,
        "symptoms": {"vaginal_bleeding": "absent", "discharge_change": "present"},
    }
    prefetch = {
        "patient": {"resourceType": "Patient", "id": "p1"},
        "gestationalAge": _bundle(
            _observation(
                "11884-4",
                {
                    "valueQuantity": {
                        "value": 31,
                        "unit": "wk",
                        "system": "http://unitsofmeasure.org",
                        "code": "wk",
                    }
                },
                timedelta(days=14),
            )
        ),
        "painScore": _bundle(_observation("72514-3", {"valueInteger": 6}, timedelta(hours=2))),
        "questionnaireResponse": _answers(questionnaire, findings),
    }
    r = client.post(SERVICE, json=hook_request(prefetch))
    assert r.status_code == 200, r.text
    (card,) = check_response(r.json())
    expected = client.post(
        "/v1/assess", json={"findings": {**findings, "gestational_weeks": 33, "pain_severity": 6}}
    ).json()
    assert expected["urgency"] == "urgent" and card["indicator"] == "critical"
    assert "33 weeks" in card["summary"] and expected["label"] in card["summary"]
    for rule in expected["rules"]:
        assert rule["reason"] in card["detail"]
    assert "pain score 6/10" in card["detail"] and "gestational age 33" in card["detail"]
    assert card["source"]["label"].startswith("pregback")
    assert any("/v1/knowledge/rules/" in link["url"] for link in card["links"])


@pytest.mark.parametrize("level", ["emergency", "urgent", "same_day", "routine", "self_care"])
def test_the_indicator_follows_the_urgency(
    client: TestClient,
    questionnaire: dict[str, Any],
    dev_cases: list[dict[str, Any]],
    level: str,
    kb: Any,
) -> None:
    case = next(
        c
        for c in dev_cases
        if c["expected"]["urgency"] == level and "gestational_weeks" in c["findings"]
    )
    urgency = client.post("/v1/assess", json={"findings": case["findings"]}).json()["urgency"]
    r = client.post(
        SERVICE,
        json=hook_request({"questionnaireResponse": _answers(questionnaire, case["findings"])}),
    )
    (card,) = check_response(r.json())
    assert card["indicator"] == kb.service[urgency].cds_indicator  # from levels.yaml
    assert card["indicator"] == {
        "emergency": "critical",
        "urgent": "critical",
        "same_day": "warning",
    }.get(urgency, "info")


def test_the_indicator_comes_from_the_knowledge_base(
    questionnaire: dict[str, Any], tmp_path: Path
) -> None:
    """A reviewer's copy of levels.yaml that makes urgent a warning changes the card."""
    from pregback.interfaces.api.app import create_app
    from pregback.knowledge import DATA

    folder = tmp_path / "kb"
    shutil.copytree(DATA, folder)
    levels = folder / "levels.yaml"
    text = levels.read_text()
    urgent = text.index("- level: urgent")
    levels.write_text(
        text[:urgent]
        + text[urgent:].replace("cds_indicator: critical", "cds_indicator: warning", 1)
    )
    findings = {"gestational_weeks": 30, "symptoms": {"vaginal_bleeding": "present"}}
    with TestClient(create_app(quiet_settings(knowledge_path=str(folder)))) as copy:
        assert copy.post("/v1/assess", json={"findings": findings}).json()["urgency"] == "urgent"
        r = copy.post(
            SERVICE, json=hook_request({"questionnaireResponse": _answers(questionnaire, findings)})
        )
    (card,) = check_response(r.json())
    assert card["indicator"] == "warning"


@pytest.mark.parametrize(
    "prefetch",
    [
        None,
        {},
        {"patient": {"resourceType": "Patient", "id": "p1"}, "questionnaireResponse": None},
        {"questionnaireResponse": _bundle()},
    ],
)
def test_without_her_answers_the_card_says_what_is_missing(
    client: TestClient, prefetch: dict[str, Any] | None
) -> None:
    (card,) = check_response(client.post(SERVICE, json=hook_request(prefetch)).json())
    assert card["indicator"] == "info" and "not assessed" in card["summary"]
    assert "QuestionnaireResponse" in card["detail"] and "gestational age" in card["detail"]
    for label in ("Emergency", "Urgent", "Self-care"):
        assert label not in card["summary"]


def test_old_answers_and_another_patients_answers_are_not_used(
    client: TestClient, questionnaire: dict[str, Any]
) -> None:
    findings = {"gestational_weeks": 30, "symptoms": {"heavy_bleeding": "present"}}
    old = client.post(
        SERVICE,
        json=hook_request(
            {"questionnaireResponse": _answers(questionnaire, findings, age=timedelta(days=5))}
        ),
    )
    (card,) = check_response(old.json())
    assert "not assessed" in card["summary"] and "more than 72 hours ago" in card["detail"]
    other = client.post(
        SERVICE,
        json=hook_request(
            {"questionnaireResponse": _answers(questionnaire, findings, patient="p2")}
        ),
    )
    (card,) = check_response(other.json())
    assert "not assessed" in card["summary"] and "another patient" in card["detail"]


def test_missing_gestational_age_and_old_pain_score_are_named(
    client: TestClient, questionnaire: dict[str, Any]
) -> None:
    prefetch = {
        "questionnaireResponse": _answers(questionnaire, {"pain_locations": ["lower_back"]}),
        "painScore": _bundle(_observation("72514-3", {"valueInteger": 9}, timedelta(days=3))),
    }
    (card,) = check_response(client.post(SERVICE, json=hook_request(prefetch)).json())
    assert "**Missing:**" in card["detail"]
    assert "gestational age" in card["detail"].split("**Missing:**")[1]
    assert "pain score from the last 24 hours" in card["detail"] and "9/10" not in card["detail"]


@pytest.mark.parametrize(
    ("change", "status", "pointer"),
    [
        (lambda r: r.pop("hookInstance"), 422, "#/hookInstance"),
        (lambda r: r.update(hook="order-select"), 422, "#/hook"),
        (lambda r: r["context"].pop("patientId"), 422, "#/context/patientId"),
        (
            lambda r: r.update(
                prefetch={
                    "painScore": _bundle({"resourceType": "Observation", "code": {"text": "pain"}})
                }
            ),
            422,
            "#/prefetch/painScore/entry/0/resource/status",
        ),
        (
            lambda r: r.update(
                prefetch={"patient": {"resourceType": "Patient", "id": "someone-else"}}
            ),
            422,
            "#/prefetch/patient/id",
        ),
        (
            lambda r: r.update(prefetch={"x": {"resourceType": "NotAResource"}}),
            422,
            "#/prefetch/x/resourceType",
        ),
        (lambda r: r.update(surprise=True), 422, "#/surprise"),
    ],
)
def test_requests_that_break_the_specification_are_422(
    client: TestClient, change: Any, status: int, pointer: str
) -> None:
    request = hook_request(None)
    change(request)
    body = assert_problem(client.post(SERVICE, json=request), status)
    assert pointer in [e["pointer"] for e in body["errors"]], body["errors"]


def test_an_unknown_service_is_404(client: TestClient) -> None:
    assert_problem(
        client.post("/cds-services/no-such-service", json=hook_request(None)), 404, "not_found"
    )
