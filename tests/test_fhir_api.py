"""FHIR R4: the pregback Questionnaire and $assess, validated by fhir.resources R4B, with every code
checked against its value set, and the same urgency and causes as the batch command."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pregback.core.batch import run_lines
from pregback.interfaces.api.fhir_build import PRIORITY, SYSTEM
from tests.api_helpers import TestClient, assert_problem
from tests.fhir_helpers import ITEM_CONTROL, UCUM_TIME, check_resource, codings, response_for

ASSESS = "/fhir/QuestionnaireResponse/$assess"


@pytest.fixture(scope="module")
def questionnaire(client: TestClient) -> dict[str, Any]:
    r = client.get("/fhir/Questionnaire/pregback")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
    data: dict[str, Any] = r.json()
    return data


def _items(q: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for group in q["item"] for item in group["item"]]


def test_the_questionnaire_is_valid_fhir_and_asks_everything(
    questionnaire: dict[str, Any], kb: Any
) -> None:
    check_resource(questionnaire)
    assert questionnaire["status"] == "active" and questionnaire["version"] == kb.version
    assert all(group["type"] == "group" for group in questionnaire["item"])
    items = {i["linkId"]: i for i in _items(questionnaire)}
    assert set(items) == set(kb.scalars) | set(kb.symptoms)
    for sid in kb.symptoms:
        assert items[sid]["type"] == "boolean" and items[sid]["text"] == kb.symptoms[sid].question
        assert codings(items[sid], SYSTEM["symptom"]) == [sid]
    for key, spec in kb.scalars.items():
        item = items[key]
        if spec.choices:
            assert [o["valueCoding"]["code"] for o in item["answerOption"]] == spec.choices
            assert item.get("repeats", False) == (spec.type == "list")
        else:
            assert item["type"] == ("integer" if spec.type == "integer" else "decimal")
        ext = {e["url"].rsplit("/", 1)[1]: e for e in item.get("extension", [])}
        if "maxValue" in ext:
            assert next(v for k, v in ext["maxValue"].items() if k.startswith("value")) == spec.max
        if "questionnaire-itemControl" in ext:
            assert (
                set(
                    codings(
                        ext["questionnaire-itemControl"],
                        "http://hl7.org/fhir/questionnaire-item-control",
                    )
                )
                <= ITEM_CONTROL
            )
        if "questionnaire-unit" in ext:
            assert ext["questionnaire-unit"]["valueCoding"]["code"] in UCUM_TIME


def _parts(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    check_resource(body)
    parts = {p["name"]: p["resource"] for p in body["parameter"]}
    assert set(parts) == {"riskAssessment", "carePlan", "communication"}
    for resource in parts.values():
        check_resource(resource)
    return parts


def test_assess_gives_valid_resources_with_the_batch_result_for_every_development_case(
    client: TestClient, questionnaire: dict[str, Any], dev_cases: list[dict[str, Any]], kb: Any
) -> None:
    for case in dev_cases:
        qr = response_for(
            questionnaire,
            case["findings"],
            id="qr-" + case["id"],
            subject={"reference": "Patient/p1"},
        )
        r = client.post(ASSESS, json=qr, headers={"content-type": "application/fhir+json"})
        assert r.status_code == 200, (case["id"], r.text)
        parts = _parts(r.json())
        (line,) = run_lines([json.dumps({"id": case["id"], "findings": case["findings"]})])
        risk, plan, message = parts["riskAssessment"], parts["carePlan"], parts["communication"]
        assert [p["outcome"]["coding"][0]["code"] for p in risk["prediction"]] == line[
            "causes"
        ], case["id"]
        assert {
            c for p in risk["prediction"] for c in codings(p["qualitativeRisk"], SYSTEM["urgency"])
        } == {line["urgency"]}
        assert [b["identifier"]["value"] for b in risk["basis"] if "identifier" in b] == line[
            "rules"
        ]
        assert risk["basis"][0] == {"reference": f"QuestionnaireResponse/qr-{case['id']}"}
        assert (
            risk["subject"] == plan["subject"] == message["subject"] == {"reference": "Patient/p1"}
        )
        assert message["priority"] == PRIORITY[line["urgency"]]
        assert set(codings(plan, SYSTEM["advice"])) <= set(kb.advice)
        assert set(codings(risk, SYSTEM["cause"])) <= set(kb.causes)
        assert (
            plan["supportingInfo"]
            == message["about"]
            == [{"reference": f"RiskAssessment/{risk['id']}"}]
        )


def test_the_plan_is_the_assessments_self_care_plan(
    client: TestClient, questionnaire: dict[str, Any]
) -> None:
    findings = {
        "gestational_weeks": 24,
        "pain_severity": 3,
        "pain_locations": ["lower_back"],
        "symptoms": {"relieved_by_rest": "present"},
    }
    assessment = client.post("/v1/assess", json={"findings": findings}).json()
    parts = _parts(client.post(ASSESS, json=response_for(questionnaire, findings)).json())
    plan_ids = [a["detail"]["code"]["coding"][0]["code"] for a in parts["carePlan"]["activity"]]
    assert plan_ids == [p["id"] for p in assessment["plan"]] and plan_ids
    assert parts["riskAssessment"]["subject"][
        "display"
    ]  # no subject given: still a valid reference
    text = " ".join(p["contentString"] for p in parts["communication"]["payload"])
    assert assessment["action"] in text and assessment["disclaimer"] in text


@pytest.mark.parametrize(
    ("resource", "pointer"),
    [
        ({"resourceType": "QuestionnaireResponse"}, "#/status"),
        (
            {
                "resourceType": "QuestionnaireResponse",
                "status": "completed",
                "item": [{"linkId": "favourite_colour", "answer": [{"valueString": "blue"}]}],
            },
            "#/item/0/linkId",
        ),
        (
            {
                "resourceType": "QuestionnaireResponse",
                "status": "completed",
                "item": [
                    {
                        "linkId": "g",
                        "item": [{"linkId": "pain_severity", "answer": [{"valueInteger": 11}]}],
                    }
                ],
            },
            "#/item/0/item/0/answer",
        ),
        (
            {
                "resourceType": "QuestionnaireResponse",
                "status": "completed",
                "item": [{"linkId": "fever", "answer": [{"valueString": "yes"}]}],
            },
            "#/item/0/answer",
        ),
        (
            {
                "resourceType": "QuestionnaireResponse",
                "status": "completed",
                "item": [{"linkId": "x", "bogus": 1}],
            },
            "#/item/0/bogus",
        ),
    ],
)
def test_bad_questionnaire_responses_are_422_with_the_fhir_path(
    client: TestClient, resource: dict[str, Any], pointer: str
) -> None:
    body = assert_problem(client.post(ASSESS, json=resource), 422, "invalid_fhir")
    assert pointer in [e["pointer"] for e in body["errors"]], body["errors"]


def test_other_resources_and_media_types_are_refused(client: TestClient) -> None:
    assert_problem(
        client.post(
            ASSESS, json={"resourceType": "Observation", "status": "final", "code": {"text": "x"}}
        ),
        422,
        "invalid_fhir",
    )
    assert_problem(client.post(ASSESS, json=[1, 2]), 422, "invalid_fhir")
    assert_problem(
        client.post(
            ASSESS,
            content=b"<QuestionnaireResponse/>",
            headers={"content-type": "application/fhir+xml"},
        ),
        415,
        "unsupported_media_type",
    )
