"""The terminal commands as a user runs them: assess, batch (the contract), eval, knowledge."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pregback.interfaces.cli.app import app

runner = CliRunner()


def test_assess_from_a_findings_file_prints_the_urgency_first(tmp_path: Path) -> None:
    f = tmp_path / "f.json"
    f.write_text(json.dumps({"gestational_weeks": 30, "symptoms": {"fluid_leak": "present"}}))
    out = runner.invoke(app, ["assess", "--findings", str(f)])
    assert out.exit_code == 0, out.output
    first = out.output.strip().splitlines()[1]
    assert "URGENT" in first and "maternity unit" in out.output.lower()
    assert "does not diagnose" in out.output


def test_assess_json_from_stdin() -> None:
    out = runner.invoke(
        app, ["assess", "--findings", "-", "--json"], input='{"gestational_weeks": 20}'
    )
    assert out.exit_code == 0
    data = json.loads(out.output)
    assert data["urgency"] == "self_care" and data["safety_net"] and data["disclaimer"]


def test_assess_bad_input_exits_2_naming_the_field(tmp_path: Path) -> None:
    out = runner.invoke(app, ["assess", "--findings", "-"], input='{"pain_severity": 12}')
    assert out.exit_code == 2
    assert "pain_severity" in out.output and "12" in out.output and "<= 10" in out.output
    out = runner.invoke(app, ["assess", "--findings", "-"], input="{not json")
    assert out.exit_code == 2 and "not valid JSON" in out.output


def test_batch_keeps_order_and_a_bad_line_loses_nothing() -> None:
    lines = [
        {
            "id": "a",
            "findings": {"gestational_weeks": 30, "symptoms": {"heavy_bleeding": "present"}},
        },
        "{broken",
        {"id": "c", "findings": {"gestational_weeks": 99}},
        {"id": "d", "findings": {"gestational_weeks": 12}, "expected": {"urgency": "emergency"}},
        {"id": "e"},
        {
            "id": "f",
            "findings": {"gestational_weeks": 39},
            "episodes": [{"start": "2026-03-01T10:00:00", "end": "2026-03-01T09:00:00"}],
        },
    ]
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    out = runner.invoke(app, ["batch", "-"], input=text)
    assert out.exit_code == 2, "a batch with a bad line says so in its exit status"
    assert "4 cases could not be assessed (lines 2, 3, 5, 6)" in out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in results] == ["a", None, "c", "d", "e", "f"]
    assert results[0]["urgency"] == "emergency" and results[0]["causes"]
    assert results[1]["error"]["code"] == "bad_json"
    assert "gestational_weeks" in results[2]["error"]["message"]
    assert results[3]["urgency"] == "self_care", "expected is never read"
    assert results[4]["error"]["code"] == "invalid_case"
    assert results[5]["error"]["code"] == "invalid_episodes"
    good = runner.invoke(app, ["batch", "-"], input=json.dumps(lines[0]) + "\n")
    assert good.exit_code == 0
    assert "exit status is 2 when any line could not be assessed" in " ".join(
        runner.invoke(app, ["batch", "--help"]).output.split()
    )


def test_eval_scores_a_case_file(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        "\n".join(
            json.dumps(c)
            for c in [
                {
                    "id": "x1",
                    "findings": {"gestational_weeks": 30, "symptoms": {"fluid_leak": "present"}},
                    "expected": {"urgency": "urgent", "causes": ["rupture_of_membranes"]},
                },
                {
                    "id": "x2",
                    "findings": {"gestational_weeks": 30},
                    "expected": {"urgency": "urgent", "causes": ["preterm_labour"]},
                },
            ]
        )
    )
    out = runner.invoke(app, ["eval", str(cases), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)["structured"]
    assert data["agreement"] == 0.5 and data["severe_under_triaged"] == 1
    assert [m["id"] for m in data["misses"]] == ["x2"]


def test_knowledge_review_commands() -> None:
    listed = runner.invoke(app, ["knowledge", "list", "rules"])
    assert listed.exit_code == 0 and "E12" in listed.output
    shown = runner.invoke(app, ["knowledge", "show", "U9"])
    assert shown.exit_code == 0 and "ACOG-LAB" in shown.output
    bad = runner.invoke(app, ["knowledge", "show", "Z9"])
    assert bad.exit_code == 2 and "Z9" in bad.output
    checked = runner.invoke(app, ["knowledge", "check"])
    from pregback.knowledge import default_knowledge

    assert checked.exit_code == 0 and f"{len(default_knowledge().rules)} rules" in checked.output


def test_assess_without_input_and_without_a_terminal_says_what_is_missing() -> None:
    out = runner.invoke(app, ["assess"], input="")
    assert out.exit_code == 2 and "--findings" in out.output


def test_message_dash_reads_standard_input() -> None:
    said = "33 weeks, my lower back aches in waves every 8 minutes, no bleeding"
    piped = runner.invoke(app, ["assess", "--message", "-", "--json"], input=said)
    given = runner.invoke(app, ["assess", "--message", said, "--json"])
    assert piped.exit_code == 0 and given.exit_code == 0, piped.output
    from_pipe, from_option = json.loads(piped.output), json.loads(given.output)
    assert from_pipe["reading"] == from_option["reading"] and from_pipe["reading"]["evidence"]
    assert from_pipe["urgency"] == from_option["urgency"] == "urgent"
    read = runner.invoke(app, ["read", "-", "--json"], input=said)
    assert json.loads(read.output)["findings"]["gestational_weeks"] == 33


def test_an_empty_message_is_an_error_never_a_result_from_nothing() -> None:
    for args, text in (
        (["assess", "--message", ""], None),
        (["assess", "--message", "   \n"], None),
        (["assess", "--message", "-"], ""),
        (["assess", "--message", "-", "--json"], "  \n"),
        (["read", ""], None),
        (["read", "-"], "\n"),
    ):
        out = runner.invoke(app, args, input=text)
        assert out.exit_code == 2, (args, out.output)
        assert "the message is empty" in out.output
        assert "self_care" not in out.output and "AT HOME" not in out.output.upper()


def test_what_was_read_is_shown_in_plain_labels_not_ids() -> None:
    out = runner.invoke(
        app,
        ["read", "33 wks, back aching every 8-10 mins, no bleeding, it hurts in my pelvis"],
        env={"COLUMNS": "160"},
    )
    assert out.exit_code == 0
    text = " ".join(out.output.split())
    for plain in ("Weeks pregnant", "33 weeks", "Bleeding from the vagina", "Pelvis", "9 min"):
        assert plain in text
    for raw in ("gestational_weeks", "vaginal_bleeding", "pelvic_girdle", "episode_interval_min"):
        assert raw not in text
