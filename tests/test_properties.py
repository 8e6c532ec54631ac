"""Invariants held for any input (Hypothesis): P4 monotonicity, determinism, result-or-clear-error."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pregback.errors import PregbackError
from pregback.knowledge import default_knowledge
from pregback.knowledge.schema import URGENCY_LEVELS
from pregback.triage import assess

KB = default_knowledge()
RANK = {level: i for i, level in enumerate(URGENCY_LEVELS)}
SYMPTOMS = sorted(KB.symptoms)
NOT_PROTECTIVE = [s for s in SYMPTOMS if not KB.symptoms[s].protective]
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def findings(draw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["gestational_weeks"] = draw(st.integers(1, 45) | st.floats(1, 45))
    if draw(st.booleans()):
        out["pain_severity"] = draw(st.integers(0, 10))
    if draw(st.booleans()):
        out["pain_duration_days"] = draw(st.floats(0, 400))
    if draw(st.booleans()):
        out["pain_locations"] = draw(st.lists(st.sampled_from(sorted(KB.locations)), unique=True))
    for key in ("onset", "pattern"):
        if draw(st.booleans()):
            out[key] = draw(st.sampled_from(KB.scalars[key].choices))
    if draw(st.booleans()):
        out["episode_interval_min"] = draw(st.floats(0.5, 60))
    if draw(st.booleans()):
        out["episode_duration_s"] = draw(st.floats(5, 300))
    if draw(st.booleans()):
        out["episodes_last_hour"] = draw(st.integers(0, 30))
    if draw(st.booleans()):
        out["pattern_hours"] = draw(st.floats(0, 24))
    out["symptoms"] = draw(
        st.dictionaries(
            st.sampled_from(SYMPTOMS), st.sampled_from(["present", "absent"]), max_size=12
        )
    )
    return out


@FAST
@given(findings(), st.sampled_from(NOT_PROTECTIVE))
def test_a_symptom_becoming_present_never_lowers_the_urgency(
    base: dict[str, Any], symptom: str
) -> None:
    before = assess(base, kb=KB).urgency
    after = assess({**base, "symptoms": {**base["symptoms"], symptom: "present"}}, kb=KB).urgency
    assert RANK[after] >= RANK[before]


@FAST
@given(findings(), st.lists(st.sampled_from(NOT_PROTECTIVE), min_size=1, max_size=5))
def test_more_red_flags_never_lower_the_urgency(base: dict[str, Any], more: list[str]) -> None:
    before = assess(base, kb=KB).urgency
    changed = dict(base["symptoms"])
    changed.update(dict.fromkeys(more, "present"))
    assert RANK[assess({**base, "symptoms": changed}, kb=KB).urgency] >= RANK[before]


@FAST
@given(findings())
def test_same_input_same_output(data: dict[str, Any]) -> None:
    assert assess(data, kb=KB).to_dict() == assess(json.loads(json.dumps(data)), kb=KB).to_dict()


@FAST
@given(findings())
def test_no_advice_outside_its_weeks(data: dict[str, Any]) -> None:
    result = assess(data, kb=KB)
    weeks = data.get("gestational_weeks")
    for item in result.plan:
        a = KB.advice[item.id]
        if a.supine or a.nsaid or a.never_from_week:
            assert weeks is not None and weeks < (a.never_from_week or 99)
            assert not a.supine or weeks < KB.limits.supine_exercise_from_week
            assert not a.nsaid or weeks < KB.limits.nsaid_from_week
        if weeks is not None and a.weeks.min is not None:
            assert weeks >= a.weeks.min
        if weeks is not None and a.weeks.max is not None:
            assert weeks < a.weeks.max + 1


@FAST
@given(findings())
def test_self_care_is_never_silent_about_what_was_not_asked(data: dict[str, Any]) -> None:
    result = assess(data, kb=KB)
    if result.urgency == "self_care":
        assert result.safety_net, "a self_care result always names what would raise the level"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=20), inner, max_size=4),
    max_leaves=20,
)
KEYS = st.sampled_from([*KB.scalars, "symptoms", "other"])


@FAST
@given(st.dictionaries(KEYS, JSON, max_size=6) | JSON)
def test_any_findings_object_gives_a_result_or_a_clear_error(data: Any) -> None:
    try:
        result = assess(data, kb=KB)
    except PregbackError as exc:
        assert exc.problems and all(p.field or p.message for p in exc.problems)
        return
    assert result.urgency in RANK
