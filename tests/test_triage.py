"""The principles of TRIAGE.md section 1 and the week-dependent advice of section 8."""

from __future__ import annotations

from typing import Any

import pytest

from pregback.core.triage import assess
from pregback.knowledge.schema import URGENCY_LEVELS

RANK = {level: i for i, level in enumerate(URGENCY_LEVELS)}


def test_ordinary_backache_is_self_care_with_a_safety_net(kb: Any) -> None:
    result = assess(
        {"gestational_weeks": 24, "pain_severity": 3, "pain_locations": ["lower_back"]}, kb=kb
    )
    assert result.urgency == "self_care"
    assert result.causes[0].id == "mechanical_back_pain"
    assert result.plan, "a self-care plan is offered"
    levels = [line.urgency for line in result.safety_net]
    assert "emergency" in levels and "urgent" in levels
    emergency = next(line for line in result.safety_net if line.urgency == "emergency")
    assert kb.symptoms["heavy_bleeding"].label in emergency.signs
    # P2: a self_care result is never silent about what was not asked.
    asked = {q.id for q in result.unanswered}
    assert {"vaginal_bleeding", "fluid_leak", "reduced_fetal_movement"} <= asked


def test_highest_urgency_wins_and_every_reason_is_kept(kb: Any) -> None:
    result = assess(
        {
            "gestational_weeks": 30,
            "pain_severity": 7,
            "symptoms": {"heavy_bleeding": "present", "dysuria": "present"},
        },
        kb=kb,
    )
    assert result.urgency == "emergency"
    fired = [r.id for r in result.fired]
    assert {"E1", "S4", "S9"} <= set(fired)
    assert fired[0].startswith("E"), "reasons are listed most urgent first"


def test_unknown_week_applies_every_window_and_says_so(kb: Any) -> None:
    result = assess({"symptoms": {"mucus_plug_loss": "present"}}, kb=kb)
    assert result.urgency == "urgent"  # P3 example: U4 applies at some week
    assert any("weeks pregnant" in note for note in result.notes)
    assert result.unanswered[0].id == "gestational_weeks"


def test_urgent_action_at_13_to_19_weeks_names_the_early_pregnancy_unit(kb: Any) -> None:
    early = assess({"gestational_weeks": 15, "symptoms": {"vaginal_bleeding": "present"}}, kb=kb)
    later = assess({"gestational_weeks": 25, "symptoms": {"vaginal_bleeding": "present"}}, kb=kb)
    assert early.urgency == later.urgency == "urgent"
    assert "early pregnancy" in early.action.lower()
    assert "early pregnancy" not in later.action.lower()


@pytest.mark.parametrize("weeks", [13, 20, 30, 40])
def test_ectopic_is_never_proposed_from_13_weeks(weeks: int, kb: Any) -> None:
    result = assess(
        {
            "gestational_weeks": weeks,
            "symptoms": {
                "shoulder_tip_pain": "present",
                "dizziness_fainting": "present",
                "vaginal_bleeding": "present",
            },
        },
        kb=kb,
    )
    assert "ectopic_pregnancy" not in result.cause_ids


def test_causes_are_ranked_by_fit_not_rule_order(kb: Any) -> None:
    result = assess(
        {
            "gestational_weeks": 26,
            "pain_locations": ["flank"],
            "symptoms": {"colicky_pain": "present", "blood_in_urine": "present"},
        },
        kb=kb,
    )
    assert result.cause_ids[0] == "kidney_stone"
    pgp = assess(
        {
            "gestational_weeks": 30,
            "pain_locations": ["pelvic_girdle"],
            "symptoms": {"clicking_pelvis": "present", "pain_on_one_leg": "present"},
        },
        kb=kb,
    )
    assert pgp.cause_ids[0] == "pelvic_girdle_pain"


def test_term_early_labour_stays_home_with_the_labour_plan(kb: Any) -> None:
    result = assess(
        {
            "gestational_weeks": 39,
            "symptoms": {"abdominal_tightening": "present", "first_pregnancy": "present"},
        },
        kb=kb,
    )
    assert result.urgency == "self_care"
    assert result.cause_ids[0] == "term_labour"
    labour_items = [p.id for p in result.plan if kb.advice[p.id].labour]
    assert (
        labour_items and result.plan[0].id == labour_items[0]
    ), "the early-labour plan comes first"


def test_first_pregnancy_is_the_one_protective_finding(kb: Any) -> None:
    base = {"gestational_weeks": 39, "episode_interval_min": 8}
    assert assess(base, kb=kb).urgency == "urgent"  # U10: parity unknown counts as not first
    first = assess({**base, "symptoms": {"first_pregnancy": "present"}}, kb=kb)
    assert first.urgency == "self_care"


