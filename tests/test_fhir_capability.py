"""What a FHIR client finds first: /fhir/metadata as a CapabilityStatement naming only what is
served; and the standard codes (SNOMED CT, LOINC) that findings and causes carry in FHIR output."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from pregback.knowledge import KnowledgeBase
from tests.api_helpers import TestClient
from tests.fhir_helpers import check_resource, codings, response_for

SNOMED, LOINC = "http://snomed.info/sct", "http://loinc.org"


def test_metadata_is_a_capability_statement_of_what_is_served(client: TestClient) -> None:
    r = client.get("/fhir/metadata")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
    data = r.json()
    statement = check_resource(data)
    assert isinstance(statement, CapabilityStatement)
    assert data["kind"] == "instance" and data["fhirVersion"] == "4.0.1"
    assert "application/fhir+json" in data["format"]
    assert data["implementation"]["url"].endswith("/fhir")
    (rest,) = data["rest"]
    assert rest["mode"] == "server"
    served = {res["type"]: res for res in rest["resource"]}
    assert set(served) == {"Questionnaire", "QuestionnaireResponse"}
    # Every interaction and operation it names answers.
    assert [i["code"] for i in served["Questionnaire"]["interaction"]] == ["read"]
    assert client.get("/fhir/Questionnaire/pregback").status_code == 200
    assert [o["name"] for o in served["QuestionnaireResponse"]["operation"]] == ["assess"]
    assert "interaction" not in served["QuestionnaireResponse"]
    questionnaire = client.get("/fhir/Questionnaire/pregback").json()
    assessed = client.post(
        "/fhir/QuestionnaireResponse/$assess",
        json=response_for(questionnaire, {"gestational_weeks": 30}),
        headers={"Content-Type": "application/fhir+json"},
    )
    assert assessed.status_code == 200, assessed.text


def test_the_questionnaire_carries_the_standard_codes(
    client: TestClient, kb: KnowledgeBase
) -> None:
    questionnaire = client.get("/fhir/Questionnaire/pregback").json()
    check_resource(questionnaire)  # fhir.resources validates every coding
    items = {i["linkId"]: i for g in questionnaire["item"] for i in g["item"]}
    assert len([c for cs in kb.codes.values() for c in cs if c.system == SNOMED]) >= 10
    for rid, expected in kb.codes.items():
        if rid in kb.causes:
            continue
        got = {(c["system"], c["code"], c["display"]) for c in items[rid]["code"]}
        assert {(c.system, c.code, c.display) for c in expected} <= got, rid
    assert codings(items["vaginal_bleeding"], SNOMED) == ["289530006"]
    assert codings(items["pain_severity"], LOINC) == ["72514-3"]
    assert codings(items["gestational_weeks"], LOINC) == ["11884-4"]
    uncoded = [sid for sid in kb.symptoms if sid not in kb.codes]
    assert uncoded and all(not codings(items[sid], SNOMED) for sid in uncoded)


def test_assessed_causes_carry_their_snomed_codes(client: TestClient, kb: KnowledgeBase) -> None:
    questionnaire = client.get("/fhir/Questionnaire/pregback").json()
    answers: dict[str, Any] = {
        "gestational_weeks": 28,
        "pain_locations": ["flank"],
        "symptoms": {"fever": "present", "chills_rigors": "present", "dysuria": "present"},
    }
    r = client.post(
        "/fhir/QuestionnaireResponse/$assess",
        json=response_for(questionnaire, answers),
        headers={"Content-Type": "application/fhir+json"},
    )
    assert r.status_code == 200, r.text
    risk = next(p["resource"] for p in r.json()["parameter"] if p["name"] == "riskAssessment")
    check_resource(risk)
    outcomes = {
        c["code"]: p["outcome"]["coding"]
        for p in risk["prediction"]
        for c in p["outcome"]["coding"]
        if "CodeSystem/cause" in c["system"]
    }
    assert "pyelonephritis" in outcomes
    assert {"system": SNOMED, "code": "45816000", "display": "Pyelonephritis"} in outcomes[
        "pyelonephritis"
    ]
    for cause, coding in outcomes.items():
        assert len(coding) == 1 + len(kb.codes.get(cause, ()))
