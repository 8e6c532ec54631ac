"""Findings validation: every bad input gets a message naming the field, the value and what is allowed."""

from __future__ import annotations

from typing import Any

import pytest

from pregback.core.findings import parse_findings
from pregback.errors import FindingsError


@pytest.mark.parametrize(
    ("findings", "field", "allowed_has"),
    [
        ({"gestational_weeks": 50}, "gestational_weeks", "<= 45"),
        ({"gestational_weeks": "thirty"}, "gestational_weeks", "number"),
        ({"pain_severity": 7.5}, "pain_severity", "whole number"),
        ({"pain_severity": True}, "pain_severity", "whole number"),
        ({"episode_interval_min": 0}, "episode_interval_min", "> 0"),
        ({"pain_locations": ["knee"]}, "pain_locations", "lower_back"),
        ({"pain_locations": "lower_back"}, "pain_locations", "list"),
        ({"pattern": "wavy"}, "pattern", "rhythmic"),
        ({"symptoms": {"headache": "present"}}, "symptoms.headache", "symptom id"),
        ({"symptoms": {"fever": "yes"}}, "symptoms.fever", "present"),
        ({"temperature": 38}, "temperature", "gestational_weeks"),
    ],
)
def test_bad_findings_name_field_value_and_allowed(
    findings: dict[str, Any], field: str, allowed_has: str, kb: Any
) -> None:
    with pytest.raises(FindingsError) as err:
        parse_findings(findings, kb)
    problem = err.value.problems[0]
    assert problem.field == field
    assert allowed_has in problem.allowed
    assert field.split(".")[-1] in str(err.value)


def test_every_bad_field_is_reported_at_once(kb: Any) -> None:
    with pytest.raises(FindingsError) as err:
        parse_findings({"gestational_weeks": 0, "pain_severity": 11}, kb)
    assert [p.field for p in err.value.problems] == ["gestational_weeks", "pain_severity"]


def test_unknown_is_not_absent(kb: Any) -> None:
    f = parse_findings({"symptoms": {"fever": "unknown", "dysuria": "absent"}}, kb)
    assert f.status("fever") == "unknown" and f.status("dysuria") == "absent"
    assert f.to_dict() == {"symptoms": {"dysuria": "absent"}}


def test_round_trip(kb: Any) -> None:
    data = {
        "gestational_weeks": 33,
        "pain_locations": ["lower_back", "flank"],
        "pattern": "rhythmic",
        "symptoms": {"vaginal_bleeding": "absent", "discharge_change": "present"},
    }
    assert parse_findings(data, kb).to_dict() == data


def test_a_number_too_large_for_any_real_value_is_a_clear_error(kb: Any) -> None:
    with pytest.raises(FindingsError) as err:
        parse_findings({"pain_duration_days": 10**400}, kb)
    assert err.value.problems[0].field == "pain_duration_days"