# ---------------------------------------------------------------- TRIAGE 8: advice by week
def _shown(weeks: float | None, kb: Any, **extra: Any) -> list[Any]:
    findings: dict[str, Any] = {
        "pain_locations": ["lower_back", "pelvic_girdle", "upper_back"],
        **extra,
    }
    if weeks is not None:
        findings["gestational_weeks"] = weeks
    return [kb.advice[p.id] for p in assess(findings, kb=kb).plan]


@pytest.mark.parametrize("weeks", [None, 16, 16.5, 20, 28, 40])
def test_no_exercise_lying_on_the_back_from_16_weeks(weeks: float | None, kb: Any) -> None:
    assert not [a.id for a in _shown(weeks, kb) if a.supine]


@pytest.mark.parametrize("weeks", [None, 20, 24, 39])
def test_from_20_weeks_the_plan_warns_against_nsaids(weeks: float | None, kb: Any) -> None:
    """TRIAGE 8 (2026-12-06): never suggested; from 20 weeks (or week unknown) a warning is shown."""
    nsaid = [a for a in _shown(weeks, kb) if a.nsaid]
    assert [a.id for a in nsaid] == ["nsaid_warning_from_20"]
    assert nsaid[0].kind == "warning" and "low-dose aspirin" in nsaid[0].summary.lower()
    assert "tell your midwife" in nsaid[0].summary.lower()


@pytest.mark.parametrize("weeks", [6, 12, 19])
def test_before_20_weeks_the_plan_says_ask_first(weeks: float, kb: Any) -> None:
    nsaid = [a for a in _shown(weeks, kb) if a.nsaid]
    assert [a.id for a in nsaid] == ["nsaid_ask_first"] and nsaid[0].kind == "warning"


def test_supine_items_exist_and_are_shown_early_only(kb: Any) -> None:
    supine = [a for a in kb.advice.values() if a.supine]
    assert supine, "the knowledge base keeps a supine exercise so the week limit is exercised"
    assert all(a.never_from_week is not None and a.never_from_week <= 16 for a in supine)


def test_sleep_on_side_from_28_weeks(kb: Any) -> None:
    side = [a.id for a in kb.advice.values() if a.weeks.min == 28]
    assert side
    assert not set(side) & {a.id for a in _shown(20, kb)}
    assert set(side) & {a.id for a in _shown(30, kb)}


def test_contested_claims_are_recorded_with_better_evidence(kb: Any) -> None:
    text = " ".join(f"{c.claim} {c.better_evidence}".lower() for c in kb.claims.values())
    for topic in ("b1", "calcium", "acupuncture"):
        assert topic in text
    assert all(c.verdict and c.sources for c in kb.claims.values())


@pytest.mark.parametrize("weeks", [10, 22, 38, None])
def test_a_trauma_result_signposts_help_with_domestic_abuse(weeks: float | None, kb: Any) -> None:
    """docs/safety.md H18: after a fall or a blow, the plan says where to get help, at any level."""
    findings: dict[str, Any] = {"symptoms": {"trauma": "present"}}
    if weeks is not None:
        findings["gestational_weeks"] = weeks
    plan = {p.id: p for p in assess(findings, kb=kb).plan}
    assert "safe_at_home" in plan
    assert "0808 2000 247" in plan["safe_at_home"].summary
    assert "safe_at_home" not in [p.id for p in assess({"gestational_weeks": 22}, kb=kb).plan]


# ------------------------------------------------------- TRIAGE 3.1, 3.2: the level texts (2026-12-06)
URGENT = {"symptoms": {"fever": "present"}}
FALLBACK = "If the unit does not answer within a few minutes, call the emergency number or NHS 111"


@pytest.mark.parametrize(
    "extra", [{"gestational_weeks": 8}, {"gestational_weeks": 15}, {"gestational_weeks": 30}, {}]
)
def test_every_urgent_action_ends_with_the_fallback(extra: dict[str, Any], kb: Any) -> None:
    result = assess({**URGENT, **extra}, kb=kb)
    assert result.urgency == "urgent" and FALLBACK in result.action
    after = assess({"symptoms": {"fever": "present", "given_birth": "present"}}, kb=kb)
    assert after.urgency == "urgent" and FALLBACK in after.action and "GP" in after.action


