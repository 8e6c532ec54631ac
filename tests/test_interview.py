"""The interview asks the week first, then red flags that could raise the level, and stops when none can."""

from __future__ import annotations

from typing import Any

import pytest

from pregback.errors import FindingsError
from pregback.findings import parse_findings
from pregback.interview import apply_answer, next_question


def test_asks_the_week_first_then_the_pain_then_emergency_red_flags(kb: Any) -> None:
    found = parse_findings({}, kb)
    ask, _ = next_question(found, kb=kb)
    assert ask is not None and ask.id == "gestational_weeks" and ask.kind == "scalar"
    found = apply_answer(found, ask, 30, kb)
    described = []
    ask, _ = next_question(found, kb=kb)
    while ask is not None and ask.kind == "scalar":
        described.append(ask.id)
        ask, _ = next_question(found, kb=kb, skipped=described)
    assert {"pain_locations", "onset", "pain_severity"} <= set(described)
    assert ask is not None and ask.kind == "symptoms" and ask.could_raise_to == "emergency"


def test_two_part_rules_are_reached_from_a_blank_start(kb: Any) -> None:
    # U23 needs a low-lying placenta AND tightenings: neither alone raises term early labour.
    found = parse_findings(
        {
            "gestational_weeks": 38,
            "pain_locations": ["lower_back"],
            "pain_severity": 3,
            "onset": "gradual",
            "pattern": "constant",
            "pain_duration_days": 1,
            "symptoms": {"first_pregnancy": "present", "abdominal_tightening": "present"},
        },
        kb,
    )
    asked: list[str] = []
    for _ in range(80):
        ask, result = next_question(
            found, kb=kb, skipped=[a for a in asked if not a.startswith("group:")]
        )
        if ask is None:
            break
        asked.append(ask.id)
        if ask.kind == "symptoms":
            say_yes = [i.id for i in ask.items if i.id == "low_lying_placenta"]
            found = apply_answer(found, ask, say_yes, kb)
    assert result.urgency == "urgent" and "U23" in [r.id for r in result.fired]


def test_no_bleeding_means_it_is_not_asked_whether_bleeding_is_heavy(kb: Any) -> None:
    found = parse_findings(
        {"gestational_weeks": 30, "symptoms": {"vaginal_bleeding": "absent"}}, kb
    )
    skipped: list[str] = []
    for _ in range(80):
        ask, _ = next_question(found, kb=kb, skipped=skipped)
        if ask is None:
            break
        assert "heavy_bleeding" not in [i.id for i in ask.items]
        if ask.kind == "symptoms":
            found = apply_answer(found, ask, [], kb)
        else:
            skipped.append(ask.id)


def test_answering_none_of_every_group_ends_at_a_result(kb: Any) -> None:
    found = parse_findings(
        {
            "gestational_weeks": 30,
            "pain_locations": ["lower_back"],
            "pain_severity": 3,
            "pain_duration_days": 2,
            "onset": "gradual",
            "pattern": "constant",
        },
        kb,
    )
    skipped: set[str] = set()
    for _ in range(80):
        ask, result = next_question(found, kb=kb, skipped=skipped)
        if ask is None:
            break
        if ask.kind == "symptoms":
            found = apply_answer(found, ask, [], kb)
        else:
            skipped.add(ask.id)
    else:
        pytest.fail("the interview did not end")
    assert result.urgency == "self_care"
    assert not [q for q in result.unanswered if q.id not in skipped]


def test_a_red_flag_answer_raises_the_level(kb: Any) -> None:
    found = parse_findings({"gestational_weeks": 30}, kb)
    ask, _ = next_question(
        found, kb=kb, skipped=["pain_severity", "pain_locations", "onset", "pattern"]
    )
    assert ask is not None and ask.kind == "symptoms"
    found = apply_answer(found, ask, [ask.items[0].id], kb)
    _, result = next_question(found, kb=kb)
    assert result.urgency == "emergency"


def test_an_answer_outside_the_choices_is_a_clear_error(kb: Any) -> None:
    found = parse_findings({"gestational_weeks": 30}, kb)
    ask, _ = next_question(found, kb=kb)
    assert ask is not None
    with pytest.raises(FindingsError) as err:
        apply_answer(found, ask, ["not_a_symptom"], kb)
    assert "not_a_symptom" in str(err.value)


@pytest.mark.parametrize("answer", [3, True, {"x": 1}, [1, 2]])
def test_a_group_answer_that_is_not_a_list_of_ids_is_a_clear_error(answer: Any, kb: Any) -> None:
    found = parse_findings({"gestational_weeks": 30}, kb)
    ask, _ = next_question(
        found, kb=kb, skipped=["pain_severity", "pain_locations", "onset", "pattern"]
    )
    assert ask is not None and ask.kind == "symptoms"
    with pytest.raises(FindingsError):
        apply_answer(found, ask, answer, kb)
