"""The interview asks the week first, then red flags that could raise the level, and stops when none can."""

from __future__ import annotations

from typing import Any

import pytest

from pregback.errors import FindingsError
from pregback.findings import parse_findings
from pregback.interview import apply_answer, next_question


def test_asks_the_week_first_then_emergency_red_flags(kb: Any) -> None:
    found = parse_findings({}, kb)
    ask, _ = next_question(found, kb=kb)
    assert ask is not None and ask.id == "gestational_weeks" and ask.kind == "scalar"
    found = apply_answer(found, ask, 30, kb)
    ask, _ = next_question(found, kb=kb)
    assert ask is not None and ask.could_raise_to == "emergency"


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
    ask, _ = next_question(found, kb=kb)
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
