"""Invariants held for any input (Hypothesis): P4 monotonicity, determinism, result-or-clear-error."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pregback.core.triage import assess
from pregback.errors import PregbackError
from pregback.knowledge import default_knowledge
from pregback.knowledge.schema import URGENCY_LEVELS

KB = default_knowledge()
RANK = {level: i for i, level in enumerate(URGENCY_LEVELS)}
SYMPTOMS = sorted(KB.symptoms)
NOT_PROTECTIVE = [s for s in SYMPTOMS if not KB.symptoms[s].protective]
#: TRIAGE P4 (2026-12-06): at a known week >= 37 these signs of early labour switch off the rules
#: that require the early-labour term not to hold (S9, U27); nothing else may lower a level.
EARLY_LABOUR_SIGNS = {
    a[1]
    for clause in KB.plain[("term", "early_labour_at_term")]
    for a in clause
    if a[0] == "present"
}
SWITCHED_OFF_IN_EARLY_LABOUR = {
    r.id for r in KB.rules.values() if r.when is not None and "not_term" in json.dumps(r.when)
}
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


def _lowering_allowed(base: dict[str, Any], added: list[str]) -> set[str]:
    """The rules that may stop firing when `added` become present (TRIAGE P4)."""
    weeks = base.get("gestational_weeks")
    after_birth = base["symptoms"].get("given_birth") == "present"
    if weeks is not None and weeks >= 37 and not after_birth and EARLY_LABOUR_SIGNS & set(added):
        return SWITCHED_OFF_IN_EARLY_LABOUR
    return set()


def _check_monotone(base: dict[str, Any], added: list[str]) -> None:
    before = assess(base, kb=KB)
    changed = dict(base["symptoms"])
    changed.update(dict.fromkeys(added, "present"))
    after = assess({**base, "symptoms": changed}, kb=KB)
    allowed = _lowering_allowed(base, added)
    lost = {r.id for r in before.fired} - {r.id for r in after.fired}
    assert lost <= allowed, f"{added} switched off {lost}"
    if not allowed:
        assert RANK[after.urgency] >= RANK[before.urgency]


@FAST
@given(findings(), st.sampled_from(NOT_PROTECTIVE))
def test_a_symptom_becoming_present_never_lowers_the_urgency(
    base: dict[str, Any], symptom: str
) -> None:
    _check_monotone(base, [symptom])


@FAST
@given(findings(), st.lists(st.sampled_from(NOT_PROTECTIVE), min_size=1, max_size=5))
def test_more_red_flags_never_lower_the_urgency(base: dict[str, Any], more: list[str]) -> None:
    _check_monotone(base, more)


def test_early_labour_at_term_is_the_documented_exception() -> None:
    """TRIAGE 10.34: severe pain at term is same_day; with a sign of early labour, the labour plan."""
    base = {"gestational_weeks": 39, "pain_severity": 8, "symptoms": {"first_pregnancy": "present"}}
    assert assess(base, kb=KB).urgency == "same_day"
    labour = {**base, "symptoms": {**base["symptoms"], "abdominal_tightening": "present"}}
    assert assess(labour, kb=KB).urgency == "self_care"
    assert _lowering_allowed(base, ["abdominal_tightening"]) == {"S9", "U27"}


@FAST
@given(findings())
def test_same_input_same_output(data: dict[str, Any]) -> None:
    assert assess(data, kb=KB).to_dict() == assess(json.loads(json.dumps(data)), kb=KB).to_dict()


@FAST
@given(findings())
def test_no_advice_outside_its_weeks(data: dict[str, Any]) -> None:
    result = assess(data, kb=KB)
    weeks = data.get("gestational_weeks")
    after_birth = data["symptoms"].get("given_birth") == "present"
    for item in result.plan:
        a = KB.advice[item.id]
        if after_birth:
            assert a.after_birth, f"{a.id}: only after-birth items after the birth (TRIAGE 3.6)"
            continue
        assert a.in_pregnancy
        assert not a.nsaid or a.kind == "warning", "NSAIDs are never suggested (TRIAGE 8)"
        if a.supine or a.never_from_week:
            assert weeks is not None and weeks < (a.never_from_week or 99)
            assert not a.supine or weeks < KB.limits.supine_exercise_from_week
        if weeks is not None and a.weeks.min is not None:
            assert weeks >= a.weeks.min
        if weeks is not None and a.weeks.max is not None:
            assert weeks < a.weeks.max + 1


@FAST
@given(findings())
def test_the_nsaid_warning_is_in_every_plan_from_20_weeks(data: dict[str, Any]) -> None:
    """TRIAGE 8: from 20 weeks (or when the week is unknown) the warning is shown, not hidden."""
    weeks = data.get("gestational_weeks")
    if data["symptoms"].get("given_birth") == "present" or (weeks is not None and weeks < 20):
        return
    plan = [p.id for p in assess(data, kb=KB).plan]
    assert "nsaid_warning_from_20" in plan


def _exercise_unsafe(data: dict[str, Any], fired: set[str]) -> bool:
    """TRIAGE 8's ACOG contraindications, written out again from the specification."""
    present = {s for s, v in data["symptoms"].items() if v == "present"}
    weeks = data.get("gestational_weeks")
    return bool(
        ("low_lying_placenta" in present and (weeks is None or weeks >= 20))
        or present & {"cervical_risk", "vaginal_bleeding", "fluid_leak", "high_blood_pressure"}
        or fired & {"U4", "U5", "U6", "U7"}
        or ("U8" in fired and (weeks is None or weeks < 37))
        or (
            "multiple_pregnancy" in present
            and present & {"previous_preterm_birth", "cervical_risk"}
        )
    )


@FAST
@given(findings())
def test_no_exercise_item_with_a_contraindication(data: dict[str, Any]) -> None:
    result = assess(data, kb=KB)
    if _exercise_unsafe(data, {r.id for r in result.fired}):
        shown = [p.id for p in result.plan if KB.advice[p.id].category == "exercise"]
        assert not shown
        if result.plan and data["symptoms"].get("given_birth") != "present":
            assert "exercise_ask_team" in [p.id for p in result.plan]


@FAST
@given(findings())
def test_no_stay_at_home_in_early_labour_with_a_reason_to_call_early(data: dict[str, Any]) -> None:
    present = {s for s, v in data["symptoms"].items() if v == "present"}
    call_early = {
        "previous_caesarean",
        "multiple_pregnancy",
        "call_early_in_labour",
        "low_lying_placenta",
    }
    if present & call_early:
        assert "labour_stay_home_early" not in [p.id for p in assess(data, kb=KB).plan]


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
