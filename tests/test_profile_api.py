"""Her risk profile under /v1/me: GET shows every fact (present, absent or null), PATCH sets them
with errors that name the field, the value and what is allowed, and an assessment through
/v1/me/assess uses her facts and remembers the ones she gives."""

from __future__ import annotations

from datetime import date, timedelta

from tests.api_helpers import TestClient, assert_problem


def test_her_facts_are_shown_and_set(client: TestClient, alice: dict[str, str]) -> None:
    me = client.get("/v1/me", headers=alice).json()
    assert me["facts"]["previous_caesarean"] is None and me["after_birth"] is False
    due = (date.today() + timedelta(days=280 - 30 * 7)).isoformat()
    r = client.patch(
        "/v1/me",
        headers=alice,
        json={
            "due_date": due,
            "facts": {"previous_caesarean": "present", "sickle_cell_disease": "absent"},
            "first_pregnancy": True,
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["week"] == "30+0"
    assert body["facts"]["previous_caesarean"] == "present"
    assert body["facts"]["sickle_cell_disease"] == "absent"
    assert body["facts"]["first_pregnancy"] == "present" and body["first_pregnancy"] is True
    assert client.get("/v1/me", headers=alice).json()["facts"] == body["facts"]
    forget = client.patch("/v1/me", headers=alice, json={"facts": {"sickle_cell_disease": None}})
    assert forget.json()["facts"]["sickle_cell_disease"] is None
    birth = client.patch("/v1/me", headers=alice, json={"facts": {"given_birth": "present"}})
    assert birth.json()["after_birth"] is True and birth.json()["week"] is None


def test_a_spinal_procedure_keeps_its_day(client: TestClient, alice: dict[str, str]) -> None:
    day = (date.today() - timedelta(days=10)).isoformat()
    r = client.patch("/v1/me", headers=alice, json={"facts": {"recent_spinal_procedure": day}})
    assert r.status_code == 200, r.text
    assert r.json()["facts"]["recent_spinal_procedure"] == "present"
    assert r.json()["since"] == {"recent_spinal_procedure": day}
    old = (date.today() - timedelta(days=60)).isoformat()
    bad = client.patch("/v1/me", headers=alice, json={"facts": {"recent_spinal_procedure": old}})
    problem = assert_problem(bad, 422)
    assert problem["errors"][0]["field"] == "facts.recent_spinal_procedure"
    assert "in the last 42 days" in problem["errors"][0]["detail"] + problem["detail"]


def test_a_bad_fact_names_the_field_the_value_and_what_is_allowed(
    client: TestClient, alice: dict[str, str]
) -> None:
    r = client.patch(
        "/v1/me",
        headers=alice,
        json={"facts": {"previous_caesarian": "present", "multiple_pregnancy": "yes please"}},
    )
    problem = assert_problem(r, 422, "invalid_request")
    errors = {e["field"]: e for e in problem["errors"]}
    assert errors["facts.previous_caesarian"]["value"] == "previous_caesarian"
    assert "previous_caesarean" in errors["facts.previous_caesarian"]["allowed"]
    assert errors["facts.multiple_pregnancy"]["value"] == "yes please"
    assert errors["facts.multiple_pregnancy"]["allowed"] == "present, absent or null"
    assert client.get("/v1/me", headers=alice).json()["facts"]["multiple_pregnancy"] is None
    legacy = client.patch("/v1/me", headers=alice, json={"multiple_pregnancy": "yes"})
    assert assert_problem(legacy, 422)["errors"][0]["field"] == "multiple_pregnancy"


def test_an_assessment_remembers_her_facts_and_uses_them_next_time(
    client: TestClient, alice: dict[str, str]
) -> None:
    due = (date.today() + timedelta(days=280 - 39 * 7)).isoformat()
    client.patch("/v1/me", headers=alice, json={"due_date": due, "first_pregnancy": True})
    first = client.post(
        "/v1/me/assess",
        headers=alice,
        json={"findings": {"symptoms": {"previous_caesarean": "present"}}},
    ).json()
    assert any("Kept in your profile" in n for n in first["notes"])
    assert client.get("/v1/me", headers=alice).json()["facts"]["previous_caesarean"] == "present"
    labour = client.post(
        "/v1/me/assess",
        headers=alice,
        json={"findings": {"pattern": "rhythmic", "symptoms": {"abdominal_tightening": "present"}}},
    ).json()
    assert labour["urgency"] == "urgent" and "U24" in [r["id"] for r in labour["rules"]]