def test_the_emergency_action_names_the_labour_ward_only_in_pregnancy_from_13_weeks(
    kb: Any,
) -> None:
    chest = {"symptoms": {"chest_pain": "present"}}
    for weeks in (6, 12):
        action = assess({**chest, "gestational_weeks": weeks}, kb=kb).action
        assert "emergency department" in action and "labour ward" not in action
    for weeks in (13, 30):
        assert "labour ward" in assess({**chest, "gestational_weeks": weeks}, kb=kb).action
    assert "labour ward" in assess(chest, kb=kb).action  # week unknown
    after = assess({"symptoms": {"chest_pain": "present", "given_birth": "present"}}, kb=kb)
    assert "labour ward" not in after.action and "emergency department" in after.action


def test_after_the_birth_pregback_says_it_is_built_for_pregnancy(kb: Any) -> None:
    result = assess(
        {"pain_locations": ["lower_back"], "symptoms": {"given_birth": "present"}}, kb=kb
    )
    assert result.urgency == "same_day" and "built for pregnancy" in result.action
    assert [p.id for p in result.plan] == ["after_birth_talk"]
    assert not {"term_labour", "preterm_labour", "placental_abruption"} & set(result.cause_ids)


# ------------------------------------------------------- TRIAGE 8: the advice words (2026-12-06)
def test_paracetamol_gives_its_dose_in_words_and_says_a_fever_means_call(kb: Any) -> None:
    item = kb.advice["paracetamol"]
    words = " ".join([item.summary, *item.steps, *item.cautions])
    for needed in (
        "1 g (two 500 mg tablets)",
        "4 hours apart",
        "4 g (eight 500 mg tablets)",
        "under 50 kg",
        "codeine",
        "fever (38 °C or more), call your maternity unit",
    ):
        assert needed in words
    assert "do not stop paracetamol" in words.lower()


@pytest.mark.parametrize("weeks", [20, 30, 36])
def test_no_tens_before_37_weeks_and_never_on_the_bump(weeks: int, kb: Any) -> None:
    term = {
        "gestational_weeks": 38,
        "symptoms": {"abdominal_tightening": "present", "first_pregnancy": "present"},
    }
    assert "tens_in_labour" in [p.id for p in assess(term, kb=kb).plan]
    early = {**term, "gestational_weeks": weeks}
    assert "tens_in_labour" not in [p.id for p in assess(early, kb=kb).plan]
    assert "never on your bump" in " ".join(kb.advice["tens_in_labour"].steps).lower()


def test_heat_is_never_on_the_bump_nor_on_numb_skin_and_no_hot_tubs(kb: Any) -> None:
    cautions = " ".join(kb.advice["warmth_on_back"].cautions).lower()
    assert "never on skin that feels numb" in cautions and "hot tubs and saunas" in cautions


@pytest.mark.parametrize(
    "reason", ["previous_caesarean", "multiple_pregnancy", "call_early_in_labour"]
)
def test_early_labour_with_a_reason_to_call_early_says_call_not_stay_home(
    reason: str, kb: Any
) -> None:
    """At 37 weeks a show is early labour (T); with these reasons U24/U25 make it urgent, and the
    plan says to call as soon as labour starts instead of staying at home."""
    base = {
        "gestational_weeks": 38,
        "symptoms": {"first_pregnancy": "present", "pelvic_pressure": "present"},
    }
    plain = [p.id for p in assess(base, kb=kb).plan]
    assert "labour_stay_home_early" in plain and "labour_call_at_start" not in plain
    found = {**base, "symptoms": {**base["symptoms"], reason: "present"}}
    plan = [p.id for p in assess(found, kb=kb).plan]
    assert "labour_stay_home_early" not in plan and "labour_call_at_start" in plan


@pytest.mark.parametrize(
    "sign", ["vaginal_bleeding", "cervical_risk", "high_blood_pressure", "fluid_leak"]
)
def test_exercise_is_replaced_by_ask_your_team(sign: str, kb: Any) -> None:
    plan = {
        p.id
        for p in assess(
            {
                "gestational_weeks": 10,
                "pain_locations": ["lower_back"],
                "symptoms": {sign: "present"},
            },
            kb=kb,
        ).plan
    }
    assert (
        "exercise_ask_team" in plan and not {"walking", "water_exercise", "pelvic_tilt_wall"} & plan
    )


def test_first_aid_for_a_fit_is_shown_with_e15(kb: Any) -> None:
    result = assess({"gestational_weeks": 35, "symptoms": {"collapse": "present"}}, kb=kb)
    (fit,) = [p for p in result.plan if p.id == "first_aid_fit"]
    assert "left side" in fit.summary and "nothing in her mouth" in fit.summary
    e15 = next(r for r in result.fired if r.id == "E15")
    assert "eclampsia" in e15.reason
    early = assess({"gestational_weeks": 10, "symptoms": {"collapse": "present"}}, kb=kb)
    assert "eclampsia" not in next(r for r in early.fired if r.id == "E15").reason
