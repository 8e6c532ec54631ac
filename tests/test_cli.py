"""The terminal commands as a user runs them: assess, batch (the contract), eval, knowledge."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pregback.cli import app

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
    assert checked.exit_code == 0 and "57 rules" in checked.output


def test_assess_without_input_and_without_a_terminal_says_what_is_missing() -> None:
    out = runner.invoke(app, ["assess"], input="")
    assert out.exit_code == 2 and "--findings" in out.output
