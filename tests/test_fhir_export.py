"""`pregback export --fhir`: a FHIR R4 Bundle her maternity team's systems can read. Validated with
fhir.resources (R4B module), and, because fhir.resources does not check codes, every code checked
against its value set here. Runs over SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pregback.interfaces.cli.app import app
from pregback.interfaces.exports.fhir_bundle import build_bundle, validate_bundle
from pregback.knowledge import default_knowledge
from pregback.store.db import Store
from pregback.store.repository import Repository

NOW = datetime.now(UTC).replace(microsecond=0)

# Value sets of FHIR R4 (hl7.org/fhir/R4): the codes each element may take.
BUNDLE_TYPE = {
    "document",
    "message",
    "transaction",
    "transaction-response",
    "batch",
    "batch-response",
    "history",
    "searchset",
    "collection",
}
OBSERVATION_STATUS = {
    "registered",
    "preliminary",
    "final",
    "amended",
    "corrected",
    "cancelled",
    "entered-in-error",
    "unknown",
}
OBSERVATION_CATEGORY = (
    "http://terminology.hl7.org/CodeSystem/observation-category",
    {
        "social-history": "Social History",
        "vital-signs": "Vital Signs",
        "imaging": "Imaging",
        "laboratory": "Laboratory",
        "procedure": "Procedure",
        "survey": "Survey",
        "exam": "Exam",
        "therapy": "Therapy",
        "activity": "Activity",
    },
)
QUESTIONNAIRE_RESPONSE_STATUS = {
    "in-progress",
    "completed",
    "amended",
    "entered-in-error",
    "stopped",
}
# The LOINC codes pregback emits, with their LOINC long common names.
LOINC = {
    "72514-3": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    "11884-4": "Gestational age Estimated",
    "11778-8": "Delivery date Estimated",
}
UCUM_UNITS = {"wk", "s"}
SLEEP = default_knowledge().symptoms["sleep_disturbed"].label
FHIR_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def loinc_check_digit(code: str) -> int:
    """LOINC's mod 10 check digit, as the LOINC Users' Guide computes it."""
    digits = code.split("-")[0][::-1]  # positions counted from the right
    odd, even = digits[0::2], digits[1::2]
    joined = even + str(int(odd) * 2)
    return (10 - sum(int(c) for c in joined) % 10) % 10


def fill(store: Store) -> None:
    from pregback.core.triage import assess

    with store.session() as s:
        repo = Repository(s)
        me = repo.set_profile(
            due_date=(NOW + timedelta(days=8 * 7)).date(), first_pregnancy=True, today=NOW.date()
        )
        for d in range(5, 0, -1):
            repo.add_entry(
                me,
                {
                    "at": NOW - timedelta(days=d),
                    "pain": d + 2,
                    "locations": ["lower_back", "flank"],
                    "symptoms": ["sleep_disturbed"],
                    "helped": ["warm bath"],
                    "notes": f"day {d}",
                },
                now=NOW,
            )
        for k in (30, 20, 10):
            repo.add_episode(
                me, NOW - timedelta(minutes=k), NOW - timedelta(minutes=k, seconds=-55), now=NOW
            )
        findings = {
            "gestational_weeks": 32,
            "pain_severity": 5,
            "pain_locations": ["lower_back"],
            "onset": "gradual",
            "symptoms": {"abdominal_tightening": "present", "fluid_leak": "absent"},
        }
        repo.save_assessment(
            me, {"given": findings, "findings": findings}, assess(findings).to_dict()
        )


def bundle_of(store: Store) -> dict[str, Any]:
    with store.session() as s:
        repo = Repository(s)
        return build_bundle(repo, repo.require_person(), now=NOW)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_bundle_is_valid_fhir_r4(store: Store) -> None:
    pytest.importorskip(
        "fhir.resources", reason="fhir.resources is in the api extra: pip install '.[api]'"
    )
    from fhir.resources.R4B import get_fhir_model_class

    fill(store)
    bundle = bundle_of(store)
    parsed = validate_bundle(bundle)
    assert parsed.type == "collection" and len(parsed.entry) == len(bundle["entry"])
    for entry in bundle["entry"]:  # and each resource on its own
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    json.dumps(bundle)  # plain JSON all the way down


def test_every_code_is_in_its_value_set(store: Store) -> None:
    fill(store)
    bundle = bundle_of(store)
    assert bundle["type"] in BUNDLE_TYPE
    system, categories = OBSERVATION_CATEGORY
    for obs in resources(bundle, "Observation"):
        assert obs["status"] in OBSERVATION_STATUS
        for cat in obs.get("category", []):
            for coding in cat["coding"]:
                assert (
                    coding["system"] == system and categories[coding["code"]] == coding["display"]
                )
        for coding in obs["code"].get("coding", []):
            assert coding["system"] == "http://loinc.org"
            assert LOINC[coding["code"]] == coding["display"]
        if "valueQuantity" in obs:
            q = obs["valueQuantity"]
            assert (
                q["system"] == "http://unitsofmeasure.org"
                and q["code"] in UCUM_UNITS
                and q["unit"] == q["code"]
            )
    for qr in resources(bundle, "QuestionnaireResponse"):
        assert qr["status"] in QUESTIONNAIRE_RESPONSE_STATUS


def test_the_loinc_codes_carry_valid_check_digits() -> None:
    assert loinc_check_digit("12345-5") == 5  # the worked example of the LOINC Users' Guide
    for code in LOINC:
        assert loinc_check_digit(code) == int(code.split("-")[1]), code


def test_every_diary_entry_wave_and_the_week_are_there(store: Store) -> None:
    fill(store)
    bundle = bundle_of(store)
    obs = resources(bundle, "Observation")
    pain = [o for o in obs if o["code"].get("coding", [{}])[0].get("code") == "72514-3"]
    assert sorted(o["valueInteger"] for o in pain) == [3, 4, 5, 6, 7]
    assert all(o["bodySite"]["text"] == "Lower back, Side of the back" for o in pain)
    day1 = next(o for o in pain if o["valueInteger"] == 3)
    assert day1["note"] == [{"text": f"Symptoms: {SLEEP}. Helped: warm bath. day 1"}]
    assert day1["effectiveDateTime"] == (NOW - timedelta(days=1)).isoformat()
    ga = [o for o in obs if o["code"].get("coding", [{}])[0].get("code") == "11884-4"]
    assert len(ga) == 1 and ga[0]["valueQuantity"]["value"] == 32.0
    due = [o for o in obs if o["code"].get("coding", [{}])[0].get("code") == "11778-8"]
    assert due[0]["valueDateTime"] == (NOW + timedelta(days=8 * 7)).date().isoformat()
    waves = [o for o in obs if "effectivePeriod" in o]
    assert [w["valueQuantity"]["value"] for w in waves] == [55.0, 55.0, 55.0]
    for o in obs:
        for when in (o.get("effectiveDateTime"), *(o.get("effectivePeriod") or {}).values()):
            assert when is None or FHIR_DATETIME.match(when), when


def test_the_questionnaire_response_holds_her_latest_answers(store: Store) -> None:
    fill(store)
    (qr,) = resources(bundle_of(store), "QuestionnaireResponse")
    answers = {i["linkId"]: i["answer"] for i in qr["item"]}
    assert answers["gestational_weeks"] == [{"valueDecimal": 32.0}]
    assert answers["pain_severity"] == [{"valueInteger": 5}]
    assert answers["pain_locations"] == [{"valueString": "Lower back"}]
    assert answers["abdominal_tightening"] == [{"valueBoolean": True}]
    assert answers["fluid_leak"] == [{"valueBoolean": False}]
    assert all(i["text"] for i in qr["item"])  # the question she was asked, in words


def test_references_resolve_and_ids_are_stable(store: Store) -> None:
    fill(store)
    first, second = bundle_of(store), bundle_of(store)
    urls = [e["fullUrl"] for e in first["entry"]]
    assert len(urls) == len(set(urls)) and all(
        re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", u) for u in urls
    )
    (patient,) = resources(first, "Patient")
    assert "name" not in patient  # "me" is not her name; nothing she did not give
    for e in first["entry"]:
        if "subject" in e["resource"]:
            assert e["resource"]["subject"]["reference"] == f"urn:uuid:{patient['id']}"
    assert urls == [e["fullUrl"] for e in second["entry"]]


def test_export_command_writes_the_bundle(store: Store, tmp_path: Path) -> None:
    fill(store)
    runner = CliRunner()
    out = runner.invoke(
        app, ["export", "--fhir", "--db", store.url, "--out", str(tmp_path / "b.json")]
    )
    assert out.exit_code == 0, out.output
    bundle = json.loads((tmp_path / "b.json").read_text())
    assert bundle["resourceType"] == "Bundle" and len(bundle["entry"]) == 1 + 2 + 5 + 3 + 1
    out = runner.invoke(app, ["export", "--db", store.url])
    assert out.exit_code == 2 and "choose a format: --fhir" in out.output
