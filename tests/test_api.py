"""The REST API in process: assess, read, interview and knowledge give what the core gives, and every
bad request is a 4xx problem (RFC 9457) naming the field at fault."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from pregback.core.batch import run_lines
from pregback.interfaces.api.settings import Settings
from pregback.interfaces.cli.app import app as cli_app
from tests.api_helpers import TestClient, assert_problem, quiet_settings

PRETERM = {
    "gestational_weeks": 33,
    "pain_locations": ["lower_back"],
    "pattern": "rhythmic",
    "episode_interval_min": 8,
    "symptoms": {"vaginal_bleeding": "absent", "discharge_change": "present"},
}


def test_assess_findings_gives_the_full_assessment(client: TestClient, kb: Any) -> None:
    r = client.post("/v1/assess", json={"findings": PRETERM})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["urgency"] == "urgent"
    assert body["causes"][0]["id"] == "preterm_labour"
    assert body["rules"] and all(rule["sources"] and rule["reason"] for rule in body["rules"])
    assert body["action"] and body["disclaimer"] and body["safety_net"]
    assert body["findings"] == PRETERM
    assert body["knowledge_version"] == kb.version


def test_timed_waves_are_summarised_and_can_raise_the_level(client: TestClient) -> None:
    waves = [
        {"start": f"2026-03-01T10:{m:02d}:00", "end": f"2026-03-01T10:{m:02d}:50"}
        for m in range(0, 60, 4)
    ]
    r = client.post("/v1/assess", json={"findings": {"gestational_weeks": 39}, "episodes": waves})
    assert r.status_code == 200
    timing = r.json()["timing"]
    assert timing["count"] == len(waves) and timing["current_interval_min"] == 4.0
    alone = client.post("/v1/assess", json={"findings": {"gestational_weeks": 39}}).json()
    assert alone["timing"] is None


def _batch_line(case: dict[str, Any]) -> dict[str, Any]:
    (line,) = list(run_lines([json.dumps(case)]))
    return line


@pytest.mark.parametrize("variant", ["findings", "message", "both"])
def test_the_api_gives_the_batch_result_for_every_development_case(
    client: TestClient, dev_cases: list[dict[str, Any]], variant: str
) -> None:
    keys = {
        "findings": ("findings", "episodes"),
        "message": ("message", "episodes"),
        "both": ("findings", "message", "episodes"),
    }[variant]
    checked = 0
    for case in dev_cases:
        request = {k: case[k] for k in keys if k in case}
        if not set(request) - {"episodes"}:
            continue
        expected = _batch_line({"id": case["id"], **request})
        r = client.post("/v1/assess", json=request)
        if "error" in expected:
            assert 400 <= r.status_code < 500, (case["id"], r.text)
            continue
        assert r.status_code == 200, (case["id"], r.text)
        body = r.json()
        got = {
            "urgency": body["urgency"],
            "causes": [c["id"] for c in body["causes"]],
            "findings": body["findings"],
            "rules": [rule["id"] for rule in body["rules"]],
        }
        assert got == {k: expected[k] for k in got}, case["id"]
        checked += 1
    assert checked >= len(dev_cases) * 0.9


def test_the_api_gives_what_the_cli_prints(
    client: TestClient, dev_cases: list[dict[str, Any]]
) -> None:
    runner = CliRunner()
    for case in dev_cases[:5]:
        out = runner.invoke(
            cli_app, ["assess", "--findings", "-", "--json"], input=json.dumps(case["findings"])
        )
        assert out.exit_code == 0, out.output
        assert client.post("/v1/assess", json={"findings": case["findings"]}).json() == json.loads(
            out.output
        )


def test_a_message_is_read_and_the_reading_is_returned(client: TestClient) -> None:
    message = "I'm 33 weeks and my lower back aches in waves every 8 minutes, no bleeding"
    r = client.post("/v1/assess", json={"message": message})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["findings"]["gestational_weeks"] == 33
    assert body["reading"]["findings"] == body["findings"]
    read = client.post("/v1/read", json={"message": message})
    assert read.status_code == 200
    assert read.json() == body["reading"]


@pytest.mark.parametrize(
    ("payload", "code", "pointer"),
    [
        ({"findings": {"pain_severity": 11}}, "invalid_findings", "#/findings/pain_severity"),
        (
            {"findings": {"symptoms": {"fever": "maybe"}}},
            "invalid_findings",
            "#/findings/symptoms/fever",
        ),
        ({"findings": {"no_such_key": 1}}, "invalid_findings", "#/findings/no_such_key"),
        ({"findings": []}, "invalid_findings", "#/findings"),
        (
            {"episodes": [{"start": "yesterday", "end": "2026-03-01T10:00:00"}]},
            "invalid_episodes",
            "#/episodes/0/start",
        ),
        (
            {
                "episodes": [
                    {"start": "2026-03-01T10:00:00", "end": "2026-03-01T10:01:00"},
                    {"start": "2026-03-01T10:00:30", "end": "2026-03-01T10:02:00"},
                ]
            },
            "invalid_episodes",
            "#/episodes",
        ),
        ({"message": 42}, "invalid_request", "#/message"),
        ({"findings": {}, "expected": {"urgency": "routine"}}, "invalid_request", "#/expected"),
        ({}, "invalid_case", None),
    ],
)
def test_bad_input_is_a_422_problem_naming_the_field(
    client: TestClient, payload: dict[str, Any], code: str, pointer: str | None
) -> None:
    body = assert_problem(client.post("/v1/assess", json=payload), 422, code)
    if pointer:
        assert pointer in [e["pointer"] for e in body["errors"]], body


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b"{not json", 400, "bad_json"),
        (b'{"findings": {"pain_severity": NaN}}', 400, "bad_json"),
        (b'{"findings": {"pain_duration_days": 1' + b"0" * 400 + b"}}", 400, "bad_json"),
        (b"[" * 100_000 + b"]" * 100_000, 400, "bad_json"),
        (b"", 400, "bad_json"),
        (b'"just a string"', 422, "invalid_request"),
        (b"\xff\xfe", 400, "bad_json"),
    ],
)
def test_malformed_bodies_are_4xx_never_500(
    client: TestClient, content: bytes, status: int, code: str
) -> None:
    r = client.post("/v1/assess", content=content, headers={"content-type": "application/json"})
    assert_problem(r, status, code)


def test_limits_on_body_size_message_length_and_episodes(client: TestClient) -> None:
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    big = b'{"message": "' + b"a" * settings.max_body_bytes + b'"}'
    assert_problem(
        client.post("/v1/assess", content=big, headers={"content-type": "application/json"}),
        413,
        "body_too_large",
    )

    def chunks() -> Any:
        for _ in range(settings.max_body_bytes // 1000 + 2):
            yield b" " * 1000

    r = client.post("/v1/assess", content=chunks(), headers={"content-type": "application/json"})
    assert_problem(r, 413, "body_too_large")
    long = "back pain " * (settings.max_message_chars // 10 + 1)
    body = assert_problem(client.post("/v1/read", json={"message": long}), 422, "message_too_long")
    assert body["errors"][0]["pointer"] == "#/message"
    waves = [{"start": "2026-03-01T10:00:00", "end": "2026-03-01T10:00:30"}] * (
        settings.max_episodes + 1
    )
    assert_problem(client.post("/v1/assess", json={"episodes": waves}), 422, "invalid_request")


def test_only_json_is_accepted(client: TestClient) -> None:
    r = client.post(
        "/v1/assess",
        content=b"findings=1",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert_problem(r, 415, "unsupported_media_type")
    ok = client.post(
        "/v1/assess", content=json.dumps({"findings": {}}).encode()
    )  # no type given: read as JSON
    assert ok.status_code == 200


def test_unknown_paths_and_methods_are_problems(client: TestClient) -> None:
    assert_problem(client.get("/v1/nothing-here"), 404, "not_found")
    r = client.get("/v1/assess")
    assert_problem(r, 405, "method_not_allowed")
    assert "POST" in r.headers["allow"]


def test_security_headers_on_answers_and_errors(client: TestClient) -> None:
    for r in (
        client.post("/v1/assess", json={"findings": {}}),
        client.get("/v1/nothing"),
        client.post("/v1/assess", content=b"{"),
    ):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert r.headers["cache-control"] == "no-store"
        assert "server" not in r.headers or "uvicorn" not in r.headers["server"]


def test_cors_is_closed_unless_configured(client: TestClient) -> None:
    r = client.post(
        "/v1/assess", json={"findings": {}}, headers={"Origin": "https://elsewhere.example"}
    )
    assert "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/v1/assess",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in pre.headers
    from pregback.interfaces.api.app import create_app

    opened = TestClient(create_app(quiet_settings(cors_origins=("https://clinic.example",))))
    ok = opened.options(
        "/v1/assess",
        headers={
            "Origin": "https://clinic.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert (
        ok.status_code == 200
        and ok.headers["access-control-allow-origin"] == "https://clinic.example"
    )
    other = opened.post(
        "/v1/assess", json={"findings": {}}, headers={"Origin": "https://elsewhere.example"}
    )
    assert "access-control-allow-origin" not in other.headers


def test_interview_asks_until_nothing_could_change_the_level(client: TestClient) -> None:
    first = client.post("/v1/interview", json={}).json()
    assert not first["done"] and first["question"]["id"] == "gestational_weeks"
    assert first["question"]["kind"] == "form" and "number" in first["question"]["accepts"]
    assert first["progress"]["screen"] == 1 and first["progress"]["about"] >= 2
    week = {"gestational_weeks": 30, "given_birth": False}
    answers: list[dict[str, Any]] = [{"question": "gestational_weeks", "answer": week}]
    for _ in range(40):
        r = client.post(
            "/v1/interview",
            json={"findings": {"pain_locations": ["lower_back"]}, "answers": answers},
        )
        assert r.status_code == 200, r.text
        body = r.json()
        if body["done"]:
            break
        q = body["question"]
        assert q["id"] and q["text"] and (q["items"] or q["fields"] or q["kind"] == "scalar")
        assert body["progress"]["screen"] == len(answers) + 1
        assert body["progress"]["about"] >= body["progress"]["screen"]
        answers.append({"question": q["id"], "answer": "none" if q["kind"] == "symptoms" else None})
    else:
        pytest.fail("the interview did not end")
    assert body["question"] is None and body["assessment"]["urgency"] == "self_care"
    assert body["findings"]["gestational_weeks"] == 30 and body["answered"] == len(answers)
    assert len(answers) <= 8 and body["call"] == {"to": "none", "number": None}
    again = client.post(
        "/v1/interview", json={"findings": {"pain_locations": ["lower_back"]}, "answers": answers}
    )
    assert again.json() == body  # stateless: the same answers give the same result


def test_an_emergency_in_the_message_is_done_at_the_first_reply(
    client: TestClient, kb: Any
) -> None:
    message = "30 weeks, back pain and now numb between my legs and i cant pee"
    body = client.post("/v1/interview", json={"message": message}).json()
    assert body["done"] and body["question"] is None
    assert body["assessment"]["urgency"] == "emergency"
    assert body["call"] == {"to": "emergency", "number": kb.locale.emergency}
    assert any(r["id"] == "E6" for r in body["assessment"]["rules"])
    assert any(p["id"].startswith("waiting_") for p in body["assessment"]["plan"])
    assert body["reading"]["findings"]["symptoms"]["saddle_numbness"] == "present"
    # Further questions are offered for the crew, never required: answering them keeps it done.
    optional = body["optional"]
    assert optional is not None and "ambulance crew" in optional["why"]
    answered = client.post(
        "/v1/interview",
        json={"message": message, "answers": [{"question": optional["id"], "answer": None}]},
    ).json()
    assert answered["done"] and answered["assessment"]["urgency"] == "emergency"


def test_urgent_asks_only_what_could_make_it_an_emergency(client: TestClient) -> None:
    start = {"findings": {"gestational_weeks": 30, "symptoms": {"vaginal_bleeding": "present"}}}
    body = client.post("/v1/interview", json=start).json()
    assert not body["done"] and body["assessment"]["urgency"] == "urgent"
    assert body["call"]["to"] == "unit"
    answers: list[dict[str, Any]] = []
    while not body["done"]:
        q = body["question"]
        assert q["could_raise_to"] == "emergency", q["id"]
        answers.append({"question": q["id"], "answer": "none" if q["kind"] == "symptoms" else None})
        body = client.post("/v1/interview", json={**start, "answers": answers}).json()
    assert body["assessment"]["urgency"] == "urgent" and len(answers) <= 5


def test_a_correction_replaces_what_was_read(client: TestClient) -> None:
    message = "30 weeks, back pain and now numb between my legs and i cant pee"
    fixed = client.post(
        "/v1/interview",
        json={
            "message": message,
            "corrections": {"saddle_numbness": "absent", "bladder_bowel_dysfunction": "unknown"},
        },
    ).json()
    assert not fixed["done"] and fixed["assessment"]["urgency"] != "emergency"
    assert fixed["findings"]["symptoms"]["saddle_numbness"] == "absent"
    assert fixed["reading"]["findings"]["symptoms"]["saddle_numbness"] == "present"
    bad = client.post("/v1/interview", json={"message": message, "corrections": {"fever": "hot"}})
    assert assert_problem(bad, 422, "invalid_answer")["errors"][0]["pointer"] == (
        "#/corrections/fever"
    )
    odd = client.post("/v1/interview", json={"corrections": {"not_a_finding": 1}})
    assert_problem(odd, 422, "invalid_answer")


def _first_symptoms_question(
    client: TestClient, start: dict[str, Any]
) -> tuple[dict[str, Any], list[Any]]:
    """Skip other questions (don't know) until the interview asks about a group of symptoms."""
    answers: list[dict[str, Any]] = []
    for _ in range(20):
        q = client.post("/v1/interview", json={**start, "answers": answers}).json()["question"]
        if q["kind"] == "symptoms":
            return q, answers
        answers.append({"question": q["id"], "answer": None})
    raise AssertionError("no symptoms question")


def test_a_red_flag_answer_raises_the_level_in_the_interview(client: TestClient) -> None:
    start = {"findings": {"gestational_weeks": 30}}
    q, answers = _first_symptoms_question(client, start)
    assert q["could_raise_to"] == "emergency" and q["danger"]
    assert "saddle_numbness" in [i["id"] for i in q["items"]]
    answers.append({"question": q["id"], "answer": ["saddle_numbness"]})
    body = client.post("/v1/interview", json={**start, "answers": answers}).json()
    assert body["done"] and body["assessment"]["urgency"] == "emergency"


def test_a_group_of_signs_is_one_item_and_the_next_question_asks_which(
    client: TestClient,
) -> None:
    """Below an emergency, signs of one kind are one tick (members listed); ticked, the next
    question names each of them; the answer sets the level."""
    start = {"findings": {"gestational_weeks": 30, "pain_severity": 4}}
    answers: list[dict[str, Any]] = []
    for _ in range(12):
        q = client.post("/v1/interview", json={**start, "answers": answers}).json()["question"]
        if q["id"] == "signs:urgent":
            break
        answers.append({"question": q["id"], "answer": "none" if q["kind"] == "symptoms" else None})
    else:
        pytest.fail("no screen of urgent signs")
    group = next(i for i in q["items"] if i["id"] == "group:preeclampsia_signs")
    assert "severe_headache" in group["members"] and "Severe headache" in group["meaning"]
    assert all(i["members"] == [] for i in q["items"] if not i["id"].startswith("group:"))
    answers.append({"question": q["id"], "answer": [group["id"]]})
    body = client.post("/v1/interview", json={**start, "answers": answers}).json()
    assert not body["done"] and body["question"]["id"] == "which"
    assert [i["id"] for i in body["question"]["items"]] == group["members"]
    answers.append({"question": "which", "answer": ["visual_disturbance"]})
    body = client.post("/v1/interview", json={**start, "answers": answers}).json()
    assert body["assessment"]["urgency"] == "urgent"
    assert body["assessment"]["findings"]["symptoms"]["visual_disturbance"] == "present"


def test_interview_answers_that_do_not_fit_are_problems(client: TestClient) -> None:
    wrong = client.post(
        "/v1/interview", json={"answers": [{"question": "pain_severity", "answer": 3}]}
    )
    assert (
        assert_problem(wrong, 422, "invalid_answer")["errors"][0]["pointer"]
        == "#/answers/0/question"
    )
    week = {"gestational_weeks": 99}
    out = client.post(
        "/v1/interview", json={"answers": [{"question": "gestational_weeks", "answer": week}]}
    )
    assert (
        assert_problem(out, 422, "invalid_answer")["errors"][0]["pointer"] == "#/answers/0/answer"
    )
    start = {"findings": {"gestational_weeks": 30}}
    group, answers = _first_symptoms_question(client, start)
    for odd in (True, 5, {"a": 1}, []):
        odd_answer = {"question": group["id"], "answer": odd}
        r = client.post("/v1/interview", json={**start, "answers": [*answers, odd_answer]})
        assert r.status_code == 422, r.text
    empty = {"question": group["id"], "answer": []}
    r = client.post("/v1/interview", json={**start, "answers": [*answers, empty]})
    assert "none" in assert_problem(r, 422, "invalid_answer")["detail"]  # never taken as "no"
    shape = client.post("/v1/interview", json={"answers": [{"question": "gestational_weeks"}]})
    assert_problem(shape, 422, "invalid_request")


def test_knowledge_for_review(client: TestClient, kb: Any) -> None:
    index = client.get("/v1/knowledge").json()
    assert index["version"] == kb.version and index["kinds"]["rules"] == len(kb.rules)
    for kind in ("causes", "rules", "advice", "sources"):
        body = client.get(f"/v1/knowledge/{kind}").json()
        assert [i["id"] for i in body["items"]] == list(getattr(kb, kind))
    rule = client.get("/v1/knowledge/rules/E1").json()
    assert rule == kb.rules["E1"].model_dump(mode="json") and rule["sources"]
    assert_problem(client.get("/v1/knowledge/rules/NOPE"), 404, "not_found")
    assert_problem(client.get("/v1/knowledge/secrets"), 422, "invalid_request")


def test_openapi_and_docs_are_published(client: TestClient, kb: Any) -> None:
    doc = client.get("/openapi.json").json()
    for path in (
        "/v1/assess",
        "/v1/read",
        "/v1/interview",
        "/v1/knowledge/{kind}",
        "/v1/me/entries",
        "/cds-services",
        "/cds-services/{service_id}",
        "/fhir/Questionnaire/pregback",
        "/fhir/QuestionnaireResponse/$assess",
    ):
        assert path in doc["paths"], path
    findings = doc["components"]["schemas"]["Findings"]
    assert set(findings["properties"]["symptoms"]["properties"]) == set(kb.symptoms)
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    assert "swagger" in client.get("/docs").text.lower()
    from pregback.interfaces.api.app import create_app

    closed = TestClient(create_app(quiet_settings(docs=False)))
    assert closed.get("/openapi.json").status_code == 404 and closed.get("/docs").status_code == 404


def test_health_and_problem_types(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    body = client.get("/problems/invalid_findings").json()
    assert body["status"] == 422 and body["title"]
    assert_problem(client.get("/problems/nope"), 404, "not_found")


def test_logs_hold_no_personal_data(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    secret = "Zephyrine-Quillfeather lives at 12 Acacia Avenue"
    with caplog.at_level("DEBUG"):
        client.post("/v1/assess", json={"message": f"33 weeks, back pain. {secret}"})
        client.post("/v1/assess", json={"findings": {"pain_severity": 99}, "message": secret})
        client.get("/v1/knowledge/rules/E1?q=" + secret.replace(" ", "+"))
    server = [
        r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))
    ]  # the test's own client
    text = "\n".join(r.getMessage() for r in server)
    assert "Zephyrine" not in text and "Acacia" not in text
    access = [r.getMessage() for r in caplog.records if r.name == "pregback.access"]
    assert any("/v1/knowledge/{kind}/{record_id}" in line for line in access), access


def test_the_fast_encoding_is_exactly_the_assessments_dict(
    dev_cases: list[dict[str, Any]], kb: Any
) -> None:
    from pregback.core.batch import assess_case
    from pregback.interfaces.api.render import assessment_json

    for case in dev_cases:
        for keys in (("findings",), ("message",), ("findings", "episodes")):
            if all(k in case for k in keys):
                result, _ = assess_case({k: case[k] for k in keys}, kb)
                for _ in range(2):  # the second time from the cache
                    assert json.loads(assessment_json(result)) == result.to_dict(), case["id"]


def test_settings_come_from_the_environment_and_bad_values_are_named() -> None:
    s = Settings.from_env(
        {
            "PREGBACK_CORS_ORIGINS": "https://a.example, https://b.example",
            "PREGBACK_SIGNUP": "no",
            "PREGBACK_MAX_BODY_BYTES": "1000",
            "PREGBACK_MAX_MESSAGE_CHARS": "99999999",
        }
    )
    assert s.cors_origins == ("https://a.example", "https://b.example") and s.signup is False
    assert (
        s.max_body_bytes == 1000 and s.max_message_chars == Settings().max_message_chars
    )  # capped
    with pytest.raises(ValueError, match="PREGBACK_MAX_EPISODES"):
        Settings.from_env({"PREGBACK_MAX_EPISODES": "-3"})
    out = CliRunner().invoke(cli_app, ["serve"], env={"PREGBACK_DOCS": "maybe"})
    assert out.exit_code == 2 and "PREGBACK_DOCS" in out.output


@pytest.mark.parametrize("path", ["/v1/assess", "/v1/read", "/v1/interview"])
@pytest.mark.parametrize("message", ["", "   ", "\n\t"])
def test_an_empty_message_is_refused_never_read_as_no_symptoms(
    client: TestClient, path: str, message: str
) -> None:
    r = client.post(path, json={"message": message})
    body = assert_problem(r, 422)
    assert [e["field"] for e in body["errors"]] == ["message"] and "empty" in body["detail"]
